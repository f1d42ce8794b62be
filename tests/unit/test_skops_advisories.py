"""The model loader refuses the skops payloads of CVE-2025-54412 (``OperatorFuncNode``) and CVE-2025-54413
(``MethodNode``): a ``weights.skops`` whose schema calls an untrusted function (``builtins.eval``) while it is
rebuilt. Each payload is first shown to be live (skops, told to trust what it reports, runs it and creates a marker
file); then, inside a model file with matching metadata, sizes and SHA-256, ``stance.load`` refuses it and the
marker is never created."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

import stance
from stance.exceptions import ModelFormatError, UntrustedModelError
from stance.persistence import read_metadata
from synthetic import train_small_model


def _json(value: Any) -> dict[str, Any]:
    return {"__class__": type(value).__name__, "__module__": "builtins", "__loader__": "JsonNode",
            "content": json.dumps(value), "is_json": True, "__id__": id(value)}


def _function(module: str, name: str) -> dict[str, Any]:
    return {"__class__": name, "__module__": module, "__loader__": "FunctionNode", "__id__": hash((module, name)) & 0xFFFFFF}


def _call(func: dict[str, Any], *args: Any) -> dict[str, Any]:
    """``operator.call(func, *args)`` as skops writes an operator function (``OperatorFuncNode``)."""
    attrs = {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode",
             "content": [func, *(_json(a) for a in args)], "__id__": 1}
    return {"__class__": "call", "__module__": "operator", "__loader__": "OperatorFuncNode", "attrs": attrs, "__id__": 2}


def operator_func_payload(code: str) -> dict[str, Any]:
    """CVE-2025-54412: an ``OperatorFuncNode`` whose operator calls ``builtins.eval`` on ``code`` when rebuilt."""
    return _call(_function("builtins", "eval"), code)


def method_payload(code: str) -> dict[str, Any]:
    """CVE-2025-54413: a ``MethodNode`` giving ``builtins.eval.__call__``, called on ``code`` when rebuilt."""
    method = {"__class__": "eval", "__module__": "builtins", "__loader__": "MethodNode",
              "content": {"obj": _function("builtins", "eval"), "func": "__call__"}, "__id__": 3}
    return _call(method, code)


PAYLOADS = {"OperatorFuncNode": operator_func_payload, "MethodNode": method_payload}


def _with_payload(weights: bytes, payload: dict[str, Any]) -> bytes:
    """``weights`` (a skops archive of the model's parts) with the payload in place of the sentiment head."""
    src = zipfile.ZipFile(io.BytesIO(weights))
    schema = json.loads(src.read("schema.json"))
    schema["content"]["sentiment"] = payload
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, json.dumps(schema) if name == "schema.json" else src.read(name))
    return out.getvalue()


def _model_file_with(weights: bytes, model_path: Path, out: Path) -> Path:
    """The model file at ``model_path`` with its weights replaced, the metadata's size and SHA-256 made to match."""
    with zipfile.ZipFile(model_path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    meta = json.loads(members["metadata.json"])
    meta.update(weights_sha256=hashlib.sha256(weights).hexdigest(), weights_bytes=len(weights))
    members.update({"metadata.json": json.dumps(meta).encode(), "weights.skops": weights})
    with zipfile.ZipFile(out, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return out


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "small.stance"
    train_small_model().save(path)
    return path


def _code(marker: Path) -> str:
    return f"open({str(marker)!r}, 'w').close()"


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_the_payloads_are_live_when_trusted(kind: str, model_path: Path, tmp_path: Path) -> None:
    """The test below means something only if the payload runs once skops is told to trust it."""
    import skops.io as sio

    marker = tmp_path / "ran"
    with zipfile.ZipFile(model_path) as zf:
        weights = _with_payload(zf.read("weights.skops"), PAYLOADS[kind](_code(marker)))
    untrusted = sio.get_untrusted_types(data=weights)
    assert "builtins.eval" in untrusted and "operator.call" in untrusted
    sio.loads(weights, trusted=untrusted)
    assert marker.exists(), f"the {kind} payload did not run even when trusted: the refusal test proves nothing"


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_a_skops_payload_calling_an_untrusted_function_is_refused_unrun(kind: str, model_path: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with zipfile.ZipFile(model_path) as zf:
        weights = _with_payload(zf.read("weights.skops"), PAYLOADS[kind](_code(marker)))
    bad = _model_file_with(weights, model_path, tmp_path / "bad.stance")
    assert read_metadata(bad)["weights_bytes"] == len(weights)  # the metadata is valid: refused for the payload, not a checksum
    error: ModelFormatError | None = None
    try:
        stance.load(str(bad))
    except ModelFormatError as exc:
        error = exc
    assert not marker.exists(), f"the {kind} payload ran while the model file was loaded"
    assert isinstance(error, UntrustedModelError), f"not refused as untrusted: {error!r}"
    assert "builtins.eval" in str(error)
    # trusting a harmless extra type changes nothing
    with pytest.raises(UntrustedModelError):
        stance.load(str(bad), trusted=["sklearn.tree._tree.Tree"])
    assert not marker.exists()
