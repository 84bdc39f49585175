#!/usr/bin/env python
"""Scale benchmark of the claim index and of parallel extraction (the corpus-index issue).

    python benchmarks/scale.py [--sizes 10000,100000] [--seed 7] [--workdir /tmp/claimcheck-scale]
                               [--repeat 20] [--jobs-docs 3000] [--skip-dask]
                               [--out benchmarks/results/scale.json]

Measured (each with the command a user would run; archives from benchmarks/archive.py,
deterministic by seed, published over 2021-2025):

1. index build: `claimcheck index DB ARCHIVE --jobs 2 --no-progress` for each size, in a
   fresh process: wall time, peak RSS, the database's size (with its WAL), documents and
   claims; then the same command again (nothing changed: the idempotent re-run).
2. incremental check of 1 new article against the biggest index, median of --repeat:
   (a) `claimcheck check NEW --against DB --format json --jobs 1 --no-progress` as a
   process (target < 200 ms, process start included); (b) in-process, the index opened
   and `claimcheck.check([new], against=index)` called (target < 50 ms); with how many
   archive claims the check loaded. The new article mentions the archive's hot metrics.
3. --jobs 2 vs --jobs 1 on extraction: `claimcheck.parallel.extract_all` over the first
   --jobs-docs articles, best of 3 each, interleaved (target >= 1.8x on 2 cores).
4. Dask (local scheduler) vs multiprocessing on the same documents: `check_dask` vs
   `check(jobs=2)`, best of 3 (skipped with --skip-dask or without dask installed).

The machine is noisy (absolute times vary by 2x between runs): the ratios (speed-up,
10k -> 100k growth) are the figures to compare. Results go to --out.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import archive  # noqa: E402  (benchmarks/archive.py)
from _results import source_digest  # noqa: E402


def _run(cmd: list, cwd=None, env=None) -> dict:
    """Run a command; its wall time, exit code and peak RSS (its own, via wait4)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _pid, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"s": wall, "rc": p.returncode, "rss_mib": usage.ru_maxrss / 1024, "stdout": out.decode("utf-8", "replace"),
            "stderr": err.decode("utf-8", "replace")}


def _cli() -> list:
    return [sys.executable, "-m", "claimcheck"]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("CI", None)
    return env


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def build_archives(work: Path, sizes: list, seed: int) -> dict:
    """One archive per size (the smaller the prefix of the bigger, by construction)."""
    out = {}
    for n in sizes:
        folder = work / f"archive-{n}"
        stamp = folder / ".complete"
        if not stamp.exists() or stamp.read_text() != f"{n} {seed}":
            if folder.exists():
                import shutil

                shutil.rmtree(folder)
            t0 = time.perf_counter()
            archive.write_archive(folder, n, seed)
            stamp.write_text(f"{n} {seed}")
            print(f"  wrote archive of {n:,} articles in {time.perf_counter() - t0:.1f} s", flush=True)
        out[n] = folder
    return out


def index_builds(work: Path, archives: dict, jobs: int) -> list:
    rows = []
    for n, folder in archives.items():
        db = work / f"index-{n}.db"
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        cmd = [*_cli(), "index", str(db), str(folder), "--jobs", str(jobs), "--no-progress"]
        r = _run(cmd, env=_env())
        if r["rc"] != 0:
            raise SystemExit(f"index failed: {r['stderr']}")
        again = _run(cmd, env=_env())
        import sqlite3

        con = sqlite3.connect(db)
        docs, claims = con.execute("SELECT count(*), sum(claims) FROM documents").fetchone()
        families = con.execute("SELECT family, count(*) FROM claims WHERE family NOT LIKE '~%' "
                               "GROUP BY family ORDER BY 2 DESC LIMIT 5").fetchall()
        con.close()
        row = {"articles": n, "command": shlex.join(cmd), "build_s": round(r["s"], 2),
               "peak_rss_mib": round(r["rss_mib"], 1), "db_mib": round(_size(db) / 2 ** 20, 1),
               "documents": docs, "claims": claims, "rerun_unchanged_s": round(again["s"], 2),
               "rerun_says": again["stderr"].strip().splitlines()[-1] if again["stderr"].strip() else "",
               "largest_families": families}
        print(f"  index {n:,}: {row['build_s']} s, {row['db_mib']} MiB, {claims:,} claims, peak RSS "
              f"{row['peak_rss_mib']} MiB; unchanged re-run {row['rerun_unchanged_s']} s", flush=True)
        rows.append(row)
    return rows


