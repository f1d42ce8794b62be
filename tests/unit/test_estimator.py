"""StanceClassifier: scikit-learn's estimator checks, clone / get_params, Pipeline, GridSearchCV and cross_val_score
over DataFrames and pairs, and errors that name the bad row, label or parameter. The statements are the synthetic
corpus of tests/unit/synthetic.py, and a slice of SemEval-2016 where the corpora are present."""

from __future__ import annotations

import pickle
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.base import clone
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils import estimator_checks

import stance
from conftest import need_corpus
from stance import StanceClassifier, StanceFeaturizer
from stance.exceptions import ConfigError, InputError, LabelError
from synthetic import HELDOUT_ROWS, SMALL_FEATURIZER, TRAIN_ROWS

TRAIN = pd.DataFrame(TRAIN_ROWS)
HELDOUT = pd.DataFrame(HELDOUT_ROWS)
SKLEARN = tuple(int(x) for x in sklearn.__version__.split(".")[:2])


def small(**params) -> StanceClassifier:
    """A classifier with the featurizer settings of the tiny corpus (rare features kept, no per-target copies)."""
    return StanceClassifier(featurizer=StanceFeaturizer(**SMALL_FEATURIZER), calibration_folds=3, **params)


@pytest.fixture(scope="module")
def fitted() -> StanceClassifier:
    return small().fit(TRAIN, TRAIN["stance"])


# ---------------------------------------------------------------------------------------------- scikit-learn's checks
#: The checks of ``sklearn.utils.estimator_checks`` that cannot apply to StanceClassifier, and why. Every one of them
#: fits on scikit-learn's generated data: a numeric array X and integer class labels y (0, 1, 2) or, for
#: check_classifiers_classes, the labels "one", "two", "three"; StanceClassifier reads text and the labels FAVOR,
#: AGAINST and NONE, so it refuses y ("Unknown label type", a LabelError) before it reaches what the check tests. What
#: each tests is covered on statements below where it applies to text (the test named after the dash).
NUMERIC_DATA = "fits on a numeric array with integer labels"
NOT_APPLICABLE = {
    "check_fit_score_takes_y": NUMERIC_DATA,
    "check_estimators_overwrite_params": f"{NUMERIC_DATA} - test_fit_leaves_the_parameters_alone",
    "check_dont_overwrite_parameters": f"{NUMERIC_DATA} - test_fit_leaves_the_parameters_alone",
    "check_estimators_fit_returns_self": f"{NUMERIC_DATA} - test_fit_returns_self_and_is_idempotent",
    "check_readonly_memmap_input": f"{NUMERIC_DATA} (a memory-mapped numeric array)",
    "check_n_features_in_after_fitting": f"{NUMERIC_DATA}; text has no fixed number of input features (no n_features_in_)",
    "check_positive_only_tag_during_fit": f"{NUMERIC_DATA} (negative values)",
    "check_estimators_dtypes": f"{NUMERIC_DATA} (float32, int64, int32 arrays)",
    "check_complex_data": f"{NUMERIC_DATA} (complex numbers)",
    "check_dtype_object": f"{NUMERIC_DATA} (numbers in an object array)",
    "check_estimators_empty_data_messages": f"{NUMERIC_DATA} (no rows, no columns) - test_empty_input_is_refused",
    "check_pipeline_consistency": f"{NUMERIC_DATA} - test_pipeline_and_cross_val_score_on_a_dataframe",
    "check_estimators_nan_inf": f"{NUMERIC_DATA} (NaN, inf) - test_missing_or_blank_statements_name_their_row",
    "check_estimator_sparse_tag": f"{NUMERIC_DATA} (a sparse matrix)",
    "check_estimator_sparse_array": f"{NUMERIC_DATA} (a sparse array) - test_numeric_and_sparse_input_are_refused_by_name",
    "check_estimator_sparse_matrix": f"{NUMERIC_DATA} (a sparse matrix) - test_numeric_and_sparse_input_are_refused_by_name",
    "check_estimators_pickle": f"{NUMERIC_DATA} - test_pickle_round_trip",
    "check_f_contiguous_array_estimator": f"{NUMERIC_DATA} (Fortran order)",
    "check_classifier_data_not_an_array": f"{NUMERIC_DATA} (wrapped in a non-array)",
    "check_classifiers_one_label": f"{NUMERIC_DATA} - test_one_label_is_refused",
    "check_classifiers_classes": "labels 'one', 'two', 'three' are not stance labels - test_classes_are_the_labels_seen",
    "check_classifiers_train": f"{NUMERIC_DATA} (blobs, separable by their numbers)",
    "check_supervised_y_2d": f"{NUMERIC_DATA} (y as a column vector) - test_y_errors_name_the_row",
    "check_class_weight_classifiers": "class weights keyed by integer labels; stance class weights are keyed by FAVOR, AGAINST, NONE",
    "check_methods_sample_order_invariance": f"{NUMERIC_DATA} - test_predictions_do_not_depend_on_row_order_or_batch",
    "check_methods_subset_invariance": f"{NUMERIC_DATA} - test_predictions_do_not_depend_on_row_order_or_batch",
    "check_fit2d_1sample": f"{NUMERIC_DATA} (one row)",
    "check_fit2d_1feature": f"{NUMERIC_DATA} (one column)",
    "check_dict_unchanged": f"{NUMERIC_DATA} - test_predicting_changes_nothing",
    "check_fit_idempotent": f"{NUMERIC_DATA} - test_fit_returns_self_and_is_idempotent",
    "check_fit_check_is_fitted": f"{NUMERIC_DATA} - test_unfitted_use_raises_not_fitted",
    "check_n_features_in": f"{NUMERIC_DATA}; text has no fixed number of input features",
    "check_fit2d_predict1d": f"{NUMERIC_DATA}",
}
#: What the exception (or the exception it wraps) of every check above says: the labels, or the class weights, refused.
REFUSALS = ("Unknown label type", "not a stance label", "training option class_weight=")


