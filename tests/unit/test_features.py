"""StanceFeaturizer: scikit-learn conventions, mention detection, masking, negation, per-target blocks,
and input validation. All statements here were written for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from sklearn.utils import estimator_checks

from stance.exceptions import InputError
from stance.features import DENSE_FEATURES, MAX_TEXT_CHARS, Pair, StanceFeaturizer, as_pairs
from stance.text import find_mentions, tokenize
from synthetic import HELDOUT_ROWS, SMALL_FEATURIZER, TRAIN_ROWS

TRAIN_PAIRS = [(r["text"], r["target"]) for r in TRAIN_ROWS]
TRAIN_Y = [r["stance"] for r in TRAIN_ROWS]


def small(**params) -> StanceFeaturizer:
    return StanceFeaturizer(**{**SMALL_FEATURIZER, **params})


@pytest.fixture(scope="module")
def fitted() -> StanceFeaturizer:
    return small().fit(TRAIN_PAIRS)


def row_features(f: StanceFeaturizer, pair) -> dict[str, float]:
    """The non-zero features of one pair, by name."""
    names = f.get_feature_names_out()
    row = f.transform([pair]).toarray()[0]
    return {str(names[i]): float(row[i]) for i in np.flatnonzero(row)}


# ---------------------------------------------------------------------------------------------- sklearn conventions
@pytest.mark.parametrize(
    "check",
    [
        estimator_checks.check_get_params_invariance,
        estimator_checks.check_set_params,
        estimator_checks.check_no_attributes_set_in_init,
        estimator_checks.check_parameters_default_constructible,
        estimator_checks.check_estimator_repr,
        estimator_checks.check_estimator_cloneable,
        estimator_checks.check_estimator_tags_renamed,
        estimator_checks.check_valid_tag_types,
        estimator_checks.check_mixin_order,
        estimator_checks.check_do_not_raise_errors_in_init_or_set_params,
        estimator_checks.check_estimator_sparse_tag,
    ],
    ids=lambda c: c.__name__,
)
def test_sklearn_estimator_checks_that_apply(check) -> None:
    # The checks that feed numeric arrays (check_fit_check_is_fitted, check_dont_overwrite_parameters...)
    # do not apply to an estimator of string pairs; their intent is covered by the manual tests below.
    check("StanceFeaturizer", StanceFeaturizer())


def test_tags_declare_string_input_and_fit_required() -> None:
    tags = StanceFeaturizer().__sklearn_tags__()
    assert tags.input_tags.string is True
    assert tags.input_tags.two_d_array is False
    assert tags.requires_fit is True


def test_dataframe_input_equals_pairs(fitted: StanceFeaturizer) -> None:
    import pandas as pd

    frame = pd.DataFrame(TRAIN_ROWS)  # text, target, stance, sentiment: the label columns are not read
    from_frame = small().fit(frame)
    assert list(from_frame.word_vocabulary_) == list(fitted.word_vocabulary_)
    assert (from_frame.transform(frame) != fitted.transform(TRAIN_PAIRS)).nnz == 0
    # an "aliases" column is read when present (lists or "|"-joined strings), as the command line's --aliases-column
    probe = pd.DataFrame({"text": ["We back the bore."], "target": ["the tunnel project"]})
    with_alias = probe.assign(aliases=["the bore|the tunnel"])
    assert (fitted.transform(with_alias) != fitted.transform([("We back the bore.", "the tunnel project", ["the bore", "the tunnel"])])).nnz == 0
    assert (fitted.transform(with_alias) != fitted.transform(probe)).nnz > 0


def test_dataframe_errors_name_the_column_and_row(fitted: StanceFeaturizer) -> None:
    import pandas as pd

    with pytest.raises(InputError, match=r"text column 'text' is not in the frame; its columns are \['sentence', 'target'\]"):
        fitted.transform(pd.DataFrame({"sentence": ["a b"], "target": ["b"]}))
    bad = pd.DataFrame({"text": ["We back it.", None], "target": ["it", "it"]}, index=["x", "y"])
    with pytest.raises(InputError, match=r"row 'y': the text \(column 'text'\) is missing; .*dropna"):
        fitted.transform(bad)


def test_set_output_pandas_is_refused_with_the_reason(fitted: StanceFeaturizer) -> None:
    import sklearn
    from sklearn.pipeline import make_pipeline

    from stance.exceptions import ConfigError

    for kind in ("pandas", "polars"):
        with pytest.raises(ConfigError, match=rf"set_output\(transform='{kind}'\): its output is a scipy sparse matrix \([\d,]+ columns.*keep transform='default'"):
            fitted.set_output(transform=kind)
    with pytest.raises(ConfigError, match="sparse"):
        make_pipeline(small(), LinearSVC()).set_output(transform="pandas")
    assert fitted.set_output(transform="default") is fitted and fitted.set_output() is fitted
    assert fitted.transform(TRAIN_PAIRS[:3]).shape[0] == 3
    # under a global pandas output, scikit-learn refuses the sparse matrix; set_output(transform="default") restores it
    with sklearn.config_context(transform_output="pandas"):
        with pytest.raises(ValueError, match=r"sparse matrix.*set_output\(transform='default'\)"):
            small().fit_transform(TRAIN_PAIRS)
        assert small().set_output(transform="default").fit_transform(TRAIN_PAIRS).shape[0] == len(TRAIN_PAIRS)


def test_clone_keeps_params_and_drops_fitted_state(fitted: StanceFeaturizer) -> None:
    c = clone(fitted)
    assert c is not fitted
    assert c.get_params() == fitted.get_params()
    assert not hasattr(c, "word_vocabulary_")
    assert not hasattr(c, "n_features_out_")
    with pytest.raises(SklearnNotFittedError):
        c.transform(TRAIN_PAIRS[:2])


def test_get_params_lists_every_init_argument() -> None:
    import inspect

    init_args = [p for p in inspect.signature(StanceFeaturizer.__init__).parameters if p != "self"]
    params = StanceFeaturizer().get_params()
    assert sorted(params) == sorted(init_args)
    assert params["word_ngrams"] == 2 and params["mask_target"] is True


def test_set_params_changes_params_and_returns_self() -> None:
    f = StanceFeaturizer()
    assert f.set_params(word_ngrams=1, mask_target=False) is f
    assert f.get_params()["word_ngrams"] == 1
    assert f.mask_target is False
    with pytest.raises(ValueError):
        f.set_params(no_such_parameter=3)


def test_invalid_params_raise_at_fit_not_init() -> None:
    f = StanceFeaturizer(word_ngrams=0)  # storing a bad value is allowed (sklearn convention)
    with pytest.raises(ValueError, match="word_ngrams"):
        f.fit(TRAIN_PAIRS)
    with pytest.raises(ValueError, match="char_ngram_range"):
        StanceFeaturizer(char_ngram_range=(4, 2)).fit(TRAIN_PAIRS)
    with pytest.raises(ValueError, match="min_df"):
        StanceFeaturizer(min_df=0).fit(TRAIN_PAIRS)
    for name, bad in (("role_weight", -1.0), ("char_weight", float("nan")), ("dense_weight", "2"), ("word_weight", True)):
        with pytest.raises(ValueError, match=f"{name}=.*finite number >= 0"):
            StanceFeaturizer(**{name: bad}).fit(TRAIN_PAIRS)


def test_role_weight_scales_only_the_mention_role_columns() -> None:
    import pickle

    pairs = as_pairs(
        [
            ("We oppose the tunnel and the minister condemns the tunnel.", "the tunnel"),
            ("The council backs the tunnel.", "the tunnel"),
            ("Nobody talked about the tunnel today.", "the tunnel"),
        ]
    )
    base = StanceFeaturizer(min_df=1, per_target=False, mention_roles=True).fit(pairs)
    heavy = StanceFeaturizer(min_df=1, per_target=False, mention_roles=True, role_weight=3.0).fit(pairs)
    names = list(base.context_vocabulary_)
    role = np.array([n.startswith(("x:obj:", "x:subj:")) for n in names])
    assert role.any() and not role.all()
    n_w, n_c = len(base.word_vocabulary_), len(base.char_vocabulary_)
    cols = slice(n_w + n_c, n_w + n_c + len(names))  # the context block
    a, b = base.transform(pairs)[:, cols].toarray(), heavy.transform(pairs)[:, cols].toarray()
    assert np.any(a[:, role] > 0)
    np.testing.assert_allclose(b[:, role], 3.0 * a[:, role])
    np.testing.assert_allclose(b[:, ~role], a[:, ~role])
    # a file written before the parameter existed loads with the old behaviour
    state = pickle.loads(pickle.dumps(heavy.__getstate__()))
    del state["role_weight"]
    old = StanceFeaturizer.__new__(StanceFeaturizer)
    old.__setstate__(state)
    np.testing.assert_allclose(old.transform(pairs)[:, cols].toarray(), a)


def test_fit_does_not_change_params_and_sets_only_underscore_attributes() -> None:
    f = small()
    before_params = f.get_params()
    before_attrs = set(vars(f))
    assert f.fit(TRAIN_PAIRS, TRAIN_Y) is f
    assert f.get_params() == before_params
    new_public = [a for a in set(vars(f)) - before_attrs if not a.startswith("_")]
    assert new_public, "fit should set fitted attributes"
    assert all(a.endswith("_") for a in new_public), new_public
    for a in ("word_vocabulary_", "char_vocabulary_", "context_vocabulary_", "targets_", "n_features_out_"):
        assert hasattr(f, a)


def test_not_fitted_error_before_fit() -> None:
    f = StanceFeaturizer()
    with pytest.raises(SklearnNotFittedError):
        f.transform(TRAIN_PAIRS[:3])
    with pytest.raises(SklearnNotFittedError):
        f.get_feature_names_out()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"char_ngram_range": None},
        {"per_target": True, "min_target_count": 5},
        {"word_ngrams": 1, "mask_target": False, "negation_scope": 0},
    ],
    ids=["default-small", "no-chars", "per-target", "unigrams-unmasked"],
)
def test_feature_names_match_output_width(params) -> None:
    f = small(**params).fit(TRAIN_PAIRS)
    X = f.transform(TRAIN_PAIRS[:7])
    names = f.get_feature_names_out()
    assert len(names) == f.n_features_out_ == X.shape[1]
    assert X.shape[0] == 7
    assert len(set(names)) == len(names), "feature names must be unique"
    if params.get("per_target"):
        assert len(f.targets_) == len({r["target"].lower() for r in TRAIN_ROWS})
        assert any(n.startswith("t[") for n in names)


def test_fit_transform_equals_fit_then_transform() -> None:
    a = small().fit_transform(TRAIN_PAIRS).toarray()
    b = small().fit(TRAIN_PAIRS).transform(TRAIN_PAIRS).toarray()
    np.testing.assert_allclose(a, b)


def test_transform_is_row_wise(fitted: StanceFeaturizer) -> None:
    """A row's features do not depend on the other rows of the batch or their order."""
    X = [(r["text"], r["target"]) for r in HELDOUT_ROWS[:12]]
    whole = fitted.transform(X).toarray()
    reversed_ = fitted.transform(X[::-1]).toarray()[::-1]
    one_by_one = np.vstack([fitted.transform([x]).toarray() for x in X])
    np.testing.assert_allclose(whole, reversed_)
    np.testing.assert_allclose(whole, one_by_one)


