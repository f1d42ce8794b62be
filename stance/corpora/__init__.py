"""Corpus loaders returning :class:`datasets.DatasetDict` objects with normalized columns.

Every loader gives splits with at least the columns ``text``, ``target``, ``stance`` (``FAVOR`` /
``AGAINST`` / ``NONE``) and ``sentiment`` (``positive`` / ``negative`` / ``neutral`` or ``None``), plus
``aliases`` (list of str) and ``span_start`` / ``span_end`` (the target mention's character offsets, or
``None``). Corpora are registered by name (:data:`REGISTRY`) for the command line.

>>> from stance.corpora import load_corpus
>>> ds = load_corpus("semeval2016")                 # doctest: +SKIP
>>> ds["test"][0]["stance"]                          # doctest: +SKIP
'AGAINST'
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from stance._frame_cells import misnamed_column
from stance.corpora._jsonl import iter_jsonl_records
from stance.corpora._paths import default_data_dir, resolve_data_dir
from stance.corpora._registry import COLUMNS, REGISTRY, _dataset, _require, _row, register
from stance.exceptions import CorpusError, LabelError
from stance.labels import normalize_sentiment, normalize_stance

__all__ = [
    "COLUMNS",
    "REGISTRY",
    "available_corpora",
    "default_data_dir",
    "load_corpus",
    "read_table_lines",
    "read_table_bytes",
    "load_file",
    "from_records",
    "from_dataset",
    "read_table",
    "iter_csv_records",
    "iter_jsonl_records",
    "TABLE_FORMATS",
]

#: SemEval-2016 targets and names they go by in tweets (used to find mentions; written for this project).
SEMEVAL2016_ALIASES: dict[str, list[str]] = {
    "Atheism": ["atheist", "atheists", "atheism"],
    "Climate Change is a Real Concern": ["climate change", "climate", "global warming", "climatechange"],
    "Feminist Movement": ["feminism", "feminist", "feminists"],
    "Hillary Clinton": ["Hillary", "Clinton", "HillaryClinton", "Hillary Rodham Clinton"],
    "Legalization of Abortion": ["abortion", "abortions", "pro-choice", "prochoice"],
    "Donald Trump": ["Trump", "Donald", "realDonaldTrump"],
}


def load_semeval2016(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """SemEval-2016 Task 6 stance: splits ``train`` (2,914), ``test`` (1,249) and ``test_trump`` (707).

    ``#SemST`` (a tag the organisers inserted, unseen by annotators) is removed; the sentiment label
    ``other`` becomes ``neutral``; ``opinion_towards`` keeps the annotation's leading number (1, 2, 3).
    """
    import datasets

    folder = _require(resolve_data_dir(data_dir) / "semeval2016_task6", "semeval2016")
    out = {}
    for split, name in (("train", "train.csv"), ("test", "test.csv"), ("test_trump", "test_trump.csv")):
        rows = []
        with open(_require(folder / name, "semeval2016"), encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh)):
                text = r["Tweet"].replace("#SemST", "").strip()
                rows.append(
                    _row(
                        text,
                        r["Target"],
                        normalize_stance(r["Stance"], i),
                        normalize_sentiment(r["Sentiment"], i),
                        SEMEVAL2016_ALIASES.get(r["Target"], []),
                        opinion_towards=r["Opinion Towards"].strip()[:1],
                    )
                )
        out[split] = _dataset(rows)
    return datasets.DatasetDict(out)


# ---------------------------------------------------------------------------------------------- registry
register("semeval2016", load_semeval2016, "SemEval-2016 Task 6 tweets, 5 targets (+ Donald Trump test); stance and sentiment")


def available_corpora() -> dict[str, str]:
    """Registered corpus names and their one-line descriptions."""
    _load_extra_loaders()
    return {k: v[1] for k, v in sorted(REGISTRY.items())}


def _load_extra_loaders() -> None:
    # loaders defined in other modules register themselves on import
    from stance.corpora import extra  # noqa: F401


def load_corpus(name: str, data_dir: str | os.PathLike[str] | None = None) -> Any:
    """Load a registered corpus by name as a :class:`datasets.DatasetDict`.

    Raises
    ------
    CorpusError
        For an unknown name (listing the known ones) or missing files (saying where they were looked for).
    """
    _load_extra_loaders()
    try:
        loader = REGISTRY[name][0]
    except KeyError:
        raise CorpusError(f"unknown corpus {name!r}; known corpora: {', '.join(sorted(REGISTRY))}") from None
    return loader(data_dir=data_dir)


# ---------------------------------------------------------------------------------------------- generic
def read_table(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Rows of a CSV, TSV, JSONL/NDJSON, JSON (list of objects) or Parquet file, as dicts, in file order.

    Raises
    ------
    CorpusError
        For a missing or unreadable file, an unknown extension, or a malformed line (naming the line).
    """
    return read_table_lines(path)[0]


