"""Throughput of stance + sentiment prediction beside VADER and a plain TF-IDF + LinearSVC pipeline.

The statements are distinct tweets (SemEval-2016 Task 6 train and test, then SemEval-2017 4A train and
TweetEval test; duplicates removed; up to ``--n``), each paired with one of the five SemEval-2016 targets in
turn. All systems run in this one process on the same statements, single-threaded; each is timed
``--repeats`` times and the median is reported with the ratios.

Ours is timed twice per repeat. **First pass:** a freshly loaded model with empty token caches, as when a
user labels a new corpus. **Second pass:** the same statements again, caches warm (every word seen), as a
long-running service over similar text approaches. VADER and the TF-IDF pipeline keep no caches.
Also prints the recipe's training time, the model's size on disk, its load time and peak memory.

    python benchmarks/bench_predict.py [--model semeval2016|default|PATH] [--n 60000] [--repeats 3]
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
import stance.text as stance_text  # noqa: E402
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


def _fresh(path: Path) -> StanceModel:
    """A newly loaded model with the tokenizer's module-level caches emptied: nothing seen yet."""
    for cache in (stance_text._CHUNKS, stance_text._RAW_TOKENS, stance_text._MENTION_FORMS):
        cache.clear()
    return stance.load(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="semeval2016", help="built-in model name or path (default: semeval2016)")
    ap.add_argument("--n", type=int, default=60_000, help="at most this many statements (default 60,000; about 64,000 are available)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    data = load_corpus("semeval2016")
    tweets = load_corpus("semeval2017")
    pool = [*data["train"]["text"], *data["test"]["text"], *tweets["train"]["text"], *tweets["test"]["text"]]
    texts = list(dict.fromkeys(pool))[: args.n]
    names = sorted(set(data["train"]["target"]))
    alias_of = {t: tuple(a) for t, a in zip(data["train"]["target"], data["train"]["aliases"])}
    targets = [names[i % len(names)] for i in range(len(texts))]
    aliases = [alias_of[t] for t in targets]
    n = len(texts)
    print(f"{n:,} distinct statements (tweets), single process, median of {args.repeats} runs")

    path = MODELS_DIR / BUILTIN_MODELS[args.model] if args.model in BUILTIN_MODELS else Path(args.model)
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        model = stance.load(path)
        loads.append(time.perf_counter() - t0)
    print(f"model {path.name}: {path.stat().st_size / 1e6:.1f} MB on disk, load {statistics.median(loads) * 1000:.0f} ms (median of 5)")

    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("VADER not installed (pip install 'stancelens[bench]'); skipping it")
        vader = None
    else:
        vader = SentimentIntensityAnalyzer()

    # ours (one pass gives both heads): a fresh model with empty caches, then the same statements again;
    # VADER right after in the same repeat, so that both see the same machine load
    first, second, vader_times = [], [], []
    for _ in range(args.repeats):
        model = _fresh(path)
        t0 = time.perf_counter()
        model.predict_batch(texts, targets, aliases, progress=False)
        first.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        model.predict_batch(texts, targets, aliases, progress=False)
        second.append(time.perf_counter() - t0)
        if vader is not None:
            t0 = time.perf_counter()
            [vader.polarity_scores(t) for t in texts]
            vader_times.append(time.perf_counter() - t0)
    ours, warm = statistics.median(first), statistics.median(second)

    # plain TF-IDF word + char n-grams + LinearSVC, trained on train
    train = data["train"]
    wv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    tr = list(train["text"])
    svm = LinearSVC(C=0.3).fit(hstack([wv.fit_transform(tr), cv.fit_transform(tr)]).tocsr(), list(train["stance"]))
    plain = timed(lambda: svm.predict(hstack([wv.transform(texts), cv.transform(texts)]).tocsr()), args.repeats)

    rows = [
        ("stance, first pass (stance + sentiment)", ours),
        ("stance, second pass, caches warm", warm),
        ("tfidf word+char + LinearSVC (stance only)", plain),
    ]
    if vader_times:
        rows.append(("VADER polarity_scores (sentiment only)", statistics.median(vader_times)))

    print(f"\n{'system':<44} {'statements/s':>13} {'vs first pass':>14} {'vs second pass':>15}")
    for name, secs in rows:
        print(f"{name:<44} {n / secs:>13,.0f} {ours / secs:>14.2f} {warm / secs:>15.2f}")

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
