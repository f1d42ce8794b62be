"""stance.train from a pandas DataFrame and a datasets.Dataset with the command line's column options (text, target,
stance, sentiment, aliases), errors that name the row and the column, ``stance train`` calling the API with the same
options, its note about the SemEval-2016 recipe, and TrainConfig's documented defaults."""

from __future__ import annotations

import json
import re

import datasets
import numpy as np
import pandas as pd
import pytest

import stance
from stance.cli import main
from stance.corpora import REGISTRY, from_records
from stance.exceptions import CorpusError, LabelError
from synthetic import HELDOUT_ROWS, SMALL_FEATURIZER, TRAIN_ROWS, write_csv, write_jsonl

CONFIG = {"featurizer": SMALL_FEATURIZER, "calibration_folds": 3}
HELD_PAIRS = [(r["text"], r["target"]) for r in HELDOUT_ROWS]


def _proba(model: stance.StanceModel) -> np.ndarray:
    return model.predict_proba(HELD_PAIRS)


def _masks_the_target(model: stance.StanceModel) -> bool:
    """Whether the featurizer found the target's mentions (its word features then hold ``_tgt_``)."""
    return any("_tgt_" in str(f) for f in model.featurizer.word_vocabulary_)


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return _proba(stance.train([dict(r) for r in TRAIN_ROWS], config=CONFIG, progress=False))


#: The synthetic corpus under other column names, the target named only by an alias in the statements.
ALIASED = pd.DataFrame({
    "tweet": [re.sub(re.escape(r["target"]), "it all", r["text"], flags=re.I) for r in TRAIN_ROWS],
    "topic": [r["target"] for r in TRAIN_ROWS],
    "label": [r["stance"] for r in TRAIN_ROWS],
    "mood": [r["sentiment"] for r in TRAIN_ROWS],
    "names": ["it all"] * len(TRAIN_ROWS),
})
COLUMNS = {"text_column": "tweet", "target_column": "topic", "stance_column": "label", "sentiment_column": "mood"}


def test_train_from_a_dataframe_equals_records(reference) -> None:
    frame = pd.DataFrame(TRAIN_ROWS).set_index(pd.Index([f"s{i}" for i in range(len(TRAIN_ROWS))]))
    model = stance.train(frame, config=CONFIG, progress=False)
    np.testing.assert_allclose(_proba(model), reference, rtol=0, atol=1e-12)
    assert model.sentiment_labels == ["positive", "negative", "neutral"]


def test_column_options_for_a_dataframe_and_a_dataset() -> None:
    for data in (ALIASED, datasets.Dataset.from_pandas(ALIASED, preserve_index=False)):
        named = stance.train(data, config=CONFIG, aliases_column="names", progress=False, **COLUMNS)
        plain = stance.train(data, config=CONFIG, aliases_column=None, progress=False, **COLUMNS)
        assert _masks_the_target(named) and not _masks_the_target(plain), type(data).__name__
        assert named.sentiment_labels == ["positive", "negative", "neutral"]
    lists = ALIASED.assign(names=[["it all", "that"]] * len(ALIASED))
    assert _masks_the_target(stance.train(lists, config=CONFIG, aliases_column="names", progress=False, **COLUMNS))


def test_dataframe_errors_name_the_row_label_and_the_column() -> None:
    frame = ALIASED.head(12).set_index(pd.Index(list("abcdefghijkl")))
    for value in (None, float("nan")):
        bad = frame.astype(object)
        bad.loc["c", "tweet"] = value
        with pytest.raises(CorpusError, match=r"the DataFrame: row 'c': the text \(column 'tweet'\) is missing; fill the cell or drop"):
            stance.train(bad, config=CONFIG, **COLUMNS)
    bad = frame.astype(object)
    bad.loc["d", "topic"] = 3
    with pytest.raises(CorpusError, match=r"row 'd': the target \(column 'topic'\) holds int 3, not a string"):
        stance.train(bad, config=CONFIG, **COLUMNS)
    bad = frame.astype(object)
    bad.loc["e", "label"] = "sort of"
    with pytest.raises(LabelError, match=r"the DataFrame: row 'e': unknown stance label 'sort of'"):
        stance.train(bad, config=CONFIG, **COLUMNS)
    bad.loc["e", "label"] = None
    with pytest.raises(LabelError, match=r"row 'e': no stance label \(column 'label' is empty\)"):
        stance.train(bad, config=CONFIG, **COLUMNS)
    with pytest.raises(CorpusError, match=r"the DataFrame: missing column\(s\) \['text', 'target', 'stance'\]; it has \['label', 'mood', "
                                          r"'names', 'topic', 'tweet'\]\. Name the right ones with text_column="):
        stance.train(frame, config=CONFIG)


