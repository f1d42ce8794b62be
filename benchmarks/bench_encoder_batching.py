"""Experiment (issue 17; docs/any-target.md, "Speed: the encoder's runtime"): padding and speed of the encoder's
batching on NewsMTSC devtest (rw + mt, 2,622 sentences), ONNX Runtime with 2 threads, encoder alone.

    python benchmarks/bench_encoder_batching.py [--repeats 2]

Prints the share of word pieces that are padding for chunks of 256 / 1,024 / 4,096 sorted statements cut into fixed
batches of 8 / 16 / 32, then statements/s for fixed batches of 16 / 32 / 64 in chunks of 256 / 1,024 / 2,048, and for
word-piece budgets of 256 to 1,536 in chunks of 2,048 (the shipped rule, stance.encoder._length_batches).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import stance  # noqa: E402
import stance.encoder as E  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    d = load_corpus("newsmtsc")
    rows = [*d["devtest_rw"], *d["devtest_mt"]]
    enc = stance.load(runtime="onnxruntime", threads=2).encoder
    pairs = [E.encoder_input(r["text"], r["target"], r["aliases"], (r["span_start"], r["span_end"])) for r in rows]
    firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
    lengths = np.array([len(enc.tokenizer.pair(a, b)[0]) for a, b in pairs])
    print(f"{len(rows)} sentences, mean {lengths.mean():.1f} word pieces")
    for chunk in (256, 1024, 4096):
        for batch in (8, 16, 32):
            total = pad = 0
            for s in range(0, len(lengths), chunk):
                c = np.sort(lengths[s : s + chunk])
                for b in range(0, len(c), batch):
                    x = c[b : b + batch]
                    total += int(x.max()) * len(x)
                    pad += int(x.max()) * len(x) - int(x.sum())
            print(f"padding, chunks of {chunk}, batches of {batch}: {pad / total:.3f}")
    total = pad = 0
    for s in range(0, len(lengths), 2048):
        part = [int(x) for x in lengths[s : s + 2048]]
        for idx in E._length_batches(part):
            longest = max(part[i] for i in idx)
            total += longest * len(idx)
            pad += longest * len(idx) - sum(part[i] for i in idx)
    print(f"padding, chunks of 2048, budget {E.BATCH_TOKENS} word pieces (shipped): {pad / total:.3f}")
    enc.forward(firsts[:64], seconds[:64])  # builds the session

    def rate(chunk: int, tokens: int, rows: int) -> float:
        best = float("inf")
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            for s in range(0, len(firsts), chunk):
                enc.forward(firsts[s : s + chunk], seconds[s : s + chunk], batch_tokens=tokens, batch_rows=rows)
            best = min(best, time.perf_counter() - t0)
        return len(firsts) / best

    for chunk in (256, 1024, 2048):
        for batch in (16, 32, 64):  # fixed batches of ``batch`` rows: no word-piece budget
            print(f"fixed batches of {batch}, chunks of {chunk}: {rate(chunk, 10**9, batch):.0f} statements/s")
    for budget in (256, 512, 768, 1024, 1536):
        print(f"budget {budget} word pieces, chunks of 2048: {rate(2048, budget, E.BATCH_ROWS):.0f} statements/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
