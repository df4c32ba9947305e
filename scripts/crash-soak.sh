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
# Build first, then run a copy of the binary, so a rebuild meanwhile cannot swap it mid-run.
cargo test --quiet --test main --no-run 2>/dev/null
COPY=$(mktemp -d)
trap 'rm -rf "$COPY"' EXIT
cp target/debug/motcua "$COPY/motcua"
export MOTCUA_BIN=$COPY/motcua
start=$(date +%s)
cargo test --quiet --test main reliability::crash::crash_soak -- --ignored --exact --nocapture \
  | tee /dev/stderr | grep '^TALLY' | sed 's/^TALLY //'
echo "seconds=$(( $(date +%s) - start ))"
