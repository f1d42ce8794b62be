"""Measurement (issue 16; docs/news.md, "How far people agree"): how far SEESAW's own annotators agree on the target-stance
task, and how the shipped models compare on the same rows.

53 of SEESAW's 486 train and valid articles were annotated by two to five annotators, each triplet carrying the
annotators who marked it. For each such article and each pair of its annotators, the rows are the corpus's own
(sentence, Main entity) rows; each annotator's label is FAVOR / AGAINST when they marked a POS / NEG triplet toward the
entity in that sentence, NONE otherwise (rows where one of the two marked both are left out). F1 is symmetric in
which annotator is called gold, so each pair is counted once; counts are pooled over all pairs (micro), and F_avg
is the mean F1 of FAVOR and AGAINST, as in ``stance evaluate``. A model is scored on the same rows against each
annotator in turn, pooled the same way, so that both figures answer one question: how often does a second reader
agree with this one?

The end-to-end measure is compared the same way: each annotator's (subject, object, majority polarity) pairs, as
``stance evaluate-analysis`` builds gold, scored against another's with subjects matched by exact canonical name.

    python training/seesaw_agreement.py [--model default --model default-linear]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stance.analysis_eval import gold_stances  # noqa: E402
from stance.corpora import resolve_data_dir  # noqa: E402
from stance.corpora.seesaw import entity_aliases, read_articles  # noqa: E402

POL = {"POS": "FAVOR", "NEG": "AGAINST"}
SIDES = ("FAVOR", "AGAINST")


def annotated(data_dir: str | None) -> dict[str, dict[str, list[tuple[int, str, str, str]]]]:
    """Article id -> annotator -> their (sentence, subject, POS|NEG, object) triplets, for articles with 2+ annotators."""
    folder = resolve_data_dir(data_dir) / "seesaw" / "annotations"
    out: dict[str, dict[str, list[tuple[int, str, str, str]]]] = {}
    for path in sorted(folder.glob("TRIPLET_*_DOCUMENT_*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        people = {a for v in (ann.get("entity sentiments") or {}).values() for _, a in v}
        if len(people) < 2:
            continue
        by: dict[str, list[tuple[int, str, str, str]]] = {a: [] for a in people}
        for sid, items in (ann.get("sentence-level stances") or {}).items():
            for t in items:
                for a in t["annotators"]:
                    by.setdefault(a, []).append((int(sid), t["subject"], t["sentiment"], t["object"]))
        out[path.stem.replace("TRIPLET_", "").replace("_DOCUMENT_", "-")] = by
    return out


def labels_of(triplets: list[tuple[int, str, str, str]]) -> dict[tuple[int, str], set[str]]:
    got: dict[tuple[int, str], set[str]] = defaultdict(set)
    for sid, _s, pol, obj in triplets:
        if pol in POL:
            got[(sid, obj)].add(POL[pol])
    return got


class Tally:
    """Pooled per-class counts: F1 of FAVOR and AGAINST, F_avg, and how many rows and sided rows."""

    def __init__(self) -> None:
        self.c: Counter[tuple[str, str]] = Counter()

    def add(self, gold: str, pred: str) -> None:
        self.c[(gold, pred)] += 1

    def f1(self, label: str) -> float:
        tp = self.c[(label, label)]
        fp = sum(v for (g, p), v in self.c.items() if p == label and g != label)
        fn = sum(v for (g, p), v in self.c.items() if g == label and p != label)
        return 100 * 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0

    def report(self) -> str:
        n = sum(self.c.values())
        f, a = self.f1("FAVOR"), self.f1("AGAINST")
        return f"F_avg {(f + a) / 2:5.2f} (FAVOR {f:5.2f}, AGAINST {a:5.2f}) over {n:,} row comparisons"


def gold_pairs(triplets: list[tuple[int, str, str, str]], entities: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """An annotator's (subject, object, majority polarity) pairs, as ``stance evaluate-analysis`` builds gold."""
    gold = gold_stances([{"name": n, "type": t, "role": r} for n, t, r in entities],
                        [{"sentence": i, "subject": s, "sentiment": p, "object": o} for i, s, p, o in triplets])
    return {(subj, obj, stance) for (subj, obj), stance in gold.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--model", action="append", default=[], help="also score this model on the same rows (repeatable)")
    args = ap.parse_args()

    by_article = annotated(args.data_dir)
    articles = {a.id: a for a in read_articles(args.data_dir) if a.id in by_article}
    splits = Counter(a.split for a in articles.values())
    print(f"{len(articles)} articles with 2+ annotators ({dict(splits)}), "
          f"{sum(len(v) for v in by_article.values())} annotator-articles")

    human, e2e_match, e2e_n = Tally(), 0, 0
    rows: list[tuple[str, str, str, dict[str, str]]] = []  # (sentence, context, target, aliases) + per-annotator labels
    row_keys = []
    for aid, art in articles.items():
        per = {a: labels_of(t) for a, t in by_article[aid].items()}
        for x, y in itertools.combinations(sorted(per), 2):
            for sid, sentence in enumerate(art.sentences):
                if not sentence.strip():
                    continue
                for name, _kind in art.main_entities:
                    gx, gy = per[x].get((sid, name), set()), per[y].get((sid, name), set())
                    if len(gx) > 1 or len(gy) > 1:
                        continue
                    human.add(next(iter(gx), "NONE"), next(iter(gy), "NONE"))
            px, py = gold_pairs(by_article[aid][x], list(art.entities)), gold_pairs(by_article[aid][y], list(art.entities))
            e2e_match += 2 * len(px & py)
            e2e_n += len(px) + len(py)
        for sid, sentence in enumerate(art.sentences):
            if not sentence.strip():
                continue
            for name, kind in art.main_entities:
                labs = {}
                for a in per:
                    g = per[a].get((sid, name), set())
                    if len(g) <= 1:
                        labs[a] = next(iter(g), "NONE")
                rows.append((sentence, art.sentences[sid - 1] if sid else "", name, labs))
                row_keys.append(tuple(entity_aliases(name, kind)))

    print(f"annotator vs annotator: {human.report()}")
    print(f"who stands where, annotator vs annotator (exact names): F1 {100 * e2e_match / max(e2e_n, 1):5.2f} "
          f"over {e2e_n} pairs")

    if args.model:
        import stance

        for name in args.model:
            model = stance.load(name)
            preds = model.predict_batch([r[0] for r in rows], [r[2] for r in rows], aliases=row_keys)
            t = Tally()
            for (_s, _c, _n, labs), p in zip(rows, preds):
                for lab in labs.values():
                    t.add(lab, p.stance)
            print(f"{name} vs each annotator: {t.report()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
