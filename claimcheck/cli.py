"""The command line: a thin shell over the library (DESIGN.md "CLI").

    claimcheck extract FILE... [--format table|json|jsonl|parquet] [--output FILE] [--config FILE]
    claimcheck check PATH... [--against CORPUS...] [--format text|json|jsonl|sarif|github|junit|
                             markdown|codequality] [--output FILE] [--fail-on LEVEL]
                             [--baseline FILE] [--write-baseline FILE] [--config FILE]
                             [--select CODES] [--ignore CODES] [--no-progress] [--jobs N]
                             [--engine local|dask] [--scheduler ADDRESS]
    claimcheck index DB [PATH...] [--prune] [--rebuild] [--jobs N]
    claimcheck explain CODE

Exit codes: 0 done (check: no finding at or above --fail-on), 1 findings at or above
--fail-on, 2 usage, input or internal error (each bad file is reported on one line and
the other files are still processed; a rule that fails is reported and the run goes on),
and a document that was not read whole (over max-document-chars or
max-claims-per-document: a warning naming it, claimcheck.limits).

Everything written to stdout or a file is valid UTF-8 (claimcheck._text): a surrogate
code point, from a JSON escape or a file name that is not UTF-8, is written as U+FFFD.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from typing import Optional, Sequence

from ._text import valid_unicode
from .errors import ClaimcheckError
from .model import interval_body, period_text
from .report import FORMATS

__all__ = ["main"]


def _line_col(text: str, offset: int, cache: dict) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_control(m: "re.Match") -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def _say(msg: str) -> None:
    """One line on stderr, whatever a file name or an article holds: a control
    character or line break is written as its escape (a file named "x\\n::error::y"
    cannot start a line a CI runner reads as a command, nor move a terminal's cursor),
    and so is a surrogate code point (a file name that is not UTF-8: \\udcff)."""
    msg = _CONTROL.sub(_escape_control, msg)
    print(msg.encode("utf-8", "backslashreplace").decode("utf-8"), file=sys.stderr)


def _cell(s: str) -> str:
    """A cell of the extract table: one line, without control characters."""
    return _CONTROL.sub("", re.sub(r"\r\n?|[\n\v\f\x85\u2028\u2029]", " ", s))


class _Stdout:
    """sys.stdout (as it is at each write) for text that may hold surrogate code points."""

    def write(self, s: str) -> int:
        return sys.stdout.write(valid_unicode(s))


def _warn(warnings: list) -> int:
    """Print the warnings of documents not read whole; the exit status they call for."""
    for w in warnings:
        _say(f"claimcheck: warning: {w}")
    return 2 if warnings else 0


def _cmd_extract(args) -> int:
    from . import extract as extract_mod
    from .config import load_config
    from .load import load_report

    if args.format == "parquet":
        if not args.output:
            raise _UsageError("--format parquet writes a binary file: name it with --output FILE")
        from .export import require_pyarrow, write_parquet

        require_pyarrow()
    limits, warnings = load_config(args.config).limits(), []
    status = 0
    out = io.StringIO() if args.output else _Stdout()
    rows = []
    docs, problems = load_report(args.files)
    for exc in problems:
        _say(f"claimcheck: error: {exc}")
        status = 2
    for doc in docs:
        doc = limits.clip(doc, warnings)
        claims = limits.keep(doc, extract_mod.extract(doc.text, published=doc.published, doc_id=doc.id), warnings)
        where = doc.path or doc.id
        if args.format == "parquet":
            rows.extend(claims)
        elif args.format == "table":
            cache: dict = {}
            for c in claims:
                line, col = _line_col(doc.text, c.start, cache)
                rows.append(tuple(_cell(x) for x in (
                    f"{where}:{line}:{col}", c.text, interval_body(c), c.unit, period_text(c.as_of), c.metric or "",
                    c.modality or "", c.source or "")))
        elif args.format == "jsonl":
            for c in claims:
                out.write(json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n")
        else:
            rows.append({"document": doc.id, "path": doc.path, "published": doc.published and doc.published.isoformat(),
                         "title": doc.title, "claims": [c.model_dump(mode="json") for c in claims]})
    if args.format == "table":
        _print_table(rows, out)
    elif args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    if args.format == "parquet":
        write_parquet(rows, args.output)
    elif args.output:
        _write_output(args.output, out.getvalue())
    return _warn(warnings) or status


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _print_table(rows, out) -> None:
    header = ("location", "claim", "value", "unit", "as_of", "metric", "modality", "source")
    if not rows:
        out.write("no claims found\n")
        return
    widths = [max(_width(r[i]) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        cells = [r[i] + " " * (widths[i] - _width(r[i])) for i in range(len(header))]
        out.write("  ".join(cells).rstrip() + "\n")


_FAIL_RANK = {"error": 0, "warning": 1, "info": 2, "never": -1}


def _codes(s: Optional[str]) -> Optional[list]:
    """Codes or prefixes from --select/--ignore; one no rule has is a usage error."""
    if not s:
        return None
    from .rules import load_all

    codes = [c.strip().upper() for c in s.replace(" ", ",").split(",") if c.strip()]
    known = load_all()
    for c in codes:
        if not c.startswith("CC") or not any(k.startswith(c) for k in known):
            raise _UsageError(f"no rule {c!r} (rules: {', '.join(sorted(known))})")
    return codes


class _UsageError(Exception):
    """A bad command-line value argparse cannot see (exit 2)."""


def _cmd_check(args) -> int:
    from . import baseline as bl
    from .check import check
    from .config import load_config
    from .link import extend_vocabulary
    from .load import load_report
    from .report import render

    cfg = load_config(args.config)
    if cfg.vocabulary:
        extend_vocabulary([cfg.resolve(p) for p in cfg.vocabulary])
    status = 0
    docs, problems = load_report(args.paths)
    corpus = args.against if args.against is not None else [cfg.resolve(p) for p in cfg.corpus]
    against: list = []
    index = _index_of(corpus)
    on_dask = _engine(args) == "dask"
    if index is not None and on_dask:
        index.close()
        raise _UsageError(f"--engine dask does not read a claim index ({index.path}); use --engine local, or "
                          f"--against the articles themselves")
    if index is not None:
        docs = _as_in_index(docs, index)
        why = index.stale
        if why:
            _say(f"claimcheck: warning: {index.path}: built with another {why}; "
                 f"`claimcheck index {index.path} --rebuild PATH...` reads the archive again")
    elif corpus:
        against, more = load_report(corpus)
        docs = _as_in_corpus(docs, corpus)
        new_paths = {os.path.realpath(d.path) for d in docs if d.path}
        against = [d for d in against if not d.path or os.path.realpath(d.path) not in new_paths]
        # (a new article is not its own corpus)
        problems = [*problems, *more]
    for exc in problems:
        _say(f"claimcheck: error: {exc}")
        status = 2
    engine = cfg.engine()
    if args.select:
        engine["select"] = _codes(args.select)
    if args.ignore:
        engine["ignore"] = tuple(_codes(args.ignore))
    if on_dask:
        from .engines import check_dask

        report = check_dask(docs, against=against or None, config=engine, scheduler=args.scheduler,
                            num_workers=_jobs(args.jobs))
    else:
        with _Progress(enabled=not args.no_progress) as bar:
            report = check(docs, against=index if index is not None else (against or None), config=engine,
                           progress=bar.update, jobs=_jobs(args.jobs))
    if index is not None:
        index.close()
    accepted: list = []
    baseline_path = args.baseline or (cfg.resolve(cfg.baseline) if cfg.baseline and not args.write_baseline else None)
    if args.write_baseline:  # (the findings written are accepted: they do not fail this run)
        n = bl.write_baseline(report.findings, args.write_baseline)
        _say(f"claimcheck: wrote {n} finding(s) to the baseline {args.write_baseline}")
        accepted = report.findings
    elif baseline_path:
        new, old, stale = bl.split(report.findings, bl.read_baseline(baseline_path))
        report.findings, accepted = new, old
        if old:
            _say(f"claimcheck: {len(old)} finding(s) accepted in the baseline {baseline_path}")
        if stale:
            _say(f"claimcheck: {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} matched no finding "
                 f"(fixed or changed); --write-baseline {baseline_path} refreshes it")
    out = args.output
    color = out is None and args.format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    documents = {d.id: d for d in [*docs, *against]}
    text = render(report, args.format, documents, color=color) if args.format == "text" else \
        render(report, args.format, documents)
    if out is None:
        sys.stdout.write(text)
    else:
        _write_output(out, text)
    status = _warn(report.warnings) or status
    if report.errors:
        for e in report.errors:
            _say(f"claimcheck: internal error: {e}")
        return 2
    if status:
        return status
    level = _FAIL_RANK[args.fail_on or cfg.fail_on]
    failing = [f for f in report.findings if f not in accepted] if accepted else report.findings
    if level >= 0 and any(_FAIL_RANK.get(f.severity, 0) <= level for f in failing):
        return 1
    return 0


def _index_of(corpus: list):
    """The claim index when the corpus is one SQLite file (claimcheck index), else None."""
    from .index import Index, is_index

    if len(corpus) == 1 and os.path.isfile(corpus[0]) and (is_index(corpus[0]) or
                                                           str(corpus[0]).endswith((".db", ".sqlite", ".sqlite3"))):
        return Index(corpus[0], create=False, readonly=True)
    return None


def _as_in_index(docs: list, index) -> list:
    """New documents get the id they have, or would have, in the index: a file under a
    folder that was indexed is its path relative to that folder (articles/x.md is x.md
    in an index of articles/, whether or not x.md is in it yet); else the longest tail
    of the path that is an id of the index."""
    out = []
    roots = index.roots()
    for d in docs:
        if not d.path or d.id != d.path:
            out.append(d)
            continue
        real = os.path.realpath(d.path)
        root = next((r for r in roots if real.startswith(r.rstrip(os.sep) + os.sep)), None)
        if root is not None:
            out.append(d.model_copy(update={"id": os.path.relpath(real, root).replace(os.sep, "/")}))
            continue
        parts = os.path.normpath(d.path).replace(os.sep, "/").split("/")
        tails = ["/".join(parts[i:]) for i in range(len(parts))]
        known = index.known_ids(tails)
        best = next((t for t in tails if t in known), None)
        out.append(d if best is None or best == d.id else d.model_copy(update={"id": best}))
    return out


def _engine(args) -> str:
    """local or dask: --scheduler implies dask."""
    if args.scheduler is not None and args.engine == "local":
        raise _UsageError("--scheduler runs the Dask engine: drop it or --engine local")
    return "dask" if args.scheduler is not None else (args.engine or "local")


def _jobs(n: Optional[int]) -> int:
    from .parallel import default_jobs

    if n is not None and n < 1:
        raise _UsageError(f"--jobs must be 1 or more, not {n}")
    return default_jobs() if n is None else n


def _cmd_index(args) -> int:
    from .config import load_config
    from .index import Index
    from .link import extend_vocabulary
    from .load import load_report

    cfg = load_config(args.config)
    if cfg.vocabulary:
        extend_vocabulary([cfg.resolve(p) for p in cfg.vocabulary])
    with Index(args.db, create=True) as ix:
        if not args.paths:
            docs_n, claims_n = ix.counts()
            meta = ix.meta()
            print(valid_unicode(f"{ix.path}: {docs_n} documents, {claims_n} claims; schema {meta.get('schema')}, "
                                f"extractor {meta.get('extractor')}, vocabulary {meta.get('vocabulary')}"))
            if ix.stale:
                print(f"stale: built with another {ix.stale}; --rebuild PATH... reads the documents again")
            return 0
        docs, problems = load_report(args.paths)
        for exc in problems:
            _say(f"claimcheck: error: {exc}")
        if args.prune and problems:
            _say("claimcheck: error: not pruning: some paths could not be read")
            args.prune = False
        with _Progress(enabled=not args.no_progress) as bar:
            st = ix.update(docs, jobs=_jobs(args.jobs), rebuild=args.rebuild, prune=args.prune, progress=bar.update,
                           limits=cfg.limits())
        ix.add_roots(p for p in args.paths if os.path.isdir(p))
        docs_n, claims_n = ix.counts()
        _say(f"{ix.path}: {st.added} added, {st.updated} updated, {st.unchanged} unchanged, {st.removed} removed "
             f"({st.claims} claims read); {docs_n} documents, {claims_n} claims")
    return _warn(list(st.warnings)) or (2 if problems else 0)


def _as_in_corpus(docs: list, corpus: list) -> list:
    """New documents that lie in a corpus directory get the id they have there
    (articles/x.md checked --against articles/ is x.md, as in `check articles/`), so
    that findings, fingerprints and baselines are the same either way."""
    roots = [os.path.realpath(p) for p in corpus if os.path.isdir(p)]
    if not roots:
        return docs
    out, taken = [], set()
    for d in docs:
        new_id = d.id
        real = os.path.realpath(d.path) if d.path else None
        for r in roots:
            if real and real.startswith(r + os.sep) and d.id == d.path:  # (a file named as such)
                new_id = os.path.relpath(real, r).replace(os.sep, "/")
                break
        if new_id in taken:
            new_id = d.id
        taken.add(new_id)
        out.append(d if new_id == d.id else d.model_copy(update={"id": new_id}))
    return out


def _write_output(path: str, text: str) -> None:
    """Write a report to `path` atomically (a reader never sees half a report)."""
    from .errors import ConfigError

    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(valid_unicode(text))
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ConfigError(path, f"cannot write the report: {exc.strerror or exc}") from None


class _Progress:
    """A progress bar on stderr for runs over ~2 s, only on a terminal and never under
    CI (the CI environment variable) or with --no-progress: machine formats go to
    stdout and logs stay clean."""

    DELAY = 2.0

    def __init__(self, enabled: bool = True):
        self.on = enabled and sys.stderr.isatty() and not os.environ.get("CI")
        self.t0 = 0.0
        self.shown = False

    def __enter__(self):
        import time

        self.t0 = time.monotonic()
        return self

    def update(self, done: int, total: int) -> None:
        if not self.on or total <= 0:
            return
        import time

        if time.monotonic() - self.t0 < self.DELAY:
            return
        width = 30
        fill = int(width * done / total)
        sys.stderr.write(f"\rreading {done}/{total} [{'#' * fill}{'.' * (width - fill)}]")
        sys.stderr.flush()
        self.shown = True

    def __exit__(self, *exc):
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
        return False


def _cmd_explain(args) -> int:
    from .rules import load_all, rule_doc

    rules = load_all()
    code = args.code.upper()
    if code not in rules:
        _say(f"claimcheck: error: no rule {args.code!r} (rules: {', '.join(sorted(rules))})")
        return 2
    r = rules[code]
    doc = rule_doc(code)
    sys.stdout.write(doc if doc else f"{r.code} ({r.severity}): {r.summary}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimcheck", description="Find and check numeric claims in news text.")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="list the numeric claims in files or folders")
    e.add_argument("files", nargs="+", metavar="FILE", help="text files or folders of them")
    e.add_argument("--format", choices=("table", "json", "jsonl", "parquet"), default="table",
                   help="parquet: one row a claim (needs pyarrow and --output)")
    e.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    e.add_argument("--config", metavar="FILE",
                   help="claimcheck.toml or pyproject.toml (its size limits; default: the nearest up from here)")
    e.set_defaults(func=_cmd_extract)
    c = sub.add_parser("check", help="check the claims of files or folders against each other")
    c.add_argument("paths", nargs="+", metavar="PATH", help="articles, or folders of them")
    c.add_argument("--against", nargs="+", metavar="CORPUS", help="earlier articles to check the new ones against")
    c.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    c.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    c.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="exit 1 when a finding is at least this severe (default: the config's, else error)")
    c.add_argument("--baseline", metavar="FILE", help="accept the findings whose fingerprints FILE holds")
    c.add_argument("--write-baseline", metavar="FILE", help="write the findings' fingerprints to FILE")
    c.add_argument("--config", metavar="FILE",
                   help="claimcheck.toml or pyproject.toml to read (default: the nearest up from here)")
    c.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    c.add_argument("--jobs", "-j", type=int, metavar="N", help="read documents in N processes (default: every CPU)")
    c.add_argument("--select", metavar="CODES", help="only these rules (codes or prefixes, comma-separated)")
    c.add_argument("--ignore", metavar="CODES", help="not these rules (codes or prefixes, comma-separated)")
    c.add_argument("--engine", choices=("local", "dask"), default=None,
                   help="local: this process and --jobs readers (default); dask: a Dask bag pipeline, same report "
                        "(pip install \"claimcheck[dask]\")")
    c.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler to run on, e.g. tcp://host:8786 (implies --engine dask; default: "
                        "Dask's local threads)")
    c.set_defaults(func=_cmd_check)
    i = sub.add_parser("index", help="add or update articles in a claim index (SQLite), for --against DB")
    i.add_argument("db", metavar="DB", help="the index file (made when missing)")
    i.add_argument("paths", nargs="*", metavar="PATH", help="articles, or folders of them (none: show the index)")
    i.add_argument("--prune", action="store_true", help="remove documents not found under the PATHs")
    i.add_argument("--rebuild", action="store_true", help="read every document again (after an upgrade)")
    i.add_argument("--jobs", "-j", type=int, metavar="N", help="read documents in N processes (default: every CPU)")
    i.add_argument("--config", metavar="FILE", help="claimcheck.toml or pyproject.toml (vocabulary extensions)")
    i.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    i.set_defaults(func=_cmd_index)
    x = sub.add_parser("explain", help="what a rule checks, with an example")
    x.add_argument("code", metavar="CODE", help="a rule code, e.g. CC201")
    x.set_defaults(func=_cmd_explain)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return args.func(args)
    except (ClaimcheckError, _UsageError) as exc:
        _say(f"claimcheck: error: {exc}")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _say("claimcheck: interrupted")
        return 2
    except Exception as exc:  # noqa: BLE001 - a crash is exit 2 with one line, never 1 (findings)
        _say(f"claimcheck: internal error: {type(exc).__name__}: {exc} "
             f"(please report it with the input that caused it)")
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
