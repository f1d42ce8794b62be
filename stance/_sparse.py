"""The featurizer's sparse engine: TF-IDF blocks built straight from integer keys, the per-target copies of a
block, and the caches that map words and character n-grams to columns (:class:`stance.features.StanceFeaturizer`
uses them; nothing here is public)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from stance.features import StanceFeaturizer

def tfidf(keys: np.ndarray, n: int, idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear TF times IDF, L2-normalized per row, from the key ``row * len(idf) + column`` of each
    occurrence of a feature in a row (any order; dtype from :func:`key_dtype`)."""
    n_cols = len(idf)
    # count the occurrences of each (row, column) by sorting their keys
    keys.sort()
    if len(keys):
        new = np.empty(len(keys), dtype=bool)
        new[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        first = np.flatnonzero(new)
        counts = np.diff(first, append=len(keys))
        keys = keys[first]
        tf = 1.0 + np.log(np.arange(1, int(counts.max()) + 1, dtype=np.float64))  # 1 + log(count), by count
        data = tf[counts - 1]
    else:
        data = np.zeros(0, dtype=np.float64)
    starts = np.arange(n + 1, dtype=keys.dtype) * keys.dtype.type(n_cols)
    indptr = np.searchsorted(keys, starts)
    row_nnz = np.diff(indptr)
    indices = keys - np.repeat(starts[:-1], row_nnz)
    data *= idf[indices]
    entry_rows = np.repeat(np.arange(n), row_nnz)
    norms = np.sqrt(np.bincount(entry_rows, weights=data**2, minlength=n))
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, row_nnz)
    return csr(data, indices, indptr, (n, n_cols))


def in_slots(B: sp.csr_matrix, slot: np.ndarray, n_slots: int) -> sp.csr_matrix:
    """``B`` with each row's entries moved into its slot (column ``j`` to ``slot[row] * width + j``, of ``n_slots``
    slots of ``B``'s width), in the same order."""
    width = B.shape[1]
    dtype = np.int32 if max(n_slots * width, B.nnz) < np.iinfo(np.int32).max else np.int64
    indices = B.indices.astype(dtype)  # a copy
    indices += np.repeat((slot * width).astype(dtype), np.diff(B.indptr))
    return csr(B.data, indices, B.indptr, (B.shape[0], n_slots * width), canonical=False)  # B's rows may be in any order


def counts(ids: np.ndarray, lengths: Sequence[int] | np.ndarray, B: sp.csr_matrix) -> sp.csr_matrix:
    """Per row, how often each column of ``B`` occurs in the rows of ``B`` it lists (``ids``: the rows' lists laid
    end to end, ``lengths[r]`` of them for row ``r``). This is the sparse product of the rows' counts of ids and
    ``B``, which merges each row's repeated columns without sorting: every row holds its columns once, in no
    particular order (but always the same for the same input)."""
    n = len(lengths)
    dtype = np.int32 if max(len(ids), B.shape[0]) < np.iinfo(np.int32).max else np.int64
    indptr = np.zeros(n + 1, dtype=dtype)
    np.cumsum(lengths, out=indptr[1:])
    rows = sp.csr_matrix((np.ones(len(ids), dtype=B.dtype), ids.astype(dtype, copy=False), indptr), shape=(n, B.shape[0]), copy=False)
    return rows @ B


def tfidf_of_counts(counts: sp.csr_matrix, idf: np.ndarray, weight: float = 1.0) -> sp.csr_matrix:
    """``scaled(tfidf(...), weight)`` from each row's counts (a matrix from :func:`counts`, entries in any order):
    the same up to float round-off (a row's squares are summed in the order of its entries, pairwise), in less time
    than sorting the keys."""
    n = counts.shape[0]
    indptr, indices, c = counts.indptr, counts.indices, counts.data
    data = np.take(idf, indices)
    repeated = np.flatnonzero(c > 1)
    if len(repeated):
        data[repeated] *= 1.0 + np.log(c[repeated])  # sublinear TF, 1 for a count of 1
    row_nnz = np.diff(indptr)
    filled = np.flatnonzero(row_nnz)
    squares = np.zeros(n)
    if len(filled):
        squares[filled] = np.add.reduceat(data * data, indptr[filled])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, row_nnz)
    if weight != 1.0:
        data *= weight
    return sp.csr_matrix((data, indices, indptr), shape=counts.shape, copy=False)


def key_dtype(n: int, n_cols: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type holding the keys ``row * n_cols + column`` of ``n`` rows."""
    return np.int32 if (n + 1) * n_cols < np.iinfo(np.int32).max else np.int64


def keys(ids: list[int], lengths: list[int], n_cols: int) -> np.ndarray:
    """``row * n_cols + column`` of the known columns (not -1) in ``ids``, the rows' columns laid end to end."""
    dtype = key_dtype(len(lengths), n_cols)
    cols = np.array(ids, dtype=dtype)
    keys = np.repeat(np.arange(len(lengths), dtype=dtype) * dtype(n_cols), lengths)
    keys += cols
    return keys[cols >= 0]


def csr(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int], canonical: bool = True) -> sp.csr_matrix:
    """A CSR matrix from arrays, with 32-bit indices when they fit; ``canonical``: the arrays are known to be canonical
    (sorted, unique columns per row), which scipy then need not check."""
    dtype = np.int32 if max(shape[1], len(data)) < np.iinfo(np.int32).max else np.int64
    M = sp.csr_matrix((data, indices.astype(dtype, copy=False), indptr.astype(dtype, copy=False)), shape=shape, copy=False)
    if canonical:
        M.has_canonical_format = True
    return M


