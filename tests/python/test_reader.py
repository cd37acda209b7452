"""protsim_analysis's reader on files the real protsim wrote, and on copies changed to the
other layouts the reader must take (dimension scales, month strings, fixed-length
strings, no `dimensions` attributes): every path gives the same series, names and months.
"""
import os
import unittest

import h5py
import numpy as np

import fixtures
import protsim_analysis as pa


def with_dimension_scales(src, dst, labels=False, rename_names=True):
    """Copy src to dst in the layout of HDF5 dimension scales: every text axis dataset
    becomes a scale attached to the axes it labels, an index axis gets a numeric scale
    0 .. n-1, /time a scale with a /month scale
    of YYYY-MM strings beside it, and the `dimensions` attributes and the `start`
    attribute are removed (and, with rename_names, the name datasets renamed, so that
    only the scales can tell which labels an axis has). With labels, each axis also
    gets its name as a dimension label."""
    import shutil
    shutil.copyfile(src, dst)
    with h5py.File(dst, "r+") as f:
        groups = [f[p.strip("/")] for p in pa.attribute(f, "parts").split(",")] \
            if "comparison" in f else [f]
        for g in groups:
            _attach_scales(g, labels, rename_names)
            g.attrs.pop("start", None)


def _attach_scales(g, labels, rename_names):
    if h5py.h5ds.is_scale(g["time"].id):    # protsim writes its scales itself now
        _strip_to_scales(g, labels, rename_names)
        return
    axes, targets = {}, []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and "dimensions" in obj.attrs:
            dims = pa.attribute(obj, "dimensions").split(",")
            if h5py.check_string_dtype(obj.dtype) and obj.ndim == 1:
                base = name.rsplit("/", 1)[-1]
                if dims[0] not in axes or base == "name" or base.endswith("_names"):
                    axes[dims[0]] = name
            targets.append((name, dims))
    g.visititems(visit)
    if "month" not in g:    # protsim writes /month itself since its files have scales
        months = [str(m) for m in pa.months_from_decimal(g["time"][()])]
        g.create_dataset("month", data=months, dtype=h5py.string_dtype())
    g["month"].make_scale("time")
    g["time"].make_scale("time")
    scales = {d: g[n] for d, n in axes.items()}
    for d, s in scales.items():
        s.make_scale(d)
    for name, dims in targets:
        ds = g[name]
        if ds.id == g["time"].id or any(ds.id == s.id for s in scales.values()):
            del ds.attrs["dimensions"]
            continue
        for i, d in enumerate(dims[:ds.ndim]):
            if d == "time":
                ds.dims[i].attach_scale(g["month"])
                ds.dims[i].attach_scale(g["time"])
            else:
                if d not in scales:     # an index axis (replicate, ngo): a numeric scale
                    scales[d] = g.create_dataset(f"{d}_index", data=np.arange(ds.shape[i]))
                    scales[d].make_scale(d)
                ds.dims[i].attach_scale(scales[d])
            if labels:
                ds.dims[i].label = d
        del ds.attrs["dimensions"]
    if rename_names:
        for d, n in axes.items():
            if n.endswith("_names") or n.endswith("/name"):
                g.move(n, n + "_as_scale")


def _strip_to_scales(g, labels, rename_names):
    """A file with protsim's own scales: remove the `dimensions` attributes (with labels,
    each axis gets its scale's name as its label) and, with rename_names, rename the
    name datasets, so that only the scales can tell an axis's name and labels."""
    names = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and "dimensions" in obj.attrs:
            for i, dim in enumerate(obj.dims):
                if labels and len(dim) > 0:
                    dim.label = dim[0].name.rsplit("/", 1)[-1]
            del obj.attrs["dimensions"]
            if name.endswith("_names") or name.endswith("/name"):
                names.append(name)
    g.visititems(visit)
    for n in names if rename_names else []:
        g.move(n, n + "_as_scale")


