"""Sweeps that find the pairs the rules look for without comparing all pairs: a group
of n claims costs O(n log n), so that a metric with thousands of claims in an archive
stays cheap (benchmarks/check.py)."""

from __future__ import annotations

import heapq
from itertools import count
from typing import Callable, Iterator, Optional

from .base import widened

__all__ = ["clashes", "falls"]

_INF = float("inf")


def _lo(w) -> float:
    return -_INF if w[0] is None else w[0]


def _hi(w) -> float:
    return _INF if w[1] is None else w[1]


def clashes(claims: list, compared: set, key: Optional[Callable] = None) -> Iterator[tuple]:
    """(a, b) pairs whose periods overlap and whose widened intervals are disjoint: for
    each claim b (by start of period), the active claim with the lowest upper end and
    the one with the highest lower end are the only ones that can lie wholly below or
    above it. `key(a, b)` may reject a pair (then the next extreme is not tried: one
    finding per claim and side is enough). Claims that met an overlapping one are added
    to `compared`."""
    order = sorted(claims, key=lambda c: (c.as_of.start, c.as_of.end, c.doc_id or "", c.start))
    low_hi: list = []  # (upper end, tie, end date, claim)  min-heap
    high_lo: list = []  # (-lower end, tie, end date, claim)  min-heap
    tie = count()
    for b in order:
        for heap in (low_hi, high_lo):
            while heap and heap[0][2] < b.as_of.start:
                heapq.heappop(heap)  # (its period ended before this one began)
        wb = widened(b)
        if low_hi:
            compared.add(b.key)
            for heap in (low_hi, high_lo):
                compared.add(heap[0][3].key)
            a = low_hi[0][3]
            if low_hi[0][0] < _lo(wb) and (key is None or key(a, b)):
                yield a, b
            a = high_lo[0][3]
            if -high_lo[0][0] > _hi(wb) and (key is None or key(a, b)):
                yield a, b
        t = next(tie)
        heapq.heappush(low_hi, (_hi(wb), t, b.as_of.end, b))
        heapq.heappush(high_lo, (-_lo(wb), t, b.as_of.end, b))


def falls(series: list, compared: set) -> Iterator[tuple]:
    """(a, b) pairs of a series ordered by end of period where b, later, lies wholly
    below a: against each b, the earlier claim with the highest lower end."""
    best = None  # (lower end, claim) of the claims that end strictly before the current date
    pending: list = []
    current = None
    for b in series:
        if b.as_of.end != current:
            for lo, c in pending:
                if best is None or lo > best[0]:
                    best = (lo, c)
            pending = []
            current = b.as_of.end
        wb = widened(b)
        if best is not None:
            compared.add(b.key)
            compared.add(best[1].key)
            if _hi(wb) < best[0]:
                yield best[1], b
        pending.append((_lo(wb), b))
