"""The other names an article gives a target (stance.mentions), and analyze taking them."""

from __future__ import annotations

import pytest

import stance
from stance.mentions import article_aliases
from stance.model import TARGET_NOT_MENTIONED
from synthetic import train_small_model


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("President Barack Obama spoke on Monday. The president said he would veto it.", "Barack Obama", ("the president",)),
        # the longer title wins: Biden is the vice president, not the president
        ("Vice President Joe Biden arrived late.", "Joe Biden", ("the vice president",)),
        ("Sen. Ted Cruz (R-Texas) filibustered for hours.", "Ted Cruz", ("the senator",)),
        # a title with other names between it and the last name
        ("Attorney General Loretta E. Lynch said so.", "Loretta Lynch", ("the attorney general",)),
        # no title before this name in the article
        ("Barack Obama spoke on Monday.", "Barack Obama", ()),
        # a title before someone else's name is not this person's
        ("President Donald Trump met Barack Obama.", "Barack Obama", ()),
        ("The Internal Revenue Service said the IRS would review it.", "Internal Revenue Service", ("IRS",)),
        # an acronym the article never uses is not invented
        ("The Internal Revenue Service said it would review it.", "Internal Revenue Service", ()),
        ("Democrats walked out; the Democratic Party said nothing.", "Democratic Party", ("Democrats",)),
        ("Republicans and the GOP leadership agreed.", "Republican Party", ("Republicans", "GOP")),
        ("The rule takes effect in May.", "plan to extend overtime pay to 5 million workers", ("the plan", "this plan", "that plan")),
        # two words without a determiner keep their modifier: "the forces" may be other forces
        ("It passed.", "proposed rule", ()),
        ("It passed.", "outside forces", ()),
        ("It passed.", "Turner’s sentence", ("the sentence", "this sentence", "that sentence")),
        ("It passed.", "the protesters", ("these protesters", "those protesters")),
        ("It passed.", "the government", ("this government", "that government")),
        ("It passed.", "3-D printed guns", ("the guns", "these guns", "those guns")),
        # a title before two people's names names neither; a former holder does not count
        ("President Ana Ruiz met President Tomas Reyna.", "Tomas Reyna", ()),
        ("Former President George W. Bush praised President Barack Obama.", "Barack Obama", ("the president",)),
        # one word, or a head that is a name: nothing to add
        ("The reform passed.", "reform", ()),
        ("It passed.", "Romney's plan", ("the plan", "this plan", "that plan")),
    ],
)
def test_article_aliases(text: str, target: str, expected: tuple[str, ...]) -> None:
    assert article_aliases(text, target) == expected


def test_given_aliases_and_the_target_are_not_repeated() -> None:
    text = "President Barack Obama spoke. The president left."
    assert article_aliases(text, "Barack Obama", ["The President"]) == ()
    assert article_aliases(text, "the plan") == ("this plan", "that plan")


def test_analyze_counts_a_title_as_naming_the_target() -> None:
    article = ('President Barack Obama arrived on Monday. Ana Ruiz said the president had betrayed the workers. '
               'Tom Hale said the weather was fine.')
    model = train_small_model()
    found = stance.analyze(article, ["Barack Obama"], model=model)
    given = stance.analyze(article, ["Barack Obama"], model=model, find_aliases=False)
    ruiz = [r for r in found if r.speaker == "Ana Ruiz"]
    ruiz_given = [r for r in given if r.speaker == "Ana Ruiz"]
    assert ruiz and ruiz_given
    assert TARGET_NOT_MENTIONED not in ruiz[0].flags
    assert TARGET_NOT_MENTIONED in ruiz_given[0].flags
    # a statement that names the target in no way is still flagged
    hale = [r for r in found if r.speaker == "Tom Hale"]
    assert hale and TARGET_NOT_MENTIONED in hale[0].flags
