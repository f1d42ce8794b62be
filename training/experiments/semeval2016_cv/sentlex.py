"""External sentiment resources learned from SemEval-2017 Task 4A train.tsv (47k tweets; nothing else):

1. a word lexicon: smoothed log-odds of positive vs negative tweets per token (unigrams, hashtags, and
   ``neg:word`` for a word within 3 words after a negator), keeping tokens seen in >= 5 tweets;
2. a sentiment classifier (TF-IDF word 1-2 + char 2-5, LinearSVC calibrated) -> P(neg), P(neu), P(pos).

Both are fit once (they never see SemEval-2016 data) and cached in $STANCE_EXP_DIR/cache/.
"""

from __future__ import annotations

import math
import pickle
import time
from collections import Counter

from common import EXP
from stance import lexicon
from stance.corpora._paths import resolve_data_dir
from stance.text import _norms

CACHE = EXP / "cache"
CACHE.mkdir(exist_ok=True)
TSV = resolve_data_dir() / "semeval2017_task4a" / "train.tsv"
NEGATORS = frozenset(lexicon.NEGATORS)
STOP = frozenset(lexicon.CONTRAST) | {"!", "?", "!!", "??", "!!!", "???"}


def load_tsv():
    texts, labels = [], []
    with open(TSV, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            _id, lab, text = line.rstrip("\n").split("\t", 2)
            texts.append(text)
            labels.append(lab)
    return texts, labels


def lex_tokens(text: str) -> list[str]:
    """Tokens for the lexicon: norms (hashtags kept, their split words too), ``neg:`` inside a negation scope."""
    norms, extra = _norms(text)
    out, scope = [], -1
    main_i = 0
    for w, ex in zip(norms, extra):
        if ex:
            out.append(w)
            continue
        if w in STOP:
            scope = -1
        elif w in NEGATORS:
            scope = main_i + 3
        elif main_i <= scope and w[0] not in "@_#":
            out.append("neg:" + w)
            main_i += 1
            continue
        out.append(w)
        main_i += 1
    return out


def build_lexicon(min_df: int = 5, alpha: float = 1.0) -> dict[str, float]:
    texts, labels = load_tsv()
    df = {"positive": Counter(), "negative": Counter()}
    n = Counter(labels)
    for t, lab in zip(texts, labels):
        if lab in df:
            df[lab].update(set(lex_tokens(t)))
    vocab = {w for w in set(df["positive"]) | set(df["negative"]) if df["positive"][w] + df["negative"][w] >= min_df}
    npos, nneg = n["positive"], n["negative"]
    lex = {}
    for w in vocab:
        # log-odds of a tweet containing w being positive vs negative, corrected for the class sizes
        lex[w] = math.log((df["positive"][w] + alpha) / (npos + alpha)) - math.log((df["negative"][w] + alpha) / (nneg + alpha))
    return lex


def get_lexicon() -> dict[str, float]:
    path = CACHE / "lexicon.pkl"
    if not path.exists():
        t0 = time.perf_counter()
        lex = build_lexicon()
        pickle.dump(lex, open(path, "wb"))
        print(f"lexicon: {len(lex)} tokens in {time.perf_counter() - t0:.0f} s")
    return pickle.load(open(path, "rb"))


def get_sentiment_model():
    path = CACHE / "sentmodel.pkl"
    if not path.exists():
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, make_pipeline
        from sklearn.svm import LinearSVC

        t0 = time.perf_counter()
        texts, labels = load_tsv()
        vec = FeatureUnion([
            ("w", TfidfVectorizer(tokenizer=lex_tokens, lowercase=False, token_pattern=None, ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=200_000)),
        ])
        model = make_pipeline(vec, CalibratedClassifierCV(LinearSVC(C=0.1), method="sigmoid", cv=3))
        model.fit(texts, labels)
        pickle.dump(model, open(path, "wb"))
        print(f"sentiment model fit in {time.perf_counter() - t0:.0f} s; classes {model.classes_}")
    return pickle.load(open(path, "rb"))


if __name__ == "__main__":
    # sanity check of the sentiment model by 3-fold CV on train.tsv (its own data; no SemEval-2016 text)
    import sys

    lex = get_lexicon()
    top = sorted(lex.items(), key=lambda kv: kv[1])
    print("most negative:", [w for w, _ in top[:25]])
    print("most positive:", [w for w, _ in top[-25:]])
    print("negated examples:", [(w, round(s, 2)) for w, s in lex.items() if w.startswith("neg:")][:15])
    if "--cv" in sys.argv:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics import f1_score
        from sklearn.model_selection import cross_val_predict
        from sklearn.pipeline import FeatureUnion, make_pipeline
        from sklearn.svm import LinearSVC

        texts, labels = load_tsv()
        vec = FeatureUnion([
            ("w", TfidfVectorizer(tokenizer=lex_tokens, lowercase=False, token_pattern=None, ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=200_000)),
        ])
        pred = cross_val_predict(make_pipeline(vec, LinearSVC(C=0.1)), texts, labels, cv=3)
        print("3-fold macro F1 on train.tsv:", f1_score(labels, pred, average="macro"))
    get_sentiment_model()
