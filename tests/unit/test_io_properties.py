"""Property tests for the table readers and writers (issue 18): random tables written by ``stance predict``'s writer
(:func:`stance._writers.write_rows`, which every command's writer is) as CSV, TSV, JSONL, JSON and Parquet come back through the readers
(:func:`stance.corpora.read_table_lines`, :func:`stance.corpora.read_table_bytes`) with the same rows in the same
order, or a :class:`~stance.exceptions.CorpusError`; a writer that fails part way leaves no file and no temporary file.

What a round trip keeps, by format (the writer's documented behaviour):

* CSV/TSV hold text only: a string comes back as itself, ``None`` as ``""``, a number as its ``repr`` (NaN as ``"nan"``,
  infinity as ``"inf"``).
* JSON and JSONL keep strings, ints and finite floats; NaN and infinities are written as ``null`` (``None``).
* Parquet keeps the column's type; NaN is written as null (``None``), as in JSON.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance._writers import write_rows as _write_rows
from stance.corpora import read_table_bytes, read_table_lines
from stance.exceptions import CorpusError, StanceError

Row = dict[str, Any]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: characters that break naive CSV/JSON handling, mixed into otherwise random text
_HOSTILE = ['"', ",", "\n", "\r", "\r\n", "\t", "\x00", "\ufeff", "é", "ß", "中", "😀", "\u2028", "\\", "'", " "]

texts = st.lists(
    st.one_of(st.sampled_from(_HOSTILE), st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=6)),
    max_size=8,
).map("".join)
ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
#: NaN, infinities and -0.0 drawn often, not left to chance
floats = st.one_of(st.sampled_from([math.nan, math.inf, -math.inf, -0.0]), st.floats())
#: column names: never starting with a BOM (a reader strips one at the start of the file) and never blank-only
keys = texts.filter(lambda k: not k.startswith("\ufeff"))


def _column(kind: str) -> st.SearchStrategy[Any]:
    base = {"text": texts, "int": ints, "float": floats}[kind]
    return st.one_of(st.none(), base)


@st.composite
def tables(draw: st.DrawFn, typed_columns: bool = False) -> tuple[list[str], list[Row]]:
    """Column names and rows; with ``typed_columns`` each column holds one type (and None), as Parquet needs."""
    names = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    if typed_columns:
        kinds = [draw(st.sampled_from(["text", "int", "float"])) for _ in names]
        cells = {n: _column(k) for n, k in zip(names, kinds)}
    else:
        any_value = st.one_of(st.none(), texts, ints, floats)
        cells = {n: any_value for n in names}
    drawn = draw(st.lists(st.fixed_dictionaries(cells), max_size=12))
    return names, [{n: r[n] for n in names} for r in drawn]  # the columns in the header's order


def _as_text(v: Any) -> str:
    """What a CSV cell holding ``v`` reads back as."""
    return "" if v is None else v if isinstance(v, str) else repr(v)


def _as_json(v: Any) -> Any:
    return None if isinstance(v, float) and not math.isfinite(v) else v


EXPECT: dict[str, Callable[[Any], Any]] = {"csv": _as_text, "tsv": _as_text, "jsonl": _as_json, "json": _as_json, "parquet": _as_json}


def _same(a: Any, b: Any) -> bool:
    """Equality with NaN equal to itself (a float column read back from Parquet is a float, an int stays an int)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b)


def _assert_round_trip(names: list[str], rows: list[Row], fmt: str, got: list[Row]) -> None:
    assert len(got) == len(rows), f"{fmt}: wrote {len(rows)} rows, read {len(got)}"
    expect = EXPECT[fmt]
    for i, (sent, back) in enumerate(zip(rows, got)):
        assert list(back) == names, f"{fmt} row {i}: columns {list(back)!r}, expected {names!r}"
        for k in names:
            assert _same(back[k], expect(sent[k])), f"{fmt} row {i} column {k!r}: wrote {sent[k]!r}, read {back[k]!r}"


