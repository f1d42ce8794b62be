"""Scores against values computed by hand, and reports that hold the same numbers."""

from __future__ import annotations

import json

import pytest

from stance.corpora import from_records
from stance.evaluation import evaluate_model, f_avg, render_markdown, sentiment_scores, stance_scores, write_reports
from stance.exceptions import CorpusError
from synthetic import HELDOUT_ROWS, trained_model  # noqa: F401

# A tiny example, scored by hand:
#   gold  F F A A N N        targets a a a b b b
#   pred  F A A A N F
# FAVOR:   TP 1, FP 1 (row 5), FN 1 (row 1) -> P 1/2, R 1/2, F1 1/2
# AGAINST: TP 2, FP 1 (row 1), FN 0         -> P 2/3, R 1,   F1 4/5
# NONE:    TP 1, FP 0, FN 1 (row 5)         -> P 1,   R 1/2, F1 2/3
# F_avg = (1/2 + 4/5) / 2 = 65.0; macro F1 = (1/2 + 4/5 + 2/3) / 3 = 65.56; accuracy 4/6 = 66.67
# target a: gold F F A, pred F A A -> F1(FAVOR) 2/3, F1(AGAINST) 2/3 -> F_avg 66.67, accuracy 2/3
# target b: gold A N N, pred A N F -> F1(FAVOR) 0 (one false positive), F1(AGAINST) 1 -> F_avg 50, accuracy 2/3
GOLD = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE", "NONE"]
PRED = ["FAVOR", "AGAINST", "AGAINST", "AGAINST", "NONE", "FAVOR"]
TARGETS = ["a", "a", "a", "b", "b", "b"]


def test_f_avg_hand_computed() -> None:
    assert f_avg(GOLD, PRED) == pytest.approx(65.0)
    assert f_avg(GOLD, GOLD) == pytest.approx(100.0)


def test_f_avg_ignores_none_as_a_class_but_not_its_errors() -> None:
    # NONE-vs-NONE agreement does not count; a FAVOR predicted for a NONE statement does
    assert f_avg(["NONE", "FAVOR", "AGAINST"], ["NONE", "FAVOR", "AGAINST"]) == pytest.approx(100.0)
    assert f_avg(["NONE", "FAVOR", "AGAINST"], ["FAVOR", "FAVOR", "AGAINST"]) == pytest.approx((2 / 3 + 1) / 2 * 100)
    # all wrong
    assert f_avg(["FAVOR", "AGAINST"], ["AGAINST", "FAVOR"]) == 0.0


def test_stance_scores_hand_computed() -> None:
    s = stance_scores(GOLD, PRED, TARGETS)
    assert s["n"] == 6
    assert s["labels"] == ["FAVOR", "AGAINST", "NONE"]
    assert s["f_avg"] == pytest.approx(65.0)
    assert s["macro_f1"] == pytest.approx((1 / 2 + 4 / 5 + 2 / 3) / 3 * 100)
    assert s["accuracy"] == pytest.approx(400 / 6)
    assert s["per_label"]["FAVOR"] == pytest.approx({"precision": 50.0, "recall": 50.0, "f1": 50.0, "support": 2})
    assert s["per_label"]["AGAINST"] == pytest.approx({"precision": 200 / 3, "recall": 100.0, "f1": 80.0, "support": 2})
    assert s["per_label"]["NONE"] == pytest.approx({"precision": 100.0, "recall": 50.0, "f1": 200 / 3, "support": 2})
    # rows: gold label, columns: predicted label, in the order of "labels"
    assert s["confusion"] == {"labels": ["FAVOR", "AGAINST", "NONE"], "matrix": [[1, 1, 0], [0, 2, 0], [1, 0, 1]]}


def test_per_target_scores_hand_computed() -> None:
    per = stance_scores(GOLD, PRED, TARGETS)["per_target"]
    assert set(per) == {"a", "b"}
    assert per["a"]["n"] == 3 and per["b"]["n"] == 3
    assert per["a"]["f_avg"] == pytest.approx(200 / 3)
    assert per["b"]["f_avg"] == pytest.approx(50.0)
    assert per["a"]["accuracy"] == pytest.approx(200 / 3)
    assert per["b"]["accuracy"] == pytest.approx(200 / 3)


