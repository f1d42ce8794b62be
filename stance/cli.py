"""The ``stance`` command line.

``main(argv)`` runs in-process (tests call it with a list). Exit codes: 0 success, 1 failure (bad input
data, unreadable files, a model that fails to load), 2 usage errors. Results go to stdout or the
``--output`` file; diagnostics and progress go to stderr (progress only on a terminal).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stance._version import __version__
from stance._usage import UsageError
from stance._writers import OUTPUT_FORMATS as _OUTPUT_FORMATS
from stance._writers import csv_cells as _csv_cells
from stance._writers import json_value as _json_value
from stance._writers import write_rows as _write_rows
from stance._files import read_article, write_text_replacing
from stance._progress import Progress
from stance.bulk.cli import add_corpus_options, is_analyze_run, is_predict_run, run_analyze, run_predict
from stance.exceptions import StanceError

__all__ = ["main", "build_parser"]

logger = logging.getLogger("stance")

#: ``--input -`` / ``--output -``: standard input / output.
_STDIO = "-"
#: Formats ``stance predict --input-format`` names; standard output takes all but Parquet.
_INPUT_FORMAT_NAMES = ("csv", "tsv", "jsonl", "json", "parquet")
_STDOUT_FORMAT_NAMES = ("csv", "tsv", "jsonl", "json")
#: How errors name standard input.
_STDIN_NAME = "<stdin>"


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        default=None,
        help="model file, or a built-in name (default, default-linear: the default without its encoder, far faster; semeval2016); default: the embedded default model",
    )
    p.add_argument("--allow-pickle", action="store_true", help="accept a pickle/joblib model file (runs code from it: only for your own files)")
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="threads for the default model's encoder (default: the CPUs this process may use)")


def _add_columns(p: argparse.ArgumentParser, labels: bool) -> None:
    p.add_argument("--text-column", default="text", help="column holding the statement (default: text)")
    p.add_argument("--target-column", default="target", help="column holding the target (default: target)")
    p.add_argument("--aliases-column", default="aliases", help="optional column of '|'-separated target aliases (default: aliases)")
    if labels:
        p.add_argument("--stance-column", default="stance", help="column holding the stance label (default: stance)")
        p.add_argument("--sentiment-column", default="sentiment", help="optional column holding the sentiment label (default: sentiment)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance",
        description="Stance (FAVOR/AGAINST/NONE) and sentiment of statements toward a target, and the statements in news articles.",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr (-vv: debugging)")
    parser.add_argument("-q", "--quiet", action="store_true", default=False, help="errors only on stderr (no notes, no warnings)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    # ---- train
    t = sub.add_parser("train", help="train a model on a registered corpus or your own file", description=(
        "Train a stance + sentiment model. Use --corpus NAME for a registered corpus (see `stance corpora`) or "
        "--input FILE (CSV, TSV, JSONL, JSON, Parquet) with column options for your own data. It trains once with "
        "stance.TrainConfig's defaults (or --config), not the grid searches behind the shipped models: those come from "
        "the recipes in training/ (python training/semeval2016.py for the semeval2016 model)."))
    src = t.add_mutually_exclusive_group(required=True)
    src.add_argument("--corpus", help="registered corpus name, e.g. semeval2016")
    src.add_argument("--input", help="your own training file")
    t.add_argument("--data-dir", default=None, help="folder holding the public corpora (default: $STANCE_DATA_DIR or ../shared/data)")
    t.add_argument("--output", required=True, help="where to write the model file")
    t.add_argument("--config", default=None, help="JSON file of training options (see stance.TrainConfig); default: TrainConfig's defaults")
    _add_columns(t, labels=True)
    t.set_defaults(func=_run_train)

    # ---- predict
    p = sub.add_parser("predict", help="label statements in a CSV/JSONL file, or one statement", description=(
        "Label each row of --input (CSV or JSONL) and write the same rows, in the same order, with the columns "
        "stance, stance_confidence, sentiment, sentiment_confidence (and flags) added; or label one statement "
        "given on the command line with --target."))
    _add_model(p)
    p.add_argument("statement", nargs="?", help="one statement to label (with --target)")
    p.add_argument("--target", help="the target for a single statement, or for every row lacking a target column")
    p.add_argument("--input", help=(
        "file of statements (CSV, TSV, JSONL, JSON or Parquet, by its extension), a folder of Parquet files (a corpus run), "
        "or - to read standard input (CSV unless --input-format says otherwise)"))
    p.add_argument("--input-format", choices=_INPUT_FORMAT_NAMES, help=(
        "format of --input, for standard input (default csv) or a file whose extension does not say it"))
    p.add_argument("--output", help=(
        "output file (CSV, TSV, JSONL, JSON or Parquet by its extension; written whole, then renamed into place), or - "
        "for standard output; default: standard output. A folder (a name without an extension) makes a corpus run: the rows "
        "written in batches to a partitioned Parquet dataset, resumable"))
    p.add_argument("--output-format", choices=_STDOUT_FORMAT_NAMES, help=(
        "format written to standard output (default: the input's format, JSONL for Parquet input); a file's format "
        "is its extension"))
    p.add_argument("--explain", action="store_true", help="also show the features that pushed the prediction most")
    p.add_argument("--prefix", default="", help="prefix for the added columns, e.g. pred_ when the input already has a stance column")
    p.add_argument("--speaker-column", default="speaker", help=(
        "optional column: who says the statement (empty: nobody named); read by models trained with it (default: speaker)"))
    p.add_argument("--context-column", default="context", help="optional column: the sentence before the statement (default: context)")
    _add_columns(p, labels=False)
    add_corpus_options(p, "rows", 1000)
    p.set_defaults(func=_run_predict)

    # ---- evaluate
    e = sub.add_parser("evaluate", help="score a model on a labelled split and write reports", description=(
        "Predict a labelled split and write report.json and report.md (and report.html when available) with "
        "F_avg, per-target scores, macro F1, confusion matrices and sentiment scores."))
    _add_model(e)
    esrc = e.add_mutually_exclusive_group(required=True)
    esrc.add_argument("--corpus", help="registered corpus name")
    esrc.add_argument("--input", help="your own labelled file")
    e.add_argument("--data-dir", default=None, help="folder holding the public corpora")
    e.add_argument("--split", default="test", help="split of the corpus (default: test)")
    e.add_argument("--output", required=True, help="folder for the reports")
    e.add_argument("--baseline", action="append", default=[], choices=("majority", "tfidf-svm", "vader", "textblob"),
                   help="also score a baseline on the same rows, with intervals, beside the model: majority or tfidf-svm (trained on "
                        "--train-split / --train-input), vader or textblob (sentiment only, need stancelens[bench]); repeatable")
    e.add_argument("--train-split", default="train", help="with --corpus: split the majority and tfidf-svm baselines learn from (default: train)")
    e.add_argument("--train-input", default=None, help="with --input: labelled file the majority and tfidf-svm baselines learn from")
    _add_columns(e, labels=True)
    e.set_defaults(func=_run_evaluate)

    # ---- analyze
    a = sub.add_parser("analyze", help="statements of articles, each labelled toward the targets you name", description=(
        "Extract the quoted and reported statements of each article and label each one toward each --target. Printed "
        "article by article; with --output (or a table of articles, --workers, --scheduler) a corpus run writes one tidy "
        "table, one row per article, statement and target, in resumable batches (docs/dask.md)."))
    a.add_argument("files", nargs="+", metavar="INPUT", help=(
        "UTF-8 text files (one article each), folders (their *.txt files, in all subfolders) and quoted glob patterns "
        "('news/**/*.md'); or one table of articles: .csv, .tsv, .jsonl, .parquet, or a folder of Parquet files"))
    a.add_argument("--target", action="append", required=True, help="a target (repeat for several)")
    a.add_argument("--alias", action="append", default=[], metavar="NAME=ALIAS", help="another name of a target (repeatable)")
    a.add_argument("--format", choices=("table", "jsonl", "csv", "summary"), default=None, help=(
        "format printed to standard output (default: table); summary: one line per speaker and target, with the statement "
        "behind the verdict"))
    a.add_argument("--output", default=None, metavar="PATH", help=(
        "write one table instead: a folder (a partitioned Parquet dataset, read with pandas.read_parquet(PATH)) or a "
        ".parquet, .csv or .jsonl file; rerunning the same command resumes an interrupted run"))
    a.add_argument("--id-column", default="id", help="a table's column of article ids (default: id)")
    a.add_argument("--text-column", default="text", help="a table's column of article texts (default: text)")
    _add_model(a)
    add_corpus_options(a, "articles", 100)
    a.set_defaults(func=_run_analyze)

    # ---- evaluate-analysis
    ea = sub.add_parser("evaluate-analysis", help="score who-stands-where end to end against SEESAW's annotation", description=(
        "Run analyze and summarize on each article of a SEESAW split with its Main entities as targets, and score the "
        "FAVOR/AGAINST verdicts that have a speaker against the annotated (subject, polarity, object) triplets: "
        "micro precision, recall and F1 (see stance.analysis_eval), with 95% intervals from resampling the articles."))
    _add_model(ea)
    ea.add_argument("--baseline", default=None, metavar="MODEL", help=(
        "also score this model (a file or a built-in name) on the same articles, and give the difference with a paired "
        "bootstrap interval and p-value"))
    ea.add_argument("--corpus", default="seesaw", choices=("seesaw",), help="the annotated articles (default: seesaw)")
    ea.add_argument("--split", default="valid", help="split (default: valid; train also exists, test is held back)")
    ea.add_argument("--data-dir", default=None, help="folder holding the public corpora")
    ea.add_argument("--output", default=None, help="folder for report.json (every article's pairs) and report.md")
    ea.set_defaults(func=_run_evaluate_analysis)

    # ---- corpora
    c = sub.add_parser("corpora", help="list the registered corpora")
    c.set_defaults(func=_run_corpora)
    for command in sub.choices.values():  # the same flags after the subcommand (stance predict ... -v)
        command.add_argument("-v", "--verbose", action="count", dest="verbose_after", default=argparse.SUPPRESS,
                             help="more log output on stderr (-vv: debugging)")
        command.add_argument("-q", "--quiet", action="store_true", dest="quiet_after", default=argparse.SUPPRESS,
                             help="errors only on stderr (no notes, no warnings)")

    from stance.extraction.cli import register as register_extraction
    from stance.reporting.cli import register as register_reporting

    register_extraction(sub)
    register_reporting(sub)
    return parser


def _load_model(args: argparse.Namespace) -> Any:
    from stance.api import load

    return load(args.model, allow_pickle=getattr(args, "allow_pickle", False), threads=getattr(args, "threads", None))


def _read_config(path: str, cls: Any) -> Any:
    """The training options in the JSON file ``path``; :class:`ConfigError` naming the file and where it is wrong."""
    from stance.exceptions import ConfigError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"--config {path}: no such file; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--config {path}: cannot be read ({exc}); give a UTF-8 JSON file of training options") from None
    try:
        options = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"--config {path}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
                          'give an object of training options, e.g. {"stance_C": 0.3}') from None
    try:
        return cls.from_dict(options)
    except ConfigError as exc:
        raise ConfigError(f"--config {path}: {exc}") from None


#: The recipe behind the shipped model of a registered corpus, for ``stance train --corpus NAME``'s note.
_RECIPES = {"semeval2016": "python training/semeval2016.py"}


def _run_train(args: argparse.Namespace) -> int:
    from stance.api import train
    from stance.corpora import load_corpus
    from stance.model import TrainConfig

    config = _read_config(args.config, TrainConfig) if args.config else None
    if args.corpus:
        data = load_corpus(args.corpus, args.data_dir)
        corpora = [args.corpus]
        recipe = _RECIPES.get(args.corpus)
        if recipe and logger.isEnabledFor(logging.WARNING):  # not under -q
            settings = "the --config options" if args.config else "TrainConfig's defaults"
            print(f"note: this trains once with {settings}, not the grid search that chose the shipped {args.corpus} model's "
                  f"settings; to rebuild that model run {recipe}", file=sys.stderr)
    else:
        data, corpora = args.input, [args.input]
    model = train(
        data,
        config=config,
        text_column=args.text_column,
        target_column=args.target_column,
        stance_column=args.stance_column,
        sentiment_column=args.sentiment_column or None,
        aliases_column=args.aliases_column or None,
        corpora=corpora,
    )
    model.save(args.output)
    print(f"wrote {args.output}: {model!r}", file=sys.stderr)
    return 0


def _read_predict_input(args: argparse.Namespace) -> tuple[list[dict[str, Any]], list[int] | None, str]:
    """The rows of ``--input`` (a file, or standard input for ``-``), the line each starts on, and the name errors use."""
    from stance.corpora import read_table_bytes, read_table_lines

    if args.input != _STDIO:
        return (*read_table_lines(args.input, fmt=args.input_format), args.input)
    stream = sys.stdin
    if stream is None:
        raise UsageError("--input -: there is no standard input; pipe the rows in or give --input FILE")
    buffer = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    return (*read_table_bytes(data, args.input_format or "csv", _STDIN_NAME), _STDIN_NAME)


def _predict_output(args: argparse.Namespace) -> tuple[str | None, str]:
    """Where ``stance predict`` writes (a path, or None for standard output) and in which format."""
    if args.output in (None, _STDIO):
        if args.output_format:
            return None, args.output_format
        if args.input == _STDIO:
            return None, args.input_format if args.input_format in _STDOUT_FORMAT_NAMES else ("jsonl" if args.input_format else "csv")
        fmt = args.input_format or _format_of(args.input)
        return None, "jsonl" if fmt == "parquet" else fmt  # Parquet is not written to a terminal or a pipe
    fmt = _OUTPUT_FORMATS[Path(args.output).suffix.lower()]
    if args.output_format and args.output_format != fmt:
        raise UsageError(f"--output-format {args.output_format} disagrees with --output {args.output!r}, written as {fmt} by its "
                     "extension; drop --output-format or change the extension")
    return args.output, fmt


def _run_predict(args: argparse.Namespace) -> int:
    if is_predict_run(args):
        return run_predict(args)
    if args.statement is not None and args.input:
        raise UsageError("give either a statement or --input FILE, not both")
    if args.statement is None and not args.input:
        raise UsageError("give a statement to label (with --target) or --input FILE (- for standard input)")
    if args.output and args.output != _STDIO:
        if Path(args.output).suffix.lower() not in _OUTPUT_FORMATS:
            raise UsageError(f"--output {args.output!r}: unknown extension; give one of {', '.join(_OUTPUT_FORMATS)}, "
                         "or - for standard output")
        if args.input and args.input != _STDIO and Path(args.output).resolve() == Path(args.input).resolve():
            raise UsageError(f"--output {args.output!r} is the input file; write the labelled rows to another file")
    out_path, out_fmt = _predict_output(args) if args.input else (None, "jsonl")
    model = _load_model(args)
    if args.statement is not None:
        if not args.target:
            raise UsageError("a single statement needs --target")
        pred = model.predict(args.statement, args.target)
        d = pred.to_dict()
        if args.explain:
            d["explanation"] = _explain(model, args.statement, args.target)
        print(json.dumps(d, ensure_ascii=False, indent=2))
        return 0
    from stance.labelling import ColumnClashError, RowColumns, label_rows

    rows, lines, source = _read_predict_input(args)
    logger.info("read %d rows from %s", len(rows), source)
    _suggest_fast_tier(model, len(rows), args.model)
    columns = RowColumns(args.text_column, args.target_column, args.aliases_column, args.speaker_column, args.context_column)
    brief = (lambda p, als: _explain_brief(_explain(model, p.text, p.target, als))) if args.explain else None
    try:
        rows, fieldnames = label_rows(rows, model, columns=columns, target=args.target, prefix=args.prefix, source=source,
                                      lines=lines, explain=brief)
    except ColumnClashError as exc:
        raise UsageError(str(exc)) from None
    _write_rows(rows, fieldnames, out_path, out_fmt)
    if out_path and logger.isEnabledFor(logging.WARNING):
        print(f"wrote {len(rows):,} rows to {out_path}", file=sys.stderr)
    return 0


#: From this many statements on, a model with an encoder gets a note on stderr about the fast tier.
FAST_TIER_HINT_ROWS = 1000


def _suggest_fast_tier(model: Any, n: int, name: str | None) -> None:
    """Say once, on stderr, how to choose the fast tier when a model with an encoder is about to label ``n`` statements
    (``n`` at least :data:`FAST_TIER_HINT_ROWS`)."""
    if n < FAST_TIER_HINT_ROWS or not getattr(model, "uses_encoder", False):
        return
    if not logger.isEnabledFor(logging.WARNING):  # -q
        return
    fast = "--model default-linear" if name in (None, "default") else "the same model without its encoder (stance.load(path).without_encoder())"
    print(f"note: labelling {n:,} statements with the encoder, a few hundred a second on a CPU; {fast} labels thousands a "
          "second, a little less accurately (docs/any-target.md compares them)", file=sys.stderr)


def _explain(model: Any, text: str, target: str, aliases: Any = None) -> Any:
    from stance.explain import explain

    return explain(model, text, target, aliases=aliases)


def _explain_brief(e: dict[str, Any], top: int = 3) -> str:
    """``+feature (0.12); ... | -feature (-0.05); ...``: the strongest features toward and away from the label."""
    toward = "; ".join(f"+{f['feature']} ({f['contribution']:+.2f})" for f in e["toward"][:top])
    away = "; ".join(f"{f['feature']} ({f['contribution']:+.2f})" for f in e["away"][:top])
    return f"{toward} | {away}"


def _format_of(path: str) -> str:
    """The output format for ``path``'s extension (see :data:`_OUTPUT_FORMATS`); JSON lines for other inputs."""
    return _OUTPUT_FORMATS.get(Path(path).suffix.lower(), "jsonl")


