"""Loaders for the news, open-target and sentiment corpora, with one documented label mapping each.

| name | source | mapping |
|---|---|---|
| ``newsmtsc`` | NewsMTSC (``newsmtsc/``) | polarity toward the marked mention: 6.0 positive -> FAVOR, 2.0 negative -> AGAINST, 4.0 neutral -> NONE; the mention's offsets become ``span_start``/``span_end``; ``sentiment`` is left empty (the polarity is toward the mention, not the sentence's tone) |
| ``vast`` | VAST (``vast/``) | 1 pro -> FAVOR, 0 con -> AGAINST, 2 neutral -> NONE; ``seen`` keeps ``seen?`` (0 = zero-shot topic) |
| ``semeval2017`` | SemEval-2017 4A / TweetEval (``semeval2017_task4a/``) | sentiment only; ``stance`` is empty |
| ``newsstance`` | this project's own corpus (``corpora/newsstance/`` in the repository), parts A-C | as annotated |
| ``newsstance-d`` | the same corpus's part D: how news takes sides (idioms, actions, neutral quotes) | as annotated |
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from stance.corpora._jsonl import iter_jsonl_records
from stance.corpora._paths import resolve_data_dir
from stance.corpora._registry import _dataset, _require, _row, register
from stance.exceptions import CorpusError
from stance.labels import normalize_sentiment, normalize_stance

__all__ = ["load_newsmtsc", "load_vast", "load_semeval2017", "load_newsstance", "load_newsstance_d", "NEWSSTANCE_DIR"]

_NEWSMTSC = {2.0: "AGAINST", 4.0: "NONE", 6.0: "FAVOR"}
_VAST = {"0": "AGAINST", "1": "FAVOR", "2": "NONE"}

#: Where the project's own corpus lives (in the source checkout, not in the installed package).
NEWSSTANCE_DIR = Path(__file__).resolve().parents[2] / "corpora" / "newsstance"


def load_newsmtsc(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """NewsMTSC: splits ``train`` (8,739 targets), ``devtest_mt`` (1,476), ``devtest_rw`` (1,146); one row per target."""
    import datasets

    folder = _require(resolve_data_dir(data_dir) / "newsmtsc", "newsmtsc")
    out = {}
    for split in ("train", "devtest_mt", "devtest_rw"):
        rows = []
        with open(_require(folder / f"{split}.jsonl", "newsmtsc"), encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                obj = json.loads(line)
                text = obj["sentence_normalized"]
                for t in obj["targets"]:
                    pol = float(t["polarity"])
                    if pol not in _NEWSMTSC:
                        raise CorpusError(f"newsmtsc {split}.jsonl line {n}: unknown polarity {t['polarity']!r}; expected 2.0, 4.0 or 6.0")
                    rows.append(_row(text, t["mention"], _NEWSMTSC[pol], None, [], (int(t["from"]), int(t["to"]))))
        out[split] = _dataset(rows)
    return datasets.DatasetDict(out)


def load_vast(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """VAST: splits ``dev`` (2,062) and ``test`` (3,006); column ``seen`` is ``"0"`` for zero-shot topics."""
    import datasets

    folder = _require(resolve_data_dir(data_dir) / "vast", "vast")
    out = {}
    for split in ("dev", "test"):
        rows = []
        with open(_require(folder / f"vast_{split}.csv", "vast"), encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh)):
                lab = r["Stance"].strip()
                if lab not in _VAST:
                    raise CorpusError(f"vast_{split}.csv row {i}: unknown label {lab!r}; expected 0, 1 or 2")
                rows.append(_row(r["Tweet"], r["Target"], _VAST[lab], None, [], seen=r["seen?"].strip()))
        out[split] = _dataset(rows)
    return datasets.DatasetDict(out)


def load_semeval2017(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """SemEval-2017 Task 4A sentiment: ``train`` (train.tsv) and TweetEval ``validation`` / ``test``.

    Sentiment-only: ``target`` is the placeholder ``"-"`` and ``stance`` is empty.
    """
    import datasets

    folder = _require(resolve_data_dir(data_dir) / "semeval2017_task4a", "semeval2017")
    out = {}
    for split, name in (("train", "train.tsv"), ("validation", "tweeteval_val.tsv"), ("test", "tweeteval_test.tsv")):
        path = folder / name
        if not path.exists():
            continue
        rows = []
        with open(path, encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
                rows.append(_row(r["text"], "-", None, normalize_sentiment(r["label"], i), []))
        out[split] = _dataset(rows)
    if "train" not in out:
        raise CorpusError(f"semeval2017: {folder / 'train.tsv'} not found")
    return datasets.DatasetDict(out)


def load_newsstance(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """The project's own news statements (``corpora/newsstance``, parts A-C): ``train`` and ``test``, split by target.

    ``data_dir`` is ignored (the corpus ships with the repository). Extra columns: ``speaker``, ``id``,
    ``phenomena`` (comma-separated).
    """
    return _newsstance_parts(("a", "b", "c"))


def load_newsstance_d(data_dir: str | os.PathLike[str] | None = None) -> Any:
    """Part D of the project's corpus (``corpora/newsstance/part_d.jsonl``): statements on how news takes sides
    (idioms, actions, neutral quotes, targets named by a description), ``train`` and ``test`` split by target like
    the other parts. Kept out of ``newsstance`` and of the default model's training: it was measured as training
    data and not kept (docs/news.md); it serves as a test of those phenomena. Columns as ``newsstance``."""
    return _newsstance_parts(("d",))


def _newsstance_parts(parts: tuple[str, ...], folder: Path = NEWSSTANCE_DIR) -> Any:
    """The rows of ``part_<p>.jsonl`` for each of ``parts`` in ``folder``, split by ``split.json``'s test targets; a
    line that is not a statement object raises :class:`CorpusError` naming the file and the line."""
    import datasets

    split_file = folder / "split.json"
    if not split_file.exists():
        raise CorpusError(f"newsstance: {split_file} not found; the corpus ships with the source repository, not the package")
    test_targets = set(json.loads(split_file.read_text(encoding="utf-8"))["test_targets"])
    out: dict[str, list[dict[str, Any]]] = {"train": [], "test": []}
    for part in parts:
        path = folder / f"part_{part}.jsonl"
        if not path.exists():
            raise CorpusError(f"newsstance: {path} not found; the corpus ships with the source repository, not the package")
        with open(path, encoding="utf-8") as fh:
            for n, r in iter_jsonl_records(fh, str(path)):
                try:
                    row = _row(
                        r["text"],
                        r["target"],
                        normalize_stance(r["stance"], n),
                        normalize_sentiment(r["sentiment"], n),
                        r.get("aliases") or [],
                        id=r["id"],
                        speaker=r.get("speaker") or "",
                        phenomena=",".join(r.get("phenomena") or []),
                    )
                except KeyError as exc:
                    raise CorpusError(f"{path}: line {n} has no {exc.args[0]!r} field; every statement needs id, text, "
                                      "target, stance and sentiment") from None
                except CorpusError as exc:  # a label the corpus does not know
                    raise CorpusError(f"{path}: {exc}") from None
                out["test" if r["target"] in test_targets else "train"].append(row)
    return datasets.DatasetDict({k: _dataset(v) for k, v in out.items()})


register("newsmtsc", load_newsmtsc, "NewsMTSC news sentences, sentiment toward a marked mention (as stance)")
register("vast", load_vast, "VAST news comments, stance toward free-form topics (dev, test)")
register("semeval2017", load_semeval2017, "SemEval-2017 4A / TweetEval tweet sentiment")
register("newsstance", load_newsstance, "the project's own news statements, split by target")
register("newsstance-d", load_newsstance_d, "the project's statements on how news takes sides (idioms, actions, neutral quotes), split by target")
from stance.corpora import seesaw  # noqa: E402,F401  (registers itself)
