"""Quantities: a numeral, the bound words around it and its unit, read as one claim.

One compiled pattern (`_CLAIM`) scans the folded text once. Its pieces come from the
data files: bound words (bounds.toml), units and currency signs (units.toml),
classifiers (counters.toml), skipped words (not_claims.toml) and numerals (numbers.py).
Each match is turned into an interval in a canonical unit by `_read`, following the
table "Reading bound words" in DESIGN.md; filters.py decides what is not a claim.

The hot loop does no pint calls and builds no pydantic objects: values are scaled
exactly with Decimal factors from the data, and Claims are made at the end.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .._data import load_toml
from . import filters
from .numbers import (
    APPROX,
    ARABIC,
    BIG,
    DIG,
    EN_RUN,
    SMALL,
    SP,
    EN_SCALES,
    EN_SUFFIXES,
    ZH_BIG,
    ZH_DIGITS,
    ZH_SMALL,
    fold,
    parse_arabic,
    parse_en,
    parse_zh,
    place_of_last_digit,
)

__all__ = ["scan", "RawClaim"]

_BOUNDS = load_toml("bounds.toml")
_UNITS = load_toml("units.toml")
_COUNTERS = load_toml("counters.toml")


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# ------------------------------------------------------------------------ the tables

PREFIX: dict[str, str] = {fold(k): v for k, v in {**_BOUNDS["zh"]["prefix"], **_BOUNDS["en"]["prefix"]}.items()}
SUFFIX: dict[str, str] = {fold(k): v for k, v in {**_BOUNDS["zh"]["suffix"], **_BOUNDS["en"]["suffix"]}.items()}
FILLERS = [fold(f) for f in _BOUNDS["zh"]["prefix_fillers"]["fillers"]]
JOINERS = [fold(j) for j in _BOUNDS["zh"]["range_joiners"]["joiners"]]
SEVERAL = list(_BOUNDS["zh"]["several"])
LEVEL = list(_BOUNDS["zh"]["level"])
MULTIPLES: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in _BOUNDS["zh"]["multiples"].items()}
INCREASE_WORDS = _BOUNDS["zh"]["increase"]["words"]
AT_LEAST_WORDS: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _BOUNDS["zh"]["ten_thousand_plus"].items()}


class UnitInfo(NamedTuple):
    unit: str
    factor: Decimal
    kind: str


UNITS: dict[str, UnitInfo] = {
    fold(k): UnitInfo(v[0], Decimal(str(v[1])), v[2]) for k, v in _UNITS["units"].items()
}
_IGNORE_CASE = {w.lower() for w in _UNITS["latin"]["ignore_case"]}
UNITS_CI: dict[str, UnitInfo] = {k.lower(): v for k, v in UNITS.items() if k.lower() in _IGNORE_CASE}
CURRENCY_PREFIX: dict[str, str] = {fold(k): v for k, v in _UNITS["currency_prefixes"].items()}
COMPUTE_LETTERS: dict[str, Decimal] = {
    k: Decimal(str(int(v))) for k, v in _UNITS["compute_letters"]["letters"].items()
}
COMPUTE_CONTEXT = _UNITS["compute_letters"]["context"]
PRECISION_WORDS = _UNITS["precision"]["words"]

CLASSIFIERS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["classifiers"].items()}
NOUNS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["nouns"].items()}
UNIT_CLASSIFIERS: dict[str, set] = {u: {fold(c) for c in cs} for u, cs in _COUNTERS["units"].items()}
BARE_NOUNS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["bare_nouns"].items()}
EN_NOUNS: dict[str, str] = dict(_COUNTERS["en_nouns"])

# Unit words for the grammar. Latin units must not run into a following letter (5G, 3D).
_UNIT_CJK = [u for u in UNITS if not regex.match(r"[A-Za-z]", u)]
_UNIT_LATIN = [u for u in UNITS if regex.match(r"[A-Za-z]", u) and u.lower() not in _IGNORE_CASE]

# ------------------------------------------------------------------------ the grammar
# Three patterns, so that the scan stays in C almost everywhere:
#   _CANDIDATE  finds numerals (and the few word forms that are whole claims: 翻番, 上万)
#               with one pass; every alternative starts with a numeral-like character,
#               and a one-class lookahead rejects all other positions at once;
#   _PREFIX     is matched *backwards* from a numeral's start (regex's REVERSE mode,
#               anchored at the numeral): bound words, fillers, currency sign, 数;
#   _TAIL       is matched forwards, anchored at the numeral's end: scale suffix, 多/余,
#               %/成, a range's second end, 级, unit or classifier, 规模, suffix bound.


def _num(n: str) -> str:
    """The numeral of a claim; `n` suffixes the group names (a range has two)."""
    return rf"""
    (?: (?P<pct{n}> 百 {SP}* 分 {SP}* 之 ) {SP}* (?P<pctnum{n}> (?: {ARABIC} | [{DIG}{SMALL}] ) (?: {SP}* [{DIG}{SMALL}{BIG}点] | (?<=[点]) \d+ )* )
      | (?P<zh{n}> (?: 负 | (?<! [\w.] ) - )? (?<! [\d.] ) (?: {ARABIC} | [{DIG}{SMALL}] )
            (?: {SP}* [{DIG}{SMALL}{BIG}]
              | (?<= [{SMALL}{BIG}零] ) {ARABIC}
              | {SP}* [{APPROX}] (?= {SP}* [{BIG}] ) )*
            (?: {SP}* 点 {SP}* [{DIG}]+ )? )
      | (?P<en{n}> {EN_RUN} )
      | (?P<bare{n}> [{BIG}]{{1,2}} )                 # 万亿 after 超/数/上 or before 级
    )
