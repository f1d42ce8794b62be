"""One-off (2026-12-07): the same, but only where the pronoun points to the target by the extractor's own
resolution (stance.extraction.speakers.Resolver, a pronoun of the statement resolving to a name that shares a word
with the target and not with the speaker):

    python training/experiments/seesaw/pronoun_resolved.py train /tmp/lt.pkl
"""

import sys
import pickle
import dataclasses

sys.path.insert(0, "training")
sys.path.insert(0, ".")
from stance.analysis_eval import _prf, score_article
from stance.summary import summarize
from stance.model import TARGET_NOT_MENTIONED
from stance.names import same_name
from stance.corpora.seesaw import load_seesaw_articles
from stance.extraction.config import DEFAULT_CONFIG
from stance.extraction.document import Document
from stance.extraction.speakers import Resolver

split, cache = sys.argv[1], sys.argv[2]
data = pickle.load(open(cache, "rb"))
arts = {r["id"]: r for r in load_seesaw_articles()[split]}
PRON = {"he", "she", "him", "his", "her"}


def referents(text):
    doc = Document.from_text(text, DEFAULT_CONFIG)
    res = Resolver(text)
    toks = list(doc.tokens)
    res.index_names(toks, {a for a, _ in doc.sentences})
    return [(t.start, res.person_before(t.start)) for t in toks if t.low in PRON]


for variant in ("as is", "resolved pronoun names the target"):
    m = n = g = 0
    changed = 0
    for aid, aliases, gold, rows in data:
        if variant != "as is":
            refs = referents(arts[aid]["text"])
            new = []
            for r in rows:
                if TARGET_NOT_MENTIONED in r.flags and any(
                    r.start <= p < r.end and name and same_name(name, r.target) and not (r.speaker and same_name(name, str(r.speaker)))
                    for p, name in refs
                ):
                    r = dataclasses.replace(r, flags=tuple(f for f in r.flags if f != TARGET_NOT_MENTIONED))
                    changed += 1
                new.append(r)
            rows = new
        verdicts = summarize(rows, aliases=aliases) if rows else []
        res = score_article(
            aid, [(str(v.speaker), v.verdict, v.target) for v in verdicts if v.speaker and v.verdict in ("FAVOR", "AGAINST")], gold
        )
        m += len(res.matched)
        n += len(res.predicted)
        g += len(res.gold)
    print(variant, [round(x, 2) for x in _prf(m, n, g)], m, n, "rows changed", changed)
