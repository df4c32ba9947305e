#!/usr/bin/env bash
# The SIGKILL loop (issue 3/8): KILLS times (default 50), run two `motcua receive` calls to
# completion, then start a third and kill it with SIGKILL after a random 0–199 ms (a whole `receive` takes about 100–200 ms in a debug build) (while it opens,
# writes, flushes or prints). Every code a process printed is an acknowledged dossier and must
# survive; no code may be issued twice; `motcua verify` must pass. Prints a tally.
#
#   scripts/crash-test.sh [KILLS]        (MOTCUA_BIN=path/to/motcua to test another build)
set -euo pipefail

KILLS=${1:-50}
cd "$(dirname "$0")/.."
BIN=${MOTCUA_BIN:-target/debug/motcua}
if [ -z "${MOTCUA_BIN:-}" ]; then cargo build --quiet --bin motcua; fi

WORK=$(mktemp -d)
trap 'if [ "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT
DATA="$WORK/data"
NOW="2026-03-02 09:00"
PRINTED="$WORK/printed"
: >"$PRINTED"
GIVEN=(An Bình Cường Dũng Hà Lan Minh Ngân)

receive() { "$BIN" --data-dir "$DATA" --now "$NOW" receive --procedure 2.000815 --name "$1"; }

killed_after_ack=0
killed_before_ack=0
for ((k = 1; k <= KILLS; k++)); do
  name=${GIVEN[$((k % 8))]}
  for i in 1 2; do receive "Nguyễn Văn $name" | head -n 1 >>"$PRINTED"; done
  out="$WORK/out.$k"
  # The binary itself in the background (not a shell function), so $! is the process to kill.
  "$BIN" --data-dir "$DATA" --now "$NOW" receive --procedure 2.000815 --name "Trần Thị $name" \
    >"$out" 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % 200)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -s "$out" ]; then
    head -n 1 "$out" >>"$PRINTED"
    killed_after_ack=$((killed_after_ack + 1))
  else
    killed_before_ack=$((killed_before_ack + 1))
  fi
done

acknowledged=$(grep -c . "$PRINTED" || true)
lost=0
while read -r code; do
  [ -z "$code" ] && continue
  if ! "$BIN" --data-dir "$DATA" show "$code" >/dev/null 2>&1; then
    echo "MẤT: $code"
    lost=$((lost + 1))
  fi
done <"$PRINTED"
stored=$("$BIN" --data-dir "$DATA" list 2>/dev/null | wc -l)
duplicates=$("$BIN" --data-dir "$DATA" list 2>/dev/null | cut -f1 | sort | uniq -d | wc -l)
if "$BIN" --data-dir "$DATA" verify >/dev/null; then verify=ok; else verify=FAILED; fi

echo "kills=$KILLS acknowledged=$acknowledged stored=$stored lost=$lost duplicates=$duplicates" \
  "killed_before_ack=$killed_before_ack killed_after_ack=$killed_after_ack verify=$verify"
[ "$lost" -eq 0 ] && [ "$duplicates" -eq 0 ] && [ "$verify" = ok ]
