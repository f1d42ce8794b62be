"""stance: who supports or opposes what, statement by statement.

>>> import stance
>>> model = stance.load()                                   # the embedded default model   # doctest: +SKIP
>>> model.predict("We will defend the reform.", "the reform").stance                       # doctest: +SKIP
'FAVOR'
"""

import logging as _logging

from stance._version import __version__
from stance.api import AnalyzedStatement, analyze, load, train
from stance.exceptions import (
    ConfigError,
    CorpusError,
    InputError,
    LabelError,
    ModelFormatError,
    NotFittedError,
    StanceError,
    UntrustedModelError,
)
from stance.estimator import StanceClassifier
from stance.extraction import Statement, extract_statements
from stance.features import Pair, StanceFeaturizer
from stance.model import Prediction, StanceModel, TrainConfig
from stance.summary import SpeakerStance, VerdictRule, summarize

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
