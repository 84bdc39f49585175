"""Numerals: the grammar of written numbers in Chinese and English, and their values.

The grammar is built from `data/numerals.toml`; every table there (digits, units,
scale words, ordinals, signs, percent words, folding) feeds the patterns below, so a new
numeral word is a data change. Matching runs on a *folded* copy of the text (`fold`),
which has the same length as the original, so offsets found in one are offsets in the
other.

Public pieces:
  fold(text)            same-length normalisation (full-width, traditional forms)
  ZH_RUN, ARABIC, ...   pattern strings, reused by quantities.py to build its grammar
  parse_zh(s)           value of a Chinese/mixed numeral run (folded form)
  parse_en(s)           (english.py) value of an English number phrase
  parse_arabic(s)       value of an Arabic numeral with separators/exponent/suffix
The standalone scanners find_numbers and find_percents are in scanners.py.

Every pattern here is linear in the length of the text: no nested unbounded quantifiers
over overlapping pieces, numeral bodies matched atomically, and every branch that can
start inside a run of digits is guarded by a look-behind, so a megabyte of digits or of
万 scans once. The English phrase reader works on tokens of one matched run, never on
the whole text.
"""

from __future__ import annotations

import re as _re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .._data import load_toml
from ._trie import trie as _alt
from . import _engines

__all__ = [
    "fold",
    "parse_zh",
    "parse_arabic",
    "parse_numeral",
    "place_of_last_digit",
    "ZhValue",
    "LEX",
]

LEX = load_toml("numerals.toml")
_ZH = LEX["zh"]
_EN = LEX["en"]
_G = _EN["grammar"]


def _cls(chars) -> str:
    """A regex character class body from an iterable of single characters."""
    return "".join(regex.escape(c) for c in sorted(set(chars)))


def _spaced(word: str) -> str:
    """A literal Chinese word whose characters may be separated by spaces (百 分 之)."""
    return r"[ \t]*".join(regex.escape(c) for c in word)


