"""check: documents -> Report (findings, verified checks, claims, coverage).

    claimcheck.check(docs, against=None, config=None) -> Report

Claims are grouped by metric family with one dictionary (the key's head and measure:
large_models.count holds released and registered models, so that the definitions rule
sees both), never compared pairwise across families, so the work is linear in the
number of claims plus the size of each family. Arithmetic rules read each sentence's
claims together (parts and their total, a share and its part and whole).

A document whose text is the same as an earlier one's adds nothing. Within a document,
a figure stated twice counts once, with its best-dated statement (a stated time over
the publication date). A rule that raises becomes an internal error of the report for
that group, and the run goes on.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from typing import Callable, Iterable, NamedTuple, Optional, Sequence

from . import link
from .model import Claim, Coverage, Document, Finding, Report, Verified
from .rules import Rule, load_all
from .rules.base import Group

__all__ = ["check", "check_claims", "check_family", "check_local", "assemble", "group_families", "family_of",
           "distinct_documents", "Partial", "DEFAULT_CONFIG"]

DEFAULT_CONFIG = {
    "select": None,  # codes or prefixes to run (None: all)
    "ignore": (),  # codes or prefixes not to run
    "jump_factor": 10.0,  # CC202: a value that grows more than this many times ...
    "jump_days": 92,  # ... within this many days
    "max_partners": 5,  # a claim is the partner in this many findings of a rule at most (CC101 each side)
    "severity": {},  # code -> the severity its findings get (config `severity`)
    "max_document_chars": 2_000_000,  # a longer document is read up to here (claimcheck.limits)
    "max_claims_per_document": 20_000,  # ... and its first this many claims are kept
}

_PER_CLAIM = ("CC402",)  # rules that read claims one by one, among those with no vocabulary metric
_RULE_ORDER = {"own": 0, "sentence": 1, "published": 2, "none": 3, None: 4}


def check(docs: Sequence[Document], against=None, config: Optional[dict] = None,
          progress: Optional[Callable[[int, int], None]] = None, jobs: int = 1) -> Report:
    """Check the claims of `docs` against each other and against `against`: earlier
    documents (a sequence of Documents) or a claimcheck.index.Index of them, whose claims
    are compared with the new ones (findings among them alone are not reported; from an
    index, only the claims of the metric families the new documents mention are loaded).
    A `<!-- claimcheck: ignore CODES -->` comment in a document silences the findings
    about the paragraph after it (claimcheck.suppress). Documents are read in `jobs`
    processes (claimcheck.parallel); `progress(done, total)` is called as they are.
    A document longer than the config's `max_document_chars` is read up to there, and
    of one with more than `max_claims_per_document` claims the first are kept; each is
    a line of `report.warnings` (claimcheck.limits)."""
    from . import suppress
    from .limits import Limits
    from .parallel import extract_all

    cfg = {**DEFAULT_CONFIG, **(config or {})}
    limits, warnings = Limits.of(cfg), []
    index = against if hasattr(against, "claims_for") else None
    docs = limits.clip_all(docs, warnings)
    if index is None and against is not None:
        against = limits.clip_all(against, warnings)
    kept, new_ids, seen_texts = distinct_documents(docs, () if index is not None else (against or ()))
    found = extract_all(kept, jobs=jobs, progress=progress)
    claims: list[Claim] = [c for d, cs in zip(kept, found) for c in limits.keep(d, cs, warnings)]
    ids = [d.id for d in kept]
    if index is not None:
        archived = index.claims_near(claims, exclude_ids=new_ids, exclude_texts=seen_texts)
        claims += archived
        ids += list(dict.fromkeys(c.doc_id for c in archived))
    report = check_claims(claims, documents=ids, new_docs=new_ids if against is not None else None, config=cfg)
    report.findings, report.suppressed = suppress.apply(report.findings, kept)
    report.warnings = warnings
    return report


def distinct_documents(docs: Iterable[Document], earlier: Iterable[Document] = ()) -> tuple[list, set, set]:
    """The documents to read, new then earlier, less those whose text an earlier one of
    them has (a duplicate adds nothing); the ids of the new ones kept; the hashes of
    every text kept (text_hash)."""
    kept: list[Document] = []
    new_ids: set = set()
    seen_texts: set = set()
    for is_new, batch in ((True, docs), (False, earlier)):
        for d in batch:
            h = text_hash(d.text)
            if h in seen_texts:
                continue
            seen_texts.add(h)
            kept.append(d)
            if is_new:
                new_ids.add(d.id)
    return kept, new_ids, seen_texts


def text_hash(text: str) -> str:
    """What tells two documents' texts apart (a duplicate adds nothing)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_claims(claims: list[Claim], documents: Optional[list[str]] = None, new_docs: Optional[set] = None,
                 config: Optional[dict] = None) -> Report:
    """The rules over claims already extracted (check() extracts, then calls this).
    `new_docs`: when given, only findings that concern one of these documents are
    reported (the others are the corpus checked against).

    The work comes in two independent kinds, which a distributed engine runs as a map
    and a reduce (claimcheck.engines): `check_local` over each document's claims (its
    sentences, and the claims no metric names) and `check_family` over each metric
    family's claims from every document; `assemble` puts their results together.

    The claims (and all else alive) are frozen out of the cyclic garbage collector
    meanwhile: the rules make findings by the hundred thousand and no reference cycles,
    and each full collection would otherwise walk every claim of the archive again (at
    4M claims, the check grew faster than the claims)."""
    import gc

    gc.freeze()
    try:
        return _check_claims(claims, documents, new_docs, config)
    finally:
        gc.unfreeze()


