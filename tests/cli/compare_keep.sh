#!/usr/bin/env bash
# compare_keep.sh - what a compare file keeps (--keep summary|quantiles|all): the table in
# every mode, every replicate's series with all, their exact month-by-month 5/50/95%
# quantiles with quantiles (the default), no series with summary; sizes in that order
. "$(dirname "$0")/lib.sh"
cd "$WORK"
T="$SRC/tests/data"
A="$T/good_small_ratification.cfg" B="$T/good_small_legislation.cfg"
SHORT="--set time.end=2010-12 -n 5 --quiet"
expect_exit 0 "$BIN" compare "$A" "$B" $SHORT -o all.h5 --keep all
expect_exit 0 "$BIN" compare "$A" "$B" $SHORT -o default.h5
expect_exit 0 "$BIN" compare "$A" "$B" $SHORT -o quantiles.h5 --keep quantiles
expect_exit 0 "$BIN" compare "$A" "$B" $SHORT -o summary.h5 --keep summary
ls | grep -q 'tmp\|series' && fail "a temporary file was left: $(ls)" || pass
expect_exit 2 "$BIN" compare "$A" "$B" $SHORT -o bad.h5 --keep everything
expect_line "$WORK/err" "protsim: --keep everything: expected summary, quantiles or all (see protsim compare --help)"
[ -e bad.h5 ] && fail "bad.h5 written for a bad --keep" || pass
cat > keep.py <<'PY'
import h5py, numpy as np, os
a, d, q, s = (h5py.File(n + ".h5", "r") for n in ("all", "default", "quantiles", "summary"))
bad = []
def series(f, arm):
    out = []
    f[arm].visititems(lambda n, o: out.append(n) if isinstance(o, h5py.Dataset)
                      and o.attrs["dimensions"].startswith(("replicate,time", "quantile,time"))
                      else None)
    return out
for arm in ("a", "b"):
    names = series(a, arm)
    if len(names) < 40 or sorted(names) != sorted(series(q, arm)):
        bad.append(f"{arm}: series {len(names)} vs {len(series(q, arm))}")
    for n in names:
        x, y = a[arm][n][()], q[arm][n][()]
        want = np.nanquantile(x, [0.05, 0.5, 0.95], axis=0) if np.isfinite(x).any(axis=0).all() \
            else None
        if y.shape != (3,) + x.shape[1:]:
            bad.append(f"{arm}/{n}: shape {y.shape}")
        elif want is not None and not np.allclose(want, y, rtol=0, atol=1e-12, equal_nan=True):
            bad.append(f"{arm}/{n}: quantiles differ by {np.nanmax(abs(want - y))}")
        if not q[arm][n].attrs["dimensions"].startswith("quantile,time"):
            bad.append(f"{arm}/{n}: dimensions {q[arm][n].attrs['dimensions']}")
    if series(s, arm) or "events" in s[arm] or s[arm].attrs["keep"] != "summary":
        bad.append(f"{arm}: summary keeps series")
    if list(q[arm]["quantile"][()]) != [0.05, 0.5, 0.95] or q[arm].attrs["keep"] != "quantiles":
        bad.append(f"{arm}: quantile scale")
    if not np.array_equal(a[arm]["events"][()], q[arm]["events"][()]):
        bad.append(f"{arm}: events differ")
for f in (q, s, d):
    for k in a["comparison"]:
        if not np.array_equal(a["comparison"][k][()], f["comparison"][k][()]) \
                and a["comparison"][k].dtype.kind != "f" or \
                a["comparison"][k].dtype.kind == "f" and not np.array_equal(
                    a["comparison"][k][()], f["comparison"][k][()], equal_nan=True):
            bad.append(f"comparison/{k} differs in {f.filename}")
if d["a"].attrs["keep"] != "quantiles":
    bad.append("the default is not quantiles")
sizes = [os.path.getsize(n + ".h5") for n in ("summary", "quantiles", "all")]
if not sizes[0] < sizes[1] < sizes[2]:
    bad.append(f"sizes summary, quantiles, all: {sizes}")
for b in bad:
    print(b)
raise SystemExit(1 if bad else 0)
PY
expect_exit 0 $PY keep.py
[ -s "$WORK/out" ] && fail "keep.py: $(cat "$WORK/out")"
finish
