# lib.sh - helpers for the CLI tests: each test script sources this file.
# Usage in a test: BIN=$1 SRC=$2; expect_exit CODE CMD...; expect_stderr REGEX
set -u
BIN=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
PASSES=0
PY=/usr/bin/python3

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { PASSES=$((PASSES + 1)); }

# expect_exit CODE CMD... : run CMD, keep its stdout/stderr in $WORK/out, $WORK/err
expect_exit() {
  local want=$1; shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$* -> exit $got, want $want; stderr: $(head -c 400 "$WORK/err")"; fi
}

# expect_line FILE TEXT : FILE has a line equal to TEXT
expect_line() {
  if grep -qxF -- "$2" "$1"; then pass; else fail "no line '$2' in $(basename "$1"): $(head -c 400 "$1")"; fi
}

# expect_match FILE REGEX : FILE has a line matching the extended REGEX
expect_match() {
  if grep -qE -- "$2" "$1"; then pass; else fail "nothing matches /$2/ in $(basename "$1"): $(head -c 400 "$1")"; fi
}

# same A.h5 B.h5 : every dataset and attribute identical but how and when each file was
# made (tests/cli/same_datasets.py)
same() {
  if $PY "$SRC/tests/cli/same_datasets.py" "$1" "$2" >"$WORK/same" 2>&1; then pass
  else fail "$1 vs $2: $(cat "$WORK/same")"; fi
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
