"""One reader of every protsim result file: run, replicate, compare and sweep files.

Names, units, descriptions and axes come from the file itself: HDF5 dimension scales
when a dataset has them, else the `dimensions` attribute and the text dataset that
labels each axis (docs/output.md). Time comes back as months (numpy datetime64[M]).
Strings are decoded in one place, `text`.
"""
import re

import h5py
import numpy as np

KINDS = ("run", "replicates", "compare", "sweep")
KIND_WORDS = {"run": "a run file", "replicates": "a replicate file",
              "compare": "a compare file", "sweep": "a sweep file"}
MONTH = re.compile(r"^\d{4}-\d{2}$")
INDEX_DIMS_PREFIX = "dim_"


class FileError(Exception):
    """A file that cannot be read as the kind of protsim file asked for (one line)."""


# ---------------------------------------------------------------- strings

def text(value):
    """Any string HDF5 gives back (bytes, numpy bytes or str) as str."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return text(value[()])
    return str(value)


def strings(values):
    """A text dataset, or any array of strings, as a list of str."""
    if isinstance(values, h5py.Dataset):
        values = values[()]
    return [text(v) for v in np.asarray(values, dtype=object).reshape(-1)]


def attribute(obj, name, default=None):
    """An attribute of obj as a Python value: text as str, a one-element array as a
    scalar, numpy scalars as Python numbers; default when absent."""
    if name not in obj.attrs:
        return default
    v = obj.attrs[name]
    if isinstance(v, np.ndarray):
        if v.size == 1:
            v = v.reshape(-1)[0]
        else:
            return [text(x) if isinstance(x, (bytes, np.bytes_, str)) else x for x in v]
    if isinstance(v, (bytes, np.bytes_, str)):
        return text(v)
    return v.item() if isinstance(v, np.generic) else v


def attributes(obj):
    """Every attribute of obj, decoded as by `attribute`."""
    return {k: attribute(obj, k) for k in obj.attrs}


def is_text(ds):
    return isinstance(ds, h5py.Dataset) and h5py.check_string_dtype(ds.dtype) is not None


# ---------------------------------------------------------------- time

def months_from_decimal(years):
    """Decimal years at the end of each month, (12 y + m) / 12, as datetime64[M]."""
    k = np.rint(np.asarray(years, dtype=float) * 12.0).astype(np.int64) - 1
    return np.datetime64("1970-01", "M") + (k - 12 * 1970)


def months_from_start(start, steps):
    """steps months from `YYYY-MM` on, as datetime64[M]."""
    return np.datetime64(start, "M") + np.arange(steps)


def month_labels(months):
    """datetime64[M] values as `YYYY-MM` strings."""
    return [str(m) for m in np.asarray(months, dtype="datetime64[M]")]


# ---------------------------------------------------------------- axes

def _scale_name(scale):
    """The dimension name a dimension scale gives (its NAME attribute, else its name)."""
    name = attribute(scale, "NAME")
    if name and not name.startswith("This is a netCDF dimension"):
        return name
    return scale.name.rsplit("/", 1)[-1]


def dimension_names(ds):
    """Names of the axes of ds: dimension labels or scales, else the `dimensions`
    attribute, else dim_0, dim_1, ..."""
    listed = [d for d in (attribute(ds, "dimensions") or "").split(",") if d]
    names = []
    for i, dim in enumerate(ds.dims):
        if dim.label:
            names.append(dim.label)
        elif len(dim) > 0:
            names.append(_scale_name(dim[0]))
        elif len(listed) == ds.ndim:
            names.append(listed[i])
        elif ds.ndim == 1 and attribute(ds, "CLASS") == "DIMENSION_SCALE":
            names.append(_scale_name(ds))
        else:
            names.append(f"{INDEX_DIMS_PREFIX}{i}")
    return tuple(names)


def _label_rank(ds):
    """Which of several text datasets of one axis names it best (lower is better)."""
    base = ds.name.rsplit("/", 1)[-1]
    if base in ("name", "names") or base.endswith("_names"):
        return 0
    if base.endswith("_kinds") or base.endswith("s"):
        return 1
    return 2


class Axes:
    """The labels of every named axis within one group (a run, or an arm of a compare):
    from dimension scales when present, else from the text dataset of that axis."""

    def __init__(self, group):
        self.group = group
        self._labels = {}
        self._text = None

    def _text_datasets(self):
        """{dim: [text datasets whose only axis is dim]}, found once."""
        if self._text is None:
            found = {}

            def visit(_, obj):
                if is_text(obj) and obj.ndim == 1:
                    dims = dimension_names(obj)
                    found.setdefault(dims[0], []).append(obj)
            self.group.visititems(visit)
            for v in found.values():
                v.sort(key=lambda d: (_label_rank(d), d.name))
            self._text = found
        return self._text

    def labels(self, dim, ds=None, axis=None):
        """Labels [n] of axis dim (str, or datetime64[M] for time; None: plain index).

        ds and axis, when given, are a dataset and the axis whose scales to read first."""
        if ds is not None and len(ds.dims[axis]) > 0:
            got = _from_scales(ds.dims[axis], self.group)
            if got is not None:
                return got
        if dim not in self._labels:
            self._labels[dim] = self._find(dim)
        return self._labels[dim]

    def _find(self, dim):
        if dim == "time":
            return None   # the Part knows the months
        for cand in self._text_datasets().get(dim, []):
            return np.array(strings(cand), dtype=object)
        return None


def _from_scales(dimproxy, group):
    """Labels from the scales of one axis: month strings as months, other text as str,
    a decimal-year time scale as months; None when no scale says more than an index."""
    values = [dimproxy[j] for j in range(len(dimproxy))]
    texts = [s for s in values if is_text(s)]
    for s in texts:
        v = strings(s)
        if v and all(MONTH.match(x) for x in v):
            return np.array(v, dtype="datetime64[M]")
    if texts:
        return np.array(strings(texts[0]), dtype=object)
    for s in values:
        if "year" in (attribute(s, "units") or ""):
            return months_from_decimal(s[()])
    return None


# ---------------------------------------------------------------- series

class Series:
    """An array with named axes: values, dims, coords (labels per axis, or None for a
    plain index), units, description and the dataset's path."""

    def __init__(self, values, dims, coords, units="", description="", name=""):
        self.values = np.asarray(values)
        self.dims = tuple(dims)
        self.coords = dict(coords)
        self.units, self.description, self.name = units, description, name

    def __repr__(self):
        shape = ", ".join(f"{d}={n}" for d, n in zip(self.dims, self.values.shape))
        return f"Series({self.name} [{shape}] {self.units})"

    def axis(self, dim):
        if dim not in self.dims:
            raise FileError(f"{self.name}: no axis '{dim}' (it has: {', '.join(self.dims)})")
        return self.dims.index(dim)

    def labels(self, dim):
        """Labels of axis dim as a list (0 .. n-1 when it has none)."""
        lab = self.coords.get(dim)
        n = self.values.shape[self.axis(dim)]
        if lab is None:
            return list(range(n))
        if np.issubdtype(np.asarray(lab).dtype, np.datetime64):
            return month_labels(lab)
        return list(lab)

    def index(self, dim, label):
        """Position of label on axis dim; FileError naming the labels there are."""
        labels = self.labels(dim)
        if label in labels:
            return labels.index(label)
        raise FileError(f"{self.name}: no {dim} '{label}' (there are: "
                        f"{', '.join(str(x) for x in labels)})")

    def sel(self, **wanted):
        """The series at some labels: sel(status="pending") drops the axis,
        sel(status=["mandate", "protected"]) keeps it with those labels."""
        out = self
        for dim, want in wanted.items():
            ax = out.axis(dim)
            many = isinstance(want, (list, tuple))
            idx = [out.index(dim, w) for w in want] if many else out.index(dim, want)
            values = np.take(out.values, idx, axis=ax)
            coords = dict(out.coords)
            dims = list(out.dims)
            if many:
                lab = coords.get(dim)
                coords[dim] = None if lab is None else np.asarray(lab)[idx]
            else:
                coords.pop(dim, None)
                dims.pop(ax)
            out = Series(values, dims, coords, out.units, out.description, out.name)
        return out

    def reduce(self, dim, how=np.nansum):
        """The series with axis dim reduced (sum by default; any numpy reduction)."""
        ax = self.axis(dim)
        coords = {k: v for k, v in self.coords.items() if k != dim}
        dims = [d for d in self.dims if d != dim]
        return Series(how(self.values, axis=ax), dims, coords, self.units,
                      self.description, self.name)


