"""Recipe of the embedded default model (``stance/models/default.stance``): one target-aware model for any target.

    python training/default_model.py --encoder build/encoder.npz   # dev scores, then the full model -> stance/models/default.stance
    python training/default_model.py --dev-only      # only the linear model's dev scores (what the integration test re-checks)

The encoder (``build/encoder.npz``) comes from ``python training/encoder_model.py`` (PyTorch, training only),
which trains it on the training data minus the dev parts below and prints its dev scores; its shares of the
stance and sentiment probabilities, :data:`ENCODER_WEIGHT` and :data:`ENCODER_SENTIMENT_WEIGHT`, were chosen
on them. Without ``--encoder`` the model is linear only.

What it trains on, with one label mapping per corpus (the loaders in ``stance.corpora`` apply them):

| corpus | split | used for | mapping |
|---|---|---|---|
| semeval2016 | train (2,914 tweets, 5 targets) | stance + sentiment | as annotated; sentiment ``other`` -> neutral |
| newsmtsc | train (8,739 mentions) | stance | polarity toward the marked mention: positive -> FAVOR, negative -> AGAINST, neutral -> NONE; the mention's offsets locate the target |
| vast | dev (2,062 comments, 497 topics) | stance | pro -> FAVOR, con -> AGAINST, neutral -> NONE. Used for training (and 25% of its topics as a held-out dev part): none of its topics is a zero-shot topic of the test split (checked by :func:`vast_overlap`) |
| newsstance | train (targets not in ``corpora/newsstance/split.json``) | stance + sentiment | as annotated |
| semeval2017 | train.tsv (47,420 tweets) | sentiment only | as annotated; target is the placeholder ``"-"`` |

How it is built (see :func:`fit_default`): one :class:`~stance.features.StanceFeaturizer` *without* per-target
copies (so nothing is memorized per target: the word block sees the target masked as ``_tgt_``, the context
block sees the words around the mention, the dense block relates cue and sentiment words to the mention) is
fitted on the texts of all five corpora. The stance head (calibrated LinearSVC) is trained on the stance rows
of the first four, the sentiment head on the sentiment rows of semeval2016, newsstance and semeval2017. The
corpora differ a lot in size, so each row carries a per-corpus sample weight (``CORPUS_WEIGHTS``, applied
as ``sample_weight``); no corpus indicator is a feature, since none is known at prediction time.

Dev scores (recorded in the model's metadata) come from a model trained the same way on the training data
minus held-out parts: 15% of NewsMTSC train sentences, 20% of newsstance train targets, 25% of VAST dev
topics, 15% of SemEval-2016 train tweets; the sentiment head is scored on TweetEval validation. The
hyper-parameters below were chosen on these dev scores (see docs/any-target.md).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from stance._version import __version__  # noqa: E402
from stance.corpora import SEMEVAL2016_ALIASES, load_corpus  # noqa: E402
from stance.evaluation import sentiment_scores, stance_scores  # noqa: E402
from stance.features import Pair, StanceFeaturizer  # noqa: E402
from stance.model import StanceModel, make_head  # noqa: E402

RECIPE = "training/default_model.py"
OUTPUT = REPO / "stance" / "models" / "default.stance"
SEED = 0

#: StanceFeaturizer parameters: no per-target copies (targets at prediction time are new).
FEATURIZER: dict[str, Any] = {
    "word_ngrams": 2,
    "char_ngram_range": (2, 5),
    "min_df": 3,
    "word_min_df": 2,
    "max_features": 60_000,
    "mask_target": True,
    "window": 5,
    "per_target": False,
    "word_weight": 1.0,
    "char_weight": 1.0,
    "context_weight": 1.0,
    "dense_weight": 1.5,
    "mention_roles": True,
}
STANCE_C = 0.1
SENTIMENT_C = 0.1
#: Shares of the encoder in the stance and the sentiment probabilities, chosen on the dev parts (the figures are
#: in training/encoder_model.py's DEV_SCORES).
ENCODER_WEIGHT = 0.6
ENCODER_SENTIMENT_WEIGHT = 1.0
#: The encoder's stance share on statements where a support or oppose cue takes the target as its object
#: (``StanceModel.cued``): the lowest share within 0.5 of the best dev mean (encoder_model.py's ``_cued_table``).
ENCODER_WEIGHT_CUED = 0.0
#: Per-row sample weight of each corpus in the stance and sentiment heads.
CORPUS_WEIGHTS: dict[str, float] = {
    "semeval2016": 1.0,
    "newsmtsc": 1.5,
    "vast": 1.0,
    "newsstance": 1.5,
    "semeval2017": 1.0,
}
#: Balance the classes through the sample weights instead of LinearSVC's ``class_weight``, so the sigmoid
#: calibration is fitted on balanced weights too: the calibrated probabilities then assume equal class priors
#: rather than the training mix (which differs from corpus to corpus and from the test sets). Used for the
#: sentiment head (TweetEval validation macro recall 66.9 -> 68.8); for the stance head it lowered the dev scores.
BALANCED_CALIBRATION: tuple[str, ...] = ("sentiment",)
STANCE_CORPORA = ("semeval2016", "newsmtsc", "vast", "newsstance")
SENTIMENT_CORPORA = ("semeval2016", "newsstance", "semeval2017")


@dataclass
class Row:
    corpus: str
    pair: Pair
    stance: str | None
    sentiment: str | None
    group: str  # unit of the dev hold-out (sentence, target or topic)


def config() -> dict[str, Any]:
    return {
        "featurizer": {k: list(v) if isinstance(v, tuple) else v for k, v in FEATURIZER.items()},
        "stance_C": STANCE_C,
        "sentiment_C": SENTIMENT_C,
        "class_weight": {h: None if h in BALANCED_CALIBRATION else "balanced" for h in ("stance", "sentiment")},
        "balanced_calibration": list(BALANCED_CALIBRATION),
        "calibration_folds": 5,
        "random_state": SEED,
        "corpus_weights": dict(CORPUS_WEIGHTS),
        "stance_corpora": list(STANCE_CORPORA),
        "sentiment_corpora": list(SENTIMENT_CORPORA),
    }


# ------------------------------------------------------------------------------------------ data
def _rows(ds: Any, corpus: str, group_by: str) -> list[Row]:
    out = []
    has_span = "span_start" in ds.column_names
    for r in ds:
        span = (r["span_start"], r["span_end"]) if has_span and r["span_start"] is not None else None
        pair = Pair(r["text"], r["target"], tuple(r.get("aliases") or ()), span)
        group = r["text"] if group_by == "text" else r["target"].lower() if group_by == "target" else str(len(out))
        out.append(Row(corpus, pair, r.get("stance"), r.get("sentiment"), group))
    return out


def load_training(data_dir: str | None = None) -> dict[str, list[Row]]:
    """The training rows of each corpus (see the module docstring)."""
    return {
        "semeval2016": _rows(load_corpus("semeval2016", data_dir)["train"], "semeval2016", "row"),
        "newsmtsc": _rows(load_corpus("newsmtsc", data_dir)["train"], "newsmtsc", "text"),
        "vast": _rows(load_corpus("vast", data_dir)["dev"], "vast", "target"),
        "newsstance": _rows(load_corpus("newsstance", data_dir)["train"], "newsstance", "target"),
        "semeval2017": _rows(load_corpus("semeval2017", data_dir)["train"], "semeval2017", "row"),
    }


def vast_overlap(data_dir: str | None = None) -> dict[str, int]:
    """Topics VAST dev shares with VAST test's zero-shot and few-shot topics (case- and space-normalized)."""
    v = load_corpus("vast", data_dir)
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    dev = {norm(t) for t in v["dev"]["target"]}
    zs = {norm(t) for t, s in zip(v["test"]["target"], v["test"]["seen"]) if s == "0"}
    fs = {norm(t) for t, s in zip(v["test"]["target"], v["test"]["seen"]) if s == "1"}
    return {"dev_topics": len(dev), "test_zero_shot_topics": len(zs), "shared_with_zero_shot": len(dev & zs), "shared_with_few_shot": len(dev & fs)}


