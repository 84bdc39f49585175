"""What is not a claim (DESIGN.md "What is not a claim").

Dates and times (time anchors, not claims), product and model names (GPT-4, A100,
昇腾910, 3.5版本), names and idioms containing numerals (零一万物, 百模大战), ordinals and
section numbers (第六届, "01"), plan names (十四五), phone numbers, IDs, URLs and page
furniture. The word lists live in data/not_claims.toml; the rules are here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

import regex

from .._data import load_toml
from ._trie import longest_first as _alt
from .numbers import ZH_BIG, ZH_DIGITS, fold

__all__ = ["SKIP_FIRST", "SKIP_REST", "SKIP_DIGITS_REST", "SKIP_URL_REST", "FURNITURE_MARKERS", "furniture_spans",
           "in_spans", "not_a_claim", "bare_number_is_claim"]

_NC = load_toml("not_claims.toml")


IDIOMS = [fold(w) for w in _NC["idioms"]["words"]]

# Spans the claim scanner consumes and drops (dates, clock times, phone numbers, URLs),
# tried before a numeral at each candidate position. Idioms are checked around each
# candidate instead (quantities._in_idiom), since their numerals may stand inside them.
# The scanner reads the first character of every alternative with one character class
# (see numbers.ARABIC_REST), so each is written from its second character on: the
# first is re-checked with (?<= ...), and a look-behind reaches one character further
# back. SKIP_FIRST are the characters they start with.
# (Look-behinds have one width each, as `re` needs: the month's "not 13-99, 00 or a
# lone 0" is four of them.)
SKIP_FIRST = r"\dhf"
SKIP_DIGITS_REST = r"""
      (?<= \d ) (?= \d{0,8}+ [-/.:\ \t年月] | \d{6} )    # (a quick test: the digits of each of these end so,
      (?: (?<! \d . ) \d{3} [-/.] \d{1,2} (?: [-/.] \d{1,2} )? (?! [\d.%] )      #  or are seven or more) 2024-04-29, 2023.8
        | (?<! \d . ) \d? : \d{2} (?: : \d{2} )? (?! \d )                       # 20:30
        | (?<= [12] ) (?<! [\d.] . ) (?: (?<= 1 ) \d | (?<= 2 ) [01] ) \d{2} [ \t]? 年 (?! 代 )   # 2023年 (a date)
        | (?<! [\d.] . ) \d? (?<! [2-9]\d ) (?<! 1[3-9] ) (?<! 00 ) (?<! (?<!\d)0 )
          [ \t]? 月 (?: [ \t]? \d{1,2} [ \t]? [日号] )?                               # 7月, 7月14日
        | (?<! \d . ) (?: (?<= 0 ) \d{2,3} - \d{7,8} | \d{6,7} ) (?! \d )            # phone numbers
        | (?<= 1 ) (?<! \d . ) [3-9]\d{9} (?! \d ) )                                 # mobile numbers
"""
SKIP_URL_REST = r"""
      (?: (?<= h ) ttps? | (?<= f ) tp ) :// [^\s，。、）)】>"'“”]+                        # URLs
