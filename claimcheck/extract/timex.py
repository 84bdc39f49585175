"""Time expressions: find them in a text and resolve each to a Period.

    find_times(text, published, pos=0, endpos=None)
                                         every time expression, in order (one pass)
    parse_period(text, published=None)   one expression on its own -> Period | None
    governing(times, pos, sent_start, sent_end=None)
                                         the expression that dates a claim at `pos`
    anchor(text, times, pos, sent_start, sent_end, published)
                                         the claim's as_of and the rule that gave it

A Period is a span of calendar days, both ends inclusive (model.Period). Relative
expressions (今年, 10月份, last month) are resolved against the document's publication
date; with none they keep period=None. Nothing here reads the wall clock.

The grammar is one pattern (PATTERN, VERBOSE, built from the word lists of
data/timex.toml): a flag word before (截至, 到, as of, since, by), a core (a date, a
range of dates, a relative or vague time) and a word after (以来, 为止, 前). It is
matched where a scan (_STARTS) says an expression may start. Both are compiled with
Python's `re`, which runs this grammar several times faster than `regex`. How each form
is read (which year a bare 10月份 is in, what 月初 spans) is in docs/time.md.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from calendar import monthrange
from operator import itemgetter
from typing import NamedTuple, Optional

from .._data import load_toml
from .._dates import as_date as _as_date
from ..model import Period
from ._trie import longest_first, trie

__all__ = ["Timex", "find_times", "parse_period", "governing", "anchor"]

_T = load_toml("timex.toml")
_ZH, _EN, _NUM = _T["zh"], _T["en"], _T["numerals"]


class Timex(NamedTuple):
    """One time expression: `text == source[start:end]`.

    `period` is None when the expression cannot be resolved (relative, with no
    publication date; a date that does not exist). `until`: the value holds at the end
    of the period (截至, as of); `since`: the period runs from the expression's start to
    publication (以来, since); `target`: a goal for a period ending after publication
    (到2025年, by 2025). `basis` says what fixed the period: "absolute" (written in
    full), "published" (relative to the publication date) or "context" (the year of an
    earlier expression in the same sentence).
    """

    start: int
    end: int
    text: str
    period: Optional[Period]
    grain: Optional[str]
    until: bool = False
    since: bool = False
    target: bool = False
    basis: str = "absolute"


# ---------------------------------------------------------------------- the tables


def _table(*tables) -> dict:
    """Merge word tables; English keys also with a capital first letter (sentence start)."""
    out: dict = {}
    for t in tables:
        for k, v in t.items():
            out[k] = v
            if k[:1].islower():
                out[k[:1].upper() + k[1:]] = v
    return out


_ZH_DIGITS: dict[str, int] = dict(_NUM["zh_digits"])
_TEN = _NUM["zh_ten"]
_EN_NUMS: dict[str, int] = _table(_NUM["en"], _NUM["en_ordinals"])
_MONTHS: dict[str, int] = dict(_EN["months"])
_MONTHS.update({a + ".": m for a, m in _EN["months"].items()  # Jan., Sept.: abbreviations with a point
                if any(n != a and n.startswith(a) for n in _EN["months"])})
_FLAGS = _table(_ZH["flags"], _EN["flags"])
_POST = dict(_ZH["post"])
_CTX_YEAR = _table(_ZH["context_years"], _EN["context_years"])
_REL_YEAR = _table(_ZH["relative_years"], _EN["relative_years"], {w: 0 for w in _EN["the_year"]["words"]})
_REL_MONTH = _table(_ZH["relative_months"], _EN["relative_months"])
_REL_QUARTER = _table(_ZH["relative_quarters"], _EN["relative_quarters"])
_REL_WEEK = _table(_ZH["relative_weeks"], _EN["relative_weeks"])
_REL_DAY = _table(_ZH["relative_days"], _EN["relative_days"])
_NOW = _table(_ZH["now"], _EN["now"])
_RECENT = _table(_ZH["recent"], _EN["recent"])
_UNITS = _table(_ZH["units"], _EN["units"])
_SAME = _table({w: None for w in _ZH["same_period"]["words"]}, _EN["same_period"])
_MONTH_PARTS = {k: tuple(v) for k, v in _table(_ZH["month_parts"], _EN["month_parts"]).items()}
_YEAR_PARTS = {k: tuple(v) for k, v in _table(_ZH["year_parts"], _EN["year_parts"]).items()}
_HALVES = {k: tuple(v) for k, v in _ZH["halves"].items()}
_QUARTER_NUMS: dict[str, int] = dict(_ZH["quarters"]["numerals"])
_QUARTER_PARTS = {k: tuple(v) for k, v in _ZH["quarter_parts"].items()}
_AHEAD, _PIVOT = _T["two_digit_years"]["ahead"], _T["two_digit_years"]["pivot"]

# ---------------------------------------------------------------------- the grammar
# Pieces shared by the Chinese and English grammars. Spaces may stand between Chinese
# tokens (截至 2024 年 3 月); English words are separated by one or more.
#
# The engine tries the branches of an alternation one by one, so every branch here
# starts with a look at the next character (_at): a position where a branch cannot
# start costs one class test, not a walk into its groups.
SP = r"[ \t\u3000\u00a0]*"
S1 = r"[ \t\u00a0]+"
S0 = r"[ \t\u00a0]*"
D = "[0-9０-９]"
NB = r"(?<! [0-9０-９.．] )"  # not inside a number
NA = r"(?! [0-9０-９] )"
NL = r"(?<! [A-Za-z0-9０-９.．] )"  # not inside a Latin word or number
NLA = r"(?! [A-Za-z0-9０-９] )"
_DIGITS = "0123456789０１２３４５６７８９"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _alt(words) -> str:
    """A group of literal words, longest first."""
    return f"(?: {longest_first(words)} )"


def _alt_raw(patterns) -> str:
    """A group of patterns, longest first."""
    return "(?: " + " | ".join(sorted(set(patterns), key=lambda p: (-len(p), p))) + " )"


def _cls(chars) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


def _at(chars) -> str:
    """A look at the next character: what follows can only start with one of `chars`."""
    return f"(?= [{_cls(chars)}] )"


def _firsts(words, both_cases: bool = False) -> set:
    out = {w[0] for w in words if w}
    return out | {c.upper() for c in out} | {c.lower() for c in out} if both_cases else out


def _guarded(words, not_before: dict, not_after: Optional[dict] = None) -> str:
    """Words longest first, each with its guards from the data: characters that must not
    follow it, and characters that must not precede it."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        p = re.escape(w)
        if not_after and not_after.get(w):
            p = f"(?<! [{_cls(not_after[w])}] ) {p}"
        if not_before.get(w):
            p = f"{p} (?! [{_cls(not_before[w])}] )"
        out.append(p)
    return "(?: " + " | ".join(out) + " )"


