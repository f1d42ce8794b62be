"""The SEESAW loaders on a small folder written here in SEESAW's layout, and on the real corpus when present."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import need_corpus
from stance.corpora import load_corpus
from stance.corpora.seesaw import entity_aliases, load_seesaw, load_seesaw_articles, read_articles
from stance.exceptions import CorpusError

ENTITIES = [["Anna Berg", ["People"], ["Main"], ["A"]], ["City Council", ["Organization"], ["Main"], ["A"]],
            ["stadium plan", ["Topic"], ["Salient"], ["A"]]]
SENTENCES = [
    "The council met on Monday.",
    "Anna Berg said the City Council had betrayed the voters.",
    "",
    "Berg praised and attacked the council in one breath.",
    "The stadium plan was delayed.",
]
STANCES = {
    "1": [{"id": 0, "subject": "Anna Berg", "sentiment": "NEG", "object": "City Council", "annotators": ["A"]}],
    "3": [{"id": 0, "subject": "Anna Berg", "sentiment": "POS", "object": "City Council", "annotators": ["A"]},
          {"id": 1, "subject": "Anna Berg", "sentiment": "NEG", "object": "City Council", "annotators": ["A"]}],
    "4": [{"id": 0, "subject": "None", "sentiment": "POS", "object": "Anna Berg", "annotators": ["A"]},
          {"id": 1, "subject": "City Council", "sentiment": "NEG", "object": "stadium plan", "annotators": ["A"]}],
}


def _write(root: Path, story: str, split: str, sentences=SENTENCES, stances=STANCES) -> None:  # noqa: ANN001
    for sub in ("meta", "articles", "annotations"):
        (root / "seesaw" / sub).mkdir(parents=True, exist_ok=True)
    (root / "seesaw" / "meta" / f"TRIPLET_{story}.json").write_text(json.dumps({"Split": split}))
    name = f"TRIPLET_{story}_DOCUMENT_0.json"
    (root / "seesaw" / "articles" / name).write_text(json.dumps({"title": "t", "text": [{"id": i, "text": s} for i, s in enumerate(sentences)]}))
    (root / "seesaw" / "annotations" / name).write_text(json.dumps({"entity lists": ENTITIES, "sentence-level stances": stances}))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _write(tmp_path, "000", "train")
    _write(tmp_path, "001", "valid")
    _write(tmp_path, "002", "test")  # held back in the shared data; ignored if present
    return tmp_path


def test_one_row_per_sentence_and_main_entity_with_labels(folder: Path) -> None:
    d = load_seesaw(folder)
    assert set(d) == {"train", "valid"}
    rows = list(d["train"])
    # sentences 0, 1, 3, 4 (2 is empty) x the two Main entities, minus (3, City Council), which is both POS and NEG
    got = {(int(r["sentence"]), r["target"]): r["stance"] for r in rows}
    assert got == {
        (0, "Anna Berg"): "NONE", (0, "City Council"): "NONE",
        (1, "Anna Berg"): "NONE", (1, "City Council"): "AGAINST",
        (3, "Anna Berg"): "NONE",
        (4, "Anna Berg"): "FAVOR", (4, "City Council"): "NONE",  # a subject of "None" still gives a stance toward the object
    }
    by = {(int(r["sentence"]), r["target"]): r for r in rows}
    assert by[(1, "City Council")]["context"] == SENTENCES[0] and by[(0, "Anna Berg")]["context"] == ""
    assert by[(1, "City Council")]["speaker"] == "Anna Berg", "the extracted statement's speaker"
    assert by[(4, "Anna Berg")]["speaker"] == "", "no statement holds the sentence"
    assert by[(1, "Anna Berg")]["aliases"] == ["Berg"] and by[(1, "City Council")]["aliases"] == []
    assert {r["story"] for r in rows} == {"000"} and {r["article"] for r in rows} == {"000-0"}
    assert {r["story"] for r in d["valid"]} == {"001"}


def test_articles_view_keeps_text_offsets_entities_and_triplets(folder: Path) -> None:
    arts = load_seesaw_articles(folder)
    a = arts["valid"][0]
    assert a["id"] == "001-0" and a["text"] == " ".join(SENTENCES)
    for start, sentence in zip(a["sentence_starts"], SENTENCES):
        assert a["text"][start : start + len(sentence)] == sentence
    assert [e["name"] for e in a["entities"] if e["role"] == "Main"] == ["Anna Berg", "City Council"]
    assert {"sentence": 1, "subject": "Anna Berg", "sentiment": "NEG", "object": "City Council"} in a["triplets"]
    assert len(a["triplets"]) == 5


@pytest.mark.parametrize(("name", "kind", "aliases"), [
    ("Barack Obama", "People", ["Obama"]), ("Congress", "Organization", []), ("Madonna", "People", []),
    ("Republican Party", "Organization", []), ("George W. Bush", "People", ["Bush"]),
])
def test_entity_aliases_are_a_person_s_last_name(name: str, kind: str, aliases: list[str]) -> None:
    assert entity_aliases(name, kind) == aliases


def test_missing_folder_and_missing_annotation_are_named(tmp_path: Path, folder: Path) -> None:
    with pytest.raises(CorpusError, match="seesaw.*not found"):
        read_articles(tmp_path / "nowhere")
    (folder / "seesaw" / "annotations" / "TRIPLET_000_DOCUMENT_0.json").unlink()
    with pytest.raises(CorpusError, match="TRIPLET_000_DOCUMENT_0.json.*missing"):
        read_articles(folder)


@pytest.mark.data
def test_real_corpus_counts_and_story_split() -> None:
    need_corpus("seesaw", "annotations")
    d = load_corpus("seesaw")
    assert len(d["valid"]) == 5496 and len(d["train"]) == 19777
    assert Counter(d["valid"]["stance"]) == {"NONE": 4444, "AGAINST": 706, "FAVOR": 346}
    assert not set(d["train"]["story"]) & set(d["valid"]["story"]), "no story in both splits"
    assert len(set(d["valid"]["story"])) == 35
