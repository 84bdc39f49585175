"""report/: a Report in the formats people and CI systems read (one module per format).

    render(report, fmt="text", documents=None, **opts) -> str

    text         findings grouped by metric, each metric's dated series, verified checks
                 and the coverage summary (claimcheck check's default)
    json         {"version", "documents", "findings", "verified", "claims", "coverage",
                 "errors", "warnings", "suppressed"}; its JSON Schema is json.json_schema()
                 (docs/report-schema.json)
    jsonl        one finding a line, with "locations" when the documents are given
    sarif        SARIF 2.1.0, one run (opts: max_results=5000)
    github       GitHub Actions annotations, at most 10 a level (opts: max_per_level=10,
                 step_summary_path=None: $GITHUB_STEP_SUMMARY gets the markdown report)
    junit        JUnit XML: a suite per document, a test case per metric checked
    markdown     a pull-request comment: counts, a table of findings (opts: max_rows=50,
                 max_verified=10), verified checks, coverage
    codequality  GitLab Code Quality JSON
    html         one self-contained page for an editor: a summary, per metric family its
                 timeline charts (inline SVG, report/svg.py), findings with the claims
                 highlighted in their sentences, verified checks; the documents (opts:
                 title, chart_width=640, chart_height=280)

    timeline_svg(report, metric, width=640, height=300, documents=None) -> str
                 one metric's (or metric family's) timeline chart as standalone SVG

`documents` maps a document id (ClaimRef.doc) to its Document (a list of Documents is
taken too), so that offsets become paths, lines and columns; without it a finding is
placed in its document's id only. Every format renders from the Report alone and never
reads the files again. What `render` returns can be written as UTF-8: a surrogate code
point (from a JSON escape or a file name that is not UTF-8) comes out as U+FFFD.
docs/report-formats.md describes each format.
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["FORMATS", "render", "timeline_svg"]

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "codequality", "html")


def render(report, fmt: str = "text", documents=None, **opts) -> str:
    """The report in format `fmt` (one of FORMATS); opts go to the format's renderer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")
    from .._text import valid_unicode

    if fmt == "text":  # the text report places findings by document id only
        from .text import render_text

        return valid_unicode(render_text(report, documents, **opts))
    module = import_module(f".{fmt}", __name__)
    return valid_unicode(getattr(module, f"render_{fmt}")(report, documents, **opts))


def __getattr__(name: str):
    if name == "timeline_svg":  # (svg.py loads the rules' helpers: imported on first use)
        from .svg import timeline_svg

        return timeline_svg
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
