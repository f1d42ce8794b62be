"""How long `import stance` takes, and what it pulls in (issue 21: under 0.5 s, no scikit-learn).

Each run is a fresh interpreter (`python -X importtime -c "import stance"`); the figure is the median of the
cumulative time the interpreter reports for the `stance` package, beside `import numpy` and `import sklearn`
measured the same way in the same run as baselines.

    python benchmarks/bench_import.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys


def import_seconds(module: str) -> float:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True)
    line = next(ln for ln in reversed(done.stderr.splitlines()) if ln.rstrip().endswith(f"| {module}"))
    return int(line.split("|")[1]) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    for module in ("stance", "numpy", "sklearn"):
        times = [import_seconds(module) for _ in range(args.runs)]
        print(f"import {module:8s} median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)")
    pulled = subprocess.run([sys.executable, "-c", "import sys, stance; print(sorted(m for m in ('numpy', 'sklearn', 'scipy', 'pandas') if m in sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    print(f"heavy modules that `import stance` loads: {pulled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