def new_article(seed: int) -> tuple[str, _dt.date]:
    """An article published after the archive, on its hot metrics."""
    pub = _dt.date(2026, 1, 20)
    text = ("大模型产业观察（2026年1月20日）\n\n"
            "截至2025年12月底，国内已发布大模型1500个，其中通过网信办备案的大模型有302个。"
            "2025年我国算力总规模达280EFLOPS，智能算力规模达150EFLOPS。\n\n"
            "2025年我国人工智能核心产业规模达6500亿元。该项目总投资120亿元，预计2027年建成。"
            "活动共吸引3万名观众参加，比去年增加20%。\n")
    return text, pub


def incremental(work: Path, db: Path, repeat: int) -> dict:
    text, pub = new_article(0)
    folder = work / "new"
    folder.mkdir(exist_ok=True)
    (folder / "new.txt").write_text(text, encoding="utf-8")
    (folder / "claimcheck.toml").write_text(f'[documents."new.txt"]\ndate = "{pub.isoformat()}"\n', encoding="utf-8")
    cmd = [*_cli(), "check", str(folder / "new.txt"), "--against", str(db), "--format", "json", "--jobs", "1",
           "--no-progress", "--fail-on", "never"]
    walls = []
    first = None
    for _ in range(repeat):
        r = _run(cmd, env=_env())
        if r["rc"] != 0:
            raise SystemExit(f"check failed ({r['rc']}): {r['stderr']}")
        walls.append(r["s"])
        first = first or r
    data = json.loads(first["stdout"])
    # in-process
    import claimcheck
    from claimcheck.index import Index
    from claimcheck.model import Document

    doc = Document(id="new.txt", text=text, published=pub, path=str(folder / "new.txt"))
    claimcheck.check([doc], against=Index(db, readonly=True))  # (warm: the grammar compiled once)
    inproc = []
    loaded = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        with Index(db, readonly=True) as ix:
            rep = claimcheck.check([doc], against=ix)
        inproc.append(time.perf_counter() - t0)
        loaded = len(rep.claims)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t0
    row = {"command": shlex.join(cmd), "repeat": repeat,
           "process_median_ms": round(statistics.median(walls) * 1000, 1),
           "process_min_ms": round(min(walls) * 1000, 1),
           "bare_python_start_ms": round(bare * 1000, 1),
           "in_process_median_ms": round(statistics.median(inproc) * 1000, 1),
           "in_process_min_ms": round(min(inproc) * 1000, 1),
           "claims_in_check": loaded, "findings": len(data["findings"]),
           "codes": sorted({f["code"] for f in data["findings"]}),
           "accept": {"process_lt_200ms": statistics.median(walls) < 0.2,
                      "in_process_lt_50ms": statistics.median(inproc) < 0.05}}
    print(f"  incremental: process median {row['process_median_ms']} ms (python alone {row['bare_python_start_ms']} "
          f"ms), in-process median {row['in_process_median_ms']} ms, {loaded:,} claims in the check, "
          f"{row['findings']} findings", flush=True)
    return row


def _docs(folder: Path, n: int) -> list:
    from claimcheck.load import load_report

    docs, problems = load_report([folder])
    if problems:
        raise SystemExit(f"archive problems: {problems[:3]}")
    return docs[:n]


def jobs_speedup(folder: Path, n: int) -> dict:
    from claimcheck.parallel import extract_all

    docs = _docs(folder, n)
    chars = sum(len(d.text) for d in docs)
    extract_all(docs[:50], jobs=1)  # (warm)
    one, two = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        a = extract_all(docs, jobs=1)
        one.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b = extract_all(docs, jobs=2)
        two.append(time.perf_counter() - t0)
    same = [[c.model_dump() for c in x] for x in a] == [[c.model_dump() for c in x] for x in b]
    row = {"documents": len(docs), "chars": chars, "jobs1_s": [round(x, 3) for x in one],
           "jobs2_s": [round(x, 3) for x in two], "speedup_best": round(min(one) / min(two), 2),
           "speedup_median": round(statistics.median(one) / statistics.median(two), 2), "identical": same,
           "cpus": os.cpu_count(), "accept_ge_1_8": min(one) / min(two) >= 1.8}
    print(f"  --jobs 2 vs 1 on {len(docs):,} documents: x{row['speedup_best']} (best), x{row['speedup_median']} "
          f"(median); identical claims: {same}", flush=True)
    return row


