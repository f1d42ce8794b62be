"""The runner: read batches, skip those the manifest says are done, run the others on an engine, write each result
as soon as it comes back, and record it in the manifest.

The runner alone reads the input and writes the output; workers only compute (so a remote cluster needs no access to
the files). At most ``engine.slots`` batches are in flight, so memory is bounded whatever the corpus size.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from stance._progress import Progress
from stance.bulk._batches import PartResult
from stance.bulk._engines import Engine, check_engine, engine_for
from stance.bulk._manifest import Manifest, PartRecord
from stance.bulk._output import Output, write_part
from stance.exceptions import OutputError, StanceError

__all__ = ["RunReport", "run"]

_log = logging.getLogger("stance.bulk")


class _Batch(Protocol):
    index: int
    first: int

    def __len__(self) -> int: ...

    def fingerprint(self) -> str: ...


class _Source(Protocol):
    def settings(self) -> dict[str, Any]: ...

    def total(self) -> int | None: ...

    def batches(self) -> Iterator[Any]: ...


class _Job(Protocol):
    task: str

    def settings(self) -> dict[str, Any]: ...

    def schema(self) -> Any: ...

    def __call__(self, batch: Any) -> PartResult: ...


@dataclass(frozen=True)
class RunReport:
    """What a corpus run did: where it wrote, how many batches there are and how many were already done before this
    run (``resumed``), the input records (articles or rows) and output rows in all, how many records could not be
    processed (each kept as a row with the reason in ``error``) and the first reason, and this run's seconds."""

    output: str
    batches: int
    resumed: int
    records: int
    rows: int
    failed: int
    first_failure: str | None
    seconds: float


def run(job: _Job, source: _Source, output: Output, *, workers: int | None = None, scheduler: Any = None,
        progress: bool | None = None) -> RunReport:
    """Run ``job`` over the batches of ``source``, writing to ``output`` (see the module docstring), in this process, on
    ``workers`` local processes or on the Dask cluster at ``scheduler`` (:func:`~stance.bulk._engines.engine_for`).
    The output is checked (and locked) before a cluster is started."""
    check_engine(workers, scheduler)  # before anything is written
    t0 = time.perf_counter()
    settings = {**job.settings(), **source.settings()}
    token = uuid.uuid4().hex[:8]
    with output.start(settings) as manifest, _engine(workers, scheduler) as engine:
        shown = sys.stderr.isatty() if progress is None else progress
        total = source.total() if shown else None  # counting the input costs a pass over it: only for the ETA on a terminal
        with Progress(total, job.task, enabled=shown, unit="articles" if job.task == "analyze" else "rows") as bar:
            resumed = _drive(job, source, manifest, engine, bar, token, output)
        done = [manifest.done[i] for i in sorted(manifest.done)]
        failures = [r.first_failure for r in done if r.first_failure]
        summary = {"batches": len(done), "records": sum(r.records for r in done), "rows": sum(r.rows for r in done),
                   "failed": sum(r.failed for r in done)}
        manifest.complete(summary)
        output.finish(manifest, job.schema())
    report = RunReport(str(output), len(done), resumed, summary["records"], summary["rows"], summary["failed"],
                       failures[0] if failures else None, time.perf_counter() - t0)
    _log.info("%s: %d batches (%d done before), %d records, %d rows, %d failed, in %.1f s on %s", output, report.batches,
              report.resumed, report.records, report.rows, report.failed, report.seconds, engine.description)
    return report


@contextmanager
def _engine(workers: int | None, scheduler: Any) -> Iterator[Engine]:
    engine = engine_for(workers, scheduler)
    try:
        yield engine
    finally:
        engine.close()


def _drive(job: _Job, source: _Source, manifest: Manifest, engine: Engine, bar: Progress, token: str, output: Output) -> int:
    """Submit the batches not done yet and collect their results; returns how many batches were done before."""
    pending: dict[Any, tuple[Any, str, float]] = {}
    resumed = 0
    expected = set(manifest.done)
    try:
        for batch in source.batches():
            fingerprint = batch.fingerprint()
            rec = manifest.done.get(batch.index)
            if rec is not None:
                if rec.fingerprint != fingerprint or rec.records != len(batch):
                    raise OutputError(
                        f"{output}: batch {batch.index} (input records {batch.first} to {batch.first + len(batch) - 1}) holds other "
                        "input than when it was written: the input changed since the run started (ids of text files are their "
                        "paths as given: run from the same folder with the same arguments); write to a new output"
                    )
                expected.discard(batch.index)
                resumed += 1
                bar.update(len(batch))
                continue
            while len(pending) >= engine.slots:
                _collect(engine.wait(pending), pending, manifest, bar, output)
            key = f"stance-{job.task}-{token}-{batch.index:06d}"
            pending[engine.submit(job, batch, key)] = (batch, fingerprint, time.perf_counter())
        while pending:
            _collect(engine.wait(pending), pending, manifest, bar, output)
    except BaseException:
        for fut in pending:
            fut.cancel()
        raise
    if expected:
        raise OutputError(f"{output}: the manifest records batches {sorted(expected)[:5]} that the input does not have (it is "
                          "shorter than when the run started); write to a new output")
    return resumed


def _collect(finished: set[Any], pending: dict[Any, tuple[Any, str, float]], manifest: Manifest, bar: Progress, output: Output) -> None:
    for fut in sorted(finished, key=lambda f: pending[f][0].index):
        batch, fingerprint, started = pending.pop(fut)
        try:
            result: PartResult = fut.result()
        except Exception as exc:  # a worker's error, or a worker lost too often (Dask's KilledWorker)
            what = str(exc) if isinstance(exc, StanceError) else f"{type(exc).__name__}: {exc}"
            raise StanceError(f"batch {batch.index} (input records {batch.first} to {batch.first + len(batch) - 1}): {what}; the "
                              f"{len(manifest.done)} batches done are kept: rerun the same command to go on") from exc
        name = write_part(output.work, batch.index, result.table)
        manifest.record(PartRecord(batch.index, name, len(batch), int(result.table.num_rows), result.failed, fingerprint,
                                   result.first_failure))
        del result
        bar.update(len(batch))
        _log.debug("batch %d: %d records in %.2f s", batch.index, len(batch), time.perf_counter() - started)
