"""The numpy transformer encoder: WordPiece, quantization, the forward pass's invariants, storage in a model
file, and the blend with the linear head. Uses a tiny random BERT built here (no pretrained weights)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from stance.encoder import MAX_TOKENS, PairEncoder, WordPiece, encoder_input, quantize
from stance.exceptions import InputError, ModelFormatError
from stance.persistence import load_model
from synthetic import HELDOUT_ROWS, train_small_model

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "minister", "said", "un", "##able", "##s", "cafe", ",", ".", "!", "[", "]", "x", "##x", "y"]


def tiny_arrays(
    seed: int = 0, hidden: int = 8, heads: int = 2, layers: int = 2, labels: tuple[str, ...] = ("AGAINST", "FAVOR", "NONE"), sentiment: bool = False,
    inputs: tuple[str, ...] = (),
) -> dict:
    rng = np.random.default_rng(seed)
    r = lambda *shape: rng.normal(scale=0.5, size=shape).astype(np.float32)  # noqa: E731
    state = {
        "embeddings.word_embeddings.weight": r(len(VOCAB), hidden),
        "embeddings.position_embeddings.weight": r(MAX_TOKENS, hidden),
        "embeddings.token_type_embeddings.weight": r(2, hidden),
        "embeddings.LayerNorm.weight": np.ones(hidden, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(hidden, np.float32),
        "embeddings.position_ids": np.arange(MAX_TOKENS)[None],
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for n in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            state[p + n + ".weight"], state[p + n + ".bias"] = r(hidden, hidden), r(hidden)
        state[p + "intermediate.dense.weight"], state[p + "intermediate.dense.bias"] = r(4 * hidden, hidden), r(4 * hidden)
        state[p + "output.dense.weight"], state[p + "output.dense.bias"] = r(hidden, 4 * hidden), r(hidden)
        for n in ("attention.output.LayerNorm", "output.LayerNorm"):
            state[p + n + ".weight"], state[p + n + ".bias"] = np.ones(hidden, np.float32), np.zeros(hidden, np.float32)
    m_layer = (r(3, hidden) * 4, r(3), ("negative", "neutral", "positive")) if sentiment else None
    return PairEncoder.arrays_from_state(state, r(len(labels), hidden) * 4, r(len(labels)), labels, VOCAB, heads, sentiment=m_layer, inputs=inputs)


# ---------------------------------------------------------------------------------------------- tokenizer
@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The minister said", ["the", "minister", "said"]),
        ("  the\tminister\n", ["the", "minister"]),
        ("Unables!", ["un", "##able", "##s", "!"]),  # greedy longest match, lower-cased
        ("Café, the", ["cafe", ",", "the"]),  # accents stripped, punctuation split off
        ("the zebra", ["the", "[UNK]"]),  # a word without pieces is unknown as a whole
        ("xxx", ["x", "##x", "##x"]),
        ("[ the ]", ["[", "the", "]"]),
        ("", []),
    ],
)
def test_wordpiece(text: str, pieces: list[str]) -> None:
    tok = WordPiece(VOCAB)
    assert [VOCAB[i] for i in tok.ids(text)] == pieces


def test_pair_is_cut_to_max_tokens_longer_segment_first() -> None:
    tok = WordPiece(VOCAB)
    ids, first_len = tok.pair("the " * 300, "minister said")
    assert len(ids) == MAX_TOKENS
    assert ids[0] == tok.cls and ids[-1] == tok.sep and ids[first_len - 1] == tok.sep
    assert [VOCAB[i] for i in ids[first_len:-1]] == ["minister", "said"]  # the short target survives whole
    short, n = tok.pair("the minister", "x")
    assert [VOCAB[i] for i in short] == ["[CLS]", "the", "minister", "[SEP]", "x", "[SEP]"] and n == 4


def test_encoder_input_brackets_the_mention_and_lists_aliases() -> None:
    assert encoder_input("We back Reyna now", "Reyna", (), (8, 13)) == ("We back [ Reyna ] now", "Reyna")
    assert encoder_input("text", "the president", ("Reyna", "she")) == ("text", "the president , Reyna , she")
    # without a span, every full mention of the target or an alias that the matcher finds
    got = encoder_input("We back Reyna, and Tomas Reyna's plan.", "Tomas Reyna", ("Reyna",))
    assert got[0] == "We back [ Reyna ], and [ Tomas Reyna's ] plan."
    assert encoder_input("We back Reyna.", "Reyna", find=False)[0] == "We back Reyna."
    assert encoder_input("We back the plan.", "Reyna")[0] == "We back the plan."


# ---------------------------------------------------------------------------------------------- quantization and forward pass
def test_quantize_keeps_each_row_within_half_a_step() -> None:
    w = np.random.default_rng(1).normal(size=(5, 40)).astype(np.float32)
    w[2] = 0.0
    for levels in (127, 63):
        q = quantize({"m": w, "v": w[0]}, {"m": levels})
        assert q["m"].dtype == np.int8 and q["v"].dtype == np.float32
        assert np.abs(q["m"]).max() == levels
        back = q["m"].astype(np.float32) * q["m.scale"]
        step = np.abs(w).max(axis=1, keepdims=True) / levels
        assert np.all(np.abs(back - w) <= step / 2 + 1e-6)
        assert np.all(back[2] == 0)


def test_probabilities_do_not_depend_on_batch_or_padding() -> None:
    enc = PairEncoder(tiny_arrays())
    firsts = ["the minister said", "x", "unables ! the minister said the the the the", "cafe"]
    seconds = ["the minister", "y", "x", "the"]
    together = enc.predict_proba(firsts, seconds)
    alone = np.vstack([enc.predict_proba([a], [b]) for a, b in zip(firsts, seconds)])
    assert together.shape == (4, 3)
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(together.sum(1), 1.0, atol=1e-9)
    assert len({tuple(np.round(r, 6)) for r in together}) == 4  # different inputs, different outputs


def test_target_segment_changes_the_output() -> None:
    enc = PairEncoder(tiny_arrays())
    a, b = enc.predict_proba(["the minister said"] * 2, ["the minister", "y"])
    assert not np.allclose(a, b)


def test_stored_vocabulary_keeps_latin_pieces_and_special_tokens_only() -> None:
    arrays = tiny_arrays()
    vocab = [str(v) for v in arrays["vocab"]]
    assert vocab == VOCAB  # all of the tiny vocabulary is Latin
    state_vocab = VOCAB + ["[unused3]", "##石", "ʃ", "é"]
    from stance.encoder import _kept_piece

    assert [t for t in state_vocab if _kept_piece(t)] == VOCAB + ["é"]


def test_bytes_round_trip() -> None:
    enc = PairEncoder(tiny_arrays())
    again = PairEncoder.from_bytes(enc.data)
    assert again.labels == enc.labels
    np.testing.assert_array_equal(again.predict_proba(["the minister"], ["x"]), enc.predict_proba(["the minister"], ["x"]))


def test_pickled_arrays_are_refused() -> None:
    buf = io.BytesIO()
    np.savez(buf, labels=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(ValueError, match="allow_pickle"):
        PairEncoder.from_bytes(buf.getvalue())


# ---------------------------------------------------------------------------------------------- in a model
@pytest.fixture(scope="module")
def blended(tmp_path_factory) -> tuple:
    from stance.model import StanceModel

    small = train_small_model()
    model = StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, PairEncoder(tiny_arrays()), 0.4)
    path = tmp_path_factory.mktemp("enc") / "blended.stance"
    model.save(path)
    return small, model, path


TEXTS = [r["text"] for r in HELDOUT_ROWS]
TARGETS = [r["target"] for r in HELDOUT_ROWS]


def test_blend_is_the_weighted_mean_of_both_heads(blended) -> None:
    small, model, _ = blended
    lin = small.predict_batch(TEXTS, TARGETS)
    got = model.predict_batch(TEXTS, TARGETS)
    enc = model.encoder.predict_proba([encoder_input(t, g)[0] for t, g in zip(TEXTS, TARGETS)], [encoder_input(t, g)[1] for t, g in zip(TEXTS, TARGETS)])
    for i, (a, b) in enumerate(zip(lin, got)):
        for label, p in b.stance_probabilities.items():
            want = 0.6 * a.stance_probabilities[label] + 0.4 * enc[i, model.encoder.labels.index(label)]
            assert p == pytest.approx(want, abs=1e-9)
        assert b.sentiment == a.sentiment and b.flags == a.flags  # no sentiment layer in this encoder; flags stay linear
    np.testing.assert_allclose(model.predict_proba(list(zip(TEXTS, TARGETS))), [[p.stance_probabilities[c] for c in model.stance_head.classes_] for p in got])
    plain = model.without_encoder().predict_batch(TEXTS, TARGETS)
    assert [p.stance_probabilities for p in plain] == [p.stance_probabilities for p in lin]


def test_model_file_round_trip_keeps_the_encoder(blended) -> None:
    _, model, path = blended
    loaded = load_model(path)
    assert loaded.encoder is not None and loaded.encoder_weight == 0.4
    assert loaded.metadata["encoder"]["weight"] == 0.4
    before = [p.stance_probabilities for p in model.predict_batch(TEXTS, TARGETS)]
    assert [p.stance_probabilities for p in loaded.predict_batch(TEXTS, TARGETS)] == before


def _rewrite(src: Path, dst: Path, **members: bytes | None) -> Path:
    with zipfile.ZipFile(src) as zf:
        got = {n: zf.read(n) for n in zf.namelist()}
    for name, data in members.items():
        name = name.replace("_npz", ".npz")
        if data is None:
            got.pop(name)
        else:
            got[name] = data
    with zipfile.ZipFile(dst, "w") as zf:
        for n, data in got.items():
            zf.writestr(n, data)
    return dst


def test_tampered_or_missing_encoder_is_refused(blended, tmp_path: Path) -> None:
    _, _, path = blended
    with zipfile.ZipFile(path) as zf:
        data = bytearray(zf.read("encoder.npz"))
    data[-100] ^= 1
    with pytest.raises(ModelFormatError, match="encoder does not match the checksum"):
        load_model(_rewrite(path, tmp_path / "t.stance", encoder_npz=bytes(data)))
    with pytest.raises(ModelFormatError, match="no encoder.npz"):
        load_model(_rewrite(path, tmp_path / "m.stance", encoder_npz=None))


def test_encoder_weight_outside_zero_to_one_is_refused(blended) -> None:
    from stance.model import StanceModel

    small, model, _ = blended
    with pytest.raises(InputError, match="encoder_weight=1.5"):
        StanceModel(small.featurizer, small.stance_head, None, {}, model.encoder, 1.5)


def test_model_without_encoder_saves_no_encoder(blended, tmp_path: Path) -> None:
    _, model, _ = blended
    path = model.without_encoder().save(tmp_path / "plain.stance") or tmp_path / "plain.stance"
    with zipfile.ZipFile(path) as zf:
        assert "encoder.npz" not in zf.namelist()
        assert "encoder" not in json.loads(zf.read("metadata.json"))


def test_explain_lists_linear_features_and_reports_the_blend(blended) -> None:
    from stance.explain import explain

    small, model, _ = blended
    e = explain(model, TEXTS[0], TARGETS[0])
    plain = explain(small, TEXTS[0], TARGETS[0])
    assert e["encoder_weight"] == 0.4 and plain["encoder_weight"] == 0.0
    assert e["probabilities"] == plain["probabilities"]  # the itemized part is the linear head
    assert e["model_probabilities"] == pytest.approx(model.predict(TEXTS[0], TARGETS[0]).stance_probabilities)
    assert plain["model_probabilities"] == plain["probabilities"]
    assert explain(model, TEXTS[0], TARGETS[0], task="sentiment")["encoder_weight"] == 0.0  # its encoder has no sentiment layer


# ---------------------------------------------------------------------------------------------- sentiment layer
def test_sentiment_layer_reads_the_same_pass_and_round_trips() -> None:
    enc = PairEncoder(tiny_arrays(sentiment=True))
    firsts, seconds = ["the minister said", "x y", "unables !"], ["x", "the", "y"]
    stance, sentiment = enc.predict(firsts, seconds)
    assert enc.sentiment_labels == ["negative", "neutral", "positive"]
    assert sentiment is not None and sentiment.shape == (3, 3)
    np.testing.assert_allclose(sentiment.sum(1), 1.0)
    np.testing.assert_array_equal(stance, enc.predict_proba(firsts, seconds))
    assert not np.allclose(sentiment, stance)  # its own output layer, not a copy of the stance one
    again = PairEncoder.from_bytes(enc.data)
    assert again.sentiment_labels == enc.sentiment_labels
    np.testing.assert_array_equal(again.predict(firsts, seconds)[1], sentiment)
    assert PairEncoder(tiny_arrays()).predict(firsts, seconds)[1] is None


@pytest.fixture(scope="module")
def blended_both(tmp_path_factory) -> tuple:
    from stance.model import StanceModel

    small = train_small_model()
    model = StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, PairEncoder(tiny_arrays(sentiment=True)), 0.4, 0.3)
    path = tmp_path_factory.mktemp("enc") / "both.stance"
    model.save(path)
    return small, model, path


def test_sentiment_blend_is_the_weighted_mean_of_both_heads(blended_both) -> None:
    small, model, _ = blended_both
    lin = small.predict_batch(TEXTS, TARGETS)
    got = model.predict_batch(TEXTS, TARGETS)
    inputs = [encoder_input(t, g) for t, g in zip(TEXTS, TARGETS)]
    enc_s, enc_m = model.encoder.predict([a for a, _ in inputs], [b for _, b in inputs])
    labels = model.encoder.sentiment_labels
    for i, (a, b) in enumerate(zip(lin, got)):
        for label, p in b.sentiment_probabilities.items():
            assert p == pytest.approx(0.7 * a.sentiment_probabilities[label] + 0.3 * enc_m[i, labels.index(label)], abs=1e-9)
        assert b.sentiment == max(b.sentiment_probabilities, key=b.sentiment_probabilities.get)
        assert b.sentiment_confidence == pytest.approx(max(b.sentiment_probabilities.values()))
        for label, p in b.stance_probabilities.items():
            assert p == pytest.approx(0.6 * a.stance_probabilities[label] + 0.4 * enc_s[i, model.encoder.labels.index(label)], abs=1e-9)
    plain = model.without_encoder().predict_batch(TEXTS, TARGETS)
    assert [p.sentiment_probabilities for p in plain] == [p.sentiment_probabilities for p in lin]


def test_sentiment_share_round_trips_and_is_explained(blended_both) -> None:
    from stance.explain import explain

    _, model, path = blended_both
    loaded = load_model(path)
    assert (loaded.encoder_weight, loaded.encoder_sentiment_weight) == (0.4, 0.3)
    assert loaded.metadata["encoder"]["sentiment_weight"] == 0.3
    assert loaded.metadata["encoder"]["sentiment_labels"] == ["negative", "neutral", "positive"]
    assert [p.sentiment_probabilities for p in loaded.predict_batch(TEXTS, TARGETS)] == [p.sentiment_probabilities for p in model.predict_batch(TEXTS, TARGETS)]
    e = explain(model, TEXTS[0], TARGETS[0], task="sentiment")
    assert e["encoder_weight"] == 0.3
    assert e["model_probabilities"] == pytest.approx(model.predict(TEXTS[0], TARGETS[0]).sentiment_probabilities)
    assert e["model_probabilities"] != pytest.approx(e["probabilities"])


def test_sentiment_share_needs_a_sentiment_layer_and_head(blended, blended_both, tmp_path: Path) -> None:
    from stance.model import StanceModel

    small, model, path = blended
    with pytest.raises(InputError, match="encoder_sentiment_weight=0.3 but the encoder has no sentiment layer"):
        StanceModel(small.featurizer, small.stance_head, small.sentiment_head, {}, model.encoder, 0.4, 0.3)
    with pytest.raises(InputError, match="the model has no sentiment head"):
        StanceModel(small.featurizer, small.stance_head, None, {}, blended_both[1].encoder, 0.4, 0.3)
    with pytest.raises(InputError, match="encoder_sentiment_weight=-0.1"):
        StanceModel(small.featurizer, small.stance_head, small.sentiment_head, {}, blended_both[1].encoder, 0.4, -0.1)
    # a file whose metadata gives a sentiment share to an encoder without the layer
    with zipfile.ZipFile(path) as zf:
        meta = json.loads(zf.read("metadata.json"))
    meta["encoder"]["sentiment_weight"] = 0.3
    with pytest.raises(ModelFormatError, match="encoder metadata does not fit the model"):
        load_model(_rewrite(path, tmp_path / "bad.stance", **{"metadata.json": json.dumps(meta).encode()}))


def test_pair_cut_says_whether_the_pair_was_cut() -> None:
    tok = WordPiece(VOCAB)
    room = MAX_TOKENS - 3
    assert tok.pair_cut("the " * (room - 1), "x")[2] is False  # exactly full
    assert tok.pair_cut("the " * room, "x")[2] is True
    assert tok.pair_cut("the " * room, "x")[:2] == tok.pair("the " * room, "x")


def test_a_statement_longer_than_the_encoder_reads_is_flagged(blended_both) -> None:
    from stance.model import ENCODER_TRUNCATED

    small, model, _ = blended_both
    long_text = "the minister said " * 60 + TEXTS[0]
    got = model.predict_batch([TEXTS[0], long_text], [TARGETS[0], TARGETS[0]])
    assert [ENCODER_TRUNCATED in p.flags for p in got] == [False, True]
    # the linear part reads the whole statement: without the encoder there is nothing to flag
    assert not any(ENCODER_TRUNCATED in p.flags for p in model.without_encoder().predict_batch([long_text], [TARGETS[0]]))
    assert not any(ENCODER_TRUNCATED in p.flags for p in small.predict_batch([long_text], [TARGETS[0]]))


def test_cued_statements_get_their_own_encoder_share(tmp_path: Path) -> None:
    from stance.features import Pair
    from stance.model import StanceModel

    small = train_small_model()
    small.featurizer.mention_roles = True  # as in the default model: the cue whose object the target is
    texts = ["The council condemns the new tariff.", "The union backs the reform.", "We do not support the plan."]
    targets = ["the new tariff", "the union", "the plan"]  # the union is the subject of its cue, not the object
    enc = PairEncoder(tiny_arrays(sentiment=True))
    model = StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, enc, 0.6, 0.0, 0.1)
    assert model.cued([Pair(t, g) for t, g in zip(texts, targets)]).tolist() == [True, False, True]
    lin = model.without_encoder().predict_batch(texts, targets)
    got = model.predict_batch(texts, targets)
    inputs = [encoder_input(t, g) for t, g in zip(texts, targets)]
    enc_s = enc.predict([a for a, _ in inputs], [b for _, b in inputs])[0]
    for i, share in enumerate([0.1, 0.6, 0.1]):
        for label, p in got[i].stance_probabilities.items():
            assert p == pytest.approx((1 - share) * lin[i].stance_probabilities[label] + share * enc_s[i, enc.labels.index(label)], abs=1e-9)
    path = tmp_path / "cued.stance"
    model.save(path)
    loaded = load_model(path)
    assert loaded.encoder_weight_cued == 0.1 and loaded.metadata["encoder"]["weight_cued"] == 0.1
    assert [p.stance_probabilities for p in loaded.predict_batch(texts, targets)] == [p.stance_probabilities for p in got]
    # without a cued share every statement gets encoder_weight
    plain = StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, enc, 0.6)
    assert plain.encoder_weight_cued is None and plain.stance_shares([Pair(t, g) for t, g in zip(texts, targets)]).tolist() == [0.6] * 3
    with pytest.raises(InputError, match="encoder_weight_cued=1.5"):
        StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, enc, 0.6, 0.0, 1.5)


# ---------------------------------------------------------------------------------------------- the speaker layer
def _with_speaker_layer(arrays: dict, seed: int = 7) -> dict:
    """``arrays`` with a speaker layer whose weights differ from the stance layer's."""
    rng = np.random.default_rng(seed)
    hidden = arrays["head.weight"].shape[1]
    return {**arrays, "speaker_head.weight": rng.normal(scale=2.0, size=(3, hidden)).astype(np.float32),
            "speaker_head.bias": rng.normal(size=3).astype(np.float32)}


