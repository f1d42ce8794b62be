"""Experiment (issue 16; docs/news.md): do the target's other mentions in the article help?

SEESAW's rows give a person target its last name as alias and nothing else. Here each (article, Main entity) also gets
the aliases that :func:`stance.mentions.article_aliases` finds in the article's own text (titles, acronyms, a party's
members, a description's head noun; never the labels).

On SEESAW's held-out train stories (every fifth story, as in news_encoder.py), the shipped default model's F_avg with
the corpus's aliases and with these, on all rows and on the rows whose aliases changed; and how many rows with a side
that did not name their target name it now.

    python training/seesaw_mentions.py
    python training/seesaw_mentions.py --end-to-end train

The second scores who stands where (``stance evaluate-analysis``) on a split's articles with and without the
aliases that :func:`stance.analyze` finds.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import stance  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import read_articles  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402
from stance.mentions import article_aliases  # noqa: E402
from stance.text import find_mentions, tokenize  # noqa: E402

def end_to_end(split: str) -> int:
    from stance.analysis_eval import evaluate_analysis

    from stance.corpora.seesaw import load_seesaw_articles

    articles = load_seesaw_articles()[split]
    model = stance.load()
    out = {}
    for found in (False, True):
        score = evaluate_analysis(articles, model, find_aliases=found)
        out["found_aliases" if found else "given_aliases_only"] = {k: v for k, v in score.to_dict().items() if k != "articles"}
    print(json.dumps(out, indent=1))
    return 0


def main() -> int:
    if "--end-to-end" in sys.argv:
        return end_to_end(sys.argv[sys.argv.index("--end-to-end") + 1])
    articles = {a.id: a for a in read_articles()}
    train = load_corpus("seesaw")["train"]
    held = set(sorted(set(train["story"]))[::5])
    rows = [r for r in train if r["story"] in held]
    cache: dict[tuple[str, str], list[str]] = {}
    base, more = [], []
    for r in rows:
        key = (r["article"], r["target"])
        if key not in cache:
            cache[key] = list(article_aliases(articles[r["article"]].text, r["target"], r["aliases"] or ()))
        base.append(tuple(r["aliases"] or ()))
        more.append(base[-1] + tuple(a for a in cache[key] if a not in base[-1]))
    named = Counter()
    for r, b, m in zip(rows, base, more):
        if r["stance"] != "NONE":
            toks = tokenize(r["text"])
            named[(bool(find_mentions(toks, r["target"], b)[0]), bool(find_mentions(toks, r["target"], m)[0]))] += 1
    model = stance.load()
    gold = [r["stance"] for r in rows]
    changed = [i for i in range(len(rows)) if more[i] != base[i]]
    out: dict[str, object] = {
        "rows": len(rows), "rows_with_more_aliases": len(changed),
        "sided_rows_named_before": named[(True, True)] + named[(True, False)],
        "sided_rows_named_only_with_more_aliases": named[(False, True)], "sided_rows_named_by_neither": named[(False, False)],
        "most_common_new_aliases": Counter(a for v in cache.values() for a in v).most_common(10),
    }
    for label, aliases in (("corpus_aliases", base), ("more_aliases", more)):
        preds = [p.stance for p in model.predict_batch([r["text"] for r in rows], [r["target"] for r in rows], aliases,
                                                        speakers=[r["speaker"] for r in rows], contexts=[r["context"] for r in rows], progress=False)]
        out[label] = {"f_avg": round(stance_scores(gold, preds)["f_avg"], 2),
                      "f_avg_rows_changed": round(stance_scores([gold[i] for i in changed], [preds[i] for i in changed])["f_avg"], 2)}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
