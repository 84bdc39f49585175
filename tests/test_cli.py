"""The CLI: exact output on a small file, and one clear line per bad input."""

import json

from claimcheck.cli import main


def test_extract_table(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("我国算力总规模超150EFLOPS。\n大模型已发布79个。", encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["location", "claim", "value", "unit", "as_of", "metric", "modality", "source"]
    # no publication date and no time in the text: as_of and source stay empty
    assert out[1].split() == [f"{f}:1:8", "超150EFLOPS", "(1.5e+20,", "∞)", "FLOP/s", "compute.total.flops", "fact"]
    assert out[2].split() == [f"{f}:2:7", "79个", "79", "model", "large_models.released.count", "fact"]


def test_extract_table_dates_from_front_matter(tmp_path, capsys):
    f = tmp_path / "a.md"
    f.write_text("---\ndate: 2023-08-15\n---\n据IDC数据,今年大模型已发布79个。\n", encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split()[1:] == ["79个", "79", "model", "2023", "large_models.released.count", "fact", "IDC"]


def test_extract_jsonl(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("不超过 5000 万元", encoding="utf-8")
    assert main(["extract", "--format", "jsonl", str(f)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["low"], r["high"], r["unit"]) for r in rows] == [("不超过 5000 万元", None, 5e7, "CNY")]


def test_bad_inputs_exit_2_and_continue(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("超80个大模型", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc \xff\xfe\xfd")
    missing = tmp_path / "missing.txt"
    rc = main(["extract", str(missing), str(binary), str(bad), str(good)])
    cap = capsys.readouterr()
    assert rc == 2
    errs = cap.err.strip().splitlines()
    assert errs == [
        f"claimcheck: error: {missing}: no such file",
        f"claimcheck: error: {binary}: binary file (contains NUL bytes), not text",
        f"claimcheck: error: {bad}: not valid UTF-8 or GB18030 (byte 0xff at 4)",
    ]
    assert "超80个" in cap.out


def test_usage_error_exits_2(capsys):
    assert main(["extract"]) == 2
    assert main(["nonsense"]) == 2


def test_anchoring_bad_inputs_one_line_each(tmp_path, capsys):
    """The anchoring issue's bad inputs: an undecodable file, an empty file, a directory
    without articles, a front matter date that does not parse. Each gives one line
    naming it, the exit code is 2, and the good document is still read."""
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "empty.txt").write_bytes(b"")
    (docs / "bad_date.md").write_text("---\ndate: 2023-13-45\n---\n大模型已发布79个。\n", encoding="utf-8")
    (docs / "undecodable.txt").write_bytes(b"abc \xff\xfe\xfd")
    (docs / "good.txt").write_text("据IDC数据，大模型已发布79个。", encoding="utf-8")
    rc = main(["extract", str(empty_dir), str(docs)])
    cap = capsys.readouterr()
    assert rc == 2
    errs = cap.err.strip().splitlines()
    assert len(errs) == 4
    for name in ("nothing", "bad_date.md", "empty.txt", "undecodable.txt"):
        assert sum(name in line for line in errs) == 1, (name, errs)
    assert all(line.startswith("claimcheck: error: ") and "Traceback" not in line for line in errs)
    assert "good.txt:1:" in cap.out and "IDC" in cap.out