def _evaluate_data(args: argparse.Namespace) -> tuple[Any, str, Any, str | None]:
    """The split to evaluate, its name, and the training split of the trained baselines with its name
    (``None, None`` when no trained baseline is asked for)."""
    from stance.corpora import load_corpus, load_file

    trained = [b for b in args.baseline if b in ("majority", "tfidf-svm")]
    if args.corpus:
        data = load_corpus(args.corpus, args.data_dir)
        if args.split not in data:
            raise UsageError(f"corpus {args.corpus!r} has no split {args.split!r}; splits: {', '.join(data)}")
        if trained and args.train_split not in data:
            raise UsageError(f"baseline {trained[0]!r} learns from a training split, and {args.corpus!r} has no split "
                         f"{args.train_split!r}; name one with --train-split (splits: {', '.join(data)})")
        train = data[args.train_split] if trained else None
        return data[args.split], args.corpus, train, f"{args.corpus}/{args.train_split}" if trained else None
    if trained and not args.train_input:
        raise UsageError(f"baseline {trained[0]!r} learns from a training set: with --input also give --train-input FILE")
    columns = dict(
        text_column=args.text_column,
        target_column=args.target_column,
        stance_column=args.stance_column,
        sentiment_column=args.sentiment_column,
        aliases_column=args.aliases_column or None,
    )
    ds = load_file(args.input, **columns)
    train = load_file(args.train_input, **columns) if trained else None
    return ds, Path(args.input).name, train, Path(args.train_input).name if trained else None


