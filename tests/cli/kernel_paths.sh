#!/usr/bin/env bash
# kernel_paths.sh - every code path of the refugee kernel (PROTSIM_KERNEL=scalar, avx2,
# avx512; docs/performance.md) gives the datasets of the portable scalar path, in a run,
# replicates and a threaded sweep; an unknown path is refused
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
SAME="$SRC/tests/cli/same_datasets.py"
cat >sweep.cfg <<CFG
base = "$SW";
set = ["time.end=2012-12"];
design = "lhs";
points = 6;
seed = 5;
parameters = ( { path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; } );
outputs = { years = [2010, 2012]; };
CFG
export PROTSIM_KERNEL=scalar
expect_exit 0 "$BIN" run "$SW" -o run-scalar.h5 --quiet --set time.end=2014-12
expect_exit 0 "$BIN" run "$SW" -o reps-scalar.h5 --quiet --replicates 3 --set time.end=2010-12
expect_exit 0 "$BIN" sweep sweep.cfg -o sweep-scalar.h5 --quiet
compared=0
for path in avx2 avx512 auto; do
  export PROTSIM_KERNEL=$path
  "$BIN" run "$SW" -o "run-$path.h5" --quiet --set time.end=2014-12 2>err
  if grep -qF "PROTSIM_KERNEL = $path: not supported by this CPU" err; then
    echo "note: kernel path $path is not supported by this CPU, not compared"
    continue
  fi
  expect_exit 0 $PY "$SAME" run-scalar.h5 "run-$path.h5"
  expect_exit 0 "$BIN" run "$SW" -o "reps-$path.h5" --quiet --replicates 3 --threads 2 \
    --set time.end=2010-12
  expect_exit 0 $PY "$SAME" reps-scalar.h5 "reps-$path.h5"
  expect_exit 0 "$BIN" sweep sweep.cfg -o "sweep-$path.h5" --quiet --threads 2
  expect_exit 0 $PY "$SAME" sweep-scalar.h5 "sweep-$path.h5"
  compared=$((compared + 1))
done
[ "$compared" -ge 1 ] && pass || fail "no kernel path could be compared (auto at least)"

export PROTSIM_KERNEL=sse9
expect_exit 2 "$BIN" run "$SW" -o bad.h5 --quiet
expect_line "$WORK/err" "protsim: PROTSIM_KERNEL = sse9: expected auto, scalar, avx2 or avx512"
finish
