#!/usr/bin/env python
"""Benchmark of `claimcheck.extract.timex.find_times` against the regex floor.

    python benchmarks/timex.py [--chars 1000000] [--repeat 7] [--jionlp]

The text is the seed articles (seeds/*.txt) repeated to about --chars characters and cut
back into documents at the seed boundaries, as in benchmarks/extract.py. Timed, best
(and median) of --repeat interleaved runs, in this process:

  floor       one pass of `regex` [0-9０-９.,零〇一二两三四五六七八九十百千万亿]+ counting the
              matches in a Python loop (the floor of benchmarks/extract.py)
  starts      the `re` scan of the places where a time expression may start (part of
              find_times)
  find_times  find_times(doc, published) on every document

The headline figure is find_times / floor (read the ratio, not the seconds: see
benchmarks/README.md). --jionlp also times jionlp's time NER (`jio.ner.extract_time`)
on a sample of the same documents when jionlp is installed (it is not a dependency:
`pip install jionlp`); see docs/time.md for the comparison of accuracy.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract as bench  # noqa: E402  (benchmarks/extract.py: same text, same floor)

PUBLISHED = _dt.date(2023, 8, 15)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--jionlp", action="store_true", help="also time jionlp's extract_time on a sample")
    args = ap.parse_args()

    import regex

    t0 = time.perf_counter()
    from claimcheck.extract import timex
    import_s = time.perf_counter() - t0

    chunks = bench.build_chunks(args.chars)
    chars = sum(map(len, chunks))
    pat = regex.compile(bench.FLOOR_PATTERN)
    starts = timex._STARTS
    find_times = timex.find_times
    found = sum(len(find_times(c, PUBLISHED)) for c in chunks)  # warm-up (caches, lazy parts)

    def floor() -> None:
        for c in chunks:
            n = 0
            for _ in pat.finditer(c):
                n += 1

    def scan() -> None:
        for c in chunks:
            n = 0
            for _ in starts.finditer(c):
                n += 1

    def times() -> None:
        for c in chunks:
            find_times(c, PUBLISHED)

    runs: dict[str, list[float]] = {"floor": [], "starts": [], "find_times": []}
    for _ in range(args.repeat):
        for name, fn in (("floor", floor), ("starts", scan), ("find_times", times)):
            gc.collect()
            t = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - t)
    best = {k: min(v) for k, v in runs.items()}
    med = {k: statistics.median(v) for k, v in runs.items()}

    print(f"{chars:,} characters in {len(chunks)} documents; {found:,} time expressions; "
          f"best and median of {args.repeat} interleaved runs")
    print(f"(import of claimcheck.extract.timex, with the extract package: {import_s * 1000:.0f} ms)")
    print()
    print("| pass | best s | median s | chars/s (best) | best / floor | median / floor |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ("floor", "starts", "find_times"):
        print(f"| {name} | {best[name]:.4f} | {med[name]:.4f} | {chars / best[name]:,.0f} | "
              f"{best[name] / best['floor']:.2f} | {med[name] / med['floor']:.2f} |")

    _english(pat, find_times, args.chars, args.repeat)
    if args.jionlp:
        _jionlp(chunks, best["find_times"] / chars)


def _english(pat, find_times, chars: int, repeat: int) -> None:
    """The same ratio on English text: the English inputs of the Recognizers-Text specs
    (tests/data/recognizers-text, one sentence a line) repeated to about `chars`."""
    import json

    lines = []
    for path in sorted((ROOT / "tests" / "data" / "recognizers-text").rglob("*.json")):
        if "English" not in str(path):
            continue
        try:
            cases = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        lines += [c["Input"] for c in cases if isinstance(c, dict) and isinstance(c.get("Input"), str)]
    if not lines:
        return
    one = "\n".join(lines) + "\n"
    text = one * max(1, chars // len(one))
    runs: dict[str, list[float]] = {"floor": [], "find_times": []}
    for _ in range(repeat):
        for name, fn in (("floor", lambda: sum(1 for _ in pat.finditer(text))),
                         ("find_times", lambda: find_times(text, PUBLISHED))):
            gc.collect()
            t = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - t)
    best = {k: min(v) for k, v in runs.items()}
    print(f"\nEnglish: {len(text):,} characters ({len(lines)} Recognizers-Text sentences repeated), "
          f"{len(find_times(text, PUBLISHED)):,} time expressions")
    print(f"| English text | floor {best['floor']:.4f} s | find_times {best['find_times']:.4f} s "
          f"({len(text) / best['find_times']:,.0f} chars/s) | {best['find_times'] / best['floor']:.2f} x the floor |")


def _jionlp(chunks: list[str], ours_per_char: float) -> None:
    """jionlp's time NER on the table of tests/data/timex_cases.toml (the period only:
    jionlp has no until/since/target) and on the seeds, beside find_times."""
    import logging
    import math
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    try:
        import jionlp as jio
    except ImportError:
        print("\njionlp is not installed (pip install jionlp): skipped")
        return
    logging.disable(logging.CRITICAL)  # (jionlp logs a traceback for each string it cannot read)

    from claimcheck.extract.timex import find_times

    table = tomllib.loads((ROOT / "tests" / "data" / "timex_cases.toml").read_text(encoding="utf-8"))
    sections = ("zh_absolute", "zh_relative", "zh_flags", "en", "hard", "edge")
    rows = [(s, r) for s in sections for r in table[s] if r[1]]  # (rows with a publication date)
    rows += [("none", [t, p, "", "", "", ""]) for t, p in table["none"]["rows"] if p]

    def jio_period(text: str, pub: str):
        try:
            base = time.mktime(_dt.date.fromisoformat(pub).timetuple())
        except (ValueError, OverflowError):
            return "error"
        try:
            found = jio.ner.extract_time(text, time_base=base)
        except Exception:  # noqa: BLE001 - jionlp raises on what it cannot read
            return "error"
        if not found:
            return None
        if len(found) > 1:
            return "several"
        t = found[0]["detail"]["time"]
        if isinstance(t, dict) or not isinstance(t, list) or len(t) != 2:
            return "other"
        return tuple("inf" if (isinstance(x, float) and math.isinf(x)) or x == "inf" else str(x)[:10] for x in t)

    def ours_period(text: str, pub: str):
        found = find_times(text, pub)
        if not found:
            return None
        if len(found) > 1:
            return "several"
        p = found[0].period
        return (str(p.start), str(p.end)) if p else ("", "")

    score = {"jionlp": {}, "claimcheck": {}}
    for section, (text, pub, start, end, *_rest) in rows:
        want = None if section == "none" or not start else (start, end)  # (no period: none or unresolved)
        lang = "en" if section == "en" or text.isascii() else "zh"
        for name, fn in (("jionlp", jio_period), ("claimcheck", ours_period)):
            got = fn(text, pub)
            ok = got == want or (want is None and got in ("error", ("", "")))
            s = score[name].setdefault(lang, [0, 0])
            s[0] += ok
            s[1] += 1
    print("\nPeriods on the rows of tests/data/timex_cases.toml that have a publication date "
          "(exact start and end; flags not compared):")
    print("\n| reader | zh | en | all |\n|---|---:|---:|---:|")
    for name, s in score.items():
        zh, en = s.get("zh", [0, 0]), s.get("en", [0, 0])
        cells = [f"{a}/{n} = {a / n:.3f}" if n else "-" for a, n in (zh, en, (zh[0] + en[0], zh[1] + en[1]))]
        print(f"| {name} | " + " | ".join(cells) + " |")

    base = time.mktime(PUBLISHED.timetuple())
    sample = chunks[:5]  # one of each seed
    chars = sum(map(len, sample))
    jio.ner.extract_time(sample[0], time_base=base)  # warm-up (loads its dictionaries)
    t = time.perf_counter()
    n = sum(len(jio.ner.extract_time(c, time_base=base)) for c in sample)
    dt = time.perf_counter() - t
    print(f"\njionlp.ner.extract_time on {chars:,} characters (the five seeds): {dt:.3f} s, {n} expressions, "
          f"{chars / dt:,.0f} chars/s = {dt / chars / ours_per_char:.0f}x the time of find_times")


if __name__ == "__main__":
    main()
