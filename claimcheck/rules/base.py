"""What every rule needs: groups of comparable claims, intervals widened by the
precision the text states, and Findings that quote both claims."""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata
from decimal import Decimal
from typing import Iterable, NamedTuple, Optional

from .. import link
from ..model import Claim, ClaimRef, Finding, Verified, period_text

__all__ = ["Group", "signature", "widened", "overlap", "stated", "dated", "finding", "verified", "quote", "SCOPE_KEYS"]

# the scope entries that decide comparability (DESIGN.md): two claims that differ in one
# of them measure different things
SCOPE_KEYS = ("region", "status", "min_params", "precision", "basis")


class Group(NamedTuple):
    """The claims of one metric family (the metric key's head and measure, so that
    released and registered models meet), the comparable facts first collapsed: a
    document that repeats a figure counts once, with its best-dated statement.
    `memo` keeps what several rules read of the same claims (signatures, whether the
    text dates a claim, the dated series), computed once a run: `Group.of` makes one."""

    family: str
    claims: list  # every claim of the family, ordered by as_of
    config: dict
    memo: Optional[dict] = None

    @classmethod
    def of(cls, family: str, claims: list, config: dict, new_docs: Optional[set] = None) -> "Group":
        """A group whose findings matter only when they cite a claim of `new_docs` (the
        others are the archive checked against), or all of them (None)."""
        return cls(family, claims, config, {"sig": {}, "dated": {}, "new": new_docs})

    def concerns(self, *claims: Claim) -> bool:
        """Whether a finding citing these claims will be reported: rules ask before they
        write one (the pair was still counted, so the result is the same as writing all
        and filtering: an incremental check of one article against an archive does not
        write the archive's own findings)."""
        new = self.memo.get("new") if self.memo is not None else None
        return new is None or any(c.doc_id in new for c in claims)

    def signature(self, c: Claim) -> tuple:
        """signature(c), once per claim and run."""
        return self._once("sig", signature, c)

    def dated(self, c: Claim) -> bool:
        """dated(c), once per claim and run."""
        return self._once("dated", dated, c)

    def _once(self, table: str, func, c: Claim):
        if self.memo is None:
            return func(c)
        memo = self.memo[table]
        v = memo.get(id(c))
        if v is None:
            v = memo[id(c)] = func(c)
        return v

    def cached(self, name: str, make):
        """What `make()` returns, once per group (make must not depend on the caller)."""
        if self.memo is None:
            return make()
        if name not in self.memo:
            self.memo[name] = make()
        return self.memo[name]


def signature(c: Claim) -> tuple:
    """What two claims must share to be the same quantity: the metric key and the scope
    entries that decide comparability, and whose figure it is: for generic metrics
    (companies, revenue), and for the others when no region is stated, the subject as
    written and the words before a count (scope "of"): 国内…79个 and 我国…超80个 are one
    quantity; 阿里发布了3个大模型 and 百度发布了5个大模型 are not (of 阿里, of 百度);
    通过网信办备案的大模型有117个 and …有150个 are. A subject that opens with a
    demonstrative (该项目总投资) is the document's own: compared within it only."""
    m = link.metric_of(c.metric)
    if m is not None and (m.generic or c.scope.get("region") is None):
        who = (_norm(c.subject), _norm(c.scope.get("of")))
    else:
        who = None
    if c.scope.get("deictic"):  # (该项目: the article's own project, compared within it only)
        who = (who, c.doc_id)
    return (c.metric, who) + tuple(c.scope.get(k) for k in SCOPE_KEYS)


def partners(group: Group) -> int:
    """How many findings one claim may be the partner in, per rule (check's config
    `max_partners`): an outlier is cited a few times, not by every claim near it."""
    return group.config.get("max_partners", 5)


def _norm(s: Optional[str]) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split()).lower()


_ARABIC_HEAD = re.compile(r"[+-]?\d[\d,]*(?:\.(\d+))?")


def _rel_precision(c: Claim) -> float:
    return _rel_precision_of(c.value_text, c.kind == "multiple")