def test_no_per_target_without_targets() -> None:
    assert "per_target" not in stance_scores(GOLD, PRED)


def test_f_avg_is_none_without_favor_or_against() -> None:
    assert stance_scores(["NONE", "NONE"], ["NONE", "NONE"])["f_avg"] is None


def test_single_label_data_give_a_one_by_one_confusion_matrix_without_warnings() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # sklearn's confusion_matrix warned here
        s = stance_scores(["NONE", "NONE", "NONE"], ["NONE", "NONE", "NONE"])
    assert s["confusion"] == {"labels": ["NONE"], "matrix": [[3]]}


def test_sentiment_scores_hand_computed() -> None:
    m = {"FAVOR": "positive", "AGAINST": "negative", "NONE": "neutral"}
    gold, pred = [m[g] for g in GOLD], [m[p] for p in PRED]
    s = sentiment_scores(gold, pred)
    assert s["labels"] == ["positive", "negative", "neutral"]
    assert s["f1_pos_neg"] == pytest.approx(65.0)  # same structure as the stance example
    assert s["macro_f1"] == pytest.approx((1 / 2 + 4 / 5 + 2 / 3) / 3 * 100)
    assert s["accuracy"] == pytest.approx(400 / 6)
    assert s["macro_recall"] == pytest.approx((1 / 2 + 1 + 1 / 2) / 3 * 100)
    assert s["confusion"]["matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_sentiment_without_positive_or_negative() -> None:
    s = sentiment_scores(["neutral", "neutral"], ["neutral", "neutral"])
    assert s["f1_pos_neg"] is None
    assert s["accuracy"] == 100.0


# ---------------------------------------------------------------------------------------------- evaluate_model
@pytest.fixture(scope="module")
def heldout_dataset():
    return from_records([dict(r) for r in HELDOUT_ROWS])


def test_evaluate_model_report(trained_model, heldout_dataset) -> None:
    report = evaluate_model(trained_model, heldout_dataset, corpus="synthetic", split="heldout", progress=False)
    assert report["corpus"] == "synthetic" and report["split"] == "heldout"
    assert report["n"] == len(HELDOUT_ROWS)
    preds = report["predictions"]
    assert len(preds) == len(HELDOUT_ROWS)
    assert [p["text"] for p in preds] == [r["text"] for r in HELDOUT_ROWS], "predictions keep the dataset order"
    assert [p["gold_stance"] for p in preds] == [r["stance"] for r in HELDOUT_ROWS]
    # the scores in the report are those of its own predictions
    gold = [p["gold_stance"] for p in preds]
    pred = [p["stance"] for p in preds]
    targets = [p["target"] for p in preds]
    assert report["stance"] == stance_scores(gold, pred, targets)
    assert report["sentiment"] == sentiment_scores([p["gold_sentiment"] for p in preds], [p["sentiment"] for p in preds])
    assert set(report["stance"]["per_target"]) == {r["target"] for r in HELDOUT_ROWS}
    assert report["stance"]["f_avg"] > 50.0, "the synthetic held-out set is easy"
    assert report["model"]["n_train"] == trained_model.metadata["n_train"]
    assert "config" not in report["model"] and report["model_config"] == trained_model.metadata["config"]
    json.dumps(report)


def test_evaluate_model_counts_flags(trained_model) -> None:
    rows = [dict(r) for r in HELDOUT_ROWS[:4]] + [
        {"text": "Η γέφυρα είναι καλή.", "target": "the new bridge", "stance": "FAVOR", "sentiment": "positive"}
    ]
    report = evaluate_model(trained_model, from_records(rows), progress=False)
    assert report["flags"].get("non_latin_script") == 1
    assert report["predictions"][-1]["flags"]


def test_flag_scores_score_each_flag_group(trained_model) -> None:
    rows = [dict(r) for r in HELDOUT_ROWS] + [
        {"text": "Η γέφυρα είναι καλή.", "target": "the new bridge", "stance": "FAVOR", "sentiment": "positive"},
        {"text": "Taxes are far too high this year.", "target": "the new bridge", "stance": "NONE", "sentiment": "negative"},
    ]
    report = evaluate_model(trained_model, from_records(rows), progress=False)
    preds = report["predictions"]
    scores = report["flag_scores"]
    assert scores["target_not_mentioned"]["n"] == report["flags"]["target_not_mentioned"] >= 2
    assert scores["without_flags"]["n"] == sum(1 for p in preds if not p["flags"])
    for name, group in scores.items():
        rows_in = [p for p in preds if (name in p["flags"] if name != "without_flags" else not p["flags"])]
        right = sum(p["stance"] == p["gold_stance"] for p in rows_in)
        assert group["accuracy"] == round(100 * right / len(rows_in), 2)
    assert "Stance by flag" in render_markdown(report)


def test_evaluate_without_sentiment_labels(trained_model) -> None:
    rows = [{k: v for k, v in r.items() if k != "sentiment"} for r in HELDOUT_ROWS]
    report = evaluate_model(trained_model, from_records(rows), progress=False)
    assert "stance" in report and "sentiment" not in report


def test_evaluate_empty_dataset(trained_model, heldout_dataset) -> None:
    with pytest.raises(CorpusError, match="no rows"):
        evaluate_model(trained_model, heldout_dataset.select([]), progress=False)


def test_write_reports(trained_model, heldout_dataset, tmp_path) -> None:
    report = evaluate_model(trained_model, heldout_dataset, corpus="synthetic", split="heldout", progress=False)
    out = tmp_path / "reports" / "run1"
    paths = write_reports(report, out)
    assert sorted(p.name for p in paths) == ["report.json", "report.md"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["stance"]["f_avg"] == pytest.approx(report["stance"]["f_avg"])
    assert saved["stance"]["macro_f1"] == pytest.approx(report["stance"]["macro_f1"])
    assert saved["stance"]["per_target"] == report["stance"]["per_target"]  # JSON floats round-trip exactly
    assert saved["sentiment"]["macro_f1"] == pytest.approx(report["sentiment"]["macro_f1"])
    assert saved["stance"]["confusion"] == report["stance"]["confusion"]
    assert len(saved["predictions"]) == len(HELDOUT_ROWS)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md == render_markdown(report)
    assert "# Evaluation: synthetic / heldout" in md
    assert f"**{report['stance']['f_avg']:.2f}**" in md
    assert f"{report['sentiment']['macro_f1']:.2f}" in md
    for t in {r["target"] for r in HELDOUT_ROWS}:
        assert f"| {t} |" in md


def test_render_markdown_of_the_hand_example() -> None:
    report = {"corpus": "toy", "split": "test", "n": 6, "predict_seconds": 0.5, "statements_per_second": 12.0,
              "model": {}, "stance": stance_scores(GOLD, PRED, TARGETS)}
    md = render_markdown(report)
    assert "**65.00**" in md
    assert "| a | 3 | 66.67 |" in md and "| b | 3 | 50.00 |" in md
    assert "| FAVOR | 1 | 1 | 0 |" in md
    assert "## Sentiment" not in md


def test_write_reports_of_the_hand_example(tmp_path) -> None:
    """The JSON written holds the hand-computed numbers, not just whatever the report had."""
    report = {"corpus": "toy", "split": "test", "n": 6, "predict_seconds": 0.5, "statements_per_second": 12.0,
              "model": {}, "stance": stance_scores(GOLD, PRED, TARGETS)}
    write_reports(report, tmp_path)
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert saved["stance"]["f_avg"] == pytest.approx(65.0)
    assert saved["stance"]["per_target"]["b"]["f_avg"] == pytest.approx(50.0)
    assert saved["stance"]["confusion"]["matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    assert "**65.00**" in (tmp_path / "report.md").read_text(encoding="utf-8")
