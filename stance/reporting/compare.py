"""Side-by-side comparison of models and baselines on the same statements (``stance compare``).

Every system predicts the same split; each is scored by the same functions as ``stance evaluate``
(:func:`stance.evaluation.stance_scores` / :func:`~stance.evaluation.sentiment_scores`), so its figures
equal those of evaluating it alone. All systems share one set of bootstrap resamples, and each is tested
against the reference with a paired bootstrap test (:func:`stance.reporting.stats.paired_bootstrap`).
Published results for the corpus (``published.json``) are listed with their citations.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from stance._files import write_text_replacing
from stance.exceptions import CorpusError, InputError
from stance.reporting import svg
from stance.reporting.html import (
    MAIN_METRIC,
    METRIC_HELP,
    METRIC_NAMES,
    SENTIMENT_METRICS,
    STANCE_METRICS,
    _table,
    empty_notice,
    largest_targets,
    page,
)
from stance.reporting.meta import learnt_from, metadata_list, model_items, training_source
from stance.reporting.stats import (
    DEFAULT_RESAMPLES,
    bootstrap_cis,
    expected_calibration_error,
    paired_bootstrap,
    point_metrics,
    resample_indices,
)
from stance.reporting.summary import comparison_summary
from stance.reporting.text import ABSENT_NOTE, CI_HEAD, differs, figure, fmt_ci, marked
from stance.reporting.text import num as _num

__all__ = [
    "Systems",
    "name_systems",
    "compare_systems",
    "system_name",
    "PUBLISHED_FILE",
    "published_results",
    "compare_reports",
    "system_report",
    "render_comparison_markdown",
    "render_comparison_html",
    "write_comparison",
]

#: The table of published results (figure, metric, split, citation per row).
PUBLISHED_FILE = Path(__file__).resolve().parent / "published.json"

TASK_METRICS = {"stance": STANCE_METRICS, "sentiment": SENTIMENT_METRICS}


def published_results(corpus: str | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """Rows of the published-results table, optionally only those of ``corpus`` (and ``split``).

    Each row has ``corpus``, ``split``, ``task``, ``metric``, ``system``, ``figure`` (percent),
    ``citation`` and ``note``.
    """
    rows = json.loads(PUBLISHED_FILE.read_text(encoding="utf-8"))["rows"]
    return [r for r in rows if (corpus is None or r["corpus"] == corpus) and (split is None or r["split"] == split)]


def system_report(
    name: str,
    dataset: Any,
    *,
    corpus: str = "input",
    split: str = "test",
) -> dict[str, Any]:
    """The report of a sentiment-only baseline (``vader``, ``textblob``) on ``dataset``, shaped like
    :func:`stance.evaluation.evaluate_model`'s (no stance part)."""
    from stance.baselines import SENTIMENT_BASELINES, lexicon_metadata
    from stance.evaluation import sentiment_scores

    if name not in SENTIMENT_BASELINES:
        raise InputError(f"unknown sentiment baseline {name!r}; choose one of {', '.join(SENTIMENT_BASELINES)}")
    texts = list(dataset["text"])
    gold: list[str | None] = list(dataset["sentiment"]) if "sentiment" in dataset.column_names else [None] * len(texts)
    t0 = time.perf_counter()
    pred = SENTIMENT_BASELINES[name](texts)
    seconds = time.perf_counter() - t0
    idx = [i for i, g in enumerate(gold) if g is not None]
    report: dict[str, Any] = {
        "corpus": corpus,
        "split": split,
        "n": len(texts),
        "model": lexicon_metadata(name),
        "predict_seconds": round(seconds, 3),
    }
    if idx:
        report["sentiment"] = sentiment_scores([g for g in gold if g is not None], [pred[i] for i in idx])
    report["predictions"] = [
        {"text": t, "target": g, "gold_stance": None, "stance": None, "stance_probabilities": None,
         "gold_sentiment": gold[i], "sentiment": pred[i], "sentiment_probabilities": None, "flags": []}
        for i, (t, g) in enumerate(zip(texts, dataset["target"]))
    ]
    return report


