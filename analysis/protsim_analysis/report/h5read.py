"""h5read - what the report and the classroom need of a result file, through the
package's one reader (protsim_analysis.reader): nothing here opens HDF5 itself.

It shapes the reader's answers for drawing: every series as floats with a leading
replicate axis (a run is a replicate file of one), cut to the steps written; months as
`YYYY-MM`; events as a list of dicts; attributes as text.
"""

import numpy as np

from .. import reader

ReadError = reader.FileError


def _text(v):
    if v is None:
        return ""
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return str(v)


class Part:
    """One scenario's results: a run, replicates, or the arm /a or /b of a compare file.

    keep: what an arm of a compare file keeps (docs/output.md): "all" (every replicate's
    series; run and replicate files too), "quantiles" (the 5/50/95% bands: quantiles
    holds their levels, and series() puts that axis first) or "summary" (no series:
    has_series False, states empty)."""

    def __init__(self, part, label=""):
        self.p = part
        self.label = label
        self.keep = _text(part.attrs.get("keep", "")) or "all"
        self.has_series = part.has("states/poi")
        self.n_steps = part.steps_written
        self.months = part.month_labels[: self.n_steps]
        self.states = part.labels("state") if self.has_series else []
        self.quantiles = ([float(q) for q in np.asarray(part.series("quantile").values)]
                          if self.keep == "quantiles" and part.has("quantile") else None)
        self.replicated = part.replicates is not None
        written = part.attrs.get("replicates_written", part.replicates or 1)
        if not self.has_series:         # summary: none written, every replicate's metrics
            written = part.replicates or 1
        self.n_replicates = int(written) if self.replicated else 1

    def attr(self, name, default=""):
        return _text(self.p.attrs.get(name, default))

    def has(self, path):
        return self.p.has(path)

    def names(self, path):
        return reader.strings(self.p.dataset(path))

    def values(self, path):
        """A dataset as it is (no replicate axis added), e.g. /ngos/home_state."""
        return np.asarray(self.p.series(path).values)

    def series(self, path):
        """A dataset as floats [R, T, ...]: replicates first, then time, then the rest;
        in a file that keeps quantiles, [Q, T, ...] with the levels of self.quantiles."""
        s = self.p.series(path)
        dims = list(s.dims)
        v = np.asarray(s.values, dtype=float)
        lead = "quantile" if "quantile" in dims else "replicate"
        if lead not in dims:
            v, dims = v[np.newaxis], [lead] + dims
        first = [d for d in (lead, "time") if d in dims]
        order = [dims.index(d) for d in first] + [i for i, d in enumerate(dims)
                                                  if d not in first]
        v = np.transpose(v, order)
        if lead == "replicate":
            v = v[: self.n_replicates]
        return v[:, : self.n_steps] if "time" in dims else v


    def events(self):
        """Every event as a dict: date, time, type, state, ngo, value, replicate."""
        cols = self.p.events()
        if not cols:
            return []
        n = len(next(iter(cols.values())))
        out = []
        for i in range(n):
            e = {k: (c[i].item() if hasattr(c[i], "item") else c[i]) for k, c in cols.items()}
            e.setdefault("replicate", 0)
            out.append(e)
        return out


class ResultFile:
    """An open result file: kind, parts (one, or A and B), comparison or sweep tables."""

    def __init__(self, path):
        self.path = path
        self.rf = reader.open_file(path)
        self.kind = self.rf.kind
        self.parts = [Part(p, name.upper()) for name, p in self.rf.parts.items()]

    def close(self):
        self.rf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def attrs(self):
        return {k: _text(v) for k, v in self.rf.attrs.items()}

    def comparison(self):
        """The compare table as rows (dicts) in metric order, the paired values, horizon."""
        table = self.rf.comparison()
        names = list(table["metric_names"])
        rows = []
        for i in range(len(names)):
            row = {}
            for k, col in table.items():
                if k == "metric" or np.ndim(col) != 1 or len(col) != len(names):
                    continue
                v = col[i]
                row[k] = v.item() if hasattr(v, "item") else v
            rows.append(row)
        pairs = {k: np.asarray(table[k], dtype=float) for k in ("a_values", "b_values")
                 if k in table}
        horizon = int(table["horizon"]) if "horizon" in table else None
        return rows, pairs, horizon

    def sweep(self):
        """Design, parameter names, metric names, values and status of a sweep file."""
        s = self.rf.sweep
        design = s.design_values if s.design_values is not None else s.unit_design
        return {"param_names": s.param_names, "param_paths": s.param_paths,
                "design": design, "status": s.status, "metric_names": s.metric_names,
                "units": s.units, "values": s.values}
