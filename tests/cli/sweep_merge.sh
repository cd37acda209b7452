#!/usr/bin/env bash
# sweep_merge.sh - protsim merge refuses parts of another sweep, runs given twice,
# runs no part holds, files that are no sweep, and an existing output without --force
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
sed -e "s|\"../small_world.cfg\"|\"$SRC/scenarios/small_world.cfg\"|" -e 's/seed = 2024;/seed = 2025;/' \
  "$SWEEP" >other.cfg
expect_exit 0 "$BIN" sweep "$SWEEP" --shard 1/2 -o p1.h5 --quiet
expect_exit 0 "$BIN" sweep "$SWEEP" --shard 2/2 -o p2.h5 --quiet
expect_exit 0 "$BIN" sweep other.cfg --shard 2/2 -o q2.h5 --quiet
expect_exit 0 "$BIN" run "$SRC/scenarios/small_world.cfg" -o run.h5 --quiet --set time.end=2008-12

expect_exit 2 "$BIN" merge p1.h5 q2.h5 -o m.h5
expect_match "$WORK/err" '^protsim: q2\.h5: a part of another sweep \(digest [0-9a-f]{12}\.\.\., p1\.h5 has [0-9a-f]{12}\.\.\.\)$'
expect_exit 2 "$BIN" merge p1.h5 p2.h5 p1.h5 -o m.h5
expect_line "$WORK/err" "protsim: p1.h5: run 0 is also in p1.h5 (a shard given twice?)"
expect_exit 2 "$BIN" merge p1.h5 -o m.h5
expect_line "$WORK/err" "protsim: 8 of 16 runs are in no part, the first run 1 (a shard missing, or not finished?)"
expect_exit 2 "$BIN" merge p1.h5 run.h5 -o m.h5
expect_line "$WORK/err" "protsim: run.h5: not a protsim sweep file"
expect_exit 2 "$BIN" merge p1.h5 nothere.h5 -o m.h5
expect_line "$WORK/err" "protsim: nothere.h5: cannot open: No such file or directory"
[ -e m.h5 ] && fail "m.h5 written by a refused merge" || pass
expect_exit 2 "$BIN" merge p1.h5 p2.h5
expect_line "$WORK/err" "protsim: merge needs PART files and -o FILE.h5 (see protsim merge --help)"
expect_exit 0 "$BIN" merge p2.h5 p1.h5 -o m.h5 --quiet
expect_exit 2 "$BIN" merge p1.h5 p2.h5 -o m.h5
expect_line "$WORK/err" "protsim: m.h5: exists (use --force to replace it)"
expect_exit 0 "$BIN" merge --help
expect_match "$WORK/out" '^Usage: protsim merge PART\.h5\.\.\. -o FILE\.h5'
finish
