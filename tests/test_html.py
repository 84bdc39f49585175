"""The HTML report (claimcheck/report/html.py) and its timeline charts (report/svg.py).

Pure Python: the page parses with every element closed, holds no URL, script or
external resource; article text (a `<script>` too) is escaped everywhere; the chart's
scale is logarithmic when the values span more than two decades; the seeds' model-count
chart draws 79, 超80, 238 (released) and 117 (registered) with the CC501 note, and the
compute chart is drawn; each chart has a text alternative; the palette passes WCAG AA.

In a browser (`-m browser`, skipped without /usr/bin/chromium): headless Chromium
renders the seeds' page without a console error and takes a screenshot
(benchmarks/results/html-seeds.png). The timings are in benchmarks/html_report.py.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import synth

import claimcheck
from claimcheck.cli import main
from claimcheck.model import Claim, Period, Report
from claimcheck.report import FORMATS, render, timeline_svg
from claimcheck.report import html as html_report
from claimcheck.report import svg
from claimcheck.report._charts import charts

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = ROOT / "benchmarks" / "results" / "html-seeds.png"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@cache
def seeds() -> tuple[Report, dict]:
    docs, problems = claimcheck.load_report([str(ROOT / "seeds")])
    assert not problems and len(docs) == 5
    return claimcheck.check(docs), {d.id: d for d in docs}


@cache
def seeds_html() -> str:
    report, docs = seeds()
    return render(report, "html", docs)


class Page(HTMLParser):
    """Every element with its attributes and text, and a check that each non-void
    element is closed, in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list = []  # (tag, attrs dict, path of open tags)
        self.stack: list = []
        self.errors: list = []
        self.text: list = []  # (innermost open tag, data)
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"not closed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append((self.stack[-1] if self.stack else None, data))

    def tags(self, name: str) -> list:
        return [e for e in self.elements if e[0] == name]


def svgs(page: str) -> list:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.S)


def chart_of(page: str, family: str) -> str:
    """The first chart whose <title> names `family`."""
    found = [s for s in svgs(page) if re.search(rf"<title[^>]*>Timeline of {re.escape(family)}\b", s)]
    assert found, f"no chart of {family}"
    return found[0]


