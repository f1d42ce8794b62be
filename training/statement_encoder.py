"""Recipe, third stage of the default model's encoder (issue 16; docs/news.md, "The encoder trained on the speaker's
side"): the news encoder trained one more pass on SEESAW train as :func:`stance.analyze` reads it.

The encoder of ``training/news_encoder.py`` learnt anyone's side in a whole sentence; the analysis asks for one
speaker's side in what that speaker said. So the rows here are the analysis' own: each statement with a speaker that
:func:`stance.extract_statements` finds in a SEESAW train article, toward each of the article's Main entities, exactly
as ``analyze`` gives it to the model (:func:`stance.api.statement_inputs`: the content as classified, the target's given
and found aliases), labelled with the speaker's annotated side in the statement's sentences (FAVOR for a POS triplet
whose subject is the speaker, AGAINST for NEG, NONE for none or both; ``seesaw_losses.gold_side``). Every row with a side
plus :data:`NONE_PER_SIDE` times as many NONE rows (drawn with seed 0). The encoder reads no extra input.

Training: from the shipped encoder, one pass, AdamW at 1e-4 (3e-5 and 2e-4 were lower on the held-out stories), batches
of 16, no class weights, no replay: about 3 minutes on two cores.

The choice, by :data:`FOLDS` folds over SEESAW train's stories (every fifth story in sorted order from the k-th; fold 0
is the other recipes' hold-out): an encoder trained on the other folds' rows labels the analysed statements of the
fold's articles, blended with the shipped model's linear part; who stands where (the measure of ``stance
evaluate-analysis``), pooled over the folds, at each encoder share of :data:`SHARES` (on cued
statements: the share, or the shipped model's 0) and NONE offset of :data:`NONE_OFFSETS`. Of the settings the
guard lets through (``news_encoder.dev_guard``: the final encoder, blended at that setting, within a point of the
shipped model on each of the default recipe's dev parts, and on the behavioural checks: :func:`behaviour_guard`;
with a speaker layer, plain predictions read the first layer at the shipped blend: :func:`plain_guard`) and within :data:`TOLERANCE` F1 points of the best of
them, the one with the shipped model's share on cued statements (0: the linear part reads a support or oppose cue
whose object is the target, which the encoder often misreads), then the smallest share, then the offset nearest 0, is built into
the model with the final encoder, trained on every train story.

    python training/statement_encoder.py --folds build/statement_folds.json         # the folds (about 25 minutes)
    python training/statement_encoder.py --folds build/statement_folds.json --output build/statement_encoder.npz \\
        --build stance/models/default.stance                                         # the final encoder and the model

The shipped model (2026-12-08; docs/news.md, "The 3e-5 body on every train story") is the speaker-layer variant,
chosen on fold 0 alone and built from the model ``training/news_encoder.py`` built (``git show
1ebbeec:stance/models/default.stance > M2``; ``--start`` defaults to the shipped model, which already holds this stage):

    python training/statement_encoder.py --replay --passes 3 --second-layer --body-lr 3e-5 --start M2 \\
        --held-in --folds F.json                                                     # fold 0's table (about 32 minutes)
    python training/statement_encoder.py --replay --passes 3 --second-layer --body-lr 3e-5 --start M2 \\
        --folds F.json --output E.npz --build stance/models/default.stance           # every story, the guard, the model

Valid is not read here. Needs PyTorch (``pip install torch==2.13.0`` then ``pip install -e '.[encoder]'``).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import behaviour_checks as bc  # noqa: E402
import default_model as dm  # noqa: E402
import news_encoder as ne  # noqa: E402
from seesaw_losses import gold_side  # noqa: E402

from stance.analysis_eval import _prf, gold_stances, score_article  # noqa: E402
from stance.api import StatementInput, analyzed_statement, statement_inputs  # noqa: E402
from stance._blend import SpeakerLayer  # noqa: E402
from stance.encoder import SPEAKER_HEAD, PairEncoder, encoder_input  # noqa: E402
from stance.features import Pair, as_pairs  # noqa: E402

FOLDS = 5
NONE_PER_SIDE = 2
SEED = 0
SETTINGS = ne.Settings(inputs=(), passes=1, balanced=False, replay=False, lr=1e-4, batch=16)
#: Encoder shares tried (on every statement, cued or not) and offsets added to the NONE probability.
SHARES = (0.6, 0.8, 1.0)
NONE_OFFSETS = tuple(round(-0.05 * i, 2) for i in range(9))
#: Shares tried on cued statements: the shipped model's 0 (the linear part decides them alone), or ``None``: the share.
CUED_SHARES: tuple[float | None, ...] = (0.0, None)


def _key(share: float, cued: float | None, off: float) -> str:
    return f"{share}/{'same' if cued is None else cued}/{off}"


def _setting(key: str) -> tuple[float, float, float]:
    """(share, cued share, offset) of a table key."""
    share, cued, off = key.split("/")
    return float(share), float(share) if cued == "same" else float(cued), float(off)


@dataclass(frozen=True)
class Article:
    """A SEESAW train article as the analysis reads it: its statements' inputs toward its Main entities, the given
    aliases and the gold (speaker, target) sides."""

    id: str
    story: str
    inputs: list[StatementInput]
    aliases: dict[str, list[str]]
    gold: dict[tuple[str, str], str]
    labels: list[str]             # the speaker's annotated side of each input


def articles(data_dir: str | None = None) -> list[Article]:
    """Every SEESAW train article with a Main entity, read as ``stance evaluate-analysis`` reads it."""
    from stance.corpora.seesaw import entity_aliases, load_seesaw_articles
    from stance.extraction import extract_statements

    out = []
    for art in load_seesaw_articles(data_dir)["train"]:
        main = [(e["name"], e["type"]) for e in art["entities"] if e["role"] == "Main"]
        if not main:
            continue
        aliases = {n: entity_aliases(n, t) for n, t in main}
        inputs = statement_inputs(art["text"], extract_statements(art["text"]), [n for n, _ in main], aliases)
        labels = [gold_side(_Span.of(x), art) for x in inputs]
        out.append(Article(art["id"], art["story"], inputs, aliases, gold_stances(art["entities"], art["triplets"]), labels))
    return out


@dataclass(frozen=True)
class _Span:
    """What ``gold_side`` reads of an input: where the statement is, its speaker and the target."""

    start: int
    end: int
    speaker: str
    target: str

    @classmethod
    def of(cls, x: StatementInput) -> _Span:
        return cls(x.statement.start, x.statement.end, x.speaker, x.target)


def training_rows(arts: list[Article]) -> tuple[list[dm.Row], dict[int, tuple[str, str]]]:
    """The rows of ``arts`` to train on: the inputs with a speaker, every one with a side and :data:`NONE_PER_SIDE`
    times as many NONE ones."""
    rows = [dm.Row("seesaw", Pair(x.content, x.target, x.aliases, None), lab, None, a.story)
            for a in arts for x, lab in zip(a.inputs, a.labels) if x.speaker]
    sided = [r for r in rows if r.stance != "NONE"]
    none = [r for r in rows if r.stance == "NONE"]
    random.Random(SEED).shuffle(none)
    kept = sided + none[: NONE_PER_SIDE * len(sided)]
    return kept, {id(r): ("", "") for r in kept}


def train(arts: list[Article], start: PairEncoder, replay: Sequence[dm.Row] = (), log: Any = sys.stderr,
          settings: ne.Settings = SETTINGS, second_layer: bool = False) -> bytes:
    """``start`` trained on the rows of ``arts`` (:func:`training_rows`, ``settings.passes`` times) and the ``replay``
    rows (``news_encoder.replay_rows``), as the bytes of an encoder file, at ``settings``' learning rates; with
    ``second_layer``, the statements train a stance layer of their own (:func:`layers`)."""
    rows, extra = training_rows(arts)
    rows = rows * settings.passes
    print(f"training on {len(rows):,} statements ({sum(r.stance != 'NONE' for r in rows):,} with a side) and {len(replay):,} replayed rows",
          file=log, flush=True)
    extra.update({id(r): ("", "") for r in replay})
    settings = dataclasses.replace(settings, replay=bool(replay))
    # with the replay, the statements get a stance layer of their own (the replay's rows keep the first one)
    return PairEncoder.to_bytes(ne.train(rows + list(replay), extra, settings, log=log, start=start,
                                         second_head="seesaw" if second_layer else None))


def _arrays(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of an encoder file."""
    with np.load(io.BytesIO(data)) as z:
        return {k: z[k] for k in z.files}


