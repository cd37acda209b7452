#!/usr/bin/env bash
# check.sh - `protsim check` prints a resolved scenario that loads to the same scenario
. "$(dirname "$0")/lib.sh"
cd "$WORK"
expect_exit 0 "$BIN" check "$SRC/scenarios/small_world.cfg" --set seed=5
cp out resolved.cfg
expect_match resolved.cfg '^seed = 5L;$'
expect_match resolved.cfg 'pressure'
expect_exit 0 "$BIN" check resolved.cfg
cmp -s out resolved.cfg && pass || fail "check of the resolved scenario differs: $(diff out resolved.cfg | head -5)"
expect_exit 0 "$BIN" defaults
cmp -s out "$SRC/scenarios/defaults.cfg" && pass || fail "protsim defaults differs from scenarios/defaults.cfg"
finish
