#!/usr/bin/env bash
# replicates.sh - protsim run --replicates: one file with a replicate axis, each
# replicate the single run of its seed, the same numbers with 1 or 2 threads, info
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
SHORT="--set time.end=2010-12"

expect_exit 0 "$BIN" run "$SW" $SHORT --seed 7 --replicates 3 -o r1.h5 --threads 1
expect_line "$WORK/out" "small world: 3 replicates of seed 7, 2008-01 to 2010-12"
expect_match "$WORK/out" '^metric +units +mean +5% +median +95%$'
expect_match "$WORK/out" '^refugees +persons +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$'
expect_exit 0 "$BIN" run "$SW" $SHORT --seed 7 --replicates 3 -o r2.h5 --threads 2 --quiet
expect_exit 0 $PY "$SRC/tests/cli/same_datasets.py" r1.h5 r2.h5
expect_match "$WORK/out" '^identical: [0-9]+ datasets and attributes$'
expect_exit 0 "$BIN" info r1.h5
expect_line "$WORK/out" "seed: 7"
expect_line "$WORK/out" "replicates: 3, 3 written; each with its own seed (seeds)"
expect_match "$WORK/out" '^  /states/poi \[replicate 3, time 36, state 6\], units 1: '
expect_match "$WORK/out" '^  /time \[time 36\], units decimal year: '
expect_match "$WORK/out" '^  /seeds \[replicate 3\], units 1: '

# Replicate 1 is the single run of its seed: every series, the membership and events.
"$BIN" run "$SW" $SHORT --seed "$($PY -c "import h5py; print(h5py.File('r1.h5')['seeds'][1])")" \
  -o single.h5 --quiet
expect_exit 0 $PY - <<'EOF'
import h5py, numpy as np
f, s = h5py.File("r1.h5"), h5py.File("single.h5")
n = 0
def check(name, obj):
    global n
    if not isinstance(obj, h5py.Dataset) or name in ("events", "seeds", "replicate",
                                                      "event"):
        return
    dims = obj.attrs["dimensions"]
    mine = obj[1] if dims.startswith("replicate,") else obj[()]
    theirs = s[name][()]
    same = (np.array_equal(mine, theirs, equal_nan=True) if obj.dtype.kind == "f"
            else np.array_equal(mine, theirs))
    assert same, name
    n += 1
f.visititems(check)
assert n > 40, n
ev = [tuple(e)[:6] for e in f["events"][:] if e["replicate"] == 1]
assert ev == [tuple(e) for e in s["events"][:]]
assert f.attrs["replicates"] == 3 and f.attrs["replicates_written"] == 3
assert len(set(f["seeds"][:])) == 3
EOF

expect_exit 2 "$BIN" run "$SW" --replicates 0
expect_line "$WORK/err" "protsim: --replicates 0: expected a number from 1 to 100000 (see protsim run --help)"
finish
