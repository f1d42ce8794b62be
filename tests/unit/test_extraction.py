"""Table-driven tests of :func:`stance.extraction.extract_statements`: one case (or more) per
pattern the extractor must handle, negative cases included. Every text here was written for these
tests."""

from __future__ import annotations

import dataclasses

import pytest

from stance.exceptions import InputError
from stance.extraction import Statement, extract_statements

# (id, text, expected): expected is a list, in document order, of dicts whose keys are checked
# against the Statement fields ("text" is compared exactly, after stripping). An empty list means no
# statement may be found.
CASES = [
    # --- straight and curly double quotes, attribution after the quote
    (
        "straight-quote-after",
        'The bridge will reopen in May. "We are confident in the repairs," the engineer Lena Marsh said.',
        [{"text": '"We are confident in the repairs,"', "speaker": "Lena Marsh", "cue": "said", "kind": "direct"}],
    ),
    (
        "curly-quote-after",
        "“Our harvest was the worst in a decade,” said Omar Reyes, who farms near the river.",
        [{"text": "“Our harvest was the worst in a decade,”", "speaker": "Omar Reyes", "cue": "said", "kind": "direct"}],
    ),
    # --- attribution before the quote
    (
        "attribution-before-colon",
        'Mayor Tilda Brandt said: "The budget is balanced for the first time in years."',
        [{"text": '"The budget is balanced for the first time in years."', "speaker": "Tilda Brandt", "kind": "direct"}],
    ),
    # --- attribution inside the quote: one statement in two parts
    (
        "attribution-inside",
        "“We tried everything,” Kofi Mensah said, “and nothing worked until the rain came.”",
        [{"text": "“We tried everything,” Kofi Mensah said, “and nothing worked until the rain came.”",
          "speaker": "Kofi Mensah", "kind": "direct", "n_parts": 2}],
    ),
    # --- the quotation opening the next sentence continues the one before the attribution
    (
        "attribution-between-sentences",
        "“We tried everything,” Kofi Mensah said. “Nothing worked until the rain came.”",
        [{"text": "“We tried everything,” Kofi Mensah said. “Nothing worked until the rain came.”",
          "speaker": "Kofi Mensah", "kind": "direct", "n_parts": 2}],
    ),
    # --- a later quotation with no cue of its own, in the same paragraph, joins the statement
    (
        "paragraph-quote-joins",
        "Ana Lind said the bridge would reopen in May. “The repairs are almost done.”",
        [{"text": "the bridge would reopen in May. “The repairs are almost done.”", "speaker": "Ana Lind",
          "kind": "mixed", "n_parts": 2}],
    ),
    # --- the attribution in the middle of the clause: content on both sides
    (
        "attribution-mid-clause",
        "Ina Berg chairs the panel. The trouble with the plan, she said, is that nobody has paid for it.",
        [{"text": "The trouble with the plan, she said, is that nobody has paid for it.", "speaker": "Ina Berg",
          "cue": "said", "kind": "indirect", "n_parts": 2}],
    ),
    # --- a non-speech cue learned from PolNeAR ("wants"), with a pronoun subject
    (
        "learned-cue-wants",
        "Senator Mara Quist visited Dover on Monday. She wants the ferry service restored by the spring.",
        [{"text": "the ferry service restored by the spring.", "speaker": "Mara Quist", "cue": "wants",
          "kind": "indirect"}],
    ),
    # --- attribution after, with an adjunct ("at a news conference")
    (
        "attribution-after-adjunct",
        "Greta Lund opened the session. “The strike is over,” she said at a news conference.",
        [{"text": "“The strike is over,”", "speaker": "Greta Lund", "cue": "said", "kind": "direct"}],
    ),
    # --- a quotation over several paragraphs (opening mark repeated, no closing mark until the end)
    (
        "multi-paragraph",
        "Coach Ruth Ambler spoke after the match.\n\n"
        "“We lost the ball too often in the first half. That cannot happen at this level.\n\n"
        "“The second half was better, and I am proud of how the young players answered.”\n\n"
        "The team plays again on Sunday.",
        [{"text_startswith": "“We lost the ball", "text_endswith": "answered.”", "kind": "direct", "n_parts": 2}],
    ),
    # --- reported speech with and without "that"
    (
        "reported-with-that",
        "The minister said that the country opposes any new tariffs on grain.",
        [{"text": "the country opposes any new tariffs on grain.", "speaker": "The minister", "cue": "said", "kind": "indirect"}],
    ),
    (
        "reported-without-that",
        "The minister said the country opposes any new tariffs on grain.",
        [{"text": "the country opposes any new tariffs on grain.", "speaker": "The minister", "cue": "said", "kind": "indirect"}],
    ),
    (
        "reported-told-object",
        "Farid Haddad told reporters the talks would resume next week.",
        [{"text": "the talks would resume next week.", "speaker": "Farid Haddad", "cue": "told", "kind": "indirect"}],
    ),
    (
        "reported-mixed",
        'The governor said the plan was "dead on arrival" and would not be revived.',
        [{"text": 'the plan was "dead on arrival" and would not be revived.', "speaker": "The governor", "kind": "mixed"}],
    ),
    # --- "according to X", before and after the content
    (
        "according-to-after",
        "Unemployment rose to 7 percent in March, according to the national statistics office.",
        [{"text": "Unemployment rose to 7 percent in March", "speaker": "the national statistics office",
          "cue": "according to", "kind": "indirect"}],
    ),
    (
        "according-to-before",
        "According to Nadia Petros, the shipment never left the port.",
        [{"text": "the shipment never left the port.", "speaker": "Nadia Petros", "cue": "According to", "kind": "indirect"}],
    ),
    # --- a quote with its quotation marks lost, followed by an attribution
    (
        "marks-lost",
        "We will rebuild every house that the flood took, the governor said.",
        [{"text": "We will rebuild every house that the flood took", "speaker": "the governor", "cue": "said", "kind": "indirect"}],
    ),
    (
        "marks-lost-inverted",
        "The vote was a mistake, said Ilse Kramer, a member of the council.",
        [{"text": "The vote was a mistake", "speaker": "Ilse Kramer", "cue": "said", "kind": "indirect"}],
    ),
    # --- speakers given with their role
    (
        "role-and-name",
        "Interior Ministry spokeswoman Anna Petrova said the border crossing would stay closed.",
        [{"text": "the border crossing would stay closed.", "speaker": "Anna Petrova", "cue": "said", "kind": "indirect"}],
    ),
    (
        "role-noun-resolved",
        "Health Minister Jonas Weir visited the clinic on Monday. The minister said the new wing would open soon.",
        [{"speaker": "Jonas Weir", "cue": "said", "kind": "indirect"}],
    ),
    (
        "appositive-role",
        "Sara Lindqvist, the head of the union, said the offer was too low.",
        [{"text": "the offer was too low.", "speaker": "Sara Lindqvist", "kind": "indirect"}],
    ),
    # --- pronoun speakers resolved to the person last named
    (
        "pronoun-he",
        "Prime Minister Arvid Holm met the delegation. “This is a good day for both countries,” he said.",
        [{"text": "“This is a good day for both countries,”", "speaker": "Arvid Holm", "kind": "direct"}],
    ),
    (
        "pronoun-she-surname",
        "Ingrid Vale leads the committee. Vale rejected the report. She said it ignored the evidence.",
        [{"text": "it ignored the evidence.", "speaker": "Vale", "kind": "indirect"}],
    ),
    (
        "pronoun-after-a-lone-surname-speaker",
        "Marsh said the plant would close in June. He added that the staff would be moved.",
        [{"text": "the plant would close in June.", "speaker": "Marsh", "kind": "indirect"},
         {"text": "the staff would be moved.", "speaker": "Marsh", "kind": "indirect"}],
    ),
    (
        "pronoun-unresolved",
        "He said the road would be closed for a week.",
        [{"text": "the road would be closed for a week.", "speaker": None, "cue": "said", "kind": "indirect"}],
    ),
    # --- quoted titles and scare quotes are not statements
    (
        "scare-quote",
        'Critics call the scheme a "reform" in name only.',
        [],
    ),
    (
        "scare-quote-after-cue",
        'At the rally, the mayor warned "bad actors"',
        [],
    ),
    (
        "headline-scare-quote-is-not-content",
        'Mayor Lind backs the port plan, warns "bad actors"\n\nThe port plan passed on Monday.',
        [{"cue": "backs"}],
    ),
    (
        "quoted-title",
        'She spent the summer reading "The Long Winter" on the porch.',
        [],
    ),
    # --- an unclosed quote mark: no crash, and the quotation stops at its paragraph
    (
        "unclosed-quote",
        "“We will not leave this square, said one protester.\n\nThe police arrived an hour later and cleared the road.",
        [{"end_before": 60}],
    ),
    # --- a sentence ends with the period right before a closing quote mark
    (
        "sentence-ends-before-closing-quote",
        "The mayor called the plan “reckless.” Ida Nord, a council member, warned that the vote could fail.",
        [{"text": "the vote could fail.", "speaker": "Ida Nord", "cue": "warned", "kind": "indirect"}],
    ),
    # --- a participle after a comma speaks for the main clause's subject, past an opening phrase
    (
        "participle-after-intro-phrase",
        "Inside the town hall, Mayor Ana Lind praised the volunteers, arguing that the cleanup saved the harbour.",
        [{"text": "the volunteers", "speaker": "Ana Lind", "cue": "praised"},
         {"text": "the cleanup saved the harbour.", "speaker": "Ana Lind", "cue": "arguing"}],
    ),
    (
        "participle-not-inverted",
        "The board hailed the vote, urging critics to explain the cost.",
        [{"text": "the vote", "speaker": "The board", "cue": "hailed"},
         {"text": "critics to explain the cost.", "speaker": "The board", "cue": "urging"}],
    ),
    # --- a coordinated cue ends the content of the cue before it
    (
        "coordinated-cue-ends-content",
        "Ada Holm thanked the crews and warned that the levee needs repairs.",
        [{"text": "the crews", "speaker": "Ada Holm", "cue": "thanked"},
         {"text": "the levee needs repairs.", "speaker": "Ada Holm", "cue": "warned"}],
    ),
    # --- a time expression between the speaker and the cue
    (
        "time-expression-before-cue",
        "Spokesman Ivo Park on Friday evening said the road would reopen.",
        [{"text": "the road would reopen.", "speaker": "Ivo Park", "cue": "said"}],
    ),
    # --- an infinitive after the cue is a clause, however short
    (
        "infinitive-content",
        "A spokeswoman for the port authority declined to comment.",
        [{"text": "to comment.", "cue": "declined", "kind": "indirect"}],
    ),
    # --- "X, which ..., said": the relative clause's cue does not swallow the main statement
    (
        "relative-clause-before-cue",
        "The Farmers Union, which has endorsed the plan, said prices would fall.",
        [{"text": "prices would fall.", "speaker": "The Farmers Union", "cue": "said"}],
    ),
    # --- a straight opening mark closed by a curly one (and the reverse)
    (
        "mixed-quote-marks",
        '"We can win this,” said Ida Nord, a strategist.',
        [{"text": '"We can win this,”', "speaker": "Ida Nord", "cue": "said", "kind": "direct"}],
    ),
    # --- any verb between a quotation's speaker and the end of the sentence frames the quotation
    (
        "quote-frame-verb",
        "“If she wants the job, she should act like it,” the editorial read.",
        [{"text": "“If she wants the job, she should act like it,”", "speaker": "the editorial", "cue": "read",
          "kind": "direct"}],
    ),
    (
        "quote-frame-regular-verb",
        "“You are a disgrace,” Oliver barked.",
        [{"text": "“You are a disgrace,”", "speaker": "Oliver", "cue": "barked", "kind": "direct"}],
    ),
    # --- a learned cue inside the content of a learned cue is not a statement of its own
    (
        "nested-learned-cue",
        "Ida Nord wants the council to admit that it thinks the tax is too high.",
        [{"text": "the council to admit that it thinks the tax is too high.", "speaker": "Ida Nord", "cue": "wants"}],
    ),
    # --- "X issued the following statement:" introduces the quotation after it
    (
        "colon-after-any-verb",
        "Governor Ida Nord issued the following statement:\n\n“Our thoughts are with the families. This cannot continue.”",
        [{"text": "“Our thoughts are with the families. This cannot continue.”", "speaker": "Ida Nord", "kind": "direct"}],
    ),
    # --- an adverb between the speaker and the cue
    (
        "adverb-before-cue",
        "Ida Nord spoke first.\n\nIvo Park jokingly said, “I am becoming mainstream. Everyone endorses me now.”",
        [{"text": "“I am becoming mainstream. Everyone endorses me now.”", "speaker": "Ivo Park", "cue": "said"}],
    ),
    # --- an inverted source in lower case after a quotation
    (
        "inverted-nominal-source",
        "''The choice is like picking a poison,'' said one person with knowledge of the talks.",
        [{"text": "''The choice is like picking a poison,''", "speaker": "one person with knowledge of the talks",
          "cue": "said", "kind": "direct"}],
    ),
    # --- negatives for the rules above
    (
        "colon-after-nominal-subject",
        "The plan has three parts:\n\n“Build, repair and wait for the rain to come back soon.”",
        [{"text": "“Build, repair and wait for the rain to come back soon.”", "speaker": None, "cue": None}],
    ),
    (
        "quote-frame-needs-speech",
        "“Hamilton.” Ida Nord laughed.",
        [],
    ),
    (
        "coordinated-non-cue-kept",
        "Ida Nord said the river rose and flooded the road.",
        [{"text": "the river rose and flooded the road.", "speaker": "Ida Nord", "cue": "said"}],
    ),
    (
        "period-inside-quote-no-split",
        "“We will win. Then we rest,” said Ida Nord.",
        [{"text": "“We will win. Then we rest,”", "speaker": "Ida Nord", "kind": "direct"}],
    ),
    (
        "intro-participle-not-a-speaker",
        "Walking to the car, Ida Nord said the road was closed.",
        [{"text": "the road was closed.", "speaker": "Ida Nord", "cue": "said"}],
    ),
    (
        "lone-short-quote-after-split",
        "Ida Nord read the verdict. “We will win.” The crowd cheered.",
        [],
    ),
    # --- negatives: no reporting cue, no statement
    ("no-cue", "The river flooded three villages and the road to the coast was closed.", []),
    ("empty", "", []),
    ("whitespace", "  \n\n  ", []),
    (
        "noun-not-verb",
        "The report runs to 200 pages and took two years to write.",
        [],
    ),
    # --- a participle's speaker is the sentence subject past a dateline or an opening time phrase
    (
        "participle-after-dateline",
        "WASHINGTON (AP) — Senator Mara Quill rejected the budget on Monday, saying the plan would hurt rural hospitals.",
        [{"speaker": "Mara Quill"}, {"text": "the plan would hurt rural hospitals.", "speaker": "Mara Quill", "cue": "saying"}],
    ),
    (
        "participle-after-time-intro",
        "Hours later, Dana Voss returned the favour, telling reporters the deal was fair.",
        [{"speaker": "Dana Voss", "cue": "telling"}],
    ),
    (
        "participle-acronym-subject-not-dateline",
        "NATO officials rejected the plan on Friday, saying the route was unsafe.",
        [{"speaker": "NATO officials"}, {"text": "the route was unsafe.", "speaker": "NATO officials", "cue": "saying"}],
    ),
    # --- an abbreviated title inside a name does not end it
    (
        "abbreviated-title-in-subject",
        "New Jersey Gov. Anton Berg, a longtime ally, defended the mayor, saying the audit was unfair.",
        # ("defended the mayor" is no statement: its content is a bare noun phrase; before round 4 "the mayor"
        # was taken as an inverted source and "saying ..." as its content)
        [{"text": "the audit was unfair.", "speaker": "New Jersey Gov. Anton Berg", "cue": "saying"}],
    ),
    # --- '“...?” Name verb.': the attribution after a question or exclamation inside the marks
    (
        "question-then-name-verb",
        "Ivo Park spoke first. “Would it be negotiable about the fees?” Dana Voss pressed. “Maybe let some people stay?”",
        [{"speaker": "Ivo Park"}, {"text_startswith": "“Would it be negotiable", "speaker": "Dana Voss", "cue": "pressed"}],
    ),
    (
        "exclamation-then-name-verb-adjunct",
        "Ivo Park spoke first. “We need our fix!” Dana Voss said to the paper. The senator left.",
        [{"text": "“We need our fix!”", "speaker": "Dana Voss", "cue": "said", "kind": "direct"}],
    ),
    (
        "question-then-name-apposition-verb",
        'Ivo Park spoke first. "How are you?" Voss, a retired worker, said pleasantly into the phone.',
        [{"text": '"How are you?"', "speaker": "Voss", "cue": "said"}],
    ),
    (
        "quote-then-name-verb-with-own-clause",
        "Ivo Park spoke first. “We are done.” Dana Voss said that the meeting ended.",
        [{"speaker": "Ivo Park"}, {"text": "the meeting ended.", "speaker": "Dana Voss", "cue": "said"}],
    ),
    # --- "X released a statement saying ...": the source is who issued the statement
    (
        "document-issuer-source",
        "The group issued a statement saying it took the action because of unsafe conditions.",
        [{"speaker": "The group", "cue": "issued"},
         {"text": "it took the action because of unsafe conditions.", "speaker": "The group", "cue": "saying"}],
    ),
    (
        "document-subject-kept",
        "The report says the budget is too small.",
        [{"text": "the budget is too small.", "speaker": "The report", "cue": "says"}],
    ),
    # --- a determiner and an adjective before a noun cue are not a source
    (
        "adjective-not-source",
        "Ida Nord had a possible reason: the mayor was among those supporting the chief.",
        [{"speaker": "Ida Nord"}],
    ),
    # --- "Name <verb>: “...”" with no known cue: the named subject speaks
    (
        "name-verb-colon-quote",
        "Ivo Park spoke about the plan for the bridge.\n\nDana Voss interjected: “So you are saying there will be some flexibility for them?”",
        [{"speaker": "Ivo Park"},
         {"text": "“So you are saying there will be some flexibility for them?”", "speaker": "Dana Voss", "cue": "interjected"}],
    ),
    (
        "lowercase-subject-colon-quote-not-a-speaker",
        "Ivo Park spoke about the plan for the bridge, his voice rising.\n\nThe crowd then chanted: “Build the bridge now, build it now!”",
        [{"speaker": "Ivo Park"}, {"text": "“Build the bridge now, build it now!”", "cue": None}],
    ),
    # --- percentages as sources; a gerund after a preposition takes the sentence subject
    (
        "percent-source",
        "On economic issues, 42% say they are liberal, and 34% say they are conservative.",
        [{"text": "they are liberal", "speaker": "42%", "cue": "say"}, {"speaker": "34%", "cue": "say"}],
    ),
    (
        "gerund-after-by-lowercase-subject",
        "In the last debate, the candidates escaped tough questions by saying it was the questioner who had been wrong.",
        [{"text": "it was the questioner who had been wrong.", "speaker": "the candidates", "cue": "saying"}],
    ),
    # --- a prepositional phrase between the subject and the cue is skipped
    (
        "pp-between-subject-and-cue",
        "Lobbyists in general prefer not to register under the law.",
        [{"speaker": "Lobbyists", "cue": "prefer"}],
    ),
    (
        "ago-between-subject-and-cue",
        "Party leaders long ago picked Ida Nord as their candidate.",
        [{"speaker": "Party leaders"}],
    ),
    # --- "told" after a comma is not inverted: its object is the listener, not the speaker
    (
        "told-object-is-listener",
        "“Positions are going to soften on the mayor sooner or later,” Joe Kasper, the senator’s chief of staff, told the paper before the interview.",
        [{"text": "“Positions are going to soften on the mayor sooner or later,”", "speaker": "Joe Kasper", "cue": "told"}],
    ),
    # --- a reflexive or adverb before a learned cue is not its source
    (
        "reflexive-not-source",
        "Ortiz himself seemed to believe the figures were wrong.",
        [{"speaker": "Ortiz"}],
    ),
    # --- lower-case title words inside an inverted named source
    (
        "inverted-source-title-words",
        "“The levee will hold through the spring floods,” said Ohio delegate Nils Aho, who chairs the board.",
        [{"text": "“The levee will hold through the spring floods,”", "speaker": "Nils Aho", "cue": "said", "kind": "direct"}],
    ),
    (
        "inverted-source-title-words-negative",
        "“The levee will hold through the spring floods,” said officials in Ohio.",
        [{"speaker": "officials", "cue": "said"}],
    ),
    # --- a short lower-case noun phrase between a closing quote mark and the cue
    (
        "quote-then-nominal-source",
        "“We will not close the bridge this winter,” the 52-year-old said.",
        [{"text": "“We will not close the bridge this winter,”", "speaker": "the 52-year-old", "cue": "said", "kind": "direct"}],
    ),
    (
        "quote-then-nominal-source-negative",
        "“We will not close the bridge this winter,” and the council agreed.",
        [],
    ),
    # --- '“...?” Name asked <object>.' continues the quotation's sentence
    (
        "question-then-told-object",
        "“Why would anyone close the bridge now?” Ada Holm asked the council members.",
        [{"text": "“Why would anyone close the bridge now?”", "speaker": "Ada Holm", "cue": "asked", "kind": "direct"}],
    ),
    # --- no subject at the start of the sentence: the last pronoun or name before the verb speaks
    (
        "intro-clause-pronoun-subject",
        "Judge Ada Holm took a short recess. When she returned she began by saying, “I do not think the bridge should close this winter.”",
        [{"speaker": "Ada Holm", "kind": "direct", "cue": "began by saying"}],
    ),
    (
        "intro-clause-name-subject",
        "The ferry was late again. As Professor Nils Aho put it: “The harbour does a better job at this than most.”",
        [{"speaker": "Nils Aho", "cue": "put it"}],
    ),
    # --- a block quotation signed on its last line
    (
        "quote-signature-line",
        'The board sent a note.\n\n"We are going to enter the next winter without a plan for the bridge.\nDana Voss, Harbour Institute."\n\nNobody answered.',
        [{"text_startswith": '"We are going to enter', "speaker": "Dana Voss", "kind": "direct"}],
    ),
    # --- round 4: opener words are not sources; the subject is found past them and past a dated dateline
    (
        "opener-word-not-a-source",
        "Since launching her bid for mayor, Ilse Varga has taken a firm stance against the fees.",
        [{"cue": "launching", "speaker": "Ilse Varga"}],
    ),
    (
        "opener-adverb-not-a-source",
        "Repeatedly, the hall filled with chants for the mayor and her deputy.",
        [{"speaker": "the hall"}],
    ),
    (
        "opener-participle-name-negative",
        "Browning urged the council to reopen the pier before the summer.",
        [{"cue": "urged", "speaker": "Browning"}],
    ),
    (
        "dateline-with-date",
        (
            "WASHINGTON, May 3 (AP) — In response to the harbour fees, the mayor's deputy rallied supporters, "
            "saying the fees were unfair."
        ),
        [{"text": "the fees were unfair.", "speaker": "the mayor's deputy"}],
    ),
    (
        "dateline-without-date-negative",
        "OSLO (AP) — Port director Elin Berg rallied supporters on Friday, saying the fees were unfair.",
        [{"text": "the fees were unfair.", "speaker": "Elin Berg"}],
    ),
    # --- reporting verbs used as nouns ("his home state", "his recent comments on") are not cues
    ("noun-use-state", "Ted Holm won the vote in his home state of Vermont on Tuesday night.", []),
    (
        "noun-use-comments",
        "The mayor apologized for his recent comments on the pier last week.",
        [{"cue": "apologized", "text": "for his recent comments on the pier last week."}],
    ),
    (
        "noun-use-after-possessive",
        "Ilse Varga's comments came at a town hall in the harbour, where she took questions from the crowd.",
        [],
    ),
    ("strict-continues-to", "Ilse Varga continues to trail the mayor by many votes in the polls.", []),
    (
        "strict-continued-after-quote-negative",
        "“The letter is clear and the fees will stay,” the mayor continued.",
        [{"cue": "continued", "speaker": "the mayor", "kind": "direct"}],
    ),
    (
        "strict-state-that-negative",
        "They state that the fees will rise next year.",
        [{"cue": "state", "text": "the fees will rise next year."}],
    ),
    # --- a cue with its own source in a new clause ends the content of the statement before it
    (
        "nested-learned-cue-splits-host",
        "Noting that both candidates faced opposition from the press, Holm expressed doubt about the result.",
        [
            {"cue": "Noting", "text": "both candidates faced opposition from the press", "speaker": "Holm"},
            {"cue": "expressed", "text": "doubt about the result.", "speaker": "Holm"},
        ],
    ),
    (
        "nested-learned-cue-after-while",
        "The mayor praised the port for the repairs, while Holm offered his own condolences for the lost fishermen.",
        [
            {"cue": "praised", "text": "the port for the repairs"},
            {"cue": "offered", "speaker": "Holm", "text": "his own condolences for the lost fishermen."},
        ],
    ),
    (
        "nested-participle-after-quotation",
        'The mayor remarked upon the fact that there is still "more work to do," noting weak demand for cod in May.',
        [
            {"cue": "remarked", "text": 'upon the fact that there is still "more work to do,"'},
            {"cue": "noting", "speaker": "The mayor", "text": "weak demand for cod in May."},
        ],
    ),
    (
        "nested-cue-without-clause-negative",
        "The mayor said the report that critics praised last week was badly flawed.",
        [{"cue": "said", "text": "the report that critics praised last week was badly flawed."}],
    ),
    (
        "rule-cue-source-ends-learned-content",
        "The report praised the port for the repairs, and the mayor criticized the council for the delays.",
        [
            {"cue": "praised", "text": "the port for the repairs"},
            {"cue": "criticized", "text": "the council for the delays.", "speaker": "the mayor"},
        ],
    ),
    (
        "rule-cue-source-ends-learned-content-negative",
        "The report praised the port for the repairs and the speed of the work.",
        [{"cue": "praised", "text": "the port for the repairs and the speed of the work."}],
    ),
    # --- "Name of Place" and "the <role> of Place": the speaker is the head before "of", not the place
    (
        "name-of-place-speaker",
        "President Ingrid Halvard of Norvania on Thursday said the border would stay open.",
        [{"cue": "said", "speaker": "Ingrid Halvard", "text": "the border would stay open."}],
    ),
    (
        "role-of-place-speaker",
        "The mayor of Kestrava said the fares would rise.",
        [{"cue": "said", "speaker": "The mayor of Kestrava", "text": "the fares would rise."}],
    ),
    # --- "Mr. Kasich" is one name: a later "he" resolves to it (it found no one, or a bare "Mr")
    (
        "title-abbreviation-in-name",
        "Mr. Kasich spoke at the hall. He said that most members followed the union.",
        [{"cue": "said", "speaker": "Mr. Kasich", "text": "most members followed the union."}],
    ),
    # --- "Name, <insertion>, said the ...": not an inverted source
    (
        "appositive-subject-not-inverted",
        "Port director Ilse Varga, the chair of the board, said the staff member who succeeded her should be fired.",
        [{"cue": "said", "speaker": "Ilse Varga", "text": "the staff member who succeeded her should be fired."}],
    ),
    # ... nor for a learned cue: in "Holm, campaigning for the mayor, trashes Varga." Varga is no source (read as
    # inverted, "trashes" got Varga as its speaker); Holm's content, "Varga", is a bare noun phrase, so no statement
    # (the round-5 model also took "campaigning for" as a cue; with the tagger of round 10 it does not)
    (
        "appositive-subject-learned-cue",
        "Holm, campaigning for the mayor, trashes Varga.",
        [],
    ),
    (
        "inverted-after-clause-negative",
        "The harbour plan is sound and the fees will stay, said Kramer.",
        [{"cue": "said", "speaker": "Kramer", "text": "The harbour plan is sound and the fees will stay"}],
    ),
    # --- a title in quotation marks before "X admitted that ..." is not the content
    (
        "title-quote-before-that-clause",
        "Speaking Sunday on “This Week,” Carson admitted that the course name in his book was inaccurate.",
        [{"cue": "admitted", "speaker": "Carson", "text": "the course name in his book was inaccurate."}],
    ),
    (
        "quote-before-that-night-negative",
        "“We will win this,” Carson said that night.",
        [{"text": "“We will win this,”", "kind": "direct", "speaker": "Carson"}],
    ),
    # --- "that" then an aside: the content still follows the cue
    (
        "that-then-aside",
        (
            "Besides attacking the former mayor, while the crowd booed loudly, Mr. Holm asserted that, taxes aside, "
            "the plan did wonderful things for the town."
        ),
        [
            {"cue": "attacking", "text": "the former mayor, while the crowd booed loudly"},
            {"cue": "asserted", "text": "taxes aside, the plan did wonderful things for the town.", "speaker": "Mr. Holm"},
        ],
    ),
    (
        "adjunct-then-that-negative",
        "Mr. Holm said, at the harbour on Monday, that the plan was sound.",
        [{"cue": "said", "text_endswith": "that the plan was sound.", "speaker": "Mr. Holm"}],
    ),
    # --- "Asked ..., X said, “Probably.”": the short quotation after the cue is the content
    (
        "asked-intro-short-quote",
        'Asked whether he would fire the engineer, Priebus said, "Probably."',
        [{"cue": "Asked"}, {"cue": "said", "text": '"Probably."', "speaker": "Priebus", "kind": "direct"}],
    ),
    (
        "content-before-adjunct-negative",
        "The pier will reopen in May after the repairs are done, the mayor said at a news conference.",
        [{"cue": "said", "text": "The pier will reopen in May after the repairs are done", "speaker": "the mayor"}],
    ),
    (
        "quote-signature-line-negative",
        'Ada Holm spoke first.\n\n"We are going to enter the next winter without a plan.\nThe bridge will close in May."\n\nNobody answered.',
        [{"speaker": "Ada Holm"}, {"text_startswith": '"We are going to enter', "speaker": None}],
    ),
    # --- round 5: a compound head noun after a comma is the whole source ("harbour officials said")
    (
        "compound-head-source",
        "The lake rose to its highest level in a decade, harbour officials said.",
        [{"text": "The lake rose to its highest level in a decade", "speaker": "harbour officials", "cue": "said"}],
    ),
    (
        "compound-head-source-determiner",
        "The ferry will stay docked until spring, a harbour spokesman told the Daily Ledger.",
        [{"text": "The ferry will stay docked until spring", "speaker": "a harbour spokesman", "cue": "told"}],
    ),
    (
        "compound-head-subject-negative",
        "Weather officials said the lake rose.",
        [{"text": "the lake rose.", "speaker": "Weather officials", "cue": "said"}],
    ),
    # --- a no-break space between a closing quote mark and the attribution
    (
        "nbsp-after-closing-quote",
        "“We fixed the pier in a week,”\u00a0Dana Voss said in June on the radio show.",
        [{"text": "“We fixed the pier in a week,”", "speaker": "Dana Voss", "cue": "said", "kind": "direct"}],
    ),
    # --- ", <past-tense learned cue>" in a list of verb phrases ends the statement before it
    (
        "comma-coordinated-past-verb",
        "Mayor Ada Holm complained about the rain, declined to discuss the budget and praised the ferry crew.",
        [{"cue": "complained about", "text": "the rain", "speaker": "Ada Holm"},
         {"cue": "declined", "text_startswith": "to discuss the budget", "speaker": "Ada Holm"}],
    ),
    (
        "comma-past-participle-negative",
        "Ada Holm praised the new ferry, painted blue last spring by the crew.",
        [{"cue": "praised", "text": "the new ferry, painted blue last spring by the crew.", "speaker": "Ada Holm"}],
    ),
    # --- a short content after the cue that opens with a preposition is an adjunct
    ("adjunct-content-negative", "Nils Aho reported from Harbour City.", []),
    # (round 7: a passive cue's agent is its source and the subject its content, see "passive-agent";
    # the agent is still never the content)
    ("adjunct-passive-agent", "The closure was first reported by the Ledger.",
     [{"cue": "was first reported", "text": "The closure", "speaker": "Ledger"}]),
    (
        "adjunct-then-clause",
        "Nils Aho reported from Harbour City that the ferry had sunk.",
        [{"cue": "reported", "text_endswith": "that the ferry had sunk.", "speaker": "Nils Aho"}],
    ),
    # --- an indirect content of at most four words before its cue is an opening phrase, not speech
    ("short-content-before-cue-one-word-negative", "Fine, Ms. Holm said.", []),
    (
        "short-content-before-according-to",
        "That is according to a count by the harbour office.",
        [{"cue": "according to", "text": "That is"}],
    ),
    (
        "long-content-before-cue",
        "The harbour will reopen in May, the mayor said.",
        [{"cue": "said", "text": "The harbour will reopen in May", "speaker": "the mayor"}],
    ),
    # --- "X, who said A, said B": both statements, the first one ending before the second cue
    (
        "who-said-then-said",
        "Holm, who said the ferry was late again, said the harbour needs a new pier.",
        [{"cue": "said", "text": "the ferry was late again", "speaker": "Holm"},
         {"cue": "said", "text": "the harbour needs a new pier.", "speaker": "Holm"}],
    ),
    (
        "said-then-said-negative",
        "Holm said the ferry was late, and Aho said the bridge was closed.",
        [{"cue": "said", "text": "the ferry was late", "speaker": "Holm"},
         {"cue": "said", "text": "the bridge was closed.", "speaker": "Aho"}],
    ),
    # --- a lower-case possessive inside an inverted source
    (
        "inverted-possessive-source",
        "The ferry line lost money again this year, said the company's spokeswoman, Ann Smith.",
        [{"cue": "said", "text": "The ferry line lost money again this year", "speaker": "the company's spokeswoman"}],
    ),
    (
        "inverted-possessive-content-negative",
        "Holm said the company's spokeswoman had resigned.",
        [{"cue": "said", "text": "the company's spokeswoman had resigned.", "speaker": "Holm"}],
    ),
    # --- an -ed reporting verb between a possessive or determiner and a noun is an adjective
    (
        "adjective-participle-negative",
        "Holm praised Aho’s proposed bridge at length and explained why it mattered.",
        [{"cue": "praised", "text": "Aho’s proposed bridge at length", "speaker": "Holm"},
         {"cue": "explained", "text": "why it mattered.", "speaker": "Holm"}],
    ),
    (
        "adjective-participle-in-content",
        "The mayor said the proposed bridge would cost too much.",
        [{"cue": "said", "text": "the proposed bridge would cost too much.", "speaker": "The mayor"}],
    ),
    (
        "participle-verb-after-auxiliary",
        "Holm has proposed that the old bridge be closed.",
        [{"cue": "proposed", "text": "the old bridge be closed.", "speaker": "Holm"}],
    ),
    # --- everything between a quotation closed after a comma and a reporting verb ending the clause is the source
    # --- the content of a learned cue ending in "to" starts at "to" (PolNeAR's convention); the cue ends before it
    (
        "learned-cue-to-content",
        "Holm vowed to keep the ferry running all winter.",
        [{"cue": "vowed", "text": "to keep the ferry running all winter.", "speaker": "Holm"}],
    ),
    # --- a particle right after a rule cue belongs to the cue
    (
        "rule-cue-particle",
        "Holm pointed out that the ferry was late.",
        [{"cue": "pointed out", "text": "the ferry was late.", "speaker": "Holm"}],
    ),
    (
        "rule-cue-particle-about",
        "Holm complained about the fees at the harbour.",
        [{"cue": "complained about", "text": "the fees at the harbour.", "speaker": "Holm"}],
    ),
    (
        "rule-cue-adjunct-not-particle",
        "Holm said on Tuesday that the ferry was late.",
        [{"cue": "said", "text": "the ferry was late.", "speaker": "Holm"}],
    ),
    # --- "expected", "seems", "known" ...: the content holds the clause's subject, as PolNeAR's does
    (
        "raising-cue-rule",
        "The vote in the council is expected to pass easily next week.",
        [{"cue": "expected", "text": "The vote in the council is expected to pass easily next week."}],
    ),
    (
        "raising-cue-learned",
        "Holm seems to have lost the trust of the crew.",
        [{"cue": "seems", "text": "Holm seems to have lost the trust of the crew."}],
    ),
    (
        "raising-cue-after-comma",
        "After the storm, the ferry is expected to run again on Monday.",
        [{"cue": "expected", "text": "the ferry is expected to run again on Monday."}],
    ),
    (
        "raising-passive-said",
        "The mayor is said to be furious about the fees.",
        [{"cue": "said", "text": "The mayor is said to be furious about the fees."}],
    ),
    (
        "non-raising-cue-negative",
        "The council expects the vote to pass easily next week.",
        [{"text": "the vote to pass easily next week.", "speaker": "The council"}],
    ),
    (
        "quote-gap-source-pp",
        '"The pier is safe and the ferry will run," a spokesman for the harbour board said.',
        [{"cue": "said", "text": '"The pier is safe and the ferry will run,"', "kind": "direct", "speaker": "a spokesman for the harbour board"}],
    ),
    (
        "quote-gap-source-appositives",
        '"The ferry has never been this late," Dana Voss, 67, a retired nurse in Harbour City, said in an interview.',
        [{"cue": "said", "text": '"The ferry has never been this late,"', "speaker": "Dana Voss"}],
    ),
    (
        "quote-gap-source-hyphenated-adjective",
        '"The pier will be ready in May," soft-spoken Holm said.',
        [{"cue": "said", "text": '"The pier will be ready in May,"', "speaker": "Holm"}],
    ),
    (
        "quote-gap-source-tell",
        '"We are done," the mayor of the town told reporters.',
        [{"cue": "told", "text": '"We are done,"', "speaker": "the mayor of the town"}],
    ),
    # --- a lone opener word is no sentence subject: the subject after the opening phrase speaks
    (
        "lone-opener-subject",
        "Back in the spring, Mr. Holm visited the harbour, telling the crew that the ferry would stay.",
        [{"cue": "telling", "text": "the crew that the ferry would stay.", "speaker": "Mr. Holm"}],
    ),
    (
        "lone-opener-subject-focus-word",
        "Even the mayor praised the crew, telling the Ledger that they had saved the ferry.",
        [{"cue": "telling", "text": "the Ledger that they had saved the ferry.", "speaker": "the mayor"}],
    ),
    (
        "quote-gap-source-negative-period",
        '"The ferry will run again soon." The harbour board met on Monday and said nothing.',
        [{"cue": None}],
    ),
    # --- round 7: a later cue with no content of its own does not end the content before it
    (
        "empty-nested-cue-end-of-sentence",
        "The mayor said she was joking.",
        [{"cue": "said", "text": "she was joking.", "speaker": "The mayor"}],
    ),
    (
        "empty-nested-cue-adjunct",
        "Mr. Aho said he agreed with Ms. Voss.",
        [{"cue": "said", "text": "he agreed with Ms. Voss.", "speaker": "Mr. Aho"}],
    ),
    (
        "empty-nested-cue-negative-content-follows",
        "Ms. Voss said the crew agreed that the fares would fall.",
        [{"cue": "agreed", "text": "the fares would fall.", "speaker": "the crew"}],
    ),
    (
        "cut-before-but",
        "Mr. Aho said the fares were high, but Ms. Voss said that the fares would fall.",
        [{"cue": "said", "text": "the fares were high", "speaker": "Mr. Aho"},
         {"cue": "said", "text": "the fares would fall.", "speaker": "Ms. Voss"}],
    ),
    # --- an adverb after the reporting verb of a source between a quotation and its cue
    (
        "quote-gap-source-adverb",
        '"Big fare cuts do not work in an age of high debt," Nils Aho of the Harbour Institute wrote recently.',
        [{"cue": "wrote", "text": '"Big fare cuts do not work in an age of high debt,"', "speaker": "Nils Aho of the Harbour Institute"}],
    ),
    (
        "quote-gap-source-adverb-negative-object",
        '"Big fare cuts do not work in an age of high debt," Nils Aho of the Harbour Institute wrote Voss a letter.',
        [{"cue": "wrote", "text": "Voss a letter."}],
    ),
    # --- doubled apostrophes: "'''" closes an inner single quote and the quotation; a period before
    # the closing "''" ends the sentence
    (
        "doubled-apostrophe-triple-close",
        "''Every year there are stories that the crew will defect - 'Oh, the crew won't vote for Voss,''' Nils Aho, a former harbour director, wrote in an email.",
        [{"cue": "wrote", "speaker": "Nils Aho", "kind": "direct",
          "text": "''Every year there are stories that the crew will defect - 'Oh, the crew won't vote for Voss,'''"}],
    ),
    (
        "doubled-apostrophe-period-ends-sentence",
        "The board said in a statement: ''Neither of these letters involve the mayor. They are notes between aides.'' The board did not elaborate.",
        [{"cue": "said", "speaker": "The board", "kind": "direct",
          "text": "''Neither of these letters involve the mayor. They are notes between aides.''"}],
    ),
    (
        "doubled-apostrophe-negative-lower-case-goes-on",
        "''The fares are too high, and nobody will pay them.'' the board said, ''not this year.''",
        [{"cue": "said", "n_parts": 2, "speaker": "the board"}],
    ),
    # --- "said in a statement: ...": the content starts after the colon
    (
        "adjunct-then-colon",
        'The board said in a statement: "Neither of these letters involve the mayor."',
        [{"cue": "said", "speaker": "The board", "kind": "direct", "text": '"Neither of these letters involve the mayor."'}],
    ),
    (
        "adjunct-then-that-negative",
        "The board said in a statement on Tuesday that the fares will rise.",
        [{"cue": "said", "speaker": "The board", "text": "the fares will rise."}],
    ),
    # --- a quotation after a colon, right before a later attribution, is that attribution's
    (
        "colon-quote-to-next-cue",
        "Voss was explaining why she could not send the file because it was stuck in the old system: "
        "“Trust me, I share your anger. But there is no way for me to send it,” Voss wrote.",
        [{"cue": "explaining", "text": "why she could not send the file because it was stuck in the old system"},
         {"cue": "wrote", "speaker": "Voss", "kind": "direct",
          "text": "“Trust me, I share your anger. But there is no way for me to send it,”"}],
    ),
    (
        "colon-quote-to-next-cue-negative-no-colon",
        "Voss said the ferry would stop, “and nobody will pay for it,” Aho added.",
        [{"cue": "said", "speaker": "Voss", "text": "the ferry would stop, “and nobody will pay for it,”"}],
    ),
    # --- "Name asked <object>." after a question: an object of up to three lower-case words
    (
        "question-asked-three-word-object",
        "“Did you know the ferry was late?” Voss asked the harbour ferry captain.",
        [{"cue": "asked", "speaker": "Voss", "kind": "direct", "text": "“Did you know the ferry was late?”"}],
    ),
    (
        "question-asked-long-object-negative",
        "“Did you know the ferry was late?” Voss asked the old harbour ferry captain.",
        [{"cue": None}, {"cue": "asked", "text": "the old harbour ferry captain."}],
    ),
    # --- an inverted lower-case source holding a name ("said a longtime GOP data expert who ...")
    (
        "inverted-nominal-with-name",
        "“It’s going to be hard to do it in a quick turnaround,” said a longtime GOP data expert who has worked for one of the board's rivals.",
        [{"cue": "said", "kind": "direct", "speaker": "a longtime GOP data expert",
          "text": "“It’s going to be hard to do it in a quick turnaround,”"}],
    ),
    (
        "inverted-nominal-with-name-comma",
        "“It’s going to be hard,” said a longtime GOP data expert, and the board agreed.",
        [{"cue": "said", "kind": "direct", "speaker": "a longtime GOP data expert", "text": "“It’s going to be hard,”"}],
    ),
    (
        # "that" does not end an inverted source: the words after "said" are content
        "inverted-nominal-with-name-negative-that",
        "The fares will rise, said a GOP report that was wrong.",
        [{"cue": "said", "text": "a GOP report that was wrong."}, {"cue": "report"}],
    ),
    # --- "Name verb, <adjunct>." after a question joins it even when a title in quotation marks
    # follows in the adjunct; the title is not a continuation of the quotation
    (
        "question-remarked-adjunct-with-title",
        '"I\'m not sure you know the captain is free, but we\'ll see, right?" Voss remarked, alluding to the actor\'s latest turn in "The Harbour."',
        [{"cue": "remarked", "speaker": "Voss", "kind": "direct",
          "text": '"I\'m not sure you know the captain is free, but we\'ll see, right?"'},
         {"cue": "alluding"}],
    ),
    (
        "question-asked-quote-right-after-negative",
        "“Did you know the ferry was late?” Voss asked, “Really?”",
        [{"cue": None}, {"cue": "asked", "speaker": "Voss", "text": "“Really?”"}],
    ),
    (
        "short-continuation-right-after-attribution-still-joins",
        "“We tried everything,” Kofi Mensah said, “and it worked.”",
        [{"cue": "said", "n_parts": 2, "speaker": "Kofi Mensah"}],
    ),
    # --- a later cue whose clause would leave the content ending in a function word does not end it
    (
        "no-dangling-cut",
        "Polls show as many as 30 percent of the mayor's backers say they will not vote for her.",
        [{"cue": "show", "speaker": "Polls", "text": "as many as 30 percent of the mayor's backers say they will not vote for her."}],
    ),
    # --- a contracted pronoun ("She’s", "He's") is a pronoun source, resolved to the person last named
    (
        "contracted-pronoun-cue",
        "Mayor Ana Lind spoke on Monday. She’s planning to close the old pier next spring.",
        [{"cue": "She’s", "speaker": "Ana Lind", "speaker_start": 32, "speaker_end": 35,
          "text": "planning to close the old pier next spring."}],
    ),
    (
        "contracted-pronoun-before-cue",
        "Ivo Brandt left early. He's hoping the ferry will run again soon.",
        [{"cue": "hoping", "speaker": "Ivo Brandt", "speaker_start": 23, "speaker_end": 25,
          "text": "the ferry will run again soon."}],
    ),
    # --- a percentage is the agent of a passive cue; the subject is the content
    (
        "passive-percent-agent",
        "The ferry plan was rejected by 64 percent of the dockers surveyed.",
        [{"cue": "was rejected", "speaker": "64 percent of the dockers surveyed", "text": "The ferry plan"}],
    ),
    (
        "passive-percent-sign-agent",
        "Ana Lind is backed by 34% of the dockers in the latest poll.",
        [{"cue": "is backed", "speaker": "34% of the dockers", "text": "Ana Lind"}],
    ),
    (
        "passive-percent-negative-no-passive",
        "The ferry plan gained 64 percent of the votes.",
        [],
    ),
    # --- a content cut before the next cue's clause ends before the word linking the two clauses
    (
        "cut-before-while",
        "Ana Lind said the pier was safe, while Ivo Brandt argued it needs new pilings.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the pier was safe"},
         {"cue": "argued", "speaker": "Ivo Brandt", "text": "it needs new pilings."}],
    ),
    (
        "cut-before-but-no-comma",
        "Ana Lind said the pier was safe but Ivo Brandt said it needs new pilings.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the pier was safe"},
         {"cue": "said", "speaker": "Ivo Brandt", "text": "it needs new pilings."}],
    ),
    # --- a rule statement whose cue and speaker lie inside another's content is part of that content
    (
        "nested-rule-statement-dropped",
        "Ana Lind concluded that as many as half of the harbour workers said they would strike in May.",
        [{"cue": "concluded", "speaker": "Ana Lind",
          "text": "as many as half of the harbour workers said they would strike in May."}],
    ),
    (
        "nested-rule-statement-relative",
        "Mayor Ivo Brandt asked the dockers who they think should run the port next year.",
        [{"cue": "asked", "speaker": "Ivo Brandt", "text": "the dockers who they think should run the port next year."}],
    ),
    (
        "nested-rule-statement-negative-own-clause",
        "Ana Lind said the pier is safe, and Ivo Brandt said it needs new pilings.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the pier is safe"},
         {"cue": "said", "speaker": "Ivo Brandt", "text": "it needs new pilings."}],
    ),
    (
        "no-cut-at-complement-clause",
        "Voss said she is unconvinced that Aho believes the plan will work.",
        [{"cue": "said", "speaker": "Voss", "text": "she is unconvinced that Aho believes the plan will work."}],
    ),
    (
        "no-dangling-cut-negative-clause-boundary",
        "Polls show the mayor is ahead, and her backers say they will vote for her.",
        [{"cue": "show", "speaker": "Polls", "text": "the mayor is ahead"},
         {"cue": "say", "text": "they will vote for her."}],
    ),
    # --- "thinking" / "finding" used as nouns are no cues
    (
        "noun-use-thinking-negative",
        "The board's new thinking on delays is welcome, the mayor said.",
        [{"cue": "said", "speaker": "the mayor", "text": "The board's new thinking on delays is welcome"}],
    ),
    (
        "verb-use-thinking",
        "Aho is thinking the fares will fall.",
        [{"cue": "thinking", "speaker": "Aho", "text": "the fares will fall."}],
    ),
    # --- "add to", "lie to" report nothing
    (
        "adding-to-not-a-cue",
        "Aho said the ferry was late, adding to the confusion at the harbour.",
        [{"cue": "said", "speaker": "Aho", "text": "the ferry was late, adding to the confusion at the harbour."}],
    ),
    ("lied-to-not-a-cue", "Aho lied to the harbour board about the fares.", []),
    (
        "added-that-still-a-cue",
        "Aho added that the ferry was late.",
        [{"cue": "added", "speaker": "Aho", "text": "the ferry was late."}],
    ),
    # --- a quotation capitalised like a title, or followed by a byline, is no statement on its own
    (
        "title-case-quote-negative",
        "Aho hosted the harbour radio hour for years. He is now host of “The Harbour Show with Nils Aho.”",
        [],
    ),
    (
        "byline-quote-negative",
        '—"A harbour in trouble and a ferry late again," by The Ledger\'s Ana Lind: http://example.org/x.',
        [],
    ),
    (
        "title-case-quote-with-cue-kept",
        'Aho spoke for an hour. "We Will Never Give Up On This Harbour," Aho said.',
        [{"cue": "said", "speaker": "Aho", "kind": "direct", "text": '"We Will Never Give Up On This Harbour,"'}],
    ),
    # --- a short content before its cue is kept when it is a clause
    (
        "short-clause-before-cue",
        "The fares are high, Voss said at the time.",
        [{"cue": "said", "speaker": "Voss", "text": "The fares are high"}],
    ),
    ("short-phrase-before-cue-negative", "In the harbour, Voss said at the time.", []),
    # --- an opening phrase is not the content of a cue whose content is a later cue's clause
    (
        "opening-phrase-not-content-negative",
        'In an October interview, Aho said he believes the ferry was "a terrible mistake."',
        [{"cue": "believes", "text": 'the ferry was "a terrible mistake."'}],
    ),
    (
        "content-before-cue-with-adjunct-after",
        "The ferry was a terrible mistake, Aho said in an October interview.",
        [{"cue": "said", "speaker": "Aho", "text": "The ferry was a terrible mistake"}],
    ),
    # --- a cue in a relative clause whose gap is its content does not end the content around it
    (
        "relative-clause-cue-subject-gap",
        'He said that the harbour plan, which some have argued was meant to help the board, was an "insult" to the crew.',
        [{"cue": "said", "text": 'the harbour plan, which some have argued was meant to help the board, was an "insult" to the crew.'}],
    ),
    (
        "relative-clause-cue-object-gap",
        "Aho said the fares that Voss announced were too high.",
        [{"cue": "said", "text": "the fares that Voss announced were too high.", "speaker": "Aho"}],
    ),
    (
        "relative-clause-cue-negative-clause-ends",
        "Aho praised the plan, which Voss called a disaster.",
        [{"cue": "praised", "text": "the plan", "speaker": "Aho"}],
    ),
    # --- an opening phrase before "Name, <insertion>, said ...": the words after the cue are content
    (
        "appositive-subject-after-opener",
        "In an interview, Nils Aho, a former harbour captain, said Voss was deeply involved.",
        [{"cue": "said", "text": "Voss was deeply involved.", "speaker": "Nils Aho"}],
    ),
    (
        "appositive-subject-after-opener-negative-inverted",
        "The ferry will not run on Tuesday, said Nils Aho, the harbour master.",
        [{"cue": "said", "text": "The ferry will not run on Tuesday", "speaker": "Nils Aho"}],
    ),
    # --- a participle after a quotation closed after a comma starts a statement of its own
    (
        "participle-after-quote-comma",
        "In May, Mr. Aho told investors that worries about ferries were ''overblown,'' adding that the harbour had ''real upside.''",
        [{"cue": "told", "text": "investors that worries about ferries were ''overblown,''", "speaker": "Mr. Aho"},
         {"cue": "adding", "text": "the harbour had ''real upside.''", "speaker": "Mr. Aho"}],
    ),
    # --- a coordinated learned cue splits its host even when one word is left to the host
    (
        "coordinated-split-one-word-host",
        "Nils Aho blasted Voss and defended Holm in a recent interview with the Ledger.",
        [{"cue": "blasted", "text": "Voss", "speaker": "Nils Aho"},
         {"cue": "defended", "text": "Holm in a recent interview with the Ledger.", "speaker": "Nils Aho"}],
    ),
    (
        "coordinated-split-negative-no-cue",
        "Nils Aho met Voss and Holm in May.",
        [],
    ),
    # --- a passive reporting verb with only an agent or an adjunct after it: the subject's clause is the content
    (
        "passive-agent",
        "The ferry deal was first reported by Dana Voss.",
        [{"cue": "was first reported", "text": "The ferry deal", "speaker": "Dana Voss"}],
    ),
    (
        "passive-relative-pronoun",
        "Aho signed the letter, which was first reported last week by the Ledger.",
        [{"cue": "signed"}, {"cue": "was first reported", "text": "which"}],
    ),
    (
        "passive-no-agent",
        "The harbour plan was widely praised.",
        [{"cue": "was widely praised", "text": "The harbour plan", "speaker": None}],
    ),
    (
        "passive-negative-content-after",
        "Aho was asked whether the ferry would run.",
        [{"cue": "asked", "text": "whether the ferry would run.", "speaker": "Aho"}],
    ),
    (
        "passive-agent-then-content",
        "The mayor has been criticized by the board for failing to fix the ferry.",
        [{"cue": "has been criticized", "speaker": "the board", "n_parts": 2,
          "text": "The mayor has been criticized by the board for failing to fix the ferry."}],
    ),
    # --- a pronoun with no name before it in its sentence points to the subject of the sentence before, not to the
    # last name there (2026-12-07)
    (
        "pronoun-previous-subject",
        "Ana Lind criticised Ivo Brandt on Tuesday. She said the ferry was late.",
        [{"cue": "criticised", "speaker": "Ana Lind"}, {"cue": "said", "speaker": "Ana Lind", "text": "the ferry was late."}],
    ),
    (
        "pronoun-previous-subject-titled",
        "Mayor Ana Lind met Ivo Brandt on Tuesday. She said the ferry was late.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the ferry was late."}],
    ),
    (
        "pronoun-previous-passive-subject",
        "Ivo Brandt was criticized by Ana Lind on Tuesday. He said the charge was unfair.",
        [{"cue": "was criticized", "speaker": "Ana Lind"}, {"cue": "said", "speaker": "Ivo Brandt", "text": "the charge was unfair."}],
    ),
    (
        "pronoun-name-in-its-own-sentence",
        "Ana Lind met Ivo Brandt on Tuesday. Ivo Brandt left early, and he said the ferry was late.",
        [{"cue": "said", "speaker": "Ivo Brandt", "text": "the ferry was late."}],
    ),
    (
        "pronoun-own-sentence-subject",
        "Ana Lind cited Ivo Brandt's report, but she said the ferry was late.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the ferry was late."}],
    ),
    (
        "pronoun-subject-with-middle-initial",
        "Ana J. Lind met Ivo Brandt on Tuesday. She said the ferry was late.",
        [{"cue": "said", "speaker": "Ana J. Lind", "text": "the ferry was late."}],
    ),
    (
        "pronoun-subject-after-organisation-and-role",
        "Harbour Watch spokesman Ivo Brandt met Ana Lind. He said the ferry was late.",
        [{"cue": "said", "speaker": "Ivo Brandt", "text": "the ferry was late."}],
    ),
    # --- the last word of a capitalised run is no surname when it is a party word or written in lower case elsewhere
    (
        "pronoun-not-to-a-common-word-run",
        "The ferry plan was written after the Cold War, when a war seemed near. He said the plan was old.",
        [{"cue": "said", "speaker": None, "text": "the plan was old."}],
    ),
    (
        "pronoun-not-to-a-party-word-run",
        '"The ferry is late," said Ivo Brandt, a Harbour-based Democratic strategist. "But," he added, "it will run."',
        [{"cue": "said", "speaker": "Ivo Brandt"}, {"cue": "added", "speaker": "Ivo Brandt"}],
    ),
    (
        "pronoun-after-adjunct-opener",
        "On Tuesday Ivo Brandt met Ana Lind. She said the ferry was late.",
        [{"cue": "said", "speaker": "Ana Lind", "text": "the ferry was late."}],
    ),
    # --- an adverb opening the sentence is not part of the name after it (2026-12-07)
    (
        "sentence-initial-adverb-before-name",
        "Later Ivo Brandt said the ferry was late.",
        [{"cue": "said", "speaker": "Ivo Brandt", "text": "the ferry was late."}],
    ),
    # --- "from" after a noun for people makes the name after it a place: the noun phrase is the speaker (2026-12-07)
    (
        "person-noun-from-place",
        "A voter from Kestrava worried the ferry might stop.",
        [{"cue": "worried", "speaker": "A voter from Kestrava", "text": "the ferry might stop."}],
    ),
    (
        "letter-from-person-stays-the-person",
        "A letter from Ada Holm said the ferry was late.",
        [{"cue": "said", "speaker": "Ada Holm", "text": "the ferry was late."}],
    ),
    # --- a bare plural noun phrase is the agent too: the accused is not the speaker (2026-12-07)
    (
        "passive-bare-plural-agent",
        "Ana Lind was criticized by opposition leaders for the ferry delays.",
        [{"cue": "was criticized", "speaker": "opposition leaders", "n_parts": 2,
          "text": "Ana Lind was criticized by opposition leaders for the ferry delays."}],
    ),
    (
        "passive-bare-plural-agent-alone",
        "The harbour plan was praised by dock workers.",
        [{"cue": "was praised", "speaker": "dock workers", "text": "The harbour plan"}],
    ),
    (
        "passive-by-singular-noun-no-agent",
        "The ferry letter was signed by hand, Ana Lind said.",
        [{"cue": "said", "speaker": "Ana Lind"}],
    ),
    (
        "passive-adjunct-phrase",
        "The harbour plan was announced on Monday during a breakfast in the city.",
        [{"cue": "was announced", "text": "The harbour plan", "speaker": None}],
    ),
    (
        "passive-negative-that-clause",
        "The fares were announced on Tuesday that the ferry would stop.",
        [{"cue": "announced", "text": "the ferry would stop."}],
    ),
    (
        "passive-negative-not-a-cue",
        "The ferry was built in 1950.",
        [],
    ),
]


