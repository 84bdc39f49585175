#!/usr/bin/env python3
"""The long fuzzing run: tests/test_fuzz.py's properties over many more inputs.

    python benchmarks/fuzz.py                          # 10,000 corpora and 20,000 texts, seed 1
    python benchmarks/fuzz.py --corpora 500 --texts 1000 --seed 7 --jobs 2
    python benchmarks/fuzz.py --replay corpus:1:123    # one input again, its violations printed

Two streams, from the generators of tests/hostile.py with a seeded RNG per input (input
i of a stream is the same in every run with the same seed):

- texts: hostile texts (half of them) and mutated seed articles (the other half), each
  through `extract` with and without a publication date: it must not raise, and each
  claim's offsets must slice to its text;
- corpora: one to forty documents (hostile texts, two to five mutated seeds with their
  dates, planted conflicts in hostile text; ids and paths hostile at times) through
  extract, check and every format of claimcheck.report.FORMATS, with every property of
  tests/hostile.py (`violations`).

An input that takes more than --timeout seconds is a failure (a hang), and so is any
violation; each failure is kept with its stream, seed and index (--replay runs it
again) and the first violations. Writes benchmarks/results/fuzz.json (--out): the
command, date, machine, git head, digest of the claimcheck sources, counts, time,
failures, the slowest inputs and the findings seen by code (what the formats had to
render). Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import random
import signal
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# (not this folder, which Python puts first for a script: its html.py would hide the stdlib's)
sys.path[:] = [str(ROOT), str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

import hostile  # (tests/hostile.py)

STREAMS = ("text", "corpus")


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def make_input(stream: str, seed: int, i: int):
    """The i-th input of a stream: a text (str) or a corpus (list of Documents)."""
    rng = random.Random(seed * 1_000_003 + i * 2 + STREAMS.index(stream))
    if stream == "text":
        if i % 2:
            return hostile.mutate(rng.choice(hostile.seeds()), rng)
        return hostile.hostile_text(rng, rng.choice((20, 80, 400)))
    return hostile.corpus(rng)


def run_one(task: tuple) -> dict:
    """Check one input; what went wrong, how long it took and what it found."""
    stream, seed, i, timeout = task
    data = make_input(stream, seed, i)
    t0 = time.perf_counter()
    bad: list = []
    codes: Counter = Counter()
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        if stream == "text":
            bad = hostile.extract_violations(data) + hostile.extract_violations(data, _dt.date(2023, 12, 31))
        else:
            reports: list = []
            bad = hostile.violations(data, reports=reports)
            codes.update(f.code for r in reports for f in r.findings)
    except _Timeout:
        bad = [f"timeout: over {timeout:g} s"]
    except Exception as exc:  # noqa: BLE001 - the harness must report, not stop
        bad = [f"harness: {type(exc).__name__}: {exc}"]
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.setitimer(signal.ITIMER_REAL, 0)
    size = len(data) if stream == "text" else sum(len(d.text) for d in data)
    return {"stream": stream, "index": i, "seconds": time.perf_counter() - t0, "chars": size,
            "violations": [v[:500] for v in bad[:5]], "codes": dict(codes)}


def _warm() -> None:
    """Load what extraction and every format load on first use (not an input's time)."""
    hostile.violations(hostile.make_documents(["截至2023年10月，我国已发布大模型238个。"], ["w"], [None], [None]))


def _provenance():
    """benchmarks/extract.py's git head and digest of the claimcheck sources (loaded by
    path: this folder is not put on sys.path, where html.py would hide the stdlib's)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_bench_extract", HERE / "extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod._git_head, mod._source_digest


def _machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpu_count": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", type=int, default=10_000, help="corpora through check and every format")
    ap.add_argument("--texts", type=int, default=20_000, help="texts through extract")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds an input may take")
    ap.add_argument("--out", default=str(HERE / "results" / "fuzz.json"))
    ap.add_argument("--replay", metavar="STREAM:SEED:INDEX", help="run one input and print its violations")
    args = ap.parse_args(argv)

    if args.replay:
        stream, seed, i = args.replay.split(":")
        res = run_one((stream, int(seed), int(i), args.timeout))
        data = make_input(stream, int(seed), int(i))
        shown = data if stream == "text" else [d.model_dump(mode="json") for d in data]
        print(json.dumps({"input": shown, **res}, indent=2))
        return 1 if res["violations"] else 0

    _git_head, _source_digest = _provenance()
    tasks = [("text", args.seed, i, args.timeout) for i in range(args.texts)]
    tasks += [("corpus", args.seed, i, args.timeout) for i in range(args.corpora)]
    print(f"fuzzing: {args.texts:,} texts and {args.corpora:,} corpora, seed {args.seed}, {args.jobs} job(s)",
          flush=True)
    t0 = time.perf_counter()
    results: list = []
    if args.jobs > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
        with ctx.Pool(args.jobs, initializer=_warm) as pool:
            for k, r in enumerate(pool.imap_unordered(run_one, tasks, chunksize=16), 1):
                results.append(r)
                if k % 2000 == 0:
                    print(f"  {k:,}/{len(tasks):,} ({time.perf_counter() - t0:.0f} s)", flush=True)
    else:
        _warm()
        for k, t in enumerate(tasks, 1):
            results.append(run_one(t))
            if k % 2000 == 0:
                print(f"  {k:,}/{len(tasks):,} ({time.perf_counter() - t0:.0f} s)", flush=True)
    wall = time.perf_counter() - t0

    failures = [{"replay": f"{r['stream']}:{args.seed}:{r['index']}", "violations": r["violations"]}
                for r in sorted(results, key=lambda r: (r["stream"], r["index"])) if r["violations"]]
    by_stream = {}
    for s in STREAMS:
        rs = [r for r in results if r["stream"] == s]
        secs = sorted(r["seconds"] for r in rs)
        by_stream[s] = {
            "inputs": len(rs), "failures": sum(bool(r["violations"]) for r in rs),
            "chars": sum(r["chars"] for r in rs),
            "seconds": round(sum(secs), 2),
            "per_input_ms": {q: round(secs[min(len(secs) - 1, int(p * len(secs)))] * 1000, 2) if secs else None
                             for q, p in (("median", 0.5), ("p99", 0.99), ("max", 1.0))},
        }
    codes: Counter = Counter()
    for r in results:
        codes.update(r["codes"])
    from claimcheck.report import FORMATS

    out = {
        "command": " ".join(["python", "benchmarks/fuzz.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": _dt.datetime.now().isoformat(timespec="seconds"),
        "machine": _machine(),
        "git_head": _git_head(),
        "claimcheck_source_sha256": _source_digest(),
        "seed": args.seed,
        "jobs": args.jobs,
        "formats": list(FORMATS),
        "inputs": len(results),
        "failures": len(failures),
        "wall_seconds": round(wall, 1),
        "streams": by_stream,
        "findings_by_code": dict(sorted(codes.items())),
        "slowest": [{"replay": f"{r['stream']}:{args.seed}:{r['index']}", "seconds": round(r["seconds"], 3),
                     "chars": r["chars"]} for r in sorted(results, key=lambda r: -r["seconds"])[:5]],
        "failed": failures[:50],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(results):,} inputs in {wall:.0f} s: {len(failures)} failure(s); "
          + "; ".join(f"{s} {v['inputs']:,} ({v['failures']} failed, median {v['per_input_ms']['median']} ms, "
                      f"max {v['per_input_ms']['max']} ms)" for s, v in by_stream.items()))
    for f in failures[:10]:
        print(f"  {f['replay']}: {f['violations'][0]}")
    print(f"wrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
