"""SEESAW (Zhang, Beauchamp and Wang, EMNLP 2022): who takes a positive or negative stance toward whom, sentence by
sentence, in political news. CC BY-NC-SA 4.0: a model trained on it is for non-commercial use. Read from
``seesaw/`` in the data folder; the authors' test stories are held back (only ``train`` and ``valid`` exist here).

Two views, both :class:`datasets.DatasetDict` objects with ``train`` and ``valid``:

* :func:`load_seesaw` (registered as ``seesaw``): **target stance**, one row per (sentence, Main entity of the
  article's entity list). ``text`` the sentence, ``context`` the sentence before (or empty), ``target`` the
  canonical name, ``aliases`` its last word for a person with a multi-word name, ``speaker`` the speaker of the
  statement :func:`stance.extract_statements` finds around the sentence in the article (else empty: the annotation's
  subject exists only where a stance does, so it would give the label away), ``stance`` FAVOR when the sentence
  carries a POS triplet toward the entity, AGAINST for NEG, NONE for none. Sentences with both toward the same entity,
  and empty sentences, are left out. ``story``, ``article`` and ``sentence`` are kept as ids.
* :func:`load_seesaw_articles`: **articles**, one row per article: ``id``, ``story``, ``text`` (sentences joined
  with a space), ``sentence_starts`` (offsets of each sentence in ``text``), ``entities`` (name, type, role) and
  ``triplets`` (sentence, subject, sentiment, object), for the end-to-end measure (:mod:`stance.seesaw_eval`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stance.corpora._paths import resolve_data_dir
from stance.corpora._registry import _dataset, _require, _row, register
from stance.exceptions import CorpusError

__all__ = ["SPLITS", "Article", "read_articles", "load_seesaw", "load_seesaw_articles", "entity_aliases"]

#: The splits present in the shared data (the authors' test split is held back).
SPLITS = ("train", "valid")
_POLARITY = {"POS": "FAVOR", "NEG": "AGAINST"}


@dataclass(frozen=True)
class Article:
    """One SEESAW article as read from its three files."""

    id: str
    story: str
    split: str
    sentences: tuple[str, ...]
    #: (name, type, role): role "Main" or "Salient" (the first the annotators gave)
    entities: tuple[tuple[str, str, str], ...]
    #: (sentence index, subject, "POS" or "NEG", object)
    triplets: tuple[tuple[int, str, str, str], ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def sentence_starts(self) -> list[int]:
        out, pos = [], 0
        for s in self.sentences:
            out.append(pos)
            pos += len(s) + 1
        return out

    @property
    def main_entities(self) -> list[tuple[str, str]]:
        """(name, type) of the entities whose role is Main, in list order."""
        return [(n, t) for n, t, r in self.entities if r == "Main"]


def entity_aliases(name: str, kind: str) -> list[str]:
    """Other names of an entity: for a person with a multi-word name, the last word ("Barack Obama" -> "Obama")."""
    words = name.split()
    return [words[-1]] if kind == "People" and len(words) > 1 and len(words[-1]) > 1 else []


def _folder(data_dir: str | os.PathLike[str] | None) -> Path:
    folder = _require(resolve_data_dir(data_dir) / "seesaw", "seesaw")
    for sub in ("meta", "articles", "annotations"):
        _require(folder / sub, "seesaw")
    return folder


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(f"seesaw: {str(path)!r} could not be read ({exc}); check the data folder against its SOURCE.md") from None


def read_articles(data_dir: str | os.PathLike[str] | None = None) -> list[Article]:
    """Every train and valid article, in story and document order."""
    folder = _folder(data_dir)
    out: list[Article] = []
    for meta_path in sorted((folder / "meta").glob("TRIPLET_*.json")):
        meta = _load_json(meta_path)
        split = str(meta.get("Split", "")).strip().lower()
        if split not in SPLITS:
            continue
        story = meta_path.stem.split("_", 1)[1]
        for art_path in sorted((folder / "articles").glob(f"{meta_path.stem}_DOCUMENT_*.json")):
            ann_path = folder / "annotations" / art_path.name
            if not ann_path.exists():
                raise CorpusError(f"seesaw: {str(ann_path)!r} is missing (its article {art_path.name} exists); check the data folder")
            art, ann = _load_json(art_path), _load_json(ann_path)
            sentences = [str(s.get("text") or "") for s in sorted(art["text"], key=lambda s: int(s["id"]))]
            if [int(s["id"]) for s in sorted(art["text"], key=lambda s: int(s["id"]))] != list(range(len(sentences))):
                raise CorpusError(f"seesaw: {str(art_path)!r}: sentence ids are not 0..{len(sentences) - 1}")
            entities = []
            for entry in ann.get("entity lists") or []:
                name, types, roles = entry[0], entry[1], entry[2]
                entities.append((str(name), str(types[0]) if types else "", "Main" if "Main" in roles else str(roles[0]) if roles else ""))
            triplets = []
            for sid, items in (ann.get("sentence-level stances") or {}).items():
                for t in items:
                    triplets.append((int(sid), str(t["subject"]), str(t["sentiment"]), str(t["object"])))
            out.append(Article(
                id=art_path.stem.replace("TRIPLET_", "").replace("_DOCUMENT_", "-"), story=story, split=split,
                sentences=tuple(sentences), entities=tuple(entities), triplets=tuple(sorted(triplets)),
            ))
    if not out:
        raise CorpusError(f"seesaw: no train or valid stories under {str(folder)!r}")
    return out


def _speakers(article: Article) -> list[str]:
    """For each sentence, the speaker of the extracted statement that holds most of it (else empty)."""
    from stance.extraction import extract_statements

    starts = article.sentence_starts
    text = article.text
    statements = [s for s in extract_statements(text) if s.speaker]
    out = []
    for s0, sentence in zip(starts, article.sentences):
        s1 = s0 + len(sentence)
        best, best_overlap = "", 0
        for st in statements:
            overlap = min(s1, st.end) - max(s0, st.start)
            # the statement holds the sentence: it covers at least half of it, or the sentence holds all of it
            if overlap > best_overlap and (2 * overlap >= s1 - s0 or (st.start >= s0 and st.end <= s1)):
                best, best_overlap = str(st.speaker), overlap
        out.append(best)
    return out


def load_seesaw(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """Target-stance rows (see the module docstring): ``train`` and ``valid``."""
    import datasets

    parts: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for article in read_articles(data_dir):
        speakers = _speakers(article)
        labels: dict[tuple[int, str], set[str]] = {}
        for sid, _subject, polarity, obj in article.triplets:
            if polarity in _POLARITY:
                labels.setdefault((sid, obj), set()).add(_POLARITY[polarity])
        for sid, sentence in enumerate(article.sentences):
            if not sentence.strip():
                continue
            for name, kind in article.main_entities:
                got = labels.get((sid, name), set())
                if len(got) > 1:
                    continue  # both POS and NEG toward the same entity: no single label
                parts[article.split].append(_row(
                    sentence, name, next(iter(got)) if got else "NONE", None, entity_aliases(name, kind),
                    context=article.sentences[sid - 1] if sid > 0 else "", speaker=speakers[sid],
                    story=article.story, article=article.id, sentence=str(sid),
                ))
    return datasets.DatasetDict({k: _dataset(v) for k, v in parts.items()})


def load_seesaw_articles(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """Article rows (see the module docstring): ``train`` and ``valid``."""
    import datasets

    parts: dict[str, dict[str, list[Any]]] = {s: {k: [] for k in ("id", "story", "text", "sentence_starts", "entities", "triplets")}
                                              for s in SPLITS}
    for a in read_articles(data_dir):
        cols = parts[a.split]
        cols["id"].append(a.id)
        cols["story"].append(a.story)
        cols["text"].append(a.text)
        cols["sentence_starts"].append(a.sentence_starts)
        cols["entities"].append([{"name": n, "type": t, "role": r} for n, t, r in a.entities])
        cols["triplets"].append([{"sentence": s, "subject": sub, "sentiment": pol, "object": obj} for s, sub, pol, obj in a.triplets])
    return datasets.DatasetDict({k: datasets.Dataset.from_dict(v) for k, v in parts.items()})


register("seesaw", load_seesaw, "SEESAW political news sentences, stance toward each article's Main entities (train, valid; CC BY-NC-SA)")
