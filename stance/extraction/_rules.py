"""Rule-based extraction of quoted and reported speech.

The text is read once, left to right, in four passes that are each linear in its length:

1. tokens (words and punctuation with offsets) and paragraphs (runs of non-empty lines);
2. quotations: double quote marks (straight and curly) are paired within a paragraph; a quotation
   left open at the end of a paragraph continues when the next paragraph opens with a quote mark
   (the news convention for multi-paragraph quotes) and otherwise ends with its paragraph, so an
   unclosed mark never runs away; short quotations with no cue beside them are titles or scare
   quotes, not statements;
3. sentences, never split inside a quotation;
4. per sentence, reporting cues (verbs from :mod:`stance.extraction.lexicon` with a speaker next to
   them, "according to X") and the content each one governs; quotations nobody claimed are given to
   the speaker of the previous statement when they follow it.

Speakers are resolved from a pronoun to the person last named, and from a role noun ("the
spokeswoman") to the last person named with that role.

A last pass (:func:`_model_pass`) adds the statements of cues the rules do not know, found by the
learned model of :mod:`stance.extraction._model`; ``extract(text, model=None)`` skips it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from stance.extraction import _model
from stance.extraction import lexicon as L
from stance.extraction._types import Statement
from stance.extraction.config import DEFAULT_CONFIG, ExtractionConfig

__all__ = ["extract"]

# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*|\S")
_OPEN_CURLY = "“„"
_CLOSE_CURLY = "”"
_STRAIGHT = '"'
_QUOTE_CHARS = set(_OPEN_CURLY + _CLOSE_CURLY + _STRAIGHT + "'")
_MARKS = ('"', "“", "”", "„", "''")
_DETERMINERS = frozenset("the a an his her its their our my this that these those".split())
_QUANTIFIERS = frozenset("many some most several other others few all both two three".split())
_CLAUSE_END = frozenset(",;:()—–-")
_SENT_END = frozenset(".!?")
# what may follow an inverted speaker ("..., said the minister, adding"; "said Petrova on Monday")
_AFTER_INVERTED = frozenset(
    ". , ; : ! ? — – ( in on at during last this late early earlier after before who whose when while "
    "from to of told according referring speaking adding noting".split()
) | frozenset(["”", '"', "'"])


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str
    upper: bool  # starts with an upper-case letter
    word: bool


def _tokenize(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        c = t[0]
        out.append(_Tok(m.start(), m.end(), t, t.lower(), c.isupper(), c.isalnum()))
    return out


# ---------------------------------------------------------------------------------------------
# Quotations


@dataclass
class _Quote:
    parts: list[tuple[int, int]]  # each part includes its quote marks
    closed: bool = True
    statement: bool = True
    used: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]






def _quote_frame_source(text: str, toks: list[_Tok], sq: list[_Quote], k: int, si: int, sj: int) -> tuple[int, int] | None:
    """The speaker noun phrase when token ``k`` is a verb framing a quotation that ends just before
    that noun phrase ('“We are done,” the editorial read.'), else None."""
    t = toks[k]
    if not (t.word and t.low.isalpha() and (t.low.endswith("ed") or t.low in L.FRAME_VERBS)):
        return None
    nxt = toks[k + 1] if k + 1 < sj else None
    if nxt is not None and not (nxt.text in (".", ",", "!", "?", ";") or nxt.low in L.POST_CUE_ADJUNCTS):
        return None
    np = _np_before(toks, k, si)
    if np is None or np[1] != k or np[0] - 1 < si:
        return None
    lead = toks[np[0] - 1].end
    for q in sq:
        if q.end == lead and _ends_like_speech(text, q) and not text[q.parts[-1][0]:q.end].rstrip("\"”").endswith("."):
            return np
    return None




def _scan_paragraph(text: str, ps: int, pe: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed quotation spans in one paragraph, and the offset of a quote left open (or None).

    Marks: curly “ ” (and „), straight ", and the doubled apostrophe '' some archives use."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_kind = ""
    i = ps
    find = text.find
    while True:
        nxt = pe
        for ch in _MARKS:
            j = find(ch, i, nxt)
            if j != -1:
                nxt = j
        if nxt >= pe:
            break
        ch = "''" if text.startswith("''", nxt) else text[nxt]
        width = len(ch)
        if ch == "''" and open_kind == "''" and open_at is not None and text.startswith("'''", nxt):
            width = 3  # "... 'inner quote,''' X said": a single quote closes inside the doubled one
        if open_at is None:
            if ch in _OPEN_CURLY:
                open_at, open_kind = nxt, "“"
            elif ch in (_STRAIGHT, "''"):
                prev = text[nxt - 1] if nxt > ps else " "
                if not prev.isalnum():
                    open_at, open_kind = nxt, ch
            # a stray closing mark with nothing open is ignored
        elif (open_kind == "“" and ch == "”") or ch == open_kind or (
            open_kind in ("“", _STRAIGHT) and ch in ("”", _STRAIGHT)
        ):
            # mixed marks ('"We can win,” she said') close each other
            spans.append((open_at, nxt + width))
            open_at = None
        i = nxt + width
    return spans, open_at


def _find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[_Quote]:
    quotes: list[_Quote] = []
    carry: _Quote | None = None
    for ps, pe in paragraphs:
        spans, open_at = _scan_paragraph(text, ps, pe)
        lead = ps
        while lead < pe and text[lead].isspace():
            lead += 1
        if carry is not None:
            if spans and spans[0][0] == lead:
                # the continuation paragraph re-opens and closes the quotation
                carry.parts.append(spans.pop(0))
                carry.closed = True
                quotes.append(carry)
                carry = None
            elif open_at == lead and not spans:
                # re-opened and still not closed: keep carrying
                carry.parts.append((lead, _rstrip_end(text, ps, pe)))
                continue
            else:
                quotes.append(carry)  # unclosed: it ends with its paragraph
                carry = None
        quotes.extend(_Quote([span]) for span in spans)
        if open_at is not None:
            carry = _Quote([(open_at, _rstrip_end(text, ps, pe))], closed=False)
    if carry is not None:
        quotes.append(carry)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _rstrip_end(text: str, ps: int, pe: int) -> int:
    e = pe
    while e > ps and text[e - 1].isspace():
        e -= 1
    return e


def _inner_words(text: str, q: _Quote) -> int:
    return sum(len(text[s:e].split()) for s, e in q.parts)


def _ends_like_speech(text: str, q: _Quote) -> bool:
    s, e = q.parts[-1]
    inner = text[s:e].rstrip("\"”“ ")
    return bool(inner) and inner[-1] in ".,!?…—–-:;"


# ---------------------------------------------------------------------------------------------
# Sentences


def _sentences(
    text: str, toks: list[_Tok], paragraphs: list[tuple[int, int]], quotes: list[_Quote], config: ExtractionConfig = DEFAULT_CONFIG
) -> list[tuple[int, int]]:
    """Sentences as token index ranges [i, j); never split inside a quotation or across paragraphs."""
    # token index ranges covered by quotations (per part)
    qspans = sorted(p for q in quotes for p in q.parts)
    qi = 0
    out: list[tuple[int, int]] = []
    para_ends = [pe for _, pe in paragraphs]
    n = len(toks)
    i = 0
    start = 0
    pidx = 0
    while i < n:
        t = toks[i]
        while pidx < len(para_ends) and para_ends[pidx] <= t.start:
            pidx += 1
        # crossing into a new paragraph ends the sentence
        if i > start and pidx < len(para_ends):
            prev = toks[i - 1]
            if prev.end <= (paragraphs[pidx][0]) <= t.start:
                out.append((start, i))
                start = i
        while qi < len(qspans) and qspans[qi][1] <= t.start:
            qi += 1
        inside = qi < len(qspans) and qspans[qi][0] < t.start and t.end < qspans[qi][1]
        if inside and t.text in _SENT_END and i + 1 < n and (
                toks[i + 1].end == qspans[qi][1] or (t.end < qspans[qi][1] <= t.end + 3 and not text[t.end:qspans[qi][1]].strip("'’"))):
            inside = False  # '... “arbitrary.” Next sentence': the period before the closing mark ends it
        if not inside and t.text in _SENT_END:
            j = i + 1
            while j < n and toks[j].text in ("”", '"', ")", "’", "'") and toks[j].start == toks[j - 1].end:
                j += 1
            if j < n and _boundary_after(text, toks, i, j, config.join_object_max_lower):
                out.append((start, j))
                start = j
                i = j
                continue
        i += 1
    if start < n:
        out.append((start, n))
    return out




def _bounded_sentences(toks: list[_Tok], sents: list[tuple[int, int]], quotes: list[_Quote], max_tokens: int) -> list[tuple[int, int]]:
    """``sents`` with each sentence longer than ``max_tokens`` cut into pieces of about
    that many tokens; a cut falls before a token that no quotation part spans, so quotations stay whole
    (a piece grows past the bound until the quotation ends)."""
    qspans = sorted(p for q in quotes for p in q.parts)
    qi = 0
    out: list[tuple[int, int]] = []
    for i, j in sents:
        if j - i <= max_tokens:
            out.append((i, j))
            continue
        start = i
        for k in range(i + max_tokens, j):
            if k - start < max_tokens:
                continue
            b = toks[k].start
            while qi < len(qspans) and qspans[qi][1] <= b:
                qi += 1
            if qi < len(qspans) and qspans[qi][0] < b:
                continue  # inside a quotation part: no cut here
            out.append((start, k))
            start = k
        out.append((start, j))
    return out


_ATTRIBUTION_TAIL = L.POST_CUE_ADJUNCTS | L.TIME_WORDS | frozenset("to into".split())


_OBJECT_LEMMAS = frozenset(["tell", "ask", "inform", "assure", "remind", "warn", "advise", "urge"])


def _attribution_follows(toks: list[_Tok], j: int, object_max_lower: int) -> bool:
    """Whether tokens from ``j`` are 'Name [, apposition,] verb' ending the sentence or an adjunct."""
    n = len(toks)
    if not _is_name_tok(toks[j]):
        return False
    x = j
    while x < n and x - j < 14 and toks[x].text not in _SENT_END and not (toks[x].text in _QUOTE_CHARS or toks[x].text in _MARKS):
        t = toks[x]
        verb = t.low in L.REPORTING_VERBS or t.low in L.FRAME_VERBS or (
            t.low.endswith("ed") and x + 1 < n and toks[x + 1].text == ".")
        if x > j and t.word and not t.upper and verb and (
                toks[x - 1].text != "," or sum(1 for w in range(j, x) if toks[w].text == ",") == 2):
            y = x + 1
            if y < n and toks[y].word and toks[y].low.endswith("ly") and len(toks[y].low) > 4:
                y += 1
            if y < n and toks[y].low == "back":
                y += 1  # "shot back"
            if L.REPORTING_VERBS.get(t.low) in _OBJECT_LEMMAS:
                # '“... knows?” Trump told the station in an interview.': a short object, then the end or an adjunct
                y0, n_low = y, 0
                while y < n and y - y0 < 6 and toks[y].word and toks[y].low not in L.PRONOUNS and toks[y].low != "that" \
                        and toks[y].low not in _ATTRIBUTION_TAIL:
                    if not (toks[y].upper or toks[y].low in _DETERMINERS or toks[y].low.endswith(("’s", "'s"))):
                        n_low += 1
                        if n_low > object_max_lower:
                            break
                    y += 1
            if y >= n or toks[y].text in (".", ",", "!", "?") or toks[y].low in _ATTRIBUTION_TAIL:
                z = y
                while z < n and toks[z].text not in _SENT_END:
                    if toks[z].low == "that" or (toks[z].text in _QUOTE_CHARS and z <= y + 1):
                        return False
                    z += 1
                return True
            return False
        if t.word and not t.upper and x - j < 2 and t.low not in L.REPORTING_VERBS:
            # only an apposition after a comma may hold lower-case words
            if not any(toks[w].text == "," for w in range(j, x)):
                return False
        x += 1
    return False


def _boundary_after(text: str, toks: list[_Tok], i: int, j: int, object_max_lower: int) -> bool:
    nxt = toks[j]
    if nxt.start == toks[j - 1].end:
        return False
    if j > i + 1 and "\n" not in text[toks[j - 1].end : nxt.start] and _attribution_follows(toks, j, object_max_lower):
        return False
    if toks[i].text == ".":
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.end == toks[i].start:
            if prev.low in L.ABBREVIATIONS or (len(prev.text) == 1 and prev.upper):
                return False
    c = nxt.text[0]
    return c.isupper() or c.isdigit() or c in "“\"‘'(" or "\n" in text[toks[j - 1].end : nxt.start]


# ---------------------------------------------------------------------------------------------
# Speakers


@dataclass
class _Mention:
    start: int | None  # None: a speaker carried over with no mention next to the cue
    end: int | None
    text: str
    name: str | None  # resolved name, or None
    name_start: int | None = None
    name_end: int | None = None
    kind: str = "name"  # name | pronoun | role | nominal


def _is_name_tok(t: _Tok) -> bool:
    return t.word and t.upper and t.low not in L.NOT_SPEAKER_WORDS and t.low not in L.REPORTING_VERBS




def _np_before(toks: list[_Tok], k: int, lo: int) -> tuple[int, int] | None:
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
            and (toks[a - 2].low in _DETERMINERS or toks[a - 2].low.endswith(("'s", "’s")))
        )
        if t.word and not t.upper and (t.low in L.ROLE_NOUNS or head_noun or (a == b and t.low.endswith("s") and len(t.low) > 3)) and lower_count < 3:
            if t.low in L.REPORTING_VERBS or t.low in L.AUXILIARIES:
                break
            lower_count += 1
            a -= 1
            continue
        if (t.word and not t.upper and a == b - 1 and lower_count == 1 and not toks[a].upper
                and _plain_word(t)):
            # a compound head noun after a clause boundary: ", harbour officials said", ", a harbour
            # spokesman told"
            d = a - 1
            while d - 1 >= lo and a - d < 2 and toks[d - 1].word and not toks[d - 1].upper and _plain_word(toks[d - 1]):
                d -= 1
            edge = toks[d - 1] if d - 1 >= lo else None
            if edge is None or edge.text in (",", "—", "–") or edge.low in _DETERMINERS or edge.low in _QUANTIFIERS:
                lower_count += a - d
                a = d
                continue
        if t.word and not t.upper and a < b and toks[a].upper and lower_count == 0:
            # descriptor before a name: "the engineer Lena Marsh", "harbour master Nils Aho"
            d = a - 1
            while d - 1 >= lo and a - d < 3 and toks[d - 1].word and not toks[d - 1].upper and _plain_word(toks[d - 1]):
                d -= 1
            edge = toks[d - 1] if d - 1 >= lo else None
            if all(_plain_word(toks[x]) for x in range(d, a)) and (
                edge is None or edge.low in _DETERMINERS or not edge.word
            ):
                lower_count += a - d
                a = d
                continue
        if t.word and t.low in ("of", "for", "at", "on") and a < b and toks[a].upper and a - 2 >= lo and (toks[a - 2].upper or toks[a - 2].low in L.ROLE_NOUNS):
            a -= 1
            continue
        if t.word and not t.upper and t.low.replace("-", "").isalpha() and a < b and lower_count < 3 and a - 1 > lo and _adjective_like(t.low) and (toks[a].upper or toks[a].low in L.ROLE_NOUNS):
            lower_count += 1
            a -= 1
            continue
        break
    if a == b:
        return None
    # determiners / quantifiers on the left edge
    while a - 1 >= lo and toks[a - 1].word and (toks[a - 1].low in _DETERMINERS or toks[a - 1].low in _QUANTIFIERS):
        a -= 1
    # strip leading tokens that are sentence-initial function words
    while a < b and toks[a].low in L.NOT_SPEAKER_WORDS and toks[a].low not in _DETERMINERS and toks[a].low not in _QUANTIFIERS:
        a += 1
    if a >= b:
        return None
    last = toks[b - 1]
    if not last.word:
        return None
    return (a, b)




def _plain_word(t: _Tok) -> bool:
    return (
        t.word and t.low.isalpha() and t.low not in L.NOT_SPEAKER_WORDS and t.low not in L.REPORTING_VERBS
        and t.low not in L.AUXILIARIES and t.low not in L.ADVERBS and t.low not in L.POST_CUE_ADJUNCTS
    )


def _adjective_like(w: str) -> bool:
    return w.endswith(("al", "ic", "an", "ive", "ary", "ent", "ant", "ous", "ian", "ime", "ior", "ing")) or w in (
        "longtime", "former", "top", "senior", "chief", "deputy", "acting", "veteran", "press",
        "campaign", "foreign", "defense", "interior", "state", "white", "house", "new",
    )




def _np_after(toks: list[_Tok], k: int, hi: int) -> tuple[int, int] | None:
    """Token range of an inverted subject right after token ``k`` ("said the minister")."""
    a = k + 1
    if a >= hi:
        return None
    t = toks[a]
    if t.low in L.PRONOUNS and t.low != "it":
        return (a, a + 1)
    b = a
    lower_count = 0
    while b < hi and toks[b].word and (toks[b].low in _DETERMINERS or toks[b].low in _QUANTIFIERS) and b - a < 2:
        b += 1
    while b < hi:
        t = toks[b]
        if t.word and t.upper and t.low not in L.NOT_SPEAKER_WORDS:
            b += 1
            continue
        if t.word and not t.upper and lower_count < 4 and (t.low in L.ROLE_NOUNS or _adjective_like(t.low)) and t.low not in ("in", "at", "on"):
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
        while c < hi and toks[c].word and not toks[c].upper and n_low < 4 and toks[c].low not in _TITLE_STOP \
                and toks[c].low not in L.REPORTING_VERBS:
            c += 1
            n_low += 1
        e = c
        while e < hi and ((toks[e].word and toks[e].upper and toks[e].low not in L.NOT_SPEAKER_WORDS)
                          or (toks[e].text == "." and e > c and toks[e - 1].upper and len(toks[e - 1].text) == 1)):
            e += 1
        if c > b and e > c and (e == hi or toks[e].text in _AFTER_INVERTED or toks[e].low in _AFTER_INVERTED):
            b = e
    if b == a:
        return None
    if not any(toks[x].upper or toks[x].low in L.ROLE_NOUNS for x in range(a, b)):
        return None
    return (a, b)


_GAP_NOT_SOURCE = frozenset("and but or so then as while when because if since though although yet nor".split())


def _quote_gap_source(text: str, toks: list[_Tok], sq: list[_Quote], k: int, si: int, sj: int, max_gap: int) -> tuple[int, int] | None:
    n = k + 1
    while n < sj and n - k <= 2 and toks[n].word and not toks[n].upper and (
            toks[n].low in L.ADVERBS or (toks[n].low.endswith("ly") and len(toks[n].low) > 4)):
        n += 1  # '"...," X of the institute wrote recently.'
    nxt = toks[n] if n < sj else None
    if nxt is not None and not (nxt.text in (".", ",", "!", "?") or nxt.low in L.POST_CUE_ADJUNCTS or nxt.low in L.TIME_WORDS
                                or (L.REPORTING_VERBS.get(toks[k].low) in _OBJECT_LEMMAS)):
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
        if not any(toks[x].upper or toks[x].low in L.ROLE_NOUNS or toks[x].low in _DETERMINERS for x in range(a, b)):
            continue
        c = next((x for x in range(a, b) if toks[x].text == ","), None)
        if c is not None and any(toks[x].upper for x in range(a, c)):
            return (a, c)
        return (a, b)
    return None




def _quote_nominal(toks: list[_Tok], k: int, lo: int) -> tuple[int, int] | None:
    j = k - 1
    while j > lo and k - j <= 4 and toks[j].word and not toks[j].upper and toks[j].low not in _TITLE_STOP \
            and toks[j].low not in L.REPORTING_VERBS and toks[j].low not in L.AUXILIARIES:
        j -= 1
    if j <= lo or j >= k - 1 or toks[j].low not in _NOMINAL_OPENERS:
        return None
    q = toks[j - 1]
    if q.text in ("”", '"') or q.text in _QUOTE_CHARS:
        return (j, k)
    return None


_TITLE_STOP = _DETERMINERS | _QUANTIFIERS | frozenset(
    "and or but in at on to of for with by from as that who which when while after before during "
    "is was were are has had have be been not also then".split()
)


_NOMINAL_OPENERS = _DETERMINERS | _QUANTIFIERS | frozenset(["one"])


def _nominal_after(toks: list[_Tok], k: int, hi: int) -> tuple[int, int] | None:
    """A lower-case noun phrase opened by a determiner or number right after cue ``k``
    ("said one person familiar with the talks", "said a senior aide")."""
    a = k + 1
    if a >= hi or toks[a].low not in _NOMINAL_OPENERS:
        return None
    b = a + 1
    while b < hi and b - a <= 6 and toks[b].word and (
        _plain_word(toks[b]) or toks[b].low in L.ROLE_NOUNS or toks[b].upper or toks[b].low in _DETERMINERS
        or toks[b].low in ("of", "with", "familiar")
    ):
        b += 1
    if b - a < 2 or toks[b - 1].low in ("of", "with") or toks[b - 1].low in _DETERMINERS:
        return None
    return (a, b)


def _source_after(toks: list[_Tok], k: int, hi: int) -> tuple[int, int] | None:
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


@dataclass
class _Resolver:
    """Pronoun and role resolution from the names seen so far."""

    text: str
    name_pos: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    last_person: str | None = None
    last_person_pos: int = -1

    def index_names(self, toks: list[_Tok], sent_starts: set[int]) -> None:
        """Record capitalised runs that may name people; a run counts as a person when its last
        token is the surname of some multi-word name in the text ("Ingrid Halvard" ... "Halvard")."""
        i, n = 0, len(toks)
        while i < n:
            if toks[i].word and toks[i].upper:
                j = i
                while j < n and toks[j].word and toks[j].upper:
                    j += 1
                    # "Mr. Kasich", "Gov. John Kasich": an abbreviated title and its period stay in the run
                    if (j + 1 < n and toks[j].text == "." and toks[j - 1].low in L.ABBREVIATIONS
                            and toks[j + 1].word and toks[j + 1].upper and toks[j].start == toks[j - 1].end):
                        j += 1
                a = i
                if a in sent_starts and toks[a].low in L.NOT_SPEAKER_WORDS:
                    a += 1
                run = toks[a:j]
                if run and not any(t.low in L.ORG_WORDS for t in run) and not any(
                    t.low in L.NOT_SPEAKER_WORDS or t.low in L.REPORTING_VERBS for t in run
                ):
                    # role titles before a name: "Minister Anna Petrova"
                    k = 0
                    for x in range(len(run) - 1):
                        if run[x].low in L.ROLE_NOUNS:
                            k = x + 1
                    if k:
                        self.roles_seen.append((run[k].start, run[k - 1].low, run[k:]))
                    while k + 3 < len(run) and run[k].low in L.ABBREVIATIONS and run[k + 1].text == ".":
                        k += 2  # "Gov. John Kasich" -> "John Kasich"; "Mr. Kasich" stays whole
                    while k < len(run) - 1 and run[k].text == ".":
                        k += 1  # after a role title: "Sen. Ada Holm" -> "Ada Holm"
                    name_toks = run[k:]
                    if len(name_toks) >= 2:
                        self.surnames.add(name_toks[-1].low)
                    self.name_pos.append(name_toks[0].start)
                    self.names.append(self.text[name_toks[0].start : name_toks[-1].end])
                    # role noun right before the run: "spokeswoman Anna Petrova"
                    if a > 0 and toks[a - 1].low in L.ROLE_NOUNS:
                        self.roles_seen.append((run[0].start, toks[a - 1].low, run))
                i = j
            else:
                i += 1

    roles_seen: list = field(default_factory=list)
    surnames: set = field(default_factory=set)

    #: element i: the index of the last name up to ``names[i]`` that ends in a known surname, or -1;
    #: built on first use, after :meth:`index_names` has seen every name
    _surname_idx: list[int] | None = None

    def _last_surname_index(self, idx: int) -> int:
        if self._surname_idx is None or len(self._surname_idx) != len(self.names):
            best, last = [], -1
            for i, name in enumerate(self.names):
                if name.split()[-1].lower() in self.surnames:
                    last = i
                best.append(last)
            self._surname_idx = best
        return self._surname_idx[idx] if idx >= 0 else -1

    def person_before(self, pos: int) -> str | None:
        idx = bisect.bisect_left(self.name_pos, pos) - 1
        stop = idx - 200  # bounded look-back (as far as the last 200 names)
        idx = self._last_surname_index(idx)
        if idx <= stop:
            idx = -1
        cand = self.names[idx] if idx >= 0 else None
        cand_pos = self.name_pos[idx] if idx >= 0 else -1
        if self.last_person is not None and self.last_person_pos >= cand_pos - 0:
            return self.last_person
        return cand or self.last_person

    def role_before(self, role: str, pos: int) -> str | None:
        best = None
        for p, r, run in self.roles_seen:
            if p >= pos:
                break
            if r == role:
                best = self.text[run[0].start : run[-1].end]
        return best


#: Pronouns that never open a name's noun phrase (unlike "we"/"you": "We Democrats").
_PRONOUNS_BEFORE_NAME = frozenset("he she it i they him them me".split())


def _make_mention(text: str, toks: list[_Tok], a: int, b: int, res: _Resolver) -> _Mention:
    # "according to she Mr.", "she Mr said": a pronoun run into a name is not part of the mention, whose offsets
    # must cover the speaker as written ("we"/"you" stay: "We Democrats"); the mention starts after the last one.
    # Only before a name: in "experts I spoke" the pronoun opens a clause, and what is left is no speaker either.
    if toks[b - 1].upper:
        a = max((x + 1 for x in range(a, b - 1) if toks[x].low in _PRONOUNS_BEFORE_NAME), default=a)
    s, e = toks[a].start, toks[b - 1].end
    written = text[s:e]
    low = toks[a].low
    if b - a == 1:
        contracted = _contraction_mention(text, toks[a], res)
        if contracted is not None:
            return contracted  # "He's hoping ...": the pronoun, not "He's" as a name
    if b - a == 1 and low in L.PRONOUNS:
        name = res.person_before(s) if low in L.PERSON_PRONOUNS else None
        return _Mention(s, e, written, name, kind="pronoun")
    if b - a == 1 and low in L.RELATIVE_PRONOUNS:
        return _Mention(s, e, written, res.person_before(s), kind="pronoun")
    # trailing capitalised run = the name
    j = b
    while j > a and (toks[j - 1].upper or toks[j - 1].text in (".", "’s", "'s")):
        j -= 1
    while j < b and not toks[j].upper:
        j += 1
    if a < j - 1 < b and toks[j - 1].low == "of":
        # "President Ingrid Halvard of Norvania", "the mayor of Kestrava": the head is before "of", not the place
        h = j - 1
        while h > a and (toks[h - 1].upper or toks[h - 1].text == "."):
            h -= 1
        person = [x for x in range(h, j - 1) if toks[x].upper and toks[x].low not in L.ROLE_NOUNS]
        if len(person) >= 2:
            b, j = j - 1, h
        elif h == j - 1 and toks[j - 2].word and toks[j - 2].low in L.ROLE_NOUNS:
            return _Mention(s, e, written, written, s, e, kind="nominal")
    if j < b:
        # role noun(s) before the name: name is the run after the last role noun
        k = j
        for x in range(j, b):
            if toks[x].low in L.ROLE_NOUNS and x + 1 < b:
                k = x + 1
        name_s, name_e = toks[k].start, toks[b - 1].end
        if toks[b - 1].text in ("’s", "'s"):
            return _Mention(s, e, written, written, s, e, kind="nominal")
        name = text[name_s:name_e]
        is_org = any(toks[x].low in L.ORG_WORDS for x in range(k, b))
        if not is_org:
            res.last_person, res.last_person_pos = name, s
        return _Mention(s, e, written, name if not is_org else written, name_s if not is_org else s,
                        name_e if not is_org else e, kind="name")
    # all lower-case: a role ("the spokeswoman") or a nominal ("officials")
    head = toks[b - 1].low
    if head in L.ROLE_NOUNS and low in ("the", "a", "an", "his", "her", "their"):
        resolved = res.role_before(head, s) if low == "the" else None
        if resolved:
            return _Mention(s, e, written, resolved, kind="role")
    return _Mention(s, e, written, written, s, e, kind="nominal")


# ---------------------------------------------------------------------------------------------
# Main pass


def _content_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e - s < 3:
        return None
    return s, e


def _skip_object(toks: list[_Tok], j: int, hi: int) -> int:
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


def _strip_that(toks: list[_Tok], i: int, hi: int) -> int:
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


_DEFAULT = object()


def extract(text: str, model: object = _DEFAULT, cue_probs: dict[int, float] | None = None,
            config: ExtractionConfig = DEFAULT_CONFIG) -> list[Statement]:
    """Statements in ``text`` (see :func:`stance.extraction.extract_statements`).

    ``model`` is the learned-cue model (default: the packaged one, see :mod:`._model`); ``None``
    runs the rules alone. ``cue_probs``, when given, receives the cue offset -> cue probability of
    each statement of a learned cue (for experiments: ``training/experiments/extraction``)."""
    if not text.strip():
        return []
    toks = _tokenize(text)
    paragraphs = _paragraphs(text)
    quotes = _find_quotes(text, paragraphs)
    sents = _bounded_sentences(toks, _sentences(text, toks, paragraphs, quotes, config), quotes, config.sentence_max_tokens)
    sent_starts = {a for a, _ in sents}
    res = _Resolver(text)
    res.index_names(toks, sent_starts)

    tok_starts = [t.start for t in toks]
    quote_marks = _quote_mark_counts(toks)
    word_counts = _word_counts(toks)
    # mark statement quotes vs scare quotes / titles later, once cues are known
    q_starts = [q.start for q in quotes]

    def quotes_in(s: int, e: int) -> list[_Quote]:
        lo = bisect.bisect_left(q_starts, s)
        out = []
        for qi in range(lo, len(quotes)):
            q = quotes[qi]
            if q.start >= e:
                break
            out.append(q)
        return out

    def in_quote(pos: int) -> bool:
        idx = bisect.bisect_right(q_starts, pos) - 1
        while idx >= 0:
            q = quotes[idx]
            for s, e in q.parts:
                if s <= pos < e:
                    return True
            if q.end < pos - 20000:
                break
            idx -= 1
            if idx >= 0 and quotes[idx].end <= pos:
                break
        return False

    statements: list[Statement] = []
    rule_cue_toks: set[int] = set()
    last_speaker: _Mention | None = None
    last_end = -1
    pending_colon: tuple[_Mention | None, tuple[int, int]] | None = None

    for (si, sj) in sents:
        s_start, s_end = toks[si].start, toks[sj - 1].end
        sq = quotes_in(s_start, s_end)
        # cues outside quotes
        cues: list[tuple[int, int, str, tuple[int, int] | None, bool]] = []  # (tok_i, tok_j, kind, np, inverted)
        k = si
        while k < sj:
            t = toks[k]
            if t.word and not in_quote(t.start):
                if t.low == "according" and k + 1 < sj and toks[k + 1].low == "to":
                    np = _source_after(toks, k + 1, sj)
                    if np:
                        cues.append((k, k + 2, "according", np, True))
                        k = np[1]
                        continue
                if t.low not in L.REPORTING_VERBS and not t.upper:
                    np = _quote_frame_source(text, toks, sq, k, si, sj)
                    if np is not None:
                        # '“...,” Oliver barked.': any verb between a quotation's speaker and the end
                        cues.append((k, k + 1, "verb", np, False))
                        k += 1
                        continue
                if t.low in L.REPORTING_VERBS and (not t.upper or k == si or L.REPORTING_VERBS[t.low] in L.HEADLINE_LEMMAS) and not (
                        _noun_use(toks, k, si, sj)) and not (
                        k + 1 < sj and toks[k + 1].low == "to" and L.REPORTING_VERBS[t.low] in _NOT_SPEECH_BEFORE_TO):
                    np = None
                    inverted = False
                    prev = toks[k - 1] if k > si else None
                    lemma = L.REPORTING_VERBS[t.low]
                    after_comma = prev is not None and (prev.text == "," or (_after_quote_comma(toks, k, si)))
                    bare_participle = t.low.endswith("ing") and after_comma
                    if bare_participle:
                        pass  # ", explaining how ...": no source of its own
                    elif (
                        t.low in L.INVERSION_VERBS
                        and prev is not None
                        and (prev.text in (",", "”", '"') or prev.text in _QUOTE_CHARS)
                    ):
                        np = _np_after(toks, k, sj)
                        if np is None:
                            np = _nominal_after(toks, k, sj)
                        if np is not None and np[1] < sj and toks[np[1]].text not in _AFTER_INVERTED and toks[np[1]].low not in _AFTER_INVERTED:
                            np = None
                            # '"...," said a longtime GOP data expert who ...': a name inside a lower-case source
                            np = _nominal_after(toks, k, sj)
                            if np is not None and np[1] < sj and toks[np[1]].text not in _AFTER_INVERTED and toks[np[1]].low not in _AFTER_INVERTED:
                                np = None
                        if np is not None and prev.text == "," and _appositive_subject(toks, k, si, config.appositive_depth):
                            # "Mike Murphy, who ran a super PAC, said the ...": the sentence opens with the
                            # speaker and an insertion, so the noun phrase after "said" is content
                            np = None
                        inverted = np is not None
                    if np is None and not bare_participle:
                        np = _np_before(toks, k, si)
                        if np is not None and toks[np[0]].low in L.RELATIVE_PRONOUNS and np[0] - 1 >= si and toks[np[0] - 1].text == ",":
                            np2 = _np_before(toks, np[0] - 1, si)
                            if np2:
                                np = np2
                        if np is None and k - 1 >= si and toks[k - 1].text == ",":
                            # "Petrova, the ministry's spokeswoman, said"
                            np = _appositive_np(toks, k - 1, si, config.appositive_depth)
                        if np is None:
                            np = _quote_nominal(toks, k, si)
                        g = _quote_gap_source(text, toks, sq, k, si, sj, config.quote_gap_max)
                        if g is not None and (np is None or np[0] != g[0]):
                            np = g
                    participle = t.low.endswith("ing") and after_comma
                    coordinated = (
                        prev is not None and prev.low in ("and", "but") and cues and cues[-1][2] == "verb"
                    )
                    if np is None and participle and lemma in L.STRONG_SPEECH_LEMMAS:
                        cues.append((k, k + 1, "participle", None, False))
                    elif np is None and coordinated:
                        cues.append((k, k + 1, "coordinated", None, False))
                    elif np is not None:
                        if lemma not in L.STRONG_SPEECH_LEMMAS and toks[np[0]].low in ("it",):
                            pass
                        else:
                            cues.append((k, k + 1, "verb", np, inverted))
                            if inverted:
                                k = np[1]
                                continue
            k += 1

        stmt_quotes = [q for q in sq if not q.used]
        if not cues:
            if pending_colon is not None and stmt_quotes:
                mention, cue_span = pending_colon
                for q in stmt_quotes:
                    _emit_quote(statements, config, text, q, mention, cue_span)
                    q.used = True
                last_speaker = mention or last_speaker
                pending_colon = None
                last_end = s_end
                continue
            for q in stmt_quotes:
                if _inner_words(text, q) > L.SCARE_QUOTE_MAX_WORDS and q.start - s_start < 40:
                    prev_st = statements[-1] if statements else None
                    if (prev_st is not None
                            and prev_st.end <= q.start and "\n" not in text[prev_st.end : q.start]):
                        # another quotation later in the same paragraph: part of the same statement
                        parts = list(prev_st.parts or ((prev_st.start, prev_st.end),)) + list(q.parts)
                        statements.pop()
                        _emit(statements, config, text, parts, _Mention(prev_st.speaker_start, prev_st.speaker_end, "", prev_st.speaker)
                              if prev_st.speaker_start is not None else None,
                              (prev_st.cue_start, prev_st.cue_end) if prev_st.cue_start is not None and prev_st.cue_end is not None else None,
                              "direct" if prev_st.kind == "direct" else "mixed")
                        q.used = True
                        last_end = q.end
                        continue
                    mention = last_speaker if (last_speaker and q.start - last_end < 1500) else None
                    cue_word: tuple[int, int] | None = None
                    mention = _quote_signature(text, q) or mention
                    if q.start > s_start:
                        # "Hannity interjected: “...”": the subject of the words before the quotation speaks
                        qk = bisect.bisect_left(tok_starts, q.start)
                        if si + 2 <= qk - 1 and toks[qk - 1].text in (":", ","):
                            subj = _sentence_subject(toks, si, qk - 1)
                            if subj is None:
                                subj = _last_clause_subject(toks, si, qk - 1)
                            if subj is not None and subj[1] < qk - 1 and any(
                                    (toks[x].upper and toks[x].low not in _DETERMINERS) or toks[x].low in L.PRONOUNS
                                    or toks[x].low in L.ROLE_NOUNS for x in range(subj[0], subj[1])):
                                mention = _make_mention(text, toks, subj[0], subj[1], res)
                                cue_word = (toks[subj[1]].start, toks[qk - 2].end)
                    _emit_quote(statements, config, text, q, mention, cue_word)
                    q.used = True
            if toks[sj - 1].text == ":" and not stmt_quotes and sj - si >= 3:
                # "X issued the following statement:" and the quotation in the next paragraph
                subj = _sentence_subject(toks, si, sj - 1)
                if subj is not None and any((toks[x].upper and toks[x].low not in _DETERMINERS) or toks[x].low in L.PRONOUNS or toks[x].low in L.ROLE_NOUNS
                                            for x in range(subj[0], subj[1])):
                    pending_colon = (_make_mention(text, toks, subj[0], subj[1], res), (toks[subj[1]].start, toks[sj - 1].end))
            continue
        pending_colon = None
        for c in cues:
            rule_cue_toks.update(range(c[0], c[1]))

        for ci, (ca, cb, ckind, np, inverted) in enumerate(cues):
            cue_s, cue_e = toks[ca].start, toks[cb - 1].end
            cue_span = (cue_s, cue_e)
            if np and not inverted:
                np = _document_issuer(toks, np, si) or np
            if np and not inverted:
                np = _pp_subject(toks, np, si) or np
            if np and not inverted and _implausible_source(toks, np, si):
                subj = _sentence_subject(toks, si, ca)
                if subj is not None and subj[1] <= np[0]:
                    np = subj
            if np:
                mention = _who_fix(toks, np, ca, _make_mention(text, toks, np[0], np[1], res))
            elif ckind in ("participle", "coordinated"):
                mention = last_speaker
                if not (ci > 0 and cues[ci - 1][3] is not None):
                    subj = _sentence_subject(toks, si, ca)
                    if subj is not None:
                        mention = _make_mention(text, toks, subj[0], subj[1], res)
            else:
                mention = None
            if mention is not None and np is not None:
                last_speaker = mention
            attr_s = toks[np[0]].start if (np and not inverted) else cue_s
            attr_e = toks[np[1] - 1].end if (np and inverted) else cue_e
            # 1. a quote right before the attribution ("...," she said)
            before_q = None
            for q in stmt_quotes:
                if not q.used and q.end <= attr_s and not text[q.end : attr_s].strip(" ,—–-\n\xa0"):
                    before_q = q
            if (
                before_q is not None
                and _inner_words(text, before_q) <= L.SCARE_QUOTE_MAX_WORDS
                and _that_clause(toks, np[1] if inverted and np else cb, sj)
            ):
                # 'On ABC's “This Week,” Carson admitted that ...': a title before the attribution, the
                # content is the clause after "that"
                before_q = None
            if before_q is not None and ckind == "participle" and toks[ca - 1].text != ",":
                before_q = None  # '... were "overblown," adding that ...': the quotation is not the participle's
            if before_q is not None and ckind != "according":
                parts = list(before_q.parts)
                before_q.used = True
                # continuation quote after the attribution, in the same paragraph
                joined = False
                for q in stmt_quotes:
                    if not q.used and q.start >= attr_e:
                        gap = text[attr_e : q.start]
                        if "\n" not in gap and len(gap) < 200 and not _has_cue_between(toks, tok_starts, attr_e, q.start) and not (
                                _inner_words(text, q) <= L.SCARE_QUOTE_MAX_WORDS and gap.strip(" ,")):
                            parts.extend(q.parts)
                            q.used = True
                            joined = True
                        break
                if not joined:
                    # "“A,” she said. “B.”": the quotation opening the next sentence continues it
                    qn = bisect.bisect_left(q_starts, attr_e)
                    if qn < len(quotes) and not quotes[qn].used:
                        q = quotes[qn]
                        gap = text[attr_e : q.start]
                        if "\n" not in gap and gap.strip() in (".", "") and gap.strip() == ".":
                            parts.extend(q.parts)
                            q.used = True
                kind = "direct"
                if len(parts) == 1 and ci == 0:
                    # 'Their plan may be "strategic," said X': the clause around the quotation
                    lead = _content_span(text, s_start, parts[0][0])
                    if lead is not None and len(text[lead[0]:lead[1]].split()) >= 2 and not _has_cue_between(
                        toks, tok_starts, lead[0], lead[1]
                    ) and not text[lead[0]:lead[1]].rstrip().endswith(":"):
                        parts = [(lead[0], parts[0][1])]
                        kind = "mixed"
                _emit(statements, config, text, parts, mention, cue_span, kind)
                last_end = parts[-1][1]
                continue
            # 2. inverted attribution with no quote: "content, said X." (quote marks lost)
            if inverted and ckind == "verb":
                lo = s_start if ci == 0 else _cue_end(toks, cues[ci - 1])
                span = _content_span(text, lo, attr_s)
                if span is not None:
                    kind = _kind_for(text, [span], stmt_quotes)
                    _emit(statements, config, text, [span], mention, cue_span, kind)
                    last_end = span[1]
                continue
            # 3. cue then content after it
            after_tok = (np[1] if inverted and np else cb)
            # skip the object of tell/ask etc. and "that"
            j = after_tok
            if ckind == "verb" and L.REPORTING_VERBS.get(toks[ca].low) in ("tell", "ask", "inform", "assure", "remind", "warn", "advise", "urge"):
                j = _skip_object(toks, j, sj)
            if not inverted and j == cb and j + 1 < sj and toks[j].low in _RULE_CUE_PARTICLES:
                j += 1  # "pointed out that ...", "complained about the fees": the particle is part of the cue
                cue_span = (cue_s, toks[j - 1].end)
            j0 = j
            j = _strip_that(toks, j, sj)
            # "X asserted that, abortion aside, ...": after "that" a comma opens an aside, not an adjunct
            had_that = j > j0 and toks[j0].low == "that"
            next_boundary = s_end
            nci = ci + 1
            while nci < len(cues) and j < sj and nci - ci <= config.next_cue_skip_max and (
                    _cue_without_content(toks, quote_marks, cues, nci, j, sj, config.adjunct_content_max)
                    or (_dangling_cut(toks, cues[nci], j))):
                nci += 1  # "X said she was joking.", "... as many as 30 percent of [the voters say]": part of this content
            next_np = cues[nci][3] if nci < len(cues) else None
            if (ci == 0 and ckind == "verb" and np is not None and not inverted
                    and np[0] - 1 > si and toks[np[0] - 1].text == "," and next_np is not None and not cues[nci][4]
                    and next_np[0] == j and cues[nci][2] == "verb"):
                continue  # "In May, Trump said he believes ...": the opening phrase is not this content
            if nci < len(cues):
                na, nb, nk, nnp, ninv = cues[nci]
                nstart = toks[nnp[0]].start if (nnp and not ninv) else toks[na].start
                if nstart <= cue_e:
                    # "Holm, who said A, said B": the next cue's source stands before this cue, so
                    # this content ends where the next cue's clause does, at the comma before it
                    nstart = toks[na].start
                # cut before ", adding" / ", and X said" / ", but Y said" / ", while Y argued"
                next_boundary = max(_cut_before_link(text, s_start, nstart), cue_e)
                if j < sj:
                    for q in stmt_quotes:
                        if (not q.used and q.start > toks[j].start and q.end <= nstart and q.start < next_boundary
                                and not text[q.end:nstart].strip(" ,—–-\n\xa0") and text[:q.start].rstrip().endswith(":")):
                            # "... explaining it was stuck: “Trust me ...,” Sullivan wrote.": the quotation is the next cue's
                            next_boundary = max(q.start, cue_e)
                            break
            if ckind == "according":
                # "according to X, content" or "content, according to X"
                pre = _content_span(text, s_start, cue_s)
                post = _content_span(text, attr_e, s_end)
                parts = [p for p in (pre, post) if p]
                if parts:
                    _emit(statements, config, text, parts, mention, cue_span, _kind_for(text, parts, stmt_quotes))
                    last_end = s_end
                continue
            # words from j to the end of the sentence that start before next_boundary (prefix counts)
            after_hi = min(sj, bisect.bisect_left(tok_starts, next_boundary))
            after_words = word_counts[after_hi] - word_counts[j] if after_hi > j else 0
            adjunct = j < sj and (toks[j].low in L.POST_CUE_ADJUNCTS or toks[j].text in ".,") and not had_that
            comma_before = np is not None and not inverted and np[0] - 1 >= si and toks[np[0] - 1].text in (",", "”", '"', "'", "’")
            clause_before = toks[si].low not in L.INTRO_WORDS and (np[0] - si if np else 0) >= 5
            min_after = 2
            if ci == 0 and (
                any(toks[x].low == "asked" for x in range(si, min(si + 2, sj)))
                or any(q.start >= cue_e and not text[cue_e : q.start].strip(" ,:") for q in stmt_quotes if not q.used)
            ):
                # "Asked whether ..., Priebus said, “Probably.”": the opening clause is the question, and
                # a quotation right after the cue is the content, however short
                clause_before = False
                min_after = 1
            if comma_before and clause_before and ci == 0 and (adjunct or after_words < 3):
                j = sj  # "content, X said at a news conference." -> content is before
            pv = _passive(toks, ca, cb, si, sj) if (ckind == "verb" and not inverted) else None
            if pv is not None:
                x0, be, agent, _rest = pv
                pparts = _passive_parts(text, toks, pv, next_boundary)
                if pparts:
                    mention = _make_mention(text, toks, agent[0], agent[1], res) if agent else None
                    if mention is not None:
                        last_speaker = mention
                    _emit(statements, config, text, pparts, mention, (toks[be].start, cue_e), _kind_for(text, pparts, stmt_quotes),
                          keep_short=True)
                    last_end = pparts[-1][1]
                    continue
            if j < sj and toks[j].start < next_boundary and after_words >= min_after:
                cs = toks[j].start
                if _raising(toks, ca, si) and np is not None and not inverted and ckind == "verb":
                    x = np[0]
                    while x - 1 >= si and toks[x - 1].low not in _RAISING_STOP:
                        x -= 1
                    cs = toks[x].start  # "The vote is expected to pass": the content holds the subject
                span = _content_span(text, cs, next_boundary)
                if text[cs - 1 : cs + 1].strip().endswith(":") or (j > 0 and toks[j - 1].text == ":" and toks[j].start >= s_end):
                    pass
                if span is not None:
                    qs_in = [q for q in stmt_quotes if not q.used and q.start >= span[0] - 1 and q.end <= span[1] + 1]
                    if len(qs_in) == 1 and abs(qs_in[0].start - span[0]) <= 1 and abs(qs_in[0].end - span[1]) <= 2:
                        q = qs_in[0]
                        q.used = True
                        _emit(statements, config, text, list(q.parts), mention, cue_span, "direct")
                        last_end = q.end
                        continue
                    for q in qs_in:
                        q.used = True
                    kind = "mixed" if qs_in else "indirect"
                    _emit(statements, config, text, [span], mention, cue_span, kind)
                    last_end = span[1]
                    continue
            # 4. cue at the end of the sentence: "content, X said." (quote marks lost)
            pre_end = attr_s
            if ci > 0:
                continue
            span = _content_span(text, s_start, pre_end)
            if span is not None and text[span[1] : attr_s].strip(" \n\xa0") == ",":
                parts = [span]
                if ci + 1 == len(cues):
                    # "The problem, she said, is that ...": the content goes on after the cue
                    rest = text[cue_e:s_end]
                    if rest.lstrip(" ").startswith(","):
                        rest_span = _content_span(text, cue_e, s_end)
                        words = text[rest_span[0]:rest_span[1]].split() if rest_span is not None else []
                        if rest_span is not None and len(words) >= 2 and words[0].lower() not in (
                            "according", "who", "which", "adding", "noting", "citing", "and", "but"
                        ) and not _has_cue_between(toks, tok_starts, rest_span[0], rest_span[1]):
                            parts.append(rest_span)
                qs_in = [q for q in stmt_quotes if not q.used and q.start >= span[0] and q.end <= parts[-1][1] + 1]
                for q in qs_in:
                    q.used = True
                _emit(statements, config, text, parts, mention, cue_span, "mixed" if qs_in else "indirect")
                last_end = parts[-1][1]
                continue
            # 5. "X said:" at the end of a paragraph: content follows
            tail = text[cue_e:s_end].strip()
            if tail in (":", "") and text[cue_e:s_end + 2].strip().startswith(":"):
                pending_colon = (mention, cue_span)
            elif tail == ":":
                pending_colon = (mention, cue_span)
    statements[:] = _without_nested(statements)
    if not config.learned_cues:
        model = None
    elif model is _DEFAULT:
        model = _model.load_model()
    if model is not None:
        _model_pass(text, toks, sents, quotes, paragraphs, statements, rule_cue_toks, res, model, config, cue_probs)
    # document order
    statements.sort(key=lambda s: (s.start, s.end))
    return statements




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


def _without_nested(statements: list[Statement]) -> list[Statement]:
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


_NOT_SPEECH_BEFORE_TO = frozenset(["add", "lie"])
_NOUN_DETERMINERS = frozenset("the a an his her their its my our your these those".split())
_AFTER_NOUN = frozenset("of on about to from in at for with by and or was were is are had has have , . ) ; — – -".split())




def _noun_use(toks: list[_Tok], k: int, si: int, sj: int) -> bool:
    low = toks[k].low
    nxt = toks[k + 1] if k + 1 < sj else None
    if low in L.STRICT_CUES:
        # "state" is nearly always the noun, "continues to" the aspect verb: a cue only before
        # "that" / ":" / a quotation (or the end of the clause for "continued"), or for "state" after
        # a pronoun, "to" or an auxiliary
        if nxt is not None and (nxt.low in ("that", ":") or nxt.text in _QUOTE_CHARS or (nxt.text in ",." and L.REPORTING_VERBS[low] == "continue")):
            return False
        prev = toks[k - 1] if k > si else None
        return not (L.REPORTING_VERBS[low] == "state" and prev is not None and (
            prev.low in L.PRONOUNS or prev.low in L.RELATIVE_PRONOUNS or prev.low == "to" or prev.low in L.AUXILIARIES))
    if low.endswith("ed") and k > si and k + 1 < sj:
        pt, nt = toks[k - 1], toks[k + 1]
        if (pt.low in _NOUN_DETERMINERS or pt.low.endswith(("'s", "’s"))) and nt.word and not nt.upper and nt.low.isalpha() \
                and nt.low not in _model.FUNCTION_WORDS and nt.low not in L.PRONOUNS and nt.low not in L.AUXILIARIES \
                and nt.low not in _DETERMINERS:
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
            and toks[x].low not in _model.FUNCTION_WORDS and not toks[x].low.endswith("ly") and toks[x].low != "that":
        x -= 1
    if x < si:
        return False
    t = toks[x]
    return t.low in _NOUN_DETERMINERS or t.low.endswith(("'s", "’s")) or (t.text in ("'", "’") and x > si and toks[x - 1].low.endswith("s"))


def _cue_end(toks: list[_Tok], cue: tuple) -> int:
    ca, cb, _kind, np, inverted = cue
    return toks[np[1] - 1].end if (np and inverted) else toks[cb - 1].end


def _has_cue_between(toks: list[_Tok], tok_starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(tok_starts, s)
    while i < len(toks) and toks[i].start < e:
        if toks[i].low in L.REPORTING_VERBS:
            return True
        i += 1
    return False


def _kind_for(text: str, parts: list[tuple[int, int]], quotes: list[_Quote]) -> str:
    for q in quotes:
        if any(s <= q.start and q.end <= e for s, e in parts):
            q.used = True
            return "mixed"
    return "indirect"






def _emit_quote(out: list[Statement], config: ExtractionConfig, text: str, q: _Quote, mention: _Mention | None, cue: tuple[int, int] | None) -> None:
    if (_title_case(text[q.start:q.end]) or (cue is None and _BYLINE_RE.match(text, q.end))):
        return  # “The Harbour Show with Nils Aho”, '"A harbour in trouble," by the Ledger's Ana Lind': a title, not speech
    _emit(out, config, text, list(q.parts), mention, cue, "direct")


_BYLINE_RE = re.compile(r",?[ \t]*by[ \t]+[A-Z]")
_TITLE_SMALL = frozenset("a an the and or of in on at to for with by from is are as vs. vs".split())


def _title_case(s: str) -> bool:
    words = [w.strip("\"“”„'‘’.,!?:;()") for w in s.split()]
    words = [w for w in words if w and w[0].isalpha()]
    big = [w for w in words if w.lower() not in _TITLE_SMALL]
    return len(words) >= 3 and len(big) >= 2 and all(w[0].isupper() for w in big)


_ADJUNCT_PREPOSITIONS = frozenset(
    "by from for in at on during with after before since of into among under between near without through".split())


_SHORT_CLAUSE_VERBS = frozenset("is are was were am be been has have had will would can could should must may might do does did "
                                "isn't aren't wasn't weren't won't can't don't doesn't didn't it's that's".split())


def _short_clause(s: str) -> bool:
    words = [w.strip(",.;:!?\"“”'‘’").lower().replace("’", "'") for w in s.split()]
    return len(words) >= 2 and words[0] not in _ADJUNCT_PREPOSITIONS and any(w in _SHORT_CLAUSE_VERBS for w in words[1:])


def _emit(
    out: list[Statement],
    config: ExtractionConfig,
    text: str,
    parts: list[tuple[int, int]],
    mention: _Mention | None,
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
        if len(words) <= config.adjunct_content_max and words[0].lower() in _ADJUNCT_PREPOSITIONS:
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


# ---------------------------------------------------------------------------------------------
# Learned cues (see stance.extraction._model)


def token_in_quote(toks: list[_Tok], quotes: list[_Quote]) -> list[bool]:
    """Per token: whether it lies inside a quotation (marks excluded)."""
    qp = sorted(p for q in quotes for p in q.parts)
    out = [False] * len(toks)
    qi = 0
    for i, t in enumerate(toks):
        while qi < len(qp) and qp[qi][1] <= t.start:
            qi += 1
        out[i] = qi < len(qp) and qp[qi][0] < t.start and t.end <= qp[qi][1]
    return out


_PREPOSITIONS = frozenset("in of at from for on to by with near outside inside during".split())


def _appositive_np(toks: list[_Tok], comma: int, si: int, depth: int) -> tuple[int, int] | None:
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
        np = _np_before(toks, c, si)
        if np is None:
            break
        if first is None:
            first = np
        if np[0] - 1 < si or toks[np[0] - 1].low not in _PREPOSITIONS:
            return np
        c -= 1
    return first


def _who_fix(toks: list[_Tok], np: tuple[int, int], cue: int, mention: _Mention) -> _Mention:
    """"X, who ... said": the mention is the relative pronoun (next to the cue), named as X."""
    w = np[1]
    if w + 1 < cue and toks[w].text == "," and toks[w + 1].low in L.RELATIVE_PRONOUNS:
        x = w + 2
        while x < cue and toks[x].word and (toks[x].low in L.AUXILIARIES or toks[x].low in L.ADVERBS or toks[x].low.endswith("ly")):
            x += 1
        if x == cue:
            who = toks[w + 1]
            return _Mention(who.start, who.end, who.text, mention.name, kind="pronoun")
    return mention


_DASHES = frozenset("— ― – - --".split())
_TIME_INTRO = L.TIME_WORDS | frozenset("later ago earlier hours days weeks months years minutes moments".split())


def _skip_dateline(toks: list[_Tok], a: int, k: int) -> int:
    """The first token after a dateline or an opening time phrase starting at ``a``, else ``a``."""
    x = a
    while x < k and x - a < 4 and toks[x].word and toks[x].text.isupper() and len(toks[x].text) > 1:
        x += 1
    if x > a and x < k and toks[x].text == ",":
        # "WASHINGTON, Dec. 8 (UPI) — ...": a date between the place and the agency or dash
        y = x + 1
        while y < k and y - x < 6 and toks[y].text not in _DASHES and toks[y].text != "(" and (toks[y].word or toks[y].text in ".,"):
            y += 1
        if y < k and (toks[y].text in _DASHES or toks[y].text == "("):
            x = y
    if x > a and x < k and toks[x].text == "(":
        while x < k and x - a < 8 and toks[x].text != ")":
            x += 1
        x += 1
    if x > a and x < k and toks[x].text in _DASHES:
        return x + 1
    c = a
    while c < k and c - a < 5 and toks[c].text != ",":
        c += 1
    if c < k and c > a and toks[c].text == "," and any(toks[y].low in _TIME_INTRO for y in range(a, c)):
        return c + 1
    return a


def _opener_word(toks: list[_Tok], x: int) -> bool:
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


def _skippable_opener(toks: list[_Tok], x: int) -> bool:
    """An opener word that starts an opening phrase rather than the subject: a focus word ("Only
    one of the delegates", "Just shy of half") only when a comma or "so," follows ("Even so, ...")."""
    if not _opener_word(toks, x):
        return False
    if toks[x].low not in L.FOCUS_WORDS:
        return True
    nxt = toks[x + 1] if x + 1 < len(toks) else None
    return nxt is not None and (nxt.text == "," or nxt.low == "so")


def _sentence_subject(toks: list[_Tok], si: int, k: int) -> tuple[int, int] | None:
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
    np = _np_after(toks, a - 1, k)
    if np is None and toks[a].word and (toks[a].low in _DETERMINERS or toks[a].low in _QUANTIFIERS):
        # "the candidates escaped ... by saying": a lower-case subject of at most four words
        b = a + 1
        while b < k and b - a < 4 and toks[b].word and not toks[b].upper and toks[b].low not in L.AUXILIARIES \
                and toks[b].low not in L.REPORTING_VERBS and toks[b].low not in _model.FUNCTION_WORDS \
                and toks[b].low not in L.RELATIVE_PRONOUNS and not toks[b].low.endswith("ed"):
            b += 1
        if b > a + 1 and b < k and (toks[b].low in L.AUXILIARIES or toks[b].low.endswith("ed") or toks[b].low in L.REPORTING_VERBS):
            np = (a, b)
    if np is not None and np[1] - np[0] == 1 and (
            toks[a].low in L.OPENER_WORDS or toks[a].low in L.FOCUS_WORDS or toks[a].low in _LONE_NOT_SUBJECT):
        # "Even before the vote, the mayor ...", "Back in the spring, Mr. X ...": the word alone is
        # no subject; look past the opening phrase, if it ends before the cue
        if toks[a].low in L.FOCUS_WORDS:
            return _sentence_subject(toks, a + 1, k)  # "Even the mayor praised ...": the focus word opens it
        c = a + 1
        while c < k and toks[c].text != ",":
            c += 1
        return _sentence_subject(toks, c + 1, k) if c + 1 < k else None
    return np


_LONE_NOT_SUBJECT = frozenset("back since wow it’s it's that’s that's there’s there's".split())




_SIGNATURE_RE = re.compile(r"[ \t]*\n[ \t]*((?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w.’'-]*)(?:,[^\n\"”]{0,80})?[.]?[\"”]+[ \t]*(?:\n|$)")


def _quote_signature(text: str, q: _Quote) -> _Mention | None:
    e = q.parts[-1][1]
    m = _SIGNATURE_RE.match(text, e, min(len(text), e + 200))
    if m is None:
        return None
    a, b = m.span(1)
    if text[b - 1] == "." and text[b - 3 : b - 1].isalpha():
        b -= 1  # the signature's closing period, not an initial
    if len(text[a:b].split()) < 2 and "," not in text[b : m.end()]:
        return None
    return _Mention(a, b, text[a:b], text[a:b], a, b, kind="name")


def _last_clause_subject(toks: list[_Tok], si: int, k: int) -> tuple[int, int] | None:
    x = k - 2
    while x >= si:
        t = toks[x]
        nxt = toks[x + 1]
        if nxt.word and not nxt.upper and nxt.low not in _TITLE_STOP:
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


def np_kind(toks: list[_Tok], np: tuple[int, int] | None, inverted: bool) -> str:
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


def cue_np(toks: list[_Tok], k: int, si: int, sj: int, config: ExtractionConfig = DEFAULT_CONFIG) -> tuple[tuple[int, int] | None, bool]:
    """The source noun phrase of a cue at token ``k``: inverted after it (", said X") or before it
    ("X said", "X, the ministry's spokeswoman, said"), and whether it is inverted."""
    prev = toks[k - 1] if k > si else None
    if prev is not None and prev.text == "," and toks[k].low.endswith("ing"):
        return None, False  # ", arguing that ...": the subject is the main clause's, found by the caller
    if prev is not None and (prev.text in (",", "”", '"') or prev.text in _QUOTE_CHARS):
        np = _np_after(toks, k, sj)
        if np is not None and (np[1] >= sj or toks[np[1]].text in _AFTER_INVERTED or toks[np[1]].low in _AFTER_INVERTED):
            if not (prev.text == "," and _appositive_subject(toks, k, si, config.appositive_depth)):
                return np, True
    kk = k
    while kk - 1 > si and toks[kk - 1].word and not toks[kk - 1].upper and (
        toks[kk - 1].low.endswith("ly") or toks[kk - 1].low in _SKIP_BEFORE_CUE
    ):
        kk -= 1
    np = _np_before(toks, kk, si)
    if np is not None and toks[np[0]].low in L.RELATIVE_PRONOUNS and np[0] - 1 >= si and toks[np[0] - 1].text == ",":
        np2 = _np_before(toks, np[0] - 1, si)
        if np2:
            np = np2
    if np is None and kk - 1 > si and toks[kk - 1].text == ",":
        np = _appositive_np(toks, kk - 1, si, config.appositive_depth)
    if np is None:
        x = kk
        while x - 1 >= si and kk - x < 3 and toks[x - 1].word and not toks[x - 1].upper and (
            toks[x - 1].low.isdigit() or (toks[x - 1].low.isalpha() and toks[x - 1].low not in L.NOT_SPEAKER_WORDS
                                          and toks[x - 1].low not in L.REPORTING_VERBS and toks[x - 1].low not in _SKIP_BEFORE_CUE
                                          and toks[x - 1].low not in _model.FUNCTION_WORDS)
            or toks[x - 1].low in _DETERMINERS or toks[x - 1].low in _QUANTIFIERS
        ):
            x -= 1
        if x < kk:
            np = (x, kk)
    return np, False


def side_context(toks: list[_Tok], quotes_in_sent: list[_Quote], k: int, si: int, sj: int,
                 config: ExtractionConfig = DEFAULT_CONFIG) -> tuple[bool, bool, bool]:
    """(inverted source after the cue, quotation before the cue, quotation after the cue)."""
    np, inverted = cue_np(toks, k, si, sj, config)
    ks, ke = toks[k].start, toks[k].end
    qb = any(q.end <= ks for q in quotes_in_sent)
    qa = any(q.start >= ke for q in quotes_in_sent)
    return inverted, qb, qa


_SKIP_BEFORE_CUE = frozenset("since already not n't never all both now also still".split()) | L.AUXILIARIES | L.ADVERBS
#: Learned cues whose content, in PolNeAR, holds their subject ("The vote is expected to pass", "X
#: seems to ..."): the content runs from the noun phrase before the cue.
RAISING_CUES = frozenset("expected known appears appear appeared seemed seems seem believed reportedly".split())
#: ... and these only after a form of "be" ("is thought to", "was said to"): then they are raising verbs.
RAISING_PASSIVE = frozenset("thought said considered rumored alleged".split())
_BE = frozenset("is are was were be been being 's ’s".split())


def _raising(toks: list[_Tok], k: int, si: int) -> bool:
    low = toks[k].low
    if low in RAISING_CUES:
        return True
    if low not in RAISING_PASSIVE:
        return False
    x = k - 1
    while x >= si and toks[x].word and (toks[x].low in L.ADVERBS or toks[x].low in ("not", "n't", "widely", "also", "still")):
        x -= 1
    return x >= si and toks[x].low in _BE



_PASSIVE_BE = frozenset("is are was were be been being".split())
_PASSIVE_AUX = L.AUXILIARIES | frozenset("must not n't".split())
_PASSIVE_ADJUNCT = frozenset("in on at during last this earlier later yesterday today tonight".split()) | L.TIME_WORDS
_PASSIVE_AGENT_END = frozenset("and but or on in at during last this earlier later yesterday today".split()) | L.TIME_WORDS
_PASSIVE_PREPOSITIONS = frozenset("during at in on after before".split())
_PASSIVE_PP_STOP = frozenset("that whether to as about for and but who which because if".split())
_PASSIVE_SKIP = frozenset("not n't widely also still first long".split())


def _passive_parts(text: str, toks: list[_Tok], pv: tuple, end: int) -> list[tuple[int, int]]:
    """The content parts of a passive cue (see :func:`_passive`): the subject's clause, and what
    follows the agent up to character ``end``."""
    x0, be, _agent, rest = pv
    parts = []
    span = _content_span(text, toks[x0].start, toks[be].start)
    if span is not None:
        parts.append(span)
        if rest is not None and toks[rest].start < end:
            tail = _content_span(text, toks[rest].start, end)
            if tail is not None:
                parts.append(tail)
    return parts


_PERCENT_OF_MAX = 6


def _percent_after(toks: list[_Tok], k: int, hi: int) -> tuple[int, int] | None:
    """A percentage right after token ``k``, with the group it counts ("34%", "42 percent of the
    voters surveyed"), as a token range; else None."""
    a = k + 1
    if not (a + 1 < hi and toks[a].text.replace(".", "").isdigit() and (toks[a + 1].text == "%" or toks[a + 1].low == "percent")):
        return None
    b = a + 2
    if b + 1 < hi and toks[b].low == "of":
        c = b + 1
        while c < hi and c - b <= _PERCENT_OF_MAX and toks[c].word and (
                toks[c].low in _DETERMINERS or toks[c].upper or _plain_word(toks[c]) or toks[c].low in L.ROLE_NOUNS):
            c += 1
        if c > b + 1 and toks[c - 1].low not in _DETERMINERS:
            b = c
    return (a, b)


def _passive(toks: list[_Tok], k: int, cb: int, si: int, sj: int) -> tuple[int, int, tuple[int, int] | None, int | None] | None:
    """For a cue ``k`` (ending before token ``cb``) in the passive with at most an agent or an
    adjunct after it: (first token of the content, first token of the verb group, the agent's
    token range or None, the first token of the content after the agent or None). Otherwise None."""
    low = toks[k].low
    if not (low.endswith(("ed", "en", "wn")) or low in ("said", "told", "thought", "heard", "sought")):
        return None
    if L.REPORTING_VERBS.get(low) in _OBJECT_LEMMAS or low in RAISING_CUES or _raising(toks, k, si):
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
        if t.text in (".", "!", "?", ",", ";", ")", "—", "–", ":") or t.text in _QUOTE_CHARS:
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
            agent = _np_after(toks, y, sj) or _nominal_after(toks, y, sj) or (_percent_after(toks, y, sj))
            if agent is None:
                return None
            z = agent[1]
            if z < sj and toks[z].word and toks[z].low not in _PASSIVE_AGENT_END:
                rest = z  # "X has been criticized by Y for failing ...": the content goes on after the agent
            break
        if not t.word or t.low in _PASSIVE_PP_STOP or not (t.low in _PASSIVE_ADJUNCT or t.low in L.ADVERBS or t.upper or t.text[:1].isdigit() or (
                n > 0 and t.low in _DETERMINERS) or (t.low.endswith("ly") and len(t.low) > 4)):
            return None
        y += 1
        n += 1
    x0 = be
    while x0 - 1 >= si and toks[x0 - 1].low not in _RAISING_STOP:
        x0 -= 1
    if x0 >= be:
        return None
    return x0, be, agent, rest
_RAISING_STOP = frozenset(", ; : — – ( “ \" that and but because if while when although though as since".split())
_RULE_CUE_PARTICLES = frozenset("out back up down off about against".split())
_MULTI_CUE_NEXT = frozenset("to for on about of at with against".split())
_CLAUSE_WORDS = L.AUXILIARIES | L.PRONOUNS | frozenset("to that not n't".split())


def _clause_like(toks: list[_Tok], a: int, b: int) -> bool:
    for x in range(a, b):
        t = toks[x]
        if not t.word or t.upper:
            continue
        w = t.low
        if w in _CLAUSE_WORDS or (len(w) > 4 and (w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))))):
            return True
    return False



