#!/bin/sh
# more fresh fold seeds (6-9) for the two best candidates
PY="${PYTHON:-python}"
cd "$(dirname "$0")"
for s in 6 7 8 9; do
  $PY baseline.py $s
  $PY cand_sent.py $s both_shared_w03 lex_shared_w03
  $PY ensemble.py $s baseline+sent_both_shared_w03 baseline+sent_lex_shared_w03
done