#: Table formats :func:`read_table_lines` reads, by name (``fmt``) and by file extension.
TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet"}


def read_table_lines(
    path: str | os.PathLike[str], *, fmt: str | None = None
) -> tuple[list[dict[str, Any]], list[int] | None]:
    """:func:`read_table`'s rows and the line each starts on, as an editor counts them (from 1, blank lines
    included); ``None`` for JSON and Parquet files, whose rows are not lines. ``fmt`` (``csv``, ``tsv``,
    ``jsonl``, ``json`` or ``parquet``) overrides the format the extension gives."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"input file {str(path)!r} does not exist or is not a file")
    suffix = _table_suffix(path.suffix.lower(), fmt, str(path))

    def opener(encoding: str, newline: str | None = None) -> IO[str]:
        return open(path, encoding=encoding, newline=newline)

    return _read_rows(str(path), suffix, opener, lambda: path)


def read_table_bytes(data: bytes, fmt: str, name: str = "<stdin>") -> tuple[list[dict[str, Any]], list[int] | None]:
    """:func:`read_table_lines` for a table held in memory (standard input): ``data`` in the format ``fmt``
    (``csv``, ``tsv``, ``jsonl``, ``json`` or ``parquet``); errors name ``name`` where they would name the file."""
    suffix = _table_suffix("", fmt, name)

    def opener(encoding: str, newline: str | None = None) -> IO[str]:
        return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=newline)

    def source() -> Any:
        import pyarrow as pa

        return pa.BufferReader(data)

    return _read_rows(name, suffix, opener, source)


def _table_suffix(suffix: str, fmt: str | None, name: str) -> str:
    if fmt is None:
        return suffix
    for ext, f in TABLE_FORMATS.items():
        if f == fmt:
            return ext
    formats = ", ".join(dict.fromkeys(TABLE_FORMATS.values()))
    raise CorpusError(f"{name}: unknown table format {fmt!r}; use one of {formats}")


def _read_rows(
    path: str, suffix: str, opener: Callable[..., IO[str]], parquet_source: Callable[[], Any]
) -> tuple[list[dict[str, Any]], list[int] | None]:
    """The rows of the table ``opener`` opens as text (``parquet_source`` gives what pyarrow reads for Parquet);
    ``path`` names it in errors, ``suffix`` (".csv", ...) is its format."""
    try:
        if suffix in (".csv", ".tsv", ".jsonl", ".ndjson"):
            rows: list[dict[str, Any]] = []
            lines: list[int] = []
            with opener("utf-8-sig", "") as fh:
                records = iter_csv_records(fh, path, "\t" if suffix == ".tsv" else ",") if suffix in (".csv", ".tsv") else iter_jsonl_records(fh, path)
                for line, row in records:
                    rows.append(row)
                    lines.append(line)
            return rows, lines
        if suffix == ".json":
            with opener("utf-8") as fh:
                obj = json.load(fh)
            if not isinstance(obj, list) or not all(isinstance(o, dict) for o in obj):
                raise CorpusError(f"{path}: expected a JSON list of objects")
            return obj, None
        if suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            try:
                return pq.read_table(parquet_source()).to_pylist(), None
            except pa.ArrowException as exc:  # not Parquet, truncated, or a type Python cannot hold
                raise CorpusError(f"{path}: not a readable Parquet file ({exc})") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except csv.Error as exc:
        raise CorpusError(f"{path}: malformed CSV ({exc})") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read it ({exc})") from None
    raise CorpusError(f"{path}: unknown file type {suffix!r}; use .csv, .tsv, .jsonl, .json or .parquet")


def iter_csv_records(fh: IO[str], path: str, delimiter: str = ",") -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of the CSV text ``fh`` (opened with ``newline=""``) as ``(line, row)``: the line each starts on, as an
    editor counts them, and a dict by the header's names (``None`` for fields a short record lacks). ``path`` names the
    table in the :class:`~stance.exceptions.CorpusError` raised for a malformed record, a duplicate column name or an
    empty file. Streams: one record in memory at a time."""
    # strict: a quotation mark that opens a field and is not closed where the field ends is an error, not a field that
    # silently swallows the rows after it
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    start = 1  # the line the next record starts on
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record:
                continue  # a blank line
            if header is None:
                header = record
                dupes = sorted({h for h in header if header.count(h) > 1})
                if dupes:
                    raise CorpusError(f"{path}: the header names {dupes} more than once; give each column its own name")
                continue
            if len(record) > len(header):
                raise CorpusError(f"{path}: line {line} has more fields than the header ({len(header)})")
            yield line, dict(itertools.zip_longest(header, record))
    except csv.Error as exc:
        raise CorpusError(
            f"{path}: line {start}: malformed CSV ({exc}); a quotation mark there may be left open or stand inside an "
            'unquoted field: quote the whole field and double the quotation marks inside it ("")'
        ) from None
    if header is None:
        raise CorpusError(f"{path}: the file is empty (no header line)")


