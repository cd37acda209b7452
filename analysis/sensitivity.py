#!/usr/bin/python3
"""sensitivity.py - global sensitivity indices from a protsim sweep file.

    /usr/bin/python3 analysis/sensitivity.py sweep.h5 [--metric NAME]... [--bootstrap B]
                     [--seed S] [--plot out.png] [--json out.json]

For each summary metric of the sweep (all of them, or those named with --metric):
- sobol designs: first-order S1 (Saltelli 2010) and total ST (Jansen 1999) indices with
  percentile bootstrap confidence intervals (base points resampled with replacement);
- morris designs: mu* (mean |elementary effect|), mu and sigma per parameter, with
  bootstrap intervals over trajectories; elementary effects are in unit space;
- every design with replicates > 1: the replicate-variance (noise) share.
Replicates are averaged per design point before any index is computed. Runs whose
status is not 0 (failed, missing) or whose value is not finite are left out with a
warning; a design point counts only if all its replicates are there, and a Sobol base
point only if all its P+2 points count. docs/sensitivity.md explains the estimators.

Needs Debian's python3-h5py, python3-numpy and python3-matplotlib (/usr/bin/python3).
Exit status: 0 success, 1 a metric could not be analysed, 2 bad usage or bad file.
"""
import argparse
import json
import math
import sys
import warnings
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from protsim_analysis import FileError, open_file

PROG = "sensitivity"
DEFAULT_BOOTSTRAP = 1000
DEFAULT_SEED = 20100101
CI_LEVEL = 0.95
STATUS_NAMES = {1: "failed", 2: "missing"}
BOOTSTRAP_BATCH_ELEMENTS = 1 << 21   # bootstrap values held at once (memory bound)
UNIT_STEP_EPS = 1e-9                 # unit-space change below this is "no change"
INDEX_RANGE = 1.0                    # S1 and ST lie in [0, 1]: an interval wider says little
# Orders of the P + 2 rows of a Saltelli base point that the analysis recognises (it
# reads which one a file uses from the design): the contract's, and sim/sweep/design.c's.
SALTELLI_ORDERS = ("A,B,AB", "A,AB,B")


class SweepError(Exception):
    """The file cannot be read as a sweep file, or an argument does not fit it."""


@dataclass
class Sweep:
    """The parts of a sweep file the analysis needs (rows of runs, R of them)."""
    path: str
    design: str                  # grid, lhs, sobol or morris
    param_names: List[str]       # [P]
    unit_design: np.ndarray      # [R, P], parameter values mapped to [0, 1]
    point: np.ndarray            # [R], design point of each run
    status: np.ndarray           # [R], 0 done, 1 failed, 2 missing
    values: np.ndarray           # [R, M], summary metrics
    metric_names: List[str]      # [M]
    units: List[str]             # [M]
    n_points: int
    replicates: int
    n_base: Optional[int]        # sobol only
    trajectories: Optional[int]  # morris only
    saltelli_order: Optional[str] = None  # sobol only: one of SALTELLI_ORDERS


# ---------------------------------------------------------------- reading

def read_sweep(path):
    """Read the sweep file at path into a Sweep; SweepError if it cannot be used."""
    try:
        with open_file(path) as rf:
            rf.require(("sweep",), "sensitivity.py", " (protsim sweep or protsim merge)")
            s = rf.sweep
    except FileError as e:
        raise SweepError(str(e)) from None
    sw = Sweep(path=path, design=s.design, param_names=s.param_names,
               unit_design=s.unit_design, point=s.point, status=s.status, values=s.values,
               metric_names=s.metric_names, units=s.units, n_points=s.n_points,
               replicates=s.replicates, n_base=s.n_base, trajectories=s.trajectories)
    if sw.values.ndim != 2 or sw.unit_design.ndim != 2:
        raise SweepError(f"{path}: /summary/values or /sweep/unit_design is not "
                         f"[runs, columns]")
    check_sweep(sw)
    return sw


