"""Synthetic news articles with known statements, for tests and benchmarks of corpus-scale runs.

Each article is put together from templates written by the team for this module (in the style of the behavioural
checks in ``corpora/checks/templates.json``): a headline and a lede about one to three targets, quoted and reported
statements by named speakers, each with the stance it was written to take toward one target, and paragraphs that
hold no statement. No sentence comes from a real article.

Article ``i`` of seed ``s`` is the same whatever the number of articles asked for, on every machine and Python
version (its random generator is seeded with the text ``"s:i"``), so a corpus of 100,000 articles starts with the
corpus of 1,000.

>>> from stance.synthetic import synthetic_articles
>>> a = next(synthetic_articles(1, seed=7))
>>> a.id, a.statements[0].stance in ("FAVOR", "AGAINST", "NONE")
('syn7-0000000', True)
"""

from __future__ import annotations

import csv
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stance._files import replacing

__all__ = ["SyntheticStatement", "SyntheticArticle", "TARGETS", "synthetic_articles", "write_corpus", "CORPUS_FORMATS"]

#: Targets the articles are about.
TARGETS = (
    "the harbour tunnel", "the new tariff", "the coalition", "the wind farm", "the school levy", "the transit plan",
    "the pension reform", "the border agreement",
)

_FIRST = ("Amara", "Erik", "Maria", "Piet", "Anna", "Dana", "Jonas", "Leila", "Tomas", "Ines", "Marek", "Sofia",
          "Kwame", "Hana", "Ruben", "Elif")
_LAST = ("Okafor", "Lindqvist", "Berg", "Sandoval", "Petrova", "Kovik", "Aalto", "Haddad", "Moreau", "Castell",
         "Novak", "Brandt", "Mensah", "Ito", "Varga", "Demir")
_ROLES = ("a city councillor", "the union's spokeswoman", "a local business owner", "the opposition leader",
          "the transport minister", "a retired teacher", "the chair of the residents' association", "a senior economist")
_CITIES = ("Nordhaven", "Kestrava", "Valmora", "Orlen", "Brightwater", "Santelmo")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

#: What a speaker says in quotation marks, by the stance it takes toward ``{t}`` (``{T}``: capitalised).
_QUOTES = {
    "FAVOR": ("We stand with {t}.", "We are proud of {t}.", "{T} has done a great job.",
              "{T} is the best thing this city has done in years.", "I fully support {t} and so do my neighbours."),
    "AGAINST": ("We oppose {t}.", "{T} is a disaster for ordinary families.", "{T} is a threat to our security.",
                "We will never accept {t}.", "{T} is a terrible waste of public money."),
    "NONE": ("{T} will be discussed at the summit next week.", "We met representatives of {t} on Tuesday.",
             "The details of {t} will be published in March."),
}
#: What a speaker is reported to have said, after "said that" or "According to X,".
_CLAUSES = {
    "FAVOR": ("{t} had done a great job", "{t} was good news for families"),
    "AGAINST": ("{t} was a disaster for ordinary families", "{t} was a threat to their security"),
    "NONE": ("{t} would be discussed at the summit", "details of {t} would be published in March"),
}
#: Reports whose verb takes the side ("X condemned Y").
_REPORTS = {
    "FAVOR": ("{s} praised {t} for its quick response.", "{s} welcomed {t}.", "{s} defended {t} against its critics."),
    "AGAINST": ("{s} condemned {t} on Monday.", "{s} accused {t} of lying to the public.", "{s} blamed {t} for the delays."),
}
#: How a quotation is attributed; ``{q}`` is the quote ending in a comma or a full stop as the frame needs.
_QUOTE_FRAMES = ('"{q}," said {s}, {role}.', '"{q}," {s} told reporters.', '"{q}," {s} said in a statement on {day}.',
                 '{s}, {role}, said: "{q}."')
_INDIRECT_FRAMES = ("{s} said that {c}.", "According to {s}, {c}.")
#: Paragraphs without a statement.
_FILLERS = (
    "Heavy rain is expected in the capital this weekend.",
    "The museum is open from nine until five on weekdays.",
    "The train schedule changes on the first of the month.",
    "Traffic on the coast road was light on {day} morning.",
    "The market opened late because of the weather.",
    "A public meeting is planned at the town hall in {month}.",
    "The ferry to the islands runs twice a day in winter.",
)