def with_speaker_layer(data: bytes) -> bytes:
    """An encoder file trained with ``second_layer`` (:func:`train`) in the shipped format: the statements' layer
    stored as the speaker layer (:data:`stance.encoder.SPEAKER_HEAD`), read for statements whose speaker is named."""
    arrays = _arrays(data)
    if "second_head.weight" not in arrays:
        raise SystemExit("the encoder file has one stance layer; train it with --second-layer to build a speaker layer")
    for k in [k for k in arrays if k.startswith("second_head.")]:
        arrays[SPEAKER_HEAD + k[len("second_head"):]] = arrays.pop(k)
    return PairEncoder.to_bytes(arrays)


def layers(data: bytes) -> tuple[bytes, bytes]:
    """(the encoder with its first stance layer, the encoder with the statements' layer) of an encoder file; the same
    file twice when it has one stance layer."""
    arrays = _arrays(data)
    if "second_head.weight" not in arrays:
        return data, data
    second = {k: arrays.pop(f"second_{k}") for k in ("head.weight", "head.bias")}
    return PairEncoder.to_bytes(arrays), PairEncoder.to_bytes({**arrays, **second})


@dataclass(frozen=True)
class Scored:
    """One article's inputs read once: the linear part's predictions (labels, flags), its stance probabilities and
    the encoder's, columns in ``labels`` order, and which inputs are cued (:meth:`stance.model.StanceModel.cued`)."""

    article: Article
    linear: list[Any]
    labels: list[str]
    linear_p: np.ndarray
    encoder_p: np.ndarray
    cued: np.ndarray


