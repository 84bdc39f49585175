"""The CI report formats (claimcheck.report: jsonl, sarif, github, junit, markdown,
codequality) and the JSON report's schema, on reports built from real input: the seeds
(loaded with their manifest) and small planted corpora from tests/synth.py.

- SARIF validates against the official 2.1.0 schema (tests/data, draft-04), counts its
  columns in UTF-16 code units, and caps its results with a notification.
- GitHub annotations escape as the runner reads them, cap at 10 a level with a closing
  notice, and append the Markdown summary to $GITHUB_STEP_SUMMARY.
- JUnit XML parses, with consistent counts, whatever control characters the text holds.
- Markdown escapes article text (a `|` and a `<script>` tag) in its table.
- Code Quality fingerprints are unique; severities map error/warning/info.
- docs/report-schema.json is what tools/json_schema.py writes, and the seeds' JSON report
  validates against it.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import synth

import claimcheck
from claimcheck.model import ClaimRef, Document, Finding, Report
from claimcheck.report import FORMATS, render
from claimcheck.report._common import by_severity, counts, line_col, utf16_len
from claimcheck.report.json import json_schema
from claimcheck.report.markdown import escape

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
O10 = synth.when(2023, 10)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    """Paths are made relative to the current directory: run from the repository root,
    with no step summary file from the environment."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@cache
def seeds() -> tuple[Report, dict]:
    docs, problems = claimcheck.load_report([str(ROOT / "seeds")])
    assert not problems and len(docs) == 5
    return claimcheck.check(docs), {d.id: d for d in docs}


def planted(*texts: str) -> tuple[Report, dict]:
    """A corpus of raw texts, published a few days apart, checked."""
    docs = synth.corpus(*(synth.raw(t, published=f"2023-11-{10 + i:02d}") for i, t in enumerate(texts)))
    return claimcheck.check(docs), {d.id: d for d in docs}


@cache
def conflict() -> tuple[Report, dict]:
    """The planted conflict: 238 and 150 released models in October 2023."""
    docs = synth.corpus(
        synth.doc("released", published="2023-10-20", when=O10, n=238),
        synth.doc("released", published="2023-10-25", when=O10, n=150),
    )
    return claimcheck.check(docs), {d.id: d for d in docs}


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(report, docs, **opts) -> dict:
    log = json.loads(render(report, "sarif", docs, **opts))
    sarif_validator().validate(log)
    return log


def test_planted_conflict_is_an_error():
    report, _ = conflict()
    assert [(f.code, f.severity) for f in report.findings] == [("CC101", "error")]


def test_every_format_renders_the_seeds():
    report, docs = seeds()
    for fmt in FORMATS:
        out = render(report, fmt, docs, step_summary_path="")
        assert out.endswith("\n") and not out.endswith("\n\n"), fmt
    with pytest.raises(ValueError, match="unknown report format"):
        render(report, "yaml")


# ---------------------------------------------------------------------------- helpers

def test_line_and_columns():
    text = "ab\n😀x超80个\r\nz"
    start = text.index("超")
    assert line_col(text, start) == (2, 3)
    assert line_col(text, start, utf16=True) == (2, 4)
    assert line_col(text, text.index("z")) == (3, 1)
    assert utf16_len("😀超") == 3
    assert counts([Finding(code="CC101", severity="error", message="m")]) == {"error": 1, "warning": 0, "info": 0}


# ---------------------------------------------------------------------------- sarif

def test_sarif_seeds_and_conflict_validate():
    for report, docs in (seeds(), conflict()):
        log = sarif(report, docs)
        run = log["runs"][0]
        driver = run["tool"]["driver"]
        assert driver["name"] == "claimcheck" and driver["version"] == claimcheck.__version__
        ids = [r["id"] for r in driver["rules"]]
        assert {"CC101", "CC201", "CC501"} <= set(ids)
        assert all(r["name"] == r["name"].lower() and " " not in r["name"] for r in driver["rules"])
        assert all(r["helpUri"].endswith(f"/docs/rules/{r['id']}.md") for r in driver["rules"])
        assert run["columnKind"] == "utf16CodeUnits"
        assert run["invocations"][0]["executionSuccessful"] is True
        assert len(run["results"]) == len(report.findings)
        for res, f in zip(run["results"], by_severity(report.findings)):
            assert ids[res["ruleIndex"]] == res["ruleId"]
            assert res["partialFingerprints"]["claimcheckFingerprint/v1"] == f.fingerprint
            assert len(res.get("relatedLocations", [])) == len(f.claims) - 1


