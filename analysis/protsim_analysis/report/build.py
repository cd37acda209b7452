"""build - the data of a report page from a result file, and the page itself.

page(path) returns one self-contained HTML text: the vendored uPlot (vendor/VERSION),
the page's script and style, and the file's data as JSON, all inline, so the page needs
no network and no other file. The data holds medians over replicates (and 5-95% bands
where a file has several) rounded to 4 significant digits. An arm of a compare file
keeps every replicate's series (--keep all), their 5/50/95% quantiles (quantiles, the
default: the page draws those, the same bands), or none (summary: the page shows the
comparison table and says what the file does not keep).
"""

import html
import json
import math
import os

import numpy as np

from . import h5read, why

HERE = os.path.dirname(os.path.abspath(__file__))
PRESENT = ("unregistered", "pending", "mandate", "rejected", "protected", "detained", "atd")
INDICATORS = (  # per-state series a reader can pick: name, label, unit
    ("poi", "Protection Outcome Index", "1"),
    ("legal_status_share", "legal-status share (PROTECTED / present)", "1"),
    ("detention_incidence", "detention incidence (DETAINED / present)", "1"),
    ("recognition_rate", "recognition rate, last 12 months", "1"),
    ("mandate_gap", "mandate gap (MANDATE / recognised)", "1"),
    ("securitisation", "securitisation S", "1"),
    ("gap", "institutionalisation-implementation gap", "1"),
    ("solutions_rate", "solutions rate", "1/year"),
    ("backlog", "backlog (PENDING)", "persons"),
    ("decisions", "decisions, last 12 months", "persons"),
    ("mean_wait", "mean wait of the PENDING", "months"),
)
PRESSURES = (("pressure_ratification", "pressure: ratification", "A, 0 to 1"),
             ("pressure_legislation", "pressure: legislation", "A, 0 to 1"),
             ("pressure_implementation", "pressure: implementation", "A, 0 to 1"))
REGION = (("refugees", "Refugees present", "persons"),
          ("poi", "Protection Outcome Index", "1"),
          ("legal_status_share", "Legal-status share", "1"),
          ("detention_incidence", "Detention incidence", "1"),
          ("solutions_rate", "Solutions rate", "1/year"),
          ("recognition_rate", "Recognition rate", "1"))
MAX_BYTES = 5 * 1000 * 1000


def sig(a, digits=4):
    """A JSON-ready nested list of a rounded to `digits` significant digits, NaN as None."""
    a = np.asarray(a, dtype=float)
    out = np.full(a.shape, np.nan)
    ok = np.isfinite(a) & (a != 0)
    mag = np.zeros(a.shape)
    mag[ok] = np.floor(np.log10(np.abs(a[ok])))
    scale = 10.0 ** (digits - 1 - mag)
    out[ok] = np.round(a[ok] * scale[ok]) / scale[ok]
    out[np.isfinite(a) & (a == 0)] = 0.0
    lst = out.tolist()
    return _nan_to_none(lst)


def _nan_to_none(x):
    """x with every NaN or infinity (in lists and dicts) as None, for JSON."""
    if isinstance(x, list):
        return [_nan_to_none(v) for v in x]
    if isinstance(x, dict):
        return {k: _nan_to_none(v) for k, v in x.items()}
    return None if (isinstance(x, float) and not math.isfinite(x)) else x


def quantiles(a, qs):
    """Percentiles qs of a over its first axis, ignoring NaN (numpy's linear rule), as
    nanpercentile gives them but vectorised: cells with no finite value are NaN."""
    s = np.sort(a, axis=0)                       # NaN sort last
    n = np.sum(~np.isnan(a), axis=0)
    out = []
    for q in qs:
        pos = np.maximum(n - 1, 0) * (q / 100.0)
        lo = np.floor(pos).astype(np.intp)
        hi = np.minimum(lo + 1, np.maximum(n - 1, 0))
        v_lo = np.take_along_axis(s, lo[np.newaxis], axis=0)[0]
        v_hi = np.take_along_axis(s, hi[np.newaxis], axis=0)[0]
        v = v_lo + (v_hi - v_lo) * (pos - lo)
        out.append(np.where(n > 0, v, np.nan))
    return out


def bands(a, levels=None):
    """[R, T, ...] -> (median, 5%, 95%) over replicates, each [T, ...]; NaN-aware.
    levels: the quantile levels of a's first axis when a file keeps quantiles
    ([0.05, 0.5, 0.95]): then those layers, as the file computed them."""
    if levels is not None:
        return tuple(a[levels.index(q)] for q in (0.5, 0.05, 0.95))
    if a.shape[0] == 1:
        return a[0], None, None
    return tuple(quantiles(a, (50, 5, 95)))


