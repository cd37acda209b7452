#!/usr/bin/env bash
# kill_points.sh - kill -9 at seeded random moments of run, compare, sweep and merge
# (issue 11, fault tests): nothing lost, nothing forged. After each kill the requested
# name holds either nothing or the whole file (every dataset and attribute the same as
# an uninterrupted command's); a killed sweep's --resume gives the uninterrupted sweep's
# file; the temporary files the dead processes left are gone after the next command on
# the same output. The moments are fractions of each command's own duration, so the
# test asserts the same on a loaded machine; the seed fixes them.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SAME="$SRC/tests/cli/same_datasets.py"
SW="$SRC/scenarios/small_world.cfg"
SHORT=(--set time.end=2010-12 --quiet)
A="$SRC/tests/data/good_small_ratification.cfg" B="$SRC/tests/data/good_small_legislation.cfg"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
# The commands, each writing OUT (substituted), and how many kills each gets.
declare -A CMD=(
  [run]="$BIN run $SW ${SHORT[*]} -o OUT"
  [compare]="$BIN compare $A $B ${SHORT[*]} -n 2 -o OUT"
  [sweep]="$BIN sweep $SWEEP --threads 1 --quiet -o OUT"
  [merge]="$BIN merge p1.h5 p2.h5 -o OUT"
)
TRIALS=5
mid=0 # kills that left a temporary file: the kill came while the file was written
"$BIN" sweep "$SWEEP" --shard 1/2 -o p1.h5 --quiet && "$BIN" sweep "$SWEEP" --shard 2/2 -o p2.h5 --quiet ||
  { fail "cannot make the sweep parts"; finish; exit; }

# The seeded moment of trial $2 of command $1 lasting $3 s: 5-95% of the way.
moment() { $PY -c "import random; print($3 * (0.05 + 0.9 * random.Random('$1 $2').random()))"; }

for name in run compare sweep merge; do
  cmd=${CMD[$name]}
  start=$EPOCHREALTIME
  ${cmd//OUT/ref-$name.h5} >/dev/null 2>&1 || fail "$name: the uninterrupted command failed"
  took=$($PY -c "print($EPOCHREALTIME - $start)")
  for t in $(seq $TRIALS); do
    out=$name-$t.h5
    delay=$(moment $name "$t" "$took")
    ${cmd//OUT/$out} >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    ls "$out".tmp-* >/dev/null 2>&1 && mid=$((mid + 1))
    if [ -e "$out" ]; then # the kill came after the rename: the whole file
      $PY "$SAME" "ref-$name.h5" "$out" >/dev/null && pass ||
        fail "$name trial $t (kill at $delay s of $took): $out is not whole"
    else
      pass
    fi
    if [ "$name" = sweep ]; then # the journal finishes what was killed
      if [ -e "$out" ]; then rm -f "$out"; pass; continue; fi
      ${cmd//OUT/$out} --resume >/dev/null 2>"$WORK/err" ||
        fail "sweep trial $t: --resume failed: $(head -c 300 "$WORK/err")"
      $PY "$SAME" ref-sweep.h5 "$out" >/dev/null && pass ||
        fail "sweep trial $t (kill at $delay s of $took): the resumed file differs"
    else # the next command on the same output removes what the dead one left
      rm -f "$out"
      ${cmd//OUT/$out} >/dev/null 2>"$WORK/err" ||
        fail "$name trial $t: the command after the kill failed: $(head -c 300 "$WORK/err")"
    fi
    left=$(ls "$out".tmp-* 2>/dev/null)
    [ -z "$left" ] && pass || fail "$name trial $t: temporary files left: $left"
  done
done
echo "$mid of $((4 * TRIALS)) kills came while a temporary file was being written"
finish
