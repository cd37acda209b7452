#!/usr/bin/env bash
# sensitivity.sh - analysis/sensitivity.py on known answers (Ishigami, linear Morris,
# known noise), then end to end on sweeps of protsim's Ishigami test model
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SA="$SRC/analysis/sensitivity.py"
TEST="$SRC/analysis/test_sensitivity.py"

# Estimators on sweep files written from numpy in the layout protsim sweep writes.
expect_exit 0 $PY "$TEST"
expect_match "$WORK/out" '^[0-9]+ passed, 0 failed$'
grep -q '^FAIL' "$WORK/out" && fail "$(grep -A12 '^FAIL' "$WORK/out")" || pass

# End to end: the same code path on files protsim wrote (model = "ishigami").
ISH="$SRC/scenarios/sweeps/ishigami.cfg"
if ! "$BIN" sweep --help >/dev/null 2>&1 || [ ! -f "$ISH" ]; then
  echo "SKIP: end-to-end Ishigami checks: protsim sweep or $ISH not available"
  finish
  exit
fi

# The shipped example: Sobol, no noise. Analytic indices inside the bootstrap CIs.
expect_exit 0 "$BIN" sweep "$ISH" -o ishigami.h5 --quiet
expect_exit 0 $PY "$TEST" --ishigami ishigami.h5
expect_line "$WORK/out" "ishigami ok: analytic indices inside the bootstrap CIs"
cat "$WORK/out"

# With noise and replicates: diluted S1, floored ST, and the noise share 4 / (V + 4).
PARAMS='parameters = (
  { path = "x1"; range = [-3.141592653589793, 3.141592653589793]; },
  { path = "x2"; range = [-3.141592653589793, 3.141592653589793]; },
  { path = "x3"; range = [-3.141592653589793, 3.141592653589793]; }
);'
printf 'model = "ishigami";\ndesign = "sobol";\npoints = 4096;\nreplicates = 4;\nseed = 3;\nnoise = 2.0;\n%s\n' \
  "$PARAMS" > noisy.cfg
expect_exit 0 "$BIN" sweep noisy.cfg -o noisy.h5 --quiet
expect_exit 0 $PY "$TEST" --ishigami noisy.h5
expect_line "$WORK/out" "ishigami ok: analytic indices inside the bootstrap CIs"
expect_match "$WORK/out" '^noise ok: share '
cat "$WORK/out"

# Morris with 4 levels: every |EE| of x2 is 7 (3/4) / (2/3) = 7.875.
printf 'model = "ishigami";\ndesign = "morris";\nlevels = 4;\npoints = 100;\nreplicates = 1;\nseed = 4;\n%s\n' \
  "$PARAMS" > morris.cfg
expect_exit 0 "$BIN" sweep morris.cfg -o morris.h5 --quiet
expect_exit 0 $PY "$TEST" --ishigami morris.h5
expect_line "$WORK/out" "ishigami morris ok: x2 mu* = 7.8750 (analytic 7.875)"
cat "$WORK/out"

# The command line on a protsim file: table, JSON, plot; an unknown metric.
expect_exit 0 $PY "$SA" ishigami.h5 --metric y --bootstrap 200 --json r.json --plot r.png
expect_match "$WORK/out" '^y( \[[^]]*\])?: Sobol indices from 1024 of 1024 base points'
[ -s r.json ] && [ -s r.png ] && pass || fail "r.json or r.png not written"
expect_exit 2 $PY "$SA" ishigami.h5 --metric no_such_metric
expect_match "$WORK/err" '^sensitivity: --metric no_such_metric: no such metric'
finish
