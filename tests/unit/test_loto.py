"""Leave-one-target-out bookkeeping of the default recipe (training/default_model.py, training/evaluate_default.py):
which training rows a held-out SemEval-2016 target removes, and how the figures enter the table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))
import default_model as dm  # noqa: E402
import evaluate_default as ev  # noqa: E402

sys.path.remove(str(REPO / "training"))

from stance.features import Pair  # noqa: E402


def _row(corpus: str, target: str, stance: str | None = "FAVOR", sentiment: str | None = None) -> dm.Row:
    return dm.Row(corpus, Pair("Some invented statement.", target), stance, sentiment, target)


def test_without_target_drops_the_targets_tweets_and_other_corpora_rows_naming_it() -> None:
    data = {
        "semeval2016": [_row("semeval2016", "Hillary Clinton"), _row("semeval2016", "Atheism"), _row("semeval2016", "Legalization of Abortion")],
        "vast": [_row("vast", "hillary"), _row("vast", "abortion rights"), _row("vast", "tax policy")],
        "newsstance": [_row("newsstance", "Senator Clintonberg")],  # a longer word is not the name
        "semeval2017": [_row("semeval2017", "Hillary Clinton", stance=None, sentiment="negative")],  # sentiment only: kept
    }
    kept, dropped = dm.without_target(data, "Hillary Clinton")
    assert [r.pair.target for r in kept["semeval2016"]] == ["Atheism", "Legalization of Abortion"]
    assert [r.pair.target for r in kept["vast"]] == ["abortion rights", "tax policy"]
    assert len(kept["newsstance"]) == 1 and len(kept["semeval2017"]) == 1
    assert dropped == {"semeval2016": 1, "vast": 1, "newsstance": 0, "semeval2017": 0}
    kept, _ = dm.without_target(data, "Legalization of Abortion")
    assert [r.pair.target for r in kept["vast"]] == ["hillary", "tax policy"]


def test_without_target_refuses_a_target_semeval_does_not_have() -> None:
    data = {"semeval2016": [_row("semeval2016", "Atheism")]}
    with pytest.raises(ValueError, match=r"named 'Atheist'; give one of \['Atheism'\]"):
        dm.without_target(data, "Atheist")


LOTO = {
    "Atheism": {"n": 220, "f_avg": 20.21, "dropped_train_rows": {}},
    "Climate Change is a Real Concern": {"n": 169, "f_avg": 24.5, "dropped_train_rows": {}},
    "mean_f_avg": 22.36,
    "pooled_f_avg": 23.0,
}


def test_loto_figures_name_each_target_then_mean_and_pooled() -> None:
    assert ev._loto_figures(LOTO) == "Atheism 20.2; Climate 24.5; mean 22.4; pooled 23.0"


def test_whole_model_figure_only_when_every_target_has_its_encoder() -> None:
    partial = {**LOTO, "with_encoder": {"Atheism": {"f_avg": 41.0}, "share": 0.6, "mean_f_avg": 41.0, "pooled_f_avg": 41.0, "targets": 1}}
    assert ev.loto_row(partial, linear=True)[2] == "– (encoder not retrained per target)"
    full = {**LOTO, "with_encoder": {"Atheism": {"f_avg": 41.0}, "Climate Change is a Real Concern": {"f_avg": 30.0}, "share": 0.6,
                                     "mean_f_avg": 35.5, "pooled_f_avg": 36.0, "targets": 2}}
    row = ev.loto_row(full, linear=True)
    assert row[2] == "Atheism 41.0; Climate 30.0; mean 35.5; pooled 36.0"
    assert row[3] == ev._loto_figures(LOTO)
    assert ev.loto_row(LOTO, linear=False)[2] == ev._loto_figures(LOTO)  # a model without encoder: its own figures


def test_vast_zero_shot_is_split_by_what_the_encoder_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from datasets import Dataset

    from stance.model import ENCODER_TRUNCATED

    # six zero-shot comments (two long, wrongly labelled) and two few-shot comments
    test = Dataset.from_dict({
        "text": ["short a", "short b", "short c", "short d", "long " * 200, "long " * 201, "few", "few b"],
        "target": ["t"] * 8, "aliases": [[]] * 8,
        "stance": ["FAVOR", "AGAINST", "NONE", "FAVOR", "FAVOR", "AGAINST", "NONE", "FAVOR"],
        "seen": ["0", "0", "0", "0", "0", "0", "1", "1"],
    })
    monkeypatch.setattr(ev, "load_corpus", lambda name, data_dir: {"test": test})

    class Model:
        def predict_batch(self, texts, targets, aliases, spans=None):
            out = []
            for text, gold in zip(texts, test["stance"]):
                long = text.startswith("long")
                out.append(SimpleNamespace(stance="NONE" if long else gold, flags=(ENCODER_TRUNCATED,) if long else ()))
            return out

    got = ev.vast(Model(), None)
    assert got["zero_shot"]["n"] == 6 and got["zero_shot_encoder_cut"]["n"] == 2 and got["zero_shot_encoder_whole"]["n"] == 4
    assert got["zero_shot_encoder_whole"]["accuracy"] == 100.0 and got["zero_shot_encoder_cut"]["accuracy"] == 0.0


def test_loto_only_and_no_loto_are_refused_together() -> None:
    with pytest.raises(SystemExit, match="--loto-only and --no-loto contradict"):
        ev.main(["--loto-only", "--no-loto"])


def test_cued_table_picks_the_lowest_share_within_the_tolerance() -> None:
    import numpy as np

    sys.path.insert(0, str(REPO / "training"))
    try:
        import encoder_model as em
    finally:
        sys.path.remove(str(REPO / "training"))
    labels = ["AGAINST", "FAVOR", "NONE"]
    one_hot = np.eye(3)
    gold = ["FAVOR", "AGAINST", "NONE", "FAVOR"]
    # the linear head is right on the two cued rows only, the encoder right on the other two only
    lin = one_hot[[1, 0, 0, 0]]
    enc = one_hot[[2, 2, 2, 1]]
    cued = np.array([True, True, False, False])
    table = em._cued_table({"part": (gold, lin, enc)}, {"part": cued}, labels, 0.6, 50.0)
    assert table["n_cued"] == {"part": 2} and set(table["mean_macro_f1"]) == {"0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"}
    assert table["mean_macro_f1"]["0.0"] == 100.0 and table["mean_macro_f1"]["0.6"] < 100.0
    assert table["chosen"] == 0.0
    # no share within the tolerance (a best_mean the blend does not reach): cued rows keep the plain share
    assert em._cued_table({"part": (gold, lin, enc)}, {"part": cued}, labels, 0.3, 101.0)["chosen"] == 0.3
