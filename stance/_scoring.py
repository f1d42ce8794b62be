"""The scoring fast path of :class:`stance.model.StanceModel`: the calibrated linear heads' coefficients stacked
into one weight matrix, scored straight from the featurizer's blocks (:meth:`StanceFeaturizer._scores`) without
building the feature matrix, then calibrated as scikit-learn's ``CalibratedClassifierCV.predict_proba`` does.
``tests/unit/test_model.py`` checks that its probabilities equal scikit-learn's on the same heads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import LinearSVC

if TYPE_CHECKING:
    from stance.features import StanceFeaturizer

__all__ = ["JointScorer"]


class JointScorer:
    """The stacked linear coefficients of calibrated heads (see :meth:`StanceModel._probabilities`)."""

    def __init__(self, coefs: list[Any], parts: list[Any], weights: np.ndarray, intercepts: np.ndarray) -> None:
        self.coefs = coefs  # the estimators' coefficient objects, to notice a refit or a sparsify
        self.parts = parts  # per head: None, or its [(calibrated classifier, columns, class positions)]
        self.weights = weights  # (n_features, total classes), C order
        self.intercepts = intercepts
        self._split: tuple[Any, Any] | None = None  # (featurizer layout, the weights split by its blocks)

    @classmethod
    def build(cls, heads: list[Any]) -> JointScorer | None:
        """None unless every head is a fitted sigmoid/isotonic CalibratedClassifierCV of linear models."""
        from sklearn.preprocessing import LabelEncoder

        coefs: list[Any] = []
        blocks: list[np.ndarray] = []
        intercepts: list[np.ndarray] = []
        parts: list[list[tuple[Any, slice, np.ndarray]] | None] = []
        col = 0
        for head in heads:
            if head is None:
                parts.append(None)
                continue
            if not isinstance(head, CalibratedClassifierCV) or not getattr(head, "calibrated_classifiers_", None):
                return None
            head_parts = []
            for cc in head.calibrated_classifiers_:
                est = cc.estimator
                if type(est) is not LinearSVC or cc.method not in ("sigmoid", "isotonic"):
                    return None
                coef = est.coef_
                dense = coef.toarray() if hasattr(coef, "toarray") else np.asarray(coef)
                k = dense.shape[0]
                positions = LabelEncoder().fit(cc.classes).transform(est.classes_)
                head_parts.append((cc, slice(col, col + k), positions))
                coefs.append(coef)
                blocks.append(dense)
                intercepts.append(np.broadcast_to(np.asarray(est.intercept_, dtype=np.float64), (k,)))
                col += k
            parts.append(head_parts)
        weights = np.ascontiguousarray(np.vstack(blocks).T, dtype=np.float64)
        return cls(coefs, parts, weights, np.concatenate(intercepts))

    def current(self) -> bool:
        """Whether the heads' estimators still hold the coefficients this was built from."""
        ests = [cc.estimator for head in self.parts if head is not None for cc, _, _ in head]
        return len(ests) == len(self.coefs) and all(e.coef_ is c for e, c in zip(ests, self.coefs))

    def predict_proba(self, featurizer: StanceFeaturizer, parts: Any) -> tuple[np.ndarray, np.ndarray | None]:
        layout = featurizer.scoring_layout()
        if self._split is None or self._split[0] != layout:
            self._split = (layout, featurizer.scoring_weights(self.weights))
        scores = featurizer.score_blocks(parts, self._split[1])
        scores += self.intercepts
        out = [None if head is None else self._head_proba(head, scores) for head in self.parts]
        return out[0], out[1]  # type: ignore[return-value]

    @staticmethod
    def _head_proba(head: list[Any], scores: np.ndarray) -> np.ndarray:
        # as CalibratedClassifierCV.predict_proba: the mean of the calibrated classifiers' probabilities,
        # each computed as _CalibratedClassifier.predict_proba does from the SVM's decision values
        n = scores.shape[0]
        mean = np.zeros((n, len(head[0][0].classes)))
        for cc, cols, positions in head:
            predictions = scores[:, cols]
            n_classes = len(cc.classes)
            proba = np.zeros((n, n_classes))
            for class_idx, this_pred, calibrator in zip(positions, predictions.T, cc.calibrators):
                if n_classes == 2:
                    class_idx += 1
                proba[:, class_idx] = calibrator.predict(this_pred)
            if n_classes == 2:
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                denominator = np.sum(proba, axis=1)[:, np.newaxis]
                uniform = np.full_like(proba, 1 / n_classes)
                proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
            mean += proba
        mean /= len(head)
        return mean
