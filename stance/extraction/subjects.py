"""The subject of a sentence, and whether a source noun phrase can be a speaker.

Takes tokens and token indexes, gives token ranges. :func:`sentence_subject` finds the noun phrase that opens a
sentence past a dateline ("WASHINGTON (AP) —"), an opening time phrase ("Hours later,") or an opening phrase led
by an opener word ("Facing mounting criticism, X"); :func:`last_clause_subject` the last name or pronoun before a
quotation; :func:`implausible_source` says when a cue's source is no speaker (an adverb, "a possible reason", an
opener word, a dateline), so the sentence subject is taken instead; :func:`appositive_subject` when "Name,
<insertion>, said X" opens the sentence (then X is content, not an inverted source).
"""

from __future__ import annotations

from collections.abc import Sequence

from stance.extraction import lexicon as L
from stance.extraction.document import Token
from stance.extraction.phrases import appositive_np, np_after

__all__ = ["sentence_subject", "last_clause_subject", "implausible_source", "appositive_subject"]

_TIME_INTRO = L.TIME_WORDS | frozenset("later ago earlier hours days weeks months years minutes moments".split())


def _skip_dateline(toks: Sequence[Token], a: int, k: int) -> int:
    """The first token after a dateline or an opening time phrase starting at ``a``, else ``a``."""
    x = a
    while x < k and x - a < 4 and toks[x].word and toks[x].text.isupper() and len(toks[x].text) > 1:
        x += 1
    if x > a and x < k and toks[x].text == ",":
        # "WASHINGTON, Dec. 8 (UPI) — ...": a date between the place and the agency or dash
        y = x + 1
        while y < k and y - x < 6 and toks[y].text not in L.DASHES and toks[y].text != "(" and (toks[y].word or toks[y].text in ".,"):
            y += 1
        if y < k and (toks[y].text in L.DASHES or toks[y].text == "("):
            x = y
    if x > a and x < k and toks[x].text == "(":
        while x < k and x - a < 8 and toks[x].text != ")":
            x += 1
        x += 1
    if x > a and x < k and toks[x].text in L.DASHES:
        return x + 1
    c = a
    while c < k and c - a < 5 and toks[c].text != ",":
        c += 1
    if c < k and c > a and toks[c].text == "," and any(toks[y].low in _TIME_INTRO for y in range(a, c)):
        return c + 1
    return a


def _opener_word(toks: Sequence[Token], x: int) -> bool:
    """A capitalised word that opens a sentence or clause and is not a name: an adverb or
    preposition ("Even so, ...", "Along with ...", "Publicly, ..."), or a participle or -ly adverb
    followed by a lower-case word ("Facing mounting criticism, ...")."""
    t = toks[x]
    if not (t.word and t.upper) or t.text.isupper():
        return False
    if (
        t.low in L.OPENER_WORDS
        or t.low in L.NOT_SOURCE_WORDS
        or t.low in L.ADVERBS
        or t.low in L.INTRO_WORDS
        or t.low in L.INTRO_PREPOSITIONS
    ):
        return True
    nxt = toks[x + 1] if x + 1 < len(toks) else None
    return (
        len(t.low) > 5
        and t.low.endswith(("ing", "ly"))
        and nxt is not None
        and nxt.word
        and not nxt.upper
        and nxt.low not in L.REPORTING_VERBS
        and nxt.low not in L.AUXILIARIES
    )


def _skippable_opener(toks: Sequence[Token], x: int) -> bool:
    """An opener word that starts an opening phrase rather than the subject: a focus word ("Only
    one of the delegates", "Just shy of half") only when a comma or "so," follows ("Even so, ...")."""
    if not _opener_word(toks, x):
        return False
    if toks[x].low not in L.FOCUS_WORDS:
        return True
    nxt = toks[x + 1] if x + 1 < len(toks) else None
    return nxt is not None and (nxt.text == "," or nxt.low == "so")


def sentence_subject(toks: Sequence[Token], si: int, k: int) -> tuple[int, int] | None:
    """The noun phrase opening the sentence (after an introductory phrase ending in a comma)."""
    a = _skip_dateline(toks, si, k)
    if a < k and _skippable_opener(toks, a):
        # "Perhaps not coincidentally, Mr. Trump ...", "Facing mounting criticism, Mr. Trump ..."
        c = a
        while c < k and toks[c].text != ",":
            c += 1
        if c + 1 >= k:
            return None  # the subject comes after the cue, if at all
        a = c + 1
    if toks[a].low in L.INTRO_WORDS or toks[a].low in L.INTRO_PREPOSITIONS:
        c = a
        while c < k and toks[c].text != ",":
            c += 1
        if c >= k:
            return None
        a = c + 1
    if a >= k:
        return None
    if toks[a].low in L.PRONOUNS and toks[a].low != "it":
        return (a, a + 1)
    np = np_after(toks, a - 1, k)
    if np is not None and np[1] - np[0] == 1 and toks[np[0]].low in _ARTICLES:
        np = _article_phrase(toks, a, k) or np  # "The committee subpoenaed ...": the article alone is no subject
    if np is None and toks[a].word and (toks[a].low in L.DETERMINERS or toks[a].low in L.QUANTIFIERS):
        # "the candidates escaped ... by saying": a lower-case subject of at most four words
        b = a + 1
        while b < k and b - a < 4 and toks[b].word and not toks[b].upper and toks[b].low not in L.AUXILIARIES \
                and toks[b].low not in L.REPORTING_VERBS and toks[b].low not in L.FUNCTION_WORDS \
                and toks[b].low not in L.RELATIVE_PRONOUNS and not toks[b].low.endswith("ed"):
            b += 1
        if b > a + 1 and b < k and (toks[b].low in L.AUXILIARIES or toks[b].low.endswith("ed") or toks[b].low in L.REPORTING_VERBS):
            np = (a, b)
    if np is not None and np[1] - np[0] == 1 and (
            toks[a].low in L.OPENER_WORDS or toks[a].low in L.FOCUS_WORDS or toks[a].low in _LONE_NOT_SUBJECT):
        # "Even before the vote, the mayor ...", "Back in the spring, Mr. X ...": the word alone is
        # no subject; look past the opening phrase, if it ends before the cue
        if toks[a].low in L.FOCUS_WORDS:
            return sentence_subject(toks, a + 1, k)  # "Even the mayor praised ...": the focus word opens it
        c = a + 1
        while c < k and toks[c].text != ",":
            c += 1
        return sentence_subject(toks, c + 1, k) if c + 1 < k else None
    return np

