"""StanceModel on the synthetic corpus: learning, probabilities, batch semantics, label checks, flags."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.svm import LinearSVC

from stance.exceptions import InputError, LabelError, NotFittedError
from stance.features import MAX_TEXT_CHARS, StanceFeaturizer
from stance.model import LOW_COVERAGE, NON_LATIN, TARGET_NOT_MENTIONED, Prediction, StanceModel, TrainConfig
from synthetic import HELDOUT_ROWS, TRAIN_ROWS, small_config, train_small_model, trained_model  # noqa: F401

TEXTS = [r["text"] for r in HELDOUT_ROWS]
TARGETS = [r["target"] for r in HELDOUT_ROWS]


def _pairs(rows):
    return [(r["text"], r["target"]) for r in rows]


# ---------------------------------------------------------------------------------------------- learning
def test_heldout_predictions_beat_chance(trained_model: StanceModel) -> None:
    preds = trained_model.predict_batch(TEXTS, TARGETS)
    gold = [r["stance"] for r in HELDOUT_ROWS]
    acc = float(np.mean([p.stance == g for p, g in zip(preds, gold)]))
    # three balanced classes: chance is 1/3. The held-out templates differ from the training ones.
    assert acc >= 0.6, f"held-out stance accuracy {acc:.2f}"
    for label in ("FAVOR", "AGAINST", "NONE"):
        idx = [i for i, g in enumerate(gold) if g == label]
        recall = np.mean([preds[i].stance == label for i in idx])
        assert recall > 1 / 3, f"recall of {label} is {recall:.2f}"
    sent_acc = float(np.mean([p.sentiment == r["sentiment"] for p, r in zip(preds, HELDOUT_ROWS)]))
    assert sent_acc >= 0.6, f"held-out sentiment accuracy {sent_acc:.2f}"


def test_unseen_target_still_classified_from_shared_features(trained_model: StanceModel) -> None:
    fav = trained_model.predict("We love the harbour tunnel and we back it fully.", "the harbour tunnel")
    ag = trained_model.predict("We hate the harbour tunnel and we will fight it.", "the harbour tunnel")
    assert fav.stance_probabilities["FAVOR"] > ag.stance_probabilities["FAVOR"]
    assert ag.stance_probabilities["AGAINST"] > fav.stance_probabilities["AGAINST"]


def test_labels_and_metadata(trained_model: StanceModel) -> None:
    assert trained_model.stance_labels == ["FAVOR", "AGAINST", "NONE"]
    assert trained_model.sentiment_labels == ["positive", "negative", "neutral"]
    meta = trained_model.metadata
    assert meta["n_train"] == len(TRAIN_ROWS)
    assert meta["stance_labels"] == ["FAVOR", "AGAINST", "NONE"]
    assert meta["config"]["calibration_folds"] == 3
    assert "StanceModel(" in repr(trained_model)


# ---------------------------------------------------------------------------------------------- probabilities
def test_probabilities_sum_to_one_and_confidence_is_max(trained_model: StanceModel) -> None:
    for p in trained_model.predict_batch(TEXTS, TARGETS):
        assert set(p.stance_probabilities) == {"FAVOR", "AGAINST", "NONE"}
        assert sum(p.stance_probabilities.values()) == pytest.approx(1.0, abs=1e-9)
        assert all(0.0 <= v <= 1.0 for v in p.stance_probabilities.values())
        assert p.stance_confidence == max(p.stance_probabilities.values())
        assert p.stance == max(p.stance_probabilities, key=p.stance_probabilities.get)
        assert set(p.sentiment_probabilities) == {"positive", "negative", "neutral"}
        assert sum(p.sentiment_probabilities.values()) == pytest.approx(1.0, abs=1e-9)
        assert p.sentiment_confidence == max(p.sentiment_probabilities.values())
        assert p.sentiment == max(p.sentiment_probabilities, key=p.sentiment_probabilities.get)


def test_predict_proba_matches_batch_probabilities(trained_model: StanceModel) -> None:
    P = trained_model.predict_proba(list(zip(TEXTS, TARGETS)))
    classes = [str(c) for c in trained_model.stance_head.classes_]
    preds = trained_model.predict_batch(TEXTS, TARGETS)
    assert P.shape == (len(TEXTS), 3)
    for row, p in zip(P, preds):
        assert [p.stance_probabilities[c] for c in classes] == pytest.approx(list(row))


# ---------------------------------------------------------------------------------------------- batches
def test_batch_keeps_order_and_equals_single_predictions(trained_model: StanceModel) -> None:
    batch = trained_model.predict_batch(TEXTS, TARGETS)
    assert len(batch) == len(TEXTS)
    assert [p.text for p in batch] == TEXTS
    assert [p.target for p in batch] == TARGETS
    for i in range(0, len(TEXTS), 7):
        single = trained_model.predict(TEXTS[i], TARGETS[i])
        assert single.stance == batch[i].stance
        assert single.stance_probabilities == pytest.approx(batch[i].stance_probabilities)
        assert single.sentiment_probabilities == pytest.approx(batch[i].sentiment_probabilities)
    shuffled = np.random.default_rng(0).permutation(len(TEXTS))
    again = trained_model.predict_batch([TEXTS[i] for i in shuffled], [TARGETS[i] for i in shuffled])
    for j, i in enumerate(shuffled):
        assert again[j].stance_probabilities == pytest.approx(batch[i].stance_probabilities)


def test_batch_with_duplicates_keeps_every_row(trained_model: StanceModel) -> None:
    texts = [TEXTS[0]] * 3 + [TEXTS[5]] * 2
    preds = trained_model.predict_batch(texts, TARGETS[0])
    assert len(preds) == 5 and [p.text for p in preds] == texts


def test_one_target_for_all(trained_model: StanceModel) -> None:
    texts = TEXTS[:6]
    a = trained_model.predict_batch(texts, "the new bridge")
    b = trained_model.predict_batch(texts, ["the new bridge"] * 6)
    assert [p.stance_probabilities for p in a] == [p.stance_probabilities for p in b]


def test_empty_batch(trained_model: StanceModel) -> None:
    assert trained_model.predict_batch([], []) == []


def test_aliases_change_mention_detection(trained_model: StanceModel) -> None:
    text = "We love the crossing and we back it fully."
    without = trained_model.predict(text, "the new bridge")
    with_alias = trained_model.predict(text, "the new bridge", aliases=["the crossing"])
    assert with_alias.stance_probabilities != without.stance_probabilities


@pytest.mark.parametrize(
    ("texts", "targets", "kwargs", "needle"),
    [
        (["a b", "c d", "e f"], ["t", "t"], {}, "3 texts but 2 targets"),
        (["a b", "c d"], ["t", "t", "t"], {}, "2 texts but 3 targets"),
        (["a b", "c d"], ["t", "t"], {"aliases": [["x"]]}, "2 texts but 1 aliases"),
        (["a b", "c d"], ["t", "t"], {"spans": [None, None, None]}, "2 texts but 3 spans"),
        ("a single string", ["t"], {}, "predict()"),
        (None, ["t"], {}, "texts must be a sequence"),
        (["a b"], None, {}, "targets is None"),
    ],
)
def test_mismatched_or_wrong_batch_inputs_raise(trained_model: StanceModel, texts, targets, kwargs, needle) -> None:
    with pytest.raises(InputError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        trained_model.predict_batch(texts, targets, **kwargs)


@pytest.mark.parametrize(
    ("bad_text", "needle"),
    [(None, "row 2 is None"), ("   ", "row 2 is empty"), (12, "row 2 is int"), ("z" * (MAX_TEXT_CHARS + 1), "row 2 has")],
)
def test_bad_row_in_batch_names_the_row(trained_model: StanceModel, bad_text, needle) -> None:
    texts = TEXTS[:2] + [bad_text] + TEXTS[3:5]
    with pytest.raises(InputError, match=needle):
        trained_model.predict_batch(texts, "the new bridge")


def test_predict_bad_target(trained_model: StanceModel) -> None:
    with pytest.raises(InputError, match="target at row 0"):
        trained_model.predict("We back it", "")


# ---------------------------------------------------------------------------------------------- training errors
def test_fit_mismatched_lengths_raise() -> None:
    pairs = _pairs(TRAIN_ROWS[:30])
    stance = [r["stance"] for r in TRAIN_ROWS[:30]]
    with pytest.raises(InputError, match="30 statements but 29 stance labels"):
        StanceModel.fit(pairs, stance[:29], config=small_config(), progress=False)
    with pytest.raises(InputError, match="30 statements but 31 sentiment labels"):
        StanceModel.fit(pairs, stance, ["positive"] * 31, config=small_config(), progress=False)


def test_fit_empty_raises() -> None:
    with pytest.raises(InputError, match="empty"):
        StanceModel.fit([], [], progress=False)


def test_single_class_raises_label_error() -> None:
    rows = [r for r in TRAIN_ROWS if r["stance"] == "FAVOR"]
    with pytest.raises(LabelError, match="single stance label 'FAVOR'"):
        StanceModel.fit(_pairs(rows), [r["stance"] for r in rows], config=small_config(), progress=False)


def test_label_with_one_example_raises_label_error() -> None:
    rows = [r for r in TRAIN_ROWS if r["stance"] != "NONE"] + [next(r for r in TRAIN_ROWS if r["stance"] == "NONE")]
    with pytest.raises(LabelError, match="'NONE' has only 1"):
        StanceModel.fit(_pairs(rows), [r["stance"] for r in rows], config=small_config(), progress=False)


def test_sentiment_label_with_one_example_raises_label_error() -> None:
    sentiment = [r["sentiment"] for r in TRAIN_ROWS]
    sentiment[sentiment.index("neutral")] = "weird"
    with pytest.raises(LabelError, match="sentiment label 'weird'"):
        StanceModel.fit(_pairs(TRAIN_ROWS), [r["stance"] for r in TRAIN_ROWS], sentiment, small_config(), progress=False)


def test_two_labels_are_enough() -> None:
    rows = [r for r in TRAIN_ROWS if r["stance"] != "NONE"]
    model = StanceModel.fit(_pairs(rows), [r["stance"] for r in rows], config=small_config(), progress=False)
    assert model.stance_labels == ["FAVOR", "AGAINST"]
    p = model.predict("We love the wind farm.", "the wind farm")
    assert set(p.stance_probabilities) == {"FAVOR", "AGAINST"}
    assert sum(p.stance_probabilities.values()) == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------------- sentiment head
def test_sentiment_head_is_optional() -> None:
    model = train_small_model(with_sentiment=False)
    assert model.sentiment_head is None
    assert model.sentiment_labels == []
    p = model.predict(TEXTS[0], TARGETS[0])
    assert p.sentiment is None and p.sentiment_confidence is None and p.sentiment_probabilities is None
    assert p.stance in ("FAVOR", "AGAINST", "NONE")
    d = p.to_dict()
    assert d["sentiment_probabilities"] is None
    json.dumps(d)


def test_partial_sentiment_labels_train_on_labelled_rows_only() -> None:
    sentiment = [r["sentiment"] if i % 2 == 0 else None for i, r in enumerate(TRAIN_ROWS)]
    model = StanceModel.fit(_pairs(TRAIN_ROWS), [r["stance"] for r in TRAIN_ROWS], sentiment, small_config(), progress=False)
    assert model.sentiment_labels == ["positive", "negative", "neutral"]
    assert model.predict(TEXTS[0], TARGETS[0]).sentiment in ("positive", "negative", "neutral")
    none_at_all = StanceModel.fit(
        _pairs(TRAIN_ROWS), [r["stance"] for r in TRAIN_ROWS], [None] * len(TRAIN_ROWS), small_config(), progress=False
    )
    assert none_at_all.sentiment_head is None


# ---------------------------------------------------------------------------------------------- flags
def test_in_vocabulary_english_statement_has_no_flags(trained_model: StanceModel) -> None:
    assert trained_model.predict("We praise the new bridge, it is wonderful.", "the new bridge").flags == ()


@pytest.mark.parametrize(
    "text",
    ["Η νέα γέφυρα είναι καταστροφή για την πόλη μας.", "Новый мост — это катастрофа для нашего города."],
    ids=["greek", "cyrillic"],
)
def test_other_script_is_flagged(trained_model: StanceModel, text: str) -> None:
    p = trained_model.predict(text, "the new bridge")
    assert NON_LATIN in p.flags
    assert LOW_COVERAGE in p.flags  # none of its words were seen in training either
    assert p.stance in ("FAVOR", "AGAINST", "NONE"), "a flagged statement still gets a label"


def test_unseen_words_get_low_coverage_flag(trained_model: StanceModel) -> None:
    p = trained_model.predict("Zorblat quixotic fenwillow grumphs velociously.", "the new bridge")
    assert LOW_COVERAGE in p.flags
    assert NON_LATIN not in p.flags


def test_latin_with_accents_is_not_non_latin(trained_model: StanceModel) -> None:
    p = trained_model.predict("Café naïveté über façade résumé", "the new bridge")
    assert NON_LATIN not in p.flags


@pytest.mark.parametrize(
    ("text", "target", "aliases", "flagged"),
    [
        ("We praise the new bridge, it is wonderful.", "the new bridge", None, False),
        ("The bridge is wonderful.", "the new bridge", None, False),  # in part: its content word
        ("#NewBridge is wonderful.", "the new bridge", None, False),  # inside a hashtag
        ("The crossing is wonderful.", "the new bridge", ("the crossing",), False),  # an alias
        ("Taxes are far too high this year.", "the new bridge", None, True),
        ("The council is wonderful.", "the new bridge", ("the crossing",), True),
    ],
)
def test_statement_not_naming_the_target_is_flagged(
    trained_model: StanceModel, text: str, target: str, aliases: tuple[str, ...] | None, flagged: bool
) -> None:
    p = trained_model.predict(text, target, aliases=aliases)
    assert (TARGET_NOT_MENTIONED in p.flags) is flagged
    assert p.stance in ("FAVOR", "AGAINST", "NONE"), "a flagged statement still gets a label"


def test_mention_given_by_offsets_is_not_flagged(trained_model: StanceModel) -> None:
    text = "They say it is wonderful."
    (p,) = trained_model.predict_batch([text], ["the new bridge"], spans=[(0, 4)])
    assert TARGET_NOT_MENTIONED not in p.flags


def test_flags_do_not_drop_rows(trained_model: StanceModel) -> None:
    texts = [TEXTS[0], "Η γέφυρα είναι καλή.", TEXTS[1]]
    preds = trained_model.predict_batch(texts, "the new bridge")
    assert [p.text for p in preds] == texts
    assert [bool(p.flags) for p in preds] == [False, True, False]


# ---------------------------------------------------------------------------------------------- misc
def test_prediction_to_dict_is_json_ready(trained_model: StanceModel) -> None:
    p = trained_model.predict(TEXTS[0], TARGETS[0])
    d = p.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) == {f for f in Prediction.__dataclass_fields__}
    assert isinstance(d["flags"], list)


def test_unfitted_model_raises_not_fitted() -> None:
    model = StanceModel(StanceFeaturizer(), LinearSVC())
    with pytest.raises(NotFittedError, match="not been trained"):
        model.predict("We back it", "it")


def test_train_config_round_trip() -> None:
    cfg = TrainConfig(featurizer={"char_ngram_range": (3, 4), "min_df": 1}, stance_C=0.5, calibration_folds=4)
    d = cfg.to_dict()
    json.dumps(d)
    assert d["featurizer"]["char_ngram_range"] == [3, 4]
    back = TrainConfig.from_dict(json.loads(json.dumps(d)))
    assert back == cfg
    assert back.featurizer["char_ngram_range"] == (3, 4)
    with pytest.raises(ValueError, match="unknown training options"):
        TrainConfig.from_dict({"stance_c": 1.0})


def test_config_reaches_the_featurizer_and_heads() -> None:
    cfg = TrainConfig(featurizer={"min_df": 1, "per_target": False, "word_ngrams": 1}, stance_C=0.7, calibration_folds=2)
    model = StanceModel.fit(_pairs(TRAIN_ROWS), [r["stance"] for r in TRAIN_ROWS], config=cfg, progress=False)
    assert model.featurizer.word_ngrams == 1
    assert not any(" " in w for w in model.featurizer.word_vocabulary_ if w.startswith("w:") and "_tgt_" not in w)
    assert model.stance_head.estimator.C == 0.7
    assert len(model.stance_head.calibrated_classifiers_) == 1  # ensemble=False


def test_training_is_deterministic() -> None:
    a = train_small_model().predict_batch(TEXTS[:10], TARGETS[:10])
    b = train_small_model().predict_batch(TEXTS[:10], TARGETS[:10])
    assert [p.stance_probabilities for p in a] == [p.stance_probabilities for p in b]


# ---------------------------------------------------------------------------------------------- fast scoring
def test_joint_scoring_equals_the_heads_predict_proba(trained_model: StanceModel) -> None:
    texts = TEXTS + ["Nobody mentions it here.", "An unseen target entirely"]
    targets = TARGETS + ["an unseen target", "Unseen Target"]
    X = trained_model.featurizer.transform(list(zip(texts, targets)))
    S = trained_model.stance_head.predict_proba(X)
    M = trained_model.sentiment_head.predict_proba(X)
    preds = trained_model.predict_batch(texts, targets)
    s_classes = [str(c) for c in trained_model.stance_head.classes_]
    m_classes = [str(c) for c in trained_model.sentiment_head.classes_]
    for p, s, m in zip(preds, S, M):
        np.testing.assert_allclose([p.stance_probabilities[c] for c in s_classes], s, rtol=0, atol=1e-12)
        np.testing.assert_allclose([p.sentiment_probabilities[c] for c in m_classes], m, rtol=0, atol=1e-12)
        assert p.stance == s_classes[int(np.argmax(s))]


@pytest.mark.parametrize("per_target_chars", [True, False])
def test_joint_scoring_of_per_target_blocks_equals_the_heads_predict_proba(per_target_chars: bool) -> None:
    # per-target copies (word weight not 1, so the main word block is scaled) and a batch mixing targets seen in
    # training with unseen ones, whose rows get the main weights alone
    from synthetic import TRAIN_ROWS

    featurizer = {"min_df": 1, "min_target_count": 5, "per_target_chars": per_target_chars, "word_weight": 0.8, "per_target_weight": 1.3}
    model = StanceModel.fit(
        _pairs(TRAIN_ROWS), [r["stance"] for r in TRAIN_ROWS], [r["sentiment"] for r in TRAIN_ROWS],
        TrainConfig(featurizer=featurizer, calibration_folds=3), progress=False,
    )
    assert len(model.featurizer.targets_) == len({r["target"] for r in TRAIN_ROWS})
    X = model.featurizer.transform(list(zip(TEXTS, TARGETS)))
    assert X.shape[1] == model.featurizer.n_features_out_
    preds = model.predict_batch(TEXTS, TARGETS)
    seen = set(model.featurizer.targets_)  # lower-cased
    assert len({t for t in TARGETS if t.lower() in seen}) == 2 and any(t.lower() not in seen for t in TARGETS)
    for head, probs in ((model.stance_head, [p.stance_probabilities for p in preds]), (model.sentiment_head, [p.sentiment_probabilities for p in preds])):
        expected = head.predict_proba(X)
        classes = [str(c) for c in head.classes_]
        np.testing.assert_allclose([[p[c] for c in classes] for p in probs], expected, rtol=0, atol=1e-12)


def test_joint_scoring_follows_a_refit_head(trained_model: StanceModel) -> None:
    import copy

    model = copy.deepcopy(trained_model)
    before = model.predict_batch(TEXTS[:5], TARGETS[:5])
    est = model.stance_head.calibrated_classifiers_[0].estimator
    est.coef_ = -np.asarray(est.coef_.toarray() if hasattr(est.coef_, "toarray") else est.coef_)
    X = model.featurizer.transform(list(zip(TEXTS[:5], TARGETS[:5])))
    after = model.predict_batch(TEXTS[:5], TARGETS[:5])
    expected = model.stance_head.predict_proba(X)
    classes = [str(c) for c in model.stance_head.classes_]
    assert [p.stance_probabilities for p in after] != [p.stance_probabilities for p in before]
    for p, row in zip(after, expected):
        np.testing.assert_allclose([p.stance_probabilities[c] for c in classes], row, rtol=0, atol=1e-12)


def test_fast_constructors_equal_the_dataclasses() -> None:
    import dataclasses

    from stance.pairs import Pair, _new_pair
    from stance.model import _new_prediction

    fields = ("t", "g", "FAVOR", 0.5, {"FAVOR": 0.5, "NONE": 0.5}, "positive", 0.75, {"positive": 0.75}, (NON_LATIN,))
    for made, built in ((_new_pair("t", "g", ("a",), (0, 1)), Pair("t", "g", ("a",), (0, 1))), (_new_prediction(*fields), Prediction(*fields))):
        assert type(made) is type(built) and made == built and repr(made) == repr(built)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.text = "x"  # type: ignore[misc]
    assert _new_prediction(*fields).to_dict() == Prediction(*fields).to_dict()


def test_predict_batch_restores_the_garbage_collector(trained_model: StanceModel) -> None:
    import gc

    assert gc.isenabled()
    trained_model.predict_batch(TEXTS[:3], TARGETS[:3])
    assert gc.isenabled()
    with pytest.raises(InputError):
        trained_model.predict_batch(["fine", "   "], ["t", "t"])
    assert gc.isenabled()
    gc.disable()
    try:
        trained_model.predict_batch(TEXTS[:3], TARGETS[:3])
        assert not gc.isenabled(), "a collector the caller disabled stays disabled"
    finally:
        gc.enable()
