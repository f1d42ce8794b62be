"""A small synthetic stance corpus written for these tests, and helpers to write it to files.

The statements are built from templates whose stance toward the target is unambiguous: FAVOR
statements praise or back the target, AGAINST statements condemn or oppose it, NONE statements
mention it without taking a side or talk about something else. Training and held-out statements use
different templates (and the held-out ones partly different targets), so a model that beats chance on
the held-out set has learned something that carries over, not memorized sentences.
"""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import pytest

TRAIN_TARGETS = ["the new bridge", "Mayor Alvarez", "the school levy", "the wind farm", "the transit plan", "the library fund"]
HELDOUT_TARGETS = ["the harbour tunnel", "Senator Okafor", "the park renovation"]

FAVOR_TRAIN = [
    "I fully support {t}, it is wonderful for our town.",
    "We proudly back {t} and everyone should vote for it.",
    "{T} is a great idea and I love it.",
    "Thank goodness for {t}, it is excellent news for families.",
    "I am happy to endorse {t} because it helps people.",
    "Residents praise {t} as a fantastic success.",
    "Honestly {t} is the best thing this city has done.",
    "We stand with {t} and we welcome it warmly.",
]
AGAINST_TRAIN = [
    "I strongly oppose {t}, it is a terrible waste.",
    "We condemn {t} and everyone should fight it.",
    "{T} is a disaster and I hate it.",
    "Shame on {t}, it is awful news for families.",
    "I am angry about {t} because it hurts people.",
    "Residents criticize {t} as a dreadful failure.",
    "Honestly {t} is the worst thing this city has done.",
    "We reject {t} and we will protest against it.",
]
NONE_TRAIN = [
    "The council will discuss {t} at the meeting on Tuesday.",
    "A report about {t} was published this morning.",
    "The weather was mild and the market opened late today.",
    "Reporters asked when {t} would be reviewed by the committee.",
    "The train schedule changes on the first of the month.",
    "{T} was mentioned in the agenda for next week.",
    "The museum is open from nine until five on weekdays.",
    "Officials said details of {t} will be released in March.",
]

FAVOR_HELDOUT = [
    "I support {t}, it is wonderful and great.",
    "We love {t} and we back it fully.",
    "{T} is an excellent idea and a real success.",
    "We praise {t}, the best news for our families.",
]
AGAINST_HELDOUT = [
    "I oppose {t}, it is terrible and awful.",
    "We hate {t} and we will fight it.",
    "{T} is a dreadful idea and a real disaster.",
    "We condemn {t}, the worst news for our families.",
]
NONE_HELDOUT = [
    "The committee will review {t} on Tuesday morning.",
    "The museum opened late because of the weather.",
    "A report on {t} will be published in March.",
    "The market schedule changes next month.",
]

SENTIMENT_OF = {"FAVOR": "positive", "AGAINST": "negative", "NONE": "neutral"}


def _fill(template: str, target: str) -> str:
    cap = target[0].upper() + target[1:]
    return template.replace("{t}", target).replace("{T}", cap)


def make_rows(favor: list[str], against: list[str], none: list[str], targets: list[str]) -> list[dict[str, str]]:
    rows = []
    for target in targets:
        for label, templates in (("FAVOR", favor), ("AGAINST", against), ("NONE", none)):
            for tpl in templates:
                rows.append({"text": _fill(tpl, target), "target": target, "stance": label, "sentiment": SENTIMENT_OF[label]})
    return rows


TRAIN_ROWS = make_rows(FAVOR_TRAIN, AGAINST_TRAIN, NONE_TRAIN, TRAIN_TARGETS)
HELDOUT_ROWS = make_rows(FAVOR_HELDOUT, AGAINST_HELDOUT, NONE_HELDOUT, TRAIN_TARGETS[:2] + HELDOUT_TARGETS)

#: Featurizer settings for the tiny corpus (keep rare features; no per-target copies).
SMALL_FEATURIZER = {"min_df": 1, "per_target": False}


def write_csv(path: Path, rows: list[dict[str, object]], delimiter: str = ",") -> Path:
    fields = list(rows[0]) if rows else ["text", "target", "stance"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- fixtures
# Test modules import these (``from synthetic import trained_model``). They live here rather than in a
# tests/unit/conftest.py because a second module named ``conftest`` would shadow tests/conftest.py for
# the ``from conftest import need_corpus`` imports of other test modules.


def small_config():
    from stance.model import TrainConfig

    return TrainConfig(featurizer=dict(SMALL_FEATURIZER), calibration_folds=3)


@functools.lru_cache(maxsize=None)
def _trained_model():
    from stance.model import StanceModel

    pairs = [(r["text"], r["target"]) for r in TRAIN_ROWS]
    return StanceModel.fit(
        pairs, [r["stance"] for r in TRAIN_ROWS], [r["sentiment"] for r in TRAIN_ROWS], small_config(), progress=False
    )


def train_small_model(with_sentiment: bool = True):
    """A fresh model trained on :data:`TRAIN_ROWS` (for tests that save or otherwise change it)."""
    from stance.model import StanceModel

    pairs = [(r["text"], r["target"]) for r in TRAIN_ROWS]
    sentiment = [r["sentiment"] for r in TRAIN_ROWS] if with_sentiment else None
    return StanceModel.fit(pairs, [r["stance"] for r in TRAIN_ROWS], sentiment, small_config(), progress=False)


@pytest.fixture
def trained_model():
    """A stance + sentiment model trained on :data:`TRAIN_ROWS`, trained once per process: do not change it
    (use :func:`train_small_model` for a private copy)."""
    return _trained_model()
