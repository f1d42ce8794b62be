"""stance.summarize: labelled statements summed up per speaker and target."""

from __future__ import annotations

import pytest

import stance
from stance.api import AnalyzedStatement
from stance.exceptions import InputError
from stance.model import TARGET_NOT_MENTIONED
from stance.summary import summarize

_pos = iter(range(0, 10_000, 10))


def row(speaker: str | None, target: str, stance_: str, conf: float, text: str = "", flags: tuple[str, ...] = ()) -> AnalyzedStatement:
    start = next(_pos)
    return AnalyzedStatement(speaker, text or f"statement at {start}", start, start + 5, target, stance_, conf, None, None, "said", "indirect", flags)


def test_verdict_prefers_a_statement_naming_the_target_over_a_more_confident_one_that_does_not() -> None:
    named = row("Ana Ruiz", "the plan", "AGAINST", 0.55, "Ruiz attacked the plan")
    rows = [row("Ana Ruiz", "the plan", "FAVOR", 0.9, "We are doing well", (TARGET_NOT_MENTIONED,)), named]
    (s,) = summarize(rows)
    assert (s.stance, s.confidence, s.text, s.mentioned) == ("AGAINST", 0.55, "Ruiz attacked the plan", True)
    assert s.mixed and dict(s.counts) == {"FAVOR": 1, "AGAINST": 1, "NONE": 0} and s.statements == 2


def test_most_confident_side_wins_among_statements_that_name_the_target() -> None:
    rows = [row("A", "T", "FAVOR", 0.6), row("A", "T", "FAVOR", 0.8, "strong"), row("A", "T", "NONE", 0.95)]
    (s,) = summarize(rows)
    assert (s.stance, s.confidence, s.text, s.mixed) == ("FAVOR", 0.8, "strong", False)


def test_none_when_no_statement_takes_a_side() -> None:
    rows = [row("A", "T", "NONE", 0.6), row("A", "T", "NONE", 0.7, "calm", (TARGET_NOT_MENTIONED,)), row("A", "T", "NONE", 0.65, "named")]
    (s,) = summarize(rows)
    assert (s.stance, s.text, s.mentioned) == ("NONE", "named", True)
    assert dict(s.counts) == {"FAVOR": 0, "AGAINST": 0, "NONE": 3}


def test_groups_by_speaker_and_target_in_order_of_first_statement() -> None:
    rows = [row("B", "x", "NONE", 0.5), row("B", "y", "FAVOR", 0.5), row(None, "x", "AGAINST", 0.7), row("A", "x", "NONE", 0.5), row("B", "x", "AGAINST", 0.6)]
    out = summarize(rows)
    assert [(s.speaker, s.target) for s in out] == [("B", "x"), ("B", "y"), (None, "x"), ("A", "x")]
    assert out[0].stance == "AGAINST" and out[0].statements == 2
    assert sum(s.statements for s in out) == len(rows)


def test_shorter_forms_of_a_name_join_the_fullest_one() -> None:
    rows = [row("Halvard", "T", "FAVOR", 0.7), row("Ingrid Halvard", "T", "NONE", 0.6), row("President Ingrid Halvard", "T", "NONE", 0.5)]
    (s,) = summarize(rows)
    assert s.speaker == "President Ingrid Halvard" and s.statements == 3 and s.stance == "FAVOR"


def test_a_name_that_fits_two_people_stays_apart() -> None:
    rows = [row("Halvard", "T", "FAVOR", 0.7), row("Ingrid Halvard", "T", "NONE", 0.6), row("Erik Halvard", "T", "AGAINST", 0.5)]
    assert sorted(s.speaker or "" for s in summarize(rows)) == ["Erik Halvard", "Halvard", "Ingrid Halvard"]


@pytest.mark.parametrize("bad", [["not a row"], [None], [row("A", "T", "MAYBE", 0.5)]])
def test_bad_rows_are_refused(bad: list[object]) -> None:
    with pytest.raises(InputError, match="row 0"):
        summarize(bad)


def test_empty_input_gives_an_empty_summary() -> None:
    assert summarize([]) == []


def test_to_dict_is_json_ready() -> None:
    import json

    (s,) = summarize([row("A", "T", "FAVOR", 0.6)])
    d = s.to_dict()
    assert json.loads(json.dumps(d)) == d and d["counts"] == {"FAVOR": 1, "AGAINST": 0, "NONE": 0}


def test_exported_from_the_package() -> None:
    assert stance.summarize is summarize and "summarize" in stance.__all__


def test_a_speaker_gets_no_verdict_toward_themselves() -> None:
    rows = [row("Reyna", "Tomas Reyna", "FAVOR", 0.9), row("Tomas Reyna", "the protesters", "AGAINST", 0.8),
            row("Democrats", "Democratic Party", "FAVOR", 0.7), row("Ana Ruiz", "the president", "AGAINST", 0.6),
            row("Mr. Halvard", "the president", "FAVOR", 0.7)]
    got = [(s.speaker, s.target) for s in summarize(rows, aliases={"the president": ["Halvard"]})]
    assert got == [("Tomas Reyna", "the protesters"), ("Ana Ruiz", "the president")]
    # without the alias, Halvard is not known to be the president
    assert ("Mr. Halvard", "the president") in [(s.speaker, s.target) for s in summarize(rows)]


def test_summary_format_prints_long_names_whole(capsys, tmp_path) -> None:
    from stance.cli import _print_summary

    long_name = "Secretary-General of the Organisation for Economic Co-operation"
    rows = [row(long_name, "the tariff", "AGAINST", 0.8, "The tariff is a mistake"), row("Ana Ruiz", "the tariff", "FAVOR", 0.7)]
    _print_summary("a.txt", rows)
    out = capsys.readouterr().out
    assert long_name in out and "Ana Ruiz" in out