_COORDINATORS = frozenset("and but".split())
_COORD_SKIP = frozenset("not n't never also then later even still just".split()) | L.AUXILIARIES | L.ADVERBS


def _coord_start(toks: list[_Tok], k: int, si: int) -> int | None:
    """Token index where a coordinated cue's clause starts ("..., and has withheld"), or None."""
    x = k - 1
    while x > si and k - x <= 3 and toks[x].word and (toks[x].low in _COORD_SKIP or toks[x].low.endswith("ly")):
        x -= 1
    if x <= si:
        return None
    if toks[x].low in _COORDINATORS:
        if x - 1 > si and toks[x - 1].text == ",":
            return x - 1
        return x
    if toks[x].text == "," and x == k - 1 and toks[k].low.endswith("ing"):
        return x
    if (toks[x].text == "," and x == k - 1 and not toks[k].upper
            and toks[k].low.endswith(_PAST_ENDINGS)):
        # "X complained about A, declined to discuss B, praised C": a list of past-tense verb phrases
        return x
    return None


_PAST_ENDINGS = ("ed", "ted")


def _split_host(text: str, toks: list[_Tok], statements: list[Statement], index: "_StatementIndex",
                coord: int, pos: int, min_words: int) -> Statement | None:
    """End the one-part statement whose content holds ``pos`` before token ``coord``; return it.

    With several such statements, the first in ``statements`` is the one ended (or none, when its
    content would get too short)."""
    cut = toks[coord].start
    n = index.first_holding(statements, pos, cut)
    if n is None:
        return None
    st = statements[n]
    span = _content_span(text, st.start, cut)
    if span is None or len(text[span[0]:span[1]].split()) < min_words:
        return None
    new = dataclasses.replace(st, text=text[span[0]:span[1]], start=span[0], end=span[1])
    statements[n] = new
    index.replaced(n, st, new)
    return new



