#!/usr/bin/env bash
# Counter mode under SIGKILL (issue 13): ROUNDS times (default 5), start `motcua serve`, let 8
# counters (one logged-in client directory, 8 `motcua receive` loops over TLS) receive at once,
# kill the server with SIGKILL after 1–3 s, restart it and check: it opens the store, every code
# a counter printed (acknowledged) is in the ledger, no code was printed twice, `verify` passes.
#
#   scripts/serve-kill.sh [ROUNDS]        (MOTCUA_BIN=path/to/motcua to test another build)
set -uo pipefail

ROUNDS=${1:-5}
cd "$(dirname "$0")/.."
BIN=${MOTCUA_BIN:-target/debug/motcua}
if [ -z "${MOTCUA_BIN:-}" ]; then cargo build --quiet --bin motcua || exit 2; fi
WORK=$(mktemp -d)
trap 'if [ "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT
PASS="mat-khau-quay-1"

start() { # start DIR LOG: serve on a free port; prints its URL and pin
  "$BIN" --data-dir "$1" serve --listen 127.0.0.1:0 >"$2.out" 2>>"$2.err" &
  SERVE=$!
  for _ in $(seq 100); do [ -s "$2.out" ] && break; kill -0 $SERVE 2>/dev/null || break; sleep 0.1; done
  read -r _ _ URL PIN <"$2.out" || true
}

total_acked=0; total_lost=0; total_dups=0; failed=0
for round in $(seq "$ROUNDS"); do
  R="$WORK/r$round"; S="$R/srv"; C="$R/quay"; mkdir -p "$R"
  echo "$PASS" | "$BIN" --data-dir "$S" user add quay --full-name "Nguyễn Thị Quầy" --role tiep-nhan --password-stdin >/dev/null
  start "$S" "$R/serve"
  echo "$PASS" | "$BIN" --data-dir "$C" login --server "$URL" --fingerprint "$PIN" --user quay \
    --password-stdin >/dev/null || { echo "round $round: login failed"; failed=1; continue; }
  loops=()
  for c in $(seq 8); do
    ( while "$BIN" --data-dir "$C" receive --procedure TS.HT.03 --name "Nguyễn Văn An" \
        --id-number 020190001234 2>/dev/null | head -1 >>"$R/acked.$c"; do :; done ) &
    loops+=($!)
  done
  sleep "$((1 + RANDOM % 3)).$((RANDOM % 10))"
  kill -9 $SERVE; wait $SERVE 2>/dev/null
  wait "${loops[@]}" 2>/dev/null
  cat "$R"/acked.* | grep -E -- '-[0-9]{6}-[0-9]{4}$' >"$R/acked"
  start "$S" "$R/again"
  if [ -z "${URL:-}" ] || ! kill -0 $SERVE 2>/dev/null; then
    echo "round $round: the server did not start again: $(cat "$R/again.err")"; failed=1; continue
  fi
  "$BIN" --data-dir "$S" export --format jsonl --out "$R/all.jsonl" >/dev/null 2>&1
  lost=0
  while read -r code; do grep -q "\"$code\"" "$R/all.jsonl" || { lost=$((lost+1)); echo "LOST $code"; }; done <"$R/acked"
  dups=$(sort "$R/acked" | uniq -d | wc -l)
  if "$BIN" --data-dir "$S" verify >"$R/verify" 2>&1; then v=ok; else v=FAIL; failed=1; fi
  kill -TERM $SERVE; wait $SERVE
  acked=$(wc -l <"$R/acked"); stored=$(wc -l <"$R/all.jsonl")
  echo "round $round: acknowledged=$acked stored=$stored lost=$lost duplicates=$dups verify=$v"
  total_acked=$((total_acked+acked)); total_lost=$((total_lost+lost)); total_dups=$((total_dups+dups))
done
echo "rounds=$ROUNDS acknowledged=$total_acked lost=$total_lost duplicates=$total_dups"
[ $failed = 0 ] && [ $total_lost = 0 ] && [ $total_dups = 0 ]
