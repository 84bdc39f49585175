"""Numerals: the grammar of written numbers in Chinese and English, and their values.

The grammar is built from `data/numerals.toml`; every table there (digits, units,
scale words, signs, folding) feeds the patterns below, so a new numeral word is a data
change. Matching runs on a *folded* copy of the text (`fold`), which has the same length
as the original, so offsets found in one are offsets in the other.

Public pieces:
  fold(text)            same-length normalisation (full-width, traditional forms)
  ZH_RUN, ARABIC, ...   pattern strings, reused by quantities.py to build its grammar
  parse_zh(s)           value of a Chinese/mixed numeral run (folded form)
  parse_en(s)           value of an English number phrase
  parse_arabic(s)       value of an Arabic numeral with separators/exponent/suffix
  find_numbers(text)    every numeral in the text, as (start, end, text, value) records
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from .._data import load_toml

__all__ = [
    "fold",
    "parse_zh",
    "parse_en",
    "parse_arabic",
    "parse_numeral",
    "find_numbers",
    "Number",
    "LEX",
]

LEX = load_toml("numerals.toml")
_ZH = LEX["zh"]
_EN = LEX["en"]


def _cls(chars) -> str:
    """A regex character class body from an iterable of single characters."""
    return "".join(regex.escape(c) for c in sorted(set(chars)))


def _alt(words) -> str:
    """An alternation of literal words, longest first (so prefixes never win)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# ---------------------------------------------------------------------------- folding

_FOLD = {ord(k): v for k, v in LEX["fold"].items()}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block -> ASCII, except the comma
    if _cp != 0xFF0C:
        _FOLD.setdefault(_cp, chr(_cp - 0xFEE0))
# Full-width comma is a clause separator in Chinese; it is a thousands separator only
# between full-width digits (４，５６５), which `fold` handles separately.
_FW_GROUP = regex.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def fold(text: str) -> str:
    """Return `text` with numerals' variant characters folded; same length as `text`."""
    if "，" in text:
        text = _FW_GROUP.sub(",", text)
    return text.translate(_FOLD)


# ---------------------------------------------------------------------------- lexicon

def _folded_keys(table) -> dict[str, object]:
    return {fold(k): v for k, v in table.items()}


ZH_DIGITS: dict[str, int] = _folded_keys(_ZH["digits"])
ZH_SMALL: dict[str, int] = _folded_keys(_ZH["small_units"])
ZH_BIG: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _folded_keys(_ZH["big_units"]).items()}
ZH_SIGNS: dict[str, int] = _folded_keys(_ZH["signs"])
ZH_POINTS = set(_folded_keys(_ZH["points"]))
ZH_APPROX = set(_folded_keys(_ZH["approximators"]))
ZH_AMBIGUOUS = set(fold(c) for c in _ZH["ambiguous"]["chars"])
ZH_WORDS: dict[str, int] = _folded_keys(_ZH["words"])
ZH_MULTIPLIERS: dict[str, int] = _folded_keys(_ZH["multipliers"])

EN_UNITS: dict[str, int] = dict(_EN["units"])
EN_TENS: dict[str, int] = dict(_EN["tens"])
EN_SCALES: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _EN["scales"].items()}
EN_SUFFIXES: dict[str, Decimal] = {k: Decimal(str(int(v))) for k, v in _EN["suffixes"].items()}
EN_WORDS: dict[str, Decimal] = {k: Decimal(str(v)) for k, v in _EN["words"].items()}

# ---------------------------------------------------------------------------- grammar
# Each piece is a VERBOSE pattern string, to be embedded in larger patterns.

DIG = _cls(ZH_DIGITS)  # 零一二两...壹贰...
DIG_DEC = _cls(c for c, v in ZH_DIGITS.items() if c not in ("两", "俩"))  # digits after 点
SMALL = _cls(ZH_SMALL)  # 十百千拾
BIG = _cls(ZH_BIG)  # 万亿兆
POINT = _cls(ZH_POINTS)
APPROX = _cls(ZH_APPROX)
SIGN_ZH = _cls(ZH_SIGNS)
SP = r"[ \t]"  # spaces allowed inside a numeral (after folding U+3000 etc.)

ARABIC = r"""
    (?: \d{1,3} (?: , \d{3} )+ (?! \d )          # 1,234,567 (grouped by commas)
      | \d{1,3} (?: \ \d{3} )+ (?! [\d.] )        # 1 234 567 (grouped by spaces)
      | \d+                                       # 1234
      | (?= \. \d )                               # .5 (no integer part)
    )
    (?: \. \d+ )?                                 # decimal part
"""

