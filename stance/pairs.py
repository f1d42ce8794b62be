"""(statement, target) pairs: the :class:`Pair` record and :func:`as_pairs`, which checks and converts what a user
passes (pairs, tuples, mappings, a string array, a DataFrame) and names the bad row and value."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from stance._frame_cells import cell_problem, check_frame, frame_aliases
from stance.exceptions import InputError

__all__ = ["Pair", "as_pairs", "pairs_of_frame", "MAX_TEXT_CHARS", "MAX_TARGET_CHARS"]

#: Statements longer than this many characters are refused (split articles with ``extract_statements``).
MAX_TEXT_CHARS = 20_000
#: The longest target a model takes, in characters.
MAX_TARGET_CHARS = 300


@dataclass(frozen=True, slots=True)
class Pair:
    """One statement and the target its stance is asked about.

    ``aliases`` are other names of the target; ``span`` optionally gives the character offsets of the
    target's mention in ``text`` (used instead of searching for the name).
    """

    text: str
    target: str
    aliases: tuple[str, ...] = ()
    span: tuple[int, int] | None = None


_set_text, _set_target, _set_aliases, _set_span = (vars(Pair)[f].__set__ for f in ("text", "target", "aliases", "span"))


def _new_pair(text: str, target: str, aliases: tuple[str, ...], span: tuple[int, int] | None) -> Pair:
    """``Pair(text, target, aliases, span)``, built in half the time: the frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__``; this sets the slots directly."""
    pair = object.__new__(Pair)
    _set_text(pair, text)
    _set_target(pair, target)
    _set_aliases(pair, aliases)
    _set_span(pair, span)
    return pair


def _check_str(value: Any, what: str, row: int, limit: int) -> str:
    if value is None:
        raise InputError(f"{what} at row {row} is None; expected a non-empty string")
    if not isinstance(value, str):
        raise InputError(f"{what} at row {row} is {type(value).__name__} {value!r:.60}; expected a string")
    if not value.strip():
        raise InputError(f"{what} at row {row} is empty or whitespace only ({value!r}); give a non-empty string")
    if len(value) > limit:
        raise InputError(
            f"{what} at row {row} has {len(value):,} characters, over the limit of {limit:,}; split long "
            "texts into statements first (stance.extract_statements) and classify those"
        )
    return value


def _check_aliases(value: Any, row: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.split("|") if v.strip()] if value.strip() else []
    if not isinstance(value, Iterable):
        raise InputError(f"aliases at row {row} is {type(value).__name__} {value!r:.60}; expected a list of strings")
    out = []
    for a in value:
        if not isinstance(a, str) or not a.strip():
            raise InputError(f"alias {a!r:.60} at row {row} is not a non-empty string")
        out.append(a)
    return tuple(out)


def _check_span(value: Any, text: str, row: int) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        s, e = (int(v) for v in value)
    except (TypeError, ValueError):
        raise InputError(f"span at row {row} is {value!r:.60}; expected (start, end) character offsets") from None
    if not 0 <= s < e <= len(text):
        raise InputError(f"span {value!r} at row {row} is outside the text of {len(text)} characters")
    return (s, e)


def _good_aliases(aliases: tuple[Any, ...], known: set[tuple[str, ...]]) -> bool:
    """Whether ``aliases`` holds only non-blank strings; a valid tuple is added to ``known``, and found there next time."""
    try:
        if aliases in known:
            return True
    except TypeError:  # an unhashable item, so not a string
        return False
    if all(type(a) is str and a and not a.isspace() for a in aliases):
        known.add(aliases)
        return True
    return False


def as_pairs(X: Any) -> list[Pair]:
    """Validate and convert input to a list of :class:`Pair`.

    Accepts a sequence of :class:`Pair`, of ``(text, target)`` / ``(text, target, aliases)`` /
    ``(text, target, aliases, span)`` tuples, of mappings with keys ``text``, ``target`` and optionally
    ``aliases`` and ``span``, a 2-column array of strings, or a pandas DataFrame with columns ``text`` and
    ``target`` and optionally ``aliases`` (:func:`stance.frames.frame_pairs`; other column names: rename them,
    or use :class:`stance.StanceClassifier`, whose column options name them).

    Raises
    ------
    InputError
        Naming the row and the value, for None, non-strings, empty or whitespace-only text or target, and
        texts over :data:`MAX_TEXT_CHARS` characters; for a numeric array or a sparse matrix.
    """
    if X is None:
        raise InputError("input is None; expected a sequence of (text, target) pairs")
    if isinstance(X, (str, bytes)):
        raise InputError(f"input is a single string {X!r:.60}; expected a sequence of (text, target) pairs")
    pandas = sys.modules.get("pandas")  # a DataFrame can only exist once pandas is imported
    if pandas is not None and isinstance(X, pandas.DataFrame):
        return pairs_of_frame(X)
    if sp.issparse(X):
        raise InputError(f"input is a scipy sparse {type(X).__name__} of shape {X.shape}: sparse (numeric) input is not supported; "
                         "expected text: (text, target) pairs of strings, or a DataFrame with 'text' and 'target' columns")
    if isinstance(X, np.ndarray):
        if X.dtype.kind not in "OUS":
            raise InputError(
                f"input is a numeric array ({X.dtype}, shape {X.shape}); expected text: (text, target) pairs of strings, "
                "or a DataFrame with 'text' and 'target' columns"
            )
        if X.ndim != 2 or X.shape[1] < 2:
            raise InputError(f"input array has shape {X.shape}; expected (n_samples, 2) of text and target")
        X = X.tolist()
    out: list[Pair] = []
    aliases: Any  # as given; checked below
    span: Any
    good_aliases: set[tuple[str, ...]] = set()  # alias tuples found valid in an earlier row
    for row, item in enumerate(X):
        if type(item) is tuple and len(item) == 4:
            # the common case (predict_batch's rows): plain strings, no aliases or a tuple of them, no span
            text, target, aliases, span = item
            if (
                type(text) is str
                and type(target) is str
                and 0 < len(text) <= MAX_TEXT_CHARS
                and 0 < len(target) <= MAX_TARGET_CHARS
                and span is None
                and (aliases is None or (type(aliases) is tuple and _good_aliases(aliases, good_aliases)))
                and not text.isspace()
                and not target.isspace()
            ):
                out.append(_new_pair(text, target, aliases or (), None))
                continue
        try:
            if isinstance(item, Pair):
                text, target, aliases, span = item.text, item.target, item.aliases, item.span
            elif isinstance(item, Mapping):
                if "text" not in item or "target" not in item:
                    raise InputError(f"row {row} lacks a 'text' or 'target' key (has {sorted(item)!r})")
                text, target = item["text"], item["target"]
                aliases, span = item.get("aliases"), item.get("span")
            elif isinstance(item, Sequence) and not isinstance(item, (str, bytes)) and 2 <= len(item) <= 4:
                text, target = item[0], item[1]
                aliases = item[2] if len(item) > 2 else None
                span = item[3] if len(item) > 3 else None
            else:
                raise InputError(f"row {row} is {type(item).__name__} {item!r:.60}; expected a (text, target) pair")
            text = _check_str(text, "text", row, MAX_TEXT_CHARS)
            target = _check_str(target, "target", row, MAX_TARGET_CHARS)
            out.append(Pair(text, target, _check_aliases(aliases, row), _check_span(span, text, row)))
        except InputError as exc:
            exc.row = row  # for callers that know where the row came from (a file's line)
            raise
    return out


def pairs_of_frame(frame: Any, *, text: str = "text", target: str = "target", aliases: str | None = "aliases") -> list[Pair]:
    """The rows of a pandas DataFrame as :class:`~stance.features.Pair` objects, in row order (for training and scoring).

    ``text`` and ``target`` name the columns of the statement and its target; ``aliases`` an optional column of
    the target's other names (lists of strings or ``|``-joined strings), read when the frame has it, as the command
    line's ``--aliases-column`` is; ``None`` never reads one.

    Raises
    ------
    InputError
        For a missing column (listing the frame's columns), and for a missing, non-string or blank statement or
        target, naming the row's index label and the column and saying what to do; the other checks are
        :func:`~stance.features.as_pairs`'s.
    """
    check_frame(frame, {"text": text, "target": target}, "frame_pairs")
    read_aliases = aliases is not None and aliases in frame.columns
    index = list(frame.index)
    texts, targets = frame[text].tolist(), frame[target].tolist()
    alias_cells = frame[aliases].tolist() if read_aliases else [None] * len(index)
    rows: list[tuple[Any, Any, tuple[str, ...] | None, None]] = []
    for label, t, g, a in zip(index, texts, targets, alias_cells):
        for role, column, value in (("text", text, t), ("target", target, g)):
            problem = cell_problem(value)
            if problem is not None:
                err = InputError(f"row {label!r}: the {role} (column {column!r}) is {problem}; fix the row or drop it first, "
                                 f"e.g. df.dropna(subset=[{column!r}])")
                err.row = len(rows)
                raise err
        rows.append((t, g, frame_aliases(a, f"row {label!r}") if read_aliases else None, None))
    try:
        return as_pairs(rows)
    except InputError as exc:
        if exc.row is None or index[exc.row] == exc.row:
            raise
        err = InputError(f"{exc} (the frame's row with index label {index[exc.row]!r})")
        err.row = exc.row
        raise err from None
