"""Experiment: a larger weight for the mention-role features of the default model's linear part (dev only).

The default model's linear part reads some plainly cued statements as NONE ("The minister condemned the harbour
tunnel on Monday.", "The government opposes the new tariff."): the mention-role feature ``x:obj:oppose`` points
the right way, but the plain words around it outweigh it. ``StanceFeaturizer(role_weight=w)`` scales the
mention-role columns by ``w`` inside the context block.

For each weight this trains the linear part the way ``training/default_model.py --dev-only`` does (train minus the
dev parts), prints its dev scores (the recipe's selection figure is ``stance_mean_macro_f1``) and the behavioural
checks of that same linear model (``training/behaviour_checks.py``: a diagnostic, not a benchmark). No test split
is read. Usage (about 2 min per weight)::

    python training/experiments/default_roles/role_weight.py 1 2 3
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import behaviour_checks  # noqa: E402
import default_model as D  # noqa: E402


def main(argv: list[str]) -> int:
    weights = [float(x) for x in argv] or [1.0, 2.0, 3.0]
    data = D.load_training(None)
    train, dev = D.dev_split(data)
    items = behaviour_checks.cases()
    for w in weights:
        D.FEATURIZER["role_weight"] = w
        model = D.fit_default(train, verbose=False)
        dev_scores = D.score_dev(model, dev, None)
        checks = behaviour_checks.score(model, items)
        print(json.dumps({"role_weight": w, "stance_mean_macro_f1": dev_scores["stance_mean_macro_f1"],
                          "dev": {k: v.get("macro_f1") for k, v in dev_scores.items() if isinstance(v, dict)},
                          "checks": checks["accuracy"], "right": checks["right"]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
