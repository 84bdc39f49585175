"""Ranges: two bounds of one quantity read as one interval (DESIGN.md "Reading bound words").

`merge` runs at the end of `quantities.scan`, over the RawClaims of one text:

  framed     "X connector Y" inside a frame is the closed range [X, Y], bound "range":
             between 20 and 30, from 200 to 3000000, 20 through 100, 位于20和30之间,
             10000与20000间, 介于5和10之间. X and Y are claims of the scan, or plain
             numerals that the scan drops when they stand alone (between 20 and 30);
             those are found with scanners.find_numbers, run only on the few dozen
             characters next to a frame word.
  two_sided  a lower-bound claim (gt, ge) and an upper-bound claim (lt, le) with nothing
             but a connector between them are one claim, bound "bounded", each end as
             its own word says: 大于10小于20 is (10, 20), 大于等于0并小于230.3964 is
             [0, 230.3964), 1000以上， 1500以下 is [1000, 1500], at most 100 and at least
             20 is [20, 100]. Bounds that cannot both hold (大于50小于12) stay two claims.

The words (openers, connectors, closers, the two-sided connectors) are data:
bounds.toml [ranges]. Both passes are linear in the text: a str.find per frame word,
then work local to each hit (at most one window per 16 characters) and to each pair of
neighbouring claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional

import regex

from .._data import load_toml
from .numbers import BIG, DIG, EN_WORD, SMALL, SP, ZH_BIG, ZH_SMALL, fold, parse_numeral
from .scanners import find_numbers

__all__ = ["merge", "lent_magnitude"]

_R = load_toml("bounds.toml")["ranges"]

LOWER = frozenset(("gt", "ge"))
UPPER = frozenset(("lt", "le"))
ONE_SIDED = LOWER | UPPER
_REACH = 64  # how far from a frame word its two numbers may reach


def _word(w: str) -> str:
    """A literal word; a Latin one must not run into letters (from / fromage)."""
    e = regex.escape(w)
    return rf"(?<! [A-Za-z] ) {e} (?! [A-Za-z] )" if regex.match(r"[A-Za-z]", w) else e


def _alt(words) -> str:
    return "|".join(_word(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


OPENERS: dict[str, str] = {fold(k).lower(): v for k, v in _R["openers"].items()}
CONNECTORS: dict[str, list[str]] = {
    k: [fold(w) for w in v] for k, v in _R["connectors"].items() if k != "alone"
}
CONNECTORS["closer"] = CONNECTORS["and"]  # 在X和Y之间: the closer's connectors
ALONE = [fold(w) for w in _R["connectors"]["alone"]]
CLOSERS = [fold(w) for w in _R["closers"]["words"]]
CHANGE_WORDS = [fold(w) for w in _R["change_words"]["words"]]
TWO_SIDED = [fold(w) for w in _R["two_sided"]["connectors"]]

# ------------------------------------------------------------------------ patterns

# What may start a number after an opener: a digit, sign or currency sign, a Chinese
# numeral, an English number word (from one thousand, between negative ten).
_NUMBER_AHEAD = regex.compile(
    rf"""{SP}{{0,4}} (?: [\d\-+.$€£¥{DIG}{SMALL}负]
                 | (?i: {EN_WORD} | an? | half | quarter | negative | minus ) (?! [A-Za-z] ) )""",
    regex.VERBOSE,
)


def _variants(w: str) -> list[str]:
    return [w, w[:1].upper() + w[1:]] if regex.match(r"[a-z]", w) else [w]


# The frame words, found with str.find (a C loop per word, quicker than one regex pass
# over the text, which would stop at every 时间 and 期间): (word, kind), longest first.
_LATIN = regex.compile(r"[A-Za-z]")
_FRAME_WORDS = sorted(
    [(v, "open", bool(_LATIN.match(v))) for k, c in OPENERS.items() if c != "closer" for v in _variants(k)]
    + [(w, "close", False) for w in CLOSERS]
    + [(v, "alone", True) for w in ALONE for v in _variants(w)],
    key=lambda x: -len(x[0]),
)
# (literal words: Python's re finds them as regex does; _FRAME_WORDS is longest first)
_FRAME_RE = re.compile("|".join(re.escape(w) for w, _, _ in _FRAME_WORDS))
_FRAME_KIND = {w: (kind, latin) for w, kind, latin in _FRAME_WORDS}
FRAME_WORDS = [w for w, _, _ in _FRAME_WORDS]
# Between an opener and X, or Y and a closer: spaces only.
_SPACES = regex.compile(rf"{SP}*")
# A character that may continue a numeral across a window's edge.
_CONTINUES = regex.compile(rf"[\d.,{DIG}{SMALL}{BIG}A-Za-z]")
# Between X and Y: one connector of the opener's class, spaces around it.
_CONN = {
    cls: regex.compile(rf"{SP}* (?: {_alt(ws)} ) {SP}*", regex.VERBOSE | regex.IGNORECASE)
    for cls, ws in CONNECTORS.items()
}
_CONN_ANY = {cls: regex.compile(_alt(ws), regex.VERBOSE | regex.IGNORECASE) for cls, ws in CONNECTORS.items()}
_CONN_ALONE = regex.compile(rf"{SP}* (?: {_alt(ALONE)} ) {SP}*", regex.VERBOSE | regex.IGNORECASE)
_CLOSER = regex.compile(rf"{SP}* (?: {_alt(CLOSERS)} )", regex.VERBOSE)
# An opener right before X (matched backwards from X): 位于20和30之间, between 5 and 10.
_OPENER_BACK = regex.compile(rf"(?: {_alt(OPENERS)} ) {SP}*", regex.VERBOSE | regex.IGNORECASE | regex.REVERSE)
# A change, not a range: "rose from 5% to 10%" (matched backwards from the opener).
_CHANGE_BACK = regex.compile(rf"(?: {_alt(CHANGE_WORDS)} ) {SP}*", regex.VERBOSE | regex.IGNORECASE | regex.REVERSE)
# Between a lower and an upper bound: a comma and/or one connector, spaces around them.
_TWO_SIDED_GAP = regex.compile(
    rf"""
    [ \t\u3000]*
    (?: [,，、] [ \t\u3000]* )?                   # 1000以上， 1500以下
    (?: (?: {_alt(TWO_SIDED)} ) [ \t\u3000]* )?   # 大于100 并且小于300, more than 10 and less than 40
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# The magnitude at the end of a numeral, which a range's second end lends its first:
# 3到5万 is 3万 to 5万, 3-5千 3千 to 5千. A run of big units after anything, or a run of
# units after Arabic digits (5千万); 一千五百 ends in no magnitude (its 百 is a digit's).
# (Matched backwards from the numeral's end: linear however long the numeral.)
_TRAILING_MAGNITUDE = regex.compile(
    rf"(?: (?<= [\d.] ) {SP}* [{SMALL}] [{BIG}]* | [{BIG}]+ )", regex.VERBOSE | regex.REVERSE
)


