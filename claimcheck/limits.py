"""limits: how much of one document claimcheck reads (docs/security.md).

    Limits(max_chars=2_000_000, max_claims=20_000)
    limits.clip(doc, warnings) -> Document          its text up to max_chars
    limits.keep(doc, claims, warnings) -> claims    its first max_claims claims

Extraction is linear in the length of a text, but a corpus may hold a file of any size:
a PDF dump, a scrape that went wrong, a file written to hurt. `check`, `index` and the
`extract` command read a longer document up to `max_chars` (config `max-document-chars`)
and keep its first `max_claims` claims (`max-claims-per-document`); each time, a warning
naming the file is appended to `warnings` (the CLI prints it and exits 2: the document
was not read whole). `claimcheck.extract(text)` itself has no limit: its caller holds
the text already.

A text is cut at its last line break in the 1,000 characters before the limit, else at
the last space or sentence or clause mark there, else at the limit itself, so that a
number is not cut into a smaller one.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .model import Claim, Document

__all__ = ["MAX_CLAIMS_PER_DOCUMENT", "MAX_DOCUMENT_CHARS", "Limits"]

MAX_DOCUMENT_CHARS = 2_000_000
MAX_CLAIMS_PER_DOCUMENT = 20_000
_WINDOW = 1_000  # characters before the limit where a cut looks for a line break
_BREAKS = " \t\u3000。！？!?；;，,、"


def _where(doc: Document) -> str:
    """The file a warning names, and the document when the file holds several."""
    if not doc.path:
        return doc.id
    tail = doc.path.replace("\\", "/")
    return doc.path if tail == doc.id or tail.endswith("/" + doc.id) else f"{doc.path} ({doc.id})"


def _cut(text: str, limit: int) -> int:
    lo = max(0, limit - _WINDOW)
    i = text.rfind("\n", lo, limit)
    if i < 0:
        i = max(text.rfind(ch, lo, limit) for ch in _BREAKS)
    return i + 1 if i >= 0 else limit


class Limits(NamedTuple):
    """The most of one document that is read."""

    max_chars: int = MAX_DOCUMENT_CHARS
    max_claims: int = MAX_CLAIMS_PER_DOCUMENT

    @classmethod
    def of(cls, config: Optional[dict]) -> Limits:
        """The limits of an engine config (claimcheck.check's `config`)."""
        config = config or {}
        return cls(int(config.get("max_document_chars") or MAX_DOCUMENT_CHARS),
                   int(config.get("max_claims_per_document") or MAX_CLAIMS_PER_DOCUMENT))

    def clip(self, doc: Document, warnings: list) -> Document:
        """`doc`, or a copy whose text stops at the limit (and a warning)."""
        n = len(doc.text)
        if n <= self.max_chars:
            return doc
        cut = _cut(doc.text, self.max_chars)
        warnings.append(f"{_where(doc)}: {n:,} characters, over max-document-chars ({self.max_chars:,}): "
                        f"only the first {cut:,} were read")
        return doc.model_copy(update={"text": doc.text[:cut]})

    def clip_all(self, docs, warnings: list) -> list:
        return [self.clip(d, warnings) for d in docs]

    def keep(self, doc: Document, claims: list[Claim], warnings: list) -> list[Claim]:
        """`claims` (of `doc`), or their first max_claims (and a warning)."""
        if len(claims) <= self.max_claims:
            return claims
        warnings.append(f"{_where(doc)}: {len(claims):,} claims, over max-claims-per-document "
                        f"({self.max_claims:,}): only the first {self.max_claims:,} were kept")
        return claims[:self.max_claims]
