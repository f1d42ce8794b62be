"""Where the public corpora live: ``STANCE_DATA_DIR`` or ``../shared/data``."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_DIR_ENV", "default_data_dir", "resolve_data_dir"]

DATA_DIR_ENV = "STANCE_DATA_DIR"

_REPO_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """The data folder: ``$STANCE_DATA_DIR`` if set, else ``../shared/data`` beside the working
    directory, else ``../shared/data`` beside the source checkout."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    for base in (Path.cwd(), _REPO_ROOT):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    return (Path.cwd() / ".." / "shared" / "data").resolve()


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``data_dir`` as a :class:`~pathlib.Path`, or :func:`default_data_dir` when it is ``None``."""
    return Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
