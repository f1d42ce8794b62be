"""Experiment (issue 16, docs/news.md "Tried and not kept"): a speaker counts as a name only if the article never writes
its capitalised word in lower case; scored on analyses cached by seesaw_losses.py.

    python training/seesaw_losses.py --cache /tmp/an.pkl
    python training/experiments/seesaw/article_names.py /tmp/an.pkl train
"""
import sys, pickle, re
from pathlib import Path; sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from stance.analysis_eval import _prf, score_article
from stance.summary import summarize
from stance.names import _WORD, _STOP, _NOT_NAMES
from stance.corpora.seesaw import load_seesaw_articles
split = sys.argv[2] if len(sys.argv) > 2 else 'train'
arts = {r['id']: r['text'] for r in load_seesaw_articles()[split]}
def named_in(speaker, text, lowers):
    return any(w[0].isupper() and len(w) > 1 and w.lower() not in _STOP and w.lower() not in _NOT_NAMES and w.lower() not in lowers
               for w in _WORD.findall(speaker))
for variant in ('shipped', 'article-aware'):
    P = G = M = 0; dropped = dm = 0
    for aid, aliases, gold, rows in pickle.load(open(sys.argv[1], 'rb')):
        text = arts[aid]
        lowers = set(re.findall(r"\b[a-z][a-z’'-]+\b", text))
        vs = summarize(rows, aliases=aliases) if rows else []
        preds = []
        for v in vs:
            if v.speaker and v.verdict in ('FAVOR', 'AGAINST'):
                if variant == 'article-aware' and not named_in(str(v.speaker), text, lowers):
                    dropped += 1; continue
                preds.append((str(v.speaker), v.verdict, v.target))
        r = score_article(aid, preds, gold); P += len(r.predicted); G += len(r.gold); M += len(r.matched)
    p, rr, f = _prf(M, P, G); print(f'{variant:15s} P {p:.2f} R {rr:.2f} F1 {f:.2f} ({M}/{P}) dropped {dropped}')
