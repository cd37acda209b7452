"""series - one monthly series of a result file named by a lesson's key.

A key is GROUP/DATASET, then @STATE to take one state, then :NAME to take one entry of
the last axis by its name (`states/implementation@Aland:fair`), or :mean (the mean over
the last axis) or, for refugees/count, :present (the seven statuses present in the
state). Every key gives an array [replicates, months].
"""

import re

import numpy as np

from ..report import build

LAST_AXIS = {  # dataset -> the dataset naming its last axis (docs/output.md)
    "states/implementation": "states/component_names",
    "states/pressure": "states/channel_names",
    "states/emulation": "states/action_names",
    "states/hazard": "states/action_names",
    "refugees/count": "refugees/status_names",
    "refugees/flows": "refugees/flow_names",
    "network/mean_strategy": "states/channel_names",
    "network/mean_strategy_all": "states/channel_names",
    "network/action_plans": "network/plan_kinds",
}
KEY = re.compile(r"([a-z_]+/[a-z_]+)(?:@([^:@]+))?(?::([a-z_]+))?\Z")
N_PRESENT = 7   # the first seven statuses are present in the state (docs/model.md §2)


class SeriesError(Exception):
    """A key that names nothing in the file."""


def extract(part, key):
    """The series `key` of a h5read.Part as a float array [R, T]; SeriesError if none."""
    m = KEY.match(key)
    if m is None:
        raise SeriesError("%s: not GROUP/DATASET[@STATE][:NAME]" % key)
    path, state, name = m.groups()
    if not part.has(path) or path.endswith("_names"):
        raise SeriesError("%s: no dataset %s in the result file" % (key, path))
    a = part.series(path)
    if state is not None:
        if a.ndim < 3 or state not in part.states:
            raise SeriesError("%s: %s is not a state of this world (%s)" %
                              (key, state, ", ".join(part.states)))
        a = a[:, :, part.states.index(state)]
    if name is not None:
        a = _by_name(part, key, path, a, name)
    if a.ndim != 2:
        raise SeriesError("%s: names %d values a month; add @STATE or :NAME" %
                          (key, int(np.prod(a.shape[2:]))))
    return a


def _by_name(part, key, path, a, name):
    if a.ndim < 3:
        raise SeriesError("%s: %s has no named last axis" % (key, path))
    if name == "mean":
        return a.mean(axis=-1)
    if name == "present" and path == "refugees/count":
        return a[..., :N_PRESENT].sum(axis=-1)
    names = part.names(LAST_AXIS[path]) if path in LAST_AXIS else []
    if name not in names:
        raise SeriesError("%s: %s is not one of %s" % (key, name, ", ".join(names + ["mean"])))
    return a[..., names.index(name)]


def summary(a):
    """Median and, with several replicates, the 5% and 95% quantiles of [R, T] by month."""
    return build.bands(a)
