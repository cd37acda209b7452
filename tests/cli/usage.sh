#!/usr/bin/env bash
# usage.sh - help, version, exit codes and one-line messages for bad usage
. "$(dirname "$0")/lib.sh"

expect_exit 2 "$BIN"
expect_match "$WORK/err" '^Usage: protsim COMMAND'
expect_exit 0 "$BIN" --help
expect_match "$WORK/out" '^  run SCENARIO'
expect_exit 0 "$BIN" --version
expect_line "$WORK/out" "protsim $(sed -n 's/^project(protsim VERSION \([0-9.]*\) .*/\1/p' "$SRC/CMakeLists.txt")"
for cmd in run check info defaults; do
  expect_exit 0 "$BIN" $cmd --help
  expect_match "$WORK/out" "^Usage: protsim $cmd"
done
expect_exit 2 "$BIN" frobnicate
expect_line "$WORK/err" "protsim: frobnicate: unknown command (see protsim --help)"
expect_exit 2 "$BIN" run
expect_line "$WORK/err" "protsim: run needs exactly one SCENARIO (see protsim run --help)"
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" --bogus
expect_line "$WORK/err" "protsim: --bogus: unknown option (see protsim run --help)"
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" --seed -4
expect_line "$WORK/err" "protsim: --seed -4: expected a whole number >= 0 (see protsim run --help)"
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" --threads 0
expect_line "$WORK/err" "protsim: --threads 0: expected a number from 1 to 1024 (see protsim run --help)"
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" -o
expect_line "$WORK/err" "protsim: -o needs a value (see protsim run --help)"
expect_exit 2 "$BIN" run "$WORK/missing.cfg"
expect_line "$WORK/err" "protsim: $WORK/missing.cfg: cannot open: No such file or directory"
expect_exit 2 "$BIN" info "$WORK/missing.h5"
expect_match "$WORK/err" "^protsim: $WORK/missing.h5: cannot open: No such file or directory$"
finish
