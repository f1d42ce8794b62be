"""Corpus runs from the command line: ``stance analyze ... --output`` and ``stance predict ... --output FOLDER``, their
usage errors, progress only on a terminal, and the printing mode of ``analyze`` for folders."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

import stance
from corpus_fixtures import MODEL, SMALL, TARGETS, corpus, table_rows  # noqa: F401
from stance.cli import main


def _analyze_argv(corpus, *more: str) -> list[str]:  # noqa: F811
    return ["analyze", str(corpus["small"]), "--target", TARGETS[0], "--target", TARGETS[1], "--model", MODEL, *more]


@pytest.fixture
def statements(corpus, tmp_path):  # noqa: F811
    """A CSV of statements (with an id column to keep, and one row without a text), and the same rows as a frame."""
    ref = corpus["small_reference"][:45]
    frame = pd.DataFrame({"id": [f"s{i}" for i in range(len(ref))], "text": [r[3] for r in ref], "target": [r[8] for r in ref]})
    frame.loc[4, "text"] = ""
    path = tmp_path / "statements.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_predict_to_a_folder_has_the_rows_of_predict_frame_and_resumes(statements, tmp_path, capsys) -> None:
    path, frame = statements
    argv = ["predict", "--input", str(path), "--output", str(tmp_path / "out"), "--model", MODEL, "--batch-size", "10"]
    assert main(argv) == 1, "one row without a text"
    err = capsys.readouterr().err
    assert "wrote 45 rows for 45 rows (5 batches)" in err and "1 row could not be processed (first: row 4: text is empty)" in err
    got = pd.read_parquet(tmp_path / "out")
    expected = stance.load(MODEL).predict_frame(frame.fillna(""), errors="flag")
    assert list(got.columns) == list(expected.columns)
    assert table_rows(got, list(expected.columns)) == table_rows(expected, list(expected.columns))
    assert main(argv) == 1
    assert "5 of them done before" in capsys.readouterr().err
    assert main(["predict", "--input", str(path), "--output", str(tmp_path / "one.parquet"), "--model", MODEL, "--batch-size", "10",
                 "--prefix", "pred_", "-q"]) == 1
    one = pd.read_parquet(tmp_path / "one.parquet")
    assert list(one.columns[:3]) == ["id", "text", "target"] and "pred_stance" in one.columns
    assert list(one.pred_stance) == list(got.stance)


def test_predict_corpus_usage_errors(statements, tmp_path, capsys) -> None:
    path, _ = statements
    base = ["predict", "--input", str(path), "--output", str(tmp_path / "out"), "--model", MODEL]
    assert main([*base, "--explain"]) == 2
    assert "--explain is not available in a corpus run" in capsys.readouterr().err
    bad = tmp_path / "labelled.csv"
    pd.read_csv(path).assign(stance="x").to_csv(bad, index=False)
    assert main(["predict", "--input", str(bad), "--output", str(tmp_path / "o2"), "--model", MODEL]) == 2
    assert "--prefix pred_" in capsys.readouterr().err
    assert main(["predict", "--input", "-", "--output", str(tmp_path / "o3"), "--model", MODEL]) == 2
    assert "not standard input" in capsys.readouterr().err
    no_target = tmp_path / "no_target.csv"
    pd.read_csv(path)[["id", "text"]].drop(index=4).to_csv(no_target, index=False)
    assert main(["predict", "--input", str(no_target), "--output", str(tmp_path / "o4"), "--model", MODEL]) == 1
    assert "no column 'target'" in capsys.readouterr().err
    assert main(["predict", "--input", str(no_target), "--output", str(tmp_path / "o4"), "--model", MODEL, "--target", TARGETS[0]]) == 0
    assert set(pd.read_parquet(tmp_path / "o4").stance) <= {"FAVOR", "AGAINST", "NONE"}


def test_analyze_corpus_usage_errors_and_a_rerun_with_other_targets(corpus, tmp_path, capsys) -> None:  # noqa: F811
    assert main(_analyze_argv(corpus)) == 2
    assert "give --output DIR" in capsys.readouterr().err
    assert main(_analyze_argv(corpus, "--output", str(tmp_path / "o"), "--format", "jsonl")) == 2
    assert "--format is for articles printed" in capsys.readouterr().err
    assert main(_analyze_argv(corpus, "--output", str(tmp_path / "o"), "--workers", "0")) == 2
    assert "workers is 0" in capsys.readouterr().err
    assert not (tmp_path / "o").exists(), "nothing is written before the arguments are checked"
    assert main(_analyze_argv(corpus, "--output", str(tmp_path / "out"), "-q")) == 0
    assert capsys.readouterr().err == ""
    code = main(["analyze", str(corpus["small"]), "--target", TARGETS[0], "--model", MODEL, "--output", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "holds a run with other settings (targets: ['the coalition', 'the wind farm'] there, ['the coalition'] now)" in err
    assert table_rows(pd.read_parquet(tmp_path / "out")) == corpus["small_reference"]


@pytest.mark.parametrize(("stderr_tty", "shown"), [(True, True), (False, False)])
def test_corpus_progress_only_on_a_terminal(corpus, tmp_path, capsys, monkeypatch, stderr_tty: bool, shown: bool) -> None:  # noqa: F811
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty)
    assert main(_analyze_argv(corpus, "--output", str(tmp_path / "out"), "--batch-size", "16")) == 0
    err = capsys.readouterr().err
    assert ("analyze: [" in err and f"{SMALL}/{SMALL}" in err and "articles/s" in err) is shown, err
    assert f"wrote {len(corpus['small_reference']):,} rows for {SMALL} articles (4 batches)" in err


def test_analyze_prints_the_articles_of_a_folder_without_output(corpus, tmp_path, capsys) -> None:  # noqa: F811
    folder = tmp_path / "news"
    folder.mkdir()
    frame = corpus["small_frame"].head(3)
    for doc, text in zip(frame.id, frame.text):
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    assert main(["analyze", str(folder), "--target", TARGETS[0], "--model", MODEL, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in rows] == sorted(r["file"] for r in rows)
    assert {r["file"] for r in rows} == {str(folder / f"{doc}.txt") for doc in frame.id}
    expected = [r for r in corpus["small_reference"] if r[0] in set(frame.id) and r[8] == TARGETS[0]]
    assert [(r["text"], r["stance"]) for r in rows] == [(r[3], r[9]) for r in expected]
