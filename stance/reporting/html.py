"""The self-contained HTML evaluation report (``report.html``).

:func:`write_html` turns the report dict of :func:`stance.evaluation.evaluate_model` into one HTML file
with inline CSS, inline SVG charts (:mod:`stance.reporting.svg`) and a small inline script; it loads
nothing from the network or from other files (a Content-Security-Policy forbids it). The statistics
that the JSON report does not hold — bootstrap confidence intervals, calibration bins, the most
confident errors and closest calls — are computed here by :func:`report_statistics`.

The inline script only checks the page: it records script errors, the on-screen size of every
``<svg class="chart">``, the page's width and every table wider than its box (scrolled, so partly
hidden) into ``<pre id="render-check">``, which the browser test reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any


from stance._files import write_text_replacing
from stance.reporting import svg
from stance.reporting.meta import learnt_from, metadata_list, model_items, more_metadata, training_source
from stance.reporting.stats import (
    DEFAULT_RESAMPLES,
    bootstrap_cis,
    calibration_bins,
    expected_calibration_error,
    paired_bootstrap,
    point_metrics,
    resample_indices,
)
from stance.reporting.summary import evaluation_summary
from stance.reporting.text import ABSENT_NOTE, CI_HEAD, ci_text, differs, esc, figure, fmt_ci, marked, nowrap, num

_e = esc
_num = num

__all__ = ["write_html", "render_html", "report_statistics", "page", "fmt_ci", "largest_targets", "metadata_list", "CSS", "MAX_TARGETS"]

STANCE_METRICS = ("f_avg", "macro_f1", "accuracy")
SENTIMENT_METRICS = ("macro_recall", "macro_f1", "accuracy", "f1_pos_neg")
#: The per-class F1 that F_avg averages, shown per target.
_PAIR_F1 = ("f1:FAVOR", "f1:AGAINST")
#: The headline metric of each task.
MAIN_METRIC = {"stance": "f_avg", "sentiment": "macro_recall"}
METRIC_NAMES = {
    "f_avg": "F_avg",
    "macro_f1": "macro F1",
    "accuracy": "accuracy",
    "macro_recall": "macro recall",
    "f1_pos_neg": "F1 pos/neg",
}
METRIC_HELP = {
    "f_avg": "mean F1 of FAVOR and AGAINST, pooled (SemEval-2016's official metric)",
    "macro_f1": "mean F1 over all labels",
    "accuracy": "share of statements labelled correctly",
    "macro_recall": "mean recall over labels (TweetEval's sentiment metric)",
    "f1_pos_neg": "mean F1 of positive and negative",
}
N_EXAMPLES = 10
#: At most this many targets are tabled and charted (those with most statements); the JSON has them all.
MAX_TARGETS = 40

CSS = """
:root{--ink:#222;--muted:#666;--line:#ddd;--bg:#fff;--panel:#f7f7f8;--accent:#0072B2;--bad:#D55E00;--good:#009E73}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px 20px 60px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px;padding-top:10px;border-top:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 8px}
p.lead{color:var(--muted);margin:0 0 12px}
nav{margin:8px 0 0;font-size:13px}nav a{margin-right:14px;color:var(--accent);text-decoration:none}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:170px}
.card .name{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.card .ci{font-size:12px;color:var(--muted)}
.card.main{border-color:var(--accent);border-width:2px}
table{border-collapse:collapse;margin:8px 0 14px;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600;font-size:13px;vertical-align:bottom}
th.num{text-align:right}
td.num{text-align:right;white-space:nowrap}
table.scores th,table.scores td{padding:4px 7px}
.kind{display:block;font-size:11px;color:var(--muted)}
.nw{white-space:nowrap}
td.num .ci{display:block}
td.nowrap{white-space:nowrap}
td.text{max-width:560px}
tr.ref td{background:#eef6fb}
.ci{color:var(--muted);font-size:12px}
.ok{color:var(--good);font-weight:600}.wrong{color:var(--bad);font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:6px 0 12px;display:table}figcaption{display:table-caption;caption-side:bottom;font-size:12px;color:var(--muted);padding-top:4px}
svg.chart{max-width:100%;height:auto;display:block}
svg.chart text{fill:var(--ink)}
p.summary{font-size:15px;line-height:1.55;background:#f2f8fc;border-left:4px solid var(--accent);padding:10px 14px;margin:16px 0 4px;max-width:900px}
p.note{font-size:12px;color:var(--muted);max-width:760px;margin:4px 0 12px}
.na{color:var(--muted)}.differs{border-bottom:1px dotted var(--muted);cursor:help}
ul.kv{margin:0;padding-left:18px}
details{margin:8px 0}details summary{cursor:pointer;color:var(--accent)}
.notice{background:#fff8e5;border:1px solid #f0d68a;border-radius:8px;padding:14px 16px;margin:18px 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;font-size:12px}
footer{margin-top:40px;color:var(--muted);font-size:12px}
.wide{overflow-x:auto}
@media print{nav{display:none}h2{break-before:auto}}
"""

# Records script errors as early as possible; the check at the end of the page writes them out.
_HEAD_SCRIPT = """
window.__reportErrors=[];
window.addEventListener("error",function(e){window.__reportErrors.push(String(e.message||e));});
window.addEventListener("unhandledrejection",function(e){window.__reportErrors.push("unhandled rejection: "+String(e.reason));});
(function(){var orig=console.error;console.error=function(){window.__reportErrors.push(Array.prototype.join.call(arguments," "));return orig.apply(console,arguments);};})();
"""

# Measures every chart and writes the results into <pre id="render-check"> (read by the browser test).
_CHECK_SCRIPT = """
(function(){
  var out={charts:[],errors:window.__reportErrors||[]};
  var charts=document.querySelectorAll("svg.chart");
  for(var i=0;i<charts.length;i++){
    var r=charts[i].getBoundingClientRect();
    var t=charts[i].querySelector("title");
    out.charts.push({title:t?t.textContent:"",width:Math.round(r.width*10)/10,height:Math.round(r.height*10)/10});
  }
  var de=document.documentElement;
  out.page={width:de.scrollWidth,height:de.scrollHeight,viewport:de.clientWidth};
  out.overflow=[];
  var wides=document.querySelectorAll(".wide");
  for(var j=0;j<wides.length;j++){
    var w=wides[j];
    if(w.closest("details:not([open])")){continue;}
    if(w.scrollWidth>w.clientWidth+1){var th=w.querySelector("th");out.overflow.push({first:th?th.textContent:"",width:w.scrollWidth,visible:w.clientWidth});}
  }
  var el=document.getElementById("render-check");
  if(el){el.textContent=JSON.stringify(out);}
  document.body.setAttribute("data-render-check","done");
})();
"""


# ------------------------------------------------------------------------------------------ helpers
def _table(head: Sequence[str], rows: Sequence[Sequence[str]], num_cols: Sequence[int] = (), cls: str = "", row_classes: Sequence[str] | None = None) -> str:
    th = "".join(f'<th class="num">{h}</th>' if i in num_cols else f"<th>{h}</th>" for i, h in enumerate(head))
    body = []
    for r_i, r in enumerate(rows):
        tds = "".join(f'<td class="num">{c}</td>' if i in num_cols else f"<td>{c}</td>" for i, c in enumerate(r))
        rc = f' class="{row_classes[r_i]}"' if row_classes and row_classes[r_i] else ""
        body.append(f"<tr{rc}>{tds}</tr>")
    c = f' class="{cls}"' if cls else ""
    return f'<div class="wide"><table{c}><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{caption}</figcaption></figure>"


def page(title: str, body: str, generator: str = "") -> str:
    """A complete, self-contained HTML document around ``body``."""
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f'<meta name="generator" content="{_e(generator)}">'
        f"<title>{_e(title)}</title><style>{CSS}</style><script>{_HEAD_SCRIPT}</script></head>"
        f'<body><main>{body}</main><pre id="render-check" hidden></pre><script>{_CHECK_SCRIPT}</script></body></html>\n'
    )


# ------------------------------------------------------------------------------------------ statistics
def _task_rows(report: dict[str, Any], task: str) -> list[dict[str, Any]]:
    gold_key = "gold_stance" if task == "stance" else "gold_sentiment"
    prob_key = "stance_probabilities" if task == "stance" else "sentiment_probabilities"
    rows = []
    for i, p in enumerate(report.get("predictions") or []):
        if p.get(gold_key) is None or p.get(task) is None:
            continue
        probs = p.get(prob_key) or {}
        ranked = sorted(probs.values(), reverse=True)
        rows.append(
            {
                "index": i,
                "text": p.get("text", ""),
                "target": p.get("target", ""),
                "gold": p[gold_key],
                "pred": p[task],
                "confidence": probs.get(p[task]) if probs else None,
                "margin": (ranked[0] - ranked[1]) if len(ranked) > 1 else None,
                "probabilities": probs,
            }
        )
    return rows


def _calibration(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    scored = [r for r in rows if r["confidence"] is not None]
    if not scored:
        return None
    conf = [min(1.0, max(0.0, float(r["confidence"]))) for r in scored]
    ok = [r["gold"] == r["pred"] for r in scored]
    return {
        "bins": calibration_bins(conf, ok),
        "ece": expected_calibration_error(conf, ok),
        "correct_confidence": [c for c, o in zip(conf, ok) if o],
        "wrong_confidence": [c for c, o in zip(conf, ok) if not o],
    }


def _examples(rows: list[dict[str, Any]], n: int = N_EXAMPLES) -> dict[str, list[dict[str, Any]]]:
    scored = [r for r in rows if r["confidence"] is not None]
    wrong = sorted((r for r in scored if r["gold"] != r["pred"]), key=lambda r: -r["confidence"])[:n]
    close = sorted((r for r in scored if r["margin"] is not None), key=lambda r: r["margin"])[:n]
    return {"confident_errors": wrong, "closest_calls": close}


def _labels_of(report: dict[str, Any], task: str, gold: list[str], pred: list[str]) -> list[str]:
    labels = list((report.get(task) or {}).get("labels") or sorted(set(gold) | set(pred)))
    return labels + [x for x in sorted(set(gold) | set(pred)) if x not in labels]


def _per_label_stats(gold: list[str], pred: list[str], labels: list[str], cis: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per label: precision and recall (``None`` where undefined), the F1 interval, gold and predicted counts."""
    names = [f"{k}:{lab}" for lab in labels for k in ("precision", "recall")]
    points = point_metrics(gold, pred, names, labels=labels, skip_absent=True)
    return {
        lab: {
            "precision": points[f"precision:{lab}"],
            "recall": points[f"recall:{lab}"],
            "f1": cis[f"f1:{lab}"],
            "gold": gold.count(lab),
            "predicted": pred.count(lab),
        }
        for lab in labels
    }


def _per_target_stats(rows: list[dict[str, Any]], labels: list[str], n_resamples: int, seed: int, confidence: float) -> dict[str, Any]:
    targets = [r["target"] for r in rows]
    out: dict[str, Any] = {}
    for tg in sorted(set(targets)):
        sel = [r for r, x in zip(rows, targets) if x == tg]
        out[tg] = bootstrap_cis(
            [r["gold"] for r in sel], [r["pred"] for r in sel], STANCE_METRICS + _PAIR_F1, labels=labels,
            n_resamples=n_resamples, seed=seed, confidence=confidence, skip_absent=True,
        )
    return out


def _baseline_stats(report: dict[str, Any], task: str, rows: list[dict[str, Any]], metrics: Sequence[str], labels: list[str],
                    n_resamples: int, seed: int, confidence: float) -> dict[str, Any]:
    """Per baseline scoring ``task``: its intervals on the rows it labelled, and the paired bootstrap test
    of the model against it on the rows both labelled."""
    out: dict[str, Any] = {}
    main = MAIN_METRIC[task]
    for name, b in (report.get("baselines") or {}).items():
        bpred = (b.get("predictions") or {}).get(task)
        if not bpred or not b.get(task):
            continue
        both = [r for r in rows if bpred[r["index"]] is not None]
        if not both:
            continue
        gold = [r["gold"] for r in both]
        theirs = [str(bpred[r["index"]]) for r in both]
        labs = labels + [x for x in sorted(set(theirs)) if x not in labels]
        idx = resample_indices(len(both), n_resamples, seed)
        out[name] = {
            "n": len(both),
            "intervals": bootstrap_cis(gold, theirs, metrics, labels=labs, confidence=confidence, indices=idx, skip_absent=True),
            "test": paired_bootstrap(gold, [r["pred"] for r in both], theirs, main, labels=labs, confidence=confidence, indices=idx, skip_absent=True),
        }
    return out


def report_statistics(
    report: dict[str, Any],
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, Any]:
    """Bootstrap intervals, calibration and example tables for a report of :func:`evaluate_model`.

    Every figure here leaves out the classes absent from the gold labels (``skip_absent`` of
    :func:`stance.reporting.stats.metric_from_confusion`): such a class's recall and F1 are ``None``
    ("n/a" on the page) and the averages are over the classes present. Where every class is present
    (as on the whole of a benchmark's test split) the figures equal those of the report.

    Parameters
    ----------
    report : dict
        An evaluation report with ``predictions``.
    n_resamples : int
        Bootstrap resamples for every interval.
    seed : int
        Seed of the resampling (same seed, same intervals).
    confidence : float
        Coverage of the intervals.

    Returns
    -------
    dict
        ``{"stance": {...}, "sentiment": {...}}`` for each task with labelled predictions: ``n``,
        ``intervals`` (per headline metric), ``per_label`` (precision, recall, F1 interval, counts),
        ``per_label_f1``, ``per_target`` (stance: each metric's interval per target) and
        ``per_target_f_avg``, ``baselines`` (per baseline: ``n``, ``intervals``, paired ``test`` of the
        model against it), ``calibration`` (bins, ECE, confidences of correct and wrong predictions) and
        ``examples`` (most confident errors, closest calls).
    """
    out: dict[str, Any] = {"n_resamples": n_resamples, "seed": seed, "confidence": confidence}
    for task, metrics in (("stance", STANCE_METRICS), ("sentiment", SENTIMENT_METRICS)):
        rows = _task_rows(report, task)
        if not rows:
            continue
        gold = [r["gold"] for r in rows]
        pred = [r["pred"] for r in rows]
        labels = _labels_of(report, task, gold, pred)
        idx = resample_indices(len(rows), n_resamples, seed)
        label_metrics = [f"f1:{lab}" for lab in labels]
        cis = bootstrap_cis(gold, pred, list(metrics) + label_metrics, labels=labels, confidence=confidence, indices=idx, skip_absent=True)
        t: dict[str, Any] = {
            "n": len(rows),
            "labels": labels,
            "intervals": {m: cis[m] for m in metrics},
            "per_label": _per_label_stats(gold, pred, labels, cis),
            "per_label_f1": {lab: cis[f"f1:{lab}"] for lab in labels},
        }
        if task == "stance":
            t["per_target"] = _per_target_stats(rows, labels, n_resamples, seed, confidence)
            t["per_target_f_avg"] = {tg: v["f_avg"] for tg, v in t["per_target"].items()}
        t["baselines"] = _baseline_stats(report, task, rows, metrics, labels, n_resamples, seed, confidence)
        t["calibration"] = _calibration(rows)
        t["examples"] = _examples(rows)
        out[task] = t
    return out


# ------------------------------------------------------------------------------------------ sections
def _note(text: str) -> str:
    return f'<p class="note">{text}</p>'


def _cards(scores: dict[str, Any], intervals: dict[str, Any], metrics: Sequence[str], main_metric: str) -> str:
    cards = []
    for m in metrics:
        ci = intervals.get(m) or {}
        v = ci.get("value")
        cls = "card main" if m == main_metric else "card"
        value = marked(v, scores.get(m), 1)
        cards.append(
            f'<div class="{cls}" title="{_e(METRIC_HELP.get(m, m))}"><div class="name">{_e(METRIC_NAMES.get(m, m))}</div>'
            f'<div class="value">{value}</div><div class="ci">{ci_text(ci) if v is not None else "no interval"}</div></div>'
        )
    note = _note(ABSENT_NOTE) if any(differs((intervals.get(m) or {}).get("value"), scores.get(m)) for m in metrics) else ""
    return f'<div class="cards">{"".join(cards)}</div>{note}'


def _per_label(stats: dict[str, Any], task: str) -> str:
    per = stats.get("per_label") or {}
    rows = [
        [_e(lab), figure(v["precision"]), figure(v["recall"]), f"{figure(v['f1']['value'])} {fmt_ci(v['f1'])}", _num(v["gold"]), _num(v["predicted"])]
        for lab, v in per.items()
    ]
    table = _table(["label", "precision", "recall", f"F1 {CI_HEAD}", "gold", "predicted"], rows, num_cols=(1, 2, 3, 4, 5))
    chart = svg.bar_chart(
        [(lab, v["f1"]["value"], v["f1"]["low"], v["f1"]["high"]) for lab, v in per.items()],
        f"{task}: F1 per label with 95% bootstrap intervals",
        width=520,
    )
    note = ""
    if any(v["f1"]["value"] is None or v["precision"] is None for v in per.values()):
        note = _note("n/a: recall and F1 of a label absent from the gold labels, precision of a label never predicted, are "
                     "undefined (0/0); averages leave such a label out.")
    return (f'<h3>Per label</h3><div class="charts"><div>{table}{note}</div>'
            f'{_figure(chart, "F1 per label; whiskers: 95% bootstrap interval.")}</div>')


def largest_targets(per: dict[str, Any], limit: int = MAX_TARGETS) -> tuple[list[str], str]:
    """The targets to show (all, in report order, up to ``limit``; else the ``limit`` with most statements)
    and a note saying how many were left out."""
    if len(per) <= limit:
        return list(per), ""
    keep = sorted(per, key=lambda t: (-int(per[t].get("n", 0)), t))[:limit]
    shown = sum(int(per[t].get("n", 0)) for t in keep)
    total = sum(int(v.get("n", 0)) for v in per.values())
    note = (f'<p class="lead">{len(per):,} targets: showing the {limit} with most statements ({shown:,} of {total:,} statements); '
            "every target is in report.json.</p>")
    return keep, note


def _target_cells(target: str, official: dict[str, Any], mine: dict[str, Any]) -> tuple[list[str], bool]:
    """A per-target row: n, F1 of FAVOR and AGAINST ("n/a" when absent from the target's gold labels),
    F_avg with its interval, macro F1, accuracy; and whether a figure differs from the official one."""
    cells = [_e(target), _num(int(official["n"]))]
    cells += [figure((mine.get(m) or {}).get("value")) for m in _PAIR_F1]
    marks = False
    for m in STANCE_METRICS:
        ci = mine.get(m) or {}
        cells.append(marked(ci.get("value"), official.get(m)) + (f" {fmt_ci(ci)}" if m == "f_avg" else ""))
        marks = marks or differs(ci.get("value"), official.get(m))
    return cells, marks


def _per_target(scores: dict[str, Any], stats: dict[str, Any]) -> tuple[str, str]:
    """The per-target table (with its notes) and the per-target chart (empty without targets)."""
    per_all = scores.get("per_target") or {}
    if not per_all:
        return "", ""
    keep, note = largest_targets(per_all)
    cis = stats.get("per_target") or {}
    rows, marks = [], False
    for t in keep:
        cells, mark = _target_cells(t, per_all[t], cis.get(t) or {})
        rows.append(cells)
        marks = marks or mark
    head = ["target", "n", "F1 FAVOR", "F1 AGAINST", f"F_avg {CI_HEAD}", "macro F1", "accuracy"]
    table = _table(head, rows, num_cols=tuple(range(1, len(head))))
    f_avg = {t: (cis.get(t) or {}).get("f_avg") or {} for t in keep}
    chart = svg.bar_chart(
        [(t, f_avg[t].get("value"), f_avg[t].get("low"), f_avg[t].get("high")) for t in keep],
        "stance: F_avg per target with 95% bootstrap intervals",
        width=640,
    )
    return (
        f"<h3>Per target ({len(per_all):,})</h3>{note}{table}" + (_note(ABSENT_NOTE) if marks else ""),
        _figure(chart, "F_avg of each target's statements; whiskers: 95% bootstrap interval (wide for small targets)."),
    )


def _confusion(scores: dict[str, Any], task: str) -> str:
    conf = scores.get("confusion")
    if not conf:
        return ""
    chart = svg.confusion_heatmap(conf["labels"], conf["matrix"], f"{task}: confusion matrix (rows gold, columns predicted)")
    caption = "Rows: gold label; columns: predicted label. Cell colour: share of the gold row; the diagonal is correct."
    return f"<div><h3>Confusion matrix</h3>{_figure(chart, caption)}</div>"


def _calibration_section(stats: dict[str, Any], task: str) -> str:
    cal = stats.get("calibration")
    if not cal:
        return f"<h3>Calibration</h3><p>The {task} predictions carry no confidence scores.</p>"
    rel = svg.reliability_diagram(cal["bins"], f"{task}: reliability diagram", cal["ece"])
    hist = svg.confidence_histogram(cal["correct_confidence"], cal["wrong_confidence"], f"{task}: confidence histogram")
    rows = [
        [f"{b['low']:.1f}–{b['high']:.1f}", _num(b["count"]), _num(b["confidence"]), _num(b["accuracy"])]
        for b in cal["bins"]
        if b["count"]
    ]
    return (
        f"<h3>Calibration (expected calibration error {_num(cal['ece'])}%)</h3>"
        '<div class="charts">'
        + _figure(rel, "Bars: accuracy of the predictions in each confidence bin; dots: their mean confidence; dashed: perfect calibration. "
                  "ECE: count-weighted mean gap over 10 equal-width bins.")
        + _figure(hist, "Confidence (probability of the predicted label) of correct and wrong predictions.")
        + "</div>"
        + f"<details><summary>The bins as a table</summary>{_table(['confidence', 'n', 'mean confidence', 'accuracy'], rows, num_cols=(1, 2, 3))}</details>"
    )


def _examples_section(stats: dict[str, Any], task: str) -> str:
    ex = stats.get("examples") or {}

    def rows(items: list[dict[str, Any]], with_margin: bool) -> list[list[str]]:
        out = []
        for r in items:
            ok = r["gold"] == r["pred"]
            mark = '<span class="ok">✓</span>' if ok else '<span class="wrong">✗</span>'
            row = [f'<div class="text">{_e(r["text"])}</div>', _e(r["target"]), _e(r["gold"]), nowrap(f"{mark} {_e(r['pred'])}"), _num(r["confidence"])]
            if with_margin:
                row.append(_num(r["margin"], 3))
            out.append(row)
        return out

    parts = []
    errs = ex.get("confident_errors") or []
    parts.append("<h3>Most confident errors</h3>")
    if errs:
        parts.append(_table(["statement", "target", "gold", "predicted", "confidence"], rows(errs, False), num_cols=(4,)))
    else:
        parts.append("<p>No wrong predictions with a confidence score.</p>")
    close = ex.get("closest_calls") or []
    parts.append("<h3>Closest calls</h3><p class=\"lead\">Smallest gap between the two most probable labels.</p>")
    if close:
        parts.append(_table(["statement", "target", "gold", "predicted", "confidence", "margin"], rows(close, True), num_cols=(4, 5)))
    else:
        parts.append("<p>No predictions with probabilities.</p>")
    return "".join(parts)


def _task_section(report: dict[str, Any], stats: dict[str, Any], task: str) -> str:
    scores = report.get(task)
    tstats = stats.get(task)
    if not scores or not tstats:
        return ""
    metrics = STANCE_METRICS if task == "stance" else SENTIMENT_METRICS
    head = f'<h2 id="{task}">{task.capitalize()} <span class="ci">({_num(int(scores["n"]))} statements)</span></h2>'
    parts = [head, _cards(scores, tstats["intervals"], metrics, MAIN_METRIC[task])]
    parts.append(_baselines(report, tstats, task))
    parts.append(_per_label(tstats, task))
    table, chart = _per_target(scores, tstats) if task == "stance" else ("", "")
    parts.append(table)
    parts.append(f'<div class="charts">{chart}{_confusion(scores, task)}</div>')
    parts.append(_calibration_section(tstats, task))
    parts.append(_examples_section(tstats, task))
    return "".join(parts)


def _baselines(report: dict[str, Any], stats: dict[str, Any], task: str) -> str:
    """The model beside the baselines scored on the same rows: a table with intervals and the paired
    test, and a bar chart of the headline metric."""
    base = stats.get("baselines") or {}
    if not base:
        return ""
    metrics = STANCE_METRICS if task == "stance" else SENTIMENT_METRICS
    main = MAIN_METRIC[task]
    systems = [("this model", "model", stats["intervals"], None)]
    systems += [(name, "baseline", b["intervals"], b["test"]) for name, b in base.items()]
    head = ["system", "learnt from"] + [f"{_e(METRIC_NAMES[m])} {CI_HEAD}" for m in metrics] + [f"model − baseline, {METRIC_NAMES[main]} {CI_HEAD}", "p"]
    rows = []
    for name, kind, cis, test in systems:
        meta = report.get("model") if kind == "model" else (report["baselines"][name].get("model") or {})
        cells = [nowrap(f"<strong>{_e(name)}</strong>" if kind == "model" else _e(name)), _e(training_source(meta or {}, with_size=False))]
        cells += [f"{figure(cis[m]['value'])} {fmt_ci(cis[m])}" for m in metrics]
        cells += _test_cells(test)
        rows.append(cells)
    table = _table(head, rows, num_cols=tuple(range(2, len(head))), row_classes=["ref"] + [""] * len(base))
    chart = svg.bar_chart(
        [(name, cis[main]["value"], cis[main]["low"], cis[main]["high"]) for name, _, cis, _ in systems],
        f"{task}: {METRIC_NAMES[main]} of the model and the baselines with 95% bootstrap intervals",
        colors=[svg.PALETTE[0]] + [svg.PALETTE[1]] * len(base),
        width=560,
    )
    caption = (f"{_e(METRIC_NAMES[main])} on the same statements; blue: this model, orange: baselines; whiskers: 95% bootstrap "
               "interval. p: two-sided paired bootstrap test of the difference.")
    return f'<h3 id="{task}-baselines">Beside the baselines</h3>{table}' + _figure(chart, caption)


def _test_cells(test: dict[str, Any] | None) -> list[str]:
    if test is None:
        return ["", ""]
    if test.get("delta") is None:
        return [figure(None), ""]
    return [f"{test['delta']:+.2f} <span class=\"ci\">[{test['low']:+.1f}, {test['high']:+.1f}]</span>", f"{test['p_value']:.3f}"]


_MODEL_FIRST = ("corpora", "training_corpora", "recipe", "n_train", "stance_labels", "sentiment_labels", "library_version",
                "saved_with_library_version", "sklearn_version", "train_seconds", "weights_sha256", "weights_bytes")


def _model_section(report: dict[str, Any]) -> str:
    m = report.get("model") or {}
    items = model_items(m, _MODEL_FIRST)
    items += [
        ("evaluated with stance", report.get("library_version")),
        ("prediction time (s)", report.get("predict_seconds")),
        ("statements per second", report.get("statements_per_second")),
    ]
    config = report.get("model_config")
    cfg = f"<h3>Training configuration</h3><pre>{_e(json.dumps(config, indent=1, sort_keys=True))}</pre>" if config else ""
    return '<h2 id="model">Model</h2>' + metadata_list(items) + more_metadata(m) + cfg


def _flags(report: dict[str, Any]) -> str:
    flags = report.get("flags") or {}
    if not flags:
        return ""
    scores = report.get("flag_scores") or {}
    if not scores:
        rows = [[_e(k), _num(int(v))] for k, v in sorted(flags.items())]
        return "<h3>Flagged predictions</h3>" + _table(["flag", "statements"], rows, num_cols=(1,))
    rows = [[_e(k.replace("_", " ")), _num(int(v["n"])), _num(v["accuracy"]), _num(v["macro_f1"])] for k, v in scores.items()]
    return "<h3>Flagged predictions</h3>" + _table(["predictions", "statements", "stance accuracy", "stance macro F1"], rows, num_cols=(1, 2, 3))


def empty_notice(corpus: str, split: str) -> str:
    """The page body's message for a split with nothing to score."""
    return (
        f'<div class="notice" id="empty-notice"><strong>Nothing to score:</strong> {_e(corpus)} / {_e(split)} has no statements with gold '
        "labels, so no metric, interval or chart can be computed. Check the split name (<code>--split</code>) and that the file has a "
        "stance or sentiment column with labels.</div>"
    )


def _lead(report: dict[str, Any], stats: dict[str, Any]) -> str:
    m = report.get("model") or {}
    n = int(report.get("n") or 0)
    what = f"Baseline {_e(m['baseline'])}" if m.get("baseline") else "Model"
    recipe = f"recipe {_e(m['recipe'])}, " if m.get("recipe") else ""
    versions = "".join(f"; {name} {_e(m[k])}" for name, k in (("stance", "library_version"), ("scikit-learn", "sklearn_version")) if m.get(k))
    return (f'<p class="lead">{n:,} statements. {what}: {recipe}{_e(learnt_from(m))}{versions}. '
            f"Intervals: 95% percentile bootstrap over statements, {stats['n_resamples']:,} resamples.</p>")


def _nav(stats: dict[str, Any]) -> str:
    links = [(task, task.capitalize()) for task in ("stance", "sentiment") if stats.get(task)]
    with_baselines = [task for task, _ in links if stats[task].get("baselines")]
    if with_baselines:
        links.append((f"{with_baselines[0]}-baselines", "Baselines"))
    links.append(("model", "Model"))
    return "".join(f'<a href="#{k}">{v}</a>' for k, v in links)


def render_html(report: dict[str, Any], *, n_resamples: int = DEFAULT_RESAMPLES, seed: int = 0, stats: dict[str, Any] | None = None) -> str:
    """The HTML text of an evaluation report.

    Parameters
    ----------
    report : dict
        The report of :func:`stance.evaluation.evaluate_model`.
    n_resamples : int
        Bootstrap resamples for the confidence intervals.
    seed : int
        Seed of the resampling.
    stats : dict, optional
        Precomputed :func:`report_statistics` (computed when omitted).
    """
    from stance._version import __version__

    corpus, split = str(report.get("corpus", "input")), str(report.get("split", "?"))
    stats = stats if stats is not None else report_statistics(report, n_resamples=n_resamples, seed=seed)
    body = [
        f"<header><h1>Evaluation: {_e(corpus)} / {_e(split)}</h1>",
        _lead(report, stats),
        f"<nav>{_nav(stats)}</nav></header>",
        evaluation_summary(report, stats),
    ]
    if not stats.get("stance") and not stats.get("sentiment"):
        body.append(empty_notice(corpus, split))
    body.append(_task_section(report, stats, "stance"))
    body.append(_task_section(report, stats, "sentiment"))
    body.append(_flags(report))
    body.append(_model_section(report))
    body.append(f"<footer>Written by stance {_e(__version__)}. Self-contained: no network access, no external files.</footer>")
    return page(f"Evaluation: {corpus} / {split}", "".join(body), f"stance {__version__}")


def write_html(
    report: dict[str, Any],
    out_dir: str | os.PathLike[str],
    *,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    filename: str = "report.html",
) -> Path:
    """Write ``report.html`` for an evaluation report into ``out_dir`` and return its path.

    See :func:`render_html` for the options.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / filename
    write_text_replacing(path, render_html(report, n_resamples=n_resamples, seed=seed))
    return path
