"""Every analysis script on every kind of result file: it handles the file, or refuses
it in one line naming the kinds it takes, with exit status 2 (never a traceback)."""
import json
import os
import unittest

import h5py
import numpy as np

import fixtures

PNG = b"\x89PNG\r\n\x1a\n"
TAKES = {
    "plot_run.py": ("run", "replicates", "compare"),
    "plot_compare.py": ("compare",),
    "calibration.py": ("run", "replicates"),
    "sensitivity.py": ("sweep",),
    "protsim-export": ("run", "replicates", "compare", "sweep"),
}
WORDS = {"run": "a run file", "replicates": "a replicate file", "compare": "a compare file",
         "sweep": "a sweep file"}
TAKES_WORDS = {
    "plot_run.py": "plot_run.py takes run, replicate and compare files (a sweep holds no "
                   "time series: use sensitivity.py)",
    "plot_compare.py": "plot_compare.py takes compare files (a run or replicate file: "
                       "plot_run.py; a sweep: sensitivity.py)",
    "calibration.py": "calibration.py takes run and replicate files",
    "sensitivity.py": "sensitivity.py takes sweep files (protsim sweep or protsim merge)",
}


def arguments(script, kind, out):
    """The command line of script on the fixture of that kind, writing under out."""
    p = fixtures.path(kind)
    return {"plot_run.py": [p, "--out", out],
            "plot_compare.py": [p, "--out", out],
            "calibration.py": ["--from", p],
            "sensitivity.py": [p, "--bootstrap", "50"],
            "protsim-export": [p, "--csv", out]}[script]


def load_json(path):
    with open(path) as fh:
        return json.load(fh)


def one_line(stderr):
    return stderr.count("\n") == 1 and "Traceback" not in stderr


class EveryScriptEveryKind(unittest.TestCase):
    def test_refused_in_one_line(self):
        for script, kinds in TAKES.items():
            for kind in fixtures.FILE_KINDS:
                if kind in kinds:
                    continue
                with self.subTest(script=script, kind=kind):
                    out = os.path.join(fixtures.workdir(), f"refused_{script}_{kind}")
                    p = fixtures.script(script, *arguments(script, kind, out))
                    self.assertEqual(p.returncode, 2, p.stderr)
                    prog = "sensitivity" if script == "sensitivity.py" else script
                    self.assertEqual(p.stderr, f"{prog}: {fixtures.path(kind)}: {WORDS[kind]}; "
                                     f"{TAKES_WORDS[script]}\n")
                    self.assertFalse(os.path.exists(out + "_refugees.png"))

    def test_plot_run_handles_run_replicates_compare(self):
        for kind in TAKES["plot_run.py"]:
            with self.subTest(kind=kind):
                out = os.path.join(fixtures.workdir(), f"plot_{kind}")
                p = fixtures.script("plot_run.py", fixtures.path(kind), "--out", out)
                self.assertEqual(p.returncode, 0, p.stderr)
                prefixes = [out + "_a", out + "_b"] if kind == "compare" else [out]
                want = [f"wrote {q}_{s}.png" for q in prefixes
                        for s in ("refugees", "states", "network")]
                self.assertEqual(p.stdout.splitlines(), want)
                for line in want:
                    with open(line.split(" ", 1)[1], "rb") as fh:
                        self.assertEqual(fh.read(8), PNG)

    def test_plot_run_unknown_state(self):
        p = fixtures.script("plot_run.py", fixtures.path("run"), "--out",
                            os.path.join(fixtures.workdir(), "st"), "--states", "Aland,Nowhere")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, f"plot_run.py: --states: no state 'Nowhere' in "
                         f"{fixtures.path('run')} (it has: Aland, Borea, Cosina, Delmar, "
                         f"Esteria, Fenmark)\n")
        p = fixtures.script("plot_run.py", fixtures.path("run"), "--out",
                            os.path.join(fixtures.workdir(), "st"), "--states", "Borea")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_plot_compare(self):
        out = os.path.join(fixtures.workdir(), "cmpfig")
        p = fixtures.script("plot_compare.py", fixtures.path("compare"), "--out", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, out + "_compare.png\n")
        with open(out + "_compare.png", "rb") as fh:
            self.assertEqual(fh.read(8), PNG)

    def test_sensitivity_on_a_sweep(self):
        js = os.path.join(fixtures.workdir(), "lhs.json")
        p = fixtures.script("sensitivity.py", fixtures.path("sweep"), "--json", js)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("poi@2008 [1]: no sensitivity indices for a lhs design", p.stdout)
        doc = load_json(js)
        self.assertEqual([m["metric"] for m in doc["metrics"]], ["poi@2008", "refugees@2008"])


class Calibration(unittest.TestCase):
    """calibration.py --from on the Asia-Pacific baseline (short, 1 agent per 100)."""

    def table(self, *files):
        js = os.path.join(fixtures.workdir(), "cal.json")
        p = fixtures.script("calibration.py", "--from", *files, "--json", js)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout, load_json(js)

    def test_replicate_file_counts_each_replicate(self):
        out, doc = self.table(fixtures.path("ap_reps"))
        self.assertEqual(len(doc["runs"]), 2)
        self.assertRegex(out.splitlines()[-1],
                         r"^\d+ of 44 targets pass \(median of 2 replicates inside the range\)$")
        with h5py.File(fixtures.path("ap_reps")) as f:
            seeds = f["seeds"][()]
        # replicate r is the run with seed seeds[r]: the same metrics from a run file
        single = os.path.join(fixtures.workdir(), "ap_rep1.h5")
        fixtures.protsim("run", fixtures.AP, *fixtures.AP_SHORT, "--seed", str(seeds[1]),
                         "-o", single, "--quiet", "--force")
        _, one = self.table(single)
        self.assertEqual(json.dumps(one["runs"][0], sort_keys=True),
                         json.dumps(doc["runs"][1], sort_keys=True))

    def test_metrics_read_by_name(self):
        """A metric checked by hand: Malaysia's recognised stock at the start (2008-01)
        is MANDATE + PROTECTED there, in thousands, with statuses found by name."""
        _, doc = self.table(fixtures.path("ap_run"))
        with h5py.File(fixtures.path("ap_run")) as f:
            status = list(f["refugees/status_names"].asstr()[:])
            k = list(f["states/name"].asstr()[:]).index("Malaysia")
            count = f["refugees/count"][0, k]
            want = (count[status.index("mandate")] + count[status.index("protected")]) / 1e3
        self.assertAlmostEqual(doc["runs"][0]["rec_stock_mys_2008"], want, places=12)
        self.assertTrue(np.isfinite(doc["runs"][0]["pop_region_mean"]))

    def test_other_worlds_are_refused_in_one_line(self):
        p = fixtures.script("calibration.py", "--from", fixtures.path("replicates"))
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, f"calibration.py: {fixtures.path('replicates')}: runs "
                         f"2008-01 to 2008-12; the targets need 2008-01 to 2018-12\n")
        p = fixtures.script("calibration.py", "--from", fixtures.path("run_2018"))
        self.assertEqual(p.returncode, 2)
        self.assertTrue(one_line(p.stderr), p.stderr)
        self.assertTrue(p.stderr.startswith(f"calibration.py: {fixtures.path('run_2018')}: "
                                            f"no state 'Japan': the targets are those of "
                                            f"the Asia-Pacific baseline"), p.stderr)


if __name__ == "__main__":
    unittest.main()
