"""What the CI formats share: where a claim is (path, line, column), severity order and
counts, rule names.

Offsets (ClaimRef.start/end) are character offsets into Document.text; lines and
columns are 1-based. A column is counted in characters (code points) or, for the
formats read by JavaScript tools (SARIF, GitHub annotations), in UTF-16 code units,
where a character outside the Basic Multilingual Plane (😀) counts 2. Lines end at
"\\n" ("\\r\\n" stays one line end, as load keeps it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..model import ClaimRef, Document, Finding

__all__ = [
    "HELP_URI", "SEVERITIES", "Span", "as_mapping", "by_severity", "counts", "doc_path", "line_col",
    "locate", "located_first", "plural", "strip_controls", "rule_name", "rules", "severity_rank", "under_cwd", "utf16_len",
]

HELP_URI = "https://github.com/claimcheck/claimcheck/blob/main/docs/rules/{code}.md"
SEVERITIES = ("error", "warning", "info")  # the most severe first
_RANK = {s: i for i, s in enumerate(SEVERITIES)}

Documents = Mapping[str, Document] | Sequence[Document] | None


def severity_rank(severity: str) -> int:
    """0 for error, 1 warning, 2 info; an unknown level sorts last."""
    return _RANK.get(severity, len(SEVERITIES))


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """The findings, errors first, then warnings, then info (report order within each)."""
    return sorted(findings, key=lambda f: severity_rank(f.severity))


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """{"error": n, "warning": n, "info": n}."""
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out


def plural(n: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def utf16_len(s: str) -> int:
    """The length of `s` in UTF-16 code units (a lone surrogate counts 1)."""
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def line_col(text: str, offset: int, utf16: bool = False) -> tuple[int, int]:
    """The 1-based line and column of character `offset` of `text`."""
    start = text.rfind("\n", 0, offset) + 1
    col = utf16_len(text[start:offset]) if utf16 else offset - start
    return text.count("\n", 0, offset) + 1, col + 1


def as_mapping(documents: Documents) -> dict[str, Document]:
    """Documents by id, from a mapping, a list of Documents or None."""
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return dict(documents)
    return {d.id: d for d in documents}


def under_cwd(path: str) -> bool:
    """Whether `path` is (relative to, or an absolute path under) the current directory."""
    try:
        Path(os.path.abspath(path)).relative_to(os.getcwd())
    except ValueError:
        return False
    return True


def doc_path(doc_id: str | None, documents: Mapping[str, Document]) -> str:
    """The file a document came from (its id when it has no path), with forward slashes,
    relative to the current directory when it is under it."""
    doc = documents.get(doc_id) if doc_id is not None else None
    p = (doc.path if doc is not None and doc.path else doc_id) or ""
    if doc is not None and doc.path and under_cwd(p):
        p = os.path.relpath(os.path.abspath(p), os.getcwd())
    return p.replace(os.sep, "/") if os.sep != "/" else p


class Span(NamedTuple):
    """Where a claim is: its path, 1-based start and end (the end column is the one after
    the claim's last character), and its offset and length in the column unit."""

    path: str
    line: int | None = None  # None: the document is unknown (or its text shorter)
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    offset: int | None = None
    length: int | None = None


def locate(ref: ClaimRef, documents: Mapping[str, Document], utf16: bool = False) -> Span:
    """The Span of a cited claim; only the path (the document id) when its document is
    not given or its offsets do not fit the text."""
    path = doc_path(ref.doc, documents)
    doc = documents.get(ref.doc) if ref.doc is not None else None
    if doc is None or not 0 <= ref.start <= ref.end <= len(doc.text):
        return Span(path)
    text = doc.text
    line, col = line_col(text, ref.start, utf16)
    end_line, end_col = line_col(text, ref.end, utf16)
    if utf16:
        offset, length = utf16_len(text[: ref.start]), utf16_len(text[ref.start: ref.end])
    else:
        offset, length = ref.start, ref.end - ref.start
    return Span(path, line, col, end_line, end_col, offset, length)


def rule_name(rule) -> str:
    """A rule's kebab-case name (cumulative-count-fell); for a rule registered without
    one, made from its summary (ASCII letters and digits only)."""
    return rule.name or "-".join(re.findall(r"[a-z0-9]+", rule.summary.lower()))


def rules() -> dict:
    """Every registered rule by code, in code order."""
    from ..rules import load_all

    return dict(sorted(load_all().items()))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(s: str) -> str:
    """`s` without control characters (C0 but tab, LF and CR; DEL; C1): an article or
    a file name must not move a terminal's cursor or hide text from a reviewer."""
    return _CONTROL.sub("", s)


def located_first(refs, docs: Mapping) -> list:
    """The claims a finding cites (those with a document), the ones whose document
    text is at hand first: a finding about a new article and the archive is placed on
    the new article's line (the archive's text is not in the report)."""
    cited = [r for r in refs if r.doc is not None]
    return [r for r in cited if r.doc in docs] + [r for r in cited if r.doc not in docs]
