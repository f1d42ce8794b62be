"""training/newsstance_d.py counts right answers per gold label and per phenomenon tag."""

from __future__ import annotations

import sys
from pathlib import Path

from stance.corpora import load_corpus

TRAINING = str(Path(__file__).resolve().parents[2] / "training")
sys.path.insert(0, TRAINING)
import newsstance_d as nd  # noqa: E402

sys.path.remove(TRAINING)


def test_groups_count_the_right_rows() -> None:
    rows = load_corpus("newsstance-d")["test"]

    class AlwaysNone:
        def predict_batch(self, texts, targets, aliases, *, progress):  # type: ignore[no-untyped-def]
            return [type("P", (), {"stance": "NONE"})() for _ in texts]

    got = nd.score(AlwaysNone(), rows)
    n_none = sum(s == "NONE" for s in rows["stance"])
    assert got["groups"]["gold NONE"] == (n_none, n_none)
    assert got["groups"]["gold FAVOR"][0] == 0 and got["groups"]["gold AGAINST"][0] == 0
    idiom = [r for r in rows if "idiom" in r["phenomena"].split(",")]
    assert got["groups"]["idiom"] == (sum(r["stance"] == "NONE" for r in idiom), len(idiom))
    attributed = sum(r["stance"] == "NONE" and bool(r["speaker"]) for r in rows)
    assert got["groups"]["attributed NONE"] == (attributed, attributed)
    assert "| gold NONE" in nd.table(["m"], [got], 8)
