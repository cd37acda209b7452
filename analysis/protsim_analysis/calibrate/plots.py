"""Figures of a history-match file (hm.h5), as hmer draws them:

- optical_depth.png: for pairs of the most constrained parameters, the share of the
  test sample in each cell that is non-implausible after the last wave (below the
  diagonal) and the least implausibility in each cell (above it);
- emulators_wave<N>.png: each target's held-out points, emulator prediction against
  the model's replicate mean, with 2 sd bars;
- targets_<group>.png: each target's observation (2 sd of the observation, and of the
  observation with model discrepancy) against the 5-95% band and median of the
  plausible ensemble's runs (the final sample's runs at the plausible points).
And write_point: the plausible point of least implausibility as settings."""
import math
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..reader import FileError, strings  # noqa: E402

BINS = 12


def _open(path):
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise FileError(f"{path}: cannot open: {e}") from None
    if f.attrs.get("kind") != "history_match":
        f.close()
        raise FileError(f"{path}: not a history-match file (protsim calibrate writes them)")
    return f


def _cumulative(test_I):
    """Per test point, the largest cut implausibility over the waves that saw it."""
    with np.errstate(invalid="ignore"):
        return np.nanmax(np.where(np.isfinite(test_I), test_I, -np.inf), axis=0)


def constrained(unit, alive, k):
    """The k parameters whose surviving test points spread least (sd ratio)."""
    if alive.sum() < 2:
        return list(range(min(k, unit.shape[1])))
    ratio = unit[alive].std(axis=0) / np.maximum(unit.std(axis=0), 1e-12)
    return list(np.argsort(ratio)[:k])


def _cell_stats(x, y, alive, imp):
    """Optical depth and least implausibility on a BINS x BINS grid."""
    ix = np.minimum((x * BINS).astype(int), BINS - 1)
    iy = np.minimum((y * BINS).astype(int), BINS - 1)
    cell = iy * BINS + ix
    total = np.bincount(cell, minlength=BINS * BINS)
    kept = np.bincount(cell, weights=alive.astype(float), minlength=BINS * BINS)
    least = np.full(BINS * BINS, np.nan)
    np.fmin.at(least, cell, imp)
    with np.errstate(invalid="ignore", divide="ignore"):
        depth = np.where(total > 0, kept / total, np.nan)
    return depth.reshape(BINS, BINS), least.reshape(BINS, BINS)


def optical_depth(f, out, k=8):
    unit = f["test/unit"][()].astype(float)
    test_I = f["test/ranked_implausibility"][()].astype(float)
    cut = float(f.attrs["cut"])
    imp = _cumulative(test_I)
    alive = imp <= cut
    names = strings(f["parameters/names"])
    show = constrained(unit, alive, k)
    n = len(show)
    fig, axes = plt.subplots(n, n, figsize=(2.0 * n, 2.0 * n), squeeze=False)
    for a, i in enumerate(show):
        for b, j in enumerate(show):
            ax = axes[a][b]
            ax.set_xticks([])
            ax.set_yticks([])
            if a == b:
                ax.hist(unit[alive, i], bins=BINS, range=(0, 1), color="tab:blue")
                ax.set_title(names[i], fontsize=7)
                continue
            depth, least = _cell_stats(unit[:, j], unit[:, i], alive, imp)
            if a > b:
                ax.imshow(depth, origin="lower", extent=(0, 1, 0, 1), vmin=0,
                          vmax=max(np.nanmax(depth), 1e-9), cmap="viridis")
            else:
                ax.imshow(np.minimum(least, 2 * cut), origin="lower", extent=(0, 1, 0, 1),
                          vmin=0, vmax=2 * cut, cmap="RdYlGn_r")
    fig.suptitle(f"optical depth (below) and least implausibility (above, cut {cut:g}); "
                 f"{alive.mean():.3%} of the box remains", fontsize=9)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(out, dpi=90)
    plt.close(fig)


def _grid(n):
    cols = math.ceil(math.sqrt(n))
    return math.ceil(n / cols), cols


