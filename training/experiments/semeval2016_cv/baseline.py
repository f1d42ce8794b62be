"""Baseline: the shipped recipe, through StanceModel.fit/predict_batch exactly as training/semeval2016.py does,
and through the featurizer + make_head path the other candidates use (must agree)."""

import sys

import numpy as np

from common import BEST_C, BEST_FEAT, LABELS, base_blocks, head_proba, run
from stance.model import StanceModel, TrainConfig

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0


def via_model(tr, y, te):
    cfg = TrainConfig(featurizer=dict(BEST_FEAT), stance_C=BEST_C, sentiment_C=0.3)
    m = StanceModel.fit(tr, list(y), None, cfg, progress=False)
    out = m.predict_batch([p.text for p in te], [p.target for p in te], [p.aliases for p in te])
    return np.array([[p.stance_probabilities[lab] for lab in LABELS] for p in out])


def via_blocks(tr, y, te):
    X, Xt, _ = base_blocks(tr, te)
    return head_proba(X, y, Xt)


run("baseline_model", via_model, seed)
run("baseline", via_blocks, seed)
