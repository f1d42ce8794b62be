"""The root of the library's exceptions, in a module of its own so that :mod:`stance._notfitted` (loaded by
:mod:`stance.exceptions` on first use) can subclass it without the two importing each other. Import it from
:mod:`stance.exceptions`."""

from __future__ import annotations

__all__ = ["StanceError"]


class StanceError(Exception):
    """Base class of every error this library raises on purpose."""


StanceError.__module__ = "stance.exceptions"
