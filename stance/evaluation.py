"""Scores of a model on a labelled split, and the JSON / Markdown reports that hold them.

The stance headline is SemEval-2016's official metric F_avg: the mean of F1(FAVOR) and F1(AGAINST),
pooled over all statements of the split. Sentiment is scored by macro F1, accuracy, the mean of
F1(positive) and F1(negative), and macro-averaged recall (the TweetEval metric).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sklearn.metrics import f1_score

from stance._files import write_text_replacing
from stance.baselines import SENTIMENT_BASELINES, lexicon_metadata, train_baseline
from stance._version import __version__
from stance.exceptions import CorpusError, InputError
from stance.scores import f_avg, sentiment_scores, stance_scores

if TYPE_CHECKING:
    from stance.model import Prediction

__all__ = ["stance_scores", "sentiment_scores", "evaluate_model", "baseline_reports", "write_reports", "render_markdown", "f_avg", "Predictor"]


class Predictor(Protocol):
    """What :func:`evaluate_model` scores: a :class:`~stance.model.StanceModel` or a trained baseline
    of :mod:`stance.baselines`."""

    @property
    def metadata(self) -> Mapping[str, Any]: ...

    def predict_batch(
        self,
        texts: Sequence[str],
        targets: Sequence[str] | str,
        aliases: Sequence[Sequence[str] | None] | None = ...,
        *,
        spans: Sequence[tuple[int, int] | None] | None = ...,
        progress: bool | None = ...,
    ) -> list[Prediction]: ...


def _scored(gold: Sequence[str | None], pred: Sequence[str | None], task: str, targets: Sequence[str] | None = None) -> dict[str, Any] | None:
    """The scores of ``task`` on the rows with both a gold and a predicted label (``None`` if there are none)."""
    rows = [i for i, (g, p) in enumerate(zip(gold, pred)) if g is not None and p is not None]
    if not rows:
        return None
    g, p = [str(gold[i]) for i in rows], [str(pred[i]) for i in rows]
    if task == "sentiment":
        return sentiment_scores(g, p)
    return stance_scores(g, p, [targets[i] for i in rows] if targets is not None else None)


def baseline_reports(
    names: Sequence[str],
    texts: Sequence[str],
    targets: Sequence[str],
    gold_stance: Sequence[str | None],
    gold_sentiment: Sequence[str | None],
    *,
    train: Any = None,
    train_source: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Score the baselines ``names`` (of :data:`stance.baselines.BASELINES`) on the same rows as a model.

    The sentiment lexicons (``vader``, ``textblob``) label the rows with a gold sentiment; ``majority``
    and ``tfidf-svm`` are first fitted on ``train`` (a normalized training split, named ``train_source``).

    Returns
    -------
    dict
        Per baseline: ``model`` (its metadata), ``stance`` and/or ``sentiment`` (scores as from
        :func:`stance_scores` / :func:`sentiment_scores`) and ``predictions`` (``{"stance": [...],
        "sentiment": [...]}``, one label or ``None`` per row, or ``None`` for a task it does not predict).
    """

    out: dict[str, dict[str, Any]] = {}
    for name in names:
        if name in SENTIMENT_BASELINES:
            rows = [i for i, g in enumerate(gold_sentiment) if g is not None]
            by_row = dict(zip(rows, SENTIMENT_BASELINES[name]([texts[i] for i in rows])))
            meta = lexicon_metadata(name)
            predicted: dict[str, list[str | None] | None] = {"stance": None, "sentiment": [by_row.get(i) for i in range(len(texts))]}
        else:
            if train is None:
                raise InputError(f"baseline {name!r} learns from a training split; give train= (the CLI: --train-split or --train-input)")
            fitted = train_baseline(name, train, source=train_source)
            preds = fitted.predict_batch(texts, targets)
            meta = dict(fitted.metadata)
            predicted = {"stance": [p.stance for p in preds], "sentiment": [p.sentiment for p in preds] if fitted.sentiment_labels else None}
        entry: dict[str, Any] = {"model": meta, "predictions": predicted}
        for task, gold in (("stance", gold_stance), ("sentiment", gold_sentiment)):
            pred = predicted[task]
            scores = _scored(gold, pred, task, targets) if pred is not None else None
            if scores:
                entry[task] = scores
        out[name] = entry
    return out


