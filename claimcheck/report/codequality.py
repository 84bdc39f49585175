"""GitLab Code Quality: a JSON list of issues, one a finding.

    {"description", "check_name": CCnnn, "fingerprint", "severity",
     "location": {"path", "lines": {"begin": line}}}

Severity: error -> major, warning -> minor, info -> info. The location is the finding's
first claim (line 1 when its document is not given). GitLab keys an issue by its
fingerprint, so fingerprints are made unique: the finding's own the first time, then a
hash of it and its repeat number (a finding without one gets a hash of its code,
metric and claims).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from ..model import Document, Finding, Report
from ._common import as_mapping, locate

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _hash(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _base(f: Finding) -> str:
    if f.fingerprint:
        return f.fingerprint
    return _hash("\x1f".join([f.code, f.metric or "", *(f"{r.doc}:{r.start}:{r.text}" for r in f.claims)]))


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint a finding, unique and the same from run to run for the same report."""
    taken = {f.fingerprint for f in findings if f.fingerprint}
    seen: set = set()
    out = []
    for f in findings:
        fp = base = _base(f)
        n = 1
        while fp in seen or (fp != base and fp in taken):
            n += 1
            fp = _hash(f"{base}/{n}")
        seen.add(fp)
        out.append(fp)
    return out


def _issue(f: Finding, fp: str, docs: Mapping[str, Document]) -> dict:
    cited = [r for r in f.claims if r.doc is not None]
    span = locate(cited[0], docs) if cited else None
    return {"description": f.message, "check_name": f.code, "fingerprint": fp,
            "severity": SEVERITIES.get(f.severity, "minor"),
            "location": {"path": span.path if span else "", "lines": {"begin": (span.line if span else None) or 1}}}


def render_codequality(report: Report, documents: Mapping[str, Document] | None = None, **_opts) -> str:
    docs = as_mapping(documents)
    issues = [_issue(f, fp, docs) for f, fp in zip(report.findings, fingerprints(report.findings))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