_THAT_NOT_CLAUSE = L.TIME_WORDS | frozenset("day night time moment point way".split())


def _that_clause(toks: list[_Tok], j: int, sj: int) -> bool:
    """Whether token ``j`` is "that" opening a clause of three words or more ("that the course name
    was ...", not "that night")."""
    return (
        j + 3 < sj
        and toks[j].low == "that"
        and toks[j + 1].word
        and toks[j + 1].low not in _THAT_NOT_CLAUSE
        and all(toks[x].word for x in range(j + 1, j + 4))
    )





def _after_quote_comma(toks: list[_Tok], k: int, si: int) -> bool:
    """Whether token ``k`` follows a closing quote mark that follows a comma (',"', ",''", ',”')."""
    x = k - 1
    while x > si and toks[x].text in ('"', "”", "'", "’"):
        x -= 1
    return x < k - 1 and x >= si and toks[x].text == ","
_DANGLING_WORDS = frozenset(
    "of in as by if what that a an the to for with from on at his her their its our my your this these those "
    "than about into through over under between after before because although though when where how whether "
    "not no very so such some many most all".split())
_RELATIVE_OPENERS = frozenset("which that who whom".split())
_TRAILING = " ,;\xa0"


def _cut_before_link(text: str, lo: int, cut: int) -> int:
    """Where a content from ``lo`` ends when cut at ``cut``: before the spaces, commas and the one
    linking word (``lexicon.CLAUSE_LINKS``) that join it to the next clause ("A, while X argued")."""
    while cut > lo and text[cut - 1] in _TRAILING:
        cut -= 1
    word_start = cut
    while word_start > lo and text[word_start - 1].isalpha():
        word_start -= 1
    links = L.CLAUSE_LINKS
    if word_start < cut and word_start > lo and text[word_start - 1] in _TRAILING and text[word_start:cut].lower() in links:
        cut = word_start
        while cut > lo and text[cut - 1] in _TRAILING:
            cut -= 1
    return cut


