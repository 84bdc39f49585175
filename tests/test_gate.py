"""The CI gate end to end: `claimcheck check` on small corpora written to tmp_path, called
in-process through claimcheck.cli.main (one run goes through `python -m claimcheck`).

- exit codes: 0 clean, 1 a finding at or above --fail-on (error, warning, info, never),
  2 for a missing path, an undecodable file or a bad config (the other files are still
  checked and reported);
- baselines: written sorted and byte-identical, matching whatever the document order,
  hiding accepted findings, reporting stale entries; the config's `baseline` key;
- --output, --against, config discovery and keys (severity, select/ignore, fail-on,
  corpus, --config), inline `<!-- claimcheck: ignore CODES -->`;
- article text that tries to inject into each report format, and the cap of 10 GitHub
  annotations a level.

Every test runs in its own tmp_path as the working directory, so config discovery never
finds the repository's files. Articles are .txt files dated by a claimcheck.toml manifest
beside them (which is also the config when it is in the working directory).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

import jsonschema
import pytest
import synth

import claimcheck
from claimcheck.cli import main
from claimcheck.report import FORMATS

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

O10 = synth.when(2023, 10)

# name -> (text, publication date); each corpus yields exactly the findings named
CONFLICT = {  # CC101, error
    "a.txt": ("截至2023年10月，我国已发布大模型238个。", "2023-10-20"),
    "b.txt": ("截至2023年10月，我国已发布大模型150个。", "2023-10-25"),
}
JUMP = {  # CC202, warning: 80 then 2000 within 52 days
    "a.txt": (synth.text("released", when="2023年7月初", n=80), "2023-08-15"),
    "b.txt": (synth.text("released", when="2023年8月底", n=2000), "2023-09-15"),
}
SLIP = {  # CC401, warning: 238 and 238万 (10^4 apart)
    "a.txt": (synth.text("released", when=O10, n=238), "2023-12-10"),
    "b.txt": (synth.text("released", when=O10, n="238万"), "2023-12-11"),
}
DEFINITIONS = {  # CC501, info: 238 released, then 117 registered (not a fall)
    "a.txt": (synth.text("released", when=O10, n=238), "2023-12-10"),
    "b.txt": (synth.text("registered", when="2024年3月底", n=117), "2024-05-15"),
}
CLEAN = {  # the same figure twice, and a text without numbers
    "a.txt": ("截至2023年10月，我国已发布大模型238个。", "2023-10-20"),
    "b.txt": ("据报道，截至2023年10月，我国已发布大模型238个。", "2023-10-25"),
    "c.txt": ("今天的会议讨论了人工智能的发展。", "2023-10-26"),
}
CORPORA = {"conflict": CONFLICT, "jump": JUMP, "slip": SLIP, "definitions": DEFINITIONS, "clean": CLEAN}
EXPECTED = {"conflict": [("CC101", "error")], "jump": [("CC202", "warning")], "slip": [("CC401", "warning")],
            "definitions": [("CC501", "info")], "clean": []}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path (config discovery starts there), with no GitHub step summary file
    and no NO_COLOR from the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


# ---------------------------------------------------------------------------- helpers

class Run(NamedTuple):
    rc: int
    out: str
    err: str


def cli(capsys, *args: str) -> Run:
    """`claimcheck ARGS` in-process: exit code, stdout, stderr."""
    capsys.readouterr()  # (drop what earlier runs printed)
    rc = main([str(a) for a in args])
    cap = capsys.readouterr()
    return Run(rc, cap.out, cap.err)


def toml_str(s: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(s)


def write_corpus(folder: Path, files: dict, config: str = "") -> Path:
    """The articles of `files` (name -> (text, date)) in `folder`, with a claimcheck.toml
    holding `config` (top-level keys) and the manifest of their dates."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = [config.strip() + "\n"] if config.strip() else []
    for name, (text, date) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        manifest.append(f"[documents.{toml_str(name)}]\ndate = {toml_str(date)}\n")
    (folder / "claimcheck.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def findings(run: Run) -> list[tuple[str, str]]:
    """(code, severity) of the findings of a JSON report."""
    return [(f["code"], f["severity"]) for f in json.loads(run.out)["findings"]]


def check_json(capsys, *args) -> tuple[Run, list[dict]]:
    run = cli(capsys, "check", *args, "--format", "json")
    return run, json.loads(run.out)["findings"] if run.out else []


# ---------------------------------------------------------------------------- 1. exit codes

@pytest.mark.parametrize("name", list(CORPORA))
def test_each_corpus_yields_its_finding(tmp_path, capsys, name):
    write_corpus(tmp_path, CORPORA[name])
    run = cli(capsys, "check", ".", "--format", "json", "--fail-on", "never")
    assert run.rc == 0 and run.err == ""
    assert findings(run) == EXPECTED[name]


FAIL_ON = {  # corpus -> the exit code for --fail-on error, warning, info, never
    "conflict": (1, 1, 1, 0),
    "jump": (0, 1, 1, 0),
    "slip": (0, 1, 1, 0),
    "definitions": (0, 0, 1, 0),
    "clean": (0, 0, 0, 0),
}


@pytest.mark.parametrize("name", list(FAIL_ON))
def test_exit_code_by_fail_on(tmp_path, capsys, name):
    write_corpus(tmp_path, CORPORA[name])
    got = tuple(cli(capsys, "check", ".", "--fail-on", level).rc for level in ("error", "warning", "info", "never"))
    assert got == FAIL_ON[name]
    assert cli(capsys, "check", ".").rc == FAIL_ON[name][0]  # the default is error


def test_missing_path_exits_2_and_the_others_are_checked(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    for fail_on in ("error", "never"):
        run = cli(capsys, "check", "a.txt", "missing.txt", "b.txt", "--format", "json", "--fail-on", fail_on)
        assert run.rc == 2
        assert run.err.splitlines() == ["claimcheck: error: missing.txt: no such file"]
        assert findings(run) == [("CC101", "error")]


def test_undecodable_files_exit_2_named_and_the_others_reported(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT)
    (tmp_path / "noise.txt").write_bytes(random.Random(2023).randbytes(4096))
    (tmp_path / "latin.txt").write_bytes("截至2023年10月".encode() + b" \xff\xfe\xfd \xc3\x28")
    run = cli(capsys, "check", ".", "--format", "json")
    assert run.rc == 2
    errs = run.err.splitlines()
    assert len(errs) == 2 and all(e.startswith("claimcheck: error: ") for e in errs)
    assert sum("noise.txt" in e for e in errs) == 1 and sum("latin.txt" in e for e in errs) == 1
    assert "Traceback" not in run.err
    report = json.loads(run.out)
    assert sorted(report["documents"]) == ["a.txt", "b.txt"]
    assert findings(run) == [("CC101", "error")]


def test_config_unknown_key_exits_2_naming_file_and_key(tmp_path, capsys):
    write_corpus(tmp_path, CONFLICT, config='colour = "always"')
    run = cli(capsys, "check", ".")
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith(f"claimcheck: error: {tmp_path / 'claimcheck.toml'}: colour: unknown key")
    assert "jump-days" in line  # the keys there are


@pytest.mark.parametrize("setting, key", [
    ("jump-days = -1", "jump-days"),
    ("jump_days = 0", "jump_days"),
    ("jump-factor = 0.5", "jump-factor"),
    ("max-partners = 0", "max-partners"),
    ('fail-on = "sometimes"', "fail-on"),
    ('severity = { CC501 = "fatal" }', "severity.CC501"),
    ('select = ["CC999"]', "select"),
    ("corpus = 3", "corpus"),
])
def test_config_bad_value_exits_2(tmp_path, capsys, setting, key):
    write_corpus(tmp_path, CLEAN, config=setting)
    run = cli(capsys, "check", ".")
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith(f"claimcheck: error: {tmp_path / 'claimcheck.toml'}: {key}: "), line


def test_pyproject_unknown_rule_in_select_exits_2(tmp_path, capsys):
    news = write_corpus(tmp_path / "news", CONFLICT)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.claimcheck]\nselect = ["CC1", "CC999"]\n', encoding="utf-8")
    run = cli(capsys, "check", news)
    assert run.rc == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith(f"claimcheck: error: {tmp_path / 'pyproject.toml'}: tool.claimcheck.select: ")
    assert "CC999" in line


def test_missing_explicit_config_exits_2(tmp_path, capsys):
    write_corpus(tmp_path, CLEAN)
    run = cli(capsys, "check", ".", "--config", "nowhere.toml")
    assert run.rc == 2 and run.out == ""
    assert run.err.startswith("claimcheck: error: nowhere.toml: cannot read the config file")


# ---------------------------------------------------------------------------- 2. baselines

BASELINED = {  # CC101 on released models, CC202 on computing power (separate families)
    "a.txt": ("截至2023年10月，我国已发布大模型238个。2022年我国算力总规模达180EFLOPS。", "2023-10-20"),
    "b.txt": ("截至2023年10月，我国已发布大模型150个。2022年我国算力总规模达180EFLOPS。", "2023-10-25"),
    "c.txt": (synth.text("compute_at", when="2023年6月底", n=197), "2023-07-15"),
    "d.txt": (synth.text("compute_at", when="2023年8月底", n=2500), "2023-09-15"),
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_baseline_round_trip(tmp_path, capsys, monkeypatch):
    write_corpus(tmp_path / "news", BASELINED)
    monkeypatch.chdir(tmp_path / "news")  # a folder and the files in it give the same document ids from here
    _, before = check_json(capsys, ".")
    assert sorted(f["code"] for f in before) == ["CC101", "CC202"]

    run = cli(capsys, "check", ".", "--write-baseline", "../bl.json")
    assert run.rc == 0  # the findings written are accepted: they do not fail this run
    assert run.err == "claimcheck: wrote 2 finding(s) to the baseline ../bl.json\n"
    data = json.loads((tmp_path / "bl.json").read_text(encoding="utf-8"))
    assert data["claimcheck_baseline"] == 1
    fps = [row["fingerprint"] for row in data["findings"]]
    assert fps == sorted(fps) and set(fps) == {f["fingerprint"] for f in before}
    by_fp = sorted(before, key=lambda f: f["fingerprint"])
    assert [row["code"] for row in data["findings"]] == [f["code"] for f in by_fp]
    first = (tmp_path / "bl.json").read_bytes()

    # written again, from the files named one by one in another order: the same bytes
    names = sorted(BASELINED, reverse=True)
    assert cli(capsys, "check", *names, "--write-baseline", "../bl.json").rc == 0
    assert (tmp_path / "bl.json").read_bytes() == first
    assert cli(capsys, "check", ".", "--write-baseline", "../again.json").rc == 0
    assert (tmp_path / "again.json").read_bytes() == first

    run = cli(capsys, "check", ".", "--baseline", "../bl.json")
    assert run.rc == 0
    assert "findings: 0 error(s), 0 warning(s), 0 info" in run.out
    assert run.err == "claimcheck: 2 finding(s) accepted in the baseline ../bl.json\n"
    for order in (names, list(reversed(names)), [names[1], names[3], names[0], names[2]]):
        run, found = check_json(capsys, *order, "--baseline", "../bl.json", "--fail-on", "info")
        assert (run.rc, found, run.err) == (0, [], "claimcheck: 2 finding(s) accepted in the baseline ../bl.json\n")


def test_baseline_reports_only_the_new_finding(tmp_path, capsys):
    news = write_corpus(tmp_path / "news", BASELINED)
    assert cli(capsys, "check", news, "--write-baseline", "bl.json").rc == 0
    edit(news / "b.txt", "达180EFLOPS", "达150EFLOPS")  # now a and b disagree on 2022's computing power
    run, found = check_json(capsys, news, "--baseline", "bl.json")
    assert run.rc == 1
    assert [(f["code"], f["metric"], sorted(c["text"] for c in f["claims"])) for f in found] == [
        ("CC101", "compute.total.flops", ["达150EFLOPS", "达180EFLOPS"])]
    assert run.err == "claimcheck: 2 finding(s) accepted in the baseline bl.json\n"  # nothing stale


def test_baseline_stale_entry_is_reported(tmp_path, capsys):
    news = write_corpus(tmp_path / "news", BASELINED)
    assert cli(capsys, "check", news, "--write-baseline", "bl.json").rc == 0
    edit(news / "b.txt", "大模型150个", "大模型238个")  # the conflict is fixed
    run, found = check_json(capsys, news, "--baseline", "bl.json", "--fail-on", "info")
    assert (run.rc, found) == (0, [])
    assert run.err.splitlines() == [
        "claimcheck: 1 finding(s) accepted in the baseline bl.json",
        "claimcheck: 1 baseline entry matched no finding (fixed or changed); --write-baseline bl.json refreshes it",
    ]


def test_baseline_from_config(tmp_path, capsys, monkeypatch):
    write_corpus(tmp_path / "news", BASELINED)
    (tmp_path / "claimcheck.toml").write_text('baseline = "ci/accepted.json"\n', encoding="utf-8")
    (tmp_path / "ci").mkdir()
    # --write-baseline ignores the config's baseline (it would otherwise filter what it writes)
    assert cli(capsys, "check", "news", "--write-baseline", "ci/accepted.json").rc == 0
    assert cli(capsys, "check", "news").rc == 0
    sub = tmp_path / "ci"
    monkeypatch.chdir(sub)  # the path is relative to the config file, not to the working directory
    run = cli(capsys, "check", "../news")
    assert run.rc == 0 and "findings: 0 error(s), 0 warning(s), 0 info" in run.out
    assert run.err == f"claimcheck: 2 finding(s) accepted in the baseline {tmp_path / 'ci' / 'accepted.json'}\n"
    # --baseline wins over the config's
    (tmp_path / "empty.json").write_text('{"claimcheck_baseline": 1, "findings": []}\n', encoding="utf-8")
    assert cli(capsys, "check", "../news", "--baseline", tmp_path / "empty.json").rc == 1


# ---------------------------------------------------------------------------- 3. --output, --against

@pytest.mark.parametrize("fmt", ["json", "markdown", "sarif"])
def test_output_file(tmp_path, capsys, fmt):
    news = write_corpus(tmp_path / "news", CONFLICT)
    to_stdout = cli(capsys, "check", news, "--format", fmt)
    run = cli(capsys, "check", news, "--format", fmt, "--output", "out/report")
    assert run.rc == 2 and "out/report" in run.err  # a folder that is not there: exit 2, one line
    (tmp_path / "out").mkdir()
    run = cli(capsys, "check", news, "--format", fmt, "--output", "out/report")
    assert (run.rc, run.out, run.err) == (1, "", "")
    assert (tmp_path / "out" / "report").read_text(encoding="utf-8") == to_stdout.out
    assert os.listdir(tmp_path / "out") == ["report"]  # no temporary file left


def test_against_reports_only_findings_of_the_new_files(tmp_path, capsys):
    archive = write_corpus(tmp_path / "archive", {
        **CONFLICT,  # a and b disagree with each other: not the new article's business
        "c.txt": (synth.text("registered", when="2024年3月底", n=117), "2024-05-15"),
    })
    _, old = check_json(capsys, archive)
    assert [f["code"] for f in old] == ["CC101", "CC501"]
    new = write_corpus(tmp_path / "new", {"n.txt": ("截至2023年10月，我国已发布大模型200个。", "2023-11-01")})
    run, found = check_json(capsys, new / "n.txt", "--against", archive)
    assert run.rc == 1 and run.err == ""
    assert found and all(any(c["doc"] == str(new / "n.txt") for c in f["claims"]) for f in found)
    cited = {frozenset(c["doc"] for c in f["claims"]) for f in found if f["code"] == "CC101"}
    assert cited == {frozenset({str(new / "n.txt"), "a.txt"}), frozenset({str(new / "n.txt"), "b.txt"})}
    # an agreeing new article: nothing, though the archive contradicts itself
    (new / "n.txt").write_text("截至2023年10月，我国已发布大模型238个。", encoding="utf-8")
    run, found = check_json(capsys, new / "n.txt", "--against", archive / "a.txt", "--fail-on", "info")
    assert (run.rc, found) == (0, [])


# ---------------------------------------------------------------------------- 4. config

def test_config_nearest_up_the_tree(tmp_path, capsys, monkeypatch):
    (tmp_path / "claimcheck.toml").write_text('[severity]\nCC501 = "warning"\n', encoding="utf-8")
    proj = tmp_path / "proj"
    articles = write_corpus(proj / "articles", DEFINITIONS)  # its manifest is not the config from proj/sub
    (proj / "claimcheck.toml").write_text('[severity]\nCC501 = "error"\n', encoding="utf-8")
    deep = proj / "sub" / "deeper"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    run, found = check_json(capsys, articles)
    assert run.rc == 1 and [(f["code"], f["severity"]) for f in found] == [("CC501", "error")]
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    run, found = check_json(capsys, articles)
    assert run.rc == 0 and [(f["code"], f["severity"]) for f in found] == [("CC501", "warning")]
    monkeypatch.chdir(articles)  # the manifest beside the articles is the nearest: no severity there
    run, found = check_json(capsys, ".")
    assert run.rc == 0 and [(f["code"], f["severity"]) for f in found] == [("CC501", "info")]


def test_pyproject_config_and_claimcheck_toml_wins(tmp_path, capsys):
    write_corpus(tmp_path / "news", DEFINITIONS)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.claimcheck]\nseverity = { CC501 = "error" }\n', encoding="utf-8")
    assert cli(capsys, "check", "news").rc == 1
    (tmp_path / "claimcheck.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert cli(capsys, "check", "news").rc == 0  # claimcheck.toml over pyproject.toml in one folder


def test_severity_override(tmp_path, capsys):
    write_corpus(tmp_path, DEFINITIONS)
    assert cli(capsys, "check", ".").rc == 0
    write_corpus(tmp_path, DEFINITIONS, config='severity = { CC501 = "error", CC101 = "info" }')
    run, found = check_json(capsys, ".")
    assert run.rc == 1 and [(f["code"], f["severity"]) for f in found] == [("CC501", "error")]
    for fmt, marker in (("github", "::error "), ("text", "error CC501"), ("codequality", '"major"')):
        assert marker in cli(capsys, "check", ".", "--format", fmt).out, fmt
    write_corpus(tmp_path, CONFLICT, config='severity = { CC501 = "error", CC101 = "info" }')
    run, found = check_json(capsys, ".")
    assert run.rc == 0 and [(f["code"], f["severity"]) for f in found] == [("CC101", "info")]


MIXED = {  # CC101, CC202, CC401, CC501: one corpus, four metric families
    **{k: v for k, v in CONFLICT.items()},
    "c.txt": (synth.text("compute_at", when="2023年6月底", n=197), "2023-07-15"),
    "d.txt": (synth.text("compute_at", when="2023年8月底", n=2500), "2023-09-15"),
    "e.txt": (synth.text("industry", year=2022, n="5080亿元"), "2023-08-15"),
    "f.txt": (synth.text("industry", year=2022, n="5080万元"), "2023-09-01"),
    "g.txt": (synth.text("registered", when="2024年3月底", n=117), "2024-05-15"),
}


def codes(found) -> set:
    return {f["code"] for f in found}


def test_select_and_ignore_by_prefix(tmp_path, capsys):
    write_corpus(tmp_path, MIXED)
    _, found = check_json(capsys, ".")
    assert codes(found) == {"CC101", "CC202", "CC401", "CC501"}
    cases = [
        (("--select", "CC1"), {"CC101"}),
        (("--select", "cc2, CC4"), {"CC202", "CC401"}),
        (("--select", "CC"), {"CC101", "CC202", "CC401", "CC501"}),
        (("--ignore", "CC1,CC5"), {"CC202", "CC401"}),
        (("--ignore", "CC20"), {"CC101", "CC401", "CC501"}),
        (("--select", "CC1,CC2", "--ignore", "CC202"), {"CC101"}),
    ]
    for args, want in cases:
        assert codes(check_json(capsys, ".", *args)[1]) == want, args
    # from the config, and the command line over the config
    write_corpus(tmp_path, MIXED, config='select = ["CC4", "CC5"]\nignore = "CC501"')
    assert codes(check_json(capsys, ".")[1]) == {"CC401"}
    assert codes(check_json(capsys, ".", "--select", "CC1")[1]) == {"CC101"}
    write_corpus(tmp_path, MIXED, config='ignore = ["cc1", "CC20"]')
    run, found = check_json(capsys, ".")
    assert codes(found) == {"CC401", "CC501"} and run.rc == 0


def test_select_and_ignore_codes_found_by_another_rules_pass(tmp_path, capsys):
    """CC401 is found by CC101's pass and CC302 by CC301's: selecting and ignoring are
    still about the codes reported."""
    write_corpus(tmp_path, {
        **SLIP,  # CC401
        "c.txt": (synth.text("regional_pct_long", total=117, parts=(51, 24, 19, 9), pct=70), "2024-05-15"),  # CC302
    })
    _, found = check_json(capsys, ".")
    assert sorted(codes(found)) == ["CC302", "CC401"]
    cases = [
        (("--select", "CC4"), {"CC401"}),
        (("--select", "CC401"), {"CC401"}),
        (("--select", "CC1"), set()),
        (("--ignore", "CC401"), {"CC302"}),
        (("--ignore", "CC101"), {"CC302", "CC401"}),
        (("--select", "CC302"), {"CC302"}),
        (("--select", "CC301"), set()),
        (("--ignore", "CC302"), {"CC401"}),
        (("--ignore", "CC301"), {"CC302", "CC401"}),
        (("--select", "CC3,CC4", "--ignore", "CC4"), {"CC302"}),
    ]
    for args, want in cases:
        assert codes(check_json(capsys, ".", *args)[1]) == want, args
    assert cli(capsys, "check", ".", "--ignore", "CC401", "--fail-on", "warning").rc == 1  # CC302 is left
    assert cli(capsys, "check", ".", "--ignore", "CC302,CC401", "--fail-on", "warning").rc == 0


def test_fail_on_from_config(tmp_path, capsys):
    write_corpus(tmp_path, JUMP)
    assert cli(capsys, "check", ".").rc == 0
    write_corpus(tmp_path, JUMP, config='fail-on = "warning"')
    assert cli(capsys, "check", ".").rc == 1
    assert cli(capsys, "check", ".", "--fail-on", "error").rc == 0  # the command line wins
    write_corpus(tmp_path, CONFLICT, config='fail_on = "never"')
    assert cli(capsys, "check", ".").rc == 0
    assert cli(capsys, "check", ".", "--fail-on", "error").rc == 1


def test_corpus_from_config(tmp_path, capsys):
    write_corpus(tmp_path / "archive", {"old.txt": CONFLICT["a.txt"]})
    write_corpus(tmp_path / "agree", {"same.txt": CONFLICT["b.txt"]})
    (tmp_path / "new.txt").write_text(CONFLICT["b.txt"][0], encoding="utf-8")
    (tmp_path / "claimcheck.toml").write_text(
        'corpus = ["archive"]\n\n[documents."new.txt"]\ndate = "2023-10-25"\n', encoding="utf-8")
    run, found = check_json(capsys, "new.txt")
    assert run.rc == 1
    assert [sorted(c["doc"] for c in f["claims"]) for f in found] == [["new.txt", "old.txt"]]
    run, found = check_json(capsys, "new.txt", "--against", "agree")  # --against replaces it
    assert (run.rc, found) == (0, [])
    (tmp_path / "claimcheck.toml").write_text('[documents."new.txt"]\ndate = "2023-10-25"\n', encoding="utf-8")
    assert check_json(capsys, "new.txt")[1] == []


def test_explicit_config(tmp_path, capsys):
    write_corpus(tmp_path, DEFINITIONS)  # tmp_path/claimcheck.toml: the manifest only
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "strict.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    (tmp_path / "conf" / "pyproject.toml").write_text(
        '[tool.claimcheck]\nseverity = { CC501 = "error" }\n', encoding="utf-8")
    assert cli(capsys, "check", ".").rc == 0
    assert cli(capsys, "check", ".", "--config", "conf/strict.toml").rc == 1
    run, found = check_json(capsys, ".", "--config", "conf/pyproject.toml")
    assert run.rc == 1 and [(f["code"], f["severity"]) for f in found] == [("CC501", "error")]
    (tmp_path / "conf" / "bad.toml").write_text("select = [\n", encoding="utf-8")
    run = cli(capsys, "check", ".", "--config", "conf/bad.toml")
    assert run.rc == 2 and run.err.startswith("claimcheck: error: conf/bad.toml: not valid TOML")


# ---------------------------------------------------------------------------- 5. inline suppression

def suppressed_in_library(folder: Path) -> tuple[list, int]:
    docs, problems = claimcheck.load_report([str(folder)])
    assert not problems
    report = claimcheck.check(docs)
    return [f.code for f in report.findings], report.suppressed


def test_inline_ignore_silences_the_finding(tmp_path, capsys):
    a = "第一段没有数字。\n\n<!-- claimcheck: ignore CC101 -->\n截至2023年10月，我国已发布大模型238个。\n"
    write_corpus(tmp_path, {**CONFLICT, "a.txt": (a, "2023-10-20")})
    run, found = check_json(capsys, ".")
    assert (run.rc, found) == (0, [])
    assert suppressed_in_library(tmp_path) == ([], 1)
    # the comment at the end of the line before the paragraph, a prefix, several codes
    a = "第一段没有数字。 <!-- claimcheck: ignore CC2, CC1 -->\n截至2023年10月，我国已发布大模型238个。\n"
    write_corpus(tmp_path, {**CONFLICT, "a.txt": (a, "2023-10-20")})
    assert check_json(capsys, ".")[1] == []
    assert suppressed_in_library(tmp_path) == ([], 1)


@pytest.mark.parametrize("a", [
    "<!-- claimcheck: ignore CC202 -->\n截至2023年10月，我国已发布大模型238个。\n",  # another code
    "<!-- claimcheck: ignore CC5 -->\n截至2023年10月，我国已发布大模型238个。\n",  # another prefix
    "<!-- claimcheck: ignore CC101 -->\n另一段。\n\n截至2023年10月，我国已发布大模型238个。\n",  # another paragraph
])
def test_inline_ignore_of_something_else_keeps_the_finding(tmp_path, capsys, a):
    write_corpus(tmp_path, {**CONFLICT, "a.txt": (a, "2023-10-20")})
    run, found = check_json(capsys, ".")
    assert run.rc == 1 and [f["code"] for f in found] == ["CC101"]
    assert suppressed_in_library(tmp_path) == (["CC101"], 0)


# ---------------------------------------------------------------------------- 6. injection

EVIL = ("::error::pwned %0A ::warning file=x.txt::again | a | b | `rm -rf` <script>alert(1)</script> "
        "]]> &amp; & \x1b[31mred\x1b[0m \x07")
EVIL_ID = "feed\n::error file=evil.txt,line=1::injected %0A|`<script>alert(1)</script>]]>&\x00\x1b[2J\r\n::notice::x"
EVIL_TXT = "evil |&`]]>%0A::warning::.txt" if os.name != "nt" else "evil.txt"


def write_evil_corpus(folder: Path) -> None:
    """Two articles in conflict (CC101), with hostile text around each claim: a .txt
    article (whose file name is hostile where the system allows) with a line break inside
    the claim's sentence, and a JSON record whose id holds NUL, ESC, CR and LF."""
    article = (f"导语 {EVIL}\n\n{EVIL}\n截至2023年10月，我国已发布\n大模型238个。{EVIL}\n\n"
               f"|a|b|\n|---|---|\n|{EVIL}|x|\n")
    write_corpus(folder, {EVIL_TXT: (article, "2023-10-20")})
    record = {"id": EVIL_ID, "date": "2023-10-25",
              "text": f"{EVIL}\x00\n截至2023年10月，我国已发布大模型150个。{EVIL}\x00 <![CDATA[ x ]]>"}
    (folder / "feed.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


_GITHUB = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)", re.DOTALL)


def unescape(s: str, prop: bool) -> str:
    """What the runner reads from an escaped message or property value."""
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", **({"%3A": ":", "%2C": ","} if prop else {})}
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: codes.get(m[0], m[0]), s)


