"""The encoder's forward pass on ONNX Runtime: the same arithmetic as the numpy pass, about four times faster.

:class:`stance.encoder.PairEncoder` runs its transformer layers here when ``onnxruntime`` (and ``onnx``, which
builds the graph) can be imported, and with numpy otherwise. Nothing is downloaded or read from disk: the graph is
built in memory from the encoder's own (dequantized) weights, which ONNX Runtime reads in place as external
initializers, so building a session takes about a tenth of a second. The graph uses ONNX Runtime's fused
transformer kernels (``EmbedLayerNormalization``, ``Attention``, ``SkipLayerNormalization``, ``BiasGelu``) in full
float32 precision: the pooled states agree with the numpy pass to about 1e-5 (see ``tests/unit/test_encoder_runtime.py``
and docs/any-target.md for the measurement, and for int8 matrix products, measured and not used).

Threads are set explicitly (``threads``, default: the CPUs this process may use) and the pool does not spin while
waiting, so a busy machine slows the pass down by about the share of the cores it takes, not thirty-fold as an
oversubscribed BLAS pool does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["RUNTIMES", "available", "default_threads", "OrtEncoder"]

#: The forward-pass runtimes :func:`stance.load` accepts: ``auto`` (ONNX Runtime when installed, else numpy).
RUNTIMES = ("auto", "onnxruntime", "numpy")


def available() -> bool:
    """Whether ONNX Runtime and onnx (to build the graph) are installed (found, not imported: importing them takes
    about half a second, paid at the first forward pass instead of at load)."""
    from importlib.util import find_spec

    return find_spec("onnxruntime") is not None and find_spec("onnx") is not None


def default_threads() -> int:
    """The number of CPUs this process may run on (its affinity mask, where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


#: The weights of one transformer layer, in the order :class:`stance.encoder.PairEncoder` keeps them.
_LAYER_PARTS = ("qkv_w", "qkv_b", "ao_w", "ao_b", "ln1_g", "ln1_b", "in_w", "in_b", "out_w", "out_b", "ln2_g", "ln2_b")


class _GraphBuilder:
    """Collects nodes and external initializers for one graph (names are generated, weights kept by reference)."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.arrays: dict[str, np.ndarray] = {}
        self._n = 0

    def weight(self, name: str, array: np.ndarray) -> str:
        from onnx import TensorProto

        array = np.ascontiguousarray(array, dtype=np.float32)
        t = TensorProto()
        t.name, t.data_type, t.data_location = name, TensorProto.FLOAT, TensorProto.EXTERNAL
        t.dims.extend(array.shape)
        for key, value in (("location", "in-memory"), ("offset", "0"), ("length", str(array.nbytes))):
            entry = t.external_data.add()
            entry.key, entry.value = key, value
        self.initializers.append(t)
        self.arrays[name] = array
        return name

    def constant(self, name: str, values: Sequence[int]) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.asarray(values, dtype=np.int64), name))
        return name

    def node(self, op: str, inputs: Sequence[str], *, outputs: int = 1, domain: str | None = None, **attrs: Any) -> list[str]:
        from onnx import helper

        self._n += 1
        names = [f"n{self._n}_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op, list(inputs), names, domain=domain, **attrs))
        return names


def _graph(weights: dict[str, np.ndarray], layers: Sequence[Sequence[np.ndarray]], heads: int,
           int8: Sequence[str] = ()) -> tuple[bytes, dict[str, np.ndarray]]:
    """The serialized graph (ids, token types, mask: int32 ``(batch, length)`` → mean-pooled last hidden states) and
    the arrays its external initializers name."""
    from onnx import TensorProto, helper, numpy_helper

    g = _GraphBuilder()
    ms = "com.microsoft"
    h = g.node(
        "EmbedLayerNormalization",
        ["ids", "types", g.weight("word", weights["embeddings.word_embeddings.weight"]),
         g.weight("position", weights["embeddings.position_embeddings.weight"]),
         g.weight("token_type", weights["embeddings.token_type_embeddings.weight"]),
         g.weight("emb_ln_g", weights["embeddings.LayerNorm.weight"]), g.weight("emb_ln_b", weights["embeddings.LayerNorm.bias"]), "mask"],
        outputs=2, domain=ms, epsilon=1e-12,
    )[0]
    for i, layer in enumerate(layers):
        p = dict(zip(_LAYER_PARTS, layer))
        w = {k: g.weight(f"l{i}.{k}", v.T if k.endswith("_w") else v) for k, v in p.items() if k not in int8}  # MatMul wants (in, out)

        def matmul(x: str, k: str) -> str:
            if k not in int8:
                return g.node("MatMul", [x, w[k]])[0]
            scale = np.abs(p[k]).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            q = np.round(p[k] / scale[:, None]).astype(np.int8).T
            g.initializers.append(numpy_helper.from_array(np.ascontiguousarray(q), f"l{i}.{k}.int8"))
            g.initializers.append(numpy_helper.from_array(scale.astype(np.float32), f"l{i}.{k}.scale"))
            return g.node("DynamicQuantizeMatMul", [x, f"l{i}.{k}.int8", f"l{i}.{k}.scale"], domain=ms)[0]

        ctx = g.node("Attention", [h, w["qkv_w"], w["qkv_b"], "mask"], domain=ms, num_heads=heads)[0]
        a = matmul(ctx, "ao_w")
        h = g.node("SkipLayerNormalization", [a, h, w["ln1_g"], w["ln1_b"], w["ao_b"]], domain=ms, epsilon=1e-12)[0]
        x = matmul(h, "in_w")
        x = g.node("BiasGelu", [x, w["in_b"]], domain=ms)[0]
        x = matmul(x, "out_w")
        h = g.node("SkipLayerNormalization", [x, h, w["ln2_g"], w["ln2_b"], w["out_b"]], domain=ms, epsilon=1e-12)[0]
    m = g.node("Unsqueeze", [g.node("Cast", ["mask"], to=TensorProto.FLOAT)[0], g.constant("axis2", [2])])[0]
    summed = g.node("ReduceSum", [g.node("Mul", [h, m])[0], g.constant("axis1", [1])], keepdims=0)[0]
    count = g.node("ReduceSum", [m, "axis1"], keepdims=0)[0]
    g.nodes.append(helper.make_node("Div", [summed, count], ["pooled"]))
    dim = weights["embeddings.word_embeddings.weight"].shape[1]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT32, ["batch", "length"]) for n in ("ids", "types", "mask")]
    graph = helper.make_graph(g.nodes, "stance_pair_encoder", inputs,
                              [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", dim])], g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ms, 1)],
                              producer_name="stance")
    return model.SerializeToString(), g.arrays


class OrtEncoder:
    """An ONNX Runtime session over a :class:`stance.encoder.PairEncoder`'s layers: :meth:`encode` is the drop-in
    for its numpy ``_encode``.

    Parameters
    ----------
    weights, layers, heads
        The encoder's dequantized weights by name, its layers' weights (``PairEncoder._layers``) and its number of
        attention heads.
    threads : int
        Intra-op threads (at least 1).
    """

    def __init__(self, weights: dict[str, np.ndarray], layers: Sequence[Sequence[np.ndarray]], heads: int, threads: int,
                 int8: Sequence[str] = ()) -> None:
        import onnxruntime as ort

        if threads < 1:
            raise ValueError(f"threads={threads!r}; give 1 or more")
        data, arrays = _graph(weights, layers, heads, int8)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        # waiting threads sleep instead of spinning: on a machine busy with other work, spinning threads steal the
        # cores the working ones need (measured in benchmarks/bench_encoder.py)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._values = [ort.OrtValue.ortvalue_from_numpy(a) for a in arrays.values()]  # ORT reads these in place: keep them
        options.add_external_initializers(list(arrays), self._values)
        self._session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        self.threads = threads

    def encode(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean of the last hidden states over the real tokens, shape ``(batch, hidden)``."""
        feed = {"ids": ids.astype(np.int32), "types": types.astype(np.int32), "mask": mask.astype(np.int32)}
        out = self._session.run(["pooled"], feed)[0]
        return np.asarray(out, dtype=np.float32)


_BUILD_LOCK = threading.Lock()


def build_once(holder: Any, attr: str, make: Any) -> Any:
    """``getattr(holder, attr)``, made with ``make()`` by the first caller when it is ``None`` (thread-safe)."""
    got = getattr(holder, attr)
    if got is None:
        with _BUILD_LOCK:
            got = getattr(holder, attr)
            if got is None:
                got = make()
                setattr(holder, attr, got)
    return got
