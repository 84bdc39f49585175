"""Adapters: claimcheck functions mapped onto each Recognizers-Text spec model.

An adapter takes a case's input text and returns what claimcheck finds there as
`score.Got` records (end inclusive, the spec's value and unit names). A model whose
claimcheck side does not exist has no adapter (`adapter(key)` is None, the reason in
`missing_reason`); it is reported as "no adapter yet" and left out of the tests, never
faked.

  NumberModel       numbers.find_numbers
  PercentModel      numbers.find_percents (bare mentions asked for: the spec lists them)
  NumberRangeModel  claimcheck.extract: claims read with a bound (gt ge lt le eq range)
  Currency/Dimension/Age/TemperatureModel
                    claimcheck.extract: claims of those kinds, the bound words dropped
                    from the span and the value given in the unit as written
  OrdinalModel      none: ordinals are not claims (DESIGN.md "What is not a claim")

Claims carry canonical units (公里 -> meter x 1000, 美分 -> USD x 0.01). The spec names
the unit as written, so the adapter finds the unit word after the numeral, divides by
its factor from claimcheck/data/units.toml, and names it with the tables below.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, NamedTuple, Optional

import regex

from claimcheck._data import load_toml
from claimcheck.extract import numbers

from . import score, specs
from .score import Got, Interval
from .specs import Case

Adapter = Callable[[str], list[Got]]


# ------------------------------------------------------------------------ numbers

def number_model(text: str) -> list[Got]:
    """NumberModel: every numeral, dates' parts included (numbers.find_numbers)."""
    return [Got(n.start, n.end - 1, n.value, text=n.text) for n in numbers.find_numbers(text)]


def percent_model(text: str) -> list[Got]:
    """PercentModel: percentages with their percent figure (numbers.find_percents)."""
    return [Got(n.start, n.end - 1, n.value, text=n.text) for n in numbers.find_percents(text, bare=True)]


# ------------------------------------------------------------------------ unit names

# ISO code -> the spec's name for the currency (isoCurrency suffices where the gold has it).
CURRENCY_NAMES = {
    "CNY": "Chinese yuan",
    "USD": "United States dollar",
    "EUR": "Euro",
    "JPY": "Japanese yen",
    "HKD": "Hong Kong dollar",
    "TWD": "New Taiwan dollar",
    "GBP": "British pound",
    "CHF": "Swiss franc",
    "CAD": "Canadian dollar",
    "AUD": "Australian dollar",
    "NZD": "New Zealand dollar",
    "MXN": "Mexican peso",
    "TRY": "Turkish lira",
    "NGN": "Nigerian naira",
    "KRW": "South Korean won",
    "RUB": "Russian ruble",
    "SGD": "Singapore dollar",
    "INR": "Indian rupee",
}
# Currencies the spec names without an ISO code.
NO_ISO = {"BTC": "Bitcoin"}
# A bare sign or word names no country: the spec says "Dollar"/"Pound", not USD/GBP.
BARE_CURRENCY = {
    "USD": ("Dollar", regex.compile(r"US\s*\$|USD|U\.\s*S\.|united\s+states|美元|美金|美圆|美刀", regex.I)),
    "GBP": ("Pound", regex.compile(r"GBP|british|sterling|英镑", regex.I)),
}

