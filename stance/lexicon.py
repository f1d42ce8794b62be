"""Word lists used by the feature extractor, written for this project.

Everything lexical that the stance and sentiment features rely on lives here, so a reader can see and
change it in one place. The lists are deliberately short and general: the classifiers learn the rest
from data; these words only give the model target-relative signals that generalize to unseen targets.
"""

from __future__ import annotations

__all__ = [
    "NEGATORS",
    "CONTRAST",
    "SUPPORT_CUES",
    "OPPOSE_CUES",
    "POSITIVE_WORDS",
    "NEGATIVE_WORDS",
    "INTENSIFIERS",
    "PRONOUNS_FIRST",
]

#: Words that flip the polarity of what follows within a short window.
NEGATORS: frozenset[str] = frozenset(
    """not no never nor neither without none nobody nothing cannot cant can't don't dont doesn't doesnt
    didn't didnt isn't isnt aren't arent wasn't wasnt weren't werent won't wont wouldn't wouldnt
    shouldn't shouldnt couldn't couldnt mustn't hardly barely refuse refuses refused refusing
    reject rejects rejected rejecting deny denies denied against""".split()
)

#: Discourse markers after which the writer's real point tends to come.
CONTRAST: frozenset[str] = frozenset("but however although though yet whereas despite nevertheless still".split())

#: Verbs and phrases whose object is supported (``backs X``, ``stand with X``).
SUPPORT_CUES: frozenset[str] = frozenset(
    """support supports supported supporting supporter supporters back backs backed backing endorse
    endorses endorsed endorsing praise praises praised praising defend defends defended defending
    welcome welcomes welcomed welcoming applaud applauds applauded champion champions championed
    favor favors favored favour favours favoured vote voted voting elect thank thanks thanked
    admire admires admired love loves loved trust trusts trusted respect respects respected
    celebrate celebrates celebrated salute salutes saluted commend commends commended hail hails
    hailed stand stands standing solidarity ally allies allied pro proud protect protects protected
    uphold upholds upheld embrace embraces embraced approve approves approved agree agrees agreed
    join joins joined""".split()
)

#: Verbs and phrases whose object is opposed (``condemns X``, ``blames X``).
OPPOSE_CUES: frozenset[str] = frozenset(
    """oppose opposes opposed opposing opponent opponents against condemn condemns condemned
    condemning criticise criticises criticised criticize criticizes criticized criticising
    criticizing blame blames blamed blaming accuse accuses accused accusing attack attacks attacked
    attacking denounce denounces denounced reject rejects rejected rejecting slam slams slammed
    blast blasts blasted warn warns warned warning fight fights fought fighting resist resists
    resisted stop stops stopped ban bans banned boycott boycotts boycotted protest protests
    protested hate hates hated distrust mistrust undermine undermines undermined destabilise
    destabilize interfere interferes interference meddle meddling scrap scraps scrapped repeal
    repeals repealed veto vetoed sue sued impeach impeached resign anti lie lies lied liar
    disapprove disapproves disagree disagrees disagreed""".split()
)

#: General positive words (a short list; sentiment is mostly learned from data).
POSITIVE_WORDS: frozenset[str] = frozenset(
    """good great best better excellent amazing awesome wonderful fantastic brilliant beautiful
    love loved lovely happy glad proud hope hopeful success successful win wins winning won strong
    fair free freedom safe safety secure peace peaceful right rights justice equal equality
    progress improve improved improvement benefit benefits helpful help helps honest brave
    courage courageous inspiring inspire inspired smart wise support thank thanks grateful
    congratulations congrats welcome positive stable stability prosperity prosperous growth
    protect protected trust trusted respect respected dignity boost boosted gain gains recover
    recovery relief hero heroes blessed bless joy fun nice cool yes agree true truth correct
    effective efficient generous kind caring compassion compassionate reasonable sensible
    landmark historic breakthrough victory triumph thriving robust""".split()
)

#: General negative words.
NEGATIVE_WORDS: frozenset[str] = frozenset(
    """bad worse worst terrible awful horrible disgusting disgrace disgraceful shame shameful sad
    angry anger hate hated hateful fear afraid scared dangerous danger threat threaten threatens
    threatened kill killed killing killer murder violence violent war attack attacked crisis
    chaos corrupt corruption fraud lie lies liar lying fake wrong evil stupid idiot ridiculous
    pathetic fail failed failure failing weak poor poverty unfair unjust injustice illegal
    crime criminal abuse abused racist sexist bigot bigotry oppression oppress destroy destroyed
    destruction damage damaging harm harmful hurt pain suffering suffer victims victim risk
    unrest riot riots turmoil collapse scandal disaster catastrophe catastrophic reckless
    irresponsible incompetent useless worthless sick disgusted outrage outrageous betray
    betrayal betrayed blame condemn protest protests crackdown repression extremist extremists
    terror terrorist terrorists militant militants instability decline loss losses costly
    burden cut cuts shortage""".split()
)

#: Words that strengthen the next sentiment word.
INTENSIFIERS: frozenset[str] = frozenset("very really so extremely totally absolutely truly deeply strongly completely utterly".split())

#: First-person pronouns (speaker self-reference; opinionated statements use them more).
PRONOUNS_FIRST: frozenset[str] = frozenset("i me my mine we us our ours".split())
