"""index: the claims of an archive in an embedded SQLite database, so that a new article
is checked against years of articles without reading them again.

    with Index("archive.db") as ix:
        ix.update(claimcheck.load(["articles/"]))          # idempotent; jobs=N for all cores
        report = claimcheck.check(new_docs, against=ix)   # loads only the families NEW mentions

Tables (schema version SCHEMA_VERSION, migrated forward on open; a newer one is refused):

    meta       key -> value: schema, claimcheck version, extractor and vocabulary hashes
    documents  id, path, hash (text and metadata), text_hash, published, title, source, url,
               claims (how many)
    claims     doc_id, family (indexed), metric, as_start, as_end, data (the Claim's fields
               as a JSON array, in the order of Claim.model_fields)

A document's claims are replaced in the transaction that records its new hash, so a
crash leaves every document either as it was or as it is now (WAL journal; a reader
never waits for a writer). Two writers take turns: one waits for the other's
transaction, up to `timeout` seconds, then stops with a clear message. When the
extractor or the vocabulary has changed since the index was built, `stale` says so,
updates are refused, and `update(..., rebuild=True)` re-extracts everything.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
import time
from importlib import resources
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Optional, Sequence

from . import nearby
from ._text import has_surrogates, valid_unicode
from .errors import IndexFileError
from .model import Claim, Document, Period

if TYPE_CHECKING:
    from .limits import Limits

__all__ = ["Index", "UpdateStats", "SCHEMA_VERSION", "is_index"]

SCHEMA_VERSION = 5
_MAGIC = b"SQLite format 3\x00"
_FIELDS = list(Claim.model_fields)
_AS_OF = _FIELDS.index("as_of")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT, hash TEXT NOT NULL, text_hash TEXT NOT NULL,
    published TEXT, title TEXT, source TEXT, url TEXT, claims INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS claims (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    family TEXT NOT NULL, metric TEXT, as_start TEXT, as_end TEXT, data TEXT NOT NULL,
    sig TEXT, base TEXT, defn TEXT, fact INTEGER, dated INTEGER, wlo REAL, whi REAL,
    day0 INTEGER, day1 INTEGER, pos INTEGER);
CREATE INDEX IF NOT EXISTS claims_family ON claims(family, day1);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
CREATE INDEX IF NOT EXISTS claims_sig ON claims(sig, day1);
CREATE INDEX IF NOT EXISTS claims_series ON claims(sig, fact, dated, day1, doc_id, pos);
CREATE INDEX IF NOT EXISTS claims_base ON claims(base, defn, day1);
CREATE INDEX IF NOT EXISTS claims_sig_wlo ON claims(sig, wlo);
CREATE INDEX IF NOT EXISTS claims_base_wlo ON claims(base, defn, wlo);
CREATE TABLE IF NOT EXISTS definitions (base TEXT NOT NULL, defn TEXT NOT NULL, PRIMARY KEY (base, defn));
CREATE INDEX IF NOT EXISTS documents_text ON documents(text_hash);
"""