def check_sweep(sw):
    """Raise SweepError if the shapes or the design attributes do not agree."""
    n_runs, n_params = len(sw.point), len(sw.param_names)
    where = sw.path
    if sw.unit_design.shape != (n_runs, n_params):
        raise SweepError(f"{where}: /sweep/unit_design is {sw.unit_design.shape}, "
                         f"expected ({n_runs}, {n_params})")
    if sw.values.shape[1] != len(sw.metric_names) or len(sw.status) != n_runs:
        raise SweepError(f"{where}: /summary/values, /sweep/status and the names disagree")
    if len(sw.units) != len(sw.metric_names):
        sw.units = [""] * len(sw.metric_names)
    if n_runs and (sw.point.min() < 0 or sw.point.max() >= sw.n_points):
        raise SweepError(f"{where}: /sweep/point outside [0, {sw.n_points})")
    if sw.design == "sobol":
        want = None if sw.n_base is None else int(sw.n_base) * (n_params + 2)
        if want != sw.n_points:
            raise SweepError(f"{where}: sobol design: n_points = {sw.n_points} is not "
                             f"n_base ({sw.n_base}) x (P + 2) with P = {n_params}")
        sw.saltelli_order = saltelli_order(point_coordinates(sw), int(sw.n_base), n_params)
    if sw.design == "morris":
        want = None if sw.trajectories is None else int(sw.trajectories) * (n_params + 1)
        if want != sw.n_points:
            raise SweepError(f"{where}: morris design: n_points = {sw.n_points} is not "
                             f"trajectories ({sw.trajectories}) x (P + 1) with P = {n_params}")


def select_metrics(sw, names):
    """Indices of the named metrics (all when names is empty); SweepError if unknown."""
    if not names:
        return list(range(len(sw.metric_names)))
    out = []
    for name in names:
        if name not in sw.metric_names:
            raise SweepError(f"--metric {name}: no such metric in {sw.path} "
                             f"(it has: {', '.join(sw.metric_names)})")
        out.append(sw.metric_names.index(name))
    return out


# ---------------------------------------------------------------- per-point data

def usable_runs(sw, m):
    """Mask [R] of runs that finished (status 0) with a finite value of metric m."""
    return (sw.status == 0) & np.isfinite(sw.values[:, m])


def point_means(point, y, ok, n_points, replicates):
    """Mean over replicates per design point [n_points]: NaN unless all are usable.

    Requiring every replicate keeps the noise in each point mean the same size."""
    n_ok = np.bincount(point[ok], minlength=n_points)
    sums = np.bincount(point[ok], weights=y[ok], minlength=n_points)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / n_ok
    means[n_ok != replicates] = np.nan
    return means


def point_coordinates(sw):
    """Unit-space coordinates of each design point [n_points, P] (NaN if no row)."""
    coords = np.full((sw.n_points, len(sw.param_names)), np.nan)
    coords[sw.point] = sw.unit_design
    return coords


def noise_share(point, y, ok, n_points):
    """Replicate-variance share of the usable runs, as a dict (None with < 2 replicates).

    within: pooled variance across replicates of the same point (ddof 1 per point);
    total: variance of all usable runs (ddof 1); share = within / total."""
    p, v = point[ok], y[ok]
    n = np.bincount(p, minlength=n_points)
    if not np.any(n >= 2) or len(v) < 2:
        return None
    means = np.bincount(p, weights=v, minlength=n_points) / np.maximum(n, 1)
    ss = np.bincount(p, weights=(v - means[p]) ** 2, minlength=n_points)
    dof = np.sum(np.maximum(n - 1, 0))
    within = float(ss.sum() / dof)
    total = float(np.var(v, ddof=1))
    share = within / total if total > 0 else float("nan")
    return {"within_variance": within, "total_variance": total, "share": share,
            "points": int(np.sum(n >= 2))}


# ---------------------------------------------------------------- Sobol

def saltelli_rows(order, n_params):
    """Offsets of A, B and A_B^(1..P) [P] within a base point's P + 2 rows."""
    if order == "A,B,AB":
        return 0, 1, np.arange(2, n_params + 2)
    return 0, n_params + 1, np.arange(1, n_params + 1)