class _AsIfNumeric(StanceClassifier):
    """StanceClassifier with one change: its tags claim 2-D array input, so that ``check_estimator`` generates every
    check it has for a classifier instead of skipping them all (what it does for string input)."""

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags


def _messages(exc: BaseException | None) -> str:
    """The messages of ``exc`` and of the exceptions it was raised from or while handling."""
    out = []
    while exc is not None:
        out.append(f"{type(exc).__name__}: {exc}")
        exc = exc.__cause__ or exc.__context__
    return "\n".join(out)


def test_the_docstring_lists_the_checks_that_do_not_apply() -> None:
    doc = " ".join((StanceClassifier.__doc__ or "").split())
    listed = set(re.findall(r"check_\w+", doc.split("expect exactly these to fail")[1].split("The others pass")[0]))
    assert listed == set(NOT_APPLICABLE), listed ^ set(NOT_APPLICABLE)


def test_tags_declare_string_input_so_check_estimator_skips_numeric_checks() -> None:
    tags = StanceClassifier().__sklearn_tags__()
    assert tags.input_tags.string is True and tags.input_tags.two_d_array is False
    assert tags.estimator_type == "classifier" and tags.target_tags.required is True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = estimator_checks.check_estimator(StanceClassifier(), on_skip=None)
    assert [(r["check_name"], r["status"]) for r in results] == [("check_estimator_cloneable", "passed")]


