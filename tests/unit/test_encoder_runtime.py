"""The encoder's runtimes: ONNX Runtime and numpy give the same outputs, "auto" falls back to numpy when ONNX Runtime
is missing, bad settings are refused, batches by length cover every pair once, and progress moves with each batch.
Tiny random encoders built here; the shipped model is compared in tests/integration/test_default_model.py."""

from __future__ import annotations


import numpy as np
import pytest

from stance.encoder import BATCH_ROWS, BATCH_TOKENS, PairEncoder, _length_batches
from stance.exceptions import InputError
from test_encoder import VOCAB, tiny_arrays

ort_missing = pytest.mark.skipif(
    not __import__("stance.encoder_runtime", fromlist=["available"]).available(),
    reason="onnxruntime and onnx are not installed (pip install -e .; they are core dependencies)",
)

WORDS = [w for w in VOCAB if not w.startswith("[") and not w.startswith("##")]


def _pairs(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    firsts = [" ".join(rng.choice(WORDS, size=int(rng.integers(0, 60)))) for _ in range(n)]
    seconds = [" ".join(rng.choice(WORDS, size=int(rng.integers(1, 4)))) for _ in range(n)]
    return firsts, seconds


@ort_missing
@pytest.mark.parametrize(("seed", "hidden", "heads", "layers"), [(0, 8, 2, 2), (1, 16, 4, 3), (2, 12, 3, 1)])
def test_onnxruntime_matches_numpy(seed: int, hidden: int, heads: int, layers: int) -> None:
    arrays = tiny_arrays(seed, hidden=hidden, heads=heads, layers=layers, sentiment=True)
    fast = PairEncoder(arrays, runtime="onnxruntime")
    slow = PairEncoder(arrays, runtime="numpy")
    assert (fast.runtime, slow.runtime) == ("onnxruntime", "numpy")
    firsts, seconds = _pairs(70, seed)
    firsts += ["the minister said " * 60]  # cut to MAX_TOKENS: the longest input the position table holds
    seconds += ["x"]
    s_fast, m_fast, cut_fast = fast.forward(firsts, seconds)
    s_slow, m_slow, cut_slow = slow.forward(firsts, seconds)
    assert m_fast is not None and m_slow is not None
    assert np.abs(s_fast - s_slow).max() < 1e-5 and np.abs(m_fast - m_slow).max() < 1e-5
    assert (cut_fast == cut_slow).all() and cut_fast[-1]
    # the outputs vary with the input, so agreement is not agreement on a constant
    assert s_slow.std(axis=0).max() > 1e-3


@ort_missing
def test_token_types_and_mask_reach_the_onnx_graph() -> None:
    """The same words as the statement or as the target, and with more padding around them, must give what numpy gives:
    a graph that ignored token types or the mask would differ here."""
    enc = PairEncoder(tiny_arrays(3, sentiment=False), runtime="onnxruntime")
    ref = PairEncoder(tiny_arrays(3, sentiment=False), runtime="numpy")
    firsts, seconds = ["the minister", "x", "the minister said un ##able"], ["x", "the minister", "y"]
    a = enc.predict_proba(firsts, seconds)
    b = ref.predict_proba(firsts, seconds)
    assert np.abs(a - b).max() < 1e-5
    assert np.abs(a[0] - a[1]).max() > 1e-4, "swapping the segments changes the output"
    alone = enc.predict_proba(firsts[:1], seconds[:1])
    assert np.abs(alone[0] - a[0]).max() < 1e-5, "padding next to a longer pair changes nothing"


@ort_missing
def test_thread_counts_give_the_same_outputs() -> None:
    arrays = tiny_arrays(4, hidden=16, heads=4)
    firsts, seconds = _pairs(40, 4)
    one = PairEncoder(arrays, runtime="onnxruntime", threads=1).predict_proba(firsts, seconds)
    two = PairEncoder(arrays, runtime="onnxruntime", threads=2).predict_proba(firsts, seconds)
    assert np.abs(one - two).max() < 1e-6


def test_auto_falls_back_to_numpy_without_onnxruntime(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("onnxruntime", "onnx") else real(name, *a))
    arrays = tiny_arrays(5)
    enc = PairEncoder(arrays)
    assert enc.runtime == "numpy"
    firsts, seconds = _pairs(5, 5)
    assert enc.predict_proba(firsts, seconds).shape == (5, 3)
    with pytest.raises(InputError, match="onnxruntime or onnx is not installed.*runtime='auto'"):
        PairEncoder(arrays, runtime="onnxruntime")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"runtime": "tensorflow"}, "runtime='tensorflow'; give one of 'auto', 'onnxruntime', 'numpy'"),
    ({"threads": 0}, "threads=0; give a whole number"),
    ({"threads": 1.5}, "threads=1.5; give a whole number"),
    ({"threads": True}, "threads=True; give a whole number"),
])
def test_bad_runtime_settings_are_refused_by_name(kwargs: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        PairEncoder(tiny_arrays(0), **kwargs)


def test_load_refuses_bad_settings_as_input_errors(blended_file) -> None:
    import stance

    with pytest.raises(InputError, match="threads=-1"):
        stance.load(blended_file, threads=-1)
    assert stance.load(blended_file, runtime="numpy").encoder.runtime == "numpy"


@pytest.fixture
def blended_file(tmp_path):
    from stance.model import StanceModel
    from synthetic import train_small_model

    base = train_small_model()
    labels = [str(c) for c in base.stance_head.classes_]
    enc = PairEncoder.from_bytes(PairEncoder.to_bytes(tiny_arrays(0, labels=tuple(labels))))
    path = tmp_path / "blended.stance"
    StanceModel(base.featurizer, base.stance_head, base.sentiment_head, base.metadata, enc, 0.5).save(path)
    return path


@pytest.mark.parametrize("seed", range(5))
def test_length_batches_cover_every_pair_once_within_the_budget(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lengths = [int(x) for x in rng.integers(3, 129, size=int(rng.integers(1, 400)))]
    batches = _length_batches(lengths)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths), "sorted by length"
    for b in batches:
        assert len(b) <= BATCH_ROWS
        assert len(b) == 1 or max(lengths[i] for i in b) * len(b) <= BATCH_TOKENS
    # batches are filled: no two neighbours could have been one batch
    for a, b in zip(batches, batches[1:]):
        merged = a + b[:1]
        assert len(merged) > BATCH_ROWS or max(lengths[i] for i in merged) * len(merged) > BATCH_TOKENS


def test_forward_reports_each_batch_and_its_size() -> None:
    enc = PairEncoder(tiny_arrays(6), runtime="numpy")
    firsts, seconds = _pairs(150, 6)
    seen: list[int] = []
    enc.forward(firsts, seconds, on_batch=seen.append)
    assert sum(seen) == 150 and len(seen) >= 2


def test_predict_batch_progress_is_drawn_before_the_first_batch_ends(blended_file, capsys) -> None:
    """The bar shows 0/N with an ETA field as soon as work starts, then moves with each encoder batch."""
    import stance

    model = stance.load(blended_file, runtime="numpy")
    draws: list[str] = []
    real = model.encoder._encode

    def spy(*a):  # noqa: ANN002, ANN202
        draws.append(capsys.readouterr().err)
        return real(*a)

    model.encoder._encode = spy  # type: ignore[method-assign]
    firsts, seconds = _pairs(200, 7)
    model.predict_batch(firsts, seconds, progress=True)
    rest = capsys.readouterr().err
    assert draws and "0/200" in draws[0] and "ETA" in draws[0], "drawn before the first encoder batch ran"
    assert "200/200" in rest and "statements/s" in rest