"""


def _first_chars() -> str:
    """Every character a candidate can start with, as a class body."""
    words = list(MULTIPLES) + list(AT_LEAST_WORDS)
    chars = {w[0] for w in words} | set(ZH_DIGITS) | set(ZH_SMALL) | set(ZH_BIG) | set("负-.")
    return "".join(regex.escape(c) for c in sorted(chars)) + r"\d" + "a-zA-Z"


_CANDIDATE = regex.compile(
    rf"""
    (?= [{_first_chars()}] )
    (?: (?P<skip> {filters.SKIP_PATTERN} )
      | (?P<mult> {_alt(MULTIPLES)} )
      | (?P<atleast> {_alt(AT_LEAST_WORDS)} ) (?! [{DIG}{SMALL}{BIG}\d] )
      | {_num("")}
    )
    """,
    regex.VERBOSE,
)

_PREFIX = regex.compile(
    rf"""
    (?P<pre> (?: (?: {_alt(PREFIX)} ) (?: {_alt(FILLERS)} ){{0,2}} ){{1,2}} )?
    (?P<cur> (?: {_alt(CURRENCY_PREFIX)} ) {SP}* )?
    (?P<sev> {_alt(SEVERAL)} )?
    """,
    regex.VERBOSE | regex.REVERSE,
)
_PREFIX_NO_SEV = regex.compile(
    rf"""
    (?P<pre> (?: (?: {_alt(PREFIX)} ) (?: {_alt(FILLERS)} ){{0,2}} ){{1,2}} )?
    (?P<cur> (?: {_alt(CURRENCY_PREFIX)} ) {SP}* )?
    """,
    regex.VERBOSE | regex.REVERSE,
)
_SEVERAL_HEADS = set("十百千万亿")
_PREFIX_BACK = max(len(w) for w in PREFIX) * 2 + 8  # how far back _PREFIX may reach

_TAIL = regex.compile(
    rf"""
    (?P<sfx> {SP}* (?: (?: bn | mn | tn | trn | [kKMB] ) (?! [A-Za-z] )
                   | {SP} (?: hundred | thousand | million | billion | trillion ) s? \b ) )?
    (?: {SP}* (?P<more> [多余来几] ) )?
    (?: (?P<u1> {SP}* (?: {_alt(["%", "成"])} ) ) )?
    (?: {SP}* (?P<join> {_alt(JOINERS)} ) {SP}* (?!\d{{4}}年)
        {_num("2")} (?: {SP}* (?P<more2> [多余] ) )? )?
    (?: {SP}* (?P<level> {_alt(LEVEL)} ) )?
    (?: {SP}* (?P<unit> (?: {_alt(_UNIT_CJK + list(CLASSIFIERS))} )
                      | (?: {_alt(_UNIT_LATIN)} ) (?! [A-Za-z] )
                      | (?i: {_alt(_IGNORE_CASE)} ) (?! [A-Za-z] ) ) )?
    (?: {SP}* (?P<scale> 规模 ) )?
    (?: {SP}* (?P<post> {_alt(SUFFIX)} ) )?
    """,
    regex.VERBOSE,
)
_TAIL_GROUPS = ("sfx", "more", "u1", "join", "level", "unit", "scale", "post", "pctnum2", "zh2", "en2", "pct2")

_PRE_SPLIT = regex.compile(_alt(PREFIX))
_IDIOM = regex.compile(_alt(filters.IDIOMS))
_IDIOM_REACH = max(len(w) for w in filters.IDIOMS)
_NOUN_AFTER = regex.compile(rf"[^，。；！？,;!?\n]{{0,8}}?({_alt(NOUNS)})")
_NOUN_ANY = regex.compile(_alt(list(NOUNS) + list(BARE_NOUNS)))
_CLAUSE_END = regex.compile(r"[，。；！？,;!?\n]")
_SENTENCE_END = regex.compile(r"[。；！？;!?\n]")
_CJK_WORD = regex.compile(r"[\p{Han}]")
_PARTICLES = set("的了和与及或等在是为到至，。")
_EN_NOUN_AFTER = regex.compile(rf"\s+(?:[a-z-]+\s+)?({_alt(EN_NOUNS)})\b")
_PRECISION = regex.compile(_alt(PRECISION_WORDS))
_COMPUTE_CTX = regex.compile(_alt(COMPUTE_CONTEXT))
_CLAUSE_BACK = 24  # how far back a clause is searched for a governing noun
_NUM_KINDS = {"zh": "zh", "pctnum": "pct", "en": "en", "bare": "bare"}


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


_LAST_PLACE = regex.compile(rf"({ARABIC})?\s*([{SMALL}{BIG}]*)\s*$", regex.VERBOSE)


_HUGE = Decimal("1e40")


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
        return v * Decimal("0.9"), v, True, False, True
    if kind == "about":
        return v * Decimal("0.9"), v * Decimal("1.1"), True, True, True
    if kind == "more":
        return v, v + (step or Decimal(1)), False, False, True
    if kind == "several":
        return v * 2, v * 10, True, False, True
    if kind == "level":
        return v, v * 10, True, False, True
    raise ValueError(kind)


def _f(d: Optional[Decimal]) -> Optional[float]:
    return None if d is None else float(d)


# ------------------------------------------------------------------------ units


def _counted_unit(f: str, start: int, end: int, classifier: str, memory: dict) -> str:
    """What a classifier counts (see counters.toml for the order of the rules)."""
    m = _NOUN_AFTER.match(f, end, min(len(f), end + 12))
    if m:
        unit = NOUNS[m.group(1)]
        if classifier in UNIT_CLASSIFIERS.get(unit, ()):
            return unit
    nxt = f[end:end + 1]
    if nxt and _CJK_WORD.match(nxt):
        return "count"  # 10个行业: something not in the noun table is counted
    window_start = max(0, start - _CLAUSE_BACK)
    for m in reversed(list(_NOUN_ANY.finditer(f, window_start, start, overlapped=True))):
        if _CLAUSE_END.search(f, m.end(), start):
            continue
        unit = NOUNS[m.group()]
        if classifier in UNIT_CLASSIFIERS.get(unit, ()):
            return unit
    prev = memory.get(classifier)
    if prev is not None and not _SENTENCE_END.search(f, prev[1], start):
        return prev[0]
    return CLASSIFIERS[classifier]


def _bare_unit(f: str, start: int, end: int) -> tuple[str, str]:
    """A unit for a number with a magnitude but no unit word: a noun before it in the
    clause (参数量达到1750亿, 下载量突破700万), else `count` when a word follows (47万高质量...)."""
    window_start = max(0, start - _CLAUSE_BACK)
    for m in reversed(list(_NOUN_ANY.finditer(f, window_start, start, overlapped=True))):
        if _CLAUSE_END.search(f, m.end(), start):
            continue
        w = m.group()
        if w in BARE_NOUNS:
            return BARE_NOUNS[w], "params"
        return NOUNS[w], "count"
    nxt = f[end:end + 1]
    if nxt and _CJK_WORD.match(nxt) and nxt not in _PARTICLES:
        return "count", "count"
    return "dimensionless", "number"


def _precision(f: str, start: int, end: int) -> Optional[str]:
    m = _PRECISION.search(f, end, min(len(f), end + 8)) or _PRECISION.search(f, max(0, start - 12), start)
    return m.group() if m else None


# ------------------------------------------------------------------------ scanning


def scan(text: str) -> list[RawClaim]:
    """Every claim in `text` (a str), as RawClaims in text order."""
    f = fold(text)
    skip_lines = filters.furniture_spans(f)
    memory: dict = {}  # classifier -> (unit, end) of the last count, for enumerations
    out: list[RawClaim] = []
    pos = 0
    n = len(f)
    search = _CANDIDATE.search
    while pos < n:
        m = search(f, pos)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "skip":
            continue
        r = _read(m, kind, text, f, skip_lines, memory, out[-1].end if out else 0)
        if r is not None:
            out.append(r)
            if r.end > pos:
                pos = r.end
    return out


def _in_idiom(f: str, s: int, e: int) -> bool:
    """Whether a fixed expression (百模大战, 统一, 十四五, 两个...) covers the whole
    candidate f[s:e]; a longer reading (两个月, 360亿美元) is kept."""
    for im in _IDIOM.finditer(f, max(0, s - _IDIOM_REACH), min(len(f), e + _IDIOM_REACH), overlapped=True):
        if im.start() <= s and e <= im.end():
            return True
    return False


def _read(m, kind: str, text: str, f: str, skip_lines, memory: dict, floor: int) -> Optional[RawClaim]:
    """The claim a candidate stands for, or None. `floor` is where the previous claim
    ended: a bound word or currency sign before it belongs to that claim, not this one."""
    num_s, num_e = m.span()
    if skip_lines and filters.in_spans(skip_lines, num_s):
        return None
    if kind == "mult":  # 翻番, 翻两番
        v = MULTIPLES[m.group()]
        return RawClaim(num_s, num_e, m.group(), float(v), float(v), True, True, False, None,
                        "times", "multiple", None)
    if kind == "atleast":
        num_s, num_e = m.span("atleast")
    else:
        kind = _NUM_KINDS[kind]
        if kind == "pct":
            num_s = m.start("pctnum")
    t = _TAIL.match(f, num_e)
    sfx, more, u1, join, level, unit_word, scale, post = t.group("sfx", "more", "u1", "join", "level", "unit", "scale", "post")
    tail_e = t.end()
    if _in_idiom(f, num_s, tail_e):
        return None
    p = _PREFIX.match(f, max(floor, m.start() - _PREFIX_BACK), m.start())
    pre, cur, sev = p.group("pre", "cur", "sev")
    if sev and (kind == "atleast" or f[num_s] not in _SEVERAL_HEADS):
        # 数 is "several" only before a bare magnitude (数十亿, 数万); 人数过万 is not
        p = _PREFIX_NO_SEV.match(f, max(floor, m.start() - _PREFIX_BACK), m.start())
        (pre, cur), sev = p.group("pre", "cur"), None
    claim_s = p.start() if (pre or cur or sev) else m.start()
    claim_e = tail_e
    num = f[num_s:num_e]
    if kind == "zh" and len(num) == 1 and not (unit_word or u1 or more or post or pre or sev or cur):
        return None  # a lone Chinese digit (一场, 两种) states no quantity
    if kind == "bare" and not (pre or sev or level):
        return None  # 万 alone is not a number
    has_bound = bool(pre or cur or sev or more or post or kind == "atleast" or level)

    # --- what is not a claim
    if kind != "atleast" and filters.not_a_claim(f, num_s, t.end("sfx") if sfx else num_e, num, unit_word, has_bound):
        return None
    if sfx and sfx.strip() in ("k", "K", "M", "B") and not cur:
        return None  # 5G-style letters are names unless money is being counted

    # --- value
    if kind == "atleast":
        v, inner_step, place = AT_LEAST_WORDS[num], None, Decimal(1)
    elif kind == "bare":
        v = Decimal(1)
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
    unit, factor, ukind = "dimensionless", Decimal(1), "number"
    scope: Optional[dict] = None
    if kind == "pct":
        unit, factor, ukind = "percent", Decimal(1), "ratio"
    elif u1 and not unit_word:
        unit, factor, ukind = UNITS[u1.strip()]
    if cur:
        unit, factor, ukind = CURRENCY_PREFIX[cur.strip()], Decimal(1), "money"
    if unit_word:
        unit_end = t.end("unit")
        if unit_word in CLASSIFIERS and unit_word not in UNITS:
            unit, ukind = _counted_unit(f, num_s, max(unit_end, t.end("post")), unit_word, memory), "count"
            memory[unit_word] = (unit, claim_e)
        elif unit_word == "块" and _counted_unit(f, num_s, unit_end, unit_word, {}) == "card":
            unit, ukind = "card", "count"  # 2.6万块H100: cards, not yuan
        else:
            info = UNITS.get(unit_word) or UNITS_CI.get(unit_word.lower())
            if info is None:
                return None
            if cur and info.kind == "money":
                factor = info.factor
            else:
                unit, factor, ukind = info
            if ukind in ("duration", "age") and filters.is_relative_time(f, unit_end):
                return None  # 2个月前: a time anchor
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
    if unit == "dimensionless" and not filters.bare_number_is_claim(f, num_s, num_e, num, has_bound):
        return None

    # --- bound
    bound = None
    if pre:
        words = _PRE_SPLIT.findall(pre)
        bound = PREFIX[words[-1]] if words else None
        if bound == "plain":  # 不过 ("only") is not 过 ("over")
            bound = None
            claim_s = p.start("cur") if cur else (p.start("sev") if sev else m.start())
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
        bound = SUFFIX[post]
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
        p2 = _value(n2, "en" if t.group("en2") else "zh") if n2 else None
        if p2 is None or p2[0] < v:
            return None  # 3到5万 (Y's magnitude applies to X) is not read yet
        lo, hi = v, p2[0]
        bound = "range"
    else:
        lo, hi, low_incl, high_incl, approx = _interval(v, bound, step)
    lo = None if lo is None else lo * factor
    hi = None if hi is None else hi * factor
    end = claim_e
    while end > claim_s and text[end - 1] in " \t\u3000":
        end -= 1
    return RawClaim(
        claim_s, end, text[num_s:num_e], _f(lo), _f(hi),
        low_incl if lo is not None else False, high_incl if hi is not None else False,
        approx, bound, unit, ukind, scope,
    )
