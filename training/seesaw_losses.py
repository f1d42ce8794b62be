"""Where who stands where loses (issue 16; docs/news.md, "Where the pairs are lost"): SEESAW articles through
stance.analyze and stance.summarize as ``stance evaluate-analysis`` scores them, with each gold pair that is missed and
each verdict that is wrong put in one class.

    python training/seesaw_losses.py [--model default] [--split train] [--cache FILE] [--examples 3]

Gold pairs: matched; the subject has no statement (the sentence behind the pair holds another speaker's statement,
or none); the subject speaks, but every statement is NONE toward the object; the verdict has the wrong side; the
right side is UNCLEAR under the summary's rule. Wrong verdicts: the speaker is none of the article's listed entities
(SEESAW cannot judge it); listed but no gold subject; a gold subject but not toward this target; the opposite side.
On train, the figures are also split into the stories ``training/news_encoder.py`` holds out (every fifth) and the
others, since the shipped encoder was trained on the others.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seesaw_summary_rules import analyses  # noqa: E402

from stance.analysis_eval import _prf, score_article  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.names import same_name  # noqa: E402
from stance.summary import summarize  # noqa: E402


def pair_sentences(art: dict, subj: str, obj: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``art`` that carry a triplet of ``subj`` toward ``obj``."""
    starts, text = art["sentence_starts"], art["text"]
    sids = {t["sentence"] for t in art["triplets"] if t["subject"] == subj and t["object"] == obj}
    return [(starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)) for i in sorted(sids)]


def gold_class(subj: str, pol: str, obj: str, verdicts: list, rows: list, art: dict) -> str:
    """The class of a gold pair (subject ``subj``, side ``pol``, object ``obj``) that no verdict matched."""
    recs = [v for v in verdicts if v.speaker and same_name(str(v.speaker), subj) and v.target == obj]
    if not recs:
        if any(r.speaker and same_name(str(r.speaker), subj) for r in rows):
            return "the subject speaks, but only toward itself"
        spans = pair_sentences(art, subj, obj)
        other = any(r.target == obj and any(r.start < e and r.end > s for s, e in spans) for r in rows)
        return "no statement of the subject: its sentence holds another speaker's" if other else "no statement of the subject: its sentence holds none"
    if pol in {v.verdict for v in recs}:
        return "right verdict, but the gold pair was taken by another"
    if pol in {v.stance for v in recs}:
        return "right side, UNCLEAR under the summary's rule"
    if {v.stance for v in recs} <= {"NONE"}:
        spans = pair_sentences(art, subj, obj)
        there = any(r.target == obj and r.speaker and same_name(str(r.speaker), subj) and any(r.start < e and r.end > s for s, e in spans)
                    for r in rows)
        return ("the subject speaks in the pair's sentence, every statement NONE toward the object" if there
                else "the subject speaks elsewhere only, every statement NONE toward the object")
    return "the opposite side"


def wrong_class(speaker: str, pol: str, target: str, listed: list[str], gold: dict) -> str:
    """The class of a verdict that matched no gold pair."""
    if not any(same_name(speaker, e) for e in listed):
        return "speaker is none of the listed entities (SEESAW cannot judge it)"
    if not any(same_name(speaker, subj) for subj, _ in gold):
        return "speaker listed, but no gold subject"
    toward = [side for (subj, obj), side in gold.items() if same_name(speaker, subj) and obj == target]
    if not toward:
        return "a gold subject, but not toward this target"
    return "the opposite side" if pol not in toward else "a second verdict for a pair already matched"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--split", default="train", choices=("train", "valid"))
    ap.add_argument("--cache", help="keep the analyses in this pickle and reuse them")
    ap.add_argument("--examples", type=int, default=0, help="print this many examples of each class")
    args = ap.parse_args(argv)
    data = analyses(args.model, args.split, args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()[args.split]}
    # the held-out stories of training/news_encoder.py: every fifth story of the target-stance rows, in sorted order
    held = set(sorted(set(load_corpus("seesaw")["train"]["story"]))[::5]) if args.split == "train" else set()
    lost, wrong = Counter(), Counter()
    examples: dict[str, list] = defaultdict(list)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for aid, aliases, gold, rows in data:
        art = arts[aid]
        verdicts = summarize(rows, aliases=aliases) if rows else []
        preds = [(str(v.speaker), v.verdict, v.target) for v in verdicts if v.speaker and v.verdict in ("FAVOR", "AGAINST")]
        res = score_article(aid, preds, gold)
        parts = ["all"] + (["held-out stories" if art["story"] in held else "other stories"] if held else [])
        for part in parts:
            t = totals[part]
            t[0], t[1], t[2] = t[0] + len(res.matched), t[1] + len(res.predicted), t[2] + len(res.gold)
        got_gold = {j for _, j in res.matched}
        got_pred = {i for i, _ in res.matched}
        for j, (subj, pol, obj) in enumerate(res.gold):
            k = "matched" if j in got_gold else gold_class(subj, pol, obj, verdicts, rows, art)
            lost[k] += 1
            if len(examples[k]) < args.examples:
                examples[k].append((subj, pol, obj))
        listed = [e["name"] for e in art["entities"]]
        for i, (sp, pol, obj) in enumerate(res.predicted):
            if i not in got_pred:
                k = wrong_class(sp, pol, obj, listed, gold)
                wrong[k] += 1
                if len(examples["wrong: " + k]) < args.examples:
                    examples["wrong: " + k].append((sp, pol, obj))
    print(f"SEESAW {args.split}, model {args.model}: who stands where")
    for part, (m, p, g) in totals.items():
        pp, rr, ff = _prf(m, p, g)
        print(f"  {part:17s} P {pp:.2f}  R {rr:.2f}  F1 {ff:.2f}  ({m} of {p} verdicts right, {g} gold pairs)")
    n_gold, n_pred = sum(lost.values()), totals["all"][1]
    print(f"\ngold pairs ({n_gold}):")
    for k, n in lost.most_common():
        print(f"  {n:5d}  {100 * n / n_gold:5.1f}%  {k}")
    print(f"\nverdicts that match no gold pair ({sum(wrong.values())} of {n_pred}):")
    for k, n in wrong.most_common():
        print(f"  {n:5d}  {100 * n / n_pred:5.1f}% of verdicts  {k}")
    for k, ex in examples.items():
        if not ex:
            continue
        print(f"\n{k}:")
        for e in ex:
            print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