# ---------------------------------------------------------------- parts

class Part:
    """The results of one scenario: a run, a set of replicates, or one arm of a compare
    file (group "/a" or "/b"). Gives series with their axes, months, names, events."""

    def __init__(self, group, name, path):
        self.group, self.name, self.path = group, name, path
        self.attrs = attributes(group)
        self.axes = Axes(group)
        self.replicates = self.attrs.get("replicates") if "seeds" in group else None
        self._months = None

    def where(self, dataset=""):
        """'FILE' or 'FILE:/a' (and the dataset), for messages."""
        inside = self.group.name if self.group.name != "/" else ""
        return f"{self.path}{':' + inside if inside else ''}{'/' + dataset if dataset else ''}"

    @property
    def months(self):
        """The month of each step [T], datetime64[M]."""
        if self._months is None:
            self._months = self._read_months()
        return self._months

    def _read_months(self):
        t = self.group.get("time")
        if t is not None and t.ndim == 1 and len(t.dims[0]) > 0:
            got = _from_scales(t.dims[0], self.group)
            if got is not None and np.issubdtype(got.dtype, np.datetime64):
                return got
        if t is not None and is_text(t):
            return np.array(strings(t), dtype="datetime64[M]")
        start, steps = self.attrs.get("start"), self.attrs.get("steps")
        if start and steps is not None:
            return months_from_start(start, int(steps))
        if t is not None:
            return months_from_decimal(t[()])
        raise FileError(f"{self.where()}: no time axis")

    @property
    def month_labels(self):
        return month_labels(self.months)

    @property
    def decimal_year(self):
        """Decimal year at the end of each month (the protsim convention)."""
        k = (self.months.astype("datetime64[M]").astype(np.int64) + 12 * 1970 + 1)
        return k / 12.0

    @property
    def steps_written(self):
        return int(self.attrs.get("steps_written", len(self.months)))

    def has(self, dataset):
        return dataset in self.group and isinstance(self.group[dataset], h5py.Dataset)

    def dataset(self, dataset):
        if not self.has(dataset):
            raise FileError(f"{self.where(dataset)}: missing")
        return self.group[dataset]

    def series(self, dataset):
        """The dataset (path inside the part, e.g. "states/poi") as a Series."""
        ds = self.dataset(dataset)
        dims = dimension_names(ds)
        coords = {}
        for i, d in enumerate(dims):
            if d == "time":
                coords[d] = self.months[:ds.shape[i]]
            else:
                lab = self.axes.labels(d, ds, i)
                if lab is not None and len(lab) != ds.shape[i]:
                    lab = None
                coords[d] = lab
        values = (np.array(strings(ds), dtype=object).reshape(ds.shape) if is_text(ds)
                  else ds[()])
        return Series(values, dims, coords, attribute(ds, "units", ""),
                      attribute(ds, "description", ""), dataset)

    def labels(self, dim):
        """Labels of an axis (e.g. "state", "status", "flow") as a list of str."""
        lab = self.axes.labels(dim)
        if lab is None:
            raise FileError(f"{self.where()}: no labels for the axis '{dim}'")
        return list(lab)

    def series_names(self):
        """Paths of every numeric dataset of the part that is not an axis label."""
        out = []

        def visit(name, obj):
            if (isinstance(obj, h5py.Dataset) and not is_text(obj)
                    and obj.dtype.names is None and attribute(obj, "CLASS") != "DIMENSION_SCALE"):
                out.append(name)
        self.group.visititems(visit)
        return sorted(out)

    def events(self):
        """/events as a dict of columns (text fields as str), or empty columns."""
        if not self.has("events"):
            return {}
        ev = self.group["events"][()]
        cols = {}
        for field in ev.dtype.names:
            col = ev[field]
            if col.dtype.kind in "OSU":
                cols[field] = np.array(strings(col), dtype=object)
            else:
                cols[field] = col
        return cols

    def present_statuses(self):
        """The statuses of persons present in their host state (the others are exits).

        From the file: the attribute `present` of /refugees/count when there is one;
        else the leading statuses whose counts add up to the persons present at every
        step: /states/present per state when the file has it, else /region/refugees."""
        counts = self.series("refugees/count")
        names = counts.labels("status")
        listed = attribute(self.dataset("refugees/count"), "present")
        if listed:
            return listed.split(",") if isinstance(listed, str) else list(listed)
        status = counts.axis("status")
        if self.has("states/present"):
            target, total = "states/present", counts.values
        else:
            target = "region/refugees"
            total = np.nansum(counts.values, axis=counts.axis("state"))
            status -= 1 if counts.axis("state") < status else 0
        present = self.series(target)
        if list(present.dims) != [d for d in counts.dims if d != "status"
                                  and (target == "states/present" or d != "state")]:
            raise FileError(f"{self.where(target)}: its axes do not match /refugees/count")
        scale = max(1.0, float(np.nanmax(np.abs(present.values))) if present.values.size
                    else 1.0)
        total = np.moveaxis(total, status, -1)
        for k in range(1, len(names) + 1):
            diff = np.nansum(total[..., :k], axis=-1) - present.values
            if np.nanmax(np.abs(diff)) <= 1e-9 * scale:
                return names[:k]
        raise FileError(f"{self.where('refugees/count')}: no attribute 'present', and no "
                        f"leading statuses add up to /{target}")


