"""DataFrame in, DataFrame out (stance.frames.predict_frame) and the model as a callable."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from stance.exceptions import InputError
from stance.frames import INVALID_INPUT
from stance.model import Prediction, StanceModel
from synthetic import HELDOUT_ROWS, small_config, train_small_model, trained_model  # noqa: F401

ROWS = HELDOUT_ROWS[:6]


@pytest.fixture
def frame() -> pd.DataFrame:
    # an index that is not 0..n-1 and an extra column, both of which must come back as they went in
    return pd.DataFrame({"id": [f"s{i}" for i in range(len(ROWS))], "sentence": [r["text"] for r in ROWS],
                         "topic": [r["target"] for r in ROWS]}, index=[10, 3, 7, 1, 99, 5])


def test_frame_comes_back_whole_with_the_batch_predictions(trained_model: StanceModel, frame: pd.DataFrame) -> None:
    out = trained_model.predict_frame(frame, text="sentence", target="topic")
    expected = trained_model.predict_batch(list(frame["sentence"]), list(frame["topic"]))
    assert list(out.index) == list(frame.index) and list(out.columns[:3]) == ["id", "sentence", "topic"]
    assert list(out["stance"]) == [p.stance for p in expected]
    assert list(out["stance_confidence"]) == [p.stance_confidence for p in expected]
    for label in trained_model.stance_labels:
        assert list(out[f"p_{label}"]) == [p.stance_probabilities[label] for p in expected]
    assert list(out["sentiment"]) == [p.sentiment for p in expected]
    assert list(out["flags"]) == [tuple(p.flags) for p in expected]
    assert out["error"].isna().all()
    assert list(frame.columns) == ["id", "sentence", "topic"]  # the caller's frame is not changed


def test_bad_row_raises_with_its_index_label_or_is_kept_flagged(trained_model: StanceModel, frame: pd.DataFrame) -> None:
    frame.loc[7, "sentence"] = float("nan")
    frame.loc[99, "topic"] = "  "
    with pytest.raises(InputError, match=r"row 7: text is missing.*errors='flag'"):
        trained_model.predict_frame(frame, text="sentence", target="topic")
    out = trained_model.predict_frame(frame, text="sentence", target="topic", errors="flag")
    assert len(out) == len(frame) and list(out.index) == list(frame.index)
    assert out.loc[7, "stance"] is None and math.isnan(out.loc[7, "stance_confidence"])
    assert out.loc[7, "flags"] == (INVALID_INPUT,) and out.loc[7, "error"] == "text is missing"
    assert out.loc[99, "error"] == "target is empty"
    good = [i for i in frame.index if i not in (7, 99)]
    expected = trained_model.predict_batch(list(frame.loc[good, "sentence"]), list(frame.loc[good, "topic"]))
    assert list(out.loc[good, "stance"]) == [p.stance for p in expected]


def test_existing_prediction_columns_are_not_overwritten(trained_model: StanceModel, frame: pd.DataFrame) -> None:
    frame["stance"] = "gold label"
    with pytest.raises(InputError, match="prefix"):
        trained_model.predict_frame(frame, text="sentence", target="topic")
    out = trained_model.predict_frame(frame, text="sentence", target="topic", prefix="pred_")
    assert (out["stance"] == "gold label").all() and out["pred_stance"].notna().all()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"text": "body"}, "text column 'body' is not in the frame"),
    ({"target": "the tariff"}, r"df.assign\(target="),
    ({"errors": "ignore"}, "errors='ignore'"),
])
def test_bad_arguments_name_what_to_do(trained_model: StanceModel, frame: pd.DataFrame, kwargs, message) -> None:  # noqa: ANN001
    args = {"text": "sentence", "target": "topic", **kwargs}
    with pytest.raises(InputError, match=message):
        trained_model.predict_frame(frame, **args)


def test_aliases_column_as_lists_or_joined_strings(trained_model: StanceModel) -> None:
    text = "Okafor has our full support."
    df = pd.DataFrame({"text": [text, text, text], "target": ["Senator Okafor"] * 3, "al": [["Okafor"], "Okafor|the senator", None]})
    out = trained_model.predict_frame(df, aliases="al")
    with_alias = trained_model.predict(text, "Senator Okafor", ["Okafor"])
    without = trained_model.predict(text, "Senator Okafor")
    assert with_alias.stance_probabilities != without.stance_probabilities  # the alias matters, so the test can fail
    assert out.loc[0, "p_FAVOR"] == out.loc[1, "p_FAVOR"] == with_alias.stance_probabilities["FAVOR"]
    assert out.loc[2, "p_FAVOR"] == without.stance_probabilities["FAVOR"]


def test_model_is_callable_on_one_statement_or_many(trained_model: StanceModel) -> None:
    one = trained_model(ROWS[0]["text"], ROWS[0]["target"])
    assert isinstance(one, Prediction) and one == trained_model.predict(ROWS[0]["text"], ROWS[0]["target"])
    many = trained_model([r["text"] for r in ROWS], "the new bridge")
    assert many == trained_model.predict_batch([r["text"] for r in ROWS], "the new bridge")
    with pytest.raises(InputError, match="one target string"):
        trained_model(ROWS[0]["text"], ["a", "b"])


def test_missing_values_of_nullable_and_arrow_string_columns_are_missing(trained_model: StanceModel, frame: pd.DataFrame) -> None:
    for dtype in ("string", "string[pyarrow]"):
        typed = frame.astype({"sentence": dtype})
        typed.loc[7, "sentence"] = None  # pandas' NA in these columns
        out = trained_model.predict_frame(typed, text="sentence", target="topic", errors="flag")
        assert out.loc[7, "error"] == "text is missing" and out.loc[7, "flags"] == (INVALID_INPUT,), dtype
        assert out["error"].isna().sum() == len(frame) - 1


def test_every_row_the_model_would_refuse_is_flagged_not_fatal(trained_model: StanceModel, frame: pd.DataFrame) -> None:
    from stance.pairs import MAX_TARGET_CHARS, MAX_TEXT_CHARS

    frame.loc[10, "sentence"] = "   "
    frame.loc[3, "sentence"] = "word " * (MAX_TEXT_CHARS // 5 + 1)
    frame.loc[1, "topic"] = "t" * (MAX_TARGET_CHARS + 1)
    out = trained_model.predict_frame(frame, text="sentence", target="topic", errors="flag")
    assert out.loc[10, "error"] == "text is empty"
    assert out.loc[3, "error"].startswith("text has 20,005 characters, over the limit of 20,000")
    assert out.loc[1, "error"] == f"target has {MAX_TARGET_CHARS + 1} characters, over the limit of {MAX_TARGET_CHARS}"
    assert out["error"].notna().sum() == 3 and out.loc[[7, 99, 5], "stance"].notna().all()
    with pytest.raises(InputError, match="row 10: text is empty"):
        trained_model.predict_frame(frame, text="sentence", target="topic")
