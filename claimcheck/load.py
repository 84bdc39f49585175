"""load: files -> Documents (DESIGN.md "load"; the choices are explained in docs/loading.md).

    load(paths) -> list[Document]              the first problem raises InputError
    load_report(paths) -> LoadReport           (documents, problems): every problem kept

Paths are files or directories, walked recursively in sorted order (hidden entries and
README files skipped). By suffix: .txt/.text plain text; .md/.markdown with optional
front matter (date, title, source, url, id); .html/.htm/.xhtml, whose Document.text is
the text of the article body; .json (one record or a list of them) and .jsonl (one record
a line) with `text` and `date`. Bytes are decoded as UTF-8 (BOM or not), UTF-16/32 with a
BOM, GB18030 (GBK, GB2312) or Big5, told apart by which characters they yield. A manifest
beside the files (claimcheck.toml `[documents."name"]` tables or manifest.csv) supplies
dates and titles that the files do not carry; what a file says wins.

A Document's id is its path relative to the directory argument, with forward slashes (a
file given directly keeps its path as given); a record of a .json/.jsonl file is its own
`id`, else `<file id>#<n>` (n: the line of a .jsonl, the position in a .json list, from 1).

Every problem is an InputError naming the file (and line), and never stops the other
files from loading: undecodable or binary bytes, an empty file, a directory without
articles, broken front matter or JSON, a date that is not a calendar date.

`claimcheck.load` is both this module and a function: calling the module runs `load`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
import types
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Union

from ._text import valid_unicode
from .errors import InputError
from .model import Document

__all__ = [
    "load", "load_report", "LoadReport", "read_text", "decode", "iter_files", "parse_date",
    "TEXT_SUFFIXES", "SUFFIXES", "MANIFESTS",
]

PathLike = Union[str, "os.PathLike[str]"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_MARKDOWN = (".md", ".markdown")
_HTML = (".html", ".htm", ".xhtml")
_JSON = (".json",)
_JSONL = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + _HTML + _JSON + _JSONL
MANIFESTS = ("claimcheck.toml", "manifest.csv")
FIELDS = ("date", "title", "source", "url")  # what a manifest, front matter or record may give

_SNIFF = 8192


# ---------------------------------------------------------------------------- bytes -> str

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_MAGIC = (  # formats that are not text, by their first bytes
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an OLE (old Office) document"), (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"), (b"\x7fELF", "an executable"),
)
# Legacy Chinese encodings tried, in order of preference on a tie: GB18030 (a superset of
# GBK and GB2312), then Big5 as Windows writes it (cp950) and with the Hong Kong additions.
_LEGACY = (("gb18030", "GB18030"), ("cp950", "Big5"), ("big5hkscs", "Big5-HKSCS"))
_DECLARED = {  # charset labels an HTML page may declare -> the codecs to try (WHATWG-like)
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030",
    "big5": "cp950", "big5-hkscs": "big5hkscs", "x-x-big5": "cp950", "cp950": "cp950",
}
_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
           "ascii": "cp1252"}  # labels that browsers read as windows-1252
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f]")  # C0 controls but \t\n\v\f\r, DOS EOF, ESC
_RARE_MAX = 0.3  # above this share of rare characters a legacy decoding is not text
_RARE_MIN_CHARS = 8  # ... judged only on this many non-ASCII characters or more


@lru_cache(maxsize=8192)
def _common_hanzi(ch: str) -> bool:
    """In GB2312 (the 6763 hanzi and symbols of simplified text) or in Big5's frequent
    set (symbols and the 5401 常用字, bytes A140..C67E): what real Chinese text is made of."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA140 <= int.from_bytes(b, "big") <= 0xC67E


def _rare_share(text: str) -> tuple[int, int]:
    """(rare, all) non-ASCII characters of `text`: rare are private-use or unassigned
    code points and hanzi outside both frequent sets. Text decoded with the wrong one of
    GB18030 and Big5 is mostly rare characters; text decoded right has almost none."""
    from collections import Counter

    rare = total = 0
    for ch, k in Counter(text).items():
        if ch < "\x80":
            continue
        total += k
        if unicodedata.category(ch) in ("Co", "Cn", "Cs") or not _common_hanzi(ch):
            rare += k
    return rare, total


