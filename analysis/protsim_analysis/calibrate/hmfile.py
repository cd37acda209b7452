"""hm.h5: every wave of a history match, the final sample and the plausible set
(docs/calibration.md lists the datasets). Written with h5py to a temporary name and
renamed, so an interrupted calibration leaves the last complete file."""
import json
import os

import h5py
import numpy as np

KIND = "history_match"
TEXT = h5py.string_dtype("utf-8")


def _text(group, name, values, description):
    ds = group.create_dataset(name, data=np.array(list(values), dtype=object), dtype=TEXT)
    ds.attrs["description"] = description
    return ds


def _array(group, name, values, units, dims, description):
    ds = group.create_dataset(name, data=np.asarray(values), compression="gzip")
    ds.attrs["units"], ds.attrs["dimensions"] = units, dims
    ds.attrs["description"] = description
    return ds


def _parameters(f, cal):
    g = f.create_group("parameters")
    g.attrs["description"] = "the free parameters and their plausible ranges"
    _text(g, "names", cal.param_names, "short names")
    _text(g, "paths", cal.param_paths, "the settings, as in --set")
    _text(g, "units", [p["unit"] for p in cal.params], "units of each setting")
    _text(g, "scale", cal.scale, "linear or log: how [0, 1] maps to the range")
    _text(g, "reasons", [p["reason"] for p in cal.params], "why each range")
    _array(g, "lo", cal.lo, "the setting's", "parameter", "least value of each range")
    _array(g, "hi", cal.hi, "the setting's", "parameter", "greatest value of each range")


def _targets(f, cal, obs):
    g = f.create_group("targets")
    g.attrs["description"] = "the targets, observed values and variances"
    t = cal.targets
    _text(g, "names", cal.names, "target names")
    _text(g, "what", [x["what"] for x in t], "each target in words")
    _text(g, "groups", [x["group"] for x in t], "the group of each target")
    _text(g, "units", [x["units"] for x in t], "units of the observed value")
    _text(g, "transform", cal.transform, "the emulators' scale: none, log or logit")
    _text(g, "measure", [x["measure"] for x in t], "how each is measured from a run")
    _array(g, "observed", cal.z, "the target's", "target", "observed value z")
    _array(g, "sd_obs", np.sqrt(cal.v_obs), "the target's", "target",
           "sd of the observation")
    _array(g, "sd_md", np.sqrt(cal.v_md), "the target's", "target",
           "sd of the model discrepancy")
    _array(g, "offset", cal.offset, "the target's", "target", "offset of the transform")
    z, v_obs, v_md = obs
    _array(g, "z_scaled", z, "1", "target", "z on the emulators' scale")


def _wave(g, w, cal):
    """The datasets of one wave."""
    _array(g, "unit", w.unit, "1", "point,parameter", "design points in [0, 1]")
    _array(g, "values", w.values, "the parameters'", "point,parameter",
           "design points as parameter values")
    _array(g, "runs", w.runs, "the targets'", "run,target",
           "each run's measure of each target (NaN: failed or undefined)")
    _array(g, "point", w.point, "1", "run", "the design point of each run")
    _array(g, "mean", w.mean, "scaled", "point,target",
           "mean of the replicates on the emulators' scale")
    _array(g, "var", w.var, "scaled^2", "point,target", "their sample variance")
    _array(g, "run_implausibility", w.I_run, "1", "point,target",
           "implausibility of each point by its own runs (V_em = 0)")
    if not hasattr(w, "emulators") or not w.emulators:
        return
    _array(g, "implausibility", w.I_em, "1", "point,target",
           "implausibility under this wave's emulators (NaN: emulator not used)")
    _array(g, "ranked_implausibility", implausibility_ranked(w, cal), "1", "point",
           "the implausibility that is cut (rank-th largest over the targets)")
    _array(g, "inside", w.inside, "0/1", "point",
           "non-implausible under every wave so far")
    _array(g, "heldout", w.heldout, "0/1", "point", "held out to validate the emulators")
    _array(g, "std_error", w.std_error, "1", "point,target",
           "held-out standardised error (m - E) / sqrt(V_em + V_rep / r)")
    _array(g, "emulated", w.E, "scaled", "point,target",
           "the emulator's expectation E of the replicate mean")
    _array(g, "v_em", w.v_em, "scaled^2", "point,target", "emulator variance V_em")
    _array(g, "v_rep", w.v_rep, "scaled^2", "point,target", "emulated replicate variance")
    e = g.create_group("emulators")
    e.attrs["description"] = "one emulator per target: diagnostics and decisions"
    _array(e, "used", w.used, "0/1", "target", "the emulator was used to cut")
    _array(e, "inflation", w.inflation, "1", "target", "factor on the sd of V_em")
    _array(e, "within3", w.within3, "1", "target",
           "share of held-out standardised errors within [-3, 3]")
    _array(e, "misclassified", w.misclassified, "points", "target",
           "held-out points non-implausible by their runs but ruled out by the emulator")
    _array(e, "active", w.active, "0/1", "target,parameter", "parameters each one uses")
    _text(e, "kind", w.kind, "gp or constant")
    _text(e, "notes", w.notes, "targets not used, and why")


