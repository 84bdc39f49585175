#!/usr/bin/env python
"""Scaling benchmark of `claimcheck.check_claims`: synthetic corpora of 1k, 10k and 100k
articles (~40 claims each, a realistic metric spread), time and peak RSS of each.

    python benchmarks/check.py [--sizes 1000,10000,100000] [--seed 20240515]
                               [--timeout 300] [--budget 570] [--max-mem-mib N]
                               [--out benchmarks/results/check.json]
                               [--profile] [--profile-sizes 1000,2000]

Acceptance (the issue): from 10k to 100k articles, time and peak RSS grow <= 11x.

Each size runs in a fresh subprocess (started through /bin/sh, so that its ru_maxrss is
its own) that builds the claims directly (no text is extracted: the claims are made the
way `extract` makes them) and then times `check_claims` on them. The subprocess reports
the peak RSS after `import claimcheck`, after building the claims and after checking, so
the checker's own memory is the difference of the last two. A size that does not finish
within its time (--timeout, and what is left of --budget) is killed, one that needs more
than --max-mem-mib of address space fails with MemoryError; either way the figures it
reached are kept and the table says how far it got.

--profile also runs `check_claims` under cProfile at --profile-sizes, each rule timed on
its own, with the sizes of the biggest groups (family, signature, dated series): when the
time grows faster than the claims, the per-rule time exponents between the profiled sizes
say which rule, and the findings per code (with the claim cited most) say why. The
cProfile text (top functions by own and by cumulative time) is kept in the JSON
(`profile[].cprofile`). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import itertools
import json
import math
import os
import platform
import random
import shlex
import signal
import subprocess
import sys
import time
from bisect import bisect_left
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GROWTH_ACCEPT = 11.0  # 10k -> 100k articles: time and peak RSS may grow at most this much
DEFAULT_SIZES = (1_000, 10_000, 100_000)
DEFAULT_SEED = 20240515
CLAIMS_PER_ARTICLE = 40  # mean; each article has 30..50

# --------------------------------------------------------------------------- the corpus
#
# Articles are published uniformly over 2022-2025. Each is a run of sentences of 1-5
# claims; a sentence has one time expression (as_of) and one topic:
#   - a vocabulary metric, alone or with a claim of no known metric beside it
#   - two vocabulary metrics stated together (算力总规模 ... 其中智能算力 ...)
#   - a total and its parts by region after 其中, sometimes with their share (CC301/302)
#   - a whole, a part and its share after 占 (CC303)
#   - claims of no known metric (`~` keys: durations, counts, shares of anything)
# Values come from one "truth" per signature (metric, region, threshold, subject), which
# grows over time and is constant within a quarter (counts) or a year (annual figures),
# so that claims agree unless they are among the ~1% given a wrong value (or the 0.1%
# given a 10^4 slip). They are written the ways the text writes them: 238个, 超200个,
# 约240个, 近240个, 230多个, 5.2万张, 197EFLOPS, 1750亿.

EPOCH = _dt.date(2022, 1, 1)
SPAN_DAYS = (_dt.date(2025, 12, 31) - EPOCH).days + 1

# Vocabulary metrics: key, unit, kind, weight (share of vocabulary claims, in %), value
# at EPOCH for CN (or the world), yearly growth, truth grain ("q" quarter, "y" year),
# subject words, generic (a subject pool: companies, models).
_V = [
    # the hot ones
    ("large_models.released.count", "model", "count", 17, 20, 3.0, "q", ("大模型", "通用大模型", "10亿级参数规模以上大模型"), None),
    ("large_models.registered.count", "model", "count", 7, 5, 4.0, "q", ("备案大模型", "备案的大模型"), None),
    ("compute.total.flops", "FLOP/s", "compute", 8, 1.4e20, 1.3, "y", ("算力总规模", "总算力"), None),
    ("compute.intelligent.flops", "FLOP/s", "compute", 6, 4.0e19, 1.6, "y", ("智能算力规模", "智能算力"), None),
    ("compute.intelligent.share", "percent", "ratio", 3, 22.0, 1.12, "y", ("智能算力占比",), None),
    ("gpu.shipments.cards", "card", "count", 6, 5.0e4, 1.8, "q", ("GPU出货量", "加速卡出货"), None),
    ("gpu.market.cards", "card", "count", 4, 5.0e5, 1.5, "q", ("GPU市场规模", "加速卡市场"), None),
    ("gpu.market.usd", "USD", "money", 3, 1.0e10, 1.6, "y", ("GPU市场规模", "AI芯片市场规模"), None),
    ("ai_industry.core.cny", "CNY", "money", 4, 4.0e11, 1.15, "y", ("人工智能核心产业规模", "核心产业规模"), None),
    ("data.produced.bytes", "byte", "data", 2, 6.6e21, 1.22, "y", ("数据产量",), None),
    ("large_models.released.share", "percent", "ratio", 1.5, 30.0, 1.1, "y", ("大模型数量占比",), None),
    # generic metrics: compared only between claims with the same subject
    ("companies.count.companies", "company", "count", 6, 2000, 1.4, "y", ("生态伙伴", "企业", "合作伙伴"), "company"),
    ("revenue.total.usd", "USD", "money", 3, 2.0e9, 1.3, "y", ("收入", "营收"), "company"),
    ("revenue.total.cny", "CNY", "money", 3, 8.0e9, 1.2, "y", ("营业收入", "营收"), "company"),
    ("parameters.model.params", "parameter", "params", 4, 1.0e11, 1.0, "y", ("参数量", "参数规模"), "model"),
    ("market_share.market.share", "percent", "ratio", 2, 20.0, 1.0, "y", ("市场份额",), "company"),
    ("patents.filed.patents", "patent", "count", 1.5, 3000, 1.3, "y", ("专利申请数量",), "company"),
    ("investment.total.cny", "CNY", "money", 2, 5.0e9, 1.3, "y", ("投资",), "company"),
    ("investment.rnd.cny", "CNY", "money", 1, 1.0e9, 1.2, "y", ("研发投入",), "company"),
    # the long tail of the vocabulary
    ("compute.supercomputing.flops", "FLOP/s", "compute", 0.6, 3.0e18, 1.2, "y", ("超算算力",), None),
    ("compute.basic.flops", "FLOP/s", "compute", 0.6, 9.0e19, 1.1, "y", ("基础算力",), None),
    ("data.stored.bytes", "byte", "data", 0.5, 7.0e20, 1.2, "y", ("数据存储量",), None),
    ("ai_industry.related.cny", "CNY", "money", 0.5, 1.5e12, 1.2, "y", ("相关产业规模",), None),
    ("ai_industry.compute.cny", "CNY", "money", 0.4, 2.0e12, 1.3, "y", ("算力产业规模",), None),
    ("gpu.orders.cards", "card", "count", 0.4, 1.0e4, 2.0, "q", ("GPU订购",), None),
    ("gpu.deployed.cards", "card", "count", 0.4, 2.0e4, 1.8, "q", ("GPU部署",), None),
    ("gpu.shipments.chips", "chip", "count", 0.3, 1.0e5, 1.6, "q", ("AI芯片出货",), None),
    ("gpu.market.cny", "CNY", "money", 0.3, 3.0e10, 1.5, "y", ("AI芯片市场规模",), None),
    ("large_models.released.product", "product", "count", 0.3, 10, 2.5, "q", ("大模型产品",), None),
    ("data.produced.share", "percent", "ratio", 0.2, 10.0, 1.05, "y", ("数据产量占比",), None),
    ("revenue.total.eur", "EUR", "money", 0.2, 1.0e9, 1.2, "y", ("收入",), "company"),
    ("investment.funding.usd", "USD", "money", 0.3, 3.0e8, 1.2, "y", ("融资",), "company"),
    ("patents.ai.patents", "patent", "count", 0.2, 800, 1.3, "y", ("人工智能专利",), "company"),
]
# (region, share of the metric's claims, factor of the CN value); None: no region stated
_REGIONS = [("CN", 52, 1.0), (None, 22, 1.0), ("北京", 7, 0.30), ("上海", 5, 0.18), ("广东", 4, 0.15),
            ("浙江", 3, 0.08), ("world", 4, 3.0), ("江苏", 1.5, 0.06), ("深圳", 1.5, 0.05)]
_PART_REGIONS = [("北京", 0.30), ("上海", 0.18), ("广东", 0.15), ("浙江", 0.08), ("江苏", 0.06), ("深圳", 0.05)]
_REGION_WORD = {"CN": "我国", "world": "全球", None: ""}
_SOURCES = ("信通院", "IDC", "国家网信办", "工信部", "赛迪顾问", "中商产业研究院", "国金证券", "TrendForce", "Gartner")
_COMPANIES_REAL = ("华为", "阿里云", "百度", "腾讯", "字节跳动", "商汤", "科大讯飞", "智谱", "月之暗面", "英伟达",
                   "AMD", "OpenAI", "谷歌", "微软", "寒武纪", "海光", "浪潮", "中科曙光", "小米", "京东")
_MODELS_REAL = ("GPT-4", "GPT-3", "文心一言", "通义千问", "盘古", "混元", "Llama 2", "ChatGLM", "Kimi", "豆包")
# measures of the `~` keys (claims no vocabulary word names) and how they are written
_UNKNOWN_MEASURES = [("count", "count", "count", "个", 40), ("share", "percent", "ratio", "%", 22),
                     ("year", "year", "duration", "年", 8), ("month", "month", "duration", "个月", 4),
                     ("people", "person", "count", "人", 6), ("cny", "CNY", "money", "元", 9),
                     ("usd", "USD", "money", "美元", 4), ("multiple", "times", "multiple", "倍", 3),
                     ("dimensionless", "dimensionless", "number", "", 2), ("params", "parameter", "params", "参数", 2)]
_CJK = ("人工智能产业应用场景服务平台技术研发数据中心训练推理芯片模型用户开发者生态合作伙伴项目企业政策资金"
        "算法工程师市场规模增长速度投资基金园区城市医院教育金融制造交通能源专利论文课程学校实验室")

_SHARE_OF = {"large_models.released.count": "large_models.released.share",
             "large_models.registered.count": "large_models.registered.share"}
_WHOLE_UNITS = frozenset(("model", "card", "company", "patent", "chip", "product", "person", "count"))
WRONG_RATE = 0.01  # a fact stated with a wrong value (x0.5..0.8 or x1.25..2)
SLIP_RATE = 0.001  # a fact off by 10^4 (a 万 slip)


def _cum(weights):
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def _sig(x: float, s: int, mode: str = "round") -> tuple[str, float]:
    """x to `s` significant digits (rounded, floored or ceiled), as written and as a float."""
    if x <= 0:
        return "0", 0.0
    e = math.floor(math.log10(x))
    q = 10.0 ** (e - s + 1)
    k = x / q
    k = math.floor(k + 1e-9) if mode == "floor" else math.ceil(k - 1e-9) if mode == "ceil" else round(k)
    dec = max(0, s - 1 - e)
    txt = f"{k * q:.{dec}f}"
    return txt, float(txt)


class Corpus:
    """Deterministic synthetic claims: `Corpus(seed).article(i)` is the list of claims of
    article i (the same for every corpus size, so that a bigger corpus extends a smaller)."""

    def __init__(self, seed: int):
        from claimcheck.extract import _make_claim
        from claimcheck.model import Claim, Period

        self.seed = seed
        self.Period = Period
        make = _make_claim()  # what extract() uses: a Claim from a dict of its fields
        self.make = make if make is not None else (lambda d: Claim(**d))
        rng = random.Random(seed)
        self.metrics = _V
        self.metric_cum = _cum(m[3] for m in _V)
        self.region_cum = _cum(r[1] for r in _REGIONS)
        self.unknown_cum = _cum(m[4] for m in _UNKNOWN_MEASURES)
        # a long tail of subjects no vocabulary word names (Zipf-like use below)
        self.unknown_heads = ["".join(rng.choice(_CJK) for _ in range(rng.randint(3, 8))) for _ in range(30_000)]
        # generic subjects: a few real names, many more synthetic ones
        syn = ["".join(rng.choice(_CJK) for _ in range(2)) + rng.choice(("科技", "智能", "信息", "数据", "云"))
               for _ in range(2_000)]
        self.companies = list(_COMPANIES_REAL) + syn
        self.models = list(_MODELS_REAL) + [f"{c}-{rng.randint(1, 9)}B" for c in syn[:500]]
        self.entity_factor = [0.05 + rng.random() * 2 for _ in range(len(self.companies))]
        self.region_factor = {r: f for r, _, f in _REGIONS}

    # ----------------------------------------------------------------- truth and wording

    def truth(self, m: tuple, day: _dt.date, region, min_params, entity: int | None) -> float:
        """The true value of metric m on `day` for that scope; constant within a
        quarter (counts) or a year (annual figures)."""
        _, unit, _, _, base, growth, grain, _, _ = m
        if grain == "q":
            t = (day.year - EPOCH.year) + ((day.month - 1) // 3) / 4
        else:
            t = day.year - EPOCH.year
        v = base * growth ** t
        if unit == "percent":
            v = min(v, 95.0)
        else:
            v *= self.region_factor.get(region, 1.0)
        if min_params:
            v *= 0.6
        if entity is not None:
            v *= self.entity_factor[entity]
            if unit == "percent":
                v = min(v, 95.0)
        return v

    @staticmethod
    def _write(v: float, unit: str, s: int = 3, mode: str = "round") -> tuple[str, float, str]:
        """(value_text, value, unit as written) for v in `unit`."""
        if unit == "FLOP/s":
            exp, mag, word = (21, "", "ZFLOPS") if v >= 1e21 else (18, "", "EFLOPS")
        elif unit == "byte":
            exp, mag, word = (21, "", "ZB") if v >= 1e21 else (18, "", "EB")
        elif unit == "percent":
            txt, val = _sig(v, s, mode)
            return txt, val, "%"
        else:
            word = {"CNY": "元", "USD": "美元", "EUR": "欧元", "model": "个", "card": "张", "company": "家",
                    "patent": "件", "chip": "颗", "product": "款", "parameter": "参数", "person": "人", "count": "个",
                    "year": "年", "month": "个月", "times": "倍", "dimensionless": ""}.get(unit, "")
            exp, mag = (8, "亿") if v >= 1e8 else (4, "万") if v >= 1e4 else (0, "")
            if exp == 0 and unit in _WHOLE_UNITS:  # things are counted whole: 47个, not 46.8个
                v = max(v, 1.0)
                s = min(s, math.floor(math.log10(v)) + 1)
        txt, _ = _sig(v / 10.0 ** exp, s, mode)
        return txt + mag, float(f"{txt}e{exp}"), word

    def _value(self, rng: random.Random, v: float, unit: str) -> dict:
        """The fields of a value as one of the ways a text states it."""
        r = rng.random()
        if r < 0.50:  # 238个 / 达到238个
            vt, x, w = self._write(v, unit)
            eq = rng.random() < 0.4
            return {"text": ("达到" if eq else "") + vt + w, "value_text": vt, "low": x, "high": x,
                    "low_inclusive": True, "high_inclusive": True, "approx": False, "bound": "eq" if eq else None}
        if r < 0.72:  # 超200个 (a lower bound, floored)
            vt, x, w = self._write(v * 0.999, unit, 2, "floor")
            ge = rng.random() < 0.25
            return {"text": ("不少于" if ge else "超") + vt + w, "value_text": vt, "low": x, "high": None,
                    "low_inclusive": ge, "high_inclusive": False, "approx": False, "bound": "ge" if ge else "gt"}
        if r < 0.86:  # 约240个
            vt, x, w = self._write(v, unit, 2)
            return {"text": "约" + vt + w, "value_text": vt, "low": x * 0.9, "high": x * 1.1,
                    "low_inclusive": True, "high_inclusive": True, "approx": True, "bound": "about"}
        if r < 0.94:  # 近240个
            vt, x, w = self._write(v * 1.001, unit, 2, "ceil")
            return {"text": "近" + vt + w, "value_text": vt, "low": x * 0.9, "high": x,
                    "low_inclusive": True, "high_inclusive": False, "approx": True, "bound": "near"}
        if unit == "percent":
            vt, x, w = self._write(v, unit)
            return {"text": vt + w, "value_text": vt, "low": x, "high": x,
                    "low_inclusive": True, "high_inclusive": True, "approx": False, "bound": None}
        vt, x, w = self._write(v, unit, 2, "floor")  # 230多个, 1100多亿元
        e = math.floor(math.log10(x)) if x > 0 else 0
        step = 10.0 ** (e - 1)
        mag = vt[-1] if vt[-1] in "万亿" else ""
        return {"text": vt[:len(vt) - len(mag)] + "多" + mag + w, "value_text": vt, "low": x, "high": x + step,
                "low_inclusive": False, "high_inclusive": False, "approx": True, "bound": "more"}

    # ----------------------------------------------------------------- time

    def _period(self, cache: dict, start, end, grain, text):
        key = (start, end, grain, text)
        p = cache.get(key)
        if p is None:
            p = cache[key] = self.Period(start=start, end=end, grain=grain, text=text)
        return p

    def _when(self, rng, cache, pub: _dt.date, annual: bool, future: bool):
        """(as_of, as_of_rule, time text written in the sentence)."""
        if future:  # a target or forecast: 到2025年
            y = pub.year + rng.randint(1, 3)
            t = f"到{y}年"
            return self._period(cache, _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", t), "own", t
        r = rng.random()
        if r < 0.38:
            return self._period(cache, pub, pub, "day", None), "published", ""
        if r < 0.46:
            t = rng.choice(("目前", "当前", "现阶段"))
            return self._period(cache, pub, pub, "day", t), rng.choice(("own", "sentence")), t
        if r < 0.49:
            return None, "none", ""
        rule = "own" if rng.random() < 0.3 else "sentence"
        if annual and (r < 0.72 or r >= 0.96):  # 2022年 (an annual figure: the year before mostly)
            y = pub.year - (1 if rng.random() < 0.75 else 0)
            t = f"{y}年"
            return self._period(cache, _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year", t), rule, t
        if r >= 0.96:  # a count at the end of a year: 截至2023年底
            y = pub.year - 1
            t = f"截至{y}年底"
            return self._period(cache, _dt.date(y, 12, 21), _dt.date(y, 12, 31), "tenday", t), rule, t
        d = pub - _dt.timedelta(days=rng.randrange(0, 150))
        if r < 0.75:
            t = f"截至{d.year}年{d.month}月{d.day}日"
            return self._period(cache, d, d, "day", t), rule, t
        first = d.replace(day=1)
        last = (first + _dt.timedelta(days=32)).replace(day=1) - _dt.timedelta(days=1)
        if r < 0.88:
            t = f"截至{d.year}年{d.month}月"
            return self._period(cache, first, last, "month", t), rule, t
        if r < 0.93:
            part = rng.randrange(3)
            s = first + _dt.timedelta(days=10 * part)
            e = s + _dt.timedelta(days=9) if part < 2 else last
            t = f"{d.month}月" + ("初", "中旬", "底")[part]
            return self._period(cache, s, e, "tenday", t), rule, t
        q = (d.month - 1) // 3
        s = _dt.date(d.year, 3 * q + 1, 1)
        e = (_dt.date(d.year, 3 * q + 3, 28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
        t = f"{d.year}年第{'一二三四'[q]}季度"
        return self._period(cache, s, e, "quarter", t), rule, t

    # ----------------------------------------------------------------- one article

    def article(self, i: int) -> list:
        rng = random.Random(self.seed * 1_000_003 + i)
        pub = EPOCH + _dt.timedelta(days=rng.randrange(SPAN_DAYS))
        doc = f"{i:06d}_{rng.getrandbits(48):012x}.txt"
        want = rng.randint(30, 50)
        cache: dict = {}
        out: list = []
        pos = 0  # offset of the next sentence in the (imagined) article text
        while len(out) < want:
            r = rng.random()
            if r < 0.07:
                items = self._parts(rng)
            elif r < 0.11:
                items = self._part_share(rng)
            elif r < 0.50:
                items = [self._vocab(rng)]
                if rng.random() < 0.45:
                    items.append(self._unknown(rng))
            elif r < 0.58:
                items = [self._vocab(rng), self._vocab(rng)]
            else:
                k = rng.random()
                items = [self._unknown(rng) for _ in range(1 if k < 0.45 else 2 if k < 0.75 else 3 if k < 0.92 else 4)]
            pos = self._sentence(rng, cache, pub, doc, pos, items, out)
        return out

    def _pick_metric(self, rng):
        i = bisect_left(self.metric_cum, rng.random() * self.metric_cum[-1])
        return self.metrics[i]

    def _vocab(self, rng, m=None, region=False):
        """One vocabulary claim (before its time is known): a dict of what decides it."""
        m = m or self._pick_metric(rng)
        if region is False:
            region = _REGIONS[bisect_left(self.region_cum, rng.random() * self.region_cum[-1])][0]
        generic = m[8]
        entity = None
        if generic:
            n = len(self.companies) if generic == "company" else len(self.models)
            entity = min(int(n * rng.random() ** 3), n - 1)  # a few big names are most of the claims
        min_params = 1e9 if m[0].startswith("large_models.released") and rng.random() < 0.2 else None
        status = m[0].split(".")[1] if m[0].startswith("large_models") else None
        return {"m": m, "region": region, "entity": entity, "min_params": min_params, "status": status}

    def _unknown(self, rng):
        n = len(self.unknown_heads)
        head = self.unknown_heads[min(int(n * rng.random() ** 2.5), n - 1)] if rng.random() > 0.08 else None
        um = _UNKNOWN_MEASURES[bisect_left(self.unknown_cum, rng.random() * self.unknown_cum[-1])]
        return {"unknown": um, "head": head}

    def _parts(self, rng):
        """A national total, then 2-4 regional parts after 其中, sometimes their share."""
        m = self.metrics[0] if rng.random() < 0.6 else self.metrics[1]
        items = [self._vocab(rng, m, "CN")]
        share = rng.random() < 0.3  # the four big regions, then 占全国的71%
        regions = _PART_REGIONS[:4] if share else rng.sample(_PART_REGIONS, rng.randint(2, 4))
        for reg, _ in regions:
            items.append(self._vocab(rng, m, reg))
            items[-1]["min_params"] = items[0]["min_params"]  # the parts of the total counted the same way
        items[1]["opener"] = "其中,"
        if share:
            items.append({"share_of_parts": True, "metric": _SHARE_OF[m[0]]})
        return items

    def _part_share(self, rng):
        """A whole, a part and the part's share of the whole (市场规模..., 出货..., 占...%)."""
        region = rng.choice(("CN", "world", None))
        whole = self._vocab(rng, self.metrics[6], region)
        part = self._vocab(rng, self.metrics[5], region)
        return [whole, part, {"share_of": True}]

    def _sentence(self, rng, cache, pub, doc, pos, items, out) -> int:
        """Make the claims of one sentence; returns the offset after it."""
        future = rng.random() < 0.14 and any("m" in it for it in items)
        modality = ("target" if rng.random() < 0.55 else "forecast") if future else "fact"
        annual = all(it["m"][6] == "y" for it in items if "m" in it)  # (a count is never dated by a year)
        as_of, rule, ttext = self._when(rng, cache, pub, annual, future)
        day = as_of.end if as_of is not None else pub
        source = rng.choice(_SOURCES) if rng.random() < 0.2 else None
        pieces = [ttext + "," if ttext else ""]
        spans = []  # (claim fields, offset of the claim's text in the sentence)
        values = []
        for it in items:
            if "unknown" in it:
                measure, unit, kind, word, _ = it["unknown"]
                head = it["head"]
                v = rng.choice((1, 2, 3, 5, 10, 12, 18, 30, 50, 100, 300, 1000, 5000, 2e4, 1e6, 3e8)) * (0.5 + rng.random())
                if unit == "percent":
                    v = rng.uniform(0.5, 99)
                f = self._value(rng, v, unit)
                f["text"] = f["text"] if not word or f["text"].endswith(word) else f["text"] + word
                subject = head
                metric = f"~{head or 'unknown'}.{measure}"
                scope = {"region": "CN"} if rng.random() < 0.25 else {}
                pieces.append((head or "") + ("占" if unit == "percent" and rng.random() < 0.5 else ""))
                fields = f
                mod = "fact" if not future else modality
            elif it.get("share_of_parts") or it.get("share_of"):
                if it.get("share_of_parts"):
                    parts = values[1:]
                    total = values[0]
                    pct = 100 * sum(parts) / total if total else 50.0
                    metric, unit, kind = it["metric"], "percent", "ratio"
                    scope = {"region": "CN"}
                    if metric.startswith("large_models"):
                        scope["status"] = metric.split(".")[1]
                    pieces.append(",占全国的")
                    subject = "占全国"
                else:
                    whole_v, part_v = values[-2], values[-1]
                    pct = 100 * part_v / whole_v if whole_v else 10.0
                    metric, unit, kind = "gpu.shipments.share", "percent", "ratio"
                    scope = dict(spans[-1][0]["scope"])
                    pieces.append(",占整个市场")
                    subject = "占整个市场"
                if rng.random() < WRONG_RATE * 3:
                    pct *= rng.choice((0.6, 1.5))
                vt, x, w = self._write(min(pct, 99.9), "percent", 2)
                fields = {"text": vt + "%", "value_text": vt, "low": x, "high": x, "low_inclusive": True,
                          "high_inclusive": True, "approx": False, "bound": None}
                mod = modality
            else:
                m = it["m"]
                v = self.truth(m, day, it["region"], it["min_params"], it["entity"])
                if future:
                    v *= rng.uniform(1.0, 1.6)
                elif rng.random() < WRONG_RATE:
                    v *= rng.uniform(0.5, 0.8) if rng.random() < 0.5 else rng.uniform(1.25, 2.0)
                elif m[1] not in ("percent",) and rng.random() < SLIP_RATE:
                    v = v * 1e4 if rng.random() < 0.5 else v / 1e4
                values.append(v)
                fields = self._value(rng, v, m[1])
                metric, unit, kind = m[0], m[1], m[2]
                scope = {}
                if it["status"]:
                    scope["status"] = it["status"]
                if it["min_params"]:
                    scope["min_params"] = it["min_params"]
                if it["region"] is not None:
                    scope["region"] = it["region"]
                words = m[7]
                w = words[0] if len(words) == 1 else rng.choice(words)
                if it["entity"] is not None:
                    names = self.companies if m[8] == "company" else self.models
                    subject = names[it["entity"]] + w
                else:
                    subject = w
                region_word = it["region"] if it["region"] not in _REGION_WORD else _REGION_WORD[it["region"]]
                pieces.append(it.get("opener", "") + region_word + subject)
                mod = modality
            start_in = sum(len(p) for p in pieces)
            pieces.append(fields["text"])
            pieces.append(",")
            fields.update(unit=unit, kind=kind, scope=scope, subject=subject, metric=metric, as_of=as_of,
                          as_of_rule=rule, modality=mod, source=source, doc_id=doc)
            spans.append((fields, start_in))
        sentence = "".join(pieces).rstrip(",") + "。"
        make = self.make
        for fields, start_in in spans:
            text = fields["text"]
            d = {"text": text, "start": pos + start_in, "end": pos + start_in + len(text),
                 "value_text": fields["value_text"], "low": fields["low"], "high": fields["high"],
                 "low_inclusive": fields["low_inclusive"], "high_inclusive": fields["high_inclusive"],
                 "approx": fields["approx"], "bound": fields["bound"], "unit": fields["unit"], "kind": fields["kind"],
                 "scope": fields["scope"], "subject": fields["subject"], "metric": fields["metric"],
                 "as_of": fields["as_of"], "as_of_rule": fields["as_of_rule"], "modality": fields["modality"],
                 "source": fields["source"], "doc_id": doc, "sentence": sentence}
            out.append(make(d))
        return pos + len(sentence)

    def build(self, articles: int) -> list:
        claims: list = []
        for i in range(articles):
            claims.extend(self.article(i))
        return claims


