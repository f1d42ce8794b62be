"""Candidate 2: dense sentiment columns from external SemEval-2017 sentiment data, appended to the recipe's features.

python cand_sent.py SEED NAME [NAME ...]   (names in VARIANTS below)
"""

from __future__ import annotations

import sys

import numpy as np
import scipy.sparse as sp

from common import base_blocks, head_proba, load_train, run, target_copies  # noqa
from sentlex import CACHE, NEGATORS, STOP, get_lexicon, get_sentiment_model
from stance.text import _match, _norms

LEX_COLS = ["mean", "max", "min", "n_pos", "n_neg", "near_mean", "tag_mean", "end_mean"]
MODEL_COLS = ["p_neg", "p_neu", "p_pos"]


def lex_features(pair, lex) -> list[float]:
    norms, extra = _norms(pair.text)
    full, partial = _match(norms, extra, pair.target, pair.aliases)
    ments = [s for s, _ in full] + list(partial)
    scores = []  # (position, score, is_hashtag)
    scope, main_i = -1, 0
    for i, (w, ex) in enumerate(zip(norms, extra)):
        tok = w
        if not ex:
            if w in STOP:
                scope = -1
            elif w in NEGATORS:
                scope = main_i + 3
            elif main_i <= scope and w[0] not in "@_#":
                tok = "neg:" + w
            main_i += 1
        s = lex.get(tok)
        if s is not None:
            scores.append((i, s, ex or w.startswith("#")))
    n = len(norms)
    if not scores:
        return [0.0] * len(LEX_COLS)
    v = np.array([s for _, s, _ in scores])
    near = [s for i, s, _ in scores if any(abs(i - m) <= 4 for m in ments)]
    tags = [s for _, s, h in scores if h]
    end = [s for i, s, _ in scores if i >= n - 5]
    return [
        float(v.mean()), float(v.max()), float(v.min()),
        float(np.log1p((v > 0.7).sum())), float(np.log1p((v < -0.7).sum())),
        float(np.mean(near)) if near else 0.0,
        float(np.mean(tags)) if tags else 0.0,
        float(np.mean(end)) if end else 0.0,
    ]


def all_features() -> np.ndarray:
    """(n_train, 8 + 3) for the SemEval-2016 train tweets, in load_train order; cached."""
    path = CACHE / "semeval_train_sent.npy"
    if not path.exists():
        pairs, _ = load_train()
        lex = get_lexicon()
        L = np.array([lex_features(p, lex) for p in pairs])
        M = get_sentiment_model().predict_proba([p.text for p in pairs])  # classes: negative, neutral, positive
        np.save(path, np.hstack([L, M]))
    return np.load(path)


VARIANTS = {
    # name: (columns, weight, per-target copies)
    "lex_w03": (slice(0, 8), 0.3, True),
    "lex_w1": (slice(0, 8), 1.0, True),
    "lex_shared_w03": (slice(0, 8), 0.3, False),
    "lex_shared_w01": (slice(0, 8), 0.1, False),
    "lex_shared_w06": (slice(0, 8), 0.6, False),
    "smod_shared_w03": (slice(8, 11), 0.3, False),
    "both_shared_w03": (slice(0, 11), 0.3, False),
    "smod_w03": (slice(8, 11), 0.3, True),
    "smod_w1": (slice(8, 11), 1.0, True),
    "both_w03": (slice(0, 11), 0.3, True),
    "both_w1": (slice(0, 11), 1.0, True),
    "both_w01": (slice(0, 11), 0.1, True),
}

if __name__ == "__main__":
    F = all_features()
    pairs, _ = load_train()
    row_of = {id(p): i for i, p in enumerate(pairs)}  # run() passes these very objects
    seed = int(sys.argv[1])
    for name in sys.argv[2:]:
        cols, w, per_target = VARIANTS[name]

        def fp(tr, y, te, cols=cols, w=w, per_target=per_target):
            X, Xt, f = base_blocks(tr, te)
            A = F[[row_of[id(p)] for p in tr]][:, cols]
            B = F[[row_of[id(p)] for p in te]][:, cols]
            mu, sd = A.mean(0), A.std(0) + 1e-9
            A, B = (A - mu) / sd * w, (B - mu) / sd * w
            names = list(f.targets_) if per_target else []
            key = lambda p: " ".join(p.target.lower().split())  # noqa: E731
            DA = target_copies(A, [key(p) for p in tr], names)
            DB = target_copies(B, [key(p) for p in te], names)
            return head_proba(sp.hstack([X, DA], format="csr"), y, sp.hstack([Xt, DB], format="csr"))

        run("sent_" + name, fp, seed)
