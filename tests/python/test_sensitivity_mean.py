"""Sobol indices of an output with a large mean and a small variance (Ishigami + 10^6):
the design and the runs are those of the real `protsim sweep` with model = "ishigami"
(1024 base points); the shift is added to /summary/values in Python, since the Ishigami
model has no shift setting. The centred estimators must give the analytic indices inside
their bootstrap intervals, the same indices as without the shift, and narrow intervals;
the uncentred first-order estimator (the old one) fails on the same runs."""
import json
import os
import shutil
import unittest

import h5py
import numpy as np

import fixtures
import sensitivity as sa

SHIFT = 1e6
S1 = np.array([0.3139, 0.4424, 0.0])       # Ishigami a = 7, b = 0.1 (Ishigami and Homma
ST = np.array([0.5576, 0.4424, 0.2437])    # 1990; docs/sensitivity.md)
N_BASE = 1024
WIDTH = 0.4          # an interval of N = 1024 base points is about 0.2 wide (S1 of x2)


def shifted(src, shift, name):
    dst = os.path.join(fixtures.workdir(), name)
    shutil.copyfile(src, dst)
    with h5py.File(dst, "r+") as f:
        f["summary/values"][...] = f["summary/values"][()] + shift
    return dst


class LargeMean(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plain = fixtures.sobol(N_BASE)
        cls.big = shifted(cls.plain, SHIFT, "ishigami_plus_1e6.h5")

    def result(self, path):
        sw, (r,) = sa.analyse(path, ["y"], n_boot=1000, seed=3)
        self.assertNotIn("error", r)
        self.assertEqual(r["n_base_used"], N_BASE)
        return sw, r

    def test_analytic_indices_inside_intervals(self):
        sw, r = self.result(self.big)
        for key, truth in (("S1", S1), ("ST", ST)):
            for i, t in enumerate(truth):
                lo, hi = r[f"{key}_ci"][i]
                self.assertTrue(lo <= t <= hi, f"{key}[{i}] = {r[key][i]:.4f}: analytic {t} "
                                f"outside [{lo:.4f}, {hi:.4f}]")
                self.assertLess(hi - lo, WIDTH, f"{key}[{i}]: [{lo:.4f}, {hi:.4f}]")
        self.assertEqual(sa.wide_intervals(sw, r), [])

    def test_shift_changes_nothing(self):
        _, a = self.result(self.plain)
        _, b = self.result(self.big)
        for key in ("S1", "ST", "S1_ci", "ST_ci"):
            np.testing.assert_allclose(b[key], a[key], rtol=0, atol=1e-6, err_msg=key)

    def test_uncentred_estimator_fails_here(self):
        """What the estimator did before: S1 from the raw outputs. Its bootstrap
        intervals are far wider than [0, 1] on the shifted runs (so this test would have
        caught it), while its point estimate is unbiased."""
        sw = sa.read_sweep(self.big)
        means = sa.point_means(sw.point, sw.values[:, 0], sa.usable_runs(sw, 0),
                               sw.n_points, sw.replicates)
        f_a, f_b, f_ab, _ = sa.saltelli_blocks(means, N_BASE, 3, sw.saltelli_order)
        rng = np.random.default_rng(3)
        idx = rng.integers(0, N_BASE, size=(500, N_BASE))
        var = np.var(np.concatenate([f_a[idx], f_b[idx]], axis=-1), axis=-1)[:, None]
        raw = np.mean(f_b[idx][..., None] * (f_ab[idx] - f_a[idx][..., None]), axis=-2) / var
        lo, hi = np.percentile(raw, [2.5, 97.5], axis=0)
        self.assertTrue(np.all(hi - lo > 100), hi - lo)

    def test_wide_interval_warning(self):
        """Four base points: intervals wider than the index's range are named in one
        warning line on stderr."""
        tiny = fixtures.sobol(4, seed=2)
        sw, (r,) = sa.analyse(tiny, ["y"], n_boot=200, seed=1)
        wide = sa.wide_intervals(sw, r)
        self.assertTrue(wide, r)
        for key, name, width in wide:
            lo, hi = r[f"{key}_ci"][sw.param_names.index(name)]
            self.assertAlmostEqual(hi - lo, width)
            self.assertGreater(width, 1.0)
        items = ", ".join(f"{k} of {n} {w:.2f}" for k, n, w in wide)
        want = (f"sensitivity: warning: y: {len(wide)} interval{'s' if len(wide) > 1 else ''}"
                f" wider than the index's range [0, 1] ({items}): too few base points, or "
                f"mostly noise; these indices say little")
        self.assertEqual(sa.wide_warning(sw, r), want)
        js = os.path.join(fixtures.workdir(), "tiny.json")
        p = fixtures.script("sensitivity.py", tiny, "--bootstrap", "200", "--seed", "1",
                            "--json", js)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, want + "\n")
        with open(js) as fh:
            listed = json.load(fh)["metrics"][0]["wide_intervals"]
        self.assertEqual([(k, n) for k, n, _ in listed], [(k, n) for k, n, _ in wide])
        np.testing.assert_allclose([w for *_, w in listed], [w for *_, w in wide])
        _, (fine,) = sa.analyse(self.big, ["y"], n_boot=200, seed=1)
        self.assertIsNone(sa.wide_warning(sw, fine))


if __name__ == "__main__":
    unittest.main()
