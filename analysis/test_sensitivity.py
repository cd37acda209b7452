#!/usr/bin/python3
"""test_sensitivity.py - self-checking tests of analysis/sensitivity.py on known answers.

    /usr/bin/python3 analysis/test_sensitivity.py                 # all tests (about 20 s)
    /usr/bin/python3 analysis/test_sensitivity.py --ishigami FILE # check a real sweep file

Each test writes sweep files in the layout of `protsim sweep` (docs/sensitivity.md) from
numpy, then runs the same code path as for model output: read_sweep, analyse_metric, and
the command line. Known answers: the Ishigami function's Sobol indices, a linear
function's elementary effects, a function with noise of known variance. --ishigami FILE
checks a sweep file that protsim wrote for `model = "ishigami"` (tests/cli/sensitivity.sh).
Exit status 0 when every test passed.
"""
import json
import os
import subprocess
import sys
import tempfile
import traceback

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sensitivity as sa  # noqa: E402

SCRIPT = os.path.join(HERE, "sensitivity.py")
PY = sys.executable
PI = np.pi
ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1
# Analytic Ishigami indices for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' & Levitan 1999).
ISHIGAMI_S1 = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])
ISHIGAMI_VAR = (ISHIGAMI_A ** 2 / 8 + ISHIGAMI_B * PI ** 4 / 5
                + ISHIGAMI_B ** 2 * PI ** 8 / 18 + 0.5)         # 13.845
# An estimate must lie inside its 95% bootstrap CI and within this distance of the
# analytic index. With N = 4096 Sobol' base points the errors are below 0.005 (50
# shifted designs) and the bootstrap standard errors 0.007 - 0.022: the bootstrap treats
# the points as independent, so it is conservative for a quasi-random design.
ISHIGAMI_TOL = 0.03
ENGINE_TOL = 0.05      # for a file from protsim sweep, whose N we do not choose
NOISE_TOL = 0.02       # noise share of a protsim Ishigami sweep with noise
# Morris with 4 levels on [-pi, pi]: x2 steps between -pi and pi/3 or -pi/3 and pi, so
# every |EE_2| = a |sin^2(pi/3) - 0| / delta = 7 (3/4) / (2/3).
ISHIGAMI_MORRIS4_X2 = ISHIGAMI_A * 0.75 / (2.0 / 3.0)   # 7.875


# ---------------------------------------------------------------- models and designs

def ishigami(x):
    """y = sin x1 + a sin^2 x2 + b x3^4 sin x1, x in [-pi, pi]^3; x is [R, 3]."""
    return (np.sin(x[:, 0]) + ISHIGAMI_A * np.sin(x[:, 1]) ** 2
            + ISHIGAMI_B * x[:, 2] ** 4 * np.sin(x[:, 0]))


# Joe & Kuo (2008) direction numbers (new-joe-kuo-6.21201) for dimensions 2..8:
# (s, a, m_1 .. m_s). Checked against scipy.stats.qmc.Sobol(d, scramble=False).
JOE_KUO = [(1, 0, (1,)), (2, 1, (1, 3)), (3, 1, (1, 3, 1)), (3, 2, (1, 1, 1)),
           (4, 1, (1, 1, 3, 3)), (4, 4, (1, 3, 5, 13)), (5, 2, (1, 1, 5, 5, 17))]
SOBOL_BITS = 30


def sobol_directions(dim):
    """Direction numbers [dim, SOBOL_BITS] as integers scaled by 2^SOBOL_BITS."""
    v = np.zeros((dim, SOBOL_BITS), dtype=np.int64)
    v[0] = 1 << (SOBOL_BITS - 1 - np.arange(SOBOL_BITS))
    for d in range(1, dim):
        s, a, m = JOE_KUO[d - 1]
        for k in range(SOBOL_BITS):
            if k < s:
                v[d, k] = m[k] << (SOBOL_BITS - 1 - k)
                continue
            x = v[d, k - s] ^ (v[d, k - s] >> s)
            for j in range(1, s):
                if (a >> (s - 1 - j)) & 1:
                    x ^= v[d, k - j]
            v[d, k] = x
    return v


