"""training/statement_encoder.py: the rows it trains on, the labels they get from SEESAW's triplets, how a blend of the
linear part and the encoder becomes who-stands-where counts, and how a setting is chosen. None needs torch."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

TRAINING = str(Path(__file__).resolve().parents[2] / "training")
sys.path.insert(0, TRAINING)
import statement_encoder as se  # noqa: E402
from seesaw_losses import gold_side  # noqa: E402

sys.path.remove(TRAINING)

import stance  # noqa: E402
from stance.api import statement_inputs  # noqa: E402
from stance.extraction import extract_statements  # noqa: E402

TEXT = ('The vote is on Tuesday. "We will stand with Bob Marsh," said Ann Lee. '
        'Critics are many. "Nobody should back Marsh," Carl Diaz said.')
STARTS = [0, TEXT.index('"We'), TEXT.index("Critics"), TEXT.index('"Nobody')]


def _article(triplets: list[dict[str, Any]]) -> se.Article:
    inputs = statement_inputs(TEXT, extract_statements(TEXT), ["Bob Marsh"], {"Bob Marsh": ["Marsh"]})
    art = {"sentence_starts": STARTS, "triplets": triplets}
    labels = [gold_side(se._Span.of(x), art) for x in inputs]
    return se.Article("a1", "s1", inputs, {"Bob Marsh": ["Marsh"]}, {}, labels)


def test_a_statement_is_labelled_with_its_own_speakers_side_only() -> None:
    art = _article([{"sentence": 1, "subject": "Ann Lee", "object": "Bob Marsh", "sentiment": "POS"},
                    {"sentence": 1, "subject": "Carl Diaz", "object": "Bob Marsh", "sentiment": "NEG"},
                    {"sentence": 3, "subject": "Carl Diaz", "object": "Bob Marsh", "sentiment": "NEG"}])
    by_speaker = {x.speaker: lab for x, lab in zip(art.inputs, art.labels)}
    # Diaz's NEG in Lee's sentence is not Lee's side; Lee's last name matches the subject "Ann Lee"
    assert by_speaker == {"Ann Lee": "FAVOR", "Carl Diaz": "AGAINST"}


def test_training_rows_keep_every_side_and_twice_as_many_none_from_statements_with_a_speaker() -> None:
    sided = _article([{"sentence": 1, "subject": "Lee", "object": "Bob Marsh", "sentiment": "POS"}])
    plain = [_article([]) for _ in range(3)]
    rows, extra = se.training_rows([sided, *plain])
    labels = sorted(r.stance for r in rows)
    assert labels == ["FAVOR", "NONE", "NONE"]
    assert all(r.pair.target == "Bob Marsh" and "Marsh" in r.pair.aliases for r in rows)
    assert set(extra) == {id(r) for r in rows}
    # a statement without a speaker (the writer's voice) is never a row, whatever its label: no side of it reaches a verdict
    writer = se.Article("a2", "s2", [dataclasses.replace(x, speaker="") for x in sided.inputs], {}, {}, sided.labels)
    assert "FAVOR" in writer.labels
    rows, _ = se.training_rows([writer, *plain])
    assert rows == []


def _scored(encoder_side: str, cued: bool = False) -> se.Scored:
    model = stance.load("default-linear")
    inputs = [x for x in statement_inputs(TEXT, extract_statements(TEXT), ["Bob Marsh"], {"Bob Marsh": ["Marsh"]})
              if x.speaker == "Ann Lee"]
    art = se.Article("a1", "s1", inputs, {"Bob Marsh": ["Marsh"]}, {("Ann Lee", "Bob Marsh"): "FAVOR"}, ["FAVOR"])
    preds = model.predict_batch([x.content for x in inputs], [x.target for x in inputs], [x.aliases for x in inputs], progress=False)
    labels = list(preds[0].stance_probabilities)
    lin = np.array([[1.0 if c == "NONE" else 0.0 for c in labels]])
    enc = np.array([[0.9 if c == encoder_side else 0.05 for c in labels]])
    return se.Scored(art, preds, labels, lin, enc, np.array([cued]))


def test_counts_follow_the_blend_and_the_offset() -> None:
    right = [_scored("FAVOR")]
    assert se.counts(right, 1.0, 0.0) == (1, 1, 1)        # the encoder's side, matched
    assert se.counts(right, 0.0, 0.0) == (0, 0, 1)        # the linear part's NONE: no verdict
    assert se.counts(right, 0.6, 0.0) == (1, 1, 1)        # 0.54 FAVOR against 0.43 NONE
    assert se.counts(right, 0.6, 0.2) == (0, 0, 1)        # the offset toward NONE turns it over
    assert se.counts([_scored("AGAINST")], 1.0, 0.0) == (0, 1, 1)
    assert se.counts([_scored("FAVOR", cued=True)], 1.0, 0.0, cued_share=0.0) == (0, 0, 1)


def _guard(allowed: set[str]) -> Any:
    def check(share: float, cued: float | None, off: float) -> tuple[dict[str, float], bool]:
        return {"x": 1.0}, se._key(share, None if cued == share else cued, off) in allowed

    check.reference = {"x": 1.0}  # type: ignore[attr-defined]
    return check


def test_choose_prefers_a_smaller_share_and_offset_within_the_tolerance_among_what_the_guard_lets_through() -> None:
    folds = {"shipped": {"f1": 99.0}, "0.6/0.0/0.0": {"f1": 30.0}, "1.0/same/-0.3": {"f1": 34.0}, "0.8/same/-0.4": {"f1": 34.2},
             "0.8/same/-0.2": {"f1": 33.8}, "0.8/0.0/-0.2": {"f1": 33.8}, "0.6/0.0/-0.1": {"f1": 32.0}}
    got = se.choose(folds, _guard(set(folds)))
    # 34.2 is the best; within 0.5 of it the shipped cued share (0), then the smaller share (0.8), then the offset nearer 0
    assert (got["share"], got["cued_share"], got["none_offset"]) == (0.8, 0.0, -0.2)
    got = se.choose(folds, _guard(set(folds)), shipped_cued=None)  # no cued share of its own: the share on every statement
    assert (got["share"], got["cued_share"], got["none_offset"]) == (0.8, 0.8, -0.2)
    assert got["best_f1_allowed"] == 34.2
    got = se.choose(folds, _guard({"0.6/0.0/0.0", "0.6/0.0/-0.1", "1.0/same/-0.3"}))
    assert (got["share"], got["cued_share"], got["none_offset"]) == (1.0, 1.0, -0.3)
    assert "0.8/same/-0.4" in got["not_allowed"]
    with pytest.raises(SystemExit, match="no setting passes the guard"):
        se.choose(folds, _guard(set()))


def test_layers_split_an_encoder_file_into_its_first_and_its_statement_layer() -> None:
    from stance.encoder import PairEncoder

    body = {"embeddings.word_embeddings.weight": np.ones((4, 2), dtype=np.float32), "head.weight": np.zeros((3, 2), dtype=np.float32),
            "head.bias": np.zeros(3, dtype=np.float32)}
    second = {"second_head.weight": np.full((3, 2), 7.0, dtype=np.float32), "second_head.bias": np.full(3, 7.0, dtype=np.float32)}
    first, statements = (np.load(io.BytesIO(b)) for b in se.layers(PairEncoder.to_bytes({**body, **second})))
    assert sorted(first.files) == sorted(statements.files) == sorted(body)
    assert (first["head.weight"] == 0).all() and (statements["head.weight"] == 7).all()
    assert (statements["embeddings.word_embeddings.weight"] == 1).all()
    one = PairEncoder.to_bytes(body)
    assert se.layers(one) == (one, one)
    # the shipped format: the statements' layer becomes the speaker layer, the first layer stays
    shipped = np.load(io.BytesIO(se.with_speaker_layer(PairEncoder.to_bytes({**body, **second}))))
    assert sorted(shipped.files) == sorted([*body, "speaker_head.weight", "speaker_head.bias"])
    assert (shipped["head.weight"] == 0).all() and (shipped["speaker_head.weight"] == 7).all()
    with pytest.raises(SystemExit, match="one stance layer"):
        se.with_speaker_layer(one)


def test_with_a_speaker_layer_every_setting_is_guarded_by_the_shipped_blend_and_a_given_setting_is_checked() -> None:
    seen = []

    def guard(share: float, cued: float | None, off: float) -> tuple[dict[str, float], bool]:
        seen.append((share, cued, off))
        return {"x": 60.0}, share == 0.6 and off == -0.05  # passes only at the shipped blend

    guard.reference = {"x": 61.0}  # type: ignore[attr-defined]
    plain = se.plain_guard(guard, se.Blend(0.6, 0.0, -0.05))
    assert plain(1.0, 1.0, -0.4) == ({"x": 60.0}, True) and seen == [(0.6, 0.0, -0.05)]  # read once, at the shipped blend
    folds = {"shipped": {"f1": 30.0}, "0.6/same/-0.2": {"f1": 34.5}, "1.0/0.0/-0.4": {"f1": 35.0}}
    assert se.choose(folds, plain)["cued_share"] == 0.0  # both pass the plain guard; the shipped cued share is kept
    got = se.given("1.0/0.0/-0.4", plain, folds)
    assert (got["share"], got["cued_share"], got["none_offset"], got["folds"]) == (1.0, 0.0, -0.4, {"f1": 35.0})
    with pytest.raises(SystemExit, match="does not pass the guard"):
        se.given("0.8/same/-0.2", guard)  # the plain guard would refuse it: 0.8 is not the shipped share


def test_the_behavioural_checks_join_the_guard() -> None:
    """A candidate whose whole model falls more than a point on the behavioural checks is refused, whatever the dev parts."""
    import behaviour_checks as bc

    base = stance.load("default")
    items = [c for c in bc.cases() if c.pattern in ("supports", "we_oppose")]  # plain patterns the default model gets right

    def dev(share: float, cued: float | None, off: float) -> tuple[dict[str, float], bool]:
        return {"x": 1.0}, True

    dev.reference = {"x": 1.0}  # type: ignore[attr-defined]
    check = se.behaviour_guard(dev, base.encoder, base, items)
    parts, ok = check(base.encoder_weight, base.encoder_weight_cued, -0.05)  # the shipped model itself passes
    assert ok and parts["behaviour"] == check.reference["behaviour"] > 80
    parts, ok = check(1.0, 1.0, 0.9)  # the encoder alone with a huge NONE offset: nearly everything NONE
    assert not ok and parts["behaviour"] < check.reference["behaviour"] - 50
