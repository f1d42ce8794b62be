"""Errors outside the documented types (issue 18 item 10): bad arguments, training options, --config files and
lines of input files give a StanceError subclass naming the value, the option, the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

import stance
from stance.cli import main
from stance.exceptions import ConfigError, InputError, StanceError
from stance.model import TrainConfig
from synthetic import train_small_model, trained_model  # noqa: F401  (fixture)

ARTICLE = 'The mayor backs the plan. "We will build the bridge," said Ana Ruiz, the mayor.'


# ---------------------------------------------------------------------------------------------- the API
@pytest.mark.parametrize(
    "call, named",
    [
        (lambda m: m.predict_batch(5, "x"), "texts is int 5"),
        (lambda m: m.predict_batch(["We back it."], 5), "targets is int 5"),
        (lambda m: m.predict_batch(["We back it."], ["it"], aliases=5), "aliases is int 5"),
        (lambda m: m.predict_batch(["We back it."], ["it"], speakers=5), "speakers is int 5"),
        (lambda m: m.predict_batch(["We back it."], ["it"], contexts=7.5), "contexts is float 7.5"),
        (lambda m: stance.analyze(ARTICLE, 5, model=m), "targets is int 5"),
        (lambda m: stance.analyze(ARTICLE, [5], model=m), "target 0 is 5"),
        (lambda m: stance.analyze(ARTICLE, ["the plan", ""], model=m), "target 1 is ''"),
        (lambda m: stance.analyze(ARTICLE, "the plan", aliases=["x"], model=m), "aliases is list"),
    ],
)
def test_bad_arguments_raise_input_error_naming_the_value(trained_model, call, named) -> None:
    with pytest.raises(InputError) as info:
        call(trained_model)
    assert named in str(info.value)
    assert "give" in str(info.value)  # says what to pass


# ---------------------------------------------------------------------------------------------- training options
@pytest.mark.parametrize(
    "options, named",
    [
        ({"stance_C": -1}, "stance_C=-1"),
        ({"stance_C": "high"}, "stance_C='high'"),
        ({"sentiment_C": float("nan")}, "sentiment_C=nan"),
        ({"class_weight": "heavy"}, "class_weight='heavy'"),
        ({"class_weight": {"FAVOR": -2}}, "class_weight={'FAVOR': -2}"),
        ({"calibration_folds": 1}, "calibration_folds=1"),
        ({"calibration_folds": True}, "calibration_folds=True"),
        ({"calibration_folds": 2.5}, "calibration_folds=2.5"),
        ({"random_state": -3}, "random_state=-3"),
        ({"featurizer": {"min_dff": 2}}, "min_dff"),
        ({"featurizer": "small"}, "featurizer='small'"),
        ({"stance_c": 1.0}, "stance_c"),
    ],
)
def test_bad_training_options_raise_config_error(options, named) -> None:
    with pytest.raises(ConfigError) as info:
        TrainConfig.from_dict(options)
    assert isinstance(info.value, StanceError) and named in str(info.value)


def test_bad_options_are_refused_before_any_training() -> None:
    with pytest.raises(ConfigError, match="stance_C=0"):
        TrainConfig(stance_C=0)
    assert TrainConfig(class_weight=None).class_weight is None  # valid values still pass


@pytest.mark.parametrize(
    "content, named",
    [
        ('{"stance_C": 0.3,\n', "line 2, column 1"),
        ('{"stance_C": 0.3}\n{"x": 1}', "line 2, column 1"),
        ('[1, 2]', "list"),
        ('{"calibration_folds": 0}', "calibration_folds=0"),
    ],
)
def test_malformed_config_file_is_named(tmp_path, capsys, content, named) -> None:
    config = tmp_path / "options.json"
    config.write_text(content, encoding="utf-8")
    data = tmp_path / "train.csv"
    data.write_text("text,target,stance\nWe back it.,it,FAVOR\n", encoding="utf-8")
    assert main(["train", "--input", str(data), "--config", str(config), "--output", str(tmp_path / "m.stance")]) == 1
    err = capsys.readouterr().err
    assert str(config) in err and named in err, err


# ---------------------------------------------------------------------------------------------- lines of input files
def _predict_err(model_path: Path, data: Path, capsys) -> str:
    assert main(["predict", "--model", str(model_path), "--input", str(data), "--output", str(data.with_suffix(".out.jsonl"))]) == 1
    return capsys.readouterr().err


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    from stance.persistence import save_model

    return save_model(train_small_model(), tmp_path_factory.mktemp("m") / "m.stance")


def test_jsonl_errors_name_the_line_an_editor_shows(model_path, tmp_path, capsys) -> None:
    data = tmp_path / "rows.jsonl"
    data.write_text('{"text": "We back it.", "target": "it"}\n\n{"text": "Fine.", "target": "it"}\n{"text": null, "target": "it"}\n',
                    encoding="utf-8")
    err = _predict_err(model_path, data, capsys)
    assert f"{data}: line 4:" in err and "None" in err


def test_csv_errors_name_the_line_an_editor_shows(model_path, tmp_path, capsys) -> None:
    data = tmp_path / "rows.csv"
    data.write_text('text,target\n"We back\nit.",it\n\nFine.,\n', encoding="utf-8")  # a field over two lines, a blank line
    err = _predict_err(model_path, data, capsys)
    assert f"{data}: line 5:" in err and "target" in err


def test_label_errors_in_a_training_file_name_the_line(tmp_path) -> None:
    data = tmp_path / "train.jsonl"
    data.write_text('{"text": "We back it.", "target": "it", "stance": "pro"}\n\n\n{"text": "No.", "target": "it", "stance": "maybe"}\n',
                    encoding="utf-8")
    from stance.corpora import load_file

    with pytest.raises(StanceError, match=r"train.jsonl: line 4: unknown stance label 'maybe'"):
        load_file(data)
