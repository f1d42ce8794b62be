"""``ExtractionConfig``: the one record of extraction settings, validated once, passed explicitly, never a module global."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from stance.extraction import ExtractionConfig, ExtractionInputError, extract_statements
from stance.extraction.config import DEFAULT_CONFIG

PACKAGE = Path(__file__).resolve().parents[2] / "stance" / "extraction"

TEXT = ("Dana Voss said the fares were too high. Ivo Park wants the harbour tunnel built before the winter, "
        "and his party opposes the new tariff. “We will not yield,” Mayor Ana Lind said.")


def test_the_default_is_the_shipped_extractor() -> None:
    assert extract_statements(TEXT) == extract_statements(TEXT, config=ExtractionConfig()) == extract_statements(TEXT, DEFAULT_CONFIG)


def test_learned_cues_off_runs_the_rules_alone() -> None:
    rules = extract_statements(TEXT, config=ExtractionConfig(learned_cues=False))
    full = extract_statements(TEXT)
    assert {s.cue for s in rules} == {"said"}
    assert set(rules) < set(full) and any(s.cue == "wants" for s in full)


def test_a_setting_changes_the_output_of_that_call_only() -> None:
    text = "Ivo Park rejected the report. Dana Voss said the fares were too high."
    strict = ExtractionConfig(model_clause="all")
    assert not any(s.cue == "rejected" for s in extract_statements(text, config=strict))
    assert extract_statements(text) == extract_statements(text, config=ExtractionConfig())


def test_the_record_is_frozen_and_every_field_is_documented() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_CONFIG.quote_gap_max = 3  # type: ignore[misc]
    source = (PACKAGE / "config.py").read_text(encoding="utf-8")
    body = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "ExtractionConfig").body
    documented = {stmt.target.id for stmt, nxt in zip(body, body[1:])  # type: ignore[union-attr]
                  if isinstance(stmt, ast.AnnAssign) and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)}
    assert documented == {f.name for f in dataclasses.fields(ExtractionConfig)}


@pytest.mark.parametrize("bad", [{"sentence_max_tokens": 0}, {"quote_gap_max": -1}, {"split_min_prob": 1.5},
                                 {"nest_split_prob": -0.1}, {"model_clause": "some"}])
def test_bad_values_are_refused_when_the_record_is_made(bad: dict) -> None:
    name = next(iter(bad))
    with pytest.raises(ValueError, match=f"ExtractionConfig.{name}"):
        ExtractionConfig(**bad)


def test_overrides_take_the_field_type_and_accept_the_old_switch_spelling() -> None:
    cfg = DEFAULT_CONFIG.with_overrides(["MODEL_NP_MAX_SHORT=0", "learned_cues=0", "split_min_prob=0.5"])
    assert (cfg.model_np_max_short, cfg.learned_cues, cfg.split_min_prob) == (0, False, 0.5)
    assert DEFAULT_CONFIG.model_np_max_short == 3  # the default is untouched
    with pytest.raises(ValueError, match="unknown extraction setting 'SUBJECT_OF_CONTENT=1'"):
        DEFAULT_CONFIG.with_overrides(["SUBJECT_OF_CONTENT=1"])


def test_a_config_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(ExtractionInputError, match="ExtractionConfig, got dict"):
        extract_statements(TEXT, config={"learned_cues": False})  # type: ignore[arg-type]


#: Module-level numbers that are not settings: the tagger file's layout and its scoring window (which does not
#: change the scores), the lexicon's scare-quote length, and a bound of the grammar of percentages.
NOT_SETTINGS = {"_tagger.py: N_FLAGS", "_tagger.py: WINDOW", "lexicon.py: SCARE_QUOTE_MAX_WORDS", "phrases.py: _PERCENT_OF_MAX"}


def test_no_extraction_module_holds_a_setting_as_a_global() -> None:
    """Behaviour is never switched by a module-level boolean or number that a caller could reassign: those are
    fields of ExtractionConfig (word lists and other frozen constants are fine)."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            value = getattr(node, "value", None)
            if isinstance(value, ast.Constant) and isinstance(value.value, (bool, int, float)):
                found += [f"{path.name}: {t.id}" for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    assert sorted(set(found) - NOT_SETTINGS) == []
