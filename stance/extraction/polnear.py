"""PolNeAR reader (brat standoff) and the content-span evaluation of :func:`extract_statements`.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attribution relations in 2016 US political
news: ``text/<article>.txt`` beside ``attributions/<article>_<annotator>.ann``. This module reads
those files from the data folder (it never copies them) and scores predicted statements against the
gold Content spans.

Annotator policy
----------------
Some articles carry several ``.ann`` files (one per annotator). We use exactly one per article: the
file whose annotator id sorts first alphabetically. This is deterministic and independent of the
predictions.

Matching
--------
A predicted statement *matches* a gold Content span when the predicted characters (its ``parts`` if
given, else ``start:end``) cover at least ``threshold`` (0.3 or 0.8) of the gold span's characters
(the union of its parts). Matching is one-to-one, greedy by descending coverage (ties: document
order). Precision = matches / predictions, recall = matches / gold spans.

A matched statement's speaker is right when its speaker mention overlaps the gold Source span, or
when its speaker string names the same entity as the gold Source (same last name token, or one
contains the other, case-insensitive). Speaker accuracy is computed over matched statements whose
gold event has a Source span.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from stance.exceptions import CorpusError
from stance.extraction._types import Statement

__all__ = [
    "Span",
    "Attribution",
    "Article",
    "read_ann",
    "load_polnear",
    "match_statements",
    "evaluate",
    "format_markdown",
    "to_json",
    "speaker_correct",
]

Span = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution event: its Content span, and its Source and Cue spans when annotated."""

    content: Span
    source: Span | None
    cue: Span | None

    @property
    def content_start(self) -> int:
        return self.content[0][0]


@dataclass(frozen=True)
class Article:
    """One PolNeAR article: its text, publisher, annotator used, and gold attributions."""

    name: str
    text: str
    publisher: str
    annotator: str
    attributions: tuple[Attribution, ...] = field(default_factory=tuple)


_SPAN_RE = re.compile(r"^(\d+) (\d+)$")


def _parse_offsets(raw: str, where: str) -> Span:
    parts = []
    for piece in raw.split(";"):
        m = _SPAN_RE.match(piece.strip())
        if not m:
            raise CorpusError(f"{where}: bad offsets {raw!r}; expected 'start end[;start end...]'")
        parts.append((int(m.group(1)), int(m.group(2))))
    return tuple(parts)


def read_ann(path: str | Path) -> tuple[Attribution, ...]:
    """Read one brat ``.ann`` file into attribution events.

    Parameters
    ----------
    path : str or Path
        The ``.ann`` file.

    Returns
    -------
    tuple of Attribution
        One per ``E`` line that has a ``Content`` argument, in content order. Malformed ``T`` lines
        are skipped (train has one); ``Discuss``/``Discard`` spans are not events and are ignored.
    """
    path = Path(path)
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("T"):
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            head = cols[1].split(" ", 1)
            if len(head) != 2:
                continue
            try:
                spans[cols[0]] = _parse_offsets(head[1], f"{path}:{lineno}")
            except CorpusError:
                continue
        elif line.startswith("E"):
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a)
            events.append(args)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        out.append(
            Attribution(
                content=content,
                source=spans.get(ev.get("Source", "")),
                cue=spans.get(ev.get("Cue", "")),
            )
        )
    out.sort(key=lambda a: a.content)
    return tuple(out)


def _read_metadata(root: Path) -> dict[str, str]:
    meta = root / "metadata.tsv"
    if not meta.is_file():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publisher"] for row in csv.DictReader(fh, delimiter="\t")}


def load_polnear(root: str | Path, split: str = "dev") -> list[Article]:
    """Load a PolNeAR compartment.

    Parameters
    ----------
    root : str or Path
        The ``polnear`` folder (holding ``train/``, ``dev/`` and ``metadata.tsv``).
    split : {"train", "dev"}
        Compartment to read.

    Returns
    -------
    list of Article
        Sorted by article name; one annotator per article (first alphabetically).

    Raises
    ------
    CorpusError
        If the compartment folder or its texts are missing.
    """
    if split not in ("train", "dev"):
        raise CorpusError(f"unknown PolNeAR split {split!r}; expected 'train' or 'dev'")
    root = Path(root)
    text_dir = root / split / "text"
    ann_dir = root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise CorpusError(
            f"PolNeAR {split} not found under {root}: expected {text_dir} and {ann_dir}; "
            "pass --data-dir pointing at the folder that holds polnear/ (or set STANCE_DATA_DIR)"
        )
    publishers = _read_metadata(root)
    anns: dict[str, list[Path]] = defaultdict(list)
    for p in ann_dir.glob("*.ann"):
        stem, _, annotator = p.stem.rpartition("_")
        anns[stem].append(p)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        name = txt.stem
        files = sorted(anns.get(name, []), key=lambda p: p.stem.rpartition("_")[2])
        if not files:
            continue
        ann = files[0]
        articles.append(
            Article(
                name=name,
                text=txt.read_text(encoding="utf-8"),
                publisher=publishers.get(name, name.split("_", 1)[0]),
                annotator=ann.stem.rpartition("_")[2],
                attributions=read_ann(ann),
            )
        )
    if not articles:
        raise CorpusError(f"no annotated PolNeAR articles found in {text_dir}")
    return articles


# ---------------------------------------------------------------------------------------------
# Matching


def _pred_parts(st: Statement) -> Span:
    return tuple(st.parts) if st.parts else ((st.start, st.end),)


