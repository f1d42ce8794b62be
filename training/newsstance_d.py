"""How models read the ways news takes sides: newsstance part D (``stance.corpora`` name ``newsstance-d``), overall and
by the phenomenon each row is tagged with (idiom, action, neutral quote, target named by a description, ...).

    python training/newsstance_d.py [--model default --model default-linear] [--split test] [--min-rows 8]

Part D (corpora/newsstance/DATASHEET.md) was written to mend what parts A-C lack: attributed statements that take no
side, and sides carried by idioms and actions rather than by "supports" / "criticised". Its test split holds nine
targets no model was trained on. A diagnostic (docs/news.md), like training/behaviour_checks.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from stance.corpora import load_corpus  # noqa: E402
from stance.evaluation import stance_scores  # noqa: E402


def score(model: Any, rows: Any) -> dict[str, Any]:
    """F_avg and macro F1 over ``rows``, and (right, total) per gold label, per phenomenon tag and for the attributed
    NONE rows (a speaker who takes no side toward the target)."""
    preds = [p.stance for p in model.predict_batch(list(rows["text"]), list(rows["target"]), list(rows["aliases"]), progress=False)]
    groups: dict[str, list[bool]] = defaultdict(list)
    for r, p in zip(rows, preds):
        ok = p == r["stance"]
        groups["gold " + r["stance"]].append(ok)
        for tag in r["phenomena"].split(",") if r["phenomena"] else ["untagged"]:
            groups[tag].append(ok)
        if r["stance"] == "NONE" and r["speaker"]:
            groups["attributed NONE"].append(ok)
    s = stance_scores(list(rows["stance"]), preds)
    return {"f_avg": round(s["f_avg"], 1), "macro_f1": round(s["macro_f1"], 1),
            "groups": {k: (sum(v), len(v)) for k, v in groups.items()}}


def table(names: list[str], results: list[dict[str, Any]], min_rows: int) -> str:
    first = results[0]["groups"]
    keys = sorted((k for k, (_, n) in first.items() if n >= min_rows), key=lambda k: (not k.startswith("gold"), -first[k][1], k))
    lines = ["| rows | " + " | ".join(f"`{n}`" for n in names) + " |", "|---|" + "---|" * len(names),
             "| **all: F_avg / macro F1** | " + " | ".join(f"**{r['f_avg']} / {r['macro_f1']}**" for r in results) + " |"]
    for k in keys:
        lines.append(f"| {k} ({first[k][1]}) | " + " | ".join("{}".format(r["groups"].get(k, (0, 0))[0]) for r in results) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import stance

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", help="model file or built-in name (repeatable; default: default and default-linear)")
    ap.add_argument("--split", default="test", choices=("train", "test"))
    ap.add_argument("--min-rows", type=int, default=8, help="print a group only when it has at least this many rows")
    args = ap.parse_args(argv)
    names = args.model or ["default", "default-linear"]
    rows = load_corpus("newsstance-d")[args.split]
    results = [score(stance.load(n), rows) for n in names]
    print(f"newsstance part D, {args.split} ({rows.num_rows} rows); right per group:\n")
    print(table(names, results, args.min_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