def _run_evaluate(args: argparse.Namespace) -> int:
    from stance.evaluation import evaluate_model, write_reports

    model = _load_model(args)
    ds, corpus, train, train_source = _evaluate_data(args)
    _suggest_fast_tier(model, len(ds), args.model)
    report = evaluate_model(model, ds, corpus=corpus, split=args.split, baselines=args.baseline, train=train, train_source=train_source)
    from stance.reporting import write_html

    paths = write_reports(report, args.output)
    paths.append(write_html(report, args.output))
    s = report.get("stance")
    if s:
        print(f"stance F_avg {s['f_avg']:.2f}  macro F1 {s['macro_f1']:.2f}  accuracy {s['accuracy']:.2f}  (n={s['n']:,})")
    m = report.get("sentiment")
    if m:
        print(f"sentiment macro F1 {m['macro_f1']:.2f}  accuracy {m['accuracy']:.2f}  F1 pos/neg {m['f1_pos_neg']:.2f}")
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0


def _run_analyze(args: argparse.Namespace) -> int:
    from stance.api import analyze

    aliases: dict[str, list[str]] = {}
    for spec in args.alias:
        name, sep, alias = spec.partition("=")
        if not sep or not name.strip() or not alias.strip():
            raise UsageError(f"--alias {spec!r} is not NAME=ALIAS")
        if name not in args.target:
            raise UsageError(f"--alias {spec!r} names {name!r}, which is not one of the --target values {args.target}")
        aliases.setdefault(name, []).append(alias)
    if is_analyze_run(args):
        return run_analyze(args, aliases)
    args.format = args.format or "table"
    from stance.bulk._sources import article_paths

    files = list(article_paths(args.files))  # folders and patterns: their files
    model = _load_model(args)
    failed = 0
    printed = False
    # the statement's columns in the order of stance extract and of the corpus table (stance.tidy), then the labels
    keys = ["file", "speaker", "text", "start", "end", "cue", "kind", "target", "stance", "stance_confidence", "sentiment", "sentiment_confidence", "flags"]
    csv_writer = None
    if args.format == "csv":
        csv_writer = csv.DictWriter(sys.stdout, fieldnames=keys, extrasaction="ignore")
        csv_writer.writeheader()
    # progress over the files on stderr, only when it is a terminal and the results are not (else they interleave)
    show = len(files) > 1 and sys.stderr.isatty() and not sys.stdout.isatty()
    with Progress(len(files), "analyze (files)", enabled=show) as bar:
        for path in files:
            text, err = read_article(path, "nothing to analyze")
            if text is None:
                print(f"stance analyze: {err}", file=sys.stderr)
                failed += 1
                bar.update()
                continue
            try:
                analyzed = analyze(text, args.target, aliases=aliases, model=model)
            except StanceError as exc:  # one bad article must not stop the others
                print(f"stance analyze: {path}: {exc}", file=sys.stderr)
                failed += 1
                bar.update()
                continue
            rows = [{k: r[k] for k in keys} for r in ({"file": path, **a.to_dict()} for a in analyzed)]
            # each file's rows are written as soon as it is done, so a long run shows results early and holds one file in memory
            if args.format in ("table", "summary"):
                if printed:
                    print()
                if not rows:
                    print(f"== {path}\n(no statements found)")
                elif args.format == "table":
                    _print_table(rows)
                else:
                    _print_summary(path, analyzed, aliases)
                printed = True
            elif csv_writer is not None:
                for r in rows:
                    csv_writer.writerow(_csv_cells(r))
            else:
                for r in rows:
                    sys.stdout.write(json.dumps({k: _json_value(v) for k, v in r.items()}, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            bar.update()
    return 1 if failed else 0


def _print_summary(path: str, analyzed: Sequence[Any], aliases: dict[str, list[str]] | None = None) -> None:
    """One line per speaker and target: verdict, confidence, statements per label, the statement behind it. Names are
    printed whole; the statement gets the rest of the line. A side that is not a verdict (UNCLEAR) is printed with a
    question mark and its reason below."""
    import shutil

    from stance.summary import summarize

    summary = summarize(analyzed, aliases=aliases)
    if not summary:
        print(f"== {path}\n(no speaker with a statement toward the targets other than themselves)")
        return
    width = max(80, min(shutil.get_terminal_size((100, 20)).columns, 140))
    speaker_w = max(len(s.speaker or "(no speaker named)") for s in summary)
    target_w = max(len(s.target) for s in summary)
    print(f"== {path}")
    print(f"{'speaker':<{speaker_w}}  {'target':<{target_w}}  {'verdict':<9} conf  F/A/N   statement behind it")
    for s in summary:
        mark = ("?" if s.doubt else "") + ("*" if s.mixed else "")
        head = f"{(s.speaker or '(no speaker named)'):<{speaker_w}}  {s.target:<{target_w}}  "
        head += f"{s.stance + mark:<9} {s.confidence:.2f}  {s.counts['FAVOR']}/{s.counts['AGAINST']}/{s.counts['NONE']:<3} "
        text = " ".join(s.text.split())
        room = max(20, width - len(head))
        print(head + (text if len(text) <= room else text[: room - 1] + "…"))
    doubts = sorted({s.doubt for s in summary if s.doubt})
    if doubts:
        print("? not a verdict, only a lean: " + "; or ".join(doubts) + " (read the statements: --format table)")
    if any(s.mixed for s in summary):
        print("* statements on both sides: read them (--format table)")


def _print_table(rows: list[dict[str, Any]]) -> None:
    """Each statement once (speaker, offsets, wrapped text), then one line per target with its labels."""
    if not rows:
        print("(no statements found)")
        return
    import shutil
    import textwrap

    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))
    target_w = min(28, max(len(r["target"]) for r in rows))
    last_key = None
    for r in rows:
        key = (r["file"], r["start"], r["end"])
        if key != last_key:
            if last_key is not None:
                print()
            speaker = r["speaker"] or "(no speaker named)"
            if last_key is None or key[0] != last_key[0]:
                print(f"== {r['file']}")
            print(f"{speaker}  [{r['kind']}, {r['cue'] or 'no cue'}, chars {r['start']}-{r['end']}]")
            text = " ".join(r["text"].split())
            for line in textwrap.wrap(text, width - 4, max_lines=4, placeholder=" …"):
                print(f"    {line}")
            last_key = key
        flags = f"  ({', '.join(r['flags'])})" if r["flags"] else ""
        sentiment = r["sentiment"] or "-"
        print(f"    -> {r['target'][:target_w]:<{target_w}}  {r['stance']:<7} {r['stance_confidence']:.2f}   sentiment {sentiment}{flags}")