def saltelli_order(coords, n_base, n_params):
    """Which of SALTELLI_ORDERS the design's coordinates [N*(P+2), P] follow.

    A_B^(i) must equal A except in column i, taken from B; points without coordinates
    (NaN) agree with anything. SweepError if no order fits."""
    blocks = coords.reshape(n_base, n_params + 2, n_params)
    cols = np.arange(n_params)
    for order in SALTELLI_ORDERS:
        ia, ib, iab = saltelli_rows(order, n_params)
        want = np.repeat(blocks[:, ia, None, :], n_params, axis=1)   # [N, P, P]
        want[:, cols, cols] = blocks[:, ib, :]
        got = blocks[:, iab, :]
        fits = np.isclose(got, want, rtol=0, atol=1e-12) | np.isnan(got) | np.isnan(want)
        if np.all(fits):
            return order
    raise SweepError("sobol design: the rows of base points follow neither "
                     "A, B, A_B^(1..P) nor A, A_B^(1..P), B")


def saltelli_blocks(means, n_base, n_params, order="A,B,AB"):
    """Split point means in Saltelli order into f_A [N'], f_B [N'], f_AB [N', P].

    Base point j owns points j*(P+2) + k, k = 0 .. P+1, in the given order. Base points
    with any NaN are dropped; N' is the number kept. Also returns the mask [N]."""
    table = means.reshape(n_base, n_params + 2)
    keep = np.all(np.isfinite(table), axis=1)
    table = table[keep]
    ia, ib, iab = saltelli_rows(order, n_params)
    return table[:, ia], table[:, ib], table[:, iab], keep


def sobol_indices(f_a, f_b, f_ab):
    """First-order and total indices, each [..., P], from f_A, f_B [..., N], f_AB [..., N, P].

    The outputs are first centred on the mean of f_A and f_B (of each batch, so that a
    bootstrap resample is centred on its own mean). V = variance of f_A and f_B
    together; S1_i = mean(f_B (f_ABi - f_A)) / V (Saltelli 2010); ST_i = mean((f_A -
    f_ABi)^2) / 2 / V (Jansen 1999). Leading axes are batches. Centring leaves the
    expected value of S1 as it is but removes the term mean(f_ABi - f_A) x E[f], whose
    sampling error grows with the mean of the output: without it an output of mean
    10^6 and variance 14 has S1 intervals thousands wide."""
    centre = np.mean(np.concatenate([f_a, f_b], axis=-1), axis=-1, keepdims=True)
    f_a, f_b, f_ab = f_a - centre, f_b - centre, f_ab - centre[..., None]
    var = np.mean(np.concatenate([f_a, f_b], axis=-1) ** 2, axis=-1)[..., None]
    diff = f_ab - f_a[..., None]
    with np.errstate(invalid="ignore", divide="ignore"):
        s1 = np.mean(f_b[..., None] * diff, axis=-2) / var
        st = 0.5 * np.mean(diff ** 2, axis=-2) / var
    return s1, st