def parse_annotation(line: str) -> tuple[str, dict, str]:
    """(level, properties, message) of one workflow command line, as the runner splits it:
    the command at the start of the line, properties up to the next "::", the rest data."""
    m = _GITHUB.fullmatch(line)
    assert m, line
    props = {}
    for p in (m[2].split(",") if m[2] else ()):
        k, sep, v = p.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z]+", k), (p, line)
        props[k] = unescape(v, True)
    return m[1], props, unescape(m[3], False)


def github_lines(out: str) -> list[str]:
    """The lines the runner sees (it splits at LF only; a CR must not be there either)."""
    assert out.endswith("\n") and "\r" not in out
    return out[:-1].split("\n")


_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def test_injection_corpus_in_every_format(tmp_path, capsys):
    write_evil_corpus(tmp_path)
    run, found = check_json(capsys, ".")
    assert run.rc == 1 and run.err == ""
    assert [f["code"] for f in found] == ["CC101"]
    (finding,) = found
    assert {c["doc"] for c in finding["claims"]} == {EVIL_TXT, EVIL_ID}  # the hostile id, intact in JSON
    message, explanation = finding["message"], finding["explanation"]
    assert EVIL_ID in message

    outs = {}
    for fmt in FORMATS:
        run = cli(capsys, "check", ".", "--format", fmt)
        assert run.rc == 1 and run.err == "", fmt
        outs[fmt] = run.out

    # text: one line per entry, nothing for the terminal, no line that a CI runner would
    # read as a command
    text = outs["text"]
    assert "\x1b" not in text and "\x00" not in text and "\r" not in text and "\x07" not in text
    assert not [line for line in text.split("\n") if line.lstrip().startswith("::")]
    assert "error CC101: " in text and "feed ::error file=evil.txt,line=1::injected" in text

    # JSON formats parse, and keep the text exactly
    report = json.loads(outs["json"])
    assert [f["message"] for f in report["findings"]] == [message]
    lines = outs["jsonl"].split("\n")
    assert lines[-1] == "" and [json.loads(line)["message"] for line in lines[:-1]] == [message]
    sarif = json.loads(outs["sarif"])
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert [r["message"]["text"] for r in sarif["runs"][0]["results"]] == [message]
    quality = json.loads(outs["codequality"])
    assert [i["description"] for i in quality] == [message]

    # github: exactly one line, one annotation; the runner reads back the whole message
    lines = github_lines(outs["github"])
    assert len(lines) == 1
    level, props, data = parse_annotation(lines[0])
    assert level == "error" and props["title"] == "CC101 conflicting-values"
    # (the whole message, but for control characters: no ESC or NUL reaches a CI log)
    assert data == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", f"{message}\n{explanation}")
    assert "\x1b" not in outs["github"] and "\x00" not in outs["github"]
    assert props["file"] in (EVIL_TXT, "feed.json")
    assert sum(line.startswith("::") for line in lines) == 1

    # junit: well-formed XML without a script element
    root = ET.fromstring(outs["junit"].encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "2"  # a failing case under each document
    assert not [e for e in root.iter() if e.tag.lower() == "script"]
    assert "<script" not in outs["junit"] and "]]>" not in outs["junit"]
    messages = {e.get("message") for e in root.iter("failure")}
    assert len(messages) == 1 and "<script>alert(1)</script>" in messages.pop()  # as text, not markup

    # markdown: every table row has the header's number of cells; no raw tag
    md = outs["markdown"]
    assert "<script" not in md.lower() and "\r" not in md
    rows = [line for line in md.split("\n") if line.startswith("|")]
    assert len(rows) == 3  # the header, its rule, one finding
    cells = [len(_UNESCAPED_PIPE.findall(row)) for row in rows]
    assert cells == [6, 6, 6], rows


def test_surrogate_escapes_and_names_that_are_not_utf8_in_every_format(tmp_path, capsys):
    """The injection corpus, with JSON escapes of lone surrogates in a record's id and
    text and (where the system allows) a file whose name is not UTF-8: code points that
    no UTF encoding can write. Every format is written (as U+FFFD) and well-formed."""
    write_evil_corpus(tmp_path)
    record = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    record["id"] += "\ud800"
    record["text"] = record["text"].replace("我国", "我\udfff国", 1)
    (tmp_path / "feed.json").write_text(json.dumps(record), encoding="utf-8")  # (ASCII: the escapes as written)
    if os.name == "posix":  # a third party to the conflict
        Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe.txt")).write_text(
            "截至2023年10月，我国已发布大模型300个。", encoding="utf-8")
    n = len(check_json(capsys, ".")[1])
    for fmt in FORMATS:
        run = cli(capsys, "check", ".", "--format", fmt)
        assert run.rc == 1 and run.err == "", fmt
        run.out.encode("utf-8")  # (strict)
        assert "\ufffd" in run.out or fmt == "github", fmt
        if fmt in ("json", "sarif", "codequality"):
            json.loads(run.out)
        elif fmt == "junit":
            ET.fromstring(run.out.encode("utf-8"))
        elif fmt == "github":
            assert len([parse_annotation(line) for line in github_lines(run.out)]) == n


