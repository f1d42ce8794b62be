"""The end-to-end who-stands-where measure: speaker matching, gold pairs, one-to-one scoring, and the command."""

from __future__ import annotations

import json

import pytest

from stance.analysis_eval import gold_stances, score_article, speaker_matches
from stance.cli import main
from test_cli import model_file  # noqa: F401  (fixture)
from test_seesaw_corpus import _write


@pytest.mark.parametrize(("pred", "gold", "same"), [
    ("Democrats", "Democratic Party", True),        # first six letters
    ("Obama", "Barack Obama", True),
    ("Mr. Obama", "Barack Obama", True),
    ("Sen. Mitch McConnell", "Mitch McConnell", True),
    ("the president", "Barack Obama", False),      # titles and function words carry no identity
    ("Sen. Warren", "Sen. Sanders", False),
    ("his spokesman", "the spokesman of Obama", False),
    ("Xi", "Xi Jinping", False),                  # words of three letters or more only
    ("Republicans", "Republican Party", True),
])
def test_speaker_matches(pred: str, gold: str, same: bool) -> None:
    assert speaker_matches(pred, gold) is same


ENT = [{"name": "Anna Berg", "type": "People", "role": "Main"}, {"name": "City Council", "type": "Organization", "role": "Main"},
       {"name": "Tom Li", "type": "People", "role": "Salient"}]


def _t(sentence: int, subject: str, polarity: str, obj: str) -> dict:
    return {"sentence": sentence, "subject": subject, "sentiment": polarity, "object": obj}


def test_gold_pairs_take_the_majority_and_drop_ties_and_unlisted_sources() -> None:
    triplets = [
        _t(0, "Anna Berg", "NEG", "City Council"), _t(1, "Anna Berg", "NEG", "City Council"), _t(2, "Anna Berg", "POS", "City Council"),
        _t(0, "Tom Li", "POS", "Anna Berg"), _t(3, "Tom Li", "NEG", "Anna Berg"),          # a tie: dropped
        _t(0, "None", "POS", "Anna Berg"), _t(0, "Not in the list", "NEG", "Anna Berg"),   # no listed source
        _t(4, "City Council", "NEG", "Tom Li"),                                              # object not Main
        _t(5, "City Council", "POS", "Anna Berg"),
    ]
    assert gold_stances(ENT, triplets) == {("Anna Berg", "City Council"): "AGAINST", ("City Council", "Anna Berg"): "FAVOR"}


def test_scoring_is_one_to_one_by_target_stance_and_speaker() -> None:
    gold = {("Anna Berg", "City Council"): "AGAINST", ("City Council", "Anna Berg"): "FAVOR"}
    preds = [("Berg", "AGAINST", "City Council"), ("Anna Berg", "AGAINST", "City Council"),  # the second finds no free gold pair
             ("the council", "AGAINST", "Anna Berg"),                                       # wrong stance
             ("Berg", "FAVOR", "Anna Berg")]                                                # wrong speaker
    r = score_article("a", preds, gold)
    assert r.matched == ((0, 0),)
    assert len(r.predicted) == 4 and len(r.gold) == 2


def test_command_scores_a_small_folder(tmp_path, model_file, capsys) -> None:
    _write(tmp_path, "000", "valid")
    out = tmp_path / "report"
    code = main(["evaluate-analysis", "--split", "valid", "--data-dir", str(tmp_path), "--model", str(model_file), "--output", str(out)])
    assert code == 0
    line = capsys.readouterr().out
    report = json.loads((out / "report.json").read_text())
    assert report["n_gold"] == 1, "Anna Berg against the City Council (sentence 1); sentence 3 is a tie"
    assert f"{report['n_matched']} of {report['n_predicted']} verdicts right" in line
    assert main(["evaluate-analysis", "--split", "test", "--data-dir", str(tmp_path), "--model", str(model_file)]) == 2
