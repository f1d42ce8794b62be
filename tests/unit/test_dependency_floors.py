"""Dependency floors exclude known-vulnerable releases (issue 18): skops before 0.12.0 lets a model file run code
its trusted-type check does not report (CVE-2025-54412, OperatorFuncNode; CVE-2025-54413, MethodNode), and before 0.13.0
Card.get_model falls back to joblib on non-zip files (CVE-2025-54886; the library does not call it, the floor costs nothing)."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _floor(package: str) -> tuple[int, ...]:
    match = re.search(rf'"{package}>=([0-9.]+)"', PYPROJECT.read_text(encoding="utf-8"))
    assert match, f"no {package}>= floor in pyproject.toml"
    return tuple(int(x) for x in match.group(1).split("."))


def test_skops_floor_excludes_releases_before_the_2025_fixes() -> None:
    assert _floor("skops") >= (0, 13)


def test_installed_skops_is_a_fixed_release() -> None:
    installed = tuple(int(x) for x in re.findall(r"\d+", version("skops"))[:2])
    assert installed >= (0, 13), f"skops {version('skops')} is before the fixes for CVE-2025-54412/54413/54886; pip install -U skops"