def _dangling_cut(toks: list[_Tok], cue: tuple, lo: int) -> bool:
    """Whether ending a content that starts at token ``lo`` where ``cue``'s clause starts would leave
    it ending in a function word ("X said as many as 30 percent of [the voters say ...]")."""
    na, nb, nk, nnp, ninv = cue
    if nnp and not ninv and nnp[1] - nnp[0] > 1 and nnp[0] > lo and toks[nnp[0]].low == "that":
        return True  # "she is unconvinced [that Aho believes] ...": a complement clause inside the content
    x = (nnp[0] if (nnp and not ninv) else na) - 1
    while x > lo and not toks[x].word and toks[x].text in (",", "”", '"', "'", "’"):
        x -= 1
    return x >= lo and toks[x].word and toks[x].low in _DANGLING_WORDS


def _dangling_before(toks: list[_Tok], cut: int, lo: int) -> bool:
    """Whether a content from token ``lo`` cut before token ``cut`` would end in a function word."""
    x = cut - 1
    while x > lo and not toks[x].word and toks[x].text in (",", "”", '"', "'", "’"):
        x -= 1
    return x >= lo and toks[x].word and toks[x].low in _DANGLING_WORDS


def _quote_mark_counts(toks: list[_Tok]) -> list[int]:
    """Prefix counts: element ``x`` is the number of quote-mark tokens among ``toks[:x]``, so that
    whether tokens ``lo..hi`` hold a mark is ``counts[hi] > counts[lo]`` (constant time)."""
    counts = [0] * (len(toks) + 1)
    n = 0
    for x, t in enumerate(toks):
        if t.text in _QUOTE_CHARS:
            n += 1
        counts[x + 1] = n
    return counts