class Kinds(unittest.TestCase):
    def test_every_kind_is_recognised(self):
        for kind in fixtures.FILE_KINDS:
            with pa.open_file(fixtures.path(kind)) as rf:
                self.assertEqual(rf.kind, kind)
                parts = {"compare": ["a", "b"], "sweep": []}.get(kind, [""])
                self.assertEqual(list(rf.parts), parts)
                self.assertEqual(rf.sweep is not None, kind == "sweep")

    def test_not_a_protsim_file(self):
        d = fixtures.workdir()
        other = os.path.join(d, "other.h5")
        with h5py.File(other, "w") as f:
            f["x"] = [1, 2]
        text_file = os.path.join(d, "notes.h5")
        with open(text_file, "w") as fh:
            fh.write("not hdf5\n")
        cases = [(other, f"{other}: not a protsim result file (no /time and /states, no "
                         f"/comparison, no /sweep)"),
                 (os.path.join(d, "absent.h5"),
                  f"{d}/absent.h5: cannot open: No such file or directory")]
        for p, want in cases:
            with self.assertRaises(pa.FileError) as e:
                pa.open_file(p)
            self.assertEqual(str(e.exception), want)
        with self.assertRaises(pa.FileError) as e:
            pa.open_file(text_file)
        self.assertTrue(str(e.exception).startswith(f"{text_file}: cannot open: not an HDF5"))

    def test_require_names_what_a_program_takes(self):
        with pa.open_file(fixtures.path("sweep")) as rf:
            with self.assertRaises(pa.FileError) as e:
                rf.require(("run", "replicates", "compare"), "x.py", " (hint)")
        self.assertEqual(str(e.exception), f"{fixtures.path('sweep')}: a sweep file; x.py "
                         f"takes run, replicate and compare files (hint)")


