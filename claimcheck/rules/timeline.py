"""CC2xx timeline: a cumulative count that falls over time; an implausible jump; what
became of a target or forecast."""

from __future__ import annotations

from bisect import bisect_right

from .._data import load_toml
from . import register
from .. import link
from .base import Group, finding, interval, partners, quote, widened
from .sweep import falls

__all__ = ["cumulative_fall", "implausible_jump", "target_outcome", "stale"]


def _series(group: Group) -> list:
    """Facts the text dates (base.dated), by signature, ordered by the end of their
    period (made once a group: three rules read them)."""
    return group.cached("series", lambda: _make_series(group))


def _make_series(group: Group) -> list:
    by_sig: dict = {}
    for c in group.claims:
        if c.modality == "fact" and (c.low is not None or c.high is not None) and group.dated(c):
            by_sig.setdefault(group.signature(c), []).append(c)
    for members in by_sig.values():
        members.sort(key=lambda c: (c.as_of.end, c.doc_id or "", c.start))
    return list(by_sig.values())


@register("CC201", "error", "A cumulative count falls over time", name="cumulative-count-fell")
def cumulative_fall(group: Group, compared: set):
    """For a cumulative metric (models released so far): a later fact whose widened
    interval lies wholly below an earlier one's. Only claims of the same signature
    (metric, region, status, threshold...) form a series; a change of definition is
    CC501's, never a fall."""
    m = link.metric_of(group.claims[0].metric) if group.claims else None
    if m is None or not m.cumulative:
        return
    for series in _series(group):
        for a, b in falls(series, compared, partners(group)):
            if not group.concerns(a, b):
                continue
            wa, wb = widened(a), widened(b)
            yield finding("CC201", "error", a.metric, [a, b],
                          f"{a.metric} is cumulative but falls: {quote_pair(a, b)}",
                          f"earlier {a.text} → {interval(wa)}, later {b.text} → {interval(wb)} {a.unit}")


@register("CC202", "warning", "An implausible jump between close dates", name="implausible-jump")
def implausible_jump(group: Group, compared: set):
    """A fact more than `jump_factor` times (default 10) an earlier one of the same
    signature dated within `jump_days` (default 92) before it, or less than its
    1/jump_factor."""
    factor, days = group.config.get("jump_factor", 10.0), group.config.get("jump_days", 92)
    for series in _series(group):
        for a, b in zip(series, series[1:]):
            va = a.low if a.low is not None else a.high
            vb = b.low if b.low is not None else b.high
            gap = (b.as_of.end - a.as_of.end).days
            if not va or not vb or va <= 0 or vb <= 0 or gap <= 0 or gap > days:
                continue
            compared.add(a.key)
            compared.add(b.key)
            r = vb / va
            if (r > factor or r < 1 / factor) and group.concerns(a, b):
                yield finding("CC202", "warning", a.metric, [a, b],
                              f"{a.metric} changes {r:.3g}-fold within {gap} days: {quote_pair(a, b)}",
                              f"{a.text} then {b.text}; threshold {factor:g}× within {days} days")


def quote_pair(a, b) -> str:
    from .base import quote

    return f"{quote(a)} then {quote(b)}"


@register("CC203", "info", "A target or forecast, and what a later fact says of its period", name="target-outcome")
def target_outcome(group: Group, compared: set):
    """A target or forecast (到2025年…超过5EFLOPS, 预计) and a fact of the same
    signature about an overlapping period, stated after the target was: "met" when the
    fact's interval lies within the target's, "missed" when they are disjoint (both
    widened by their stated precision). Never a conflict: a plan is not a fact."""
    plans: dict = {}
    facts: dict = {}
    for c in group.claims:
        if c.as_of is None or (c.low is None and c.high is None):
            continue
        if c.modality in ("target", "forecast") and group.dated(c):
            plans.setdefault(signature_without_owner(c, group), []).append(c)
        elif c.modality == "fact" and group.dated(c):
            facts.setdefault(signature_without_owner(c, group), []).append(c)
    cited: dict = {}  # a fact is the outcome of `limit` targets at most in the report
    limit = partners(group)
    for sig, targets in plans.items():
        series = sorted(facts.get(sig, ()), key=lambda c: c.as_of.start)
        starts = [c.as_of.start for c in series]
        for t in targets:
            i = bisect_right(starts, t.as_of.end)
            for f in series[max(0, i - 8):i]:  # (the latest few facts that begin by the target's end)
                if f.as_of.end < t.as_of.start or f.doc_id == t.doc_id or cited.get(f.key, 0) >= limit:
                    continue
                compared.add(t.key)
                compared.add(f.key)
                wt, wf = widened(t), widened(f)
                inside = (wt[0] is None or (wf[0] is not None and wf[0] >= wt[0])) and \
                         (wt[1] is None or (wf[1] is not None and wf[1] <= wt[1]))
                apart = (wf[1] is not None and wt[0] is not None and wf[1] < wt[0]) or \
                        (wf[0] is not None and wt[1] is not None and wf[0] > wt[1])
                if not (inside or apart):
                    continue
                cited[f.key] = cited.get(f.key, 0) + 1
                if not group.concerns(t, f):
                    continue
                word = "met" if inside else "missed"
                yield finding("CC203", "info", t.metric, [t, f],
                              f"the {t.modality} {quote(t)} was {word}: {quote(f)}",
                              f"{t.modality} {t.text} → {interval(wt)}, fact {f.text} → {interval(wf)} {t.unit}")


def signature_without_owner(c, group: Group) -> tuple:
    """signature() for plans: a target usually names its region (临港新片区), and a fact
    about it must name the same one."""
    return group.signature(c) if c.scope.get("region") is not None else (c.metric, c.key)


_STALE = load_toml("rules.toml")["stale"]


@register("CC204", "info", "The same figure over a long period, while described as growing", name="stale-figure")
def stale(group: Group, compared: set):
    """Two dated facts of one signature with the same interval, at least `min_days`
    (180) apart, where one of the two sentences says the quantity is growing (超80个,
    并且还在快速增加 … half a year later still 超80个): perhaps a stale figure copied on."""
    words = tuple(_STALE["growing"])
    for series in _series(group):
        for a, b in zip(series, series[1:]):
            if (a.low, a.high) != (b.low, b.high) or (b.as_of.end - a.as_of.end).days < _STALE["min_days"]:
                continue
            compared.add(a.key)
            compared.add(b.key)
            if group.concerns(a, b) and any(w in (a.sentence or "") or w in (b.sentence or "") for w in words):
                yield finding("CC204", "info", a.metric, [a, b],
                              f"{quote(a)} and {quote(b)} give the same figure {(b.as_of.end - a.as_of.end).days} "
                              f"days apart, while the text says it is growing: a stale figure?",
                              f"{a.text} → {interval(widened(a))} and {b.text} → {interval(widened(b))} {a.unit}")
