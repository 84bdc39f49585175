"""Quantities: a numeral, the bound words around it and its unit, read as one claim.

A candidate scan finds the numerals of the folded text in one pass; around each, a
tail pattern reads forwards (scale word, 多/余, %, a range's second end, unit) and a
prefix pattern backwards (bound words, currency sign, 数). Their pieces come from the
data files: bound words (bounds.toml), units and currency signs (units.toml),
classifiers (counters.toml), skipped words (not_claims.toml) and numerals (numbers.py).
Each candidate is turned into an interval in a canonical unit by `_read`, following the
table "Reading bound words" in DESIGN.md; filters.py decides what is not a claim.

The hot loop does no pint calls and builds no pydantic objects: values are scaled
exactly with Decimal factors from the data, and Claims are made at the end. It is also
written to call few regexes: the scan and the tail are compiled with Python's `re` as
well as with `regex` (see _engines), and cheap character tests decide when the prefix
pattern, the idiom lookup and the tests of filters.py can find nothing, which is most
of the time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from . import filters, measures, ranges
from .english import parse_en
from .numbers import (
    ARABIC,
    BIG,
    SMALL,
    EN_SCALES,
    EN_SUFFIXES,
    ZH_BIG,
    ZH_SMALL,
    fold_scan,
    parse_arabic,
    parse_numeral,
    parse_zh,
    place_of_last_digit,
)

from .grammar import (  # tables and compiled patterns
    AT_LEAST_WORDS,
    BARE_NOUNS,
    BOUND_WORDS,
    CLASSIFIERS,
    CLOSERS,
    COERCE,
    COMPUTE_LETTERS,
    CURRENCY_PREFIX,
    EN_NOUNS,
    INCLUSIVE,
    INCREASE_WORDS,
    MULTIPLES,
    NOUNS,
    SUFFIX,
    UNITS,
    UNIT_CLASSIFIERS,
    UNIT_PREFIX,
    _CJK_WORD,
    _CLAUSE_BACK,
    _CLOSER,
    _COMPUTE_CTX,
    _DASHES,
    _EN_NOUN_AFTER,
    _Engine,
    _FAST,
    _HEAD_FIRST,
    _IDIOM_PARTS,
    _KIND_OF,
    _LOWER_WORD_BEFORE,
    _NOUN_AFTER,
    _NUMERAL_UNIT_CHARS,
    _OR_IN,
    _PARTICLES,
    _PRECISION,
    _PREFIX,
    _PREFIX_BACK,
    _PREFIX_END,
    _PREFIX_NO_SEV,
    _PRE_SPLIT,
    _SCORE_BEFORE,
    _SENTENCE_END,
    _SEVERAL_HEADS,
    _SPACES,
    _TAIL_IDX,
    _THAN_FIRST,
    _THAN_LAST,
    _UNIT_ONLY,
    _YEARS,
    _exact,
    _is_han,
    _may_have_prefix,
)

__all__ = ["scan", "scan_folded", "RawClaim"]

class RawClaim(NamedTuple):
    """A claim before it becomes a pydantic Claim (cheap to build in the hot loop)."""

    start: int
    end: int
    value_text: str
    low: Optional[float]
    high: Optional[float]
    low_inclusive: bool
    high_inclusive: bool
    approx: bool
    bound: Optional[str]
    unit: str
    kind: str
    scope: Optional[dict]


# RawClaims are made without the generated __new__'s call (as namedtuple's _make does)
_new_raw = tuple.__new__

# ------------------------------------------------------------------------ values


@lru_cache(maxsize=16384)
def _value(num: str, kind: str) -> Optional[tuple[Decimal, Optional[Decimal], Decimal]]:
    """(value, step of a 多/余 inside, place of the last written digit) of a numeral."""
    num = num.strip()
    sign = 1
    if num[:1] in ("负", "-"):
        sign = -1
        num = num[1:].lstrip()
    if kind == "en":
        v = parse_en(num)
        return None if v is None else (v * sign, None, Decimal(1))
    v = parse_arabic(num)
    if v is not None:
        return v * sign, None, place_of_last_digit(num)
    z = parse_zh(num)
    if z is None:
        return None
    place = _zh_last_place(num)
    return z.value * sign, z.step, place


def _zh_last_place(num: str) -> Decimal:
    """Place value of the last written digit of a Chinese/mixed numeral, for 多/余 steps:
    3000 -> 1000, 八十 -> 10, 1.5万 -> 1000, 五百 -> 100."""
    m = _LAST_PLACE.search(num)
    tail_units = (m.group(2) or "") if m else ""
    mult = Decimal(1)
    for ch in tail_units:
        mult *= ZH_BIG.get(ch) or Decimal(ZH_SMALL.get(ch, 1))
    if m and m.group(1):
        return place_of_last_digit(m.group(1)) * mult
    return mult


def _fraction(num: str) -> Optional[Decimal]:
    """Value of a fraction: 1/2, 四分之一, 3分之2, a half, one quarter."""
    if "/" in num:
        numer, _, den = num.partition("/")
    elif num[-1:].isdigit() and num[:1].isdigit():  # 3 out of 4
        numer, den = num.split()[0], num.split()[-1]
    elif "之" in num:
        den, _, numer = num.partition("之")
        den = den.rstrip().rstrip("分")
    else:
        return parse_en(num.lower())
    a, b = parse_numeral(numer.replace(" ", "")), parse_numeral(den.replace(" ", ""))
    return None if a is None or not b else a / b


def _bare_range(f: str, num_s: int, num: str, t) -> bool:
    """Whether a range of plain numbers is a claim (一千到一千五百, 1000-5000): not years
    (2019-2023) nor part of a phone number, ID or date (+1-222-2222, 5/17-5/20)."""
    if not t.group("join"):
        return False
    g = "zh2" if t.group("zh2") else ("en2" if t.group("en2") else None)
    if g is None:
        return True
    if _YEARS.fullmatch(num.strip()) and _YEARS.fullmatch(t.group(g).strip()):
        return False
    s2, e2 = t.span(g)
    if filters.is_date_part(f, s2, e2, t.group(g)):
        return False  # 1-3月, 2019-2023年
    if t.group("join").strip() in _DASHES and num_s > 0 and _CJK_WORD.match(f, num_s - 1):
        return False  # 图1-3, 编号1-100: labels (一千到一千五百, 5~10 are ranges)
    return not (f[num_s - 1:num_s] in ("+", "-", "/", "—", "–", "月") or regex.match(r"[-/—–]\d", f[e2:e2 + 2]))


_LAST_PLACE = regex.compile(rf"({ARABIC})?\s*([{SMALL}{BIG}]*)\s*$", regex.VERBOSE)


_HUGE = Decimal("1e40")
_ONE = Decimal(1)
_NINE_TENTHS = Decimal("0.9")
_ELEVEN_TENTHS = Decimal("1.1")


def _interval(v: Decimal, kind: Optional[str], step: Optional[Decimal]):
    """(low, high, low_inclusive, high_inclusive, approx) for a bound kind. The relative
    readings (near, about, more, several, level) mirror for negative values: about -1
    is [-1.1, -0.9]."""
    if v < 0 and kind in ("near", "about", "more", "several", "level"):
        lo, hi, li, hi_incl, approx = _interval(-v, kind, step)
        return -hi, -lo, hi_incl, li, approx
    if kind in (None, "eq"):
        return v, v, True, True, False
    if kind == "gt":
        return v, None, False, False, False
    if kind == "ge":
        return v, None, True, False, False
    if kind == "lt":
        return None, v, False, False, False
    if kind == "le":
        return None, v, False, True, False
    if kind == "near":
        return v * _NINE_TENTHS, v, True, False, True
    if kind == "about":
        return v * _NINE_TENTHS, v * _ELEVEN_TENTHS, True, True, True
    if kind == "more":
        return v, v + (step or _ONE), False, False, True
    if kind == "several":
        return v * 2, v * 10, True, False, True
    if kind == "level":
        return v, v * 10, True, False, True
    raise ValueError(kind)


@lru_cache(maxsize=4096)
def _than(pre: str) -> tuple[bool, int]:
    """(whether the bound words end with the opener of 比X大, how many characters the
    opener and its fillers take when they begin them instead, or 0)."""
    if _THAN_LAST.search(pre):
        return True, 0
    m = _THAN_FIRST.match(pre)
    return False, m.end() if m else 0


@lru_cache(maxsize=4096)
def _bound_of(pre: str) -> Optional[str]:
    """The bound kind of the bound words before a number (the last word's, or the
    inclusive comparative for 小于或等于, equal to or more than)."""
    kinds = [BOUND_WORDS[w.lower()] for w in _PRE_SPLIT.findall(pre)]
    bound = kinds[-1] if kinds else None
    if len(kinds) > 1 and "eq" in kinds and _OR_IN.search(pre):
        bound = next((INCLUSIVE[k] for k in kinds if k in INCLUSIVE), bound)
    return bound


# ------------------------------------------------------------------------ units


def _nouns_before(f: str, start: int):
    """The nouns of the clause before `start`, nearest first: at each position from
    `start` back to the clause's start (at most _CLAUSE_BACK characters), the longest
    noun that ends there. (A loop over characters: most end no noun, which one set
    lookup tells.)"""
    lo = start - _CLAUSE_BACK if start > _CLAUSE_BACK else 0
    e = start
    while e > lo:
        ch = f[e - 1]
        if ch in _CLAUSE_CHARS:
            return
        words = _NOUN_BY_LAST.get(ch)
        if words is not None:
            for w in words:  # (longest first)
                k = e - len(w)
                if k >= lo and f.startswith(w, k):
                    yield w
                    break
        e -= 1


_CLAUSE_CHARS = frozenset("，。；！？,;!?")
_NOUN_BY_LAST: dict[str, list[str]] = {}
for _w in sorted(set(NOUNS) | set(BARE_NOUNS), key=lambda w: (-len(w), w)):
    _NOUN_BY_LAST.setdefault(_w[-1], []).append(_w)


def _counted_as(unit: str, classifier: str) -> Optional[str]:
    """The unit a noun's unit is counted as with `classifier`, or None if they do not go
    together (counters.toml [units] and [coerce])."""
    if classifier in UNIT_CLASSIFIERS.get(unit, ()):
        return unit
    return COERCE.get(unit, {}).get(classifier)


def _counted_unit(f: str, start: int, end: int, classifier: str, memory: dict) -> str:
    """What a classifier counts (see counters.toml for the order of the rules)."""
    m = _NOUN_AFTER.match(f, end, end + 12)
    if m:
        unit = _counted_as(NOUNS[m.group(1)], classifier)
        if unit is not None:
            return unit
    nxt = f[end:end + 1]
    if nxt and _is_han(nxt):
        # 10个行业: something not in the noun table is counted; a classifier that names
        # what it counts keeps its own unit (2人即可, 3家银行)
        return CLASSIFIERS[classifier]
    for w in _nouns_before(f, start):
        unit = NOUNS.get(w)
        if unit is not None:
            unit = _counted_as(unit, classifier)
            if unit is not None:
                return unit
    prev = memory.get(classifier)
    if prev is not None and not _SENTENCE_END.search(f, prev[1], start):
        return prev[0]
    return CLASSIFIERS[classifier]


def _bare_unit(f: str, start: int, end: int) -> tuple[str, str]:
    """A unit for a number with a magnitude but no unit word: a noun before it in the
    clause (参数量达到1750亿, 下载量突破700万), else `count` when a word follows (47万高质量...)."""
    for w in _nouns_before(f, start):
        if w in BARE_NOUNS:
            return BARE_NOUNS[w], "params"
        if len(w) > 1:  # one-character nouns (人, 卡) are too often parts of words (惊人)
            return NOUNS[w], "count"
    nxt = f[end:end + 1]
    if nxt and _is_han(nxt) and nxt not in _PARTICLES:
        return "count", "count"
    return "dimensionless", "number"


def _precision(f: str, start: int, end: int) -> Optional[str]:
    m = _PRECISION.search(f, end, min(len(f), end + 8)) or _PRECISION.search(f, max(0, start - 12), start)
    return m.group() if m else None


# ------------------------------------------------------------------------ scanning


def scan(text: str) -> list[RawClaim]:
    """Every claim in `text` (a str), as RawClaims in text order."""
    return scan_folded(text)[0]


def scan_folded(text: str) -> tuple[list[RawClaim], str]:
    """scan(text), and the folded text it read (numbers.fold: same length and offsets),
    for readers of the claims' context."""
    f, exact = fold_scan(text)
    eng = _exact() if exact else _FAST
    if _WORDS is None:
        spans, frames = filters.furniture_spans(f), None
    else:  # page furniture markers and range frame words in one pass
        markers, frames = [], []
        for w in _WORDS.finditer(f):
            (markers if w.group() in _MARKERS else frames).append(w)
        spans = filters.furniture_spans(f, markers)  # lines of page furniture
    skip_lines = ([a for a, _ in spans], [b for _, b in spans]) if spans else None
    memory: dict = {}  # classifier -> (unit, end) of the last count, for enumerations
    out: list[RawClaim] = []
    pos = 0
    n = len(f)
    search = eng.candidate.search
    while pos < n:
        m = search(f, pos)
        if m is None:
            break
        pos = m.end()
        kind = _KIND_OF[m.lastgroup]
        if kind == "skip":
            continue
        r = _read(m, kind, text, f, skip_lines, memory, out[-1].end if out else 0, eng)
        if r is not None:
            out.append(r)
            if r.end > pos:
                pos = r.end
    return ranges.merge(text, f, out, frames), f  # (merge: two bounds of one quantity as one claim)