def test_text_report_strips_terminal_controls_from_quoted_text():
    """The text renderer alone, on a finding whose quoted text holds controls (the
    report a terminal shows): ESC, NUL, BEL, CR, C1 CSI go; colour stays the renderer's."""
    from claimcheck.model import ClaimRef, Finding, Report
    from claimcheck.report import render

    f = Finding(code="CC101", severity="error", message="「238个」 (x\x1b[31m\x00\x07\x9b2J\ry\nz.txt)",
                metric="m", explanation="e\x1b]0;title\x07", claims=[ClaimRef(doc="d", start=0, end=1, text="2")])
    out = render(Report(findings=[f], documents=["d"]), "text", color=True)
    assert "「238个」 (x[31m2J y z.txt)" in out and "e]0;title" in out
    assert out.count("\x1b") == 2  # the renderer's own colour for "error", opened and closed
    assert "\x00" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out


# ---------------------------------------------------------------------------- 7. GitHub cap

def many_findings_corpus(folder: Path) -> None:
    """Twelve months, three articles each: released models and computing power stated
    twice a month with different values (CC101), falling and jumping from month to month
    (CC201, CC202), and registered models beside released ones (CC501)."""
    files = {}
    for m in range(1, 13):
        w = synth.when(2023, m)
        texts = [synth.text("released", when=w, n=100 + m) + synth.text("compute_at", when=w, n=100 + m),
                 synth.text("released", when=w, n=200 + m) + synth.text("compute_at", when=w, n=f"{200 + m}万"),
                 synth.text("registered", when=w, n=20 + m)]
        for k, t in enumerate(texts):
            files[f"m{m:02d}_{k}.txt"] = (t, f"2023-{m:02d}-28")
    write_corpus(folder, files)


