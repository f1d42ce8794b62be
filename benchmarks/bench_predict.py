"""Throughput of stance + sentiment prediction beside VADER and a plain TF-IDF + LinearSVC pipeline.

Two parts, each timing every system in this one process on the same statements, single-threaded, ``--repeats``
times (median reported, with ratios):

1. **The issue's protocol:** SemEval-2016 test repeated to at least ``--n`` statements (100,000), each with its own
   target. After the first copy every word is in the model's token caches, so this is throughput on familiar text.
2. **New text:** distinct tweets (SemEval-2016 train and test, SemEval-2017 4A train, TweetEval test; duplicates
   removed; up to ``--n-new``), each paired with one of the five SemEval-2016 targets in turn, predicted by a freshly
   loaded model with empty caches (a first pass, as when a user labels a new corpus). VADER, timed right after in
   the same repeat, keeps no caches.

For a model with an encoder (the default model), parts 1 and 2 time its linear part (``default-linear``: the
same file with the encoder off), and part 3 times the whole model on ``--n-encoder`` distinct tweets beside it:
the encoder reads every statement through a transformer, hundreds of times slower than the linear part.

Also prints the recipe's training time, the model's size on disk, its load time and peak memory.

    python benchmarks/bench_predict.py [--model semeval2016|default|PATH] [--n 100000] [--n-new 60000] [--n-encoder 2000] [--repeats 3]
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
    for cache in (stance_text._CHUNKS, stance_text._MAIN_NORMS, stance_text._EXTRA_NORMS, stance_text._RAW_TOKENS, stance_text._MENTION_FORMS):
        cache.clear()
    return stance.load(path)


def _table(rows: list[tuple[str, float]], n: int, ours: float) -> None:
    print(f"{'system':<44} {'statements/s':>13} {'speed vs stance':>16}")
    for name, secs in rows:
        print(f"{name:<44} {n / secs:>13,.0f} {ours / secs:>16.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="semeval2016", help="built-in model name or path (default: semeval2016)")
    ap.add_argument("--n", type=int, default=100_000, help="part 1: at least this many statements (default 100,000)")
    ap.add_argument("--n-new", type=int, default=60_000, help="part 2: at most this many distinct tweets (default 60,000; about 64,000 exist)")
    ap.add_argument("--n-encoder", type=int, default=2000, help="part 3 (models with an encoder): distinct tweets (default 2,000)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    data = load_corpus("semeval2016")
    train, test = data["train"], data["test"]
    path = MODELS_DIR / BUILTIN_MODELS[args.model] if args.model in BUILTIN_MODELS else Path(args.model)
    linear_only = args.model == "default-linear"
    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        model = stance.load(path)
        loads.append(time.perf_counter() - t0)
    print(f"model {path.name}: {path.stat().st_size / 1e6:.1f} MB on disk, load {statistics.median(loads) * 1000:.0f} ms (median of 5)")
    full = model
    if model.encoder is not None:
        model = model.without_encoder()
        if not linear_only:
            print("parts 1 and 2 time its linear part (default-linear); part 3 the whole model with its encoder")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("VADER not installed (pip install 'stancelens[bench]'); skipping it")
        vader = None
    else:
        vader = SentimentIntensityAnalyzer()

    # ---- part 1: the protocol (test set repeated)
    reps = -(-args.n // len(test))
    texts = list(test["text"]) * reps
    targets = list(test["target"]) * reps
    aliases = [tuple(a) for a in test["aliases"]] * reps
    n = len(texts)
    print(f"\n1. SemEval-2016 test x {reps} = {n:,} statements, single process, median of {args.repeats} runs")
    model.predict_batch(texts[:2000], targets[:2000], aliases[:2000])  # warm the token cache as a user's second batch would be
    wv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    tr = list(train["text"])
    svm = LinearSVC(C=0.3).fit(hstack([wv.fit_transform(tr), cv.fit_transform(tr)]).tocsr(), list(train["stance"]))
    systems = [
        ("stance (stance + sentiment)", lambda: model.predict_batch(texts, targets, aliases, progress=False)),
        ("tfidf word+char + LinearSVC (stance only)", lambda: svm.predict(hstack([wv.transform(texts), cv.transform(texts)]).tocsr())),
    ]
    if vader is not None:
        systems.append(("VADER polarity_scores (sentiment only)", lambda: [vader.polarity_scores(t) for t in texts]))
    # one run of every system per repeat, so that all of them see the same machine load
    times: dict[str, list[float]] = {name: [] for name, _ in systems}
    for _ in range(args.repeats):
        for name, fn in systems:
            times[name].append(timed(fn, 1))
    rows = [(name, statistics.median(ts)) for name, ts in times.items()]
    _table(rows, n, rows[0][1])

    # ---- part 2: new text, first pass on a fresh model; VADER right after in the same repeat
    tweets = load_corpus("semeval2017")
    pool = [*train["text"], *test["text"], *tweets["train"]["text"], *tweets["test"]["text"]]
    new_texts = list(dict.fromkeys(pool))[: args.n_new]
    names = sorted(set(train["target"]))
    alias_of = {t: tuple(a) for t, a in zip(train["target"], train["aliases"])}
    new_targets = [names[i % len(names)] for i in range(len(new_texts))]
    new_aliases = [alias_of[t] for t in new_targets]
    m = len(new_texts)
    print(f"\n2. {m:,} distinct tweets, each predicted once by a freshly loaded model (empty caches), median of {args.repeats} runs")
    first, vader_times = [], []
    for _ in range(args.repeats):
        fresh = _fresh(path)
        fresh = fresh.without_encoder() if fresh.encoder is not None else fresh
        t0 = time.perf_counter()
        fresh.predict_batch(new_texts, new_targets, new_aliases, progress=False)
        first.append(time.perf_counter() - t0)
        if vader is not None:
            t0 = time.perf_counter()
            [vader.polarity_scores(t) for t in new_texts]
            vader_times.append(time.perf_counter() - t0)
    rows = [("stance, first pass (stance + sentiment)", statistics.median(first))]
    if vader_times:
        rows.append(("VADER polarity_scores (sentiment only)", statistics.median(vader_times)))
    _table(rows, m, statistics.median(first))

    # ---- part 3: the whole model, encoder included, on new text
    if full.encoder is not None and not linear_only:
        k = min(args.n_encoder, m)
        enc_texts, enc_targets, enc_aliases = new_texts[:k], new_targets[:k], new_aliases[:k]
        print(f"\n3. {k:,} distinct tweets, the whole model (encoder share {full.encoder_weight}) beside its linear part, median of {args.repeats} runs")
        times = {"stance with encoder (stance + sentiment)": [], "its linear part alone": []}
        for _ in range(args.repeats):
            times["stance with encoder (stance + sentiment)"].append(timed(lambda: full.predict_batch(enc_texts, enc_targets, enc_aliases, progress=False), 1))
            times["its linear part alone"].append(timed(lambda: model.predict_batch(enc_texts, enc_targets, enc_aliases, progress=False), 1))
        rows = [(name, statistics.median(ts)) for name, ts in times.items()]
        _table(rows, k, rows[0][1])

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
