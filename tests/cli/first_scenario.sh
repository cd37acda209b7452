#!/usr/bin/env bash
# first_scenario.sh - the scenario of docs/first-scenario.md, taken from its last
# block, checks and runs (a few months); the commands the guide shows work.
. "$(dirname "$0")/lib.sh"
DOC=$SRC/docs/first-scenario.md
awk '/^```cfg first-scenario$/ {on = 1; next} /^```$/ {on = 0} on' "$DOC" >"$WORK/three_states.cfg"
[ -s "$WORK/three_states.cfg" ] && pass || fail "no first-scenario block in $DOC"
expect_exit 0 "$BIN" check "$WORK/three_states.cfg"
expect_line "$WORK/out" 'name = "three states";'
expect_exit 0 "$BIN" run "$WORK/three_states.cfg" --set time.end=2019-06 -o "$WORK/short.h5" --quiet
expect_exit 0 "$BIN" run "$WORK/three_states.cfg" --set time.end=2019-06 \
  --set states.Aland.democracy=0.8 -o "$WORK/what_if.h5" --quiet
expect_exit 2 "$BIN" run "$WORK/three_states.cfg" --set time.end=2016-12 -o "$WORK/bad.h5" --quiet
expect_match "$WORK/err" 'three_states.cfg:[0-9]+: schedule.\[0\].at = "2018-01" is outside the run \(2015-01 to 2016-12\)$'
# The schedule's three changes are events of the run, the state by name.
$PY - "$WORK/short.h5" <<'PY' && pass || fail "the scheduled changes are not the events expected"
import sys, h5py
ev = h5py.File(sys.argv[1])["events"][:]
got = [(r["date"].decode(), r["state"].decode(), r["value"]) for r in ev if r["type"] == b"scheduled_change"]
print(got)
sys.exit(got != [("2018-01", "", 0.0), ("2019-01", "Cosina", 1.0), ("2019-01", "", 2.0)])
PY
expect_exit 2 "$BIN" check "$WORK/three_states.cfg" --set states.Alnd.democracy=0.8
expect_line "$WORK/err" "protsim: --set: states.Alnd.democracy: no state named Alnd in states.list (did you mean Aland?)"
# Every step's keys are in the whole file: each indented block of the steps is a part of it.
$PY - "$DOC" "$WORK/three_states.cfg" <<'PY' && pass || fail "a step shows a line the whole file lacks"
import sys
doc, whole = open(sys.argv[1]).read(), open(sys.argv[2]).read()
body = doc.split("## The whole file")[0]
lines = [l.strip() for l in body.splitlines() if l.startswith("    ") and "=" in l and not l.strip().startswith("protsim")]
missing = [l for l in lines if l not in [w.strip() for w in whole.splitlines()]]
print("\n".join(missing))
sys.exit(1 if missing else 0)
PY
finish