def _binary_kind(data: bytes) -> Optional[str]:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:_SNIFF]:
        return "contains NUL bytes"
    return None


def decode(data: bytes, path: PathLike = "<bytes>", declared: Optional[str] = None) -> tuple[str, str]:
    """(text, encoding name) of the bytes of a file; a byte order mark is dropped.

    Order: a BOM decides; else UTF-8; else GB18030 or Big5, whichever yields fewer rare
    characters (GB18030 on a tie). A charset the file declares (`declared`, e.g. from an
    HTML meta tag) wins that tie if it is one of them, and is used if it is another
    charset that decodes the bytes. Binary data, bytes that none of these decode, and
    decodings that are mostly rare characters raise InputError naming `path`."""
    where = os.fspath(path)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(where, f"not valid {name} (byte {exc.start + len(bom)})") from None
    kind = _binary_kind(data)
    if kind:
        raise InputError(where, f"binary file ({kind}), not text")
    try:
        return _check_controls(data.decode("utf-8"), where), "UTF-8"
    except UnicodeDecodeError as exc:
        first = exc
    if first.end == len(data) and first.reason == "unexpected end of data" and not data[:first.start].isascii():
        # UTF-8 text but for its last character, cut short (a download or a copy that stopped)
        raise InputError(where, f"not valid UTF-8: the file ends inside a character (byte 0x{data[first.start]:02x} "
                                f"at {first.start} of {len(data)}); was it cut short?")
    label = (declared or "").strip().lower()
    legacy = _LEGACY
    if label in _DECLARED:  # a Chinese charset declared: tried first, and wins a tie
        legacy = tuple(sorted(_LEGACY, key=lambda c: c[0] != _DECLARED[label]))
    elif label:  # another charset declared (windows-1252, shift_jis...): trusted if it decodes
        codec = _WHATWG.get(label, label)
        try:
            return _check_controls(data.decode(codec), where), declared.strip()
        except (LookupError, UnicodeDecodeError):
            pass
    best = None
    gb_error = None
    for codec, name in legacy:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            if codec == "gb18030":
                gb_error = exc
            continue
        rare, total = _rare_share(text)
        if best is None or rare * best[2] < best[1] * total:  # rare/total < best's, no division
            best = (text, rare, total, name)
    if best is None:
        bad = data[first.start]
        if gb_error is not None and gb_error.start != first.start:  # each reads a part: two encodings in one file
            raise InputError(where, f"not valid UTF-8 (byte 0x{bad:02x} at {first.start}) nor GB18030 (byte "
                                    f"0x{data[gb_error.start]:02x} at {gb_error.start}): mixed encodings? "
                                    f"(save it as UTF-8)")
        raise InputError(where, f"not valid UTF-8 or GB18030 (byte 0x{bad:02x} at {first.start})")
    text, rare, total, name = best
    if total >= _RARE_MIN_CHARS and rare > _RARE_MAX * total:
        raise InputError(
            where,
            f"not UTF-8, GB18030 or Big5 text: read as {name}, {rare} of its {total} non-ASCII "
            f"characters are rare or unassigned (save it as UTF-8)",
        )
    return _check_controls(text, where), name


