"""Statement records: content parts, a speaker mention and a cue span made a :class:`~stance.extraction.Statement`.

:func:`emit` (and :func:`emit_quote` for a quotation) appends the statement unless it is no statement: a title or
scare quote ("The Harbour Show with Nils Aho", a short quotation that does not end like speech), an adjunct after
its cue ("reported from the harbour."), or a few words before it that open the sentence ("In a long speech, X
declared"). :func:`without_nested` drops the statements whose cue and speaker lie inside another's content.
"""

from __future__ import annotations

import re

from stance.extraction import lexicon as L
from stance.extraction._types import Statement
from stance.extraction.config import ExtractionConfig
from stance.extraction.document import Quote
from stance.extraction.speakers import Mention

__all__ = ["emit", "emit_quote", "kind_for", "without_nested"]


def _inside(pos: int | None, st: Statement) -> bool:
    """Whether character ``pos`` lies inside one of the content parts of ``st``."""
    return pos is not None and any(s <= pos < e for s, e in (st.parts or ((st.start, st.end),)))


def _nested_in(st: Statement, host: Statement) -> bool:
    """Whether ``st`` (content, cue and speaker mention) lies inside the content of ``host``."""
    return (
        host.start <= st.start
        and st.end <= host.end
        and host.end - host.start > st.end - st.start
        and _inside(st.cue_start, host)
        and (st.speaker_start is None or _inside(st.speaker_start, host))
    )


def without_nested(statements: list[Statement]) -> list[Statement]:
    """``statements`` without those nested in the content of another (a statement whose cue and speaker mention lie inside another's content)."""
    order = sorted(statements, key=lambda st: (st.start, -st.end))
    open_hosts: list[Statement] = []  # earlier statements whose span reaches past the current start
    nested: set[int] = set()
    for st in order:
        open_hosts = [h for h in open_hosts if h.end > st.start]
        if any(_nested_in(st, h) for h in open_hosts):
            nested.add(id(st))
        else:
            open_hosts.append(st)
    return [st for st in statements if id(st) not in nested]


def kind_for(text: str, parts: list[tuple[int, int]], quotes: list[Quote], used: set[int]) -> str:
    """``"mixed"`` when a content part holds one of ``quotes`` (whose start is then added to ``used``), else
    ``"indirect"``."""
    for q in quotes:
        if any(s <= q.start and q.end <= e for s, e in parts):
            used.add(q.start)
            return "mixed"
    return "indirect"


def emit_quote(out: list[Statement], config: ExtractionConfig, text: str, q: Quote, mention: Mention | None, cue: tuple[int, int] | None) -> None:
    """Append the direct statement of quotation ``q`` unless it is a title ("The Harbour Show with Nils
    Aho", or a quotation with no cue followed by a byline)."""
    if (_title_case(text[q.start:q.end]) or (cue is None and _BYLINE_RE.match(text, q.end))):
        return  # “The Harbour Show with Nils Aho”, '"A harbour in trouble," by the Ledger's Ana Lind': a title, not speech
    emit(out, config, text, list(q.parts), mention, cue, "direct")

_BYLINE_RE = re.compile(r",?[ \t]*by[ \t]+[A-Z]")

_TITLE_SMALL = frozenset("a an the and or of in on at to for with by from is are as vs. vs".split())


def _title_case(s: str) -> bool:
    words = [w.strip("\"“”„'‘’.,!?:;()") for w in s.split()]
    words = [w for w in words if w and w[0].isalpha()]
    big = [w for w in words if w.lower() not in _TITLE_SMALL]
    return len(words) >= 3 and len(big) >= 2 and all(w[0].isupper() for w in big)

_SHORT_CLAUSE_VERBS = frozenset("is are was were am be been has have had will would can could should must may might do does did "
                                "isn't aren't wasn't weren't won't can't don't doesn't didn't it's that's".split())


def _short_clause(s: str) -> bool:
    words = [w.strip(",.;:!?\"“”'‘’").lower().replace("’", "'") for w in s.split()]
    return len(words) >= 2 and words[0] not in L.ADJUNCT_PREPOSITIONS and any(w in _SHORT_CLAUSE_VERBS for w in words[1:])


def emit(
    out: list[Statement],
    config: ExtractionConfig,
    text: str,
    parts: list[tuple[int, int]],
    mention: Mention | None,
    cue: tuple[int, int] | None,
    kind: str,
    keep_short: bool = False,
) -> None:
    """Append a statement; ``cue`` is the cue's character span in ``text`` (``None``: no cue word);
    ``keep_short``: keep a short content before its cue (the subject of a passive cue)."""
    parts = sorted(parts)
    s, e = parts[0][0], parts[-1][1]
    if len(parts) == 1 and kind in ("direct", "mixed"):
        raw = text[s:e].strip()
        # a mixed content that is nothing but one short quotation ('warns "outside forces"') is a scare quote too
        if kind == "direct" or (raw[:1] in "\"“„" and raw[-1:] in "\"”" and not any(c in raw[1:-1] for c in "\"“”„")):
            inner = raw.strip("\"“”„' ")
            if len(inner.split()) <= L.SCARE_QUOTE_MAX_WORDS and not inner.endswith((".", ",", "!", "?", "…")):
                return  # a title or scare quote, not a statement
    if (config.adjunct_content_max and kind == "indirect" and len(parts) == 1 and cue is not None and cue[1] <= s):
        words = text[s:e].split()
        if len(words) <= config.adjunct_content_max and words[0].lower() in L.ADJUNCT_PREPOSITIONS:
            return  # "X reported from the harbour.", "was first reported by the Ledger.": an adjunct, not content
    if (config.short_before_max and not keep_short and kind == "indirect" and len(parts) == 1 and cue is not None and cue[0] >= e
            and len(text[s:e].split()) <= config.short_before_max and not text[cue[0]:cue[1]].lower().startswith("according")
            and not (_short_clause(text[s:e]))):
        return  # "In a long speech, X declared": a few words before the cue open the sentence, not what was said
    if kind == "indirect" and text[s] == "‘" and text[e - 1] == "’":
        kind = "direct"
    if mention is not None:
        speaker = mention.name
        ms, me = mention.start, mention.end
    else:
        speaker, ms, me = None, None, None
    out.append(
        Statement(
            text=text[s:e],
            start=s,
            end=e,
            speaker=speaker,
            speaker_start=ms,
            speaker_end=me,
            cue=text[cue[0] : cue[1]] if cue is not None else None,
            kind=kind,
            parts=tuple(parts) if len(parts) > 1 else (),
            cue_start=cue[0] if cue is not None else None,
            cue_end=cue[1] if cue is not None else None,
        )
    )
