"""Recipe, second stage of the default model's encoder (issue 16; docs/news.md): the encoder trained further on SEESAW
news, then the default model built with it.

Starts from the encoder inside ``stance/models/default.stance`` as ``training/encoder_model.py`` made it
(all-MiniLM-L6-v2 fine-tuned on the default recipe's corpora minus their dev parts; ``--start NPZ`` starts from
another) and trains it further, at learning rate 2e-5 (``--lr``) in batches of 32, on

* SEESAW train minus every fifth story (those are held out for every choice: ``--choose`` and ``--dev`` score them),
  ``--passes`` times;
* a replay of the default recipe's own training rows (train minus its dev parts): every stance row of its stance
  corpora and ``REPLAY_SENTIMENT`` of the sentiment-only tweets, so that what the encoder knew is kept.

The shipped default model is the run

    python training/news_encoder.py --inputs none --passes 2 --natural-priors --output build/news_encoder_c.npz --choose --dev
    python training/news_encoder.py --inputs none --passes 2 --natural-priors --reuse build/news_encoder_c.npz \
        --share 0.6 --build stance/models/default.stance --why

(two passes over SEESAW's natural label mix, no extra inputs, with the replay: 50,173 rows, about 45 minutes on two
quiet cores), at the recipe's encoder share 0.6 with the NONE offset chosen on the held-out stories. The other runs of
docs/news.md use ``--inputs speaker,context`` (the speaker the extractor finds and the sentence before, in the
encoder's second segment), class-balanced SEESAW rows (without ``--natural-priors``), or ``--no-replay``.
Needs PyTorch (``pip install torch==2.13.0`` then ``pip install -e '.[encoder]'``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402
import encoder_model as em  # noqa: E402

from stance._blend import SpeakerLayer  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.encoder import MAX_TOKENS, PairEncoder, encoder_input  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402
from stance.features import Pair  # noqa: E402

INPUTS = ("speaker", "context")


@dataclass(frozen=True)
class Settings:
    """What a run trains with (the recipe's defaults; other values are the experiments of docs/news.md)."""

    inputs: tuple[str, ...] = INPUTS
    passes: int = 1              # passes over the SEESAW rows
    balanced: bool = True        # class-balanced loss on SEESAW (else its natural label mix)
    replay: bool = True          # replay the default recipe's rows
    lr: float = 2e-5             # peak learning rate (linear warm-up over a tenth of the steps, then linear decay)
    batch: int = 32              # rows per step
    body_lr: float | None = None  # peak learning rate of the encoder's body (None: lr); the output layers keep lr
    head_lr: float | None = None  # peak learning rate of the first stance and the sentiment layers (None: lr; 0 keeps them)
    #: after each step the body moves back toward its starting weights by this times the step's learning rate times
    #: its distance from them (a decoupled L2 penalty toward the start, "L2-SP"); 0: no pull
    anchor: float = 0.0
    #: only the body's top this many transformer layers train (the embeddings and the layers below keep the starting
    #: weights); None: the whole body
    top_layers: int | None = None


SEED = 0
#: Sentiment-only tweets replayed (of 47,420), so that the sentiment layer keeps its training.
REPLAY_SENTIMENT = 6000
SEESAW_WEIGHT = 1.5


def seesaw_rows(split: str, data_dir: str | None = None) -> tuple[list[dm.Row], dict[int, tuple[str, str]]]:
    rows, extra = [], {}
    for r in load_corpus("seesaw", data_dir)[split]:
        row = dm.Row("seesaw", Pair(r["text"], r["target"], tuple(r["aliases"] or ()), None), r["stance"], None, r["story"])
        extra[id(row)] = (r["speaker"] or "", r["context"] or "")
        rows.append(row)
    return rows, extra


def held_out(rows: list[dm.Row]) -> set[str]:
    """Every fifth SEESAW train story, in sorted order: the choices' hold-out."""
    return set(sorted({r.group for r in rows})[::5])


def inputs_of(rows: list[dm.Row], extra: dict[int, tuple[str, str]], inputs: tuple[str, ...] = INPUTS) -> tuple[list[str], list[str]]:
    firsts, seconds = [], []
    for r in rows:
        speaker, context = extra.get(id(r), (None, None))
        a, b = encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span, speaker=speaker, context=context, inputs=inputs)
        firsts.append(a)
        seconds.append(b)
    return firsts, seconds