# ---------------------------------------------------------------- sweeps

class Sweep:
    """A sweep file: the design, every run's status and summary metrics (docs/sweeps.md)."""

    def __init__(self, f, path):
        self.path = path
        self.attrs = attributes(f)

        def need(name):
            if name not in f:
                raise FileError(f"{path}: {name}: missing (not a protsim sweep file?)")
            return f[name]

        def optional_text(name, n):
            return strings(f[name]) if name in f and len(f[name]) == n else [""] * n
        self.design = str(self.attrs.get("design", ""))
        self.point = np.asarray(need("sweep/point")[()], dtype=np.int64)
        self.replicate = np.asarray(need("sweep/replicate")[()], dtype=np.int64)
        self.status = np.asarray(need("sweep/status")[()], dtype=np.int64)
        self.seed = np.asarray(f["sweep/seed"][()]) if "sweep/seed" in f else None
        self.param_names = strings(need("sweep/param_names"))
        n_runs, n_params = len(self.point), len(self.param_names)
        self.unit_design = np.asarray(need("sweep/unit_design")[()], dtype=float)
        self.design_values = (np.asarray(f["sweep/design"][()], dtype=float)
                              if "sweep/design" in f else None)
        self.param_units = optional_text("sweep/param_units", n_params)
        self.param_paths = optional_text("sweep/param_paths", n_params)
        self.metric_names = strings(need("summary/metric_names"))
        n_metrics = len(self.metric_names)
        self.units = optional_text("summary/units", n_metrics)
        self.descriptions = optional_text("summary/descriptions", n_metrics)
        self.values = np.asarray(need("summary/values")[()], dtype=float)
        if self.values.size == n_runs * n_metrics:
            self.values = self.values.reshape(n_runs, n_metrics)
        if self.unit_design.size == n_runs * n_params:
            self.unit_design = self.unit_design.reshape(n_runs, n_params)
        self.n_points = int(self.attrs.get("n_points", self.point.max() + 1 if n_runs else 0))
        self.replicates = int(self.attrs.get("replicates",
                                             self.replicate.max() + 1 if n_runs else 1))
        self.n_base = self.attrs.get("n_base")
        self.trajectories = self.attrs.get("trajectories")
        self.status_words = _codes(attribute(f["sweep/status"], "codes") or "")


