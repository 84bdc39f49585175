"""extract/ compiles its hottest patterns with Python's `re` as well as with `regex`
(claimcheck/extract/_engines.py). These tests check what that rests on: the table of
characters the two engines classify differently is still right for the installed
versions, a text with such a character where it matters is read with `regex`, and both
compilations find the same candidates."""

from __future__ import annotations

import random

import pytest

from claimcheck.extract import _engines, quantities
from claimcheck.extract.numbers import fold, fold_scan


def _points(table: str) -> set[int]:
    return {cp for a, b in _engines.parse(table) for cp in range(a, b + 1)}


def test_table_covers_the_installed_engines():
    """The table may list more characters than this installation's engines disagree on
    (it is a union over versions) but never fewer."""
    word, other = _engines.disagreements()
    missing = sorted(_points(word) - _points(_engines.UNSAFE_WORD))
    assert not missing, f"add to _engines.UNSAFE_WORD: {_engines._format(missing)}"
    missing = sorted(_points(other) - _points(_engines.UNSAFE_OTHER))
    assert not missing, f"add to _engines.UNSAFE_OTHER: {_engines._format(missing)}"


@pytest.mark.parametrize("text, exact", [
    ("超过5000万元", False),
    ("夯实数字经济根基③\n", False),   # a circled digit between Chinese characters: no \w test sees it
    ("x²-5", True),                  # a superscript next to a letter
    ("one③", True),
    ("③-5", True),                   # before a minus sign
    ("cafe\u0301 5", True),          # a combining mark after a letter
    ("ı 5", True),                   # case-insensitive letters differ
    ("\x1c5", True),                 # \s differs
    ("价格😀5元", True),              # astral characters are not checked one by one
    ("１２３，４５６元", False),
])
def test_fold_scan(text, exact):
    f, needs = fold_scan(text)
    assert f == fold(text)
    assert needs is exact


def _texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = list("0123456789.,-/: \t\n%年月日一二两三十百千万亿零点负分之多余几") + [
        "out of", "half", "one", "a ", "https://x", "百分之", "翻两番", "上万", "超过", "个", "元", "million", "k",
        "²", "③", "\u0301", "到", "~", "GPT-",
    ]
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 24))) for _ in range(n)]


def test_both_compilations_find_the_same_candidates():
    fast, exact = quantities._FAST.candidate, quantities._exact().candidate
    for text in _texts(400, 11):
        f, needs = fold_scan(text)
        if needs:
            continue
        for pos in range(len(f) + 1):
            a, b = fast.search(f, pos), exact.search(f, pos)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), (f, pos)