def _en(words) -> str:
    """English phrases, longest first, with a first letter in either case (sentence
    start); a space matches any run of spaces, a phrase ending in "-" (mid-) joins the
    next word; whole words only."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        body = S1.join(re.escape(p) for p in w.split(" "))
        if w[:1].islower():
            body = f"[{w[0]}{w[0].upper()}]" + body[1:]
        out.append(body if w.endswith("-") else body + r" (?! [A-Za-z] )")
    return "(?: " + " | ".join(out) + " )"


def _en_words(name: str, words) -> str:
    """A named group of English phrases, behind a look at their first letters."""
    words = list(words)
    return f"{_at(_firsts(words, True))} (?P<{name}> {_en(words)} )"


# An English expression starts a word: one in capitals or digits after no Latin letter,
# one in lower case after a space, a punctuation mark or nothing (the scan finds those
# by the character before them).
_BEFORE_LOWER = " \t\n\r\u00a0\u3000([{\"'“‘"
_WORD_START = rf"(?: (?= [A-Z0-9] ) (?<! [A-Za-z] ) | (?<! [^{_cls(_BEFORE_LOWER)}] ) )"
_ZN = list(_ZH_DIGITS) + [_TEN]  # Chinese numerals: 三, 十二, 两, 二〇二三
_YD = _cls(k for k in _ZH_DIGITS if k != "两")  # digits of a year
_ZNB = _cls(_NUM["zh_not_before"])
_ZNB_Q = _cls(c for c in _NUM["zh_not_before"] if c != "第")
_PARTS_NB = _ZH["parts_not_before"]
_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"  # CJK ideographs

YEAR4 = rf"(?: {NB} [12１２] {D}{{3}} {NA} | (?<! [{_ZNB}] ) [一二] [{_YD}]{{3}} (?! [{_ZNB}] ) )"
EN_YEAR = r"(?: (?<! [0-9A-Za-z.] ) (?: 19 | 20 ) [0-9]{2} (?! [0-9] | [.,][0-9] | % | s (?! [a-z] ) ) )"
_ZMON = (rf"(?: {NB} {D}{{1,2}} {NA} | (?<! [{_ZNB}{_cls(_NUM['zh_month_not_after'])}] )"
         rf" (?: 十[一二]? | [一二三四五六七八九] ) (?! [{_ZNB}] ) )")
_ZDAY = (rf"(?: {NB} {D}{{1,2}} {NA}"
         rf" | (?<! [{_ZNB}] ) (?: [二三]?十[一二三四五六七八九]? | [一二三四五六七八九] ) (?! [{_ZNB}] ) )")
_ZNUM = rf"(?: {NB} {D}{{1,3}} {NA} | (?<! [{_ZNB}] ) [{_cls(_ZN)}]{{1,3}} (?! [{_ZNB}] ) )"
_ENNUM = rf"(?: {NB} [0-9]{{1,3}} {NA} | {_en(_NUM['en'])} )"
_JOIN_ZH = _alt(_ZH["range_joiners"]["words"])
_JOIN_EN = rf"(?: {S0} [-–—] {S0} | {S1} {_en(w for w in _EN['range_joiners']['words'] if w[0].isalpha())} {S1} )"


def _middle(words) -> str:
    """Part words, where 中 alone is read only before punctuation, a space, the end or a
    word of zh.middle_before (5月中, but not 5月中国)."""
    alt = _guarded([w for w in words if w != "中"], _PARTS_NB)
    if "中" in words:
        alt = f"(?: {alt} | 中 (?: (?= {_alt(_ZH['middle_before']['words'])} ) | (?! {_HAN} ) ) )"
    return alt


_MPARTS = _middle(list(_ZH["month_parts"]))
_YPART_WORDS = [w for w in _ZH["year_parts"] if w != "全年"]
_YPARTS = _middle(_YPART_WORDS)
_QPARTS = _guarded(_QUARTER_PARTS, _PARTS_NB)
_Q_NUM = [k for k in _QUARTER_NUMS if not k.isdigit()]
_Q_AFTER = (rf"(?: {_alt(w for w in _ZH['quarters']['words'] if w != '季')}"
            rf" | 季 (?= {_alt(_ZH['quarters']['lone_before'])} | (?! {_HAN} ) ) )")
_ZH_RY = list(_ZH["relative_years"])
_NOT_DATE = _cls(_T["numeric"]["not_a_month_before"])  # 2023.8 is a month, 2023.8亿 is no date
_FN = re.escape(_ZH["first_n"]["before"])  # 前三季度, 前5个月
_FN_QUARTER = _alt(_ZH["first_n"]["quarter"])
_FN_MONTH = _alt(_ZH["first_n"]["month"])

# ---- Chinese: [flag] core [post]; a core is a range (end [joiner end]) or a relative time


def _zh_month(n: str) -> str:
    """7月, 10月份, 8月14日, 8月14-15日, 7月初, 6月下旬."""
    return rf"""(?P<m{n}> {_ZMON} ) {SP} 月 份?
        (?: {SP} (?P<d{n}> {_ZDAY} ) {SP} (?: {_JOIN_ZH} {SP} (?P<de{n}> {_ZDAY} ) {SP} )?
            [日号] (?! [{_cls(_ZH['day_not_before']['chars'])}] )
          | (?P<mp{n}> {_MPARTS} ) )?"""


def _zh_sub(n: str, after_year: bool) -> str:
    """What follows a year (2023年...) or, after_year=False, stands without one."""
    yp = (rf"{_at(['年', *_firsts(_YPART_WORDS)])} 年? (?P<yp{n}> {_YPARTS} )" if after_year
          else rf"{_at('年')} (?<! [{_ZNB}0-9０-９个] ) 年 (?P<yp{n}> {_YPARTS} )")
    extra = (rf"""| {_FN} {SP} (?P<nm{n}> {_ZNUM} ) {SP} {_FN_MONTH} (?! 份? {SP} [0-9] )   # 前5个月
                  | (?P<sp{n}> {_alt(_ZH['same_period']['words'])} )""" if after_year else "")
    return rf"""(?: {_at(_DIGITS + _TEN + _YD)}
                (?: (?P<m{n}> {_ZMON} ) {SP} {_JOIN_ZH} {SP} (?P<me{n}> {_ZMON} ) {SP} 月 份?    # 1-5月
                  | {_zh_month(n)} )
              | {_at(['第', *_DIGITS[:5], *_DIGITS[10:15], *_Q_NUM])}
                (?: 第 {SP} )? (?P<q{n}> {NB} [1-4１-４] {NA} | (?<! [{_ZNB_Q}] ) [{_cls(_Q_NUM)}] ) {SP} {_Q_AFTER}
                (?: {SP} (?P<qp{n}> {_QPARTS} ) )?                                     # 一季度, 三季度末
              | {_at('Q1234')} {NL} (?P<q{n}> Q[1-4] | [1-4]Q ) {NLA}
              | {_FN} {SP} (?P<nq{n}> {_ZNUM} ) {SP} {_FN_QUARTER}                      # 前三季度
              | (?P<h{n}> {trie(_HALVES)} )                                             # 上半年
              | {yp} | (?P<yp{n}> 全年 )                                               # 年底, 全年
              {extra} )"""


def _zh_end(n: str) -> str:
    """One end of a Chinese date: a year and what follows it, or a part alone."""
    return rf"""(?: {_at(_DIGITS)} (?P<yy{n}> {NB} {D}{{2}} ) {SP} 年 {SP} (?= {_ZMON} {SP} 月 ) {_zh_month(n)}  # 23年7月
              | (?: {_at('12１２一二')} (?P<y{n}> {YEAR4} ) {SP} 年 (?! {SP} 代 ) 度?
                  | {_at(_firsts(_ZH_RY))} (?P<ry{n}> {trie(_ZH_RY)} )
                  | {_at(_firsts(_ZH['context_years']))} (?P<cy{n}> {trie(_ZH['context_years'])} ) )     # 次年
                (?: {SP} {_zh_sub(n, True)} )?
              | (?<! [0-9０-９] 年 ) {_zh_sub(n, False)} )"""


def _zh_end2() -> str:
    """The second end of a range (…至2023年5月, …至15日): a year, month, day or quarter;
    what it leaves out comes from the first end."""
    return rf"""(?: (?: {_at('12１２一二')} (?P<y2> {YEAR4} ) {SP} 年 (?! {SP} 代 ) | {_at(_firsts(_ZH_RY))} (?P<ry2> {trie(_ZH_RY)} ) )
                (?: {SP} (?: {_zh_month("2")} | 年? (?P<yp2> {_YPARTS} ) ) )?
              | {_at(_DIGITS + _TEN + _YD)} (?: {_zh_month("2")} | (?P<d2> {_ZDAY} ) {SP} [日号] )
              | {_at(['第', *_DIGITS[:5], *_Q_NUM])} (?: 第 {SP} )? (?P<q2> {NB} [1-4] {NA} | [{_cls(_Q_NUM)}] ) {SP} 季度 )"""


def _zh_words(name: str, table, not_before: Optional[dict] = None, not_after: Optional[dict] = None) -> str:
    return f"{_at(_firsts(table))} (?P<{name}> {_guarded(table, not_before or {}, not_after)} )"


_ZH_UNITS = _alt(_ZH["units"])
_ZH_CORE = rf"""(?:
      {_at('12１２一二')} (?P<y> {YEAR4} ) {SP} (?: 年 {SP} )? {_JOIN_ZH} {SP}
      (?P<ye> {YEAR4} ) {SP} 年 (?! 代 )                                                          # 2021-2023年
    | {_at(_DIGITS)} (?P<dec> {NB} (?: [12][0-9]{{2}}0 | [0-9]0 ) ) {SP} {_alt(_ZH['decade']['words'])}   # 90年代
    | {_zh_end("")} (?: {SP} {_JOIN_ZH} {SP} {_zh_end2()} )?                                     # 2021年至2023年
    | {_at(_firsts(_ZH['rolling']['words']))} (?P<rollw> {_alt(_ZH['rolling']['words'])} ) {SP} (?P<rn> {_ZNUM} ) {SP}
      (?P<ru> {_ZH_UNITS} ) (?: {SP} {_alt(_ZH['rolling']['after'])} )?                           # 近三年
    | {_at(_DIGITS + "".join(_ZN))} (?P<an> {_ZNUM} ) {SP} (?P<au> {_ZH_UNITS} ) {SP} {_alt(_ZH['ago']['words'])}  # 两年前
    | {_zh_words("rm", _ZH['relative_months'])} (?: {SP} (?P<mp> {_MPARTS} ) )?                  # 上月底
    | {_zh_words("rq", _ZH['relative_quarters'])} (?: {SP} (?P<qp> {_QPARTS} ) )?                # 本季度末
    | {_zh_words("rw", _ZH['relative_weeks'])}
    | {_zh_words("rd", _ZH['relative_days'], _ZH['relative_days_not_before'], _ZH['relative_days_not_after'])}
    | {_zh_words("rec", _ZH['recent'])}
    | {_zh_words("now", _ZH['now'])}
    | {_at('月')} (?<! [{_ZNB}0-9０-９个] ) 月 (?P<mp> {_middle(_ZH['bare_month_parts']['words'])} )  # 月底
)"""


def _q_forms(n: str) -> str:
    """Q3, 3Q, Q3 2023, Q3'23, 3Q23, 2023 Q3, 2023Q3."""
    return rf"""(?: {_at('12')} {NL} (?P<y{n}> [12][0-9]{{3}} ) {S0} (?P<q{n}> Q[1-4] )
                  | {_at('Q')} {NL} (?P<q{n}> Q[1-4] ) (?: {S0} (?P<y{n}> [12][0-9]{{3}} ) | ['’] (?P<yy{n}> [0-9]{{2}} ) )?
                  | {_at('1234')} {NL} (?P<q{n}> [1-4]Q ) (?: ['’]? (?P<yy{n}> [0-9]{{2}} ) | {S1} (?P<y{n}> [12][0-9]{{3}} ) )?
                ) {NLA}"""


