"""training/seesaw_losses.py --oracle: statements relabelled from SEESAW's annotation (the speaker's side, anyone's
side, the model's detections kept or its polarity corrected), and the end-to-end table built from them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stance.api import AnalyzedStatement

TRAINING = str(Path(__file__).resolve().parents[2] / "training")
sys.path.insert(0, TRAINING)
import seesaw_losses as sl  # noqa: E402

sys.path.remove(TRAINING)

SENTENCES = ["Ada Holm said the tariff must go.", "Ben Ruiz said the tariff was a fine idea.", "Nothing else happened."]


def _article() -> dict:
    starts, pos = [], 0
    for s in SENTENCES:
        starts.append(pos)
        pos += len(s) + 1
    return {"id": "a1", "text": " ".join(SENTENCES), "sentence_starts": starts, "triplets": [
        {"sentence": 0, "subject": "Ada Holm", "sentiment": "NEG", "object": "tariff"},
        {"sentence": 1, "subject": "Ben Ruiz", "sentiment": "POS", "object": "tariff"},
    ]}


def _row(art: dict, sentence: int, speaker: str | None, stance: str, conf: float = 0.6) -> AnalyzedStatement:
    start = art["sentence_starts"][sentence]
    text = SENTENCES[sentence]
    return AnalyzedStatement(speaker, text, start, start + len(text), "tariff", stance, conf, None, None, "said", "indirect")


def test_speaker_side_is_the_triplet_of_that_speaker_in_that_sentence() -> None:
    art = _article()
    rows = [_row(art, 0, "Holm", "NONE"), _row(art, 0, "Ben Ruiz", "FAVOR"), _row(art, 1, "Ruiz", "AGAINST"), _row(art, 2, None, "FAVOR")]
    got = [(r.stance, r.stance_confidence) for r in sl.oracle_rows(rows, art, "speaker")]
    assert got == [("AGAINST", 1.0), ("NONE", 1.0), ("FAVOR", 1.0), ("NONE", 1.0)]
    # anyone's side in the sentence, whoever the speaker is
    assert [r.stance for r in sl.oracle_rows(rows, art, "sentence")] == ["AGAINST", "AGAINST", "FAVOR", "NONE"]


def test_detections_and_polarity_modes_keep_the_models_other_decisions() -> None:
    art = _article()
    rows = [_row(art, 0, "Holm", "FAVOR"), _row(art, 0, "Holm", "NONE"), _row(art, 2, "Holm", "AGAINST")]
    # wrong detections removed: a side is kept (as the model gave it) only where the speaker has one
    assert [r.stance for r in sl.oracle_rows(rows, art, "detections")] == ["FAVOR", "NONE", "NONE"]
    # the right polarity where the model gives a side and the speaker has one; NONE and unannotated sides stay
    assert [r.stance for r in sl.oracle_rows(rows, art, "polarity")] == ["AGAINST", "NONE", "AGAINST"]
    with pytest.raises(ValueError, match="oracle mode 'other'"):
        sl.oracle_rows(rows, art, "other")


def test_oracle_table_scores_each_relabelling_end_to_end() -> None:
    art = _article()
    gold = {("Ada Holm", "tariff"): "AGAINST", ("Ben Ruiz", "tariff"): "FAVOR"}
    rows = [_row(art, 0, "Ada Holm", "FAVOR", 0.9), _row(art, 1, "Ben Ruiz", "NONE")]
    table = {name: (p, r, f, m, n) for name, p, r, f, m, n in sl.oracle_table([("a1", {}, gold, rows)], {"a1": art})}
    assert table["the model (shipped rule)"][3:] == (0, 1)  # Holm FAVOR: wrong side; Ruiz NONE: no verdict
    assert table["perfect classifier of the speaker's side"][:3] == (100.0, 100.0, 100.0)
    assert table["the model's detections, right polarity"][3:] == (1, 1)
    assert table["the model's sides, wrong detections removed"][3:] == (0, 1)
