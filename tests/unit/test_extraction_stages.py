"""The stages of extraction, each alone: what it takes and what it gives (the whole is in test_extraction.py)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from stance.extraction import ExtractionConfig, extract_statements
from stance.extraction.assembly import rule_pass
from stance.extraction.config import DEFAULT_CONFIG
from stance.extraction.cues import Cue, find_rule_cues
from stance.extraction.document import Document
from stance.extraction.phrases import np_after, np_before
from stance.extraction.pipeline import extract
from stance.extraction.speakers import Resolver, make_mention
from stance.extraction.statements import emit, without_nested

PACKAGE = Path(__file__).resolve().parents[2] / "stance" / "extraction"


def _doc(text: str) -> Document:
    return Document.from_text(text)


def _words(doc: Document, span: tuple[int, int]) -> str:
    return " ".join(t.text for t in doc.tokens[span[0]:span[1]])


# Document ---------------------------------------------------------------------------------------------------------


def test_document_tokens_carry_their_offsets_and_the_record_is_frozen() -> None:
    text = "The U.S. minister's aide said: “No.”"
    doc = _doc(text)
    assert [t.text for t in doc.tokens] == ["The", "U.S.", "minister's", "aide", "said", ":", "“", "No", ".", "”"]
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.tokens[0].text = "A"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.quotes = ()  # type: ignore[misc]


def test_a_quotation_runs_over_paragraphs_only_when_the_next_one_reopens_it() -> None:
    text = "“We stay,” she said. “The port\n\n“is ours.”\n\n“An unclosed one\n\nNext paragraph."
    doc = _doc(text)
    assert [[text[s:e] for s, e in q.parts] for q in doc.quotes] == [
        ["“We stay,”"], ["“The port", "“is ours.”"], ["“An unclosed one"]]
    assert [q.closed for q in doc.quotes] == [True, True, False]
    assert len(doc.paragraphs) == 4


def test_sentences_do_not_split_inside_a_quotation_and_keep_the_attribution() -> None:
    doc = _doc("“Fees? Taxes?” Dana Voss asked. Mr. Holm left.")
    assert [_words(doc, s) for s in doc.sentences] == ["“ Fees ? Taxes ? ” Dana Voss asked .", "Mr . Holm left ."]
    assert doc.sentence_of == [0] * 10 + [1] * 5
    assert doc.token_in_quote[1] and not doc.token_in_quote[0] and not doc.token_in_quote[7]


def test_an_endless_sentence_is_cut_to_the_configured_bound() -> None:
    doc = Document.from_text("word " * 50, ExtractionConfig(sentence_max_tokens=20))
    assert [j - i for i, j in doc.sentences] == [20, 20, 10]


# noun phrases, cues, speakers -------------------------------------------------------------------------------------


def test_noun_phrases_before_and_after_a_cue() -> None:
    doc = _doc("Health Minister Jonas Weir said it. “No,” said the company's spokeswoman.")
    said = [i for i, t in enumerate(doc.tokens) if t.low == "said"]
    assert _words(doc, np_before(doc.tokens, said[0], 0) or (0, 0)) == "Health Minister Jonas Weir"
    assert _words(doc, np_after(doc.tokens, said[1], len(doc.tokens)) or (0, 0)) == "the company's spokeswoman"


def test_rule_cues_are_records_of_each_kind() -> None:
    doc = _doc("Voss said the fares rose, adding that the port was full, and the plan, according to Holm, failed. "
               "“It is over,” said Kramer.")
    found = [c for si, sj in doc.sentences
             for c in find_rule_cues(doc, si, sj, doc.quotes_in(doc.tokens[si].start, doc.tokens[sj - 1].end), DEFAULT_CONFIG)]
    assert all(isinstance(c, Cue) for c in found)
    got = [(_words(doc, (c.first, c.stop)), c.kind, c.source and _words(doc, c.source), c.inverted) for c in found]
    assert got == [("said", "verb", "Voss", False), ("adding", "participle", None, False),
                   ("according to", "according", "Holm", True), ("said", "verb", "Kramer", True)]


def test_a_pronoun_resolves_to_the_person_last_named() -> None:
    text = "Dana Voss arrived. She said the port was full."
    doc = _doc(text)
    res = Resolver(text)
    res.index_names(list(doc.tokens), {a for a, _ in doc.sentences})
    make_mention(text, doc.tokens, 0, 2, res)  # "Dana Voss" speaks first
    she = next(i for i, t in enumerate(doc.tokens) if t.text == "She")
    m = make_mention(text, doc.tokens, she, she + 1, res)
    assert (m.text, m.name, m.kind) == ("She", "Dana Voss", "pronoun")


def test_a_pronoun_never_resolves_to_a_place_named_after_a_preposition() -> None:
    from stance.extraction import extract_statements

    text = ("Rep. Louise Slaughter, Democrat of New York, said the attacks were irresponsible. "
            "The law, she said, is already reducing premiums. "
            "Mayor Ada Holm flew to Kestrava. Federal prosecutors in South Carolina announced a deal. "
            "She said the port was full.")
    speakers = [s.speaker for s in extract_statements(text)]
    assert speakers[:2] == ["Rep. Louise Slaughter", "Louise Slaughter"]
    assert speakers[-1] == "Ada Holm"  # not "South Carolina", the last capitalised pair before "She"



def test_a_speaker_name_is_never_a_lone_article_nor_ends_in_a_possessive() -> None:
    from stance.extraction import extract_statements

    # the tokenizer keeps "Clinton’s" whole: a pronoun pointing back to it, or a source phrase cut at the owner,
    # names the owner without the ending, curly or straight
    text = ("The committee met on Monday to review Mrs. Clinton’s emails. She said the review was partisan. "
            "Lawmakers questioned John Boehner's plan. He said the plan would pass.")
    speakers = [s.speaker for s in extract_statements(text)]
    assert "Mrs. Clinton" in speakers and "John Boehner" in speakers
    assert not [s for s in speakers if s and s.endswith(("’s", "'s"))], speakers
    # a capitalised article alone is no speaker: the noun phrase it opens is
    statements = extract_statements("The committee subpoenaed the server this month, asking Mrs. Clinton to hand it over.")
    assert [(s.speaker, s.cue) for s in statements] == [("The committee", "asking")]
    # a source phrase cut at its owner ("Obama’s remarks spoke to ..."): the owner, without the ending
    text = "President Obama’s remarks spoke to history."
    doc = _doc(text)
    res = Resolver(text)
    res.index_names(list(doc.tokens), {a for a, _ in doc.sentences})
    m = make_mention(text, doc.tokens, 0, 2, res)
    assert (m.text, m.name, m.kind) == ("President Obama’s", "Obama", "name")

# statements, assembly, the pipeline -------------------------------------------------------------------------------


def test_emit_drops_a_scare_quote_and_keeps_speech() -> None:
    text = "He called it “a plan” and said “We will win.”"
    out: list = []
    emit(out, DEFAULT_CONFIG, text, [(13, 21)], None, None, "direct")
    emit(out, DEFAULT_CONFIG, text, [(31, 46)], None, (26, 30), "direct")
    assert [s.text for s in out] == ["“We will win.”"]


def test_the_rule_pass_gives_its_statements_and_cue_tokens() -> None:
    text = "Dana Voss said the fares were too high. Ivo Park wants the tunnel built."
    doc = _doc(text)
    res = Resolver(text)
    res.index_names(list(doc.tokens), {a for a, _ in doc.sentences})
    state = rule_pass(doc, res, DEFAULT_CONFIG)
    assert [(s.speaker, s.cue, s.text) for s in without_nested(state.statements)] == [
        ("Dana Voss", "said", "the fares were too high.")]
    assert [doc.tokens[i].text for i in sorted(state.cue_tokens)] == ["said"]


def test_the_pipeline_is_the_public_function() -> None:
    text = "Dana Voss said the fares were too high. Ivo Park wants the tunnel built before the winter."
    assert extract(text) == extract_statements(text)
    assert extract(text, model=None) == extract_statements(text, config=ExtractionConfig(learned_cues=False))
    assert [s.cue for s in extract(text)] == ["said", "wants"]


# the shape of the package -----------------------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """The stance.extraction modules that ``path`` imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "stance.extraction":
                out |= {a.name for a in node.names if (PACKAGE / f"{a.name}.py").exists()}
            elif node.module.startswith("stance.extraction."):
                out.add(node.module.split(".")[2])
    return out