def _ece(preds: list[dict[str, Any]], task: str, rows: list[int]) -> float | None:
    gold_key, prob_key = ("gold_stance", "stance_probabilities") if task == "stance" else ("gold_sentiment", "sentiment_probabilities")
    conf, ok = [], []
    for i in rows:
        p = preds[i]
        probs = p.get(prob_key)
        if not probs or p.get(task) not in probs:
            return None
        conf.append(min(1.0, max(0.0, float(probs[p[task]]))))
        ok.append(p[task] == p[gold_key])
    return expected_calibration_error(conf, ok) if conf else None


def compare_reports(
    reports: dict[str, dict[str, Any]],
    *,
    reference: str,
    kinds: dict[str, str] | None = None,
    sources: dict[str, str] | None = None,
    corpus: str = "input",
    split: str = "test",
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    published: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Combine per-system reports of the same statements into one comparison.

    Parameters
    ----------
    reports : dict
        System name to its report (from :func:`stance.evaluation.evaluate_model` or :func:`system_report`),
        all on the same rows in the same order.
    reference : str
        The system every other one is tested against.
    kinds, sources : dict, optional
        Per system: ``"model"`` or ``"baseline"``, and where it came from (built-in name, path).
    n_resamples, seed : int
        Bootstrap resamples (shared by every system) and their seed.
    published : list of dict, optional
        Rows of :func:`published_results` to list.

    Returns
    -------
    dict
        ``kind="comparison"``, ``systems`` (scores, intervals, ECE, metadata per system), ``tests`` (paired
        bootstrap of each system against the reference, per task and metric), ``published``,
        ``statements`` and each system's ``predictions``.
    """
    from stance._version import __version__

    if not reports:
        raise InputError("nothing to compare: give at least one --model or --baseline")
    if reference not in reports:
        raise InputError(f"reference {reference!r} is not one of the compared systems {list(reports)}; pass --reference with one of them")
    kinds = kinds or {}
    sources = sources or {}
    first = next(iter(reports.values()))
    statements = [
        {"text": p["text"], "target": p["target"], "gold_stance": p["gold_stance"], "gold_sentiment": p["gold_sentiment"]}
        for p in first.get("predictions") or []
    ]
    for name, rep in reports.items():
        if len(rep.get("predictions") or []) != len(statements):
            raise InputError(f"system {name!r} has {len(rep.get('predictions') or [])} predictions but the split has {len(statements)}; compare on the same rows")
    out: dict[str, Any] = {
        "kind": "comparison",
        "corpus": corpus,
        "split": split,
        "n": len(statements),
        "reference": reference,
        "n_resamples": n_resamples,
        "seed": seed,
        "library_version": __version__,
        "systems": {},
        "tests": {},
        "published": published or [],
        "averages": "intervals and tests leave out a class absent from the gold labels (its F1 is n/a) and average over the classes present",
    }
    task_rows = {
        "stance": [i for i, s in enumerate(statements) if s["gold_stance"] is not None],
        "sentiment": [i for i, s in enumerate(statements) if s["gold_sentiment"] is not None],
    }
    indices = {t: resample_indices(len(r), n_resamples, seed) for t, r in task_rows.items() if r}
    preds_of: dict[str, dict[str, list[Any]]] = {}
    for name, rep in reports.items():
        preds = rep["predictions"]
        sysd: dict[str, Any] = {
            "name": name,
            "kind": kinds.get(name, "model"),
            "source": sources.get(name, name),
            "model": rep.get("model") or {},
            "model_config": rep.get("model_config"),
            "predict_seconds": rep.get("predict_seconds"),
            "intervals": {},
            "ece": {},
        }
        preds_of[name] = {}
        for task in ("stance", "sentiment"):
            rows = task_rows[task]
            scores = rep.get(task)
            if not rows or not scores or any(preds[i][task] is None for i in rows):
                continue
            gold = [statements[i][f"gold_{task}"] for i in rows]
            pred = [preds[i][task] for i in rows]
            preds_of[name][task] = pred
            sysd[task] = scores
            labels = list(scores["labels"])
            sysd["intervals"][task] = bootstrap_cis(gold, pred, TASK_METRICS[task], labels=labels, indices=indices[task], skip_absent=True)
            sysd["ece"][task] = _ece(preds, task, rows)
        out["systems"][name] = sysd
    for task in ("stance", "sentiment"):
        if task not in preds_of[reference]:
            continue
        rows = task_rows[task]
        gold = [statements[i][f"gold_{task}"] for i in rows]
        labels = sorted(set(gold) | {x for v in preds_of.values() for x in v.get(task, [])})
        tests = []
        for name, pv in preds_of.items():
            if name == reference or task not in pv:
                continue
            for metric in TASK_METRICS[task]:
                r = paired_bootstrap(gold, pv[task], preds_of[reference][task], metric, labels=labels, indices=indices[task], skip_absent=True)
                tests.append({"system": name, "reference": reference, **r})
        out["tests"][task] = tests
    out["statements"] = statements
    out["predictions"] = {name: {t: v for t, v in pv.items()} for name, pv in preds_of.items()}
    return out


def _test_of(comp: dict[str, Any], task: str, system: str, metric: str) -> dict[str, Any] | None:
    for t in comp.get("tests", {}).get(task, []):
        if t["system"] == system and t["metric"] == metric:
            return t
    return None


def _systems_with(comp: dict[str, Any], task: str) -> list[dict[str, Any]]:
    return [s for s in comp["systems"].values() if task in s]


def _value(system: dict[str, Any], task: str, metric: str) -> float | None:
    """The system's figure as the page shows it: over the classes present in the gold labels."""
    return (system["intervals"][task].get(metric) or {}).get("value")


def _per_target_values(comp: dict[str, Any], system: dict[str, Any]) -> dict[str, float | None]:
    """F_avg of each target over the classes present in that target's gold labels (``None``: none present)."""
    preds = (comp.get("predictions") or {}).get(system["name"], {}).get("stance")
    rows = [s for s in comp.get("statements") or [] if s["gold_stance"] is not None]
    if not preds or len(preds) != len(rows):
        return {}
    by_target: dict[str, tuple[list[str], list[str]]] = {}
    for r, p in zip(rows, preds):
        g, q = by_target.setdefault(r["target"], ([], []))
        g.append(r["gold_stance"])
        q.append(p)
    return {t: point_metrics(g, q, ("f_avg",), skip_absent=True)["f_avg"] for t, (g, q) in by_target.items()}


# ------------------------------------------------------------------------------------------ markdown
def _md_ci(ci: dict[str, Any] | None) -> str:
    return f" [{ci['low']:.1f}, {ci['high']:.1f}]" if ci and ci.get("low") is not None else ""


def render_comparison_markdown(comp: dict[str, Any]) -> str:
    """The comparison as Markdown: a table per task with intervals and paired tests, per-target
    F_avg, and the published results with citations."""
    ref = comp["reference"]
    lines = [
        f"# Comparison: {comp['corpus']} / {comp['split']}",
        "",
        f"{comp['n']:,} statements, {len(comp['systems'])} systems, reference **{ref}**. Intervals: 95% percentile bootstrap, "
        f"{comp['n_resamples']:,} resamples shared by all systems; p: paired bootstrap test against the reference (two-sided).",
        "",
    ]
    if not comp["n"] or not any(_systems_with(comp, t) for t in ("stance", "sentiment")):
        lines += [f"**Nothing to score:** {comp['corpus']} / {comp['split']} has no statements with gold labels.", ""]
    for task in ("stance", "sentiment"):
        systems = _systems_with(comp, task)
        if not systems:
            continue
        metrics = TASK_METRICS[task]
        main = MAIN_METRIC[task]
        lines += [f"## {task.capitalize()}", ""]
        head = ["system", "kind"] + [METRIC_NAMES[m] + " [95% CI]" for m in metrics] + ["ECE", f"Δ {METRIC_NAMES[main]} vs {ref} [95% CI]", "p"]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for s in systems:
            cells = [f"**{s['name']}**" if s["name"] == ref else s["name"], s["kind"]]
            for m in metrics:
                v = _value(s, task, m)
                mark = "†" if differs(v, s[task].get(m)) else ""
                cells.append("n/a" if v is None else f"{v:.2f}{mark}{_md_ci(s['intervals'][task].get(m))}")
            ece = s["ece"].get(task)
            cells.append("–" if ece is None else f"{ece:.2f}")
            t = _test_of(comp, task, s["name"], main)
            if t and t["delta"] is not None:
                cells += [f"{t['delta']:+.2f} [{t['low']:+.1f}, {t['high']:+.1f}]", f"{t['p_value']:.3f}"]
            else:
                cells += ["reference" if s["name"] == ref else "n/a" if t else "–", ""]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        if task == "stance":
            lines += _md_per_target(comp, systems)
    pub = comp.get("published") or []
    lines += ["## Published results", ""]
    if pub:
        lines += ["| system | figure | metric | split | citation | note |", "|---|---|---|---|---|---|"]
        for r in pub:
            lines.append(f"| {r['system']} | {r['figure']:.2f} | {METRIC_NAMES.get(r['metric'], r['metric'])} | {r['corpus']} / {r['split']} | {r['citation']} | {r.get('note', '')} |")
    else:
        lines.append(f"No published results for {comp['corpus']} / {comp['split']} in the table.")
    lines += ["", "## Systems", ""]
    for s in comp["systems"].values():
        meta = s.get("model") or {}
        versions = "".join(f", {name} {meta[k]}" for name, k in (("stance", "library_version"), ("scikit-learn", "sklearn_version")) if meta.get(k))
        lines.append(f"- **{s['name']}** ({s['kind']}, {s['source']}): recipe {meta.get('recipe', '–')}, {learnt_from(meta)}{versions}")
    return "\n".join(lines) + "\n"


def _target_sizes(systems: list[dict[str, Any]]) -> dict[str, Any]:
    sizes: dict[str, Any] = {}
    for s in systems:
        for t, v in (s["stance"].get("per_target") or {}).items():
            sizes.setdefault(t, v)
    return sizes


def _target_table(comp: dict[str, Any], systems: list[dict[str, Any]], targets: list[str]) -> tuple[list[list[tuple[float | None, float | None]]], bool]:
    """Per target and system: (F_avg over the classes present, official F_avg); and whether any differ."""
    values = [_per_target_values(comp, s) for s in systems]
    table = [[(v.get(tg), (s["stance"].get("per_target") or {}).get(tg, {}).get("f_avg")) for s, v in zip(systems, values)] for tg in targets]
    return table, any(differs(a, b) for row in table for a, b in row)


def _md_cell(value: float | None, official: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}" + ("†" if differs(value, official) else "")


def _md_per_target(comp: dict[str, Any], systems: list[dict[str, Any]]) -> list[str]:
    sizes = _target_sizes(systems)
    targets = sorted(sizes)
    if not targets:
        return []
    table, marks = _target_table(comp, systems, targets)
    lines = ["F_avg per target:", "", "| target | n | " + " | ".join(s["name"] for s in systems) + " |", "|---|---|" + "---|" * len(systems)]
    for tg, row in zip(targets, table):
        lines.append(f"| {tg} | {sizes[tg]['n']} | " + " | ".join(_md_cell(a, b) for a, b in row) + " |")
    return lines + ([""] + [ABSENT_NOTE] if marks else []) + [""]


# ------------------------------------------------------------------------------------------ html
def _e(x: Any) -> str:
    return escape(str(x))


def _system_cells(comp: dict[str, Any], s: dict[str, Any], task: str) -> list[str]:
    ref, main = comp["reference"], MAIN_METRIC[task]
    name = f"<strong>{_e(s['name'])}</strong>" if s["name"] == ref else _e(s["name"])
    cells = [f'{name}<span class="kind">{_e(s["kind"])}</span>']
    for m in TASK_METRICS[task]:
        ci = s["intervals"][task].get(m)
        cells.append(f"{marked(_value(s, task, m), s[task].get(m))} {fmt_ci(ci)}")
    cells.append(_num(s["ece"].get(task)))
    t = _test_of(comp, task, s["name"], main)
    if t and t["delta"] is not None:
        cells += [f"{t['delta']:+.2f} <span class=\"ci\">[{t['low']:+.1f}, {t['high']:+.1f}]</span>", f"{t['p_value']:.3f}"]
    else:
        cells += ["reference" if s["name"] == ref else figure(None) if t else "–", ""]
    return cells


def _scores_table(comp: dict[str, Any], systems: list[dict[str, Any]], task: str) -> str:
    ref, main = comp["reference"], MAIN_METRIC[task]
    head = ["system"] + [f'<span title="{_e(METRIC_HELP[m])}">{_e(METRIC_NAMES[m])}</span> {CI_HEAD}' for m in TASK_METRICS[task]]
    head += ["ECE", f"Δ {_e(METRIC_NAMES[main])} vs {_e(ref)} {CI_HEAD}", "p"]
    rows = [_system_cells(comp, s, task) for s in systems]
    classes = ["ref" if s["name"] == ref else "" for s in systems]
    marks = any(differs(_value(s, task, m), s[task].get(m)) for s in systems for m in TASK_METRICS[task])
    note = f'<p class="note">{ABSENT_NOTE}</p>' if marks else ""
    return _table(head, rows, num_cols=tuple(range(1, len(head))), cls="scores", row_classes=classes) + note


def _charts(comp: dict[str, Any], systems: list[dict[str, Any]], task: str) -> str:
    ref, main = comp["reference"], MAIN_METRIC[task]
    colors = [svg.PALETTE[0] if s["kind"] == "model" else svg.PALETTE[1] for s in systems]
    bars = svg.bar_chart(
        [(s["name"], _value(s, task, main), s["intervals"][task][main]["low"], s["intervals"][task][main]["high"]) for s in systems],
        f"{task}: {METRIC_NAMES[main]} per system with 95% bootstrap intervals",
        colors=colors,
        width=500,
    )
    tests = [t for t in comp.get("tests", {}).get(task, []) if t["metric"] == main and t["delta"] is not None]
    forest = svg.forest_plot(
        [(t["system"], t["delta"], t["low"], t["high"], t["p_value"]) for t in tests],
        f"{task}: difference in {METRIC_NAMES[main]} against {ref} (paired bootstrap)",
        width=500,
    )
    return (
        '<div class="charts">'
        f"<figure>{bars}<figcaption>{_e(METRIC_NAMES[main])}; blue: models, orange: baselines; whiskers: 95% bootstrap interval.</figcaption></figure>"
        f"<figure>{forest}<figcaption>Difference from the reference {_e(ref)} in points, with its 95% paired-bootstrap interval; "
        "solid lines exclude zero.</figcaption></figure></div>"
    )


def _per_target_html(comp: dict[str, Any], systems: list[dict[str, Any]]) -> str:
    sizes = _target_sizes(systems)
    targets, note = largest_targets(sizes)
    if not targets:
        return ""
    table, marks = _target_table(comp, systems, targets)
    rows = [[_e(tg), _num(int(sizes[tg]["n"]))] + [marked(a, b) for a, b in row] for tg, row in zip(targets, table)]
    html = f"<h3>F_avg per target ({len(sizes):,})</h3>{note}"
    html += _table(["target", "n"] + [_e(s["name"]) for s in systems], rows, num_cols=tuple(range(1, len(systems) + 2)))
    return html + (f'<p class="note">{ABSENT_NOTE}</p>' if marks else "")


def _task_html(comp: dict[str, Any], task: str) -> str:
    systems = _systems_with(comp, task)
    if not systems:
        return ""
    n_task = systems[0][task]["n"]
    parts = [
        f'<h2 id="{task}">{task.capitalize()} <span class="ci">({n_task:,} statements)</span></h2>',
        _scores_table(comp, systems, task),
        _charts(comp, systems, task),
    ]
    if task == "stance":
        parts.append(_per_target_html(comp, systems))
    heat = []
    for s in systems:
        conf = s[task]["confusion"]
        chart = svg.confusion_heatmap(conf["labels"], conf["matrix"], f"{task}: confusion matrix of {s['name']}")
        heat.append(f"<figure>{chart}<figcaption>{_e(s['name'])}</figcaption></figure>")
    parts.append(f'<h3>Confusion matrices</h3><div class="charts">{"".join(heat)}</div>')
    return "".join(parts)


def _published_html(comp: dict[str, Any]) -> str:
    pub = comp.get("published") or []
    parts = ['<h2 id="published">Published results</h2>']
    if not pub:
        parts.append(f"<p>No published results for {_e(comp['corpus'])} / {_e(comp['split'])} in the table.</p>")
        return "".join(parts)
    rows = [
        [_e(r["system"]), _num(r["figure"]), _e(METRIC_NAMES.get(r["metric"], r["metric"])), _e(f"{r['corpus']} / {r['split']}"), _e(r["citation"]), _e(r.get("note", ""))]
        for r in pub
    ]
    parts.append(_table(["system", "figure", "metric", "split", "citation", "note"], rows, num_cols=(1,)))
    for task in ("stance", "sentiment"):
        metric = next((r["metric"] for r in pub if r["task"] == task), None)
        if metric is None:
            continue
        bars: list[tuple[str, float | None, float | None, float | None]] = []
        colors = []
        for s in _systems_with(comp, task):
            ci = s["intervals"][task].get(metric)
            if ci and ci["value"] is not None:
                bars.append((f"{s['name']} (this run)", ci["value"], ci["low"], ci["high"]))
                colors.append(svg.PALETTE[0] if s["kind"] == "model" else svg.PALETTE[1])
        for r in pub:
            if r["task"] == task and r["metric"] == metric:
                bars.append((f"{r['system']} (published)", r["figure"], None, None))
                colors.append(svg.PALETTE[5])
        chart = svg.bar_chart(bars, f"{task}: this run beside published {METRIC_NAMES.get(metric, metric)}", colors=colors, width=640)
        parts.append(
            f"<figure>{chart}<figcaption>Dark blue: models of this run, orange: baselines of this run (with 95% intervals); light blue: "
            "published figures on the same test split (see the notes for differences in protocol).</figcaption></figure>"
        )
    return "".join(parts)


_SYSTEM_FIRST = ("recipe", "fitted_on", "label_counts", "corpora", "n_train", "library_version", "sklearn_version", "weights_sha256")
_SYSTEM_SHOWN = (*_SYSTEM_FIRST, "license_note", "training_data_licenses")


def _systems_html(comp: dict[str, Any]) -> str:
    parts = ['<h2 id="systems">Systems</h2>']
    for s in comp["systems"].values():
        m = s.get("model") or {}
        items = [("kind", s["kind"]), ("source", s["source"]), ("learnt from", training_source(m))]
        items += model_items({k: v for k, v in m.items() if k in _SYSTEM_SHOWN and k not in ("corpora", "n_train", "fitted_on")}, _SYSTEM_FIRST)
        items.append(("prediction time (s)", s.get("predict_seconds")))
        parts.append(f"<h3>{_e(s['name'])}</h3>{metadata_list(items)}")
    return "".join(parts)


def render_comparison_html(comp: dict[str, Any]) -> str:
    """The comparison as a self-contained HTML page (same layout rules as ``report.html``)."""
    from stance._version import __version__

    corpus, split = comp["corpus"], comp["split"]
    body = [
        f"<header><h1>Comparison: {_e(corpus)} / {_e(split)}</h1>",
        f'<p class="lead">{comp["n"]:,} statements, {len(comp["systems"])} systems, reference <strong>{_e(comp["reference"])}</strong>. '
        f"Intervals: 95% percentile bootstrap over statements, {comp['n_resamples']:,} resamples shared by all systems; "
        "p: two-sided paired bootstrap test of the difference from the reference.</p>",
        "<nav>"
        + "".join(f'<a href="#{t}">{t.capitalize()}</a>' for t in ("stance", "sentiment") if _systems_with(comp, t))
        + '<a href="#published">Published results</a><a href="#systems">Systems</a></nav></header>',
        comparison_summary(comp),
    ]
    if not comp["n"] or not any(_systems_with(comp, t) for t in ("stance", "sentiment")):
        body.append(empty_notice(corpus, split))
    body += [_task_html(comp, "stance"), _task_html(comp, "sentiment"), _published_html(comp), _systems_html(comp)]
    body.append(f"<footer>Written by stance {_e(__version__)}. Self-contained: no network access, no external files.</footer>")
    return page(f"Comparison: {corpus} / {split}", "".join(body), f"stance {__version__}")


def write_comparison(comp: dict[str, Any], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` of a comparison into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.html"]
    write_text_replacing(paths[0], json.dumps(comp, indent=1, ensure_ascii=False, default=str))
    write_text_replacing(paths[1], render_comparison_markdown(comp))
    write_text_replacing(paths[2], render_comparison_html(comp))
    return paths


def check_split(dataset: Any, corpus: str, split: str) -> None:
    """Raise a clear :class:`CorpusError` for a split without rows."""
    if len(dataset) == 0:
        raise CorpusError(f"{corpus}/{split} has no rows; nothing to compare (choose another --split)")

@dataclass(frozen=True)
class Systems:
    """The systems of a comparison, in order: ``(name, kind, spec)`` with kind ``model`` or ``baseline``, and the
    name of the reference the others are compared with."""

    entries: tuple[tuple[str, str, str], ...]
    reference: str


def system_name(spec: str, taken: set[str]) -> str:
    """A short unique name for a model given by built-in name or path (the file stem for a path)."""
    from stance.api import BUILTIN_MODELS

    base = spec if spec in BUILTIN_MODELS and not Path(spec).exists() else Path(spec).stem or spec
    name, k = base, 2
    while name in taken:
        name, k = f"{base}-{k}", k + 1
    return name


def name_systems(models: Sequence[str], baselines: Sequence[str], reference: str | None = None) -> Systems:
    """Name the compared systems (a model by its built-in name or its file's stem, made unique; a baseline by its
    name) and find the reference (a name or a model's spec; default: the first system).

    Raises :class:`~stance.exceptions.InputError` for nothing to compare, a baseline given twice or clashing with a
    model's name, and a reference that is none of the systems."""
    if not models and not baselines:
        raise InputError("nothing to compare: give at least one --model NAME_OR_PATH or --baseline NAME")
    taken: set[str] = set()
    entries: list[tuple[str, str, str]] = []
    for spec in models:
        n = system_name(spec, taken)
        taken.add(n)
        entries.append((n, "model", spec))
    for b in baselines:
        if b in taken:
            raise InputError(f"--baseline {b} is given twice (or clashes with a model named {b!r}); give each system once")
        taken.add(b)
        entries.append((b, "baseline", b))
    ref = reference or entries[0][0]
    if ref not in taken:
        specs = {spec: n for n, _, spec in entries}
        if ref not in specs:
            raise InputError(f"--reference {reference!r} is not one of the compared systems: {', '.join(n for n, _, _ in entries)}")
        ref = specs[ref]
    return Systems(tuple(entries), ref)


def compare_systems(systems: Systems, dataset: Any, train: Any = None, *, corpus: str, split: str, train_source: str = "",
                    train_split: str = "train", allow_pickle: bool = False, n_resamples: int = 1000, seed: int = 0,
                    published: Sequence[dict[str, Any]] = (), progress: Any = None) -> dict[str, Any]:
    """Score every system on ``dataset`` (models loaded, lexicon baselines run, trained baselines fitted on ``train``)
    and compare them with the reference (:func:`compare_reports`); ``progress(name)`` is called before each."""
    from stance.api import load
    from stance.baselines import SENTIMENT_BASELINES, train_baseline
    from stance.evaluation import evaluate_model

    reports: dict[str, dict[str, Any]] = {}
    for name, kind, spec in systems.entries:
        if progress is not None:
            progress(name)
        if kind == "model":
            reports[name] = evaluate_model(load(spec, allow_pickle=allow_pickle), dataset, corpus=corpus, split=split)
        elif spec in SENTIMENT_BASELINES:
            reports[name] = system_report(spec, dataset, corpus=corpus, split=split)
        else:
            try:
                baseline = train_baseline(spec, train, source=train_source)
            except InputError as exc:
                raise InputError(f"baseline {spec!r} on {corpus!r} split {train_split!r}: {exc}") from None
            reports[name] = evaluate_model(baseline, dataset, corpus=corpus, split=split)
    return compare_reports(
        reports, reference=systems.reference, kinds={n: k for n, k, _ in systems.entries},
        sources={n: s for n, _, s in systems.entries}, corpus=corpus, split=split, n_resamples=n_resamples, seed=seed,
        published=list(published),
    )
