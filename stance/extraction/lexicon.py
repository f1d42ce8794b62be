"""Every word list the statement extractor uses, in one place.

Edit these sets to change what counts as a reporting verb, a role noun, a pronoun speaker and so
on; the stages of :mod:`stance.extraction` read nothing else. All entries are lower case.
"""

from __future__ import annotations

__all__ = [
    "FUNCTION_WORDS",
    "DETERMINERS",
    "QUANTIFIERS",
    "AFTER_INVERTED",
    "TELL_LEMMAS",
    "TITLE_STOP",
    "NOMINAL_OPENERS",
    "NOT_SPEECH_BEFORE_TO",
    "PASSIVE_BEFORE_FOR_OF",
    "PASSIVE_BEFORE_WITH",
    "POSTMODIFIER_HEADS",
    "POSTMODIFIER_PREPS",
    "ADJUNCT_PREPOSITIONS",
    "DASHES",
    "RAISING_CUES",
    "RAISING_PASSIVE",
    "BE_FORMS",
    "CLAUSE_STOP",
    "COORDINATORS",
    "DANGLING_WORDS",
    "RELATIVE_OPENERS",
    "REPORTING_VERBS",
    "REPORTING_VERB_LEMMAS",
    "STRONG_SPEECH_LEMMAS",
    "INVERSION_VERBS",
    "ATTRIBUTION_PHRASES",
    "PRONOUNS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "ROLE_NOUNS",
    "ORG_WORDS",
    "PLACE_PREPOSITIONS",
    "PARTY_WORDS",
    "PERSON_NOUNS",
    "AUXILIARIES",
    "ADVERBS",
    "ABBREVIATIONS",
    "NOT_SPEAKER_WORDS",
    "NOT_SOURCE_WORDS",
    "DOCUMENT_NOUNS",
    "SPEECH_NOUNS",
    "PAGE_LABELS",
    "ADJECTIVE_SUFFIXES",
    "SCARE_QUOTE_MAX_WORDS",
    "POST_CUE_ADJUNCTS",
    "INTRO_WORDS",
    "LISTENERS",
    "HEADLINE_LEMMAS",
    "TIME_WORDS",
    "TIME_PREFIXES",
    "RELATIVE_PRONOUNS",
    "INTRO_PREPOSITIONS",
    "FRAME_VERBS",
]

# Base forms of verbs that introduce speech, writing or stated belief. Inflected forms are generated
# below (regular rules plus the irregular table), so list each verb once.
REPORTING_VERB_LEMMAS = frozenset(
    """
    say tell add write ask note report announce suggest tweet describe argue continue explain
    believe accuse acknowledge declare urge recall conclude claim respond agree propose state
    warn promise insist reply reveal predict pledge vow admit deny confirm assure complain
    concede contend emphasize emphasise stress maintain observe remark comment testify allege
    assert caution estimate figure guess hint imply indicate joke lament mention mutter muse
    object boast brag charge counter demand disclose echo explain fret grumble inform instruct
    lie point post posit proclaim protest question quip reason recount reiterate remind repeat
    retort scoff shout speculate swear tell theorize theorise think threaten tout underscore
    vent whisper wonder yell acknowledge advise affirm announce apologize apologise
    backpedal blast blame chide clarify concur criticize criticise decry demur doubt dispute
    elaborate emphasize ensure expect fear find forecast hope insinuate know opine order
    predict project prophesy recommend relate reckon request show signal stipulate
    suspect tease testify vouch warn worry write
    """.split()
)

