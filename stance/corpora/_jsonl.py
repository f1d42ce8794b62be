"""Reading JSON lines records with errors that name the file and the line (shared by the corpus loaders and the
table readers, in a module of its own so that ``stance.corpora`` and its loaders do not import each other)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from stance.exceptions import CorpusError

__all__ = ["iter_jsonl_records"]


def iter_jsonl_records(fh: IO[str], path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of the JSON lines text ``fh`` as ``(line, object)``, blank lines skipped; a line that is not a JSON
    object raises :class:`~stance.exceptions.CorpusError` naming ``path`` and the line. Streams."""
    for n, text in enumerate(fh, 1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}: line {n} is not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise CorpusError(f"{path}: line {n} is a JSON {type(obj).__name__}, expected an object")
        yield n, obj