ZH_RUN = rf"""
    (?: {ARABIC} | [{DIG}{SMALL}] )               # starts with a digit or 十/百/千
    (?:                                           # then any of:
        {SP}* [{DIG}{SMALL}{BIG}]                 #   more Chinese numeral characters
      | (?<= [{SMALL}{BIG}零] ) {ARABIC}          #   Arabic digits right after a unit (3万4000, 2千零30万)
      | {SP}* [{APPROX}] (?= {SP}* [{BIG}] )      #   多/余/几 inside (十多万, 500余万)
    )*
    (?: {SP}* [{POINT}] {SP}* [{DIG_DEC}]+ )?     # Chinese decimal part (十五点七)
"""

EN_WORD_LIST = list(EN_UNITS) + list(EN_TENS) + list(EN_SCALES)
EN_WORD = rf"(?: {_alt(EN_WORD_LIST)} )"
EN_RUN = rf"""
    (?<! [\w-] )
    (?: {EN_WORD} | a (?=\ (?:hundred|thousand|million|billion|trillion|dozen)) )
    (?:
        (?: {SP}* - {SP}* | {SP}+ (?: and {SP}+ )? ) {EN_WORD}
    )*
    (?: {SP}+ point (?: {SP}+ {EN_WORD} )+ )?
    (?! [\w] )
"""

# ---------------------------------------------------------------------------- values

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
    "3万4000", "十多万", "两千万点五五"). Returns None if `s` is not a numeral.

    A trailing 多/余/几 is not part of `s`; one inside (十多万) is, and sets `step`.
    """
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
            n = number if number is not None else Decimal(1)
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


_ARABIC_FULL = regex.compile(
    rf"""
    (?P<sign> [-+] {SP}* )?
    (?P<num> {ARABIC} )
    (?: (?P<exp> [eE] [-+]? \d+ ) | \^ (?P<pow> [-+]{{0,2}} \d+ ) )?
    {SP}*
    (?P<suf> {_alt(EN_SUFFIXES)} )?
    """,
    regex.VERBOSE,
)


@lru_cache(maxsize=8192)
def parse_arabic(s: str) -> Optional[Decimal]:
    """Value of an Arabic numeral: separators, exponents (2e5, 2^5), suffixes (10k, 1.2bn)."""
    m = _ARABIC_FULL.fullmatch(s.strip())
    if not m:
        return None
    try:
        v = _dec(m["num"])
        if m["exp"]:
            v = v.scaleb(int(m["exp"][1:]))
        elif m["pow"] is not None:
            p = m["pow"]
            neg = p.count("-") % 2 == 1
            e = int(p.lstrip("+-"))
            v = Decimal(float(v) ** (-e if neg else e))
        if m["suf"]:
            v *= EN_SUFFIXES[m["suf"]]
    except (InvalidOperation, OverflowError, ValueError):
        return None
    if m["sign"] and m["sign"].strip() == "-":
        v = -v
    return v


_EN_TOKEN = regex.compile(rf"\b(?: {EN_WORD} | point | and | a )\b", regex.IGNORECASE | regex.VERBOSE)


@lru_cache(maxsize=4096)
def parse_en(s: str) -> Optional[Decimal]:
    """Value of an English number phrase: "fifty-three", "two million",
    "one hundred and six", "twenty-one trillion three hundred", "two hundred point zero three"."""
    words = [w.lower() for w in _EN_TOKEN.findall(s)]
    if not words:
        return None
    total = Decimal(0)
    current = Decimal(0)
    frac = ""
    in_point = False
    seen = False
    for w in words:
        if w == "and":
            continue
        if w == "point":
            in_point = True
            continue
        if in_point:
            if w in EN_UNITS:
                frac += str(EN_UNITS[w])
            elif w in EN_TENS:  # "point seventy-one" -> .71
                frac += str(EN_TENS[w])[0]
            continue
        if w == "a":
            current += 1
            seen = True
        elif w in EN_UNITS:
            current += EN_UNITS[w]
            seen = True
        elif w in EN_TENS:
            current += EN_TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in EN_SCALES:
            scale = EN_SCALES[w]
            if current == 0 and total and total < scale:  # "three lakh crore"
                total *= scale
            else:
                total += (current or 1) * scale
            current = Decimal(0)
            seen = True
    if not seen:
        return None
    v = total + current
    if frac:
        v += Decimal("0." + frac)
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
    return parse_en(s)


# ---------------------------------------------------------------------------- scanning

class Number(NamedTuple):
    """One numeral found in a text: offsets into the original text, and its value."""

    start: int
    end: int
    text: str
    value: Decimal


_NON_NUMERAL_WORDS = [fold(w) for w in _ZH["non_numerals"]["words"]]

_SCAN = regex.compile(
    rf"""
      (?P<skip> {_alt(_NON_NUMERAL_WORDS)} )
    | (?<! [{DIG}{SMALL}\d] ) (?P<pct> 百 {SP}* 分 {SP}* 之 ) {SP}* (?P<pctnum> {ZH_RUN} )
    | (?P<frac>
          (?: (?P<fsign> [{SIGN_ZH}] )? (?P<whole> {ZH_RUN} ) {SP}* 又 {SP}* )?
          (?P<fneg1> [{SIGN_ZH}] )? (?P<den> {ZH_RUN} ) {SP}* 分 {SP}* 之 {SP}*
          (?P<fneg2> [{SIGN_ZH}] )? (?P<numer> {ZH_RUN} )
      )
    | (?P<slash>
          (?<! [\d./] ) (?: - {SP}* )? (?: \d+ {SP}+ )? \d+ {SP}* / {SP}* \d+ (?! [\d/] )
      )
    | (?P<arabic>
          (?<! [\d.] )
          (?> (?: - {SP}* )? {ARABIC} (?: [eE] [-+]? \d+ (?![\d.]) | \^ [-+]{{0,2}} \d+ )? )
          (?! [\d{DIG}] | {SP}* (?: [{APPROX}] {SP}* )? [{BIG}{SMALL}] )
          (?: {SP}* (?: {_alt(EN_SUFFIXES)} ) (?![A-Za-z]) )?
      )
    | (?P<zh> (?: [{SIGN_ZH}] | - )? (?: {_alt(ZH_WORDS)} | {ZH_RUN} ) (?: {SP}* 打 )? )
    | (?P<en> (?:(?:minus|negative) {SP}+)? {EN_RUN} (?: {SP}+ dozens? )? )
    | (?P<half> (?<! \w ) half {SP}+ a {SP}+ dozen | (?<![\w]) a {SP}+ dozen )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def _zh_value(s: str) -> Optional[Decimal]:
    s = s.strip()
    mult = Decimal(1)
    if s.endswith("打"):
        mult = Decimal(12)
        s = s[:-1].rstrip()
    sign = 1
    if s[:1] in ZH_SIGNS or s[:1] == "-":
        sign = -1 if s[:1] == "-" else ZH_SIGNS[s[:1]]
        s = s[1:].lstrip()
    if s in ZH_WORDS:
        return Decimal(ZH_WORDS[s]) * sign * mult
    v = parse_arabic(s)
    if v is None:
        z = parse_zh(s)
        if z is None:
            return None
        v = z.value
    return v * sign * mult