def bootstrap_batches(rng, n, n_boot, row_elements):
    """Yield index arrays [b, n] (resampling 0..n-1 with replacement), n_boot rows in all."""
    batch = max(1, BOOTSTRAP_BATCH_ELEMENTS // max(1, n * row_elements))
    done = 0
    while done < n_boot:
        b = min(batch, n_boot - done)
        yield rng.integers(0, n, size=(b, n))
        done += b


def bootstrap_sobol(f_a, f_b, f_ab, n_boot, rng):
    """Bootstrap replicates of (S1, ST), each [n_boot, P], resampling base points."""
    n, n_params = f_ab.shape
    s1_all, st_all = [], []
    for idx in bootstrap_batches(rng, n, n_boot, n_params + 2):
        s1, st = sobol_indices(f_a[idx], f_b[idx], f_ab[idx])
        s1_all.append(s1)
        st_all.append(st)
    return np.concatenate(s1_all), np.concatenate(st_all)


def percentile_ci(samples, level=CI_LEVEL):
    """Percentile interval [P, 2] from bootstrap samples [n_boot, P] (NaNs ignored)."""
    tail = 100.0 * (1.0 - level) / 2.0
    with np.errstate(invalid="ignore"):
        return np.nanpercentile(samples, [tail, 100.0 - tail], axis=0).T


def analyse_sobol(sw, means, n_boot, rng):
    """Sobol indices with bootstrap intervals from point means; dict for one metric."""
    n_params, n_base = len(sw.param_names), int(sw.n_base)
    f_a, f_b, f_ab, keep = saltelli_blocks(means, n_base, n_params, sw.saltelli_order)
    out = {"method": "sobol", "n_base": n_base, "n_base_used": int(keep.sum()),
           "saltelli_order": sw.saltelli_order}
    if keep.sum() < 2:
        out["error"] = "fewer than 2 usable base points"
        return out
    if np.var(np.concatenate([f_a, f_b])) == 0:
        out["error"] = "the metric does not vary over the base points"
        return out
    s1, st = sobol_indices(f_a, f_b, f_ab)
    s1_boot, st_boot = bootstrap_sobol(f_a, f_b, f_ab, n_boot, rng)
    out.update(S1=s1, S1_ci=percentile_ci(s1_boot), ST=st, ST_ci=percentile_ci(st_boot),
               variance=float(np.var(np.concatenate([f_a, f_b]))))
    return out


# ---------------------------------------------------------------- Morris

def elementary_effects(means, coords, n_traj, n_params):
    """Elementary effects [r, P] in unit space: (y_{k+1} - y_k) / (u_{k+1,i} - u_{k,i}).

    Trajectory t owns points t*(P+1) .. t*(P+1)+P; consecutive points differ in one
    parameter. NaN where either point has no usable mean. SweepError on a bad step."""
    ee = np.full((n_traj, n_params), np.nan)
    first = np.arange(n_traj) * (n_params + 1)
    for k in range(n_params):
        a, b = first + k, first + k + 1
        step = coords[b] - coords[a]
        moved = np.abs(step) > UNIT_STEP_EPS
        known = np.all(np.isfinite(step), axis=1)
        bad = known & (moved.sum(axis=1) != 1)
        if np.any(bad):
            t = int(np.flatnonzero(bad)[0])
            raise SweepError(f"morris trajectory {t}: points {a[t]} and {b[t]} differ in "
                             f"{int(moved[t].sum())} parameters, expected 1")
        rows = np.flatnonzero(known)
        cols = np.argmax(moved[rows], axis=1)
        ee[rows, cols] = (means[b[rows]] - means[a[rows]]) / step[rows, cols]
    return ee


def morris_statistics(ee):
    """mu* (mean |EE|), mu (mean EE) and sigma (std of EE, ddof 1), each [..., P].

    ee is [..., r, P]; NaN effects are ignored."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)  # all-NaN columns
        mu_star = np.nanmean(np.abs(ee), axis=-2)
        mu = np.nanmean(ee, axis=-2)
        sigma = np.nanstd(ee, axis=-2, ddof=1)
    return mu_star, mu, sigma


def analyse_morris(sw, means, n_boot, rng):
    """Morris mu*, mu, sigma, with bootstrap intervals over trajectories, for one metric."""
    n_params, n_traj = len(sw.param_names), int(sw.trajectories)
    ee = elementary_effects(means, point_coordinates(sw), n_traj, n_params)
    used = np.sum(np.isfinite(ee), axis=0)
    out = {"method": "morris", "trajectories": n_traj, "effects_used": used}
    if np.all(used == 0):
        out["error"] = "no usable elementary effects"
        return out
    mu_star, mu, sigma = morris_statistics(ee)
    star_boot, sigma_boot = [], []
    for idx in bootstrap_batches(rng, n_traj, n_boot, n_params):
        s, _, sd = morris_statistics(ee[idx])
        star_boot.append(s)
        sigma_boot.append(sd)
    out.update(mu_star=mu_star, mu=mu, sigma=sigma,
               mu_star_ci=percentile_ci(np.concatenate(star_boot)),
               sigma_ci=percentile_ci(np.concatenate(sigma_boot)))
    return out


# ---------------------------------------------------------------- one metric

def analyse_metric(sw, m, n_boot, seed):
    """Everything for metric m: indices (by design), noise share, counts of runs left out.

    The bootstrap stream depends on (seed, m) only, so selecting metrics does not
    change any metric's intervals."""
    y = sw.values[:, m]
    ok = usable_runs(sw, m)
    means = point_means(sw.point, y, ok, sw.n_points, sw.replicates)
    rng = np.random.default_rng([seed, m])
    result = {"metric": sw.metric_names[m], "units": sw.units[m],
              "runs": int(len(y)), "runs_excluded": int(np.sum(~ok)),
              "points_incomplete": int(np.sum(~np.isfinite(means)))}
    if sw.design == "sobol":
        result.update(analyse_sobol(sw, means, n_boot, rng))
        result["wide_intervals"] = wide_intervals(sw, result)
    elif sw.design == "morris":
        result.update(analyse_morris(sw, means, n_boot, rng))
    else:
        result["method"] = "none"
    result["noise"] = noise_share(sw.point, y, ok, sw.n_points)
    return result


def wide_intervals(sw, result):
    """(index, parameter, width) of every Sobol interval wider than the index's range."""
    out = []
    for key in ("S1", "ST"):
        ci = result.get(f"{key}_ci")
        if ci is None:
            continue
        for name, (lo, hi) in zip(sw.param_names, ci):
            if np.isfinite(lo) and np.isfinite(hi) and hi - lo > INDEX_RANGE:
                out.append((key, name, float(hi - lo)))
    return out


def wide_warning(sw, result):
    """One warning line when a Sobol interval is wider than [0, 1], or None."""
    wide = result.get("wide_intervals") or wide_intervals(sw, result)
    if not wide:
        return None
    items = ", ".join(f"{key} of {name} {width:.2f}" for key, name, width in wide)
    return (f"{PROG}: warning: {result['metric']}: {len(wide)} interval"
            f"{'s' if len(wide) > 1 else ''} wider than the index's range [0, 1] ({items}): "
            f"too few base points, or mostly noise; these indices say little")


def excluded_warning(sw, result):
    """One warning line about runs left out of a metric, or None if none were."""
    if result["runs_excluded"] == 0 and result["points_incomplete"] == 0:
        return None
    m = sw.metric_names.index(result["metric"])
    bad = sw.status != 0
    kinds = [f"{int(np.sum(sw.status == s))} {STATUS_NAMES.get(s, f'status {s}')}"
             for s in sorted(set(sw.status[bad].tolist()))]
    nonfinite = int(np.sum(~bad & ~np.isfinite(sw.values[:, m])))
    if nonfinite:
        kinds.append(f"{nonfinite} not finite")
    why = f" ({', '.join(kinds)})" if kinds else ""
    text = (f"{PROG}: warning: {result['metric']}: {result['runs_excluded']} of "
            f"{result['runs']} runs excluded{why}")
    if "n_base_used" in result:
        dropped = result["n_base"] - result["n_base_used"]
        text += f"; {dropped} of {result['n_base']} base points dropped"
    elif result["points_incomplete"]:
        text += f"; {result['points_incomplete']} of {sw.n_points} points incomplete"
    return text


# ---------------------------------------------------------------- output

def _fmt(x, width=7):
    """A number with 4 decimals, or n/a for NaN."""
    return f"{x:{width}.4f}" if np.isfinite(x) else f"{'n/a':>{width}}"


def _fmt_ci(ci):
    """[lo, hi] formatted to line up in a table."""
    return f"[{_fmt(ci[0])}, {_fmt(ci[1])}]"


def describe_sweep(sw):
    """One line about the sweep file."""
    extra = ""
    if sw.design == "sobol":
        extra = f", {sw.n_base} base points"
    elif sw.design == "morris":
        extra = f", {sw.trajectories} trajectories"
    return (f"{sw.path}: {sw.design} design, {len(sw.param_names)} parameters{extra}, "
            f"{sw.n_points} points x {sw.replicates} replicate{'s' if sw.replicates != 1 else ''}"
            f" ({len(sw.point)} runs)")


def table_lines(sw, r, n_boot):
    """The table of indices for one metric result, as lines of text."""
    pct = int(round(100 * CI_LEVEL))
    units = f" [{r['units']}]" if r["units"] else ""
    head = f"{r['metric']}{units}"
    if "error" in r:
        return [f"{head}: {r['method']}: cannot analyse: {r['error']}"]
    width = max(9, *(len(p) for p in sw.param_names))
    if r["method"] == "sobol":
        lines = [f"{head}: Sobol indices from {r['n_base_used']} of {r['n_base']} base "
                 f"points, {pct}% bootstrap CI ({n_boot} resamples)",
                 f"  {'parameter':<{width}}  {'S1':>7}  {f'{pct}% CI':^18}  "
                 f"{'ST':>7}  {f'{pct}% CI':^18}"]
        for i, name in enumerate(sw.param_names):
            lines.append(f"  {name:<{width}}  {_fmt(r['S1'][i])}  {_fmt_ci(r['S1_ci'][i])}  "
                         f"{_fmt(r['ST'][i])}  {_fmt_ci(r['ST_ci'][i])}")
        lines.append(f"  sum of S1 = {np.sum(r['S1']):.4f} (1 - sum: share of variance "
                     f"from interactions)")
        return lines
    if r["method"] == "morris":
        lines = [f"{head}: Morris elementary effects (unit space: output change per full "
                 f"parameter range) over {r['trajectories']} trajectories, {pct}% "
                 f"bootstrap CI ({n_boot} resamples)",
                 f"  {'parameter':<{width}}  {'mu*':>10}  {f'{pct}% CI':^22}  "
                 f"{'mu':>10}  {'sigma':>10}"]
        for i, name in enumerate(sw.param_names):
            ci = r["mu_star_ci"][i]
            lines.append(f"  {name:<{width}}  {_g(r['mu_star'][i])}  "
                         f"[{_g(ci[0], 9)}, {_g(ci[1], 9)}]  {_g(r['mu'][i])}  "
                         f"{_g(r['sigma'][i])}")
        return lines
    return [f"{head}: no sensitivity indices for a {sw.design} design "
            f"(use sobol or morris); noise share only"]


def _g(x, width=10):
    """A number with 4 significant digits, or n/a for NaN."""
    return f"{x:{width}.4g}" if np.isfinite(x) else f"{'n/a':>{width}}"


def noise_line(noise, replicates):
    """The line about the replicate-variance share."""
    if noise is None:
        return f"  noise share: n/a ({replicates} replicate per point)"
    return (f"  noise share: {share_text(noise['share'])} (mean within-point variance "
            f"{noise['within_variance']:.4g} / total variance {noise['total_variance']:.4g}; "
            f"indices use the mean of {replicates} replicates per point)")


def share_text(share):
    """A noise share to 3 decimals ('< 0.001' when smaller, n/a when undefined)."""
    if not np.isfinite(share):
        return "n/a"
    return f"{share:.3f}" if share >= 0.001 else "< 0.001"


def _jsonable(x):
    """x with numpy arrays as lists and NaN/inf as None."""
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [_jsonable(v) for v in x]
    if isinstance(x, (np.floating, float)):
        return float(x) if math.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def write_json(path, sw, results, n_boot, seed):
    """Write every result with the sweep's description to path."""
    doc = {"file": sw.path, "design": sw.design, "parameters": sw.param_names,
           "n_points": sw.n_points, "replicates": sw.replicates, "bootstrap": n_boot,
           "seed": seed, "ci_level": CI_LEVEL, "metrics": results}
    with open(path, "w") as fh:
        json.dump(_jsonable(doc), fh, indent=1)
        fh.write("\n")


# ---------------------------------------------------------------- plot

def _bars(ax, names, series):
    """Horizontal bars, one group per parameter: series is [(label, values, ci [P,2])]."""
    n = len(series)
    height = 0.8 / n
    ypos = np.arange(len(names))
    for k, (label, values, ci) in enumerate(series):
        v = np.nan_to_num(np.asarray(values, dtype=float))
        err = None
        if ci is not None:
            ci = np.asarray(ci, dtype=float)
            err = np.nan_to_num(np.abs(np.vstack([v - ci[:, 0], ci[:, 1] - v])))
        ax.barh(ypos + (k - (n - 1) / 2) * height, v, height=height, xerr=err,
                label=label, capsize=3)
    ax.set_yticks(ypos, names)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.6)
    ax.legend(fontsize=8, loc="best")


