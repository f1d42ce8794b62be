"""One-off (2026-12-07): statements with a raising cue ("is expected to", "appears to", "is said to") without a
speaker. PolNeAR gives such cues no source (train: 89 of 95 "expected", all "seemed" / "appeared" / "appears"), yet
the extractor names their subject, and so the summary gives the subject a side. Who stands where on SEESAW train
with their speaker removed, from training/seesaw_losses.py's cache:

    python training/seesaw_losses.py --split train --cache /tmp/losses_train.pkl
    python training/experiments/seesaw/raising_speakers.py train /tmp/losses_train.pkl
"""

import sys
import pickle
import re
import dataclasses

sys.path.insert(0, "training")
sys.path.insert(0, ".")
from stance.analysis_eval import _prf, score_article
from stance.corpora import load_corpus
from stance.corpora.seesaw import load_seesaw_articles
from stance.summary import summarize
from stance.extraction import lexicon as L

split = sys.argv[1]
cache = sys.argv[2]
data = pickle.load(open(cache, "rb"))
arts = {r["id"]: r for r in load_seesaw_articles()[split]}
held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5]) if split == "train" else set()
BE = r"\b(is|are|was|were|be|been|being)\s+(\w+ly\s+|not\s+|widely\s+|also\s+|still\s+)*"


def is_raising(r):
    c = (r.cue or "").lower()
    if c in L.RAISING_CUES:
        return True
    if c in L.RAISING_PASSIVE and re.search(BE + re.escape(c) + r"\b", r.text, re.I):
        return True
    return False


for variant in ("as is", "raising: no speaker"):
    tot = {"all": [0, 0, 0], "held": [0, 0, 0], "other": [0, 0, 0]}
    nr = 0
    nrv = [0, 0]
    for aid, aliases, gold, rows in data:
        art = arts[aid]
        if variant != "as is":
            new = []
            for r in rows:
                if is_raising(r):
                    nr += 1
                    r = dataclasses.replace(r, speaker=None)
                new.append(r)
            rows = new
        verdicts = summarize(rows, aliases=aliases) if rows else []
        preds = [(str(v.speaker), v.verdict, v.target) for v in verdicts if v.speaker and v.verdict in ("FAVOR", "AGAINST")]
        res = score_article(aid, preds, gold)
        parts = ["all"] + ((["held"] if art["story"] in held else ["other"]) if held else [])
        for p in parts:
            t = tot[p]
            t[0] += len(res.matched)
            t[1] += len(res.predicted)
            t[2] += len(res.gold)
    print(variant, "raising rows", nr)
    for p, (m, n, g) in tot.items():
        if g:
            print(
                "  ",
                p,
                {k: v for k, v in _prf(m, n, g).items()} if isinstance(_prf(m, n, g), dict) else [round(x, 2) for x in _prf(m, n, g)],
                m,
                n,
                g,
            )
