"""Charts of the reports as inline SVG strings, drawn without a plotting library.

Every chart is one ``<svg class="chart">`` element with a ``viewBox``, explicit ``width``/``height``, a
``<title>`` and an ``aria-label``, so it scales with the page, reads in a screen reader and can be
measured by the report's self-check. Labels are escaped; long ones are shortened with the full text in a
tooltip. Sizes grow with the number of rows, so 2 labels or 20 targets both stay readable.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

__all__ = ["bar_chart", "confusion_heatmap", "reliability_diagram", "confidence_histogram", "forest_plot", "count_axis", "PALETTE"]

#: Colour-blind-safe colours (Okabe & Ito): blue, orange, green, vermillion, purple, sky, yellow.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
_INK = "#222"
_GRID = "#ddd"
_MUTED = "#666"
_CHAR_W = 7.6  # generous width of a 12 px character (capitals included), for layout


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if abs(x - round(x)) > 1e-9 else str(int(round(x)))


def _nice_step(raw: float) -> int:
    """The smallest of 1, 2, 5 × 10^k (an integer) not below ``raw``."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= raw:
                return step * m
        step *= 10


def count_axis(peak: int, ticks: int = 4) -> tuple[int, int]:
    """The top and the tick step of a count axis that holds ``peak``: the top is the first multiple of a
    round step (1, 2, 5 × 10^k, chosen for about ``ticks`` intervals) not below ``peak``, so the tallest
    bar always ends at or under the top tick."""
    step = _nice_step(max(peak, 1) / ticks)
    return step * max(1, math.ceil(peak / step)), step


def _open(width: float, height: float, title: str, extra_class: str = "") -> list[str]:
    cls = "chart" + (f" {extra_class}" if extra_class else "")
    t = escape(title)
    return [
        f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" role="img" aria-label="{t}" font-size="12">',
        f"<title>{t}</title>",
    ]