def _check_claims(claims, documents, new_docs, config) -> Report:
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    families = group_families(claims)
    parts = [check_family(fam, members, cfg, new_docs) for fam, members in families.items()]
    by_doc: dict = {}
    for c in claims:
        if new_docs is None or c.doc_id in new_docs:  # (an archive document alone concerns no new one)
            by_doc.setdefault(c.doc_id, []).append(c)
    parts += [check_local(members, cfg) for members in by_doc.values()]
    sizes = {fam: len(members) for fam, members in families.items()}
    return assemble(claims, documents, parts, sizes, new_docs, cfg)


class Partial(NamedTuple):
    """What the rules made of one family or one document: findings and verified checks,
    the keys of the claims compared, and the internal errors of rules."""

    out: list
    compared: set
    errors: list


def group_families(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """Claims by metric family (family_of)."""
    families: dict[str, list[Claim]] = {}
    for c in claims:
        families.setdefault(family_of(c), []).append(c)
    return families


def check_family(fam: str, members: list[Claim], config: Optional[dict] = None,
                 new_docs: Optional[set] = None) -> Partial:
    """The group rules over the claims of one metric family (from every document);
    with `new_docs`, only the findings that cite a claim of one of them are written."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    part = Partial([], set(), [])
    if fam.startswith("~") or len(members) < 2:
        return part
    if new_docs is not None and not any(c.doc_id in new_docs for c in members):
        return part  # (the archive's own family: nothing to report; its claims were compared before)
    memo = Group.of(fam, [], cfg, new_docs)
    group = memo._replace(claims=_collapse(members, memo))
    for rule in _selected(load_all(), cfg):
        if rule.code.startswith("CC3") or rule.code in _PER_CLAIM:
            continue  # arithmetic reads sentences (check_local); CC402 the claims no metric names
        _run(rule, group, part)
    return part


def check_local(claims: list[Claim], config: Optional[dict] = None) -> Partial:
    """The rules that read one document alone: arithmetic over each sentence's claims,
    and the per-claim rules over the claims no metric names."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    rules = _selected(load_all(), cfg)
    part = Partial([], set(), [])
    unnamed = [c for c in claims if (c.metric or "~").startswith("~")]
    if unnamed:
        group = Group.of("~", unnamed, cfg)
        for rule in rules:
            if rule.code in _PER_CLAIM:
                _run(rule, group, part)
    sentences: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.sentence:
            sentences.setdefault((c.doc_id, c.sentence), []).append(c)
    for key, members in _occurrences(sentences):
        if len(members) < 2:
            continue
        group = Group.of(f"{key[0]}:{members[0].start}", members, cfg)
        for rule in rules:
            if rule.code.startswith("CC3"):
                _run(rule, group, part)
    return part


def _occurrences(sentences: dict) -> list:
    """The claims of each sentence as it stands in its document: claims of a sentence
    text that the document repeats (a line copied twice, a run-on text cut into blocks
    alike: extract's _SENTENCE_MAX) are told apart by their offsets, since the claims of
    one occurrence lie within the length of the sentence from its first claim. So a
    group holds the claims of one stretch of text, whatever the document repeats."""
    out = []
    for key, members in sentences.items():
        members = sorted(members, key=lambda c: c.start)
        span = len(key[1])
        group = [members[0]]
        for c in members[1:]:
            if c.start - group[0].start >= span:
                out.append((key, group))
                group = []
            group.append(c)
        out.append((key, group))
    return out


def assemble(claims: list[Claim], documents: Optional[list[str]], parts: Iterable[Partial], family_sizes: dict,
             new_docs: Optional[set] = None, config: Optional[dict] = None) -> Report:
    """The Report from the partial results: findings filtered (new documents, selected
    codes), severities set by the config, sorted and made unique; coverage."""
    cfg = {**DEFAULT_CONFIG, **(config or {})}
    if documents is None:
        documents = list(dict.fromkeys(c.doc_id for c in claims if c.doc_id is not None))
    report = Report(claims=claims, documents=documents)
    out: list = []
    compared: set = set()
    for part in parts:
        out.extend(part.out)
        compared |= part.compared
        report.errors.extend(part.errors)
    if new_docs is not None:  # only what concerns the new documents
        out = [x for x in out if any(r.doc in new_docs for r in x.claims)]
    out = [x for x in out if _wanted(x.code, cfg)]  # (a pass may yield a code not selected)
    findings = [x for x in out if isinstance(x, Finding)]
    for f in findings:
        f.severity = (cfg.get("severity") or {}).get(f.code, f.severity)
    findings.sort(key=lambda f: (_SEVERITY_RANK[f.severity], f.metric or "", f.code, f.fingerprint))
    report.findings = _unique(findings)
    report.verified = _unique([x for x in out if isinstance(x, Verified)])
    report.coverage = _coverage(claims, compared, family_sizes)
    return report


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def family_of(c: Claim) -> str:
    """large_models.released.count -> large_models.count; ~ keys stay whole."""
    m = c.metric or "~"
    if m.startswith("~"):
        return m
    parts = m.split(".")
    return f"{parts[0]}.{parts[-1]}"


def _collapse(members: list[Claim], group: Group) -> list[Claim]:
    """One claim per (document, signature, interval), the best dated; ordered by as_of."""
    best: dict = {}
    for c in members:
        key = (c.doc_id, group.signature(c), c.low, c.high, c.modality)
        old = best.get(key)
        if old is None or _RULE_ORDER.get(c.as_of_rule, 4) < _RULE_ORDER.get(old.as_of_rule, 4):
            best[key] = c
    return sorted(best.values(), key=lambda c: (c.as_of is None, c.as_of.end if c.as_of else _dt.date.min,
                                               c.doc_id or "", c.start))


# Codes whose findings another rule's pass yields (their own registered function yields
# nothing; see rules/conflicts.py and rules/arithmetic.py). Selecting such a code runs
# that pass, and what every pass yields is kept only when its own code is selected, so
# that select/ignore are about the codes reported: `ignore CC401` drops the magnitude
# slips CC101's pass finds, `select CC4` still finds them, `select CC1` does not.
_FOUND_BY = {"CC401": "CC101", "CC302": "CC301"}


def _wanted(code: str, cfg: dict) -> bool:
    """Whether the config's select and ignore let findings of `code` through."""
    sel, ign = cfg.get("select"), tuple(cfg.get("ignore") or ())
    if sel and not any(code.startswith(s) for s in sel):
        return False
    return not any(code.startswith(i) for i in ign)


def _selected(rules: dict[str, Rule], cfg: dict) -> list[Rule]:
    """The rules to run: those selected, and the passes that find a selected code."""
    wanted = {code for code in rules if _wanted(code, cfg)}
    hosts = {_FOUND_BY[code] for code in wanted if code in _FOUND_BY}
    return [rules[code] for code in sorted(rules) if code in wanted or code in hosts]


def _run(rule: Rule, group: Group, part: Partial) -> None:
    try:
        part.out.extend(rule.func(group, part.compared))
    except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the others
        part.errors.append(f"{rule.code} on {group.family}: {type(exc).__name__}: {exc}")


def _unique(items: Iterable) -> list:
    seen, out = set(), []
    for x in items:
        key = (x.code, getattr(x, "fingerprint", None) or tuple((r.doc, r.start) for r in x.claims))
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def _coverage(claims: list[Claim], compared: set, family_sizes: dict) -> Coverage:
    cov = Coverage(numbers=len(claims))
    reasons: dict[str, int] = {}
    for c in claims:
        vocab = link.metric_of(c.metric) is not None
        if vocab and c.as_of is not None:
            cov.anchored += 1
        if c.key in compared:
            cov.compared += 1
            continue
        if not vocab:
            reason = "metric not in the vocabulary"
        elif c.as_of is None:
            reason = "no date"
        elif c.modality != "fact":
            reason = f"a {c.modality} with nothing to compare"
        elif family_sizes.get(family_of(c), 0) < 2:
            reason = "the only claim of its metric"
        else:
            reason = "no other claim of the same scope and period"
        reasons[reason] = reasons.get(reason, 0) + 1
    cov.uncheckable = dict(sorted(reasons.items(), key=lambda kv: -kv[1]))
    return cov


class _CallableModule(__import__("types").ModuleType):
    """`claimcheck.check` is both this module and the function, however it was imported."""

    def __call__(self, docs, against=None, config=None, progress=None, jobs=1) -> Report:
        return check(docs, against=against, config=config, progress=progress, jobs=jobs)


__import__("sys").modules[__name__].__class__ = _CallableModule
