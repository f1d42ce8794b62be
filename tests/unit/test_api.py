"""The public entry points: stance.train from every kind of input, stance.load, stance.analyze."""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest

import stance
from stance.api import training_arrays
from stance.corpora import from_records
from stance.exceptions import CorpusError, InputError, LabelError
from stance.extraction import extract_statements
from stance.mentions import article_aliases
from synthetic import SMALL_FEATURIZER, TRAIN_ROWS, write_csv, trained_model  # noqa: F401

CONFIG = {"featurizer": SMALL_FEATURIZER, "calibration_folds": 3}
PROBE = ("We love the wind farm and we back it.", "the wind farm")
EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "article_en.txt"


def _probe(model) -> dict[str, float]:
    return dict(model.predict(*PROBE).stance_probabilities)


@pytest.fixture(scope="module")
def reference() -> dict[str, float]:
    return _probe(stance.train([dict(r) for r in TRAIN_ROWS], config=CONFIG, progress=False))


def test_train_from_records_learns(reference) -> None:
    assert max(reference, key=reference.get) == "FAVOR"


def test_train_from_every_input_kind_gives_the_same_model(reference, tmp_path) -> None:
    rows = [dict(r) for r in TRAIN_ROWS]
    path = write_csv(tmp_path / "train.csv", rows)
    ds = datasets.Dataset.from_list(rows)
    dd = datasets.DatasetDict({"train": ds, "test": ds.select(range(3))})
    for data in (path, str(path), ds, dd, from_records(rows)):
        model = stance.train(data, config=CONFIG, progress=False)
        assert _probe(model) == pytest.approx(reference), type(data).__name__


def test_train_records_corpora_in_metadata(tmp_path) -> None:
    path = write_csv(tmp_path / "train.csv", [dict(r) for r in TRAIN_ROWS])
    assert stance.train(path, config=CONFIG, progress=False).metadata["corpora"] == [str(path)]
    named = stance.train([dict(r) for r in TRAIN_ROWS], config=CONFIG, corpora=["mine"], progress=False)
    assert named.metadata["corpora"] == ["mine"]


def test_train_column_mapping_and_label_spellings() -> None:
    spell = {"FAVOR": "pro", "AGAINST": "con", "NONE": "neutral"}
    rows = [{"s": r["text"], "t": r["target"], "y": spell[r["stance"]]} for r in TRAIN_ROWS]
    model = stance.train(rows, config=CONFIG, text_column="s", target_column="t", stance_column="y",
                         sentiment_column=None, progress=False)
    assert model.stance_labels == ["FAVOR", "AGAINST", "NONE"]
    assert model.sentiment_head is None


def test_train_errors() -> None:
    with pytest.raises(CorpusError, match="no 'train' split"):
        stance.train(datasets.DatasetDict({"test": datasets.Dataset.from_list([dict(TRAIN_ROWS[0])])}), config=CONFIG)
    with pytest.raises(InputError, match="cannot train from int"):
        stance.train(42, config=CONFIG)
    with pytest.raises(ValueError, match="unknown training options"):
        stance.train([dict(r) for r in TRAIN_ROWS], config={"no_such_option": 1})
    with pytest.raises(LabelError, match="row 1"):
        stance.train([dict(TRAIN_ROWS[0]), {**TRAIN_ROWS[1], "stance": "meh"}], config=CONFIG)
    with pytest.raises(CorpusError, match="no rows"):
        stance.train([], config=CONFIG)


def test_training_arrays_skips_rows_without_stance() -> None:
    ds = from_records(
        [{"text": "a b", "target": "t", "stance": "pro"}, {"text": "c d", "target": "t"}], require_stance=False
    )
    pairs, stance_labels, sentiment = training_arrays(ds)
    assert pairs == [("a b", "t", (), None)] and stance_labels == ["FAVOR"] and sentiment == [None]
    with pytest.raises(CorpusError, match="no row has a stance label"):
        training_arrays(from_records([{"text": "a", "target": "t"}], require_stance=False))


def test_load_unknown_builtin_name_is_a_missing_file() -> None:
    with pytest.raises(stance.ModelFormatError, match="does not exist"):
        stance.load("no-such-builtin-model")


