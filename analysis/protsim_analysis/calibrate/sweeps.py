"""The runs of a wave: its sweep file (design "points", the calibration's base, set,
parameters and targets), `protsim sweep` (or the launcher given) with --resume, and
the results read back with protsim_analysis."""
import os
import shlex
import subprocess

import numpy as np

from ..reader import FileError, open_file


def quote(text):
    """A libconfig string literal."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def sweep_text(cal, unit, replicates, seed, title):
    """The sweep file of one wave: unit points [n, P] as design "points"."""
    lines = [f"# {title}: written by protsim calibrate from {cal.file}",
             f"model = {quote(cal.model)};"]
    if cal.model == "scenario":
        lines.append(f"base = {quote(os.path.abspath(cal.base))};")
        if cal.set:
            lines.append("set = [" + ", ".join(quote(s) for s in cal.set) + "];")
    else:
        lines.append(f"noise = {cal.noise!r};")
    lines += ['design = "points";', f"replicates = {int(replicates)};",
              f"seed = {int(seed)};", "parameters = ("]
    rows = []
    for p in cal.params:
        rows.append(f"  {{ name = {quote(p['name'])}; path = {quote(p['path'])}; "
                    f"range = [{float(p['lo'])!r}, {float(p['hi'])!r}]; scale = {quote(p['scale'])}; }}")
    lines.append(",\n".join(rows))
    lines.append(");")
    lines.append(f"outputs = {{ targets = {quote(os.path.abspath(cal.targets_file))}; }};")
    lines.append("table = (")
    lines.append(",\n".join("  [" + ", ".join(repr(float(u)) for u in row) + "]"
                            for row in np.asarray(unit)))
    lines.append(");")
    return "\n".join(lines) + "\n"


class SweepStopped(Exception):
    """The calibration stops to let a wave's sweep run elsewhere (--prepare)."""


def run(cfg, h5, command, quiet):
    """Run the sweep cfg into h5 with `command` (a list: protsim sweep, or a launcher
    such as mpirun -n 64 protsim sweep) and --resume, so that a finished sweep is not
    run again and an interrupted one is finished."""
    args = list(command) + [cfg, "-o", h5, "--resume"] + (["--quiet"] if quiet else [])
    p = subprocess.run(args)
    if p.returncode != 0:
        raise FileError(f"{shlex.join(args)}: exit status {p.returncode}")


def results(cal, h5, n_points, replicates):
    """(runs [n_runs, T] raw target values, point [n_runs], design values [n, P]) of a
    finished wave; failed runs are NaN."""
    with open_file(h5) as rf:
        rf.require(("sweep",), "protsim calibrate")
        sw = rf.sweep
        if list(sw.metric_names) != cal.names:
            raise FileError(f"{h5}: its values are {', '.join(sw.metric_names[:3])}...; "
                            f"expected the targets of {cal.targets_file}")
        if len(sw.point) != n_points * replicates or (sw.status == 2).any():
            raise FileError(f"{h5}: {(sw.status == 2).sum()} runs missing; finish the "
                            f"sweep (protsim sweep ... --resume, or protsim merge)")
        runs = np.where((sw.status == 0)[:, None], sw.values, np.nan)
        values = sw.design_values[::replicates]
        return runs, sw.point, values, int((sw.status == 1).sum())
