"""Texts built to make a statement extractor slow: long runs of quote marks, of cues, of words with
no sentence end, of unmatched marks, and one very long quotation.

Shared by ``tests/unit/test_extraction_linear.py`` and ``benchmarks/bench_extract_adversarial.py``.
Each generator takes a size in characters and returns a text of exactly that length (the unit
repeated and cut), so that times at n and 4n compare like with like.
"""

from __future__ import annotations

from collections.abc import Callable

_ORDINARY = (
    "the minister told reporters on monday that the new budget would help families across the region "
    "and the opposition leader argued in a long interview that the plan was far too expensive for voters "
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def he_said_quote(size: int) -> str:
    """'He said "' over and over: every mark opens a quotation right after a cue, and no sentence ends."""
    return _repeat('He said "', size)


def cue_run(size: int) -> str:
    """Speakers and cue words with no punctuation: a cue every two tokens."""
    return _repeat("she said he said they argued officials said ", size)


def unpunctuated(size: int) -> str:
    """Ordinary news words, with cues, and no sentence end at all."""
    return _repeat(_ORDINARY, size)


def unmatched_quotes(size: int) -> str:
    """Straight and curly marks that never pair up, between ordinary words and cues."""
    return _repeat('the mayor said “ the plan " works and “ voters ” agree " she said ', size)


def long_quote(size: int) -> str:
    """One quotation over the whole text, then its speaker."""
    tail = '," the senator said.'
    return '"' + _repeat(_ORDINARY, size - 1 - len(tail)) + tail


def open_quote(size: int) -> str:
    """One quote mark that never closes, then ordinary words with cues: a quotation to the end of the paragraph."""
    return "“" + _repeat(_ORDINARY, size - 1)


def quotes_and_cues(size: int) -> str:
    """Short quotations and their speakers with no sentence end: many quotations in one sentence."""
    return _repeat('"we will win" she said "they will lose" the mayor argued ', size)


def long_paragraph_sentences(size: int) -> str:
    """Many short attributed sentences in one paragraph (a normal text, as a control)."""
    return _repeat('"We will win," the mayor said. Officials said the plan would work. ', size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "he_said_quote": he_said_quote,
    "cue_run": cue_run,
    "unpunctuated": unpunctuated,
    "unmatched_quotes": unmatched_quotes,
    "long_quote": long_quote,
    "open_quote": open_quote,
    "quotes_and_cues": quotes_and_cues,
    "sentences": long_paragraph_sentences,
}
