#!/usr/bin/env bash
# crafted_files.sh - well-formed HDF5 files that are not what protsim wrote (issue 11,
# item 2): a sweep part whose /summary/values has more rows than /sweep/status, a run
# file whose /states/name has two axes. merge, sweep --resume and info refuse them with
# a message naming the file; they never read past a buffer (ctest runs this under
# AddressSanitizer in the sanitizer build).
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
"$BIN" sweep "$SWEEP" --shard 1/2 -o p1.h5 --quiet
"$BIN" sweep "$SWEEP" --shard 2/2 -o p2.h5 --quiet
"$BIN" run "$SRC/scenarios/small_world.cfg" --set time.end=2008-06 -o run.h5 --quiet
cp p1.h5 long.h5
cp run.h5 names.h5
$PY - <<'PY'
import h5py, numpy as np
with h5py.File("long.h5", "r+") as f:
    v = f["summary/values"]
    rows, cols = v.shape
    attrs = dict(v.attrs)
    del f["summary/values"]
    w = f.create_dataset("summary/values", data=np.ones((rows * 50, cols)))
    for k in ("units", "dimensions", "description"):
        w.attrs[k] = attrs[k]
with h5py.File("names.h5", "r+") as f:
    del f["states/name"]
    n = f.create_dataset("states/name", data=np.array([["a"] * 40] * 40, dtype=object),
                         dtype=h5py.string_dtype())
PY
# Edited, they are no longer what protsim wrote: without their seal (docs/output.md),
# the readers' checks of the layout are what this tests.
for f in long.h5 names.h5; do
  dd if=/dev/zero of=$f bs=512 count=1 conv=notrunc status=none
done
expect_exit 1 "$BIN" merge long.h5 p2.h5 -o merged.h5
expect_line "$WORK/err" "protsim: long.h5: /sweep/status, /summary/values, /series: cannot read"
[ -e merged.h5 ] && fail "merged.h5 written from a crafted part" || pass
cp long.h5 resume.h5
expect_exit 2 "$BIN" sweep "$SWEEP" --shard 1/2 -o resume.h5 --resume --quiet
expect_match "$WORK/err" "resume.h5"
expect_exit 0 "$BIN" info long.h5
expect_exit 2 "$BIN" info names.h5
expect_line "$WORK/err" "protsim: names.h5: /states/name: not a list of names"
finish
