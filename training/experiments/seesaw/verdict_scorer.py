"""One-off (2026-12-07): a learned verdict scorer for who stands where instead of the summary's hand rule.

Every side the summary gives under VerdictRule.any() is a candidate; a logistic regression over its features
(confidence, names the target, speaker is a name, counts, how often the speaker is named in the article, ...) predicts
whether it matches a gold pair. Five folds grouped by story on SEESAW train, thresholds on the out-of-fold scores.
The analyses come from training/seesaw_losses.py's caches:

    python training/seesaw_losses.py --split train --cache /tmp/losses_train.pkl
    python training/experiments/seesaw/verdict_scorer.py
"""

import sys
import pickle
import math

sys.path.insert(0, "training")
sys.path.insert(0, ".")
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from stance.analysis_eval import _prf, score_article
from stance.corpora import load_corpus
from stance.corpora.seesaw import load_seesaw_articles
from stance.summary import summarize, VerdictRule
from stance.names import is_named, same_name
from stance.model import TARGET_NOT_MENTIONED
import re


def own(v, aliases):
    return any(same_name(v.speaker, n) for n in (v.target, *aliases.get(v.target, ())))


FEATS = [
    "conf",
    "mentioned",
    "named",
    "mixed",
    "log_stmts",
    "n_sided",
    "frac_sided",
    "n_mention_sided",
    "max_conf_mention",
    "speaker_words",
    "log_speaker_freq",
    "against",
    "direct",
    "shipped_rule",
]


def features(v, rows, text):
    members = [r for r in rows if r.target == v.target and r.speaker and same_name(str(r.speaker), str(v.speaker))]
    sided = [r for r in members if r.stance != "NONE"]
    ment_sided = [r for r in sided if TARGET_NOT_MENTIONED not in tuple(r.flags or ())]
    last = str(v.speaker).split()[-1]
    freq = len(re.findall(r"\b" + re.escape(last) + r"\b", text)) if last[:1].isalpha() else 0
    behind = [r for r in members if r.start == v.start and r.end == v.end]
    kind = behind[0].kind if behind else ""
    named = bool(v.speaker and is_named(v.speaker))
    return [
        v.confidence,
        float(v.mentioned),
        float(named),
        float(v.mixed),
        math.log1p(v.statements),
        len(sided),
        len(sided) / max(1, len(members)),
        len(ment_sided),
        max([r.stance_confidence for r in ment_sided], default=0.0),
        len(str(v.speaker).split()),
        math.log1p(freq),
        float(v.stance == "AGAINST"),
        float(kind == "direct"),
        float(v.mentioned and named),
    ]


def candidates(split, cache):
    data = pickle.load(open(cache, "rb"))
    arts = {r["id"]: r for r in load_seesaw_articles()[split]}
    out = []  # (aid, story, gold, [(v, x)])
    for aid, aliases, gold, rows in data:
        art = arts[aid]
        vs = [
            v
            for v in (summarize(rows, aliases=aliases, rule=VerdictRule.any()) if rows else [])
            if v.speaker and v.stance in ("FAVOR", "AGAINST")
        ]
        out.append((aid, art["story"], gold, [(v, features(v, rows, art["text"])) for v in vs]))
    return out


def labels(cands):
    y = []
    for aid, story, gold, vs in cands:
        res = score_article(aid, [(str(v.speaker), v.stance, v.target) for v, _ in vs], gold)
        got = {i for i, _ in res.matched}
        y += [int(i in got) for i in range(len(vs))]
    return np.array(y)


def score(cands, keep):
    m = n = g = 0
    k = 0
    for aid, story, gold, vs in cands:
        sel = [v for (v, _), kk in zip(vs, keep[k : k + len(vs)]) if kk]
        k += len(vs)
        res = score_article(aid, [(str(v.speaker), v.stance, v.target) for v in sel], gold)
        m += len(res.matched)
        n += len(res.predicted)
        g += len(res.gold)
    return _prf(m, n, g), n


train = candidates("train", "/tmp/losses_train.pkl")
X = np.array([x for _, _, _, vs in train for _, x in vs])
y = labels(train)
groups = np.array([s for _, s, _, vs in train for _ in vs])
held_stories = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5])
print("train candidates", len(y), "right", y.sum())
shipped = X[:, FEATS.index("shipped_rule")] > 0
(p, r, f), n = score(train, shipped)
print(f"shipped rule, train all: P {p:.2f} R {r:.2f} F1 {f:.2f} ({n})")


def model(C):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))


for C in (0.1, 1.0):
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(5).split(X, y, groups):
        oof[te] = model(C).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    best = None
    for t in np.arange(0.15, 0.61, 0.025):
        (p, r, f), n = score(train, oof >= t)
        if best is None or f > best[1]:
            best = (t, f)
        print(f"C {C} t {t:.3f}: P {p:.2f} R {r:.2f} F1 {f:.2f} ({n})")
    print("best", C, best)
m = model(1.0).fit(X, y)
print(dict(zip(FEATS, np.round(m[-1].coef_[0], 2))))
if len(sys.argv) > 1 and sys.argv[1] == "--valid":
    t = float(sys.argv[2])
    C = float(sys.argv[3])
    valid = candidates("valid", "/tmp/losses_valid.pkl")
    Xv = np.array([x for _, _, _, vs in valid for _, x in vs])
    pv = model(C).fit(X, y).predict_proba(Xv)[:, 1]
    (p, r, f), n = score(valid, pv >= t)
    print(f"VALID learned (t {t}, C {C}): P {p:.2f} R {r:.2f} F1 {f:.2f} ({n})")
    (p, r, f), n = score(valid, Xv[:, FEATS.index("shipped_rule")] > 0)
    print(f"VALID shipped: P {p:.2f} R {r:.2f} F1 {f:.2f} ({n})")
