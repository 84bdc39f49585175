"""The JSON report: {"version": 1, "documents", "findings", "verified", "claims",
"coverage", "errors", "warnings", "suppressed"}. Each finding has code, severity, message, metric, fingerprint,
explanation and its claims as {doc, start, end, text, as_of, value}. `json_schema()` is
its JSON Schema, built from the models (committed as docs/report-schema.json by
tools/json_schema.py)."""

from __future__ import annotations

import json

SCHEMA_VERSION = 1
SCHEMA_ID = "https://github.com/claimcheck/claimcheck/blob/main/docs/report-schema.json"


def render_json(report, documents=None, **_opts) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "documents": report.documents,
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "verified": [v.model_dump(mode="json") for v in report.verified],
        "claims": [c.model_dump(mode="json") for c in report.claims],
        "coverage": report.coverage.model_dump(mode="json"),
        "errors": report.errors,
        "warnings": report.warnings,
        "suppressed": report.suppressed,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the JSON report, version SCHEMA_VERSION; every
    field is required, since every field is written (a missing value is null)."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict

    from ..model import Claim, Coverage, Finding, Verified

    class JsonReport(BaseModel):
        """The JSON report of `claimcheck check --format json`."""

        model_config = ConfigDict(extra="forbid", title="claimcheck JSON report")

        version: Literal[1]
        documents: list[str]
        findings: list[Finding]
        verified: list[Verified]
        claims: list[Claim]
        coverage: Coverage
        errors: list[str]
        warnings: list[str]  # documents not read whole (over max-document-chars or max-claims-per-document)
        suppressed: int  # findings silenced by <!-- claimcheck: ignore --> comments

    schema = JsonReport.model_json_schema(mode="serialization")
    for obj in [schema, *schema.get("$defs", {}).values()]:
        obj["required"] = list(obj.get("properties", ()))  # model_dump writes every field
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
