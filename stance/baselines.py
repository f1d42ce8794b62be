"""Reference baselines scored beside the model in evaluations and comparisons.

Stance (and sentiment) baselines trained on a corpus's ``train`` split, with the same
``predict_batch`` / ``metadata`` interface as :class:`~stance.model.StanceModel`, so
:func:`stance.evaluation.evaluate_model` scores them exactly as it scores a model:

``majority``   the most frequent training label of each target (of the whole corpus for unseen targets),
               as the SemEval-2016 organisers' majority-class baseline;
``tfidf-svm``  a plain scikit-learn pipeline: TF-IDF word 1-3-grams and character 2-5-grams of the
               statement, one linear SVM over all targets.

Sentiment-only baselines (benchmark-only dependencies, ``pip install 'stancelens[bench]'``):

``vader``      VADER's compound score with its documented ±0.05 thresholds;
``textblob``   TextBlob's polarity: > 0 positive, < 0 negative, 0 neutral.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stance.exceptions import InputError, MissingDependencyError

if TYPE_CHECKING:
    from stance.model import Prediction

__all__ = [
    "vader_label",
    "vader_labels",
    "textblob_label",
    "textblob_labels",
    "run_baselines",
    "SENTIMENT_BASELINES",
    "STANCE_BASELINES",
    "BASELINES",
    "MajorityBaseline",
    "TfidfSvmBaseline",
    "train_baseline",
    "lexicon_metadata",
]

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


def textblob_label(polarity: float) -> str:
    """TextBlob's label for a polarity score: positive above 0, negative below 0, else neutral."""
    if polarity > 0:
        return "positive"
    if polarity < 0:
        return "negative"
    return "neutral"


def textblob_labels(texts: Sequence[str]) -> list[str]:
    """TextBlob (pattern analyzer) sentiment labels for ``texts``."""
    try:
        from textblob import TextBlob
    except ImportError:
        raise MissingDependencyError("the TextBlob baseline needs the textblob package: pip install 'stancelens[bench]'") from None
    return [textblob_label(TextBlob(t).sentiment.polarity) for t in texts]


SENTIMENT_BASELINES = {"vader": vader_labels, "textblob": textblob_labels}


def lexicon_metadata(name: str) -> dict[str, Any]:
    """The metadata of a sentiment lexicon baseline: nothing was trained, so no training data."""
    return {"baseline": name, "recipe": f"{name} lexicon sentiment (no stance)", "trained": False}


def run_baselines(names: Sequence[str], texts: Sequence[str], gold_sentiment: Sequence[str | None]) -> dict[str, Any]:
    """Sentiment scores of each named baseline on the rows that have a gold sentiment label."""
    from stance.scores import sentiment_scores

    idx = [i for i, g in enumerate(gold_sentiment) if g is not None]
    out = {}
    for name in names:
        if name not in SENTIMENT_BASELINES:
            raise ValueError(f"unknown baseline {name!r}; known: {sorted(SENTIMENT_BASELINES)}")
        pred = SENTIMENT_BASELINES[name]([texts[i] for i in idx])
        out[name] = sentiment_scores([g for g in gold_sentiment if g is not None], pred)
    return out


# ---------------------------------------------------------------------------------------------- trained baselines
def _training_rows(dataset: Any) -> tuple[list[str], list[str], list[str], list[str | None]]:
    cols = dataset.column_names
    rows = [
        (r["text"], r["target"], r["stance"], r.get("sentiment") if "sentiment" in cols else None)
        for r in dataset
        if r.get("stance") is not None
    ]
    if not rows:
        raise InputError("the training split has no row with a stance label; a stance baseline needs labelled statements")
    texts, targets, stance, sentiment = (list(x) for x in zip(*rows))
    return texts, targets, stance, sentiment


def _targets_of(targets: Sequence[str] | str, n: int) -> list[str]:
    if isinstance(targets, str):
        return [targets] * n
    targets = list(targets)
    if len(targets) != n:
        raise InputError(f"{n} texts but {len(targets)} targets; give one per text (or one target for all)")
    return targets


def _key(target: str) -> str:
    return " ".join(str(target).lower().split())


