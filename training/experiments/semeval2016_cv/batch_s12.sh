#!/bin/sh
# second and third fold seeds for the candidates run on seed 0
PY="${PYTHON:-python}"
cd "$(dirname "$0")"
for s in 1 2; do
  $PY variants.py $s C03 ptw14 win6 c15 nomask w3 C1
  $PY cand_hash.py $s seg tagblock_w0.5
  $PY cand_sent.py $s lex_shared_w03 lex_w03 smod_w03
  $PY cand_more.py $s tcw_p0.5 nbsvm
  $PY cand_other.py $s sep_C0.5
done
