"""A small pretrained transformer, fine-tuned for stance toward a target, run with numpy alone.

The default model can carry a :class:`PairEncoder`: a 6-layer MiniLM (all-MiniLM-L6-v2, Apache-2.0, 22.7M
parameters) fine-tuned by ``training/encoder_model.py`` on the default model's stance corpora, with a linear
layer over the mean of its last hidden states. It reads the statement and the target together, so it can tell
which of several people a word of praise or blame is about, which the linear model's n-gram features cannot.

Nothing here needs PyTorch: the forward pass is a few numpy matrix products per layer, and the uncased
WordPiece tokenizer is implemented below. The weights travel inside the model file as int8 matrices with one
float scale per row (dequantized once at load), in a numpy archive read with ``allow_pickle=False``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from stance.exceptions import InputError

__all__ = ["PairEncoder", "WordPiece", "encoder_input", "MAX_TOKENS", "EXTRA_INPUTS"]

#: Longest input (statement and target with their special tokens) the encoder reads; longer statements are cut.
MAX_TOKENS = 128
#: Word pieces (with padding) per forward batch, and most rows per batch: measured on NewsMTSC sentences with
#: ONNX Runtime, 768 ran 369 statements/s against 359 for fixed batches of 16 and 289 for fixed batches of 32 in
#: chunks of 256 (benchmarks/bench_encoder_batching.py).
BATCH_TOKENS = 768
BATCH_ROWS = 64


#: Optional inputs an encoder can be trained to read beside the statement and the target (:attr:`PairEncoder.inputs`).
EXTRA_INPUTS = ("speaker", "context")
#: Prefix of the optional speaker layer's arrays (``speaker_head.weight``, ``speaker_head.bias``): a second stance layer
#: over the same pooled states, for statements whose speaker is named (:attr:`PairEncoder.has_speaker_layer`).
SPEAKER_HEAD = "speaker_head"


def encoder_input(
    text: str, target: str, aliases: Sequence[str] = (), span: tuple[int, int] | None = None, *, find: bool = True,
    speaker: str | None = None, context: str | None = None, inputs: Sequence[str] = (),
) -> tuple[str, str]:
    """The two segments the encoder reads: the statement with the target's mention in brackets, and the target
    with its aliases.

    The mention is the one at ``span`` when given; otherwise, with ``find``, every full mention of the target or an
    alias that :func:`stance.text.find_mentions` finds (the linear featurizer's matcher). The shipped encoder was
    trained with brackets at given spans only (NewsMTSC's offsets, ``find=False``); bracketing found mentions at
    prediction time scored the same on the dev parts (68.97 against 69.11 mean macro F1) and much better on the
    behavioural checks (70.1% against 61.8%), see docs/any-target.md.
    """
    if span is not None:
        s, e = span
        text = f"{text[:s]}[ {text[s:e]} ]{text[e:]}"
    elif find:
        from stance.text import find_mentions, tokenize

        toks = tokenize(text)
        full, _ = find_mentions(toks, target, tuple(aliases))
        if full:
            out, last = [], 0
            for i, j in full:
                s, e = toks[i].start, toks[j - 1].end
                out.append(f"{text[last:s]}[ {text[s:e]} ]")
                last = e
            text = "".join(out) + text[last:]
    second = target if not aliases else target + " , " + " , ".join(aliases)
    if "speaker" in inputs:
        second += f" ; speaker : {speaker.strip() if speaker and speaker.strip() else 'none'}"
    if "context" in inputs and context and context.strip():
        second += f" ; before : {' '.join(context.split())}"
    return text, second


# ---------------------------------------------------------------------------------------------- tokenizer
def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPiece:
    """BERT's uncased tokenizer: clean, split on whitespace and punctuation, lowercase, strip accents, then
    greedy longest-match word pieces (``##`` marks a piece inside a word)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = {w: i for i, w in enumerate(vocab)}
        self.unk = self.vocab["[UNK]"]
        self.cls, self.sep, self.pad = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[PAD]"]
        self._words: dict[str, list[int]] = {}

    def _basic(self, text: str) -> list[str]:
        if not text.isascii():
            out = []
            for ch in text:
                cp = ord(ch)
                cat = unicodedata.category(ch)
                if cp == 0 or cp == 0xFFFD or (cat in ("Cc", "Cf") and ch not in "\t\n\r"):
                    continue
                out.append(f" {ch} " if _is_cjk(cp) else " " if cat == "Zs" else ch)
            text = "".join(out)
        words: list[str] = []
        for w in text.lower().split():
            if not w.isascii():
                w = "".join(c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn")
            if w.isalnum():
                words.append(w)
                continue
            cur: list[str] = []
            for c in w:
                if _is_punct(c):
                    if cur:
                        words.append("".join(cur))
                        cur = []
                    words.append(c)
                else:
                    cur.append(c)
            if cur:
                words.append("".join(cur))
        return words

    def _word(self, w: str) -> list[int]:
        got = self._words.get(w)
        if got is not None:
            return got
        got = []
        if len(w) > 100:
            got = [self.unk]
        else:
            vocab, i, n = self.vocab, 0, len(w)
            while i < n:
                j = n
                piece = None
                while j > i:
                    piece = vocab.get(w[i:j] if i == 0 else "##" + w[i:j])
                    if piece is not None:
                        break
                    j -= 1
                if piece is None:
                    got = [self.unk]
                    break
                got.append(piece)
                i = j
        if len(self._words) > 200_000:
            self._words.clear()
        self._words[w] = got
        return got

    def ids(self, text: str) -> list[int]:
        """The word-piece ids of ``text`` (no special tokens)."""
        out: list[int] = []
        for w in self._basic(text):
            out += self._word(w)
        return out

    def pair(self, first: str, second: str, max_len: int = MAX_TOKENS) -> tuple[list[int], int]:
        """``[CLS] first [SEP] second [SEP]`` cut to ``max_len`` (the longer segment loses its tail first), and the
        length of the first part (with ``[CLS]`` and its ``[SEP]``), where the token types switch to 1."""
        ids, first_len, _ = self.pair_cut(first, second, max_len)
        return ids, first_len

    def pair_cut(self, first: str, second: str, max_len: int = MAX_TOKENS) -> tuple[list[int], int, bool]:
        """:meth:`pair`, and whether the pair had to be cut to fit ``max_len``."""
        a, b = self.ids(first), self.ids(second)
        room = max_len - 3
        cut = len(a) + len(b) > room
        if cut:
            # longest first: the longer segment loses tokens until both are as long, then the first one first
            if 2 * min(len(a), len(b)) <= room:
                keep_a = len(a) if len(a) <= len(b) else room - len(b)
            else:
                keep_a = room // 2
            a, b = a[:keep_a], b[: room - keep_a]
        return [self.cls, *a, self.sep, *b, self.sep], len(a) + 2, cut


# ---------------------------------------------------------------------------------------------- encoder
def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    x = x - mu
    var = (x * x).mean(-1, keepdims=True)
    return x / np.sqrt(var + 1e-12) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))


#: Matrices quantized to fewer levels than int8's 127 each side (still stored as int8, which the archive's
#: compression then packs tighter): the word-piece embeddings, half of the encoder's parameters, at 63 levels
#: (7 bits; 1.5% relative error, 1.5 MB smaller; outputs checked on the dev scores).
LEVELS = {"embeddings.word_embeddings.weight": 63}


def quantize(weights: dict[str, np.ndarray], levels: dict[str, int] | None = None) -> dict[str, np.ndarray]:
    """int8 matrices with one float32 scale per row (``name`` and ``name.scale``), at 127 levels each side of zero
    or as ``levels`` (default :data:`LEVELS`) says; vectors stay float32."""
    levels = LEVELS if levels is None else levels
    out: dict[str, np.ndarray] = {}
    for k, v in weights.items():
        v = np.asarray(v, dtype=np.float32)
        if v.ndim == 2:
            scale = np.abs(v).max(axis=1, keepdims=True) / float(levels.get(k, 127))
            scale[scale == 0] = 1.0
            out[k] = np.round(v / scale).astype(np.int8)
            out[k + ".scale"] = scale.astype(np.float32)
        else:
            out[k] = v
    return out


def _dequantize(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for k, v in arrays.items():
        if k.endswith(".scale"):
            continue
        if v.dtype == np.int8:
            out[k] = v.astype(np.float32) * arrays[k + ".scale"]
        else:
            out[k] = v.astype(np.float32, copy=False)
    return out


def _resolve_runtime(runtime: str, threads: int | None) -> str:
    """``runtime`` with ``"auto"`` resolved (``"onnxruntime"`` when it can be imported, else ``"numpy"``), after
    checking it and ``threads``."""
    from stance.encoder_runtime import RUNTIMES, available

    if runtime not in RUNTIMES:
        raise InputError(f"runtime={runtime!r}; give one of {', '.join(map(repr, RUNTIMES))}")
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InputError(f"threads={threads!r}; give a whole number of threads, 1 or more (or None for the CPUs available)")
    if runtime == "numpy":
        return "numpy"
    if available():
        return "onnxruntime"
    if runtime == "onnxruntime":
        raise InputError("runtime='onnxruntime' but onnxruntime or onnx is not installed: pip install onnxruntime onnx, "
                         "or give runtime='auto' to fall back to numpy")
    return "numpy"


def _kept_piece(piece: str) -> bool:
    """Whether a word piece is kept in a stored encoder: the special tokens, and pieces of Latin-script text
    (letters up to Latin Extended-B, digits, punctuation and symbols outside the CJK ranges); not BERT's
    ``[unusedN]`` slots."""
    if piece.startswith("[unused"):
        return False
    if piece.startswith("[") and piece.endswith("]") and len(piece) > 2:
        return True
    body = piece[2:] if piece.startswith("##") else piece
    return all(ord(c) < 0x250 or (unicodedata.category(c)[0] in "PSNZ" and ord(c) < 0x3000) for c in body)


class PairEncoder:
    """The fine-tuned encoder with its classification layer: ``predict_proba(firsts, seconds)``.

    Built from the arrays of :meth:`to_bytes` (weights, vocabulary, labels, number of heads).

    ``runtime`` runs the transformer layers: ``"onnxruntime"`` (:mod:`stance.encoder_runtime`, about four times
    faster, same outputs to about 1e-5), ``"numpy"``, or ``"auto"``: ONNX Runtime when it is installed, else numpy.
    ``threads`` caps the threads of either (default: ONNX Runtime uses the CPUs this process may run on; the numpy
    pass one BLAS thread, since an OpenBLAS pool that shares its cores with other work slows down many times over).
    """

    def __init__(self, arrays: dict[str, np.ndarray], data: bytes | None = None, *, runtime: str = "auto",
                 threads: int | None = None) -> None:
        #: The runtime of the forward pass, ``"onnxruntime"`` or ``"numpy"`` (``"auto"`` resolved).
        self.runtime = _resolve_runtime(runtime, threads)
        #: Threads asked for (``None``: the runtime's default, see the class docstring).
        self.threads = threads
        self._ort: Any = None
        self._arrays = arrays if data is None else None
        self._data = data
        self.labels = [str(x) for x in arrays["labels"].tolist()]
        #: Labels of the optional sentiment output layer (empty without one).
        self.sentiment_labels = [str(x) for x in arrays["sentiment_labels"].tolist()] if "sentiment_labels" in arrays else []
        self.heads = int(arrays["n_heads"])
        #: The extra inputs this encoder was trained to read (:data:`EXTRA_INPUTS`; empty for encoders stored before them).
        self.inputs: tuple[str, ...] = tuple(str(x) for x in arrays["inputs"].tolist()) if "inputs" in arrays else ()
        self.tokenizer = WordPiece([str(x) for x in arrays["vocab"].tolist()])
        self.w = _dequantize({k: v for k, v in arrays.items() if k not in ("labels", "sentiment_labels", "n_heads", "vocab", "inputs")})
        self.n_layers = 1 + max(int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer."))
        p = "encoder.layer.{}."
        self._layers = [
            tuple(
                self.w[p.format(i) + n]
                for n in (
                    "attention.self.qkv.weight",
                    "attention.self.qkv.bias",
                    "attention.output.dense.weight",
                    "attention.output.dense.bias",
                    "attention.output.LayerNorm.weight",
                    "attention.output.LayerNorm.bias",
                    "intermediate.dense.weight",
                    "intermediate.dense.bias",
                    "output.dense.weight",
                    "output.dense.bias",
                    "output.LayerNorm.weight",
                    "output.LayerNorm.bias",
                )
            )
            for i in range(self.n_layers)
        ]

    @property
    def has_speaker_layer(self) -> bool:
        """Whether the encoder has a second stance layer, trained on statements whose speaker is named to give the
        speaker's own side (:data:`SPEAKER_HEAD`; its labels are :attr:`labels`)."""
        return SPEAKER_HEAD + ".weight" in self.w

    # -------------------------------------------------------------- (de)serialization
    @staticmethod
    def arrays_from_state(
        state: dict[str, np.ndarray],
        head_w: np.ndarray,
        head_b: np.ndarray,
        labels: Sequence[str],
        vocab: Sequence[str],
        n_heads: int,
        *,
        sentiment: tuple[np.ndarray, np.ndarray, Sequence[str]] | None = None,
        quantized: bool = True,
        inputs: Sequence[str] = (),
    ) -> dict[str, np.ndarray]:
        """Arrays for :class:`PairEncoder` from a BERT state dict (names as in ``transformers``' ``BertModel``):
        query, key and value matrices stacked into one, int8-quantized (:func:`quantize`) unless ``quantized`` is
        false (full precision, to check the runtime). ``sentiment`` is an optional second output layer (weights,
        bias, labels) over the same pooled states."""
        w: dict[str, np.ndarray] = {}
        for k, v in state.items():
            if k.endswith("position_ids") or k.startswith("pooler."):
                continue
            w[k] = np.asarray(v, dtype=np.float32)
        # only the positions the encoder reads, and only the word pieces of Latin-script text (the model is for
        # English; text in other scripts is flagged non_latin_script): smaller files, same outputs on such text
        w["embeddings.position_embeddings.weight"] = w["embeddings.position_embeddings.weight"][:MAX_TOKENS]
        keep = [i for i, t in enumerate(vocab) if _kept_piece(t)]
        w["embeddings.word_embeddings.weight"] = w["embeddings.word_embeddings.weight"][keep]
        vocab = [vocab[i] for i in keep]
        for i in range(1 + max(int(k.split(".")[2]) for k in w if k.startswith("encoder.layer."))):
            p = f"encoder.layer.{i}.attention.self."
            w[p + "qkv.weight"] = np.concatenate([w.pop(p + n + ".weight") for n in ("query", "key", "value")])
            w[p + "qkv.bias"] = np.concatenate([w.pop(p + n + ".bias") for n in ("query", "key", "value")])
        w["head.weight"] = np.asarray(head_w, dtype=np.float32)
        w["head.bias"] = np.asarray(head_b, dtype=np.float32)
        if sentiment is not None:
            w["sentiment_head.weight"] = np.asarray(sentiment[0], dtype=np.float32)
            w["sentiment_head.bias"] = np.asarray(sentiment[1], dtype=np.float32)
        out = quantize(w) if quantized else w
        out["labels"] = np.array(list(labels))
        if sentiment is not None:
            out["sentiment_labels"] = np.array(list(sentiment[2]))
        out["vocab"] = np.array(list(vocab))
        out["n_heads"] = np.array(n_heads)
        unknown = [x for x in inputs if x not in EXTRA_INPUTS]
        if unknown:
            raise InputError(f"inputs {unknown} are not among {EXTRA_INPUTS}")
        if inputs:
            out["inputs"] = np.array(list(inputs))
        return out

    @classmethod
    def from_bytes(cls, data: bytes, *, runtime: str = "auto", threads: int | None = None) -> PairEncoder:
        """The encoder stored by :meth:`to_bytes` (a numpy archive, read without pickle); ``runtime`` and ``threads``
        as in the class."""
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files}, data, runtime=runtime, threads=threads)

    def with_runtime(self, runtime: str = "auto", threads: int | None = None) -> PairEncoder:
        """This encoder (the same weights, shared, not copied) run by ``runtime`` with ``threads``."""
        other = copy.copy(self)
        other.runtime, other.threads, other._ort = _resolve_runtime(runtime, threads), threads, None
        return other

    @property
    def data(self) -> bytes:
        """This encoder as stored in a model file."""
        if self._data is None:
            assert self._arrays is not None
            self._data = self.to_bytes(self._arrays)
            self._arrays = None
        return self._data

    @staticmethod
    def to_bytes(arrays: dict[str, np.ndarray]) -> bytes:
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
        return buf.getvalue()

    # -------------------------------------------------------------- forward pass
    def _encode(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean of the last hidden states over the real tokens, shape ``(batch, hidden)``, by :attr:`runtime`."""
        if self.runtime == "onnxruntime":
            from stance.encoder_runtime import OrtEncoder, build_once, default_threads

            ort = build_once(self, "_ort", lambda: OrtEncoder(self.w, self._layers, self.heads, self.threads or default_threads()))
            return ort.encode(ids, types, mask)  # type: ignore[no-any-return]
        return self._encode_numpy(ids, types, mask)

    def _blas_threads(self) -> Any:
        """A context that caps the BLAS threads of the numpy pass (:attr:`threads`, default 1); nothing for ONNX Runtime."""
        if self.runtime != "numpy":
            return contextlib.nullcontext()
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=self.threads or 1, user_api="blas")

    def _encode_numpy(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """:meth:`_encode` with numpy matrix products."""
        w = self.w
        n, length = ids.shape
        h = w["embeddings.word_embeddings.weight"][ids]
        h += w["embeddings.position_embeddings.weight"][:length]
        h += w["embeddings.token_type_embeddings.weight"][types]
        h = _layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        dim = h.shape[-1]
        nh = self.heads
        hd = dim // nh
        bias = np.where(mask[:, None, None, :], np.float32(0.0), np.float32(-1e9))
        scale = np.float32(1.0 / np.sqrt(hd))
        for qkv_w, qkv_b, ao_w, ao_b, ln1_g, ln1_b, in_w, in_b, out_w, out_b, ln2_g, ln2_b in self._layers:
            qkv = h @ qkv_w.T + qkv_b
            q = qkv[..., :dim].reshape(n, length, nh, hd).transpose(0, 2, 1, 3)
            k = qkv[..., dim : 2 * dim].reshape(n, length, nh, hd).transpose(0, 2, 3, 1)
            v = qkv[..., 2 * dim :].reshape(n, length, nh, hd).transpose(0, 2, 1, 3)
            s = (q @ k) * scale + bias
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
            h = _layer_norm(h + ctx @ ao_w.T + ao_b, ln1_g, ln1_b)
            h = _layer_norm(h + _gelu(h @ in_w.T + in_b) @ out_w.T + out_b, ln2_g, ln2_b)
        m = mask[..., None].astype(np.float32)
        return (h * m).sum(1) / m.sum(1)

    def predict_proba(self, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
        """Label probabilities (columns in ``labels`` order) of each (statement, target) pair, in input order."""
        return self.predict(firsts, seconds)[0]

    def predict(self, firsts: Sequence[str], seconds: Sequence[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """Stance probabilities (columns in ``labels`` order) and, when the encoder has a sentiment layer,
        sentiment probabilities (``sentiment_labels`` order; else ``None``) of each pair, from one forward pass."""
        stance, sentiment, _ = self.forward(firsts, seconds)
        return stance, sentiment

    def forward(self, firsts: Sequence[str], seconds: Sequence[str], *, on_batch: Callable[[int], None] | None = None,
                batch_tokens: int = BATCH_TOKENS, batch_rows: int = BATCH_ROWS, speaker_rows: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """:meth:`predict`, and a boolean array: which pairs were longer than :data:`MAX_TOKENS` word pieces and
        were read in part (the longer segment, usually the statement, loses its tail). The stance probabilities of
        the pairs where ``speaker_rows`` (booleans, one per pair) is true come from the speaker layer
        (:attr:`has_speaker_layer`).

        Pairs run sorted by length, in batches of at most ``batch_tokens`` word pieces with padding (and at most
        ``batch_rows`` rows), so that little work goes to padding; ``on_batch(n)`` is called after each batch of
        ``n`` pairs (for progress)."""
        pooled, cut = self.pool(firsts, seconds, on_batch=on_batch, batch_tokens=batch_tokens, batch_rows=batch_rows)
        stance = _softmax(pooled @ self.w["head.weight"].T + self.w["head.bias"])
        if speaker_rows is not None and np.any(speaker_rows):
            if not self.has_speaker_layer:
                raise InputError("this encoder has no speaker layer; read every pair with its stance layer (speaker_rows=None)")
            rows = np.asarray(speaker_rows, dtype=bool)
            stance[rows] = _softmax(pooled[rows] @ self.w[SPEAKER_HEAD + ".weight"].T + self.w[SPEAKER_HEAD + ".bias"])
        if not self.sentiment_labels:
            return stance, None, cut
        return stance, _softmax(pooled @ self.w["sentiment_head.weight"].T + self.w["sentiment_head.bias"]), cut

    def pool(self, firsts: Sequence[str], seconds: Sequence[str], *, on_batch: Callable[[int], None] | None = None,
             batch_tokens: int = BATCH_TOKENS, batch_rows: int = BATCH_ROWS) -> tuple[np.ndarray, np.ndarray]:
        """The mean-pooled states of each pair (what the output layers read; one row per pair, in input order) and
        which pairs were read in part, as in :meth:`forward`."""
        tok = self.tokenizer
        cut_pairs = [tok.pair_cut(a, b) for a, b in zip(firsts, seconds)]
        encoded = [(ids, first_len) for ids, first_len, _ in cut_pairs]
        cut = np.array([c for _, _, c in cut_pairs], dtype=bool)
        pooled = np.zeros((len(encoded), self.w["head.weight"].shape[1]), dtype=np.float32)
        with self._blas_threads():
            self._run_batches(encoded, pooled, _length_batches([len(ids) for ids, _ in encoded], batch_tokens, batch_rows), on_batch)
        return pooled, cut

    def _run_batches(self, encoded: list[tuple[list[int], int]], pooled: np.ndarray, batches: list[list[int]],
                     on_batch: Callable[[int], None] | None) -> None:
        """Fill ``pooled`` batch by batch (padded word-piece ids, token types and mask for each)."""
        tok = self.tokenizer
        for idx in batches:
            length = max(len(encoded[i][0]) for i in idx)
            ids = np.full((len(idx), length), tok.pad, dtype=np.int64)
            types = np.zeros((len(idx), length), dtype=np.int64)
            mask = np.zeros((len(idx), length), dtype=bool)
            for r, i in enumerate(idx):
                seq, first_len = encoded[i]
                ids[r, : len(seq)] = seq
                types[r, first_len : len(seq)] = 1
                mask[r, : len(seq)] = True
            pooled[idx] = self._encode(ids, types, mask)
            if on_batch is not None:
                on_batch(len(idx))


def _length_batches(lengths: Sequence[int], budget: int = BATCH_TOKENS, max_rows: int = BATCH_ROWS) -> list[list[int]]:
    """Indices of ``lengths`` sorted by length, cut into batches whose rows times longest length stays within
    ``budget`` (a longer row alone when it does not fit) and whose rows number at most ``max_rows``."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    cur: list[int] = []
    for i in order:  # ascending: the row being added is the longest of its batch
        if cur and (len(cur) >= max_rows or lengths[i] * (len(cur) + 1) > budget):
            batches.append(cur)
            cur = []
        cur.append(i)
    if cur:
        batches.append(cur)
    return batches


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits.astype(np.float64)
    logits -= logits.max(1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(1, keepdims=True)
