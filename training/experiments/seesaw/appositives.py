"""One-off (2026-12-07): appositive descriptions as a target's other names ("Hillary Clinton, the Democratic
presidential nominee," -> "the Democratic presidential nominee"). For each SEESAW train row whose sentence names its
target in no way stance.analyze finds (the corpus's aliases and stance.mentions.article_aliases), whether one of the
article's appositive descriptions of the target is in the sentence:

    python training/experiments/seesaw/appositives.py
"""

import re
import sys
import random

sys.path.insert(0, ".")
from collections import Counter
from stance.corpora import load_corpus
from stance.corpora.seesaw import read_articles
from stance.mentions import article_aliases
from stance.text import find_mentions, tokenize

art = {a.id: a for a in read_articles()}
train = load_corpus("seesaw")["train"]
LOWER = r"(?:[a-z][\w'’-]*|[A-Z][a-z]+)"


def appositives(name, text):
    """'Name, the <desc>,' and 'the <desc>, Name' where desc is 1-6 words, first lowercase after 'the'."""
    words = name.split()
    last = words[-1]
    out = Counter()
    nm = re.escape(name) + "|" + re.escape(last)
    for m in re.finditer(rf"\b(?:{nm})(?:’s|'s)?\s*,\s+(the\s+(?:[\w'’.-]+\s+){{0,5}}?[a-z][\w'’-]*)\s*[,.;)]", text):
        out[m.group(1)] += 1
    for m in re.finditer(rf"\b(the\s+(?:[\w'’.-]+\s+){{0,5}}?[a-z][\w'’-]*)\s*,\s+(?:{nm})\b", text):
        out[m.group(1)] += 1
    return out


random.seed(0)
stats = Counter()
ex = []
descs_all = Counter()
for aid, a in art.items():
    if a.split != "train":
        continue
    text = a.text
    for name, typ in a.main_entities:
        if typ not in ("People", "Organization"):
            continue
        d = appositives(name, text)
        for k in d:
            descs_all[k.lower()] += 1
        if d:
            stats["targets_with_appos"] += 1
        stats["targets"] += 1
rows = [r for r in train]
cache = {}
for r in rows:
    key = (r["article"], r["target"])
    a = art[r["article"]]
    if key not in cache:
        base = tuple(r["aliases"] or ()) + article_aliases(a.text, r["target"], r["aliases"] or ())
        d = appositives(r["target"], a.text)
        cache[key] = (base, tuple(d))
    base, d = cache[key]
    toks = tokenize(r["text"])
    named = bool(find_mentions(toks, r["target"], base)[0])
    if named:
        continue
    if not d:
        continue
    now = bool(find_mentions(toks, r["target"], base + d)[0])
    if now:
        stats["now_named_" + r["stance"]] += 1
        if len(ex) < 400:
            ex.append((r["stance"], r["target"], [x for x in d], r["text"][:160]))
print(stats)
print(descs_all.most_common(40))
random.shuffle(ex)
for e in ex[:25]:
    print(e)
