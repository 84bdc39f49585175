"""numbers.py: the numeral grammar, table-driven (price-parser style) plus round trips.

Each table row is (text, expected), where expected lists (surface text, value) for every
number find_numbers / find_percents should report, in order. Values compare exactly as
Decimals, except repeating fractions, which compare to 1e-12.
"""

from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.numbers import (
    fold,
    parse_arabic,
    parse_numeral,
    parse_zh,
)
from claimcheck.extract.english import parse_en
from claimcheck.extract.scanners import find_numbers, find_percents

D = Decimal


def third(n, d):
    return D(n) / D(d)


# ------------------------------------------------------------------------ tables

ZH_NUMERALS = [
    ("两千", [("两千", 2000)]),
    ("一万五千", [("一万五千", 15000)]),
    ("1万1千", [("1万1千", 11000)]),
    ("3万4000", [("3万4000", 34000)]),
    ("二十万亿", [("二十万亿", D("2e13"))]),
    ("1.17亿", [("1.17亿", 117000000)]),
    ("5000万", [("5000万", 50000000)]),
    ("负1.1", [("负1.1", D("-1.1"))]),
    ("零点五", [("零点五", D("0.5"))]),
    ("壹万", [("壹万", 10000)]),
    ("十", [("十", 10)]),
    ("两千四百五", [("两千四百五", 2450)]),
    ("一万三", [("一万三", 13000)]),
    ("一千零十二", [("一千零十二", 1012)]),
    ("一百零十万", [("一百零十万", 1100000)]),
    ("三分之一", [("三分之一", third(1, 3))]),
    ("三百五又三分之一", [("三百五又三分之一", D(350) + third(1, 3))]),
    ("２．５万", [("２．５万", 25000)]),
    ("１９９１年", [("１９９１", 1991)]),
    ("４，５６５元", [("４，５６５", 4565)]),
    ("7万 5千 4百", [("7万 5千 4百", 75400)]),
    ("五十千", [("五十", 50)]),
    ("十多万人", [("十多万", 100000)]),
    ("百分之二十五", [("二十五", 25)]),
    ("增长了-5%", [("-5", -5)]),
    ("2019-2020年", [("2019", 2019), ("2020", 2020)]),
    ("二〇二三年", [("二〇二三", 2023)]),
    ("一打", [("一打", 12)]),
    ("第1,2名", [("1", 1), ("2", 2)]),  # a list, not a decimal comma, in Chinese
    ("2020/2021年", [("2020", 2020), ("2021", 2021)]),  # two years, not a fraction
]

