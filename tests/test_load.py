"""claimcheck.load: files -> Documents. Tables of formats, encodings, front matter,
manifests and bad inputs (each bad input: one InputError naming the file, and the other
documents still loaded), the fixture corpus in tests/data/load/, and the seeds."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck.load as L
from claimcheck.errors import InputError
from claimcheck.model import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "data" / "load" / "corpus"
ZH = "截至2023年7月初,我国大模型已超80个。"
ZH_TRAD = "截至2023年7月初,我國大模型已超過80個。"


def write(folder: Path, name: str, content) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8", newline="")
    return p


def one(folder: Path, name: str, content) -> Document:
    """The single Document of one file, given directly."""
    p = write(folder, name, content)
    docs, problems = L.load_report([p])
    assert problems == []
    assert len(docs) == 1
    return docs[0]


# ---------------------------------------------------------------------------- formats

class Fmt(NamedTuple):
    name: str
    content: str
    text: str
    published: Optional[str] = None
    title: Optional[str] = None


FORMATS = [
    Fmt("a.txt", ZH + "\n", ZH + "\n"),
    Fmt("a.text", ZH, ZH),
    Fmt("a.md", ZH, ZH),
    Fmt("a.markdown", "---\ndate: 2023-08-15\n---\n" + ZH, ZH, "2023-08-15"),
    Fmt("a.md", "---\ntitle: 大模型\ndate: 2023-08-15\n---\n\n" + ZH + "\n", "\n" + ZH + "\n", "2023-08-15", "大模型"),
    Fmt("a.txt", "---\ndate: 2023-08-15\n---\n" + ZH, "---\ndate: 2023-08-15\n---\n" + ZH),  # .txt: no front matter
    Fmt("a.html", f"<html><head><title> T </title></head><body><p>{ZH}</p></body></html>", ZH, None, "T"),
    Fmt("a.htm", f"<p>{ZH}</p>", ZH),
    Fmt("a.json", json.dumps({"text": ZH, "date": "2023-08-15", "title": "J"}), ZH, "2023-08-15", "J"),
    Fmt("a.jsonl", json.dumps({"text": ZH, "published": "2023/08/15"}) + "\n", ZH, "2023-08-15"),
]


@pytest.mark.parametrize("case", FORMATS, ids=[f"{c.name}-{i}" for i, c in enumerate(FORMATS)])
def test_formats(tmp_path, case):
    doc = one(tmp_path, case.name, case.content)
    assert doc.text == case.text
    assert doc.published == (dt.date.fromisoformat(case.published) if case.published else None)
    assert doc.title == case.title
    assert doc.path == str(tmp_path / case.name)


# ---------------------------------------------------------------------------- encodings

ENCODINGS = [
    ("utf-8", ZH.encode("utf-8"), ZH),
    ("utf-8-bom", ZH.encode("utf-8-sig"), ZH),
    ("utf-16-bom", ZH.encode("utf-16"), ZH),  # the platform's order, with its BOM
    ("utf-16-le-bom", b"\xff\xfe" + ZH.encode("utf-16-le"), ZH),
    ("utf-16-be-bom", b"\xfe\xff" + ZH.encode("utf-16-be"), ZH),
    ("utf-32-bom", ZH.encode("utf-32"), ZH),
    ("gbk", ZH.encode("gbk"), ZH),
    ("gb2312", ZH.encode("gb2312"), ZH),
    ("gb18030", (ZH + "𠀀").encode("gb18030"), ZH + "𠀀"),  # a four-byte character
    ("gbk-short", "大模型".encode("gbk"), "大模型"),  # also decodes as Big5 (湮耀倰)
    ("gbk-traditional", "臺灣的半導體產業".encode("gbk"), "臺灣的半導體產業"),
    ("big5", ZH_TRAD.encode("big5"), ZH_TRAD),  # also decodes as GB18030
    ("big5-short", "大模型".encode("big5"), "大模型"),
    ("cp950", ("€" + ZH_TRAD).encode("cp950"), "€" + ZH_TRAD),
    ("big5hkscs", "香港嘅大模型".encode("big5hkscs"), "香港嘅大模型"),
]


@pytest.mark.parametrize("encoding,data,text", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings(tmp_path, encoding, data, text):
    assert one(tmp_path, "a.txt", data).text == text
    assert L.read_text(tmp_path / "a.txt") == text


def test_html_declared_charset_decides(tmp_path):
    # These bytes decode as both GB18030 and Big5; the page says which.
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><p>{"大模型"}</p>'
    assert one(tmp_path, "a.html", page.encode("big5")).text == "大模型"
    page = '<html><head><meta charset="gb2312"></head><p>大模型</p>'
    assert one(tmp_path, "b.html", page.encode("gbk")).text == "大模型"


def test_html_wrong_declared_charset_is_ignored(tmp_path):
    page = '<meta charset="big5"><p>我国算力总规模超150EFLOPS。</p>'
    assert one(tmp_path, "a.html", page.encode("gbk")).text == "我国算力总规模超150EFLOPS。"


# ---------------------------------------------------------------------------- front matter

FRONT_MATTER = [
    ("date: 2023-08-15", {"published": dt.date(2023, 8, 15)}),
    ("date: 2023/08/15", {"published": dt.date(2023, 8, 15)}),
    ("date: 2023/8/5", {"published": dt.date(2023, 8, 5)}),
    ("date: 2023年8月15日", {"published": dt.date(2023, 8, 15)}),
    ("date: ２０２３年８月１５日", {"published": dt.date(2023, 8, 15)}),
    ("date: 2023-08-15T09:30:00+08:00", {"published": dt.date(2023, 8, 15)}),
    ("date: '2023-08-15'", {"published": dt.date(2023, 8, 15)}),
    ("published: 2023-08-15", {"published": dt.date(2023, 8, 15)}),
    ("date: 2023-08-15\npublished: 2001-01-01", {"published": dt.date(2023, 8, 15)}),
    ("date: 0001-01-01", {"published": dt.date(1, 1, 1)}),
    ("date: 9999-12-31", {"published": dt.date(9999, 12, 31)}),
    ("date:", {"published": None}),
    ("title: 大模型: 79个", {"title": "大模型: 79个"}),
    ('title: "say \\"hi\\" # not a comment"', {"title": 'say "hi" # not a comment'}),
    ("title: 'it''s'  # a comment", {"title": "it's"}),
    ("title: plain # a comment", {"title": "plain"}),
    ("title: 123", {"title": "123"}),
    ("source: 南方日报\nurl: https://example.org/a?b=1#c", {"source": "南方日报", "url": "https://example.org/a?b=1#c"}),
    ("id: custom/id", {"id": "custom/id"}),
    ("TITLE: upper", {"title": "upper"}),
    ("# a comment\n\nlayout: post\ntags:\n  - ai\n  - 模型\nsummary: >\n  long\n  text\ntitle: T", {"title": "T"}),
]


@pytest.mark.parametrize("lines,expected", FRONT_MATTER, ids=[f[0].split("\n")[0][:30] for f in FRONT_MATTER])
def test_front_matter(tmp_path, lines, expected):
    doc = one(tmp_path, "a.md", f"---\n{lines}\n---\n{ZH}")
    assert doc.text == ZH
    for k, v in expected.items():
        assert getattr(doc, k) == v


def test_front_matter_crlf_and_dots(tmp_path):
    doc = one(tmp_path, "a.md", f"---\r\ndate: 2023-08-15\r\ntitle: T\r\n...\r\n{ZH}\r\n")
    assert (doc.published, doc.title, doc.text) == (dt.date(2023, 8, 15), "T", ZH + "\r\n")


def test_front_matter_with_bom(tmp_path):
    doc = one(tmp_path, "a.md", f"---\ndate: 2023-08-15\n---\n{ZH}".encode("utf-8-sig"))
    assert doc.published == dt.date(2023, 8, 15)


# ---------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>大模型 | 新闻网</title>
<meta property="article:published_time" content="2023-08-15T09:30:00+08:00">
<script>var x = "超100个";</script><style>p { margin: 0 }</style></head>
<body><header><nav><a href="/">首页</a> 共1000篇</nav></header>
<div role="navigation">导航 3</div><div hidden>隐藏 4</div>
<article><header><h1>我国大模型已超80个</h1><time datetime="2023-08-14">8月14日</time></header>
<p>截至2023年7月初,我国10亿级参数规模以上大模型已<b>超80个</b>。</p>
<p>算力总规模达&nbsp;197 EFLOPS<br>第二行
<p>没有结束标签的段落
<table><tr><td>北京</td><td>38个</td></tr></table>
<pre>a  b
c</pre>
<footer>责任编辑 12</footer></article>
<aside>相关阅读 70部</aside><form><label>评论 6~500字</label></form>
<footer>© 2023 版权所有</footer><noscript>开启JS 1</noscript></body></html>
"""
PAGE_TEXT = ("我国大模型已超80个\n8月14日\n截至2023年7月初,我国10亿级参数规模以上大模型已超80个。\n"
             "算力总规模达 197 EFLOPS\n第二行\n没有结束标签的段落\n北京\t38个\na b\nc")

