"""Checks of training options (:class:`stance.model.TrainConfig`), so a bad value is named before training starts
rather than surfacing as a scikit-learn error minutes into it."""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from typing import Any

from stance.exceptions import ConfigError

__all__ = ["check_train_config", "positive_number"]


def positive_number(v: Any) -> bool:
    """Whether ``v`` is a finite int or float above 0 (not a bool)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0


def _class_weight_ok(v: Any) -> bool:
    if v is None or v == "balanced":
        return True
    return isinstance(v, Mapping) and bool(v) and all(isinstance(k, str) and positive_number(w) for k, w in v.items())


def _featurizer_options() -> list[str]:
    from stance.features import StanceFeaturizer

    return [p for p in inspect.signature(StanceFeaturizer.__init__).parameters if p != "self"]


def check_train_config(config: Any) -> None:
    """Raise :class:`ConfigError` naming the first option of ``config`` (a TrainConfig) with a bad value."""
    checks: list[tuple[str, bool, str]] = [
        ("stance_C", positive_number(config.stance_C), "a number above 0, e.g. 0.3 (smaller: stronger regularization)"),
        ("sentiment_C", positive_number(config.sentiment_C), "a number above 0, e.g. 0.3"),
        ("class_weight", _class_weight_ok(config.class_weight), "null, \"balanced\", or a mapping of labels to weights above 0"),
        ("calibration_folds", isinstance(config.calibration_folds, int) and not isinstance(config.calibration_folds, bool)
         and config.calibration_folds >= 2, "a whole number of 2 or more, e.g. 5"),
        ("random_state", isinstance(config.random_state, int) and not isinstance(config.random_state, bool)
         and 0 <= config.random_state < 2**32, "a whole number from 0 to 4294967295"),
        ("featurizer", isinstance(config.featurizer, Mapping), "a mapping of StanceFeaturizer options"),
    ]
    for name, ok, expected in checks:
        if not ok:
            value = getattr(config, name)
            raise ConfigError(f"training option {name}={value!r:.60} ({type(value).__name__}); give {expected}")
    known = _featurizer_options()
    unknown = sorted(set(config.featurizer) - set(known))
    if unknown:
        raise ConfigError(f"unknown featurizer options {unknown} in the training options; known: {known}")