def _check_controls(text: str, where: str) -> str:
    n = len(_CONTROL.findall(text))
    if n > max(2, len(text) // 100):
        raise InputError(where, f"binary file ({n} control characters), not text")
    return text


def _read_bytes(path: PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(os.fspath(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(os.fspath(path), "is a directory, not a file") from None
    except PermissionError:
        raise InputError(os.fspath(path), "permission denied") from None
    except OSError as exc:
        raise InputError(os.fspath(path), exc.strerror or str(exc)) from None


def read_text(path: PathLike) -> str:
    """The text of one file, decoded as `decode` does; raises InputError with the path
    and the problem. (An empty file is "" here; `load` reports it.)"""
    return decode(_read_bytes(path), path)[0]


# ---------------------------------------------------------------------------- dates

_DATE = re.compile(
    r"""^\s*(?:
        (?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})   # 2023-08-15, 2023/8/15, 2023.08.15
        (?:[T\s].*)?                                                    # a time after it is ignored
      | (?P<zy>\d{4})\s*年\s*(?P<zm>\d{1,2})\s*月\s*(?P<zd>\d{1,2})\s*[日号]  # 2023年8月15日
        (?:\s*.*)?
    )\s*$""",
    re.VERBOSE | re.ASCII,
)


def parse_date(value: Any) -> _dt.date:
    """A date from YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or 2023年8月15日 (a time after it
    is ignored; full-width digits are read), or a date/datetime object. Raises
    ValueError saying what is wrong."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"date {value!r} is not text")
    m = _DATE.match(unicodedata.normalize("NFKC", value))
    if not m:
        raise ValueError(f"date {value!r} is not a date (write YYYY-MM-DD)")
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["zy"], m["zm"], m["zd"])
    y, mo, d = int(y), int(mo), int(d)
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"date {value!r} is not a calendar date") from None


# ---------------------------------------------------------------------------- finding files

class _Source(NamedTuple):
    path: Path  # where the file is
    id: str  # the Document id
    root: Optional[Path]  # the directory argument it was found under, None if named directly


def _is_article(name: str, suffixes: tuple) -> bool:
    low = name.lower()
    return not low.startswith((".", "readme")) and low.endswith(suffixes)


def _walk(paths: Iterable[PathLike], suffixes: tuple, problems: Optional[list]) -> Iterator[_Source]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        p = Path(path)
        if not p.is_dir():
            yield _Source(p, os.fspath(path), None)
            continue
        found: list[Path] = []
        unlisted: list[OSError] = []
        for root, dirs, files in os.walk(p, onerror=unlisted.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(root) / name for name in files if _is_article(name, suffixes))
        if problems is not None:
            for exc in unlisted:
                where = exc.filename if exc.filename is not None else path
                problems.append(InputError(os.fspath(where), f"cannot list this directory ({exc.strerror or exc})"))
            if not found and not unlisted:
                looked = ", ".join(suffixes)
                problems.append(InputError(os.fspath(path), f"no articles in this directory (looked for {looked})"))
        for f in sorted(found):
            yield _Source(f, f.relative_to(p).as_posix(), p)


def iter_files(paths: Iterable[PathLike], suffixes: tuple = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files named by `paths`: files as given, directories walked recursively (sorted,
    `suffixes` only, hidden entries and README files skipped). A missing path is yielded
    as is, so that reading it reports the problem."""
    for src in _walk(paths, suffixes, None):
        yield src.path


# ---------------------------------------------------------------------------- manifests

class _Manifests:
    """The manifests of the directories met in one load, read once each."""

    def __init__(self, problems: list):
        self.problems = problems
        self.by_dir: dict[Path, dict[str, dict]] = {}

    def entries(self, directory: Path) -> dict[str, dict]:
        if directory not in self.by_dir:
            merged: dict[str, dict] = {}
            for name in reversed(MANIFESTS):  # claimcheck.toml over manifest.csv
                f = directory / name
                if f.is_file():
                    try:
                        table = _read_toml_manifest(f) if name.endswith(".toml") else _read_csv_manifest(f)
                    except InputError as exc:
                        self.problems.append(exc)
                        continue
                    for key, fields in table.items():
                        if not (directory / key).exists():
                            self.problems.append(InputError(os.fspath(f), f"lists {key!r}, which is not there"))
                        merged.setdefault(key, {}).update(fields)
            self.by_dir[directory] = merged
        return self.by_dir[directory]

    def fields(self, src: _Source) -> dict:
        """What the manifests say of one file: the nearest manifest wins, field by field."""
        out: dict = {}
        d = src.path.parent
        while True:
            key = src.path.relative_to(d).as_posix()
            for k, v in self.entries(d).get(key, {}).items():
                out.setdefault(k, v)
            if src.root is None or d == src.root or d == d.parent:
                return out
            d = d.parent


def _manifest_fields(raw: dict, where: str, line: Optional[int] = None) -> dict:
    out = {}
    for k, v in raw.items():
        if k not in FIELDS:
            raise InputError(where, f"unknown field {k!r} (expected {', '.join(FIELDS)})", line)
        if v is None or v == "":
            continue
        if k == "date":
            try:
                out[k] = parse_date(v)
            except ValueError as exc:
                raise InputError(where, str(exc), line) from None
        elif isinstance(v, str):
            out[k] = v.strip()
        else:
            raise InputError(where, f"{k} must be text, not {type(v).__name__}", line)
    return out


def _read_toml_manifest(f: Path) -> dict[str, dict]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    where = os.fspath(f)
    try:
        doc = tomllib.loads(decode(_read_bytes(f), f)[0])
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"not valid TOML: {exc}") from None
    docs = doc.get("documents", {})
    if not isinstance(docs, dict) or not all(isinstance(v, dict) for v in docs.values()):
        raise InputError(where, 'expected [documents."file name"] tables')
    return {_key(k): _manifest_fields(v, where) for k, v in docs.items()}


def _read_csv_manifest(f: Path) -> dict[str, dict]:
    import csv

    where = os.fspath(f)
    rows = csv.reader(decode(_read_bytes(f), f)[0].splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    if not any(header):
        return {}  # an empty manifest
    if "file" not in header:
        raise InputError(where, f"the first line must name the columns, one of them 'file' (and {', '.join(FIELDS)})", 1)
    out = {}
    for n, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(where, f"{len(row)} cells where the header has {len(header)}", n)
        raw = dict(zip(header, row))
        name = raw.pop("file")
        out[_key(name)] = _manifest_fields(raw, where, n)
    return out


def _key(name: str) -> str:
    return Path(name.strip().replace("\\", "/")).as_posix()


# ---------------------------------------------------------------------------- front matter

_FM_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_FM_KEYS = FIELDS + ("id", "published")


def _front_matter(text: str, where: str) -> tuple[dict, str]:
    """(fields, body) of a Markdown text; fields maps each known key to (raw value, line).

    Front matter is the lines between a first line `---` and the next `---` or `...`
    line, each `key: value` (a value may be quoted; `# comments` and other keys, with
    their indented or `- ` continuation lines, are skipped)."""
    lines = re.split(r"(?<=\n)", text)  # each line with its "\n" (only "\n" ends a line here)
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    if not any(line.rstrip() in ("---", "...") for line in lines[1:]):
        raise InputError(where, "front matter opened on line 1 is never closed (no '---' line)", 1)
    fields: dict = {}
    key = None
    pos = len(lines[0])
    for n, line in enumerate(lines[1:], start=2):
        pos += len(line)
        s = line.rstrip("\r\n")
        if s.rstrip() in ("---", "..."):
            return fields, text[pos:]
        if not s.strip() or s.lstrip().startswith("#"):
            continue
        if s[0] in " \t-":
            if key in _FM_KEYS:
                raise InputError(where, f"front matter: {key} has a value of several lines; write it on one line", n)
            continue
        m = _FM_LINE.match(s)
        if not m:
            raise InputError(where, f"front matter: expected 'key: value', got {s.strip()[:40]!r}", n)
        key = m["key"].lower()
        if key in _FM_KEYS:
            value = _fm_value(m["value"] or "", where, n, key)
            if value:
                fields[key] = (value, n)
    raise AssertionError("unreachable: a closing line was found above")  # pragma: no cover


def _fm_value(v: str, where: str, n: int, key: str) -> str:
    if v in ("|", ">", "|-", ">-"):
        raise InputError(where, f"front matter: {key} has a value of several lines; write it on one line", n)
    if v[:1] in ("'", '"'):
        q = v[0]
        close = v.rfind(q)
        if close == 0 or v[close + 1:].strip()[:1] not in ("", "#"):
            raise InputError(where, f"front matter: {key}: unclosed or misplaced quote", n)
        inner = v[1:close]
        if q == "'":
            return inner.replace("''", "'")
        import json

        try:
            return json.loads(f'"{inner}"')
        except ValueError:
            return inner
    return re.sub(r"\s+#.*$", "", v).strip()  # an unquoted value ends at " #"


# ---------------------------------------------------------------------------- HTML

_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                   "canvas", "nav", "aside", "form", "button", "select", "textarea", "footer",
                   "dialog", "head"))
_SKIP_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "menu"))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen"))
_BLOCK = frozenset(("address", "article", "blockquote", "body", "caption", "center", "dd", "details",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4",
                    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
                    "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
                    "tr", "ul", "br"))
