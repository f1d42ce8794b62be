"""stance predict's writers: by extension, atomic, never over the input, JSON without NaN, quiet on a closed pipe."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stance._writers import json_value as _json_value

from stance.cli import main
from synthetic import HELDOUT_ROWS, write_csv
from test_cli import model_file  # noqa: F401  (fixture)


@pytest.fixture
def rows_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "in.csv", [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS])


def _predict(model_file: Path, src: Path, out: str) -> int:  # noqa: F811
    return main(["predict", "--model", str(model_file), "--input", str(src), "--output", out])


def test_parquet_and_json_outputs_are_what_their_extension_says(model_file, rows_csv, tmp_path) -> None:  # noqa: F811
    import pyarrow.parquet as pq

    assert _predict(model_file, rows_csv, str(tmp_path / "o.parquet")) == 0
    table = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["text"] for r in table] == [r["text"] for r in HELDOUT_ROWS]
    assert all(r["stance"] in ("FAVOR", "AGAINST", "NONE") for r in table)
    assert _predict(model_file, rows_csv, str(tmp_path / "o.json")) == 0
    arr = json.loads((tmp_path / "o.json").read_text())
    assert isinstance(arr, list) and [r["text"] for r in arr] == [r["text"] for r in HELDOUT_ROWS]


def test_unknown_extension_and_output_over_input_are_usage_errors(model_file, rows_csv, tmp_path, capsys) -> None:  # noqa: F811
    before = rows_csv.read_bytes()
    assert _predict(model_file, rows_csv, str(tmp_path / "o.xlsx")) == 2
    assert "unknown extension" in capsys.readouterr().err
    assert _predict(model_file, rows_csv, str(rows_csv)) == 2
    assert "is the input file" in capsys.readouterr().err
    assert rows_csv.read_bytes() == before


def test_a_failed_write_leaves_the_existing_output_and_no_partial_file(model_file, rows_csv, tmp_path, monkeypatch) -> None:  # noqa: F811
    out = tmp_path / "o.jsonl"
    out.write_text("precious\n")

    def broken(rows, fieldnames, fh, fmt):  # noqa: ANN001, ANN202
        fh.write("half a row")
        raise OSError("disk full")

    import stance._writers

    monkeypatch.setattr(stance._writers, "write_stream", broken)
    assert _predict(model_file, rows_csv, str(out)) == 1
    assert out.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "o.jsonl"], "no temporary file left behind"


def test_nan_and_values_json_cannot_hold_are_written_as_null_and_text(model_file, tmp_path) -> None:  # noqa: F811
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"text": r["text"], "target": r["target"], "score": float("nan")}) for r in HELDOUT_ROWS[:3]))
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(tmp_path / "o.jsonl")]) == 0
    lines = (tmp_path / "o.jsonl").read_text().splitlines()
    assert len(lines) == 3 and "NaN" not in "".join(lines)
    assert all(json.loads(line)["score"] is None for line in lines)
    assert _json_value(b"ab") == "ab" and _json_value(float("inf")) is None
    from decimal import Decimal

    assert _json_value({"d": Decimal("1.5"), "l": (1, float("nan"))}) == {"d": "1.5", "l": [1, None]}


def test_a_closed_pipe_ends_quietly(model_file, tmp_path) -> None:  # noqa: F811
    rows = [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS] * 200
    src = write_csv(tmp_path / "big.csv", rows)
    cmd = f"{sys.executable} -m stance.cli predict --model {model_file} --input {src} | head -c 10 > /dev/null"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120, check=False)
    assert "Broken pipe" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr


def test_parquet_column_mixing_numbers_and_text_is_written_as_text_and_named(tmp_path, capsys) -> None:  # noqa: ANN001
    import pandas as pd

    from stance._writers import write_rows as _write_rows

    rows = [{"id": 1, "score": 0.5, "note": "a"}, {"id": 2, "score": "high", "note": None}, {"id": 3, "score": None, "note": "c"}]
    out = tmp_path / "mixed.parquet"
    _write_rows(rows, ["id", "score", "note"], str(out), "parquet")
    back = pd.read_parquet(out)
    assert list(back["id"]) == [1, 2, 3]  # typed columns stay typed, every row is kept
    assert list(back["score"][:2]) == ["0.5", "high"] and back["score"].isna().tolist() == [False, False, True]
    assert back["note"].isna().tolist() == [False, True, False]
    assert "'score'" in capsys.readouterr().err and [p.name for p in tmp_path.iterdir()] == ["mixed.parquet"]