HTML = [
    ("article", PAGE, PAGE_TEXT, "大模型 | 新闻网", "2023-08-15"),
    ("longest-article",
     "<article><p>短 1</p></article><article><p>长文章 超80个</p><p>又一段</p></article>",
     "长文章 超80个\n又一段", None, None),
    ("main-when-no-article", "<body><div>菜单 5</div><main><p>正文 79个</p></main></body>", "正文 79个", None, None),
    ("body-when-neither", "<body><nav>导航</nav><div>正文 79个</div><div>第二段</div></body>", "正文 79个\n第二段", None, None),
    ("time-datetime", '<body><p>正文</p><time datetime="2023/08/14 10:00">昨天</time></body>', "正文\n昨天", None, "2023-08-14"),
    ("time-not-a-date-skipped", '<time datetime="PT2H">2小时</time><time datetime="2023-08-14">x</time>',
     "2小时x", None, "2023-08-14"),
    ("pubdate-meta", '<meta name="PubDate" content="2023-08-14 10:20"><p>正文</p>', "正文", None, "2023-08-14"),
    ("og-title", '<meta property="og:title" content="OG 标题"><p>正文</p>', "正文", "OG 标题", None),
    ("svg-title-not-page-title", '<svg><title>icon</title></svg><p>正文</p>', "正文", None, None),
    ("entities", "<p>5&lt;6 &amp; 7&gt;3 &#x4e07;&#20159;</p>", "5<6 & 7>3 万亿", None, None),
    ("broken-markup", "<div><p>一<span>二</div></p></b><p>三<", "一二\n三<", None, None),
    ("head-never-closed", "<html><head><title>T</title><p>正文 79个</p></html>", "正文 79个", "T", None),
    ("time-in-the-article-first",
     ('<time datetime="2020-01-01">页头</time><article><p>正文</p>'
      '<time datetime="2023-08-14">8月14日</time></article>'), "正文\n8月14日", None, "2023-08-14"),
    ("xhtml-self-closing", "<p>一<br/>二</p><div/><p>三</p>", "一\n二\n三", None, None),
]


