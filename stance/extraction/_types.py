"""The :class:`Statement` record returned by :func:`stance.extraction.extract_statements`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Statement", "KINDS"]

KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Statement:
    """One statement found in a text: who said what, with character offsets into the input.

    Attributes
    ----------
    text : str
        The content of the statement as written (``input[start:end]``); for a direct quote the
        quotation marks are included.
    start, end : int
        Character offsets of the content (covering span when discontinuous).
    speaker : str or None
        The speaker's name as written, resolved from a pronoun or role noun to the nearest fitting
        named person or organisation where possible; ``None`` when nobody is named.
    speaker_start, speaker_end : int or None
        Offsets of the speaker mention used (the resolved name when resolved), or ``None``.
    cue : str or None
        The reporting verb or phrase ("said", "according to", ":").
    kind : {"direct", "indirect", "mixed"}
        ``direct`` for a quotation in quotation marks, ``indirect`` for reported speech, ``mixed``
        for reported speech that contains a quoted fragment.
    parts : tuple of (int, int)
        The pieces of discontinuous content, in order (empty when the content is one span).
    cue_start, cue_end : int or None
        Character offsets of the cue in the input (``input[cue_start:cue_end] == cue``), or ``None``
        when there is no cue word (a bare quotation).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: str
    parts: tuple[tuple[int, int], ...] = ()
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (``parts`` as lists), e.g. for JSON."""
        d = asdict(self)
        d["parts"] = [list(p) for p in self.parts]
        return d