def test_pipeline_with_linear_svc_learns_the_synthetic_corpus() -> None:
    pipe = Pipeline([("features", small()), ("svm", LinearSVC(C=1.0, random_state=0))])
    pipe.fit(TRAIN_PAIRS, TRAIN_Y)
    X_test = [(r["text"], r["target"]) for r in HELDOUT_ROWS]
    y_test = [r["stance"] for r in HELDOUT_ROWS]
    acc = float(np.mean(pipe.predict(X_test) == np.array(y_test)))
    assert acc > 0.6, f"held-out accuracy {acc:.2f} (chance is 0.33)"


def test_grid_search_over_a_featurizer_parameter() -> None:
    pipe = Pipeline([("features", small()), ("svm", LinearSVC(random_state=0))])
    grid = GridSearchCV(pipe, {"features__word_ngrams": [1, 2], "features__mask_target": [True, False]}, cv=3)
    grid.fit(TRAIN_PAIRS, TRAIN_Y)
    assert len(grid.cv_results_["params"]) == 4
    assert grid.best_params_["features__word_ngrams"] in (1, 2)
    assert grid.best_score_ > 0.6
    # the refitted estimator carries the chosen parameters
    assert grid.best_estimator_.named_steps["features"].word_ngrams == grid.best_params_["features__word_ngrams"]
    # and the template in the pipeline was cloned, not fitted in place
    assert not hasattr(pipe.named_steps["features"], "word_vocabulary_")