# ---------------------------------------------------------------------------------------------- analyze
def test_analyze_one_record_per_statement_and_target(trained_model) -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    statements = extract_statements(text)
    targets = ["Tomas Reyna", "Ingrid Halvard"]
    out = stance.analyze(text, targets, aliases={"Tomas Reyna": ["Reyna"]}, model=trained_model)
    assert len(out) == len(statements) * len(targets)
    assert [r.target for r in out] == targets * len(statements)
    assert [r.text for r in out[::2]] == [s.text for s in statements]
    assert [r.speaker for r in out[::2]] == [s.speaker for s in statements]
    # each record is the model's prediction for that statement and target (aliases included, with the other
    # names the article gives the target: "the president" for President Ingrid Halvard)
    found = {t: article_aliases(text, t, ["Reyna"] if t == "Tomas Reyna" else []) for t in targets}
    assert found["Ingrid Halvard"] == ("the president",)
    # (a quote interrupted by its attribution is classified on its quoted parts, not on "she said")
    for i, r in enumerate(out):
        st = statements[i // len(targets)]
        content = " … ".join(text[s:e].strip() for s, e in st.parts) if len(st.parts) > 1 else st.text
        if st.kind != "direct" and st.cue in ("backs", "blamed", "warned", "condemned", "accused", "rejected"):
            # reported speech after a cue that takes a side is classified with the cue in front
            assert st.cue_start is not None and text[st.cue_start : st.cue_end] == st.cue
            content = text[st.cue_start : st.end]
        aliases = (["Reyna"] if r.target == "Tomas Reyna" else []) + list(found[r.target])
        p = trained_model.predict(content, r.target, aliases=aliases)
        assert (r.stance, r.stance_confidence) == (p.stance, pytest.approx(p.stance_confidence))
        assert r.to_dict()["flags"] == list(p.flags)
    assert any(len(s.parts) > 1 for s in statements), "the example has an interrupted quote, so the parts rule is exercised"


def test_analyze_does_not_classify_the_attribution_of_an_interrupted_quote(trained_model) -> None:
    text = "“We back the council,” the mayor said. “It deserves praise.”"
    statements = extract_statements(text)
    assert len(statements) == 1 and len(statements[0].parts) == 2
    rec = stance.analyze(text, ["the council"], model=trained_model)[0]
    joined = "“We back the council,” … “It deserves praise.”"
    assert rec.stance_confidence == pytest.approx(trained_model.predict(joined, "the council").stance_confidence)


def test_analyze_single_target_string_and_no_statements(trained_model) -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert len(stance.analyze(text, "Tomas Reyna", model=trained_model)) == len(extract_statements(text))
    assert stance.analyze("No one said anything here. The sky was grey.", ["the sky"], model=trained_model) == []


def test_analyze_needs_targets(trained_model) -> None:
    with pytest.raises(InputError, match="no targets"):
        stance.analyze("Someone said something.", [], model=trained_model)


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        # a cue that takes a side stays in front of the reported content
        ("The mayor blamed the violence on militants trained abroad.", "blamed the violence on militants trained abroad."),
        ("The senator condemned that the tariff was raised again.", "condemned that the tariff was raised again."),
        # a neutral cue does not
        ("The mayor said the violence was the work of militants.", "the violence was the work of militants."),
        # nor a cue that takes a side but not toward what follows it
        ("The mayor agreed that the plan is flawed and costly.", "the plan is flawed and costly."),
    ],
)
def test_analyze_keeps_a_stance_taking_cue_of_reported_speech(article: str, expected: str) -> None:
    from stance.api import _content

    (st,) = extract_statements(article)
    assert _content(article, st) == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        # the cue word also stands earlier in the text: the statement's own cue is the one kept
        (
            "Critics blamed the rain. Later the mayor blamed the violence on militants trained abroad.",
            "blamed the violence on militants trained abroad.",
        ),
        (
            "The senator condemned the vote in March. In May she condemned that the tariff was raised again.",
            "condemned that the tariff was raised again.",
        ),
    ],
)
def test_a_stance_taking_cue_is_found_by_its_offsets(article: str, expected: str) -> None:
    from stance.api import _content

    last = extract_statements(article)[-1]
    cue = expected.split()[0]
    assert article.index(cue) < article.rindex(cue) == last.cue_start and article[last.cue_start : last.cue_end] == cue
    assert _content(article, last) == expected


def test_a_direct_quote_is_classified_without_its_cue() -> None:
    from stance.api import _content

    article = "“We will fight this tariff to the end,” the senator warned on Monday."
    (st,) = extract_statements(article)
    assert st.kind == "direct" and st.cue == "warned"
    assert _content(article, st) == st.text


def test_builtin_names_ignore_files_of_the_same_name_in_the_working_directory(tmp_path, monkeypatch) -> None:
    """A folder or a stray file called ``default`` in the working directory must not replace the built-in model."""
    from stance.api import BUILTIN_MODELS, MODELS_DIR

    if not (MODELS_DIR / BUILTIN_MODELS["semeval2016"]).exists():
        pytest.skip("the built-in semeval2016 model is missing")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "semeval2016").mkdir()
    assert stance.load("semeval2016").metadata.get("recipe") == "training/semeval2016.py"
    with pytest.raises(stance.ModelFormatError):
        stance.load("./semeval2016")  # a path with a folder part is a path


def test_analyze_takes_one_alias_as_a_string(trained_model) -> None:
    text = 'Robert Smith said the plan would work. "Bob is right," the mayor said.'
    as_string = stance.analyze(text, ["Robert Smith"], aliases={"Robert Smith": "Bob"}, model=trained_model)
    as_list = stance.analyze(text, ["Robert Smith"], aliases={"Robert Smith": ["Bob"]}, model=trained_model)
    assert [r.to_dict() for r in as_string] == [r.to_dict() for r in as_list]
    with pytest.raises(stance.InputError, match=r"aliases\['Robert Smith'\] is 5"):
        stance.analyze(text, ["Robert Smith"], aliases={"Robert Smith": 5}, model=trained_model)