def sobol_sequence(n, dim, rng):
    """The first n points of the Sobol' sequence in [0, 1)^dim (dim <= 8), with a random
    digital shift (XOR of each coordinate with a random 30-bit number from rng)."""
    v = sobol_directions(dim)
    i = np.arange(n, dtype=np.int64)
    gray = i ^ (i >> 1)
    x = np.zeros((n, dim), dtype=np.int64)
    for bit in range(SOBOL_BITS):
        x ^= np.where(((gray >> bit) & 1)[:, None] == 1, v[:, bit][None, :], 0)
    x ^= rng.integers(0, 1 << SOBOL_BITS, size=dim)
    return x / float(1 << SOBOL_BITS)


def saltelli_points(n_base, n_params, rng, quasi=True, order="A,B,AB"):
    """Saltelli design in unit space [N*(P+2), P]: per base point A_j, B_j, A_B^(1..P)_j
    (order "A,B,AB", the file contract) or A_j, A_B^(1..P)_j, B_j ("A,AB,B", sim/sweep/design.c).

    A and B are the two halves of a 2P-dimensional Sobol' sequence (as protsim does with
    GSL's), or independent uniform samples when quasi is False."""
    if quasi:
        ab = sobol_sequence(n_base, 2 * n_params, rng)
    else:
        ab = rng.random((n_base, 2 * n_params))
    a, b = ab[:, :n_params], ab[:, n_params:]
    pts = np.repeat(a[:, None, :], n_params + 2, axis=1)
    pts[:, 1] = b
    for i in range(n_params):
        pts[:, 2 + i, i] = b[:, i]
    if order == "A,AB,B":
        pts = pts[:, [0, *range(2, n_params + 2), 1]]
    return pts.reshape(-1, n_params)