def test_github_caps_annotations_per_level(tmp_path, capsys):
    many_findings_corpus(tmp_path)
    run, found = check_json(capsys, ".")
    assert run.rc == 1 and len(found) >= 40
    total = {s: sum(f["severity"] == s for f in found) for s in ("error", "warning", "info")}
    assert min(total.values()) > 10  # every level overflows

    run = cli(capsys, "check", ".", "--format", "github")
    assert run.rc == 1
    parsed = [parse_annotation(line) for line in github_lines(run.out)]
    summary = [p for p in parsed if p[1] == {"title": "claimcheck"}]
    assert len(summary) == 1 and parsed[-1] == summary[0]
    shown = {lvl: sum(p[0] == lvl for p in parsed[:-1]) for lvl in ("error", "warning", "notice")}
    assert shown == {"error": 10, "warning": 10, "notice": 9}  # with the summary, 10 notices
    assert len(parsed) == 30
    left = {"error": total["error"] - 10, "warning": total["warning"] - 10, "info": total["info"] - 9}
    assert summary[0][0] == "notice"
    def n(k: int, word: str) -> str:
        return f"{k} {word}" + ("" if k == 1 else "s")

    assert summary[0][2] == (f"{n(sum(left.values()), 'more finding')} not shown as annotations "
                             f"({n(left['error'], 'error')}, {n(left['warning'], 'warning')}, "
                             f"{n(left['info'], 'notice')}); see the full report")
    # the most severe first
    order = [p[0] for p in parsed[:-1]]
    assert order == sorted(order, key=["error", "warning", "notice"].index)


