"""Dask as the engine: the same rows, row for row, from one process, ``--workers 2`` and a Dask ``LocalCluster``; each
worker loads the model once; a worker killed in the middle of a run loses nothing; ``stance.dask`` returns lazy Dask
dataframes whose partitions are the pandas functions' results; without Dask the error names the extra to install."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import stance
import stance.dask
from corpus_fixtures import MODEL, N_ARTICLES, THREAD_ENV, TARGETS, corpus, subprocess_env, table_rows  # noqa: F401
from stance import bulk
from stance.bulk import WORKER_DASK_CONFIG
from stance.bulk._jobs import _load_once
from stance.bulk._manifest import JOURNAL
from stance.cli import main
from stance.exceptions import InputError
from stance.tidy import COLUMNS


@pytest.fixture(scope="module")
def client():
    """A Dask cluster of two worker processes, one thread each, on this machine."""
    with dask.config.set(WORKER_DASK_CONFIG):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR,
                               env=THREAD_ENV)
    with cluster, Client(cluster) as c:
        yield c


def test_one_process_two_workers_and_a_local_cluster_give_the_same_rows(corpus, client, tmp_path, capsys) -> None:  # noqa: F811
    base = ["analyze", str(corpus["path"]), "--target", TARGETS[0], "--target", TARGETS[1], "--model", MODEL, "--batch-size", "25"]
    assert main([*base, "--output", str(tmp_path / "one")]) == 0
    assert main([*base, "--output", str(tmp_path / "two"), "--workers", "2"]) == 0
    assert main([*base, "--output", str(tmp_path / "cluster"), "--scheduler", client.scheduler.address]) == 0
    err = capsys.readouterr().err
    assert err.count(f"for {N_ARTICLES:,} articles (12 batches)") == 3, err
    for name in ("one", "two", "cluster"):
        assert table_rows(pd.read_parquet(tmp_path / name)) == corpus["reference"], name
    # the cluster's workers each loaded the model once (at most: a worker may have been given no batch), whatever the batches
    loads = client.run(lambda: _load_once.cache_info().misses)
    assert sorted(loads.values()) == [1, 1] or (sum(loads.values()) == 1 and max(loads.values()) == 1), loads


def test_the_workers_of_workers_n_run_without_the_settings_that_slow_them_down() -> None:
    from stance.bulk._engines import engine_for

    engine = engine_for(workers=1)
    try:
        env = engine.client.run(lambda: {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")})
        profiling = engine.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    finally:
        engine.close()
    assert list(env.values()) == [{"MALLOC_TRIM_THRESHOLD_": os.environ.get("MALLOC_TRIM_THRESHOLD_"), "OMP_NUM_THREADS": "1"}]
    assert list(profiling.values()) == [False]


def test_a_worker_killed_in_the_middle_of_a_run_loses_and_duplicates_nothing(corpus, client, tmp_path) -> None:  # noqa: F811
    out = tmp_path / "out"
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["report"] = bulk.analyze(corpus["path"], out, TARGETS, model=MODEL, batch_size=5, scheduler=client, progress=False)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    total = N_ARTICLES // 5
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and thread.is_alive():
        if (out / JOURNAL).exists() and len((out / JOURNAL).read_text(encoding="utf-8").splitlines()) >= total // 3:
            break
        time.sleep(0.005)
    pids = client.run(os.getpid)
    victim = sorted(pids)[0]
    os.kill(pids[victim], signal.SIGKILL)  # its nanny starts a new worker; Dask runs the lost batches again
    done_at_kill = len((out / JOURNAL).read_text(encoding="utf-8").splitlines())
    thread.join(timeout=300)
    assert "error" not in outcome, outcome.get("error")
    assert done_at_kill < total, "the run ended before the worker was killed"
    assert outcome["report"].batches == total and outcome["report"].resumed == 0
    assert table_rows(pd.read_parquet(out)) == corpus["reference"]
    indexes = [json.loads(line)["index"] for line in (out / JOURNAL).read_text(encoding="utf-8").splitlines()]
    assert sorted(indexes) == list(range(total))
    client.wait_for_workers(2, timeout=60)


def test_stance_dask_analyze_is_lazy_and_its_partitions_are_analyze_frame(corpus, client) -> None:  # noqa: F811
    frame = corpus["small_frame"].rename(columns={"id": "url", "text": "body"})
    ddf = dd.from_pandas(frame, npartitions=4)
    table = stance.dask.analyze(ddf, targets=TARGETS, text="body", id="url", model=MODEL)
    assert isinstance(table, dd.DataFrame) and table.npartitions == 4
    assert list(table.columns) == list(COLUMNS)
    got = client.compute(table).result()
    assert dict(got.dtypes) == dict(table.dtypes), "the partitions have the declared meta"
    assert table_rows(got) == corpus["small_reference"]
    stances = client.compute(table[table.stance != "NONE"].groupby("target").size()).result()
    assert stances.sum() == sum(1 for r in corpus["small_reference"] if r[9] != "NONE")


def test_stance_dask_predict_keeps_every_row_and_matches_predict_frame(corpus, client) -> None:  # noqa: F811
    ref = corpus["small_reference"][:40]
    rows = pd.DataFrame({"sentence": [r[3] for r in ref], "topic": [r[8] for r in ref]}, index=range(100, 140))
    rows.loc[105, "sentence"] = None
    ddf = dd.from_pandas(rows, npartitions=3)
    labelled = stance.dask.predict(ddf, text="sentence", target="topic", model=MODEL, errors="flag")
    got = client.compute(labelled).result()
    expected = stance.load(MODEL).predict_frame(rows, text="sentence", target="topic", errors="flag")
    added = [c for c in expected.columns if c not in rows.columns]
    assert list(labelled.columns) == list(expected.columns) and dict(got.dtypes) == dict(labelled.dtypes)
    assert list(got.index) == list(rows.index)
    assert table_rows(got, added) == table_rows(expected, added)
    assert got.loc[105, "error"] == "text is missing"


def test_stance_dask_refuses_what_it_cannot_take(corpus) -> None:  # noqa: F811
    with pytest.raises(InputError, match="takes a dask.dataframe.DataFrame, got DataFrame"):
        stance.dask.analyze(corpus["small_frame"], targets=TARGETS, model=MODEL)
    ddf = dd.from_pandas(corpus["small_frame"], npartitions=2)
    with pytest.raises(InputError, match="text column 'body' is not in the dataframe"):
        stance.dask.analyze(ddf, targets=TARGETS, text="body", model=MODEL)
    with pytest.raises(InputError, match="target 0 is ''"):
        stance.dask.analyze(ddf, targets=[""], model=MODEL)
    with pytest.raises(InputError, match="save it with model.save"):
        stance.dask.analyze(ddf, targets=TARGETS, model=stance.load(MODEL))
    with pytest.raises(InputError, match="already has columns"):
        stance.dask.predict(ddf.assign(target="x", stance="y"), model=MODEL)


def test_without_dask_the_error_names_the_extra_to_install(corpus, tmp_path) -> None:  # noqa: F811
    script = (
        "import sys\n"
        "sys.modules['distributed'] = None\n"
        "sys.modules['dask.dataframe'] = None\n"
        "from stance.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "import stance.dask\n"
        "try:\n"
        "    stance.dask.analyze(None, targets=['x'])\n"
        "except ImportError as exc:\n"
        "    print('API:', exc)\n"
        "sys.exit(code)\n"
    )
    argv = ["analyze", str(corpus["small"]), "--target", "x", "--model", MODEL, "--output", str(tmp_path / "out"), "--workers", "2"]
    result = subprocess.run([sys.executable, "-c", script, *argv], env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "--workers needs Dask" in result.stderr and "pip install 'stancelens[dask]'" in result.stderr
    assert "API: stance.dask.analyze needs Dask" in result.stdout and "stancelens[dask]" in result.stdout


def test_the_local_cluster_keeps_a_bounded_log_of_messages_in_this_process() -> None:
    # Dask's scheduler (in this process for --workers N) and client keep their last messages for debugging, 1,000 by
    # default, each holding a whole batch of articles: this process grew with the corpus. The cluster and the client
    # of --workers N are made with the short log of WORKER_DASK_CONFIG.
    from stance.bulk._engines import WORKER_DASK_CONFIG, engine_for

    bound = WORKER_DASK_CONFIG["distributed.admin.low-level-log-length"]
    assert bound < dask.config.get("distributed.admin.low-level-log-length")
    engine = engine_for(workers=1)
    try:
        streams = [engine.client.scheduler_comm, *engine.cluster.scheduler.stream_comms.values()]
        assert len(streams) == 2
        assert [s.recent_message_log.maxlen for s in streams] == [bound, bound]
    finally:
        engine.close()
