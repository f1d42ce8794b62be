"""``docs/architecture.md`` stays true: every module and file it names in backticks exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def _named_paths() -> list[str]:
    return sorted(set(re.findall(r"`((?:stance|training|tests)/[\w/.-]+\.(?:py|json|npz))`", DOC.read_text(encoding="utf-8"))))


def test_the_page_names_the_extraction_stages() -> None:
    named = _named_paths()
    for stage in ("document", "speakers", "phrases", "subjects", "cues", "assembly", "statements", "learned", "pipeline", "config"):
        assert f"stance/extraction/{stage}.py" in named, stage


def test_every_path_the_page_names_exists() -> None:
    missing = [p for p in _named_paths() if not (ROOT / p).is_file()]
    assert missing == [], f"docs/architecture.md names files that do not exist: {missing}"
