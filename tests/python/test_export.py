"""The long-table export: to_dataframe and `protsim export FILE.h5 --csv DIR`, its
columns and values checked against h5py reads of files the real protsim wrote."""
import csv
import os
import unittest

import h5py
import numpy as np
import pandas as pd

import fixtures
import protsim_analysis as pa


class DataFrames(unittest.TestCase):
    def test_run_series_long(self):
        p = fixtures.path("run")
        df = pa.to_dataframe(p, ["refugees/count", "region/poi"])
        with h5py.File(p) as f:
            count = f["refugees/count"][()]
            status = list(f["refugees/status_names"].asstr()[:])
            states = list(f["states/name"].asstr()[:])
            months = pa.month_labels(pa.months_from_decimal(f["time"][()]))
            self.assertEqual(list(df.columns),
                             ["variable", "units", "time", "state", "status", "value"])
            c = df[df["variable"] == "refugees/count"]
            self.assertEqual(len(c), count.size)
            self.assertEqual(set(c["units"]), {f["refugees/count"].attrs["units"]})
            row = c[(c["time"] == months[5]) & (c["state"] == states[2])
                    & (c["status"] == status[4])]
            self.assertEqual(row["value"].tolist(), [count[5, 2, 4]])
            np.testing.assert_array_equal(c["value"].to_numpy(), count.reshape(-1))
            r = df[df["variable"] == "region/poi"]
            self.assertEqual(r["time"].tolist(), months)
            self.assertTrue(r["state"].isna().all())
            np.testing.assert_array_equal(r["value"].to_numpy(), f["region/poi"][()])

    def test_every_series_of_a_run(self):
        p = fixtures.path("run")
        df = pa.to_dataframe(p)
        with h5py.File(p) as f:
            want = {}

            def visit(name, obj):
                if (isinstance(obj, h5py.Dataset) and obj.dtype.kind in "fi"
                        and not h5py.h5ds.is_scale(obj.id)):    # scales are coordinates
                    want[name] = obj.size
            f.visititems(visit)
            got = df.groupby("variable").size().to_dict()
            self.assertEqual(got, want)
            self.assertIn("ngo", df.columns)

    def test_replicates_and_compare(self):
        p = fixtures.path("compare")
        df = pa.to_dataframe(p, ["states/poi"])
        self.assertEqual(list(df.columns),
                         ["scenario", "variable", "units", "replicate", "time", "state",
                          "value"])
        with h5py.File(p) as f:
            for arm in ("a", "b"):
                v = f[arm]["states/poi"][()]
                part = df[df["scenario"] == arm]
                np.testing.assert_array_equal(part["value"].to_numpy(), v.reshape(-1))
                self.assertEqual(sorted(set(part["replicate"])), list(range(v.shape[0])))
        with pa.open_file(p) as rf, h5py.File(p) as f:
            table = pa.comparison_frame(rf)
            self.assertEqual(table["metric"].tolist(),
                             list(f["comparison/metric_names"].asstr()[:]))
            np.testing.assert_array_equal(table["p_value"], f["comparison/p_value"][()])
            self.assertEqual(set(table["horizon"]), {int(f["comparison/horizon"][()])})
            values = pa.comparison_values_frame(rf)
            b = values[values["scenario"] == "b"]
            np.testing.assert_array_equal(b["value"], f["comparison/b_values"][()].reshape(-1))
            self.assertEqual(b["metric"].iloc[1], f["comparison/metric_names"].asstr()[1])

    def test_sweep_long(self):
        p = fixtures.path("sweep")
        df = pa.to_dataframe(p)
        with h5py.File(p) as f:
            values = f["summary/values"][()]
            self.assertEqual(list(df.columns), ["run", "point", "replicate", "seed", "status",
                                                "emphasis", "surge", "metric", "units",
                                                "value"])
            self.assertEqual(len(df), values.size)
            np.testing.assert_array_equal(df["value"], values.reshape(-1))
            names = list(f["summary/metric_names"].asstr()[:])
            self.assertEqual(df["metric"].tolist()[:len(names)], names)
            design = f["sweep/design"][()]
            np.testing.assert_array_equal(df["surge"].to_numpy()[::len(names)], design[:, 1])
            np.testing.assert_array_equal(df["seed"].to_numpy()[::len(names)],
                                          f["sweep/seed"][()])
            self.assertEqual(set(df["status"]), {"done"})


