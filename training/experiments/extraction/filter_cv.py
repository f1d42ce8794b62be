"""Experiment (not shipped): a learned filter over the extractor's finished statements.

The extractor (rules, then learned cues) proposes statements; a logistic regression over sparse
features of each finished statement (cue word, where the content lies, its length and first word,
the speaker's kind, the cue probability of a learned cue, overlap with its neighbours) would drop
those unlikely to be a PolNeAR attribution, and a lower cue threshold would then find more.

Everything runs on PolNeAR **train** only. The filter's examples must look like what the extractor
proposes on text it was not trained on, so they are made out of fold: train is cut into 5 folds
(article index mod 5, as in ``training/extraction_model.py --holdout 5``); for each fold the cue
lexicon and the cue/side model are learned on the other four and the extractor runs on the fold.
A proposed statement is labelled 1 when the evaluation's one-to-one matching at 30% overlap matches
it to a gold Content span (``--label-speaker``: and its speaker is right). The filter is then scored
by a second cross-validation over the same folds (fit on the statements of four folds, applied to
the fifth), and the script prints pooled P / R / F1 at 30% and 80% and speaker accuracy over all
of train, for each cue threshold, C and filter threshold given.

Findings and the decision are in ``README.md`` beside this file.

Usage::

    python training/experiments/extraction/filter_cv.py --cue-thresholds 0.3,0.2 --thresholds 0.4,0.5
    python training/experiments/extraction/filter_cv.py --rules-unfiltered ...   # judge learned cues only
"""

from __future__ import annotations

import argparse
import bisect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from extraction_cues import learn_cues  # noqa: E402
from extraction_model import fit, train  # noqa: E402

from stance.corpora._paths import resolve_data_dir  # noqa: E402
from stance.extraction import _model as M  # noqa: E402
from stance.extraction import lexicon as L  # noqa: E402
from stance.extraction.config import ExtractionConfig  # noqa: E402
from stance.extraction.document import split_paragraphs, tokenize  # noqa: E402
from stance.extraction.pipeline import extract  # noqa: E402
from stance.extraction.polnear import _length, load_polnear, match_statements, speaker_correct  # noqa: E402

FOLDS = 5
_SMALL = M._SMALL


def _len_bucket(n: int) -> str:
    for lim in (1, 2, 3, 5, 8, 12, 20, 35):
        if n <= lim:
            return str(lim)
    return "36+"


def _speaker_kind(text: str, st) -> str:
    if st.speaker is None:
        return "none"
    if st.speaker_start is None:
        return "resolved-far"  # no mention next to the cue
    mention = text[st.speaker_start : st.speaker_end]
    low = mention.lower()
    if low in L.PRONOUNS or low in ("who", "which"):
        return "pron"
    if mention != st.speaker:
        return "resolved"
    if mention[:1].isupper():
        return "name" if len(mention.split()) > 1 else "name1"
    return "lower"


def _word_class(toks, j: int) -> str:
    t = toks[j]
    if t.low in L.PRONOUNS or t.low in L.AUXILIARIES or t.low in _SMALL or not t.word:
        return t.low
    return "CAP" if t.upper else "w"


