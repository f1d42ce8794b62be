"""Reading user files and normalizing them: formats, order, and errors that say where and what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.corpora import (
    COLUMNS,
    REGISTRY,
    available_corpora,
    from_dataset,
    from_records,
    load_corpus,
    load_file,
    read_table,
)
from stance.exceptions import CorpusError, LabelError
from synthetic import write_csv, write_jsonl

ROWS = [
    {"text": "We back the levy, it helps schools.", "target": "the levy", "stance": "pro", "sentiment": "pos"},
    {"text": 'She said: "the levy, frankly, is a scam"', "target": "the levy", "stance": "AGAINST", "sentiment": "negative"},
    {"text": "The vote is on Tuesday.\nDetails follow.", "target": "the vote", "stance": "none", "sentiment": "neutral"},
    {"text": "Ünïcödé — naïve café über alles", "target": "café", "stance": "Favour", "sentiment": ""},
]


def _write(path: Path, rows: list[dict]) -> Path:
    suffix = path.suffix
    if suffix == ".csv":
        return write_csv(path, rows)
    if suffix == ".tsv":
        return write_csv(path, rows, delimiter="\t")
    if suffix in (".jsonl", ".ndjson"):
        return write_jsonl(path, rows)
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        return path
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path)
        return path
    raise AssertionError(suffix)


# ---------------------------------------------------------------------------------------------- read_table
@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet"])
def test_read_table_formats_keep_rows_and_order(tmp_path, suffix) -> None:
    path = _write(tmp_path / f"data{suffix}", ROWS)
    rows = read_table(path)
    assert rows == ROWS
    assert read_table(str(path)) == ROWS, "a str path works too"


def test_read_table_uppercase_suffix(tmp_path) -> None:
    path = write_csv(tmp_path / "DATA.CSV", ROWS)
    assert read_table(path) == ROWS


def test_csv_with_byte_order_mark(tmp_path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufefftext,target,stance\nWe back it,it,pro\n".encode())
    assert read_table(path) == [{"text": "We back it", "target": "it", "stance": "pro"}]


def test_jsonl_skips_blank_lines(tmp_path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n\n   \n" + json.dumps(ROWS[1]) + "\n", encoding="utf-8")
    assert read_table(path) == ROWS[:2]


def test_malformed_jsonl_names_the_line(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps(ROWS[0]), json.dumps(ROWS[1]), '{"text": "unterminated', json.dumps(ROWS[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 3 is not valid JSON"):
        read_table(path)


def test_jsonl_line_that_is_not_an_object(tmp_path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text(json.dumps(ROWS[0]) + '\n["a", "b"]\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 2 is a JSON list"):
        read_table(path)


def test_csv_row_with_too_many_fields_names_the_line(tmp_path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("text,target,stance\nok,t,pro\nbad,t,con,surplus\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 3 has more fields than the header"):
        read_table(path)


def test_json_must_be_a_list_of_objects(tmp_path) -> None:
    path = tmp_path / "obj.json"
    path.write_text(json.dumps({"rows": ROWS}), encoding="utf-8")
    with pytest.raises(CorpusError, match="list of objects"):
        read_table(path)
    bad = tmp_path / "broken.json"
    bad.write_text('[{"text": "a"},', encoding="utf-8")
    with pytest.raises(CorpusError, match="not valid JSON"):
        read_table(bad)


def test_empty_files(tmp_path) -> None:
    empty_csv = tmp_path / "empty.csv"
    empty_csv.write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty"):
        read_table(empty_csv)
    header_only = tmp_path / "header.csv"
    header_only.write_text("text,target,stance\n", encoding="utf-8")
    assert read_table(header_only) == []
    empty_jsonl = tmp_path / "empty.jsonl"
    empty_jsonl.write_text("", encoding="utf-8")
    assert read_table(empty_jsonl) == []
    empty_json = tmp_path / "empty.json"
    empty_json.write_text("", encoding="utf-8")
    with pytest.raises(CorpusError):
        read_table(empty_json)
    # and no rows is an error once the rows are to be used
    for path in (header_only, empty_jsonl):
        with pytest.raises(CorpusError, match="no rows"):
            load_file(path)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        read_table(tmp_path / "missing.csv")
    with pytest.raises(CorpusError, match="not a file"):
        read_table(tmp_path)


def test_unknown_extension(tmp_path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match="unknown file type '.xlsx'"):
        read_table(path)


def test_not_utf8(tmp_path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("text,target,stance\ncaf\xe9 ok,caf\xe9,pro\n".encode("latin-1"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        read_table(path)


# ---------------------------------------------------------------------------------------------- from_records / load_file
def test_load_file_normalizes_labels_and_columns(tmp_path) -> None:
    ds = load_file(_write(tmp_path / "d.csv", ROWS))
    assert ds.column_names[: len(COLUMNS)] == list(COLUMNS)
    assert ds["stance"] == ["FAVOR", "AGAINST", "NONE", "FAVOR"]
    assert ds["sentiment"] == ["positive", "negative", "neutral", None], "an empty sentiment cell is None"
    assert ds["text"] == [r["text"] for r in ROWS]
    assert ds["aliases"] == [[], [], [], []]
    assert ds["span_start"] == [None] * 4


def test_column_mapping_and_aliases(tmp_path) -> None:
    rows = [
        {"tweet": "HRC rocks", "topic": "Hillary Clinton", "label": "FAVOR", "names": "HRC|Hillary"},
        {"tweet": "No to HRC", "topic": "Hillary Clinton", "label": "AGAINST", "names": ""},
    ]
    ds = load_file(
        write_csv(tmp_path / "m.csv", rows),
        text_column="tweet",
        target_column="topic",
        stance_column="label",
        aliases_column="names",
    )
    assert ds["text"] == ["HRC rocks", "No to HRC"]
    assert ds["target"] == ["Hillary Clinton"] * 2
    assert ds["aliases"] == [["HRC", "Hillary"], []]
    assert ds["sentiment"] == [None, None], "no sentiment column: sentiment is None"


def test_aliases_as_json_list(tmp_path) -> None:
    rows = [{"text": "HRC rocks", "target": "Hillary Clinton", "stance": "pro", "aliases": ["HRC", "Hillary"]}]
    ds = load_file(write_jsonl(tmp_path / "a.jsonl", rows))
    assert ds["aliases"] == [["HRC", "Hillary"]]


def test_missing_columns_are_listed(tmp_path) -> None:
    rows = [{"statement": "We back it", "subject": "it", "stance": "pro"}]
    with pytest.raises(CorpusError) as info:
        load_file(write_csv(tmp_path / "x.csv", rows))
    msg = str(info.value)
    assert "['text', 'target']" in msg, msg
    assert "statement" in msg and "subject" in msg, "the columns the file has are listed"
    assert "--text-column" in msg


def test_missing_stance_column_only_when_required() -> None:
    rows = [{"text": "We back it", "target": "it"}]
    with pytest.raises(CorpusError, match=r"missing column\(s\) \['stance'\]"):
        from_records(rows)
    ds = from_records(rows, require_stance=False)
    assert ds["stance"] == [None]


def test_unknown_label_named_with_row(tmp_path) -> None:
    """Records name the row; a file names the line an editor shows (the header is line 1)."""
    rows = [dict(ROWS[0]), dict(ROWS[1]), {**ROWS[2], "stance": "kinda"}]
    with pytest.raises(LabelError, match=r"'kinda' at row 2"):
        from_records(rows)
    with pytest.raises(LabelError) as info:
        load_file(write_csv(tmp_path / "lab.csv", rows))
    assert "'kinda'" in str(info.value) and "lab.csv: line 4:" in str(info.value)
    rows = [dict(ROWS[0]), {**ROWS[1], "sentiment": "furious"}]
    with pytest.raises(LabelError, match=r"lab.jsonl: line 2: unknown sentiment label 'furious'"):
        load_file(write_jsonl(tmp_path / "lab.jsonl", rows))


def test_empty_stance_cell_names_the_row(tmp_path) -> None:
    rows = [dict(ROWS[0]), {**ROWS[1], "stance": "  "}]
    with pytest.raises(LabelError, match=r"row 1 has no stance label"):
        from_records(rows)
    with pytest.raises(LabelError, match=r"e.csv: line 3: no stance label"):
        load_file(write_csv(tmp_path / "e.csv", rows))


def test_keys_missing_from_the_first_jsonl_row_are_still_read(tmp_path) -> None:
    """JSONL rows need not all have the same keys: a sentiment given from row 1 on is not dropped."""
    rows = [
        {"text": "We back it", "target": "it", "stance": "pro"},
        {"text": "We hate it", "target": "it", "stance": "con", "sentiment": "negative"},
    ]
    ds = load_file(write_jsonl(tmp_path / "hetero.jsonl", rows))
    assert ds["sentiment"] == [None, "negative"]


def test_later_row_without_stance_key_names_the_row(tmp_path) -> None:
    rows = [{"text": "We back it", "target": "it", "stance": "pro"}, {"text": "We hate it", "target": "it"}]
    with pytest.raises(LabelError, match="nostance.jsonl: line 2: no stance label"):
        load_file(write_jsonl(tmp_path / "nostance.jsonl", rows))


def test_empty_stance_allowed_when_not_required() -> None:
    rows = [{"text": "We back it", "target": "it", "stance": ""}, {"text": "We hate it", "target": "it", "stance": "con"}]
    assert from_records(rows, require_stance=False)["stance"] == [None, "AGAINST"]
    with pytest.raises(LabelError, match="row 0 has no stance label"):
        from_records(rows)


def test_from_dataset_normalizes_each_split() -> None:
    import datasets

    raw = datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_list([{"t": "We back it", "g": "it", "s": "pro"}]),
            "test": datasets.Dataset.from_list([{"t": "We hate it", "g": "it", "s": "con"}]),
        }
    )
    ds = from_dataset(raw, text_column="t", target_column="g", stance_column="s")
    assert ds["train"]["stance"] == ["FAVOR"] and ds["test"]["stance"] == ["AGAINST"]
    assert ds["test"]["text"] == ["We hate it"]


# ---------------------------------------------------------------------------------------------- registry
def test_registry_lists_the_corpora() -> None:
    names = available_corpora()
    for name in ("semeval2016", "newsmtsc", "vast", "semeval2017", "newsstance", "newsstance-d"):
        assert name in names and names[name]
    assert set(names) == set(REGISTRY)


def test_newsstance_part_d_is_its_own_corpus_split_by_target() -> None:
    abc, d = load_corpus("newsstance"), load_corpus("newsstance-d")
    # part D stays out of newsstance (and so out of the default model's training data and recorded scores)
    assert all(not i.startswith("d") for split in abc.values() for i in split["id"])
    assert d["train"].num_rows and d["test"].num_rows and all(i.startswith("d") for split in d.values() for i in split["id"])
    assert not set(d["train"]["target"]) & set(d["test"]["target"])
    tagged = {t for split in d.values() for p in split["phenomena"] for t in p.split(",") if t}
    assert {"idiom", "action", "neutral_quote"} <= tagged


def test_a_bad_newsstance_line_names_its_file_and_line(tmp_path) -> None:
    from stance.corpora.extra import _newsstance_parts

    (tmp_path / "split.json").write_text('{"test_targets": []}', encoding="utf-8")
    good = '{"id": "x1", "text": "We back it.", "target": "the plan", "stance": "FAVOR", "sentiment": "positive"}'
    cases = {
        '{"id": "x2", "text": "No.", "target": "the plan", "sentiment": "neutral"}': "line 2 has no 'stance' field",
        '{"id": "x2", "text": "No.", "target": "the plan", "stance": "MAYBE", "sentiment": "neutral"}': "'MAYBE' at row 2",
        '{"id": "x2", "text": ': "line 2 is not valid JSON",
    }
    for bad, said in cases.items():
        (tmp_path / "part_x.jsonl").write_text(good + "\n" + bad + "\n", encoding="utf-8")
        with pytest.raises(CorpusError) as info:
            _newsstance_parts(("x",), tmp_path)
        assert "part_x.jsonl" in str(info.value) and said in str(info.value), str(info.value)
    (tmp_path / "part_x.jsonl").write_text(good + "\n", encoding="utf-8")
    assert _newsstance_parts(("x",), tmp_path)["train"]["text"] == ["We back it."]


def test_unknown_corpus_lists_known_ones() -> None:
    with pytest.raises(CorpusError) as info:
        load_corpus("no-such-corpus")
    assert "'no-such-corpus'" in str(info.value) and "semeval2016" in str(info.value)


@pytest.mark.parametrize("name", ["semeval2016", "newsmtsc", "vast", "semeval2017"])
def test_missing_corpus_files_say_where(tmp_path, name) -> None:
    with pytest.raises(CorpusError) as info:
        load_corpus(name, data_dir=tmp_path)
    assert str(tmp_path) in str(info.value)


def test_data_dir_environment_variable(tmp_path, monkeypatch) -> None:
    from stance.corpora._paths import default_data_dir

    monkeypatch.setenv("STANCE_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path
    with pytest.raises(CorpusError, match=str(tmp_path)):
        load_corpus("semeval2016")


def test_semeval_loader_on_a_tiny_copy(tmp_path) -> None:
    """The SemEval-2016 loader's mapping, on three rows written in its format."""
    folder = tmp_path / "semeval2016_task6"
    folder.mkdir()
    header = {"Tweet": "", "Target": "", "Stance": "", "Opinion Towards": "", "Sentiment": ""}
    rows = [
        {**header, "Tweet": "Hillary for president! #SemST", "Target": "Hillary Clinton", "Stance": "FAVOR",
         "Opinion Towards": "1.  The tweet explicitly expresses opinion about the target", "Sentiment": "pos"},
        {**header, "Tweet": "#SemST Never again", "Target": "Atheism", "Stance": "AGAINST",
         "Opinion Towards": "2. The tweet does NOT expresses opinion about the target", "Sentiment": "other"},
        {**header, "Tweet": "Nice weather", "Target": "Atheism", "Stance": "NONE",
         "Opinion Towards": "3.  The tweet is not explicitly expressing opinion", "Sentiment": "neg"},
    ]
    for name in ("train.csv", "test.csv", "test_trump.csv"):
        write_csv(folder / name, rows)
    ds = load_corpus("semeval2016", data_dir=tmp_path)
    assert set(ds) == {"train", "test", "test_trump"}
    train = ds["train"]
    assert train["text"] == ["Hillary for president!", "Never again", "Nice weather"]
    assert train["stance"] == ["FAVOR", "AGAINST", "NONE"]
    assert train["sentiment"] == ["positive", "neutral", "negative"]
    assert train["opinion_towards"] == ["1", "2", "3"]
    assert "Clinton" in train["aliases"][0]


