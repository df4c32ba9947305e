#!/usr/bin/env bash
# The long crash harness (issue 8): KILLS (default 1000) SIGKILLs at random moments in a stream
# of intakes and transitions through the real binary, checking after each kill that the killed
# operation is wholly there or wholly absent and at the end that every acknowledged operation is
# there, nothing unacknowledged is half there, no code repeats and `motcua verify` passes.
# The harness is tests/reliability/crash.rs (CI runs 30 kills of it); this runs it long and
# prints the tally line. Builds on the ledger's receive-only loop, scripts/crash-test.sh.
#
#   scripts/crash-soak.sh [KILLS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export MOTCUA_SOAK_KILLS=${1:-1000}
if [ -n "${2:-}" ]; then export MOTCUA_SOAK_SEED=$2; fi
# Build first, then run copies of the binary and of the test binary (not `cargo test`), so a
# rebuild meanwhile can neither swap them mid-run nor wait on cargo's lock of target/.
TEST_BIN=$(cargo test --quiet --test main --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*/deps/main-[^"]*"' | cut -d'"' -f4 | tail -n 1)
[ -n "$TEST_BIN" ] || { echo "no test binary built" >&2; exit 2; }
COPY=$(mktemp -d)
trap 'rm -rf "$COPY"' EXIT
cp target/debug/motcua "$COPY/motcua"
cp "$TEST_BIN" "$COPY/main"
export MOTCUA_BIN=$COPY/motcua
start=$(date +%s)
"$COPY/main" reliability::crash::crash_soak --ignored --exact --nocapture \
  | tee /dev/stderr | grep '^TALLY' | sed 's/^TALLY //'
echo "seconds=$(( $(date +%s) - start ))"
