"""Train the convolutional cue tagger of the statement extractor on PolNeAR train (never dev).

The tagger (:mod:`stance.extraction._tagger`, run with numpy at prediction time) scores every token as the
possible anchor of a cue, from about 17 tokens on either side; the learned-cue pass averages its score with the
linear cue model's (``training/extraction_model.py``). Two heads are trained together: "this token anchors a
gold cue" (the anchor as in ``training/extraction_cues.py``) and the token's PolNeAR role (source / cue /
content / none), which only helps training and is not exported.

Needs PyTorch (training only; ``pip install torch==2.13.0``). Writes ``stance/data/extraction_tagger.npz``
(float16 weights, vocabularies as text; no pickle). The settings below were chosen by 5-fold CV on train
(``training/extraction_cnn_cues.py``). Training is seeded, but PyTorch does not promise the same
floating-point results on other machines or versions, so a rebuild gives a tagger that is close, not identical.

Usage (about 5 minutes on 2 cores)::

    python training/extraction_tagger.py [--data-dir DIR] [--output stance/data/extraction_tagger.npz]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cues import gold_anchors  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction._tagger import N_FLAGS, TAGGER_FILE, Tagger, token_inputs  # noqa: E402
from stance.extraction.document import Document  # noqa: E402
from stance.extraction.polnear import load_polnear  # noqa: E402

ROLES = ("none", "source", "cue", "content")


@dataclass(frozen=True)
class Settings:
    epochs: int = 15
    channels: int = 128
    dropout: float = 0.25
    lr: float = 2e-3
    dilations: tuple[int, ...] = (1, 2, 4, 8)
    role_weight: float = 0.5
    batch: int = 8


def roles(article, toks) -> list[int]:
    """PolNeAR's role of each token (its annotation is univocal: at most one role per token)."""
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    out = [0] * len(toks)
    for g in article.attributions:
        for r, spans in ((1, g.source), (2, g.cue), (3, g.content)):
            for s, e in spans or ():
                for i in range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)):
                    out[i] = r
    return out


def encode(articles, cues: dict) -> list[dict]:
    """Per article: the tagger's inputs (as at prediction time) and the gold labels."""
    docs = []
    for a in articles:
        doc = Document.from_text(a.text)
        toks = doc.tokens
        d = token_inputs(toks, doc.sentences, doc.paragraphs, doc.token_in_quote, cues, M.is_candidate)
        y = np.zeros(len(toks), dtype=np.float32)
        for i in gold_anchors(a, toks):
            y[i] = 1
        d["y"] = y
        d["role"] = np.array(roles(a, toks), dtype=np.int64)
        docs.append(d)
    return docs


class Vocab:
    """Items seen at least ``min_count`` times, numbered from 2 (0 pads, 1 is unknown)."""

    def __init__(self, items, min_count: int) -> None:
        c = Counter(items)
        self.items = sorted(w for w, m in c.items() if m >= min_count)
        self.ids = {w: k + 2 for k, w in enumerate(self.items)}

    def __len__(self) -> int:
        return len(self.items) + 2

    def __call__(self, seq) -> np.ndarray:
        return np.array([self.ids.get(w, 1) for w in seq], dtype=np.int64)


class TorchTagger(nn.Module):
    def __init__(self, n_word: int, n_suf: int, n_shape: int, s: Settings) -> None:
        super().__init__()
        self.word = nn.Embedding(n_word, 64, padding_idx=0)
        self.suf = nn.Embedding(n_suf, 16, padding_idx=0)
        self.shape = nn.Embedding(n_shape, 8, padding_idx=0)
        self.inp = nn.Conv1d(64 + 16 + 8 + N_FLAGS, s.channels, 5, padding=2)
        self.convs = nn.ModuleList([nn.Conv1d(s.channels, s.channels, 3, padding=d, dilation=d) for d in s.dilations])
        self.drop = nn.Dropout(s.dropout)
        self.anchor = nn.Conv1d(s.channels, 1, 1)
        self.role = nn.Conv1d(s.channels, len(ROLES), 1)
        self.dilations = s.dilations

    def forward(self, w, s, h, f):
        x = torch.cat([self.word(w), self.suf(s), self.shape(h), f], -1).transpose(1, 2)
        x = torch.relu(self.inp(self.drop(x)))
        for conv in self.convs:
            x = x + torch.relu(conv(self.drop(x)))
        return self.anchor(x).squeeze(1), self.role(x)


def batches(docs, vocabs, size: int, rng=None):
    vw, vs, vh = vocabs
    order = np.arange(len(docs)) if rng is None else rng.permutation(len(docs))
    for k in range(0, len(order), size):
        chunk = [docs[j] for j in order[k:k + size]]
        n = max(len(d["low"]) for d in chunk)
        W = np.zeros((len(chunk), n), dtype=np.int64)
        S, H = W.copy(), W.copy()
        F = np.zeros((len(chunk), n, N_FLAGS), dtype=np.float32)
        Y = np.zeros((len(chunk), n), dtype=np.float32)
        Rr = np.full((len(chunk), n), -100, dtype=np.int64)
        mask = np.zeros((len(chunk), n), dtype=np.float32)
        for r, d in enumerate(chunk):
            m = len(d["low"])
            W[r, :m], S[r, :m], H[r, :m] = vw(d["low"]), vs(d["suf"]), vh(d["shape"])
            F[r, :m], Y[r, :m], Rr[r, :m], mask[r, :m] = d["flags"], d["y"], d["role"], 1
        yield [torch.from_numpy(a) for a in (W, S, H, F, Y, Rr, mask)]


