"""The ``mention_roles`` context features: the nearest cue on each side of a mention, by the mention's role."""

from __future__ import annotations

import pytest

from stance.explain import describe_feature
from stance.features import Pair, StanceFeaturizer


def roles(text: str, target: str, **params: object) -> list[str]:
    f = StanceFeaturizer(mention_roles=True, per_target=False, **params)  # type: ignore[arg-type]
    a = f.analyze(Pair(text, target))
    return sorted(c for c in a.context if c.startswith(("x:obj:", "x:subj:")))


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("The council condemns the new tariff.", "the new tariff", ["x:obj:oppose"]),
        ("We oppose the harbour tunnel.", "the harbour tunnel", ["x:obj:oppose"]),
        ("The mayor does not support the plan.", "the plan", ["x:obj:neg:pos", "x:obj:neg:support"]),
        ("The union backs the reform.", "the union", ["x:subj:support"]),
        # the nearest cue wins; "supports" is farther from the mention than "opposes"
        ("She supports and opposes the bill.", "the bill", ["x:obj:oppose"]),
        # a contrast word or ! / ? ends the search
        ("They oppose nothing but the reform.", "the reform", []),
        ("Support them ! the reform is late.", "the reform", []),
        # too far away: four words at most on the left
        ("They support all of the many old and new rules.", "rules", []),
        # no mention, no role features
        ("They support the plan.", "the tariff", []),
    ],
)
def test_roles(text: str, target: str, expected: list[str]) -> None:
    assert roles(text, target) == expected


def test_off_by_default() -> None:
    f = StanceFeaturizer(per_target=False)
    assert f.mention_roles is False
    a = f.analyze(Pair("The council condemns the new tariff.", "the new tariff"))
    assert not [c for c in a.context if c.startswith(("x:obj:", "x:subj:"))]


def test_roles_reach_the_context_vocabulary() -> None:
    pairs = [Pair("The council condemns the tariff.", "the tariff"), Pair("Unions condemn the levy.", "the levy")]
    with_roles = StanceFeaturizer(mention_roles=True, per_target=False, min_df=2).fit(pairs)
    without = StanceFeaturizer(per_target=False, min_df=2).fit(pairs)
    assert "x:obj:oppose" in with_roles.context_vocabulary_.tolist()
    assert "x:obj:oppose" not in without.context_vocabulary_.tolist()
    assert with_roles.transform(pairs).shape[1] == without.transform(pairs).shape[1] + 1


def test_described_for_explanations() -> None:
    assert describe_feature("x:obj:neg:support") == "negated support cue just before the target (the target is its object)"
    assert describe_feature("x:subj:oppose") == "oppose cue just after the target (the target is its subject)"