def evaluate_model(
    model: Predictor,
    dataset: Any,
    *,
    corpus: str = "input",
    split: str = "test",
    progress: bool | None = None,
    baselines: Sequence[str] = (),
    train: Any = None,
    train_source: str | None = None,
) -> dict[str, Any]:
    """Predict every row of ``dataset`` (a normalized :class:`datasets.Dataset`) and score the predictions.

    Returns the report dict written by :func:`write_reports`; ``report["predictions"]`` keeps each row's
    text, target, gold and predicted labels and probabilities for later analysis. ``baselines`` are
    scored on the same rows (see :func:`baseline_reports`; ``majority`` and ``tfidf-svm`` learn from
    ``train``, a split named ``train_source``) into ``report["baselines"]``.
    """
    if len(dataset) == 0:
        raise CorpusError(f"{corpus}/{split} has no rows; nothing to evaluate")
    cols = dataset.column_names
    texts, targets = list(dataset["text"]), list(dataset["target"])
    aliases = [tuple(a or ()) for a in dataset["aliases"]] if "aliases" in cols else None
    spans = None
    if "span_start" in cols:
        spans = [(s, e) if s is not None else None for s, e in zip(dataset["span_start"], dataset["span_end"])]
    t0 = time.perf_counter()
    preds = model.predict_batch(texts, targets, aliases, spans=spans, progress=progress)
    seconds = time.perf_counter() - t0
    gold_stance: list[str | None] = list(dataset["stance"]) if "stance" in cols else [None] * len(texts)
    gold_sent: list[str | None] = list(dataset["sentiment"]) if "sentiment" in cols else [None] * len(texts)
    report: dict[str, Any] = {
        "corpus": corpus,
        "split": split,
        "n": len(texts),
        "model": {k: v for k, v in model.metadata.items() if k not in ("config",)},
        "model_config": model.metadata.get("config"),
        "library_version": __version__,
        "predict_seconds": round(seconds, 3),
        "statements_per_second": round(len(texts) / seconds, 1) if seconds else None,
    }
    idx = [i for i, g in enumerate(gold_stance) if g is not None]
    if idx:
        report["stance"] = stance_scores([g for g in gold_stance if g is not None], [preds[i].stance for i in idx], [targets[i] for i in idx])
    # rows with both a gold and a predicted sentiment
    sent_pairs = [(g, p.sentiment) for g, p in zip(gold_sent, preds) if g is not None and p.sentiment is not None]
    if sent_pairs:
        report["sentiment"] = sentiment_scores([g for g, _ in sent_pairs], [s for _, s in sent_pairs])
    report["flags"] = {}
    for p in preds:
        for f in p.flags:
            report["flags"][f] = report["flags"].get(f, 0) + 1
    if idx and report["flags"]:
        report["flag_scores"] = flag_scores([str(gold_stance[i]) for i in idx], [preds[i] for i in idx])
    if baselines:
        report["baselines"] = baseline_reports(baselines, texts, targets, gold_stance, gold_sent, train=train, train_source=train_source)
    report["predictions"] = [
        {
            "text": p.text,
            "target": p.target,
            "gold_stance": gold_stance[i],
            "stance": p.stance,
            "stance_probabilities": dict(p.stance_probabilities),
            "gold_sentiment": gold_sent[i],
            "sentiment": p.sentiment,
            "sentiment_probabilities": dict(p.sentiment_probabilities) if p.sentiment_probabilities else None,
            "flags": list(p.flags),
        }
        for i, p in enumerate(preds)
    ]
    return report


