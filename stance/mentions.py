"""Other names an article gives a target: what :func:`stance.analyze` adds to the aliases a user gives.

News rarely repeats a target's full name. From the article's own text (never from a model), a target gets:

* the titles the article puts before a name ("President Barack Obama", "Vice President Joe Biden", "Sen. Ted
  Cruz") as "the president", "the vice president", "the senator";
* its acronym, when the article uses it ("Internal Revenue Service" -> "IRS");
* a party's members ("Democratic Party" -> "Democrats"; "Republican Party" -> "Republicans", "GOP");
* for a description ("plan to extend overtime pay to 5 million workers", "proposed rule"), its head noun with a
  determiner: "the plan", "this plan", "that plan".

Measured on SEESAW's held-out train stories with the default model (docs/news.md,
``python training/seesaw_mentions.py``): 44 of the 344 sided rows that did not name their target name it
with these aliases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["article_aliases"]

#: Titles put before a name, longest first, and how the article calls the person by them alone.
_TITLES = {
    "vice president": "the vice president", "president-elect": "the president-elect", "president": "the president",
    "attorney general": "the attorney general", "secretary of state": "the secretary of state", "secretary": "the secretary",
    "senator": "the senator", "sen.": "the senator", "governor": "the governor", "gov.": "the governor",
    "rep.": "the congressman", "representative": "the congressman", "speaker": "the speaker", "commissioner": "the commissioner",
    "judge": "the judge", "justice": "the justice", "mayor": "the mayor", "chairman": "the chairman", "chairwoman": "the chairwoman",
    "director": "the director", "leader": "the leader", "first lady": "the first lady", "prime minister": "the prime minister",
}
#: Words that end a description's head ("plan to extend ...": the head is "plan").
_AFTER_HEAD = frozenset("to for of that without on with from in by against over about".split())
_SMALL = frozenset("of the and for".split())
#: Words before a title that make it another one or someone else's: "former President", "Vice President".
_NOT_THE_HOLDER = frozenset("former ex- late vice deputy acting".split())
_DETERMINERS = frozenset("the this that these those a an his her their its our".split())


def _titles(name: str, text: str) -> list[str]:
    """Titles the article puts before this name and before no other (a title shared by two people names neither)."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return []
    found = set()
    for title in _TITLES:
        lasts = set()
        # the title, then capitalised words (initials and middle names) up to the last one
        for m in re.finditer(rf"(?i:\b{re.escape(title)})\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}([A-Z][\w'’-]+)\b(?!\s+[A-Z])", text):
            before = text[max(0, m.start() - 12) : m.start()].split()
            if not before or before[-1].lower() not in _NOT_THE_HOLDER:
                lasts.add(m.group(1))
        if words[-1] in lasts and len(lasts) == 1:
            found.add(title)
    return [_TITLES[t] for t in _TITLES if t in found]


def _organisation(name: str, text: str) -> list[str]:
    words = name.split()
    out = []
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in _SMALL]
    if len(capitals) >= 2 and len(capitals) == len([w for w in words if w.lower() not in _SMALL]):
        acronym = "".join(w[0] for w in capitals)
        if re.search(rf"\b{re.escape(acronym)}\b", text):
            out.append(acronym)
    if len(words) == 2 and words[1] == "Party":
        for member in dict.fromkeys((words[0] + "s", words[0].removesuffix("ic") + "s")):
            if re.search(rf"\b{re.escape(member)}\b", text):
                out.append(member)
        if words[0] == "Republican" and re.search(r"\bGOP\b", text):
            out.append("GOP")
    return out


def _head(name: str) -> list[str]:
    """A description's head noun with determiners: a description of three words or more ("plan to extend overtime
    pay"), or one that starts with a determiner or a possessive ("the government", "Romney's plan"). Two words
    without one ("outside forces", "foreign agents") keep their modifier: "the forces" may be other forces."""
    words = name.split()
    if len(words) < 2:
        return []
    first = words[0].lower()
    if len(words) < 3 and first not in _DETERMINERS and not re.search(r"(’s|'s)$", first):
        return []
    cut = next((i for i, w in enumerate(words[1:], 1) if w.lower() in _AFTER_HEAD), len(words))
    head = re.sub(r"(’s|'s)$", "", words[cut - 1]).strip(",.;:")
    if not head[:1].islower() or len(head) < 3 or not head.isalpha():
        return []
    plural = head.endswith("s") and not head.endswith("ss")
    return [f"{d} {head}" for d in (("the", "these", "those") if plural else ("the", "this", "that"))]


def article_aliases(text: str, target: str, aliases: Sequence[str] = ()) -> tuple[str, ...]:
    """The other names ``text`` gives ``target`` (see the module docstring), after the given ``aliases`` and
    without repeating them or the target. Found from the article's text alone; ``()`` when it gives none."""
    name = " ".join(target.split())
    found = _titles(name, text) + _organisation(name, text) + _head(name)
    seen = {a.casefold() for a in (name, *aliases)}
    out = []
    for a in found:
        if a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    return tuple(out)