def morris_points(n_traj, n_params, levels, rng):
    """Morris trajectories in unit space [r*(P+1), P] on a `levels` grid.

    Each trajectory starts on the grid and moves one parameter at a time, in random
    order, by +-delta with delta = levels / (2 (levels - 1))."""
    delta = levels / (2.0 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    low = grid[grid <= 1 - delta + 1e-12]
    out = []
    for _ in range(n_traj):
        sign = rng.choice([-1.0, 1.0], size=n_params)
        x = rng.choice(low, size=n_params) + np.where(sign < 0, delta, 0.0)
        out.append(x.copy())
        for i in rng.permutation(n_params):
            x[i] += sign[i] * delta
            out.append(x.copy())
    return np.array(out)


def lhs_points(n, n_params, rng):
    """Latin hypercube of n points in unit space [n, P]."""
    cols = [(rng.permutation(n) + rng.random(n)) / n for _ in range(n_params)]
    return np.column_stack(cols)


# ---------------------------------------------------------------- sweep files

def write_sweep(path, design, unit_points, lower, upper, model, replicates=1,
                noise_sd=0.0, names=None, metric_names=("y",), units=("1",),
                attrs=None, seed=1):
    """Write a sweep file in the contract layout; returns the values [R, M] written.

    Rows are (point, replicate) in order; x = lower + u (upper - lower); model(x) gives
    [R] or [R, M]; Gaussian noise of sd noise_sd is added per run."""
    n_points, n_params = unit_points.shape
    point = np.repeat(np.arange(n_points), replicates)
    replicate = np.tile(np.arange(replicates), n_points)
    unit = unit_points[point]
    lower, upper = np.asarray(lower, float), np.asarray(upper, float)
    x = lower + unit * (upper - lower)
    rng = np.random.default_rng(seed)
    values = np.asarray(model(x), dtype=float).reshape(len(point), -1)
    values = values + noise_sd * rng.standard_normal(values.shape)
    names = names or [f"x{i + 1}" for i in range(n_params)]
    text = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as f:
        f["sweep/design"] = x
        f["sweep/unit_design"] = unit
        f.create_dataset("sweep/param_names", data=names, dtype=text)
        f["sweep/seed"] = (seed * 1000003 + np.arange(len(point))).astype(np.uint64)
        f["sweep/point"] = point.astype(np.int64)
        f["sweep/replicate"] = replicate.astype(np.int64)
        f["sweep/status"] = np.zeros(len(point), dtype=np.int32)
        f["summary/values"] = values
        f.create_dataset("summary/metric_names", data=list(metric_names), dtype=text)
        f.create_dataset("summary/units", data=list(units), dtype=text)
        f.attrs.update({"design": design, "n_points": n_points, "replicates": replicates,
                        "sweep_seed": seed, **(attrs or {})})
    return values


def ishigami_expected(noise_sd=0.0, replicates=1):
    """Indices (S1, ST) of the mean of `replicates` runs of Ishigami + noise, and the
    noise share: noise adds sigma^2/n to V and to each Jansen numerator (Sobol) and
    sigma^2 to the variance of single runs."""
    floor = noise_sd ** 2 / replicates
    v = ISHIGAMI_VAR + floor
    share = noise_sd ** 2 / (ISHIGAMI_VAR + noise_sd ** 2)
    return ISHIGAMI_S1 * ISHIGAMI_VAR / v, (ISHIGAMI_ST * ISHIGAMI_VAR + floor) / v, share


def ishigami_sobol_file(path, n_base, seed, replicates=1, noise_sd=0.0):
    """An Ishigami sweep file with a random Saltelli design of n_base base points."""
    pts = saltelli_points(n_base, 3, np.random.default_rng(seed))
    write_sweep(path, "sobol", pts, [-PI] * 3, [PI] * 3, ishigami, replicates=replicates,
                noise_sd=noise_sd, attrs={"n_base": n_base}, seed=seed)


def mark_runs(path, rows, status):
    """Give runs `rows` of a sweep file the status (1 failed, 2 missing) and NaN values."""
    with h5py.File(path, "r+") as f:
        st = f["sweep/status"][()]
        st[rows] = status
        f["sweep/status"][...] = st
        v = f["summary/values"][()]
        v[rows] = np.nan
        f["summary/values"][...] = v


def run_cli(*args):
    """Run sensitivity.py with args: (exit status, stdout, stderr)."""
    p = subprocess.run([PY, SCRIPT, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------- checks

def check_within(name, est, ci, truth, tol):
    """Assert truth lies in each CI and |est - truth| <= tol, with a readable message."""
    for i, (e, (lo, hi), t) in enumerate(zip(est, ci, truth)):
        assert lo <= t <= hi, \
            f"{name}[{i}] = {e:.4f}: analytic {t} outside [{lo:.4f}, {hi:.4f}]"
        assert abs(e - t) <= tol, f"{name}[{i}] = {e:.4f}: more than {tol} from analytic {t}"


def check_ishigami_result(r, s1=ISHIGAMI_S1, st=ISHIGAMI_ST, tol=ISHIGAMI_TOL):
    """Assert one metric result of an Ishigami sweep matches the analytic indices."""
    assert "error" not in r, r.get("error")
    check_within("S1", r["S1"], r["S1_ci"], s1, tol)
    check_within("ST", r["ST"], r["ST_ci"], st, tol)


def ishigami_table(r, s1=ISHIGAMI_S1, st=ISHIGAMI_ST):
    """Estimates with CIs against the analytic values, as lines (for the record)."""
    lines = []
    for i in range(3):
        lines.append(f"    x{i + 1}: S1 {r['S1'][i]:.4f} [{r['S1_ci'][i][0]:.4f}, "
                     f"{r['S1_ci'][i][1]:.4f}] (analytic {s1[i]:.4f})   "
                     f"ST {r['ST'][i]:.4f} [{r['ST_ci'][i][0]:.4f}, {r['ST_ci'][i][1]:.4f}]"
                     f" (analytic {st[i]:.4f})")
    return lines


# ---------------------------------------------------------------- tests

def test_ishigami_sobol_indices(tmp):
    """N = 4096 Sobol' base points: analytic S1 and ST inside the 95% bootstrap CIs."""
    path = os.path.join(tmp, "ishigami.h5")
    ishigami_sobol_file(path, 4096, seed=11)
    sw, (r,) = sa.analyse(path, n_boot=1000, seed=5)
    assert r["n_base_used"] == 4096 and r["noise"] is None
    check_ishigami_result(r)
    return ishigami_table(r)


def test_ishigami_with_a_large_mean(tmp):
    """Ishigami + 10^6 (mean 10^6 + 3.5, variance 13.8) on the same N = 4096 design: the
    centred estimators give the analytic indices inside their intervals, the indices of
    the unshifted function to 1e-6, and no interval wider than 0.1."""
    path = os.path.join(tmp, "ishigami_1e6.h5")
    pts = saltelli_points(4096, 3, np.random.default_rng(11))
    write_sweep(path, "sobol", pts, [-PI] * 3, [PI] * 3, lambda x: ishigami(x) + 1e6,
                attrs={"n_base": 4096}, seed=11)
    sw, (r,) = sa.analyse(path, n_boot=1000, seed=5)
    check_ishigami_result(r)
    plain = os.path.join(tmp, "ishigami.h5")
    ishigami_sobol_file(plain, 4096, seed=11)
    _, (p,) = sa.analyse(plain, n_boot=1000, seed=5)
    for key in ("S1", "ST", "S1_ci", "ST_ci"):
        assert np.allclose(r[key], p[key], rtol=0, atol=1e-6), key
    widths = np.concatenate([r["S1_ci"][:, 1] - r["S1_ci"][:, 0],
                             r["ST_ci"][:, 1] - r["ST_ci"][:, 0]])
    assert np.all(widths < 0.1), widths
    return ishigami_table(r)


def test_bootstrap_intervals_cover_the_truth(tmp):
    """Over 40 independent small designs (N = 512), the 95% CIs hold the truth ~95% of
    the time: between 88% and 100% of the 240 intervals (a binomial 99.9% range). The
    base points are independent uniform draws here, as the bootstrap assumes."""
    hits, total = 0, 0
    for k in range(40):
        pts = saltelli_points(512, 3, np.random.default_rng(1000 + k), quasi=False)
        y = ishigami(-PI + 2 * PI * pts).reshape(512, 5)
        b1, bt = sa.bootstrap_sobol(y[:, 0], y[:, 1], y[:, 2:], 300,
                                    np.random.default_rng(k))
        for boot, truth in ((b1, ISHIGAMI_S1), (bt, ISHIGAMI_ST)):
            ci = sa.percentile_ci(boot)
            hits += int(np.sum((ci[:, 0] <= truth) & (truth <= ci[:, 1])))
            total += 3
    assert 0.88 <= hits / total <= 1.0, f"coverage {hits}/{total}"
    return [f"    coverage of 95% CIs: {hits}/{total} = {hits / total:.3f}"]


def test_sobol_with_failed_and_missing_runs(tmp):
    """Failed and missing runs drop their base points (exactly those); the rest still
    gives the truth."""
    path = os.path.join(tmp, "holes.h5")
    ishigami_sobol_file(path, 4096, seed=12)
    rows = np.random.default_rng(3).choice(4096 * 5, size=60, replace=False)
    mark_runs(path, rows[:50], 1)
    mark_runs(path, rows[50:], 2)
    dropped = len(set((rows // 5).tolist()))
    sw, (r,) = sa.analyse(path, n_boot=500, seed=5)
    assert r["runs_excluded"] == 60
    assert r["n_base_used"] == 4096 - dropped, (r["n_base_used"], dropped)
    y = sw.values[:, 0].reshape(4096, 5)
    y = np.delete(y, np.unique(rows // 5), axis=0)
    s1, st = sa.sobol_indices(y[:, 0], y[:, 1], y[:, 2:])
    assert np.allclose(s1, r["S1"], rtol=1e-12) and np.allclose(st, r["ST"], rtol=1e-12)
    check_ishigami_result(r)
    warning = sa.excluded_warning(sw, r)
    want = (f"sensitivity: warning: y: 60 of 20480 runs excluded (50 failed, 10 missing); "
            f"{dropped} of 4096 base points dropped")
    assert warning == want, warning


def test_sobol_replicates_are_averaged(tmp):
    """Ishigami plus noise (sd 2) with 4 replicates: noise share 4 / (V + 4); the indices
    are those of the replicate mean, whose variance is V + 4/4 (docs/sensitivity.md)."""
    path = os.path.join(tmp, "noisy.h5")
    sd, reps = 2.0, 4
    ishigami_sobol_file(path, 4096, seed=13, replicates=reps, noise_sd=sd)
    sw, (r,) = sa.analyse(path, n_boot=500, seed=5)
    s1, st, share = ishigami_expected(sd, reps)
    check_ishigami_result(r, s1, st)
    assert abs(r["noise"]["share"] - share) < 0.01, (r["noise"], share)
    assert abs(r["noise"]["within_variance"] - sd ** 2) < 0.1, r["noise"]


def test_morris_linear_function(tmp):
    """y = 2 x1 - 5 x2 + 0 x3 + 0.5 x4: EE per full range = c_i (hi - lo), sigma 0."""
    coef = np.array([2.0, -5.0, 0.0, 0.5])
    lower, upper = np.array([0.0, -1.0, 0.0, 100.0]), np.array([10.0, 1.0, 1.0, 200.0])
    pts = morris_points(20, 4, 4, np.random.default_rng(21))
    path = os.path.join(tmp, "morris.h5")
    write_sweep(path, "morris", pts, lower, upper, lambda x: x @ coef,
                attrs={"levels": 4, "trajectories": 20})
    sw, (r,) = sa.analyse(path, n_boot=200)
    ee = coef * (upper - lower)                                  # 20, -10, 0, 50
    assert np.allclose(r["mu_star"], np.abs(ee), atol=1e-9), r["mu_star"]
    assert np.allclose(r["mu"], ee, atol=1e-9), r["mu"]
    assert np.allclose(r["sigma"], 0.0, atol=1e-9), r["sigma"]
    assert np.allclose(r["mu_star_ci"], np.abs(ee)[:, None], atol=1e-9)


def test_morris_interaction_has_spread(tmp):
    """y = u1 u2 + u3 (unit cube): x3 has mu* 1, sigma 0; x1 and x2 have sigma > 0 and
    mu* = mean of the other factor, 1/2 over the grid (2000 trajectories: SE 0.008)."""
    pts = morris_points(2000, 3, 4, np.random.default_rng(22))
    path = os.path.join(tmp, "morris2.h5")
    write_sweep(path, "morris", pts, [0] * 3, [1] * 3,
                lambda x: x[:, 0] * x[:, 1] + x[:, 2],
                attrs={"levels": 4, "trajectories": 2000})
    sw, (r,) = sa.analyse(path, n_boot=200)
    assert abs(r["mu_star"][2] - 1) < 1e-9 and r["sigma"][2] < 1e-9, r
    assert np.all(r["sigma"][:2] > 0.2), r["sigma"]
    for i in range(2):
        lo, hi = r["mu_star_ci"][i]
        assert lo < r["mu_star"][i] < hi and abs(r["mu_star"][i] - 0.5) < 0.03, (i, r)


def test_noise_share_known_variance(tmp):
    """LHS, y = 3 u1 + u2 + N(0, 0.5^2), 400 points x 5 replicates: the share is
    0.25 / (10/12 + 0.25) = 0.2308 (within 0.03)."""
    pts = lhs_points(400, 2, np.random.default_rng(31))
    path = os.path.join(tmp, "lhs.h5")
    write_sweep(path, "lhs", pts, [0, 0], [1, 1], lambda x: 3 * x[:, 0] + x[:, 1],
                replicates=5, noise_sd=0.5, seed=32)
    sw, (r,) = sa.analyse(path)
    want = 0.25 / (10 / 12 + 0.25)
    assert r["method"] == "none"
    assert abs(r["noise"]["share"] - want) < 0.03, (r["noise"], want)
    return [f"    noise share {r['noise']['share']:.4f} (analytic {want:.4f})"]


def test_either_saltelli_order(tmp):
    """The same design written as A, B, A_B and as A, A_B, B (protsim's order) gives the
    same indices and intervals (to rounding); a sobol file in neither order is refused."""
    results = {}
    for order in sa.SALTELLI_ORDERS:
        path = os.path.join(tmp, f"order_{order.replace(',', '')}.h5")
        pts = saltelli_points(512, 3, np.random.default_rng(51), order=order)
        write_sweep(path, "sobol", pts, [-PI] * 3, [PI] * 3, ishigami,
                    attrs={"n_base": 512})
        sw, (r,) = sa.analyse(path, n_boot=100)
        assert sw.saltelli_order == r["saltelli_order"] == order, (order, r["saltelli_order"])
        results[order] = r
    a, b = (results[o] for o in sa.SALTELLI_ORDERS)
    for key in ("S1", "ST", "S1_ci", "ST_ci"):
        assert np.allclose(a[key], b[key], rtol=1e-12, atol=1e-15), key  # sums may round apart
    path = os.path.join(tmp, "shuffled.h5")
    pts = saltelli_points(16, 3, np.random.default_rng(52)).reshape(16, 5, 3)
    write_sweep(path, "sobol", pts[:, [1, 0, 2, 3, 4]].reshape(-1, 3), [0] * 3, [1] * 3,
                lambda x: x[:, 0], attrs={"n_base": 16})
    code, out, err = run_cli(path)
    assert code == 2 and "rows of base points follow neither A, B, A_B^(1..P) nor" in err, err


def test_command_line(tmp):
    """Table, JSON and plot; a second metric 2y + 1 has the same indices; --metric
    selection does not change a metric's bootstrap interval; bad usage exits 2."""
    path = os.path.join(tmp, "cli.h5")
    pts = saltelli_points(1024, 3, np.random.default_rng(41))
    write_sweep(path, "sobol", pts, [-PI] * 3, [PI] * 3,
                lambda x: np.column_stack([ishigami(x), 2 * ishigami(x) + 1]),
                replicates=2, noise_sd=0.3, metric_names=("y", "y2"), units=("1", "m"),
                attrs={"n_base": 1024})
    out_json, out_png = os.path.join(tmp, "r.json"), os.path.join(tmp, "r.png")
    code, out, err = run_cli(path, "--bootstrap", "200", "--json", out_json, "--plot", out_png)
    assert code == 0, err
    assert "sobol design, 3 parameters, 1024 base points, 5120 points x 2 replicates" \
        in out, out
    assert "y2 [m]: Sobol indices from 1024 of 1024 base points, 95% bootstrap CI" in out, out
    assert "noise share:" in out and err == "", (out, err)
    doc = json.load(open(out_json))
    y, y2 = doc["metrics"]
    assert doc["design"] == "sobol" and doc["parameters"] == ["x1", "x2", "x3"]
    for key in ("S1", "ST"):
        assert np.allclose(y[key], y2[key], atol=0.05), (key, y[key], y2[key])
    assert open(out_png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    code, out, err = run_cli(path, "--bootstrap", "200", "--metric", "y2", "--json", out_json)
    assert code == 0, err
    alone = json.load(open(out_json))["metrics"][0]
    for key in ("S1", "ST", "S1_ci", "ST_ci"):   # same resamples: equal up to rounding
        assert np.allclose(alone[key], y2[key], rtol=1e-12, atol=1e-15), key
    code, out, err = run_cli(path, "--metric", "nope")
    assert code == 2 and err.startswith("sensitivity: --metric nope: no such metric"), err
    code, out, err = run_cli(os.path.join(tmp, "absent.h5"))
    assert code == 2, err
    assert err.strip().endswith("absent.h5: cannot open: No such file or directory"), err
    code, out, err = run_cli(path, "--bootstrap", "0")
    assert code == 2 and "--bootstrap 0: expected a whole number >= 1" in err, err


def test_inconsistent_files_are_refused(tmp):
    """A sobol file whose n_points is not n_base (P + 2), or a Morris step that moves two
    parameters, is refused with one line."""
    path = os.path.join(tmp, "bad.h5")
    write_sweep(path, "sobol", saltelli_points(10, 3, np.random.default_rng(1)),
                [0] * 3, [1] * 3, lambda x: x[:, 0], attrs={"n_base": 11})
    code, out, err = run_cli(path)
    assert code == 2 and "n_points = 50 is not n_base (11) x (P + 2) with P = 3" in err, err
    pts = morris_points(3, 2, 4, np.random.default_rng(2))
    pts[4] = pts[3] + 1 / 3 * np.array([1.0, 1.0])      # trajectory 1 first step moves both
    write_sweep(path, "morris", pts, [0, 0], [1, 1], lambda x: x[:, 0],
                attrs={"levels": 4, "trajectories": 3})
    code, out, err = run_cli(path)
    assert code == 2, err
    assert "morris trajectory 1: points 3 and 4 differ in 2 parameters" in err, err


def test_all_runs_failed_is_an_error(tmp):
    """A metric with no usable base point is reported and the exit status is 1."""
    path = os.path.join(tmp, "dead.h5")
    ishigami_sobol_file(path, 8, seed=3)
    mark_runs(path, np.arange(0, 40, 5), 1)               # one run in every base point
    code, out, err = run_cli(path)
    assert code == 1, (code, out, err)
    assert "y [1]: sobol: cannot analyse: fewer than 2 usable base points" in out, out


TESTS = [test_ishigami_sobol_indices, test_ishigami_with_a_large_mean,
         test_bootstrap_intervals_cover_the_truth,
         test_sobol_with_failed_and_missing_runs, test_sobol_replicates_are_averaged,
         test_morris_linear_function, test_morris_interaction_has_spread,
         test_noise_share_known_variance, test_either_saltelli_order, test_command_line,
         test_inconsistent_files_are_refused, test_all_runs_failed_is_an_error]


# ---------------------------------------------------------------- running

def check_engine_sobol(r, noise_sd, replicates):
    """Assert a Sobol result of protsim's Ishigami model; returns lines for the record."""
    s1, st, _ = ishigami_expected(noise_sd, replicates)
    lines = ishigami_table(r, s1, st)
    print("\n".join(lines))
    check_ishigami_result(r, s1, st, tol=ENGINE_TOL)
    return ["ishigami ok: analytic indices inside the bootstrap CIs"]


def check_engine_morris(r, levels):
    """Assert a Morris result of protsim's Ishigami model (4 levels): x2's |EE| are all
    7.875, so mu* is 7.875 with a zero-width interval."""
    assert levels == 4, f"levels = {levels}: this check knows 4 levels only"
    print(f"    mu* = {r['mu_star']}, sigma = {r['sigma']}")
    assert abs(r["mu_star"][1] - ISHIGAMI_MORRIS4_X2) < 1e-9, r["mu_star"]
    assert np.allclose(r["mu_star_ci"][1], ISHIGAMI_MORRIS4_X2, atol=1e-9), r["mu_star_ci"]
    assert np.all(r["sigma"] > 0), r["sigma"]
    return [f"ishigami morris ok: x2 mu* = {r['mu_star'][1]:.4f} "
            f"(analytic {ISHIGAMI_MORRIS4_X2})"]


def check_engine_file(path):
    """Check a sweep file protsim wrote for the Ishigami test model (sobol or morris,
    with or without noise); returns the exit status, 0 when it matches."""
    sw, (r,) = sa.analyse(path, ["y"])
    with h5py.File(path, "r") as f:
        noise_sd = float(f.attrs.get("noise", 0.0))
        levels = int(f.attrs.get("levels", 0))
    print(sa.describe_sweep(sw) + f", noise sd {noise_sd:g}")
    try:
        assert "error" not in r, r.get("error")
        if sw.design == "sobol":
            lines = check_engine_sobol(r, noise_sd, sw.replicates)
        elif sw.design == "morris":
            lines = check_engine_morris(r, levels)
        else:
            raise AssertionError(f"design {sw.design}: expected sobol or morris")
        if noise_sd > 0 and sw.replicates > 1:
            share = ishigami_expected(noise_sd, sw.replicates)[2]
            got = r["noise"]["share"]
            assert abs(got - share) < NOISE_TOL, f"noise share {got:.4f}, analytic {share:.4f}"
            lines.append(f"noise ok: share {got:.4f} (analytic {share:.4f})")
    except AssertionError as e:
        print(f"FAIL: {e}")
        return 1
    print("\n".join(lines))
    return 0


def main(argv):
    """Run every test (or check an engine file); exit status 0 when all passed."""
    if len(argv) == 2 and argv[0] == "--ishigami":
        return check_engine_file(argv[1])
    if argv:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for test in TESTS:
            try:
                notes = test(tmp) or []
                print(f"ok   {test.__name__}")
                for line in notes:
                    print(line)
            except Exception:  # noqa: BLE001 - report every failure, then go on
                failed += 1
                print(f"FAIL {test.__name__}\n{traceback.format_exc()}")
    print(f"{len(TESTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
