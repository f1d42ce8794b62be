"""DataFrame in, DataFrame out: :meth:`stance.StanceModel.predict_frame`.

>>> out = model.predict_frame(df, text="sentence", target="topic")          # doctest: +SKIP
>>> out[["sentence", "topic", "stance", "stance_confidence", "p_FAVOR", "p_AGAINST", "p_NONE", "flags"]]  # doctest: +SKIP

The frame comes back whole: same rows, same index, same order, its own columns first, then the prediction's. With
``errors="flag"`` a row the model cannot take (a missing text or target) keeps its place with empty labels, the flag
``invalid_input`` and the reason in ``error``; with ``errors="raise"`` (the default) it stops the batch with an
:class:`~stance.exceptions.InputError` naming the row's index label. A ``datasets.Dataset`` goes through
``Dataset.from_pandas(model.predict_frame(ds.to_pandas(), ...))``; docs/pandas.md has the ``.map(batched=True)``
one-liner.

For training and scoring, :func:`frame_pairs` reads a frame's rows as (statement, target) pairs (what
:class:`stance.StanceClassifier` and :class:`stance.StanceFeaturizer` do with a DataFrame) and :func:`frame_records`
as rows for :func:`stance.train`; there a row without a statement is an error naming its index label, since a model
cannot learn from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stance._frame_cells import check_frame as _check_frame
from stance._frame_cells import frame_aliases as _aliases
from stance._frame_cells import is_missing
from stance.exceptions import InputError

if TYPE_CHECKING:
    from stance.pairs import Pair
    from stance.model import StanceModel

__all__ = ["INVALID_INPUT", "predict_frame", "prediction_columns", "frame_pairs", "frame_records", "is_missing"]

#: Flag of a row ``errors="flag"`` kept without labels; the reason is in the ``error`` column.
INVALID_INPUT = "invalid_input"
_ERRORS = ("raise", "flag")


def _reason(text: Any, target: Any) -> str | None:
    """Why a row cannot be predicted (None when it can): each check the model makes of one row."""
    from stance.pairs import MAX_TARGET_CHARS, MAX_TEXT_CHARS

    for name, value, limit in (("text", text, MAX_TEXT_CHARS), ("target", target, MAX_TARGET_CHARS)):
        if is_missing(value):
            return f"{name} is missing"
        if not isinstance(value, str):
            return f"{name} is {type(value).__name__} {value!r:.40}, not a string"
        if not value.strip():
            return f"{name} is empty"
        if len(value) > limit:
            return f"{name} has {len(value):,} characters, over the limit of {limit:,}"
    return None


def _optional_text(value: Any, name: str, label: Any) -> str | None:
    if is_missing(value):
        return None
    if not isinstance(value, str):
        raise InputError(f"{name} at row {label!r} is {type(value).__name__} {value!r:.60}; expected a string or a missing value")
    return value


def predict_frame(
    model: StanceModel,
    frame: Any,
    *,
    text: str = "text",
    target: str = "target",
    aliases: str | None = None,
    speaker: str | None = None,
    context: str | None = None,
    errors: str = "raise",
    prefix: str = "",
    progress: bool | None = None,
) -> Any:
    """``frame`` (a pandas DataFrame, or a mapping of column lists such as a ``Dataset.map`` batch) with the predictions
    as new columns (see the module docstring).

    ``text``, ``target``, ``aliases``, ``speaker`` and ``context`` name the frame's columns (the last three optional;
    aliases as lists or ``|``-joined strings). New columns, each name after ``prefix``: ``stance``,
    ``stance_confidence``, ``p_<label>`` for each stance label, ``sentiment``, ``sentiment_confidence``, ``flags``
    (a tuple of strings) and ``error``. A new column whose name the frame already has is refused: give a ``prefix``.
    """
    import pandas as pd

    if isinstance(frame, Mapping):  # a dict of columns, or the batch datasets.Dataset.map(batched=True) hands over
        try:
            frame = pd.DataFrame(dict(frame))
        except ValueError as exc:
            raise InputError(f"the columns given to predict_frame do not make a table ({exc}); give lists of one length") from None
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"predict_frame takes a pandas DataFrame, got {type(frame).__name__}; "
                         "for a datasets.Dataset pass ds.to_pandas(), for lists use predict_batch")
    if errors not in _ERRORS:
        raise InputError(f"errors={errors!r}; give 'raise' (stop at a bad row) or 'flag' (keep it, without labels)")
    names = {"text": text, "target": target, "aliases": aliases, "speaker": speaker, "context": context}
    _check_frame(frame, names, "predict_frame")
    labels = model.stance_labels
    added = prediction_columns(labels, prefix)
    new = list(added)
    clash = [c for c in new if c in frame.columns]
    if clash:
        raise InputError(f"the frame already has columns {clash}; give predict_frame a prefix (e.g. prefix='pred_') so nothing is overwritten")

    rows: list[int] = []
    texts: list[str] = []
    targets: list[str] = []
    als: list[tuple[str, ...] | None] = []
    speakers: list[str | None] = []
    contexts: list[str | None] = []
    reasons: list[str | None] = []
    index = list(frame.index)
    columns = {role: frame[column].tolist() for role, column in names.items() if column is not None}
    for i, label in enumerate(index):
        reason = _reason(columns["text"][i], columns["target"][i])
        reasons.append(reason)
        if reason is not None:
            if errors == "raise":
                raise InputError(f"row {label!r}: {reason}; fix it, or pass errors='flag' to keep the row without labels")
            continue
        rows.append(i)
        texts.append(columns["text"][i])
        targets.append(columns["target"][i])
        als.append(_aliases(columns["aliases"][i], f"row {label!r}") if "aliases" in columns else None)
        speakers.append(_optional_text(columns["speaker"][i], "speaker", label) if "speaker" in columns else None)
        contexts.append(_optional_text(columns["context"][i], "context", label) if "context" in columns else None)

    preds = model.predict_batch(texts, targets, als if aliases is not None else None, speakers=speakers if speaker is not None else None,
                                contexts=contexts if context is not None else None, progress=progress) if rows else []
    n = len(index)
    floats = {c for c, dtype in added.items() if dtype == "float64"}
    out: dict[str, list[Any]] = {c: [float("nan") if c in floats else None] * n for c in new}
    for i, reason in enumerate(reasons):
        if reason is not None:
            out[f"{prefix}flags"][i] = (INVALID_INPUT,)
            out[f"{prefix}error"][i] = reason
    for i, p in zip(rows, preds):
        out[f"{prefix}stance"][i] = p.stance
        out[f"{prefix}stance_confidence"][i] = p.stance_confidence
        for lab in labels:
            out[f"{prefix}p_{lab}"][i] = p.stance_probabilities[lab]
        out[f"{prefix}sentiment"][i] = p.sentiment
        out[f"{prefix}sentiment_confidence"][i] = float("nan") if p.sentiment_confidence is None else p.sentiment_confidence
        out[f"{prefix}flags"][i] = tuple(p.flags)
    return frame.assign(**{c: pd.Series(v, index=frame.index, dtype=added[c]) for c, v in out.items()})


def prediction_columns(labels: Sequence[str], prefix: str = "") -> dict[str, str]:
    """The columns :func:`predict_frame` adds for a model with the stance labels ``labels``, in order, with their dtypes
    (``"float64"`` for the confidences and probabilities, ``"object"`` for the rest): the ``meta`` of a Dask dataframe
    of predictions is ``frame.iloc[:0].assign(**{c: pd.Series(dtype=d) for c, d in prediction_columns(...).items()})``."""
    numeric = ("stance_confidence", *(f"p_{lab}" for lab in labels), "sentiment_confidence")
    return {f"{prefix}{c}": "float64" if c in numeric else "object" for c in ("stance", *numeric, "sentiment", "flags", "error")}


def frame_pairs(frame: Any, *, text: str = "text", target: str = "target", aliases: str | None = "aliases") -> list[Pair]:
    """The rows of a pandas DataFrame as :class:`~stance.features.Pair` objects, in row order
    (:func:`stance.pairs.pairs_of_frame`, which says what it checks)."""
    from stance.pairs import pairs_of_frame

    return pairs_of_frame(frame, text=text, target=target, aliases=aliases)


def frame_records(frame: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """A DataFrame's rows as dicts, missing cells (NaN, None, NA) as None, and its index labels, for
    :func:`stance.corpora.from_records` (whose errors then name a row by its index label)."""
    _check_frame(frame, {}, "frame_records")
    columns = list(frame.columns)
    cells = [frame[c].tolist() for c in columns]
    records = [{c: (None if is_missing(v) else v) for c, v in zip(columns, row)} for row in zip(*cells)]
    if not columns:
        records = [{} for _ in range(len(frame))]
    return records, list(frame.index)
