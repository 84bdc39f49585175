"""Inline suppression: `<!-- claimcheck: ignore CC201 -->` in an article silences the
findings about the claims of the paragraph after it.

    <!-- claimcheck: ignore -->             every rule
    <!-- claimcheck: ignore CC201 CC5 -->   these codes or prefixes (, or spaces)

The paragraph is the next run of non-blank lines after the comment (the comment may
stand on its own line or at the end of the line before). A finding is dropped when one
of the claims it cites lies in such a paragraph and its code matches.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

__all__ = ["directives", "suppressed"]

_DIRECTIVE = re.compile(r"<!--\s*claimcheck\s*:\s*ignore\b(?P<codes>[^>]*?)-->", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_CODE = re.compile(r"CC\d{0,3}", re.IGNORECASE)


def directives(text: str) -> list[tuple[int, int, Optional[tuple[str, ...]]]]:
    """(start, end, codes) of the paragraphs silenced in `text`; codes None means all."""
    out = []
    for m in _DIRECTIVE.finditer(text):
        codes = tuple(c.upper() for c in _CODE.findall(m.group("codes"))) or None
        start = m.end()
        while start < len(text) and text[start].isspace():  # (to the paragraph's first character)
            start += 1
        blank = _BLANK_LINE.search(text, start)
        end = blank.start() if blank else len(text)
        out.append((start, end, codes))
    return out


def suppressed(finding, spans_by_doc: dict) -> bool:
    """Whether a directive silences `finding` (spans_by_doc: doc id -> directives())."""
    for ref in finding.claims:
        for start, end, codes in spans_by_doc.get(ref.doc, ()):
            if start <= ref.start < end and (codes is None or any(finding.code.startswith(c) for c in codes)):
                return True
    return False


def apply(findings: list, documents: Iterable) -> tuple[list, int]:
    """The findings no directive silences, and how many were silenced."""
    spans = {d.id: directives(d.text) for d in documents if "claimcheck" in d.text}
    spans = {k: v for k, v in spans.items() if v}
    if not spans:
        return list(findings), 0
    kept = [f for f in findings if not suppressed(f, spans)]
    return kept, len(findings) - len(kept)
