#!/usr/bin/env bash
# sweep_usage.sh - protsim sweep: help, bad arguments, bad sweep files, existing output
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
HINT="(see protsim sweep --help)"
expect_exit 0 "$BIN" sweep --help
expect_match "$WORK/out" '^Usage: protsim sweep SWEEP\.cfg'
expect_exit 2 "$BIN" sweep
expect_line "$WORK/err" "protsim: sweep needs a SWEEP file $HINT"
expect_exit 2 "$BIN" sweep "$SWEEP" --shard 3/2
expect_line "$WORK/err" "protsim: --shard 3/2: K must be a whole number from 1 to 2 $HINT"
expect_exit 2 "$BIN" sweep "$SWEEP" --shard 2
expect_line "$WORK/err" "protsim: --shard 2: expected K/N, e.g. 2/8, or auto/N $HINT"
expect_exit 2 env -u SLURM_ARRAY_TASK_ID "$BIN" sweep "$SWEEP" --shard auto/4
expect_line "$WORK/err" "protsim: --shard auto/4: auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_MIN (a SLURM job array) $HINT"
SLURM_ARRAY_TASK_ID=9 SLURM_ARRAY_TASK_MIN=1 expect_exit 2 "$BIN" sweep "$SWEEP" --shard auto/4
expect_line "$WORK/err" "protsim: --shard auto/4: task 9 of an array starting at 1 is part 9, not one of 1 to 4 $HINT"
expect_exit 2 "$BIN" sweep "$SWEEP" --threads 0
expect_line "$WORK/err" "protsim: --threads 0: expected a number from 1 to 1024 $HINT"
expect_exit 2 "$BIN" sweep "$SWEEP" --colour
expect_line "$WORK/err" "protsim: --colour: unknown option $HINT"
expect_exit 2 "$BIN" sweep nothere.cfg
expect_line "$WORK/err" "protsim: nothere.cfg: cannot open: No such file or directory"
printf 'design = "lhs";\npoints = 0;\n' >bad.cfg
expect_exit 2 "$BIN" sweep bad.cfg
expect_line "$WORK/err" "protsim: bad.cfg:2: points = 0 is outside [1, 1e+08] (points)"
expect_exit 0 "$BIN" sweep "$SWEEP" -o x.h5 --quiet
[ -s "$WORK/out" ] && fail "--quiet printed: $(cat "$WORK/out")" || pass
expect_exit 2 "$BIN" sweep "$SWEEP" -o x.h5
expect_line "$WORK/err" "protsim: x.h5: exists (use --force to replace it)"
expect_exit 0 "$BIN" sweep "$SWEEP" -o x.h5 --force --quiet

# Every example sweep loads (a part that holds no run computes nothing).
for cfg in "$SRC"/scenarios/sweeps/*.cfg; do
  expect_exit 0 "$BIN" sweep "$cfg" --shard 1000000/1000000 -o "example-$(basename "$cfg" .cfg).h5" --quiet
done
finish
