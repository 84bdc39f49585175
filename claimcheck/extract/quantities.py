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

from .._data import load_toml
from . import filters, measures, ranges
from ._trie import longest_first as _alt, rtrie, trie
from .english import parse_en
from .numbers import (
    APPROX,
    ARABIC,
    BIG,
    DIG,
    EN_RUN,
    EN_RUN_FIRST,
    EN_RUN_REST,
    ARABIC_REST,
    EN_WORD,
    SMALL,
    SP,
    EN_SCALES,
    EN_SUFFIXES,
    ZH_BIG,
    ZH_DIGITS,
    ZH_SMALL,
    fold,
    fold_scan,
    parse_arabic,
    parse_numeral,
    parse_zh,
    place_of_last_digit,
)

__all__ = ["scan", "RawClaim"]

_BOUNDS = load_toml("bounds.toml")
_UNITS = load_toml("units.toml")
_COUNTERS = load_toml("counters.toml")


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
# Comparison signs (x>10, ≥50) are prefix words kept apart, as the grammar guards them;
# the opener of 比X大 is a prefix word of kind "than", read with a closer after the number.
SYMBOLS: dict[str, str] = {fold(k): v for k, v in _BOUNDS["symbols"].items()}
CIRCUMFIX_OPENERS = [fold(w) for w in _BOUNDS["zh"]["circumfix"]["openers"]]
CLOSERS: dict[str, str] = {fold(k): v for k, v in _BOUNDS["zh"]["circumfix"]["closers"].items()}
PREFIX.update({w: "than" for w in CIRCUMFIX_OPENERS})
BOUND_WORDS: dict[str, str] = {**{k.lower(): v for k, v in PREFIX.items()}, **SYMBOLS}
OR_WORDS = [fold(w) for w in _BOUNDS["compose"]["or_words"]]
INCLUSIVE = {"gt": "ge", "ge": "ge", "lt": "le", "le": "le"}  # a comparative "or equal"
_SUFFIX_ZH = [fold(k) for k in _BOUNDS["zh"]["suffix"]]
_SUFFIX_EN = [fold(k) for k in _BOUNDS["en"]["suffix"]]


class UnitInfo(NamedTuple):
    unit: str
    factor: Decimal
    kind: str


UNITS: dict[str, UnitInfo] = {
    fold(k): UnitInfo(v[0], Decimal(str(v[1])), v[2]) for k, v in _UNITS["units"].items()
}
# Latin words of units.toml in lower case (dollars, celsius; [latin] lowercase_min) and
# those listed in [latin] ignore_case match in any case; contextual words too (度, deg).
_CONTEXT_WORDS = [fold(w) for w in measures.CONTEXTUAL]
_IGNORE_CASE = {w.lower() for w in _UNITS["latin"]["ignore_case"]} | {
    w for w in [*UNITS, *_CONTEXT_WORDS]
    if regex.match(r"[a-z]", w) and w.islower() and len(w) >= _UNITS["latin"]["lowercase_min"]
}
UNITS_CI: dict[str, UnitInfo] = {k.lower(): v for k, v in UNITS.items() if k.lower() in _IGNORE_CASE}
CURRENCY_PREFIX: dict[str, str] = {fold(k): v for k, v in _UNITS["currency_prefixes"].items()}
# Other unit words before a number (华氏温度98.6度): word -> (canonical unit, kind).
UNIT_PREFIX: dict[str, tuple[str, str]] = {fold(k): tuple(v) for k, v in _UNITS["unit_prefixes"].items()}
COMPUTE_LETTERS: dict[str, Decimal] = {
    k: Decimal(str(int(v))) for k, v in _UNITS["compute_letters"]["letters"].items()
}
COMPUTE_CONTEXT = _UNITS["compute_letters"]["context"]
PRECISION_WORDS = _UNITS["precision"]["words"]

CLASSIFIERS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["classifiers"].items()}
NOUNS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["nouns"].items()}
UNIT_CLASSIFIERS: dict[str, set] = {u: {fold(c) for c in cs} for u, cs in _COUNTERS["units"].items()}
COERCE: dict[str, dict] = {u: {fold(c): v for c, v in t.items()} for u, t in _COUNTERS["coerce"].items()}
BARE_NOUNS: dict[str, str] = {fold(k): v for k, v in _COUNTERS["bare_nouns"].items()}
EN_NOUNS: dict[str, str] = dict(_COUNTERS["en_nouns"])

