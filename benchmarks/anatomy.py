#!/usr/bin/env python
"""Where extraction time goes, as ratios to the regex floor of extract.py, on the same
text in the same process: how much of the budget the fixed parts take before any
reading is done.

    python benchmarks/anatomy.py [--chars 1000000] [--repeat 5]

Rows (each includes the rows above it, except the floor):

  floor                 a bare `regex` finditer pass counting matches (extract.py's floor)
  candidate scan        quantities' candidate pattern over the folded text, in C (findall)
  scan loop, no read    fold + furniture/frame words + the search loop over candidates,
                        calling a read that returns None at once
  minimal read          the same loop with a read that does only what every reading
                        needs: the tail after the numeral, the idiom lookup, the value,
                        a point interval and the RawClaim (no bound words, units,
                        filters, context) — a skeleton, not a correct extractor
  scan                  quantities.scan: the real reading
  extract values        claimcheck.extract(text, anchor=False): scan + Claim objects
  extract anchored      claimcheck.extract(text, published=...): + context and time

The skeleton rows are built by swapping `quantities._read` for a stand-in within this
process; nothing in the package changes.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract as bench  # noqa: E402  (same text, same floor)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import regex

    import claimcheck
    from claimcheck.extract import quantities as q
    from claimcheck.extract.grammar import _FAST, _HEAD_FIRST, _IDIOM_PARTS, _TAIL_IDX, _UNIT_ONLY
    from claimcheck.extract.numbers import fold_scan

    chunks = bench.build_chunks(args.chars)
    for c in chunks[:3]:
        claimcheck.extract(c, published=bench.PUBLISHED)
    folded = [fold_scan(c)[0] for c in chunks]
    pat = regex.compile(bench.FLOOR_PATTERN)
    real_read = q._read
    new = tuple.__new__

    def floor() -> None:
        for c in chunks:
            n = 0
            for _ in pat.finditer(c):
                n += 1

    def candidate_scan() -> None:
        for f in folded:
            _FAST.candidate.findall(f)

    def no_read(*_a):
        return None

    def minimal_read(m, kind, text, f, skip_lines, memory, floor_, eng):
        num_s, num_e = m.span()
        c = f[num_e:num_e + 1]
        if c in _UNIT_ONLY:
            t = eng.tail_unit.match(f, num_e)
        elif c in _HEAD_FIRST:
            t = eng.tail.match(f, num_e)
            t.group(*_TAIL_IDX)
        else:
            t = None
        tail_e = num_e if t is None else t.end()
        if _IDIOM_PARTS.get(f[num_s:tail_e]) is not None or kind != "zh":
            return None
        parsed = q._value(f[num_s:num_e], "zh")
        if parsed is None:
            return None
        v = float(parsed[0])
        return new(q.RawClaim, (num_s, tail_e, text[num_s:num_e], v, v, True, True, False, None,
                                "count", "count", None))

    def with_read(fn):
        def run() -> None:
            q._read = fn
            try:
                for c in chunks:
                    q.scan(c)
            finally:
                q._read = real_read
        return run

    def scan() -> None:
        for c in chunks:
            q.scan(c)

    def values() -> None:
        for c in chunks:
            claimcheck.extract(c, anchor=False)

    def anchored() -> None:
        for c in chunks:
            claimcheck.extract(c, published=bench.PUBLISHED)

    rows = [("floor", floor), ("candidate scan", candidate_scan), ("scan loop, no read", with_read(no_read)),
            ("minimal read", with_read(minimal_read)), ("scan", scan), ("extract values", values),
            ("extract anchored", anchored)]
    best = {name: float("inf") for name, _ in rows}
    for _ in range(args.repeat):
        for name, fn in rows:
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    chars = sum(map(len, chunks))
    print(f"{chars:,} chars in {len(chunks)} documents; best of {args.repeat} interleaved runs")
    print(f"  {'':22}{'seconds':>10}{'x floor':>10}")
    for name, _ in rows:
        print(f"  {name:22}{best[name]:10.4f}{best[name] / best['floor']:10.2f}")


if __name__ == "__main__":
    main()
