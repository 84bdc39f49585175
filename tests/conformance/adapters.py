"""Adapters: claimcheck functions mapped onto each Recognizers-Text spec model.

An adapter takes a case's input text and returns what claimcheck finds there as
`score.Got` records (end inclusive, the spec's value and unit names). A model whose
claimcheck side does not exist has no adapter (`adapter(key)` is None, the reason in
`missing_reason`); it is reported as "no adapter yet" and left out of the tests, never
faked.

  NumberModel       scanners.find_numbers
  PercentModel      scanners.find_percents (bare mentions asked for: the spec lists them)
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
from claimcheck.extract import measures, numbers, scanners

from . import score, specs
from .score import Got, Interval
from .specs import Case

Adapter = Callable[[str], list[Got]]


# ------------------------------------------------------------------------ numbers

def number_model(text: str) -> list[Got]:
    """NumberModel: every numeral, dates' parts included (scanners.find_numbers)."""
    return [Got(n.start, n.end - 1, n.value, text=n.text) for n in scanners.find_numbers(text)]


def percent_model(text: str) -> list[Got]:
    """PercentModel: percentages with their percent figure (scanners.find_percents)."""
    return [Got(n.start, n.end - 1, n.value, text=n.text) for n in scanners.find_percents(text, bare=True)]


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
    "BRL": "Brazilian real",
    "CRC": "Costa Rican colón",
    "GEL": "Georgian lari",
    "LAK": "Lao kip",
    "LKR": "Sri Lankan rupee",
    "FIM": "Finnish markka",
    "NLG": "Netherlands guilder",
    "ESP": "Peseta",
    "ITL": "Italian lira",
}
# Currencies the spec names without an ISO code.
NO_ISO = {"BTC": "Bitcoin", "franc": "Franc", "peso": "Peso"}
# A written unit the spec names apart from its currency (50 cents: "Cent", not a dollar).
CURRENCY_SURFACES = {
    "cent": "Cent", "cents": "Cent", "pence": "Pence", "penny": "Penny", "rupee": "Rupee",
    "rupees": "Rupee", "satoshi": "Satoshi", "satoshis": "Satoshi", "美分": "Cent",
}
# Written units whose factor is a scale of the currency, not a smaller unit (30 MUSD).
SCALE_SURFACES = {"MUSD", "MEUR", "MGBP", "m"}
# A bare sign or word names no country: the spec says "Dollar"/"Pound", not USD/GBP.
BARE_CURRENCY = {
    "USD": ("Dollar", regex.compile(
        r"US\s*\$|USD|U\.\s*S\.?\s*\$|U\.\s*S\.|\bus\s+dollars?|united\s+states|美元|美金|美圆|美刀", regex.I)),
    "GBP": ("Pound", regex.compile(r"GBP|british|sterling|英镑", regex.I)),
}

# Canonical unit (claimcheck) -> spec name, when the written unit is that unit itself.
CANONICAL_NAMES = {
    "meter": "Meter", "kilogram": "Kilogram", "meter**2": "Square meter", "mu": "Mu",
    "hectare": "Hectare", "jin": "Jin", "liang": "Liang", "byte": "Byte", "bit": "Bit",
    "watt": "Watt", "kilowatt_hour": "Kilowatt hour", "kilocalorie": "Kilocalorie",
    "hertz": "Hertz", "degC": "C", "degF": "F", "year": "Year", "month": "Month",
    "week": "Week", "day": "Day", "temperature_degree": "Degree", "degree": "Degree",
    "radian": "Radian", "liter": "Liter", "kilometer/hour": "Kilometer per hour",
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
    "千克": "Kilogram", "千卡": "Kilocalorie", "兆比特": "Megabit",
    "kilometer": "Kilometer", "kilometers": "Kilometer", "kilometre": "Kilometer",
    "kilometres": "Kilometer", "centimeters": "Centimeter", "centimetres": "Centimeter",
    "millimeters": "Millimeter", "millimetres": "Millimeter", "dm": "Decimeter",
    "ft": "Foot", "foot": "Foot", "feet": "Foot", "inch": "Inch", "inches": "Inch",
    "yard": "Yard", "yards": "Yard", "mile": "Mile", "miles": "Mile",
    "km2": "Square kilometer", "square kilometers": "Square kilometer",
    "square kilometres": "Square kilometer", "square feet": "Square foot",
    "square miles": "Square mile", "acre": "Acre", "acres": "Acre",
    "ml": "Milliliter", "milliliter": "Milliliter", "milliliters": "Milliliter",
    "millilitres": "Milliliter", "gallon": "Gallon", "gallons": "Gallon",
    "barrel": "Barrel", "barrels": "Barrel", "cubic feet": "Cubic foot",
    "cubic meters": "Cubic meter", "cubic metres": "Cubic meter",
    "tablespoon": "Tablespoon", "tablespoons": "Tablespoon", "teaspoon": "Teaspoon",
    "teaspoons": "Teaspoon", "cup": "Cup", "cups": "Cup",
    "t": "Ton", "ton": "Ton", "tons": "Ton", "tonne": "Ton", "tonnes": "Ton",
    "metric ton": "Metric ton", "metric tons": "Metric ton", "metric tonnes": "Metric ton",
    "gram": "Gram", "grams": "Gram", "gramme": "Gram", "grammes": "Gram",
    "milligrams": "Milligram", "mg": "Milligram", "microgram": "Microgram",
    "micrograms": "Microgram", "microgrammes": "Microgram", "μg": "Microgram", "mcg": "Microgram",
    "pound": "Pound", "pounds": "Pound", "lb": "Pound", "lbs": "Pound",
    "ounce": "Ounce", "ounces": "Ounce", "oz": "Ounce",
    "mph": "Mile per hour", "miles per hour": "Mile per hour", "miles an hour": "Mile per hour",
    "kilobytes": "Kilobyte", "megabytes": "Megabyte", "gigabytes": "Gigabyte",
    "terabytes": "Terabyte", "kilowatts": "Kilowatt", "megawatts": "Megawatt",
    "gigawatts": "Gigawatt", "megahertz": "Megahertz", "gigahertz": "Gigahertz",
}

