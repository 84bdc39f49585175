"""The claim index (claimcheck.index, `claimcheck index`) and parallel reading
(claimcheck.parallel), end to end on corpora written to tmp_path:

1. idempotent updates: a second run reads nothing; an edited article, or a changed date
   in the manifest, is read again and its claims replaced; --prune; the stored claims
   are what `claimcheck.extract` gives;
2. staleness: an index built by another extractor is refused by `index`, warned about
   by `check --against`, and cured by `index --rebuild`;
3. the file: a version-1 index is migrated, a newer one refused, and what is not an
   index (text, another SQLite database, a directory, garbage) is a clear error that
   leaves the file as it was;
4. crash safety: `index` killed (SIGKILL) mid-way leaves every document wholly old or
   wholly new, and a re-run completes it;
5. two `index` processes on one database at once;
6. `check NEW --against DB` finds what `--against` the documents and a full check find;
7. `--jobs 2` gives exactly what `--jobs 1` gives.

Articles are .txt files dated by a claimcheck.toml manifest beside them (as in
tests/test_gate.py); the CLI runs in-process through claimcheck.cli.main, except where
a process must be killed or run beside another.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest
import synth

import claimcheck
from claimcheck.check import check, family_of, text_hash
from claimcheck.cli import main
from claimcheck.errors import IndexFileError
from claimcheck.index import _MIGRATIONS, SCHEMA_VERSION, Index, doc_hash, extractor_version
from claimcheck.load import load_report
from claimcheck.model import Document
from claimcheck.parallel import extract_all

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path (config discovery starts there, and the paths of a report are
    relative to it)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)


# ---------------------------------------------------------------------------- helpers

class Run(NamedTuple):
    rc: int
    out: str
    err: str


def cli(capsys, *args) -> Run:
    """`claimcheck ARGS` in-process: exit code, stdout, stderr."""
    capsys.readouterr()
    rc = main([str(a) for a in args])
    cap = capsys.readouterr()
    return Run(rc, cap.out, cap.err)


def write_corpus(folder: Path, files: dict) -> Path:
    """The articles of `files` (name -> (text, date)) in `folder`, with the manifest of
    their dates (claimcheck.toml)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, (text, date) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        manifest.append(f"[documents.{json.dumps(name)}]\ndate = {json.dumps(date)}\n")
    (folder / "claimcheck.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def load_docs(*paths) -> list[Document]:
    docs, problems = load_report([str(p) for p in paths])
    assert problems == []
    return docs


_STATS = re.compile(r": (\d+) added, (\d+) updated, (\d+) unchanged, (\d+) removed \((\d+) claims read\); "
                    r"(\d+) documents, (\d+) claims$")


def stats(run: Run) -> tuple[int, ...]:
    """(added, updated, unchanged, removed, claims read, documents, claims) of an
    `index` run's summary line."""
    assert run.rc == 0, run.err
    (line,) = run.err.splitlines()
    m = _STATS.search(line)
    assert m, line
    return tuple(int(x) for x in m.groups())


def connect_ro(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def claim_rows(db: Path) -> list[tuple]:
    """Every claim row as stored, rowid first, in rowid order."""
    con = connect_ro(db)
    try:
        return con.execute("SELECT rowid, doc_id, family, metric, as_start, as_end, data FROM claims "
                           "ORDER BY rowid").fetchall()
    finally:
        con.close()


def doc_rows(db: Path) -> dict[str, tuple]:
    """id -> (hash, text_hash, published, title, claims) as stored."""
    con = connect_ro(db)
    try:
        return {r[0]: r[1:] for r in con.execute("SELECT id, hash, text_hash, published, title, claims "
                                                  "FROM documents")}
    finally:
        con.close()


def integrity(db: Path) -> str:
    con = connect_ro(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def stored_claims(db: Path) -> dict[str, list[dict]]:
    """doc id -> the model_dump() of its claims read back through Index, in order."""
    out: dict[str, list[dict]] = {}
    with Index(db, readonly=True) as ix:
        for d in ix.documents():
            out[d] = []
        for c in ix.all_claims():
            out[c.doc_id].append(c.model_dump())
    return out


def extracted(docs) -> dict[str, list[dict]]:
    """doc id -> the model_dump() of what claimcheck.extract reads in it."""
    return {d.id: [c.model_dump() for c in claimcheck.extract(d.text, published=d.published, doc_id=d.id)]
            for d in docs}


def fingerprints(report) -> set:
    return {(f.code, f.fingerprint) for f in report.findings}


def subprocess_env() -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("CLAIMCHECK_DEBUG", None)
    return env


def index_cmd(db, *paths, jobs: int = 1) -> list[str]:
    return [sys.executable, "-m", "claimcheck", "index", str(db), *map(str, paths), "--jobs", str(jobs),
            "--no-progress"]


# ---------------------------------------------------------------------------- articles

_REGIONS = ("北京", "上海", "广东")


def sentence(rng: random.Random, k: int) -> str:
    """One sentence of the synth templates with random figures (k varies them)."""
    y = rng.choice((2022, 2023, 2024))
    m = rng.randint(1, 12)
    kind = rng.randrange(8)
    if kind == 0:
        return synth.text("released", when=synth.when(y, m, rng.choice(("", "初", "底"))), n=rng.randint(5, 400))
    if kind == 1:
        return synth.text("registered", when=synth.when(y, m), n=rng.randint(5, 200))
    if kind == 2:
        return synth.text("compute", year=y, n=f"达{rng.randint(100, 300)}")
    if kind == 3:
        return synth.text("data", year=y, n=f"{rng.randint(10, 99) / 10}ZB")
    if kind == 4:
        return synth.text("industry", year=y, n=f"{rng.randint(3000, 6000)}亿元")
    if kind == 5:
        return synth.text("chips", year=y, w=rng.randint(30, 90), p=rng.randint(1, 20), s=rng.randint(5, 40))
    if kind == 6:
        ps = [rng.randint(1, 60) for _ in range(3)]
        return synth.text("regional", total=sum(ps) + rng.choice((0, 0, k % 7)), parts=tuple(ps))
    return f"今年我国算力总规模达{rng.randint(150, 260)}EFLOPS。"  # (今年: the publication date's year)


def articles(n: int, seed: int, sentences: int = 3, prefix: str = "a") -> dict:
    """n articles name -> (text, date); every text distinct (its first figure is its number)."""
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        lead = synth.text("released_in", when=synth.when(2023, 1 + i % 12), region=_REGIONS[i % 3], n=1000 + i)
        body = "".join(sentence(rng, i) for _ in range(sentences - 1))
        pub = _dt.date(2022, 1, 1) + _dt.timedelta(days=rng.randint(0, 1000))
        out[f"{prefix}{i:04d}.txt"] = (lead + body, pub.isoformat())
    return out


# ============================================================================ 1. idempotent

def test_index_twice_reads_nothing_the_second_time(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", articles(12, seed=1))
    first = stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    rows = claim_rows(tmp_path / "arch.db")
    docs = doc_rows(tmp_path / "arch.db")
    assert first[:4] == (12, 0, 0, 0) and first[5] == 12 and first[4] == first[6] == len(rows) > 12
    again = stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    assert again == (0, 0, 12, 0, 0, 12, len(rows))
    assert claim_rows(tmp_path / "arch.db") == rows  # not even rewritten (same rowids)
    assert doc_rows(tmp_path / "arch.db") == docs
    # the library says the same
    with Index(tmp_path / "arch.db") as ix:
        st = ix.update(load_docs(tmp_path / "corpus"))
    assert (st.added, st.updated, st.unchanged, st.removed, st.claims) == (0, 0, 12, 0, 0)
    assert claim_rows(tmp_path / "arch.db") == rows


def test_the_stored_claims_are_what_extract_reads(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", articles(15, seed=2, sentences=5))
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    docs = load_docs(tmp_path / "corpus")
    want = extracted(docs)
    assert stored_claims(tmp_path / "arch.db") == want
    rows = doc_rows(tmp_path / "arch.db")
    for d in docs:
        h, _th, published, _title, n = rows[d.id]
        assert (h, published, n) == (doc_hash(d), d.published.isoformat(), len(want[d.id]))


def test_an_edited_article_is_read_again_and_its_claims_replaced(tmp_path, capsys):
    files = articles(10, seed=3)
    files["edit.txt"] = ("截至2023年10月，国内已发布大模型238个。2022年我国算力总规模达180EFLOPS。", "2023-11-02")
    write_corpus(tmp_path / "corpus", files)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    before = claim_rows(tmp_path / "arch.db")
    others = [r for r in before if r[1] != "edit.txt"]
    old = [json.loads(r[6]) for r in before if r[1] == "edit.txt"]
    assert [c[0] for c in old] == ["238个", "达180EFLOPS"]

    edited = "截至2023年10月，国内已发布大模型150个。2022年我国算力总规模达197EFLOPS。"
    (tmp_path / "corpus" / "edit.txt").write_text(edited, encoding="utf-8")
    st = stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    assert st[:5] == (0, 1, 10, 0, 2)
    after = claim_rows(tmp_path / "arch.db")
    assert [r for r in after if r[1] != "edit.txt"] == others  # untouched
    texts = [json.loads(r[6])[0] for r in after if r[1] == "edit.txt"]
    assert texts == ["150个", "达197EFLOPS"]  # the old values are gone, the new ones there
    assert not any("238" in r[6] or "达180EFLOPS" in r[6] for r in after if r[1] == "edit.txt")
    docs = {d.id: d for d in load_docs(tmp_path / "corpus")}
    assert stored_claims(tmp_path / "arch.db")["edit.txt"] == extracted([docs["edit.txt"]])["edit.txt"]
    assert doc_rows(tmp_path / "arch.db")["edit.txt"][0] == doc_hash(docs["edit.txt"])
    assert doc_rows(tmp_path / "arch.db")["edit.txt"][4] == 2


def test_a_changed_publication_date_is_a_change(tmp_path, capsys):
    files = articles(6, seed=4)
    files["now.txt"] = ("今年我国算力总规模达230EFLOPS。", "2023-09-01")  # 今年 is the publication's year
    write_corpus(tmp_path / "corpus", files)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    (old,) = stored_claims(tmp_path / "arch.db")["now.txt"]
    assert (old["as_of"]["start"], old["as_of"]["end"]) == (_dt.date(2023, 1, 1), _dt.date(2023, 12, 31))

    files["now.txt"] = (files["now.txt"][0], "2024-09-01")  # the manifest only; the text is the same
    write_corpus(tmp_path / "corpus", files)
    st = stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    assert st[:5] == (0, 1, 6, 0, 1)
    (new,) = stored_claims(tmp_path / "arch.db")["now.txt"]
    assert (new["as_of"]["start"], new["as_of"]["end"]) == (_dt.date(2024, 1, 1), _dt.date(2024, 12, 31))
    assert doc_rows(tmp_path / "arch.db")["now.txt"][2] == "2024-09-01"
    doc = next(d for d in load_docs(tmp_path / "corpus") if d.id == "now.txt")
    assert [new] == extracted([doc])["now.txt"]


def test_prune_removes_documents_no_longer_found(tmp_path, capsys):
    files = articles(8, seed=5)
    write_corpus(tmp_path / "corpus", files)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    gone = ["a0002.txt", "a0005.txt"]
    for name in gone:
        (tmp_path / "corpus" / name).unlink()
    write_corpus(tmp_path / "corpus", {k: v for k, v in files.items() if k not in gone})  # (the manifest too)
    # without --prune the documents stay
    st = stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    assert st[:4] == (0, 0, 6, 0) and st[5] == 8
    assert set(doc_rows(tmp_path / "arch.db")) == set(files)
    kept_rows = [r for r in claim_rows(tmp_path / "arch.db") if r[1] not in gone]
    st = stats(cli(capsys, "index", "arch.db", "corpus", "--prune", "--jobs", "1", "--no-progress"))
    assert st[:4] == (0, 0, 6, len(gone))
    assert set(doc_rows(tmp_path / "arch.db")) == set(files) - set(gone)
    assert claim_rows(tmp_path / "arch.db") == kept_rows  # their claims went with them, nothing else
    assert st[5:] == (6, len(kept_rows))
    assert integrity(tmp_path / "arch.db") == "ok"


def test_prune_is_refused_when_a_path_could_not_be_read(tmp_path, capsys):
    files = articles(4, seed=6)
    write_corpus(tmp_path / "corpus", files)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    (tmp_path / "corpus" / "a0001.txt").unlink()
    write_corpus(tmp_path / "corpus", {k: v for k, v in files.items() if k != "a0001.txt"})
    run = cli(capsys, "index", "arch.db", "corpus", "missing", "--prune", "--jobs", "1", "--no-progress")
    assert run.rc == 2 and "not pruning" in run.err
    assert len(doc_rows(tmp_path / "arch.db")) == 4


# ============================================================================ 2. stale

def _set_meta(db: Path, key: str, value: str) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    con.close()


def test_an_index_of_another_extractor_is_refused_warned_about_and_rebuilt(tmp_path, capsys):
    files = {
        "a.txt": ("截至2023年10月，国内已发布大模型238个。", "2023-10-20"),
        "b.txt": (synth.text("compute", year=2022, n="达180"), "2023-08-15"),
        **articles(6, seed=7),
    }
    write_corpus(tmp_path / "corpus", files)
    write_corpus(tmp_path / "new", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    db = tmp_path / "arch.db"
    stats(cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress"))
    fresh = cli(capsys, "check", "new/n.txt", "--against", db, "--format", "json", "--no-progress")
    assert fresh.rc == 1 and fresh.err == ""
    want = [(f["code"], f["fingerprint"]) for f in json.loads(fresh.out)["findings"]]
    assert ("CC101" in {c for c, _ in want})

    # another claimcheck built it: its extractor hash differs, and so may its claims
    _set_meta(db, "extractor", "0.0.1+0123456789abcdef")
    con = sqlite3.connect(db)
    with con:  # (what that extractor read: another value for b.txt)
        con.execute("UPDATE claims SET data = replace(data, '达180EFLOPS', '达181EFLOPS') WHERE doc_id = 'b.txt'")
    con.close()
    rows = claim_rows(db)
    with Index(db) as ix:
        assert "extractor 0.0.1+0123456789abcdef" in ix.stale
        with pytest.raises(IndexFileError, match="--rebuild"):
            ix.update(load_docs(tmp_path / "corpus"))

    run = cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress")
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith(f"claimcheck: error: {db}: built with another extractor") and "--rebuild" in line
    assert claim_rows(db) == rows  # refused: nothing written

    warned = cli(capsys, "check", "new/n.txt", "--against", db, "--format", "json", "--no-progress")
    assert warned.rc == 1
    (line,) = warned.err.splitlines()
    assert line.startswith(f"claimcheck: warning: {db}: built with another extractor") and "--rebuild" in line
    assert [(f["code"], f["fingerprint"]) for f in json.loads(warned.out)["findings"]] == want

    st = stats(cli(capsys, "index", db, "corpus", "--rebuild", "--jobs", "1", "--no-progress"))
    assert st[:4] == (0, len(files), 0, 0)  # every document read again
    with Index(db) as ix:
        assert ix.stale is None
        assert ix.meta()["extractor"] == extractor_version()
    assert stored_claims(db) == extracted(load_docs(tmp_path / "corpus"))  # 达180EFLOPS again
    again = cli(capsys, "check", "new/n.txt", "--against", db, "--format", "json", "--no-progress")
    assert again.err == "" and again.out == fresh.out
    assert stats(cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress"))[:3] == (0, 0, len(files))


def test_an_index_of_another_vocabulary_is_stale_too(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", articles(3, seed=8))
    db = tmp_path / "arch.db"
    stats(cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress"))
    _set_meta(db, "vocabulary", "feedfacefeedface")
    run = cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress")
    assert run.rc == 2 and "vocabulary feedfacefeedface" in run.err and "--rebuild" in run.err
    assert stats(cli(capsys, "index", db, "corpus", "--rebuild", "--jobs", "1", "--no-progress"))[:2] == (0, 3)
    with Index(db) as ix:
        assert ix.stale is None


def test_a_rebuild_must_read_every_document_of_the_index(tmp_path, capsys):
    """A rebuild from some of the paths would leave the other documents with another
    extractor's claims in an index then called fresh: refused, unless --prune."""
    write_corpus(tmp_path / "s1", articles(4, seed=60, prefix="s1-"))
    write_corpus(tmp_path / "s2", articles(3, seed=61, prefix="s2-"))
    db = tmp_path / "arch.db"
    stats(cli(capsys, "index", db, "s1", "s2", "--jobs", "1", "--no-progress"))
    _set_meta(db, "extractor", "0.0.1+0123456789abcdef")
    rows = claim_rows(db)
    run = cli(capsys, "index", db, "s1", "--rebuild", "--jobs", "1", "--no-progress")
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith(f"claimcheck: error: {db}: a rebuild must read every document again, and 3 of the "
                           f"index (such as 's2-0000.txt') are not among those given") and "--prune" in line
    assert claim_rows(db) == rows
    with Index(db) as ix:
        assert ix.stale
    st = stats(cli(capsys, "index", db, "s1", "--rebuild", "--prune", "--jobs", "1", "--no-progress"))
    assert st[:4] == (0, 4, 0, 3)
    with Index(db) as ix:
        assert ix.stale is None
    assert stored_claims(db) == extracted(load_docs(tmp_path / "s1"))
    # every path given: no --prune needed
    _set_meta(db, "extractor", "0.0.1+0123456789abcdef")
    assert stats(cli(capsys, "index", db, "s1", "--rebuild", "--jobs", "1", "--no-progress"))[:4] == (0, 4, 0, 0)


# ============================================================================ 3. schema and file

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT, hash TEXT NOT NULL, published TEXT, title TEXT,
                        source TEXT, url TEXT);
CREATE TABLE claims (doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                     family TEXT NOT NULL, metric TEXT, as_start TEXT, as_end TEXT, data TEXT NOT NULL);
CREATE INDEX claims_family ON claims(family);
CREATE INDEX claims_doc ON claims(doc_id);
"""


def make_v1(v2: Path, v1: Path) -> None:
    """A version-1 index (the first development builds: no text_hash, no claim counts;
    rollback journal) holding what the version-2 index `v2` holds."""
    src = connect_ro(v2)
    dst = sqlite3.connect(v1)
    dst.executescript(_V1)
    with dst:
        meta = dict(src.execute("SELECT key, value FROM meta"))
        dst.executemany("INSERT INTO meta VALUES (?, ?)",
                        [("schema", "1"), ("claimcheck", meta["claimcheck"]), ("extractor", meta["extractor"]),
                         ("vocabulary", meta["vocabulary"]), ("created", meta["created"])])
        dst.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                        src.execute("SELECT id, path, hash, published, title, source, url FROM documents"))
        dst.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)",
                        src.execute("SELECT doc_id, family, metric, as_start, as_end, data FROM claims "
                                    "ORDER BY rowid"))
    src.close()
    dst.close()


def test_a_version_1_index_is_migrated(tmp_path, capsys):
    files = {"a.txt": ("截至2023年10月，国内已发布大模型238个。", "2023-10-20"), **articles(8, seed=9)}
    write_corpus(tmp_path / "corpus", files)
    write_corpus(tmp_path / "new", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    stats(cli(capsys, "index", "v2.db", "corpus", "--jobs", "1", "--no-progress"))
    want_claims = stored_claims(tmp_path / "v2.db")
    want_counts = {k: v[4] for k, v in doc_rows(tmp_path / "v2.db").items()}
    want_check = cli(capsys, "check", "new/n.txt", "--against", "v2.db", "--format", "json", "--no-progress")
    assert want_check.rc == 1
    make_v1(tmp_path / "v2.db", tmp_path / "v1.db")

    # a reader cannot migrate it: a clear error, and the file is left as it was
    before = (tmp_path / "v1.db").read_bytes()
    run = cli(capsys, "check", "new/n.txt", "--against", "v1.db", "--no-progress")
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line == f"claimcheck: error: v1.db: index schema 1 must be migrated to {SCHEMA_VERSION}: " \
                   f"run claimcheck index on it once"
    assert (tmp_path / "v1.db").read_bytes() == before

    with Index(tmp_path / "v1.db") as ix:
        meta = ix.meta()
        assert meta["schema"] == str(SCHEMA_VERSION) and meta["migrated"].startswith(f"1->{SCHEMA_VERSION} ")
        assert ix.stale is None
    cols = [r[1] for r in connect_ro(tmp_path / "v1.db").execute("PRAGMA table_info(documents)")]
    assert "text_hash" in cols and "claims" in cols
    rows = doc_rows(tmp_path / "v1.db")
    assert {k: v[4] for k, v in rows.items()} == want_counts  # the counts filled in
    assert all(n > 0 for n in want_counts.values())
    assert stored_claims(tmp_path / "v1.db") == want_claims
    assert integrity(tmp_path / "v1.db") == "ok"
    # the hashes are version 2's: nothing to read again; checks as the version-2 index does
    assert stats(cli(capsys, "index", "v1.db", "corpus", "--jobs", "1", "--no-progress"))[:3] == (0, 0, len(files))
    got = cli(capsys, "check", "new/n.txt", "--against", "v1.db", "--format", "json", "--no-progress")
    assert (got.rc, got.err, got.out) == (1, "", want_check.out.replace("v2.db", "v1.db"))


def test_a_version_1_index_gets_its_text_hashes(tmp_path, capsys):
    """Version 1 kept no text hashes: after the migration, an index run fills them in
    (the documents are unchanged), so that a new article that is a copy of an archived
    one is recognised as such (claims_for(exclude_texts=...))."""
    write_corpus(tmp_path / "corpus", articles(5, seed=10))
    stats(cli(capsys, "index", "v2.db", "corpus", "--jobs", "1", "--no-progress"))
    want = doc_rows(tmp_path / "v2.db")
    make_v1(tmp_path / "v2.db", tmp_path / "v1.db")
    st = stats(cli(capsys, "index", "v1.db", "corpus", "--jobs", "1", "--no-progress"))
    assert st[:3] == (0, 0, 5)
    assert doc_rows(tmp_path / "v1.db") == want
    docs = load_docs(tmp_path / "corpus")
    families = {family_of(c) for cs in extract_all(docs, jobs=1) for c in cs}
    with Index(tmp_path / "v1.db", readonly=True) as ix:
        kept = ix.claims_for(families, exclude_texts=[text_hash(docs[0].text)])
    assert {c.doc_id for c in kept} == {x.id for x in docs[1:]}


def test_a_version_1_index_migrated_meanwhile_by_another_process(tmp_path):
    """Two processes open a version-1 index at once: the second finds it migrated when
    its turn comes, and does not migrate it again (no 'duplicate column')."""
    with Index(tmp_path / "v2.db") as ix:
        ix.update([Document(id="x", text="截至2023年10月，国内已发布大模型238个。")])
    make_v1(tmp_path / "v2.db", tmp_path / "v1.db")
    other = sqlite3.connect(tmp_path / "v1.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another claimcheck, migrating
    result: list = []

    def open_it():
        try:
            with Index(tmp_path / "v1.db", timeout=20) as ix:
                result.append((ix.meta()["schema"], ix.counts()))
        except Exception as exc:  # noqa: BLE001 - reported below
            result.append(exc)

    t = threading.Thread(target=open_it)
    t.start()
    time.sleep(0.3)  # (it has read schema 1 and waits for the lock)
    assert result == []
    for stmt in _MIGRATIONS[1]:
        other.execute(stmt)
    other.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
    other.execute("COMMIT")
    other.close()
    t.join(30)
    assert result == [(str(SCHEMA_VERSION), (1, 1))]
    assert integrity(tmp_path / "v1.db") == "ok"


def test_a_writer_waits_for_another_then_says_so_and_readers_never_wait(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", {"a.txt": ("截至2023年10月，国内已发布大模型238个。", "2023-10-20")})
    write_corpus(tmp_path / "new", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    db = tmp_path / "arch.db"
    stats(cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress"))
    want = cli(capsys, "check", "new/n.txt", "--against", db, "--format", "json", "--no-progress")
    assert want.rc == 1
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    other.execute("DELETE FROM claims")
    try:
        docs = load_docs(tmp_path / "new")
        t0 = time.monotonic()
        with Index(db, timeout=0.3) as ix:
            with pytest.raises(IndexFileError) as exc:
                ix.update(docs)
        assert time.monotonic() - t0 < 5
        assert str(exc.value) == (f"{db}: another process is writing this index (waited 0.3 s); "
                                  f"try again when it has finished")
        # a reader sees the last committed state, without waiting
        got = cli(capsys, "check", "new/n.txt", "--against", db, "--format", "json", "--no-progress")
        assert (got.rc, got.err, got.out) == (want.rc, want.err, want.out)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(doc_rows(db)) == 1 and len(claim_rows(db)) == 1


def _index_with(tmp_path: Path, schema: str) -> Path:
    db = tmp_path / "future.db"
    with Index(db) as ix:
        ix.update([Document(id="x", text="截至2023年10月，国内已发布大模型238个。")])
    _set_meta(db, "schema", schema)
    return db


def test_a_newer_schema_is_refused(tmp_path, capsys):
    db = _index_with(tmp_path, "99")
    write_corpus(tmp_path / "corpus", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    before = db.read_bytes()
    for readonly in (False, True):
        with pytest.raises(IndexFileError) as exc:
            Index(db, readonly=readonly)
        assert str(exc.value) == (f"{db}: made by a newer claimcheck (index schema 99; this claimcheck reads "
                                  f"{SCHEMA_VERSION} and older): upgrade claimcheck")
    for args in (("index", db, "corpus"), ("index", db), ("check", "corpus/n.txt", "--against", db)):
        run = cli(capsys, *args, "--no-progress")
        assert run.rc == 2 and run.out == "", args
        (line,) = run.err.splitlines()
        assert line.startswith(f"claimcheck: error: {db}: made by a newer claimcheck (index schema 99") \
            and "Traceback" not in run.err
    assert db.read_bytes() == before


def test_an_index_without_a_schema_version_is_refused(tmp_path, capsys):
    db = _index_with(tmp_path, "two")
    run = cli(capsys, "index", db, "--no-progress")
    assert run.rc == 2 and run.err == f"claimcheck: error: {db}: a claimcheck index without a schema version: " \
                                      f"rebuild it\n"


def test_a_text_file_is_not_an_index(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n", encoding="utf-8")
    for args in (("index", notes, "corpus"), ("index", notes), ("check", "corpus/n.txt", "--against", notes)):
        run = cli(capsys, *args, "--no-progress")
        assert run.rc == 2 and run.out == "", args
        assert run.err == f"claimcheck: error: {notes}: not a claimcheck index (not an SQLite database)\n"
    assert notes.read_text(encoding="utf-8") == "these are my notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "notes.db"]  # no -wal, no -shm


def test_another_sqlite_database_is_not_an_index_and_is_left_alone(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    with con:
        con.execute("CREATE TABLE users (name TEXT)")
        con.execute("INSERT INTO users VALUES ('ada')")
    con.close()
    before = other.read_bytes()
    with pytest.raises(IndexFileError, match="an SQLite database, but not a claimcheck index"):
        Index(other)
    for args in (("index", other, "corpus"), ("check", "corpus/n.txt", "--against", other)):
        run = cli(capsys, *args, "--no-progress")
        assert run.rc == 2 and run.out == "", args
        assert run.err == f"claimcheck: error: {other}: an SQLite database, but not a claimcheck index\n"
    # not converted to WAL, no table added, nothing left beside it
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db", "corpus"]


def test_a_damaged_sqlite_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(3000))
    for args in (("index", bad), ("check", "x.txt", "--against", bad)):
        (tmp_path / "x.txt").write_text("截至2023年10月，国内已发布大模型150个。", encoding="utf-8")
        run = cli(capsys, *args, "--no-progress")
        assert run.rc == 2 and run.out == "" and "Traceback" not in run.err, args
        (line,) = run.err.splitlines()
        assert line.startswith(f"claimcheck: error: {bad}: not a claimcheck index or damaged")


def test_a_directory_is_not_an_index(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", {"n.txt": ("截至2023年10月，国内已发布大模型150个。", "2023-11-01")})
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(IndexFileError, match="not a claimcheck index"):
        Index(tmp_path / "dir.db")
    run = cli(capsys, "index", "dir.db", "corpus", "--no-progress")
    assert run.rc == 2 and run.out == ""
    assert run.err == "claimcheck: error: dir.db: not a claimcheck index (not an SQLite database)\n"
    assert list((tmp_path / "dir.db").iterdir()) == []


def test_a_reader_does_not_make_a_missing_index(tmp_path):
    with pytest.raises(IndexFileError, match="no such index"):
        Index(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


# ============================================================================ 4. crash safety

def _kill_mid_way(tmp_path: Path, db: Path, n: int, new_hash: dict) -> tuple[int, str]:
    """Run `index` over the rewritten corpus in a process, watch the database (read
    only) until some but not all documents carry their new hash, and SIGKILL it then.
    (documents seen new, stderr); 0 when the run was over before it could be caught."""
    proc = subprocess.Popen(index_cmd(db, "corpus", jobs=1), cwd=tmp_path, env=subprocess_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = 0
    con = connect_ro(db)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            seen = sum(new_hash[k] == h for k, h in con.execute("SELECT id, hash FROM documents"))
            if 0 < seen < n:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        con.close()
        if proc.poll() is None and not 0 < seen < n:
            proc.kill()
        err = proc.communicate(timeout=60)[1].decode()
    if proc.returncode != -signal.SIGKILL:  # (over before it was seen mid-way, or before the signal landed)
        assert proc.returncode == 0, err
        return 0, err
    return seen, err


def test_a_killed_index_run_leaves_each_document_old_or_new(tmp_path, capsys):
    """SIGKILL while `index` is replacing every document's claims: every document is
    wholly as it was (old hash, the old text's claims) or wholly as it is now (new hash,
    the new text's claims), and a second run completes it.

    `index` commits every 256 documents once half a second has passed; the first 256
    include reading the grammar, so a run of 320 is seen with 256 new. A run too quick
    to be seen mid-way is tried again with more and longer articles."""
    db = tmp_path / "arch.db"
    for n, sentences in ((320, 12), (640, 24), (1280, 24)):
        for p in tmp_path.iterdir():
            if p.name.startswith("arch.db"):
                p.unlink()
        old_files = articles(n, seed=11, sentences=sentences)
        write_corpus(tmp_path / "corpus", old_files)
        old_docs = load_docs(tmp_path / "corpus")
        with Index(db) as ix:
            assert ix.update(old_docs, jobs=1).added == n
        new_texts = [text for text, _ in articles(n, seed=12, sentences=sentences).values()]
        write_corpus(tmp_path / "corpus", {name: (text, date) for (name, (_, date)), text
                                           in zip(old_files.items(), new_texts)})  # (the same dates)
        new_docs = load_docs(tmp_path / "corpus")
        old_hash = {d.id: doc_hash(d) for d in old_docs}
        new_hash = {d.id: doc_hash(d) for d in new_docs}
        assert all(old_hash[k] != new_hash[k] for k in old_hash)
        seen, err = _kill_mid_way(tmp_path, db, n, new_hash)
        if seen:
            break
    else:
        pytest.fail("index was never seen with some documents new and others old")

    with Index(db) as ix:  # opens (the WAL is recovered), is not stale, and holds every document
        assert ix.stale is None
        assert ix.documents() == sorted(old_hash)
    assert integrity(db) == "ok"
    want_old = extracted(old_docs)
    want_new = extracted(new_docs)
    got = stored_claims(db)
    rows = doc_rows(db)
    n_new = 0
    for k in sorted(old_hash):
        h, _th, _pub, _title, count = rows[k]
        if h == old_hash[k]:
            assert got[k] == want_old[k], k
        else:
            assert h == new_hash[k], k
            assert got[k] == want_new[k], k
            n_new += 1
        assert count == len(got[k]), k
    assert 0 < seen <= n_new  # (the run may have committed more before the signal landed)
    con = connect_ro(db)
    try:  # no claim without its document
        assert con.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)"
                           ).fetchone()[0] == 0
    finally:
        con.close()

    st = stats(cli(capsys, "index", db, "corpus", "--jobs", "1", "--no-progress"))
    assert st[:4] == (0, n - n_new, n_new, 0)
    assert stored_claims(db) == want_new
    assert {k: v[0] for k, v in doc_rows(db).items()} == new_hash
    assert integrity(db) == "ok"


# ============================================================================ 5. two writers

def test_two_index_processes_at_once(tmp_path):
    parts = {}
    for j, name in enumerate(("s1", "s2", "s3")):
        parts[name] = articles(50, seed=20 + j, sentences=4, prefix=f"{name}-")
        write_corpus(tmp_path / name, parts[name])
    db = tmp_path / "arch.db"  # made by whichever comes first
    runs = [("s1", "s2"), ("s2", "s3")]

    def both(runs) -> list:
        procs = [subprocess.Popen(index_cmd(db, *paths, jobs=1), cwd=tmp_path, env=subprocess_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
                 for paths in runs]
        out = []
        for p in procs:
            _, err = p.communicate(timeout=120)
            out.append((p.returncode, err))
        return out

    def verify(results, runs) -> None:
        ok = set()
        for (rc, err), paths in zip(results, runs):
            assert rc in (0, 2), err
            if rc == 2:
                assert "another process is writing this index" in err and "Traceback" not in err, err
            else:
                ok.update(paths)
                assert _STATS.search(err.strip()), err
        assert ok, results  # at least one of them wrote
        assert integrity(db) == "ok"
        docs = load_docs(*(tmp_path / p for p in sorted(ok)))
        got = stored_claims(db)
        assert set(got) >= {d.id for d in docs}  # every document once (ids are the primary key)
        assert {k: got[k] for k in (d.id for d in docs)} == extracted(docs)
        rows = doc_rows(db)
        assert all(rows[d.id][0] == doc_hash(d) and rows[d.id][4] == len(got[d.id]) for d in docs)
        con = connect_ro(db)
        try:
            assert con.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)"
                               ).fetchone()[0] == 0
            assert con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (len(got),) * 2
        finally:
            con.close()

    verify(both(runs), runs)  # a new database, overlapping corpora
    # again on the same corpus, with some articles edited
    for name in ("s2-0003.txt", "s2-0040.txt"):
        (tmp_path / "s2" / name).write_text(synth.text("released", when="2023年7月初", n=77 + len(name)),
                                            encoding="utf-8")
    same = [("s1", "s2", "s3"), ("s1", "s2", "s3")]
    verify(both(same), same)
    assert set(stored_claims(db)) == {d.id for d in load_docs(tmp_path / "s1", tmp_path / "s2", tmp_path / "s3")}


# ============================================================================ 6. incremental == full

J7, O10, M3 = synth.when(2023, 7, "初"), synth.when(2023, 10), synth.when(2024, 3, "底")
d = synth.doc

# name -> (archive, new documents, the codes the new ones must be found in)
SCENARIOS = {
    "CC101": ([d("released", when=J7, n=80, published="2023-08-15", id="a1"),
               d("compute", year=2022, n="达180", published="2023-08-15", id="a2"),
               d("registered", when=M3, n=117, published="2024-05-15", id="a3")],
              [d("released", when=J7, n=95, published="2023-08-16", id="n1"),
               d("compute", year=2022, n="达150", published="2023-09-01", id="n2")], {"CC101"}),
    "CC201": ([d("released", when=J7, n=80, published="2023-08-15", id="a1"),
               d("registered", when=M3, n=117, published="2024-05-15", id="a2")],
              [d("released", when=O10, n=60, published="2023-12-10", id="n1"),
               d("registered", when="2024年6月底", n=40, published="2024-07-15", id="n2")], {"CC201"}),
    "CC202": ([d("released", when=J7, n=80, published="2023-08-15", id="a1"),
               d("compute_at", when="2023年6月底", n=197, published="2023-07-15", id="a2")],
              [d("released", when="2023年8月底", n=2000, published="2023-09-15", id="n1"),
               d("compute_at", when="2023年8月底", n=2500, published="2023-09-15", id="n2")], {"CC202"}),
    "CC501": ([d("released", when=O10, n=238, published="2023-12-10", id="a1")],
              [d("registered", when=M3, n=117, published="2024-05-15", id="n1")], {"CC501"}),
}


def _mixed() -> tuple:
    """Every scenario's archive in one, with unrelated articles, and all their new ones
    (each scenario's articles signed by its own reporter, so that no two texts are the
    same: a copy is the case of its own below)."""
    archive, new, codes = [], [], set()
    for (name, (a, n, c)), who in zip(SCENARIOS.items(), "甲乙丙丁"):
        for src, dst in ((a, archive), (n, new)):
            dst += [x.model_copy(update={"id": f"{name}/{x.id}", "text": f"{x.text}本报记者{who}报道。"}) for x in src]
        codes |= c
    rng = random.Random(30)
    for i in range(20):
        archive.append(synth.raw("".join(sentence(rng, i) for _ in range(3)),
                                 published=_dt.date(2023, 1, 1) + _dt.timedelta(days=rng.randint(0, 600)),
                                 id=f"bg{i}"))
    assert len({x.text for x in archive + new}) == len(archive + new)
    return archive, new, codes


def _edited() -> tuple:
    """NEW is an edited version of an archived document (the same id): its old version,
    which contradicts it, must not be used."""
    archive = [d("released", when=J7, n=80, published="2023-08-15", id="x"),
               d("released", when=J7, n=90, published="2023-08-15", id="y"),
               d("compute", year=2022, n="达180", published="2023-08-15", id="z")]
    new = [synth.raw(synth.text("released", when=J7, n=95) + synth.text("compute", year=2022, n="达180"),
                     published="2023-08-16", id="x")]
    return archive, new, {"CC101"}


def _archive_copies() -> tuple:
    """The archive holds texts more than once (a syndicated article under two names):
    the first one counts, as in a check of the documents."""
    archive, new, codes = _mixed()
    copies = [x.model_copy(update={"id": f"{x.id}-copy{k}"}) for k in (1, 2) for x in archive if "/a" in x.id]
    return archive + copies, new, codes


def _new_copy() -> tuple:
    """NEW holds a copy of an archived document under another id: the archived one adds
    nothing (check() drops the later of two equal texts, and NEW comes first)."""
    archive, new, codes = _mixed()
    return archive, [archive[0].model_copy(update={"id": "copy"}), *new], codes


# name -> (archive, NEW, codes NEW must be found in)
CASES = {**SCENARIOS, "mixed": _mixed(), "edited": _edited(), "archive-copies": _archive_copies(),
         "new-copy": _new_copy()}


@pytest.mark.parametrize("name", list(CASES))
def test_check_against_the_index_equals_against_the_documents_and_a_full_check(tmp_path, name):
    archive, new, codes = CASES[name]
    with Index(tmp_path / "arch.db") as ix:
        ix.update(archive)
    new_ids = {x.id for x in new}
    current = [x for x in archive if x.id not in new_ids]  # (NEW replaces its older version)
    with Index(tmp_path / "arch.db", readonly=True) as ix:
        by_index = check(new, against=ix)
    by_docs = check(new, against=current)
    # (a full check keeps the first of two equal texts: NEW first when it copies the archive)
    full = check(new + current) if name == "new-copy" else check(current + new)
    about_new = {(f.code, f.fingerprint) for f in full.findings if any(r.doc in new_ids for r in f.claims)}
    assert fingerprints(by_index) == fingerprints(by_docs) == about_new
    assert codes <= {c for c, _ in about_new}
    assert by_index.findings == by_docs.findings  # the same findings, in the same order
    if name == "edited":
        # (its old version, were it used, would be found contradicting it)
        both = check([new[0].model_copy(update={"id": "x-new"})], against=archive)
        assert any({r.doc for r in f.claims} == {"x", "x-new"} for f in both.findings)
        assert not any("「80个」 (x," in f.message for f in by_index.findings)
    if name == "archive-copies":
        assert not any("-copy" in r.doc for f in by_index.findings for r in f.claims)


def _cli_corpus(tmp_path: Path) -> Path:
    files = {
        "a.txt": (synth.text("released", when=J7, n=80), "2023-08-15"),
        "b.txt": (synth.text("compute", year=2022, n="达180"), "2023-08-15"),
        "c.txt": (synth.text("released", when=O10, n=238), "2023-12-10"),
        "new.txt": (synth.text("released", when=J7, n=95) + synth.text("compute", year=2022, n="达150")
                    + synth.text("registered", when=M3, n=117), "2024-05-15"),
        **articles(10, seed=40),
    }
    return write_corpus(tmp_path / "corpus", files)


def _fps(run: Run) -> list:
    return [(f["code"], f["fingerprint"]) for f in json.loads(run.out)["findings"]]


def test_cli_check_against_the_index_equals_against_the_folder(tmp_path, capsys):
    _cli_corpus(tmp_path)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    by_db = cli(capsys, "check", "corpus/new.txt", "--against", "arch.db", "--format", "json", "--no-progress")
    by_dir = cli(capsys, "check", "corpus/new.txt", "--against", "corpus", "--format", "json", "--no-progress")
    assert by_db.rc == by_dir.rc == 1 and by_db.err == by_dir.err == ""
    assert _fps(by_db) and _fps(by_db) == _fps(by_dir)
    assert {"CC101", "CC501"} <= {c for c, _ in _fps(by_db)}
    assert "new.txt" in {r["doc"] for f in json.loads(by_db.out)["findings"] for r in f["claims"]}
    # the full run's findings about new.txt are these (the same ids, so the same baseline)
    full = cli(capsys, "check", "corpus", "--format", "json", "--no-progress")
    about = [(f["code"], f["fingerprint"]) for f in json.loads(full.out)["findings"]
             if any(r["doc"] == "new.txt" for r in f["claims"])]
    assert sorted(about) == sorted(_fps(by_db))
    # edited since it was indexed: the index's version of new.txt is not used
    (tmp_path / "corpus" / "new.txt").write_text(synth.text("released", when=J7, n=70), encoding="utf-8")
    by_db = cli(capsys, "check", "corpus/new.txt", "--against", "arch.db", "--format", "json", "--no-progress")
    by_dir = cli(capsys, "check", "corpus/new.txt", "--against", "corpus", "--format", "json", "--no-progress")
    assert _fps(by_db) and _fps(by_db) == _fps(by_dir)
    quoted = [f["message"] for f in json.loads(by_db.out)["findings"]]
    assert any("「70个」" in m and "(a.txt," in m for m in quoted)  # 70 against a.txt's 80
    assert not any("95个" in m or "达150" in m or "117个" in m for m in quoted)  # the indexed version's figures


def test_cli_an_article_not_yet_indexed_has_its_folder_id(tmp_path, capsys):
    _cli_corpus(tmp_path)
    stats(cli(capsys, "index", "arch.db", "corpus", "--jobs", "1", "--no-progress"))
    (tmp_path / "corpus" / "late.txt").write_text(synth.text("released", when=J7, n=60), encoding="utf-8")
    by_db = cli(capsys, "check", "corpus/late.txt", "--against", "arch.db", "--format", "json", "--no-progress")
    by_dir = cli(capsys, "check", "corpus/late.txt", "--against", "corpus", "--format", "json", "--no-progress")
    assert _fps(by_dir)
    assert _fps(by_db) == _fps(by_dir)


# ============================================================================ 7. parallel

def test_extract_all_jobs_2_equals_jobs_1(tmp_path):
    write_corpus(tmp_path / "corpus", articles(50, seed=50, sentences=4))
    docs = load_docs(tmp_path / "corpus")
    one = extract_all(docs, jobs=1)
    two = extract_all(docs, jobs=2)
    assert [[c.model_dump() for c in cs] for cs in two] == [[c.model_dump() for c in cs] for cs in one]
    assert [[c.model_dump() for c in cs] for cs in one] == list(extracted(docs).values())
    assert sum(map(len, one)) > 100
    calls = []
    extract_all(docs, jobs=2, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (50, 50) and [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_check_jobs_2_is_byte_for_byte_jobs_1(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", articles(50, seed=51, sentences=4))
    one = cli(capsys, "check", "corpus", "--jobs", "1", "--format", "json", "--no-progress")
    two = cli(capsys, "check", "corpus", "--jobs", "2", "--format", "json", "--no-progress")
    assert one.rc == 1 and json.loads(one.out)["findings"]
    assert (two.rc, two.err, two.out) == (one.rc, one.err, one.out)


def test_index_jobs_2_equals_jobs_1(tmp_path, capsys):
    write_corpus(tmp_path / "corpus", articles(50, seed=52, sentences=4))
    s1 = stats(cli(capsys, "index", "one.db", "corpus", "--jobs", "1", "--no-progress"))
    s2 = stats(cli(capsys, "index", "two.db", "corpus", "--jobs", "2", "--no-progress"))
    assert s1 == s2
    assert claim_rows(tmp_path / "two.db") == claim_rows(tmp_path / "one.db")
    assert doc_rows(tmp_path / "two.db") == doc_rows(tmp_path / "one.db")
