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

__all__ = ["trie", "rtrie"]


def trie(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words`, longest first. Empty words are
    ignored; an empty list gives a pattern that never matches."""
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _node(root)


def _node(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(regex.escape(ch) + _node(node[ch]) if node[ch] else regex.escape(ch))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def rtrie(words: Iterable[str]) -> str:
    """The same for a REVERSE pattern, which reads right to left: a trie of the reversed
    words, each branch written with its last character last (超过|不超过|过 is
    (?:(?:不)?超)?过). Of the words that end where the match starts, the longest is
    still tried first: they end alike, so each is a suffix of the longer ones."""
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in reversed(w):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _rnode(root)


def _rnode(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(_rnode(node[ch]) + regex.escape(ch) if node[ch] else regex.escape(ch))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
