"""The README's scenario on the example article, with the embedded default model: who stands where.

The article (written by the team, examples/article_en.txt) has one head of state backing a neighbouring
president and warning "outside forces", and an opposition leader accusing the president. These are the
verdicts a reader takes from it; a model or extractor change that loses one of them fails here.
Known misses: the president's own quotation about fighters "trained in camps outside our country" comes out
FAVOR toward "outside forces" (not asserted: the word "outside" is a partial mention of the target, and the model
reads the quotation's tone wrongly). The headline "Halvard backs Reyna as unrest spreads ..." came out AGAINST
Reyna while every statement got the same encoder share (the encoder reads how a sentence portrays a mention); a
statement whose support or oppose cue takes the target as its object now gets the linear part alone
(docs/any-target.md, "Known failures").
"""

from __future__ import annotations

from pathlib import Path

import pytest

import stance
from stance.names import same_name
from stance.api import BUILTIN_MODELS, MODELS_DIR

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "article_en.txt"
TARGETS = ["Tomas Reyna", "outside forces", "the protesters"]


@pytest.fixture(scope="module")
def summary() -> dict[tuple[str | None, str], stance.SpeakerStance]:
    if not (MODELS_DIR / BUILTIN_MODELS["default"]).exists():
        pytest.skip("the embedded default model has not been built")
    rows = stance.analyze(ARTICLE.read_text(encoding="utf-8"), TARGETS, aliases={"Tomas Reyna": ["Reyna"]})
    return {(s.speaker, s.target): s for s in stance.summarize(rows)}


@pytest.mark.parametrize(
    ("speaker", "target", "expected"),
    [
        ("Ingrid Halvard", "Tomas Reyna", "FAVOR"),  # backs Reyna (a cued statement: the linear part decides)
        ("Ingrid Halvard", "outside forces", "AGAINST"),  # warns "outside forces" against stirring up unrest
        ("Dana Kovik", "Tomas Reyna", "AGAINST"),  # accuses Reyna of inventing an enemy
    ],
)
def test_verdicts_a_reader_takes_from_the_article(summary, speaker: str, target: str, expected: str) -> None:
    s = summary[(speaker, target)]
    assert s.stance == expected, f"{speaker} -> {target}: {s.stance} {s.confidence:.2f} on {s.text!r}"


def test_every_speaker_has_a_verdict_toward_every_target_but_themselves(summary) -> None:
    speakers = {sp for sp, _ in summary}
    assert {"Ingrid Halvard", "Reyna", "Dana Kovik"} <= speakers  # "Halvard" and "Kovik" merge into the full names
    assert ("Reyna", "Tomas Reyna") not in summary, "no verdict of Reyna toward himself"
    assert ("Reyna's office", "Tomas Reyna") not in summary, "nor of his office"
    for sp in speakers:
        for t in TARGETS:
            assert ((sp, t) in summary) is not same_name(sp or "", t), (sp, t)