# ---------------------------------------------------------------------------------------------- mentions
def _mention_words(text: str, target: str, aliases=(), span=None) -> tuple[list[str], list[str]]:
    tokens = tokenize(text)
    full, partial = find_mentions(tokens, target, tuple(aliases), span)
    return [" ".join(t.norm for t in tokens[s:e]) for s, e in full], [tokens[i].norm for i in partial]


def test_find_mentions_target_alias_possessive_and_partial() -> None:
    assert _mention_words("We back the wind farm today", "the wind farm")[0] == ["wind farm"]
    assert _mention_words("The Wind Farm is late", "wind farm")[0] == ["wind farm"], "case-insensitive"
    assert _mention_words("HRC spoke and so did Hillary", "Hillary Clinton", ["HRC", "Hillary"])[0] == ["hrc", "hillary"]
    assert _mention_words("I read Okafor's plan", "Okafor")[0] == ["okafor's"], "possessive X's is a mention"
    full, partial = _mention_words("Clinton spoke at noon", "Hillary Clinton")
    assert full == [] and partial == ["clinton"], "a content word of the target alone is a partial mention"
    assert _mention_words("The weather is mild", "Hillary Clinton") == ([], [])
    assert "#windfarm" in _mention_words("Go #windfarm go", "windfarm")[0], "hashtags count"


