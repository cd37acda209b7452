#!/usr/bin/python3
"""plot_run.py - figures a policy reader understands at a glance, from a run file.

    /usr/bin/python3 analysis/plot_run.py results/run.h5 [--out results/run] [--states A,B]

writes run_refugees.png (refugees present by status over time, all states),
run_states.png (per-state institutions against implementation and outcomes) and
run_network.png (the network's action plans against the seed report's Table 1).
Takes run, replicate and compare files: a replicate file is drawn as the median over
its replicates; a compare file as one set of figures per scenario (run_a_*.png,
run_b_*.png). A sweep file holds no time series (use sensitivity.py). Names, axes and
units come from the file (protsim_analysis). Exit status 2 on a bad file or argument.
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from protsim_analysis import FileError  # noqa: E402
from protsim_analysis.cli import fail, guarded, open_kind  # noqa: E402

PROG = "plot_run.py"
HERE = os.path.dirname(os.path.realpath(__file__))
TABLE1 = os.path.join(HERE, "..", "data", "aprrn_action_plans.csv")  # data/SOURCES.md
TABLE1_COLUMNS = {"institutionalisation": "institutionalization_pct",
                  "implementation": "implementation_pct"}
TABLE1_MONTH = "-11"   # the consultations of Table 1 were held in November
STATUS_COLOURS = ["#bbbbbb", "#f2c14e", "#f78154", "#9e2a2b", "#4d9078", "#5b5f97",
                  "#9fb1bc", "#c9d6df", "#52616b", "#1e2022", "#8f5e5e"]
KEY_STATES = 16        # states drawn when there are more, and the largest hosts among them
LARGEST = 8


def over_replicates(series):
    """The median over the replicate axis when there is one (else the series)."""
    if "replicate" in series.dims:
        return series.reduce("replicate", np.nanmedian)
    return series


def present_by_state(part):
    """Persons present [.., time, state] (statuses from the file), replicates reduced."""
    counts = part.series("refugees/count")
    present = counts.sel(status=part.present_statuses())
    return over_replicates(present)


def plot_refugees(part, out, note):
    present = present_by_state(part).reduce("state")          # [time, status]
    names = present.labels("status")
    fig, ax = plt.subplots(figsize=(9, 5))
    ax.stackplot(part.months, present.values.T / 1e3, labels=names,
                 colors=STATUS_COLOURS[:len(names)])
    ax.set_xlabel("month")
    ax.set_ylabel(f"refugees present (thousands of {present.units})")
    ax.set_title("Refugees by status, all states" + note)
    ax.legend(loc="upper left", fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(out + "_refugees.png", dpi=110)
    plt.close(fig)


def key_states(part, wanted=None, limit=KEY_STATES):
    """Indices of the states to draw: the named ones; all when there are few; else the
    largest hosts and the states whose institutions changed, up to limit."""
    names = part.labels("state")
    if wanted:
        missing = [w for w in wanted if w not in names]
        if missing:
            raise FileError(f"--states: no state {', '.join(repr(m) for m in missing)} in "
                            f"{part.where()} (it has: {', '.join(names)})")
        return [names.index(n) for n in wanted]
    if len(names) <= limit:
        return list(range(len(names)))
    present = np.nan_to_num(np.nanmean(present_by_state(part).reduce("status").values, axis=0))
    law = over_replicates(part.series("states/law_level")).values
    rat = over_replicates(part.series("states/ratified")).values
    changed = [i for i in range(len(names))
               if law[:, i].max() > law[0, i] or rat[:, i].max() > rat[0, i]]
    largest = [int(i) for i in np.argsort(-present)]
    chosen = largest[:LARGEST] + [i for i in changed if i not in largest[:LARGEST]]
    chosen += [i for i in largest if i not in chosen]
    return sorted(chosen[:limit])


def state_panels(part):
    """(label, [time, state] values, colour, line width, style) of each line drawn."""
    def get(name):
        return over_replicates(part.series(name))
    impl = get("states/implementation").reduce("component", np.nanmean)
    return [("institutions (R, L)", get("states/institutionalisation").values, "#1f3b73", 2, "-"),
            ("implementation (mean P)", impl.values, "#d1495b", 2, "-"),
            ("legal-status share", get("states/legal_status_share").values, "#4d9078", 1, "--"),
            ("detention incidence", get("states/detention_incidence").values, "#5b5f97", 1,
             ":")]


def plot_states(part, out, note, wanted=None):
    names = part.labels("state")
    shown = key_states(part, wanted)
    lines = state_panels(part)
    n = len(shown)
    cols = min(4, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 2.8 * rows), sharex=True,
                             sharey=True, squeeze=False)
    for a, i in enumerate(shown):
        ax = axes[a // cols][a % cols]
        for label, values, colour, width, style in lines:
            ax.plot(part.months, values[:, i], color=colour, lw=width, ls=style, label=label)
        ax.set_title(names[i], fontsize=10)
        ax.set_ylim(-0.02, 1.05)
        ax.tick_params(axis="x", labelsize=7)
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.suptitle("Institutions against implementation and outcomes, by state"
                 + ("" if n == len(names) else f" ({n} of {len(names)})") + note)
    fig.tight_layout()
    fig.savefig(out + "_states.png", dpi=110)
    plt.close(fig)


def read_table1():
    """{plan kind: (months, shares)} of APRRN action plans (seed report, Table 1)."""
    with open(TABLE1) as fh:
        rows = list(csv.DictReader(fh))
    months = np.array([r["year"] + TABLE1_MONTH for r in rows], dtype="datetime64[M]")
    return {kind: (months, np.array([float(r[col]) / 100.0 for r in rows]))
            for kind, col in TABLE1_COLUMNS.items()}


def plot_network(part, out, note):
    plans = part.series("network/action_plans")
    if "replicate" in plans.dims:
        plans = plans.reduce("replicate", np.nanmean)
    kinds = plans.labels("plan_kind")
    total = plans.values.sum(axis=1)
    at = total > 0
    shares = plans.values[at] / total[at, None]
    table1 = read_table1() if os.path.exists(TABLE1) else {}
    fig, ax = plt.subplots(figsize=(8, 4.5))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, kind in enumerate(kinds):
        colour = colours[k % len(colours)]
        ax.plot(part.months[at], shares[:, k], "o-", color=colour, label=f"model: {kind}")
        if kind in table1:
            months, seed = table1[kind]
            ax.plot(months, seed, "s", mfc="none", color=colour, ms=9,
                    label=f"APRRN Table 1: {kind}")
    ax.set_ylim(0, 1)
    ax.set_xlabel("month")
    ax.set_ylabel("share of action plans")
    ax.set_title("The network's action plans at its consultations" + note)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out + "_network.png", dpi=110)
    plt.close(fig)


def plot_part(part, out, wanted):
    """The three figures of one part; returns the files written."""
    note = f" (median of {part.replicates} replicates)" if part.replicates else ""
    if part.name:
        note += f", scenario {part.name.upper()}: {part.attrs.get('scenario_name', '')}"
    plot_refugees(part, out, note)
    plot_states(part, out, note, wanted)
    plot_network(part, out, note)
    return [f"{out}_{suffix}.png" for suffix in ("refugees", "states", "network")]


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[1])
    parser.add_argument("file", help="a protsim run, replicate or compare file (.h5)")
    parser.add_argument("--out", help="prefix of the PNG files (default: the file's name)")
    parser.add_argument("--states", help="comma-separated states to draw (default: all "
                        f"up to {KEY_STATES}, else the largest hosts and those whose "
                        "institutions changed)")
    args = parser.parse_args()
    out = args.out or os.path.splitext(args.file)[0]
    wanted = [s.strip() for s in args.states.split(",")] if args.states else None
    with open_kind(PROG, args.file, ("run", "replicates", "compare"),
                   " (a sweep holds no time series: use sensitivity.py)") as rf:
        written = []
        for name, part in rf.parts.items():
            written += guarded(PROG, lambda: plot_part(part, out + (f"_{name}" if name else ""),
                                                       wanted))
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except FileError as e:
        fail(PROG, e)
