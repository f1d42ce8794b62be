"""Where a corpus run writes: a folder (a partitioned Parquet dataset) or one file (Parquet, CSV or JSON lines; in CSV,
``flags`` is ``|``-joined, as every command writes it: :func:`stance._writers.csv_cells`).

A folder gets one Parquet file per batch, ``part-000000.parquet`` on, each written under a temporary name and
renamed when complete, beside the run's manifest (:mod:`stance.bulk._manifest`); ``pandas.read_parquet(folder)``
reads them in order. A file is made the same way in a hidden folder beside it (``.NAME.parts``), then the batches
are copied into it in order, one at a time, under a temporary name renamed when complete, and the hidden folder is
removed. An existing file is never overwritten, unless its hidden folder says it is this run's.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stance._writers import csv_cells, json_value
from stance._files import replacing
from stance.bulk._manifest import Manifest, part_name
from stance.exceptions import OutputError

__all__ = ["FolderOutput", "FileOutput", "Output", "output_at", "FILE_FORMATS"]

#: Single-file outputs by extension.
FILE_FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}


def write_part(folder: Path, index: int, table: Any) -> str:
    """Write batch ``index`` (a :class:`pyarrow.Table`) to its file in ``folder`` in one step; returns the file's name."""
    import pyarrow.parquet as pq

    name = part_name(index)
    with replacing(folder / name) as tmp:
        pq.write_table(table, str(tmp))
    return name


@dataclass(frozen=True)
class FolderOutput:
    """A partitioned Parquet dataset in ``folder``."""

    folder: Path

    @property
    def work(self) -> Path:
        return self.folder

    def start(self, settings: dict[str, Any]) -> Manifest:
        return Manifest.open(self.folder, settings)

    def finish(self, manifest: Manifest, schema: Any) -> None:
        """Nothing more to do: the batches are the dataset (an input without a record gets one empty file, so that the
        folder reads as an empty table with the columns)."""
        if not manifest.done:
            write_part(self.folder, 0, schema.empty_table())

    def __str__(self) -> str:
        return str(self.folder)


@dataclass(frozen=True)
class FileOutput:
    """One file, ``path``, in the format ``fmt`` (``parquet``, ``csv`` or ``jsonl``)."""

    path: Path
    fmt: str

    @property
    def work(self) -> Path:
        return self.path.parent / f".{self.path.name}.parts"

    def start(self, settings: dict[str, Any]) -> Manifest:
        if self.path.exists() and not self.work.exists():
            raise OutputError(f"{self.path} exists; delete it or choose another output (a file is never overwritten by a run "
                              "it does not belong to)")
        if not self.path.parent.is_dir():
            raise OutputError(f"{self.path.parent} does not exist; create the folder first, or choose another output")
        return Manifest.open(self.work, {**settings, "output": self.fmt})

    def finish(self, manifest: Manifest, schema: Any) -> None:
        """Copy the batches into the file, in order, then remove the hidden folder."""
        import pyarrow.parquet as pq

        parts = [self.work / manifest.done[i].file for i in sorted(manifest.done)]
        with replacing(self.path) as tmp:
            if self.fmt == "parquet":
                with pq.ParquetWriter(str(tmp), schema) as writer:
                    for p in parts:
                        writer.write_table(pq.read_table(p, schema=schema))
                    if not parts:
                        writer.write_table(schema.empty_table())
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    w = csv.DictWriter(fh, fieldnames=schema.names) if self.fmt == "csv" else None
                    if w is not None:
                        w.writeheader()
                    for p in parts:
                        for row in pq.read_table(p, schema=schema).to_pylist():
                            if w is not None:
                                w.writerow(csv_cells(row))
                            else:
                                fh.write(json.dumps({k: json_value(v) for k, v in row.items()}, ensure_ascii=False, allow_nan=False) + "\n")
        # out of the way in one step, then removed: a run killed meanwhile finds the file complete and no run to resume
        trash = self.work.with_name(f"{self.work.name}.{os.getpid()}.old")
        os.replace(self.work, trash)
        shutil.rmtree(trash)

    def __str__(self) -> str:
        return str(self.path)


Output = FolderOutput | FileOutput


def output_at(path: str | os.PathLike[str]) -> Output:
    """The output ``path`` names: a path ending in .parquet / .csv / .jsonl (one file), an existing folder, or a path
    without an extension (a folder, created when the run starts)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in FILE_FORMATS and not p.is_dir():
        return FileOutput(p, FILE_FORMATS[suffix])
    if p.is_dir() or not suffix:
        return FolderOutput(p)
    raise OutputError(f"output {os.fspath(path)!r}: a corpus run writes a folder (a partitioned Parquet dataset: give a name "
                      f"without an extension) or one .parquet, .csv or .jsonl file, not {suffix}; change the name")
