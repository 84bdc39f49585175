"""HTML: one self-contained page for an editor. The timelines first, then the words.

    render_html(report, documents=None, *, title="claimcheck report", chart_width=640,
                chart_height=280) -> str

The page has a summary (documents, claims, coverage, findings by severity); a section
per metric family that has findings, verified checks or two claims or more, with its
timeline charts (report/svg.py, inline SVG), its findings with every cited claim
highlighted in its sentence, its verified checks and a table of all its claims; then
the documents, each listing its claims highlighted in their sentences.

One file and nothing to fetch: the style is inline, the charts are SVG drawn here, there
is no script, no font file, no external URL (rule pages are named, for `claimcheck
explain CCnnn`, not linked). Text from the articles and the report always goes through
`svg.esc` (`html.escape`, quotes included, control characters and lone surrogates
dropped); it never reaches a style, and ids and classes are made here, never from it.
Everything the charts say is also in the lists and tables, which read without them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Optional

from ..model import Document, Report, interval_text, period_text
from ._charts import charts, definition, family_key
from ._common import SEVERITIES, as_mapping, by_severity, counts, doc_path, line_col, plural, rule_name, rules
from .svg import BACKGROUND, FONT_STACK, INK, MUTED, SEVERITY_COLOURS, chart_svg, esc

__all__ = ["render_html", "CSS"]

LINK = "#1f5a96"
OPEN_DOCUMENTS = 10  # up to this many documents are shown open; more start folded
MARK = "#ffe680"  # the highlight behind a claim (ink on it: 14:1)

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; background: {BACKGROUND}; color: {INK}; font-family: {FONT_STACK};
  font-size: 16px; line-height: 1.6; }}
header, footer, .narrow {{ max-width: 64rem; margin: 0 auto; padding: 0 1rem; }}
.wide {{ max-width: 96rem; margin: 0 auto; padding: 0 1rem; }}
.wide > h2 {{ max-width: 62rem; margin-left: auto; margin-right: auto; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 36rem), 1fr)); gap: .5rem 2rem; }}
header {{ padding-top: 1.5rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .25rem; }}
h2 {{ font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d9d9d9; }}
h3 {{ font-size: 1.15rem; margin: 1.8rem 0 .4rem; overflow-wrap: anywhere; }}
h4 {{ font-size: 1rem; margin: 1.2rem 0 .3rem; }}
a {{ color: {LINK}; }}
code, .key {{ font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  font-size: .9em; overflow-wrap: anywhere; }}
.muted {{ color: {MUTED}; }}
.counts {{ display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: .5rem 0; list-style: none; }}
.counts li {{ border: 1px solid #d9d9d9; border-radius: .4rem; padding: .35rem .7rem; }}
.counts strong {{ font-size: 1.25rem; margin-right: .3rem; }}
.badge {{ display: inline-block; color: #ffffff; border-radius: .3rem; padding: 0 .45rem; font-size: .85rem;
  font-weight: 600; line-height: 1.5; }}
.badge.error {{ background: {SEVERITY_COLOURS["error"]}; }}
.badge.warning {{ background: {SEVERITY_COLOURS["warning"]}; }}
.badge.info {{ background: {SEVERITY_COLOURS["info"]}; }}
.badge.verified {{ background: #1d6b40; }}
nav ol {{ columns: 16rem; padding-left: 1.2rem; }}
figure {{ margin: .5rem 0 1rem; min-width: 0; }}
figure .scroll {{ overflow-x: auto; -webkit-overflow-scrolling: touch; }}
figure svg {{ display: block; width: 100%; min-width: 30rem; max-width: 52rem; height: auto; }}
figcaption {{ font-size: .95rem; }}
ol.findings, ul.verified {{ padding-left: 0; list-style: none; }}
.finding, .check {{ border-left: 4px solid #d9d9d9; padding: .2rem 0 .2rem .8rem; margin: 0 0 1rem; }}
.finding.error {{ border-color: {SEVERITY_COLOURS["error"]}; }}
.finding.warning {{ border-color: {SEVERITY_COLOURS["warning"]}; }}
.finding.info {{ border-color: {SEVERITY_COLOURS["info"]}; }}
.check {{ border-color: #1d6b40; }}
.finding p, .check p {{ margin: .2rem 0; }}
.explanation {{ color: {MUTED}; font-size: .92rem; overflow-wrap: anywhere; }}
blockquote {{ margin: .4rem 0; padding: .3rem .7rem; background: #f5f5f5; border-radius: .3rem; }}
blockquote p {{ margin: 0; }}
blockquote footer, .where {{ color: {MUTED}; font-size: .85rem; margin: .15rem 0 0; padding: 0; }}
mark {{ background: {MARK}; color: {INK}; padding: 0 .1em; border-radius: .15em; font-weight: 600; }}
.table {{ overflow-x: auto; -webkit-overflow-scrolling: touch; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; }}
th {{ background: #f5f5f5; }}
td.num {{ white-space: nowrap; }}
details {{ margin: .5rem 0; }}
summary {{ cursor: pointer; }}
details.document {{ border: 1px solid #e3e3e3; border-radius: .4rem; padding: .4rem .8rem; }}
details.document > summary {{ font-weight: 600; overflow-wrap: anywhere; }}
ol.sentences {{ padding-left: 1.4rem; }}
ol.sentences > li {{ margin-bottom: .6rem; }}
ul.claims {{ margin: .1rem 0 0; padding-left: 1rem; font-size: .88rem; color: {MUTED}; }}
footer {{ color: {MUTED}; font-size: .85rem; padding: 2rem 1rem; }}
@media (max-width: 36rem) {{ body {{ font-size: 15px; }} h1 {{ font-size: 1.35rem; }} }}
@media print {{ details {{ display: block; }} figure .scroll {{ overflow: visible; }} }}
""".strip()

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def _lang(s: str) -> str:
    """A lang attribute for a quote: zh when it holds CJK text (fonts pick Chinese glyph
    forms), else nothing."""
    return ' lang="zh-CN"' if _CJK.search(s or "") else ""


