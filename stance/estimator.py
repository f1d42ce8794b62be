"""The whole stance model as a scikit-learn classifier: :class:`StanceClassifier`.

>>> from sklearn.model_selection import GridSearchCV
>>> search = GridSearchCV(StanceClassifier(), {"C": [0.1, 0.3, 1.0]}, cv=5)      # doctest: +SKIP
>>> search.fit(df, df["stance"])                                                    # doctest: +SKIP

It trains through :meth:`stance.StanceModel.fit` (the featurizer and the calibrated stance head, as
:func:`stance.train` does) and keeps the model as ``model_``; ``clone``, ``Pipeline``, ``GridSearchCV`` and
``cross_val_score`` work on it because ``__init__`` only stores its parameters.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from stance._config import positive_number
from stance.exceptions import ConfigError, InputError, LabelError, NotFittedError
from stance.features import Pair, StanceFeaturizer, as_pairs
from stance.labels import STANCE_LABELS, normalize_stance
from stance.model import StanceModel, TrainConfig

__all__ = ["StanceClassifier"]

_DEFAULTS = TrainConfig()


class StanceClassifier(ClassifierMixin, BaseEstimator):
    """Stance (FAVOR / AGAINST / NONE) of statements toward targets, as a scikit-learn classifier.

    Parameters
    ----------
    C : float, default=0.3
        Regularization of the stance head's linear SVM (:attr:`TrainConfig.stance_C`); smaller is stronger.
    class_weight : "balanced", dict or None, default="balanced"
        Weights of the labels in the SVM (:attr:`TrainConfig.class_weight`).
    calibration_folds : int, default=5
        Folds of the sigmoid calibration that turns SVM scores into probabilities (fewer when a label has
        fewer rows).
    random_state : int, default=0
        Seed of the SVM and of the calibration folds.
    featurizer : StanceFeaturizer or None, default=None
        The feature settings, as an unfitted :class:`~stance.features.StanceFeaturizer` (``None``: its defaults).
        Only its parameters are read (a fresh one is fitted), so ``featurizer__min_df`` and the like can be searched.
    text_column, target_column : str, default="text", "target"
        The columns of a DataFrame ``X`` holding the statement and its target.
    aliases_column : str or None, default="aliases"
        An optional column of the target's other names (lists of strings or ``|``-joined strings), read when
        the frame has it, as the command line's ``--aliases-column``; ``None``: never read.

    ``C``, ``class_weight``, ``calibration_folds``, ``random_state`` and ``featurizer`` are the options of
    :class:`~stance.model.TrainConfig` and have its defaults (not the settings of a shipped model; see there).

    Attributes
    ----------
    model_ : StanceModel
        The trained model (without a sentiment head): ``model_.save(path)``, ``model_.predict_frame(df)``.
    classes_ : numpy.ndarray of str
        The stance labels seen in training, in the order of :meth:`predict_proba`'s columns.

    Notes
    -----
    ``X`` is a pandas DataFrame (columns named by the column options) or a sequence of ``(text, target)``,
    ``(text, target, aliases)`` pairs, :class:`~stance.features.Pair` objects or mappings with ``text`` and
    ``target`` keys (:func:`stance.features.as_pairs`); ``y`` holds one label per row, each ``FAVOR``,
    ``AGAINST`` or ``NONE`` (other spellings are refused, so that predictions and ``y`` always share their labels:
    map them with :func:`stance.labels.normalize_labels`). A missing or blank statement raises
    :class:`~stance.exceptions.InputError` naming the row.

    scikit-learn's estimator checks: the tags declare string input (``input_tags.string``, no
    ``input_tags.two_d_array``), so ``check_estimator`` skips the checks that feed numeric arrays. The tests
    (tests/unit/test_estimator.py) run every check anyway and expect exactly these to fail, each because it fits on
    scikit-learn's generated data, a numeric array with integer labels (0, 1, 2), which a text classifier of
    FAVOR / AGAINST / NONE refuses (``Unknown label type``): check_fit_score_takes_y,
    check_estimators_overwrite_params, check_dont_overwrite_parameters, check_estimators_fit_returns_self,
    check_readonly_memmap_input, check_n_features_in_after_fitting, check_positive_only_tag_during_fit,
    check_estimators_dtypes, check_complex_data, check_dtype_object, check_estimators_empty_data_messages,
    check_pipeline_consistency, check_estimators_nan_inf, check_estimator_sparse_tag, check_estimator_sparse_array,
    check_estimator_sparse_matrix, check_estimators_pickle, check_f_contiguous_array_estimator,
    check_classifier_data_not_an_array, check_classifiers_one_label, check_classifiers_train, check_supervised_y_2d,
    check_methods_sample_order_invariance, check_methods_subset_invariance, check_fit2d_1sample,
    check_fit2d_1feature, check_dict_unchanged, check_fit_idempotent, check_fit_check_is_fitted, check_n_features_in,
    check_fit2d_predict1d; and check_classifiers_classes (the labels "one", "two", "three") and
    check_class_weight_classifiers (class weights keyed by integer labels). The others pass (API, parameters,
    unfitted use, y missing or continuous). What the main skipped ones test is tested on statements instead:
    idempotent fit, predictions independent of row order and batching, parameters and inputs left unchanged, pickling,
    one-label data, missing or blank statements.

    Examples
    --------
    >>> import pandas as pd
    >>> from stance import StanceClassifier
    >>> clf = StanceClassifier(C=0.5, text_column="sentence").fit(df, df["stance"])   # doctest: +SKIP
    >>> clf.predict(pd.DataFrame({"sentence": ["We back the plan."], "target": ["the plan"]}))  # doctest: +SKIP
    array(['FAVOR'], dtype=object)
    """

    def __init__(
        self,
        *,
        C: float = _DEFAULTS.stance_C,
        class_weight: str | Mapping[str, float] | None = _DEFAULTS.class_weight,
        calibration_folds: int = _DEFAULTS.calibration_folds,
        random_state: int = _DEFAULTS.random_state,
        featurizer: StanceFeaturizer | None = None,
        text_column: str = "text",
        target_column: str = "target",
        aliases_column: str | None = "aliases",
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.calibration_folds = calibration_folds
        self.random_state = random_state
        self.featurizer = featurizer
        self.text_column = text_column
        self.target_column = target_column
        self.aliases_column = aliases_column

    def fit(self, X: Any, y: Any) -> StanceClassifier:
        """Train the featurizer and the calibrated stance head on ``X`` (statements and targets) and ``y`` (labels).

        Raises
        ------
        ConfigError
            For a parameter with a value it cannot take, naming it.
        InputError
            For a row of ``X`` that is not a usable statement and target, naming it, or when ``X`` and ``y`` differ
            in length.
        LabelError
            For a label other than FAVOR, AGAINST and NONE (naming the row), or fewer than two labels.
        """
        config = self._config()
        labels = _stance_labels(y)
        pairs = self._pairs(X)
        if len(labels) != len(pairs):
            raise InputError(f"X has {len(pairs)} rows but y has {len(labels)} labels; give one label per row")
        self.model_ = StanceModel.fit(pairs, labels, None, config, metadata={"corpora": ["user data"]}, progress=False)
        self.classes_ = np.asarray(self.model_.stance_head.classes_, dtype=object)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probabilities, one row per statement, one column per label of :attr:`classes_`."""
        model = self._fitted()
        return np.asarray(model.predict_proba(self._pairs(X)))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable label of each statement (an array of str)."""
        best = self.predict_proba(X).argmax(axis=1)
        return np.asarray(self.classes_[best], dtype=object)

    def _fitted(self) -> StanceModel:
        model = getattr(self, "model_", None)
        if model is None:
            raise NotFittedError("this StanceClassifier is not fitted yet; call fit(X, y) with labelled statements first")
        return model  # type: ignore[no-any-return]

    def _config(self) -> TrainConfig:
        """The training options of the parameters; :class:`ConfigError` naming a bad one."""
        if not positive_number(self.C):
            raise ConfigError(f"StanceClassifier(C={self.C!r}); give a number above 0, e.g. 0.3 (smaller: stronger regularization)")
        if self.featurizer is not None and not isinstance(self.featurizer, StanceFeaturizer):
            raise ConfigError(f"StanceClassifier(featurizer={self.featurizer!r:.60}); give a StanceFeaturizer (its parameters "
                              "set the features) or None for its defaults")
        for name in ("text_column", "target_column"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"StanceClassifier({name}={getattr(self, name)!r:.60}); give the column's name as a string")
        features = self.featurizer.get_params(deep=False) if self.featurizer is not None else {}
        return TrainConfig(featurizer=features, stance_C=self.C, class_weight=self.class_weight,
                           calibration_folds=self.calibration_folds, random_state=self.random_state)

    def _pairs(self, X: Any) -> list[Pair]:
        from stance.frames import frame_pairs

        pandas = sys.modules.get("pandas")  # a DataFrame can only exist once pandas is imported
        if pandas is not None and isinstance(X, pandas.DataFrame):
            return frame_pairs(X, text=self.text_column, target=self.target_column, aliases=self.aliases_column)
        return as_pairs(X)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = True
        return tags


def _stance_labels(y: Any) -> list[str]:
    """``y`` as a list of stance labels, each FAVOR, AGAINST or NONE; :class:`LabelError` naming the first other one."""
    if y is None:
        raise InputError("StanceClassifier requires y to be passed, but the target y is None; give one stance label per row "
                         "of X (FAVOR, AGAINST or NONE)")
    if isinstance(y, (str, bytes)):
        raise InputError(f"y is a single string {y!r:.60}; give one stance label per row of X")
    array = np.asarray(y, dtype=object)
    if array.ndim != 1:
        raise InputError(f"y has shape {array.shape}; give one stance label per row of X, as a list or a Series")
    index = getattr(y, "index", None)  # a Series names its rows by its index labels
    names = list(index) if index is not None and not callable(index) else list(range(len(array)))
    values = array.tolist()
    for name, value in zip(names, values):
        if isinstance(value, str) and value in STANCE_LABELS:
            continue
        if not isinstance(value, str):
            raise LabelError(f"Unknown label type: y at row {name!r} is {type(value).__name__} {value!r:.60}; StanceClassifier's "
                             f"labels are the strings {', '.join(STANCE_LABELS)}")
        try:
            hint = f" ({value!r} is a spelling of {normalize_stance(value)}: map y with stance.labels.normalize_labels(y, 'stance'))"
        except LabelError:
            hint = ""
        raise LabelError(f"y at row {name!r} is {value!r:.60}, not a stance label; StanceClassifier's labels are "
                         f"{', '.join(STANCE_LABELS)}{hint}")
    return values