def svg_texts(s: str) -> list:
    """The visible <text> strings of an SVG (entities decoded)."""
    import html

    return [html.unescape(t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", s, flags=re.S)]


def desc(s: str) -> str:
    import html

    return html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", s, flags=re.S).group(1))


# ---------------------------------------------------------------------------- one file

def test_html_is_a_format_and_ends_in_one_newline():
    assert "html" in FORMATS
    out = seeds_html()
    assert out.startswith("<!DOCTYPE html>\n") and out.endswith("</html>\n") and not out.endswith("\n\n")


def test_page_parses_with_every_element_closed():
    page = Page(seeds_html())
    assert page.errors == []
    assert [e[0] for e in page.elements[:2]] == ["html", "head"]
    metas = {(a.get("name"), a.get("content")) for _, a, _ in page.tags("meta")}
    assert ("viewport", "width=device-width, initial-scale=1") in metas
    assert any(a.get("charset") == "utf-8" for _, a, _ in page.tags("meta"))


def test_self_contained_no_url_no_script_no_external_resource():
    out = seeds_html()
    assert "http://" not in out and "https://" not in out
    assert not re.search(r"<script|javascript:|@import|url\(|<link|<iframe|<img|<object|<embed", out, re.I)
    page = Page(out)
    assert page.tags("script") == [] and page.tags("link") == []
    for tag, attrs, _ in page.elements:
        assert "src" not in attrs and not any(k.startswith("on") for k in attrs), tag
        assert attrs.get("href", "#").startswith("#"), (tag, attrs)  # only links within the page
        assert "xmlns" not in attrs  # (HTML needs no namespace URI)
    ids = [a["id"] for _, a, _ in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for _, a, _ in page.tags("a")}
    assert targets <= set(ids)


def test_cjk_font_stack_and_responsive_css():
    out = seeds_html()
    style = re.search(r"<style>(.*?)</style>", out, re.S).group(1)
    for font in ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"):
        assert font in style
    assert "@media" in style and "overflow-x: auto" in style


# ---------------------------------------------------------------------------- escaping

EVIL = "<script>alert(1)</script>"


def evil_report():
    docs = synth.corpus(
        synth.raw(f"截至2023年5月底，国内已发布大模型79个。{EVIL}截至2023年10月，国内已发布大模型238个。"
                  "\"'&<b>", published="2023-11-01"),
        synth.raw("截至2023年10月，国内已发布大模型150个。", published="2023-11-05"),
    )
    docs[0] = docs[0].model_copy(update={"id": 'a"<b>&\'.txt', "title": f"标题{EVIL}\" onmouseover=\"x"})
    return claimcheck.check(docs), {d.id: d for d in docs}


def test_article_text_is_escaped_everywhere():
    report, docs = evil_report()
    assert report.findings  # (238 and 150 in October: a conflict, quoted with the script's sentence)
    out = render(report, "html", docs)
    assert "<script" not in out.lower() and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    page = Page(out)
    assert page.errors == [] and page.tags("script") == [] and page.tags("b") == []
    for tag, attrs, _ in page.elements:
        assert not any(k.startswith("on") for k in attrs)
        for v in attrs.values():
            assert "alert" not in (v or "") and "<" not in (v or ""), (tag, attrs)
    shown = "".join(t for _, t in page.text)
    assert EVIL in shown  # the script shows as text, in the sentence and the document view
    assert 'a"<b>&\'.txt' in shown
    # nothing from the article in the style or in an SVG attribute
    style = re.search(r"<style>(.*?)</style>", out, re.S).group(1)
    assert "alert" not in style and "a.txt" not in style
    for s in svgs(out):
        for attrs in re.findall(r"<[a-z]+\b([^>]*)>", s):
            assert "alert" not in attrs and "标题" not in attrs


def test_standalone_svg_escapes_and_parses_as_xml():
    report, docs = evil_report()
    s = timeline_svg(report, "large_models.count", documents=docs)
    assert s.startswith('<svg xmlns="http://www.w3.org/2000/svg"')  # standalone: a namespace for viewers
    root = ET.fromstring(s)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "<script" not in s and 'a"<b>' not in s
    assert 'a&quot;&lt;b&gt;&amp;&#x27;.txt' in s
    assert svg.esc("x\x00\x1b[31m\ud800<") == "x[31m&lt;"


# ---------------------------------------------------------------------------- scales and charts

def _claim(text: str, low, high, start: str, end: str, doc: str, metric="compute.total.flops", unit="FLOP/s",
           modality="fact", **scope) -> Claim:
    return Claim(text=text, start=0, end=len(text), value_text=text, low=low, high=high, unit=unit, metric=metric,
                 as_of=Period(start=_dt.date.fromisoformat(start), end=_dt.date.fromisoformat(end), text=start),
                 as_of_rule="own", modality=modality, doc_id=doc, scope={"region": "CN", **scope})


def test_log_scale_beyond_two_decades():
    wide = Report(claims=[_claim("500P", 5e17, 5e17, "2021-01-01", "2021-12-31", "a"),
                          _claim("超150EFLOPS", 1.5e20, None, "2022-01-01", "2022-12-31", "b")])
    models = ("large_models.released.count", "model")
    narrow = Report(claims=[_claim("79个", 79, 79, "2023-05-21", "2023-05-31", "a", *models),
                            _claim("238个", 238, 238, "2023-10-01", "2023-10-31", "b", *models)])
    edge = Report(claims=[_claim("1", 1e18, 1e18, "2021-01-01", "2021-12-31", "a"),
                          _claim("100", 1e20, 1e20, "2022-01-01", "2022-12-31", "b")])
    assert 'data-scale="log"' in timeline_svg(wide, "compute.total.flops")
    assert 'data-scale="linear"' in timeline_svg(narrow, "large_models.released.count")
    assert 'data-scale="linear"' in timeline_svg(edge, "compute.total.flops")  # exactly two decades
    assert "FLOP/s (log scale)" in svg_texts(timeline_svg(wide, "compute.total.flops"))


def test_marks_open_ends_bands_and_targets():
    r = Report(claims=[
        _claim("超80个", 80, None, "2023-07-01", "2023-07-10", "a", "large_models.released.count", "model"),
        _claim("近100个", 90, 100, "2023-09-01", "2023-09-30", "b", "large_models.released.count", "model"),
        _claim("200个", 200, 200, "2025-01-01", "2025-12-31", "c", "large_models.released.count", "model",
               modality="target"),
    ])
    s = timeline_svg(r, "large_models.released.count")
    texts = svg_texts(s)
    assert {"超80个", "近100个", "200个"} <= set(texts)
    assert "arrow: an open end (超, over, under)" in texts and "band: a range" in texts
    assert "dashed: a target or forecast" in texts
    assert 'fill-opacity="0.16"' in s and "stroke-dasharray" in s and "<polygon" in s
    assert timeline_svg(Report(claims=r.claims[:1]), "large_models.released.count") == ""  # one point: no chart


def test_odd_reports_render():
    """No claims; infinite and huge values; dates at both ends of the calendar; a finding
    citing claims whose document is unknown or whose offsets do not fit."""
    from claimcheck.model import ClaimRef, Finding

    empty = render(Report(), "html")
    assert Page(empty).errors == [] and "<svg" not in empty and "0 documents" in empty
    claims = [_claim("a", 1, 1, "0001-01-01", "0001-01-01", "x", "large_models.released.count", "model"),
              _claim("b", float("inf"), None, "9999-12-31", "9999-12-31", "y", "large_models.released.count", "model"),
              _claim("c", None, -5, "2000-01-01", "2000-01-01", "z", "large_models.released.count", "model"),
              _claim("d", 1e300, 1e300, "2000-01-01", "2000-12-31", "z", "large_models.released.count", "model")]
    refs = [ClaimRef(doc=None, start=0, end=1, text="a"), ClaimRef(doc="nowhere", start=5, end=3, text="zz")]
    r = Report(claims=claims, findings=[Finding(code="CC101", severity="error", message="m",
                                                metric="large_models.released.count", claims=refs)])
    out = render(r, "html")
    assert Page(out).errors == [] and out.count("<svg") == 1
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|cx|cy|width|height|points|viewBox)="[^"]*(nan|inf)', out)  # (coordinates)
    ET.fromstring(timeline_svg(r, "large_models.released.count"))


