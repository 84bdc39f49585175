"""CC1xx conflicts (and CC401, the magnitude slip a conflict may really be): two facts of
the same metric and scope about overlapping periods whose intervals, widened by the
precision the text states, cannot both hold."""

from __future__ import annotations

import math

from .._data import load_toml
from . import register
from .base import Group, finding, interval, partners, quote, widened
from .sweep import clashes

__all__ = ["conflicts"]

_SLIP_DATA = load_toml("rules.toml")["slips"]
_SLIPS = {int(k): v for k, v in _SLIP_DATA["powers"].items()}


@register("CC101", "error", "Two facts about the same quantity and period cannot both hold", name="conflicting-values")
def conflicts(group: Group, compared: set):
    """Pairs of facts with the same signature whose periods overlap and whose widened
    intervals are disjoint. A ratio of 10³/10⁴/10⁸ between them is reported as CC401
    (a magnitude slip) instead. The same document repeating a figure is never a
    finding; within one document, two different values for one period are."""
    by_sig: dict = {}
    for c in group.claims:
        if c.modality == "fact" and c.as_of is not None and (c.low is not None or c.high is not None):
            by_sig.setdefault(group.signature(c), []).append(c)
    for members in by_sig.values():
        for a, b in clashes(members, compared, key=_not_one_sentence, limit=partners(group)):
            if not group.concerns(a, b):
                continue
            wa, wb = widened(a), widened(b)
            slip = _slip(a, b)
            expl = f"{a.text} → {interval(wa)}, {b.text} → {interval(wb)} {a.unit}; periods overlap"
            if slip:
                yield finding("CC401", "warning", a.metric, [a, b],
                              f"{quote(a)} and {quote(b)} differ by a factor of {_SLIPS[slip]}: "
                              f"a unit or magnitude slip?", expl)
            else:
                yield finding("CC101", "error", a.metric, [a, b],
                              f"{quote(a)} and {quote(b)} state {a.metric} for overlapping periods "
                              f"with values that cannot both hold", expl)


def _not_one_sentence(a, b) -> bool:
    """Two values of one metric in one sentence are a whole and its part (达1000亿元，其中
    …达100亿元), a change (从85%提升至94%) or a range, not a contradiction."""
    return not (a.doc_id == b.doc_id and a.sentence == b.sentence)


def _slip(a, b):
    """3, 4 or 8 when the two stated values differ by that power of ten (±5%)."""
    va = a.low if a.low is not None else a.high
    vb = b.low if b.low is not None else b.high
    if not va or not vb or va <= 0 or vb <= 0:
        return None
    r = math.log10(max(va, vb) / min(va, vb))
    for k in _SLIPS:
        if abs(r - k) < _SLIP_DATA["tolerance"]:
            return k
    return None


register("CC401", "warning", "The same quantity reported 10³, 10⁴ or 10⁸ times apart (a unit slip)", name="magnitude-slip")(
    lambda group, compared: ())  # (found by CC101's pass; registered for its documentation and selection)
