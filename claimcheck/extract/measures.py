"""Units that need a look around the numeral: the readings of units.toml beyond one unit
word after a number. quantities._read calls these only where they can apply (a unit in
play, a numeral ending in 千/兆/两), so the scan of ordinary text never reaches them.

  unit_first    五十兆字节, 一百千瓦, 12千米: a 千/兆 the numeral took begins a unit word,
                and the unit wins (50 MB, not 5e13 bytes)                  [unit_first]
  digit_unit    二两, 三十两, 1234两: a 两 closing a numeral is the unit liang  [digit_units]
  half          一吨半, 两米半: 半 after a unit adds half of it              [half]
  age_after     十个月大, 三周大: a duration followed by 大 is an age          [age_after]
  contextual    85度 in a clause about temperature; 361 million pounds of profit is
                money, 25 pounds of weight is mass                        [contextual]
  guarded       the 19 euro zone members, 5m people: no unit               [guards]
  money_scale   $10m, £5m: after a currency sign, "m" is a million         [money_scales]
  parts         五元三毛, 50元6角三分, 3 dollars 50 cents, 5 feet 2 inches    [parts]
  mentions      unit names standing alone (人民币, fahrenheit): not claims   [mentions]

Every table lives in claimcheck/data/units.toml; every pattern here is linear (word
lists as tries, bounded repeats).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .._data import load_toml
from ._trie import trie
from .numbers import (
    DIG, EN_SCALES, EN_TENS, EN_UNITS, SMALL, SP, ZH_DIGITS, ZH_POINTS, ZH_SMALL, fold, parse_numeral,
)

__all__ = ["Reading", "Mention", "unit_first", "digit_unit", "half", "age_after", "contextual",
           "guarded", "money_scale", "unit_reading", "after_unit", "parts", "mentions", "NUMERAL_UNIT_CHARS"]

_U = load_toml("units.toml")


class Reading(NamedTuple):
    """A unit reading, shaped like quantities.UnitInfo: canonical unit, factor, kind."""

    unit: str
    factor: Decimal
    kind: str


def _reading(v) -> Reading:
    return Reading(v[0], Decimal(str(v[1])), v[2])


def _is_latin(w: str) -> bool:
    """Whether `w` starts with a Latin letter ([A-Za-z])."""
    c = w[:1]
    return "a" <= c <= "z" or "A" <= c <= "Z"


_UNITS: dict[str, Reading] = {fold(k): _reading(v) for k, v in _U["units"].items()}
_CLAUSE_END = "，。；！？,;!?\n"
_PUNCT = set("，。；！？、,.;:!?)）]】\"'”’\n")


def _number(s: str) -> Optional[Decimal]:
    """Value of a short numeral (Arabic, Chinese or English), or None."""
    s = s.strip()
    if s[:1] in ("负", "-"):
        v = _number(s[1:])
        return None if v is None else -v
    return parse_numeral(s) if s else None


# ------------------------------------------------------------------------ unit first

_HEADS = {fold(h) for h in _U["unit_first"]["heads"]}
_HEAD_UNIT = regex.compile(trie(u for u in _UNITS if len(u) > 1 and u[0] in _HEADS))


def unit_first(f: str, num_s: int, num_e: int) -> Optional[int]:
    """Where the numeral f[num_s:num_e] should end when its last character (千, 兆)
    begins a unit word (五十兆字节 -> 五十 + 兆字节), or None to keep it."""
    j = num_e - 1
    if j <= num_s or f[j] not in _HEADS or not _HEAD_UNIT.match(f, j):
        return None
    return j if _number(f[num_s:j]) is not None else None


# ------------------------------------------------------------------------ 两

_POINTS = set(ZH_POINTS) | {"."}
_DIGIT_UNITS: dict[str, set] = {fold(k): {fold(x) for x in v} for k, v in _U["digit_units"].items()}


def digit_unit(f: str, num_s: int, num_e: int) -> Optional[int]:
    """Where the numeral should end when its last character is a unit (二两 -> 二 + 两),
    or None. The caller checks that no other unit follows."""
    j = num_e - 1
    ch = f[j]
    if j <= num_s or ch not in _DIGIT_UNITS:
        return None
    rest = f[num_s:j].strip()
    if rest in _DIGIT_UNITS[ch] or rest.endswith(ch) or _number(rest) is None \
            or rest[-1] in _POINTS:  # 两百点两 is 200.2
        return None
    return j


# the last characters of a Chinese numeral that may belong to a unit instead
NUMERAL_UNIT_CHARS = frozenset(_HEADS | set(_DIGIT_UNITS))


# ------------------------------------------------------------------------ 半, 大

_HALF = _U["half"]
_HALF_WORD = fold(_HALF["word"])
_HALF_BLOCK = regex.compile(trie(fold(w) for w in _HALF["not_before"]))


def half(f: str, end: int) -> bool:
    """Whether 半 right after a unit ending at `end` adds half a unit (一吨半)."""
    return f.startswith(_HALF_WORD, end) and not _HALF_BLOCK.match(f, end + len(_HALF_WORD))


_AGE = _U["age_after"]
_AGE_WORD = fold(_AGE["word"])
_AGE_UNITS = {fold(u) for u in _AGE["units"]}
_AGE_THEN = regex.compile(trie(fold(w) for w in _AGE["then"]))


def age_after(f: str, end: int, unit_word: str) -> bool:
    """Whether a duration unit ending at `end` is followed by 大, making it an age
    (十个月大的时候, 三周大了)."""
    if unit_word not in _AGE_UNITS or not f.startswith(_AGE_WORD, end):
        return False
    k = end + len(_AGE_WORD)
    return k >= len(f) or f[k] in _PUNCT or f[k] in " \t" or bool(_AGE_THEN.match(f, k))


# ------------------------------------------------------------------------ context

class _Context(NamedTuple):
    words: "regex.Pattern"
    reading: Reading


CONTEXTUAL: dict[str, list[_Context]] = {}
for _w, _readings in _U["contextual"].items():
    CONTEXTUAL[fold(_w).lower() if _is_latin(_w) else fold(_w)] = [
        _Context(regex.compile(trie(fold(x).lower() for x in r["words"])), _reading(r["unit"]))
        for r in _readings.values()
    ]
_CONTEXT_REACH = 40  # characters searched on each side, within the clause


def _clause(f: str, s: int, e: int) -> str:
    """The clause around f[s:e], at most _CONTEXT_REACH characters on each side."""
    lo = max(0, s - _CONTEXT_REACH)
    before = f[lo:s]
    cut = max(before.rfind(c) for c in _CLAUSE_END)
    if cut >= 0:
        before = before[cut + 1:]
    after = f[e:e + _CONTEXT_REACH]
    cuts = [i for i in (after.find(c) for c in _CLAUSE_END) if i >= 0]
    if cuts:
        after = after[:min(cuts)]
    return (before + " " + f[s:e] + " " + after).lower()


def contextual(f: str, s: int, e: int, word: str) -> Optional[Reading]:
    """The reading of a unit word whose meaning depends on its clause (units.toml
    [contextual]), or None when no reading applies. `s`, `e`: the claim so far."""
    key = word.lower() if _is_latin(word) else word
    readings = CONTEXTUAL.get(key)
    if not readings:
        return None
    clause = _clause(f, s, e)
    for c in readings:
        if c.words.search(clause):
            return c.reading
    return None


_GUARDS: dict[str, "regex.Pattern"] = {
    k.lower(): regex.compile(rf"""
        {SP}* (?: {trie(w.lower() for w in v)} ) (?! [A-Za-z] )   # euro zone, m people, t-shirts
        """, regex.VERBOSE)
    for k, v in _U["guards"].items()
}


def guarded(f: str, end: int, word: str) -> bool:
    """Whether a unit word ending at `end` is followed by a word that makes it none."""
    g = _GUARDS.get(word.lower())
    return bool(g and g.match(f[end:end + 24].lower()))


_MONEY_SCALES = {k: Decimal(str(int(v))) for k, v in _U["money_scales"].items()}
# signs and codes written before or after a number ($, €, usd): one after a number
# that already has one before it belongs to the next number
_SIGNS = {fold(k) for k in _U["currency_prefixes"]} & set(_UNITS)


def money_scale(word: str) -> Optional[Decimal]:
    """The scale a letter stands for right after a currency sign ($10m), or None."""
    return _MONEY_SCALES.get(word)


def unit_reading(f: str, s: int, e: int, word: str, cur: Optional[str] = None) -> Optional[Reading]:
    """The reading of the unit word f[e - len(word):e] after a number whose claim starts
    at `s`, or None when it is no unit there: a contextual word whose clause says
    nothing (360度), a guarded word (the euro zone), another currency than the sign
    before the number gave (rmb 10 usd 20). `cur`: the unit of that sign, if any."""
    if cur is not None:
        scale = _MONEY_SCALES.get(word)
        if scale is not None:
            return Reading(cur, scale, "money")  # $10m
        if word in _SIGNS:
            return None  # $ 20,000.00 $ 37,305.97: the second sign is the next number's
    guard, readings, r = _word(word)
    if guard is not None and guard.match(f[e:e + 24].lower()):
        return None  # (guarded)
    if readings:  # (contextual)
        clause = _clause(f, s, e)
        for c in readings:
            if c.words.search(clause):
                r = c.reading
                break
    if r is not None and cur is not None and r.kind == "money" and r.unit != cur:
        return None
    return r


@lru_cache(maxsize=None)
def _word(word: str) -> tuple:
    """What unit_reading needs to know of a unit word, which the data fixes: its guard
    pattern (guarded), its contextual readings (contextual) and its plain reading."""
    key = word.lower() if _is_latin(word) else word
    return _GUARDS.get(word.lower()), CONTEXTUAL.get(key), _UNITS.get(word) or _ci_units().get(word.lower())


def after_unit(f: str, end: int, unit_word: Optional[str], unit: str, factor: Decimal, kind: str,
               v: Decimal, scaled: bool) -> tuple[Decimal, int, str]:
    """What follows a quantity's unit, ending at `end`: (the value `v` as it becomes, in
    the written unit; the new end; the kind). 一吨半 adds 0.5; 十个月大 is an age; 五元三毛
    and 3 dollars 50 cents add their parts; 75 USD million is a scale after the unit.
    `scaled`: a scale word (million, k) already applies to `v`."""
    c = f[end:end + 1]
    if not (c in _AFTER_UNIT_FIRST or c.isdecimal() or c.isalpha() and c < "\u2e80" or c > "\uffff"):
        return v, end, kind  # (the usual case: nothing below can start with that character)
    whole = v == v.to_integral_value() and not scaled
    if unit_word and whole and kind != "count" and half(f, end):  # 一吨半, 一块半, 三岁半
        return v + Decimal("0.5"), end + len(_HALF_WORD), kind
    if unit_word and kind == "duration" and age_after(f, end, unit_word):
        return v, end + len(_AGE_WORD), "age"
    if kind == "money" and unit_word and not scaled and _is_latin(unit_word):
        m = _SCALE_AFTER.match(f, end)
        if m:  # 75 USD million
            return v * EN_SCALES[m.group(1).lower()], m.end(), kind
    if whole and unit in PARTS:
        r = parts(f, end, unit, factor)
        if r is not None:
            return v + r[0] / factor, r[1], kind
    return v, end, kind


_SCALE_AFTER = regex.compile(rf"""
    {SP}+ ( (?i: {trie(w for w in EN_SCALES if not w.endswith('s'))} ) ) (?! [A-Za-z] )   # USD million
    """, regex.VERBOSE)


# ------------------------------------------------------------------------ parts

_P = _U["parts"]
PARTS: dict[str, dict[str, Decimal]] = {
    unit: {fold(k): Decimal(str(v)) for k, v in table.items()}
    for unit, table in _P.items() if isinstance(table, dict) and unit != "max_ratio"
}
_MAX_RATIO = {k: Decimal(str(v)) for k, v in _P["max_ratio"].items()}
_PART_WORDS = {w for t in PARTS.values() for w in t}
# a part that begins a longer unit word is that word (5元3分钟: minutes, not fen)
_LONGER = regex.compile(trie(u for u in _UNITS if not _is_latin(u)
                             and any(u.startswith(p) and u != p for p in _PART_WORDS)))
_EN_1_99 = rf"""
    (?: {trie(w for w, v in EN_TENS.items() if 20 <= v <= 90)}
        (?: (?: - | {SP}+ ) {trie(w for w, v in EN_UNITS.items() if 1 <= v <= 9)} (?! [A-Za-z] ) )?
      | {trie(w for w, v in EN_UNITS.items() if 1 <= v <= 19)} )