class Stat:
    """Median and 5-95% band over replicates of one series; per_state: [T, S]."""

    def __init__(self, a, per_state=False, levels=None):
        self.mid, self.lo, self.hi = bands(a, levels)
        self.per_state = per_state


class Arr:
    """Medians over replicates; detail: left out first when a page is too large."""

    def __init__(self, a, detail=False, levels=None):
        self.a = bands(a, levels)[0]
        self.detail = detail


class Level:
    """How much a page keeps: bands of per-state series, digits, per-state detail."""

    def __init__(self, state_bands, digits, detail, note):
        self.state_bands, self.digits, self.detail, self.note = (state_bands, digits,
                                                                  detail, note)


LEVELS = (Level(True, 4, True, ""),
          Level(False, 4, True, "per-state bands left out (medians only) to stay under 5 MB"),
          Level(False, 3, True, "per-state bands left out and values rounded to 3 digits "
                                "to stay under 5 MB"),
          Level(False, 3, False, "per-state bands, implementation components, refugees by "
                                 "status and NGO strategies per state left out, values "
                                 "rounded to 3 digits, to stay under 5 MB"))
DATA_BUDGET = MAX_BYTES - 200 * 1000   # the page's scripts and styles take ~70 kB


def render(x, lv):
    """The JSON-ready form of a tree of Stat, Arr, dicts and lists at level lv."""
    if isinstance(x, Stat):
        out = {"mid": sig(x.mid, lv.digits)}
        if x.lo is not None and (lv.state_bands or not x.per_state):
            out["lo"], out["hi"] = sig(x.lo, lv.digits), sig(x.hi, lv.digits)
        return out
    if isinstance(x, Arr):
        return sig(x.a, lv.digits)
    if isinstance(x, dict):
        return {k: render(v, lv) for k, v in x.items()
                if not (isinstance(v, Arr) and v.detail and not lv.detail)}
    if isinstance(x, list):
        return [render(v, lv) for v in x]
    return x


def _median_layer(part, a):
    """A file that keeps quantiles: its 50% layer of a, as one replicate [1, T, ...]."""
    return a if part.quantiles is None else a[[part.quantiles.index(0.5)]]


def _ngo_strategy_by_state(part):
    """Mean strategy p of the active NGOs of each state: median over replicates [T,S,5].
    A file that keeps quantiles: the mean over the NGOs active in most replicates (median
    active) of their median strategies."""
    strat = _median_layer(part, part.series("ngos/strategy"))       # [R, T, N, 5]
    active = _median_layer(part, part.series("ngos/active")) > 0.5   # [R, T, N]
    home = part.values("ngos/home_state").astype(int)
    r, t, _, k = strat.shape
    out = np.full((r, t, len(part.states), k), np.nan)
    for i in range(len(part.states)):
        sel = home == i
        if not sel.any():
            continue
        w = active[:, :, sel][..., None]
        n = w.sum(axis=2)
        with np.errstate(all="ignore"):
            out[:, :, i] = (strat[:, :, sel] * w).sum(axis=2) / n
    return out


def _head(part):
    """What every part's data starts with, whatever its file keeps."""
    return {"label": part.label, "name": part.attr("scenario_name"), "months": part.months,
            "states": part.states, "replicates": part.n_replicates, "keep": part.keep,
            "scenario": part.attr("scenario")}


