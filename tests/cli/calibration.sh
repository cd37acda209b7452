#!/usr/bin/env bash
# calibration.sh - the calibration's files and commands through the front door:
# protsim check of targets and calibration files (JSON, FILE:LINE refusals), protsim
# calibrate as a helper (--help, bad input), and the --parameters options' refusals.
source "$(dirname "$0")/lib.sh"
SRC=$(cd "$SRC" && pwd)
export PROTSIM_LIBEXEC_DIR="$SRC/analysis/bin"
CAL="$SRC/scenarios/calibration"

# protsim check prints a targets file and a calibration file as JSON
expect_exit 0 "$BIN" check "$CAL/targets.cfg"
cp "$WORK/out" "$WORK/json"
expect_exit 0 $PY -c "import json,sys; d=json.load(open('$WORK/json')); assert d['kind'] == 'targets' and len(d['targets']) == 44, d['kind']"
expect_exit 0 "$BIN" check "$CAL/baseline.cfg"
cp "$WORK/out" "$WORK/json"
expect_exit 0 $PY -c "import json; d=json.load(open('$WORK/json')); assert d['kind'] == 'calibration'; assert len(d['parameters']) >= 12; assert all(p['reason'] for p in d['parameters'])"

# a target without an uncertainty: FILE:LINE, exit 2
sed 's/^    range = \[0\.0, 2\.0\];$//' "$CAL/targets.cfg" > "$WORK/bad_targets.cfg"
expect_exit 2 "$BIN" check "$WORK/bad_targets.cfg"
expect_line "$WORK/err" "protsim: $WORK/bad_targets.cfg:13: targets.[0]: missing sd or range (the observation's uncertainty)"

# a calibration whose targets file names a state the base lacks
sed 's/state = "Nauru"/state = "Naru"/' "$CAL/targets.cfg" > "$WORK/targets.cfg"
sed "s|targets_file = \"targets.cfg\"|targets_file = \"$WORK/targets.cfg\"|; s|base = \"../asia_pacific.cfg\"|base = \"$SRC/scenarios/asia_pacific.cfg\"|" "$CAL/baseline.cfg" > "$WORK/cal.cfg"
expect_exit 2 "$BIN" check "$WORK/cal.cfg"
expect_match "$WORK/err" "^protsim: $WORK/targets.cfg:[0-9]+: targets.\[2\].measure.state = \"Naru\": not a state of scenario .* \(did you mean Nauru\?\)$"

# --set goes only with scenarios
expect_exit 2 "$BIN" check "$CAL/targets.cfg" --set time.end=2010-12
expect_line "$WORK/err" "protsim: --set: only for scenarios ($CAL/targets.cfg is a targets file)"

# the helper: help, and a scenario given as a calibration
expect_exit 0 "$BIN" calibrate --help
expect_match "$WORK/out" "^Usage: protsim calibrate CAL.cfg"
expect_match "$WORK/out" "--sweep-command CMD"
expect_exit 2 "$BIN" calibrate "$SRC/scenarios/small_world.cfg" -o "$WORK/hm.h5"
expect_match "$WORK/err" "^protsim calibrate: .*small_world.cfg: a scenario file, not a calibration file"

# --parameters: what goes with it, and what it reads
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" --points 3 -o "$WORK/r.h5"
expect_line "$WORK/err" "protsim: --points: only with --parameters (see protsim run --help)"
expect_exit 2 "$BIN" compare "$SRC/tests/data/good_small_ratification.cfg" "$SRC/tests/data/good_small_legislation.cfg" --discover poi
expect_line "$WORK/err" "protsim: --discover: only with --parameters (see protsim compare --help)"
expect_exit 2 "$BIN" compare "$SRC/tests/data/good_small_ratification.cfg" "$SRC/tests/data/good_small_legislation.cfg" --parameters "$WORK/none.h5" --by-state
expect_line "$WORK/err" "protsim: --by-state: not with --parameters (see protsim compare --help)"
expect_exit 2 "$BIN" run "$SRC/scenarios/small_world.cfg" --parameters "$WORK/none.h5" -o "$WORK/r.h5"
expect_line "$WORK/err" "protsim: $WORK/none.h5: cannot open: No such file or directory"
expect_exit 0 "$BIN" run --help
expect_match "$WORK/out" "--parameters HM.h5"
finish
