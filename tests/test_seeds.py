"""The hand-checked table of seed claims (tests/data/seed_claims.toml), both ways:
each listed claim is extracted with its interval and unit, and each listed non-claim
is not reported."""

import sys
from functools import lru_cache
from pathlib import Path

import pytest

import claimcheck

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
TABLE = tomllib.loads((Path(__file__).parent / "data" / "seed_claims.toml").read_text(encoding="utf-8"))
# Known misses, kept strict so that a fix shows up (XPASS fails until the entry goes).
XFAIL_CLAIMS: dict[str, str] = {
    "000_66da3807e53fe46a.txt|11 项|等 11 项生成式人工智能服务": "noun after a modifier (生成式人工智能服务) not found",
    "002_92933386036dc394.txt|逾300个|目前混元已接入腾讯逾300个业务和产品": "a noun eight characters on (业务和产品) is taken for the counted thing",
    "002_92933386036dc394.txt|47万|复旦大学团队开源包含47万高质量监督微调(sft)数据集": "bare magnitude followed by a modifier: unit guessed from an earlier noun",
    "003_ba0d8827cd60ccb9.txt|万亿级|人工智能模型体量已跃升至“万亿级”参数规模": "unit after a closing quote not read",
    "003_ba0d8827cd60ccb9.txt|7—8个|需要7—8个投资规模30亿元": "counted noun (数据中心) is beyond the look-ahead window",
}
XFAIL_NOT: dict[str, str] = {
    "001_17823c728e522540.txt|70部|推荐阅读 | 70部人工智能政策解读": "link titles in page furniture not recognised",
    "001_17823c728e522540.txt|即日-12.26|即日-12.26立即报名": "month.day dates (12.26) not recognised",
    "001_17823c728e522540.txt|6~500个字|请输入评论/评论长度6~500个字": "comment-form furniture not recognised",
}


@lru_cache(maxsize=None)
def _doc(name: str) -> tuple[str, tuple]:
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    return text, tuple(claimcheck.extract(text, doc_id=name))


def _where(row) -> tuple[int, int]:
    text, _ = _doc(row["doc"])
    at = text.index(row["context"]) + row["context"].index(row["text"])
    return at, at + len(row["text"])


def _id(row) -> str:
    return f"{row['doc'][:3]}-{row['text']}"


def _param(rows, xfails):
    out = []
    for r in rows:
        key = f"{r['doc']}|{r['text']}|{r['context']}"
        marks = [pytest.mark.xfail(strict=True, reason=xfails[key])] if key in xfails else []
        out.append(pytest.param(r, id=_id(r), marks=marks))
    return out


@pytest.mark.parametrize("row", _param(TABLE["claim"], XFAIL_CLAIMS))
def test_seed_claim(row):
    s, e = _where(row)
    _, claims = _doc(row["doc"])
    got = [c for c in claims if c.start == s and c.end == e]
    near = [(c.text, c.start) for c in claims if abs(c.start - s) < 15]
    assert got, f"{row['text']!r} at {s} not extracted; nearby: {near}"
    c = got[0]
    for key in ("low", "high"):
        want = row.get(key)
        if want is None:
            assert getattr(c, key) is None, f"{key}: {getattr(c, key)} != open"
        else:
            assert getattr(c, key) == pytest.approx(want, rel=1e-9), key
    if row.get("low") is not None:
        assert c.low_inclusive == row["low_inclusive"]
    if row.get("high") is not None:
        assert c.high_inclusive == row["high_inclusive"]
    assert c.approx == row.get("approx", False)
    assert c.unit == row["unit"]
    if "precision" in row:
        assert c.scope.get("precision") == row["precision"]


@pytest.mark.parametrize("row", _param(TABLE["not_claim"], XFAIL_NOT))
def test_seed_not_claim(row):
    s, e = _where(row)
    _, claims = _doc(row["doc"])
    overlapping = [c.text for c in claims if c.start < e and s < c.end]
    assert not overlapping, f"{row['text']!r} ({row['why']}) reported as {overlapping}"