def train_tagger(docs: list[dict], s: Settings, seed: int = 0, progress: bool = True) -> tuple[TorchTagger, tuple]:
    """Train on encoded articles; returns the model and its (word, suffix, shape) vocabularies."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    vocabs = (Vocab((w for d in docs for w in d["low"]), 2), Vocab((w for d in docs for w in d["suf"]), 2),
              Vocab((w for d in docs for w in d["shape"]), 2))
    model = TorchTagger(*(len(v) for v in vocabs), s)
    opt = torch.optim.Adam(model.parameters(), lr=s.lr)
    bce = nn.BCEWithLogitsLoss(reduction="none")
    ce = nn.CrossEntropyLoss()
    for epoch in range(s.epochs):
        model.train()
        t0, total = time.time(), 0.0
        for W, S, H, F, Y, Rr, mask in batches(docs, vocabs, s.batch, rng):
            a, r = model(W, S, H, F)
            loss = (bce(a, Y) * mask).sum() / mask.sum() + s.role_weight * ce(r, Rr)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
        if progress and sys.stderr.isatty():
            print(f"  epoch {epoch + 1}/{s.epochs}: loss {total:.1f} ({time.time() - t0:.0f} s)", file=sys.stderr)
    model.eval()
    return model, vocabs


def export(model: TorchTagger, vocabs: tuple) -> dict[str, np.ndarray]:
    """The arrays of the numpy tagger (:class:`stance.extraction._tagger.Tagger`)."""
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    out: dict[str, np.ndarray] = {
        "vocab_word": np.array("\n".join(vocabs[0].items)), "vocab_suf": np.array("\n".join(vocabs[1].items)),
        "vocab_shape": np.array("\n".join(vocabs[2].items)),
        "emb_word": sd["word.weight"].astype(np.float16), "emb_suf": sd["suf.weight"].astype(np.float16),
        "emb_shape": sd["shape.weight"].astype(np.float16),
        "head_w": sd["anchor.weight"][0, :, 0].astype(np.float16), "head_b": sd["anchor.bias"].astype(np.float32)[0],
    }
    convs = [("inp", 1)] + [(f"convs.{k}", d) for k, d in enumerate(model.dilations)]
    for k, (name, d) in enumerate(convs):
        # torch keeps (out, in, width); the numpy pass wants (width, in, out)
        out[f"conv{k}_w"] = np.ascontiguousarray(sd[f"{name}.weight"].transpose(2, 1, 0), dtype=np.float16)
        out[f"conv{k}_b"] = sd[f"{name}.bias"].astype(np.float32)
        out[f"conv{k}_dilation"] = np.array(d)
    return out


def metadata(s: Settings, n_articles: int, seed: int) -> str:
    """What the file holds and how it was made (JSON, stored in the archive as ``meta``)."""
    from dataclasses import asdict

    from stance._version import __version__

    return json.dumps({
        "about": "Convolutional cue tagger of stance.extraction (token -> probability of anchoring a PolNeAR cue)",
        "recipe": "training/extraction_tagger.py", "trained_on": f"PolNeAR train ({n_articles} articles)",
        "settings": asdict(s), "seed": seed, "stance": __version__, "torch": torch.__version__, "numpy": np.__version__,
        "cv": "5-fold CV on train, blended with the linear cue model (weight 0.5, threshold 0.35): F1@30 78.98, "
              "F1@80 73.95, speaker 89.30 (linear alone 78.28 / 73.17 / 89.23); "
              "training/extraction_cnn_cues.py pipeline",
    }, sort_keys=True)


def numpy_tagger(model: TorchTagger, vocabs: tuple) -> Tagger:
    """The numpy tagger for a trained model, as it would load from the exported file."""
    return Tagger(export(model, vocabs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(TAGGER_FILE))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    articles = load_polnear(resolve_data_dir(args.data_dir) / "polnear", "train")
    docs = encode(articles, M.load_cues())
    t0 = time.time()
    model, vocabs = train_tagger(docs, Settings(), seed=args.seed)
    arrays = export(model, vocabs)
    arrays["meta"] = np.array(metadata(Settings(), len(articles), args.seed))
    np.savez_compressed(args.output, **arrays)
    size = Path(args.output).stat().st_size
    print(f"tagger: {len(vocabs[0])} words, {sum(a.size for a in arrays.values() if a.dtype.kind != 'U')} numbers, "
          f"{size / 1e6:.1f} MB -> {args.output} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
