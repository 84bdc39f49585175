"""Files that are not what they seem, through the CLI: binary files, UTF-8 cut short,
mixed encodings, a file over the size limits, symlink loops, an unreadable file, names
with spaces, non-ASCII letters or a line break, a directory where a file is expected.

Each gives one line on stderr naming the path (`claimcheck: error: PATH: ...`, or
`claimcheck: warning: PATH: ...` for a document read up to a limit), exit 2, no
traceback, and the rest of the corpus is still checked: the conflict of a.txt and b.txt
(CC101) is still found. Then data safety: check, extract and index never write into the
corpus they read.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from test_gate import CONFLICT, cli, github_lines, parse_annotation, write_corpus

from claimcheck.config import Config

POSIX = os.name == "posix"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def check_json(capsys, *args):
    run = cli(capsys, "check", *args, "--format", "json", "--fail-on", "never")
    assert "Traceback" not in run.err
    return run, (json.loads(run.out) if run.out else None)


def one_line(run, path: str, kind: str = "error") -> str:
    """The one stderr line naming `path` (every line is a claimcheck message)."""
    lines = run.err.splitlines()
    assert all(line.startswith("claimcheck: ") for line in lines), lines
    mine = [line for line in lines if line.startswith(f"claimcheck: {kind}: {path}")]
    assert len(mine) == 1, lines
    return mine[0]


def still_checked(report) -> None:
    assert [f["code"] for f in report["findings"]] == ["CC101"]
    assert {"a.txt", "b.txt"} <= set(report["documents"])


GOOD = "截至2023年10月，我国已发布大模型238个。"

BAD_FILES = [  # name, bytes, part of the message
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (a PNG image), not text"),
    ("program.md", b"\x7fELF\x02\x01\x01" + bytes(64), "binary file (an executable), not text"),
    ("nul.txt", GOOD.encode() + b"\x00\x00" + GOOD.encode(), "binary file (contains NUL bytes), not text"),
    ("cut.txt", (GOOD * 3).encode()[:-1], "not valid UTF-8: the file ends inside a character"),
    ("cut-one-byte.txt", "截至2023年10月，我国已发布大模型238个".encode()[:-2], "ends inside a character"),
    ("mixed.txt", GOOD.encode() + "我国已发布大模型".encode("gbk") + GOOD.encode(), "mixed encodings?"),
    ("gbk-then-utf8.txt", "我国已发布大模型".encode("gbk") * 4 + GOOD.encode(), "mixed encodings?"),
    ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x0e\x0f" * 20, "binary file (160 control characters), not text"),
]


@pytest.mark.parametrize("name, data, problem", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_one_line_and_the_rest_is_checked(tmp_path, capsys, name, data, problem):
    write_corpus(tmp_path, CONFLICT)
    (tmp_path / name).write_bytes(data)
    run, report = check_json(capsys, ".")
    assert run.rc == 2
    assert problem in one_line(run, name)
    assert len(run.err.splitlines()) == 1
    still_checked(report)


# ---------------------------------------------------------------------------- limits

def test_default_limits():
    cfg = Config()
    assert (cfg.max_document_chars, cfg.max_claims_per_document) == (2_000_000, 20_000)
    assert cfg.limits() == (2_000_000, 20_000)
    engine = cfg.engine()
    assert (engine["max_document_chars"], engine["max_claims_per_document"]) == (2_000_000, 20_000)


def test_a_file_over_the_default_size_is_read_up_to_it(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    # the conflict's third party in the first line, then 2,000,000 characters more on one line
    text = "截至2023年10月，我国已发布大模型300个。\n" + "x" * 2_000_000
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    run, report = check_json(capsys, ".")
    assert run.rc == 2
    line = one_line(run, "huge.txt", "warning")
    assert line == (f"claimcheck: warning: huge.txt: {len(text):,} characters, over max-document-chars (2,000,000): "
                    f"only the first 2,000,000 were read")  # (no line break near the limit to cut at)
    assert report["warnings"] == [line.removeprefix("claimcheck: warning: ")]
    assert "huge.txt" in report["documents"]
    assert sorted({c["doc"] for f in report["findings"] for c in f["claims"]}) == ["a.txt", "b.txt", "huge.txt"]


def test_limits_from_the_config(tmp_path, capsys):
    many = "，".join(f"{n}个" for n in range(10, 40)) + "。"  # 30 claims
    long = "截至2023年10月，我国已发布大模型238个。" + "一" * 165 + "，我国已发布大模型999个。" + "一" * 200
    assert long.index("999") == 198  # (the limit, 200, falls inside it)
    files = {**CONFLICT, "long.txt": (long, "2023-10-21"), "many.txt": (many, "2023-10-22")}
    write_corpus(tmp_path, files, config="max-document-chars = 200\nmax-claims-per-document = 12")
    run, report = check_json(capsys, ".")
    assert run.rc == 2
    # cut after the last clause mark before the limit: 999个 is not read as 9 or 99
    assert one_line(run, "long.txt", "warning") == (
        f"claimcheck: warning: long.txt: {len(long)} characters, over max-document-chars (200): "
        f"only the first {long.index('，我国已发布大模型999') + 1} were read")
    assert one_line(run, "many.txt", "warning") == (
        "claimcheck: warning: many.txt: 30 claims, over max-claims-per-document (12): only the first 12 were kept")
    assert [c["text"] for c in report["claims"] if c["doc_id"] == "many.txt"] == [f"{n}个" for n in range(10, 22)]
    assert [c["text"] for c in report["claims"] if c["doc_id"] == "long.txt"] == ["238个"]  # (not 999个 as 99)
    assert len(report["warnings"]) == 2
    assert [f["code"] for f in report["findings"]] == ["CC101", "CC101"]  # b.txt against a.txt and long.txt
    # extract and index read the same limits and say the same
    run = cli(capsys, "extract", ".", "--format", "jsonl")
    assert run.rc == 2 and sum(json.loads(x)["doc_id"] == "many.txt" for x in run.out.splitlines()) == 12
    assert len(run.err.splitlines()) == 2 and one_line(run, "many.txt", "warning")
    run = cli(capsys, "index", tmp_path.parent / f"{tmp_path.name}.db", ".", "--no-progress")
    assert run.rc == 2
    warnings = [x for x in run.err.splitlines() if x.startswith("claimcheck: warning: ")]
    assert [w.split(": ")[2] for w in warnings] == ["long.txt", "many.txt"]


@pytest.mark.parametrize("setting", ["max-document-chars = 0", "max-claims-per-document = -1",
                                     'max-document-chars = "big"'])
def test_bad_limits_are_a_config_error(tmp_path, capsys, setting):
    write_corpus(tmp_path, CONFLICT, config=setting)
    run = cli(capsys, "check", ".")
    assert run.rc == 2 and run.out == ""
    key = setting.split(" ")[0]
    assert run.err.startswith(f"claimcheck: error: {tmp_path / 'claimcheck.toml'}: {key}: ")


def test_limits_in_the_library():
    import claimcheck
    from claimcheck.model import Document

    doc = Document(id="d", text="超80个，" * 50)
    report = claimcheck.check([doc], config={"max_document_chars": 60, "max_claims_per_document": 5})
    assert len(report.claims) == 5
    assert report.warnings == ["d: 250 characters, over max-document-chars (60): only the first 60 were read",
                               "d: 12 claims, over max-claims-per-document (5): only the first 5 were kept"]
    assert claimcheck.check([doc]).warnings == []


def test_limits_on_the_dask_engine():
    pytest.importorskip("dask")
    import claimcheck
    from claimcheck.engines import check_dask
    from claimcheck.model import Document

    docs = [Document(id="d", text="超80个，" * 50), Document(id="e", text="截至2023年10月，我国已发布大模型238个。")]
    config = {"max_document_chars": 60, "max_claims_per_document": 5}
    local, dask = claimcheck.check(docs, config=config), check_dask(docs, config=config, scheduler="sync")
    assert dask.warnings == local.warnings and len(local.warnings) == 2
    assert [c.key for c in dask.claims] == [c.key for c in local.claims]


# ---------------------------------------------------------------------------- links, permissions

@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_symlink_loops(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("two.txt", tmp_path / "one.txt")
    os.symlink("one.txt", tmp_path / "two.txt")
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")  # a directory loop: not followed
    os.symlink("../a.txt", tmp_path / "sub" / "same.txt")  # a file met twice: read once
    run, report = check_json(capsys, ".")
    assert run.rc == 2
    for name in ("loop.txt", "one.txt", "two.txt"):
        assert "symbolic links" in one_line(run, name)
    assert len(run.err.splitlines()) == 3
    still_checked(report)
    assert report["documents"] == ["a.txt", "b.txt"]


def _unreadable_is_readable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return True
    except PermissionError:
        return False


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_unreadable_file(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        if _unreadable_is_readable(locked):
            pytest.skip("running with rights that read a file of mode 000 (root)")
        run, report = check_json(capsys, ".")
        assert run.rc == 2
        assert one_line(run, "locked.txt").endswith("locked.txt: permission denied")
        still_checked(report)
    finally:
        locked.chmod(0o644)


# ---------------------------------------------------------------------------- names

def test_names_with_spaces_letters_and_line_breaks(tmp_path, capsys):
    names = ["with space.txt", "ünï 中文 ✓.txt"] + (["line\nbreak.txt", "tab\tand\rcr.txt"] if POSIX else [])
    files = {**CONFLICT, **{n: (f"截至2023年10月，我国已发布大模型{300 + i}个。", "2023-10-26")
                            for i, n in enumerate(names)}}
    write_corpus(tmp_path, files)
    if POSIX:  # an undecodable file whose name would write a workflow command on a line of its own
        (tmp_path / "bad\n::error::x.txt").write_bytes(b"abc \xff\xfe\xfd")
    run, report = check_json(capsys, ".")
    assert run.rc == (2 if POSIX else 0)
    assert sorted(report["documents"]) == sorted(["a.txt", "b.txt", *names])
    cited = {c["doc"] for f in report["findings"] for c in f["claims"]}
    assert set(names) <= cited
    if POSIX:
        (line,) = run.err.splitlines()
        assert line == "claimcheck: error: bad\\n::error::x.txt: not valid UTF-8 or GB18030 (byte 0xff at 4)"
    # no name starts a line of its own: the text report has none that a runner reads as a
    # command, and every line of the github format is one annotation
    text = cli(capsys, "check", ".", "--fail-on", "never").out
    assert not [x for x in text.split("\n") if x.lstrip().startswith("::")]
    github = cli(capsys, "check", ".", "--format", "github", "--fail-on", "never").out
    annotations = [parse_annotation(x) for x in github_lines(github)]
    assert {f["severity"] for f in report["findings"]} == {"error"}
    assert len(annotations) == min(len(report["findings"]), 10) + (len(report["findings"]) > 10)
    table = cli(capsys, "extract", ".").out.splitlines()
    assert len(table) == 1 + len(files)  # the header and a row a claim, whatever the names hold


# ---------------------------------------------------------------------------- a directory for a file

@pytest.mark.parametrize("args, problem", [
    (("check", ".", "--output", "outdir"), "outdir: cannot write the report"),
    (("check", ".", "--config", "outdir"), "outdir: cannot read the config file"),
    (("check", ".", "--baseline", "outdir"), "outdir: cannot read the baseline"),
    (("check", ".", "--write-baseline", "outdir"), "outdir: cannot write the baseline"),
    (("check", ".", "--against", "outdir.db"), "outdir.db: no articles in this directory"),
    (("extract", ".", "--output", "outdir"), "outdir: cannot write the report"),
    (("extract", ".", "--config", "outdir"), "outdir: cannot read the config file"),
    (("index", "outdir", "."), "outdir: not a claimcheck index"),
])
def test_a_directory_where_a_file_is_expected(tmp_path, capsys, args, problem):
    write_corpus(tmp_path / "news", CONFLICT)
    os.chdir(tmp_path / "news")
    (tmp_path / "news" / "outdir").mkdir()
    (tmp_path / "news" / "outdir.db").mkdir()
    (tmp_path / "news" / "outdir.db" / "x.txt").write_text(GOOD, encoding="utf-8")  # (not an index: a corpus)
    if args[-2:] == ("--against", "outdir.db"):
        (tmp_path / "news" / "outdir.db" / "x.txt").unlink()
    run = cli(capsys, *args)
    assert run.rc == 2, run
    (line,) = run.err.splitlines()
    assert line.startswith("claimcheck: error: ") and problem in line, line
    assert "Traceback" not in run.err


# ---------------------------------------------------------------------------- data safety

def snapshot(folder: Path) -> dict:
    """Every entry under `folder`: (kind, size, mtime in ns)."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            st = p.lstat()
            out[p.relative_to(folder).as_posix()] = (p.is_dir(), st.st_size if not p.is_dir() else 0, st.st_mtime_ns)
    return out


