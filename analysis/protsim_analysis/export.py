"""Long tables of protsim result files, for R, Stata and spreadsheets (pandas).

One row per value: a column per axis of the dataset (`time` as `YYYY-MM`, `state` and
the other labelled axes as their names from the file, `replicate`, `ngo` and other
plain axes as indices from 0), then `value`. docs/export.md describes the files that
`protsim export FILE.h5 --csv DIR` writes.
"""
import os

import numpy as np

from .reader import FileError, open_file

RESERVED = ("scenario", "variable", "units", "value")


def _pandas():
    try:
        import pandas
    except ImportError:
        raise FileError("the export needs pandas (Debian: apt-get install python3-pandas)") \
            from None
    return pandas


def _column(dim):
    """The column name of an axis: the axis name, unless a fixed column has it."""
    return f"{dim}_label" if dim in RESERVED else dim


def series_columns(series):
    """{column: array} of a Series in long form: one entry per value, C order."""
    shape = series.values.shape
    n = int(np.prod(shape)) if shape else 1
    cols = {}
    for ax, dim in enumerate(series.dims):
        labels = np.asarray(series.labels(dim), dtype=object)
        before = int(np.prod(shape[:ax]))
        after = int(np.prod(shape[ax + 1:]))
        cols[_column(dim)] = np.tile(np.repeat(labels, after), before)
    cols["value"] = series.values.reshape(n)
    return cols


def series_frame(part, dataset, scenario=None):
    """One dataset of a part (a run, replicate set or compare arm) as a long DataFrame;
    with scenario, a first column `scenario` holding it."""
    pd = _pandas()
    s = part.series(dataset)
    cols = series_columns(s)
    frame = pd.DataFrame(cols)
    if scenario is not None:
        frame.insert(0, "scenario", scenario)
    return frame


def _part_names(rf):
    """(scenario label or None, Part) of every part of a file."""
    return [(name or None, part) for name, part in rf.parts.items()]


def series_datasets(rf):
    """Datasets that every part of the file holds, in order."""
    names = None
    for _, part in _part_names(rf):
        got = [n for n in part.series_names() if n != "time"]
        names = got if names is None else [n for n in names if n in got]
    return names or []


def to_dataframe(path, datasets=None):
    """A protsim result file as one long DataFrame.

    run, replicate and compare files: every series (or those named in datasets), with
    columns [scenario,] variable, units, one per axis that any of them has, value;
    sweep files: one row per run and metric with the run's parameter values (as
    `sweep_frame`)."""
    with open_file(path) as rf:
        if rf.kind == "sweep":
            return sweep_frame(rf)
        return _series_long(rf, datasets)


def _series_long(rf, datasets):
    pd = _pandas()
    names = series_datasets(rf) if datasets is None else list(datasets)
    frames = []
    for scenario, part in _part_names(rf):
        for name in names:
            f = series_frame(part, name, scenario)
            f.insert(0 if scenario is None else 1, "variable", name)
            f.insert(1 if scenario is None else 2, "units", part.series(name).units)
            frames.append(f)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True, sort=False)
    first = [c for c in ("scenario", "variable", "units") if c in out.columns]
    axes = [c for c in out.columns if c not in first and c != "value"]
    return out[first + axes + ["value"]]


def events_frame(rf):
    """/events of every part as a DataFrame ([scenario,] then the event fields)."""
    pd = _pandas()
    frames = []
    for scenario, part in _part_names(rf):
        f = pd.DataFrame(part.events())
        if scenario is not None:
            f.insert(0, "scenario", scenario)
        frames.append(f)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def comparison_frame(rf):
    """The compare table: one row per metric, a column per dataset of /comparison that
    has a metric axis (replicate values are in comparison_values_frame)."""
    pd = _pandas()
    table = rf.comparison()
    metrics = table["metric_names"]
    cols = {"metric": metrics}
    for name, v in table.items():
        if name in ("metric", "metric_names"):
            continue
        v = np.asarray(v)
        if v.ndim == 1 and len(v) == len(metrics):
            cols[name] = v
    frame = pd.DataFrame(cols)
    for name in ("horizon", "confidence_level"):
        if name in table and np.ndim(table[name]) == 0:
            frame[name] = table[name]
    return frame


