"""Timeline charts as inline SVG, drawn on the server: no script, no font or file to
fetch, readable with JavaScript off and by a screen reader.

    timeline_svg(report, metric, width=640, height=300, documents=None) -> str

x is time: each claim's as_of period is drawn as a span (a month, a year, a day). y is
the value as the interval the claim states: a point (79个), a bound with an arrow
towards its open end (超80个: from 80 up), a band for a range (近7%: 6.3 to 7). The
scale is logarithmic when the values span more than two decades. Each claim is
coloured by its document (legend below the plot) and shaped by its definition
(released and registered models are two shapes, labelled); targets and forecasts are
dashed, claims dated only by their article's publication are hollow. A finding that
cites two drawn claims is a line between them, labelled with its code, and the notes of
the definitions rules (CC5xx) are written out under the legend.

Which claims a chart draws: report/_charts.py. Every text taken from the articles is
escaped (`html.escape`, quotes too) and stripped of characters XML cannot hold; nothing
from them reaches an attribute but escaped text, or any style.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import re
import unicodedata
from typing import Optional

from ..model import interval_text, period_text
from ._charts import Chart, charts, definition, family_key, members
from ._common import as_mapping, doc_path, severity_rank

__all__ = ["timeline_svg", "chart_svg", "PALETTE", "BACKGROUND", "INK", "FONT_STACK", "esc"]

BACKGROUND = "#ffffff"
INK = "#1a1a1a"  # text
MUTED = "#595959"  # axes, secondary text (7:1 on white)
GRID = "#d9d9d9"
SERIES_LINE = "#8c8c8c"  # the line joining a definition's facts (3.3:1: a graphic, not text)
# document colours: each passes WCAG AA for text (4.5:1) on the white background
# (tests/test_html.py computes the ratios); further documents share OTHER
PALETTE = ("#1f5a96", "#b3401a", "#1d6b40", "#7a3b9a", "#8a5a00", "#a3195b", "#00667a", "#4d4d8f")
OTHER = "#6b6b6b"
SEVERITY_COLOURS = {"error": "#b00020", "warning": "#8a4b00", "info": "#005a9c"}
FONT_STACK = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', "
              "'Microsoft YaHei', 'Noto Sans', 'Segoe UI', Roboto, Arial, sans-serif")
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down")

_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 64, 20, 28, 34
_FONT = 13
_LEGEND_LEFT = 88  # legend entries start after the column of their headings
_LABELLED = 40  # more points than this: only the points findings cite are labelled
_DESCRIBED = 60  # points listed in <desc>; the rest counted

# characters XML 1.0 cannot hold, and terminal controls: dropped from article text
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def esc(s) -> str:
    """Text (from an article or the report) as HTML/XML character data or an attribute
    value: `& < > " '` become entities; control characters and lone surrogates go."""
    return html.escape(_INVALID.sub("", str(s)), quote=True)


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if v == v else "0"


def text_width(s: str, size: float = _FONT) -> float:
    """An estimate of the width of `s` in pixels: CJK and full-width characters one em,
    the others 0.6 em (no font metrics on the server)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in s)


def _clip(s: str, width: float, size: float = _FONT) -> str:
    if text_width(s, size) <= width:
        return s
    out = ""
    for ch in s:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…"


def _wrap(s: str, width: float, size: float = _FONT) -> list:
    """`s` in lines of at most `width` pixels (broken at spaces, or anywhere in CJK)."""
    lines, line = [], ""
    for tok in re.findall(r"\S+\s*|\s+", s):
        if text_width(line + tok, size) <= width or not line:
            line += tok
            while text_width(line, size) > width and len(line) > 1:
                cut = len(_clip(line, width, size)) - 1
                cut = max(cut, 1)
                lines.append(line[:cut])
                line = line[cut:]
        else:
            lines.append(line.rstrip())
            line = tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


# ---------------------------------------------------------------------------- scales

