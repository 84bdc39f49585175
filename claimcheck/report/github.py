"""GitHub Actions workflow commands: one annotation a finding.

    ::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CC101 rule-name::message

error -> ::error, warning -> ::warning, info -> ::notice. The message is the finding's
message, then its explanation on a second line. Columns are 1-based UTF-16 code units
(as in SARIF). Escaping, as the runner reads it: in the message % -> %25, CR -> %0D,
LF -> %0A; in a property value also : -> %3A and , -> %2C.

GitHub shows at most 10 annotations of each level for a step and drops the rest
silently, so at most `max_per_level` (10) of each are written, the most severe first;
when any are left out, a last notice says how many (one notice slot is kept for it).
`step_summary` is the Markdown report; render_github appends it to the file named by
`step_summary_path` (by default $GITHUB_STEP_SUMMARY, unset outside Actions; "" for none).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .._text import valid_unicode
from ..model import Document, Finding, Report
from ._common import (
    SEVERITIES,
    as_mapping,
    by_severity,
    locate,
    plural,
    rule_name,
    located_first,
    rules,
    strip_controls,
)

MAX_PER_LEVEL = 10
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """A message: % CR LF as %25 %0D %0A."""
    return strip_controls(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A property value: as a message, and : , as %3A %2C."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    """One workflow command line; properties that are None are left out."""
    ps = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + ps if ps else ''}::{escape_data(message)}"


def _annotation(f: Finding, docs: Mapping[str, Document], names: dict) -> str:
    props: dict = {}
    cited = located_first(f.claims, docs)
    if cited:
        span = locate(cited[0], docs, utf16=True)
        props = {"file": span.path, "line": span.line, "col": span.column,
                 "endLine": span.end_line, "endColumn": span.end_column}
    props["title"] = f"{f.code} {names[f.code]}" if names.get(f.code) else f.code
    message = f.message + (f"\n{f.explanation}" if f.explanation else "")
    return command(COMMANDS.get(f.severity, "warning"), message, **props)


def annotations(report: Report, documents: Mapping[str, Document] | None = None,
                max_per_level: int = MAX_PER_LEVEL) -> list[str]:
    """The workflow command lines for the findings (without the step summary)."""
    docs = as_mapping(documents)
    names = {code: rule_name(r) for code, r in rules().items()}
    by_level: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
    for f in by_severity(report.findings):
        by_level.setdefault(f.severity if f.severity in by_level else "warning", []).append(f)
    cap = dict.fromkeys(by_level, max(max_per_level, 0))
    if any(len(fs) > cap[s] for s, fs in by_level.items()) and cap["info"] > 0:
        cap["info"] -= 1  # the closing notice takes one of the notice slots
    lines, left = [], {}
    for s, fs in by_level.items():
        lines += [_annotation(f, docs, names) for f in fs[:cap[s]]]
        left[s] = max(len(fs) - cap[s], 0)
    if sum(left.values()):
        lines.append(command("notice", (
            f"{plural(sum(left.values()), 'more finding')} not shown as annotations ({plural(left['error'], 'error')}, "
            f"{plural(left['warning'], 'warning')}, {plural(left['info'], 'notice')}); see the full report"),
            title="claimcheck"))
    return lines


def step_summary(report: Report, documents: Mapping[str, Document] | None = None) -> str:
    """The Markdown report, for $GITHUB_STEP_SUMMARY."""
    from .markdown import render_markdown

    return render_markdown(report, documents)


def render_github(report: Report, documents: Mapping[str, Document] | None = None, *,
                  max_per_level: int = MAX_PER_LEVEL, step_summary_path: str | None = None, **_opts) -> str:
    if step_summary_path is None:
        step_summary_path = os.environ.get("GITHUB_STEP_SUMMARY", "")
    if step_summary_path:
        with open(step_summary_path, "a", encoding="utf-8") as fh:
            fh.write(valid_unicode(step_summary(report, documents)))
    lines = annotations(report, documents, max_per_level)
    return "".join(line + "\n" for line in lines)