# ---- numeric dates, either language
_ISO = " | ".join(rf"{c} (?P<m> [0-9]{{1,2}} ) {c} (?P<d> [0-9]{{1,2}} )" for c in ("-", "/", r"\."))
_NUM_CORE = rf"""(?:
      {_at('12')} {NL} (?P<y> [12][0-9]{{3}} )
      (?: (?: {_ISO} ) (?! [0-9] )                                                                # 2023-08-15
        | [-/] (?P<m> [0-9]{{2}} ) (?! [-/0-9] )                                                   # 2023-08
        | \. (?P<m> [0-9]{{1,2}} ) (?! [0-9.{_NOT_DATE}] ) )                                          # 2023.8
    | {_at('Q')} {NL} (?P<q> Q[1-4] ) {S0} [-–—~] {S0} (?P<q2> Q[1-4] ) (?: {S0} (?P<y2> [12][0-9]{{3}} ) )? {NLA}  # Q1-Q3
    | {_q_forms("")}
)"""

_ZH_TOP = rf"""(?: {_at(_firsts(_ZH['flags']))} (?P<pre> {_guarded(_ZH['flags'], {}, _ZH['flags_not_after'])} ) {SP}
      | {_at(_firsts(_EN['flags'], True))} {_WORD_START} (?P<pre> {_en(_EN['flags'])} ) {S1} (?= [0-9Q] ) )?
    (?P<core> {_NUM_CORE} | {_ZH_CORE} )
    (?: {SP} {_at(_firsts(_ZH['post']))} (?P<post> {_guarded(_ZH['post'], _ZH['post_not_before'])} ) )?"""

# ---- English: [flag] core; a bare year or month name only after a flag or context word
_EN_MONTH = rf"(?: {NL} {_alt(_MONTHS)} (?! [A-Za-z] ) )"
_M_FIRST = _firsts(_MONTHS)
_EN_DAY = rf"(?: {NB} (?: 3[01] | [12][0-9] | 0?[1-9] ) {NA} (?: st | nd | rd | th )? (?! [A-Za-z] ) )"
_EN_RY = _en(list(_EN["relative_years"]) + _EN["the_year"]["words"])
_ORDS = _en(_NUM["en_ordinals"])
_THE = rf"(?: [Tt]he {S1} )?"
_FIRST_N = _EN["first_n"]["before"]


def _en_end(n: str) -> str:
    """One English date (not a bare year or month name: those need a context)."""
    return rf"""(?:
        {_at(_firsts(_EN['month_parts'], True))} (?P<mp{n}> {_en(_EN['month_parts'])} ) {S0}
        (?P<m{n}> {_EN_MONTH} ) (?: ,? {S1} (?P<y{n}> {EN_YEAR} ) )?                           # early July
      | {_at(_firsts(_EN['year_parts'], True))} (?P<yp{n}> {_en(_EN['year_parts'])} ) {S0}
        (?: (?P<y{n}> {EN_YEAR} ) | (?P<ry{n}> {_EN_RY} ) )                                     # the end of 2023
      | {_at(_M_FIRST)} (?P<m{n}> {_EN_MONTH} )
        (?: {S1} (?P<d{n}> {_EN_DAY} ) (?: {S0} [-–] {S0} (?P<de{n}> {_EN_DAY} ) )? (?: ,? {S1} (?P<y{n}> {EN_YEAR} ) )?
          | ,? {S1} (?P<y{n}> {EN_YEAR} ) )                                                       # July 1, 2023; July 2023
      | {_at(_DIGITS[:10])} (?P<d{n}> {_EN_DAY} ) {S1} (?: of {S1} )? (?P<m{n}> {_EN_MONTH} )
        (?: ,? {S1} (?P<y{n}> {EN_YEAR} ) )?                                                      # 1 July 2023
      | {_at(_firsts(['the', *_NUM['en_ordinals'], *_FIRST_N], True) | set('H12'))}
        (?: {_THE} (?: (?P<h{n}> {_ORDS} ) [ \t-]+ {_en(_EN['halves']['words'])}              # the first half
                     | (?P<q{n}> {_ORDS} ) [ \t-]+ {_en(_EN['quarters']['words'])}            # the third quarter
                     | {_en(_FIRST_N)} {S1} (?P<nq{n}> {_ENNUM} ) {S1} {_en(_EN['first_n']['quarter'])}
                     | {_en(_FIRST_N)} {S1} (?P<nm{n}> {_ENNUM} ) {S1} {_en(_EN['first_n']['month'])} )
          | {NL} (?: (?P<h{n}> H[12] ) (?: ['’] (?P<yy{n}> [0-9]{{2}} ) )?                       # H1'23
                   | (?P<h{n}> [12]H ) (?: ['’]? (?P<yy{n}> [0-9]{{2}} ) )? ) {NLA}                # 1H23
        ) (?: {S1} of {S1} (?: (?P<y{n}> {EN_YEAR} ) | (?P<ry{n}> {_EN_RY} ) ) | {S1} (?P<y{n}> {EN_YEAR} ) )?   # ... of 2023
      | {_at(_firsts(_EN['context_years'], True))} (?P<cy{n}> {_en(_EN['context_years'])} )       # the following year
      | {_at(_firsts(_EN['relative_years'], True))} (?P<ry{n}> {_en(_EN['relative_years'])} ) )"""


