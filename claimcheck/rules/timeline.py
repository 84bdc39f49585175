"""CC2xx timeline: a cumulative count that falls over time; an implausible jump."""

from __future__ import annotations

from . import register
from .. import link
from .base import Group, dated, finding, interval, signature, widened
from .sweep import falls

__all__ = ["cumulative_fall", "implausible_jump"]


def _series(group: Group):
    """Facts the text dates (base.dated), by signature, ordered by the end of their period."""
    by_sig: dict = {}
    for c in group.claims:
        if c.modality == "fact" and dated(c) and (c.low is not None or c.high is not None):
            by_sig.setdefault(signature(c), []).append(c)
    for members in by_sig.values():
        members.sort(key=lambda c: (c.as_of.end, c.doc_id or "", c.start))
        yield members


@register("CC201", "error", "A cumulative count falls over time")
def cumulative_fall(group: Group, compared: set):
    """For a cumulative metric (models released so far): a later fact whose widened
    interval lies wholly below an earlier one's. Only claims of the same signature
    (metric, region, status, threshold...) form a series; a change of definition is
    CC501's, never a fall."""
    m = link.metric_of(group.claims[0].metric) if group.claims else None
    if m is None or not m.cumulative:
        return
    for series in _series(group):
        for a, b in falls(series, compared):
            wa, wb = widened(a), widened(b)
            yield finding("CC201", "error", a.metric, [a, b],
                          f"{a.metric} is cumulative but falls: {quote_pair(a, b)}",
                          f"earlier {a.text} → {interval(wa)}, later {b.text} → {interval(wb)} {a.unit}")


@register("CC202", "warning", "An implausible jump between close dates")
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
            if r > factor or r < 1 / factor:
                yield finding("CC202", "warning", a.metric, [a, b],
                              f"{a.metric} changes {r:.3g}-fold within {gap} days: {quote_pair(a, b)}",
                              f"{a.text} then {b.text}; threshold {factor:g}× within {days} days")


def quote_pair(a, b) -> str:
    from .base import quote

    return f"{quote(a)} then {quote(b)}"
