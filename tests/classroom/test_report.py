"""test_report - protsim report on run, replicate, compare and sweep files made here."""

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import numpy as np

from common import BIN, LESSONS, PROTSIM, SRC
from protsim_analysis.report import build, cfgtext, h5read, why

VENDOR = os.path.join(SRC, "analysis", "protsim_analysis", "report", "vendor")
REPORT = ["/usr/bin/python3", os.path.join(BIN, "protsim-report")]


def make_files(d):
    """A run, a replicate, a compare and a sweep file of small worlds, in folder d; and
    the same compare kept by default (quantiles) and with --keep summary."""
    files = {}
    def run(*args):
        subprocess.run([PROTSIM] + list(args) + ["--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
    files["run"] = os.path.join(d, "run.h5")
    run("run", os.path.join(SRC, "scenarios", "small_world.cfg"), "-o", files["run"])
    files["replicates"] = os.path.join(d, "reps.h5")
    run("run", os.path.join(LESSONS, "04-securitisation.cfg"), "--replicates", "3",
        "-o", files["replicates"])
    files["compare"] = os.path.join(d, "cmp.h5")
    data = os.path.join(SRC, "tests", "data")
    pair = [os.path.join(data, "good_small_ratification.cfg"),
            os.path.join(data, "good_small_legislation.cfg"), "-n", "4"]
    run("compare", *pair, "--keep", "all", "-o", files["compare"])
    files["compare_quantiles"] = os.path.join(d, "cmp_default.h5")      # no --keep
    run("compare", *pair, "-o", files["compare_quantiles"])
    files["compare_summary"] = os.path.join(d, "cmp_summary.h5")
    run("compare", *pair, "--keep", "summary", "-o", files["compare_summary"])
    sweep = os.path.join(d, "sweep.cfg")
    with open(sweep, "w") as fh:
        fh.write('base = "%s"; design = "lhs"; points = 6; replicates = 1; seed = 5;\n'
                 'parameters = ( { name = "places"; path = "unhcr.resettlement_per_year"; '
                 'range = [0.0, 2000.0]; } );\n' % os.path.join(LESSONS, "05-resettlement.cfg"))
    files["sweep"] = os.path.join(d, "sweep.h5")
    run("sweep", sweep, "-o", files["sweep"], "--threads", "1")
    return files


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="protsim-report-test-")
        cls.files = make_files(cls.dir)
        cls.pages = {}
        for kind, path in cls.files.items():
            page = os.path.join(cls.dir, kind + ".html")
            p = subprocess.run(REPORT + [path, "-o", page], capture_output=True, text=True)
            assert p.returncode == 0, p.stderr
            with open(page, encoding="utf-8") as fh:
                cls.pages[kind] = fh.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def data(self, kind):
        m = re.search(r'<script id="data" type="application/json">(.*?)</script>',
                      self.pages[kind], re.S)
        return json.loads(m.group(1))

    def test_every_kind_of_file_gives_a_page_of_its_kind(self):
        for kind in ("run", "replicates", "compare", "sweep"):
            self.assertEqual(self.data(kind)["kind"], kind)
        for keep in ("quantiles", "summary"):
            d = self.data("compare_" + keep)
            self.assertEqual((d["kind"], d["keep"]), ("compare", keep))
        self.assertEqual(self.data("compare")["keep"], "all")

    def test_a_default_compare_page_draws_the_bands_the_file_keeps(self):
        # The same seeds with --keep all and the default --keep quantiles: the file's
        # 5/50/95% quantiles (type 7) are the bands the page computes from every replicate.
        full, kept = self.data("compare"), self.data("compare_quantiles")
        self.assertEqual(kept["reduced"], "")
        for a, b in zip(full["parts"], kept["parts"]):
            self.assertEqual((b["replicates"], b["months"], b["states"]),
                             (4, a["months"], a["states"]))
            for k in ("poi", "refugees", "legal_status_share"):
                for level in ("mid", "lo", "hi"):
                    np.testing.assert_allclose(np.array(b["region"][k][level], dtype=float),
                                               np.array(a["region"][k][level], dtype=float),
                                               rtol=1e-3, equal_nan=True)
            for k in ("poi", "securitisation", "pressure_ratification"):
                for level in ("mid", "lo", "hi"):
                    np.testing.assert_allclose(
                        np.array(b["indicators"][k][level], dtype=float),
                        np.array(a["indicators"][k][level], dtype=float),
                        rtol=1e-3, atol=1e-12, equal_nan=True)
            np.testing.assert_allclose(np.array(b["count"], dtype=float),
                                       np.array(a["count"], dtype=float), rtol=1e-3)
            self.assertNotIn("lo", b["implementation_mean"])   # no band of a mean of bands
            self.assertEqual(b["plans_of"], "the median over replicates")
            self.assertEqual([e["date"] for e in b["events"]],
                             [e["date"] for e in a["events"]])   # replicate 0's events
            adopted = [e for e in b["events"] if e["type"] == "ratification"]
            self.assertTrue(adopted)
            for e in adopted:
                self.assertEqual(e["driver"], "not kept")
                self.assertRegex(e["why"], r"^not rebuilt: the file keeps the replicates' "
                                           r"5/50/95% bands.*median hazard that month ")
        self.assertEqual(kept["comparison"]["rows"], full["comparison"]["rows"])
        self.assertEqual(kept["comparison"]["paired"], full["comparison"]["paired"])

    def test_a_summary_compare_page_has_the_table_and_says_it_keeps_no_series(self):
        d, full = self.data("compare_summary"), self.data("compare")
        self.assertEqual([p["label"] for p in d["parts"]], ["A", "B"])
        for p in d["parts"]:
            self.assertEqual((p["replicates"], p["keep"], p["states"]), (4, "summary", []))
            self.assertNotIn("region", p)
            self.assertIn('name = "small world', p["scenario"])
        self.assertEqual(d["comparison"]["rows"], full["comparison"]["rows"])
        self.assertEqual(d["comparison"]["paired"], full["comparison"]["paired"])

    def test_pages_are_self_contained_and_small(self):
        for kind, page in self.pages.items():
            self.assertLess(len(page.encode("utf-8")), build.MAX_BYTES, kind)
            self.assertNotRegex(page, r"<script[^>]+src=", kind)
            self.assertNotRegex(page, r"<link\b", kind)
            self.assertNotRegex(page, r"""(src|href)=["']?(https?:)?//""", kind)
            self.assertNotIn("@import", page, kind)
            self.assertIn("https://github.com/leeoniya/uPlot (v1.6.32)", page)   # inline

    def test_compare_page_has_both_arms_bands_and_the_table(self):
        d = self.data("compare")
        self.assertEqual([p["label"] for p in d["parts"]], ["A", "B"])
        for p in d["parts"]:
            self.assertEqual(p["replicates"], 4)
            band = p["region"]["poi"]
            self.assertTrue(all(lo <= mid <= hi for lo, mid, hi in
                                zip(band["lo"], band["mid"], band["hi"]) if mid is not None))
        rows = d["comparison"]["rows"]
        self.assertEqual(rows[0]["metric_names"], "poi")
        self.assertEqual(len(d["comparison"]["paired"]), 4)
        with h5read.ResultFile(self.files["compare"]) as rf:
            _, pairs, _ = rf.comparison()
            diff = pairs["b_values"][:, 0] - pairs["a_values"][:, 0]
        got = [row[0] for row in d["comparison"]["paired"]]
        np.testing.assert_allclose(got, diff, rtol=1e-3)

    def test_run_page_holds_what_the_file_holds(self):
        d = self.data("run")["parts"][0]
        with h5read.ResultFile(self.files["run"]) as rf:
            part = rf.parts[0]
            self.assertEqual(d["states"], part.states)
            self.assertEqual(d["months"][0], "2008-01")
            self.assertEqual(d["months"][-1], "2020-12")
            count = part.series("refugees/count")[0]
            k = part.states.index("Borea")
            want = count[-1, k, part.names("refugees/status_names").index("mandate")]
            got = d["count"][-1][k][2]
            self.assertAlmostEqual(got, want, delta=abs(want) * 1e-3)
        self.assertIn("scenario", d)
        prov = self.data("run")["provenance"]
        self.assertEqual(prov["seed"], "20081101")
        self.assertIn("command_line", prov)

    def test_a_page_over_budget_keeps_less_detail_and_says_so(self):
        full = build.report_data(self.files["compare"])
        self.assertEqual(full["reduced"], "")
        saved = build.DATA_BUDGET
        build.DATA_BUDGET = 200 * 1000        # as if the world were large
        try:
            small = build.report_data(self.files["compare"])
        finally:
            build.DATA_BUDGET = saved
        self.assertIn("to stay under 5 MB", small["reduced"])
        a = small["parts"][0]
        self.assertNotIn("lo", a["indicators"]["poi"])           # per state: medians only
        self.assertIn("lo", a["region"]["poi"])                  # the region keeps its band
        self.assertAlmostEqual(a["indicators"]["poi"]["mid"][-1][0],        # 3 digits
                               full["parts"][0]["indicators"]["poi"]["mid"][-1][0], delta=5e-3)
        size = lambda d: len(json.dumps(d["parts"], separators=(",", ":")))
        self.assertLess(size(small), size(full) / 2)

    def test_sweep_page_has_design_and_metrics(self):
        s = self.data("sweep")["sweep"]
        self.assertEqual(s["param_names"], ["places"])
        self.assertEqual(len(s["design"]), 6)
        self.assertIn("solutions_rate@2022", s["metric_names"])

    def test_bad_input_is_one_line_and_exit_2(self):
        bad = os.path.join(self.dir, "not.h5")
        with open(bad, "w") as fh:
            fh.write("not hdf5\n")
        p = subprocess.run(REPORT + [bad, "-o", os.path.join(self.dir, "x.html")],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)
        self.assertTrue(p.stderr.startswith("protsim report: %s: cannot open: not an HDF5 file"
                                            % bad), p.stderr)
        page = os.path.join(self.dir, "run.html")
        p = subprocess.run(REPORT + [self.files["run"], "-o", page], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr.strip()), (2, "protsim report: %s exists "
                                                            "(use --force to replace it)" % page))

    def test_why_rebuilds_the_hazard_term_by_term(self):
        # The magnet term is what remains of logit h; recompute K = log(1 + 12 m / (Cap x
        # burden_scale)) from the arrivals the file keeps (docs/model.md §7.2-7.3): the
        # remainder must be -b_K K, so every other term was rebuilt right.
        with h5read.ResultFile(self.files["run"]) as rf:
            part = rf.parts[0]
            sc = cfgtext.parse(part.attr("scenario"))
            rows = [r for r in why.timeline(part) if "terms" in r]
            self.assertGreater(len(rows), 2)
            flows = part.series("refugees/flows")[0]
            arrivals = flows[:, :, part.names("refugees/flow_names").index("arrivals")]
            st = sc["states"]
            k = 2.0 ** (-1.0 / st["arrivals_half_life"])
            for r in rows:
                i = part.states.index(r["state"])
                s = st["list"][i]
                self.assertEqual(s["growth_per_year"], 0.0)
                m = max(st["arrivals_floor"], s["arrivals_per_year"] / 12)
                t = part.months.index(r["date"])
                for month in range(t + 1):
                    m = max(st["arrivals_floor"], k * m + (1 - k) * arrivals[month, i])
                big_k = math.log(1 + 12 * m / (max(s["capacity"], 1e-6) * st["burden_scale"]))
                action = why.ACTION_OF[r["type"]]
                want = -sc["hazard"][action]["magnet"] * big_k
                self.assertAlmostEqual(r["terms"]["magnet"], want, delta=2e-3, msg=r)

    def test_a_patron_ratification_is_explained_by_coercion(self):
        with h5read.ResultFile(self.files["run"]) as rf:
            rows = why.timeline(rf.parts[0])
        cosina = [r for r in rows if r["type"] == "ratification" and r["state"] == "Cosina"]
        for r in cosina:      # Cosina's patron demands it with leverage 0.9 (small_world)
            self.assertEqual(r["driver"], "coercion")
            self.assertRegex(r["why"], r"^patron coercion \(\+5\.4 on the log-odds; "
                                       r"leverage 0\.9, patron Delmar\), hazard ")

    def test_bands_are_numpys_percentiles_without_nan(self):
        rng = np.random.default_rng(3)
        a = rng.random((7, 40, 5))
        a[a < 0.2] = np.nan
        a[:, 3, 2] = np.nan                       # a cell with no value at all
        with np.errstate(all="ignore"), self.assertWarns(RuntimeWarning):
            want = np.nanpercentile(a, [50, 5, 95], axis=0)
        got = np.array(build.bands(a))
        np.testing.assert_allclose(got, want, equal_nan=True)

    def test_the_vendored_library_is_the_one_recorded(self):
        with open(os.path.join(VENDOR, "VERSION")) as fh:
            lines = fh.read().splitlines()
        sums = dict(reversed(ln.split()[1:]) for ln in lines if ln.startswith("sha256 "))
        self.assertEqual(set(sums), {"uPlot.iife.min.js", "uPlot.min.css", "LICENSE"})
        for name, digest in sums.items():
            with open(os.path.join(VENDOR, name), "rb") as fh:
                self.assertEqual(hashlib.sha256(fh.read()).hexdigest(), digest, name)
        self.assertIn("version: 1.6.32", lines)


if __name__ == "__main__":
    unittest.main()