#: Share of each corpus's groups held out for the dev scores.
DEV_SHARE = {"semeval2016": 0.15, "newsmtsc": 0.15, "vast": 0.25, "newsstance": 0.20}


def dev_split(data: dict[str, list[Row]], seed: int = SEED) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """(train, dev) by corpus: a seeded share of each stance corpus's groups is held out; semeval2017 stays in train."""
    train, dev = {}, {}
    for corpus, rows in data.items():
        share = DEV_SHARE.get(corpus)
        if not share:
            train[corpus], dev[corpus] = rows, []
            continue
        groups = sorted({r.group for r in rows})
        random.Random(f"{seed}-{corpus}").shuffle(groups)
        held = set(groups[: round(share * len(groups))])
        train[corpus] = [r for r in rows if r.group not in held]
        dev[corpus] = [r for r in rows if r.group in held]
    return train, dev


def _names_target(target: str, held: str) -> bool:
    """Whether a training row's target names the held-out SemEval target (its name or an alias, as a word)."""
    t = " " + re.sub(r"[^a-z0-9]+", " ", target.lower()) + " "
    names = [held, *SEMEVAL2016_ALIASES.get(held, [])]
    if held == "Climate Change is a Real Concern":
        names = ["climate change", "global warming", "climate"]
    elif held == "Legalization of Abortion":
        names += ["abortion"]
    return any(f" {re.sub(r'[^a-z0-9]+', ' ', n.lower()).strip()} " in t for n in names if len(n) > 3)