def _word_counts(toks: list[_Tok]) -> list[int]:
    """Prefix counts: element ``x`` is the number of word tokens among ``toks[:x]``."""
    counts = [0] * (len(toks) + 1)
    n = 0
    for x, t in enumerate(toks):
        if t.word:
            n += 1
        counts[x + 1] = n
    return counts




def _cue_without_content(toks: list[_Tok], quote_marks: list[int], cues: list, n: int, lo: int, sj: int,
                         adjunct_max: int) -> bool:
    """Whether rule cue ``cues[n]`` (its source at or after token ``lo``) would take no content: it is a
    plain verb cue, not inverted, and at most an adjunct follows it up to the next cue or the end of
    the sentence ("she was joking.", "he agreed with Y."). ``quote_marks`` are the prefix counts of
    :func:`_quote_mark_counts`."""
    na, nb, nk, nnp, ninv = cues[n]
    if nk != "verb" or ninv or nnp is None or nnp[0] < lo:
        return False
    if (nb < sj and ((nnp[0] - 1 > lo and toks[nnp[0] - 1].low in _RELATIVE_OPENERS) or (
            nnp[1] - nnp[0] > 1 and nnp[0] > lo and toks[nnp[0]].low in _RELATIVE_OPENERS))
            and (toks[nb].low in L.AUXILIARIES or toks[nb].low in _BE)):
        return True  # "X said the plan, which some have argued was meant to ..., was ...": a relative clause
    if lo < nb and quote_marks[nb] > quote_marks[lo]:
        return False
    end = sj
    if n + 1 < len(cues):
        c2 = cues[n + 1]
        end = c2[3][0] if (c2[3] and not c2[4] and c2[3][0] > nb) else c2[0]
    j = nb
    if L.REPORTING_VERBS.get(toks[na].low) in _OBJECT_LEMMAS:
        j = _skip_object(toks, j, end)
    words = [toks[x] for x in range(j, end) if toks[x].word]
    if not words:
        return True
    if any(toks[x].text in _QUOTE_CHARS or toks[x].text in "“”:" for x in range(j, end)):
        return False
    if len(words) < 2:
        return True
    return words[0].low in _ADJUNCT_PREPOSITIONS and len(words) <= adjunct_max and toks[j].word

