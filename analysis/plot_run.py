#!/usr/bin/python3
"""plot_run.py - figures a policy reader understands at a glance, from one run file.

    /usr/bin/python3 analysis/plot_run.py results/run.h5 --out results/run

writes run_refugees.png (refugees by status over time, region), run_states.png
(per-state institutions against implementation and outcomes) and run_network.png
(the network's action plans against the seed report's Table 1). Needs Debian's
python3-h5py, python3-numpy and python3-matplotlib; reads the file without protsim code.
"""
import argparse
import csv
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE1 = os.path.join(HERE, "..", "data", "aprrn_action_plans.csv")  # data/SOURCES.md
STATUS_COLOURS = ["#bbbbbb", "#f2c14e", "#f78154", "#9e2a2b", "#4d9078", "#5b5f97",
                  "#9fb1bc"]


def strings(ds):
    return [s.decode() if isinstance(s, bytes) else s for s in ds[:]]


def plot_refugees(f, out):
    t = f["time"][:]
    counts = f["refugees/count"][:]          # [T, S, K]
    names = strings(f["refugees/status_names"])
    present = counts[:, :, :7].sum(axis=1)   # the first seven statuses are present
    fig, ax = plt.subplots(figsize=(9, 5))
    ax.stackplot(t, present.T / 1e3, labels=names[:7], colors=STATUS_COLOURS)
    ax.set_xlabel("year")
    ax.set_ylabel("refugees present (thousands)")
    ax.set_title("Refugees by status, all states")
    ax.legend(loc="upper left", fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(out + "_refugees.png", dpi=110)
    plt.close(fig)


def key_states(f, wanted=None, limit=16):
    """Indices of the states to draw: the named ones; all when there are few; else the
    eight largest hosts and the states whose institutions changed, up to limit."""
    names = strings(f["states/name"])
    if wanted:
        return [names.index(n) for n in wanted]
    if len(names) <= limit:
        return list(range(len(names)))
    present = np.nan_to_num(f["refugees/count"][:, :, :7].sum(axis=2).mean(axis=0))
    law, rat = f["states/law_level"][:], f["states/ratified"][:]
    changed = [i for i in range(len(names))
               if law[:, i].max() > law[0, i] or rat[:, i].max() > rat[0, i]]
    largest = [int(i) for i in np.argsort(-present)]
    chosen = largest[:8] + [i for i in changed if i not in largest[:8]]
    chosen += [i for i in largest if i not in chosen]
    return sorted(chosen[:limit])


def plot_states(f, out, wanted=None):
    t = f["time"][:]
    names = strings(f["states/name"])
    inst = f["states/institutionalisation"][:]
    impl = f["states/implementation"][:].mean(axis=2)
    legal = f["states/legal_status_share"][:]
    detained = f["states/detention_incidence"][:]
    shown = key_states(f, wanted)
    n = len(shown)
    cols = min(4, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 2.8 * rows), sharex=True,
                             sharey=True, squeeze=False)
    for a, i in enumerate(shown):
        name = names[i]
        ax = axes[a // cols][a % cols]
        ax.plot(t, inst[:, i], color="#1f3b73", lw=2, label="institutions (R, L)")
        ax.plot(t, impl[:, i], color="#d1495b", lw=2, label="implementation (mean P)")
        ax.plot(t, legal[:, i], color="#4d9078", lw=1, ls="--", label="legal-status share")
        ax.plot(t, detained[:, i], color="#5b5f97", lw=1, ls=":", label="detention incidence")
        ax.set_title(name, fontsize=10)
        ax.set_ylim(-0.02, 1.05)
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].axis("off")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.suptitle("Institutions against implementation and outcomes, by state"
                 + ("" if n == len(names) else f" ({n} of {len(names)})"))
    fig.tight_layout()
    fig.savefig(out + "_states.png", dpi=110)
    plt.close(fig)


def read_table1():
    """Shares of APRRN action plans by type at each APCRR (seed report, Table 1)."""
    with open(TABLE1) as fh:
        rows = list(csv.DictReader(fh))

    def share(column):
        return np.array([float(r[column]) / 100.0 for r in rows])

    return {"year": np.array([float(r["year"]) for r in rows]),
            "impl": share("implementation_pct"),
            "inst": share("institutionalization_pct")}


def plot_network(f, out):
    t = f["time"][:]
    plans = f["network/action_plans"][:]
    total = plans.sum(axis=1)
    at = total > 0
    shares = plans[at] / total[at, None]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for k, (label, colour) in enumerate([("institutionalisation", "#1f3b73"),
                                         ("implementation", "#d1495b"),
                                         ("other", "#999999")]):
        ax.plot(t[at], shares[:, k], "o-", color=colour, label=f"model: {label}")
    seed = read_table1()  # consultations were held in November: year + 0.85
    ax.plot(seed["year"] + 0.85, seed["inst"], "s", mfc="none", color="#1f3b73", ms=9,
            label="APRRN Table 1: institutionalisation")
    ax.plot(seed["year"] + 0.85, seed["impl"], "s", mfc="none", color="#d1495b", ms=9,
            label="APRRN Table 1: implementation")
    ax.set_ylim(0, 1)
    ax.set_xlabel("year")
    ax.set_ylabel("share of action plans")
    ax.set_title("The network's action plans at its consultations")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out + "_network.png", dpi=110)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a protsim run file (.h5)")
    parser.add_argument("--out", help="prefix of the PNG files (default: the file's name)")
    parser.add_argument("--states", help="comma-separated states to draw (default: all "
                        "up to 16, else the largest hosts and those whose institutions "
                        "changed)")
    args = parser.parse_args()
    out = args.out or os.path.splitext(args.file)[0]
    with h5py.File(args.file, "r") as f:
        plot_refugees(f, out)
        plot_states(f, out, args.states.split(",") if args.states else None)
        plot_network(f, out)
    for suffix in ("refugees", "states", "network"):
        print(f"wrote {out}_{suffix}.png")


if __name__ == "__main__":
    main()
