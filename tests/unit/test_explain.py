"""``explain``: the contributions add up to the SVM's decision value, sides are ordered and signed,
binary heads are handled, and ``stance predict --explain`` prints the explanation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import stance
from stance.exceptions import InputError
from stance.explain import describe_feature, explain, linear_weights


def _rows(labels: tuple[str, ...] = ("FAVOR", "AGAINST", "NONE"), n: int = 90) -> list[dict[str, Any]]:
    words = {"FAVOR": ["love", "support", "great"], "AGAINST": ["hate", "oppose", "awful"], "NONE": ["saw", "read", "met"]}
    rows = []
    for i in range(n):
        lab = labels[i % len(labels)]
        w = words[lab][(i // len(labels)) % 3]
        target = "the mayor" if i % 2 else "the council"
        rows.append({"text": f"I {w} {target} today, item {i % 7}", "target": target, "stance": lab,
                     "sentiment": {"FAVOR": "positive", "AGAINST": "negative", "NONE": "neutral"}[lab]})
    return rows


@pytest.fixture(scope="module")
def model() -> Any:
    return stance.train(_rows(), config={"featurizer": {"min_df": 1, "min_target_count": 10}})


def _decision(model: Any, head: Any, text: str, target: str, label: str) -> float:
    from stance.features import as_pairs

    est = head.calibrated_classifiers_[0].estimator
    X, _ = model.featurizer.transform_with_coverage(as_pairs([(text, target)]))
    scores = np.atleast_1d(est.decision_function(X)[0])
    classes = [str(c) for c in est.classes_]
    if len(classes) == 2:
        return float(scores[0] if label == classes[1] else -scores[0])
    return float(scores[classes.index(label)])


@pytest.mark.parametrize("text,target", [("I hate the mayor so much", "the mayor"), ("I love the council", "the council"), ("Nothing here", "a new target")])
def test_contributions_and_intercept_add_up_to_the_decision_value(model: Any, text: str, target: str) -> None:
    e = explain(model, text, target, top=10_000)
    assert e["predicted"] == model.predict(text, target).stance
    assert e["label"] == e["predicted"]
    assert e["confidence"] == pytest.approx(model.predict(text, target).stance_confidence)
    total = e["intercept"] + sum(f["contribution"] for f in e["toward"] + e["away"])
    assert total == pytest.approx(e["score"], abs=1e-9)
    assert e["score"] == pytest.approx(_decision(model, model.stance_head, text, target, e["label"]), abs=1e-9)


def test_sides_are_signed_ordered_and_named(model: Any) -> None:
    e = explain(model, "I hate the mayor and oppose the mayor", "the mayor", top=5)
    assert e["label"] == "AGAINST"
    toward = [f["contribution"] for f in e["toward"]]
    away = [f["contribution"] for f in e["away"]]
    assert all(c > 0 for c in toward) and toward == sorted(toward, reverse=True)
    assert all(c < 0 for c in away) and away == sorted(away)
    assert len(e["toward"]) <= 5 and len(e["away"]) <= 5
    names = set(model.featurizer.get_feature_names_out())
    for f in e["toward"] + e["away"]:
        assert f["feature"] in names
        assert f["contribution"] == pytest.approx(f["value"] * f["weight"])
        assert f["description"]
    assert any("oppose" in f["feature"] or "hate" in f["feature"] for f in e["toward"])


def test_explaining_another_label_and_the_sentiment_head(model: Any) -> None:
    e = explain(model, "I hate the mayor", "the mayor", label="FAVOR")
    assert e["label"] == "FAVOR" and e["predicted"] == "AGAINST"
    assert e["score"] == pytest.approx(_decision(model, model.stance_head, "I hate the mayor", "the mayor", "FAVOR"), abs=1e-9)
    s = explain(model, "I love the mayor", "the mayor", task="sentiment")
    assert s["task"] == "sentiment" and s["predicted"] == model.predict("I love the mayor", "the mayor").sentiment
    with pytest.raises(InputError, match="'MAYBE' is not one of the model's labels"):
        explain(model, "x", "y", label="MAYBE")
    with pytest.raises(InputError, match="top=0"):
        explain(model, "x", "y", top=0)
    with pytest.raises(InputError, match="task 'emotion'"):
        explain(model, "x", "y", task="emotion")


def test_binary_head_negates_the_single_row() -> None:
    m = stance.train(_rows(("FAVOR", "AGAINST"), 60), config={"featurizer": {"min_df": 1, "per_target": False}})
    est = m.stance_head.calibrated_classifiers_[0].estimator
    assert est.coef_.shape[0] == 1
    classes = [str(c) for c in est.classes_]
    w0, b0 = linear_weights(m.stance_head, classes[0])
    w1, b1 = linear_weights(m.stance_head, classes[1])
    assert np.allclose(w0, -w1) and b0 == pytest.approx(-b1)
    for text in ("I hate the mayor", "I love the council"):
        e = explain(m, text, "the mayor")
        assert e["score"] == pytest.approx(_decision(m, m.stance_head, text, "the mayor", e["label"]), abs=1e-9)
        assert e["score"] > 0  # the predicted label of a binary SVM has a positive decision value


def test_explain_after_saving_and_loading(model: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.stance"
    model.save(path)
    loaded = stance.load(path)
    a = explain(model, "I hate the mayor", "the mayor")
    b = explain(loaded, "I hate the mayor", "the mayor")
    assert [f["feature"] for f in a["toward"]] == [f["feature"] for f in b["toward"]]
    assert a["score"] == pytest.approx(b["score"])


def test_describe_feature() -> None:
    assert describe_feature("w:stand with") == "word n-gram 'stand with'"
    assert describe_feature("c:abc") == "character n-gram 'abc'"
    assert describe_feature("x:L:vote") == "'vote' just left of the target"
    assert describe_feature("d:mention_none") == "the target is not named"
    assert describe_feature("t[atheism]:w:god") == "for target atheism: word n-gram 'god'"
    assert describe_feature("neg:fair") == "negated word 'fair'"


def test_predict_command_explain(model: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from stance.cli import main

    path = tmp_path / "m.stance"
    model.save(path)
    assert main(["predict", "--model", str(path), "I hate the mayor", "--target", "the mayor", "--explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    ex = out["explanation"]
    assert ex["label"] == out["stance"]
    assert ex["toward"] and all(f["contribution"] > 0 for f in ex["toward"])
