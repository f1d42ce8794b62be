"""Candidate: dense tweet vectors from word embeddings learned on the SemEval-2017 tweets (train.tsv only).

Word vectors: positive PMI of co-occurrence within 4 tokens (context counts smoothed with power 0.75), words seen
at least 5 times, truncated SVD to K dimensions (U * sqrt(S), rows L2-normalized). No SemEval-2016 text is used
to learn them. A tweet's vector is the mean of its words' vectors, L2-normalized, scaled by the weight, and added
as a block (with per-target copies, or shared only), like the other dense candidates.

python cand_embed.py SEED NAME [NAME ...]   (names in VARIANTS below)
"""

from __future__ import annotations

import sys
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

from common import base_blocks, head_proba, load_train, run, target_copies
from sentlex import CACHE, load_tsv
from stance.text import _norms

WINDOW, MIN_COUNT = 4, 5


def word_vectors(k: int) -> tuple[dict[str, int], np.ndarray]:
    path = CACHE / f"embed_k{k}.npz"
    if path.exists():
        z = np.load(path, allow_pickle=False)
        return {w: i for i, w in enumerate(z["vocab"].tolist())}, z["vectors"]
    texts, _ = load_tsv()
    docs = [[w for w, ex in zip(*_norms(t)) if not ex] for t in texts]
    counts = Counter(w for d in docs for w in d)
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    idx = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for d in docs:
        ids = [idx[w] for w in d if w in idx]
        for i, a in enumerate(ids):
            for b in ids[i + 1 : i + 1 + WINDOW]:
                rows += (a, b)
                cols += (b, a)
    n = len(vocab)
    C = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    C.sum_duplicates()
    total = C.sum()
    pw = np.asarray(C.sum(1)).ravel() / total
    pc = np.asarray(C.sum(0)).ravel() ** 0.75
    pc /= pc.sum()
    C = C.tocoo()
    pmi = np.log(C.data / total / (pw[C.row] * pc[C.col]))
    keep = pmi > 0
    P = sp.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(n, n))
    svd = TruncatedSVD(k, random_state=0)
    U = svd.fit_transform(P)  # = U * S
    V = U / np.sqrt(svd.singular_values_)  # U * sqrt(S)
    V /= np.linalg.norm(V, axis=1, keepdims=True) + 1e-12
    np.savez(path, vocab=np.array(vocab), vectors=V.astype(np.float32))
    return idx, V.astype(np.float32)


def tweet_vectors(pairs, idx, V) -> np.ndarray:
    out = np.zeros((len(pairs), V.shape[1]), dtype=np.float64)
    for r, p in enumerate(pairs):
        ids = [idx[w] for w, ex in zip(*_norms(p.text)) if w in idx]
        if ids:
            v = V[ids].mean(0)
            out[r] = v / (np.linalg.norm(v) + 1e-12)
    return out


VARIANTS = {
    # name: (K, weight, per-target copies)
    "k100_w03": (100, 0.3, True),
    "k100_w1": (100, 1.0, True),
    "k100_shared_w03": (100, 0.3, False),
    "k100_shared_w1": (100, 1.0, False),
    "k300_w03": (300, 0.3, True),
}

if __name__ == "__main__":
    pairs, _ = load_train()
    row_of = {id(p): i for i, p in enumerate(pairs)}
    seed = int(sys.argv[1])
    for name in sys.argv[2:]:
        k, w, per_target = VARIANTS[name]
        idx, V = word_vectors(k)
        F = tweet_vectors(pairs, idx, V) * w

        def fp(tr, y, te, F=F, per_target=per_target):
            X, Xt, f = base_blocks(tr, te)
            names = list(f.targets_) if per_target else []
            key = lambda p: " ".join(p.target.lower().split())  # noqa: E731
            DA = target_copies(F[[row_of[id(p)] for p in tr]], [key(p) for p in tr], names)
            DB = target_copies(F[[row_of[id(p)] for p in te]], [key(p) for p in te], names)
            return head_proba(sp.hstack([X, DA], format="csr"), y, sp.hstack([Xt, DB], format="csr"))

        run("embed_" + name, fp, seed)
