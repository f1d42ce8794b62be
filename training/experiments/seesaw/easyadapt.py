"""One-off (2026-12-07): the default recipe's linear stance head with a copy of every feature per corpus (Daume's
"frustratingly easy" domain adaptation), only the shared copy kept for prediction; against the recipe's own head, both
fitted without the dev parts. Prints the dev parts' macro F1, the behavioural checks and the plain news cases.

    python training/experiments/seesaw/easyadapt.py
"""

import sys
import time
import json

sys.path.insert(0, "training")
sys.path.insert(0, ".")
import numpy as np
import scipy.sparse as sp
import default_model as dm
import behaviour_checks as bc
from stance.model import StanceModel, make_head
from stance.features import StanceFeaturizer

t0 = time.time()
data = dm.load_training(None)
train, dev = dm.dev_split(data)
rows = [r for c in train for r in train[c]]
feat = StanceFeaturizer(**dm.FEATURIZER)
X = feat.fit_transform([r.pair for r in rows]).tocsr()
n = X.shape[1]
print("features", X.shape, round(time.time() - t0), file=sys.stderr)
w = np.array([dm.CORPUS_WEIGHTS[r.corpus] for r in rows])
s_idx = np.array([i for i, r in enumerate(rows) if r.stance is not None and r.corpus in dm.STANCE_CORPORA])
ys = np.array([rows[i].stance for i in s_idx], dtype=object)
Xs = X[s_idx]
corp = np.array([rows[i].corpus for i in s_idx])


def evaluate(name, head):
    m = StanceModel(feat, head, None, {"library": "stance"})
    d = dm.score_dev(m, dev)
    b = bc.score(m, bc.cases())
    nw = bc.score_news(m, bc.news_cases())
    print(
        json.dumps(
            {
                "name": name,
                "dev": {c: d[c]["macro_f1"] for c in dm.STANCE_CORPORA},
                "dev_mean": d["stance_mean_macro_f1"],
                "checks": b["accuracy"],
                "checks_right": b["right"],
                "news": nw.get("accuracy"),
            }
        ),
        flush=True,
    )
    return m


base = make_head(dm.STANCE_C, "balanced", ys, 5, dm.SEED, "stance").fit(Xs, ys, sample_weight=w[s_idx])
print("base fitted", round(time.time() - t0), file=sys.stderr)
evaluate("base", base)
for scale in (1.0,):
    blocks = [Xs] + [sp.diags((corp == c).astype(float) * scale) @ Xs for c in dm.STANCE_CORPORA]
    Xa = sp.hstack(blocks).tocsr()
    head = make_head(dm.STANCE_C, "balanced", ys, 5, dm.SEED, "stance").fit(Xa, ys, sample_weight=w[s_idx])
    for cc in head.calibrated_classifiers_:
        est = cc.estimator
        est.coef_ = np.ascontiguousarray(est.coef_[:, :n])
        est.n_features_in_ = n
    head.n_features_in_ = n
    print("adapt fitted", round(time.time() - t0), file=sys.stderr)
    evaluate(f"easyadapt x{scale}", head)
