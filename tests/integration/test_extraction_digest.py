"""Extraction output on every PolNeAR train and dev article is what it was when the digest was stored.

The guard of refactorings that must not change behaviour: every field of every :class:`Statement`
(offsets, text, speaker and its offsets, cue and its offsets, kind, parts) for each article, with the
learned cues and with the rules alone, is hashed and compared with ``extraction_digest.json`` beside
this file. That file holds hashes only (one sha256 per split and run, and a short hash per article
in corpus order, so that a failure says which article changed), never article text.

When extraction is meant to change, regenerate the digest and say why in the commit::

    python tests/integration/test_extraction_digest.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Callable

import pytest

DIGEST_FILE = Path(__file__).with_name("extraction_digest.json")
SPLITS = ("dev", "train")
#: hex characters kept of each article's hash (enough to tell which article changed)
ARTICLE_HASH_CHARS = 12


def _runs() -> dict[str, Callable[[str], list]]:
    """The extraction runs the digest covers: the shipped extractor, and the rules alone."""
    from stance.extraction import ExtractionConfig, extract_statements

    rules = ExtractionConfig(learned_cues=False)
    return {"full": extract_statements, "rules": lambda text: extract_statements(text, config=rules)}


def article_hash(statements: list) -> str:
    """sha256 of the statements of one article, as canonical JSON of their :meth:`Statement.to_dict`."""
    blob = json.dumps([st.to_dict() for st in statements], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def split_digest(texts: list[str], extract: Callable[[str], list]) -> dict:
    """The digest of one run over one split: the sha256 over every article's hash, and the short hashes."""
    hashes = [article_hash(extract(t)) for t in texts]
    return {"sha256": hashlib.sha256("\n".join(hashes).encode("ascii")).hexdigest(),
            "articles": [h[:ARTICLE_HASH_CHARS] for h in hashes]}


def compute(root: Path) -> dict:
    """The digest of every run over every split of the PolNeAR folder ``root``."""
    from stance.extraction.polnear import load_polnear

    out: dict = {}
    for split in SPLITS:
        texts = [a.text for a in load_polnear(root, split)]
        for run, extract in _runs().items():
            out[f"{split}/{run}"] = split_digest(texts, extract)
    return out


@pytest.fixture(scope="module")
def polnear_root() -> Path:
    from conftest import need_corpus

    return need_corpus("polnear", "train").parent


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("run", ["full", "rules"])
def test_extraction_output_matches_the_stored_digest(polnear_root: Path, split: str, run: str) -> None:
    from stance.extraction.polnear import load_polnear

    stored = json.loads(DIGEST_FILE.read_text(encoding="utf-8"))[f"{split}/{run}"]
    articles = load_polnear(polnear_root, split)
    got = split_digest([a.text for a in articles], _runs()[run])
    changed = [f"#{i} {a.name}" for i, (a, old, new) in enumerate(zip(articles, stored["articles"], got["articles"]))
               if old != new]
    assert len(got["articles"]) == len(stored["articles"]), "the number of articles changed"
    assert got["sha256"] == stored["sha256"], (
        f"extraction output ({run}) changed on {len(changed)} PolNeAR {split} articles, e.g. {changed[:5]}; if that "
        "is intended, regenerate with python tests/integration/test_extraction_digest.py --write")


if __name__ == "__main__":
    import argparse

    ROOT = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(ROOT))
    from stance.corpora._paths import resolve_data_dir

    ap = argparse.ArgumentParser(description="Print or (--write) store the extraction digest of PolNeAR.")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--write", action="store_true", help=f"write {DIGEST_FILE.name}")
    args = ap.parse_args()
    digest = compute(resolve_data_dir(args.data_dir) / "polnear")
    if args.write:
        DIGEST_FILE.write_text(json.dumps(digest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {DIGEST_FILE}")
    for key, d in digest.items():
        print(key, d["sha256"], len(d["articles"]), "articles")
