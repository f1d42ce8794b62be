"""Scores recorded after a model was built live beside its file (issue 21: a re-evaluation must not rewrite the
weights in git history)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from stance.exceptions import ModelFormatError
from stance.persistence import read_metadata, read_recorded_scores, recorded_scores_path
from synthetic import train_small_model

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("m") / "small.stance"
    train_small_model().save(path)
    return path


def test_the_file_beside_the_model_is_read(saved: Path) -> None:
    side = recorded_scores_path(saved)
    assert side == saved.with_name("small.scores.json")
    assert read_recorded_scores(saved) == {}  # none recorded yet, none in the metadata
    side.write_text(json.dumps({"newsstance": {"f_avg": 81.6}}), encoding="utf-8")
    try:
        assert read_recorded_scores(saved) == {"newsstance": {"f_avg": 81.6}}
    finally:
        side.unlink()


@pytest.mark.parametrize("content", ["{not json", "[1, 2]"])
def test_a_broken_scores_file_is_an_error_naming_it(saved: Path, content: str) -> None:
    side = recorded_scores_path(saved)
    side.write_text(content, encoding="utf-8")
    try:
        with pytest.raises(ModelFormatError, match=r"small\.scores\.json.*evaluate_default"):
            read_recorded_scores(saved)
    finally:
        side.unlink()


def test_recording_writes_beside_the_model_and_leaves_the_model_file_alone(saved: Path) -> None:
    sys.path.insert(0, str(REPO / "training"))
    try:
        import evaluate_default
    finally:
        sys.path.remove(str(REPO / "training"))
    before = saved.read_bytes()
    side = evaluate_default.record(saved, {"vast": {"macro_f1": 52.2}})
    try:
        assert side == recorded_scores_path(saved)
        assert saved.read_bytes() == before
        assert read_recorded_scores(saved) == {"vast": {"macro_f1": 52.2}}
    finally:
        side.unlink()


def test_the_shipped_default_model_has_its_scores_beside_it() -> None:
    model = REPO / "stance" / "models" / "default.stance"
    scores = read_recorded_scores(model)
    assert recorded_scores_path(model).exists()
    for key in ("newsmtsc", "vast", "newsstance", "semeval_test", "tweeteval", "linear"):
        assert key in scores, key
    # the metadata's copy is from the build; the file beside it is the one kept current
    assert "test_scores" in read_metadata(model)