def test_a_number_in_the_text_column_of_a_file_is_refused_by_line(tmp_path) -> None:
    rows = [dict(r) for r in TRAIN_ROWS[:8]]
    rows[3]["text"] = 42
    path = write_jsonl(tmp_path / "t.jsonl", rows)
    with pytest.raises(CorpusError, match=r"t.jsonl: line 4: the text \(column 'text'\) holds int 42, not a string"):
        stance.train(path, config=CONFIG)


def test_cli_train_takes_the_same_column_options_as_the_api(tmp_path, capsys) -> None:
    data = write_csv(tmp_path / "aliased.csv", ALIASED.to_dict("records"))
    config = tmp_path / "config.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    out = tmp_path / "m.stance"
    argv = ["train", "--input", str(data), "--config", str(config), "--output", str(out), "--text-column", "tweet",
            "--target-column", "topic", "--stance-column", "label", "--sentiment-column", "mood", "--aliases-column", "names"]
    assert main(argv) == 0
    assert "note:" not in capsys.readouterr().err  # the recipe note is for registered corpora only
    from_cli = stance.load(out)
    api = stance.train(ALIASED, config=CONFIG, aliases_column="names", progress=False, **COLUMNS)
    assert _masks_the_target(from_cli)
    np.testing.assert_allclose(_proba(from_cli), _proba(api), rtol=0, atol=1e-12)


def _synthetic_corpus(data_dir=None):  # noqa: ANN001, ANN202
    return datasets.DatasetDict({"train": from_records([dict(r) for r in TRAIN_ROWS])})


def test_cli_train_on_semeval2016_points_to_the_recipe(tmp_path, capsys, monkeypatch) -> None:
    # the registered name with the synthetic corpus behind it, so that the real command runs in a second
    monkeypatch.setitem(REGISTRY, "semeval2016", (_synthetic_corpus, "synthetic stand-in"))
    config = tmp_path / "config.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    for extra, settings in (([], "TrainConfig's defaults"), (["--config", str(config)], "the --config options")):
        assert main(["train", "--corpus", "semeval2016", "--output", str(tmp_path / "m.stance"), *extra]) == 0
        captured = capsys.readouterr()
        notes = [line for line in captured.err.splitlines() if line.startswith("note:")]
        assert len(notes) == 1 and "python training/semeval2016.py" in notes[0] and settings in notes[0], captured.err
        assert "note" not in captured.out
    assert main(["-q", "train", "--corpus", "semeval2016", "--output", str(tmp_path / "m.stance"), "--config", str(config)]) == 0
    assert "note:" not in capsys.readouterr().err


def test_train_config_docstring_states_the_defaults_exactly() -> None:
    doc = " ".join((stance.TrainConfig.__doc__ or "").split())
    stated = dict(re.findall(r"``(\w+)=([^`]+)``", doc.split("The defaults, exactly:")[1].split("They are")[0]))
    config = stance.TrainConfig()
    assert set(stated) == set(config.to_dict()), stated
    for name, text in stated.items():
        assert repr(getattr(config, name)).replace("'", '"') == text.replace("'", '"'), name
    assert "not the settings of any shipped model" in doc and "python training/semeval2016.py" in doc


def test_cli_evaluate_reads_the_aliases_column(tmp_path, capsys) -> None:
    model = tmp_path / "m.stance"
    stance.train(ALIASED, config=CONFIG, aliases_column="names", progress=False, **COLUMNS).save(model)
    data = write_csv(tmp_path / "eval.csv", ALIASED.head(30).to_dict("records"))
    columns = ["--text-column", "tweet", "--target-column", "topic", "--stance-column", "label", "--sentiment-column", "mood"]
    unmentioned = {}
    for name in ("names", ""):  # "": read no aliases column
        out = tmp_path / (name or "none")
        assert main(["evaluate", "--model", str(model), "--input", str(data), "--output", str(out), *columns, "--aliases-column", name]) == 0
        unmentioned[name] = json.loads((out / "report.json").read_text(encoding="utf-8"))["flags"].get("target_not_mentioned", 0)
    capsys.readouterr()
    # the statements name their target only by its alias (some, talking of something else, not at all)
    without_alias = sum("it all" not in t.lower() for t in ALIASED.head(30)["tweet"])
    assert 0 < without_alias < 30 and unmentioned == {"names": without_alias, "": 30}
    # a column name the file lacks is an error naming it, not every alias silently dropped
    assert main(["evaluate", "--model", str(model), "--input", str(data), "--output", str(tmp_path / "typo"), *columns,
                 "--aliases-column", "no_such_column"]) == 1
    assert "no aliases column 'no_such_column'" in capsys.readouterr().err
