"""Behavioural checks: does a model get the plainest statements right?

    python training/behaviour_checks.py                        # the built-in models, markdown table on stdout
    python training/behaviour_checks.py --model m.stance       # one model file (repeatable)
    python training/behaviour_checks.py --doc docs/any-target.md   # also write the table between the markers
    python training/behaviour_checks.py --news [--doc docs/news.md]  # the plain news cases instead

The cases come from ``corpora/checks/templates.json``: short news-style sentences written by the team, one
pattern per line ("{S} supports {T}.", "{S} rejects any attempt to undermine {T}.", "We will not allow {T} to
stir up unrest."), each filled with six targets. This is a diagnostic, not a benchmark: the patterns were
written while the features were developed, so the figures say what a model does on easy sentences, not how
it generalizes. No model is trained on them.

``--news`` scores ``corpora/checks/news_cases.json`` instead (issue 16): plain news cases written whole, one by one,
where the target is often not repeated word for word or only pointed at, some with the speaker and the sentence
before (passed to the model as ``speakers`` / ``contexts``). Cases marked ``seen`` share their expression with
newsstance part D, written after them (its brief listed some of their idioms), so they are no longer held out from a
model trained on it; the table gives the held-out rest apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "training"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import stance  # noqa: E402
from stance.labels import STANCE_LABELS  # noqa: E402

TEMPLATES = REPO / "corpora" / "checks" / "templates.json"
NEWS_CASES = REPO / "corpora" / "checks" / "news_cases.json"
START, END = "<!-- behaviour-checks:start -->", "<!-- behaviour-checks:end -->"
NEWS_START, NEWS_END = "<!-- news-checks:start -->", "<!-- news-checks:end -->"
#: Groups of the news table: cases whose expression newsstance part D shares (marked ``seen`` in the file) and the rest.
SEEN, HELD_OUT = "expression shared with newsstance part D", "held-out cases"


@dataclass(frozen=True)
class Case:
    pattern: str
    text: str
    target: str
    stance: str


def cases(path: Path = TEMPLATES) -> list[Case]:
    """Every pattern filled with every target (speakers rotate); the first letter is capitalized."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for p in spec["patterns"]:
        if p["stance"] not in STANCE_LABELS:
            raise ValueError(f"pattern {p['id']!r}: stance {p['stance']!r} is not one of {sorted(STANCE_LABELS)}")
        for i, target in enumerate(spec["targets"]):
            speaker = spec["speakers"][i % len(spec["speakers"])]
            text = p["text"].replace("{S}", speaker).replace("{T}", target)
            out.append(Case(p["id"], text[0].upper() + text[1:], target, p["stance"]))
    return out


@dataclass(frozen=True)
class NewsCase:
    id: str
    text: str
    target: str
    stance: str
    aliases: tuple[str, ...] = ()
    speaker: str | None = None
    context: str | None = None
    #: why the case is no longer held out (an expression that training data shares), or None
    seen: str | None = None


