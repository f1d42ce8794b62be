"""Stance on Dask dataframes: :func:`analyze` and :func:`predict` return lazy Dask dataframes, for your own pipelines.

>>> import dask.dataframe as dd, stance.dask                                                   # doctest: +SKIP
>>> articles = dd.read_parquet("articles/")                                                    # doctest: +SKIP
>>> table = stance.dask.analyze(articles, targets=["the government"], text="body", id="url")   # doctest: +SKIP
>>> table[table.stance != "NONE"].groupby(["speaker", "target"]).size().compute()              # doctest: +SKIP

Each function maps one function over the partitions (``map_partitions`` with an explicit ``meta``):
:func:`stance.tidy.analyze_frame` and :func:`stance.frames.predict_frame`, the functions a pandas user calls on one
frame. The model is named (a built-in name or a model file every worker can read), not sent: each worker process
loads it the first time it needs it and keeps it, checking that its copy of the file is the one named here. The
default model's encoder runs one thread per Dask worker thread unless ``threads`` says otherwise.

For a whole corpus written to disk, resumable after a crash, see :mod:`stance.bulk` and ``stance analyze --output``.
Needs ``pip install 'stancelens[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from stance._optional import require_dask
from stance.bulk._jobs import ModelSpec, load_model
from stance.exceptions import InputError

__all__ = ["analyze", "predict"]


def _dataframe(ddf: Any, columns: Mapping[str, str | None], function: str) -> None:
    require_dask(f"stance.dask.{function}", distributed=False)
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise InputError(f"stance.dask.{function} takes a dask.dataframe.DataFrame, got {type(ddf).__name__}; for a pandas "
                         "DataFrame use dask.dataframe.from_pandas(df, npartitions=...) or the pandas functions")
    for role, column in columns.items():
        if column is not None and column not in ddf.columns:
            raise InputError(f"{role} column {column!r} is not in the dataframe; its columns are {list(ddf.columns)!r:.200}")


def _analyze_partition(frame: Any, spec: ModelSpec, targets: list[str], aliases: dict[str, Sequence[str]], text: str, id: str,
                       errors: str) -> Any:
    from stance.tidy import analyze_frame

    return analyze_frame(frame, targets, text=text, id=id, aliases=aliases, model=load_model(spec), errors=errors)


def analyze(
    ddf: Any,
    *,
    targets: Sequence[str] | str,
    text: str = "text",
    id: str = "id",
    aliases: Mapping[str, Sequence[str]] | None = None,
    model: str | os.PathLike[str] | None = None,
    errors: str = "raise",
    allow_pickle: bool = False,
    threads: int | None = 1,
) -> Any:
    """The tidy table of the articles in ``ddf`` (one per row: ids in the column ``id``, texts in ``text``): a lazy Dask
    dataframe with one row per (article, statement, target) and the columns of :mod:`stance.tidy` (``article_id`` keeps
    the dtype of ``id``). Partition by partition, in order; divisions are unknown.

    ``errors="raise"`` stops at an article without a text, naming its id; ``"flag"`` keeps it as one row with the reason
    in ``error``. ``model`` is a built-in name or a model file path (default: the default model).
    """
    from stance.api import checked_targets
    from stance.tidy import empty_frame

    _dataframe(ddf, {"text": text, "id": id}, "analyze")
    if errors not in ("raise", "flag"):
        raise InputError(f"errors={errors!r}; give 'raise' (stop at a bad article) or 'flag' (keep it as one row with the reason)")
    checked, checked_aliases = checked_targets(targets, aliases)
    spec = ModelSpec.of(model, allow_pickle=allow_pickle, threads=threads)
    meta = empty_frame(ddf._meta[id].dtype)
    return ddf.map_partitions(_analyze_partition, spec, checked, checked_aliases, text, id, errors, meta=meta, clear_divisions=True,
                              enforce_metadata=True)


def _predict_partition(frame: Any, spec: ModelSpec, options: dict[str, Any]) -> Any:
    from stance.frames import predict_frame

    return predict_frame(load_model(spec), frame, **options, progress=False)


def predict(
    ddf: Any,
    *,
    text: str = "text",
    target: str = "target",
    aliases: str | None = None,
    speaker: str | None = None,
    context: str | None = None,
    prefix: str = "",
    model: str | os.PathLike[str] | None = None,
    errors: str = "raise",
    allow_pickle: bool = False,
    threads: int | None = 1,
) -> Any:
    """``ddf`` with the prediction columns of :func:`stance.frames.predict_frame` added (``stance``, ``stance_confidence``,
    ``p_<label>``, ``sentiment``, ``sentiment_confidence``, ``flags``, ``error``, each after ``prefix``): a lazy Dask
    dataframe with the same partitions, index and divisions. The arguments are those of ``predict_frame``, plus the
    model's name or file. One target for every row: ``ddf.assign(target="the plan")`` first."""
    import pandas as pd

    from stance.frames import prediction_columns

    _dataframe(ddf, {"text": text, "target": target, "aliases": aliases, "speaker": speaker, "context": context}, "predict")
    if errors not in ("raise", "flag"):
        raise InputError(f"errors={errors!r}; give 'raise' (stop at a bad row) or 'flag' (keep it, without labels)")
    spec = ModelSpec.of(model, allow_pickle=allow_pickle, threads=threads)
    added = prediction_columns(spec.stance_labels(), prefix)
    clash = [c for c in added if c in ddf.columns]
    if clash:
        raise InputError(f"the dataframe already has columns {clash}; give a prefix (e.g. prefix='pred_') so nothing is overwritten")
    meta = ddf._meta.assign(**{c: pd.Series(dtype=d, index=ddf._meta.index) for c, d in added.items()})
    options = {"text": text, "target": target, "aliases": aliases, "speaker": speaker, "context": context, "errors": errors,
               "prefix": prefix}
    return ddf.map_partitions(_predict_partition, spec, options, meta=meta, enforce_metadata=True)