def test_hashtag_mention_is_counted_once() -> None:
    corpus = [("Vote #windfarm now", "windfarm"), ("Vote windfarm now", "windfarm")]
    f = StanceFeaturizer(min_df=1, per_target=False).fit(corpus)
    tagged, plain = row_features(f, corpus[0]), row_features(f, corpus[1])
    assert tagged.get("d:mention_count") == pytest.approx(plain.get("d:mention_count"))
    assert "w:_tgt_ _tgt_" not in tagged


def test_span_offsets_override_name_search() -> None:
    text = "The council said the project will cost more"
    s = text.index("the project")
    e = s + len("the project")
    # the target's name does not occur, but the span marks the mention
    assert _mention_words(text, "Harbour Tunnel", span=(s, e))[0] == ["the project"]
    # and a span wins over a name that does occur elsewhere
    text2 = "The council praised it, and the tunnel was delayed"
    s2 = text2.index("it")
    assert _mention_words(text2, "the tunnel", span=(s2, s2 + 2))[0] == ["it"]


def test_dense_mention_features(fitted: StanceFeaturizer) -> None:
    full = row_features(fitted, ("I support the new bridge", "the new bridge"))
    possessive = row_features(fitted, ("I read Okafor's plan today", "Okafor"))
    alias = row_features(fitted, Pair("I support the crossing", "the new bridge", aliases=("the crossing",)))
    partial = row_features(fitted, ("I support the bridge", "the new bridge"))
    none = row_features(fitted, ("I like the weather", "the new bridge"))
    spanned = row_features(fitted, Pair("I like the weather", "the new bridge", span=(11, 18)))
    for feats in (full, possessive, alias, spanned):
        assert feats.get("d:mention", 0) > 0 and "d:mention_none" not in feats
    assert partial.get("d:mention_partial", 0) > 0 and "d:mention" not in partial
    assert none.get("d:mention_none", 0) > 0 and "d:mention" not in none
    # support cue next to the mention
    assert full.get("d:support_near", 0) > 0
    assert "d:support_near" not in none


