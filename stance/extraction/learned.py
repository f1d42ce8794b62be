"""The learned pass: statements of the cues that the learned model finds and the rules do not.

Takes the :class:`~stance.extraction.document.Document`, the statements of the rules (and the tokens of their cues),
the :class:`~stance.extraction.speakers.Resolver`, the model of :mod:`stance.extraction._model` (linear cue and
side models, and the tagger of :mod:`stance.extraction._tagger`) and the config; adds statements to the list it is
given. For each candidate word (a word of the learned cue lexicon, or any reporting verb) not inside an earlier
statement: the cue probability (blended with the tagger's), then which side holds the content, then the content
(up to a later rule cue's clause; from the subject for a raising or passive cue) and the source (the noun phrase
next to the cue, checked like the rules' sources; else the sentence subject or the person last named). A learned
cue coordinated with an earlier statement ("X pushed A and reprimanded B"), or opening a new clause inside one,
ends that statement's content first (:func:`split_host`). :class:`StatementIndex` keeps the pass linear.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stance.extraction import _model
from stance.extraction import lexicon as L
from stance.extraction._types import Statement
from stance.extraction.config import ExtractionConfig
from stance.extraction.cues import MULTI_CUE_NEXT, clause_like, cue_np, no_speech_before, np_kind, passive, passive_parts, raising
from stance.extraction.document import Document, Quote, Token, content_span
from stance.extraction.phrases import document_issuer, pp_subject, skip_object, source_after, strip_that
from stance.extraction.speakers import Mention, Resolver, contraction_mention, make_mention, who_fix
from stance.extraction.statements import emit
from stance.extraction.subjects import implausible_source, sentence_subject

__all__ = ["learned_pass", "StatementIndex", "drop_holding", "split_host"]

_COORD_SKIP = frozenset("not n't never also then later even still just".split()) | L.AUXILIARIES | L.ADVERBS


def _coord_start(toks: Sequence[Token], k: int, si: int) -> int | None:
    """Token index where a coordinated cue's clause starts ("..., and has withheld"), or None."""
    x = k - 1
    while x > si and k - x <= 3 and toks[x].word and (toks[x].low in _COORD_SKIP or toks[x].low.endswith("ly")):
        x -= 1
    if x <= si:
        return None
    if toks[x].low in L.COORDINATORS:
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


def split_host(text: str, toks: Sequence[Token], statements: list[Statement], index: "StatementIndex",
                coord: int, pos: int, min_words: int) -> Statement | None:
    """End the one-part statement whose content holds ``pos`` before token ``coord``; return it.

    With several such statements, the first in ``statements`` is the one ended (or none, when its
    content would get too short)."""
    cut = toks[coord].start
    n = index.first_holding(statements, pos, cut)
    if n is None:
        return None
    st = statements[n]
    span = content_span(text, st.start, cut)
    if span is None or len(text[span[0]:span[1]].split()) < min_words:
        return None
    new = dataclasses.replace(st, text=text[span[0]:span[1]], start=span[0], end=span[1])
    statements[n] = new
    index.replaced(n, st, new)
    return new


def _dangling_before(toks: Sequence[Token], cut: int, lo: int) -> bool:
    """Whether a content from token ``lo`` cut before token ``cut`` would end in a function word."""
    x = cut - 1
    while x > lo and not toks[x].word and toks[x].text in (",", "”", '"', "'", "’"):
        x -= 1
    return x >= lo and toks[x].word and toks[x].low in L.DANGLING_WORDS

_CLAUSE_OPENERS = frozenset(",;")

_PARTICIPLE_LEADS = frozenset("while before after when by also then even".split())

_CLOSING_MARKS = frozenset(["”", '"', "'", "’"])

_SUBORDINATORS = frozenset("while whereas although though".split())


def _source_clause_start(toks: Sequence[Token], np: tuple[int, int] | None, inverted: bool, k: int, si: int) -> int | None:
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
        if b > si and (toks[b].text in _CLAUSE_OPENERS or toks[b].text in L.DASHES):
            return b
        return None
    b = np[0] - 1
    if b <= si:
        return None
    if toks[b].text in _CLOSING_MARKS and b - 1 > si and toks[b - 1].text == ",":
        return np[0]  # "his ''negatives,'' he called them"
    if toks[b].low in L.RELATIVE_PRONOUNS and b - 1 > si and toks[b - 1].text == ",":
        if k + 1 < len(toks) and (toks[k + 1].low in L.AUXILIARIES or toks[k + 1].low in L.BE_FORMS):
            return None  # "the plan, which some have argued was meant to ..., was ...": the clause goes on
        return b - 1
    if toks[b].low in _SUBORDINATORS and b - 1 > si and toks[b - 1].text == ",":
        return b - 1  # ", while Obama offered ..."
    if toks[b].low in L.COORDINATORS:
        return b - 1 if b - 1 > si and toks[b - 1].text == "," else b
    if toks[b].text in _CLAUSE_OPENERS or toks[b].text in L.DASHES:
        return b
    return None