def _check(st: Statement, exp: dict, text: str) -> None:
    for key, want in exp.items():
        if key == "text":
            assert st.text.strip() == want
        elif key == "text_startswith":
            assert st.text.startswith(want)
        elif key == "text_endswith":
            assert st.text.endswith(want)
        elif key == "n_parts":
            assert len(st.parts) == want
        elif key == "end_before":
            assert st.end <= want
        else:
            assert getattr(st, key) == want, f"{key}: {getattr(st, key)!r} != {want!r}"
    # invariants of every record
    assert text[st.start : st.end] == st.text
    if st.speaker_start is not None:
        assert 0 <= st.speaker_start < st.speaker_end <= len(text)
    assert st.kind in ("direct", "indirect", "mixed")
    # the cue offsets point at the cue in the input; both None exactly when there is no cue word
    if st.cue is None:
        assert st.cue_start is None and st.cue_end is None
    else:
        assert st.cue_start is not None and st.cue_end is not None
        assert text[st.cue_start : st.cue_end] == st.cue


# (id, text, [(cue, where)]): per statement in document order, the cue and the character offset of
# its start (None: no cue word, so no offsets). The cue words also stand elsewhere in the texts.
CUE_OFFSET_CASES = [
    (
        "rule-verb-after-quote",
        "Ada Holm said the pier was closed for repairs. “The pier is safe tonight,” Nils Aho said.",
        [("said", 9), ("said", 84)],
    ),
    ("inverted", "“The lamps are lit again in the harbour,” said Ada Holm.", [("said", 42)]),
    ("according-to", "The ferry will run late, according to Mara Lind.", [("according to", 25)]),
    (
        "colon-introduction",
        "Dana Voss issued the following statement:\n\n“We are proud of the crew and of the rescue.”",
        [("issued the following statement:", 10)],
    ),
    ("subject-intro-quote", "Hannity interjected: “That is not what the report says at all.”", [("interjected", 8)]),
    ("learned-cue", "Port chief Ivo Brandt wants the ferry line to reopen next spring.", [("wants", 22)]),
    (
        "no-cue-quotation",
        "“We will rebuild the pier this year,” Ivo Brandt said.\n\n“Nobody is going to stop this project now.”",
        [("said", 49), (None, None)],
    ),
    (
        "joined-quotation-keeps-cue",
        "“We will rebuild the pier this year,” Ivo Brandt said. “It will take a year or so.”",
        [("said", 49)],
    ),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CUE_OFFSET_CASES], ids=[c[0] for c in CUE_OFFSET_CASES])