# ---------------------------------------------------------------------------------------------- masking
def test_mask_target_replaces_mentions_by_tgt_token() -> None:
    pair = ("Residents praise Mayor Alvarez loudly", "Mayor Alvarez")
    masked = small().fit(TRAIN_PAIRS)
    feats = row_features(masked, pair)
    assert feats.get("w:_tgt_", 0) > 0
    assert feats.get("w:praise _tgt_", 0) > 0, "n-grams around the mask carry over between targets"
    assert "w:alvarez" not in feats and "w:mayor" not in feats
    unmasked = small(mask_target=False).fit(TRAIN_PAIRS)
    assert "w:_tgt_" not in set(unmasked.get_feature_names_out())
    feats_u = row_features(unmasked, pair)
    assert feats_u.get("w:alvarez", 0) > 0


def test_masked_features_transfer_to_unseen_target(fitted: StanceFeaturizer) -> None:
    """The same sentence about two different targets gives the same masked word features."""
    a = row_features(fitted, ("We condemn the wind farm loudly", "the wind farm"))
    b = row_features(fitted, ("We condemn the harbour tunnel loudly", "the harbour tunnel"))
    wa = {k: v for k, v in a.items() if k.startswith("w:")}
    wb = {k: v for k, v in b.items() if k.startswith("w:")}
    assert "w:_tgt_" in wa and "w:the _tgt_" in wa  # "the" is outside the mention (the X == X)
    assert wa.keys() == wb.keys()


# ---------------------------------------------------------------------------------------------- negation
def _neg_features(f: StanceFeaturizer, text: str) -> set[str]:
    return {k for k in row_features(f, (text, "the plan")) if k.startswith("neg:")}


def test_negation_scope_features() -> None:
    corpus = [
        ("this is not really fair to the plan", "the plan"),
        ("this is really fair to the plan", "the plan"),
        ("not good but fair for the plan", "the plan"),
        ("the plan is never wise", "the plan"),
    ]
    f = StanceFeaturizer(min_df=1, per_target=False, negation_scope=3).fit(corpus)
    assert _neg_features(f, "this is not really fair") == {"neg:really", "neg:fair"}
    assert _neg_features(f, "this is really fair") == set()
    # a contrast word ends the scope
    assert _neg_features(f, "not good but fair") == {"neg:good"}
    # the scope is limited to negation_scope words
    f1 = StanceFeaturizer(min_df=1, per_target=False, negation_scope=1).fit(corpus)
    assert _neg_features(f1, "this is not really fair") == {"neg:really"}
    f0 = StanceFeaturizer(min_df=1, per_target=False, negation_scope=0).fit(corpus)
    assert not any(n.startswith("neg:") for n in f0.get_feature_names_out())


def test_negated_support_cue_is_counted_as_negated(fitted: StanceFeaturizer) -> None:
    plain = row_features(fitted, ("We support the wind farm", "the wind farm"))
    negated = row_features(fitted, ("We do not support the wind farm", "the wind farm"))
    assert plain.get("d:support_near", 0) > 0 and "d:support_near_negated" not in plain
    assert negated.get("d:support_near_negated", 0) > 0 and "d:support_near" not in negated


# ---------------------------------------------------------------------------------------------- per-target blocks
def test_per_target_block_is_zero_for_unseen_targets() -> None:
    f = small(per_target=True, min_target_count=5).fit(TRAIN_PAIRS)
    names = f.get_feature_names_out()
    per_target_cols = np.array([n.startswith("t[") for n in names])
    own_cols = np.array([n.startswith("t[the wind farm]:") for n in names])
    assert own_cols.any()
    seen = f.transform([("We condemn the wind farm", "the wind farm")]).toarray()[0]
    unseen = f.transform([("We condemn the harbour tunnel", "the harbour tunnel")]).toarray()[0]
    assert np.abs(seen[own_cols]).sum() > 0, "a seen target fills its own block"
    assert np.abs(seen[per_target_cols & ~own_cols]).sum() == 0, "and no other target's block"
    assert np.abs(unseen[per_target_cols]).sum() == 0, "an unseen target gets zeros in every per-target block"
    # the shared blocks are still filled for the unseen target
    assert np.abs(unseen[~per_target_cols]).sum() > 0


