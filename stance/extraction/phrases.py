"""Noun phrases around a cue: who stands next to it, and where its content starts.

Each function takes the tokens of a :class:`~stance.extraction.document.Document` and token indexes (the cue
``k``, the sentence bounds ``si``/``sj`` or ``lo``/``hi``) and gives the token range ``(a, b)`` of a noun phrase,
or ``None``:

- the source before a cue (:func:`np_before`: "the minister said", "Sen. Ada Holm (D-Maine) on Tuesday said",
  "42% say"), past an insertion (:func:`appositive_np`: "Petrova, the ministry's spokeswoman, said"), past a
  prepositional phrase (:func:`pp_subject`) or a document (:func:`document_issuer`: "she released a statement
  saying");
- the source after a cue (:func:`np_after`: "..., said Kramer"; :func:`nominal_after`: "said one former official";
  :func:`source_after`: "according to the state's records"; :func:`percent_after`: "backed by 34% of the dockers");
- the source between a quotation and its verb (:func:`quote_gap_source`, :func:`quote_nominal`,
  :func:`quote_frame_source`: '“...,” the editorial read.');
- where the content of a cue starts, past its listener and "that" (:func:`skip_object`, :func:`strip_that`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from stance.extraction import lexicon as L
from stance.extraction.document import QUOTE_CHARS, Quote, Token, adjective_like, ends_like_speech, plain_word

__all__ = [
    "np_before", "np_after", "nominal_after", "source_after", "appositive_np", "pp_subject", "document_issuer",
    "percent_after", "quote_gap_source", "quote_nominal", "quote_frame_source", "skip_object", "strip_that",
]


def quote_frame_source(text: str, toks: Sequence[Token], sq: list[Quote], k: int, si: int, sj: int) -> tuple[int, int] | None:
    """The speaker noun phrase when token ``k`` is a verb framing a quotation that ends just before
    that noun phrase ('“We are done,” the editorial read.'), else None."""
    t = toks[k]
    if not (t.word and t.low.isalpha() and (t.low.endswith("ed") or t.low in L.FRAME_VERBS)):
        return None
    nxt = toks[k + 1] if k + 1 < sj else None
    if nxt is not None and not (nxt.text in (".", ",", "!", "?", ";") or nxt.low in L.POST_CUE_ADJUNCTS):
        return None
    np = np_before(toks, k, si)
    if np is None or np[1] != k or np[0] - 1 < si:
        return None
    lead = toks[np[0] - 1].end
    for q in sq:
        if q.end == lead and ends_like_speech(text, q) and not text[q.parts[-1][0]:q.end].rstrip("\"”").endswith("."):
            return np
    return None


def _place_after_noun(toks: Sequence[Token], a: int, b: int, lo: int, lower_count: int) -> bool:
    """Whether the capitalised run ``[a, b)`` (nothing lower-case taken yet) is a place after a preposition ("in",
    "at", ...; :data:`~stance.extraction.lexicon.PLACE_PREPOSITIONS`, a determiner allowed between) that follows a
    lower-case noun, or after "from" that follows a noun for people ("a voter from Columbus")."""
    if lower_count or a >= b or not all(toks[x].upper for x in range(a, b)):
        return False
    p = a - 2 if a - 1 >= lo and toks[a - 1].low in L.DETERMINERS else a - 1
    if p - 1 < lo or not (toks[p].low in L.PLACE_PREPOSITIONS or (toks[p].low == "from" and toks[p - 1].low in L.PERSON_NOUNS)):
        return False
    noun = toks[p - 1]
    return plain_word(noun) and not noun.upper and (noun.low in L.ROLE_NOUNS or noun.low.endswith("s") or not adjective_like(noun.low))


def np_before(toks: Sequence[Token], k: int, lo: int) -> tuple[int, int] | None:
    """Token range [a, b) of the noun phrase that ends just before token ``k`` (skipping
    auxiliaries/adverbs), not reaching before ``lo``."""
    b = k
    while b - 1 >= lo and toks[b - 1].word and (toks[b - 1].low in L.AUXILIARIES or toks[b - 1].low in L.ADVERBS):
        b -= 1
    if (b - 2 >= lo and toks[b - 1].word and not toks[b - 1].upper and toks[b - 1].low.endswith("ly")
            and len(toks[b - 1].low) > 4 and (toks[b - 2].upper or toks[b - 2].low in L.PRONOUNS)):
        b -= 1  # "Trump jokingly said", "she quietly added"
    if (b - 2 >= lo and (toks[b - 1].text == "%" or toks[b - 1].low == "percent")
            and toks[b - 2].text.replace(".", "").isdigit()):
        return (b - 2, b)  # "42% say", "63 percent believe"
    if b - 1 > lo and toks[b - 1].low in L.TIME_WORDS:
        # "Priebus on Thursday told", "who last year threatened"
        c = b - 1
        while c - 1 > lo and b - c < 4 and toks[c - 1].low in L.TIME_WORDS:
            c -= 1  # "on Thursday evening"
        if toks[c - 1].low in L.TIME_PREFIXES:
            c -= 1
        if toks[c].upper or c < b - 1:
            b = c
            while b - 1 >= lo and toks[b - 1].word and (toks[b - 1].low in L.AUXILIARIES or toks[b - 1].low in L.ADVERBS):
                b -= 1
    if b - 1 < lo:
        return None
    post = _postmodified(toks, b, lo)
    if post is not None:
        return post
    if toks[b - 1].text == ")":
        # "Sen. Ada Holm (D-Maine) said": the name is before the parenthesis
        c = b - 2
        while c > lo and toks[c].text != "(" and b - c < 10:
            c -= 1
        if c > lo and toks[c].text == "(":
            b = c
    t = toks[b - 1]
    if t.low in L.PRONOUNS or t.low in L.RELATIVE_PRONOUNS:
        return (b - 1, b)
    a = b
    lower_count = 0
    while a - 1 >= lo:
        t = toks[a - 1]
        if t.word and (t.upper and t.low not in L.NOT_SPEAKER_WORDS):
            a -= 1
            continue
        if t.text in ("’", "'") and a - 2 >= lo and toks[a - 2].end == t.start and toks[a - 2].low.endswith("s") and t.end < toks[a].start:
            a -= 1  # plural possessive: "the voters' choice"
            continue
        if t.low.endswith(("’s", "'s")):
            a -= 1
            continue
        if t.text in (".", "&") and a - 2 >= lo and toks[a - 2].upper and toks[a - 2].end == t.start:
            a -= 1
            continue
        head_noun = (
            a == b
            and a - 2 >= lo
            and t.low.isalpha()
            and t.low not in L.NOT_SPEAKER_WORDS
            and t.low not in L.ADVERBS
            and (toks[a - 2].low in L.DETERMINERS or toks[a - 2].low.endswith(("'s", "’s")))
        )
        if t.word and not t.upper and (t.low in L.ROLE_NOUNS or head_noun or (a == b and t.low.endswith("s") and len(t.low) > 3)) and lower_count < 3:
            if t.low in L.REPORTING_VERBS or t.low in L.AUXILIARIES:
                break
            lower_count += 1
            a -= 1
            continue
        if (t.word and not t.upper and a == b - 1 and lower_count == 1 and not toks[a].upper
                and plain_word(t)):
            # a compound head noun after a clause boundary: ", harbour officials said", ", a harbour
            # spokesman told"
            d = a - 1
            while d - 1 >= lo and a - d < 2 and toks[d - 1].word and not toks[d - 1].upper and plain_word(toks[d - 1]):
                d -= 1
            edge = toks[d - 1] if d - 1 >= lo else None
            if edge is None or edge.text in (",", "—", "–") or edge.low in L.DETERMINERS or edge.low in L.QUANTIFIERS:
                lower_count += a - d
                a = d
                continue
            if (d - 1 == lo and edge.word and edge.upper and edge.low.isalpha() and edge.low not in L.NOT_SPEAKER_WORDS
                    and edge.low not in L.OPENER_WORDS and edge.low not in L.PRONOUNS and toks[b - 1].low not in L.DETERMINERS
                    and not any(toks[x].low.endswith("ed") for x in range(d, a))):
                # the sentence opens with it: "State health officials say", "Law enforcement agencies say"
                lower_count += a - d
                a = d - 1
                continue
        if t.word and not t.upper and a < b and toks[a].upper and lower_count == 0:
            # descriptor before a name: "the engineer Lena Marsh", "harbour master Nils Aho"
            d = a - 1
            while d - 1 >= lo and a - d < 3 and toks[d - 1].word and not toks[d - 1].upper and plain_word(toks[d - 1]):
                d -= 1
            edge = toks[d - 1] if d - 1 >= lo else None
            if all(plain_word(toks[x]) for x in range(d, a)) and (
                edge is None or edge.low in L.DETERMINERS or not edge.word
            ):
                lower_count += a - d
                a = d
                continue
        if t.word and t.low in ("of", "for", "at", "on") and a < b and toks[a].upper and a - 2 >= lo and (toks[a - 2].upper or toks[a - 2].low in L.ROLE_NOUNS):
            a -= 1
            continue
        if _place_after_noun(toks, a, b, lo, lower_count):
            # "federal prosecutors in New York said", "the NBC affiliate in the Bay Area reports": the place belongs
            # to the noun phrase before it, which is the speaker
            a -= 3 if toks[a - 1].low in L.DETERMINERS else 2
            lower_count += 1
            continue
        if t.word and not t.upper and t.low.replace("-", "").isalpha() and a < b and lower_count < 3 and a - 1 > lo and adjective_like(t.low) and (toks[a].upper or toks[a].low in L.ROLE_NOUNS):
            lower_count += 1
            a -= 1
            continue
        break
    if a == b:
        return None
    # determiners / quantifiers on the left edge
    while a - 1 >= lo and toks[a - 1].word and (toks[a - 1].low in L.DETERMINERS or toks[a - 1].low in L.QUANTIFIERS):
        a -= 1
    # strip leading tokens that are sentence-initial function words, or an adverb before a name ("Later Ivo Brandt")
    while a < b and ((toks[a].low in L.NOT_SPEAKER_WORDS and toks[a].low not in L.DETERMINERS and toks[a].low not in L.QUANTIFIERS)
                     or (toks[a].low in L.ADVERBS and a + 1 < b and toks[a + 1].upper)):
        a += 1
    if a >= b:
        return None
    last = toks[b - 1]
    if not last.word:
        return None
    return (a, b)


def _postmodified(toks: Sequence[Token], b: int, lo: int) -> tuple[int, int] | None:
    """The source that ends at ``b`` with a post-modifier, or None: "officials familiar with the plan said", "a source
    close to the president said", "people close to him said", "a senator accused of bribery said", "a person with
    knowledge of the talks said", "a spokesman for the agency said" (a lower-case role noun before "of" / "for" /
    "at"). The phrase right before the cue is the modifier's object, not the source."""
    last = toks[b - 1]
    if not last.word or last.low in L.DETERMINERS or (last.low in L.FUNCTION_WORDS and last.low not in L.PRONOUNS):
        return None
    for p in range(b - 2, max(lo, b - 7), -1):
        t = toks[p]
        if t.text == "." and p - 1 >= lo and toks[p - 1].upper and toks[p - 1].end == t.start:
            continue  # "loyal to Mr. Trump"
        if not t.word or t.low in L.REPORTING_VERBS or t.low in L.RELATIVE_PRONOUNS:
            return None  # a comma, a verb or "who" between: another clause
        if t.low not in L.POSTMODIFIER_PREPS or p - 1 < lo:
            if t.low in L.AUXILIARIES or t.low in L.ADVERBS or t.low == "not" or t.low.endswith(("ly", "n't", "n’t")):
                return None  # "an attorney for Mills did not immediately respond": the object ends before the verb
            continue
        h = p - 1
        if toks[h].low in L.ROLE_NOUNS and t.low in ("of", "for", "at") and not toks[h].upper:
            h = p  # "a spokesman for the agency", "the director of the museum": the role noun heads the source
        elif toks[h].low == "knowledge" and t.low == "of" and h - 1 >= lo and toks[h - 1].low == "with":
            h -= 1
        elif toks[h].low not in L.POSTMODIFIER_HEADS:
            continue
        head = np_before(toks, h, lo) if h - 1 >= lo and toks[h - 1].word else None
        if head is None or head[1] != h or toks[h - 1].low in L.PRONOUNS or toks[h - 1].low in L.RELATIVE_PRONOUNS:
            return None
        if h == p and toks[head[0]].low not in L.DETERMINERS and toks[head[0]].low not in L.QUANTIFIERS:
            return None  # "developer and spokeswoman for the coalition": a role noun heads the source only after "a", "the"
        if head[0] - 1 >= lo and toks[head[0] - 1].text == ",":
            return None  # "Keron Blair, executive director of AROS, said": an appositive, the rules after this find the name
        return (head[0], b)
    return None


