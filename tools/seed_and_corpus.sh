#!/usr/bin/env bash
# The seed article as the outside check runs it, and `milliard eval corpus/`, into OUTDIR.
set -u
cd "$(dirname "$0")/.."
out=${1:-out/scores}; mkdir -p "$out"
python3 -c 'import json,sys; print(json.dumps({"id":"seed","text":open("../shared/seed/article.txt",encoding="utf-8").read(),"published":None,"lang":None}))' \
  | .venv/bin/milliard extract --input-format jsonl --mentions - > "$out/seed.json"
.venv/bin/milliard eval corpus/ > "$out/corpus_eval.txt" 2>&1
tail -n 12 "$out/corpus_eval.txt"
