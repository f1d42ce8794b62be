"""The word-level analysis of a (statement, target) pair that :class:`stance.features.StanceFeaturizer` builds its
blocks from: tokens and their norms, the target's mentions masked, negation scopes, the words around each mention,
the roles of cue words near a mention (:func:`analyze_pair`), and the dense target-relational features
(:data:`DENSE_FEATURES`). Lexicon membership is held as bit flags, so the hot loop does one dict lookup per word."""

from __future__ import annotations

import bisect
import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


from stance import lexicon
from stance.pairs import Pair
from stance.text import _chunk_norms, _chunk_records, _match, _may_mention, _token_norms, find_mentions, tokenize

DENSE_FEATURES: tuple[str, ...] = (
    "mention",
    "mention_partial",
    "mention_none",
    "mention_count",
    "mention_first_pos",
    "mention_in_hashtag",
    "support_near",
    "support_near_negated",
    "oppose_near",
    "oppose_near_negated",
    "positive_near",
    "negative_near",
    "positive_near_negated",
    "negative_near_negated",
    "positive_all",
    "negative_all",
    "positive_negated_all",
    "negative_negated_all",
    "contrast",
    "question",
    "exclamation",
    "first_person",
    "negation",
    "length",
)
_D = {name: i for i, name in enumerate(DENSE_FEATURES)}
_N_DENSE = len(DENSE_FEATURES)
_I_LOG_LO, _I_LOG_HI = _D["support_near"], _D["negative_negated_all"] + 1  # counts, log1p-scaled

# Lexicon membership as bit flags, so the hot loop does one dict lookup per word.
_B_POS, _B_NEG, _B_SUPPORT, _B_OPPOSE, _B_CONTRAST, _B_FIRST, _B_NEGATOR, _B_STOP = (1 << k for k in range(8))
_LEX: dict[str, int] = {}
for _words, _bit in (
    (lexicon.POSITIVE_WORDS, _B_POS),
    (lexicon.NEGATIVE_WORDS, _B_NEG),
    (lexicon.SUPPORT_CUES, _B_SUPPORT),
    (lexicon.OPPOSE_CUES, _B_OPPOSE),
    (lexicon.CONTRAST, _B_CONTRAST | _B_STOP),
    (lexicon.PRONOUNS_FIRST, _B_FIRST),
    (lexicon.NEGATORS, _B_NEGATOR),
    (("!", "?", "!!", "??", "!!!", "???"), _B_STOP),
):
    for _w in _words:
        _LEX[_w] = _LEX.get(_w, 0) | _bit
_I_POS_ALL, _I_POS_ALL_NEG = _D["positive_all"], _D["positive_negated_all"]
_I_NEG_ALL, _I_NEG_ALL_NEG = _D["negative_all"], _D["negative_negated_all"]
_I_POS_NEAR, _I_POS_NEAR_NEG = _D["positive_near"], _D["positive_near_negated"]
_I_NEG_NEAR, _I_NEG_NEAR_NEG = _D["negative_near"], _D["negative_near_negated"]
_I_SUPPORT, _I_SUPPORT_NEG = _D["support_near"], _D["support_near_negated"]
_I_OPPOSE, _I_OPPOSE_NEG = _D["oppose_near"], _D["oppose_near_negated"]
_I_CONTRAST, _I_FIRST, _I_NEGATION = _D["contrast"], _D["first_person"], _D["negation"]
_I_QUESTION, _I_EXCLAIM = _D["question"], _D["exclamation"]
_ZEROS = itertools.repeat(0)  # the default of map(_LEX.get, words, _ZEROS)
# punctuation tokens are runs of "!" and "?" cut to 3 characters
_PUNCT = ["".join(p) for n in (1, 2, 3) for p in itertools.product("!?", repeat=n)]
_QUESTION_TOKENS = frozenset(p for p in _PUNCT if p[0] == "?")
_EXCLAIM_TOKENS = frozenset(p for p in _PUNCT if p[0] == "!")
_PUNCT_TOKENS = _QUESTION_TOKENS | _EXCLAIM_TOKENS


