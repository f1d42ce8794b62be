"""Speakers: a source noun phrase made a :class:`Mention`, resolved to a name where the text allows.

Takes token ranges from :mod:`stance.extraction.phrases` and :mod:`stance.extraction.subjects`; gives mentions: the
words as written (their offsets are those of the statement's speaker) and the resolved name. A :class:`Resolver`
indexes the names of the text once; a pronoun ("he", "who") resolves to the person named as the subject of its own
sentence, or of the sentence before when its own names nobody before it ("Ingrid Halvard criticised Tomas Reyna. She
said ...": Halvard), else to the person last named; a role noun ("the spokeswoman") to the last person named with that
role, a role given with a name ("Minister Anna Petrova") to the name. Also: the relative pronoun of "X, who ... said"
(:func:`who_fix`), a contracted pronoun ("He's hoping", :func:`contraction_mention`) and the signature that ends a
block quotation (:func:`quote_signature`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from stance.extraction import lexicon as L
from stance.extraction.document import Quote, Token

__all__ = ["Mention", "Resolver", "make_mention", "who_fix", "contraction_mention", "quote_signature"]


@dataclass(frozen=True)
class Mention:
    """A speaker: the words next to the cue (``start``/``end``, ``None`` for a speaker carried over with no mention
    there; ``text`` as written) and the resolved ``name`` (``None``: unresolved); ``kind`` is ``"name"``,
    ``"pronoun"``, ``"role"`` or ``"nominal"``."""

    start: int | None
    end: int | None
    text: str
    name: str | None
    name_start: int | None = None
    name_end: int | None = None
    kind: str = "name"


#: Endings of a possessive name as the tokenizer keeps it ("Clinton’s", "Boehner's").
_POSSESSIVE = ("’s", "'s")


@dataclass
class Resolver:
    """Pronoun and role resolution from the names seen so far."""

    text: str
    name_pos: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    last_person: str | None = None
    last_person_pos: int = -1
    #: character offset where each sentence starts, in order
    sent_chars: list[int] = field(default_factory=list)
    #: sentence index -> (offset, name) of the names in subject position there, in order (:func:`_subject_position`)
    subject_names: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    #: the words the text writes in lower case (built on first use)
    _lower_words: set[str] | None = field(default=None, repr=False)

    def index_names(self, toks: Sequence[Token], sent_starts: set[int]) -> None:
        """Record capitalised runs that may name people; a run counts as a person when its last
        token is the surname of some multi-word name in the text ("Ingrid Halvard" ... "Halvard")."""
        starts = sorted(sent_starts)
        self.sent_chars = [toks[x].start for x in starts if x < len(toks)]
        i, n = 0, len(toks)
        while i < n:
            if toks[i].word and toks[i].upper:
                j = i
                while j < n and toks[j].word and toks[j].upper:
                    j += 1
                    # "Mr. Kasich", "Gov. John Kasich": an abbreviated title and its period stay in the run, and so does
                    # a middle initial ("Donald J. Trump", not "Donald J")
                    prev = toks[j - 1].text
                    initial = len(prev) == 1 and prev.isupper() and j + 1 not in sent_starts  # not "Plan B. Sanders said"
                    if (j + 1 < n and toks[j].text == "." and (toks[j - 1].low in L.ABBREVIATIONS or initial)
                            and toks[j + 1].word and toks[j + 1].upper and toks[j].start == toks[j - 1].end):
                        j += 1
                a = i
                if a in sent_starts and (toks[a].low in L.NOT_SPEAKER_WORDS or toks[a].low in L.ADVERBS):
                    a += 1  # "The", "Later" opening a sentence
                run = toks[a:j]
                # the tokenizer keeps "Clinton’s" whole: the name is the run without its possessive ending
                possessive = j > a and toks[j - 1].low.endswith(_POSSESSIVE)
                if a > 0 and not possessive and place_preposition(toks, a - 1, roles=True):
                    run = []  # "prosecutors in New York", "the mayor of Kestrava": a place, not a person to point back to
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
                    cut = 2 if possessive else 0
                    last = name_toks[-1].low[: len(name_toks[-1].low) - cut]
                    if len(name_toks) >= 2 and self._surname_like(last):
                        self.surnames.add(last)
                    self.name_pos.append(name_toks[0].start)
                    self.names.append(self.text[name_toks[0].start : name_toks[-1].end - cut])
                    si = bisect.bisect_right(starts, i) - 1
                    if si >= 0 and _subject_position(toks, starts[si], i):
                        self.subject_names.setdefault(si, []).append((self.name_pos[-1], self.names[-1]))
                    # role noun right before the run: "spokeswoman Anna Petrova"
                    if a > 0 and toks[a - 1].low in L.ROLE_NOUNS:
                        self.roles_seen.append((run[0].start, toks[a - 1].low, run))
                i = j
            else:
                i += 1

    roles_seen: list = field(default_factory=list)
    surnames: set = field(default_factory=set)

    def _surname_like(self, word: str) -> bool:
        """Whether the last word of a multi-word capitalised run can be a person's surname: not a party, role or date
        word ("Virginia-based Democratic", "Former Pennsylvania governor"), and not a word the text also writes in
        lower case ("Cold War" where the text says "war")."""
        if word in _NOT_SUBJECT_NAMES:
            return False
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"\b[a-z][a-z'’-]*\b", self.text))
        return word not in self._lower_words

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
        """The person a pronoun at ``pos`` refers to: the last one named as the speaker of a statement, or
        the last name before ``pos`` ending in a known surname (within the last 200 names); first of all, the subject of
        the pronoun's sentence or of the one before (:meth:`_subject_before`)."""
        subject = self._subject_before(pos)
        if subject is not None:
            return subject
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

    def _subject_before(self, pos: int) -> str | None:
        """The subject a pronoun at ``pos`` most likely points to: the person named as the subject of its own sentence
        before it ("Clinton also cited Comey's testimony, but she ...": Clinton), or, when its sentence names nobody
        before it, of the sentence before ("Ingrid Halvard criticised Tomas Reyna. She said ...": Halvard). None when
        that sentence opens with no such name (a person whose surname the text gives in full somewhere): then the
        last speaker or the last name."""
        s = bisect.bisect_right(self.sent_chars, pos) - 1
        if s < 0:
            return None
        k = bisect.bisect_left(self.name_pos, pos) - 1
        own = k >= 0 and self.name_pos[k] >= self.sent_chars[s]
        if not own and s < 1:
            return None
        # the last of them: "Amnesty International spokesman Eric Ferrero" is Ferrero
        for start, name in reversed(self.subject_names.get(s if own else s - 1, ())):
            last = name.split()[-1].lower()
            if start < pos and last in self.surnames and len(name) > 1:  # surnames hold no party, role or date word
                return name
        return None

    def role_before(self, role: str, pos: int) -> str | None:
        """The name last given with role noun ``role`` before ``pos`` ("Health Minister Jonas Weir")."""
        best = None
        for p, r, run in self.roles_seen:
            if p >= pos:
                break
            if r == role:
                best = self.text[run[0].start : run[-1].end]
        return best