class Series(unittest.TestCase):
    def test_series_against_h5py(self):
        for kind in ("run", "replicates", "compare"):
            with pa.open_file(fixtures.path(kind)) as rf, \
                    h5py.File(fixtures.path(kind)) as f:
                for name, part in rf.parts.items():
                    g = f[name] if name else f
                    for ds in ("states/poi", "refugees/count", "refugees/flows",
                               "network/action_plans", "ngos/strategy", "region/poi"):
                        s = part.series(ds)
                        np.testing.assert_array_equal(s.values, g[ds][()])
                        self.assertEqual(s.dims, tuple(g[ds].attrs["dimensions"].split(",")))
                        self.assertEqual(s.units, g[ds].attrs["units"])
                        self.assertEqual(s.description, g[ds].attrs["description"])
                    count = part.series("refugees/count")
                    self.assertEqual(count.labels("state"), list(g["states/name"].asstr()[:]))
                    self.assertEqual(count.labels("status"),
                                     list(g["refugees/status_names"].asstr()[:]))
                    self.assertEqual(part.series("refugees/flows").labels("flow"),
                                     list(g["refugees/flow_names"].asstr()[:]))
                    if kind != "run":
                        self.assertEqual(count.dims[0], "replicate")
                        self.assertEqual(count.labels("replicate"),
                                         list(range(len(g["seeds"]))))
                        self.assertEqual(part.replicates, len(g["seeds"]))
                    else:
                        self.assertIsNone(part.replicates)

    def test_months(self):
        with pa.open_file(fixtures.path("run")) as rf, h5py.File(fixtures.path("run")) as f:
            part = rf.part
            labels = part.month_labels
            self.assertEqual(labels[0], f.attrs["start"])
            self.assertEqual(labels[-1], f.attrs["end"])
            self.assertEqual(len(labels), f.attrs["steps"])
            self.assertEqual(part.months.dtype, np.dtype("datetime64[M]"))
            np.testing.assert_allclose(part.decimal_year, f["time"][()], rtol=0, atol=1e-9)
            self.assertEqual(part.series("states/poi").labels("time"), labels)

    def test_months_from_decimal_years_alone(self):
        p = fixtures.copy("run", "no_start.h5")
        with h5py.File(p, "r+") as f:
            del f.attrs["start"]
            del f.attrs["steps"]
        with pa.open_file(p) as rf, pa.open_file(fixtures.path("run")) as ref:
            self.assertEqual(rf.part.month_labels, ref.part.month_labels)

    def test_sel_and_reduce(self):
        with pa.open_file(fixtures.path("run")) as rf, h5py.File(fixtures.path("run")) as f:
            count = rf.part.series("refugees/count")
            status = list(f["refugees/status_names"].asstr()[:])
            states = list(f["states/name"].asstr()[:])
            k, s = status.index("protected"), states.index("Borea")
            np.testing.assert_array_equal(count.sel(status="protected", state="Borea").values,
                                          f["refugees/count"][:, s, k])
            two = count.sel(status=["mandate", "protected"])
            self.assertEqual(two.labels("status"), ["mandate", "protected"])
            np.testing.assert_allclose(two.reduce("status").values,
                                       f["refugees/count"][:, :, status.index("mandate")]
                                       + f["refugees/count"][:, :, k])
            with self.assertRaises(pa.FileError) as e:
                count.sel(status="lost")
            self.assertEqual(str(e.exception), "refugees/count: no status 'lost' (there are: "
                             + ", ".join(status) + ")")
            with self.assertRaises(pa.FileError) as e:
                count.sel(ngo=1)
            self.assertEqual(str(e.exception),
                             "refugees/count: no axis 'ngo' (it has: time, state, status)")

    def test_present_statuses(self):
        with pa.open_file(fixtures.path("replicates")) as rf, \
                h5py.File(fixtures.path("replicates")) as f:
            part = rf.part
            present = part.present_statuses()
            names = list(f["refugees/status_names"].asstr()[:])
            self.assertEqual(present, names[:len(present)])
            total = part.series("refugees/count").sel(status=present).values.sum(axis=(2, 3))
            np.testing.assert_allclose(total, f["region/refugees"][()])
            self.assertLess(len(present), len(names))   # the exits are left out
        p = fixtures.copy("replicates", "no_states_present.h5")
        with h5py.File(p, "r+") as f:
            self.assertIn("states/present", f)      # protsim writes it: used first
            del f["states/present"]                 # an older file: /region/refugees
        with pa.open_file(p) as rf:
            self.assertEqual(rf.part.present_statuses(), present)
        with h5py.File(p, "r+") as f:
            f["region/refugees"][0, 0] += 1.0       # nothing adds up: one line
        with pa.open_file(p) as rf, self.assertRaises(pa.FileError) as e:
            rf.part.present_statuses()
        self.assertEqual(str(e.exception), f"{p}/refugees/count: no attribute 'present', "
                         f"and no leading statuses add up to /region/refugees")
        p = fixtures.copy("run", "present_attr.h5")
        with h5py.File(p, "r+") as f:
            f["refugees/count"].attrs["present"] = "pending,protected"
        with pa.open_file(p) as rf:
            self.assertEqual(rf.part.present_statuses(), ["pending", "protected"])

    def test_fixed_length_strings(self):
        p = fixtures.copy("run", "fixed_strings.h5")
        with h5py.File(p, "r+") as f:
            names = f["states/name"][()]
            attrs = dict(f["states/name"].attrs)
            del f["states/name"]
            f.create_dataset("states/name", data=np.array(names, dtype="S16"))
            f["states/name"].attrs.update(attrs)
            f.attrs["scenario_name"] = np.bytes_(b"small world")
        with pa.open_file(p) as rf, pa.open_file(fixtures.path("run")) as ref:
            self.assertEqual(rf.part.labels("state"), ref.part.labels("state"))
            self.assertEqual(rf.part.attrs["scenario_name"], "small world")
            self.assertIsInstance(rf.part.labels("state")[0], str)

    def test_events(self):
        with pa.open_file(fixtures.path("replicates")) as rf, \
                h5py.File(fixtures.path("replicates")) as f:
            ev = rf.part.events()
            raw = f["events"][()]
            self.assertEqual(list(ev), list(raw.dtype.names))
            self.assertEqual(list(ev["type"]), [t.decode() for t in raw["type"]])
            self.assertTrue(all(isinstance(x, str) for x in ev["date"]))
            np.testing.assert_array_equal(ev["replicate"], raw["replicate"])