DIMENSION_KINDS = {"length", "mass", "area", "volume", "data", "power", "energy", "frequency", "speed", "angle"}
RANGE_BOUNDS = {"gt", "ge", "lt", "le", "eq", "range", "bounded", "more"}

_UNITS: dict[str, tuple[str, Decimal, str]] = {
    numbers.fold(k): (v[0], Decimal(str(v[1])), v[2]) for k, v in load_toml("units.toml")["units"].items()
}
_UNIT_KEYS = sorted(_UNITS, key=len, reverse=True)
_BOUNDS = load_toml("bounds.toml")
_SUFFIX_BOUNDS = sorted(
    (numbers.fold(k) for k in (*_BOUNDS["zh"]["suffix"], *_BOUNDS["en"]["suffix"])), key=len, reverse=True
)
_UNITS_TOML = load_toml("units.toml")
_PREFIX_WORDS = sorted(
    {numbers.fold(k) for k in (*_UNITS_TOML["currency_prefixes"], *_UNITS_TOML["unit_prefixes"])},
    key=len, reverse=True,
)
# A currency sign or unit word before the value (c $ 16.4 million, 华氏温度98.6度).
_CURRENCY_SIGN_BEFORE = regex.compile(
    r"(?:" + "|".join(regex.escape(w) for w in _PREFIX_WORDS) + r")\s*$"
)


class _Core(NamedTuple):
    start: int  # the quantity without its bound words: sign, numeral, unit
    end: int  # exclusive
    surface: Optional[str]  # the unit word as written (a units.toml key), if found


_SCALE_WORD = regex.compile(rf"^(?:{'|'.join(numbers.EN_SCALES)})\b\s*", regex.I)


def _written_unit(tail: str, k: str) -> bool:
    """Whether `tail` starts with the unit word `k` (a Latin one as a whole word: the "t"
    of tons is not the start of "trillion")."""
    if not (tail.startswith(k) or tail.lower().startswith(k.lower())):
        return False
    return not (k[-1:].isascii() and k[-1:].isalpha() and tail[len(k):len(k) + 1].isalpha())


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
    stripped = _SCALE_WORD.sub("", tail.strip().lstrip("-"))  # 3-inch, 2.4 billion gallons
    surface = next((k for k in _UNIT_KEYS if _written_unit(stripped, k)), None)
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
    if core.surface is not None and _UNITS[core.surface][0] == c.unit and core.surface not in SCALE_SURFACES:
        factor = _UNITS[core.surface][1]
    name, iso = name_for(c, core)
    return Got(core.start, core.end - 1, v / factor, unit=name, iso=iso, text=c.text)


def _currency_name(c, core) -> tuple[Optional[str], Optional[str]]:
    code = c.unit
    if core.surface is not None and core.surface.lower() in CURRENCY_SURFACES:
        return CURRENCY_SURFACES[core.surface.lower()], None
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