_CLAUSE_OPENERS = frozenset(",;")
_PARTICIPLE_LEADS = frozenset("while before after when by also then even".split())
_CLOSING_MARKS = frozenset(["”", '"', "'", "’"])
_SUBORDINATORS = frozenset("while whereas although though".split())


def _source_clause_start(toks: list[_Tok], np: tuple[int, int] | None, inverted: bool, k: int, si: int) -> int | None:
    """Token where the clause of cue ``k`` starts when its source noun phrase opens a new clause
    (", X said", "and X said", ", which X called"), or a participle after a comma or dash opens
    one (", while emphasizing", "— saying")."""
    if inverted:
        return None
    if np is None:
        b = k - 1
        if b - 1 > si and toks[b].text in _CLOSING_MARKS and toks[b - 1].text == ",":
            return k  # '... “more work to do,” noting ...', '“pay raises,” opposes ...': after the quotation
        if not toks[k].low.endswith("ing"):
            return None
        while b > si and toks[b].low in _PARTICIPLE_LEADS:
            b -= 1
        if b > si and (toks[b].text in _CLAUSE_OPENERS or toks[b].text in _DASHES):
            return b
        return None
    b = np[0] - 1
    if b <= si:
        return None
    if toks[b].text in _CLOSING_MARKS and b - 1 > si and toks[b - 1].text == ",":
        return np[0]  # "his ''negatives,'' he called them"
    if toks[b].low in L.RELATIVE_PRONOUNS and b - 1 > si and toks[b - 1].text == ",":
        if k + 1 < len(toks) and (toks[k + 1].low in L.AUXILIARIES or toks[k + 1].low in _BE):
            return None  # "the plan, which some have argued was meant to ..., was ...": the clause goes on
        return b - 1
    if toks[b].low in _SUBORDINATORS and b - 1 > si and toks[b - 1].text == ",":
        return b - 1  # ", while Obama offered ..."
    if toks[b].low in _COORDINATORS:
        return b - 1 if b - 1 > si and toks[b - 1].text == "," else b
    if toks[b].text in _CLAUSE_OPENERS or toks[b].text in _DASHES:
        return b
    return None




