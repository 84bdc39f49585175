"""CC3xx arithmetic inside one sentence: parts against their stated total, the parts'
share of the total against a stated percentage, and a percentage against the part and
whole it relates. What holds is recorded as verified, not as a finding."""

from __future__ import annotations

from .._data import load_toml
from . import register
from .base import Group, finding, fmt, quote, stated, verified, widened

__all__ = ["parts_and_total", "share_of_part", "growth"]

_DATA = load_toml("rules.toml")
_SHARE_WORDS = tuple(w.lower() for w in _DATA["share"]["words"])
_PART_OPENERS = tuple(_DATA["parts"]["openers"])
_NATIONAL = (None, *_DATA["parts"]["totals"])
_MAX_GAP = _DATA["share"]["max_gap"]


def _head(c) -> str:
    return (c.metric or "~").split(".")[0]


@register("CC301", "error", "Parts add up to more than their stated total", name="parts-exceed-total")
def parts_and_total(group: Group, compared: set):
    """A total, then its parts by region in the same sentence after 其中/including
    (117 个,其中,北京 51 个,上海 24 个…): their sum must not exceed the total (widened by
    its stated precision). A percentage of the same family after the parts (占…88%) is
    checked against sum/total as CC302. Both are recorded as verified when they hold."""
    claims = group.claims
    for i, total in enumerate(claims):
        if total.low is None or total.scope.get("region") not in _NATIONAL or total.unit == "percent":
            continue
        parts = []
        regions = set()
        for c in claims[i + 1:]:
            if c.unit != total.unit or _head(c) != _head(total):
                continue
            r = c.scope.get("region")
            if r in _NATIONAL or r in regions or c.low is None or c.high is None:
                break
            regions.add(r)
            parts.append(c)
        if len(parts) < 2 or not _opened(total, parts[0]):
            continue
        s = sum(stated(p) for p in parts)
        lo_t, hi_t = widened(total)
        for c in [total, *parts]:
            compared.add(c.key)
        terms = " + ".join(fmt(stated(p)) for p in parts)
        expl = f"{terms} = {fmt(s)}; total {total.text} → [{fmt(lo_t)}, {fmt(hi_t)}] {total.unit}"
        if hi_t is not None and s > hi_t:
            yield finding("CC301", "error", total.metric, [total, *parts],
                          f"the parts ({', '.join(quote(p) for p in parts)}) add up to {fmt(s)}, "
                          f"more than the total {quote(total)}", expl)
        else:
            yield verified("CC301", total.metric, [total, *parts],
                           f"{terms} = {fmt(s)} ≤ {total.text}", expl)
        yield from _share_of_parts(claims, total, parts, s, compared)


def _opened(total, first_part) -> bool:
    """Whether the sentence says the parts are parts (其中, including) between them."""
    return any(w in between(total, first_part) for w in _PART_OPENERS)


def between(a, b) -> str:
    """The text of the sentence between claims a and b (a before b), found from their
    offsets: the occurrence of a's text in the sentence that ends b.start - a.end
    characters before an occurrence of b's text (5万张 inside 达15万张 is not it)."""
    sent = a.sentence or ""
    gap = b.start - a.end
    if gap < 0:
        return ""
    i = sent.find(a.text)
    while i >= 0:
        j = i + len(a.text)
        if sent.startswith(b.text, j + gap):
            return sent[j:j + gap]
        i = sent.find(a.text, i + 1)
    return ""


def _share_of_parts(claims, total, parts, s: float, compared: set):
    last = parts[-1]
    for c in claims:
        if c.unit != "percent" or c.start <= last.start or _head(c) != _head(total) or c.low is None:
            continue
        lo, hi = widened(c)
        t_lo, t_hi = widened(total)
        r_hi = s / t_lo * 100 if t_lo else None
        r_lo = s / t_hi * 100 if t_hi else 0.0
        compared.add(c.key)
        expl = (f"{fmt(s)} / {total.text} = {fmt(s / stated(total) * 100)}% "
                f"(with the total's precision [{fmt(r_lo)}, {fmt(r_hi)}]%); stated {c.text} → [{fmt(lo)}, {fmt(hi)}]%")
        holds = (hi is None or r_lo <= hi) and (r_hi is None or lo is None or r_hi >= lo)
        if holds:
            yield verified("CC302", c.metric, [total, *parts, c],
                           f"{fmt(s)} / {fmt(stated(total))} = {fmt(s / stated(total) * 100)}% ≈ {c.text}", expl)
        else:
            yield finding("CC302", "warning", c.metric, [total, *parts, c],
                          f"the parts make {fmt(s / stated(total) * 100)}% of {quote(total)}, "
                          f"but the text says {quote(c)}", expl)
        return


