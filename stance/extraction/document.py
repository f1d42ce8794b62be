"""The first stage: the text read once into tokens, paragraphs, quotations and sentences.

Takes the text and an :class:`~stance.extraction.config.ExtractionConfig`; gives a :class:`Document`, which every
later stage reads and none changes (the stages take character offsets and token indexes into it):

1. tokens: words and punctuation with their offsets (:func:`tokenize`);
2. paragraphs: runs of non-empty lines (:func:`split_paragraphs`);
3. quotations: double quote marks (curly, straight, and the doubled apostrophe of some archives) paired within a
   paragraph; a quotation left open at the end of a paragraph continues when the next paragraph opens with a quote
   mark (the news convention for multi-paragraph quotes) and otherwise ends with its paragraph, so an unclosed
   mark never runs away (:func:`find_quotes`);
4. sentences, as token ranges, never split inside a quotation, across paragraphs or after an abbreviation; an
   attribution right after a closing quote mark stays in the quotation's sentence (:func:`split_sentences`), and
   an endless "sentence" is cut into bounded pieces (:func:`bound_sentences`).

>>> doc = Document.from_text('“We will not yield,” Mayor Ana Lind said. The vote is on Monday.')
>>> [doc.text[q.start:q.end] for q in doc.quotes]
['“We will not yield,”']
>>> [" ".join(t.text for t in doc.tokens[i:j]) for i, j in doc.sentences]
['“ We will not yield , ” Mayor Ana Lind said .', 'The vote is on Monday .']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from stance.extraction import lexicon as L
from stance.extraction.config import DEFAULT_CONFIG, ExtractionConfig

__all__ = ["Token", "Quote", "Document", "tokenize", "split_paragraphs", "find_quotes", "split_sentences", "bound_sentences",
           "token_in_quote", "QUOTE_CHARS"]

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*|\S")
_OPEN_CURLY = "“„"
_CLOSE_CURLY = "”"
_STRAIGHT = '"'
#: Characters of quote-mark tokens.
QUOTE_CHARS = frozenset(_OPEN_CURLY + _CLOSE_CURLY + _STRAIGHT + "'")
_MARKS = ('"', "“", "”", "„", "''")
_SENT_END = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark: ``text == input[start:end]``, ``low`` its lower case, ``upper`` whether it starts
    with an upper-case letter, ``word`` whether it starts with a letter or digit."""

    start: int
    end: int
    text: str
    low: str
    upper: bool
    word: bool


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: initialisms ("U.S."), words with inner apostrophes or hyphens, and every other
    non-space character on its own."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        c = t[0]
        out.append(Token(m.start(), m.end(), t, t.lower(), c.isupper(), c.isalnum()))
    return out


@dataclass(frozen=True)
class Quote:
    """A quotation: its ``parts`` (character spans, marks included; several when it runs over paragraphs), and
    whether its last mark was closed."""

    parts: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs: runs of lines that are not blank."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


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


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """The quotations of ``text``, in order of their start (see the module docstring for the pairing)."""
    quotes: list[Quote] = []
    carry: list[tuple[int, int]] | None = None  # the parts of a quotation still open at the end of a paragraph
    for ps, pe in paragraphs:
        spans, open_at = _scan_paragraph(text, ps, pe)
        lead = ps
        while lead < pe and text[lead].isspace():
            lead += 1
        if carry is not None:
            if spans and spans[0][0] == lead:
                # the continuation paragraph re-opens and closes the quotation
                quotes.append(Quote((*carry, spans.pop(0))))
                carry = None
            elif open_at == lead and not spans:
                # re-opened and still not closed: keep carrying
                carry.append((lead, _rstrip_end(text, ps, pe)))
                continue
            else:
                quotes.append(Quote(tuple(carry), closed=False))  # unclosed: it ends with its paragraph
                carry = None
        quotes.extend(Quote((span,)) for span in spans)
        if open_at is not None:
            carry = [(open_at, _rstrip_end(text, ps, pe))]
    if carry is not None:
        quotes.append(Quote(tuple(carry), closed=False))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _rstrip_end(text: str, ps: int, pe: int) -> int:
    e = pe
    while e > ps and text[e - 1].isspace():
        e -= 1
    return e