def _en_end2() -> str:
    """The second end of an English range (… to March 2023, … through July 15)."""
    return rf"""(?: {_at(_firsts(_EN['month_parts'], True))} (?P<mp2> {_en(_EN['month_parts'])} ) {S0}
                  (?P<m2> {_EN_MONTH} ) (?: ,? {S1} (?P<y2> {EN_YEAR} ) )?
              | {_at(_firsts(_EN['year_parts'], True))} (?P<yp2> {_en(_EN['year_parts'])} ) {S0} (?P<y2> {EN_YEAR} )
              | {_at(_M_FIRST)} (?P<m2> {_EN_MONTH} ) (?: {S1} (?P<d2> {_EN_DAY} ) )? (?: ,? {S1} (?P<y2> {EN_YEAR} ) )?
              | {_at(_DIGITS[:10])} (?P<d2> {_EN_DAY} ) {S1} (?: of {S1} )? (?P<m2> {_EN_MONTH} )
                (?: ,? {S1} (?P<y2> {EN_YEAR} ) )? )"""


_EN_UNITS = _en(_EN["units"])
_EN_CORE = rf"""(?:
      {_at('FfBb')} (?: [Ff]rom | [Bb]etween ) {S1} (?: (?P<y> {EN_YEAR} ) | (?P<m> {_EN_MONTH} ) )
      (?: {_JOIN_EN} | {S1} and {S1} )
      (?: (?P<y2> {EN_YEAR} ) | (?P<m2> {_EN_MONTH} ) (?: ,? {S1} (?P<y2> {EN_YEAR} ) )? )         # from 2021 to 2023
    | {_at('12')} (?P<y> {EN_YEAR} ) {S0} [-–—] {S0} (?P<y2> {EN_YEAR} )                          # 2021-2023
    | {_at(_M_FIRST)} (?P<m> {_EN_MONTH} ) {_JOIN_EN} (?P<m2> {_EN_MONTH} ) ,? {S1} (?P<y2> {EN_YEAR} )   # January-March 2023
    | {_at('Tt12')} {_THE} (?P<dec> (?<! [0-9A-Za-z.] ) (?: 19 | 20 ) [0-9]0 ) s (?! [A-Za-z] )      # the 1990s
    | {_en_end("")} (?: {_JOIN_EN} {_en_end2()} )?
    | {_at(_firsts(_EN['same_period'], True))} (?P<sp> {_en(_EN['same_period'])} )
    | {_at(_firsts(_EN['year_to_date']['words'], True))} (?P<ytd> {_en(_EN['year_to_date']['words'])} )
    | {_at(_firsts(_EN['rolling']['words'], True))} (?P<rollw> {_en(_EN['rolling']['words'])} ) {S1}
      (?: (?P<rn> {_ENNUM} ) {S1} )? (?P<ru> {_EN_UNITS} )                                        # the past 3 years
    | {_at(_firsts(_NUM['en'], True) | set(_DIGITS[:10]))} (?P<an> {_ENNUM} ) {S1} (?P<au> {_EN_UNITS} ) {S1}
      {_en(_EN['ago']['words'])}                                                                 # two years ago
    | {_en_words("rm", _EN['relative_months'])}
    | {_en_words("rq", _EN['relative_quarters'])}
    | {_en_words("rw", _EN['relative_weeks'])}
    | {_en_words("rd", _EN['relative_days'])}
    | {_en_words("rec", _EN['recent'])}
    | {_en_words("now", _EN['now'])}
)"""

_EN_BARE = rf"(?: {_at('12')} (?P<y> {EN_YEAR} ) | {_at(_M_FIRST)} (?P<m> {_EN_MONTH} ) )"
_EN_FLAGS = list(_EN["flags"])
_EN_CONTEXT = _EN["year_context"]["words"]


def _after_context() -> str:
    """Right after a context word and one or two spaces (in 2023): look-behinds of one
    width each, as Python's `re` needs."""
    out = []
    for w in _EN_CONTEXT:
        body = "[ ]".join(re.escape(p) for p in w.split(" "))
        body = f"[{w[0]}{w[0].upper()}]{body[1:]}" if w[0].islower() else body
        out += [f"(?<= (?<! [A-Za-z] ) {body} [ \t\u00a0]{{{k}}} )" for k in (1, 2)]
    return "(?: " + " | ".join(out) + " )"


_EN_TOP = rf"""{_at(_LATIN + _DIGITS)} {_WORD_START}
      (?: {_at(_firsts(_EN_FLAGS, True))} (?P<pre> {_en(_EN_FLAGS)} ) {S1} )? (?P<core> {_EN_CORE} )
    | {_at(_firsts(_EN_FLAGS, True))} {_WORD_START} (?P<pre> {_en(_EN_FLAGS)} ) {S1} (?P<core> {_EN_BARE} )  # since 2020
    | {_at(_M_FIRST | set('12'))} {_after_context()} (?P<core> {_EN_BARE} )                  # in 2023
"""


def _compile(src: str):
    """Compile with Python's `re`, which reads this grammar several times faster than
    `regex`. `re` wants group names to be unique: a name used in several branches (m,
    y, q...) is numbered (m__2), and _groups() reads the numbers away."""
    seen: dict = {}
    for name in re.findall(r"\(\?P<(\w+)>", src):
        seen[name] = seen.get(name, 0) + 1
    count: dict = {}

    def number(mo):
        name = mo.group(1)
        if seen[name] == 1:
            return mo.group()
        count[name] = count.get(name, 0) + 1
        return f"(?P<{name}__{count[name]}>"

    return re.compile(re.sub(r"\(\?P<(\w+)>", number, src), re.VERBOSE)


def _groups(m) -> dict:
    """The groups of a match that took part in it, by their names as written."""
    return {k.partition("__")[0]: v for k, v in m.groupdict().items() if v is not None}


PATTERN = _compile(f"(?: {_ZH_TOP}\n| {_EN_TOP}\n)")

# ---- where an expression may start
# find_times does not search with PATTERN (that would try its many branches at every
# position of the text): a scan finds the positions where an expression may start, and
# PATTERN is matched there. Every branch of the scan begins with a literal character,
# so that `re` skips to the candidates in C (a pattern whose branches all start with
# literals gets a set of first characters), and then looks at a few characters: a digit
# must start its number and be followed by a date word (年, 月, 季, Q, -, a month
# name...) or stand after a Latin word (in 2023); a Chinese numeral likewise; a Latin
# letter must start one of the English words an expression begins with; another
# character must begin one of the Chinese words (their first two characters) or a flag
# word before one of these. The scan only lets positions through (a test checks that it
# hides no match of PATTERN, on the test table, the seeds and random text).
_ZH_WORDS = [*_ZH_RY, *_ZH["context_years"], *_ZH["relative_months"], *_ZH["relative_quarters"],
             *_ZH["relative_weeks"], *_ZH["relative_days"], *_ZH["now"], *_ZH["recent"], *_HALVES, "全年", "首季",
             *(w for w in _ZH["rolling"]["words"] if len(w) > 1),
             *("年" + w for w in _YPART_WORDS), *("月" + w for w in _ZH["bare_month_parts"]["words"])]
