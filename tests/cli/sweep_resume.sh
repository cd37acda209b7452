#!/usr/bin/env bash
# sweep_resume.sh - a sweep killed (SIGKILL) mid-way, with a torn record at the end of
# its journal, resumes to the same file as an uninterrupted sweep; Ctrl-C keeps the
# journal; --resume refuses a journal of another sweep and does nothing when done
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SAME="$SRC/tests/cli/same_datasets.py"
cat >long.cfg <<CFG
base = "$SRC/scenarios/small_world.cfg";
set = ["time.end=2016-12"];
design = "lhs";
points = 24;
seed = 3;
parameters = ( { path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; } );
outputs = { metrics = ["poi", "accessions"]; };
CFG
sed 's/seed = 3;/seed = 4;/' long.cfg >other.cfg
RECORD=$((16 + 8 * 2 + 8)) # run, status, two values, checksum

# Start a sweep in the background and wait until its journal holds n records.
start_until() {
  local n=$1; shift
  "$BIN" sweep long.cfg -o long.h5 --threads 1 --quiet "$@" >out 2>err &
  pid=$!
  for _ in $(seq 1000); do
    [ "$(stat -c %s long.h5.journal 2>/dev/null || echo 0)" -ge $((256 + n * RECORD)) ] && return
    sleep 0.02
  done
}

expect_exit 0 "$BIN" sweep long.cfg -o whole.h5 --threads 2 --quiet

start_until 3
kill -KILL $pid
wait $pid 2>/dev/null
[ -e long.h5 ] && fail "long.h5 exists after kill -9" || pass
[ -e long.h5.journal ] && pass || fail "no journal after kill -9"
printf 'torn record' >>long.h5.journal
expect_exit 2 "$BIN" sweep long.cfg -o long.h5
expect_line "$WORK/err" "protsim: long.h5.journal: the journal of an unfinished sweep exists (use --resume to finish it, or --force to start over)"
expect_exit 2 "$BIN" sweep other.cfg -o long.h5 --resume
expect_match "$WORK/err" '^protsim: long\.h5\.journal: a journal of another sweep \(digest [0-9a-f]{12}\.\.\., this sweep [0-9a-f]{12}\.\.\.\)$'
expect_exit 0 "$BIN" sweep long.cfg -o long.h5 --resume
expect_match "$WORK/out" 'long\.cfg: 24 runs \(([0-9]|1[0-9]|2[0-3]) new, 0 failed\)'
expect_exit 0 $PY "$SAME" whole.h5 long.h5
[ -e long.h5.journal ] && fail "journal left after the sweep finished" || pass
expect_exit 0 "$BIN" sweep long.cfg -o long.h5 --resume
expect_line "$WORK/out" "long.h5: complete already; nothing to do"
expect_exit 0 "$BIN" sweep long.cfg -o long.h5 --resume --quiet # as batch scripts do
[ -s "$WORK/out" ] && fail "--quiet printed: $(cat "$WORK/out")" || pass

# Ctrl-C: the runs done stay in the journal, no file is written
rm -f long.h5
start_until 2
kill -INT $pid
wait $pid
code=$?
[ "$code" -eq 1 ] && pass || fail "interrupted sweep exited $code, want 1"
expect_match err '^protsim: interrupted after [0-9]+ of 24 runs; they are kept in long\.h5\.journal \(run again with --resume to finish\)$'
[ -e long.h5 ] && fail "long.h5 written after Ctrl-C" || pass
expect_exit 0 "$BIN" sweep long.cfg -o long.h5 --resume --quiet
expect_exit 0 $PY "$SAME" whole.h5 long.h5
finish