def _overlap(a: Span, b: Span) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            lo, hi = max(s1, s2), min(e1, e2)
            if hi > lo:
                total += hi - lo
    return total


def _length(a: Span) -> int:
    return sum(e - s for s, e in a)


def match_statements(
    predicted: Sequence[Statement], gold: Sequence[Attribution], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one matches ``(pred_index, gold_index)`` where the prediction covers >= ``threshold``
    of the gold content characters; greedy by descending coverage."""
    cands = []
    for gi, g in enumerate(gold):
        glen = _length(g.content)
        if glen <= 0:
            continue
        for pi, p in enumerate(predicted):
            pp = _pred_parts(p)
            if pp[-1][1] <= g.content[0][0] or pp[0][0] >= g.content[-1][1]:
                continue
            cov = _overlap(pp, g.content) / glen
            if cov >= threshold:
                cands.append((-cov, pi, gi))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi))
    return out


_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def _name_tokens(s: str) -> set[str]:
    return {t.lower().strip("'’") for t in _TOKEN_RE.findall(s) if t[0].isupper()}


def speaker_correct(pred: Statement, gold: Attribution, text: str) -> bool:
    """Whether a matched statement's speaker agrees with the gold Source span."""
    if gold.source is None:
        return pred.speaker is None
    if pred.speaker_start is not None and pred.speaker_end is not None:
        if _overlap(((pred.speaker_start, pred.speaker_end),), gold.source) > 0:
            return True
    if not pred.speaker:
        return False
    gold_text = " ".join(text[s:e] for s, e in gold.source)
    ps, gs = pred.speaker.lower(), gold_text.lower()
    if ps in gs or gs in ps:
        return True
    pt, gt = _name_tokens(pred.speaker), _name_tokens(gold_text)
    return bool(pt and gt and (pt & gt))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def evaluate(
    articles: Iterable[Article],
    extract: Callable[[str], Sequence[Statement]] | None = None,
    thresholds: Sequence[float] = (0.3, 0.8),
) -> dict:
    """Score ``extract`` (default :func:`stance.extraction.extract_statements`) on PolNeAR articles.

    Parameters
    ----------
    articles : iterable of Article
        From :func:`load_polnear`.
    extract : callable, optional
        ``text -> sequence of Statement``.
    thresholds : sequence of float
        Coverage thresholds to report.

    Returns
    -------
    dict
        ``overall`` and ``per_publisher`` scores (precision/recall/F1 per threshold, speaker
        accuracy at the first threshold), ``articles``, ``seconds`` and ``articles_per_second``.
    """
    if extract is None:
        from stance.extraction import extract_statements

        extract = extract_statements
    articles = list(articles)
    preds = []
    extract("Warm-up: a lazily loaded model is loaded before timing, she said.")
    t0 = time.perf_counter()
    for a in articles:
        preds.append(list(extract(a.text)))
    seconds = time.perf_counter() - t0

    def score(idx: list[int]) -> dict:
        res: dict = {"articles": len(idx)}
        n_pred = sum(len(preds[i]) for i in idx)
        n_gold = sum(len(articles[i].attributions) for i in idx)
        for th in thresholds:
            tp = 0
            sp_ok = sp_n = 0
            for i in idx:
                a = articles[i]
                m = match_statements(preds[i], a.attributions, th)
                tp += len(m)
                for pi, gi in m:
                    g = a.attributions[gi]
                    if g.source is None:
                        continue
                    sp_n += 1
                    sp_ok += speaker_correct(preds[i][pi], g, a.text)
            key = f"overlap_{int(round(th * 100))}"
            res[key] = _prf(tp, n_pred, n_gold)
            res[key]["speaker_accuracy"] = round(100 * sp_ok / sp_n, 2) if sp_n else 0.0
            res[key]["speaker_evaluated"] = sp_n
        return res

    by_pub: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        by_pub[a.publisher].append(i)
    return {
        "overall": score(list(range(len(articles)))),
        "per_publisher": {pub: score(idx) for pub, idx in sorted(by_pub.items())},
        "articles": len(articles),
        "seconds": round(seconds, 4),
        "articles_per_second": round(len(articles) / seconds, 1) if seconds > 0 else float("inf"),
    }


def format_markdown(result: dict, title: str = "PolNeAR content-span extraction") -> str:
    """Render an :func:`evaluate` result as a Markdown table."""
    keys = [k for k in result["overall"] if k.startswith("overlap_")]
    head = ["publisher", "articles"]
    for k in keys:
        pct = k.split("_")[1]
        head += [f"P@{pct}", f"R@{pct}", f"F1@{pct}"]
    head.append(f"speaker acc (@{keys[0].split('_')[1]})")
    lines = [f"## {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def row(name: str, r: dict) -> str:
        cells = [name, str(r["articles"])]
        for k in keys:
            cells += [f"{r[k]['precision']:.1f}", f"{r[k]['recall']:.1f}", f"{r[k]['f1']:.1f}"]
        cells.append(f"{r[keys[0]]['speaker_accuracy']:.1f}")
        return "| " + " | ".join(cells) + " |"

    lines.append(row("**all**", result["overall"]))
    for pub, r in result["per_publisher"].items():
        lines.append(row(pub, r))
    lines += ["", f"Speed: {result['articles_per_second']} articles/s "
              f"({result['articles']} articles in {result['seconds']} s, single process)."]
    return "\n".join(lines) + "\n"


def to_json(result: dict) -> str:
    """An :func:`evaluate` result as indented JSON."""
    return json.dumps(result, indent=2, sort_keys=True)