class _Page:
    """What the sections share: documents and their anchors, claims by place."""

    def __init__(self, report: Report, documents):
        self.report = report
        self.docs = as_mapping(documents)
        self.claims = {(c.doc_id, c.start, c.end): c for c in report.claims}
        ids = list(report.documents) + sorted({c.doc_id for c in report.claims if c.doc_id} - set(report.documents))
        self.anchor = {d: f"d{i + 1}" for i, d in enumerate(ids)}
        self.doc_ids = ids
        self.paths: dict = {}  # doc id -> its display path (doc_path), computed once

    def path(self, doc_id) -> str:
        if doc_id not in self.paths:
            self.paths[doc_id] = doc_path(doc_id, self.docs)
        return self.paths[doc_id] or "(no document)"

    def line(self, ref) -> Optional[int]:
        """The 1-based line of a cited claim, when its document is at hand."""
        doc = self.docs.get(ref.doc) if ref.doc is not None else None
        if doc is None or not 0 <= ref.start <= len(doc.text):
            return None
        return line_col(doc.text, ref.start)[0]

    def sentence(self, doc_id, start: int, end: int, text: str) -> tuple:
        """(the sentence, where it starts in its document, or None when the claim's place
        in it is not known: then the claim's text is searched in it)."""
        c = self.claims.get((doc_id, start, end))
        doc = self.docs.get(doc_id) if doc_id is not None else None
        body = doc.text if doc is not None and 0 <= start <= end <= len(doc.text) else None
        if body is not None:
            if c is not None and c.sentence:
                p = body.find(c.sentence, max(0, start - len(c.sentence)), end + len(c.sentence))
                if 0 <= p <= start and end <= p + len(c.sentence):
                    return c.sentence, p
            lo = max(0, start - 200)
            ends = [m.end() for m in _SENTENCE_END.finditer(body, lo, start)]
            s0 = ends[-1] if ends else lo
            m = _SENTENCE_END.search(body, end, min(len(body), end + 200))
            s1 = m.end() if m else min(len(body), end + 200)
            return body[s0:s1], s0
        if c is not None and c.sentence:
            return c.sentence, None
        return text, None


def _spans(sentence: str, base: Optional[int], claims) -> list:
    """Where claims (or ClaimRefs) are in their sentence: by offset when the sentence's
    place in the document is known (`base`), else where the claim's text first occurs."""
    if base is not None:
        return [(c.start - base, c.end - base) for c in claims]
    found = ((sentence.find(c.text), len(c.text)) for c in claims)
    return [(i, i + n) for i, n in found if i >= 0]


def _highlight(sentence: str, spans: list) -> str:
    """The sentence escaped, each (start, end) span in <mark> (overlaps: the first wins)."""
    out, at = [], 0
    for s, e in sorted(spans):
        if s < at or s >= e or e > len(sentence):
            continue
        out.append(esc(sentence[at:s]))
        out.append(f"<mark>{esc(sentence[s:e])}</mark>")
        at = e
    out.append(esc(sentence[at:]))
    return "".join(out).strip()