_CELL = frozenset(("td", "th"))
_IN_HEAD = frozenset(("title", "meta", "link", "style", "script", "base", "noscript", "template"))
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "publish_date", "date", "dc.date", "dc.date.issued")
_WS = re.compile(r"[ \t\n\r\f\xa0]+")


@lru_cache(maxsize=1)
def _html_parser_class():
    from html.parser import HTMLParser

    class Body(HTMLParser):
        """Collects the page's text in runs, each marked with the article/main it is in.

        An element stays open until its end tag or the end tag of an element around it
        (so unclosed <p> and <li> are harmless); skipped elements hide their text."""

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, bool, int, bool, bool]] = []  # tag, skipped, article no., in main, in pre
            self.runs: list[tuple[str, int, bool]] = []  # text ("\n"/"\t" = a break), article, main
            self.articles = 0
            self.title: list[str] = []
            self.og_title: Optional[str] = None
            self.in_title = self.title_seen = False
            self.meta_dates: dict[str, str] = {}
            self.time_dates: list[tuple[str, int, bool]] = []

        def _where(self) -> tuple[bool, int, bool, bool]:
            return self.stack[-1][1:] if self.stack else (False, 0, False, False)

        def handle_starttag(self, tag, attrs):
            a = {k.lower(): (v or "") for k, v in attrs}
            if tag not in _IN_HEAD and any(t == "head" for t, *_ in self.stack[:2]):
                del self.stack[[t for t, *_ in self.stack].index("head"):]  # <body> or content ends <head>
            skipped, art, main, pre = self._where()
            if tag == "meta":
                name = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
                if name in _DATE_META and a.get("content"):
                    self.meta_dates.setdefault(name, a["content"])
                if name == "og:title" and a.get("content") and self.og_title is None:
                    self.og_title = a["content"]
            elif tag == "title" and not self.title_seen and not any(t == "svg" for t, *_ in self.stack):
                self.in_title = self.title_seen = True
            elif tag == "time" and a.get("datetime") and not skipped:
                self.time_dates.append((a["datetime"], art, main))
            if tag in _BLOCK:
                self.runs.append(("\n", art, main))
            elif tag in _CELL:
                self.runs.append(("\t", art, main))
            if tag in _VOID:
                return
            if tag in _SKIP or "hidden" in a or a.get("role", "").lower() in _SKIP_ROLES or (
                tag == "header" and not art and not main
            ):
                skipped = True
            if tag == "article" and not skipped:
                self.articles += 1
                art = self.articles
            self.stack.append((tag, skipped, art, main or (tag == "main" and not skipped), pre or tag == "pre"))

        def handle_startendtag(self, tag, attrs):
            if tag in _VOID:
                self.handle_starttag(tag, attrs)
            else:  # <div/>: opened and closed at once
                self.handle_starttag(tag, attrs)
                self.handle_endtag(tag)

        def handle_endtag(self, tag):
            if tag == "title":
                self.in_title = False
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    break
            if tag in _BLOCK:
                _, art, main, _ = self._where()
                self.runs.append(("\n", art, main))

        def handle_data(self, data):
            if self.in_title:
                self.title.append(data)
                return
            skipped, art, main, pre = self._where()
            if skipped:
                return
            if pre:
                for i, part in enumerate(data.split("\n")):
                    if i:
                        self.runs.append(("\n", art, main))
                    self.runs.append((part, art, main))
            else:
                self.runs.append((data, art, main))

    return Body