def read(arts: list[Article], enc: PairEncoder, linear: Any) -> list[Scored]:
    """Each article of ``arts`` read once by ``linear`` (a model without its encoder) and by ``enc``."""
    out = []
    for a in arts:
        xs = a.inputs
        if not xs:
            out.append(Scored(a, [], [], np.zeros((0, 3)), np.zeros((0, 3)), np.zeros(0, dtype=bool)))
            continue
        preds = linear.predict_batch([x.content for x in xs], [x.target for x in xs], [x.aliases for x in xs], progress=False)
        labels = list(preds[0].stance_probabilities)
        lin = np.array([[p.stance_probabilities[c] for c in labels] for p in preds])
        ep = encoder_probabilities(xs, enc, labels)
        cued = linear.cued(as_pairs([(x.content, x.target, x.aliases, None) for x in xs]))
        out.append(Scored(a, preds, labels, lin, ep, cued))
    return out


def encoder_probabilities(xs: list[StatementInput], enc: PairEncoder, labels: list[str]) -> np.ndarray:
    """``enc``'s stance probabilities of the inputs ``xs``, columns in ``labels`` order."""
    pairs = [encoder_input(x.content, x.target, x.aliases, None, inputs=enc.inputs) for x in xs]
    return enc.predict_proba([f for f, _ in pairs], [s for _, s in pairs])[:, [enc.labels.index(c) for c in labels]]


def counts(scored: list[Scored], share: float, none_offset: float, cued_share: float | None = None) -> tuple[int, int, int]:
    """(matched, predicted, gold) of who stands where over ``scored`` with the blend at ``share`` (``cued_share`` on cued
    inputs; ``None``: ``share``) and ``none_offset``, as :class:`stance.model.StanceModel` blends."""
    from stance.summary import summarize

    m = n = g = 0
    for s in scored:
        verdicts = []
        if s.linear:
            w = np.where(s.cued, share if cued_share is None else cued_share, share)[:, None]
            probs = (1 - w) * s.linear_p + w * s.encoder_p
            shift = np.array([none_offset if c == "NONE" else 0.0 for c in s.labels])
            best = (probs + shift).argmax(1)
            rows = [analyzed_statement(x, dataclasses.replace(p, stance=s.labels[k], stance_confidence=float(probs[i, k])))
                    for i, (x, p, k) in enumerate(zip(s.article.inputs, s.linear, best))]
            verdicts = [(str(v.speaker), v.verdict, v.target) for v in summarize(rows, aliases=s.article.aliases)
                        if v.speaker and v.verdict in ("FAVOR", "AGAINST")]
        res = score_article(s.article.id, verdicts, s.article.gold)
        m, n, g = m + len(res.matched), n + len(res.predicted), g + len(res.gold)
    return m, n, g


@dataclass(frozen=True)
class Blend:
    """A model's encoder share, its share on cued statements (``None``: the same) and its NONE offset."""

    share: float
    cued_share: float | None
    none_offset: float


def fold_of(story: str, stories: list[str]) -> int:
    return stories.index(story) % FOLDS


