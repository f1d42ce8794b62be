"""Hashtag segmentation: split all-lowercase (or all-caps) hashtags into words by a unigram model.

``#stophillary2016`` -> ``#StopHillary2016`` so that the library's camel-case splitter gives the words
``stop``, ``hillary``, ``2016`` (and the target matcher sees ``hillary``). Word frequencies come from the
SemEval-2017 sentiment tweets (train.tsv) only. Viterbi over log P(word), with a per-word penalty so that
frequent long words beat chains of short ones; unknown stretches stay unsplit.
"""

from __future__ import annotations

import math
import pickle
import re
from collections import Counter
from functools import lru_cache

from sentlex import CACHE, load_tsv
from stance.text import _norms

_TAG = re.compile(r"#(\w+)")
MAX_WORD = 20


def get_counts() -> Counter:
    path = CACHE / "wordcounts.pkl"
    if not path.exists():
        c: Counter = Counter()
        texts, _ = load_tsv()
        for t in texts:
            norms, extra = _norms(t)
            c.update(w for w, ex in zip(norms, extra) if not ex and w.isalpha())
        pickle.dump(c, open(path, "wb"))
    return pickle.load(open(path, "rb"))


_COUNTS = None
_TOTAL = 0


def _logp(w: str) -> float | None:
    c = _COUNTS.get(w, 0)
    if c < 3 or (len(w) == 1 and w not in ("a", "i")) or (len(w) == 2 and c < 300):
        return None
    return math.log(c / _TOTAL) - 1.0  # -1: a per-word penalty


@lru_cache(maxsize=100_000)
def segment(body: str) -> list[str] | None:
    """Words of a lowercase hashtag body (letters; digits kept as their own piece), or None if no good split."""
    global _COUNTS, _TOTAL
    if _COUNTS is None:
        _COUNTS = get_counts()
        _TOTAL = sum(_COUNTS.values())
    out = []
    for piece in re.findall(r"[a-z]+|\d+|_", body.lower()):
        if not piece.isalpha() or len(piece) < 4:
            out.append(piece)
            continue
        n = len(piece)
        best = [(0.0, -1)] + [(-math.inf, -1)] * n
        for j in range(1, n + 1):
            for i in range(max(0, j - MAX_WORD), j):
                if best[i][0] == -math.inf:
                    continue
                lp = _logp(piece[i:j])
                if lp is None:
                    continue
                s = best[i][0] + lp
                if s > best[j][0]:
                    best[j] = (s, i)
        if best[n][0] == -math.inf:
            out.append(piece)
            continue
        words, j = [], n
        while j > 0:
            i = best[j][1]
            words.append(piece[i:j])
            j = i
        out.extend(reversed(words))
    return out


def camelize(text: str) -> str:
    """Rewrite hashtags without internal capitals as CamelCase by their segmentation (same text otherwise)."""

    def fix(m: re.Match) -> str:
        body = m.group(1)
        if any(c.isupper() for c in body[1:]) and not body.isupper():
            return m.group(0)  # already camel-case: the library's splitter handles it
        words = segment(body)
        if not words or len(words) == 1:
            return m.group(0)
        return "#" + "".join(w[:1].upper() + w[1:] for w in words)

    return _TAG.sub(fix, text)


if __name__ == "__main__":
    for tag in ["stophillary2016", "whyimnotvotingforhillary", "prolifeyouth", "wakeupamerica", "yesallwomen", "lovewins",
                "gamergate", "spankafeminist", "alllivesmatter", "teamjesus", "climatechange", "semst", "tcot", "feminismisforeveryone",
                "HILLARYFORPRISON", "prochoice", "prolife", "womensrights", "rapeculture"]:
        print(tag, segment(tag))
