"""Fuzzing: hostile text never crashes claimcheck, never makes a report malformed, and
never injects into the media a report is read in (docs/security.md).

The generators and the properties are in tests/hostile.py: random text over a hostile
alphabet (numerals of every kind, bound words, units, separators, control characters,
NUL, zero-width and bidi marks, emoji, lone surrogates, workflow commands, Markdown,
HTML and XML syntax), mutated seed articles, and planted conflicts wrapped in hostile
text so that findings quote it, with hostile document ids and paths. Bounded to a few
seconds here; benchmarks/fuzz.py runs the same properties over 10,000 inputs.
"""

import datetime as _dt
import random

import hostile
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.model import Document
from claimcheck.report import FORMATS, render

TEXT, MUTATED, CORPUS = hostile.strategies()
DATES = st.one_of(st.none(), st.dates(_dt.date(2000, 1, 1), _dt.date(2030, 12, 31)))


@settings(max_examples=250)
@given(TEXT, DATES)
@example("\ud800超80个\udfff", None)
@example("1" * 500 + "万" * 300 + "亿元", _dt.date(2023, 8, 15))
@example("::error::截至2023年10月，我国已发布\u202e大模型238个。\x00", _dt.date(2023, 10, 20))
def test_extract_never_raises_and_offsets_slice(text, published):
    assert hostile.extract_violations(text, published) == []


@settings(max_examples=25)
@given(MUTATED)
def test_extract_on_mutated_seeds(text):
    assert hostile.extract_violations(text, _dt.date(2023, 12, 10)) == []


@settings(max_examples=40)
@given(CORPUS)
def test_check_and_every_format_on_hostile_corpora(docs):
    assert hostile.violations(docs) == []


@settings(max_examples=40)
@given(st.lists(TEXT, min_size=1, max_size=3), st.lists(st.text(max_size=8), min_size=3, max_size=3), DATES)
def test_hostile_texts_ids_and_paths_together(texts, ids, published):
    docs = [Document(id=f"{ids[i]}#{i}", text=t, path=ids[i] or None, published=published)
            for i, t in enumerate(texts)]
    assert hostile.violations(docs) == []


# ---------------------------------------------------------------------------- fixed cases

def _seeds_with(rng: random.Random, ids: list) -> list:
    return [Document(id=i, text=hostile.mutate(t, rng, 3), path=i, published=d)
            for i, t, d in zip(ids, hostile.seeds(), hostile.seed_dates())]


SURROGATE_IDS = ["a\ud800.txt", "\udcff\udcfe.txt", "ok.txt", "b\udfffc", "\ud83d.txt"]


def test_surrogates_in_ids_paths_and_text_in_every_format():
    """Lone surrogates (a JSON escape, a file name that is not UTF-8) in the ids, paths
    and texts of findings: every format still renders text UTF-8 can write."""
    texts = ["截至2023年10月，我国已发布大模型238个。\ud800", "截至2023年10月，\udcff我国已发布大模型150个。"]
    docs = [Document(id=i, text=t, path=i, published=_dt.date(2023, 10, 20))
            for i, t in zip(SURROGATE_IDS, texts)]
    report = claimcheck.check(docs)
    assert [f.code for f in report.findings] == ["CC101"] and report.errors == []
    for fmt in FORMATS:
        out = render(report, fmt, docs, **({"step_summary_path": ""} if fmt == "github" else {}))
        out.encode("utf-8")  # (strict)
        assert hostile.format_violations(fmt, out, report) == [], fmt
    assert "\ufffd" in render(report, "json", docs)


@pytest.mark.parametrize("seed", range(3))
def test_mutated_seed_corpus_with_hostile_ids(seed):
    """The seed corpus, mutated, under hostile ids: findings of several rules, every
    format well-formed."""
    rng = random.Random(seed)
    docs = _seeds_with(rng, [hostile.hostile_id(rng, k) for k in range(len(hostile.seeds()))])
    assert hostile.violations(docs) == []


def test_many_findings_overflow_every_cap():
    """More findings than a GitHub step shows and a Markdown comment lists."""
    rng = random.Random(7)
    texts = [t for _ in range(40) for t in hostile.planted(rng)]
    docs = hostile.make_documents(texts, [hostile.hostile_id(rng, k) for k in range(len(texts))],
                                  [None] * len(texts), [_dt.date(2024, 1, 1)] * len(texts))
    report = claimcheck.check(docs)
    assert len(report.findings) > 50
    assert hostile.violations(docs) == []