class _Baseline:
    """Shared interface: ``metadata``, ``stance_labels``, ``sentiment_labels``, ``predict_batch``."""

    name = "baseline"

    def __init__(self) -> None:
        self.metadata: dict[str, Any] = {}
        self.stance_labels: list[str] = []
        self.sentiment_labels: list[str] = []

    def fit(self, dataset: Any) -> _Baseline:
        """Train on a normalized training split (:mod:`stance.corpora`); returns ``self``."""
        raise NotImplementedError

    def predict_batch(self, texts: Sequence[str], targets: Sequence[str] | str, aliases: Any = None, *, spans: Any = None, progress: Any = None) -> list[Prediction]:
        """One prediction per statement, in input order."""
        raise NotImplementedError

    def predict(self, text: str, target: str, aliases: Sequence[str] | None = None) -> Prediction:
        """The prediction for one statement."""
        return self.predict_batch([text], [target])[0]

    def _predictions(self, texts: list[str], targets: list[str], stance: list[str], s_probs: list[dict[str, float]],
                     sentiment: list[str | None], m_probs: list[dict[str, float] | None]) -> list[Prediction]:
        from stance.model import Prediction

        out = []
        for i, (t, g) in enumerate(zip(texts, targets)):
            sp = s_probs[i]
            mp = m_probs[i]
            sent = sentiment[i]
            out.append(
                Prediction(
                    text=t,
                    target=g,
                    stance=stance[i],
                    stance_confidence=float(sp.get(stance[i], 0.0)) if sp else float("nan"),
                    stance_probabilities=sp,
                    sentiment=sent,
                    sentiment_confidence=(float(mp.get(sent, 0.0)) if mp and sent is not None else None),
                    sentiment_probabilities=mp,
                )
            )
        return out


class MajorityBaseline(_Baseline):
    """The most frequent training label of each target; the corpus-wide one for targets not seen in training.

    Its probabilities are the training label shares of the target, so confidence scores and calibration
    are defined. Ties go to the label first in the order FAVOR, AGAINST, NONE (positive, negative, neutral).
    """

    name = "majority"

    def fit(self, dataset: Any) -> MajorityBaseline:
        """Count the labels of a normalized training split (:mod:`stance.corpora`)."""
        from stance.labels import ordered

        texts, targets, stance, sentiment = _training_rows(dataset)
        self.stance_shares_ = self._shares(targets, stance, "stance")
        pairs = [(t, s) for t, s in zip(targets, sentiment) if s is not None]
        self.sentiment_shares_ = self._shares([p[0] for p in pairs], [p[1] for p in pairs], "sentiment") if pairs else None
        self.stance_labels = ordered(sorted(set(stance)), "stance")
        self.sentiment_labels = ordered(sorted({p[1] for p in pairs}), "sentiment") if pairs else []
        counts = Counter(stance)
        self.metadata = {
            "baseline": self.name,
            "recipe": "majority class per target",
            "fitted_on": "the stance (and sentiment) label counts of each target in the training split",
            "label_counts": {lab: counts[lab] for lab in self.stance_labels},
            "n_train": len(texts),
            "stance_labels": self.stance_labels,
            "sentiment_labels": self.sentiment_labels,
        }
        return self

    @staticmethod
    def _shares(targets: list[str], labels: list[str], task: str) -> dict[str | None, dict[str, float]]:
        from stance.labels import ordered

        out: dict[str | None, dict[str, float]] = {}
        groups: dict[str | None, list[str]] = {None: labels}
        for t, lab in zip(targets, labels):
            groups.setdefault(_key(t), []).append(lab)
        every = ordered(sorted(set(labels)), task)
        for k, labs in groups.items():
            c = Counter(labs)
            out[k] = {lab: c[lab] / len(labs) for lab in every}
        return out

    @staticmethod
    def _best(shares: dict[str, float]) -> str:
        top = max(shares.values())
        return next(lab for lab, v in shares.items() if v == top)

    def predict_batch(self, texts: Sequence[str], targets: Sequence[str] | str, aliases: Any = None, *, spans: Any = None, progress: Any = None) -> list[Prediction]:
        """One prediction per statement (the text is ignored; only the target matters)."""
        if not hasattr(self, "stance_shares_"):
            raise InputError("this majority baseline is not fitted; call fit(train_split) first")
        texts = list(texts)
        targets = _targets_of(targets, len(texts))
        s_probs = [self.stance_shares_.get(_key(t), self.stance_shares_[None]) for t in targets]
        if self.sentiment_shares_:
            m_probs: list[dict[str, float] | None] = [self.sentiment_shares_.get(_key(t), self.sentiment_shares_[None]) for t in targets]
            sentiment: list[str | None] = [self._best(p) for p in m_probs if p is not None]
        else:
            m_probs, sentiment = [None] * len(texts), [None] * len(texts)
        return self._predictions(texts, targets, [self._best(p) for p in s_probs], [dict(p) for p in s_probs], sentiment,
                                 [dict(p) if p else None for p in m_probs])


