"""Model files checked before they are inflated (issue 18 items 5 and 10): declared sizes against fixed limits and the
metadata, every metadata field validated, and the rebuilt parts checked against the labels at load time."""

from __future__ import annotations

import io
import json
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from stance.exceptions import ModelFormatError
from stance.model import StanceModel
from stance.persistence import load_model, read_metadata, save_model
from synthetic import HELDOUT_ROWS, train_small_model

GiB = 1 << 30


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return train_small_model()


@pytest.fixture(scope="module")
def saved(model, tmp_path_factory) -> Path:
    return save_model(model, tmp_path_factory.mktemp("limits") / "small.stance")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(dst: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(dst, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dst


def _claim_size(data: bytes, member: str, size: int) -> bytes:
    """``data`` (a zip archive) with ``member``'s declared uncompressed size rewritten to ``size`` in its local and
    central headers: a cheap stand-in for a member that inflates to ``size`` (zipfile trusts the declared size)."""
    out = bytearray(data)
    name = member.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        local = zf.getinfo(member).header_offset
    struct.pack_into("<L", out, local + 22, size)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46:at + 46 + n] == name:
            struct.pack_into("<L", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _refused(path: Path, *words: str) -> str:
    """Load ``path``, which must be refused in under 1 s and 200 MB of allocations; the message, which names
    the file and each of ``words``."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(ModelFormatError) as info:
            load_model(path)
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert seconds < 1.0, f"refused after {seconds:.1f} s"
    assert peak < 200 * 2**20, f"refused after allocating {peak / 2**20:.0f} MB"
    for word in (str(path), *words):
        assert word in message, (word, message)
    return message


# ---------------------------------------------------------------------------------------------- declared sizes
@pytest.mark.parametrize("member, size", [("metadata.json", 1 * GiB), ("weights.skops", 2 * GiB)])
def test_member_declaring_more_than_its_limit_is_refused_before_inflating(saved, tmp_path, member, size) -> None:
    bad = tmp_path / "claims.stance"
    bad.write_bytes(_claim_size(saved.read_bytes(), member, size))
    _refused(bad, member, "limit")
    if member == "metadata.json":
        with pytest.raises(ModelFormatError, match="limit"):
            read_metadata(bad)


def test_zip_bomb_metadata_is_refused_before_inflating(saved, tmp_path) -> None:
    """A real bomb: 256 MiB of blanks deflated to under 1 MB, named metadata.json."""
    bad = tmp_path / "bomb.stance"
    members = _members(saved)
    with zipfile.ZipFile(bad, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        info = zipfile.ZipInfo("metadata.json")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w") as fh:
            block = b" " * 2**20
            for _ in range(256):
                fh.write(block)
        zf.writestr("weights.skops", members["weights.skops"])
    assert bad.stat().st_size < 2**20 + len(members["weights.skops"]) * 2
    _refused(bad, "metadata.json", "limit")


def test_member_of_the_weights_archive_declaring_2_gib_is_refused(saved, tmp_path) -> None:
    """weights.skops is itself a zip archive, read by skops: its members are checked before skops inflates them."""
    import hashlib

    members = _members(saved)
    with zipfile.ZipFile(io.BytesIO(members["weights.skops"])) as inner:
        first = next(i.filename for i in inner.infolist() if i.filename.endswith(".npy"))
    weights = _claim_size(members["weights.skops"], first, 2 * GiB)
    meta = json.loads(members["metadata.json"])
    meta.update(weights_sha256=hashlib.sha256(weights).hexdigest(), weights_bytes=len(weights))
    bad = _write(tmp_path / "inner.stance", {"metadata.json": json.dumps(meta).encode(), "weights.skops": weights})
    _refused(bad, "weights.skops", first, "limit")


def test_member_size_must_match_the_metadata(saved, tmp_path) -> None:
    members = _members(saved)
    meta = json.loads(members["metadata.json"])
    meta["weights_bytes"] += 1
    bad = _write(tmp_path / "size.stance", {**members, "metadata.json": json.dumps(meta).encode()})
    _refused(bad, "weights.skops", f"{meta['weights_bytes']:,}")


@pytest.mark.parametrize("extra", ["notes.txt", "weights.skops"], ids=["unknown", "duplicate"])
def test_unknown_or_repeated_members_are_refused(saved, tmp_path, extra) -> None:
    members = _members(saved)
    bad = tmp_path / "extra.stance"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate") if extra in members else _nothing():
            zf.writestr(extra, b"x" * 10)
    _refused(bad, extra)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_many_members_are_refused_before_the_directory_is_parsed(saved, tmp_path) -> None:
    members = _members(saved)
    bad = tmp_path / "many.stance"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for i in range(5000):
            zf.writestr(f"x{i}", b"")
    _refused(bad, "5,002 members")


# ---------------------------------------------------------------------------------------------- metadata fields
@pytest.mark.parametrize(
    "field, value",
    [
        ("format_version", True),
        ("format_version", -5),
        ("format_version", 0),
        ("weights_sha256", 123),
        ("weights_bytes", "12"),
        ("weights_bytes", True),
        ("stance_labels", ["FAVOR"]),
        ("stance_labels", "FAVOR AGAINST NONE"),
        ("sentiment_labels", ["positive", "positive", "negative"]),
        ("sklearn_version", 1.9),
        ("n_train", True),
        ("corpora", "semeval"),
        ("stance_offsets", {"FAVOR": "0.1"}),
        ("stance_offsets", {"MAYBE": 0.1}),
    ],
)
def test_every_metadata_field_is_validated(saved, tmp_path, field, value) -> None:
    members = _members(saved)
    meta = json.loads(members["metadata.json"])
    meta[field] = value
    bad = _write(tmp_path / "field.stance", {**members, "metadata.json": json.dumps(meta).encode()})
    with pytest.raises(ModelFormatError, match=field) as info:
        read_metadata(bad)
    assert str(bad) in str(info.value)
    _refused(bad, field)


def test_the_shipped_models_pass_the_checks() -> None:
    from stance.api import BUILTIN_MODELS, MODELS_DIR

    for name in BUILTIN_MODELS.values():
        path = MODELS_DIR / name
        if path.exists():
            read_metadata(path)


# ---------------------------------------------------------------------------------------------- parts vs labels
def test_metadata_labels_must_match_the_heads(saved, tmp_path) -> None:
    members = _members(saved)
    meta = json.loads(members["metadata.json"])
    meta["stance_labels"] = ["FAVOR", "AGAINST", "NEUTRAL"]
    bad = _write(tmp_path / "labels.stance", {**members, "metadata.json": json.dumps(meta).encode()})
    _refused(bad, "NEUTRAL", "stance")


def test_sentiment_labels_without_a_sentiment_head_are_refused(tmp_path) -> None:
    path = save_model(train_small_model(with_sentiment=False), tmp_path / "nosent.stance")
    members = _members(path)
    meta = json.loads(members["metadata.json"])
    meta["sentiment_labels"] = ["positive", "negative"]
    bad = _write(tmp_path / "sent.stance", {**members, "metadata.json": json.dumps(meta).encode()})
    _refused(bad, "sentiment")


def test_coefficients_of_the_wrong_shape_fail_at_load_not_at_predict(tmp_path) -> None:
    model = train_small_model()
    for cc in model.stance_head.calibrated_classifiers_:
        cc.estimator.coef_ = cc.estimator.coef_[:, :-3]
    path = save_model(model, tmp_path / "shape.stance")
    _refused(path, "coefficients", "shape")


def test_parts_in_the_wrong_places_fail_at_load(model, tmp_path) -> None:
    swapped = StanceModel(model.featurizer, model.sentiment_head, model.stance_head, dict(model.metadata))
    members = _members(save_model(swapped, tmp_path / "swapped.stance"))
    meta = json.loads(members["metadata.json"])
    meta["stance_labels"], meta["sentiment_labels"] = model.stance_labels, model.sentiment_labels
    bad = _write(tmp_path / "swapped2.stance", {**members, "metadata.json": json.dumps(meta).encode()})
    _refused(bad, "classes")


def test_a_normal_model_still_loads_and_predicts(saved) -> None:
    loaded = load_model(saved)
    assert loaded.predict(HELDOUT_ROWS[0]["text"], HELDOUT_ROWS[0]["target"]).stance in loaded.stance_labels