def implausibility_ranked(w, cal):
    from .implausibility import ranked
    return ranked(w.I_em, cal.rank)


def _plausible(f, m):
    """The plausible points of every final sample, in the order the samples ran."""
    g = f.create_group("plausible")
    g.attrs["description"] = ("the plausible set: final points whose own runs pass the "
                              "cut; protsim run and compare --parameters read it")
    P = m.cal.n_params
    values, unit, ranked, source, index = [np.zeros((0, P))], [np.zeros((0, P))], \
        [np.zeros(0)], [], [np.zeros(0, dtype=np.int64)]
    for fin in m.finals:
        keep = fin.plausible
        values.append(fin.values[keep])
        unit.append(fin.unit[keep])
        ranked.append(fin.ranked[keep])
        source += [fin.number] * int(keep.sum())
        index.append(np.flatnonzero(keep))
    values = np.vstack(values)
    _array(g, "values", values, "the parameters'", "point,parameter",
           "plausible points as parameter values")
    _array(g, "unit", np.vstack(unit), "1", "point,parameter", "plausible points in [0, 1]")
    _text(g, "param_paths", m.cal.param_paths, "the setting of each column")
    _text(g, "param_names", m.cal.param_names, "the short name of each column")
    _array(g, "implausibility", np.concatenate(ranked), "1", "point",
           "rank-th largest implausibility of each point's own runs")
    _text(g, "source", source, "the final sample of each point (final, finalW)")
    _array(g, "index", np.concatenate(index), "1", "point",
           "each point's number in its final sample")
    g.attrs["n_points"] = int(len(values))


def _final(g, fin, cal):
    g.attrs["replicates"] = int(getattr(fin, "replicates", cal.final_replicates))
    _wave(g, fin, cal)
    _array(g, "ranked_implausibility", fin.ranked, "1", "point",
           "rank-th largest implausibility of each point's own runs")
    _array(g, "plausible", fin.plausible, "0/1", "point", "passes the cut")


def write(path, m):
    """Write everything the matcher m holds to path (through path.tmp)."""
    cal = m.cal
    tmp = path + ".tmp"
    with h5py.File(tmp, "w") as f:
        f.attrs["kind"] = KIND
        f.attrs["calibration_file"] = cal.file
        f.attrs["calibration_json"] = json.dumps(cal.data)
        f.attrs["targets_file"] = os.path.abspath(cal.targets_file)
        with open(cal.targets_file, encoding="utf-8") as fh:
            f.attrs["targets_text"] = fh.read()
        f.attrs["seed"] = int(cal.seed)
        f.attrs["cut"], f.attrs["rank"] = float(cal.cut), int(cal.rank)
        f.attrs["replicate_variance"] = cal.replicate_variance
        f.attrs["n_waves"] = len(m.waves)
        f.attrs["stopped"] = m.stopped
        f.attrs["extensions"] = json.dumps(m.extensions)
        _parameters(f, cal)
        _targets(f, cal, m.obs)
        rem = np.array(m.remaining)
        _array(f, "remaining", rem, "1", "wave",
               "share of the test sample of the box non-implausible after each wave")
        _array(f, "ruled_out", np.concatenate([[1.0], rem[:-1]]) - rem if len(rem) else rem,
               "1", "wave", "share of the box each wave ruled out")
        t = f.create_group("test")
        t.attrs["description"] = "the fixed sample of the box behind /remaining"
        _array(t, "unit", m.test.astype(np.float32), "1", "point,parameter", "test points")
        _array(t, "ranked_implausibility", np.array(m.test_I, dtype=np.float32), "1",
               "wave,point", "the cut implausibility under each wave (NaN: ruled out "
               "by an earlier wave)")
        for w in m.waves:
            g = f.create_group(f"waves/{w.number}")
            g.attrs["remaining"], g.attrs["seconds"] = w.remaining, w.seconds
            g.attrs["replicates"] = int(m.cal.replicates)
            g.attrs["failed_runs"], g.attrs["emulator_ratio"] = w.failed, w.emulator_ratio
            _wave(g, w, cal)
        for fin in m.finals[:-1]:  # earlier final samples (of an extended match)
            _final(f.create_group(f"finals/{fin.number}"), fin, cal)
        if m.final is not None:
            _final(f.create_group("final"), m.final, cal)
        _plausible(f, m)
    os.replace(tmp, path)