def cross_validate(arts: list[Article], start: PairEncoder, linear: Any, shipped: Blend, replay: Sequence[dm.Row] = (),
                   folds: tuple[int, ...] = tuple(range(FOLDS)), log: Any = sys.stderr, settings: ne.Settings = SETTINGS,
                   second_layer: bool = False) -> tuple[dict[str, Any], dict[int, bytes]]:
    """Who stands where pooled over ``folds`` at each share and offset, and (key ``shipped``) the shipped model's on
    the same folds: ``start`` blended with ``linear`` as ``shipped`` says; and each fold's encoder (file bytes)."""
    stories = sorted({a.story for a in arts})
    table: dict[str, list[int]] = {}
    encoders = {}
    for k in folds:
        fit = [a for a in arts if fold_of(a.story, stories) != k]
        held = [a for a in arts if fold_of(a.story, stories) == k]
        print(f"fold {k} (of {FOLDS}): {len(fit)} articles to train, {len(held)} to score", file=log, flush=True)
        encoders[k] = train(fit, start, replay, log, settings, second_layer)
        scored = read(held, PairEncoder.from_bytes(layers(encoders[k])[1]), linear)
        # the shipped encoder on the same inputs; the linear part's reading is shared
        ref = counts([dataclasses.replace(s, encoder_p=encoder_probabilities(s.article.inputs, start, s.labels)) if s.linear else s
                      for s in scored], shipped.share, shipped.none_offset, shipped.cued_share)
        t = table.setdefault("shipped", [0, 0, 0])
        for i in range(3):
            t[i] += ref[i]
        for share in SHARES:
            for cued in CUED_SHARES:
                for off in NONE_OFFSETS:
                    c = counts(scored, share, off, share if cued is None else cued)
                    t = table.setdefault(_key(share, cued, off), [0, 0, 0])
                    for i in range(3):
                        t[i] += c[i]
    out = {}
    for key, (m, n, g) in table.items():
        p, r, f = _prf(m, n, g)
        out[key] = {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2), "matched": m, "predicted": n, "gold": g}
    return out, encoders


#: How far (F1 points) below the best setting pooled over the folds a setting may be and still be preferred for a smaller
#: share or an offset nearer 0: the tolerance the default recipe uses for its encoder shares (``encoder_model.py``).
TOLERANCE = 0.5


def choose(folds: dict[str, Any], guard: Any, shipped_cued: float | None = 0.0) -> dict[str, Any]:
    """Among the settings of ``folds`` that ``guard`` lets through and that are within :data:`TOLERANCE` of the best of
    them: the cued share ``shipped_cued`` (the shipped model's; ``None``: the share), then the smallest share, then the
    offset nearest 0 (then the higher F1). The shipped model leaves cued statements to the linear part because the
    encoder often misreads them (docs/any-target.md, "Known failures"); a setting departs from that only for more than
    the tolerance."""
    checked = {}
    for key in folds:
        if key != "shipped":
            share, cued, off = _setting(key)
            checked[key] = guard(share, cued, off)
    allowed = [k for k, (_, ok) in checked.items() if ok]
    if not allowed:
        readings = {json.dumps(parts, sort_keys=True) for parts, _ in checked.values()}
        said = f"every setting reads {next(iter(readings))}" if len(readings) == 1 else str(checked)
        raise SystemExit(f"no setting passes the guard (dev parts, behavioural checks): {said}, against the shipped "
                         f"{getattr(guard, 'reference', '?')}")
    best = max(folds[k]["f1"] for k in allowed)

    def rank(key: str) -> tuple[float, ...]:
        share, cued, off = _setting(key)
        return -abs(cued - (share if shipped_cued is None else shipped_cued)), -share, -abs(off), folds[key]["f1"]

    key = max((k for k in allowed if folds[k]["f1"] >= best - TOLERANCE), key=rank)
    share, cued, off = _setting(key)
    return {"share": share, "cued_share": cued, "none_offset": off, "folds": folds[key], "best_f1_allowed": best,
            "dev_parts": checked[key][0], "dev_parts_shipped": guard.reference,
            "not_allowed": sorted(k for k, (_, ok) in checked.items() if not ok)}


