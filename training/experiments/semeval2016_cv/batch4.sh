#!/bin/sh
# fresh fold seeds (3, 4, 5) to confirm the one candidate picked on seeds 0-2
PY="${PYTHON:-python}"
cd "$(dirname "$0")"
for s in 3 4 5; do
  $PY baseline.py $s
  $PY cand_sent.py $s both_shared_w03
  $PY cand_more.py $s noise_w0.1
done
