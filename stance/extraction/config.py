"""The settings of statement extraction: one frozen record, passed explicitly to every stage that reads one.

>>> from stance.extraction import ExtractionConfig, extract_statements
>>> extract_statements("Dana Voss said the fares were too high.", config=ExtractionConfig(learned_cues=False))[0].cue
'said'

The defaults are the shipped behaviour: the figures in ``docs/extraction.md`` and the stored digest of
``tests/integration/test_extraction_digest.py`` are those of ``ExtractionConfig()``. Each field was chosen on
PolNeAR train (cross-validated), never on dev. The rules themselves are not settings: every behaviour the
extractor has is always on, and the word lists it reads are in :mod:`stance.extraction.lexicon`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

__all__ = ["ExtractionConfig", "DEFAULT_CONFIG"]

_CLAUSE_FILTERS = ("", "short", "all")


@dataclass(frozen=True)
class ExtractionConfig:
    """Settings of :func:`stance.extraction.extract_statements` (defaults: the shipped extractor).

    Raises
    ------
    ValueError
        If a count is negative (or a bound below 1), a probability lies outside [0, 1], or
        ``model_clause`` is not one of ``""``, ``"short"``, ``"all"``.
    """

    learned_cues: bool = True
    """Run the learned-cue pass (:mod:`stance.extraction.learned`) after the rules; ``False``: rules alone."""

    sentence_max_tokens: int = 400
    """A "sentence" longer than this many tokens (unpunctuated or hostile text) is cut into pieces of about this
    length, between tokens outside any quotation, so that extraction stays linear in the length of the text. The
    longest sentence of PolNeAR train and dev has 329 tokens; none is cut."""

    join_object_max_lower: int = 3
    """At most this many lower-case words in the object of a tell-verb after a closing quote mark
    ('“... him?” Obama asked Republican senators.') for the attribution to continue the quotation's sentence."""

    quote_gap_max: int = 15
    """At most this many tokens between a quotation closed after a comma and its reporting verb are read as the
    source ('"...," Dana Voss, 67, a retired nurse, said in an interview.')."""

    appositive_depth: int = 3
    """How many comma-delimited insertions to look back over for a speaker ("X, during ..., in Y, said")."""

    adjunct_content_max: int = 5
    """An indirect content after its cue of at most this many words that opens with a preposition is an adjunct,
    not what was said ("Nils Aho reported from the harbour."): no statement. 0 keeps them."""

    short_before_max: int = 4
    """An indirect content of at most this many words before its cue ("In a long speech, X declared") is
    dropped, unless it is a clause ("The fares are high, Voss said."). 0 keeps them."""

    next_cue_skip_max: int = 16
    """At most this many later cues in a row are read as part of one cue's content (a cue with no content of its
    own, or one whose cut would leave a dangling function word); it bounds the work on a text made of cues."""

    model_min_words: int = 1
    """A statement of a learned cue needs at least this many words of content."""

    model_nested_min_prob: float = 1.0
    """A learned cue inside the content of an earlier statement is kept only when the model gives it at least this
    probability (1.0: never, unless it splits that statement, see ``nest_split_prob``)."""

    model_clause: Literal["", "short", "all"] = "short"
    """Whether the content of a learned cue must read like a clause (an auxiliary, "to", "that", a pronoun or a
    finite verb form), not a bare noun phrase ("rejected [the report]"): ``"all"`` drops every bare noun phrase,
    ``"short"`` those of at most ``model_np_max_short`` words or holding a quotation, ``""`` none."""

    model_np_max_short: int = 3
    """With ``model_clause="short"``: a bare noun-phrase content of at most this many words is dropped."""

    split_min_prob: float = 0.7
    """A learned cue coordinated with an earlier statement ("X pushed A and reprimanded B", ", noting ...") ends
    that statement's content before it when the model is at least this sure of the cue."""

    split_host_min_words: int = 1
    """A statement split that way keeps at least this many words of content (otherwise it is not split)."""

    nest_split_prob: float = 0.7
    """A learned cue inside an earlier statement's content, with a source of its own that opens a new clause
    (after a comma, semicolon or "and"/"but"), scored at least this, ends that content there and gets its own
    statement (1.0: never)."""

    def __post_init__(self) -> None:
        for name in ("sentence_max_tokens", "appositive_depth", "next_cue_skip_max"):
            if getattr(self, name) < 1:
                raise ValueError(f"ExtractionConfig.{name} must be at least 1, got {getattr(self, name)!r}")
        for name in ("join_object_max_lower", "quote_gap_max", "adjunct_content_max", "short_before_max",
                     "model_min_words", "model_np_max_short", "split_host_min_words"):
            if getattr(self, name) < 0:
                raise ValueError(f"ExtractionConfig.{name} must be 0 or more, got {getattr(self, name)!r}")
        for name in ("model_nested_min_prob", "split_min_prob", "nest_split_prob"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"ExtractionConfig.{name} is a probability in [0, 1], got {getattr(self, name)!r}")
        if self.model_clause not in _CLAUSE_FILTERS:
            raise ValueError(f"ExtractionConfig.model_clause must be one of {_CLAUSE_FILTERS}, got {self.model_clause!r}")

    def with_overrides(self, items: list[str]) -> ExtractionConfig:
        """A copy with ``NAME=VALUE`` overrides (for experiments: ``--set model_np_max_short=0``).

        ``NAME`` is a field name (upper case accepted, as the old module switches were spelled); ``VALUE`` takes
        the field's type, a boolean being true for "1" or "true"."""
        changes: dict[str, object] = {}
        fields = {f.name: f for f in dataclasses.fields(self)}
        for item in items:
            name, sep, value = item.partition("=")
            key = name.strip().lower()
            if not sep or key not in fields:
                raise ValueError(f"unknown extraction setting {item!r}: expected NAME=VALUE with NAME one of "
                                 f"{', '.join(fields)}")
            old = getattr(self, key)
            changes[key] = value in ("1", "true") if isinstance(old, bool) else type(old)(value)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


#: The shipped settings.
DEFAULT_CONFIG = ExtractionConfig()