# Verbs whose subject and complement are almost always speaker and statement (used where the rules
# must be strict, e.g. a bare clause followed by ", X <verb>.").
STRONG_SPEECH_LEMMAS = frozenset(
    """
    say tell add write ask note explain argue continue declare insist reply respond recall
    acknowledge admit claim warn tweet post conclude concede contend emphasize emphasise stress
    observe remark comment testify allege assert caution quip retort counter joke muse complain
    boast suggest predict announce confirm report promise vow pledge reiterate repeat lament
    """.split()
)

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "know": ("knows", "knew", "knowing", "known"),
    "swear": ("swears", "swore", "swearing", "sworn"),
    "read": ("reads", "reading"),
    "lie": ("lies", "lied", "lying"),
    "show": ("shows", "showed", "showing", "shown"),
    "forecast": ("forecasts", "forecasting"),
}


def _regular_forms(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("ee"):
        return (lemma + "s", lemma + "d", lemma + "ing")
    if lemma.endswith("e"):
        return (lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return (lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma + "es", lemma + "ed", lemma + "ing")
    if lemma in ("admit", "quip", "regret", "commit"):
        return (lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    return (lemma + "s", lemma + "ed", lemma + "ing")


def _forms(lemma: str) -> tuple[str, ...]:
    return (lemma,) + _IRREGULAR.get(lemma, _regular_forms(lemma))


#: Inflected form -> lemma, for every reporting verb.
REPORTING_VERBS: dict[str, str] = {f: lem for lem in sorted(REPORTING_VERB_LEMMAS) for f in _forms(lem)}

#: Verbs that may follow a quote inverted ("..., said the minister").
INVERSION_VERBS = frozenset(
    f for lem in ("say", "add", "write", "ask", "continue", "explain", "note", "reply",
                  "respond", "tweet", "insist", "recall", "argue", "warn", "declare", "conclude",
                  "quip", "answer", "observe", "remark", "state", "counter", "retort")
    for f in _forms(lem)
)

#: Multi-word attribution phrases that put the speaker after them: "according to X, ...".
ATTRIBUTION_PHRASES = ("according to", "in the words of", "as quoted by")

#: Pronouns that can be the subject of a reporting verb.
PRONOUNS = frozenset("he she they i we it you".split())
PERSON_PRONOUNS = frozenset("he she i".split())
PLURAL_PRONOUNS = frozenset("they we".split())

#: Nouns naming a role; "the spokeswoman said" is resolved to the last person given this role.
ROLE_NOUNS = frozenset(
    """
    president minister spokeswoman spokesman spokesperson secretary senator governor mayor
    chairman chairwoman chair chief director official officials candidate nominee leader
    ambassador general commander lawyer attorney adviser advisor aide aides analyst analysts
    economist expert experts professor pollster strategist manager head envoy diplomat judge
    prosecutor prosecutors representative congressman congresswoman lawmaker lawmakers
    deputy premier chancellor king queen prince sheriff officer commissioner executive
    founder ceo co-founder reporter correspondent columnist editor author activist organizer
    campaign statement report survey poll polls study researchers researcher witness
    """.split()
)

#: Nouns for people that "from" turns into "people of a place" ("a voter from Columbus", "a grocery store worker from
#: Des Moines"): the name after "from" is a place, and the noun phrase before it the speaker.
PERSON_NOUNS = frozenset(
    """
    voter voters resident residents worker workers member members student students woman women man men mother father
    son daughter parent parents supporter supporters retiree retirees teacher teachers nurse nurses owner owners
    consultant instructor veteran veterans farmer farmers native natives businessman businesswoman volunteer volunteers
    """.split()
)

#: Prepositions after which a capitalised name is a place, not a person ("prosecutors in New York", "the affiliate
#: in the Bay Area"); "of" and "from" count only after a party or role word ("Democrat of New York", "a Republican
#: from Ohio", "the mayor of Kestrava"), since "a letter from Ada Holm" names a person.
PLACE_PREPOSITIONS = frozenset("in at near across throughout outside inside".split())
PARTY_WORDS = frozenset("democrat democrats republican republicans independent".split())

#: Words that mark a capitalised name as an organisation rather than a person.
ORG_WORDS = frozenset(
    """
    ministry department office house committee council party campaign agency bureau court
    university institute center centre foundation association union news times post press
    network group company corporation inc corp administration government commission board
    service police army force forces senate congress parliament assembly coalition
    """.split()
)

#: Auxiliaries and modals that may stand between a speaker and the reporting verb.
AUXILIARIES = frozenset(
    "has have had is was were are been be will would could should can may might did does do "
    "had also later then once previously repeatedly has've never often first".split()
)

#: Adverbs that may sit between speaker and verb ("he later said", "she flatly denied").
ADVERBS = frozenset(
    """
    also later then once previously repeatedly often first recently publicly privately
    flatly quickly bluntly simply openly earlier frequently again still further even long ago
    """.split()
)

#: Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen rep gov gen col lt sgt capt maj adm pres prof st jr sr inc corp co ltd
    vs etc jan feb mar apr aug sept sep oct nov dec no u.s u.k u.n d.c a.m p.m e.g i.e
    calif fla tex ariz mass conn colo minn wis mich penn pa n.y n.j va ga ky la ill ind okla ore wash
    """.split()
)

#: Capitalised words that start sentences or headings but are never speakers themselves.
NOT_SPEAKER_WORDS = frozenset(
    """
    the a an this that these those but and or so if when while as in on at for of to with by
    from after before during however meanwhile still yet also then there here it its his her
    their our my your what which who whom whose why how where
    """.split()
)

#: Single words the learned-cue pass never takes as a source on their own ("have ever agreed",
#: "Obama himself seemed", "was more eager to"): the sentence subject is used instead.
NOT_SOURCE_WORDS = frozenset(
    """
    ever much numerous himself herself themselves itself myself ourselves yourself
    only just even too very so such own same instead seldom rarely never sometimes
    """.split()
)

#: Things that carry words but are issued by someone ("she released a statement saying ..."): the
#: source of a cue after one is whoever issued it.
DOCUMENT_NOUNS = frozenset(
    """
    statement statements letter letters report memo release email emails tweet tweets note video ad
    ads data message op-ed editorial post filing brief
    """.split()
)

#: Labels of a web page's furniture before a colon ("READ MORE:", "FILE PHOTO:", "Credit:"): no speaker.
PAGE_LABELS = frozenset(
    "more read see also related watch video photo photos image images credit credits file caption advertisement "
    "listen subscribe update updated editor's editor’s note top".split()
)

#: Nouns for what someone said or wrote: "Trump’s rhetoric", "Mr. Gowdy’s letter" speak for their owner.
SPEECH_NOUNS = DOCUMENT_NOUNS | frozenset("remarks comments rhetoric speech speeches words testimony".split())

#: Endings (and a few words) of adjectives that cannot end a source noun phrase ("a possible
#: reason", "the scathing remarks": the cue word is a noun there, not a verb with a source).
ADJECTIVE_SUFFIXES = ("ful", "ous", "ive", "ible", "able", "ical", "ing")
ADJECTIVES = frozenset("false strong possible good bad big great major recent new real true clear key".split())

#: A quoted span of at most this many words with no reporting cue next to it is treated as a
#: title or scare quote, not a statement.
SCARE_QUOTE_MAX_WORDS = 4

#: Words that open an adjunct, not a reported clause, after a cue: "..., she said at a news
#: conference" / "..., a shopkeeper said as she swept the floor". Content is then before the cue.
POST_CUE_ADJUNCTS = frozenset(
    """
    at on in during as while when after before since last yesterday today tonight
    monday tuesday wednesday thursday friday saturday sunday earlier later
    """.split()
)

#: Words that open an introductory phrase rather than a statement ("During the debate, she said
#: ..."): a sentence starting with one is not taken as content placed before its attribution.
INTRO_WORDS = POST_CUE_ADJUNCTS | frozenset(
    """
    under absent despite although though for like unlike among amid asked speaking if because
    but and so yet still meanwhile instead also in with without by from to of then now however
    """.split()
)

#: Listeners that may follow "told"/"asked" before the reported clause ("told reporters the ...").
LISTENERS = frozenset(
    """
    him her them me us you reporters journalists supporters lawmakers voters members aides
    colleagues listeners viewers readers audience crowd committee interviewer host congress
    """.split()
)

#: Reporting verbs still taken as cues when capitalised mid-sentence, as in title-case headlines
#: ("Mayor Says Budget Is Balanced"); other capitalised forms are names ("United States").
HEADLINE_LEMMAS = frozenset("say tell warn".split())

#: Time expressions that may stand between a speaker and the cue ("Priebus on Thursday told",
#: "who last year threatened"); never a speaker themselves.
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month
    year weekend morning afternoon evening night
    """.split()
)
#: Words that may open such a time expression ("on Tuesday", "last year", "this week").
TIME_PREFIXES = frozenset("on last this late early earlier later next".split())

#: Capitalised words that open a sentence and are not names ("Even so, ...", "Along with her
#: husband, she ...", "Perhaps not coincidentally, ..."): never a source on their own.
OPENER_WORDS = frozenset(
    """
    along perhaps maybe shortly soon more less most only just now even indeed instead rather
    first second third finally ultimately nonetheless nevertheless otherwise thus therefore hence
    check look remember consider imagine given having being whatever whoever whichever
    """.split()
)

#: Reporting-verb forms that are also nouns ("his home state", "her comments on guns"); see
#: ``stance.extraction.cues.noun_use``.
NOUN_LIKE_CUES = frozenset(
    """
    state states comment comments remark remarks note notes point points report reports question
    questions claim claims charge charges estimate estimates forecast forecasts demand demands
    request requests order orders post posts tweet tweets answer answers reply replies promise
    promises pledge pledges fear fears hope hopes doubt doubts signal signals joke jokes guess
    figure figures lie lies object objects protest protests echo echoes vow vows blast blasts
    blame worry worries shout shouts whisper whispers project projects reason reasons repeat
    finding findings thinking
    """.split()
)

#: Reporting-verb forms that are rarely cues: "state" (nearly always the noun: "his home state",
#: "Ohio state Sen.") and "continue" ("continues to trail"); see ``cues.noun_use``.
STRICT_CUES = frozenset("state states continue continues continued continuing".split())

#: Focus words that may open a subject noun phrase ("Only one of the delegates", "Just shy of half
#: say"): they do not end an opening phrase.
FOCUS_WORDS = frozenset("only just even nearly almost about more most less some".split())

#: Words that join a content to the clause of the next cue ("X said A, and Y said B", "A, while Y
#: argued B"): a content cut before that clause does not end in one of them.
CLAUSE_LINKS = frozenset("and but or while whereas yet so".split())

#: Relative pronouns that may stand as the source before a cue ("X, who said", "the NRA, which has
#: endorsed"); the speaker is named as the noun phrase before the comma.
RELATIVE_PRONOUNS = frozenset("who which".split())

#: Prepositions that open an introductory phrase ("Inside the hall, Trump said"): the subject of the
#: sentence comes after the comma.
INTRO_PREPOSITIONS = frozenset(
    """
    inside outside across following throughout within beyond near against toward towards
    behind beside besides into onto upon via per around through over
    """.split()
)

#: Irregular past forms that may frame a quotation ('“...,” the editorial read.'); regular "-ed"
#: forms need no listing.
FRAME_VERBS = frozenset("read wrote said went shot spoke began put sang cried".split())


# ---------------------------------------------------------------------------------------------
# Function-word classes of the rules

#: Determiners and possessive determiners that open a noun phrase.
DETERMINERS = frozenset("the a an his her its their our my this that these those".split())
#: Quantifiers that may open a noun phrase ("many voters", "two officials").
QUANTIFIERS = frozenset("many some most several other others few all both two three".split())
#: What may follow an inverted speaker ("..., said the minister, adding"; "said Petrova on Monday").
AFTER_INVERTED = frozenset(
    ". , ; : ! ? — – ( in on at during last this late early earlier after before who whose when while "
    "from to of told according referring speaking adding noting".split()
) | frozenset(["”", '"', "'"])
#: Reporting verbs that take a listener before their content ("told reporters that").
TELL_LEMMAS = frozenset(["tell", "ask", "inform", "assure", "remind", "warn", "advise", "urge"])
#: Words that end a run of lower-case title words inside a name ("said Ohio delegate Tom Miller").
TITLE_STOP = DETERMINERS | QUANTIFIERS | frozenset(
    "and or but in at on to of for with by from as that who which when while after before during "
    "is was were are has had have be been not also then".split()
)
#: Words that open a lower-case source noun phrase ("said one former agency official").
NOMINAL_OPENERS = DETERMINERS | QUANTIFIERS | frozenset(["one"])
#: Lemmas that report nothing before "to" ("adding to the confusion", "lied to investigators").
NOT_SPEECH_BEFORE_TO = frozenset(["add", "lie"])
#: Lemmas whose past form right before "for" / "of" is a passive ("the beliefs blamed for the shootings", "a senator
#: accused of bribery"): said actively, they take their object first ("blamed the law for ...").
PASSIVE_BEFORE_FOR_OF = frozenset(["blame", "accuse", "criticize", "criticise", "blast"])
#: The same before "with" ("a lawmaker charged with corruption told reporters").
PASSIVE_BEFORE_WITH = frozenset(["charge"])
#: Words that open a post-modifier of a source noun phrase before one of :data:`POSTMODIFIER_PREPS` ("officials
#: familiar with the plan said", "a source close to the president", "a senator accused of bribery said"): the noun
#: phrase after the preposition is not the source, the one before the word is.
POSTMODIFIER_HEADS = frozenset(
    """familiar close briefed accused charged involved knowledgeable convicted suspected responsible loyal opposed
    sympathetic linked tied allied aligned affiliated""".split()
)
POSTMODIFIER_PREPS = frozenset("with of on to in about for".split())
#: Prepositions that open an adjunct rather than what was said ("reported from the harbour").
ADJUNCT_PREPOSITIONS = frozenset(
    "by from for in at on during with after before since of into among under between near without through".split())
#: Dash tokens (a dateline ends with one: "WASHINGTON (AP) —").
DASHES = frozenset("— ― – - --".split())
#: Learned cues whose content, in PolNeAR, holds their subject ("The vote is expected to pass", "X
#: seems to ..."): the content runs from the noun phrase before the cue.
RAISING_CUES = frozenset("expected known appears appear appeared seemed seems seem believed reportedly".split())
#: ... and these only after a form of "be" ("is thought to", "was said to"): then they are raising verbs.
RAISING_PASSIVE = frozenset("thought said considered rumored alleged".split())
#: Forms of "be" (a raising or passive verb follows one: "is said to", "was reported").
BE_FORMS = frozenset("is are was were be been being 's ’s".split())
#: Tokens that open a clause: a content that holds its subject starts after the last one before it.
CLAUSE_STOP = frozenset(", ; : — – ( “ \" that and but because if while when although though as since".split())
#: Coordinators that join a second verb phrase to the first ("X pushed A and reprimanded B").
COORDINATORS = frozenset("and but".split())
#: Function words a content must not end in when it is cut before a later cue's clause.
DANGLING_WORDS = frozenset(
    "of in as by if what that a an the to for with from on at his her their its our my your this these those "
    "than about into through over under between after before because although though when where how whether "
    "not no very so such some many most all".split())
#: Words that open a relative clause ("the plan, which some have argued was ...").
RELATIVE_OPENERS = frozenset("which that who whom".split())
#: Function words that never head a source noun phrase.
FUNCTION_WORDS = frozenset(
    "to of in on at for with by from and but or as if not no than then because about over into "
    "against without within through between whether while although though".split()
)
