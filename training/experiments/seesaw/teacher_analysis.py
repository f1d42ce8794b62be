"""One-off (issue 16): who stands where on the held-out train stories' articles with the teacher's labels.

The statements ``stance.analyze`` finds (as kept by ``training/seesaw_losses.py --cache``) are labelled by the
teacher of ``training/news_teacher.py`` instead of the default model (the statement as the analysis classifies it,
the target and its aliases, as the encoder reads them), then summed up with the shipped summary rule and scored.

    python training/seesaw_losses.py --split train --cache /tmp/s17_train.pkl
    python training/experiments/seesaw/statement_scorer.py --cache /tmp/s17_train.pkl --features /tmp/s17_feats.pkl
    python training/experiments/seesaw/teacher_analysis.py --teacher build/news_teacher.pt --cache /tmp/s17_train.pkl --features /tmp/s17_feats.pkl
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from news_teacher import DEFAULT_BASE, LABELS, base_dir, load_teacher  # noqa: E402
from seesaw_summary_rules import analyses  # noqa: E402

from stance.analysis_eval import _prf, score_article  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.encoder import encoder_input  # noqa: E402
from stance.summary import summarize  # noqa: E402


def measure(data: list, relabel: dict) -> tuple[float, float, float, int, int]:
    m = n = g = 0
    for aid, aliases, gold, rows in data:
        rows = [relabel.get((aid, r.start, r.end, r.target), r) for r in rows]
        vs = summarize(rows, aliases=aliases) if rows else []
        res = score_article(aid, [(str(v.speaker), v.verdict, v.target) for v in vs if v.speaker and v.verdict in ("FAVOR", "AGAINST")], gold)
        m, n, g = m + len(res.matched), n + len(res.predicted), g + len(res.gold)
    p, r, f = _prf(m, n, g)
    return p, r, f, m, n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher", type=Path, required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--probs", type=Path, help="keep the teacher's probabilities here and reuse them")
    args = ap.parse_args()
    data = analyses("default", "train", args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()["train"]}
    held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5])
    data = [d for d in data if arts[d[0]]["story"] in held]
    feats = pickle.loads(Path(args.features).read_bytes())
    keys = [(aid, r.start, r.end, r.target) for aid, _, _, rows in data for r in rows]
    rows = {k: r for (aid, _, _, rs) in data for r in rs for k in [(aid, r.start, r.end, r.target)]}
    if args.probs and args.probs.exists():
        P = np.load(args.probs)
    else:
        teacher = load_teacher(args.teacher, base_dir(DEFAULT_BASE))
        pairs = [encoder_input(feats[k][2], k[3], feats[k][3], None, inputs=()) for k in keys]
        P = teacher.probabilities([a for a, _ in pairs], [b for _, b in pairs])
        if args.probs:
            np.save(args.probs, P)
    print("held-out stories, shipped model: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(data, {}))
    for off in (-0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4):
        Q = P.copy()
        Q[:, 2] += off
        relabel = {k: dataclasses.replace(rows[k], stance=LABELS[int(Q[i].argmax())], stance_confidence=float(P[i].max()))
                   for i, k in enumerate(keys)}
        print(f"teacher, NONE offset {off:+.1f}: P %.2f R %.2f F1 %.2f (%d of %d)" % measure(data, relabel))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