def test_sarif_conflict_locations():
    report, docs = conflict()
    (res,) = sarif(report, docs)["runs"][0]["results"]
    assert (res["ruleId"], res["level"]) == ("CC101", "error")
    loc = res["locations"][0]["physicalLocation"]
    first = report.findings[0].claims[0]
    assert loc["artifactLocation"] == {"uri": first.doc, "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["charOffset"] == first.start and loc["region"]["startColumn"] == first.start + 1
    (rel,) = res["relatedLocations"]
    assert rel["id"] == 1 and "「150个」" in rel["message"]["text"]


def test_sarif_columns_are_utf16():
    text = "😀😀 截至2023年10月，国内已发布大模型238个。"
    report, docs = planted(text, "截至2023年10月，国内已发布大模型150个。")
    res = next(r for r in sarif(report, docs)["runs"][0]["results"] if r["ruleId"] == "CC101")
    region = next(loc["physicalLocation"]["region"] for loc in [*res["locations"], *res["relatedLocations"]]
                  if loc["physicalLocation"]["artifactLocation"]["uri"] == "d0")
    start = text.index("238个")
    assert region["startColumn"] == start + 2 + 1  # each emoji is two UTF-16 code units
    assert region["endColumn"] - region["startColumn"] == region["charLength"] == 4
    assert region["charOffset"] == start + 2


def test_sarif_unknown_document_has_no_region():
    report, _ = conflict()
    loc = sarif(report, None)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "d0", "uriBaseId": "%SRCROOT%"}}


def test_sarif_results_cap_and_errors():
    report, docs = conflict()
    doubled = report.model_copy(update={"findings": report.findings * 2})
    run = sarif(doubled, docs, max_results=1)["runs"][0]
    assert len(run["results"]) == 1
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is True
    assert [n["level"] for n in inv["toolExecutionNotifications"]] == ["note"]
    assert inv["toolExecutionNotifications"][0]["message"]["text"].startswith("1 of 2 results left out")
    broken = report.model_copy(update={"errors": ["CC201 on large_models.count: ZeroDivisionError"]})
    inv = sarif(broken, docs)["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "CC201 on large_models.count: ZeroDivisionError"}}]


# ---------------------------------------------------------------------------- github

def unescape(s: str, prop: bool) -> str:
    """The runner's reading of an escaped message or property value."""
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", **({"%3A": ":", "%2C": ","} if prop else {})}
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: codes.get(m[0], m[0]), s)


def parse_command(line: str) -> tuple[str, dict, str]:
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m[2].split(",")) if m[2] else {}
    return m[1], {k: unescape(v, True) for k, v in props.items()}, unescape(m[3], False)


def finding(severity: str, message: str, doc: str = "d0", code: str = "CC101") -> Finding:
    return Finding(code=code, severity=severity, message=message, metric="m",
                   claims=[ClaimRef(doc=doc, start=0, end=3, text="238")], fingerprint=message[:16])


def test_github_escaping_round_trips():
    message = "100% of 238: a,b\r\nnext line %0A"
    doc = Document(id="a,b:c.txt", text="238个, more", path="a,b:c.txt")
    report = Report(findings=[finding("warning", message, doc="a,b:c.txt")], documents=[doc.id])
    out = render(report, "github", {doc.id: doc})
    assert out.count("\n") == 1 and "\r" not in out
    line = out.rstrip("\n")
    level, props, text = parse_command(line)
    assert level == "warning" and text == message
    assert props == {"file": "a,b:c.txt", "line": "1", "col": "1", "endLine": "1", "endColumn": "4",
                     "title": "CC101 conflicting-values"}