def _text(x: float, y: float, s: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{extra}>{escape(s)}</text>'


def _short(s: str, n: int) -> tuple[str, bool]:
    return (s, False) if len(s) <= n else (s[: n - 1] + "…", True)


def _label(x: float, y: float, s: str, n: int, anchor: str = "end") -> str:
    short, cut = _short(s, n)
    t = _text(x, y, short, anchor)
    return f"<g><title>{escape(s)}</title>{t}</g>" if cut else t


def _empty(title: str, message: str, width: float = 480) -> str:
    parts = _open(width, 60, title)
    parts.append(f'<rect x="0.5" y="0.5" width="{_f(width - 1)}" height="59" fill="#fafafa" stroke="{_GRID}"/>')
    parts.append(_text(width / 2, 34, message, "middle", f' fill="{_MUTED}"'))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    rows: Sequence[tuple[str, float | None, float | None, float | None]],
    title: str,
    *,
    xmax: float = 100.0,
    unit: str = "",
    width: float = 640,
    colors: Sequence[str] | None = None,
) -> str:
    """Horizontal bars with optional confidence-interval whiskers.

    Parameters
    ----------
    rows : sequence of (label, value, low, high)
        One bar per row; ``low``/``high`` may be ``None`` (no whisker), ``value`` ``None`` (undefined, drawn as "n/a").
    title : str
        Accessible title of the chart.
    xmax : float
        Right end of the axis (values are clipped to it).
    unit : str
        Appended to the value labels.
    width : float
        Width in pixels; the height follows the number of rows.
    colors : sequence of str, optional
        One colour per row (default: the first colour of :data:`PALETTE`).
    """
    if not rows:
        return _empty(title, "nothing to plot")
    max_label = min(38, max(len(str(r[0])) for r in rows))
    left = 12 + max_label * _CHAR_W
    right = 64
    bar_h, gap, top = 18, 8, 8
    plot_w = max(120.0, width - left - right)
    width = left + plot_w + right
    height = top + len(rows) * (bar_h + gap) + 28
    xmax = xmax or 1.0

    def sx(v: float) -> float:
        return left + plot_w * max(0.0, min(v, xmax)) / xmax

    parts = _open(width, height, title)
    axis_y = top + len(rows) * (bar_h + gap)
    for i in range(6):
        v = xmax * i / 5
        x = sx(v)
        parts.append(f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{_f(axis_y)}" stroke="{_GRID}"/>')
        parts.append(_text(x, axis_y + 16, _f(v), "middle", f' fill="{_MUTED}"'))
    for i, (label, value, low, high) in enumerate(rows):
        y = top + i * (bar_h + gap)
        color = (colors[i % len(colors)] if colors else PALETTE[0])
        parts.append(_label(left - 8, y + bar_h / 2 + 4, str(label), 38))
        if value is None:
            parts.append(_text(left + 4, y + bar_h / 2 + 4, "n/a", "start", f' fill="{_MUTED}"'))
            continue
        x1 = sx(value)
        tip = f"{label}: {value:.2f}{unit}" + (f" (95% CI {low:.2f}–{high:.2f})" if low is not None and high is not None else "")
        parts.append(
            f'<rect x="{_f(left)}" y="{_f(y)}" width="{_f(max(x1 - left, 1))}" height="{bar_h}" fill="{color}" fill-opacity="0.85">'
            f"<title>{escape(tip)}</title></rect>"
        )
        end = x1
        if low is not None and high is not None:
            xl, xh, ym = sx(low), sx(high), y + bar_h / 2
            parts.append(
                f'<path d="M{_f(xl)} {_f(ym)}H{_f(xh)}M{_f(xl)} {_f(ym - 5)}V{_f(ym + 5)}M{_f(xh)} {_f(ym - 5)}V{_f(ym + 5)}" '
                f'stroke="{_INK}" stroke-width="1.5" fill="none"/>'
            )
            end = max(end, xh)
        parts.append(_text(end + 6, y + bar_h / 2 + 4, f"{value:.1f}{unit}"))
    parts.append("</svg>")
    return "".join(parts)


def _mix(share: float) -> str:
    """White to the first palette colour."""
    share = max(0.0, min(1.0, share))
    r0, g0, b0 = 255, 255, 255
    r1, g1, b1 = 0x00, 0x72, 0xB2
    return "#%02x%02x%02x" % (round(r0 + (r1 - r0) * share), round(g0 + (g1 - g0) * share), round(b0 + (b1 - b0) * share))


def confusion_heatmap(labels: Sequence[str], matrix: Sequence[Sequence[int]], title: str) -> str:
    """A confusion matrix as a heat map: gold labels on the rows, predictions on the columns.

    Each cell shows its count and its share of the gold row; the colour follows that share, so rows of
    very different sizes read alike.
    """
    k = len(labels)
    if not k:
        return _empty(title, "no labels")
    cell = 64 if k <= 6 else 44 if k <= 12 else 32
    lab_w = 12 + min(24, max(len(str(x)) for x in labels)) * _CHAR_W
    top = 46 + (min(24, max(len(str(x)) for x in labels)) * _CHAR_W * 0.7 if k > 6 else 0)
    width = lab_w + k * cell + 16
    height = top + k * cell + 12
    parts = _open(width, height, title)
    parts.append(_text(lab_w + k * cell / 2, 14, "predicted", "middle", f' fill="{_MUTED}"'))
    parts.append(_text(4, 14, "gold ↓", "start", f' fill="{_MUTED}"'))
    for j, lab in enumerate(labels):
        x = lab_w + j * cell + cell / 2
        if k > 6:
            short, _ = _short(str(lab), 24)
            parts.append(f'<text transform="translate({_f(x + 4)},{_f(top - 6)}) rotate(-45)" text-anchor="start">{escape(short)}</text>')
        else:
            parts.append(_label(x, top - 10, str(lab), 12, "middle"))
    small = k > 6
    for i, (lab, row) in enumerate(zip(labels, matrix)):
        y = top + i * cell
        total = sum(row)
        parts.append(_label(lab_w - 8, y + cell / 2 + 4, str(lab), 24))
        for j, v in enumerate(row):
            share = v / total if total else 0.0
            x = lab_w + j * cell
            fill = _mix(share)
            ink = "#fff" if share > 0.55 else _INK
            stroke = ' stroke="#222" stroke-width="1.5"' if i == j else f' stroke="{_GRID}"'
            tip = f"gold {lab}, predicted {labels[j]}: {v}" + (f" ({100 * share:.1f}% of gold {lab})" if total else "")
            parts.append(f'<rect x="{_f(x)}" y="{_f(y)}" width="{cell}" height="{cell}" fill="{fill}"{stroke}><title>{escape(tip)}</title></rect>')
            if small:
                parts.append(_text(x + cell / 2, y + cell / 2 + 4, str(v), "middle", f' fill="{ink}" font-size="10"'))
            else:
                parts.append(_text(x + cell / 2, y + cell / 2, str(v), "middle", f' fill="{ink}" font-weight="600"'))
                if total:
                    parts.append(_text(x + cell / 2, y + cell / 2 + 15, f"{100 * share:.0f}%", "middle", f' fill="{ink}" font-size="10"'))
    parts.append("</svg>")
    return "".join(parts)


def _axes(parts: list[str], left: float, top: float, w: float, h: float, xlabel: str, ylabel: str, yticks: Sequence[tuple[float, str]], xticks: Sequence[tuple[float, str]]) -> None:
    for frac, lab in yticks:
        y = top + h * (1 - frac)
        parts.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + w)}" y2="{_f(y)}" stroke="{_GRID}"/>')
        parts.append(_text(left - 6, y + 4, lab, "end", f' fill="{_MUTED}"'))
    for frac, lab in xticks:
        x = left + w * frac
        parts.append(_text(x, top + h + 16, lab, "middle", f' fill="{_MUTED}"'))
    parts.append(f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(w)}" height="{_f(h)}" fill="none" stroke="#999"/>')
    parts.append(_text(left + w / 2, top + h + 34, xlabel, "middle"))
    parts.append(f'<text transform="translate(14,{_f(top + h / 2)}) rotate(-90)" text-anchor="middle">{escape(ylabel)}</text>')


