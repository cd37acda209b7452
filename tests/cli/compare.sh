#!/usr/bin/env bash
# compare.sh - protsim compare: the table, pairing on common random numbers, the compare
# file, the same numbers with 1 or 2 threads, and one-line messages for bad usage
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"
A="$SRC/tests/data/good_small_ratification.cfg"
B="$SRC/tests/data/good_small_legislation.cfg"
SHORT="--set time.end=2011-12"
SEE="(see protsim compare --help)"

expect_exit 0 "$BIN" compare --help
expect_match "$WORK/out" '^Usage: protsim compare A.cfg B.cfg'
expect_exit 0 "$BIN" --help
expect_match "$WORK/out" '^  compare A B '

# A scenario compared with itself: every pair equal, so no test and p = 1 on every row.
expect_exit 0 "$BIN" compare "$SW" "$SW" -n 4 $SHORT
expect_line "$WORK/out" "A: small world ($SW)"
expect_line "$WORK/out" "Both with --set time.end=2011-12"
expect_line "$WORK/out" "4 paired replicates from seed 20081101: replicate r of A and of B share a seed."
expect_match "$WORK/out" '^Outcomes at the end of 2011; [0-9.]+ s\.$'
for m in poi legal_status_share detention_incidence refouled solutions_rate \
         framework_steps accessions mean_gap refugees; do
  expect_match "$WORK/out" "^$m +[^ ]+ +[^ ]+ +[^ ]+ +0 +\[0, 0\] +1\.000 +1\.000 none +0/4$"
done
grep -q '^By state' "$WORK/out" && fail "a table by state without --by-state" || pass

# Two strategies: a row per metric, each with a test, and a file with the table.
expect_exit 0 "$BIN" compare "$A" "$B" -n 4 $SHORT -o t1.h5 --threads 1 --keep all
expect_match "$WORK/out" '^metric +units +A mean +B mean +B - A +95% CI +p +Holm p +test +differ$'
expect_line "$WORK/out" "B - A estimates the paired difference, not the difference of the means: the"
expect_line "$WORK/out" "mean of the paired differences where the test is t, their Hodges-Lehmann"
expect_line "$WORK/out" "Multiplicity: 9 outcomes are tested at once. Holm p adjusts for all 9 (Holm's"
expect_match "$WORK/out" '^legal_status_share +% '
expect_match "$WORK/out" '^detention_incidence +% '
expect_match "$WORK/out" '^solutions_rate +%/year '
cp "$WORK/out" table1.txt
expect_match "$WORK/out" '^poi +1 .* (t|wilcoxon-exact|wilcoxon-normal) +4/4$'
expect_match "$WORK/out" '^framework_steps +steps .* (wilcoxon-exact|wilcoxon-normal|none) +[0-4]/4$'
expect_match "$WORK/out" '; wrote t1\.h5\.$'
expect_exit 0 "$BIN" compare "$A" "$B" -n 4 $SHORT -o t2.h5 --threads 2 --quiet --keep all
expect_exit 0 $PY "$SRC/tests/cli/same_datasets.py" t1.h5 t2.h5
expect_match "$WORK/out" '^identical: [0-9]+ datasets and attributes$'
expect_exit 0 "$BIN" info t1.h5
expect_line "$WORK/out" "layouts: /a,/b"
expect_line "$WORK/out" "replicates: 4, 4 written; each with its own seed (seeds)"
expect_match "$WORK/out" '^  /a/region/poi \[replicate 4, time 48\], units 1: '
expect_match "$WORK/out" '^  /comparison/p_value \[metric 9\], units 1: '

# Pairing: both layouts have the same seeds, replicate r of A is the single run of its
# seed, and the table's values are the series at the horizon.
"$BIN" run "$A" $SHORT --seed "$($PY -c "import h5py; print(h5py.File('t1.h5')['a/seeds'][2])")" \
  -o single.h5 --quiet
expect_exit 0 $PY - <<'EOF'
import h5py, numpy as np
f, s = h5py.File("t1.h5"), h5py.File("single.h5")
assert (f["a/seeds"][:] == f["b/seeds"][:]).all(), "seeds differ"
assert f["a/seeds"][0] != f["a/seeds"][1]
for name in ("region/poi", "refugees/count", "ngos/strategy"):
    assert np.array_equal(f["a/" + name][2], s[name][:], equal_nan=True), name