def _html_document(text: str, where: str) -> tuple[str, dict]:
    """(body text, fields) of an HTML page: the text of its longest <article>, else of its
    <main>, else of its <body>, without scripts, styles, navigation, headers, footers,
    asides and forms; one line a block (paragraph, heading, list item, row)."""
    p = _html_parser_class()()
    last = text.rfind(">")
    if "<" in text[last + 1:]:
        # After the last ">" no tag can end, and html.parser (before CPython 3.13.5)
        # rescans to the end from each "<" there: quadratic time on "<a <a <a...". Such
        # a "<" is text either way; escaped, it is read once.
        text = text[:last + 1] + text[last + 1:].replace("<", "&lt;")
    try:
        p.feed(text)
        p.close()
    except (AssertionError, ValueError, IndexError) as exc:  # html.parser is lenient; in case
        raise InputError(where, f"could not parse HTML ({exc})") from None
    runs = p.runs
    sizes: dict[int, int] = {}
    for t, art, _ in runs:
        if art:
            sizes[art] = sizes.get(art, 0) + len(_WS.sub("", t))
    best = max(sizes, key=lambda k: (sizes[k], -k)) if sizes and max(sizes.values()) else 0
    if best:
        pick, in_pick = [r for r in runs if r[1] == best], (lambda art, main: art == best)
    elif any(r[2] and r[0].strip() for r in runs):
        pick, in_pick = [r for r in runs if r[2]], (lambda art, main: main)
    else:
        pick, in_pick = runs, (lambda art, main: True)
    lines, cur = [], []
    for t, _, _ in pick:
        if t == "\n":
            lines.append("".join(cur))
            cur = []
        elif t == "\t":
            cur.append("\t")
        else:
            cur.append(t)
    lines.append("".join(cur))
    out = []
    for line in lines:
        cells = [_WS.sub(" ", c).strip() for c in line.split("\t")]
        line = "\t".join(c for c in cells if c)
        if line:
            out.append(line)
    fields: dict = {}
    title = _WS.sub(" ", "".join(p.title)).strip() or _WS.sub(" ", p.og_title or "").strip()
    if title:
        fields["title"] = title
    candidates = [p.meta_dates[k] for k in _DATE_META if k in p.meta_dates]
    candidates += [d for d, art, main in p.time_dates if in_pick(art, main)]
    candidates += [d for d, _, _ in p.time_dates]
    for c in candidates:  # the first that is a date; page metadata is not the writer's: never an error
        try:
            fields["date"] = parse_date(c)
            break
        except ValueError:
            continue
    return "\n".join(out), fields