def magnitude(num: str) -> Decimal:
    """The multiplier written at the end of a numeral (folded form): 5万 -> 1e4,
    1.5亿 -> 1e8, 3千万 -> 1e7, 二十万 -> 1e4; 1 when there is none (一千五百, 20)."""
    m = _TRAILING_MAGNITUDE.match(num.strip())
    if not m:
        return Decimal(1)
    out = Decimal(1)
    for ch in m.group().strip():
        out *= ZH_BIG.get(ch) or Decimal(ZH_SMALL.get(ch, 1))
    return out


def lent_magnitude(
    x_num: str, x: Decimal, y_num: str, y: Decimal, y_scale: Decimal = Decimal(1)
) -> Optional[Decimal]:
    """X of a range X..Y, with Y's magnitude when X has none of its own and takes it
    (3到5万 -> 30000; 5-10 million -> 5e6): `y_scale` is a scale word after Y (k,
    million), `x_num`/`y_num` the numerals as written. None when X > Y either way."""
    m = magnitude(y_num) * y_scale
    if m != 1 and magnitude(x_num) == 1 and x * m <= y:
        return x * m
    return x if x <= y else None


# ------------------------------------------------------------------------ the passes


def merge(text: str, f: str, claims: list, frames=None) -> list:
    """The RawClaims of `text` (folded: `f`) with framed and two-sided ranges read as one
    claim each; the claims they are made of are dropped. `frames`: the matches of
    FRAME_WORDS in `f`, if the caller has found them."""
    hits = _frame_words(f, frames)
    if hits:
        claims = _framed(text, f, claims, hits)
    if len(claims) > 1:
        claims = _two_sided(f, claims)
    return claims


class _Item(NamedTuple):
    """One end of a framed range: a claim of the scan, or a plain numeral."""

    start: int
    end: int
    value: Decimal
    num: str  # the numeral as written (folded)
    claim: object  # the RawClaim, or None for a plain numeral


