#!/usr/bin/python3
"""plot_compare.py - the strategy comparison figure, from a `protsim compare -o` file.

    /usr/bin/python3 analysis/plot_compare.py cmp.h5 --out results/cmp

writes cmp_compare.png: for scenario A and scenario B, the median and the 5-95% band
over the replicates of the regional protection index, legal-status share, detention
incidence and national framework steps over time; and, at the horizon, the paired
difference B - A of every metric in percent of A's mean, with its 95% interval and
each replicate's own difference. Needs Debian's python3-h5py, python3-numpy and
python3-matplotlib; reads the file without protsim code (docs/output.md).
"""
import argparse

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

COLOURS = {"a": "#1f3b73", "b": "#d1495b"}
FRAMEWORK = {"admin_step", "regulation", "statute"}  # national framework steps
PANELS = [  # (dataset or None for framework steps, title, y label)
    ("region/poi", "Protection Outcome Index (region)", "index, 0 to 1"),
    ("region/legal_status_share", "Refugees with legal status (region)", "share"),
    ("region/detention_incidence", "Refugees in detention (region)", "share"),
    (None, "National framework steps since the start", "steps, all states"),
]


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def framework_steps(group):
    """[replicate, time]: framework steps since the start, counted from /events."""
    t = group["time"][:]
    runs = group.attrs["replicates"]
    out = np.zeros((runs, len(t)))
    for e in group["events"][:]:
        if text(e["type"]) in FRAMEWORK:
            out[e["replicate"], t >= e["time"] - 1e-9] += 1
    return out


def band(ax, t, values, colour, label):
    """Median line and 5-95% band over the replicate axis of values[replicate, time]."""
    lo, mid, hi = np.nanpercentile(values, [5, 50, 95], axis=0)
    ax.fill_between(t, lo, hi, color=colour, alpha=0.2, lw=0)
    ax.plot(t, mid, color=colour, lw=2, label=label)


def plot_series(ax, f, path, title, ylabel, horizon):
    for key in ("a", "b"):
        g = f[key]
        values = framework_steps(g) if path is None else g[path][:]
        band(ax, g["time"][:], values, COLOURS[key], "%s: %s" % (key.upper(),
             text(g.attrs["scenario_name"])))
    ax.axvline(horizon + 1.0, color="#777777", lw=0.8, ls=":")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.set_xlabel("year", fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))


def relative(values, base):
    return 100.0 * values / abs(base) if base != 0 and np.isfinite(base) else None


def plot_differences(ax, c):
    """Forest plot: B - A in percent of A's mean, interval, replicates, test and p."""
    names = [text(n) for n in c["metric_names"][:]]
    a_vals, b_vals = c["a_values"][:], c["b_values"][:]
    est, lo, hi = c["difference"][:], c["ci_low"][:], c["ci_high"][:]
    p, tests, a_mean = c["p_value"][:], [text(x) for x in c["test"][:]], c["a_mean"][:]
    rows = range(len(names))
    for i in rows:
        y = len(names) - 1 - i
        d = relative(b_vals[:, i] - a_vals[:, i], a_mean[i])
        label = "%+.3g [%.3g, %.3g]; p %s (%s)" % (
            est[i], lo[i], hi[i], "< 0.001" if p[i] < 0.001 else "= %.3f" % p[i], tests[i])
        if d is None:
            ax.text(0, y, "A's mean is 0: B - A = %.3g" % est[i], va="center", fontsize=8)
            continue
        jitter = (np.arange(len(d)) % 7 - 3) * 0.04
        ax.scatter(d, y + jitter, s=6, color="#999999", zorder=1)
        e, l, h = (relative(np.array([v]), a_mean[i])[0] for v in (est[i], lo[i], hi[i]))
        strong = p[i] < 0.05
        ax.errorbar(e, y, xerr=[[e - l], [h - e]], fmt="o", color="#222222",
                    mfc="#222222" if strong else "white", capsize=3, zorder=2)
        ax.annotate(label, (1.01, y), xycoords=("axes fraction", "data"), va="center",
                    fontsize=8)
    ax.axvline(0, color="#777777", lw=0.8)
    ax.set_yticks(list(rows))
    ax.set_yticklabels(list(reversed(names)), fontsize=9)
    ax.set_xlabel("B - A, % of A's mean (dot and bar: estimate and 95% interval; "
                  "filled: p < 0.05; grey: each replicate)", fontsize=8)
    ax.set_title("Paired difference B - A at the end of %d (right: in the metric's "
                 "units, with the test)" % c["horizon"][()], fontsize=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a compare file (protsim compare -o FILE.h5)")
    parser.add_argument("--out", help="prefix of the PNG file (default: the file's name)")
    args = parser.parse_args()
    out = args.out or args.file.rsplit(".h5", 1)[0]
    with h5py.File(args.file, "r") as f:
        c = f["comparison"]
        horizon = int(c["horizon"][()])
        fig = plt.figure(figsize=(14, 8.5))
        grid = fig.add_gridspec(2, 3)
        for k, (path, title, ylabel) in enumerate(PANELS):
            ax = fig.add_subplot(grid[k // 3, k % 3])
            plot_series(ax, f, path, title, ylabel, horizon)
            if k == 0:
                ax.legend(fontsize=8, loc="best")
        plot_differences(fig.add_subplot(grid[1, 1:]), c)
        fig.suptitle("A against B: %d paired replicates (same seeds), median and 5-95%% "
                     "band; dotted line: the horizon" % f["a"].attrs["replicates"])
        fig.tight_layout()
        fig.savefig(out + "_compare.png", dpi=110, bbox_inches="tight")
        plt.close(fig)
    print(out + "_compare.png")


if __name__ == "__main__":
    main()
