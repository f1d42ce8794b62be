"""Bootstrap confidence intervals, the paired bootstrap test, and calibration (ECE, reliability bins).

Everything here is vectorized over resamples: labels are coded as integers, each resample's confusion
matrix is one ``numpy.bincount``, and the metrics are computed from the stacked confusion matrices. The
point estimates agree with :mod:`stance.evaluation` (which uses scikit-learn) to floating-point precision.

>>> from stance.reporting.stats import bootstrap_ci
>>> gold = ["FAVOR", "AGAINST", "NONE", "AGAINST"] * 50
>>> pred = ["FAVOR", "AGAINST", "AGAINST", "AGAINST"] * 50
>>> ci = bootstrap_ci(gold, pred, "accuracy", n_resamples=200)
>>> round(ci["value"], 1), ci["low"] <= ci["value"] <= ci["high"]
(75.0, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "METRICS",
    "metric_from_confusion",
    "point_metrics",
    "resample_indices",
    "bootstrap_ci",
    "bootstrap_cis",
    "paired_bootstrap",
    "calibration_bins",
    "expected_calibration_error",
    "DEFAULT_RESAMPLES",
]

#: Resamples used by the reports unless told otherwise.
DEFAULT_RESAMPLES = 1000

#: Metrics computable from a confusion matrix, all in percent. ``f_avg`` is SemEval-2016's mean F1 of
#: FAVOR and AGAINST; ``f1_pos_neg`` the same for positive and negative; ``macro_recall`` TweetEval's.
METRICS: tuple[str, ...] = ("f_avg", "macro_f1", "accuracy", "macro_recall", "f1_pos_neg")


def _encode(gold: Sequence[Any], preds: Sequence[Sequence[Any]], labels: Sequence[str] | None) -> tuple[list[str], np.ndarray, list[np.ndarray]]:
    if labels is None:
        seen: set[str] = set(gold)
        for p in preds:
            seen |= set(p)
        labels = sorted(seen)
    labels = list(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    extra = [x for p in [gold, *preds] for x in p if x not in index]
    if extra:
        raise ValueError(f"label {extra[0]!r} is not among the labels {labels}; pass labels= with every label used")
    g = np.fromiter((index[x] for x in gold), dtype=np.int64, count=len(gold))
    return labels, g, [np.fromiter((index[x] for x in p), dtype=np.int64, count=len(p)) for p in preds]


def _confusions(g: np.ndarray, p: np.ndarray, k: int, idx: np.ndarray) -> np.ndarray:
    """Confusion matrices (gold rows, predicted columns) of each resample: shape ``(B, k, k)``."""
    b = idx.shape[0]
    codes = (np.arange(b)[:, None] * (k * k) + g[idx] * k + p[idx]).ravel()
    return np.bincount(codes, minlength=b * k * k).reshape(b, k, k).astype(np.float64)


def _safe_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.zeros(np.broadcast(a, b).shape, dtype=np.float64)
    np.divide(a, b, out=out, where=b != 0)
    return out


def _ratio(a: np.ndarray, b: np.ndarray, skip_absent: bool) -> np.ndarray:
    """``a / b``: zero where ``b`` is 0, or NaN (undefined) with ``skip_absent``."""
    out = np.full(np.broadcast(a, b).shape, np.nan if skip_absent else 0.0, dtype=np.float64)
    np.divide(a, b, out=out, where=b != 0)
    return out


def _mean(x: np.ndarray) -> np.ndarray:
    """Mean over the last axis ignoring NaN; NaN where every value is NaN (without a warning)."""
    defined = ~np.isnan(x)
    count = defined.sum(axis=-1)
    total = np.where(defined, x, 0.0).sum(axis=-1)
    return _ratio(total, count.astype(np.float64), True)


def metric_from_confusion(conf: np.ndarray, labels: Sequence[str], metric: str, *, skip_absent: bool = False) -> np.ndarray:
    """A metric (percent) from confusion matrices of shape ``(..., k, k)``; zero where undefined.

    Parameters
    ----------
    conf : numpy.ndarray
        Counts, gold labels on the rows and predictions on the columns, in the order of ``labels``.
    labels : sequence of str
        The label of each row/column.
    metric : str
        One of :data:`METRICS`, or ``"f1:LABEL"``, ``"precision:LABEL"``, ``"recall:LABEL"`` for one label.
    skip_absent : bool
        By default (the definitions of :mod:`stance.evaluation`, scikit-learn's ``zero_division=0`` and
        SemEval-2016's F_avg) a class absent from the gold labels scores recall and F1 0 and counts as 0
        in every average. With ``skip_absent`` such a class is left out: its recall and F1 are NaN (as is
        the precision of a class never predicted), and the averages (``f_avg``, ``macro_f1``,
        ``macro_recall``, ``f1_pos_neg``) are over the classes present in the gold labels of each
        matrix; NaN when none of them is present.

    Returns
    -------
    numpy.ndarray
        One value per leading index of ``conf``.
    """
    conf = np.asarray(conf, dtype=np.float64)
    tp = np.diagonal(conf, axis1=-2, axis2=-1)
    gold_n = conf.sum(axis=-1)
    pred_n = conf.sum(axis=-2)
    total = conf.sum(axis=(-2, -1))
    if metric == "accuracy":
        return 100 * _ratio(tp.sum(axis=-1), total, skip_absent)
    recall = _ratio(tp, gold_n, skip_absent)
    f1 = _safe_div(2 * tp, gold_n + pred_n)
    if skip_absent:
        f1 = np.where(gold_n > 0, f1, np.nan)
    average = _mean if skip_absent else (lambda x: x.mean(axis=-1))
    if metric == "macro_recall":
        return 100 * average(recall)
    if metric == "macro_f1":
        return 100 * average(f1)
    kind, _, lab = metric.partition(":")
    if lab and kind in ("f1", "precision", "recall"):
        if lab not in labels:
            return np.full(f1.shape[:-1], np.nan if skip_absent else 0.0)
        j = list(labels).index(lab)
        source = {"f1": f1, "recall": recall, "precision": _ratio(tp, pred_n, skip_absent)}[kind]
        return 100 * source[..., j]
    pair = {"f_avg": ("FAVOR", "AGAINST"), "f1_pos_neg": ("positive", "negative")}.get(metric)
    if pair is None:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)} or f1:LABEL, precision:LABEL, recall:LABEL")
    cols = [i for i, lab in enumerate(labels) if lab in pair]
    if skip_absent:
        return 100 * _mean(f1[..., cols]) if cols else np.full(f1.shape[:-1], np.nan)
    if not cols:
        return np.zeros(f1.shape[:-1])
    if len(cols) == 1:
        # the other label is absent from gold and predictions alike: its F1 counts as 0, as in scikit-learn
        return 100 * f1[..., cols[0]] / 2
    return 100 * f1[..., cols].mean(axis=-1)


def point_metrics(
    gold: Sequence[str],
    pred: Sequence[str],
    metrics: Sequence[str],
    *,
    labels: Sequence[str] | None = None,
    skip_absent: bool = False,
) -> dict[str, float | None]:
    """Metrics (percent) of one set of predictions, without resampling; ``None`` where undefined.

    See :func:`metric_from_confusion` for the metric names and ``skip_absent``.
    """
    gold, pred = list(gold), list(pred)
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions; give one prediction per gold label")
    labs, g, (p,) = _encode(gold, [pred], labels)
    conf = _confusions(g, p, len(labs), np.arange(len(g))[None, :])[0]
    return {m: _defined(float(metric_from_confusion(conf, labs, m, skip_absent=skip_absent))) for m in metrics}


def _defined(x: float) -> float | None:
    return None if np.isnan(x) else x


def resample_indices(n: int, n_resamples: int = DEFAULT_RESAMPLES, seed: int = 0) -> np.ndarray:
    """Row indices of ``n_resamples`` bootstrap resamples of ``n`` rows, shape ``(n_resamples, n)``."""
    if n <= 0:
        raise ValueError(f"cannot resample {n} rows; the split is empty")
    if n_resamples < 1:
        raise ValueError(f"n_resamples={n_resamples}; give at least 1 (1000 is usual)")
    return np.random.default_rng(seed).integers(0, n, size=(n_resamples, n), dtype=np.int64)


def _interval(samples: np.ndarray, confidence: float) -> tuple[float | None, float | None]:
    """Percentile interval of the resampled values where they are defined; ``(None, None)`` if nowhere."""
    samples = samples[~np.isnan(samples)]
    if not samples.size:
        return None, None
    a = (1 - confidence) / 2
    lo, hi = np.quantile(samples, [a, 1 - a])
    return float(lo), float(hi)


def bootstrap_cis(
    gold: Sequence[str],
    pred: Sequence[str],
    metrics: Sequence[str] = ("f_avg", "macro_f1", "accuracy"),
    *,
    labels: Sequence[str] | None = None,
    n_resamples: int = DEFAULT_RESAMPLES,
    confidence: float = 0.95,
    seed: int = 0,
    indices: np.ndarray | None = None,
    skip_absent: bool = False,
) -> dict[str, dict[str, Any]]:
    """Percentile bootstrap confidence intervals of several metrics from the same resamples.

    Parameters
    ----------
    gold, pred : sequence of str
        Gold and predicted labels, aligned.
    metrics : sequence of str
        Names from :data:`METRICS`.
    labels : sequence of str, optional
        The label set (default: every label seen in ``gold`` or ``pred``).
    n_resamples : int
        Number of bootstrap resamples.
    confidence : float
        Coverage of the interval (0.95 gives the 2.5th and 97.5th percentiles).
    seed : int
        Seed of the resampling; the same seed gives the same intervals.
    indices : numpy.ndarray, optional
        Precomputed resample indices (see :func:`resample_indices`), to share resamples between calls.
    skip_absent : bool
        Leave out the classes absent from the gold labels (see :func:`metric_from_confusion`). A value
        undefined on the statements is ``None``; the interval is over the resamples where the metric is
        defined (``None`` when it is defined in none).

    Returns
    -------
    dict
        ``{metric: {"value", "low", "high", "n_resamples", "confidence"}}``, in percent.
    """
    gold, pred = list(gold), list(pred)
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions; give one prediction per gold label")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence={confidence}; give a share between 0 and 1, such as 0.95")
    labs, g, (p,) = _encode(gold, [pred], labels)
    k = len(labs)
    idx = indices if indices is not None else resample_indices(len(g), n_resamples, seed)
    conf_point = _confusions(g, p, k, np.arange(len(g))[None, :])[0]
    confs = _confusions(g, p, k, idx)
    out = {}
    for m in metrics:
        value = _defined(float(metric_from_confusion(conf_point, labs, m, skip_absent=skip_absent)))
        lo, hi = _interval(metric_from_confusion(confs, labs, m, skip_absent=skip_absent), confidence)
        out[m] = {"value": value, "low": lo, "high": hi, "n_resamples": int(idx.shape[0]), "confidence": confidence}
    return out


def bootstrap_ci(
    gold: Sequence[str],
    pred: Sequence[str],
    metric: str = "f_avg",
    **kwargs: Any,
) -> dict[str, Any]:
    """Bootstrap confidence interval of one metric; see :func:`bootstrap_cis` for the options."""
    return bootstrap_cis(gold, pred, (metric,), **kwargs)[metric]


def paired_bootstrap(
    gold: Sequence[str],
    pred_a: Sequence[str],
    pred_b: Sequence[str],
    metric: str = "f_avg",
    *,
    labels: Sequence[str] | None = None,
    n_resamples: int = DEFAULT_RESAMPLES,
    confidence: float = 0.95,
    seed: int = 0,
    indices: np.ndarray | None = None,
    skip_absent: bool = False,
) -> dict[str, Any]:
    """Paired bootstrap test of ``metric(a) - metric(b)`` on the same statements.

    Both systems are scored on the same resamples. The p-value is two-sided, computed under the null
    hypothesis of no difference by centring the resampled differences on zero (Berg-Kirkpatrick et al.
    2012): the share of resamples whose difference departs from the observed one by at least the
    observed difference, with add-one smoothing so it is never exactly 0.

    With ``skip_absent`` (see :func:`metric_from_confusion`) only the resamples where both systems'
    metric is defined count; the figures are ``None`` when it is undefined on the statements.

    Returns
    -------
    dict
        ``{"metric", "a", "b", "delta", "low", "high", "p_value", "n_resamples", "confidence"}`` (percent points).
    """
    gold, pred_a, pred_b = list(gold), list(pred_a), list(pred_b)
    if not len(gold) == len(pred_a) == len(pred_b):
        raise ValueError(
            f"gold ({len(gold)}), system a ({len(pred_a)}) and system b ({len(pred_b)}) differ in length; "
            "score both systems on the same statements"
        )
    labs, g, (pa, pb) = _encode(gold, [pred_a, pred_b], labels)
    k = len(labs)
    idx = indices if indices is not None else resample_indices(len(g), n_resamples, seed)
    full = np.arange(len(g))[None, :]

    def score(p: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return metric_from_confusion(_confusions(g, p, k, rows), labs, metric, skip_absent=skip_absent)

    a, b = _defined(float(score(pa, full)[0])), _defined(float(score(pb, full)[0]))
    deltas = score(pa, idx) - score(pb, idx)
    deltas = deltas[~np.isnan(deltas)]
    out: dict[str, Any] = {"metric": metric, "a": a, "b": b, "delta": None, "low": None, "high": None, "p_value": None,
                           "n_resamples": int(idx.shape[0]), "confidence": confidence}
    if a is None or b is None or not deltas.size:
        return out
    delta = a - b
    lo, hi = _interval(deltas, confidence)
    out.update(delta=delta, low=lo, high=hi, p_value=paired_p_value(deltas, delta))
    return out


def paired_p_value(deltas: np.ndarray, delta: float, tolerance: float = 1e-12) -> float:
    """Two-sided p-value of an observed difference ``delta`` from its paired-bootstrap resamples ``deltas``: the share
    of resamples departing from ``delta`` by at least ``|delta|`` (the resampled differences centred on zero, Berg-
    Kirkpatrick et al. 2012), with add-one smoothing so it is never exactly 0."""
    extreme = int(np.sum(np.abs(deltas - delta) >= abs(delta) - tolerance))
    return float(min(1.0, (extreme + 1) / (len(deltas) + 1)))


def calibration_bins(confidence: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width bins of the confidence scores, each with its count, mean confidence and accuracy.

    Parameters
    ----------
    confidence : sequence of float
        Probability of each predicted label, in [0, 1].
    correct : sequence of bool
        Whether each prediction equals the gold label.
    n_bins : int
        Number of bins over [0, 1]; the last bin includes 1.0.

    Returns
    -------
    list of dict
        ``{"low", "high", "count", "confidence", "accuracy"}`` per bin (``confidence`` and ``accuracy``
        are ``None`` for an empty bin), accuracy and confidence as shares in [0, 1].
    """
    c = np.asarray(list(confidence), dtype=np.float64)
    ok = np.asarray(list(correct), dtype=np.float64)
    if c.shape != ok.shape:
        raise ValueError(f"{c.size} confidences but {ok.size} correctness values; give one per prediction")
    if n_bins < 1:
        raise ValueError(f"n_bins={n_bins}; give at least 1 (10 is usual)")
    if c.size and (np.nanmin(c) < 0 or np.nanmax(c) > 1):
        raise ValueError(f"confidences must lie in [0, 1]; found {np.nanmin(c):.3g}..{np.nanmax(c):.3g}")
    which = np.minimum((c * n_bins).astype(np.int64), n_bins - 1)
    counts = np.bincount(which, minlength=n_bins)
    sum_c = np.bincount(which, weights=c, minlength=n_bins)
    sum_ok = np.bincount(which, weights=ok, minlength=n_bins)
    out = []
    for i in range(n_bins):
        n = int(counts[i])
        out.append(
            {
                "low": i / n_bins,
                "high": (i + 1) / n_bins,
                "count": n,
                "confidence": float(sum_c[i] / n) if n else None,
                "accuracy": float(sum_ok[i] / n) if n else None,
            }
        )
    return out


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> float | None:
    """Expected calibration error in percent: the count-weighted mean gap between accuracy and confidence
    over equal-width bins (Naeini et al. 2015; Guo et al. 2017). ``None`` when there are no predictions."""
    bins = calibration_bins(confidence, correct, n_bins)
    total = sum(b["count"] for b in bins)
    if not total:
        return None
    return 100 * sum(b["count"] * abs(b["accuracy"] - b["confidence"]) for b in bins if b["count"]) / total

