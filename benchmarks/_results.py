"""What every benchmark's results file records: which claimcheck sources were measured
(the package is edited concurrently and not always committed), and the file itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_digest() -> str:
    """A short sha256 of claimcheck's sources and data files."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "claimcheck").rglob("*")):
        if p.is_file() and p.suffix in (".py", ".toml", ".txt"):
            h.update(p.relative_to(ROOT).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def write_results(out, result: dict) -> None:
    """`result`, with the sources' digest at the end of the run, as JSON to `out`."""
    result["claimcheck_source_sha256_at_end"] = source_digest()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
