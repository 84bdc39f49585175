"""Sweeps that find the pairs the rules look for without comparing all pairs: a group
of n claims costs O(n log n), so that a metric with thousands of claims in an archive
stays cheap (benchmarks/check.py)."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from itertools import count
from typing import Callable, Iterator, Optional

from .base import widened

__all__ = ["clashes", "falls"]

_INF = float("inf")


def _lo(w) -> float:
    return -_INF if w[0] is None else w[0]


def _hi(w) -> float:
    return _INF if w[1] is None else w[1]


def clashes(claims: list, compared: set, key: Optional[Callable] = None, limit: int = 5,
            part: Optional[Callable] = None, meets: Optional[Callable] = None) -> Iterator[tuple]:
    """Every (a, b) pair whose periods overlap and whose widened intervals are disjoint
    (and that `key(a, b)`, when given, accepts). A sweep over the claims by start of
    period keeps the claims whose periods are still open in two sorted lists, by upper
    and by lower end: those wholly below b are a prefix of the first, those wholly
    above a suffix of the second, so the cost is O(n log n) plus the pairs found. At
    most `limit` pairs are reported for each claim and side, the most extreme first, and
    a claim is cited `limit` times at most (then it leaves the lists: the walks never
    pass over it again), so that an archive where one quantity has hundreds of
    discordant figures gets a bounded report in bounded time.
    With `part(c)`, each part keeps its own lists, and only the pairs between parts p, q
    with `meets(p, q)` (default: p != q) are looked at: pairs that could never be
    reported are not even walked over. Claims that met one with an overlapping period
    are added to `compared`."""
    if meets is None:
        meets = (lambda p, q: p != q) if part is not None else (lambda p, q: True)
    order = sorted(claims, key=lambda c: (c.as_of.start, c.as_of.end, c.doc_id or "", c.start))
    cited: dict = {}  # id(claim) -> findings it is a partner in
    where: dict = {}  # id(claim) -> (part, upper, lower, tie): to take a claim out of the lists
    gone: set = set()  # ties of the claims taken out before their period ended
    lists: dict = {}  # part -> (by upper end, by lower end): sorted (value, tie, claim)
    expiry: list = []  # heap of (end date, tie, part, upper, lower)
    unmarked: list = []  # open claims not yet compared with any
    tie = count()
    open_n = 0  # claims whose periods are open (whether still in the lists or cited enough)
    for b in order:
        while expiry and expiry[0][0] < b.as_of.start:  # (their periods ended before this one began)
            _end, t, pb, hi, lo = heapq.heappop(expiry)
            open_n -= 1
            if t in gone:
                gone.discard(t)
            else:
                _remove(lists[pb], hi, lo, t)
        wb = widened(b)
        lo_b, hi_b = _lo(wb), _hi(wb)
        pb = part(b) if part is not None else None
        if open_n:
            compared.add(b.key)
            for c in unmarked:
                compared.add(c.key)
            unmarked = []
            for p, (by_hi, by_lo) in list(lists.items()):
                if not meets(p, pb) or not by_hi:
                    continue
                below = _take(by_hi, range(bisect_left(by_hi, (lo_b, -1))), b, key, limit, cited)  # (lowest first)
                above = _take(by_lo, range(len(by_lo) - 1, bisect_right(by_lo, (hi_b, _INF)) - 1, -1), b, key,
                              limit, cited)  # (highest first)
                for a in below + above:
                    yield a, b
                    if cited[id(a)] >= limit:  # (cited enough: out of the lists for good)
                        pa, hi, lo, t = where.pop(id(a))
                        _remove(lists[pa], hi, lo, t)
                        gone.add(t)
        else:
            unmarked.append(b)
        t = next(tie)
        by_hi, by_lo = lists.setdefault(pb, ([], []))
        insort(by_hi, (hi_b, t, b))
        insort(by_lo, (lo_b, t, b))
        where[id(b)] = (pb, hi_b, lo_b, t)
        heapq.heappush(expiry, (b.as_of.end, t, pb, hi_b, lo_b))
        open_n += 1


def _remove(lists: tuple, hi: float, lo: float, t: int) -> None:
    by_hi, by_lo = lists
    del by_hi[bisect_left(by_hi, (hi, t))]
    del by_lo[bisect_left(by_lo, (lo, t))]


def _take(entries: list, indexes, b, key, limit: int, cited: dict) -> list:
    """The claims at `indexes` of `entries`, in that order, that `key(a, b)` accepts:
    `limit` at most, each counted in `cited`. (Without a bound on the citations of each
    claim, one outlier would be cited by every claim near it: findings would grow with
    outliers x neighbours, quadratically in an archive.)"""
    out = []
    for i in indexes:
        a = entries[i][2]
        if key is None or key(a, b):
            cited[id(a)] = cited.get(id(a), 0) + 1
            out.append(a)
            if len(out) >= limit:
                break
    return out


def falls(series: list, compared: set, limit: int = 5) -> Iterator[tuple]:
    """(a, b) pairs of a series ordered by end of period where b, later, lies wholly
    below a: against each b, the earlier claim with the highest lower end, which is
    cited `limit` times at most (a high outlier would otherwise be cited by every claim
    after it)."""
    cited: dict = {}
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
            if _hi(wb) < best[0] and cited.get(best[1].key, 0) < limit:
                cited[best[1].key] = cited.get(best[1].key, 0) + 1
                yield best[1], b
        pending.append((_lo(wb), b))