@pytest.mark.parametrize("name,page,text,title,date", HTML, ids=[h[0] for h in HTML])
def test_html(tmp_path, name, page, text, title, date):
    doc = one(tmp_path, "a.html", page)
    assert doc.text == text
    assert doc.title == title
    assert doc.published == (dt.date.fromisoformat(date) if date else None)


# ---------------------------------------------------------------------------- JSON

def test_json_list_and_jsonl_ids(tmp_path):
    write(tmp_path, "c/a.json", json.dumps([{"text": "一"}, {"text": "二", "id": 7}, {"text": "三"}]))
    write(tmp_path, "c/b.jsonl", '{"text": "四"}\n\n{"text": "五", "id": "x-5"}\n{"text": "六"}\n')
    docs = L.load([tmp_path / "c"])
    assert [(d.id, d.text) for d in docs] == [
        ("a.json#1", "一"), ("7", "二"), ("a.json#3", "三"), ("b.jsonl#1", "四"), ("x-5", "五"), ("b.jsonl#4", "六"),
    ]
    assert {d.path for d in docs} == {str(tmp_path / "c" / "a.json"), str(tmp_path / "c" / "b.jsonl")}


def test_json_single_record_id_is_the_file(tmp_path):
    write(tmp_path, "c/a.json", json.dumps({"text": "一", "source": "新华社", "url": "https://x.cn/1"}))
    (doc,) = L.load([tmp_path / "c"])
    assert (doc.id, doc.source, doc.url) == ("a.json", "新华社", "https://x.cn/1")


