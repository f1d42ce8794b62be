"""Reference baselines scored beside the model in evaluations (benchmark-only dependencies)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stance.exceptions import MissingDependencyError

__all__ = ["vader_label", "vader_labels", "run_baselines", "SENTIMENT_BASELINES"]

#: VADER's documented thresholds on the compound score.
VADER_THRESHOLD = 0.05


def _vader() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise MissingDependencyError(
            "the VADER baseline needs the vaderSentiment package: pip install 'stancelens[bench]'"
        ) from None
    return SentimentIntensityAnalyzer()


def vader_label(compound: float) -> str:
    """VADER's label for a compound score: positive >= 0.05, negative <= -0.05, else neutral."""
    if compound >= VADER_THRESHOLD:
        return "positive"
    if compound <= -VADER_THRESHOLD:
        return "negative"
    return "neutral"


def vader_labels(texts: Sequence[str]) -> list[str]:
    """VADER sentiment labels for ``texts``."""
    analyzer = _vader()
    return [vader_label(analyzer.polarity_scores(t)["compound"]) for t in texts]


SENTIMENT_BASELINES = {"vader": vader_labels}


def run_baselines(names: Sequence[str], texts: Sequence[str], gold_sentiment: Sequence[str | None]) -> dict[str, Any]:
    """Sentiment scores of each named baseline on the rows that have a gold sentiment label."""
    from stance.evaluation import sentiment_scores

    idx = [i for i, g in enumerate(gold_sentiment) if g is not None]
    out = {}
    for name in names:
        if name not in SENTIMENT_BASELINES:
            raise ValueError(f"unknown baseline {name!r}; known: {sorted(SENTIMENT_BASELINES)}")
        pred = SENTIMENT_BASELINES[name]([texts[i] for i in idx])
        out[name] = sentiment_scores([gold_sentiment[i] for i in idx], pred)  # type: ignore[misc]
    return out
