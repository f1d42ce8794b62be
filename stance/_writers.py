"""Values as JSON and as CSV cells, for every writer of the command line and of corpus runs: one convention for
all commands (a list of strings such as ``flags`` is ``|``-joined in CSV and a list in JSON, JSON lines and Parquet;
numbers at full precision)."""

from __future__ import annotations

import csv
import json
import math
import sys
from typing import Any

from stance._files import replacing

__all__ = ["OUTPUT_FORMATS", "json_value", "csv_cells", "write_rows", "write_stream", "parquet_table"]


def json_value(v: Any) -> Any:
    """A value JSON can hold: NaN and infinities as null, anything else JSON cannot hold (bytes, decimals, dates) as text."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A row for csv.DictWriter. A list of strings (``flags``, aliases) is one cell of its items joined with ``|``, the
    command line's convention for a list in CSV (an empty list is an empty cell); other lists and dicts (probabilities)
    are JSON. JSON, JSON lines and Parquet keep lists as lists."""
    return {k: _cell(v) for k, v in row.items()}


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return "|".join(v)
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(json_value(v), ensure_ascii=False)
    return v


#: Output formats by file extension.
OUTPUT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet"}


def write_rows(rows: list[dict[str, Any]], fieldnames: list[str], path: str | None, fmt: str) -> None:
    """Write ``rows`` as ``fmt``, to stdout or to ``path``. A file is written under a temporary name in its folder and
    renamed when complete, so a failure leaves an existing file as it was and never a half-written one."""
    if path is None:
        write_stream(rows, fieldnames, sys.stdout, fmt)
        return
    with replacing(path) as tmp:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(parquet_table(rows, fieldnames, path), str(tmp))
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                write_stream(rows, fieldnames, fh, fmt)


def parquet_table(rows: list[dict[str, Any]], fieldnames: list[str], path: str) -> Any:
    """The rows as an Arrow table. A column whose values Arrow cannot hold in one type (numbers beside text, as JSON
    lines input allows) is written as text, each value as its JSON text, and named on stderr; every row is kept."""
    import pyarrow as pa

    columns: dict[str, Any] = {}
    for k in fieldnames:
        values = [json_value(r.get(k)) for r in rows]
        try:
            columns[k] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            text = [None if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values]
            columns[k] = pa.array(text, type=pa.string())
            print(f"stance: {path}: column {k!r} mixes types that Parquet cannot hold in one column; written as text", file=sys.stderr)
    return pa.table(columns)


def write_stream(rows: list[dict[str, Any]], fieldnames: list[str], fh: Any, fmt: str) -> None:
    if fmt in ("csv", "tsv"):
        w = csv.DictWriter(fh, fieldnames=fieldnames, extrasaction="ignore", delimiter="\t" if fmt == "tsv" else ",")
        w.writeheader()
        for r in rows:
            w.writerow(csv_cells(r))
    elif fmt == "json":
        json.dump([{k: json_value(v) for k, v in r.items()} for r in rows], fh, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    else:
        for r in rows:
            fh.write(json.dumps({k: json_value(v) for k, v in r.items()}, ensure_ascii=False, allow_nan=False) + "\n")