class CsvFiles(unittest.TestCase):
    def export(self, kind):
        out = os.path.join(fixtures.workdir(), f"csv_{kind}")
        p = fixtures.script("protsim-export", fixtures.path(kind), "--csv", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        files = sorted(os.listdir(out))
        self.assertEqual(p.stdout, f"wrote {len(files)} files to {out}\n")
        return out, files

    def test_run_csv(self):
        out, files = self.export("run")
        for name in ("attributes.csv", "variables.csv", "events.csv", "states_poi.csv",
                     "refugees_count.csv"):
            self.assertIn(name, files)
        with h5py.File(fixtures.path("run")) as f:
            table = pd.read_csv(os.path.join(out, "states_poi.csv"))
            self.assertEqual(list(table.columns), ["time", "state", "value"])
            np.testing.assert_allclose(table["value"], f["states/poi"][()].reshape(-1),
                                       rtol=1e-15)
            self.assertEqual(table["time"].iloc[0], f.attrs["start"])
            index = pd.read_csv(os.path.join(out, "variables.csv"))
            row = index[index["dataset"] == "/refugees/flows"].iloc[0]
            self.assertEqual((row["file"], row["units"], row["axes"]),
                             ("refugees_flows.csv", "persons/month", "time,state,flow"))
            events = pd.read_csv(os.path.join(out, "events.csv"), keep_default_na=False)
            self.assertEqual(events["type"].tolist(),
                             [t.decode() for t in f["events"]["type"]])
            with open(os.path.join(out, "attributes.csv")) as fh:
                attrs = {r["attribute"]: r["value"] for r in csv.DictReader(fh)}
            self.assertEqual(attrs["scenario"], f.attrs["scenario"])
            self.assertEqual(int(attrs["seed"]), f.attrs["seed"])

    def test_every_kind_exports(self):
        _, files = self.export("replicates")
        self.assertIn("seeds.csv", files)
        out, files = self.export("compare")
        self.assertIn("comparison.csv", files)
        self.assertIn("comparison_values.csv", files)
        head = pd.read_csv(os.path.join(out, "region_poi.csv"), nrows=2)
        self.assertEqual(list(head.columns), ["scenario", "replicate", "time", "value"])
        out, files = self.export("sweep")
        self.assertEqual(files, ["attributes.csv", "runs.csv", "summary.csv"])
        runs = pd.read_csv(os.path.join(out, "runs.csv"))
        with h5py.File(fixtures.path("sweep")) as f:
            np.testing.assert_allclose(runs["emphasis"], f["sweep/design"][:, 0], rtol=1e-15)

    def test_through_protsim(self):
        """`protsim export` runs the helper from the libexec folder (PROTSIM_LIBEXEC_DIR
        here: the source tree's analysis/bin) with the same result."""
        import subprocess
        out = os.path.join(fixtures.workdir(), "csv_front_door")
        env = dict(os.environ, PROTSIM_LIBEXEC_DIR=os.path.join(fixtures.ANALYSIS, "bin"))
        p = subprocess.run([fixtures.BINARY, "export", fixtures.path("run"), "--csv", out],
                           capture_output=True, text=True, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        ref, files = self.export("run")
        self.assertEqual(sorted(os.listdir(out)), files)
        for name in ("states_poi.csv", "events.csv"):
            with open(os.path.join(out, name)) as a, open(os.path.join(ref, name)) as b:
                self.assertEqual(a.read(), b.read())

    def test_bad_file_and_usage(self):
        absent = os.path.join(fixtures.workdir(), "absent.h5")
        p = fixtures.script("protsim-export", absent, "--csv", "x")
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, f"protsim export: {absent}: cannot open: No such file "
                         f"or directory\n")
        p = fixtures.script("protsim-export", fixtures.path("run"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("the following arguments are required: --csv", p.stderr)
        p = fixtures.script("protsim-export", fixtures.path("run"), "--csv",
                            fixtures.path("sweep"))
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr, f"protsim export: --csv {fixtures.path('sweep')}: exists "
                         f"and is not a folder\n")


if __name__ == "__main__":
    unittest.main()
