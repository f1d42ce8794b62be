"""Writing a model file: metadata beside the weights in one zip, written atomically. Kept apart from
:mod:`stance.persistence` (reading, checking, loading) so that :meth:`stance.model.StanceModel.save` needs no import
of the loader, which builds models: the dependency runs one way, persistence -> model -> this module."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import sklearn

from stance._files import replacing
from stance._version import __version__

__all__ = ["FORMAT", "FORMAT_VERSION", "save_model"]

FORMAT = "stance-model"
#: The newest format version this library reads and writes. Version 2 adds the encoder's speaker layer; a model
#: without one is still written as version 1 (:data:`PLAIN_FORMAT_VERSION`), so that older versions of the library
#: load it, while they refuse a model with one (which they would read without its layer) and say to upgrade.
FORMAT_VERSION = 2
PLAIN_FORMAT_VERSION = 1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_model(model: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` (a :class:`~stance.model.StanceModel`) to ``path`` atomically; returns the path."""
    import skops.io as sio

    path = Path(path)
    for head in (model.stance_head, model.sentiment_head):
        if head is not None:
            for cal in getattr(head, "calibrated_classifiers_", []):
                est = cal.estimator
                if hasattr(est, "sparsify") and not hasattr(est.coef_, "toarray"):
                    est.sparsify()  # per-target blocks are mostly zero: a sparse coef keeps files small
    weights = sio.dumps(
        {"featurizer": model.featurizer, "stance": model.stance_head, "sentiment": model.sentiment_head},
        compression=zipfile.ZIP_DEFLATED,
    )
    meta = dict(model.metadata)
    encoder = getattr(model, "encoder", None)
    encoder_bytes = None
    if encoder is not None:
        encoder_bytes = encoder.data
        meta["encoder"] = {
            **dict(meta.get("encoder") or {}),
            "weight": model.encoder_weight,
            "sentiment_weight": getattr(model, "encoder_sentiment_weight", 0.0),
            "weight_cued": getattr(model, "encoder_weight_cued", None),
            "labels": list(encoder.labels),
            "sentiment_labels": list(encoder.sentiment_labels),
            "sha256": _sha256(encoder_bytes),
            "bytes": len(encoder_bytes),
        }
        layer = getattr(model, "speaker_layer", None)
        if layer is not None:
            meta["encoder"]["speaker_layer"] = layer.to_dict()
        else:
            meta["encoder"].pop("speaker_layer", None)
    else:
        meta.pop("encoder", None)
    offsets = getattr(model, "stance_offsets", None)
    if offsets:
        meta["stance_offsets"] = dict(offsets)
    else:
        meta.pop("stance_offsets", None)
    meta.update(
        format=FORMAT,
        format_version=FORMAT_VERSION if getattr(model, "speaker_layer", None) is not None else PLAIN_FORMAT_VERSION,
        library_version=meta.get("library_version", __version__),
        saved_with_library_version=__version__,
        sklearn_version=sklearn.__version__,
        stance_labels=model.stance_labels,
        sentiment_labels=model.sentiment_labels,
        weights_sha256=_sha256(weights),
        weights_bytes=len(weights),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # a temporary name of its own in the same folder, renamed when complete: a failure or another process saving
    # to the same path never leaves a damaged model file (a fixed "<name>.tmp" was shared by concurrent saves)
    with replacing(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr("metadata.json", json.dumps(meta, indent=2, sort_keys=True, default=str))
            zf.writestr("weights.skops", weights)
            if encoder_bytes is not None:
                zf.writestr("encoder.npz", encoder_bytes)
    model.metadata = meta
    return path
