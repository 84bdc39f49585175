"""Extraction on every core: documents are read in worker processes, in chunks, and the
results come back in the documents' order, so that the output of `--jobs N` is the
output of `--jobs 1`.

    extract_all(docs, jobs=None) -> list[list[Claim]]     # one list per document

Workers are forked where the platform allows (they inherit the compiled grammar and
any vocabulary extension); elsewhere they are spawned and re-apply the vocabulary. A
job count of 1, or too few documents to be worth a pool, reads in this process.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Optional, Sequence

from .model import Claim, Document

__all__ = ["extract_all", "default_jobs"]

_MIN_PER_WORKER = 8  # documents: below this a pool costs more than it saves


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _read(doc: Document) -> list[Claim]:
    from .extract import extract

    return extract(doc.text, published=doc.published, doc_id=doc.id)


def _read_chunk(docs: list) -> list:
    """(text, published, id) tuples in, each one's claims as their field dicts out: a
    tuple or dict pickles in C, a pydantic model through Python (the parent, which
    pickles and unpickles every chunk alone, was the bottleneck of two workers)."""
    from .extract import extract

    return [[c.__dict__ for c in extract(text, published=published, doc_id=doc_id)]
            for text, published, doc_id in docs]


def _init(vocabulary: list) -> None:
    if vocabulary:
        from .link import extend_vocabulary

        extend_vocabulary(vocabulary)


def extract_all(docs: Sequence[Document], jobs: Optional[int] = None,
                progress: Optional[Callable[[int, int], None]] = None) -> list[list[Claim]]:
    """The claims of each document, in order; `jobs` processes (default: every CPU)."""
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    n = len(docs)
    jobs = min(jobs, max(1, n // _MIN_PER_WORKER))
    if jobs <= 1:
        out = []
        for i, d in enumerate(docs, 1):
            out.append(_read(d))
            if progress is not None:
                progress(i, n)
        return out
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from . import link

    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
    size = max(1, min(64, n // (jobs * 8)))  # (chunks: enough to balance, few enough to be cheap)
    chunks = [[(d.text, d.published, d.id) for d in docs[i:i + size]] for i in range(0, n, size)]
    out: list = []
    import gc

    gc.freeze()  # (workers forked meanwhile leave the parent's objects alone: fewer pages copied on write)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init,
                                 initargs=([p for p, _ in link._EXTRA],)) as pool:
            _collect(pool, chunks, out, n, progress)
    finally:
        gc.unfreeze()
    return out


def _collect(pool, chunks: list, out: list, n: int, progress) -> None:
    """The chunks' claims, in order, into `out` (Claims rebuilt from their fields)."""
    from .extract import _make_claim

    make = _make_claim() or (lambda fields: Claim(**fields))
    for claims in pool.map(_read_chunk, chunks):
        out.extend([make(f) for f in fields] for fields in claims)
        if progress is not None:
            progress(len(out), n)