def given(key: str, guard: Any, folds: dict[str, Any] | None = None) -> dict[str, Any]:
    """The setting ``key`` (share/cued share/offset, as in the folds' table) taken as chosen, with the guard's reading:
    for a setting chosen by an earlier run whose table is recorded in docs/news.md."""
    share, cued, off = _setting(key)
    parts, ok = guard(share, cued, off)
    if not ok:
        raise SystemExit(f"the setting {key} does not pass the guard (dev parts, behavioural checks): {parts} against the shipped {guard.reference}")
    return {"share": share, "cued_share": cued, "none_offset": off, "given": key,
            "folds": (folds or {}).get(_key(share, None if cued == share else cued, off)), "dev_parts": parts,
            "dev_parts_shipped": guard.reference}


def behaviour_guard(guard: Any, enc: PairEncoder, base: Any, items: Sequence[Any] | None = None) -> Any:
    """``guard`` and the behavioural checks (``training/behaviour_checks.py``'s templates, the floor of
    tests/integration/test_default_model.py): the whole model, ``base`` with ``enc`` at the setting, must stay within
    ``news_encoder.GUARD_POINTS`` of ``base``'s own share of them right. The dev parts did not catch a candidate that
    lost a pattern the README's scenario rests on ("We will not allow {T} to stir up unrest."; docs/news.md). Both
    encoders read the checks once (``news_encoder.blend_parts``); each setting only blends."""
    items = list(bc.cases()) if items is None else list(items)
    rows = [dm.Row("behaviour", Pair(c.text, c.target), c.stance, None, c.pattern) for c in items]

    def accuracy(labels: list[str]) -> float:
        return round(100 * sum(a == b for a, b in zip(labels, (r.stance for r in rows))) / len(rows), 1)

    new = ne.blend_parts(enc, base, rows)
    ref = accuracy(ne.blend_parts(base.blend.encoder, base, rows).predict(
        base.encoder_weight, base.encoder_weight_cued, (base.stance_offsets or {}).get("NONE", 0.0)))

    def check(share: float, cued_share: float | None, none_offset: float) -> tuple[dict[str, float], bool]:
        parts, ok = guard(share, cued_share, none_offset)
        got = accuracy(new.predict(share, cued_share, none_offset))
        return {**parts, "behaviour": got}, ok and got >= ref - ne.GUARD_POINTS

    check.reference = {**guard.reference, "behaviour": ref}  # type: ignore[attr-defined]
    return check


