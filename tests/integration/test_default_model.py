"""The shipped default (any-target) model: size, load time, recorded scores, and the recipe's reproducibility.

The recorded figures live in the model file's metadata: ``dev_scores`` (written by training/default_model.py)
and ``test_scores`` (written by training/evaluate_default.py). A retrained or re-evaluated model that drifts
from them fails here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import stance
from conftest import need_corpus
from stance.api import MODELS_DIR
from stance.persistence import read_metadata, read_recorded_scores

pytestmark = pytest.mark.data

REPO = Path(__file__).resolve().parents[2]
MODEL = MODELS_DIR / "default.stance"
TOLERANCE = 0.5  # points; predictions are deterministic, so this only absorbs platform float noise
DEV_TOLERANCE = 1.5  # the recipe retrains: LinearSVC/liblinear may differ a little across platforms


@pytest.fixture(scope="module")
def training_modules():
    sys.path.insert(0, str(REPO / "training"))
    try:
        import default_model
        import evaluate_default

        yield default_model, evaluate_default
    finally:
        sys.path.remove(str(REPO / "training"))


@pytest.fixture(scope="module")
def model(data_dir):
    return stance.load()


@pytest.fixture(scope="module")
def meta():
    return read_metadata(MODEL)


@pytest.fixture(scope="module")
def scores():
    return read_recorded_scores(MODEL)


def test_default_model_is_small_and_loads_fast() -> None:
    assert MODEL.exists(), "stance/models/default.stance is missing: run python training/default_model.py"
    assert MODEL.stat().st_size <= 25 * 1024 * 1024
    best = min(_timed_load() for _ in range(2))
    assert best < 1.0, f"loading the default model took {best:.2f} s"


def _timed_load() -> float:
    t0 = time.perf_counter()
    stance.load()
    return time.perf_counter() - t0


def test_metadata_records_recipe_corpora_and_scores(meta, scores) -> None:
    assert meta["recipe"] == "training/default_model.py"
    assert set(meta["corpora"]) == {"semeval2016/train", "newsmtsc/train", "vast/dev", "newsstance/train", "semeval2017/train",
                                    "seesaw/train (encoder only)"}
    # every training corpus's license is stated, and SEESAW's non-commercial term is carried over (issue 16)
    assert set(meta["training_data_licenses"]) == {"semeval2016", "newsmtsc", "vast", "newsstance", "semeval2017", "seesaw"}
    assert "non-commercial" in meta["license_note"] and "CC BY-NC-SA" in meta["training_data_licenses"]["seesaw"]
    assert meta["config"]["featurizer"]["per_target"] is False
    assert meta["vast_topic_overlap"]["shared_with_zero_shot"] == 0
    for key in ("newsmtsc", "newsstance", "vast", "semeval2016", "tweeteval_validation"):
        assert key in meta["dev_scores"], key
    for key in ("newsmtsc", "vast", "newsstance", "semeval_test", "tweeteval", "semeval_loto", "linear"):
        assert key in scores, key


def test_encoder_is_recorded_and_blended(model, meta) -> None:
    enc = meta["encoder"]
    assert enc["recipe"] == "training/statement_encoder.py (on top of training/news_encoder.py and training/encoder_model.py)"
    # the third stage: a speaker layer trained on the analysis' statements, the body at its own learning rate, and
    # the layer's shares and offset the ones chosen on SEESAW's held-out train stories (docs/news.md)
    st = enc["statement_training"]
    assert st["body_lr"] == 3e-5 and st["passes"] == 3 and st["replay"]
    assert enc["speaker_layer"] == {"weight": st["choice"]["share"], "weight_cued": st["choice"]["cued_share"],
                                    "none_offset": st["choice"]["none_offset"]}
    assert model.encoder is not None and model.encoder.has_speaker_layer
    assert model.speaker_layer is not None and model.speaker_layer.weight == st["choice"]["share"]
    assert meta["format_version"] == 2  # a speaker layer: libraries that cannot read it refuse the file
    # the second stage kept the recipe's share and chose only the NONE offset on SEESAW's held-out train stories
    choice = enc["seesaw_choice"]["held_out_train_stories"]
    assert choice["share"] == enc["weight"] and model.stance_offsets == {"NONE": choice["none_offset"]}
    assert enc["further_training"]["passes"] == 2 and enc["further_training"]["balanced"] is False and enc["further_training"]["replay"]
    assert enc["base_sha256"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # all-MiniLM-L6-v2
    assert 0 < enc["weight"] <= 1 and enc["weight"] == model.encoder_weight
    assert 0 < enc["sentiment_weight"] <= 1 and enc["sentiment_weight"] == model.encoder_sentiment_weight
    for task, share in (("stance", enc["weight"]), ("sentiment", enc["sentiment_weight"])):
        assert set(enc["dev_scores"][task]) >= {"linear", "encoder", "blend", "best_weight"}
        assert enc["dev_scores"][task]["best_weight"] == share  # the shipped shares are the ones chosen on dev
    # the share on cued statements (a support / oppose cue with the target as its object) is the one chosen on dev
    assert enc["weight_cued"] == model.encoder_weight_cued == enc["dev_scores"]["stance_cued"]["chosen"]
    assert model.encoder is not None and model.encoder.labels == ["AGAINST", "FAVOR", "NONE"]
    assert model.encoder.sentiment_labels == ["negative", "neutral", "positive"]


def test_default_linear_matches_its_recorded_scores(scores, training_modules, data_dir) -> None:
    need_corpus("newsmtsc", "devtest_rw.jsonl")
    _, ev = training_modules
    linear = stance.load("default-linear")
    assert linear.encoder is None
    got = ev.newsmtsc(linear, str(data_dir))["devtest_rw"]
    want = scores["linear"]["newsmtsc"]["devtest_rw"]
    assert abs(got["macro_f1"] - want["macro_f1"]) <= TOLERANCE, (got, want)


#: Plain statements about invented targets, written for this test (not from any corpus). The model gets most of
#: them right, not all (see docs/any-target.md, "Known failures"); the floor catches a model that gets worse.
PLAIN = [
    ("We oppose the harbour tunnel.", "the harbour tunnel", "AGAINST"),
    ("We fully support the harbour tunnel.", "the harbour tunnel", "FAVOR"),
    ("The harbour tunnel is a disgrace and must be scrapped.", "the harbour tunnel", "AGAINST"),
    ("The harbour tunnel will open in May, officials said.", "the harbour tunnel", "NONE"),
    ("The union opposes the pension reform and will strike.", "the pension reform", "AGAINST"),
    ("Business leaders welcomed the pension reform as long overdue.", "the pension reform", "FAVOR"),
    ("I will never vote for Senator Hale again; she lied to us.", "Senator Hale", "AGAINST"),
    ("Senator Hale has been a tireless champion for working families.", "Senator Hale", "FAVOR"),
    ("Senator Hale will speak in Denver on Tuesday.", "Senator Hale", "NONE"),
    ("The carbon tax is the best idea this government has had.", "the carbon tax", "FAVOR"),
    ("The carbon tax will destroy jobs and hurt families.", "the carbon tax", "AGAINST"),
    ("Critics rejected the merger, calling it a threat to consumers.", "the merger", "AGAINST"),
    ("Shareholders approved the merger, praising its benefits.", "the merger", "FAVOR"),
    ("We stand with the striking nurses.", "the striking nurses", "FAVOR"),
    ("The striking nurses are holding patients hostage.", "the striking nurses", "AGAINST"),
    ("We reject the new curfew; it punishes everyone.", "the new curfew", "AGAINST"),
    ("The new curfew has made our streets safer.", "the new curfew", "FAVOR"),
    ("Opponents of the dam say it will flood three villages.", "the dam", "AGAINST"),
]
#: 15 with the first encoder; 14 with the current one at one share for all statements; 17 since statements whose
#: support or oppose cue takes the target as its object get the linear part alone (docs/any-target.md); the linear
#: part: 16.
PLAIN_FLOOR = 17
LINEAR_PLAIN_FLOOR = 16


def test_plain_statements_about_unseen_targets(model) -> None:
    preds = model.predict_batch([t for t, _, _ in PLAIN], [g for _, g, _ in PLAIN])
    right = sum(p.stance == gold for p, (_, _, gold) in zip(preds, PLAIN))
    assert right >= PLAIN_FLOOR, [(t, p.stance) for p, (t, _, gold) in zip(preds, PLAIN) if p.stance != gold]
    assert all(p.sentiment in ("positive", "negative", "neutral") for p in preds)
    linear = model.without_encoder().predict_batch([t for t, _, _ in PLAIN], [g for _, g, _ in PLAIN])
    assert sum(p.stance == gold for p, (_, _, gold) in zip(linear, PLAIN)) >= LINEAR_PLAIN_FLOOR


def test_newsstance_test_matches_recorded(model, scores, training_modules) -> None:
    _, ev = training_modules
    got = ev.newsstance(model)
    want = scores["newsstance"]
    assert got["n"] == want["n"]
    assert abs(got["f_avg"] - want["f_avg"]) <= TOLERANCE, (got, want)
    assert abs(got["macro_f1"] - want["macro_f1"]) <= TOLERANCE, (got, want)


def test_newsmtsc_rw_matches_recorded(model, scores, training_modules, data_dir) -> None:
    need_corpus("newsmtsc", "devtest_rw.jsonl")
    _, ev = training_modules
    got = ev.newsmtsc(model, str(data_dir))["devtest_rw"]
    want = scores["newsmtsc"]["devtest_rw"]
    assert got["n"] == want["n"] == 1146
    assert abs(got["macro_f1"] - want["macro_f1"]) <= TOLERANCE, (got, want)
    assert abs(got["accuracy"] - want["accuracy"]) <= TOLERANCE, (got, want)


def test_onnxruntime_and_numpy_agree_on_news_sentences(model, data_dir) -> None:
    """The fast runtime is the same model: probabilities within 1e-3 and the same labels on 300 NewsMTSC sentences."""
    from stance.corpora import load_corpus
    from stance.encoder_runtime import available

    need_corpus("newsmtsc", "devtest_rw.jsonl")
    if not available():
        pytest.fail("onnxruntime and onnx are core dependencies but are not installed: pip install -e .")
    rows = list(load_corpus("newsmtsc", data_dir)["devtest_rw"])[::4][:300]
    args = ([r["text"] for r in rows], [r["target"] for r in rows], [r["aliases"] for r in rows])
    assert model.encoder.runtime == "onnxruntime", "the default runtime, when installed"
    fast = model.predict_batch(*args, progress=False)
    slow = stance.load(runtime="numpy").predict_batch(*args, progress=False)
    worst = max(abs(f.stance_probabilities[k] - s.stance_probabilities[k]) for f, s in zip(fast, slow) for k in f.stance_probabilities)
    worst_m = max(abs(f.sentiment_probabilities[k] - s.sentiment_probabilities[k]) for f, s in zip(fast, slow) for k in f.sentiment_probabilities)
    assert worst < 1e-3 and worst_m < 1e-3, (worst, worst_m)
    assert [(f.stance, f.sentiment, f.flags) for f in fast] == [(s.stance, s.sentiment, s.flags) for s in slow]


@pytest.mark.slow
def test_recipe_reproduces_dev_scores(meta, training_modules, data_dir) -> None:
    """Re-runs the recipe's dev protocol (train minus held-out parts; about 2 minutes on one core)."""
    dm, _ = training_modules
    got = dm.dev_run(data_dir=str(data_dir), verbose=False)
    want = meta["dev_scores"]
    for corpus in ("semeval2016", "newsmtsc", "vast", "newsstance"):
        assert abs(got[corpus]["macro_f1"] - want[corpus]["macro_f1"]) <= DEV_TOLERANCE, (corpus, got[corpus], want[corpus])
    tv_got, tv_want = got["tweeteval_validation"]["macro_recall"], want["tweeteval_validation"]["macro_recall"]
    assert abs(tv_got - tv_want) <= DEV_TOLERANCE, (tv_got, tv_want)


