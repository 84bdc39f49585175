"""report/: a Report in the formats people read (one module per format).

    text   findings grouped by metric, each metric's dated series, verified checks and
           the coverage summary (claimcheck check's default)
    json   {"version", "findings", "verified", "claims", "coverage", "errors"}
"""

from __future__ import annotations

__all__ = ["render"]


def render(report, fmt: str = "text") -> str:
    if fmt == "json":
        from .json import render_json

        return render_json(report)
    from .text import render_text

    return render_text(report)
