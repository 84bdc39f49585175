"""English number phrases: "fifty-three", "two million", "one hundred and six",
"two thirds of a million", "1 over 3", "minus five point five".

A phrase is read from tokens (cardinals, scale words, ordinals used as denominators,
half/quarter, and the small words between them); the reader works on the tokens of one
matched run, never on the whole text. The word tables come from data/numerals.toml
through numbers.py.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from ._trie import trie as _alt
from .numbers import (  # shared tables and pieces; private names are shared within extract/
    ARABIC,
    CURRENCY_SYMBOLS,
    EN_COMPOUND_ONLY,
    EN_DETERMINERS,
    EN_DOZENS,
    EN_FRACTION_NOUNS,
    EN_NEGATIVE,
    EN_OUT_OF,
    EN_OVER,
    EN_SCALES,
    EN_TENS,
    EN_UNITS,
    _EN_ORD_FORMS,
    _dec,
)

__all__ = ["parse_en"]


# ---------------------------------------------------------------------------- English values
# An English number phrase is read from tokens: cardinals (u: 0-19, t: tens, h: hundred,
# s: scales), ordinals used as denominators (ord), half/quarter (frac), and the small
# words between them (a, and, of, over/in/out of, point, dozen, minus/negative, hyphen).

_EN_KIND: dict[str, tuple[str, Decimal]] = {}
for _w, _v in EN_UNITS.items():
    _EN_KIND[_w] = ("u", Decimal(_v))
for _w, _v in EN_TENS.items():
    _EN_KIND[_w] = ("t", Decimal(_v))
for _w, _v in EN_SCALES.items():
    _EN_KIND[_w] = ("h" if _v == 100 else "s", _v)
for _w, (_v, _pl) in _EN_ORD_FORMS.items():
    _EN_KIND[_w] = ("ord", _v)
for _w, _v in EN_FRACTION_NOUNS.items():
    _EN_KIND[_w] = ("frac", _v)
for _w in EN_DOZENS:
    _EN_KIND[_w] = ("doz", Decimal(12))
for _w in EN_NEGATIVE:
    _EN_KIND[_w] = ("neg", Decimal(-1))
for _w in ("a", "an"):
    _EN_KIND[_w] = ("a", Decimal(1))
for _w in ("and", "of", "point"):
    _EN_KIND[_w] = (_w, Decimal(0))
_PREPS = EN_OVER | {w.split()[0] for w in EN_OUT_OF}
for _w in _PREPS:
    _EN_KIND.setdefault(_w, ("prep", Decimal(0)))

_PLURAL_FRAC = {w for w in EN_FRACTION_NOUNS if w.endswith("s")}


class _Tok(NamedTuple):
    kind: str  # u t h s ord frac doz neg a and of point prep hy num x
    value: Decimal
    start: int
    end: int
    word: str  # lower-cased surface word ("" for digits and hyphens)
    plural: bool = False
    compound: bool = False  # a hyphenated tens-unit word (twenty-one, thirty-fifths)


_EN_TOKENIZE = regex.compile(
    rf"""
      (?P<num> {ARABIC} )
    | (?P<w> [A-Za-z]+ )
    | (?P<hy> - )
    """,
    regex.VERBOSE,
)


def _en_tokens(s: str, base: int = 0) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _EN_TOKENIZE.finditer(s):
        st, en = m.start() + base, m.end() + base
        if m.lastgroup == "num":
            v = _dec(m.group())
            toks.append(_Tok("num", v, st, en, ""))
        elif m.lastgroup == "hy":
            toks.append(_Tok("hy", Decimal(0), st, en, ""))
        else:
            w = m.group().lower()
            if w == "of" and toks and toks[-1].word == "out":  # "out of" is one preposition
                toks[-1] = toks[-1]._replace(end=en, word="out of")
                continue
            kind, v = _EN_KIND.get(w, ("x", Decimal(0)))
            plural = w in _PLURAL_FRAC or (kind == "ord" and _EN_ORD_FORMS[w][1])
            toks.append(_Tok(kind, v, st, en, w, plural))
    # "out" is a preposition only in "out of"
    return [t._replace(kind="x") if t.kind == "prep" and t.word not in _PREP_WORDS else t for t in toks]


_PREP_WORDS = EN_OVER | EN_OUT_OF


def _compose(items, words_only: bool = False) -> Optional[Decimal]:
    """Value of a cardinal phrase given as tokens (no fractions): standard composition
    with adjacency checks; 'and' is transparent. None if the words do not make a number."""
    total = cur = Decimal(0)
    prev = None
    scale: Optional[Decimal] = None
    hundred = False
    for t in items:
        k = t.kind
        if k == "and":
            continue
        if k == "num":
            if words_only or prev not in (None, "h", "s"):
                return None
            cur += t.value
        elif k == "u":
            if not (prev in (None, "h", "s") or (prev == "t" and 1 <= t.value <= 9)):
                return None
            cur += t.value
        elif k == "t":
            if prev not in (None, "h", "s"):
                return None
            cur += t.value
        elif k == "a":
            if prev is not None:
                return None
            cur = Decimal(1)
        elif k == "h":
            if hundred or prev in ("h", "s"):
                return None
            cur = (cur or Decimal(1)) * 100
            hundred = True
        elif k == "s":
            if prev in ("u", "t", "h", "a", "num") and cur > 0 and (scale is None or t.value < scale):
                total += cur * t.value
            elif prev == "s" and cur == 0 and scale is not None and t.value > scale:
                total *= t.value
            else:
                return None
            cur, scale, hundred = Decimal(0), t.value, False
        else:
            return None
        prev = k
    return None if prev is None else total + cur


def _frac_items(toks: list[_Tok], i: int, k: int) -> Optional[list[_Tok]]:
    """Tokens i..k (k the denominator word) with hyphens resolved: tens-unit and
    tens-ordinal join into one word (twenty-one, thirty-fifths); a hyphen before the
    denominator is a separator (one-eighth, hundred-fifths); any other hyphen ends it."""
    out: list[_Tok] = []
    j = i
    while j <= k:
        t = toks[j]
        if t.kind == "hy":
            nxt = toks[j + 1] if j + 1 <= k else None
            if nxt is None:
                return None
            if out and out[-1].kind == "t" and not out[-1].compound and (
                (nxt.kind == "u" and 1 <= nxt.value <= 9) or (nxt.kind == "ord" and nxt.value < 10)
            ):
                prev = out.pop()
                out.append(nxt._replace(value=prev.value + nxt.value, start=prev.start, compound=True))
                j += 2
                continue
            if nxt.kind in ("ord", "frac") and out and out[-1].kind in ("u", "a", "h", "t"):
                j += 1
                continue
            return None
        out.append(t)
        j += 1
    return out


def _fraction_value(items: list[_Tok], bare_ok: bool) -> Optional[Decimal]:
    """Value of a written fraction whose last item is the denominator word:
    "two thirds", "one hundred and three and two thirds", "one one hundred fifth" (1/105),
    "twenty twenty fifths" (20/25), "six million and two thirds" (6 2/3 million)."""
    last = items[-1]
    den = last.value
    split = len(items) - 1
    # A tens word right before a unit ordinal belongs to the denominator (thirty fifths
    # = 35ths) when a numerator remains and no "and" binds it to the numerator.
    if (
        last.kind == "ord" and not last.compound and den < 10 and split >= 2
        and items[split - 1].kind == "t" and items[split - 2].kind != "and"
    ):
        den += items[split - 1].value
        split -= 1
    # "one hundred [and] fifth", "one thousand fifths": a single unit and a scale larger
    # than the ordinal form a compound ordinal when a numerator remains before them.
    elif last.kind == "ord" and not last.compound:
        j = split - 1
        if j >= 0 and items[j].kind == "and":
            j -= 1
        if (
            j >= 2 and items[j].kind in ("h", "s") and items[j].value > den
            and items[j - 1].kind in ("u", "a") and not items[j - 1].compound
            and items[j - 1].value < 10 and items[j - 2].kind != "and"
        ):
            den += items[j].value * items[j - 1].value
            split = j - 1
    if last.word in EN_COMPOUND_ONLY and split == len(items) - 1 and not last.compound:
        return None  # "a first", "a second": not fractions
    part = items[:split]
    ands = [m for m, t in enumerate(part) if t.kind == "and"]
    if ands and ands[-1] < len(part) - 1:
        m = ands[-1]
        numer = _compose(part[m + 1:], words_only=True)
        whole = _compose(part[:m])
        if numer is None or whole is None:
            return None
        if not last.plural and numer != 1:
            return None
        if numer < den:
            if part[m - 1].kind == "s":  # six million and two thirds: of the million
                return whole + numer / den * part[m - 1].value
            return whole + numer / den
        return (whole + numer) / den
    if not part:
        return Decimal(1) / den if bare_ok else None
    numer = _compose(part, words_only=True)
    if numer is None or (not last.plural and numer != 1):
        return None
    return numer / den


_FRAC_LOOKAHEAD = 16  # a written fraction is at most this many tokens before its denominator
_FRAC_BODY = {"u", "t", "h", "s", "a", "and", "hy", "num"}


def _en_fraction(toks: list[_Tok], i: int) -> Optional[tuple[int, Decimal]]:
    """A written fraction starting at token i, with what may follow it: a scale
    ("half million", "five and a half million", "three quarters million"), "of a" and
    a scale ("two thirds of a million"), "a dozen" ("half a dozen")."""
    n = len(toks)
    k = i
    while k < n and k - i < _FRAC_LOOKAHEAD and toks[k].kind in _FRAC_BODY:
        k += 1
    if k >= n or toks[k].kind not in ("ord", "frac"):
        return None
    items = _frac_items(toks, i, k)
    if not items:
        return None
    j = k + 1
    scale = None
    if j < n and toks[j].kind == "s":
        scale, end = toks[j].value, j + 1
    elif j + 2 < n and toks[j].kind == "of" and toks[j + 1].kind == "a" and toks[j + 2].kind == "s":
        scale, end = toks[j + 2].value, j + 3
    bare_ok = last_is_half = items[-1].word == "half"
    if scale is not None:
        # the fraction is of the scale that follows; an earlier scale closes a group
        # (one billion and three quarters million = 1e9 + 0.75e6)
        g = max((m for m, t in enumerate(items) if t.kind == "s"), default=-1)
        head = items[: g + 1]
        rest = items[g + 1:]
        if rest and rest[0].kind == "and":
            rest = rest[1:]
        if not rest:
            return None
        fv = _fraction_value(rest, bare_ok=rest[-1].kind == "frac")
        if fv is None:
            return None
        before = _compose(head) if head else Decimal(0)
        if before is None:
            return None
        return end, before + fv * scale
    v = _fraction_value(items, bare_ok=bare_ok)
    if v is None:
        return None
    if last_is_half and j + 1 < n and toks[j].kind == "a" and toks[j + 1].kind == "doz":
        return j + 2, v * 12  # half a dozen
    return j, v


def _en_integer(toks: list[_Tok], i: int, plain: bool = False) -> Optional[tuple[int, Decimal, bool]]:
    """The longest cardinal starting at token i: (end token, value, is an integer).
    `plain`: no decimals or dozens (a denominator after "over")."""
    n = len(toks)
    total = cur = Decimal(0)
    prev: Optional[str] = None
    scale: Optional[Decimal] = None
    hundred = False
    small: Optional[Decimal] = None  # last unit/tens/arabic added (a dozen multiplies it)
    best: Optional[tuple[int, Decimal, bool]] = None
    before_and: Optional[tuple[int, Decimal, bool]] = None
    after_and = False
    k = i
    while k < n:
        t = toks[k]
        kind, v = t.kind, t.value
        if kind == "hy":  # only tens-hyphen-unit: twenty-one, fifty - two
            nxt = toks[k + 1] if k + 1 < n else None
            if prev == "t" and nxt is not None and nxt.kind == "u" and 1 <= nxt.value <= 9:
                k += 1
                continue
            break
        if kind == "and":
            if prev in ("h", "s") and not after_and:
                before_and, after_and = best, True
                k += 1
                continue
            break
        if kind == "a":
            if prev is None and k + 1 < n and toks[k + 1].kind in ("h", "s", "doz"):
                cur, small, prev = Decimal(1), Decimal(1), "a"
                k += 1
                continue
            break
        if kind in ("u", "t"):
            ok = (
                prev is None
                or (prev == "t" and kind == "u" and 1 <= v <= 9 and toks[k - 1].kind in ("t", "hy"))
                or (prev in ("h", "s") and not (after_and and v == 0))
            )
            if not ok:
                break
            cur += v
            small, prev = v, kind
        elif kind == "num":
            is_int = v == v.to_integral_value()
            limit = Decimal(100) if prev == "h" else scale
            if not (prev is None or (prev in ("h", "s") and is_int and 0 < v < limit)):
                break
            cur += v
            small, prev = v, "num"
        elif kind == "h":
            if prev is None:
                cur = Decimal(100)  # "hundred thousand"
            elif prev in ("u", "t", "a") and not hundred and 0 < cur < 100:
                cur *= 100
            elif prev == "num" and not hundred:
                cur *= 100
            else:
                return before_and if after_and and small is not None else best
            hundred, small, prev = True, None, "h"
        elif kind == "s":
            if prev in ("u", "t", "h", "num", "a") and cur > 0 and (scale is None or v < scale):
                total += cur * v
            elif prev == "s" and cur == 0 and scale is not None and v > scale:
                total *= v  # three lakh crore
            else:
                return before_and if after_and and prev not in ("h", "s") else best
            cur, scale, hundred, small, prev, after_and = Decimal(0), v, False, None, "s", False
        elif kind == "doz" and not plain and prev in ("u", "t", "num", "a", "h"):
            cur = cur * 12 if small is None else cur - small + small * 12
            return k + 1, total + cur, True
        elif kind == "point" and not plain and prev in ("u", "t", "h", "s"):
            return _en_point(toks, k, total + cur) or best
        else:
            break
        val = total + cur
        best = (k + 1, val, val == val.to_integral_value())
        k += 1
    return best


def _en_point(toks: list[_Tok], k: int, whole: Decimal) -> Optional[tuple[int, Decimal, bool]]:
    """Digits after "point": nine point nought four, two hundred point seventy-one."""
    n = len(toks)
    digits = ""
    m = k + 1
    while m < n:
        t = toks[m]
        if t.kind == "u":
            digits += str(int(t.value))
            m += 1
        elif t.kind == "t":
            d = str(int(t.value))[0]
            if m + 2 < n and toks[m + 1].kind == "hy" and toks[m + 2].kind == "u" and 1 <= toks[m + 2].value <= 9:
                d += str(int(toks[m + 2].value))
                m += 2
            digits += d
            m += 1
        else:
            break
    if not digits:
        return None
    v = whole + Decimal("0." + digits)
    if m < n and toks[m].kind == "s" and whole < 1000:  # two point five million
        return m + 1, v * toks[m].value, False
    return m, v, False


def _year_like(t: _Tok) -> bool:
    return t.kind == "num" and 1900 <= t.value <= 2099 and t.value == t.value.to_integral_value()


def _en_number(toks: list[_Tok], i: int, money: bool = False) -> Optional[tuple[int, Decimal]]:
    """The number starting at token i: (end token, value), or None."""
    n = len(toks)
    k = i
    neg = False
    if toks[k].kind == "neg" or (toks[k].kind == "hy" and k == 0):
        if k + 1 < n and toks[k + 1].kind in ("u", "t", "h", "num", "a", "frac"):
            neg, k = True, k + 1
        else:
            return None
    r = _en_fraction(toks, k)
    if r is not None:
        j, v = r
    else:
        ri = _en_integer(toks, k)
        if ri is None:
            return None
        j, v, is_int = ri
        # a fraction by preposition: one over three, 1 in twenty-one, two out of five hundred
        if is_int and not money and j + 1 < n and toks[j].kind == "prep":
            rd = _en_integer(toks, j + 1, plain=True)
            if rd is not None and rd[2] and rd[1] != 0 and not _year_like(toks[j + 1]):
                if toks[j].word in EN_OVER or v < rd[1]:
                    j, v = rd[0], v / rd[1]
    return j, -v if neg else v


def _en_numbers(toks: list[_Tok], text: str) -> list[tuple[int, int, Decimal]]:
    """Every number in a token run: (start offset, end offset, value)."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        money = t.kind == "num" and _after_currency(text, t.start)
        r = _en_number(toks, i, money)
        if r is None:
            i += 1
            continue
        j, v = r
        if j - i == 1 and t.word == "one" and _after_determiner(text, t.start):
            i = j  # "the one you mentioned": a pronoun
            continue
        out.append((t.start, toks[j - 1].end, v))
        i = j
    return out


_DETERMINER_BEFORE = regex.compile(rf"(?<![A-Za-z])(?:{_alt(EN_DETERMINERS)})[ \t]+$", regex.IGNORECASE)


def _after_determiner(text: str, pos: int) -> bool:
    return bool(_DETERMINER_BEFORE.search(text[max(0, pos - 12):pos]))


def _after_currency(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in CURRENCY_SYMBOLS


@lru_cache(maxsize=4096)
def parse_en(s: str) -> Optional[Decimal]:
    """Value of an English number phrase: "fifty-three", "two million", "one hundred and
    six", "two hundred point zero three", "two thirds of a million", "3 dozens",
    "one over three", "minus five". None unless the phrase starts with a number."""
    toks = _en_tokens(s)
    if not toks:
        return None
    r = _en_number(toks, 0)
    return None if r is None else r[1]
