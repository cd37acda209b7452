#!/usr/bin/env bash
# names.sh - list elements by name wherever a path works (issue 9): --set for check,
# run and compare, and sweep parameter paths; the same run as by index.
. "$(dirname "$0")/lib.sh"
SW=$SRC/scenarios/small_world.cfg
short=(--set time.end=2009-06 --quiet --force)

expect_exit 0 "$BIN" check "$SW" --set states.Borea.democracy=0.9 --set origins.Westreach.recognition=0.45
"$BIN" check "$SW" --set states.list.[1].democracy=0.9 --set origins.[1].recognition=0.45 >"$WORK/by_index.txt"
cmp -s "$WORK/out" "$WORK/by_index.txt" && pass || fail "check by name and by index differ"

expect_exit 0 "$BIN" run "$SW" "${short[@]}" --set states.Cosina.capacity=0.2 -o "$WORK/name.h5"
expect_exit 0 "$BIN" run "$SW" "${short[@]}" --set states.list.[2].capacity=0.2 -o "$WORK/index.h5"
expect_exit 0 $PY "$SRC/tests/cli/same_datasets.py" "$WORK/name.h5" "$WORK/index.h5"

expect_exit 2 "$BIN" run "$SW" "${short[@]}" --set states.Cosima.capacity=0.2 -o "$WORK/bad.h5"
expect_line "$WORK/err" "protsim: --set: states.Cosima.capacity: no state named Cosima in states.list (did you mean Cosina?)"

T=$SRC/tests/data
expect_exit 0 "$BIN" compare "$T/good_small_ratification.cfg" "$T/good_small_legislation.cfg" -n 2 \
  --set time.end=2009-06 --set states.Aland.democracy=0.9 --quiet
expect_exit 2 "$BIN" compare "$T/good_small_ratification.cfg" "$T/good_small_legislation.cfg" -n 2 \
  --set states.Alandd.democracy=0.9 --quiet
expect_match "$WORK/err" 'no state named Alandd in states.list \(did you mean Aland\?\)$'

cat >"$WORK/names.cfg" <<CFG
base = "$SW";
set = [ "time.end=2009-06" ];
design = "lhs";
points = 2;
parameters = ( { path = "states.Borea.democracy"; range = [0.2, 0.9]; },
               { path = "origins.Northland.recognition"; range = [0.3, 0.6]; } );
CFG
expect_exit 0 "$BIN" sweep "$WORK/names.cfg" -o "$WORK/sweep.h5" --quiet
finish
