"""Who stands where, end to end: :func:`stance.analyze` and :func:`stance.summarize` scored against SEESAW's
(subject, polarity, object) triplets.

Per article, ``analyze`` runs with the article's Main entities as targets (a person's last name as an alias), and
every FAVOR / AGAINST verdict of ``summarize`` that has a speaker is a predicted (speaker, stance, target) (its
``verdict``: sides that fail the summary's :class:`~stance.summary.VerdictRule` are UNCLEAR and not predicted). Gold is the
article's triplets whose object is a Main entity and whose subject is a listed entity (not "None" or "Not in the
list"), with the majority polarity over its sentences (ties dropped). A predicted speaker matches a gold subject when
they share a word of three or more letters, case folded, function words and titles left out, words compared on their
first six letters ("Democrats" matches "Democratic Party"). Predictions and gold pairs are matched one to one, by
target, polarity and speaker; precision, recall and F1 are micro-averaged over all articles.

    stance evaluate-analysis --corpus seesaw --split valid [--model default-linear] [--baseline default] [--output DIR]

The uncertainty of these figures comes from the articles: :func:`intervals` resamples them (a percentile bootstrap of
the micro figures), and :func:`compare` scores two models on the same resamples (a paired bootstrap).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from stance.names import same_name

__all__ = ["AnalysisScore", "ArticleResult", "Interval", "gold_stances", "speaker_matches", "score_article", "evaluate_analysis",
           "intervals", "compare"]

_POLARITY = {"POS": "FAVOR", "NEG": "AGAINST"}


def speaker_matches(predicted: str, gold: str) -> bool:
    """Whether a predicted speaker and a gold subject share a word of three or more letters (:func:`stance.names.same_name`)."""
    return same_name(predicted, gold)


def gold_stances(entities: Sequence[dict[str, Any]], triplets: Sequence[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(subject, object) -> FAVOR or AGAINST: an article's gold pairs as the module docstring defines them."""
    listed = {e["name"] for e in entities}
    main = {e["name"] for e in entities if e["role"] == "Main"}
    votes: dict[tuple[str, str], Counter[str]] = {}
    for t in triplets:
        if t["object"] in main and t["subject"] in listed and t["subject"] != t["object"] and t["sentiment"] in _POLARITY:
            votes.setdefault((t["subject"], t["object"]), Counter())[_POLARITY[t["sentiment"]]] += 1
    out = {}
    for pair, c in votes.items():
        (top, n), *rest = c.most_common()
        if not rest or rest[0][1] < n:
            out[pair] = top
    return out


@dataclass(frozen=True)
class ArticleResult:
    """One article's predicted and gold pairs, and which matched."""

    article: str
    predicted: tuple[tuple[str, str, str], ...]  # (speaker, stance, target)
    gold: tuple[tuple[str, str, str], ...]  # (subject, stance, object)
    matched: tuple[tuple[int, int], ...]  # (index in predicted, index in gold)

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "predicted": [list(p) for p in self.predicted], "gold": [list(g) for g in self.gold],
                "matched": [list(m) for m in self.matched]}


def score_article(article: str, predicted: Iterable[tuple[str, str, str]], gold: dict[tuple[str, str], str]) -> ArticleResult:
    """Match predicted (speaker, stance, target) to gold pairs one to one (a prediction takes the first free gold pair
    with its target and stance whose subject its speaker matches)."""
    preds = tuple(predicted)
    golds = tuple((s, stance, o) for (s, o), stance in sorted(gold.items()))
    used: set[int] = set()
    matched = []
    for i, (speaker, stance, target) in enumerate(preds):
        for j, (subject, g_stance, obj) in enumerate(golds):
            if j not in used and obj == target and g_stance == stance and speaker_matches(speaker, subject):
                used.add(j)
                matched.append((i, j))
                break
    return ArticleResult(article, preds, golds, tuple(matched))


@dataclass(frozen=True)
class AnalysisScore:
    """Micro precision, recall and F1 (percent) over all articles, with the counts and each article's result."""

    precision: float
    recall: float
    f1: float
    n_predicted: int
    n_gold: int
    n_matched: int
    articles: tuple[ArticleResult, ...] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "n_predicted": self.n_predicted,
                "n_gold": self.n_gold, "n_matched": self.n_matched, "n_articles": len(self.articles),
                "articles": [a.to_dict() for a in self.articles]}