# Unit words for the grammar. Latin units must not run into a following letter (5G, 3D).
_UNIT_CJK = [u for u in [*UNITS, *_CONTEXT_WORDS] if not regex.match(r"[A-Za-z]", u)]
# currency signs written before or after a number ($, €): after one, a digit starts the next number
_SIGNS = "".join(regex.escape(w) for w in sorted(set(CURRENCY_PREFIX) & set(UNITS)) if len(w) == 1)
_UNIT_LATIN = [u for u in UNITS if regex.match(r"[A-Za-z]", u) and u.lower() not in _IGNORE_CASE]

# ------------------------------------------------------------------------ the grammar
# Three patterns, so that the scan stays in C almost everywhere:
#   _CANDIDATE_SRC  finds numerals (and the few word forms that are whole claims: 翻番,
#               上万) with one pass; it starts with one class of all the characters a
#               candidate can start with, which a search skips to in a C loop;
#   _PREFIX     is matched *backwards* from a numeral's start (regex's REVERSE mode,
#               anchored at the numeral): bound words, fillers, currency sign, 数;
#   _TAIL_SRC   is matched forwards, anchored at the numeral's end: scale suffix, 多/余,
#               %/成, a range's second end, 级, unit or classifier, 规模, suffix bound.
# The candidate scan and the tail compile in both engines (_Engine; _engines.py).


def _lone(n: str) -> str:
    """After a first Chinese numeral character: a lone digit (一场, 两种) is only a
    candidate when a unit, classifier or %/成/倍 follows, so that the thousands of
    everyday 一 never leave the C scanner. A range's second end (一到五) is exempt."""
    if n:
        return ""
    return rf"""(?= {SP}* (?: [{DIG}{SMALL}{BIG}{APPROX}点] | {_LONE_FOLLOW}
                          | (?: {_alt(JOINERS)} ) {SP}* [{DIG}{SMALL}\d]       # 一到五个
                          | {_alt(_SUFFIX_ZH)} ) )"""                          # 一以上


# The pieces of a numeral, shared by _num (the second end of a range, in _TAIL) and
# _CANDIDATE (which reads each alternative's first character with one class).
_PCT_BODY = rf"""(?: {ARABIC} | [{DIG}{SMALL}] ) (?: {SP}* [{DIG}{SMALL}{BIG}点] | (?<=[点]) \d+ )*"""
_ZH_MORE = rf"""(?: {SP}* [{DIG}{SMALL}{BIG}]
              | (?<= [{SMALL}{BIG}零] ) {ARABIC}
              | {SP}* [{APPROX}] (?= {SP}* [{BIG}] ) )*
            (?: {SP}* 点 {SP}* [{DIG}]+ )?"""


def _zh_body(n: str) -> str:
    """A Chinese or Arabic numeral after its sign, if any."""
    return rf"""(?<! [\d.] )
            (?: {ARABIC} | [{DIG}] {_lone(n)} | [{SMALL}] )      # 数千卡: 十/百/千 may stand alone
            {_ZH_MORE}"""


def _num(n: str) -> str:
    """The numeral of a claim; `n` suffixes the group names (a range has two)."""
    return rf"""
    (?: (?P<pct{n}> 百 {SP}* 分 {SP}* 之 ) {SP}* (?P<pctnum{n}> {_PCT_BODY} )
      | (?P<frac{n}> (?<! [\d./] ) \d+ {SP}* / {SP}* \d+ (?! [\d/] )             # 1/2 (with a bound word only)
          | (?<! [\d.] ) \d{{1,3}} {SP}+ out {SP}+ of {SP}+ \d{{1,3}} (?! [\d.] )     # 3 out of 4 (not "2 in 5":
                                                                            # 3000 in 2009 is a year)
          | (?<! [\d.{DIG}{SMALL}] ) (?: {ARABIC} | [{DIG}{SMALL}]+ ) {SP}* 分 {SP}* 之 {SP}*
            (?: {ARABIC} | [{DIG}{SMALL}点]+ )                                   # 四分之一
          | (?<! [A-Za-z] ) (?: (?: an? | one ) {SP}+ )? (?: half | quarter ) (?! [A-Za-z] ) )   # (a) half
      | (?P<zh{n}> (?: 负 | (?<! [\w.] ) - )? {_zh_body(n)} )
      | (?P<en{n}> {EN_RUN} )
      | (?P<bare{n}> [{BIG}]{{1,2}} )                 # 万亿 after 超/数/上 or before 级
    )
"""