def _quotes(page: _Page, refs) -> str:
    """Each cited claim highlighted in its sentence (claims of one sentence together),
    with its document, line, date and interval."""
    groups: dict = {}
    order: list = []
    for r in refs:
        sentence, base = page.sentence(r.doc, r.start, r.end, r.text)
        key = (r.doc, base, sentence)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(r)
    out = []
    for key in order:
        doc, base, sentence = key
        spans = _spans(sentence, base, groups[key])
        body = _highlight(sentence, spans)
        if not spans:
            body = f"<mark>{esc(groups[key][0].text)}</mark> — {body}" if sentence != groups[key][0].text else \
                f"<mark>{body}</mark>"
        where = []
        for r in groups[key]:
            what = f"「{r.text.strip()}」 {r.value or ''}".strip()
            when = period_text(r.as_of) or "no date"
            where.append(f"{esc(what)}, {esc(when)}")
        anchor = page.anchor.get(doc)
        line = page.line(groups[key][0])
        place = esc(page.path(doc) + (f":{line}" if line is not None else ""))
        link = f'<a href="#{anchor}">{place}</a>' if anchor else place
        out.append(f"<blockquote><p{_lang(sentence)}>{body}</p>"
                   f"<footer>{link} — {'; '.join(where)}</footer></blockquote>")
    return "".join(out)


def _rule(code: str, known: dict) -> str:
    rule = known.get(code)
    if rule is None:
        return f"<strong>{esc(code)}</strong>"
    return f'<strong title="{esc(rule.summary)} (claimcheck explain {esc(code)})">{esc(code)}</strong> ' \
           f'<span class="muted">{esc(rule_name(rule))}</span>'


def _finding(page: _Page, f, known: dict) -> str:
    level = _sev_class(f.severity)
    return (f'<li class="finding {level}"><p><span class="badge {level}">{esc(f.severity)}</span> '
            f"{_rule(f.code, known)}</p><p>{esc(f.message)}</p>"
            + (f'<p class="explanation">{esc(f.explanation)}</p>' if f.explanation else "")
            + _quotes(page, f.claims) + "</li>")


def _sev_class(severity: str) -> str:
    return severity if severity in SEVERITIES else "info"


def _verified(page: _Page, v, known: dict) -> str:
    return (f'<li class="check"><p><span class="badge verified">verified</span> {_rule(v.code, known)}</p>'
            f"<p>{esc(v.message)}</p>" + (f'<p class="explanation">{esc(v.explanation)}</p>' if v.explanation else "")
            + _quotes(page, v.claims) + "</li>")


def _claims_table(page: _Page, claims: list, caption: str) -> str:
    rows = []
    for c in claims:
        anchor = page.anchor.get(c.doc_id)
        path = esc(page.path(c.doc_id))
        doc_cell = f'<a href="#{anchor}">{path}</a>' if anchor else path
        rows.append(
            f"<tr><td{_lang(c.text)}>{esc(c.text.strip())}</td><td class=\"num\">{esc(interval_text(c))}</td>"
            f"<td class=\"num\">{esc(period_text(c.as_of) or 'no date')}</td>"
            f"<td>{esc(c.modality or '')}</td><td>{esc(definition(c) if c.metric else '')}</td>"
            f"<td>{esc(c.scope.get('region') or '')}</td>"
            f"<td>{doc_cell}</td></tr>")
    return (f'<details><summary>{esc(caption)}</summary><div class="table"><table>'
            "<thead><tr><th>claim</th><th>value</th><th>as of</th><th>modality</th><th>definition</th>"
            "<th>region</th><th>document</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div></details>")


