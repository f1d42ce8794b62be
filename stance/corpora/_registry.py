"""The corpus registry and the pieces every loader shares: the rows' columns, a row, a dataset of rows, a missing
file's error. :mod:`stance.corpora` and the loaders of :mod:`stance.corpora.extra` and :mod:`stance.corpora.seesaw`
import it, so the loaders do not import the package that loads them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stance.exceptions import CorpusError

__all__ = ["COLUMNS", "REGISTRY", "Loader", "register"]

COLUMNS = ("text", "target", "stance", "sentiment", "aliases", "span_start", "span_end")

Loader = Callable[..., Any]
#: name -> (loader, one-line description); loaders add themselves with :func:`register`.
REGISTRY: dict[str, tuple[Loader, str]] = {}


def register(name: str, loader: Loader, description: str) -> None:
    """Add a corpus loader ``loader(data_dir=None) -> DatasetDict`` under ``name``."""
    REGISTRY[name] = (loader, description)


def _dataset(rows: list[dict[str, Any]]) -> Any:
    import datasets

    features = datasets.Features(
        {
            "text": datasets.Value("string"),
            "target": datasets.Value("string"),
            "stance": datasets.Value("string"),
            "sentiment": datasets.Value("string"),
            "aliases": datasets.Sequence(datasets.Value("string")),
            "span_start": datasets.Value("int64"),
            "span_end": datasets.Value("int64"),
            **({k: datasets.Value("string") for k in rows[0] if k not in COLUMNS} if rows else {}),
        }
    )
    cols = {k: [r.get(k) for r in rows] for k in features}
    return datasets.Dataset.from_dict(cols, features=features)


def _row(text: Any, target: Any, stance: Any, sentiment: Any = None, aliases: Any = None, span: Any = None, **extra: Any) -> dict[str, Any]:
    start, end = span if span is not None else (None, None)
    return {
        "text": text,
        "target": target,
        "stance": stance,
        "sentiment": sentiment,
        "aliases": list(aliases or []),
        "span_start": start,
        "span_end": end,
        **extra,
    }


def _require(path: Path, corpus: str) -> Path:
    if not path.exists():
        raise CorpusError(
            f"{corpus}: {str(path)!r} not found. Point --data-dir (or the STANCE_DATA_DIR environment variable) at the folder "
            "holding the public corpora (see ../shared/data/README.md)"
        )
    return path


# ---------------------------------------------------------------------------------------------- SemEval-2016
