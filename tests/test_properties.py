"""Properties that hold for any input: extract never raises, offsets slice to the text,
intervals are ordered, units parse."""

from hypothesis import given, settings
from hypothesis import strategies as st

import claimcheck

ALPHABET = st.sampled_from(
    list("0123456789０１２３.,，%％ -—~") + list("零一二两三四五六七八九十百千万亿壹拾佰")
    + ["超过", "不超过", "近", "约", "以上", "多", "余", "数", "级", "个", "家", "张", "元", "美元",
       "EFLOPS", "P", "亿元", "到", "年", "月", "日", "第", "GPT-", "over ", "about ", "million ",
       "two ", "$", "\n", "\u200b", "\u202e", "😀", "\x00", "。"]
)
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, st.text(max_size=200)))
def test_extract_never_raises_and_offsets_slice(text):
    for c in claimcheck.extract(text):
        assert text[c.start:c.end] == c.text
        assert c.text.strip() == c.text and c.text
        if c.low is not None and c.high is not None:
            assert c.low <= c.high


@settings(max_examples=50, deadline=None)
@given(TEXT)
def test_units_parse(text):
    ureg = claimcheck.ureg
    for c in claimcheck.extract(text):
        ureg.parse_units(c.unit)
