"""CC304: growth rates and multiples against the two values they relate."""

import datetime as dt

import pytest

from claimcheck.check import check
from claimcheck.model import Document

CASES = [
    ("公司营收从100亿元增长到125亿元，同比增长25%。", "verified"),
    ("公司营收从100亿元增长到125亿元，同比增长35%。", "warning"),
    ("营收由200亿元降至150亿元，下降25%。", "verified"),
    ("营收由200亿元降至150亿元，下降40%。", "warning"),
    ("用户数从2000万增至4000万，翻了一番。", "verified"),
    ("用户数从2000万增至5000万，翻了一番。", "warning"),
    ("语义理解准确度从85%提升至94%。", "none"),  # percentage points: no rate of two values
    ("公司营收从100亿元增长到125亿元。", "none"),  # no rate stated
]


@pytest.mark.parametrize("text,want", CASES)
def test_growth(text, want):
    r = check([Document(id="a", text=text, published=dt.date(2024, 1, 1))])
    found = [f for f in r.findings if f.code == "CC304"]
    ok = [v for v in r.verified if v.code == "CC304"]
    assert not [f for f in r.findings if f.code != "CC304"], r.findings
    if want == "verified":
        assert ok and not found
    elif want == "warning":
        assert found and found[0].severity == "warning" and not ok
    else:
        assert not found and not ok
