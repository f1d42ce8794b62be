"""docs/pandas.md runs as written: its Python blocks, in order, in one namespace (their own asserts check the results)."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "pandas.md"


def test_pandas_page_runs_as_written(capsys) -> None:  # noqa: ANN001
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 2
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102
    out = namespace["out"]
    assert list(out["stance"].isna()) == [False, True, False]
    assert set(namespace["labelled"]["stance"]) <= {"FAVOR", "AGAINST", "NONE"}
    assert "invalid_input" in capsys.readouterr().out