def emulators(f, wave, out):
    g = f[f"waves/{wave}"]
    if "heldout" not in g:
        return False
    names = strings(f["targets/names"])
    hold = g["heldout"][()].astype(bool)
    mean = g["mean"][()]
    rows, cols = _grid(len(names))
    fig, axes = plt.subplots(rows, cols, figsize=(2.4 * cols, 2.2 * rows), squeeze=False)
    used = g["emulators/used"][()].astype(bool)
    r = float(g.attrs.get("replicates", 1))
    for k, name in enumerate(names):
        ax = axes[k // cols][k % cols]
        m = mean[hold, k]
        pred = g["emulated"][()][hold, k]
        bars = 2 * np.sqrt(np.nan_to_num(g["v_em"][()][hold, k]) +
                           np.nan_to_num(g["v_rep"][()][hold, k]) / r)
        ok = np.isfinite(m) & np.isfinite(pred)
        ax.errorbar(m[ok], pred[ok], yerr=bars[ok], fmt=".", ms=3, lw=0.6,
                    color="tab:blue" if used[k] else "tab:red")
        lo, hi = (np.nanmin(m), np.nanmax(m)) if ok.any() else (0, 1)
        ax.plot([lo, hi], [lo, hi], "k-", lw=0.5)
        ax.set_title(f"{name}" + ("" if used[k] else " (not used)"), fontsize=7)
        ax.tick_params(labelsize=5)
    for k in range(len(names), rows * cols):
        axes[k // cols][k % cols].axis("off")
    fig.suptitle(f"wave {wave}: held-out points, emulator (y) against the model's mean "
                 f"(x), 2 sd bars", fontsize=9)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return True


def targets(f, folder):
    """A figure per group of targets: observation against the plausible ensemble."""
    if "final/runs" not in f:
        return []
    names = strings(f["targets/names"])
    groups = strings(f["targets/groups"])
    units = strings(f["targets/units"])
    z, sd_obs, sd_md = (f[f"targets/{x}"][()] for x in ("observed", "sd_obs", "sd_md"))
    ens, n_plausible = plausible_runs(f)
    made = []
    for group in dict.fromkeys(groups):
        ks = [k for k, gname in enumerate(groups) if gname == group]
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(ks) + 1.2))
        for row, k in enumerate(ks):
            vals = ens[:, k][np.isfinite(ens[:, k])]
            scale = abs(z[k]) if z[k] != 0 else max(sd_obs[k], 1e-12)
            def s(v):
                return np.asarray(v) / scale
            if len(vals):
                q5, q50, q95 = np.percentile(vals, [5, 50, 95])
                ax.plot(s([q5, q95]), [row, row], color="tab:blue", lw=5, alpha=0.5)
                ax.plot(s(q50), row, "o", color="tab:blue", ms=4)
            tot = math.sqrt(sd_obs[k] ** 2 + sd_md[k] ** 2)
            ax.plot(s([z[k] - 2 * tot, z[k] + 2 * tot]), [row + 0.25] * 2, color="grey", lw=1)
            ax.plot(s([z[k] - 2 * sd_obs[k], z[k] + 2 * sd_obs[k]]), [row + 0.25] * 2,
                    color="black", lw=2.5)
            ax.plot(s(z[k]), row + 0.25, "k|", ms=8)
        ax.set_yticks(range(len(ks)))
        ax.set_yticklabels([f"{names[k]} ({units[k]})" for k in ks], fontsize=7)
        ax.set_xlabel("value / |observed|  (black: observed +- 2 sd; grey: with model "
                      "discrepancy; blue: plausible runs 5-95%, median)", fontsize=7)
        ax.set_title(f"targets: {group} ({n_plausible} plausible points)", fontsize=9)
        fig.tight_layout()
        path = os.path.join(folder, f"targets_{_slug(group)}.png")
        fig.savefig(path, dpi=90)
        plt.close(fig)
        made.append(path)
    return made


def plausible_runs(f):
    """The runs [run, target] of the plausible points of every final sample (an
    extended match has earlier ones in /finals), and how many points they are."""
    groups = [f["finals"][k] for k in f["finals"]] if "finals" in f else []
    runs, n = [], 0
    for g in groups + [f["final"]]:
        plausible = g["plausible"][()].astype(bool)
        runs.append(g["runs"][()][plausible[g["point"][()]]])
        n += int(plausible.sum())
    return np.vstack(runs), n


def _slug(text):
    return "".join(c if c.isalnum() else "_" for c in text).strip("_") or "group"


def draw_all(path, folder):
    """Every figure of the file at path into folder; returns their paths."""
    os.makedirs(folder, exist_ok=True)
    made = []
    with _open(path) as f:
        out = os.path.join(folder, "optical_depth.png")
        optical_depth(f, out)
        made.append(out)
        for wave in sorted(f["waves"], key=int):
            out = os.path.join(folder, f"emulators_wave{wave}.png")
            if emulators(f, wave, out):
                made.append(out)
        made += targets(f, folder)
    return made


def best_point(path):
    """(names, paths, values) of the plausible point of least implausibility."""
    with _open(path) as f:
        g = f["plausible"]
        if g["values"].shape[0] == 0:
            raise FileError(f"{path}: the plausible set is empty")
        k = int(np.argmin(g["implausibility"][()]))
        return strings(g["param_names"]), strings(g["param_paths"]), g["values"][()][k]


def write_point(path, out):
    """The best plausible point as settings in libconfig syntax (nested groups)."""
    names, paths, values = best_point(path)
    tree = {}
    for name, p, v in zip(names, paths, values):
        if "[" in p:
            raise FileError(f"{p}: a list element; write it by hand (--set {p}={v!r})")
        node = tree
        parts = p.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = (v, name)
    lines = [f"# {os.path.basename(out)} - the plausible point of least implausibility "
             f"of {path} (protsim calibrate --write-point)"]
    _emit(tree, 0, lines)
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def _emit(tree, depth, lines):
    pad = "  " * depth
    for key, item in tree.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key} = {{")
            _emit(item, depth + 1, lines)
            lines.append(f"{pad}}};")
        else:
            value, name = item
            lines.append(f"{pad}{key} = {float(value)!r};   # {name}")