#: Lower-case words that may stand before a sentence's subject name ("former Senator Ada Holm", "Opposition leader").
_SUBJECT_MODIFIERS = frozenset("former senior top chief deputy acting longtime veteran".split())
#: Last words that make a capitalised run a title, a party or a date, not a person ("The Turkish President", "Presumptive
#: Democrat", "Last September").
_NOT_SUBJECT_NAMES = L.ROLE_NOUNS | L.PARTY_WORDS | L.TIME_WORDS | frozenset(
    "democratic january february march april may june july august september october november december".split()
)
#: First words of a sentence that open an adjunct, not the subject ("On Tuesday, ...", "In her New Year speech, ...").
_ADJUNCT_OPENERS = frozenset(
    "on in at after before until during since for with by from despite as while when if although though because "
    "under over without about like unlike amid among between".split()
) | L.INTRO_PREPOSITIONS | L.TIME_PREFIXES | L.OPENER_WORDS


def _subject_position(toks: Sequence[Token], first: int, i: int) -> bool:
    """Whether a capitalised run at token ``i`` is its sentence's subject: at most four tokens after the sentence's
    first token ``first``, with only capitalised words, determiners and role words before it ("President Ingrid
    Halvard", "Opposition leader Dana Kovik", "The Interior Ministry spokeswoman Anna Petrova"), not "After meeting
    Reyna, Halvard ..."."""
    if i - first > 4 or toks[first].low in _ADJUNCT_OPENERS:
        return False
    return all(t.word and (t.upper or t.low in L.ROLE_NOUNS or t.low in L.DETERMINERS or t.low in _SUBJECT_MODIFIERS)
               for t in toks[first:i])


