#!/usr/bin/python3
"""plot_compare.py - the strategy comparison figure, from a `protsim compare -o` file.

    /usr/bin/python3 analysis/plot_compare.py cmp.h5 --out results/cmp

writes cmp_compare.png: for scenario A and scenario B, the median and the 5-95% band
over the replicates of the regional protection index, legal-status share, detention
incidence and national framework steps over time; and, at the horizon, the paired
difference B - A of every metric in percent of A's mean, with its 95% interval and
each replicate's own difference. Takes compare files only (a run or replicate file
has no B to compare: use plot_run.py; a sweep: sensitivity.py); exit status 2 on any
other. Names, axes and units come from the file (protsim_analysis).
"""
import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from protsim_analysis import FileError  # noqa: E402
from protsim_analysis.cli import fail, open_kind  # noqa: E402

PROG = "plot_compare.py"
COLOURS = {"a": "#1f3b73", "b": "#d1495b"}
FRAMEWORK = "states/law_level"
PANELS = [  # (dataset, title, y label)
    ("region/poi", "Protection Outcome Index (region)", "index, 0 to 1"),
    ("region/legal_status_share", "Refugees with legal status (region)", "share"),
    ("region/detention_incidence", "Refugees in detention (region)", "share"),
    (FRAMEWORK, "National framework levels gained since the start", "levels, all states"),
]


def panel_values(part, path):
    """[replicate, time] values of a panel: a regional series as it is, or the
    framework levels gained since the first month, summed over states."""
    s = part.series(path)
    if path == FRAMEWORK:
        first = np.take(s.values, [0], axis=s.axis("time"))
        return np.nansum(s.values - first, axis=s.axis("state"))
    return s.values


def band(ax, t, values, colour, label):
    """Median line and 5-95% band over the replicate axis of values[replicate, time]."""
    lo, mid, hi = np.nanpercentile(values, [5, 50, 95], axis=0)
    ax.fill_between(t, lo, hi, color=colour, alpha=0.2, lw=0)
    ax.plot(t, mid, color=colour, lw=2, label=label)


def plot_series(ax, rf, path, title, ylabel, horizon):
    for key, part in rf.parts.items():
        band(ax, part.months, panel_values(part, path), COLOURS.get(key, None),
             "%s: %s" % (key.upper(), part.attrs.get("scenario_name", "")))
    ax.axvline(np.datetime64(f"{horizon}-12", "M"), color="#777777", lw=0.8, ls=":")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.set_xlabel("month", fontsize=9)


def relative(values, base):
    return 100.0 * values / abs(base) if base != 0 and np.isfinite(base) else None


def plot_differences(ax, c):
    """Forest plot: B - A in percent of A's mean, interval, replicates, test and p."""
    names = list(c["metric_names"])
    a_vals, b_vals = c["a_values"], c["b_values"]
    est, lo, hi = c["difference"], c["ci_low"], c["ci_high"]
    p, tests, a_mean = c["p_value"], list(c["test"]), c["a_mean"]
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
                 "units, with the test)" % int(c["horizon"]), fontsize=10)


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a compare file (protsim compare -o FILE.h5)")
    parser.add_argument("--out", help="prefix of the PNG file (default: the file's name)")
    args = parser.parse_args()
    out = args.out or args.file.rsplit(".h5", 1)[0]
    with open_kind(PROG, args.file, ("compare",),
                   " (a run or replicate file: plot_run.py; a sweep: sensitivity.py)") as rf:
        c = rf.comparison()
        horizon = int(c["horizon"])
        fig = plt.figure(figsize=(14, 8.5))
        grid = fig.add_gridspec(2, 3)
        for k, (path, title, ylabel) in enumerate(PANELS):
            ax = fig.add_subplot(grid[k // 3, k % 3])
            plot_series(ax, rf, path, title, ylabel, horizon)
            if k == 0:
                ax.legend(fontsize=8, loc="best")
        plot_differences(fig.add_subplot(grid[1, 1:]), c)
        fig.suptitle("A against B: %d paired replicates (same seeds), median and 5-95%% "
                     "band; dotted line: the horizon" % rf.parts["a"].replicates)
        fig.tight_layout()
        fig.savefig(out + "_compare.png", dpi=110, bbox_inches="tight")
        plt.close(fig)
    print(out + "_compare.png")


if __name__ == "__main__":
    try:
        main()
    except FileError as e:
        fail(PROG, e)
