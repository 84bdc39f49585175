"""A synthetic corpus for the rule tests: small dated Documents made from templates.

Each template is one sentence of the kind the seeds contain, written so that the
extractor anchors it to the metric a rule needs (checked in tests/test_rules.py,
`test_templates_anchor`):

    released      截至{when}，国内已发布大模型{n}个。          large_models.released.count, CN
    registered    截至{when}，国内通过网信办备案的大模型有{n}个。  large_models.registered.count, CN
    compute       {year}年我国算力总规模{n}EFLOPS。            compute.total.flops, CN
    regional      通过网信办备案的大模型有{total}个，其中，北京{a}个，…   a total and its parts
    chips         IDC数据显示，{year}年上半年，中国加速芯片的市场规模超过{w}万张，…占整个市场{s}%左右。

`{n}` is written as given, so a template takes bound words with its number
(`n="超80"`, `n="不到50"`). `doc(name, published=..., **fields)` makes one Document;
`corpus(*docs)` numbers their ids. `documents()` is a hypothesis strategy over the
templates with random numbers and dates (for the order and monotonicity properties).
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional, Union

from claimcheck.model import Document

__all__ = ["TEMPLATES", "text", "doc", "raw", "corpus", "parts", "when", "documents"]

TEMPLATES: dict[str, str] = {
    # --- large models: cumulative counts, by status, region and parameter threshold
    "released": "截至{when}，国内已发布大模型{n}个。",
    "released_in": "截至{when}，{region}已发布大模型{n}个。",
    "released_new": "{when}，国内新增发布大模型{n}个。",
    "released_total": "截至{when}，国内累计发布大模型{n}个。",
    "released_1b": "截至{when}，国内10亿参数规模以上大模型已发布{n}个。",
    "released_1b_over": "截至{when}，国内10亿参数规模以上大模型已超{n}个。",
    "released_forecast": "预计截至{when}，国内已发布大模型将达{n}个。",
    "registered": "截至{when}，国内通过网信办备案的大模型有{n}个。",
    "registered_bare": "截至{when}，通过网信办备案的大模型有{n}个。",  # the seeds' wording: no region
    "registered_in": "截至{when}，{region}通过网信办备案的大模型有{n}个。",
    "share_4": "截至{when}，北京、上海、广东、浙江四地备案的大模型数量占全国的{pct}%。",
    "released_en": "As of {when}, China had released {n} large models.",
    # --- computing power, data, industry size
    "compute": "{year}年我国算力总规模{n}EFLOPS。",
    "compute_p": "{year}年我国算力总规模达{n}PFLOPS。",
    "compute_prec": "{year}年我国算力总规模达{n}EFLOPS（{prec}）。",
    "compute_at": "截至{when}，我国算力总规模达{n}EFLOPS。",
    "compute_at_forecast": "预计截至{when}，我国算力总规模将达{n}EFLOPS。",
    "compute_target": "计划到{year}年，我国算力总规模达到{n}EFLOPS。",
    "compute_en": "In {year}, China's computing power reached {n}.",
    "data": "{year}年我国数据产量达{n}。",
    "data_in": "{year}年{region}数据产量达{n}。",
    "data_stored": "{year}年我国数据存储量达{n}。",
    "industry": "{year}年我国人工智能核心产业规模达{n}。",
    "industry_in": "{year}年{region}人工智能核心产业规模达{n}。",
    "industry_forecast": "预计{year}年我国人工智能核心产业规模将达{n}。",
    "downloads": "截至{when}，通义千问开源模型累计下载量达{n}次。",
    # --- totals with their parts, shares (one sentence each)
    "regional": "通过网信办备案的大模型有{total}个，其中，{parts}。",
    "regional_pct": "通过网信办备案的大模型有{total}个，其中，{parts}，大模型数量占全国的{pct}%。",
    "regional_pct_long": "通过网信办备案的大模型有{total}个，其中，{parts}，大模型数量占全国总模型数量的{pct}%。",
    "regional_at": "截至{when}，通过网信办备案的大模型{total}个，其中，{parts}。",
    "released_regional": "截至{when}，国内已发布大模型{total}个，其中，{parts}。",
    "companies": "截至{when}，我国已有人工智能企业{total}家，其中，{parts}。",
    "companies_pct": "截至{when}，我国已有人工智能企业{total}家，其中，{parts}，三地企业数量占全国总数的{pct}。",
    "cards": "{year}年，我国加速卡出货量为{total}，其中，{parts}。",
    "chips": ("IDC数据显示，{year}年上半年，中国加速芯片的市场规模超过{w}万张，"
              "本土AI芯片品牌出货超过{p}万张，占整个市场{s}%左右。"),
    "chips_exact": ("IDC数据显示，{year}年上半年，中国加速芯片的市场规模超过{w}万张，"
                    "本土AI芯片品牌出货超过{p}万张，占整个市场{s}%。"),
    "chips_yoy": ("IDC数据显示，{year}年上半年，中国加速芯片的市场规模超过{w}万张，"
                  "本土AI芯片品牌出货超过{p}万张，同比增长{s}%。"),
    "chips_plain": ("IDC数据显示，{year}年上半年，中国加速芯片的市场规模达{w}万张，"
                    "本土AI芯片品牌出货{p}万张，占整个市场{s}%。"),
    "chips_market": "{year}年上半年，中国加速芯片的市场规模{n}万张。",
    "chip_sales": "{year}年，我国AI芯片市场规模达{w}亿元，其中国产芯片销售额达{p}亿元，占比{s}%。",
}

_REGIONS = ("北京", "上海", "广东", "浙江", "江苏", "深圳")


def parts(*values: Union[int, str], unit: str = "个", regions=_REGIONS) -> str:
    """北京51个，上海24个，广东19个: parts by region, in order."""
    return "，".join(f"{r}{v}{unit}" for r, v in zip(regions, values))


def text(template: str, **fields) -> str:
    """The template's text with `fields` filled in (`parts` may be given as a tuple)."""
    if isinstance(fields.get("parts"), tuple):
        fields["parts"] = parts(*fields["parts"], unit=fields.pop("unit", "个"))
    return TEMPLATES[template].format(**fields)


