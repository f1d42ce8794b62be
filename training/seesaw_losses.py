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

``--oracle`` asks what a better classifier would bring, with today's extraction and summary: each analysed
(statement, target) is relabelled from the annotation (:func:`oracle_rows`) and the end-to-end measure is taken
again. A perfect classifier of the speaker's side; a perfect classifier of anyone's side in the sentence (what the
target-stance rows teach); the model's sides with the wrong detections removed; the model's detections with the
right polarity.

    python training/seesaw_losses.py --split valid --oracle
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seesaw_summary_rules import analyses  # noqa: E402

from stance.analysis_eval import _prf, score_article  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.corpora.seesaw import load_seesaw_articles  # noqa: E402
from stance.names import same_name  # noqa: E402
from stance.summary import VerdictRule, summarize  # noqa: E402

_SIDE = {"POS": "FAVOR", "NEG": "AGAINST"}
#: The relabellings of --oracle: (name, mode of :func:`oracle_rows` or None for the model's own labels, every side a
#: verdict instead of the shipped rule).
ORACLES = (
    ("the model (shipped rule)", None, False),
    ("perfect classifier of the speaker's side", "speaker", False),
    ("  the same, every side a verdict (no rule)", "speaker", True),
    ("perfect classifier of anyone's side in the sentence", "sentence", False),
    ("the model's sides, wrong detections removed", "detections", False),
    ("the model's detections, right polarity", "polarity", False),
)


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


def gold_side(row: Any, art: dict, any_subject: bool = False) -> str:
    """The annotated side toward ``row.target`` in the sentences ``row`` spans: of a triplet whose subject is the row's
    speaker (any subject with ``any_subject``); NONE when there is none, or both sides."""
    starts = art["sentence_starts"]
    a = bisect.bisect_right(starts, row.start) - 1
    b = bisect.bisect_right(starts, max(row.start, row.end - 1)) - 1
    sides = {_SIDE[t["sentiment"]] for t in art["triplets"] if a <= t["sentence"] <= b and t["object"] == row.target
             and (any_subject or (row.speaker and same_name(str(row.speaker), t["subject"])))}
    return sides.pop() if len(sides) == 1 else "NONE"


def oracle_rows(rows: list, art: dict, mode: str) -> list:
    """``rows`` relabelled from the annotation. ``speaker``: the speaker's annotated side (confidence 1);
    ``sentence``: anyone's side in the sentence; ``detections``: the model's side where the speaker has an annotated
    side, else NONE; ``polarity``: where the model gives a side, the annotated one if there is one."""
    out = []
    for r in rows:
        gold = gold_side(r, art, any_subject=mode == "sentence")
        if mode in ("speaker", "sentence"):
            out.append(dataclasses.replace(r, stance=gold, stance_confidence=1.0))
        elif mode == "detections":
            out.append(dataclasses.replace(r, stance=r.stance if gold != "NONE" else "NONE"))
        elif mode == "polarity":
            out.append(dataclasses.replace(r, stance=gold if r.stance != "NONE" and gold != "NONE" else r.stance))
        else:
            raise ValueError(f"oracle mode {mode!r}; one of speaker, sentence, detections, polarity")
    return out


def oracle_table(data: list, arts: dict) -> list[tuple[str, float, float, float, int, int]]:
    """(name, P, R, F1, verdicts right, verdicts) of each of :data:`ORACLES` over the analysed articles."""
    out = []
    for name, mode, every in ORACLES:
        m = n = g = 0
        for aid, aliases, gold, rows in data:
            if mode is not None:
                rows = oracle_rows(rows, arts[aid], mode)
            verdicts = summarize(rows, aliases=aliases, **({"rule": VerdictRule.any()} if every else {})) if rows else []
            res = score_article(aid, [(str(v.speaker), v.verdict, v.target) for v in verdicts
                                      if v.speaker and v.verdict in ("FAVOR", "AGAINST")], gold)
            m, n, g = m + len(res.matched), n + len(res.predicted), g + len(res.gold)
        p, r, f = _prf(m, n, g)
        out.append((name, p, r, f, m, n))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="default")
    ap.add_argument("--split", default="train", choices=("train", "valid"))
    ap.add_argument("--cache", help="keep the analyses in this pickle and reuse them")
    ap.add_argument("--examples", type=int, default=0, help="print this many examples of each class")
    ap.add_argument("--oracle", action="store_true", help="who stands where with the statements relabelled from the annotation")
    args = ap.parse_args(argv)
    data = analyses(args.model, args.split, args.cache)
    arts = {r["id"]: r for r in load_seesaw_articles()[args.split]}
    if args.oracle:
        print(f"SEESAW {args.split}, today's extraction and summary, model {args.model}: who stands where")
        for name, p, r, f, m, n in oracle_table(data, arts):
            print(f"  {name:52s} P {p:6.2f}  R {r:6.2f}  F1 {f:6.2f}  ({m} of {n} verdicts right)")
        return 0
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
