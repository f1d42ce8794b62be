"""Oracle ceilings of the statement extractor on PolNeAR train: where are the errors, cue or content?

In-sample on train (the shipped model and lexicon), the extractor is run four ways:

- ``real``: as shipped;
- ``O1``: the learned-cue pass decides perfectly: a candidate word is a cue exactly when it anchors a gold
  Cue span (probability 1, else 0); everything else (candidates, rules, content, speaker) is unchanged;
  ``O1-fp`` fixes only its false cues (a non-anchor gets 0, an anchor keeps the model's score), ``O1-fn``
  only its missed ones (an anchor gets 1, a non-anchor keeps the model's score);
- ``O2``: O1, and rule statements whose cue holds no gold cue anchor are dropped (perfect cue precision);
- ``O3``: O2, and every word is a candidate (no lexicon limit).

The gap from ``real`` to ``O1`` is what better cue decisions could win; what ``O3`` still misses is content
spans, speakers and the cues with no word anchor. Usage (about 10 s each)::

    python training/experiments/extraction/oracle.py [real O1-fp O1-fn O1 O2 O3]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_cues import gold_anchors  # noqa: E402
from filter_cv import prf, score  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction.document import tokenize  # noqa: E402
from stance.extraction.pipeline import extract  # noqa: E402
from stance.extraction.polnear import load_polnear  # noqa: E402


class _Oracle:
    """A cue "model" that answers from the gold anchors of the current article (``half``: "fp" keeps the
    real model's answer for gold anchors and says no to the rest, "fn" says yes to gold anchors and keeps
    the real answer for the rest)."""

    def __init__(self, real, half: str = "") -> None:
        self.real, self.half = real, half
        self.threshold = real.threshold if half else 0.5
        self.anchors: set[int] = set()

    def prob(self, feats: list[str]) -> float:
        gold = int(feats[0].split("=", 1)[1]) in self.anchors
        if self.half == "fp":
            return self.real.prob(feats[1:]) if gold else 0.0
        if self.half == "fn":
            return 1.0 if gold else self.real.prob(feats[1:])
        return 1.0 if gold else 0.0


def run(mode: str, articles) -> str:
    real = M.load_model()
    oracle = _Oracle(real.cue, {"O1-fp": "fp", "O1-fn": "fn"}.get(mode, ""))
    model = real
    orig_feats, orig_cand = M.cue_features, M.is_candidate
    if mode != "real":
        M.cue_features = lambda toks, i, *a, **k: ["tok=%d" % i] + orig_feats(toks, i, *a, **k)
        model = type("OracleModel", (), {"cue": oracle, "side": real.side})()
    if mode == "O3":
        M.is_candidate = lambda low, cues: True
    kept = []
    try:
        for a in articles:
            toks = tokenize(a.text)
            oracle.anchors = set(gold_anchors(a, toks))
            preds = extract(a.text, model=model)
            if mode in ("O2", "O3"):
                starts = [toks[i].start for i in oracle.anchors]
                preds = [p for p in preds if p.cue_start is None
                         or any(p.cue_start <= s < (p.cue_end or p.cue_start + 1) for s in starts)]
            kept.append(preds)
    finally:
        M.cue_features, M.is_candidate = orig_feats, orig_cand
    res = score(articles, kept)
    return f"{mode} | @30 {prf(res, 'm30')} | @80 {prf(res, 'm80')}"


MODES = ("real", "O1-fp", "O1-fn", "O1", "O2", "O3")


def main(argv: list[str]) -> int:
    articles = load_polnear(resolve_data_dir(None) / "polnear", "train")
    for mode in argv or list(MODES):
        if mode not in MODES:
            raise SystemExit(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
        print(run(mode, articles), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
