"""Experiment (issue 16, docs/news.md "The stance holder as the speaker input"): SEESAW rows with the stance holder as
the speaker input: for each sentence, each listed entity it mentions (not the annotation's subject, which exists only
where a stance does) and each Main entity, labelled by their triplet in that sentence or NONE.

    python training/experiments/seesaw/holder_rows.py        # counts
"""
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[3]), str(Path(__file__).resolve().parents[2])]
from stance.corpora.seesaw import load_seesaw_articles, entity_aliases
from stance.text import find_mentions, tokenize

_POL = {"POS": "FAVOR", "NEG": "AGAINST"}

def pair_rows(split='train'):
    out = []  # (text, target, aliases, speaker, stance, story)
    for art in load_seesaw_articles()[split]:
        T, ss = art['text'], art['sentence_starts']
        ents = art['entities']
        al = {e['name']: tuple(entity_aliases(e['name'], e['type'])) for e in ents}
        main = [e['name'] for e in ents if e['role'] == 'Main']
        trip = {}
        for t in art['triplets']:
            if t['sentiment'] in _POL:
                trip.setdefault((t['sentence'], t['subject'], t['object']), set()).add(_POL[t['sentiment']])
        for i, s in enumerate(ss):
            e = ss[i + 1] if i + 1 < len(ss) else len(T)
            sent = T[s:e].strip()
            if not sent:
                continue
            toks = tokenize(sent)
            mentioned = [n for n in al if any(find_mentions(toks, n, al[n])[0:1][0])]
            for O in main:
                for S in mentioned:
                    if S == O:
                        continue
                    lab = trip.get((i, S, O), set())
                    if len(lab) > 1:
                        continue
                    out.append((sent, O, al[O], S, next(iter(lab)) if lab else 'NONE', art['story']))
    return out

if __name__ == '__main__':
    import collections
    rows = pair_rows()
    print(len(rows), collections.Counter(r[4] for r in rows))
