"""Reports: bootstrap statistics, SVG charts, the HTML page, baselines and ``stance compare``.

Statistics are checked against scikit-learn and hand computations; the HTML page is checked on
synthetic reports of every shape (2 labels, 20 targets, no labelled rows); ``stance compare`` on
SemEval-2016 is checked against ``evaluate_model`` run on each system alone.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, recall_score

from stance.evaluation import sentiment_scores, stance_scores
from stance.reporting import stats, svg
from stance.reporting.html import render_html, report_statistics, write_html

STANCE = ["FAVOR", "AGAINST", "NONE"]
SENT = ["positive", "negative", "neutral"]


# ---------------------------------------------------------------------------------------------- fixtures
def noisy(gold: list[str], labels: list[str], acc: float, rng: np.random.Generator) -> list[str]:
    return [g if rng.random() < acc else str(rng.choice(labels)) for g in gold]


def make_report(
    labels: list[str] = STANCE,
    targets: list[str] | None = None,
    n: int = 300,
    seed: int = 0,
    sentiment: bool = True,
    acc: float = 0.7,
) -> dict[str, Any]:
    """A report shaped like evaluate_model's, from random labels and probabilities."""
    rng = np.random.default_rng(seed)
    targets = targets or ["Target A", "Target B"]
    gold = [str(x) for x in rng.choice(labels, n)]
    pred = noisy(gold, labels, acc, rng)
    tg = [str(x) for x in rng.choice(targets, n)]
    gs = [str(x) for x in rng.choice(SENT, n)]
    ps = noisy(gs, SENT, 0.6, rng)

    def probs(p: str, labs: list[str]) -> dict[str, float]:
        raw = rng.dirichlet(np.ones(len(labs)))
        raw[labs.index(p)] += raw.max() + 0.05
        raw /= raw.sum()
        return {lab: float(v) for lab, v in zip(labs, raw)}

    preds = [
        {
            "text": f"statement {i} <b>&amp;</b>",
            "target": tg[i],
            "gold_stance": gold[i],
            "stance": pred[i],
            "stance_probabilities": probs(pred[i], labels),
            "gold_sentiment": gs[i] if sentiment else None,
            "sentiment": ps[i] if sentiment else None,
            "sentiment_probabilities": probs(ps[i], SENT) if sentiment else None,
            "flags": [],
        }
        for i in range(n)
    ]
    report: dict[str, Any] = {
        "corpus": "synthetic",
        "split": "test",
        "n": n,
        "model": {"corpora": ["synthetic"], "recipe": "test", "library_version": "0", "sklearn_version": "0"},
        "model_config": {"stance_C": 0.3},
        "library_version": "0",
        "predict_seconds": 0.1,
        "statements_per_second": n / 0.1,
        "flags": {},
        "predictions": preds,
    }
    if n:
        report["stance"] = stance_scores(gold, pred, tg)
        if sentiment:
            report["sentiment"] = sentiment_scores(gs, ps)
    return report


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Collect()
    p.feed(html)
    return p.tags


def charts_of(html: str) -> list[str]:
    return re.findall(r'<svg class="chart[^"]*".*?</svg>', html, flags=re.S)


# ---------------------------------------------------------------------------------------------- statistics
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_metrics_from_confusion_equal_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gold = [str(x) for x in rng.choice(STANCE, 200)]
    pred = [p if p != "NONE" else "FAVOR" for p in noisy(gold, STANCE, 0.5, rng)]  # NONE never predicted: zero division
    labels = STANCE
    conf = np.zeros((3, 3))
    for g, p in zip(gold, pred):
        conf[labels.index(g), labels.index(p)] += 1
    expect = {
        "f_avg": 100 * np.mean(f1_score(gold, pred, labels=["FAVOR", "AGAINST"], average=None, zero_division=0)),
        "macro_f1": 100 * f1_score(gold, pred, labels=labels, average="macro", zero_division=0),
        "accuracy": 100 * accuracy_score(gold, pred),
        "macro_recall": 100 * recall_score(gold, pred, labels=labels, average="macro", zero_division=0),
        "f1:NONE": 0.0,
        "f1:FAVOR": 100 * f1_score(gold, pred, labels=["FAVOR"], average="macro", zero_division=0),
    }
    for metric, value in expect.items():
        assert stats.metric_from_confusion(conf, labels, metric) == pytest.approx(value, abs=1e-9), metric


def test_bootstrap_interval_brackets_the_evaluation_figure_and_is_reproducible() -> None:
    rng = np.random.default_rng(3)
    gold = [str(x) for x in rng.choice(STANCE, 500)]
    pred = noisy(gold, STANCE, 0.6, rng)
    cis = stats.bootstrap_cis(gold, pred, ("f_avg", "macro_f1", "accuracy"), n_resamples=400, seed=5)
    scores = stance_scores(gold, pred)
    for m in ("f_avg", "macro_f1", "accuracy"):
        assert cis[m]["value"] == pytest.approx(scores[m], abs=1e-9)
        assert cis[m]["low"] < cis[m]["value"] < cis[m]["high"]
        assert cis[m]["n_resamples"] == 400
    again = stats.bootstrap_cis(gold, pred, ("f_avg",), n_resamples=400, seed=5)
    assert again["f_avg"] == cis["f_avg"]
    other = stats.bootstrap_cis(gold, pred, ("f_avg",), n_resamples=400, seed=6)
    assert other["f_avg"]["low"] != cis["f_avg"]["low"]


