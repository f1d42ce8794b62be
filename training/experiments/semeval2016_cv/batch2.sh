#!/bin/sh
PY="${PYTHON:-python}"
cd "$(dirname "$0")"
for s in 0 1 2; do
  $PY cand_more.py $s calseeds5
  $PY variants.py $s dw01 dw06 ctx03 ctx08 wmindf2
done
for s in 1 2; do $PY cand_more.py $s noise_w0.1; done
