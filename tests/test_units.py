"""Unit readings (claimcheck/data/units.toml, claimcheck/extract/measures.py): unit words
after a number, currency signs before or after it, units that take a character back from
a Chinese numeral, compound quantities, contextual units and bare unit mentions."""

import pytest

import claimcheck
from claimcheck.extract import measures

# (text, claim text, low (= high), canonical unit, kind)
READINGS = [
    # a 千/兆 the numeral took begins the unit word (unit first)
    ("五十兆字节", "五十兆字节", 5e7, "byte", "data"),
    ("1兆赫兹", "1兆赫兹", 1e6, "hertz", "frequency"),
    ("一百千瓦", "一百千瓦", 1e5, "watt", "power"),
    ("323千卡", "323千卡", 323, "kilocalorie", "energy"),
    ("12千米", "12千米", 12000, "meter", "length"),
    ("2.3千克", "2.3千克", 2.3, "kilogram", "mass"),
    ("五十千克", "五十千克", 50, "kilogram", "mass"),
    ("三千比特", "三千比特", 3000, "bit", "data"),
    ("负0.2千米", "负0.2千米", -200, "meter", "length"),
    ("风电装机容量达到300万千瓦", "达到300万千瓦", 3e9, "watt", "power"),
    # 两 closing a numeral is the unit liang; 半 after a unit adds half of it
    ("二两", "二两", 2, "liang", "mass"),
    ("三十两", "三十两", 30, "liang", "mass"),
    ("两万两", "两万两", 20000, "liang", "mass"),
    ("三千两百两", "三千两百两", 3200, "liang", "mass"),
    ("1234两", "1234两", 1234, "liang", "mass"),
    ("一吨半", "一吨半", 1500, "kilogram", "mass"),
    ("两米半", "两米半", 2.5, "meter", "length"),
    ("十五斤半", "十五斤半", 15.5, "jin", "mass"),
    ("用时一年半", "一年半", 1.5, "year", "duration"),
    ("票价一块半", "一块半", 1.5, "CNY", "money"),
    # a duration followed by 大 is an age
    ("宝宝只有十个月大的时候", "十个月大", 10, "month", "age"),
    ("已经三周大了", "三周大", 3, "week", "age"),
    ("90天大的小孩", "90天大", 90, "day", "age"),
    # compound money and lengths
    ("这个手机壳五元三毛", "五元三毛", 5.3, "CNY", "money"),
    ("50元6角三分", "50元6角三分", 50.63, "CNY", "money"),
    ("这台电脑两美元又三美分", "两美元又三美分", 2.03, "USD", "money"),
    ("10日元5日本銭", "10日元5日本銭", 10.05, "JPY", "money"),
    ("一斤3块5", "3块5", 3.5, "CNY", "money"),
    ("it only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD", "money"),
    ("it costs only 15 dollars and 15.", "15 dollars and 15", 15.15, "USD", "money"),
    ("thirteen dollars forty-five cents", "thirteen dollars forty-five cents", 13.45, "USD", "money"),
    ("me c $ 100 and fifty.", "c $ 100 and fifty", 100.5, "CAD", "money"),
    ("he is 5 feet 2 inches", "5 feet 2 inches", 1.5748, "meter", "length"),
    # classifier then currency; currency words and signs after the number
    ("我有20个比特币", "20个比特币", 20, "BTC", "money"),
    ("Give me 5 dollars", "5 dollars", 5, "USD", "money"),
    ("It costs you 10 us dollar", "10 us dollar", 10, "USD", "money"),
    ("for 420 million finnish markka .", "420 million finnish markka", 4.2e8, "FIM", "money"),
    ("125 million australian dollars of bonds", "125 million australian dollars", 1.25e8, "AUD", "money"),
    ("received five million yen", "five million yen", 5e6, "JPY", "money"),
    ("10,000 swiss francs", "10,000 swiss francs", 10000, "CHF", "money"),
    ("a bid of 470 pence a share", "470 pence", 4.7, "GBP", "money"),
    ("down 34 cents", "34 cents", 0.34, "USD", "money"),
    ("6.25 BTC", "6.25 BTC", 6.25, "BTC", "money"),
    ("10 $ is not much, nor is 10 €", "10 €", 10, "EUR", "money"),
    ("115USD", "115USD", 115, "USD", "money"),
    ("They lost 75 USD million", "75 USD million", 7.5e7, "USD", "money"),
    ("The firm raised $10m last year.", "$10m", 1e7, "USD", "money"),
    # currency signs and codes before the number
    ("between c $ 16.4 million", "c $ 16.4 million", 1.64e7, "CAD", "money"),
    ("to hk $ 10.05 billion .", "hk $ 10.05 billion", 1.005e10, "HKD", "money"),
    ("the lottery is u.s $ 100,000,000", "u.s $ 100,000,000", 1e8, "USD", "money"),
    ("Sell Mex$ 10 million forward", "Mex$ 10 million", 1e7, "MXN", "money"),
    ("this item for EUR 125.", "EUR 125", 125, "EUR", "money"),
    # English dimensions
    ("You weight 200lbs.", "200lbs", 90.718474, "kilogram", "mass"),
    ("75ml", "75ml", 0.075, "liter", "volume"),
    ("its 3-inch thickness", "3-inch", 0.0762, "meter", "length"),
    ("the six-mile trip", "six-mile", 9656.064, "meter", "length"),
    ("an area ten miles long", "ten miles", 16093.44, "meter", "length"),
    ("500,000 barrels a day", "500,000 barrels", 500000 * 158.987294928, "liter", "volume"),
    ("a 45-acre horse farm", "45-acre", 45 * 4046.8564224, "meter**2", "area"),
    ("16,000 metric tons of psyllium", "16,000 metric tons", 1.6e7, "kilogram", "mass"),
    ("660 square meters in the cities", "660 square meters", 660, "meter**2", "area"),
    ("can run at 188 miles an hour", "188 miles an hour", 188 * 1.609344, "kilometer/hour", "speed"),
    ("The weight is 150 microgram", "150 microgram", 1.5e-7, "kilogram", "mass"),
    ("这里水深超过250m", "超过250m", 250, "meter", "length"),
    ("He is 1.8m tall.", "1.8m", 1.8, "meter", "length"),
    ("rotate 90 degrees", "90 degrees", 90, "degree", "angle"),
    # age and temperature
    ("I'm only 29 years old!", "29 years old", 29, "year", "age"),
    ("A 28-year-old man", "28-year-old", 28, "year", "age"),
    ("diagnosed at eighteen months of age", "eighteen months of age", 18, "month", "age"),
    ("98.6 degrees fahrenheit", "98.6 degrees fahrenheit", 98.6, "degF", "temperature"),
    ("the temperature outside is 40 deg celsius", "40 deg celsius", 40, "degC", "temperature"),
    ("raise the temperature by 5 degrees", "5 degrees", 5, "temperature_degree", "temperature"),
    ("set the thermostat to 85°", "85°", 85, "temperature_degree", "temperature"),
    ("外面的温度是98度", "98度", 98, "temperature_degree", "temperature"),
    ("正常的温度是华氏温度98.6度", "华氏温度98.6度", 98.6, "degF", "temperature"),
    ("年发电量1亿度", "1亿度", 1e8, "kilowatt_hour", "energy"),
    ("profit of 361 million pounds", "361 million pounds", 3.61e8, "GBP", "money"),
    ("this baby is over two pounds.", "over two pounds", 0.90718474, "kilogram", "mass"),
]


