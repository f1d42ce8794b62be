"""One-off (issue 16): a statement-level, speaker-aware second stage, measured on SEESAW train only.

Each analysed (statement, target) of the train articles gets features: the default model's and the linear part's
stance probabilities, the cue, the kind, the flags, whether the speaker is a name and whether it is the target,
and the words around each mention of the target in the statement. Its label is the speaker's annotated side in the
statement's sentences (``seesaw_losses.gold_side``). A logistic regression, five folds grouped by story, relabels
every row; who stands where is then taken with the shipped summary rule.

    python training/experiments/seesaw/statement_scorer.py --cache /tmp/s17_train.pkl --features /tmp/s17_feats.pkl
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from seesaw_losses import gold_side  # noqa: E402
from seesaw_summary_rules import analyses  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

import stance  # noqa: E402
from stance.analysis_eval import _prf, score_article  # noqa: E402
from stance.api import _content, _cut, sentence_before  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.extraction import extract_statements  # noqa: E402
from stance.features import MAX_TEXT_CHARS  # noqa: E402
from stance.mentions import article_aliases  # noqa: E402
from stance.names import is_named, same_name  # noqa: E402
from stance.summary import summarize  # noqa: E402

LABELS = ("AGAINST", "FAVOR", "NONE")
_WORD = re.compile(r"[A-Za-z']+|[0-9]+|[^\sA-Za-z0-9]")


def probabilities(split: str) -> dict[tuple[str, int, int, str], tuple[dict, dict, str]]:
    """(article, start, end, target) -> (default probs, linear probs, content) as stance.analyze computes them."""
    models = {"d": stance.load("default"), "l": stance.load("default-linear")}
    out: dict = {}
    for row in load_seesaw_articles()[split]:
        main = [(e["name"], e["type"]) for e in row["entities"] if e["role"] == "Main"]
        if not main:
            continue
        from stance.corpora.seesaw import entity_aliases

        text = row["text"]
        given = {n: entity_aliases(n, t) for n, t in main}
        names = {n: tuple(given[n]) + article_aliases(text, n, given[n]) for n, _ in main}
        sts = extract_statements(text)
        texts, tgts, als, sps, bef, keys = [], [], [], [], [], []
        for st in sts:
            c = _content(text, st)
            c = _cut(c) if len(c) > MAX_TEXT_CHARS else c
            b = sentence_before(text, min(st.start, st.cue_start if st.cue_start is not None else st.start))
            for n, _ in main:
                texts.append(c)
                tgts.append(n)
                als.append(names[n])
                sps.append(st.speaker or "")
                bef.append(b)
                keys.append((row["id"], st.start, st.end, n))
        if not texts:
            continue
        preds = {k: m.predict_batch(texts, tgts, als, speakers=sps, contexts=bef, progress=False) for k, m in models.items()}
        for i, key in enumerate(keys):
            out[key] = (dict(preds["d"][i].stance_probabilities), dict(preds["l"][i].stance_probabilities), texts[i], als[i])
    return out


def features(r, probs: tuple) -> dict[str, float]:  # noqa: ANN001
    dp, lp, content, names = probs
    f: dict[str, float] = {}
    for lab in LABELS:
        f["d:" + lab] = dp.get(lab, 0.0)
        f["l:" + lab] = lp.get(lab, 0.0)
    top = max(dp, key=dp.get)
    f["dtop:" + top] = 1.0
    cue = (r.cue or "").lower()
    f["cue:" + cue] = 1.0
    f["kind:" + str(r.kind)] = 1.0
    f[f"cuetop:{cue}|{top}"] = 1.0
    for fl in r.flags:
        f["flag:" + fl] = 1.0
    sp = r.speaker or ""
    f["named"] = float(bool(sp) and is_named(sp))
    f["nospeaker"] = float(not sp)
    f["self"] = float(bool(sp) and (same_name(sp, r.target) or any(same_name(sp, a) for a in names if len(a.split()) > 1)))
    toks = [t.lower() for t in _WORD.findall(content)]
    f["len"] = min(len(toks), 120) / 120.0
    lower = content.lower()
    spans = []
    for n in (r.target, *names):
        for m in re.finditer(r"\b" + re.escape(n.lower()) + r"\b", lower):
            spans.append((m.start(), m.end()))
    if not spans:
        f["nomention"] = 1.0
    for s, e in spans[:3]:
        left = [t.lower() for t in _WORD.findall(content[:s])][-4:]
        right = [t.lower() for t in _WORD.findall(content[e:])][:4]
        for i, w in enumerate(reversed(left)):
            f[f"L{i}:{w}"] = 1.0
            f["L:" + w] = 1.0
        for i, w in enumerate(right):
            f[f"R{i}:{w}"] = 1.0
            f["R:" + w] = 1.0
        f["pos"] = s / max(len(content), 1)
    for t in set(toks):
        f["w:" + t] = 0.3
    return f


def who_stands_where(data: list, relabel: dict) -> tuple[float, float, float, int, int]:
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
    ap.add_argument("--cache", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--C", default="0.03,0.1,0.3,1")
    ap.add_argument("--offsets", default="-0.2,-0.1,0,0.1,0.2,0.3")
    args = ap.parse_args()
    data = analyses("default", "train", args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()["train"]}
    fp = Path(args.features)
    probs = pickle.loads(fp.read_bytes()) if fp.exists() else probabilities("train")
    if not fp.exists():
        fp.write_bytes(pickle.dumps(probs))
    held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5])
    stories = sorted({arts[aid]["story"] for aid, *_ in data})
    fold_of = {s: i % 5 for i, s in enumerate(stories)}
    keys, X, y, fold, rowref = [], [], [], [], []
    missing = 0
    for aid, _aliases, _gold, rows in data:
        art = arts[aid]
        for r in rows:
            k = (aid, r.start, r.end, r.target)
            if k not in probs:
                missing += 1
                continue
            keys.append(k)
            X.append(features(r, probs[k]))
            y.append(gold_side(r, art))
            fold.append(fold_of[art["story"]])
            rowref.append(r)
    print(f"{len(X)} rows, {missing} without probabilities; sided {np.mean([v != 'NONE' for v in y]):.3f}")
    y_arr, fold_arr = np.array(y), np.array(fold)
    base = who_stands_where(data, {})
    print("shipped: P %.2f R %.2f F1 %.2f (%d of %d)" % base)
    held_data = [d for d in data if arts[d[0]]["story"] in held]
    print("shipped, held-out stories: P %.2f R %.2f F1 %.2f (%d of %d)" % who_stands_where(held_data, {}))
    for C in [float(c) for c in args.C.split(",")]:
        P = np.zeros((len(X), 3))
        for k in range(5):
            tr, te = fold_arr != k, fold_arr == k
            vec = DictVectorizer()
            Xtr = vec.fit_transform([x for x, t in zip(X, tr) if t])
            clf = LogisticRegression(C=C, max_iter=2000)
            clf.fit(Xtr, y_arr[tr])
            cols = [list(clf.classes_).index(lab) for lab in LABELS]
            P[te] = clf.predict_proba(vec.transform([x for x, t in zip(X, te) if t]))[:, cols]
        for off in [float(o) for o in args.offsets.split(",")]:
            Q = P.copy()
            Q[:, 2] += off
            lab = np.array(LABELS)[Q.argmax(1)]
            relabel = {k: dataclasses.replace(r, stance=str(lab[i]), stance_confidence=float(P[i].max())) for i, (k, r) in enumerate(zip(keys, rowref))}
            p, rr, f, m, n = who_stands_where(data, relabel)
            ph, rh, fh, mh, nh = who_stands_where(held_data, relabel)
            print(f"C {C:5.2f} offset {off:+.2f}: all P {p:.2f} R {rr:.2f} F1 {f:.2f} ({m}/{n}); held-out P {ph:.2f} R {rh:.2f} F1 {fh:.2f} ({mh}/{nh})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
