"""Standalone numeral scanners: every number (find_numbers) and every percentage
(find_percents) in a text, the way Recognizers-Text's NumberModel and PercentModel
report them. The claim scanner (quantities.py) does not use them; ranges.py reads the
numbers of a few short framed spans with find_numbers, and the conformance tests score
them. The grammar and the value readers are in numbers.py.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from ._trie import trie as _alt
from .english import _EN_KIND, _en_numbers, _en_tokens
from .numbers import (  # the grammar's pieces and readers; private names are shared within extract/
    APPROX,
    ARABIC,
    ARABIC_INTL,
    BIG,
    DIG,
    DIG_DEC,
    EN_DOZENS,
    EN_FRACTION_NOUNS,
    EN_NEGATIVE,
    EN_PERCENT_WORDS,
    EN_SCALES,
    EN_SUFFIXES,
    EN_TENS,
    EN_UNITS,
    NEG_ZH,
    POINT,
    SIGN_OK,
    SIGN_ZH,
    SMALL,
    SP,
    VULGAR,
    ZH_AMBIGUOUS,
    ZH_DIGITS,
    ZH_PER,
    ZH_PERCENT,
    ZH_POINTS,
    ZH_RUN,
    ZH_SIGNS,
    ZH_SMALL,
    ZH_WORDS,
    _EN_CARDINALS,
    _EN_ORD_FORMS,
    _ZH,
    _ZH_APPROX_PAIR,
    _alt_spaced,
    _cls,
    _spaced,
    fold,
    parse_arabic,
    parse_zh,
)

__all__ = ["Number", "find_numbers", "find_percents"]


# ---------------------------------------------------------------------------- scanning

class Number(NamedTuple):
    """One numeral found in a text: offsets into the original text, and its value.
    (find_percents(bare=True) reports bare "percent" mentions with value None.)"""

    start: int
    end: int
    text: str
    value: Optional[Decimal]


_NON_NUMERAL_WORDS = [fold(w) for w in _ZH["non_numerals"]["words"]]
URL = r"(?: https?:// | www\. ) [!-~]+"  # numbers inside a URL are not numbers
_VULGAR = _cls(VULGAR)

# English words a run may contain, and those it may start with.
_EN_RUN_WORDS = list(_EN_KIND)
_EN_START_WORDS = list(EN_UNITS) + list(EN_TENS) + [w for w, (k, _) in _EN_KIND.items() if k == "h"]
_EN_SEP = rf"(?: {SP}*+ - {SP}*+ | {SP}++ )"
_EN_AFTER_ARABIC = [w for w, (k, _) in _EN_KIND.items() if k in ("h", "s", "doz", "prep")]
_EN_SCAN_RUN = rf"""
    (?<! [A-Za-z\d.] )
    (?: (?: {_alt(EN_NEGATIVE)} ) {SP}+ (?= [A-Za-z\d] )             # minus five, negative one
      | {SIGN_OK} - {SP}* (?= \d )                                  # -2 million
    )?
    (?: (?<= (?: {_alt(EN_NEGATIVE)} ) {SP}+ ) (?> {ARABIC} ) (?! [A-Za-z\d] )   # minus 5
      | (?: {_alt(_EN_START_WORDS)} | half ) (?! [A-Za-z] )          # a number word
      | quarter (?= {SP}+ (?: {_alt(EN_SCALES)} ) (?! [A-Za-z] ) )    # quarter million
      | an? (?= {SP}+ (?: {_alt(_EN_CARDINALS + list(_EN_ORD_FORMS) + list(EN_FRACTION_NOUNS) + list(EN_DOZENS))} ) (?! [A-Za-z] ) )
      | (?> {ARABIC} ) (?= {_EN_SEP} (?: {_alt(_EN_AFTER_ARABIC)} | out {SP}+ of ) (?! [A-Za-z] ) )
    )
    (?: {_EN_SEP} (?: (?: {_alt(_EN_RUN_WORDS)} ) (?! [A-Za-z] ) | (?> {ARABIC} ) (?! [A-Za-z\d] ) ) )*
