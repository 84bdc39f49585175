"""The JSON report: {"version": 1, "findings", "verified", "claims", "coverage", "errors"}.
Each finding has code, severity, message, metric, fingerprint, explanation and its
claims as {doc, start, end, text, as_of, value}."""

from __future__ import annotations

import json

SCHEMA_VERSION = 1


def render_json(report) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "documents": report.documents,
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "verified": [v.model_dump(mode="json") for v in report.verified],
        "claims": [c.model_dump(mode="json") for c in report.claims],
        "coverage": report.coverage.model_dump(mode="json"),
        "errors": report.errors,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
