"""Corpus runs on Dask: throughput with 1 and 2 worker processes, and peak memory per worker as the corpus grows.

Throughput: synthetic articles (stance.synthetic) in a JSON lines file, analyzed toward two targets by
``stance.bulk.analyze`` on a Dask ``LocalCluster`` of 1 worker process and of 2 (one thread each), and, for reference,
in this process without Dask. Each cluster is started, and its workers have loaded the model, before the timed runs
(a warm-up run on a few articles), so the rate is that of a long run; each timed run writes a new output folder, as a
user's run does. Reported: the median articles/s of ``--repeats`` runs of each, the ratio 2 workers / 1 worker
(aim: at least 1.7 on a 2-core machine), and whether the three wrote the same rows, row for row (the issue's check
on 2,000 articles; the tests check it on 300).

Memory: for each corpus size of the tier, a fresh process runs ``stance.bulk.analyze`` on a fresh cluster of 2
workers and reports the peak resident memory of each worker process and of the driver (the process that reads the
input, writes the output and, for a ``LocalCluster``, runs Dask's scheduler), and the driver's share of the CPU time
of the run (what limits how many workers one driver can feed). Aim: memory flat from 1,000 articles to 100,000.

Tiers (``--tier``): ``smoke`` (checks that the script runs: 300 articles; memory at 200 and 600), ``fast`` (the
default: 2,000 articles, memory at 1,000 and 10,000), ``full`` (10,000 articles; memory at 1,000, 10,000 and
100,000: about an hour on two cores with ``default-linear``). Then the arithmetic for a million articles at the
measured rate.

    python benchmarks/bench_dask.py [--tier fast] [--model default-linear] [--repeats 3] [--batch-size 100]

Needs ``pip install 'stancelens[dask]'``. Run it on a quiet machine: a busy core halves the 2-worker rate.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: (articles timed, memory sizes) of each tier.
TIERS = {"smoke": (300, (200, 600)), "fast": (2_000, (1_000, 10_000)), "full": (10_000, (1_000, 10_000, 100_000))}
TARGETS = ["the coalition", "the wind farm"]
ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _cpu_seconds() -> float:
    """This process's CPU time (user + system) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is in kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _corpus(folder: Path, n: int) -> Path:
    from stance.synthetic import write_corpus

    path = folder / f"articles-{n}.jsonl"
    if not path.exists():
        write_corpus(path, n, seed=2024)
    return path


@contextmanager
def _cluster(workers: int) -> Iterator[Any]:
    """A LocalCluster and its client as ``--workers N`` makes them: one thread per worker, stance's Dask settings
    (read when the cluster and the client are made)."""
    import dask
    from distributed import Client, LocalCluster

    from stance.bulk import WORKER_DASK_CONFIG

    with dask.config.set(WORKER_DASK_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR, env=ENV)
        client = Client(cluster)
    with cluster, client:
        yield client


def _timed(inputs: Path, out: Path, model: str, batch_size: int, **engine: object) -> float:
    from stance import bulk

    t0 = time.perf_counter()
    report = bulk.analyze(inputs, out, TARGETS, model=model, batch_size=batch_size, progress=False, **engine)
    seconds = time.perf_counter() - t0
    assert report.resumed == 0 and report.failed == 0, report
    return report.records / seconds


def throughput(folder: Path, n: int, model: str, batch_size: int, repeats: int) -> tuple[dict[str, list[float]], dict[str, Path]]:
    """Articles/s of each configuration, one value per timed run, and the output folder of its last run."""

    inputs, warm = _corpus(folder, n), _corpus(folder, 50)
    rates: dict[str, list[float]] = {}
    outputs: dict[str, Path] = {}
    runs = 0

    def out() -> Path:
        nonlocal runs
        runs += 1
        return folder / f"out-{runs}"

    _timed(warm, out(), model, batch_size)  # the model loaded in this process too
    rates["this process, no Dask"] = [_timed(inputs, out(), model, batch_size) for _ in range(repeats)]
    outputs["this process, no Dask"] = folder / f"out-{runs}"
    for workers in (1, 2):
        with _cluster(workers) as client:
            _timed(warm, out(), model, 10, scheduler=client)  # every worker loads the model
            name = f"{workers} worker{'s' if workers > 1 else ''}"
            rates[name] = [_timed(inputs, out(), model, batch_size, scheduler=client) for _ in range(repeats)]
            outputs[name] = folder / f"out-{runs}"
    return rates, outputs


def same_rows(outputs: dict[str, Path]) -> tuple[bool, int]:
    """Whether every output folder holds the same table, row for row, and its number of rows."""
    import pyarrow.parquet as pq

    tables = [pq.read_table(p) for p in outputs.values()]
    return all(t.equals(tables[0]) for t in tables[1:]), tables[0].num_rows