def shipped_encoder(path: Path = dm.OUTPUT) -> PairEncoder:
    """The encoder of the model file at ``path`` (default: the shipped default model), with the numpy runtime."""
    with zipfile.ZipFile(path) as z:
        return PairEncoder.from_bytes(z.read("encoder.npz"), runtime="numpy")


def _torch_model(enc: PairEncoder) -> Any:
    """A ``transformers`` BertModel holding the shipped encoder's (dequantized) weights and reduced vocabulary."""
    import torch
    from transformers import BertConfig, BertModel

    w = enc.w
    dim = w["embeddings.word_embeddings.weight"].shape[1]
    cfg = BertConfig(vocab_size=w["embeddings.word_embeddings.weight"].shape[0], hidden_size=dim, num_hidden_layers=enc.n_layers,
                     num_attention_heads=enc.heads, intermediate_size=w["encoder.layer.0.intermediate.dense.weight"].shape[0],
                     max_position_embeddings=MAX_TOKENS, type_vocab_size=2, layer_norm_eps=1e-12, add_pooling_layer=False)
    model = BertModel(cfg, add_pooling_layer=False)
    state = {}
    for k, v in w.items():
        if k.startswith("head.") or k.startswith("sentiment_head."):
            continue
        if k.endswith("attention.self.qkv.weight") or k.endswith("attention.self.qkv.bias"):
            base, kind = k.rsplit(".qkv.", 1)
            for name, part in zip(("query", "key", "value"), np.split(v, 3, axis=0)):
                state[f"{base}.{name}.{kind}"] = torch.tensor(part)
            continue
        state[k] = torch.tensor(v)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return model


