"""Experiment (issue 16): the default recipe's encoder fine-tuned on SEESAW train alone, with and without the speaker
and the sentence before as input, scored on held-out SEESAW train stories (every fifth story) and on SEESAW valid.

    python training/experiments/seesaw/encoder_seesaw.py --variant plain|speaker|speaker_context [--epochs 2]

Needs PyTorch (pip install torch==2.13.0, then pip install -e '.[encoder]'). Prints one JSON line per scoring.
Input: the statement with the target's found mentions in brackets (stance.encoder.encoder_input) as the first
segment; the second is the target with its aliases, then, by variant, "; speaker: NAME" (or "; speaker: none") and
"; before: SENTENCE". The loss is cross-entropy with class-balanced weights; nothing else is tuned.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[3]
for p in (REPO, REPO / "training"):
    sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402
import encoder_model as em  # noqa: E402

from stance.corpora import load_corpus  # noqa: E402
from stance.encoder import PairEncoder, encoder_input  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402
from stance.features import Pair  # noqa: E402


def rows_of(ds, variant: str) -> tuple[list[dm.Row], dict[int, tuple[str, str]], list[str]]:  # noqa: ANN001
    rows, extra, stories = [], {}, []
    for r in ds:
        row = dm.Row("seesaw", Pair(r["text"], r["target"], tuple(r["aliases"] or ()), None), r["stance"], None, r["story"])
        extra[id(row)] = (r["speaker"] or "", r["context"] or "")
        rows.append(row)
        stories.append(r["story"])
    return rows, extra, stories


def make_inputs(variant: str, extra: dict[int, tuple[str, str]]):  # noqa: ANN201
    def inputs(rows: list[dm.Row], find: bool = True) -> tuple[list[str], list[str]]:
        firsts, seconds = [], []
        for r in rows:
            a, b = encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span, find=find)
            speaker, context = extra[id(r)]
            if variant in ("speaker", "speaker_context"):
                b += f" ; speaker : {speaker or 'none'}"
            if variant == "speaker_context" and context:
                b += f" ; before : {context}"
            firsts.append(a)
            seconds.append(b)
        return firsts, seconds
    return inputs


def score(gold: list[str], probs: np.ndarray, labels: list[str], none_bias: float = 0.0) -> dict:
    p = probs.copy()
    p[:, labels.index("NONE")] += none_bias
    pred = [labels[i] for i in p.argmax(1)]
    s = stance_scores(gold, pred)
    return {"f_avg": round(s["f_avg"], 2), "macro_f1": round(s["macro_f1"], 2), "none_bias": none_bias}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=("plain", "speaker", "speaker_context"), required=True)
    ap.add_argument("--epochs", type=float, default=2)
    ap.add_argument("--save", default=None, help="write the encoder arrays here (npz)")
    args = ap.parse_args()
    em.EPOCHS = args.epochs
    dm.CORPUS_WEIGHTS["seesaw"] = 1.0
    data = load_corpus("seesaw")
    train_rows, extra, stories = rows_of(data["train"], args.variant)
    valid_rows, extra_v, _ = rows_of(data["valid"], args.variant)
    extra.update(extra_v)
    order = sorted(set(stories))
    dev_stories = set(order[::5])
    fit = [r for r, s in zip(train_rows, stories) if s not in dev_stories]
    dev = [r for r, s in zip(train_rows, stories) if s in dev_stories]
    em._inputs = make_inputs(args.variant, extra)
    t0 = time.perf_counter()
    arrays = em.train(fit)
    print(json.dumps({"variant": args.variant, "fit_rows": len(fit), "train_seconds": round(time.perf_counter() - t0)}), flush=True)
    if args.save:
        Path(args.save).write_bytes(PairEncoder.to_bytes(arrays))
    enc = PairEncoder(arrays)
    labels = enc.labels
    out = {}
    for name, rows in (("dev", dev), ("valid", valid_rows)):
        f, s = em._inputs(rows)
        out[name] = (enc.predict_proba(f, s), [r.stance for r in rows])
    # the NONE bias that maximizes F_avg on the held-out train stories, then applied to valid
    biases = [round(x, 2) for x in np.arange(-0.5, 0.51, 0.05)]
    dev_scores = {b: score(out["dev"][1], out["dev"][0], labels, b)["f_avg"] for b in biases}
    best = max(biases, key=lambda b: (dev_scores[b], -abs(b)))
    for name in ("dev", "valid"):
        probs, gold = out[name]
        print(json.dumps({"variant": args.variant, "split": name, "argmax": score(gold, probs, labels),
                          "dev_chosen_bias": score(gold, probs, labels, best)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
