"""The Dask engine (claimcheck.engines.check_dask, `claimcheck check --engine dask`) and
the Parquet export (`claimcheck extract --format parquet`).

- check_dask gives claimcheck.check's report on Dask's local schedulers: on the seeds
  and on synthetic corpora with planted contradictions (tests/synth.py), with and
  without `against`, however the documents are partitioned; on the process scheduler a
  vocabulary extension reaches the workers; a scheduler address connects a Client.
- the CLI: `--engine dask --format json` prints the local engine's bytes; the usage
  errors (a claim index, --engine local with --scheduler, an unreachable scheduler).
- Parquet: the file reads back with one row a claim and the claims' values.
- without dask or pyarrow: a clear error with the pip command, exit 2 in the CLI; and
  importing claimcheck's modules never imports dask.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
import synth
from claimcheck.check import check
from claimcheck.cli import main
from claimcheck.errors import ClaimcheckError, MissingDependencyError
from claimcheck.model import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HAVE_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed", "pyarrow"))
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason='pip install "claimcheck[dask]"')

d, raw, text, when = synth.doc, synth.raw, synth.text, synth.when
J7, O10 = "2023年7月初", "2023年10月"


def check_dask(*args, **kwargs):
    from claimcheck.engines import check_dask as run

    return run(*args, **kwargs)


def assert_same(want, got) -> None:
    assert [f.model_dump() for f in got.findings] == [f.model_dump() for f in want.findings]
    assert [v.model_dump() for v in got.verified] == [v.model_dump() for v in want.verified]
    assert got.coverage == want.coverage
    assert got.claims == want.claims
    assert got.model_dump() == want.model_dump()  # documents, errors, suppressed too


def planted(filler: int = 60, seed: int = 7) -> list[Document]:
    """Planted contradictions (CC101, CC201, CC301, CC303, CC501), a silenced one, and
    random dated claims of the same families; then a duplicate text and a second
    document with an id already taken."""
    rnd = random.Random(seed)
    docs = [
        d("released", when=J7, n=80, published="2023-08-15"),
        d("released", when=J7, n=95, published="2023-08-16"),  # CC101 with the one before
        d("released", when=O10, n=60, published="2023-12-10"),  # CC201: a cumulative count falls
        d("regional", total=117, parts=(61, 34, 29), published="2024-05-15"),  # CC301: parts over the total
        d("chips", year=2023, w=50, p=10, s=60, published="2023-09-01"),
        d("compute", year=2023, n=230, published="2024-01-10"),
        d("compute", year=2023, n=197, published="2024-02-10"),
        raw("<!-- claimcheck: ignore CC101 -->\n" + text("released", when=J7, n=70), published="2023-08-20"),
    ]
    for _ in range(filler):
        y, m = rnd.randint(2022, 2024), rnd.randint(1, 12)
        pub = dt.date(y, m, 28) + dt.timedelta(days=rnd.randint(0, 60))
        kind = rnd.choice(["released", "registered", "released_in", "compute", "regional", "chips", "industry"])
        if kind == "compute":
            docs.append(d(kind, year=y, n=rnd.choice([100, 197, 230, 300]), published=pub))
        elif kind == "industry":
            docs.append(d(kind, year=y, n=f"{rnd.choice([5000, 5784, 6000])}亿元", published=pub))
        elif kind == "regional":
            docs.append(d(kind, total=rnd.choice([100, 117, 238]), parts=tuple(rnd.randint(1, 80) for _ in range(3)),
                          published=pub))
        elif kind == "chips":
            docs.append(d(kind, year=y, w=rnd.randint(10, 90), p=rnd.randint(1, 20), s=rnd.randint(1, 60),
                          published=pub))
        elif kind == "released_in":
            docs.append(d(kind, when=when(y, m), region=rnd.choice(["北京", "上海"]),
                          n=rnd.choice([20, 50, 79, 80]), published=pub))
        else:
            docs.append(d(kind, when=when(y, m, rnd.choice(["", "初", "底"])),
                          n=f"{rnd.choice(['', '超', '近'])}{rnd.choice([50, 79, 80, 117, 238])}", published=pub))
    docs = synth.corpus(*docs)
    docs.append(docs[1].model_copy(update={"id": "copy-of-d1"}))  # the same text: adds nothing
    docs.append(Document(id=docs[3].id, text=text("released", when=O10, n=65), published=dt.date(2023, 11, 1)))
    return docs


@pytest.fixture(scope="module")
def seeds():
    docs = claimcheck.load([SEEDS])
    return docs, check(docs, jobs=1)


@pytest.fixture(scope="module")
def corpus():
    docs = planted()
    return docs, check(docs, jobs=1)


# --------------------------------------------------------------------------------------
# the same report as claimcheck.check


@needs_dask
@pytest.mark.parametrize("scheduler", [None, "sync"])
def test_seeds(seeds, scheduler):
    docs, want = seeds
    assert want.findings and want.verified  # (something to compare)
    assert_same(want, check_dask(docs, scheduler=scheduler))


@needs_dask
def test_seeds_on_the_process_scheduler_with_a_vocabulary_extension(tmp_path):
    """Spawned workers read nothing of this process: the extension reaches them with
    the tasks, and their claims come back equal."""
    from claimcheck.link import extend_vocabulary

    vocab = tmp_path / "robots.toml"
    vocab.write_text('[[metric]]\nkey = "robots"\nzh = ["机器人"]\ndefault = "installed"\ncumulative = true\n',
                     encoding="utf-8")
    extra = [Document(id=f"r{i}", text=f"截至2023年10月，国内工业机器人保有量达{n}万台。",
                      published=dt.date(2023, 11, i + 1)) for i, n in enumerate((150, 90))]
    docs = claimcheck.load([SEEDS]) + extra
    extend_vocabulary([vocab])
    try:
        want = check(docs, jobs=1)
        assert any(f.code == "CC101" and f.metric.startswith("robots.") for f in want.findings)
        assert_same(want, check_dask(docs, scheduler="processes", num_workers=2))
    finally:
        extend_vocabulary([])


@needs_dask
@pytest.mark.parametrize("npartitions", [None, 1, 7, 200])
def test_planted_contradictions(corpus, npartitions):
    docs, want = corpus
    assert {"CC101", "CC201", "CC301", "CC303", "CC501"} <= {f.code for f in want.findings}
    assert want.suppressed >= 1
    assert_same(want, check_dask(docs, npartitions=npartitions))


@needs_dask
@pytest.mark.parametrize("seed", [1, 2])
def test_against_earlier_documents(seed):
    docs = planted(filler=40, seed=seed)
    new, earlier = docs[:10], docs[10:] + [docs[2].model_copy(update={"id": "again"})]
    want = check(new, against=earlier, jobs=1)
    assert want.findings and any(r.doc not in {x.id for x in new} for f in want.findings for r in f.claims)
    assert_same(want, check_dask(new, against=earlier, npartitions=5))
    assert_same(check(new, against=[], jobs=1), check_dask(new, against=[]))  # (new_docs: all of them)


@needs_dask
def test_seeds_against_seeds(seeds):
    docs, _ = seeds
    want = check(docs[3:], against=docs[:3], jobs=1)
    assert_same(want, check_dask(docs[3:], against=docs[:3]))


@needs_dask
def test_config_and_nothing_to_read(corpus):
    docs, _ = corpus
    cfg = {"ignore": ("CC5",), "severity": {"CC201": "warning"}, "max_partners": 2}
    assert_same(check(docs, config=cfg, jobs=1), check_dask(docs, config=cfg))
    assert_same(check([], jobs=1), check_dask([]))


@needs_dask
def test_a_scheduler_address_connects_a_client(seeds):
    from distributed import Client, LocalCluster

    docs, want = seeds
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        assert_same(want, check_dask(docs, scheduler=cluster.scheduler_address))
        with Client(cluster) as client:  # a Client passed as it is stays open
            assert_same(want, check_dask(docs, scheduler=client))
            assert client.status == "running"


@needs_dask
def test_bad_schedulers_and_a_claim_index(tmp_path, seeds, capsys):
    import dask

    from claimcheck.engines import EngineError

    docs, _ = seeds
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # (nothing listens on port 9)
        with pytest.raises(EngineError, match="cannot connect to the Dask scheduler"):
            check_dask(docs, scheduler="tcp://127.0.0.1:9")
        assert main(["check", str(SEEDS / "000_66da3807e53fe46a.txt"), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimcheck: error: cannot connect to the Dask scheduler at 'tcp://127.0.0.1:9'")
    with pytest.raises(EngineError, match="scheduler must be"):
        check_dask(docs, scheduler=3)
    with pytest.raises(EngineError, match="npartitions"):
        check_dask(docs, npartitions=0)

    class FakeIndex:
        def claims_for(self, *a, **k):
            return []

    with pytest.raises(EngineError, match="claim index") as err:
        check_dask(docs, against=FakeIndex())
    assert isinstance(err.value, ClaimcheckError)


# --------------------------------------------------------------------------------------
# the CLI


@needs_dask
def test_cli_dask_json_is_the_local_json_byte_for_byte(capsys):
    rc_local = main(["check", str(SEEDS), "--format", "json", "--no-progress"])
    local = capsys.readouterr().out
    rc_dask = main(["check", str(SEEDS), "--format", "json", "--engine", "dask"])
    dask_out = capsys.readouterr().out
    assert json.loads(local)["findings"]
    assert (rc_dask, dask_out) == (rc_local, local)
    assert main(["check", str(SEEDS), "--format", "json", "--scheduler", "sync"]) == rc_local  # implies dask
    assert capsys.readouterr().out == local


@needs_dask
def test_cli_dask_against_a_folder(tmp_path, capsys):
    new = tmp_path / "new.txt"
    new.write_text("截至2023年7月初，国内已发布大模型130个。\n", encoding="utf-8")
    args = ["check", str(new), "--against", str(SEEDS), "--format", "json", "--no-progress"]
    rc = main(args)
    local = capsys.readouterr().out
    assert main(args + ["--engine", "dask", "--jobs", "2"]) == rc
    assert capsys.readouterr().out == local


@needs_dask
def test_cli_usage_errors(tmp_path, capsys):
    db = tmp_path / "arch.db"
    assert main(["index", str(db), str(SEEDS), "--jobs", "1", "--no-progress"]) == 0
    capsys.readouterr()
    new = SEEDS / "000_66da3807e53fe46a.txt"
    assert main(["check", str(new), "--against", str(db), "--engine", "dask"]) == 2
    err = capsys.readouterr().err
    assert "--engine dask does not read a claim index" in err and err.count("\n") == 1
    assert main(["check", str(new), "--engine", "local", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "--scheduler runs the Dask engine" in capsys.readouterr().err
    assert main(["check", str(new), "--engine", "spark"]) == 2


# --------------------------------------------------------------------------------------
# Parquet


@needs_dask
def test_parquet_round_trip(tmp_path, capsys, seeds):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from claimcheck.export import COLUMNS

    out = tmp_path / "claims.parquet"
    assert main(["extract", str(SEEDS), "--format", "parquet", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    table = pq.read_table(out)
    docs, _ = seeds
    claims = [c for doc in docs for c in claimcheck.extract(doc.text, published=doc.published, doc_id=doc.id)]
    assert table.num_rows == len(claims) > 100
    assert table.column_names == [name for name, _ in COLUMNS]
    assert table.schema.field("as_of_start").type == pa.date32()
    assert table.schema.field("low").type == pa.float64() and table.schema.field("start").type == pa.int64()
    rows = table.to_pylist()
    for row, c in zip(rows, claims):
        p = c.as_of
        want = {**{k: getattr(c, k) for k, _ in COLUMNS if hasattr(c, k) and k != "scope"},
                "as_of_start": p and p.start, "as_of_end": p and p.end, "as_of_grain": p and p.grain,
                "as_of_text": p and p.text}
        assert {k: row[k] for k in want} == want
        assert json.loads(row["scope"]) == c.model_dump(mode="json")["scope"]
    assert any(r["as_of_start"] for r in rows) and any(r["scope"] != "{}" for r in rows)


def test_extract_output_and_parquet_usage(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("截至2023年7月初，国内已发布大模型79个。", encoding="utf-8")
    assert main(["extract", str(f), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "claims.json"
    assert main(["extract", str(f), "--format", "json", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == printed
    assert main(["extract", str(f), "--format", "parquet"]) == 2
    assert "--output FILE" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# without dask or pyarrow


@pytest.fixture
def no_dask(monkeypatch):
    """Importing dask (or distributed, pyarrow) fails as when it is not installed."""
    for name in [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed", "pyarrow")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ("dask", "dask.bag", "distributed", "pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # (None in sys.modules: ImportError)


def test_missing_dask_is_a_clear_error(no_dask, seeds, capsys):
    docs, _ = seeds
    with pytest.raises(MissingDependencyError) as err:
        check_dask(docs)
    assert isinstance(err.value, ClaimcheckError) and isinstance(err.value, ImportError)
    assert 'pip install "claimcheck[dask]"' in str(err.value) and "dask" in str(err.value)
    assert main(["check", str(SEEDS), "--engine", "dask"]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert cap.err.startswith("claimcheck: error: the Dask engine") and 'pip install "claimcheck[dask]"' in cap.err


def test_missing_pyarrow_is_a_clear_error(no_dask, tmp_path, capsys):
    out = tmp_path / "c.parquet"
    assert main(["extract", str(SEEDS), "--format", "parquet", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "pyarrow" in err and 'pip install "claimcheck[dask]"' in err and err.count("\n") == 1
    assert not out.exists()


def test_no_dask_import_until_used():
    code = ("import sys, claimcheck.engines, claimcheck.export, claimcheck.cli\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow')))")
    run = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert (run.returncode, run.stdout.strip()) == (0, "[]"), run.stderr
