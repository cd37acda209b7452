"""Implausibility: I_k(x) = |z_k - E_k(x)| / sqrt(V_obs,k + V_md,k + V_em,k(x) +
c V_rep,k(x)) on the emulators' scale, c = 1 when history is one realisation of the
model (replicate_variance "run"), 1/r for "mean"; a point is non-implausible when the
rank-th largest I_k over the targets in use is at most the cut."""
import numpy as np


def emulated(cal, obs, emulators, X, r, full=False):
    """I [n, T] at X from a wave's emulators (NaN for targets it does not use), and
    with full=True also E, V_em and V_rep [n, T]."""
    z, v_obs, v_md = obs
    n, T = len(X), cal.n_targets
    I, e, v_em, v_rep = (np.full((n, T), np.nan) for _ in range(4))
    c = cal.replicate_factor(r)
    for k, em in enumerate(emulators):
        if em is None:
            continue
        e[:, k], v_em[:, k], v_rep[:, k] = em.predict(X)
        I[:, k] = np.abs(z[k] - e[:, k]) / np.sqrt(v_obs[k] + v_md[k] + v_em[:, k] +
                                                   c * v_rep[:, k])
    return (I, e, v_em, v_rep) if full else I


def from_runs(cal, obs, mean, var, count):
    """I [n, T] of the model's own replicate means (V_em = 0): the noise of an r-run
    mean, V_rep / r, and V_rep itself when history is one realisation ("run")."""
    z, v_obs, v_md = obs
    r = np.maximum(count, 1)
    v = np.where(np.isfinite(var), var, 0.0)
    realisation = 1.0 if cal.replicate_variance == "run" else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.abs(z - mean) / np.sqrt(v_obs + v_md + v / r + realisation * v)


def ranked(I, rank):
    """The rank-th largest finite value of each row of I (with fewer finite values, the
    smallest of them; 0 with none): the implausibility that is cut."""
    I = np.where(np.isfinite(I), I, -np.inf)
    s = -np.sort(-I, axis=1)
    m = np.isfinite(s).sum(axis=1)
    k = np.clip(np.minimum(rank, m) - 1, 0, None)
    out = s[np.arange(len(s)), k]
    return np.where(m > 0, out, 0.0)
