"""One-off (issue 16): the teacher trained further on SEESAW as ``stance.analyze`` reads it, with the speaker.

Rows: each analysed (statement, target) of the held-in train stories' articles (the cache of ``training/seesaw_losses.py``),
the statement as the analysis classifies it, the target with its aliases and the statement's speaker in the second
segment (``encoder_input(..., inputs=("speaker",))``), labelled with the speaker's annotated side in the statement's
sentences (``seesaw_losses.gold_side``). Every row with a side plus twice as many NONE rows, one pass at 2e-5, starting
from the sentence-level teacher. Who stands where is then taken on the held-out stories' articles.

    python training/experiments/seesaw/teacher_statements.py --teacher build/news_teacher.pt --cache /tmp/s17_train.pkl --features /tmp/s17_feats.pkl
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from news_teacher import DEFAULT_BASE, LABELS, base_dir, load_teacher  # noqa: E402
from seesaw_losses import gold_side  # noqa: E402
from seesaw_summary_rules import analyses  # noqa: E402
from teacher_analysis import measure  # noqa: E402

from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.encoder import encoder_input  # noqa: E402


def main() -> int:
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher", type=Path, required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--speaker", action="store_true", help="give the speaker in the second segment")
    ap.add_argument("--lr", type=float, default=2e-5)
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    data = analyses("default", "train", args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()["train"]}
    held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5])
    feats = pickle.loads(Path(args.features).read_bytes())
    inputs = ("speaker",) if args.speaker else ()

    def pair(aid: str, r) -> tuple[str, str]:  # noqa: ANN001
        f = feats[(aid, r.start, r.end, r.target)]
        return encoder_input(f[2], r.target, f[3], None, speaker=r.speaker, inputs=inputs)

    fit = [(pair(aid, r), gold_side(r, arts[aid])) for aid, _, _, rows in data if arts[aid]["story"] not in held for r in rows]
    rng = random.Random(0)
    sided = [x for x in fit if x[1] != "NONE"]
    none = [x for x in fit if x[1] == "NONE"]
    rng.shuffle(none)
    train = sided + none[: 2 * len(sided)]
    rng.shuffle(train)
    teacher = load_teacher(args.teacher, base_dir(DEFAULT_BASE))
    params = teacher.parameters()
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    batch = 16
    steps = (len(train) + batch - 1) // batch
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    y = torch.tensor([LABELS.index(lab) for _, lab in train])
    print(f"{len(train)} statement rows ({len(sided)} with a side of their speaker), {steps} steps", flush=True)
    teacher.model.train()
    t0 = time.perf_counter()
    for s in range(steps):
        chunk = train[s * batch : (s + 1) * batch]
        loss = torch.nn.functional.cross_entropy(teacher.logits([p[0] for p, _ in chunk], [p[1] for p, _ in chunk]), y[s * batch : (s + 1) * batch])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if (s + 1) % 20 == 0:
            print(f"step {s + 1}/{steps} loss {loss.item():.3f} {time.perf_counter() - t0:.0f} s", flush=True)
    test = [d for d in data if arts[d[0]]["story"] in held]
    keys = [(aid, r) for aid, _, _, rows in test for r in rows]
    pairs = [pair(aid, r) for aid, r in keys]
    P = teacher.probabilities([a for a, _ in pairs], [b for _, b in pairs], log=None)
    np.save("/tmp/s17/teacher_stmt_probs.npy", P)
    print("held-out stories, shipped model: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(test, {}))
    for off in (-0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3):
        Q = P.copy()
        Q[:, 2] += off
        relabel = {(aid, r.start, r.end, r.target): dataclasses.replace(r, stance=LABELS[int(Q[i].argmax())], stance_confidence=float(P[i].max()))
                   for i, (aid, r) in enumerate(keys)}
        print(f"statement teacher, NONE offset {off:+.1f}: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(test, relabel))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