def _alt_spaced(words, between: str = r"[ \t]+") -> str:
    """An alternation of words, longest first, whose spaces match `between`."""
    return "|".join(
        between.join(regex.escape(p) for p in w.split(" "))
        for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


# ---------------------------------------------------------------------------- folding

_FOLD = {ord(k): v for k, v in LEX["fold"].items()}
# Full-width ASCII -> ASCII, except the punctuation Chinese text is written with
# (，！（）：；？ and quotes/brackets): the grammar reads those in both forms, and folding
# them would touch nearly every sentence.
_FW_KEEP = set("，！（）：；？＂＇［］｛｝")
for _cp in range(0xFF01, 0xFF5F):
    if chr(_cp) not in _FW_KEEP:
        _FOLD.setdefault(_cp, chr(_cp - 0xFEE0))
# Full-width comma is a clause separator in Chinese; it is a thousands separator only
# between full-width digits (４，５６５), which `fold` handles separately.
# (Folding uses Python's `re`: its classes here are explicit characters, which both
# engines read alike, and `re` scans a large class several times faster.)
_FW_GROUP = _re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


_FOLD_STR = {chr(k): v for k, v in _FOLD.items()}
_FOLD_CLASS = "".join(_re.escape(c) for c in sorted(_FOLD_STR))
_FOLDABLE = _re.compile("[" + _FOLD_CLASS + "]+")


def _fold_run(m) -> str:
    return m.group().translate(_FOLD)


def fold(text: str) -> str:
    """Return `text` with numerals' variant characters folded; same length as `text`.

    Only runs of foldable characters are touched (a regex pass in C), which is several
    times faster than translating the whole text when, as usual, there are few."""
    if "，" in text:
        text = _FW_GROUP.sub(",", text)
    return _FOLDABLE.sub(_fold_run, text)


# The characters on which `re` and `regex` disagree (see _engines), and astral ones.
_UNSAFE_CLASS = (_engines.ranges_class(_engines.UNSAFE_WORD) + _engines.ranges_class(_engines.UNSAFE_OTHER)
                 + "\\U00010000-\\U0010ffff")
# Those that matter wherever they stand (\s, \d, case); the others only next to a Latin
# letter or before a hyphen.
_UNSAFE_ALWAYS = frozenset(chr(c) for a, b in _engines.parse(_engines.UNSAFE_OTHER) for c in range(a, b + 1))
# Folding and looking for those characters in one pass: the class is the union.
_FOLD_SCAN = _re.compile("[" + _FOLD_CLASS + _UNSAFE_CLASS + "]+")


def _common_class() -> str:
    """A class body for the characters of most Chinese and English text (ASCII, Latin-1,
    general punctuation, CJK punctuation, kana, CJK ideographs, full-width punctuation)
    less any that folding changes or the engines classify differently: a text of only
    these needs neither folding nor `regex`."""
    drop = set(_FOLD_STR)
    for table in (_engines.UNSAFE_WORD, _engines.UNSAFE_OTHER):
        for a, b in _engines.parse(table):
            drop.update(chr(c) for c in range(a, b + 1))
    ranges: list[list[int]] = []
    for a, b in ((0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x205E),
                 (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E)):
        for c in range(a, b + 1):
            if chr(c) in drop:
                continue
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


_UNCOMMON = _re.compile("[^" + _common_class() + "]")


def fold_scan(text: str) -> tuple[str, bool]:
    """(fold(text), whether the folded text must be read with the `regex` compilations
    of the patterns that extract/ also compiles with `re`; see _engines). One pass in
    C over the text in the usual case, where no character of either kind occurs."""
    if _UNCOMMON.search(text) is None:
        return text, False  # (nothing to fold: full-width digits are uncommon too)
    if "，" in text:
        text = _FW_GROUP.sub(",", text)
    if _FOLD_SCAN.search(text) is None:
        return text, False
    unsafe: list[int] = []

    def run(m) -> str:
        s = m.group()
        for i, ch in enumerate(s):
            if ch not in _FOLD_STR:  # (the class is the union: not foldable is unsafe)
                unsafe.append(m.start() + i)
        return s.translate(_FOLD)

    f = _FOLD_SCAN.sub(run, text)
    return f, bool(unsafe) and _needs_regex(f, unsafe)


def _needs_regex(f: str, unsafe: list[int]) -> bool:
    """Whether one of the characters at `unsafe` stands where the shared patterns
    classify it: anywhere for those \\s, \\d or case-insensitive letters see (and astral
    ones), else next to a Latin letter or before a hyphen (\\w, \\b)."""
    for i in unsafe:
        ch = f[i]
        if ch in _UNSAFE_ALWAYS or ch > "\uffff":
            return True
        prev, nxt = f[i - 1:i] if i else "", f[i + 1:i + 2]
        if (prev.isascii() and prev.isalpha()) or (nxt.isascii() and (nxt.isalpha() or nxt == "-")):
            return True
    return False


# ---------------------------------------------------------------------------- lexicon

def _folded_keys(table) -> dict[str, object]:
    return {fold(k): v for k, v in table.items()}


def _d(v) -> Decimal:
    """A table value as an exact Decimal (1e4 -> 10000, 0.5 -> 0.5)."""
    d = Decimal(str(v))
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


ZH_DIGITS: dict[str, int] = _folded_keys(_ZH["digits"])
ZH_SMALL: dict[str, int] = _folded_keys(_ZH["small_units"])
ZH_BIG: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _folded_keys(_ZH["big_units"]).items()}
ZH_SIGNS: dict[str, int] = _folded_keys(_ZH["signs"])
ZH_POINTS = set(_folded_keys(_ZH["points"]))
ZH_APPROX = set(_folded_keys(_ZH["approximators"]))
ZH_AMBIGUOUS = set(fold(c) for c in _ZH["ambiguous"]["chars"])
ZH_WORDS: dict[str, int] = _folded_keys(_ZH["words"])
ZH_MULTIPLIERS: dict[str, int] = _folded_keys(_ZH["multipliers"])
ZH_PER: dict[str, Decimal] = {k: _d(v) for k, v in _folded_keys(_ZH["per"]).items()}
ZH_PERCENT: dict = _ZH["percent"]
ZH_NONZERO = {c for c, v in ZH_DIGITS.items() if v}

