"""Markdown, sized for a pull-request comment or a GitHub step summary: a heading with
the counts, a table of findings (the most severe first, at most `max_rows`, then a line
saying how many more), the verified checks (the first `max_verified`), the coverage and
any internal error.

Everything taken from the articles or the report goes through `escape`, so that a claim
cannot break the table or inject markup: `|`, backslash, backtick, `*`, `_`, `~`, `[`,
`]` are backslash-escaped, `&`, `<`, `>` become entities, line ends become spaces, and a
`#` opening the text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import ClaimRef, Document, Report
from ._common import HELP_URI, as_mapping, by_severity, counts, locate, plural, strip_controls

MAX_ROWS = 50
MAX_VERIFIED = 10

_TABLE = str.maketrans({
    "\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "~": "\\~", "[": "\\[", "]": "\\]",
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
})
_LINE_END = re.compile(r"\r\n?|\n|\u2028|\u2029")


def escape(s: str | None) -> str:
    """`s` as literal text in a Markdown table cell or list item (one line)."""
    out = strip_controls(_LINE_END.sub(" ", s or "")).translate(_TABLE)
    return "\\" + out if out.startswith("#") else out


def _claim(ref: ClaimRef, docs: Mapping[str, Document]) -> str:
    span = locate(ref, docs)
    where = span.path + (f":{span.line}" if span.line is not None else "")
    return f"「{escape(ref.text)}」 {escape(where)}"


def heading(report: Report) -> str:
    n = counts(report.findings)
    return (f"### claimcheck: {plural(len(report.documents), 'document')}, {plural(len(report.claims), 'claim')}"
            f" — {plural(n['error'], 'error')}, {plural(n['warning'], 'warning')}, {n['info']} info,"
            f" {len(report.verified)} verified")


def render_markdown(report: Report, documents: Mapping[str, Document] | None = None, *,
                    max_rows: int = MAX_ROWS, max_verified: int = MAX_VERIFIED, **_opts) -> str:
    docs = as_mapping(documents)
    lines = [heading(report), ""]
    findings = by_severity(report.findings)
    if findings:
        lines += ["| Severity | Rule | Metric | Claims | Message |", "|---|---|---|---|---|"]
        for f in findings[:max(max_rows, 0)]:
            claims = "; ".join(_claim(r, docs) for r in f.claims)
            lines.append(f"| {escape(f.severity)} | [{escape(f.code)}]({HELP_URI.format(code=f.code)}) "
                         f"| {escape(f.metric or '')} | {claims} | {escape(f.message)} |")
        if len(findings) > max_rows:
            lines += ["", f"… and {plural(len(findings) - max_rows, 'more finding')} (see the full report)."]
    else:
        lines.append("No findings.")
    if report.verified:
        lines += ["", f"**Verified** ({len(report.verified)}):", ""]
        for v in report.verified[:max(max_verified, 0)]:
            docs_of = sorted({r.doc for r in v.claims if r.doc})
            lines.append(f"- {escape(v.code)} {escape(v.message)}" + (f" ({escape(', '.join(docs_of))})" if docs_of else ""))
        if len(report.verified) > max_verified:
            lines.append(f"- … and {len(report.verified) - max_verified} more")
    cov = report.coverage
    lines.append("")
    lines.append(f"Coverage: {cov.numbers} numbers found, {cov.anchored} anchored to a known metric and date, "
                 f"{cov.compared} compared with another claim.")
    if report.errors:
        lines += ["", "**Internal errors** (the run went on):", ""]
        lines += [f"- {escape(e)}" for e in report.errors]
    return "\n".join(lines) + "\n"