def reliability_diagram(bins: Sequence[dict[str, Any]], title: str, ece: float | None = None, size: float = 320) -> str:
    """Accuracy against mean confidence per confidence bin, with the diagonal of perfect calibration.

    ``bins`` come from :func:`stance.reporting.stats.calibration_bins`. Bars show each bin's accuracy, a
    dot its mean confidence; the outlined red band is the gap. The expected calibration error is printed.
    """
    total = sum(b["count"] for b in bins)
    if not total:
        return _empty(title, "no predictions with confidence scores")
    left, top, w, h = 52, 14, size, size
    width, height = left + w + 16, top + h + 62
    parts = _open(width, height, title)
    ticks = [(i / 5, f"{i / 5:.1f}") for i in range(6)]
    _axes(parts, left, top, w, h, "confidence of the predicted label", "accuracy", ticks, ticks)
    parts.append(f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top}" stroke="{_MUTED}" stroke-dasharray="4 3"/>')
    for b in bins:
        if not b["count"]:
            continue
        x0 = left + w * b["low"]
        bw = w * (b["high"] - b["low"])
        acc, conf = b["accuracy"], b["confidence"]
        ya, yc = top + h * (1 - acc), top + h * (1 - conf)
        tip = f"confidence {b['low']:.1f}–{b['high']:.1f}: {b['count']} predictions, accuracy {acc:.2f}, mean confidence {conf:.2f}"
        parts.append(
            f'<rect x="{_f(x0 + 1)}" y="{_f(ya)}" width="{_f(bw - 2)}" height="{_f(top + h - ya)}" fill="{PALETTE[0]}" fill-opacity="0.8">'
            f"<title>{escape(tip)}</title></rect>"
        )
        parts.append(
            f'<rect x="{_f(x0 + 1.5)}" y="{_f(min(ya, yc))}" width="{_f(bw - 3)}" height="{_f(max(abs(ya - yc), 0.5))}" '
            f'fill="{PALETTE[3]}" fill-opacity="0.15" stroke="{PALETTE[3]}" stroke-width="1.2"/>'
        )
        parts.append(f'<circle cx="{_f(x0 + bw / 2)}" cy="{_f(yc)}" r="3" fill="{PALETTE[3]}"/>')
    if ece is not None:
        parts.append(f'<rect x="{left + 8}" y="{top + 8}" width="118" height="22" fill="#fff" fill-opacity="0.9" stroke="{_GRID}"/>')
        parts.append(_text(left + 14, top + 23, f"ECE {ece:.2f}%", "start", ' font-weight="600"'))
    parts.append("</svg>")
    return "".join(parts)