def part_data(part):
    """The series of one scenario (run, replicates, or one arm of a compare file), as a
    tree of Stat and Arr for render(); the head only when the file keeps no series."""
    d = _head(part)
    if not part.has_series:
        return d
    q = part.quantiles
    d.update({"statuses": part.names("refugees/status_names"),
              "channels": part.names("states/channel_names"),
              "components": part.names("states/component_names")})
    d["region"] = {k: Stat(part.series("region/" + k), levels=q) for k, _, _ in REGION}
    d["indicators"] = {k: Stat(part.series("states/" + k), True, q) for k, _, _ in INDICATORS}
    pressure = part.series("states/pressure")
    for j, (k, _, _) in enumerate(PRESSURES):   # channels RAT, LEG, IMP (§7.1)
        d["indicators"][k] = Stat(pressure[..., j], True, q)
    d["institutionalisation"] = Stat(part.series("states/institutionalisation"), True, q)
    impl = part.series("states/implementation")
    d["implementation_mean"] = Stat(impl.mean(axis=3), True, q)
    if q is not None:   # a mean of quantiles is no quantile of the mean: the line only
        d["implementation_mean"].lo = d["implementation_mean"].hi = None
    d["implementation"] = Arr(impl, True, q)               # [T, S, 6]
    d["law_level"] = Arr(part.series("states/law_level"), levels=q)
    d["ratified"] = Arr(part.series("states/ratified"), levels=q)
    d["count"] = Arr(part.series("refugees/count"), True, q)   # [T, S, 11]
    d["network"] = {k: Stat(part.series("network/" + k), levels=q)
                    for k in ("members", "pool", "exits")}
    d["mean_strategy"] = Arr(part.series("network/mean_strategy"), levels=q)
    d["mean_strategy_all"] = Arr(part.series("network/mean_strategy_all"), levels=q)
    d["unhcr_emphasis"] = Stat(part.series("unhcr/ratification_emphasis"), levels=q)
    plans = part.series("network/action_plans")        # [R, T, 3]
    d["plan_kinds"] = part.names("network/plan_kinds")
    if q is None:
        d["plans"], d["plans_of"] = Arr(plans.sum(axis=0)[np.newaxis]), "all replicates"
    else:
        d["plans"], d["plans_of"] = Arr(plans, levels=q), "the median over replicates"
    d["ngo_strategy"] = Arr(_ngo_strategy_by_state(part), detail=True)
    d["events"] = why.timeline(part)
    d["event_counts"] = why.event_counts(part) if part.n_replicates > 1 else []
    return d


def compare_data(rf):
    rows, pairs, horizon = rf.comparison()
    d = {"rows": _nan_to_none(rows), "horizon": horizon}
    if "a_values" in pairs and "b_values" in pairs:
        d["paired"] = sig(pairs["b_values"] - pairs["a_values"])   # [R, M]
        d["a_values"] = sig(pairs["a_values"])
        d["b_values"] = sig(pairs["b_values"])
    return d


def sweep_data(rf):
    s = rf.sweep()
    return {"param_names": s["param_names"], "param_paths": s["param_paths"],
            "design": sig(s["design"], 6), "status": s["status"].tolist(),
            "metric_names": s["metric_names"], "units": s["units"],
            "values": sig(s["values"])}


def provenance(rf):
    skip = {"scenario", "base_scenario_text", "sweep_text"}
    return {k: v for k, v in sorted(rf.attrs().items()) if k not in skip}


def report_data(path):
    with h5read.ResultFile(path) as rf:
        data = {"kind": rf.kind, "file": os.path.basename(path),
                "keep": rf.parts[0].keep if rf.parts else "all",
                "provenance": provenance(rf), "region_meta": REGION,
                "indicator_meta": INDICATORS + PRESSURES}
        if rf.kind == "sweep":
            data["sweep"] = sweep_data(rf)
            data["scenario"] = rf.attrs().get("base_scenario_text", "")
            data["sweep_text"] = rf.attrs().get("sweep_text", "")
            data["title"] = "sweep of " + os.path.basename(rf.attrs().get("base_scenario", ""))
        else:
            tree = [part_data(p) for p in rf.parts]
            for lv in LEVELS:                 # the most detail that fits the budget
                data["parts"], data["reduced"] = render(tree, lv), lv.note
                if len(json.dumps(data["parts"], separators=(",", ":"))) < DATA_BUDGET:
                    break
            data["title"] = " vs ".join(p["name"] for p in data["parts"])
        if rf.kind == "compare":
            data["comparison"] = compare_data(rf)
    return data


def _asset(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return fh.read()


def inline_page(title, body_class, data, script_names, extra_head=""):
    """An HTML page with uPlot, the named scripts of this folder and `data` inline."""
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False)
    payload = payload.replace("</", "<\\/")   # no '</script>' inside the data
    scripts = "\n".join("<script>\n%s\n</script>" % _asset(n) for n in script_names)
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>%s</style>
<style>%s</style>%s
</head><body class="%s">
<script id="data" type="application/json">%s</script>
<script>%s</script>
%s
</body></html>
""" % (html.escape(title), _asset("vendor/uPlot.min.css"), _asset("page.css"), extra_head,
       body_class, payload, _asset("vendor/uPlot.iife.min.js"), scripts)


def page(path):
    """The report page of a result file as HTML text; h5read.ReadError on a bad file."""
    data = report_data(path)
    return inline_page("protsim report: " + data["title"], "report", data,
                       ["charts.js", "report.js"])