class _Time:
    """Dates to x: day ordinals, padded so that a span at either end stays inside."""

    def __init__(self, points, x0: float, x1: float):
        lo = min(p.claim.as_of.start for p in points).toordinal()
        hi = max(p.claim.as_of.end for p in points).toordinal() + 1
        pad = max(20, (hi - lo) * 0.05)
        self.lo, self.hi = lo - pad, hi + pad
        self.x0, self.x1 = x0, x1

    def __call__(self, d) -> float:
        o = d.toordinal() if isinstance(d, _dt.date) else d
        return self.x0 + (o - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)

    def ticks(self) -> list:
        """(date, label) at month starts, every 1-60 months, at most one per 80 px."""
        top = _dt.date.max.toordinal()
        first = _dt.date.fromordinal(min(max(1, int(math.ceil(self.lo))), top))
        last = _dt.date.fromordinal(min(max(1, int(self.hi)), top))
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        room = max(2, int((self.x1 - self.x0) // 80))
        step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= room), None)
        step = step or 12 * int(_nice(months / 12 / room))
        out = []
        y, m = first.year, first.month
        if step >= 12:  # (whole years: start at the first multiple of the step)
            y, m = -(-y // (step // 12)) * (step // 12), 1
            y, m = (first.year, first.month) if y > 9999 else (y, m)
        while (y, m) <= (last.year, last.month):
            idx = y * 12 + m - 1
            d = _dt.date(y, m, 1)
            if idx % step == 0 and self.lo <= d.toordinal() <= self.hi:
                out.append((d, str(y) if step >= 12 else f"{y}-{m:02d}"))
            if (y, m) == (9999, 12):
                break
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


class _Values:
    """Values to y: linear from zero (or the lowest value), or log10 when the finite
    ends span more than two decades and are all positive."""

    def __init__(self, points, y0: float, y1: float):
        ends = [v for p in points for v in (p.claim.low, p.claim.high) if v is not None and math.isfinite(v)]
        ends = ends or [0.0, 1.0]
        lo, hi = min(ends), max(ends)
        self.log = lo > 0 and hi / lo > 100
        self.y0, self.y1 = y0, y1  # y0: the bottom (larger pixel y)
        if self.log:
            self.lo, self.hi = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
            if self.hi - self.lo < 1:
                self.hi += 1
        else:
            lo = min(lo, 0.0)
            open_up = any(p.claim.high is None for p in points)
            span = (hi - lo) or abs(hi) or 1.0
            hi = hi + span * (0.25 if open_up else 0.08)
            step = _nice((hi - lo) / 5)
            self.step = step
            self.lo, self.hi = math.floor(lo / step) * step, math.ceil(hi / step) * step

    def __call__(self, v: float) -> float:
        if v != v:  # (NaN)
            t = 0.0
        elif self.log:
            t = (math.log10(min(max(v, 10.0 ** (self.lo - 1)), 10.0 ** (self.hi + 1))) - self.lo) / (self.hi - self.lo)
        else:
            t = (v - self.lo) / ((self.hi - self.lo) or 1.0)
        t = min(max(t, -0.05), 1.05)  # (an infinite or stray value stays at the plot's edge)
        return self.y0 - t * (self.y0 - self.y1)

    def ticks(self) -> list:
        if self.log:
            n = self.hi - self.lo
            every = max(1, math.ceil(n / 6))
            return [10.0 ** e for e in range(self.lo, self.hi + 1, every)]
        n = round((self.hi - self.lo) / self.step)
        return [self.lo + i * self.step for i in range(n + 1)]


def _nice(x: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least x."""
    if x <= 0:
        return 1.0
    e = math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** e >= x * 0.999:
            return m * 10 ** e
    return 10 ** (e + 1)


_SI = ((1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_SHORT = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def tick_label(v: float, unit: str = "") -> str:
    """150E for 1.5e20 FLOP/s and bytes (SI prefixes, as EFLOPS and ZB are written),
    1.2B for money and counts, 1e+30 beyond."""
    a = abs(v)
    if a == 0:
        return "0"
    table = _SI if ("FLOP" in unit or "byte" in unit) else _SHORT
    for div, suffix in table:
        if a >= div:
            x = v / div
            if abs(x) >= 1000:
                break
            return f"{x:.3g}{suffix}"
    if a >= 1e3:
        return f"{v:.2g}"
    return f"{v:.4g}"


# ---------------------------------------------------------------------------- marks

def _marker(shape: str, x: float, y: float, r: float, fill: str, stroke: str, dash: bool) -> str:
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="1.8"' + (' stroke-dasharray="2.5 1.5"' if dash else "")
    if shape == "square":
        return (f'<rect x="{_num(x - r * .85)}" y="{_num(y - r * .85)}" width="{_num(r * 1.7)}" '
                f'height="{_num(r * 1.7)}" {common}/>')
    if shape in ("diamond", "triangle", "triangle-down"):
        if shape == "diamond":
            pts = ((x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y))
        elif shape == "triangle":
            pts = ((x, y - r * 1.2), (x + r * 1.1, y + r * .8), (x - r * 1.1, y + r * .8))
        else:
            pts = ((x, y + r * 1.2), (x + r * 1.1, y - r * .8), (x - r * 1.1, y - r * .8))
        return f'<polygon points="{" ".join(f"{_num(a)},{_num(b)}" for a, b in pts)}" {common}/>'
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {common}/>'


def _arrow(x: float, y: float, length: float, colour: str, up: bool, dash: bool) -> str:
    """A line from (x, y) of `length` px up (or down) ending in a head."""
    tip = y - length if up else y + length
    head = 5 if up else -5
    line = (f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x)}" y2="{_num(tip + head)}" stroke="{colour}" '
            f'stroke-width="1.8"' + (' stroke-dasharray="3 2"' if dash else "") + "/>")
    return line + (f'<polygon points="{_num(x)},{_num(tip)} {_num(x + 4)},{_num(tip + head * 1.6)} '
                   f'{_num(x - 4)},{_num(tip + head * 1.6)}" fill="{colour}"/>')


class _Boxes:
    """Label boxes placed so far (a greedy placement that skips a label with no room)."""

    def __init__(self, x0, y0, x1, y1):
        self.bounds = (x0, y0, x1, y1)
        self.taken: list = []

    def place(self, x, y, w, h, avoid=()) -> Optional[tuple]:
        bx0, by0, bx1, by1 = self.bounds
        for dx, dy, anchor in ((9, 4, "start"), (0, -12, "middle"), (0, 18, "middle"), (-9, 4, "end"),
                               (9, -12, "start"), (9, 18, "start"), (-9, -12, "end"), (-9, 18, "end"),
                               (0, -28, "middle"), (0, 34, "middle"), (9, -28, "start"), (-9, -28, "end")):
            lx = x + dx - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
            top = y + dy - h + 3
            box = (lx, top, lx + w, top + h)
            if box[0] < bx0 or box[2] > bx1 or box[1] < by0 or box[3] > by1:
                continue
            if any(_hit(box, b) for b in (*self.taken, *avoid)):
                continue
            self.taken.append(box)
            return x + dx, y + dy, anchor
        return None


def _hit(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ---------------------------------------------------------------------------- the chart

def _doc_colours(points) -> dict:
    """A colour per document in order of appearance; after the palette's, one grey."""
    order = dict.fromkeys(p.claim.doc_id for p in points)
    return {d: (PALETTE[i] if i < len(PALETTE) else OTHER) for i, d in enumerate(order)}


def _shapes(points) -> dict:
    order = dict.fromkeys(definition(p.claim) for p in points)
    return {d: SHAPES[i % len(SHAPES)] for i, d in enumerate(order)}


def _describe(chart: Chart, name) -> str:
    items = []
    for p in chart.points[:_DESCRIBED]:
        c = p.claim
        when = period_text(c.as_of) + ("" if p.text_dated else " (publication date)")
        what = [f"{c.text} ({interval_text(c)})", when, definition(c)]
        if c.modality and c.modality != "fact":
            what.append(c.modality)
        if c.scope.get("region") and c.scope.get("region") != chart.region:
            what.append(str(c.scope["region"]))
        what.append(name(c.doc_id))
        items.append(", ".join(w for w in what if w))
    more = len(chart.points) - _DESCRIBED
    tail = f"; and {more} more claims (see the table of claims)" if more > 0 else ""
    return f"{len(chart.points)} claims in time order: " + "; ".join(items) + tail + "."


def chart_svg(chart: Chart, findings=(), documents=None, *, width: int = 640, height: int = 300,
              id_prefix: str = "cc-chart", xmlns: bool = True, title: Optional[str] = None, paths=None) -> str:
    """One Chart (report/_charts.py) as an SVG element. `findings` are the report's
    findings (those citing two drawn points are drawn, CC5xx notes written out);
    `id_prefix` makes the ids of <title> and <desc> unique in a page (letters, digits
    and -); `xmlns=False` leaves out the namespace declaration, which HTML does not need;
    `paths` caches the documents' display paths (doc id -> path) across charts."""
    docs = as_mapping(documents)
    paths = {} if paths is None else paths

    def name(doc_id) -> str:
        if doc_id not in paths:
            paths[doc_id] = doc_path(doc_id, docs)
        return paths[doc_id]

    prefix = re.sub(r"[^A-Za-z0-9-]", "-", id_prefix) or "cc-chart"
    width, height = max(int(width), 320), max(int(height), 160)
    x0, x1 = _MARGIN_LEFT, width - _MARGIN_RIGHT
    y_top, y_bottom = _MARGIN_TOP, height - _MARGIN_BOTTOM
    tx = _Time(chart.points, x0, x1)
    vy = _Values(chart.points, y_bottom, y_top)
    unit = chart.points[0].claim.unit
    colours = _doc_colours(chart.points)
    shapes = _shapes(chart.points)
    body: list = []

    # grid and axes
    for v in vy.ticks():
        y = vy(v)
        body.append(f'<line x1="{x0}" y1="{_num(y)}" x2="{x1}" y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>')
        body.append(f'<text x="{x0 - 6}" y="{_num(y + 4)}" text-anchor="end" fill="{MUTED}">'
                    f"{esc(tick_label(v, unit))}</text>")
    for d, label in tx.ticks():
        x = tx(d)
        body.append(f'<line x1="{_num(x)}" y1="{y_bottom}" x2="{_num(x)}" y2="{y_bottom + 5}" stroke="{MUTED}"/>')
        body.append(f'<text x="{_num(x)}" y="{y_bottom + 18}" text-anchor="middle" fill="{MUTED}">{esc(label)}</text>')
    body.append(f'<line x1="{x0}" y1="{y_bottom}" x2="{x1}" y2="{y_bottom}" stroke="{MUTED}" stroke-width="1"/>')
    scale = "log scale" if vy.log else "linear"
    body.append(f'<text x="{x0}" y="{y_top - 12}" fill="{MUTED}">{esc(f"{unit} ({scale})")}</text>')

    # where each point sits
    where: dict = {}
    for p in chart.points:
        c = p.claim
        xs, xe = tx(c.as_of.start), tx(c.as_of.end.toordinal() + 1)
        xm = (xs + xe) / 2
        if c.low is not None and c.high is not None:
            ym = (vy(c.low) + vy(c.high)) / 2
        else:
            ym = vy(c.low if c.low is not None else c.high)
        where[id(p)] = (xs, xe, xm, ym)

    # each definition's facts joined in time order
    lines: dict = {}
    for p in chart.points:
        if p.claim.modality == "fact" and p.text_dated:
            lines.setdefault(definition(p.claim), []).append(where[id(p)][2:])
    for pts in lines.values():
        if len(pts) > 1:
            body.append(f'<polyline points="{" ".join(f"{_num(x)},{_num(y)}" for x, y in pts)}" fill="none" '
                        f'stroke="{SERIES_LINE}" stroke-width="1.2"/>')

    # findings between drawn points
    notes: list = []
    connectors: list = []
    for f in sorted(findings, key=lambda f: severity_rank(f.severity)):
        ps = []
        for r in f.claims:
            p = chart.drawn.get((r.doc, r.start, r.end))
            if p is not None and all(p is not q for q in ps):
                ps.append(p)
        if len(ps) < 2:
            continue
        if f.code.startswith("CC5"):
            a, b = ps[0].claim, ps[1].claim
            notes.append(f"{f.code}: {a.text.strip()} ({definition(a)}) and {b.text.strip()} ({definition(b)}) "
                         f"are different definitions, not one series")
        if len(connectors) < 20:
            connectors.append((f, ps))
    for f, ps in connectors:
        colour = SEVERITY_COLOURS.get(f.severity, MUTED)
        dash = {"error": "", "warning": ' stroke-dasharray="6 3"'}.get(f.severity, ' stroke-dasharray="2 3"')
        pts = [where[id(p)][2:] for p in ps]
        body.append(f'<polyline points="{" ".join(f"{_num(x)},{_num(y)}" for x, y in pts)}" fill="none" '
                    f'stroke="{colour}" stroke-width="1.6"{dash}/>')

    # the claims
    for p in chart.points:
        c = p.claim
        xs, xe, xm, ym = where[id(p)]
        colour = colours[c.doc_id]
        dash = c.modality in ("target", "forecast")
        dash_attr = ' stroke-dasharray="4 3"' if dash else ""
        tip = f"{c.text.strip()} — {interval_text(c)}, {period_text(c.as_of)}, {definition(c)}, {name(c.doc_id)}"
        body.append(f"<g><title>{esc(tip)}</title>")
        if c.low is not None and c.high is not None and c.low != c.high:
            top, bottom = vy(c.high), vy(c.low)
            w = max(xe - xs, 10)
            body.append(f'<rect x="{_num(xm - w / 2)}" y="{_num(top)}" width="{_num(w)}" '
                        f'height="{_num(max(bottom - top, 2))}" '
                        f'fill="{colour}" fill-opacity="0.16" stroke="{colour}" stroke-width="1.2"{dash_attr}/>')
        if xe - xs >= 3:
            body.append(f'<line x1="{_num(xs)}" y1="{_num(ym)}" x2="{_num(xe)}" y2="{_num(ym)}" stroke="{colour}" '
                        f'stroke-width="2.2"{dash_attr}/>')
            for xx in (xs, xe):
                body.append(f'<line x1="{_num(xx)}" y1="{_num(ym - 4)}" x2="{_num(xx)}" y2="{_num(ym + 4)}" '
                            f'stroke="{colour}" stroke-width="1.5"/>')
        if c.high is None and c.low is not None:
            body.append(_arrow(xm, ym, min(30, ym - y_top + 4), colour, True, dash))
        elif c.low is None and c.high is not None:
            body.append(_arrow(xm, ym, min(30, y_bottom - ym), colour, False, dash))
        fill = colour if (p.text_dated and not dash) else BACKGROUND
        body.append(_marker(shapes[definition(c)], xm, ym, 5, fill, colour, dash))
        body.append("</g>")

    # labels: every claim's text as written, when there is room (the <desc> and the
    # tables list them all)
    boxes = _Boxes(x0, y_top - 4, x1 + _MARGIN_RIGHT - 2, y_bottom)
    marks = [(xm - 6, ym - 6, xm + 6, ym + 6) for (_, _, xm, ym) in where.values()]
    lines_ = [(xs, ym - 3, xe, ym + 3) for (xs, xe, _, ym) in where.values() if xe - xs >= 3]
    for pts in lines.values():  # (the flat stretches of the series lines)
        lines_ += [(min(ax, bx), min(ay, by) - 2, max(ax, bx), max(ay, by) + 2)
                   for (ax, ay), (bx, by) in zip(pts, pts[1:]) if abs(ay - by) < 12]
    for p in chart.points:  # (the arrows of open ends)
        _, _, xm, ym = where[id(p)]
        if (p.claim.low is None) != (p.claim.high is None):
            up = p.claim.high is None
            marks.append((xm - 5, ym - 32 if up else ym, xm + 5, ym if up else ym + 32))
    cited = {id(p) for _, ps in connectors for p in ps}
    for p in chart.points:
        if len(chart.points) > _LABELLED and id(p) not in cited:
            continue
        label = _clip(p.claim.text.strip(), 150)
        w, h = text_width(label), _FONT + 2
        _, _, xm, ym = where[id(p)]
        spot = boxes.place(xm, ym, w, h, avoid=[*lines_, *marks])
        if spot is not None:
            lx, ly, anchor = spot
            body.append(f'<text x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" fill="{colours[p.claim.doc_id]}" '
                        f'font-weight="600" stroke="{BACKGROUND}" stroke-width="3" paint-order="stroke">'
                        f"{esc(label)}</text>")
    for f, ps in connectors:
        (ax, ay), (bx, by) = where[id(ps[0])][2:], where[id(ps[1])][2:]
        label = f.code
        w = text_width(label)
        spot = boxes.place((ax + bx) / 2 - 9 - w / 2, (ay + by) / 2, w, _FONT + 2, avoid=marks)
        if spot is not None:
            lx, ly, anchor = spot
            body.append(f'<text x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" '
                        f'fill="{SEVERITY_COLOURS.get(f.severity, MUTED)}" stroke="{BACKGROUND}" stroke-width="3" '
                        f'paint-order="stroke">{esc(label)}</text>')

    # the legend: documents, definitions, the styles used, the notes
    legend, y = _legend(chart, colours, shapes, notes, name, width, height)
    total = y
    what = title or f"{chart.family} ({chart.scope})"
    first, last = chart.points[0].claim.as_of.start, max(p.claim.as_of.end for p in chart.points)
    heading = f"Timeline of {what}: {len(chart.points)} claims, {first.isoformat()} to {last.isoformat()}" + (
        ", log scale" if vy.log else "")
    ns = ' xmlns="http://www.w3.org/2000/svg"' if xmlns else ""
    return (f'<svg{ns} class="timeline" viewBox="0 0 {width} {_num(total)}" width="{width}" height="{_num(total)}" '
            f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" font-family="{esc(FONT_STACK)}" '
            f'font-size="{_FONT}" data-scale="{"log" if vy.log else "linear"}">'
            f'<title id="{prefix}-title">{esc(heading)}</title>'
            f'<desc id="{prefix}-desc">{esc(_describe(chart, name))}</desc>'
            f'<rect width="{width}" height="{_num(total)}" fill="{BACKGROUND}"/>'
            + "".join(body) + "".join(legend) + "</svg>")


def _legend(chart: Chart, colours: dict, shapes: dict, notes: list, name, width: int, height: int):
    out: list = []
    x0, x1 = _LEGEND_LEFT, width - _MARGIN_RIGHT
    row_h = _FONT + 8
    y = height + 4
    x = x0

    def entry(draw, label: str, colour: str = INK):
        nonlocal x, y
        w = 18 + min(text_width(label), x1 - x0 - 18) + 16
        if x > x0 and x + w > x1:
            x, y = x0, y + row_h
        out.append(draw(x + 6, y))
        out.append(f'<text x="{_num(x + 16)}" y="{_num(y + 4)}" fill="{colour}">'
                   f"{esc(_clip(label, x1 - x0 - 18))}</text>")
        x += w

    def heading(label: str):
        nonlocal x, y
        if x > x0:
            x, y = x0, y + row_h
        out.append(f'<text x="8" y="{_num(y + 4)}" fill="{MUTED}">{esc(label)}</text>')

    heading("documents")
    def swatch(col):
        return lambda ex, ey: f'<rect x="{_num(ex - 5)}" y="{_num(ey - 5)}" width="10" height="10" fill="{col}"/>'

    named = [d for d, col in colours.items() if col != OTHER]
    for d in named:
        entry(swatch(colours[d]), name(d), colours[d])
    rest = len(colours) - len(named)
    if rest:
        entry(swatch(OTHER), f"{rest} other documents", OTHER)
    y += row_h
    x = x0
    heading("definitions")
    for d, shape in shapes.items():
        entry(lambda ex, ey, shape=shape: _marker(shape, ex, ey, 4.5, INK, INK, False), d)
    styles = []
    if any(p.claim.modality in ("target", "forecast") for p in chart.points):
        styles.append(("dashed: a target or forecast",
                       lambda ex, ey: _marker("circle", ex, ey, 4.5, BACKGROUND, INK, True)))
    if any(not p.text_dated for p in chart.points):
        styles.append(("hollow: dated by the article's publication",
                       lambda ex, ey: _marker("circle", ex, ey, 4.5, BACKGROUND, INK, False)))
    if any((p.claim.low is None) != (p.claim.high is None) for p in chart.points):
        styles.append(("arrow: an open end (超, over, under)", lambda ex, ey: _arrow(ex, ey + 6, 12, INK, True, False)))
    if any(p.claim.low is not None and p.claim.high is not None and p.claim.low != p.claim.high for p in chart.points):
        styles.append(("band: a range", lambda ex, ey: f'<rect x="{_num(ex - 5)}" y="{_num(ey - 6)}" width="10" '
                                                      f'height="12" fill="{INK}" fill-opacity="0.16" stroke="{INK}"/>'))
    if styles:
        y += row_h
        x = x0
        heading("marks")
        for label, draw in styles:
            entry(draw, label)
    for note in notes[:5]:
        y += row_h
        x = x0
        for i, line in enumerate(_wrap(note, x1 - 8)):
            if i:
                y += _FONT + 4
            out.append(f'<text x="8" y="{_num(y + 4)}" fill="{SEVERITY_COLOURS["info"]}">{esc(line)}</text>')
    if len(notes) > 5:
        y += row_h
        out.append(f'<text x="8" y="{_num(y + 4)}" fill="{MUTED}">{esc(f"and {len(notes) - 5} more notes")}</text>')
    return out, y + row_h


def timeline_svg(report, metric: str, width: int = 640, height: int = 300, *, documents=None,
                 region: Optional[str] = None, id_prefix: Optional[str] = None, xmlns: bool = True) -> str:
    """The timeline chart of `metric` in `report` as a standalone SVG string: a metric
    key (large_models.released.count) draws that key's claims, a family
    (large_models.count) draws every definition of it in one chart. The chart of the
    main region, or of `region`; '' when there is nothing to draw (fewer than two
    dated claims). `height` is the plot's; the legend adds its rows below."""
    claims = members(report.claims, metric)
    keys = {c.metric for c in claims}
    fam = family_key(next(iter(keys))) if keys else metric
    found = charts(claims, report.findings).get(fam, [])
    if region is not None:
        found = [ch for ch in found if ch.region == region]
    if not found:
        return ""
    findings = [f for f in report.findings if f.metric and family_key(f.metric) == fam]
    prefix = id_prefix or "cc-" + re.sub(r"[^A-Za-z0-9]+", "-", metric).strip("-")
    return chart_svg(found[0], findings, documents, width=width, height=height, id_prefix=prefix, xmlns=xmlns,
                     title=metric if len(keys) == 1 else None)