"""
_JOIN_CJK = [fold(j) for j in _P["joiners"] if not _is_latin(j)]
_JOIN_EN = [j for j in _P["joiners"] if _is_latin(j)]
_PART = regex.compile(
    rf"""
    (?P<join> {SP}* (?: {trie(_JOIN_CJK)} ) {SP}*     # 两美元又三美分, 五元零五分
            | {SP}+ (?i: {trie(_JOIN_EN)} ) {SP}+     # 15 dollars and 15
            | {SP}* )
    (?P<num> \d{{1,2}} (?: \. \d+ )? (?! \d | [.,] \d )   # 50元6角, 3 dollars 50 cents
           | [{DIG}{SMALL}]{{1,3}}                    # 五元三毛
           | (?<! [A-Za-z] ) (?i: {_EN_1_99} ) (?! [A-Za-z] ) )   # thirteen dollars forty-five
    {SP}*
    (?P<part> {trie(w for w in _PART_WORDS if not _is_latin(w))}
            | (?i: {trie(w for w in _PART_WORDS if _is_latin(w))} ) (?! [A-Za-z] ) )?
    """,
    regex.VERBOSE,
)
_BARE_THEN, _BARE_THEN_JOINED = (
    regex.compile(rf"""
        {SP}* (?: $                                         # the end,
                | [{regex.escape(''.join(_PUNCT))}]         # a punctuation mark,
                | (?i: {trie(_P[k])} ) (?! [A-Za-z] ) )     # or: and, more
        """, regex.VERBOSE)
    for k in ("bare_then", "bare_then_joined")
)


# What the first part after a quantity can start with, spaces aside, besides a digit or a
# letter: a Chinese joiner (又) or numeral.
_PART_FIRST = frozenset([*(j[0] for j in _JOIN_CJK), *ZH_DIGITS, *ZH_SMALL])
_SPACES = re.compile(r"[ \t]*")
# What can follow a unit for after_unit to read more, besides a digit or a letter: a
# space (3 dollars 50 cents, 75 USD million), 半, 大 (an age) or the first character of a part.
_AFTER_UNIT_FIRST = _PART_FIRST | {" ", "\t", _HALF_WORD[0], _AGE_WORD[0]}


def parts(f: str, end: int, unit: str, factor: Decimal) -> Optional[tuple[Decimal, int]]:
    """The smaller units written after a quantity that ends at `end` in `unit`, whose
    written unit is `factor` canonical units: (their sum in `unit`, where they end), or
    None. 五元三毛 -> 0.3 CNY; 3 dollars 50 cents -> 0.50 USD; 5 feet 2 inches -> 0.0508 m."""
    table = PARTS.get(unit)
    if not table:
        return None
    c = f[end:end + 1]
    if c == " " or c == "\t":
        k = _SPACES.match(f, end).end()
        c = f[k:k + 1]
    if not (c in _PART_FIRST or c.isdecimal() or c.isalpha() and c < "\u2e80" or c > "\uffff"):
        return None  # (no joiner, number or word can start there: _PART cannot match)
    total, last, pos = Decimal(0), factor, end
    ratio = _MAX_RATIO.get(unit, _MAX_RATIO["default"])  # 12 inches to the foot, 100 cents
    while True:
        m = _PART.match(f, pos)
        if m is None:
            break
        n = _number(m["num"])
        if n is None:
            break
        part = m["part"]
        if part is not None:
            pf = table.get(fold(part).lower() if _is_latin(part) else part)
            if pf is None or not pf < last or not n * pf < last or last / pf > ratio:
                break
            lm = _LONGER.match(f, m.start("part"))
            if lm and lm.end() > m.end("part"):
                break
            total, last, pos = total + n * pf, pf, m.end()
            continue
        # a bare numeral: the next smaller part, when it ends the phrase (15 dollars 50.)
        smaller = [v for v in table.values() if v < last and last / v <= ratio]
        if not smaller or n != n.to_integral_value() or not n * max(smaller) < last:
            break
        if not (_BARE_THEN_JOINED if m["join"].strip() else _BARE_THEN).match(f, m.end("num")):
            break
        total, pos = total + n * max(smaller), m.end("num")
        break
    return (total, pos) if pos > end else None


# ------------------------------------------------------------------------ mentions


class Mention(NamedTuple):
    """A unit named without a number: offsets into the text, the words, the reading."""

    start: int
    end: int
    text: str
    unit: str
    kind: str


_MENTION_WORDS = [fold(w) for w in _U["mentions"]["words"]]
_MENTION = regex.compile(
    rf"""
      (?: {trie(w for w in _MENTION_WORDS if not _is_latin(w) and not w.islower())} )
    | (?<! [A-Za-z] ) (?i: {trie(w.lower() for w in _MENTION_WORDS if _is_latin(w) or w.islower())} ) (?! [A-Za-z] )
    """,
    regex.VERBOSE,
)


@lru_cache(maxsize=1)
def _ci_units() -> dict[str, Reading]:
    return {k.lower(): v for k, v in _UNITS.items()}


def mentions(text: str) -> list[Mention]:
    """The unit names in `text` that stand alone, outside every claim ("人民币 美元",
    "convert 10 celsius to fahrenheit": fahrenheit), in text order."""
    from .quantities import scan  # quantities imports this module

    f = fold(text)
    taken = [(r.start, r.end) for r in scan(text)]
    out = []
    for m in _MENTION.finditer(f):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            continue
        w = m.group()
        r = _UNITS.get(w) or _ci_units().get(w.lower())
        if r is not None:
            out.append(Mention(s, e, text[s:e], r.unit, r.kind))
    return out
