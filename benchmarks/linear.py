#!/usr/bin/env python3
"""Linear time on adversarial input, at sizes the test suite cannot afford.

    python benchmarks/linear.py                        # 1M and 2M characters, and a 5M line
    python benchmarks/linear.py --sizes 200000 --big-line 1000000 --no-check   # a quick look

The patterns are tests/test_linear.py's (tests/hostile.py ADVERSARIAL: a run of digits,
万万万…, 1,1,1,…, nested brackets, 超超超…, 1.1.1.1…, 1亿1亿…, a single line of claims with
no sentence end, a claim a line without punctuation). For each, `claimcheck.extract`
(anchored, as check reads) at n and 2n characters (--sizes n; default 1,000,000), the best
of three runs interleaved (one when a run takes over 10 s), and `claimcheck.check` over
one document of that text, alike (the document is within the default
max-document-chars, 2,000,000, and keeps at most max-claims-per-document claims). Then
`extract` on the single line of claims at half of --big-line and at --big-line
characters (default 5,000,000: some 12 MB of UTF-8).

The figure is the ratio time(2n) / time(n): 2 is linear, 4 quadratic; above 3 is a
failure. Each pattern runs in its own process, killed after --timeout seconds (a
quadratic pattern at these sizes would run for hours: it shows as a timeout). Writes
benchmarks/results/linear.json (--out): the command, machine, git head, digest of the
sources, every time, every ratio and the worst. Exit status 1 on a ratio above 3 or a
timeout. Times vary run to run on a shared machine; ratios, measured in one process and
interleaved, are what to compare.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT), str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

LIMIT = 3.0
SLOW_RUN = 10.0  # seconds: a run slower than this is not repeated


def _timed(fn) -> float:
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def child(pattern: str, n: int, check: bool) -> dict:
    """In a fresh process: extract (and check) at n and 2n characters."""
    import hostile

    import claimcheck
    from claimcheck.model import Document

    make = hostile.ADVERSARIAL[pattern][0] if pattern in hostile.ADVERSARIAL else hostile._repeat(hostile.RUN_ON)
    texts = [make(n), make(2 * n)]
    claimcheck.extract(texts[0][:2000], published="2023-12-31")  # (warm)
    best = [float("inf"), float("inf")]
    claims = [0, 0]
    for run in range(3):
        for k, t in enumerate(texts):
            out: list = []
            best[k] = min(best[k], _timed(
                lambda t=t, out=out: out.extend(claimcheck.extract(t, published="2023-12-31"))))
            claims[k] = len(out)
        if max(best) > SLOW_RUN:
            break
    res = {"pattern": pattern, "sizes": [n, 2 * n], "extract_s": best, "ratio": best[1] / best[0],
           "claims": claims, "runs": run + 1}
    if check:
        day = _dt.date(2023, 12, 31)
        claimcheck.check([Document(id="warm", text=hostile.RUN_ON * 3, published=day)])
        times, reports = [float("inf"), float("inf")], [None, None]
        for run in range(3):
            for k, t in enumerate(texts):
                rep: list = []
                times[k] = min(times[k], _timed(lambda t=t, rep=rep: rep.append(
                    claimcheck.check([Document(id=pattern, text=t, published=day)]))))
                reports[k] = rep[0]
            if max(times) > SLOW_RUN:
                break
        res.update(check_s=times, check_ratio=times[1] / times[0], check_claims=[len(r.claims) for r in reports],
                   check_warnings=[w for r in reports for w in r.warnings], check_runs=run + 1)
    return res


def _spawn(pattern: str, n: int, check: bool, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__)), "--child", pattern, "--sizes", str(n)]
    cmd += [] if check else ["--no-check"]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"pattern": pattern, "sizes": [n, 2 * n], "status": f"timeout after {timeout:g} s"}
    if proc.returncode != 0:
        return {"pattern": pattern, "sizes": [n, 2 * n], "status": f"error: {proc.stderr.strip()[-500:]}"}
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["status"] = "ok"
    res["wall_s"] = round(time.perf_counter() - t0, 1)
    return res


def _provenance():
    import importlib.util

    spec = importlib.util.spec_from_file_location("_bench_extract", HERE / "extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod._git_head(), mod._source_digest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, default=1_000_000, help="n: each pattern at n and 2n characters")
    ap.add_argument("--big-line", type=int, default=5_000_000, help="the single line, at half of this and this")
    ap.add_argument("--no-check", action="store_true", help="time extract only")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per pattern, then killed")
    ap.add_argument("--out", default=str(HERE / "results" / "linear.json"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.sizes, not args.no_check)))
        return 0

    import hostile

    rows = []
    for pattern in hostile.ADVERSARIAL:
        print(f"[{pattern}] {args.sizes:,} and {2 * args.sizes:,} characters ...", flush=True)
        rows.append(_spawn(pattern, args.sizes, not args.no_check, args.timeout))
    half = args.big_line // 2
    print(f"[single line] {half:,} and {args.big_line:,} characters ...", flush=True)
    big = _spawn("single_line", half, False, args.timeout)
    rows.append(big)

    for r in rows:
        if r["status"] != "ok":
            print(f"  {r['pattern']:16s} {r['status']}")
            continue
        check = (f"   check {r['check_s'][0]:7.2f} s {r['check_s'][1]:7.2f} s  x{r['check_ratio']:.2f}"
                 if "check_s" in r else "")
        print(f"  {r['pattern']:16s} extract {r['extract_s'][0]:7.3f} s {r['extract_s'][1]:7.3f} s  "
              f"x{r['ratio']:.2f}  ({r['claims'][1]:,} claims){check}")
    ratios = [(r["ratio"], r["pattern"], "extract") for r in rows if r["status"] == "ok"]
    ratios += [(r["check_ratio"], r["pattern"], "check") for r in rows if r["status"] == "ok" and "check_ratio" in r]
    worst = max(ratios) if ratios else None
    failed = [r["pattern"] for r in rows if r["status"] != "ok"] + [p for x, p, _ in ratios if x > LIMIT]
    git_head, digest = _provenance()
    out = {
        "command": " ".join(["python", "benchmarks/linear.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": _dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpu_count": os.cpu_count()},
        "git_head": git_head,
        "claimcheck_source_sha256": digest,
        "unit": "characters (the single line of claims is mostly CJK: ~2.4 bytes of UTF-8 a character)",
        "limit": LIMIT,
        "patterns": rows,
        "worst": {"ratio": worst[0], "pattern": worst[1], "measure": worst[2]} if worst else None,
        "pass": not failed,
        "failed": sorted(set(failed)),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if worst:
        print(f"worst ratio: x{worst[0]:.2f} ({worst[1]}, {worst[2]}); limit x{LIMIT:g}: "
              f"{'PASS' if not failed else 'FAIL ' + ', '.join(out['failed'])}")
    print(f"wrote {args.out}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
