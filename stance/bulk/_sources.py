"""Reading a corpus in batches of a fixed size, in a fixed order, so that batch ``i`` is the same on every run.

Two kinds of input:

- text files, one article each: files, folders (their ``*.txt`` files, in all subfolders but hidden ones, in name
  order) and glob patterns (``'news/**/*.md'``, in name order); the id of an article is its path as given or as joined
  from the folder given;
- a table: CSV / TSV, JSON lines, Parquet, or a folder holding a partitioned Parquet dataset.

:func:`open_articles` gives batches of articles (:class:`~stance.bulk._batches.ArticleBatch`) for ``analyze``,
:func:`open_table` batches of rows (:class:`~stance.bulk._batches.RowBatch`) for ``predict``. Both stream: memory
holds one batch (and, for a glob, the sorted list of its matches; for a folder, one folder's listing at a time).
"""

from __future__ import annotations

import glob
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stance._files import read_article
from stance.bulk._batches import ArticleBatch, RowBatch
from stance.exceptions import CorpusError, InputError

__all__ = ["ArticleSource", "TableSource", "open_articles", "open_table", "is_table", "article_paths", "TABLE_SUFFIXES"]

#: File extensions read as tables (everything else given as a file is an article).
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
_GLOB_CHARS = frozenset("*?[")

_log = logging.getLogger("stance.bulk")


def _check_batch_size(batch_size: int) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch size {batch_size!r}; give a whole number of articles (or rows) per batch, from 1")
    return batch_size


