"""Baselines: the findings an editor has accepted, by fingerprint, so that a CI gate
fails only on new ones.

The file is JSON, sorted by fingerprint and written the same way every run, so that it
diffs cleanly; beside each fingerprint it keeps the code, metric and quotes for humans:

    {"claimcheck_baseline": 1,
     "findings": [{"fingerprint": "3f2a…", "code": "CC101", "metric": "…",
                   "claims": ["001.txt: 「超80个」", …], "message": "…"}, …]}

A fingerprint is rule + metric + the claims' documents and normalised texts (never
offsets), so it survives edits elsewhere in the article and a new order of documents.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ._text import valid_unicode
from .errors import ConfigError

__all__ = ["write_baseline", "read_baseline", "split"]

VERSION = 1


def render_baseline(findings) -> str:
    rows = {}
    for f in findings:
        rows[f.fingerprint] = {"fingerprint": f.fingerprint, "code": f.code, "metric": f.metric,
                               "claims": [f"{r.doc}: 「{r.text}」" for r in f.claims], "message": f.message}
    data = {"claimcheck_baseline": VERSION, "findings": [rows[k] for k in sorted(rows)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(findings, path: os.PathLike) -> int:
    """Write the fingerprints of `findings` to `path` (atomically); how many."""
    text = render_baseline(findings)
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    try:
        tmp.write_text(valid_unicode(text), encoding="utf-8")
        os.replace(tmp, p)
    except OSError as exc:
        raise ConfigError(os.fspath(path), f"cannot write the baseline: {exc.strerror or exc}") from None
    return text.count('"fingerprint"')


def read_baseline(path: os.PathLike) -> set[str]:
    """The fingerprints a baseline file holds; a missing or malformed file is a
    ConfigError naming it."""
    where = os.fspath(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(where, f"cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(where, f"not a claimcheck baseline (not JSON: {exc})") from None
    except RecursionError:
        raise ConfigError(where, "not a claimcheck baseline (JSON nested too deeply)") from None
    if not isinstance(data, dict) or data.get("claimcheck_baseline") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise ConfigError(where, f"not a claimcheck baseline (expected claimcheck_baseline: {VERSION} and findings)")
    out = set()
    for i, row in enumerate(data["findings"]):
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise ConfigError(where, f"findings[{i}]: no fingerprint")
        out.add(row["fingerprint"])
    return out


def split(findings, accepted: set[str]) -> tuple[list, list, set[str]]:
    """(new findings, baseline-covered findings, stale fingerprints: in the baseline,
    matching no finding now)."""
    new = [f for f in findings if f.fingerprint not in accepted]
    old = [f for f in findings if f.fingerprint in accepted]
    stale = accepted - {f.fingerprint for f in findings}
    return new, old, stale
