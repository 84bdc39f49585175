#!/usr/bin/env python
"""Benchmark of `claimcheck.extract`: throughput, ratio to a regex floor, peak RSS,
import time and linear time on adversarial input.

    python benchmarks/extract.py [--chars 4000000] [--repeat 5]
                                 [--out benchmarks/results/extract.json] [--profile]

See benchmarks/README.md for what each figure means. The headline figures are the ratios
of extraction time (values only: `extract(text, anchor=False)`; and anchored:
`extract(text, published=...)`) to the regex floor measured in the same process on the same text:
absolute times on a shared machine vary ~2x from run to run, the ratio much less.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import hashlib
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FLOOR_PATTERN = r"[0-9０-９.,零〇一二两三四五六七八九十百千万亿]+"

# Acceptance limits and goals (see the brief / README).
RATIO_ACCEPT = 4.0
RATIO_GOAL = 3.0
ANCHORED_ACCEPT = 5.0  # extract with anchoring (the anchoring issue)
PUBLISHED = "2023-12-31"  # the publication date the anchored runs resolve relative times against
RSS_ACCEPT_MIB = 100.0
IMPORT_ACCEPT_MS = 150.0
LINEAR_FLAG = 3.0
ADV_TIMEOUT_S = 60.0
ADV_BUDGET_S = 45.0  # start another repetition only if it should end by then

ADVERSARIAL = {
    # name: (unit string cycled to the wanted length, ASCII description for the table)
    "digits": ("1234567890", "1234567890..."),
    "wan": ("万", "U+4E07 (wan) repeated"),
    "comma_ones": ("1,", "1,1,1,..."),
    "chao": ("超", "U+8D85 (chao) repeated"),
    "zh_digits": ("一二三四五六七八九零", "yi er san ... jiu ling cycled"),
}
# When a size times out or scales badly, these smaller sizes show how it scales.
ADV_SMALL = (125_000, 250_000)
ADV_FULL = 1_000_000  # characters (not bytes: 1M CJK characters are 3 MB of UTF-8)
ADV_HALF = 500_000


# --------------------------------------------------------------------------- corpus


def load_seeds() -> list[str]:
    paths = sorted(p for p in SEEDS.glob("*.txt") if p.name != "README.md")
    if not paths:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return [p.read_text(encoding="utf-8") for p in paths]


def build_chunks(chars: int) -> list[str]:
    """The seeds concatenated and repeated until >= `chars` characters, cut back into
    documents at the seed boundaries. Each chunk is a slice of the big text, i.e. a
    distinct str object (as documents read from a corpus would be)."""
    seeds = load_seeds()
    lengths = [len(s) for s in seeds]
    per_round = sum(lengths)
    rounds = max(1, -(-chars // per_round))
    big = "".join(seeds) * rounds
    chunks, pos = [], 0
    for _ in range(rounds):
        for n in lengths:
            chunks.append(big[pos:pos + n])
            pos += n
    return chunks


# Code shared with the subprocesses (they must not import this module's data).
_CHUNKS_SRC = textwrap.dedent(
    f"""
    import sys, glob, os
    sys.path.insert(0, {str(ROOT)!r})
    _paths = sorted(p for p in glob.glob(os.path.join({str(SEEDS)!r}, "*.txt")) if not p.endswith("README.md"))
    _seeds = [open(p, encoding="utf-8").read() for p in _paths]
    _lengths = [len(s) for s in _seeds]
    _rounds = max(1, -(-CHARS // sum(_lengths)))
    _big = "".join(_seeds) * _rounds
    chunks, _pos = [], 0
    for _ in range(_rounds):
        for _n in _lengths:
            chunks.append(_big[_pos:_pos + _n]); _pos += _n
    del _big, _seeds
    """
)


# --------------------------------------------------------------------------- helpers


def _run_py(code: str, timeout: float | None = None, args: list[str] | None = None,
            via_shell: bool = False) -> dict:
    """Run `python -c code` in a fresh interpreter (cwd = repo root); the code prints one
    JSON object on its last stdout line.

    via_shell: start python as a forked child of /bin/sh rather than of this process.
    On Linux ru_maxrss survives fork+exec: a direct child reports at least this (big)
    process's RSS at spawn time. A child forked by a small shell starts from the shell's
    few MiB, so its ru_maxrss is its own. (`; exit $?` keeps sh from exec'ing python.)"""
    cmd = [sys.executable, "-c", code, *(args or [])]
    if via_shell:
        cmd = ["/bin/sh", "-c", '"$0" "$@"; exit $?', *cmd]
    proc = subprocess.run(
        cmd,
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"subprocess failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _stats(times: list[float]) -> dict:
    return {"best": min(times), "median": statistics.median(times), "all": times}


def _source_digest() -> str:
    """sha256 of the claimcheck package sources and data: the code under test is edited
    concurrently and not committed, so this identifies what was measured."""
    h = hashlib.sha256()
    pkg = ROOT / "claimcheck"
    for p in sorted(pkg.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".toml", ".txt") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(pkg)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _git_head() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() if out.returncode == 0 else None
    except Exception:
        return None


# --------------------------------------------------------------------------- 1+2: throughput and floor


def bench_throughput(chunks: list[str], repeat: int) -> dict:
    import regex

    import claimcheck

    extract = claimcheck.extract
    pat = regex.compile(FLOOR_PATTERN)
    total_chars = sum(len(c) for c in chunks)

    def run_extract() -> tuple[float, int]:  # the values only (the extraction core)
        claims = 0
        t0 = time.perf_counter()
        for c in chunks:
            claims += len(extract(c, anchor=False))
        return time.perf_counter() - t0, claims

    def run_anchored() -> tuple[float, int]:  # values with their context, as_of resolved
        claims = 0
        t0 = time.perf_counter()
        for c in chunks:
            claims += len(extract(c, published=PUBLISHED))
        return time.perf_counter() - t0, claims

    def run_floor() -> tuple[float, int]:
        total = 0
        t0 = time.perf_counter()
        for c in chunks:
            n = 0
            for m in pat.finditer(c):
                n += 1
            total += n
        return time.perf_counter() - t0, total

    # one warm-up run of each (loads the lazy modules, fills caches)
    _, claims = run_extract()
    run_anchored()
    _, matches = run_floor()
    ext, anc, flo = [], [], []
    for _ in range(repeat):  # interleaved, so slow phases of a noisy machine hit all
        gc.collect()
        ext.append(run_extract()[0])
        gc.collect()
        anc.append(run_anchored()[0])
        gc.collect()
        flo.append(run_floor()[0])
    e, f, a = _stats(ext), _stats(flo), _stats(anc)
    return {
        "chars": total_chars,
        "documents": len(chunks),
        "claims": claims,
        "floor_matches": matches,
        "extract_s": e,
        "floor_s": f,
        "extract_chars_per_s": {"best": total_chars / e["best"], "median": total_chars / e["median"]},
        "floor_chars_per_s": {"best": total_chars / f["best"], "median": total_chars / f["median"]},
        "ratio": {"best": e["best"] / f["best"], "median": e["median"] / f["median"]},
        "anchored_s": a,
        "anchored_published": PUBLISHED,
        "anchored_ratio": {"best": a["best"] / f["best"], "median": a["median"] / f["median"]},
    }


# --------------------------------------------------------------------------- 3: peak RSS


_RSS_TAIL = textwrap.dedent(
    """
    import resource, json
    MODE = sys.argv[1]
    if MODE != "baseline":
        import claimcheck
        claimcheck.extract("1")
    if MODE in ("extract", "extract_keep"):
        kept = []
        for c in chunks:
            r = claimcheck.extract(c)
            if MODE == "extract_keep":
                kept.append(r)
    hwm = None
    try:  # VmHWM: peak RSS of this process image, a cross-check of ru_maxrss
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    except OSError:
        pass
    print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "vmhwm_kib": hwm}))
    """
)


def bench_rss(chars: int) -> dict:
    code = f"CHARS = {chars}\n" + _CHUNKS_SRC + _RSS_TAIL
    out = {}
    for mode in ("baseline", "imported", "extract", "extract_keep"):
        r = _run_py(code, timeout=600, args=[mode], via_shell=os.path.exists("/bin/sh"))
        out[mode + "_mib"] = r["maxrss_kib"] / 1024  # Linux: ru_maxrss is in KiB
        if r.get("vmhwm_kib") is not None:
            out[mode + "_vmhwm_mib"] = r["vmhwm_kib"] / 1024
    return out


# --------------------------------------------------------------------------- 4: import time


_IMPORT_CODE = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    import claimcheck
    t1 = time.perf_counter()
    claimcheck.extract("1")
    t2 = time.perf_counter()
    import json
    print(json.dumps({"import": t1 - t0, "first_extract": t2 - t0}))
    """
)


def bench_import(n: int = 7) -> dict:
    _run_py(_IMPORT_CODE)  # makes sure the .pyc files exist; not counted
    imp, first, wall, bare = [], [], [], []
    for _ in range(n):
        t0 = time.perf_counter()
        r = _run_py(_IMPORT_CODE)
        wall.append(time.perf_counter() - t0)
        imp.append(r["import"])
        first.append(r["first_extract"])
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], cwd=str(ROOT), check=True)
        bare.append(time.perf_counter() - t0)
    return {
        "import_s": _stats(imp),
        "import_and_first_extract_s": _stats(first),
        "process_wall_s": _stats(wall),
        "bare_python_wall_s": _stats(bare),
    }


# --------------------------------------------------------------------------- 5: adversarial


_ADV_CODE = textwrap.dedent(
    f"""
    import sys, time, json
    sys.path.insert(0, {str(ROOT)!r})
    import claimcheck
    claimcheck.extract("1")
    unit, size = sys.argv[1], int(sys.argv[2])
    text = (unit * (size // len(unit) + 1))[:size]
    start = time.perf_counter()
    for _ in range(3):  # best of up to 3 runs, while another one fits in the budget
        t0 = time.perf_counter()
        claims = len(claimcheck.extract(text))
        t1 = time.perf_counter()
        print(json.dumps({{"time": t1 - t0, "claims": claims}}), flush=True)
        if (t1 - start) + (t1 - t0) > {ADV_BUDGET_S}:
            break
    """
)


def _adv_run(unit: str, size: int) -> dict:
    """Time extract on `unit` cycled to `size` chars, in a subprocess with a timeout.
    Returns {"s": seconds | "timeout" | "error", "claims", "error", "wall_s"}."""
    t0 = time.perf_counter()
    out: dict = {}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _ADV_CODE, unit, str(size)],
            cwd=str(ROOT), capture_output=True, text=True, timeout=ADV_TIMEOUT_S,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"subprocess failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        stdout = proc.stdout
    except subprocess.TimeoutExpired as e:  # keep the runs that finished in time
        stdout = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
    except RuntimeError as e:
        stdout = None
        out["s"] = "error"
        msg = str(e).strip().splitlines()
        out["error"] = msg[-1][:300] if msg else str(e)[:300]
        out["traceback_tail"] = str(e)[-1500:]
    if stdout is not None:
        runs = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        if runs:
            out["s"], out["claims"] = min(r["time"] for r in runs), runs[-1]["claims"]
            out["runs"] = len(runs)
        else:
            out["s"] = "timeout"
    out["wall_s"] = time.perf_counter() - t0
    return out


def bench_adversarial() -> dict:
    out = {}
    for name, (unit, desc) in ADVERSARIAL.items():
        row: dict = {"input": desc, "unit": unit}
        half = _adv_run(unit, ADV_HALF)
        # a timeout at half size says enough; an exception may be size-dependent
        full = _adv_run(unit, ADV_FULL) if half["s"] != "timeout" else {"s": "skipped"}
        for label, r in (("half", half), ("full", full)):
            for k, v in r.items():
                row[f"{label}_{k}"] = v
        h, f = half["s"], full["s"]
        if isinstance(h, float) and isinstance(f, float) and h > 0:
            row["ratio"] = f / h
            row["flag"] = row["ratio"] > LINEAR_FLAG
        else:
            row["ratio"] = None
            row["flag"] = True
        if "timeout" in (h, f) or (row["ratio"] is not None and row["flag"]):
            # diagnose the scaling at sizes that finish
            a, b = _adv_run(unit, ADV_SMALL[0]), _adv_run(unit, ADV_SMALL[1])
            row["small_sizes"] = list(ADV_SMALL)
            row["small_s"] = [a["s"], b["s"]]
            if isinstance(a["s"], float) and isinstance(b["s"], float) and a["s"] > 0:
                row["small_ratio"] = b["s"] / a["s"]
        out[name] = row
    return out


# --------------------------------------------------------------------------- profile


def profile_once(chunks: list[str], top: int = 25) -> str:
    import cProfile
    import io
    import pstats

    import claimcheck

    claimcheck.extract("1")
    pr = cProfile.Profile()
    pr.enable()
    for c in chunks:
        claimcheck.extract(c)
    pr.disable()
    buf = io.StringIO()
    pstats.Stats(pr, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


# --------------------------------------------------------------------------- report


LBL_IMPORTED = '+ import claimcheck, extract("1")'
LBL_READY = 'import + extract("1") (ready)'


def _fmt_s(x) -> str:
    return f"{x:8.3f} s" if isinstance(x, float) else f"{x:>10}"


def _ok(cond: bool) -> str:
    return "ok" if cond else "FAIL"


def print_report(res: dict) -> None:
    tp, rss, imp, adv = res["throughput"], res["rss"], res["import"], res["adversarial"]
    m = res["machine"]
    print()
    print(f"claimcheck.extract benchmark  {res['date']}  python {m['python']}  "
          f"{m['platform']}  cpus={m['cpu_count']}  src={res['claimcheck_source_sha256']}")
    print()
    print(f"1-2. Throughput: {tp['chars']:,} chars, {tp['documents']} documents, "
          f"{tp['claims']:,} claims, {tp['floor_matches']:,} floor matches; "
          f"{res['args']['repeat']} runs after 1 warm-up")
    print(f"  {'':28}{'best':>14}{'median':>14}")
    print(f"  {'extract time':28}{tp['extract_s']['best']:12.3f} s{tp['extract_s']['median']:12.3f} s")
    print(f"  {'regex floor time':28}{tp['floor_s']['best']:12.3f} s{tp['floor_s']['median']:12.3f} s")
    print(f"  {'extract chars/s':28}{tp['extract_chars_per_s']['best']:14,.0f}{tp['extract_chars_per_s']['median']:14,.0f}")
    print(f"  {'regex floor chars/s':28}{tp['floor_chars_per_s']['best']:14,.0f}{tp['floor_chars_per_s']['median']:14,.0f}")
    rb, rm = tp["ratio"]["best"], tp["ratio"]["median"]
    print(f"  {'RATIO extract / floor':28}{rb:13.2f}x{rm:13.2f}x   "
          f"[accept <= {RATIO_ACCEPT:g}x: {_ok(rb <= RATIO_ACCEPT)}; goal {RATIO_GOAL:g}x: {_ok(rb <= RATIO_GOAL)}]")
    ab, am = tp["anchored_ratio"]["best"], tp["anchored_ratio"]["median"]
    print(f"  {'anchored extract time':28}{tp['anchored_s']['best']:12.3f} s{tp['anchored_s']['median']:12.3f} s")
    print(f"  {'RATIO anchored / floor':28}{ab:13.2f}x{am:13.2f}x   "
          f"[accept <= {ANCHORED_ACCEPT:g}x: {_ok(ab <= ANCHORED_ACCEPT)}]")
    print()
    print("3. Peak RSS (ru_maxrss of a fresh subprocess over the same text)")
    print(f"  {'python + text only':44}{rss['baseline_mib']:8.1f} MiB")
    print(f"  {LBL_IMPORTED:44}{rss['imported_mib']:8.1f} MiB")
    print(f"  {'+ extract every document (claims dropped)':44}{rss['extract_mib']:8.1f} MiB"
          f"   [accept <= {RSS_ACCEPT_MIB:g} MiB: {_ok(rss['extract_mib'] <= RSS_ACCEPT_MIB)}]")
    print(f"  {'+ extract every document (claims kept)':44}{rss['extract_keep_mib']:8.1f} MiB   (info)")
    print(f"  {'extraction adds (dropped / kept)':44}{rss['extract_mib'] - rss['baseline_mib']:8.1f} / "
          f"{rss['extract_keep_mib'] - rss['baseline_mib']:.1f} MiB")
    print()
    print("4. Import time (7 fresh subprocesses; in-process perf_counter)")
    print(f"  {'':34}{'median':>10}{'best':>10}")
    i_med = imp["import_s"]["median"] * 1000
    print(f"  {'import claimcheck':34}{i_med:8.1f}ms{imp['import_s']['best'] * 1000:8.1f}ms"
          f"   [accept <= {IMPORT_ACCEPT_MS:g} ms: {_ok(i_med <= IMPORT_ACCEPT_MS)}]")
    print(f"  {LBL_READY:34}{imp['import_and_first_extract_s']['median'] * 1000:8.1f}ms"
          f"{imp['import_and_first_extract_s']['best'] * 1000:8.1f}ms")
    print(f"  {'whole process wall (for context)':34}{imp['process_wall_s']['median'] * 1000:8.1f}ms"
          f"{imp['process_wall_s']['best'] * 1000:8.1f}ms")
    print(f"  {'python -c pass wall':34}{imp['bare_python_wall_s']['median'] * 1000:8.1f}ms"
          f"{imp['bare_python_wall_s']['best'] * 1000:8.1f}ms")
    print()
    print(f"5. Adversarial single-line input ({ADV_HALF:,} vs {ADV_FULL:,} chars; best of <=3 runs "
          f"within {ADV_BUDGET_S:g} s; timeout {ADV_TIMEOUT_S:g} s per size)")
    print(f"  {'input':34}{'0.5M':>11}{'1M':>11}{'ratio':>8}{'claims(1M)':>12}")
    for name, row in adv.items():
        ratio = f"{row['ratio']:7.2f}" if row["ratio"] is not None else "    n/a"
        flag = "  <-- FLAG" if row["flag"] else ""
        claims = row.get("full_claims", "")
        print(f"  {row['input']:34}{_fmt_s(row.get('half_s'))}{_fmt_s(row.get('full_s'))} {ratio}{claims!s:>12}{flag}")
        for label in ("half", "full"):
            if row.get(f"{label}_error"):
                print(f"      {label}: {row[f'{label}_error']}")
        if "small_s" in row:
            a, b = row["small_s"]
            sr = row.get("small_ratio")
            print(f"      scaling at {row['small_sizes'][0]:,} -> {row['small_sizes'][1]:,} chars: "
                  f"{_fmt_s(a).strip()} -> {_fmt_s(b).strip()}"
                  + (f", ratio {sr:.2f}" + (" (quadratic-like)" if sr > LINEAR_FLAG else "") if sr else ""))
    print()
    acc = res["acceptance"]
    print("Acceptance: " + ", ".join(f"{k}={'PASS' if v else 'FAIL'}" for k, v in acc.items()))
    print()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=4_000_000, help="minimum size of the text (characters)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs after one warm-up")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "extract.json"))
    ap.add_argument("--profile", action="store_true",
                    help="also cProfile one extraction pass (top 25 by tottime); "
                         "written next to --out as extract_profile.txt")
    ap.add_argument("--skip-adversarial", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    t_start = time.perf_counter()
    chunks = build_chunks(args.chars)
    print(f"text: {sum(map(len, chunks)):,} chars in {len(chunks)} documents", flush=True)

    print("[1-2] throughput and regex floor ...", flush=True)
    tp = bench_throughput(chunks, args.repeat)
    print("[3] peak RSS (subprocesses) ...", flush=True)
    rss = bench_rss(args.chars)
    print("[4] import time (subprocesses) ...", flush=True)
    imp = bench_import()
    adv = {}
    if not args.skip_adversarial:
        print("[5] adversarial inputs (subprocesses) ...", flush=True)
        adv = bench_adversarial()
    prof = None
    if args.profile:
        print("[profile] cProfile over one pass ...", flush=True)
        prof = profile_once(chunks)

    res = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "args": vars(args),
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "machine": platform.machine(),
            "processor": platform.processor(),
            "cpu_count": os.cpu_count(),
            "sched_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "regex_version": __import__("regex").__version__,
        },
        "git_head": _git_head(),
        "claimcheck_source_sha256": _source_digest(),
        "floor_pattern": FLOOR_PATTERN,
        "throughput": tp,
        "rss": rss,
        "import": imp,
        "adversarial": adv,
        "acceptance": {
            f"ratio_best<={RATIO_ACCEPT:g}x": tp["ratio"]["best"] <= RATIO_ACCEPT,
            f"ratio_best<={RATIO_GOAL:g}x(goal)": tp["ratio"]["best"] <= RATIO_GOAL,
            f"anchored_ratio_best<={ANCHORED_ACCEPT:g}x": tp["anchored_ratio"]["best"] <= ANCHORED_ACCEPT,
            f"peak_rss<={RSS_ACCEPT_MIB:g}MiB": rss["extract_mib"] <= RSS_ACCEPT_MIB,
            f"import<={IMPORT_ACCEPT_MS:g}ms": imp["import_s"]["median"] * 1000 <= IMPORT_ACCEPT_MS,
            "adversarial_linear": bool(adv) and not any(r["flag"] for r in adv.values()),
        },
    }
    res["elapsed_s"] = time.perf_counter() - t_start

    print_report(res)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}  (total {res['elapsed_s']:.0f} s)")
    if prof is not None:
        pfile = out.with_name(out.stem + "_profile.txt")
        pfile.write_text(prof, encoding="utf-8")
        print(f"wrote {pfile}")
        print(prof)
    return 0


if __name__ == "__main__":
    sys.exit(main())
