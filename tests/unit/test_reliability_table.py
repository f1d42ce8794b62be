"""benchmarks/reliability_table.py: test cases map to their rows, a failing or missing test fails its row, and only
the text between the markers of the page is rewritten."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reliability_table", ROOT / "benchmarks" / "reliability_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_row_names_tests_that_exist(table: ModuleType) -> None:
    missing = [t for row in table.ROWS for t in row.tests if not table.exists(t)]
    assert not missing
    assert len(table.ROWS) >= 12


def test_case_names_map_to_node_ids_without_parameters(table: ModuleType) -> None:
    assert table.node_of("tests.unit.test_x", "test_y[csv-1]") == "tests/unit/test_x.py::test_y"


def test_a_failed_or_missing_test_fails_its_row(table: ModuleType) -> None:
    row = table.Row("tried", "holds", ("a.py::t1", "a.py::t2"))
    assert table.verdict(row, {"a.py::t1": ["pass", "pass"], "a.py::t2": ["pass"]}) == ("pass (3/3)", True)
    assert table.verdict(row, {"a.py::t1": ["pass", "fail"], "a.py::t2": ["pass"]})[1] is False
    cell, ok = table.verdict(row, {"a.py::t1": ["pass"]})
    assert not ok and "did not run: t2" in cell
    assert table.verdict(row, {"a.py::t1": ["skip"], "a.py::t2": ["skip"]})[1] is False


def test_only_the_text_between_the_markers_is_rewritten(table: ModuleType) -> None:
    doc = f"before\n{table.START}\nold\n{table.END}\nafter\n"
    assert table.rewrite(doc, "new") == f"before\n{table.START}\nnew\n{table.END}\nafter\n"
    with pytest.raises(SystemExit):
        table.rewrite("no markers", "new")
