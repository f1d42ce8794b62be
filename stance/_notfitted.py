""":class:`stance.exceptions.NotFittedError`, in a module of its own because it subclasses scikit-learn's
``NotFittedError``: ``stance.exceptions`` loads it on first use, so that importing the exceptions does not import
scikit-learn."""

from __future__ import annotations

from sklearn.exceptions import NotFittedError as _SklearnNotFittedError

from stance._errorbase import StanceError

__all__ = ["NotFittedError"]


class NotFittedError(StanceError, _SklearnNotFittedError):
    """A model or transformer was used before it was trained (also a scikit-learn ``NotFittedError``)."""


NotFittedError.__module__ = "stance.exceptions"
