"""What runs the batches: this process, or a Dask cluster (local processes, or an existing cluster by address).

An engine submits ``job(batch)`` and hands back futures (:class:`concurrent.futures.Future` or Dask's), waits for the
first of them to finish, and says how many batches it keeps in flight (:attr:`slots`): the runner submits no more,
so memory holds a bounded number of batches whatever the size of the corpus.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection
from concurrent import futures
from typing import Any

from stance._optional import require_dask
from stance.exceptions import InputError, StanceError

__all__ = ["InProcess", "DaskEngine", "check_engine", "engine_for", "Engine", "WORKER_ENV", "WORKER_DASK_CONFIG"]

_log = logging.getLogger("stance.bulk")

#: Environment of the worker processes of ``--workers N``: one BLAS/OpenMP thread each (one process per core; an
#: oversubscribed BLAS pool makes small products many times slower).
WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

#: Dask settings of the clusters ``--workers N`` starts (``dask.config.set(WORKER_DASK_CONFIG)`` around your own
#: ``LocalCluster`` does the same). Measured on a batch of 100 synthetic articles with default-linear: 0.29 s in a
#: plain process, 0.45 s in a Dask worker as Dask sets it up, 0.32 s with these two. Dask's nannies set
#: MALLOC_TRIM_THRESHOLD_, which switches off glibc's adaptive mmap threshold, so that every array over 128 kB is
#: mapped and unmapped again (None removes it); the statistical profiler samples the task thread every 10 ms. The
#: scheduler, which runs in this process, and the client keep their last ``low-level-log-length`` messages (1,000 by
#: default) for debugging; each holds a whole batch of articles, so this process grew with the run (253 MB at 1,000
#: articles, 575 MB at 100,000): 20 keeps that bounded. The client must be made inside the same settings.
WORKER_DASK_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                      "distributed.worker.profile.enabled": False,
                      "distributed.admin.low-level-log-length": 20}


class InProcess:
    """Run each batch here, when it is submitted."""

    slots = 1
    description = "this process"

    def submit(self, fn: Callable[[Any], Any], batch: Any, key: str) -> futures.Future[Any]:
        fut: futures.Future[Any] = futures.Future()
        try:
            fut.set_result(fn(batch))
        except Exception as exc:  # handed to the runner through the future, as Dask does
            fut.set_exception(exc)
        return fut

    def wait(self, pending: Collection[Any]) -> set[Any]:
        return set(futures.wait(pending, return_when=futures.FIRST_COMPLETED).done)

    def close(self) -> None:
        pass


class DaskEngine:
    """Run batches on the workers of a Dask ``client``; :meth:`close` closes the client unless the caller gave it
    (``owned=False``), and shuts down ``cluster`` (that of ``--workers N``)."""

    def __init__(self, client: Any, cluster: Any = None, description: str = "", owned: bool = True) -> None:
        self.client = client
        self.cluster = cluster
        self.owned = owned
        self.description = description or f"Dask scheduler {client.scheduler.address}"

    @property
    def slots(self) -> int:
        """Two batches per worker thread: one running, one waiting to start as soon as it finishes."""
        threads = sum(self.client.nthreads().values())
        return max(2, 2 * threads)

    def submit(self, fn: Callable[[Any], Any], batch: Any, key: str) -> Any:
        return self.client.submit(fn, batch, key=key, pure=False)

    def wait(self, pending: Collection[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(pending), return_when="FIRST_COMPLETED").done)

    def close(self) -> None:
        """Close the client and cluster this engine started (a client given by the caller stays open)."""
        if self.owned:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


Engine = InProcess | DaskEngine


def check_engine(workers: int | None = None, scheduler: Any = None) -> None:
    """Check the arguments of :func:`engine_for` (and that Dask is installed when they need it) without starting anything."""
    if workers is not None and scheduler is not None:
        raise InputError("give workers (a local cluster) or a scheduler (an existing cluster), not both")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InputError(f"workers is {workers!r}; give a number of worker processes from 1")
    if workers is not None or scheduler is not None:
        require_dask("--workers" if workers is not None else "--scheduler")


def engine_for(workers: int | None = None, scheduler: Any = None) -> Engine:
    """This process (neither given), ``workers`` local worker processes (a Dask ``LocalCluster``, one thread each), or
    the Dask cluster at ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``, or a ``distributed.Client``)."""
    check_engine(workers, scheduler)
    if workers is None:
        return InProcess() if scheduler is None else _existing(scheduler)
    import dask
    from distributed import Client, LocalCluster

    env = {k: os.environ.get(k, v) for k, v in WORKER_ENV.items()}
    # read by the nannies when they are made (and kept for the workers they restart), and by the scheduler's and the
    # client's message streams when they are made
    with dask.config.set(WORKER_DASK_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR, env=env)
        client = Client(cluster)
    return DaskEngine(client, cluster, f"{workers} local worker process{'es' if workers > 1 else ''}")


def _existing(scheduler: Any) -> DaskEngine:
    """The engine of an existing cluster: a ``distributed.Client`` (left open), or its scheduler's address."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return DaskEngine(scheduler, description=f"Dask scheduler {scheduler.scheduler.address}", owned=False)
    try:
        client = Client(str(scheduler), timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise StanceError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); start one (`dask scheduler`, then "
                          "`dask worker ADDRESS` on each machine) or use --workers N for a cluster on this machine") from None
    if not client.nthreads():
        _log.warning("the Dask cluster at %s has no workers yet; the run waits for them", scheduler)
    return DaskEngine(client)
