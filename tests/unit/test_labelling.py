"""stance.labelling.label_rows: what `stance predict --input` does, as a function (issue 21: the CLI a thin shell)."""

from __future__ import annotations

import pytest

from stance.exceptions import InputError, StanceError
from stance.labelling import PREDICTION_COLUMNS, ColumnClashError, RowColumns, label_rows
from synthetic import HELDOUT_ROWS, train_small_model


@pytest.fixture(scope="module")
def model():
    return train_small_model()


def test_rows_come_back_in_order_with_their_columns_and_the_predictions(model) -> None:
    rows = [{"id": i, "text": r["text"], "target": r["target"], "note": "x"} for i, r in enumerate(HELDOUT_ROWS[:6])]
    got, columns = label_rows([dict(r) for r in rows], model)
    assert columns == ["id", "text", "target", "note", *PREDICTION_COLUMNS]
    want = model.predict_batch([r["text"] for r in rows], [r["target"] for r in rows])
    assert [r["id"] for r in got] == list(range(6)) and all(r["note"] == "x" for r in got)
    assert [(r["stance"], r["stance_confidence"], r["flags"]) for r in got] == [(p.stance, p.stance_confidence, list(p.flags)) for p in want]


def test_the_given_rows_are_not_changed(model) -> None:
    rows = [{"text": r["text"], "target": r["target"]} for r in HELDOUT_ROWS[:3]]
    before = [dict(r) for r in rows]
    got, _ = label_rows(rows, model)
    assert rows == before and all("stance" in r for r in got)


def test_aliases_as_a_list_or_a_joined_string_and_one_target_for_all(model) -> None:
    text = "Reyna must go, and Reyna knows it."
    as_list = label_rows([{"statement": text, "names": ["Reyna"]}], model, columns=RowColumns(text="statement", aliases="names"),
                         target="the prime minister")[0][0]
    joined = label_rows([{"statement": text, "names": "Reyna|T. Reyna"}], model, columns=RowColumns(text="statement", aliases="names"),
                        target="the prime minister")[0][0]
    bare = label_rows([{"statement": text}], model, columns=RowColumns(text="statement"), target="the prime minister")[0][0]
    want = model.predict(text, "the prime minister", aliases=["Reyna"])
    assert as_list["stance_confidence"] == want.stance_confidence and "target_not_mentioned" not in as_list["flags"]
    assert "target_not_mentioned" not in joined["flags"]
    assert "target_not_mentioned" in bare["flags"]


def test_a_column_the_predictions_would_overwrite_is_refused_and_a_prefix_avoids_it(model) -> None:
    rows = [{"text": "We back the plan.", "target": "the plan", "stance": "FAVOR"}]
    with pytest.raises(ColumnClashError, match=r"\['stance'\].*--prefix"):
        label_rows([dict(r) for r in rows], model)
    got, columns = label_rows([dict(r) for r in rows], model, prefix="pred_")
    assert got[0]["stance"] == "FAVOR" and got[0]["pred_stance"] in ("FAVOR", "AGAINST", "NONE")


def test_errors_name_the_source_the_column_and_the_line(model) -> None:
    with pytest.raises(StanceError, match=r"in\.csv: no column 'text'"):
        label_rows([{"body": "x", "target": "y"}], model, source="in.csv")
    with pytest.raises(StanceError, match="no rows"):
        label_rows([], model)
    with pytest.raises(InputError, match=r"in\.csv: line 7: .*text"):
        label_rows([{"text": "fine", "target": "t"}, {"text": "", "target": "t"}], model, source="in.csv", lines=[2, 7])


def test_a_bad_aliases_cell_is_named_by_its_line_or_row(model) -> None:
    import pandas as pd

    rows = [{"text": "We back the plan.", "target": "the plan", "aliases": "x"},
            {"text": "We back the plan.", "target": "the plan", "aliases": 5}]
    with pytest.raises(InputError, match=r"aliases at line 7 is 5;"):
        label_rows(rows, model, columns=RowColumns(aliases="aliases"), lines=[2, 7])
    with pytest.raises(InputError, match=r"aliases at row 2 is 5;"):
        label_rows(rows, model, columns=RowColumns(aliases="aliases"))
    frame = pd.DataFrame(rows, index=["a1", "a7"])
    with pytest.raises(InputError, match=r"aliases at row 'a7' is 5;"):
        model.predict_frame(frame, aliases="aliases")


def test_an_optional_column_named_otherwise_than_its_default_must_be_there(model) -> None:
    rows = [{"text": "We back the plan.", "target": "the plan", "names": "the scheme"}]
    assert len(label_rows([dict(r) for r in rows], model, columns=RowColumns(aliases="names"))[0]) == 1
    assert len(label_rows([dict(r) for r in rows], model)[0]) == 1  # the default names, absent, are not read
    for option in ("aliases", "speaker", "context"):
        with pytest.raises(StanceError, match=rf"in\.csv: no {option} column 'nmaes'"):
            label_rows([dict(r) for r in rows], model, columns=RowColumns(**{option: "nmaes"}), source="in.csv")
