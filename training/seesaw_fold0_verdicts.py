"""One-off (issue 16; docs/news.md, "The body's learning rate"): the verdict rule's confidence threshold and the
verdicts that match no gold pair, on fold 0 of SEESAW train, for a fold-0 encoder with a speaker layer.

    python training/seesaw_fold0_verdicts.py build/statement_encoder_r3_2l_body3e5.npz 0.6/0/-0.1
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import default_model as dm  # noqa: E402
import statement_encoder as se  # noqa: E402

import stance  # noqa: E402
from stance.analysis_eval import _prf, score_article, speaker_matches  # noqa: E402
from stance.api import analyzed_statement  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.encoder import PairEncoder  # noqa: E402
from stance.summary import VerdictRule, summarize  # noqa: E402


def verdicts(s, share, cued, off, rule):
    if not s.linear:
        return []
    w = np.where(s.cued, cued, share)[:, None]
    probs = (1 - w) * s.linear_p + w * s.encoder_p
    best = (probs + np.array([off if c == "NONE" else 0.0 for c in s.labels])).argmax(1)
    rows = [analyzed_statement(x, dataclasses.replace(p, stance=s.labels[k], stance_confidence=float(probs[i, k])))
            for i, (x, p, k) in enumerate(zip(s.article.inputs, s.linear, best))]
    return [v for v in summarize(rows, aliases=s.article.aliases, rule=rule) if v.speaker and v.verdict in ("FAVOR", "AGAINST")]


def main() -> None:
    share, cued, off = (float(v) for v in sys.argv[2].split("/"))
    arts = se.articles()
    stories = sorted({a.story for a in arts})
    held = [a for a in arts if se.fold_of(a.story, stories) == 0]
    enc = PairEncoder.from_bytes(se.layers(Path(sys.argv[1]).read_bytes())[1])
    scored = se.read(held, enc, stance.load(dm.OUTPUT).without_encoder())
    for mc in (0.0, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
        m = n = g = 0
        for s in scored:
            res = score_article(s.article.id, [(str(v.speaker), v.verdict, v.target) for v in verdicts(s, share, cued, off, VerdictRule(min_confidence=mc))], s.article.gold)
            m, n, g = m + len(res.matched), n + len(res.predicted), g + len(res.gold)
        p, r, f = _prf(m, n, g)
        print(f"min_confidence {mc:.2f}: P {p:.2f} R {r:.2f} F1 {f:.2f} ({m}/{n}/{g})")
    entities = {r["id"]: r for r in load_seesaw_articles()["train"]}
    kinds: Counter[str] = Counter()
    for s in scored:
        vs = verdicts(s, share, cued, off, VerdictRule())
        res = score_article(s.article.id, [(str(v.speaker), v.verdict, v.target) for v in vs], s.article.gold)
        hit = {i for i, _ in res.matched}
        listed = [e["name"] for e in entities[s.article.id]["entities"]]
        for i, v in enumerate(vs):
            if i in hit:
                kinds["matched"] += 1
            elif any(o == v.target and speaker_matches(str(v.speaker), subj) for (subj, o) in s.article.gold):
                kinds["the opposite side"] += 1
            elif not any(speaker_matches(str(v.speaker), e) for e in listed):
                kinds["speaker none of the listed entities"] += 1
            elif any(speaker_matches(str(v.speaker), t["subject"]) and t["object"] == v.target for t in entities[s.article.id]["triplets"]):
                kinds["the pair's triplets tie or carry no polarity"] += 1
            else:
                kinds["listed speaker, no gold side toward the target"] += 1
    print(dict(kinds))


if __name__ == "__main__":
    main()