@pytest.fixture(scope="module")
def with_layer(tmp_path_factory) -> tuple:
    from stance._blend import SpeakerLayer
    from stance.model import StanceModel

    small = train_small_model()
    enc = PairEncoder(_with_speaker_layer(tiny_arrays()))
    model = StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, enc, 0.4, 0.0, None,
                        {"NONE": 0.05}, SpeakerLayer(0.8, 0.8, 0.9))
    path = tmp_path_factory.mktemp("layer") / "layer.stance"
    model.save(path)
    return small, model, path


def test_speaker_layer_reads_named_speakers_only(with_layer) -> None:
    small, model, _ = with_layer
    enc = model.encoder
    assert enc.has_speaker_layer and not PairEncoder(tiny_arrays()).has_speaker_layer
    texts, targets = TEXTS[:3], TARGETS[:3]
    got = model.predict_batch(texts, targets, speakers=["Ann Lee", "", None])
    lin = small.predict_batch(texts, targets)
    inputs = [encoder_input(t, g) for t, g in zip(texts, targets)]
    firsts, seconds = [a for a, _ in inputs], [b for _, b in inputs]
    plain = enc.forward(firsts, seconds)[0]
    spoken = enc.forward(firsts, seconds, speaker_rows=np.array([True, True, True]))[0]
    assert np.abs(plain - spoken).max() > 0.05  # the two layers disagree, so the test can tell which one was read
    for i, (share, probs, off) in enumerate([(0.8, spoken, 0.9), (0.4, plain, 0.05), (0.4, plain, 0.05)]):
        want = {c: (1 - share) * lin[i].stance_probabilities[c] + share * probs[i, enc.labels.index(c)] for c in enc.labels}
        assert got[i].stance_probabilities == pytest.approx(want, abs=1e-6)
        assert got[i].stance == max(want, key=lambda c: want[c] + (off if c == "NONE" else 0.0))
    # the layer's own NONE offset decides the named statement's label (its most probable label is another)
    assert got[0].stance == "NONE" and max(got[0].stance_probabilities.values()) > got[0].stance_probabilities["NONE"]
    # one statement alone gives what it gives in a batch; plain calls and predict_proba read the stance layer
    assert model.predict(texts[0], targets[0], speaker="Ann Lee").stance_probabilities == pytest.approx(got[0].stance_probabilities)
    assert model.predict(texts[1], targets[1]).stance_probabilities == pytest.approx(got[1].stance_probabilities)
    assert model.without_encoder().speaker_layer is None