_LONE_FOLLOW = trie(_UNIT_CJK + list(CLASSIFIERS) + ["%", "成", "倍", "折"])


def _rest_alt(words) -> str:
    """_alt(words) (longest first) entered after the first character of the word."""
    return "(?: " + " | ".join(f"(?<= {regex.escape(w[0])} ) {regex.escape(w[1:])}"
                               for w in sorted(set(words), key=lambda w: (-len(w), w))) + " )"


# The candidate scan: what _num("") and the skipped spans match, in the same order, but
# each alternative written from its second character on (see numbers.ARABIC_REST): the
# pattern starts with one class of all first characters, so that a search skips the
# text between numerals in a C loop, in `re` as in `regex` (_engines). Then the first
# character decides which alternatives are tried, in their order: after a digit the
# skipped spans (dates, times, phone numbers), fractions and numerals; after a Chinese
# digit 百分之, fractions and numerals; after a letter a URL, half/quarter and English
# numbers. The empty group that ends each alternative names what was found
# (m.lastgroup; _KIND_OF drops the number that keeps the names apart).
_FIRST = sorted({".", "-", "负", *ZH_DIGITS, *ZH_SMALL, *ZH_BIG, *(w[0] for w in MULTIPLES),
                 *(w[0] for w in AT_LEAST_WORDS), *filters.SKIP_FIRST.replace("\\d", ""), "a", "o", "h", "q",
                 *EN_RUN_FIRST})
_RUN = rf"[\d,.\ \t{DIG}{SMALL}]"  # what a numeral before 分之 is made of
_F12 = rf"""(?<= \d ) (?= \d{{0,8}}+ [/\ \t] | \d{{8}} )        # (a quick test for the two)
            (?: (?<! [\d./] . ) \d*+ {SP}* / {SP}* \d+ (?! [\d/] )                    # 1/2
              | (?<! [\d.] . ) \d{{0,2}}+ {SP}+ out {SP}+ of {SP}+ \d{{1,3}} (?! [\d.] ) )   # 3 out of 4
"""
_F3 = rf"""(?= {_RUN}{{0,16}}+ (?: 分 | {_RUN} ) )   # (a quick test: 分 after the numeral)
            (?<! [\d.{DIG}{SMALL}] . )
            (?: {ARABIC_REST} | (?<= [{DIG}{SMALL}] ) [{DIG}{SMALL}]* ) {SP}* 分 {SP}* 之 {SP}*
            (?: {ARABIC} | [{DIG}{SMALL}点]+ )                                     # 四分之一
"""
_F4 = rf"""(?<= [aohq] ) (?<! [A-Za-z] . )
            (?: (?: (?<= a ) n? | (?<= o ) ne ) {SP}+ (?: half | quarter ) | (?<= h ) alf | (?<= q ) uarter )
            (?! [A-Za-z] )                                                          # (a) half
"""
_ZH_REST = rf"""(?<! [\d.] . ) (?: (?<= [\d.] ) {ARABIC_REST} | (?<= [{DIG}] ) {_lone("")} | (?<= [{SMALL}] ) )
            {_ZH_MORE}"""
_PCT_REST = rf"""(?<= 百 ) {SP}* 分 {SP}* 之 {SP}* (?P<pctnum> {_PCT_BODY} )      # 百分之五
"""
_KIND_OF: dict[str, str] = {}


def _kind(name: str) -> str:
    """An empty group that names what an alternative found (see _KIND_OF)."""
    group = f"{name}_{len(_KIND_OF)}"
    _KIND_OF[group] = name
    return f"(?P<{group}>)"


