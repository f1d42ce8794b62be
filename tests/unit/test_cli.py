"""The command line, in-process through ``main(argv)``: exit codes, files in and out, messages."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from stance.api import BUILTIN_MODELS, MODELS_DIR
from stance.cli import main
from synthetic import HELDOUT_ROWS, SMALL_FEATURIZER, TRAIN_ROWS, write_csv, write_jsonl

ADDED = ["stance", "stance_confidence", "sentiment", "sentiment_confidence"]
EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "article_en.txt"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    """A model trained by ``stance train`` on a CSV of the synthetic corpus."""
    d = tmp_path_factory.mktemp("cli")
    data = write_csv(d / "train.csv", [dict(r) for r in TRAIN_ROWS])
    config = d / "config.json"
    config.write_text(json.dumps({"featurizer": SMALL_FEATURIZER, "calibration_folds": 3}), encoding="utf-8")
    out = d / "model.stance"
    assert main(["train", "--input", str(data), "--config", str(config), "--output", str(out)]) == 0
    return out


@pytest.fixture
def input_rows() -> list[dict[str, str]]:
    """Rows to label, with an extra column that must survive, in a deliberately mixed order."""
    rows = [{"id": f"r{i:02d}", "text": r["text"], "target": r["target"]} for i, r in enumerate(HELDOUT_ROWS[::-3])]
    return rows


# ---------------------------------------------------------------------------------------------- usage
def test_help_exits_zero(capsys) -> None:
    assert main(["--help"]) == 0
    assert "train" in capsys.readouterr().out


@pytest.mark.parametrize("cmd", ["train", "predict", "evaluate", "analyze", "corpora"])
def test_subcommand_help_exits_zero(cmd, capsys) -> None:
    assert main([cmd, "--help"]) == 0
    assert capsys.readouterr().out.strip()


def test_version(capsys) -> None:
    from stance import __version__

    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_unknown_command_exits_two(capsys) -> None:
    assert main(["frobnicate"]) == 2
    assert "frobnicate" in capsys.readouterr().err


def test_no_command_exits_two(capsys) -> None:
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err.lower()


def test_unknown_option_exits_two(capsys) -> None:
    assert main(["corpora", "--no-such-option"]) == 2


def test_corpora_lists_registered_names(capsys) -> None:
    assert main(["corpora"]) == 0
    out = capsys.readouterr().out
    for name in ("semeval2016", "newsmtsc", "vast", "newsstance"):
        assert name in out


# ---------------------------------------------------------------------------------------------- train
def test_train_writes_a_loadable_model(model_file: Path) -> None:
    from stance.persistence import read_metadata

    import stance

    meta = read_metadata(model_file)
    assert meta["n_train"] == len(TRAIN_ROWS)
    assert meta["corpora"] == [str(model_file.parent / "train.csv")]
    assert meta["config"]["calibration_folds"] == 3
    model = stance.load(model_file)
    assert model.predict("We love the wind farm and back it.", "the wind farm").stance == "FAVOR"


def test_train_with_column_mapping(tmp_path) -> None:
    rows = [{"tweet": r["text"], "topic": r["target"], "label": r["stance"]} for r in TRAIN_ROWS]
    data = write_jsonl(tmp_path / "mapped.jsonl", rows)
    out = tmp_path / "m.stance"
    code = main(["train", "--input", str(data), "--output", str(out), "--text-column", "tweet",
                 "--target-column", "topic", "--stance-column", "label"])
    assert code == 0 and out.is_file()


def test_train_missing_column_exits_one(tmp_path, capsys) -> None:
    rows = [{"statement": r["text"], "target": r["target"], "stance": r["stance"]} for r in TRAIN_ROWS[:10]]
    data = write_csv(tmp_path / "bad.csv", rows)
    assert main(["train", "--input", str(data), "--output", str(tmp_path / "m.stance")]) == 1
    err = capsys.readouterr().err
    assert "'text'" in err and "statement" in err
    assert not (tmp_path / "m.stance").exists()


def test_train_bad_label_exits_one(tmp_path, capsys) -> None:
    rows = [dict(r) for r in TRAIN_ROWS[:10]]
    rows[4]["stance"] = "sort of"
    data = write_csv(tmp_path / "lab.csv", rows)
    assert main(["train", "--input", str(data), "--output", str(tmp_path / "m.stance")]) == 1
    err = capsys.readouterr().err
    assert "'sort of'" in err and "lab.csv: line 6:" in err  # the header is line 1


def test_train_missing_file_exits_one(tmp_path, capsys) -> None:
    assert main(["train", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "m.stance")]) == 1
    assert "nope.csv" in capsys.readouterr().err


def test_train_needs_a_source(tmp_path) -> None:
    assert main(["train", "--output", str(tmp_path / "m.stance")]) == 2


# ---------------------------------------------------------------------------------------------- predict
def test_predict_csv_keeps_rows_and_order(model_file, input_rows, tmp_path) -> None:
    src = write_csv(tmp_path / "in.csv", input_rows)
    out = tmp_path / "out.csv"
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    rows = _read_csv(out)
    assert len(rows) == len(input_rows)
    assert [r["id"] for r in rows] == [r["id"] for r in input_rows]
    assert [r["text"] for r in rows] == [r["text"] for r in input_rows]
    assert list(rows[0])[:3] == ["id", "text", "target"]
    for col in ADDED:
        assert col in rows[0]
    for r in rows:
        assert r["stance"] in ("FAVOR", "AGAINST", "NONE")
        assert 0.0 < float(r["stance_confidence"]) <= 1.0
        assert r["sentiment"] in ("positive", "negative", "neutral")
        assert 0.0 < float(r["sentiment_confidence"]) <= 1.0


def test_predict_csv_matches_library_predictions(model_file, input_rows, tmp_path) -> None:
    import stance

    src = write_csv(tmp_path / "in.csv", input_rows)
    out = tmp_path / "out.csv"
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    model = stance.load(model_file)
    expected = model.predict_batch([r["text"] for r in input_rows], [r["target"] for r in input_rows])
    got = _read_csv(out)
    assert [r["stance"] for r in got] == [p.stance for p in expected]
    assert [float(r["stance_confidence"]) for r in got] == pytest.approx([p.stance_confidence for p in expected], abs=1e-4)


def test_predict_jsonl_to_stdout(model_file, input_rows, tmp_path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", input_rows)
    assert main(["predict", "--model", str(model_file), "--input", str(src)]) == 0
    rows = _read_jsonl(capsys.readouterr().out)
    assert len(rows) == len(input_rows)
    assert [r["id"] for r in rows] == [r["id"] for r in input_rows]
    for r in rows:
        assert set(ADDED) <= set(r)
        assert isinstance(r["stance_confidence"], float)


def test_predict_jsonl_to_file(model_file, input_rows, tmp_path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", input_rows)
    out = tmp_path / "out.jsonl"
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    rows = _read_jsonl(out.read_text(encoding="utf-8"))
    assert [r["text"] for r in rows] == [r["text"] for r in input_rows]


def test_predict_tsv_writes_tsv(model_file, input_rows, tmp_path) -> None:
    src = write_csv(tmp_path / "in.tsv", input_rows, delimiter="\t")
    out = tmp_path / "out.tsv"
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert [r["id"] for r in rows] == [r["id"] for r in input_rows]
    assert set(ADDED) <= set(rows[0])


def test_predict_jsonl_with_uneven_keys_to_csv(model_file, tmp_path) -> None:
    rows = [{"text": "We love the wind farm.", "target": "the wind farm"},
            {"text": "We hate the wind farm.", "target": "the wind farm", "note": "kept"}]
    src = write_jsonl(tmp_path / "uneven.jsonl", rows)
    out = tmp_path / "out.csv"
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    got = _read_csv(out)
    assert [r["note"] for r in got] == ["", "kept"], "a key absent from the first row is not dropped"
    assert list(got[0])[:3] == ["text", "target", "note"]
    assert [r["stance"] for r in got] == ["FAVOR", "AGAINST"]


def test_predict_with_one_target_for_all_rows(model_file, tmp_path, capsys) -> None:
    rows = [{"text": "We love the wind farm."}, {"text": "We hate the wind farm."}]
    src = write_csv(tmp_path / "notarget.csv", rows)
    assert main(["predict", "--model", str(model_file), "--input", str(src), "--target", "the wind farm"]) == 0
    out = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["stance"] for r in out] == ["FAVOR", "AGAINST"]


def test_predict_single_statement(model_file, capsys) -> None:
    code = main(["predict", "--model", str(model_file), "We proudly back the wind farm, it is wonderful.", "--target", "the wind farm"])
    assert code == 0
    d = json.loads(capsys.readouterr().out)
    assert d["stance"] == "FAVOR"
    assert d["target"] == "the wind farm"
    assert d["stance_confidence"] == pytest.approx(max(d["stance_probabilities"].values()))
    assert set(d["sentiment_probabilities"]) == {"positive", "negative", "neutral"}


def test_predict_single_statement_needs_target(model_file, capsys) -> None:
    assert main(["predict", "--model", str(model_file), "We back it."]) == 2
    assert "--target" in capsys.readouterr().err


def test_predict_needs_statement_or_input(model_file) -> None:
    assert main(["predict", "--model", str(model_file)]) == 2


def test_predict_statement_and_input_conflict(model_file, tmp_path) -> None:
    src = write_csv(tmp_path / "in.csv", [{"text": "a", "target": "b"}])
    assert main(["predict", "--model", str(model_file), "We back it.", "--target", "it", "--input", str(src)]) == 2


def test_predict_missing_column_names_it(model_file, tmp_path, capsys) -> None:
    src = write_csv(tmp_path / "in.csv", [{"sentence": "We back it", "target": "it"}])
    assert main(["predict", "--model", str(model_file), "--input", str(src)]) == 1
    err = capsys.readouterr().err
    assert "'text'" in err and "--text-column" in err and "sentence" in err


def test_predict_missing_target_column_names_it(model_file, tmp_path, capsys) -> None:
    src = write_csv(tmp_path / "in.csv", [{"text": "We back it", "topic": "it"}])
    assert main(["predict", "--model", str(model_file), "--input", str(src)]) == 1
    assert "'target'" in capsys.readouterr().err


def test_predict_missing_file_exits_one(model_file, tmp_path, capsys) -> None:
    assert main(["predict", "--model", str(model_file), "--input", str(tmp_path / "absent.csv")]) == 1
    assert "absent.csv" in capsys.readouterr().err


def test_predict_bad_row_names_it(model_file, tmp_path, capsys) -> None:
    rows = [{"text": "We back it", "target": "it"}, {"text": "   ", "target": "it"}]
    src = write_csv(tmp_path / "in.csv", rows)
    assert main(["predict", "--model", str(model_file), "--input", str(src)]) == 1
    assert "row 1" in capsys.readouterr().err


def test_predict_missing_model_exits_one(tmp_path, capsys) -> None:
    assert main(["predict", "--model", str(tmp_path / "none.stance"), "We back it.", "--target", "it"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_predict_pickle_model_refused_unless_allowed(model_file, tmp_path, capsys) -> None:
    import joblib

    import stance

    pkl = tmp_path / "m.joblib"
    joblib.dump(stance.load(model_file), pkl)
    args = ["predict", "--model", str(pkl), "We love the wind farm.", "--target", "the wind farm"]
    assert main(args) == 1
    assert "pickle" in capsys.readouterr().err
    assert main(args + ["--allow-pickle"]) == 0


# ---------------------------------------------------------------------------------------------- evaluate
def test_evaluate_writes_reports(model_file, tmp_path, capsys) -> None:
    src = write_csv(tmp_path / "heldout.csv", [dict(r) for r in HELDOUT_ROWS])
    out = tmp_path / "reports"
    assert main(["evaluate", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    assert (out / "report.json").is_file() and (out / "report.md").is_file()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["n"] == len(HELDOUT_ROWS)
    assert report["corpus"] == "heldout.csv"
    assert f"F_avg {report['stance']['f_avg']:.2f}" in capsys.readouterr().out


def test_evaluate_unknown_split_is_a_usage_error(model_file, tmp_path, capsys, monkeypatch) -> None:
    """A registered corpus without the split asked for: exit 2 naming the splits it has."""
    folder = tmp_path / "semeval2016_task6"
    folder.mkdir()
    row = {"Tweet": "Nice", "Target": "Atheism", "Stance": "NONE", "Opinion Towards": "3.", "Sentiment": "pos"}
    for name in ("train.csv", "test.csv", "test_trump.csv"):
        write_csv(folder / name, [row])
    code = main(["evaluate", "--model", str(model_file), "--corpus", "semeval2016", "--data-dir", str(tmp_path),
                 "--split", "dev", "--output", str(tmp_path / "r")])
    assert code == 2
    assert "test_trump" in capsys.readouterr().err


def test_evaluate_missing_corpus_exits_one(model_file, tmp_path, capsys) -> None:
    code = main(["evaluate", "--model", str(model_file), "--corpus", "semeval2016", "--data-dir", str(tmp_path),
                 "--output", str(tmp_path / "r")])
    assert code == 1
    assert str(tmp_path) in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------- analyze
def test_analyze_missing_file_exits_one(model_file, tmp_path, capsys) -> None:
    code = main(["analyze", str(tmp_path / "none.txt"), "--target", "the mayor", "--model", str(model_file)])
    assert code == 1
    assert "none.txt" in capsys.readouterr().err


def test_analyze_bad_alias_is_a_usage_error(model_file, capsys) -> None:
    code = main(["analyze", str(EXAMPLE_ARTICLE), "--target", "the mayor", "--alias", "nobody=x", "--model", str(model_file)])
    assert code == 2


REQUIRED_ANALYZE_KEYS = {"file", "speaker", "text", "start", "end", "target", "stance", "stance_confidence",
                         "sentiment", "sentiment_confidence", "cue", "kind", "flags"}


def test_analyze_with_a_trained_model_jsonl(model_file, capsys) -> None:
    code = main(["analyze", str(EXAMPLE_ARTICLE), "--target", "Tomas Reyna", "--target", "Ingrid Halvard",
                 "--alias", "Tomas Reyna=Reyna", "--format", "jsonl", "--model", str(model_file)])
    assert code == 0
    rows = _read_jsonl(capsys.readouterr().out)
    assert rows, "the example article has statements"
    assert len(rows) % 2 == 0
    assert [r["target"] for r in rows[:2]] == ["Tomas Reyna", "Ingrid Halvard"], "targets in the given order"
    starts = [r["start"] for r in rows[::2]]
    assert starts == sorted(starts), "statements in document order"
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    for r in rows:
        assert set(r) == REQUIRED_ANALYZE_KEYS
        assert text[r["start"] : r["end"]] == r["text"]


def test_analyze_csv_and_table_formats(model_file, capsys) -> None:
    base = ["analyze", str(EXAMPLE_ARTICLE), "--target", "Tomas Reyna", "--model", str(model_file)]
    assert main(base + ["--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows and set(rows[0]) == REQUIRED_ANALYZE_KEYS
    assert main(base) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"== {EXAMPLE_ARTICLE}"
    verdicts = [ln for ln in lines if ln.lstrip().startswith("-> Tomas Reyna")]
    assert len(verdicts) == len(rows), "one target line per (statement, target)"
    assert [ln.split()[3] for ln in verdicts] == [r["stance"] for r in rows]
    headers = [ln for ln in lines if ln and not ln.startswith((" ", "=="))]
    assert len(headers) == len(rows), "each statement is introduced once, with its speaker"


def test_analyze_several_files_keeps_going_and_keeps_file_order(model_file, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("The bridge opened on Monday. Traffic was light.", encoding="utf-8")  # no statement in it
    latin = tmp_path / "latin.txt"
    latin.write_bytes('"The caf\xe9 stays open," the mayor said.'.encode("latin-1"))
    files = [str(EXAMPLE_ARTICLE), str(empty), str(plain), str(latin), str(EXAMPLE_ARTICLE)]
    base = ["analyze", *files, "--target", "Tomas Reyna", "--model", str(model_file)]
    assert main(base + ["--format", "jsonl"]) == 1, "two files failed"
    captured = capsys.readouterr()
    assert f"stance analyze: {empty}: empty file; nothing to analyze" in captured.err
    assert f"stance analyze: {latin}: not UTF-8 (byte 0xe9" in captured.err and "iconv" in captured.err
    rows = _read_jsonl(captured.out)
    half = len(rows) // 2
    assert half and rows[:half] == rows[half:], "the same article twice gives the same rows twice"
    assert {r["file"] for r in rows} == {str(EXAMPLE_ARTICLE)}
    assert main(base + ["--format", "csv"]) == 1
    csv_rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(csv_rows) == len(rows), "one csv header, then every row"
    assert main(base) == 1
    out = capsys.readouterr().out
    assert f"== {plain}\n(no statements found)" in out
    assert out.count(f"== {EXAMPLE_ARTICLE}") == 2


@pytest.mark.parametrize(("stderr_tty", "stdout_tty", "shown"), [(True, False, True), (False, False, False), (True, True, False)])
def test_analyze_progress_only_on_a_terminal_while_results_go_elsewhere(
    model_file, capsys, monkeypatch, stderr_tty: bool, stdout_tty: bool, shown: bool
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout_tty)
    files = [str(EXAMPLE_ARTICLE)] * 3
    assert main(["analyze", *files, "--target", "Tomas Reyna", "--format", "jsonl", "--model", str(model_file)]) == 0
    captured = capsys.readouterr()
    assert ("analyze (files)" in captured.err) is shown
    assert "3/3" in captured.err if shown else captured.err == ""
    assert "predict:" not in captured.err, "no per-article progress bar from predict_batch"


def test_analyze_summary_format_has_one_line_per_speaker_and_target(model_file, capsys) -> None:
    import stance
    from stance.summary import summarize

    targets = ["Tomas Reyna", "outside forces"]
    code = main(["analyze", str(EXAMPLE_ARTICLE), "--target", targets[0], "--target", targets[1], "--format", "summary", "--model", str(model_file)])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"== {EXAMPLE_ARTICLE}" and lines[1].startswith("speaker")
    expected = summarize(stance.analyze(EXAMPLE_ARTICLE.read_text(encoding="utf-8"), targets, model=stance.load(model_file)))
    body = [ln for ln in lines[2:] if not ln.startswith(("*", "?"))]
    assert len(body) == len(expected) > 0
    for ln, s in zip(body, expected):
        counts = f"{s.counts['FAVOR']}/{s.counts['AGAINST']}/{s.counts['NONE']}"
        assert counts in ln and s.target in ln and (s.speaker or "(no speaker named)") in ln
        assert f" {s.stance}{'?' if s.doubt else ''}" in ln
    for doubt in {s.doubt for s in expected if s.doubt}:
        assert any(ln.startswith("? ") and doubt in ln for ln in lines)


@pytest.mark.parametrize(("stderr_tty", "stdout_tty", "shown"), [(True, False, True), (False, False, False), (True, True, False)])
def test_extract_progress_only_on_a_terminal_while_results_go_elsewhere(
    capsys, monkeypatch, stderr_tty: bool, stdout_tty: bool, shown: bool
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout_tty)
    assert main(["extract", str(EXAMPLE_ARTICLE), str(EXAMPLE_ARTICLE)]) == 0
    captured = capsys.readouterr()
    assert ("extract (files): [" in captured.err and "2/2" in captured.err) is shown
    assert captured.err == "" or shown
    lines = captured.out.splitlines()
    assert lines and len(lines) % 2 == 0 and lines[: len(lines) // 2] == lines[len(lines) // 2 :]


def test_analyze_example_article_with_default_model(capsys) -> None:
    if not (MODELS_DIR / BUILTIN_MODELS["default"]).exists():
        pytest.skip(f"the embedded default model {MODELS_DIR / BUILTIN_MODELS['default']} has not been built yet")
    code = main(["analyze", str(EXAMPLE_ARTICLE), "--target", "Tomas Reyna", "--alias", "Tomas Reyna=Reyna",
                 "--format", "jsonl"])
    assert code == 0
    rows = _read_jsonl(capsys.readouterr().out)
    assert rows
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    for r in rows:
        assert set(r) == REQUIRED_ANALYZE_KEYS
        assert r["stance"] in ("FAVOR", "AGAINST", "NONE")
        assert 0.0 <= r["stance_confidence"] <= 1.0
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["file"] == str(EXAMPLE_ARTICLE)


def test_predict_refuses_to_overwrite_input_columns_and_prefix_avoids_it(tmp_path, capsys) -> None:
    """A labelled file's own `stance` column must not be silently replaced by predictions."""
    import stance.cli as cli_module
    from stance.model import StanceModel

    rows = [("I back the mayor fully", "the mayor", "FAVOR"), ("Down with the mayor", "the mayor", "AGAINST")] * 4
    rows += [("The mayor spoke at noon", "the mayor", "NONE")] * 4
    model = StanceModel.fit([(t, g) for t, g, _ in rows], [s for _, _, s in rows], config=None)
    model_path = tmp_path / "m.stance"
    model.save(model_path)
    src = tmp_path / "gold.csv"
    src.write_text("text,target,stance\nI back the mayor fully,the mayor,FAVOR\n", encoding="utf-8")
    assert cli_module.main(["predict", "--model", str(model_path), "--input", str(src)]) == 2
    assert "--prefix" in capsys.readouterr().err
    out = tmp_path / "out.csv"
    assert cli_module.main(["predict", "--model", str(model_path), "--input", str(src), "--output", str(out), "--prefix", "pred_"]) == 0
    import csv

    got = list(csv.DictReader(out.open(encoding="utf-8")))
    assert got[0]["stance"] == "FAVOR" and got[0]["pred_stance"] in ("FAVOR", "AGAINST", "NONE")


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_before_or_after_the_subcommand_logs_rows_model_and_flags(model_file, tmp_path, capsys, where) -> None:  # noqa: ANN001
    src = write_csv(tmp_path / "in.csv", [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS[:5]])
    args = ["predict", "--model", str(model_file), "--input", str(src), "--output", str(tmp_path / "out.csv")]
    assert main(["-v", *args] if where == "before" else [*args, "-v"]) == 0
    err = capsys.readouterr().err
    assert f"read 5 rows from {src}" in err and "loaded model" in err and "labelled 5 statements" in err and "flags:" in err