def test_speaker_layer_round_trips_and_is_checked(with_layer, tmp_path: Path) -> None:
    from stance._blend import SpeakerLayer
    from stance.model import StanceModel

    small, model, path = with_layer
    loaded = load_model(path)
    assert loaded.speaker_layer == SpeakerLayer(0.8, 0.8, 0.9)
    assert loaded.metadata["encoder"]["speaker_layer"] == {"weight": 0.8, "weight_cued": 0.8, "none_offset": 0.9}
    assert loaded.metadata["format_version"] == 2  # older libraries refuse it rather than read it without its layer
    speakers = ["Ann Lee"] * len(TEXTS)
    assert ([p.stance_probabilities for p in loaded.predict_batch(TEXTS, TARGETS, speakers=speakers)]
            == [p.stance_probabilities for p in model.predict_batch(TEXTS, TARGETS, speakers=speakers)])
    with zipfile.ZipFile(path) as zf:
        meta = json.loads(zf.read("metadata.json"))
    del meta["encoder"]["speaker_layer"]  # a layer nobody says how to blend would never be read: refused
    with pytest.raises(ModelFormatError, match="speaker layer but its metadata gives no shares"):
        load_model(_rewrite(path, tmp_path / "no_shares.stance", **{"metadata.json": json.dumps(meta).encode()}))
    meta["encoder"]["speaker_layer"] = {"weight": 0.8, "weight_cued": 0.8}
    with pytest.raises(ModelFormatError, match="encoder.speaker_layer"):
        load_model(_rewrite(path, tmp_path / "half.stance", **{"metadata.json": json.dumps(meta).encode()}))
    with pytest.raises(InputError, match="speaker_layer is given but the encoder has no speaker layer"):
        StanceModel(small.featurizer, small.stance_head, None, {}, PairEncoder(tiny_arrays()), 0.4, speaker_layer=SpeakerLayer(0.5, 0.5, 0.0))
    with pytest.raises(InputError, match="speaker layer weight=1.5"):
        SpeakerLayer(1.5, 0.5, 0.0)
    with pytest.raises(InputError, match="no speaker layer"):
        PairEncoder(tiny_arrays()).forward(["the minister"], ["x"], speaker_rows=np.array([True]))
