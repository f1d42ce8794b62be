"""Experiment (issue 16): rules for when stance.summarize's verdict is printed, measured on SEESAW valid with the
end-to-end measure of stance.analysis_eval (docs/news.md, "Precision of the summary").

    python training/seesaw_summary_rules.py [--model default] [--cache /tmp/analyzed.pkl]

Runs analyze once per article (cached with --cache), then scores each rule on the same analyses.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import stance  # noqa: E402
from stance.analysis_eval import _prf, gold_stances, score_article  # noqa: E402
from stance.api import analyze  # noqa: E402
from stance.corpora.seesaw import entity_aliases, load_seesaw_articles  # noqa: E402
from stance.names import is_named, same_name  # noqa: E402
from stance.summary import VerdictRule, summarize  # noqa: E402


def analyses(model_name: str, split: str, cache: str | None) -> list:
    if cache and Path(cache).exists():
        return pickle.loads(Path(cache).read_bytes())
    model = stance.load(model_name)
    out = []
    for row in load_seesaw_articles()[split]:
        main = [(e["name"], e["type"]) for e in row["entities"] if e["role"] == "Main"]
        aliases = {n: entity_aliases(n, t) for n, t in main}
        rows = analyze(row["text"], [n for n, _ in main], aliases=aliases, model=model) if main else []
        out.append((row["id"], aliases, gold_stances(row["entities"], row["triplets"]), rows))
    if cache:
        Path(cache).write_bytes(pickle.dumps(out))
    return out


#: The rule of ``stance.summarize`` as shipped (see :func:`score`).
SHIPPED = object()


def score(data: list, rule, listed: dict[str, list[str]] | None = None) -> tuple[float, float, float, int]:  # noqa: ANN001
    """P / R / F1 / verdicts of the verdicts the rule keeps; with ``listed`` (article -> its listed entities), only the
    verdicts whose speaker is one of them count as predictions: those SEESAW can judge, since its gold subjects are
    listed entities only. ``rule`` is a function (side, aliases) -> keep, or :data:`SHIPPED` for the verdicts of
    ``stance.summarize`` as it is (``VerdictRule()``: the rule below plus no side from a poll or a cited source)."""
    n_pred = n_gold = n_match = 0
    for aid, aliases, gold, rows in data:
        if rule is SHIPPED:
            sides = [(v, v.verdict) for v in (summarize(rows, aliases=aliases) if rows else [])]
        else:
            # summarize without aliases keeps the verdicts toward oneself, so that the rules can say whether to drop them
            sides = [(v, v.stance) for v in (summarize(rows, rule=VerdictRule.any()) if rows else [])
                     if v.speaker and v.stance in ("FAVOR", "AGAINST") and rule(v, aliases)]
        preds = [(str(v.speaker), side, v.target) for v, side in sides
                 if v.speaker and side in ("FAVOR", "AGAINST")
                 and (listed is None or any(same_name(v.speaker, e) for e in listed[aid]))]
        r = score_article(aid, preds, gold)
        n_pred, n_gold, n_match = n_pred + len(r.predicted), n_gold + len(r.gold), n_match + len(r.matched)
    p, rr, f = _prf(n_match, n_pred, n_gold)
    return round(p, 1), round(rr, 1), round(f, 1), n_pred


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="default")
    ap.add_argument("--split", default="valid")
    ap.add_argument("--cache", default=None)
    args = ap.parse_args()
    data = analyses(args.model, args.split, args.cache)

    def own(v, aliases) -> bool:  # noqa: ANN001
        return any(same_name(v.speaker, n) for n in (v.target, *aliases.get(v.target, ())))

    rules = {
        "all verdicts": lambda v, al: True,
        "no verdict toward oneself": lambda v, al: not own(v, al),
        "+ names the target": lambda v, al: not own(v, al) and v.mentioned,
        "+ speaker named": lambda v, al: not own(v, al) and is_named(v.speaker),
        "+ names the target, speaker named": lambda v, al: not own(v, al) and v.mentioned and is_named(v.speaker),
        "+ no poll, no cited source (VerdictRule(), shipped)": SHIPPED,
        "+ not mixed": lambda v, al: not own(v, al) and not v.mixed,
    }
    for c in (0.5, 0.6, 0.7, 0.8, 0.9):
        rules[f"+ confidence >= {c}"] = (lambda c: lambda v, al: not own(v, al) and v.confidence >= c)(c)
        rules[f"+ names the target, confidence >= {c}"] = (lambda c: lambda v, al: not own(v, al) and v.mentioned and v.confidence >= c)(c)
    print(f"{'rule':<48} {'P':>5} {'R':>5} {'F1':>5} {'verdicts':>8}")
    for name, rule in rules.items():
        p, r, f, n = score(data, rule)
        print(f"{name:<48} {p:>5} {r:>5} {f:>5} {n:>8}")
    listed = {row["id"]: [e["name"] for e in row["entities"]] for row in load_seesaw_articles()[args.split]}
    print("\nthe same, counting only verdicts whose speaker is one of the article's listed entities (what SEESAW can judge)")
    for name, rule in rules.items():
        p, r, f, n = score(data, rule, listed)
        print(f"{name:<48} {p:>5} {r:>5} {f:>5} {n:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