def _date(d: Union[str, _dt.date, None]) -> Optional[_dt.date]:
    return _dt.date.fromisoformat(d) if isinstance(d, str) else d


def doc(template: str, *, published: Union[str, _dt.date, None], id: Optional[str] = None, **fields) -> Document:
    """One Document from a template; `published` as a date or ISO string (None: no date)."""
    t = text(template, **fields)
    return Document(id=id or template, text=t, published=_date(published))


def raw(text_: str, *, published: Union[str, _dt.date, None], id: Optional[str] = None) -> Document:
    """A Document from text written out (several template sentences, a variation)."""
    return Document(id=id or "raw", text=text_, published=_date(published))


def corpus(*docs: Document) -> list[Document]:
    """The documents with ids d0, d1, ... in order (the ids a finding's message shows)."""
    return [d.model_copy(update={"id": f"d{i}"}) for i, d in enumerate(docs)]


def when(year: int, month: int, part: str = "") -> str:
    """2023年7月初 / 2023年10月 / 2024年3月底."""
    return f"{year}年{month}月{part}"


def _month_end(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


# --- hypothesis: documents from the templates with random numbers and dates ----------

def documents(max_docs: int = 5):
    """A strategy for lists of 1..max_docs Documents with distinct texts and ids, drawn
    from the templates most likely to meet each other (released, registered, compute,
    regional parts, chips), dated 2022-2024 and published 0-60 days after."""
    from hypothesis import strategies as st

    months = st.tuples(st.integers(2022, 2024), st.integers(1, 12), st.sampled_from(["", "初", "底"]))
    bound = st.sampled_from(["", "超", "近", "约", "不到"])

    @st.composite
    def one(draw):
        kind = draw(st.sampled_from(["released", "registered", "released_in", "released_1b", "compute",
                                     "regional", "chips", "released_forecast"]))
        y, m, part = draw(months)
        pub = _month_end(y, m) + _dt.timedelta(days=draw(st.integers(0, 60)))
        n = draw(st.sampled_from([5, 10, 50, 79, 80, 100, 117, 238, 800, 2000]))
        b = draw(bound)
        if kind == "compute":
            return text("compute", year=y, n=f"{b or '达'}{n}"), pub
        if kind == "regional":
            ps = draw(st.lists(st.integers(1, 80), min_size=2, max_size=4))
            return text("regional", total=n, parts=tuple(ps)), pub
        if kind == "chips":
            w = draw(st.integers(10, 90))
            p = draw(st.integers(1, 20))
            s = draw(st.integers(1, 60))
            return text("chips", year=y, w=w, p=p, s=s), pub
        if kind == "released_in":
            return text(kind, when=when(y, m, part), region=draw(st.sampled_from(_REGIONS[:3])), n=f"{b}{n}"), pub
        return text(kind, when=when(y, m, part), n=f"{b}{n}"), pub

    def build(rows):
        return [Document(id=f"g{i}", text=t, published=p) for i, (t, p) in enumerate(rows)]

    return st.lists(one(), min_size=1, max_size=max_docs, unique_by=lambda r: r[0]).map(build)