_CANDIDATE_SRC = rf"""
    [\d{"".join(regex.escape(c) for c in _FIRST)}]
    (?: (?<= \d ) (?: (?: {filters.SKIP_DIGITS_REST} ) {_kind("skip")}
                    | {_F12} {_kind("frac")} | {_F3} {_kind("frac")} | {_ZH_REST} {_kind("zh")} )
      | (?<= [{DIG}{SMALL}] ) (?: {_PCT_REST} {_kind("pct")} | {_F3} {_kind("frac")} | {_ZH_REST} {_kind("zh")} )
      | (?<= [a-z] ) (?: (?: {filters.SKIP_URL_REST} ) {_kind("skip")} | {_F4} {_kind("frac")}
                       | (?<= [{EN_RUN_FIRST}] ) {EN_RUN_REST} {_kind("en")} )
      | (?<= [{BIG}] ) [{BIG}]? {_kind("bare")}                                  # 万亿 after 超/数/上
      | (?<= \. ) (?: {_F3} {_kind("frac")} | {_ZH_REST} {_kind("zh")} )
      | (?<= - ) (?<! [\w.] . ) {_zh_body("")} {_kind("zh")}
      | (?<= 负 ) {_zh_body("")} {_kind("zh")}
      | (?<= 翻 ) {_rest_alt(MULTIPLES)} {_kind("mult")}                          # 翻番, 翻两番
      | {_rest_alt(AT_LEAST_WORDS)} (?! [{DIG}{SMALL}{BIG}\d] ) {_kind("atleast")}   # 上万, 近万
    )
"""
# (every first character above belongs to one branch only)
assert not (set(ZH_DIGITS) | set(ZH_SMALL)) & set(ZH_BIG) and not {w[0] for w in [*MULTIPLES, *AT_LEAST_WORDS]} \
    & {*ZH_DIGITS, *ZH_SMALL, *ZH_BIG}


def _latin_word(w: str) -> str:
    e = regex.escape(w)
    return rf"(?<! [A-Za-z] ) {e} (?! [A-Za-z] )" if regex.match(r"[A-Za-z]", w) else e


# Bound words before a number, one or two, each with its fillers (超过了, 达到了近): words
# in any case (More than) (word lists as reverse tries: the pattern is matched backwards), comparison signs except at a line start (a "> " quote
# marker), and "or" between two words (小于 或 等于, less than or equal to).
_PRE = rf"""
    (?P<pre> (?: (?: (?i: {rtrie(PREFIX)} )
                   | (?<! (?: ^ | \n ) [ \t]{{0,8}} ) (?<! [<>=≤≥≦≧⩽⩾≠-] ) (?: {rtrie(SYMBOLS)} ) )
                 (?: {_alt(FILLERS)} ){{0,2}}
                 (?: (?: {"|".join(_latin_word(w) for w in OR_WORDS)} ) (?: {_alt(FILLERS)} ){{0,2}} )?
             ){{1,2}} )?
"""

# Currency signs and unit words before the number ($, c $, EUR, 华氏温度); one that
# starts with a letter only at the start of a word ("basic $5" has no "c $").
_CUR_WORDS = [*CURRENCY_PREFIX, *UNIT_PREFIX]
_CUR = rf"""(?: (?<! [A-Za-z] ) (?: {rtrie(w for w in _CUR_WORDS if regex.match("[A-Za-z]", w))} )
              | (?: {rtrie(w for w in _CUR_WORDS if not regex.match("[A-Za-z]", w))} ) )"""

_PREFIX = regex.compile(
    rf"""
    {_PRE}
    (?P<cur> {_CUR} {SP}* )?
    (?P<sev> {rtrie(SEVERAL)} )?
    """,
    regex.VERBOSE | regex.REVERSE,
)
_PREFIX_NO_SEV = regex.compile(
    rf"""
    {_PRE}
    (?P<cur> {_CUR} {SP}* )?
    """,
    regex.VERBOSE | regex.REVERSE,
)
assert _PREFIX.groupindex == {"pre": 1, "cur": 2, "sev": 3} and _PREFIX_NO_SEV.groupindex == {"pre": 1, "cur": 2}
_SEVERAL_HEADS = set("十百千万亿")
_NUMERAL_UNIT_CHARS = measures.NUMERAL_UNIT_CHARS
_PREFIX_BACK = max(len(w) for w in PREFIX) * 2 + 8  # how far back _PREFIX may reach