class _Log1p(dict):  # type: ignore[type-arg]
    """count -> math.log1p(count), filled on first use (a lookup is cheaper than the call)."""

    def __missing__(self, count: float) -> float:
        got = self[count] = math.log1p(count)
        return got


_LOG1P = _Log1p()


def _char_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """The ``lo``- to ``hi``-grams of `` word ``, shortest first, each length left to right."""
    padded = f" {word} "
    return list(map(padded.__getitem__, _ngram_slices(len(padded), lo, hi)))


@lru_cache(maxsize=1024)
def _ngram_slices(n_chars: int, lo: int, hi: int) -> tuple[slice, ...]:
    return tuple(slice(i, i + n) for n in range(lo, hi + 1) for i in range(n_chars - n + 1))


@dataclass(slots=True)
class PairAnalysis:
    seq: list[str]  # the statement's words in order (mentions masked), the word block's unigrams
    negated: bytearray | None  # per seq item: inside a negation scope (None: nothing is)
    extras: Sequence[str]  # words split out of hashtags, in order
    main: Sequence[str]  # the normalized main tokens (not masked), for the character block
    context: list[str]  # context-block feature strings
    dense: list[float]
    word_ngrams: int

    @property
    def words(self) -> list[str]:
        """Word-block feature strings: unigrams (``neg:`` inside a negation scope), n-grams, hashtag words."""
        seq, negated = self.seq, self.negated
        if negated is None:
            words = ["w:" + w for w in seq]
        else:
            words = ["neg:" + w if ng else "w:" + w for w, ng in zip(seq, negated)]
        if self.word_ngrams >= 2:
            words.extend([f"w:{a} {b}" for a, b in zip(seq, seq[1:])])
        for n in range(3, self.word_ngrams + 1):
            words.extend("w:" + " ".join(seq[j : j + n]) for j in range(len(seq) - n + 1))
        words.extend(["w:" + w for w in self.extras])
        return words

    @property
    def chars(self) -> list[str]:
        """Tokens whose character n-grams are used."""
        return [w for w in self.main if w[0] not in "!?@_"]


#: How far from a mention :func:`_mention_roles` looks for the nearest cue word (left: the mention as its object;
#: right: the mention as its subject).
_ROLE_LEFT, _ROLE_RIGHT = 4, 3
_ROLE_KINDS = ((_B_SUPPORT, "support"), (_B_OPPOSE, "oppose"), (_B_POS, "pos"), (_B_NEG, "neg"))


def _mention_roles(seq: list[str], bits_seq: list[int], negated: bytearray | None, mention_seq: list[int]) -> list[str]:
    """Context features for the nearest lexicon word on each side of each mention, by the mention's role.

    ``x:obj:oppose`` means an oppose cue stands just left of the mention (``condemns _tgt_``: the target is what
    the cue acts on); ``x:subj:support`` a support cue just right of it (``_tgt_ supports``: the target is the
    one acting). A negated cue gets ``neg:`` (``x:obj:neg:support`` from ``does not support _tgt_``). The search
    stops at a contrast word or ``!``/``?`` (punctuation is not in the word sequence).
    """
    out: list[str] = []
    n = len(seq)
    for m in mention_seq:
        for role, rng in (("x:obj:", range(m - 1, max(-1, m - 1 - _ROLE_LEFT), -1)), ("x:subj:", range(m + 1, min(n, m + 1 + _ROLE_RIGHT)))):
            for j in rng:
                bits = bits_seq[j]
                if not bits:  # not a lexicon word
                    continue
                if bits & _B_STOP:
                    break
                kinds = [k for b, k in _ROLE_KINDS if bits & b]
                if kinds:
                    prefix = role + "neg:" if negated is not None and negated[j] else role
                    out.extend(prefix + k for k in kinds)
                    break
    return out


def _position(positions: list[int], value: int) -> int | None:
    """Index of ``value`` in the increasing list ``positions``, or None."""
    k = bisect.bisect_left(positions, value)
    return k if k < len(positions) and positions[k] == value else None


def analyze_pair(pair: Pair, *, window: int, word_ngrams: int, negation_scope: int, mention_roles: bool,
                 mask_target: bool) -> PairAnalysis:
    """The word-level analysis of one pair that the featurizer builds its blocks from (its parameters of the same
    names say what is computed)."""
    main: list[str]  # the norms of the main tokens, and (extras) of the words split out of hashtags
    extras: list[str]
    # every token's norm and extra flag, in order (a hashtag's words after it); built only when the target may be
    # mentioned, and then used only by the mention features
    norms: Sequence[str] = ()
    is_extra: Sequence[bool] = ()
    if pair.span is None:
        chunks, main, extras = _token_norms(pair.text)
        if _may_mention(main, extras, pair.target, pair.aliases):
            norms, is_extra = _chunk_norms(_chunk_records(chunks))
            full, partial = _match(norms, is_extra, pair.target, pair.aliases)
        else:
            full, partial = [], []
    else:
        tokens = tokenize(pair.text)
        full, partial = find_mentions(tokens, pair.target, pair.aliases, pair.span)
        norms, is_extra = [t[0] for t in tokens], [t[3] for t in tokens]
        main, extras = [t[0] for t in tokens if not t[3]], [t[0] for t in tokens if t[3]]
    n_tok = len(main) + len(extras)
    # the token index of each main token (None: the identity, when no token is extra); needed only near mentions
    main_idx: list[int] | None = None
    if extras and (full or partial):
        main_idx = list(itertools.compress(range(n_tok), map(operator.not_, is_extra)))
    dense = [0.0] * _N_DENSE

    # word sequence with mentions masked: each full mention (its tokens, a hashtag's split-out words included)
    # becomes one "_tgt_"; full mentions come in order and do not overlap
    mention_seq: list[int] = []  # positions of the mentions in seq
    seq: list[str]
    if full and mask_target:
        seq = []
        prev = 0  # the token index after the previous mention
        for s, e in full:
            seq += main[prev:s] if main_idx is None else main[bisect.bisect_left(main_idx, prev) : bisect.bisect_left(main_idx, s)]
            mention_seq.append(len(seq))
            seq.append("_tgt_")
            prev = e
        seq += main[prev:] if main_idx is None else main[bisect.bisect_left(main_idx, prev) :]
    else:
        seq = main
    seq_len = len(seq)

    # mention positions in seq coordinates; "near" = within the window of a mention
    near = bytearray(seq_len)
    ctx_items: list[tuple[str, int]] = []  # (prefix, position); negation is added below
    if full or partial:
        if full and not mask_target:  # the mentions' first tokens that are in seq
            if main_idx is None:
                mention_seq = sorted({s for s, _ in full})
            else:
                mention_seq = sorted({j for j in (_position(main_idx, s) for s, _ in full) if j is not None})
        win = window
        for m in mention_seq:
            lo, hi = max(0, m - win), min(seq_len, m + win + 1)
            near[lo:hi] = b"\x01" * (hi - lo)
            ctx_items += [("x:L:", j) for j in range(lo, m)]
            ctx_items += [("x:R:", j) for j in range(m + 1, hi)]
        if not mention_seq and partial:
            for p in partial:
                pm = p if main_idx is None else _position(main_idx, p)
                if pm is None:
                    continue
                lo, hi = max(0, pm - win), min(seq_len, pm + win + 1)
                near[lo:hi] = b"\x01" * (hi - lo)
                ctx_items += [("x:pL:", j) for j in range(lo, pm)]
                ctx_items += [("x:pR:", j) for j in range(pm + 1, hi)]

    # negation scope (a negator marks the next `negation_scope` words, up to a contrast word or ! / ?)
    # and the lexicon counts, overall and near the target; only words in the lexicon are visited
    bits_seq = list(map(_LEX.get, seq, _ZEROS))
    negated: bytearray | None = None
    scope_end = -1  # last seq position inside the current negation scope
    span = negation_scope
    nz = list(itertools.compress(range(seq_len), bits_seq))
    for j in nz:
        bits = bits_seq[j]
        if bits & _B_STOP:
            if scope_end >= j:  # the scope ends before this word
                negated[j : scope_end + 1] = bytes(scope_end + 1 - j)  # type: ignore[index]
            scope_end = -1
            ng = False
        else:
            ng = j <= scope_end
        if bits & _B_NEGATOR:
            hi = min(j + span, seq_len - 1)
            if hi > j:
                if negated is None:
                    negated = bytearray(seq_len)
                negated[j + 1 : hi + 1] = b"\x01" * (hi - j)
            scope_end = hi
        nr = near[j]
        if bits & _B_POS:
            dense[_I_POS_ALL_NEG if ng else _I_POS_ALL] += 1
            if nr:
                dense[_I_POS_NEAR_NEG if ng else _I_POS_NEAR] += 1
        if bits & _B_NEG:
            dense[_I_NEG_ALL_NEG if ng else _I_NEG_ALL] += 1
            if nr:
                dense[_I_NEG_NEAR_NEG if ng else _I_NEG_NEAR] += 1
        if nr:
            if bits & _B_SUPPORT:
                dense[_I_SUPPORT_NEG if ng else _I_SUPPORT] += 1
            if bits & _B_OPPOSE:
                dense[_I_OPPOSE_NEG if ng else _I_OPPOSE] += 1
        if bits & _B_CONTRAST:
            dense[_I_CONTRAST] = 1.0
        elif bits & _B_FIRST:
            dense[_I_FIRST] = 1.0
        elif bits & _B_NEGATOR:
            dense[_I_NEGATION] = 1.0
    # "!" and "?" tokens are the only words starting with those characters
    if not _PUNCT_TOKENS.isdisjoint(seq):
        if not _QUESTION_TOKENS.isdisjoint(seq):
            dense[_I_QUESTION] = 1.0
        if not _EXCLAIM_TOKENS.isdisjoint(seq):
            dense[_I_EXCLAIM] = 1.0
    if nz:
        dense[_I_LOG_LO:_I_LOG_HI] = map(_LOG1P.__getitem__, dense[_I_LOG_LO:_I_LOG_HI])  # log1p(0) = 0
    # context words of the mention, marked when negated ("would not oppose _tgt_" gives x:L:neg:oppose)
    if negated is None:
        context = [prefix + seq[j] for prefix, j in ctx_items]
    else:
        context = [prefix + "neg:" + seq[j] if negated[j] else prefix + seq[j] for prefix, j in ctx_items]
    if full and mention_roles and mention_seq:
        context += _mention_roles(seq, bits_seq, negated, mention_seq)
    if full:
        dense[_D["mention"]] = 1.0
        dense[_D["mention_count"]] = math.log1p(len(full))
        dense[_D["mention_first_pos"]] = full[0][0] / max(1, n_tok)
        dense[_D["mention_in_hashtag"]] = float(any(norms[s].startswith("#") for s, _ in full))
    elif partial:
        dense[_D["mention_partial"]] = 1.0
        dense[_D["mention_first_pos"]] = partial[0] / max(1, n_tok)
    else:
        dense[_D["mention_none"]] = 1.0
        dense[_D["mention_first_pos"]] = 1.0
    dense[_D["length"]] = math.log1p(len(main)) / 4.0
    return PairAnalysis(seq, negated, extras, main, context, dense, word_ngrams)