def test_bootstrap_interval_narrows_with_more_statements() -> None:
    rng = np.random.default_rng(4)
    gold = [str(x) for x in rng.choice(STANCE, 4000)]
    pred = noisy(gold, STANCE, 0.6, rng)
    small = stats.bootstrap_ci(gold[:200], pred[:200], "accuracy", n_resamples=500)
    large = stats.bootstrap_ci(gold, pred, "accuracy", n_resamples=500)
    assert (large["high"] - large["low"]) < (small["high"] - small["low"]) / 2


def test_bootstrap_interval_matches_the_normal_approximation_for_accuracy() -> None:
    rng = np.random.default_rng(5)
    gold = ["FAVOR"] * 2000
    pred = ["FAVOR" if rng.random() < 0.7 else "AGAINST" for _ in gold]
    ci = stats.bootstrap_ci(gold, pred, "accuracy", n_resamples=2000)
    p = ci["value"] / 100
    half = 100 * 1.96 * np.sqrt(p * (1 - p) / len(gold))
    assert (ci["high"] - ci["low"]) / 2 == pytest.approx(half, rel=0.15)


def test_paired_bootstrap_identical_systems_and_a_clearly_better_one() -> None:
    rng = np.random.default_rng(6)
    gold = [str(x) for x in rng.choice(STANCE, 600)]
    weak = noisy(gold, STANCE, 0.4, rng)
    strong = noisy(gold, STANCE, 0.9, rng)
    same = stats.paired_bootstrap(gold, weak, weak, "f_avg", n_resamples=300)
    assert same["delta"] == 0 and same["p_value"] == 1.0
    better = stats.paired_bootstrap(gold, strong, weak, "f_avg", n_resamples=300)
    assert better["delta"] == pytest.approx(stance_scores(gold, strong)["f_avg"] - stance_scores(gold, weak)["f_avg"])
    assert better["low"] > 0 and better["p_value"] < 0.01
    swapped = stats.paired_bootstrap(gold, weak, strong, "f_avg", n_resamples=300)
    assert swapped["delta"] == pytest.approx(-better["delta"])
    assert swapped["high"] < 0


def test_paired_bootstrap_p_value_is_not_small_for_noise_differences() -> None:
    rng = np.random.default_rng(7)
    gold = [str(x) for x in rng.choice(STANCE, 800)]
    a = noisy(gold, STANCE, 0.6, rng)
    b = list(a)
    for i in rng.choice(len(b), 6, replace=False):  # a handful of changed rows: no real difference
        b[i] = gold[i] if b[i] != gold[i] else next(x for x in STANCE if x != gold[i])
    r = stats.paired_bootstrap(gold, a, b, "accuracy", n_resamples=500)
    assert r["p_value"] > 0.05
    assert r["low"] <= 0 <= r["high"]


def test_statistics_errors_name_the_problem() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        stats.bootstrap_ci(["FAVOR", "NONE"], ["FAVOR"])
    with pytest.raises(ValueError, match="split is empty"):
        stats.resample_indices(0)
    with pytest.raises(ValueError, match="unknown metric 'f2'"):
        stats.bootstrap_ci(["FAVOR"], ["FAVOR"], "f2")
    with pytest.raises(ValueError, match="'MAYBE' is not among the labels"):
        stats.bootstrap_ci(["FAVOR"], ["MAYBE"], labels=["FAVOR"])
    with pytest.raises(ValueError, match="must lie in \\[0, 1\\]"):
        stats.calibration_bins([1.5], [True])


def test_expected_calibration_error_by_hand() -> None:
    conf = [0.95, 0.95, 0.95, 0.95, 0.55, 0.55]
    ok = [True, True, True, False, True, False]
    # bin 0.9-1.0: 4 predictions, accuracy 0.75, confidence 0.95 -> gap 0.20; bin 0.5-0.6: 2, acc 0.5, gap 0.05
    expect = 100 * (4 * 0.20 + 2 * 0.05) / 6
    assert stats.expected_calibration_error(conf, ok) == pytest.approx(expect)
    bins = stats.calibration_bins(conf, ok)
    assert [b["count"] for b in bins] == [0, 0, 0, 0, 0, 2, 0, 0, 0, 4]
    assert bins[9]["accuracy"] == pytest.approx(0.75)
    assert stats.calibration_bins([1.0], [True])[-1]["count"] == 1
    assert stats.expected_calibration_error([], []) is None


def test_well_calibrated_scores_have_small_ece() -> None:
    rng = np.random.default_rng(8)
    conf = rng.uniform(0.34, 1.0, 20000)
    ok = rng.random(20000) < conf
    assert stats.expected_calibration_error(conf, ok) < 1.5
    assert stats.expected_calibration_error(np.full(2000, 0.99), rng.random(2000) < 0.5) > 40


# ---------------------------------------------------------------------------------------------- svg
def _svg_root(s: str) -> ET.Element:
    root = ET.fromstring(s)
    assert root.tag.endswith("svg")
    assert "chart" in root.get("class", "").split()
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    return root


def test_every_chart_is_well_formed_svg_with_size_and_title() -> None:
    bins = stats.calibration_bins([0.4, 0.6, 0.9, 0.95], [False, True, True, True])
    charts = [
        svg.bar_chart([("FAVOR", 60.0, 55.0, 65.0), ("AGAINST", 70.0, None, None), ("NONE", None, None, None)], "labels"),
        svg.confusion_heatmap(STANCE, [[5, 1, 0], [2, 7, 1], [0, 0, 0]], "confusion"),
        svg.reliability_diagram(bins, "reliability", 3.2),
        svg.confidence_histogram([0.9, 0.8], [0.4], "histogram"),
        svg.forest_plot([("a", 1.0, -0.5, 2.5, 0.2), ("b", -3.0, -5.0, -1.0, 0.01)], "forest"),
        svg.bar_chart([], "empty"),
        svg.reliability_diagram(stats.calibration_bins([], []), "no predictions"),
    ]
    for c in charts:
        _svg_root(c)