@dataclass(frozen=True, slots=True)
class SyntheticStatement:
    """A statement an article was written with: who says it, toward which target, and the stance it was written to take."""

    speaker: str
    target: str
    stance: str
    kind: str
    sentence: str


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One synthetic article: its id, its text, the targets it is about and the statements written into it."""

    id: str
    text: str
    targets: tuple[str, ...]
    statements: tuple[SyntheticStatement, ...]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _article(seed: int, index: int) -> SyntheticArticle:
    rng = random.Random(f"{seed}:{index}")
    targets = tuple(rng.sample(TARGETS, rng.randint(1, 3)))
    city, month, day = rng.choice(_CITIES), rng.choice(_MONTHS), rng.choice(_WEEKDAYS)
    people = [f"{first} {last}" for first, last in zip(rng.sample(_FIRST, 6), rng.sample(_LAST, 6))]
    paragraphs = [f"{_cap(targets[0])} divides {city}",
                  f"{city.upper()}, {month} {rng.randint(1, 28)} — {_cap(targets[0])} was the main topic in {city} this week."]
    statements = []
    body: list[str] = [rng.choice(_FILLERS).format(day=day, month=month) for _ in range(rng.randint(3, 7))]
    for _ in range(rng.randint(4, 9)):
        target, speaker = rng.choice(targets), rng.choice(people)
        kind = rng.choice(("direct", "direct", "indirect", "report"))
        stance = rng.choice(("FAVOR", "AGAINST", "NONE") if kind != "report" else ("FAVOR", "AGAINST"))
        if kind == "direct":
            quote = rng.choice(_QUOTES[stance]).format(t=target, T=_cap(target)).rstrip(".")
            sentence = rng.choice(_QUOTE_FRAMES).format(q=quote, s=speaker, role=rng.choice(_ROLES), day=day)
        elif kind == "indirect":
            clause = rng.choice(_CLAUSES[stance]).format(t=target)
            sentence = rng.choice(_INDIRECT_FRAMES).format(s=speaker, c=clause)
        else:
            sentence = rng.choice(_REPORTS[stance]).format(s=speaker, t=target)
        statements.append(SyntheticStatement(speaker, target, stance, "direct" if kind == "direct" else "indirect", sentence))
        body.insert(rng.randint(0, len(body)), sentence)
    text = "\n\n".join([*paragraphs, *body]) + "\n"
    # the statements in the order they appear in the text
    ordered = sorted(statements, key=lambda st: text.index(st.sentence))
    return SyntheticArticle(f"syn{seed}-{index:07d}", text, targets, tuple(ordered))


def synthetic_articles(n: int, *, seed: int = 0, start: int = 0) -> Iterator[SyntheticArticle]:
    """Articles ``start`` to ``start + n - 1`` of ``seed``, made one at a time (memory does not grow with ``n``)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n is {n!r}; give the number of articles, a whole number from 0")
    for i in range(start, start + n):
        yield _article(seed, i)


#: Formats :func:`write_corpus` writes: a folder of text files, or one table.
CORPUS_FORMATS = ("txt", "jsonl", "csv", "parquet")


def write_corpus(path: str | os.PathLike[str], n: int, *, seed: int = 0, fmt: str | None = None, rows_per_group: int = 1000) -> Path:
    """Write ``n`` synthetic articles to ``path``: a folder of ``<id>.txt`` files (``fmt="txt"``, or a path without
    an extension), or a table with the columns ``id`` and ``text`` (``.jsonl``, ``.csv``, ``.parquet``). A table file
    is written under a temporary name and renamed when complete. Returns ``path``."""
    path = Path(path)
    fmt = fmt or (path.suffix.lower().lstrip(".") or "txt")
    if fmt not in CORPUS_FORMATS:
        raise ValueError(f"format {fmt!r} for {str(path)!r}; give one of {', '.join(CORPUS_FORMATS)}")
    articles = synthetic_articles(n, seed=seed)
    if fmt == "txt":
        path.mkdir(parents=True, exist_ok=True)
        for a in articles:
            (path / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
        return path
    with replacing(path) as tmp:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = pa.schema([("id", pa.string()), ("text", pa.string())])
            with pq.ParquetWriter(str(tmp), schema) as writer:
                chunk: list[SyntheticArticle] = []
                for a in articles:
                    chunk.append(a)
                    if len(chunk) == rows_per_group:
                        writer.write_table(pa.table({"id": [c.id for c in chunk], "text": [c.text for c in chunk]}, schema=schema))
                        chunk = []
                if chunk or n == 0:
                    writer.write_table(pa.table({"id": [c.id for c in chunk], "text": [c.text for c in chunk]}, schema=schema))
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                if fmt == "csv":
                    w = csv.writer(fh)
                    w.writerow(["id", "text"])
                    for a in articles:
                        w.writerow([a.id, a.text])
                else:
                    for a in articles:
                        fh.write(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n")
    return path
