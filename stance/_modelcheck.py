"""Checks of a model file's metadata and of the parts it rebuilds, so a malformed model fails at load, not at predict.

:func:`check_metadata` validates every field the loader reads (and the types of the descriptive ones it keeps);
:func:`check_parts` checks that the rebuilt featurizer and heads agree with each other and with the labels the
metadata records: classes, coefficient shapes, calibrators, and the encoder's labels.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from stance.exceptions import ModelFormatError

__all__ = ["check_metadata", "check_parts", "check_encoder"]

_HEX64 = re.compile(r"[0-9a-f]{64}")
_AGAIN = "save or download the model again"


def _bad(path: Path, field: str, value: Any, expected: str) -> ModelFormatError:
    return ModelFormatError(f"{str(path)!r}: metadata field {field!r} is {value!r:.80}; expected {expected}. The file was not written by "
                            f"model.save() or was changed after: {_AGAIN}")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_share(v: Any) -> bool:
    return _is_number(v) and 0 <= v <= 1


def _is_labels(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v) and len(set(v)) == len(v)


_Check = tuple[Callable[[Any], bool], str]
_SHA: _Check = (lambda v: isinstance(v, str) and bool(_HEX64.fullmatch(v)), "64 lowercase hexadecimal digits (a SHA-256)")
_COUNT: _Check = (lambda v: _is_int(v) and v >= 0, "a whole number of 0 or more (not true/false)")
_TEXT: _Check = (lambda v: isinstance(v, str), "a string")
_LABELS: _Check = (_is_labels, "a list of distinct non-empty strings")

#: Required fields (besides ``format`` and ``format_version``, checked first by :func:`stance.persistence.read_metadata`).
_REQUIRED: dict[str, _Check] = {
    "weights_sha256": _SHA,
    "weights_bytes": _COUNT,
    "sklearn_version": _TEXT,
    "stance_labels": (lambda v: _is_labels(v) and len(v) >= 2, "a list of at least two distinct non-empty strings"),
    "sentiment_labels": (lambda v: _is_labels(v) and len(v) != 1, "a list of distinct non-empty strings, empty or at least two"),
}
#: Optional fields: checked when present and not null.
_OPTIONAL: dict[str, _Check] = {
    "library": _TEXT,
    "library_version": _TEXT,
    "saved_with_library_version": _TEXT,
    "recipe": _TEXT,
    "n_train": _COUNT,
    "train_seconds": (lambda v: _is_number(v) and v >= 0, "a number of 0 or more"),
    "corpora": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of strings"),
    "config": (lambda v: isinstance(v, dict), "a mapping"),
    "stance_offsets": (lambda v: isinstance(v, dict) and all(_is_number(x) for x in v.values()), "a mapping of labels to numbers"),
    "encoder": (lambda v: isinstance(v, dict), "a mapping"),
}
_ENCODER: dict[str, _Check] = {
    "sha256": _SHA,
    "bytes": _COUNT,
    "weight": (_is_share, "a number from 0 to 1"),
    "labels": _LABELS,
}
_ENCODER_OPTIONAL: dict[str, _Check] = {
    "sentiment_weight": (_is_share, "a number from 0 to 1"),
    "weight_cued": (_is_share, "a number from 0 to 1, or null"),
    "sentiment_labels": _LABELS,
    "speaker_layer": (lambda v: isinstance(v, dict) and set(v) == {"weight", "weight_cued", "none_offset"}
                      and _is_share(v["weight"]) and _is_share(v["weight_cued"]) and _is_number(v["none_offset"])
                      and -1 <= v["none_offset"] <= 1,
                      "a mapping of weight and weight_cued (0 to 1) and none_offset (-1 to 1)"),
}


def check_metadata(meta: Mapping[str, Any], path: Path) -> None:
    """Raise :class:`ModelFormatError` naming the first field of ``meta`` that is missing or malformed."""
    _check_fields(meta, _REQUIRED, True, "", path)
    _check_fields(meta, _OPTIONAL, False, "", path)
    encoder = meta.get("encoder")
    if encoder:
        _check_fields(encoder, _ENCODER, True, "encoder.", path)
        _check_fields(encoder, _ENCODER_OPTIONAL, False, "encoder.", path)
    offsets = meta.get("stance_offsets") or {}
    for label in offsets:
        if label not in meta["stance_labels"]:
            raise _bad(path, f"stance_offsets.{label}", offsets[label], f"offsets only for the model's labels {meta['stance_labels']}")


def _check_fields(meta: Mapping[str, Any], fields: Mapping[str, _Check], required: bool, prefix: str, path: Path) -> None:
    for name, (ok, expected) in fields.items():
        if name not in meta or meta[name] is None:
            if required:
                raise _bad(path, prefix + name, None, expected)
            continue
        if not ok(meta[name]):
            raise _bad(path, prefix + name, meta[name], expected)


def _classes(head: Any) -> list[str] | None:
    classes = getattr(head, "classes_", None)
    return None if classes is None else [str(c) for c in classes]


def check_parts(parts: Any, meta: Mapping[str, Any], path: Path) -> None:
    """Raise :class:`ModelFormatError` unless ``parts`` (what ``weights.skops`` rebuilt) is a fitted featurizer and
    heads whose classes are the metadata's labels and whose coefficients fit the featurizer's features."""
    from stance.features import StanceFeaturizer

    if not isinstance(parts, dict) or set(parts) != {"featurizer", "stance", "sentiment"}:
        keys = sorted(parts) if isinstance(parts, dict) else type(parts).__name__
        raise ModelFormatError(f"{str(path)!r}: the weights hold {keys!r:.80}, not a featurizer, a stance head and a sentiment head; {_AGAIN}")
    feat = parts["featurizer"]
    n_features = getattr(feat, "n_features_out_", None)
    if not isinstance(feat, StanceFeaturizer) or not isinstance(n_features, int):
        raise ModelFormatError(f"{str(path)!r}: the weights' featurizer is a {type(feat).__name__}, not a fitted StanceFeaturizer; {_AGAIN}")
    for task in ("stance", "sentiment"):
        head, labels = parts[task], list(meta[f"{task}_labels"])
        if head is None:
            if labels:
                raise ModelFormatError(f"{str(path)!r}: the metadata gives {task} labels {labels} but the weights have no {task} head; {_AGAIN}")
            continue
        classes = _classes(head)
        if classes is None or not callable(getattr(head, "predict_proba", None)):
            raise ModelFormatError(f"{str(path)!r}: the {task} head is a {type(head).__name__} without classes or probabilities; {_AGAIN}")
        if sorted(classes) != sorted(labels):
            raise ModelFormatError(f"{str(path)!r}: the {task} head's classes {classes} are not the metadata's {task} labels {labels}; {_AGAIN}")
        _check_head_shapes(head, classes, n_features, task, path)


def _check_head_shapes(head: Any, classes: list[str], n_features: int, task: str, path: Path) -> None:
    """The linear models inside ``head`` (itself, or a calibrated head's estimators) take ``n_features`` features and
    give one score per class (one for two classes), with one calibrator per score."""
    inner = getattr(head, "calibrated_classifiers_", None)
    models = [(cc.estimator, cc) for cc in inner] if inner is not None else [(head, None)]
    if inner is not None and not inner:
        raise ModelFormatError(f"{str(path)!r}: the {task} head has no calibrated classifiers; {_AGAIN}")
    rows = 1 if len(classes) == 2 else len(classes)
    for est, cc in models:
        coef = getattr(est, "coef_", None)
        if coef is None:
            n_in = getattr(est, "n_features_in_", None)
            if n_in is not None and n_in != n_features:
                raise ModelFormatError(f"{str(path)!r}: the {task} head takes {n_in} features, the featurizer gives {n_features}; {_AGAIN}")
            continue
        shape = getattr(coef, "shape", ())
        if tuple(shape) != (rows, n_features):
            raise ModelFormatError(f"{str(path)!r}: the {task} head's coefficients have shape {tuple(shape)}, not ({rows}, {n_features}) "
                                   f"for {len(classes)} classes and the featurizer's {n_features} features; {_AGAIN}")
        if cc is not None:
            cc_classes = [str(c) for c in getattr(cc, "classes", [])]
            if sorted(cc_classes) != sorted(classes) or len(getattr(cc, "calibrators", [])) != rows:
                raise ModelFormatError(f"{str(path)!r}: a calibrated classifier of the {task} head has classes {cc_classes} and "
                                       f"{len(getattr(cc, 'calibrators', []))} calibrators for the head's {classes}; {_AGAIN}")


def check_encoder(encoder: Any, meta: Mapping[str, Any], path: Path) -> None:
    """The encoder's labels agree with its metadata and with the heads it is blended into."""
    info = meta["encoder"]
    if list(encoder.labels) != list(info["labels"]):
        raise ModelFormatError(f"{str(path)!r}: the encoder's labels {list(encoder.labels)} are not those its metadata records "
                               f"({info['labels']}); {_AGAIN}")
    if sorted(encoder.labels) != sorted(meta["stance_labels"]):
        raise ModelFormatError(f"{str(path)!r}: the encoder's labels {list(encoder.labels)} are not the model's stance labels "
                               f"{meta['stance_labels']}; {_AGAIN}")
    if "sentiment_labels" in info and list(encoder.sentiment_labels) != list(info["sentiment_labels"]):
        raise ModelFormatError(f"{str(path)!r}: the encoder's sentiment labels {list(encoder.sentiment_labels)} are not those its "
                               f"metadata records ({info['sentiment_labels']}); {_AGAIN}")
    if encoder.has_speaker_layer and not isinstance(info.get("speaker_layer"), dict):
        raise ModelFormatError(f"{str(path)!r}: the encoder has a speaker layer but its metadata gives no shares for it "
                               f"(encoder.speaker_layer is {info.get('speaker_layer')!r}); {_AGAIN}")
    # a sentiment share for an encoder without sentiment labels is refused by StanceModel itself (load_model says so)