_ZNC = _cls(_ZN)
# what may follow a number's digits (or Chinese numerals) at the start of an expression
_AFTER_NUM = rf"""(?: [年月日号季QH\-/至到~～—–周天星'’] | 个 {SP} [月年星]
    | [.．] [0-9]{{1,2}} (?: [.．] [0-9] | (?! [0-9.{_NOT_DATE}] ) )
    | [sndrt] | {S1} (?: [A-Z] | (?ai: {_alt(_EN['units'])} ) ) )"""


def _en_starts() -> dict:
    """The English part of the scan: for each first letter, a pattern of the rest of the
    phrases an expression can begin with. A phrase that stands alone (last year,
    recently) must end there; one that leads to a date (as of, the end of, early, from)
    must be followed by what a date begins with."""
    then = ["the", "last", "this", "next", "end", "early", "mid", "late", "beginning", "start", "middle", "now",
            "today", "year", "press", *_NUM["en_ordinals"]]
    follow = rf"(?: - | {S1} (?: [0-9A-Z] | {_alt(then)} ) )"
    alone = [*_EN["relative_years"], *_EN["context_years"], *_EN["relative_months"], *_EN["relative_quarters"],
             *_EN["relative_weeks"], *_EN["relative_days"], *_EN["now"], *_EN["year_to_date"]["words"],
             *_EN["recent"], *_EN["same_period"]]
    leading = [*_EN_FLAGS, *_EN["month_parts"], *_EN["year_parts"], "from", "between"]
    ords = _alt(_NUM["en_ordinals"])
    count = rf"(?: [0-9] | {_alt([*_NUM['en'], *_EN['units']])} )"
    parts = rf"(?: {ords} [-\ \t\u00a0]+ (?: half | quarter ) | first {S1} [a-z0-9]+ {S1} (?: quarters | months ) )"
    more = [  # (patterns: the first letter, a space, the rest)
        rf"t (?: he {S1} )? (?: past | last ) {S1} {count}",                        # the past 3 years
        rf"p ast {S1} {count}",                                                      # past two years
        rf"t he {S1} (?: {parts} | (?: 19 | 20 ) [0-9]0 s )",                         # the first half, the 1990s
        rf"f irst {S1} [a-z0-9]+ {S1} (?: quarters | months )",                      # first nine months
        *(rf"{o[0]} {re.escape(o[1:])} [-\ \t\u00a0]+ (?: half | quarter )" for o in _NUM["en_ordinals"]),
        *(rf"{w[0]} {re.escape(w[1:])} {S1} {_alt(_EN['units'])} {S1} ago" for w in _NUM["en"]),  # two years ago
    ]

    def rests(words) -> dict:  # first letter -> a trie of the rests, spaces matching any run
        by: dict = {}
        for w in words:
            by.setdefault(w[0].lower(), set()).add(w[1:].replace(" ", "\x00"))
        return {c: trie(t for t in ts if t).replace(re.escape("\x00"), S1) for c, ts in by.items()}

    out: dict = {}
    for c, body in rests(alone).items():
        out.setdefault(c, []).append(f"{body} (?! [A-Za-z] )")
    for c, body in rests([w for w in leading if not w.endswith("-")]).items():
        out.setdefault(c, []).append(f"{body} {follow}")
    for c, body in rests([w for w in leading if w.endswith("-")]).items():
        out.setdefault(c, []).append(body)
    for p in more:
        c, rest = p.split(" ", 1)
        out.setdefault(c, []).append(rest)
    return {c: " | ".join(ps) for c, ps in out.items()}


def _starts() -> str:
    """The scan, as one branch per first character: what must follow that character."""
    conts: dict = {}

    def add(c: str, cont: str) -> None:
        conts.setdefault(c, []).append(cont)

    for c in _DIGITS:  # 2023年, 7月, 2023-08-15
        add(c, rf"(?<! [0-9０-９.．] . ) (?= [0-9０-９]{{0,3}} {SP} {_AFTER_NUM} )")
    for c in "12":  # in 2023, during 2022
        add(c, r"(?: (?<= [A-Za-z] [ \t\u00a0] . ) | (?<= [A-Za-z] [ \t\u00a0]{2} . ) ) (?= [0-9]{3} (?! [0-9] ) )")
    for c in _ZN:  # 二〇二三年, 十月, 两年前
        add(c, rf"(?<! [{_ZNB}] . ) (?= [{_ZNC}]{{0,3}} {SP} {_AFTER_NUM} )")
    for c in "QH":  # Q3, H1
        add(c, r"(?<! [A-Za-z] . ) (?= [1-4] )")
    lower = []
    for c, body in _en_starts().items():  # Last year, As of, The end of, Two years ago
        add(c.upper(), rf"(?<! [A-Za-z] . ) (?= (?: {body} ) )")
        lower.append(rf"{c} (?= (?: {body} ) )")
    # last year, as of: after a space (looked at in full) or another character that may
    # stand before a word in lower case (looked at one letter on); the branch takes that
    # character and the letter (find_times starts at the last character a branch takes)
    for c in _BEFORE_LOWER:
        add(c, rf"(?= (?: {' | '.join(lower)} ) ) [a-z]" if c in " \n" else "[a-z]")
    months: dict = {}
    for w in _MONTHS:  # July, Sept. (capitalised: no branch above is)
        months.setdefault(w[0], []).append(re.escape(w[1:]))
    for c, rests in months.items():
        add(c, rf"(?<! [A-Za-z] . ) (?= {_alt_raw(rests)} (?! [A-Za-z] ) )")
    rests: dict = {}
    for w in _ZH_WORDS:
        rests.setdefault(w[0], set()).add(w[1])
    for c, tails in rests.items():  # 今年, 目前, 上半年
        add(c, f"(?= [{_cls(tails)}] )")
    add("近", rf"(?= {SP} [{_ZNC}0-9０-９] )")  # 近三年
    add(_ZH["first_n"]["before"], rf"(?= {SP} [{_ZNC}0-9０-９] )")  # 前三季度
    add("第", rf"(?= {SP} [{_ZNC}1-4１-４] {SP} 季 )")  # 第三季度
    inner = f"[{_cls(conts)}]"  # 截至, 到: a flag word before what an expression may start with
    for w in _ZH["flags"]:
        guard = _ZH["flags_not_after"].get(w)
        add(w[0], (f"(?<! [{_cls(guard)}] . ) " if guard else "") + f"(?= {re.escape(w[1:])} {SP} {inner} )")
    # (`re` tries the branches in order: the characters of Chinese text first)
    order = sorted(conts, key=lambda c: (c.isascii(), c.isdigit() or c in _DIGITS, c.isupper(), c))
    return "(?: " + "\n    | ".join(f"{re.escape(c)} (?: {' | '.join(conts[c])} )" for c in order) + " )"


_STARTS = re.compile(_starts(), re.VERBOSE)

_LEAD = re.compile(rf"(?: {_en(w for w in _T['parse_period']['lead'] if w.isascii())} {S1}"
                      rf" | {_alt(w for w in _T['parse_period']['lead'] if not w.isascii())} {SP} )", re.VERBOSE)
# sentence ends as extract.sentences() has them: a year or period is carried no further
_SENT_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z0-9)\]])\.(?=\s)")
_CLAUSE_END = re.compile(r"[。！？!?；;\n，,：:]")

# ---------------------------------------------------------------------- reading a match


def _key(s: str) -> str:
    """A matched word as the tables spell it: spaces in it made single (as  of)."""
    return " ".join(s.split())


