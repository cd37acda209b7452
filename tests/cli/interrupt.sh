#!/usr/bin/env bash
# interrupt.sh - Ctrl-C during a run leaves no file under the requested name
. "$(dirname "$0")/lib.sh"
cd "$WORK"
"$BIN" run "$SRC/scenarios/small_world.cfg" -o long.h5 --quiet --set time.end=2400-12 \
  >out 2>err &
pid=$!
sleep 1
kill -INT $pid
wait $pid
code=$?
[ "$code" -eq 1 ] && pass || fail "interrupted run exited $code, want 1"
expect_match err '^protsim: interrupted at step [0-9]+ of 4716; nothing written to long.h5$'
[ -e long.h5 ] && fail "long.h5 exists after an interruption" || pass
[ -z "$(ls | grep tmp)" ] && pass || fail "temporary file left: $(ls)"
finish
