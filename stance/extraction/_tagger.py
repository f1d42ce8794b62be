"""A small convolutional tagger that scores every token of a text as a possible cue, run with numpy alone.

The learned-cue pass (:func:`stance.extraction.learned.learned_pass`) scores a candidate word with a logistic
regression over hand features of the few words around it. The tagger reads further: word, suffix and shape
embeddings of each token and a few flags (in a quotation, sentence and paragraph starts, the lexicon's cue
share, a reporting verb, a candidate), then one convolution of width 5 and four convolutions of width 3 (dilation
1, 2, 4, 8) with residual connections, so each token sees 17 tokens on either side. Its
probability that a token anchors a PolNeAR cue is averaged with the linear one
(:attr:`~stance.extraction._model._Model.tagger_weight`).

It is trained with PyTorch by ``training/extraction_tagger.py`` on PolNeAR train; prediction needs only numpy.
The weights are a numpy archive (``stance/data/extraction_tagger.npz``, read with ``allow_pickle=False``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from stance.extraction import lexicon as L

TAGGER_FILE = Path(__file__).resolve().parent.parent / "data" / "extraction_tagger.npz"

#: Flags per token, in the order of the input columns after the embeddings.
N_FLAGS = 7
#: Longer texts are scored in overlapping windows of this many tokens (memory stays bounded).
WINDOW = 4096


def token_shape(t) -> str:
    """The shape class of a token: punctuation (by its first two characters), digits, all capitals, capitalised
    or lower case."""
    if not t.word:
        return "p" + t.text[:2]
    if t.text.isdigit():
        return "d"
    if t.text.isupper() and len(t.text) > 1:
        return "XX"
    return "Xx" if t.upper else "x"


def token_inputs(toks, sents, paragraphs, inq, cues: dict, is_candidate) -> dict:
    """The tagger's inputs for one text: lower-cased words, suffixes, shapes, the flag matrix and the
    candidate positions (``is_candidate(low, cues)``, as the learned-cue pass decides them)."""
    n = len(toks)
    sent_start = [0.0] * n
    sent_end = [0.0] * n
    for si, sj in sents:
        if si < n:
            sent_start[si] = 1.0
        if 0 < sj <= n:
            sent_end[sj - 1] = 1.0
    para_starts = {ps for ps, _ in paragraphs}
    rv = L.REPORTING_VERBS
    lows = [t.low for t in toks]
    cand = [(t.word or t.text == ":") and is_candidate(t.low, cues) for t in toks]
    flags = np.array([sent_start, sent_end, [float(q) for q in inq[:n]], [float(t.start in para_starts) for t in toks],
                      [cues.get(w, 0.0) for w in lows], [float(w in rv) for w in lows], [float(c) for c in cand]],
                     dtype=np.float32).reshape(N_FLAGS, n).T.copy()
    return {"low": lows, "suf": [w[-3:] for w in lows], "shape": [token_shape(t) for t in toks],
            "flags": flags, "cands": [i for i, c in enumerate(cand) if c]}


def _conv(x: np.ndarray, w: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
    """1-d convolution over rows with zero padding that keeps the length: ``w`` is (width * in, out), the
    input rows of tap ``j`` being ``w[j * in:(j + 1) * in]``; one matrix product over the shifted copies."""
    n, c = x.shape
    k = w.shape[0] // c
    pad = dilation * (k - 1) // 2
    xp = np.zeros((n + 2 * pad, c), dtype=x.dtype)
    xp[pad:pad + n] = x
    cols = np.empty((n, k * c), dtype=x.dtype)
    for j in range(k):
        cols[:, j * c:(j + 1) * c] = xp[j * dilation:j * dilation + n]
    out = cols @ w
    out += b
    return out


class Tagger:
    """The numpy forward pass of the tagger trained by ``training/extraction_tagger.py``."""

    def __init__(self, arrays) -> None:
        def vocab(key: str) -> dict[str, int]:
            return {w: i + 2 for i, w in enumerate(str(arrays[key]).split("\n"))} if str(arrays[key]) else {}

        self.vocab_word, self.vocab_suf, self.vocab_shape = vocab("vocab_word"), vocab("vocab_suf"), vocab("vocab_shape")
        #: how the file was made (recipe, training data, settings, versions, cross-validated scores)
        self.meta: dict = json.loads(str(arrays["meta"])) if "meta" in arrays else {}
        self.emb_word = arrays["emb_word"].astype(np.float32)
        self.emb_suf = arrays["emb_suf"].astype(np.float32)
        self.emb_shape = arrays["emb_shape"].astype(np.float32)
        self.layers = []
        # how many tokens on either side can change a token's score: (width - 1) / 2 * dilation per layer
        self._reach = 0
        k = 0
        while f"conv{k}_w" in arrays:
            w = arrays[f"conv{k}_w"]  # (width, in, out)
            d = int(arrays[f"conv{k}_dilation"])
            self.layers.append((np.ascontiguousarray(w.reshape(-1, w.shape[2]), dtype=np.float32),
                                arrays[f"conv{k}_b"].astype(np.float32), d))
            self._reach += (w.shape[0] - 1) // 2 * d
            k += 1
        self.head_w = np.ascontiguousarray(arrays["head_w"], dtype=np.float32)
        self.head_b = float(arrays["head_b"])
        if len(self.vocab_word) + 2 != len(self.emb_word) or not self.layers:
            raise ValueError("extraction tagger file is inconsistent: vocabulary and embeddings differ in size, "
                             "or it holds no layers; rebuild it with training/extraction_tagger.py")

    @classmethod
    def load(cls, path: str | Path = TAGGER_FILE) -> Tagger:
        """Read a tagger file (``allow_pickle=False``); a damaged or incomplete one raises
        :class:`~stance.exceptions.ModelFormatError` naming the file."""
        from stance.exceptions import ModelFormatError

        try:
            with np.load(path, allow_pickle=False) as z:
                return cls({k: z[k] for k in z.files})
        except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile) as e:
            raise ModelFormatError(f"cannot read the extraction tagger {str(path)!r}: {e}; reinstall the package or "
                                   "rebuild the file with training/extraction_tagger.py") from e

    def probs(self, inputs: dict) -> np.ndarray:
        """Probability, for every token, that it anchors a cue. A long text is scored in windows of
        :data:`WINDOW` tokens, each with the receptive field's reach of context on either side, so memory stays bounded and
        the scores are those of one pass over the whole text (up to float rounding)."""
        n = len(inputs["low"])
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        vw, vs, vh = self.vocab_word, self.vocab_suf, self.vocab_shape
        x = np.concatenate([
            self.emb_word[[vw.get(w, 1) for w in inputs["low"]]],
            self.emb_suf[[vs.get(w, 1) for w in inputs["suf"]]],
            self.emb_shape[[vh.get(w, 1) for w in inputs["shape"]]],
            inputs["flags"],
        ], axis=1)
        if n <= WINDOW:
            return self._forward(x)
        out = np.empty(n, dtype=np.float32)
        margin = self._reach
        for lo in range(0, n, WINDOW):
            hi = min(n, lo + WINDOW)
            a, b = max(0, lo - margin), min(n, hi + margin)
            out[lo:hi] = self._forward(x[a:b])[lo - a:hi - a]
        return out

    def _forward(self, x: np.ndarray) -> np.ndarray:
        w, b, d = self.layers[0]
        h = np.maximum(_conv(x, w, b, d), 0.0)
        for w, b, d in self.layers[1:]:
            h += np.maximum(_conv(h, w, b, d), 0.0)
        z = h @ self.head_w + self.head_b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