def statement_features(text: str, toks, tok_starts: list[int], st, prob: float | None, first_para_end: int,
                       overlap: str) -> list[str]:
    """Sparse features of one finished statement."""
    cue = (st.cue or "").lower()
    cue_word = cue.split()[-1] if cue else ""
    a = bisect.bisect_left(tok_starts, st.start)
    b = bisect.bisect_left(tok_starts, st.end)
    lows = [t.low for t in toks[a:b]]
    clause = any(w in L.AUXILIARIES or w in L.PRONOUNS or w in ("to", "that") for w in lows)
    if st.cue_start is None:
        side = "nocue"
    elif st.cue_start >= st.end:
        side = "before"
    elif st.cue_end is not None and st.cue_end <= st.start:
        side = "after"
    else:
        side = "around"
    origin = "rule" if prob is None else "model"
    pb = "rule" if prob is None else str(min(9, int(prob * 10)))
    first = _word_class(toks, a) if lows else ""
    lb = _len_bucket(len(st.text.split()))
    sk = _speaker_kind(text, st)
    prev = ""
    if st.cue_start is not None:
        c = bisect.bisect_left(tok_starts, st.cue_start)
        prev = _word_class(toks, c - 1) if c > 0 else "<S>"
    return [
        "cue=" + cue_word, "lem=" + M._lemma(cue_word), "ncue=" + str(min(3, len(cue.split()))),
        "rv=" + str(cue_word in L.REPORTING_VERBS), "origin=" + origin, "pb=" + pb, "kind=" + st.kind,
        "kind_origin=" + st.kind + origin, "side=" + side, "side_origin=" + side + origin,
        "nparts=" + str(min(3, len(st.parts) or 1)), "len=" + lb, "len_kind=" + lb + st.kind, "len_side=" + lb + side,
        "clause=" + str(clause), "clause_len=" + str(clause) + lb, "first=" + first,
        "last=" + st.text.rstrip()[-1:], "spk=" + sk, "spk_origin=" + sk + origin, "prev=" + prev,
        "cue_side=" + cue_word + "|" + side, "cue_spk=" + cue_word + "|" + sk, "fp=" + str(st.start < first_para_end),
        "pb_len=" + pb + lb, "cw1=" + (lows[0] if lows else ""), "cue_first=" + cue_word + "|" + first,
        "cue_len=" + cue_word + "|" + lb, "cuefull=" + cue,
        "nq=" + str(min(2, sum(1 for t in toks[a:b] if t.text in ('"', "“", "”")))),
        "next=" + (toks[b].low if b < len(toks) and not toks[b].word else ("w" if b < len(toks) else "</D>")),
        "ov=" + overlap,
    ]


def features(text: str, statements, cue_probs: dict[int, float]) -> list[list[str]]:
    """Features of each statement of ``text`` (in document order)."""
    toks = tokenize(text)
    tok_starts = [t.start for t in toks]
    paragraphs = split_paragraphs(text)
    first_para_end = paragraphs[0][1] if paragraphs else 0
    out = []
    for n, st in enumerate(statements):
        ov = ("p" if n > 0 and statements[n - 1].end > st.start else "") + (
            "n" if n + 1 < len(statements) and statements[n + 1].start < st.end else "")
        out.append(statement_features(text, toks, tok_starts, st, cue_probs.get(st.cue_start), first_para_end, ov))
    return out


def fold_models(articles, min_df: int, c: float, lex_share: float, config: ExtractionConfig) -> list[tuple[dict, dict]]:
    """(cue lexicon, cue/side model) learned without each fold."""
    out = []
    for fold in range(FOLDS):
        fit_arts = [a for i, a in enumerate(articles) if i % FOLDS != fold]
        cues = learn_cues(fit_arts, 1, lex_share)
        out.append((cues, train(fit_arts, cues, min_df, c, 0.3, config)))
    return out


def proposals(articles, models, cue_threshold: float, label_speaker: bool, config: ExtractionConfig) -> list[list[tuple]]:
    """Per article: ``(statement, features, label)`` of what the extractor trained without the
    article's fold proposes, in document order."""
    out: list[list[tuple]] = [[] for _ in articles]
    for fold, (cues, d) in enumerate(models):
        model = M._Model(dict(d, cue=dict(d["cue"], threshold=cue_threshold)), cues=cues)
        for i, a in enumerate(articles):
            if i % FOLDS != fold:
                continue
            probs: dict[int, float] = {}
            preds = extract(a.text, model=model, cue_probs=probs, config=config)
            m = match_statements(preds, a.attributions, 0.3)
            if label_speaker:
                m = [(p, g) for p, g in m if speaker_correct(preds[p], a.attributions[g], a.text)]
            matched = {p for p, _ in m}
            out[i] = [(st, f, int(k in matched), st.cue_start in probs)
                      for k, (st, f) in enumerate(zip(preds, features(a.text, preds, probs)))]
    return out