_ARTICLES = frozenset(("the", "a", "an"))


def _article_phrase(toks: Sequence[Token], a: int, k: int) -> tuple[int, int] | None:
    """The article at ``a`` and the words of its noun phrase after it, up to four ("The committee", "The unreleased
    department video"), stopping at a function word, an auxiliary, a reporting verb or a past form; None when no word
    follows."""
    b = a + 1
    while (b < k and b - a < 5 and toks[b].word and toks[b].low not in L.FUNCTION_WORDS and toks[b].low not in L.AUXILIARIES
           and toks[b].low not in L.REPORTING_VERBS and toks[b].low not in L.RELATIVE_PRONOUNS
           and not (b > a + 1 and toks[b].low.endswith("ed"))):
        b += 1
    return (a, b) if b > a + 1 else None


_LONE_NOT_SUBJECT = frozenset("back since wow it’s it's that’s that's there’s there's".split())


def last_clause_subject(toks: Sequence[Token], si: int, k: int) -> tuple[int, int] | None:
    """The last pronoun or capitalised run before token ``k`` that is followed by a lower-case word
    ("When he returned he began by saying, “...”"): the speaker of a quotation with no subject at the start."""
    x = k - 2
    while x >= si:
        t = toks[x]
        nxt = toks[x + 1]
        if nxt.word and not nxt.upper and nxt.low not in L.TITLE_STOP:
            if t.low in L.PRONOUNS:
                return (x, x + 1)
            if t.word and t.upper and t.low not in L.NOT_SPEAKER_WORDS:
                a = x
                while a - 1 >= si and toks[a - 1].word and toks[a - 1].upper and toks[a - 1].low not in L.NOT_SPEAKER_WORDS:
                    a -= 1
                if a > si or toks[a].low not in L.INTRO_WORDS:
                    return (a, x + 1)
                return None
        x -= 1
    return None


def appositive_subject(toks: Sequence[Token], k: int, si: int, depth: int) -> bool:
    """Whether the sentence opens with a speaker and a comma-delimited insertion ending right
    before cue ``k``."""
    ap = appositive_np(toks, k - 1, si, depth)
    if ap is None:
        return False
    if ap[0] == _skip_dateline(toks, si, k):
        return True
    if ap[0] - 1 > si and toks[ap[0] - 1].text == ",":
        # "In an interview, Nils Aho, a former captain, said ...", "Alarmed by the fares, Aho, ..."
        subj = sentence_subject(toks, si, k)
        if subj is not None and subj[0] == ap[0]:
            return True
        t0 = toks[si]
        return t0.upper and t0.word and len(t0.low) > 4 and t0.low.endswith(("ed", "ing")) and toks[si + 1].word and not toks[si + 1].upper
    return False


def implausible_source(toks: Sequence[Token], np: tuple[int, int], si: int) -> bool:
    """Whether source ``np`` cannot be a speaker: a lone opener word or dateline, an adverb, a determiner
    with an adjective ("a possible reason"), an -ing word, or a lower-case phrase after an auxiliary, "to" or an
    -ed verb."""
    a, b = np
    first = toks[a]
    if first.low in L.PRONOUNS or first.low in L.RELATIVE_PRONOUNS:
        return False
    if b - a == 1 and first.low in L.NOT_SOURCE_WORDS:
        return True
    if b - a == 1:
        if _skippable_opener(toks, a):
            return True
        if a == si and first.text.isupper() and len(first.text) > 2 and b < len(toks) and toks[b].text in (",", "("):
            return True  # "WASHINGTON, Dec. 8 (UPI) — ..."
    if any(toks[x].upper for x in range(a, b)):
        return False
    last = toks[b - 1].low
    if (b - a >= 2 and first.low in L.DETERMINERS
            and (last.endswith(L.ADJECTIVE_SUFFIXES) or last in L.ADJECTIVES) and last not in L.TIME_WORDS):
        return True  # "a possible reason", "the scathing remarks"
    if first.low.endswith("ing") and first.low not in L.TIME_WORDS:
        return True
    if a > si:
        prev = toks[a - 1]
        if prev.word and (prev.low in L.AUXILIARIES or prev.low == "to" or prev.low.endswith("ed")):
            return True
    return False