# schema N -> the statements (or a function of the connection) that make it N + 1.
# Version 1, of the first development builds, had no text_hash and no claim counts;
# version 2 had not the keys that find a new claim's partners (claimcheck.nearby);
# version 3 had not the indexes by extreme nor the list of definitions of each base;
# version 4 had not the index in series order (a claim's neighbours in two seeks).
_MIGRATIONS = {
    1: [
        "ALTER TABLE documents ADD COLUMN text_hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE documents ADD COLUMN claims INTEGER NOT NULL DEFAULT 0",
        "UPDATE documents SET claims = (SELECT count(*) FROM claims WHERE claims.doc_id = documents.id)",
        "CREATE INDEX IF NOT EXISTS documents_text ON documents(text_hash)",
    ],
    2: [
        *(f"ALTER TABLE claims ADD COLUMN {name} {kind}" for name, kind in (
            ("sig", "TEXT"), ("base", "TEXT"), ("defn", "TEXT"), ("fact", "INTEGER"), ("dated", "INTEGER"),
            ("wlo", "REAL"), ("whi", "REAL"), ("day0", "INTEGER"), ("day1", "INTEGER"), ("pos", "INTEGER"))),
        "DROP INDEX IF EXISTS claims_family",
        "CREATE INDEX IF NOT EXISTS claims_family ON claims(family, day1)",
        "CREATE INDEX IF NOT EXISTS claims_sig ON claims(sig, day1)",
        "CREATE INDEX IF NOT EXISTS claims_base ON claims(base, defn, day1)",
        lambda ix: ix._fill_keys(),
    ],
    3: [
        "CREATE INDEX IF NOT EXISTS claims_sig_wlo ON claims(sig, wlo)",
        "CREATE INDEX IF NOT EXISTS claims_base_wlo ON claims(base, defn, wlo)",
        "CREATE TABLE IF NOT EXISTS definitions (base TEXT NOT NULL, defn TEXT NOT NULL, PRIMARY KEY (base, defn))",
        "INSERT OR IGNORE INTO definitions SELECT DISTINCT base, defn FROM claims "
        "WHERE base IS NOT NULL AND fact = 1 AND dated = 1",
    ],
    4: ["CREATE INDEX IF NOT EXISTS claims_series ON claims(sig, fact, dated, day1, doc_id, pos)"],
}


class UpdateStats(NamedTuple):
    added: int
    updated: int
    unchanged: int
    removed: int
    claims: int  # claims written
    warnings: tuple = ()  # documents not read whole (claimcheck.limits)


