"""Learned cues: a linear model that finds attribution cues the speech-verb rules miss.

PolNeAR marks as attribution cues far more than speech verbs ("wants", "believes", "supports",
"expects", "according to", headline "Says"...). This module adds those statements on top of the
rules (:mod:`stance.extraction.assembly`; the pass itself is :mod:`stance.extraction.learned`):

1. **Candidates.** Every word whose lower-case form is in the cue lexicon learned from PolNeAR train
   Cue spans (``stance/data/extraction_cues.json``, made by ``training/extraction_cues.py``).
2. **Is it a cue?** A logistic regression over sparse hand features of the word and its context
   (the word, its neighbours, a subject name or pronoun before it, commas, "that", quotation marks,
   position in the sentence) scores each candidate.
3. **Which side is the content?** A second logistic regression decides whether the content follows
   the cue ("X wants [the wall built]") or precedes it ("[content], X said"); the content is then the
   rest of the sentence on that side, and the source the noun phrase next to the cue.

Both models are plain JSON weights (``stance/data/extraction_model.json``, trained by
``training/extraction_model.py`` on PolNeAR train only), loaded once, lazily, and scored in pure
Python: no pickle, no scikit-learn at run time. When ``stance/data/extraction_tagger.npz`` is there,
the cue probability of step 2 is averaged with that of a convolutional tagger that reads the whole
text (:mod:`stance.extraction._tagger`, numpy only).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from stance.extraction import lexicon as L
from stance.extraction._tagger import TAGGER_FILE, Tagger, token_inputs

__all__ = ["load_model", "cue_features", "side_features", "anchor_word", "CUE_FILE", "MODEL_FILE"]

_DATA = Path(__file__).resolve().parents[1] / "data"
CUE_FILE = _DATA / "extraction_cues.json"
MODEL_FILE = _DATA / "extraction_model.json"

#: Words skipped when choosing the anchor token of a multi-word gold cue ("has said" -> "said").
ANCHOR_SKIP = frozenset(
    "has have had is was were are be been being will would could should can may might did does do "
    "also not n't never just already to".split()
)


def anchor_word(low: str) -> bool:
    """Whether a token may be the anchor of a cue (not an auxiliary or adverb)."""
    return low not in ANCHOR_SKIP and not (low.endswith("ly") and len(low) > 4) and low not in L.ADVERBS


@lru_cache(maxsize=1)
def load_cues() -> dict[str, float]:
    """Cue lexicon: word -> share of its train occurrences that anchor a gold cue."""
    data = json.loads(CUE_FILE.read_text(encoding="utf-8"))
    return {w: float(r) for w, r in data["cues"].items()}


def is_candidate(low: str, cues: dict) -> bool:
    """Whether a (lower-cased) token is scored as a possible cue: a word of the learned lexicon, or any inflected
    reporting verb of the hand-written one (even if train never marks it)."""
    return low in cues or low in L.REPORTING_VERBS


class _Linear:
    __slots__ = ("w", "b", "threshold")

    def __init__(self, d: dict) -> None:
        self.w: dict[str, float] = d["weights"]
        self.b: float = float(d["bias"])
        self.threshold: float = float(d.get("threshold", 0.5))

    def prob(self, feats: list[str]) -> float:
        w = self.w
        z = self.b
        for f in feats:
            v = w.get(f)
            if v is not None:
                z += v
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


class _Model:
    """The linear cue and side models, and optionally the tagger (:mod:`stance.extraction._tagger`).

    With a tagger, a candidate's cue probability is ``(1 - tagger_weight) * linear + tagger_weight * tagger``
    and the cue threshold is the one chosen for that blend (``d["tagger"]``: ``weight`` and ``threshold``).
    ``cues`` is the cue lexicon the model was trained with (word -> cue share); ``None``, the packaged one
    (:func:`load_cues`). A held-out experiment passes the lexicon learned without the held-out articles.
    """

    def __init__(self, d: dict, tagger: Tagger | None = None, cues: dict[str, float] | None = None) -> None:
        self.cues = cues
        self.cue = _Linear(d["cue"])
        self.side = _Linear(d["side"])
        self.tagger = tagger
        self.tagger_weight = 0.0
        if tagger is not None:
            blend = d.get("tagger") or {}
            self.tagger_weight = float(blend.get("weight", 0.5))
            self.cue.threshold = float(blend.get("threshold", self.cue.threshold))
            if not (0.0 <= self.tagger_weight <= 1.0 and 0.0 < self.cue.threshold <= 1.0):
                raise ValueError(f"extraction model: tagger weight {self.tagger_weight!r} must lie in [0, 1] and its "
                                 f"cue threshold {self.cue.threshold!r} in (0, 1]; fix the \"tagger\" entry of "
                                 "stance/data/extraction_model.json or rerun training/extraction_model.py")

    def token_probs(self, toks, sents, paragraphs, inq, cues: dict):
        """The tagger's cue probability of every token, or ``None`` without a tagger."""
        if self.tagger is None:
            return None
        return self.tagger.probs(token_inputs(toks, sents, paragraphs, inq, cues, is_candidate))


@lru_cache(maxsize=1)
def load_model() -> _Model | None:
    """The trained model (with the tagger when its file is there), or ``None`` when the weights file is absent
    (rules only)."""
    if not MODEL_FILE.is_file() or not CUE_FILE.is_file():
        return None
    tagger = Tagger.load() if TAGGER_FILE.is_file() else None
    return _Model(json.loads(MODEL_FILE.read_text(encoding="utf-8")), tagger)