def _clause_cut(toks: Sequence[Token], c: int, lo: int) -> int | None:
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
    if y > lo and toks[y].low in L.PRONOUNS and (toks[y - 1].text in (",", ";") or toks[y - 1].low in L.COORDINATORS):
        z = y - 1
        if toks[z].low in L.COORDINATORS and z - 1 > lo and toks[z - 1].text == ",":
            z -= 1
        return z
    return None

_GERUND_PREPOSITIONS = frozenset("by after before while when without in on for since".split())


class StatementIndex:
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

    def prior_speaker(self, statements: list[Statement], s_start: int, pos: int) -> Mention | None:
        """The speaker of the statement whose mention is last before ``pos`` in the sentence at
        ``s_start`` (of several at that offset, the first in ``statements``)."""
        x = bisect.bisect_left(self.speakers, (pos,)) - 1
        if x < 0 or self.speakers[x][0] < s_start:
            return None
        while x > 0 and self.speakers[x - 1][0] == self.speakers[x][0]:
            x -= 1
        best = statements[self.speakers[x][1]]
        return Mention(best.speaker_start, best.speaker_end, "", best.speaker)


def drop_holding(covered: list[tuple[int, int]], cov_starts: list[int], longest: int, pos: int) -> None:
    """Remove from the sorted ``covered`` (and its ``cov_starts``) the spans that hold ``pos``
    (start < pos < end); none is longer than ``longest``."""
    x = bisect.bisect_left(cov_starts, pos) - 1
    while x >= 0 and cov_starts[x] > pos - longest:
        if covered[x][1] > pos:
            del covered[x]
            del cov_starts[x]
        x -= 1


@dataclass
class _Coverage:
    """What the learned pass has seen so far: the statement index, the spans of the statements (for duplicates),
    and the spans that make a later cue nested (the statements of the rules and of learned cues)."""

    index: StatementIndex
    existing: list[tuple[int, int]]
    covered: list[tuple[int, int]]
    starts: list[int]
    longest: int

    @classmethod
    def of(cls, statements: list[Statement]) -> _Coverage:
        index = StatementIndex(statements)
        return cls(index, list(index.pairs), list(index.pairs), [a for a, _ in index.pairs], index.longest)

    def holds(self, pos: int) -> bool:
        """Whether character ``pos`` lies inside a covered span."""
        ci = bisect.bisect_right(self.starts, pos) - 1
        return ci >= 0 and self.covered[ci][1] > pos

    def split(self, pos: int) -> None:
        """After a statement was cut before ``pos``: the spans as they are now, none holding ``pos``."""
        self.existing = list(self.index.pairs)
        drop_holding(self.covered, self.starts, self.longest, pos)

    def duplicate(self, s: int, e: int) -> bool:
        """Whether a statement spanning at least 80% of ``[s, e)``, and 80% covered by it, exists."""
        lo_i = bisect.bisect_left(self.existing, (s - (e - s), -1))
        hi_i = bisect.bisect_left(self.existing, (e, -1))
        for es, ee in self.existing[lo_i:hi_i]:
            ov = min(e, ee) - max(s, es)
            if ov > 0 and ov >= 0.8 * (e - s) and ov >= 0.8 * (ee - es):
                return True
        return False

    def added(self, statements: list[Statement], span: tuple[int, int]) -> None:
        """Record the statement just appended; a later learned cue inside its content is nested."""
        self.index.added(statements)
        bisect.insort(self.existing, span)
        x = bisect.bisect_left(self.covered, span)
        self.covered.insert(x, span)
        self.starts.insert(x, span[0])
        self.longest = max(self.longest, span[1] - span[0])


@dataclass(frozen=True)
class _Context:
    """What every candidate of one text reads: the document, the model and its inputs, the settings."""

    doc: Document
    model: Any
    config: ExtractionConfig
    res: Resolver
    lexicon: dict[str, float]
    tagger_probs: Any
    tagger_weight: float
    rule_cue_toks: set[int]
    first_para_end: int


@dataclass(frozen=True)
class _Sentence:
    """One sentence: tokens ``[si, sj)``, characters ``[start, end)``, its quotations and its rule cues."""

    si: int
    sj: int
    start: int
    end: int
    quotes: list[Quote]
    rule_cues: list[int]


