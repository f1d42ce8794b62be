"""Round 10: does a convolutional tagger over the whole article decide cues better than the local features?

The learned cue classifier (a logistic regression over hand features of a few words around the candidate)
reaches an average precision of about 87 on held-out train folds (``cue_tokens.py base``); the oracle
(``oracle.py``) says that better cue decisions are where the points are. This script trains, on the same
5 folds of PolNeAR train, the tagger of ``training/extraction_tagger.py`` (word, suffix and shape embeddings
and a few flags; five convolutions, 17 tokens of context on either side; see that file) and measures it two
ways:

- ``tokens``: the average precision of "this candidate anchors a gold cue" for the logistic regression, the
  tagger, and their mean;
- ``pipeline``: the whole extractor on the held-out fold, with the linear model alone (cue threshold 0.3, as
  shipped before) and with the blend ``(1 - w) * linear + w * tagger`` at several cue thresholds, through the
  numpy tagger that ships (so the figures are those of the exported float16 weights);
- ``speakers``: how often the speaker is right for the matched statements that only the blend finds (first
  ``--weight`` and ``--thresholds``), against those the linear model finds too.

Needs PyTorch (``pip install torch==2.13.0``). A fold's tagger takes about 3.5 minutes to train; ``--cache DIR``
keeps them, so other thresholds and weights can be measured without training again::

    python training/extraction_cnn_cues.py tokens --folds 1
    python training/extraction_cnn_cues.py pipeline --thresholds 0.3,0.35,0.4 --weight 0.5 --cache /tmp/taggers
    python training/extraction_cnn_cues.py speakers --thresholds 0.35 --weight 0.5 --cache /tmp/taggers
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cue_tokens import examples, fold_scores  # noqa: E402
from extraction_cues import learn_cues  # noqa: E402
from extraction_model import _add, _fmt, _fmt_totals, train  # noqa: E402
from extraction_tagger import Settings, TorchTagger, Vocab, encode, numpy_tagger, train_tagger  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction.config import DEFAULT_CONFIG  # noqa: E402
from stance.extraction.pipeline import extract  # noqa: E402
from stance.extraction.polnear import evaluate, load_polnear  # noqa: E402


def fold_tagger(fit_docs: list[dict], s: Settings, seed: int, cache: str):
    """The fold's numpy tagger: trained, or loaded from ``cache`` when it was trained before with the same
    settings and seed."""
    path = None
    if cache:
        key = "_".join(f"{k}{v}" for k, v in sorted(vars(s).items())).replace(" ", "")
        path = Path(cache) / f"tagger_{key}_s{seed}.pt"
        if path.is_file():
            vocabs = tuple(Vocab((w for d in fit_docs for w in d[f]), 2) for f in ("low", "suf", "shape"))
            model = TorchTagger(*(len(v) for v in vocabs), s)
            model.load_state_dict(torch.load(path))
            model.eval()
            return numpy_tagger(model, vocabs)
    model, vocabs = train_tagger(fit_docs, s, seed=seed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), path)
    return numpy_tagger(model, vocabs)


def folds(articles, n: int):
    for k in range(n):
        yield (k, [a for i, a in enumerate(articles) if i % 5 != k], [a for i, a in enumerate(articles) if i % 5 == k])


def tokens_cv(args, s: Settings, articles) -> None:
    P_cnn, P_lr, Y = [], [], []
    for k, fit_arts, held_arts in folds(articles, args.folds):
        cues = learn_cues(fit_arts, 1, 0.02)
        tagger = fold_tagger(encode(fit_arts, cues), s, k, args.cache)
        p_cnn = np.concatenate([tagger.probs(d)[d["cands"]] for d in encode(held_arts, cues)])
        xs, y = examples(fit_arts, cues, {"base"})
        xt, yt = examples(held_arts, cues, {"base"})
        p_lr = fold_scores(xs, y, xt, {"base"}, 0.35)
        assert len(p_lr) == len(p_cnn) == len(yt)
        P_cnn.append(p_cnn)
        P_lr.append(p_lr)
        Y.append(yt)
        print(f"fold {k}: AP lr {100 * average_precision_score(yt, p_lr):.2f} tagger "
              f"{100 * average_precision_score(yt, p_cnn):.2f} mean "
              f"{100 * average_precision_score(yt, (p_lr + p_cnn) / 2):.2f}", flush=True)
    p_cnn, p_lr, y = np.concatenate(P_cnn), np.concatenate(P_lr), np.concatenate(Y)
    for name, p in (("lr", p_lr), ("tagger", p_cnn), ("mean", (p_lr + p_cnn) / 2)):
        print(f"all folds {name}: AP {100 * average_precision_score(y, p):.2f}")


def pipeline_cv(args, s: Settings, articles) -> None:
    config = DEFAULT_CONFIG.with_overrides(args.set)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    weights = [float(x) for x in args.weight.split(",")]
    totals: dict = {}
    for k, fit_arts, held in folds(articles, args.folds):
        cues = learn_cues(fit_arts, 1, 0.02)
        linear = train(fit_arts, cues, 3, 0.35, 0.3, config)
        tagger = fold_tagger(encode(fit_arts, cues), s, k, args.cache)
        runs = [("linear, cue threshold 0.3", M._Model(linear, cues=cues))] if not args.no_linear else []
        for w in weights:
            for th in thresholds:
                d = json.loads(json.dumps(linear))
                d["tagger"] = {"weight": w, "threshold": th}
                runs.append((f"linear + tagger (weight {w}), cue threshold {th}", M._Model(d, tagger, cues)))
        for name, m in runs:
            res = evaluate(held, lambda t, m=m: extract(t, model=m, config=config))
            print(f"fold {k} {name}: {_fmt(res)}", flush=True)
            _add(totals.setdefault(name, {}), res)
    for name, t in totals.items():
        print(f"all {args.folds} folds {name}: {_fmt_totals(t)}")


def speakers_cv(args, s: Settings, articles) -> None:
    """Speaker accuracy, on held-out folds, of the matched statements that only the blend finds against those the
    linear model finds too, by where the speaker mention is: within 120 characters of the cue, further, or none."""
    from collections import Counter

    from stance.extraction.polnear import match_statements, speaker_correct

    weight, threshold = float(args.weight.split(",")[0]), float(args.thresholds.split(",")[0])
    counts: Counter = Counter()
    for k, fit_arts, held in folds(articles, args.folds):
        cues = learn_cues(fit_arts, 1, 0.02)
        linear = train(fit_arts, cues, 3, 0.35, 0.3)
        d = json.loads(json.dumps(linear))
        d["tagger"] = {"weight": weight, "threshold": threshold}
        blend = M._Model(d, fold_tagger(encode(fit_arts, cues), s, k, args.cache), cues)
        for a in held:
            alone = {(st.start, st.end, st.cue_start) for st in extract(a.text, model=M._Model(linear, cues=cues))}
            found = extract(a.text, model=blend)
            for pi, gi in match_statements(found, a.attributions, 0.3):
                g, st = a.attributions[gi], found[pi]
                if g.source is None:
                    continue
                if st.speaker_start is None:
                    where = "no speaker"
                elif st.cue_start is not None and abs(st.speaker_start - st.cue_start) <= 120:
                    where = "near the cue"
                else:
                    where = "further"
                new = "blend only" if (st.start, st.end, st.cue_start) not in alone else "both"
                counts[(new, where, speaker_correct(st, g, a.text))] += 1
    for new in ("both", "blend only"):
        right = sum(counts[(new, w, True)] for w in ("near the cue", "further", "no speaker"))
        total = right + sum(counts[(new, w, False)] for w in ("near the cue", "further", "no speaker"))
        print(f"{new}: speaker right {right} of {total} ({100 * right / max(1, total):.1f}%)")
        for where in ("near the cue", "further", "no speaker"):
            ok, bad = counts[(new, where, True)], counts[(new, where, False)]
            if ok + bad:
                print(f"  {where}: {ok} of {ok + bad} ({100 * ok / (ok + bad):.1f}%)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("tokens", "pipeline", "speakers"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=Settings.epochs)
    ap.add_argument("--channels", type=int, default=Settings.channels)
    ap.add_argument("--dropout", type=float, default=Settings.dropout)
    ap.add_argument("--dilations", default=",".join(map(str, Settings.dilations)))
    ap.add_argument("--role-weight", type=float, default=Settings.role_weight)
    ap.add_argument("--thresholds", default="0.3,0.35,0.4")
    ap.add_argument("--weight", default="0.5", help="the tagger's share(s) of a candidate's cue probability")
    ap.add_argument("--no-linear", action="store_true", help="skip the linear-only run")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--cache", default="", help="folder to keep the fold taggers in (reused when present)")
    args = ap.parse_args(argv)
    s = replace(Settings(), epochs=args.epochs, channels=args.channels, dropout=args.dropout,
                dilations=tuple(int(x) for x in args.dilations.split(",")), role_weight=args.role_weight)
    torch.set_num_threads(2)
    articles = load_polnear(resolve_data_dir(None) / "polnear", "train")
    {"tokens": tokens_cv, "pipeline": pipeline_cv, "speakers": speakers_cv}[args.mode](args, s, articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
