#!/usr/bin/python3
"""scale_check.py - do securitisation and the refugee series depend on the sampling rate?

    /usr/bin/python3 analysis/scale_check.py [-n 10] [--threads 2]
        [--binary build/protsim] [--scenario scenarios/asia_pacific.cfg]
        [--low 0.1] [--high 1] [--set path=value]...

runs `protsim run SCENARIO --replicates N --set time.end=2018-12` at
refugees.agents_per_person = LOW (--seed 1) and = HIGH (--seed 2: replicate seeds
derived from different run seeds, so that the two samples are independent) and compares, per state, the replicates' mean
securitisation over 2009-01 .. 2018-12, and the region's refugees (/region/refugees) in
each December 2009 .. 2018 (docs/model.md §10 item 48, §11).

The rule: the two samples of N replicate values agree when Welch's two-sided t test
gives p >= 0.01 / M, M the number of comparisons of the family (the states for S, the
ten Decembers for the refugees): a family-wise error of at most 1% (Bonferroni) when the
rate changes nothing but the sampling noise. Equivalently, with N = 10 the difference
lies within about 3.6-4 standard errors of the difference (|t| below the t
quantile). States with no refugees at either rate (S identical in every replicate)
agree when the means are equal. Prints one line per comparison (means, standard errors,
the difference in standard errors, p) and a summary; exit status 1 when any comparison
fails, 0 otherwise. tests/unit/test_step_exogenous.c runs the same rule on small_world
in ctest (12 replicates, in about a second).
Needs Debian's python3-h5py, python3-numpy and python3-scipy (run with /usr/bin/python3).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
ALPHA = 0.01
FIRST, MONTHS = 12, 120  # 2009-01 .. 2018-12 of a run from 2008-01
DECEMBERS = [FIRST + 11 + 12 * k for k in range(10)]


def run_at(args, rate, seed, workdir):
    """Per-replicate mean S [N, states], December refugees [N, 10], state names."""
    out = os.path.join(workdir, f"scale_{rate}.h5")
    argv = [args.binary, "run", args.scenario, "--replicates", str(args.n),
            "--threads", str(args.threads), "--seed", str(seed), "-o", out, "--quiet", "--force",
            "--set", "time.end=2018-12", "--set", f"refugees.agents_per_person={rate}"]
    for s in args.set:
        argv += ["--set", s]
    if subprocess.run(argv).returncode != 0:
        sys.exit(f"scale_check.py: {' '.join(argv[:3])} at {rate} agents per person failed")
    with h5py.File(out, "r") as f:
        if f.attrs["start"] != "2008-01":
            sys.exit(f"scale_check.py: {args.scenario} starts in {f.attrs['start']}, "
                     "not 2008-01")
        S = f["states/securitisation"][:, FIRST:FIRST + MONTHS, :].mean(axis=1)
        refugees = f["region/refugees"][:][:, DECEMBERS]
        names = list(f["states/name"].asstr()[:])
    os.remove(out)
    return S, refugees, names


def compare(label, x, y, m):
    """One line for samples x (low rate) and y (high rate); (agree, difference in se)."""
    n = len(x)
    se = np.sqrt(x.var(ddof=1) / n + y.var(ddof=1) / n)
    if se == 0.0:
        p = 1.0 if abs(x.mean() - y.mean()) <= 1e-12 * max(1.0, abs(x.mean())) else 0.0
        z = 0.0
    else:
        p = stats.ttest_ind(x, y, equal_var=False).pvalue
        z = (x.mean() - y.mean()) / se
    ok = p >= ALPHA / m
    print(f"  {label:<22} {x.mean():>12.5g} {x.std(ddof=1) / np.sqrt(n):>10.3g}"
          f" {y.mean():>12.5g} {y.std(ddof=1) / np.sqrt(n):>10.3g} {z:>+7.2f}"
          f" {p:>9.3g}  {'ok' if ok else 'FAIL'}")
    return ok, abs(z)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10, help="replicates per rate (default 10)")
    ap.add_argument("--threads", type=int, default=2, help="threads (default 2)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "protsim"))
    ap.add_argument("--scenario", default=os.path.join(ROOT, "scenarios", "asia_pacific.cfg"))
    ap.add_argument("--low", default="0.1", help="agents per person (default 0.1)")
    ap.add_argument("--high", default="1", help="agents per person (default 1)")
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    args = ap.parse_args()
    if args.n < 2:
        sys.exit("scale_check.py: -n must be at least 2")
    with tempfile.TemporaryDirectory(prefix="scale_check.") as tmp:
        S_lo, R_lo, names = run_at(args, args.low, 1, tmp)
        S_hi, R_hi, _ = run_at(args, args.high, 2, tmp)
    head = (f"  {'':<22} {'mean ' + args.low:>12} {'se':>10} {'mean ' + args.high:>12}"
            f" {'se':>10} {'diff/se':>7} {'p':>9}")
    results = []
    print(f"{args.scenario}: {args.n} replicates at {args.low} and at {args.high} agents "
          f"per person; agree when Welch's p >= {ALPHA} / M")
    print(f"mean securitisation 2009-2018 per state (M = {len(names)})")
    print(head)
    for k, name in enumerate(names):
        results.append(compare(name, S_lo[:, k], S_hi[:, k], len(names)))
    print(f"region's refugees in December (M = {len(DECEMBERS)})")
    print(head)
    for j in range(len(DECEMBERS)):
        results.append(compare(f"{2009 + j}-12", R_lo[:, j], R_hi[:, j], len(DECEMBERS)))
    fails = sum(not ok for ok, _ in results)
    print(f"{fails} of {len(names) + len(DECEMBERS)} comparisons differ; largest "
          f"|difference| {max(z for _, z in results):.2f} standard errors")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
