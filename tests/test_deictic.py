"""A subject that opens with a demonstrative (该项目, 这家公司) is the article's own: its
figures are not compared with another article's figures of the same wording."""

from __future__ import annotations

import datetime as _dt

import claimcheck
from claimcheck.model import Document


def _docs(a: str, b: str) -> list[Document]:
    return [Document(id="a", text=a, published=_dt.date(2023, 5, 1)),
            Document(id="b", text=b, published=_dt.date(2023, 5, 3))]


def test_the_demonstrative_is_kept_as_scope():
    (c,) = [c for c in claimcheck.extract("该项目总投资461亿元。", published="2023-05-01")]
    assert c.metric == "investment.total.cny" and c.scope.get("deictic") is True
    (d,) = claimcheck.extract("华为的生态伙伴已超过2000家。", published="2023-05-01")
    assert "deictic" not in d.scope


def test_two_articles_projects_are_not_one_quantity():
    report = claimcheck.check(_docs("2023年，该项目总投资461亿元。", "2023年，该项目总投资200亿元。"))
    assert [f.code for f in report.findings] == []


def test_without_the_demonstrative_they_conflict():
    report = claimcheck.check(_docs("2023年，华为的研发投入达461亿元。", "2023年，华为的研发投入达200亿元。"))
    assert [f.code for f in report.findings] == ["CC101"]
