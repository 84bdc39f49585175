"""CC5xx definitions: the same subject measured under another definition (released vs
registered models, ≥1B parameters vs any, FP32 vs FP16): not comparable, and said so
where a reader would otherwise see a fall or a conflict."""

from __future__ import annotations

from . import register
from .base import SCOPE_KEYS, Group, dated, finding, quote, widened
from .sweep import clashes

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
    defs = {c.key: _definition(c) for c in facts}
    # falls: against each claim, the earlier claim of every other definition with the
    # highest lower end (two of them, from different documents), so O(n x definitions)
    best: dict = {}
    pending: list = []
    current = None
    for b in facts:
        if b.as_of.end != current:
            for k, lo, c in pending:
                tops = best.setdefault(k, [])
                tops.append((lo, c))
                tops.sort(key=lambda t: -t[0])
                if len(tops) > 2 and tops[1][1].doc_id != tops[0][1].doc_id:
                    del tops[2:]
            pending, current = [], b.as_of.end
        wb = widened(b)
        kb = defs[b.key]
        for k, tops in best.items():
            if k[0] == kb[0] or not _regions_agree(k[1], kb[1]):
                continue
            a = next((c for lo, c in tops if c.doc_id != b.doc_id), None)
            if a is None:
                continue
            compared.add(a.key)
            compared.add(b.key)
            la = widened(a)[0]
            if wb[1] is not None and la is not None and wb[1] < la:
                yield _note(a, b, "a fall")
        pending.append((kb, -float("inf") if wb[0] is None else wb[0], b))
    # conflicts in appearance: overlapping periods, disjoint intervals, other definitions
    for a, b in clashes(facts, compared, key=lambda a, b: _comparable_across(a, b, defs),
                        part=lambda c: defs[c.key][0]):
        yield _note(a, b, "a conflict")


def _definition(c) -> tuple:
    """(the definition: metric and qualifiers, the region)."""
    return (c.metric, *(c.scope.get(k) for k in _QUALIFIERS)), c.scope.get("region")


def _regions_agree(ra, rb) -> bool:
    return ra is None or rb is None or ra == rb


def _comparable_across(a, b, defs: dict) -> bool:
    da, db = defs[a.key], defs[b.key]
    return a.doc_id != b.doc_id and da[0] != db[0] and _regions_agree(da[1], db[1])


def _note(a, b, seen: str):
    diffs = [k for k in _QUALIFIERS if a.scope.get(k) != b.scope.get(k)]
    if a.metric != b.metric and "status" not in diffs:
        diffs.insert(0, "metric")
    what = "; ".join(_diff(k, a, b) for k in diffs)
    return finding("CC501", "info", a.metric, [a, b],
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
