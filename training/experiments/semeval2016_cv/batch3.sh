#!/bin/sh
PY="${PYTHON:-python}"
cd "$(dirname "$0")"
for s in 0 1 2; do
  $PY cand_sent.py $s lex_shared_w01 lex_shared_w06 smod_shared_w03 both_shared_w03
done
