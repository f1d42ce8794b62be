"""The scores of predicted labels against gold ones: SemEval-2016's F_avg (the mean of F1(FAVOR) and F1(AGAINST),
pooled over all statements) for stance; macro F1, accuracy, the mean of F1(positive) and F1(negative), and macro
recall (TweetEval's metric) for sentiment. Used by :mod:`stance.evaluation` and :mod:`stance.baselines`, and
importing neither."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support, recall_score

from stance.labels import ordered

__all__ = ["f_avg", "stance_scores", "sentiment_scores"]


def f_avg(gold: Sequence[str], pred: Sequence[str]) -> float:
    """SemEval-2016's F_avg in percent: mean of F1(FAVOR) and F1(AGAINST), pooled."""
    f = f1_score(list(gold), list(pred), labels=["FAVOR", "AGAINST"], average=None, zero_division=0)
    return float(np.mean(f) * 100)


def _confusion(gold: list[str], pred: list[str], labels: list[str]) -> list[list[int]]:
    """Counts of (gold row, predicted column) in ``labels`` order. Counted here rather than by
    ``sklearn.metrics.confusion_matrix``, which warns when the data hold a single label."""
    idx = {lab: i for i, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        m[idx[g]][idx[p]] += 1
    return m


def _per_label(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, dict[str, float]]:
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {lab: {"precision": 100 * p[i], "recall": 100 * r[i], "f1": 100 * f[i], "support": int(s[i])} for i, lab in enumerate(labels)}


def stance_scores(gold: Sequence[str], pred: Sequence[str], targets: Sequence[str] | None = None) -> dict[str, Any]:
    """F_avg, macro F1, accuracy, per-label scores, confusion matrix and per-target F_avg (percent)."""
    gold, pred = list(gold), list(pred)
    labels = ordered(sorted(set(gold) | set(pred)), "stance")
    out: dict[str, Any] = {
        "n": len(gold),
        "labels": labels,
        "f_avg": f_avg(gold, pred) if {"FAVOR", "AGAINST"} & set(labels) else None,
        "macro_f1": 100 * float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": 100 * float(np.mean([g == p for g, p in zip(gold, pred)])),
        "per_label": _per_label(gold, pred, labels),
        "confusion": {"labels": labels, "matrix": _confusion(gold, pred, labels)},
    }
    if targets is not None:
        per = {}
        for t in sorted(set(targets)):
            idx = [i for i, x in enumerate(targets) if x == t]
            g = [gold[i] for i in idx]
            p = [pred[i] for i in idx]
            per[t] = {
                "n": len(idx),
                "f_avg": f_avg(g, p),
                "macro_f1": 100 * float(f1_score(g, p, labels=labels, average="macro", zero_division=0)),
                "accuracy": 100 * float(np.mean([a == b for a, b in zip(g, p)])),
            }
        out["per_target"] = per
    return out


def sentiment_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Macro F1, accuracy, mean F1 of positive and negative, macro recall (TweetEval), per label, confusion."""
    gold, pred = list(gold), list(pred)
    labels = ordered(sorted(set(gold) | set(pred)), "sentiment")
    pn = [lab for lab in ("positive", "negative") if lab in labels]
    return {
        "n": len(gold),
        "labels": labels,
        "macro_f1": 100 * float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": 100 * float(np.mean([g == p for g, p in zip(gold, pred)])),
        "f1_pos_neg": 100 * float(np.mean(f1_score(gold, pred, labels=pn, average=None, zero_division=0))) if pn else None,
        "macro_recall": 100 * float(recall_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "per_label": _per_label(gold, pred, labels),
        "confusion": {"labels": labels, "matrix": _confusion(gold, pred, labels)},
    }
