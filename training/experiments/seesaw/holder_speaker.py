"""Experiment (issue 16, docs/news.md "The stance holder as the speaker input"): run C's encoder trained one pass at lr
5e-5 on the SEESAW target-stance rows with a blank speaker (anyone), the holder rows of holder_rows.py (held-in
stories) and the replay; then scored.

    python training/experiments/seesaw/holder_speaker.py            # writes build/news_encoder_p.npz (about 40 minutes)
    python training/experiments/seesaw/holder_speaker.py --score    # held-out rows, dev parts, writes build/default_p.stance
    python training/seesaw_losses.py --model build/default_p.stance # who stands where on train
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[3]
sys.path[:0] = [str(REPO), str(HERE.parents[2]), str(HERE.parent)]

import default_model as dm  # noqa: E402
import news_encoder as ne  # noqa: E402
from holder_rows import pair_rows  # noqa: E402

from stance.encoder import PairEncoder  # noqa: E402
from stance.features import Pair  # noqa: E402


def score():
    enc = PairEncoder.from_bytes(Path(str(REPO) + '/build/news_encoder_p.npz').read_bytes())
    print('inputs', enc.inputs)
    settings = ne.Settings(inputs=("speaker",), passes=1, balanced=False, replay=True, lr=5e-5)
    rows, extra, dev_ss, old_dev = ne.training_set(None, settings)
    blank = {k: ("", c) for k, (s, c) in extra.items()}
    for name, ex in (("speaker blank", blank), ("extracted speaker", extra)):
        c = ne.choose_share(enc, dev_ss, ex, (0.6,), (None,), None)
        t = c['by_share_and_none_offset']
        print(name, {k.split('/')[-1]: v['f_avg'] for k, v in t.items() if -0.35 <= float(k.split('/')[-1]) <= 0.1}, c['best'])
        if name == "speaker blank":
            best = c['best']
    print('dev parts (encoder alone)', ne.score_old(enc, old_dev))
    ne.build(enc, best['share'], best['none_offset'], {"held_out_train_stories": best}, Path(str(REPO) + '/build/default_p.stance'), settings,
             'build/news_encoder_c.npz')
    print('wrote build/default_p.stance')


def train():
    settings = ne.Settings(inputs=("speaker",), passes=1, balanced=False, replay=True, lr=5e-5)
    rows, extra, dev_ss, old_dev = ne.training_set(None, settings)
    seesaw = [r for r in rows if r.corpus == "seesaw"]
    for r in seesaw:
        extra[id(r)] = ("", extra[id(r)][1])
    held = ne.held_out(seesaw + dev_ss)
    added = 0
    for text, target, aliases, speaker, stance, story in pair_rows('train'):
        if story in held:
            continue
        row = dm.Row("seesaw", Pair(text, target, tuple(aliases), None), stance, None, story)
        extra[id(row)] = (speaker, "")
        rows.append(row); added += 1
    print(f"{len(rows)} rows, {added} pair rows, held-out stories {len(held)}", file=sys.stderr)
    start = PairEncoder.from_bytes(Path(str(REPO) + '/build/news_encoder_c.npz').read_bytes(), runtime="numpy")
    arrays = ne.train(rows, extra, settings, start=start)
    Path(str(REPO) + '/build/news_encoder_p.npz').write_bytes(PairEncoder.to_bytes(arrays))
    print("wrote build/news_encoder_p.npz", file=sys.stderr)


if __name__ == "__main__":
    score() if "--score" in sys.argv else train()