EN_NUMERALS = [
    ("two million", [("two million", 2000000)]),
    ("1.2bn", [("1.2bn", 1200000000)]),
    ("a dozen", [("a dozen", 12)]),
    ("half a dozen", [("half a dozen", 6)]),
    ("fifty-three", [("fifty-three", 53)]),
    ("Twenty-six people", [("Twenty-six", 26)]),
    ("1,000", [("1,000", 1000)]),
    ("1 000", [("1 000", 1000)]),
    ("12.5", [("12.5", D("12.5"))]),
    ("１２．５", [("１２．５", D("12.5"))]),  # full-width digits
    ("10M", [("10M", 10000000)]),
    ("2 million", [("2 million", 2000000)]),
    ("1,674.5 million", [("1,674.5 million", 1674500000)]),
    ("3 hundred and 21 yuan", [("3 hundred and 21", 321)]),
    ("3 hundred and 2 hundred", [("3 hundred", 300), ("2 hundred", 200)]),
    ("twenty-one trillion three hundred", [("twenty-one trillion three hundred", 21000000000300)]),
    ("two hundred and two thousand", [("two hundred and two thousand", 202000)]),
    ("three lakh crore", [("three lakh crore", D("3e12"))]),
    ("nine point nought four", [("nine point nought four", D("9.04"))]),
    ("two hundred point seventy-one", [("two hundred point seventy-one", D("200.71"))]),
    ("minus five", [("minus five", -5)]),
    ("The answer is minus 5", [("minus 5", -5)]),
    ("two thirds", [("two thirds", third(2, 3))]),
    ("one and a half", [("one and a half", D("1.5"))]),
    ("five and a half million", [("five and a half million", 5500000)]),
    ("two thirds of a million", [("two thirds of a million", third(2000000, 3))]),
    ("one one hundred fifth", [("one one hundred fifth", third(1, 105))]),
    ("twenty fifths", [("twenty fifths", 4)]),
    ("one hundred thirty fifths", [("one hundred thirty fifths", third(100, 35))]),
    ("a hundred trillionths", [("a hundred trillionths", D("1e-10"))]),
    ("one over three", [("one over three", third(1, 3))]),
    ("two out of five hundred tvs", [("two out of five hundred", D("0.004"))]),
    ("three hundred and two dozens", [("three hundred and two dozens", 324)]),
    ("3 dozens", [("3 dozens", 36)]),
    ("1 234 567.89", [("1 234 567.89", D("1234567.89"))]),
    ("12,34,567", [("12,34,567", 1234567)]),
    ("1.111,11", [("1.111,11", D("1111.11"))]),
    ("1.3x10^6", [("1.3x10^6", 1300000)]),
    ("6.23x10^-4", [("6.23x10^-4", D("0.000623"))]),
    ("-4/5", [("-4/5", D("-0.8"))]),
    ("2 1/4", [("2 1/4", D("2.25"))]),
    ("½", [("½", D("0.5"))]),
    ("192.168.1.2", [("192", 192), ("168", 168), ("1", 1), ("2", 2)]),
    ("on 5/17/2018", [("5", 5), ("17", 17), ("2018", 2018)]),
    ("SCP-173", [("173", 173)]),
    ("I want to earn $2000 over 3 years", [("2000", 2000), ("3", 3)]),
    ("there are 12 out of 10", [("12", 12), ("10", 10)]),
    ("ranked 1 in 2023", [("1", 1), ("2023", 2023)]),  # a year is no denominator
]

NOT_NUMBERS = [
    "一看",
    "四川",
    "陆地上有许多动物",
    "统一",
    "零售",
    "个百分点",
    "The one you mentioned is invalid",
    "Book a first class seat",
    "the 180ml liquid",
    " the May 4th ",
    "1m isn't a number",
    "GPT3.5 and A100",
    "http://example.com/a?q=30%25%2020",
    "an",
    "a",
]

PERCENTS = [
    ("25%", [("25%", 25)]),
    ("25.4 %", [("25.4 %", D("25.4"))]),
    ("负3.9%", [("负3.9%", D("-3.9"))]),
    ("－1２２％", [("－1２２％", -122)]),
    ("百分之二十五", [("百分之二十五", 25)]),
    ("百分之一 点五", [("百分之一 点五", D("1.5"))]),
    ("百分之15Ｋ", [("百分之15Ｋ", 15000)]),
    ("千分之三", [("千分之三", D("0.3"))]),
    ("万分之三", [("万分之三", D("0.03"))]),
    ("百万分之五", [("百万分之五", D("0.0005"))]),
    ("七成", [("七成", 70)]),
    ("三成五", [("三成五", 35)]),
    ("三成半", [("三成半", 35)]),
    ("2.5成", [("2.5成", 25)]),
    ("十成", [("十成", 100)]),
    ("半成", [("半成", 5)]),
    ("九折", [("九折", 90)]),
    ("七五折", [("七五折", 75)]),
    ("8.5折", [("8.5折", 85)]),
    ("打对折", [("对折", 50)]),
    ("5个百分点", [("5个百分点", 5)]),
    ("四点 五个百分点", [("四点 五个百分点", D("4.5"))]),
    ("20 percent", [("20 percent", 20)]),
    ("twenty per cent", [("twenty per cent", 20)]),
    ("per cent of twenty-two", [("per cent of twenty-two", 22)]),
    ("just need minus five percent", [("minus five percent", -5)]),
    ("酒精量在5-20%之间", [("20%", 20)]),
]

