"""Whether two names can denote the same person or organisation: they share a word of three or more letters, case
folded, function words and titles left out, words compared on their first six letters ("Democrats" and "Democratic
Party", "Mr. Obama" and "Barack Obama"; not "Sen. Warren" and "Sen. Sanders")."""

from __future__ import annotations

import re

__all__ = ["identifying_words", "is_named", "is_poll", "name_keys", "same_name"]

#: Words that carry no identity: function words and titles.
_STOP = frozenset(
    "the and for his her hers their theirs its our ours your yours who whom whose that this these those with from "
    "mr mrs ms miss dr sen senator rep representative gov governor pres president prof sir lady lord mayor "
    "secretary minister chairman chairwoman chair leader former spokesman spokeswoman spokesperson".split()
)
_WORD = re.compile(r"[^\W\d_]+")
#: A poll or a survey named as a source ("a new Quinnipiac poll", "Entrance polls", "Poll respondents", "the survey").
_POLL = re.compile(r"\b(?:polls?|surveys?|polling)\b", re.IGNORECASE)
#: Capitalised words that do not make a name: sentence openers, quantifiers, months and days.
_NOT_NAMES = frozenset(
    "a an in on at as it its more most some many one two three but or if when while after before so yet opinion "
    "no not nor such among since until unless can could would will nothing none four five six seven eight nine ten "
    "story read update advertisement related watch photo video click share "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def name_keys(name: str) -> set[str]:
    """The first six letters of each identifying word of ``name`` (three letters or more, not a title or function word)."""
    return {w[:6] for w in (m.lower() for m in _WORD.findall(name)) if len(w) >= 3 and w not in _STOP}


def identifying_words(name: str) -> list[str]:
    """The words of ``name`` that identify someone, in order: without titles, honorifics, function words, dates and
    words under three letters ("Mr. Trump", "Sen. Jeff Sessions", "Tuesday Obama" -> ["Trump"], ["Jeff", "Sessions"],
    ["Obama"])."""
    return [w for w in name.split() if name_keys(w) and w.lower().strip(".,;:") not in _NOT_NAMES]


def is_poll(speaker: str) -> bool:
    """Whether a speaker is a poll or a survey ("a new Washington Post-ABC News poll", "Entrance polls"): it reports
    what others think and holds no side of its own."""
    return bool(_POLL.search(speaker))


def is_named(speaker: str) -> bool:
    """Whether a speaker is a name: it holds a capitalised word of two or more letters that is not a title, a function
    word, a month or a day ("Senator Okafor", "the House", "ABC"; not "critics", "The", "March" or "faced")."""
    return any(w[0].isupper() and len(w) > 1 and w.lower() not in _STOP and w.lower() not in _NOT_NAMES for w in _WORD.findall(speaker))


def same_name(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` share an identifying word (see the module docstring)."""
    return bool(name_keys(a) & name_keys(b))
