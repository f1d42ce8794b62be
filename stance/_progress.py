"""A minimal progress display on stderr: shown on a terminal, silent when stderr is piped."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["Progress"]

_T = TypeVar("_T")


class Progress:
    """Count work done and redraw one status line at most 10 times a second.

    ``enabled=None`` shows progress only when ``stream`` is a terminal.
    """

    def __init__(self, total: int | None, label: str, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(self.stream.isatty()) if enabled is None else enabled
        self.total, self.label, self.done = total, label, 0
        self._start = self._last = time.perf_counter()

    def update(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last >= 0.1 or (self.total is not None and self.done >= self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self._start, 1e-9)
        if self.total:
            frac = min(1.0, self.done / self.total)
            bar = "#" * int(frac * 24)
            msg = f"\r{self.label}: [{bar:<24}] {self.done:,}/{self.total:,} ({rate:,.0f}/s)"
        else:
            msg = f"\r{self.label}: {self.done:,} ({rate:,.0f}/s)"
        self.stream.write(msg)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()

    def stage(self, message: str) -> None:
        """Print a one-line stage message (terminal only)."""
        if self.enabled:
            self.stream.write(f"{self.label}: {message}\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wrap(self, items: Iterable[_T], step: int = 1) -> Iterator[_T]:
        for item in items:
            yield item
            self.update(step)
