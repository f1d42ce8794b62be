"""Saving and loading models without executing code.

A model file is a zip archive holding ``metadata.json`` (library and scikit-learn versions, labels,
training corpora, recipe, configuration, scores, and the SHA-256 of the weights) and ``weights.skops``
(the feature extractor and classifiers, written by :mod:`skops.io`). Loading checks the format
version and the checksum, then lets ``skops.io`` rebuild only the types listed in
:data:`TRUSTED_TYPES`; nothing in the file is executed. Pickle and joblib files are refused unless the
caller opts in with ``allow_pickle=True``.
"""

from __future__ import annotations

import json
import os
import warnings
import zipfile
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import sklearn

from stance._blend import SpeakerLayer
from stance._modelsave import FORMAT, FORMAT_VERSION, save_model
from stance._modelcheck import check_encoder, check_metadata, check_parts
from stance._modelzip import check_inner_archive, open_zip, read_member
from stance._version import __version__
from stance.exceptions import InputError, ModelFormatError, UntrustedModelError
from stance.model import StanceModel

__all__ = ["FORMAT", "FORMAT_VERSION", "TRUSTED_TYPES", "ModelVersionWarning", "save_model", "load_model", "read_metadata"]

#: The only non-builtin types a model file may contain.
TRUSTED_TYPES: tuple[str, ...] = (
    "stance.features.StanceFeaturizer",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.svm._classes.LinearSVC",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold",
    # save_model sparsifies the SVM coefficients (the per-target blocks are mostly zero)
    "scipy.sparse._csr.csr_matrix",
)

_PICKLE_MAGIC = (b"\x80", b"(", b"]", b"}")


def _open(path: Path) -> zipfile.ZipFile:
    """The model file at ``path`` opened, its members checked by name and declared size before anything is inflated."""
    if not path.exists():
        raise ModelFormatError(f"model file {str(path)!r} does not exist; check the path, or call stance.load() for the default model")
    if path.is_dir():
        raise ModelFormatError(f"model path {str(path)!r} is a folder; give the model file inside it")
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head[:1] in _PICKLE_MAGIC:
        raise UntrustedModelError(
            f"{str(path)!r} looks like a pickle or joblib file, which can run arbitrary code when loaded. If you trust "
            "where it came from, load it with stance.load(path, allow_pickle=True) and re-save it with model.save(path)"
        )
    if head[:2] != b"PK":
        raise ModelFormatError(f"{str(path)!r} is not a stance model file (it does not start like one); was it written by model.save()?")
    return open_zip(path)


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The metadata of a model file, without loading its weights."""
    path = Path(path)
    with _open(path) as zf:
        try:
            meta = json.loads(read_member(zf, path, "metadata.json")[0])
        except KeyError:
            raise ModelFormatError(f"{str(path)!r} has no metadata.json; it is not a stance model file") from None
        except ValueError as exc:
            raise ModelFormatError(f"{str(path)!r}: metadata is unreadable ({exc}); save or download the model again") from None
    if not isinstance(meta, dict):
        raise ModelFormatError(f"{str(path)!r}: metadata.json holds a JSON {type(meta).__name__}, not an object; it is not a stance model file")
    if meta.get("format") != FORMAT:
        raise ModelFormatError(f"{str(path)!r} has format {meta.get('format')!r}, not {FORMAT!r}")
    version = meta.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelFormatError(
            f"{str(path)!r}: metadata field 'format_version' is {version!r:.40}; expected a whole number from 1 (not true/false). "
            "The file was not written by model.save() or was changed after: save or download the model again"
        )
    if version > FORMAT_VERSION:
        raise ModelFormatError(
            f"{str(path)!r} uses model format version {version!r}; this stance {__version__} reads versions up to "
            f"{FORMAT_VERSION}: upgrade stance (pip install -U stancelens) or retrain the model with this version"
        )
    check_metadata(meta, path)
    return meta


#: Suffix of the file beside a model that holds the scores recorded after it was built.
RECORDED_SCORES_SUFFIX = ".scores.json"


def recorded_scores_path(path: str | os.PathLike[str]) -> Path:
    """Where the scores recorded for the model at ``path`` live: beside it, ``default.stance`` ->
    ``default.scores.json``. Recording scores (``training/evaluate_default.py``) writes there rather than into the model
    file, so that a re-evaluation does not add another copy of the weights to git history."""
    return Path(path).with_suffix(RECORDED_SCORES_SUFFIX)


def read_recorded_scores(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The test scores recorded for the model at ``path``: the file beside it (:func:`recorded_scores_path`) when
    there is one, else the ``test_scores`` its metadata carried (models recorded before the file existed)."""
    side = recorded_scores_path(path)
    if side.exists():
        try:
            scores = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelFormatError(f"{str(side)!r} could not be read as JSON ({exc}); rerun training/evaluate_default.py to rewrite it") from None
        if not isinstance(scores, dict):
            raise ModelFormatError(f"{str(side)!r} holds {type(scores).__name__}, not the object of scores; rerun training/evaluate_default.py")
        return scores
    recorded = read_metadata(path).get("test_scores")
    return dict(recorded) if isinstance(recorded, Mapping) else {}


