"""Write corpora/newsstance/split.json: about 20% of the targets of each part (a, b, c) held out as test targets.

The split is by target, so the test split measures stance toward targets the model never saw. Within each
part the targets are sorted, shuffled with a fixed seed, and the first round(20%) are taken; the result is
the same on every run.

    python training/make_newsstance_split.py            # writes the file and prints counts
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "corpora" / "newsstance"
SEED = 20260
TEST_SHARE = 0.20


def main() -> dict:
    by_part: dict[str, set[str]] = defaultdict(set)
    rows_per_target: Counter[str] = Counter()
    for path in sorted(ROOT.glob("part_*.jsonl")):
        part = path.stem.removeprefix("part_")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                by_part[part].add(r["target"])
                rows_per_target[r["target"]] += 1
    # a target written in two parts (e.g. "the teachers' union" in b and c) is one unit: it stays in the
    # part holding most of its rows (ties: the first part), so it is wholly train or wholly test
    rows_in_part: Counter[tuple[str, str]] = Counter()
    for path in sorted(ROOT.glob("part_*.jsonl")):
        part = path.stem.removeprefix("part_")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows_in_part[(part, json.loads(line)["target"])] += 1
    shared = sorted(t for t in rows_per_target if sum(t in s for s in by_part.values()) > 1)
    for t in shared:
        parts = sorted(by_part, key=lambda p: (-rows_in_part[(p, t)], p))
        for p in parts[1:]:
            by_part[p].discard(t)
    rng = random.Random(SEED)
    test: list[str] = []
    per_part = {}
    for part in sorted(by_part):
        targets = sorted(by_part[part])
        rng.shuffle(targets)
        k = round(TEST_SHARE * len(targets))
        chosen = sorted(targets[:k])
        test.extend(chosen)
        per_part[part] = {"targets": len(targets), "test_targets": k, "test_rows": sum(rows_per_target[t] for t in chosen)}
    out = {
        "description": "newsstance test targets: round(20%) of each part's targets, seeded shuffle (training/make_newsstance_split.py); every other target is train",
        "seed": SEED,
        "targets_in_two_parts": shared,
        "per_part": per_part,
        "test_targets": sorted(test),
    }
    (ROOT / "split.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    res = main()
    print(json.dumps(res["per_part"], indent=2))
    print(len(res["test_targets"]), "test targets")
