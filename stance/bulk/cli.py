"""The corpus options of ``stance analyze`` and ``stance predict``, and the runs they start (a thin shell over
:func:`stance.bulk.analyze` and :func:`stance.bulk.predict`).

A command is a corpus run when it is given ``--workers``, ``--scheduler`` or ``--batch-size``, a table of articles
(``analyze``), an ``--output`` (``analyze``) or an output folder (``predict``: a name without an extension, or an
existing folder), or a folder of Parquet files as input (``predict``). Otherwise the commands work as before: ``analyze``
prints each file's rows, ``predict`` writes one file whole.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stance._usage import UsageError
from stance.exceptions import InputError

if TYPE_CHECKING:
    from stance.bulk import RunReport

__all__ = ["add_corpus_options", "is_analyze_run", "is_predict_run", "run_analyze", "run_predict"]

logger = logging.getLogger("stance")


def add_corpus_options(p: argparse.ArgumentParser, unit: str, batch_default: int) -> None:
    """``--workers``, ``--scheduler`` and ``--batch-size`` (``unit``: what a batch holds)."""
    g = p.add_argument_group("corpus runs (resumable; see docs/dask.md)")
    g.add_argument("--workers", type=int, default=None, metavar="N",
                   help="run on a Dask cluster of N worker processes on this machine (needs stancelens[dask])")
    g.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on the existing Dask cluster at ADDRESS, e.g. tcp://10.0.0.5:8786 (needs stancelens[dask])")
    g.add_argument("--batch-size", type=int, default=None, metavar="N",
                   help=f"{unit} per batch, and per file of a folder output (default: {batch_default}); a resumed run must use the same")


def is_analyze_run(args: argparse.Namespace) -> bool:
    from stance.bulk._sources import is_table

    return bool(args.output or args.workers is not None or args.scheduler or args.batch_size is not None
                or any(is_table(f) for f in args.files))


def is_predict_run(args: argparse.Namespace) -> bool:
    out = args.output
    folder_out = bool(out) and out != "-" and (Path(out).is_dir() or not Path(out).suffix)
    folder_in = bool(args.input) and args.input != "-" and Path(args.input).is_dir()
    return bool(folder_out or folder_in or args.workers is not None or args.scheduler or args.batch_size is not None)


def _report(report: RunReport, what: str) -> int:
    """The run's summary on stderr (unless -q); exit code 1 when some records could not be processed."""
    if logger.isEnabledFor(logging.WARNING):
        resumed = f", {report.resumed:,} of them done before" if report.resumed else ""
        print(f"wrote {report.rows:,} rows for {report.records:,} {what} ({report.batches:,} batches{resumed}) to {report.output} "
              f"in {report.seconds:.1f} s", file=sys.stderr)
    if report.failed:
        print(f"stance: {report.failed:,} {what if report.failed > 1 else what[:-1]} could not be processed (first: {report.first_failure}); each is kept as a row with "
              "the reason in the error column", file=sys.stderr)
        return 1
    return 0


def run_analyze(args: argparse.Namespace, aliases: dict[str, list[str]]) -> int:
    """``stance analyze`` over a corpus, written to ``--output``."""
    from stance import bulk

    if not args.output:
        raise UsageError("a corpus run (a table of articles, --workers, --scheduler or --batch-size) writes a table: give --output DIR "
                    "(a partitioned Parquet dataset) or --output FILE.parquet|.csv|.jsonl")
    if args.format is not None:
        raise UsageError("--format is for articles printed to the terminal; with --output the format is the output's (a folder: "
                    "Parquet; or by the file's extension)")
    try:
        report = bulk.analyze(args.files, args.output, args.target, aliases=aliases, model=args.model, id_column=args.id_column,
                              text_column=args.text_column, batch_size=args.batch_size or 100, workers=args.workers,
                              scheduler=args.scheduler, allow_pickle=args.allow_pickle, threads=args.threads)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return _report(report, "articles")


def run_predict(args: argparse.Namespace) -> int:
    """``stance predict`` over a table, written in batches to ``--output``."""
    from stance import bulk

    if args.statement is not None or not args.input or args.input == "-":
        raise UsageError("a corpus run (an output folder, --workers, --scheduler or --batch-size) reads a table: give --input FILE or "
                    "--input FOLDER of Parquet files (not standard input, which cannot be read again to resume)")
    if not args.output or args.output == "-":
        raise UsageError("a corpus run writes --output DIR (a partitioned Parquet dataset) or --output FILE.parquet|.csv|.jsonl")
    for flag, given in (("--explain", args.explain), ("--output-format", args.output_format), ("--input-format", args.input_format)):
        if given:
            raise UsageError(f"{flag} is not available in a corpus run (the formats are the files' own, by extension)")
    try:
        report = bulk.predict(args.input, args.output, text_column=args.text_column, target_column=args.target_column,
                              target=args.target, aliases_column=args.aliases_column, speaker_column=args.speaker_column,
                              context_column=args.context_column, prefix=args.prefix, model=args.model,
                              batch_size=args.batch_size or 1000, workers=args.workers, scheduler=args.scheduler,
                              allow_pickle=args.allow_pickle, threads=args.threads)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return _report(report, "rows")