def train(rows: list[dm.Row], extra: dict[int, tuple[str, str]], settings: Settings = Settings(), log: Any = sys.stderr,
          start: PairEncoder | None = None, second_head: str | None = None) -> dict[str, np.ndarray]:
    """Train ``start`` (default: the shipped encoder) further on ``rows``; the new encoder's arrays. With
    ``second_head`` (a corpus name), that corpus' rows train a second stance layer over the same encoder (started as a
    copy of the first), returned as the arrays ``second_head.weight`` and ``second_head.bias``."""
    import torch

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    base = start if start is not None else shipped_encoder()
    model = _torch_model(base)
    w = base.w
    head = torch.nn.Linear(w["head.weight"].shape[1], len(base.labels))
    sent_head = torch.nn.Linear(w["sentiment_head.weight"].shape[1], len(base.sentiment_labels))
    with torch.no_grad():
        head.weight.copy_(torch.tensor(w["head.weight"]))
        head.bias.copy_(torch.tensor(w["head.bias"]))
        sent_head.weight.copy_(torch.tensor(w["sentiment_head.weight"]))
        sent_head.bias.copy_(torch.tensor(w["sentiment_head.bias"]))
    second = None
    if second_head is not None:
        second = torch.nn.Linear(w["head.weight"].shape[1], len(base.labels))
        with torch.no_grad():
            second.weight.copy_(head.weight)
            second.bias.copy_(head.bias)
        routed = torch.tensor([r.corpus == second_head for r in rows])
    labels, m_labels = list(base.labels), list(base.sentiment_labels)
    firsts, seconds = inputs_of(rows, extra, settings.inputs)
    encoded = [base.tokenizer.pair(a, b) for a, b in zip(firsts, seconds)]
    ys = [labels.index(r.stance) if r.stance is not None else -1 for r in rows]
    ym = [m_labels.index(r.sentiment) if r.sentiment is not None else -1 for r in rows]
    weights = {**dm.CORPUS_WEIGHTS, "seesaw": SEESAW_WEIGHT}
    ws, wm = em._balanced_weights(rows, ys, len(labels), weights), em._balanced_weights(rows, ym, len(m_labels), weights)
    if not settings.balanced:  # SEESAW rows at their corpus weight alone, whatever their label
        seesaw = np.array([r.corpus == "seesaw" for r in rows])
        if seesaw.any():
            ws[seesaw] = ws[seesaw].mean()
    order = list(range(len(rows)))
    rng.shuffle(order)
    batches = [order[i : i + settings.batch] for i in range(0, len(order) - settings.batch + 1, settings.batch)]
    if settings.top_layers is not None:
        trained = tuple(f"encoder.layer.{i}." for i in range(base.n_layers - settings.top_layers, base.n_layers))
        for name, p in model.named_parameters():
            p.requires_grad_(name.startswith(trained))
    body = [p for p in model.parameters() if p.requires_grad]
    first_layers = list(head.parameters()) + list(sent_head.parameters())
    groups = [{"params": body, "lr": settings.lr if settings.body_lr is None else settings.body_lr},
              {"params": first_layers, "lr": settings.lr if settings.head_lr is None else settings.head_lr}]
    if second is not None:  # the statements' own layer keeps lr
        groups.append({"params": list(second.parameters()), "lr": settings.lr})
    params = [p for g in groups for p in g["params"]]
    starts = [p.detach().clone() for p in body] if settings.anchor else []
    opt = torch.optim.AdamW(groups, lr=settings.lr, weight_decay=0.01)
    steps = len(batches)
    sched = em.warmup_decay(opt, steps)
    model.train()
    t0 = time.perf_counter()

    for step, idx in enumerate(batches, 1):
        length = max(len(encoded[j][0]) for j in idx)
        ids = torch.zeros((len(idx), length), dtype=torch.long)
        types = torch.zeros_like(ids)
        mask = torch.zeros_like(ids)
        for r, j in enumerate(idx):
            seq, first_len = encoded[j]
            ids[r, : len(seq)] = torch.tensor(seq)
            types[r, first_len : len(seq)] = 1
            mask[r, : len(seq)] = 1
        pooled = em.mean_pooled(model(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state, mask)
        logits = head(pooled)
        if second is not None:
            logits = torch.where(routed[idx][:, None], second(pooled), logits)
        loss = em.weighted_loss(logits, ys, ws, idx) + em.weighted_loss(sent_head(pooled), ym, wm, idx)
        em.optimizer_step(loss, params, opt, sched, step, steps, t0, log)
        if starts:
            pull(body, starts, settings.anchor * opt.param_groups[0]["lr"])
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    vocab = [str(t) for t, _ in sorted(base.tokenizer.vocab.items(), key=lambda kv: kv[1])]
    arrays = PairEncoder.arrays_from_state(
        state, head.weight.detach().numpy(), head.bias.detach().numpy(), labels, vocab, base.heads,
        sentiment=(sent_head.weight.detach().numpy(), sent_head.bias.detach().numpy(), m_labels), inputs=settings.inputs,
    )
    if second is not None:
        arrays["second_head.weight"] = second.weight.detach().numpy().astype(np.float32)
        arrays["second_head.bias"] = second.bias.detach().numpy().astype(np.float32)
    return arrays


def pull(params: list[Any], starts: list[Any], rate: float) -> None:
    """Move each of ``params`` the fraction ``rate`` of the way back to its starting value in ``starts``."""
    import torch

    with torch.no_grad():
        for p, p0 in zip(params, starts):
            p.sub_(rate * (p - p0))


def training_set(data_dir: str | None = None, settings: Settings = Settings()
                 ) -> tuple[list[dm.Row], dict[int, tuple[str, str]], list[dm.Row], dict[str, list[dm.Row]]]:
    """(rows to train on, their extra inputs, SEESAW held-out rows, the default recipe's dev parts)."""
    ss, extra = seesaw_rows("train", data_dir)
    held = held_out(ss)
    fit = [r for r in ss if r.group not in held]
    dev_ss = [r for r in ss if r.group in held]
    old_train, old_dev = dm.dev_split(dm.load_training(data_dir))
    return fit * settings.passes + (replay_rows(old_train) if settings.replay else []), extra, dev_ss, old_dev


def replay_rows(old_train: dict[str, list[dm.Row]]) -> list[dm.Row]:
    """The default recipe's training rows replayed beside SEESAW: every stance row of its stance corpora and
    :data:`REPLAY_SENTIMENT` of the sentiment-only tweets (drawn with :data:`SEED`)."""
    sentiment_only = [r for c in dm.SENTIMENT_CORPORA for r in old_train.get(c, []) if r.stance is None and r.sentiment is not None]
    random.Random(SEED).shuffle(sentiment_only)
    return em.stance_rows(old_train) + sentiment_only[:REPLAY_SENTIMENT]


def score_seesaw(enc: PairEncoder, rows: list[dm.Row], extra: dict[int, tuple[str, str]]) -> dict[str, Any]:
    probs = enc.predict_proba(*inputs_of(rows, extra, enc.inputs))
    pred = [enc.labels[i] for i in probs.argmax(1)]
    s = stance_scores([r.stance for r in rows], pred)
    return {"n": len(rows), "f_avg": round(s["f_avg"], 2), "macro_f1": round(s["macro_f1"], 2)}


#: Encoder shares of the stance blend tried on SEESAW's held-out train stories (the shipped model uses 0.6).
SHARES = (0.6, 0.7, 0.8, 0.9, 1.0)


#: Offsets added to the NONE probability before the label is chosen, tried with each share.
NONE_OFFSETS = tuple(round(0.05 * i, 2) for i in range(-10, 11))


#: How far (macro F1 points) the whole model may fall below the shipped model on any of the default recipe's dev
#: parts for a share and NONE offset to be chosen: the issue's "no benchmark falls by more than 1 point", checked on
#: the dev parts (with a linear part fitted without them) rather than on the test splits.
GUARD_POINTS = 1.0
#: The linear part fitted on the default recipe's training rows minus its dev parts (made once, then reused).
DEVFREE_LINEAR = REPO / "build" / "linear_devfree.stance"


@dataclass(frozen=True)
class BlendParts:
    """What a blend is scored from on one set of rows: gold labels, the label order, the linear part's and the
    encoder's stance probabilities in that order, and which rows are cued."""

    gold: list[str]
    labels: list[str]
    linear: np.ndarray
    encoder: np.ndarray
    cued: np.ndarray

    def predict(self, share: float, cued_share: float | None, none_offset: float) -> list[str]:
        w = np.where(self.cued, share if cued_share is None else cued_share, share)[:, None]
        probs = (1 - w) * self.linear + w * self.encoder
        shift = np.array([none_offset if c == "NONE" else 0.0 for c in self.labels])
        return [self.labels[k] for k in (probs + shift).argmax(1)]


def blend_parts(enc: PairEncoder, linear: Any, rows: list[dm.Row], speakers: list[str] | None = None,
                contexts: list[str] | None = None) -> BlendParts:
    """:class:`BlendParts` of ``rows``: ``linear`` (a model whose encoder is ignored) and ``enc`` read once each."""
    from stance.features import as_pairs

    linear = linear.without_encoder()
    preds = linear.predict_batch([r.pair.text for r in rows], [r.pair.target for r in rows], [r.pair.aliases for r in rows],
                                 spans=[r.pair.span for r in rows], progress=False)
    labels = list(preds[0].stance_probabilities)
    lin_p = np.array([[p.stance_probabilities[c] for c in labels] for p in preds])
    pairs = [encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span, inputs=enc.inputs,
                           speaker=speakers[i] if speakers else None, context=contexts[i] if contexts else None)
             for i, r in enumerate(rows)]
    enc_p = enc.predict_proba([x for x, _ in pairs], [y for _, y in pairs])[:, [enc.labels.index(c) for c in labels]]
    cued = linear.cued(as_pairs([(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span) for r in rows]))
    return BlendParts([r.stance for r in rows], labels, lin_p, enc_p, cued)