EN_UNITS: dict[str, int] = dict(_EN["units"])
EN_TENS: dict[str, int] = dict(_EN["tens"])
EN_SCALES: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _EN["scales"].items()}
EN_SUFFIXES: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _EN["suffixes"].items()}
EN_WORDS: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in _EN["words"].items()}
EN_ORDINALS: dict[str, Decimal] = {k: _d(v) for k, v in _EN["ordinals"].items()}
EN_FRACTION_NOUNS: dict[str, Decimal] = {k: _d(v) for k, v in _EN["fraction_nouns"].items()}
EN_COMPOUND_ONLY = set(_G["compound_only_ordinals"])
EN_DOZENS = set(_G["dozens"])
EN_NEGATIVE = set(_G["negative"])
EN_OVER = set(_G["over"])
EN_OUT_OF = set(_G["out_of"])
EN_DETERMINERS = set(_G["pronoun_determiners"])
EN_PERCENT_WORDS = list(_G["percent"])
CURRENCY_SYMBOLS = _G["currency_symbols"]
VULGAR: dict[str, tuple[int, int]] = {
    k: (int(v.split("/")[0]), int(v.split("/")[1])) for k, v in LEX["vulgar"].items()
}

# every ordinal spelling, singular and plural: word -> (denominator, plural)
_EN_ORD_FORMS: dict[str, tuple[Decimal, bool]] = {}
for _w, _v in EN_ORDINALS.items():
    _EN_ORD_FORMS[_w] = (_v, False)
    _EN_ORD_FORMS[_w + "s"] = (_v, True)

# ---------------------------------------------------------------------------- grammar
# Each piece is a VERBOSE pattern string, to be embedded in larger patterns.

DIG = _cls(ZH_DIGITS)  # 零一二两...壹贰...
DIG_DEC = _cls(c for c, v in ZH_DIGITS.items() if c not in ("两", "俩"))  # digits after 点
SMALL = _cls(ZH_SMALL)  # 十百千拾
BIG = _cls(ZH_BIG)  # 万亿兆
POINT = _cls(ZH_POINTS)
APPROX = _cls(ZH_APPROX)
SIGN_ZH = _cls(ZH_SIGNS)
NEG_ZH = _cls(c for c, v in ZH_SIGNS.items() if v < 0)  # 负
SP = r"[ \t]"  # spaces allowed inside a numeral (after folding U+3000 etc.)

ARABIC = r"""
    (?: (?<! [\d,] ) \d{1,3} (?: , \d{3} )+ (?! \d )      # 1,234,567 (grouped by commas)
      | (?<! [\d,] ) \d{1,2} (?: , \d{2} )+ , \d{3} (?! \d ) # 12,34,567 (Indian grouping)
      | (?<! \d ) \d{1,3} (?: \ \d{3} )+ (?! \d )        # 1 234 567 (grouped by spaces)
      | \d+                                              # 1234
      | (?= \. \d )                                      # .5 (no integer part)
    )
    (?: \. \d+ )?                                        # decimal part
"""

# Arabic numerals in other cultures' notation, for the scanner only (quantities.py reads
# Chinese and English news, where "1,3" is more often a list than 1.3).
ARABIC_INTL = rf"""
    (?: (?<! [\d.,] ) \d{{1,3}} (?: \. \d{{3}} )+ , \d+ (?! \d | [,.] \d )   # 1.111,11 (European)
      | (?<! [\d,] | \p{{Han}} ) \d{{1,3}} , \d{{1,2}} (?! \d | [,.] \d | \p{{Han}} )   # 5,00  1,3 (decimal
                                                        # comma; not in Chinese, where 第1,2名 is a list)
      | {ARABIC}
    )
"""

# Where a minus sign may start a number: not after a letter, digit or another sign
# (SCP-173, +1-222, --9, 2019-2020 are not negative).
SIGN_OK = r"(?<! [A-Za-z\d\-+.,/] )"

ZH_RUN = rf"""
    (?: {ARABIC} | [{DIG}{SMALL}] )               # starts with a digit or 十/百/千
    (?:                                           # then any of:
        {SP}* [{DIG}{BIG}]                        #   more digits, a big unit
      | (?<! [{SMALL}] ) {SP}* [{SMALL}]          #   a small unit, not right after another (五十千 is 五十)
      | (?<= [{SMALL}{BIG}零] ) {ARABIC}          #   Arabic digits right after a unit (3万4000, 2千零30万)
      | (?<= [{SMALL}{BIG}] ) {SP}+ {ARABIC} (?= {SP}* [{SMALL}{BIG}] )   # 7万 5千 4百
      | {SP}* [{APPROX}] (?= {SP}* [{BIG}] )      #   多/余/几 inside (十多万, 500余万)
    )*
    (?: {SP}* [{POINT}] {SP}* [{DIG_DEC}]+ )?     # Chinese decimal part (十五点七)
"""

