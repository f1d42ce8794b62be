"""The ``stance compare`` command: several models and baselines on the same split, side by side.

::

    stance compare --corpus semeval2016 --split test --model default --model semeval2016 --model my.stance \\
        --baseline majority --baseline tfidf-svm --baseline vader --reference default --output compare/

Writes ``report.json``, ``report.md`` and ``report.html`` into ``--output``. Exit codes: 0 success,
1 bad data or a model that fails to load, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stance._usage import UsageError
from stance.reporting.stats import DEFAULT_RESAMPLES

__all__ = ["register", "run"]


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``compare`` subcommand to the ``stance`` command line's subparsers."""
    from stance.baselines import BASELINES

    c = subparsers.add_parser(
        "compare",
        help="evaluate several models and baselines on the same split, with paired bootstrap tests",
        description=(
            "Evaluate every --model and --baseline on the same labelled split and write report.json, report.md and "
            "report.html side by side: scores with 95% bootstrap intervals, a paired bootstrap test of each system "
            "against --reference, per-target scores, confusion matrices, and the published results for the corpus."
        ),
    )
    src = c.add_mutually_exclusive_group(required=True)
    src.add_argument("--corpus", help="registered corpus name, e.g. semeval2016 (see `stance corpora`)")
    src.add_argument("--input", help="your own labelled file (CSV, TSV, JSONL, JSON, Parquet)")
    c.add_argument("--data-dir", default=None, help="folder holding the public corpora (default: $STANCE_DATA_DIR or ../shared/data)")
    c.add_argument("--split", default="test", help="split to score (default: test)")
    c.add_argument("--train-split", default="train", help="split the trained baselines learn from (default: train)")
    c.add_argument("--train-input", default=None, help="with --input: labelled file the trained baselines learn from")
    c.add_argument("--model", action="append", default=[], metavar="NAME_OR_PATH",
                   help="a built-in model name (default, default-linear, semeval2016) or a model file; repeat for several")
    c.add_argument("--baseline", action="append", default=[], choices=BASELINES,
                   help="a baseline: majority, tfidf-svm (trained on --train-split), vader, textblob (sentiment only); repeatable")
    c.add_argument("--reference", default=None, help="system the others are tested against (default: the first --model, else the first --baseline)")
    c.add_argument("--output", required=True, help="folder for report.json, report.md and report.html")
    c.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES, help=f"bootstrap resamples (default: {DEFAULT_RESAMPLES})")
    c.add_argument("--seed", type=int, default=0, help="seed of the bootstrap resampling (default: 0)")
    c.add_argument("--allow-pickle", action="store_true", help="accept pickle/joblib model files (runs code from them: only for your own files)")
    c.add_argument("--text-column", default="text", help="with --input: column holding the statement")
    c.add_argument("--target-column", default="target", help="with --input: column holding the target")
    c.add_argument("--aliases-column", default="aliases",
                   help="with --input: optional column of '|'-separated target aliases (default: aliases; '' for none)")
    c.add_argument("--stance-column", default="stance", help="with --input: column holding the stance label")
    c.add_argument("--sentiment-column", default="sentiment", help="with --input: column holding the sentiment label")
    c.set_defaults(func=run)
    return c


def _load_data(args: argparse.Namespace) -> tuple[Any, Any, str]:
    from stance.corpora import load_corpus, load_file

    mapping = dict(
        text_column=args.text_column,
        target_column=args.target_column,
        stance_column=args.stance_column,
        sentiment_column=args.sentiment_column,
        aliases_column=args.aliases_column or None,
    )
    if args.corpus:
        data = load_corpus(args.corpus, args.data_dir)
        if args.split not in data:
            raise UsageError(f"corpus {args.corpus!r} has no split {args.split!r}; splits: {', '.join(data)}")
        train = data[args.train_split] if args.train_split in data else None
        return data[args.split], train, args.corpus
    ds = load_file(args.input, **mapping)
    train = load_file(args.train_input, **mapping) if args.train_input else None
    return ds, train, Path(args.input).name


def _train_source(args: argparse.Namespace) -> str:
    """The name of the split the trained baselines learn from, as recorded in their metadata."""
    if args.corpus:
        return f"{args.corpus}/{args.train_split}"
    return Path(args.train_input).name if args.train_input else ""  # models only: nothing is trained


def run(args: argparse.Namespace) -> int:
    """Run ``stance compare``; returns the exit code."""
    try:
        return _run(args)
    except UsageError as exc:
        print(f"stance compare: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from stance.baselines import SENTIMENT_BASELINES
    from stance.exceptions import InputError
    from stance.reporting.compare import check_split, compare_systems, name_systems, published_results, write_comparison

    if not args.model and not args.baseline:
        raise UsageError("nothing to compare: give at least one --model NAME_OR_PATH or --baseline NAME")
    if args.resamples < 1:
        raise UsageError(f"--resamples {args.resamples}: give at least 1 (1000 is usual)")
    if args.input and not args.train_input and any(b not in SENTIMENT_BASELINES for b in args.baseline):
        raise UsageError("the majority and tfidf-svm baselines learn from a training set: with --input also give --train-input FILE")
    ds, train, corpus = _load_data(args)
    check_split(ds, corpus, args.split)
    trained = [b for b in args.baseline if b not in SENTIMENT_BASELINES]
    if trained and train is None:
        raise UsageError(
            f"baseline {trained[0]!r} learns from a training split, and {corpus!r} has no split {args.train_split!r}; "
            "name one with --train-split"
        )
    try:
        systems = name_systems(args.model, args.baseline, args.reference)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    comp = compare_systems(
        systems, ds, train, corpus=corpus, split=args.split, train_source=_train_source(args), train_split=args.train_split,
        allow_pickle=args.allow_pickle, n_resamples=args.resamples, seed=args.seed,
        published=published_results(args.corpus, args.split) if args.corpus else [],
        progress=lambda name: print(f"scoring {name} ...", file=sys.stderr),
    )
    paths = write_comparison(comp, args.output)
    for task, metric in (("stance", "f_avg"), ("sentiment", "macro_recall")):
        for s in comp["systems"].values():
            if task in s:
                ci = s["intervals"][task][metric]
                v = s[task].get(metric)
                print(f"{task:<9} {s['name']:<20} {metric} {v:6.2f}  [{ci['low']:.2f}, {ci['high']:.2f}]" if v is not None else f"{task:<9} {s['name']:<20} {metric} –")
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