def test_seeds_model_count_chart_draws_both_definitions_with_the_note():
    report, docs = seeds()
    (chart, *_) = charts(report.claims, report.findings)["large_models.count"]
    assert [p.claim.text for p in chart.points] == ["79个", "超80个", "已达238个", "117 个"]
    assert [p.claim.metric.split(".")[1] for p in chart.points] == ["released"] * 3 + ["registered"]
    s = chart_of(seeds_html(), "large_models.count")
    d = desc(s)
    assert d.startswith("4 claims in time order")
    for text, interval in (("79个", "79 model"), ("超80个", "(80, ∞) model"), ("已达238个", "238 model"),
                           ("117 个", "117 model")):
        assert f"{text} ({interval})" in d
    texts = svg_texts(s)
    assert {"79个", "超80个", "已达238个", "117 个"} <= set(texts)  # each labelled on the chart
    assert {"released, ≥1B params", "released", "registered"} <= set(texts)  # definitions in the legend
    note = " ".join(t for t in texts if t.startswith("CC501") or "definitions" in t)
    assert "CC501" in note and "(released)" in note and "(registered)" in note and "different definitions" in note
    assert "CC501" in texts  # the line between 238 and 117 is labelled
    assert len(set(re.findall(r'<circle [^>]*|<rect x[^>]*|<polygon [^>]*', s))) > 4


def test_seeds_compute_chart():
    s = chart_of(seeds_html(), "compute.flops")
    assert 'data-scale="log"' in s
    d = desc(s)
    assert "超150EFLOPS" in d and "500P" in d and "(publication date)" in d


def test_report_timeline_svg_method_and_export():
    report, docs = seeds()
    a = report.timeline_svg("large_models.count", documents=docs)
    assert a == timeline_svg(report, "large_models.count", documents=docs)
    assert "已达238个" in a and "117 个" in a
    only = report.timeline_svg("large_models.released.count")  # a key: that key's claims only
    assert "已达238个" in only and "117 个" not in only
    assert report.timeline_svg("no.such.metric") == ""
    import claimcheck.report as rep

    assert "timeline_svg" in rep.__all__


# ---------------------------------------------------------------------------- accessibility