def place_preposition(toks: Sequence[Token], x: int, *, roles: bool = False) -> bool:
    """Whether token ``x`` is a preposition that makes the capitalised name after it a place: "in", "at", "near" ...
    (:data:`~stance.extraction.lexicon.PLACE_PREPOSITIONS`), "of" / "from" after a party word ("Democrat of New
    York", "a Republican from Ohio") or, with ``roles``, after a role noun ("the mayor of Kestrava"), or "from" after
    a noun for people ("a voter from Columbus", :data:`~stance.extraction.lexicon.PERSON_NOUNS`)."""
    low = toks[x].low
    if low in L.PLACE_PREPOSITIONS:
        return True
    if low not in ("of", "from") or x == 0:
        return False
    before = toks[x - 1].low
    return before in L.PARTY_WORDS or (roles and before in L.ROLE_NOUNS) or (low == "from" and before in L.PERSON_NOUNS)


#: Pronouns that never open a name's noun phrase (unlike "we"/"you": "We Democrats").
_PRONOUNS_BEFORE_NAME = frozenset("he she it i they him them me".split())


def make_mention(text: str, toks: Sequence[Token], a: int, b: int, res: Resolver) -> Mention:
    """The mention of source tokens ``[a, b)``: a pronoun resolved to the person last named, a role noun
    to the last person named with that role, a name (after its role words) as itself; the rest as written."""
    # "according to she Mr.", "she Mr said": a pronoun run into a name is not part of the mention, whose offsets
    # must cover the speaker as written ("we"/"you" stay: "We Democrats"); the mention starts after the last one.
    # Only before a name: in "experts I spoke" the pronoun opens a clause, and what is left is no speaker either.
    if toks[b - 1].upper:
        a = max((x + 1 for x in range(a, b - 1) if toks[x].low in _PRONOUNS_BEFORE_NAME), default=a)
    s, e = toks[a].start, toks[b - 1].end
    written = text[s:e]
    low = toks[a].low
    if b - a == 1:
        contracted = contraction_mention(text, toks[a], res)
        if contracted is not None:
            return contracted  # "He's hoping ...": the pronoun, not "He's" as a name
    if b - a == 1 and low in L.PRONOUNS:
        name = res.person_before(s) if low in L.PERSON_PRONOUNS else None
        return Mention(s, e, written, name, kind="pronoun")
    if b - a == 1 and low in L.RELATIVE_PRONOUNS:
        return Mention(s, e, written, res.person_before(s), kind="pronoun")
    # "Federal prosecutors in New York", "a Democrat of New York": the name after the preposition is a place, so the
    # mention is what comes before it (as written, the place included)
    cut = next((x for x in range(a + 1, b - 1) if toks[x + 1].upper and place_preposition(toks, x)), None)
    if cut is not None:
        if not toks[cut - 1].upper or toks[cut - 1].low in L.PARTY_WORDS:
            return Mention(s, e, written, written, s, e, kind="nominal")
        b = cut
    if (b - a >= 2 and toks[b - 1].low in L.SPEECH_NOUNS and not toks[b - 1].upper and toks[b - 2].upper
            and toks[b - 2].low.endswith(_POSSESSIVE) and toks[b - 2].low[:-2] not in L.TIME_WORDS):
        # "Trump’s rhetoric, including calling ...", "Mr. Gowdy’s letter said": the words are the owner's
        o = b - 2
        while o > a and (toks[o - 1].upper or toks[o - 1].text == "."):
            o -= 1
        while o < b - 2 and (toks[o].low in L.NOT_SPEAKER_WORDS or toks[o].low in L.ROLE_NOUNS or toks[o].text == "."):
            o += 1  # "President Obama’s remarks" -> "Obama"
        if toks[o].upper and toks[o].low not in L.NOT_SPEAKER_WORDS:
            owner_s, owner_e = toks[o].start, toks[b - 2].end - 2
            return Mention(s, e, written, text[owner_s:owner_e], owner_s, owner_e, kind="name")
    # trailing capitalised run = the name
    j = b
    while j > a and (toks[j - 1].upper or toks[j - 1].text in (".", "’s", "'s")):
        j -= 1
    while j < b and not toks[j].upper:
        j += 1
    if (a < j - 2 and j < b and toks[j - 1].low in L.POSTMODIFIER_PREPS
            and (toks[j - 2].low in L.POSTMODIFIER_HEADS or toks[j - 2].low == "knowledge")):
        # "Lawmakers loyal to Mr. Trump", "a source familiar with Clinton's thinking": the name is the modifier's
        # object, not who speaks; the phrase is the speaker, as written
        return Mention(s, e, written, written, s, e, kind="nominal")
    if a < j - 1 < b and toks[j - 1].low == "of":
        # "President Ingrid Halvard of Norvania", "the mayor of Kestrava": the head is before "of", not the place
        h = j - 1
        while h > a and (toks[h - 1].upper or toks[h - 1].text == "."):
            h -= 1
        person = [x for x in range(h, j - 1) if toks[x].upper and toks[x].low not in L.ROLE_NOUNS]
        if len(person) >= 2:
            b, j = j - 1, h
        elif h == j - 1 and toks[j - 2].word and toks[j - 2].low in L.ROLE_NOUNS:
            return Mention(s, e, written, written, s, e, kind="nominal")
    if j < b:
        # role noun(s) before the name: name is the run after the last role noun
        k = j
        for x in range(j, b):
            if toks[x].low in L.ROLE_NOUNS and x + 1 < b:
                k = x + 1
        name_s, name_e = toks[k].start, toks[b - 1].end
        if toks[b - 1].low.endswith(_POSSESSIVE):
            # "Obama’s remarks spoke to ...", the phrase cut at the owner (the tokenizer keeps "Obama’s" whole):
            # the owner is who holds the view, named without the ending
            name_e -= 2
        name = text[name_s:name_e]
        is_org = any(toks[x].low in L.ORG_WORDS for x in range(k, b))
        if not is_org:
            res.last_person, res.last_person_pos = name, s
        return Mention(s, e, written, name if not is_org else written, name_s if not is_org else s,
                        name_e if not is_org else e, kind="name")
    # all lower-case: a role ("the spokeswoman") or a nominal ("officials")
    head = toks[b - 1].low
    if head in L.ROLE_NOUNS and low in ("the", "a", "an", "his", "her", "their"):
        resolved = res.role_before(head, s) if low == "the" else None
        if resolved:
            return Mention(s, e, written, resolved, kind="role")
    return Mention(s, e, written, written, s, e, kind="nominal")