# ---------------------------------------------------------------------------- ids and order

def test_ids_relative_with_forward_slashes_and_sorted(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "A.txt", "a.txt", ".hidden.txt", ".git/x.txt", "README.md",
                 "readme.txt", "image.png", "notes.rst", "a/manifest.csv", "a/claimcheck.toml"]:
        write(tmp_path, "corpus/" + name, "一" if not name.endswith((".csv", ".toml")) else "")
    docs = L.load([tmp_path / "corpus"])
    assert [d.id for d in docs] == ["A.txt", "a/b/c.txt", "a/z.md", "a.txt", "b.txt"]
    assert [d.path for d in docs] == [os.path.join(str(tmp_path / "corpus"), *d.id.split("/")) for d in docs]
    assert L.load([str(tmp_path / "corpus") + "/"]) == docs  # a trailing slash changes nothing


def test_file_given_directly_keeps_its_path_as_given(tmp_path, monkeypatch):
    write(tmp_path, "sub/a.txt", "一")
    monkeypatch.chdir(tmp_path)
    assert [d.id for d in L.load(["sub/a.txt"])] == ["sub/a.txt"]
    assert [d.id for d in L.load([Path("sub") / "a.txt"])] == ["sub/a.txt"]
    assert [d.id for d in L.load("sub")] == ["a.txt"]  # one path, not a list


def test_arguments_keep_their_order_and_a_file_named_twice_loads_once(tmp_path):
    write(tmp_path, "d/a.txt", "一")
    write(tmp_path, "d/b.txt", "二")
    b = tmp_path / "d" / "b.txt"
    docs = L.load([b, tmp_path / "d", b])
    assert [d.id for d in docs] == [str(b), "a.txt"]


def test_deterministic(tmp_path):
    names = [f"{i % 7}/{(i * 37) % 101:03d}.txt" for i in range(40)]
    for n in names:
        write(tmp_path, "c/" + n, n)
    first = L.load([tmp_path / "c"])
    assert first == L.load([tmp_path / "c"])
    assert [d.id for d in first] == sorted(set(names))


# ---------------------------------------------------------------------------- manifests

def test_manifest_toml_and_csv(tmp_path):
    write(tmp_path, "c/a.txt", "一")
    write(tmp_path, "c/b.md", "---\ntitle: from front matter\n---\n二")
    write(tmp_path, "c/s/c.txt", "三")
    write(tmp_path, "c/s/d.txt", "四")
    write(tmp_path, "c/claimcheck.toml", """
[tool.claimcheck]
other = "settings are not the manifest"
[documents."a.txt"]
date = 2023-08-15
title = "A"
[documents."b.md"]
date = "2023年8月16日"
title = "manifest title"
[documents."s/c.txt"]
title = "from the parent"
source = "parent"
""")
    write(tmp_path, "c/s/manifest.csv", "\ufefffile,date,title,url\nc.txt,2023/08/17,,https://x/c\n\nd.txt,,D,\n")
    docs = {d.id: d for d in L.load([tmp_path / "c"])}
    assert (docs["a.txt"].published, docs["a.txt"].title) == (dt.date(2023, 8, 15), "A")
    assert (docs["b.md"].published, docs["b.md"].title) == (dt.date(2023, 8, 16), "from front matter")
    c = docs["s/c.txt"]
    assert (c.published, c.title, c.source, c.url) == (dt.date(2023, 8, 17), "from the parent", "parent", "https://x/c")
    assert (docs["s/d.txt"].published, docs["s/d.txt"].title) == (None, "D")