@dataclass
class _Candidate:
    """A candidate cue at token ``k`` as the pass settles it: its source, probability, the statement it splits,
    the side and span of its content (``parts`` for a passive cue)."""

    k: int
    source: tuple[int, int] | None
    inverted: bool
    prob: float = 0.0
    host: Statement | None = None
    after: bool = False
    cue_end_tok: int = 0
    to_in_content: bool = False
    passive: tuple | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    span: tuple[int, int] | None = None


def learned_pass(doc: Document, statements: list[Statement], rule_cue_toks: set[int], res: Resolver, model: Any,
                 config: ExtractionConfig, probs: dict[int, float] | None = None) -> None:
    """Add to ``statements`` those of the cues found by the learned model and not by the rules (``probs``, when
    given, receives cue offset -> cue probability for each statement added)."""
    toks = doc.tokens
    lexicon = getattr(model, "cues", None)
    if lexicon is None:
        lexicon = _model.load_cues()
    # with a tagger, a candidate's cue probability is a weighted mean of the tagger's (which reads the whole
    # text) and the linear model's; experiment scripts pass duck-typed models without ``token_probs``
    token_probs = getattr(model, "token_probs", None)
    tagger_probs = token_probs(toks, doc.sentences, doc.paragraphs, doc.token_in_quote, lexicon) if token_probs is not None else None
    ctx = _Context(doc, model, config, res, lexicon, tagger_probs, getattr(model, "tagger_weight", 0.0), rule_cue_toks,
                   doc.paragraphs[0][1] if doc.paragraphs else 0)
    cover = _Coverage.of(statements)
    res.last_person, res.last_person_pos = None, -1
    q_sorted = sorted(doc.quotes, key=lambda q: q.start)
    qi = 0
    for si, sj in doc.sentences:
        s_start, s_end = toks[si].start, toks[sj - 1].end
        while qi < len(q_sorted) and q_sorted[qi].end <= s_start:
            qi += 1
        sq = []
        x = qi
        while x < len(q_sorted) and q_sorted[x].start < s_end:
            sq.append(q_sorted[x])
            x += 1
        sent = _Sentence(si, sj, s_start, s_end, sq, sorted(x for x in range(si, sj) if x in rule_cue_toks))
        for k in range(si, sj):
            t = toks[k]
            if not ((t.word or t.text == ":") and _model.is_candidate(t.low, lexicon)) or k in rule_cue_toks or (
                    no_speech_before(toks, k, si, sj)):
                continue
            cand = _accepted(ctx, cover, statements, sent, k)
            if cand is None or not _content(ctx, sent, cand) or not _keeps(ctx, cover, sent, cand):
                continue
            _add_statement(ctx, cover, statements, sent, cand, probs)


def _accepted(ctx: _Context, cover: _Coverage, statements: list[Statement], sent: _Sentence, k: int) -> _Candidate | None:
    """The candidate at token ``k`` when the model takes it for a cue; a cue coordinated with the statement that
    holds it, or opening a new clause inside it, first ends that statement before it."""
    toks, config, si, sj = ctx.doc.tokens, ctx.config, sent.si, sent.sj
    t = toks[k]
    coord = _coord_start(toks, k, si)
    nested = cover.holds(t.start)
    if nested and config.model_nested_min_prob >= 1.0 and coord is None and config.nest_split_prob >= 1.0:
        return None
    np, inverted = cue_np(toks, k, si, sj, config)
    if t.text == ":" and np is not None and all(toks[x].low in L.PAGE_LABELS or toks[x].text.isdigit() or not toks[x].word
                                                 for x in range(*np)):
        return None  # "READ MORE:", "FILE PHOTO:", "Credit:": the page's furniture, nobody speaking
    split_prob = config.split_min_prob
    if nested and coord is None and config.nest_split_prob < 1.0:
        # "..., Schlafly put her finger on ...": a new clause with its own source inside the
        # content of an earlier statement ends that content at the clause boundary
        coord = _source_clause_start(toks, np, inverted, k, si)
        split_prob = config.nest_split_prob
        if coord is None and config.model_nested_min_prob >= 1.0:
            return None
    feats = _model.cue_features(toks, k, si, sj, ctx.doc.token_in_quote[k], bool(sent.quotes), sent.start < ctx.first_para_end,
                                ctx.lexicon, np_kind(toks, np, inverted), clause_like(toks, k + 1, sj))
    prob = ctx.model.cue.prob(feats)
    if ctx.tagger_probs is not None:
        prob = (1.0 - ctx.tagger_weight) * prob + ctx.tagger_weight * float(ctx.tagger_probs[k])
    if prob < ctx.model.cue.threshold:
        return None
    host = None
    if coord is not None and prob >= split_prob:
        # "X pushed A and reprimanded B": the statement holding this cue ends before "and"
        host = split_host(ctx.doc.text, toks, statements, cover.index, coord, t.start, config.split_host_min_words)
        if host is not None:
            nested = False
            cover.split(t.start)
    if nested and prob < config.model_nested_min_prob:
        return None
    return _Candidate(k, np, inverted, prob, host)


