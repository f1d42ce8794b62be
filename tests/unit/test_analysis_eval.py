"""The end-to-end who-stands-where measure: speaker matching, gold pairs, one-to-one scoring, and the command."""

from __future__ import annotations

import json

import pytest

from stance.analysis_eval import AnalysisScore, ArticleResult, compare, gold_stances, intervals, score_article, speaker_matches
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
    f1 = report["intervals"]["f1"]
    assert f1["low"] <= report["f1"] == f1["value"] <= f1["high"]
    # a baseline is scored on the same articles; the same model against itself differs by nothing
    assert main(["evaluate-analysis", "--split", "valid", "--data-dir", str(tmp_path), "--model", str(model_file),
                 "--baseline", str(model_file), "--output", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["difference"]["f1"] == {"value": 0.0, "low": 0.0, "high": 0.0, "p_value": 1.0}
    assert report["baseline"]["n_predicted"] == report["n_predicted"] and "baseline " in capsys.readouterr().out
    assert main(["evaluate-analysis", "--split", "test", "--data-dir", str(tmp_path), "--model", str(model_file)]) == 2


def _score(rights: list[tuple[int, int, int]], ids: list[str] | None = None) -> AnalysisScore:
    """A score from (matched, predicted, gold) per article."""
    arts = tuple(ArticleResult(ids[i] if ids else str(i), tuple(("s", "FAVOR", "t") for _ in range(n)), tuple(("s", "t", "FAVOR") for _ in range(g)),
                               tuple((k, k) for k in range(m))) for i, (m, n, g) in enumerate(rights))
    m, n, g = (sum(x[k] for x in rights) for k in range(3))
    p, r = 100 * m / n, 100 * m / g
    return AnalysisScore(round(p, 2), round(r, 2), round(2 * p * r / (p + r), 2) if m else 0.0, n, g, m, arts)


def test_intervals_resample_articles() -> None:
    sure = intervals(_score([(1, 1, 1)] * 20))
    assert (sure["f1"].value, sure["f1"].low, sure["f1"].high) == (100.0, 100.0, 100.0)
    half = intervals(_score([(1, 1, 1)] * 10 + [(0, 1, 1)] * 10))
    assert half["precision"].value == 50.0 and 25 < half["precision"].low < 50 < half["precision"].high < 75
    wide = intervals(_score([(1, 1, 1)] * 3 + [(0, 1, 1)] * 3))  # fewer articles, wider interval
    assert wide["precision"].high - wide["precision"].low > half["precision"].high - half["precision"].low


def test_compare_is_paired_over_the_same_articles() -> None:
    base = _score([(1, 2, 2)] * 30)
    better = _score([(2, 2, 2)] * 30)
    diff = compare(better, base)
    assert diff["precision"].value == 50.0 and diff["precision"].low == diff["precision"].high == 50.0  # better on every article
    assert diff["f1"].p_value is not None and diff["f1"].p_value < 0.01
    mixed = _score([(2, 2, 2)] * 15 + [(0, 2, 2)] * 15)  # as good on average, paired noise
    same = compare(mixed, base)
    assert same["f1"].value == 0.0 and same["f1"].low < 0 < same["f1"].high and same["f1"].p_value > 0.5
    assert str(diff["f1"]).startswith("+50.00 [+50.00, +50.00] p=")
    with pytest.raises(ValueError, match="different articles"):
        compare(base, _score([(1, 2, 2)] * 30, ids=[f"x{i}" for i in range(30)]))