"""

_SKIP = rf"(?= [{_cls(w[0] for w in _NON_NUMERAL_WORDS)}] ) (?P<skip> {_alt(_NON_NUMERAL_WORDS)} )"
_PCT_NUM = rf"""(?= 百 ) (?<! [{DIG}{SMALL}\d] ) {_spaced("百分之")} {SP}* (?P<pctnum> (?> {ZH_RUN} ) )"""  # 百分之五: 五
_FRAC_ZH = rf"""
    (?= [{SIGN_ZH}{DIG}{SMALL}\d.] )                                  # (a cheap first test)
    (?P<frac>                                                       # 三分之一, 三又三分之一
        (?: (?P<fsign> [{SIGN_ZH}] )? (?P<whole> (?> {ZH_RUN} ) ) {SP}* 又 {SP}* )?
        (?P<fneg1> [{SIGN_ZH}] )? (?P<den> (?> {ZH_RUN} ) ) {SP}* 分 {SP}* 之 {SP}*
        (?P<fneg2> [{SIGN_ZH}] )? (?P<numer> (?> {ZH_RUN} ) )
    )"""
_SLASH = rf"""
    (?P<slash>                                                      # 3/4, -4/5, 1 3/5; not 5/17/2018
        (?: {SIGN_OK} - {SP}* | (?<! [\d./\-] ) )
        (?: \d+ {SP}+ )? \d+ {SP}* / {SP}* \d+ (?! [\d/] )
        (?<! (?<! \d ) (?: 19 | 20 ) \d\d {SP}* / {SP}* (?: 19 | 20 ) \d\d )   # 2020/2021: two years
    )"""
_DOTTED = r"(?P<dotted> (?<! [\d.] ) \d+ (?: \. \d+ ){2,} (?! \d ) )"   # 192.168.1.2: four numbers
_VULGAR_NUM = rf"(?P<vulgar> (?: (?<! [\d.] ) \d+ {SP}* )? [{_VULGAR}] )"   # ½, 2½
_ARABIC_NUM = rf"""
    (?= [-{NEG_ZH}\d.] )
    (?P<arabic>
        (?<! [A-Za-z] )
        (?: {SIGN_OK} [-{NEG_ZH}] {SP}* | (?<! [\d] | \d \. ) (?: (?= \d ) | (?<! \. ) ) )   # ...9 is 9
        (?> {ARABIC_INTL} )
        (?: [eE] [-+]? \d+ (?! [\d.] )                              # 1e10
          | {SP}* [x×] {SP}* 10 \^ [-+]? \d+                        # 1.3x10^6
          | \^ [-+]{{0,2}} \d+ )?                                   # 1.1^23
        (?! {SP}* (?: [{APPROX}] {SP}* )? [{BIG}{SMALL}] )          # 3万, 5千: the Chinese branch
        (?: {SP}* (?-i: (?P<suf> {_alt(EN_SUFFIXES)} ) ) (?! [A-Za-z] ) )?   # 10k, 10M (not 1m)
        (?P<glued> [A-Za-z]+ )?                                     # 180ml, 4th (see find_numbers)
    )"""
_ZH_NUM = rf"""
    (?= [-{SIGN_ZH}{DIG}{SMALL}\d.{_cls(w[0] for w in ZH_WORDS)}] )
    (?P<zh>
        (?: {SIGN_OK} - {SP}* | [{SIGN_ZH}] )?
        (?<! [\d.] ) (?! (?<= [{SMALL}] ) [{SMALL}] )                # 五十千: the 千 is no number
        (?: {_alt(ZH_WORDS)}
          | (?= [{DIG}{SMALL}] | {ARABIC} {SP}* (?: [{APPROX}] {SP}* )? [{SMALL}{BIG}] )
            (?> {ZH_RUN} ) )
        (?: {SP}* 打 )?
    )"""
# Where each kind of number can start; the scanner dispatches on the first character so
# that ordinary text (and long runs of numeral characters) is passed over quickly.
_FIRST_DIGIT = _cls(set("0123456789.-") | set(VULGAR))
_FIRST_ZH = _cls(
    set(DIG) | set(SMALL) | set(SIGN_ZH)
    | {w[0] for w in _NON_NUMERAL_WORDS} | {w[0] for w in ZH_WORDS}
)

_SCAN_PATTERN = rf"""
      (?<! [A-Za-z] ) (?= [A-Za-z] )                                # at a Latin word:
      (?: (?P<url> {URL} ) | (?P<en> {_EN_SCAN_RUN} ) )             #   a URL, or English words
    | (?= [{_FIRST_DIGIT}] )                                        # at a digit, point or minus:
      (?: {_FRAC_ZH} | {_SLASH} | {_DOTTED} | {_VULGAR_NUM}
        | (?P<en2> {_EN_SCAN_RUN} )                                 #   2 million, -3 dozens
        | {_ARABIC_NUM} | {_ZH_NUM} )
    | (?= [{_FIRST_ZH}] )                                           # at a Chinese numeral:
      (?: {_SKIP} | {_PCT_NUM} | {_FRAC_ZH} | {_ARABIC_NUM} | {_ZH_NUM} )
    """


@lru_cache(maxsize=None)
def _scanner():
    """The compiled scanner, built on first use (quantities.py imports this module for its
    pieces only, and the scanner is the slowest pattern to compile)."""
    return regex.compile(_SCAN_PATTERN, regex.VERBOSE | regex.IGNORECASE)


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


_KIND = {"pctnum": "pct", "numer": "frac", "en2": "en"}


_ORDINAL_SUFFIX = regex.compile(r"(?:st|nd|rd|th)$", regex.IGNORECASE)


def find_numbers(text: str, units: bool = False) -> list[Number]:
    """Every numeral in `text`, in order: Arabic, Chinese, mixed and English, with fractions
    (三分之一, two thirds, one over three, 3/4, ½) and percent-of forms (百分之五 gives the
    number 5). Dates' parts are numbers here; deciding what is a claim is quantities.py's
    job. Numerals inside URLs, after a letter (A100, GPT3.5) or in the words of
    numerals.toml's non_numerals are skipped.

    A numeral glued to letters (180ml, 29km, 8.1ZB, 1m) is a measurement, not a bare
    number, and is skipped as in Recognizers-Text's NumberModel; with `units=True` its
    numeral is reported (without the letters). Ordinals (4th, 21st) are never numbers."""
    f = fold(text)
    out: list[Number] = []
    for m in _scanner().finditer(f):
        kind = _KIND.get(m.lastgroup, m.lastgroup)
        if kind in ("skip", "url"):
            continue
        s, e = m.span()
        val: Optional[Decimal]
        if kind == "en":
            for a, b, v in _en_numbers(_en_tokens(m.group(), s), f):
                out.append(Number(a, b, text[a:b], v))
            continue
        if kind == "dotted":
            pos = s
            for part in m.group().split("."):
                out.append(Number(pos, pos + len(part), part, Decimal(part)))
                pos += len(part) + 1
            continue
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
            if m["glued"]:
                if not units or _ORDINAL_SUFFIX.fullmatch(m["glued"]) or m["suf"]:
                    continue
                e = m.start("glued")
            val = parse_arabic(f[s:e].strip())
        elif kind == "zh":
            raw = m.group()
            if _is_ambiguous_alone(raw):
                continue
            val = _zh_value(raw)
        elif kind == "slash":
            val = _slash_value(m.group())
        else:  # vulgar
            raw = m.group()
            nu, de = VULGAR[raw[-1]]
            whole = raw[:-1].strip()
            val = (Decimal(whole) if whole else Decimal(0)) + Decimal(nu) / Decimal(de)
        if val is None:
            continue
        while e > s and text[e - 1] in " \t":
            e -= 1
        out.append(Number(s, e, text[s:e], val))
    return out


# ---------------------------------------------------------------------------- percentages

_HUNDRED = Decimal(100)
_TENTH, _DISCOUNT, _HALF = ZH_PERCENT["tenth"], ZH_PERCENT["discount"], ZH_PERCENT["half"]
_D1 = rf"(?: [{DIG}] | \d )"  # one digit, Chinese or Arabic
_D2 = rf"(?: [{DIG_DEC}] | \d )"  # a digit after a point (not 两)
_NOT_NUMERAL_BEFORE = rf"(?<! [{DIG}{SMALL}{BIG}\d.] )"
_PER_BASES = _alt_spaced((" ".join(b) for b in ZH_PER), SP + "*")  # 百, 千, 万, 百万 ...

_PCT_ZH = regex.compile(
    rf"""
      (?P<url> {URL} )
    | (?P<skip> {_alt(_NON_NUMERAL_WORDS)} )
    | (?<! [{DIG}{SMALL}{BIG}\d] )                                  # 百分之五, 千分之三, 万分之三
      (?P<base> {_PER_BASES} ) {SP}* {_spaced("分之")} {SP}*
      (?P<per> (?: [{NEG_ZH}] {SP}* )? (?> {ZH_RUN} )
               (?: {SP}* (?-i: {_alt(EN_SUFFIXES)} ) (?! [A-Za-z] ) )? )   # 百分之15k
    | (?P<discount>                                                 # 九折, 七五折, 8.5折, 九 九 折
          {_NOT_NUMERAL_BEFORE} (?P<z1> {_D1} ) (?: {SP}* (?: [.{POINT}] {SP}* )? (?P<z2> {_D2} ) )?
          {SP}* {regex.escape(_DISCOUNT)} (?! {_alt(ZH_PERCENT["not_after_discount"])} )
        | (?P<zhalf> {regex.escape(_HALF)} ) {SP}* {regex.escape(_DISCOUNT)}   # 半折
        | (?<= {regex.escape(ZH_PERCENT["pair_discount_after"])} ) (?P<pair> {_spaced(ZH_PERCENT["pair_discount"])} )  # 打对折
      )
    | (?P<tenth>                                                    # 七成, 三成五, 三成半, 2.5成, 十成
          {_NOT_NUMERAL_BEFORE}
          (?: (?P<c1> 10 | 十 | {_D1} {SP}* [.{POINT}] {SP}* {_D2} | {_D1} )
              {SP}* {regex.escape(_TENTH)} (?! {_alt(ZH_PERCENT["not_after_tenth"])} )
              (?: {SP}* (?P<c2> {regex.escape(_HALF)} | {_D2} ) (?! [{DIG}{SMALL}{BIG}\d.{POINT}%] | {regex.escape(_TENTH)} | {regex.escape(_DISCOUNT)} ) )?
            | (?P<chalf> {regex.escape(_HALF)} ) {SP}* {regex.escape(_TENTH)} )
      )
    """,
    regex.VERBOSE,
)

_PCT_AFTER = regex.compile(
    rf"""
    {SP}* (?: % (?! \d )                                            # 25%, 25 %
            | {_spaced(ZH_PERCENT["point"])}                          # 5个百分点
            | (?i: (?: {_alt_spaced(EN_PERCENT_WORDS)} ) (?! [A-Za-z] ) )  # 20 percent
          )
    """,
    regex.VERBOSE,
)
_PCT_OF = regex.compile(
    rf"""
    (?<! [A-Za-z] ) (?i: {_alt_spaced(EN_PERCENT_WORDS)} )
    {SP}+ (?i: of ) {SP}+ (?= [A-Za-z\d] )                          # percent of 10, per cent of twenty-two
    """,
    regex.VERBOSE,
)
_PCT_BARE = regex.compile(
    rf"""
      (?P<url> {URL} )
    | (?P<bare> % | (?<! [A-Za-z] ) (?i: {_alt_spaced(EN_PERCENT_WORDS)} ) (?! [A-Za-z] ) )
    """,
    regex.VERBOSE,
)


_POINT_TO_DOT = {ord(c): "." for c in ZH_POINTS}
_TRAILING_SUFFIX = regex.compile(rf"{SP}*({_alt(EN_SUFFIXES)})$")


def _unspace(s: str) -> str:
    return s.replace(" ", "").replace("\t", "")


def _digit(c: str) -> Decimal:
    return Decimal(ZH_DIGITS[c]) if c in ZH_DIGITS else Decimal(c)


def find_percents(text: str, bare: bool = False) -> list[Number]:
    """Every percentage in `text`, in order, as Number records whose value is the percent
    figure: 25% and 25.4 % and 负3.9% (numbers with a percent sign or word), 百分之二十五,
    千分之三 (0.3), 万分之三 (0.03), 5个百分点 (5), 七成 (70), 三成五/三成半 (35), 2.5成 (25),
    九折 (90), 七五折 (75), twenty percent, per cent of 22. Approximate ranges (百分之二三十)
    are not percentages. With `bare`, a percent word or sign without a number ("the % of
    increase", "a small percent") is reported too, with value None."""
    f = fold(text)
    cands: list[tuple[int, int, Optional[Decimal]]] = []
    for m in _PCT_ZH.finditer(f):
        g = m.lastgroup
        if g in ("url", "skip"):
            continue
        if m["per"] is not None:
            if _ZH_APPROX_PAIR.search(m["per"]):
                continue
            n = _zh_value_k(m["per"])
            if n is not None:
                base = ZH_PER[_unspace(m["base"])]
                cands.append((m.start(), m.end(), n * _HUNDRED / base))
        elif m["discount"] is not None:
            if m["zhalf"] or m["pair"]:
                v = Decimal(50)
            else:
                v = _digit(m["z1"]) * 10 + (_digit(m["z2"]) if m["z2"] else 0)
            s = m.start("pair") if m["pair"] else m.start()
            cands.append((s, m.end(), v))
        elif m["tenth"] is not None:
            if m["chalf"]:
                cands.append((m.start(), m.end(), Decimal(5)))
                continue
            c1 = _unspace(m["c1"]).translate(_POINT_TO_DOT)
            if c1 in ("10", "十"):
                v = _HUNDRED
            elif "." in c1:
                a, b = c1.split(".")
                v = _digit(a) * 10 + _digit(b)
            else:
                v = _digit(c1) * 10
            e = m.end()
            if m["c2"] and "." not in c1 and c1 not in ("10", "十"):
                v += 5 if m["c2"] == _HALF else _digit(m["c2"])
            elif m["c2"]:
                e = m.end("c1") + f[m.end("c1"):].index(_TENTH) + 1
            cands.append((m.start(), e, v))
    nums = find_numbers(text)
    starts = {n.start: n for n in nums}
    for n in nums:
        m = _PCT_AFTER.match(f, n.end)
        if m and not _ZH_APPROX_PAIR.search(fold(n.text)):
            cands.append((n.start, m.end(), n.value))
    for m in _PCT_OF.finditer(f):
        n = starts.get(m.end())
        if n is not None:
            cands.append((m.start(), n.end, n.value))
    if bare:
        for m in _PCT_BARE.finditer(f):
            if m["bare"]:
                cands.append((m.start(), m.end(), None))
    cands.sort(key=lambda c: (c[0], -c[1], c[2] is None))
    out: list[Number] = []
    last_end = -1
    for s, e, v in cands:
        if s >= last_end:  # the earliest, then the longest; a bare mention loses ties
            out.append(Number(s, e, text[s:e], v))
            last_end = e
    return out


def _zh_value_k(s: str) -> Optional[Decimal]:
    """A numeral with an optional Latin suffix (百分之15k)."""
    s = s.strip()
    m = _TRAILING_SUFFIX.search(s)
    head = s[: m.start()].rstrip() if m else ""
    if head and head[-1] in "0123456789.":
        v = _zh_value(s[: m.start()])
        return None if v is None else v * EN_SUFFIXES[m.group(1)]
    return _zh_value(s)