def test_chart_text_is_escaped_and_long_labels_shortened_with_a_tooltip() -> None:
    name = "<script>alert(1)</script> & a very long target name that goes on and on and on"
    s = svg.bar_chart([(name, 50.0, 40.0, 60.0)], "t & <b>")
    root = _svg_root(s)
    assert "<script>" not in s
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t.endswith("…") for t in texts)
    titles = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert name in titles


def test_charts_grow_with_rows_so_twenty_targets_stay_readable() -> None:
    few = _svg_root(svg.bar_chart([(f"t{i}", 50.0, 40.0, 60.0) for i in range(2)], "few"))
    many = _svg_root(svg.bar_chart([(f"t{i}", 50.0, 40.0, 60.0) for i in range(20)], "many"))
    assert float(many.get("height")) / 20 == pytest.approx(float(few.get("height")) / 2, rel=0.6)
    assert float(many.get("height")) > 9 * float(few.get("height")) / 2
    big = _svg_root(svg.confusion_heatmap([f"label {i}" for i in range(20)], [[1] * 20] * 20, "20 labels"))
    assert float(big.get("width")) < 1200


# ---------------------------------------------------------------------------------------------- html
def test_report_statistics_match_the_report_figures() -> None:
    rep = make_report(n=400, seed=1)
    st = report_statistics(rep, n_resamples=200)
    for m in ("f_avg", "macro_f1", "accuracy"):
        assert st["stance"]["intervals"][m]["value"] == pytest.approx(rep["stance"][m])
    for t, v in rep["stance"]["per_target"].items():
        assert st["stance"]["per_target_f_avg"][t]["value"] == pytest.approx(v["f_avg"])
    for lab, v in rep["stance"]["per_label"].items():
        assert st["stance"]["per_label_f1"][lab]["value"] == pytest.approx(v["f1"])
    assert st["sentiment"]["intervals"]["macro_recall"]["value"] == pytest.approx(rep["sentiment"]["macro_recall"])
    errs = st["stance"]["examples"]["confident_errors"]
    assert errs and all(e["gold"] != e["pred"] for e in errs)
    assert [e["confidence"] for e in errs] == sorted((e["confidence"] for e in errs), reverse=True)
    wrong = [p for p in rep["predictions"] if p["stance"] != p["gold_stance"]]
    assert errs[0]["confidence"] == pytest.approx(max(p["stance_probabilities"][p["stance"]] for p in wrong))
    close = st["stance"]["examples"]["closest_calls"]
    assert [c["margin"] for c in close] == sorted(c["margin"] for c in close)


def test_html_report_is_self_contained_and_has_every_section(tmp_path: Path) -> None:
    rep = make_report(n=300)
    path = write_html(rep, tmp_path, n_resamples=100)
    html = path.read_text(encoding="utf-8")
    tags = parse(html)
    for tag, attrs in tags:
        for key in ("src", "href"):
            v = attrs.get(key)
            assert v is None or v.startswith("#"), f"<{tag} {key}={v!r}> points outside the page"
        assert tag not in ("link", "img", "iframe", "object")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for needle in ("Per label", "Per target", "Confusion matrix", "Calibration", "Most confident errors", "Closest calls", "Model", "95% CI"):
        assert needle in html, needle
    assert "<b>&amp;</b>" not in html  # statement text is escaped
    titles = [re.search(r"<title>(.*?)</title>", c).group(1) for c in charts_of(html)]
    assert any("reliability" in t for t in titles) and any("histogram" in t for t in titles)
    assert any("confusion" in t for t in titles) and any("per target" in t for t in titles)
    assert len(titles) == 9  # stance 5 + sentiment 4 (no per-target chart)
    assert not re.search(r">\s*(nan|inf)\s*<", html, flags=re.I)
    ci = report_statistics(rep, n_resamples=100)["stance"]["intervals"]["f_avg"]
    assert f"95% CI {ci['low']:.1f} – {ci['high']:.1f}" in html


def test_html_report_with_two_labels_and_twenty_targets() -> None:
    rep = make_report(labels=["FAVOR", "AGAINST"], targets=[f"target number {i}" for i in range(20)], n=600, sentiment=False)
    html = render_html(rep, n_resamples=50)
    assert html.count("<tr>") >= 20 + 2
    for i in range(20):
        assert f"target number {i}" in html
    per_target = next(c for c in charts_of(html) if "per target" in c)
    assert per_target.count("<rect") >= 20
    assert "Sentiment" not in re.sub(r"<nav>.*?</nav>", "", html)


def test_html_report_with_hundreds_of_targets_shows_the_largest() -> None:
    from stance.reporting.html import MAX_TARGETS

    targets = [f"topic {i:03d}" for i in range(300)]
    rep = make_report(targets=targets, n=3000, sentiment=False)
    html = render_html(rep, n_resamples=20)
    per = rep["stance"]["per_target"]
    assert f"300 targets: showing the {MAX_TARGETS} with most statements" in html
    largest = max(per, key=lambda t: per[t]["n"])
    smallest = min(per, key=lambda t: per[t]["n"])
    section = html[html.index("<h3>Per target"): html.index("<h3>Confusion matrix")]
    assert f"<td>{largest}</td>" in section and f"<td>{smallest}</td>" not in section
    per_target_chart = next(c for c in charts_of(html) if "per target" in c)
    assert per_target_chart.count("<rect") == MAX_TARGETS


