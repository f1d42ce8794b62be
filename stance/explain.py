"""Why a model chose a label: the features that pushed one prediction most toward and away from it.

Each head of a :class:`~stance.model.StanceModel` is a one-vs-rest linear SVM (wrapped in sigmoid
calibration). For the predicted label the SVM's score is ``intercept + sum_j x_j * w_j``, so the
contribution of feature ``j`` is its value in the statement times its weight in the label's row of
``coef_``. Positive contributions pushed toward the label, negative ones away from it.

>>> import stance
>>> from stance.explain import explain
>>> e = explain(stance.load(), "We stand with the president.", "the president")   # doctest: +SKIP
>>> e["label"], [f["feature"] for f in e["toward"][:2]]                           # doctest: +SKIP
('FAVOR', ['w:stand with', 'x:L:with'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from stance.exceptions import InputError, NotFittedError

__all__ = ["explain", "describe_feature", "linear_weights"]

_TARGET_SLOT = re.compile(r"^t\[(?P<target>[^\]]*)\]:(?P<rest>.*)$")

_DENSE = {
    "mention": "the target is named",
    "mention_partial": "the target is partly named",
    "mention_none": "the target is not named",
    "mention_count": "times the target is named",
    "mention_first_pos": "position of the first mention",
    "mention_in_hashtag": "the target is named in a hashtag",
    "support_near": "support word near the target",
    "support_near_negated": "negated support word near the target",
    "oppose_near": "opposition word near the target",
    "oppose_near_negated": "negated opposition word near the target",
    "positive_near": "positive word near the target",
    "negative_near": "negative word near the target",
    "positive_near_negated": "negated positive word near the target",
    "negative_near_negated": "negated negative word near the target",
    "positive_all": "positive words",
    "negative_all": "negative words",
    "positive_negated_all": "negated positive words",
    "negative_negated_all": "negated negative words",
    "first_person": "first person (I, we)",
    "length": "statement length",
}


_ROLE_KIND = {"support": "support cue", "oppose": "oppose cue", "pos": "positive word", "neg": "negative word"}


def describe_feature(name: str) -> str:
    """A readable description of a feature name from :meth:`StanceFeaturizer.get_feature_names_out`.

    >>> describe_feature("w:stand with")
    "word n-gram 'stand with'"
    >>> describe_feature("t[atheism]:d:question")
    'for target atheism: question'
    """
    m = _TARGET_SLOT.match(name)
    if m:
        return f"for target {m.group('target')}: {describe_feature(m.group('rest'))}"
    prefix, _, rest = name.partition(":")
    if prefix == "w":
        return f"word n-gram {rest!r}"
    if prefix == "neg":
        return f"negated word {rest!r}"
    if prefix == "c":
        return f"character n-gram {rest!r}"
    if prefix == "d":
        return _DENSE.get(rest, rest.replace("_", " "))
    if prefix == "x":
        side, _, word = rest.partition(":")
        if side in ("obj", "subj"):
            negated = word.startswith("neg:")
            kind = _ROLE_KIND.get(word.removeprefix("neg:"), word)
            role = "just before the target (the target is its object)" if side == "obj" else "just after the target (the target is its subject)"
            return f"{'negated ' if negated else ''}{kind} {role}"
        where = {"L": "left of", "R": "right of"}.get(side)
        return f"{word!r} just {where} the target" if where else f"near the target: {rest!r}"
    return name


def _linear(head: Any) -> Any:
    try:
        return head.calibrated_classifiers_[0].estimator
    except (AttributeError, IndexError):
        if hasattr(head, "coef_"):
            return head
        raise NotFittedError(
            f"cannot explain a {type(head).__name__} head: expected a fitted CalibratedClassifierCV around a linear model"
        ) from None


def linear_weights(head: Any, label: str) -> tuple[np.ndarray, float]:
    """The weight vector and intercept of ``label``'s one-vs-rest row of a head's linear model.

    For a binary head (one row of ``coef_``, pointing to ``classes_[1]``) the weights of ``classes_[0]``
    are the negated row.
    """
    est = _linear(head)
    classes = [str(c) for c in est.classes_]
    if label not in classes:
        raise InputError(f"label {label!r} is not one of the model's labels {classes}")
    coef = est.coef_
    coef = coef.toarray() if hasattr(coef, "toarray") else np.asarray(coef)
    intercept = np.atleast_1d(np.asarray(est.intercept_, dtype=np.float64))
    if coef.shape[0] == 1 and len(classes) == 2:
        sign = 1.0 if label == classes[1] else -1.0
        return sign * coef[0], float(sign * intercept[0])
    k = classes.index(label)
    return coef[k], float(intercept[k])


def _side(cols: np.ndarray, values: np.ndarray, weights: np.ndarray, names: np.ndarray, top: int, toward: bool) -> list[dict[str, Any]]:
    contrib = values * weights
    order = np.argsort(-contrib if toward else contrib, kind="stable")
    out = []
    for i in order[:top]:
        c = float(contrib[i])
        if (toward and c <= 0) or (not toward and c >= 0):
            break
        name = str(names[cols[i]])
        out.append(
            {
                "feature": name,
                "description": describe_feature(name),
                "value": float(values[i]),
                "weight": float(weights[i]),
                "contribution": c,
            }
        )
    return out


def _feature_names(featurizer: Any) -> np.ndarray:
    """The featurizer's output names (:meth:`StanceFeaturizer.feature_names`, computed once per fitted featurizer)."""
    return featurizer.feature_names()


