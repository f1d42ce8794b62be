"""The records a corpus run passes around: a batch of input, and what a worker makes of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

__all__ = ["ArticleBatch", "RowBatch", "PartResult"]


@dataclass(frozen=True)
class ArticleBatch:
    """Articles ``first`` to ``first + len(ids) - 1`` of the input (counted from 0), batch number ``index``.

    ``texts[i]`` is ``None`` when the article could not be read (or has no id, ``ids[i]`` ``None``); ``reasons[i]``
    then says why.
    """

    index: int
    first: int
    ids: tuple[str | None, ...]
    texts: tuple[str | None, ...]
    reasons: tuple[str | None, ...]

    def __len__(self) -> int:
        return len(self.ids)

    def fingerprint(self) -> str:
        """A SHA-256 of the ids and texts: a rerun checks that a finished batch still holds the same articles."""
        h = hashlib.sha256()
        for article_id, text, reason in zip(self.ids, self.texts, self.reasons):
            for part in (f"\0{article_id}" if article_id is None else article_id, f"\0{reason}" if text is None else text):
                data = part.encode("utf-8", "surrogatepass")
                h.update(len(data).to_bytes(8, "little"))
                h.update(data)
        return h.hexdigest()


@dataclass(frozen=True)
class RowBatch:
    """Rows ``first`` to ``first + table.num_rows - 1`` of an input table (a :class:`pyarrow.Table`), batch ``index``."""

    index: int
    first: int
    table: Any

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def fingerprint(self) -> str:
        """A SHA-256 of the rows (their Arrow IPC serialization)."""
        import pyarrow as pa

        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self.table.schema) as writer:
            writer.write_table(self.table.combine_chunks())
        return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


@dataclass(frozen=True)
class PartResult:
    """What a worker returns for one batch: the output rows (a :class:`pyarrow.Table` in the run's schema), how many
    input records could not be processed, and the first of their reasons."""

    table: Any
    failed: int
    first_failure: str | None