# ---------------------------------------------------------------------------- python -m claimcheck

def test_python_m_claimcheck_exit_code(tmp_path):
    write_corpus(tmp_path, CONFLICT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("CLAIMCHECK_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "claimcheck", "check", ".", "--format", "json", "--no-progress"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
                          check=False)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert [(f["code"], f["severity"]) for f in json.loads(proc.stdout)["findings"]] == [("CC101", "error")]


# ---------------------------------------------------------------------------- ids, codes, silenced

def test_a_new_file_in_the_corpus_folder_keeps_its_corpus_id(tmp_path, capsys):
    """The CI workflow: `check articles/b.txt --against articles/` must match a baseline
    written by `check articles/` (the same document ids, so the same fingerprints)."""
    write_corpus(tmp_path / "articles", CONFLICT)
    assert cli(capsys, "check", "articles", "--write-baseline", "bl.json").rc == 0
    _, full = check_json(capsys, "articles")
    run, incremental = check_json(capsys, "articles/b.txt", "--against", "articles")
    assert run.rc == 1
    assert [f["fingerprint"] for f in incremental] == [f["fingerprint"] for f in full]
    assert {r["doc"] for f in incremental for r in f["claims"]} == {"a.txt", "b.txt"}
    gated = cli(capsys, "check", "articles/b.txt", "--against", "articles", "--baseline", "bl.json")
    assert gated.rc == 0 and "1 finding(s) accepted in the baseline" in gated.err


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_an_unknown_rule_code_on_the_command_line_is_a_usage_error(tmp_path, capsys, flag):
    write_corpus(tmp_path, CONFLICT)
    run = cli(capsys, "check", ".", flag, "C101")
    assert run.rc == 2 and run.out == ""
    assert "no rule 'C101'" in run.err


def test_silenced_findings_are_counted_in_json_and_text(tmp_path, capsys):
    files = dict(CONFLICT)
    files["b.txt"] = ("<!-- claimcheck: ignore CC101 -->\n" + files["b.txt"][0], files["b.txt"][1])
    write_corpus(tmp_path, files)
    run = cli(capsys, "check", ".", "--format", "json")
    assert run.rc == 0
    data = json.loads(run.out)
    assert data["findings"] == [] and data["suppressed"] == 1
    text = cli(capsys, "check", ".").out
    assert "silenced: 1 finding(s)" in text


# ---------------------------------------------------------------------------- terminal niceties

class _Tty:
    """A stream that says it is a terminal and keeps what is written."""

    def __init__(self):
        self.parts: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.parts.append(s)
        return len(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("ci", [None, "true"])
def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch, ci):
    from claimcheck import cli as cli_mod

    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(cli_mod._Progress, "DELAY", 0.0)
    with cli_mod._Progress() as bar:
        bar.update(3, 10)
    shown = "".join(tty.parts)
    if ci is None:
        assert "reading 3/10" in shown and shown.endswith("\r")  # drawn, then cleared
    else:
        assert shown == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch, capsys):
    from claimcheck import cli as cli_mod

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli_mod._Progress, "DELAY", 0.0)
    with cli_mod._Progress() as bar:  # (capsys' stderr is not a terminal)
        bar.update(3, 10)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("no_color", [None, "1"])
def test_colour_only_on_a_terminal_without_no_color(tmp_path, monkeypatch, capsys, no_color):
    write_corpus(tmp_path, CONFLICT)
    tty = _Tty()
    monkeypatch.setattr(sys, "stdout", tty)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert main(["check", ".", "--no-progress"]) == 1
    out = "".join(tty.parts)
    assert "CC101" in out
    assert ("\x1b[31merror\x1b[0m" in out) == (no_color is None)
    assert ("\x1b" in out) == (no_color is None)
