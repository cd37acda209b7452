#!/usr/bin/env bash
# what_if.sh - scenarios/what_if/: each passes protsim check, tells at its top how to
# compare it (the compare command with --fork at its date), is the baseline before the
# fork and differs after it where it says, and compared with the baseline forked at its
# date gives every dataset identical to the straight compare (at 1% of full scale,
# 2008-01 to 2026-03)
. "$(dirname "$0")/lib.sh"
cd "$WORK"
S="$SRC/scenarios"
SMALL="--set refugees.agents_per_person=0.01 --set time.end=2026-03 -n 2 --quiet --keep all"
# each what-if, the series its change must move
for pair in legislation_2025:ngos/strategy ratification_2025:ngos/strategy \
    resettlement_collapse_2025:unhcr/resettlement_used \
    securitisation_shock_2025:states/securitisation; do
  name=${pair%%:*} series=${pair#*:} cfg="$S/what_if/${pair%%:*}.cfg"
  expect_exit 0 "$BIN" check "$cfg"
  head -40 "$cfg" | grep -q "^#.*protsim compare scenarios/asia_pacific.cfg" &&
    head -40 "$cfg" | grep -q "^#.*--fork 2025-01" && pass ||
    fail "$name: no compare command with --fork 2025-01 at its top"
  expect_exit 0 "$BIN" compare "$S/asia_pacific.cfg" "$cfg" $SMALL -o straight.h5 --force
  expect_exit 0 "$BIN" compare "$S/asia_pacific.cfg" "$cfg" $SMALL -o fork.h5 --force \
    --fork 2025-01 --threads 2
  if $PY "$SRC/tests/cli/same_datasets.py" straight.h5 fork.h5 >same.txt; then pass
  else fail "$name: forked compare differs: $(cat same.txt)"; fi
  $PY - "$series" <<'PY' >moved.txt && pass || fail "$name: $(cat moved.txt)"
import sys, h5py, numpy as np
f, name = h5py.File("fork.h5", "r"), sys.argv[1]
a, b = f["a"][name][()], f["b"][name][()]
fork = 12 * (2025 - 2008)  # the time index of 2025-01
before = np.array_equal(a[:, :fork], b[:, :fork], equal_nan=True)
after = not np.array_equal(a[:, fork:], b[:, fork:], equal_nan=True)
print(f"{name}: the same before 2025-01: {before}, differs from it: {after}")
sys.exit(0 if before and after else 1)
PY
done
finish
