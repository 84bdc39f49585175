"""Time expressions (claimcheck/extract/timex.py): the table of readings in
tests/data/timex_cases.toml, offsets, the context of a sentence, the governing lookup,
and properties that hold for any text."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcheck.extract import sentences
from claimcheck.extract.timex import PATTERN, Timex, _spec_of, anchor, find_times, governing, parse_period
from claimcheck.model import Period

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
TABLE = tomllib.loads((Path(__file__).parent / "data" / "timex_cases.toml").read_text(encoding="utf-8"))
SECTIONS = ("zh_absolute", "zh_relative", "zh_flags", "en", "hard", "edge")
XFAIL: dict[str, str] = TABLE["xfail"]
FLAGS = ("until", "since", "target")
D = dt.date.fromisoformat


def _rows():
    for section in SECTIONS:
        for i, row in enumerate(TABLE[section]):
            text, published = row[0], row[1]
            reason = XFAIL.get(f"{text}|{published}")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(*row, id=f"{section}-{i}-{text}", marks=marks)


def _flags(t: Timex) -> str:
    return "+".join(f for f in FLAGS if getattr(t, f))


def test_table_size():
    rows = sum(len(TABLE[s]) for s in SECTIONS) + len(TABLE["none"]["rows"])
    assert rows >= 150
    assert all(k.split("|")[0] in {r[0] for s in SECTIONS for r in TABLE[s]} for k in XFAIL)


@pytest.mark.parametrize("text,published,start,end,grain,flags", list(_rows()))
def test_reading(text, published, start, end, grain, flags):
    times = find_times(text, published or None)
    assert len(times) == 1, [t.text for t in times]
    t = times[0]
    assert text[t.start:t.end] == t.text
    got = (str(t.period.start) if t.period else "", str(t.period.end) if t.period else "", t.grain or "", _flags(t))
    assert got == (start, end, grain, flags)
    if t.period is not None:
        assert t.period.grain == t.grain and t.period.text == t.text
    # parse_period reads the expression on its own alike
    if t.text == text.strip() and t.basis != "context":
        assert parse_period(text, published or None) == t.period


@pytest.mark.parametrize("text,published", TABLE["none"]["rows"], ids=[r[0] or "(empty)" for r in TABLE["none"]["rows"]])
def test_no_time(text, published):
    assert find_times(text, published or None) == []
    assert parse_period(text, published or None) is None


# ---------------------------------------------------------------------- parse_period


def test_parse_period_example_of_the_issue():
    p = parse_period("截至2023年7月初", published="2023-08-15")
    assert (p.start, p.end, p.grain) == (D("2023-07-01"), D("2023-07-10"), "tenday")
    assert p == Period(start=D("2023-07-01"), end=D("2023-07-10"), grain="tenday", text="截至2023年7月初")


@pytest.mark.parametrize("published", [D("2023-08-15"), dt.datetime(2023, 8, 15, 9, 30), "2023-08-15",
                                       "2023-08-15T09:30:00", " 2023-08-15 "])
def test_published_forms(published):
    assert parse_period("上个月", published=published).start == D("2023-07-01")
    assert find_times("上个月", published)[0].period.end == D("2023-07-31")


def test_bad_published():
    with pytest.raises(ValueError):
        parse_period("今年", published="last tuesday")
    with pytest.raises(TypeError):
        find_times("今年", published=20230815)
    with pytest.raises(TypeError):
        find_times(b"2023\xe5\xb9\xb4")


@pytest.mark.parametrize("text", ["in 2023", "In 2023", "在2023年", "during May", "2023", "May", "  2023年  "])
def test_parse_period_lead_words_and_bare(text):
    assert parse_period(text, "2023-08-15") is not None


def test_parse_period_two_expressions_is_none():
    assert parse_period("2022年和2023年", "2023-08-15") is None
    assert parse_period(None) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------------- the sentence's context


def _periods(text, published="2023-08-15"):
    return [(t.text, str(t.period.start) if t.period else None, str(t.period.end) if t.period else None, t.basis)
            for t in find_times(text, published)]


def test_year_from_earlier_expression_in_the_sentence():
    got = _periods("恒生电子2023年3月底开始筹划，12月下旬发布")
    assert got[1] == ("12月下旬", "2023-12-21", "2023-12-31", "context")  # not 2022 (the bare rule)


def test_year_from_relative_year():
    got = _periods("去年10月和11月，销量分别为")
    assert got == [("去年10月", "2022-10-01", "2022-10-31", "published"),
                   ("11月", "2022-11-01", "2022-11-30", "context")]


def test_context_stops_at_sentence_end():
    got = _periods("2021年销量翻番。11月，新品发布")
    assert got[1] == ("11月", "2022-11-01", "2022-11-30", "published")


def test_same_period_moves_the_period_before():
    got = _periods("今年上半年营收增长20%，去年同期为下降5%")
    assert got[1] == ("去年同期", "2022-01-01", "2022-06-30", "context")
    got = _periods("2023年一季度营收，2022年同期")
    assert got[1] == ("2022年同期", "2022-01-01", "2022-03-31", "context")
    got = _periods("Revenue rose in Q2 2023 from the same period last year")
    assert got[1] == ("the same period last year", "2022-04-01", "2022-06-30", "context")


def test_context_year_words():
    got = _periods("2021年公司成立，次年营收破亿，同年12月上市")
    assert got[1:] == [("次年", "2022-01-01", "2022-12-31", "context"),
                       ("同年12月", "2022-12-01", "2022-12-31", "context")]


def test_a_whole_sentence_scan_equals_the_text_scan():
    text = "\n".join((ROOT / "seeds" / n).read_text(encoding="utf-8") for n in ("001_17823c728e522540.txt",
                                                                          "004_0fed65722026f005.txt"))
    whole = find_times(text, "2023-08-25")
    parts = []
    for s, e in sentences(text):
        parts += find_times(text, "2023-08-25", s, e)
    assert parts == whole


# ---------------------------------------------------------------------- offsets and the scan


def _seed_texts():
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _slow(text):
    """The ends of what PATTERN matches tried at every position (less the dates that
    cannot exist, which find_times drops): what find_times finds without its scan."""
    out, pos = [], 0
    while pos < len(text):
        m = PATTERN.match(text, pos)
        if m is not None and m.end() > pos:
            if _spec_of(m).ok:
                out.append(m.end())
            pos = m.end()
        else:
            pos += 1
    return out


@pytest.mark.parametrize("name,text", _seed_texts(), ids=lambda x: x if len(x) < 40 else "")
def test_offsets_in_seeds(name, text):
    times = find_times(text, "2023-08-15")
    assert times, name
    end = 0
    for t in times:
        assert text[t.start:t.end] == t.text and t.text.strip() == t.text
        assert t.start >= end
        end = t.end
        if t.period is not None:
            assert t.period.start <= t.period.end


@pytest.mark.parametrize("name,text", _seed_texts(), ids=lambda x: x if len(x) < 40 else "")
def test_scan_hides_no_match_in_seeds(name, text):
    assert [t.end for t in find_times(text)] == _slow(text)


def test_scan_hides_no_match_in_table():
    for text in [r[0] for s in SECTIONS for r in TABLE[s]] + [r[0] for r in TABLE["none"]["rows"]]:
        assert [t.end for t in find_times(text)] == _slow(text), text


def test_seed_readings():
    text = (ROOT / "seeds" / "002_92933386036dc394.txt").read_text(encoding="utf-8")
    t = next(t for t in find_times(text, "2023-12-10") if t.text == "截至10月份")
    assert (t.period.start, t.period.end, t.until) == (D("2023-10-01"), D("2023-10-31"), True)
    text = (ROOT / "seeds" / "004_0fed65722026f005.txt").read_text(encoding="utf-8")
    targets = [t for t in find_times(text, "2023-08-25") if t.target]
    assert targets and all(t.text.endswith("2025年") for t in targets)


# ---------------------------------------------------------------------- the governing expression

TEXT = "截至2023年7月初，我国大模型已超80个。去年全年新增30个；目前已达100个，预计到2025年超200个。共计5个"


def _at(needle):
    return TEXT.index(needle)


def _sent(pos):
    return next((s, e) for s, e in sentences(TEXT) if s <= pos < e)


@pytest.mark.parametrize("claim,expected,rule", [
    ("超80个", "截至2023年7月初", "sentence"),   # another clause of the sentence
    ("30个", "去年全年", "own"),
    ("100个", "目前", "own"),
    ("超200个", "到2025年", "own"),
    ("5个", None, "published"),
])
def test_governing_and_anchor(claim, expected, rule):
    times = find_times(TEXT, "2023-08-15")
    pos = _at(claim)
    s, e = _sent(pos)
    t = governing(times, pos, s, e)
    assert (t.text if t else None) == expected
    period, how = anchor(TEXT, times, pos, s, e, "2023-08-15")
    assert how == rule
    if t is not None:
        assert period == t.period
    else:
        assert period == Period(start=D("2023-08-15"), end=D("2023-08-15"), grain="day")


def test_governing_after_when_none_before():
    text = "共有80个大模型，截至2023年7月初。"
    times = find_times(text, "2023-08-15")
    assert governing(times, 2, 0, len(text)).text == "截至2023年7月初"
    assert governing(times, 2, 0) is None  # without the sentence's end: only before
    assert anchor(text, times, 2, 0, len(text), "2023-08-15")[1] == "sentence"


def test_governing_stays_in_the_sentence():
    text = "2022年营收下降。利润为5亿元"
    times = find_times(text, "2023-08-15")
    s = text.index("利润")
    assert governing(times, text.index("5亿"), s, len(text)) is None
    assert anchor(text, times, text.index("5亿"), s, len(text), None) == (None, "none")


def test_governing_nearest_before():
    text = "2022年为10个，2023年为20个"
    times = find_times(text, "2023-08-15")
    assert governing(times, text.index("20个"), 0, len(text)).text == "2023年"
    assert governing(times, text.index("10个"), 0, len(text)).text == "2022年"
    assert governing([], 3, 0, 10) is None


# ---------------------------------------------------------------------- properties

ALPHABET = st.sampled_from(
    list("0123456789０１２３.,，-—~/ 年月日号季度初中下旬底末上半前后今去明本近至到截自从以来止QH")
    + ["截至", "以来", "为止", "同期", "去年", "今年", "上半年", "季度", "月份", "年代", "个月", "二〇二三", "十二",
       "as of ", "since ", "by ", "in ", "the end of ", "July ", "Q3 ", "last year", "1H", "ago", "years ",
       "As  of ", "The  end  of ", "Last  month", "Early ", "mid-", "the first ", "half", "quarter", "from ",
       "between ", " and ", " to ", "Sept. ", "1st ", "two ", "past ", "YTD", "now", "fiscal ", "s",
       "9999", "0000", "13月", "2月30日", "\n", "。", ". ", "😀", "\x00", "\u202e", "İ", "ſ", "K"]
)
TEXT_ST = st.lists(ALPHABET, max_size=30).map("".join)
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXT_ST, st.text(max_size=120)), DATES)
def test_find_times_never_raises_and_slices(text, published):
    times = find_times(text, published)
    end = 0
    for t in times:
        assert text[t.start:t.end] == t.text and t.text
        assert t.start >= end
        end = t.end
        if t.period is not None:
            assert t.period.start <= t.period.end
    assert parse_period(text, published) is None or isinstance(parse_period(text, published), Period)


@settings(max_examples=200, deadline=None)
@given(TEXT_ST)
def test_scan_hides_nothing(text):
    assert [t.end for t in find_times(text)] == _slow(text)


@settings(max_examples=100, deadline=None)
@given(TEXT_ST, DATES)
def test_sentence_scans_agree(text, published):
    whole = find_times(text, published)
    spans = sentences(text)
    # (an abbreviation's point is a sentence end to extract.sentences(): Sept. 1)
    assume(all(any(s <= t.start and t.end <= e for s, e in spans) for t in whole))
    parts = []
    for s, e in spans:
        parts += find_times(text, published, s, e)
    assert parts == [t for t in whole if any(s <= t.start < e for s, e in spans)]
