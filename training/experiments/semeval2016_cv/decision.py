"""Decision-rule offsets for F_avg: is argmax of the calibrated probabilities the best rule? (train CV only)

F_avg scores only FAVOR and AGAINST, so predicting NONE a little less (or more) often than argmax does may pay.
For each fold seed whose out-of-fold probabilities exist (``python baseline.py SEED`` writes them), the offsets
``(a, f)`` added to log P(AGAINST) and log P(FAVOR) are chosen on the out-of-fold rows of four folds (grid
-1..1, step 0.05, best pooled F_avg) and applied to the fifth; ``--per-target`` chooses them per target.
Prints pooled F_avg of argmax and of the offset rule per seed, and the mean gain.

    python decision.py 0 1 2 3 4 5 6 7 8 9
"""

from __future__ import annotations

import sys

import numpy as np

from common import LABELS, OOF, folds, load_train

GRID = np.round(np.arange(-1.0, 1.0001, 0.05), 2)


def f_avg_np(y: np.ndarray, p: np.ndarray) -> float:
    """``stance.evaluation.f_avg`` on label indices (0 AGAINST, 1 FAVOR), in numpy: the grid search calls it
    tens of thousands of times, where scikit-learn's f1_score would take minutes per seed."""
    out = []
    for c in (0, 1):  # AGAINST, FAVOR
        tp = np.sum((p == c) & (y == c))
        fp = np.sum((p == c) & (y != c))
        fn = np.sum((p != c) & (y == c))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return 100 * float(np.mean(out))


def best_offsets(L: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best, arg = -1.0, (0.0, 0.0)
    for a in GRID:
        for f in GRID:
            s = f_avg_np(y, (L + np.array([a, f, 0.0])).argmax(1))
            if s > best + 1e-9 or (abs(s - best) <= 1e-9 and abs(a) + abs(f) < abs(arg[0]) + abs(arg[1])):
                best, arg = s, (a, f)
    return arg


def main(seeds: list[int], per_target: bool) -> None:
    pairs, y_lab = load_train()
    y = np.array([list(LABELS).index(v) for v in y_lab])
    targets = np.array([p.target for p in pairs])
    gains = []
    for seed in seeds:
        path = OOF / f"baseline_model_s{seed}.npy"
        if not path.exists():
            print(f"seed {seed}: no {path}; run python baseline.py {seed}")
            continue
        L = np.log(np.clip(np.load(path), 1e-9, 1))
        pred = np.zeros(len(y), dtype=int)
        for a_idx, b_idx in folds(pairs, y_lab, seed):
            groups = sorted(set(targets)) if per_target else [None]
            for t in groups:
                fit_rows = a_idx if t is None else a_idx[targets[a_idx] == t]
                app_rows = b_idx if t is None else b_idx[targets[b_idx] == t]
                off = best_offsets(L[fit_rows], y[fit_rows])
                pred[app_rows] = (L[app_rows] + np.array([off[0], off[1], 0.0])).argmax(1)
        base = f_avg_np(y, L.argmax(1))
        new = f_avg_np(y, pred)
        gains.append(new - base)
        print(f"seed {seed}: argmax {base:.2f}, offsets {new:.2f} ({new - base:+.2f})", flush=True)
    if gains:
        print(f"mean gain over {len(gains)} seeds: {np.mean(gains):+.2f} (better on {sum(g > 0 for g in gains)})")


if __name__ == "__main__":
    args = sys.argv[1:]
    main([int(a) for a in args if a.isdigit()], "--per-target" in args)
