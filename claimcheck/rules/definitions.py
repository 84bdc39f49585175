"""CC5xx definitions: the same subject measured under another definition (released vs
registered models, ≥1B parameters vs any, FP32 vs FP16): not comparable, and said so
where a reader would otherwise see a fall or a conflict."""

from __future__ import annotations

from . import register
from .base import SCOPE_KEYS, Group, dated, disjoint, finding, overlap, quote, widened

__all__ = ["definitions"]

_QUALIFIERS = ("status", "min_params", "precision", "basis")


@register("CC501", "info", "Figures that look comparable but are defined differently")
def definitions(group: Group, compared: set):
    """Facts of one metric family in different documents, with stated dates, whose
    regions agree (or one is not stated) and whose definitions differ in status,
    parameter threshold, precision or basis; reported when the later one is lower
    (it would read as a fall) or their overlapping intervals are disjoint (it would
    read as a conflict), naming the qualifier that differs."""
    facts = [c for c in group.claims if c.modality == "fact" and dated(c) and (c.low is not None or c.high is not None)]
    facts.sort(key=lambda c: (c.as_of.end, c.doc_id or "", c.start))
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a.doc_id == b.doc_id:
                continue
            ra, rb = a.scope.get("region"), b.scope.get("region")
            if ra is not None and rb is not None and ra != rb:
                continue
            diffs = [k for k in _QUALIFIERS if a.scope.get(k) != b.scope.get(k)]
            if a.metric != b.metric and "status" not in diffs:
                diffs.insert(0, "metric")
            if not diffs:
                continue
            wa, wb = widened(a), widened(b)
            falls = b.as_of.end > a.as_of.end and wb[1] is not None and wa[0] is not None and wb[1] < wa[0]
            clash = overlap(a, b) and disjoint(wa, wb)
            if not (falls or clash):
                continue
            compared.add(a.key)
            compared.add(b.key)
            what = "; ".join(_diff(k, a, b) for k in diffs)
            seen = "a fall" if falls else "a conflict"
            yield finding("CC501", "info", a.metric, [a, b],
                          f"{quote(a)} and {quote(b)} are not the same quantity ({what}): not {seen}",
                          f"{a.metric} {dict((k, a.scope.get(k)) for k in SCOPE_KEYS if a.scope.get(k) is not None)} vs "
                          f"{b.metric} {dict((k, b.scope.get(k)) for k in SCOPE_KEYS if b.scope.get(k) is not None)}")


def _diff(key: str, a, b) -> str:
    if key == "metric":
        return f"{a.metric} vs {b.metric}"
    va, vb = a.scope.get(key), b.scope.get(key)
    if key == "min_params":
        return f"parameter threshold {_show(va, '≥{:.3g}')} vs {_show(vb, '≥{:.3g}')}"
    return f"{key} {_show(va)} vs {_show(vb)}"


def _show(v, form: str = "{}") -> str:
    return "not stated" if v is None else form.format(v)