register("CC302", "warning", "A stated share of a total does not match the parts", name="share-mismatch")(
    lambda group, compared: ())  # (found by CC301's pass; registered for its documentation and selection)


@register("CC303", "warning", "A percentage does not match the part and whole it relates", name="percentage-mismatch")
def share_of_part(group: Group, compared: set):
    """A percentage after a part with a share word between them (出货超过5万张,占整个市场
    10%左右), whose whole is the claim in the same unit before the part in the sentence
    (市场规模超过50万张): part/whole must fall in the percentage's interval (widened by
    its precision; 左右 and 约 widen it). Verified when it does."""
    claims = group.claims
    for k, pct in enumerate(claims):
        if pct.unit != "percent" or pct.low is None or k < 2:
            continue
        part = claims[k - 1]
        if part.unit == "percent" or stated(part) is None:
            continue
        if pct.start - part.end > _MAX_GAP:
            continue  # (三家企业研发投入合计约占全国总研发经费支出的近7%: a share of something else)
        gap = between(part, pct).lower()
        if not any(w in gap for w in _SHARE_WORDS):
            continue
        whole = next((c for c in reversed(claims[:k - 1]) if c.unit == part.unit and stated(c)), None)
        if whole is None or not stated(whole) > stated(part):
            continue
        rw, rp = whole.scope.get("region"), part.scope.get("region")
        if rw is not None and rp is not None and rw != rp and rw not in _NATIONAL:
            continue  # (北京50个，上海30个，广东23个，…占全国的88%: siblings, not a part and its whole)
        ratio = stated(part) / stated(whole) * 100
        lo, hi = widened(pct)
        for c in (whole, part, pct):
            compared.add(c.key)
        expl = f"{part.text} / {whole.text} = {fmt(ratio)}% (stated values); {pct.text} → [{fmt(lo)}, {fmt(hi)}]%"
        if (lo is None or ratio >= lo) and (hi is None or ratio <= hi):
            yield verified("CC303", pct.metric, [whole, part, pct],
                           f"{part.text} / {whole.text} = {fmt(ratio)}% ≈ {pct.text}", expl)
        else:
            yield finding("CC303", "warning", pct.metric, [whole, part, pct],
                          f"{quote(part)} is {fmt(ratio)}% of {quote(whole)}, but the text says {quote(pct)}", expl)


_G = _DATA["growth"]
_TO = tuple(w.lower() for w in _G["to"])
_UP = tuple(w.lower() for w in _G["up"])
_DOWN = tuple(w.lower() for w in _G["down"])
_GROWTH_GAP = _G["max_gap"]


@register("CC304", "warning", "A growth rate or multiple does not match the two values it relates", name="growth-mismatch")
def growth(group: Group, compared: set):
    """In one sentence, two values in one unit joined by a change word (从100亿元增长到125亿元),
    then a rate (增长25%, up 50%) or a multiple (翻了一番) within a few characters: the
    rate must match (second - first) / first, the multiple second / first, within the
    precision the text states. Verified when it does; a change in percentage points
    (从85%提升至94%) is not a rate of the values and is left alone."""
    claims = group.claims
    for k in range(2, len(claims)):
        rate = claims[k]
        if rate.unit not in ("percent", "times") or rate.low is None:
            continue
        a, b = claims[k - 2], claims[k - 1]
        if a.unit != b.unit or a.unit in ("percent", "times") or not stated(a) or stated(b) is None:
            continue
        if rate.start - b.end > _GROWTH_GAP or not any(w in between(a, b).lower() for w in _TO):
            continue
        gap = between(b, rate).lower()
        x, y = stated(a), stated(b)
        if rate.unit == "times":
            expected, label = y / x, f"{rate.text}: {fmt(y)} / {fmt(x)} = {fmt(y / x)}×"
        elif any(w in gap for w in _DOWN):
            expected, label = (x - y) / x * 100, f"down {fmt((x - y) / x * 100)}%"
        elif any(w in gap for w in _UP):
            expected, label = (y - x) / x * 100, f"up {fmt((y - x) / x * 100)}%"
        else:
            continue
        lo, hi = widened(rate)
        for c in (a, b, rate):
            compared.add(c.key)
        expl = f"{a.text} → {b.text}: {label}; stated {rate.text} → [{fmt(lo)}, {fmt(hi)}]"
        if (lo is None or expected >= lo * 0.999) and (hi is None or expected <= hi * 1.001):
            yield verified("CC304", b.metric, [a, b, rate], f"{a.text} → {b.text}: {label} ≈ {rate.text}", expl)
        else:
            yield finding("CC304", "warning", b.metric, [a, b, rate],
                          f"{quote(a)} → {quote(b)} is {label}, but the text says {quote(rate)}", expl)
