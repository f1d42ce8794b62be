"""One-off (2026-12-07): a statement with "he" / "she" / "him" / "his" / "her" counted as naming a person target
(one of two or more capitalised words) in the summary's rule, whatever the pronoun points to: an upper estimate of
what pronoun mentions could bring to who stands where, from training/seesaw_losses.py's cache:

    python training/seesaw_losses.py --split train --cache /tmp/lt.pkl
    python training/experiments/seesaw/pronoun_any.py train /tmp/lt.pkl
"""

import sys
import pickle
import re
import dataclasses

sys.path.insert(0, "training")
sys.path.insert(0, ".")
from stance.analysis_eval import _prf, score_article
from stance.summary import summarize
from stance.model import TARGET_NOT_MENTIONED

split, cache = sys.argv[1], sys.argv[2]
data = pickle.load(open(cache, "rb"))
PR = re.compile(r"\b(he|she|him|his|her)\b", re.I)


def person(t):
    return len(t.split()) >= 2 and all(w[:1].isupper() for w in t.split())


for variant in ("as is", "pronoun counts as naming a person target"):
    m = n = g = 0
    for aid, aliases, gold, rows in data:
        if variant != "as is":
            rows = [
                dataclasses.replace(r, flags=tuple(f for f in r.flags if f != TARGET_NOT_MENTIONED))
                if TARGET_NOT_MENTIONED in r.flags and person(r.target) and PR.search(r.text)
                else r
                for r in rows
            ]
        verdicts = summarize(rows, aliases=aliases) if rows else []
        res = score_article(
            aid, [(str(v.speaker), v.verdict, v.target) for v in verdicts if v.speaker and v.verdict in ("FAVOR", "AGAINST")], gold
        )
        m += len(res.matched)
        n += len(res.predicted)
        g += len(res.gold)
    print(variant, [round(x, 2) for x in _prf(m, n, g)], m, n)