@pytest.mark.parametrize("text,ctext,value,unit,kind", READINGS, ids=[r[0] for r in READINGS])
def test_reading(text, ctext, value, unit, kind):
    claims = claimcheck.extract(text)
    found = [c for c in claims if c.text == ctext]
    assert found, f"no claim {ctext!r} in {[(c.text, c.low, c.unit) for c in claims]}"
    c = found[0]
    assert text[c.start:c.end] == c.text
    lo = c.high if c.low is None else c.low
    assert lo == pytest.approx(value, rel=1e-9)
    assert (c.unit, c.kind) == (unit, kind)
    claimcheck.ureg.parse_units(c.unit)  # every canonical unit is a pint unit


# What must stay as it was, or must not become a unit reading.
# (text, the claims as (text, low, unit))
KEPT = [
    ("融资2.6万块H100", [("2.6万块", 26000, "card")]),
    ("花了三块", [("三块", 3, "CNY")]),
    ("两两组合", []),
    ("三两句话", []),
    ("两百点两", []),
    ("过去一年半导体行业增长", [("一年", 1, "year")]),
    ("为期三天大会", [("三天", 3, "day")]),
    ("五角大楼宣布了作战计划", []),
    ("360度全景相机", []),
    ("1月1日元旦", []),
    ("一月一日元旦", []),
    ("股价5元3分钟后回落", [("5元", 5, "CNY")]),
    ("价格为5元，3个", [("5元", 5, "CNY"), ("3个", 3, "count")]),
    ("The 19 euro zone members agreed.", []),
    ("About 5m people watched.", []),
    ("It cost $5 and 10 more", [("$5", 5, "USD")]),
    ("costs 15 dollars and 3 people agree", [("15 dollars", 15, "USD")]),
    ("walked 5 miles 2 in a row", [("5 miles", 8046.72, "meter")]),
    ("a $5 million deal", [("$5 million", 5e6, "USD")]),
    ("basic $5 fee", [("$5", 5, "USD")]),
    ("1 $10 dollars bill", [("$10 dollars", 10, "USD")]),
    ("rmb 10 usd 20", [("rmb 10", 10, "CNY"), ("usd 20", 20, "USD")]),
    ("$ 20,000.00 $ 37,305.97", [("$ 20,000.00", 20000, "USD"), ("$ 37,305.97", 37305.97, "USD")]),
    ("24703m212", []),
    ("5G network", []),
]


@pytest.mark.parametrize("text,expected", KEPT, ids=[k[0] for k in KEPT])
def test_kept(text, expected):
    got = [(c.text, c.low, c.unit) for c in claimcheck.extract(text)]
    assert [(t, u) for t, _, u in got] == [(t, u) for t, _, u in expected]
    for (_, lo, _), (_, want, _) in zip(got, expected):
        assert lo == pytest.approx(want)


MENTIONS = [
    ("人民币 美元", [("人民币", "CNY"), ("美元", "USD")]),
    ("convert 10 celsius to fahrenheit", [("fahrenheit", "degF")]),
    ("a multibillion - dollar deal", [("dollar", "USD")]),
    ("50 dollar rmb", [("rmb", "CNY")]),
    ("温度的单位是°C吗", [("°C", "degC")]),
    ("5 dollars", []),
]


@pytest.mark.parametrize("text,expected", MENTIONS, ids=[m[0] for m in MENTIONS])
def test_mentions(text, expected):
    """Unit names standing alone are mentions, never claims."""
    assert [(m.text, m.unit) for m in measures.mentions(text)] == expected
    for m in measures.mentions(text):
        assert text[m.start:m.end] == m.text
        assert not any(c.start < m.end and m.start < c.end for c in claimcheck.extract(text))