def test_github_conflict_annotation():
    report, docs = conflict()
    (line,) = render(report, "github", docs).splitlines()
    level, props, text = parse_command(line)
    assert level == "error" and props["file"] == "d0" and props["title"].startswith("CC101 ")
    assert text.splitlines()[0] == report.findings[0].message


def test_github_caps_ten_a_level():
    findings = ([finding("info", f"i{n}") for n in range(12)] + [finding("error", f"e{n}") for n in range(13)]
                + [finding("warning", f"w{n}") for n in range(3)])
    lines = render(Report(findings=findings), "github").splitlines()
    levels = [parse_command(line)[0] for line in lines]
    assert levels == ["error"] * 10 + ["warning"] * 3 + ["notice"] * 10  # 9 + the closing notice
    _, props, text = parse_command(lines[-1])
    assert props == {"title": "claimcheck"}
    assert text == ("6 more findings not shown as annotations (3 errors, 0 warnings, 3 notices); "
                    "see the full report")
    assert [parse_command(line)[2] for line in lines[:2]] == ["e0", "e1"]


def test_github_step_summary(tmp_path, monkeypatch):
    report, docs = conflict()
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    out = render(report, "github", docs)
    written = target.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n### claimcheck: 2 documents")
    assert "| error | [CC101]" in written and "::error" in out
    render(report, "github", docs, step_summary_path="")  # "": no summary, whatever the environment
    assert target.read_text(encoding="utf-8") == written


# ---------------------------------------------------------------------------- junit

