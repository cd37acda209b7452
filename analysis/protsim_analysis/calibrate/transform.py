"""How the emulators see a target: none, log(y + offset) or the logit of a share
(y + offset) / (1 + 2 offset); observation and discrepancy variances go through the
delta method (their sd times the slope of the transform at the observation)."""
import numpy as np

TINY = 1e-12


def forward(kind, offset, y):
    """The transformed values of y (NaN where the transform is undefined)."""
    y = np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "log":
            v = np.log(y + offset)
        elif kind == "logit":
            u = (y + offset) / (1.0 + 2.0 * offset)
            v = np.log(u) - np.log1p(-u)
        else:
            return y.copy()
    return np.where(np.isfinite(v), v, np.nan)


def slope(kind, offset, y):
    """d forward / dy at y."""
    y = np.asarray(y, dtype=float)
    if kind == "log":
        return 1.0 / (y + offset)
    if kind == "logit":
        u = (y + offset) / (1.0 + 2.0 * offset)
        return 1.0 / ((1.0 + 2.0 * offset) * u * (1.0 - u))
    return np.ones_like(y)


def observation(cal):
    """(z, V_obs, V_md) of every target on the emulators' scale."""
    z = np.array([forward(k, o, zk) for k, o, zk in zip(cal.transform, cal.offset, cal.z)])
    g = np.array([slope(k, o, zk) for k, o, zk in zip(cal.transform, cal.offset, cal.z)])
    return z, g * g * cal.v_obs, g * g * cal.v_md


def point_stats(cal, runs, point, n_points):
    """Per design point and target, on the emulators' scale: the mean of the
    replicates, their sample variance and how many were finite. runs [n_runs, T] are
    raw values; point [n_runs] the design row of each run."""
    T = runs.shape[1]
    y = np.column_stack([forward(cal.transform[k], cal.offset[k], runs[:, k])
                         for k in range(T)])
    mean = np.full((n_points, T), np.nan)
    var = np.full((n_points, T), np.nan)
    count = np.zeros((n_points, T), dtype=int)
    for i in range(n_points):
        rows = y[point == i]
        ok = np.isfinite(rows)
        count[i] = ok.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.where(ok, rows, 0.0).sum(axis=0)
            mean[i] = np.where(count[i] > 0, s / np.maximum(count[i], 1), np.nan)
            dev = np.where(ok, rows - mean[i], 0.0)
            var[i] = np.where(count[i] > 1, (dev ** 2).sum(axis=0) / np.maximum(count[i] - 1, 1),
                              np.nan)
    return mean, var, count
