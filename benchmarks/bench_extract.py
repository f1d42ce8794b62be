"""Speed of :func:`stance.extraction.extract_statements` on PolNeAR dev (84 articles), single process.

Usage::

    python benchmarks/bench_extract.py [--data-dir DIR] [--split dev] [--repeat 5] [--rules-only]

Prints articles per second (best of ``--repeat`` passes over every article) and characters per
second, for the full extractor (rules + learned cues; the model is loaded before timing, as it is
once per process) or, with ``--rules-only``, for the rules alone. Then how time grows with the length
of one text: a paragraph written for this benchmark repeated 50 and 500 times (the ratio of the times; 10 means
linear, 100 quadratic), and all the articles of the split joined into one text, once and 4 times
(4 = linear, 16 quadratic; CPU time of the process, which other jobs on the machine disturb less
than wall-clock time). The corpus is read from ``DIR/polnear`` (default ``$STANCE_DATA_DIR`` or ``../shared/data``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

try:  # run from a checkout without installing
    import stance  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stance.corpora._paths import resolve_data_dir
from stance.extraction import extract_statements
from stance.extraction.polnear import load_polnear


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rules-only", action="store_true", help="time the rules without the learned-cue model")
    args = ap.parse_args(argv)
    if args.rules_only:
        from stance.extraction.pipeline import extract as _extract

        def extract(text: str) -> list:
            return _extract(text, model=None)
    else:
        extract = extract_statements
    extract("Warm-up: the model is loaded once per process, she said.")
    articles = load_polnear(resolve_data_dir(args.data_dir) / "polnear", args.split)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    if args.rules_only:
        runs = [("rules only", extract)]
    else:
        # the baseline in the same process: the learned cues without the convolutional tagger (as before round 10)
        import json

        from stance.extraction import _model as M
        from stance.extraction.pipeline import extract as _extract

        linear = M._Model(json.loads(M.MODEL_FILE.read_text(encoding="utf-8")))
        runs = [("rules + learned cues (linear + tagger)", extract),
                ("rules + learned cues, linear model alone", lambda t: _extract(t, model=linear))]
    best = {name: float("inf") for name, _ in runs}
    n_statements = {name: 0 for name, _ in runs}
    for _ in range(max(1, args.repeat)):
        for name, fn in runs:  # alternate, so that both see the same load on a shared machine
            t0 = time.perf_counter()
            n_statements[name] = sum(len(fn(t)) for t in texts)
            best[name] = min(best[name], time.perf_counter() - t0)
    for name, _ in runs:
        print(
            f"{name}, PolNeAR {args.split}: {len(texts)} articles, {chars} characters, {n_statements[name]} statements; "
            f"best of {args.repeat}: {best[name]:.3f} s = {len(texts) / best[name]:.1f} articles/s, "
            f"{chars / best[name] / 1e6:.2f} M chars/s (single process, Python {sys.version.split()[0]})"
        )
    if len(runs) > 1:
        print(f"time ratio, with the tagger / without: {best[runs[0][0]] / best[runs[1][0]]:.2f}")
    small, big = SCALING_PARAGRAPH * 50, SCALING_PARAGRAPH * 500
    t_small, t_big = (_best_time(extract, t, args.repeat) for t in (small, big))
    print(f"one text of {len(small):,} vs {len(big):,} characters: {t_small:.3f} s vs {t_big:.3f} s, "
          f"ratio {t_big / t_small:.1f} for 10x the text (10 = linear)")
    joined = "\n\n".join(texts)
    t_one, t_four = (_best_time(extract, t, min(args.repeat, 3), time.process_time) for t in (joined, "\n\n".join([joined] * 4)))
    print(f"the {len(texts)} articles as one text of {len(joined):,} characters, once vs 4 times: {t_one:.2f} s vs "
          f"{t_four:.2f} s of CPU, ratio {t_four / t_one:.1f} for 4x the text (4 = linear)")
    return 0


#: A paragraph written for this benchmark (a quote, reported speech, "according to").
SCALING_PARAGRAPH = (
    "“The harbour will stay open,” port director Elin Berg said on Friday. She said the cranes "
    "had been repaired. Traffic rose 4 percent, according to the port authority.\n\n"
)


def _best_time(extract: Any, text: str, repeat: int, clock: Any = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = clock()
        extract(text)
        best = min(best, clock() - t0)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
