"""Evaluate the default (any-target) model on every benchmark of issue 3 and write the table of docs/any-target.md.

    python training/evaluate_default.py                       # evaluates stance/models/default.stance
    python training/evaluate_default.py --no-loto             # skip the 5 leave-one-target-out retrainings
    python training/evaluate_default.py --model m.stance --no-record --doc /tmp/t.md

Test splits only, nothing here is tuned on them. It writes the table between the markers in ``--doc``
(docs/any-target.md), the full figures as JSON to ``--json`` (optional), and, unless ``--no-record``, stores
the test figures beside the model file (``default.scores.json``; the model file itself is not rewritten).

SemEval-2016 leave-one-target-out retrains the default recipe (stance head only) five times, each time without
the held-out target's SemEval-2016 train tweets *and* without any row of the other corpora whose target names it
(e.g. VAST topics about abortion for "Legalization of Abortion"), and scores that target's test tweets. That is
the linear part; for the whole model, first fine-tune one encoder per held-out target (about an hour each on two
cores) and give their folder::

    for t in Atheism "Climate Change is a Real Concern" "Feminist Movement" "Hillary Clinton" "Legalization of Abortion"; do
        python training/encoder_model.py --without-target "$t" --output "build/loto/$t.npz"; done
    python training/evaluate_default.py --loto-encoders build/loto
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import default_model as dm  # noqa: E402

import stance  # noqa: E402
from stance.baselines import vader_labels  # noqa: E402
from stance.corpora import load_corpus  # noqa: E402
from stance.evaluation import f_avg, sentiment_scores, stance_scores  # noqa: E402
from stance.model import ENCODER_TRUNCATED  # noqa: E402
from stance._files import write_text_replacing  # noqa: E402
from stance.persistence import read_metadata, read_recorded_scores, recorded_scores_path  # noqa: E402

DOC = REPO / "docs" / "any-target.md"
START, END = "<!-- any-target-table:start -->", "<!-- any-target-table:end -->"
DEV_START, DEV_END = "<!-- any-target-dev:start -->", "<!-- any-target-dev:end -->"


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 1)


def _stance_eval(model: Any, ds: Any, flags: list[tuple[str, ...]] | None = None) -> tuple[list[str], list[str]]:
    """Gold and predicted stance labels of ``ds``; the predictions' flags are appended to ``flags`` when given."""
    spans = None
    if "span_start" in ds.column_names:
        spans = [(s, e) if s is not None else None for s, e in zip(ds["span_start"], ds["span_end"])]
    preds = model.predict_batch(list(ds["text"]), list(ds["target"]), [tuple(a or ()) for a in ds["aliases"]], spans=spans)
    if flags is not None:
        flags.extend(p.flags for p in preds)
    return list(ds["stance"]), [p.stance for p in preds]


def _scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    s = stance_scores(gold, pred)
    return {"n": len(gold), "macro_f1": _r(s["macro_f1"]), "accuracy": _r(s["accuracy"]), "f_avg": _r(s["f_avg"])}


def newsmtsc(model: Any, data_dir: str | None) -> dict[str, Any]:
    ds = load_corpus("newsmtsc", data_dir)
    return {split: _scores(*_stance_eval(model, ds[split])) for split in ("devtest_rw", "devtest_mt")}


def vast(model: Any, data_dir: str | None) -> dict[str, Any]:
    test = load_corpus("vast", data_dir)["test"]
    flags: list[tuple[str, ...]] = []
    gold, pred = _stance_eval(model, test, flags)
    seen = list(test["seen"])
    out = {}
    for name, keep in (("zero_shot", "0"), ("few_shot", "1"), ("all", None)):
        idx = [i for i, s in enumerate(seen) if keep is None or s == keep]
        out[name] = _scores([gold[i] for i in idx], [pred[i] for i in idx])
    if any(ENCODER_TRUNCATED in f for f in flags):  # what the encoder's 128 word pieces cost on zero-shot topics
        for name, cut in (("zero_shot_encoder_cut", True), ("zero_shot_encoder_whole", False)):
            idx = [i for i, s in enumerate(seen) if s == "0" and (ENCODER_TRUNCATED in flags[i]) == cut]
            out[name] = _scores([gold[i] for i in idx], [pred[i] for i in idx])
    return out


