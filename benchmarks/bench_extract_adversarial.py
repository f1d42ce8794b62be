"""Extraction time on hostile texts: how it grows from 0.1 to 0.4 MB (issue 18, item 7).

Usage::

    python benchmarks/bench_extract_adversarial.py [--sizes 0.1 0.2 0.4] [--repeat 3] [--only NAME ...]

For each generator of ``tests/unit/adversarial_text.py`` (long runs of ``He said "``, of cue words, of
unpunctuated words, of unmatched quote marks, one very long quotation, and ordinary attributed
sentences as a control), prints the CPU time of the process to extract the text at each size (median
of ``--repeat`` runs; other jobs on the machine disturb it less than wall-clock time), the wall-clock
time of the largest size, and the ratio of the times at the largest and the smallest size (4 for
0.1 -> 0.4 MB is linear, 16 quadratic). The learned-cue model is loaded before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
try:  # run from a checkout without installing
    import stance  # noqa: F401
except ImportError:
    sys.path.insert(0, str(_ROOT))
sys.path.insert(0, str(_ROOT / "tests" / "unit"))  # the generators, shared with the tests

from adversarial_text import GENERATORS  # noqa: E402

from stance.extraction import extract_statements  # noqa: E402


def _time(text: str, repeat: int) -> tuple[float, float]:
    """Median CPU seconds and median wall-clock seconds over ``repeat`` extractions of ``text``."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        extract_statements(text)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.2, 0.4], help="sizes in MB (10^6 characters)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="+", choices=sorted(GENERATORS), help="time these generators only")
    args = ap.parse_args(argv)
    sizes = sorted(args.sizes)
    extract_statements("Warm-up: the model is loaded once per process, she said.")
    head = " | ".join(f"{s:g} MB" for s in sizes)
    print(f"| generator | {head} | wall at {sizes[-1]:g} MB | ratio {sizes[-1]:g}/{sizes[0]:g} MB |")
    print("|---" * (len(sizes) + 3) + "|")
    for name in args.only or list(GENERATORS):
        cpu: list[float] = []
        wall = 0.0
        for size in sizes:
            c, wall = _time(GENERATORS[name](int(size * 1e6)), args.repeat)
            cpu.append(c)
        cells = " | ".join(f"{c:.2f} s" for c in cpu)
        print(f"| {name} | {cells} | {wall:.2f} s | {cpu[-1] / cpu[0]:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
