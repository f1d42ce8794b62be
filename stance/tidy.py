"""The tidy table of a corpus: one row per (article, statement, target).

:func:`analyze_frame` runs :func:`stance.analyze` over a batch of articles (a pandas DataFrame, one article per row)
and returns the table; :data:`COLUMNS` and :func:`arrow_schema` say what it holds. The same function serves
``stance.dask.analyze`` (one call per Dask partition) and ``stance analyze --output`` (one call per batch).

Columns, in order:

========================  ===================================================================================
``article_id``            the article's id (a file's path for a folder of text files)
``statement``             the statement's number in its article, from 0, in document order
``speaker``               who says it, as written; missing when nobody is named
``text``                  the statement as found (``article[start:end]``)
``start``, ``end``        character offsets into the article
``cue``, ``kind``         the reporting verb or phrase (missing for a bare quote); ``direct`` / ``indirect`` / ``mixed``
``target``                the target this row labels the statement toward
``stance``                ``FAVOR`` / ``AGAINST`` / ``NONE``, and ``stance_confidence``
``sentiment``             ``positive`` / ``negative`` / ``neutral`` (missing for a model without a sentiment head),
                          and ``sentiment_confidence`` (NaN when missing)
``flags``                 reasons to distrust the row (a tuple of strings; see :class:`stance.Prediction`)
``error``                 why the article could not be analyzed (its one row then has only ``article_id``, the flag
                          ``invalid_input`` and this); missing otherwise
========================  ===================================================================================

An article without statements has no row; one that could not be analyzed has one row, with ``errors="flag"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stance.exceptions import InputError, StanceError
from stance.frames import INVALID_INPUT, is_missing

if TYPE_CHECKING:
    from stance.model import StanceModel

__all__ = ["COLUMNS", "analyze_frame", "analyze_records", "arrow_schema", "empty_frame"]

#: The columns of the tidy table, in order (see the module docstring).
COLUMNS = ("article_id", "statement", "speaker", "text", "start", "end", "cue", "kind", "target", "stance",
           "stance_confidence", "sentiment", "sentiment_confidence", "flags", "error")
_INTS = ("statement", "start", "end")
_FLOATS = ("stance_confidence", "sentiment_confidence")
_ERRORS = ("raise", "flag")


def arrow_schema(id_type: Any = None) -> Any:
    """The table's :class:`pyarrow.Schema`; ``id_type`` is the Arrow type of ``article_id`` (default: string)."""
    import pyarrow as pa

    fields = []
    for name in COLUMNS:
        if name == "article_id":
            fields.append(pa.field(name, id_type if id_type is not None else pa.string()))
        elif name in _INTS:
            fields.append(pa.field(name, pa.int64()))
        elif name in _FLOATS:
            fields.append(pa.field(name, pa.float64()))
        elif name == "flags":
            fields.append(pa.field(name, pa.list_(pa.string())))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def _reason(text: Any) -> str | None:
    if is_missing(text):
        return "text is missing"
    if not isinstance(text, str):
        return f"text is {type(text).__name__} {text!r:.40}, not a string"
    return None


