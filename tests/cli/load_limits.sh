#!/usr/bin/env bash
# load_limits.sh - issue 11 items 8 and 9 at the command line: a FIFO, a device, an
# oversized file and an oversized group are refused at once; a long load stops soon after
# SIGTERM; the memory a scenario or a sweep needs is checked before it is allocated.
. "$(dirname "$0")/lib.sh"
MIN=$SRC/tests/data/good_minimal.cfg

# Non-regular files: refused, never read (a FIFO would block, /dev/zero never ends).
mkfifo "$WORK/fifo"
expect_exit 2 timeout 10 "$BIN" check "$WORK/fifo"
expect_line "$WORK/err" "protsim: $WORK/fifo: cannot open: not a regular file"
printf '@include "/dev/zero"\n' >"$WORK/zero.cfg"
expect_exit 2 timeout 10 "$BIN" check "$WORK/zero.cfg"
expect_line "$WORK/err" "protsim: $WORK/zero.cfg:1: @include \"/dev/zero\": cannot open: not a regular file"
printf 'design = "lhs";\n' >"$WORK/s.cfg"
expect_exit 2 timeout 10 "$BIN" sweep "$WORK/fifo" -o "$WORK/s.h5"
expect_line "$WORK/err" "protsim: $WORK/fifo: cannot open: not a regular file"

# A group of 20,000 settings took 48 s and said "unknown setting"; now refused at once.
$PY -c "
print('@include \"$MIN\"')
for i in range(20000): print('a%d = 1;' % i)" >"$WORK/wide.cfg"
expect_exit 2 timeout 20 "$BIN" check "$WORK/wide.cfg"
expect_line "$WORK/err" "protsim: $WORK/wide.cfg:258: more than 256 settings in one group"

# A file over 4 MiB.
head -c 4194305 /dev/zero | tr '\0' ' ' >"$WORK/huge.cfg"
expect_exit 2 "$BIN" check "$WORK/huge.cfg"
expect_line "$WORK/err" "protsim: $WORK/huge.cfg: cannot open: larger than 4194304 bytes (4 MiB)"

# SIGTERM during a long load (16 includes of a 4 MB file: about a minute): it stops.
$PY -c "
for i in range(70):
    print('g%d = {' % i)
    for j in range(200):
        print(' h%d = { %s };' % (j, ' '.join('a%d=1;' % k for k in range(40))))
    print('};')" >"$WORK/big.cfg"
for i in $(seq 16); do echo '@include "big.cfg"'; done >"$WORK/long.cfg"
"$BIN" check "$WORK/long.cfg" >/dev/null 2>"$WORK/err" &
pid=$!
sleep 1
kill -TERM $pid
waited=0
while kill -0 $pid 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
if kill -0 $pid 2>/dev/null; then
  fail "check still loading 30 s after SIGTERM"; kill -KILL $pid
else
  wait $pid; rc=$?
  [ $rc -eq 1 ] && pass || fail "interrupted check exit $rc, want 1"
  expect_line "$WORK/err" "protsim: $WORK/big.cfg: interrupted"
fi

# Memory: stocks in range that mean terabytes of agents; a design of 1e8 points.
printf '@include "%s"\nstates = { list = ( { name = "A"; stock = { refugees = 1e12; }; } ); };\norigins = ( { name = "x"; } );\n' "$MIN" >"$WORK/tb.cfg"
expect_exit 2 env PROTSIM_MEMORY_LIMIT=16G "$BIN" check "$WORK/tb.cfg"
expect_line "$WORK/err" "protsim: $WORK/tb.cfg: the run of 1e+12 refugee agents needs about 4.0 TB, more than the memory limit of 17.2 GB (PROTSIM_MEMORY_LIMIT)"
sed -e 's/^points = .*/points = 100000000;/' \
    -e "s|^base = .*|base = \"$SRC/scenarios/small_world.cfg\";|" \
    "$SRC/scenarios/sweeps/small.cfg" >"$WORK/points.cfg"
expect_exit 2 env PROTSIM_MEMORY_LIMIT=1G "$BIN" sweep "$WORK/points.cfg" -o "$WORK/p.h5"
expect_line "$WORK/err" "protsim: $WORK/points.cfg: design \"lhs\" of 200000000 runs needs about 34.4 GB, more than the memory limit of 1.1 GB (PROTSIM_MEMORY_LIMIT)"
[ ! -e "$WORK/p.h5" ] && pass || fail "a refused sweep wrote its output"
finish
