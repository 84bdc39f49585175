"""Ranges and combined bound words (claimcheck/extract/ranges.py, bounds.toml): one table
of readings, one of texts that must not become ranges.

Each row: text, the claim's text, low, high, low_inclusive, high_inclusive, bound, unit.
An open end is None (and its inclusiveness False), as in DESIGN.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import claimcheck

N = None

# ---------------------------------------------------------------- two bounds, one claim
TWO_SIDED = [
    ("x大于10小于20", "大于10小于20", 10, 20, False, False, "bounded", "dimensionless"),
    ("大于等于0并小于230.3964", "大于等于0并小于230.3964", 0, 230.3964, True, False, "bounded", "dimensionless"),
    ("这个数字大于二十的同时小于等于三十五", "大于二十的同时小于等于三十五", 20, 35, False, True, "bounded", "dimensionless"),
    ("这是一个大于100 并且小于300 的数", "大于100 并且小于300", 100, 300, False, False, "bounded", "dimensionless"),
    ("人口大于4865并少于20793的信息", "大于4865并少于20793", 4865, 20793, False, False, "bounded", "person"),
    ("这些苹果最多100最少20个", "最多100最少20个", 20, 100, True, True, "bounded", "count"),
    ("y不大于50不小于20", "不大于50不小于20", 20, 50, True, True, "bounded", "dimensionless"),
    ("数字在1000以上， 1500以下", "1000以上， 1500以下", 1000, 1500, True, True, "bounded", "dimensionless"),
    ("数字比四分之一大， 比二分之一小", "比四分之一大， 比二分之一小", 0.25, 0.5, False, False, "bounded", "dimensionless"),
    ("新增超过100家，不到200家", "超过100家，不到200家", 100, 200, False, False, "bounded", "company"),
    ("至少3个，最多5个", "至少3个，最多5个", 3, 5, True, True, "bounded", "count"),
    ("x is larger than 10 and smaller than 20.", "larger than 10 and smaller than 20", 10, 20, False, False, "bounded", "dimensionless"),
    ("at most 100 and at least 20 apples", "at most 100 and at least 20", 20, 100, True, True, "bounded", "dimensionless"),
    ("larger than twenty and less or equal than thirty five", "larger than twenty and less or equal than thirty five",
     20, 35, False, True, "bounded", "dimensionless"),
    ("higher or equal than one hundred, lower or equal than three hundred",
     "higher or equal than one hundred, lower or equal than three hundred", 100, 300, True, True, "bounded", "dimensionless"),
    ("above 1000 and below 1500", "above 1000 and below 1500", 1000, 1500, False, False, "bounded", "dimensionless"),
    ("above one quarter and below a half", "above one quarter and below a half", 0.25, 0.5, False, False, "bounded", "dimensionless"),
]

# ---------------------------------------------------------------- framed ranges: [X, Y]
FRAMED = [
    ("这个数字是位于20和30之间的", "位于20和30之间", 20, 30, True, True, "range", "dimensionless"),
    ("10000与20000之间", "10000与20000之间", 10000, 20000, True, True, "range", N),
    ("-10000与20000间", "-10000与20000间", -10000, 20000, True, True, "range", N),
    ("人数在10个和20个之间", "在10个和20个之间", 10, 20, True, True, "range", "count"),
    ("价格在5~10元之间", "在5~10元之间", 5, 10, True, True, "range", "CNY"),
    ("介于5和10之间", "介于5和10之间", 5, 10, True, True, "range", "dimensionless"),
    ("数字的范围是从一千到一千五百", "从一千到一千五百", 1000, 1500, True, True, "range", "dimensionless"),
    ("The number is between 20 and 30.", "between 20 and 30", 20, 30, True, True, "range", "dimensionless"),
    ("He scores between negative ten and fifteen.", "between negative ten and fifteen", -10, 15, True, True, "range", "dimensionless"),
    ("from one thousand to one thousand and five hundred.", "from one thousand to one thousand and five hundred",
     1000, 1500, True, True, "range", "dimensionless"),
    ("The number is from 200 to 3000000 in 2008", "from 200 to 3000000", 200, 3e6, True, True, "range", "dimensionless"),
    ("The number range is 20 through 100", "20 through 100", 20, 100, True, True, "range", "dimensionless"),
]

# ---------------------------------------------------------------- X到Y, X-Y in the tail
JOINED = [
    ("投资5000万到1亿美元", "5000万到1亿美元", 5e7, 1e8, True, True, "range", "USD"),
    ("占比70%-80%", "70%-80%", 70, 80, True, True, "range", "percent"),
    ("数字的范围是一千到一千五百", "一千到一千五百", 1000, 1500, True, True, "range", "dimensionless"),
    ("The number range is 1000-5000", "1000-5000", 1000, 5000, True, True, "range", "dimensionless"),
    ("The number range is 1000 – 5000", "1000 – 5000", 1000, 5000, True, True, "range", "dimensionless"),
    ("3到5万", "3到5万", 3e4, 5e4, True, True, "range", "dimensionless"),  # Y lends X its magnitude
    ("每人3-5万元", "3-5万元", 3e4, 5e4, True, True, "range", "CNY"),
    ("10到20亿元", "10到20亿元", 1e9, 2e9, True, True, "range", "CNY"),
    ("5-10 million dollars", "5-10 million dollars", 5e6, 1e7, True, True, "range", "USD"),
    ("5k-20k", "5k-20k", 5000, 20000, True, True, "range", "dimensionless"),
    ("请给我一到五个苹果", "一到五个", 1, 5, True, True, "range", "count"),
]

# ---------------------------------------------------------------- one-sided, combined words
COMBINED = [
    ("这个数字大于或者等于三千 九百 六十五 ", "大于或者等于三千 九百 六十五", 3965, N, True, False, "ge", "dimensionless"),
    ("找出 小于 或 等于100 的质数", "小于 或 等于100", N, 100, False, True, "le", "dimensionless"),
    ("less than or equal to 100", "less than or equal to 100", N, 100, False, True, "le", "dimensionless"),
    ("His score is equal to or less than 30", "equal to or less than 30", N, 30, False, True, "le", "dimensionless"),
    ("His score is equal to or more than 30", "equal to or more than 30", 30, N, True, False, "ge", "dimensionless"),
    ("His score is at least or equal to 30", "at least or equal to 30", 30, N, True, False, "ge", "dimensionless"),
    ("greater than or equal to 50", "greater than or equal to 50", 50, N, True, False, "ge", "dimensionless"),
    ("smaller or equal than 100", "smaller or equal than 100", N, 100, False, True, "le", "dimensionless"),
    ("bigger or equal than three thousand", "bigger or equal than three thousand", 3000, N, True, False, "ge", "dimensionless"),
    ("His score is more than 5000 or equal to it", "more than 5000 or equal to", 5000, N, True, False, "ge", "dimensionless"),
    ("His score is less than 5000 or equal", "less than 5000 or equal", N, 5000, False, True, "le", "dimensionless"),
    ("His score is 200 or greater than", "200 or greater than", 200, N, True, False, "ge", "dimensionless"),
    ("five hundred and more", "five hundred and more", 500, N, True, False, "ge", "dimensionless"),
    ("More than 40 are here", "More than 40", 40, N, False, False, "gt", "dimensionless"),
    ("Equaling to 20, the number", "Equaling to 20", 20, 20, True, True, "eq", "dimensionless"),
    # circumfix comparatives: 比X大 / 比X低
    ("他的年龄比三十大一些", "比三十大", 30, N, False, False, "gt", "dimensionless"),
    ("小明的身高比 170 低 ", "比 170 低", N, 170, False, False, "lt", "dimensionless"),
    ("比30%高", "比30%高", 30, N, False, False, "gt", "percent"),
    # suffix words
    ("小明的身高在 170 之下 ", "170 之下", N, 170, False, False, "lt", "dimensionless"),
    ("订购一批数目在 五百或者更多的产品", "五百或者更多", 500, N, True, False, "ge", "dimensionless"),
    ("10亿级参数规模以上", "10亿级参数规模以上", 1e9, N, True, False, "ge", "parameter"),
    # signs
    ("薪酬中位数≥50的公司", "≥50", 50, N, True, False, "ge", "dimensionless"),
    ("x>10 and y<20", ">10", 10, N, False, False, "gt", "dimensionless"),
    ("找出 < = 100 的质数", "< = 100", N, 100, False, True, "le", "dimensionless"),
    ("Is it still the case when <=  -30", "<=  -30", N, -30, False, True, "le", "dimensionless"),
    ("增速>20%", ">20%", 20, N, False, False, "gt", "percent"),
    # fractions with a bound word
    ("超过1/2的人都来到了这里", "超过1/2", 0.5, N, False, False, "gt", "dimensionless"),
    ("超过三分之二的受访者", "超过三分之二", 2 / 3, N, False, False, "gt", "dimensionless"),
    ("more than half people came here", "more than half", 0.5, N, False, False, "gt", N),
    ("more than a quarter of firms", "more than a quarter", 0.25, N, False, False, "gt", N),
    # 多/余/几 with a magnitude, alone on a line
    ("十几万", "十几万", 1e5, 2e5, False, False, "more", "dimensionless"),
    ("500多亿", "500多亿", 5e10, None, False, None, "more", "dimensionless"),
]

READINGS = TWO_SIDED + FRAMED + JOINED + COMBINED


@pytest.mark.parametrize("text,ctext,low,high,li,hi,bound,unit", READINGS, ids=[r[0] for r in READINGS])
def test_readings(text, ctext, low, high, li, hi, bound, unit):
    claims = claimcheck.extract(text)
    found = [c for c in claims if c.text == ctext]
    assert found, f"no claim {ctext!r} in {[(c.text, c.bound) for c in claims]}"
    c = found[0]
    assert text[c.start:c.end] == c.text
    assert c.bound == bound
    assert c.low == pytest.approx(low) if low is not None else c.low is None
    if hi is not None:  # None: the upper end is not what the row is about
        assert c.high == pytest.approx(high) if high is not None else c.high is None
        assert (c.low_inclusive, c.high_inclusive) == (li, hi)
    if unit is not None:
        assert c.unit == unit


# ---------------------------------------------------------------- no range here
# (text, the claims' texts and bounds, in order)
NOT_RANGES = [
    ("大于50小于12的目标", [("大于50", "gt"), ("小于12", "lt")]),  # cannot both hold
    ("More than 40 and less than 10 are two ranges", [("More than 40", "gt"), ("less than 10", "lt")]),
    ("x大于10且y小于20", [("大于10", "gt"), ("小于20", "lt")]),  # two quantities
    ("His score is equal to 5000 or more than 4500", [("equal to 5000", "eq"), ("more than 4500", "gt")]),
    ("His score is 200 or greater than 190", [("greater than 190", "gt")]),
    ("above 1000 and below 1500 is not above 1000 and below", [("above 1000 and below 1500", "bounded"),
                                                               ("above 1000 and below", "le")]),
    ("between 2019 and 2021", []),  # years
    ("在2022年和2023年之间", []),
    ("revenue rose from $5m to $10m", [("$5m", None), ("$10m", None)]),  # a change, not a range
    ("从5%提高到10%", [("5%", None), ("10%", None)]),
    ("占比25%", [("25%", None)]),  # 比 with no closer
    ("票房占比过20的影片", [("过20", "gt")]),
    ("3比2大胜", []),  # a score
    ("<>30", []),
    ("=>30", []),
    ("=<30", []),
    ("> 80%的企业", [("80%", None)]),  # a quote marker, not a sign
    ("1/3的企业", []),  # a slash fraction needs a bound word (24/7, dates)
    ("图1-3显示", []),  # labels
    ("编号1-100", []),
    ("iPhone 14-15", []),
    ("2019-2023", []),
    ("1-3月", []),
    ("3月1-2日", []),
    ("+1-222-2222-2222 is a phone number.", []),
    ("1995-01", []),
]


@pytest.mark.parametrize("text,expected", NOT_RANGES, ids=[r[0] for r in NOT_RANGES])
def test_not_ranges(text, expected):
    assert [(c.text, c.bound) for c in claimcheck.extract(text)] == expected


def test_hedge_before_a_range_is_approximate():
    c = claimcheck.extract("约5000万到1亿美元")[0]
    assert (c.text, c.low, c.high, c.bound, c.approx) == ("约5000万到1亿美元", 5e7, 1e8, "range", True)
    c = claimcheck.extract("这些苹果大概有20~100个")[0]
    assert (c.text, c.low, c.high, c.approx) == ("大概有20~100个", 20, 100, True)


def test_conformance_profile_translates_only_for_scoring():
    """The NumberRangeModel adapter states [X, Y] as [X, Y) and X以上 as (X, ∞), as
    Recognizers-Text writes them; the claims keep DESIGN.md's readings."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conformance import adapters

    for text, claim, spec in [
        ("一到五个", (1, 5, True, True), "[1,5)"),
        ("五百以上", (500, None, True, False), "(500,)"),
        ("三十或者以上", (30, None, True, False), "[30,)"),
        ("1000以上， 1500以下", (1000, 1500, True, True), "(1000,1500)"),
        ("五百多个", (500, 600, False, False), "(500,)"),
        ("大于10小于20", (10, 20, False, False), "(10,20)"),
    ]:
        c = claimcheck.extract(text)[0]
        assert (c.low, c.high, c.low_inclusive, c.high_inclusive) == claim
        assert str(adapters.range_model(text)[0].value) == spec


@pytest.mark.parametrize("text", ["，比或者a quarter或者超过元以下", "5九k$9k-两", "比<之间5", "between 1 and", "从1到从1到"])
def test_odd_inputs_read_sanely(text):
    """Found by fuzzing: 比 with no closer after an or-word, a range whose second end
    is below its first once the first's k applies."""
    for c in claimcheck.extract(text):
        assert text[c.start:c.end] == c.text
        assert c.low is None or c.high is None or c.low <= c.high
