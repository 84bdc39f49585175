"""A synthetic news archive for the scale benchmark: deterministic by seed, articles
published over five years (2021-2025), each a headline and 8-20 sentences of the kinds
the seeds hold, with a realistic spread of what they measure.

    python benchmarks/archive.py OUT_DIR --articles 10000 [--seed 7]

Article i is the same in every archive made with the same seed (a bigger archive
extends a smaller one). Files go to OUT_DIR/YYYY/MM/NNNNNN.txt with one claimcheck.toml
manifest per month folder giving each article's publication date.

The spread (per article): 0-3 sentences with a figure of the metric vocabulary (most
articles mention one or two of its metrics; large-model counts and computing power are
the hot ones, as in the seeds), about a third of those about a named company (generic
metrics, compared only within one company), the rest general sentences whose numbers no
vocabulary word names (staff, prices, durations, shares of anything: the long tail a
newsroom archive is made of). Vocabulary figures follow one growing "truth" per metric,
region and date, with 1% of them misstated, so that the checker has real findings.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import math
import os
import random
from pathlib import Path

START = _dt.date(2021, 1, 1)
DAYS = (_dt.date(2025, 12, 31) - START).days + 1
WRONG = 0.01

REGIONS = [("国内", 1.0, 50), ("我国", 1.0, 25), ("北京", 0.3, 8), ("上海", 0.2, 6), ("广东", 0.15, 5),
           ("浙江", 0.08, 3), ("深圳", 0.05, 3)]
# template, value at START (for 国内), yearly growth, significant digits, weight
VOCAB = [
    ("截至{when}，{region}已发布大模型{n}个。", 20, 2.2, 3, 16),
    ("截至{when}，{region}10亿参数规模以上大模型已超{n}个。", 15, 2.2, 2, 5),
    ("截至{when}，{region}通过网信办备案的大模型有{n}个。", 3, 3.0, 3, 6),
    ("{year}年{region}算力总规模达{n}EFLOPS。", 140, 1.3, 3, 9),
    ("{year}年{region}智能算力规模达{n}EFLOPS。", 40, 1.6, 3, 5),
    ("{year}年{region}数据产量达{n}ZB。", 6.6, 1.22, 2, 3),
    ("{year}年{region}人工智能核心产业规模达{n}亿元。", 4000, 1.15, 3, 6),
    ("{year}年{region}加速卡出货量达{n}万张。", 50, 1.5, 2, 4),
]
COMPANY = [  # generic metrics: about one company
    ("{company}的生态伙伴已超过{n}家。", 2000, 1.4, 2, 5),
    ("{year}年{company}营收达{n}亿元。", 300, 1.2, 3, 5),
    ("{company}的研发投入达{n}亿元。", 50, 1.2, 2, 2),
    ("{company}已申请专利{n}件。", 3000, 1.3, 2, 2),
]
COMPANIES = ["华为", "阿里云", "百度", "腾讯", "字节跳动", "商汤", "科大讯飞", "智谱", "京东", "小米",
             "寒武纪", "海光", "浪潮", "中科曙光", "联想", "美团", "网易", "360", "昆仑万维", "云从科技"]
FILLER = [
    "该项目总投资{a}亿元，预计{y}年建成。",
    "活动共吸引{b}名观众参加，比去年增加{p}%。",
    "公司目前有员工{c}人，其中研发人员占{p}%。",
    "{y}年，该市新增就业岗位{b}个。",
    "这款产品售价{d}元，首批{b}台已全部售出。",
    "会议为期{e}天，发布了{e}项成果。",
    "据统计，约{p}%的受访者表示愿意尝试。",
    "该园区已入驻企业{c}家，年产值超过{a}亿元。",
    "培训课程共{e}期，每期{f}个课时。",
    "去年该平台的日活跃用户达{c}万。",
    "当地共有{e}所高校开设了相关专业，在校生{c}人。",
    "该基金规模为{a}亿元，已投资项目{f}个。",
    "截至目前，该应用的下载量已突破{c}万次。",
    "工厂每天可生产{b}件产品，良品率达到{p}%。",
]
HEAD = ["人工智能产业观察", "算力基础设施加速建设", "大模型应用落地提速", "数字经济新动能", "科技企业年报解读"]


def _sig(x: float, s: int, count: bool = False) -> str:
    """x to s significant digits as written; a count is a whole number."""
    if x <= 0:
        return "0"
    if count:
        x = max(1.0, round(x))
        if x < 10 ** s:
            return str(int(x))
    e = math.floor(math.log10(x))
    q = 10.0 ** (e - s + 1)
    v = round(x / q) * q
    dec = max(0, s - 1 - e)
    return f"{v:.{dec}f}"


def article(seed: int, i: int) -> tuple[str, _dt.date]:
    """The text and publication date of article i."""
    rng = random.Random(seed * 1_000_003 + i)
    pub = START + _dt.timedelta(days=rng.randrange(DAYS))
    lines = [f"{rng.choice(HEAD)}（{pub.year}年{pub.month}月{pub.day}日）"]
    sentences = []
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
        sentences.append(_vocab(rng, pub))
    if rng.random() < 0.35:
        sentences.append(_company(rng, pub))
    for tpl in rng.sample(FILLER, rng.randint(6, len(FILLER))):  # (each at most once: "该园区" is one park)
        sentences.append(tpl.format(
            a=rng.randint(2, 900), b=rng.randint(100, 90000), c=rng.randint(50, 20000), d=rng.randint(99, 9999),
            e=rng.randint(2, 12), f=rng.randint(4, 40), p=rng.randint(3, 95), y=rng.randint(2015, 2030)))
    rng.shuffle(sentences)
    for k in range(0, len(sentences), 3):
        lines.append("".join(sentences[k:k + 3]))
    return "\n\n".join(lines) + "\n", pub


def _when(rng: random.Random, pub: _dt.date) -> tuple[str, float, int]:
    """A time before publication as written, its time in years since START, its year."""
    back = rng.choice((0, 0, 15, 30, 60, 120))
    d = pub - _dt.timedelta(days=back)
    if d < START:
        d = START
    t = (d.year - START.year) + ((d.month - 1) // 3) / 4  # (the truth holds for a quarter)
    return f"{d.year}年{d.month}月{rng.choice(('', '初', '底'))}", t, d.year


def _value(rng: random.Random, base: float, growth: float, t: float, factor: float) -> float:
    v = base * growth ** t * factor
    if rng.random() < WRONG:
        v *= rng.choice((0.5, 0.6, 1.6, 2.0))
    return v


def _vocab(rng: random.Random, pub: _dt.date) -> str:
    tpl, base, growth, digits, _w = rng.choices(VOCAB, weights=[v[4] for v in VOCAB])[0]
    region, factor, _ = rng.choices(REGIONS, weights=[r[2] for r in REGIONS])[0]
    when, t, _year = _when(rng, pub)
    year = pub.year - 1 if "{year}" in tpl else pub.year  # (annual figures: last year's)
    if "{year}" in tpl:
        t = year - START.year
    count = tpl.endswith("个。")
    return tpl.format(when=when, region=region, year=year,
                      n=_sig(_value(rng, base, growth, t, factor), digits, count))


def _company(rng: random.Random, pub: _dt.date) -> str:
    tpl, base, growth, digits, _w = rng.choices(COMPANY, weights=[c[4] for c in COMPANY])[0]
    k = rng.randrange(len(COMPANIES))
    year = pub.year - 1
    t = year - START.year
    return tpl.format(company=COMPANIES[k], year=year,
                      n=_sig(_value(rng, base, growth, t, 0.2 + k / 10), digits, tpl.endswith(("家。", "件。"))))


def write_archive(out: os.PathLike, articles: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Articles start..start+articles-1 under `out` (YYYY/MM/NNNNNN.txt, a manifest per
    month folder); the paths written."""
    out = Path(out)
    months: dict = {}
    paths = []
    for i in range(start, start + articles):
        text, pub = article(seed, i)
        folder = out / f"{pub.year}" / f"{pub.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        p = folder / f"{i:06d}.txt"
        p.write_text(text, encoding="utf-8")
        months.setdefault(folder, []).append((p.name, pub))
        paths.append(p)
    for folder, rows in months.items():
        manifest = folder / "claimcheck.toml"
        old = manifest.read_text(encoding="utf-8") if manifest.exists() else ""
        add = "".join(f'[documents."{name}"]\ndate = "{pub.isoformat()}"\n' for name, pub in rows)
        manifest.write_text(old + add, encoding="utf-8")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    n = len(write_archive(a.out, a.articles, a.seed))
    print(f"wrote {n} articles to {a.out}")


if __name__ == "__main__":
    main()