def without_target(data: dict[str, list[Row]], held: str) -> tuple[dict[str, list[Row]], dict[str, int]]:
    """The training rows for leave-one-target-out on SemEval-2016 target ``held``: without its SemEval-2016 tweets
    and without any stance row of the other corpora whose target names it; and how many rows each corpus lost."""
    known = sorted({r.pair.target for r in data.get("semeval2016", [])})
    if held not in known:
        raise ValueError(f"no SemEval-2016 training target is named {held!r}; give one of {known}")
    train, dropped = {}, {}
    for c, rows in data.items():
        if c == "semeval2016":
            keep = [r for r in rows if r.pair.target != held]
        else:
            keep = [r for r in rows if not (r.stance is not None and _names_target(r.pair.target, held))]
        dropped[c] = len(rows) - len(keep)
        train[c] = keep
    return train, dropped


# ------------------------------------------------------------------------------------------ fitting
def _balanced(weights: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Corpus weights times class-balancing weights, so that every class has the same total weight."""
    out = weights.astype(float).copy()
    labels = np.unique(y)
    for lab in labels:
        mask = y == lab
        out[mask] *= weights.sum() / (len(labels) * weights[mask].sum())
    return out


def fit_default(
    data: dict[str, list[Row]], *, metadata: dict[str, Any] | None = None, verbose: bool = True, sentiment: bool = True,
    corpus_weights: dict[str, float] | None = None, stance_corpora: tuple[str, ...] = STANCE_CORPORA,
) -> StanceModel:
    """Featurizer on all texts, stance head on the stance rows, sentiment head on the sentiment rows.
    ``corpus_weights`` and ``stance_corpora`` default to the recipe's (experiments pass others)."""
    t0 = time.perf_counter()
    corpus_weights = CORPUS_WEIGHTS if corpus_weights is None else corpus_weights
    rows = [r for c in data for r in data[c]]
    feat = StanceFeaturizer(**FEATURIZER)
    X = feat.fit_transform([r.pair for r in rows])
    if verbose:
        print(f"  features: {X.shape[0]:,} rows x {X.shape[1]:,} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    weights = np.array([corpus_weights[r.corpus] for r in rows])
    s_idx = np.array([i for i, r in enumerate(rows) if r.stance is not None and r.corpus in stance_corpora])
    m_idx = np.array([i for i, r in enumerate(rows) if r.sentiment is not None and r.corpus in SENTIMENT_CORPORA])
    ys = np.array([rows[i].stance for i in s_idx], dtype=object)
    ym = np.array([rows[i].sentiment for i in m_idx], dtype=object)
    s_bal = "stance" in BALANCED_CALIBRATION
    s_head = make_head(STANCE_C, None if s_bal else "balanced", ys, 5, SEED, "stance")
    s_head.fit(X[s_idx], ys, sample_weight=_balanced(weights[s_idx], ys) if s_bal else weights[s_idx])
    if verbose:
        print(f"  stance head on {len(s_idx):,} rows: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    m_head = None
    if sentiment:
        m_bal = "sentiment" in BALANCED_CALIBRATION
        m_head = make_head(SENTIMENT_C, None if m_bal else "balanced", ym, 5, SEED, "sentiment")
        m_head.fit(X[m_idx], ym, sample_weight=_balanced(weights[m_idx], ym) if m_bal else weights[m_idx])
    if verbose:
        print(f"  sentiment head on {len(m_idx):,} rows: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    counts = {c: {"rows": len(data[c]), "stance_rows": sum(r.stance is not None for r in data[c]) if c in stance_corpora else 0,
                  "sentiment_rows": sum(r.sentiment is not None for r in data[c]) if c in SENTIMENT_CORPORA else 0} for c in data}
    meta = {
        "library": "stance",
        "library_version": __version__,
        "recipe": RECIPE,
        "corpora": ["semeval2016/train", "newsmtsc/train", "vast/dev", "newsstance/train", "semeval2017/train"],
        "config": config(),
        "n_train": len(rows),
        "train_counts": counts,
        "train_seconds": round(time.perf_counter() - t0, 1),
        **(metadata or {}),
    }
    return StanceModel(feat, s_head, m_head, meta)


# ------------------------------------------------------------------------------------------ scoring
def _predict(model: StanceModel, rows: list[Row]) -> list[Any]:
    return model.predict_batch(
        [r.pair.text for r in rows], [r.pair.target for r in rows], [r.pair.aliases for r in rows], spans=[r.pair.span for r in rows]
    )


def score_dev(model: StanceModel, dev: dict[str, list[Row]], data_dir: str | None = None) -> dict[str, Any]:
    """Stance macro F1 / F_avg on each held-out part; sentiment macro recall on TweetEval validation."""
    out: dict[str, Any] = {}
    for corpus, rows in dev.items():
        rows = [r for r in rows if r.stance is not None]
        if not rows:
            continue
        preds = _predict(model, rows)
        s = stance_scores([r.stance for r in rows], [p.stance for p in preds])
        out[corpus] = {"n": len(rows), "macro_f1": round(s["macro_f1"], 2), "f_avg": round(s["f_avg"], 2), "accuracy": round(s["accuracy"], 2)}
    if model.sentiment_head is None:
        out["stance_mean_macro_f1"] = round(float(np.mean([out[c]["macro_f1"] for c in dev if c in out])), 2)
        return out
    val = load_corpus("semeval2017", data_dir)["validation"]
    preds = model.predict_batch(list(val["text"]), "-")
    m = sentiment_scores(list(val["sentiment"]), [p.sentiment for p in preds])
    out["tweeteval_validation"] = {"n": len(val), "macro_recall": round(m["macro_recall"], 2), "macro_f1": round(m["macro_f1"], 2)}
    out["stance_mean_macro_f1"] = round(float(np.mean([out[c]["macro_f1"] for c in dev if c in out])), 2)
    return out


def dev_run(data: dict[str, list[Row]] | None = None, data_dir: str | None = None, verbose: bool = True) -> dict[str, Any]:
    data = data if data is not None else load_training(data_dir)
    train, dev = dev_split(data)
    model = fit_default(train, verbose=verbose)
    return score_dev(model, dev, data_dir)


def build(data_dir: str | None = None, output: Path = OUTPUT, dev: bool = True, encoder: Path | None = None) -> StanceModel:
    data = load_training(data_dir)
    meta: dict[str, Any] = {"vast_topic_overlap": vast_overlap(data_dir), "dev_protocol": {k: v for k, v in DEV_SHARE.items()}}
    if dev:
        print("dev run (train minus held-out parts)...", file=sys.stderr)
        meta["dev_scores"] = dev_run(data, data_dir)
        print(json.dumps(meta["dev_scores"], indent=1), file=sys.stderr)
    print("full model...", file=sys.stderr)
    model = fit_default(data, metadata=meta)
    if encoder is not None:
        from encoder_recipe import encoder_metadata

        from stance.encoder import PairEncoder

        model = StanceModel(model.featurizer, model.stance_head, model.sentiment_head, {**model.metadata, "encoder": encoder_metadata(
            [f"{c} (stance rows{', with sentiment' if c in SENTIMENT_CORPORA else ''})" for c in STANCE_CORPORA]
            + [f"{c} (sentiment)" for c in SENTIMENT_CORPORA if c not in STANCE_CORPORA],
            {"dev_parts": dict(DEV_SHARE), "seed": SEED}, dict(CORPUS_WEIGHTS))},
                            PairEncoder.from_bytes(encoder.read_bytes()), ENCODER_WEIGHT, ENCODER_SENTIMENT_WEIGHT, ENCODER_WEIGHT_CUED)
    model.save(output)
    print(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return model


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(OUTPUT))
    ap.add_argument("--dev-only", action="store_true", help="only train on train-minus-dev and print the dev scores")
    ap.add_argument("--encoder", metavar="NPZ", help="the fine-tuned encoder to embed (from training/encoder_model.py)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.dev_only:
        print(json.dumps(dev_run(data_dir=args.data_dir), indent=1))
        return 0
    build(args.data_dir, Path(args.output), encoder=Path(args.encoder) if args.encoder else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
