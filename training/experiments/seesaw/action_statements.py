"""Experiment (issue 16, docs/news.md "Tried and not kept"): add action statements (the named subject of a sentence
no statement covers, and what follows its verb) to stance.analyze, then score with seesaw_losses.py.

    python training/experiments/seesaw/action_statements.py --model default --out /tmp/action.pkl
    python training/seesaw_losses.py --cache /tmp/action.pkl
"""
import sys, argparse
from pathlib import Path; sys.path.insert(0, str(Path(__file__).resolve().parents[3])); sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import stance.extraction as ex
from stance.extraction import lexicon as L
from stance.extraction._types import Statement
from stance.extraction.document import Document
from stance.extraction.speakers import Resolver, make_mention
from stance.extraction.subjects import sentence_subject
from stance.names import is_named
ap = argparse.ArgumentParser(); ap.add_argument('--model'); ap.add_argument('--out'); ap.add_argument('--split', default='train')
ap.add_argument('--mode', default='uncovered')
a = ap.parse_args()
orig = ex.extract_statements

def actions(text, statements):
    doc = Document.from_text(text)
    toks = doc.tokens
    res = Resolver(text); res.index_names(list(toks), {s for s, _ in doc.sentences})
    covered = [(min(x for x in (s.start, s.cue_start) if x is not None), max(x for x in (s.end, s.cue_end) if x is not None)) for s in statements]
    inq = doc.token_in_quote if not callable(doc.token_in_quote) else doc.token_in_quote()
    out = []
    for si, k in doc.sentences:
        if k - si < 4: continue
        s0, e0 = toks[si].start, toks[k - 1].end
        if a.mode == 'uncovered' and any(cs < e0 and ce > s0 for cs, ce in covered): continue
        if inq[si]: continue
        np = sentence_subject(toks, si, k)
        if np is None: continue
        x, y = np
        # the verb: next token after the subject, skipping auxiliaries / adverbs
        v = y
        while v < k and toks[v].word and (toks[v].low in L.AUXILIARIES or toks[v].low in L.ADVERBS or toks[v].low == 'not'):
            v += 1
        if v >= k - 1 or not toks[v].word or toks[v].upper or toks[v].low in L.REPORTING_VERBS: continue
        m = make_mention(text, toks, x, y, res)
        name = m.name
        if not name or not is_named(name): continue
        start = toks[v].start
        end = e0
        out.append(Statement(text[start:end], start, end, name, m.name_start if m.name_start is not None else m.start,
                             m.name_end if m.name_end is not None else m.end, toks[v].text, 'indirect', (), toks[v].start, toks[v].end))
    return out

def patched(text, *args, **kw):
    sts = orig(text, *args, **kw)
    return sorted(sts + actions(text, sts), key=lambda s: (s.start, s.end))
ex.extract_statements = patched
from seesaw_summary_rules import analyses
analyses(a.model, a.split, a.out)