def dask_vs_mp(folder: Path, n: int) -> dict:
    try:
        from claimcheck.engines import check_dask
    except ImportError as exc:
        return {"skipped": f"claimcheck.engines not importable: {exc}"}
    import claimcheck

    docs = _docs(folder, n)
    try:
        check_dask(docs[:20])
    except Exception as exc:  # noqa: BLE001 - reported, not fatal
        return {"skipped": f"dask unavailable: {type(exc).__name__}: {exc}"}
    mp_s, dk_s = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        a = claimcheck.check(docs, jobs=2)
        mp_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b = check_dask(docs)
        dk_s.append(time.perf_counter() - t0)
    same = [f.model_dump() for f in a.findings] == [f.model_dump() for f in b.findings]
    row = {"documents": len(docs), "multiprocessing_jobs2_s": [round(x, 2) for x in mp_s],
           "dask_local_s": [round(x, 2) for x in dk_s], "dask_over_mp_best": round(min(dk_s) / min(mp_s), 2),
           "same_findings": same}
    print(f"  dask local vs --jobs 2 on {len(docs):,} documents: {min(dk_s):.2f} s vs {min(mp_s):.2f} s "
          f"(x{row['dask_over_mp_best']}); same findings: {same}", flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default="/tmp/claimcheck-scale")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--jobs-docs", type=int, default=3000)
    ap.add_argument("--index-jobs", type=int, default=2)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--stages", default="index,incremental,jobs,dask",
                    help="which to run; the others keep their figures from --out (each stage records "
                         "the sources it measured)")
    ap.add_argument("--out", default=str(HERE / "results" / "scale.json"))
    a = ap.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    work = Path(a.workdir)
    work.mkdir(parents=True, exist_ok=True)
    started = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    src = source_digest()
    print(f"scale benchmark: sizes {sizes}, seed {a.seed}, workdir {work}, sources {src}", flush=True)
    archives = build_archives(work, sizes, a.seed)
    result = {"command": "python benchmarks/scale.py " + " ".join(shlex.quote(x) for x in sys.argv[1:]),
              "date": started, "claimcheck_source_sha256": src,
              "git_head": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                         text=True).stdout.strip(),
              "machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpu_count": os.cpu_count()},
              "seed": a.seed}
    stages = set(a.stages.split(","))
    old = json.loads(Path(a.out).read_text(encoding="utf-8")) if Path(a.out).exists() else {}
    result["stages"] = {k: v for k, v in old.get("stages", {}).items() if k not in stages}
    for k in ("index", "index_growth", "incremental", "jobs", "dask"):
        if k in old and k.split("_")[0] not in stages:
            result[k] = old[k]
    stamp = {"sources": src, "git_head": result["git_head"], "date": started, "command": result["command"]}
    if "index" in stages:
        result["index"] = index_builds(work, archives, a.index_jobs)
        if len(result["index"]) >= 2:
            lo, hi = result["index"][0], result["index"][-1]
            result["index_growth"] = {"articles_x": hi["articles"] / lo["articles"],
                                      "time_x": round(hi["build_s"] / lo["build_s"], 2),
                                      "size_x": round(hi["db_mib"] / lo["db_mib"], 2)}
        result["stages"]["index"] = stamp
    biggest = work / f"index-{sizes[-1]}.db"
    if "incremental" in stages:
        if "index" not in stages:  # (an index of an older schema is migrated first, as a user would)
            _run([*_cli(), "index", str(biggest)], env=_env())
        result["incremental"] = incremental(work, biggest, a.repeat)
        result["stages"]["incremental"] = stamp
    if "jobs" in stages:
        result["jobs"] = jobs_speedup(archives[sizes[0]], a.jobs_docs)
        result["stages"]["jobs"] = stamp
    if "dask" in stages:
        result["dask"] = {"skipped": "--skip-dask"} if a.skip_dask else dask_vs_mp(archives[sizes[0]], a.jobs_docs)
        result["stages"]["dask"] = stamp
    result["claimcheck_source_sha256_at_end"] = source_digest()
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
