"""The claim grammar: the tables read from the data files and the patterns built from
them, for quantities.py to read claims with.

Three patterns, so that the scan stays in C almost everywhere: `_CANDIDATE` finds
numerals (and the few word forms that are whole claims); `_PREFIX` is matched backwards
from a numeral (bound words, currency sign, 数); `_TAIL` forwards from its end (scale
word, 多/余, %, a range's second end, 级, unit or classifier, suffix bound). The scan and
the tail are compiled with both `re` and `regex` (see _engines.py). Nothing here reads
a text: that is quantities.py.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

import regex

from .._data import load_toml
from . import filters, measures
from ._trie import longest_first as _alt, rtrie, trie
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
    ZH_BIG,
    ZH_DIGITS,
    ZH_SMALL,
    fold,
)

__all__: list[str] = []  # internal to extract/: quantities.py imports what it reads with


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
_SEVERAL_HEADS = set(ZH_SMALL) | set(ZH_BIG)  # 数 + a bare place word: 数十, 数万
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
_PREFIX_END = _PREFIX_ONE | _PREFIX_LAST2 | _PREFIX_FILL  # what a prefix can end with


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
_PARTICLES = set(_COUNTERS["not_counted_after"]["chars"])
_EN_NOUN_AFTER = regex.compile(rf"\s+(?:[a-z-]+\s+)?({_alt(EN_NOUNS)})\b")
_PRECISION = regex.compile(_alt(PRECISION_WORDS))
_COMPUTE_CTX = regex.compile(_alt(COMPUTE_CONTEXT))
_CLAUSE_BACK = 24  # how far back a clause is searched for a governing noun
_YEARS = regex.compile(r"(?:19|20)\d\d")
_DASHES = ("-", "—", "–", "－")
# A lower-case word and a space before a range (range is 1000-5000), matched backwards;
# a capitalised one names something (iPhone 14-15, Top 10-20).
_LOWER_WORD_BEFORE = regex.compile(r"(?<! [A-Za-z0-9] ) [a-z]+ [ ]", regex.VERBOSE | regex.REVERSE)