def _holds_parquet(folder: Path) -> bool:
    """Whether ``folder`` is a Parquet dataset: the first ``.parquet`` or ``.txt`` file found (in name order, hidden ones
    skipped) is a Parquet file. Stops at the first such file, so a large folder of articles is not walked."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f.lower() for f in files if not f.startswith(".")):
            if name.endswith((".parquet", ".txt")):
                return name.endswith(".parquet")
    return False


def is_table(path: str) -> bool:
    """Whether ``path`` is read as a table: a file with a table extension, or a folder holding Parquet files."""
    p = Path(path)
    if p.is_dir():
        return _holds_parquet(p)
    return p.suffix.lower() in TABLE_SUFFIXES


def _walk_txt(folder: Path) -> Iterator[Path]:
    """The ``*.txt`` files under ``folder`` in name order (a folder's files, then its subfolders, each sorted), hidden
    files and folders skipped; one folder's listing in memory at a time."""
    with os.scandir(folder) as it:
        entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    for e in entries:
        if e.is_file() and e.name.lower().endswith(".txt"):
            yield Path(e.path)
    for e in entries:
        if e.is_dir():
            yield from _walk_txt(Path(e.path))


# ---------------------------------------------------------------------------------------------- text files
def article_paths(inputs: Sequence[str]) -> Iterator[str]:
    """The article files of ``inputs`` (files, folders, glob patterns; see the module docstring), in order, each path as
    given or joined from the folder given. A file that does not exist is passed on (reading it names it); a pattern
    that matches nothing raises :class:`~stance.exceptions.CorpusError`."""
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            for f in _walk_txt(p):
                yield str(f)
        elif p.exists() or not (_GLOB_CHARS & set(spec)):
            yield spec
        else:
            matches = sorted(m for m in glob.iglob(spec, recursive=True) if Path(m).is_file())
            if not matches:
                raise CorpusError(f"{spec!r} matches no file; check the pattern (quote it, so that the shell leaves it to stance)")
            yield from matches


@dataclass(frozen=True)
class _TextFiles:
    """Articles from files, folders and glob patterns (see the module docstring)."""

    inputs: tuple[str, ...]
    batch_size: int

    def paths(self) -> Iterator[str]:
        return article_paths(self.inputs)

    def settings(self) -> dict[str, Any]:
        return {"input": list(self.inputs), "format": "text files", "cwd": os.getcwd(), "batch_size": self.batch_size}

    def total(self) -> int | None:
        return sum(1 for _ in self.paths())

    def batches(self) -> Iterator[ArticleBatch]:
        index = first = 0
        ids: list[str] = []
        texts: list[str | None] = []
        reasons: list[str | None] = []
        for path in self.paths():
            text, reason = read_article(path, "nothing to analyze")
            ids.append(path)
            texts.append(text)
            reasons.append(reason)
            if len(ids) == self.batch_size:
                yield ArticleBatch(index, first, tuple(ids), tuple(texts), tuple(reasons))
                index, first = index + 1, first + len(ids)
                ids, texts, reasons = [], [], []
        if ids:
            yield ArticleBatch(index, first, tuple(ids), tuple(texts), tuple(reasons))


# ---------------------------------------------------------------------------------------------- tables
def _json_type(kinds: set[str]) -> Any:
    """The Arrow type of a JSON lines column whose values were of ``kinds``; ``None`` for text (numbers and objects
    beside text, written as their JSON)."""
    import pyarrow as pa

    kinds = kinds - {"null"}
    if kinds == {"bool"}:
        return pa.bool_()
    if kinds == {"int"}:
        return pa.int64()
    if kinds and kinds <= {"int", "float"}:
        return pa.float64()
    if kinds == {"list_str"}:
        return pa.list_(pa.string())
    return pa.string()


def _kind(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "list_str"
    return "other"


@dataclass(frozen=True)
class TableSource:
    """Rows of a table (CSV / TSV, JSON lines, Parquet file or dataset folder) in batches of ``batch_size`` rows, read in
    file order. ``columns`` keeps only those columns (all when ``None``). :meth:`schema` is the Arrow schema of every
    batch: CSV columns are text; a JSON lines column gets the one type all its values share (text when they mix types,
    non-text values then written as their JSON); Parquet keeps its own."""

    path: str
    batch_size: int
    columns: tuple[str, ...] | None = None

    @property
    def format(self) -> str:
        p = Path(self.path)
        if p.is_dir():
            return "parquet"
        try:
            return TABLE_SUFFIXES[p.suffix.lower()]
        except KeyError:
            raise CorpusError(f"{self.path}: unknown table type {p.suffix!r}; use .csv, .tsv, .jsonl, .parquet or a folder "
                              "of Parquet files") from None

    def settings(self) -> dict[str, Any]:
        return {"input": [str(Path(self.path).resolve())], "format": self.format, "batch_size": self.batch_size,
                "columns": list(self.columns) if self.columns is not None else None}

    def _open_text(self) -> Any:
        try:
            return open(self.path, encoding="utf-8-sig", newline="")
        except FileNotFoundError:
            raise CorpusError(f"input {self.path!r} does not exist; check the path") from None
        except OSError as exc:
            raise CorpusError(f"{self.path}: cannot read it ({exc.strerror or exc})") from None

    def _dataset(self) -> Any:
        import pyarrow as pa
        import pyarrow.dataset as ds

        if not Path(self.path).exists():
            raise CorpusError(f"input {self.path!r} does not exist; check the path")
        try:
            return ds.dataset(self.path, format="parquet", partitioning="hive")
        except (pa.ArrowException, OSError) as exc:
            raise CorpusError(f"{self.path}: not a readable Parquet file or dataset ({exc})") from None

    def _records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        from stance.corpora import iter_csv_records, iter_jsonl_records

        with self._open_text() as fh:
            try:
                if self.format in ("csv", "tsv"):
                    yield from iter_csv_records(fh, self.path, "\t" if self.format == "tsv" else ",")
                else:
                    yield from iter_jsonl_records(fh, self.path)
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{self.path}: not UTF-8 text ({exc.reason} at byte {exc.start}); convert it to UTF-8") from None

    def _select(self, names: Sequence[str]) -> list[str]:
        if self.columns is None:
            return list(names)
        missing = [c for c in self.columns if c not in names]
        if missing:
            raise CorpusError(f"{self.path}: no column(s) {missing}; its columns are {list(names)!r:.300}")
        return list(self.columns)

    def schema(self) -> Any:
        """The Arrow schema of the batches (a JSON lines file is read through once to find it)."""
        import pyarrow as pa

        fmt = self.format
        if fmt == "parquet":
            schema = self._dataset().schema
            return pa.schema([schema.field(n) for n in self._select(schema.names)])
        if fmt in ("csv", "tsv"):
            with self._open_text() as fh:
                header = _csv_header(fh, self.path, "\t" if fmt == "tsv" else ",")
            return pa.schema([(n, pa.string()) for n in self._select(header)])
        kinds: dict[str, set[str]] = {}
        for _, row in self._records():
            for k, v in row.items():
                kinds.setdefault(k, set()).add(_kind(v))
        fields = [pa.field(n, _json_type(kinds[n])) for n in self._select(list(kinds))]
        for f in fields:
            if pa.types.is_string(f.type) and kinds[f.name] - {"str", "null"}:
                _log.warning("%s: column %r mixes text with other JSON values; read as text (those values as their JSON)", self.path, f.name)
        return pa.schema(fields)

    def total(self) -> int | None:
        if self.format == "parquet":
            return int(self._dataset().count_rows())
        return sum(1 for _ in self._records())

    def _arrow_batches(self, schema: Any) -> Iterator[Any]:
        import pyarrow as pa

        if self.format == "parquet":
            try:
                yield from self._dataset().to_batches(columns=schema.names, batch_size=self.batch_size, use_threads=False,
                                                      batch_readahead=1, fragment_readahead=1)
            except pa.ArrowException as exc:
                raise CorpusError(f"{self.path}: cannot read it as Parquet ({exc})") from None
            return
        text_columns = {f.name for f in schema if pa.types.is_string(f.type)}
        rows: list[dict[str, Any]] = []
        for _, row in self._records():
            rows.append({n: _as_text(row.get(n)) if n in text_columns else row.get(n) for n in schema.names})
            if len(rows) == self.batch_size:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)
                rows = []
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    def batches(self, schema: Any = None) -> Iterator[RowBatch]:
        """Batches of exactly ``batch_size`` rows (the last one fewer), as tables in ``schema`` (default :meth:`schema`)."""
        import pyarrow as pa

        schema = schema if schema is not None else self.schema()
        index = first = 0
        held: list[Any] = []
        size = 0
        for rb in self._arrow_batches(schema):
            held.append(rb)
            size += rb.num_rows
            while size >= self.batch_size:
                table = pa.Table.from_batches(held, schema=schema)
                yield RowBatch(index, first, table.slice(0, self.batch_size).combine_chunks())
                rest = table.slice(self.batch_size)
                held, size = rest.to_batches(), rest.num_rows
                index, first = index + 1, first + self.batch_size
        if size:
            yield RowBatch(index, first, pa.Table.from_batches(held, schema=schema).combine_chunks())


def _as_text(v: Any) -> str | None:
    return v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _csv_header(fh: Any, path: str, delimiter: str) -> list[str]:
    import csv

    for record in csv.reader(fh, delimiter=delimiter):
        if record:
            return record
    raise CorpusError(f"{path}: the file is empty (no header line)")


@dataclass(frozen=True)
class _TableArticles:
    """Articles from the rows of a table: ids from one column (written as text), texts from another."""

    table: TableSource
    id_column: str
    text_column: str

    def settings(self) -> dict[str, Any]:
        return {**self.table.settings(), "id_column": self.id_column, "text_column": self.text_column}

    def total(self) -> int | None:
        return self.table.total()

    def batches(self) -> Iterator[ArticleBatch]:
        schema = self.table.schema()
        for b in self.table.batches(schema):
            ids = [None if v is None else str(v) for v in b.table.column(self.id_column).to_pylist()]
            texts = b.table.column(self.text_column).to_pylist()
            reasons = [None if v is not None else f"row {b.first + i}: the id ({self.id_column}) is missing" for i, v in enumerate(ids)]
            texts = [t if r is None else None for t, r in zip(texts, reasons)]
            yield ArticleBatch(b.index, b.first, tuple(ids), tuple(texts), tuple(reasons))


#: What :func:`open_articles` returns: batches of articles, the settings that identify the input, and its size.
ArticleSource = _TextFiles | _TableArticles


def open_articles(inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str], *, id_column: str = "id", text_column: str = "text",
                  batch_size: int = 100) -> ArticleSource:
    """The articles of ``inputs``: one table (see :class:`TableSource`; ``id_column`` and ``text_column`` name its
    columns), or any number of text files, folders and glob patterns."""
    _check_batch_size(batch_size)
    paths = [os.fspath(inputs)] if isinstance(inputs, (str, os.PathLike)) else [os.fspath(i) for i in inputs]
    if not paths:
        raise InputError("no input given; name text files, folders, glob patterns or one table of articles")
    tables = [i for i in paths if is_table(i)]
    if tables:
        if len(paths) > 1:
            raise InputError(f"{tables[0]!r} is a table of articles and is read alone; give one table, or text files, folders and "
                             "patterns without a table")
        if id_column == text_column:
            raise InputError(f"the id column and the text column are both {id_column!r}; name two columns")
        return _TableArticles(TableSource(tables[0], batch_size, (id_column, text_column)), id_column, text_column)
    for p in paths:
        if Path(p).is_dir() and next(_walk_txt(Path(p)), None) is None:
            raise CorpusError(f"{p} holds no .txt file (in any subfolder); for articles under other names give a quoted glob "
                              f"pattern, e.g. '{Path(p) / '**' / '*.md'}'")
    return _TextFiles(tuple(paths), batch_size)


def open_table(path: str, *, batch_size: int = 1000) -> TableSource:
    """The rows of the table ``path``, for ``predict``."""
    _check_batch_size(batch_size)
    if not is_table(path):
        raise CorpusError(f"{path}: not a table; give a .csv, .tsv, .jsonl or .parquet file, or a folder of Parquet files")
    return TableSource(os.fspath(path), batch_size)