def test_quiet_leaves_only_errors_and_contradicting_flags_are_refused(model_file, tmp_path, capsys) -> None:  # noqa: ANN001
    src = write_csv(tmp_path / "in.csv", [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS[:5]])
    args = ["predict", "--model", str(model_file), "--input", str(src), "--output", str(tmp_path / "out.csv")]
    assert main([*args, "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main([*args]) == 0
    assert "wrote 5 rows" in capsys.readouterr().err  # the note -q silences
    assert main(["-v", *args, "-q"]) == 2
    assert "contradict" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------- one output convention (issue 19)
STATEMENT_COLUMNS = ["file", "speaker", "text", "start", "end", "cue", "kind"]


def _flagged_rows(model_file: Path) -> list[dict[str, str]]:
    # "the harbour" is named in no statement, so every prediction carries the target_not_mentioned flag; the second
    # target is named in one, so a row with no flag is there too
    return [{"id": "a", "text": "The plan is a disgrace and must be scrapped.", "target": "the harbour"},
            {"id": "b", "text": "We support the harbour plan wholeheartedly.", "target": "the harbour"}]


def test_flags_are_joined_with_a_bar_in_csv_and_a_list_in_json_lines(model_file, tmp_path, capsys) -> None:
    import stance

    rows = _flagged_rows(model_file)
    expected = stance.load(model_file).predict_batch([r["text"] for r in rows], [r["target"] for r in rows])
    assert expected[0].flags and not expected[1].flags
    src = write_csv(tmp_path / "in.csv", rows)
    out_csv, out_jsonl, out_parquet = tmp_path / "o.csv", tmp_path / "o.jsonl", tmp_path / "o.parquet"
    for out in (out_csv, out_jsonl, out_parquet):
        assert main(["predict", "--model", str(model_file), "--input", str(src), "--output", str(out)]) == 0
    got_csv = _read_csv(out_csv)
    assert [r["flags"] for r in got_csv] == ["|".join(p.flags) for p in expected]
    got_jsonl = _read_jsonl(out_jsonl.read_text(encoding="utf-8"))
    assert [r["flags"] for r in got_jsonl] == [list(p.flags) for p in expected]
    import pyarrow.parquet as pq

    assert [list(f) for f in pq.read_table(out_parquet).column("flags").to_pylist()] == [list(p.flags) for p in expected]
    # confidences at full precision, the same in every format
    assert [float(r["stance_confidence"]) for r in got_csv] == [p.stance_confidence for p in expected]
    assert [r["stance_confidence"] for r in got_jsonl] == [p.stance_confidence for p in expected]


def test_analyze_csv_and_jsonl_follow_the_same_convention(model_file, tmp_path, capsys) -> None:
    base = ["analyze", str(EXAMPLE_ARTICLE), "--target", "the harbour", "--model", str(model_file)]
    assert main([*base, "--format", "csv"]) == 0
    csv_rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert main([*base, "--format", "jsonl"]) == 0
    json_rows = _read_jsonl(capsys.readouterr().out)
    assert csv_rows and len(csv_rows) == len(json_rows)
    assert list(csv_rows[0])[: len(STATEMENT_COLUMNS)] == STATEMENT_COLUMNS == list(json_rows[0])[: len(STATEMENT_COLUMNS)]
    assert all(isinstance(r["flags"], list) for r in json_rows)
    assert [r["flags"] for r in csv_rows] == ["|".join(r["flags"]) for r in json_rows]
    assert any(r["flags"] for r in json_rows), "the target is named nowhere, so rows are flagged"
    assert [float(r["stance_confidence"]) for r in csv_rows] == [r["stance_confidence"] for r in json_rows]


def test_extract_shares_the_statement_columns_and_defaults_to_a_table(capsys) -> None:
    assert main(["extract", str(EXAMPLE_ARTICLE), "--format", "jsonl"]) == 0
    jsonl = _read_jsonl(capsys.readouterr().out)
    assert list(jsonl[0])[: len(STATEMENT_COLUMNS)] == STATEMENT_COLUMNS
    assert main(["extract", str(EXAMPLE_ARTICLE), str(EXAMPLE_ARTICLE), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 2 * len(jsonl), "one header for both files"
    assert [r["speaker"] for r in rows[: len(jsonl)]] == [r["speaker"] or "" for r in jsonl]
    assert main(["extract", str(EXAMPLE_ARTICLE)]) == 0
    assert capsys.readouterr().out.startswith(f"== {EXAMPLE_ARTICLE}: "), "a table by default, as stance analyze"
