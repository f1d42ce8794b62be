"""Statements per second of the default model (linear part + encoder) beside its linear part and VADER.

Three kinds of text: news sentences (NewsMTSC devtest_rw + devtest_mt), tweets (SemEval-2016 test) and long comments
(VAST test), ``--n`` statements of each, with their own targets. Every configuration runs in a fresh worker process
(clean caches, thread pools and peak memory) that loads the model, warms it up on a few other statements (the ONNX
Runtime session is built then), and times, ``--repeats`` times, the model's ``predict_batch`` and then VADER's
``polarity_scores`` on the same statements, alternating, so that both see the same machine. Reported: the median
statements/s of each, the model's rate as a share of VADER's (the issue's measure), and the worker's peak resident
memory.

Configurations: the default model on ONNX Runtime (the default when it is installed) and on numpy (the fallback,
and the runtime of stance 0.x before it), each with 1 and 2 threads; ``default-linear`` (one BLAS thread, as the
linear part always runs). Each on a quiet machine and on a loaded one: a busy-loop process keeps one of the cores
busy while the worker runs.

    python benchmarks/bench_encoder.py [--n 400] [--repeats 3] [--kinds news,tweets,comments] [--no-load] [--quick]

Needs the corpora (``$STANCE_DATA_DIR``) and VADER (``pip install 'stancelens[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: (name, model, runtime, threads)
CONFIGS = [
    ("default, onnxruntime, 2 threads", "default", "onnxruntime", 2),
    ("default, onnxruntime, 1 thread", "default", "onnxruntime", 1),
    ("default, numpy, 2 threads", "default", "numpy", 2),
    ("default, numpy, 1 thread", "default", "numpy", 1),
    ("default-linear", "default-linear", "auto", 1),
]


def _statements(kind: str, n: int) -> list[tuple[str, str, list[str]]]:
    from stance.corpora import load_corpus

    if kind == "news":
        d = load_corpus("newsmtsc")
        rows = [*d["devtest_rw"], *d["devtest_mt"]]
    elif kind == "tweets":
        rows = list(load_corpus("semeval2016")["test"])
    elif kind == "comments":
        rows = list(load_corpus("vast")["test"])
    else:
        raise SystemExit(f"unknown kind {kind!r}; give news, tweets or comments")
    # every k-th row, so that the sample spans the split rather than its first stories
    step = max(1, len(rows) // (n + 20))
    picked = rows[::step]
    return [(r["text"], r["target"], list(r["aliases"] or ())) for r in picked[: n + 20]]


def worker(spec: dict) -> dict:
    """Time one configuration (run in its own process)."""
    import stance
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rows = spec["rows"]
    warm, rows = rows[:20], rows[20:]
    texts, targets, aliases = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    model = stance.load(spec["model"], runtime=spec["runtime"], threads=spec["threads"])
    model.predict_batch([r[0] for r in warm], [r[1] for r in warm], [r[2] for r in warm], progress=False)
    vader = SentimentIntensityAnalyzer()
    ours, theirs = [], []
    for _ in range(spec["repeats"]):
        t0 = time.perf_counter()
        model.predict_batch(texts, targets, aliases, progress=False)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            vader.polarity_scores(t)
        theirs.append(time.perf_counter() - t0)
    runtime = model.encoder.runtime if model.uses_encoder else "-"
    return {
        "n": len(texts), "stance_per_s": len(texts) / statistics.median(ours), "vader_per_s": len(texts) / statistics.median(theirs),
        "runtime": runtime, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run(spec: dict, loaded: bool) -> dict:
    env = dict(os.environ)
    threads = str(spec["threads"])
    # the linear part's sparse products and the numpy pass get exactly the threads asked for
    env.update(OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(spec, fh)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if loaded else None
    try:
        time.sleep(0.2 if loaded else 0)
        out = subprocess.run([sys.executable, __file__, "--worker", fh.name], env=env, capture_output=True, text=True, check=False)
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
        os.unlink(fh.name)
    if out.returncode != 0:
        raise SystemExit(f"worker failed for {spec['name']}:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="statements of each kind (default 400)")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each system per configuration (median reported)")
    ap.add_argument("--kinds", default="news,tweets,comments", help="comma-separated: news, tweets, comments")
    ap.add_argument("--no-load", action="store_true", help="skip the runs beside a busy-loop process")
    ap.add_argument("--quick", action="store_true", help="only ONNX Runtime with 2 threads, numpy with 2 threads and default-linear")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(Path(args.worker).read_text()))))
        return 0
    configs = [c for c in CONFIGS if not args.quick or c[3] == 2 or c[1] == "default-linear"]
    loads = [False] if args.no_load else [False, True]
    print(f"{os.cpu_count()} CPUs; load average now {os.getloadavg()[0]:.2f}; {args.n} statements per kind, median of {args.repeats}")
    print(f"{'text':<9} {'machine':<7} {'configuration':<32} {'stance/s':>9} {'VADER/s':>9} {'share of VADER':>15} "
          f"{'vs numpy 2t':>11} {'peak MB':>8}")
    for kind in args.kinds.split(","):
        rows = _statements(kind, args.n)
        for loaded in loads:
            base = None
            results = []
            for name, model, runtime, threads in configs:
                spec = {"name": name, "model": model, "runtime": runtime, "threads": threads, "rows": rows, "repeats": args.repeats}
                r = _run(spec, loaded)
                results.append((name, r))
                if name == "default, numpy, 2 threads":
                    base = r["stance_per_s"] / r["vader_per_s"]
            for name, r in results:
                share = r["stance_per_s"] / r["vader_per_s"]
                vs = f"{share / base:.2f}x" if base else "-"
                print(f"{kind:<9} {'loaded' if loaded else 'quiet':<7} {name:<32} {r['stance_per_s']:>9,.0f} {r['vader_per_s']:>9,.0f} "
                      f"{share:>15.4f} {vs:>11} {r['peak_rss_mb']:>8,.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
