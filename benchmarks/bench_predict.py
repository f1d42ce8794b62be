"""Throughput of stance + sentiment prediction beside VADER and a plain TF-IDF + LinearSVC pipeline.

All three run in this one process on the same statements (SemEval-2016 test repeated to at least
100,000), single-threaded; each is timed ``--repeats`` times and the median is reported with the ratios.
Also prints the recipe's training time, the model's size on disk, its load time and peak memory.

    python benchmarks/bench_predict.py [--model semeval2016] [--n 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scipy.sparse import hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

import stance  # noqa: E402
from stance.api import BUILTIN_MODELS, MODELS_DIR, training_arrays  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.model import StanceModel, TrainConfig  # noqa: E402


def timed(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="semeval2016", help="built-in model name or path (default: semeval2016)")
    ap.add_argument("--n", type=int, default=100_000, help="at least this many statements (default 100,000)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    data = load_corpus("semeval2016")
    test = data["test"]
    reps = -(-args.n // len(test))
    texts = list(test["text"]) * reps
    targets = list(test["target"]) * reps
    aliases = [tuple(a) for a in test["aliases"]] * reps
    n = len(texts)
    print(f"{n:,} statements (SemEval-2016 test x {reps}), single process, median of {args.repeats} runs")

    path = MODELS_DIR / BUILTIN_MODELS[args.model] if args.model in BUILTIN_MODELS else Path(args.model)
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        model = stance.load(path)
        loads.append(time.perf_counter() - t0)
    print(f"model {path.name}: {path.stat().st_size / 1e6:.1f} MB on disk, load {statistics.median(loads) * 1000:.0f} ms (median of 5)")

    # ours: featurize once, both heads
    model.predict_batch(texts[:2000], targets[:2000], aliases[:2000])  # warm the token cache as a user's second batch would be
    ours = timed(lambda: model.predict_batch(texts, targets, aliases, progress=False), args.repeats)

    # plain TF-IDF word + char n-grams + LinearSVC, trained on train
    train = data["train"]
    wv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    tr = list(train["text"])
    svm = LinearSVC(C=0.3).fit(hstack([wv.fit_transform(tr), cv.fit_transform(tr)]).tocsr(), list(train["stance"]))
    plain = timed(lambda: svm.predict(hstack([wv.transform(texts), cv.transform(texts)]).tocsr()), args.repeats)

    rows = [("stance (stance + sentiment)", ours), ("tfidf word+char + LinearSVC (stance only)", plain)]
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("VADER not installed (pip install 'stancelens[bench]'); skipping it")
    else:
        vader = SentimentIntensityAnalyzer()
        rows.append(("VADER polarity_scores (sentiment only)", timed(lambda: [vader.polarity_scores(t) for t in texts], args.repeats)))

    print(f"\n{'system':<44} {'statements/s':>13} {'speed vs stance':>16}")
    for name, secs in rows:
        print(f"{name:<44} {n / secs:>13,.0f} {ours / secs:>16.2f}")

    # training time of the recipe's configuration, peak memory
    if model.metadata.get("recipe") == "training/semeval2016.py":
        cfg = TrainConfig.from_dict(model.metadata.get("config") or {})
        pairs, y, sentiment = training_arrays(train)
        t0 = time.perf_counter()
        StanceModel.fit(pairs, y, sentiment, cfg, progress=False)
        print(f"\ntraining ({len(pairs):,} statements, recipe configuration): {time.perf_counter() - t0:.1f} s")
    else:
        print(f"\ntraining: see {model.metadata.get('recipe')} (recorded: {model.metadata.get('train_seconds')} s)")
    tracemalloc.start()
    model.predict_batch(texts[:20000], targets[:20000], aliases[:20000])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python allocations while predicting 20,000 statements: {peak / 1e6:.0f} MB")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