_EN_CARDINALS = list(EN_UNITS) + list(EN_TENS) + list(EN_SCALES)
EN_WORD_LIST = _EN_CARDINALS
EN_WORD = rf"(?: {_alt(EN_WORD_LIST)} )"
# Denominators that may follow a number in EN_RUN: ordinals (two thirds) and plural
# halves/quarters; not "first"/"second" (one second is time) nor "quarter" (in one quarter).
EN_ORD_WORD = rf"""(?: {_alt([w for w in _EN_ORD_FORMS if w not in EN_COMPOUND_ONLY]
                             + [w for w in EN_FRACTION_NOUNS if w.endswith("s")])} )"""
# An English number phrase of words (quantities.py embeds it): "fifty-three",
# "one hundred and six", "two thirds", "twenty-one trillion three hundred", "nine point
# nought four". parse_en reads it; find_numbers uses the richer token runs below.
# The words after the first of an English number phrase (EN_RUN, EN_RUN_REST).
_EN_RUN_TAIL = rf"""
    (?:
        (?: {SP}*+ - {SP}*+ | {SP}++ (?: and {SP}++ )? ) (?: {EN_WORD} | {EN_ORD_WORD} ) (?! [A-Za-z] )
    )*
    (?: {SP}+ point (?: {SP}+ {EN_WORD} (?! [A-Za-z] ) )+ )?
    (?! [\w] )
"""
EN_RUN = rf"""
    (?<! [\w-] )
    (?: {EN_WORD} | a (?=\ (?:hundred|thousand|million|billion|trillion|dozen)) )
    {_EN_RUN_TAIL}
"""

# ---------------------------------------------------------------------------- first character read
# The same pieces for a scanner that reads the first character of every alternative
# with one character class (grammar._CANDIDATE: a search for such a pattern skips
# ordinary text in a C loop). Each piece starts one character in: `(?<= ... )`
# re-checks the character read, and a look-behind of the original reaches one
# character further back. They compile in `re` as well as in `regex` (_engines).


def after_first(words) -> str:
    """A trie of `words` (as _alt) entered after the first character of the word."""
    by: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        by.setdefault(w[0], []).append(w[1:])
    return "(?: " + " | ".join(f"(?<= {regex.escape(c)} ) {_alt(rest) if rest != [''] else ''}"
                               for c, rest in by.items()) + " )"


def first_chars(words) -> str:
    """A character class body: the first characters of `words`."""
    return _cls(w[0] for w in words)


# ARABIC after its first character (a digit, or the point of .5)
ARABIC_REST = r"""
    (?: (?<= \d )
        (?: (?<! [\d,] . ) \d{0,2} (?: , \d{3} )+ (?! \d )      # 1,234,567
          | (?<! [\d,] . ) \d? (?: , \d{2} )+ , \d{3} (?! \d )  # 12,34,567
          | (?<! \d . ) \d{0,2} (?: \ \d{3} )+ (?! \d )        # 1 234 567
          | \d* )                                              # 1234
        (?: \. \d+ )?
      | (?<= \. ) \d+ )                                         # .5
"""
# EN_RUN after its first character (a letter)
EN_RUN_FIRST = first_chars(EN_WORD_LIST) + "a"
EN_RUN_REST = rf"""
    (?<! [\w-] . )
    (?: {after_first(EN_WORD_LIST)} | (?<= a ) (?=\ (?:hundred|thousand|million|billion|trillion|dozen)) )
    {_EN_RUN_TAIL}
"""

# ---------------------------------------------------------------------------- Chinese values

_TOKEN = regex.compile(
    rf"""
      (?P<a> {ARABIC} )
    | (?P<d> [{DIG}] )
    | (?P<s> [{SMALL}] )
    | (?P<b> [{BIG}] )
    | (?P<p> [{POINT}] )
    | (?P<x> [{APPROX}] )
    | (?P<sp> {SP}+ )
    """,
    regex.VERBOSE,
)


class ZhValue(NamedTuple):
    value: Decimal
    step: Optional[Decimal]  # for 多/余/几: one step of the last written digit, else None
    digits: int  # how many significant digits were written (precision)


