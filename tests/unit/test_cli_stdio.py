"""``stance predict --input -`` reads standard input and ``--output -`` writes standard output (issue 18, item 12).

Standard input is CSV unless ``--input-format`` says otherwise; standard output is in the input's format unless
``--output-format`` says otherwise (JSON lines for Parquet input). Tests run ``main(argv)`` in process with
``sys.stdin`` replaced (a text stream with a binary ``buffer``, as a real one has, or a plain ``StringIO``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from stance.cli import main
from synthetic import HELDOUT_ROWS, trained_model  # noqa: F401

ADDED = ["stance", "stance_confidence", "sentiment", "sentiment_confidence", "flags"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return [{"id": f"r{i:02d}", "text": r["text"], "target": r["target"]} for i, r in enumerate(HELDOUT_ROWS[:12])]


@pytest.fixture
def model_path(tmp_path: Path, trained_model) -> str:  # noqa: F811
    path = tmp_path / "m.stance"
    trained_model.save(path)
    return str(path)


def _csv(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def _jsonl(rows: list[dict[str, str]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str, binary: bool = True) -> None:
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8") if binary else io.StringIO(text)
    monkeypatch.setattr("sys.stdin", stream)


def _check_labelled(out_rows: list[dict], rows: list[dict[str, str]]) -> None:
    assert [r["id"] for r in out_rows] == [r["id"] for r in rows]  # same rows, same order
    assert all(r["text"] == s["text"] for r, s in zip(out_rows, rows))
    assert all(r["stance"] in ("FAVOR", "AGAINST", "NONE") for r in out_rows)
    assert set(ADDED) <= set(out_rows[0])


@pytest.mark.parametrize("binary", [True, False], ids=["buffer", "text-only"])
def test_csv_from_stdin_to_stdout_as_csv(model_path, rows, monkeypatch, capsys, binary) -> None:
    _stdin(monkeypatch, _csv(rows), binary)
    assert main(["predict", "--model", model_path, "--input", "-", "--output", "-"]) == 0
    out = capsys.readouterr().out
    _check_labelled(list(csv.DictReader(io.StringIO(out))), rows)


def test_stdin_without_output_writes_stdout(model_path, rows, monkeypatch, capsys) -> None:
    _stdin(monkeypatch, _csv(rows))
    assert main(["predict", "--model", model_path, "--input", "-"]) == 0
    _check_labelled(list(csv.DictReader(io.StringIO(capsys.readouterr().out))), rows)


def test_jsonl_from_stdin_to_stdout_as_json(model_path, rows, monkeypatch, capsys) -> None:
    _stdin(monkeypatch, _jsonl(rows))
    assert main(["predict", "--model", model_path, "--input", "-", "--input-format", "jsonl", "--output", "-",
                 "--output-format", "json"]) == 0
    _check_labelled(json.loads(capsys.readouterr().out), rows)


def test_tsv_from_stdin_to_a_file(model_path, rows, monkeypatch, tmp_path, capsys) -> None:
    _stdin(monkeypatch, _csv(rows, "\t"))
    out = tmp_path / "labels.jsonl"
    assert main(["predict", "--model", model_path, "--input", "-", "--input-format", "tsv", "--output", str(out)]) == 0
    _check_labelled([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], rows)
    assert capsys.readouterr().out == ""


def test_file_to_stdout_in_another_format(model_path, rows, tmp_path, capsys) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_csv(rows), encoding="utf-8")
    assert main(["predict", "--model", model_path, "--input", str(src), "--output", "-", "--output-format", "jsonl"]) == 0
    _check_labelled([json.loads(line) for line in capsys.readouterr().out.splitlines()], rows)


def test_parquet_from_stdin_gives_json_lines(model_path, rows, monkeypatch, capsys) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buf)
    stream = io.TextIOWrapper(io.BytesIO(buf.getvalue()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stream)
    assert main(["predict", "--model", model_path, "--input", "-", "--input-format", "parquet"]) == 0
    _check_labelled([json.loads(line) for line in capsys.readouterr().out.splitlines()], rows)


def test_a_bad_line_on_stdin_is_named(model_path, rows, monkeypatch, capsys) -> None:
    _stdin(monkeypatch, _jsonl(rows[:3]) + "{not json\n")
    assert main(["predict", "--model", model_path, "--input", "-", "--input-format", "jsonl"]) == 1
    err = capsys.readouterr().err
    assert "<stdin>" in err and "line 4" in err


def test_output_format_that_disagrees_with_the_extension_is_refused(model_path, rows, tmp_path, capsys) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["predict", "--model", model_path, "--input", str(src), "--output", str(out), "--output-format", "json"]) == 2
    err = capsys.readouterr().err
    assert "--output-format json" in err and "o.csv" in err
    assert not out.exists()


def test_help_names_standard_input_and_output(capsys) -> None:
    assert main(["predict", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "- to read standard input" in text and "- for standard output" in text and "--input-format" in text