def _fmt(x: Any) -> str:
    return "–" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def _confusion_md(conf: dict[str, Any]) -> list[str]:
    labels = conf["labels"]
    lines = ["| gold \\ predicted | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    for lab, row in zip(labels, conf["matrix"]):
        lines.append(f"| {lab} | " + " | ".join(str(v) for v in row) + " |")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown version of a report from :func:`evaluate_model`."""
    m = report.get("model", {})
    lines = [
        f"# Evaluation: {report['corpus']} / {report['split']}",
        "",
        f"{report['n']:,} statements. Model trained on {', '.join(map(str, m.get('corpora', []))) or 'unknown corpora'}"
        f" (recipe {m.get('recipe', '–')}, stance {m.get('library_version', '?')}, scikit-learn {m.get('sklearn_version', '?')}).",
        f"Prediction took {report['predict_seconds']:.2f} s ({_fmt(report.get('statements_per_second'))} statements/s).",
        "",
    ]
    s = report.get("stance")
    if s:
        lines += [
            "## Stance",
            "",
            "| metric | value |",
            "|---|---|",
            f"| **F_avg** (mean F1 of FAVOR and AGAINST, pooled) | **{_fmt(s['f_avg'])}** |",
            f"| macro F1 | {_fmt(s['macro_f1'])} |",
            f"| accuracy | {_fmt(s['accuracy'])} |",
            "",
            "| label | precision | recall | F1 | support |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {k} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |" for k, v in s["per_label"].items()]
        if s.get("per_target"):
            lines += ["", "| target | n | F_avg | macro F1 | accuracy |", "|---|---|---|---|---|"]
            lines += [f"| {t} | {v['n']} | {v['f_avg']:.2f} | {v['macro_f1']:.2f} | {v['accuracy']:.2f} |" for t, v in s["per_target"].items()]
        lines += ["", "Confusion matrix:", ""] + _confusion_md(s["confusion"]) + [""]
    m2 = report.get("sentiment")
    if m2:
        lines += [
            "## Sentiment",
            "",
            "| metric | value |",
            "|---|---|",
            f"| macro F1 | {_fmt(m2['macro_f1'])} |",
            f"| accuracy | {_fmt(m2['accuracy'])} |",
            f"| mean F1 of positive and negative | {_fmt(m2['f1_pos_neg'])} |",
            f"| macro recall (TweetEval metric) | {_fmt(m2['macro_recall'])} |",
            "",
        ]
        lines += ["Confusion matrix:", ""] + _confusion_md(m2["confusion"]) + [""]
    for name, b in (report.get("baselines") or {}).items():
        if b.get("stance"):
            st = b["stance"]
            lines += [f"Baseline **{name}** (stance, same statements): F_avg {_fmt(st['f_avg'])}, macro F1 {_fmt(st['macro_f1'])}, "
                      f"accuracy {_fmt(st['accuracy'])}", ""]
        if b.get("sentiment"):
            se = b["sentiment"]
            lines += [f"Baseline **{name}** (sentiment, same statements): macro F1 {_fmt(se['macro_f1'])}, "
                      f"accuracy {_fmt(se['accuracy'])}, F1 pos/neg {_fmt(se['f1_pos_neg'])}, macro recall {_fmt(se['macro_recall'])}", ""]
    if report.get("flags"):
        lines += ["Flagged predictions: " + ", ".join(f"{k} {v}" for k, v in sorted(report["flags"].items())), ""]
    if report.get("flag_scores"):
        lines += ["Stance by flag (a statement can carry several flags):", "", "| predictions | n | accuracy | macro F1 |", "|---|---|---|---|"]
        for k, v in report["flag_scores"].items():
            lines.append(f"| {k.replace('_', ' ')} | {v['n']:,} | {_fmt(v['accuracy'])} | {_fmt(v['macro_f1'])} |")
        lines.append("")
    return "\n".join(lines)


def flag_scores(gold: Sequence[str], preds: Sequence[Prediction]) -> dict[str, dict[str, Any]]:
    """Stance accuracy and macro F1 of the predictions without a flag and of those with each flag (gold labels
    aligned with ``preds``), so a report shows how far a flag should lower one's trust."""
    groups: dict[str, list[int]] = {"without_flags": [i for i, p in enumerate(preds) if not p.flags]}
    for i, p in enumerate(preds):
        for f in p.flags:
            groups.setdefault(f, []).append(i)
    out = {}
    for name, rows in groups.items():
        if not rows:
            continue
        g = [gold[i] for i in rows]
        y = [preds[i].stance for i in rows]
        out[name] = {
            "n": len(rows),
            "accuracy": round(100 * sum(a == b for a, b in zip(g, y)) / len(rows), 2),
            "macro_f1": round(100 * float(f1_score(g, y, average="macro", labels=sorted(set(g) | set(y)), zero_division=0)), 2),
        }
    return out


def write_reports(report: dict[str, Any], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``report.json`` (with per-statement predictions) and ``report.md`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md"]
    write_text_replacing(paths[0], json.dumps(report, indent=1, ensure_ascii=False, default=str))
    write_text_replacing(paths[1], render_markdown(report))
    return paths