def _codes(spec):
    """'0 done, 1 failed, 2 missing' as {0: 'done', 1: 'failed', 2: 'missing'}."""
    out = {}
    for item in spec.split(","):
        parts = item.strip().split(" ", 1)
        if len(parts) == 2 and parts[0].lstrip("-").isdigit():
            out[int(parts[0])] = parts[1]
    return out


# ---------------------------------------------------------------- files

def _kind(f):
    """Which kind of protsim file f is, or None."""
    if attribute(f, "kind") == "sweep" or ("sweep" in f and "summary" in f):
        return "sweep"
    if ("comparison" in f or "robust" in f) and "a" in f and "b" in f:
        return "compare"
    if "time" in f and "states" in f:
        return "replicates" if "seeds" in f else "run"
    return None


class ResultFile:
    """An open protsim result file of any kind (use as a context manager).

    kind: run, replicates, compare or sweep; attrs: root attributes; parts: the
    scenarios' results by name ("" for a run or replicate file, "a" and "b" for a
    compare file); sweep: a Sweep (sweep files); comparison: the compare table."""

    def __init__(self, path):
        self.path = path
        try:
            self.h5 = h5py.File(path, "r")
        except FileNotFoundError:
            raise FileError(f"{path}: cannot open: No such file or directory") from None
        except OSError as e:
            raise FileError(f"{path}: cannot open: not an HDF5 file ({e})") from None
        try:
            self.kind = _kind(self.h5)
            if self.kind is None:
                raise FileError(f"{path}: not a protsim result file (no /time and /states, "
                                f"no /comparison, no /sweep)")
            self.attrs = attributes(self.h5)
            self.parts = self._parts()
            self.sweep = Sweep(self.h5, path) if self.kind == "sweep" else None
        except Exception:
            self.h5.close()
            raise

    def _parts(self):
        if self.kind in ("run", "replicates"):
            return {"": Part(self.h5, "", self.path)}
        if self.kind == "compare":
            names = [p.strip("/") for p in (self.attrs.get("parts") or "/a,/b").split(",")]
            return {n: Part(self.h5[n], n, self.path) for n in names}
        return {}

    def close(self):
        self.h5.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def describe(self):
        """The kind in words, e.g. 'a compare file'."""
        return KIND_WORDS[self.kind]

    def require(self, kinds, prog, hint=""):
        """FileError unless the file is of one of kinds: one line naming what prog takes."""
        if self.kind in kinds:
            return
        words = [KIND_WORDS[k].split(" ", 1)[1].replace(" file", "") for k in kinds]
        takes = (" and ".join(words) if len(words) <= 2
                 else ", ".join(words[:-1]) + " and " + words[-1])
        raise FileError(f"{self.path}: {self.describe()}; {prog} takes {takes} files{hint}")

    @property
    def part(self):
        """The only part (run and replicate files)."""
        return next(iter(self.parts.values()))

    def comparison(self):
        """The compare table as {column: array}, with 'metric' the metric names."""
        c = self.h5["comparison"]
        table = {}
        for name, ds in c.items():
            if isinstance(ds, h5py.Dataset):
                table[name] = np.array(strings(ds), dtype=object) if is_text(ds) else ds[()]
        table["metric"] = table.get("metric_names")
        return table


def open_file(path):
    """Open a protsim result file of any kind: a ResultFile (FileError if not one)."""
    return ResultFile(path)