def _content(ctx: _Context, sent: _Sentence, cand: _Candidate) -> bool:
    """Settle the side and span of the candidate's content (and its cue's extent); whether it has one."""
    text, toks, config = ctx.doc.text, ctx.doc.tokens, ctx.config
    si, sj, s_start, s_end, sq = sent.si, sent.sj, sent.start, sent.end, sent.quotes
    k = cand.k
    t = toks[k]
    qb = any(q.end <= t.start for q in sq)
    qa = any(q.start >= t.end for q in sq)
    cand.after = ctx.model.side.prob(_model.side_features(toks, k, si, sj, cand.inverted, qb, qa, ctx.lexicon)) >= 0.5
    cand.cue_end_tok = k + 1
    while cand.cue_end_tok < sj and toks[cand.cue_end_tok].low in MULTI_CUE_NEXT and cand.cue_end_tok - k < 2:
        cand.cue_end_tok += 1
    if t.low == "according" and k + 1 < sj and toks[k + 1].low == "to":
        cand.source = source_after(toks, k + 1, sj)
        cand.inverted = cand.source is not None
        if cand.source is not None:
            cand.cue_end_tok = cand.source[1]
    cand.passive = passive(toks, k, k + 1, si, sj) if (not cand.inverted and t.low != "according") else None
    if cand.passive is not None:
        # "Her attacks were echoed by ...": the subject's clause is the content, the agent the source
        cand.after = False
        cand.parts = passive_parts(text, toks, cand.passive, s_end)
        if not cand.parts:
            return False
        cand.span = (cand.parts[0][0], cand.parts[-1][1])
        cand.source = cand.passive[2]
        cand.inverted = cand.source is not None
    np, inverted = cand.source, cand.inverted
    if cand.after:
        j = cand.cue_end_tok
        if inverted and np is not None and not t.low == "according":
            j = max(j, np[1])
        elif cand.cue_end_tok - 1 > k and toks[cand.cue_end_tok - 1].low == "to":
            # "vowed to keep going": the content starts at "to", as PolNeAR's does
            j = cand.cue_end_tok - 1
            cand.to_in_content = True
        if L.REPORTING_VERBS.get(t.low) in L.TELL_LEMMAS:
            j = skip_object(toks, j, sj)
        j = strip_that(toks, j, sj)
        if j < sj:
            end = s_end
            nxt = next((c for c in sent.rule_cues if c > j), None)
            if nxt is not None:
                cut = _clause_cut(toks, nxt, j)
                if cut is None:
                    # "A praised B, and the mayor criticized C": the clause of the rule cue's source
                    nnp, ninv = cue_np(toks, nxt, si, sj, config)
                    cut = _source_clause_start(toks, nnp, ninv, nxt, j)
                if cut is not None and not _dangling_before(toks, cut, j):
                    end = toks[cut].start
            cstart = toks[j].start
            if raising(toks, k, si) and np is not None and not inverted and np[1] <= k:
                # "The vote is expected to ...", "X seems to ...": PolNeAR's content holds the subject
                x = np[0]
                while x - 1 >= si and toks[x - 1].low not in L.CLAUSE_STOP:
                    x -= 1  # back to the start of the clause: "The vote in the council is expected"
                cstart = toks[x].start
            cand.span = content_span(text, cstart, end)
    if cand.span is None:
        end = t.start
        if np is not None and not inverted:
            end = toks[np[0]].start
        cand.span = content_span(text, s_start, end)
    return cand.span is not None


