"""Tables of every candidate run (results.jsonl / ensembles.jsonl; last run per name and seed):
pooled CV F_avg on the recipe's folds (seed 0), per-fold deltas vs the recipe on the same folds, and the
pooled delta on other fold seeds (1-2: run for most candidates; 3-5: fresh seeds, for the finalists only)."""

import json

import numpy as np

from common import EXP

SEEDS = range(10)
rows = {}
for line in open(EXP / "results.jsonl"):
    r = json.loads(line)
    rows[(r["name"], r["seed"])] = r
base = {s: rows[("baseline", s)] for s in SEEDS if ("baseline", s) in rows}
print("recipe (baseline) pooled CV F_avg by fold seed:", {s: b["pooled"] for s, b in base.items()},
      f"mean {np.mean([b['pooled'] for b in base.values()]):.2f}")


def line(name, seed0_pooled, fold_d0, deltas, wins, tot, secs=""):
    d = " ".join(f"{deltas[s]:+5.2f}" if s in deltas else "    -" for s in SEEDS)
    fd = " ".join(f"{x:+.2f}" for x in fold_d0)
    print(f"| {name} | {seed0_pooled:.2f} | {deltas[0]:+.2f} | {fd} | {d} | {np.mean(list(deltas.values())):+.2f} ({len(deltas)}) | {wins}/{tot} | {secs} |")


print("\n| candidate | CV F_avg seed 0 | delta seed 0 | fold deltas seed 0 | pooled delta, fold seeds 0..9 | mean delta (n seeds) | folds improved | s per 5-fold CV |")
print("|---|---|---|---|---|---|---|---|")
for n in dict.fromkeys(k[0] for k in rows):
    if n.startswith("baseline"):
        continue
    deltas, wins, tot, secs, fd0 = {}, 0, 0, [], []
    for s in SEEDS:
        r = rows.get((n, s))
        if r is None or s not in base:
            continue
        deltas[s] = r["pooled"] - base[s]["pooled"]
        fd = [a - c for a, c in zip(r["folds"], base[s]["folds"])]
        wins += sum(x > 0 for x in fd)
        tot += 5
        secs.append(r["seconds"])
        if s == 0:
            fd0 = fd
    if 0 in deltas:
        line(n, rows[(n, 0)]["pooled"], fd0, deltas, wins, tot, f"{np.mean(secs):.0f}")

print("\nensembles (mean of the members' calibrated probabilities; same folds)\n")
print("| ensemble | CV F_avg seed 0 | delta seed 0 | fold deltas seed 0 | pooled delta, fold seeds 0..9 | mean delta (n seeds) | folds improved | |")
print("|---|---|---|---|---|---|---|---|")
ens = {}
for line in open(EXP / "ensembles.jsonl"):
    r = json.loads(line)
    ens[(r["ens"], r["seed"])] = r
for n in dict.fromkeys(k[0] for k in ens):
    got = {s: ens[(n, s)] for s in SEEDS if (n, s) in ens}
    if 0 not in got:
        continue
    line(n, got[0]["pooled"], got[0]["fold_deltas"], {s: r["delta"] for s, r in got.items()},
         sum(r["wins"] for r in got.values()), 5 * len(got))