def test_per_target_keys_ignore_case_and_spacing() -> None:
    f = small(per_target=True, min_target_count=5).fit(TRAIN_PAIRS)
    names = f.get_feature_names_out()
    own_cols = np.array([n.startswith("t[mayor alvarez]:") for n in names])
    row = f.transform([("We back  MAYOR   ALVAREZ", "MAYOR   Alvarez")]).toarray()[0]
    assert np.abs(row[own_cols]).sum() > 0


def test_min_target_count_limits_per_target_blocks() -> None:
    counts = {r["target"].lower() for r in TRAIN_ROWS}
    per = len(TRAIN_ROWS) // len(counts)  # rows per target
    assert len(small(per_target=True, min_target_count=per).fit(TRAIN_PAIRS).targets_) == len(counts)
    assert len(small(per_target=True, min_target_count=per + 1).fit(TRAIN_PAIRS).targets_) == 0
    assert len(small(per_target=False).fit(TRAIN_PAIRS).targets_) == 0


# ---------------------------------------------------------------------------------------------- input validation
GOOD = ("We back the plan", "the plan")


@pytest.mark.parametrize(
    ("bad_row", "needle"),
    [
        ((None, "the plan"), "text at row 2 is None"),
        (("We back it", None), "target at row 2 is None"),
        ((42, "the plan"), "text at row 2 is int"),
        (("We back it", 3.5), "target at row 2 is float"),
        ((b"bytes text", "the plan"), "text at row 2 is bytes"),
        (("", "the plan"), "text at row 2 is empty"),
        (("   \n\t", "the plan"), "text at row 2 is empty"),
        (("We back it", "  "), "target at row 2 is empty"),
        (("x" * (MAX_TEXT_CHARS + 1), "the plan"), "text at row 2 has"),
        (("We back it",), "row 2"),
        (("a", "b", (), None, "extra"), "row 2"),
        ("a plain string row", "row 2"),
        (17, "row 2"),
        ({"text": "We back it"}, "row 2"),
        (("We back it", "the plan", [""]), "row 2"),
        (("We back it", "the plan", None, (5, 500)), "row 2"),
        (("We back it", "the plan", None, "not a span"), "row 2"),
    ],
    ids=[
        "none-text", "none-target", "int-text", "float-target", "bytes-text", "empty-text", "whitespace-text",
        "whitespace-target", "enormous-text", "1-tuple", "5-tuple", "str-row", "int-row", "dict-without-target",
        "empty-alias", "span-outside", "span-garbage",
    ],
)
def test_bad_rows_raise_input_error_naming_the_row(fitted: StanceFeaturizer, bad_row, needle) -> None:
    X = [GOOD, GOOD, bad_row, GOOD]
    with pytest.raises(InputError, match=needle.replace("(", r"\(")):
        as_pairs(X)
    with pytest.raises(InputError, match="row 2"):
        fitted.transform(X)
    with pytest.raises(InputError, match="row 2"):
        small().fit(X)


