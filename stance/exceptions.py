"""Exceptions raised by :mod:`stance`; each says what went wrong and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stance._errorbase import StanceError

if TYPE_CHECKING:
    from stance._notfitted import NotFittedError

__all__ = [
    "StanceError",
    "InputError",
    "ConfigError",
    "NotFittedError",
    "ModelFormatError",
    "UntrustedModelError",
    "CorpusError",
    "LabelError",
    "MissingDependencyError",
    "OutputError",
]


class InputError(StanceError, ValueError):
    """A statement, target or batch cannot be used as given."""

    #: The position of the bad row in the batch, when one row is to blame (set by the batch's checks).
    row: int | None = None


class ConfigError(InputError):
    """A training option is unknown or has a value it cannot take (names the option and the value)."""


class ModelFormatError(StanceError):
    """A model file is missing, truncated, tampered with or from an incompatible version."""


class UntrustedModelError(ModelFormatError):
    """A model file would need code execution (pickle) or untrusted types to load."""


class CorpusError(StanceError, ValueError):
    """A corpus file or dataset is missing, malformed, or lacks a needed column."""


class LabelError(CorpusError):
    """A label spelling in training or evaluation data is not one the task knows."""


class MissingDependencyError(StanceError, ImportError):
    """An optional dependency is needed for this feature; the message names the extra to install."""


class OutputError(StanceError):
    """An output file or folder cannot be written as asked: it holds something else, another run's results, or is in use."""


def __getattr__(name: str) -> Any:
    # NotFittedError is also scikit-learn's NotFittedError; it is defined on first use, so that importing the
    # exceptions (and `import stance`, and extraction) does not import scikit-learn.
    if name == "NotFittedError":
        from stance._notfitted import NotFittedError

        return NotFittedError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
