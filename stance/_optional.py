"""Optional dependencies, checked in one place: the error names the extra that installs them."""

from __future__ import annotations

import importlib

from stance.exceptions import MissingDependencyError

__all__ = ["require_dask"]


def require_dask(purpose: str, *, distributed: bool = True) -> None:
    """Raise :class:`~stance.exceptions.MissingDependencyError` when Dask (``dask.dataframe``, and ``distributed`` unless
    ``distributed=False``) cannot be imported; ``purpose`` says what needs it ("--workers")."""
    for module in ("dask.dataframe", *(("distributed",) if distributed else ())):
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise MissingDependencyError(
                f"{purpose} needs Dask, and {module} cannot be imported ({exc}); install it with "
                "pip install 'stancelens[dask]'"
            ) from None
