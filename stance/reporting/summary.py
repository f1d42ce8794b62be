"""The plain-language summary paragraph at the top of each HTML report.

It says what was evaluated, gives the headline score with its interval, how it compares with the best
baseline (by the paired bootstrap test), and the main weakness (the worst class and target).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stance.reporting.meta import learnt_from
from stance.reporting.text import ci_text, esc

__all__ = ["evaluation_summary", "comparison_summary", "MIN_TARGET_STATEMENTS"]

MAIN_METRIC = {"stance": "f_avg", "sentiment": "macro_recall"}
METRIC_WORDS = {"f_avg": "F_avg", "macro_recall": "macro recall"}
#: A target needs this many statements to be named the weakest (smaller ones have very wide intervals).
MIN_TARGET_STATEMENTS = 20


def _paragraph(sentences: list[str]) -> str:
    return f'<p class="summary" id="summary"><strong>In short.</strong> {" ".join(s for s in sentences if s)}</p>'


def _score(ci: Mapping[str, Any] | None) -> str:
    """``<strong>68.3</strong> (95% CI 65.4–71.0)``, or "n/a"."""
    if not ci or ci.get("value") is None:
        return "n/a"
    return f"<strong>{ci['value']:.1f}</strong> ({ci_text(ci, '–')})"


def _difference(delta: float, low: float | None, high: float | None, p: float | None, other: str) -> str:
    """"3.1 points above X, a clear difference (paired bootstrap 95% CI +0.2 to +6.1, p = 0.040)"."""
    side = "above" if delta >= 0 else "below"
    if low is None or high is None:
        return f"{abs(delta):.1f} points {side} {other}"
    clear = "a clear difference" if low > 0 or high < 0 else "not a clear difference"
    ptxt = f", p = {p:.3f}" if p is not None else ""
    return f"{abs(delta):.1f} points {side} {other}, {clear} (paired bootstrap 95% CI {low:+.1f} to {high:+.1f}{ptxt})"


# ------------------------------------------------------------------------------------------ evaluation
def _what(report: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    meta = report.get("model") or {}
    if meta.get("baseline"):
        who = f"The {esc(meta['baseline'])} baseline"
    else:
        recipe = f" of {esc(meta['recipe'])}" if meta.get("recipe") else ""
        who = f"The model{recipe}, {esc(learnt_from(meta))},"
    tasks = [t for t in ("stance", "sentiment") if stats.get(t)]
    n_targets = len((report.get("stance") or {}).get("per_target") or {})
    toward = f" toward {n_targets:,} target{'s' if n_targets != 1 else ''}" if n_targets else ""
    labelled = " and ".join(tasks) or "nothing"
    corpus = f"{esc(report.get('corpus', 'input'))} / {esc(report.get('split', '?'))}"
    return f"{who} labelled the {labelled} of {int(report.get('n') or 0):,} statements of {corpus}{toward}."


def _versus_best_baseline(task: str, t: Mapping[str, Any]) -> str:
    main = MAIN_METRIC[task]
    scored = {n: b for n, b in (t.get("baselines") or {}).items() if b["intervals"][main]["value"] is not None}
    if not scored:
        return f"No {task} baseline was scored (<code>--baseline majority</code> adds one)." if task == "stance" else ""
    name, best = max(scored.items(), key=lambda kv: kv[1]["intervals"][main]["value"])
    test = best["test"]
    head = f"The best {task} baseline, {esc(name)}, scores {_score(best['intervals'][main])}"
    if test.get("delta") is None:
        return head + "."
    return head + ": the model is " + _difference(test["delta"], test["low"], test["high"], test["p_value"], "it") + "."


def _weakest_target(per_target: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    sizes = {t: v["n"] for t, v in ((report.get("stance") or {}).get("per_target") or {}).items()}
    scored = {t: v["f_avg"]["value"] for t, v in per_target.items() if v["f_avg"]["value"] is not None}
    big = {t: v for t, v in scored.items() if sizes.get(t, 0) >= MIN_TARGET_STATEMENTS} or scored
    if len(big) < 2:
        return ""
    t = min(big, key=lambda k: (big[k], k))
    return f" and the target “{esc(t)}” (F_avg {big[t]:.1f} on {sizes.get(t, 0):,} statements)"


def _weakness(report: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    task = "stance" if stats.get("stance") else "sentiment"
    t = stats.get(task)
    if not t:
        return ""
    per = {lab: v["f1"]["value"] for lab, v in t["per_label"].items() if v["gold"] and v["f1"]["value"] is not None}
    if not per:
        return ""
    worst = min(per, key=lambda k: (per[k], k))
    if per[worst] >= 100:
        return ""
    target = _weakest_target(t.get("per_target") or {}, report) if task == "stance" else ""
    return f"Weakest: the {task} class {esc(worst)} (F1 {per[worst]:.1f}){target}."


def evaluation_summary(report: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    """The summary paragraph of an evaluation report (``stats`` from :func:`report_statistics`)."""
    if not stats.get("stance") and not stats.get("sentiment"):
        return ""
    sentences = [_what(report, stats)]
    for task in ("stance", "sentiment"):
        t = stats.get(task)
        if not t:
            continue
        main = MAIN_METRIC[task]
        sentences.append(f"{task.capitalize()} {METRIC_WORDS[main]} is {_score(t['intervals'][main])}.")
        sentences.append(_versus_best_baseline(task, t))
    sentences.append(_weakness(report, stats))
    return _paragraph(sentences)


# ------------------------------------------------------------------------------------------ comparison
def _best(systems: list[Mapping[str, Any]], task: str) -> Mapping[str, Any] | None:
    main = MAIN_METRIC[task]
    scored = [s for s in systems if s["intervals"][task][main]["value"] is not None]
    return max(scored, key=lambda s: s["intervals"][task][main]["value"]) if scored else None


def _reference_vs(comp: Mapping[str, Any], task: str, other: str) -> str:
    main = MAIN_METRIC[task]
    test = next((t for t in comp.get("tests", {}).get(task, []) if t["system"] == other and t["metric"] == main), None)
    if not test or test.get("delta") is None:
        return ""
    low, high = (-test["high"], -test["low"]) if test["low"] is not None else (None, None)
    return f" The reference, {esc(comp['reference'])}, is " + _difference(-test["delta"], low, high, test["p_value"], esc(other)) + "."


def _comparison_task(comp: Mapping[str, Any], task: str) -> str:
    systems = [s for s in comp["systems"].values() if task in s]
    if not systems:
        return ""
    main = MAIN_METRIC[task]
    model = _best([s for s in systems if s["kind"] == "model"], task)
    baseline = _best([s for s in systems if s["kind"] != "model"], task)
    parts = []
    if model:
        parts.append(f"the best model, {esc(model['name'])}, scores {_score(model['intervals'][task][main])}")
    if baseline:
        parts.append(f"the best baseline, {esc(baseline['name'])}, {_score(baseline['intervals'][task][main])}")
    text = f"{task.capitalize()} ({METRIC_WORDS[main]}): " + "; ".join(parts) + "."
    if baseline and baseline["name"] != comp["reference"]:
        text += _reference_vs(comp, task, baseline["name"])
    return text


def comparison_summary(comp: Mapping[str, Any]) -> str:
    """The summary paragraph of a comparison (from :func:`stance.reporting.compare.compare_reports`)."""
    systems = list(comp["systems"].values())
    models = sum(s["kind"] == "model" for s in systems)
    what = (f"{len(systems)} systems ({models} model{'s' if models != 1 else ''}, {len(systems) - models} "
            f"baseline{'s' if len(systems) - models != 1 else ''}) labelled the same {comp['n']:,} statements of "
            f"{esc(comp['corpus'])} / {esc(comp['split'])}.")
    tasks = [_comparison_task(comp, t) for t in ("stance", "sentiment")]
    if not any(tasks):
        return ""
    return _paragraph([what, *tasks])