# Characters that case-insensitive matching (?i) equates with an ASCII letter, in either
# engine: İ and ı with i, ſ with s, the Kelvin sign with k.
_CASE_EXTRA = {"i": "İı", "s": "ſ", "k": "\u212a"}


def _anycase(chars) -> set:
    """`chars` with every character (?i) may read as one of them."""
    out = set()
    for c in chars:
        out.update((c, c.lower(), c.upper()))
        out.update(_CASE_EXTRA.get(c.lower(), ""))
    return out


# _PREFIX finds nothing unless one of its words (a bound word, "or", a sign, a currency
# or unit word, 数) ends right before the numeral, or before the fillers and spaces that
# may follow one. _may_have_prefix looks for such an ending: a one-character word, or
# the last two characters of a longer one, in any case where (?i) applies.
_PREFIX_WORDS = [(w, True) for w in [*PREFIX, *OR_WORDS]] + [(w, False) for w in [*SYMBOLS, *_CUR_WORDS, *SEVERAL]]
_PREFIX_ONE = frozenset(c for w, ci in _PREFIX_WORDS if len(w) == 1 for c in (_anycase(w) if ci else w))
_PREFIX_TWO = frozenset(
    a + b for w, ci in _PREFIX_WORDS if len(w) > 1
    for a in (_anycase(w[-2]) if ci else w[-2]) for b in (_anycase(w[-1]) if ci else w[-1])
)
_PREFIX_LAST2 = frozenset(t[1] for t in _PREFIX_TWO)
assert all(len(w) == 1 for w in FILLERS)
_PREFIX_FILL = frozenset([*FILLERS, " ", "\t"])


def _may_have_prefix(f: str, lo: int, ms: int) -> bool:
    """False when _PREFIX.match(f, lo, ms) can only be empty."""
    j = ms - 1
    while j >= lo:
        c = f[j]
        if c in _PREFIX_ONE or c in _PREFIX_LAST2 and j > lo and f[j - 1:j + 1] in _PREFIX_TWO:
            return True  # a word may end here
        if c not in _PREFIX_FILL:
            return False
        j -= 1
    return False


# A scale word after an Arabic numeral (10k, 1.2bn, 5 million), after either end of a range.
_SCALE_SFX = rf"""{SP}* (?: (?: bn | mn | tn | trn | [kKMB] ) (?! [A-Za-z] )
                   | {SP} (?: {trie(EN_SCALES)} ) \b )"""  # 5 million, 35 lakh
# What makes an English suffix bound word the next number's prefix: "equal to 5000 or
# more than 4500", "above 1000 and below 1500" (a bounded look-ahead).
_NUMBER_AHEAD = rf"""(?: {SP}{{1,4}} (?: than | to ) )? {SP}{{0,4}}
                    (?: [-+]? [\d.] | (?: {EN_WORD} | an? | half | quarter | minus | negative ) (?! [A-Za-z] ) )"""

# The tail in two parts: what comes before a unit word (a scale word, 多/余, %/成, a
# range's second end, 级) and the unit word with what follows it. A tail whose first
# character (spaces passed over) cannot begin the first part is read with the second
# alone, a shorter match; one whose first character can begin neither is empty.
_TAIL_HEAD = rf"""
    (?P<sfx> {_SCALE_SFX} )?
    (?: {SP}* (?P<more> [多余来几] ) )?
    (?: (?P<u1> {SP}* (?: {_alt(["%", "成"])} ) ) )?
    (?: {SP}* (?P<join> {_alt(JOINERS)} ) {SP}* (?!\d{{4}}年)
        {_num("2")} (?P<sfx2> {_SCALE_SFX} )? (?: {SP}* (?P<more2> [多余] ) )? )?
    (?: {SP}* (?P<level> {_alt(LEVEL)} ) )?
"""
_UNIT_WORD_FIRST = "".join(regex.escape(c) for c in sorted(
    {w[0] for w in [*_UNIT_CJK, *CLASSIFIERS, *_UNIT_LATIN]} | _anycase(w[0] for w in _IGNORE_CASE)))