def devfree_linear(data_dir: str | None = None) -> Any:
    """The default recipe's linear part fitted without its dev parts (:data:`DEVFREE_LINEAR`, fitted on first use)."""
    import stance

    if not DEVFREE_LINEAR.exists():
        train_rows, _ = dm.dev_split(dm.load_training(data_dir))
        print(f"fitting the linear part without the dev parts -> {DEVFREE_LINEAR}", file=sys.stderr)
        DEVFREE_LINEAR.parent.mkdir(parents=True, exist_ok=True)
        dm.fit_default(train_rows, verbose=False).save(DEVFREE_LINEAR)
    return stance.load(DEVFREE_LINEAR)


def dev_guard(enc: PairEncoder, old_dev: dict[str, list[dm.Row]], data_dir: str | None = None, base: Any = None) -> Any:
    """A function (share, cued share, NONE offset) -> (macro F1 on each of the default recipe's dev parts, whether
    none falls more than :data:`GUARD_POINTS` below the shipped model's), the whole model's with ``enc`` and a linear
    part fitted without the dev parts; the shipped model's scores are its encoder at its own share, cued share and
    offset with the same linear part; ``base`` is the model to compare with (default: the shipped one)."""
    base = base if base is not None else __import__("stance").load(dm.OUTPUT)
    linear = devfree_linear(data_dir)
    rows = {c: [r for r in old_dev.get(c, []) if r.stance is not None] for c in dm.STANCE_CORPORA}
    new = {c: blend_parts(enc, linear, rs) for c, rs in rows.items() if rs}
    old = {c: blend_parts(base.blend.encoder, linear, rs) for c, rs in rows.items() if rs}
    offset = (base.stance_offsets or {}).get("NONE", 0.0)
    ref = {c: stance_scores(p.gold, p.predict(base.encoder_weight, base.encoder_weight_cued, offset))["macro_f1"] for c, p in old.items()}

    def check(share: float, cued_share: float | None, none_offset: float) -> tuple[dict[str, float], bool]:
        got = {c: stance_scores(p.gold, p.predict(share, cued_share, none_offset))["macro_f1"] for c, p in new.items()}
        return {c: round(v, 2) for c, v in got.items()}, all(got[c] >= ref[c] - GUARD_POINTS for c in got)

    check.reference = {c: round(v, 2) for c, v in ref.items()}  # type: ignore[attr-defined]
    return check