def news_cases(path: Path = NEWS_CASES) -> list[NewsCase]:
    """The plain news cases, as written (ids unique, labels checked)."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    out, seen = [], set()
    for i, c in enumerate(spec["cases"]):
        if c.get("stance") not in STANCE_LABELS:
            raise ValueError(f"{path.name}: case {i} ({c.get('id')!r}): stance {c.get('stance')!r} is not one of {sorted(STANCE_LABELS)}")
        if c["id"] in seen:
            raise ValueError(f"{path.name}: case {i}: id {c['id']!r} is used twice")
        seen.add(c["id"])
        out.append(NewsCase(c["id"], c["text"], c["target"], c["stance"], tuple(c.get("aliases", ())), c.get("speaker"), c.get("context"),
                            c.get("seen")))
    return out


def score_news(model: Any, items: list[NewsCase]) -> dict[str, Any]:
    """Accuracy overall, right / total per expected label and for the cases with a speaker, and the ids got wrong."""
    preds = model.predict_batch([c.text for c in items], [c.target for c in items], [c.aliases for c in items],
                                speakers=[c.speaker for c in items], contexts=[c.context for c in items])
    groups: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for c, p in zip(items, preds):
        ok = p.stance == c.stance
        groups[c.stance].append(ok)
        if c.speaker or c.context:
            groups["speaker or sentence before given"].append(ok)
        groups[SEEN if c.seen else HELD_OUT].append(ok)
        if not ok:
            wrong.append(f"{c.id} ({p.stance})")
    return {
        "accuracy": round(100 * sum(p.stance == c.stance for c, p in zip(items, preds)) / len(items), 1),
        "groups": {k: (sum(v), len(v)) for k, v in groups.items()},
        "wrong": wrong,
    }


def news_table(names: list[str], results: list[dict[str, Any]], items: list[NewsCase]) -> str:
    lines = ["| cases | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for g in ("FAVOR", "AGAINST", "NONE", "speaker or sentence before given", SEEN):
        if g in results[0]["groups"]:
            lines.append(f"| {g} | " + " | ".join("{}/{}".format(*r["groups"][g]) for r in results) + " |")
    lines.append("| **all cases** | " + " | ".join(f"**{r['accuracy']}%**" for r in results) + " |")
    if HELD_OUT in results[0]["groups"]:
        lines.append(f"| **{HELD_OUT}** | " + " | ".join("**{}/{} ({:.1f}%)**".format(*r["groups"][HELD_OUT], 100 * r["groups"][HELD_OUT][0] / r["groups"][HELD_OUT][1])
                                                   for r in results) + " |")
    for n, r in zip(names, results):
        lines.append(f"\nWrong with `{n}` (predicted label): " + (", ".join(r["wrong"]) or "none") + ".")
    return "\n".join(lines)


def score(model: Any, items: list[Case]) -> dict[str, Any]:
    """Accuracy overall and the number right per pattern."""
    preds = model.predict_batch([c.text for c in items], [c.target for c in items])
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for c, p in zip(items, preds):
        total[c.pattern] += 1
        right[c.pattern] += p.stance == c.stance
    return {
        "accuracy": round(100 * sum(right.values()) / len(items), 1),
        "right": dict(right),
        "total": dict(total),
    }


def table(names: list[str], results: list[dict[str, Any]], items: list[Case]) -> str:
    first: dict[str, Case] = {}
    for c in items:
        first.setdefault(c.pattern, c)
    head = "| pattern (first case) | expected | " + " | ".join(names) + " |"
    lines = [head, "|---|---|" + "---|" * len(names)]
    for pid, c in first.items():
        cells = " | ".join(f"{r['right'].get(pid, 0)}/{r['total'][pid]}" for r in results)
        lines.append(f"| {c.text} | {c.stance} | {cells} |")
    lines.append("| **all cases** | | " + " | ".join(f"**{r['accuracy']}%**" for r in results) + " |")
    return "\n".join(lines)


def write_doc(doc: Path, text: str, start: str = START, end: str = END) -> None:
    from evaluate_default import replace_between

    body = doc.read_text(encoding="utf-8")
    if start not in body or end not in body:
        raise SystemExit(f"{doc}: markers {start} / {end} not found; add them where the table belongs")
    doc.write_text(replace_between(body, start, end, text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", help="model name or path (repeatable; default: default, default-linear and semeval2016)")
    ap.add_argument("--doc", type=Path, help="write the table between the behaviour-checks (news-checks) markers of this file")
    ap.add_argument("--news", action="store_true", help="score the plain news cases (corpora/checks/news_cases.json)")
    args = ap.parse_args(argv)
    names = args.model or ["default", "default-linear", "semeval2016"]
    if args.news:
        news = news_cases()
        text = news_table(names, [score_news(stance.load(n), news) for n in names], news)
        text += f"\n\n{len(news)} cases from `corpora/checks/news_cases.json`; command: `python training/behaviour_checks.py --news`."
        print(text)
        if args.doc:
            write_doc(args.doc, text, NEWS_START, NEWS_END)
        return 0
    items = cases()
    results = [score(stance.load(n), items) for n in names]
    text = table(names, results, items)
    text += f"\n\n{len(items)} cases from `corpora/checks/templates.json`; command: `python training/behaviour_checks.py`."
    print(text)
    if args.doc:
        write_doc(args.doc, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