_TAIL_UNIT = rf"""
    (?: (?: {SP}* | - (?= [A-Za-z]{{2}} ) )          # a hyphen before a word unit: 3-inch, six-mile
        (?= [{_UNIT_WORD_FIRST}] )                    # (a quick test before the word lists)
        (?P<unit> (?: {trie(_UNIT_CJK + list(CLASSIFIERS))} ) (?! (?<= [{_SIGNS}] ) \d )   # 10 $, not 1 $10
                | (?: {trie(_UNIT_LATIN)} ) (?! [A-Za-z\d] )      # not 24703m212
                | (?i: {trie(_IGNORE_CASE)} ) (?! [A-Za-z\d] ) ) )?
    (?: {SP}* (?P<scale> 规模 ) )?
    (?: {SP}* (?P<post> {_alt(_SUFFIX_ZH)} | (?: {_alt(_SUFFIX_EN)} ) (?! {_NUMBER_AHEAD} ) ) )?
"""
_TAIL_SRC = _TAIL_HEAD + _TAIL_UNIT

# The first characters of each part (after its spaces).
_HEAD_FIRST = frozenset(
    set("bmtkKMB") | {w[0] for w in EN_SCALES} | set("多余来几%成") | {w[0] for w in [*JOINERS, *LEVEL]}
)
_UNIT_FIRST = frozenset(
    {w[0] for w in [*_UNIT_CJK, *CLASSIFIERS, *_UNIT_LATIN]} | _anycase(w[0] for w in _IGNORE_CASE)
    | {"-", "规"} | {w[0] for w in [*_SUFFIX_ZH, *_SUFFIX_EN]}
)
_UNIT_ONLY = _UNIT_FIRST - _HEAD_FIRST
_SPACES = re.compile(r"[ \t]*")


class _Engine(NamedTuple):
    """The candidate scan and the tail, compiled by one engine (_engines)."""

    candidate: "re.Pattern"
    tail: "re.Pattern"
    tail_unit: "re.Pattern"  # _TAIL_UNIT alone


def _compile(mod) -> _Engine:
    return _Engine(*(mod.compile(p, mod.VERBOSE) for p in (_CANDIDATE_SRC, _TAIL_SRC, _TAIL_UNIT)))


_FAST = _compile(re)  # Python's re: for texts that fold_scan passes
_EXACT: list = []  # the regex compilations, made when a text first needs them


def _exact() -> _Engine:
    if not _EXACT:
        _EXACT.append(_compile(regex))
    return _EXACT[0]


_TAIL_IDX = tuple(_FAST.tail.groupindex[n] for n in ("sfx", "more", "u1", "join", "level", "unit", "scale", "post"))
assert tuple(_FAST.tail_unit.groupindex) == ("unit", "scale", "post")  # (read with .groups())
_PRE_SPLIT = regex.compile(_alt(BOUND_WORDS), regex.IGNORECASE)
_OR_IN = regex.compile("|".join(_latin_word(w) for w in OR_WORDS), regex.VERBOSE)
_THAN_LAST = regex.compile(rf"(?: {_alt(CIRCUMFIX_OPENERS)} ) (?: {_alt(FILLERS)} ){{0,2}} $", regex.VERBOSE)
_CLOSER = regex.compile(rf"{SP}* (?P<close> {_alt(CLOSERS)} )", regex.VERBOSE)
_SCORE_BEFORE = regex.compile(rf"[\d{DIG}]")
_THAN_FIRST = regex.compile(rf"(?: {_alt(CIRCUMFIX_OPENERS)} ) (?: {_alt(FILLERS)} ){{0,2}}", regex.VERBOSE)
# Every piece of an idiom, with the idioms it is part of: a candidate that an idiom
# covers is one of these pieces, and the rest of the idiom stands around it. For a
# piece: whether it is an idiom itself, the longer idioms it begins (by the character
# that follows it) and the idioms it stands inside (by the character before it, with
# where it starts in the idiom).
_IDIOM_PARTS: dict[str, tuple[bool, dict, dict]] = {}
for _w in set(filters.IDIOMS):
    for _i in range(len(_w)):
        for _j in range(_i + 1, len(_w) + 1):
            _whole, _by_next, _by_prev = _IDIOM_PARTS.setdefault(_w[_i:_j], (False, {}, {}))
            if _i == 0 and _j == len(_w):
                _IDIOM_PARTS[_w] = (True, _by_next, _by_prev)
            elif _i == 0:
                _by_next.setdefault(_w[_j], []).append(_w)
            else:
                _by_prev.setdefault(_w[_i - 1], []).append((_w, _i))
