#!/usr/bin/env bash
# Every score of ../shared/evals in one run (the figures issues quote before/after a change).
# usage: tools/scores.sh [OUTDIR]   (needs ../shared beside the checkout and .venv)
set -u
cd "$(dirname "$0")/.."
ev=../shared/evals
out=${1:-out/scores}
mkdir -p "$out"
bin=.venv/bin/milliard
run() {  # run NAME SUITE SCORER [args]
  local name=$1 suite=$2 scorer=$3; shift 3
  local subset=()
  for a in "$@"; do case $a in --subset=*) subset=(--subset "${a#--subset=}");; esac; done
  python3 $ev/docs_from_suite.py $ev/suites/$suite.jsonl "${subset[@]}" > "$out/$name.docs.jsonl"
  $bin extract --input-format jsonl --mentions - < "$out/$name.docs.jsonl" > "$out/$name.pred.jsonl"
  local args=()
  for a in "$@"; do case $a in --subset=*) args+=(--subset "${a#--subset=}");; *) args+=("$a");; esac; done
  python3 $ev/$scorer $ev/suites/$suite.jsonl "$out/$name.pred.jsonl" "${args[@]}" -v $( [ "$scorer" = score.py ] && echo --failures 1000 ) > "$out/$name.score.txt" 2>&1
  echo "$name: $(tail -n 1 "$out/$name.score.txt")"
}
run headlines real_fr_headlines_dev score.py --fields amount,currency,company &
run mix real_fr_news_mix_dev score_records.py &
run en real_en_funding_dev score_records.py &
wait
run money_fr recognizers_money_fr score.py
run money_en recognizers_money_en score.py
run price_fr price-parser_money_multi score.py --subset=fr-looking
run date_parser recognizers_date-parser_fr score.py --subset=verified
run dateparser dateparser_date_fr score.py
run date_fr recognizers_date_fr score.py --subset=verified
run date_extractor recognizers_date-extractor_fr score.py --subset=verified
