"""The behavioural-check cases expand as documented (training/behaviour_checks.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))
import behaviour_checks as bc  # noqa: E402

sys.path.remove(str(REPO / "training"))


def test_every_pattern_is_filled_with_every_target() -> None:
    spec = json.loads(bc.TEMPLATES.read_text(encoding="utf-8"))
    items = bc.cases()
    assert len(items) == len(spec["patterns"]) * len(spec["targets"])
    for c in items:
        assert "{" not in c.text and c.text[0].isupper()
        assert c.stance in ("FAVOR", "AGAINST", "NONE")
    for p in spec["patterns"]:
        if "{T}" in p["text"]:
            assert all(c.target.lower() in c.text.lower() for c in items if c.pattern == p["id"])


def test_unknown_label_is_refused(tmp_path: Path) -> None:
    bad = {"speakers": ["A"], "targets": ["t"], "patterns": [{"id": "x", "text": "{S} likes {T}.", "stance": "PRO"}]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="'PRO'"):
        bc.cases(path)


def test_score_counts_right_per_pattern() -> None:
    class Fixed:
        def predict_batch(self, texts, targets):  # type: ignore[no-untyped-def]
            return [type("P", (), {"stance": "FAVOR"})() for _ in texts]

    items = bc.cases()
    got = bc.score(Fixed(), items)
    favor = sum(c.stance == "FAVOR" for c in items)
    assert got["accuracy"] == round(100 * favor / len(items), 1)
    assert sum(got["right"].values()) == favor


def test_news_cases_are_well_formed() -> None:
    items = bc.news_cases()
    assert len(items) >= 60  # the table: at least 60 plain news cases
    assert len({c.id for c in items}) == len(items)
    assert {c.stance for c in items} == {"FAVOR", "AGAINST", "NONE"}
    assert sum(1 for c in items if c.speaker) >= 8  # cases where who speaks matters


def test_news_case_with_unknown_label_or_repeated_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"cases": [{"id": "a", "text": "x", "target": "t", "stance": "PRO"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="'PRO'"):
        bc.news_cases(path)
    case = {"id": "a", "text": "x", "target": "t", "stance": "NONE"}
    path.write_text(json.dumps({"cases": [case, case]}), encoding="utf-8")
    with pytest.raises(ValueError, match="'a' is used twice"):
        bc.news_cases(path)


def test_score_news_passes_speaker_and_context_and_names_the_wrong_cases() -> None:
    seen = {}

    class Echo:  # says FAVOR exactly when it is given a speaker
        def predict_batch(self, texts, targets, aliases, *, speakers, contexts):  # type: ignore[no-untyped-def]
            seen["contexts"] = contexts
            return [type("P", (), {"stance": "FAVOR" if s else "NONE"})() for s in speakers]

    items = bc.news_cases()
    got = bc.score_news(Echo(), items)
    assert seen["contexts"] == [c.context for c in items]
    expected_right = sum((c.stance == "FAVOR") == bool(c.speaker) and c.stance in ("FAVOR", "NONE") for c in items)
    assert got["accuracy"] == round(100 * expected_right / len(items), 1)
    assert len(got["wrong"]) == len(items) - expected_right


def test_news_cases_seen_in_training_are_scored_apart() -> None:
    items = bc.news_cases()
    seen = [c for c in items if c.seen]
    assert seen and len(items) - len(seen) >= 60  # the table needs at least 60 cases still held out

    class RightOnSeen:  # right exactly on the cases marked seen, wrong on the others
        def predict_batch(self, texts, targets, aliases, *, speakers, contexts):  # type: ignore[no-untyped-def]
            wrong = {"FAVOR": "AGAINST", "AGAINST": "NONE", "NONE": "FAVOR"}
            return [type("P", (), {"stance": c.stance if c.seen else wrong[c.stance]})() for c in items]

    got = bc.score_news(RightOnSeen(), items)
    assert got["groups"][bc.SEEN] == (len(seen), len(seen))
    assert got["groups"][bc.HELD_OUT] == (0, len(items) - len(seen))
    table = bc.news_table(["m"], [got], items)
    assert f"**0/{len(items) - len(seen)} (0.0%)**" in table
