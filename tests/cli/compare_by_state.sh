#!/usr/bin/env bash
# compare_by_state.sh - protsim compare --by-state: a table per state whose numbers are
# the states' own series at the horizon (checked against the compare file), the states'
# counts adding up to the region's, Holm over all the states' tests, and the refusal of
# two scenarios without the same states
. "$(dirname "$0")/lib.sh"
cd "$WORK"
A="$SRC/tests/data/good_small_ratification.cfg"
B="$SRC/tests/data/good_small_legislation.cfg"
SHORT="--set time.end=2011-12"

expect_exit 0 "$BIN" compare "$A" "$B" -n 5 $SHORT --by-state -o bs.h5 --threads 2 --keep all
cp "$WORK/out" table.txt
expect_line table.txt "By state: each state's own metrics at the end of 2011 (refugees: present in the"
expect_match table.txt '^start\), with the same statistics; Holm p adjusts for all 54 tests of the 6$'
expect_exit 0 $PY - <<'EOF'
import h5py, numpy as np

def number(x):  # ps_driver_format_number
    return "%.0f" % x if np.isfinite(x) and 1e4 <= abs(x) < 1e12 else "%.4g" % x

f = h5py.File("bs.h5")
states = list(f["a/states/name"].asstr()[:])
assert len(states) == 6, states
lines = open("table.txt").read().split("\n")
start = lines.index(next(l for l in lines if l.startswith("By state:")))
tables = {}
for k, line in enumerate(lines[start:], start):
    if line in states:
        assert lines[k + 1].split()[:3] == ["metric", "units", "A"], lines[k + 1]
        tables[line] = {l.split()[0]: l.split() for l in lines[k + 2:k + 11]}
assert list(tables) == states, list(tables)
series = {"poi": ("states/poi", 1), "legal_status_share": ("states/legal_status_share", 100),
          "detention_incidence": ("states/detention_incidence", 100),
          "refouled": ("states/refouled", 1), "mean_gap": ("states/gap", 1),
          "refugees": ("states/present", 1)}
region = {l.split()[0]: l.split() for l in lines[:start] if l[:1].islower()}
framework = 0.0
for i, name in enumerate(states):
    rows = tables[name]
    assert len(rows) == 9 and rows["legal_status_share"][1] == "%", rows
    for metric, (path, scale) in series.items():
        a, b = f["a/" + path][:, -1, i], f["b/" + path][:, -1, i]  # horizon: the last month
        row = rows[metric]
        assert row[2] == number(scale * a.mean()), (name, metric, row, a)
        assert row[3] == number(scale * b.mean()), (name, metric, row, b)
        assert row[-1] == "%d/5" % (a != b).sum(), (name, metric, row)
        if row[-2] == "t":  # the estimate of the t-test is the mean paired difference
            assert row[4] == number(scale * (b - a).mean()), (name, metric, row)
    for row in rows.values():  # Holm p is never below p, and 1 where p is 1
        p, holm = row[-4], row[-3]
        if p == "1.000":
            assert holm == "1.000", row
        elif p != "<0.001":
            assert holm == "1.000" or holm >= p, row
    framework += float(rows["framework_steps"][2])
# each state's framework steps since the start add up to the region's
assert abs(framework - float(region["framework_steps"][2])) < 1e-3, (framework, region)
EOF

# Two scenarios whose states differ cannot be compared state by state.
sed 's/"Aland"/"Xland"/' "$SRC/scenarios/small_world.cfg" >renamed.cfg
expect_exit 2 "$BIN" compare "$SRC/scenarios/small_world.cfg" renamed.cfg -n 2 --by-state
expect_line "$WORK/err" "protsim: --by-state: state 0 is Aland in A and Xland in B; the table by state needs the same states in both"
expect_exit 2 "$BIN" compare "$SRC/scenarios/small_world.cfg" "$SRC/scenarios/asia_pacific.cfg" -n 2 --by-state
expect_line "$WORK/err" "protsim: --by-state: A has 6 states and B 39; the table by state needs the same states in both"
expect_exit 0 "$BIN" compare "$SRC/scenarios/small_world.cfg" renamed.cfg -n 2 --set time.end=2008-12 --quiet
finish