def _items(text: str, f: str, claims: list, starts: list[int], a: int, b: int) -> list[_Item]:
    """Claims and plain numerals in f[a:b], in order; a numeral inside a claim is the
    claim's, and one cut by the window's edge is left out."""
    out = []
    i = bisect_left(starts, a)
    if i > 0 and claims[i - 1].end > a:
        i -= 1
    spans = []
    while i < len(claims) and claims[i].start < b:
        c = claims[i]
        spans.append((c.start, c.end))
        if c.low is not None and a <= c.start:
            out.append(_Item(c.start, c.end, Decimal(repr(c.low)), fold(c.value_text), c))
        i += 1
    for n in find_numbers(text[a:b]):
        s, e = n.start + a, n.end + a
        if n.value is None or any(cs < e and s < ce for cs, ce in spans):
            continue
        if (s == a and _CONTINUES.match(f, a - 1) and a > 0) or (e == b and _CONTINUES.match(f, b)):
            continue  # cut by the window's edge
        out.append(_Item(s, e, n.value, fold(n.text), None))
    out.sort(key=lambda it: it.start)
    return out


def _frame_words(f: str, frames=None) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, word) of each frame word that may frame a range, in order: an
    opener before a number, a closer, a Latin word standing alone (not fromage). One
    pass over the text finds them all, the longest word first where they overlap (间
    inside 之间 is not one more)."""
    out = []
    for m in (_FRAME_RE.finditer(f) if frames is None else frames):
        i, e = m.span()
        w = m.group()
        kind, latin = _FRAME_KIND[w]
        if not (latin and (i > 0 and _is_latin(f[i - 1]) or _is_latin(f[e:e + 1]))) \
                and (kind != "open" or _NUMBER_AHEAD.match(f, e)):
            out.append((i, e, kind, w))
    return out


def _is_latin(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _framed(text: str, f: str, claims: list, hits) -> list:
    starts = [c.start for c in claims]
    made = []
    done = 0  # frames do not overlap: a hit inside the last one is passed over
    budget = len(f) // 16 + 8  # frame words read at most this many windows (a text of 从1从1...)
    for s, e, kind, w in hits:
        if s < done:
            continue
        budget -= 1
        if budget < 0:
            break
        if kind == "open":
            r = _after_opener(text, f, claims, starts, s, e, OPENERS[w.lower()])
        elif kind == "close":
            r = _before_closer(text, f, claims, starts, s)
        else:
            r = _around(text, f, claims, starts, s, e)
        if r is not None:
            made.append(r)
            done = r.end
    if not made:
        return claims
    out = [c for c in claims if not any(r.start < c.end and c.start < r.end for r in made)]
    out.extend(made)
    out.sort(key=lambda c: c.start)
    return out


def _closer_end(f: str, pos: int) -> Optional[int]:
    c = _CLOSER.match(f, pos, min(len(f), pos + 8))
    return c.end() if c else None


def _plain(it: _Item) -> bool:
    """An end a frame may take: a plain numeral, or a claim with no bound word."""
    return it.claim is None or it.claim.bound is None


def _after_opener(text, f, claims, starts, os_, oe, cls):
    """between X and Y, from X to Y, 从X到Y, 介于X和Y(之间)."""
    if cls == "to" and _CHANGE_BACK.match(f, max(0, os_ - 16), os_):
        return None  # rose from 5% to 10%: a change
    if not _CONN_ANY[cls].search(f, oe, min(len(f), oe + _REACH)):
        return None  # no connector within reach (从全球范围, from 2019 on)
    items = _items(text, f, claims, starts, oe, min(len(f), oe + _REACH))
    if not items or not _SPACES.fullmatch(f, oe, items[0].start):
        return None
    x = items[0]
    if x.claim is not None and x.claim.bound == "range":  # 从1000到2000: the scan read it
        return x.claim._replace(start=os_, end=_closer_end(f, x.end) or x.end)
    if len(items) < 2 or not _plain(x) or not _plain(items[1]):
        return None
    y = items[1]
    if not _CONN[cls].fullmatch(f, x.end, y.start):
        return None
    end = _closer_end(f, y.end)
    if cls == "closer" and end is None:
        return None
    return _make(text, os_, end or y.end, x, y)


def _before_closer(text, f, claims, starts, cs):
    """X与Y之间, 在X和Y之间, 位于X到Y之间."""
    j = cs
    while j > 0 and f[j - 1] in " \t":
        j -= 1
    i = bisect_left(starts, j) - 1
    if not (_CONTINUES.match(f, j - 1) and j > 0) and not (i >= 0 and claims[i].end == j):
        return None  # 两国之间: no number or quantity ends right before it
    items = _items(text, f, claims, starts, max(0, cs - _REACH), cs)
    if not items or not _SPACES.fullmatch(f, items[-1].end, cs):
        return None
    y = items[-1]
    ce = _closer_end(f, cs)
    if y.claim is not None and y.claim.bound == "range":  # 在10到20之间
        o = _OPENER_BACK.match(f, max(0, y.start - 8), y.start)
        return y.claim._replace(start=o.start() if o else y.start, end=ce)
    if len(items) < 2 or not _plain(y) or not _plain(items[-2]):
        return None
    x = items[-2]
    if not _CONN["and"].fullmatch(f, x.end, y.start):
        return None
    o = _OPENER_BACK.match(f, max(0, x.start - 8), x.start)
    return _make(text, o.start() if o else x.start, ce, x, y)


def _around(text, f, claims, starts, ts, te):
    """X through Y."""
    before = _items(text, f, claims, starts, max(0, ts - _REACH), ts)
    after = _items(text, f, claims, starts, te, min(len(f), te + _REACH))
    if not before or not after:
        return None
    x, y = before[-1], after[0]
    if not (_plain(x) and _plain(y) and _CONN_ALONE.fullmatch(f, x.end, y.start)):
        return None
    return _make(text, x.start, y.end, x, y)


def _year_like(it: _Item) -> bool:
    return it.claim is None and len(it.num) == 4 and it.num.isdigit() and 1900 <= it.value < 2100


def _scale(it: _Item) -> Optional[Decimal]:
    """What a claim's numeral was multiplied by to give its value (its unit's factor, a
    scale word): 10 km -> 1000, $5 million -> 1e6; 1 for a plain numeral."""
    if it.claim is None:
        return Decimal(1)
    v = parse_numeral(it.num)
    if not v:
        return None
    try:
        return it.value / v
    except (InvalidOperation, ArithmeticError):
        return None


def _make(text: str, start: int, end: int, x: _Item, y: _Item):
    """The range claim [X, Y] over text[start:end], or None if X and Y do not make one."""
    from .quantities import RawClaim  # (quantities imports this module)

    if x.claim is None and y.claim is None and (_year_like(x) or _year_like(y)):
        return None  # between 2019 and 2021: years, not a quantity
    unit, kind, scope, approx = "dimensionless", "number", None, False
    for it in (x, y):
        c = it.claim
        if c is None:
            continue
        if unit != "dimensionless" and c.unit not in ("dimensionless", unit):
            return None  # 10% and 20 yuan
        if c.unit != "dimensionless":
            unit, kind = c.unit, c.kind
        scope = scope or c.scope
        approx = approx or c.approx
    lo, hi = x.value, y.value
    if x.claim is None and y.claim is not None:  # 在10和20万元之间: X in Y's unit
        s = _scale(y)
        if s is None:
            return None
        lo = lent_magnitude(x.num, lo * s, y.num, hi)
    elif y.claim is None and x.claim is not None:
        s = _scale(x)
        if s is None:
            return None
        hi = hi * s
    elif x.claim is None:
        lo = lent_magnitude(x.num, lo, y.num, hi)
    if lo is None or lo > hi:
        return None
    end = min(end, len(text))
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return RawClaim(start, end, text[x.start:x.end], float(lo), float(hi), True, True,
                    approx, "range", unit, kind, scope)


def _two_sided(f: str, claims: list) -> list:
    one = [i for i, c in enumerate(claims) if c.bound in ONE_SIDED]
    pairs = [i for i, j in zip(one, one[1:]) if j == i + 1]
    if not pairs:
        return claims  # the common case: no two one-sided claims side by side
    out = []
    i = 0
    for k in pairs:
        if k < i:
            continue  # its first claim is already part of a merged pair
        m = _merge_two(f, claims[k], claims[k + 1])
        if m is not None:
            out.extend(claims[i:k])
            out.append(m)
            i = k + 2
    out.extend(claims[i:])
    return out


def _merge_two(f: str, a, b):
    """a and b as one interval, or None."""
    if a.bound in LOWER and b.bound in UPPER:
        lo, hi = a, b
    elif a.bound in UPPER and b.bound in LOWER:
        lo, hi = b, a
    else:
        return None
    if a.unit != b.unit and "dimensionless" not in (a.unit, b.unit):
        return None
    if not _TWO_SIDED_GAP.fullmatch(f, a.end, b.start):
        return None
    low, high = lo.low, hi.high
    if low is None or high is None or low > high:
        return None
    if low == high and not (lo.low_inclusive and hi.high_inclusive):
        return None
    unit, kind = (a.unit, a.kind) if a.unit != "dimensionless" else (b.unit, b.kind)
    return a._replace(
        end=b.end, value_text=lo.value_text, low=low, high=high,
        low_inclusive=lo.low_inclusive, high_inclusive=hi.high_inclusive,
        approx=a.approx or b.approx, bound="bounded", unit=unit, kind=kind,
        scope=a.scope or b.scope,
    )
