"""Candidate 4: other head structures.

sep_C*     : one model per target (featurizer without per-target copies, fit on that target's tweets only)
twostage   : NONE vs opinion head, then FAVOR vs AGAINST head on the opinion rows; P(F) = P(op) P(F|op)
twostage_mix: the average of twostage and the recipe's 3-way probabilities

python cand_other.py SEED NAME [NAME ...]
"""

from __future__ import annotations

import sys

import numpy as np

from common import BEST_C, BEST_FEAT, base_blocks, head_proba, run
from stance.features import StanceFeaturizer
from stance.model import make_head


def sep(C):
    def fp(tr, y, te):
        P = np.zeros((len(te), 3))
        for t in sorted({p.target for p in tr}):
            a = [i for i, p in enumerate(tr) if p.target == t]
            b = [i for i, p in enumerate(te) if p.target == t]
            f = StanceFeaturizer(**{**BEST_FEAT, "per_target": False})
            X = f.fit_transform([tr[i] for i in a])
            P[b] = head_proba(X, y[a], f.transform([te[i] for i in b]), C=C)
        return P
    return fp


def twostage(mix: bool):
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        op = np.where(y == "NONE", "NONE", "OP").astype(object)
        h1 = make_head(BEST_C, "balanced", op, 5, 0, "op").fit(X, op)
        p_none = h1.predict_proba(Xt)[:, list(h1.classes_).index("NONE")]
        m = y != "NONE"
        h2 = make_head(BEST_C, "balanced", y[m], 5, 0, "fa").fit(X[m], y[m])
        q = h2.predict_proba(Xt)  # AGAINST, FAVOR
        P = np.column_stack([(1 - p_none) * q[:, 0], (1 - p_none) * q[:, 1], p_none])
        if mix:
            P = (P + head_proba(X, y, Xt)) / 2
        return P
    return fp


def calens(C):
    """CalibratedClassifierCV(ensemble=True): the mean of 5 (SVM, calibrator) pairs, each SVM fit on 4/5 of the rows."""
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        h = make_head(C, "balanced", y, 5, 0, "stance")
        h.set_params(ensemble=True)
        return h.fit(X, y).predict_proba(Xt)
    return fp


def bag(n, C=BEST_C):
    """Bootstrap bagging of the whole recipe (featurizer refit on each bootstrap sample), probabilities averaged."""
    def fp(tr, y, te):
        rng = np.random.RandomState(0)
        P = 0
        for _ in range(n):
            idx = rng.randint(0, len(tr), len(tr))
            X, Xt, _ = base_blocks([tr[i] for i in idx], te)
            P = P + head_proba(X, y[idx], Xt, C=C)
        return P / n
    return fp


def subbag(n, frac=0.8, C=BEST_C):
    """Subsample bagging (without replacement, 80%), featurizer fit on all training rows."""
    def fp(tr, y, te):
        rng = np.random.RandomState(0)
        X, Xt, _ = base_blocks(tr, te)
        P = 0
        for _ in range(n):
            idx = np.sort(rng.choice(len(tr), int(frac * len(tr)), replace=False))
            P = P + head_proba(X[idx], y[idx], Xt, C=C)
        return P / n
    return fp


if __name__ == "__main__":
    seed = int(sys.argv[1])
    for name in sys.argv[2:]:
        if name.startswith("sep_C"):
            fp = sep(float(name[5:]))
        elif name == "twostage":
            fp = twostage(False)
        elif name == "twostage_mix":
            fp = twostage(True)
        elif name.startswith("calens_C"):
            fp = calens(float(name[8:]))
        elif name.startswith("bag"):
            fp = bag(int(name[3:]))
        elif name.startswith("subbag"):
            fp = subbag(int(name[6:]))
        else:
            raise KeyError(name)
        run("other_" + name, fp, seed)
