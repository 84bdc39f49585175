"""extract/: text -> Claims, one document at a time.

numbers.py (numerals) -> quantities.py (bounds, units: one scan) -> filters.py (what is
not a claim). extract/ never compares documents; only link.py and rules/ do.

`claimcheck.extract` is both this package and a function: calling the module runs
`extract(text, published=None)`.
"""

from __future__ import annotations

import re
import sys
import types
from bisect import bisect_right
from typing import NamedTuple, Optional

import regex

from ..model import Claim
from .._dates import as_date
from .quantities import scan_folded

__all__ = ["extract", "sentences"]

_SENTENCE_END = regex.compile(r"[。！？!?；;\n]+|(?<=[a-z0-9)\]])\.(?=\s)")
# The same sentence ends for finding them one at a time: a class first (a fast search
# in Python's re), and \s spelled out as the regex module reads it (re's \s also has
# U+001C..U+001F), so that both patterns match alike on any text.
_END_CHARS = "。！？!?；;\n"
_SENTENCE_END_FWD = re.compile(rf"[{_END_CHARS}.](?:(?<=[{_END_CHARS}])[{_END_CHARS}]*|(?<=[a-z0-9)\]]\.)(?=[^\S\x1c-\x1f]))")
_LAST_END = regex.compile(rf"[{_END_CHARS}]", regex.REVERSE)
_SPACE = re.compile(r"[^\S\x1c-\x1f]")
_BEFORE_POINT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)]")


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


def _sentence_at(text: str, pos: int) -> Optional[tuple[int, int]]:
    """The item of sentences(text) that holds `pos`, found from `pos` (two short
    searches instead of a pass over the text); None when `pos` is a sentence end."""
    ch = text[pos:pos + 1]
    if ch and ch in _END_CHARS or ch == "." and _SENTENCE_END_FWD.match(text, pos):
        return None
    b = _LAST_END.search(text, 0, pos)
    lo = b.end() if b is not None else 0
    i = text.rfind(".", lo, pos)  # a point that ends a sentence (an abbreviation. No.)
    while i > 0:
        if text[i - 1] in _BEFORE_POINT and _SPACE.match(text, i + 1):
            lo = i + 1
            break
        i = text.rfind(".", lo, i)
    e = _SENTENCE_END_FWD.search(text, pos)
    return lo, (e.end() if e is not None else len(text))


# A claim's `sentence` is its sentence, unless that is longer than _SENTENCE_MAX
# characters (a run-on line of a scrape, a table flattened to one line, a hostile input):
# then the block of it that holds the claim. Blocks follow each other from the start of
# the sentence, each ending after the last clause mark in its second half (else at
# _SENTENCE_MAX), so that claims of one block share it (the arithmetic rules read them
# together) and no claim carries more than _SENTENCE_MAX characters of text with it.
_SENTENCE_MAX = 1000
_CLAUSE_MARKS = "，,、；;：:。！？!? \t\u3000"