def _int(s: Optional[str]) -> Optional[int]:
    """A small number as written: 12, １２, 十二, 二〇二三, two, 3rd, Q3, H1, 首."""
    if s is None:
        return None
    s = s.strip().rstrip(".")
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if s in _EN_NUMS:
        return _EN_NUMS[s]
    if s in _QUARTER_NUMS:
        return _QUARTER_NUMS[s]
    if s[0] in "QH" and s[1:].isdecimal():
        return int(s[1:])
    if s[-1] in "QH" and s[:-1].isdecimal():
        return int(s[:-1])
    if s[-2:] in ("st", "nd", "rd", "th") and s[:-2].isdecimal():
        return int(s[:-2])
    if _TEN in s:
        hi, _, lo = s.partition(_TEN)
        if len(hi) > 1 or len(lo) > 1:
            return None
        a = _ZH_DIGITS.get(hi, None) if hi else 1
        b = _ZH_DIGITS.get(lo, None) if lo else 0
        return None if a is None or b is None else a * 10 + b
    v = 0
    for ch in s:
        if ch not in _ZH_DIGITS:
            return None
        v = v * 10 + _ZH_DIGITS[ch]
    return v


class _End(NamedTuple):
    """One end of a calendar expression, before the year is known."""

    y: Optional[int] = None  # the year as written
    yoff: Optional[int] = None  # or relative to the publication year (去年 = -1)
    coff: Optional[int] = None  # or to the year of the expression before (次年 = +1)
    yy: Optional[int] = None  # or a two-digit year (23年7月)
    ye: Optional[int] = None  # last year of a span of years (2021-2023年, 90年代)
    moff: Optional[int] = None  # relative month or quarter: offset...
    mspan: int = 1  # ... in units of this many months (3: quarters)
    months: Optional[tuple] = None  # (first, last) month of the year; None: all
    days: Optional[tuple] = None  # (first, last, exact) day of the month; 31 = the last
    grain: str = "year"
    same: bool = False  # 去年同期: the period of the expression before, moved


class _Spec(NamedTuple):
    """What a match says, independent of the publication date."""

    kind: str  # "cal" | "now" | "recent" | "roll" | "ago" | "week" | "day"
    e1: Optional[_End] = None
    e2: Optional[_End] = None
    n: int = 0  # days back (recent), units (roll, ago), offset (week, day)
    unit: str = "day"
    flag: Optional[str] = None  # until | to | since | from (the word before)
    post: Optional[str] = None  # since | until | by (the word after)
    now_until: bool = False
    trim: int = 0  # characters to drop from the start (a lone 从/from)
    ctx: str = ""  # what it takes from the expression before it: "year" (10月份) | "period" (同期) | ""
    fixes_year: bool = False  # it states its year (2023年, 去年): a context for the next ones
    ok: bool = True  # it can be a date at all (not 2月30日, 13月, 2023年2月29日)


def _end(g: dict, n: str) -> Optional[_End]:
    """The _End of the groups with suffix n, or None when there are none."""
    def get(name):
        return g.get(name + n)

    y, ry, yy, ye, cy = get("y"), get("ry"), get("yy"), get("ye"), get("cy")
    m, me, d, de = get("m"), get("me"), get("d"), get("de")
    mp, yp, q, qp, h, nq, nm, sp = (get(k) for k in ("mp", "yp", "q", "qp", "h", "nq", "nm", "sp"))
    rm, rq, dec = get("rm"), get("rq"), get("dec")
    if not any((y, ry, yy, ye, cy, m, d, mp, yp, q, h, nq, nm, rm, rq, dec)):
        return None
    e = {}
    if dec:
        v = int(dec)
        v = v if v >= 100 else (1900 + v if v >= 30 else 2000 + v)
        return _End(y=v, ye=v + 9, grain="decade")
    if y:
        e["y"] = _int(y)
    elif ry:
        e["yoff"] = _REL_YEAR[_key(ry)]
    elif cy:
        e["coff"] = _CTX_YEAR[_key(cy)]
    elif yy:
        e["yy"] = _int(yy)
    if ye:
        e["ye"] = _int(ye)
        return _End(**e, grain="year")
    if rm is not None:
        e["moff"] = _REL_MONTH[_key(rm)]
    elif rq is not None:
        e["moff"], e["mspan"] = _REL_QUARTER[_key(rq)], 3
    elif mp and not m:  # 月底: this month
        e["moff"] = 0
    grain = "year"
    if m:
        mo = _MONTHS.get(m) or _int(m)
        mo2 = _int(me) if me else mo
        e["months"] = (mo, mo2)
        grain = "month"
    if d:
        e["days"] = (_int(d), _int(de) if de else _int(d), True)
        grain = "day"
    elif mp:
        e["days"] = (*_MONTH_PARTS[_key(mp)], False)
        grain = "tenday"
    if "moff" in e and not d and not mp:
        grain = "quarter" if e.get("mspan") == 3 else "month"
    if q:
        qn = _int(q)
        if qn is None or not 1 <= qn <= 4:
            return _End(months=(0, 0))  # no such quarter: resolves to None
        a, b = _QUARTER_PARTS[qp] if qp else (1, 3)
        e["months"] = (3 * qn - 3 + a, 3 * qn - 3 + b)
        grain = "month" if qp else "quarter"
    elif qp and "moff" in e:  # 本季度末: the quarter's months, as offsets
        e["qpart"] = _QUARTER_PARTS[qp]
    if nq:
        e["months"] = (1, 3 * (_int(nq) or 0))
        grain = "quarter"
    if nm:
        e["months"] = (1, _int(nm) or 0)
        grain = "month"
    if h:
        k = _int(h)
        e["months"] = _HALVES.get(h) or {1: (1, 6), 2: (7, 12)}.get(k, (0, 0))
        grain = "half"
    if yp:
        e["months"] = _YEAR_PARTS[_key(yp)]
        grain = "year" if e["months"] == (1, 12) else "month"
        if not (y or ry or yy or cy):
            e["yoff"] = 0  # 年底, the end of the year: this year's
    if sp:
        e["same"] = True
    qpart = e.pop("qpart", None)
    end = _End(**e, grain=grain)
    if qpart:
        end = end._replace(months=qpart, grain="month")  # months of the quarter (offsets below)
    return end


def _spec(m) -> _Spec:
    s = _read(m)
    if s.flag == "from" and s.e2 is None and s.post is None:  # 从2020年的: 从 alone is no flag
        core = next(k for k, v in m.groupdict().items() if v is not None and k.partition("__")[0] == "core")
        s = s._replace(flag=None, trim=m.start(core) - m.start())
    e = s.e1
    if s.kind != "cal" or e is None:
        return s
    ok = all(x is None or _valid(x) for x in (s.e1, s.e2))
    if e.same:
        return s._replace(ctx="period", ok=ok)
    bare = e.y is None and e.yoff is None and e.yy is None and e.moff is None and e.ye is None
    fixes = e.y is not None or e.yoff is not None or e.coff is not None
    return s._replace(ctx="year" if bare else "", fixes_year=fixes, ok=ok)


def _valid(e: _End) -> bool:
    """Whether an end can be a date in some year (2月29日 can; 2月30日, 13月 cannot)."""
    if e.moff is not None or (e.months is None and e.days is not None):  # 本月初; (8月14日至)15日
        return e.days is None or (0 < e.days[0] <= e.days[1] <= 31) or not e.days[2]
    year = e.y if e.y is not None else (2000 + e.yy if e.yy is not None else 2000)  # 2000: a leap year
    return 0 < year < 10000 and _period_of(e, year) is not None


