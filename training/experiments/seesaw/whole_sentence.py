"""Experiment (issue 16, docs/news.md "The statement's whole sentence"): classify each statement on the whole sentence
that holds it (speaker and cue included), then score with seesaw_losses.py.

    python training/experiments/seesaw/whole_sentence.py --model build/default_d2.stance --out /tmp/sent.pkl
    python training/seesaw_losses.py --cache /tmp/sent.pkl
"""
import sys, pickle, argparse
from pathlib import Path; sys.path.insert(0, str(Path(__file__).resolve().parents[3])); sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import stance.api as api
ap = argparse.ArgumentParser(); ap.add_argument('--model'); ap.add_argument('--mode', default='sentence'); ap.add_argument('--out')
ap.add_argument('--split', default='train')
a = ap.parse_args()
orig = api._content
def sentence_content(text, st):
    lo = min(x for x in (st.start, st.cue_start, getattr(st, 'speaker_start', None)) if x is not None)
    hi = max(x for x in (st.end, st.cue_end) if x is not None)
    head = text[max(0, lo - 3000):lo]
    ends = [m.end() for m in api._SENTENCE_END.finditer(head)]
    s = (max(0, lo - 3000) + ends[-1]) if ends else max(0, lo - 3000)
    m = api._SENTENCE_END.search(text, max(hi - 1, s))
    e = m.end() if m else len(text)
    if a.mode == 'sentence':
        return ' '.join(text[s:e].split())
    raise SystemExit(a.mode)
api._content = sentence_content
from seesaw_summary_rules import analyses
analyses(a.model, a.split, a.out)