def is_index(path: os.PathLike) -> bool:
    """Whether `path` is a file that starts like an SQLite database."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _MAGIC
    except OSError:
        return False


def extractor_version() -> str:
    """claimcheck's version and a hash of the extractor's code and data (a change in
    either can change the claims)."""
    h = hashlib.sha256()
    from . import __version__

    h.update(__version__.encode())
    root = resources.files("claimcheck")
    for sub, suffixes in (("extract", (".py",)), ("data", (".toml", ".txt"))):
        folder = root / sub
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(suffixes) and entry.name != "metrics.toml":
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    for name in ("link.py", "units.py", "model.py"):
        h.update((root / name).read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def vocabulary_version() -> str:
    """A hash of the metric vocabulary in use (claimcheck's and its extensions)."""
    from . import link

    h = hashlib.sha256((resources.files("claimcheck") / "data" / "metrics.toml").read_bytes())
    for _path, table in link._EXTRA:
        h.update(json.dumps(table, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def doc_hash(d: Document) -> str:
    """What decides whether a document must be read again: its text and the metadata
    the claims depend on (the publication date resolves 今年)."""
    h = hashlib.sha256(d.text.encode("utf-8", "surrogatepass"))
    for v in (d.published, d.title, d.source, d.url):
        h.update(b"\x1f" + (str(v) if v is not None else "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Index:
    """An open claim index (a context manager). `create`: make the file when missing."""

    def __init__(self, path: os.PathLike, create: bool = True, timeout: float = 30.0, readonly: bool = False):
        self.path = os.fspath(path)
        self.timeout = timeout
        exists = os.path.exists(self.path)
        if not exists and (readonly or not create):
            raise IndexFileError(self.path, "no such index (claimcheck index DB PATH... makes one)")
        if exists and (os.path.isdir(self.path) or not (os.path.getsize(self.path) == 0 or is_index(self.path))):
            raise IndexFileError(self.path, "not a claimcheck index (not an SQLite database)")
        uri = f"file:{self.path}?mode=ro" if readonly else self.path
        try:
            self.db = sqlite3.connect(uri, uri=readonly, timeout=timeout, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self._open(readonly)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise self._error(exc) from None
        except BaseException:
            self.db.close()  # (a file refused is left as it was, with no -wal or -shm beside it)
            raise

    # ------------------------------------------------------------------ schema

    def _open(self, readonly: bool) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            if readonly:
                raise IndexFileError(self.path, "an empty database, not a claimcheck index")
            self._writable()
            with self._write():
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)
                self._set_meta({"schema": str(SCHEMA_VERSION), "claimcheck": _version(),
                                "extractor": extractor_version(), "vocabulary": vocabulary_version(),
                                "created": _now()})
            return
        if "meta" not in tables or "claims" not in tables or "documents" not in tables:
            raise IndexFileError(self.path, "an SQLite database, but not a claimcheck index")
        version = self.meta().get("schema")
        if version is None or not version.isdigit():
            raise IndexFileError(self.path, "a claimcheck index without a schema version: rebuild it")
        v = int(version)
        if v > SCHEMA_VERSION:
            raise IndexFileError(self.path, f"made by a newer claimcheck (index schema {v}; this claimcheck "
                                            f"reads {SCHEMA_VERSION} and older): upgrade claimcheck")
        if v < SCHEMA_VERSION:
            missing = [k for k in range(v, SCHEMA_VERSION) if k not in _MIGRATIONS]
            if missing:
                raise IndexFileError(self.path, f"index schema {v} cannot be migrated: rebuild it")
            if readonly:
                raise IndexFileError(self.path, f"index schema {v} must be migrated to {SCHEMA_VERSION}: "
                                                f"run claimcheck index on it once")
        if readonly:
            return
        self._writable()
        if v < SCHEMA_VERSION:
            with self._write():
                v = int(self.meta().get("schema", v))  # (another process may have migrated it meanwhile)
                if v < SCHEMA_VERSION:
                    for k in range(v, SCHEMA_VERSION):
                        for stmt in _MIGRATIONS[k]:
                            if callable(stmt):
                                stmt(self)
                            else:
                                self.db.execute(stmt)
                    self._set_meta({"schema": str(SCHEMA_VERSION), "migrated": f"{v}->{SCHEMA_VERSION} {_now()}"})

    def _writable(self) -> None:
        """WAL journal (readers never wait for the writer), set only once the file is
        known to be a claimcheck index or new: a database that is refused is not touched.
        SQLite does not wait for a lock to change the journal mode (a new file that
        another process is making, a schema-1 index another is migrating), so this
        waits here, up to `timeout` as a transaction would."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)
        self.db.execute("PRAGMA synchronous = NORMAL")

    def meta(self) -> dict:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def _set_meta(self, values: dict) -> None:
        self.db.executemany("INSERT INTO meta (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", list(values.items()))

    @property
    def stale(self) -> Optional[str]:
        """Why the claims in the index may differ from what this claimcheck would read
        (another extractor or vocabulary), or None."""
        m = self.meta()
        why = []
        if m.get("extractor") != extractor_version():
            why.append(f"extractor {m.get('extractor')} (now {extractor_version()})")
        if m.get("vocabulary") != vocabulary_version():
            why.append(f"vocabulary {m.get('vocabulary')} (now {vocabulary_version()})")
        return "; ".join(why) or None

    # ------------------------------------------------------------------ writing

    class _Tx:
        def __init__(self, ix: "Index"):
            self.ix = ix

        def __enter__(self):
            try:
                self.ix.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self.ix._error(exc) from None
            return self

        def __exit__(self, kind, exc, tb):
            if kind is None:
                try:
                    self.ix.db.execute("COMMIT")
                except sqlite3.DatabaseError as e:
                    self.ix.db.execute("ROLLBACK")
                    raise self.ix._error(e) from None
            else:
                self.ix.db.execute("ROLLBACK")
            return False

    def _write(self) -> "Index._Tx":
        return Index._Tx(self)

    def _error(self, exc: Exception) -> IndexFileError:
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return IndexFileError(self.path, f"another process is writing this index (waited {self.timeout:g} s); "
                                             f"try again when it has finished")
        if "not a database" in msg or "malformed" in msg:
            return IndexFileError(self.path, f"not a claimcheck index or damaged ({msg})")
        return IndexFileError(self.path, msg)

    def update(self, docs: Sequence[Document], jobs: int = 1, rebuild: bool = False, prune: bool = False,
               progress: Optional[Callable[[int, int], None]] = None, batch_seconds: float = 0.5,
               limits: Optional["Limits"] = None) -> UpdateStats:
        """Add or update `docs`: a document whose hash is unchanged is not read again;
        the others are read (in `jobs` processes) and their claims replaced, a document
        per transaction's worth at a time (a batch commits every `batch_seconds`).
        `prune`: documents not among `docs` are removed. `rebuild`: every document is
        read again and the index takes this claimcheck's extractor and vocabulary; unless
        `prune` removes them, every document of the index must be among `docs` (one that
        was not read again would keep another extractor's claims in an index called fresh).
        `limits` (claimcheck.limits, the defaults when None): a longer document is stored
        up to the limit, with its first claims; each is one of the stats' `warnings`.
        Every string stored is valid Unicode (claimcheck._text)."""
        from .limits import Limits
        from .parallel import extract_all

        limits = limits or Limits()
        warnings: list = []
        docs = [_storable(d) for d in limits.clip_all(docs, warnings)]

        why = self.stale
        if why and not rebuild:
            raise IndexFileError(self.path, f"built with another {why}; "
                                            f"run claimcheck index with --rebuild to read the documents again")
        rows = self.db.execute("SELECT id, hash, text_hash FROM documents").fetchall()
        known = {r[0]: r[1] for r in rows}
        if rebuild and not prune:
            given = {d.id for d in docs}
            left = [k for k in known if k not in given]
            if left:  # (their claims are another extractor's: the index would be called fresh and not be)
                raise IndexFileError(self.path, f"a rebuild must read every document again, and {len(left)} of "
                                                f"the index (such as {sorted(left)[0]!r}) are not among those given: "
                                                f"give all the paths of the archive, or --prune to remove them")
        no_text = {r[0] for r in rows if not r[2]}  # (migrated from schema 1, which kept no text hash)
        todo, fill = [], []
        for d in docs:
            if rebuild or known.get(d.id) != doc_hash(d):
                todo.append(d)
            elif d.id in no_text:
                fill.append((_text_hash(d.text), d.id))
        if fill:
            with self._write():
                self.db.executemany("UPDATE documents SET text_hash = ? WHERE id = ?", fill)
        unchanged = len(docs) - len(todo)
        added = updated = written = 0
        step = 256  # documents read between commits, at most
        i = 0
        t_last = time.monotonic()
        pending: list = []
        while i < len(todo):
            chunk = todo[i:i + step]
            found = [limits.keep(d, claims, warnings) for d, claims in zip(chunk, extract_all(chunk, jobs=jobs))]
            pending.extend(zip(chunk, found))
            i += len(chunk)
            if time.monotonic() - t_last >= batch_seconds or i >= len(todo):
                a, u, w = self._store(pending, known)
                added, updated, written = added + a, updated + u, written + w
                pending = []
                t_last = time.monotonic()
            if progress is not None:
                progress(i, len(todo))
        removed = 0
        if prune or rebuild:
            keep = {d.id for d in docs}
            gone = [k for k in known if k not in keep]
            if prune and gone:
                with self._write():
                    self.db.executemany("DELETE FROM documents WHERE id = ?", [(k,) for k in gone])
                removed = len(gone)
        if rebuild:
            with self._write():
                self._set_meta({"claimcheck": _version(), "extractor": extractor_version(),
                                "vocabulary": vocabulary_version(), "rebuilt": _now()})
        return UpdateStats(added, updated, unchanged, removed, written, tuple(warnings))

    def _store(self, pending: list, known: dict) -> tuple[int, int, int]:
        added = updated = written = 0
        with self._write():
            for d, claims in pending:
                h = doc_hash(d)
                self.db.execute("DELETE FROM claims WHERE doc_id = ?", (d.id,))
                self.db.execute(
                    "INSERT INTO documents (id, path, hash, text_hash, published, title, source, url, claims) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET path = excluded.path, "
                    "hash = excluded.hash, text_hash = excluded.text_hash, published = excluded.published, "
                    "title = excluded.title, source = excluded.source, url = excluded.url, claims = excluded.claims",
                    (d.id, d.path, h, _text_hash(d.text), d.published.isoformat() if d.published else None,
                     d.title, d.source, d.url, len(claims)))
                rows = [_row(d.id, c) for c in claims]
                self.db.executemany(f"INSERT INTO claims ({_COLUMNS}) VALUES ({_MARKS})", rows)
                self.db.executemany("INSERT OR IGNORE INTO definitions (base, defn) VALUES (?, ?)",
                                    {(r[7], r[8]) for r in rows if r[7] is not None and r[9] == 1 and r[10] == 1})
                written += len(claims)
                if d.id in known:
                    updated += 1
                else:
                    added += 1
                known[d.id] = h
        return added, updated, written

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def roots(self) -> list[str]:
        """The folders indexed (absolute): a new file under one has the id it would have
        in the index (its path relative to that folder)."""
        try:
            return list(json.loads(self.meta().get("roots", "[]")))
        except (ValueError, TypeError):
            return []

    def add_roots(self, folders: Iterable[str]) -> None:
        roots = sorted(set(self.roots()) | {os.path.realpath(f) for f in folders})
        with self._write():
            self._set_meta({"roots": json.dumps(roots)})  # (ASCII: a name that is not UTF-8 is kept as escapes)

    def known_ids(self, ids: Iterable[str]) -> set:
        """Those of `ids` that are documents of the index."""
        ids = list(ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {r[0] for r in self.db.execute(f"SELECT id FROM documents WHERE id IN ({marks})", ids)}

    def counts(self) -> tuple[int, int]:
        """(documents, claims)."""
        n = self.db.execute("SELECT count(*), coalesce(sum(claims), 0) FROM documents").fetchone()
        return int(n[0]), int(n[1])

    def _fill_keys(self) -> None:
        """The partner keys of every claim (a migration from schema 2)."""
        decode = _decoder(self.path)
        cols = ", ".join(f"{k} = ?" for k in nearby.COLUMNS)
        rows = self.db.execute("SELECT rowid, data FROM claims").fetchall()
        self.db.executemany(f"UPDATE claims SET {cols} WHERE rowid = ?",
                            [(*(nearby.keys(decode(data)) or (None,) * len(nearby.COLUMNS)), rowid)
                             for rowid, data in rows])

    def claims_near(self, new_claims: Iterable[Claim], exclude_ids: Iterable[str] = (),
                    exclude_texts: Iterable[str] = ()) -> list[Claim]:
        """The archived claims that may take part in a finding about `new_claims`
        (claimcheck.nearby: indexed queries by signature, definition, period and
        extremes), leaving out documents as claims_for does."""
        rowids = sorted(nearby.rows(self.db, list(new_claims), set(exclude_ids)))
        found = []
        for i in range(0, len(rowids), 900):  # (SQLite's parameter limit)
            part = rowids[i:i + 900]
            marks = ",".join("?" * len(part))
            found += self.db.execute(f"SELECT doc_id, data FROM claims WHERE rowid IN ({marks}) ORDER BY rowid",
                                     part).fetchall()
        skip = self._skipped(exclude_ids, exclude_texts, {doc_id for doc_id, _ in found})
        decode = _decoder(self.path)
        return [decode(data) for doc_id, data in found if doc_id not in skip]

    def claims_for(self, families: Iterable[str], exclude_ids: Iterable[str] = (),
                   exclude_texts: Iterable[str] = ()) -> list[Claim]:
        """The claims of these metric families (an indexed query), leaving out the
        documents with these ids (an older version of a new document) or text hashes
        (a copy of a new document adds nothing), and the later copies of a text the
        index holds more than once (a copy of an earlier document adds nothing)."""
        fams = sorted(set(families))
        if not fams:
            return []
        marks = ",".join("?" * len(fams))
        rows = self.db.execute(f"SELECT doc_id, data FROM claims WHERE family IN ({marks}) ORDER BY rowid",
                               fams).fetchall()
        skip = self._skipped(exclude_ids, exclude_texts, {doc_id for doc_id, _ in rows})
        decode = _decoder(self.path)
        return [decode(data) for doc_id, data in rows if doc_id not in skip]

    def _skipped(self, exclude_ids: Iterable[str], exclude_texts: Iterable[str], candidates: Iterable[str]) -> set:
        """Of the `candidates` (document ids), those whose claims are left out: these ids,
        these texts, and the later copies of a text the index holds more than once."""
        skip = set(exclude_ids)
        cands = sorted(set(candidates) - skip)
        texts = set(exclude_texts)
        excluded = sorted(skip)
        for i in range(0, len(cands), 400):  # (SQLite's parameter limit)
            part = cands[i:i + 400]
            marks = ",".join("?" * len(part))
            if texts:
                tmarks = ",".join("?" * len(texts))
                skip |= {r[0] for r in self.db.execute(
                    f"SELECT id FROM documents WHERE id IN ({marks}) AND text_hash IN ({tmarks})", [*part, *sorted(texts)])}
            # a copy of an earlier document of the index adds nothing either (as check() drops
            # a document whose text it has seen): the first one recorded is kept
            xmarks = ",".join("?" * len(excluded))
            not_excluded = f"AND e.id NOT IN ({xmarks})" if excluded else ""
            skip |= {r[0] for r in self.db.execute(
                f"SELECT d.id FROM documents d WHERE d.id IN ({marks}) AND d.text_hash != '' AND EXISTS "
                f"(SELECT 1 FROM documents e WHERE e.text_hash = d.text_hash AND e.rowid < d.rowid {not_excluded})",
                [*part, *excluded])}
        return skip

    def all_claims(self) -> list[Claim]:
        decode = _decoder(self.path)
        return [decode(r[0]) for r in self.db.execute("SELECT data FROM claims ORDER BY rowid")]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _version() -> str:
    from . import __version__

    return __version__


def _text_hash(text: str) -> str:
    from .check import text_hash

    return text_hash(text)


_COLUMNS = "doc_id, family, metric, as_start, as_end, data, " + ", ".join(nearby.COLUMNS)
_MARKS = ", ".join("?" * (6 + len(nearby.COLUMNS)))


def _row(doc_id: str, c: Claim) -> tuple:
    from .check import family_of

    d = c.__dict__
    row = [d[f] for f in _FIELDS]
    a = c.as_of
    if a is not None:
        row[_AS_OF] = [a.start.toordinal(), a.end.toordinal(), a.grain, a.text]
    keys = nearby.keys(c) or (None,) * len(nearby.COLUMNS)
    return (doc_id, family_of(c), c.metric, a.start.isoformat() if a else None, a.end.isoformat() if a else None,
            json.dumps(row, ensure_ascii=False, separators=(",", ":")), *keys)


def _storable(d: Document) -> Document:
    """`d`, or a copy whose strings SQLite can store (no surrogate code points)."""
    fields = {k: valid_unicode(v) for k, v in d.__dict__.items() if isinstance(v, str) and has_surrogates(v)}
    return d.model_copy(update=fields) if fields else d


def _decoder(path: str):
    """A maker of Claims from stored rows (the fields as stored are the types Claim
    declares, so pydantic's validation is skipped as extract() skips it); a row that
    is not such a record is a damaged index."""
    from .extract import _make_claim

    make = _make_claim() or (lambda fields: Claim(**fields))
    periods: dict = {}
    fromord = _dt.date.fromordinal
    n = len(_FIELDS)

    def decode(data: str) -> Claim:
        try:
            row = json.loads(data)
            if len(row) != n:
                raise ValueError(f"{len(row)} fields, expected {n}")
            a = row[_AS_OF]
            if a is not None:
                key = tuple(a)
                p = periods.get(key)
                if p is None:
                    p = periods[key] = Period(start=fromord(a[0]), end=fromord(a[1]), grain=a[2], text=a[3])
                row[_AS_OF] = p
            return make(dict(zip(_FIELDS, row)))
        except (ValueError, TypeError, KeyError) as exc:
            raise IndexFileError(path, f"a damaged claim record ({exc}): rebuild the index") from None

    return decode
