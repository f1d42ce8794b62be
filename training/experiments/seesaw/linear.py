"""Experiment (issue 16; docs/news.md, "SEESAW in the linear part"): the default recipe's linear model with SEESAW train
joined to its stance corpora, at a few corpus weights fixed beforehand.

Trains the linear model (no encoder, no sentiment head) on the default recipe's train-minus-dev data, plus SEESAW train
minus every fifth story (the hold-out of ``training/news_encoder.py``), then prints F_avg and macro F1 on the held-out SEESAW
stories (most probable label, and at the best NONE offset on the same rows, an upper bound) and the recipe's dev parts.

    python training/experiments/seesaw/linear.py [--weight 0 --weight 1 --weight 3]   # about 2 minutes per weight
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402
import news_encoder as ne  # noqa: E402

from stance.evaluation import stance_scores  # noqa: E402

LABELS = ("AGAINST", "FAVOR", "NONE")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--weight", type=float, action="append", help="SEESAW's corpus weight (repeatable; 0 leaves it out)")
    args = ap.parse_args()
    seesaw, _extra = ne.seesaw_rows("train", args.data_dir)
    held = ne.held_out(seesaw)
    fit, dev_ss = [r for r in seesaw if r.group not in held], [r for r in seesaw if r.group in held]
    train, dev = dm.dev_split(dm.load_training(args.data_dir))
    gold = [r.stance for r in dev_ss]
    for weight in args.weight or [0.0, 1.0, 3.0]:
        data = {**train, "seesaw": fit} if weight > 0 else train
        model = dm.fit_default(data, sentiment=False, verbose=False, corpus_weights={**dm.CORPUS_WEIGHTS, "seesaw": weight},
                               stance_corpora=(*dm.STANCE_CORPORA, "seesaw"))
        preds = dm._predict(model, dev_ss)
        s = stance_scores(gold, [p.stance for p in preds])
        probs = np.array([[p.stance_probabilities[lab] for lab in LABELS] for p in preds])
        offsets = []
        for off in np.round(np.arange(-0.3, 0.51, 0.05), 2):
            shifted = probs + np.array([0.0, 0.0, off])
            offsets.append((stance_scores(gold, [LABELS[i] for i in shifted.argmax(1)])["f_avg"], float(off)))
        best, off = max(offsets)
        parts = dm.score_dev(model, dev, args.data_dir)
        names = ", ".join(f"{c} {v['macro_f1']:.2f}" for c, v in parts.items() if isinstance(v, dict))
        print(f"SEESAW weight {weight:g}: held-out stories F_avg {s['f_avg']:.2f}, macro F1 {s['macro_f1']:.2f} "
              f"(best NONE offset {off:+.2f}: {best:.2f}); dev parts macro F1 {names}; mean {parts['stance_mean_macro_f1']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
