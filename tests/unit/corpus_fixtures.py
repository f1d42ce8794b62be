"""Shared by the corpus-run tests (test_bulk.py, test_dask.py, test_cli_corpus.py): a synthetic corpus written as a
table, the rows an uninterrupted in-process analysis gives (the reference every engine must match row for row), and
a canonical form of a table's rows to compare."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from stance.synthetic import synthetic_articles, write_corpus
from stance.tidy import COLUMNS

#: A few hundred articles: enough batches to kill a run half way, fast enough for every test run.
N_ARTICLES = 300
SMALL = 64
TARGETS = ["the coalition", "the wind farm"]
MODEL = "default-linear"
#: One BLAS/OpenMP thread in every process the tests start.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _cell(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "tolist") and not isinstance(v, str):  # numpy scalars and arrays (a list column read from Parquet)
        v = v.tolist()
    return tuple(v) if isinstance(v, (list, tuple)) else v


def table_rows(df: pd.DataFrame, columns: tuple[str, ...] | list[str] = COLUMNS) -> list[tuple[Any, ...]]:
    """The rows of ``df`` as tuples of plain Python values (missing as None, lists as tuples), in order."""
    return [tuple(_cell(r[c]) for c in columns) for r in df.to_dict("records")]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``path`` of a JSON lines corpus of N_ARTICLES synthetic articles, its ``frame`` and the ``reference`` rows."""
    import stance
    from stance.tidy import analyze_frame

    folder = tmp_path_factory.mktemp("corpus")
    path = write_corpus(folder / "articles.jsonl", N_ARTICLES, seed=11)
    articles = list(synthetic_articles(N_ARTICLES, seed=11))
    frame = pd.DataFrame({"id": [a.id for a in articles], "text": [a.text for a in articles]})
    reference = table_rows(analyze_frame(frame, TARGETS, model=stance.load(MODEL)))
    # the first SMALL articles, for the tests that need a few batches, not a few hundred articles
    small = folder / "small.jsonl"
    small.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:SMALL]), encoding="utf-8")
    small_ids = set(frame.id[:SMALL])
    return {"path": path, "frame": frame, "reference": reference, "folder": folder, "small": small,
            "small_frame": frame.head(SMALL), "small_reference": [r for r in reference if r[0] in small_ids]}


def cli_command(*argv: str) -> list[str]:
    """The ``stance`` command line run by this Python in a new process."""
    return [sys.executable, "-c", "import sys; from stance.cli import main; sys.exit(main(sys.argv[1:]))", *argv]


def subprocess_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, **THREAD_ENV, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
