"""Corpus runs in this process (stance.bulk): every input kind gives the rows of the pandas function, row for row; a
run is resumable and exactly-once (killed half way, or left in any torn state, and run again, it ends with exactly
the rows of an uninterrupted run); an output holding anything else, or a run with other settings, is refused."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus_fixtures import MODEL, N_ARTICLES, SMALL, TARGETS, cli_command, corpus, subprocess_env, table_rows  # noqa: F401
from stance import bulk
from stance.bulk._manifest import JOURNAL, MANIFEST
from stance.exceptions import CorpusError, OutputError
from stance.tidy import COLUMNS


def _analyze(inputs, output, **kw):
    kw.setdefault("batch_size", 40)
    return bulk.analyze(inputs, output, TARGETS, model=MODEL, progress=False, **kw)


def _journal_lines(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / JOURNAL).read_text(encoding="utf-8").splitlines()]


def test_a_folder_output_has_the_rows_of_analyze_frame_row_for_row(corpus, tmp_path) -> None:  # noqa: F811
    report = _analyze(corpus["path"], tmp_path / "out")
    assert (report.batches, report.resumed, report.records, report.failed) == (8, 0, N_ARTICLES, 0)
    got = pd.read_parquet(tmp_path / "out")
    assert list(got.columns) == list(COLUMNS)
    assert report.rows == len(got) == len(corpus["reference"])
    assert table_rows(got) == corpus["reference"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.parquet")) == [f"part-{i:06d}.parquet" for i in range(8)]
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["rows"] == report.rows and manifest["settings"]["targets"] == TARGETS


def test_csv_parquet_and_a_partitioned_parquet_dataset_give_the_same_rows(corpus, tmp_path) -> None:  # noqa: F811
    frame = corpus["small_frame"].rename(columns={"id": "doc", "text": "body"}).assign(year=["2023", "2024"] * (SMALL // 2))
    frame.to_csv(tmp_path / "a.csv", index=False)
    frame.to_parquet(tmp_path / "a.parquet", index=False)
    pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "dataset", partition_cols=["year"])
    expected = corpus["small_reference"]
    for name in ("a.csv", "a.parquet"):
        out = tmp_path / f"out-{name.replace('.', '-')}"
        _analyze(tmp_path / name, out, id_column="doc", text_column="body", batch_size=10)
        assert table_rows(pd.read_parquet(out)) == expected, name
    # a hive-partitioned dataset is read partition by partition (year=2023, then year=2024)
    _analyze(tmp_path / "dataset", tmp_path / "out-ds", id_column="doc", text_column="body", batch_size=10)
    got = table_rows(pd.read_parquet(tmp_path / "out-ds"))
    order = {i: k for k, i in enumerate(list(frame.doc[frame.year == "2023"]) + list(frame.doc[frame.year == "2024"]))}
    assert got == sorted(expected, key=lambda r: order[r[0]])


def test_a_folder_of_text_files_and_a_glob(corpus, tmp_path) -> None:  # noqa: F811
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    frame = corpus["frame"].head(30)
    for i, (doc, text) in enumerate(zip(frame.id, frame.text)):
        (folder / ("sub" if i % 2 else "") / f"{doc}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "bad.txt").write_bytes("\u201cCaf\xe9\u201d".encode("latin-1", "replace"))
    report = _analyze(folder, tmp_path / "out", batch_size=7)
    got = pd.read_parquet(tmp_path / "out")
    ids = list(dict.fromkeys(got.article_id))
    # a folder's files first, then its subfolders', each in name order; the id is the path as given
    assert ids[0] == str(folder / "bad.txt") and ids[1] == str(folder / f"{frame.id[0]}.txt")
    assert ids[-1] == str(folder / "sub" / f"{frame.id[29]}.txt")
    bad = got[got.article_id == str(folder / "bad.txt")]
    assert len(bad) == 1 and "not UTF-8" in bad.error.iloc[0] and tuple(bad["flags"].iloc[0]) == ("invalid_input",)
    assert report.failed == 1 and report.records == 31
    expected = [r for r in corpus["reference"] if r[0] in set(frame.id)]
    clean = got[got.error.isna()].assign(article_id=lambda d: d.article_id.map(lambda p: Path(p).stem))
    assert sorted(table_rows(clean)) == sorted(expected)
    _analyze(str(folder / "**" / "syn*.txt"), tmp_path / "out-glob", batch_size=7)
    globbed = pd.read_parquet(tmp_path / "out-glob").assign(article_id=lambda d: d.article_id.map(lambda p: Path(p).stem))
    assert sorted(table_rows(globbed)) == sorted(expected)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_one_file_output_has_the_same_rows(corpus, tmp_path, suffix: str) -> None:  # noqa: F811
    out = tmp_path / f"table{suffix}"
    report = _analyze(corpus["small"], out, batch_size=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name], "the hidden folder of batches is gone"
    if suffix == ".parquet":
        assert table_rows(pd.read_parquet(out)) == corpus["small_reference"]
        return
    if suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert list(rows[0]) == list(COLUMNS)
        flags = [tuple(r["flags"].split("|")) if r["flags"] else () for r in rows]  # "|"-joined in CSV, as every command writes
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        flags = [tuple(r["flags"]) for r in rows]
    assert len(rows) == report.rows == len(corpus["small_reference"])
    ref = corpus["small_reference"]
    assert [(r["article_id"], r["text"], r["target"], r["stance"]) for r in rows] == [(x[0], x[3], x[8], x[9]) for x in ref]
    assert [float(r["stance_confidence"]) for r in rows] == [x[10] for x in ref]
    assert flags == [x[13] for x in ref]


def test_rerunning_a_finished_run_writes_nothing_and_keeps_the_rows(corpus, tmp_path) -> None:  # noqa: F811
    _analyze(corpus["small"], tmp_path / "out", batch_size=8)
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir() if p.suffix == ".parquet"}
    report = _analyze(corpus["small"], tmp_path / "out", batch_size=8)
    assert report.resumed == report.batches == 8 and report.records == SMALL
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir() if p.suffix == ".parquet"} == stamps
    assert table_rows(pd.read_parquet(tmp_path / "out")) == corpus["small_reference"]


def test_a_run_left_in_any_torn_state_ends_with_exactly_the_rows_once(corpus, tmp_path) -> None:  # noqa: F811
    out = tmp_path / "out"
    _analyze(corpus["small"], out, batch_size=8)
    lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines(keepends=True)
    # killed after batch 7's file was renamed into place but before its line was written; batch 3's file deleted by
    # hand; half a line of batch 6's record; a temporary file of a batch being written
    torn = "".join(lines[:6]) + lines[6][:25]
    (out / JOURNAL).write_text(torn, encoding="utf-8")
    (out / "part-000003.parquet").unlink()
    (out / ".part-000005.parquet.999.abcdef.part").write_bytes(b"PAR1 half a file")
    report = _analyze(corpus["small"], out, batch_size=8)
    assert report.resumed == 5, "batches 0-2 and 4-5 were done; 3, 6 and 7 are done again"
    assert table_rows(pd.read_parquet(out)) == corpus["small_reference"]
    assert [r["index"] for r in _journal_lines(out)] == [0, 1, 2, 4, 5, 3, 6, 7], "each batch recorded once"
    assert not list(out.glob(".*.part"))


def test_a_run_killed_half_way_and_started_again_has_exactly_the_rows_of_an_uninterrupted_run(corpus, tmp_path) -> None:  # noqa: F811
    out = tmp_path / "out"
    argv = cli_command("analyze", str(corpus["path"]), "--target", TARGETS[0], "--target", TARGETS[1], "--model", MODEL,
                       "--output", str(out), "--batch-size", "5", "-q")
    total = N_ARTICLES // 5
    proc = subprocess.Popen(argv, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    journal = out / JOURNAL
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        done = len(journal.read_text(encoding="utf-8").splitlines()) if journal.exists() else 0
        if done >= total // 2:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, f"the run was not killed while it ran: {proc.communicate()}"
    after_kill = len(_journal_lines(out))
    assert total // 2 <= after_kill < total, (done, after_kill)
    finished = subprocess.run(argv, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert table_rows(pd.read_parquet(out)) == corpus["reference"]
    records = _journal_lines(out)
    assert sorted(r["index"] for r in records) == list(range(total)), "every batch recorded exactly once"
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["complete"]


def test_a_rerun_with_other_targets_or_batch_size_is_refused_and_changes_nothing(corpus, tmp_path) -> None:  # noqa: F811
    out = tmp_path / "out"
    _analyze(corpus["small"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(OutputError, match=r"targets: \['the coalition', 'the wind farm'\] there, \['the coalition'\] now") as info:
        bulk.analyze(corpus["small"], out, [TARGETS[0]], model=MODEL, batch_size=40, progress=False)
    assert "write to a new output" in str(info.value)
    with pytest.raises(OutputError, match="batch_size: 40 there, 50 now"):
        _analyze(corpus["small"], out, batch_size=50)
    with pytest.raises(OutputError, match="model"):
        bulk.analyze(corpus["small"], out, TARGETS, model="semeval2016", batch_size=40, progress=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_changed_input_is_refused(corpus, tmp_path) -> None:  # noqa: F811
    src = tmp_path / "a.jsonl"
    src.write_bytes(corpus["small"].read_bytes())
    _analyze(src, tmp_path / "out")
    lines = src.read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(OutputError, match="batch 0 .*holds other input than when it was written"):
        _analyze(src, tmp_path / "out")


def test_foreign_folders_and_existing_files_are_never_written_into(corpus, tmp_path) -> None:  # noqa: F811
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError, match=r"busy is not empty \(thesis.docx\)"):
        _analyze(corpus["small"], tmp_path / "busy")
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["thesis.docx"]
    (tmp_path / "t.csv").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError, match="t.csv exists; delete it or choose another output"):
        _analyze(corpus["small"], tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "precious"
    with pytest.raises(OutputError, match="not .xlsx"):
        _analyze(corpus["small"], tmp_path / "t.xlsx")


def test_a_second_run_on_the_same_output_while_one_runs_is_refused(corpus, tmp_path) -> None:  # noqa: F811
    from stance.bulk._manifest import Manifest

    with Manifest.open(tmp_path / "out", {"task": "x"}):
        with pytest.raises(OutputError, match="another stance run is writing there now"):
            Manifest.open(tmp_path / "out", {"task": "x"})


def test_bad_input_names_the_file_or_the_column(corpus, tmp_path) -> None:  # noqa: F811
    with pytest.raises(CorpusError, match=r"no column\(s\) \['body'\]"):
        _analyze(corpus["path"], tmp_path / "o1", text_column="body")
    with pytest.raises(CorpusError, match="matches no file"):
        _analyze(str(tmp_path / "nothing" / "*.txt"), tmp_path / "o2")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "He said: \\"We back it.\\""}\n{"id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(CorpusError, match="bad.jsonl: line 2 is not valid JSON"):
        _analyze(bad, tmp_path / "o3")


def test_an_empty_table_gives_an_empty_table_and_a_folder_without_articles_an_error(tmp_path) -> None:
    (tmp_path / "empty.csv").write_text("id,text\n", encoding="utf-8")
    report = _analyze(tmp_path / "empty.csv", tmp_path / "out")
    assert (report.batches, report.records, report.rows) == (0, 0, 0)
    empty = pd.read_parquet(tmp_path / "out")
    assert len(empty) == 0 and list(empty.columns) == list(COLUMNS)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("text", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"holds no .txt file .*quoted glob"):
        _analyze(tmp_path / "docs", tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


def test_missing_texts_and_ids_are_kept_as_rows_with_the_reason(tmp_path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [{"id": "a1", "text": '"We stand with the coalition," said Maria Berg.'}, {"id": "a2", "text": None},
            {"id": None, "text": "x"}, {"id": 7, "text": "Nothing said here."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = _analyze(path, tmp_path / "out")
    got = pd.read_parquet(tmp_path / "out")
    assert (report.records, report.failed, report.first_failure) == (4, 2, "a2: text is missing")
    errors = got[got.error.notna()]
    assert list(errors.article_id.fillna("-")) == ["a2", "-"]
    assert list(errors.error) == ["text is missing", "row 2: the id (id) is missing"]
    assert list(got[got.error.isna()].article_id.unique()) == ["a1"], "id 7 (a number, written as text) has no statement"


def test_predict_refuses_an_optional_column_named_otherwise_that_the_table_lacks(tmp_path) -> None:
    from stance.exceptions import StanceError

    table = tmp_path / "rows.csv"
    table.write_text("text,target\nWe back the plan.,the plan\n", encoding="utf-8")
    with pytest.raises(StanceError, match=r"no speaker column 'who'"):
        bulk.predict(table, tmp_path / "out", speaker_column="who", model=MODEL, progress=False)
    assert not (tmp_path / "out").exists()  # refused before anything is written
