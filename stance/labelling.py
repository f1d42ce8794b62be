"""Label the rows of a table: what ``stance predict --input FILE`` does, as a function the command line calls.

>>> rows = [{"id": 1, "text": "We back the plan.", "target": "the plan"}]
>>> labelled, columns = label_rows(rows, stance.load())                          # doctest: +SKIP
>>> labelled[0]["stance"], columns                                               # doctest: +SKIP
('FAVOR', ['id', 'text', 'target', 'stance', 'stance_confidence', 'sentiment', 'sentiment_confidence', 'flags'])

Every input row comes back, in order, as a new dict with its own columns untouched and the prediction columns added
after them (``stance``, ``stance_confidence``, ``sentiment``, ``sentiment_confidence``, ``flags``, each after
``prefix``); the rows given are not changed. A table
that already has one of those columns is refused (:class:`ColumnClashError`) rather than overwritten. For tables
that do not fit in memory, :func:`stance.bulk.predict` labels them batch by batch.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stance._frame_cells import frame_aliases, is_missing, misnamed_column
from stance.exceptions import InputError, StanceError

if TYPE_CHECKING:
    from stance.model import Prediction, StanceModel

__all__ = ["PREDICTION_COLUMNS", "RowColumns", "ColumnClashError", "label_rows"]

#: The columns the predictions add, in order (each after the prefix).
PREDICTION_COLUMNS = ("stance", "stance_confidence", "sentiment", "sentiment_confidence", "flags")


@dataclass(frozen=True)
class RowColumns:
    """Which columns of a row hold the statement, its target and the optional inputs. An optional column under its
    default name is read when present; one given another name must be present (a typo would drop it silently)."""

    text: str = "text"
    target: str = "target"
    aliases: str = "aliases"
    speaker: str = "speaker"
    context: str = "context"


def check_optional_columns(columns: RowColumns, present: Collection[str], source: str) -> None:
    """Raise :class:`~stance.exceptions.StanceError` when an optional column given another name than its default
    (aliases, speaker, context) is not among the ``present`` columns of ``source``."""
    defaults = RowColumns()
    bad = misnamed_column({o: (getattr(columns, o), getattr(defaults, o)) for o in ("aliases", "speaker", "context")}, present)
    if bad is not None:
        option, name = bad
        raise StanceError(f"{source}: no {option} column {name!r} (columns: {sorted(present)}); name the right one with "
                          f"--{option}-column ({option}_column=), or leave it out")


class ColumnClashError(InputError):
    """The table already has a column the predictions would add; name the added columns with another prefix."""


def label_rows(
    rows: Sequence[dict[str, Any]],
    model: StanceModel,
    *,
    columns: RowColumns = RowColumns(),
    target: str | None = None,
    prefix: str = "",
    source: str = "the rows",
    lines: Sequence[int] | None = None,
    explain: Callable[[Prediction, list[str] | None], Any] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Label every row toward its target; returns new rows (copies of the given dicts with the prediction columns
    added; the given rows are not changed) and the output's column names (the input's, in first-seen order, then the
    added ones).

    ``target`` labels every row toward one target when the table has no target column. ``source`` and ``lines`` (the
    line each row starts on in its file) name a bad row in errors. ``explain(prediction, aliases)``, when given, fills
    an ``explanation`` column.

    Raises
    ------
    StanceError
        For an empty table, or a text or target column that is not there (listing the columns there are).
    ColumnClashError
        When the table already has a column the predictions would add.
    InputError
        For a row the model cannot take, naming its line (or row) and saying what to do.
    """
    rows = list(rows)
    if not rows:
        raise StanceError(f"{source}: no rows to label")
    input_columns = list(dict.fromkeys(k for r in rows for k in r))  # JSON lines rows need not share keys
    present = set(input_columns)
    if columns.text not in present:
        raise StanceError(f"{source}: no column {columns.text!r} (columns: {sorted(present)}); name it with --text-column (text_column=)")
    if columns.target not in present and not target:
        raise StanceError(f"{source}: no column {columns.target!r} (columns: {sorted(present)}); "
                          "name it with --target-column or give one --target for every row")
    check_optional_columns(columns, present, source)
    added = [prefix + c for c in (*PREDICTION_COLUMNS, *(("explanation",) if explain else ()))]
    clash = [c for c in added if c in present]
    if clash:
        raise ColumnClashError(f"{source} already has column(s) {clash}, which the predictions would overwrite; "
                               "pass --prefix pred_ (or another prefix) to name the added columns differently")
    texts: list[Any] = [r.get(columns.text) for r in rows]  # checked by predict_batch, which names a bad row
    targets: list[Any] = [r.get(columns.target) if columns.target in present else target for r in rows]
    aliases = None
    if columns.aliases in present:
        aliases = [list(frame_aliases(r.get(columns.aliases), _where(i, lines)) or ()) for i, r in enumerate(rows)]
    speakers = _optional(rows, columns.speaker) if columns.speaker in present else None
    contexts = _optional(rows, columns.context) if columns.context in present else None
    try:
        preds = model.predict_batch(texts, targets, aliases, speakers=speakers, contexts=contexts)
    except InputError as exc:
        if exc.row is None:
            raise
        raise InputError(f"{source}: {_where(exc.row, lines)}: {exc} (rows counted from 0 after the header and blank lines); "
                         "fix or drop that row") from None
    out = []
    for i, (r, p) in enumerate(zip(rows, preds)):
        row = dict(r)  # the caller's rows stay as they were
        row[prefix + "stance"] = p.stance
        row[prefix + "stance_confidence"] = p.stance_confidence
        row[prefix + "sentiment"] = p.sentiment
        row[prefix + "sentiment_confidence"] = p.sentiment_confidence
        row[prefix + "flags"] = list(p.flags)  # "|"-joined in CSV, a list in JSON, JSON lines and Parquet
        if explain:
            row[prefix + "explanation"] = explain(p, aliases[i] if aliases else None)
        out.append(row)
    return out, input_columns + added


def _where(i: int, lines: Sequence[int] | None) -> str:
    return f"line {lines[i]}" if lines is not None else f"row {i + 1}"


def _optional(rows: Sequence[dict[str, Any]], column: str) -> list[str | None]:
    return [None if is_missing(r.get(column)) else str(r.get(column)) for r in rows]
