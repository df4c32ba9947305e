#!/usr/bin/env bash
# Power cuts (issue 8 point 2): runs motcua on scripts/lazyfs.py, a FUSE file system that keeps
# every write in memory until it is fsynced, and "cuts the power" by killing that file system
# with SIGKILL while a `receive` is running: whatever no fsync covered is gone, as after a real
# power cut. After each cut the file system is mounted again over what was synced and every
# acknowledged intake and transfer must be there, and `motcua verify` must pass.
# A control first proves the file system really discards unsynced data.
#
#   scripts/power-cut.sh [CUTS]      (needs /dev/fuse, Debian's python3-fusepy and fuse3; root)
set -euo pipefail
CUTS=${1:-20}
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! $PY -c 'import fusepy' 2>/dev/null || ! command -v fusermount3 >/dev/null; then
  apt-get install -y -q python3-fusepy fuse3 >/dev/null
fi
BIN=${MOTCUA_BIN:-target/debug/motcua}
if [ -z "${MOTCUA_BIN:-}" ]; then cargo build --quiet --bin motcua; fi
WORK=$(mktemp -d)
# A copy, so a rebuild meanwhile cannot swap the binary mid-run.
cp "$BIN" "$WORK/motcua"
BIN=$WORK/motcua
BACK=$WORK/disk
MNT=$WORK/mnt
mkdir -p "$BACK" "$MNT"
FS=
mount_fs() {
  $PY scripts/lazyfs.py "$BACK" "$MNT" 2>>"$WORK/fs.log" &
  FS=$!
  for _ in $(seq 600); do mountpoint -q "$MNT" && return 0; sleep 0.05; done
  echo "lazyfs did not mount:" >&2; cat "$WORK/fs.log" >&2; exit 2
}
cut_power() {
  kill -9 "$FS" 2>/dev/null || true
  wait "$FS" 2>/dev/null || true
  fusermount3 -u -z "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || true
}
trap 'cut_power; rm -rf "$WORK"' EXIT

# Control: data written without fsync must not survive a cut; fsynced data must.
mount_fs
printf 'lost' >"$MNT/unsynced"
$PY -c "import os,sys; fd=os.open(sys.argv[1], os.O_WRONLY|os.O_CREAT, 0o600); os.write(fd, b'kept'); os.fdatasync(fd); os.write(fd, b'+lost')" "$MNT/synced"
cut_power
control="$(cat "$BACK/unsynced")|$(cat "$BACK/synced")"
[ "$control" = "|kept" ] || { echo "control failed: $control" >&2; exit 1; }
rm -f "$BACK/unsynced" "$BACK/synced"

DATA=$MNT/data
ACKED=$WORK/acked        # code and expected events, one per line
: >"$ACKED"
n=0
now() { n=$((n + 1)); printf '2026-03-%02d %02d:%02d' $((2 + n / 400)) $((8 + (n % 400) / 60)) $((n % 60)); }
m() { "$BIN" --data-dir "$DATA" --now "$(now)" "$@"; }
c_done=0; lost=0; verify_failed=0; acknowledged=0; cut_mid_receive=0
for ((c = 1; c <= CUTS; c++)); do
  mount_fs
  for i in 1 2; do
    t0=$(date +%s%N)
    code=$(m receive --procedure 2.000815 --name "Lê Văn Hùng" | head -n 1)
    # The binary's measured speed: the cut below lands inside a receive of this length.
    took_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    if [ $((RANDOM % 2)) = 0 ] && m transfer "$code" --to "Công chức Địa chính" >/dev/null; then
      echo "$code 2" >>"$ACKED"
    else
      echo "$code 1" >>"$ACKED"
    fi
  done
  "$BIN" --data-dir "$DATA" --now "$(now)" receive --procedure 2.000815 --name "Phạm Thị Lụa" \
    >"$WORK/last" 2>/dev/null &
  victim=$!
  # Cut at a random moment within the measured length of a receive (a fixed 0–300 ms window
  # let every receive of a release binary finish first: 8 cuts, cut_during_receive=0).
  window=$(( took_ms > 1 ? took_ms : 1 ))
  wait_ms=$(( RANDOM % window ))
  sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
  # Freeze the victim, cut the power, then kill it: it never runs without its file system
  # (after a lazy unmount it would otherwise write into the bare mount point).
  if kill -STOP "$victim" 2>/dev/null; then cut_mid_receive=$((cut_mid_receive + 1)); fi
  cut_power
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
  if [ -s "$WORK/last" ]; then echo "$(head -n 1 "$WORK/last") 1" >>"$ACKED"; fi
  mount_fs
  while read -r code events; do
    got=$(m show "$code" --json 2>/dev/null | $PY -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))' 2>/dev/null || echo 0)
    if [ "$got" != "$events" ]; then echo "MẤT sau lần cắt điện $c: $code (có $got/$events sự kiện)" >&2; lost=$((lost + 1)); fi
  done <"$ACKED"
  if ! m verify >/dev/null 2>>"$WORK/verify.log"; then verify_failed=$((verify_failed + 1)); cat "$WORK/verify.log" >&2; fi
  cut_power
  c_done=$c
  if [ "$lost" -gt 0 ] || [ "$verify_failed" -gt 0 ]; then
    KEPT=$(mktemp -d /tmp/power-cut-failed.XXXX)
    cp -a "$BACK/." "$KEPT/"
    echo "after cut $c: the synced disk is kept in $KEPT" >&2
    break
  fi
done
acknowledged=$(grep -c . "$ACKED" || true)
echo "power_cuts=$c_done cut_during_receive=$cut_mid_receive acknowledged_dossiers=$acknowledged lost=$lost verify_failed=$verify_failed control=discards_unsynced"
[ "$lost" -eq 0 ] && [ "$verify_failed" -eq 0 ]