def test_cue_offsets(text: str, expected: list[tuple[str | None, int | None]]) -> None:
    found = extract_statements(text)
    assert [(st.cue, st.cue_start) for st in found] == expected
    for st in found:
        _check(st, {}, text)


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_patterns(text: str, expected: list[dict]) -> None:
    found = extract_statements(text)
    assert len(found) == len(expected), [s.text for s in found]
    for st, exp in zip(found, expected):
        _check(st, exp, text)


def test_document_order_and_immutable() -> None:
    text = (
        "“Prices will fall,” said Mira Osei. The bank said inflation had peaked. "
        "According to the ministry, wages rose."
    )
    found = extract_statements(text)
    assert [s.start for s in found] == sorted(s.start for s in found)
    assert len(found) == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 42, b"bytes are not text", ["a list"]])
def test_non_str_raises_clear_error(bad: object) -> None:
    with pytest.raises(TypeError) as info:
        extract_statements(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, InputError)
    assert type(bad).__name__ in str(info.value)


def test_many_unclosed_quotes_no_runaway() -> None:
    # each unclosed quote is followed by a paragraph that does not re-open one, so it must end there
    text = "\n\n".join(
        f"“Paragraph {i} opens a quote and never closes it, said someone.\n\nThe meeting went on." for i in range(50)
    )
    found = extract_statements(text)
    assert found
    for st in found:
        assert "\n" not in st.text  # nothing spans into the next paragraph
        assert "meeting" not in st.text