_CHARSET = re.compile(  # a charset the page declares, in its first 4 KiB
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)      # <meta charset=gbk>, http-equiv content
       | <\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)        # <?xml version="1.0" encoding="big5"?>""",
    re.IGNORECASE | re.VERBOSE,
)


def _declared_charset(data: bytes) -> Optional[str]:
    m = _CHARSET.search(data[:4096])
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


# ---------------------------------------------------------------------------- JSON records

def _records(text: str, src: _Source, jsonl: bool, problems: list) -> Iterator[tuple[str, dict, Optional[int]]]:
    """(id, record, line) of each record of a .json or .jsonl file; a bad record is a problem."""
    import json

    where = os.fspath(src.path)
    if jsonl:
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"{src.id}#{n}", json.loads(line), n
            except ValueError as exc:
                problems.append(InputError(where, f"not valid JSON ({exc.msg}, column {exc.colno})", n))
            except RecursionError:
                problems.append(InputError(where, "JSON nested too deeply", n))
        return
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg}, column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply") from None
    if isinstance(data, list):
        if not data:
            raise InputError(where, "an empty list: no records")
        for n, rec in enumerate(data, start=1):
            yield f"{src.id}#{n}", rec, None
    else:
        yield src.id, data, None


def _record_document(rid: str, rec: Any, line: Optional[int], src: _Source) -> tuple[str, str, dict]:
    where = os.fspath(src.path)
    label = "" if line is not None or rid == src.id else f"record {rid.rsplit('#', 1)[1]}: "
    if not isinstance(rec, dict):
        raise InputError(where, f"{label}expected an object with \"text\", got {type(rec).__name__}", line)
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(where, f"{label}no \"text\" string" if text is None else f"{label}\"text\" is not a string", line)
    if not text.strip():
        raise InputError(where, f"{label}\"text\" is empty", line)
    fields: dict = {}
    for k in ("date", "published") + FIELDS[1:]:
        v = rec.get(k)
        if v is None or v == "" or (k == "published" and "date" in fields):
            continue
        name = "date" if k == "published" else k
        if name == "date":
            try:
                fields["date"] = parse_date(v)
            except ValueError as exc:
                raise InputError(where, f"{label}{exc}", line) from None
        else:
            fields[name] = str(v)
    if rec.get("id") not in (None, ""):
        rid = str(rec["id"])
    return rid, text, fields


