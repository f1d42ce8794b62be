"""Cues: the reporting cues of the rules, as :class:`Cue` records, and what the learned pass reads about a cue.

:func:`find_rule_cues` takes a :class:`~stance.extraction.document.Document` and one sentence and gives its cues in
order. The other functions take tokens and a cue's token index: the source a learned cue would have
(:func:`cue_np`, :func:`np_kind`, :func:`side_context`: features of the learned model), whether the content after
it reads like a clause (:func:`clause_like`), whether a reporting verb is a noun here (:func:`noun_use`: "his home
state of Texas"), a passive cue ("X was first reported by the Ledger": :func:`passive`, :func:`passive_parts`) and
a raising verb whose content holds its subject ("The vote is expected to pass": :func:`raising`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

from stance.extraction import lexicon as L
from stance.extraction.config import DEFAULT_CONFIG, ExtractionConfig
from stance.extraction.document import QUOTE_CHARS, Document, Quote, Token, content_span
from stance.extraction.phrases import (
    appositive_np,
    bare_np_after,
    nominal_after,
    np_after,
    np_before,
    percent_after,
    quote_frame_source,
    quote_gap_source,
    quote_nominal,
    source_after,
)
from stance.extraction.subjects import appositive_subject

__all__ = [
    "Cue", "find_rule_cues", "cue_np", "np_kind", "side_context", "clause_like", "noun_use", "passive",
    "passive_parts", "raising", "after_quote_comma", "no_speech_before", "RULE_CUE_PARTICLES", "MULTI_CUE_NEXT",
]

_NOUN_DETERMINERS = frozenset("the a an his her their its my our your these those".split())

_AFTER_NOUN = frozenset("of on about to from in at for with by and or was were is are had has have , . ) ; — – -".split())


def noun_use(toks: Sequence[Token], k: int, si: int, sj: int) -> bool:
    """Whether reporting verb ``toks[k]`` is used as a noun or adjective here ("his home state of Texas",
    "Trump's comments", "Aho's proposed bridge"), so it is no cue; "state" and "continue" are cues only before
    "that", ":" or a quotation."""
    low = toks[k].low
    nxt = toks[k + 1] if k + 1 < sj else None
    if low in L.STRICT_CUES:
        # "state" is nearly always the noun, "continues to" the aspect verb: a cue only before
        # "that" / ":" / a quotation (or the end of the clause for "continued"), or for "state" after
        # a pronoun, "to" or an auxiliary
        if nxt is not None and (nxt.low in ("that", ":") or nxt.text in QUOTE_CHARS or (nxt.text in ",." and L.REPORTING_VERBS[low] == "continue")):
            return False
        prev = toks[k - 1] if k > si else None
        return not (L.REPORTING_VERBS[low] == "state" and prev is not None and (
            prev.low in L.PRONOUNS or prev.low in L.RELATIVE_PRONOUNS or prev.low == "to" or prev.low in L.AUXILIARIES))
    if low.endswith("ed") and k > si and k + 1 < sj:
        pt, nt = toks[k - 1], toks[k + 1]
        if (pt.low in _NOUN_DETERMINERS or pt.low.endswith(("'s", "’s"))) and nt.word and not nt.upper and nt.low.isalpha() \
                and nt.low not in L.FUNCTION_WORDS and nt.low not in L.PRONOUNS and nt.low not in L.AUXILIARIES \
                and nt.low not in L.DETERMINERS:
            return True  # "Aho's proposed bridge", "the reported deal": an adjective before a noun
    if low not in L.NOUN_LIKE_CUES:
        return False
    p = toks[k - 1] if k > si else None
    if p is not None and (p.low in _NOUN_DETERMINERS or p.low.endswith(("'s", "’s"))):
        return True  # right after a determiner or possessive: "Trump's comments made earlier", "Editor's note:"
    if k + 1 >= sj or toks[k + 1].low not in _AFTER_NOUN:
        return False
    x = k - 1
    while x >= si and k - x <= 2 and toks[x].word and not toks[x].upper and toks[x].low.isalpha() and not toks[x].low.endswith("s") \
            and toks[x].low not in _NOUN_DETERMINERS and toks[x].low not in L.AUXILIARIES and toks[x].low not in L.PRONOUNS \
            and toks[x].low not in L.FUNCTION_WORDS and not toks[x].low.endswith("ly") and toks[x].low != "that":
        x -= 1
    if x < si:
        return False
    t = toks[x]
    return t.low in _NOUN_DETERMINERS or t.low.endswith(("'s", "’s")) or (t.text in ("'", "’") and x > si and toks[x - 1].low.endswith("s"))


def np_kind(toks: Sequence[Token], np: tuple[int, int] | None, inverted: bool) -> str:
    """A coarse label of a cue's source noun phrase, for the model's features."""
    if np is None:
        return "none"
    if inverted:
        return "inv"
    t = toks[np[0]]
    if np[1] - np[0] == 1 and (t.low in L.PRONOUNS or t.low in L.RELATIVE_PRONOUNS):
        return "pron"
    if any(toks[x].upper for x in range(np[0], np[1])):
        return "name"
    return "nominal"


def cue_np(toks: Sequence[Token], k: int, si: int, sj: int, config: ExtractionConfig = DEFAULT_CONFIG) -> tuple[tuple[int, int] | None, bool]:
    """The source noun phrase of a cue at token ``k``: inverted after it (", said X") or before it
    ("X said", "X, the ministry's spokeswoman, said"), and whether it is inverted."""
    prev = toks[k - 1] if k > si else None
    if prev is not None and prev.text == "," and toks[k].low.endswith("ing"):
        return None, False  # ", arguing that ...": the subject is the main clause's, found by the caller
    if prev is not None and (prev.text in (",", "”", '"') or prev.text in QUOTE_CHARS):
        np = np_after(toks, k, sj)
        if np is not None and (np[1] >= sj or toks[np[1]].text in L.AFTER_INVERTED or toks[np[1]].low in L.AFTER_INVERTED):
            if not (prev.text == "," and appositive_subject(toks, k, si, config.appositive_depth)):
                return np, True
    kk = k
    while kk - 1 > si and toks[kk - 1].word and not toks[kk - 1].upper and (
        toks[kk - 1].low.endswith("ly") or toks[kk - 1].low in _SKIP_BEFORE_CUE
    ):
        kk -= 1
    np = np_before(toks, kk, si)
    if np is not None and toks[np[0]].low in L.RELATIVE_PRONOUNS and np[0] - 1 >= si and toks[np[0] - 1].text == ",":
        np2 = np_before(toks, np[0] - 1, si)
        if np2:
            np = np2
    if np is None and kk - 1 > si and toks[kk - 1].text == ",":
        np = appositive_np(toks, kk - 1, si, config.appositive_depth)
    if np is None:
        x = kk
        while x - 1 >= si and kk - x < 3 and toks[x - 1].word and not toks[x - 1].upper and (
            toks[x - 1].low.isdigit() or (toks[x - 1].low.isalpha() and toks[x - 1].low not in L.NOT_SPEAKER_WORDS
                                          and toks[x - 1].low not in L.REPORTING_VERBS and toks[x - 1].low not in _SKIP_BEFORE_CUE
                                          and toks[x - 1].low not in L.FUNCTION_WORDS)
            or toks[x - 1].low in L.DETERMINERS or toks[x - 1].low in L.QUANTIFIERS
        ):
            x -= 1
        if x < kk:
            np = (x, kk)
    return np, False


def side_context(toks: Sequence[Token], quotes_in_sent: list[Quote], k: int, si: int, sj: int,
                 config: ExtractionConfig = DEFAULT_CONFIG) -> tuple[bool, bool, bool]:
    """(inverted source after the cue, quotation before the cue, quotation after the cue)."""
    np, inverted = cue_np(toks, k, si, sj, config)
    ks, ke = toks[k].start, toks[k].end
    qb = any(q.end <= ks for q in quotes_in_sent)
    qa = any(q.start >= ke for q in quotes_in_sent)
    return inverted, qb, qa

_SKIP_BEFORE_CUE = frozenset("since already not n't never all both now also still".split()) | L.AUXILIARIES | L.ADVERBS


def raising(toks: Sequence[Token], k: int, si: int) -> bool:
    """Whether cue ``toks[k]`` is a raising verb whose content holds its subject ("is expected to",
    "seems to", "is said to")."""
    low = toks[k].low
    if low in L.RAISING_CUES:
        return True
    if low not in L.RAISING_PASSIVE:
        return False
    x = k - 1
    while x >= si and toks[x].word and (toks[x].low in L.ADVERBS or toks[x].low in ("not", "n't", "widely", "also", "still")):
        x -= 1
    return x >= si and toks[x].low in L.BE_FORMS

_PASSIVE_BE = frozenset("is are was were be been being".split())

_PASSIVE_AUX = L.AUXILIARIES | frozenset("must not n't".split())

_PASSIVE_ADJUNCT = frozenset("in on at during last this earlier later yesterday today tonight".split()) | L.TIME_WORDS

_PASSIVE_AGENT_END = frozenset("and but or on in at during last this earlier later yesterday today".split()) | L.TIME_WORDS

_PASSIVE_PREPOSITIONS = frozenset("during at in on after before".split())

_PASSIVE_PP_STOP = frozenset("that whether to as about for and but who which because if".split())

_PASSIVE_SKIP = frozenset("not n't widely also still first long".split())


def passive_parts(text: str, toks: Sequence[Token], pv: tuple, end: int) -> list[tuple[int, int]]:
    """The content parts of a passive cue (see :func:`passive`): the subject's clause, and what
    follows the agent up to character ``end``."""
    x0, be, _agent, rest = pv
    parts = []
    span = content_span(text, toks[x0].start, toks[be].start)
    if span is not None:
        parts.append(span)
        if rest is not None and toks[rest].start < end:
            tail = content_span(text, toks[rest].start, end)
            if tail is not None:
                parts.append(tail)
    return parts


def passive(toks: Sequence[Token], k: int, cb: int, si: int, sj: int) -> tuple[int, int, tuple[int, int] | None, int | None] | None:
    """For a cue ``k`` (ending before token ``cb``) in the passive with at most an agent or an
    adjunct after it: (first token of the content, first token of the verb group, the agent's
    token range or None, the first token of the content after the agent or None). Otherwise None."""
    low = toks[k].low
    if not (low.endswith(("ed", "en", "wn")) or low in ("said", "told", "thought", "heard", "sought")):
        return None
    if L.REPORTING_VERBS.get(low) in L.TELL_LEMMAS or low in L.RAISING_CUES or raising(toks, k, si):
        return None
    x = k - 1
    while x > si and toks[x].word and (toks[x].low in L.ADVERBS or toks[x].low in _PASSIVE_SKIP or (
            toks[x].low.endswith("ly") and len(toks[x].low) > 4)):
        x -= 1
    if not (x > si and toks[x].low in _PASSIVE_BE):
        return None
    be = x
    while be - 1 > si and toks[be - 1].word and toks[be - 1].low in _PASSIVE_AUX:
        be -= 1
    y = cb
    agent = None
    rest = None
    n = 0
    in_pp = False
    while y < sj and n < 12:
        t = toks[y]
        if t.text in (".", "!", "?", ",", ";", ")", "—", "–", ":") or t.text in QUOTE_CHARS:
            break
        if t.low in _PASSIVE_PREPOSITIONS:
            in_pp = True  # "was booed Monday during a breakfast in the city": an adjunct phrase
        elif in_pp and t.word and t.low not in _PASSIVE_PP_STOP and t.low != "by":
            y += 1
            n += 1
            continue
        elif in_pp and t.low in ("and", "but"):
            break
        if t.low == "by":
            agent = np_after(toks, y, sj) or nominal_after(toks, y, sj) or percent_after(toks, y, sj) or bare_np_after(toks, y, sj)
            if agent is None:
                return None
            z = agent[1]
            if z < sj and toks[z].word and toks[z].low not in _PASSIVE_AGENT_END:
                rest = z  # "X has been criticized by Y for failing ...": the content goes on after the agent
            break
        if not t.word or t.low in _PASSIVE_PP_STOP or not (t.low in _PASSIVE_ADJUNCT or t.low in L.ADVERBS or t.upper or t.text[:1].isdigit() or (
                n > 0 and t.low in L.DETERMINERS) or (t.low.endswith("ly") and len(t.low) > 4)):
            return None
        y += 1
        n += 1
    x0 = be
    while x0 - 1 >= si and toks[x0 - 1].low not in L.CLAUSE_STOP:
        x0 -= 1
    if x0 >= be:
        return None
    return x0, be, agent, rest

RULE_CUE_PARTICLES = frozenset("out back up down off about against".split())

MULTI_CUE_NEXT = frozenset("to for on about of at with against".split())

_CLAUSE_WORDS = L.AUXILIARIES | L.PRONOUNS | frozenset("to that not n't".split())


def clause_like(toks: Sequence[Token], a: int, b: int) -> bool:
    """Whether tokens ``[a, b)`` read like a clause: a lower-case auxiliary, pronoun, "to", "that", or a
    past or present-tense verb form."""
    for x in range(a, b):
        t = toks[x]
        if not t.word or t.upper:
            continue
        w = t.low
        if w in _CLAUSE_WORDS or (len(w) > 4 and (w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))))):
            return True
    return False


def after_quote_comma(toks: Sequence[Token], k: int, si: int) -> bool:
    """Whether token ``k`` follows a closing quote mark that follows a comma (',"', ",''", ',”')."""
    x = k - 1
    while x > si and toks[x].text in ('"', "”", "'", "’"):
        x -= 1
    return x < k - 1 and x >= si and toks[x].text == ","


@dataclass(frozen=True)
class Cue:
    """A reporting cue found by the rules, as token indexes into the document.

    ``first`` and ``stop`` bound the cue's tokens (``[first, stop)``: "according to" is two); ``kind`` is ``"verb"``
    (a reporting verb, or any verb framing a quotation), ``"according"``, ``"participle"`` (", adding ...": no source
    of its own) or ``"coordinated"`` ("... and said": idem); ``source`` is the token range of its source noun
    phrase, or ``None``; ``inverted`` says the source stands after the cue (", said the minister").
    """

    first: int
    stop: int
    kind: str
    source: tuple[int, int] | None
    inverted: bool

    def attribution_end(self, toks: Sequence[Token]) -> int:
        """Where the attribution ends, in characters: after an inverted source, else after the cue."""
        return toks[self.source[1] - 1].end if (self.source and self.inverted) else toks[self.stop - 1].end


def no_speech_before(toks: Sequence[Token], k: int, si: int, sj: int) -> bool:
    """Whether reporting verb ``toks[k]`` reports nothing because of the words around it: a page label after it in
    capitals ("READ MORE:"), "to" after "add" / "lie"
    ("adding to the confusion"), or "for" / "of" ("with" after "charged") after the past form of a verb that takes its
    object first, right after a common noun ("the beliefs blamed for the shootings", "a senator accused of bribery",
    "a lawmaker charged with corruption": a reduced passive,
    the noun before is the one blamed, no speaker). After "was", a pronoun or a name it stays a cue ("X was accused
    of ...", "who he accused of ...", "which Hollande blamed for ..."). A word opening a post-modifier after a noun
    (``POSTMODIFIER_HEADS`` before a preposition: "officials briefed on the talks", "Lawmakers loyal to him") is no
    cue either, except a reporting verb after a name ("Kelly charged in her question")."""
    if k + 1 >= sj:
        return False
    nxt, lemma = toks[k + 1].low, L.REPORTING_VERBS.get(toks[k].low)
    if toks[k].text.isupper() and toks[k + 1].text.isupper() and nxt in L.PAGE_LABELS:
        return True  # "READ MORE:", "SEE ALSO:": the page's furniture
    prev = toks[k - 1] if k > si else None
    if (toks[k].low in L.POSTMODIFIER_HEADS and nxt in L.POSTMODIFIER_PREPS and _noun_like(prev)
            # a reporting verb after a name still reports ("Kelly charged in her assault", "Clinton Accused Of ...")
            and not (prev.upper and toks[k].low in L.REPORTING_VERBS)):
        return True  # "officials briefed on the talks", "Lawmakers loyal to him": a modifier of the noun, not its speech
    if nxt == "to":
        return lemma in L.NOT_SPEECH_BEFORE_TO
    passive = (nxt in ("for", "of") and lemma in L.PASSIVE_BEFORE_FOR_OF) or (nxt == "with" and lemma in L.PASSIVE_BEFORE_WITH)
    if not (passive and toks[k].low.endswith("ed")):
        return False
    # right after a common noun: "he accused of ...", "which Hollande blamed for ...", "was accused of" are not
    return _noun_like(prev) and not prev.upper and not prev.low.endswith("ly")


def _noun_like(t: Token | None) -> TypeGuard[Token]:
    """Whether ``t`` may end a noun phrase: a word of letters that is no pronoun, relative pronoun, form of "be",
    function word or adverb."""
    return (t is not None and t.word and t.low.isalpha() and t.low not in L.PRONOUNS and t.low not in L.RELATIVE_PRONOUNS
            and t.low not in _PASSIVE_BE and t.low not in L.FUNCTION_WORDS and t.low not in L.ADVERBS)


def find_rule_cues(doc: Document, si: int, sj: int, sq: list[Quote], config: ExtractionConfig) -> list[Cue]:
    """The cues of the rules in the sentence of tokens ``[si, sj)`` (``sq``: its quotations), in order: a
    reporting verb with a source noun phrase before it ("the minister said", "Sen. Ada Holm (D-Maine) on Tuesday
    said", "X, the ministry's spokeswoman, said") or inverted after it ("..., said Kramer"), a participle or
    coordinated verb with none ("..., adding", "and said"), any verb between the speaker of a quotation and the
    end of the sentence ('“...,” Oliver barked.'), or "according to X". Tokens inside a quotation are no cue."""
    text, toks = doc.text, doc.tokens
    cues: list[Cue] = []
    k = si
    while k < sj:
        t = toks[k]
        if t.word and not doc.in_quote(t.start):
            if t.low == "according" and k + 1 < sj and toks[k + 1].low == "to":
                np = source_after(toks, k + 1, sj)
                if np:
                    cues.append(Cue(k, k + 2, "according", np, True))
                    k = np[1]
                    continue
            if t.low not in L.REPORTING_VERBS and not t.upper:
                np = quote_frame_source(text, toks, sq, k, si, sj)
                if np is not None:
                    # '“...,” Oliver barked.': any verb between a quotation's speaker and the end
                    cues.append(Cue(k, k + 1, "verb", np, False))
                    k += 1
                    continue
            if t.low in L.REPORTING_VERBS and (not t.upper or k == si or L.REPORTING_VERBS[t.low] in L.HEADLINE_LEMMAS) and not (
                    noun_use(toks, k, si, sj)) and not no_speech_before(toks, k, si, sj):
                cue = _verb_cue(doc, k, si, sj, sq, cues[-1] if cues else None, config)
                if cue is not None:
                    cues.append(cue)
                    if cue.inverted and cue.source is not None:
                        k = cue.source[1]
                        continue
        k += 1
    return cues


def _verb_cue(doc: Document, k: int, si: int, sj: int, sq: list[Quote], prev_cue: Cue | None,
              config: ExtractionConfig) -> Cue | None:
    """The cue of reporting verb ``toks[k]``: with its source inverted after it (", said Kramer"; not after an
    opening "Name, <insertion>,") or before it (past a relative pronoun, an insertion, a quotation), a participle
    after a comma or a verb coordinated with the cue before (no source of their own), or none."""
    text, toks = doc.text, doc.tokens
    t = toks[k]
    np = None
    inverted = False
    prev = toks[k - 1] if k > si else None
    lemma = L.REPORTING_VERBS[t.low]
    after_comma = prev is not None and (prev.text == "," or (after_quote_comma(toks, k, si)))
    bare_participle = t.low.endswith("ing") and after_comma
    if bare_participle:
        pass  # ", explaining how ...": no source of its own
    elif (
        t.low in L.INVERSION_VERBS
        and prev is not None
        and (prev.text in (",", "”", '"') or prev.text in QUOTE_CHARS)
    ):
        np = np_after(toks, k, sj)
        if np is None:
            np = nominal_after(toks, k, sj)
        if np is not None and np[1] < sj and toks[np[1]].text not in L.AFTER_INVERTED and toks[np[1]].low not in L.AFTER_INVERTED:
            # '"...," said a longtime GOP data expert who ...': a name inside a lower-case source
            np = nominal_after(toks, k, sj)
            if np is not None and np[1] < sj and toks[np[1]].text not in L.AFTER_INVERTED and toks[np[1]].low not in L.AFTER_INVERTED:
                np = None
        if np is not None and prev.text == "," and appositive_subject(toks, k, si, config.appositive_depth):
            # "Mike Murphy, who ran a super PAC, said the ...": the sentence opens with the
            # speaker and an insertion, so the noun phrase after "said" is content
            np = None
        inverted = np is not None
    if np is None and not bare_participle:
        np = np_before(toks, k, si)
        if np is not None and toks[np[0]].low in L.RELATIVE_PRONOUNS and np[0] - 1 >= si and toks[np[0] - 1].text == ",":
            np2 = np_before(toks, np[0] - 1, si)
            if np2:
                np = np2
        if np is None and k - 1 >= si and toks[k - 1].text == ",":
            # "Petrova, the ministry's spokeswoman, said"
            np = appositive_np(toks, k - 1, si, config.appositive_depth)
        if np is None:
            np = quote_nominal(toks, k, si)
        g = quote_gap_source(text, toks, sq, k, si, sj, config.quote_gap_max)
        if g is not None and (np is None or np[0] != g[0]):
            np = g
    participle = t.low.endswith("ing") and after_comma
    coordinated = (
        prev is not None and prev.low in ("and", "but") and prev_cue is not None and prev_cue.kind == "verb"
    )
    if np is None and participle and lemma in L.STRONG_SPEECH_LEMMAS:
        return Cue(k, k + 1, "participle", None, False)
    if np is None and coordinated:
        return Cue(k, k + 1, "coordinated", None, False)
    if np is None or (lemma not in L.STRONG_SPEECH_LEMMAS and toks[np[0]].low == "it"):
        return None  # "it said" with a weak verb: no speaker
    return Cue(k, k + 1, "verb", np, inverted)
