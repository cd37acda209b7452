#!/usr/bin/env bash
# xarray.sh - every kind of result file opens in xarray (Debian's python3-xarray, with
# h5netcdf) with named dimensions from its HDF5 dimension scales, and the time axis
# carries YYYY-MM months beside the decimal year (docs/output.md, Conventions)
. "$(dirname "$0")/lib.sh"
cd "$WORK"
if ! $PY -c 'import xarray, h5netcdf' 2>/dev/null; then
  echo "SKIP: python3-xarray and python3-h5netcdf are not installed (.ci/install-deps)"
  exit 77
fi
SW="$SRC/scenarios/small_world.cfg"
T="$SRC/tests/data"
expect_exit 0 "$BIN" run "$SW" -o run.h5 --quiet --set time.end=2009-12
expect_exit 0 "$BIN" run "$SW" -o reps.h5 --quiet --replicates 2 --set time.end=2009-06
expect_exit 0 "$BIN" compare "$T/good_small_ratification.cfg" "$T/good_small_legislation.cfg" \
  -n 2 -o cmp.h5 --quiet --set time.end=2009-12 --keep all
expect_exit 0 "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" -o sweep.h5 --quiet
cat > dims.py <<'PY'
import sys
import xarray as xr
def dims(path, group, var):
    with xr.open_dataset(path, engine="h5netcdf", group=group) as ds:
        return ds[var].dims, ds
checks = [
    ("run.h5", "states", "poi", ("time", "state")),
    ("run.h5", "states", "implementation", ("time", "state", "component")),
    ("run.h5", "refugees", "count", ("time", "state", "status")),
    ("run.h5", "refugees", "flows", ("time", "state", "flow")),
    ("run.h5", "ngos", "strategy", ("time", "ngo", "channel")),
    ("run.h5", "network", "action_plans", ("time", "plan_kind")),
    ("run.h5", "states", "name", ("state",)),
    ("run.h5", None, "events", ("event",)),
    ("reps.h5", "region", "poi", ("replicate", "time")),
    ("reps.h5", "ngos", "member", ("replicate", "ngo")),
    ("cmp.h5", "a/states", "hazard", ("replicate", "time", "state", "action")),
    ("cmp.h5", "b/region", "poi", ("replicate", "time")),
    ("cmp.h5", "comparison", "a_values", ("replicate", "metric")),
    ("sweep.h5", "sweep", "design", ("run", "parameter")),
    ("sweep.h5", "summary", "values", ("run", "value")),
]
bad = 0
for path, group, var, want in checks:
    got, _ = dims(path, group, var)
    if tuple(got) != want:
        print(f"{path} {group}/{var}: dimensions {got}, want {want}")
        bad += 1
with xr.open_dataset("run.h5", engine="h5netcdf") as ds:
    months = [str(m) for m in ds["month"].values]
    times = ds["time"].values
    if months[0] != "2008-01" or months[-1] != "2009-12" or len(months) != 24:
        print("month:", months[:2], months[-2:]); bad += 1
    if abs(times[-1] - 2010.0) > 1e-12 or ds["month"].dims != ("time",):
        print("time:", times[-1], ds["month"].dims); bad += 1
    names = [str(s) for s in ds["state"].values]
with xr.open_dataset("run.h5", engine="h5netcdf", group="states") as st:
    if st.sizes["state"] != len(names) or st.sizes["time"] != 24:
        print("sizes:", dict(st.sizes)); bad += 1
sys.exit(1 if bad else 0)
PY
expect_exit 0 $PY dims.py
[ -s "$WORK/out" ] && fail "dims.py: $(cat "$WORK/out")"
finish
