"""One-off (2026-12-07): the encoder's share on cued statements, with the news-trained encoder now shipped (run C).

On the default recipe's dev parts, with the linear part fitted without them (build/linear_devfree.stance), at the
shipped share 0.6 and NONE offset -0.05: macro F1 per part and right answers on the cued rows, for cued shares 0, 0.3,
0.6 and 1. Then it writes the shipped model with cued share 0.3 and 0.6 to build/ for the behavioural checks:

    python training/experiments/seesaw/cued_share_news.py
    python training/behaviour_checks.py --model default --model build/default_cued3.stance --model build/default_cued6.stance

It also writes the shipped model at the best share and NONE offset of run C's grid (0.9, -0.2) for the analysis:

    python training/seesaw_losses.py --split train --model build/default_w9.stance
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, "training")
sys.path.insert(0, ".")
import numpy as np  # noqa: E402

import default_model as dm  # noqa: E402
import news_encoder as ne  # noqa: E402
import stance  # noqa: E402
from stance.encoder import PairEncoder  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402

SHARES = (0.0, 0.3, 0.6, 1.0)
_, _, _, old_dev = ne.training_set(None, ne.Settings(inputs=(), passes=2, balanced=False, replay=True))
enc = PairEncoder.from_bytes(Path("build/news_encoder_c.npz").read_bytes())
linear = ne.devfree_linear(None)
out = {}
for c in dm.STANCE_CORPORA:
    rs = [r for r in old_dev.get(c, []) if r.stance is not None]
    p = ne.blend_parts(enc, linear, rs)
    out[c] = {"n_cued": int(p.cued.sum())}
    for wc in SHARES:
        pred = p.predict(0.6, wc, -0.05)
        out[c][f"macro_f1 {wc}"] = round(stance_scores(p.gold, pred)["macro_f1"], 2)
        out[c][f"cued right {wc}"] = int(sum(g == q for g, q, k in zip(p.gold, pred, p.cued) if k))
print(json.dumps(out, indent=1))
print("mean", {wc: round(float(np.mean([out[c][f"macro_f1 {wc}"] for c in out])), 2) for wc in SHARES})
for wc in (0.3, 0.6):
    m = stance.load()
    m.encoder_weight_cued = wc
    m.save(f"build/default_cued{int(wc * 10)}.stance")
m = stance.load()
m.encoder_weight = 0.9
m.stance_offsets = {"NONE": -0.2}
m.save("build/default_w9.stance")
