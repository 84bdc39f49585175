"""report/: a Report in the formats people and CI systems read (one module per format).

    render(report, fmt="text", documents=None, **opts) -> str

    text         findings grouped by metric, each metric's dated series, verified checks
                 and the coverage summary (claimcheck check's default)
    json         {"version", "documents", "findings", "verified", "claims", "coverage",
                 "errors"}; its JSON Schema is json.json_schema() (docs/report-schema.json)
    jsonl        one finding a line, with "locations" when the documents are given
    sarif        SARIF 2.1.0, one run (opts: max_results=5000)
    github       GitHub Actions annotations, at most 10 a level (opts: max_per_level=10,
                 step_summary_path=None: $GITHUB_STEP_SUMMARY gets the markdown report)
    junit        JUnit XML: a suite per document, a test case per metric checked
    markdown     a pull-request comment: counts, a table of findings (opts: max_rows=50,
                 max_verified=10), verified checks, coverage
    codequality  GitLab Code Quality JSON

`documents` maps a document id (ClaimRef.doc) to its Document (a list of Documents is
taken too), so that offsets become paths, lines and columns; without it a finding is
placed in its document's id only. Every format renders from the Report alone and never
reads the files again. docs/report-formats.md describes each format.
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "codequality")


def render(report, fmt: str = "text", documents=None, **opts) -> str:
    """The report in format `fmt` (one of FORMATS); opts go to the format's renderer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")
    if fmt == "text":  # the text report places findings by document id only
        from .text import render_text

        return render_text(report, documents, **opts)
    module = import_module(f".{fmt}", __name__)
    return getattr(module, f"render_{fmt}")(report, documents, **opts)
