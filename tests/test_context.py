"""Anchoring on short texts written for the rules of docs/anchoring.md (zh and en):
metric, scope, as_of rule, modality, source and subject of one claim each."""

from __future__ import annotations

import datetime as dt

import pytest

import claimcheck
from claimcheck import link

# text, published, claim text, expected fields (only those given are checked)
CASES = [
    ("截至2023年10月，国内已发布大模型238个，其中北京51个、上海24个。", "2023-12-10", "24个",
     {"metric": "large_models.released.count", "region": "上海", "as_of_rule": "sentence",
      "as_of": ("2023-10-01", "2023-10-31")}),
    ("通过网信办备案的大模型有117个，其中北京51个。", "2024-04-01", "51个",
     {"metric": "large_models.registered.count", "region": "北京", "status": "registered", "as_of_rule": "published"}),
    ("预计到2025年，我国智能算力规模将达到1800EFLOPS。", "2023-12-10", "达到1800EFLOPS",
     {"metric": "compute.intelligent.flops", "region": "CN", "modality": "target", "as_of": ("2025-01-01", "2025-12-31")}),
    ("今年上半年，本土AI芯片出货超过5万张。", "2023-08-01", "超过5万张",
     {"metric": "gpu.shipments.cards", "as_of": ("2023-01-01", "2023-06-30"), "modality": "fact"}),
    ("据信通院统计，2022年我国算力总规模超150EFLOPS。", "2023-06-01", "超150EFLOPS",
     {"metric": "compute.total.flops", "source": "信通院", "as_of_rule": "own", "subject": "算力总规模"}),
    ("IDC数据显示，中国加速芯片的市场规模超过50万张。", "2023-12-01", "超过50万张",
     {"source": "IDC", "metric": "gpu.market.cards"}),
    ("有数据显示，国内大模型发布已达238个。", "2023-12-01", "已达238个",
     {"source": None, "metric": "large_models.released.count"}),
    ("《中国人工智能大模型地图研究报告》显示\n\n当前国内10亿参数规模以上的大模型已发布\n\n79个", "2023-08-25", "79个",
     {"metric": "large_models.released.count", "min_params": 1e9, "region": "CN",
      "source": "《中国人工智能大模型地图研究报告》", "subject": "10亿参数规模以上的大模型"}),
    ("科技部5月底发布的报告显示，当前国内大模型已发布79个。", "2023-08-25", "79个",
     {"as_of": ("2023-05-21", "2023-05-31"), "as_of_rule": "sentence"}),
    ("腾讯公布的解决方案覆盖了金融、教育等10个行业。", "2023-08-15", "10个",
     {"subject": "行业", "metric": "~行业.count"}),
    ("大模型已发布79个。", None, "79个", {"as_of": None, "as_of_rule": "none", "modality": "fact"}),
    ("According to IDC, China shipped over 500,000 GPUs in Q3 2023.", "2023-12-01", "over 500,000",
     {"metric": "gpu.market.cards", "region": "CN", "source": "IDC", "as_of": ("2023-07-01", "2023-09-30")}),
    ("As of June 2023, more than 80 large models had been registered in China.", "2023-08-15", "more than 80",
     {"metric": "large_models.registered.count", "region": "CN", "subject": "large models",
      "as_of": ("2023-06-01", "2023-06-30")}),
    ("By 2025, the company aims to reach 5 EFLOPS of computing power.", "2023-08-15", "5 EFLOPS",
     {"modality": "target", "as_of": ("2025-01-01", "2025-12-31")}),
    ("Revenue was $1.2bn last year, the company said.", "2024-03-01", "$1.2bn",
     {"metric": "revenue.total.usd", "as_of": ("2023-01-01", "2023-12-31"), "as_of_rule": "own"}),
]


@pytest.mark.parametrize("text,published,claim_text,want", CASES, ids=[c[2] + "@" + c[0][:12] for c in CASES])
def test_context(text, published, claim_text, want):
    claims = [c for c in claimcheck.extract(text, published=published) if c.text == claim_text]
    assert len(claims) == 1, [c.text for c in claimcheck.extract(text, published=published)]
    c = claims[0]
    for key, value in want.items():
        if key in ("region", "status", "min_params"):
            assert c.scope.get(key) == value, (key, c.scope)
        elif key == "as_of":
            got = None if c.as_of is None else (c.as_of.start, c.as_of.end)
            assert got == (None if value is None else tuple(dt.date.fromisoformat(v) for v in value))
        else:
            assert getattr(c, key) == value, key


def test_unknown_subject_keys_are_deterministic_and_marked():
    a = link.unknown_key("通义开源模型累计下载量", "download")
    assert a == link.unknown_key("通义开源模型累计下载量", "download") == "~通义开源模型累计下载量.downloads"
    assert link.unknown_key(None, "count") == "~unknown.count"
    assert link.metric_key("大模型", "card", "", None) is None  # the metric does not apply to cards


def test_anchor_false_leaves_context_empty():
    (c,) = claimcheck.extract("据IDC数据，今年大模型已发布79个。", published="2023-08-15", anchor=False)
    assert (c.metric, c.subject, c.as_of, c.modality, c.source) == (None, None, None, None, None)
    assert c.low == 79


def test_bad_published_date_is_a_value_error():
    with pytest.raises(ValueError):
        claimcheck.extract("大模型已发布79个。", published="someday")


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_far_dates_do_not_crash(published):
    claims = claimcheck.extract("今年大模型已发布79个，去年同期为30个，明年将超100个。", published=published)
    assert [c.low for c in claims][:2] == [79, 30]