def newsstance(model: Any) -> dict[str, Any]:
    ds = load_corpus("newsstance")["test"]
    gold, pred = _stance_eval(model, ds)
    out = _scores(gold, pred)
    sp = model.predict_batch(list(ds["text"]), list(ds["target"]), [tuple(a or ()) for a in ds["aliases"]])
    m = sentiment_scores(list(ds["sentiment"]), [p.sentiment for p in sp])
    out["sentiment_macro_f1"] = _r(m["macro_f1"])
    return out


def semeval_test(model: Any, data_dir: str | None, per_target_model: str | None) -> dict[str, Any]:
    test = load_corpus("semeval2016", data_dir)["test"]
    gold, pred = _stance_eval(model, test)
    out: dict[str, Any] = {"default": {"f_avg": _r(f_avg(gold, pred)), "macro_f1": _r(stance_scores(gold, pred)["macro_f1"])}}
    path = Path(per_target_model) if per_target_model else stance.api.MODELS_DIR / "semeval2016.stance"
    note = f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}"
    if not path.exists():
        tmp = Path("/tmp/semeval2016_per_target.stance")
        print(f"{path} absent: training the per-target recipe to {tmp}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "stance.cli", "train", "--corpus", "semeval2016", "--output", str(tmp)]
                       + (["--data-dir", data_dir] if data_dir else []), check=True, cwd=REPO)
        path, note = tmp, "trained for this table with `stance train --corpus semeval2016` (the shipped file was absent)"
    pt = stance.load(path)
    g2, p2 = _stance_eval(pt, test)
    out["per_target"] = {"f_avg": _r(f_avg(g2, p2)), "macro_f1": _r(stance_scores(g2, p2)["macro_f1"]), "model": note}
    return out


