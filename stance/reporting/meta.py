"""Model and baseline metadata as readable name/value lists for the HTML reports.

Every key of a model's metadata gets a readable label (:data:`META_LABELS`, else :func:`readable_key`);
sizes, counts and flat mappings (such as the licence of each training corpus) are shown as text, and
deeper records (scores on development splits, encoder settings) go into a collapsed JSON block.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from stance.reporting.text import esc

__all__ = ["META_LABELS", "readable_key", "readable_value", "metadata_list", "model_items", "more_metadata", "training_source", "learnt_from"]

#: Readable labels of the metadata keys written by training, the recipes and the baselines.
META_LABELS: dict[str, str] = {
    "corpora": "training corpora",
    "training_corpora": "training corpora",
    "recipe": "recipe",
    "n_train": "training statements",
    "stance_labels": "stance labels",
    "sentiment_labels": "sentiment labels",
    "library": "written by",
    "library_version": "trained with stance",
    "saved_with_library_version": "saved with stance",
    "sklearn_version": "scikit-learn",
    "train_seconds": "training time (s)",
    "weights_sha256": "weights SHA-256",
    "weights_bytes": "weights size",
    "format": "file format",
    "format_version": "file format version",
    "cv_f_avg": "cross-validated F_avg (training data)",
    "cv_sentiment_macro_f1": "cross-validated sentiment macro F1 (training data)",
    "license_note": "licence note",
    "training_data_licenses": "licences of the training data",
    "stance_offsets": "stance decision offsets",
    "dev_protocol": "share of each corpus held out for development",
    "vast_topic_overlap": "VAST topics shared with the test set",
    "train_counts": "training rows per corpus",
    "dev_scores": "development scores",
    "test_scores": "test scores recorded at training",
    "scores": "scores recorded at training",
    "encoder": "encoder",
    "baseline": "baseline",
    "fitted_on": "fitted on",
    "label_counts": "training label counts",
    "trained": "trained",
}

_WORDS = {"cv": "cross-validated", "f1": "F1", "n": "number of", "sha256": "SHA-256", "sklearn": "scikit-learn", "bytes": "size",
          "id": "ID", "url": "URL", "lr": "learning rate", "dev": "development", "seconds": "(s)"}


def readable_key(key: str) -> str:
    """A label for a metadata key: :data:`META_LABELS`, else its words with known abbreviations spelt out."""
    if key in META_LABELS:
        return META_LABELS[key]
    words = [_WORDS.get(w.lower(), w) for w in key.replace("-", "_").split("_") if w]
    return " ".join(words).replace("f avg", "F_avg").replace("F1 avg", "F_avg") or key


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit} ({n:,} bytes)"
    return f"{n:,} bytes"


def _flat(value: Any) -> bool:
    return isinstance(value, Mapping) and all(not isinstance(v, (Mapping, list, tuple)) for v in value.values())


def readable_value(key: str, value: Any) -> str:
    """A metadata value as HTML: counts with separators, lists joined, flat mappings as a list."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return esc(", ".join(map(str, value)))
    if isinstance(value, Mapping) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
        return ", ".join(f"{esc(k)} {readable_value(str(k), v)}" for k, v in value.items())
    if isinstance(value, Mapping):
        items = "".join(f"<li><span class=\"k\">{esc(k)}</span>: {readable_value(str(k), v)}</li>" for k, v in value.items())
        return f'<ul class="kv">{items}</ul>'
    return esc(value)


def metadata_list(items: Sequence[tuple[str, Any]]) -> str:
    """A ``<dl>`` of label/value pairs, skipping empty values; values are shown by :func:`readable_value`."""
    parts = []
    for label, v in items:
        if v is None or v == "" or v == [] or v == {}:
            continue
        parts.append(f"<dt>{esc(label)}</dt><dd>{readable_value(label, v)}</dd>")
    return f'<dl class="meta">{"".join(parts)}</dl>'


def model_items(meta: Mapping[str, Any], first: Sequence[str] = ()) -> list[tuple[str, Any]]:
    """``(label, value)`` of every shown key of ``meta``: those in ``first`` in that order, then the others
    (except nested records, see :func:`more_metadata`), keys ending in ``bytes`` keeping their raw value."""
    keys = [k for k in first if k in meta] + [k for k in meta if k not in first]
    out = []
    for k in keys:
        v = meta[k]
        if isinstance(v, Mapping) and not _flat(v):
            continue
        out.append((readable_key(k), _size(v) if k.endswith("bytes") and isinstance(v, int) else v))
    return out


def more_metadata(meta: Mapping[str, Any]) -> str:
    """The nested records of ``meta`` (scores, encoder settings) as a collapsed JSON block, or ``""``."""
    nested = {k: v for k, v in meta.items() if isinstance(v, Mapping) and not _flat(v)}
    if not nested:
        return ""
    names = ", ".join(readable_key(k) for k in nested)
    return (f"<details><summary>More recorded metadata: {esc(names)}</summary>"
            f"<pre>{esc(json.dumps(nested, indent=1, sort_keys=True, ensure_ascii=False))}</pre></details>")


def training_source(meta: Mapping[str, Any], with_size: bool = True) -> str:
    """What a model or baseline learnt from, in words (plain text), with the number of training statements."""
    corpora = meta.get("corpora") or meta.get("training_corpora")
    where = ", ".join(map(str, corpora)) if corpora else ""
    n = meta.get("n_train")
    size = f" ({n:,} statements)" if isinstance(n, int) and with_size else ""
    if meta.get("trained") is False:
        return "nothing (a fixed sentiment lexicon)"
    if meta.get("baseline") == "majority":
        return f"the label counts of each target in {where or 'its training split'}{size}"
    if where:
        return f"{where}{size}"
    return "training data not recorded"


def learnt_from(meta: Mapping[str, Any]) -> str:
    """"trained on …", "fitted on …" (a trained baseline) or "not trained (…)" (a lexicon), as plain text."""
    if meta.get("trained") is False:
        return "not trained (a fixed sentiment lexicon)"
    verb = "fitted on" if meta.get("baseline") else "trained on"
    return f"{verb} {training_source(meta)}"