def np_after(toks: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """Token range of an inverted subject right after token ``k`` ("said the minister")."""
    a = k + 1
    if a >= hi:
        return None
    t = toks[a]
    if t.low in L.PRONOUNS and t.low != "it":
        return (a, a + 1)
    b = a
    lower_count = 0
    while b < hi and toks[b].word and (toks[b].low in L.DETERMINERS or toks[b].low in L.QUANTIFIERS) and b - a < 2:
        b += 1
    while b < hi:
        t = toks[b]
        if t.word and t.upper and t.low not in L.NOT_SPEAKER_WORDS:
            b += 1
            continue
        if t.word and not t.upper and lower_count < 4 and (t.low in L.ROLE_NOUNS or adjective_like(t.low)) and t.low not in ("in", "at", "on"):
            lower_count += 1
            b += 1
            continue
        if t.word and not t.upper and lower_count < 3 and t.low.endswith(("'s", "’s")) and b + 1 < hi and toks[b + 1].word:
            lower_count += 1  # "said the company's spokeswoman, ..."
            b += 1
            continue
        if t.text in ("’s", "'s") or (t.text == "." and b > a and toks[b - 1].upper and (
                len(toks[b - 1].text) == 1 or (toks[b - 1].low in L.ABBREVIATIONS))):
            b += 1
            continue
        if t.word and t.low in ("of", "for") and b > a and b + 1 < hi and toks[b + 1].upper:
            b += 1
            continue
        break
    if b < hi and toks[b].word and not toks[b].upper:
        # 'said Ohio delegate Tom Miller,', "said Clinton's top policy aide Jake Sullivan.": lower-case
        # title words between the capitalised words of one source, which then ends the clause
        c, n_low = b, lower_count
        while c < hi and toks[c].word and not toks[c].upper and n_low < 4 and toks[c].low not in L.TITLE_STOP \
                and toks[c].low not in L.REPORTING_VERBS:
            c += 1
            n_low += 1
        e = c
        while e < hi and ((toks[e].word and toks[e].upper and toks[e].low not in L.NOT_SPEAKER_WORDS)
                          or (toks[e].text == "." and e > c and toks[e - 1].upper and len(toks[e - 1].text) == 1)):
            e += 1
        if c > b and e > c and (e == hi or toks[e].text in L.AFTER_INVERTED or toks[e].low in L.AFTER_INVERTED):
            b = e
    if b == a:
        return None
    if not any(toks[x].upper or toks[x].low in L.ROLE_NOUNS for x in range(a, b)):
        return None
    return (a, b)

_GAP_NOT_SOURCE = frozenset("and but or so then as while when because if since though although yet nor".split())


def quote_gap_source(text: str, toks: Sequence[Token], sq: list[Quote], k: int, si: int, sj: int, max_gap: int) -> tuple[int, int] | None:
    """The source between a quotation closed after a comma and reporting verb ``toks[k]`` that ends the
    clause ('"...," a spokesman for the board said'): its part before the first comma when that holds a name."""
    n = k + 1
    while n < sj and n - k <= 2 and toks[n].word and not toks[n].upper and (
            toks[n].low in L.ADVERBS or (toks[n].low.endswith("ly") and len(toks[n].low) > 4)):
        n += 1  # '"...," X of the institute wrote recently.'
    nxt = toks[n] if n < sj else None
    if nxt is not None and not (nxt.text in (".", ",", "!", "?") or nxt.low in L.POST_CUE_ADJUNCTS or nxt.low in L.TIME_WORDS
                                or (L.REPORTING_VERBS.get(toks[k].low) in L.TELL_LEMMAS)):
        return None
    b = k
    while b - 1 > si and toks[b - 1].word and (toks[b - 1].low in L.AUXILIARIES or toks[b - 1].low in L.ADVERBS
                                                or (toks[b - 1].low.endswith("ly") and not toks[b - 1].upper)):
        b -= 1
    for q in sq:
        if q.end > toks[k].start or not text[q.parts[-1][0]:q.end].rstrip("\"”’' ").endswith(","):
            continue
        a = bisect.bisect_left([t.start for t in toks[si:k]], q.end) + si
        while a < b and toks[a].text in (",", "”", '"', "'", "’"):
            a += 1
        if a >= b or b - a > max_gap or toks[a].start - q.end > 3 or toks[a].low in _GAP_NOT_SOURCE:
            continue
        if any((not toks[x].word and toks[x].text not in (",", ".", "-", "(", ")")) or toks[x].low in L.REPORTING_VERBS
               for x in range(a, b)):
            continue
        if not any(toks[x].upper or toks[x].low in L.ROLE_NOUNS or toks[x].low in L.DETERMINERS for x in range(a, b)):
            continue
        c = next((x for x in range(a, b) if toks[x].text == ","), None)
        if c is not None and any(toks[x].upper for x in range(a, c)):
            return (a, c)
        return (a, b)
    return None


def quote_nominal(toks: Sequence[Token], k: int, lo: int) -> tuple[int, int] | None:
    """A short lower-case noun phrase opened by a determiner between a closing quote mark and cue ``k``
    ('"...," the 43-year-old asked.')."""
    j = k - 1
    while j > lo and k - j <= 4 and toks[j].word and not toks[j].upper and toks[j].low not in L.TITLE_STOP \
            and toks[j].low not in L.REPORTING_VERBS and toks[j].low not in L.AUXILIARIES:
        j -= 1
    if j <= lo or j >= k - 1 or toks[j].low not in L.NOMINAL_OPENERS:
        return None
    q = toks[j - 1]
    if q.text in ("”", '"') or q.text in QUOTE_CHARS:
        return (j, k)
    return None


def nominal_after(toks: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """A lower-case noun phrase opened by a determiner or number right after cue ``k``
    ("said one person familiar with the talks", "said a senior aide")."""
    a = k + 1
    if a >= hi or toks[a].low not in L.NOMINAL_OPENERS:
        return None
    b = a + 1
    while b < hi and b - a <= 6 and toks[b].word and (
        plain_word(toks[b]) or toks[b].low in L.ROLE_NOUNS or toks[b].upper or toks[b].low in L.DETERMINERS
        or toks[b].low in ("of", "with", "familiar")
    ):
        b += 1
    if b - a < 2 or toks[b - 1].low in ("of", "with") or toks[b - 1].low in L.DETERMINERS:
        return None
    return (a, b)


#: Words that end a bare noun phrase (see :func:`bare_np_after`) or cannot stand in one.
_BARE_STOP = frozenset("of for to in on at with from over about as and or but than who which that".split())


def bare_np_after(toks: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """A lower-case noun phrase without a determiner right after token ``k`` that names people: up to four plain
    words ending in a plural or a role noun ("by opposition leaders", "by human rights groups", "by critics").
    Not a singular common noun: "by mistake", "by phone", "by far"."""
    a = k + 1
    b = a
    while b < hi and b - a < 4 and toks[b].word and not toks[b].upper and plain_word(toks[b]) and toks[b].low not in _BARE_STOP:
        b += 1
    if b == a:
        return None
    last = toks[b - 1].low
    if last in L.ROLE_NOUNS or (len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))):
        return (a, b)
    return None


def source_after(toks: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """The source named after "according to": every token up to the next comma or sentence end
    (at most 30), e.g. "the state's business records"."""
    a = k + 1
    b = a
    while b < hi and b - a < 30 and toks[b].text not in (",", ";", ".", ")", "(", "—", ":", "!", "?"):
        b += 1
    if b < hi and toks[b].text == "." and b + 1 < hi:
        # an abbreviation such as "Mr." or "U.S." does not end the source
        while b < hi and toks[b].text == "." and b + 1 < hi and (toks[b - 1].low in L.ABBREVIATIONS or len(toks[b - 1].text) == 1):
            b += 1
            while b < hi and b - a < 30 and toks[b].text not in (",", ";", ".", ")", "(", "—", ":"):
                b += 1
    if b == a or b - a >= 30:
        return None
    return (a, b)


def skip_object(toks: Sequence[Token], j: int, hi: int) -> int:
    """Skip the listener after "told"/"asked": a pronoun, a listener noun, or a capitalised name
    ("told reporters", "told the Associated Press")."""
    if j >= hi:
        return j
    if toks[j].low in L.LISTENERS:
        return j + 1
    k = j
    if toks[k].low in ("the", "a", "an") and k + 1 < hi and (toks[k + 1].upper or toks[k + 1].low in L.LISTENERS):
        k += 1
    if toks[k].low in L.LISTENERS:
        return k + 1
    if toks[k].upper and toks[k].word:
        while k < hi and toks[k].word and toks[k].upper:
            k += 1
        return k
    return j


def strip_that(toks: Sequence[Token], i: int, hi: int) -> int:
    """Skip an optional object / "that" after a cue: "told reporters that", "said that"."""
    j = i
    # indirect object: "told reporters", "told the Associated Press"
    while j < hi and toks[j].text in (",",):
        j += 1
    if j < hi and toks[j].low == "that":
        return j + 1
    if j < hi and (toks[j].low in L.POST_CUE_ADJUNCTS or toks[j].low in ("privately", "publicly", "repeatedly")):
        # "said on Tuesday that", "said in a statement that"
        k = j + 1
        while k < hi and k - j < 9 and toks[k].low != "that" and toks[k].text not in (",", ".", "“", '"', ":"):
            k += 1
        if k < hi and toks[k].low == "that":
            return k + 1
        if k + 1 < hi and toks[k].text == ":":
            return k + 1  # "said in a statement: “...”"
    return i

_PREPOSITIONS = frozenset("in of at from for on to by with near outside inside during".split())


def appositive_np(toks: Sequence[Token], comma: int, si: int, depth: int) -> tuple[int, int] | None:
    """The speaker before a comma-delimited insertion ending at token ``comma``: "Petrova, the
    ministry's spokeswoman, said"; "Clinton, during a town hall in Columbus, Ohio, said" (a noun
    phrase right after a preposition is part of the insertion, so look one comma further back)."""
    c = comma - 1
    first = None
    for _ in range(depth):
        while c > si and toks[c].text != "," and comma - c < 25:
            c -= 1
        if not (c > si and toks[c].text == ","):
            break
        np = np_before(toks, c, si)
        if np is None:
            break
        if first is None:
            first = np
        if np[0] - 1 < si or toks[np[0] - 1].low not in _PREPOSITIONS:
            return np
        c -= 1
    return first

_PERCENT_OF_MAX = 6


def percent_after(toks: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """A percentage right after token ``k``, with the group it counts ("34%", "42 percent of the
    voters surveyed"), as a token range; else None."""
    a = k + 1
    if not (a + 1 < hi and toks[a].text.replace(".", "").isdigit() and (toks[a + 1].text == "%" or toks[a + 1].low == "percent")):
        return None
    b = a + 2
    if b + 1 < hi and toks[b].low == "of":
        c = b + 1
        while c < hi and c - b <= _PERCENT_OF_MAX and toks[c].word and (
                toks[c].low in L.DETERMINERS or toks[c].upper or plain_word(toks[c]) or toks[c].low in L.ROLE_NOUNS):
            c += 1
        if c > b + 1 and toks[c - 1].low not in L.DETERMINERS:
            b = c
    return (a, b)

_PP_PREPOSITIONS = frozenset("in at during through after from with on via".split())


def pp_subject(toks: Sequence[Token], np: tuple[int, int], si: int) -> tuple[int, int] | None:
    """The named (or pronoun) subject before a prepositional phrase that ends just before a cue
    ("Trump in his announcement speech called"), for a lower-case source ``np`` that is that phrase's object."""
    a, b = np
    if a - 1 <= si or toks[a - 1].low not in _PP_PREPOSITIONS or any(toks[x].upper for x in range(a, b)):
        return None
    np2 = np_before(toks, a - 1, si)
    if np2 is None:
        return None
    t = toks[np2[0]] if np2[1] - np2[0] == 1 else None
    if any(toks[x].upper and toks[x].low not in L.NOT_SPEAKER_WORDS for x in range(np2[0], np2[1])) or (
            t is not None and (t.low in L.PRONOUNS or t.low in L.RELATIVE_PRONOUNS)):
        return np2
    return None


def document_issuer(toks: Sequence[Token], np: tuple[int, int], si: int) -> tuple[int, int] | None:
    """For a source noun phrase like "a statement" right after a verb, the noun phrase before that verb."""
    a, b = np
    if not (b - a <= 3 and toks[b - 1].low in L.DOCUMENT_NOUNS and not any(toks[x].upper for x in range(a, b))):
        return None
    v = a - 1
    if v <= si or not toks[v].word or toks[v].upper or toks[v].low in L.FUNCTION_WORDS:
        return None
    x = v
    while x - 1 > si and toks[x - 1].word and (toks[x - 1].low in L.AUXILIARIES or toks[x - 1].low in L.ADVERBS):
        x -= 1
    return np_before(toks, x, si)
