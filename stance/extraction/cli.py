"""Command-line subcommands of the extractor: ``stance extract`` and ``stance evaluate-extraction``.

:func:`register` adds both to the main ``stance`` parser (``stance.cli``). Results go to stdout,
diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from pathlib import Path
from typing import Any

from stance._files import read_article, write_text_replacing
from stance._progress import Progress
from stance.exceptions import CorpusError

__all__ = ["register", "run_extract", "run_evaluate_extraction"]

logger = logging.getLogger(__name__)

#: The columns of ``stance extract`` (JSON lines and CSV): a statement's columns in the order ``stance analyze`` and the
#: corpus table (:mod:`stance.tidy`) use, then the speaker's and the cue's offsets.
_FIELDS = ("file", "speaker", "text", "start", "end", "cue", "kind", "speaker_start", "speaker_end", "cue_start", "cue_end")

def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` and ``evaluate-extraction`` subcommands.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``parser.add_subparsers()``; each subcommand sets ``func`` to its runner, which takes
        the parsed :class:`argparse.Namespace` and returns the exit code.
    """
    p = subparsers.add_parser(
        "extract",
        help="list the statements (who said what) in text files",
        description="Find quoted and reported statements and their speakers in UTF-8 text files.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file(s), one article each")
    p.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default="table",
        help="table: aligned columns for reading (the default, as for stance analyze); jsonl: one JSON object per "
        "statement; csv: one row per statement, with a header",
    )
    p.set_defaults(func=run_extract)

    e = subparsers.add_parser(
        "evaluate-extraction",
        help="score the extractor on an attribution corpus (PolNeAR)",
        description="Precision/recall/F1 of statement extraction against gold Content spans, at 30% "
        "and 80% overlap, speaker accuracy, per publisher, and articles per second.",
    )
    e.add_argument("--corpus", choices=("polnear",), default="polnear", help="corpus to score on")
    e.add_argument(
        "--data-dir",
        default=None,
        help="folder holding polnear/ (default: $STANCE_DATA_DIR or ../shared/data)",
    )
    e.add_argument("--split", choices=("dev", "train"), default="dev", help="compartment (default dev)")
    e.add_argument("--output", default=None, help="folder to write extraction_<corpus>_<split>.json and .md into")
    e.set_defaults(func=run_evaluate_extraction)


def _table_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()


def run_extract(args: argparse.Namespace) -> int:
    """Run ``stance extract``: print statements of each file; exit 1 if any file failed."""
    failed = 0
    out = sys.stdout
    # progress over the files on stderr, only when it is a terminal and the results are not (else they interleave)
    show = len(args.files) > 1 and sys.stderr.isatty() and not sys.stdout.isatty()
    with Progress(len(args.files), "extract (files)", enabled=show) as bar:
        for i, path in enumerate(args.files):
            failed += _extract_one(path, args.format, out, header=i == 0)  # one CSV header for all the files
            bar.update()
    if failed:
        print(f"stance extract: {failed} of {len(args.files)} file(s) failed; see messages above", file=sys.stderr)
        return 1
    return 0


def _extract_one(path: str, fmt: str, out: Any, header: bool = True) -> int:
    """Write one file's statements; 1 when the file could not be read (message on stderr), else 0."""
    text, err = read_article(path, "nothing to extract")
    if text is None or err is not None:
        print(f"stance extract: {err}", file=sys.stderr)
        return 1
    from stance.extraction import extract_statements

    statements = extract_statements(text)
    records = [{"file": path, **{k: getattr(st, k) for k in _FIELDS[1:]}} for st in statements]
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(_FIELDS))
        if header:
            writer.writeheader()
        writer.writerows(records)
    else:
        rows = [[f"{st.start}-{st.end}", st.kind, st.speaker or "-", st.cue or "-", _short(st.text)] for st in statements]
        head = ["span", "kind", "speaker", "cue", "text"]
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)] + [0]
        out.write(f"== {path}: {len(statements)} statement(s)\n")
        out.write(_table_row(head, widths) + "\n")
        for r in rows:
            out.write(_table_row(r, widths) + "\n")
    out.flush()
    return 0


def _short(s: str, n: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def run_evaluate_extraction(args: argparse.Namespace) -> int:
    """Run ``stance evaluate-extraction``: score on PolNeAR, print Markdown, optionally write files."""
    from stance.corpora._paths import resolve_data_dir
    from stance.extraction.polnear import evaluate, format_markdown, load_polnear, to_json

    root = resolve_data_dir(args.data_dir) / "polnear"
    try:
        articles = load_polnear(root, args.split)
    except CorpusError as exc:
        print(f"stance evaluate-extraction: {exc}", file=sys.stderr)
        return 1
    result = evaluate(articles)
    result["corpus"] = args.corpus
    result["split"] = args.split
    md = format_markdown(result, title=f"PolNeAR {args.split}: statement extraction")
    sys.stdout.write(md)
    if args.output:
        outdir = Path(args.output)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
            stem = outdir / f"extraction_{args.corpus}_{args.split}"
            write_text_replacing(stem.with_suffix(".json"), to_json(result) + "\n")
            write_text_replacing(stem.with_suffix(".md"), md)
        except OSError as exc:
            print(f"stance evaluate-extraction: cannot write to {outdir} ({exc}); pick a writable --output",
                  file=sys.stderr)
            return 1
        print(f"wrote {stem}.json and {stem}.md", file=sys.stderr)
    return 0