def choose_share(enc: PairEncoder, rows: list[dm.Row], extra: dict[int, tuple[str, str]],
                 shares: tuple[float, ...] = SHARES, cued_shares: tuple[float | None, ...] = (None,), guard: Any = None) -> dict[str, Any]:
    """F_avg of the whole model on SEESAW's held-out train stories at each of ``shares`` (default :data:`SHARES`),
    each share on cued statements of ``cued_shares`` (``None``: the shipped model's) and each of :data:`NONE_OFFSETS`;
    the best (ties: the smaller share, the cued share nearest the shipped one, then the offset nearest 0) among those
    ``guard`` (:func:`dev_guard`) lets through. The linear part and the encoder are read once and blended here as
    :class:`stance.model.StanceModel` blends them."""
    base = __import__("stance").load(dm.OUTPUT)
    parts = blend_parts(enc, base, rows, [extra[id(r)][0] for r in rows], [extra[id(r)][1] for r in rows])
    shipped_cued = base.encoder_weight_cued
    table: dict[str, Any] = {}
    scores, allowed = {}, {}
    cued_values = [shipped_cued if c is None else c for c in cued_shares]
    for share in shares:
        for wc in cued_values:
            for off in NONE_OFFSETS:
                s = stance_scores(parts.gold, parts.predict(share, wc, off))
                scores[(share, wc, off)] = s["f_avg"]
                key = f"{share}/{off}" if len(cued_values) == 1 else f"{share}/cued {wc}/{off}"
                table[key] = {"f_avg": round(s["f_avg"], 2), "macro_f1": round(s["macro_f1"], 2)}
                if guard is not None:
                    table[key]["dev_parts"], allowed[(share, wc, off)] = guard(share, wc, off)
    ref = shipped_cued if shipped_cued is not None else 0.0

    def rank(k: tuple[float, float | None, float]) -> tuple[float, ...]:  # ties: smaller share, cued share near the shipped one, offset near 0
        return round(scores[k], 2), -k[0], -abs((k[1] if k[1] is not None else ref) - ref), -abs(k[2])

    best = max([k for k in scores if allowed.get(k, True)] or list(scores), key=rank)
    unguarded = max(scores, key=rank)
    out = {"by_share_and_none_offset": table, "n_cued": int(parts.cued.sum()),
           "best": {"share": best[0], "cued_share": best[1], "none_offset": best[2], "f_avg": round(scores[best], 2)},
           "best_without_guard": {"share": unguarded[0], "cued_share": unguarded[1], "none_offset": unguarded[2],
                                  "f_avg": round(scores[unguarded], 2)},
           f"argmax_at_{shares[0]}": round(scores[(shares[0], cued_values[0], 0.0)], 2)}
    if guard is not None:
        out["dev_parts_shipped"] = guard.reference
    return out


