"""How well do PolNeAR's own annotators agree, scored exactly as the extractor is?

Eighteen PolNeAR articles (16 in train, 2 in dev) were annotated by five or six annotators each (the
corpus's quality-control articles). The evaluator of ``stance evaluate-extraction`` scores against one
annotator per article (the first alphabetically). Here every other annotator's attributions are scored
as if they were predictions, with the same matching (``match_statements``: one-to-one, >= 30% / 80% of
the gold content characters) and the same speaker check (``speaker_correct``; an annotator's "speaker"
is its Source span). That is the human agreement on the issue's own measure.

The extractor is scored on the same articles and references, so both figures are on the same footing:

- against the first annotator, as the evaluator does;
- against every annotator in turn (pooled), beside every annotator against every other one.

For the train articles the extractor runs with a model and cue lexicon learned without them (the 5-fold
split of ``training/extraction_model.py --holdout 5 --folds 5``: article ``i`` of train is in fold
``i % 5``), so none of its figures is in-sample. The two dev articles use the shipped model (dev is for
reporting; nothing here is tuned).

Usage (about 25 s: five fold models are trained; with the tagger, as shipped, about 20 minutes more the first
time, to train the five fold taggers with PyTorch, then kept in DIR)::

    python training/polnear_agreement.py                      # linear cue model alone
    python training/polnear_agreement.py --tagger-cache DIR   # as shipped
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cues import learn_cues  # noqa: E402
from extraction_model import train  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction.pipeline import extract  # noqa: E402
from stance.extraction._types import Statement  # noqa: E402
from stance.extraction.polnear import Attribution, load_polnear, match_statements, read_ann, speaker_correct  # noqa: E402

THRESHOLDS = (0.3, 0.8)


def as_statements(events: tuple[Attribution, ...], text: str) -> list[Statement]:
    """An annotator's attributions as predicted statements: content spans as parts, Source as speaker."""
    out = []
    for ev in events:
        c = ev.content
        src = ev.source
        out.append(Statement(
            text=text[c[0][0]:c[-1][1]], start=c[0][0], end=c[-1][1], parts=tuple(c) if len(c) > 1 else (),
            speaker=" ".join(text[s:e] for s, e in src) if src else None,
            speaker_start=src[0][0] if src else None, speaker_end=src[-1][1] if src else None,
            cue=None, kind="indirect"))
    return out


def tally(acc: Counter, preds, gold: tuple[Attribution, ...], text: str) -> None:
    """Add one (predictions, gold) comparison to ``acc``: matches per threshold, and speaker checks at 30%."""
    acc["pred"] += len(preds)
    acc["gold"] += len(gold)
    for th in THRESHOLDS:
        m = match_statements(preds, gold, th)
        acc[f"tp{th}"] += len(m)
        if th == THRESHOLDS[0]:
            for pi, gi in m:
                if gold[gi].source is not None:
                    acc["spk_n"] += 1
                    acc["spk_ok"] += speaker_correct(preds[pi], gold[gi], text)


def fmt(acc: Counter) -> str:
    cells = []
    for th in THRESHOLDS:
        p = acc[f"tp{th}"] / acc["pred"] if acc["pred"] else 0.0
        r = acc[f"tp{th}"] / acc["gold"] if acc["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        cells.append(f"F1@{int(th * 100)} {100 * f:5.2f} (P {100 * p:5.2f} / R {100 * r:5.2f})")
    spk = 100 * acc["spk_ok"] / acc["spk_n"] if acc["spk_n"] else 0.0
    return " | ".join(cells) + f" | speaker {spk:5.2f} (n={acc['spk_n']}) | gold {acc['gold']}"


def annotations(root: Path, split: str) -> dict[str, list[tuple[str, tuple[Attribution, ...]]]]:
    """Articles with two or more annotators: name -> [(annotator, events)], annotators sorted."""
    files: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for p in (root / split / "attributions").glob("*.ann"):
        stem, _, who = p.stem.rpartition("_")
        files[stem].append((who, p))
    return {name: [(who, read_ann(p)) for who, p in sorted(fs)] for name, fs in sorted(files.items()) if len(fs) > 1}


def system_predictions(root: Path, tagger_cache: str | None) -> dict[str, list[Statement]]:
    """Extractor output for every multi-annotated article: held-out fold models on train, shipped on dev.
    With ``tagger_cache`` the fold models include the convolutional tagger, as shipped since round 10 (trained
    by ``cnn_cues.py``'s ``fold_tagger``, which keeps them in that folder; needs PyTorch); without it, the
    linear cue model alone."""
    out: dict[str, list[Statement]] = {}
    train_arts = load_polnear(root, "train")
    multi = set(annotations(root, "train"))
    for fold in range(5):
        held = [a for i, a in enumerate(train_arts) if i % 5 == fold and a.name in multi]
        if not held:
            continue
        fit_arts = [a for i, a in enumerate(train_arts) if i % 5 != fold]
        cues = learn_cues(fit_arts, 1, 0.02)
        model = train(fit_arts, cues, 3, 0.35, 0.3)
        tagger = None
        if tagger_cache is not None:
            from cnn_cues import fold_tagger
            from extraction_tagger import Settings, encode

            tagger = fold_tagger(encode(fit_arts, cues), Settings(), fold, tagger_cache)
            model["tagger"] = json.loads(M.MODEL_FILE.read_text(encoding="utf-8"))["tagger"]
        m = M._Model(model, tagger, cues)
        for a in held:
            out[a.name] = extract(a.text, model=m)
        print(f"fold {fold}: {len(held)} multi-annotated articles held out", file=sys.stderr)
    from stance.extraction import extract_statements

    linear = M._Model(json.loads(M.MODEL_FILE.read_text(encoding="utf-8")))

    for a in load_polnear(root, "dev"):
        if a.name in annotations(root, "dev"):
            out[a.name] = extract_statements(a.text) if tagger_cache is not None else extract(a.text, model=linear)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tagger-cache", default=None, metavar="DIR",
                    help="score the extractor as shipped (with the tagger; needs PyTorch), fold taggers kept in DIR")
    args = ap.parse_args(argv)
    root = resolve_data_dir(None) / "polnear"
    system = system_predictions(root, args.tagger_cache)
    print("extractor: " + ("rules + linear cue model + tagger (as shipped)" if args.tagger_cache else
                           "rules + linear cue model (without the tagger)"))
    human_first, system_first = Counter(), Counter()
    human_all, system_all = Counter(), Counter()
    per_annotator: dict[str, Counter] = defaultdict(Counter)
    n_articles = 0
    for split in ("train", "dev"):
        for name, anns in annotations(root, split).items():
            n_articles += 1
            text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            ref_who, ref = anns[0]
            tally(system_first, system[name], ref, text)
            for who, events in anns[1:]:
                tally(human_first, as_statements(events, text), ref, text)
                tally(per_annotator[who], as_statements(events, text), ref, text)
            for gi, (_, gold) in enumerate(anns):
                tally(system_all, system[name], gold, text)
                for pi, (_, events) in enumerate(anns):
                    if pi != gi:
                        tally(human_all, as_statements(events, text), gold, text)
    print(f"{n_articles} articles with several annotators; reference = first annotator (as the evaluator)")
    print(f"other annotators vs reference : {fmt(human_first)}")
    print(f"extractor vs reference        : {fmt(system_first)}")
    print(f"every annotator vs every other: {fmt(human_all)}")
    print(f"extractor vs every annotator  : {fmt(system_all)}")
    for who, acc in sorted(per_annotator.items()):
        print(f"  annotator {who} vs reference: {fmt(acc)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
