"""One-off (issue 16): does a larger pretrained encoder learn SEESAW's target stance better than MiniLM-L6?

Both encoders start from their generic sentence-embedding weights (all-MiniLM-L6-v2: 6 layers of 384; all-mpnet-base-v2:
12 layers of 768) and are fine-tuned the same way (mean pooling, one linear layer, AdamW, linear warm-up and decay,
one pass, the same rows in the same order) on the held-in SEESAW train stories: every row with a side and twice as
many NONE rows drawn at random. Both are scored on the held-out train stories (every fifth story, 4,177 rows, as in
training/news_encoder.py). Valid is not touched.

    python training/experiments/seesaw/capacity_probe.py --model DIR --rows N [--time-only]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from news_encoder import held_out, inputs_of, seesaw_rows  # noqa: E402

LABELS = ["AGAINST", "FAVOR", "NONE"]


def f_avg(gold: list[str], pred: list[str]) -> tuple[float, float]:
    from sklearn.metrics import f1_score

    f = f1_score(gold, pred, labels=LABELS, average=None, zero_division=0)
    return 100 * (f[0] + f[1]) / 2, 100 * float(np.mean(f))


def main() -> int:
    import torch
    from transformers import AutoModel, AutoTokenizer

    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--rows", type=int, default=0, help="cap on training rows (0: all sided + twice as many NONE)")
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--time-only", action="store_true")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    rows, extra = seesaw_rows("train")
    held = held_out(rows)
    fit = [r for r in rows if r.group not in held]
    test = [r for r in rows if r.group in held]
    rng = random.Random(0)
    sided = [r for r in fit if r.stance != "NONE"]
    none = [r for r in fit if r.stance == "NONE"]
    rng.shuffle(none)
    train = sided + none[: 2 * len(sided)]
    rng.shuffle(train)
    if args.rows:
        train = train[: args.rows]
    tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModel.from_pretrained(args.model)
    head = torch.nn.Linear(model.config.hidden_size, 3)
    a, b = inputs_of(train, extra, ())
    y = torch.tensor([LABELS.index(r.stance) for r in train])
    params = list(model.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = (len(train) + args.batch - 1) // args.batch
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))

    def pooled(x: list[str], z: list[str]) -> torch.Tensor:
        enc = tok(x, z, truncation=True, max_length=128, padding=True, return_tensors="pt")
        h = model(**enc).last_hidden_state
        m = enc["attention_mask"].unsqueeze(-1).float()
        return (h * m).sum(1) / m.sum(1)

    model.train()
    t0 = time.perf_counter()
    print(f"{len(train)} training rows ({sum(r.stance != 'NONE' for r in train)} with a side), {len(test)} held-out rows", flush=True)
    for s in range(steps):
        i = slice(s * args.batch, (s + 1) * args.batch)
        loss = torch.nn.functional.cross_entropy(head(pooled(a[i], b[i])), y[i])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if (s + 1) % 20 == 0 or s + 1 == steps:
            el = time.perf_counter() - t0
            print(f"step {s + 1}/{steps} loss {loss.item():.3f} {el:.0f} s, eta {el / (s + 1) * (steps - s - 1):.0f} s", flush=True)
            if args.time_only and s + 1 >= 20:
                return 0
    model.eval()
    ta, tb = inputs_of(test, extra, ())
    probs = []
    with torch.no_grad():
        for s in range(0, len(test), 64):
            probs.append(torch.softmax(head(pooled(ta[s : s + 64], tb[s : s + 64])), -1).numpy())
    P = np.concatenate(probs)
    gold = [r.stance for r in test]
    print(f"trained and scored in {time.perf_counter() - t0:.0f} s")
    for off in (0.0, 0.1, 0.2, 0.3, 0.4):
        Q = P.copy()
        Q[:, 2] += off
        pred = [LABELS[k] for k in Q.argmax(1)]
        fa, mf = f_avg(gold, pred)
        print(f"held-out stories, NONE offset +{off:.1f}: F_avg {fa:.2f}  macro F1 {mf:.2f}  sided predicted {np.mean([p != 'NONE' for p in pred]):.3f}")
    if args.out:
        np.save(args.out, P)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
