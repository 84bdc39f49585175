"""CC4xx units: a figure in a unit its metric is never measured in, but one that looks
like a unit it is (150EB of 算力: EFLOPS?). The magnitude slip, CC401, is found with
the conflicts (rules/conflicts.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import link
from ..extract._trie import trie
from .._data import load_toml
from . import register
from .base import Group, finding, quote

__all__ = ["confused_unit"]

@lru_cache(maxsize=1)
def _words():
    """The vocabulary's words as one pattern (subjects are matched lower-cased)."""
    return re.compile(trie(link.vocabulary().words))


link.on_vocabulary_change(_words.cache_clear)


_CONFUSABLE = {(c["metric_unit"], c["written"]) for c in load_toml("rules.toml")["confusable"]}


@register("CC402", "warning", "A figure in a unit its metric is not measured in, that looks like one it is", name="look-alike-unit")
def confused_unit(group: Group, compared: set):
    """A claim whose subject names a metric of the vocabulary (算力) but whose unit the
    metric does not take, where that unit is a known look-alike of one it does take
    (rules.toml [[confusable]]: EB for EFLOPS): 2022年我国算力总规模达150EB."""
    vocab = link.vocabulary()
    confusable_written = {w for _, w in _CONFUSABLE}
    for c in group.claims:
        if c.unit not in confusable_written or not (c.metric or "").startswith("~") or not c.subject:
            continue
        for m in _words().finditer(c.subject.lower()):
            word = m.group()
            key = vocab.words[word]
            units = vocab.metrics[key].units
            wanted = next((u for u in units if (u, c.unit) in _CONFUSABLE), None)
            if wanted is None:
                continue
            compared.add(c.key)
            yield finding("CC402", "warning", c.metric, [c],
                          f"{quote(c)} gives {key} (named by 「{word}」) in {c.unit}, "
                          f"which it is not measured in: {wanted} meant?",
                          f"{key} takes {', '.join(sorted(units))}; the text's unit is {c.unit}")
            break
