"""Loading the Recognizers-Text spec files copied into tests/data/recognizers-text.

Each spec file is a JSON array of cases; see tests/data/recognizers-text/README.md for the
format (End is inclusive, Text may be normalised, values are strings). A file is named
here by a short key (``zh-number``, ``en-currency``...), and a case by the key and its
index in the file (``zh-number-0042``), which is stable as long as the copy is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parent.parent / "data" / "recognizers-text"

# key -> relative path, in report order (Number, then NumberWithUnit; zh before en).
FILES: dict[str, str] = {
    "zh-number": "Number/Chinese/NumberModel.json",
    "zh-percent": "Number/Chinese/PercentModel.json",
    "zh-range": "Number/Chinese/NumberRangeModel.json",
    "zh-ordinal": "Number/Chinese/OrdinalModel.json",
    "en-number": "Number/English/NumberModel.json",
    "en-percent": "Number/English/PercentModel.json",
    "en-range": "Number/English/NumberRangeModel.json",
    "en-ordinal": "Number/English/OrdinalModel.json",
    "zh-currency": "NumberWithUnit/Chinese/CurrencyModel.json",
    "zh-dimension": "NumberWithUnit/Chinese/DimensionModel.json",
    "zh-age": "NumberWithUnit/Chinese/AgeModel.json",
    "zh-temperature": "NumberWithUnit/Chinese/TemperatureModel.json",
    "en-currency": "NumberWithUnit/English/CurrencyModel.json",
    "en-dimension": "NumberWithUnit/English/DimensionModel.json",
    "en-age": "NumberWithUnit/English/AgeModel.json",
    "en-temperature": "NumberWithUnit/English/TemperatureModel.json",
}


@dataclass(frozen=True)
class Gold:
    """One expected entity. `end` is inclusive, as in the spec."""

    start: int
    end: int
    text: str
    type: str
    value: Optional[str]  # the spec's string; None for a null / "null" / missing value
    unit: Optional[str] = None
    iso: Optional[str] = None


@dataclass(frozen=True)
class Case:
    key: str  # file key, e.g. "zh-number"
    index: int  # position in the file
    input: str
    gold: tuple[Gold, ...]
    not_supported: frozenset[str] = field(default_factory=frozenset)  # informative only
    ignore_resolution: bool = False  # compare spans only
    comment: Optional[str] = None

    @property
    def id(self) -> str:
        return f"{self.key}-{self.index:04d}"


def _platforms(*flags: Optional[str]) -> frozenset[str]:
    out: set[str] = set()
    for f in flags:
        out.update(p.strip().lower() for p in (f or "").split(",") if p.strip())
    return frozenset(out)


def _gold(r: dict) -> Gold:
    res = r.get("Resolution") or {}
    value = res.get("value")
    if value is not None:
        value = str(value)
        if value.strip().lower() in ("", "null", "none"):
            value = None
    return Gold(
        start=int(r["Start"]),
        end=int(r["End"]),
        text=r.get("Text", ""),
        type=r.get("TypeName", ""),
        value=value,
        unit=res.get("unit"),
        iso=res.get("isoCurrency") or None,
    )


@lru_cache(maxsize=None)
def load(key: str) -> tuple[Case, ...]:
    """All cases of one spec file, NotSupported ones included (they are scored too)."""
    path = DATA / FILES[key]
    raw = json.loads(path.read_text(encoding="utf-8-sig"))
    return tuple(
        Case(
            key=key,
            index=i,
            input=c["Input"],
            gold=tuple(_gold(r) for r in c.get("Results") or ()),
            not_supported=_platforms(c.get("NotSupported"), c.get("NotSupportedByDesign")),
            ignore_resolution=bool(c.get("IgnoreResolution")),
            comment=c.get("Comment"),
        )
        for i, c in enumerate(raw)
    )


def all_cases() -> dict[str, tuple[Case, ...]]:
    return {k: load(k) for k in FILES}


# ---------------------------------------------------------------------------- ratchet

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors.toml"
KNOWN_FAILURES = HERE / "known_failures.txt"


def read_floors(path: Path = FLOORS) -> dict[str, int]:
    """Per spec file, the minimum number of passing cases (floors only go up)."""
    import tomllib

    with path.open("rb") as fh:
        return {k: int(v) for k, v in tomllib.load(fh).get("floors", {}).items()}


def write_floors(floors: dict[str, int], path: Path = FLOORS) -> None:
    lines = [
        "# Conformance ratchet: per Recognizers-Text spec file, the minimum number of cases",
        "# claimcheck passes. tests/test_conformance.py fails if a file drops below its floor.",
        "# Floors only go up: `python tools/conformance.py --write-floors` raises them to the",
        "# current counts and never lowers one.",
        "",
        "[floors]",
    ]
    lines += [f'"{k}" = {floors[k]}' for k in FILES if k in floors]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_known_failures(path: Path = KNOWN_FAILURES) -> dict[str, str]:
    """Case id -> note. One id a line, optional note after '#'; blank lines ignored."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        cid, _, note = line.partition("#")
        if cid.strip():
            out[cid.strip()] = note.strip()
    return out


def write_known_failures(entries: dict[str, str], path: Path = KNOWN_FAILURES) -> None:
    lines = [
        "# Conformance cases claimcheck is known to fail; each is xfail(strict=True) in",
        "# tests/test_conformance.py, so a fixed case fails as XPASS until it is removed here.",
        "# Regenerate with `python tools/conformance.py --write-known-failures`.",
        "# Format: <case id>  # input (for reading only)",
        "",
    ]
    lines += [f"{cid}  # {note}" if note else cid for cid, note in entries.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