#: Licenses of the training data as their SOURCE.md files state them (the model inherits SEESAW's non-commercial term).
LICENSES = {
    "semeval2016": "no license stated; distributed by the SemEval-2016 organisers and NRC Canada for research use",
    "newsmtsc": "MIT",
    "vast": "no license stated; cite Allaway and McKeown (EMNLP 2020)",
    "newsstance": "this project's own corpus (MIT, as the project)",
    "semeval2017": "no license stated; SemEval-2017 Task 4 terms (CodaLab), TweetEval: the original licenses apply",
    "seesaw": "CC BY-NC-SA 4.0: non-commercial, share-alike (a model trained on it is for non-commercial use)",
}


@dataclass(frozen=True)
class Stage:
    """How a stage of training is recorded in the model's metadata: the recipe, what it adds to ``trained_on``, and
    the key its settings go under."""

    recipe: str = "training/news_encoder.py (on top of training/encoder_model.py)"
    trained_on: str = "seesaw train minus every fifth story (stance rows{inputs})"
    key: str = "further_training"


def build(enc: PairEncoder, share: float, none_offset: float, choice: dict[str, Any], output: Path,
          settings: Settings = Settings(), start: str | None = None, cued_share: float | None = None, stage: Stage = Stage(),
          speaker_layer: SpeakerLayer | None = None, base: Any = None) -> Path:
    """The default model with ``enc`` at stance share ``share`` (``cued_share`` on cued statements; ``None``: as
    shipped) and ``none_offset``, its metadata saying how it was made (``stage``: by which recipe, on what);
    ``speaker_layer`` (:class:`stance._blend.SpeakerLayer`) for an encoder with a speaker layer; ``base`` is the model
    whose linear part and metadata are kept (default: the shipped one)."""
    from stance.model import StanceModel

    base = base if base is not None else __import__("stance").load(dm.OUTPUT)
    meta = dict(base.metadata)
    info = dict(meta.get("encoder") or {})
    inputs = ", with " + " and ".join(settings.inputs) if settings.inputs else ""
    info.update(
        {"recipe": stage.recipe,
         "trained_on": [*info.get("trained_on", []), stage.trained_on.format(inputs=inputs)],
         stage.key: {**asdict(settings), "seed": SEED, "inputs": list(settings.inputs),
                     "replay_sentiment_rows": REPLAY_SENTIMENT if settings.replay else 0, "seesaw_weight": SEESAW_WEIGHT,
                     "started_from": _start_record(start)}},
    )
    if stage.key == Stage.key:
        info["seesaw_choice"] = choice
    else:  # a later stage keeps the earlier stage's choice and records its own with its settings
        info[stage.key]["choice"] = choice
    meta["encoder"] = info
    meta["corpora"] = list(dict.fromkeys([*meta.get("corpora", []), "seesaw/train (encoder only)"]))
    meta["training_data_licenses"] = LICENSES
    meta["license_note"] = "trained in part on SEESAW (CC BY-NC-SA 4.0): for non-commercial use"
    model = StanceModel(base.featurizer, base.stance_head, base.sentiment_head, meta, enc, share, base.encoder_sentiment_weight,
                        base.encoder_weight_cued if cued_share is None else cued_share, {"NONE": none_offset} if none_offset else None,
                        speaker_layer)
    model.save(output)
    return output


