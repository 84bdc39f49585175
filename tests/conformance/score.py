"""Scoring one case: the adapter's entities against the gold ones, as sets.

A case passes iff the two sets of (start, end-inclusive, value[, unit]) are equal, where
- numbers compare with a relative tolerance of 1e-9 ("350.333333333333", "1.232E+15");
- a percentage "25.4%" compares the number 25.4;
- a range "(20,35]" compares (low, high, low_inclusive, high_inclusive), ends numerically,
  and an open end's inclusiveness is not compared ("[30,)" == "(30,)"'s open side);
- a unit compares by the spec's unit name, or by ISO code where the gold has isoCurrency;
- a gold value that is null matches any value (span and unit still count);
- a case flagged IgnoreResolution compares spans only.
Every case is scored; NotSupported flags are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional, Sequence, Union

from .specs import Case, Gold

REL_TOL = Decimal("1e-9")


class Interval(NamedTuple):
    low: Optional[Decimal]
    high: Optional[Decimal]
    low_inclusive: bool
    high_inclusive: bool

    def __str__(self) -> str:
        lo = "" if self.low is None else _fmt(self.low)
        hi = "" if self.high is None else _fmt(self.high)
        return f"{'[' if self.low_inclusive else '('}{lo},{hi}{']' if self.high_inclusive else ')'}"


Value = Union[None, Decimal, Interval, str]


@dataclass(frozen=True)
class Got:
    """One entity an adapter produced. `end` is inclusive, as in the spec."""

    start: int
    end: int
    value: Value
    unit: Optional[str] = None  # the spec's unit name
    iso: Optional[str] = None  # ISO 4217 code for currencies
    text: str = ""


def _fmt(d: Decimal) -> str:
    d = d.normalize() if d == d.to_integral_value() else d
    s = format(d, "f") if abs(d) < Decimal("1e21") else str(d)
    return s


def _dec(s: str) -> Optional[Decimal]:
    try:
        d = Decimal(s.strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def parse_value(raw: Optional[str]) -> Value:
    """The gold value string in comparable form."""
    if raw is None:
        return None
    s = raw.strip()
    if s[:1] in "([" and s[-1:] in ")]" and "," in s:
        lo, _, hi = s[1:-1].partition(",")
        return Interval(_dec(lo) if lo.strip() else None, _dec(hi) if hi.strip() else None,
                        s[0] == "[", s[-1] == "]")
    if s.endswith("%"):
        s = s[:-1]
    d = _dec(s)
    return d if d is not None else raw


def as_value(v) -> Value:
    """An adapter's value (int, float, Decimal, Interval, str, None) in comparable form."""
    if v is None or isinstance(v, (Decimal, Interval)):
        return v
    if isinstance(v, bool):
        raise TypeError("bool is not a value")
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    if isinstance(v, str):
        return parse_value(v)
    raise TypeError(f"unsupported value {v!r}")


def num_close(a: Optional[Decimal], b: Optional[Decimal]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def values_match(gold: Value, got: Value) -> bool:
    if gold is None:  # a null gold value matches on span and unit only
        return True
    if isinstance(gold, Interval):
        if not isinstance(got, Interval):
            return False
        return (
            num_close(gold.low, got.low)
            and num_close(gold.high, got.high)
            and (gold.low is None or gold.low_inclusive == got.low_inclusive)
            and (gold.high is None or gold.high_inclusive == got.high_inclusive)
        )
    if isinstance(gold, Decimal):
        return isinstance(got, Decimal) and num_close(gold, got)
    return isinstance(got, str) and got.strip().lower() == gold.strip().lower()


def units_match(gold: Gold, got: Got) -> bool:
    if gold.unit is None:
        return True
    if gold.iso and got.iso and gold.iso.upper() == got.iso.upper():
        return True
    return got.unit is not None and got.unit.strip().lower() == gold.unit.strip().lower()


def entity_match(gold: Gold, got: Got, spans_only: bool = False) -> bool:
    if (gold.start, gold.end) != (got.start, got.end):
        return False
    if spans_only:
        return True
    return values_match(parse_value(gold.value), as_value(got.value)) and units_match(gold, got)


def passes(case: Case, got: Sequence[Got]) -> bool:
    """True iff `got` equals the gold set of `case` (see the module docstring)."""
    got = list(dict.fromkeys(got))  # a set: duplicates count once
    if len(got) != len(case.gold):
        return False
    free = list(got)
    for g in case.gold:
        for i, o in enumerate(free):
            if entity_match(g, o, case.ignore_resolution):
                del free[i]
                break
        else:
            return False
    return True


def show_gold(g: Gold) -> str:
    unit = f" {g.unit}" if g.unit else ""
    iso = f" [{g.iso}]" if g.iso else ""
    return f"[{g.start},{g.end}] {g.text!r} = {g.value}{unit}{iso}"


def show_got(o: Got) -> str:
    v = o.value
    vs = _fmt(v) if isinstance(v, Decimal) else str(v)
    unit = f" {o.unit}" if o.unit else ""
    iso = f" [{o.iso}]" if o.iso else ""
    return f"[{o.start},{o.end}] {o.text!r} = {vs}{unit}{iso}"


def explain(case: Case, got: Sequence[Got]) -> str:
    """Expected vs got, one entity a line, for failure messages."""
    lines = [f"{case.id}: {case.input!r}"]
    lines += ["  expected: " + show_gold(g) for g in case.gold] or ["  expected: (nothing)"]
    lines += ["  got:      " + show_got(o) for o in got] or ["  got:      (nothing)"]
    return "\n".join(lines)
