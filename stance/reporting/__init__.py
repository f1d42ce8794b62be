"""Readable evaluation reports: self-contained HTML with inline SVG charts, bootstrap confidence
intervals, calibration, and side-by-side comparisons of models and baselines (``stance compare``).

>>> from stance.reporting import write_html, bootstrap_ci     # doctest: +SKIP
>>> write_html(report, "out/")                                # doctest: +SKIP
PosixPath('out/report.html')
"""

from __future__ import annotations

from stance.reporting.html import render_html, report_statistics, write_html
from stance.reporting.stats import (
    DEFAULT_RESAMPLES,
    bootstrap_ci,
    bootstrap_cis,
    calibration_bins,
    expected_calibration_error,
    paired_bootstrap,
    resample_indices,
)

__all__ = [
    "write_html",
    "render_html",
    "report_statistics",
    "bootstrap_ci",
    "bootstrap_cis",
    "paired_bootstrap",
    "resample_indices",
    "calibration_bins",
    "expected_calibration_error",
    "DEFAULT_RESAMPLES",
]
