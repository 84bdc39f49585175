"""CC402 (a look-alike unit: EB for EFLOPS) and CC204 (a figure unchanged for months
while described as growing), each with near misses."""

import datetime as dt

import pytest

from claimcheck.check import check
from claimcheck.model import Document

D = dt.date.fromisoformat

CASES = [
    # (documents as (text, published), the code expected, or None for no finding at all)
    ([("2022年我国算力总规模达150EB。", "2023-03-01")], "CC402"),
    ([("2022年我国数据存储量达150EFLOPS。", "2023-03-01")], "CC402"),
    ([("算力中心投资30亿元。", "2023-03-01")], None),
    ([("2022年我国算力总规模达150EFLOPS。", "2023-03-01")], None),
    ([("截至2023年7月初，我国10亿级参数规模以上大模型已超80个，且还在快速增加。", "2023-08-15"),
      ("截至2024年2月，我国10亿级参数规模以上大模型已超80个。", "2024-03-01")], "CC204"),
    # near misses: the figure moved on; the two are close in time; nobody says it grows
    ([("截至2023年7月初，我国10亿级参数规模以上大模型已超80个，且还在快速增加。", "2023-08-15"),
      ("截至2024年2月，我国10亿级参数规模以上大模型已超200个。", "2024-03-01")], None),
    ([("截至2023年7月初，我国10亿级参数规模以上大模型已超80个，且还在快速增加。", "2023-08-15"),
      ("截至2023年8月，我国10亿级参数规模以上大模型已超80个。", "2023-09-01")], None),
    ([("截至2023年7月初，我国10亿级参数规模以上大模型已超80个。", "2023-08-15"),
      ("截至2024年2月，我国10亿级参数规模以上大模型已超80个。", "2024-03-01")], None),
]


@pytest.mark.parametrize("docs,code", CASES, ids=[f"{c or 'none'}-{i}" for i, (_, c) in enumerate(CASES)])
def test_units_and_stale(docs, code):
    report = check([Document(id=f"d{i}", text=t, published=D(p)) for i, (t, p) in enumerate(docs)])
    codes = [f.code for f in report.findings]
    if code is None:
        assert codes == []
    else:
        assert codes == [code]