class DimensionScales(unittest.TestCase):
    """The layout the recorder is moving to: the same answers as today's attributes."""

    def check_same(self, kind, changed):
        with pa.open_file(changed) as new, pa.open_file(fixtures.path(kind)) as old:
            self.assertEqual(new.kind, kind)
            for name, part in old.parts.items():
                other = new.parts[name]
                self.assertEqual(other.month_labels, part.month_labels)
                for ds in ("refugees/count", "refugees/flows", "states/implementation",
                           "network/action_plans", "region/poi", "ngos/budget"):
                    a, b = part.series(ds), other.series(ds)
                    self.assertEqual(b.dims, a.dims, ds)
                    for d in a.dims:
                        self.assertEqual(b.labels(d), a.labels(d), (ds, d))
                    np.testing.assert_array_equal(b.values, a.values)
                self.assertEqual(other.labels("status"), part.labels("status"))
                self.assertEqual(other.present_statuses(), part.present_statuses())

    def test_run_with_scales(self):
        p = os.path.join(fixtures.workdir(), "scales_run.h5")
        with_dimension_scales(fixtures.path("run"), p)
        with h5py.File(p) as f:      # the copy really has no other way to find names
            self.assertNotIn("dimensions", f["refugees/count"].attrs)
            self.assertNotIn("refugees/status_names", f)
            self.assertEqual(len(f["refugees/count"].dims[2]), 1)
        self.check_same("run", p)

    def test_replicates_with_labelled_scales(self):
        p = os.path.join(fixtures.workdir(), "scales_reps.h5")
        with_dimension_scales(fixtures.path("replicates"), p, labels=True)
        self.check_same("replicates", p)

    def test_compare_with_scales(self):
        p = os.path.join(fixtures.workdir(), "scales_cmp.h5")
        with_dimension_scales(fixtures.path("compare"), p, rename_names=False)
        self.check_same("compare", p)


class Compare(unittest.TestCase):
    def test_table(self):
        with pa.open_file(fixtures.path("compare")) as rf, \
                h5py.File(fixtures.path("compare")) as f:
            c = rf.comparison()
            self.assertEqual(list(c["metric"]), list(f["comparison/metric_names"].asstr()[:]))
            self.assertEqual(list(c["test"]), list(f["comparison/test"].asstr()[:]))
            np.testing.assert_array_equal(c["a_values"], f["comparison/a_values"][()])
            self.assertEqual(int(c["horizon"]), f["comparison/horizon"][()])
            self.assertEqual(rf.parts["a"].attrs["scenario_name"],
                             f["a"].attrs["scenario_name"])
            self.assertEqual(rf.parts["b"].where("region/poi"),
                             f"{fixtures.path('compare')}:/b/region/poi")


class Sweep(unittest.TestCase):
    def test_sweep_against_h5py(self):
        with pa.open_file(fixtures.path("sweep")) as rf, h5py.File(fixtures.path("sweep")) as f:
            sw = rf.sweep
            self.assertEqual(sw.design, "lhs")
            self.assertEqual(sw.param_names, ["emphasis", "surge"])
            self.assertEqual(sw.metric_names, list(f["summary/metric_names"].asstr()[:]))
            self.assertEqual(sw.metric_names, ["poi@2008", "refugees@2008"])
            self.assertEqual(sw.units, list(f["summary/units"].asstr()[:]))
            self.assertEqual(sw.param_paths, list(f["sweep/param_paths"].asstr()[:]))
            np.testing.assert_array_equal(sw.values, f["summary/values"][()])
            np.testing.assert_array_equal(sw.design_values, f["sweep/design"][()])
            np.testing.assert_array_equal(sw.point, f["sweep/point"][()])
            self.assertEqual((sw.n_points, sw.replicates), (4, 2))
            self.assertEqual(sw.status_words, {0: "done", 1: "failed", 2: "missing"})


if __name__ == "__main__":
    unittest.main()
