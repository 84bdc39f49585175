#!/usr/bin/env python
"""A quick, in-process version of the headline figure of extract.py: the ratio of
`claimcheck.extract` (values only; anchored; and `quantities.scan`, the part before Claims are built) to the
regex floor, on the same seed text cut into documents the same way, best of a few
interleaved runs. Seconds, for use while changing the extractor; extract.py is the
benchmark of record.

    python benchmarks/quick.py [--chars 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract as bench  # noqa: E402  (benchmarks/extract.py: same text, same floor)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import regex

    import claimcheck
    from claimcheck.extract.quantities import scan

    chunks = bench.build_chunks(args.chars)
    claimcheck.extract(chunks[0])  # loads the lazy parts
    pat = regex.compile(bench.FLOOR_PATTERN)
    extract = claimcheck.extract

    def floor() -> None:
        for c in chunks:
            n = 0
            for _ in pat.finditer(c):
                n += 1

    def scan_all() -> None:
        for c in chunks:
            scan(c)

    def extract_all() -> None:
        for c in chunks:
            extract(c, anchor=False)

    def anchored_all() -> None:
        for c in chunks:
            extract(c, published="2023-12-31")

    runs = {"floor": [], "scan": [], "extract": [], "anchored": []}
    for _ in range(args.repeat):
        for name, fn in (("floor", floor), ("scan", scan_all), ("extract", extract_all), ("anchored", anchored_all)):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in runs.items()}
    chars = sum(map(len, chunks))
    print(f"{chars:,} chars in {len(chunks)} documents, best of {args.repeat}")
    for name in ("floor", "scan", "extract", "anchored"):
        print(f"  {name:8} {best[name]:8.4f} s  {best[name] / best['floor']:6.2f}x the floor")


if __name__ == "__main__":
    main()