# ---------------------------------------------------------------------------- load

class LoadReport(NamedTuple):
    """What `load_report` found: the documents, and one InputError per problem."""

    documents: list[Document]
    problems: list[InputError]


def _documents(src: _Source, manifests: _Manifests, problems: list) -> list[Document]:
    """The Documents of one file (several for .json/.jsonl); raises InputError."""
    where = os.fspath(src.path)
    suffix = src.path.suffix.lower()
    data = _read_bytes(src.path)
    if not data:
        raise InputError(where, "empty file")
    text = decode(data, src.path, _declared_charset(data) if suffix in _HTML else None)[0]
    if not text.strip():
        raise InputError(where, "no text (only whitespace)")
    defaults = manifests.fields(src)
    if suffix in _JSON + _JSONL:
        out = []
        for rid, rec, line in _records(text, src, suffix in _JSONL, problems):
            try:
                rid, body, fields = _record_document(rid, rec, line, src)
            except InputError as exc:
                problems.append(exc)
                continue
            out.append(_make(rid, body, {**defaults, **fields}, where))
        return out
    fields: dict = {}
    doc_id = src.id
    if suffix in _HTML:
        text, fields = _html_document(text, where)
        if not text.strip():
            raise InputError(where, "no article text in the HTML")
    elif suffix in _MARKDOWN:
        raw, text = _front_matter(text, where)
        for k, (v, n) in raw.items():
            if k in ("date", "published"):
                if k == "published" and "date" in raw:
                    continue
                try:
                    fields["date"] = parse_date(v)
                except ValueError as exc:
                    raise InputError(where, f"front matter: {exc}", n) from None
            elif k == "id":
                doc_id = v
            else:
                fields[k] = v
        if not text.strip():
            raise InputError(where, "no text after the front matter")
    return [_make(doc_id, text, {**defaults, **fields}, where)]


def _make(doc_id: str, text: str, fields: dict, path: str) -> Document:
    """The Document; its id, text and fields are valid Unicode (a surrogate code point,
    from a JSON escape or a file name that is not UTF-8, becomes U+FFFD: one character
    for one, so offsets stay), its path the file's as the system names it."""
    def ok(s):
        return valid_unicode(s) if isinstance(s, str) else s

    return Document(id=ok(doc_id), text=ok(text), published=fields.get("date"), title=ok(fields.get("title")),
                    source=ok(fields.get("source")), url=ok(fields.get("url")), path=path)


def load_report(paths: Iterable[PathLike]) -> LoadReport:
    """Documents for files and directories, and every problem met on the way (an
    InputError each, naming the file); a problem never stops the other files loading.
    A file named twice is loaded once; a second document with an id already taken is a
    problem and left out."""
    problems: list[InputError] = []
    manifests = _Manifests(problems)
    docs: list[Document] = []
    seen_files: set = set()
    ids: dict[str, str] = {}
    for src in _walk(paths, SUFFIXES, problems):
        try:
            real = src.path.resolve()
        except (OSError, RuntimeError):
            real = src.path
        if real in seen_files:
            continue
        seen_files.add(real)
        try:
            found = _documents(src, manifests, problems)
        except InputError as exc:
            problems.append(exc)
            continue
        for doc in found:
            if doc.id in ids:
                problems.append(InputError(doc.path, f"document id {doc.id!r} is taken by {ids[doc.id]}; left out"))
                continue
            ids[doc.id] = doc.path
            docs.append(doc)
    return LoadReport(docs, problems)


def load(paths: Iterable[PathLike]) -> list[Document]:
    """Documents for files and directories; if anything could not be loaded, the first
    problem raises InputError (`load_report` returns them all)."""
    docs, problems = load_report(paths)
    if problems:
        raise problems[0]
    return docs


class _CallableModule(types.ModuleType):
    def __call__(self, paths: Iterable[PathLike]) -> list[Document]:
        return load(paths)


sys.modules[__name__].__class__ = _CallableModule
