"""Train the learned-cue model of the statement extractor on PolNeAR train (never dev).

Two logistic regressions over the sparse features of :mod:`stance.extraction._model`:

- *cue*: is this candidate word (a word of the learned cue lexicon) the anchor of a gold cue?
- *side*: is the gold content after the cue (1) or before it (0)?

Writes ``stance/data/extraction_model.json`` (plain JSON weights; features seen fewer than
``--min-df`` times are dropped). With ``--holdout K`` it instead trains on the train articles whose
index is not ``0 mod K``, scores the whole extractor (rules + model) on the others at several cue
thresholds, and prints the figures; the threshold written with the final model is the one given by
``--threshold`` (chosen that way, on train only). The file also records how the extractor blends these
cue probabilities with the convolutional tagger's (``"tagger"``: ``--tagger-weight`` and
``--tagger-threshold``, chosen by ``training/extraction_cnn_cues.py pipeline`` on train; the
tagger itself is trained by ``training/extraction_tagger.py``). ``--holdout`` scores the linear model alone.

Usage::

    python training/extraction_model.py --holdout 5            # tune on a held-out fifth of train
    python training/extraction_model.py --holdout 5 --folds 5 --thresholds 0.3   # 5-fold CV on train
    python training/extraction_model.py --threshold 0.5        # train on all of train, write weights
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cues import gold_anchors, learn_cues  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction.config import DEFAULT_CONFIG, ExtractionConfig  # noqa: E402
from stance.extraction.cues import clause_like, cue_np, np_kind, side_context  # noqa: E402
from stance.extraction.document import Document  # noqa: E402
from stance.extraction.pipeline import extract  # noqa: E402
from stance.extraction.polnear import evaluate, load_polnear  # noqa: E402


def examples(articles, cues, config: ExtractionConfig = DEFAULT_CONFIG):
    cue_x, cue_y, side_x, side_y = [], [], [], []
    for a in articles:
        doc = Document.from_text(a.text, config)
        toks, sents, sid, inq, quotes = doc.tokens, doc.sentences, doc.sentence_of, doc.token_in_quote, doc.quotes
        first_para_end = doc.paragraphs[0][1] if doc.paragraphs else 0
        anchors = gold_anchors(a, toks)
        sq_cache: dict[int, list] = {}
        for i, t in enumerate(toks):
            if not ((t.word or t.text == ":") and M.is_candidate(t.low, cues)):
                continue
            n = sid[i]
            si, sj = sents[n]
            if n not in sq_cache:
                s0, s1 = toks[si].start, toks[sj - 1].end
                sq_cache[n] = [q for q in quotes if q.start < s1 and q.end > s0]
            sq = sq_cache[n]
            fp = toks[si].start < first_para_end
            np, inverted = cue_np(toks, i, si, sj, config)
            cue_x.append(M.cue_features(toks, i, si, sj, inq[i], bool(sq), fp, cues,
                                        np_kind(toks, np, inverted), clause_like(toks, i + 1, sj)))
            g = anchors.get(i)
            cue_y.append(1 if g is not None else 0)
            if g is None:
                continue
            c0, c1 = g.content[0][0], g.content[-1][1]
            if c0 >= t.end:
                lab = 1
            elif c1 <= t.start:
                lab = 0
            else:
                continue
            inverted, qb, qa = side_context(toks, sq, i, si, sj, config)
            side_x.append(M.side_features(toks, i, si, sj, inverted, qb, qa, cues))
            side_y.append(lab)
    return cue_x, cue_y, side_x, side_y


def fit(xs, ys, min_df: int, c: float) -> dict:
    df = Counter(f for x in xs for f in x)
    keep = {f for f, n in df.items() if n >= min_df}
    dv = DictVectorizer()
    X = dv.fit_transform([{f: 1 for f in x if f in keep} for x in xs]).tocsr()
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(X, np.asarray(ys))
    w = {f: round(float(v), 4) for f, v in zip(dv.get_feature_names_out(), clf.coef_[0]) if abs(v) >= 1e-3}
    return {"weights": w, "bias": round(float(clf.intercept_[0]), 4)}


def train(articles, cues, min_df: int, c: float, threshold: float, config: ExtractionConfig = DEFAULT_CONFIG) -> dict:
    cx, cy, sx, sy = examples(articles, cues, config)
    cue = fit(cx, cy, min_df, c)
    cue["threshold"] = threshold
    side = fit(sx, sy, min_df, c)
    return {"cue": cue, "side": side, "n_cue_examples": len(cy), "n_cue_positive": int(sum(cy)),
            "n_side_examples": len(sy)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(M.MODEL_FILE))
    ap.add_argument("--holdout", type=int, default=0, help="K: hold out train articles with index = 0 mod K")
    ap.add_argument("--threshold", type=float, default=0.3, help="cue probability threshold (0.3: chosen by --holdout on train)")
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7", help="thresholds tried with --holdout")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--lex-count", type=int, default=1, help="with --holdout: min cue count of a lexicon word")
    ap.add_argument("--lex-share", type=float, default=0.02, help="with --holdout: min cue share of a lexicon word")
    ap.add_argument("--C", type=float, default=0.35, help="inverse regularization of both regressions (0.35: chosen by --holdout 5 --folds 5 on train)")
    ap.add_argument("--folds", type=int, default=1, help="with --holdout K: run folds 0..N-1 (N <= K)")
    ap.add_argument("--tagger-weight", type=float, default=0.5,
                    help="the tagger's share of the cue probability (0.5: chosen by 5-fold CV on train, "
                         "training/extraction_cnn_cues.py)")
    ap.add_argument("--tagger-threshold", type=float, default=0.35,
                    help="cue threshold of the blend with the tagger (0.35: chosen the same way)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a setting of stance.extraction.ExtractionConfig for the experiment "
                         "(e.g. model_np_max_short=0)")
    args = ap.parse_args(argv)
    articles = load_polnear(resolve_data_dir(args.data_dir) / "polnear", "train")
    config = DEFAULT_CONFIG.with_overrides(args.set)
    if args.holdout:
        thresholds = [float(x) for x in args.thresholds.split(",")]
        totals: dict = {}
        for fold in range(args.folds):
            fit_arts = [a for i, a in enumerate(articles) if i % args.holdout != fold]
            held = [a for i, a in enumerate(articles) if i % args.holdout == fold]
            cues = learn_cues(fit_arts, args.lex_count, args.lex_share)
            d = train(fit_arts, cues, args.min_df, args.C, args.threshold, config)
            runs = [("rules only", None)] + [(f"rules + model, cue threshold {th}", th) for th in thresholds]
            for name, th in runs:
                if th is None:
                    res = evaluate(held, lambda t: extract(t, model=None, config=config))
                else:
                    d["cue"]["threshold"] = th
                    res = evaluate(held, lambda t, m=M._Model(d, cues=cues): extract(t, model=m, config=config))
                print(f"fold {fold} {name}: {_fmt(res)}")
                _add(totals.setdefault(name, {}), res)
        if args.folds > 1:
            for name, t in totals.items():
                print(f"all {args.folds} folds {name}: {_fmt_totals(t)}")
        return 0
    cues = M.load_cues()
    d = train(articles, cues, args.min_df, args.C, args.threshold, config)
    d["about"] = ("Learned-cue model of stance.extraction, trained by training/extraction_model.py on PolNeAR "
                  "train (840 articles); feature -> weight of two logistic regressions.")
    d["C"], d["min_df"] = args.C, args.min_df
    d["tagger"] = {"weight": args.tagger_weight, "threshold": args.tagger_threshold}
    Path(args.output).write_text(json.dumps(d, sort_keys=True) + "\n", encoding="utf-8")
    print(f"cue model: {len(d['cue']['weights'])} weights, side model: {len(d['side']['weights'])} -> {args.output}")
    return 0


def _add(acc: dict, res: dict) -> None:
    for key in ("overlap_30", "overlap_80"):
        r = res["overall"][key]
        a = acc.setdefault(key, {"tp": 0, "predicted": 0, "gold": 0, "sp_ok": 0.0, "sp_n": 0})
        a["tp"] += r["tp"]
        a["predicted"] += r["predicted"]
        a["gold"] += r["gold"]
        a["sp_ok"] += r["speaker_accuracy"] * r["speaker_evaluated"] / 100
        a["sp_n"] += r["speaker_evaluated"]


def _fmt_totals(acc: dict) -> str:
    out = []
    for key in ("overlap_30", "overlap_80"):
        a = acc[key]
        p = a["tp"] / a["predicted"] if a["predicted"] else 0.0
        r = a["tp"] / a["gold"] if a["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append(f"{key}: P/R/F1 {100 * p:.1f}/{100 * r:.1f}/{100 * f:.1f} ({100 * f:.2f})")
    out.append(f"speaker {100 * acc['overlap_30']['sp_ok'] / max(1, acc['overlap_30']['sp_n']):.2f}")
    return "  ".join(out)


def _fmt(res: dict) -> str:
    o = res["overall"]
    a, b = o["overlap_30"], o["overlap_80"]
    return (f"P/R/F1@30 {a['precision']:.1f}/{a['recall']:.1f}/{a['f1']:.1f}  F1@80 {b['f1']:.1f}  "
            f"speaker {a['speaker_accuracy']:.1f}  {res['articles_per_second']} art/s")


if __name__ == "__main__":
    raise SystemExit(main())
