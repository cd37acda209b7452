#!/usr/bin/env bash
# output_safety.sh - what protsim writes and where (issue 11): a device, a link or a
# folder is never an output; temporary files are made exclusively, never through a
# planted link; stale ones of dead processes are removed; a 255-byte name works; an
# empty name and a folder fail before any run; a full disk is "no space left on
# device", exit 1, no file and no crash (a small tmpfs; skipped where it cannot mount)
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
SHORT="--set time.end=2008-12 --quiet"

# 3: a device (a null device of our own, never /dev/null itself: a protsim with the
# defect would replace it), a pipe or a link is refused even with --force.
mknod dev c 1 3 2>/dev/null || mkfifo dev
expect_exit 2 "$BIN" run "$SW" $SHORT -o dev --force
expect_line "$WORK/err" "protsim: dev: exists and is not a regular file (a device, link or pipe): protsim replaces only regular files"
[ -c dev ] || [ -p dev ] && pass || fail "the device was replaced by a file"
echo precious > victim
ln -s victim link.h5
expect_exit 2 "$BIN" run "$SW" $SHORT -o link.h5 --force
[ "$(cat victim)" = precious ] && [ -L link.h5 ] && pass || fail "a link as output was followed"

# 4: a link planted at the old predictable temporary name (OUT.tmp-<pid>: the pid a
# subshell hands to exec) is not followed; the run writes its own file.
( ln -s victim "out.h5.tmp-$BASHPID"; exec "$BIN" run "$SW" $SHORT -o out.h5 ) \
  >"$WORK/out" 2>"$WORK/err"
[ $? -eq 0 ] && [ -f out.h5 ] && pass || fail "run with a planted link: $(cat "$WORK/err")"
[ "$(cat victim)" = precious ] && pass || fail "the planted link was followed: victim is $(head -c 80 victim)"
rm -f out.h5 out.h5.tmp-*

# 10: stale temporary files of dead writers go; a live writer's file stays.
touch out.h5.tmp-AbC123 out.h5.tmp-999999999
$PY - <<'PY' &
import fcntl, time
f = open("out.h5.tmp-live42", "w")
fcntl.lockf(f, fcntl.LOCK_EX)        # a writer at work (POSIX lock: conflicts with ours)
open("locked", "w").close()
time.sleep(30)
PY
live=$!
for _ in $(seq 50); do [ -e locked ] && break; sleep 0.1; done
expect_exit 0 "$BIN" run "$SW" $SHORT -o out.h5
[ ! -e out.h5.tmp-AbC123 ] && [ ! -e out.h5.tmp-999999999 ] && pass ||
  fail "stale temporary files left: $(ls)"
[ -e out.h5.tmp-live42 ] && pass || fail "a live writer's temporary file was removed"
kill $live 2>/dev/null; wait $live 2>/dev/null

# 14: a 255-byte name works; "" and a folder fail before any run.
long=$(printf 'a%.0s' $(seq 252)).h5
expect_exit 0 "$BIN" run "$SW" $SHORT -o "$long"
[ -f "$long" ] && pass || fail "the 255-byte output was not written"
expect_exit 2 "$BIN" run "$SW" $SHORT -o ''
expect_line "$WORK/err" "protsim: -o '': the output needs a name"
mkdir folder
start=$(date +%s)
expect_exit 2 "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" -o folder --force --quiet
expect_line "$WORK/err" "protsim: folder: cannot create: Is a directory"
[ -e folder.journal ] && fail "sweep -o folder ran before it checked the output" || pass
[ $(( $(date +%s) - start )) -lt 10 ] && pass || fail "sweep -o folder took its time"

# 1, 6: a full disk, at several sizes: either the whole file (every dataset readable,
# the same as on a disk with room) or exit 1, "no space left on device", no file.
mkdir full
if ! mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
  echo "full-disk checks skipped: cannot mount a tmpfs here (needs root in a sandbox)"
else
  umount full
  "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" --shard 1/2 -o p1.h5 --quiet
  "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" --shard 2/2 -o p2.h5 --quiet
  "$BIN" merge p1.h5 p2.h5 -o merged.h5 >/dev/null
  "$BIN" run "$SW" $SHORT --replicates 2 -o reps.h5
  check_full() { # SIZE NAME REFERENCE CMD...
    local size=$1 name=$2 ref=$3; shift 3
    mount -t tmpfs -o size=$size tmpfs full || { fail "mount $size"; return; }
    "$@" >"$WORK/out" 2>"$WORK/err"
    local rc=$?
    if [ $rc -eq 0 ]; then
      $PY "$SRC/tests/cli/same_datasets.py" "$ref" "full/$name" >/dev/null 2>&1 ||
        $PY /dev/stdin "$ref" "full/$name" <<'PY' && pass || fail "$size: exit 0 with a damaged full/$name"
import sys, h5py
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
def visit(name, obj):
    if isinstance(obj, h5py.Dataset):
        assert (obj[()] == b[name][()]).all() or obj.dtype.kind == "f", name
a.visititems(visit)
PY
    elif [ $rc -eq 1 ] && grep -q "no space left on device\|No space left on device" "$WORK/err" &&
         [ -z "$(ls full)" ]; then
      pass
    else
      fail "$size: $* -> exit $rc, left $(ls full): $(head -c 300 "$WORK/err")"
    fi
    umount full
  }
  for size in 20k 40k 48k 50k 52k 54k; do
    check_full $size m.h5 merged.h5 "$BIN" merge p1.h5 p2.h5 -o full/m.h5
  done
  for size in 100k 300k 600k; do
    check_full $size r.h5 reps.h5 "$BIN" run "$SW" $SHORT --replicates 2 -o full/r.h5
  done
fi
finish