def confidence_histogram(correct: Sequence[float], wrong: Sequence[float], title: str, n_bins: int = 10, width: float = 360) -> str:
    """Stacked histogram of the confidence of correct (blue) and wrong (orange) predictions."""
    if not correct and not wrong:
        return _empty(title, "no predictions with confidence scores")
    ok = [0] * n_bins
    bad = [0] * n_bins
    for c in correct:
        ok[min(int(c * n_bins), n_bins - 1)] += 1
    for c in wrong:
        bad[min(int(c * n_bins), n_bins - 1)] += 1
    ymax, step = count_axis(max(a + b for a, b in zip(ok, bad)))
    left, top, w, h = 52, 30, width - 68, 200
    height = top + h + 50
    parts = _open(width, height, title)
    yt = [(v / ymax, f"{v:,}") for v in range(0, ymax + 1, step)]
    _axes(parts, left, top, w, h, "confidence of the predicted label", "predictions", yt, [(i / 5, f"{i / 5:.1f}") for i in range(6)])
    bw = w / n_bins
    for i in range(n_bins):
        x = left + i * bw
        h_ok = h * ok[i] / ymax
        h_bad = h * bad[i] / ymax
        lo, hi = i / n_bins, (i + 1) / n_bins
        if ok[i]:
            parts.append(
                f'<rect x="{_f(x + 1)}" y="{_f(top + h - h_ok)}" width="{_f(bw - 2)}" height="{_f(h_ok)}" fill="{PALETTE[0]}">'
                f"<title>{escape(f'confidence {lo:.1f}–{hi:.1f}: {ok[i]} correct')}</title></rect>"
            )
        if bad[i]:
            parts.append(
                f'<rect x="{_f(x + 1)}" y="{_f(top + h - h_ok - h_bad)}" width="{_f(bw - 2)}" height="{_f(h_bad)}" fill="{PALETTE[1]}">'
                f"<title>{escape(f'confidence {lo:.1f}–{hi:.1f}: {bad[i]} wrong')}</title></rect>"
            )
    parts.append(f'<rect x="{left}" y="8" width="12" height="12" fill="{PALETTE[0]}"/>' + _text(left + 16, 18, f"correct ({len(correct)})"))
    parts.append(f'<rect x="{left + 120}" y="8" width="12" height="12" fill="{PALETTE[1]}"/>' + _text(left + 136, 18, f"wrong ({len(wrong)})"))
    parts.append("</svg>")
    return "".join(parts)


def forest_plot(rows: Sequence[tuple[str, float, float, float, float | None]], title: str, unit: str = " pts", width: float = 640) -> str:
    """Differences against a reference with their confidence intervals, around a zero line.

    ``rows`` are ``(label, delta, low, high, p_value)``; intervals that exclude zero are drawn solid.
    """
    if not rows:
        return _empty(title, "no other systems to compare with the reference")
    max_label = min(38, max(len(r[0]) for r in rows))
    left = 12 + max_label * _CHAR_W
    right = 150
    plot_w = max(160.0, width - left - right)
    width = left + plot_w + right
    row_h, top = 26, 8
    height = top + len(rows) * row_h + 30
    span = max(1.0, max(max(abs(r[2]), abs(r[3]), abs(r[1])) for r in rows)) * 1.1

    def sx(v: float) -> float:
        return left + plot_w * (v + span) / (2 * span)

    parts = _open(width, height, title)
    axis_y = top + len(rows) * row_h
    for i in range(-2, 3):
        v = span * i / 2
        x = sx(v)
        parts.append(f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{_f(axis_y)}" stroke="{_MUTED if i == 0 else _GRID}"/>')
        parts.append(_text(x, axis_y + 16, f"{v:+.1f}" if i else "0", "middle", f' fill="{_MUTED}"'))
    for i, (label, delta, lo, hi, p) in enumerate(rows):
        y = top + i * row_h + row_h / 2
        sig = lo > 0 or hi < 0
        color = PALETTE[2] if delta >= 0 else PALETTE[3]
        parts.append(_label(left - 8, y + 4, label, 38))
        dash = "" if sig else ' stroke-dasharray="3 2"'
        parts.append(f'<line x1="{_f(sx(lo))}" y1="{_f(y)}" x2="{_f(sx(hi))}" y2="{_f(y)}" stroke="{color}" stroke-width="2"{dash}/>')
        tip = f"{label}: {delta:+.2f}{unit} (95% CI {lo:+.2f} to {hi:+.2f}" + (f", p = {p:.3f})" if p is not None else ")")
        parts.append(f'<circle cx="{_f(sx(delta))}" cy="{_f(y)}" r="5" fill="{color}"><title>{escape(tip)}</title></circle>')
        ptxt = f"{delta:+.2f}" + (f"  p={p:.3f}" if p is not None else "")
        parts.append(_text(left + plot_w + 8, y + 4, ptxt))
    parts.append("</svg>")
    return "".join(parts)
