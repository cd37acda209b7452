"""The calibration, as `protsim check CAL.cfg` prints it (JSON): protsim's own reader
checks the file (FILE:LINE errors) and resolves paths, targets and discrepancies."""
import json
import os
import shutil
import subprocess

import numpy as np

from ..reader import FileError

HERE = os.path.dirname(os.path.realpath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def protsim_binary(explicit=None):
    """The protsim to run: explicit, $PROTSIM_EXE (set by protsim for its helpers),
    $PROTSIM_BINARY, the source tree's build/protsim, or protsim on PATH."""
    for cand in (explicit, os.environ.get("PROTSIM_EXE"), os.environ.get("PROTSIM_BINARY"),
                 os.path.join(SOURCE, "build", "protsim"), shutil.which("protsim")):
        if cand and os.access(cand, os.X_OK):
            return cand
    raise FileError("cannot find protsim (set PROTSIM_EXE or run it as protsim calibrate)")


class Calibration:
    """A calibration file, resolved: parameters, targets with their variances, settings.

    Arrays over targets: z (observed), v_obs (sd^2), v_md (discrepancy sd^2), names,
    transform, offset; over parameters: names, paths, lo, hi, scale."""

    def __init__(self, data):
        self.data = data
        for key in ("model", "base", "set", "targets_file", "replicates", "seed", "noise",
                    "cut", "rank", "replicate_variance", "waves", "points", "candidates",
                    "test_points", "holdout", "stop_shrink", "stop_emulator",
                    "final_points", "final_replicates", "max_active", "file"):
            setattr(self, key, data[key])
        self.params = data["parameters"]
        self.targets = data["targets"]
        self.names = [t["name"] for t in self.targets]
        self.z = np.array([t["observed"] for t in self.targets], dtype=float)
        self.v_obs = np.array([t["sd"] for t in self.targets], dtype=float) ** 2
        self.v_md = np.array([d["sd"] for d in data["discrepancies"]], dtype=float) ** 2
        self.transform = [t["transform"] for t in self.targets]
        self.offset = np.array([t["offset"] for t in self.targets], dtype=float)
        self.param_names = [p["name"] for p in self.params]
        self.param_paths = [p["path"] for p in self.params]
        self.lo = np.array([p["lo"] for p in self.params], dtype=float)
        self.hi = np.array([p["hi"] for p in self.params], dtype=float)
        self.scale = [p["scale"] for p in self.params]
        self.integer = [bool(p["integer"]) for p in self.params]

    @property
    def n_params(self):
        return len(self.params)

    @property
    def n_targets(self):
        return len(self.targets)

    def values(self, unit):
        """Parameter values of unit points [n, P], as protsim maps them (linear or log;
        integers as protsim rounds them)."""
        u = np.atleast_2d(np.asarray(unit, dtype=float))
        out = np.empty_like(u)
        for j in range(self.n_params):
            lo, hi = self.lo[j], self.hi[j]
            if self.integer[j] and self.scale[j] == "linear":
                k = np.minimum(np.floor(u[:, j] * (hi - lo + 1)), hi - lo)
                out[:, j] = lo + k
                continue
            v = lo * (hi / lo) ** u[:, j] if self.scale[j] == "log" else lo + u[:, j] * (hi - lo)
            out[:, j] = np.clip(np.round(v) if self.integer[j] else v, lo, hi)
        return out

    def replicate_factor(self, r):
        """c in c V_rep: 1 when history is one realisation ("run"), 1/r for "mean"."""
        return 1.0 if self.replicate_variance == "run" else 1.0 / r


def load(path, binary=None):
    """Check and read the calibration file at path with protsim (FileError with its
    one-line message when protsim refuses it)."""
    exe = protsim_binary(binary)
    p = subprocess.run([exe, "check", path], capture_output=True, text=True)
    if p.returncode != 0:
        raise FileError(p.stderr.strip().removeprefix("protsim: "))
    try:
        data = json.loads(p.stdout)
    except json.JSONDecodeError:
        data = {}  # a scenario, printed in libconfig syntax
    if data.get("kind") != "calibration":
        raise FileError(f"{path}: a {data.get('kind', 'scenario')} file, not a calibration "
                        f"file (it needs targets_file)")
    return Calibration(data)