# Canonical unit (claimcheck) -> spec name, when the written unit is that unit itself.
CANONICAL_NAMES = {
    "meter": "Meter", "kilogram": "Kilogram", "meter**2": "Square meter", "mu": "Mu",
    "hectare": "Hectare", "jin": "Jin", "liang": "Liang", "byte": "Byte", "bit": "Bit",
    "watt": "Watt", "kilowatt_hour": "Kilowatt hour", "kilocalorie": "Kilocalorie",
    "hertz": "Hertz", "degC": "C", "degF": "F", "year": "Year", "month": "Month",
    "week": "Week", "day": "Day",
}
# Written unit (a units.toml surface) -> spec name, where it is not the canonical unit.
SURFACE_NAMES = {
    "公里": "Kilometer", "千米": "Kilometer", "km": "Kilometer", "厘米": "Centimeter",
    "公分": "Centimeter", "cm": "Centimeter", "毫米": "Millimeter", "mm": "Millimeter",
    "纳米": "Nanometer", "nm": "Nanometer", "吨": "Ton", "克": "Gram", "毫克": "Milligram",
    "微克": "Microgram", "平方公里": "Square kilometer", "平方千米": "Square kilometer",
    "万平方米": "Square meter", "KB": "Kilobyte", "MB": "Megabyte", "GB": "Gigabyte",
    "TB": "Terabyte", "PB": "Petabyte", "EB": "Exabyte", "千字节": "Kilobyte",
    "兆字节": "Megabyte", "千比特": "Kilobit", "kW": "Kilowatt", "千瓦": "Kilowatt",
    "MW": "Megawatt", "兆瓦": "Megawatt", "GW": "Gigawatt", "兆赫兹": "Megahertz",
    "MHz": "Megahertz", "GHz": "Gigahertz", "kWh": "Kilowatt hour", "千瓦时": "Kilowatt hour",
}

DIMENSION_KINDS = {"length", "mass", "area", "volume", "data", "power", "energy", "frequency", "speed"}
RANGE_BOUNDS = {"gt", "ge", "lt", "le", "eq", "range"}

_UNITS: dict[str, tuple[str, Decimal, str]] = {
    numbers.fold(k): (v[0], Decimal(str(v[1])), v[2]) for k, v in load_toml("units.toml")["units"].items()
}
_UNIT_KEYS = sorted(_UNITS, key=len, reverse=True)
_BOUNDS = load_toml("bounds.toml")
_SUFFIX_BOUNDS = sorted(
    (numbers.fold(k) for k in (*_BOUNDS["zh"]["suffix"], *_BOUNDS["en"]["suffix"])), key=len, reverse=True
)
_CURRENCY_SIGN_BEFORE = regex.compile(
    r"(?:(?:US|HK|[A-Z])\s*)?[$€£¥￥](?:\s*(?:US|HK))?\s*$|(?:USD|RMB|CNY|人民币)\s*$"
)


class _Core(NamedTuple):
    start: int  # the quantity without its bound words: sign, numeral, unit
    end: int  # exclusive
    surface: Optional[str]  # the unit word as written (a units.toml key), if found


def _core(c) -> _Core:
    """The span of a claim's quantity with the bound words dropped (超过100美元 -> 100美元,
    about $ 14 million -> $ 14 million, 1000米以上 -> 1000米), and its written unit."""
    t = numbers.fold(c.text)
    vt = numbers.fold(c.value_text)
    i = t.find(vt) if vt else -1
    if i < 0:
        return _Core(c.start, c.end, None)
    start = i
    m = _CURRENCY_SIGN_BEFORE.search(t, 0, i)
    if m:
        start = m.start()
    end = len(t)
    tail = t[i + len(vt):]
    for w in _SUFFIX_BOUNDS:
        if t.rstrip().endswith(w):
            end = len(t.rstrip()) - len(w)
            tail = t[i + len(vt):end]
            break
    stripped = tail.strip()
    surface = next((k for k in _UNIT_KEYS if stripped.startswith(k) or stripped.lower().startswith(k.lower())), None)
    while end > start and t[end - 1] in " \t":
        end -= 1
    return _Core(c.start + start, c.start + end, surface)


def _written(c) -> Optional[Decimal]:
    """The value as written before any bound word applied, in the claim's unit."""
    b = c.bound
    lo = None if c.low is None else Decimal(repr(c.low))
    hi = None if c.high is None else Decimal(repr(c.high))
    if b in (None, "eq", "gt", "ge", "more", "level", "range"):
        return lo
    if b in ("lt", "le", "near"):
        return hi
    if b == "about":
        return None if lo is None else lo / Decimal("0.9")
    if b == "several":
        return None if lo is None else lo / 2
    return lo


def _extract(text: str):
    import claimcheck

    return claimcheck.extract(text)


