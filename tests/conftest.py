"""Shared fixtures. Tests that need the public corpora use ``data_dir`` and skip when it is absent,
unless ``STANCE_REQUIRE_DATA=1`` (set by ``.ci/run``), which turns the skip into a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stance.corpora._paths import default_data_dir


def _require_data() -> bool:
    return os.environ.get("STANCE_REQUIRE_DATA", "") not in ("", "0", "false", "no")


def need_corpus(*parts: str) -> Path:
    """Path to a corpus folder or file under the data dir; skip (or fail in CI) when absent."""
    path = default_data_dir().joinpath(*parts)
    if not path.exists():
        msg = (
            f"corpus not found at {path}: set STANCE_DATA_DIR to the folder holding the public corpora "
            "(see ../shared/data/README.md)"
        )
        if _require_data():
            pytest.fail(msg + " [STANCE_REQUIRE_DATA is set, so this is a failure, not a skip]")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    need_corpus()
    return default_data_dir()