def test_manifest_applies_to_a_file_given_directly(tmp_path):
    write(tmp_path, "a.txt", "一")
    write(tmp_path, "manifest.csv", "file,date\na.txt,2023-08-15\n")
    assert L.load([tmp_path / "a.txt"])[0].published == dt.date(2023, 8, 15)


def test_manifest_gives_defaults_to_records(tmp_path):
    write(tmp_path, "c/r.jsonl", '{"text": "一"}\n{"text": "二", "date": "2023-01-02", "source": "own"}\n')
    write(tmp_path, "c/claimcheck.toml", '[documents."r.jsonl"]\ndate = 2023-08-15\nsource = "manifest"\n')
    docs = L.load([tmp_path / "c"])
    assert [(d.published, d.source) for d in docs] == [
        (dt.date(2023, 8, 15), "manifest"), (dt.date(2023, 1, 2), "own")]


SEED_DATES = {  # seeds/README.md
    "000_66da3807e53fe46a.txt": "2024-05-15",
    "001_17823c728e522540.txt": "2023-08-15",
    "002_92933386036dc394.txt": "2023-12-10",
    "003_ba0d8827cd60ccb9.txt": "2023-05-28",
    "004_0fed65722026f005.txt": "2023-08-25",
}


def test_seeds_load_with_the_readme_dates():
    docs = L.load([ROOT / "seeds"])
    assert {d.id: d.published.isoformat() for d in docs} == SEED_DATES
    assert list(SEED_DATES) == [d.id for d in docs]
    for d in docs:
        assert d.title
        assert d.text == (ROOT / "seeds" / d.id).read_text(encoding="utf-8")  # offsets refer to the file
    assert docs[0].title == "全球前沿科技亮「剑锋」,杭州何以抢滩大模型之争"


def test_fixture_corpus():
    docs = L.load([CORPUS])
    got = [(d.id, d.published and d.published.isoformat(), d.title, d.source, d.text.splitlines()[0]) for d in docs]
    assert got == [
        ("a.txt", "2023-07-10", "超80个", None, "截至2023年7月初,我国10亿级参数规模以上大模型已超80个。"),
        ("b.md", "2023-08-15", "大模型地图", "中国科学技术信息研究所", "我国已发布79个大模型。"),
        ("web/page.html", "2023-08-01", "算力 | 新闻", None, "算力规模"),
        ("web/records.jsonl#1", "2023-08-25", "机架", None, "全国数据中心机架超过650万标准机架。"),
        ("r-2", "2023-08-19", None, None, "算力总规模达197EFLOPS。"),
        ("zh/big5.txt", "2023-06-02", None, "經濟日報", "臺灣的半導體產業產值超過新台幣4兆元。"),
        ("zh/gbk.txt", "2023-06-01", "GBK", None, "我国大模型数量已超过100个。"),
        ("zh/utf16.txt", None, None, None, "大模型已超80个。"),
    ]
    assert docs[1].url == "https://example.org/b"


# ---------------------------------------------------------------------------- bad input

class Bad(NamedTuple):
    id: str
    files: dict  # name -> content (str: UTF-8; bytes as is); "ok.txt" is always added
    where: str  # the file the problem names, relative to the folder
    problem: str  # a part of the message
    line: Optional[int] = None
    good: tuple = ("ok.txt",)  # the documents still loaded


