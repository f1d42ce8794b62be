"""Speaker offsets agree with the speaker (issue 18 item 11), checked as a property over the extraction test cases,
the example articles and generated sentences.

The record's invariant (see :class:`stance.extraction.Statement`): ``text[speaker_start:speaker_end]`` is the
mention used. For a name it holds the speaker as written, possibly with the words describing it ("Interior Ministry
spokeswoman Anna Petrova", "President Ingrid Halvard of Norvania"), never a pronoun run into it; for a pronoun or a
role noun resolved to a name ("she", "the spokeswoman") it holds that word, and the name is written elsewhere.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from stance.extraction import extract_statements
from test_extraction import CASES, CUE_OFFSET_CASES

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))
PRONOUNS = {"he", "she", "it", "i", "they", "him", "them", "me"}


def _violations(text: str) -> list[str]:
    out = []
    for st in extract_statements(text):
        if st.speaker is None or st.speaker_start is None:
            continue
        if not (st.speaker_end is not None and 0 <= st.speaker_start < st.speaker_end <= len(text)):
            out.append(f"offsets {st.speaker_start}..{st.speaker_end} outside the text")
            continue
        mention = text[st.speaker_start:st.speaker_end]
        if st.speaker in mention:
            around = mention.replace(st.speaker, " ", 1).split()
            pronouns = [w for w in around if w.lower().strip(".,;:'’") in PRONOUNS]
            if pronouns:
                out.append(f"speaker {st.speaker!r} but the offsets cover {mention!r} (pronoun {pronouns[0]!r})")
        elif st.speaker not in text:
            out.append(f"speaker {st.speaker!r} is written nowhere in the text (offsets cover {mention!r})")
    return out


def test_the_reported_case() -> None:
    text = "The plan works, according to she Mr."
    (st,) = extract_statements(text)
    assert st.speaker == "Mr"
    assert text[st.speaker_start:st.speaker_end] == "Mr"


@pytest.mark.parametrize("text", [c[1] for c in CASES] + [c[1] for c in CUE_OFFSET_CASES], ids=lambda t: t[:40])
def test_offsets_agree_with_the_speaker_on_the_extraction_cases(text) -> None:
    assert _violations(text) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_offsets_agree_with_the_speaker_on_the_example_articles(path) -> None:
    assert _violations(path.read_text(encoding="utf-8")) == []


_CONTENTS = ["The plan works", "Taxes will rise next year", "the bridge is safe", "We never agreed to the deal"]
_PRONOUN_WORDS = ["she", "he", "they", "it", "them", "him", "her", "we", ""]
_TITLES = ["", "Mr", "Mr.", "Dr", "Senator", "the mayor", "spokeswoman"]
_NAMES = ["Smith", "Ana Lind", "Mr", "Ivo Brandt", "Acme Corp", "Lena"]
_TEMPLATES = [
    "{c}, according to {p} {t} {n}.",
    "According to {p} {t} {n}, {c}.",
    '"{c}," {p} {t} {n} said.',
    '"{c}," said {p} {t} {n}.',
    "{p} {t} {n} said {c}.",
    "{n} spoke on Monday. {p} said {c}.",
    '{t} {n} arrived. "{c}," {p} said, according to {p} {n}.',
]


def _generated(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = dict(c=rng.choice(_CONTENTS), p=rng.choice(_PRONOUN_WORDS), t=rng.choice(_TITLES), n=rng.choice(_NAMES))
        text = rng.choice(_TEMPLATES).format(**words)
        out.append(" ".join(text.split()))
    return out


def test_offsets_agree_with_the_speaker_on_generated_sentences() -> None:
    """400 generated sentences, 20 to an article (extraction has a fixed cost per call)."""
    sentences = _generated(18, 400)
    articles = [" ".join(sentences[i:i + 20]) for i in range(0, len(sentences), 20)]
    failures = {t: v for t in articles if (v := _violations(t))}
    assert not failures, [v for v in failures.values()][:3]
