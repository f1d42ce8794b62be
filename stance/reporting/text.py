"""Formatting shared by the HTML reports: escaping, numbers, intervals, "n/a" and marked figures.

A figure the report computes over the classes present in the gold labels can differ from the official
one (which counts an absent class as F1 = 0, as SemEval-2016's F_avg and scikit-learn do): such a figure
is marked with a dagger, and its tooltip gives the official figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import numpy as np

__all__ = ["esc", "num", "fmt_ci", "ci_text", "na", "figure", "differs", "marked", "nowrap", "CI_HEAD", "DAGGER", "ABSENT_NOTE", "NA_TITLE"]

DAGGER = "†"
#: "[95% CI]" in a column heading, kept on one line when the heading wraps.
CI_HEAD = '<span class="nw">[95% CI]</span>'
NA_TITLE = "not applicable: the class is absent from the gold labels (recall, F1) or never predicted (precision)"
#: The note under a table with a dagger-marked figure.
ABSENT_NOTE = (
    f"{DAGGER} A class is absent from the gold labels of the statements scored (of the target, in a per-target row): its "
    "F1 is n/a and the average is over the classes present. The official figure (SemEval-2016's F_avg and scikit-learn's macro averages count the absent class as "
    "F1 = 0) is in report.json and in the figure's tooltip."
)


def esc(x: Any) -> str:
    """``x`` as escaped HTML text."""
    return escape(str(x))


def num(x: Any, digits: int = 2) -> str:
    """A number for a table: thousands separators for integers, ``digits`` decimals otherwise, "–" for ``None``."""
    if x is None:
        return "–"
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return f"{int(x):,}"
    try:
        return f"{float(x):.{digits}f}"
    except (TypeError, ValueError):
        return esc(x)


def _interval(ci: Mapping[str, Any] | None) -> tuple[float, float] | None:
    if not ci or ci.get("low") is None or ci.get("high") is None:
        return None
    return float(ci["low"]), float(ci["high"])


def fmt_ci(ci: Mapping[str, Any] | None) -> str:
    """``[low, high]`` of a confidence interval as HTML (empty for ``None`` or an undefined interval)."""
    bounds = _interval(ci)
    return f'<span class="ci">[{bounds[0]:.1f}, {bounds[1]:.1f}]</span>' if bounds else ""


def ci_text(ci: Mapping[str, Any] | None, sep: str = " – ") -> str:
    """``95% CI low – high`` as plain text ("no interval" when undefined)."""
    bounds = _interval(ci)
    return f"95% CI {bounds[0]:.1f}{sep}{bounds[1]:.1f}" if bounds else "no interval"


def nowrap(html: str) -> str:
    """``html`` kept on one line."""
    return f'<span class="nw">{html}</span>'


def na(title: str = NA_TITLE) -> str:
    """"n/a" with a tooltip saying why."""
    return f'<span class="na" title="{esc(title)}">n/a</span>'


def figure(x: float | None, digits: int = 2, title: str = NA_TITLE) -> str:
    """A figure, or "n/a" for ``None`` (undefined)."""
    return na(title) if x is None else num(x, digits)


def differs(value: float | None, official: float | None) -> bool:
    """Whether the report's figure and the official one disagree (beyond rounding of floating point)."""
    if value is None or official is None:
        return (value is None) != (official is None)
    return abs(float(value) - float(official)) > 1e-6


def marked(value: float | None, official: float | None, digits: int = 2) -> str:
    """The figure; with a dagger and the official figure in a tooltip when the two differ."""
    if not differs(value, official):
        return figure(value, digits)
    tip = f"official figure, counting an absent class as F1 = 0: {num(official, digits)}"
    shown = "n/a" if value is None else num(value, digits)
    return f'<span class="differs" title="{esc(tip)}">{shown}{DAGGER}</span>'
