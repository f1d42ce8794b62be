"""Candidate 3: hashtag handling.

seg        : lowercase hashtags segmented into words (hashseg.camelize) before featurizing; recipe otherwise unchanged
noextras   : hashtags' split-out words dropped from the word block (hashtag token kept)
tagblock_w*: an extra TF-IDF block of the tweet's hashtags (whole tag), shared + per-target copies, weight w
segblock_w*: seg + an extra block of the hashtags' segmented word 1-2-grams, shared + per-target copies

python cand_hash.py SEED NAME [NAME ...]
"""

from __future__ import annotations

import re
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from common import BEST_FEAT, base_blocks, head_proba, run
from hashseg import camelize, segment
from stance.features import Pair, StanceFeaturizer

_TAG = re.compile(r"#(\w+)")


def seg_pairs(pairs):
    return [Pair(camelize(p.text), p.target, p.aliases, p.span) for p in pairs]


class NoExtras(StanceFeaturizer):
    def _analyze(self, pair):
        a = super()._analyze(pair)
        a.extras = ()
        return a


def tag_docs(pairs, words: bool):
    out = []
    for p in pairs:
        feats = []
        for body in _TAG.findall(p.text):
            if words:
                ws = segment(body) or [body.lower()]
                feats += ["hw:" + w for w in ws] + ["hw:" + a + "_" + b for a, b in zip(ws, ws[1:])]
            else:
                feats.append("h:" + body.lower())
        out.append(feats)
    return out


def per_target_sparse(M, targets, names):
    """[M, M in the row's target slot] (zeros for unknown targets)."""
    M = sp.csr_matrix(M)
    blocks = [M]
    for j, name in enumerate(names):
        mask = sp.diags(np.array([1.0 if t == name else 0.0 for t in targets]))
        blocks.append(mask @ M)
    return sp.hstack(blocks, format="csr")


def key(p):
    return " ".join(p.target.lower().split())


def tag_block(tr, te, f, words, w):
    vec = TfidfVectorizer(analyzer=lambda d: d, min_df=2, sublinear_tf=True)
    A = vec.fit_transform(tag_docs(tr, words)) * w
    B = vec.transform(tag_docs(te, words)) * w
    names = list(f.targets_)
    return per_target_sparse(A, [key(p) for p in tr], names), per_target_sparse(B, [key(p) for p in te], names)


def make(name):
    if name == "seg":
        def fp(tr, y, te):
            X, Xt, _ = base_blocks(seg_pairs(tr), seg_pairs(te))
            return head_proba(X, y, Xt)
    elif name == "noextras":
        def fp(tr, y, te):
            f = NoExtras(**BEST_FEAT)
            return head_proba(f.fit_transform(tr), y, f.transform(te))
    elif name.startswith(("tagblock_w", "segblock_w", "seg_tagblock_w")):
        w = float(name.rsplit("_w", 1)[1])
        words = name.startswith("segblock")
        seg = name.startswith(("segblock", "seg_tagblock"))

        def fp(tr, y, te):
            tr2, te2 = (seg_pairs(tr), seg_pairs(te)) if seg else (tr, te)
            X, Xt, f = base_blocks(tr2, te2)
            A, B = tag_block(tr, te, f, words, w)
            return head_proba(sp.hstack([X, A], format="csr"), y, sp.hstack([Xt, B], format="csr"))
    else:
        raise KeyError(name)
    return fp


if __name__ == "__main__":
    seed = int(sys.argv[1])
    for name in sys.argv[2:]:
        run("hash_" + name, make(name), seed)