def _words_pattern():
    """One pattern for the page furniture markers (filters) and the frame words of
    ranges (ranges), which scan() finds in one pass; None (two passes) if a word of one
    list could overlap a word of the other, so that one match could hide the other."""
    a, b = set(filters.FURNITURE_MARKERS), set(ranges.FRAME_WORDS)

    def hides(x: str, y: str, frame: bool) -> bool:
        """Whether an occurrence of x can hide one of y (overlap it) that counts: a
        Latin frame word after a letter counts for nothing (copyright, through)."""
        return x in y or y in x or any(
            x.endswith(y[:k]) and not (frame and y[0].isascii() and y[0].isalpha()
                                       and x[-k - 1:-k].isascii() and x[-k - 1:-k].isalpha())
            for k in range(1, len(y)))

    if any(hides(x, y, True) or hides(y, x, False) for x in a for y in b):
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(a | b, key=lambda w: (-len(w), w))))


_WORDS = _words_pattern()
_MARKERS = frozenset(filters.FURNITURE_MARKERS)


def _in_idiom(f: str, s: int, e: int, part=None) -> bool:
    """Whether a fixed expression (百模大战, 统一, 十四五, 两个...) covers the whole
    candidate f[s:e]; a longer reading (两个月, 360亿美元) is kept. `part`:
    _IDIOM_PARTS[f[s:e]] if the caller has it."""
    if part is None:
        part = _IDIOM_PARTS.get(f[s:e])
        if part is None:
            return False  # the usual case
    whole, by_next, by_prev = part
    if whole:
        return True
    for w in by_next.get(f[e:e + 1], ()):
        if f.startswith(w, s):
            return True
    if s:
        for w, i in by_prev.get(f[s - 1], ()):  # f[s:e] is w[i:i + e - s]
            if i <= s and f.startswith(w, s - i):
                return True
    return False