def _read(m) -> _Spec:
    g = _groups(m)
    pre, post = g.get("pre"), g.get("post")
    flag = _FLAGS[_key(pre)] if pre else None
    pk = _POST.get(post) if post else None
    if g.get("now"):
        return _Spec("now", flag=flag, post=pk, now_until=_NOW[_key(g["now"])] == "until")
    if g.get("rec"):
        return _Spec("recent", n=_RECENT[_key(g["rec"])], flag=flag, post=pk)
    if g.get("ytd"):
        return _Spec("cal", _End(yoff=0), flag="since")
    if g.get("ru"):
        n = (_int(g["rn"]) or 1) if g.get("rn") else 1  # (the past year: one)
        return _Spec("roll", n=n, unit=_UNITS[_key(g["ru"])], flag=flag, post=pk)
    if g.get("au"):
        return _Spec("ago", n=_int(g["an"]) or 0, unit=_UNITS[_key(g["au"])], flag=flag, post=pk)
    if g.get("rw"):
        return _Spec("week", n=_REL_WEEK[_key(g["rw"])], flag=flag, post=pk)
    if g.get("rd"):
        return _Spec("day", n=_REL_DAY[_key(g["rd"])], flag=flag, post=pk)
    sp = _key(g["sp"]) if g.get("sp") else None
    if sp and _SAME.get(sp) is not None:  # the same period last year (English)
        e1 = _End(yoff=_SAME[sp], same=True)
        return _Spec("cal", e1, flag=flag, post=pk)
    e1, e2 = _end(g, ""), _end(g, "2")
    return _Spec("cal", e1, e2, flag=flag, post=pk)


# ---------------------------------------------------------------------- resolving


def _period_of(e: _End, year: int) -> Optional[tuple[_dt.date, _dt.date]]:
    """The days of `e` in `year` (None if there are none: 2月30日, 13月)."""
    if e.ye is not None:
        return (_dt.date(year, 1, 1), _dt.date(e.ye, 12, 31)) if e.ye >= year else None
    m1, m2 = e.months or (1, 12)
    if not (m1 and m2 and 1 <= m1 <= m2 <= 12):
        return None
    if e.days is not None:
        d1, d2, exact = e.days
        last = monthrange(year, m1)[1]
        if m1 != m2 or not d1 or not d2 or d1 > d2 or d1 > last or (exact and d2 > last):
            return None
        return _dt.date(year, m1, d1), _dt.date(year, m1, min(d2, last))
    return _dt.date(year, m1, 1), _dt.date(year, m2, monthrange(year, m2)[1])


def _relative_month(e: _End, pub: _dt.date) -> Optional[tuple[_dt.date, _dt.date]]:
    """本月, 上个季度, 本季度末, 月底: months counted from the publication month."""
    first = pub.year * 12 + (pub.month - 1) // e.mspan * e.mspan + e.moff * e.mspan
    a, b = (e.months or (1, e.mspan)) if e.mspan == 3 else (1, 1)
    y1, m1 = divmod(first + a - 1, 12)
    y2, m2 = divmod(first + b - 1, 12)
    if e.days is not None:
        return _period_of(e._replace(months=(m1 + 1, m1 + 1)), y1)
    return _dt.date(y1, m1 + 1, 1), _dt.date(y2, m2 + 1, monthrange(y2, m2 + 1)[1])


def _shift_years(d: _dt.date, k: int) -> _dt.date:
    last = monthrange(d.year, d.month)[1]
    y = d.year + k
    nl = monthrange(y, d.month)[1]
    return _dt.date(y, d.month, nl if d.day == last else min(d.day, nl))


def _year_of(e: _End, pub, ctx_year) -> tuple[Optional[int], str]:
    """The year of an end and what fixed it; (None, basis) if nothing can."""
    if e.y is not None:
        return e.y, "absolute"
    if e.yy is not None:
        v = 2000 + e.yy
        if (pub is not None and v > pub.year + _AHEAD) or (pub is None and e.yy >= _PIVOT):
            v -= 100
        return v, "absolute"
    if e.yoff is not None:
        return (pub.year + e.yoff, "published") if pub is not None else (None, "published")
    if e.coff is not None:
        return (ctx_year + e.coff, "context") if ctx_year is not None else (None, "context")
    if ctx_year is not None:
        return ctx_year, "context"
    if pub is None:
        return None, "published"
    for y in (pub.year, pub.year - 1):  # the most recent that has begun by publication
        p = _period_of(e, y)
        if p is not None and p[0] <= pub:
            return y, "published"
    return None, "published"


def _cal(spec: _Spec, pub, ctx_year, ctx_period) -> tuple[Optional[tuple], str, Optional[str]]:
    e1, e2 = spec.e1, spec.e2
    if e1 is None:
        return None, "absolute", None
    if e1.moff is not None:
        return (_relative_month(e1, pub) if pub is not None else None), "published", e1.grain
    if e1.same:
        if ctx_period is not None:  # 去年同期: the period before, a year back; 2022年同期: in 2022
            k = e1.yoff if e1.yoff is not None else _year_of(e1, pub, None)[0] - ctx_period.start.year
            return (_shift_years(ctx_period.start, k), _shift_years(ctx_period.end, k)), "context", ctx_period.grain
        ry, basis = _year_of(e1._replace(same=False), pub, None)
        if pub is None or ry is None:
            return None, basis, "span"
        return (_dt.date(ry, 1, 1), _shift_years(pub, ry - pub.year)), basis, "span"
    if e2 is None:
        y, basis = _year_of(e1, pub, ctx_year)
        return (_period_of(e1, y) if y is not None else None), basis, e1.grain
    # a range: an end without a year takes the other's; a bare day takes the first's month
    if e2.months is None and e2.days is not None:
        e2 = e2._replace(months=e1.months)
    has_year = lambda e: e.y is not None or e.yoff is not None or e.yy is not None or e.coff is not None  # noqa: E731
    if not has_year(e1) and has_year(e2):
        e1 = e1._replace(y=e2.y, yoff=e2.yoff, yy=e2.yy, coff=e2.coff)
    y1, basis = _year_of(e1, pub, ctx_year)
    if y1 is None:
        return None, basis, e1.grain
    if has_year(e2):
        y2, _ = _year_of(e2, pub, ctx_year)
    else:
        y2 = y1
        p1, p2 = _period_of(e1, y1), _period_of(e2, y1)
        if p1 and p2 and p2[1] < p1[0]:  # 11月至2月: into the next year
            y2 = y1 + 1
    p1 = _period_of(e1, y1)
    p2 = _period_of(e2, y2) if y2 is not None else None
    if p1 is None or p2 is None or p2[1] < p1[0]:
        return None, basis, e1.grain
    return (p1[0], p2[1]), basis, (e1.grain if e1.grain == e2.grain else "span")


def _add_months(d: _dt.date, k: int) -> _dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return _dt.date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def _back(pub: _dt.date, n: int, unit: str) -> _dt.date:
    if unit == "year":
        return _add_months(pub, -12 * n)
    if unit == "month":
        return _add_months(pub, -n)
    return pub - _dt.timedelta(days=n * (7 if unit == "week" else 1))


def _relative(spec: _Spec, pub) -> tuple[Optional[tuple], Optional[str]]:
    if pub is None:
        return None, {"now": "day", "recent": "recent", "roll": "span", "week": "week", "day": "day"}.get(
            spec.kind, spec.unit)
    k = spec.kind
    if k == "now":
        return (pub, pub), "day"
    if k == "recent":
        return (pub - _dt.timedelta(days=spec.n), pub), "recent"
    if k == "roll":
        return (_back(pub, spec.n, spec.unit), pub), "span"
    if k == "week":
        monday = pub - _dt.timedelta(days=pub.weekday()) + _dt.timedelta(weeks=spec.n)
        return (monday, monday + _dt.timedelta(days=6)), "week"
    if k == "day":
        d = pub + _dt.timedelta(days=spec.n)
        return (d, d), "day"
    d = _back(pub, spec.n, spec.unit)  # ago: the unit it falls in
    if spec.unit == "year":
        return (_dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31)), "year"
    if spec.unit == "month":
        return (_dt.date(d.year, d.month, 1), _dt.date(d.year, d.month, monthrange(d.year, d.month)[1])), "month"
    if spec.unit == "week":
        monday = d - _dt.timedelta(days=d.weekday())
        return (monday, monday + _dt.timedelta(days=6)), "week"
    return (d, d), "day"


