"""The records that flow through the pipeline: Document, Period, Claim.

Plain pydantic v2 models. A Claim keeps its provenance (surface text, exact offsets,
document, sentence) beside its value, which is an interval in a canonical unit
(DESIGN.md "Values"). Claims are frozen and hashable; `Claim.key` is a stable identity
for dictionaries and baselines.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Period", "Document", "Claim", "ClaimRef", "Finding", "Verified", "Coverage", "Report"]


class Period(BaseModel):
    """A span of calendar days, both ends inclusive, with the grain it was written at."""

    model_config = ConfigDict(frozen=True)

    start: _dt.date
    end: _dt.date
    grain: Optional[str] = None  # "day" | "month" | "quarter" | "year" | ...
    text: Optional[str] = None  # the time expression as written


class Document(BaseModel):
    """One article: its text and what is known about it."""

    id: str
    text: str
    published: Optional[_dt.date] = None
    title: Optional[str] = None
    path: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None


class Claim(BaseModel):
    """One numeric claim found in a text.

    `low`/`high` bound the value in `unit` (None is an open end); `text[start:end]` of
    the input is `text`. `value_text` is the numeral as written, so that the precision
    the writer stated survives ("88%" is not "88.0%").
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    value_text: str
    low: Optional[float] = None
    high: Optional[float] = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approx: bool = False
    bound: Optional[str] = None  # the bound kind read: gt ge lt le eq near about more several level range
    # (range: X到Y, between X and Y; bounded: two comparatives read together, 大于10小于20)
    unit: str = "dimensionless"
    kind: str = "number"
    scope: dict[str, Any] = Field(default_factory=dict)
    subject: Optional[str] = None
    metric: Optional[str] = None
    as_of: Optional[Period] = None
    as_of_rule: Optional[str] = None  # what gave as_of: own | sentence | published | none
    modality: Optional[str] = None
    source: Optional[str] = None
    doc_id: Optional[str] = None
    sentence: Optional[str] = None

    def __hash__(self) -> int:  # scope is a dict, so the generated hash would fail
        return hash(self.key)

    @property
    def key(self) -> tuple:
        """A stable identity: document, offsets and text."""
        return (self.doc_id, self.start, self.end, self.text)

    @property
    def value(self) -> Optional[float]:
        """A point value: the stated value for points, the midpoint of a closed
        interval, the finite end of a half-open one."""
        if self.low is not None and self.high is not None:
            return self.low if self.low == self.high else (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def quantity(self):
        """The value as a pint Quantity in `unit` (pint is imported on first use)."""
        from .units import ureg

        v = self.value
        return None if v is None else ureg.Quantity(v, self.unit)


class ClaimRef(BaseModel):
    """A claim as a finding cites it: where it is and what it says."""

    model_config = ConfigDict(frozen=True)

    doc: Optional[str]
    start: int
    end: int
    text: str
    as_of: Optional[Period] = None
    value: Optional[str] = None  # the interval read, as text: (80, ∞) model

    @classmethod
    def of(cls, c: "Claim") -> "ClaimRef":
        return cls(doc=c.doc_id, start=c.start, end=c.end, text=c.text, as_of=c.as_of, value=interval_text(c))


class Finding(BaseModel):
    """What a rule found about a group of claims of one metric."""

    code: str  # CCnnn
    severity: str  # error | warning | info
    message: str  # plain words, quoting the claims with their documents and dates
    metric: Optional[str] = None
    claims: list[ClaimRef] = Field(default_factory=list)
    explanation: str = ""  # the intervals compared and the reasoning
    fingerprint: str = ""  # stable: rule + metric + normalised claim texts (not offsets)


class Verified(BaseModel):
    """A check that held (a sum, a share): recorded so that the editor sees what was
    confirmed, not a finding."""

    code: str
    message: str
    metric: Optional[str] = None
    claims: list[ClaimRef] = Field(default_factory=list)
    explanation: str = ""


class Coverage(BaseModel):
    """How much of what was found could be checked."""

    numbers: int = 0  # claims found
    anchored: int = 0  # claims with a vocabulary metric and an as_of
    compared: int = 0  # claims compared with at least one other claim
    uncheckable: dict[str, int] = Field(default_factory=dict)  # reason -> claims


class Report(BaseModel):
    """The result of claimcheck.check: findings, verified checks, every claim, coverage."""

    findings: list[Finding] = Field(default_factory=list)
    verified: list[Verified] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    coverage: Coverage = Field(default_factory=Coverage)
    documents: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)  # internal errors of rules (the run went on)
    warnings: list[str] = Field(default_factory=list)  # documents not read whole (claimcheck.limits)
    suppressed: int = 0  # findings silenced by <!-- claimcheck: ignore --> comments in the articles

    def timeline(self, metric: str) -> list[Claim]:
        """The claims of one metric ordered by as_of (claims without one last)."""
        return sorted(
            (c for c in self.claims if c.metric == metric),
            key=lambda c: (c.as_of is None, c.as_of.end if c.as_of else _dt.date.min, c.doc_id or "", c.start),
        )

    def timeline_svg(self, metric: str, **opts) -> str:
        """The timeline chart of a metric key or a metric family (large_models.count: the
        released and registered counts together) as standalone SVG; opts as
        claimcheck.report.svg.timeline_svg (width, height, documents, region). '' when
        there is nothing to draw."""
        from .report.svg import timeline_svg

        return timeline_svg(self, metric, **opts)


def _fmt(v: float) -> str:
    return f"{v:.6g}"


def interval_body(c: "Claim") -> str:
    """'79', '(1.5e+20, ∞)', '(−∞, 5e+07]', '[87.5, 88.5]'."""
    if c.low is not None and c.low == c.high:
        return _fmt(c.low)
    lo = "(−∞" if c.low is None else ("[" if c.low_inclusive else "(") + _fmt(c.low)
    hi = "∞)" if c.high is None else _fmt(c.high) + ("]" if c.high_inclusive else ")")
    return f"{lo}, {hi}"


def interval_text(c: "Claim") -> str:
    """The interval followed by the unit: '(80, ∞) model'."""
    return f"{interval_body(c)} {c.unit}"


def period_text(p: Optional[Period]) -> str:
    """2023-07-01..2023-07-10, 2022 (a whole year), 2024-03-28 (a day); '' for None."""
    if p is None:
        return ""
    a, b = p.start, p.end
    if a == b:
        return a.isoformat()
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    return f"{a.isoformat()}..{b.isoformat()}"
