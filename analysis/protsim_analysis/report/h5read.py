"""h5read - the report's and the classroom's reading of protsim result files.

TODO: replace with the package's one reader of every kind of result file
(protsim_analysis, issue 10) when it lands; until then this is the only module of
report/ and classroom/ that opens an HDF5 file or knows its layout (docs/output.md,
docs/sweeps.md). Every array comes back with a leading replicate axis, so that a run is
a replicate file of one.
"""

import h5py
import numpy as np

KINDS = ("run", "replicates", "compare", "sweep")


class ReadError(Exception):
    """A file that is not a protsim result file, or lacks what the caller needs."""


def texts(ds):
    """A dataset (or attribute array) of strings as a list of str."""
    return [v.decode() if isinstance(v, bytes) else str(v) for v in ds[()]]


def attr_text(obj, name, default=""):
    v = obj.attrs.get(name, default)
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray):
        return ",".join(str(x) for x in v)
    return str(v) if not isinstance(v, str) else v


def kind_of(f):
    """'run', 'replicates', 'compare' or 'sweep'; ReadError for anything else."""
    if attr_text(f, "kind") == "sweep":
        return "sweep"
    if attr_text(f, "parts"):
        return "compare"
    if "states" in f and "time" in f:
        return "replicates" if "replicates" in f.attrs else "run"
    raise ReadError("not a protsim run, replicate, compare or sweep file")


def month_labels(decimal_years):
    """'YYYY-MM' of each step: a step ending at y = (12 year + month) / 12."""
    months = np.rint(np.asarray(decimal_years) * 12.0).astype(np.int64) - 1
    return ["%04d-%02d" % (m // 12, m % 12 + 1) for m in months]


class Part:
    """One scenario's series: a run file, a replicate file, or /a or /b of a compare file.

    series(path) returns float arrays [R, T, ...]; R is 1 for a run file.
    """

    def __init__(self, group, label=""):
        self.g = group
        self.label = label
        self.replicated = "replicates" in group.attrs
        written = int(group.attrs.get("steps_written", group["time"].shape[0]))
        self.n_steps = written
        self.time = np.asarray(group["time"][:written], dtype=float)
        self.months = month_labels(self.time)
        self.states = texts(group["states/name"])
        self.n_replicates = int(group.attrs.get("replicates_written",
                                                group.attrs.get("replicates", 1)))

    def attr(self, name, default=""):
        return attr_text(self.g, name, default)

    def has(self, path):
        return path in self.g

    def names(self, path):
        return texts(self.g[path])

    def series(self, path):
        ds = self.g[path]
        if self.replicated:
            a = np.asarray(ds[: self.n_replicates, : self.n_steps], dtype=float)
        else:
            a = np.asarray(ds[: self.n_steps], dtype=float)[np.newaxis]
        return a

    def events(self):
        """Every event as a dict: date, time, type, state, ngo, value, replicate."""
        if "events" not in self.g:
            return []
        rows = self.g["events"][()]
        fields = rows.dtype.names or ()
        out = []
        for r in rows:
            e = {}
            for k in fields:
                v = r[k]
                e[k] = v.decode() if isinstance(v, bytes) else (
                    v.item() if hasattr(v, "item") else v)
            e.setdefault("replicate", 0)
            out.append(e)
        return out


class ResultFile:
    """An open result file: kind, parts (one, or A and B), comparison or sweep tables."""

    def __init__(self, path):
        self.path = path
        try:
            self.f = h5py.File(path, "r")
        except OSError as exc:
            raise ReadError("cannot open as HDF5: %s" % exc) from None
        self.kind = kind_of(self.f)
        if self.kind in ("run", "replicates"):
            self.parts = [Part(self.f)]
        elif self.kind == "compare":
            names = [p.strip("/") for p in attr_text(self.f, "parts").split(",") if p]
            self.parts = [Part(self.f[n], n.upper()) for n in names]
        else:
            self.parts = []

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def attrs(self):
        return {k: attr_text(self.f, k) for k in self.f.attrs}

    def comparison(self):
        """The compare table as a list of rows (dicts), in metric order."""
        c = self.f["comparison"]
        names = texts(c["metric_names"])
        cols = {}
        for key in c:
            ds = c[key]
            if ds.shape == (len(names),):
                cols[key] = texts(ds) if ds.dtype.kind in "OSU" else ds[()].tolist()
        rows = [{k: cols[k][i] for k in cols} for i in range(len(names))]
        pairs = {}
        for side in ("a_values", "b_values"):
            if side in c:
                pairs[side] = np.asarray(c[side][()], dtype=float)
        horizon = int(c["horizon"][()]) if "horizon" in c else None
        return rows, pairs, horizon

    def sweep(self):
        """Design, parameter names, metric names, values and status of a sweep file."""
        s, m = self.f["sweep"], self.f["summary"]
        return {
            "param_names": texts(s["param_names"]),
            "param_paths": texts(s["param_paths"]),
            "design": np.asarray(s["design"][()], dtype=float),
            "status": np.asarray(s["status"][()]),
            "metric_names": texts(m["metric_names"]),
            "units": texts(m["units"]),
            "values": np.asarray(m["values"][()], dtype=float),
        }