names = list(f["comparison/metric_names"].asstr()[:])
assert f["comparison/horizon"][()] == 2011
assert np.array_equal(f["comparison/a_values"][:, names.index("poi")], f["a/region/poi"][:, -1])
assert np.array_equal(f["comparison/b_values"][:, names.index("refugees")],
                      f["b/region/refugees"][:, -1])
a, b = f["comparison/a_mean"][:], f["comparison/b_mean"][:]
assert np.allclose(f["comparison/mean_difference"][:], b - a)
# Holm over the nine p-values, computed here by sorting (as R's p.adjust)
p = f["comparison/p_value"][:]
order = np.argsort(p, kind="stable")
holm = np.empty_like(p)
holm[order] = np.minimum(1, np.maximum.accumulate((len(p) - np.arange(len(p))) * p[order]))
assert np.allclose(f["comparison/p_holm"][:], holm, rtol=1e-12, atol=0), (f["comparison/p_holm"][:], holm)
assert (f["comparison/p_holm"][:] >= p).all()
assert f["comparison/p_holm"].attrs["units"] == "1"
# the table prints shares in percent: 100 x the file's means, four significant digits
rows = {line.split()[0]: line.split() for line in open("table1.txt") if line[:1].islower()}
for name in ("legal_status_share", "detention_incidence", "solutions_rate"):
    k = names.index(name)
    assert rows[name][2] == "%.4g" % (100 * a[k]), (name, rows[name], a[k])
    assert rows[name][3] == "%.4g" % (100 * b[k]), (name, rows[name], b[k])
k = names.index("poi")
assert rows["poi"][1] == "1" and rows["poi"][2] == "%.4g" % a[k], rows["poi"]
assert set(f["comparison/test"].asstr()[:]) <= {"t", "wilcoxon-exact", "wilcoxon-normal", "none"}
assert f["comparison/p_value"].attrs["units"] == "1"
ev = f["a/events"][:]
assert set(ev["replicate"]) <= {0, 1, 2, 3}
mine = [tuple(e)[:6] for e in ev if e["replicate"] == 2]
assert mine == [tuple(e) for e in s["events"][:]], "events of replicate 2"
EOF

# The comparison figure.
expect_exit 0 $PY "$SRC/analysis/plot_compare.py" t2.h5 --out fig
[ -s fig_compare.png ] && pass || fail "analysis/plot_compare.py wrote no fig_compare.png"

# Bad usage: one line, exit status 2.
expect_exit 2 "$BIN" compare
expect_line "$WORK/err" "protsim: compare needs two scenarios, A and B $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" "$SW"
expect_line "$WORK/err" "protsim: $SW: unexpected argument $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" -n 1
expect_line "$WORK/err" "protsim: -n 1: expected a number from 2 to 1000 $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" --replicates=5000
expect_line "$WORK/err" "protsim: --replicates 5000: expected a number from 2 to 1000 $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" --seed -4
expect_line "$WORK/err" "protsim: --seed -4: expected a whole number >= 0 $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" --threads 0
expect_line "$WORK/err" "protsim: --threads 0: expected a number from 1 to 1024 $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" --horizon 20x
expect_line "$WORK/err" "protsim: --horizon 20x: expected a year $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" --bogus
expect_line "$WORK/err" "protsim: --bogus: unknown option $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" -o
expect_line "$WORK/err" "protsim: -o needs a value $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" -n 2 $SHORT --horizon 2030
expect_line "$WORK/err" "protsim: --horizon 2030: A (2008-01 to 2011-12) does not simulate December 2030 $SEE"
expect_exit 2 "$BIN" compare "$A" "$B" -n 2 --set time.end=2008-06
expect_line "$WORK/err" "protsim: A (2008-01 to 2008-06) and B (2008-01 to 2008-06) share no whole calendar year; give --horizon YEAR"
expect_exit 2 "$BIN" compare "$A" "$WORK/missing.cfg"
expect_line "$WORK/err" "protsim: $WORK/missing.cfg: cannot open: No such file or directory"
expect_exit 2 "$BIN" compare "$A" "$B" -n 2 $SHORT -o t1.h5
expect_line "$WORK/err" "protsim: t1.h5: exists (use --force to replace it)"
expect_exit 0 "$BIN" compare "$A" "$B" -n 2 $SHORT -o t1.h5 --force --quiet
[ -s "$WORK/out" ] && fail "--quiet printed: $(head -c 200 "$WORK/out")" || pass
finish