def load_model(
    path: str | os.PathLike[str],
    *,
    trusted: list[str] | None = None,
    allow_pickle: bool = False,
    runtime: str = "auto",
    threads: int | None = None,
) -> Any:
    """Load a model written by :func:`save_model`.

    Parameters
    ----------
    path : path-like
    trusted : list of str, optional
        Extra type names to trust beyond :data:`TRUSTED_TYPES` (for models holding your own classes).
    allow_pickle : bool, default=False
        Accept a pickle/joblib file holding a :class:`~stance.model.StanceModel`. Pickle runs code from
        the file: only for files you made yourself.
    runtime, threads
        How the model's encoder, if it has one, runs (see :class:`stance.encoder.PairEncoder`).

    Raises
    ------
    ModelFormatError
        Missing, truncated, tampered or incompatible files, each with what to do.
    UntrustedModelError
        Pickle files without ``allow_pickle``, and files holding types not trusted.
    """
    path = Path(path)
    if allow_pickle and path.is_file():
        with open(path, "rb") as fh:
            magic = fh.read(1)
        if magic in _PICKLE_MAGIC:
            import joblib

            obj = joblib.load(path)
            if not isinstance(obj, StanceModel):
                raise ModelFormatError(f"{str(path)!r} holds a {type(obj).__name__}, not a StanceModel")
            encoder = getattr(obj, "encoder", None)
            if encoder is not None:
                obj.encoder = encoder.with_runtime(runtime, threads)
            return obj
    meta = read_metadata(path)
    encoder_info: dict[str, Any] = meta.get("encoder") or {}
    with _open(path) as zf:
        weights = _checked_member(
            zf, path, "weights.skops", meta["weights_sha256"], meta["weights_bytes"], "the weights", True,
            f"{str(path)!r} has no weights.skops; it is not a complete stance model file",
        )
        encoder_data = None
        if encoder_info:
            encoder_data = _checked_member(
                zf, path, "encoder.npz", encoder_info["sha256"], encoder_info["bytes"], "the encoder", False,
                f"{str(path)!r}: its metadata names an encoder but the file has no encoder.npz; save or download it again",
            )
        elif "encoder.npz" in zf.namelist():
            raise ModelFormatError(f"{str(path)!r} holds an encoder.npz its metadata does not describe; save or download it again")
    check_inner_archive(weights, path, "weights.skops")
    if encoder_data is not None:
        check_inner_archive(encoder_data, path, "encoder.npz")
    import skops.io as sio

    allowed = set(TRUSTED_TYPES) | set(trusted or ())
    try:
        untrusted = [t for t in sio.get_untrusted_types(data=weights) if t not in allowed]
    except Exception as exc:  # skops raises various errors on malformed archives
        raise ModelFormatError(f"{str(path)!r}: the weights are malformed ({exc}); save or download the model again") from None
    if untrusted:
        raise UntrustedModelError(
            f"{str(path)!r} contains types this library does not trust: {untrusted}. Inspect them, and if you trust "
            "them pass stance.load(path, trusted=[...]) with those names"
        )
    saved_sklearn = meta.get("sklearn_version")
    try:
        parts = sio.loads(weights, trusted=sorted(allowed))
    except Exception as exc:
        raise ModelFormatError(
            f"{str(path)!r} could not be rebuilt ({type(exc).__name__}: {exc}); it was saved with scikit-learn "
            f"{saved_sklearn} and stance {meta.get('saved_with_library_version')}, this is scikit-learn "
            f"{sklearn.__version__} and stance {__version__}: retrain it with this version"
        ) from None
    if _minor(saved_sklearn) != _minor(sklearn.__version__):
        warnings.warn(
            f"{str(path)!r} was saved with scikit-learn {saved_sklearn} and is loaded with {sklearn.__version__}; "
            "it loaded, but its predictions may differ from the recorded scores. Retrain it with this version "
            "(see the recipe in its metadata) or install the version it was saved with",
            ModelVersionWarning,
            stacklevel=3,
        )
    check_parts(parts, meta, path)
    offsets = meta.get("stance_offsets") or None
    encoder = None
    if encoder_data is not None:
        from stance.encoder import PairEncoder, _resolve_runtime

        _resolve_runtime(runtime, threads)  # a bad runtime or thread count is the caller's error, not a malformed file
        try:
            encoder = PairEncoder.from_bytes(encoder_data, runtime=runtime, threads=threads)  # numpy arrays only: pickled ones are refused
        except Exception as exc:  # numpy raises various errors on malformed archives
            raise ModelFormatError(f"{str(path)!r}: the encoder is malformed ({type(exc).__name__}: {exc}); save or download the model again") from None
        check_encoder(encoder, meta, path)
    try:
        cued = encoder_info.get("weight_cued")
        layer = encoder_info.get("speaker_layer")
        model = StanceModel(parts["featurizer"], parts["stance"], parts["sentiment"], meta, encoder, float(encoder_info.get("weight", 0.0)),
                            float(encoder_info.get("sentiment_weight", 0.0)), None if cued is None else float(cued), offsets,
                            None if layer is None else SpeakerLayer(**layer))
    except InputError as exc:  # offsets or shares out of range, or a sentiment share without the layers it blends
        part = "encoder metadata" if encoder is not None else "metadata"
        raise ModelFormatError(f"{str(path)!r}: its {part} does not fit the model ({exc}); save or download the model again") from None
    _smoke_test(model, path)
    return model