# --------------------------------------------------------------------------- the child processes


def _rss() -> dict:
    import resource

    hwm = None
    try:  # VmHWM: the peak RSS of this process image, a cross-check of ru_maxrss
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return {"maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "vmhwm_mib": hwm and hwm / 1024}


def _emit(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _corpus_stats(claims: list) -> dict:
    """What the corpus looks like to the checker: families, signatures, sentence groups."""
    from collections import Counter

    from claimcheck.check import family_of as _family
    from claimcheck.rules.base import signature

    fam = Counter(_family(c) for c in claims)
    vocab = {k: n for k, n in fam.items() if not k.startswith("~")}
    sig = Counter(signature(c) for c in claims if c.metric and not c.metric.startswith("~"))
    sents = Counter((c.doc_id, c.sentence) for c in claims)
    sizes = Counter(sents.values())
    top_sig = sig.most_common(1)[0] if sig else (None, 0)
    return {
        "vocabulary_claims": sum(vocab.values()),
        "unknown_claims": len(claims) - sum(vocab.values()),
        "families": len(vocab),
        "unknown_keys": len(fam) - len(vocab),
        "largest_families": dict(sorted(vocab.items(), key=lambda kv: -kv[1])[:6]),
        "signatures": len(sig),
        "largest_signature": {"size": top_sig[1], "signature": repr(top_sig[0])},
        "sentences": len(sents),
        "sentence_sizes": {str(k): v for k, v in sorted(sizes.items())},
        "modality": dict(Counter(c.modality for c in claims)),
        "as_of_rule": dict(Counter(c.as_of_rule for c in claims)),
    }


def _most_cited(findings: list) -> dict:
    """Per code: how many findings cite the claim cited most (a claim in conflict with
    every claim that overlaps it makes one finding each), and that claim."""
    from collections import Counter

    per: dict = {}
    for f in findings:
        per.setdefault(f.code, Counter()).update((r.doc, r.start, r.text) for r in f.claims)
    out = {}
    for code, cnt in sorted(per.items()):
        (doc, start, text), n = cnt.most_common(1)[0]
        out[code] = {"findings": n, "claim": f"{text} ({doc}:{start})",
                     "over_10": sum(1 for v in cnt.values() if v > 10)}
    return out


def _claim_bytes(claims: list) -> dict:
    """Mean bytes per claim by part (sys.getsizeof, over a run of consecutive claims):
    what the claims' RSS is made of. An object shared by several claims (a sentence, a
    period, the fields-set) counts once."""
    gs = sys.getsizeof
    sample = claims[:5000]
    n = len(sample) or 1
    sentences = {id(c.sentence): c.sentence for c in sample if c.sentence}
    periods = {id(c.as_of): c.as_of for c in sample if c.as_of is not None}
    fsets = {id(c.__pydantic_fields_set__): c.__pydantic_fields_set__ for c in sample}
    return {
        "object": sum(gs(c) for c in sample) / n,
        "__dict__": sum(gs(c.__dict__) for c in sample) / n,
        "__pydantic_fields_set__": sum(gs(x) for x in fsets.values()) / n,
        "scope": sum(gs(c.scope) for c in sample) / n,
        "strings": sum(gs(c.text) + gs(c.value_text) + gs(c.metric or "") + (gs(c.subject) if c.subject else 0)
                       for c in sample) / n,
        "sentence (shared)": sum(gs(x) for x in sentences.values()) / n,
        "as_of (shared)": sum(gs(x) + gs(x.__dict__) for x in periods.values()) / n,
    }


def child(articles: int, seed: int, repeat_under: float, max_mem_mib: float) -> None:
    """One size: build, check, report RSS and time at each stage (JSON lines on stdout).
    The address space is limited to `max_mem_mib`, so that a size too big for the
    machine fails here (MemoryError) instead of pressing the whole machine."""
    import gc
    import resource

    from claimcheck.check import check_claims

    if max_mem_mib > 0:
        lim = int(max_mem_mib * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
    corpus = Corpus(seed)
    check_claims(corpus.build(20))  # loads the rules, their data and what they import lazily
    _emit({"stage": "imported", **_rss()})

    stage = "build"
    try:
        t0 = time.perf_counter()
        claims = corpus.build(articles)
        build_s = time.perf_counter() - t0
        _emit({"stage": "built", "build_s": build_s, "claims": len(claims), "claim_bytes": _claim_bytes(claims),
               **_rss()})

        stage = "check"
        _emit({"stage": "checking", "epoch": time.time()})
        times = []
        gc.collect()
        t0 = time.perf_counter()
        report = check_claims(claims)
        times.append(time.perf_counter() - t0)
    except MemoryError:
        _emit({"stage": "memory_error", "during": stage, "after_s": time.perf_counter() - t0, **_rss()})
        sys.exit(3)
    after = _rss()  # the peak of the first run: later runs only reuse the memory
    codes: dict = {}
    for f in report.findings:
        codes[f.code] = codes.get(f.code, 0) + 1
    vcodes: dict = {}
    for v in report.verified:
        vcodes[v.code] = vcodes.get(v.code, 0) + 1
    res = {"stage": "checked", "findings": len(report.findings), "findings_by_code": dict(sorted(codes.items())),
           "most_cited": _most_cited(report.findings), "verified": len(report.verified),
           "verified_by_code": dict(sorted(vcodes.items())), "errors": len(report.errors),
           "compared": report.coverage.compared, **after}
    _emit({**res, "check_s": times})
    while times[-1] < repeat_under and len(times) < 3:  # short runs: best of 3
        del report
        gc.collect()
        t0 = time.perf_counter()
        report = check_claims(claims)
        times.append(time.perf_counter() - t0)
    if len(times) > 1:
        _emit({**res, "check_s": times})
    _emit({"stage": "stats", **_corpus_stats(claims)})


def _group_sizes(claims: list) -> dict:
    """The groups the group rules see, with the same filters as the rules: the family
    (after the collapse), its facts with a date and a value by signature (CC101), its
    facts the text dates by signature (the CC201/CC202 series) and in all (CC501). A
    rule whose time grows faster than the claims grows with these."""
    from claimcheck.check import DEFAULT_CONFIG, _collapse, family_of as _family
    from claimcheck.rules.base import Group, dated, signature

    fams: dict = {}
    for c in claims:
        fams.setdefault(_family(c), []).append(c)
    rows = []
    for fam, members in fams.items():
        if fam.startswith("~") or len(members) < 2:
            continue
        g = _collapse(members, Group.of(fam, [], DEFAULT_CONFIG))
        s101: dict = {}
        s201: dict = {}
        d = 0
        for c in g:
            if c.modality != "fact" or (c.low is None and c.high is None):
                continue
            if c.as_of is not None:
                k = signature(c)
                s101[k] = s101.get(k, 0) + 1
            if dated(c):
                d += 1
                k = signature(c)
                s201[k] = s201.get(k, 0) + 1
        rows.append({"family": fam, "claims": len(members), "collapsed": len(g),
                     "largest_signature": max(s101.values(), default=0), "signatures": len(s101),
                     "largest_dated_series": max(s201.values(), default=0), "dated_facts": d})
    rows.sort(key=lambda r: -r["collapsed"])
    return {"families": len(rows), "top_families": rows[:5]}


def profile_child(articles: int, seed: int, top: int) -> None:
    """check_claims under cProfile, each rule timed on its own (wrapped), with the
    pairwise work of the group rules counted."""
    import cProfile
    import gc
    import io
    import pstats

    from claimcheck.check import check_claims
    from claimcheck.rules import RULES, load_all

    corpus = Corpus(seed)
    check_claims(corpus.build(20))
    claims = corpus.build(articles)
    per_rule: dict = {}
    for code, rule in list(load_all().items()):
        def timed(group, compared, _f=rule.func, _code=code):
            t0 = time.perf_counter()
            out = list(_f(group, compared))
            st = per_rule.setdefault(_code, {"s": 0.0, "groups": 0, "largest_group": 0, "yielded": 0})
            st["s"] += time.perf_counter() - t0
            st["groups"] += 1
            st["largest_group"] = max(st["largest_group"], len(group.claims))
            st["yielded"] += len(out)
            return out
        RULES[code] = rule._replace(func=timed)
    gc.collect()
    pr = cProfile.Profile()
    t0 = time.perf_counter()
    pr.enable()
    report = check_claims(claims)
    pr.disable()
    wall = time.perf_counter() - t0
    buf = io.StringIO()
    st = pstats.Stats(pr, stream=buf)
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
    rules_s = sum(v["s"] for v in per_rule.values())
    _emit({"stage": "profile", "articles": articles, "claims": len(claims), "profiled_s": wall,
           "findings": len(report.findings), "rules_s": rules_s,
           "per_rule": dict(sorted(per_rule.items(), key=lambda kv: -kv[1]["s"])),
           "groups": _group_sizes(claims), "profile": buf.getvalue()})


# --------------------------------------------------------------------------- the parent


def _spawn(args: list[str], timeout: float) -> tuple[list[dict], str, float]:
    """Run this script in a fresh python started by /bin/sh (so that ru_maxrss is the
    child's own: on Linux it survives fork+exec), in its own process group, killed
    after `timeout` s. Returns (its JSON lines, status, wall seconds)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    if os.path.exists("/bin/sh"):
        cmd = ["/bin/sh", "-c", '"$0" "$@"; exit $?', *cmd]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        status = "ok" if proc.returncode == 0 else f"error {proc.returncode}: {err.strip().splitlines()[-1:]}"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this call started (sh and its python)
        out, err = proc.communicate()
        status = "timeout"
    if status.startswith("error") and proc.returncode in (134, -6, 137, -9):
        status += " (killed or aborted: out of memory?)"
    lines = [json.loads(x) for x in (out or "").splitlines() if x.startswith("{")]
    lines.append({"stage": "ended", "epoch": time.time()})
    return lines, status, time.perf_counter() - t0


def run_size(articles: int, seed: int, timeout: float, repeat_under: float, max_mem_mib: float) -> dict:
    lines, status, wall = _spawn(["--child", str(articles), "--seed", str(seed), "--repeat-under", str(repeat_under),
                                  "--max-mem-mib", str(max_mem_mib)], timeout)
    row: dict = {"articles": articles, "status": status, "wall_s": wall}
    started = None
    for x in lines:
        stage = x.pop("stage")
        if stage == "imported":
            row["rss_imported_mib"] = x["maxrss_mib"]
        elif stage == "built":
            row.update(claims=x["claims"], build_s=x["build_s"], rss_claims_mib=x["maxrss_mib"],
                       claim_bytes=x["claim_bytes"])
        elif stage == "memory_error":
            row["status"] = f"memory limit ({max_mem_mib:g} MiB) during {x['during']}, after {x['after_s']:.0f} s"
            row["rss_at_memory_error_mib"] = x["maxrss_mib"]
        elif stage == "checked":
            row["rss_peak_mib"] = x.pop("maxrss_mib")
            row["vmhwm_peak_mib"] = x.pop("vmhwm_mib")
            times = x.pop("check_s")
            row["check_s"] = min(times)
            row["check_runs_s"] = times
            row.update(x)
        elif stage == "stats":
            row["corpus"] = x
        elif stage == "checking":
            started = x["epoch"]
        elif stage == "ended" and "check_s" not in row and started is not None:
            row["check_s_at_least"] = x["epoch"] - started  # (it was stopped while checking)
    if "rss_peak_mib" in row:
        row["rss_checker_mib"] = row["rss_peak_mib"] - row["rss_claims_mib"]
    if "rss_claims_mib" in row:
        row["rss_claims_only_mib"] = row["rss_claims_mib"] - row["rss_imported_mib"]
    return row


def _growth(rows: dict, a: int, b: int) -> dict:
    """Ratios from a articles to b: time, peak RSS, the checker's own RSS, claims. When
    b did not finish, the time it ran before it was stopped gives a lower bound, and
    the growth between the two biggest sizes that finished is carried on to b
    (`extrapolated`: an estimate, not a measurement)."""
    ra, rb = rows.get(a), rows.get(b)
    if not ra or not rb:
        return {}
    if "check_s" not in ra:
        return {"from": a, "to": b, "time_ok": None, "rss_ok": None,
                "not_measured": f"{a:,} articles did not finish ({ra['status']})"}
    claims_b = rb.get("claims") or ra["claims"] * b / a
    out: dict = {"from": a, "to": b, "claims": claims_b / ra["claims"]}
    if "check_s" in rb:
        out["time"] = rb["check_s"] / ra["check_s"]
        out["rss_peak"] = rb["rss_peak_mib"] / ra["rss_peak_mib"]
        out["rss_checker"] = rb["rss_checker_mib"] / ra["rss_checker_mib"] if ra["rss_checker_mib"] > 0 else None
        out["time_ok"] = out["time"] <= GROWTH_ACCEPT
        out["rss_ok"] = out["rss_peak"] <= GROWTH_ACCEPT
        return out
    out["time_ok"] = out["rss_ok"] = None  # (not measured)
    if "check_s_at_least" in rb:
        out["time_at_least"] = rb["check_s_at_least"] / ra["check_s"]
        if out["time_at_least"] > GROWTH_ACCEPT:
            out["time_ok"] = False
    if "rss_claims_mib" in rb:  # the claims alone, before any checking
        out["rss_peak_at_least"] = max(rb["rss_claims_mib"], rb.get("rss_at_memory_error_mib", 0)) / ra["rss_peak_mib"]
        if out["rss_peak_at_least"] > GROWTH_ACCEPT:
            out["rss_ok"] = False
    done = [s for s in sorted(rows) if "check_s" in rows[s]]
    if len(done) >= 2:
        p, q = rows[done[-2]], rows[done[-1]]
        k = q["claims"] / p["claims"]
        e_t = math.log(q["check_s"] / p["check_s"]) / math.log(k)
        e_m = math.log(q["rss_checker_mib"] / p["rss_checker_mib"]) / math.log(k) if p["rss_checker_mib"] > 0 else 1.0
        kb = claims_b / q["claims"]
        t_b = q["check_s"] * kb ** e_t
        claims_mib = rb.get("rss_claims_only_mib") or q["rss_claims_only_mib"] * kb
        rss_b = q["rss_imported_mib"] + claims_mib + q["rss_checker_mib"] * kb ** e_m
        out["extrapolated"] = {
            "from_sizes": [done[-2], done[-1]], "time_exponent": e_t, "checker_rss_exponent": e_m,
            "check_s": t_b, "rss_peak_mib": rss_b, "time": t_b / ra["check_s"], "rss_peak": rss_b / ra["rss_peak_mib"],
        }
    return out


def _exponent(rows: dict) -> list:
    """log(time ratio) / log(claims ratio) between consecutive sizes: ~1 linear, ~2
    quadratic. When the bigger size was stopped while checking, the time it ran gives
    a lower bound (`at_least`)."""
    sizes = [s for s in sorted(rows) if "check_s" in rows[s] or "check_s_at_least" in rows[s]]
    out = []
    for a, b in itertools.pairwise(sizes):
        ra, rb = rows[a], rows[b]
        if "check_s" not in ra:
            break
        k = rb["claims"] / ra["claims"]
        t = rb.get("check_s", rb.get("check_s_at_least"))
        out.append({"from": a, "to": b, "claims": k, "time": t / ra["check_s"],
                    "time_exponent": math.log(t / ra["check_s"]) / math.log(k), "at_least": "check_s" not in rb})
    return out


def _rule_exponents(profiles: list) -> list:
    """Per rule, log(time ratio) / log(claims ratio) between consecutive profiled sizes
    (rules that took under 0.05 s at the smaller size are left out: noise)."""
    out = []
    for a, b in itertools.pairwise(profiles):
        k = b["claims"] / a["claims"]
        rules = {code: math.log(b["per_rule"][code]["s"] / st["s"]) / math.log(k)
                 for code, st in a["per_rule"].items()
                 if st["s"] >= 0.05 and code in b["per_rule"] and b["per_rule"][code]["s"] > 0}
        out.append({"from": a["articles"], "to": b["articles"], "rules": rules})
    return out


def _fmt_mib(x) -> str:
    return f"{x:9.0f}" if isinstance(x, (int, float)) else f"{'-':>9}"


def print_report(res: dict) -> None:
    m = res["machine"]
    print()
    print(f"claimcheck.check_claims scaling  {res['date']}  python {m['python']}  {m['platform']}  "
          f"cpus={m['cpu_count']}  mem={m['mem_total_mib']} MiB  src={res['claimcheck_source_sha256']}  seed={res['seed']}")
    print()
    hdr = (f"  {'articles':>9}{'claims':>11}{'build s':>9}{'check s':>10}{'RSS MiB':>9}{'claims':>9}{'checker':>9}"
           f"{'findings':>10}{'verified':>9}  status")
    print(hdr)
    print(f"  {'':9}{'':11}{'':9}{'':10}{'(peak)':>9}{'(MiB)':>9}{'(MiB)':>9}")
    for r in res["sizes"]:
        if "check_s" in r:
            cs = f"{r['check_s']:10.2f}"
        elif "check_s_at_least" in r:
            cs = f"{'>' + format(r['check_s_at_least'], '.0f'):>10}"
        else:
            cs = f"{'-':>10}"
        rss = r.get("rss_peak_mib") or max(r.get("rss_claims_mib", 0), r.get("rss_at_memory_error_mib", 0)) or None
        build = f"{r['build_s']:9.1f}" if "build_s" in r else f"{'-':>9}"
        print(f"  {r['articles']:>9,}{r.get('claims', 0):>11,}{build}{cs}"
              f"{_fmt_mib(rss)}{'+' if rss and 'rss_peak_mib' not in r else ' '}"
              f"{_fmt_mib(r.get('rss_claims_only_mib'))}{_fmt_mib(r.get('rss_checker_mib'))}"
              f"{r.get('findings', '-'):>10}{r.get('verified', '-'):>9}  {r['status']}")
    print("  (peak: ru_maxrss of the size's own process, + when it was stopped first; claims: what building them "
          "added\n   to the imported package; checker: what check_claims added to that)")
    cb = next((r["claim_bytes"] for r in reversed(res["sizes"]) if r.get("claim_bytes")), None)
    if cb:
        print(f"  bytes per claim: {sum(cb.values()):.0f} = " + ", ".join(f"{k} {v:.0f}" for k, v in cb.items()))
    done = [r for r in res["sizes"] if r.get("findings_by_code")]
    if done:
        codes = sorted({c for r in done for c in r["findings_by_code"]})
        print()
        print(f"  {'findings':>9}" + "".join(f"{c:>9}" for c in codes) + f"{'most cited claim (findings citing it)':>40}")
        for r in done:
            mc = max(r["most_cited"].items(), key=lambda kv: kv[1]["findings"]) if r.get("most_cited") else None
            print(f"  {r['articles']:>9,}" + "".join(f"{r['findings_by_code'].get(c, 0):>9}" for c in codes)
                  + (f"   {mc[0]}: {mc[1]['findings']}" if mc else ""))
        if len(done) >= 2:
            a, b = done[-2], done[-1]
            k = b["claims"] / a["claims"]
            print(f"  {'x':>9}" + "".join(
                f"{b['findings_by_code'].get(c, 0) / a['findings_by_code'][c]:>9.1f}" if a["findings_by_code"].get(c)
                else f"{'':>9}" for c in codes) + f"   (claims x{k:.1f})")
    print()
    g = res["growth"]
    if g:
        if "not_measured" in g:
            print(f"  growth {g['from']:,} -> {g['to']:,} articles: not measured, {g['not_measured']}   "
                  f"[accept <= {GROWTH_ACCEPT:g}x: not measured]")
        elif "time" in g:
            print(f"  growth {g['from']:,} -> {g['to']:,} articles (claims x{g['claims']:.2f}): time x{g['time']:.2f}, "
                  f"peak RSS x{g['rss_peak']:.2f}, checker RSS x{(g['rss_checker'] or float('nan')):.2f}   "
                  f"[accept <= {GROWTH_ACCEPT:g}x: time {'PASS' if g['time_ok'] else 'FAIL'}, "
                  f"RSS {'PASS' if g['rss_ok'] else 'FAIL'}]")
        else:
            ok = {True: "PASS", False: "FAIL", None: "not measured"}
            lo_t = f"time x >= {g['time_at_least']:.1f}" if "time_at_least" in g else "time not measured"
            lo_m = f"peak RSS x >= {g['rss_peak_at_least']:.1f}" if "rss_peak_at_least" in g else "RSS not measured"
            print(f"  growth {g['from']:,} -> {g['to']:,} articles: did not finish; {lo_t}, {lo_m}   "
                  f"[accept <= {GROWTH_ACCEPT:g}x: time {ok[g['time_ok']]}, RSS {ok[g['rss_ok']]}]")
            x = g.get("extrapolated")
            if x:
                print(f"  extrapolated from {x['from_sizes'][0]:,} -> {x['from_sizes'][1]:,} (time exponent "
                      f"{x['time_exponent']:.2f}, checker RSS exponent {x['checker_rss_exponent']:.2f}): "
                      f"check ~{x['check_s']:.0f} s (x{x['time']:.1f}), peak RSS ~{x['rss_peak_mib']:.0f} MiB "
                      f"(x{x['rss_peak']:.1f})  -- an estimate, not a measurement")
    for e in res["time_exponents"]:
        ge = ">= " if e["at_least"] else ""
        print(f"  {e['from']:,} -> {e['to']:,} articles (claims x{e['claims']:.2f}): time x{ge}{e['time']:.1f}, "
              f"time exponent {ge}{e['time_exponent']:.2f}  (1 linear, 2 quadratic)")
    if res.get("profile"):
        print()
        print("Profile (check_claims under cProfile, each rule timed on its own; the biggest groups)")
        for p in res["profile"]:
            print(f"  {p['articles']:,} articles, {p['claims']:,} claims: {p['profiled_s']:.1f} s under cProfile, "
                  f"{p['rules_s']:.1f} s in rules, {p['findings']:,} findings")
            for code, st in p["per_rule"].items():
                if st["s"] >= 0.01 * p["rules_s"]:
                    print(f"    {code}: {st['s']:8.2f} s  {st['groups']:>9,} groups, largest {st['largest_group']:,}, "
                          f"{st['yielded']:,} yielded")
            for f in p["groups"]["top_families"][:3]:
                print(f"      {f['family']}: {f['claims']:,} claims ({f['collapsed']:,} collapsed), largest signature "
                      f"{f['largest_signature']:,}, largest dated series {f['largest_dated_series']:,}, "
                      f"{f['dated_facts']:,} dated facts")
        for e in res.get("rule_exponents", []):
            print(f"  time exponent per rule {e['from']:,} -> {e['to']:,} articles: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in e["rules"].items()))
    print()


def _machine() -> dict:
    mem = _machine_mem_mib()
    import pydantic

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor(),
        "cpu_count": os.cpu_count(),
        "sched_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "mem_total_mib": mem,
        "pydantic_version": pydantic.VERSION,
    }


def _default_mem_limit() -> float:
    total = _machine_mem_mib()
    return float(total * 2 // 3) if total else 0.0


def _machine_mem_mib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _sizes(text: str) -> list[int]:
    out = []
    for x in text.split(","):
        x = x.strip().lower()
        out.append(int(float(x[:-1]) * 1000) if x.endswith("k") else int(x))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                    help="articles per corpus, comma-separated (1000,10k,...)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per size (build + check), then killed")
    ap.add_argument("--budget", type=float, default=570.0,
                    help="seconds for all the sizes together: a size gets at most what is left (0: no budget)")
    ap.add_argument("--repeat-under", type=float, default=5.0,
                    help="a check faster than this is run up to 3 times, best kept")
    ap.add_argument("--max-mem-mib", type=float, default=_default_mem_limit(),
                    help="address-space limit of each size's process (default: 2/3 of the machine's memory); "
                         "0: none")
    ap.add_argument("--out", default=str(HERE / "results" / "check.json"))
    ap.add_argument("--profile", action="store_true",
                    help="also profile check_claims at --profile-sizes (time per rule, biggest groups, "
                         "cProfile top functions, kept in the JSON)")
    ap.add_argument("--profile-sizes", default="1000,2000")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--profile-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child is not None:
        child(args.child, args.seed, args.repeat_under, args.max_mem_mib)
        return 0
    if args.profile_child is not None:
        profile_child(args.profile_child, args.seed, 25)
        return 0

    sys.path.insert(0, str(HERE))
    import extract as _bench_extract  # benchmarks/extract.py: the source digest and git head

    t_start = time.perf_counter()
    digest_start = _bench_extract._source_digest()
    rows: dict = {}
    for n in _sizes(args.sizes):
        left = args.budget - (time.perf_counter() - t_start) if args.budget > 0 else args.timeout
        timeout = min(args.timeout, left)
        if args.budget > 0 and left < 30:
            rows[n] = {"articles": n, "status": f"skipped (--budget {args.budget:g} s spent)"}
            print(f"[{n:,} articles] skipped: the time budget is spent", flush=True)
            continue
        print(f"[{n:,} articles] build and check in a fresh process (timeout {timeout:.0f} s) ...", flush=True)
        digest = _bench_extract._source_digest()
        rows[n] = run_size(n, args.seed, timeout, args.repeat_under, args.max_mem_mib)
        rows[n]["claimcheck_source_sha256"] = digest  # (the package is edited concurrently)
        r = rows[n]
        print(f"    {r['status']}: {r.get('claims', 0):,} claims built in {r.get('build_s', float('nan')):.1f} s, "
              f"check {r.get('check_s', float('nan')):.2f} s, peak RSS {r.get('rss_peak_mib', float('nan')):.0f} MiB",
              flush=True)
    profiles = []
    if args.profile:
        for n in _sizes(args.profile_sizes):
            print(f"[profile {n:,} articles] ...", flush=True)
            digest = _bench_extract._source_digest()
            lines, status, _ = _spawn(["--profile-child", str(n), "--seed", str(args.seed)], args.timeout)
            for x in lines:
                if x.get("stage") == "profile":
                    x.pop("stage")
                    profiles.append({**x, "claimcheck_source_sha256": digest})
            if status != "ok":
                print(f"    {status}", flush=True)

    big = sorted(rows)
    growth = _growth(rows, 10_000, 100_000) if {10_000, 100_000} <= set(rows) else (
        _growth(rows, big[-2], big[-1]) if len(big) >= 2 else {})
    res = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "args": vars(args),
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": _machine(),
        "git_head": _bench_extract._git_head(),
        "claimcheck_source_sha256": digest_start,
        "claimcheck_source_sha256_at_end": _bench_extract._source_digest(),  # differs: edited during the run
        "seed": args.seed,
        "corpus": {"claims_per_article": "30..50 (mean 40)", "wrong_value_rate": WRONG_RATE, "slip_rate": SLIP_RATE,
                   "published": f"{EPOCH.isoformat()} .. 2025-12-31"},
        "sizes": [rows[n] for n in sorted(rows)],
        "growth": growth,
        "growth_limit": GROWTH_ACCEPT,
        "acceptance": {f"time_growth<={GROWTH_ACCEPT:g}x": growth.get("time_ok"),
                       f"rss_growth<={GROWTH_ACCEPT:g}x": growth.get("rss_ok")},
        "time_exponents": _exponent(rows),
        "profile": [{**{k: v for k, v in p.items() if k != "profile"}, "cprofile": p["profile"].splitlines()}
                    for p in profiles],
        "rule_exponents": _rule_exponents(profiles),
    }
    res["elapsed_s"] = time.perf_counter() - t_start
    print_report(res)
    if res["claimcheck_source_sha256_at_end"] != digest_start:
        seen = [(f"{r['articles']:,}", r.get("claimcheck_source_sha256")) for r in res["sizes"]]
        seen += [(f"profile {p['articles']:,}", p.get("claimcheck_source_sha256")) for p in res["profile"]]
        print(f"WARNING: the claimcheck sources changed during the run ({digest_start} -> "
              f"{res['claimcheck_source_sha256_at_end']}); measured: " + ", ".join(f"{a} {b}" for a, b in seen))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}  (total {res['elapsed_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
