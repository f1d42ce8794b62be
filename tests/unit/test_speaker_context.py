"""Speaker and the sentence before as inputs: read by a model whose encoder was trained with them, ignored by others,
flagged when a model that reads them is not given them; passed on by analyze and by stance predict's columns."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from stance.api import sentence_before
from stance.encoder import PairEncoder, encoder_input
from stance.exceptions import InputError
from stance.model import CONTEXT_NOT_GIVEN, SPEAKER_NOT_GIVEN, StanceModel
from synthetic import train_small_model
from test_encoder import tiny_arrays


def test_encoder_input_appends_what_the_encoder_reads() -> None:
    assert encoder_input("text", "the plan", speaker="Ruiz", context="Before.") == ("text", "the plan")
    both = encoder_input("text", "the plan", ("it",), speaker="Ana Ruiz", context="It  rained.", inputs=("speaker", "context"))
    assert both == ("text", "the plan , it ; speaker : Ana Ruiz ; before : It rained.")
    assert encoder_input("text", "T", speaker="", inputs=("speaker",))[1] == "T ; speaker : none"
    assert encoder_input("text", "T", speaker=None, context="", inputs=("speaker", "context"))[1] == "T ; speaker : none"


def _model(inputs: tuple[str, ...]) -> StanceModel:
    small = train_small_model()
    labels = tuple(str(c) for c in small.stance_head.classes_)
    encoder = PairEncoder(tiny_arrays(0, labels=labels, inputs=inputs))
    return StanceModel(small.featurizer, small.stance_head, small.sentiment_head, small.metadata, encoder, 0.5)


TEXT, TARGET = "the minister said the plan is unable", "the minister"


def test_a_model_that_reads_the_speaker_uses_it_and_flags_its_absence(tmp_path) -> None:
    model = _model(("speaker", "context"))
    assert model.reads == ("speaker", "context")
    a = model.predict(TEXT, TARGET, speaker="the minister", context="x y")
    b = model.predict(TEXT, TARGET, speaker="y", context="x y")
    assert a.stance_probabilities != b.stance_probabilities, "the speaker reaches the encoder"
    assert SPEAKER_NOT_GIVEN not in a.flags and CONTEXT_NOT_GIVEN not in a.flags
    writer = model.predict(TEXT, TARGET, speaker="", context="")
    assert SPEAKER_NOT_GIVEN not in writer.flags, "an empty speaker is nobody named, not an unknown one"
    unknown = model.predict(TEXT, TARGET)
    assert SPEAKER_NOT_GIVEN in unknown.flags and CONTEXT_NOT_GIVEN in unknown.flags
    assert unknown.stance_probabilities == model.predict(TEXT, TARGET, speaker="", context="").stance_probabilities
    # stored and loaded, the encoder still reads them
    model.save(tmp_path / "m.stance")
    import stance

    loaded = stance.load(tmp_path / "m.stance")
    assert loaded.reads == ("speaker", "context")
    again = loaded.predict(TEXT, TARGET, speaker="the minister", context="x y")
    assert again.stance_probabilities == pytest.approx(a.stance_probabilities, abs=1e-6)


def test_a_model_trained_without_them_ignores_them() -> None:
    model = _model(())
    assert model.reads == ()
    a = model.predict(TEXT, TARGET, speaker="the minister", context="x")
    b = model.predict(TEXT, TARGET)
    assert a.stance_probabilities == b.stance_probabilities and a.flags == b.flags
    assert SPEAKER_NOT_GIVEN not in b.flags


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"speakers": ["a"]}, "2 texts but 1 speakers"),
    ({"contexts": "one sentence"}, "contexts is a single string"),
    ({"speakers": ["a", 5]}, "speaker at row 1 is int 5"),
])
def test_bad_speakers_and_contexts_are_refused_by_row(kwargs: dict, match: str) -> None:
    model = _model(("speaker",))
    with pytest.raises(InputError, match=match):
        model.predict_batch([TEXT, TEXT], TARGET, **kwargs)


@pytest.mark.parametrize(("text", "at", "before"), [
    ("One. Two, said Bob. Three.", "Three", "Two, said Bob."),
    ('He left. "We win," she said. Then.', "Then", '"We win," she said.'),
    ("Only one sentence here.", "here", ""),
    ("First! Second? Third.", "Third", "Second?"),
])
def test_sentence_before(text: str, at: str, before: str) -> None:
    assert sentence_before(text, text.index(at)) == before


def test_analyze_passes_speaker_and_sentence_before() -> None:
    import stance

    seen: dict = {}

    class Spy:
        def predict_batch(self, texts, targets, aliases=None, *, speakers=None, contexts=None, progress=None):  # noqa: ANN001, ANN201
            seen.update(texts=list(texts), speakers=list(speakers), contexts=list(contexts))
            return train_small_model().predict_batch(texts, targets, aliases, progress=False)

    article = 'The vote was close. Ana Ruiz said the plan would fail. "It is a disgrace," the minister said.'
    stance.analyze(article, ["the plan"], model=Spy())  # type: ignore[arg-type]
    assert seen["speakers"] and "Ana Ruiz" in seen["speakers"]
    i = seen["speakers"].index("Ana Ruiz")
    assert seen["contexts"][i] == "The vote was close."


def test_predict_command_reads_speaker_and_context_columns(tmp_path, capsys, monkeypatch) -> None:
    import stance.cli as cli

    model = _model(("speaker", "context"))
    monkeypatch.setattr(cli, "_load_model", lambda args: model)
    path = tmp_path / "in.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "target", "who", "before"])
        w.writerow([TEXT, TARGET, "the minister", "x y"])
        w.writerow([TEXT, TARGET, "y", "x y"])
    assert cli.main(["predict", "--input", str(path), "--speaker-column", "who", "--context-column", "before", "--output", str(tmp_path / "o.jsonl")]) == 0
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    want = [model.predict(TEXT, TARGET, speaker=s, context="x y") for s in ("the minister", "y")]
    # full precision, as every command writes (the encoder runs in float32: its last digits may differ by batch)
    assert [r["stance_confidence"] for r in rows] == pytest.approx([p.stance_confidence for p in want], abs=1e-6)
    assert any(len(repr(r["stance_confidence"])) > 8 for r in rows), "not rounded"
    assert all(SPEAKER_NOT_GIVEN not in r["flags"] for r in rows)
    assert np.isfinite([r["stance_confidence"] for r in rows]).all()


def test_stance_offsets_move_the_decision_not_the_probabilities(tmp_path) -> None:
    import stance

    plain = _model(())
    texts = [TEXT, "the plan is unable", "x y the minister"]
    base = plain.predict_batch(texts, TARGET)
    labels = plain.stance_labels
    pushed = StanceModel(plain.featurizer, plain.stance_head, plain.sentiment_head, plain.metadata, plain.encoder, 0.5,
                         stance_offsets={"NONE": 1.0})
    got = pushed.predict_batch(texts, TARGET)
    assert [p.stance_probabilities for p in got] == [p.stance_probabilities for p in base]
    assert all(p.stance == "NONE" for p in got), "an offset of 1 wins every decision"
    assert all(p.stance_confidence == p.stance_probabilities["NONE"] for p in got)
    pushed.save(tmp_path / "o.stance")
    again = stance.load(tmp_path / "o.stance")
    assert again.stance_offsets == {"NONE": 1.0} and [p.stance for p in again.predict_batch(texts, TARGET)] == ["NONE"] * 3
    assert "NONE" in labels
    for bad in ({"MAYBE": 0.1}, {"NONE": float("nan")}, {"NONE": 2.0}, {"NONE": "0.1"}):
        with pytest.raises(InputError, match="stance offset"):
            StanceModel(plain.featurizer, plain.stance_head, plain.sentiment_head, plain.metadata, plain.encoder, 0.5, stance_offsets=bad)
