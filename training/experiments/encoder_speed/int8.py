"""Experiment (issue 17; docs/any-target.md): int8 matrix products in the encoder, measured and not used.

The whole default model on NewsMTSC devtest_rw (1,146 sentences), ONNX Runtime with 2 threads, with the feed-forward
and attention-output products as ONNX Runtime's DynamicQuantizeMatMul (the stored int8 weights, activations quantized
per batch) against float32: statements/s, the largest change of a stance probability, and how many stance and
sentiment labels change.

    python training/experiments/encoder_speed/int8.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import stance  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.encoder_runtime import OrtEncoder  # noqa: E402


def main() -> int:
    rows = list(load_corpus("newsmtsc")["devtest_rw"])
    texts, targets = [r["text"] for r in rows], [r["target"] for r in rows]
    model = stance.load(runtime="onnxruntime", threads=2)
    base = model.predict_batch(texts, targets, progress=False)
    for variant in ((), ("in_w",), ("in_w", "out_w"), ("ao_w", "in_w", "out_w")):
        enc = model.encoder.with_runtime("onnxruntime", 2)
        enc._ort = OrtEncoder(enc.w, enc._layers, enc.heads, 2, int8=variant)
        model.encoder = enc
        model.predict_batch(texts[:50], targets[:50], progress=False)
        t0 = time.perf_counter()
        got = model.predict_batch(texts, targets, progress=False)
        secs = time.perf_counter() - t0
        worst = max(abs(a.stance_probabilities[k] - b.stance_probabilities[k]) for a, b in zip(got, base) for k in a.stance_probabilities)
        print(f"int8 {'+'.join(variant) or 'none (float32)'}: {len(texts) / secs:.0f} statements/s, max change {worst:.4f}, "
              f"stance labels changed {sum(a.stance != b.stance for a, b in zip(got, base))}, "
              f"sentiment labels changed {sum(a.sentiment != b.sentiment for a, b in zip(got, base))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