def _appositive_subject(toks: list[_Tok], k: int, si: int, depth: int) -> bool:
    """Whether the sentence opens with a speaker and a comma-delimited insertion ending right
    before cue ``k``."""
    ap = _appositive_np(toks, k - 1, si, depth)
    if ap is None:
        return False
    if ap[0] == _skip_dateline(toks, si, k):
        return True
    if ap[0] - 1 > si and toks[ap[0] - 1].text == ",":
        # "In an interview, Nils Aho, a former captain, said ...", "Alarmed by the fares, Aho, ..."
        subj = _sentence_subject(toks, si, k)
        if subj is not None and subj[0] == ap[0]:
            return True
        t0 = toks[si]
        return t0.upper and t0.word and len(t0.low) > 4 and t0.low.endswith(("ed", "ing")) and toks[si + 1].word and not toks[si + 1].upper
    return False






def _clause_cut(toks: list[_Tok], c: int, lo: int) -> int | None:
    """Token where the clause of cue ``c`` starts, when it is clearly a new clause: a coordinated or
    participial cue (", and said", ", arguing"), or a pronoun subject after a comma or "and"."""
    x = _coord_start(toks, c, lo)
    if x is not None:
        return x
    if toks[c - 1].text == "," and c - 1 > lo:
        return c - 1  # "X, which has endorsed A, said B": A ends at the comma
    y = c - 1
    while y > lo and toks[y].word and (toks[y].low in _COORD_SKIP or toks[y].low.endswith("ly")):
        y -= 1
    if y > lo and toks[y].low in L.PRONOUNS and (toks[y - 1].text in (",", ";") or toks[y - 1].low in _COORDINATORS):
        z = y - 1
        if toks[z].low in _COORDINATORS and z - 1 > lo and toks[z - 1].text == ",":
            z -= 1
        return z
    return None




_PP_PREPOSITIONS = frozenset("in at during through after from with on via".split())


def _pp_subject(toks: list[_Tok], np: tuple[int, int], si: int) -> tuple[int, int] | None:
    a, b = np
    if a - 1 <= si or toks[a - 1].low not in _PP_PREPOSITIONS or any(toks[x].upper for x in range(a, b)):
        return None
    np2 = _np_before(toks, a - 1, si)
    if np2 is None:
        return None
    t = toks[np2[0]] if np2[1] - np2[0] == 1 else None
    if any(toks[x].upper and toks[x].low not in L.NOT_SPEAKER_WORDS for x in range(np2[0], np2[1])) or (
            t is not None and (t.low in L.PRONOUNS or t.low in L.RELATIVE_PRONOUNS)):
        return np2
    return None


def _document_issuer(toks: list[_Tok], np: tuple[int, int], si: int) -> tuple[int, int] | None:
    """For a source noun phrase like "a statement" right after a verb, the noun phrase before that verb."""
    a, b = np
    if not (b - a <= 3 and toks[b - 1].low in L.DOCUMENT_NOUNS and not any(toks[x].upper for x in range(a, b))):
        return None
    v = a - 1
    if v <= si or not toks[v].word or toks[v].upper or toks[v].low in _model.FUNCTION_WORDS:
        return None
    x = v
    while x - 1 > si and toks[x - 1].word and (toks[x - 1].low in L.AUXILIARIES or toks[x - 1].low in L.ADVERBS):
        x -= 1
    return _np_before(toks, x, si)




def _implausible_source(toks: list[_Tok], np: tuple[int, int], si: int) -> bool:
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
    if (b - a >= 2 and first.low in _DETERMINERS
            and (last.endswith(L.ADJECTIVE_SUFFIXES) or last in L.ADJECTIVES) and last not in L.TIME_WORDS):
        return True  # "a possible reason", "the scathing remarks"
    if first.low.endswith("ing") and first.low not in L.TIME_WORDS:
        return True
    if a > si:
        prev = toks[a - 1]
        if prev.word and (prev.low in L.AUXILIARIES or prev.low == "to" or prev.low.endswith("ed")):
            return True
    return False


_GERUND_PREPOSITIONS = frozenset("by after before while when without in on for since".split())


_CONTRACTION_RE = re.compile(r"(he|she|they|we|i)['’]", re.IGNORECASE)


def _contraction_mention(text: str, t: _Tok, res: _Resolver) -> _Mention | None:
    """The pronoun opening a contracted token ``t`` ("He’s", "they’re") as a speaker mention, or None."""
    m = _CONTRACTION_RE.match(t.text)
    if m is None:
        return None
    s, e = t.start, t.start + len(m.group(1))
    low = m.group(1).lower()
    return _Mention(s, e, text[s:e], res.person_before(s) if low in L.PERSON_PRONOUNS else None, kind="pronoun")


class _StatementIndex:
    """Sorted views of a growing statement list, so that the learned-cue pass stays linear in the
    length of the article (a scan of every statement per cue made a book-length text quadratic).

    ``spans`` holds ``(start, end, i)`` for ``statements[i]``; ``speakers`` holds ``(speaker_start, i)``
    for the statements whose speaker has a mention. Statements are only appended (:meth:`added`) or
    replaced by one with the same speaker (:meth:`replaced`)."""

    def __init__(self, statements: list[Statement]) -> None:
        self.spans: list[tuple[int, int, int]] = sorted((st.start, st.end, i) for i, st in enumerate(statements))
        self.pairs: list[tuple[int, int]] = [(a, b) for a, b, _ in self.spans]
        self.longest = max((b - a for a, b, _ in self.spans), default=0)
        self.speakers: list[tuple[int, int]] = sorted(
            (st.speaker_start, i) for i, st in enumerate(statements) if st.speaker is not None and st.speaker_start is not None)

    def added(self, statements: list[Statement]) -> None:
        i = len(statements) - 1
        st = statements[i]
        bisect.insort(self.spans, (st.start, st.end, i))
        bisect.insort(self.pairs, (st.start, st.end))
        self.longest = max(self.longest, st.end - st.start)
        if st.speaker is not None and st.speaker_start is not None:
            bisect.insort(self.speakers, (st.speaker_start, i))

    def replaced(self, i: int, old: Statement, new: Statement) -> None:
        del self.spans[bisect.bisect_left(self.spans, (old.start, old.end, i))]
        del self.pairs[bisect.bisect_left(self.pairs, (old.start, old.end))]
        bisect.insort(self.spans, (new.start, new.end, i))
        bisect.insort(self.pairs, (new.start, new.end))
        self.longest = max(self.longest, new.end - new.start)

    def first_holding(self, statements: list[Statement], pos: int, cut: int) -> int | None:
        """The lowest ``i`` such that ``statements[i]`` has one part, starts before ``cut`` and ends
        after ``pos``."""
        best = None
        x = bisect.bisect_left(self.spans, (cut,)) - 1
        while x >= 0 and self.spans[x][0] >= pos - self.longest:
            a, b, i = self.spans[x]
            if b > pos and not statements[i].parts and (best is None or i < best):
                best = i
            x -= 1
        return best

    def prior_speaker(self, statements: list[Statement], s_start: int, pos: int) -> _Mention | None:
        """The speaker of the statement whose mention is last before ``pos`` in the sentence at
        ``s_start`` (of several at that offset, the first in ``statements``)."""
        x = bisect.bisect_left(self.speakers, (pos,)) - 1
        if x < 0 or self.speakers[x][0] < s_start:
            return None
        while x > 0 and self.speakers[x - 1][0] == self.speakers[x][0]:
            x -= 1
        best = statements[self.speakers[x][1]]
        return _Mention(best.speaker_start, best.speaker_end, "", best.speaker)


