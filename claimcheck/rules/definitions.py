"""CC5xx definitions: the same subject measured under another definition (released vs
registered models, ≥1B parameters vs any, FP32 vs FP16): not comparable, and said so
where a reader would otherwise see a fall or a conflict."""

from __future__ import annotations

from .. import link
from . import register
from .base import SCOPE_KEYS, Group, finding, partners, quote, widened
from .sweep import clashes

__all__ = ["definitions"]

_QUALIFIERS = ("status", "min_params", "precision", "basis")


@register("CC501", "info", "Figures that look comparable but are defined differently", name="different-definitions")
def definitions(group: Group, compared: set):
    """Facts of one metric family in different documents, with stated dates, whose
    regions agree (or one is not stated) and whose definitions differ in status,
    parameter threshold, precision or basis; reported when the later one is lower
    (it would read as a fall) or their overlapping intervals are disjoint (it would
    read as a conflict), naming the qualifier that differs."""
    bases: dict = {}
    for c in group.claims:
        if c.modality == "fact" and (c.low is not None or c.high is not None) and group.dated(c):
            bases.setdefault(_base(c), []).append(c)
    for facts in bases.values():
        if len({_definition(c)[0] for c in facts}) > 1:
            yield from _notes(facts, compared, partners(group), group)


def _base(c) -> str:
    """What a definition can differ within: the metric key, or for metrics qualified by
    status (released/registered models) its head and measure. ai_industry.core and
    ai_industry.compute are two quantities, not two definitions of one."""
    m = link.metric_of(c.metric)
    if m is not None and m.status:
        parts = c.metric.split(".")
        return f"{parts[0]}.{parts[-1]}"
    return c.metric


def _notes(facts: list, compared: set, limit: int, group: Group):
    facts.sort(key=lambda c: (c.as_of.end, c.doc_id or "", c.start))
    defs = {id(c): _definition(c) for c in facts}
    # falls: against each claim, the earlier claim of every other definition with the
    # highest lower end (and the best from another document), so O(n x definitions)
    best: dict = {}  # definition -> [(lower end, claim)]: the best, and the best of another document
    cited: dict = {}
    pending: list = []
    current = None
    for b in facts:
        if b.as_of.end != current:
            for k, lo, c in pending:
                best[k] = _keep_two(best.get(k, []), lo, c)
            pending, current = [], b.as_of.end
        wb = widened(b)
        kb = defs[id(b)]
        for k, tops in best.items():
            if k[0] == kb[0] or not _regions_agree(k[1], kb[1]):
                continue
            a = next((c for lo, c in tops if c.doc_id != b.doc_id), None)
            if a is None:
                continue
            compared.add(a.key)
            compared.add(b.key)
            la = widened(a)[0]
            if wb[1] is not None and la is not None and wb[1] < la and cited.get(a.key, 0) < limit:
                cited[a.key] = cited.get(a.key, 0) + 1  # (a high figure is explained a few times, not after every claim)
                if group.concerns(a, b):
                    yield _note(a, b, "a fall")
        pending.append((kb, -float("inf") if wb[0] is None else wb[0], b))
    # conflicts in appearance: overlapping periods, disjoint intervals, other definitions
    # (parts by definition and region: the walks pass only over pairs of other
    # definitions and agreeing regions; a note explains, so one a side is enough)
    for a, b in clashes(facts, compared, key=_other_document, part=lambda c: defs[id(c)], meets=_across, limit=1):
        if group.concerns(a, b):
            yield _note(a, b, "a conflict")


def _keep_two(tops: list, lo: float, c) -> list:
    """The claim with the highest lower end, and the highest of another document."""
    tops = sorted([*tops, (lo, c)], key=lambda t: -t[0])
    first = tops[0]
    second = next((t for t in tops[1:] if t[1].doc_id != first[1].doc_id), None)
    return [first] if second is None else [first, second]


def _definition(c) -> tuple:
    """(the definition: metric and qualifiers, the region)."""
    return (c.metric, *(c.scope.get(k) for k in _QUALIFIERS)), c.scope.get("region")


def _regions_agree(ra, rb) -> bool:
    return ra is None or rb is None or ra == rb


def _across(pa: tuple, pb: tuple) -> bool:
    """Whether claims of two (definition, region) parts are compared: other
    definitions, regions that agree."""
    return pa[0] != pb[0] and _regions_agree(pa[1], pb[1])


def _other_document(a, b) -> bool:
    return a.doc_id != b.doc_id


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
