"""The synthetic corpus generator (stance.synthetic): deterministic by seed, article i independent of the corpus size,
its statements where it says they are and found by the extractor, and written as a folder or a table."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

import stance
from stance.synthetic import TARGETS, synthetic_articles, write_corpus


def test_same_seed_same_articles_and_another_seed_others() -> None:
    a = [x.text for x in synthetic_articles(20, seed=3)]
    assert a == [x.text for x in synthetic_articles(20, seed=3)]
    assert len(set(a)) == 20
    assert not set(a) & {x.text for x in synthetic_articles(20, seed=4)}


def test_article_i_does_not_depend_on_how_many_are_made() -> None:
    big = list(synthetic_articles(50, seed=1))
    assert list(synthetic_articles(5, seed=1)) == big[:5]
    assert list(synthetic_articles(5, seed=1, start=45)) == big[45:]
    assert [a.id for a in big[:2]] == ["syn1-0000000", "syn1-0000001"]


def test_statements_are_in_the_text_in_order_and_about_the_article_targets() -> None:
    for a in synthetic_articles(30, seed=2):
        assert 1 <= len(a.targets) <= 3 and set(a.targets) <= set(TARGETS)
        assert 4 <= len(a.statements) <= 9
        positions = [a.text.index(s.sentence) for s in a.statements]
        assert positions == sorted(positions)
        for s in a.statements:
            assert s.target in a.targets and s.target.lower() in s.sentence.lower() and s.speaker in s.sentence
            assert s.stance in ("FAVOR", "AGAINST", "NONE") and s.kind in ("direct", "indirect")


def test_the_extractor_finds_the_statements_and_their_speakers() -> None:
    found = speaker = total = 0
    for a in synthetic_articles(60, seed=5):
        extracted = stance.extract_statements(a.text)
        for s in a.statements:
            total += 1
            begin = a.text.index(s.sentence)
            hits = [e for e in extracted if begin <= e.start < begin + len(s.sentence)]
            found += bool(hits)
            speaker += bool(hits) and hits[0].speaker is not None and hits[0].speaker in s.speaker
    assert found / total > 0.9 and speaker / total > 0.9, (found, speaker, total)


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv", "parquet"])
def test_write_corpus_in_each_format(tmp_path, fmt: str) -> None:
    articles = list(synthetic_articles(7, seed=9))
    path = write_corpus(tmp_path / ("corpus" if fmt == "txt" else f"corpus.{fmt}"), 7, seed=9, rows_per_group=3)
    if fmt == "txt":
        got = {p.stem: p.read_text(encoding="utf-8") for p in path.iterdir()}
        assert got == {a.id: a.text for a in articles}
        return
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = pq.read_table(path).to_pylist()
        assert pq.ParquetFile(path).num_row_groups == 3
    assert rows == [{"id": a.id, "text": a.text} for a in articles]


def test_bad_counts_and_formats_are_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="number of articles"):
        list(synthetic_articles(-1))
    with pytest.raises(ValueError, match="txt, jsonl, csv, parquet"):
        write_corpus(tmp_path / "c.xlsx", 3)
