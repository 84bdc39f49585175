"""extract/: text -> Claims, one document at a time.

numbers.py (numerals) -> quantities.py (bounds, units: one scan) -> filters.py (what is
not a claim). extract/ never compares documents; only link.py and rules/ do.

`claimcheck.extract` is both this package and a function: calling the module runs
`extract(text, published=None)`.
"""

from __future__ import annotations

import sys
import types
from bisect import bisect_right
from typing import Optional

import regex

from ..model import Claim
from .quantities import scan

__all__ = ["extract", "sentences"]

_SENTENCE_END = regex.compile(r"[。！？!?；;\n]+|(?<=[a-z0-9)\]])\.(?=\s)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, splitting on Chinese/English sentence ends and newlines."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def extract(text: str, published=None, doc_id: Optional[str] = None) -> list[Claim]:
    """Every numeric claim in `text`, in order. Never raises on a str; [] when none.

    `published` (a date or ISO string) anchors relative times; `doc_id` is copied into
    each Claim. Non-str input raises TypeError.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    raws = scan(text)
    if not raws:
        return []
    sents = sentences(text)
    starts = [s for s, _ in sents]
    out = []
    for r in raws:
        i = bisect_right(starts, r.start) - 1
        sentence = text[sents[i][0]:sents[i][1]].strip() if i >= 0 else None
        out.append(
            Claim(
                text=text[r.start:r.end],
                start=r.start,
                end=r.end,
                value_text=r.value_text,
                low=r.low,
                high=r.high,
                low_inclusive=r.low_inclusive,
                high_inclusive=r.high_inclusive,
                approx=r.approx,
                bound=r.bound,
                unit=r.unit,
                kind=r.kind,
                scope=r.scope or {},
                doc_id=doc_id,
                sentence=sentence,
            )
        )
    return out


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, published=None, doc_id: Optional[str] = None) -> list[Claim]:
        return extract(text, published=published, doc_id=doc_id)


sys.modules[__name__].__class__ = _CallableModule