BAD = [
    Bad("undecodable", {"x.txt": b"abc \xff\xfe\xfd"}, "x.txt", "not valid UTF-8 or GB18030 (byte 0xff at 4)"),
    Bad("empty", {"x.txt": b""}, "x.txt", "empty file"),
    Bad("whitespace-only", {"x.md": " \n\t\n"}, "x.md", "no text (only whitespace)"),
    Bad("nul-bytes", {"x.txt": b"\x00\x01\x02" * 100}, "x.txt", "binary file (contains NUL bytes), not text"),
    Bad("utf-16-no-bom", {"x.txt": ZH.encode("utf-16-le")}, "x.txt", "binary file"),
    Bad("pdf", {"x.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"}, "x.txt", "binary file (a PDF document), not text"),
    Bad("zip", {"x.md": b"PK\x03\x04\x14\x00"}, "x.md", "binary file (a ZIP archive"),
    Bad("control-chars", {"x.txt": b"\x01\x02\x03\x04\x05\x06" * 10}, "x.txt", "control characters"),
    Bad("bad-utf-16", {"x.txt": b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8"}, "x.txt", "not valid UTF-16"),
    Bad("shift-jis", {"x.txt": "日本の大規模言語モデルは100個を超えた。".encode("shift_jis")}, "x.txt",
        "not UTF-8, GB18030 or Big5 text: read as GB18030"),
    Bad("front-matter-date", {"x.md": "---\ntitle: T\ndate: last Tuesday\n---\n一"}, "x.md",
        "front matter: date 'last Tuesday' is not a date (write YYYY-MM-DD)", 3),
    Bad("front-matter-not-calendar", {"x.md": "---\ndate: 2023-02-30\n---\n一"}, "x.md", "is not a calendar date", 2),
    Bad("front-matter-year-0", {"x.md": "---\ndate: 0000-01-01\n---\n一"}, "x.md", "is not a calendar date", 2),
    Bad("front-matter-year-10000", {"x.md": "---\ndate: 10000-01-01\n---\n一"}, "x.md", "is not a date", 2),
    Bad("front-matter-unclosed", {"x.md": "---\ndate: 2023-08-15\n一"}, "x.md", "never closed", 1),
    Bad("front-matter-not-key-value", {"x.md": "---\ndate 2023\n---\n一"}, "x.md", "expected 'key: value'", 2),
    Bad("front-matter-multiline", {"x.md": "---\ntitle: |\n  a\n---\n一"}, "x.md", "several lines", 2),
    Bad("front-matter-bad-quote", {"x.md": "---\ntitle: \"a\n---\n一"}, "x.md", "quote", 2),
    Bad("front-matter-only", {"x.md": "---\ndate: 2023-08-15\n---\n\n"}, "x.md", "no text after the front matter"),
    Bad("html-without-text", {"x.html": "<html><script>var a=1</script><nav>菜单</nav></html>"}, "x.html",
        "no article text in the HTML"),
    Bad("json-invalid", {"x.json": '{"text": "一",'}, "x.json", "not valid JSON", 1),
    Bad("json-no-text", {"x.json": '{"body": "一"}'}, "x.json", 'no "text" string'),
    Bad("json-text-not-string", {"x.json": '{"text": 5}'}, "x.json", '"text" is not a string'),
    Bad("json-empty-text", {"x.json": '{"text": " "}'}, "x.json", '"text" is empty'),
    Bad("json-empty-list", {"x.json": "[]"}, "x.json", "no records"),
    Bad("json-not-object", {"x.json": '[{"text": "一"}, 5]'}, "x.json", 'record 2: expected an object with "text", got int',
        None, ("ok.txt", "x.json#1")),
    Bad("json-too-deep", {"x.json": "[" * 100000}, "x.json", "nested too deeply"),
    Bad("json-bad-date", {"x.json": '{"text": "一", "date": "2023-13-01"}'}, "x.json", "not a calendar date"),
    Bad("jsonl-bad-line", {"x.jsonl": '{"text": "一"}\n{"text": \n{"text": "三"}\n'}, "x.jsonl", "not valid JSON", 2,
        ("ok.txt", "x.jsonl#1", "x.jsonl#3")),
    Bad("jsonl-bad-date", {"x.jsonl": '{"text": "一", "date": "soon"}\n{"text": "二"}\n'}, "x.jsonl", "is not a date", 1,
        ("ok.txt", "x.jsonl#2")),
    Bad("manifest-bad-date", {"claimcheck.toml": '[documents."ok.txt"]\ndate = "2023-02-30"\n'}, "claimcheck.toml",
        "is not a calendar date"),
    Bad("manifest-unknown-field", {"claimcheck.toml": '[documents."ok.txt"]\ndtae = 2023-08-15\n'}, "claimcheck.toml",
        "unknown field 'dtae'"),
    Bad("manifest-missing-file", {"claimcheck.toml": '[documents."gone.txt"]\ndate = 2023-08-15\n'}, "claimcheck.toml",
        "lists 'gone.txt', which is not there"),
    Bad("manifest-bad-toml", {"claimcheck.toml": "[documents\n"}, "claimcheck.toml", "not valid TOML"),
    Bad("manifest-not-tables", {"claimcheck.toml": "documents = 5\n"}, "claimcheck.toml", "expected [documents"),
    Bad("manifest-title-not-text", {"claimcheck.toml": '[documents."ok.txt"]\ntitle = 5\n'}, "claimcheck.toml",
        "title must be text"),
    Bad("csv-no-file-column", {"manifest.csv": "name,date\nok.txt,2023-08-15\n"}, "manifest.csv", "'file'", 1),
    Bad("csv-bad-row", {"manifest.csv": "file,date\nok.txt,2023-08-15,extra\n"}, "manifest.csv", "3 cells", 2),
    Bad("csv-bad-date", {"manifest.csv": "file,date\nok.txt,15/08/2023\n"}, "manifest.csv", "is not a date", 2),
    Bad("duplicate-id", {"x.md": "---\nid: ok.txt\n---\n一"}, "x.md", "document id 'ok.txt' is taken by"),
]


@pytest.mark.parametrize("case", BAD, ids=[b.id for b in BAD])
def test_bad_input_is_one_clear_problem(tmp_path, case):
    folder = tmp_path / "c"
    write(folder, "ok.txt", "超80个大模型")
    for name, content in case.files.items():
        write(folder, name, content)
    docs, problems = L.load_report([folder])
    assert [str(p) for p in problems] == [str(problems[0])]  # exactly one
    (p,) = problems
    assert isinstance(p, InputError) and isinstance(p, ValueError)
    assert p.path == str(folder / case.where)
    assert case.problem in p.problem
    assert p.line == case.line
    assert str(p).startswith(f"{folder / case.where}{'' if case.line is None else f':{case.line}'}: ")
    assert [d.id for d in docs] == list(case.good)
    with pytest.raises(InputError) as exc:
        L.load([folder])
    assert str(exc.value) == str(p)


def test_missing_path_and_directory_as_file(tmp_path):
    docs, problems = L.load_report([tmp_path / "nope.txt", tmp_path / "nope"])
    assert docs == []
    assert [str(p) for p in problems] == [f"{tmp_path / 'nope.txt'}: no such file", f"{tmp_path / 'nope'}: no such file"]


def test_directory_without_articles(tmp_path):
    write(tmp_path, "ok.txt", "一")
    write(tmp_path, "empty/image.png", b"\x89PNG\r\n")
    write(tmp_path, "empty/README.md", "not an article")
    write(tmp_path, "empty/.hidden.txt", "hidden")
    (tmp_path / "bare").mkdir()
    docs, problems = L.load_report([tmp_path / "empty", tmp_path / "ok.txt", tmp_path / "bare"])
    assert [d.text for d in docs] == ["一"]
    assert [p.path for p in problems] == [str(tmp_path / "empty"), str(tmp_path / "bare")]
    assert str(problems[0]) == f"{tmp_path / 'empty'}: no articles in this directory (looked for {', '.join(L.SUFFIXES)})"


def test_unreadable_directory(tmp_path, monkeypatch):
    write(tmp_path, "c/a.txt", "一")

    def walk(top, onerror=None):
        yield str(top), [], ["a.txt"]
        onerror(PermissionError(13, "Permission denied", str(top / "locked")))

    monkeypatch.setattr(L.os, "walk", walk)
    docs, problems = L.load_report([tmp_path / "c"])
    assert [d.id for d in docs] == ["a.txt"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'c' / 'locked'}: cannot list this directory (Permission denied)"]


def test_many_problems_all_reported_in_order(tmp_path):
    write(tmp_path, "c/a.txt", b"")
    write(tmp_path, "c/b.txt", "二")
    write(tmp_path, "c/c.md", "---\ndate: x\n---\n三")
    docs, problems = L.load_report([tmp_path / "c", tmp_path / "missing.md"])
    assert [d.id for d in docs] == ["b.txt"]
    assert [Path(p.path).name for p in problems] == ["a.txt", "c.md", "missing.md"]


def test_same_names_in_two_folders_collide(tmp_path):
    write(tmp_path, "x/a.txt", "一")
    write(tmp_path, "y/a.txt", "二")
    docs, problems = L.load_report([tmp_path / "x", tmp_path / "y"])
    assert [d.text for d in docs] == ["一"]
    assert [p.path for p in problems] == [str(tmp_path / "y" / "a.txt")]
    assert [d.id for d in L.load([tmp_path])] == ["x/a.txt", "y/a.txt"]  # their parent tells them apart


# ---------------------------------------------------------------------------- API

def test_existing_callers(tmp_path):
    write(tmp_path, "c/a.txt", "一")
    write(tmp_path, "c/b.html", "<p>二</p>")
    write(tmp_path, "c/README.md", "r")
    assert list(L.iter_files([tmp_path / "c"])) == [tmp_path / "c" / "a.txt"]  # text suffixes by default
    assert list(L.iter_files([tmp_path / "c"], L.SUFFIXES)) == [tmp_path / "c" / "a.txt", tmp_path / "c" / "b.html"]
    assert list(L.iter_files([tmp_path / "missing.txt"])) == [tmp_path / "missing.txt"]
    assert L.read_text(tmp_path / "c" / "a.txt") == "一"
    with pytest.raises(InputError, match="no such file"):
        L.read_text(tmp_path / "missing.txt")


def test_decode():
    assert L.decode("大模型".encode("big5")) == ("大模型", "Big5")
    assert L.decode("大模型".encode("gbk")) == ("大模型", "GB18030")
    assert L.decode(b"\xef\xbb\xbfabc") == ("abc", "UTF-8")
    with pytest.raises(InputError, match=r"^f.txt: binary file"):
        L.decode(b"\x00abc", "f.txt")


def test_module_is_callable(tmp_path):
    import claimcheck

    write(tmp_path, "a.txt", "一")
    assert claimcheck.load is L  # the submodule, once imported
    assert claimcheck.load([tmp_path]) == L.load([tmp_path])


def test_import_stays_light():
    code = "import sys, claimcheck.load; print(sorted(m for m in ('html.parser', 'csv', 'tomllib', 'charset_normalizer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "html.parser" not in out and "charset_normalizer" not in out


# ---------------------------------------------------------------------------- never a traceback


_PIECES = st.sampled_from([
    "---\n", "date: ", "2023-08-15", "9999-12-31", "0000-00-00", "title: ", "'", '"', "\n", "...\n", "#",
    "<p>", "</p>", "<article>", "<main>", "<script>", "<a ", "<title>", '<time datetime="', "&nbsp;", "<", ">",
    '{"text": ', '"一"', ', "date": ', "[", "]", "{", "}", "大模型超80个", "\x00", "\xa0", "\u3000",
])
_SUFFIX = st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".csv"])


def _load_one(data: bytes, suffix: str):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        Path(d, "f" + suffix).write_bytes(data)
        docs, problems = L.load_report([d])
    assert all(isinstance(p, InputError) for p in problems)
    assert all(doc.text.strip() for doc in docs)
    return docs, problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200), _SUFFIX)
def test_any_bytes_load_or_give_an_input_error(data, suffix):
    _load_one(data, suffix)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["utf-8", "gb18030", "utf-16"]), _SUFFIX)
def test_any_near_miss_loads_or_gives_an_input_error(text, encoding, suffix):
    _load_one(text.encode(encoding), suffix)
