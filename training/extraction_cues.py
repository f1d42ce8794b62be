"""Learn the cue lexicon of the statement extractor from PolNeAR train Cue spans.

Writes ``stance/data/extraction_cues.json``: for every word that anchors a gold attribution cue at
least ``--min-count`` times in train, the share of its train occurrences that do (kept when at least
``--min-share``). The anchor of a cue is its first token that is not an auxiliary ("has said" ->
"said", "according to" -> "according"). Only words and counts are stored, never article text.

Usage::

    python training/extraction_cues.py [--data-dir DIR] [--output stance/data/extraction_cues.json]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction._model import CUE_FILE, anchor_word  # noqa: E402
from stance.extraction.document import tokenize  # noqa: E402
from stance.extraction.polnear import Article, load_polnear  # noqa: E402

MIN_COUNT = 1
MIN_SHARE = 0.02


def gold_anchors(article: Article, toks) -> dict[int, object]:
    """Token index of each gold cue's anchor -> its attribution event."""
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    out = {}
    for g in article.attributions:
        if not g.cue:
            continue
        idx: list[int] = []
        for s, e in g.cue:
            idx += range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e))
        idx = [i for i in idx if toks[i].word or toks[i].text == ":"]
        anchors = [i for i in idx if anchor_word(toks[i].low)] or idx
        if anchors:
            out.setdefault(anchors[0], g)
    return out


def learn_cues(articles: list[Article], min_count: int = MIN_COUNT, min_share: float = MIN_SHARE) -> dict[str, float]:
    cue_n: Counter = Counter()
    all_n: Counter = Counter()
    for a in articles:
        toks = tokenize(a.text)
        anchors = gold_anchors(a, toks)
        for i, t in enumerate(toks):
            if t.word or t.text == ":":
                all_n[t.low] += 1
                if i in anchors:
                    cue_n[t.low] += 1
    return {w: round(c / all_n[w], 4) for w, c in sorted(cue_n.items())
            if c >= min_count and c / all_n[w] >= min_share}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--output", default=str(CUE_FILE))
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--min-share", type=float, default=MIN_SHARE)
    args = ap.parse_args(argv)
    articles = load_polnear(resolve_data_dir(args.data_dir) / "polnear", "train")
    cues = learn_cues(articles, args.min_count, args.min_share)
    doc = {
        "about": "Cue words learned from PolNeAR train Cue spans by training/extraction_cues.py: word -> share "
                 "of its train occurrences that anchor a gold cue. Words only; no article text.",
        "min_count": args.min_count,
        "min_share": args.min_share,
        "articles": len(articles),
        "cues": cues,
    }
    Path(args.output).write_text(json.dumps(doc, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(cues)} cue words from {len(articles)} train articles -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
