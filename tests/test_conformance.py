"""External conformance: Microsoft Recognizers-Text specs (tests/data/recognizers-text).

Every case of every spec file that has an adapter (tests/conformance/adapters.py) is a
test of its own, id'd like ``zh-number-0042``; the ids in
tests/conformance/known_failures.txt are xfail(strict=True), so a case that starts to
pass fails as XPASS until it is taken off the list. Per file, the number of passing
cases must stay at or above its floor in tests/conformance/floors.toml (floors only go
up). `python tools/conformance.py` prints the table; `--failures KEY` the cases.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conformance import adapters, score, specs  # noqa: E402

pytestmark = pytest.mark.conformance

FLOORS = specs.read_floors()
KNOWN = specs.read_known_failures()
ADAPTED = [k for k in specs.FILES if adapters.adapter(k) is not None]


def _cases():
    for key in ADAPTED:
        for case in specs.load(key):
            marks = ()
            if case.id in KNOWN:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN[case.id] or "known failure"),)
            yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    outcome = adapters.run(case.key)[case.index]
    assert outcome.passed, score.explain(case, outcome.got)


@pytest.mark.parametrize("key", ADAPTED)
def test_floor(key):
    assert key in FLOORS, f"{key} has no floor: run `python tools/conformance.py --write-floors`"
    passed = sum(o.passed for o in adapters.run(key))
    assert passed >= FLOORS[key], f"{key}: {passed} cases pass, below the floor of {FLOORS[key]}"


def test_known_failures_name_cases_that_exist():
    ids = {c.id for key in specs.FILES for c in specs.load(key)}
    assert sorted(set(KNOWN) - ids) == []


def test_every_spec_file_is_listed_and_loads():
    on_disk = {p.relative_to(specs.DATA).as_posix() for p in specs.DATA.rglob("*.json")}
    assert on_disk == set(specs.FILES.values())
    assert sum(len(specs.load(k)) for k in specs.FILES) == 1418  # the README's total


def test_spec_files_are_unmodified_copies():
    """The copies are byte-for-byte those of the upstream commit (README, SHA256SUMS)."""
    sums = (specs.DATA / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    for line in filter(None, sums):
        digest, name = line.split(None, 1)
        assert hashlib.sha256((specs.DATA / name.strip()).read_bytes()).hexdigest() == digest, name


def test_scoring_rules():
    gold = specs.Gold(0, 3, "25.4%", "percentage", "25.4%")
    case = specs.Case("x", 0, "25.4% more", (gold,))
    assert score.passes(case, [score.Got(0, 3, 25.4)])
    assert not score.passes(case, [score.Got(0, 4, 25.4)])  # End is inclusive
    assert not score.passes(case, [score.Got(0, 3, 25.4), score.Got(5, 8, 1)])
    big = specs.Case("x", 0, "", (specs.Gold(0, 1, "", "number", "1.232E+15"),))
    assert score.passes(big, [score.Got(0, 1, 1232000000000000.2)])
    rng = specs.Case("x", 0, "", (specs.Gold(0, 1, "", "numberrange", "(20,35]"),))
    assert score.passes(rng, [score.Got(0, 1, score.Interval(score.Decimal(20), score.Decimal(35), False, True))])
    assert not score.passes(rng, [score.Got(0, 1, score.Interval(score.Decimal(20), score.Decimal(35), True, True))])
    cur = specs.Case("x", 0, "", (specs.Gold(0, 1, "", "currency", "5", "United States dollar", "USD"),))
    assert score.passes(cur, [score.Got(0, 1, 5, unit="US dollar", iso="USD")])  # the ISO code suffices
    assert not score.passes(cur, [score.Got(0, 1, 5, unit="Dollar")])
    null = specs.Case("x", 0, "", (specs.Gold(0, 1, "", "currency", None, "Dollar"),))
    assert score.passes(null, [score.Got(0, 1, 99, unit="Dollar")])  # null value: span and unit only