@lru_cache(maxsize=16384)
def _rel_precision_of(value_text: str, multiple: bool) -> float:
    """Half the place of the last written digit, relative to the value: 88 -> 0.5/88,
    1.17亿 -> 0.005/1.17, 200 -> 0.5/200 (a written zero is a digit: 200个 is not
    "about 200"), 5000万 -> 0.5万/5000万, 两千 -> 500/2000; 0 when the numeral cannot
    be read again."""
    from ..extract.numbers import ZH_BIG, ZH_SMALL, fold
    from ..extract.quantities import _value

    if multiple:
        return 0.0  # 翻番, 翻两番: a word for an exact multiple
    num = fold(value_text).replace(" ", "")
    kind = "en" if any("a" <= ch.lower() <= "z" for ch in num) else "zh"
    try:
        parsed = _value(num, kind)
    except Exception:  # noqa: BLE001 - a numeral we cannot re-read has no stated precision
        return 0.0
    if parsed is None or parsed[0] == 0:
        return 0.0
    v, _step, place = parsed
    m = _ARABIC_HEAD.match(num)
    if m is not None and kind == "zh":
        place = Decimal(1).scaleb(-len(m.group(1) or ""))
        for ch in num[m.end():]:  # 5000万, 1.17亿: the magnitude words after the digits
            mult = ZH_BIG.get(ch) or ZH_SMALL.get(ch)
            if mult is None:
                break
            place *= Decimal(mult)
    return float(abs(place / Decimal(2) / v))


def widened(c: Claim) -> tuple[Optional[float], Optional[float]]:
    """The claim's interval widened by the precision its numeral states (88% is
    [87.5, 88.5]%, 1.17亿 is [1.165, 1.175]亿); None is an open end."""
    rel = _rel_precision(c)
    lo = None if c.low is None else c.low - abs(c.low) * rel
    hi = None if c.high is None else c.high + abs(c.high) * rel
    return lo, hi


def stated(c: Claim) -> Optional[float]:
    """The value as stated, for arithmetic: the point, or the written end of a one-sided
    bound (超过5万张 -> 5e4), or the midpoint of a range."""
    if c.low is not None and c.high is not None:
        return (c.low + c.high) / 2
    return c.low if c.low is not None else c.high


def disjoint(a: tuple, b: tuple) -> bool:
    """Whether two widened intervals (None = open) cannot both hold."""
    (alo, ahi), (blo, bhi) = a, b
    return (ahi is not None and blo is not None and ahi < blo) or (bhi is not None and alo is not None and bhi < alo)


def overlap(a: Claim, b: Claim) -> bool:
    """Whether the periods two claims describe overlap (both must have one)."""
    if a.as_of is None or b.as_of is None:
        return False
    return a.as_of.start <= b.as_of.end and b.as_of.start <= a.as_of.end


def dated(c: Claim) -> bool:
    """Whether the text itself dates the claim (a time expression that governs it, not
    the publication date, nor a 目前/当前 that only means "at publication"): the
    timeline and definition rules compare only such claims, so that a figure in passing
    (大模型的玩家主要分为三类) never makes a series."""
    if c.as_of is None or c.as_of_rule not in ("own", "sentence"):
        return False
    from ..extract.context import VAGUE_NOW

    return (c.as_of.text or "").strip() not in VAGUE_NOW


def _when(c: Claim) -> str:
    return period_text(c.as_of) or "no date"


def quote(c: Claim) -> str:
    """「超80个」 (001_x.txt, 2023-07-01..2023-07-10)"""
    return f"「{c.text}」 ({c.doc_id or '?'}, {_when(c)})"


def fingerprint(code: str, metric: Optional[str], claims: Iterable[Claim]) -> str:
    """Stable across runs and edits elsewhere in the text: rule, metric and the claims'
    normalised texts with their documents, never offsets."""
    parts = sorted(f"{c.doc_id}|{_norm(c.text)}" for c in claims)
    h = hashlib.sha256("\x1f".join([code, metric or "", *parts]).encode("utf-8", "surrogatepass")).hexdigest()
    return h[:16]


def finding(code: str, severity: str, metric: Optional[str], claims: list, message: str, explanation: str) -> Finding:
    return Finding(code=code, severity=severity, message=message, metric=metric,
                   claims=[ClaimRef.of(c) for c in claims], explanation=explanation,
                   fingerprint=fingerprint(code, metric, claims))


def verified(code: str, metric: Optional[str], claims: list, message: str, explanation: str) -> Verified:
    return Verified(code=code, message=message, metric=metric, claims=[ClaimRef.of(c) for c in claims],
                    explanation=explanation)


def fmt(v: Optional[float]) -> str:
    if v is None:
        return "∞"
    return f"{v:.6g}"


def interval(lohi: tuple) -> str:
    lo, hi = lohi
    return f"[{'−∞' if lo is None else fmt(lo)}, {fmt(hi)}]"