def plain_guard(guard: Any, shipped: Blend) -> Any:
    """``guard`` for a model with a speaker layer: every setting of that layer leaves plain predictions (the first
    layer at the shipped blend) as they are, so each is judged by the first layer at the shipped blend."""
    parts = guard(shipped.share, shipped.cued_share, shipped.none_offset)

    def check(share: float, cued_share: float | None, none_offset: float) -> tuple[dict[str, float], bool]:
        return parts

    check.reference = guard.reference  # type: ignore[attr-defined]
    return check


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--folds", type=Path, help="the folds' table (JSON): read when it exists, else made and written")
    ap.add_argument("--setting", help="take this setting (share/cued share/offset, e.g. 0.6/same/-0.2) as chosen, from a "
                    "table recorded in docs/news.md, rather than the folds' best; the guard still applies")
    ap.add_argument("--replay", action="store_true", help="replay the default recipe's training rows beside the statements")
    ap.add_argument("--passes", type=int, default=1, help="passes over the statement rows (default 1)")
    ap.add_argument("--second-layer", action="store_true",
                    help="the statements train a stance layer of their own, the model's speaker layer: read for statements "
                         "whose speaker is named, while plain predictions keep the first layer at the shipped blend")
    ap.add_argument("--body-lr", type=float, default=None,
                    help="the encoder body's peak learning rate (default: the layers' 1e-4)")
    ap.add_argument("--head-lr", type=float, default=None,
                    help="the first stance and the sentiment layers' peak learning rate (default: the layers' 1e-4; 0 keeps them)")
    ap.add_argument("--anchor", type=float, default=0.0,
                    help="pull the body back toward the shipped encoder's weights after each step by this times the step's "
                         "learning rate (a decoupled L2 penalty toward the start; default 0: none)")
    ap.add_argument("--top-layers", type=int, default=None,
                    help="train only the body's top N transformer layers (the rest keep the shipped weights; default: all)")
    ap.add_argument("--start", type=Path, default=dm.OUTPUT,
                    help="the model to train from and compare with: its encoder is trained further, and its linear part and "
                         "metadata go into the build (default: the shipped default model; to rebuild the shipped model, the "
                         "one training/news_encoder.py built)")
    ap.add_argument("--held-in", action="store_true",
                    help="one fold: train on the stories outside fold 0 (the other recipes' hold-out), score fold 0, and keep that encoder")
    ap.add_argument("--output", type=Path, help="write the final encoder here (NPZ): trained on every train story, or with --held-in fold 0's")
    ap.add_argument("--reuse", type=Path, help="the final encoder already written (NPZ)")
    ap.add_argument("--build", type=Path, help="write the default model with the final encoder at the chosen setting here")
    args = ap.parse_args(argv)
    if not (args.folds or args.setting):
        ap.error("give --folds (the table to choose from, made when missing) or --setting (a setting chosen earlier)")
    if args.anchor < 0:
        ap.error(f"--anchor is {args.anchor:g}; give 0 (no pull) or a positive number")
    if args.top_layers is not None and args.top_layers < 1:
        ap.error(f"--top-layers is {args.top_layers}; give 1 or more (leave it out to train the whole body)")
    if args.setting and not (args.output or args.reuse):
        ap.error("--setting needs the final encoder: --output (trained here) or --reuse")
    import stance

    base = stance.load(args.start)
    start = ne.shipped_encoder(args.start)
    arts = articles(args.data_dir)
    old_train, old_dev = dm.dev_split(dm.load_training(args.data_dir))
    replay = ne.replay_rows(old_train) if args.replay else []
    fold_encoders: dict[int, bytes] = {}
    settings = dataclasses.replace(SETTINGS, replay=args.replay, passes=args.passes, body_lr=args.body_lr, head_lr=args.head_lr,
                                   anchor=args.anchor, top_layers=args.top_layers)
    shipped = Blend(base.encoder_weight, base.encoder_weight_cued, (base.stance_offsets or {}).get("NONE", 0.0))
    folds: dict[str, Any] | None = None
    if args.folds and args.folds.exists():
        folds = json.loads(args.folds.read_text())
    elif args.folds:
        folds, fold_encoders = cross_validate(arts, start, base.without_encoder(), shipped, replay, (0,) if args.held_in else tuple(range(FOLDS)),
                                              settings=settings, second_layer=args.second_layer)
        args.folds.parent.mkdir(parents=True, exist_ok=True)
        args.folds.write_text(json.dumps(folds, indent=1))
    if folds is not None:
        best = max((k for k in folds if k != "shipped"), key=lambda k: folds[k]["f1"])
        print(json.dumps({"folds_best": {best: folds[best]}, "shipped": folds["shipped"]}))
    if not (args.output or args.reuse):
        return 0
    if args.reuse:
        data = args.reuse.read_bytes()
    else:
        stories = sorted({a.story for a in arts})
        data = fold_encoders[0] if args.held_in and 0 in fold_encoders else train(
            [a for a in arts if not args.held_in or fold_of(a.story, stories) != 0], start, replay, settings=settings,
            second_layer=args.second_layer)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    enc = PairEncoder.from_bytes(layers(data)[0])  # the guard reads the first layer: what plain predictions use
    guard = behaviour_guard(ne.dev_guard(enc, old_dev, args.data_dir, base), enc, base)
    if args.second_layer:
        guard = plain_guard(guard, shipped)
    choice = given(args.setting, guard, folds) if args.setting else choose(folds or {}, guard, shipped.cued_share)
    print(json.dumps({"choice": choice}))
    if args.build:
        what = (("seesaw train minus every fifth story" if args.held_in else "seesaw train, every story")
                + ", as stance.analyze reads it (each statement with a speaker toward each Main entity, labelled with the speaker's side)")
        if args.second_layer:
            what += ", into a speaker layer of its own"
        if args.replay:
            what += ", with the default recipe's rows replayed" + (" into the first layer" if args.second_layer else "")
        started = None if args.start == dm.OUTPUT else str(args.start)  # recorded with its SHA-256
        stage = ne.Stage("training/statement_encoder.py (on top of training/news_encoder.py and training/encoder_model.py)", what,
                         "statement_training")
        if args.second_layer:  # plain predictions: the first layer at the shipped blend; named speakers: the layer at the choice
            layer = SpeakerLayer(choice["share"], choice["cued_share"], choice["none_offset"])
            ne.build(PairEncoder.from_bytes(with_speaker_layer(data)), shipped.share, shipped.none_offset, choice, args.build,
                     settings, started, shipped.cued_share, stage, layer, base)
        else:
            ne.build(enc, choice["share"], choice["none_offset"], choice, args.build, settings, started, choice["cued_share"], stage,
                     base=base)
        print(f"wrote {args.build}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