def _slash_value(s: str) -> Optional[Decimal]:
    """1/2, -3/2, 1 3/5 (a whole number and a fraction)."""
    s = s.strip()
    neg = s.startswith("-")
    s = s.lstrip("-").strip()
    whole = Decimal(0)
    head, _, den = s.partition("/")
    head = head.strip().split()
    if len(head) == 2:
        whole = Decimal(head[0])
    num = Decimal(head[-1])
    den_v = Decimal(den.strip())
    if den_v == 0:
        return None
    v = whole + num / den_v
    return -v if neg else v


def _is_ambiguous_alone(s: str) -> bool:
    core = [c for c in s if c in ZH_DIGITS or c in ZH_SMALL]
    return len(core) == 1 and core[0] in ZH_AMBIGUOUS


_KIND = {"pctnum": "pct", "numer": "frac"}


def find_numbers(text: str) -> list[Number]:
    """Every numeral in `text`, in order: Arabic, Chinese, mixed and English, with fractions
    (三分之一) and percent-of forms (百分之五 gives the number 5). Dates' parts are numbers
    here; deciding what is a claim is quantities.py's job."""
    f = fold(text)
    out: list[Number] = []
    for m in _SCAN.finditer(f):
        kind = _KIND.get(m.lastgroup, m.lastgroup)
        if kind == "skip":
            continue
        s, e = m.span()
        val: Optional[Decimal]
        if kind == "frac":
            den = _zh_value(m["den"])
            num = _zh_value(m["numer"])
            if not den or num is None:
                continue
            val = num / den
            if (m["fneg1"] is not None) != (m["fneg2"] is not None):
                val = -val
            if m["whole"]:
                w = _zh_value(m["whole"])
                val = (w or 0) + val
                if m["fsign"]:
                    val = -val
        elif kind == "pct":
            s, e = m.span("pctnum")
            val = _zh_value(m["pctnum"])
        elif kind == "arabic":
            raw = m.group().strip()
            val = parse_arabic(raw)
        elif kind == "zh":
            raw = m.group()
            if _is_ambiguous_alone(raw):
                continue
            val = _zh_value(raw)
        elif kind == "slash":
            val = _slash_value(m.group())
        elif kind == "half":
            raw = m.group().lower()
            val = Decimal(6) if raw.startswith("half") else Decimal(12)
        else:  # en
            raw = m.group()
            low = raw.lower()
            sign = -1 if low.startswith(("minus", "negative")) else 1
            mult = Decimal(12) if regex.search(r"dozens?$", low) else Decimal(1)
            v = parse_en(regex.sub(r"^(minus|negative)\s+|\s+dozens?$", "", low))
            val = None if v is None else v * sign * mult
        if val is None:
            continue
        while e > s and text[e - 1] in " \t":
            e -= 1
        out.append(Number(s, e, text[s:e], val))
    return out