NOT_PERCENTS = [
    "百分之二三十",  # twenty or thirty percent: a range, not a figure
    "二三十个百分点",
    "五百分之2.2",  # a fraction, 2.2/500
    "对折",  # folded in two
    "十折",
    "成立三年",
    "三折叠屏",
    "https://www.test.com/search?q=30%25%2020%",
]


def _close(a: Decimal, b) -> bool:
    b = D(b)
    return a == b or abs(a - b) <= D("1e-12") * max(abs(a), abs(b), D(1))


def _check(found, expected):
    got = [(n.text, n.value) for n in found]
    assert len(got) == len(expected), got
    for (gt, gv), (et, ev) in zip(got, expected):
        assert gt == et, got
        assert _close(gv, ev), got


@pytest.mark.parametrize("text, expected", ZH_NUMERALS + EN_NUMERALS, ids=[t for t, _ in ZH_NUMERALS + EN_NUMERALS])
def test_numbers(text, expected):
    _check(find_numbers(text), expected)


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=NOT_NUMBERS)
def test_not_numbers(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text, expected", PERCENTS, ids=[t for t, _ in PERCENTS])
def test_percents(text, expected):
    _check(find_percents(text), expected)


@pytest.mark.parametrize("text", NOT_PERCENTS, ids=NOT_PERCENTS)
def test_not_percents(text):
    assert find_percents(text) == []


def test_offsets_are_into_the_original_text():
    text = "收入１２．５亿元，增长百分之五，two thirds of them"
    for n in find_numbers(text) + find_percents(text):
        assert text[n.start:n.end] == n.text


def test_glued_units_are_reported_on_request():
    assert find_numbers("数据产量达8.1ZB") == []
    assert [(n.text, n.value) for n in find_numbers("数据产量达8.1ZB", units=True)] == [("8.1", D("8.1"))]
    assert find_numbers("the 4th", units=True) == []  # an ordinal is never a number


def test_bare_percent_mentions():
    assert find_percents("How do I calculate a percentage?") == []
    (n,) = find_percents("How do I calculate a percentage?", bare=True)
    assert (n.text, n.value) == ("percentage", None)
    assert [n.value for n in find_percents("100 percent", bare=True)] == [100]


def test_parse_functions():
    assert parse_zh(fold("一万五千")).value == 15000
    z = parse_zh("十多万")
    assert (z.value, z.step) == (100000, 100000)
    assert parse_zh("万") is None
    assert parse_en("fifty-three") == 53
    assert parse_en("two thirds of a million") == D(2000000) / 3
    assert parse_en("million") is None  # a bare scale word is not a number
    assert parse_arabic("1,234.5") == D("1234.5")
    assert parse_arabic("10 bln") == D("1e10")
    assert parse_arabic("2.5^-1") == D("0.4")
    assert parse_numeral("3万4000") == 34000
    assert parse_numeral("twenty-one") == 21


# ------------------------------------------------------------------------ round trips

ZH_DIG = "零一二三四五六七八九"


def _zh_group(n: int) -> str:
    """0 < n < 10000 in Chinese, with one 零 for each run of inner zeros."""
    out, zero = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ZH_DIG[d] + unit
    return out


def format_zh(n: int, short_ten: bool = True) -> str:
    """An integer 0..10^12 as a Chinese numeral: 一亿零五, 十二万, 一万零一十二."""
    if n == 0:
        return "零"
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    for value, unit in parts:
        if value == 0:
            continue
        if out and value < 1000:
            out += "零"
        out += (format_zh(value, False) if value >= 10**4 else _zh_group(value)) + unit
    if short_ten and out.startswith("一十"):
        out = out[1:]  # 一十二万 -> 十二万
    return out


def format_zh_decimal(value: Decimal, short_ten: bool) -> str:
    whole, _, frac = format(value, "f").partition(".")
    s = format_zh(int(whole), short_ten)
    return s + ("点" + "".join(ZH_DIG[int(c)] for c in frac) if frac else "")


EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en_below_1000(n: int, use_and: bool, hyphen: bool) -> str:
    words = []
    if n >= 100:
        words += [EN_UNITS[n // 100], "hundred"]
        n %= 100
        if n and use_and:
            words.append("and")
    if n >= 20:
        t = EN_TENS[n // 10]
        if n % 10:
            words.append(t + ("-" if hyphen else " ") + EN_UNITS[n % 10])
        else:
            words.append(t)
    elif n:
        words.append(EN_UNITS[n])
    return " ".join(words)


def format_en(n: int, use_and: bool = True, hyphen: bool = True) -> str:
    if n == 0:
        return "zero"
    words = []
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        part = n // scale % 1000
        if part:
            words.append(_en_below_1000(part, use_and, hyphen) + (" " + name if name else ""))
    return " ".join(words)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_zh_round_trip(n, short_ten):
    s = format_zh(n, short_ten)
    assert parse_zh(s).value == n, s
    if n == 0:  # 零 alone is ambiguous (零售, 清零): numerals.toml [zh.ambiguous]
        assert find_numbers(s) == []
        return
    (found,) = find_numbers(s)
    assert (found.text, found.value) == (s, n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99), st.sampled_from([1, 2]), st.booleans())
def test_zh_decimal_round_trip(whole, frac, places, short_ten):
    value = D(whole) + D(frac % 10**places).scaleb(-places)
    s = format_zh_decimal(value, short_ten)
    assert parse_zh(s).value == value, s
    (found,) = find_numbers(s)
    assert found.value == value, s


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans(), st.booleans())
def test_en_round_trip(n, use_and, hyphen):
    s = format_en(n, use_and, hyphen)
    assert parse_en(s) == n, s
    (found,) = find_numbers(s)
    assert (found.text, found.value) == (s, n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99), st.sampled_from([1, 2]))
def test_en_decimal_round_trip(whole, frac, places):
    digits = str(frac % 10**places).zfill(places)
    s = format_en(whole) + " point " + " ".join(EN_UNITS[int(c)] for c in digits)
    value = D(whole) + D(int(digits)).scaleb(-places)
    assert parse_en(s) == value, s


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=20), st.integers(min_value=2, max_value=10))
def test_en_fraction_round_trip(numer, den):
    ords = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}
    word = ords[den] if numer == 1 else (ords[den] + "s" if den != 2 else "halves")
    s = f"{'a' if numer == 1 else format_en(numer)} {word}"
    (found,) = find_numbers(s)
    assert found.text == s
    assert Fraction(str(found.value)).limit_denominator(1000) == Fraction(numer, den)


# ------------------------------------------------------------------------ linear time

LONG_INPUTS = {
    "digits": "1",
    "wan": "万",
    "yi-wan": "一万",
    "zh-digits": "一",
    "commas": "1,22",
    "spaced-groups": " 234",
    "dots": "1.",
    "english": "one ",
    "hyphens": "one-",
    "percent": "三成",
}


@pytest.mark.parametrize("unit", list(LONG_INPUTS.values()), ids=list(LONG_INPUTS))
def test_scanning_is_linear(unit):
    """A long line of one repeated piece scans in time proportional to its length."""

    def run(size):
        text = (unit * (size // len(unit) + 1))[:size] + "x"
        t0 = time.perf_counter()
        find_numbers(text)
        find_percents(text)
        return time.perf_counter() - t0

    small, big = run(20_000), run(80_000)
    assert big < 8 * max(small, 0.005), (small, big)  # linear is ~4x; quadratic ~16x
    assert big < 5.0