"""
SKIP_REST = SKIP_DIGITS_REST + "|" + SKIP_URL_REST  # (the order they are tried in)

_VERSION_AFTER = regex.compile(rf"\s*(?:{_alt(fold(w) for w in _NC['version_markers']['words'])})")
_VERSION_FIRST = frozenset(fold(w)[0] for w in _NC["version_markers"]["words"])
# (literal words: Python's re finds them as regex does, and faster)
FURNITURE_MARKERS = [fold(w) for w in _NC["furniture"]["markers"]]
_FURNITURE = re.compile(_alt(FURNITURE_MARKERS))
_DS = _NC["date_suffixes"]
_YEAR_AFTER = regex.compile(rf"\s*(?:{_alt(_DS['year'])})")
_MONTH_AFTER = regex.compile(rf"\s*(?:{_alt(_DS['month'])})")
_DAY_AFTER = regex.compile(rf"\s*(?:{_alt(_DS['day'])})")
_CLOCK_AFTER = regex.compile(rf"\s*(?:{_alt(_DS['clock'])})")
# What stands right before a numeral, matched backwards from it (REVERSE mode):
# Latin letters (a model or product code), a product or ordinal prefix, or a line start.
_NAMES = [fold(w) for w in _NC["product_prefixes"]["words"] + _NC["ordinal_prefixes"]["words"]]
_BEFORE = regex.compile(
    rf"""
      (?P<letter> [A-Za-z] [A-Za-z0-9]* [-—–_./]? [ ]? )
    | (?P<name> (?: {_alt(_NAMES)} ) [ \t]* )
    | (?P<line> (?: ^ | \n ) [ \t]* )
    """,
    regex.VERBOSE | regex.REVERSE,
)
# The characters _BEFORE can end with, spaces aside: before any other (spaces passed
# over) it finds nothing and is not run.
_BEFORE_LAST = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-—–_./\n" + "".join(w[-1] for w in _NAMES)
)
_DIGITS = regex.compile(r"\d+")
_LINE_TAIL = regex.compile(r"[ \t]*(?:\n|$)")
_X_POINT_0 = regex.compile(r"\d+\.0")
_RELATIVE = regex.compile(rf"\s*(?:{_alt(_NC['relative_time']['suffixes'])})")
_DATE_FIRST = {w[0] for key in ("year", "month", "day", "clock", "century", "decade") for w in _DS[key]}
_DECADE_AFTER = regex.compile(rf"\s?(?:{_alt(_DS['decade'])})")
_CENTURY_AFTER = regex.compile(rf"\s*(?:{_alt(_DS['century'])})")


def is_relative_time(f: str, end: int) -> bool:
    """A duration that ends in 前/后/以来 names a time (2个月前), not an amount."""
    return bool(_RELATIVE.match(f, end, end + 8))


def increase_word_before(f: str, start: int, words) -> Optional[str]:
    """The increase verb (提升, 增长...) right before a multiple (提升一倍), if any."""
    for w in sorted(words, key=len, reverse=True):
        if f.startswith(w, start - len(w)):
            return w
    return None
_COMPUTE_LETTER = regex.compile(r"[PET](?![A-Za-z])")


# not_a_claim finds nothing unless what stands before the numeral is one of
# _BEFORE_ANY (what _BEFORE ends with, a space, an opening bracket, the text's start)
# or what follows it is a space or one of _AFTER_ANY (a Latin letter, the first
# character of a version or date word, a closing bracket).
_BEFORE_ANY = _BEFORE_LAST | {" ", "\t", "", "(", "（"}
_AFTER_ANY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)）") | _VERSION_FIRST | _DATE_FIRST
BEFORE_ANY, AFTER_ANY = _BEFORE_ANY, _AFTER_ANY  # (quantities makes the same first test)


def furniture_spans(f: str, markers=None) -> list[tuple[int, int]]:
    """(start, end) of the lines that are page furniture (copyright, ICP, phone...).
    `markers`: the matches of FURNITURE_MARKERS in `f`, if the caller has found them."""
    spans = []
    for m in (_FURNITURE.finditer(f) if markers is None else markers):
        s = f.rfind("\n", 0, m.start()) + 1
        e = f.find("\n", m.end())
        spans.append((s, len(f) if e < 0 else e))
    return spans


def in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    if not spans:
        return False
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _int_value(num: str) -> Optional[int]:
    """The integer a short numeral stands for (for date checks), or None."""
    num = num.strip()
    if len(num) > 8:
        return None  # no date part is that long (and int() of a huge string is slow)
    if num.isdigit():
        return int(num)
    if num and all(c in ZH_DIGITS for c in num):  # 二〇二三
        return int("".join(str(ZH_DIGITS[c]) for c in num))
    from .numbers import parse_zh

    z = parse_zh(num)
    if z is not None and z.value == int(z.value):
        return int(z.value)
    return None


def is_date_part(f: str, s: int, e: int, num: str) -> bool:
    """True when the numeral at f[s:e] is part of a date or clock time."""
    j = e + 1 if f[e:e + 1] == " " else e
    if f[j:j + 1] not in _DATE_FIRST:
        return False  # the common case, decided without parsing the numeral
    n = _int_value(num)
    if n is None:
        return False
    if _YEAR_AFTER.match(f, e, e + 8) and (1000 <= n <= 2200 or (len(num) == 2 and num.isdigit() and _DECADE_AFTER.match(f, e, e + 4))):
        return True
    if _DECADE_AFTER.match(f, e, e + 4) or _CENTURY_AFTER.match(f, e, e + 8):
        return True
    if 1 <= n <= 12 and _MONTH_AFTER.match(f, e, e + 8) and not f.startswith("个", e):
        return True
    if 1 <= n <= 31 and _DAY_AFTER.match(f, e, e + 8) and (f[max(0, s - 1):s] in ("月", "") or s == 0 or f[s - 1] in "月 "):
        return True
    if 0 <= n <= 24 and _CLOCK_AFTER.match(f, e, e + 8) and not f.startswith("点", e) or (
        0 <= n <= 24 and f.startswith("点", e) and (f[e + 1:e + 2].isdigit() or f[e + 1:e + 2] in "半整")
    ):
        return True
    return False


def not_a_claim(f: str, s: int, e: int, num: str, unit_word: Optional[str], has_bound: bool) -> bool:
    """True when the numeral at f[s:e] is a name, date, ordinal, version or code."""
    before = f[s - 1] if s else ""
    after = f[e:e + 1]
    if before not in _BEFORE_ANY and after not in _AFTER_ANY and not after.isspace():
        return False  # (the usual case: none of the tests below can hold)
    if before in _BEFORE_LAST:  # one backwards match decides what stands before
        b = _BEFORE.match(f, s - 12 if s > 12 else 0, s)
    elif before == " " or before == "\t" or not s:  # (spaces: look at what they follow)
        lo = s - 12 if s > 12 else 0
        j = s - 1
        while j >= lo and (f[j] == " " or f[j] == "\t"):
            j -= 1
        b = _BEFORE.match(f, lo, s) if j < lo or f[j] in _BEFORE_LAST else None
    else:
        b = None  # _BEFORE cannot end with that character
    line_head = False
    if b is not None:
        kind = b.lastgroup
        if kind == "letter":
            if not has_bound and not (unit_word and before in (" ", "\t")):
                return True  # GPT-4, A100, H800, GPT—1 (but "costs 5 dollars": a unit follows)
        elif kind == "name":
            return True  # 昇腾910, 第六届, Top 10
        else:
            line_head = True
    if after.isascii() and after.isalpha() and not unit_word and not _COMPUTE_LETTER.match(f, e):
        return True  # 5G, 3D, 60s
    if not unit_word and (after in _VERSION_FIRST or after.isspace()) and _VERSION_AFTER.match(f, e, e + 8):
        return True  # 3.5版本, 2代
    if (f[e + 1:e + 2] if after == " " else after) in _DATE_FIRST and is_date_part(f, s, e, num) \
            and not (unit_word and len(unit_word) > 1 and f[s - 1:s] != "月"):
        return True  # (10日元 is money: a unit word longer than the 日 of a date; 1月1日元旦 is not)
    # section numbers and enumerations: "01" alone on a line, "1、" or "(1)" at a line start
    if line_head and (_LINE_TAIL.match(f, e, e + 8) or after in "、.)）．") \
            and not any(c in ZH_BIG for c in num):  # 十几万 alone on a line is a figure
        return True
    if before and before in "(（" and after and after in ")）":  # (1); not "" at the text's ends
        return True
    return False


def bare_number_is_claim(f: str, s: int, e: int, num: str, has_bound: bool) -> bool:
    """Whether a number with no unit is worth reporting: it has a bound word, a
    magnitude (万/亿) or is a measured-looking Arabic value; lone Chinese digits
    (一场, 两种) and round years are not."""
    if has_bound:
        return True
    return _bare_number_ok(num)


@lru_cache(maxsize=8192)
def _bare_number_ok(num: str) -> bool:
    if any(c in ZH_BIG for c in num):
        return True
    digits = _DIGITS.findall(num)
    if not digits:
        return False  # Chinese numerals without a magnitude: 三, 十二
    if _X_POINT_0.fullmatch(num.strip()):
        return False  # 2.0, 3.0: versions
    n = num.replace(",", "").strip()
    if n.lstrip("-").isdigit():
        return False  # a plain integer with no unit: a name (天核100), year or label, not a measure
    return True
