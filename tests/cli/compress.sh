#!/usr/bin/env bash
# compress.sh - --compress LEVEL: the series of run, replicate and compare files
# deflated at LEVEL (1 by default), or not at all with 0; the datasets are the same
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
SAME="$SRC/tests/cli/same_datasets.py"
SHORT=(--quiet --set time.end=2012-12)
expect_exit 0 "$BIN" run "$SW" -o default.h5 "${SHORT[@]}"
for level in 0 1 9; do
  expect_exit 0 "$BIN" run "$SW" -o "run$level.h5" "${SHORT[@]}" --compress $level
  expect_exit 0 $PY "$SAME" default.h5 "run$level.h5"
done
expect_exit 0 "$BIN" run "$SW" -o reps0.h5 "${SHORT[@]}" --replicates 2 --compress 0
expect_exit 0 "$BIN" compare "$SW" "$SW" -n 2 -o cmp0.h5 --quiet --set time.end=2012-12 \
  --compress 0
# The filters of a series and of the events, as h5py reads them; the sizes in order.
expect_exit 0 $PY - <<'PY'
import os, h5py
def filters(path, name):
    d = h5py.File(path)[name]
    return (d.compression, d.compression_opts, d.shuffle)
want = {"default.h5": ("gzip", 1, True), "run0.h5": (None, None, False),
        "run1.h5": ("gzip", 1, True), "run9.h5": ("gzip", 9, True)}
for path, f in want.items():
    for name in ("states/legal_status_share", "events"):
        assert filters(path, name) == f, (path, name, filters(path, name), f)
assert filters("reps0.h5", "states/legal_status_share") == (None, None, False)
assert filters("cmp0.h5", "a/states/legal_status_share") == (None, None, False)
size = {p: os.path.getsize(p) for p in want}
assert size["run0.h5"] > 2 * size["run1.h5"] and size["run1.h5"] >= size["run9.h5"], size
PY
expect_exit 2 "$BIN" run "$SW" -o bad.h5 --compress 10
expect_line "$WORK/err" "protsim: --compress 10: expected a number from 0 to 9 (see protsim run --help)"
finish