# (explicit classes and literal words: Python's re reads them as regex does, and faster)
_NOUN_AFTER = re.compile(rf"[^，。；！？,;!?\n]{{0,8}}?({trie(NOUNS)})")
_NOUN_ANY_R = regex.compile(_alt(list(NOUNS) + list(BARE_NOUNS)), regex.REVERSE)
# A clause ends at punctuation; a line break alone does not end it (web pages break
# headlines and sentences across lines: 大模型已发布\n\n79个).
_CLAUSE_END_R = regex.compile(r"[，。；！？,;!?]", regex.REVERSE)
_CLAUSE_END = regex.compile(r"[，。；！？,;!?\n]")
_SENTENCE_END = re.compile(r"[。；！？;!?\n]")
_CJK_WORD = regex.compile(r"[\p{Han}]")


def _is_han(ch: str) -> bool:
    """_CJK_WORD.match(ch) for one character: Han script starts at U+2E80, and all of
    U+4E00..U+9FFF is Han; the regex is asked about the rest."""
    if ch < "\u2e80":
        return False
    return "\u4e00" <= ch <= "\u9fff" or _CJK_WORD.match(ch) is not None
_PARTICLES = set("的了和与及或等在是为到至，。")
_EN_NOUN_AFTER = regex.compile(rf"\s+(?:[a-z-]+\s+)?({_alt(EN_NOUNS)})\b")
_PRECISION = regex.compile(_alt(PRECISION_WORDS))
_COMPUTE_CTX = regex.compile(_alt(COMPUTE_CONTEXT))
_CLAUSE_BACK = 24  # how far back a clause is searched for a governing noun
_YEARS = regex.compile(r"(?:19|20)\d\d")
_DASHES = ("-", "—", "–", "－")
# A lower-case word and a space before a range (range is 1000-5000), matched backwards;
# a capitalised one names something (iPhone 14-15, Top 10-20).
_LOWER_WORD_BEFORE = regex.compile(r"(?<! [A-Za-z0-9] ) [a-z]+ [ ]", regex.VERBOSE | regex.REVERSE)


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
    """The nouns of the clause before `start`, nearest first (REVERSE-mode scans, so
    only the clause itself is read)."""
    lo = max(0, start - _CLAUSE_BACK)
    c = _CLAUSE_END_R.search(f, lo, start)
    return _NOUN_ANY_R.finditer(f, c.end() if c else lo, start, overlapped=True)


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
    for m in _nouns_before(f, start):
        unit = NOUNS.get(m.group())
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
    for m in _nouns_before(f, start):
        w = m.group()
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
    return ranges.merge(text, f, out, frames)  # two bounds of one quantity as one claim


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


def _read(m, kind: str, text: str, f: str, skip_lines, memory: dict, floor: int, eng: _Engine) -> Optional[RawClaim]:
    """The claim a candidate stands for, or None. `floor` is where the previous claim
    ended: a bound word or currency sign before it belongs to that claim, not this one.
    (The cheap tests come first: most candidates are read without a regex call beyond
    the tail's.)"""
    num_s, num_e = m.span()
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
        if (c in _PREFIX_ONE or c in _PREFIX_LAST2 or c in _PREFIX_FILL) and _may_have_prefix(f, lo, ms):
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
    if kind != "atleast" and filters.not_a_claim(f, num_s, t.end("sfx") if sfx else num_e, num, unit_word,
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
        if unit_word in CLASSIFIERS and unit_word not in UNITS:
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
    else:
        lo, hi, low_incl, high_incl, approx = _interval(v, bound, step)
    end = claim_e
    while end > claim_s and text[end - 1] in " \t\u3000":
        end -= 1
    return RawClaim(
        claim_s, end, text[num_s:num_e],
        None if lo is None else float(lo * factor), None if hi is None else float(hi * factor),
        low_incl if lo is not None else False, high_incl if hi is not None else False,
        approx, bound, unit, ukind, scope,
    )
