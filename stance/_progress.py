"""Progress on stderr through tqdm: shown on a terminal, silent when stderr is piped.

One line, ``label: [#####     ] done/total (rate, ETA)``, drawn as soon as the work starts and redrawn at most ten
times a second; with no total, the count and the rate.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

__all__ = ["Progress"]

_T = TypeVar("_T")

_WITH_TOTAL = "{desc}: [{bar:24}] {n:,}/{total:,} ({rate_fmt}, ETA {remaining})"
_WITHOUT_TOTAL = "{desc}: {n:,} ({rate_fmt})"


class Progress:
    """Count work done on one status line (a thin layer over :class:`tqdm.tqdm`).

    ``enabled=None`` shows progress only when ``stream`` is a terminal. ``unit`` names what is counted in the rate
    (``"statements/s"``).
    """

    def __init__(self, total: int | None, label: str, enabled: bool | None = None, stream: TextIO | None = None,
                 unit: str = "") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(self.stream.isatty()) if enabled is None else enabled
        self.total, self.label, self._unit = total, label, unit
        self._bar: tqdm | None = None
        if total is not None:  # a count of known size is drawn at once; an open count from its first step
            self._start_bar()

    def _start_bar(self) -> tqdm:
        if self._bar is None:
            self._bar = tqdm(
                total=self.total, desc=self.label, file=self.stream, disable=not self.enabled, ascii=" #", mininterval=0.1,
                miniters=1, unit=f" {self._unit}" if self._unit else "", unit_scale=True, dynamic_ncols=False, leave=True,
                bar_format=_WITH_TOTAL if self.total else _WITHOUT_TOTAL,
            )
        return self._bar

    @property
    def done(self) -> int:
        return 0 if self._bar is None else int(self._bar.n)

    def update(self, n: int = 1) -> None:
        self._start_bar().update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def stage(self, message: str) -> None:
        """Print a one-line stage message (terminal only)."""
        if self.enabled:
            tqdm.write(f"{self.label}: {message}", file=self.stream)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wrap(self, items: Iterable[_T], step: int = 1) -> Iterator[_T]:
        for item in items:
            yield item
            self.update(step)