@pytest.mark.skipif(SKLEARN < (1, 6), reason="check_estimator(expected_failed_checks=...) needs scikit-learn 1.6")
def test_every_sklearn_check_passes_except_those_that_need_numeric_data() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = estimator_checks.check_estimator(_AsIfNumeric(), expected_failed_checks=NOT_APPLICABLE, on_fail=None, on_skip=None)
    by_status: dict[str, set[str]] = {}
    for r in results:
        by_status.setdefault(r["status"], set()).add(r["check_name"])
    failed = {r["check_name"]: _messages(r["exception"]) for r in results if r["status"] == "failed"}
    assert not failed, failed
    # every listed check ran and failed (a check that passes now belongs off the list), for the stated reason
    assert by_status.get("xfail", set()) == set(NOT_APPLICABLE), set(NOT_APPLICABLE) ^ by_status.get("xfail", set())
    for r in results:
        if r["status"] == "xfail":
            text = _messages(r["exception"])
            assert any(s in text for s in REFUSALS), (r["check_name"], text)
    assert by_status.get("skipped", set()) <= {"check_array_api_input"}  # array API checks need SCIPY_ARRAY_API=1
    for check in ("check_estimator_repr", "check_no_attributes_set_in_init", "check_estimators_unfitted", "check_get_params_invariance",
                  "check_set_params", "check_parameters_default_constructible", "check_requires_y_none",
                  "check_classifiers_regression_target", "check_supervised_y_no_nan", "check_mixin_order"):
        assert check in by_status["passed"], check


# ---------------------------------------------------------------------------------------------- what the checks test, on text
def test_fit_returns_self_and_is_idempotent() -> None:
    clf = small()
    assert clf.fit(TRAIN, TRAIN["stance"]) is clf
    first = clf.predict_proba(HELDOUT)
    clf.fit(TRAIN, TRAIN["stance"])
    np.testing.assert_allclose(clf.predict_proba(HELDOUT), first, rtol=0, atol=1e-12)


def test_fit_leaves_the_parameters_alone() -> None:
    featurizer = StanceFeaturizer(**SMALL_FEATURIZER)
    clf = StanceClassifier(C=0.5, featurizer=featurizer, calibration_folds=3, text_column="text")
    before = clf.get_params(deep=True)
    clf.fit(TRAIN, TRAIN["stance"])
    after = clf.get_params(deep=True)
    assert after.keys() == before.keys() and all(after[k] is before[k] or after[k] == before[k] for k in before)
    assert clf.featurizer is featurizer and not hasattr(featurizer, "word_vocabulary_")  # a fresh featurizer was fitted
    assert {k for k in vars(clf) if not k.endswith("_")} == set(before) - {k for k in before if "__" in k}


def test_parameters_reach_the_trained_model(fitted: StanceClassifier) -> None:
    clf = StanceClassifier(C=0.7, class_weight=None, random_state=3, calibration_folds=4,
                           featurizer=StanceFeaturizer(min_df=1, per_target=False, word_ngrams=1)).fit(TRAIN, TRAIN["stance"])
    head = clf.model_.stance_head
    assert head.estimator.C == 0.7 and head.estimator.class_weight is None and head.estimator.random_state == 3
    assert head.cv.n_splits == 4
    assert clf.model_.featurizer.word_ngrams == 1 and clf.model_.featurizer is not clf.featurizer
    assert clf.model_.metadata["config"]["stance_C"] == 0.7
    assert clf.model_.sentiment_head is None
    # the same training through stance.train gives the same probabilities: the estimator wraps it, it does not redo it
    model = stance.train(TRAIN.drop(columns="sentiment"), config={"stance_C": 0.7, "class_weight": None, "random_state": 3,
                         "calibration_folds": 4, "featurizer": {"min_df": 1, "per_target": False, "word_ngrams": 1}}, progress=False)
    np.testing.assert_allclose(clf.predict_proba(HELDOUT), model.predict_proba(HELDOUT), rtol=0, atol=1e-12)


