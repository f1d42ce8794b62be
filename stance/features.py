"""Features of a (statement, target) pair, as a scikit-learn transformer.

:class:`StanceFeaturizer` turns pairs into one sparse matrix made of blocks:

``w:``   word n-grams of the statement (TF-IDF), the target's mentions replaced by ``_tgt_``;
``neg:`` words inside a negation scope replace their plain unigram (``not really fair`` gives ``w:not``,
         ``neg:really``, ``neg:fair``), so "would not oppose" does not fire ``w:oppose``;
``c:``   character n-grams inside words (TF-IDF; robust to spelling and hashtags);
``x:``   the words left (``x:L:``) and right (``x:R:``) of each mention of the target, marked ``neg:``
         inside a negation scope (``would not oppose _tgt_`` gives ``x:L:neg:oppose``);
``d:``   dense target-relational features: whether and where the target (or an alias) is mentioned,
         support and opposition cue words near a mention and whether they are negated, positive and
         negative words near the mention and overall, contrast, questions, first person;
``t[...]:`` copies of the word and dense blocks for each target seen in training, so one linear model can
         hold per-target weights beside shared ones. A target never seen in training gets zeros there and
         is classified from the shared, target-relative blocks alone.

The transformer follows scikit-learn's conventions (``__init__`` only stores parameters; fitted
attributes end in ``_``), so ``clone``, ``Pipeline`` and ``GridSearchCV`` work on it.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError as _SklearnNotFittedError
from sklearn.utils.validation import check_is_fitted

from stance.exceptions import ConfigError, InputError, NotFittedError
from stance import _sparse as _sx
from stance._analysis import DENSE_FEATURES, _D, PairAnalysis, _char_ngrams, analyze_pair
from stance.pairs import MAX_TEXT_CHARS, Pair, as_pairs

__all__ = ["Pair", "StanceFeaturizer", "FeatureBlocks", "ScoringWeights", "as_pairs", "DENSE_FEATURES", "MAX_TEXT_CHARS"]



@dataclass(slots=True)
class FeatureBlocks:
    """The blocks of a batch's features before they are laid side by side (see StanceFeaturizer.blocks_matrix)."""

    words: sp.csr_matrix  # TF-IDF, not yet scaled by word_weight
    chars: sp.csr_matrix | None  # scaled
    context: sp.csr_matrix  # scaled
    dense: sp.csr_matrix  # scaled
    target_ids: np.ndarray  # each row's per-target slot, -1 for none
    unnamed: np.ndarray  # per row: True when neither the target nor an alias is mentioned, not even in part


@dataclass(slots=True)
class ScoringWeights:
    main: list[np.ndarray | None]  # rows of the word, character, context and dense blocks; None for a block in `slots`
    # per block copied per target (word, dense, then character): targets + 1 slots of the block's width, slot after slot
    # (row t * width + j: feature j in slot t), holding for a row of target t its main weights plus its target's; the
    # last slot, for rows of no known target, holds the main weights alone
    slots: list[np.ndarray]
    k: int


def _target_key(target: str) -> str:
    return " ".join(target.lower().split())