def _block_end(text: str, start: int, end: int) -> int:
    """Where the block of a long sentence [.., end) that begins at `start` ends."""
    if end - start <= _SENTENCE_MAX:
        return end
    hi = start + _SENTENCE_MAX
    cut = max(text.rfind(ch, start + _SENTENCE_MAX // 2, hi) for ch in _CLAUSE_MARKS)
    return cut + 1 if cut >= 0 else hi


_SET_BY_EXTRACT = frozenset((
    "text", "start", "end", "value_text", "low", "high", "low_inclusive", "high_inclusive", "approx", "bound",
    "unit", "kind", "scope", "subject", "metric", "as_of", "as_of_rule", "modality", "source", "doc_id", "sentence",
))
_MAKER: list = []


class _NoAnchor(NamedTuple):
    """What a claim read with anchor=False carries in place of context.Anchor."""

    subject: None = None
    scope: dict = {}
    metric: None = None
    modality: None = None
    source: None = None
    as_of: None = None
    as_of_rule: None = None


_NO_ANCHOR = _NoAnchor()


def _make_claim():
    """A maker of Claims from a dict of all their fields that skips pydantic's
    validation: the values extract() passes are of the declared types already (str,
    int, float or None, bool, a fresh dict; doc_id checked by the caller), so validation
    would only copy them. Used only while it makes exactly what Claim(**fields) makes
    (checked once on a sample: same fields, no validators); else None."""
    if not _MAKER:
        _MAKER.append(_checked_maker())
    return _MAKER[0]


def _checked_maker():
    sample = {
        "text": "超过5000万元", "start": 3, "end": 11, "value_text": "5000万", "low": 5e7, "high": None,
        "low_inclusive": False, "high_inclusive": False, "approx": True, "bound": "gt", "unit": "CNY",
        "kind": "money", "scope": {"precision": "FP16"}, "subject": None, "metric": None, "as_of": None,
        "as_of_rule": None,
        "modality": None, "source": None, "doc_id": "d", "sentence": "s",
    }
    new = object.__new__
    setattr_ = object.__setattr__
    # one set for every Claim made here (1.2 kB each otherwise): a frozen model never
    # changes it, and model_copy copies it before it adds to it
    fields_set = set(_SET_BY_EXTRACT)

    def make(fields: dict) -> Claim:
        c = new(Claim)
        setattr_(c, "__dict__", fields)
        setattr_(c, "__pydantic_fields_set__", fields_set)
        setattr_(c, "__pydantic_extra__", None)
        setattr_(c, "__pydantic_private__", None)
        return c

    try:
        d = Claim.__pydantic_decorators__
        if (list(Claim.model_fields) != list(sample) or d.validators or d.field_validators or d.root_validators
                or d.model_validators or Claim.__pydantic_post_init__ is not None):
            return None
        a = Claim(**{k: v for k, v in sample.items() if k in _SET_BY_EXTRACT})
        b = make(dict(sample))
        if (a.__dict__ != b.__dict__ or list(a.__dict__) != list(b.__dict__) or a != b
                or a.model_fields_set != b.model_fields_set or a.model_dump_json() != b.model_dump_json()):
            return None
    except Exception:  # pragma: no cover - another pydantic: validate instead
        return None
    return make


def extract(text: str, published=None, doc_id: Optional[str] = None, anchor: bool = True) -> list[Claim]:
    """Every numeric claim in `text`, in order. Never raises on a str; [] when none.

    `published` (a date or ISO string) resolves relative times (今年, 10月份) and is the
    as_of of claims whose context states no time; `doc_id` is copied into each Claim.
    With `anchor=False` only the values are read (subject, metric, as_of, modality and
    source stay None), which is faster. Non-str input raises TypeError; a `published`
    that is no date raises ValueError.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    raws, folded = scan_folded(text)
    if not raws:
        return []
    published = as_date(published)
    if anchor:
        from .context import anchor as anchor_claims  # (its word lists load on first use)

        anchors = anchor_claims(text, folded, raws, published)
    else:
        anchors = [_NO_ANCHOR] * len(raws)
    out = []
    s = e = -1  # the sentence of the claim before, or its block (_SENTENCE_MAX)
    sent_end = -1  # the end of that sentence
    sentence = None
    sents = starts = None
    make = _make_claim() if doc_id is None or type(doc_id) is str else None
    for r, a in zip(raws, anchors):
        pos = r.start
        if not s <= pos < e:  # the sentence (block) of the claim before holds this one too
            if 0 <= e <= pos < sent_end:  # a later block of the same long sentence
                span = (e, sent_end)
            else:
                span = _sentence_at(text, pos) if sents is None else None
                if span is None:  # (a claim that starts at a sentence end: read them all)
                    if sents is None:
                        sents = sentences(text)
                        starts = [a for a, _ in sents]
                    i = bisect_right(starts, pos) - 1
                    span = sents[i] if i >= 0 else (-1, -1)
            s, sent_end = span
            e = _block_end(text, s, sent_end) if s >= 0 else sent_end
            while e <= pos and e < sent_end:  # (blocks without claims, passed over)
                s, e = e, _block_end(text, e, sent_end)
            sentence = text[s:e].strip() if s >= 0 else None
        scope = {**r.scope, **a.scope} if r.scope else (a.scope if a.scope else {})
        if make is None:
            out.append(Claim(text=text[r.start:r.end], start=r.start, end=r.end, value_text=r.value_text,
                             low=r.low, high=r.high, low_inclusive=r.low_inclusive,
                             high_inclusive=r.high_inclusive, approx=r.approx, bound=r.bound, unit=r.unit,
                             kind=r.kind, scope=scope, subject=a.subject, metric=a.metric, as_of=a.as_of,
                             as_of_rule=a.as_of_rule, modality=a.modality, source=a.source, doc_id=doc_id, sentence=sentence))
        else:
            out.append(make({
                "text": text[r.start:r.end], "start": r.start, "end": r.end, "value_text": r.value_text,
                "low": r.low, "high": r.high, "low_inclusive": r.low_inclusive, "high_inclusive": r.high_inclusive,
                "approx": r.approx, "bound": r.bound, "unit": r.unit, "kind": r.kind, "scope": scope,
                "subject": a.subject, "metric": a.metric, "as_of": a.as_of, "as_of_rule": a.as_of_rule,
                "modality": a.modality,
                "source": a.source, "doc_id": doc_id, "sentence": sentence,
            }))
    return out


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, published=None, doc_id: Optional[str] = None, anchor: bool = True) -> list[Claim]:
        return extract(text, published=published, doc_id=doc_id, anchor=anchor)


sys.modules[__name__].__class__ = _CallableModule