def test_html_report_of_an_empty_split_says_so_without_errors() -> None:
    rep = make_report(n=0)
    html = render_html(rep, n_resamples=50)
    assert 'id="empty-notice"' in html and "Nothing to score" in html
    assert charts_of(html) == []
    unlabelled = make_report(n=20)
    for p in unlabelled["predictions"]:
        p["gold_stance"] = p["gold_sentiment"] = None
    unlabelled.pop("stance")
    unlabelled.pop("sentiment")
    assert "Nothing to score" in render_html(unlabelled, n_resamples=50)


def test_html_report_without_probabilities_skips_calibration() -> None:
    rep = make_report(n=100, sentiment=False)
    for p in rep["predictions"]:
        p["stance_probabilities"] = {}
    html = render_html(rep, n_resamples=50)
    assert "carry no confidence scores" in html
    assert "reliability" not in " ".join(re.findall(r"<title>(.*?)</title>", html))


# ---------------------------------------------------------------------------------------------- baselines
def _records(n: int = 120) -> Any:
    from stance.corpora import from_records

    rng = np.random.default_rng(0)
    rows = []
    for i in range(n):
        t = "cats" if i % 3 else "dogs"
        s = str(rng.choice(["FAVOR", "AGAINST", "AGAINST"] if t == "cats" else ["FAVOR", "FAVOR", "NONE"]))
        word = {"FAVOR": "love", "AGAINST": "hate", "NONE": "saw"}[s]
        rows.append({"text": f"I {word} {t} number {i}", "target": t, "stance": s, "sentiment": "positive" if s == "FAVOR" else "negative"})
    return from_records(rows)


def test_majority_baseline_predicts_each_targets_most_frequent_label() -> None:
    from collections import Counter

    from stance.baselines import MajorityBaseline

    ds = _records()
    b = MajorityBaseline().fit(ds)
    by_target: dict[str, Counter[str]] = {}
    for r in ds:
        by_target.setdefault(r["target"], Counter())[r["stance"]] += 1
    preds = b.predict_batch(["x", "y", "z"], ["cats", "dogs", "an unseen target"])
    assert preds[0].stance == by_target["cats"].most_common(1)[0][0]
    assert preds[1].stance == by_target["dogs"].most_common(1)[0][0]
    overall = Counter(ds["stance"]).most_common(1)[0][0]
    assert preds[2].stance == overall
    assert preds[0].stance_confidence == pytest.approx(by_target["cats"][preds[0].stance] / sum(by_target["cats"].values()))


def test_tfidf_svm_baseline_learns_the_words() -> None:
    from stance.baselines import TfidfSvmBaseline
    from stance.evaluation import evaluate_model

    ds = _records(240)
    b = TfidfSvmBaseline().fit(ds)
    rep = evaluate_model(b, ds, corpus="toy", split="train")
    assert rep["stance"]["accuracy"] > 95
    assert rep["sentiment"]["accuracy"] > 95
    assert b.predict("I hate cats", "cats").stance == "AGAINST"


def test_sentiment_lexicon_baselines() -> None:
    pytest.importorskip("vaderSentiment")
    pytest.importorskip("textblob")
    from stance.baselines import textblob_label, textblob_labels, vader_labels

    assert vader_labels(["I love this wonderful day", "This is awful and I hate it"]) == ["positive", "negative"]
    assert textblob_labels(["A great, good result", "A terrible, bad result"]) == ["positive", "negative"]
    assert [textblob_label(x) for x in (0.2, -0.1, 0.0)] == ["positive", "negative", "neutral"]


# ---------------------------------------------------------------------------------------------- compare
def test_published_results_have_figure_metric_split_and_citation() -> None:
    from stance.reporting.compare import published_results

    rows = published_results()
    assert rows
    for r in rows:
        assert isinstance(r["figure"], (int, float)) and 0 < r["figure"] < 100
        assert r["metric"] in stats.METRICS and r["split"] and len(r["citation"]) > 20
    semeval = published_results("semeval2016", "test")
    assert {r["figure"] for r in semeval} >= {65.22, 67.82, 68.98, 68.0, 71.2, 72.9}


def test_compare_reports_on_synthetic_systems() -> None:
    from stance.reporting.compare import compare_reports, render_comparison_html, render_comparison_markdown

    a = make_report(n=300, seed=1, acc=0.9)
    b = make_report(n=300, seed=1, acc=0.9)
    rng = np.random.default_rng(2)
    for p in b["predictions"]:  # same gold, worse predictions
        if rng.random() < 0.5:
            p["stance"] = str(rng.choice(STANCE))
    b["stance"] = stance_scores([p["gold_stance"] for p in b["predictions"]], [p["stance"] for p in b["predictions"]],
                                [p["target"] for p in b["predictions"]])
    comp = compare_reports({"good": a, "worse": b}, reference="good", n_resamples=200)
    t = next(x for x in comp["tests"]["stance"] if x["metric"] == "f_avg")
    assert t["system"] == "worse" and t["delta"] == pytest.approx(b["stance"]["f_avg"] - a["stance"]["f_avg"])
    assert t["high"] < 0 and t["p_value"] < 0.05
    assert comp["systems"]["worse"]["stance"] == b["stance"]
    md = render_comparison_markdown(comp)
    assert f"{t['delta']:+.2f}" in md
    html = render_comparison_html(comp)
    assert len(charts_of(html)) >= 4
    with pytest.raises(ValueError, match="reference 'nobody'"):
        compare_reports({"good": a}, reference="nobody")