class StanceFeaturizer(TransformerMixin, BaseEstimator):
    """Sparse features of (statement, target) pairs for stance and sentiment classifiers.

    ``fit`` and ``transform`` take what :func:`as_pairs` takes: (text, target) pairs, or a pandas DataFrame with
    ``text`` and ``target`` columns (and optionally ``aliases``). The output is a scipy sparse matrix, never a frame:
    :meth:`set_output` refuses ``transform="pandas"`` (see there).

    What :class:`stance.model.StanceModel` uses besides ``transform`` (the seam between features and model, public and
    typed so the model calls no private method): :meth:`transform_blocks` (the blocks of a batch, a
    :class:`FeatureBlocks`, and each pair's vocabulary coverage), :meth:`blocks_matrix` (the blocks laid side by
    side), :meth:`scoring_layout`, :meth:`scoring_weights` and :meth:`score_blocks` (a linear model's scores
    straight from the blocks, for the scoring fast path of :mod:`stance._scoring`), :meth:`analyze` (one pair's
    word-level analysis), :meth:`transform_with_coverage` and :meth:`feature_names`.

    Parameters
    ----------
    word_ngrams : int, default=2
        Longest word n-gram.
    char_ngram_range : tuple of int, default=(2, 5)
        Shortest and longest character n-gram inside words; ``None`` disables the block.
    min_df : int, default=2
        Ignore character and context features seen in fewer training statements.
    word_min_df : int, default=1
        The same for word n-grams.
    max_features : int or None, default=200_000
        Keep at most this many features per block, the most frequent first.
    mask_target : bool, default=True
        Replace mentions of the target by ``_tgt_`` in the word block, so patterns around the target
        ("_tgt_ lies", "vote _tgt_") carry over between targets.
    negation_scope : int, default=3
        Words after a negator marked as negated (``neg:`` features and negated cue/sentiment counts).
    window : int, default=4
        Words on each side of a mention used for context and "near" features.
    per_target : bool, default=True
        Add per-target copies of the word and dense blocks for targets with at least
        ``min_target_count`` training statements.
    per_target_chars : bool, default=False
        Also copy the character block per target.
    min_target_count : int, default=50
    mention_roles : bool, default=False
        Add context features for the nearest cue or sentiment word on each side of a mention, by the mention's
        role: ``x:obj:oppose`` (``condemns _tgt_``), ``x:subj:support`` (``_tgt_ backs ...``), with ``neg:`` when
        the cue is negated (``x:obj:neg:support`` from ``does not support _tgt_``). Helps targets never seen in
        training, whose own words carry no weight.
    word_weight, char_weight, context_weight, dense_weight, per_target_weight : float
        Scale of each block (each TF-IDF block is L2-normalized per statement before scaling).
    role_weight : float, default=1.0
        Extra scale of the mention-role columns (``x:obj:*``, ``x:subj:*``) inside the context block, on top of
        ``context_weight``: above 1 they cost the classifier less to use against the plain words around them.

    Attributes
    ----------
    word_vocabulary_, char_vocabulary_, context_vocabulary_ : numpy.ndarray of str
        Feature strings of each block, in column order.
    word_idf_, char_idf_, context_idf_ : numpy.ndarray
    targets_ : numpy.ndarray of str
        Normalized targets that got per-target features.
    n_features_out_ : int

    Examples
    --------
    >>> from stance.features import StanceFeaturizer
    >>> X = [("I back the mayor", "the mayor"), ("Down with the mayor", "the mayor")] * 2
    >>> f = StanceFeaturizer(min_df=1, per_target=False).fit(X)
    >>> f.transform(X).shape[0]
    4
    """

    def __init__(
        self,
        word_ngrams: int = 2,
        char_ngram_range: tuple[int, int] | None = (2, 5),
        min_df: int = 2,
        word_min_df: int = 1,
        max_features: int | None = 200_000,
        mask_target: bool = True,
        negation_scope: int = 3,
        window: int = 4,
        per_target: bool = True,
        per_target_chars: bool = False,
        min_target_count: int = 50,
        word_weight: float = 1.0,
        char_weight: float = 1.0,
        context_weight: float = 0.5,
        dense_weight: float = 0.3,
        per_target_weight: float = 1.0,
        mention_roles: bool = False,
        role_weight: float = 1.0,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.word_min_df = word_min_df
        self.max_features = max_features
        self.mask_target = mask_target
        self.negation_scope = negation_scope
        self.window = window
        self.per_target = per_target
        self.per_target_chars = per_target_chars
        self.min_target_count = min_target_count
        self.word_weight = word_weight
        self.char_weight = char_weight
        self.context_weight = context_weight
        self.dense_weight = dense_weight
        self.per_target_weight = per_target_weight
        self.mention_roles = mention_roles
        self.role_weight = role_weight

    # ------------------------------------------------------------------ analysis of one pair
    def analyze(self, pair: Pair) -> PairAnalysis:
        """The word-level analysis of one pair, before any block is built (:func:`stance._analysis.analyze_pair`)."""
        return analyze_pair(pair, window=self.window, word_ngrams=self.word_ngrams, negation_scope=self.negation_scope,
                            mention_roles=self.mention_roles, mask_target=self.mask_target)

    # ------------------------------------------------------------------ fitting
    def _char_features(self, token: str) -> list[str]:
        lo, hi = self.char_ngram_range  # type: ignore[misc]
        return _char_ngrams(token, lo, hi)

    def _select(self, df: Counter[str], min_df: int) -> tuple[np.ndarray, np.ndarray]:
        items = [(f, c) for f, c in df.items() if c >= min_df]
        if self.max_features is not None and len(items) > self.max_features:
            items.sort(key=lambda fc: (-fc[1], fc[0]))
            items = items[: self.max_features]
        items.sort()
        vocab = np.array([f for f, _ in items], dtype=str)
        counts = np.array([c for _, c in items], dtype=np.float64)
        return vocab, counts

    def fit(self, X: Any, y: Any = None) -> StanceFeaturizer:
        """Learn vocabularies, IDF weights and the per-target feature set from training pairs."""
        self._check_params()
        pairs = as_pairs(X)
        if not pairs:
            raise InputError("cannot fit on an empty training set; give at least one (text, target) pair")
        n = len(pairs)
        analyses = [self.analyze(p) for p in pairs]
        word_df: Counter[str] = Counter()
        ctx_df: Counter[str] = Counter()
        char_df: Counter[str] = Counter()
        token_cache: dict[str, list[str]] = {}
        for a in analyses:
            word_df.update(set(a.words))
            ctx_df.update(set(a.context))
            if self.char_ngram_range is not None:
                grams: set[str] = set()
                for tok in a.chars:
                    g = token_cache.get(tok)
                    if g is None:
                        g = token_cache[tok] = self._char_features(tok)
                    grams.update(g)
                char_df.update(grams)
        self.word_vocabulary_, wc = self._select(word_df, self.word_min_df)
        self.context_vocabulary_, xc = self._select(ctx_df, self.min_df)
        self.char_vocabulary_, cc = self._select(char_df, self.min_df)
        idf = lambda c: np.log((1.0 + n) / (1.0 + c)) + 1.0  # noqa: E731
        self.word_idf_, self.context_idf_, self.char_idf_ = idf(wc), idf(xc), idf(cc)
        if self.per_target:
            counts = Counter(_target_key(p.target) for p in pairs)
            self.targets_ = np.array(sorted(t for t, c in counts.items() if c >= self.min_target_count), dtype=str)
        else:
            self.targets_ = np.array([], dtype=str)
        self.n_dense_ = len(DENSE_FEATURES)
        self._build_index()
        self.n_features_out_ = (
            len(self.word_vocabulary_)
            + len(self.char_vocabulary_)
            + len(self.context_vocabulary_)
            + self.n_dense_
            + len(self.targets_) * self._per_target_width()
        )
        self.n_features_in_ = 2
        return self

    def _check_params(self) -> None:
        if not isinstance(self.word_ngrams, int) or self.word_ngrams < 1:
            raise ValueError(f"word_ngrams={self.word_ngrams!r}; expected an integer >= 1")
        if self.char_ngram_range is not None:
            lo, hi = self.char_ngram_range
            if not (1 <= lo <= hi):
                raise ValueError(f"char_ngram_range={self.char_ngram_range!r}; expected (lo, hi) with 1 <= lo <= hi")
        for name in ("min_df", "word_min_df"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}={value!r}; expected an integer >= 1")
        for name in ("word_weight", "char_weight", "context_weight", "dense_weight", "per_target_weight", "role_weight"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value < float("inf")):
                raise ValueError(f"{name}={value!r}; expected a finite number >= 0")

    def _check_fitted(self) -> None:
        try:
            check_is_fitted(self, "word_vocabulary_")
        except _SklearnNotFittedError:
            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet; call fit with training pairs before transform"
            ) from None

    # ------------------------------------------------------------------ persistence helpers
    def _build_index(self) -> None:
        self._word_index = {f: i for i, f in enumerate(self.word_vocabulary_.tolist())}
        self._ctx_index = {f: i for i, f in enumerate(self.context_vocabulary_.tolist())}
        self._role_columns = np.array([f.startswith(("x:obj:", "x:subj:")) for f in self.context_vocabulary_.tolist()], dtype=bool)
        self._char_index = {f: i for i, f in enumerate(self.char_vocabulary_.tolist())}
        self._target_index = {t: i for i, t in enumerate(self.targets_.tolist())}
        self._lookups: _sx.Lookups | None = None  # built by the first transform

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for k in ("_word_index", "_ctx_index", "_role_columns", "_char_index", "_target_index", "_lookups", "_names_cache"):
            state.pop(k, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("mention_roles", False)  # files written before the parameter existed
        self.__dict__.setdefault("role_weight", 1.0)
        if hasattr(self, "word_vocabulary_"):
            self._build_index()

    # ------------------------------------------------------------------ transform
    def transform(self, X: Any) -> sp.csr_matrix:
        """Feature matrix of shape ``(n_pairs, n_features_out_)``."""
        return self.transform_with_coverage(as_pairs(X))[0]

    def _get_lookups(self) -> _sx.Lookups:
        lk = self.__dict__.get("_lookups")
        if lk is None or lk.too_big():
            lk = self._lookups = _sx.Lookups(self)
        return lk

    def transform_with_coverage(self, pairs: list[Pair]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Features and, per pair, the share of its words found in the training vocabulary."""
        parts, coverage = self.transform_blocks(pairs)
        return self.blocks_matrix(parts), coverage

    def transform_blocks(self, pairs: list[Pair], exact: bool = True) -> tuple[FeatureBlocks, np.ndarray]:
        """The blocks of the features (see :meth:`blocks_matrix`) and the vocabulary coverage of each pair.

        With ``exact=False`` (for scoring) the word and character blocks are built faster, with each row's entries
        in no particular order and values equal up to float round-off (see :func:`_sx.tfidf_of_counts`).
        """
        self._check_fitted()
        lk = self._get_lookups()
        n = len(pairs)
        uni, neg_uni, bigram_get, xget = lk.unigram, lk.negated, lk.bigram.get, lk.context.get
        uni_of = uni.__getitem__  # fills the cache on a miss
        wget = self._word_index.get
        ngrams = self.word_ngrams
        use_chars = self.char_ngram_range is not None
        char_id = lk.chars.__getitem__
        w_ids: list[int] = []  # word-block columns of all rows laid end to end, -1 for unknown features
        w_len: list[int] = []
        x_ids: list[int] = []
        x_len: list[int] = []
        c_tok: list[int] = []  # character-registry ids of the rows' tokens laid end to end
        c_len: list[int] = []
        dense_flat: list[float] = []  # the rows' dense values laid end to end
        coverage: list[float] = []
        target_ids: list[int] = []
        target_keys: dict[str, int] = {}
        target_index = self._target_index
        analyze = self.analyze
        for pair in pairs:
            a = analyze(pair)
            seq = a.seq
            nw = len(seq)
            u = list(map(uni_of, seq))
            if a.negated is not None:
                for j in itertools.compress(range(nw), a.negated):
                    u[j] = neg_uni[seq[j]]
            coverage.append((nw - u.count(-1)) / nw if nw else 0.0)
            before = len(w_ids)
            w_ids += u
            if ngrams >= 2:
                w_ids += map(bigram_get, zip(seq, seq[1:]), _sx.MINUS_ONES)
                for k in range(3, ngrams + 1):
                    w_ids += [wget("w:" + " ".join(seq[j : j + k]), -1) for j in range(nw - k + 1)]
            if a.extras:
                w_ids += map(uni_of, a.extras)
            w_len.append(len(w_ids) - before)
            if a.context:
                x_ids += map(xget, a.context, _sx.MINUS_ONES)
            x_len.append(len(a.context))
            if use_chars:
                c_tok += map(char_id, a.main)
                c_len.append(len(a.main))
            dense_flat += a.dense
            tid = target_keys.get(pair.target)
            if tid is None:
                tid = target_keys[pair.target] = target_index.get(_target_key(pair.target), -1)
            target_ids.append(tid)
        parts = self._parts(lk, n, w_ids, w_len, x_ids, x_len, c_tok, c_len, dense_flat, target_ids, exact)
        return parts, np.array(coverage, dtype=np.float64)

    def _parts(
        self,
        lk: _sx.Lookups,
        n: int,
        w_ids: list[int],
        w_len: list[int],
        x_ids: list[int],
        x_len: list[int],
        c_tok: list[int],
        c_len: list[int],
        dense_flat: list[float],
        target_ids: list[int],
        exact: bool = True,
    ) -> FeatureBlocks:
        """The feature blocks from the rows' column ids (word, context) and token ids (characters, in the registry
        of ``lk``); ``exact`` as in :meth:`transform_blocks`."""
        use_chars = self.char_ngram_range is not None
        if exact:
            W = _sx.tfidf(_sx.keys(w_ids, w_len, len(self.word_idf_)), n, self.word_idf_)
        else:
            cols = np.array(w_ids, dtype=np.int32)
            known = cols >= 0
            rows = np.repeat(np.arange(n), w_len)[known]
            W = _sx.tfidf_of_counts(_sx.counts(cols[known], np.bincount(rows, minlength=n), lk.word_identity), self.word_idf_)
        C = None
        if use_chars and not exact:
            C = _sx.tfidf_of_counts(_sx.counts(np.array(c_tok, dtype=np.int32), c_len, lk.chars.matrix()), self.char_idf_, self.char_weight)
        elif use_chars:
            n_c = len(self.char_idf_)
            starts, lengths, flat = lk.chars.arrays()  # the registry the token ids came from
            toks = np.array(c_tok, dtype=np.int64)
            tok_len = lengths[toks]
            first = np.cumsum(tok_len) - tok_len  # where each token's columns start in the expansion
            gather = np.arange(int(first[-1] + tok_len[-1]) if len(toks) else 0, dtype=np.int64)
            gather += np.repeat(starts[toks] - first, tok_len)
            dtype = _sx.key_dtype(n, n_c)
            keys = flat[gather].astype(dtype, copy=False)
            keys += np.repeat(np.repeat((np.arange(n, dtype=np.int64) * n_c).astype(dtype), c_len), tok_len)
            C = _sx.scaled(_sx.tfidf(keys, n, self.char_idf_), self.char_weight)
        X = _sx.scaled(_sx.tfidf(_sx.keys(x_ids, x_len, len(self.context_idf_)), n, self.context_idf_), self.context_weight)
        if self.role_weight != 1.0:
            X.data[self._role_columns[X.indices]] *= self.role_weight  # X is a new matrix: scaled in place
        dense = np.array(dense_flat, dtype=np.float64).reshape(n, self.n_dense_)
        D = sp.csr_matrix(dense * self.dense_weight)
        return FeatureBlocks(W, C, X, D, np.array(target_ids, dtype=np.int64), dense[:, _D["mention_none"]] > 0)

    def blocks_matrix(self, parts: FeatureBlocks) -> sp.csr_matrix:
        """The feature matrix: word (scaled), character, context and dense blocks, then the per-target copies
        of the word (unscaled), dense and (with ``per_target_chars``) character blocks."""
        W, C, D = parts.words, parts.chars, parts.dense
        blocks = [_sx.scaled(W, self.word_weight)] + ([C] if C is not None else []) + [parts.context, D]
        if len(self.targets_):
            shared = [W, D] + ([C] if C is not None and self.per_target_chars else [])
            blocks.append(_sx.scaled(self._per_target(shared, parts.target_ids), self.per_target_weight))
        return _sx.hstack(blocks)

    def scoring_layout(self) -> tuple[Any, ...]:
        """What :meth:`scoring_weights` depends on: this featurizer and its blocks' widths."""
        return (
            id(self),
            len(self.word_vocabulary_),
            len(self.char_vocabulary_) if self.char_ngram_range is not None else 0,
            len(self.context_vocabulary_),
            self.n_dense_,
            len(self.targets_),
            bool(self.per_target_chars),
        )

    def scoring_weights(self, weights: np.ndarray) -> ScoringWeights:
        """``weights`` (``n_features_out_`` rows) split by block for :meth:`score_blocks`."""
        n_w, n_x, n_d, n_t = len(self.word_vocabulary_), len(self.context_vocabulary_), self.n_dense_, len(self.targets_)
        n_c = len(self.char_vocabulary_) if self.char_ngram_range is not None else 0
        k = weights.shape[1]
        cuts = np.cumsum([0, n_w, n_c, n_x, n_d])
        main: list[np.ndarray | None] = [weights[a:b] for a, b in zip(cuts[:-1], cuts[1:])]
        slots = []
        if n_t:
            per_target = weights[cuts[-1] :].reshape(n_t, self._per_target_width(), k)
            # the blocks copied per target, in a slot's order: (index in main, width, scale of the main block's copy)
            shared = [(0, n_w, self.word_weight), (3, n_d, 1.0)] + ([(1, n_c, 1.0)] if n_c and self.per_target_chars else [])
            start = 0
            for b, width, scale in shared:
                alone = scale * main[b]  # type: ignore[operator]
                folded = np.empty((n_t + 1, width, k))
                folded[:n_t] = alone + self.per_target_weight * per_target[:, start : start + width, :]
                folded[n_t] = alone
                slots.append(folded.reshape((n_t + 1) * width, k))
                main[b] = None
                start += width
        return ScoringWeights(main, slots, k)

    def score_blocks(self, parts: FeatureBlocks, sw: ScoringWeights) -> np.ndarray:
        """``self.blocks_matrix(parts) @ weights`` without building the matrix (the same up to float round-off): each block
        times its rows of ``weights``; a block copied per target once, its entries moved into the row's target's slot
        (as in :meth:`_per_target`) of weights that hold the main block's and that target's."""
        W, C, D = parts.words, parts.chars, parts.dense
        scores = np.zeros((W.shape[0], sw.k))
        for B, w in zip([_sx.scaled(W, self.word_weight) if sw.main[0] is not None else W, C, parts.context, D], sw.main):
            if B is not None and w is not None:
                scores += B @ w
        if sw.slots:
            n_t = len(self.targets_)
            slot = np.where(parts.target_ids >= 0, parts.target_ids, n_t)
            shared = [W, D] + ([C] if C is not None and self.per_target_chars else [])
            for B, w in zip(shared, sw.slots):
                scores += _sx.in_slots(B, slot, n_t + 1) @ w
        return scores

    def _per_target(self, shared: list[sp.csr_matrix], target_ids: np.ndarray) -> sp.csr_matrix:
        """Copy each row's shared features into its target's slot (zeros for unseen targets)."""
        WD = _sx.hstack(shared)
        canonical = bool(WD.has_canonical_format)  # not so for blocks built for scoring (see transform_blocks)
        width = WD.shape[1]
        n_cols = width * len(self.targets_)
        rows_nnz = np.diff(WD.indptr)
        if (target_ids >= 0).all():
            indices = WD.indices.astype(np.int64)
            indices += np.repeat(target_ids * width, rows_nnz)
            return _sx.csr(WD.data, indices, WD.indptr, (WD.shape[0], n_cols), canonical)
        keep = np.repeat(target_ids >= 0, rows_nnz)
        offsets = np.repeat(np.maximum(target_ids, 0) * width, rows_nnz)
        data = WD.data[keep]
        indices = (WD.indices + offsets)[keep]
        counts = np.where(target_ids >= 0, rows_nnz, 0)
        indptr = np.concatenate([[0], np.cumsum(counts)])
        return _sx.csr(data, indices, indptr, (WD.shape[0], n_cols), canonical)

    def _per_target_width(self) -> int:
        width = len(self.word_vocabulary_) + self.n_dense_
        if self.per_target_chars and self.char_ngram_range is not None:
            width += len(self.char_vocabulary_)
        return width

    def feature_names(self) -> np.ndarray:
        """:meth:`get_feature_names_out`, computed once per fitted featurizer (not saved with it)."""
        names = self.__dict__.get("_names_cache")
        if names is None or len(names) != self.n_features_out_:
            names = self._names_cache = self.get_feature_names_out()
        return names

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the output columns, prefixed by block (see the module docstring)."""
        self._check_fitted()
        dense = ["d:" + d for d in DENSE_FEATURES]
        names: list[str] = list(self.word_vocabulary_)
        if self.char_ngram_range is not None:
            names += ["c:" + c for c in self.char_vocabulary_]
        names += list(self.context_vocabulary_) + dense
        chars = ["c:" + c for c in self.char_vocabulary_] if self.per_target_chars and self.char_ngram_range is not None else []
        for t in self.targets_:
            names += [f"t[{t}]:{w}" for w in self.word_vocabulary_] + [f"t[{t}]:{d}" for d in dense] + [f"t[{t}]:{c}" for c in chars]
        return np.array(names, dtype=object)

    def set_output(self, *, transform: str | None = None) -> StanceFeaturizer:
        """Set the output container of ``transform`` and ``fit_transform``: only ``"default"`` (a scipy sparse matrix) or
        ``None`` (unchanged).

        ``"pandas"`` and ``"polars"`` raise :class:`~stance.exceptions.ConfigError` at once, rather than after a
        fit: scikit-learn wraps only dense output in a frame, and these features are sparse (tens of thousands of
        columns, nearly all zero in any row; dense, 10,000 statements would take gigabytes). ``Pipeline.set_output``
        reaches this method too. Under ``sklearn.set_config(transform_output="pandas")``, call
        ``set_output(transform="default")`` on the featurizer to keep its sparse output.
        """
        if transform not in (None, "default"):
            n = getattr(self, "n_features_out_", None)
            size = f"{n:,} columns" if isinstance(n, int) else "tens of thousands of columns"
            raise ConfigError(
                f"StanceFeaturizer.set_output(transform={transform!r}): its output is a scipy sparse matrix ({size}, nearly all "
                "zero), and scikit-learn's set_output puts only dense arrays in a frame; keep transform='default' (for "
                "predictions as DataFrame columns use StanceModel.predict_frame; for a classifier over DataFrames, "
                "stance.StanceClassifier)"
            )
        return super().set_output(transform=transform)  # type: ignore[no-any-return]

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags
