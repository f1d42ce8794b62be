"""Token-level 5-fold CV of the learned cue classifier on PolNeAR train (round 9; see README.md here).

Each candidate word of a held-out fold is scored by a model (and cue lexicon) learned on the other four folds.
The script prints the average precision of "this candidate anchors a gold cue" and P / R / F1 at two thresholds.
Variants (any combination):
- ``base``: the shipped features;
- ``ext``: the words around the cue, as in cue_words_around.patch;
- ``sent``: what else the sentence holds, as in cue_sentence_features.patch;
- ``hgb``: a gradient-boosted model over the features seen in at least 100 training candidates, instead of the
  logistic regression;
- ``C0.5``: another C.

    python training/extraction_cue_tokens.py base
    python training/extraction_cue_tokens.py sent ext
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cues import gold_anchors, learn_cues  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction.cues import clause_like, cue_np, np_kind  # noqa: E402
from stance.extraction.document import Document  # noqa: E402
from stance.extraction import lexicon as L  # noqa: E402
from stance.extraction.polnear import load_polnear  # noqa: E402


def words_around(toks, i: int, lo: int, hi: int, np_) -> list[str]:
    w = toks[i].low
    f = ["bl=" + toks[j].low for j in range(max(lo, i - 3), i)]
    f += ["br=" + toks[j].low for j in range(i + 1, min(hi, i + 4))]
    n1 = toks[i + 1].low if i + 1 < hi else "</S>"
    p1 = toks[i - 1].low if i - 1 >= lo else "<S>"
    nxt = [toks[j].low for j in range(i + 1, min(hi, i + 4))]
    f += ["n1raw=" + n1, "p1raw=" + p1, "wn1raw=" + w + "|" + n1, "p1wraw=" + p1 + "|" + w,
          "that3=" + str("that" in nxt), "q2=" + str(any(x in ('"', "“", "''", "”") for x in nxt[:2])),
          "colon=" + str(":" in nxt[:2])]
    if np_ is not None:
        head = toks[np_[1] - 1].low
        f += ["nphead=" + head, "nphead_w=" + head + "|" + w]
    return f


def sentence_features(toks, i: int, lo: int, hi: int, cues: dict) -> list[str]:
    cands = [x for x in range(lo, hi) if (toks[x].word or toks[x].text == ":") and M.is_candidate(toks[x].low, cues)]
    rv = [x for x in range(lo, hi) if x != i and toks[x].low in L.REPORTING_VERBS]
    order = min(3, cands.index(i))
    w = toks[i].low
    return ["ncand=" + str(min(4, len(cands))), "order=" + str(order), "otherrv=" + str(bool(rv)),
            "rvbefore=" + str(any(x < i for x in rv)), "rvafter=" + str(any(x > i for x in rv)),
            "w_otherrv=" + w + "|" + str(bool(rv)), "w_order=" + w + "|" + str(min(2, order))]


def examples(articles, cues: dict, variant: set[str]) -> tuple[list[list[str]], np.ndarray]:
    xs, ys = [], []
    for a in articles:
        doc = Document.from_text(a.text)
        toks, sents, sid, inq, quotes = doc.tokens, doc.sentences, doc.sentence_of, doc.token_in_quote, doc.quotes
        first_para_end = doc.paragraphs[0][1] if doc.paragraphs else 0
        anchors = gold_anchors(a, toks)
        for i, t in enumerate(toks):
            if not ((t.word or t.text == ":") and M.is_candidate(t.low, cues)):
                continue
            si, sj = sents[sid[i]]
            s0, s1 = toks[si].start, toks[sj - 1].end
            sq = any(q.start < s1 and q.end > s0 for q in quotes)
            np_, inverted = cue_np(toks, i, si, sj)
            f = M.cue_features(toks, i, si, sj, inq[i], sq, s0 < first_para_end, cues,
                               np_kind(toks, np_, inverted), clause_like(toks, i + 1, sj))
            if "ext" in variant:
                f += words_around(toks, i, si, sj, np_)
            if "sent" in variant:
                f += sentence_features(toks, i, si, sj, cues)
            xs.append(f)
            ys.append(int(i in anchors))
    return xs, np.array(ys)


def _int32(X):
    X = X.tocsr()
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    return X


def fold_scores(xs, y, xt, variant: set[str], c: float) -> np.ndarray:
    df = Counter(f for x in xs for f in set(x))
    if "hgb" in variant:
        col = {f: j for j, f in enumerate(sorted(f for f, n in df.items() if n >= 100))}

        def dense(rows):
            A = np.zeros((len(rows), len(col)), dtype=np.float32)
            for r, x in enumerate(rows):
                for f in x:
                    j = col.get(f)
                    if j is not None:
                        A[r, j] = 1
            return A

        clf = HistGradientBoostingClassifier(max_iter=400, learning_rate=0.1, max_leaf_nodes=31, random_state=0)
        return clf.fit(dense(xs), y).predict_proba(dense(xt))[:, 1]
    dv = DictVectorizer()
    X = _int32(dv.fit_transform([{f: 1 for f in x if df[f] >= 3} for x in xs]))
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear").fit(X, y)
    return clf.predict_proba(_int32(dv.transform([{f: 1 for f in x} for x in xt])))[:, 1]


def main(argv: list[str]) -> int:
    variant = set(argv) or {"base"}
    c = next((float(v[1:]) for v in variant if v.startswith("C")), 0.35)
    articles = load_polnear(resolve_data_dir(None) / "polnear", "train")
    t0 = time.time()
    ps, ys = [], []
    for k in range(5):
        fit_arts = [a for i, a in enumerate(articles) if i % 5 != k]
        held = [a for i, a in enumerate(articles) if i % 5 == k]
        cues = learn_cues(fit_arts, 1, 0.02)
        xs, y = examples(fit_arts, cues, variant)
        xt, yt = examples(held, cues, variant)
        ps.append(fold_scores(xs, y, xt, variant, c))
        ys.append(yt)
    p, y = np.concatenate(ps), np.concatenate(ys)
    out = [f"AP {100 * average_precision_score(y, p):.2f}"]
    for th in (0.3, 0.5):
        tp = int(((p >= th) & (y == 1)).sum())
        prec, rec = tp / max(1, int((p >= th).sum())), tp / int(y.sum())
        out.append(f"@{th} P {100 * prec:.1f} R {100 * rec:.1f} F1 {200 * prec * rec / (prec + rec):.2f}")
    print(sorted(variant), " | ".join(out), f"({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
