"""engines: claimcheck.check run as a Dask bag pipeline, on this machine or a cluster.

    check_dask(docs, against=None, config=None, scheduler=None, npartitions=None) -> Report

The result is the Report that claimcheck.check(docs, against, config) gives: the same
documents are kept (a text seen before adds nothing), the same findings, verified
checks, claims (in the documents' order), coverage and suppressed count. The work is
the split that claimcheck.check documents (check_claims):

    documents --bag--> map: extract each document, check_local over its claims
              --groupby family_of (a task shuffle)--> map: check_family per family
              --collect--> assemble() in the client, then inline suppression

Extraction and the per-document rules are embarrassingly parallel; each metric family
is checked whole on one worker, so the largest family bounds the speed-up of the
reduce. Families whose key starts with "~" (no vocabulary metric) are not shuffled:
check_family ignores them, and their sizes, which coverage reads, are counted in the
client from the claims collected.

`scheduler`: None or "threads" (the default), "processes", "sync" run on Dask's local
schedulers; any other string is the address of a dask.distributed scheduler
("tcp://host:8786"), to which a Client connects for this call; a distributed Client may
be passed as it is (it is not closed). Threads are the local default: the tasks share
this process, so nothing is pickled, while Dask's local process pool routes every
task's input and output through this process (the shuffle sends each partition to
several tasks) and starts its workers afresh on each call; on two CPUs that made it
2-3 times slower than threads, which are about as fast as claimcheck.check with one
job (the extractor holds the GIL, so threads do not read in parallel: for that, the
local engine's `jobs` or a cluster). "processes" spawns its workers, so a script that
uses it needs the `if __name__ == "__main__":` guard. The documents travel from
the client (on a cluster, scattered to the workers), so the workers need claimcheck
installed (the same version) but no shared filesystem; a vocabulary extension
(link.extend_vocabulary) travels with the tasks as parsed tables.

Nothing of Dask is imported until check_dask is called; when it is missing, check_dask
raises MissingDependencyError, which says `pip install "claimcheck[dask]"`.
"""

from __future__ import annotations

import operator
from typing import Optional, Sequence

from .errors import ClaimcheckError, MissingDependencyError
from .model import Document, Report

__all__ = ["check_dask", "EngineError", "DEFAULT_SCHEDULER", "LOCAL_SCHEDULERS"]

DEFAULT_SCHEDULER = "threads"  # (why: docs/scale.md, "The Dask engine")
# Dask's local schedulers by the names dask.compute takes (and their aliases).
LOCAL_SCHEDULERS = ("processes", "multiprocessing", "threads", "threading", "sync", "synchronous",
                    "single-threaded")
_PARTITIONS_PER_WORKER = 4  # enough to balance uneven documents, few enough to keep the shuffle small


class EngineError(ClaimcheckError, ValueError):
    """A check the Dask engine cannot run as asked: a claim index as `against`, a
    scheduler that cannot be reached, a bad partition count."""


def _import_dask():
    try:
        import dask
        import dask.bag
    except ImportError as exc:
        raise MissingDependencyError("the Dask engine (claimcheck check --engine dask)", "dask") from exc
    return dask, dask.bag


def _connect(address: str):
    try:
        from distributed import Client
    except ImportError as exc:
        raise MissingDependencyError(f"a Dask cluster (--scheduler {address})", "distributed") from exc
    try:
        return Client(address)
    except (OSError, ValueError, TypeError) as exc:
        raise EngineError(f"cannot connect to the Dask scheduler at {address!r}: {exc}") from None


