"""stance.analyze / stance analyze on articles with statements longer than a model takes, and per-file failures."""

from __future__ import annotations

import json

import pytest

import stance
from stance.api import STATEMENT_TRUNCATED
from stance.cli import main
from stance.exceptions import InputError
from stance.features import MAX_TEXT_CHARS
from synthetic import trained_model  # noqa: F401

FILLER = "the new bridge would be good for the people of the town and it will open soon "


def _article(n_chars: int) -> str:
    body = (FILLER * (n_chars // len(FILLER) + 1))[:n_chars].strip()
    return f'The mayor praised the new bridge on Monday. "{body}," the mayor said. Later, the mayor said the bridge was ready.'


def test_a_statement_over_the_limit_is_classified_on_its_start_and_flagged(trained_model) -> None:
    text = _article(MAX_TEXT_CHARS + 5_000)
    rows = stance.analyze(text, ["the new bridge", "the council"], model=trained_model)
    long_rows = [r for r in rows if len(r.text) > MAX_TEXT_CHARS]
    assert len(long_rows) == 2, "the long quotation, once per target"
    assert all(STATEMENT_TRUNCATED in r.flags for r in long_rows)
    assert all(STATEMENT_TRUNCATED not in r.flags for r in rows if r not in long_rows)
    assert len(rows) > len(long_rows), "the other statements of the article are still there"
    for r in long_rows:
        assert text[r.start : r.end] == r.text, "offsets and text are those of the whole statement"


def test_a_statement_at_the_limit_is_not_flagged(trained_model) -> None:
    rows = stance.analyze(_article(5_000), ["the new bridge"], model=trained_model)
    assert rows and not any(STATEMENT_TRUNCATED in r.flags for r in rows)


def test_cli_one_failing_article_does_not_stop_the_others(tmp_path, capsys, monkeypatch) -> None:
    import stance.api as api

    real = api.analyze

    def analyze(text, targets, **kw):  # type: ignore[no-untyped-def]
        if "POISON" in text:
            raise InputError("a statement the model refuses (test)")
        return real(text, targets, **kw)

    monkeypatch.setattr(api, "analyze", analyze)
    good = tmp_path / "good.txt"
    good.write_text('"The bridge is a triumph," the mayor said.', encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text('"POISON is here," the mayor said.', encoding="utf-8")
    code = main(["analyze", str(bad), str(good), "--target", "the bridge", "--format", "jsonl"])
    captured = capsys.readouterr()
    assert code == 1
    assert "bad.txt" in captured.err and "refuses" in captured.err
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows and {r["file"] for r in rows} == {str(good)}


@pytest.mark.parametrize("n", [MAX_TEXT_CHARS + 1, 3 * MAX_TEXT_CHARS])
def test_cut_stays_within_the_limit_and_at_a_word_boundary(n: int) -> None:
    from stance.api import _cut

    content = (FILLER * (n // len(FILLER) + 1))[:n]
    cut = _cut(content)
    assert len(cut) <= MAX_TEXT_CHARS and content.startswith(cut)
    assert content[len(cut)] == " ", "cut before a space, not inside a word"
