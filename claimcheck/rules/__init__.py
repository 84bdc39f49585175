"""rules/: the checks, one small module per family (DESIGN.md "Findings").

Each rule is a function over one Group (the claims of one metric family) that yields
Findings and Verified checks; it is registered with its code, default severity and a
one-line summary. Its documentation with an example is docs/rules/CCnnn.md (shipped in
claimcheck/rules/docs/, which `claimcheck explain CCnnn` prints).

    CC1xx conflicts     same metric, scope and period; intervals that cannot both hold
    CC2xx timeline      a cumulative count that falls over time
    CC3xx arithmetic    parts vs total, share vs part/whole (and what was verified)
    CC4xx units         a value off by 10^3 / 10^4 / 10^8 (a 万/亿 or P/E slip); a unit
                        its metric is not measured in that looks like one it is
    CC5xx definitions   the same subject under a different definition: not comparable
"""

from __future__ import annotations

from importlib import resources
from typing import Callable, NamedTuple, Optional

__all__ = ["Rule", "RULES", "register", "rule_doc"]


class Rule(NamedTuple):
    code: str
    severity: str  # the default: error | warning | info
    summary: str
    func: Callable
    name: str = ""  # kebab-case, as linters name their rules: cumulative-count-fell


RULES: dict[str, Rule] = {}


def register(code: str, severity: str, summary: str, name: str = ""):
    """Decorator: add a rule function to RULES under `code`."""

    def deco(func: Callable) -> Callable:
        RULES[code] = Rule(code, severity, summary, func, name)
        return func

    return deco


def rule_doc(code: str) -> Optional[str]:
    """The documentation page of a rule (claimcheck/rules/docs/CCnnn.md), or None."""
    try:
        return (resources.files("claimcheck.rules") / "docs" / f"{code.upper()}.md").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


def load_all() -> dict[str, Rule]:
    """Import every rule module (each registers its rules) and return RULES."""
    from . import arithmetic, conflicts, definitions, timeline, units  # noqa: F401

    return RULES