def _prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = 100.0 * matched / predicted if predicted else 0.0
    r = 100.0 * matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_analysis(articles: Any, model: Any, *, progress: bool | None = None, rule: Any = None, find_aliases: bool = True) -> AnalysisScore:
    """Score ``model`` through :func:`stance.analyze` and :func:`stance.summarize` on SEESAW article rows
    (:func:`stance.corpora.seesaw.load_seesaw_articles`), as the module docstring says. ``rule``: the summary's
    :class:`~stance.summary.VerdictRule` (default: summarize's own); ``find_aliases`` as :func:`stance.analyze` takes it."""
    from stance._progress import Progress
    from stance.api import analyze
    from stance.corpora.seesaw import entity_aliases
    from stance.summary import VerdictRule, summarize

    rule = VerdictRule() if rule is None else rule

    results = []
    with Progress(len(articles), "evaluate-analysis", enabled=progress, unit="articles") as bar:
        for row in articles:
            main = [(e["name"], e["type"]) for e in row["entities"] if e["role"] == "Main"]
            gold = gold_stances(row["entities"], row["triplets"])
            predicted: list[tuple[str, str, str]] = []
            if main:
                targets = [n for n, _ in main]
                aliases = {n: entity_aliases(n, t) for n, t in main}
                verdicts = summarize(analyze(row["text"], targets, aliases=aliases, model=model, find_aliases=find_aliases), aliases=aliases, rule=rule)
                predicted = [(str(v.speaker), v.verdict, v.target) for v in verdicts if v.speaker and v.verdict in ("FAVOR", "AGAINST")]
            results.append(score_article(row["id"], predicted, gold))
            bar.update()
    n_pred = sum(len(a.predicted) for a in results)
    n_gold = sum(len(a.gold) for a in results)
    n_match = sum(len(a.matched) for a in results)
    p, r, f = _prf(n_match, n_pred, n_gold)
    return AnalysisScore(round(p, 2), round(r, 2), round(f, 2), n_pred, n_gold, n_match, tuple(results))


#: Resamples of the articles for :func:`intervals` and :func:`compare`.
RESAMPLES = 2000


@dataclass(frozen=True)
class Interval:
    """A figure (percent, or percent points for a difference) and its percentile bootstrap interval over articles;
    ``p_value`` (two-sided, for a difference only) under no difference (the resampled differences centred on zero)."""

    value: float
    low: float
    high: float
    p_value: float | None = None

    def __str__(self) -> str:
        sign = "+" if self.p_value is not None else ""
        text = f"{self.value:{sign}.2f} [{self.low:{sign}.2f}, {self.high:{sign}.2f}]"
        return text if self.p_value is None else f"{text} p={self.p_value:.3f}"


def _counts(score: AnalysisScore) -> Any:
    import numpy as np

    return np.array([(len(a.matched), len(a.predicted), len(a.gold)) for a in score.articles], dtype=np.float64).reshape(-1, 3)


def _resampled_prf(counts: Any, idx: Any) -> Any:
    """Precision, recall and F1 (percent) of each resample of the articles ``idx``: shape (3, resamples)."""
    import numpy as np

    m, n, g = (counts[:, k][idx].sum(axis=1) for k in range(3))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, 100.0 * m / n, 0.0)
        r = np.where(g > 0, 100.0 * m / g, 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return np.stack([p, r, f])


def _bounds(interval: tuple[float | None, float | None]) -> tuple[float, float]:
    """An interval rounded to two places; every resample defines the figures here (0 for an empty count)."""
    lo, hi = interval
    assert lo is not None and hi is not None
    return round(lo, 2), round(hi, 2)


def intervals(score: AnalysisScore, *, resamples: int = RESAMPLES, confidence: float = 0.95, seed: int = 0) -> dict[str, Interval]:
    """Precision, recall and F1 of ``score`` with percentile bootstrap intervals, the articles resampled with
    replacement (the verdicts of an article stand or fall together: its speakers, its targets, its extraction)."""
    from stance.reporting.stats import _interval, resample_indices

    got = _resampled_prf(_counts(score), resample_indices(len(score.articles), resamples, seed))
    out = {}
    for k, name in enumerate(("precision", "recall", "f1")):
        out[name] = Interval(getattr(score, name), *_bounds(_interval(got[k], confidence)))
    return out


def compare(a: AnalysisScore, b: AnalysisScore, *, resamples: int = RESAMPLES, confidence: float = 0.95, seed: int = 0
            ) -> dict[str, Interval]:
    """``a`` minus ``b`` (two models scored on the same articles) in precision, recall and F1, with paired bootstrap
    intervals and two-sided p-values: both scored on the same resamples of the articles."""
    from stance.reporting.stats import _interval, paired_p_value, resample_indices

    ids_a, ids_b = [x.article for x in a.articles], [x.article for x in b.articles]
    if ids_a != ids_b:
        raise ValueError(f"the two scores cover different articles ({len(ids_a)} and {len(ids_b)}, or in another order); "
                         "score both models on the same split")
    idx = resample_indices(len(ids_a), resamples, seed)
    deltas = _resampled_prf(_counts(a), idx) - _resampled_prf(_counts(b), idx)
    out = {}
    for k, name in enumerate(("precision", "recall", "f1")):
        delta = round(getattr(a, name) - getattr(b, name), 2)
        out[name] = Interval(delta, *_bounds(_interval(deltas[k], confidence)), round(paired_p_value(deltas[k], delta, 1e-9), 4))
    return out
