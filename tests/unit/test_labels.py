"""Label normalization: accepted spellings, canonical order, and errors that name the value and row."""

from __future__ import annotations

import pytest

from stance.exceptions import CorpusError, LabelError
from stance.labels import (
    SENTIMENT_LABELS,
    STANCE_LABELS,
    normalize_labels,
    normalize_sentiment,
    normalize_stance,
    ordered,
)


def test_label_sets() -> None:
    assert STANCE_LABELS == ("FAVOR", "AGAINST", "NONE")
    assert SENTIMENT_LABELS == ("positive", "negative", "neutral")


@pytest.mark.parametrize(
    ("raw", "canon"),
    [
        ("FAVOR", "FAVOR"), ("favor", "FAVOR"), ("Favour", "FAVOR"), ("pro", "FAVOR"), ("  support ", "FAVOR"),
        ("AGAINST", "AGAINST"), ("against", "AGAINST"), ("Con", "AGAINST"), ("oppose", "AGAINST"),
        ("NONE", "NONE"), ("none", "NONE"), ("neutral", "NONE"), ("No   Stance", "NONE"), ("unrelated", "NONE"),
    ],
)
def test_stance_spellings(raw: str, canon: str) -> None:
    assert normalize_stance(raw) == canon


@pytest.mark.parametrize(
    ("raw", "canon"),
    [
        ("positive", "positive"), ("POS", "positive"), ("+", "positive"),
        ("negative", "negative"), ("Neg", "negative"), ("-", "negative"),
        ("neutral", "neutral"), ("other", "neutral"), ("none", "neutral"), ("0", "neutral"), (" NEU ", "neutral"),
    ],
)
def test_sentiment_spellings(raw: str, canon: str) -> None:
    assert normalize_sentiment(raw) == canon


def test_every_canonical_label_maps_to_itself() -> None:
    assert [normalize_stance(x) for x in STANCE_LABELS] == list(STANCE_LABELS)
    assert [normalize_sentiment(x) for x in SENTIMENT_LABELS] == list(SENTIMENT_LABELS)


@pytest.mark.parametrize("bad", ["maybe", "", "FAVOR!", "positive"])
def test_unknown_stance_label_names_value_and_row(bad: str) -> None:
    with pytest.raises(LabelError) as info:
        normalize_stance(bad, 7)
    msg = str(info.value)
    assert repr(bad) in msg
    assert "row 7" in msg
    assert "FAVOR" in msg and "AGAINST" in msg and "NONE" in msg


def test_unknown_sentiment_label_names_value_and_row() -> None:
    with pytest.raises(LabelError, match=r"'ecstatic' at row 3"):
        normalize_sentiment("ecstatic", 3)


@pytest.mark.parametrize("bad", [None, 1, 2.0, ["FAVOR"]])
def test_non_string_label(bad) -> None:
    with pytest.raises(LabelError, match="row 0"):
        normalize_stance(bad, 0)


def test_label_error_without_row_does_not_invent_one() -> None:
    with pytest.raises(LabelError) as info:
        normalize_stance("maybe")
    assert "row" not in str(info.value).split(";")[0]


def test_label_error_is_a_corpus_error() -> None:
    assert issubclass(LabelError, CorpusError)
    assert issubclass(LabelError, ValueError)


def test_normalize_labels_column() -> None:
    assert normalize_labels(["pro", "con", "none"], "stance") == ["FAVOR", "AGAINST", "NONE"]
    assert normalize_labels(["pos", "neg", "other"], "sentiment") == ["positive", "negative", "neutral"]
    with pytest.raises(LabelError, match="row 2"):
        normalize_labels(["pro", "con", "perhaps", "also bad"], "stance")


def test_ordered_uses_canonical_order_then_unknowns_sorted() -> None:
    assert ordered(["NONE", "FAVOR", "AGAINST"], "stance") == ["FAVOR", "AGAINST", "NONE"]
    assert ordered(["NONE", "AGAINST"], "stance") == ["AGAINST", "NONE"]
    assert ordered(["neutral", "zeta", "positive", "alpha"], "sentiment") == ["positive", "neutral", "alpha", "zeta"]
