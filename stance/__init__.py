"""stance: who supports or opposes what, statement by statement.

>>> import stance
>>> model = stance.load()                                   # the embedded default model   # doctest: +SKIP
>>> model.predict("We will defend the reform.", "the reform").stance                       # doctest: +SKIP
'FAVOR'
"""

import importlib as _importlib
import logging as _logging
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from stance._version import __version__
from stance.exceptions import (
    ConfigError,
    CorpusError,
    InputError,
    LabelError,
    ModelFormatError,
    StanceError,
    UntrustedModelError,
)

if _TYPE_CHECKING:
    from stance.api import AnalyzedStatement, analyze, load, train
    from stance.estimator import StanceClassifier
    from stance.exceptions import NotFittedError
    from stance.extraction import Statement, extract_statements
    from stance.features import Pair, StanceFeaturizer
    from stance.model import Prediction, StanceModel, TrainConfig
    from stance.summary import SpeakerStance, VerdictRule, summarize

#: Where each public name lives: imported on first use, so that ``import stance`` is quick and extraction alone
#: never imports scikit-learn (PEP 562).
_LAZY = {
    "load": "stance.api", "train": "stance.api", "analyze": "stance.api", "AnalyzedStatement": "stance.api",
    "NotFittedError": "stance.exceptions", "StanceClassifier": "stance.estimator",
    "Statement": "stance.extraction", "extract_statements": "stance.extraction",
    "Pair": "stance.features", "StanceFeaturizer": "stance.features",
    "Prediction": "stance.model", "StanceModel": "stance.model", "TrainConfig": "stance.model",
    "SpeakerStance": "stance.summary", "VerdictRule": "stance.summary", "summarize": "stance.summary",
}


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stance' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    "load",
    "train",
    "analyze",
    "extract_statements",
    "summarize",
    "VerdictRule",
    "SpeakerStance",
    "Statement",
    "AnalyzedStatement",
    "StanceModel",
    "StanceClassifier",
    "Prediction",
    "TrainConfig",
    "StanceFeaturizer",
    "Pair",
    "StanceError",
    "InputError",
    "ConfigError",
    "LabelError",
    "CorpusError",
    "ModelFormatError",
    "UntrustedModelError",
    "NotFittedError",
]

# The library logs through logging (loggers "stance.*"); applications choose where it goes (standard practice).
_logging.getLogger("stance").addHandler(_logging.NullHandler())
