"""JSON Lines: one finding a line, the same object as a finding of the JSON report, plus
"locations" (one per claim, in order: path, line, column, end_line, end_column; columns
in characters, 1-based, the end column after the claim) when the documents are given.
A report without findings is the empty string."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..model import Document, Report
from ._common import as_mapping, locate


def _location(span) -> dict:
    return {"path": span.path, "line": span.line, "column": span.column,
            "end_line": span.end_line, "end_column": span.end_column}


def render_jsonl(report: Report, documents: Mapping[str, Document] | None = None, **_opts) -> str:
    docs = as_mapping(documents)
    lines = []
    for f in report.findings:
        data = f.model_dump(mode="json")
        if documents is not None:
            data["locations"] = [_location(locate(r, docs)) for r in f.claims]
        lines.append(json.dumps(data, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
