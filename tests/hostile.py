"""Hostile input and the properties it must not break, shared by tests/test_fuzz.py
(hypothesis, bounded) and benchmarks/fuzz.py (the long seeded run).

Generators, each a function of a `random.Random` (the benchmark) with a hypothesis
strategy beside it (the tests) over the same pieces:

    hostile_text(rng)        pieces of PIECES: numerals (ASCII, full-width, Chinese), bound
                             words, units, separators, control characters, NUL, zero-width
                             and bidi marks, emoji, lone surrogates, and the syntax of the
                             media reports go to (workflow commands, Markdown, HTML, XML)
    mutate(text, rng)        a seed article with digits swapped, bound words moved, lines
                             duplicated, cut or dropped, hostile pieces inserted
    planted(rng)             a conflicting figure stated twice (CC101 at least), wrapped in
                             hostile text, so that findings quote it
    corpus(rng)              a few documents of those kinds, with hostile ids and paths

`violations(docs)` runs extract, check and every format of claimcheck.report.FORMATS
over a list of Documents and returns what went wrong (empty: every property held):

- extract never raises; each claim's offsets slice to its text;
- check never raises, and its report has no internal error;
- every format renders to text UTF-8 can encode; json, jsonl, sarif and codequality
  parse (json against docs/report-schema.json, sarif against the SARIF 2.1.0 schema);
  junit parses as XML; each github line is one annotation (the count the findings
  call for, none made by article text); markdown table rows have the header's cells and
  no raw tag; text holds no terminal control character and no line a CI runner would
  read as a command; html, where there is such a format, holds no element that came
  from article text.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "docs" / "report-schema.json"

# A tag that article text may carry; finding it as an element of an HTML report means
# the text was not escaped.
MARK = "data-cc-fuzz"

DIGITS = list("0123456789") + list("０１２３４５６７８９")
ZH_NUMERALS = list("零〇一二两三四五六七八九十百千万亿")
BOUNDS = ["超", "逾", "近", "约", "以上", "不到", "突破", "over ", "nearly ", "about "]
UNITS = ["%", "个", "元", "亿元", "EFLOPS", "ZB", "张"]
SEPARATORS = [",", ".", "，", "、", "~", "-"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\n", "\r\n", "\x1b", "\x1b[31m", "\x1b]0;t\x07",
            "\x7f", "\x85", "\x9b", "\u2028", "\u2029"]
INVISIBLE = ["\u200b", "\ufeff", "\u202e", "\u2066", "\u2069", "\u00a0", "\u3000"]
EMOJI = ["😀", "👍🏽", "🇨🇳", "\U0001f9d1\u200d\U0001f4bb"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udcff"]
SYNTAX = ["::error::", "::warning file=x.txt,line=1::", "::notice::", "::add-mask::", "%0A", "%25", "|", "||",
          "`", "```", "*", "_", "[x](javascript:alert(1))", "#", "<script>", "</script>", f"<script {MARK}>",
          f"<img {MARK} src=x onerror=alert(1)>", "<!--", "-->", "]]>", "<![CDATA[", "&", "&amp;", "&#0;", "<",
          ">", '"', "'", "\\", "${{ secrets.X }}"]
WORDS = ["截至2023年10月，", "我国已发布大模型", "算力总规模", "2023年", "截至", "其中，", "北京", "占", "。", " ",
         "！", "；", "(", ")", "（", "）", "((((", "))))"]
PIECES = (DIGITS + ZH_NUMERALS + BOUNDS + UNITS + SEPARATORS + CONTROLS + INVISIBLE + EMOJI + SURROGATES
          + SYNTAX + WORDS)

_TEMPLATES = (
    "截至{when}，我国已发布大模型{n}个。",
    "截至{when}，国内通过网信办备案的大模型有{n}个。",
    "截至{when}，我国算力总规模达{n}EFLOPS。",
    "{year}年我国人工智能核心产业规模达{n}亿元。",
)


@lru_cache(maxsize=1)
def seeds() -> tuple[str, ...]:
    """The texts of the seed articles (seeds/*.txt)."""
    return tuple(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))


@lru_cache(maxsize=1)
def seed_dates() -> tuple[_dt.date, ...]:
    """Their publication dates (seeds/claimcheck.toml), in the same order."""
    from claimcheck._data import tomllib

    table = tomllib.loads((SEEDS_DIR / "claimcheck.toml").read_text(encoding="utf-8"))["documents"]
    return tuple(table[p.name]["date"] for p in sorted(SEEDS_DIR.glob("*.txt")))


# ---------------------------------------------------------------------------- generators

def hostile_text(rng: random.Random, max_pieces: int = 80) -> str:
    return "".join(rng.choices(PIECES, k=rng.randint(0, max_pieces)))


def _swap_digits(text: str, rng: random.Random) -> str:
    spots = [m.start() for m in re.finditer(r"[0-9０-９零〇一二两三四五六七八九]", text)]
    if not spots:
        return text
    chars = list(text)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 8))):
        chars[i] = rng.choice(DIGITS + ZH_NUMERALS)
    return "".join(chars)


def _move_bound(text: str, rng: random.Random) -> str:
    found = [m for w in BOUNDS for m in re.finditer(re.escape(w), text)]
    if found:
        m = rng.choice(found)
        text = text[:m.start()] + text[m.end():]
        word = m.group()
    else:
        word = rng.choice(BOUNDS)
    i = rng.randint(0, len(text))
    return text[:i] + word + text[i:]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(4)
    if op == 0:  # duplicated
        lines.insert(i, lines[i])
    elif op == 1:  # cut short
        lines[i] = lines[i][:rng.randint(0, len(lines[i]))]
    elif op == 2:  # dropped
        del lines[i]
    else:  # joined to the next
        lines[i:i + 2] = ["".join(lines[i:i + 2])]
    return "\n".join(lines)


def _insert(text: str, rng: random.Random) -> str:
    i = rng.randint(0, len(text))
    return text[:i] + hostile_text(rng, 12) + text[i:]


_MUTATIONS = (_swap_digits, _move_bound, _lines, _insert)


def mutate(text: str, rng: random.Random, max_steps: int = 12) -> str:
    """`text` after 1..max_steps random mutations."""
    for _ in range(rng.randint(1, max_steps)):
        text = rng.choice(_MUTATIONS)(text, rng)
    return text


def planted(rng: random.Random) -> tuple[str, str]:
    """Two texts stating one metric for one period with different values (a CC101 at
    least), each wrapped in hostile text."""
    t = rng.choice(_TEMPLATES)
    year, month = rng.randint(2021, 2024), rng.randint(1, 12)
    fields = {"when": f"{year}年{month}月", "year": year}
    a, b = rng.sample(range(10, 900), 2)
    return tuple(hostile_text(rng, 20) + t.format(n=f"{rng.choice(['', '超', '近', '约'])}{n}", **fields)
                 + hostile_text(rng, 20) for n in (a, b))


def hostile_id(rng: random.Random, k: int) -> str:
    return "".join(rng.choices(PIECES, k=rng.randint(0, 6))) + f"#{k}"


def make_documents(texts: list[str], ids: list[str], paths: list[Optional[str]], published: list):
    from claimcheck.model import Document

    return [Document(id=i, text=t, path=p, published=d) for t, i, p, d in zip(texts, ids, paths, published)]


def corpus(rng: random.Random) -> list:
    """Documents of one kind: one to three hostile texts; two to five mutated seeds
    with their dates; a planted conflict (and a hostile text); six to twenty planted
    conflicts (more findings than a GitHub step shows). Ids and paths hostile at times,
    dates at random (or none) but the seeds'."""
    kind = rng.randrange(4)
    day = _dt.date(2021, 1, 1)
    published = None
    if kind == 0:
        texts = [hostile_text(rng) for _ in range(rng.randint(1, 3))]
    elif kind == 1:
        picked = rng.sample(range(len(seeds())), rng.randint(2, len(seeds())))
        texts = [mutate(seeds()[i], rng, 6) for i in picked]
        published = [seed_dates()[i] for i in picked]
    elif kind == 2:
        texts = list(planted(rng)) + ([hostile_text(rng)] if rng.random() < 0.5 else [])
    else:
        texts = [t for _ in range(rng.randint(6, 20)) for t in planted(rng)]
    if published is None:
        published = [None if rng.random() < 0.2 else day + _dt.timedelta(days=rng.randint(0, 1500)) for _ in texts]
    ids = [hostile_id(rng, k) if rng.random() < 0.5 else f"d{k}.txt" for k in range(len(texts))]
    paths = [(i if rng.random() < 0.5 else None) for i in ids]
    return make_documents(texts, ids, paths, published)


# ---------------------------------------------------------------------------- strategies

def strategies():
    """(hostile texts, mutated seeds, corpora) as hypothesis strategies."""
    from hypothesis import strategies as st

    text = st.one_of(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.text(max_size=120))
    mutated = st.builds(lambda i, r: mutate(seeds()[i], r), st.integers(0, len(seeds()) - 1),
                        st.randoms(use_true_random=False))
    docs = st.randoms(use_true_random=False).map(corpus)
    return text, mutated, docs


# ---------------------------------------------------------------------------- properties

@lru_cache(maxsize=1)
def _validators():
    import jsonschema

    sarif = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    report = jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    return sarif, report


def extract_violations(text: str, published=None) -> list[str]:
    """What extract(text) got wrong: an exception, or a claim whose offsets do not
    slice to its text."""
    import claimcheck

    try:
        claims = claimcheck.extract(text, published=published)
    except Exception as exc:  # noqa: BLE001 - the property under test
        return [f"extract raised {type(exc).__name__}: {exc}"]
    return [f"claim {c.text!r} at {c.start}:{c.end} slices to {text[c.start:c.end]!r}"
            for c in claims if text[c.start:c.end] != c.text or not c.text or c.start >= c.end]


_GITHUB_LINE = re.compile(r"::(error|warning|notice)(?: ([A-Za-z]+=[^,:]*(?:,[A-Za-z]+=[^,:]*)*))?::([^\r\n]*)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
_TERMINAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if any(k == MARK for k, _ in attrs):
            self.marked.append(tag)

    handle_startendtag = handle_starttag


def expected_annotations(report, cap: int = 10) -> int:
    """How many lines render_github writes for `report` (claimcheck.report.github)."""
    n = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        n[f.severity if f.severity in n else "warning"] += 1
    caps = dict.fromkeys(n, cap)
    over = any(v > cap for v in n.values())
    if over:
        caps["info"] -= 1
    return sum(min(v, caps[k]) for k, v in n.items()) + (1 if over else 0)


def format_violations(fmt: str, out: str, report) -> list[str]:
    """What is wrong with the rendering `out` of `report` in format `fmt`."""
    bad: list[str] = []
    if _SURROGATE.search(out):
        return [f"{fmt}: holds a surrogate code point (cannot be written as UTF-8)"]
    try:
        if fmt in ("json", "sarif", "codequality"):
            data = json.loads(out)
            sarif, schema = _validators()
            if fmt == "sarif":
                sarif.validate(data)
            elif fmt == "json":
                schema.validate(data)
                if len(data["findings"]) != len(report.findings):
                    bad.append("json: not every finding")
            elif not isinstance(data, list) or len(data) != len(report.findings):
                bad.append("codequality: not one issue a finding")
        elif fmt == "jsonl":
            lines = out.split("\n")
            if lines[-1] != "" or len([json.loads(x) for x in lines[:-1]]) != len(report.findings):
                bad.append("jsonl: not one line a finding")
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        elif fmt == "github":
            lines = out.split("\n")
            if lines[-1] != "" or "\r" in out:
                bad.append("github: a CR, or no final line end")
            lines = lines[:-1]
            if len(lines) != expected_annotations(report):
                bad.append(f"github: {len(lines)} lines for {expected_annotations(report)} annotations")
            bad += [f"github: not one annotation: {x[:80]!r}" for x in lines if not _GITHUB_LINE.fullmatch(x)]
        elif fmt == "markdown":
            rows = [x for x in out.split("\n") if x.startswith("|")]
            want = 2 + min(len(report.findings), 50) if report.findings else 0
            if len(rows) != want:
                bad.append(f"markdown: {len(rows)} table rows, expected {want}")
            bad += [f"markdown: a row of {len(_UNESCAPED_PIPE.findall(r)) - 1} cells: {r[:80]!r}"
                    for r in rows if len(_UNESCAPED_PIPE.findall(r)) != 6]
            if "<" in out or "\r" in out:
                bad.append("markdown: a raw '<' or CR")
        elif fmt == "text":
            if _TERMINAL.search(out):
                bad.append(f"text: control character {_TERMINAL.search(out).group()!r}")
            bad += [f"text: a line a CI runner reads as a command: {x[:80]!r}"
                    for x in out.split("\n") if x.lstrip().startswith("::")]
        elif fmt == "html":
            p = _Tags()
            p.feed(out)
            p.close()
            if p.marked:
                bad.append(f"html: elements from article text: {p.marked[:3]}")
    except Exception as exc:  # noqa: BLE001 - a parse error is the violation
        bad.append(f"{fmt}: {type(exc).__name__}: {str(exc)[:200]}")
    return bad


def violations(docs: list, formats: Optional[tuple] = None, reports: Optional[list] = None) -> list[str]:
    """Every property over `docs` (module doc); [] when all hold. The report checked
    is appended to `reports` when it is given."""
    import claimcheck
    from claimcheck.report import FORMATS, render

    bad: list[str] = []
    for d in docs:
        bad += [f"{d.id!r}: {v}" for v in extract_violations(d.text, d.published)]
    try:
        report = claimcheck.check(docs)
    except Exception as exc:  # noqa: BLE001 - the property under test
        return bad + [f"check raised {type(exc).__name__}: {exc}"]
    bad += [f"check: internal error {e}" for e in report.errors]
    if reports is not None:
        reports.append(report)
    for fmt in formats or FORMATS:
        try:
            out = render(report, fmt, docs, **({"step_summary_path": ""} if fmt == "github" else {}))
        except Exception as exc:  # noqa: BLE001 - the property under test
            bad.append(f"{fmt}: render raised {type(exc).__name__}: {exc}")
            continue
        bad += format_violations(fmt, out, report)
    return bad


# ---------------------------------------------------------------------------- long inputs

# Adversarial texts for the linear-time tests (tests/test_linear.py, benchmarks/linear.py):
# name -> (make(n) -> a text of n characters, n for the tests). The sizes are chosen so
# that extraction takes some 20-500 ms at n on a laptop: big enough to time, small
# enough for the suite.
RUN_ON = "截至2023年10月，我国已发布大模型238个，算力总规模达180EFLOPS，其中北京51个、上海24个，"


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nested(n: int) -> str:
    return "(" * (n // 2) + ")" * (n - n // 2)


ADVERSARIAL = {
    "digits": (_repeat("1234567890"), 200_000),  # one numeral as long as the text
    "wan": (_repeat("万"), 50_000),  # 万万万…: magnitude words with no number
    "comma_ones": (_repeat("1,"), 50_000),  # 1,1,1,…: a thousands group that never closes
    "brackets": (_nested, 1_000_000),  # ((((…))))
    "chao": (_repeat("超"), 1_000_000),  # 超超超…: bound words with no number
    "dots": (_repeat("1."), 100_000),  # 1.1.1.1…: separators that are not decimals
    "yi_alternating": (_repeat("1亿"), 200_000),  # 1亿1亿…: one compound numeral
    "one_line": (_repeat(RUN_ON), 50_000),  # claims in one sentence with no end
    "short_lines": (_repeat("超80个\n"), 20_000),  # a claim a line, no punctuation
}