def who_fix(toks: Sequence[Token], np: tuple[int, int], cue: int, mention: Mention) -> Mention:
    """"X, who ... said": the mention is the relative pronoun (next to the cue), named as X."""
    w = np[1]
    if w + 1 < cue and toks[w].text == "," and toks[w + 1].low in L.RELATIVE_PRONOUNS:
        x = w + 2
        while x < cue and toks[x].word and (toks[x].low in L.AUXILIARIES or toks[x].low in L.ADVERBS or toks[x].low.endswith("ly")):
            x += 1
        if x == cue:
            who = toks[w + 1]
            return Mention(who.start, who.end, who.text, mention.name, kind="pronoun")
    return mention

_SIGNATURE_RE = re.compile(r"[ \t]*\n[ \t]*((?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w.’'-]*)(?:,[^\n\"”]{0,80})?[.]?[\"”]+[ \t]*(?:\n|$)")


def quote_signature(text: str, q: Quote) -> Mention | None:
    """The signer of a block quotation whose last line is a signature ('... stimulus.\nDana Voss,
    Harbour Institute."'), or None."""
    e = q.parts[-1][1]
    m = _SIGNATURE_RE.match(text, e, min(len(text), e + 200))
    if m is None:
        return None
    a, b = m.span(1)
    if text[b - 1] == "." and text[b - 3 : b - 1].isalpha():
        b -= 1  # the signature's closing period, not an initial
    if len(text[a:b].split()) < 2 and "," not in text[b : m.end()]:
        return None
    return Mention(a, b, text[a:b], text[a:b], a, b, kind="name")

_CONTRACTION_RE = re.compile(r"(he|she|they|we|i)['’]", re.IGNORECASE)


def contraction_mention(text: str, t: Token, res: Resolver) -> Mention | None:
    """The pronoun opening a contracted token ``t`` ("He’s", "they’re") as a speaker mention, or None."""
    m = _CONTRACTION_RE.match(t.text)
    if m is None:
        return None
    s, e = t.start, t.start + len(m.group(1))
    low = m.group(1).lower()
    return Mention(s, e, text[s:e], res.person_before(s) if low in L.PERSON_PRONOUNS else None, kind="pronoun")
