"""Linear time on adversarial input: extraction (anchored, as check() reads) of a text
twice as long takes about twice as long, whatever the text is made of.

One test per pattern of tests/hostile.py's ADVERSARIAL: a long run of digits, 万万万…,
1,1,1,…, nested brackets, 超超超…, 1.1.1.1…, 1亿1亿…, a single line of claims with no
sentence end, and a claim a line without punctuation (which was quadratic: each line
read its context on to the end of the text). time(2n) / time(n), each the best of three
runs interleaved, must stay at or below 3.0: linear is 2, quadratic 4. No absolute
times are asserted. benchmarks/linear.py runs the same patterns at 1 and 2 million
characters and a 5-million-character line.
"""

import gc
import time

import hostile
import pytest

import claimcheck

LIMIT = 3.0
RUNS = 3


def _time(text: str) -> float:
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        claimcheck.extract(text, published="2023-12-31")
        return time.perf_counter() - t0
    finally:
        gc.enable()


def growth(make, n: int, runs: int = RUNS) -> tuple[float, float, float]:
    """(best time at n, best time at 2n, their ratio), the runs interleaved so that a
    slow phase of the machine slows both sizes."""
    small, big = make(n), make(2 * n)
    claimcheck.extract(small[:1000])  # (warm: the grammar and the word lists)
    t1 = t2 = float("inf")
    for _ in range(runs):
        t1 = min(t1, _time(small))
        t2 = min(t2, _time(big))
    return t1, t2, t2 / t1


@pytest.mark.parametrize("name", list(hostile.ADVERSARIAL))
def test_extraction_is_linear(name):
    make, n = hostile.ADVERSARIAL[name]
    t1, t2, ratio = growth(make, n)
    assert ratio <= LIMIT, f"{name}: {t1:.4f} s at {n:,} characters, {t2:.4f} s at {2 * n:,}: x{ratio:.2f}"
