#!/usr/bin/env bash
# A counter killed mid-request (issue 13): RUNS times (default 40), a logged-in counter's
# `motcua receive` over TLS is killed with SIGKILL after a random 0–400 ms. Every code a run
# printed (acknowledged) must be in the server's ledger, none twice, and `verify` must pass.
#
#   scripts/client-kill.sh [RUNS]        (MOTCUA_BIN=path/to/motcua to test another build)
set -uo pipefail

RUNS=${1:-40}
cd "$(dirname "$0")/.."
BIN=${MOTCUA_BIN:-target/debug/motcua}
if [ -z "${MOTCUA_BIN:-}" ]; then cargo build --quiet --bin motcua || exit 2; fi
WORK=$(mktemp -d)
trap 'if [ "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT
S="$WORK/srv"; C="$WORK/quay"; PASS="mat-khau-quay-1"
echo "$PASS" | "$BIN" --data-dir "$S" user add quay --full-name "Nguyễn Thị Quầy" --role tiep-nhan --password-stdin >/dev/null
"$BIN" --data-dir "$S" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVE=$!
for _ in $(seq 100); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
read -r _ _ URL PIN <"$WORK/serve.out"
echo "$PASS" | "$BIN" --data-dir "$C" login --server "$URL" --fingerprint "$PIN" --user quay \
  --password-stdin >/dev/null || exit 2
: >"$WORK/acked"; killed=0
for i in $(seq "$RUNS"); do
  "$BIN" --data-dir "$C" receive --procedure TS.HT.03 --name "Nguyễn Thị Thử" \
    --id-number 020190001234 >"$WORK/out.$i" 2>/dev/null &
  P=$!
  sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
  kill -9 $P 2>/dev/null && killed=$((killed+1))
  wait $P 2>/dev/null
  head -1 "$WORK/out.$i" | grep -E -- '-[0-9]{6}-[0-9]{4}$' >>"$WORK/acked"
done
kill -TERM $SERVE; wait $SERVE; stopped=$?
"$BIN" --data-dir "$S" export --format jsonl --out "$WORK/all.jsonl" >/dev/null 2>&1
lost=0
while read -r code; do grep -q "\"$code\"" "$WORK/all.jsonl" || { lost=$((lost+1)); echo "LOST $code"; }; done <"$WORK/acked"
dups=$(sort "$WORK/acked" | uniq -d | wc -l)
if "$BIN" --data-dir "$S" verify >/dev/null 2>&1; then v=ok; else v=FAIL; fi
echo "runs=$RUNS killed=$killed acknowledged=$(wc -l <"$WORK/acked") stored=$(wc -l <"$WORK/all.jsonl") lost=$lost duplicates=$dups verify=$v serve_exit=$stopped"
[ $lost = 0 ] && [ "$dups" = 0 ] && [ $v = ok ]
