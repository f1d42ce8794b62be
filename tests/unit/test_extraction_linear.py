"""Extraction time grows linearly with the text, whatever the text (issue 18, item 7).

Texts with no sentence end, or made of cues and quote marks (``adversarial_text.GENERATORS``), made
the per-cue scans of the extraction stages look over the whole text for each cue: ``'He said "'``
repeated over 0.4 MB took 188 s, and a run of "she said he said ..." was cubic. Each generator is
timed at n and 4n characters (median of 3 runs, CPU time of the process); the ratio must stay under 8
(linear is 4, quadratic 16). A run that goes past its bound is stopped by an alarm, so that the test
fails quickly instead of running for minutes on a quadratic extractor.
"""

from __future__ import annotations

import signal
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from adversarial_text import GENERATORS
from stance.extraction import extract_statements

SMALL = 12_500  # characters; 4 * SMALL is the large size
RATIO_MAX = 8.0
BIG = 400_000
BIG_SECONDS = 20.0


class _TooSlow(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_TooSlow` in this (main) thread once ``seconds`` of wall-clock time have passed."""

    def ring(signum: int, frame: object) -> None:
        raise _TooSlow

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _cpu_time(text: str, limit: float) -> float:
    """CPU seconds to extract ``text``; ``inf`` when it takes more than ``limit`` wall-clock seconds."""
    t0 = time.process_time()
    try:
        with _deadline(limit):
            extract_statements(text)
    except _TooSlow:
        return float("inf")
    return time.process_time() - t0


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract_statements("The model is loaded once per process, she said.")


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_time_for_four_times_the_text_is_under_eight_times(name: str) -> None:
    make: Callable[[int], str] = GENERATORS[name]
    small, large = make(SMALL), make(4 * SMALL)
    assert len(small) == SMALL and len(large) == 4 * SMALL
    t_small = statistics.median(_cpu_time(small, 60.0) for _ in range(3))
    # a floor keeps a very fast small run (timer resolution, noise) from making the bound tiny
    bound = RATIO_MAX * max(t_small, 0.02)
    t_large = statistics.median(_cpu_time(large, 3 * bound + 5.0) for _ in range(3))
    assert t_large < bound, (
        f"{name}: {4 * SMALL} characters took {t_large:.3f} s, {t_large / max(t_small, 1e-9):.1f} times the "
        f"{t_small:.3f} s of {SMALL} (linear is 4, the bound {RATIO_MAX:g})"
    )


def test_the_issue_reproduction_at_400_kb_takes_seconds_not_minutes() -> None:
    text = GENERATORS["he_said_quote"](BIG)  # 'He said "' over and over: 188 s before the fix
    t0 = time.perf_counter()
    try:
        with _deadline(BIG_SECONDS):
            extract_statements(text)
    except _TooSlow:
        pytest.fail(f"extracting {BIG} characters of 'He said \"' took more than {BIG_SECONDS:g} s")
    assert time.perf_counter() - t0 < BIG_SECONDS
