"""Model files: round trip, metadata, and refusal of damaged, tampered, pickled or future files."""

from __future__ import annotations

import hashlib
import json
import pickle
import zipfile
from pathlib import Path

import joblib
import numpy as np
import pytest
import sklearn

import stance
from stance._version import __version__
from stance.api import BUILTIN_MODELS, MODELS_DIR
from stance.exceptions import ModelFormatError, UntrustedModelError
from stance.model import StanceModel
from stance.persistence import FORMAT, FORMAT_VERSION, load_model, read_metadata, save_model
from synthetic import HELDOUT_ROWS, train_small_model

TEXTS = [r["text"] for r in HELDOUT_ROWS]
TARGETS = [r["target"] for r in HELDOUT_ROWS]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[StanceModel, Path, list]:
    """A freshly trained model, its predictions before saving, and the file it was saved to."""
    model = train_small_model()
    before = model.predict_batch(TEXTS, TARGETS)
    path = tmp_path_factory.mktemp("model") / "small.stance"
    model.save(path)
    return model, path, before


def _rewrite(src: Path, dst: Path, *, meta: dict | None = None, weights: bytes | None = None, drop: str | None = None) -> Path:
    """Copy a model file, replacing its metadata or weights (keeping the zip itself valid)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    if meta is not None:
        members["metadata.json"] = json.dumps(meta).encode()
    if weights is not None:
        members["weights.skops"] = weights
    if drop:
        members.pop(drop)
    with zipfile.ZipFile(dst, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return dst


# ---------------------------------------------------------------------------------------------- round trip
def test_round_trip_gives_identical_probabilities(saved) -> None:
    _, path, before = saved
    loaded = load_model(path)
    after = loaded.predict_batch(TEXTS, TARGETS)
    assert [p.stance for p in after] == [p.stance for p in before]
    for a, b in zip(after, before):
        np.testing.assert_allclose(list(a.stance_probabilities.values()), list(b.stance_probabilities.values()), rtol=1e-12)
        np.testing.assert_allclose(
            list(a.sentiment_probabilities.values()), list(b.sentiment_probabilities.values()), rtol=1e-12
        )
        assert a.flags == b.flags


def test_saving_does_not_change_predictions_of_the_saved_model(saved) -> None:
    model, _, before = saved
    after = model.predict_batch(TEXTS, TARGETS)
    for a, b in zip(after, before):
        assert a.stance_probabilities == pytest.approx(b.stance_probabilities, rel=1e-12)


def test_stance_load_and_save_method(saved, tmp_path) -> None:
    _, path, before = saved
    loaded = stance.load(path)
    assert isinstance(loaded, StanceModel)
    again = tmp_path / "nested" / "dir" / "copy.stance"  # parent folders are created
    loaded.save(again)
    twice = stance.load(str(again))
    assert twice.predict(TEXTS[0], TARGETS[0]).stance_probabilities == pytest.approx(before[0].stance_probabilities)
    assert not again.with_name(again.name + ".tmp").exists(), "the temporary file is renamed into place"


def test_model_without_sentiment_round_trips(tmp_path) -> None:
    model = train_small_model(with_sentiment=False)
    path = save_model(model, tmp_path / "nosent.stance")
    loaded = load_model(path)
    assert loaded.sentiment_head is None
    assert loaded.predict(TEXTS[0], TARGETS[0]).sentiment is None
    assert read_metadata(path)["sentiment_labels"] == []


# ---------------------------------------------------------------------------------------------- metadata
def test_metadata_contents(saved) -> None:
    model, path, _ = saved
    meta = read_metadata(path)
    assert meta["format"] == FORMAT
    assert meta["format_version"] == 1  # no speaker layer: the first version, which older libraries read too
    assert meta["library"] == "stance"
    assert meta["library_version"] == __version__
    assert meta["saved_with_library_version"] == __version__
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["stance_labels"] == ["FAVOR", "AGAINST", "NONE"]
    assert meta["sentiment_labels"] == ["positive", "negative", "neutral"]
    assert meta["n_train"] == model.metadata["n_train"]
    assert meta["config"]["featurizer"]["min_df"] == 1
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["metadata.json", "weights.skops"]
        weights = zf.read("weights.skops")
    assert meta["weights_sha256"] == hashlib.sha256(weights).hexdigest()
    assert meta["weights_bytes"] == len(weights)
    # the loaded model carries the same metadata
    assert load_model(path).metadata == meta


def test_user_metadata_is_kept(tmp_path) -> None:
    model = train_small_model()
    model.metadata["corpora"] = ["my corpus"]
    model.metadata["recipe"] = "unit-test"
    path = save_model(model, tmp_path / "m.stance")
    meta = read_metadata(path)
    assert meta["corpora"] == ["my corpus"] and meta["recipe"] == "unit-test"


# ---------------------------------------------------------------------------------------------- damaged files
@pytest.mark.parametrize("keep", [0.5, 0.9, 0.02])
def test_truncated_file_raises_model_format_error(saved, tmp_path, keep) -> None:
    _, path, _ = saved
    data = path.read_bytes()
    bad = tmp_path / "truncated.stance"
    bad.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ModelFormatError) as info:
        load_model(bad)
    assert not isinstance(info.value, UntrustedModelError)
    assert str(bad) in str(info.value)


def test_empty_file_raises_model_format_error(tmp_path) -> None:
    bad = tmp_path / "empty.stance"
    bad.write_bytes(b"")
    with pytest.raises(ModelFormatError):
        load_model(bad)


def test_not_a_model_file(tmp_path) -> None:
    bad = tmp_path / "notes.stance"
    bad.write_text("hello, I am a text file", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="not a stance model file"):
        load_model(bad)


def test_flipped_byte_in_weights_fails_checksum(saved, tmp_path) -> None:
    _, path, _ = saved
    with zipfile.ZipFile(path) as zf:
        weights = bytearray(zf.read("weights.skops"))
    weights[len(weights) // 2] ^= 0xFF
    bad = _rewrite(path, tmp_path / "tampered.stance", weights=bytes(weights))
    with pytest.raises(ModelFormatError, match="checksum"):
        load_model(bad)


def test_flipped_byte_in_the_file_is_refused(saved, tmp_path) -> None:
    """A byte flipped in place (zip CRC no longer matching) is refused too, whatever layer notices."""
    _, path, _ = saved
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("weights.skops")
    pos = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[pos] ^= 0x01
    bad = tmp_path / "flipped.stance"
    bad.write_bytes(bytes(data))
    with pytest.raises(ModelFormatError):
        load_model(bad)


def test_missing_members(saved, tmp_path) -> None:
    _, path, _ = saved
    no_weights = _rewrite(path, tmp_path / "nw.stance", drop="weights.skops")
    with pytest.raises(ModelFormatError, match="weights.skops"):
        load_model(no_weights)
    no_meta = _rewrite(path, tmp_path / "nm.stance", drop="metadata.json")
    with pytest.raises(ModelFormatError, match="metadata.json"):
        load_model(no_meta)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"null", b"\xff\xfe"], ids=["broken", "list", "null", "binary"])
def test_unreadable_metadata(saved, tmp_path, content) -> None:
    _, path, _ = saved
    bad = tmp_path / "badmeta.stance"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        dst.writestr("metadata.json", content)
        dst.writestr("weights.skops", src.read("weights.skops"))
    with pytest.raises(ModelFormatError, match="metadata"):
        read_metadata(bad)


# ---------------------------------------------------------------------------------------------- versions
def test_future_format_version_says_to_upgrade(saved, tmp_path) -> None:
    _, path, _ = saved
    meta = read_metadata(path)
    meta["format_version"] = FORMAT_VERSION + 1
    bad = _rewrite(path, tmp_path / "future.stance", meta=meta)
    with pytest.raises(ModelFormatError, match="upgrade"):
        load_model(bad)
    with pytest.raises(ModelFormatError, match=f"version {FORMAT_VERSION + 1}"):
        read_metadata(bad)


def test_other_scikit_learn_release_warns_but_loads(saved, tmp_path) -> None:
    import warnings

    from stance.persistence import ModelVersionWarning

    _, path, _ = saved
    meta = read_metadata(path)
    meta["sklearn_version"] = "0.99.0"
    other = _rewrite(path, tmp_path / "old-sklearn.stance", meta=meta)
    with pytest.warns(ModelVersionWarning, match="0.99.0"):
        load_model(other)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ModelVersionWarning)
        load_model(path)  # same release: no warning


@pytest.mark.parametrize("version", [None, "1", 1.0])
def test_malformed_format_version(saved, tmp_path, version) -> None:
    _, path, _ = saved
    meta = read_metadata(path)
    meta["format_version"] = version
    with pytest.raises(ModelFormatError):
        load_model(_rewrite(path, tmp_path / "v.stance", meta=meta))


def test_wrong_format_name(saved, tmp_path) -> None:
    _, path, _ = saved
    meta = read_metadata(path)
    meta["format"] = "something-else"
    with pytest.raises(ModelFormatError, match="something-else"):
        load_model(_rewrite(path, tmp_path / "f.stance", meta=meta))


# ---------------------------------------------------------------------------------------------- pickle
@pytest.mark.parametrize("writer", ["joblib", "pickle"])
def test_pickle_is_refused_unless_allowed(saved, tmp_path, writer) -> None:
    model, _, before = saved
    path = tmp_path / f"model.{writer}"
    if writer == "joblib":
        joblib.dump(model, path)
    else:
        path.write_bytes(pickle.dumps(model))
    with pytest.raises(UntrustedModelError, match="allow_pickle=True"):
        load_model(path)
    with pytest.raises(UntrustedModelError):
        stance.load(path)
    loaded = load_model(path, allow_pickle=True)
    assert isinstance(loaded, StanceModel)
    assert loaded.predict(TEXTS[0], TARGETS[0]).stance_probabilities == pytest.approx(before[0].stance_probabilities)


def test_allowed_pickle_of_something_else_is_refused(tmp_path) -> None:
    path = tmp_path / "other.joblib"
    joblib.dump({"not": "a model"}, path)
    with pytest.raises(ModelFormatError, match="not a StanceModel"):
        load_model(path, allow_pickle=True)


def test_allow_pickle_still_loads_normal_files(saved) -> None:
    _, path, before = saved
    loaded = load_model(path, allow_pickle=True)
    assert loaded.predict(TEXTS[0], TARGETS[0]).stance == before[0].stance


# ---------------------------------------------------------------------------------------------- untrusted types
def test_untrusted_type_is_refused_unless_trusted(tmp_path) -> None:
    # a decision tree holds sklearn.tree._tree.Tree, which neither skops nor this library trusts by default
    from sklearn.tree import DecisionTreeClassifier

    model = train_small_model()
    X = model.featurizer.transform(list(zip(TEXTS[:6], TARGETS[:6])))
    model.sentiment_head = DecisionTreeClassifier(random_state=0).fit(X, ["positive", "negative"] * 3)
    path = save_model(model, tmp_path / "tree.stance")
    with pytest.raises(UntrustedModelError, match="sklearn.tree._tree.Tree"):
        load_model(path)
    loaded = load_model(path, trusted=["sklearn.tree._tree.Tree"])
    assert type(loaded.sentiment_head).__name__ == "DecisionTreeClassifier"


def test_trusted_types_cover_what_save_writes(saved) -> None:
    """Everything a normally trained model's file holds is on the trusted list (nothing to opt into)."""
    import skops.io as sio

    from stance.persistence import TRUSTED_TYPES

    _, path, _ = saved
    with zipfile.ZipFile(path) as zf:
        untrusted = sio.get_untrusted_types(data=zf.read("weights.skops"))
    assert set(untrusted) <= set(TRUSTED_TYPES), sorted(set(untrusted) - set(TRUSTED_TYPES))


# ---------------------------------------------------------------------------------------------- paths
def test_missing_path(tmp_path) -> None:
    with pytest.raises(ModelFormatError, match="does not exist"):
        load_model(tmp_path / "nope.stance")
    with pytest.raises(ModelFormatError, match="does not exist"):
        stance.load(str(tmp_path / "nope.stance"))


def test_directory_path(tmp_path) -> None:
    with pytest.raises(ModelFormatError, match="folder"):
        load_model(tmp_path)
    with pytest.raises(ModelFormatError):
        read_metadata(tmp_path)


def test_builtin_default_model() -> None:
    """``stance.load()`` gives the embedded model, or a clear error when this checkout has not built it."""
    file = MODELS_DIR / BUILTIN_MODELS["default"]
    if file.exists():
        model = stance.load()
        assert model.stance_labels == ["FAVOR", "AGAINST", "NONE"]
        assert read_metadata(file)["format_version"] <= FORMAT_VERSION
    else:
        with pytest.raises(ModelFormatError, match="built-in model 'default'"):
            stance.load()
