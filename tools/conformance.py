#!/usr/bin/env python3
"""Score claimcheck against the Recognizers-Text conformance specs.

    python tools/conformance.py                    # per-file table: cases, passed, accuracy
    python tools/conformance.py --failures zh-number   # failing cases: expected vs got
    python tools/conformance.py --write-floors     # raise tests/conformance/floors.toml
    python tools/conformance.py --write-known-failures   # rewrite known_failures.txt

A file is named by its key (zh-number, en-currency, ...) or its path under
tests/data/recognizers-text (Number/Chinese/NumberModel.json). Every case is scored;
NotSupported flags are ignored. The harness itself lives in tests/conformance/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conformance import adapters, score, specs  # noqa: E402


def _key(name: str):
    if name in specs.FILES:
        return name
    for k, rel in specs.FILES.items():
        if name.rstrip("/").endswith(rel) or rel.endswith(name):
            return k
    return None


def table(out=sys.stdout) -> dict[str, int]:
    floors = specs.read_floors() if specs.FLOORS.exists() else {}
    rows = []
    passed_by_key = {}
    tot_cases = tot_passed = 0
    for key, rel in specs.FILES.items():
        cases = specs.load(key)
        res = adapters.run(key)
        if res is None:
            rows.append((key, rel, str(len(cases)), "-", "-", "-", adapters.missing_reason(key)))
            continue
        n_pass = sum(o.passed for o in res)
        passed_by_key[key] = n_pass
        tot_cases += len(cases)
        tot_passed += n_pass
        floor = floors.get(key)
        note = "" if floor is None or n_pass >= floor else f"BELOW FLOOR {floor}"
        rows.append((key, rel, str(len(cases)), str(n_pass), f"{n_pass / len(cases):.3f}",
                     "-" if floor is None else str(floor), note))
    head = ("key", "file", "cases", "passed", "accuracy", "floor", "note")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    right = {2, 3, 4, 5}

    def line(r):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    print(line(head), file=out)
    print(line(tuple("-" * w for w in widths)), file=out)
    for r in rows:
        print(line(r), file=out)
    if tot_cases:
        print(f"\nwith an adapter: {tot_passed}/{tot_cases} cases pass ({tot_passed / tot_cases:.3f})", file=out)
    return passed_by_key


def failures(key: str, out=sys.stdout) -> int:
    res = adapters.run(key)
    if res is None:
        print(f"{key}: {adapters.missing_reason(key)}", file=out)
        return 0
    bad = [o for o in res if not o.passed]
    for o in bad:
        print(score.explain(o.case, o.got), file=out)
    print(f"\n{key}: {len(bad)} of {len(res)} cases fail", file=out)
    return len(bad)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--failures", metavar="FILE", action="append", default=[],
                    help="print the failing cases of FILE (key or path), expected vs got")
    ap.add_argument("--write-floors", action="store_true",
                    help="raise floors.toml to the current passing counts (never lowers)")
    ap.add_argument("--write-known-failures", action="store_true",
                    help="rewrite known_failures.txt with the currently failing cases")
    args = ap.parse_args(argv)
    if args.failures:
        keys = [_key(name) for name in args.failures]
        for name, key in zip(args.failures, keys):
            if key is None:
                ap.error(f"unknown spec file {name!r}; one of {', '.join(specs.FILES)}")
        for key in keys:
            failures(key)
        return 0
    passed = table()
    if args.write_floors:
        floors = specs.read_floors() if specs.FLOORS.exists() else {}
        for k, n in passed.items():
            floors[k] = max(n, floors.get(k, 0))
        specs.write_floors(floors)
        print(f"wrote {specs.FLOORS.relative_to(ROOT)}")
    if args.write_known_failures:
        old = specs.read_known_failures()  # keep the notes already written
        entries = {}
        for key in specs.FILES:
            res = adapters.run(key)
            for o in res or ():
                if not o.passed:
                    entries[o.case.id] = old.get(o.case.id) or o.case.input.replace("\n", " ")[:70]
        specs.write_known_failures(entries)
        print(f"wrote {specs.KNOWN_FAILURES.relative_to(ROOT)} ({len(entries)} cases)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # | head
        sys.stderr.close()
        sys.exit(0)
