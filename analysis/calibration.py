#!/usr/bin/python3
"""calibration.py - run replicates of the Asia-Pacific baseline and check docs/model.md §9.

    /usr/bin/python3 analysis/calibration.py [-n 100] [--scale 1] [--jobs 2]
        [--binary build/protsim] [--scenario scenarios/asia_pacific.cfg]
        [--set path=value]... [--seed0 1] [--keep DIR] [--json FILE]

runs `protsim run SCENARIO --seed s` for s = seed0 .. seed0+n-1 (to --horizon, 2019-12
by default, so that the Jeju event of 2018-05 has a year to act), JOBS at a time, reads
each result file, and prints one line per calibration target: the target, its accepted
range, the median over the replicates, the 5-95% band and pass or fail. A target passes
when the median lies inside the accepted range (docs/model.md §9). The calibration record is
in docs/model.md ("Calibration"); the data behind each target are in data/.

Also: --from FILE.h5... evaluates existing run or replicate files (each replicate counts
as a run) instead of running; compare and sweep files are refused in one line (exit 2).
Statuses, flows and states are looked up by name in each file (protsim_analysis).
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

from protsim_analysis import FileError, open_file
from protsim_analysis.cli import fail

PROG = "calibration.py"
HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
EAST_SOUTHEAST = ("east", "southeast")
INF = float("inf")

# (key, target in words, low, high, data and definition). Data: data/.
# "population" = persons present less REJECTED (refugees, refugee-like, asylum-seekers
# and the unregistered), compared with REF + ASY of pop.csv; "recognised" = MANDATE +
# PROTECTED, compared with REF. Ranges of stocks are the data +-25% (docs/model.md §9.5).
def within25(x):
    return (0.75 * x, 1.25 * x)


TARGETS = [
    ("acc_all", "1 accessions 2008-2018, region", 0, 1, "MODEL §9.1"),
    ("acc_ese", "1 accessions by East/SE Asian non-parties", 0, 0, "MODEL §9.1"),
    ("acc_nauru", "1 Nauru a party by 2018 (patron)", 0.5, 1, "states.csv: 2011"),
    ("acc_coerced", "1 accessions under a patron link, share",
     0.5, 1, "pooled, MODEL §9.1"),
    ("fw_ese", "2 framework steps 2008-2018, East/SE Asia", 4, 7, "MODEL §9.2"),
    ("stat_lowD", "2 statutes in East/SE states with D < 0.7", 0, 0, "MODEL §9.2"),
    ("twn_statute", "2 Taiwan passes its bill by 2018", 0, 0, "bill stalls"),
    ("rec_jpn", "3 Japan recognition 2009-18 (pooled)", 0, 0.01, "rsd.csv 0.4%"),
    ("rec_kor", "3 Korea recognition 2009-18 (pooled)", 0.01, 0.03, "rsd.csv 3.0%"),
    ("rec_mys", "4 Malaysia UNHCR recognition 2009-18", 0.75, 0.90, "rsd.csv 87.7%"),
    ("rec_idn", "4 Indonesia UNHCR recognition 2009-18", 0.75, 0.90, "rsd.csv 86.1%"),
    ("rec_ind", "4 India UNHCR recognition 2009-18", 0.75, 0.90, "rsd.csv 74.6%"),
    ("legal_mys", "4 Malaysia legal-status share 2018", 0, 0.05, "near 0"),
    ("legal_idn", "4 Indonesia legal-status share 2018", 0, 0.05, "near 0"),
    ("legal_ind", "4 India legal-status share 2018", 0, 0.05, "near 0"),
    ("det_years_mys", "4 Malaysia years with detentions 2009-18", 10, 10, "recurrent"),
    ("det_years_idn", "4 Indonesia years with detentions 2009-18", 10, 10, "recurrent"),
    ("det_years_ind", "4 India years with detentions 2009-18", 10, 10, "recurrent"),
    ("pop_region_mean", "5 region population, mean 2008-18 (M)",
     3.5, 4.2, "pop.csv 3.92"),
    ("pop_region_2012", "5 region population 2012 (M)",
     *within25(3.586537), "pop.csv 3.59"),
    ("pop_region_2017", "5 region population 2017 (M)",
     *within25(4.369388), "pop.csv 4.37"),
    ("rec_stock_bgd_2008", "5 Bangladesh recognised 2008 (start)",
     *within25(28.384), "pop.csv 28.4"),
    ("pop_bgd_2017", "5 Bangladesh population 2017 (k)",
     *within25(932.324), "pop.csv 932"),
    ("rec_stock_mys_2008", "5 Malaysia recognised 2008 (start)",
     *within25(36.668), "pop.csv 36.7"),
    ("rec_stock_mys_2018", "5 Malaysia recognised 2018 (k)",
     *within25(121.305), "pop.csv 121"),
    ("pop_mys_2018", "5 Malaysia population 2018 (k)", *within25(163.106), "pop.csv 163"),
    ("pop_npl_2008", "5 Nepal population 2008 (start)",
     *within25(125.801), "pop.csv 126"),
    ("pop_npl_2012", "5 Nepal population 2012 (k)", *within25(56.280), "pop.csv 56.3"),
    ("pop_npl_2017", "5 Nepal population 2017 (k)", *within25(21.615), "pop.csv 21.6"),
    ("rec_stock_idn_2008", "5 Indonesia recognised 2008 (start)",
     *within25(0.360), "pop.csv 0.36"),
    ("rec_stock_idn_2018", "5 Indonesia recognised 2018 (k)",
     *within25(10.786), "pop.csv 10.8"),
    ("pop_idn_2018", "5 Indonesia population 2018 (k)",
     *within25(13.982), "pop.csv 14.0"),
    ("solutions", "6 durable solutions, region, median year 2009-18",
     0.01, 0.03, "1/year"),
    ("impl_2008", "7 implementation share of plans, APCRR1 2008",
     0.44, 0.54, "plans.csv .486"),
    ("impl_2012", "7 implementation share, APCRR4 2012", 0.70, 0.80, "plans.csv .746"),
    ("impl_2014", "7 implementation share, APCRR5 2014", 0.73, 0.78, "plans.csv .731"),
    ("impl_2016", "7 implementation share, APCRR6 2016", 0.73, 0.78, "plans.csv .776"),
    ("inst_2008", "7 institutionalisation share, 2008", 0.21, 0.31, "plans.csv .257"),
    ("inst_2016", "7 institutionalisation share, 2016", 0.13, 0.23, "plans.csv .176"),
    ("members_2017", "7 network members end 2017", 255, 345, "seed ~300"),
    ("geneva_ratio", "7 UNHCR consultation members 2016/2012", 2.2, 4.4, "seed 50/15"),
    ("jeju_dS", "8 Korea: rise of S within a year of 2018-05", 0.01, 1, "tightening"),
    ("jeju_dP", "8 Korea: change of mean P, 2018-04 to 2019-04", -1, -0.01, "tightening"),
    ("jeju_dL", "8 Korea: change of framework level (no repeal)", 0, 0, "no repeal"),
]

# Consultation months whose action plans Table 1 reports (network.consultations).
APCRR = {"2008": "2008-11", "2012": "2012-11", "2014": "2014-11", "2016": "2016-09"}


def month_index(start, ym):
    y0, m0 = (int(x) for x in start.split("-"))
    y, m = (int(x) for x in ym.split("-"))
    return (y - y0) * 12 + (m - m0)


def state_democracy(scenario_text):
    """Democracy of each state by name, from the resolved scenario the file holds."""
    body = scenario_text[scenario_text.index("states = {"):]
    out = {}
    for block in re.split(r"\n        \{\n", body)[1:]:
        name = re.search(r'name = "([^"]*)";', block).group(1)
        out[name] = float(re.search(r"democracy = ([0-9.eE+-]+);", block).group(1))
    return out


def pooled(num, den):
    return float(num / den) if den > 0 else float("nan")


class Run:
    """One run of a part (replicate r of a replicate file, or the run): series by name."""

    def __init__(self, part, r=None):
        self.part, self.r = part, r

    def get(self, dataset, **labels):
        """The dataset's values of this run, with the named labels picked (sum over a
        list of labels: get("refugees/count", status=["mandate", "protected"]))."""
        s = self.part.series(dataset)
        if self.r is not None:
            s = s.sel(replicate=self.r)
        for dim, want in labels.items():
            s = s.sel(**{dim: want})
            if isinstance(want, (list, tuple)):
                s = s.reduce(dim)
        return s.values

    def events(self):
        ev = self.part.events()
        keep = (np.ones(len(ev.get("type", [])), dtype=bool) if self.r is None
                else ev["replicate"] == self.r)
        return [(d, t, s) for d, t, s, k in zip(ev["date"], ev["type"], ev["state"], keep) if k]


def runs_of(path):
    """Every run in a run or replicate file, as Run objects (FileError otherwise)."""
    rf = open_file(path)
    rf.require(("run", "replicates"), PROG)
    part = rf.part
    if part.replicates:
        return rf, [Run(part, r) for r in range(int(part.replicates))]
    return rf, [Run(part)]


def metrics_of_file(path):
    """The calibration metrics of every run in the file at path."""
    rf, runs = runs_of(path)
    with rf:
        return [metrics(run) for run in runs]


PERIOD = ("2008-01", "2018-12")   # the months every target but Jeju reads


class StateIndex(dict):
    """{state name: index}; a state the file lacks is a FileError, not a KeyError."""

    def __init__(self, names, where):
        super().__init__((n, k) for k, n in enumerate(names))
        self.where = where

    def __missing__(self, name):
        raise FileError(f"{self.where}: no state '{name}': the targets are those of the "
                        f"Asia-Pacific baseline (it has: {', '.join(self)})")


def metrics(run):
    """Every calibration metric of one run, as a dict of floats."""
    part = run.part
    start = part.attrs["start"]
    months = part.month_labels
    if months[0] > PERIOD[0] or months[-1] < PERIOD[1]:
        raise FileError(f"{part.where()}: runs {months[0]} to {months[-1]}; the targets "
                        f"need {PERIOD[0]} to {PERIOD[1]}")
    names = part.labels("state")
    sub = StateIndex(names, part.where())
    sub.update(zip(names, part.series("states/subregion").values))
    dem = state_democracy(part.attrs["scenario"])
    present_names = part.present_statuses()
    present = run.get("refugees/count", status=present_names)            # [T, S]
    population = present - run.get("refugees/count", status="rejected")
    recognised = run.get("refugees/count", status=["mandate", "protected"])
    ev = run.events()
    plans = part.series("network/action_plans")
    kinds = plans.labels("plan_kind")
    plans = run.get("network/action_plans")
    members = run.get("network/members")
    geneva = run.get("network/consultation_participants")
    region_sol = run.get("region/solutions_rate")
    S = run.get("states/securitisation")
    P = np.nanmean(run.get("states/implementation"), axis=-1)
    L = run.get("states/law_level")
    t = lambda ym: month_index(start, ym)  # noqa: E731
    T = present.shape[0]
    i = StateIndex(names, part.where())
    m = {}

    def by_2018(date):
        return date <= "2018-12"

    rat = [(d, s) for d, typ, s in ev if typ == "ratification" and by_2018(d)]
    links = {s: d for d, typ, s in ev if typ == "patron_link"}
    m["acc_all"] = len(rat)
    m["acc_ese"] = sum(sub[s] in EAST_SOUTHEAST for _, s in rat)
    m["acc_nauru"] = float(any(s == "Nauru" for _, s in rat))
    m["acc_coerced_n"] = sum(s in links and d >= links[s] for d, s in rat)
    fw = [(d, typ, s) for d, typ, s in ev
          if typ in ("admin_step", "regulation", "statute") and by_2018(d)]
    m["fw_ese"] = sum(sub[s] in EAST_SOUTHEAST for _, _, s in fw)
    m["stat_lowD"] = sum(typ == "statute" and sub[s] in EAST_SOUTHEAST and dem[s] < 0.7
                         for _, typ, s in fw)
    m["twn_statute"] = float(any(typ == "statute" and s == "Taiwan" for _, typ, s in fw))

    a, b = t("2009-01"), t("2018-12") + 1
    rec = run.get("refugees/flows", flow=["recognitions_state", "recognitions_unhcr"])[a:b]
    dec = run.get("refugees/flows", flow="decisions")[a:b]
    detentions = run.get("refugees/flows", flow="detentions")
    detained = run.get("refugees/count", status="detained")
    protected = run.get("refugees/count", status="protected")
    for key, name in (("jpn", "Japan"), ("kor", "Republic of Korea"), ("mys", "Malaysia"),
                      ("idn", "Indonesia"), ("ind", "India")):
        k = i[name]
        m["rec_" + key] = pooled(rec[:, k].sum(), dec[:, k].sum())
    dec18 = t("2018-12")
    for key, name in (("mys", "Malaysia"), ("idn", "Indonesia"), ("ind", "India")):
        k = i[name]
        m["legal_" + key] = pooled(protected[dec18, k], present[dec18, k])
        det = detentions[a:b, k].reshape(10, 12).sum(axis=1)
        m["det_years_" + key] = int((det > 0).sum())
        m["det_inc_" + key] = pooled(detained[a:b, k].mean(), present[a:b, k].mean())

    decembers = [t("%d-12" % y) for y in range(2008, 2019)]
    region = population.sum(axis=1)
    m["pop_region_mean"] = float(region[decembers].mean()) / 1e6
    m["pop_region_2012"] = float(region[t("2012-12")]) / 1e6
    m["pop_region_2017"] = float(region[t("2017-12")]) / 1e6
    bgd, mys, npl, idn = i["Bangladesh"], i["Malaysia"], i["Nepal"], i["Indonesia"]
    # The 2008 stocks are end-2008 data the run starts from (2008-01): by construction.
    m["rec_stock_bgd_2008"] = float(recognised[0, bgd]) / 1e3
    m["pop_bgd_2017"] = float(population[t("2017-12"), bgd]) / 1e3
    m["rec_stock_mys_2008"] = float(recognised[0, mys]) / 1e3
    m["rec_stock_mys_2018"] = float(recognised[dec18, mys]) / 1e3
    m["pop_mys_2018"] = float(population[dec18, mys]) / 1e3
    m["pop_npl_2008"] = float(population[0, npl]) / 1e3
    for y in (2012, 2017):
        m["pop_npl_%d" % y] = float(population[t("%d-12" % y), npl]) / 1e3
    m["rec_stock_idn_2008"] = float(recognised[0, idn]) / 1e3
    m["rec_stock_idn_2018"] = float(recognised[dec18, idn]) / 1e3
    m["pop_idn_2018"] = float(population[dec18, idn]) / 1e3
    # the typical year: 2016's return waves make the mean unrepresentative
    years = [t("%d-12" % y) for y in range(2009, 2019)]
    m["solutions"] = float(np.nanmedian(region_sol[years]))

    for year, ym in APCRR.items():
        row = plans[t(ym)]
        total = row.sum()
        m["impl_" + year] = pooled(row[kinds.index("implementation")], total)
        m["inst_" + year] = pooled(row[kinds.index("institutionalisation")], total)
    m["members_2017"] = float(members[t("2017-12")])
    g12, g16 = geneva[t("2012-06")], geneva[t("2016-06")]
    m["geneva_2012"], m["geneva_2016"] = float(g12), float(g16)
    m["geneva_ratio"] = (float(g16 / g12) if g12 > 0
                         else INF if g16 > 0 else float("nan"))

    kor, before, after = i["Republic of Korea"], t("2018-04"), t("2019-04")
    if after < T:
        m["jeju_dS"] = float(S[before + 1:after + 1, kor].max() - S[before, kor])
        m["jeju_dP"] = float(P[after, kor] - P[before, kor])
        m["jeju_dL"] = float(L[after, kor] - L[before, kor])
    return m


def run_one(args, seed, workdir):
    out = os.path.join(workdir, "rep_%d.h5" % seed)
    cmd = [args.binary, "run", args.scenario, "-o", out, "--seed", str(seed), "--quiet",
           "--force", "--threads", "1", "--set", "time.end=" + args.horizon,
           "--set", "refugees.agents_per_person=%g" % args.scale]
    for s in args.set:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    try:
        return metrics_of_file(out)[0]
    finally:
        if not args.keep:
            os.remove(out)


def summarise(runs):
    """Median, 5% and 95% of each metric over the replicates; acc_coerced is pooled."""
    keys = sorted({k for r in runs for k in r})
    out = {}
    for k in keys:
        x = np.array([r.get(k, float("nan")) for r in runs], dtype=float)
        x = x[~np.isnan(x)]
        if len(x) == 0:
            out[k] = (float("nan"),) * 3
            continue
        with np.errstate(invalid="ignore"):  # a ratio may be inf (nobody in 2012)
            out[k] = (float(np.median(x)), float(np.percentile(x, 5)),
                      float(np.percentile(x, 95)))
    n_acc = sum(r["acc_all"] for r in runs)
    share = sum(r["acc_coerced_n"] for r in runs) / n_acc if n_acc else float("nan")
    out["acc_coerced"] = (share, share, share)
    return out


def fmt(x):
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return str(x)
    if abs(x) >= 100 or x == int(x):
        return "%.0f" % x if abs(x) >= 100 else "%g" % x
    return "%.3g" % x


def table(summary, n):
    row = "%-46s %-15s %9s %19s  %s"
    lines = [row % ("target", "accepted", "median", "5-95%", "result")]
    passed = 0
    for key, words, lo, hi, _ in TARGETS:
        med, p5, p95 = summary.get(key, (float("nan"),) * 3)
        ok = lo <= med <= hi
        passed += ok
        band = "[%s, %s]" % (fmt(p5), fmt(p95))
        accepted = "[%s, %s]" % (fmt(lo), fmt(hi))
        lines.append(row % (words, accepted, fmt(med), band, "pass" if ok else "FAIL"))
    lines.append("%d of %d targets pass (median of %d replicates inside the range)"
                 % (passed, len(TARGETS), n))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100, help="replicates (default 100)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="refugees.agents_per_person (default 1: full scale)")
    ap.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "protsim"))
    ap.add_argument("--scenario",
                    default=os.path.join(ROOT, "scenarios", "asia_pacific.cfg"))
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    ap.add_argument("--seed0", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--horizon", default="2019-12",
                    help="last month run (default 2019-12)")
    ap.add_argument("--keep", metavar="DIR", help="keep the run files in DIR")
    ap.add_argument("--json", metavar="FILE", help="also write the summary as JSON")
    ap.add_argument("--from", dest="files", nargs="+", metavar="FILE.h5",
                    help="evaluate these run files instead of running")
    args = ap.parse_args()
    if args.files:
        try:
            runs = [m for p in args.files for m in metrics_of_file(p)]
        except FileError as e:
            fail(PROG, e)
    else:
        workdir = args.keep or tempfile.mkdtemp(prefix="calibration-")
        os.makedirs(workdir, exist_ok=True)
        seeds = range(args.seed0, args.seed0 + args.n)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = list(pool.map(lambda s: run_one(args, s, workdir), seeds))
        if not args.keep:
            os.rmdir(workdir)
    summary = summarise(runs)
    print(table(summary, len(runs)))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"summary": summary, "runs": runs}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