def test_long_text_keeps_every_statement() -> None:
    """A long text gives the statements of each of its parts, none lost or merged. (How time grows with length is
    measured in ``benchmarks/bench_extract.py``, not timed here.)"""
    para = (
        "“The harbour will stay open,” port director Elin Berg said on Friday. She said the cranes "
        "had been repaired. Traffic rose 4 percent, according to the port authority.\n\n"
    )
    one = extract_statements(para)
    big = extract_statements(para * 500)
    assert len(one) == 3
    assert len(big) == 500 * len(one)
    assert [s.text for s in big[-3:]] == [s.text for s in one]
    assert [s.start - (len(para) * 499) for s in big[-3:]] == [s.start for s in one]
    assert all(s.speaker == "Elin Berg" for s in big[:2])


# --- command line: ``stance extract``


def _run_cli(argv: list[str]) -> int:
    try:
        from stance.cli import main  # the project's entry point, once it exists
    except ImportError:
        import argparse

        from stance.extraction.cli import register

        parser = argparse.ArgumentParser(prog="stance")
        register(parser.add_subparsers())
        args = parser.parse_args(argv)
        return args.func(args)
    return main(argv)


def test_cli_extract_jsonl(tmp_path, capsys) -> None:
    import json

    f = tmp_path / "a.txt"
    text = "“The pier is safe,” harbour master Nils Aho said.\n\n“Bring your own lamp when you come tonight.”\n"
    f.write_text(text, encoding="utf-8")
    assert _run_cli(["extract", str(f), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rec = json.loads(lines[0])
    assert set(rec) == {
        "file", "text", "start", "end", "speaker", "speaker_start", "speaker_end", "cue", "kind", "cue_start", "cue_end"
    }
    assert rec["speaker"] == "Nils Aho" and rec["kind"] == "direct" and rec["file"] == str(f)
    assert text[rec["cue_start"] : rec["cue_end"]] == rec["cue"] == "said"
    # a quotation with no cue word: null offsets
    rec2 = json.loads(lines[1])
    assert rec2["cue"] is None and rec2["cue_start"] is None and rec2["cue_end"] is None


def test_cli_extract_bad_files_reported_others_processed(tmp_path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The mayor said the market would reopen on Monday.", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le maire a déclaré".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code = _run_cli(["extract", str(latin), str(empty), str(missing), str(good), "--format", "table"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "the market would reopen" in out
    assert f"{latin}: not UTF-8" in err and "iconv" in err
    assert f"{empty}: empty file" in err
    assert f"{missing}: no such file" in err
