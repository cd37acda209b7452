#!/usr/bin/env bash
# determinism.sh - same scenario and seed: identical datasets, whatever the threads
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
# command_line differs between the runs, so compare datasets and attributes, not bytes.
expect_exit 0 "$BIN" run "$SW" -o a.h5 --quiet --seed 11
expect_exit 0 "$BIN" run "$SW" -o b.h5 --quiet --seed 11 --threads 2
expect_exit 0 "$BIN" run "$SW" -o c.h5 --quiet --seed 12
expect_exit 0 $PY "$SRC/tests/cli/same_datasets.py" a.h5 b.h5
expect_match "$WORK/out" '^identical: [0-9]+ datasets and attributes$'
expect_exit 1 $PY "$SRC/tests/cli/same_datasets.py" a.h5 c.h5
finish
