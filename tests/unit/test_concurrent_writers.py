"""Two processes writing the same output never damage it (issue 18, item 3).

Every writer goes through ``stance._files.replacing``: the output is written under a temporary name
of its own in the target's folder and renamed when complete. Before, ``save_model`` wrote every save
to the one name ``<file>.tmp`` (two saves wrote into one file and the second rename failed) and the
report writers wrote in place (a reader saw an empty or half-written report). Each test runs two
writer processes (fork) that write the same path many times, checks every state a reader saw and
the final file against each writer's complete output, and that no temporary file is left.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import zipfile
from pathlib import Path

import pytest

from stance.corpora import from_records
from stance.evaluation import evaluate_model, write_reports
from synthetic import HELDOUT_ROWS, trained_model, write_csv  # noqa: F401

ROUNDS = 15


def _ctx() -> multiprocessing.context.BaseContext:
    if sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the writer processes are forked")
    return multiprocessing.get_context("fork")


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def _report(base: dict, writer: str, copies: int) -> dict:
    """The report ``base`` under another corpus name, its predictions repeated ``copies`` times (a bigger file)."""
    return dict(base, corpus=writer, predictions=list(base["predictions"]) * copies)


def _write_reports_loop(report: dict, folder: str, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    for _ in range(ROUNDS):
        write_reports(report, folder)


def test_two_processes_writing_the_same_reports_leave_one_complete_report(tmp_path: Path, trained_model) -> None:  # noqa: F811
    ctx = _ctx()
    base = evaluate_model(trained_model, from_records([dict(r) for r in HELDOUT_ROWS]), corpus="synthetic", split="heldout",
                          progress=False)
    a, b = _report(base, "A", 400), _report(base, "B", 250)  # different sizes: an interleaved file is never either
    write_reports(_report(base, "C", 1), tmp_path)  # a complete report before the writers start
    start = ctx.Barrier(3)
    procs = [ctx.Process(target=_write_reports_loop, args=(r, str(tmp_path), start)) for r in (a, b)]
    for p in procs:
        p.start()
    start.wait()
    seen: list[str] = []
    while any(p.is_alive() for p in procs):
        try:
            raw = (tmp_path / "report.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            raw = "<missing>"
        try:
            seen.append(json.loads(raw)["corpus"])
        except (ValueError, KeyError):
            seen.append(f"damaged ({len(raw)} characters)")
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    assert all(s in ("A", "B", "C") for s in seen), [s for s in seen if s not in ("A", "B", "C")][:5]
    final = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert final["corpus"] in ("A", "B")
    assert final == json.loads(json.dumps(a if final["corpus"] == "A" else b, default=str))
    assert _leftovers(tmp_path, {"report.json", "report.md"}) == []


def _save_loop(model: object, path: str, writer: str, start: object) -> None:
    model.metadata["writer"] = writer  # type: ignore[attr-defined]
    # 3 MB of metadata (the limit is 4 MiB) make the writing part of a save long enough for the two to overlap
    model.metadata["padding"] = writer * 3_000_000  # type: ignore[attr-defined]
    start.wait()  # type: ignore[attr-defined]
    for _ in range(ROUNDS):
        model.save(path)  # type: ignore[attr-defined]


def test_two_processes_saving_the_same_model_file_leave_one_complete_model(tmp_path: Path, trained_model) -> None:  # noqa: F811
    from stance.persistence import load_model, read_metadata

    ctx = _ctx()
    path = tmp_path / "m.stance"
    start = ctx.Barrier(2)
    procs = [ctx.Process(target=_save_loop, args=(trained_model, str(path), w, start)) for w in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0], "a save failed (its temporary file was renamed by the other writer?)"
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
    meta = read_metadata(path)
    assert meta["writer"] in ("A", "B") and meta["padding"] == meta["writer"] * 3_000_000
    model = load_model(path)
    assert model.predict("We must protect the forests.", "forests").stance in model.stance_labels
    assert _leftovers(tmp_path, {"m.stance"}) == []


def _predict_loop(argv: list[str], start: object) -> None:
    from stance.cli import main

    start.wait()  # type: ignore[attr-defined]
    for _ in range(3):
        if main(argv) != 0:
            raise SystemExit(1)


def test_two_predict_processes_with_the_same_output_leave_one_writers_rows(tmp_path: Path, trained_model) -> None:  # noqa: F811
    from stance.cli import main

    ctx = _ctx()
    model_path = tmp_path / "m.stance"
    trained_model.save(model_path)
    rows = [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS]
    inputs, expected = [], []
    for writer, n in (("A", 1500), ("B", 900)):
        src = write_csv(tmp_path / f"in_{writer}.csv", [dict(rows[i % len(rows)], text=f"{writer}{i}: " + rows[i % len(rows)]["text"])
                                                         for i in range(n)])
        ref = tmp_path / f"ref_{writer}.jsonl"
        assert main(["predict", "--model", str(model_path), "--input", str(src), "--output", str(ref)]) == 0
        inputs.append(src)
        expected.append(ref.read_text(encoding="utf-8"))
    out = tmp_path / "out" / "labels.jsonl"
    out.parent.mkdir()
    start = ctx.Barrier(2)
    procs = [ctx.Process(target=_predict_loop, args=(["predict", "--model", str(model_path), "--input", str(src), "--output", str(out)], start))
             for src in inputs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0]
    final = out.read_text(encoding="utf-8")
    assert final in expected, "the output is neither writer's complete output"
    assert _leftovers(out.parent, {"labels.jsonl"}) == []
