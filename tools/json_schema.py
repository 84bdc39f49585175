#!/usr/bin/env python3
"""Write docs/report-schema.json, the JSON Schema of `claimcheck check --format json`.

    python tools/json_schema.py            # write it
    python tools/json_schema.py --check    # exit 1 when the committed file is stale

The schema is built from the pydantic models (claimcheck.report.json.json_schema); a
test fails when the committed file differs from what this writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.report.json import json_schema

TARGET = ROOT / "docs" / "report-schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = p.parse_args(argv)
    text = schema_text()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'stale: run python tools/json_schema.py'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
