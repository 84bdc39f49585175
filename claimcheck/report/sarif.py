"""SARIF 2.1.0 (the format GitHub code scanning and most CI dashboards read).

One run. tool.driver lists every registered rule (id, kebab-case name, summary, the
rule's documentation page as help). A result is one finding: its first claim is the
location, the other claims are related locations (each with an id and a message quoting
the claim), and the finding's fingerprint is its partial fingerprint
"claimcheckFingerprint/v1". Columns, character offsets and lengths are UTF-16 code
units (run.columnKind "utf16CodeUnits"). A path under the current directory is a
relative URI against %SRCROOT%; another is a file: URI; a document that is not given
is its id with no region. At most `max_results` results (5,000); when some are left
out, and for each internal error of the run, a tool execution notification says so.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from .._text import valid_unicode
from ..model import ClaimRef, Document, Finding, Report, period_text
from ._common import (
    HELP_URI,
    as_mapping,
    by_severity,
    locate,
    rule_name,
    located_first,
    rules,
    under_cwd,
)

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/claimcheck/claimcheck"
FINGERPRINT = "claimcheckFingerprint/v1"
MAX_RESULTS = 5000
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _version() -> str:
    import claimcheck

    version = getattr(claimcheck, "__version__", None)
    if version:
        return version
    from importlib import metadata

    try:
        return metadata.version("claimcheck")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _descriptor(code: str, rule) -> dict:
    from ..rules import rule_doc

    d: dict = {"id": code}
    if rule is None:  # a code no registered rule has: its id is all that is known
        return d
    d["name"] = rule_name(rule)
    d["shortDescription"] = {"text": rule.summary}
    doc = rule_doc(code)
    if doc:
        d["fullDescription"] = {"text": doc, "markdown": doc}
        d["help"] = {"text": doc, "markdown": doc}
    d["helpUri"] = HELP_URI.format(code=code)
    d["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "warning")}
    return d


def _path_bytes(path: str) -> bytes:
    """The bytes of a file name, as the system has them (a name that is not UTF-8 comes
    back as it was); a document id that no file name can be, as UTF-8 with U+FFFD."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return valid_unicode(path).encode("utf-8")


def _artifact(path: str, known: bool) -> dict:
    """An artifactLocation: relative to %SRCROOT% (the current directory) when it can be."""
    if known and not under_cwd(path):
        absolute = Path(os.path.abspath(path))
        try:
            return {"uri": absolute.as_uri()}
        except (UnicodeEncodeError, ValueError):  # (a name no file system holds)
            return {"uri": "file://" + quote(_path_bytes(absolute.as_posix()), safe="/")}
    return {"uri": quote(_path_bytes(path), safe="/"), "uriBaseId": "%SRCROOT%"}


def _physical(ref: ClaimRef, docs: Mapping[str, Document]) -> dict:
    span = locate(ref, docs, utf16=True)
    loc: dict = {"artifactLocation": _artifact(span.path, ref.doc in docs)}
    if span.line is not None:
        loc["region"] = {"startLine": span.line, "startColumn": span.column,
                         "endLine": span.end_line, "endColumn": span.end_column,
                         "charOffset": span.offset, "charLength": span.length}
    return loc


def _quote(ref: ClaimRef) -> str:
    when = period_text(ref.as_of)
    return f"「{ref.text}」 ({ref.doc}{', ' + when if when else ''})" + (f": {ref.value}" if ref.value else "")


def _result(f: Finding, index: dict, docs: Mapping[str, Document]) -> dict:
    res: dict = {"ruleId": f.code, "ruleIndex": index[f.code], "level": LEVELS.get(f.severity, "warning"),
                 "message": {"text": f.message}}
    cited = located_first(f.claims, docs)
    if cited:
        res["locations"] = [{"physicalLocation": _physical(cited[0], docs)}]
    if len(cited) > 1:
        res["relatedLocations"] = [{"id": i, "physicalLocation": _physical(r, docs), "message": {"text": _quote(r)}}
                                   for i, r in enumerate(cited[1:], start=1)]
    if f.fingerprint:
        res["partialFingerprints"] = {FINGERPRINT: f.fingerprint}
    props = {k: v for k, v in (("metric", f.metric), ("explanation", f.explanation)) if v}
    if props:
        res["properties"] = props
    return res


def sarif_log(report: Report, documents: Mapping[str, Document] | None = None,
              max_results: int = MAX_RESULTS) -> dict:
    """The SARIF log of a report, as a dict."""
    docs = as_mapping(documents)
    registered = rules()
    codes = list(registered) + sorted({f.code for f in report.findings} - set(registered))
    index = {c: i for i, c in enumerate(codes)}
    findings = by_severity(report.findings)
    kept = findings[:max(max_results, 0)]
    notes = [{"level": "error", "message": {"text": e}} for e in report.errors]
    if len(kept) < len(findings):
        left = len(findings) - len(kept)
        notes.append({"level": "note", "message": {"text": (
            f"{left} of {len(findings)} results left out: at most {max_results} are written "
            f"(the most severe first); see the full report")}})
    invocation: dict = {"executionSuccessful": not report.errors}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run = {
        "tool": {"driver": {"name": "claimcheck", "version": _version(), "informationUri": INFORMATION_URI,
                            "rules": [_descriptor(c, registered.get(c)) for c in codes]}},
        "invocations": [invocation],
        "columnKind": "utf16CodeUnits",
        "results": [_result(f, index, docs) for f in kept],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, documents: Mapping[str, Document] | None = None, *,
                 max_results: int = MAX_RESULTS, **_opts) -> str:
    return json.dumps(sarif_log(report, documents, max_results), ensure_ascii=False, indent=2) + "\n"