#: The aliases column read when the data has it; an aliases column given another name must be there.
DEFAULT_ALIASES_COLUMN = "aliases"
#: The sentiment column read when present; a sentiment column named otherwise must be present.
DEFAULT_SENTIMENT_COLUMN = "sentiment"


def from_records(
    records: Sequence[Mapping[str, Any]],
    *,
    text_column: str = "text",
    target_column: str = "target",
    stance_column: str | None = "stance",
    sentiment_column: str | None = DEFAULT_SENTIMENT_COLUMN,
    aliases_column: str | None = DEFAULT_ALIASES_COLUMN,
    source: str = "input",
    require_stance: bool = True,
    lines: Sequence[int] | None = None,
    row_labels: Sequence[Any] | None = None,
) -> Any:
    """A normalized :class:`datasets.Dataset` from dict rows, with a column mapping.

    Labels are normalized (``favor``/``pro`` -> ``FAVOR``, ``neg`` -> ``negative``...); an unknown label
    raises :class:`~stance.exceptions.LabelError` naming the value and the row. Missing columns raise
    :class:`~stance.exceptions.CorpusError` listing the columns present, and so does a row whose text or target
    is missing or not a string (rather than a number silently read as text). A sentiment column that is absent
    gives ``sentiment=None``; a sentiment or aliases column is read when present under its default name
    ("sentiment", "aliases"), and one named otherwise must be present (:class:`~stance.exceptions.CorpusError` names it); empty sentiment cells are ``None`` too, and so are empty stance cells when
    ``require_stance`` is false (otherwise they raise :class:`~stance.exceptions.LabelError` naming the row).
    ``lines``, the line of the file each record starts on (:func:`read_table_lines`), makes errors name the line
    instead of the row; ``row_labels`` (a DataFrame's index labels) name the row by its label.
    """
    if not records:
        raise CorpusError(f"{source}: no rows; a training or evaluation set needs at least one labelled statement")
    present: set[str] = set().union(*records)  # JSONL rows need not share keys: a column used by any row counts
    needed = [c for c in (text_column, target_column) if c]
    if require_stance and stance_column:
        needed.append(stance_column)
    missing = [c for c in needed if c not in present]
    if missing:
        raise CorpusError(
            f"{source}: missing column(s) {missing}; it has {sorted(present)}. Name the right ones with text_column= / "
            "target_column= / stance_column= (on the command line --text-column / --target-column / --stance-column)"
        )
    bad = misnamed_column({"aliases": (aliases_column, DEFAULT_ALIASES_COLUMN),
                           "sentiment": (sentiment_column, DEFAULT_SENTIMENT_COLUMN)}, present)
    if bad is not None:
        option, name = bad
        raise CorpusError(
            f"{source}: no {option} column {name!r}; it has {sorted(present)}. Name the right one with "
            f"{option}_column= (on the command line --{option}-column), or leave it out"
        )
    # the optional columns that are present, else None
    sent_key = sentiment_column if sentiment_column and sentiment_column in present else None
    alias_key = aliases_column if aliases_column and aliases_column in present else None
    stance_key = stance_column if stance_column and stance_column in present else None
    has_stance = stance_key is not None
    named = lines is not None or row_labels is not None  # errors name the line or the label, not the position

    def where(i: int) -> str:
        return f"line {lines[i]}" if lines is not None else f"row {row_labels[i]!r}" if row_labels is not None else f"row {i}"

    rows = []
    for i, r in enumerate(records):
        for role, column in (("text", text_column), ("target", target_column)):
            value = r.get(column)
            if value is None or not isinstance(value, str):
                problem = "is missing" if value is None else f"holds {type(value).__name__} {value!r:.40}, not a string"
                raise CorpusError(f"{source}: {where(i)}: the {role} (column {column!r}) {problem}; fill the cell or drop the row")
        stance_value = r.get(stance_key) if stance_key is not None else None
        try:
            if has_stance:
                if stance_value is None or (isinstance(stance_value, str) and not stance_value.strip()):
                    if require_stance:
                        raise LabelError(f"{source}: row {i} has no stance label (column {stance_column!r} is empty)"
                                         if not named else f"no stance label (column {stance_column!r} is empty)")
                    stance_value = None
                else:
                    stance_value = normalize_stance(str(stance_value), None if named else i)
            sent = r.get(sent_key) if sent_key is not None else None
            if isinstance(sent, str) and not sent.strip():
                sent = None
            if sent is not None:
                sent = normalize_sentiment(str(sent), None if named else i)
        except LabelError as exc:
            if not named:
                raise
            raise LabelError(f"{source}: {where(i)}: {exc}") from None
        aliases = r.get(alias_key) if alias_key is not None else None
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|") if a.strip()]
        elif aliases is not None and hasattr(aliases, "tolist"):  # a numpy array: a DataFrame read from Arrow holds lists so
            aliases = aliases.tolist()
        rows.append(_row(r.get(text_column), r.get(target_column), stance_value, sent, aliases))
    return _dataset(rows)


def load_file(path: str | os.PathLike[str], **mapping: Any) -> Any:
    """A normalized :class:`datasets.Dataset` from a CSV / TSV / JSONL / JSON / Parquet file.

    ``mapping`` takes the column options of :func:`from_records`.
    """
    rows, lines = read_table_lines(path)
    return from_records(rows, source=str(path), lines=lines, **mapping)


def from_dataset(dataset: Any, **mapping: Any) -> Any:
    """Normalize any :class:`datasets.Dataset` (or DatasetDict: each split) with a column mapping."""
    import datasets

    if isinstance(dataset, datasets.DatasetDict):
        return datasets.DatasetDict({k: from_dataset(v, **mapping) for k, v in dataset.items()})
    return from_records(dataset.to_list(), source=mapping.pop("source", "dataset"), **mapping)
