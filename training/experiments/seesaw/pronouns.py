"""Experiment (issue 16; docs/news.md): does pointing the model at a pronoun that stands for the target help?

On SEESAW's held-out train stories (every fifth story, as in news_encoder.py), a row whose sentence does not name its
target, whose target is a person (a target with a last-name alias) named in the sentence before, and whose sentence
holds a third-person singular pronoun (he, him, his, she, her, hers) gets that pronoun as the target's mention (the
``spans`` of predict_batch: bracketed for the encoder, the mention for the linear features). The shipped default
model's F_avg with and without, on all rows and on the rows changed.

    python training/experiments/seesaw/pronouns.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import news_encoder as ne  # noqa: E402

import stance  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402
from stance.text import find_mentions, tokenize  # noqa: E402

_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)


def pronoun_span(text: str, target: str, aliases: tuple[str, ...], before: str) -> tuple[int, int] | None:
    if not aliases or any(find_mentions(tokenize(text), target, aliases)):
        return None
    if not any(find_mentions(tokenize(before), target, aliases)):
        return None
    m = _PRONOUN.search(text)
    return (m.start(), m.end()) if m else None


def main() -> int:
    _, extra, dev_ss, _ = ne.training_set()
    model = stance.load()
    texts = [r.pair.text for r in dev_ss]
    targets = [r.pair.target for r in dev_ss]
    aliases = [r.pair.aliases for r in dev_ss]
    spans = [pronoun_span(r.pair.text, r.pair.target, r.pair.aliases, extra[id(r)][1]) for r in dev_ss]
    gold = [r.stance for r in dev_ss]
    plain = [p.stance for p in model.predict_batch(texts, targets, aliases, progress=False)]
    pointed = [p.stance for p in model.predict_batch(texts, targets, aliases, spans=spans, progress=False)]
    changed = [i for i, s in enumerate(spans) if s is not None]
    out = {
        "rows": len(dev_ss), "rows_with_a_pronoun_span": len(changed),
        "sided_among_them": sum(gold[i] != "NONE" for i in changed),
        "f_avg_all": {"plain": round(stance_scores(gold, plain)["f_avg"], 2), "pronoun": round(stance_scores(gold, pointed)["f_avg"], 2)},
        "f_avg_changed_rows": {"plain": round(stance_scores([gold[i] for i in changed], [plain[i] for i in changed])["f_avg"], 2),
                               "pronoun": round(stance_scores([gold[i] for i in changed], [pointed[i] for i in changed])["f_avg"], 2)},
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
