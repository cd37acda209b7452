#!/usr/bin/python3
"""golden.py - golden ensemble tests: the outcome distributions of small_world.

    golden.py make PROTSIM [-o tests/golden/small_world.h5]
    golden.py check PROTSIM [GOLDEN.h5] [--set path=value]... [--scale path=factor]...
                    [--expect-change]

make runs 50 replicates of scenarios/small_world.cfg (a one-point sweep, seed 1) and
stores every replicate's summary metrics (include/protsim/summary.h) at the end of
December 2012, 2016 and 2020 (the last year: the metrics at the end) in GOLDEN.h5.

check runs 50 fresh replicates with other seeds (sweep seed 2), so that its sample is
independent of the golden one, and compares each metric's two samples with the
two-sample Kolmogorov-Smirnov test (scipy.stats.ks_2samp, exact p-values). The family
of M metrics is tested at alpha = 0.01 with Bonferroni's correction: a metric fails when
p < 0.01 / M, so a model whose behaviour is unchanged fails with probability at most
1% (less with ties, where the test is conservative), whatever a refactor does to the
random draws. A change that moves a metric's distribution by about one standard
deviation or more fails. Both runs are deterministic: a given protsim either passes or
fails, every time.

--scale path=factor sets a group.key setting to factor times its resolved value (passed
on as --set). --expect-change inverts the verdict: the self-test, where a deliberate
model change (--scale refugees.status_per_year=1.2, a 20% faster status decision) must
fail. Exit status 0 when the verdict is the expected one.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy import stats

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = "scenarios/small_world.cfg"
GOLDEN = os.path.join(SRC, "tests", "golden", "small_world.h5")
REPLICATES = 50
YEARS = (2012, 2016, 2020)
GOLDEN_SEED, CHECK_SEED = 1, 2
ALPHA = 0.01
# The sweep needs one parameter; it takes this setting at its resolved value, which
# changes nothing.
ANCHOR = ("unhcr", "ratification_emphasis")


def resolved(protsim, scenario, sets, group, key):
    """The value of group.key in `protsim check` of scenario with sets."""
    argv = [protsim, "check", scenario] + [a for s in sets for a in ("--set", s)]
    text = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    block = re.search(rf"^{group} = {{\n(.*?)^}};", text, re.M | re.S)
    value = block and re.search(rf"^    {key} = ([^;]+);", block.group(1), re.M)
    if not value:
        sys.exit(f"golden: no {group}.{key} in protsim check {scenario}")
    return value.group(1)


def run_ensemble(protsim, seed, sets, workdir):
    """(metric names, values [replicates, metrics]) of REPLICATES runs of small_world."""
    scenario = os.path.join(SRC, SCENARIO)
    anchor = resolved(protsim, scenario, sets, *ANCHOR)
    sweep = os.path.join(workdir, "golden_sweep.cfg")
    quoted = ", ".join(f'"{s}"' for s in sets)
    with open(sweep, "w", encoding="utf-8") as f:
        f.write(f'base = "{scenario}";\n')
        if sets:
            f.write(f"set = [{quoted}];\n")
        f.write(f'design = "grid";\nreplicates = {REPLICATES};\nseed = {seed};\n')
        f.write(f'parameters = ( {{ name = "anchor"; path = "{".".join(ANCHOR)}"; '
                f"values = [{anchor}]; }} );\n")
        f.write(f"outputs = {{ years = [{', '.join(map(str, YEARS))}]; }};\n")
    out = os.path.join(workdir, "golden_sweep.h5")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    subprocess.run([protsim, "sweep", sweep, "-o", out, "--force", "--quiet"], check=True,
                   env=env)
    with h5py.File(out, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n
                 for n in f["summary/metric_names"][:]]
        values = f["summary/values"][:]
        if np.any(f["sweep/status"][:] != 0):
            sys.exit("golden: some runs of the ensemble failed")
    return names, values


def make(args):
    with tempfile.TemporaryDirectory() as tmp:
        names, values = run_ensemble(args.protsim, GOLDEN_SEED, [], tmp)
    version = subprocess.run([args.protsim, "--version"], check=True, capture_output=True,
                             text=True).stdout.strip()
    with h5py.File(args.output, "w") as f:
        f.create_dataset("values", data=values, track_times=False)
        f["values"].attrs["dimensions"] = "replicate,metric"
        f["values"].attrs["description"] = ("summary metrics of each replicate at the end "
                                            "of December of each year")
        f.create_dataset("metric_names", data=np.array(names, dtype=h5py.string_dtype()),
                         track_times=False)
        f.attrs["scenario"] = SCENARIO
        f.attrs["replicates"] = REPLICATES
        f.attrs["sweep_seed"] = GOLDEN_SEED
        f.attrs["years"] = np.array(YEARS, dtype=np.int64)
        f.attrs["made_by"] = f"{version}: tests/golden/golden.py make"
    print(f"golden: wrote {args.output}: {REPLICATES} replicates x {len(names)} metrics")
    return 0


def compare(golden_names, golden, names, values):
    """[(metric, D, p)] of the two-sample KS test of each metric."""
    if list(golden_names) != list(names):
        sys.exit(f"golden: the metrics differ from the golden file's; regenerate it "
                 f"(tests/golden/README.md)\n  golden: {golden_names}\n  now:    {names}")
    rows = []
    for j, name in enumerate(names):
        result = stats.ks_2samp(golden[:, j], values[:, j], method="exact")
        rows.append((name, result.statistic, result.pvalue))
    return rows


def scaled(protsim, spec):
    """--scale group.key=factor as the --set that applies it."""
    path, factor = spec.split("=")
    group, key = path.split(".")
    value = float(resolved(protsim, os.path.join(SRC, SCENARIO), [], group, key))
    return f"{path}={value * float(factor)!r}"


def check(args):
    args.set += [scaled(args.protsim, s) for s in args.scale]
    with h5py.File(args.golden, "r") as f:
        golden_names = list(f["metric_names"].asstr()[:])
        golden = f["values"][:]
    with tempfile.TemporaryDirectory() as tmp:
        names, values = run_ensemble(args.protsim, CHECK_SEED, args.set, tmp)
    rows = compare(golden_names, golden, names, values)
    level = ALPHA / len(rows)
    failed = [r for r in rows if r[2] < level]
    print(f"golden: {len(rows)} metrics, {REPLICATES} vs {REPLICATES} replicates, "
          f"two-sample KS, alpha {ALPHA} / {len(rows)} = {level:.2e} per metric"
          + (f"; with --set {' '.join(args.set)}" if args.set else ""))
    for j, (name, d, p) in enumerate(rows):
        print(f"  {name:30s} D = {d:.2f}  p = {p:9.3g}  mean {np.mean(golden[:, j]):10.5g}"
              f" -> {np.mean(values[:, j]):10.5g}  {'FAIL' if p < level else 'ok'}")
    changed = bool(failed)
    print(f"golden: {len(failed)} of {len(rows)} metrics differ: the model's behaviour "
          + ("changed" if changed else "is unchanged"))
    if args.expect_change:
        print("golden: a change was expected: " + ("detected" if changed else "NOT detected"))
        return 0 if changed else 1
    if changed:
        print("golden: if the change is intended, record it in docs/model.md and "
              "regenerate the golden file (tests/golden/README.md)")
    return 1 if changed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("make", help="write the golden file")
    p.add_argument("protsim")
    p.add_argument("-o", "--output", default=GOLDEN)
    p = sub.add_parser("check", help="compare a fresh ensemble with the golden file")
    p.add_argument("protsim")
    p.add_argument("golden", nargs="?", default=GOLDEN)
    p.add_argument("--set", action="append", default=[], metavar="path=value")
    p.add_argument("--scale", action="append", default=[], metavar="path=factor")
    p.add_argument("--expect-change", action="store_true")
    args = parser.parse_args()
    return make(args) if args.command == "make" else check(args)


if __name__ == "__main__":
    sys.exit(main())