def explain(
    model: Any,
    text: str,
    target: str,
    top: int = 8,
    *,
    aliases: Sequence[str] | None = None,
    task: str = "stance",
    label: str | None = None,
) -> dict[str, Any]:
    """The features that pushed a prediction most toward and away from its label.

    Parameters
    ----------
    model : StanceModel
        A trained model (``stance.load()``).
    text, target : str
        The statement and its target.
    top : int
        How many features to list on each side.
    aliases : sequence of str, optional
        Other names of the target, as for :meth:`StanceModel.predict`.
    task : {"stance", "sentiment"}
        Which head to explain.
    label : str, optional
        Explain this label instead of the predicted one.

    Returns
    -------
    dict
        ``task``, ``label`` (explained), ``predicted``, ``confidence`` (probability of ``label``),
        ``probabilities``, ``score`` (the SVM's decision value for ``label``), ``intercept``, and lists
        ``toward`` / ``away`` of ``{"feature", "description", "value", "weight", "contribution"}``, largest
        first. The contributions and the intercept add up to ``score``.

        For a model with an encoder (the default model), the figures above are the *linear head's* (its
        features are what can be listed); ``encoder_weight`` gives the encoder's share of this task for this statement and
        ``model_probabilities`` the blended probabilities the model reports. For a model without an encoder
        (or a task it has no share in), ``encoder_weight`` is 0 and ``model_probabilities`` equals
        ``probabilities``.
    """
    if top < 1:
        raise InputError(f"top={top}; ask for at least 1 feature per side")
    if task not in ("stance", "sentiment"):
        raise InputError(f"task {task!r} is not 'stance' or 'sentiment'")
    head = model.stance_head if task == "stance" else model.sentiment_head
    if head is None:
        raise InputError("this model has no sentiment head (it was trained without sentiment labels); explain task='stance'")
    from stance.features import as_pairs

    pairs = as_pairs([(text, target, tuple(aliases) if aliases else None, None)])
    X, _ = model.featurizer.transform_with_coverage(pairs)
    probs = head.predict_proba(X)[0]
    classes = [str(c) for c in head.classes_]
    predicted = classes[int(np.argmax(probs))]
    label = label or predicted
    weights, intercept = linear_weights(head, label)
    row = X.tocsr()[0]
    cols, values = row.indices, row.data.astype(np.float64)
    w = weights[cols]
    names = _feature_names(model.featurizer)
    score = float(intercept + np.dot(values, w))
    share = (float(model.stance_shares(pairs)[0]) if task == "stance" else model.encoder_sentiment_weight) if model.uses_encoder else 0.0
    blended = model._blend(probs[None, :], classes, pairs, task)[0] if share else probs
    model_probs = {c: float(p) for c, p in zip(classes, blended)}
    return {
        "encoder_weight": share,
        "model_probabilities": model_probs,
        "task": task,
        "label": label,
        "predicted": predicted,
        "confidence": float(probs[classes.index(label)]),
        "probabilities": {c: float(p) for c, p in zip(classes, probs)},
        "score": score,
        "intercept": intercept,
        "toward": _side(cols, values, w, names, top, True),
        "away": _side(cols, values, w, names, top, False),
    }
