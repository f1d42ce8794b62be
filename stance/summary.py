"""Who stands where: an article's labelled statements (:func:`stance.analyze`) summed up per speaker and target.

>>> rows = stance.analyze(article, ["the government", "outside forces"])      # doctest: +SKIP
>>> for s in stance.summarize(rows):                                         # doctest: +SKIP
...     print(s.speaker, s.target, s.stance, s.counts, s.text)

The summary invents no score of its own. For each speaker and target it counts the statements per predicted
label and names the statement behind its verdict:

* the verdict is the label of the speaker's most trustworthy statement that takes a side (FAVOR or AGAINST):
  a statement that names the target beats one that does not (those are right less often: the
  ``target_not_mentioned`` flag), then the higher confidence wins;
* when no statement takes a side, the verdict is NONE, backed by the most confident NONE statement;
* ``mixed`` is set when the speaker has statements on both sides, so a single verdict would hide a change of
  position or a model error; read the statements themselves then.

A speaker gets no record toward themselves: a (speaker, target) pair is left out when the speaker's name and the
target or one of its ``aliases`` share an identifying word (:func:`stance.names.same_name`: "Obama" speaking of
"Barack Obama", "Democrats" of "Democratic Party"). On SEESAW valid this took the precision of the default model's
verdicts from 17.0% to 18.9% at about the same recall (docs/news.md).

The ``verdict`` says whether the side is to be trusted: it is the side (FAVOR or AGAINST) only when the statement
behind it meets the :class:`VerdictRule` (by default: the statement names the target, the speaker is a name,
not "critics" or a stray word the extractor took for a speaker, nor a poll, and the speaker is not only cited as a
source, "according to X"); otherwise ``UNCLEAR``, with the reason in ``doubt``. ``NONE`` when no statement takes a side. The default rule was chosen on SEESAW valid as the one with the
highest F1 of the end-to-end measure (docs/news.md, "Precision of the summary").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stance.exceptions import InputError
from stance.model import TARGET_NOT_MENTIONED
from stance.names import identifying_words, is_named, is_poll, same_name

__all__ = ["SpeakerStance", "VerdictRule", "summarize"]

_LABELS = ("FAVOR", "AGAINST", "NONE")
#: The verdict of a side that does not meet the rule.
UNCLEAR = "UNCLEAR"
#: Cues that cite a source for facts rather than for a view ("according to X, 19 protesters have been killed"; "X
#: reported that ..."): on SEESAW train none of the 27 sides from them was the speaker's (docs/news.md).
REPORT_CUES = frozenset(["according to", "reported", "reports", "report", "reporting"])


@dataclass(frozen=True, slots=True)
class VerdictRule:
    """When a side becomes the verdict (see the module docstring).

    ``names_target``: the statement behind it names the target or one of its aliases (a side inferred from "he" or
    "the administration" is wrong more often than not with today's models). ``named_speaker``: the speaker holds a
    capitalised word that is not a title, a function word or a date (:func:`stance.names.is_named`).
    ``min_confidence``: the statement's stance confidence is at least this. ``poll_speakers``: a poll or a survey may
    hold a side (by default it may not: "a new Quinnipiac poll" reports what others think, and "Polls FAVOR Trump" is
    no stance; :func:`stance.names.is_poll`). ``report_cues``: a side may come from a statement the speaker is only
    cited for ("according to the Associated Press, ...", "the Observatory reported that ..."; by default it may not:
    such a source gives facts, and the side read into them is nobody's; :data:`REPORT_CUES`). ``VerdictRule.any()``
    takes every side.
    """

    names_target: bool = True
    named_speaker: bool = True
    min_confidence: float = 0.0
    poll_speakers: bool = False
    report_cues: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"VerdictRule min_confidence is {self.min_confidence!r}; give a number from 0 to 1")

    @classmethod
    def any(cls) -> VerdictRule:
        """Every side is a verdict."""
        return cls(names_target=False, named_speaker=False, min_confidence=0.0, poll_speakers=True, report_cues=True)

    def doubt(self, speaker: str | None, mentioned: bool, confidence: float, cue: str | None = None) -> str | None:
        """Why a side does not meet the rule (None when it does); ``cue`` is that of the statement behind it."""
        if self.names_target and not mentioned:
            return "the statement behind it does not name the target"
        if self.named_speaker and not (speaker and is_named(speaker)):
            return "the speaker is not named"
        if not self.poll_speakers and speaker and is_poll(speaker):
            return "the speaker is a poll or a survey, which reports what others think"
        if not self.report_cues and cue is not None and " ".join(cue.lower().split()) in REPORT_CUES:
            return f"the speaker is cited as a source ({cue!r}), not for a view of their own"
        if confidence < self.min_confidence:
            return f"confidence below {self.min_confidence:g}"
        return None


@dataclass(frozen=True, slots=True)
class SpeakerStance:
    """One speaker's stance toward one target over all of their statements in an article.

    ``speaker`` is the fullest form of the name used in the article ("Ingrid Halvard" also collects the
    statements attributed to "Halvard" and "Mrs. Halvard"); ``None`` collects the statements nobody is named for. ``stance`` and
    ``confidence`` are those of the statement behind the verdict (``text``, ``start``, ``end``); ``counts``
    holds the number of statements per predicted label; ``mentioned`` is True when that statement names the
    target (or an alias). ``verdict`` is ``stance`` when it is NONE or a side that meets the summary's
    :class:`VerdictRule`, else ``"UNCLEAR"`` with the reason in ``doubt``.
    """

    speaker: str | None
    target: str
    stance: str
    confidence: float
    counts: Mapping[str, int]
    mixed: bool
    text: str
    start: int
    end: int
    mentioned: bool
    statements: int
    verdict: str
    doubt: str | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "speaker": self.speaker,
            "target": self.target,
            "stance": self.stance,
            "confidence": self.confidence,
            "counts": dict(self.counts),
            "mixed": self.mixed,
            "statements": self.statements,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "mentioned": self.mentioned,
            "verdict": self.verdict,
            "doubt": self.doubt,
        }


def _same_person(names: Iterable[str]) -> dict[str, str]:
    """Each name -> the fullest name of the article for the same person: a name whose identifying words (titles,
    honorifics and dates left out: "Mr.", "President", "Tuesday") stand, in order, among a longer name's and end with
    the same word ("Halvard", "President Halvard", "Mr. Halvard" -> "President Ingrid Halvard"). Names with the same
    identifying words are one person ("Mr. Trump", "Trump"). A name that fits two different people ("Halvard" beside
    "Ingrid Halvard" and "Erik Halvard", "Mrs. Clinton" beside "Bill Clinton" and "Hillary Clinton") is kept as is."""
    cores = {n: identifying_words(n) for n in set(names)}
    # longer names first (by identifying words, then by the whole name), so theirs are settled before shorter ones look
    distinct = sorted(cores, key=lambda n: (-len(cores[n]), -len(n.split()), n))
    out: dict[str, str] = {}
    for name in distinct:
        words = cores[name]
        if not words:
            out[name] = name
            continue
        fuller = set()
        for longer in distinct:
            lw = cores[longer]
            if longer == name or lw[-1:] != words[-1:]:
                continue
            if len(lw) > len(words):
                it = iter(lw)
                if all(w in it for w in words):  # the words of ``name`` stand in ``longer``, in order
                    fuller.add(out[longer])
            elif lw == words and longer in out:
                fuller.add(out[longer])  # the same words, another title: the form settled first
        out[name] = fuller.pop() if len(fuller) == 1 else name
    return out


def summarize(
    rows: Iterable[Any], *, aliases: Mapping[str, Sequence[str]] | None = None, rule: VerdictRule = VerdictRule()
) -> list[SpeakerStance]:
    """Sum up labelled statements per speaker and target (see the module docstring for the rule).

    ``rows`` are :class:`stance.AnalyzedStatement` records (or objects with the same attributes) of one
    article; ``aliases`` the targets' other names as given to :func:`stance.analyze`; ``rule`` when a side
    becomes the verdict (:class:`VerdictRule`; ``VerdictRule.any()`` for every side). Returns one record per
    (speaker, target) pair that has statements, except a speaker toward themselves: speakers in order of their
    first statement, targets in the order first seen. Raises :class:`~stance.exceptions.InputError` for a
    row that is not a labelled statement.
    """
    if rows is None or isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise InputError(f"rows is {type(rows).__name__}; pass the list of labelled statements stance.analyze returns")
    if not isinstance(rule, VerdictRule):
        raise InputError(f"rule is {type(rule).__name__}; pass a stance.VerdictRule")
    rows = list(rows)
    aliases = dict(aliases or {})
    for i, r in enumerate(rows):
        if not all(hasattr(r, a) for a in ("speaker", "target", "stance", "stance_confidence", "text", "start", "end")):
            raise InputError(f"row {i} is {type(r).__name__}, not a labelled statement; pass what stance.analyze returns")
        if r.stance not in _LABELS:
            raise InputError(f"row {i} has stance {r.stance!r}; expected one of {', '.join(_LABELS)}")
    canon = _same_person(r.speaker for r in rows if r.speaker)
    groups: dict[tuple[str | None, str], list[Any]] = {}
    for r in rows:
        groups.setdefault((canon.get(r.speaker, r.speaker) if r.speaker else None, r.target), []).append(r)
    out = []
    for (speaker, target), members in groups.items():
        if speaker is not None and any(same_name(speaker, name) for name in (target, *aliases.get(target, ()))):
            continue  # a speaker toward themselves
        counts = {label: sum(1 for r in members if r.stance == label) for label in _LABELS}
        sided = [r for r in members if r.stance != "NONE"]
        pool = sided or members
        best = max(pool, key=lambda r: (TARGET_NOT_MENTIONED not in tuple(getattr(r, "flags", ())), r.stance_confidence))
        mentioned = TARGET_NOT_MENTIONED not in tuple(getattr(best, "flags", ()))
        doubt = rule.doubt(speaker, mentioned, best.stance_confidence, getattr(best, "cue", None)) if best.stance != "NONE" else None
        out.append(
            SpeakerStance(
                speaker=speaker,
                target=target,
                stance=best.stance,
                confidence=best.stance_confidence,
                counts=counts,
                mixed=counts["FAVOR"] > 0 and counts["AGAINST"] > 0,
                text=best.text,
                start=best.start,
                end=best.end,
                mentioned=mentioned,
                statements=len(members),
                verdict=UNCLEAR if doubt else best.stance,
                doubt=doubt,
            )
        )
    return out