class TfidfSvmBaseline(_Baseline):
    """A plain scikit-learn pipeline: TF-IDF word 1-3-grams + character 2-5-grams (within word
    boundaries) of the statement, then one :class:`~sklearn.svm.LinearSVC` over all targets.

    The SVM has no probabilities, so its predictions carry no confidence scores.

    Parameters
    ----------
    C : float
        Regularization of the SVMs.
    """

    name = "tfidf-svm"

    def __init__(self, C: float = 1.0) -> None:
        super().__init__()
        self.C = C

    def _pipeline(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.svm import LinearSVC

        return Pipeline(
            [
                (
                    "tfidf",
                    FeatureUnion(
                        [
                            ("word", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, lowercase=True)),
                            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, lowercase=True)),
                        ]
                    ),
                ),
                ("svm", LinearSVC(C=self.C, random_state=0)),
            ]
        )

    def fit(self, dataset: Any) -> TfidfSvmBaseline:
        """Train the stance (and, when the split has sentiment labels, the sentiment) pipeline."""
        import sklearn

        from stance.labels import ordered

        texts, _targets, stance, sentiment = _training_rows(dataset)
        self.stance_pipeline_ = self._pipeline().fit(texts, stance)
        pairs = [(t, s) for t, s in zip(texts, sentiment) if s is not None]
        self.sentiment_pipeline_ = None
        if len({p[1] for p in pairs}) >= 2:
            self.sentiment_pipeline_ = self._pipeline().fit([p[0] for p in pairs], [p[1] for p in pairs])
        self.stance_labels = ordered(sorted(set(stance)), "stance")
        self.sentiment_labels = ordered(sorted({p[1] for p in pairs}), "sentiment") if self.sentiment_pipeline_ is not None else []
        self.metadata = {
            "baseline": self.name,
            "recipe": f"TF-IDF word 1-3 + char 2-5 n-grams, LinearSVC(C={self.C})",
            "n_train": len(texts),
            "stance_labels": self.stance_labels,
            "sentiment_labels": self.sentiment_labels,
            "sklearn_version": sklearn.__version__,
        }
        return self

    def predict_batch(self, texts: Sequence[str], targets: Sequence[str] | str, aliases: Any = None, *, spans: Any = None, progress: Any = None) -> list[Prediction]:
        """One prediction per statement, in input order."""
        if not hasattr(self, "stance_pipeline_"):
            raise InputError("this TF-IDF + SVM baseline is not fitted; call fit(train_split) first")
        texts = list(texts)
        targets = _targets_of(targets, len(texts))
        stance = [str(x) for x in self.stance_pipeline_.predict(texts)] if texts else []
        if self.sentiment_pipeline_ is not None and texts:
            sentiment: list[str | None] = [str(x) for x in self.sentiment_pipeline_.predict(texts)]
        else:
            sentiment = [None] * len(texts)
        empty: dict[str, float] = {}
        return self._predictions(texts, targets, stance, [empty] * len(texts), sentiment, [None] * len(texts))


STANCE_BASELINES: dict[str, type[_Baseline]] = {"majority": MajorityBaseline, "tfidf-svm": TfidfSvmBaseline}

#: Every baseline name accepted by ``stance compare --baseline``.
BASELINES: tuple[str, ...] = (*STANCE_BASELINES, *SENTIMENT_BASELINES)


def train_baseline(name: str, train: Any, *, source: str | None = None) -> _Baseline:
    """Fit the stance baseline ``name`` (``majority`` or ``tfidf-svm``) on a normalized training split.

    ``source`` names that split (such as ``"semeval2016/train"``); it is recorded as the baseline's
    training corpus in its metadata.
    """
    try:
        cls = STANCE_BASELINES[name]
    except KeyError:
        raise InputError(f"unknown stance baseline {name!r}; choose one of {', '.join(STANCE_BASELINES)}") from None
    baseline = cls().fit(train)
    if source:
        baseline.metadata["corpora"] = [source]
    return baseline
