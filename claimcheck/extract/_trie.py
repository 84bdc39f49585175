"""Word lists as trie-shaped regular expressions.

`regex` tries the branches of an alternation one after another, so a list of a few
hundred words costs hundreds of comparisons at every position it is tried. The same
list written as a trie (百(?:模大战|行千业)|千(?:家万户|行百业)...) costs one comparison
per character. Longer words still win over their prefixes: a word that ends inside the
trie makes the rest optional, and the optional part is greedy.
"""

from __future__ import annotations

from typing import Iterable

import regex

__all__ = ["trie", "rtrie", "longest_first"]


def trie(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words`, longest first. Empty words are
    ignored; an empty list gives a pattern that never matches."""
    return _build(words, reverse=False)


def rtrie(words: Iterable[str]) -> str:
    """The same for a REVERSE pattern, which reads right to left: a trie of the reversed
    words, each branch written with its last character last (超过|不超过|过 is
    (?:(?:不)?超)?过). Of the words that end where the match starts, the longest is
    still tried first: they end alike, so each is a suffix of the longer ones."""
    return _build(words, reverse=True)


def longest_first(words: Iterable[str]) -> str:
    """A flat alternation, longest word first: for short lists, and for patterns whose
    branches must stay whole words."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _build(words: Iterable[str], reverse: bool) -> str:
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in (reversed(w) if reverse else w):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _emit(root, reverse)


def _emit(node: dict, reverse: bool) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        sub = _emit(node[ch], reverse)
        branches.append(sub + regex.escape(ch) if reverse else regex.escape(ch) + sub)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body
