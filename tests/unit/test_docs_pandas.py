"""docs/pandas.md runs as written: its Python blocks, in order, in one namespace (their own asserts check the results).
The blocks that read a public corpus (``load_corpus``) run in a second test, skipped where the corpora are absent."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import need_corpus

DOC = Path(__file__).resolve().parents[2] / "docs" / "pandas.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
WITH_CORPUS = [b for b in BLOCKS if "load_corpus(" in b]
WITHOUT_CORPUS = [b for b in BLOCKS if "load_corpus(" not in b]


def _run(blocks: list[str], namespace: dict[str, Any]) -> str:
    """Run ``blocks`` in ``namespace``; what they print."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102
    return printed.getvalue()


@pytest.fixture(scope="module")
def page() -> tuple[dict[str, Any], str]:
    """The namespace and the output of the blocks that need no corpus (they load the model once)."""
    namespace: dict[str, Any] = {}
    return namespace, _run(WITHOUT_CORPUS, namespace)


def test_the_page_has_its_sections() -> None:
    assert len(BLOCKS) == 3 and len(WITH_CORPUS) == 1
    assert BLOCKS[-1] is WITH_CORPUS[0]  # the corpus block comes last, so running it after the others keeps the page's order


def test_pandas_page_runs_as_written(page) -> None:  # noqa: ANN001
    namespace, printed = page
    out = namespace["out"]
    assert list(out["stance"].isna()) == [False, True, False]
    assert set(namespace["labelled"]["stance"]) <= {"FAVOR", "AGAINST", "NONE"}
    assert "invalid_input" in printed


def test_grid_search_section_runs_as_written(page) -> None:  # noqa: ANN001
    need_corpus("semeval2016_task6")
    namespace = dict(page[0])
    printed = _run(WITH_CORPUS, namespace)
    search, labelled, test = namespace["search"], namespace["labelled"], namespace["test"]
    assert list(search.cv_results_["param_C"]) == [0.1, 1.0]
    assert list(labelled.index) == list(test.index) and labelled["pred_stance"].notna().all()
    assert "precision" in printed and "F_avg" in printed
    # the slice's model has learned something: well above always answering the commonest training label
    from stance.evaluation import f_avg

    majority = f_avg(test["stance"], [namespace["train"]["stance"].mode()[0]] * len(test))
    assert namespace["report"]["f_avg"] > majority + 10