def test_each_chart_has_a_text_alternative():
    out = seeds_html()
    page = Page(out)
    ids = {a["id"]: tag for tag, a, _ in page.elements if "id" in a}
    charts_ = [a for tag, a, _ in page.tags("svg")]
    assert len(charts_) >= 2
    for a in charts_:
        assert a.get("role") == "img"
        title_id, desc_id = a["aria-labelledby"].split()
        assert ids[title_id] == "title" and ids[desc_id] == "desc"
    for s in svgs(out):
        assert desc(s).count(";") >= 1


def _luminance(colour: str) -> float:
    c = colour.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    rgb = [int(c[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_palette_passes_wcag_aa():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0 and contrast("#777777", "#ffffff") < 4.5
    text_colours = [*svg.PALETTE, svg.OTHER, svg.INK, svg.MUTED, html_report.LINK, *svg.SEVERITY_COLOURS.values()]
    for c in text_colours:  # (labels and legend entries are text: 4.5:1; quotes sit on #f5f5f5)
        assert contrast(c, svg.BACKGROUND) >= 4.5, c
        assert contrast(c, "#f5f5f5") >= 4.5, c
    for c in svg.SEVERITY_COLOURS.values():  # the badges: white text on the colour
        assert contrast("#ffffff", c) >= 4.5, c
    assert contrast(svg.INK, html_report.MARK) >= 4.5
    assert contrast(svg.SERIES_LINE, svg.BACKGROUND) >= 3.0  # a graphic (WCAG 1.4.11)
    assert len(set(svg.PALETTE)) == len(svg.PALETTE)


def test_findings_read_without_the_charts():
    out = re.sub(r"<svg\b.*?</svg>", "", seeds_html(), flags=re.S)
    report, _ = seeds()
    (f,) = report.findings
    page = Page(out)
    marks = [t for tag, t in page.text if tag == "mark"]
    for ref in f.claims:
        assert ref.text in marks
    shown = "".join(t for _, t in page.text)
    assert "CC501" in shown and "有数据显示,截至10月份国内大模型发布已达238个" in shown
    assert "51 + 24 + 19 + 9 = 103" in shown  # a verified check
    assert "Coverage: 129 numbers found" in shown


def test_cli_writes_the_page(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["check", "seeds/", "--format", "html", "--output", str(out), "--no-progress"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "已达238个" in text
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------------------- in a browser

def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _png_colours(data: bytes) -> int:
    """How many distinct colours the PNG has (PIL when installed, else the distinct
    byte values of its decompressed image data: 1 or 2 for a blank page)."""
    try:
        from PIL import Image
    except ImportError:
        chunks, at = [], 8
        while at < len(data):
            n, kind = struct.unpack(">I4s", data[at:at + 8])
            if kind == b"IDAT":
                chunks.append(data[at + 8:at + 8 + n])
            at += 12 + n
        return len(set(zlib.decompress(b"".join(chunks))))
    import io

    with Image.open(io.BytesIO(data)) as im:
        return len(im.convert("RGB").getcolors(maxcolors=1 << 24) or [])


@pytest.mark.browser
def test_seeds_page_in_headless_chromium(tmp_path):
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    page = tmp_path / "seeds.html"
    page.write_text(seeds_html(), encoding="utf-8")
    shot = tmp_path / "seeds.png"
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
             "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shot_run = subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()],
                              capture_output=True, text=True, timeout=180)
    assert shot_run.returncode == 0, shot_run.stderr[-2000:]
    for log in (dom.stderr, shot_run.stderr):  # no console message, no failed load
        bad = [line for line in log.splitlines()
               if "Uncaught" in line or ":CONSOLE(" in line or "net::ERR" in line or "Refused to" in line]
        assert bad == []
    # the DOM the browser built: every chart, the text alternatives, the quotes
    assert dom.stdout.count("<svg") == seeds_html().count("<svg") >= 2
    assert "Timeline of large_models.count" in dom.stdout and "Timeline of compute.flops" in dom.stdout
    assert "<mark>已达238个</mark>" in dom.stdout and "<script" not in dom.stdout
    data = shot.read_bytes()
    assert _png_size(data) == (1280, 2400)
    assert len(data) > 50_000 and _png_colours(data) > 16  # a rendered page, not a blank one
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
