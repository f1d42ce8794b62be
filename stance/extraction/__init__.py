"""Statements from news articles: quoted and reported speech with their speakers.

>>> from stance.extraction import extract_statements
>>> [s.speaker for s in extract_statements('“We will not yield,” Mayor Ana Lind said.')]
['Ana Lind']
"""

from __future__ import annotations

from stance.exceptions import InputError
from stance.extraction.pipeline import extract as _extract
from stance.extraction._types import KINDS, Statement
from stance.extraction.config import ExtractionConfig

__all__ = ["extract_statements", "Statement", "KINDS", "ExtractionConfig", "ExtractionInputError"]


class ExtractionInputError(InputError, TypeError):
    """The text given to :func:`extract_statements` is not a string."""


def extract_statements(text: str, config: ExtractionConfig | None = None) -> list[Statement]:
    """Find the statements in a text: who said what, in document order.

    Handles direct quotes (straight and curly double quotes, quotes running over several
    paragraphs, attribution before, inside or after the quote), reported speech with and without
    "that", "according to X", quotes whose marks were lost, speakers named with their role, and
    pronoun or role speakers resolved to the person last named. Short quoted titles and scare quotes
    are not statements, and an unclosed quote mark ends with its paragraph. Beyond speech verbs, a
    small linear model learned from PolNeAR train finds the other cues news attribution uses
    ("wants", "believes", "supports", "expects"...); see ``docs/extraction.md``.

    Parameters
    ----------
    text : str
        The article. Any length; time grows linearly with it.
    config : ExtractionConfig, optional
        Settings of the extractor; ``None`` (the default) is the shipped extractor, ``ExtractionConfig()``.

    Returns
    -------
    list of Statement
        Immutable records ordered by ``start``; empty when there are none.

    Raises
    ------
    ExtractionInputError
        If ``text`` is not a ``str`` (it is both a :class:`TypeError` and a
        :class:`stance.exceptions.InputError`).

    Examples
    --------
    >>> st = extract_statements('The minister said the border would stay open.')[0]
    >>> st.text, st.speaker, st.cue, st.kind
    ('the border would stay open.', 'The minister', 'said', 'indirect')
    """
    if not isinstance(text, str):
        raise ExtractionInputError(
            f"extract_statements expects the article as a str, got {type(text).__name__} ({text!r:.60}); "
            "decode bytes first, e.g. data.decode('utf-8')"
        )
    if config is None:
        return _extract(text)
    if not isinstance(config, ExtractionConfig):
        raise ExtractionInputError(f"extract_statements expects config as an ExtractionConfig, got {type(config).__name__}")
    return _extract(text, config=config)