def _unit_got(c, name_for) -> Optional[Got]:
    core = _core(c)
    v = _written(c)
    if v is None:
        return None
    factor = Decimal(1)
    if core.surface is not None and _UNITS[core.surface][0] == c.unit:
        factor = _UNITS[core.surface][1]
    name, iso = name_for(c, core)
    return Got(core.start, core.end - 1, v / factor, unit=name, iso=iso, text=c.text)


def _currency_name(c, core) -> tuple[Optional[str], Optional[str]]:
    code = c.unit
    if code in NO_ISO:
        return NO_ISO[code], None
    if code in BARE_CURRENCY:
        bare, national = BARE_CURRENCY[code]
        if not national.search(c.text):
            return bare, None
    return CURRENCY_NAMES.get(code, code), code


def _plain_name(c, core) -> tuple[Optional[str], Optional[str]]:
    if core.surface in SURFACE_NAMES:
        return SURFACE_NAMES[core.surface], None
    return CANONICAL_NAMES.get(c.unit, c.unit), None


def currency_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "money" and (g := _unit_got(c, _currency_name))]


def dimension_model(text: str) -> list[Got]:
    return [
        g for c in _extract(text)
        if c.kind in DIMENSION_KINDS and c.unit != "token" and (g := _unit_got(c, _plain_name))
    ]


def age_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "age" and (g := _unit_got(c, _plain_name))]


def temperature_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "temperature" and (g := _unit_got(c, _plain_name))]


def _num(x: Optional[float]) -> Optional[Decimal]:
    return None if x is None else Decimal(repr(x))


def range_model(text: str) -> list[Got]:
    """NumberRangeModel: every claim read with a bound, as an interval; the span keeps the
    bound words (the spec's does) but not a unit or classifier at its end."""
    out = []
    for c in _extract(text):
        if c.bound not in RANGE_BOUNDS:
            continue
        t = numbers.fold(c.text).rstrip()
        for w in _TRAILING_UNITS:  # 超过80个 -> 超过80, 至少有10次 -> 至少有10
            if t.endswith(w) and len(t) > len(w):
                t = t[: -len(w)].rstrip()
                break
        iv = Interval(_num(c.low), _num(c.high), c.low_inclusive, c.high_inclusive)
        out.append(Got(c.start, c.start + len(t) - 1, iv, text=c.text))
    return out


_TRAILING_UNITS = sorted(
    set(_UNITS) | {numbers.fold(k) for k in load_toml("counters.toml")["classifiers"]}, key=len, reverse=True
)


# ------------------------------------------------------------------------ registry

def _has_extract() -> bool:
    try:
        import claimcheck

        return callable(claimcheck.extract)
    except Exception:  # pragma: no cover - the package is broken or half-written
        return False


_ADAPTERS: dict[str, Adapter] = {
    "zh-number": number_model,
    "en-number": number_model,
    "zh-percent": percent_model,
    "en-percent": percent_model,
}
if _has_extract():
    for _lang in ("zh", "en"):
        _ADAPTERS[f"{_lang}-range"] = range_model
        _ADAPTERS[f"{_lang}-currency"] = currency_model
        _ADAPTERS[f"{_lang}-dimension"] = dimension_model
        _ADAPTERS[f"{_lang}-age"] = age_model
        _ADAPTERS[f"{_lang}-temperature"] = temperature_model

_MISSING = {
    "zh-ordinal": "no adapter: ordinals are not claims",
    "en-ordinal": "no adapter: ordinals are not claims",
}


def adapter(key: str) -> Optional[Adapter]:
    return _ADAPTERS.get(key)


def missing_reason(key: str) -> str:
    return _MISSING.get(key, "no adapter yet (claimcheck.extract missing)")


class Outcome(NamedTuple):
    case: Case
    got: list[Got]
    passed: bool


_RUNS: dict[str, list[Outcome]] = {}


def run(key: str) -> Optional[list[Outcome]]:
    """Every case of spec file `key` scored with its adapter (memoised), or None if the
    model has no adapter yet."""
    fn = adapter(key)
    if fn is None:
        return None
    if key not in _RUNS:
        out = []
        for case in specs.load(key):
            got = fn(case.input)
            out.append(Outcome(case, got, score.passes(case, got)))
        _RUNS[key] = out
    return _RUNS[key]
