"""Recipe for the per-target SemEval-2016 model (``stance/models/semeval2016.stance``).

Every choice of the linear model is made by 5-fold cross-validation on the train split (folds stratified by
target and stance, seed 0); the test split is only scored for the report, after the choice is made.

With ``--encoder default`` the model also blends in the default model's encoder (``stance/models/default.stance``;
trained by ``training/encoder_model.py`` on the default recipe's training data minus its dev parts), as the
default model does. The stance and sentiment shares are chosen on that recipe's SemEval-2016 dev part (15% of the
train tweets, which the encoder never saw): a linear model trained on the rest of train is blended at shares 0,
0.1, ..., 1 and the best F_avg (stance) and macro F1 (sentiment) win, ties going to the share nearest 0.5. This
variant is not shipped (see docs/results.md): it is hundreds of times slower than the linear model.

    python training/semeval2016.py --search      # rerun the grid search, write training/semeval2016_search.json
    python training/semeval2016.py               # train with the chosen configuration, score test, save the model
    python training/semeval2016.py --check       # retrain and compare with the shipped model's recorded scores (CI)
    python training/semeval2016.py --encoder default --output build/semeval2016-encoder.stance   # the blend
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import stance  # noqa: E402
from stance.api import MODELS_DIR, training_arrays  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.evaluation import evaluate_model, f_avg, sentiment_scores  # noqa: E402
from stance.model import StanceModel, TrainConfig  # noqa: E402
from stance.persistence import load_model  # noqa: E402

SEARCH_FILE = ROOT / "training" / "semeval2016_search.json"
MODEL_FILE = MODELS_DIR / "semeval2016.stance"

#: The grid searched by cross-validation on train. Each entry: (featurizer params, stance_C).
GRID: list[tuple[dict, float]] = [
    ({}, 0.3),
    ({}, 0.5),
    ({"window": 6}, 0.5),
    ({"char_ngram_range": (1, 5)}, 0.3),
    ({"word_ngrams": 3, "per_target_weight": 1.5}, 0.3),
    ({"per_target_chars": True}, 0.3),
    ({"per_target_chars": True}, 0.5),
    ({"per_target_chars": True}, 1.0),
    ({"per_target_chars": True, "per_target_weight": 0.7}, 0.5),
    ({"per_target_chars": True, "per_target_weight": 1.4}, 0.3),
    ({"per_target_chars": True, "per_target_weight": 1.4}, 0.5),
    ({"per_target_chars": True, "word_weight": 0.7}, 0.5),
    ({"per_target_chars": True, "char_weight": 1.3}, 0.5),
    ({"per_target_chars": True, "context_weight": 0.0}, 0.5),
]

#: Sentiment-head regularization searched with the best stance configuration.
SENTIMENT_C = (0.1, 0.3, 1.0)

#: Tolerance (F_avg points) for ``--check`` against the shipped model's recorded scores.
TOLERANCE = 0.5


def _arrays(ds):  # type: ignore[no-untyped-def]
    pairs, stance, sentiment = training_arrays(ds)
    return pairs, np.asarray(stance, dtype=object), sentiment


def cv_score(pairs, y, sentiment, cfg: TrainConfig, folds: int = 5, task: str = "stance") -> float:  # type: ignore[no-untyped-def]
    """Pooled out-of-fold score on train: F_avg of the stance head, or macro F1 of the sentiment head."""
    strat = [f"{p[1]}|{s}" for p, s in zip(pairs, y)]
    pred = np.empty(len(y), dtype=object)
    for a, b in StratifiedKFold(folds, shuffle=True, random_state=0).split(pairs, strat):
        sent = [sentiment[i] for i in a] if task == "sentiment" else None
        m = StanceModel.fit([pairs[i] for i in a], list(y[a]), sent, cfg, progress=False)
        out = m.predict_batch([pairs[i][0] for i in b], [pairs[i][1] for i in b], [pairs[i][2] for i in b])
        pred[b] = [p.stance if task == "stance" else p.sentiment for p in out]
    if task == "stance":
        return f_avg(list(y), list(pred))
    return sentiment_scores(list(sentiment), list(pred))["macro_f1"]


def config_of(feat: dict, C: float) -> TrainConfig:
    return TrainConfig(featurizer=dict(feat), stance_C=C, sentiment_C=0.3)


def search() -> dict:
    ds = load_corpus("semeval2016")["train"]
    pairs, y, sentiment = _arrays(ds)
    rows = []
    for feat, C in GRID:
        t0 = time.perf_counter()
        score = cv_score(pairs, y, sentiment, config_of(feat, C))
        rows.append({"featurizer": {k: list(v) if isinstance(v, tuple) else v for k, v in feat.items()}, "stance_C": C, "cv_f_avg": round(score, 2)})
        print(f"{json.dumps(rows[-1])}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    best = dict(max(rows, key=lambda r: r["cv_f_avg"]))
    sent_rows = []
    for C in SENTIMENT_C:
        cfg = TrainConfig.from_dict({"featurizer": best["featurizer"], "stance_C": best["stance_C"], "sentiment_C": C})
        sent_rows.append({"sentiment_C": C, "cv_sentiment_macro_f1": round(cv_score(pairs, y, sentiment, cfg, task="sentiment"), 2)})
        print(json.dumps(sent_rows[-1]), flush=True)
    best_sent = max(sent_rows, key=lambda r: r["cv_sentiment_macro_f1"])
    best.update(best_sent)
    out = {
        "metric": "pooled out-of-fold F_avg (stance) and macro F1 (sentiment), 5-fold CV on train (seed 0)",
        "grid": rows,
        "sentiment_grid": sent_rows,
        "best": best,
    }
    SEARCH_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"best: {json.dumps(best)}; wrote {SEARCH_FILE}")
    return out


def encoder_shares(cfg: TrainConfig, encoder: Any) -> dict[str, Any]:
    """The dev scores of a linear model trained on train minus the default recipe's SemEval-2016 dev part, blended
    with ``encoder`` at each share, and the shares chosen (see the module docstring)."""
    import default_model as dm
    import encoder_model as em

    rows = dm._rows(load_corpus("semeval2016")["train"], "semeval2016", "row")
    train, dev = (split["semeval2016"] for split in dm.dev_split({"semeval2016": rows}))
    linear = StanceModel.fit([r.pair for r in train], [r.stance for r in train], [r.sentiment for r in train], cfg, progress=False)
    preds = dm._predict(linear, dev)
    stance_probs, sentiment_probs = encoder.predict(*em._inputs(dev))
    out: dict[str, Any] = {"dev": f"SemEval-2016 train, the default recipe's dev part ({len(dev)} tweets); linear model trained on the other {len(train)}"}
    for task, probs, enc_labels, head, metric in (
        ("stance", stance_probs, encoder.labels, linear.stance_head, "f_avg"),
        ("sentiment", sentiment_probs, encoder.sentiment_labels, linear.sentiment_head, "macro_f1"),
    ):
        if probs is None or head is None:
            continue
        labels = [str(c) for c in head.classes_]
        gold = [getattr(r, task) for r in dev]
        lin = np.array([[getattr(p, f"{task}_probabilities")[c] for c in labels] for p in preds])
        score_fn = em._scores if task == "stance" else em._sentiment_score
        table = em._blend_table({"semeval2016": (gold, lin, probs[:, [list(enc_labels).index(c) for c in labels]])}, labels, score_fn, metric)
        out[task] = {"metric": metric, "blend": table["blend"], "best_weight": table["best_weight"]}
    return out


def build(output: Path, encoder_from: str | None = None) -> tuple[StanceModel, dict]:
    """Train on all of train with the configuration the search chose, blend in the encoder of the built-in model
    ``encoder_from`` (``None``: none) at the shares chosen on dev; score test (reporting only)."""
    if not SEARCH_FILE.exists():
        raise SystemExit(f"{SEARCH_FILE} is missing: run `python training/semeval2016.py --search` first")
    best = json.loads(SEARCH_FILE.read_text(encoding="utf-8"))["best"]
    cfg = TrainConfig.from_dict({"featurizer": best["featurizer"], "stance_C": best["stance_C"], "sentiment_C": best["sentiment_C"]})
    data = load_corpus("semeval2016")
    pairs, y, sentiment = _arrays(data["train"])
    model = StanceModel.fit(
        pairs, list(y), sentiment, cfg,
        metadata={
            "corpora": ["semeval2016:train"],
            "recipe": "training/semeval2016.py",
            "cv_f_avg": best["cv_f_avg"],
            "cv_sentiment_macro_f1": best["cv_sentiment_macro_f1"],
        },
    )
    if encoder_from is not None:
        source = stance.load(encoder_from)
        if source.encoder is None:
            raise SystemExit(f"the built-in model {encoder_from!r} has no encoder; build it first (training/default_model.py --encoder ...)")
        shares = encoder_shares(cfg, source.encoder)
        meta = dict(model.metadata)
        meta["encoder"] = {"from_model": encoder_from, "trained_on": source.metadata.get("encoder", {}).get("trained_on"), "shares": shares}
        meta["corpora"] = sorted(set(meta["corpora"]) | set(source.metadata.get("corpora", [])))
        model = StanceModel(model.featurizer, model.stance_head, model.sentiment_head, meta, source.encoder,
                            shares["stance"]["best_weight"], shares.get("sentiment", {}).get("best_weight", 0.0))
    scores = score(model, data["test"])
    model.metadata["scores"] = {"semeval2016:test": scores}
    model.save(output)
    return model, scores


def score(model: StanceModel, ds) -> dict:  # type: ignore[no-untyped-def]
    report = evaluate_model(model, ds, corpus="semeval2016", split="test", progress=False)
    st, se = report["stance"], report["sentiment"]
    return {
        "stance_f_avg": round(st["f_avg"], 2),
        "stance_macro_f1": round(st["macro_f1"], 2),
        "per_target_f_avg": {t: round(v["f_avg"], 2) for t, v in st["per_target"].items()},
        "sentiment_macro_f1": round(se["macro_f1"], 2),
        "sentiment_f1_pos_neg": round(se["f1_pos_neg"], 2),
        "sentiment_accuracy": round(se["accuracy"], 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--search", action="store_true", help="rerun the cross-validated grid search on train")
    ap.add_argument("--check", action="store_true", help="retrain and compare with the shipped model's recorded test scores")
    ap.add_argument("--output", type=Path, default=MODEL_FILE)
    ap.add_argument("--encoder", metavar="MODEL", help="also blend in the encoder of this built-in model (e.g. default), shares chosen on dev")
    args = ap.parse_args(argv)
    if args.search:
        search()
        return 0
    if args.check:
        recorded = load_model(MODEL_FILE).metadata["scores"]["semeval2016:test"]
        with tempfile.TemporaryDirectory() as tmp:
            _, now = build(Path(tmp) / "semeval2016-check.stance")
        diffs = {k: abs(now[k] - recorded[k]) for k in ("stance_f_avg", "sentiment_macro_f1")}
        print(json.dumps({"recorded": recorded, "reproduced": now, "abs_diff": diffs}, indent=1))
        bad = {k: d for k, d in diffs.items() if d > TOLERANCE}
        if bad:
            print(f"recipe no longer reproduces the shipped model within {TOLERANCE}: {bad}", file=sys.stderr)
            return 1
        return 0
    t0 = time.perf_counter()
    if args.encoder and args.output == MODEL_FILE:
        raise SystemExit("--encoder builds a variant that is not shipped; give --output for it")
    model, scores = build(args.output, args.encoder)
    print(json.dumps(scores, indent=1))
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