def comparison_values_frame(rf):
    """Every replicate's metrics at the horizon, long: scenario, replicate, metric, value."""
    pd = _pandas()
    table = rf.comparison()
    metrics = list(table["metric_names"])
    frames = []
    for scenario in ("a", "b"):
        v = np.asarray(table[f"{scenario}_values"])
        reps, m = v.shape
        frames.append(pd.DataFrame({"scenario": scenario,
                                    "replicate": np.repeat(np.arange(reps), m),
                                    "metric": np.tile(metrics, reps),
                                    "value": v.reshape(-1)}))
    return pd.concat(frames, ignore_index=True)


def _param_columns(sw):
    """Column names of the parameters, made distinct from the fixed columns."""
    fixed = {"run", "point", "replicate", "seed", "status", "metric", "units", "value"}
    return [f"{p}_param" if p in fixed else p for p in sw.param_names]


def runs_frame(rf):
    """A sweep's runs, one row each: run, point, replicate, seed, status, and the value of
    each parameter as set in the run's scenario."""
    pd = _pandas()
    sw = rf.sweep
    cols = {"run": np.arange(len(sw.point)), "point": sw.point, "replicate": sw.replicate}
    if sw.seed is not None:
        cols["seed"] = sw.seed
    words = sw.status_words
    cols["status"] = [words.get(int(s), str(int(s))) for s in sw.status]
    values = sw.design_values if sw.design_values is not None else sw.unit_design
    for j, name in enumerate(_param_columns(sw)):
        cols[name] = values[:, j]
    return pd.DataFrame(cols)


def sweep_frame(rf):
    """A sweep's metrics, long: the run's columns (runs_frame), metric, units, value."""
    pd = _pandas()
    sw = rf.sweep
    runs = runs_frame(rf)
    n_runs, n_metrics = sw.values.shape
    frame = runs.loc[runs.index.repeat(n_metrics)].reset_index(drop=True)
    frame["metric"] = np.tile(np.asarray(sw.metric_names, dtype=object), n_runs)
    frame["units"] = np.tile(np.asarray(sw.units, dtype=object), n_runs)
    frame["value"] = sw.values.reshape(-1)
    return pd.DataFrame(frame)


def _safe(name):
    return name.replace("/", "_")


def _attributes_frame(rf):
    pd = _pandas()
    rows = []
    for scenario, part in [(None, None)] + _part_names(rf):
        attrs = rf.attrs if part is None else part.attrs
        if part is not None and part.group.name == "/":
            continue
        for k, v in attrs.items():
            rows.append({"scenario": scenario or "", "attribute": k, "value": v})
    return pd.DataFrame(rows, columns=["scenario", "attribute", "value"])


def export_csv(path, outdir):
    """Write the file's long tables as CSV files in outdir; returns the paths written.

    Every kind: attributes.csv. run, replicate and compare files: one CSV per series
    (states_poi.csv, ...), variables.csv (file, dataset, units, axes, description),
    events.csv; compare files also comparison.csv and comparison_values.csv; sweep
    files runs.csv and summary.csv."""
    os.makedirs(outdir, exist_ok=True)
    written = []

    def write(frame, name):
        p = os.path.join(outdir, name)
        frame.to_csv(p, index=False)
        written.append(p)

    with open_file(path) as rf:
        write(_attributes_frame(rf), "attributes.csv")
        if rf.kind == "sweep":
            write(runs_frame(rf), "runs.csv")
            write(sweep_frame(rf), "summary.csv")
            return written
        pd = _pandas()
        index = []
        for name in series_datasets(rf):
            parts = _part_names(rf)
            frames = [series_frame(part, name, scenario) for scenario, part in parts]
            write(pd.concat(frames, ignore_index=True), _safe(name) + ".csv")
            s = parts[0][1].series(name)
            index.append({"file": _safe(name) + ".csv", "dataset": "/" + name,
                          "units": s.units, "axes": ",".join(s.dims),
                          "description": s.description})
        write(pd.DataFrame(index), "variables.csv")
        write(events_frame(rf), "events.csv")
        if rf.kind == "compare":
            write(comparison_frame(rf), "comparison.csv")
            write(comparison_values_frame(rf), "comparison_values.csv")
    return written
