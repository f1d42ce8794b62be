"""The rules' stage of assembly: statements made from the cues of each sentence and the quotations around them.

Takes a :class:`~stance.extraction.document.Document`, the speaker :class:`~stance.extraction.speakers.Resolver`
of its names and the :class:`~stance.extraction.config.ExtractionConfig`; gives a :class:`RuleState` whose
``statements`` are the statements of the rules (in the order they were made) and whose ``cue_tokens`` are the
tokens of every rule cue (the learned pass leaves those alone).

Per sentence, the cues of :func:`stance.extraction.cues.find_rule_cues` each take their content, in this order of
preference: a quotation right before the attribution (plus a continuation quotation after it), the clause before
an inverted attribution, the clause after the cue (up to the next cue's clause), the subject's clause of a
passive cue, the clause before ", X said", or, after "X said:", the quotation that follows. A sentence without
cues gives its quotations to the statement before (same paragraph), to the subject of "Name <words>:", or to the
previous speaker. Quotations are used at most once: the state records those taken.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from stance.extraction import lexicon as L
from stance.extraction._types import Statement
from stance.extraction.config import ExtractionConfig
from stance.extraction.cues import RULE_CUE_PARTICLES, Cue, find_rule_cues, passive, passive_parts, raising
from stance.extraction.document import QUOTE_CHARS, Document, Quote, Token, content_span, inner_words
from stance.extraction.phrases import document_issuer, pp_subject, skip_object, strip_that
from stance.extraction.speakers import Mention, Resolver, make_mention, quote_signature, who_fix
from stance.extraction.statements import emit, emit_quote, kind_for
from stance.extraction.subjects import implausible_source, last_clause_subject, sentence_subject

__all__ = ["RuleState", "rule_pass"]

#: What may separate a quotation from the attribution right after it.
_QUOTE_GAP = " ,—–-\n\xa0"


@dataclass
class RuleState:
    """What the rules carry from one sentence to the next, and what they give."""

    #: the statements made so far, in the order they were made
    statements: list[Statement] = field(default_factory=list)
    #: start offsets of the quotations already taken (by a statement, or found to be a title)
    used: set[int] = field(default_factory=set)
    #: token indexes of every rule cue
    cue_tokens: set[int] = field(default_factory=set)
    #: the speaker of the last statement with a source, for the quotations and participles that follow
    last_speaker: Mention | None = None
    #: where the content of the last statement ended
    last_end: int = -1
    #: after "X said:" ending a sentence: the speaker and cue span of the quotation expected next
    pending_colon: tuple[Mention | None, tuple[int, int]] | None = None

    def take(self, q: Quote) -> None:
        """Mark quotation ``q`` as used."""
        self.used.add(q.start)

    def free(self, q: Quote) -> bool:
        """Whether quotation ``q`` is still unused."""
        return q.start not in self.used


@dataclass(frozen=True)
class _Sentence:
    """One sentence: tokens ``[si, sj)``, characters ``[start, end)``, its quotations and those still free."""

    si: int
    sj: int
    start: int
    end: int
    quotes: list[Quote]
    free_quotes: list[Quote]


@dataclass
class _Attribution:
    """A cue with its source and speaker as assembly settles them."""

    cue: Cue
    source: tuple[int, int] | None
    mention: Mention | None
    cue_span: tuple[int, int]
    #: characters from the start of the attribution (the source before the cue, else the cue) to its end
    start: int
    end: int


def rule_pass(doc: Document, res: Resolver, config: ExtractionConfig) -> RuleState:
    """The statements of the rules in ``doc`` (see the module docstring)."""
    state = RuleState()
    toks = doc.tokens
    for si, sj in doc.sentences:
        s_start, s_end = toks[si].start, toks[sj - 1].end
        sq = doc.quotes_in(s_start, s_end)
        cues = find_rule_cues(doc, si, sj, sq, config)
        sent = _Sentence(si, sj, s_start, s_end, sq, [q for q in sq if state.free(q)])
        if not cues:
            _sentence_without_cues(doc, res, config, state, sent)
            continue
        state.pending_colon = None
        for c in cues:
            state.cue_tokens.update(range(c.first, c.stop))
        for ci in range(len(cues)):
            _assemble_cue(doc, res, config, state, sent, cues, ci)
    return state


def _sentence_without_cues(doc: Document, res: Resolver, config: ExtractionConfig, state: RuleState, sent: _Sentence) -> None:
    """The quotations of a sentence with no cue: after "X said:", that speaker's; later in the paragraph of the
    statement before, part of it; after "Name <words>:", the subject's; else the previous speaker's."""
    text, toks, statements = doc.text, doc.tokens, state.statements
    si, sj, s_start, s_end = sent.si, sent.sj, sent.start, sent.end
    stmt_quotes = sent.free_quotes
    if state.pending_colon is not None and stmt_quotes:
        mention, cue_span = state.pending_colon
        for q in stmt_quotes:
            emit_quote(statements, config, text, q, mention, cue_span)
            state.take(q)
        state.last_speaker = mention or state.last_speaker
        state.pending_colon = None
        state.last_end = s_end
        return
    for q in stmt_quotes:
        if inner_words(text, q) > L.SCARE_QUOTE_MAX_WORDS and q.start - s_start < 40:
            prev_st = statements[-1] if statements else None
            if prev_st is not None and prev_st.end <= q.start and "\n" not in text[prev_st.end : q.start]:
                # another quotation later in the same paragraph: part of the same statement
                parts = list(prev_st.parts or ((prev_st.start, prev_st.end),)) + list(q.parts)
                statements.pop()
                emit(statements, config, text, parts, Mention(prev_st.speaker_start, prev_st.speaker_end, "", prev_st.speaker)
                     if prev_st.speaker_start is not None else None,
                     (prev_st.cue_start, prev_st.cue_end) if prev_st.cue_start is not None and prev_st.cue_end is not None else None,
                     "direct" if prev_st.kind == "direct" else "mixed")
                state.take(q)
                state.last_end = q.end
                continue
            mention = state.last_speaker if (state.last_speaker and q.start - state.last_end < 1500) else None
            cue_word: tuple[int, int] | None = None
            mention = quote_signature(text, q) or mention
            if q.start > s_start:
                # "Hannity interjected: “...”": the subject of the words before the quotation speaks
                qk = bisect.bisect_left(doc.token_starts, q.start)
                if si + 2 <= qk - 1 and toks[qk - 1].text in (":", ","):
                    subj = sentence_subject(toks, si, qk - 1)
                    if subj is None:
                        subj = last_clause_subject(toks, si, qk - 1)
                    if subj is not None and subj[1] < qk - 1 and _names_someone(toks, subj):
                        mention = make_mention(text, toks, subj[0], subj[1], res)
                        cue_word = (toks[subj[1]].start, toks[qk - 2].end)
            emit_quote(statements, config, text, q, mention, cue_word)
            state.take(q)
    if toks[sj - 1].text == ":" and not stmt_quotes and sj - si >= 3:
        # "X issued the following statement:" and the quotation in the next paragraph
        subj = sentence_subject(toks, si, sj - 1)
        if subj is not None and _names_someone(toks, subj):
            state.pending_colon = (make_mention(text, toks, subj[0], subj[1], res), (toks[subj[1]].start, toks[sj - 1].end))


def _names_someone(toks: Sequence[Token], np: tuple[int, int]) -> bool:
    """Whether the noun phrase holds a capitalised word (not a determiner), a pronoun or a role noun."""
    return any((toks[x].upper and toks[x].low not in L.DETERMINERS) or toks[x].low in L.PRONOUNS or toks[x].low in L.ROLE_NOUNS
               for x in range(np[0], np[1]))


def _attribution(doc: Document, res: Resolver, state: RuleState, sent: _Sentence, cues: list[Cue], ci: int) -> _Attribution:
    """Cue ``cues[ci]`` with its source checked (a document's issuer, past a prepositional phrase, the sentence
    subject instead of an implausible source) and its speaker mention; a participle or coordinated cue speaks
    with the sentence subject, else the previous speaker."""
    text, toks, si = doc.text, doc.tokens, sent.si
    cue = cues[ci]
    ca, np, inverted = cue.first, cue.source, cue.inverted
    cue_s, cue_e = toks[ca].start, toks[cue.stop - 1].end
    if np and not inverted:
        np = document_issuer(toks, np, si) or np
    if np and not inverted:
        np = pp_subject(toks, np, si) or np
    if np and not inverted and implausible_source(toks, np, si):
        subj = sentence_subject(toks, si, ca)
        if subj is not None and subj[1] <= np[0]:
            np = subj
    mention: Mention | None
    if np:
        mention = who_fix(toks, np, ca, make_mention(text, toks, np[0], np[1], res))
    elif cue.kind in ("participle", "coordinated"):
        mention = state.last_speaker
        if not (ci > 0 and cues[ci - 1].source is not None):
            subj = sentence_subject(toks, si, ca)
            if subj is not None:
                mention = make_mention(text, toks, subj[0], subj[1], res)
    else:
        mention = None
    if mention is not None and np is not None:
        state.last_speaker = mention
    start = toks[np[0]].start if (np and not inverted) else cue_s
    end = toks[np[1] - 1].end if (np and inverted) else cue_e
    return _Attribution(cue, np, mention, (cue_s, cue_e), start, end)


def _assemble_cue(doc: Document, res: Resolver, config: ExtractionConfig, state: RuleState, sent: _Sentence,
                  cues: list[Cue], ci: int) -> None:
    """The statement of cue ``cues[ci]``, if it has one (see the module docstring for the order of the readings)."""
    att = _attribution(doc, res, state, sent, cues, ci)
    if _quote_before(doc, config, state, sent, att, ci):
        return
    text, toks, statements = doc.text, doc.tokens, state.statements
    si, sj, s_start, s_end, stmt_quotes = sent.si, sent.sj, sent.start, sent.end, sent.free_quotes
    ca, cb, ckind, np, inverted = att.cue.first, att.cue.stop, att.cue.kind, att.source, att.cue.inverted
    mention, cue_span, attr_s, attr_e = att.mention, att.cue_span, att.start, att.end
    cue_s, cue_e = cue_span
    # 2. inverted attribution with no quote: "content, said X." (quote marks lost)
    if inverted and ckind == "verb":
        lo = s_start if ci == 0 else cues[ci - 1].attribution_end(toks)
        span = content_span(text, lo, attr_s)
        if span is not None:
            kind = kind_for(text, [span], stmt_quotes, state.used)
            emit(statements, config, text, [span], mention, cue_span, kind)
            state.last_end = span[1]
        return
    # 3. cue then content after it: skip the object of tell/ask etc. and "that"
    j = np[1] if inverted and np else cb
    if ckind == "verb" and L.REPORTING_VERBS.get(toks[ca].low) in L.TELL_LEMMAS:
        j = skip_object(toks, j, sj)
    if not inverted and j == cb and j + 1 < sj and toks[j].low in RULE_CUE_PARTICLES:
        j += 1  # "pointed out that ...", "complained about the fees": the particle is part of the cue
        cue_span = (cue_s, toks[j - 1].end)
    j0 = j
    j = strip_that(toks, j, sj)
    # "X asserted that, abortion aside, ...": after "that" a comma opens an aside, not an adjunct
    had_that = j > j0 and toks[j0].low == "that"
    next_boundary = _content_end(doc, config, state, sent, cues, ci, att, j)
    if next_boundary is None:
        return
    if ckind == "according":
        # "according to X, content" or "content, according to X"
        pre = content_span(text, s_start, cue_s)
        post = content_span(text, attr_e, s_end)
        parts = [p for p in (pre, post) if p]
        if parts:
            emit(statements, config, text, parts, mention, cue_span, kind_for(text, parts, stmt_quotes, state.used))
            state.last_end = s_end
        return
    # words from j to the end of the sentence that start before next_boundary (prefix counts)
    after_hi = min(sj, bisect.bisect_left(doc.token_starts, next_boundary))
    word_counts = doc.word_counts
    after_words = word_counts[after_hi] - word_counts[j] if after_hi > j else 0
    adjunct = j < sj and (toks[j].low in L.POST_CUE_ADJUNCTS or toks[j].text in ".,") and not had_that
    comma_before = np is not None and not inverted and np[0] - 1 >= si and toks[np[0] - 1].text in (",", "”", '"', "'", "’")
    clause_before = toks[si].low not in L.INTRO_WORDS and (np[0] - si if np else 0) >= 5
    min_after = 2
    if ci == 0 and (
        any(toks[x].low == "asked" for x in range(si, min(si + 2, sj)))
        or any(q.start >= cue_e and not text[cue_e : q.start].strip(" ,:") for q in stmt_quotes if state.free(q))
    ):
        # "Asked whether ..., Priebus said, “Probably.”": the opening clause is the question, and
        # a quotation right after the cue is the content, however short
        clause_before = False
        min_after = 1
    if comma_before and clause_before and ci == 0 and (adjunct or after_words < 3):
        j = sj  # "content, X said at a news conference." -> content is before
    pv = passive(toks, ca, cb, si, sj) if (ckind == "verb" and not inverted) else None
    if pv is not None:
        _x0, be, agent, _rest = pv
        pparts = passive_parts(text, toks, pv, next_boundary)
        if pparts:
            mention = make_mention(text, toks, agent[0], agent[1], res) if agent else None
            if mention is not None:
                state.last_speaker = mention
            emit(statements, config, text, pparts, mention, (toks[be].start, cue_e), kind_for(text, pparts, stmt_quotes, state.used),
                 keep_short=True)
            state.last_end = pparts[-1][1]
            return
    if j < sj and toks[j].start < next_boundary and after_words >= min_after:
        cs = toks[j].start
        if raising(toks, ca, si) and np is not None and not inverted and ckind == "verb":
            x = np[0]
            while x - 1 >= si and toks[x - 1].low not in L.CLAUSE_STOP:
                x -= 1
            cs = toks[x].start  # "The vote is expected to pass": the content holds the subject
        span = content_span(text, cs, next_boundary)
        if span is not None:
            qs_in = [q for q in stmt_quotes if state.free(q) and q.start >= span[0] - 1 and q.end <= span[1] + 1]
            if len(qs_in) == 1 and abs(qs_in[0].start - span[0]) <= 1 and abs(qs_in[0].end - span[1]) <= 2:
                q = qs_in[0]
                state.take(q)
                emit(statements, config, text, list(q.parts), mention, cue_span, "direct")
                state.last_end = q.end
                return
            for q in qs_in:
                state.take(q)
            emit(statements, config, text, [span], mention, cue_span, "mixed" if qs_in else "indirect")
            state.last_end = span[1]
            return
    if ci == 0:
        _content_before(doc, config, state, sent, att, cue_span, len(cues) == 1)


def _content_before(doc: Document, config: ExtractionConfig, state: RuleState, sent: _Sentence, att: _Attribution,
                    cue_span: tuple[int, int], only_cue: bool) -> None:
    """Readings 4 and 5 of the first cue of a sentence: "content, X said." (quote marks lost), with the rest of the
    clause when the attribution sits in its middle ("The problem, she said, is that ..."); or, after "X said:",
    the quotation that follows."""
    text, toks, statements = doc.text, doc.tokens, state.statements
    s_start, s_end, stmt_quotes = sent.start, sent.end, sent.free_quotes
    mention, attr_s, cue_e = att.mention, att.start, att.cue_span[1]
    # 4. cue at the end of the sentence: "content, X said." (quote marks lost)
    span = content_span(text, s_start, attr_s)
    if span is not None and text[span[1] : attr_s].strip(" \n\xa0") == ",":
        parts = [span]
        if only_cue:
            # "The problem, she said, is that ...": the content goes on after the cue
            rest = text[cue_e:s_end]
            if rest.lstrip(" ").startswith(","):
                rest_span = content_span(text, cue_e, s_end)
                words = text[rest_span[0]:rest_span[1]].split() if rest_span is not None else []
                if rest_span is not None and len(words) >= 2 and words[0].lower() not in (
                    "according", "who", "which", "adding", "noting", "citing", "and", "but"
                ) and not _has_cue_between(toks, doc.token_starts, rest_span[0], rest_span[1]):
                    parts.append(rest_span)
        qs_in = [q for q in stmt_quotes if state.free(q) and q.start >= span[0] and q.end <= parts[-1][1] + 1]
        for q in qs_in:
            state.take(q)
        emit(statements, config, text, parts, mention, cue_span, "mixed" if qs_in else "indirect")
        state.last_end = parts[-1][1]
        return
    # 5. "X said:" at the end of a paragraph: content follows
    tail = text[cue_e:s_end].strip()
    if (tail in (":", "") and text[cue_e:s_end + 2].strip().startswith(":")) or tail == ":":
        state.pending_colon = (mention, cue_span)


def _content_end(doc: Document, config: ExtractionConfig, state: RuleState, sent: _Sentence, cues: list[Cue], ci: int,
                 att: _Attribution, j: int) -> int | None:
    """Where the content of cue ``cues[ci]``, starting at token ``j``, ends: at the end of the sentence, or before the
    clause of the next cue that has content of its own; ``None`` when the cue takes no content after it ("In May,
    Trump said he believes ...": the opening phrase is not what was said)."""
    text, toks = doc.text, doc.tokens
    si, sj, s_start = sent.si, sent.sj, sent.start
    np, cue_e = att.source, att.cue_span[1]
    nci = ci + 1
    while nci < len(cues) and j < sj and nci - ci <= config.next_cue_skip_max and (
            _cue_without_content(toks, doc.quote_mark_counts, cues, nci, j, sj, config.adjunct_content_max)
            or _dangling_cut(toks, cues[nci], j)):
        nci += 1  # "X said she was joking.", "... as many as 30 percent of [the voters say]": part of this content
    nxt = cues[nci] if nci < len(cues) else None
    if nxt is None:
        return sent.end
    if (ci == 0 and att.cue.kind == "verb" and np is not None and not att.cue.inverted
            and np[0] - 1 > si and toks[np[0] - 1].text == "," and nxt.source is not None
            and not nxt.inverted and nxt.source[0] == j and nxt.kind == "verb"):
        return None
    nstart = toks[nxt.source[0]].start if (nxt.source and not nxt.inverted) else toks[nxt.first].start
    if nstart <= cue_e:
        # "Holm, who said A, said B": the next cue's source stands before this cue, so
        # this content ends where the next cue's clause does, at the comma before it
        nstart = toks[nxt.first].start
    # cut before ", adding" / ", and X said" / ", but Y said" / ", while Y argued"
    end = max(_cut_before_link(text, s_start, nstart), cue_e)
    if j < sj:
        for q in sent.free_quotes:
            if (state.free(q) and q.start > toks[j].start and q.end <= nstart and q.start < end
                    and not text[q.end:nstart].strip(_QUOTE_GAP) and text[:q.start].rstrip().endswith(":")):
                # "... explaining it was stuck: “Trust me ...,” Sullivan wrote.": the quotation is the next cue's
                end = max(q.start, cue_e)
                break
    return end


def _quote_before(doc: Document, config: ExtractionConfig, state: RuleState, sent: _Sentence, att: _Attribution, ci: int) -> bool:
    """Reading 1: a quotation right before the attribution ('"...," she said'), with a continuation quotation
    after it in the same sentence or opening the next one; whether it made the cue's statement."""
    text, toks = doc.text, doc.tokens
    stmt_quotes = sent.free_quotes
    cue = att.cue
    before_q = None
    for q in stmt_quotes:
        if state.free(q) and q.end <= att.start and not text[q.end : att.start].strip(_QUOTE_GAP):
            before_q = q
    if (
        before_q is not None
        and inner_words(text, before_q) <= L.SCARE_QUOTE_MAX_WORDS
        and _that_clause(toks, att.source[1] if cue.inverted and att.source else cue.stop, sent.sj)
    ):
        # 'On ABC's “This Week,” Carson admitted that ...': a title before the attribution, the
        # content is the clause after "that"
        before_q = None
    if before_q is not None and cue.kind == "participle" and toks[cue.first - 1].text != ",":
        before_q = None  # '... were "overblown," adding that ...': the quotation is not the participle's
    if before_q is None or cue.kind == "according":
        return False
    parts = list(before_q.parts)
    state.take(before_q)
    # continuation quote after the attribution, in the same paragraph
    joined = False
    for q in stmt_quotes:
        if state.free(q) and q.start >= att.end:
            gap = text[att.end : q.start]
            if "\n" not in gap and len(gap) < 200 and not _has_cue_between(toks, doc.token_starts, att.end, q.start) and not (
                    inner_words(text, q) <= L.SCARE_QUOTE_MAX_WORDS and gap.strip(" ,")):
                parts.extend(q.parts)
                state.take(q)
                joined = True
            break
    if not joined:
        # "“A,” she said. “B.”": the quotation opening the next sentence continues it
        qn = bisect.bisect_left(doc.quote_starts, att.end)
        if qn < len(doc.quotes) and state.free(doc.quotes[qn]):
            q = doc.quotes[qn]
            gap = text[att.end : q.start]
            if "\n" not in gap and gap.strip() == ".":
                parts.extend(q.parts)
                state.take(q)
    kind = "direct"
    if len(parts) == 1 and ci == 0:
        # 'Their plan may be "strategic," said X': the clause around the quotation
        lead = content_span(text, sent.start, parts[0][0])
        if lead is not None and len(text[lead[0]:lead[1]].split()) >= 2 and not _has_cue_between(
            toks, doc.token_starts, lead[0], lead[1]
        ) and not text[lead[0]:lead[1]].rstrip().endswith(":"):
            parts = [(lead[0], parts[0][1])]
            kind = "mixed"
    emit(state.statements, config, text, parts, att.mention, att.cue_span, kind)
    state.last_end = parts[-1][1]
    return True


def _has_cue_between(toks: Sequence[Token], tok_starts: list[int], s: int, e: int) -> bool:
    """Whether a reporting verb starts in characters ``[s, e)``."""
    i = bisect.bisect_left(tok_starts, s)
    while i < len(toks) and toks[i].start < e:
        if toks[i].low in L.REPORTING_VERBS:
            return True
        i += 1
    return False

_THAT_NOT_CLAUSE = L.TIME_WORDS | frozenset("day night time moment point way".split())


def _that_clause(toks: Sequence[Token], j: int, sj: int) -> bool:
    """Whether token ``j`` is "that" opening a clause of three words or more ("that the course name
    was ...", not "that night")."""
    return (
        j + 3 < sj
        and toks[j].low == "that"
        and toks[j + 1].word
        and toks[j + 1].low not in _THAT_NOT_CLAUSE
        and all(toks[x].word for x in range(j + 1, j + 4))
    )

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


def _dangling_cut(toks: Sequence[Token], cue: Cue, lo: int) -> bool:
    """Whether ending a content that starts at token ``lo`` where ``cue``'s clause starts would leave
    it ending in a function word ("X said as many as 30 percent of [the voters say ...]")."""
    na, nnp, ninv = cue.first, cue.source, cue.inverted
    if nnp and not ninv and nnp[1] - nnp[0] > 1 and nnp[0] > lo and toks[nnp[0]].low == "that":
        return True  # "she is unconvinced [that Aho believes] ...": a complement clause inside the content
    x = (nnp[0] if (nnp and not ninv) else na) - 1
    while x > lo and not toks[x].word and toks[x].text in (",", "”", '"', "'", "’"):
        x -= 1
    return x >= lo and toks[x].word and toks[x].low in L.DANGLING_WORDS


def _cue_without_content(toks: Sequence[Token], quote_marks: list[int], cues: list[Cue], n: int, lo: int, sj: int,
                         adjunct_max: int) -> bool:
    """Whether rule cue ``cues[n]`` (its source at or after token ``lo``) would take no content: it is a
    plain verb cue, not inverted, and at most an adjunct follows it up to the next cue or the end of
    the sentence ("she was joking.", "he agreed with Y."). ``quote_marks`` are the prefix counts of
    :attr:`Document.quote_mark_counts`."""
    na, nb, nk, nnp, ninv = cues[n].first, cues[n].stop, cues[n].kind, cues[n].source, cues[n].inverted
    if nk != "verb" or ninv or nnp is None or nnp[0] < lo:
        return False
    if (nb < sj and ((nnp[0] - 1 > lo and toks[nnp[0] - 1].low in L.RELATIVE_OPENERS) or (
            nnp[1] - nnp[0] > 1 and nnp[0] > lo and toks[nnp[0]].low in L.RELATIVE_OPENERS))
            and (toks[nb].low in L.AUXILIARIES or toks[nb].low in L.BE_FORMS)):
        return True  # "X said the plan, which some have argued was meant to ..., was ...": a relative clause
    if lo < nb and quote_marks[nb] > quote_marks[lo]:
        return False
    end = sj
    if n + 1 < len(cues):
        c2 = cues[n + 1]
        end = c2.source[0] if (c2.source and not c2.inverted and c2.source[0] > nb) else c2.first
    j = nb
    if L.REPORTING_VERBS.get(toks[na].low) in L.TELL_LEMMAS:
        j = skip_object(toks, j, end)
    words = [toks[x] for x in range(j, end) if toks[x].word]
    if not words:
        return True
    if any(toks[x].text in QUOTE_CHARS or toks[x].text in "“”:" for x in range(j, end)):
        return False
    if len(words) < 2:
        return True
    return words[0].low in L.ADJUNCT_PREPOSITIONS and len(words) <= adjunct_max and toks[j].word
