"""What a timeline chart draws (report/svg.py draws it, report/html.py places it).

A chart is one metric family (the key's head and measure, as the checker groups claims:
large_models.released.count and large_models.registered.count are one family, so that the
released and registered counts CC501 relates are seen side by side) in one region: claims
of two regions measure two things. A claim that states no region joins the family's main
region (the one with the most facts the text dates; with none, they are a chart of their
own), as the rules let an unstated region agree with any. For generic metrics (companies, revenue: whose figure it is matters) a chart is
also one subject.

The points are the claims the text itself dates (`rules.base.dated`, what the timeline
rules compare), one per document and definition and value (a figure an article repeats
is drawn once, from its best-dated statement). Where a region has fewer than two such
claims, the claims dated only by their article's publication are drawn too, hollow: a
metric stated twice still gets a timeline, and the reader sees which dates are the
article's. A chart needs two points.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple, Optional

from .. import link
from ..model import Claim
from ..rules.base import dated

__all__ = ["Chart", "Point", "family_key", "definition", "charts", "members"]

_QUALIFIERS = ("status", "min_params", "precision", "basis")
_BEST = {"own": 0, "sentence": 1, "published": 2}  # which statement of a repeated figure is drawn


class Point(NamedTuple):
    claim: Claim
    text_dated: bool  # False: dated by the article's publication only (drawn hollow)


class Chart(NamedTuple):
    family: str
    region: Optional[str]  # None: no claim states one
    who: Optional[str]  # for generic metrics: whose figure (subject and the words before it)
    points: list  # Points in time order
    drawn: dict  # claim key -> the Point drawing it (a repeat maps to the statement drawn)

    @property
    def scope(self) -> str:
        """'CN', 'world · 腾讯', 'no region stated'."""
        parts = [self.region or "no region stated"]
        if self.who:
            parts.append(self.who)
        return " · ".join(parts)


def family_key(metric: Optional[str]) -> str:
    """large_models.released.count -> large_models.count; `~` keys and keys of fewer than
    three parts stay whole (the rule of check.family_of, on the key alone)."""
    m = metric or "~"
    if m.startswith("~"):
        return m
    parts = m.split(".")
    return f"{parts[0]}.{parts[-1]}" if len(parts) > 2 else m


def members(claims, metric: str) -> list:
    """The claims of `metric`: a metric key's own claims when any claim has that key,
    else those of the family named `metric`."""
    exact = [c for c in claims if c.metric == metric]
    return exact or [c for c in claims if c.metric and family_key(c.metric) == metric]


def _compact(v: float) -> str:
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:g}{suffix}"
    return f"{v:g}"


def definition(c: Claim) -> str:
    """What a claim counts, in a few words: 'released, ≥1B params', 'registered',
    'total, FP32', 'market' (the metric key's qualifier and the scope's qualifiers)."""
    parts = c.metric.split(".") if c.metric else []
    words = [".".join(parts[1:-1])] if len(parts) > 2 else []
    for k in _QUALIFIERS:
        v = c.scope.get(k)
        if v is None or (k == "status" and str(v) in words):
            continue
        words.append(f"≥{_compact(v)} params" if k == "min_params" and isinstance(v, (int, float)) else str(v))
    return ", ".join(w for w in words if w) or (c.metric or "?")


def _definition_key(c: Claim) -> tuple:
    return (c.metric, *(c.scope.get(k) for k in _QUALIFIERS))


def _norm(s) -> str:
    return "".join(unicodedata.normalize("NFKC", str(s or "")).split())


def _who(c: Claim) -> Optional[str]:
    m = link.metric_of(c.metric)
    if m is None or not m.generic:
        return None
    who = " ".join(x for x in (_norm(c.subject), _norm(c.scope.get("of"))) if x)
    return who or None


def _drawable(c: Claim) -> bool:
    return (bool(c.metric) and not c.metric.startswith("~") and c.as_of is not None
            and (c.low is not None or c.high is not None) and c.as_of_rule != "none")


def charts(claims, findings=()) -> dict:
    """{family: [Chart]} for every family with a chart, the charts with the most points
    first. `findings` are not drawn here; they only make sure a claim a finding cites is
    never hidden behind a repeat of itself (it is the one drawn)."""
    cited = {(r.doc, r.start, r.end) for f in findings for r in f.claims}
    buckets: dict = {}
    for c in claims:
        if _drawable(c):
            buckets.setdefault((family_key(c.metric), _who(c)), []).append(c)
    out: dict = {}
    for (fam, who), cs in buckets.items():
        by_region: dict = {}
        for c in cs:
            by_region.setdefault(c.scope.get("region"), []).append(c)
        stated = [r for r in by_region if r is not None]
        if stated:
            def weight(r):
                group = by_region[r]
                facts = sum(1 for c in group if c.modality == "fact" and dated(c))
                return (facts, sum(1 for c in group if dated(c)), len(group), str(r))
            main = max(stated, key=weight)
            if weight(main)[0]:  # (a region with no dated fact does not take the others in)
                by_region.setdefault(main, []).extend(by_region.pop(None, []))
        for region, group in by_region.items():
            chart = _chart(fam, region, who, group, cited)
            if chart is not None:
                out.setdefault(fam, []).append(chart)
    for fam in out:
        out[fam].sort(key=lambda ch: (-len(ch.points), str(ch.region), ch.who or ""))
    return out


def _chart(fam: str, region, who, group: list, cited: set) -> Optional[Chart]:
    best: dict = {}
    repeats: dict = {}
    for c in group:
        k = (c.doc_id, _definition_key(c), c.low, c.high, c.modality, dated(c))
        repeats.setdefault(k, []).append(c)
        old = best.get(k)
        rank = (0 if (c.doc_id, c.start, c.end) in cited else 1, _BEST.get(c.as_of_rule, 3), c.start)
        if old is None or rank < old[0]:
            best[k] = (rank, c)
    text_dated = [(k, c) for k, (_, c) in best.items() if k[-1]]
    chosen = text_dated if len(text_dated) >= 2 else list((k, c) for k, (_, c) in best.items())
    # (a figure stated with a date and again without one is drawn once, with its date)
    if chosen is not text_dated:
        seen = {(k[0], k[1], k[2], k[3], k[4]) for k, _ in text_dated}
        chosen = [(k, c) for k, c in chosen if k[-1] or (k[0], k[1], k[2], k[3], k[4]) not in seen]
    if len(chosen) < 2:
        return None
    points, drawn = [], {}
    by_value = {k[:5]: k for k, _ in chosen}  # (a repeat without the date maps to the dated statement)
    point_of = {}
    for k, c in sorted(chosen, key=lambda kc: (kc[1].as_of.start, kc[1].as_of.end, kc[1].doc_id or "", kc[1].start)):
        point_of[k] = Point(c, k[-1])
        points.append(point_of[k])
    for k, rs in repeats.items():
        p = point_of.get(k) or point_of.get(by_value.get(k[:5]))
        if p is not None:
            for r in rs:
                drawn[(r.doc_id, r.start, r.end)] = p
    return Chart(fam, region, who, points, drawn)