_SMALL = frozenset(
    "the a an that this to of in on at for with by from and but or as if not n't no , . : ; ( ) — – - "
    "? ! ” “ \" ' ’ ‘ 's ’s who which what when where how why than then".split()
)


def _tw(toks, j: int, lo: int, hi: int, cues: dict) -> str:
    if j < lo:
        return "<S>"
    if j >= hi:
        return "</S>"
    t = toks[j]
    low = t.low
    if not t.word:
        return low
    if low in L.PRONOUNS or low in _SMALL or low in L.AUXILIARIES:
        return low
    if t.upper and j > lo:
        return "CAP"
    if low in cues or low in L.ROLE_NOUNS or low in L.LISTENERS:
        return low
    if low.isdigit():
        return "NUM"
    return "w:" + low[-3:]


def _prior_bucket(r: float) -> str:
    if r == 0.0:
        return "p0"
    if r >= 0.5:
        return "p5"
    if r >= 0.3:
        return "p4"
    if r >= 0.15:
        return "p3"
    if r >= 0.07:
        return "p2"
    return "p1"


def _lemma(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def _subject_before(toks, i: int, lo: int) -> str:
    """What stands 1-4 words before the cue: a pronoun, a name, a role noun, or nothing."""
    j = i - 1
    steps = 0
    while j >= lo and steps < 4:
        t = toks[j]
        if t.word and (t.low in L.AUXILIARIES or t.low in L.ADVERBS):
            j -= 1
            steps += 1
            continue
        if t.low in L.PRONOUNS:
            return "pron"
        if t.word and t.upper and j > lo:
            return "name"
        if t.word and t.upper:
            return "name0"
        if t.low in L.ROLE_NOUNS:
            return "role"
        if t.word and t.low.endswith("s") and len(t.low) > 3:
            return "plural"
        if not t.word:
            return "punct" + t.text
        return "other"
    return "none"


def cue_features(toks, i: int, lo: int, hi: int, inq: bool, sent_has_quote: bool, first_para: bool,
                 cues: dict, np_kind: str = "", rclause: bool = False) -> list[str]:
    """Sparse features of candidate cue token ``i`` in the sentence of tokens ``[lo, hi)``."""
    t = toks[i]
    w = t.low
    p1 = _tw(toks, i - 1, lo, hi, cues)
    p2 = _tw(toks, i - 2, lo, hi, cues)
    n1 = _tw(toks, i + 1, lo, hi, cues)
    n2 = _tw(toks, i + 2, lo, hi, cues)
    subj = _subject_before(toks, i, lo)
    rel = (i - lo) * 4 // max(1, hi - lo)
    left = i - lo
    right = hi - i - 1
    f = [
        "w=" + w,
        "lem=" + _lemma(w),
        "prior=" + _prior_bucket(cues.get(w, 0.0)),
        "rv=" + str(w in L.REPORTING_VERBS),
        "p1=" + p1,
        "p2=" + p2,
        "n1=" + n1,
        "n2=" + n2,
        "p1w=" + p1 + "|" + w,
        "wn1=" + w + "|" + n1,
        "n1n2=" + n1 + "|" + n2,
        "p2p1=" + p2 + "|" + p1,
        "subj=" + subj,
        "wsubj=" + w + "|" + subj,
        "rel=" + str(rel),
        "left=" + str(min(left, 6)),
        "right=" + str(min(right, 6)),
        "inq=" + str(inq),
        "sq=" + str(sent_has_quote),
        "fp=" + str(first_para),
        "cap=" + str(t.upper and i > lo),
    ]
    if np_kind:
        f += ["np=" + np_kind, "wnp=" + w + "|" + np_kind, "rcl=" + str(rclause), "wrcl=" + w + "|" + str(rclause)]
    if inq:
        f.append("winq=" + w)
    if t.upper and i > lo:
        f.append("wcap=" + w)
    return f


def side_features(toks, i: int, lo: int, hi: int, has_np_after: bool, quote_before: bool,
                  quote_after: bool, cues: dict) -> list[str]:
    """Features for "is the content after the cue (1) or before it (0)?"."""
    w = toks[i].low
    p1 = _tw(toks, i - 1, lo, hi, cues)
    n1 = _tw(toks, i + 1, lo, hi, cues)
    n2 = _tw(toks, i + 2, lo, hi, cues)
    left = sum(1 for x in range(lo, i) if toks[x].word)
    right = sum(1 for x in range(i + 1, hi) if toks[x].word)
    subj = _subject_before(toks, i, lo)
    lb = "0" if left == 0 else "1" if left <= 2 else "2" if left <= 5 else "3"
    rb = "0" if right == 0 else "1" if right <= 2 else "2" if right <= 5 else "3"
    comma = any(toks[x].text == "," for x in range(max(lo, i - 5), i))
    return [
        "w=" + w,
        "lem=" + _lemma(w),
        "p1=" + p1,
        "n1=" + n1,
        "wn1=" + w + "|" + n1,
        "n1n2=" + n1 + "|" + n2,
        "subj=" + subj,
        "lb=" + lb,
        "rb=" + rb,
        "lbrb=" + lb + rb,
        "wrb=" + w + "|" + rb,
        "npafter=" + str(has_np_after),
        "qb=" + str(quote_before),
        "qa=" + str(quote_after),
        "comma=" + str(comma),
        "commasubj=" + str(comma) + subj,
    ]
