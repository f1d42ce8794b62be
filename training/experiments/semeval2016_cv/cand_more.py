"""More candidates.

tcw_p*  : per-(target, label) balanced sample weights, raised to the power p (1 = fully balanced within each target),
          instead of class_weight="balanced" over the pooled labels
nbsvm   : NB-SVM (Wang & Manning 2012) one-vs-rest on the recipe's features: features scaled by the class's
          log-count ratio, a calibrated LinearSVC per class, probabilities renormalized (an ensemble member)
noise_w*: sanity check: 11 standard-normal dense columns (shared + per-target copies) at weight w

python cand_more.py SEED NAME [NAME ...]
"""

from __future__ import annotations

import sys
from collections import Counter

import numpy as np
import scipy.sparse as sp

from common import BEST_C, LABELS, base_blocks, head_proba, run, target_copies
from stance.model import make_head


def tcw(power):
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        cnt = Counter((p.target, lab) for p, lab in zip(tr, y))
        tcount = Counter(p.target for p in tr)
        w = np.array([(tcount[p.target] / (3 * cnt[(p.target, lab)])) ** power for p, lab in zip(tr, y)])
        w *= len(w) / w.sum()
        h = make_head(BEST_C, None if power > 0 else "balanced", y, 5, 0, "stance")
        h.fit(X, y, sample_weight=w)
        return h.predict_proba(Xt)
    return fp


def nbsvm(C=BEST_C, alpha=1.0):
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        X, Xt = sp.csr_matrix(X), sp.csr_matrix(Xt)
        P = np.zeros((Xt.shape[0], 3))
        absX = abs(X)
        for k, lab in enumerate(LABELS):
            pos = np.asarray(absX[y == lab].sum(0)).ravel() + alpha
            neg = np.asarray(absX[y != lab].sum(0)).ravel() + alpha
            r = np.log((pos / pos.sum()) / (neg / neg.sum()))
            D = sp.diags(r)
            yb = np.where(y == lab, "Y", "N").astype(object)
            h = make_head(C, "balanced", yb, 5, 0, "nb").fit(X @ D, yb)
            P[:, k] = h.predict_proba(Xt @ D)[:, list(h.classes_).index("Y")]
        return P / P.sum(1, keepdims=True)
    return fp


def noise(w):
    def fp(tr, y, te):
        X, Xt, f = base_blocks(tr, te)
        rng = np.random.RandomState(1)
        key = lambda p: " ".join(p.target.lower().split())  # noqa: E731
        A = target_copies(rng.randn(len(tr), 11) * w, [key(p) for p in tr], list(f.targets_))
        B = target_copies(rng.randn(len(te), 11) * w, [key(p) for p in te], list(f.targets_))
        return head_proba(sp.hstack([X, A], format="csr"), y, sp.hstack([Xt, B], format="csr"))
    return fp


def calseeds(n, C=BEST_C):
    """The recipe's head with n different calibration-fold seeds, probabilities averaged (same features, same SVM)."""
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        return sum(head_proba(X, y, Xt, C=C, seed=s) for s in range(n)) / n
    return fp


def svm_variant(**svm_params):
    """The recipe's head with other LinearSVC settings (e.g. multi_class="crammer_singer", loss="hinge")."""
    def fp(tr, y, te):
        X, Xt, _ = base_blocks(tr, te)
        h = make_head(BEST_C, "balanced", y, 5, 0, "stance")
        h.set_params(**{f"estimator__{k}": v for k, v in svm_params.items()})
        return h.fit(X, y).predict_proba(Xt)
    return fp


if __name__ == "__main__":
    seed = int(sys.argv[1])
    for name in sys.argv[2:]:
        if name.startswith("tcw_p"):
            fp = tcw(float(name[5:]))
        elif name.startswith("nbsvm"):
            fp = nbsvm(float(name[7:]) if name.startswith("nbsvm_C") else BEST_C)
        elif name.startswith("calseeds"):
            fp = calseeds(int(name[8:]))
        elif name == "cs":
            fp = svm_variant(multi_class="crammer_singer")
        elif name == "hinge":
            fp = svm_variant(loss="hinge", max_iter=5000)
        elif name.startswith("noise_w"):
            fp = noise(float(name[7:]))
        else:
            raise KeyError(name)
        run("more_" + name, fp, seed)
