"""Tokenization and target-mention finding shared by the feature extractor and the model.

Tokens keep their character offsets in the original text, so a target given by its offsets (as in
NewsMTSC) can be matched exactly, and so explanations can point back into the statement.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "tokenize", "target_phrases", "find_mentions", "STOPWORDS"]

_TOKEN_RE = re.compile(
    r"""(?P<url>https?://\S+|www\.\S+)
      |(?P<user>@\w+)
      |(?P<tag>\#\w+)
      |(?P<word>\w+(?:['’]\w+)*)
      |(?P<punct>[!?]+)""",
    re.VERBOSE,
)
# the same alternatives without groups, for the faster path that needs no offsets
_FLAT_RE = re.compile(r"https?://\S+|www\.\S+|@\w+|\#\w+|\w+(?:'\w+)*|[!?]+")
_CAMEL_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

#: Function words ignored when a target's content words are matched on their own.
STOPWORDS: frozenset[str] = frozenset(
    """a an the of and or to in on for at by with from is are was were be been being it its this that
    these those as into about over under new real our their his her my your movement government
    policy state party""".split()
)


class Token(NamedTuple):
    """One token: its normalized form and its character span in the original text.

    ``extra`` is True for words split out of a hashtag (they follow the hashtag, at its offsets).
    """

    norm: str
    start: int
    end: int
    extra: bool = False


_new_token = tuple.__new__  # building the NamedTuple without its Python-level __new__ is ~3x faster


def tokenize(text: str, offsets: bool = True) -> list[Token]:
    """Split ``text`` into normalized tokens with offsets.

    URLs become ``_url_``, user mentions ``@user``; hashtags are kept (lower-cased) and also split into
    their camel-case words, which follow the hashtag as extra tokens at the same offsets. Apostrophes
    are folded to ``'``. With ``offsets=False`` the tokens are the same but ``start`` and ``end`` are
    -1 (about twice as fast; used when no mention offsets are given).
    """
    out: list[Token] = []
    append = out.append
    if "’" in text:
        text = text.replace("’", "'")  # same length: offsets stay valid
    if not offsets:
        # no token spans whitespace, so the tokens of each whitespace-separated chunk depend on the chunk
        # alone and are cached by it (statements repeat words)
        return list(_chain(map(_TOKENS_OF, map(_CHUNKS.__getitem__, text.split()))))
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "word":
            append(_new_token(Token, (m.group().lower(), s, e, False)))
        elif kind == "punct":
            append(_new_token(Token, (m.group()[:3], s, e, False)))
        elif kind == "tag":
            _hashtag(m.group()[1:], s, e, out)
        elif kind == "user":
            append(_new_token(Token, ("@user", s, e, False)))
        else:
            append(_new_token(Token, ("_url_", s, e, False)))
    return out


def _hashtag(body: str, s: int, e: int, out: list[Token]) -> None:
    """Append a hashtag token and, after it, its camel-case words as extra tokens."""
    lower = body.lower()
    out.append(_new_token(Token, ("#" + lower, s, e, False)))
    parts = _CAMEL_RE.findall(body)
    if len(parts) > 1 or (parts and parts[0].lower() != lower):
        out.extend(_new_token(Token, (p.lower(), s, e, True)) for p in parts)
    else:
        out.append(_new_token(Token, (lower, s, e, True)))


_RAW_CACHE_SIZE = 200_000


class _RawTokens(dict):  # type: ignore[type-arg]
    """match of ``_FLAT_RE`` -> its offset-less tokens, filled on first use."""

    def __missing__(self, w: str) -> tuple[Token, ...]:
        if len(self) >= _RAW_CACHE_SIZE:
            self.clear()
        got = self[w] = _raw_tokens(w)
        return got


_RAW_TOKENS = _RawTokens()
_chain = itertools.chain.from_iterable


#: What :class:`_Chunks` holds for a chunk: its tokens, their norms, their extra flags, and the norms of its main
#: tokens and of its extra tokens (the words split out of hashtags) apart.
_Chunk = tuple[tuple[Token, ...], tuple[str, ...], tuple[bool, ...], tuple[str, ...], tuple[str, ...]]


class _Chunks(dict):  # type: ignore[type-arg]
    """chunk of text without whitespace -> its :data:`_Chunk` record, filled on first use."""

    def __missing__(self, chunk: str) -> _Chunk:
        if len(self) >= _RAW_CACHE_SIZE:
            self.clear()
        word = chunk.strip(_PLAIN_EDGES)
        if word.isalpha():
            # the common case, a word with maybe punctuation around it that _FLAT_RE skips: one plain token
            # (what the regex path gives: letters are word characters, and no URL matches without ":" or ".")
            norm = word.lower()
            got = self[chunk] = ((_new_token(Token, (norm, -1, -1, False)),), (norm,), (False,), (norm,), ())
            return got
        toks = tuple(_chain(map(_RAW_TOKENS.__getitem__, _FLAT_RE.findall(chunk))))
        got = self[chunk] = (
            toks,
            tuple(t[0] for t in toks),
            tuple(t[3] for t in toks),
            tuple(t[0] for t in toks if not t[3]),
            tuple(t[0] for t in toks if t[3]),
        )
        return got


#: Characters around a word that no alternative of ``_FLAT_RE`` matches (``!`` and ``?`` are tokens).
_PLAIN_EDGES = ".,;:\"()"
_CHUNKS = _Chunks()
_TOKENS_OF, _NORMS_OF, _EXTRA_OF = (operator.itemgetter(k) for k in range(3))


def _norms(text: str) -> tuple[list[str], list[bool]]:
    """The norms and extra flags of ``tokenize(text, offsets=False)``."""
    return _chunk_norms(_chunks(text))


def _chunks(text: str) -> list[_Chunk]:
    """The records of ``text``'s whitespace-separated chunks, in order (their tokens are ``tokenize(text, offsets=False)``)."""
    if "’" in text:
        text = text.replace("’", "'")
    return list(map(_CHUNKS.__getitem__, text.split()))


def _chunk_records(chunks: list[str]) -> list[_Chunk]:
    """The records of ``chunks`` (from :func:`_token_norms`)."""
    return list(map(_CHUNKS.__getitem__, chunks))


def _chunk_norms(chunks: list[_Chunk]) -> tuple[list[str], list[bool]]:
    """The norms and extra flags of the tokens of ``chunks``."""
    return list(_chain(map(_NORMS_OF, chunks))), list(_chain(map(_EXTRA_OF, chunks)))


class _ChunkField(dict):  # type: ignore[type-arg]
    """chunk of text without whitespace -> field ``k`` of its :data:`_Chunk` record, filled on first use (one lookup
    instead of the record's and the field's)."""

    def __init__(self, k: int) -> None:
        super().__init__()
        self.k = k

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _RAW_CACHE_SIZE:
            self.clear()
        got = self[chunk] = _CHUNKS[chunk][self.k]
        return got


_MAIN_NORMS, _EXTRA_NORMS = _ChunkField(3), _ChunkField(4)


def _token_norms(text: str) -> tuple[list[str], list[str], list[str]]:
    """``text``'s whitespace-separated chunks (``’`` folded to ``'``), the norms of its main tokens and those of its
    extra tokens (the words split out of hashtags), each in order."""
    if "’" in text:
        text = text.replace("’", "'")
    chunks = text.split()
    main = list(_chain(map(_MAIN_NORMS.__getitem__, chunks)))
    # only a hashtag gives extra tokens
    extras = list(_chain(map(_EXTRA_NORMS.__getitem__, chunks))) if "#" in text else []
    return chunks, main, extras


def _raw_tokens(w: str) -> tuple[Token, ...]:
    """The offset-less tokens of one match of ``_FLAT_RE``."""
    c = w[0]
    if c == "#":
        out: list[Token] = []
        _hashtag(w[1:], -1, -1, out)
        return tuple(out)
    if c == "@":
        return (_new_token(Token, ("@user", -1, -1, False)),)
    if c == "!" or c == "?":
        return (_new_token(Token, (w[:3], -1, -1, False)),)
    if (c == "h" or c == "w") and w.startswith(("http://", "https://", "www.")):
        return (_new_token(Token, ("_url_", -1, -1, False)),)
    return (_new_token(Token, (w.lower(), -1, -1, False)),)


@lru_cache(maxsize=4096)
def target_phrases(target: str, aliases: tuple[str, ...] = ()) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """The token sequences that name ``target`` (the target itself and each alias) and its content words.

    Returns ``(phrases, content_words)``: full phrases, longest first, and the set of the target's and
    aliases' words that are not stopwords (for partial matches such as "Clinton" for "Hillary Clinton").
    """
    phrases: set[tuple[str, ...]] = set()
    content: set[str] = set()
    for name in (target, *aliases):
        toks = tuple(t.norm for t in tokenize(name) if not t.extra)
        if not toks:
            continue
        # "the X" and "X" name the same thing
        while len(toks) > 1 and toks[0] in ("the", "a", "an"):
            toks = toks[1:]
        phrases.add(toks)
        content.update(w for w in toks if w not in STOPWORDS and len(w) > 2)
    ordered = tuple(sorted(phrases, key=len, reverse=True))
    return ordered, frozenset(content)


def find_mentions(
    tokens: list[Token],
    target: str,
    aliases: tuple[str, ...] = (),
    span: tuple[int, int] | None = None,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Where ``target`` is mentioned in ``tokens``.

    Returns ``(full, partial)``: token index ranges ``[i, j)`` of full mentions (target or alias, or the
    tokens overlapping ``span`` when the mention's character offsets are given) and the indices of tokens
    that are one of the target's content words without a full match. Hashtags count: ``#hillary``
    matches as a whole, and ``#hillary2016`` through its split-out word ``hillary``; a matched hashtag's
    split-out words are not counted again.
    """
    if span is not None:
        s, e = span
        idx = [i for i, t in enumerate(tokens) if t.start < e and t.end > s and not t.extra]
        return ([(idx[0], idx[-1] + 1)] if idx else []), []
    phrases, content, firsts, _ = _phrase_index(target, aliases)
    forms = _MENTION_FORMS
    return _match_forms([forms[t[0]] for t in tokens], [t[3] for t in tokens], phrases, content, firsts)


def _match(norms: Sequence[str], is_extra: Sequence[bool], target: str, aliases: tuple[str, ...]) -> tuple[list[tuple[int, int]], list[int]]:
    """:func:`find_mentions` without offsets, from the tokens' norms and extra flags (tokens from :func:`tokenize`)."""
    phrases, content, firsts, candidates = _phrase_index(target, aliases)
    if candidates.isdisjoint(norms):  # no token can be a mention
        return [], []
    return _match_forms(list(map(_MENTION_FORMS.__getitem__, norms)), is_extra, phrases, content, firsts)


def _may_mention(main: list[str], extras: list[str], target: str, aliases: tuple[str, ...]) -> bool:
    """False when no token (``main`` and ``extras``: their norms) can be part of a mention of the target, so that
    :func:`_match` would find none."""
    candidates = _phrase_index(target, aliases)[3]
    return not candidates.isdisjoint(main) or (bool(extras) and not candidates.isdisjoint(extras))


def _match_forms(
    forms: list[str],
    is_extra: Sequence[bool],
    phrases: tuple[tuple[str, ...], ...],
    content: frozenset[str],
    firsts: frozenset[str],
) -> tuple[list[tuple[int, int]], list[int]]:
    """Full and partial mentions (see :func:`find_mentions`) from the tokens' mention forms."""
    full: list[tuple[int, int]] = []
    covered: set[int] = set()
    if not firsts.isdisjoint(forms):
        n = len(forms)
        for i in [i for i, w in enumerate(forms) if w in firsts]:
            if i in covered:
                continue
            for ph in phrases:
                k = len(ph)
                if tuple(forms[i : i + k]) == ph:
                    full.append((i, i + k))
                    covered.update(range(i, i + k))
                    # a matched hashtag's split-out words are the same mention, not another one
                    j = i + k
                    while j < n and is_extra[j]:  # extras follow their own hashtag directly
                        covered.add(j)
                        j += 1
                    break
    if content.isdisjoint(forms):
        return full, []
    partial = [i for i, w in enumerate(forms) if w in content and i not in covered]
    return full, partial


class _MentionForms(dict):  # type: ignore[type-arg]
    """norm -> the form compared with the target's words (no leading ``#``, no possessive ``'s``)."""

    def __missing__(self, norm: str) -> str:
        if len(self) >= _RAW_CACHE_SIZE:
            self.clear()
        form = self[norm] = norm.lstrip("#").removesuffix("'s")
        return form


_MENTION_FORMS = _MentionForms()


@lru_cache(maxsize=4096)
def _phrase_index(
    target: str, aliases: tuple[str, ...]
) -> tuple[tuple[tuple[str, ...], ...], frozenset[str], frozenset[str], frozenset[str]]:
    """(phrases, content words, first words of phrases, candidate norms). A token of :func:`tokenize` can only
    be (part of) a mention if its norm is a candidate: a first or content word, with ``#`` before it or
    ``'s`` after it."""
    phrases, content = target_phrases(target, aliases)
    firsts = frozenset(ph[0] for ph in phrases)
    words = firsts | content
    candidates = frozenset(words | {"#" + w for w in words} | {w + "'s" for w in words})
    return phrases, content, firsts, candidates