#: The default model's share of the behavioural checks (corpora/checks/templates.json) it must keep; it scored
#: 71.5% when the mention-role features were added (59.0% before), 70.8% with the first encoder, 68.1% with the
#: current one (stance and sentiment layers) at one share for all statements, 81.2% since cued statements get the
#: linear part alone (encoder_weight_cued). Its linear part alone must keep 71.5%. See docs/any-target.md.
CHECKS_FLOOR = 81.0
LINEAR_CHECKS_FLOOR = 71.5
#: Right answers it must keep on the plainest patterns ("{S} supports {T}.", "We oppose {T}.", "We stand with {T}.",
#: "{S} does not support {T}."; 24 cases): 10 before the mention-role features, 23 after (the linear part still
#: gets 23), 19 with the first encoder, 10 with the current one, which reads most of the misses as NONE (it learned
#: much of its sense of stance from NewsMTSC, where a mention that is merely supported is often portrayed
#: neutrally; docs/any-target.md, "Known failures"), a regression the dev parts do not show; 23 since statements
#: whose support or oppose cue takes the target as its object get the linear part alone (encoder_weight_cued).
PLAIN_PATTERNS_FLOOR = 23
LINEAR_PLAIN_PATTERNS_FLOOR = 23


def test_behaviour_checks_floor(model) -> None:
    sys.path.insert(0, str(REPO / "training"))
    try:
        import behaviour_checks
    finally:
        sys.path.remove(str(REPO / "training"))
    plain = ("supports", "we_oppose", "we_stand_with", "not_support")
    for m, floor, plain_floor in ((model, CHECKS_FLOOR, PLAIN_PATTERNS_FLOOR), (model.without_encoder(), LINEAR_CHECKS_FLOOR, LINEAR_PLAIN_PATTERNS_FLOOR)):
        got = behaviour_checks.score(m, behaviour_checks.cases())
        assert got["accuracy"] >= floor, got
        assert sum(got["right"][p] for p in plain) >= plain_floor, got