def _analysis_line(name: str, score: Any, ci: Mapping[str, Any]) -> str:
    """One line of who stands where: the figures with their 95% intervals over articles (``ci``), and the counts."""
    return (f"{name}: precision {ci['precision']}  recall {ci['recall']}  F1 {ci['f1']}  "
            f"({score.n_matched:,} of {score.n_predicted:,} verdicts right, {score.n_gold:,} gold pairs, {len(score.articles):,} articles)")


def _run_evaluate_analysis(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from stance.analysis_eval import compare, evaluate_analysis, intervals
    from stance.corpora.seesaw import load_seesaw_articles

    data = load_seesaw_articles(args.data_dir)
    if args.split not in data:
        raise UsageError(f"corpus {args.corpus!r} has no split {args.split!r}; splits: {', '.join(data)}")
    model = _load_model(args)
    baseline = _load_model(argparse.Namespace(**{**vars(args), "model": args.baseline})) if args.baseline else None
    score = evaluate_analysis(data[args.split], model)
    ci = intervals(score)
    lines = [_analysis_line("who stands where", score, ci)]
    report: dict[str, Any] = {"corpus": args.corpus, "split": args.split, "model": args.model or "default", **score.to_dict(),
                              "intervals": {k: asdict(v) for k, v in ci.items()}}
    if baseline is not None:
        base = evaluate_analysis(data[args.split], baseline)
        base_ci, diff = intervals(base), compare(score, base)
        lines += [_analysis_line(f"baseline {args.baseline}", base, base_ci),
                  "difference, model minus baseline (95% paired bootstrap over articles): "
                  + "  ".join(f"{k} {v}" for k, v in diff.items())]
        report["baseline"] = {"model": args.baseline, **base.to_dict(), "intervals": {k: asdict(v) for k, v in base_ci.items()}}
        report["difference"] = {k: asdict(v) for k, v in diff.items()}
    print("\n".join(lines))
    if args.output:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        write_text_replacing(out / "report.json", json.dumps(report, indent=1, ensure_ascii=False) + "\n")
        md = [f"# Who stands where: {args.corpus} {args.split}, model {args.model or 'default'}", "", *[x + "  " for x in lines], "",
              "Command: `stance evaluate-analysis --corpus seesaw --split " + args.split + "`; rule: `stance.analysis_eval`."]
        write_text_replacing(out / "report.md", "\n".join(md) + "\n")
        print(f"wrote {out / 'report.json'}, {out / 'report.md'}", file=sys.stderr)
    return 0


def _run_corpora(args: argparse.Namespace) -> int:
    from stance.corpora import available_corpora

    for name, desc in available_corpora().items():
        print(f"{name:<14} {desc}")
    return 0


def _log_to_stderr(level: int) -> None:
    """The library's loggers ("stance.*") to the current stderr at ``level``, for this run of the command line (the
    handler of an earlier run in the same process is replaced; other loggers are left alone)."""
    root = logging.getLogger("stance")
    for h in [h for h in root.handlers if getattr(h, "_stance_cli", False)]:
        root.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler._stance_cli = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    verbose = args.verbose + getattr(args, "verbose_after", 0)
    quiet = args.quiet or getattr(args, "quiet_after", False)
    if quiet and verbose:
        print("stance: error: -q and -v contradict each other; give one", file=sys.stderr)
        return 2
    _log_to_stderr(logging.ERROR if quiet else logging.WARNING - 10 * min(verbose, 2))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"stance {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (`stance predict ... | head`): stop quietly; point stdout at nothing so that the
        # interpreter's final flush does not complain either
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (captured)
            pass
        return 0
    except (StanceError, OSError, ValueError) as exc:
        print(f"stance {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