def junit(report, docs) -> ET.Element:
    root = ET.fromstring(render(report, "junit", docs).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    cases = [c for s in suites for c in s.findall("testcase")]
    for s in suites:
        s_cases = s.findall("testcase")
        assert int(s.get("tests")) == len(s_cases)
        assert int(s.get("failures")) == sum(bool(c.findall("failure")) for c in s_cases)
    assert int(root.get("tests")) == len(cases)
    assert int(root.get("failures")) == sum(bool(c.findall("failure")) for c in cases)
    return root


def test_junit_seeds_and_conflict():
    report, docs = seeds()
    root = junit(report, docs)
    assert [s.get("name") for s in root.findall("testsuite")] == report.documents
    info = report.findings[0]
    assert info.severity == "info" and root.find(".//failure") is None
    assert sum(f"CC501: {info.message}" in (e.text or "") for e in root.iter("system-out")) == 2
    report, docs = conflict()
    root = junit(report, docs)
    failures = root.findall(".//failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [("CC101", report.findings[0].message)] * 2
    assert root.get("failures") == "2" and root.get("tests") == "2"


def test_junit_control_characters():
    text = "截至2023年10月，国内已发布\x00大模型\x07238个\x1b。"
    report, docs = planted(text, "截至2023年10月，国内已发布大模型150个。")
    f = next(f for f in report.findings if f.code == "CC101")
    dirty = f.model_copy(update={"message": "NUL\x00 BEL\x07 VT\x0b ESC\x1b lone\ud800 FFFE\ufffe ok\ttab\nline"})
    root = junit(report.model_copy(update={"findings": [dirty]}), docs)
    assert {e.get("message") for e in root.iter("failure")} == {"NUL BEL VT ESC lone FFFE ok\ttab\nline"}
    broken = report.model_copy(update={"errors": ["rule CC201 failed:\x00 boom"]})
    root = junit(broken, docs)
    assert root.find(".//error").get("message") == "rule CC201 failed: boom"
    assert root.get("errors") == "1" and root.findall("testsuite")[-1].get("name") == "claimcheck"


# ---------------------------------------------------------------------------- markdown

def test_markdown_escapes_article_text():
    """Article text and names reach the table through the claims' quotes, the document
    ids and the message; none of them can open a cell or a tag."""
    docs = [synth.raw("截至2023年10月|<script>alert(1)</script>，国内已发布大模型238个。", published="2023-10-20",
                      id="a|<script>x</script>.txt"),
            synth.raw("截至2023年10月，国内已发布大模型150个。", published="2023-10-25", id="b_*[1]*.txt")]
    report = claimcheck.check(docs)
    assert [f.code for f in report.findings] == ["CC101"] and "a|<script>" in report.findings[0].message
    md = render(report, "markdown", {d.id: d for d in docs})
    assert md.startswith("### claimcheck: 2 documents, ")
    (row,) = [line for line in md.splitlines() if line.startswith("| error ")]
    assert "<script>" not in md and "a\\|&lt;script&gt;x&lt;/script&gt;.txt" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # the cell borders only: every | of the text escaped
    assert "b\\_\\*\\[1\\]\\*.txt" in row


def test_markdown_escape():
    assert escape("# a | b\r\nc `d` *e* _f_ [g](h) <i> & ~j~ \\") == (
        "\\# a \\| b c \\`d\\` \\*e\\* \\_f\\_ \\[g\\](h) &lt;i&gt; &amp; \\~j\\~ \\\\")
    assert escape("a\n# b") == "a # b" and escape(None) == ""


def test_markdown_max_rows_and_verified():
    report, docs = seeds()
    findings = [finding("warning", f"w{n}") for n in range(7)]
    md = render(report.model_copy(update={"findings": findings}), "markdown", docs, max_rows=5)
    assert sum(line.startswith("| warning ") for line in md.splitlines()) == 5
    assert "… and 2 more findings (see the full report)." in md
    assert f"**Verified** ({len(report.verified)}):" in md and "Coverage: " in md


# ---------------------------------------------------------------------------- codequality, jsonl

def test_codequality():
    findings = [finding("error", "same fingerprint"), finding("error", "same fingerprint"),
                finding("warning", "w"), finding("info", "i")]
    issues = json.loads(render(Report(findings=findings), "codequality"))
    assert len({i["fingerprint"] for i in issues}) == 4
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "info"]
    assert issues == json.loads(render(Report(findings=findings), "codequality"))  # deterministic
    report, docs = conflict()
    (issue,) = json.loads(render(report, "codequality", docs))
    assert issue["check_name"] == "CC101" and issue["location"] == {"path": "d0", "lines": {"begin": 1}}


def test_jsonl_lines_parse():
    report, docs = seeds()
    for rep, ds in ((report, docs), conflict()):
        lines = render(rep, "jsonl", ds).splitlines()
        assert len(lines) == len(rep.findings)
        for line, f in zip(lines, rep.findings):
            data = json.loads(line)
            assert data["fingerprint"] == f.fingerprint
            assert len(data["locations"]) == len(f.claims)
            for loc, ref in zip(data["locations"], f.claims):
                path = ds[ref.doc].path
                assert loc["path"] == (os.path.relpath(path).replace(os.sep, "/") if path else ref.doc)
                text = ds[ref.doc].text
                assert (loc["line"], loc["column"]) == line_col(text, ref.start)
    assert "locations" not in json.loads(render(report, "jsonl"))
    assert render(Report(), "jsonl") == ""


# ---------------------------------------------------------------------------- json schema

def test_json_schema_committed_and_valid():
    committed = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "docs/report-schema.json is stale: run python tools/json_schema.py"
    validator = jsonschema.Draft202012Validator(committed, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for report, _ in (seeds(), conflict()):
        validator.validate(json.loads(render(report, "json")))
    bad = json.loads(render(conflict()[0], "json"))
    bad["findings"][0]["claims"][0]["as_of"]["start"] = "2023-13-45"
    del bad["coverage"]
    errors = list(validator.iter_errors(bad))
    assert {e.validator for e in errors} | {c.validator for e in errors for c in e.context} >= {"format", "required"}


def test_paths_relative_to_cwd(tmp_path, monkeypatch):
    report, docs = seeds()
    line = render(report, "jsonl", docs).splitlines()[0]
    assert json.loads(line)["locations"][0]["path"].startswith("seeds/")
    monkeypatch.chdir(tmp_path)
    loc = sarif(report, docs)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": (ROOT / "seeds" / report.findings[0].claims[0].doc).as_uri()}
    assert os.getcwd() == str(tmp_path)