def plot_results(path, sw, results):
    """Bar plots of the indices (with CIs) of each analysed metric, one panel each.

    Returns the number of panels drawn (0: nothing written)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    drawn = [r for r in results if r["method"] in ("sobol", "morris") and "error" not in r]
    if not drawn:
        return 0
    n_params = len(sw.param_names)
    fig, axes = plt.subplots(len(drawn), 1, squeeze=False,
                             figsize=(8, 1.2 + len(drawn) * (0.9 + 0.45 * n_params)))
    for ax, r in zip(axes[:, 0], drawn):
        if r["method"] == "sobol":
            _bars(ax, sw.param_names, [("S1 (first order)", r["S1"], r["S1_ci"]),
                                       ("ST (total)", r["ST"], r["ST_ci"])])
            ax.set_xlabel("share of variance")
        else:
            _bars(ax, sw.param_names, [("mu* (mean |EE|)", r["mu_star"], r["mu_star_ci"]),
                                       ("sigma", r["sigma"], r["sigma_ci"])])
            ax.set_xlabel(f"elementary effect per full parameter range"
                          f"{' (' + r['units'] + ')' if r['units'] else ''}")
        noise = r["noise"]
        extra = f", noise share {share_text(noise['share'])}" if noise else ""
        ax.set_title(f"{r['metric']}{extra}", fontsize=10)
    fig.suptitle(f"Sensitivity ({sw.design}, {int(100 * CI_LEVEL)}% bootstrap CI)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return len(drawn)


# ---------------------------------------------------------------- command line

def analyse(path, metric_names=(), n_boot=DEFAULT_BOOTSTRAP, seed=DEFAULT_SEED):
    """Read a sweep file and analyse the named metrics (all when none): (Sweep, results)."""
    sw = read_sweep(path)
    return sw, [analyse_metric(sw, m, n_boot, seed) for m in select_metrics(sw, metric_names)]


def parse_args(argv):
    """The command line as an argparse namespace (exit 2 on bad usage)."""
    p = argparse.ArgumentParser(prog="sensitivity.py", description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sweep", help="sweep file written by protsim sweep (or merge)")
    p.add_argument("--metric", action="append", default=[], metavar="NAME",
                   help="analyse this summary metric (repeat; default: all)")
    p.add_argument("--bootstrap", type=int, default=DEFAULT_BOOTSTRAP, metavar="B",
                   help=f"bootstrap resamples (default {DEFAULT_BOOTSTRAP})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                   help=f"seed of the bootstrap (default {DEFAULT_SEED})")
    p.add_argument("--plot", metavar="OUT.png", help="write a bar plot of the indices")
    p.add_argument("--json", metavar="OUT.json", help="write the results as JSON")
    args = p.parse_args(argv)
    if args.bootstrap < 1:
        p.error(f"--bootstrap {args.bootstrap}: expected a whole number >= 1")
    if args.seed < 0:
        p.error(f"--seed {args.seed}: expected a whole number >= 0")
    return args


def main(argv=None):
    """Run the command line; returns the exit status."""
    args = parse_args(argv)
    try:
        sw, results = analyse(args.sweep, args.metric, args.bootstrap, args.seed)
    except SweepError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2
    print(describe_sweep(sw))
    for r in results:
        for warning in (excluded_warning(sw, r), wide_warning(sw, r)):
            if warning:
                print(warning, file=sys.stderr)
        print()
        print("\n".join(table_lines(sw, r, args.bootstrap)))
        print(noise_line(r["noise"], sw.replicates))
    if args.json:
        write_json(args.json, sw, results, args.bootstrap, args.seed)
    if args.plot and plot_results(args.plot, sw, results) == 0:
        print(f"{PROG}: warning: {args.plot}: no indices to plot, not written",
              file=sys.stderr)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
