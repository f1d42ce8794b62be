"""Reading a pandas DataFrame's cells: missing values, the columns a caller names, a row's aliases. Shared by
:mod:`stance.pairs` (a DataFrame given as statements) and :mod:`stance.frames` (predict_frame), and importing
neither, so that the two do not import each other."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from stance.exceptions import InputError

__all__ = ["is_missing", "check_frame", "frame_aliases", "cell_problem", "misnamed_column"]


def is_missing(value: Any) -> bool:
    """Whether a cell holds no value: None, NaN, or pandas' NA / NaT (a nullable or string column's missing value)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def check_frame(frame: Any, columns: Mapping[str, str | None], caller: str) -> None:
    """:class:`InputError` unless ``frame`` is a DataFrame with unique column names holding every named column
    (``columns`` maps each role, e.g. ``"text"``, to its column name, or None when the role is not wanted)."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{caller} takes a pandas DataFrame, got {type(frame).__name__}")
    if not frame.columns.is_unique:
        dupes = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise InputError(f"the frame has columns named more than once: {dupes}; give each column its own name")
    for role, column in columns.items():
        if column is not None and column not in frame.columns:
            hint = " (for one target for every row: df.assign(target='...'))" if role == "target" else ""
            raise InputError(f"{role} column {column!r} is not in the frame; its columns are {list(frame.columns)!r:.200}{hint}")


def misnamed_column(chosen: Mapping[str, tuple[str | None, str]], present: Collection[str]) -> tuple[str, str] | None:
    """The first optional column of ``chosen`` (option -> (the name given, its default name)) that is named otherwise
    than its default and absent from ``present``, as (option, name); None when there is none. Under its default name
    an optional column is read when present; a name the caller chose must be there, or a typo would drop the column's
    every value without a word."""
    for option, (name, default) in chosen.items():
        if name and name != default and name not in present:
            return option, name
    return None


def frame_aliases(value: Any, where: str) -> tuple[str, ...] | None:
    """A row's aliases: a list of strings, a ``|``-joined string, or missing; ``where`` names the row in an error
    ("row 'a7'", "line 7")."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split("|") if a.strip())
    if isinstance(value, Sequence) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        if all(isinstance(a, str) for a in items):
            return tuple(items)
    raise InputError(f"aliases at {where} is {value!r:.60}; give a list of strings or one string joined with '|'")


def cell_problem(value: Any) -> str | None:
    """What is wrong with a statement or target cell, or None."""
    if is_missing(value):
        return "missing"
    if not isinstance(value, str):
        return f"{type(value).__name__} {value!r:.40}, not a string"
    if not value.strip():
        return f"blank ({value!r})"
    return None