def _smoke_test(model: Any, path: Path) -> None:
    """One short prediction by the linear heads, so that parts the checks above let through but that cannot predict
    (a trusted type holding the wrong shapes) fail here, at load, rather than at the user's first prediction."""
    try:
        model.without_encoder().predict_batch(["The plan works, she said."], ["the plan"], progress=False)
    except Exception as exc:
        raise ModelFormatError(f"{str(path)!r}: the model loaded but cannot predict ({type(exc).__name__}: {exc:.200}); "
                               "save or download the model again") from None


def _checked_member(zf: zipfile.ZipFile, path: Path, name: str, sha256: str, size: int, what: str, plural: bool, missing: str) -> bytes:
    """Member ``name`` of a model file, read in bounded chunks and checked against its size and SHA-256 in the metadata;
    ``missing`` is the error when it is absent, ``what`` (plural or not) names it in the checksum error."""
    try:
        data, digest = read_member(zf, path, name, expect_bytes=size)
    except KeyError:
        raise ModelFormatError(missing) from None
    if digest != sha256:
        raise ModelFormatError(
            f"{str(path)!r}: {what} {'do' if plural else 'does'} not match the checksum in its metadata; the file was changed or "
            "damaged after it was saved. Save or download it again"
        )
    return data


def _minor(version: object) -> tuple[str, ...]:
    return tuple(str(version).split(".")[:2])


class ModelVersionWarning(UserWarning):
    """A model file was saved with another scikit-learn release than the one loading it."""

