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