class _Value(NamedTuple):
    period: Optional[Period]
    grain: Optional[str]
    until: bool
    since: bool
    target: bool
    basis: str
    trim: int


_VALUES: dict = {}


def _value(text: str, spec: _Spec, pub: Optional[_dt.date], ctx_year: Optional[int] = None,
           ctx_period: Optional[Period] = None) -> _Value:
    """The resolved value of an expression (`text`, read as `spec`), cached."""
    key = (text, pub, ctx_year, ctx_period)
    v = _VALUES.get(key)
    if v is None:
        if len(_VALUES) > 20000:
            _VALUES.clear()
        v = _VALUES[key] = _resolve(text, spec, pub, ctx_year, ctx_period)
    return v


def _resolve(text: str, spec: _Spec, pub: Optional[_dt.date], ctx_year: Optional[int],
             ctx_period: Optional[Period]) -> _Value:
    """Resolve a parsed expression; never raises (a date out of range is None)."""
    try:
        if spec.kind == "cal":
            span, basis, grain = _cal(spec, pub, ctx_year, ctx_period)
        else:
            span, grain = _relative(spec, pub)
            basis = "published"
    except (ValueError, OverflowError):  # a year before 1 or after 9999: no period
        span, basis, grain = None, "published", None
        try:  # (the grain as written, read without the publication date)
            grain = _cal(spec, None, None, None)[2] if spec.kind == "cal" else _relative(spec, None)[1]
        except (ValueError, OverflowError):
            pass
    flag, post = spec.flag, spec.post
    since = flag == "since" or post == "since"
    until = flag == "until" or post == "until" or spec.now_until
    target = False
    if (flag == "to" or post == "by") and not until and not since:
        if span is None or pub is None or span[1] > pub:
            target = span is not None or pub is None
        else:
            until = True
    if since and span is not None and pub is not None and span[0] <= pub and spec.kind == "cal":
        span = (span[0], pub)
    text = text[spec.trim:]
    period = None
    if span is not None and span[0] <= span[1]:
        period = Period(start=span[0], end=span[1], grain=grain, text=text)
    return _Value(period, grain, until, since, target, basis, spec.trim)


_SPECS: dict[str, _Spec] = {}


def _spec_of(m) -> _Spec:
    text = m.group()
    s = _SPECS.get(text)
    if s is None:
        if len(_SPECS) > 20000:
            _SPECS.clear()
        s = _SPECS[text] = _spec(m)
    return s


# ---------------------------------------------------------------------- the API


def _candidates(text: str, pos: int, endpos: int):
    """The positions where an expression may start, from `pos`: the last character each
    branch of the scan takes (scanning from the character before `pos`, which a word
    in lower case is found by), and `pos` itself at the start of a text in lower case."""
    if pos == 0 and "a" <= text[:1] <= "z":
        yield 0
    for st in _STARTS.finditer(text, max(pos - 1, 0), endpos):
        yield st.end() - 1


def find_times(text: str, published=None, pos: int = 0, endpos: Optional[int] = None) -> list[Timex]:
    """Every time expression in `text` (or in text[pos:endpos], offsets still into
    `text`), in order: one `re` scan for where one may start, PATTERN matched there.

    Relative expressions are resolved against `published` (a date or ISO string);
    without it their period is None. A year-less expression (10月份, 6月下旬) takes the
    year of an earlier expression in the same sentence that states one (2023年3月...，
    6月下旬), else the most recent such period begun by publication; 去年同期 moves the
    period of the expression before it in the sentence. Since that context never
    reaches past a sentence end, scanning one sentence (pos, endpos) gives what scanning
    the whole text gives for it. Never raises on a str; [] when there is none.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_times() takes a str, not {type(text).__name__}")
    pub = _as_date(published)
    n = len(text)
    endpos = n if endpos is None else max(0, min(endpos, n))
    out: list[Timex] = []
    ctx_year = None  # the year stated by the last expression that states one...
    ctx_at = 0  # ... which ends here (it counts only in the same sentence)
    last_period = None  # the period of the last expression...
    last_end = 0  # ... which ends here
    match = PATTERN.match
    specs = _SPECS
    end = pos
    for s in _candidates(text, pos, endpos):
        if s < end:
            continue
        m = match(text, s, endpos)
        if m is None:
            continue
        e = m.end()
        if e == s:
            continue
        end = e
        g = m.group()
        spec = specs.get(g)
        if spec is None:
            spec = _spec_of(m)
        if not spec.ok:
            continue  # no such date: 2月30日, 13月
        if spec.ctx == "year" and ctx_year is not None and _SENT_END.search(text, ctx_at, s) is None:
            v = _value(g, spec, pub, ctx_year)
        elif spec.ctx == "period" and last_period is not None and _SENT_END.search(text, last_end, s) is None:
            v = _value(g, spec, pub, None, last_period)
        else:
            v = _value(g, spec, pub)
        s += v.trim
        out.append(Timex(s, e, text[s:e] if v.trim else g, v.period, v.grain, v.until, v.since, v.target, v.basis))
        last_end = e
        last_period = v.period
        if spec.fixes_year and v.period is not None:
            y = v.period.start.year
            ctx_year, ctx_at = (y if y == v.period.end.year else None), e
    return out


def parse_period(text: str, published=None) -> Optional[Period]:
    """The Period of one time expression on its own (zh or en), or None.

    `published` (a date or ISO string) resolves relative expressions: 今年, 10月份, last
    year. parse_period("截至2023年7月初", published="2023-08-15") is 2023-07-01..2023-07-10.
    """
    if not isinstance(text, str):
        return None
    pub = _as_date(published)
    s = text.strip()
    if not s:
        return None
    m = PATTERN.fullmatch(s)
    if m is None:  # after "in", "在": drop it
        lead = _LEAD.match(s)
        if lead is not None and lead.end() < len(s):
            s = s[lead.end():]
            m = PATTERN.fullmatch(s)
    if m is None:  # a bare year or month name: read as after "in"
        m = PATTERN.fullmatch("in " + s, 3)
    if m is None:
        return None
    spec = _spec_of(m)
    return _value(m.group(), spec, pub, None, None).period


_START = itemgetter(0)


def governing(times: list[Timex], pos: int, sent_start: int, sent_end: Optional[int] = None) -> Optional[Timex]:
    """The time expression that governs a claim at `pos`: the nearest one before `pos`
    in the sentence that starts at `sent_start`, else (if `sent_end` is given) the first
    one after `pos` before `sent_end`. `times` is find_times' list (ordered by start);
    a binary search, no text is read."""
    i = bisect_left(times, pos, key=_START)
    if i > 0 and times[i - 1].start >= sent_start:
        return times[i - 1]
    if sent_end is not None and i < len(times) and times[i].start < sent_end:
        return times[i]
    return None


def anchor(text: str, times: list[Timex], pos: int, sent_start: int, sent_end: Optional[int],
           published=None) -> tuple[Optional[Period], str]:
    """A claim's as_of and the rule that gave it:

    "own"        the governing expression is in the claim's clause (no ，；： between)
    "sentence"   it is elsewhere in the claim's sentence
    "published"  there is none: the publication date (a one-day Period)
    "none"       neither (no expression, no publication date): as_of is None
    """
    t = governing(times, pos, sent_start, sent_end)
    if t is not None:
        a, b = (t.end, pos) if t.start < pos else (pos, t.start)
        own = _CLAUSE_END.search(text, a, b) is None
        return t.period, "own" if own else "sentence"
    pub = _as_date(published)
    if pub is None:
        return None, "none"
    return Period(start=pub, end=pub, grain="day", text=None), "published"
