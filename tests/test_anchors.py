"""Anchors of the seed claims: metric, scope, as_of, modality and source against the
hand-checked table tests/data/seed_anchors.toml (our own reading of the seeds).

Rows that the extractor does not get right yet are listed in KNOWN_WRONG with the
reason and run as strict xfails, so that a fix shows up as an XPASS."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import claimcheck
from claimcheck.load import load

ROOT = Path(__file__).resolve().parent.parent
TABLE = tomllib.loads((ROOT / "tests" / "data" / "seed_anchors.toml").read_text(encoding="utf-8"))["row"]

# (doc, text, n) -> why the row fails today
KNOWN_WRONG: dict[tuple[str, str, int], str] = {}


@pytest.fixture(scope="module")
def seed_claims() -> dict[str, list]:
    docs = load([ROOT / "seeds"])
    out = {}
    for d in docs:
        out[Path(d.id).name[:3]] = claimcheck.extract(d.text, published=d.published, doc_id=d.id)
    return out


def _claim(claims: list, text: str, n: int):
    found = [c for c in claims if c.text == text]
    assert len(found) >= n, f"{text!r}: {len(found)} claim(s) with that text, row wants occurrence {n}"
    return found[n - 1]


def _id(row: dict) -> str:
    return f"{row['doc']}-{row['text']}-{row['n']}"


def _params():
    for row in TABLE:
        key = (row["doc"], row["text"], row["n"])
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[key])] if key in KNOWN_WRONG else []
        yield pytest.param(row, id=_id(row), marks=marks)


@pytest.mark.parametrize("row", list(_params()))
def test_seed_anchor(row: dict, seed_claims: dict) -> None:
    c = _claim(seed_claims[row["doc"]], row["text"], row["n"])
    checked = 0
    if "metric" in row:
        assert c.metric == row["metric"]
        checked += 1
    if "metric_head" in row:
        assert c.metric is not None and c.metric.split(".")[0] == row["metric_head"], c.metric
        checked += 1
    for key in ("region", "status", "precision", "basis"):
        if key in row:
            assert c.scope.get(key) == row[key], (key, c.scope)
            checked += 1
    if "min_params" in row:
        assert c.scope.get("min_params") == pytest.approx(row["min_params"]), c.scope
        checked += 1
    if row.get("no_min_params"):
        assert "min_params" not in c.scope, c.scope
        checked += 1
    for key, attr in (("as_of_start", "start"), ("as_of_end", "end")):
        if key in row:
            assert c.as_of is not None, f"no as_of (rule {c.as_of_rule})"
            assert getattr(c.as_of, attr) == dt.date.fromisoformat(row[key]), c.as_of
            checked += 1
    if "as_of_rule" in row:
        assert c.as_of_rule == row["as_of_rule"]
        checked += 1
    if "modality" in row:
        assert c.modality == row["modality"]
        checked += 1
    if "source" in row:
        assert c.source == row["source"]
        checked += 1
    assert checked, "a row must check something"


def test_table_size() -> None:
    assert len(TABLE) >= 50
    assert len({_id(r) for r in TABLE}) == len(TABLE), "rows are unique"


def test_every_claim_has_a_metric_and_modality(seed_claims: dict) -> None:
    """Nothing is silently dropped: an unknown subject still gets a key (marked ~)."""
    for claims in seed_claims.values():
        for c in claims:
            assert c.metric and c.modality in ("fact", "forecast", "target", "estimate")
            assert c.as_of_rule in ("own", "sentence", "published")
            assert c.as_of is not None