def _keeps(ctx: _Context, cover: _Coverage, sent: _Sentence, cand: _Candidate) -> bool:
    """Whether the candidate's content is kept: long enough, a clause (or a long noun phrase free of quotations;
    an infinitive and a passive's clause always are), and no duplicate of a statement already made."""
    text, toks, config = ctx.doc.text, ctx.doc.tokens, ctx.config
    assert cand.span is not None
    s, e = cand.span
    if config.model_min_words > 1 and len(text[s:e].split()) < config.model_min_words:
        return False
    infinitive = cand.after and any(toks[x].low == "to" for x in range(cand.k + 1, min(cand.cue_end_tok, sent.sj)))
    tok_starts = ctx.doc.token_starts
    if config.model_clause and not infinitive and cand.passive is None and not clause_like(
            toks, bisect.bisect_left(tok_starts, s), bisect.bisect_left(tok_starts, e)):
        # a bare noun phrase: kept when long enough and free of titles / scare quotes
        if (config.model_clause == "all" or len(text[s:e].split()) <= config.model_np_max_short
                or any(q.start >= s and q.end <= e + 1 for q in sent.quotes)):
            return False
    return not cover.duplicate(s, e)


def _speaker(ctx: _Context, cover: _Coverage, statements: list[Statement], sent: _Sentence, cand: _Candidate) -> Mention | None:
    """The candidate's speaker: its source checked like the rules' sources; for a participle or gerund, the
    speaker before it in the sentence or the sentence subject; the speaker of the statement it split; a contracted
    pronoun; else the sentence subject before it, the speaker before it in the sentence or the person last named.
    A passive cue has its agent or nobody."""
    text, toks, res = ctx.doc.text, ctx.doc.tokens, ctx.res
    si, sj, s_start = sent.si, sent.sj, sent.start
    k, host, pv = cand.k, cand.host, cand.passive
    t = toks[k]
    mention: Mention | None = None
    src = cand.source
    if src is not None and not cand.inverted:
        src = document_issuer(toks, src, si) or src
    if src is not None and not cand.inverted:
        src = pp_subject(toks, src, si) or src
    if src is not None and not cand.inverted and implausible_source(toks, src, si):
        src = None
    if src is not None:
        mention = who_fix(toks, src, k, make_mention(text, toks, src[0], src[1], res))
    elif t.low.endswith("ing") and (k == si or toks[k - 1].text == "," or toks[k - 1].low in _GERUND_PREPOSITIONS):
        # ", saying ...": the subject of the sentence speaks
        if k == si or (k - 1 == si and toks[si].low in _GERUND_PREPOSITIONS):  # "Citing the report, Ward said ..."
            c = k
            while c < sj and toks[c].text != ",":
                c += 1
            subj = sentence_subject(toks, c + 1, sj) if c + 1 < sj else None
        else:
            prior = cover.index.prior_speaker(statements, s_start, t.start)
            if prior is not None:
                mention = prior
            subj = sentence_subject(toks, si, k)
        if mention is None:
            mention = make_mention(text, toks, subj[0], subj[1], res) if subj else None
    if pv is None and mention is None and host is not None and host.speaker is not None:
        mention = Mention(host.speaker_start, host.speaker_end, "", host.speaker)
    if mention is None:
        mention = contraction_mention(text, t, res)
    if mention is None and pv is None:
        subj = sentence_subject(toks, si, k)
        if subj is not None and subj[1] <= k:
            mention = make_mention(text, toks, subj[0], subj[1], res)
        else:
            name = res.person_before(t.start)
            mention = Mention(None, None, "", name) if name else None
            prior = cover.index.prior_speaker(statements, s_start, t.start)
            if prior is not None:
                mention = prior
    return mention


def _add_statement(ctx: _Context, cover: _Coverage, statements: list[Statement], sent: _Sentence, cand: _Candidate,
                   probs: dict[int, float] | None) -> None:
    """Emit the candidate's statement (its speaker, cue span and kind settled) and record it."""
    toks = ctx.doc.tokens
    assert cand.span is not None
    s, e = cand.span
    t = toks[cand.k]
    mention = _speaker(ctx, cover, statements, sent, cand)
    cue_span = (t.start, toks[min(cand.cue_end_tok, sent.sj) - 1].end) if not cand.inverted else (t.start, t.end)
    if cand.to_in_content and cand.span[0] <= toks[cand.cue_end_tok - 1].start:
        cue_span = (t.start, toks[cand.cue_end_tok - 2].end)
    if cand.passive is not None:
        cue_span = (toks[cand.passive[1]].start, t.end)
    kind = "mixed" if any(q.start >= s and q.end <= e + 1 for q in sent.quotes) else "indirect"
    before = len(statements)
    emit(statements, ctx.config, ctx.doc.text, cand.parts if cand.passive is not None else [cand.span], mention, cue_span, kind,
         keep_short=cand.passive is not None)
    if len(statements) > before:
        if probs is not None:
            probs[cue_span[0]] = cand.prob
        cover.added(statements, cand.span)
