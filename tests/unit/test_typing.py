"""The package ships ``py.typed``: mypy passes on it, on code that uses its public API, and catches misuse.

One mypy run (configured by ``[tool.mypy]`` in pyproject.toml) checks the ``stance`` package, a snippet
using the public API correctly and a snippet with deliberate mistakes; the tests read its report.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parents[2]

GOOD = '''
from __future__ import annotations

from collections.abc import Mapping

import stance
from stance import AnalyzedStatement, Prediction, StanceModel, Statement, TrainConfig


def use_api(path: str) -> None:
    model: StanceModel = stance.load()
    builtin = stance.load("semeval2016", allow_pickle=False)
    p: Prediction = model.predict("We will defend the reform.", "the reform", aliases=["the bill"])
    label: str = p.stance
    confidence: float = p.stance_confidence
    probabilities: Mapping[str, float] = p.stance_probabilities
    sentiment: str | None = p.sentiment
    if p.sentiment_confidence is not None:
        share: float = p.sentiment_confidence * 100
    flags: tuple[str, ...] = p.flags
    as_dict = p.to_dict()

    preds: list[Prediction] = builtin.predict_batch(["a statement", "another"], "the reform")
    more = model.predict_batch(
        ["We back it."], ["the plan"], [["plan"]], spans=[(7, 9)], progress=False
    )
    best: float = max(q.stance_confidence for q in preds + more)

    trained = stance.train(
        [{"text": "We back the plan.", "target": "the plan", "stance": "FAVOR"}],
        config={"calibration_folds": 3},
        sentiment_column=None,
        progress=False,
    )
    retrained = stance.train(path, config=TrainConfig(stance_C=0.5), corpora=["mine"])
    trained.save(path)

    rows: list[AnalyzedStatement] = stance.analyze(
        "She said: \\"We back the plan.\\"", ["the plan"], aliases={"the plan": ["plan"]}, model=retrained
    )
    for row in rows:
        speaker: str | None = row.speaker
        start: int = row.start
        toward: str = row.target
        row_dict = row.to_dict()

    statements: list[Statement] = stance.extract_statements("He said the plan works.")
    for st in statements:
        text: str = st.text
        cue: str | None = st.cue
        end: int = st.end

    clf: stance.StanceClassifier = stance.StanceClassifier(C=0.5, featurizer=stance.StanceFeaturizer(min_df=1), text_column="s")
    clf = clf.fit([("We back the plan.", "the plan"), ("We fight it.", "the plan")], ["FAVOR", "AGAINST"])
    fitted_model: StanceModel = clf.model_
    labels_seen = list(clf.classes_)
    proba = clf.predict_proba([("We back it.", "the plan")])
'''

# Each line marked ``# E: code`` must get a mypy error with that code, and no other line may.
BAD = '''
from __future__ import annotations

import stance

model = stance.load()
model.predict("We back the plan.", 42)  # E: arg-type
p = model.predict("We back the plan.", "the plan")
p.stance_confidance  # E: attr-defined
p.sentiment_confidence + 1.0  # E: operator
model.predict_batch("one text", "the plan").stance  # E: attr-defined
stance.analyze("An article.", ["the plan"])[0].sentiment.upper()  # E: union-attr
stance.train([], config=3)  # E: arg-type
p.stance = "AGAINST"  # E: misc
'''


@pytest.fixture(scope="module")
def mypy_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str, str]]]:
    """mypy's errors by file (``stance`` for the package), each as (line, message, code)."""
    tmp = tmp_path_factory.mktemp("typing")
    good, bad = tmp / "good_use.py", tmp / "bad_use.py"
    good.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    bad.write_text(textwrap.dedent(BAD), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(ROOT)  # the package is found from the repository root, not from an installed copy
    try:
        stdout, stderr, _status = mypy_api.run(
            [
                "--config-file", str(ROOT / "pyproject.toml"),
                "--cache-dir", str(tmp / ".mypy_cache"),
                "--show-error-codes",
                "--no-error-summary",
                "--no-pretty",
                str(ROOT / "stance"),
                str(good),
                str(bad),
            ]
        )
    finally:
        os.chdir(cwd)
    assert not stderr.strip(), f"mypy could not run:\n{stderr}"
    found: dict[str, list[tuple[int, str, str]]] = {"stance": [], "good": [], "bad": []}
    for line in stdout.splitlines():
        m = re.match(r"(?P<file>.+?):(?P<line>\d+): error: (?P<msg>.*?)(?:  \[(?P<code>[a-z-]+)\])?$", line)
        if not m:
            continue
        file = Path(m["file"])
        key = "good" if file.name == good.name else "bad" if file.name == bad.name else "stance"
        found[key].append((int(m["line"]), m["msg"], m["code"] or ""))
    return found


def test_package_type_checks(mypy_report: dict[str, list[tuple[int, str, str]]]) -> None:
    assert mypy_report["stance"] == [], "\n".join(f"{n}: {msg} [{code}]" for n, msg, code in mypy_report["stance"])


def test_public_api_use_type_checks(mypy_report: dict[str, list[tuple[int, str, str]]]) -> None:
    assert mypy_report["good"] == [], "\n".join(f"{n}: {msg} [{code}]" for n, msg, code in mypy_report["good"])


def test_misuse_of_public_api_is_reported(mypy_report: dict[str, list[tuple[int, str, str]]]) -> None:
    expected = {
        n: m.group(1)
        for n, text in enumerate(textwrap.dedent(BAD).splitlines(), start=1)
        if (m := re.search(r"# E: ([a-z-]+)$", text))
    }
    assert len(expected) == 7
    got: dict[int, set[str]] = {}
    for n, _msg, code in mypy_report["bad"]:
        got.setdefault(n, set()).add(code)
    missed = {n: code for n, code in expected.items() if code not in got.get(n, set())}
    assert not missed, f"mypy did not report these mistakes (line: code): {missed}; it said {mypy_report['bad']}"
    unexpected = sorted(n for n in got if n not in expected)
    assert not unexpected, f"errors on correct lines {unexpected}: {mypy_report['bad']}"
