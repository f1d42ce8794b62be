"""The sorted statement index that keeps the learned-cue pass linear agrees with a plain scan.

The extractor used to scan every statement for each cue it split or gave a prior speaker, which made
a book-length text quadratic (``benchmarks/bench_extract.py`` measures the growth). These tests
compare the index's answers with the scans it replaced, on random statement lists that grow and get
split the way the pass grows and splits them.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from stance.extraction.learned import StatementIndex, drop_holding
from stance.extraction.pipeline import extract
from stance.extraction._types import Statement


def _statement(rng: random.Random) -> Statement:
    start = rng.randrange(0, 500)
    end = start + rng.randrange(1, 80)
    has_speaker = rng.random() < 0.7
    speaker_start = rng.randrange(0, 600) if has_speaker else None
    parts = ((start, start + 1), (end - 1, end)) if rng.random() < 0.2 and end - start > 2 else ()
    return Statement(text="x" * (end - start), start=start, end=end,
                     speaker=f"S{rng.randrange(5)}" if has_speaker else None,
                     speaker_start=speaker_start, speaker_end=speaker_start + 3 if has_speaker else None,
                     cue=None, kind="indirect", parts=parts)


def _scan_holding(statements: list[Statement], pos: int, cut: int) -> int | None:
    for n, st in enumerate(statements):
        if not st.parts and st.start < cut and pos < st.end:
            return n
    return None


def _scan_prior(statements: list[Statement], s_start: int, pos: int) -> tuple | None:
    best = None
    for st in statements:
        if st.speaker is not None and st.speaker_start is not None and s_start <= st.speaker_start < pos:
            if best is None or st.speaker_start > best.speaker_start:
                best = st
    return None if best is None else (best.speaker_start, best.speaker_end, best.speaker)


@pytest.mark.parametrize("seed", range(20))
def test_index_answers_like_a_scan_while_statements_grow_and_split(seed: int) -> None:
    rng = random.Random(seed)
    statements = [_statement(rng) for _ in range(rng.randrange(0, 30))]
    index = StatementIndex(statements)
    for _ in range(200):
        action = rng.random()
        if action < 0.3:
            statements.append(_statement(rng))
            index.added(statements)
        elif action < 0.45 and statements:
            n = rng.randrange(len(statements))
            old = statements[n]
            if not old.parts and old.end - old.start > 1:
                new = dataclasses.replace(old, start=old.start, end=rng.randrange(old.start + 1, old.end))
                statements[n] = new
                index.replaced(n, old, new)
        else:
            pos = rng.randrange(0, 620)
            cut = rng.randrange(0, 620)
            assert index.first_holding(statements, pos, cut) == _scan_holding(statements, pos, cut)
            s_start = rng.randrange(0, pos + 1)
            got = index.prior_speaker(statements, s_start, pos)
            assert (None if got is None else (got.start, got.end, got.name)) == _scan_prior(statements, s_start, pos)
        assert index.pairs == sorted((st.start, st.end) for st in statements)


@pytest.mark.parametrize("seed", range(10))
def test_drop_holding_removes_exactly_the_spans_around_the_position(seed: int) -> None:
    rng = random.Random(seed)
    covered = sorted((a, a + rng.randrange(1, 60)) for a in (rng.randrange(0, 300) for _ in range(40)))
    starts = [c[0] for c in covered]
    longest = max(b - a for a, b in covered)
    pos = rng.randrange(0, 360)
    expected = [c for c in covered if not (c[0] < pos < c[1])]
    assert len(expected) < len(covered) or seed > 0  # the first seed does drop something
    drop_holding(covered, starts, longest, pos)
    assert covered == expected
    assert starts == [c[0] for c in expected]


def test_cue_probs_name_the_learned_cue_statements_and_nothing_else() -> None:
    from stance.extraction import _model as M

    model = M.load_model()
    if model is None:
        pytest.skip("the packaged learned-cue model is absent")
    text = (
        "Ivo Park wants the harbour tunnel built before the winter. The council said the fares were too high. "
        "Dana Voss believes the plan will fail, and her party opposes the new tariff."
    )
    probs: dict[int, float] = {}
    found = extract(text, model=model, cue_probs=probs)
    rule_only = {(s.start, s.end, s.cue_start) for s in extract(text, model=None)}
    learned = [s for s in found if (s.start, s.end, s.cue_start) not in rule_only]
    assert learned, "the text should hold statements of learned cues"
    assert set(probs) == {s.cue_start for s in learned}
    assert all(model.cue.threshold <= p <= 1.0 for p in probs.values())
    assert found == extract(text, model=model)  # recording changes nothing