def memory_run(n: int, model: str, batch_size: int, folder: Path) -> dict[str, object]:
    """In this (fresh) process: analyze ``n`` articles on a fresh 2-worker cluster; peak memory of each process."""

    from stance import bulk

    inputs = _corpus(folder, n)
    with _cluster(2) as client:
        client.run(lambda: None)  # the workers are up
        cpu0, workers_cpu0, t0 = _cpu_seconds(), sum(client.run(_cpu_seconds).values()), time.perf_counter()
        report = bulk.analyze(inputs, folder / f"mem-out-{n}", TARGETS, model=model, batch_size=batch_size, scheduler=client,
                              progress=False)
        seconds = time.perf_counter() - t0
        driver_cpu, workers_cpu = _cpu_seconds() - cpu0, sum(client.run(_cpu_seconds).values()) - workers_cpu0
        workers = sorted(client.run(_peak_mb).values())
    return {"n": n, "rows": report.rows, "seconds": seconds, "workers_mb": workers, "driver_mb": _peak_mb(),
            "driver_cpu_share": driver_cpu / max(driver_cpu + workers_cpu, 1e-9)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tier", choices=sorted(TIERS), default="fast", help="sizes to run (default: fast)")
    ap.add_argument("--model", default="default-linear", help="built-in model name or model file (default: default-linear)")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each configuration (median reported; default 3)")
    ap.add_argument("--batch-size", type=int, default=100, help="articles per batch (default 100)")
    ap.add_argument("--only", choices=("throughput", "memory"), default=None, help="one part of the benchmark")
    ap.add_argument("--memory-run", type=int, default=None, help=argparse.SUPPRESS)  # a child process of the memory part
    ap.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    os.environ.update(ENV)
    if args.memory_run is not None:
        print(json.dumps(memory_run(args.memory_run, args.model, args.batch_size, Path(args.folder))))
        return 0
    n, sizes = TIERS[args.tier]
    print(f"{os.cpu_count()} CPUs; load average now {os.getloadavg()[0]:.2f}; model {args.model}; tier {args.tier}; "
          f"batches of {args.batch_size} articles; targets {TARGETS}")
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        folder = Path(tmp)
        rate2 = None
        if args.only in (None, "throughput"):
            rates, outputs = throughput(folder, n, args.model, args.batch_size, args.repeats)
            print(f"\nthroughput, {n:,} synthetic articles, median of {args.repeats} (clusters started and the model loaded "
                  "before timing):")
            for name, values in rates.items():
                print(f"  {name:<22} {statistics.median(values):8.1f} articles/s   (runs: {', '.join(f'{v:.1f}' for v in values)})")
            rate1, rate2 = statistics.median(rates["1 worker"]), statistics.median(rates["2 workers"])
            print(f"  ratio 2 workers / 1 worker: {rate2 / rate1:.2f} (aim: at least 1.7 on a 2-core machine)")
            same, rows = same_rows(outputs)
            print(f"  the same {rows:,} rows, row for row, from this process, 1 worker and 2 workers: {'yes' if same else 'NO'}")
            if not same:
                return 1
        if args.only in (None, "memory"):
            print("\npeak resident memory, a fresh 2-worker cluster per corpus size:")
            results = []
            for size in sizes:
                cmd = [sys.executable, __file__, "--memory-run", str(size), "--model", args.model, "--batch-size", str(args.batch_size),
                       "--folder", str(folder)]
                done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **ENV}, check=False)
                if done.returncode != 0:
                    print(done.stderr, file=sys.stderr)
                    return 1
                r = json.loads(done.stdout.strip().splitlines()[-1])
                results.append(r)
                print(f"  {r['n']:>9,} articles ({r['rows']:,} rows, {r['seconds']:.0f} s): workers "
                      f"{' / '.join(f'{m:.0f}' for m in r['workers_mb'])} MB, driver {r['driver_mb']:.0f} MB; the driver's share "
                      f"of the CPU time (reading, writing, Dask's scheduler): {100 * r['driver_cpu_share']:.1f}%")
            first, last = results[0], results[-1]
            print(f"  largest / smallest corpus: workers {max(last['workers_mb']) / max(first['workers_mb']):.2f}, driver "
                  f"{last['driver_mb'] / first['driver_mb']:.2f} (aim: flat, 1.0)")
        if rate2:
            hours = 1_000_000 / rate2 / 3600
            print(f"\na million articles at {rate2:.0f} articles/s (2 workers here): {hours:.1f} h on this machine; on k such "
                  f"machines about {hours:.1f}/k h, while the driver keeps up: with s its share of the CPU time (above), it "
                  "needs s / (1 - s) of a core per busy worker (docs/dask.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