def _summary(report: Report) -> str:
    n = counts(report.findings)
    cov = report.coverage
    items = [f"<li><strong>{n_}</strong>{word if n_ == 1 else word + 's'}</li>"
             for n_, word in ((len(report.documents), "document"), (len(report.claims), "claim"))]
    items += [f'<li><strong>{n[s]}</strong><span class="badge {s}">{s}</span></li>' for s in SEVERITIES]
    items.append(f'<li><strong>{len(report.verified)}</strong><span class="badge verified">verified</span></li>')
    pct = (lambda k: f" ({100 * k / cov.numbers:.0f}%)") if cov.numbers else (lambda k: "")
    lines = [f'<ul class="counts">{"".join(items)}</ul>',
             f"<p>Coverage: {cov.numbers} numbers found, {cov.anchored}{pct(cov.anchored)} anchored to a known metric "
             f"and date, {cov.compared}{pct(cov.compared)} compared with another claim.</p>"]
    if cov.uncheckable:
        lines.append("<p>Not checked:</p><ul>" + "".join(
            f"<li>{n_}: {esc(reason)}</li>" for reason, n_ in cov.uncheckable.items()) + "</ul>")
    if report.suppressed:
        lines.append(f"<p>{plural(report.suppressed, 'finding')} silenced by "
                     f"<code>&lt;!-- claimcheck: ignore --&gt;</code> comments in the articles.</p>")
    warnings = getattr(report, "warnings", None) or []
    if warnings:
        lines.append("<p>Not read whole:</p><ul>" + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul>")
    if report.errors:
        lines.append('<p><span class="badge error">internal errors</span> (the run went on):</p><ul>'
                     + "".join(f"<li>{esc(e)}</li>" for e in report.errors) + "</ul>")
    return "".join(lines)


def _families(report: Report) -> dict:
    """{family: {"findings", "verified", "claims"}} for the sections, in the order an
    editor reads them: families with errors first, then warnings, info, verified, the
    most claims."""
    fams: dict = {}

    def slot(fam):
        return fams.setdefault(fam, {"findings": [], "verified": [], "claims": []})

    for c in report.claims:
        if c.metric and not c.metric.startswith("~"):
            slot(family_key(c.metric))["claims"].append(c)
    for f in report.findings:
        if f.metric:
            slot(family_key(f.metric))["findings"].append(f)
    for v in report.verified:
        if v.metric:
            slot(family_key(v.metric))["verified"].append(v)
    keep = {k: v for k, v in fams.items() if v["findings"] or v["verified"] or len(v["claims"]) >= 2}

    def order(item):
        fam, v = item
        worst = min((SEVERITIES.index(f.severity) for f in v["findings"] if f.severity in SEVERITIES), default=3)
        return (worst, not v["verified"], -len(v["claims"]), fam)

    return dict(sorted(keep.items(), key=order))


def _claim_item(c) -> str:
    """「超80个」 (80, ∞) model · large_models.released.count · 2023-07-01..2023-07-10 · target"""
    parts = [f"<span{_lang(c.text)}>「{esc(c.text.strip())}」</span> {esc(interval_text(c))}"]
    if c.metric and not c.metric.startswith("~"):
        parts.append(f'<span class="key">{esc(c.metric)}</span>')
    if c.as_of:
        parts.append(esc(period_text(c.as_of)))
    if c.modality and c.modality != "fact":
        parts.append(esc(c.modality))
    return f"<li>{' · '.join(parts)}</li>"


def _documents(page: _Page) -> str:
    by_doc: dict = {}
    for c in page.report.claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    flagged: dict = {}
    for f in page.report.findings:
        for r in f.claims:
            flagged[r.doc] = flagged.get(r.doc, 0) + 1
    out = []
    for doc_id in page.doc_ids:
        claims = sorted(by_doc.get(doc_id, []), key=lambda c: c.start)
        doc: Optional[Document] = page.docs.get(doc_id)
        head = [f'<span class="key">{esc(page.path(doc_id))}</span>']
        if doc is not None and doc.title:
            head.append(f"<span{_lang(doc.title)}>{esc(doc.title)}</span>")
        if doc is not None and doc.published:
            head.append(f'<span class="muted">{esc(doc.published.isoformat())}</span>')
        head.append(f'<span class="muted">{plural(len(claims), "claim")}</span>')
        if flagged.get(doc_id):
            head.append(f'<span class="muted">cited by {plural(flagged[doc_id], "finding")}</span>')
        sentences: dict = {}
        for c in claims:
            sentence, base = page.sentence(c.doc_id, c.start, c.end, c.text)
            sentences.setdefault((base, sentence), []).append(c)
        items = []
        for (base, sentence), cs in sentences.items():
            marked = _highlight(sentence, _spans(sentence, base, cs))
            facts = "".join(map(_claim_item, cs))
            items.append(f'<li><p{_lang(sentence)}>{marked}</p><ul class="claims">{facts}</ul></li>')
        body = f'<ol class="sentences">{"".join(items)}</ol>' if items else "<p>No claims found.</p>"
        state = " open" if len(page.doc_ids) <= OPEN_DOCUMENTS else ""
        out.append(f'<details class="document" id="{page.anchor[doc_id]}"{state}><summary>{" · ".join(head)}</summary>'
                   f"{body}</details>")
    return "".join(out)


def render_html(report: Report, documents: Mapping[str, Document] | None = None, *, title: str = "claimcheck report",
                chart_width: int = 640, chart_height: int = 280, **_opts) -> str:
    """The report as one self-contained HTML page (see the module's docstring)."""
    from .. import __version__

    page = _Page(report, documents)
    known = rules()
    fams = _families(report)
    drawn = charts(report.claims, report.findings)
    sections, toc, figures = [], [], []
    for i, (fam, parts) in enumerate(fams.items(), 1):
        anchor = f"m{i}"
        n = counts(parts["findings"])
        tags = [f'<span class="badge {s}">{n[s]} {s}</span>' for s in SEVERITIES if n[s]]
        if parts["verified"]:
            tags.append(f'<span class="badge verified">{len(parts["verified"])} verified</span>')
        toc.append(f'<li><a href="#{anchor}">{esc(fam)}</a> {" ".join(tags)}</li>')
        keys = sorted({c.metric for c in parts["claims"]})
        key_list = ", ".join(f'<span class="key">{esc(k)}</span>' for k in keys)
        html = [f'<section id="{anchor}"><h3><span class="key">{esc(fam)}</span> {" ".join(tags)}</h3>',
                f'<p class="muted">{plural(len(parts["claims"]), "claim")}{f" of {key_list}" if keys else ""}</p>']
        links = []
        for chart in drawn.get(fam, []):
            k = len(figures) + 1
            svg = chart_svg(chart, parts["findings"], page.docs, width=chart_width, height=chart_height,
                            id_prefix=f"chart{k}", xmlns=False, paths=page.paths)
            defs = sorted({definition(p.claim) for p in chart.points})
            figures.append(
                f'<figure id="fig{k}"><figcaption><a href="#{anchor}"><span class="key">{esc(fam)}</span></a>, '
                f"{esc(chart.scope)}: {plural(len(chart.points), 'claim')} ({esc('; '.join(defs))})</figcaption>"
                f'<div class="scroll">{svg}</div></figure>')
            links.append(f'<a href="#fig{k}">chart {k}</a> ({esc(chart.scope)})')
        if links:
            html.append(f"<p>Timeline: {', '.join(links)}.</p>")
        if parts["findings"]:
            html.append("<h4>Findings</h4><ol class=\"findings\">"
                        + "".join(_finding(page, f, known) for f in by_severity(parts["findings"])) + "</ol>")
        if parts["verified"]:
            html.append("<h4>Verified</h4><ul class=\"verified\">"
                        + "".join(_verified(page, v, known) for v in parts["verified"]) + "</ul>")
        if parts["claims"]:
            ordered = sorted(parts["claims"], key=lambda c: (c.as_of is None, c.as_of.start if c.as_of else None,
                                                              c.doc_id or "", c.start))
            html.append(_claims_table(page, ordered, f"All {plural(len(ordered), 'claim')} of {fam}"))
        html.append("</section>")
        sections.append("".join(html))
    loose = [f for f in report.findings if not f.metric]
    if loose:
        toc.append('<li><a href="#other">Other findings</a></li>')
        sections.append('<section id="other"><h3>Other findings</h3><ol class="findings">'
                        + "".join(_finding(page, f, known) for f in by_severity(loose)) + "</ol></section>")
    n = counts(report.findings)
    heading = (f"{plural(len(report.documents), 'document')}, {plural(len(report.claims), 'claim')}: "
               f"{plural(n['error'], 'error')}, {plural(n['warning'], 'warning')}, {n['info']} info, "
               f"{len(report.verified)} verified")
    timelines = (f'<div class="grid">{"".join(figures)}</div>' if figures else
                 "<p>No metric has two dated claims in one region to draw.</p>")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{esc(title)} — {esc(heading)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        f"<header><h1>{esc(title)}</h1><p class=\"muted\">{esc(heading)}</p></header>",
        "<main>",
        f'<section id="summary" class="narrow"><h2>Summary</h2>{_summary(report)}</section>',
        f'<section id="timelines" class="wide"><h2>Timelines</h2>{timelines}</section>',
        '<nav aria-label="Metrics" class="narrow"><h2>Metrics</h2>'
        + (f"<ol>{''.join(toc)}</ol>" if toc else "<p>No metric has findings or two claims.</p>") + "</nav>",
        '<section id="metrics" class="narrow">' + "".join(sections) + "</section>",
        f'<section id="documents" class="narrow"><h2>Documents</h2>{_documents(page)}</section>',
        "</main>",
        f"<footer>claimcheck {esc(__version__)}. A rule's page: <code>claimcheck explain CCnnn</code>.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