def _dec(s: str) -> Decimal:
    return Decimal(s.replace(",", "").replace(" ", ""))


@lru_cache(maxsize=8192)
def parse_zh(s: str) -> Optional[ZhValue]:
    """Value of a Chinese or mixed numeral run in folded form ("1.17亿", "一万五千",
    "3万4000", "十多万", "两千万点五五", "零点五"). Returns None if `s` is not a numeral.

    A trailing 多/余/几 is not part of `s`; one inside (十多万) is, and sets `step`.
    """
    try:
        return _parse_zh(s)
    except (InvalidOperation, OverflowError, ArithmeticError):
        return None


def _parse_zh(s: str) -> Optional[ZhValue]:
    total = Decimal(0)  # value of completed big-unit groups
    section = Decimal(0)  # value below the current big unit
    number: Optional[Decimal] = None  # the last digit or Arabic number, not yet placed
    last_small: Optional[int] = None  # the small unit just placed (for 两千四百五)
    last_big: Optional[Decimal] = None  # the big unit just placed (for 一万三)
    biggest = Decimal(0)  # biggest big unit applied so far
    zero_seen = False
    step: Optional[Decimal] = None
    approx_pending = False
    last_place = Decimal(1)  # place value of the last written digit
    decimal_part = ""
    seen_any = False
    sig = 0
    toks = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(s) if m.lastgroup != "sp"]
    head = [t for _, t in toks[: next((j for j, (k, _) in enumerate(toks) if k == "p"), len(toks))]]
    if len(head) >= 2 and all(t in ZH_DIGITS for t in head):  # a digit string: 二〇二三, 一九九一
        number = Decimal("".join(str(ZH_DIGITS[t]) for t in head))
        seen_any, sig = True, len(head)
        toks = toks[len(head):]
    i = 0
    while i < len(toks):
        kind, t = toks[i]
        if kind == "p":  # Chinese decimal point: read the digits after it
            digits = []
            j = i + 1
            while j < len(toks) and toks[j][0] == "d":
                digits.append(str(ZH_DIGITS[toks[j][1]]))
                j += 1
            decimal_part = "".join(digits)
            sig += len(digits)
            i = j
            continue
        if kind == "d":
            v = ZH_DIGITS[t]
            if v == 0:
                zero_seen = True
                if number is not None and number != 0 and not seen_any:
                    number = number * 10  # 二〇二三-style digit strings
                elif number is None and not seen_any and total == 0 and section == 0:
                    number = Decimal(0)  # a leading 零 (零点五)
                    seen_any = True
                elif number is not None and number != 0:
                    pass
                else:
                    number = number if number else None
                i += 1
                continue
            if number is not None and not zero_seen and last_small is None and last_big is None:
                # digit after digit without a unit: positional digit string (一九九一)
                number = number * 10 + v
            else:
                number = Decimal(v)
            sig += 1
            seen_any = True
            i += 1
            continue
        if kind == "a":
            number = _dec(t)
            digits_only = t.replace(",", "").replace(" ", "").replace(".", "").lstrip("0")
            sig += len(digits_only.rstrip("0")) or 1
            seen_any = True
            i += 1
            continue
        if kind == "s":
            unit = ZH_SMALL[t]
            n = number if number else Decimal(1)  # 十 alone and 零十 are ten
            section += n * unit
            last_place = Decimal(unit)
            if number is None and not seen_any:
                sig += 1
            seen_any = True
            number = None
            last_small = unit
            last_big = None
            zero_seen = False
            i += 1
            continue
        if kind == "x":  # 多/余/几 inside: 十多万 -> step of one 十, times the big unit
            approx_pending = True
            i += 1
            continue
        if kind == "b":
            unit = ZH_BIG[t]
            cur = section + (number if number is not None else Decimal(0))
            if cur == 0 and number is None and total == 0:
                if last_big is None:
                    return None  # a bare 万 is not a number
            if approx_pending:
                place = last_place if number is None else Decimal(1)
                step = place * unit
                approx_pending = False
            if unit >= biggest and biggest:
                total = (total + cur) * unit
            else:
                total += cur * unit
            if unit > biggest:
                biggest = unit
            last_place = unit if number is not None or cur else last_place * unit
            section = Decimal(0)
            number = None
            last_small = None
            last_big = unit
            zero_seen = False
            i += 1
            continue
        i += 1
    if not seen_any and not total:
        return None
    if number is not None:
        if not zero_seen and last_small is not None and last_small >= 100 and number < 10:
            number *= last_small // 10  # 两千四百五 -> 50, 一千陆 -> 600
            last_place = Decimal(last_small // 10)
        elif not zero_seen and last_small is None and last_big is not None and number < 10:
            number *= last_big / 10  # 一万三 -> 3000
            last_place = last_big / 10
        else:
            last_place = Decimal(1)
        section += number
    value = total + section
    if decimal_part:
        value += Decimal("0." + decimal_part)
    if step is None and approx_pending:
        step = last_place
    return ZhValue(value, step, max(sig, 1))


def _place_of_last_digit(s: str) -> Decimal:
    """Place value of the last non-zero written digit of an Arabic numeral: 3000 -> 1000,
    80 -> 10, 1.5 -> 0.1."""
    s = s.replace(",", "").replace(" ", "")
    if "." in s:
        return Decimal(1).scaleb(-len(s.split(".", 1)[1]))
    stripped = s.rstrip("0")
    return Decimal(10) ** (len(s) - len(stripped)) if stripped else Decimal(1)


def place_of_last_digit(s: str) -> Decimal:
    return _place_of_last_digit(s)


# Two different digits before a unit are an approximate range, not a number: 二三十 is
# "twenty or thirty", 三四百 "three or four hundred".
_ZH_APPROX_PAIR = regex.compile(rf"[{_cls(ZH_NONZERO)}]{SP}*[{_cls(ZH_NONZERO)}]{SP}*[{SMALL}{BIG}]")

# ---------------------------------------------------------------------------- Arabic values

_ARABIC_FULL = regex.compile(
    rf"""
    (?P<sign> [-+{NEG_ZH}] {SP}* )?
    (?P<num> {ARABIC_INTL} )
    (?: (?P<exp> [eE] [-+]? \d+ )                  # 1.3e6
      | {SP}* [x×] {SP}* 10 \^ (?P<x10> [-+]? \d+ ) # 1.3x10^6
      | \^ (?P<pow> [-+]{{0,2}} \d+ ) )?            # 1.1^23, 2.5^-1
    {SP}*
    (?P<suf> {_alt(EN_SUFFIXES)} )?                 # 10k, 1.2bn, 10 bln
    """,
    regex.VERBOSE,
)
_EUROPEAN = regex.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_DECIMAL_COMMA = regex.compile(r"\d{1,3},\d{1,2}")


def _arabic_number(num: str) -> Decimal:
    """The value of the numeral body matched by ARABIC_INTL."""
    if _EUROPEAN.fullmatch(num):
        return Decimal(num.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA.fullmatch(num):
        return Decimal(num.replace(",", "."))
    return _dec(num)


@lru_cache(maxsize=8192)
def parse_arabic(s: str) -> Optional[Decimal]:
    """Value of an Arabic numeral: separators (1,234  1 234  12,34,567  1.111,11),
    exponents (2e5, 1.3x10^6, 2^5) and suffixes (10k, 1.2bn)."""
    m = _ARABIC_FULL.fullmatch(s.strip())
    if not m:
        return None
    try:
        v = _arabic_number(m["num"])
        if m["exp"]:
            v = v.scaleb(int(m["exp"][1:]))
        elif m["x10"] is not None:
            v = v.scaleb(int(m["x10"]))
        elif m["pow"] is not None:
            p = m["pow"]
            neg = p.count("-") % 2 == 1
            e = int(p.lstrip("+-"))
            v = v ** (-e if neg else e)
        if m["suf"]:
            v *= EN_SUFFIXES[m["suf"]]
    except (InvalidOperation, OverflowError, ValueError, ArithmeticError):
        return None
    if m["sign"] and m["sign"].strip() in ("-",) + tuple(NEG_ZH):
        v = -v
    return v


def parse_numeral(s: str) -> Optional[Decimal]:
    """Value of any numeral the grammar matches (folded form), or None."""
    s = s.strip()
    if not s:
        return None
    v = parse_arabic(s)
    if v is not None:
        return v
    z = parse_zh(s)
    if z is not None:
        return z.value
    from .english import parse_en  # english.py builds on this module's tables

    return parse_en(s)