def test_compare_command_on_your_own_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    from stance.baselines import train_baseline
    from stance.cli import main
    from stance.corpora import load_file
    from stance.evaluation import evaluate_model

    ds = _records(150)
    files = {}
    for name, rows in (("train", list(ds)[:100]), ("test", list(ds)[100:])):
        files[name] = tmp_path / f"{name}.csv"
        with open(files[name], "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["text", "target", "stance", "sentiment"], extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    out = tmp_path / "out"
    base = ["compare", "--input", str(files["test"]), "--baseline", "majority", "--baseline", "tfidf-svm", "--resamples", "50", "--output", str(out)]
    assert main(base) == 2
    assert "--train-input" in capsys.readouterr().err
    assert main(base + ["--train-input", str(files["train"]), "--reference", "tfidf-svm"]) == 0
    comp = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert comp["reference"] == "tfidf-svm" and comp["published"] == [] and comp["n"] == 50
    alone = evaluate_model(train_baseline("majority", load_file(files["train"])), load_file(files["test"]))
    assert comp["systems"]["majority"]["stance"] == json.loads(json.dumps(alone["stance"]))
    assert "No published results" in (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def semeval_model(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import stance
    from stance.corpora import load_corpus

    path = tmp_path_factory.mktemp("model") / "semeval.stance"
    stance.train(load_corpus("semeval2016", data_dir)["train"], corpora=["semeval2016"]).save(path)
    return path


def _model_specs(path: Path) -> list[str]:
    from stance.api import BUILTIN_MODELS, MODELS_DIR

    builtin = [n for n, f in BUILTIN_MODELS.items() if (MODELS_DIR / f).exists()]
    return builtin + [str(path)]


@pytest.mark.data
@pytest.mark.slow
def test_compare_figures_equal_evaluate_on_each_system_alone(semeval_model: Path, data_dir: Path, tmp_path: Path) -> None:
    from stance.baselines import train_baseline
    from stance.cli import main
    from stance.corpora import load_corpus
    from stance.evaluation import evaluate_model

    specs = _model_specs(semeval_model)
    argv = ["compare", "--corpus", "semeval2016", "--data-dir", str(data_dir), "--split", "test", "--resamples", "200"]
    for s in specs:
        argv += ["--model", s]
    argv += ["--baseline", "majority", "--baseline", "tfidf-svm", "--reference", specs[0], "--output", str(tmp_path / "compare")]
    assert main(argv) == 0
    comp = json.loads((tmp_path / "compare" / "report.json").read_text(encoding="utf-8"))
    data = load_corpus("semeval2016", data_dir)
    alone: dict[str, Any] = {}
    for s in specs:  # `stance evaluate` on each model alone
        name = s if "/" not in s else Path(s).stem
        out = tmp_path / f"evaluate-{name}"
        assert main(["evaluate", "--model", s, "--corpus", "semeval2016", "--data-dir", str(data_dir), "--output", str(out)]) == 0
        alone[name] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for b in ("majority", "tfidf-svm"):
        alone[b] = evaluate_model(train_baseline(b, data["train"]), data["test"], corpus="semeval2016", split="test")
    assert set(comp["systems"]) == set(alone)
    for name, rep in alone.items():
        got = comp["systems"][name]
        for task in ("stance", "sentiment"):
            assert got[task] == json.loads(json.dumps(rep[task])), (name, task)
            assert got[task]["n"] == len(data["test"])
    assert comp["systems"]["majority"]["stance"]["f_avg"] == pytest.approx(65.22, abs=0.005)  # the organisers' figure
    # the published anchors, each with its citation, in all three formats
    md = (tmp_path / "compare" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "compare" / "report.html").read_text(encoding="utf-8")
    from stance.reporting.compare import published_results

    anchors = published_results("semeval2016", "test")
    assert comp["published"] == anchors
    for r in anchors:
        assert r["citation"] in md and f"{r['figure']:.2f}" in md
        assert r["citation"].replace("&", "&amp;") in html
    # paired tests against the reference, one per other system and metric
    others = [n for n in comp["systems"] if n != comp["reference"]]
    assert {t["system"] for t in comp["tests"]["stance"]} == set(others)
    for t in comp["tests"]["stance"]:
        ref = comp["systems"][comp["reference"]]["stance"][t["metric"]]
        assert t["delta"] == pytest.approx(comp["systems"][t["system"]]["stance"][t["metric"]] - ref)


@pytest.mark.data
def test_compare_usage_errors_exit_2_and_bad_models_exit_1(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from stance.cli import main

    base = ["compare", "--corpus", "semeval2016", "--data-dir", str(data_dir), "--output", str(tmp_path)]
    assert main(base) == 2
    assert "nothing to compare" in capsys.readouterr().err
    assert main(base + ["--baseline", "majority", "--reference", "nobody"]) == 2
    assert "--reference 'nobody'" in capsys.readouterr().err
    assert main(base + ["--baseline", "majority", "--split", "nosuch"]) == 2
    assert "no split 'nosuch'" in capsys.readouterr().err
    assert main(base + ["--model", str(tmp_path / "missing.stance")]) == 1
    assert main(base + ["--baseline", "wrong"]) == 2


@pytest.mark.data
def test_evaluate_command_writes_report_html(semeval_model: Path, data_dir: Path, tmp_path: Path) -> None:
    from stance.cli import main

    assert main(["evaluate", "--model", str(semeval_model), "--corpus", "semeval2016", "--data-dir", str(data_dir), "--output", str(tmp_path)]) == 0
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / name).stat().st_size > 0
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    rep = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert f"{rep['stance']['f_avg']:.1f}" in html
    assert len(charts_of(html)) >= 8


# ---------------------------------------------------------------------------------------------- report fixes (issue 19)
def _histogram_stacks(chart: str) -> tuple[float, list[tuple[float, int]], list[float]]:
    """The plot's top edge, each stack's (top y, count) and the y-axis tick values of a confidence histogram."""
    root = _svg_root(chart)
    ns = "{http://www.w3.org/2000/svg}"
    frame = next(r for r in root.iter(f"{ns}rect") if r.get("fill") == "none")
    stacks: dict[str, tuple[float, int]] = {}
    for r in root.iter(f"{ns}rect"):
        title = r.find(f"{ns}title")
        if title is None:
            continue
        m = re.match(r"confidence (\S+): (\d+) (correct|wrong)", title.text or "")
        assert m, title.text
        top, count = stacks.get(m.group(1), (float("inf"), 0))
        stacks[m.group(1)] = (min(top, float(r.get("y"))), count + int(m.group(2)))
    ticks = [float(t.text.replace(",", "")) for t in root.iter(f"{ns}text") if t.get("text-anchor") == "end" and t.text]
    return float(frame.get("y")), list(stacks.values()), ticks


@pytest.mark.parametrize("seed", range(6))
def test_confidence_histogram_axis_holds_the_tallest_bar(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 3000))
    conf = rng.beta(rng.uniform(1, 8), 2, n)
    ok = rng.random(n) < conf
    chart = svg.confidence_histogram(list(conf[ok]), list(conf[~ok]), "histogram")
    frame_top, stacks, ticks = _histogram_stacks(chart)
    peak = max(np.bincount(np.minimum((conf * 10).astype(int), 9), minlength=10))
    assert max(count for _, count in stacks) == peak
    assert max(ticks) >= peak, f"the axis ends at {max(ticks)} below the tallest bar ({peak})"
    assert all(top >= frame_top - 1e-6 for top, _ in stacks), "a bar rises above the plot"


@pytest.mark.parametrize("peak", [1, 3, 7, 10, 99, 100, 101, 275, 313, 999, 1001, 12345])
def test_count_axis_is_round_and_tight(peak: int) -> None:
    top, step = svg.count_axis(peak)
    assert top >= peak and top % step == 0 and top - step < peak
    assert str(step).strip("0") in ("1", "2", "5")
    assert 2 <= top // step <= 8 or peak <= 2


def _present_macro(gold: list[str], pred: list[str], labels: list[str]) -> float:
    present = [lab for lab in labels if lab in gold]
    return 100 * float(f1_score(gold, pred, labels=present, average="macro", zero_division=0))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_skip_absent_averages_over_the_classes_in_gold(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gold = [str(x) for x in rng.choice(["FAVOR", "NONE"], 120)]  # no AGAINST in gold
    pred = noisy(gold, STANCE, 0.7, rng)  # predictions may say AGAINST
    labels = STANCE
    got = stats.point_metrics(gold, pred, ("f_avg", "macro_f1", "macro_recall", "f1:AGAINST", "recall:AGAINST", "f1:FAVOR"),
                              labels=labels, skip_absent=True)
    assert got["f_avg"] == pytest.approx(100 * f1_score(gold, pred, labels=["FAVOR"], average="macro", zero_division=0))
    assert got["macro_f1"] == pytest.approx(_present_macro(gold, pred, labels))
    assert got["macro_recall"] == pytest.approx(100 * recall_score(gold, pred, labels=["FAVOR", "NONE"], average="macro", zero_division=0))
    assert got["f1:AGAINST"] is None and got["recall:AGAINST"] is None
    official = stats.point_metrics(gold, pred, ("f_avg", "macro_f1"), labels=labels)
    assert official["f_avg"] == pytest.approx(stance_scores(gold, pred)["f_avg"])  # the default keeps SemEval's definition
    assert official["macro_f1"] == pytest.approx(stance_scores(gold, pred)["macro_f1"])
    none_only = stats.point_metrics(["NONE"] * 5, ["NONE"] * 5, ("f_avg", "macro_f1"), labels=labels, skip_absent=True)
    assert none_only == {"f_avg": None, "macro_f1": 100.0}


def test_intervals_and_paired_tests_where_a_class_is_absent() -> None:
    gold = ["FAVOR"] * 30 + ["NONE"] * 30
    good, bad = list(gold), ["FAVOR"] * 60
    ci = stats.bootstrap_ci(gold, good, "f_avg", labels=STANCE, n_resamples=100, skip_absent=True)
    assert ci["value"] == ci["low"] == ci["high"] == 100.0
    t = stats.paired_bootstrap(gold, good, bad, "f_avg", labels=STANCE, n_resamples=100, skip_absent=True)
    assert t["delta"] == pytest.approx(100 - 100 * f1_score(gold, bad, labels=["FAVOR"], average="macro"))
    undefined = stats.paired_bootstrap(["NONE"] * 8, ["NONE"] * 8, ["FAVOR"] * 8, "f_avg", labels=STANCE, n_resamples=50, skip_absent=True)
    assert undefined["delta"] is None and undefined["p_value"] is None


def _absent_against_report(n: int = 240, seed: int = 4) -> dict[str, Any]:
    """Target A has every label; target B has no AGAINST in gold and perfect predictions."""
    rep = make_report(targets=["Target A"], n=n, seed=seed, sentiment=False)
    for i, p in enumerate(rep["predictions"]):
        if i % 2:
            p["target"] = "Target B"
            p["gold_stance"] = p["stance"] = "FAVOR" if i % 3 else "NONE"
    rows = rep["predictions"]
    rep["stance"] = stance_scores([p["gold_stance"] for p in rows], [p["stance"] for p in rows], [p["target"] for p in rows])
    return rep


def _table_row(html: str, first_cell: str) -> list[str]:
    """The text of the cells after the first of the table row whose first cell reads ``first_cell``."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells and cells[0] == first_cell:
            return cells[1:]
    raise AssertionError(f"no row {first_cell!r}")


def test_a_class_absent_from_a_targets_gold_shows_na_and_the_average_over_the_rest() -> None:
    rep = _absent_against_report()
    b = rep["stance"]["per_target"]["Target B"]
    assert b["accuracy"] == 100 and b["f_avg"] == pytest.approx(50)  # the official figure punishes the absent class
    html = render_html(rep, n_resamples=50)
    section = html[html.index("<h3>Per target"): html.index("<h3>Confusion matrix")]
    n, f1_favor, f1_against, f_avg, macro, acc = _table_row(section, "Target B")
    assert f1_against == "n/a" and float(f1_favor) == pytest.approx(100)
    assert f_avg.startswith("100.00†") and macro == "100.00†" and float(acc) == pytest.approx(100)
    assert "official figure, counting an absent class as F1 = 0: 50.00" in section
    assert "is absent from the gold labels" in section
    a = _table_row(section, "Target A")  # a target with every class is shown as officially scored, unmarked
    assert "†" not in "".join(a) and a[3].startswith(f"{rep['stance']['per_target']['Target A']['f_avg']:.2f}")


def _with_baselines(tmp_path: Path) -> dict[str, Any]:
    from stance.evaluation import evaluate_model

    ds = _records(240)
    train, test = ds.select(range(160)), ds.select(range(160, 240))
    model = TfidfSvmOnWords().fit(train)
    return evaluate_model(model, test, corpus="toy", split="test", baselines=["majority", "tfidf-svm"], train=train, train_source="toy/train")


class TfidfSvmOnWords:
    """A stand-in model for the report: the TF-IDF baseline (perfect on these toy statements) with every
    third stance turned to the next label, so it makes mistakes; the report then has a model and two baselines."""

    def fit(self, train: Any) -> Any:
        import dataclasses

        from stance.baselines import TfidfSvmBaseline

        class Erring(TfidfSvmBaseline):
            def predict_batch(self, texts: Any, targets: Any, aliases: Any = None, **kw: Any) -> Any:
                out = super().predict_batch(texts, targets, aliases, **kw)
                turn = {"FAVOR": "AGAINST", "AGAINST": "NONE", "NONE": "FAVOR"}
                return [dataclasses.replace(p, stance=turn[p.stance]) if i % 3 == 0 else p for i, p in enumerate(out)]

        b = Erring().fit(train)
        b.metadata = {**b.metadata, "baseline": None, "corpora": ["toy/train"], "recipe": "test model"}
        return b


def test_baselines_have_intervals_and_stand_beside_the_model_on_a_chart(tmp_path: Path) -> None:
    rep = _with_baselines(tmp_path)
    assert set(rep["baselines"]) == {"majority", "tfidf-svm"}
    st = report_statistics(rep, n_resamples=200)
    html = render_html(rep, n_resamples=200)
    section = html[html.index('id="stance-baselines"'): html.index("<h3>Per label")]
    for name, b in rep["baselines"].items():
        ci = st["stance"]["baselines"][name]["intervals"]["f_avg"]
        assert ci["value"] == pytest.approx(b["stance"]["f_avg"])
        assert ci["low"] <= ci["value"] <= ci["high"]
        cells = _table_row(section, name)  # learnt from, F_avg, macro F1, accuracy, difference, p
        assert cells[1].startswith(f"{ci['value']:.2f}") and f"[{ci['low']:.1f}, {ci['high']:.1f}]" in cells[1]
        assert "toy/train" in cells[0]
        test = st["stance"]["baselines"][name]["test"]
        assert test["delta"] == pytest.approx(rep["stance"]["f_avg"] - b["stance"]["f_avg"])
        assert cells[-1] == f"{test['p_value']:.3f}"
    chart = next(c for c in charts_of(section) if "baselines" in c)
    bars = [t for t in re.findall(r"<rect[^>]*><title>(.*?)</title>", chart)]
    assert len(bars) == 3 and bars[0].startswith("this model") and all("95% CI" in t for t in bars)
    assert {b.split(":")[0] for b in bars[1:]} == set(rep["baselines"])


def test_majority_baseline_says_what_it_was_fitted_on() -> None:
    from collections import Counter

    from stance.baselines import train_baseline
    from stance.reporting.meta import learnt_from

    ds = _records()
    b = train_baseline("majority", ds, source="toy/train")
    assert b.metadata["label_counts"] == dict(Counter(ds["stance"]))
    text = learnt_from(b.metadata)
    assert "label counts" in text and "toy/train" in text and f"{len(ds):,} statements" in text and "–" not in text


def test_evaluate_command_scores_trained_baselines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    from stance.cli import main

    ds = _records(150)
    files = {}
    for name, rows in (("train", list(ds)[:100]), ("test", list(ds)[100:])):
        files[name] = tmp_path / f"{name}.csv"
        with open(files[name], "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["text", "target", "stance", "sentiment"], extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    model = tmp_path / "m.stance"
    import stance

    stance.train(ds.select(range(100)), corpora=["toy"]).save(model)
    argv = ["evaluate", "--model", str(model), "--input", str(files["test"]), "--baseline", "majority", "--output", str(tmp_path / "out")]
    assert main(argv) == 2
    assert "--train-input" in capsys.readouterr().err
    assert main(argv + ["--train-input", str(files["train"])]) == 0
    rep = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert rep["baselines"]["majority"]["model"]["corpora"] == ["train.csv"]
    assert len(rep["baselines"]["majority"]["predictions"]["stance"]) == rep["n"]
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Beside the baselines" in html and "label counts of each target in train.csv" in html


def test_metadata_keys_are_shown_as_readable_labels() -> None:
    rep = make_report(n=60, sentiment=False)
    rep["model"].update({
        "training_data_licenses": {"corpus_a": "MIT", "corpus_b": "CC BY 4.0"},
        "cv_f_avg": 70.5,
        "weights_bytes": 6_883_345,
        "n_train": 2914,
        "an_unforeseen_key": "value",
        "dev_scores": {"corpus_a": {"f_avg": 60.0}},
    })
    html = render_html(rep, n_resamples=20)
    section = html[html.index('<h2 id="model">'): html.index("<footer>")]
    labels = re.findall(r"<dt>(.*?)</dt>", section)
    assert labels and all("_" not in x.replace("F_avg", "") for x in labels), labels
    assert "licences of the training data" in labels and "<li><span class=\"k\">corpus_a</span>: MIT</li>" in section
    assert "6.9 MB" in section and "2,914" in section and "an unforeseen key" in labels
    assert "More recorded metadata: development scores" in section  # nested records are collapsed, labelled


def test_summary_paragraph_on_top_gives_the_headline_with_its_interval(tmp_path: Path) -> None:
    rep = _with_baselines(tmp_path)
    st = report_statistics(rep, n_resamples=100)
    html = render_html(rep, stats=st)
    m = re.search(r'<p class="summary" id="summary">(.*?)</p>', html, flags=re.S)
    assert m and html.index('id="summary"') < html.index("<h2")
    text = re.sub(r"<[^>]+>", "", m.group(1))
    ci = st["stance"]["intervals"]["f_avg"]
    assert f"F_avg is {ci['value']:.1f} (95% CI {ci['low']:.1f}–{ci['high']:.1f})" in text
    assert f"{rep['n']:,} statements of toy / test" in text
    best = max(rep["baselines"], key=lambda b: st["stance"]["baselines"][b]["intervals"]["f_avg"]["value"])
    assert f"best stance baseline, {best}," in text
    per = st["stance"]["per_label"]
    worst = min((lab for lab in per if per[lab]["gold"]), key=lambda lab: per[lab]["f1"]["value"])
    assert f"class {worst} (F1 {per[worst]['f1']['value']:.1f})" in text


def test_comparison_summary_and_readable_systems() -> None:
    from stance.reporting.compare import compare_reports, render_comparison_html, render_comparison_markdown

    a = make_report(n=200, seed=1, acc=0.9)
    b = make_report(n=200, seed=1, acc=0.9)
    b["model"] = {"baseline": "majority", "recipe": "majority class per target", "corpora": ["toy/train"], "n_train": 99,
                  "label_counts": {"FAVOR": 33, "AGAINST": 33, "NONE": 33}}
    comp = compare_reports({"model-a": a, "majority": b}, reference="model-a", kinds={"majority": "baseline"}, n_resamples=50)
    html = render_comparison_html(comp)
    m = re.search(r'<p class="summary" id="summary">(.*?)</p>', html, flags=re.S)
    assert m and "best model, model-a" in m.group(1) and "best baseline, majority" in m.group(1)
    assert "trained on –" not in render_comparison_markdown(comp)
    assert "fitted on the label counts of each target in toy/train (99 statements)" in render_comparison_markdown(comp)
    assert "<dt>training label counts</dt><dd>FAVOR 33, AGAINST 33, NONE 33</dd>" in html


def test_name_systems_names_models_uniquely_and_finds_the_reference(tmp_path) -> None:
    from stance.exceptions import InputError
    from stance.reporting.compare import name_systems

    a, b = tmp_path / "x" / "m.stance", tmp_path / "y" / "m.stance"
    systems = name_systems([str(a), str(b)], ["vader"], reference=str(b))
    assert [e[:2] for e in systems.entries] == [("m", "model"), ("m-2", "model"), ("vader", "baseline")]
    assert systems.reference == "m-2"  # a model's path names it too
    assert name_systems([], ["majority", "vader"]).reference == "majority"
    with pytest.raises(InputError, match="given twice"):
        name_systems([], ["vader", "vader"])
    with pytest.raises(InputError, match="not one of the compared systems"):
        name_systems([str(a)], [], reference="nope")
    with pytest.raises(InputError, match="nothing to compare"):
        name_systems([], [])


def test_compare_reads_the_aliases_column_it_is_given(tmp_path: Path) -> None:
    import csv
    import sys

    from stance.cli import main

    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import HELDOUT_ROWS, train_small_model

    model = tmp_path / "small.stance"
    train_small_model().save(model)
    # the target is named only by its other name, given in a column of another name than "aliases"
    rows = [{**r, "text": r["text"].replace("the harbour tunnel", "the crossing").replace("The harbour tunnel", "The crossing"),
             "other_names": "the crossing"} for r in HELDOUT_ROWS if r["target"] == "the harbour tunnel"]
    data = tmp_path / "test.csv"
    with open(data, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["text", "target", "stance", "sentiment", "other_names"])
        w.writeheader()
        w.writerows(rows)
    ece = {}
    for column in ("other_names", ""):
        out = tmp_path / f"out-{column or 'none'}"
        assert main(["compare", "--input", str(data), "--model", str(model), "--aliases-column", column, "--resamples", "20",
                     "--output", str(out)]) == 0
        comp = json.loads((out / "report.json").read_text(encoding="utf-8"))
        ece[column] = next(iter(comp["systems"].values()))["ece"]["stance"]
    # the other name makes the target mentioned, which moves the model's probabilities (and so its calibration)
    assert ece["other_names"] != ece[""]
