"""One-off (docs/news.md, "Next steps"): can the CMU link-grammar parser (Debian: apt-get install python3-link-grammar
link-grammar-dictionaries-en) find SEESAW's stance holders as the subject of a verb whose object is the target?

    python training/experiments/seesaw/link_grammar.py 200 1500   # gold triplets sampled, sentences sampled
"""
import sys, random, re, time
from collections import Counter
sys.path.append('/usr/lib/python3/dist-packages')
import linkgrammar as lg
from linkgrammar import clinkgrammar as clg
sys.path.insert(0, __file__.rsplit('/training/', 1)[0])
from stance.corpora.seesaw import read_articles, entity_aliases

po = lg.ParseOptions(max_null_count=4, max_parse_time=2, verbosity=0)
D = lg.Dictionary('en')
STOP = {"the", "his", "her", "and", "of", "for", "sen", "rep", "president", "mr", "mrs", "ms", "gov", "party", "house"}

def keys(name, kind):
    out = set()
    for n in (name, *entity_aliases(name, kind)):
        out |= {w.lower()[:6] for w in re.findall(r"[A-Za-z]{3,}", n) if w.lower() not in STOP}
    return out

def clean(w):
    w = re.sub(r"\[.*$", "", w)
    w = re.sub(r"\.[a-z][a-z0-9\-*]*$", "", w)
    return re.sub(r"[’'].*$", "", w).lower()[:6]

def parse(sent):
    sent = " ".join(re.sub(r"[^\x20-\x7e’‘“”—–]", " ", sent).split())
    if len(sent.split()) < 3:
        return None
    s = lg.Sentence(sent, D, po)
    try:
        l = next(iter(s.parse()))
    except (StopIteration, lg.LG_TimerExhausted):
        return None
    words = [clean(w) for w in l.words()]
    links = [(clg.linkage_get_link_lword(l._obj, i), clg.linkage_get_link_rword(l._obj, i), l.link(i).left_label)
             for i in range(l.num_of_links())]
    return words, links

def holder_pairs(words, links, subj_keys, obj_keys):
    """Whether some word of the subject is the S-subject of a verb whose object chain (O, MV..J, I, TO, Pv, Os...) reaches
    a word of the object within 3 hops to the right."""
    right = {}
    for a, b, lab in links:
        right.setdefault(a, []).append((b, lab))
    subj_idx = {i for i, w in enumerate(words) if w in subj_keys}
    obj_idx = {i for i, w in enumerate(words) if w in obj_keys}
    for a, b, lab in links:
        if lab.startswith("S") and a in subj_idx or (lab.startswith("S") and any(x in subj_idx for x in range(max(0, a - 3), a + 1))):
            # follow from the verb b rightwards, up to 4 hops, through object-ish links
            frontier, seen = [b], {b}
            for _ in range(4):
                nxt = []
                for v in frontier:
                    for c, l2 in right.get(v, []):
                        if l2[0] in "OIJMPTDAGN" and c not in seen:
                            if c in obj_idx:
                                return True
                            seen.add(c); nxt.append(c)
                frontier = nxt
    return False

arts = [a for a in read_articles() if a.split == "train"]
rng = random.Random(0)
trip = []
for a in arts:
    kinds = {n: t for n, t, r in a.entities}
    main = {n for n, t, r in a.entities if r == "Main"}
    for sid, subj, pol, obj in a.triplets:
        if obj in main and subj in kinds and subj != obj and pol in ("POS", "NEG"):
            trip.append((a, sid, subj, obj, kinds))
rng.shuffle(trip)
n = hit = failed = 0; t0 = time.time()
both_named = 0
for a, sid, subj, obj, kinds in trip[:int(sys.argv[1])]:
    sent = a.sentences[sid]
    sk, ok = keys(subj, kinds[subj]), keys(obj, kinds.get(obj, "Person"))
    r = parse(sent)
    n += 1
    if r is None:
        failed += 1; continue
    words, links = r
    named = any(w in sk for w in words) and any(w in ok for w in words)
    both_named += named
    hit += named and holder_pairs(words, links, sk, ok)
print(f"{n} gold triplets sampled; parse failed {failed}; subject and object both named in the sentence {both_named}; "
      f"subject -> verb -> object path found {hit}; {time.time() - t0:.0f} s")

# precision side: every (listed entity, Main entity) pair both named in a sentence and joined by a path, in a sample
# of sentences; how many carry a gold triplet in that sentence
sents = [(a, sid) for a in arts for sid in range(len(a.sentences))]
rng.shuffle(sents)
pairs = gold_hit = 0
for a, sid in sents[: int(sys.argv[2])]:
    r = parse(a.sentences[sid])
    if r is None:
        continue
    words, links = r
    kinds = {n: t for n, t, ro in a.entities}
    gold = {(s, o) for i, s, p, o in a.triplets if i == sid and p in ("POS", "NEG")}
    for e1 in kinds:
        for e2, t2, ro in a.entities:
            if ro != "Main" or e1 == e2:
                continue
            if holder_pairs(words, links, keys(e1, kinds[e1]), keys(e2, t2)):
                pairs += 1
                gold_hit += (e1, e2) in gold
print(f"{sys.argv[2]} sentences: {pairs} (listed entity -> Main entity) paths, {gold_hit} of them gold triplets")
