"""The text report of `claimcheck check`: per metric family, its dated series and its
findings; then what was verified, the coverage, and a one-line total."""

from __future__ import annotations

import re

from ..model import Report, interval_text, period_text
from ..rules.base import SCOPE_KEYS, dated, signature

_ORDER = {"error": 0, "warning": 1, "info": 2}


def _when(c) -> str:
    return period_text(c.as_of) or "no date"


def _scope(c) -> str:
    parts = []
    for k in SCOPE_KEYS:
        v = c.scope.get(k)
        if v is not None:
            parts.append(f"{k}={'≥%.3g' % v if k == 'min_params' else v}")
    return ", ".join(parts)


def series(report: Report) -> dict:
    """Per metric key and scope: the dated facts in time order, one per document and
    value (a figure a document repeats counts once), where two documents or more state
    them."""
    out: dict = {}
    for c in report.claims:
        if not c.metric or c.metric.startswith("~") or c.modality != "fact" or not dated(c):
            continue
        out.setdefault(signature(c), {}).setdefault((c.doc_id, c.low, c.high), c)
    return {sig: sorted(v.values(), key=lambda c: (c.as_of.end, c.doc_id or ""))
            for sig, v in out.items() if len({c.doc_id for c in v.values()}) >= 2}


# Text taken from the articles (document ids, claim texts, messages quoting them) must not
# drive the terminal or start a line of its own: a line break in it would let an article
# write a line such as "::error::..." that a CI runner reads as a command. Line breaks
# become spaces; other C0 controls but tab, DEL and the C1 controls (ESC, CSI...) go.
_LINE_BREAK = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _safe(s) -> str:
    """`s` as one line of plain text, without terminal control characters."""
    return _CONTROL.sub("", _LINE_BREAK.sub(" ", str(s)))


_COLORS = {"error": "31", "warning": "33", "info": "36"}  # red, yellow, cyan (ANSI SGR)


def _paint(word: str, color: bool) -> str:
    return f"\x1b[{_COLORS[word]}m{word}\x1b[0m" if color and word in _COLORS else word


def render_text(report: Report, documents=None, color: bool = False, **_opts) -> str:
    """The text report; `color` paints the severities (the CLI asks for it only on a
    terminal without NO_COLOR)."""
    lines = [f"claimcheck: {len(report.documents)} documents, {report.coverage.numbers} numbers", ""]
    flagged = {(r.doc, r.start) for f in report.findings if f.severity in ("error", "warning") for r in f.claims}
    by_metric: dict = {}
    for f in report.findings:
        by_metric.setdefault(f.metric or "-", []).append(f)
    runs = series(report)
    metrics = sorted({*(m for m in by_metric), *(sig[0] for sig in runs)})
    for m in metrics:
        lines.append(_safe(m))
        for sig, claims in sorted(((s, c) for s, c in runs.items() if s[0] == m), key=lambda x: str(x[0])):
            ok = not any((c.doc_id, c.start) in flagged for c in claims)
            lines.append(f"  series ({_scope(claims[0]) or 'no scope'}): "
                         + " → ".join(f"{_safe(c.text)} [{_when(c)}]" for c in claims)
                         + ("   consistent" if ok else "   see findings"))
        for f in sorted(by_metric.get(m, ()), key=lambda f: _ORDER[f.severity]):
            lines.append(f"  {_paint(f.severity, color)} {_safe(f.code)}: {_safe(f.message)}")
            if f.explanation:
                lines.append(f"      {_safe(f.explanation)}")
        lines.append("")
    if report.verified:
        lines.append("verified")
        for v in report.verified:
            docs = sorted({r.doc for r in v.claims if r.doc})
            lines.append(f"  {_safe(v.code)} {_safe(v.message)}   ({_safe(', '.join(docs))})")
        lines.append("")
    cov = report.coverage
    lines.append(f"coverage: {cov.numbers} numbers found, {cov.anchored} anchored to a known metric and date, "
                 f"{cov.compared} compared with another claim")
    for reason, n in cov.uncheckable.items():
        lines.append(f"  not checked: {n} ({_safe(reason)})")
    for e in report.errors:
        lines.append(f"internal error (the run went on): {_safe(e)}")
    if report.suppressed:
        lines.append(f"silenced: {report.suppressed} finding(s) by <!-- claimcheck: ignore --> comments")
    n = {s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")}
    lines.append(f"findings: {n['error']} error(s), {n['warning']} warning(s), {n['info']} info; "
                 f"{len(report.verified)} verified")
    return "\n".join(lines) + "\n"


__all__ = ["render_text", "series", "interval_text"]
