"""The convolutional cue tagger of the statement extractor (numpy forward pass) and how the extractor uses it."""

from __future__ import annotations

import numpy as np
import pytest

from stance.extraction import _model as M
from stance.extraction._tagger import N_FLAGS, TAGGER_FILE, Tagger, _conv, token_inputs
from stance.extraction.document import Document
from stance.extraction.pipeline import extract

TEXT = (
    "Ivo Park wants the harbour tunnel built before the winter. The council said the fares were too high. "
    "Dana Voss believes the plan will fail, and her party opposes the new tariff. "
    "\u201cWe will not pay,\u201d she told reporters on Monday."
)


def _naive_conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
    """Same-length 1-d convolution, one output row at a time; ``w`` is (width, in, out)."""
    n, k = x.shape[0], w.shape[0]
    pad = dilation * (k - 1) // 2
    out = np.tile(b, (n, 1)).astype(np.float64)
    for i in range(n):
        for j in range(k):
            src = i - pad + j * dilation
            if 0 <= src < n:
                out[i] += x[src] @ w[j]
    return out


@pytest.mark.parametrize("width,dilation", [(5, 1), (3, 1), (3, 2), (3, 8)])
def test_conv_matches_a_row_by_row_convolution(width: int, dilation: int) -> None:
    rng = np.random.default_rng(width * 10 + dilation)
    x = rng.normal(size=(23, 6)).astype(np.float32)
    w = rng.normal(size=(width, 6, 4)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    got = _conv(x, w.reshape(-1, 4), b, dilation)
    np.testing.assert_allclose(got, _naive_conv(x, w, b, dilation), rtol=1e-4, atol=1e-4)


def _packaged() -> Tagger:
    if not TAGGER_FILE.is_file():
        pytest.skip("the packaged extraction tagger is absent")
    return Tagger.load()


def _inputs(text: str) -> tuple[list, dict]:
    doc = Document.from_text(text)
    toks = list(doc.tokens)
    return toks, token_inputs(toks, doc.sentences, doc.paragraphs, doc.token_in_quote, M.load_cues(), M.is_candidate)


def test_token_inputs_mark_sentences_quotes_and_candidates() -> None:
    toks, d = _inputs(TEXT)
    flags = d["flags"]
    assert flags.shape == (len(toks), N_FLAGS)
    assert len(d["low"]) == len(d["suf"]) == len(d["shape"]) == len(toks)
    starts = [i for i in range(len(toks)) if flags[i, 0]]
    assert [toks[i].text for i in starts] == ["Ivo", "The", "Dana", "\u201c"]
    assert all(toks[i].text in {".", "Monday"} or flags[i, 1] == 0 for i in range(len(toks)))
    quoted = {toks[i].text for i in range(len(toks)) if flags[i, 2]}
    assert {"We", "pay"} <= quoted and "Voss" not in quoted
    cues = M.load_cues()
    assert d["cands"] == [i for i, t in enumerate(toks) if (t.word or t.text == ":") and M.is_candidate(t.low, cues)]
    assert {toks[i].low for i in d["cands"]} >= {"wants", "believes", "opposes"}
    assert d["shape"][0] == "Xx" and d["shape"][toks.index(next(t for t in toks if t.text == "."))] == "p."


def test_packaged_tagger_scores_every_token_and_ranks_cues_above_other_words() -> None:
    tagger = _packaged()
    toks, d = _inputs(TEXT)
    p = tagger.probs(d)
    assert p.shape == (len(toks),) and np.all((p >= 0) & (p <= 1))
    by_word = {t.low: float(p[i]) for i, t in enumerate(toks)}
    for cue in ("wants", "believes", "opposes", "told"):
        for other in ("harbour", "tunnel", "winter", "fares", "tariff"):
            assert by_word[cue] > by_word[other], (cue, other)
    np.testing.assert_array_equal(p, tagger.probs(d))
    assert tagger.probs({"low": [], "suf": [], "shape": [], "flags": np.zeros((0, N_FLAGS), np.float32)}).shape == (0,)


def test_an_inconsistent_tagger_file_is_refused_with_the_fix() -> None:
    tagger = _packaged()
    with np.load(TAGGER_FILE, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["emb_word"] = arrays["emb_word"][:-1]
    with pytest.raises(ValueError, match="training/extraction_tagger.py"):
        Tagger(arrays)
    assert len(tagger.vocab_word) + 2 == len(tagger.emb_word)
    assert tagger.meta["recipe"] == "training/extraction_tagger.py" and "PolNeAR train" in tagger.meta["trained_on"]


class _ConstantTagger:
    def __init__(self, value: float) -> None:
        self.value = value

    def probs(self, inputs: dict) -> np.ndarray:
        return np.full(len(inputs["low"]), self.value, dtype=np.float32)


def _linear() -> dict:
    import json

    return json.loads(M.MODEL_FILE.read_text(encoding="utf-8"))


def test_blend_weight_zero_is_the_linear_model_and_a_silent_tagger_leaves_the_rules() -> None:
    d = _linear()
    linear_only = extract(TEXT, model=M._Model(d))
    d0 = dict(d, tagger={"weight": 0.0, "threshold": d["cue"]["threshold"]})
    assert extract(TEXT, model=M._Model(d0, _ConstantTagger(1.0))) == linear_only

    rules_only = extract(TEXT, model=None)
    d1 = dict(d, tagger={"weight": 1.0, "threshold": 0.5})
    assert extract(TEXT, model=M._Model(d1, _ConstantTagger(0.0))) == rules_only
    # and a tagger that says yes to every candidate finds at least the learned statements of the linear model
    every = extract(TEXT, model=M._Model(d1, _ConstantTagger(1.0)))
    assert {s.cue_start for s in linear_only} <= {s.cue_start for s in every}


def test_the_packaged_model_blends_the_tagger_with_the_threshold_chosen_for_it() -> None:
    _packaged()
    model = M.load_model()
    assert model is not None and model.tagger is not None
    blend = _linear()["tagger"]
    assert model.tagger_weight == blend["weight"] and model.cue.threshold == blend["threshold"]
    assert M._Model(_linear()).cue.threshold == _linear()["cue"]["threshold"]


def test_a_long_text_scored_in_windows_gets_the_scores_of_one_pass(monkeypatch) -> None:
    import stance.extraction._tagger as T

    tagger = _packaged()
    assert tagger._reach == 17  # 2 (width 5) + 1 + 2 + 4 + 8 (width 3, dilated)
    rng = np.random.default_rng(3)
    words = sorted(tagger.vocab_word)[:2000] + ["said", "told", "believes"]
    n = 1500
    inputs = {"low": [words[i] for i in rng.integers(0, len(words), n)], "suf": ["aid"] * n, "shape": ["x"] * n,
              "flags": rng.random((n, N_FLAGS)).astype(np.float32)}
    whole = tagger.probs(inputs)
    monkeypatch.setattr(T, "WINDOW", 100)
    np.testing.assert_allclose(tagger.probs(inputs), whole, atol=1e-5)
    monkeypatch.setattr(tagger, "_reach", 3)  # too little context at the window edges: the scores change there
    assert np.abs(tagger.probs(inputs) - whole).max() > 1e-3


@pytest.mark.parametrize("content", [b"", b"not a numpy archive", b"PK\x03\x04 truncated zip"])
def test_a_damaged_tagger_file_names_itself_and_the_fix(tmp_path, content: bytes) -> None:
    from stance.exceptions import ModelFormatError

    bad = tmp_path / "extraction_tagger.npz"
    bad.write_bytes(content)
    with pytest.raises(ModelFormatError, match=r"extraction_tagger\.npz.*training/extraction_tagger\.py"):
        Tagger.load(bad)


def test_a_tagger_file_without_its_weights_is_a_format_error(tmp_path) -> None:
    from stance.exceptions import ModelFormatError

    tagger = _packaged()
    with np.load(TAGGER_FILE, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files if k != "head_w"}
    path = tmp_path / "partial.npz"
    np.savez(path, **arrays)
    with pytest.raises(ModelFormatError, match="partial.npz"):
        Tagger.load(path)
    assert tagger.layers  # the packaged file itself is complete


@pytest.mark.parametrize("blend", [{"weight": 1.5, "threshold": 0.35}, {"weight": -0.1, "threshold": 0.35},
                                   {"weight": 0.5, "threshold": 0.0}, {"weight": 0.5, "threshold": 2.0}])
def test_a_blend_outside_its_range_is_refused_with_the_value(blend: dict) -> None:
    d = dict(_linear(), tagger=blend)
    with pytest.raises(ValueError, match="tagger weight .* cue threshold") as err:
        M._Model(d, _ConstantTagger(0.5))
    assert repr(blend["weight"]) in str(err.value) and repr(blend["threshold"]) in str(err.value)