def analyze_records(
    ids: Sequence[Any],
    texts: Sequence[Any],
    targets: Sequence[str],
    *,
    model: StanceModel,
    aliases: Mapping[str, Sequence[str]] | None = None,
    errors: str = "raise",
    reasons: Sequence[str | None] | None = None,
) -> dict[str, list[Any]]:
    """The table's columns (a dict of equal-length lists, in :data:`COLUMNS` order) for the articles ``texts`` with
    the ids ``ids``. ``reasons`` gives, per article, why it cannot be analyzed (found while reading it, e.g. a file
    that is not UTF-8), or ``None``. With ``errors="raise"`` the first article that cannot be analyzed raises an
    :class:`~stance.exceptions.InputError` naming its id; with ``"flag"`` it gets one row with the reason."""
    from stance.api import analyze, checked_targets

    if errors not in _ERRORS:
        raise InputError(f"errors={errors!r}; give 'raise' (stop at a bad article) or 'flag' (keep it as one row with the reason)")
    if len(ids) != len(texts) or (reasons is not None and len(reasons) != len(texts)):
        raise InputError(f"{len(ids)} ids, {len(texts)} texts and {len(reasons or texts)} reasons; give one of each per article")
    targets, aliases = checked_targets(targets, aliases)  # once for the batch, not as one error per article
    out: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for i, (article_id, text) in enumerate(zip(ids, texts)):
        reason = (reasons[i] if reasons is not None else None) or _reason(text)
        rows = None
        if reason is None:
            try:
                rows = analyze(text, targets, aliases=aliases, model=model)
            except StanceError as exc:
                reason = str(exc)
        if rows is None:
            if errors == "raise":
                raise InputError(f"article {article_id!r}: {reason}; fix it or drop it, or pass errors='flag' to keep it as a row "
                                 "with the reason")
            for c in COLUMNS:
                out[c].append(None)
            out["article_id"][-1] = article_id
            out["flags"][-1] = (INVALID_INPUT,)
            out["error"][-1] = reason
            continue
        for k, r in enumerate(rows):  # one record per (statement, target): statements in document order, targets in order
            out["article_id"].append(article_id)
            out["statement"].append(k // len(targets))
            out["speaker"].append(r.speaker)
            out["text"].append(r.text)
            out["start"].append(r.start)
            out["end"].append(r.end)
            out["cue"].append(r.cue)
            out["kind"].append(r.kind)
            out["target"].append(r.target)
            out["stance"].append(r.stance)
            out["stance_confidence"].append(r.stance_confidence)
            out["sentiment"].append(r.sentiment)
            out["sentiment_confidence"].append(r.sentiment_confidence)
            out["flags"].append(tuple(r.flags))
            out["error"].append(None)
    return out


def _frame(columns: Mapping[str, list[Any]], id_dtype: Any) -> Any:
    """The columns as a DataFrame with fixed dtypes (so that every batch, and an empty one, agree): nullable
    ``Int64`` offsets, floats with NaN for missing, pandas' own string dtype for text, tuples for flags."""
    import pandas as pd

    text = pd.Series(["x"]).dtype  # the dtype this pandas gives a column of strings (object, or str from pandas 3)
    data = {}
    for name in COLUMNS:
        values = columns[name]
        if name == "article_id":
            data[name] = pd.Series(values, dtype=id_dtype if id_dtype is not None else text)
        elif name in _INTS:
            data[name] = pd.Series(values, dtype="Int64")
        elif name in _FLOATS:
            data[name] = pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
        elif name == "flags":
            data[name] = pd.Series(values, dtype=object)
        else:
            data[name] = pd.Series(values, dtype=text)
    return pd.DataFrame(data)


def empty_frame(id_dtype: Any = None) -> Any:
    """The table with no rows: the ``meta`` of a Dask dataframe of it."""
    return _frame({c: [] for c in COLUMNS}, id_dtype)


def analyze_frame(
    frame: Any,
    targets: Sequence[str] | str,
    *,
    text: str = "text",
    id: str = "id",
    aliases: Mapping[str, Sequence[str]] | None = None,
    model: StanceModel,
    errors: str = "raise",
) -> Any:
    """The tidy table (see the module docstring) of the articles in ``frame``, a pandas DataFrame with one article
    per row: ``text`` names the column of article texts, ``id`` that of their ids (``article_id`` keeps its dtype).
    Rows come in the frame's order, then statement, then target in the given order; the index is 0..n-1."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"analyze_frame takes a pandas DataFrame of articles, got {type(frame).__name__}")
    for role, column in (("text", text), ("id", id)):
        if column not in frame.columns:
            raise InputError(f"{role} column {column!r} is not in the frame; its columns are {list(frame.columns)!r:.200}")
    targets = [targets] if isinstance(targets, str) else list(targets)
    columns = analyze_records(frame[id].tolist(), frame[text].tolist(), targets, model=model, aliases=aliases, errors=errors)
    return _frame(columns, frame[id].dtype)