def test_classes_are_the_labels_seen(fitted: StanceClassifier) -> None:
    assert list(fitted.classes_) == ["AGAINST", "FAVOR", "NONE"]
    proba = fitted.predict_proba(HELDOUT)
    assert proba.shape == (len(HELDOUT), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(fitted.predict(HELDOUT)) == list(fitted.classes_[proba.argmax(axis=1)])
    two = small().fit(TRAIN[TRAIN.stance != "NONE"], TRAIN.stance[TRAIN.stance != "NONE"])
    assert list(two.classes_) == ["AGAINST", "FAVOR"] and two.predict_proba(HELDOUT).shape == (len(HELDOUT), 2)


def test_it_learns_something_that_carries_over(fitted: StanceClassifier) -> None:
    # held-out statements use other templates and partly other targets (tests/unit/synthetic.py)
    pred = fitted.predict(HELDOUT)
    assert f1_score(HELDOUT["stance"], pred, average="macro") > 0.6
    assert fitted.score(HELDOUT, HELDOUT["stance"]) == pytest.approx(np.mean(pred == HELDOUT["stance"].to_numpy()))


def test_predictions_do_not_depend_on_row_order_or_batch(fitted: StanceClassifier) -> None:
    full = fitted.predict_proba(HELDOUT)
    order = np.random.RandomState(0).permutation(len(HELDOUT))
    np.testing.assert_allclose(fitted.predict_proba(HELDOUT.iloc[order]), full[order], rtol=0, atol=1e-12)
    parts = np.vstack([fitted.predict_proba(HELDOUT.iloc[i : i + 7]) for i in range(0, len(HELDOUT), 7)])
    np.testing.assert_allclose(parts, full, rtol=0, atol=1e-12)


def test_predicting_changes_nothing(fitted: StanceClassifier) -> None:
    state = pickle.dumps(fitted)
    frame = HELDOUT.copy()
    fitted.predict(frame)
    fitted.predict_proba(frame)
    assert pickle.dumps(fitted) == state
    pd.testing.assert_frame_equal(frame, HELDOUT)


def test_pickle_round_trip(fitted: StanceClassifier) -> None:
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(again.predict_proba(HELDOUT), fitted.predict_proba(HELDOUT))


def test_unfitted_use_raises_not_fitted() -> None:
    for method in ("predict", "predict_proba"):
        with pytest.raises(SklearnNotFittedError, match="call fit"):
            getattr(StanceClassifier(), method)(HELDOUT)


def test_one_label_is_refused() -> None:
    favor = TRAIN[TRAIN.stance == "FAVOR"]
    with pytest.raises(LabelError, match="single stance label 'FAVOR'.*at least two labels"):
        small().fit(favor, favor["stance"])


# ---------------------------------------------------------------------------------------------- clone, get_params, set_params
def test_clone_and_get_params_round_trip(fitted: StanceClassifier) -> None:
    copy = clone(fitted)
    assert copy is not fitted and not hasattr(copy, "model_") and not hasattr(copy, "classes_")
    params, again = fitted.get_params(deep=False), copy.get_params(deep=False)
    assert params.keys() == again.keys() and params.keys() == {
        "C", "class_weight", "calibration_folds", "random_state", "featurizer", "text_column", "target_column", "aliases_column"}
    assert again["featurizer"] is not params["featurizer"]
    assert again["featurizer"].get_params() == params["featurizer"].get_params()
    assert {k: v for k, v in again.items() if k != "featurizer"} == {k: v for k, v in params.items() if k != "featurizer"}
    rebuilt = StanceClassifier(**params)
    assert repr(rebuilt) == repr(fitted)
    deep = fitted.get_params(deep=True)
    assert deep["featurizer__min_df"] == 1 and deep["C"] == 0.3
    changed = clone(fitted).set_params(C=0.05, featurizer__word_ngrams=1)
    assert changed.C == 0.05 and changed.featurizer.word_ngrams == 1 and fitted.featurizer.word_ngrams == 2
    with pytest.raises(TypeError):
        StanceClassifier(0.5)  # keyword-only, as scikit-learn asks


def test_defaults_are_train_configs() -> None:
    config = stance.TrainConfig()
    params = StanceClassifier().get_params()
    assert (params["C"], params["class_weight"], params["calibration_folds"], params["random_state"]) == (
        config.stance_C, config.class_weight, config.calibration_folds, config.random_state)
    assert params["featurizer"] is None and config.featurizer == {}


# ---------------------------------------------------------------------------------------------- inputs
def test_dataframe_with_its_own_column_names_equals_pairs(fitted: StanceClassifier) -> None:
    renamed = TRAIN.rename(columns={"text": "sentence", "target": "topic"})
    clf = small(text_column="sentence", target_column="topic").fit(renamed, renamed["stance"])
    held = HELDOUT.rename(columns={"text": "sentence", "target": "topic"})
    np.testing.assert_allclose(clf.predict_proba(held), fitted.predict_proba(HELDOUT), rtol=0, atol=1e-12)
    pairs = list(zip(HELDOUT["text"], HELDOUT["target"]))
    np.testing.assert_allclose(fitted.predict_proba(pairs), fitted.predict_proba(HELDOUT), rtol=0, atol=1e-12)
    from_pairs = small().fit(list(zip(TRAIN["text"], TRAIN["target"])), list(TRAIN["stance"]))
    np.testing.assert_allclose(from_pairs.predict_proba(pairs), fitted.predict_proba(HELDOUT), rtol=0, atol=1e-12)


def test_aliases_column_is_read() -> None:
    # the statements call the target only by another name: with that alias the featurizer finds (and masks) the mention
    frame = pd.DataFrame({"text": ["We love the bore, it is great.", "We hate the bore, it is awful."] * 6,
                          "target": ["the tunnel project"] * 12, "names": ["the bore"] * 12})
    y = ["FAVOR", "AGAINST"] * 6

    def masked(clf: StanceClassifier) -> bool:
        return any("_tgt_" in str(f) for f in clf.model_.featurizer.word_vocabulary_)

    assert not masked(small(aliases_column=None).fit(frame, y))
    assert not masked(small().fit(frame, y))  # no "aliases" column in this frame
    named = small(aliases_column="names").fit(frame, y)
    assert masked(named)
    as_lists = frame.assign(names=[["the bore", "the tunnel"]] * 12)
    assert masked(small(aliases_column="names").fit(as_lists, y))
    np.testing.assert_allclose(named.predict_proba(as_lists), named.predict_proba(frame))  # aliases of prediction are read too


def test_missing_or_blank_statements_name_their_row(fitted: StanceClassifier) -> None:
    frame = HELDOUT.head(4).set_index(pd.Index(["a", "b", "c", "d"]))
    for value, problem in ((None, "missing"), (float("nan"), "missing"), (pd.NA, "missing"), ("   ", "blank"), (7, "int 7")):
        bad = frame.copy()
        bad["text"] = bad["text"].astype(object)
        bad.loc["c", "text"] = value
        with pytest.raises(InputError, match=rf"row 'c': the text \(column 'text'\) is {problem}.*dropna\(subset=\['text'\]\)"):
            fitted.predict(bad)
    with pytest.raises(InputError, match=r"target column 'topic' is not in the frame; its columns are \['text', 'target'"):
        StanceClassifier(target_column="topic").fit(frame, ["FAVOR"] * 4)


def test_numeric_and_sparse_input_are_refused_by_name(fitted: StanceClassifier) -> None:
    import scipy.sparse as sp

    with pytest.raises(InputError, match=r"numeric array \(float64, shape \(3, 2\)\); expected text"):
        fitted.predict(np.zeros((3, 2)))
    with pytest.raises(InputError, match="sparse .*not supported"):
        fitted.predict(sp.csr_matrix(np.eye(3)))


def test_empty_input_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        small().fit(TRAIN.head(0), [])


def test_y_errors_name_the_row() -> None:
    y = TRAIN["stance"].astype(object)
    y.index = [f"r{i}" for i in range(len(y))]
    frame = TRAIN.set_index(y.index)
    y.iloc[5] = "favor"
    with pytest.raises(LabelError, match=r"y at row 'r5' is 'favor', not a stance label.*spelling of FAVOR.*normalize_labels"):
        small().fit(frame, y)
    y.iloc[5] = 1
    with pytest.raises(LabelError, match=r"Unknown label type: y at row 'r5' is int 1"):
        small().fit(frame, y)
    with pytest.raises(InputError, match="requires y to be passed"):
        small().fit(frame, None)
    with pytest.raises(InputError, match=r"y has shape \(144, 1\)"):
        small().fit(frame, TRAIN[["stance"]].to_numpy())
    with pytest.raises(InputError, match="X has 144 rows but y has 143 labels"):
        small().fit(frame, TRAIN["stance"].iloc[1:])


def test_bad_parameters_are_named_at_fit() -> None:
    for params, match in (({"C": 0}, r"StanceClassifier\(C=0\); give a number above 0"),
                          ({"featurizer": {"min_df": 1}}, r"featurizer=\{'min_df': 1\}.*give a StanceFeaturizer"),
                          ({"calibration_folds": 1}, "calibration_folds=1"),
                          ({"class_weight": "even"}, "class_weight='even'"),
                          ({"text_column": 3}, r"text_column=3")):
        clf = StanceClassifier(**params)  # storing any value is allowed; fit checks it (scikit-learn's convention)
        with pytest.raises(ConfigError, match=match):
            clf.fit(TRAIN, TRAIN["stance"])


# ---------------------------------------------------------------------------------------------- Pipeline, cross-validation, search
def test_pipeline_and_cross_val_score_on_a_dataframe() -> None:
    tidy = FunctionTransformer(lambda df: df.assign(sentence=df["sentence"].str.strip()))
    pipe = make_pipeline(tidy, small(text_column="sentence"))
    frame = TRAIN.rename(columns={"text": "sentence"}).assign(sentence=lambda d: "  " + d["sentence"])
    folds = StratifiedKFold(3, shuffle=True, random_state=0)
    scores = cross_val_score(pipe, frame, frame["stance"], cv=folds, scoring="f1_macro")
    assert scores.shape == (3,) and scores.min() > 0.6
    pipe.fit(frame, frame["stance"])
    held = HELDOUT.rename(columns={"text": "sentence"})
    assert isinstance(pipe, Pipeline) and list(pipe.predict(held)) == list(small().fit(TRAIN, TRAIN["stance"]).predict(HELDOUT))


def test_grid_search_over_c_and_featurizer_parameters() -> None:
    search = GridSearchCV(small(), {"C": [0.01, 1.0], "featurizer__word_ngrams": [1, 2]}, cv=StratifiedKFold(3, shuffle=True, random_state=0),
                          scoring="f1_macro")
    search.fit(TRAIN, TRAIN["stance"])
    scores = search.cv_results_["mean_test_score"]
    assert len(scores) == 4 and len(set(np.round(scores, 6))) > 1  # the parameters reach the model
    best = search.best_estimator_
    assert best.C == search.best_params_["C"] and best.model_.stance_head.estimator.C == best.C
    assert best.model_.featurizer.word_ngrams == search.best_params_["featurizer__word_ngrams"]


def test_grid_search_over_c_on_semeval2016() -> None:
    need_corpus("semeval2016_task6")
    from stance.corpora import load_corpus

    ds = load_corpus("semeval2016")
    train = ds["train"].to_pandas().groupby("target").head(80)  # 400 tweets, 80 per target
    test = ds["test"].to_pandas().groupby("target").head(60)
    search = GridSearchCV(StanceClassifier(), {"C": [0.01, 0.3]}, cv=StratifiedKFold(3, shuffle=True, random_state=0),
                          scoring="f1_macro").fit(train, train["stance"])
    scores = search.cv_results_["mean_test_score"]
    assert abs(scores[0] - scores[1]) > 1e-6
    assert search.best_params_["C"] == [0.01, 0.3][int(np.argmax(scores))]
    pred = search.predict(test)
    assert set(pred) <= {"FAVOR", "AGAINST", "NONE"} and len(pred) == len(test)
    # better than always answering the commonest training label
    majority = train["stance"].mode()[0]
    assert f1_score(test["stance"], pred, average="macro") > f1_score(test["stance"], [majority] * len(test), average="macro") + 0.1
    # the aliases column (SEMEVAL2016_ALIASES) was read: a model without it differs
    plain = StanceClassifier(C=search.best_params_["C"], aliases_column=None).fit(train, train["stance"])
    assert not np.allclose(plain.predict_proba(test), search.best_estimator_.predict_proba(test))