def scaled(M: sp.csr_matrix, weight: float) -> sp.csr_matrix:
    return M if weight == 1.0 else M * weight


def hstack(blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
    return sp.hstack(blocks, format="csr")


MINUS_ONES = itertools.repeat(-1)  # the default of map(dict.get, keys, MINUS_ONES)
CACHE_LIMIT = 500_000


class IdCache(dict):  # type: ignore[type-arg]
    """word -> column of ``prefix + word`` in a vocabulary (-1 if absent), filled on first use."""

    def __init__(self, index: dict[str, int], prefix: str) -> None:
        super().__init__()
        self.index, self.prefix = index, prefix

    def __missing__(self, word: str) -> int:
        i = self[word] = self.index.get(self.prefix + word, -1)
        return i


class CharRegistry(dict):  # type: ignore[type-arg]
    """token -> registry id; the registry holds each token's character-n-gram columns, laid end to end."""

    def __init__(self, featurizer: StanceFeaturizer) -> None:
        super().__init__()
        self.featurizer = featurizer
        self.starts: list[int] = []
        self.lengths: list[int] = []
        self.flat: list[int] = []
        self._arrays = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32))
        self._matrix: sp.csr_matrix | None = None
        self._ones = np.ones(0, dtype=np.int32)
        self._lock = threading.Lock()

    def __missing__(self, token: str) -> int:
        if token[0] in "!?@_":  # no character n-grams for punctuation, users, URLs and the like
            ids: list[int] = []
        else:
            get = self.featurizer._char_index.get
            ids = [i for i in map(get, self.featurizer._char_features(token)) if i is not None]
        with self._lock:  # the id indexes three lists: register atomically when threads share a model
            k = dict.get(self, token)
            if k is None:
                k = self[token] = len(self.lengths)
                self.starts.append(len(self.flat))
                self.lengths.append(len(ids))
                self.flat.extend(ids)
        return k

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(starts, lengths, flat) as arrays, extended by what was registered since the last call."""
        with self._lock:
            return self._extend_arrays()

    def matrix(self) -> sp.csr_matrix:
        """The registry as a sparse matrix for :func:`counts`: row ``k`` holds token ``k``'s character-n-gram columns
        (a column as often as the n-gram occurs in the token), extended by what was registered since the last call."""
        with self._lock:
            starts, _, flat = self._extend_arrays()
            if self._matrix is None or self._matrix.shape[0] != len(starts):
                if len(self._ones) < len(flat):
                    self._ones = np.ones(2 * len(flat), dtype=np.int32)  # with room to grow
                dtype = np.int32 if len(flat) < np.iinfo(np.int32).max else np.int64
                indptr = np.append(starts, len(flat)).astype(dtype)
                shape = (len(starts), len(self.featurizer.char_idf_))
                self._matrix = sp.csr_matrix((self._ones[: len(flat)], flat.astype(dtype, copy=False), indptr), shape=shape, copy=False)
            return self._matrix

    def _extend_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        starts, lengths, flat = self._arrays
        if len(starts) < len(self.starts):
            k, f = len(starts), len(flat)
            starts = np.concatenate([starts, np.array(self.starts[k:], dtype=np.int64)])
            lengths = np.concatenate([lengths, np.array(self.lengths[k:], dtype=np.int64)])
            flat = np.concatenate([flat, np.array(self.flat[f:], dtype=np.int32)])  # columns of at most max_features
            self._arrays = starts, lengths, flat
        return starts, lengths, flat


class Lookups:
    """Per-featurizer caches for transform: unigram, negated-unigram and bigram columns by word, context
    columns by feature string, and the character registry. Rebuilt when they grow too big."""

    def __init__(self, f: StanceFeaturizer) -> None:
        index = f._word_index
        self.unigram = IdCache(index, "w:")
        self.negated = IdCache(index, "neg:")
        self.bigram: dict[tuple[str, str], int] = {}
        for feature, i in index.items():
            if feature.startswith("w:") and feature.count(" ") == 1:
                a, b = feature[2:].split(" ")
                self.bigram[(a, b)] = i
        self.context = f._ctx_index
        self.chars = CharRegistry(f)
        # the word block's columns as rows of themselves: :func:`counts` with it merges each row's repeated columns
        self.word_identity = sp.identity(len(f.word_vocabulary_), dtype=np.int32, format="csr")

    def too_big(self) -> bool:
        return max(len(self.unigram), len(self.negated), len(self.chars)) > CACHE_LIMIT