def test_side_from_a_statement_that_does_not_name_the_target_is_unclear_with_its_reason() -> None:
    (s,) = summarize([row("Ana Ruiz", "the plan", "AGAINST", 0.9, "They will ruin us", (TARGET_NOT_MENTIONED,))])
    assert (s.stance, s.verdict, s.doubt) == ("AGAINST", "UNCLEAR", "the statement behind it does not name the target")
    (s,) = summarize([row("Ana Ruiz", "the plan", "AGAINST", 0.9, "They will ruin us", (TARGET_NOT_MENTIONED,))],
                     rule=stance.VerdictRule.any())
    assert (s.verdict, s.doubt) == ("AGAINST", None)


@pytest.mark.parametrize(("speaker", "verdict"), [("Senator Ana Ruiz", "FAVOR"), ("the House", "FAVOR"), ("critics", "UNCLEAR"),
                                                  ("The", "UNCLEAR"), ("March", "UNCLEAR"), ("faced", "UNCLEAR"),
                                                  ("Story", "UNCLEAR"), ("Among", "UNCLEAR"), ("Such", "UNCLEAR"), ("Six", "UNCLEAR")])
def test_side_of_a_speaker_that_is_not_a_name_is_unclear(speaker: str, verdict: str) -> None:
    (s,) = summarize([row(speaker, "the plan", "FAVOR", 0.9, "backed the plan")])
    assert s.verdict == verdict
    assert (s.doubt == "the speaker is not named") is (verdict == "UNCLEAR")


def test_none_is_a_verdict_and_a_confidence_floor_applies_to_sides_only() -> None:
    rule = stance.VerdictRule(min_confidence=0.7)
    got = {s.speaker: (s.verdict, s.doubt) for s in summarize([row("Ana Ruiz", "T", "FAVOR", 0.6), row("Bo Lind", "T", "NONE", 0.4),
                                                               row("Cy Mott", "T", "AGAINST", 0.7)], rule=rule)}
    assert got == {"Ana Ruiz": ("UNCLEAR", "confidence below 0.7"), "Bo Lind": ("NONE", None), "Cy Mott": ("AGAINST", None)}


@pytest.mark.parametrize("bad", [None, "text", 5])
def test_rows_that_are_not_a_list_of_statements_are_refused(bad) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match="stance.analyze"):
        summarize(bad)


def test_verdict_rule_refuses_a_confidence_outside_0_to_1() -> None:
    with pytest.raises(InputError, match="1.5"):
        stance.VerdictRule(min_confidence=1.5)


def test_a_title_or_a_date_before_a_name_does_not_make_another_speaker() -> None:
    rows = [row("Mr. Trump", "the tariff", "FAVOR", 0.8), row("Donald Trump", "the tariff", "FAVOR", 0.7),
            row("Obama", "the tariff", "AGAINST", 0.8), row("Tuesday Obama", "the tariff", "AGAINST", 0.6),
            row("Barack Obama", "the tariff", "AGAINST", 0.7), row("Mr. Sessions", "the tariff", "FAVOR", 0.6),
            row("Sessions", "the tariff", "FAVOR", 0.6)]
    got = {s.speaker: s.statements for s in summarize(rows)}
    assert got == {"Donald Trump": 2, "Barack Obama": 3, "Mr. Sessions": 2}


def test_a_short_name_that_fits_two_people_stays_apart_with_or_without_a_title() -> None:
    rows = [row("Mrs. Clinton", "T", "FAVOR", 0.8), row("Bill Clinton", "T", "FAVOR", 0.7), row("Hillary Clinton", "T", "FAVOR", 0.7),
            row("Sen. Warren", "T", "AGAINST", 0.6), row("Sen. Sanders", "T", "AGAINST", 0.6)]
    assert sorted(s.speaker for s in summarize(rows)) == ["Bill Clinton", "Hillary Clinton", "Mrs. Clinton", "Sen. Sanders", "Sen. Warren"]


@pytest.mark.parametrize(("speaker", "verdict"), [("a new Quinnipiac poll", "UNCLEAR"), ("Entrance polls", "UNCLEAR"),
                                                  ("the Pew survey", "UNCLEAR"), ("Paul Pollack", "FAVOR")])
def test_a_poll_or_a_survey_holds_no_side(speaker: str, verdict: str) -> None:
    (s,) = summarize([row(speaker, "the plan", "FAVOR", 0.9, "the plan leads")])
    assert s.verdict == verdict
    assert (s.doubt == "the speaker is a poll or a survey, which reports what others think") is (verdict == "UNCLEAR")
    (s,) = summarize([row(speaker, "the plan", "FAVOR", 0.9, "the plan leads")], rule=stance.VerdictRule.any())
    assert s.verdict == "FAVOR"


@pytest.mark.parametrize(("cue", "verdict"), [("According to", "UNCLEAR"), ("reported", "UNCLEAR"), ("said", "AGAINST"),
                                              (None, "AGAINST")])
def test_a_source_cited_for_facts_holds_no_side(cue: str | None, verdict: str) -> None:
    r = AnalyzedStatement("the Observatory", "at least 19 protesters have been killed", 0, 40, "the protesters", "AGAINST", 0.7,
                          None, None, cue, "indirect")
    (s,) = summarize([r])
    assert s.verdict == verdict
    assert (s.doubt is not None and "cited as a source" in s.doubt) is (verdict == "UNCLEAR")
    (s,) = summarize([r], rule=stance.VerdictRule.any())
    assert s.verdict == "AGAINST"
