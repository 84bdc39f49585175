#!/usr/bin/env python
"""How long the HTML report takes to generate (the HTML report issue).

    python benchmarks/html_report.py [--articles 10000] [--seed 7] [--repeat 5]
                              [--out benchmarks/results/html.json]

Measured, in this process:

1. the seeds: `claimcheck.load` + `claimcheck.check` of seeds/ (once, untimed for the
   target), then `render_html(report, documents)` --repeat times: best and median
   (target: under 1 s). For context, the wall time of the command a user runs,
   `claimcheck check seeds/ --format html --output FILE --no-progress`, as a process
   (interpreter start, import and the check included).
2. a synthetic archive of --articles articles (benchmarks/archive.py, deterministic by
   seed) written to a temporary folder, loaded and checked (timed for information), then
   `render_html` once (target: under 30 s for 10,000 articles), with the page's size, the
   number of charts and findings drawn.

The machine is shared and noisy (times vary by ~2x between runs). Results go to --out.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import datetime as _dt  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import claimcheck  # noqa: E402
from claimcheck.report.html import render_html  # noqa: E402
from _results import source_digest  # noqa: E402

_spec = importlib.util.spec_from_file_location("archive", HERE / "archive.py")
archive = importlib.util.module_from_spec(_spec)  # benchmarks/archive.py
_spec.loader.exec_module(archive)

SEEDS_TARGET_S = 1.0
ARCHIVE_TARGET_S = 30.0


def _timed(func):
    t = time.perf_counter()
    out = func()
    return out, time.perf_counter() - t


def seeds(repeat: int) -> dict:
    docs, problems = claimcheck.load_report([str(ROOT / "seeds")])
    assert not problems
    report, check_s = _timed(lambda: claimcheck.check(docs))
    by_id = {d.id: d for d in docs}
    render_html(report, by_id)  # (warm: the rules' registry, the charts' helpers)
    times = []
    page = ""
    for _ in range(repeat):
        page, s = _timed(lambda: render_html(report, by_id))
        times.append(s)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seeds.html"
        cmd = [sys.executable, "-m", "claimcheck", "check", "seeds/", "--format", "html", "--output", str(out),
               "--no-progress"]
        t = time.perf_counter()
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        cli_s = time.perf_counter() - t
    return {"documents": len(docs), "claims": len(report.claims), "findings": len(report.findings),
            "check_s": round(check_s, 3),
            "render_s": [round(x, 4) for x in times], "render_best_s": round(min(times), 4),
            "render_median_s": round(statistics.median(times), 4), "page_bytes": len(page.encode("utf-8")),
            "charts": page.count("<svg"), "cli_wall_s": round(cli_s, 3), "cli_rc": run.returncode,
            "cli_command": "claimcheck check seeds/ --format html --output FILE --no-progress",
            "target_s": SEEDS_TARGET_S, "met": min(times) < SEEDS_TARGET_S}


def synthetic(articles: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="claimcheck-html-") as tmp:
        _, write_s = _timed(lambda: archive.write_archive(tmp, articles, seed))
        (docs, problems), load_s = _timed(lambda: claimcheck.load_report([tmp]))
        assert not problems and len(docs) == articles
        report, check_s = _timed(lambda: claimcheck.check(docs))
        by_id = {d.id: d for d in docs}
        page, render_s = _timed(lambda: render_html(report, by_id))
    return {"articles": articles, "seed": seed, "claims": len(report.claims), "findings": len(report.findings),
            "verified": len(report.verified), "write_s": round(write_s, 2), "load_s": round(load_s, 2),
            "check_s": round(check_s, 2), "render_s": round(render_s, 2),
            "page_mib": round(len(page.encode("utf-8")) / 2 ** 20, 1), "charts": page.count("<svg"),
            "target_s": ARCHIVE_TARGET_S, "met": render_s < ARCHIVE_TARGET_S}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=str(HERE / "results" / "html.json"))
    a = ap.parse_args()
    os.chdir(ROOT)  # (paths in the page are relative to the repository, as a user runs it)
    started = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    result = {"command": "python benchmarks/html_report.py " + " ".join(shlex.quote(x) for x in sys.argv[1:]),
              "date": started, "claimcheck_source_sha256": source_digest(),
              "git_head": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                         text=True).stdout.strip(),
              "machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpu_count": os.cpu_count()}}
    result["seeds"] = s = seeds(a.repeat)
    print(f"seeds: render_html best {s['render_best_s']:.3f} s, median {s['render_median_s']:.3f} s "
          f"({s['page_bytes'] / 1024:.0f} KiB, {s['charts']} charts; target < {SEEDS_TARGET_S:g} s: "
          f"{'met' if s['met'] else 'NOT met'}); the CLI end to end {s['cli_wall_s']:.2f} s", flush=True)
    result["archive"] = r = synthetic(a.articles, a.seed)
    print(f"{r['articles']} articles: {r['claims']} claims, {r['findings']} findings; load {r['load_s']} s, "
          f"check {r['check_s']} s, render_html {r['render_s']} s ({r['page_mib']} MiB, {r['charts']} charts; "
          f"target < {ARCHIVE_TARGET_S:g} s: {'met' if r['met'] else 'NOT met'})", flush=True)
    result["claimcheck_source_sha256_at_end"] = source_digest()
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
