"""protsim calibrate and the plausible ensemble, on files the real protsim makes:

- the known answer: history matching of the analytic test model (tests/data/hm_analytic.cfg,
  x* = (0.3, 0.6, 0.7) with x4 inert) keeps x* and rules out almost all of the box, but
  not the true non-implausible region (computed from the known functions);
- the same calibration again, and through --prepare and --resume, gives the same file;
- a finished match extended by --more-waves adds its wave and final sample, keeps
  what was done, pools the plausible sets, and equals the same extension run in one go;
- the targets measured by protsim (sim/observe/targets.c) equal the definitions of
  analysis/calibration.py on the same runs of the Asia-Pacific baseline;
- run and compare --parameters read a plausible set written by h5py;
- the statistics' pieces on known answers (delta method, the ranked implausibility,
  maximin thinning, replicate variance).
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

import fixtures

from protsim_analysis.calibrate import config, design, emulator, hmfile, implausibility, \
    plots, sweeps, transform, waves  # noqa: E402

DATA = os.path.join(fixtures.SOURCE, "tests", "data")
CAL = os.path.join(DATA, "hm_analytic.cfg")
TRUTH = np.array([0.3, 0.6, 0.7])
NOISE = 0.03


def analytic(x):
    """The analytic model's outputs (docs/sweeps.md), as sim/sweep/sweep_run.c computes
    them."""
    x = np.atleast_2d(x)
    return np.column_stack([x[:, 0] + x[:, 1] ** 2, np.exp(x[:, 0] - x[:, 2]),
                            np.sin(2 * np.pi * x[:, 1]) + x[:, 2],
                            x[:, 0] * x[:, 1] + 0.5 * x[:, 2],
                            4 * (x[:, 2] - 0.5) ** 2 + x[:, 0]])


def match(out, prepare=False):
    """A Matcher of the analytic calibration writing to out (its sweeps in out.d)."""
    cal = config.load(CAL, fixtures.BINARY)
    return waves.Matcher(cal, out, [fixtures.BINARY, "sweep", "--threads", "2"],
                         quiet=True, prepare=prepare)


class KnownAnswer(unittest.TestCase):
    """The whole method on a model whose answer is known."""

    @classmethod
    def setUpClass(cls):
        cls.out = os.path.join(fixtures.workdir(), "known.h5")
        cls.m = match(cls.out)
        cls.m.run(lambda m: hmfile.write(cls.out, m))
        y = analytic(cls.m.test[:, :3])
        sd = np.sqrt(cls.m.cal.v_obs + NOISE ** 2)  # V_md = 0; history one realisation
        cls.true_region = (np.abs(y - cls.m.cal.z) / sd).max(axis=1) <= cls.m.cal.cut

    def test_the_truth_is_not_ruled_out(self):
        points = np.array([[*TRUTH, x4] for x4 in np.linspace(0.0, 1.0, 11)])
        self.assertTrue(self.m.keep(points).all())

    def test_most_of_the_box_is_ruled_out(self):
        self.assertLess(self.m.remaining[-1], 0.01)
        self.assertGreater(self.m.remaining[0], self.m.remaining[-1])  # waves narrow it

    def test_the_true_region_is_mostly_kept(self):
        true = self.true_region
        self.assertGreater(true.sum(), 50)  # of 100,000 test points
        kept = (self.m.alive & true).sum() / true.sum()
        self.assertGreater(kept, 0.7, f"kept {kept:.2f} of the true region")
        # and not much else: the region is at most a few times the true one
        self.assertLess(self.m.alive.sum(), 3 * true.sum())

    def test_the_plausible_set_lies_in_the_true_region(self):
        f = self.m.final
        self.assertGreater(f.plausible.sum(), 10)
        x = f.unit[f.plausible]
        sd = np.sqrt(self.m.cal.v_obs + NOISE ** 2)
        worst = (np.abs(analytic(x[:, :3]) - self.m.cal.z) / sd).max(axis=1)
        self.assertLess(worst.max(), 4.5)
        self.assertGreater(x[:, 3].max() - x[:, 3].min(), 0.6, "x4 is inert")

    def test_the_file_holds_every_wave_and_the_set(self):
        with h5py.File(self.out) as f:
            self.assertEqual(f.attrs["kind"], "history_match")
            self.assertEqual(f.attrs["n_waves"], len(self.m.waves))
            for w in self.m.waves:
                g = f[f"waves/{w.number}"]
                self.assertEqual(g["unit"].shape, (40, 4))
                self.assertEqual(g["runs"].shape, (120, 5))
                self.assertIn("std_error", g)
                self.assertIn("used", g["emulators"])
            np.testing.assert_allclose(f["remaining"][()], self.m.remaining)
            values = f["plausible/values"][()]
            self.assertEqual(values.shape, (int(self.m.final.plausible.sum()), 4))
            self.assertEqual(list(f["plausible/param_paths"].asstr()[()]),
                             ["x1", "x2", "x3", "x4"])
            self.assertEqual(f["test/ranked_implausibility"].shape,
                             (len(self.m.waves), 100000))

    def test_figures(self):
        made = plots.draw_all(self.out, os.path.join(fixtures.workdir(), "figures"))
        names = sorted(os.path.basename(p) for p in made)
        self.assertIn("optical_depth.png", names)
        self.assertIn("emulators_wave1.png", names)
        self.assertIn("targets_a.png", names)
        for p in made:
            self.assertGreater(os.path.getsize(p), 5000)

    def test_the_best_point_as_settings(self):
        out = os.path.join(fixtures.workdir(), "best.cfg")
        plots.write_point(self.out, out)
        with open(out) as fh:
            text = fh.read()
        self.assertRegex(text, r"\nx1 = 0\.[0-9]+;   # x1\n")
        values = dict(line.split(" = ")[0:2] for line in text.splitlines()[1:])
        x = np.array([float(values[f"x{j}"].split(";")[0]) for j in (1, 2, 3)])
        self.assertLess(np.abs(x - TRUTH).max(), 0.15)


def datasets(path):
    """Every dataset of an HDF5 file by name, and its root attributes as "attrs"."""
    out = {}
    with h5py.File(path) as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
        f.visititems(visit)
        out["attrs"] = {k: f.attrs[k] for k in f.attrs if k != "calibration_file"}
    return out


def two_wave_calibration():
    """(folder, call): a fresh folder with the analytic calibration cut to two waves,
    and call(*args), protsim calibrate of it there."""
    tmp = tempfile.mkdtemp(dir=fixtures.workdir())
    env = dict(os.environ, PROTSIM_EXE=fixtures.BINARY)
    helper = os.path.join(fixtures.ANALYSIS, "bin", "protsim-calibrate")
    cfg = os.path.join(tmp, "cal.cfg")
    with open(CAL) as fh:
        text = fh.read()
    with open(cfg, "w") as fh:  # two waves: quicker
        fh.write(text.replace("count = 4", "count = 2").replace(
            "hm_analytic_targets.cfg", os.path.join(DATA, "hm_analytic_targets.cfg")))

    def call(*args):
        return subprocess.run([fixtures.PY, helper, cfg, *args], capture_output=True,
                              text=True, env=env, cwd=tmp)
    return tmp, call


class Reproducible(unittest.TestCase):
    """Seeded: the same file from a straight run and from --prepare then --resume."""

    def test_prepare_then_resume_gives_the_same_file(self):
        tmp, call = two_wave_calibration()
        a = call("-o", "a.h5", "-q")
        self.assertEqual(a.returncode, 0, a.stderr)
        p = call("-o", "b.h5", "--prepare", "-q")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("wrote b.h5.d/wave1.cfg", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(tmp, "b.h5.d", "wave1.h5")))
        sw = subprocess.run([fixtures.BINARY, "sweep", "b.h5.d/wave1.cfg", "-o",
                             "b.h5.d/wave1.h5", "-q"], cwd=tmp)
        self.assertEqual(sw.returncode, 0)
        r = call("-o", "b.h5", "--resume", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        da, db = (datasets(os.path.join(tmp, x)) for x in ("a.h5", "b.h5"))
        self.assertEqual(sorted(da), sorted(db))
        for key in da:
            if key == "attrs":
                continue
            np.testing.assert_array_equal(da[key], db[key], err_msg=key)
        again = call("-o", "a.h5", "-q")
        self.assertEqual(again.returncode, 2)
        self.assertIn("a.h5: exists (use --resume", again.stderr)


class Extended(unittest.TestCase):
    """--more-waves: a finished two-wave match extended by a third wave of 30 points and
    a final sample of 20 x 2."""

    EXTEND = ("--more-waves", "1", "--points", "30", "--final-points", "20",
              "--final-replicates", "2", "-q")

    @classmethod
    def setUpClass(cls):
        cls.tmp, call = two_wave_calibration()
        cls.call = staticmethod(call)
        a = cls.call("-o", "a.h5", "-q")
        assert a.returncode == 0, a.stderr
        cls.before = datasets(os.path.join(cls.tmp, "a.h5"))
        cls.extend = cls.call("-o", "a.h5", *cls.EXTEND)
        cls.after = datasets(os.path.join(cls.tmp, "a.h5"))

    def test_the_wave_and_its_final_sample(self):
        self.assertEqual(self.extend.returncode, 0, self.extend.stderr)
        d = self.after
        self.assertEqual(d["attrs"]["n_waves"], 3)
        self.assertEqual(d["waves/3/unit"].shape, (30, 4))
        self.assertEqual(d["waves/3/runs"].shape, (90, 5))   # 3 replicates, as the waves'
        self.assertEqual(d["final/unit"].shape, (20, 4))
        self.assertEqual(d["final/runs"].shape, (40, 5))     # --final-replicates 2
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "a.h5.d", "final3.h5")))
        self.assertIn("(extended past: waves.count = 2 waves done)", d["attrs"]["stopped"])
        self.assertEqual(json.loads(d["attrs"]["extensions"]),
                         [{"waves": 1, "points": 30, "final_points": 20,
                           "final_replicates": 2}])
        # the third wave narrows the region further, inside the second's
        self.assertEqual(len(d["remaining"]), 3)
        self.assertLess(d["remaining"][2], d["remaining"][1])
        t = d["test/ranked_implausibility"]
        self.assertTrue(np.isnan(t[2][np.isnan(t[1]) | (t[1] > 3.0)]).all())

    def test_what_was_done_is_kept(self):
        b, d = self.before, self.after
        for key in b:
            if key == "attrs" or key.startswith(("plausible/", "test/", "remaining",
                                                 "ruled_out")):
                continue
            moved = key.replace("final/", "finals/final/", 1) if key.startswith("final/") \
                else key
            np.testing.assert_array_equal(b[key], d[moved], err_msg=key)
        np.testing.assert_array_equal(b["remaining"], d["remaining"][:2])

    def test_the_plausible_sets_are_pooled(self):
        b, d = self.before, self.after
        n_old, n_new = len(b["plausible/values"]), int(d["final/plausible"].sum())
        self.assertGreater(n_old, 0)
        self.assertGreater(n_new, 0)
        self.assertEqual(d["plausible/values"].shape, (n_old + n_new, 4))
        np.testing.assert_array_equal(d["plausible/values"][:n_old], b["plausible/values"])
        np.testing.assert_array_equal(d["plausible/unit"][n_old:],
                                      d["final/unit"][d["final/plausible"].astype(bool)])
        self.assertEqual([x.decode() for x in d["plausible/source"]],
                         ["final"] * n_old + ["final3"] * n_new)
        np.testing.assert_array_equal(d["plausible/index"][n_old:],
                                      np.flatnonzero(d["final/plausible"]))
        with h5py.File(os.path.join(self.tmp, "a.h5")) as f:
            runs, n = plots.plausible_runs(f)
        self.assertEqual(n, n_old + n_new)
        self.assertEqual(len(runs), 3 * n_old + 2 * n_new)

    def test_the_same_extension_in_one_go(self):
        """A match whose folder holds the extension from the start (--resume) writes
        what the match extended afterwards wrote."""
        os.makedirs(os.path.join(self.tmp, "c.h5.d"))
        with open(os.path.join(self.tmp, "a.h5.d", "extensions.json")) as src, \
                open(os.path.join(self.tmp, "c.h5.d", "extensions.json"), "w") as dst:
            dst.write(src.read())
        c = self.call("-o", "c.h5", "--resume", "-q")
        self.assertEqual(c.returncode, 0, c.stderr)
        dc = datasets(os.path.join(self.tmp, "c.h5"))
        self.assertEqual(sorted(dc), sorted(self.after))
        for key in dc:
            if key != "attrs":
                np.testing.assert_array_equal(dc[key], self.after[key], err_msg=key)

    def test_refusals(self):
        r = self.call("-o", "none.h5", "--more-waves", "1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("protsim calibrate: none.h5: --more-waves extends a finished match; "
                      "there is none (run it first, without --more-waves)", r.stderr)
        r = self.call("-o", "a.h5", "--more-waves", "1", "--points", "5")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--points 5: the emulators' linear mean in 4 parameters needs at "
                      "least 6", r.stderr)
        r = self.call("-o", "a.h5", "--points", "30")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--points, --final-points and --final-replicates go with "
                      "--more-waves", r.stderr)
        r = self.call("-o", "a.h5", "--more-waves", "0")
        self.assertEqual(r.returncode, 2)
        self.assertIn("take a count of at least 1", r.stderr)


class TargetsAsCalibrationPy(unittest.TestCase):
    """protsim's measures of the 44 targets against analysis/calibration.py's on the same
    two runs of the baseline (1 agent per 100 persons)."""

    KEYS = {"acc_region": "acc_all", "acc_east_southeast": "acc_ese",
            "acc_nauru": "acc_nauru", "frameworks_east_southeast": "fw_ese",
            "statutes_low_democracy": "stat_lowD", "taiwan_statute": "twn_statute",
            "recognition_japan": "rec_jpn", "recognition_korea": "rec_kor",
            "recognition_malaysia": "rec_mys", "recognition_indonesia": "rec_idn",
            "recognition_india": "rec_ind", "legal_status_malaysia": "legal_mys",
            "legal_status_indonesia": "legal_idn", "legal_status_india": "legal_ind",
            "detention_years_malaysia": "det_years_mys",
            "detention_years_indonesia": "det_years_idn",
            "detention_years_india": "det_years_ind", "solutions_rate": "solutions",
            "implementation_2008": "impl_2008", "implementation_2012": "impl_2012",
            "implementation_2014": "impl_2014", "implementation_2016": "impl_2016",
            "institutionalisation_2008": "inst_2008",
            "institutionalisation_2016": "inst_2016", "network_members_2017": "members_2017",
            "consultation_ratio": "geneva_ratio", "jeju_securitisation": "jeju_dS",
            "jeju_implementation": "jeju_dP", "jeju_law": "jeju_dL"}
    STOCKS = {"population_region_mean": ("pop_region_mean", 1e6),
              "population_region_2012": ("pop_region_2012", 1e6),
              "population_region_2017": ("pop_region_2017", 1e6),
              "recognised_bangladesh_2008": ("rec_stock_bgd_2008", 1e3),
              "population_bangladesh_2017": ("pop_bgd_2017", 1e3),
              "recognised_malaysia_2008": ("rec_stock_mys_2008", 1e3),
              "recognised_malaysia_2018": ("rec_stock_mys_2018", 1e3),
              "population_malaysia_2018": ("pop_mys_2018", 1e3),
              "population_nepal_2008": ("pop_npl_2008", 1e3),
              "population_nepal_2012": ("pop_npl_2012", 1e3),
              "population_nepal_2017": ("pop_npl_2017", 1e3),
              "recognised_indonesia_2008": ("rec_stock_idn_2008", 1e3),
              "recognised_indonesia_2018": ("rec_stock_idn_2018", 1e3),
              "population_indonesia_2018": ("pop_idn_2018", 1e3)}

    def test_every_target_as_calibration_py_defines_it(self):
        targets = os.path.join(fixtures.SOURCE, "scenarios", "calibration", "targets.cfg")
        hm = write_set(os.path.join(fixtures.workdir(), "one.h5"), ["pressure.scale"],
                       [[80.0]], targets)
        out = os.path.join(fixtures.workdir(), "ap_targets.h5")
        fixtures.protsim("run", fixtures.AP, "--set", "time.end=2019-12", "--set",
                         "refugees.agents_per_person=0.01", "--parameters", hm,
                         "--replicates", "2", "--seed", "3", "-o", out, "--quiet",
                         "--force")
        sys.path.insert(0, fixtures.ANALYSIS)
        import calibration
        expected = calibration.metrics_of_file(out)
        with h5py.File(out) as f:
            names = list(f["targets/target"].asstr()[()])
            values = f["targets/values"][()]
        self.assertEqual(len(names), 44)
        checked = 0
        for r in range(2):
            for j, name in enumerate(names):
                if name in self.KEYS:
                    want = expected[r][self.KEYS[name]]
                elif name in self.STOCKS:
                    key, scale = self.STOCKS[name]
                    want = expected[r][key] * scale
                else:  # accessions without a patron link: all less those under one
                    want = expected[r]["acc_all"] - expected[r]["acc_coerced_n"]
                self.assertTrue(math.isclose(values[r, j], want, rel_tol=1e-9,
                                             abs_tol=1e-12), f"{name}: {values[r, j]} {want}")
                checked += 1
        self.assertEqual(checked, 88)


def write_set(path, paths, values, targets=None):
    """A plausible set as protsim calibrate writes it (/plausible, root attributes)."""
    with h5py.File(path, "w") as f:
        f.attrs["kind"] = "history_match"
        if targets:
            f.attrs["targets_file"] = targets
            with open(targets) as fh:
                f.attrs["targets_text"] = fh.read()
        g = f.create_group("plausible")
        g["values"] = np.asarray(values, dtype=float)
        g.create_dataset("param_paths", data=np.array(paths, dtype=object),
                         dtype=h5py.string_dtype())
        g.create_dataset("param_names", data=np.array(paths, dtype=object),
                         dtype=h5py.string_dtype())
    return path


class Ensemble(unittest.TestCase):
    """run and compare --parameters on small_world."""

    @classmethod
    def setUpClass(cls):
        cls.hm = write_set(os.path.join(fixtures.workdir(), "set.h5"),
                           ["unhcr.ratification_emphasis", "securitisation.surge"],
                           [[0.3, 0.05], [0.6, 0.1], [0.8, 0.2]])

    def test_run_at_each_point(self):
        out = os.path.join(fixtures.workdir(), "ens.h5")
        p = fixtures.protsim("run", fixtures.SMALL, "--set", "time.end=2010-12",
                             "--parameters", self.hm, "-n", "2", "--replicates", "2",
                             "--seed", "5", "-o", out, "--force")
        self.assertIn("2 plausible points of", p.stdout)
        with h5py.File(out) as f:
            np.testing.assert_array_equal(f["parameters/run_point"][()], [0, 0, 1, 1])
            np.testing.assert_array_equal(f["parameters/values"][()],
                                          [[0.3, 0.05], [0.6, 0.1]])
            self.assertEqual(f["states/poi"].shape[0], 4)
            seeds = f["seeds"][()]
        # run 3 is point 1's replicate 1: a single run with that seed and values matches
        one = os.path.join(fixtures.workdir(), "one_point.h5")
        fixtures.protsim("run", fixtures.SMALL, "--set", "time.end=2010-12", "--set",
                         "unhcr.ratification_emphasis=0.6", "--set",
                         "securitisation.surge=0.1", "--seed", str(seeds[3]), "-o", one,
                         "--quiet", "--force")
        with h5py.File(out) as f, h5py.File(one) as g:
            np.testing.assert_array_equal(f["states/poi"][3], g["states/poi"][()])

    def test_compare_at_each_point(self):
        data = os.path.join(fixtures.SOURCE, "tests", "data")
        p = fixtures.protsim("compare", os.path.join(data, "good_small_ratification.cfg"),
                             os.path.join(data, "good_small_legislation.cfg"), "--set",
                             "time.end=2010-12", "--parameters", self.hm, "-n", "3",
                             "--discover", "refugees")
        self.assertIn("At each of 3 plausible points", p.stdout)
        self.assertIn("Benjamini and Hochberg", p.stdout)
        self.assertRegex(p.stdout, r"\npoi +1 +higher ")
        self.assertIn("Where B loses on refugees", p.stdout)

    def test_compare_with_a_fork_is_the_compare_without(self):
        # B: small_world's history, then the legislation preset from 2009-07; with
        # --fork 2009-07 each point's replicates share one history up to it
        work = fixtures.workdir()
        paths = []
        for name, extra in (("a", ""), ("b", ' schedule = ( { at = "2009-07"; set = '
                                                '[ "ngo.strategy=legislation" ]; } );')):
            paths.append(os.path.join(work, f"fork_{name}.cfg"))
            with open(paths[-1], "w") as f:
                f.write(f'@include "{fixtures.SMALL}"\ntime = {{ start = "2008-01"; '
                        f'end = "2010-12"; }};\n{extra}\n')
        files = []
        for fork in ([], ["--fork", "2009-07"]):
            files.append(os.path.join(work, f"robust{len(fork)}.h5"))
            fixtures.protsim("compare", *paths, "--parameters", self.hm, "-n", "2",
                             "--points", "2", "--keep", "all", "-o", files[-1], "--force",
                             "--quiet", *fork)
        with h5py.File(files[0]) as f, h5py.File(files[1]) as g:
            for name in ("robust/difference", "robust/p_value", "a/states/poi",
                         "b/states/poi", "b/refugees/count"):
                np.testing.assert_array_equal(f[name][()], g[name][()], err_msg=name)
            self.assertGreater(np.abs(f["robust/difference"][()]).max(), 0)

    def test_not_a_plausible_set(self):
        run = subprocess.run([fixtures.BINARY, "run", fixtures.SMALL, "--parameters",
                              fixtures.path("run"), "-o", "x.h5"], capture_output=True,
                             text=True, cwd=fixtures.workdir())
        self.assertEqual(run.returncode, 2)
        self.assertEqual(run.stderr.strip(), f"protsim: {fixtures.path('run')}: not a "
                         "history-match file (protsim calibrate writes them)")


class Pieces(unittest.TestCase):
    """The statistics' parts on known answers."""

    def test_delta_method_is_the_slope(self):
        for kind, off, y in (("log", 0.0, 3.0), ("log", 1.0, 0.0), ("logit", 0.0, 0.2),
                             ("logit", 0.01, 0.0)):
            h = 1e-6
            fd = (transform.forward(kind, off, y + h) - transform.forward(kind, off, y - h)) / (2 * h)
            self.assertAlmostEqual(float(transform.slope(kind, off, y)), float(fd), places=5)
        self.assertTrue(np.isnan(transform.forward("log", 0.0, 0.0)))

    def test_ranked_implausibility(self):
        I = np.array([[1.0, 5.0, 2.0], [np.nan, 4.0, np.nan], [np.nan] * 3])
        np.testing.assert_array_equal(implausibility.ranked(I, 1), [5.0, 4.0, 0.0])
        np.testing.assert_array_equal(implausibility.ranked(I, 2), [2.0, 4.0, 0.0])

    def test_thinning_keeps_the_far_points(self):
        rng = np.random.default_rng(1)
        cand = np.vstack([rng.random((200, 2)) * 0.01, [[1.0, 1.0], [0.0, 1.0]]])
        kept = design.thin(rng, cand, 3)
        self.assertTrue(any((kept == [1.0, 1.0]).all(axis=1)))
        self.assertTrue(any((kept == [0.0, 1.0]).all(axis=1)))

    def test_latin_hypercube_strata(self):
        u = design.lhs(np.random.default_rng(2), 10, 3)
        for j in range(3):
            np.testing.assert_array_equal(np.sort(np.floor(u[:, j] * 10)), np.arange(10))

    def test_replicate_variance_without_bias(self):
        """Sample variances of 3 Gaussian replicates: the log-scale fit takes off
        digamma(1) - log(1), so its estimate is sigma^2, not 0.56 sigma^2."""
        rng = np.random.default_rng(3)
        X = rng.random((400, 2))
        sd = 0.1 + 0.2 * X[:, 0]              # grows with x0
        runs = rng.normal(0.0, sd[:, None], size=(400, 3))
        s2 = runs.var(axis=1, ddof=1)
        v = emulator._ReplicateVariance(X, s2, np.full(400, 3), 0)
        test = np.array([[0.1, 0.5], [0.9, 0.5]])
        np.testing.assert_allclose(v.predict(test), (0.1 + 0.2 * test[:, 0]) ** 2, rtol=0.2)

    def test_the_calibration_as_protsim_reads_it(self):
        cal = config.load(CAL, fixtures.BINARY)
        self.assertEqual(cal.n_params, 4)
        self.assertEqual(cal.names, ["y1", "y2", "y3", "y4", "y5"])
        np.testing.assert_allclose(cal.v_obs, 0.03 ** 2)
        np.testing.assert_allclose(cal.values(np.array([[0.5, 0.5, 0.5, 0.5]])), 0.5)
        with self.assertRaises(config.FileError) as e:
            config.load(fixtures.SMALL, fixtures.BINARY)
        self.assertIn("not a calibration file", str(e.exception))

    def test_a_wave_of_the_baseline_is_a_sweep_protsim_reads(self):
        # baseline.cfg's integer bounds (range = [0, 4]) must still be written as reals:
        # libconfig refuses an array of 0 and 0.1 (mismatched element type)
        base = os.path.join(fixtures.SOURCE, "scenarios", "calibration", "baseline.cfg")
        cal = config.load(base, fixtures.BINARY)
        unit = np.linspace(0.1, 0.9, 3)[:, None] * np.ones(cal.n_params)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "wave1.cfg")
            with open(path, "w") as f:
                f.write(sweeps.sweep_text(cal, unit, 2, 2**40 + 1, "wave1"))
            out = subprocess.run([fixtures.BINARY, "check", path], capture_output=True,
                                 text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("a sweep of 6 runs (3 points x 2 replicates) over %d parameters"
                      % cal.n_params, out.stdout)


if __name__ == "__main__":
    unittest.main()