def test_the_extraction_modules_import_no_circle_and_none_is_over_700_lines() -> None:
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(mod: str, path: list[str]) -> None:
        if state.get(mod) == 2:
            return
        assert state.get(mod) != 1, "import circle: " + " -> ".join(path + [mod])
        state[mod] = 1
        for dep in sorted(graph.get(mod, ())):
            visit(dep, path + [mod])
        state[mod] = 2

    for mod in sorted(graph):
        visit(mod, [])
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert long == {}


def test_the_learned_pass_reads_the_lexicon_its_model_carries() -> None:
    """A held-out experiment gives the model the lexicon learned without the held-out articles; nothing global
    is replaced."""
    import json

    from stance.extraction import _model as M

    if not M.MODEL_FILE.is_file():
        pytest.skip("the packaged learned-cue model is absent")
    weights = json.loads(M.MODEL_FILE.read_text(encoding="utf-8"))
    text = "Ivo Park wants the harbour tunnel built before the winter."
    assert [s.cue for s in extract(text, model=M._Model(weights))] == ["wants"]
    assert extract(text, model=M._Model(weights, cues={})) == []  # "wants" is no candidate without the lexicon
    assert [s.cue for s in extract(text, model=M._Model(weights))] == ["wants"]


def test_a_reduced_passive_is_no_speech_of_the_noun_before_it() -> None:
    from stance.extraction import extract_statements

    # "the beliefs blamed for ...": the beliefs are blamed, they say nothing
    text = "Dana Voss accused the mayor of fueling the beliefs blamed for the riots, as the mayor toured the port."
    assert [(s.speaker, s.cue) for s in extract_statements(text)] == [("Dana Voss", "accused")]
    # after "was", a pronoun or a name the verb stays a cue
    for text in ("Mr. Quiros was accused of using millions for personal expenses.",
                 "The senator called out the rivals who he accused of preying on the anxieties of voters."):
        assert any(s.cue == "accused" for s in extract_statements(text)), text


