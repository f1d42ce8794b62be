"""Average saved out-of-fold probabilities of several candidates (same folds) and score.

python ensemble.py SEED name1+name2+... [name1+name3 ...]      (each arg one ensemble; '*w' weights: C1*2)
"""

import json
import sys

import numpy as np

from common import EXP, OOF, score_probs

seed = int(sys.argv[1])
base = score_probs(np.load(OOF / f"baseline_s{seed}.npy"), seed)
for spec in sys.argv[2:]:
    P, tot = 0, 0
    for part in spec.split("+"):
        name, _, w = part.partition("*")
        w = float(w or 1)
        P = P + w * np.load(OOF / f"{name}_s{seed}.npy")
        tot += w
    P = P / tot
    s = score_probs(P, seed)
    d = [a - b for a, b in zip(s["folds"], base["folds"])]
    res = {"ens": spec, "seed": seed, "pooled": round(s["pooled"], 3), "delta": round(s["pooled"] - base["pooled"], 3),
           "fold_deltas": [round(x, 2) for x in d], "wins": sum(x > 0 for x in d)}
    print(json.dumps(res))
    with open(EXP / "ensembles.jsonl", "a") as fh:
        fh.write(json.dumps(res) + "\n")
