"""link: what a claim measures, as a metric key built from its subject and scope.

The vocabulary is data (claimcheck/data/metrics.toml); its header explains the key
`head.qualifier.measure`. extract/context.py finds the words of the vocabulary in a
document (one pass) and asks `metric_key` for each claim; the checker groups claims by
that key.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

from ._data import load_toml

__all__ = ["Metric", "vocabulary", "applies", "metric_key", "measure_of", "unknown_key", "metric_of"]


class Metric(NamedTuple):
    key: str
    units: frozenset  # units the metric applies to (empty: any)
    status: bool  # whether the status words (发布/备案) qualify it
    default: str
    cumulative: bool
    qualifiers: dict  # word -> qualifier
    generic: bool = False  # compared only between claims with the same subject


class _Vocabulary(NamedTuple):
    metrics: dict  # key -> Metric
    words: dict  # word as written (Latin words lower-cased) -> key
    measures: dict  # unit -> measure name


_EXTRA: list = []  # (path, parsed table) of the vocabulary files added by extend_vocabulary
_LISTENERS: list = []  # what rebuilds its patterns when the vocabulary changes


def on_vocabulary_change(func) -> None:
    """Call `func()` after the vocabulary has changed (extract/context rebuilds its word
    patterns)."""
    _LISTENERS.append(func)


def extend_vocabulary(paths) -> None:
    """Add the metrics of these TOML files (the format of claimcheck/data/metrics.toml:
    [[metric]] tables and [measures]) to the vocabulary, in place of those added before.
    A metric with a key the vocabulary has gets the new words; a new key is a new
    metric. A file that cannot be read or has a bad entry raises ConfigError."""
    import os

    from ._data import tomllib
    from .errors import ConfigError

    extra = []
    for p in paths:
        where = os.fspath(p)
        try:
            with open(p, "rb") as fh:
                table = tomllib.load(fh)
        except OSError as exc:
            raise ConfigError(where, f"cannot read the vocabulary file: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(where, f"not valid TOML: {exc}") from None
        for i, m in enumerate(table.get("metric", [])):
            if not isinstance(m, dict) or not isinstance(m.get("key"), str) or not m["key"].isidentifier():
                raise ConfigError(where, f"[[metric]] #{i + 1}: needs a key of letters, digits and _")
            for lang in ("zh", "en", "units"):
                v = m.get(lang, [])
                if not isinstance(v, list) or not all(isinstance(w, str) and w for w in v):
                    raise ConfigError(where, f"[[metric]] {m['key']}: {lang} must be a list of words")
        extra.append((where, table))
    _set_extra(extra)


def use_extra(extra: list) -> None:
    """Make `extra` ((path, parsed table) pairs, what `_EXTRA` holds after
    extend_vocabulary) the vocabulary extension of this process: a worker in another
    process or on another machine takes the parsed tables this way and needs none of
    the files. Nothing is rebuilt when they are the ones in force."""
    extra = [(p, t) for p, t in extra]
    if extra != _EXTRA:
        _set_extra(extra)


def _set_extra(extra: list) -> None:
    _EXTRA[:] = extra
    vocabulary.cache_clear()
    applies.cache_clear()
    unknown_key.cache_clear()
    for func in _LISTENERS:
        func()


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    data = load_toml("metrics.toml")
    metrics, words = {}, {}
    tables = [*data.get("metric", [])]
    measures = dict(data.get("measures", {}))
    for _path, extra in _EXTRA:
        known = {m["key"]: m for m in tables}
        for m in extra.get("metric", []):
            if m["key"] in known:  # more words for a metric we know
                old = known[m["key"]]
                tables[tables.index(old)] = {**old, "zh": [*old.get("zh", []), *m.get("zh", [])],
                                             "en": [*old.get("en", []), *m.get("en", [])]}
            else:
                tables.append(m)
        measures.update(extra.get("measures", {}))
    for m in tables:
        metric = Metric(m["key"], frozenset(m.get("units", ())), bool(m.get("status", False)),
                        m.get("default", "total"), bool(m.get("cumulative", False)), dict(m.get("qualifiers", {})),
                        bool(m.get("generic", False)))
        metrics[metric.key] = metric
        for w in m.get("zh", []):
            words.setdefault(w, metric.key)
        for w in m.get("en", []):
            words.setdefault(w.lower(), metric.key)
    return _Vocabulary(metrics, words, measures)


def measure_of(unit: str) -> str:
    """The last part of a metric key for a claim in `unit` (model -> count)."""
    return vocabulary().measures.get(unit, unit.replace("/", "_").replace(" ", "_"))


@lru_cache(maxsize=4096)
def applies(head: str, unit: str) -> bool:
    """Whether the metric named by the vocabulary word `head` applies to claims in `unit`."""
    v = vocabulary()
    m = v.metrics[v.words[head]]
    return not m.units or unit in m.units


def metric_key(head: str, unit: str, qualifier_text: str, status: Optional[str]) -> Optional[str]:
    """The key for a claim in `unit` whose subject is named by the vocabulary word `head`;
    `qualifier_text` is the text around the head where qualifier words are looked for,
    `status` the status word's value in the context (released, registered), if any.
    None when the metric does not apply to the unit."""
    v = vocabulary()
    m = v.metrics[v.words[head]]
    if m.units and unit not in m.units:
        return None
    if m.status:
        qual = status or m.default
    else:
        qual = m.default
        best = -1
        for w, q in m.qualifiers.items():  # the last qualifier word written wins
            i = qualifier_text.rfind(w)
            if i > best:
                best, qual = i, q
    return f"{m.key}.{qual}.{measure_of(unit)}"


_TRAILING_NON_NOUN = re.compile(r"[的了和与及、等\s]+$")
_LAST_PHRASE = re.compile(r"(?:[^的之、，,；;：:「」“”\"《》()（）\s]{1,12}|[A-Za-z][A-Za-z ]{0,30})$")


@lru_cache(maxsize=4096)
def unknown_key(subject: Optional[str], unit: str) -> str:
    """A deterministic key for a subject the vocabulary does not name: its last phrase
    as written (after the last 的/之, at most 12 characters: 通义开源模型累计下载量),
    marked with ~ so that it is never mistaken for a vocabulary key."""
    head = ""
    if subject:
        s = _TRAILING_NON_NOUN.sub("", subject)
        m = _LAST_PHRASE.search(s)
        head = (m.group() if m else s[-12:]).strip().lower()
    return f"~{head or 'unknown'}.{measure_of(unit)}"


def metric_of(key: Optional[str]) -> Optional[Metric]:
    """The vocabulary entry of a metric key, or None for ~ keys and None."""
    if not key or key.startswith("~"):
        return None
    return vocabulary().metrics.get(key.split(".", 1)[0])