def _tail_at(eng: _Engine, f: str, e: int):
    """The tail after a numeral ending at `e`: (match, groups sfx...post), or (None,
    _NO_TAIL) when it is empty."""
    c = f[e:e + 1]
    if c == " " or c == "\t":
        k = _SPACES.match(f, e).end()
        c = f[k:k + 1]
    if c in _UNIT_ONLY:
        t = eng.tail_unit.match(f, e)
        return t, (None, None, None, None, None, *t.groups())
    if c in _HEAD_FIRST:
        t = eng.tail.match(f, e)
        return t, t.group(*_TAIL_IDX)
    return None, _NO_TAIL


_NO_TAIL = (None,) * 8
_COUNT_ONLY = frozenset(CLASSIFIERS) - frozenset(UNITS)  # classifiers that are not also unit words
# what must stand before or after a numeral for filters.not_a_claim to find anything
# (its own first test, made here without the call; the text's start reads as "")
_NC_BEFORE = filters.BEFORE_ANY
_NC_AFTER = filters.AFTER_ANY


# A numeral longer than this states no quantity (a run of digits, an identifier, a hash,
# a hostile input); it is passed over before it is parsed, so that the parsers' caches,
# keyed by numerals, hold short strings only.
MAX_NUMERAL = 100


def _read(m, kind: str, text: str, f: str, skip_lines, memory: dict, floor: int, eng: _Engine) -> Optional[RawClaim]:
    """The claim a candidate stands for, or None. `floor` is where the previous claim
    ended: a bound word or currency sign before it belongs to that claim, not this one.
    (The cheap tests come first: most candidates are read without a regex call beyond
    the tail's.)"""
    num_s, num_e = m.span()
    if num_e - num_s > MAX_NUMERAL:
        return None
    if skip_lines is not None:
        i = bisect_right(skip_lines[0], num_s) - 1
        if i >= 0 and num_s < skip_lines[1][i]:
            return None
    if kind == "pct":
        num_s = m.start("pctnum")
    elif kind == "mult":  # 翻番, 翻两番
        v = MULTIPLES[m.group()]
        return RawClaim(num_s, num_e, m.group(), float(v), float(v), True, True, False, None,
                        "times", "multiple", None)
    c = f[num_e:num_e + 1]  # (_tail_at, inline for the usual cases)
    if c == " ":
        c = f[num_e + 1:num_e + 2]
    if c in _UNIT_ONLY:
        t = eng.tail_unit.match(f, num_e)
        unit_word, scale, post = t.groups()
        sfx = more = u1 = join = level = None
    elif c in _HEAD_FIRST:
        t = eng.tail.match(f, num_e)
        sfx, more, u1, join, level, unit_word, scale, post = t.group(*_TAIL_IDX)
    elif c == " " or c == "\t":  # (more spaces)
        t, (sfx, more, u1, join, level, unit_word, scale, post) = _tail_at(eng, f, num_e)
    else:  # no tail begins with that character
        t = None
        sfx = more = u1 = join = level = unit_word = scale = post = None
    if kind == "zh" and f[num_e - 1] in _NUMERAL_UNIT_CHARS:
        # 五十兆字节, 12千米, 二两: a unit word takes its first character back from the numeral
        j = measures.unit_first(f, num_s, num_e)
        if j is None and not (unit_word or u1):
            j = measures.digit_unit(f, num_s, num_e)
        if j is not None:
            num_e = j
            t, (sfx, more, u1, join, level, unit_word, scale, post) = _tail_at(eng, f, num_e)
    tail_e = num_e if t is None else t.end()
    part = _IDIOM_PARTS.get(f[num_s:tail_e])
    if part is not None and _in_idiom(f, num_s, tail_e, part):
        return None
    ms = claim_s = m.start()
    pre = cur = sev = close = None
    lo = ms - _PREFIX_BACK
    if lo < floor:
        lo = floor
    if ms > lo:
        c = f[ms - 1]
        if c in _PREFIX_END and _may_have_prefix(f, lo, ms):
            p = _PREFIX.match(f, lo, ms)
            pre, cur, sev = p.groups()  # (by position: named groups cost more in `regex`)
            if sev and (kind == "atleast" or f[num_s] not in _SEVERAL_HEADS):
                # 数 is "several" only before a bare magnitude (数十亿, 数万); 人数过万 is not
                p = _PREFIX_NO_SEV.match(f, lo, ms)
                (pre, cur), sev = p.groups(), None
            if pre or cur or sev:
                claim_s = p.start()
    claim_e = tail_e
    if pre:
        than_last, than_first = _than(pre)
        if than_last:  # 比X大: read with its closer; 占比25% has none
            if not (p.start() and _SCORE_BEFORE.match(f, p.start() - 1)):  # 3比2大胜 is a score
                close = _CLOSER.match(f, tail_e, tail_e + 4)
            if close is None:
                pre = None
                claim_s = p.start(2) if cur else (p.start(3) if sev else ms)
            else:
                claim_e = close.end()
        elif than_first:  # 占比过20: 比 is 占比's, 过 the bound word
            claim_s += than_first
    num = f[num_s:num_e]
    if kind == "zh":
        if len(num) == 1 and not (unit_word or u1 or more or post or pre or sev or cur or join):
            return None  # a lone Chinese digit (一场, 两种) states no quantity
    elif kind == "bare" and not (pre or sev or level):
        return None  # 万 alone is not a number
    has_bound = bool(pre or cur or sev or more or post or kind == "atleast" or level)
    ranged = bool(join) and _bare_range(f, num_s, num, t)  # 一千到一千五百, 1000-5000: a claim without a unit

    # --- what is not a claim
    nc_e = t.end("sfx") if sfx else num_e
    after = f[nc_e:nc_e + 1]
    if kind != "atleast" and (f[num_s - 1:num_s] in _NC_BEFORE or after in _NC_AFTER or after.isspace()) \
            and filters.not_a_claim(f, num_s, nc_e, num, unit_word,
                                                 has_bound or (ranged and (num_s == 0 or bool(
                                                     _LOWER_WORD_BEFORE.match(f, max(0, num_s - 16), num_s))))):
        return None
    if sfx and sfx.strip() in ("k", "K", "M", "B") and not cur and (t.group("sfx2") or "").strip() != sfx.strip():
        return None  # 5G-style letters are names unless money is being counted

    # --- value
    if kind == "atleast":
        v, inner_step, place = AT_LEAST_WORDS[num], None, _ONE
    elif kind == "frac":
        if not (has_bound or "之" in num):
            return None  # 1/2, half: a date or a name unless a bound word reads it
        v, inner_step, place = _fraction(num), None, _ONE
        if v is None:
            return None
    elif kind == "bare":
        v = _ONE
        for ch in num:
            v *= ZH_BIG[ch]
        inner_step, place = None, v
    else:
        parsed = _value(num, "en" if kind == "en" else "zh")
        if parsed is None:
            return None
        v, inner_step, place = parsed
    if sfx:
        sk = sfx.strip()
        mult = EN_SUFFIXES.get(sk) or EN_SCALES.get(sk.lower().rstrip("s"))
        if mult is None:
            return None
        v *= mult
        place *= mult

    # --- unit
    unit, factor, ukind = "dimensionless", _ONE, "number"
    scope: Optional[dict] = None
    if kind == "pct":
        unit, factor, ukind = "percent", _ONE, "ratio"
    elif kind == "frac":
        ukind = "ratio"
    elif u1 and not unit_word:
        unit, factor, ukind = UNITS[u1.strip()]
    if cur:
        c = cur.strip()
        unit, factor, ukind = (CURRENCY_PREFIX[c], _ONE, "money") if c in CURRENCY_PREFIX \
            else (UNIT_PREFIX[c][0], _ONE, UNIT_PREFIX[c][1])
    if unit_word:
        unit_end = t.end("unit")
        if unit_word in _COUNT_ONLY:
            unit, ukind = _counted_unit(f, num_s, max(unit_end, t.end("post")), unit_word, memory), "count"
            memory[unit_word] = (unit, claim_e)
        elif unit_word == "块" and _counted_unit(f, num_s, unit_end, unit_word, {}) == "card":
            unit, ukind = "card", "count"  # 2.6万块H100: cards, not yuan
        else:
            info = measures.unit_reading(f, claim_s, unit_end, unit_word, unit if cur else None)
            if info is None:  # no unit after all: 360度, the euro zone, rmb 10 usd 20
                if f[t.start("unit") - 1:t.start("unit")].isdigit() and unit_word.isascii() \
                        and unit_word.isalpha():
                    return None  # 5m people: letters glued to a number, as in 5G
                unit_word, claim_e = None, t.start("unit")
            elif cur and info.kind == ukind:  # US$ 5 million dollars, $10m, 华氏温度98.6度
                factor = info.factor
            else:
                unit, factor, ukind = info
            if ukind in ("duration", "age") and filters.is_relative_time(f, unit_end):
                return None  # 2个月前: a time anchor
    if (unit_word or cur) and ukind != "count":  # 一吨半, 十个月大, 五元三毛, 3 dollars 50 cents
        v, claim_e, ukind = measures.after_unit(f, claim_e, unit_word, unit, factor, ukind, v, bool(sfx))
    if unit == "dimensionless":
        nxt = f[claim_e:claim_e + 1]
        if nxt in COMPUTE_LETTERS and not f[claim_e + 1:claim_e + 2].isalpha() \
                and _COMPUTE_CTX.search(f, max(0, claim_s - _CLAUSE_BACK), claim_e):
            unit, factor, ukind = "FLOP/s", COMPUTE_LETTERS[nxt], "compute"  # 算力500P
            claim_e += 1
        elif nxt in COMPUTE_LETTERS and f[claim_e + 1:claim_e + 2] and _CJK_WORD.match(f, claim_e + 1) \
                and _COMPUTE_CTX.search(f, max(0, claim_s - _CLAUSE_BACK), claim_e):
            unit, factor, ukind = "FLOP/s", COMPUTE_LETTERS[nxt], "compute"  # 算力500P的
            claim_e += 1
        elif nxt == " ":
            mn = _EN_NOUN_AFTER.match(f, claim_e, claim_e + 40)
            if mn:
                unit, ukind = EN_NOUNS[mn.group(1)], "count"
        if unit == "dimensionless" and (v >= 10000 or level or kind == "bare"):
            unit, ukind = _bare_unit(f, num_s, claim_e)
    if ukind == "compute":
        pr = _precision(f, claim_s, claim_e)
        if pr:
            scope = {"precision": pr}
    if unit == "dimensionless" and not filters.bare_number_is_claim(
            f, num_s, num_e, num, has_bound or ranged or kind == "frac"):
        return None

    # --- bound
    bound = None
    if pre:
        bound = _bound_of(pre)
        if close is not None:
            bound = CLOSERS[close.group("close")]
        if bound in ("plain", "than"):  # 不过 ("only") is not 过 ("over"); 比 with no closer
            bound = None
            claim_s = p.start(2) if cur else (p.start(3) if sev else m.start())
    step = inner_step
    if more:
        bound, step = "more", place
    elif inner_step is not None:
        bound = "more"
    if sev:
        bound = "several"
    if level or (scale and unit != "parameter"):
        bound = "level"
    if post:
        bound = INCLUSIVE.get(bound, bound) if SUFFIX[post] == "or_equal" else SUFFIX[post]
    if unit == "times" and not pre:
        w = filters.increase_word_before(f, claim_s, INCREASE_WORDS)
        if w:  # 提升一倍: twice the base
            claim_s -= len(w)
            v += 1
    low_incl = high_incl = True
    approx = False
    if kind == "atleast":
        lo, hi, low_incl, high_incl, approx = v, None, True, False, True
        bound = "ge"
    elif join:
        n2 = t.group("pctnum2") or t.group("zh2") or t.group("en2") or ""
        if t.group("frac2"):  # 1/4到1/2
            v2 = _fraction(t.group("frac2"))
            p2 = None if v2 is None else (v2,)
        else:
            p2 = _value(n2, "en" if t.group("en2") else "zh") if n2 else None
        sfx2 = t.group("sfx2")
        scale2 = _ONE
        if sfx2:
            sk = sfx2.strip()
            scale2 = EN_SUFFIXES.get(sk) or EN_SCALES.get(sk.lower().rstrip("s"))
        if p2 is None or scale2 is None:
            return None
        hi = p2[0] * scale2
        # 3到5万 is 3万 to 5万, 5-10 million 5e6 to 1e7: Y lends X its magnitude
        lo = v if sfx else ranges.lent_magnitude(num, v, n2, hi, scale2)
        if lo is None or lo > hi:
            return None
        approx = bound in ("about", "near")  # 大概有20~100个, about 20-30
        bound = "range"
    elif bound is None or bound == "eq":  # (a point, the usual case: _interval inline)
        lo = float(v) if factor is _ONE else float(v * factor)
        end = claim_e
        while end > claim_s and text[end - 1] in " \t\u3000":
            end -= 1
        return _new_raw(RawClaim, (claim_s, end, text[num_s:num_e], lo, lo, True, True, False, bound, unit, ukind,
                                   scope))
    else:
        lo, hi, low_incl, high_incl, approx = _interval(v, bound, step)
    end = claim_e
    while end > claim_s and text[end - 1] in " \t\u3000":
        end -= 1
    return _new_raw(RawClaim, (
        claim_s, end, text[num_s:num_e],
        None if lo is None else float(lo * factor), None if hi is None else float(hi * factor),
        low_incl if lo is not None else False, high_incl if hi is not None else False,
        approx, bound, unit, ukind, scope,
    ))