def _write_and_read(names: list[str], rows: list[Row], fmt: str) -> tuple[list[Row], list[int] | None, list[Row]]:
    """Write ``rows`` to a file through the library's writer; read the file by path and its bytes from memory."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"t.{fmt}"
        _write_rows(rows, names, str(path), fmt)
        assert sorted(p.name for p in Path(d).iterdir()) == [path.name], "only the output file, no temporary file"
        from_file, lines = read_table_lines(path)
        from_bytes, lines_b = read_table_bytes(path.read_bytes(), fmt)
    assert lines == lines_b
    return from_file, lines, from_bytes


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json"])
@SETTINGS
@given(table=tables())
def test_text_formats_round_trip_every_row(fmt: str, table: tuple[list[str], list[Row]]) -> None:
    names, rows = table
    got, lines, got_b = _write_and_read(names, rows, fmt)
    _assert_round_trip(names, rows, fmt, got)
    _assert_round_trip(names, rows, fmt, got_b)
    if fmt == "jsonl":
        assert lines == list(range(1, len(rows) + 1)), "one line per row, numbered as an editor numbers them"
    elif fmt in ("csv", "tsv"):
        assert lines is not None and len(lines) == len(rows)
        assert all(a < b for a, b in zip(lines, lines[1:])), f"line numbers not increasing: {lines}"
        assert not lines or lines[0] >= 2, "the first row starts after the header"


@SETTINGS
@given(table=tables(typed_columns=True))
def test_parquet_round_trips_every_row(table: tuple[list[str], list[Row]]) -> None:
    names, rows = table
    got, lines, got_b = _write_and_read(names, rows, "parquet")
    assert lines is None
    if rows:  # an empty table has no rows to carry its columns
        _assert_round_trip(names, rows, "parquet", got)
        _assert_round_trip(names, rows, "parquet", got_b)
    else:
        assert got == got_b == []


class Unwritable:
    """A cell value that cannot be serialised: turning it into text fails (as a broken ``__str__`` would)."""

    def __str__(self) -> str:
        raise RuntimeError("cannot be serialised")

    __repr__ = __str__


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "parquet"])
@SETTINGS
@given(table=tables(typed_columns=True), where=st.integers(min_value=0, max_value=50), existing=st.sampled_from([None, b"precious\n"]))
def test_a_write_that_fails_part_way_leaves_no_file_and_no_temporary_file(
    fmt: str, table: tuple[list[str], list[Row]], where: int, existing: bytes | None
) -> None:
    names, rows = table
    rows = [dict(r) for r in rows]
    bad = {k: "x" for k in names}
    bad[names[where % len(names)]] = Unwritable()
    rows.insert(where % (len(rows) + 1), bad)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"t.{fmt}"
        if existing is not None:
            path.write_bytes(existing)
        with pytest.raises(RuntimeError, match="cannot be serialised"):
            _write_rows(rows, names, str(path), fmt)
        left = sorted(p.name for p in Path(d).iterdir())
        if existing is None:
            assert left == [], f"a failed write left {left}"
        else:
            assert left == [path.name] and path.read_bytes() == existing, "a failed write changed the existing file"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json", "parquet"])
@SETTINGS
@given(data=st.one_of(st.binary(max_size=200), texts.map(lambda t: t.encode("utf-8"))))
def test_any_bytes_give_rows_or_a_corpus_error(fmt: str, data: bytes) -> None:
    """Garbage in: rows or a documented error, never a raw csv/json/pyarrow/Unicode exception."""
    try:
        rows, _ = read_table_bytes(data, fmt)
    except CorpusError:
        return
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)


@SETTINGS
@given(
    table=tables(),
    row=st.integers(min_value=0, max_value=50),
    column=st.integers(min_value=0, max_value=50),
)
def test_an_unclosed_quote_is_an_error_naming_its_line_never_a_merge(table: tuple[list[str], list[Row]], row: int, column: int) -> None:
    """A quotation mark opening a field and never closed (the rest of the file holds none) is refused, with the line
    the bad field's record starts on; the rows are never silently merged."""
    names, rows = table
    names = [f"c{i}" for i in range(len(names))]
    clean = [{k: _as_text(v).replace('"', "").replace("\r", "").replace("\n", " ").replace(",", ";") for k, v in zip(names, r.values())} for r in rows]
    clean.append({k: "last" for k in names})  # at least one row
    r, c = row % len(clean), column % len(names)
    clean[r][names[c]] = '"' + clean[r][names[c]]
    header = ",".join(names)
    body = "\n".join(",".join(rec[k] for k in names) for rec in clean)
    data = (header + "\n" + body + "\n").encode("utf-8")
    with pytest.raises(CorpusError) as err:
        read_table_bytes(data, "csv", name="t.csv")
    assert isinstance(err.value, StanceError)
    assert f"line {r + 2}" in str(err.value) and "t.csv" in str(err.value)
