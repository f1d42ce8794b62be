"""Corpus-scale runs: a corpus in, one tidy table out, in bounded batches, resumable, in this process or on Dask.

>>> from stance import bulk
>>> report = bulk.analyze(["news/"], "out/", ["the government"], model="default-linear", workers=2)   # doctest: +SKIP
>>> report.records, report.rows                                                                       # doctest: +SKIP
(20000, 161204)
>>> import pandas as pd; pd.read_parquet("out/")                                                      # doctest: +SKIP

:func:`analyze` writes one row per (article, statement, target) (the columns of :mod:`stance.tidy`); :func:`predict`
labels the rows of a table and writes them with the prediction columns of :func:`stance.frames.predict_frame`. The
output is a folder (a partitioned Parquet dataset: one file per batch) or one ``.parquet``, ``.csv`` or ``.jsonl``
file. Each batch is written under a temporary name and renamed, then recorded in the run's manifest; running the
same call again skips the batches done, so a run killed at any point and started again ends with exactly the rows
of a run never interrupted. A folder that holds anything else, or a run with other settings (model, targets,
input, batch size), is refused, never mixed into. ``workers=N`` starts a Dask cluster of N local processes,
``scheduler="tcp://host:8786"`` (or a ``distributed.Client``) uses an existing one (needs ``stancelens[dask]``);
each worker process loads the model once. For Dask dataframes of your own, see :mod:`stance.dask`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from stance.bulk._engines import WORKER_DASK_CONFIG, WORKER_ENV
from stance.bulk._jobs import AnalyzeJob, ModelSpec, PredictJob
from stance.bulk._output import output_at
from stance.bulk._run import RunReport, run
from stance.bulk._sources import open_articles, open_table
from stance.exceptions import CorpusError, InputError

__all__ = ["analyze", "predict", "RunReport", "WORKER_ENV", "WORKER_DASK_CONFIG"]


def _threads(threads: int | None, workers: int | None, scheduler: Any) -> int | None:
    """The encoder's threads: as given, else one per worker process on a cluster (a worker is one core), else all."""
    if threads is not None:
        return threads
    return 1 if workers is not None or scheduler is not None else None


def analyze(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str],
    targets: Sequence[str] | str,
    *,
    aliases: Mapping[str, Sequence[str]] | None = None,
    model: str | os.PathLike[str] | None = None,
    id_column: str = "id",
    text_column: str = "text",
    batch_size: int = 100,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
    allow_pickle: bool = False,
    threads: int | None = None,
) -> RunReport:
    """Analyze every article of ``inputs`` toward ``targets`` and write the tidy table to ``output``.

    Parameters
    ----------
    inputs : path, or list of paths
        Text files (one article each), folders (their ``*.txt`` files, in all subfolders, in name order) and glob
        patterns; or one table of articles: CSV / TSV, JSON lines, Parquet, or a folder of Parquet files, whose
        ``id_column`` and ``text_column`` hold each article's id and text.
    output : path
        A folder (a partitioned Parquet dataset) or a ``.parquet`` / ``.csv`` / ``.jsonl`` file.
    targets, aliases
        As in :func:`stance.analyze`.
    model : str or path, optional
        A built-in model name or a model file (default: the default model); each worker process loads it once.
    batch_size : int
        Articles per batch, and per file of a folder output. A rerun must use the same.
    workers, scheduler
        A local Dask cluster of ``workers`` processes, or the Dask cluster at ``scheduler``; neither: this process.
    progress : bool, optional
        A progress bar on stderr (articles/s, ETA); default: when stderr is a terminal.
    threads : int, optional
        Threads of the default model's encoder in each process (default: 1 on a cluster, all CPUs here).

    Returns
    -------
    RunReport
        Counts of the whole run (batches done before included); ``failed`` articles, such as unreadable files, have
        one row each with the reason in ``error``.

    Raises
    ------
    OutputError
        The output holds something else, or a run with other settings, or another run is writing to it.
    """
    from stance.api import checked_targets

    checked, checked_aliases = checked_targets(targets, aliases)
    source = open_articles(inputs, id_column=id_column, text_column=text_column, batch_size=batch_size)
    spec = ModelSpec.of(model, allow_pickle=allow_pickle, threads=_threads(threads, workers, scheduler))
    job = AnalyzeJob(tuple(checked), spec, checked_aliases)
    return run(job, source, output_at(output), workers=workers, scheduler=scheduler, progress=progress)


def predict(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    text_column: str = "text",
    target_column: str = "target",
    target: str | None = None,
    aliases_column: str = "aliases",
    speaker_column: str = "speaker",
    context_column: str = "context",
    prefix: str = "",
    model: str | os.PathLike[str] | None = None,
    batch_size: int = 1000,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
    allow_pickle: bool = False,
    threads: int | None = None,
) -> RunReport:
    """Label every row of the table ``input`` and write the rows, with the prediction columns added, to ``output``.

    ``input`` is a CSV / TSV, JSON lines or Parquet file, or a folder of Parquet files. Its ``text_column`` holds the
    statements; ``target_column`` the targets, or, when the table has no such column, ``target`` is the target of every
    row. ``aliases_column``, ``speaker_column`` and ``context_column`` are read when the table has them under their
    default names; given another name, the table must have them. The added
    columns are those of :func:`stance.frames.predict_frame` (``stance``, ``stance_confidence``, ``p_<label>``,
    ``sentiment``, ``sentiment_confidence``, ``flags``, ``error``), each name after ``prefix``; a row without a text or
    target keeps its place, flagged, with the reason in ``error``. The other parameters are those of :func:`analyze`.
    """
    from stance.labelling import RowColumns, check_optional_columns

    source = open_table(os.fspath(input), batch_size=batch_size)
    schema = source.schema()
    names = schema.names
    if text_column not in names:
        raise CorpusError(f"{input}: no column {text_column!r} (columns: {names!r:.300}); name it with text_column (--text-column)")
    if target_column not in names and target is None:
        raise CorpusError(f"{input}: no column {target_column!r} (columns: {names!r:.300}); name it with target_column "
                          "(--target-column), or give one target for every row (--target)")
    check_optional_columns(RowColumns(text_column, target_column, aliases_column, speaker_column, context_column), names, str(input))
    spec = ModelSpec.of(model, allow_pickle=allow_pickle, threads=_threads(threads, workers, scheduler))
    job = PredictJob(
        text=text_column,
        target=target_column if target_column in names else None,
        fixed_target=None if target_column in names else target,
        model=spec,
        input_schema=schema,
        labels=tuple(spec.stance_labels()),
        aliases=aliases_column if aliases_column in names else None,
        speaker=speaker_column if speaker_column in names else None,
        context=context_column if context_column in names else None,
        prefix=prefix,
    )
    clash = [c for c in job.added() if c in names]
    if clash:
        raise InputError(f"{input} already has column(s) {clash}, which the predictions would overwrite; give a prefix "
                         "(--prefix pred_) to name the added columns differently")
    return run(job, source, output_at(output), workers=workers, scheduler=scheduler, progress=progress)