def test_check_extract_and_index_never_write_into_the_corpus(tmp_path, capsys, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", {**CONFLICT, "c.txt": ("截至2024年3月底，我国备案大模型117个。", "2024-04-01")})
    (corpus / "sub").mkdir()
    (corpus / "sub" / "d.md").write_text("---\ndate: 2023-10-30\n---\n截至2023年10月，我国已发布大模型200个。\n",
                                         encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"abc \xff\xfe\xfd")
    before = snapshot(corpus)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(out / "summary.md"))
    runs = [
        *(("check", corpus, "--format", fmt, "--output", out / f"report.{fmt}") for fmt in ("text", "json", "sarif",
                                                                                           "github", "junit")),
        ("check", corpus, "--write-baseline", out / "baseline.json"),
        ("check", corpus, "--baseline", out / "baseline.json", "--jobs", "2"),
        ("extract", corpus, "--format", "json", "--output", out / "claims.json"),
        ("extract", corpus),
        ("index", out / "archive.db", corpus, "--no-progress"),
        ("index", out / "archive.db", corpus, "--prune", "--no-progress"),
        ("check", corpus / "a.txt", "--against", out / "archive.db"),
        ("check", corpus / "b.txt", "--against", corpus),
    ]
    for args in runs:
        run = cli(capsys, *args)
        assert run.rc in (0, 1, 2) and "Traceback" not in run.err, args
        assert snapshot(corpus) == before, args
    assert {p.name for p in out.iterdir()} >= {"report.json", "claims.json", "archive.db", "baseline.json"}
    # and from the corpus folder as the working directory, where a config is looked for
    monkeypatch.chdir(corpus)
    assert cli(capsys, "check", ".", "--format", "sarif").rc in (1, 2)
    assert snapshot(corpus) == before


@pytest.mark.skipif(sys.platform == "win32", reason="file names that are not UTF-8")
def test_a_name_that_is_not_utf8(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    name = os.fsdecode(b"\xff\xfe name.txt")  # (a surrogate escape in Python)
    try:
        Path(tmp_path / name).write_text("截至2023年10月，我国已发布大模型300个。", encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system takes UTF-8 names only")
    run, report = check_json(capsys, ".")
    assert run.rc == 0 and run.err == ""
    assert "\ufffd\ufffd name.txt" in report["documents"]
    sarif = json.loads(cli(capsys, "check", ".", "--format", "sarif").out)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
            for loc in r["locations"] + r.get("relatedLocations", [])}
    assert "%FF%FE%20name.txt" in uris  # the file's own bytes
    run = cli(capsys, "index", tmp_path.parent / f"{tmp_path.name}.db", ".", "--no-progress")
    assert run.rc == 0, run.err
