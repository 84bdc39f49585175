"""Core behaviour of claimcheck.extract on short phrases: interval, unit, span."""

from math import inf

import pytest

import claimcheck

# (text, claim text, low, high, low_inclusive, high_inclusive, unit)
EXAMPLES = [
    ("2022年我国算力总规模超150EFLOPS", "超150EFLOPS", 1.5e20, None, False, False, "FLOP/s"),
    ("总算力超过5EFLOPS(FP32)", "超过5EFLOPS", 5e18, None, False, False, "FLOP/s"),
    ("单个项目不超过 5000 万元", "不超过 5000 万元", None, 5e7, False, True, "CNY"),
    ("已与1万1千家生态伙伴合作", "1万1千家", 11000, 11000, True, True, "company"),
    ("大模型已发布79个", "79个", 79, 79, True, True, "model"),
    ("占比25.4%", "25.4%", 25.4, 25.4, True, True, "percent"),
    ("七成企业", "七成", 70, 70, True, True, "percent"),
    ("人员规模已达3000多人", "已达3000多人", 3000, 4000, False, False, "person"),
    ("近100亿元", "近100亿元", 9e9, 1e10, True, False, "CNY"),
    ("约2000亿元", "约2000亿元", 1.8e11, 2.2e11, True, True, "CNY"),
    ("投资5000万到1亿美元", "5000万到1亿美元", 5e7, 1e8, True, True, "USD"),
    ("筹码动辄数十亿美金", "数十亿美金", 2e9, 1e10, True, False, "USD"),
    ("40家以上", "40家以上", 40, None, True, False, "company"),
    ("不到0.1%", "不到0.1%", None, 0.1, False, False, "percent"),
    ("收入仍不过2亿美元", "2亿美元", 2e8, 2e8, True, True, "USD"),
    ("参数量只有1.17亿", "1.17亿", 1.17e8, 1.17e8, True, True, "parameter"),
    ("raised $1.2bn last year", "$1.2bn", 1.2e9, 1.2e9, True, True, "USD"),
    ("over 300 companies", "over 300", 300, None, False, False, "company"),
]


@pytest.mark.parametrize("text,ctext,low,high,li,hi,unit", EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_examples(text, ctext, low, high, li, hi, unit):
    claims = claimcheck.extract(text)
    found = [c for c in claims if c.text == ctext]
    assert found, f"no claim {ctext!r} in {[c.text for c in claims]}"
    c = found[0]
    assert text[c.start:c.end] == c.text
    assert c.low == pytest.approx(low) if low is not None else c.low is None
    assert c.high == pytest.approx(high) if high is not None else c.high is None
    assert (c.low_inclusive, c.high_inclusive) == (li, hi)
    assert c.unit == unit
    claimcheck.ureg.parse_units(c.unit)  # every canonical unit is a pint unit


NOT_CLAIMS = ["GPT-4发布", "英伟达A100芯片", "百模大战", "十四五规划", "2023年7月初", "8月14日", "昇腾910", "文心大模型3.5版本"]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text):
    assert claimcheck.extract(text) == []


def test_empty_and_json():
    assert claimcheck.extract("") == []
    c = claimcheck.extract("超80个大模型")[0]
    d = c.model_dump(mode="json")
    assert d["low"] == 80.0 and d["high"] is None
    assert hash(c) == hash(claimcheck.extract("超80个大模型")[0])


def test_quantity_converts():
    c = claimcheck.extract("超150EFLOPS")[0]
    assert c.quantity.to("PFLOPS").magnitude == pytest.approx(150000)
    assert c.low != inf
