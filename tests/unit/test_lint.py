"""``ruff check`` (configured by ``[tool.ruff]`` in pyproject.toml: pyflakes and the syntax/statement errors of
pycodestyle) passes on the package, tests, recipes and benchmarks, and would catch a real slip."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PATHS = ["stance", "tests", "training", "benchmarks", "examples"]


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return subprocess.run([exe, "check", "--no-cache", "--output-format", "concise", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_tree_is_clean() -> None:
    result = _ruff(*PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configuration_catches_an_unused_name(tmp_path: Path) -> None:
    bad = tmp_path / "stance_lint_probe.py"
    bad.write_text("import os\n\n\ndef f():\n    x = 1\n    return undefined_name\n", encoding="utf-8")
    result = _ruff("--config", str(ROOT / "pyproject.toml"), str(bad), cwd=tmp_path)
    assert result.returncode == 1
    for code in ("F401", "F841", "F821"):
        assert code in result.stdout, result.stdout
