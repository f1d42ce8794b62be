"""One-off (issue 16): can MiniLM-L6 (the shipped encoder) learn the speaker's side of the analysed statements at a
higher learning rate? The same rows as ``teacher_statements.py`` (held-in stories' analysed statements, the speaker's
side, every side plus twice as many NONE rows), the shipped encoder trained one pass at ``--lr`` in batches of 16, then
its labels replace the model's on the held-out stories' articles, as the teacher's did.

    python training/experiments/seesaw/student_probe.py --cache /tmp/s17_train.pkl --features /tmp/s17_feats.pkl --lr 1e-4
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import encoder_model as em  # noqa: E402
from news_encoder import _torch_model, shipped_encoder  # noqa: E402
from seesaw_losses import gold_side  # noqa: E402
from seesaw_summary_rules import analyses  # noqa: E402
from teacher_analysis import measure  # noqa: E402

from stance.analysis_eval import score_article  # noqa: E402
from stance.summary import summarize  # noqa: E402

from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.encoder import encoder_input  # noqa: E402


def main() -> int:
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--speaker", action="store_true")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--passes", type=int, default=1)
    ap.add_argument("--none-per-side", type=int, default=2)
    ap.add_argument("--speakered-only", action="store_true", help="train only on statements with a speaker")
    ap.add_argument("--with-sentences", action="store_true",
                    help="also the held-in stories' sentence rows (every side plus twice as many NONE, as news_teacher.split_rows)")
    ap.add_argument("--fold", type=int, default=0, help="hold out every fifth story from this one (0: the recipe's hold-out)")
    ap.add_argument("--out", type=Path, help="write the fold's counts (matched, predicted, gold) per offset here as JSON")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    data = analyses("default", "train", args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()["train"]}
    held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[args.fold :: 5])
    feats = pickle.loads(Path(args.features).read_bytes())
    inputs = ("speaker",) if args.speaker else ()

    def pair(aid: str, r) -> tuple[str, str]:  # noqa: ANN001
        f = feats[(aid, r.start, r.end, r.target)]
        return encoder_input(f[2], r.target, f[3], None, speaker=r.speaker, inputs=inputs)

    fit = [(pair(aid, r), gold_side(r, arts[aid])) for aid, _, _, rows in data if arts[aid]["story"] not in held for r in rows
           if r.speaker or not args.speakered_only]
    rng = random.Random(0)
    sided = [x for x in fit if x[1] != "NONE"]
    none = [x for x in fit if x[1] == "NONE"]
    rng.shuffle(none)
    train = (sided + none[: args.none_per_side * len(sided)]) * args.passes
    if args.with_sentences:
        from news_teacher import Settings as TeacherSettings, split_rows

        sentence_rows, _, _ = split_rows(TeacherSettings())
        train += [(encoder_input(r.pair.text, r.pair.target, r.pair.aliases, None, speaker=None, inputs=inputs), r.stance) for r in sentence_rows]
    rng.shuffle(train)
    enc = shipped_encoder()
    labels = list(enc.labels)
    model = _torch_model(enc)
    head = torch.nn.Linear(enc.w["head.weight"].shape[1], len(labels))
    with torch.no_grad():
        head.weight.copy_(torch.tensor(enc.w["head.weight"]))
        head.bias.copy_(torch.tensor(enc.w["head.bias"]))
    params = list(model.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    batch = 16
    steps = (len(train) + batch - 1) // batch
    sched = em.warmup_decay(opt, steps)
    encoded = [enc.tokenizer.pair(a, b) for (a, b), _ in train]
    y = torch.tensor([labels.index(lab) for _, lab in train])

    def logits(seqs: list) -> torch.Tensor:
        length = max(len(s) for s, _ in seqs)
        ids = torch.zeros((len(seqs), length), dtype=torch.long)
        types, mask = torch.zeros_like(ids), torch.zeros_like(ids)
        for r, (seq, first_len) in enumerate(seqs):
            ids[r, : len(seq)] = torch.tensor(seq)
            types[r, first_len : len(seq)] = 1
            mask[r, : len(seq)] = 1
        return head(em.mean_pooled(model(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state, mask))

    print(f"{len(train)} statement rows ({len(sided)} with a side), {steps} steps, lr {args.lr}", flush=True)
    model.train()
    t0 = time.perf_counter()
    for s in range(steps):
        loss = torch.nn.functional.cross_entropy(logits(encoded[s * batch : (s + 1) * batch]), y[s * batch : (s + 1) * batch])
        em.optimizer_step(loss, params, opt, sched, s + 1, steps, t0, sys.stderr)
    model.eval()
    test = [d for d in data if arts[d[0]]["story"] in held]
    keys = [(aid, r) for aid, _, _, rows in test for r in rows]
    seqs = [enc.tokenizer.pair(*pair(aid, r)) for aid, r in keys]
    with torch.no_grad():
        P = np.concatenate([torch.softmax(logits(seqs[i : i + 64]), -1).numpy() for i in range(0, len(seqs), 64)])
    print(f"trained in {time.perf_counter() - t0:.0f} s")
    counts = {"shipped": counts_of(test, {})}
    print("held-out stories, shipped model: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(test, {}))
    for off in (-0.4, -0.35, -0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0.0, 0.1, 0.2, 0.3):
        Q = P.copy()
        Q[:, labels.index("NONE")] += off
        relabel = {(aid, r.start, r.end, r.target): dataclasses.replace(r, stance=labels[int(Q[i].argmax())], stance_confidence=float(P[i].max()))
                   for i, (aid, r) in enumerate(keys)}
        counts[f"{off:+.2f}"] = counts_of(test, relabel)
        print(f"student, NONE offset {off:+.2f}: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(test, relabel))
    if args.out:
        args.out.write_text(json.dumps(counts))
        np.save(args.out.with_suffix(".npy"), P)
        from stance.encoder import PairEncoder

        state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        vocab = [str(t) for t, _ in sorted(enc.tokenizer.vocab.items(), key=lambda kv: kv[1])]
        w = enc.w
        arrays = PairEncoder.arrays_from_state(state, head.weight.detach().numpy(), head.bias.detach().numpy(), labels, vocab, enc.heads,
                                               sentiment=(w["sentiment_head.weight"], w["sentiment_head.bias"], list(enc.sentiment_labels)),
                                               inputs=inputs)
        args.out.with_suffix(".npz").write_bytes(PairEncoder.to_bytes(arrays))
    return 0


def counts_of(data: list, relabel: dict) -> tuple[int, int, int]:
    m = n = g = 0
    for aid, aliases, gold, rows in data:
        rows = [relabel.get((aid, r.start, r.end, r.target), r) for r in rows]
        vs = summarize(rows, aliases=aliases) if rows else []
        res = score_article(aid, [(str(v.speaker), v.verdict, v.target) for v in vs if v.speaker and v.verdict in ("FAVOR", "AGAINST")], gold)
        m, n, g = m + len(res.matched), n + len(res.predicted), g + len(res.gold)
    return m, n, g


if __name__ == "__main__":
    raise SystemExit(main())
