"""Label sets and the spellings accepted for them in training and evaluation data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stance.exceptions import LabelError

__all__ = ["STANCE_LABELS", "SENTIMENT_LABELS", "normalize_stance", "normalize_sentiment", "normalize_labels"]

STANCE_LABELS: tuple[str, ...] = ("FAVOR", "AGAINST", "NONE")
SENTIMENT_LABELS: tuple[str, ...] = ("positive", "negative", "neutral")

_STANCE_SPELLINGS = {
    "favor": "FAVOR", "favour": "FAVOR", "for": "FAVOR", "pro": "FAVOR", "support": "FAVOR", "supports": "FAVOR",
    "against": "AGAINST", "con": "AGAINST", "contra": "AGAINST", "oppose": "AGAINST", "opposes": "AGAINST",
    "none": "NONE", "neutral": "NONE", "neither": "NONE", "unrelated": "NONE", "no stance": "NONE",
}
_SENTIMENT_SPELLINGS = {
    "positive": "positive", "pos": "positive", "+": "positive",
    "negative": "negative", "neg": "negative", "-": "negative",
    "neutral": "neutral", "neu": "neutral", "other": "neutral", "none": "neutral", "0": "neutral",
}


def _normalize(value: object, table: dict[str, str], task: str, row: int | None) -> str:
    where = f" at row {row}" if row is not None else ""
    if not isinstance(value, str):
        raise LabelError(f"{task} label {value!r}{where} is {type(value).__name__}; expected one of {sorted(set(table.values()))}")
    key = " ".join(value.strip().lower().split())
    try:
        return table[key]
    except KeyError:
        raise LabelError(
            f"unknown {task} label {value!r}{where}; expected one of {sorted(set(table.values()))} "
            f"(accepted spellings: {', '.join(sorted(table))}); map your labels with a column mapping or fix the file"
        ) from None


def normalize_stance(value: object, row: int | None = None) -> str:
    """The canonical stance label (``FAVOR``/``AGAINST``/``NONE``) for an accepted spelling.

    Raises
    ------
    LabelError
        For any other value, naming it and the row.
    """
    return _normalize(value, _STANCE_SPELLINGS, "stance", row)


def normalize_sentiment(value: object, row: int | None = None) -> str:
    """The canonical sentiment label (``positive``/``negative``/``neutral``); SemEval's ``other`` is neutral."""
    return _normalize(value, _SENTIMENT_SPELLINGS, "sentiment", row)


def normalize_labels(values: Iterable[object], task: str) -> list[str]:
    """Normalize a column of labels for ``task`` (``"stance"`` or ``"sentiment"``), naming the first bad row."""
    fn = normalize_stance if task == "stance" else normalize_sentiment
    return [fn(v, i) for i, v in enumerate(values)]


def ordered(labels: Sequence[str], task: str) -> list[str]:
    """``labels`` in the canonical order of ``task`` (unknown ones last, sorted)."""
    canon = STANCE_LABELS if task == "stance" else SENTIMENT_LABELS
    known = [lab for lab in canon if lab in labels]
    return known + sorted(set(labels) - set(canon))
