"""Experiment (issue 16, docs/news.md "Where the pairs are lost"): the default model with another NONE offset in
stance.analyze, then score with seesaw_losses.py.

    python training/experiments/seesaw/analysis_offset.py --offset -0.15 --out /tmp/off.pkl
    python training/seesaw_losses.py --cache /tmp/off.pkl
"""
import sys, argparse
from pathlib import Path; sys.path.insert(0, str(Path(__file__).resolve().parents[3])); sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import stance
from stance.model import StanceModel
import seesaw_summary_rules as ssr
ap = argparse.ArgumentParser(); ap.add_argument('--offset', type=float); ap.add_argument('--out'); ap.add_argument('--split', default='train')
a = ap.parse_args()
base = stance.load('default')
m = StanceModel(base.featurizer, base.stance_head, base.sentiment_head, dict(base.metadata), base.blend.encoder, base.encoder_weight,
                base.encoder_sentiment_weight, base.encoder_weight_cued, {"NONE": a.offset})
ssr.stance.load = lambda name: m
ssr.analyses('x', a.split, a.out)