def _start_record(start: str | None) -> Any:
    """What a run started from: the shipped model's encoder, or the file given with ``--start`` and its SHA-256 (so
    that the encoder of docs/news.md's run it names can be checked)."""
    if not start:
        return "the shipped default model's encoder"
    import hashlib

    path = Path(start)
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def why(enc: PairEncoder, rows: list[dm.Row], extra: dict[int, tuple[str, str]], dev_ss: list[dm.Row]) -> dict[str, Any]:
    """Where the encoder fails: on 2,000 of its own SEESAW training rows and on the held-out stories, F_avg, how often
    it predicts a side against the gold rate, and F_avg with and without the target named in the sentence."""
    from stance.text import find_mentions, tokenize

    seen = [r for r in rows if r.corpus == "seesaw"]
    random.Random(SEED).shuffle(seen)
    out = {}
    for name, part in (("own_training_rows_2000", seen[:2000]), ("held_out_stories", dev_ss)):
        probs = enc.predict_proba(*inputs_of(part, extra, enc.inputs))
        pred = np.array([enc.labels[i] for i in probs.argmax(1)])
        gold = np.array([r.stance for r in part])
        named = np.array([any(find_mentions(tokenize(r.pair.text), r.pair.target, r.pair.aliases)) for r in part])
        out[name] = {
            "n": len(part), "f_avg": round(stance_scores(list(gold), list(pred))["f_avg"], 2),
            "gold_sided": round(float((gold != "NONE").mean()), 3), "predicted_sided": round(float((pred != "NONE").mean()), 3),
            "sided_gold_target_not_named": round(float(((gold != "NONE") & ~named).sum() / max(1, (gold != "NONE").sum())), 3),
            "f_avg_target_named": round(stance_scores(list(gold[named]), list(pred[named]))["f_avg"], 2),
            "f_avg_target_not_named": round(stance_scores(list(gold[~named]), list(pred[~named]))["f_avg"], 2),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(REPO / "build" / "news_encoder.npz"))
    ap.add_argument("--inputs", default="speaker,context", help="extra inputs: speaker,context (default), speaker, or none")
    ap.add_argument("--passes", type=int, default=1, help="passes over the SEESAW rows (default 1)")
    ap.add_argument("--lr", type=float, default=Settings.lr, help="peak learning rate (default 2e-5)")
    ap.add_argument("--natural-priors", action="store_true", help="no class balancing on SEESAW")
    ap.add_argument("--no-replay", action="store_true", help="SEESAW rows only, no replay of the default recipe's rows")
    ap.add_argument("--reuse", metavar="NPZ", help="score this encoder instead of training one")
    ap.add_argument("--start", metavar="NPZ", help="train this encoder further instead of the shipped one")
    ap.add_argument("--share", type=float, help="keep this encoder share (the default recipe's is 0.6) and choose only the NONE offset")
    ap.add_argument("--choose", action="store_true", help="the whole model's F_avg on SEESAW's held-out train stories at each share")
    ap.add_argument("--cued-shares", default="", help="also try these encoder shares on cued statements, e.g. 0,0.3,0.6 (default: as shipped)")
    ap.add_argument("--no-guard", action="store_true", help="choose without the dev-part guard (GUARD_POINTS)")
    ap.add_argument("--build", metavar="MODEL", help="write the default model with this encoder at the chosen share and offset here")
    ap.add_argument("--why", action="store_true", help="where it fails: own training rows, sided rate, target named or not")
    ap.add_argument("--dev", action="store_true", help="print the scores on SEESAW's held-out train stories and the default recipe's dev parts")
    args = ap.parse_args(argv)
    settings = Settings(inputs=tuple(x for x in args.inputs.split(",") if x and x != "none"), passes=args.passes,
                        balanced=not args.natural_priors, replay=not args.no_replay, lr=args.lr)
    rows, extra, dev_ss, old_dev = training_set(args.data_dir, settings)
    if args.reuse:
        enc = PairEncoder.from_bytes(Path(args.reuse).read_bytes())
    else:
        print(f"training on {len(rows):,} rows: {asdict(settings)}", file=sys.stderr)
        arrays = train(rows, extra, settings, start=PairEncoder.from_bytes(Path(args.start).read_bytes(), runtime="numpy") if args.start else None)
        data = PairEncoder.to_bytes(arrays)
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_bytes(data)
        enc = PairEncoder.from_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    if args.why:
        print(json.dumps({"why": why(enc, rows, extra, dev_ss)}))
    if args.choose or args.build:
        cued_shares = tuple(float(x) for x in args.cued_shares.split(",") if x) or (None,)
        guard = None if args.no_guard else dev_guard(enc, old_dev, args.data_dir)
        choice = choose_share(enc, dev_ss, extra, (args.share,) if args.share is not None else SHARES, cued_shares, guard)
        print(json.dumps({"seesaw_heldout_train_stories": choice}))
        if args.build:
            best = choice["best"]
            path = build(enc, best["share"], best["none_offset"], {"held_out_train_stories": best}, Path(args.build), settings, args.start,
                         best["cued_share"])
            print(f"wrote {path}", file=sys.stderr)
    if args.dev:
        shipped = shipped_encoder()
        blank = {k: ("", c) for k, (_, c) in extra.items()}
        no_context = {k: (sp, "") for k, (sp, _) in extra.items()}
        print(json.dumps({"seesaw_heldout_train_stories": score_seesaw(enc, dev_ss, extra),
                          "seesaw_heldout_speaker_blanked": score_seesaw(enc, dev_ss, blank),
                          "seesaw_heldout_context_blanked": score_seesaw(enc, dev_ss, no_context),
                          "default_dev_parts": {"new": score_old(enc, old_dev), "shipped": score_old(shipped, old_dev)}}))
    return 0


def score_old(enc: PairEncoder, dev: dict[str, list[dm.Row]]) -> dict[str, Any]:
    """The encoder alone (macro F1) on each of the default recipe's dev parts; speakers unknown."""
    out = {}
    for corpus in dm.STANCE_CORPORA:
        rows = [r for r in dev.get(corpus, []) if r.stance is not None]
        pairs = [encoder_input(r.pair.text, r.pair.target, r.pair.aliases, r.pair.span, inputs=enc.inputs) for r in rows]
        probs = enc.predict_proba([a for a, _ in pairs], [b for _, b in pairs])
        s = stance_scores([r.stance for r in rows], [enc.labels[i] for i in probs.argmax(1)])
        out[corpus] = round(s["macro_f1"], 2)
    out["mean"] = round(float(np.mean(list(out.values()))), 2)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