def inner_words(text: str, q: Quote) -> int:
    """How many words the quotation holds."""
    return sum(len(text[s:e].split()) for s, e in q.parts)


def ends_like_speech(text: str, q: Quote) -> bool:
    """Whether the quotation ends with punctuation, as speech does (a title or scare quote does not)."""
    s, e = q.parts[-1]
    inner = text[s:e].rstrip("\"”“ ")
    return bool(inner) and inner[-1] in ".,!?…—–-:;"


def split_sentences(
    text: str, toks: list[Token], paragraphs: list[tuple[int, int]], quotes: list[Quote], config: ExtractionConfig = DEFAULT_CONFIG
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


def bound_sentences(toks: list[Token], sents: list[tuple[int, int]], quotes: list[Quote], max_tokens: int) -> list[tuple[int, int]]:
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


def _attribution_follows(toks: list[Token], j: int, object_max_lower: int) -> bool:
    """Whether tokens from ``j`` are 'Name [, apposition,] verb' ending the sentence or an adjunct."""
    n = len(toks)
    if not _is_name_tok(toks[j]):
        return False
    x = j
    while x < n and x - j < 14 and toks[x].text not in _SENT_END and not (toks[x].text in QUOTE_CHARS or toks[x].text in _MARKS):
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
            if L.REPORTING_VERBS.get(t.low) in L.TELL_LEMMAS:
                # '“... knows?” Trump told the station in an interview.': a short object, then the end or an adjunct
                y0, n_low = y, 0
                while y < n and y - y0 < 6 and toks[y].word and toks[y].low not in L.PRONOUNS and toks[y].low != "that" \
                        and toks[y].low not in _ATTRIBUTION_TAIL:
                    if not (toks[y].upper or toks[y].low in L.DETERMINERS or toks[y].low.endswith(("’s", "'s"))):
                        n_low += 1
                        if n_low > object_max_lower:
                            break
                    y += 1
            if y >= n or toks[y].text in (".", ",", "!", "?") or toks[y].low in _ATTRIBUTION_TAIL:
                z = y
                while z < n and toks[z].text not in _SENT_END:
                    if toks[z].low == "that" or (toks[z].text in QUOTE_CHARS and z <= y + 1):
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


def _boundary_after(text: str, toks: list[Token], i: int, j: int, object_max_lower: int) -> bool:
    """Whether a sentence ends before token ``j`` (``toks[i]`` being its end mark)."""
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


def _is_name_tok(t: Token) -> bool:
    """A capitalised word that may be part of a name."""
    return t.word and t.upper and t.low not in L.NOT_SPEAKER_WORDS and t.low not in L.REPORTING_VERBS


def plain_word(t: Token) -> bool:
    """A lower-case-able word that is no function word, reporting verb, auxiliary, adverb or adjunct opener."""
    return (
        t.word and t.low.isalpha() and t.low not in L.NOT_SPEAKER_WORDS and t.low not in L.REPORTING_VERBS
        and t.low not in L.AUXILIARIES and t.low not in L.ADVERBS and t.low not in L.POST_CUE_ADJUNCTS
    )


def adjective_like(w: str) -> bool:
    """Whether a lower-case word looks like an adjective or a title word ("former", "senior", "national")."""
    return w.endswith(("al", "ic", "an", "ive", "ary", "ent", "ant", "ous", "ian", "ime", "ior", "ing")) or w in (
        "longtime", "former", "top", "senior", "chief", "deputy", "acting", "veteran", "press",
        "campaign", "foreign", "defense", "interior", "state", "white", "house", "new",
    )


def content_span(text: str, s: int, e: int) -> tuple[int, int] | None:
    """``text[s:e]`` without leading and trailing spaces, commas, colons and dashes, or ``None`` when less than
    three characters are left."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e - s < 3:
        return None
    return s, e


def token_in_quote(toks: list[Token], quotes: list[Quote]) -> list[bool]:
    """Per token: whether it lies inside a quotation (marks excluded)."""
    qp = sorted(p for q in quotes for p in q.parts)
    out = [False] * len(toks)
    qi = 0
    for i, t in enumerate(toks):
        while qi < len(qp) and qp[qi][1] <= t.start:
            qi += 1
        out[i] = qi < len(qp) and qp[qi][0] < t.start and t.end <= qp[qi][1]
    return out


def quote_mark_prefix_counts(toks: list[Token]) -> list[int]:
    """Prefix counts: element ``x`` is the number of quote-mark tokens among ``toks[:x]``, so that
    whether tokens ``lo..hi`` hold a mark is ``counts[hi] > counts[lo]`` (constant time)."""
    counts = [0] * (len(toks) + 1)
    n = 0
    for x, t in enumerate(toks):
        if t.text in QUOTE_CHARS:
            n += 1
        counts[x + 1] = n
    return counts


def word_prefix_counts(toks: list[Token]) -> list[int]:
    """Prefix counts: element ``x`` is the number of word tokens among ``toks[:x]``."""
    counts = [0] * (len(toks) + 1)
    n = 0
    for x, t in enumerate(toks):
        if t.word:
            n += 1
        counts[x + 1] = n
    return counts


@dataclass(frozen=True)
class Document:
    """A text as every extraction stage reads it: its tokens, paragraphs, quotations and sentences.

    Build it with :meth:`from_text`. ``sentences`` are token index ranges ``[i, j)``, bounded in length by
    :attr:`ExtractionConfig.sentence_max_tokens`; ``paragraphs`` are character spans; ``quotes`` are ordered by
    start. The derived tables (token offsets, in-quote flags, prefix counts) are computed once, on first use.
    """

    text: str
    tokens: tuple[Token, ...]
    paragraphs: tuple[tuple[int, int], ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[tuple[int, int], ...]

    @classmethod
    def from_text(cls, text: str, config: ExtractionConfig = DEFAULT_CONFIG) -> Document:
        """Read ``text`` (stages 1 to 4 of the module docstring)."""
        toks = tokenize(text)
        paragraphs = split_paragraphs(text)
        quotes = find_quotes(text, paragraphs)
        sents = bound_sentences(toks, split_sentences(text, toks, paragraphs, quotes, config), quotes, config.sentence_max_tokens)
        return cls(text, tuple(toks), tuple(paragraphs), tuple(quotes), tuple(sents))

    @cached_property
    def token_starts(self) -> list[int]:
        """The start offset of every token (for bisection)."""
        return [t.start for t in self.tokens]

    @cached_property
    def quote_starts(self) -> list[int]:
        """The start offset of every quotation (for bisection)."""
        return [q.start for q in self.quotes]

    @cached_property
    def token_in_quote(self) -> list[bool]:
        """Per token: whether it lies inside a quotation (marks excluded)."""
        return token_in_quote(list(self.tokens), list(self.quotes))

    @cached_property
    def sentence_of(self) -> list[int]:
        """Per token: the index of its sentence in :attr:`sentences`."""
        out = [0] * len(self.tokens)
        for n, (a, b) in enumerate(self.sentences):
            out[a:b] = [n] * (b - a)
        return out

    @cached_property
    def quote_mark_counts(self) -> list[int]:
        """Prefix counts of quote-mark tokens (see :func:`quote_mark_prefix_counts`)."""
        return quote_mark_prefix_counts(list(self.tokens))

    @cached_property
    def word_counts(self) -> list[int]:
        """Prefix counts of word tokens (see :func:`word_prefix_counts`)."""
        return word_prefix_counts(list(self.tokens))

    def quotes_in(self, s: int, e: int) -> list[Quote]:
        """The quotations that start in ``[s, e)``."""
        quotes = self.quotes
        out = []
        for qi in range(bisect.bisect_left(self.quote_starts, s), len(quotes)):
            q = quotes[qi]
            if q.start >= e:
                break
            out.append(q)
        return out

    def in_quote(self, pos: int) -> bool:
        """Whether character ``pos`` lies inside a part of a quotation (marks included)."""
        quotes = self.quotes
        idx = bisect.bisect_right(self.quote_starts, pos) - 1
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
