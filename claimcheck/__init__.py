"""claimcheck: find the numeric claims in news text and check them against each other.

Public API (DESIGN.md): extract, load, load_report, parse_period, check, Claim,
Document, Period, ClaimcheckError and its subclasses, ureg. Heavy modules (pydantic models, the grammar, pint) load on first use,
so `import claimcheck` stays cheap.
"""

from __future__ import annotations

from .errors import ClaimcheckError, ConfigError, DataFileError, InputError

__version__ = "0.1.0"

__all__ = [
    "extract",
    "load",
    "load_report",
    "parse_period",
    "check",
    "Claim",
    "Document",
    "Period",
    "ureg",
    "ClaimcheckError",
    "InputError",
    "ConfigError",
    "DataFileError",
]


def __getattr__(name: str):
    if name in ("extract", "load", "check"):
        import importlib

        return importlib.import_module("." + name, __name__)  # a callable module
    if name == "load_report":
        from .load import load_report

        return load_report
    if name == "parse_period":
        from .extract.timex import parse_period

        return parse_period
    if name in ("Claim", "Document", "Period"):
        from . import model

        return getattr(model, name)
    if name == "ureg":
        from .units import get_registry

        return get_registry()
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