def test_an_unclosed_quote_is_an_error_naming_its_line_not_merged_rows(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('text,target\nfine row,T\n"I support it,T\nthird row,T\nfourth row,T\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 3: malformed CSV"):
        read_table(path)
    path.write_text('text,target\n"we said" yes,T\n', encoding="utf-8")  # the quote marks would be lost
    with pytest.raises(CorpusError, match="line 2"):
        read_table(path)
    path.write_text('text,target\n"a field\nover two lines",T\nnext,T\n', encoding="utf-8")  # a proper multi-line field
    assert [r["text"] for r in read_table(path)] == ["a field\nover two lines", "next"]


def test_a_duplicate_header_is_refused_by_name(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("text,target,text\na,b,c\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"names \['text'\] more than once"):
        read_table(path)


def test_an_aliases_column_named_by_the_caller_must_be_there() -> None:
    rows = [{"text": "We back the plan.", "target": "the plan", "stance": "FAVOR", "other": "the scheme"}]
    # the default name is read when present and skipped when absent
    assert list(from_records(rows)["aliases"]) == [[]]
    assert list(from_records([{**rows[0], "aliases": "the scheme"}])["aliases"]) == [["the scheme"]]
    assert list(from_records(rows, aliases_column="other")["aliases"]) == [["the scheme"]]
    # a name the caller chose and the data lacks (a typo) is an error naming it, not every alias silently dropped
    with pytest.raises(CorpusError, match=r"in\.csv: no aliases column 'othre'; it has \['other', 'stance', 'target', 'text'\]"):
        from_records(rows, aliases_column="othre", source="in.csv")


def test_a_sentiment_column_named_by_the_caller_must_be_there() -> None:
    rows = [{"text": "We back the plan.", "target": "the plan", "stance": "FAVOR", "feeling": "pos"}]
    # the default name is optional; a name the caller chose is read, and must be there
    assert list(from_records(rows)["sentiment"]) == [None]
    assert list(from_records(rows, sentiment_column="feeling")["sentiment"]) == ["positive"]
    with pytest.raises(CorpusError, match=r"in\.csv: no sentiment column 'feelng'; it has \['feeling', 'stance', 'target', 'text'\]"):
        from_records(rows, sentiment_column="feelng", source="in.csv")