def score(articles, kept: list[list]) -> dict:
    """Pooled counts at 30% / 80% and right speakers (at 30%) of the kept statements."""
    res = {"gold": 0, "pred": 0, "m30": 0, "m80": 0, "spk": 0, "spk_n": 0}
    for a, preds in zip(articles, kept):
        res["gold"] += sum(1 for g in a.attributions if _length(g.content) > 0)
        res["pred"] += len(preds)
        m = match_statements(preds, a.attributions, 0.3)
        res["m30"] += len(m)
        # as the evaluator: over matched statements whose gold attribution has a Source
        sourced = [(p, g) for p, g in m if a.attributions[g].source is not None]
        res["spk"] += sum(speaker_correct(preds[p], a.attributions[g], a.text) for p, g in sourced)
        res["spk_n"] += len(sourced)
        res["m80"] += len(match_statements(preds, a.attributions, 0.8))
    return res


def prf(res: dict, key: str) -> str:
    p = res[key] / res["pred"] if res["pred"] else 0.0
    r = res[key] / res["gold"] if res["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    out = f"P {100 * p:.2f} R {100 * r:.2f} F1 {100 * f:.2f}"
    if key == "m30":
        out += f" speaker {100 * res['spk'] / max(1, res['spk_n']):.2f}"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--cue-thresholds", default="0.3,0.2", help="cue thresholds tried")
    ap.add_argument("--thresholds", default="0.4,0.5", help="filter thresholds tried")
    ap.add_argument("--Cs", default="0.1", help="inverse regularization of the filter, comma-separated")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--lex-share", type=float, default=0.02, help="min cue share of a lexicon word")
    ap.add_argument("--label-speaker", action="store_true", help="a proposal counts as right only with the right speaker")
    ap.add_argument("--rules-unfiltered", action="store_true", help="the filter judges only learned-cue statements")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a setting of stance.extraction.ExtractionConfig for the experiment")
    args = ap.parse_args(argv)
    articles = load_polnear(resolve_data_dir(args.data_dir) / "polnear", "train")
    config = ExtractionConfig().with_overrides(args.set)
    models = fold_models(articles, 3, 0.35, args.lex_share, config)  # the shipped cue model's min_df and C
    for cue_th in (float(x) for x in args.cue_thresholds.split(",")):
        props = proposals(articles, models, cue_th, args.label_speaker, config)
        base = score(articles, [[p[0] for p in art] for art in props])
        print(f"cue threshold {cue_th}, no filter: @30 {prf(base, 'm30')} | @80 {prf(base, 'm80')}", flush=True)
        for c in (float(x) for x in args.Cs.split(",")):
            probs: list[list[float]] = [[] for _ in articles]
            for fold in range(FOLDS):
                xs = [p[1] for i, art in enumerate(props) if i % FOLDS != fold for p in art]
                ys = [p[2] for i, art in enumerate(props) if i % FOLDS != fold for p in art]
                lin = M._Linear(dict(fit(xs, ys, args.min_df, c), threshold=0.5))
                for i, art in enumerate(props):
                    if i % FOLDS == fold:
                        probs[i] = [lin.prob(p[1]) for p in art]
            for th in (float(x) for x in args.thresholds.split(",")):
                kept = [[p[0] for p, pr in zip(art, prs) if pr >= th or (args.rules_unfiltered and not p[3])]
                        for art, prs in zip(props, probs)]
                res = score(articles, kept)
                print(f"cue threshold {cue_th}, C {c}, filter threshold {th}: @30 {prf(res, 'm30')} | @80 {prf(res, 'm80')}",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