def semeval_loto(data_dir: str | None, encoders: Path | None = None, share: float = 0.0, cued_share: float | None = None) -> dict[str, Any]:
    """SemEval-2016 leave-one-target-out of the recipe's linear part; with ``encoders`` (a folder of
    ``<target>.npz`` files from ``training/encoder_model.py --without-target <target>``) also of the whole model:
    the same linear part blended at stance ``share`` (``cued_share`` on cued statements, as the default model
    does) with the encoder trained without that target."""
    from stance.encoder import PairEncoder
    from stance.model import StanceModel

    if encoders is not None and not encoders.is_dir():
        raise SystemExit(f"--loto-encoders {str(encoders)!r} is not a folder; give the folder of <target>.npz files")
    data = dm.load_training(data_dir)
    test = load_corpus("semeval2016", data_dir)["test"]
    if encoders is not None:
        missing = [t for t in sorted(set(test["target"])) if not (encoders / f"{t}.npz").exists()]
        if missing:
            print(f"--loto-encoders: no encoder for {missing} in {encoders}; the whole model's figure needs all five "
                  "(training/encoder_model.py --without-target T)", file=sys.stderr)
    out: dict[str, Any] = {}
    whole: dict[str, Any] = {}
    pooled: dict[str, tuple[list[str], list[str]]] = {"linear": ([], []), "whole": ([], [])}
    for held in sorted(set(test["target"])):
        train, dropped = dm.without_target(data, held)
        t0 = time.perf_counter()
        model = dm.fit_default(train, verbose=False, sentiment=False)
        sub = test.select([i for i, t in enumerate(test["target"]) if t == held])
        g, p = _stance_eval(model, sub)
        out[held] = {"n": len(g), "f_avg": _r(f_avg(g, p)), "macro_f1": _r(stance_scores(g, p)["macro_f1"]),
                     "dropped_train_rows": {k: v for k, v in dropped.items() if v}}
        pooled["linear"][0].extend(g)
        pooled["linear"][1].extend(p)
        enc_file = encoders / f"{held}.npz" if encoders else None
        if enc_file is not None and enc_file.exists():
            blended = StanceModel(model.featurizer, model.stance_head, None, {}, PairEncoder.from_bytes(enc_file.read_bytes()), share,
                                  encoder_weight_cued=cued_share)
            g, p = _stance_eval(blended, sub)
            whole[held] = {"n": len(g), "f_avg": _r(f_avg(g, p)), "macro_f1": _r(stance_scores(g, p)["macro_f1"])}
            pooled["whole"][0].extend(g)
            pooled["whole"][1].extend(p)
        print(f"  LOTO {held}: F_avg {out[held]['f_avg']}, whole model {whole.get(held, {}).get('f_avg', '–')} "
              f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    out["mean_f_avg"] = _r(np.mean([v["f_avg"] for v in _loto_targets(out).values()]))
    out["pooled_f_avg"] = _r(f_avg(*pooled["linear"]))
    if whole:
        out["with_encoder"] = {**whole, "share": share, "cued_share": cued_share, "mean_f_avg": _r(np.mean([v["f_avg"] for v in whole.values()])),
                               "pooled_f_avg": _r(f_avg(*pooled["whole"])), "targets": len(whole)}
    return out


def tweeteval(model: Any, data_dir: str | None) -> dict[str, Any]:
    test = load_corpus("semeval2017", data_dir)["test"]
    texts, gold = list(test["text"]), list(test["sentiment"])
    preds = model.predict_batch(texts, "-")
    ours = sentiment_scores(gold, [p.sentiment for p in preds])
    vader = sentiment_scores(gold, vader_labels(texts))
    return {"n": len(texts), "macro_recall": _r(ours["macro_recall"]), "macro_f1": _r(ours["macro_f1"]),
            "vader_macro_recall": _r(vader["macro_recall"]), "vader_macro_f1": _r(vader["macro_f1"])}


def loto_row(lo: dict[str, Any], linear: bool) -> tuple[str, str, str, str, str, str]:
    """The table row of a leave-one-target-out result. For a model with an encoder (``linear``: the figures are
    of its linear part), the whole model's figures appear only when an encoder was retrained for every target."""
    name, metric = "SemEval-2016 leave-one-target-out (test tweets of the held-out target)", "F_avg per held-out target; mean; pooled"
    if not linear:
        return (name, metric, _loto_figures(lo), "–", "–", "")
    we = lo.get("with_encoder") or {}
    # the encoder is fine-tuned once per held-out target (an hour each) only when given --loto-encoders
    whole = _loto_figures(we) if we.get("targets") == len(_loto_targets(lo)) else "– (encoder not retrained per target)"
    return (name, metric, whole, _loto_figures(lo), "–", "")


def _loto_targets(lo: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in lo.items() if isinstance(v, dict) and k != "with_encoder"}


def _loto_figures(lo: dict[str, Any]) -> str:
    """'Atheism 20.2; Climate 24.5; ...; mean 30.5; pooled 34.2' for a leave-one-target-out result."""
    per = "; ".join(f"{'Climate' if k == 'Climate Change is a Real Concern' else k.split(' ')[0]} {_fmt(v['f_avg'])}" for k, v in _loto_targets(lo).items())
    return f"{per}; mean {_fmt(lo['mean_f_avg'])}; pooled {_fmt(lo['pooled_f_avg'])}"


def _fmt(x: Any) -> str:
    return "–" if x is None else f"{x:.1f}" if isinstance(x, float) else str(x)


def _encoder_note(meta: dict[str, Any]) -> str:
    """The encoder's size and shares for the line under the table ("" for a model without one)."""
    enc = meta.get("encoder")
    if not enc:
        return ""
    cued = f" ({enc['weight_cued']} on cued statements)" if enc.get("weight_cued") is not None else ""
    return (f", {enc['bytes'] / 1e6:.1f} MB of encoder; encoder share {enc['weight']} of stance{cued}, "
            f"{enc.get('sentiment_weight', 0.0)} of sentiment")


def render(res: dict[str, Any], meta: dict[str, Any]) -> str:
    nm, va, ns, se, tw = res["newsmtsc"], res["vast"], res["newsstance"], res["semeval_test"], res["tweeteval"]
    lin = res.get("linear") or {}
    lnm, lva, lns, lse, ltw = (lin.get(k) for k in ("newsmtsc", "vast", "newsstance", "semeval_test", "tweeteval"))

    def pair(d: Any, a: str, b: str) -> str:
        return f"{_fmt(d[a])} / {_fmt(d[b])}" if d else "–"

    # (benchmark, metric, default model, linear part alone, published / reference, aim)
    rows = [
        ("NewsMTSC devtest_rw (1,146), target by offsets", "macro F1 / accuracy", pair(nm["devtest_rw"], "macro_f1", "accuracy"),
         pair(lnm and lnm["devtest_rw"], "macro_f1", "accuracy"), "GRU-TSC (RoBERTa) 83.1 F1; TF-IDF+LR with left/right words ~63", "≥ 70"),
        ("NewsMTSC devtest_mt (1,476), target by offsets", "macro F1 / accuracy", pair(nm["devtest_mt"], "macro_f1", "accuracy"),
         pair(lnm and lnm["devtest_mt"], "macro_f1", "accuracy"), "GRU-TSC (RoBERTa) 82.5 F1; TF-IDF+LR ~60", "≥ 68"),
        (f"VAST test, zero-shot topics ({va['zero_shot']['n']:,})", "macro F1 (pro/con/neutral)", _fmt(va["zero_shot"]["macro_f1"]),
         _fmt(lva["zero_shot"]["macro_f1"]) if lva else "–", "TGA Net 66.6", "≥ 50"),
        (f"VAST test, few-shot topics ({va['few_shot']['n']:,})", "macro F1", _fmt(va["few_shot"]["macro_f1"]),
         _fmt(lva["few_shot"]["macro_f1"]) if lva else "–", "– (zero-shot is the headline)", ""),
        (f"VAST test, all ({va['all']['n']:,})", "macro F1", _fmt(va["all"]["macro_f1"]), _fmt(lva["all"]["macro_f1"]) if lva else "–", "–", ""),
    ]
    if res.get("semeval_loto"):
        rows.append(loto_row(res["semeval_loto"], linear=bool(lin)))
    rows += [
        (f"newsstance test, 33 unseen targets ({ns['n']})", "F_avg / macro F1", pair(ns, "f_avg", "macro_f1"), pair(lns, "f_avg", "macro_f1"), "– (our corpus)", ""),
        ("SemEval-2016 test (1,249), default model", "F_avg (pooled)", _fmt(se["default"]["f_avg"]), _fmt(lse["default"]["f_avg"]) if lse else "–",
         f"per-target recipe {_fmt(se['per_target']['f_avg'])} (ours, {se['per_target']['model']}); SemEval-2016 best 67.8", ""),
        (f"TweetEval sentiment test ({tw['n']:,})", "macro recall", _fmt(tw["macro_recall"]), _fmt(ltw["macro_recall"]) if ltw else "–",
         f"VADER {_fmt(tw['vader_macro_recall'])} (this run; published 57.0); SVM 62.9; FastText 62.9; RoBERTa-base 71.3; TimeLMs 73.7", "≥ 66"),
    ]
    lines = [
        "| benchmark | metric | default model | its linear part alone (`default-linear`) | published / reference | aim |",
        "|---|---|---|---|---|---|",
        *[f"| {a} | {b} | **{c}** | {d} | {e} | {f} |" for a, b, c, d, e, f in rows],
        "",
        f"Model: `stance/models/default.stance` ({meta.get('weights_bytes', 0) / 1e6:.1f} MB of linear weights{_encoder_note(meta)}"
        f"), recipe `{meta.get('recipe')}`, "
        f"stance {meta.get('library_version')}, scikit-learn {meta.get('sklearn_version')}; table written by "
        "`python training/evaluate_default.py`.",
    ]
    if "zero_shot_encoder_cut" in va:
        cut, whole = va["zero_shot_encoder_cut"], va["zero_shot_encoder_whole"]
        lines += ["", f"VAST zero-shot by length: {cut['n']:,} of {va['zero_shot']['n']:,} comments are longer than the encoder's "
                  f"128 word pieces (flag `encoder_truncated`), macro F1 {_fmt(cut['macro_f1'])}; the {whole['n']:,} it reads whole "
                  f"score {_fmt(whole['macro_f1'])}."]
    return "\n".join(lines)


def render_dev(meta: dict[str, Any]) -> str:
    """The dev scores recorded by the recipe (training/default_model.py), as a table."""
    d = meta.get("dev_scores") or {}
    names = {"semeval2016": "SemEval-2016 train, 15% of tweets", "newsmtsc": "NewsMTSC train, 15% of sentences",
             "vast": "VAST dev, 25% of topics", "newsstance": "newsstance train, 20% of targets"}
    lines = ["| held-out part | n | stance macro F1 | F_avg |", "|---|---|---|---|"]
    lines += [f"| {names[c]} | {d[c]['n']} | {d[c]['macro_f1']:.1f} | {d[c]['f_avg']:.1f} |" for c in names if c in d]
    if "tweeteval_validation" in d:
        tv = d["tweeteval_validation"]
        lines.append(f"| TweetEval validation (sentiment) | {tv['n']} | macro recall {tv['macro_recall']:.1f} | – |")
    return "\n".join(lines)


def replace_between(text: str, start: str, end: str, body: str) -> str:
    """``text`` with ``body`` between the markers ``start`` and ``end`` (both appended when missing)."""
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def write_doc(table: str, doc: Path, dev_table: str | None = None) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Any target\n"
    text = replace_between(text, START, END, table)
    if dev_table is not None:
        text = replace_between(text, DEV_START, DEV_END, dev_table)
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


def record(path: Path, scores: dict[str, Any]) -> Path:
    """Store ``scores`` in the file beside the model (:func:`stance.persistence.recorded_scores_path`); the model file
    itself is not rewritten, so a re-evaluation adds no copy of the weights to git history."""
    side = recorded_scores_path(path)
    write_text_replacing(side, json.dumps(scores, indent=1, sort_keys=True, default=str) + "\n")
    return side


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=str(dm.OUTPUT))
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--per-target-model", default=None, help="SemEval per-target model (default: stance/models/semeval2016.stance)")
    ap.add_argument("--doc", default=str(DOC))
    ap.add_argument("--json", default=None, help="also write every figure to this JSON file")
    ap.add_argument("--no-loto", action="store_true", help="skip SemEval-2016 leave-one-target-out (5 retrainings)")
    ap.add_argument("--loto-encoders", type=Path, metavar="DIR",
                    help="folder of <target>.npz encoders from training/encoder_model.py --without-target <target>: "
                         "leave-one-target-out of the whole model too")
    ap.add_argument("--no-record", action="store_true", help="do not store the test scores beside the model (MODEL.scores.json)")
    ap.add_argument("--loto-only", action="store_true",
                    help="compute only the leave-one-target-out figures; take the others from the model's recorded test scores")
    args = ap.parse_args(argv)
    if args.loto_only and args.no_loto:
        raise SystemExit("--loto-only and --no-loto contradict each other; give one")
    path = Path(args.model)
    t0 = time.perf_counter()
    model = stance.load(path)
    load_s = time.perf_counter() - t0
    res: dict[str, Any] = {"model_file_mb": round(path.stat().st_size / 1e6, 2), "load_seconds": round(load_s, 2)}
    if args.loto_only:
        recorded = read_recorded_scores(path)
        if not recorded:
            raise SystemExit(f"{path} has no recorded test scores; run without --loto-only first")
        res = {**recorded, **res}
    benchmarks = (("newsmtsc", lambda: newsmtsc(model, args.data_dir)), ("vast", lambda: vast(model, args.data_dir)),
                  ("newsstance", lambda: newsstance(model)), ("semeval_test", lambda: semeval_test(model, args.data_dir, args.per_target_model)),
                  ("tweeteval", lambda: tweeteval(model, args.data_dir)))
    for name, fn in () if args.loto_only else benchmarks:
        t = time.perf_counter()
        res[name] = fn()
        print(f"{name}: {json.dumps(res[name])} ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    if model.encoder is not None and not args.loto_only:  # the same stance benchmarks for the linear part alone (stance.load("default-linear"))
        lin = model.without_encoder()
        res["linear"] = {"newsmtsc": newsmtsc(lin, args.data_dir), "vast": vast(lin, args.data_dir), "newsstance": newsstance(lin),
                         "semeval_test": {"default": semeval_test(lin, args.data_dir, args.per_target_model)["default"]},
                         "tweeteval": tweeteval(lin, args.data_dir)}
        print(f"linear part: {json.dumps(res['linear'])}", file=sys.stderr)
    if not args.no_loto:
        res["semeval_loto"] = semeval_loto(args.data_dir, args.loto_encoders, model.encoder_weight if model.encoder is not None else 0.0,
                                           getattr(model, "encoder_weight_cued", None))
    elif "semeval_loto" in read_recorded_scores(path):
        res["semeval_loto"] = read_recorded_scores(path)["semeval_loto"]  # keep the recorded figures in the table
    meta = read_metadata(path)
    table = render(res, meta)
    write_doc(table, Path(args.doc), render_dev(meta))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    if not args.no_record:
        record(path, res)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
