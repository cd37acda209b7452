#!/usr/bin/python3
"""handover_check.py - does a state keep deciding claims after it takes RSD over?

    /usr/bin/python3 analysis/handover_check.py [-n 10] [--jobs 2]
        [--binary build/protsim] [--scenario scenarios/strategy_legislation.cfg]
        [--set path=value]... [--seed0 1] [--from FILE.h5...]

runs `protsim run SCENARIO --seed s` for s = seed0 .. seed0+n-1 at the scenario's own
scale (full scale for the Asia-Pacific scenarios), finds every `handover` event (UNHCR
hands refugee status determination over to the state, docs/model.md §7.3) and compares
the decisions in that state in the 12 months before the handover month (months t-12 ..
t-1, decided by UNHCR) with those in the 12 months from it (t .. t+11, decided by the
state: the refugee phase of month t already uses the new authority). The check holds
for a handover when after >= half of before. Handovers with fewer than 12 months of
run left are listed as censored and not judged. Beside the realised decisions it prints
the expected ones, sum over the 12 months of min(state's capacity, backlog at the start
of the month) from /states/decision_capacity and /states/backlog, so that a realised
count of a few decisions that falls short by chance can be told from a state that
stopped deciding: a handover that fails the check is marked "chance" when its expected
decisions reach half of before and the realised count is not implausibly low for them
(Poisson probability of so few >= 0.01), FAIL otherwise. Prints one line per handover
and a summary; exits 1 when any handover is FAIL, 0 otherwise.
Needs Debian's python3-h5py and python3-numpy (run with /usr/bin/python3).
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy.stats import poisson

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)


def month_index(start, ym):
    y0, m0 = (int(x) for x in start.split("-"))
    y, m = (int(x) for x in ym.split("-"))
    return (y - y0) * 12 + (m - m0)


def handovers(path, seed):
    """One dict per handover event of the run file at path."""
    rows = []
    with h5py.File(path, "r") as f:
        start = f.attrs["start"]
        names = list(f["states/name"].asstr()[:])
        flow_names = list(f["refugees/flow_names"].asstr()[:])
        flows = f["refugees/flows"][:, :, flow_names.index("decisions")]
        backlog = f["states/backlog"][:]
        capacity = f["states/decision_capacity"][:]
        for e in f["events"][:]:
            if e["type"].decode() != "handover":
                continue
            name = e["state"].decode()
            date = e["date"].decode()
            i, t = names.index(name), month_index(start, date)
            T = flows.shape[0]
            before = float(flows[max(0, t - 12):t, i].sum())
            after = expected = float("nan")
            if t + 12 <= T:
                after = float(flows[t:t + 12, i].sum())
            if t + 12 <= T and t > 0:  # the backlog before the first month is not stored
                expected = float(np.minimum(capacity[t:t + 12, i],
                                            backlog[t - 1:t + 11, i]).sum())
            rows.append({"seed": seed, "state": name, "date": date,
                         "backlog": float(backlog[t - 1, i]) if t > 0 else float("nan"),
                         "before": before, "after": after, "expected": expected})
    return rows


def run_one(args, seed, workdir):
    out = os.path.join(workdir, "rep_%d.h5" % seed)
    cmd = [args.binary, "run", args.scenario, "-o", out, "--seed", str(seed), "--quiet",
           "--force", "--threads", "1"]
    for s in args.set:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    try:
        return handovers(out, seed)
    finally:
        os.remove(out)


def verdict(row):
    if np.isnan(row["after"]):
        return "censored"
    if row["after"] >= 0.5 * row["before"]:
        return "ok"
    expected = row["expected"]
    if expected >= 0.5 * row["before"] and poisson.cdf(row["after"], expected) >= 0.01:
        return "chance"
    return "FAIL"


def report(rows, n_runs):
    line = "%6s  %-18s %-8s %10s %10s %10s %10s  %s"
    print(line % ("seed", "state", "month", "backlog", "dec before", "dec after",
                  "expected", "check"))
    for r in sorted(rows, key=lambda r: (r["seed"], r["date"], r["state"])):
        print(line % (r["seed"], r["state"], r["date"], "%.0f" % r["backlog"],
                      "%.0f" % r["before"], "%.0f" % r["after"], "%.1f" % r["expected"],
                      verdict(r)))
    judged = [r for r in rows if verdict(r) != "censored"]
    short = [r for r in judged if verdict(r) != "ok"]
    failed = [r for r in judged if verdict(r) == "FAIL"]
    print("%d handovers in %d runs: %d judged, %d censored (less than 12 months left); "
          "%d with decisions in the 12 months from the handover < half of the 12 months "
          "before, %d of them FAIL (the expected decisions fall short too, or the "
          "realised ones are implausibly few)"
          % (len(rows), n_runs, len(judged), len(rows) - len(judged), len(short),
             len(failed)))
    for r in short:
        print("  %s %s %s (seed %s): %.0f decisions before, %.0f after, %.1f expected; "
              "P(Poisson(expected) <= after) = %.2f"
              % (verdict(r), r["state"], r["date"], r["seed"], r["before"], r["after"],
                 r["expected"], poisson.cdf(r["after"], r["expected"])))
    if judged:
        ratio = [r["after"] / r["before"] for r in judged if r["before"] > 0]
        if ratio:
            print("after/before over handovers with decisions before: min %.2f, "
                  "median %.2f, max %.2f" % (min(ratio), float(np.median(ratio)),
                                             max(ratio)))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10, help="replicates (default 10)")
    ap.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "protsim"))
    ap.add_argument("--scenario",
                    default=os.path.join(ROOT, "scenarios", "strategy_legislation.cfg"))
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    ap.add_argument("--seed0", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--from", dest="files", nargs="+", metavar="FILE.h5",
                    help="check these run files instead of running")
    args = ap.parse_args()
    if args.files:
        runs = [handovers(p, k) for k, p in enumerate(args.files)]
    else:
        workdir = tempfile.mkdtemp(prefix="handover-")
        seeds = range(args.seed0, args.seed0 + args.n)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = list(pool.map(lambda s: run_one(args, s, workdir), seeds))
        os.rmdir(workdir)
    return report([r for rows in runs for r in rows], len(runs))


if __name__ == "__main__":
    sys.exit(main())
