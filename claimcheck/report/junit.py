"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

    <testsuites name="claimcheck" tests= failures= errors=>
      <testsuite name=DOCUMENT tests= failures= errors="0">      one per document, in order
        <testcase classname=DOCUMENT name=METRIC [file=PATH]>    one per metric checked
          <failure type=CCnnn message=...>explanation, claims</failure>   an error or warning
          <system-out>info CCnnn: message</system-out>            the info findings

A document's metrics are those of its claims (vocabulary metrics, not "~" ones) and
those of the findings citing it; a finding is under every document it cites. `failures`
counts failing test cases (one may hold several <failure>s), `tests` test cases. Internal
errors of the run are <error>s of a last suite named "claimcheck". Characters XML 1.0
cannot hold (NUL and other C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF)
are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from ..model import Document, Finding, Report, period_text
from ._common import as_mapping, doc_path, locate

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NO_METRIC = "(no metric)"


def xml_text(s: object) -> str:
    """`s` as a string XML 1.0 can hold."""
    return _ILLEGAL.sub("", str(s))


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    e = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = xml_text(text)
    return e


def _details(f: Finding, docs: Mapping[str, Document]) -> str:
    lines = [f.explanation] if f.explanation else []
    for r in f.claims:
        span = locate(r, docs)
        where = span.path + (f":{span.line}:{span.column}" if span.line is not None else "")
        when = period_text(r.as_of)
        lines.append(f"「{r.text}」 {where}" + (f" ({when})" if when else "") + (f": {r.value}" if r.value else ""))
    return "\n".join(lines)


def _metrics(report: Report) -> dict[str, dict[str, list[Finding]]]:
    """Per document: its metrics (in order of first claim, then of finding) and the
    findings of each that cite the document."""
    metrics: dict[str, dict[str, list]] = {d: {} for d in report.documents}
    for c in report.claims:
        if c.doc_id in metrics and c.metric and not c.metric.startswith("~"):
            metrics[c.doc_id].setdefault(c.metric, [])
    for f in report.findings:
        for d in dict.fromkeys(r.doc for r in f.claims):
            if d in metrics:
                metrics[d].setdefault(f.metric or NO_METRIC, []).append(f)
    return metrics


def render_junit(report: Report, documents: Mapping[str, Document] | None = None, **_opts) -> str:
    docs = as_mapping(documents)
    root = ET.Element("testsuites", name="claimcheck")
    metrics = _metrics(report)
    total = failed = 0
    for d, by_metric in metrics.items():
        suite = _el(root, "testsuite", name=d)
        suite_failed = 0
        for m, findings in by_metric.items():
            case = _el(suite, "testcase", classname=d, name=m, file=doc_path(d, docs) if d in docs else None)
            out = []
            for f in findings:
                if f.severity == "info":
                    out.append(f"info {f.code}: {f.message}")
                else:
                    _el(case, "failure", _details(f, docs), type=f.code, message=f.message)
            if len(case):
                suite_failed += 1
            if out:
                _el(case, "system-out", "\n".join(out))
        suite.set("tests", str(len(by_metric)))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        total += len(by_metric)
        failed += suite_failed
    errors = 0
    if report.errors:
        suite = _el(root, "testsuite", name="claimcheck", tests="1", failures="0", errors="1")
        case = _el(suite, "testcase", classname="claimcheck", name="rules")
        for e in report.errors:
            _el(case, "error", e, type="internal", message=e.splitlines()[0] if e else "")
        total, errors = total + 1, 1
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