def _drop_holding(covered: list[tuple[int, int]], cov_starts: list[int], longest: int, pos: int) -> None:
    """Remove from the sorted ``covered`` (and its ``cov_starts``) the spans that hold ``pos``
    (start < pos < end); none is longer than ``longest``."""
    x = bisect.bisect_left(cov_starts, pos) - 1
    while x >= 0 and cov_starts[x] > pos - longest:
        if covered[x][1] > pos:
            del covered[x]
            del cov_starts[x]
        x -= 1


def _model_pass(text, toks, sents, quotes, paragraphs, statements, rule_cue_toks, res, model, config: ExtractionConfig,
                probs=None) -> None:
    """Add the statements of cues found by the learned model and not by the rules (``probs``, when
    given, receives cue offset -> cue probability for each statement added)."""
    cues = _model.load_cues()
    inq = token_in_quote(toks, quotes)
    first_para_end = paragraphs[0][1] if paragraphs else 0
    q_sorted = sorted(quotes, key=lambda q: q.start)
    qi = 0
    # with a tagger, a candidate's cue probability is a weighted mean of the tagger's (which reads the whole
    # text) and the linear model's; experiment scripts pass duck-typed models without ``token_probs``
    token_probs = getattr(model, "token_probs", None)
    tok_probs = token_probs(toks, sents, paragraphs, inq, cues) if token_probs is not None else None
    tok_weight = getattr(model, "tagger_weight", 0.0)
    index = _StatementIndex(statements)
    existing = list(index.pairs)
    covered = list(existing)
    cov_starts = [c[0] for c in covered]
    cov_longest = index.longest
    res.last_person, res.last_person_pos = None, -1
    tok_starts = [t.start for t in toks]
    for si, sj in sents:
        s_start, s_end = toks[si].start, toks[sj - 1].end
        while qi < len(q_sorted) and q_sorted[qi].end <= s_start:
            qi += 1
        sq = []
        x = qi
        while x < len(q_sorted) and q_sorted[x].start < s_end:
            sq.append(q_sorted[x])
            x += 1
        first_para = s_start < first_para_end
        sent_rule_cues = sorted(x for x in range(si, sj) if x in rule_cue_toks)
        k = si
        while k < sj:
            t = toks[k]
            if not ((t.word or t.text == ":") and _model.is_candidate(t.low, cues)) or k in rule_cue_toks or (
                    k + 1 < sj and toks[k + 1].low == "to" and L.REPORTING_VERBS.get(t.low) in _NOT_SPEECH_BEFORE_TO):
                k += 1
                continue
            nested = False
            coord = _coord_start(toks, k, si)
            ci = bisect.bisect_right(cov_starts, t.start) - 1
            nested = ci >= 0 and covered[ci][1] > t.start
            if nested and config.model_nested_min_prob >= 1.0 and coord is None and config.nest_split_prob >= 1.0:
                k += 1
                continue
            np, inverted = cue_np(toks, k, si, sj, config)
            split_prob = config.split_min_prob
            if nested and coord is None and config.nest_split_prob < 1.0:
                # "..., Schlafly put her finger on ...": a new clause with its own source inside the
                # content of an earlier statement ends that content at the clause boundary
                coord = _source_clause_start(toks, np, inverted, k, si)
                split_prob = config.nest_split_prob
                if coord is None and config.model_nested_min_prob >= 1.0:
                    k += 1
                    continue
            feats = _model.cue_features(toks, k, si, sj, inq[k], bool(sq), first_para, cues,
                                        np_kind(toks, np, inverted), _clause_like(toks, k + 1, sj))
            prob = model.cue.prob(feats)
            if tok_probs is not None:
                prob = (1.0 - tok_weight) * prob + tok_weight * float(tok_probs[k])
            if prob < model.cue.threshold:
                k += 1
                continue
            host = None
            if coord is not None and prob >= split_prob:
                # "X pushed A and reprimanded B": the statement holding this cue ends before "and"
                host = _split_host(text, toks, statements, index, coord, t.start, config.split_host_min_words)
                if host is not None:
                    nested = False
                    existing = list(index.pairs)
                    _drop_holding(covered, cov_starts, cov_longest, t.start)
            if nested and prob < config.model_nested_min_prob:
                k += 1
                continue
            qb = any(q.end <= t.start for q in sq)
            qa = any(q.start >= t.end for q in sq)
            after = model.side.prob(_model.side_features(toks, k, si, sj, inverted, qb, qa, cues)) >= 0.5
            span = None
            cue_end_tok = k + 1
            while cue_end_tok < sj and toks[cue_end_tok].low in _MULTI_CUE_NEXT and cue_end_tok - k < 2:
                cue_end_tok += 1
            if t.low == "according" and k + 1 < sj and toks[k + 1].low == "to":
                np = _source_after(toks, k + 1, sj)
                inverted = np is not None
                if np is not None:
                    cue_end_tok = np[1]
            to_in_content = False
            pv = _passive(toks, k, k + 1, si, sj) if (not inverted and t.low != "according") else None
            if pv is not None:
                # "Her attacks were echoed by ...": the subject's clause is the content, the agent the source
                after = False
                pparts = _passive_parts(text, toks, pv, s_end)
                if not pparts:
                    k += 1
                    continue
                span = (pparts[0][0], pparts[-1][1])
                np, inverted = pv[2], pv[2] is not None
            if after:
                j = cue_end_tok
                if inverted and np is not None and not t.low == "according":
                    j = max(j, np[1])
                elif cue_end_tok - 1 > k and toks[cue_end_tok - 1].low == "to":
                    # "vowed to keep going": the content starts at "to", as PolNeAR's does
                    j = cue_end_tok - 1
                    to_in_content = True
                lemma = L.REPORTING_VERBS.get(t.low)
                if lemma in ("tell", "ask", "inform", "assure", "remind", "warn", "advise", "urge"):
                    j = _skip_object(toks, j, sj)
                j = _strip_that(toks, j, sj)
                if j < sj:
                    end = s_end
                    nxt = next((c for c in sent_rule_cues if c > j), None)
                    if nxt is not None:
                        cut = _clause_cut(toks, nxt, j)
                        if cut is None:
                            # "A praised B, and the mayor criticized C": the clause of the rule cue's source
                            nnp, ninv = cue_np(toks, nxt, si, sj, config)
                            cut = _source_clause_start(toks, nnp, ninv, nxt, j)
                        if cut is not None and not (_dangling_before(toks, cut, j)):
                            end = toks[cut].start
                    cstart = toks[j].start
                    if _raising(toks, k, si) and np is not None and not inverted and np[1] <= k:
                        # "The vote is expected to ...", "X seems to ...": PolNeAR's content holds the subject
                        x = np[0]
                        while x - 1 >= si and toks[x - 1].low not in _RAISING_STOP:
                            x -= 1  # back to the start of the clause: "The vote in the council is expected"
                        cstart = toks[x].start
                    span = _content_span(text, cstart, end)
            if span is None:
                end = t.start
                if np is not None and not inverted:
                    end = toks[np[0]].start
                span = _content_span(text, s_start, end)
            if span is None:
                k += 1
                continue
            s, e = span
            if config.model_min_words > 1 and len(text[s:e].split()) < config.model_min_words:
                k += 1
                continue
            infinitive = after and any(toks[x].low == "to" for x in range(k + 1, min(cue_end_tok, sj)))
            if config.model_clause and not infinitive and pv is None and not _clause_like(toks, bisect.bisect_left(tok_starts, s), bisect.bisect_left(tok_starts, e)):
                # a bare noun phrase: kept when long enough and free of titles / scare quotes
                if (config.model_clause == "all" or len(text[s:e].split()) <= config.model_np_max_short
                        or any(q.start >= s and q.end <= e + 1 for q in sq)):
                    k += 1
                    continue
            dup = False
            lo_i = bisect.bisect_left(existing, (s - (e - s), -1))
            hi_i = bisect.bisect_left(existing, (e, -1))
            for es, ee in existing[lo_i:hi_i]:
                ov = min(e, ee) - max(s, es)
                if ov > 0 and ov >= 0.8 * (e - s) and ov >= 0.8 * (ee - es):
                    dup = True
                    break
            if not dup:
                mention: _Mention | None = None
                src = np
                if src is not None and not inverted:
                    src = _document_issuer(toks, src, si) or src
                if src is not None and not inverted:
                    src = _pp_subject(toks, src, si) or src
                if src is not None and not inverted and _implausible_source(toks, src, si):
                    src = None
                if src is not None:
                    mention = _who_fix(toks, src, k, _make_mention(text, toks, src[0], src[1], res))
                elif t.low.endswith("ing") and (k == si or toks[k - 1].text == "," or (
                        toks[k - 1].low in _GERUND_PREPOSITIONS)):
                    # ", saying ...": the subject of the sentence speaks
                    if k == si or (k - 1 == si and toks[si].low in _GERUND_PREPOSITIONS):  # "Citing the report, Ward said ..."
                        c = k
                        while c < sj and toks[c].text != ",":
                            c += 1
                        subj = _sentence_subject(toks, c + 1, sj) if c + 1 < sj else None
                    else:
                        prior = index.prior_speaker(statements, s_start, t.start)
                        if prior is not None:
                            mention = prior
                        subj = _sentence_subject(toks, si, k)
                    if mention is None:
                        mention = _make_mention(text, toks, subj[0], subj[1], res) if subj else None
                if pv is not None:
                    pass  # a passive cue: the agent or nobody
                elif mention is None and host is not None and host.speaker is not None:
                    mention = _Mention(host.speaker_start, host.speaker_end, "", host.speaker)
                if mention is None:
                    mention = _contraction_mention(text, t, res)
                if mention is None and pv is None:
                    subj = _sentence_subject(toks, si, k)
                    if subj is not None and subj[1] <= k:
                        mention = _make_mention(text, toks, subj[0], subj[1], res)
                    else:
                        name = res.person_before(t.start)
                        mention = _Mention(None, None, "", name) if name else None
                        prior = index.prior_speaker(statements, s_start, t.start)
                        if prior is not None:
                            mention = prior
                cue_span = (t.start, toks[min(cue_end_tok, sj) - 1].end) if not inverted else (t.start, t.end)
                if to_in_content and span[0] <= toks[cue_end_tok - 1].start:
                    cue_span = (t.start, toks[cue_end_tok - 2].end)
                if pv is not None:
                    cue_span = (toks[pv[1]].start, t.end)
                kind = "indirect"
                if any(q.start >= s and q.end <= e + 1 for q in sq):
                    kind = "mixed"
                before = len(statements)
                _emit(statements, config, text, pparts if pv is not None else [span], mention, cue_span, kind, keep_short=pv is not None)
                if len(statements) > before:
                    if probs is not None:
                        probs[cue_span[0]] = prob
                    index.added(statements)
                    bisect.insort(existing, span)
                    # a later learned cue inside this content is nested, like one inside a rule statement
                    x = bisect.bisect_left(covered, span)
                    covered.insert(x, span)
                    cov_starts.insert(x, span[0])
                    cov_longest = max(cov_longest, span[1] - span[0])
            k += 1
