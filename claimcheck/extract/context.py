"""Context: what each claim measures, where, when, how sure, and on whose word.

For every claim of a document, `anchor` reads the text before it (its clause, then its
context: the sentence, carried across line breaks that end no sentence, as in
infographic text 大模型已发布\\n\\n79个) and gives:

  subject   the thing measured, as written (10亿参数规模以上的大模型)
  scope     qualifiers that decide comparability: region, status (released/registered),
            basis (cumulative/new/yoy), thresholds (min_params from 10亿参数规模以上)
  metric    a key from the vocabulary (link.py, data/metrics.toml)
  modality  fact | forecast | target | estimate
  source    who the context cites (《报告》显示, 据信通院统计, IDC数据显示)
  as_of     the period the value describes, with the rule that gave it (timex.py)

Speed: the words of context.toml and metrics.toml are found in one pass over the
document; each claim then looks at the hits between its context's start and itself
(bisect), and finds its clause and context starts with REVERSE searches from its own
position. Nothing re-scans a sentence per claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple, Optional

import regex

from .. import link
from . import timex
from .._data import load_toml
from ..model import Period
from ._trie import trie

__all__ = ["Anchor", "anchor", "context_start"]

_CTX = load_toml("context.toml")

_KIND: dict[str, tuple[str, str]] = {}  # word -> (kind, value); Latin words lower-cased


def _kinds() -> dict[str, tuple[str, str]]:
    kinds: dict[str, tuple[str, str]] = {}
    for w in link.vocabulary().words:
        kinds.setdefault(w, ("metric", w))
    for table, kind in (("regions", "region"), ("status", "status"), ("basis", "basis")):
        for w, v in _CTX[table].items():
            kinds.setdefault(w.lower() if w.isascii() else w, (kind, v))
    for kind in ("target", "forecast", "estimate"):
        for w in _CTX["modality"][kind]:
            kinds.setdefault(w.lower() if w.isascii() else w, ("modality", kind))
    for w in [*_CTX["source"]["openers"], *_CTX["source"]["verbs"], "《"]:  # words that may begin or end a citation
        kinds.setdefault(w.lower() if w.isascii() else w, ("cue", ""))
    return kinds


_MODALITY_RANK = {"target": 3, "forecast": 2, "estimate": 1}
_SRC = _CTX["source"]


def _is_latin_word(w: str) -> bool:
    return w.isascii() and any(c.isalpha() for c in w)


# Two plain tries, which Python's `re` searches fast (a look-behind or (?i) in front
# would make it try every position): the Chinese words as written, and the Latin words
# in lower-cased copies of the runs of Latin text (GPUs, Large Models), whose
# neighbours are checked after.
_WORDS = _LATIN_WORDS = None  # (set by _lexicon below) the Chinese words; the Latin words, in lower-cased text
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .'-]*")  # (lower-casing such a run keeps its length)


def _is_ascii_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


_NOT_NAMES = frozenset(_SRC["not_names"])
_VERBS_ZH = [v for v in _SRC["verbs"] if not v.isascii()]
_OPENERS_ZH = [o for o in _SRC["openers"] if not o.isascii()]
_OPENERS_EN = [o for o in _SRC["openers"] if o.isascii()]
_SOURCE = re.compile(
    rf"""
      (?P<title> 《[^》\n]{{1,60}}》 ) [^，。,；;\n《]{{0,4}}? (?: {trie(_VERBS_ZH)} )
    | (?: {trie(_OPENERS_ZH)} ) [ \t]* (?P<name> [^，。,；;：:\n《》“”"\d][^，。,；;：:\n《》“”"]{{0,{_SRC["max_name"] - 1}}}? )
          [ \t]* (?: {trie(_VERBS_ZH)} )
    | (?P<name2> [A-Za-z\u4e00-\u9fff]{{2,12}}? ) 数据显示
    | (?<! [A-Za-z] ) (?i: {trie(_OPENERS_EN)} ) [ \t]+ (?P<en> [^,.;:\n]{{1,40}} )
    """,
    re.VERBOSE,
)

# Sentence and clause ends: forwards (where a context ends), backwards from a claim.
# (a semicolon joins the clauses of one sentence: 2022年我国数据产量达8.1ZB；我国数据存储量达724.5EB)
_STRONG_END = re.compile(r"[。！？!?]")
_STRONG_END_R = regex.compile(r"[。！？!?]", regex.REVERSE)
_CLAUSE_END_R = regex.compile(r"[，,；;：:。！？!?]", regex.REVERSE)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
_NO_CARRY = frozenset("。！？!?；;，,：:、)）】」』”\"'")  # a line that ends so ends its words
_CONTEXT_BACK = 300  # how far back a context may start
# How far a context may reach from its start: the sentence, but in a sentence longer
# than this (a run-on line of a scrape, a table flattened to one line, a hostile input)
# a window of this many characters, so that the words read for each claim are a bounded
# number and a whole text reads in linear time (tests/test_linear.py).
_CONTEXT_MAX = 1000
_CARRY_LINES = 2  # line breaks a context is carried across

_SUBJ = _CTX["subject"]
_LEAD = re.compile(r"(?:\s|(?:" + trie(_SUBJ["lead"]) + r"))+")
# a subject that opens with a demonstrative (该项目, 这家公司, 此次活动) names something the
# article itself introduced: its figures are not compared with other articles' (rules)
_DEICTIC = re.compile(r"[\s，,、]*(?:" + trie(_SUBJ["deictic"]) + r")")
_TRAIL_BY_LAST: dict[str, list[str]] = {}  # last character -> the words ending so, longest first
for _w in sorted(_SUBJ["trail"], key=len, reverse=True):
    _TRAIL_BY_LAST.setdefault(_w[-1], []).append(_w)
_LEAD_OR_REGION = None  # (set by _lexicon) lead words and regions before a subject

class Anchor(NamedTuple):
    subject: Optional[str]
    scope: dict
    metric: Optional[str]
    modality: str
    source: Optional[str]
    as_of: object = None  # a Period, or None
    as_of_rule: Optional[str] = None  # own | sentence | published | none


def context_start(f: str, pos: int) -> int:
    """Where the context of a claim at `pos` starts: after the last sentence end before
    it, and after the last line break unless the line before that break ends without
    punctuation (a headline-like fragment that the claim continues), at most
    _CARRY_LINES breaks back."""
    lo = pos - _CONTEXT_BACK if pos > _CONTEXT_BACK else 0
    m = _STRONG_END_R.search(f, lo, pos)
    cs = m.end() if m else lo
    j = f.rfind("\n", cs, pos)
    carried = 0
    while j >= cs:
        q = j - 1
        while q >= cs and f[q] in " \t\r\n\u3000":
            q -= 1
        if q < cs or f[q] in _NO_CARRY or carried >= _CARRY_LINES:
            return j + 1
        carried += 1
        j = f.rfind("\n", cs, q + 1)
    return cs


def context_end(f: str, pos: int, end: int) -> int:
    """Where the context of a claim at `pos` ends, at `end` (its sentence end) at the
    latest: after the first line break after it that ends a line with punctuation, or
    after the _CARRY_LINES + 1st break (as context_start carries a context back)."""
    j = f.find("\n", pos, end)
    carried = 0
    while j >= 0:
        q = j - 1
        while q >= pos and f[q] in " \t\r\n\u3000":
            q -= 1
        if q >= pos and f[q] in _NO_CARRY or carried >= _CARRY_LINES:
            return j + 1
        carried += 1
        k = j + 1
        while k < end and f[k] in " \t\r\n\u3000":  # (blank lines: one break, as context_start counts them)
            k += 1
        j = f.find("\n", k, end)
    return end


def _strip_trail(s: str) -> str:
    """`s` without the words of _TRAIL (and spaces) at its end, leaving one character."""
    while len(s) > 1:
        c = s[-1]
        words = _TRAIL_BY_LAST.get(c)
        if words is None:
            if c.isspace():
                s = s[:-1]
                continue
            return s
        for w in words:
            if s.endswith(w) and len(s) > len(w):
                s = s[:-len(w)]
                break
        else:
            return s
    return s


def _strip_subject(s: str) -> str:
    """The subject left of a clause: leading connectives, regions and vague times and the
    trailing verbs and particles trimmed. A region is trimmed only when words follow it
    (国内10亿参数规模以上的大模型 -> 10亿参数规模以上的大模型; 北京 alone stays)."""
    m = _LEAD_OR_REGION.match(s)
    if m:
        if m.end() < len(s):
            s = s[m.end():]
        else:
            m = _LEAD.match(s)
            if m:
                s = s[m.end():]
    return _strip_trail(s).strip()


_COUNTED_MAX = _CTX["counted"]["max"]
# the last characters of classifiers (个, 家, 张…): only after one is the next noun what is counted
_CLASSIFIER_ENDS = frozenset(k[-1] for k in load_toml("counters.toml")["classifiers"])
_COUNTED_STOP = re.compile(trie(_CTX["counted"]["stops"]))
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_EN_NOUN_PHRASE = re.compile(r" ((?:[A-Za-z][A-Za-z-]*)(?: [A-Za-z][A-Za-z-]*){0,2})")
_EN_STOPS = frozenset(_CTX["counted"]["en_stops"])


def _counted_noun(text: str, end: int) -> Optional[str]:
    """The noun phrase right after a count ending at `end` (see context.toml [counted]):
    Han characters (10个行业), or up to three English words (80 large models)."""
    m = _HAN_RUN.match(text, end, end + _COUNTED_MAX)
    if m is None:
        m = _EN_NOUN_PHRASE.match(text, end)
        if m is None:
            return None
        words = []
        for w in m.group(1).split():
            if w.lower() in _EN_STOPS:
                break
            words.append(w)
        return " ".join(words) or None
    stop = _COUNTED_STOP.search(text, end, m.end())
    noun = text[end:stop.start() if stop else m.end()]
    return noun or None


def _subject(s: str) -> Optional[str]:
    """The subject as written in the clause text `s` before a number: its last line
    that says something (a context carried across lines ends with the number's own
    line), trimmed by _strip_subject."""
    if "\n" in s:
        for line in reversed(s.split("\n")):
            line = _strip_subject(line)
            if line:
                return line
        return None
    return _strip_subject(s) or None


# the units of things counted by name (not `count`, money or ratios): a claim in one of
# them takes its metric from anywhere in its context (其中,北京 51 个 counts the models
# named before the enumeration)
_COUNTED: frozenset = frozenset()  # (set by _lexicon)



def anchor(text: str, f: str, raws: list, published=None, with_time: bool = True) -> list[Anchor]:
    """Anchors for the claims `raws` (RawClaims in text order) of the text `text`, whose
    folded form is `f`, published on `published` (a date or None).

    Only the contexts that hold claims are read, each once: its words (one `re` pass
    over the context), its time expressions (timex.find_times over the context,
    resolved against `published`; skipped when `with_time` is false) and, when a word
    that may begin or end a citation is among them, its citations. A claim's as_of is
    the time expression that governs it in its context, else the publication date; the
    spans of time expressions are trimmed from subjects, and a target year (到2025年)
    makes a target."""
    times: list = []
    time_starts: list = []
    pub_period = None if published is None else Period(start=published, end=published, grain="day")
    words = link.vocabulary().words
    metrics = link.vocabulary().metrics
    out: list[Anchor] = []
    prev_by_unit: dict = {}  # unit -> (context start, Anchor) of the last claim in that unit
    ctx_start = ctx_end = -1
    hits: list = []
    hit_starts: list = []
    sources: Optional[list] = None
    prev_p = -1
    for idx, r in enumerate(raws):
        p = r.start
        # the context of the claim before, unless a sentence end or a line break
        # stands between the two claims
        if prev_p >= 0 and p < ctx_end and f.find("\n", prev_p, p) < 0:
            cs = ctx_start
        else:
            cs = context_start(f, p)
        prev_p = p
        if cs != ctx_start:  # a new context: read its words once
            ctx_start = cs
            e = _STRONG_END.search(f, p, cs + _CONTEXT_MAX)
            ctx_end = context_end(f, p, e.end() if e else min(len(f), cs + _CONTEXT_MAX))
            hits = _hits(f, cs, ctx_end, raws, idx)
            hit_starts = [h[0] for h in hits]
            sources = None
            if with_time:
                times = timex.find_times(text, published, cs, ctx_end)
                time_starts = [t.start for t in times]
        c = _CLAUSE_END_R.search(f, cs, p)
        clause = c.end() if c else cs
        cue = -1  # where a word that may begin or end a citation stands
        region = status = basis = None
        modality_rank, modality = 0, "fact"
        metric_hit = None
        i1 = bisect_left(hit_starts, p)
        # the noun right after a count names what it counts (9万家企业)
        if r.kind == "count":
            j = bisect_left(hit_starts, r.end, i1)
            if j < len(hits) and hits[j][0] - r.end <= 2 and hits[j][3] == "metric" \
                    and link.applies(hits[j][2], r.unit):
                metric_hit = hits[j]
        for k in range(i1 - 1, -1, -1):  # nearest first
            hs, he, w, kind, value = hits[k]
            if he > p:
                continue
            if kind == "cue":
                cue = hs
            elif kind == "region":
                if region is None:
                    region = value
            elif kind == "status":
                if status is None:
                    status = value
            elif kind == "basis":
                if basis is None and hs >= clause:
                    basis = value
            elif kind == "modality":
                rank = _MODALITY_RANK[value]
                if rank > modality_rank:
                    modality_rank, modality = rank, value
            elif metric_hit is None and (hs >= clause or r.unit in _COUNTED) \
                    and link.applies(w, r.unit):
                metric_hit = hits[k]  # (beyond the clause only for things counted: 其中,北京51个)
        if region is None or status is None:  # "80 models had been released in China": after the number
            for k in range(i1, len(hits)):
                hs, he, w, kind, value = hits[k]
                if hs < r.end:
                    continue
                if _CLAUSE_END.search(f, r.end, hs) is not None:
                    break
                if kind == "region" and region is None:
                    region = value
                elif kind == "status" and status is None:
                    status = value
        metric = None
        scope: dict = {}
        if metric_hit is not None:
            hs, he, w = metric_hit[:3]
            metric = link.metric_key(w, r.unit, f[max(cs, hs - 6):max(p, he)], status)
            if metrics[words[w]].status:
                scope["status"] = status or metrics[words[w]].default

        # subject: the clause before the number (after any claim in it: 北京51个、上海24个),
        # less a time expression that opens it
        a = clause
        if idx and raws[idx - 1].end > a and raws[idx - 1].unit == r.unit:  # (10亿参数…的大模型 keeps its threshold)
            a = min(raws[idx - 1].end, p)
        if time_starts:
            t = bisect_left(time_starts, a)
            while t < len(times) and times[t].start < p:
                ts, te = times[t].start, times[t].end
                if te <= p and (ts == a or not f[a:ts].strip(" \t\n,，") or _LEAD.fullmatch(f, a, ts)):
                    a = te
                t += 1
        subject = _subject(text[a:p])
        if _DEICTIC.match(text, a, p):  # (该项目总投资: this article's project, no other's)
            scope["deictic"] = True
        owner = None
        # 10个行业, 80 large models: after a classifier or an English count, the noun that follows
        if r.kind == "count" and (text[r.end - 1:r.end] in _CLASSIFIER_ENDS or text[r.end:r.end + 1] == " "):
            noun = _counted_noun(text, r.end)
            if noun:
                owner, subject = subject, noun  # (阿里发布了3个大模型: 阿里's models)

        # thresholds: a parameter claim in the clause before this one (10亿参数规模以上)
        for q in range(idx - 1, -1, -1):
            o = raws[q]
            if o.end <= clause:
                break
            if o.unit == "parameter" and o.low is not None and o.bound in ("ge", "gt", "level", "more"):
                scope["min_params"] = o.low
                break
        if region is not None:
            scope["region"] = region
        if basis is not None:
            scope["basis"] = basis
        if owner and owner not in _REGIONS_WRITTEN and "region" not in scope:
            scope["of"] = owner  # whose figure, where no region says it (the clause before a count)

        source = None
        if cue >= 0:
            if sources is None:
                sources = _sources(f, text, cs, ctx_end)
            for end_, name in sources:
                if end_ > p:
                    break
                source = name

        if subject is None or subject in _REGIONS_WRITTEN:
            prev = prev_by_unit.get(r.unit)
            if prev is not None and prev[0] == cs:  # 其中,北京 51 个: a part of what came before
                subject = prev[1].subject
                if metric is None:
                    metric = prev[1].metric
                for key in ("status", "min_params"):
                    if key in prev[1].scope and key not in scope:
                        scope[key] = prev[1].scope[key]
            elif subject is not None:
                subject = None  # a region alone is scope, not a subject
        if metric is None:
            metric = link.unknown_key(subject, r.unit)
        as_of, rule, target = _as_of(f, times, p, clause, cs, ctx_end, pub_period) if with_time else _NO_TIME
        if target and _TARGET_RANK > modality_rank:
            modality = "target"
        anc = Anchor(subject, scope, metric, modality, source, as_of, rule)
        prev_by_unit[r.unit] = (cs, anc)
        out.append(anc)
    return out


_TARGET_RANK = _MODALITY_RANK["target"]
_NO_TIME = (None, None, False)
# expressions of the present that yield to a dated one before them in the context
# (5月底发布的《报告》显示,当前国内...: 当前 is the report's present, the end of May)
_VAGUE_NOW = VAGUE_NOW = frozenset(_CTX["time"]["vague_now"])


def _as_of(f: str, times: list, p: int, clause: int, cs: int, ce: int, pub_period) -> tuple:
    """(as_of, rule, target) of a claim at `p` whose clause starts at `clause`, in the
    context [cs, ce), whose time expressions are `times`: the one that governs it (the
    nearest before it in the context, else the first after it; as timex.governing),
    "own" when it stands in the claim's clause, "sentence" elsewhere in the context;
    else the publication date ("published"), else nothing ("none"). `target`: the
    governing expression is a target (到2025年)."""
    t = None
    for x in times:  # (a context has a few: a loop is cheaper than a bisection)
        if x.start < p:
            if x.start >= cs:
                t = x
        elif t is None and x.start < ce:
            t = x
            break
        else:
            break
    if t is None:
        return (None, "none", False) if pub_period is None else (pub_period, "published", False)
    if t.start < p and t.text.strip() in _VAGUE_NOW:
        for x in reversed(times):  # a dated expression before it in the context wins
            if cs <= x.start < t.start and x.period is not None and x.text.strip() not in _VAGUE_NOW:
                return x.period, "sentence", x.target
    own = t.start >= clause if t.start < p else _CLAUSE_END.search(f, p, t.start) is None
    return t.period, "own" if own else "sentence", t.target


_REGIONS_WRITTEN: frozenset = frozenset()  # (set by _lexicon)


def _lexicon() -> None:
    """The patterns and tables made from the metric vocabulary (and the context words):
    made at import, and again when the vocabulary is extended (link.extend_vocabulary)."""
    global _KIND, _WORDS, _LATIN_WORDS, _LEAD_OR_REGION, _COUNTED, _REGIONS_WRITTEN
    kinds = _kinds()
    _WORDS = re.compile(trie(w for w in kinds if not _is_latin_word(w)))
    _LATIN_WORDS = re.compile(trie(w for w in kinds if _is_latin_word(w)))
    _LEAD_OR_REGION = re.compile(
        r"(?:\s|(?:" + trie([*_SUBJ["lead"], *(w for w, (k, _) in kinds.items() if k == "region" and not w.isascii())])
        + r"))+"
    )
    # the units of things counted by name (not `count`, money or ratios): a claim in one of
    # them takes its metric from anywhere in its context (其中,北京 51 个 counts the models
    # named before the enumeration)
    _COUNTED = frozenset(u for m in link.vocabulary().metrics.values() for u in m.units) - frozenset(
        _CTX["counted"]["not_by_name"])
    _REGIONS_WRITTEN = frozenset(w for w, (k, _) in kinds.items() if k == "region")
    _KIND = kinds


_lexicon()
link.on_vocabulary_change(_lexicon)


def _lower(w: str) -> str:
    return w.lower() if w.isascii() else w


def _hits(f: str, a: int, b: int, raws: list, idx: int) -> list:
    """The context words in f[a:b] as (start, end, word (Latin lower-cased), kind,
    value), in order, less those inside a claim (参数 of 10亿参数规模以上 is that
    claim's). `raws[idx]` is the first claim of the context."""
    hits = []
    q = idx - 1  # claims before the context may reach into it
    while q > 0 and raws[q].end > a:
        q -= 1
    q = max(q, 0)
    n = len(raws)
    for m in _WORDS.finditer(f, a, b):
        s, e = m.span()
        while q < n and raws[q].end <= s:
            q += 1
        if q < n and raws[q].start <= s and e <= raws[q].end:
            continue
        w = m.group()
        hits.append((s, e, w, *_KIND[w]))
    if _ASCII_LETTER.search(f, a, b):
        latin = []
        for run in _LATIN_RUN.finditer(f, a, b):  # (each run of Latin text lower-cased on its own)
            base = run.start()
            low = run.group().lower()
            for m in _LATIN_WORDS.finditer(low):
                s, e = m.start() + base, m.end() + base
                if s and _is_ascii_letter(f[s - 1]) or _is_ascii_letter(f[e:e + 1]):
                    continue
                if _in_claim(raws, idx, s, e):
                    continue
                w = m.group()
                latin.append((s, e, w, *_KIND[w]))
        if latin:
            hits = sorted(hits + latin)
    return hits


def _in_claim(raws: list, idx: int, s: int, e: int) -> bool:
    """Whether f[s:e] lies inside a claim; `raws[idx]` is a claim at or after `s`'s
    context, so only the claims from a little before it on are looked at."""
    q = idx
    while q > 0 and raws[q - 1].end > s:
        q -= 1
    while q < len(raws) and raws[q].start <= s:
        if e <= raws[q].end:
            return True
        q += 1
    return False


def _sources(f: str, text: str, a: int, b: int) -> list:
    """The citations in f[a:b] as (where each ends, who it names), in order."""
    out = []
    for m in _SOURCE.finditer(f, a, b):
        if m.group("title"):
            out.append((m.end(), text[m.start("title"):m.end("title")]))
            continue
        g = "name" if m.group("name") else ("name2" if m.group("name2") else "en")
        name = text[m.start(g):m.end(g)].strip()
        if name and name not in _NOT_NAMES and name.lower() not in _NOT_NAMES:
            out.append((m.end(), name))
    return out
