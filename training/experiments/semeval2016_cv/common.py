"""Shared CV harness for the SemEval-2016 experiments (train split only; test is never loaded here).

Imports ``stance`` from this repository (the runs reported in docs/results.md used the package as of commit
7ad8079, whose features are identical to later commits'). Results, out-of-fold probabilities and caches go to
``$STANCE_EXP_DIR`` (default ``/tmp/stance-semeval2016-cv``).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import StratifiedKFold

EXP = Path(os.environ.get("STANCE_EXP_DIR", "/tmp/stance-semeval2016-cv"))
EXP.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository root

from stance.api import training_arrays  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.evaluation import f_avg  # noqa: E402
from stance.features import StanceFeaturizer, as_pairs  # noqa: E402
from stance.model import make_head  # noqa: E402

LABELS = np.array(["AGAINST", "FAVOR", "NONE"], dtype=object)  # sklearn's sorted class order
BEST_FEAT = {"per_target_chars": True, "char_weight": 1.3}
BEST_C = 0.5
OOF = EXP / "oof"
OOF.mkdir(exist_ok=True)


@functools.lru_cache(maxsize=1)
def load_train():
    ds = load_corpus("semeval2016")["train"]  # train split ONLY
    pairs, stance, _ = training_arrays(ds)
    return as_pairs(pairs), np.asarray(stance, dtype=object)


def folds(pairs, y, seed: int):
    strat = [f"{p.target}|{s}" for p, s in zip(pairs, y)]
    return list(StratifiedKFold(5, shuffle=True, random_state=seed).split(np.zeros(len(y)), strat))


def head_proba(X, y, Xt, C=BEST_C, seed=0):
    head = make_head(C, "balanced", y, 5, seed, "stance")
    head.fit(X, y)
    assert list(head.classes_) == list(LABELS)
    return head.predict_proba(Xt)


def base_blocks(tr, te, feat_params=None):
    f = StanceFeaturizer(**(feat_params if feat_params is not None else BEST_FEAT))
    return f.fit_transform(tr), f.transform(te), f


def target_copies(D: np.ndarray, targets: list[str], names: list[str]) -> sp.csr_matrix:
    """Shared copy + a per-target copy of a dense block (``names``: the training targets, in slot order)."""
    n, k = D.shape
    out = np.zeros((n, k * (1 + len(names))))
    out[:, :k] = D
    idx = {t: i for i, t in enumerate(names)}
    for r, t in enumerate(targets):
        j = idx.get(t)
        if j is not None:
            out[r, k * (1 + j) : k * (2 + j)] = D[r]
    return sp.csr_matrix(out)


def run(name: str, fit_predict, seed: int = 0, save: bool = True) -> dict:
    """5-fold CV with the recipe's folds (seed 0 = the recipe's); fit_predict(train_pairs, y, test_pairs) -> proba."""
    pairs, y = load_train()
    P = np.zeros((len(y), 3))
    t0 = time.perf_counter()
    per_fold = []
    for a, b in folds(pairs, y, seed):
        P[b] = fit_predict([pairs[i] for i in a], y[a], [pairs[i] for i in b])
        per_fold.append(f_avg(list(y[b]), list(LABELS[P[b].argmax(1)])))
    secs = time.perf_counter() - t0
    pooled = f_avg(list(y), list(LABELS[P.argmax(1)]))
    res = {"name": name, "seed": seed, "pooled": round(pooled, 3), "folds": [round(v, 3) for v in per_fold], "seconds": round(secs, 1)}
    if save:
        np.save(OOF / f"{name}_s{seed}.npy", P)
        with open(EXP / "results.jsonl", "a") as fh:
            fh.write(json.dumps(res) + "\n")
    print(json.dumps(res), flush=True)
    return res


def score_probs(P: np.ndarray, seed: int) -> dict:
    pairs, y = load_train()
    per_fold = [f_avg(list(y[b]), list(LABELS[P[b].argmax(1)])) for _, b in folds(pairs, y, seed)]
    return {"pooled": f_avg(list(y), list(LABELS[P.argmax(1)])), "folds": per_fold}
