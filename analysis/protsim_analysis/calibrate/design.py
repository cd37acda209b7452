"""Space-filling designs in the unit cube (the parameters' ranges scaled to [0, 1],
log ranges in log space): Latin hypercubes, kept points thinned by maximin distance,
and proposals around kept points when the region is too small for a Latin hypercube to
find enough."""
import numpy as np


def lhs(rng, n, p):
    """A Latin hypercube of n points in [0, 1]^p: one point in each of n strata of each
    column, uniform inside it, strata in random order."""
    u = (rng.random((n, p)) + np.arange(n)[:, None]) / n
    for j in range(p):
        u[:, j] = u[rng.permutation(n), j]
    return u


def maximin_lhs(rng, n, p, tries=20):
    """The Latin hypercube of n points with the largest least distance of tries."""
    best, best_d = None, -1.0
    for _ in range(tries):
        u = lhs(rng, n, p)
        d = least_distance(u)
        if d > best_d:
            best, best_d = u, d
    return best


def least_distance(u):
    if len(u) < 2:
        return np.inf
    d = ((u[:, None, :] - u[None, :, :]) ** 2).sum(axis=2)
    d[np.diag_indices_from(d)] = np.inf
    return float(np.sqrt(d.min()))


def thin(rng, cand, n):
    """n of the candidate points, chosen greedily by maximin distance: a random first
    point, then each time the candidate farthest from those chosen."""
    if len(cand) <= n:
        return cand.copy()
    chosen = [int(rng.integers(len(cand)))]
    dist = ((cand - cand[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(n - 1):
        k = int(np.argmax(dist))
        chosen.append(k)
        dist = np.minimum(dist, ((cand - cand[k]) ** 2).sum(axis=1))
    return cand[np.array(chosen)]


def propose(rng, kept, n, spread=0.5):
    """n points around kept points: a kept point plus a Gaussian step with the kept
    set's covariance times spread^2 (a small ridge when it is degenerate), folded back
    into [0, 1]."""
    p = kept.shape[1]
    cov = np.cov(kept, rowvar=False) if len(kept) > 1 else np.eye(p) * 0.01
    cov = np.atleast_2d(cov) * spread ** 2 + np.eye(p) * 1e-6
    base = kept[rng.integers(len(kept), size=n)]
    step = rng.multivariate_normal(np.zeros(p), cov, size=n, method="cholesky")
    x = np.abs(base + step)                 # reflect at 0
    return np.where(x > 1.0, 2.0 - x, x).clip(0.0, 1.0)   # and at 1


def fill(rng, n, p, keep, candidates, kept_before=None, rounds=20):
    """A design of n points inside the region keep(X) -> bool [len(X)]: candidates from
    a Latin hypercube of the box, then proposals around what was kept (and around
    kept_before, earlier points known to lie inside) until there are 4n or rounds run
    out; thinned by maximin. Returns (design, candidates kept, candidates tried)."""
    cand = lhs(rng, candidates, p)
    kept = cand[keep(cand)]
    tried = len(cand)
    seeds = kept if kept_before is None or len(kept_before) == 0 else \
        np.vstack([kept, kept_before])
    for _ in range(rounds):
        if len(kept) >= 4 * n or len(seeds) == 0:
            break
        prop = propose(rng, seeds, candidates // 4)
        tried += len(prop)
        new = prop[keep(prop)]
        kept = np.vstack([kept, new])
        seeds = np.vstack([seeds, new]) if len(new) else seeds
    return thin(rng, kept, n), len(kept), tried
