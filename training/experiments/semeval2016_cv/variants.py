"""Single-head variants of the recipe (ensemble members). Usage: python variants.py SEED NAME [NAME...]"""

import sys

from common import BEST_FEAT, base_blocks, head_proba, run

V = {
    # name: (featurizer params, C)
    "C03": (BEST_FEAT, 0.3),
    "C1": (BEST_FEAT, 1.0),
    "C2": (BEST_FEAT, 2.0),
    "global": ({**BEST_FEAT, "per_target": False}, 0.5),
    "global_C1": ({**BEST_FEAT, "per_target": False}, 1.0),
    "charheavy": ({**BEST_FEAT, "char_weight": 2.0, "word_weight": 0.7}, 0.5),
    "wordheavy": ({**BEST_FEAT, "char_weight": 0.7, "word_weight": 1.3}, 0.5),
    "nochars_pt": ({}, 0.5),  # per-target words/dense only (the grid's default row)
    "win6": ({**BEST_FEAT, "window": 6}, 0.5),
    "w3": ({**BEST_FEAT, "word_ngrams": 3}, 0.5),
    "c15": ({**BEST_FEAT, "char_ngram_range": (1, 6)}, 0.5),
    "ptw14": ({**BEST_FEAT, "per_target_weight": 1.4}, 0.5),
    "nomask": ({**BEST_FEAT, "mask_target": False}, 0.5),
    "dw01": ({**BEST_FEAT, "dense_weight": 0.1}, 0.5),
    "dw06": ({**BEST_FEAT, "dense_weight": 0.6}, 0.5),
    "ctx03": ({**BEST_FEAT, "context_weight": 0.3}, 0.5),
    "ctx08": ({**BEST_FEAT, "context_weight": 0.8}, 0.5),
    "wmindf2": ({**BEST_FEAT, "word_min_df": 2}, 0.5),
}



def _fp(tr, y, te, feat, C):
    X, Xt, _ = base_blocks(tr, te, feat)
    return head_proba(X, y, Xt, C=C)


seed = int(sys.argv[1])
for name in sys.argv[2:]:
    feat, C = V[name]
    run(name, lambda tr, y, te, feat=feat, C=C: _fp(tr, y, te, feat, C), seed)
