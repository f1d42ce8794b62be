"""Time to write the three evaluation reports (JSON, Markdown, HTML with bootstrap) for SemEval-2016 test.

Usage::

    python benchmarks/bench_reports.py [--data-dir DIR] [--model NAME_OR_PATH] [--resamples 1000] [--repeat 3]

The model (a built-in name or a file; by default one trained here on SemEval-2016 train, about 5 s, not
timed) predicts the 1,249-tweet test set once (not timed). Then ``write_reports`` (report.json,
report.md) and ``write_html`` (report.html: 95% bootstrap intervals of every headline, per-label and
per-target figure with ``--resamples`` resamples, calibration, example tables, SVG charts) run
``--repeat`` times; the best and median wall-clock times of writing all three are printed, with the
time of each part. Aim: under 10 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:  # run from a checkout without installing
    import stance  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import stance
from stance.corpora import load_corpus
from stance.evaluation import evaluate_model, write_reports
from stance.reporting import write_html


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None, help="folder holding the corpora (default: $STANCE_DATA_DIR or ../shared/data)")
    ap.add_argument("--model", default=None, help="built-in model name or model file (default: train one on SemEval-2016 train)")
    ap.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions (default: 3)")
    args = ap.parse_args(argv)
    data = load_corpus("semeval2016", args.data_dir)
    model = stance.load(args.model) if args.model else stance.train(data["train"], corpora=["semeval2016"])
    report = evaluate_model(model, data["test"], corpus="semeval2016", split="test")
    totals, parts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            write_reports(report, tmp)
            t1 = time.perf_counter()
            html = write_html(report, tmp, n_resamples=args.resamples)
            t2 = time.perf_counter()
            totals.append(t2 - t0)
            parts.append((t1 - t0, t2 - t1))
        size = html.stat().st_size
    best = min(range(len(totals)), key=totals.__getitem__)
    print(f"statements        {report['n']:,} (semeval2016 test)")
    print(f"bootstrap         {args.resamples:,} resamples")
    print(f"json + markdown   {parts[best][0]:.2f} s")
    print(f"html              {parts[best][1]:.2f} s ({size / 1024:.0f} KiB)")
    print(f"all three reports {totals[best]:.2f} s best, {statistics.median(totals):.2f} s median of {len(totals)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