def _mentions(text: str, kinds, name_for) -> list[Got]:
    """Unit names standing alone ("人民币 美元", "to fahrenheit"): the spec lists them with
    a null value (claimcheck.extract.measures.mentions; they are never claims)."""
    out = []
    for m in measures.mentions(text):
        if m.kind in kinds:
            name, iso = name_for(m, _Core(m.start, m.end, numbers.fold(m.text)))
            out.append(Got(m.start, m.end - 1, None, unit=name, iso=iso, text=m.text))
    return out


def currency_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "money" and (g := _unit_got(c, _currency_name))] \
        + _mentions(text, {"money"}, _currency_name)


def dimension_model(text: str) -> list[Got]:
    return [
        g for c in _extract(text)
        if c.kind in DIMENSION_KINDS and c.unit != "token" and (g := _unit_got(c, _plain_name))
    ] + _mentions(text, DIMENSION_KINDS, _plain_name)


def age_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "age" and (g := _unit_got(c, _plain_name))]


def temperature_model(text: str) -> list[Got]:
    return [g for c in _extract(text) if c.kind == "temperature" and (g := _unit_got(c, _plain_name))] \
        + _mentions(text, {"temperature"}, _plain_name)


def _num(x: Optional[float]) -> Optional[Decimal]:
    return None if x is None else Decimal(repr(x))


# ---- NumberRangeModel conformance profile
# Recognizers-Text writes a few readings differently from DESIGN.md ("Reading bound
# words"). claimcheck keeps its own readings; for scoring, this table states a claim in
# the spec's convention. Nothing else is translated.
#
#   claimcheck (DESIGN.md)                          Recognizers-Text
#   range  X到Y, X-Y, X~Y, between X and Y: [X, Y]  [X, Y)  (the upper end excluded)
#   more   X多, X余, 十几万: (X, X + one step)        (X, ∞)  ("more than X": no upper end)
#   以上   X以上: [X, ∞)                             (X, ∞)  (or-forms 或以上, 或者以上 stay [X, ∞))
#   以下   X以下: (−∞, X]                            (−∞, X)
#
# The spec's span is the range expression alone: a hedge word before it whose reading
# the claim does not take (大概有20~100个, about five hundred or more: bound range/ge, not
# about) is left out, as is a unit or classifier at the end (超过80个 -> 超过80).
SPEC_BY_BOUND = {
    "range": lambda iv: iv._replace(high_inclusive=False),
    "more": lambda iv: Interval(iv.low, None, False, False),
}
# A bare suffix word and the end of the interval it opens in the spec (in a two-sided
# claim, 1000以上， 1500以下, each word speaks for its own end).
SPEC_OPEN_BY_WORD = {
    regex.compile(r"(?<![或及者])以上"): "low",
    regex.compile(r"(?<![或及者])以下"): "high",
}
_HEDGE_KINDS = {"about", "near"}
_BOUNDS_PREFIX = {**_BOUNDS["zh"]["prefix"], **_BOUNDS["en"]["prefix"]}
_HEDGE = regex.compile(
    r"(?:%s)(?:%s)*" % (
        "|".join(regex.escape(numbers.fold(w)) for w in sorted(
            (w for w, k in _BOUNDS_PREFIX.items() if k in _HEDGE_KINDS), key=len, reverse=True)),
        "|".join(regex.escape(numbers.fold(w)) for w in _BOUNDS["zh"]["prefix_fillers"]["fillers"]),
    ),
    regex.IGNORECASE,
)


def _spec_interval(c) -> Interval:
    iv = Interval(_num(c.low), _num(c.high), c.low_inclusive, c.high_inclusive)
    if c.bound in SPEC_BY_BOUND:
        iv = SPEC_BY_BOUND[c.bound](iv)
    t = numbers.fold(c.text)
    for word, side in SPEC_OPEN_BY_WORD.items():
        if word.search(t):
            iv = iv._replace(**{f"{side}_inclusive": False})
    return iv


def range_model(text: str) -> list[Got]:
    """NumberRangeModel: every claim read with a bound, as an interval in the spec's
    convention (the profile above); the span keeps the bound words (the spec's does) but
    not a hedge the reading does not take, nor a unit or classifier at its end."""
    out = []
    for c in _extract(text):
        if c.bound not in RANGE_BOUNDS:
            continue
        t = numbers.fold(c.text).rstrip()
        for w in _TRAILING_UNITS:  # 超过80个 -> 超过80, 至少有10次 -> 至少有10
            if t.endswith(w) and len(t) > len(w):
                t = t[: -len(w)].rstrip()
                break
        start = c.start
        h = _HEDGE.match(t) if c.bound not in _HEDGE_KINDS else None
        if h and h.end() < len(t):  # 大概有20~100 -> 20~100
            start, t = start + h.end(), t[h.end():]
        out.append(Got(start, start + len(t) - 1, _spec_interval(c), text=c.text))
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