def check_dask(docs: Sequence[Document], against: Optional[Sequence[Document]] = None, config: Optional[dict] = None,
               scheduler=None, npartitions: Optional[int] = None, *, num_workers: Optional[int] = None) -> Report:
    """claimcheck.check(docs, against, config) as a Dask bag pipeline (module doc).
    `against`: earlier documents (a claim index is not supported: claimcheck.check reads
    one). `npartitions`: how many pieces the documents are cut into (default: four per
    worker, at most one per document). `num_workers`: processes or threads of a local
    scheduler (default: every CPU)."""
    from . import link, suppress
    from .check import DEFAULT_CONFIG, assemble, check_claims, distinct_documents, family_of

    if hasattr(against, "claims_for"):
        raise EngineError("the Dask engine does not read a claim index as `against`; check against the documents "
                          "themselves, or use the local engine (claimcheck.check), which loads only the families "
                          "the new documents mention")
    if npartitions is not None and int(npartitions) < 1:
        raise EngineError(f"npartitions must be 1 or more, not {npartitions}")
    dask, db = _import_dask()
    from .limits import Limits

    cfg = {**DEFAULT_CONFIG, **(config or {})}
    limits, warnings = Limits.of(cfg), []
    docs = limits.clip_all(docs, warnings)
    if against is not None:
        against = limits.clip_all(against, warnings)
    kept, new_ids, _ = distinct_documents(docs, against or ())
    new_docs = new_ids if against is not None else None
    if not kept:
        report = check_claims([], documents=[], new_docs=new_docs, config=cfg)
        report.warnings = warnings
        return report

    client, own_client = None, False
    name = DEFAULT_SCHEDULER if scheduler is None else scheduler
    if isinstance(name, str) and name in LOCAL_SCHEDULERS:
        from .parallel import default_jobs

        workers = 1 if name in ("sync", "synchronous", "single-threaded") else (num_workers or default_jobs())
        run: dict = {"scheduler": name}
        if workers > 1 or num_workers:
            run["num_workers"] = workers
    elif isinstance(name, str):
        client, own_client = _connect(name), True
    elif hasattr(name, "nthreads") and hasattr(name, "get"):  # a distributed.Client
        client = name
    else:
        raise EngineError(f"scheduler must be one of {', '.join(LOCAL_SCHEDULERS)}, a scheduler address "
                          f"(tcp://host:8786) or a distributed Client, not {name!r}")
    try:
        if client is not None:
            workers = max(1, sum(client.nthreads().values()))
            run = {"scheduler": client}
        # Documents that share an id are read together: check_local reads a document's
        # claims by id, as check_claims does.
        by_id: dict = {}
        for i, d in enumerate(kept):
            by_id.setdefault(d.id, []).append((i, d))
        units = list(by_id.values())
        n = min(len(units), int(npartitions) if npartitions else _PARTITIONS_PER_WORKER * workers)
        # What every task reads, one object in the graph (fetched once per worker).
        settings = dask.delayed((cfg, list(link._EXTRA), new_docs), pure=True, traverse=False)
        if client is None:
            docs_bag = db.from_sequence(units, npartitions=n)
        else:  # (scattered to the workers, not written into the graph the scheduler holds)
            size = -(-len(units) // n)
            scattered = client.scatter([units[k:k + size] for k in range(0, len(units), size)])
            docs_bag = db.from_delayed(scattered)  # (the futures are held until the results are in)
        read = docs_bag.map_partitions(_read_partition, settings)
        families = (read.map_partitions(_family_entries)
                    .groupby(operator.itemgetter(0), shuffle="tasks")
                    .map_partitions(_check_partition, settings))
        per_unit, per_family = dask.compute(read, families, **run)
    finally:
        if own_client and client is not None:
            client.close()

    # Back to claimcheck.check's order: claims by document, then as extracted; the
    # families' results in the order their first claims come, then the documents'.
    found = {i: claims for _, read_docs, _, _ in per_unit for i, claims in read_docs}
    warnings += [w for *_, more in sorted(per_unit, key=operator.itemgetter(0)) for w in more]
    claims = [c for i in sorted(found) for c in found[i]]
    parts = [part for _, part in sorted(per_family, key=operator.itemgetter(0))]
    parts += [part for _, _, part, _ in sorted(per_unit, key=operator.itemgetter(0)) if part is not None]
    sizes: dict = {}
    for c in claims:
        fam = family_of(c)
        sizes[fam] = sizes.get(fam, 0) + 1
    report = assemble(claims, [d.id for d in kept], parts, sizes, new_docs, cfg)
    report.findings, report.suppressed = suppress.apply(report.findings, kept)
    report.warnings = warnings
    return report


# --- the tasks (module-level functions: they are pickled by reference to the workers)


def _read_partition(units: list, settings: tuple) -> list:
    """The map step: for each group of documents with one id, (index of its first
    document, [(document index, claims)], check_local over its claims; None for an
    earlier document, which alone concerns no new one, as in check_claims; the warnings
    of the documents with more claims than the limit, whose first claims are kept)."""
    from .check import check_local
    from .extract import extract
    from .limits import Limits
    from .link import use_extra

    config, extra, new_docs = settings
    use_extra(extra)
    limits = Limits.of(config)
    out = []
    for unit in units:
        warnings: list = []
        read = [(i, limits.keep(d, extract(d.text, published=d.published, doc_id=d.id), warnings)) for i, d in unit]
        claims = [c for _, found in read for c in found]
        local = check_local(claims, config) if new_docs is None or unit[0][1].id in new_docs else None
        out.append((unit[0][0], read, local, warnings))
    return out


def _family_entries(records: list) -> list:
    """(family, document index, position, claim) for each claim of a vocabulary family."""
    from .check import family_of

    out = []
    for _, read, _, _ in records:
        for i, claims in read:
            for j, c in enumerate(claims):
                fam = family_of(c)
                if not fam.startswith("~"):
                    out.append((fam, i, j, c))
    return out


def _check_partition(groups: list, settings: tuple) -> list:
    """The reduce step: check_family over each family's claims in claimcheck.check's
    order (by document, then as extracted), keyed by where its first claim comes."""
    from .check import check_family
    from .link import use_extra

    config, extra, new_docs = settings
    use_extra(extra)
    out = []
    for fam, entries in groups:
        entries = sorted(entries, key=lambda e: (e[1], e[2]))
        if len(entries) < 2:
            continue  # (check_family finds nothing in one claim)
        out.append(((entries[0][1], entries[0][2]), check_family(fam, [e[3] for e in entries], config, new_docs)))
    return out