def test_text_at_the_length_limit_is_accepted() -> None:
    text = ("word " * (MAX_TEXT_CHARS // 5))[:MAX_TEXT_CHARS]
    assert len(as_pairs([(text, "the plan")])[0].text) == MAX_TEXT_CHARS


def test_enormous_text_message_says_what_to_do() -> None:
    with pytest.raises(InputError) as info:
        as_pairs([("y" * (MAX_TEXT_CHARS + 10), "the plan")])
    msg = str(info.value)
    assert f"{MAX_TEXT_CHARS:,}" in msg and "split" in msg


@pytest.mark.parametrize(
    "X",
    [None, "one string", b"bytes", np.array(["We back it", "the plan"]), np.array([["only text"], ["more"]])],
    ids=["none", "str", "bytes", "1-d-array", "one-column-array"],
)
def test_bad_containers_raise_input_error(fitted: StanceFeaturizer, X) -> None:
    with pytest.raises(InputError):
        as_pairs(X)
    with pytest.raises(InputError):
        fitted.transform(X)


def test_one_d_array_message_gives_the_shape() -> None:
    with pytest.raises(InputError, match=r"shape \(2,\)"):
        as_pairs(np.array(["We back it", "the plan"]))


def test_accepted_input_forms_agree(fitted: StanceFeaturizer) -> None:
    text, target = "We condemn the wind farm", "the wind farm"
    forms = [
        [(text, target)],
        [[text, target]],
        [Pair(text, target)],
        [{"text": text, "target": target}],
        np.array([[text, target]], dtype=object),
        [(text, target, None, None)],
        [(text, target, "", None)],
    ]
    mats = [fitted.transform(x).toarray() for x in forms]
    for m in mats[1:]:
        np.testing.assert_allclose(m, mats[0])


def test_aliases_given_as_pipe_separated_string() -> None:
    (p,) = as_pairs([("We back HRC", "Hillary Clinton", "HRC|Hillary")])
    assert p.aliases == ("HRC", "Hillary")


def test_fit_on_empty_input_raises() -> None:
    with pytest.raises(InputError, match="empty"):
        small().fit([])


def test_dense_feature_list_is_in_feature_names(fitted: StanceFeaturizer) -> None:
    names = list(fitted.get_feature_names_out())
    assert [n for n in names if n.startswith("d:")] == ["d:" + d for d in DENSE_FEATURES]


# ---------------------------------------------------------------------------------------------- block scoring
@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("params", [{}, {"per_target_chars": True}, {"per_target": False}, {"char_ngram_range": None}, {"word_weight": 0.7, "char_weight": 1.3}])
def test_block_scores_equal_the_matrix_product(params, exact: bool) -> None:
    f = small(min_target_count=1, **params).fit(TRAIN_PAIRS)
    pairs = as_pairs(TRAIN_PAIRS[:20] + [("Something about a new target", "a target never seen")])
    X = f.transform(pairs)
    parts, _ = f.transform_blocks(pairs, exact=exact)
    if f.per_target:
        assert parts.target_ids[-1] == -1, "the last pair's target has no slot"
    weights = np.random.default_rng(0).normal(size=(f.n_features_out_, 4))
    np.testing.assert_allclose(f.score_blocks(parts, f.scoring_weights(weights)), X @ weights, rtol=0, atol=1e-12)


# a row with no word at all, words repeated within a row (and across tokens: character n-grams), unknown words
ODD_PAIRS = [("!!! ???", "the mayor"), ("vote vote vote for the mayor, vote", "the mayor"), ("zzqx qqzx zzqx", "the levy"), ("...", "x")]


@pytest.mark.parametrize("params", [{}, {"char_weight": 1.3, "context_weight": 0.5}, {"char_ngram_range": None}, {"word_ngrams": 3}])
def test_blocks_built_for_scoring_equal_the_exact_ones(params) -> None:
    # exact=False merges repeated columns by a sparse product instead of sorting: same values up to round-off,
    # each row's entries in another order
    f = small(**params).fit(TRAIN_PAIRS)
    pairs = as_pairs(ODD_PAIRS + TRAIN_PAIRS[:30] + ODD_PAIRS)
    exact, coverage = f.transform_blocks(pairs)
    fast, fast_coverage = f.transform_blocks(pairs, exact=False)
    np.testing.assert_array_equal(fast_coverage, coverage)
    for name in ("words", "chars", "context", "dense"):
        a, b = getattr(exact, name), getattr(fast, name)
        if a is None:
            assert b is None
            continue
        assert a.shape == b.shape and a.nnz == b.nnz, name
        np.testing.assert_allclose(b.toarray(), a.toarray(), rtol=0, atol=1e-15, err_msg=name)
    np.testing.assert_array_equal(fast.target_ids, exact.target_ids)
    np.testing.assert_array_equal(fast.unnamed, exact.unnamed)
    np.testing.assert_allclose(f.blocks_matrix(fast).toarray(), f.transform(pairs).toarray(), rtol=0, atol=1e-15)


def test_blocks_of_an_empty_batch() -> None:
    f = small().fit(TRAIN_PAIRS)
    for exact in (True, False):
        parts, coverage = f.transform_blocks([], exact=exact)
        assert f.blocks_matrix(parts).shape == (0, f.n_features_out_) and coverage.shape == (0,)