def test_a_source_with_a_post_modifier_is_the_whole_phrase_not_its_object() -> None:
    # the phrase right before the cue is the object of a modifier ("the plan", "bribery"), not the source
    for text, speaker in (("Officials familiar with the plan said it would be delayed.", "Officials familiar with the plan"),
                          ("A source close to the president said he was furious.", "A source close to the president"),
                          ("People close to him said he would run.", "People close to him"),
                          ("A senator accused of bribery said the charges were false.", "A senator accused of bribery"),
                          ("A person with knowledge of the talks said a deal was near.", "A person with knowledge of the talks"),
                          ("A spokesman for the agency said it was fine.", "A spokesman for the agency"),
                          ("A lawmaker charged with corruption told reporters he would not resign.", "A lawmaker charged with corruption")):
        assert [(s.speaker, s.cue) for s in extract_statements(text)] == [(speaker, text.split(speaker)[1].split()[0])], text
    # an appositive keeps its name, and a verb phrase after the object is no part of the source
    assert [s.speaker for s in extract_statements("Keron Blair, executive director of AROS, said the rally would go ahead.")] == ["Keron Blair"]
    assert [s.speaker for s in extract_statements("A spokesman for the campaign didn't respond, but an aide said the trip was off.")] == ["an aide"]
    # the modifier is no cue of its own, and a name inside it is its object, not the speaker
    assert [(s.speaker, s.cue) for s in extract_statements("Lawmakers loyal to Mr. Trump said they would vote no.")] == [
        ("Lawmakers loyal to Mr. Trump", "said")]
    assert [(s.speaker, s.cue) for s in extract_statements("Two officials briefed on the matter told The Times that the deal was off.")] == [
        ("Two officials briefed on the matter", "told")]
    # after a name, a reporting verb before a preposition still reports
    text = "“You have called women fat pigs,” Kelly charged in her now-famous question."
    assert [(s.speaker, s.cue) for s in extract_statements(text)] == [("Kelly", "charged")]


def test_a_lower_case_source_keeps_the_words_that_open_the_sentence() -> None:
    from stance.extraction import extract_statements

    for text, speaker in (("State health officials say the outbreak is over.", "State health officials"),
                          ("Law enforcement agencies say the gunman acted alone.", "Law enforcement agencies"),
                          ("He bases this on the report, officials said.", "officials")):
        assert [s.speaker for s in extract_statements(text)][-1:] == [speaker], text


def test_what_someone_said_or_wrote_speaks_for_its_owner() -> None:
    from stance.extraction import extract_statements

    assert [s.speaker for s in extract_statements("Mr. Gowdy’s letter said the committee would act.")] == ["Mr. Gowdy"]
    # a time word owns nothing, and a title-like "Note" is no speech noun
    assert [s.speaker for s in extract_statements("Thursday's memo said the plant would close.")] != ["Thursday"]


def test_page_furniture_before_a_colon_is_nobody_speaking() -> None:
    from stance.extraction import extract_statements

    text = "READ MORE: Senators reject the plan. FILE PHOTO: The senator speaks in Washington. The mayor said: the port is full."
    assert [(s.speaker, s.cue) for s in extract_statements(text)] == [("The mayor", "said")]
