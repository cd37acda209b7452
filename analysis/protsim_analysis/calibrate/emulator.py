"""One emulator per target: a regression on the target's active parameters (chosen by
forward selection on BIC) with a Gaussian process on its residuals (Matern 5/2, one
length per active parameter, a nugget for what the other parameters do), trained on the
replicate means with their noise (V_rep / r) as known per-point noise; and a second,
smaller emulator of the replicate variance (a GP on log s^2). scikit-learn's
GaussianProcessRegressor fits the hyperparameters by maximum likelihood."""
import warnings

import numpy as np
from scipy.special import digamma
from sklearn.exceptions import ConvergenceWarning
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

TINY = 1e-12


def select_active(X, y, max_active, least=1):
    """Columns of X that explain y, added one at a time while BIC falls (at most
    max_active, at least `least`)."""
    n, p = X.shape
    chosen = []
    best_bic = n * np.log(max(np.var(y), TINY)) + np.log(n)
    while len(chosen) < min(max_active, p, max(1, n - 3)):
        trials = []
        for j in range(p):
            if j in chosen:
                continue
            B = basis(X, chosen + [j], quadratic=False)
            rss = _rss(B, y)
            trials.append((n * np.log(max(rss / n, TINY)) + B.shape[1] * np.log(n), j))
        bic, j = min(trials)
        if bic >= best_bic and len(chosen) >= least:
            break
        best_bic = min(bic, best_bic)
        chosen.append(j)
    return sorted(chosen)


def basis(X, active, quadratic=True):
    """[1, x_a, (x_a - 1/2)^2] of the active columns."""
    cols = [np.ones(len(X))] + [X[:, j] for j in active]
    if quadratic:
        cols += [(X[:, j] - 0.5) ** 2 for j in active]
    return np.column_stack(cols)


def _rss(B, y):
    beta, *_ = np.linalg.lstsq(B, y, rcond=None)
    r = y - B @ beta
    return float(r @ r)


def _gp(n_active, noise, seed):
    kernel = (ConstantKernel(1.0, (1e-3, 1e2)) *
              Matern(length_scale=np.full(n_active, 0.5), length_scale_bounds=(0.02, 50.0),
                     nu=2.5) + WhiteKernel(1e-2, (1e-8, 2.0)))
    return GaussianProcessRegressor(kernel=kernel, alpha=noise, normalize_y=False,
                                    n_restarts_optimizer=2, random_state=seed)


class Regression:
    """A linear-quadratic regression with a GP on its residuals: predict gives the mean
    and the variance of the fitted function (not of a new noisy observation): the GP's,
    plus the regression's own, b(x)' Cov(beta) b(x) with Cov(beta) = (B'B)^-1 s^2 from
    its residuals (which a GP on the residuals alone would miss where the regression
    fits almost everything)."""

    def __init__(self, X, y, noise, active, seed):
        self.active = list(active)
        quad = len(y) > 3 * (1 + 2 * len(self.active))
        self.quadratic = quad
        B = basis(X, self.active, quad)
        self.beta, *_ = np.linalg.lstsq(B, y, rcond=None)
        res = y - B @ self.beta
        dof = max(len(y) - B.shape[1], 1)
        self.cov = np.linalg.pinv(B.T @ B) * float(res @ res) / dof
        self.scale = float(np.std(res))
        self.gp = None
        if self.scale > TINY * max(1.0, float(np.max(np.abs(y)))):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                self.gp = _gp(len(self.active), noise / self.scale ** 2 + TINY, seed)
                self.gp.fit(X[:, self.active], res / self.scale)

    def predict(self, X):
        B = basis(X, self.active, self.quadratic)
        mean = B @ self.beta
        v_beta = np.einsum("ij,jk,ik->i", B, self.cov, B)
        if self.gp is None:
            return mean, np.full(len(X), self.scale ** 2) + v_beta
        mu, sd = self.gp.predict(X[:, self.active], return_std=True)
        return mean + self.scale * mu, (self.scale * sd) ** 2 + v_beta


class Emulator:
    """The emulator of one target from a wave's points: X [n, P] unit values, m [n]
    replicate means, s2 [n] replicate variances, r [n] finite replicates, all on the
    emulators' scale. kind: "gp", or "constant" when the target hardly varies."""

    def __init__(self, X, m, s2, r, max_active, seed):
        ok = np.isfinite(m)
        X, m, s2, r = X[ok], m[ok], s2[ok], r[ok]
        self.n_train = len(m)
        self.inflation = 1.0
        self.vrep = _ReplicateVariance(X, s2, r, seed)
        noise = self.vrep.predict(X) / np.maximum(r, 1)
        spread = float(np.var(m)) if len(m) > 1 else 0.0
        if len(m) < 4 or spread <= float(np.mean(noise)) * 1e-3 + TINY:
            self.kind, self.mean, self.var = "constant", float(np.mean(m)), spread
            self.active = []
            return
        self.kind = "gp"
        self.active = select_active(X, m, max_active)
        self.fit = Regression(X, m, noise, self.active, seed)

    def predict(self, X):
        """(E, V_em, V_rep) at X [n, P]: V_em inflated as diagnostics decided."""
        if self.kind == "constant":
            e, v = np.full(len(X), self.mean), np.full(len(X), self.var)
        else:
            e, v = self.fit.predict(X)
        return e, v * self.inflation ** 2, self.vrep.predict(X)


class _ReplicateVariance:
    """V_rep(x): log s^2 regressed on the parameters that explain it (BIC; none: the
    pooled mean of s^2). For Gaussian runs, log s^2 has mean log V_rep + digamma(k) -
    log(k), k = (r - 1) / 2: that bias is taken off (with r = 3 it is a factor 0.56).
    With a few replicates log s^2 is very noisy (its variance is trigamma(k), 1.64 for
    r = 3), so a smooth regression, not a GP, carries its trend."""

    def __init__(self, X, s2, r, seed):
        good = np.isfinite(s2) & (r > 1)
        self.pooled = float(np.mean(s2[good])) if good.any() else 0.0
        self.active = []
        pos = good & (s2 > TINY)
        if pos.sum() >= max(8, 0.5 * len(s2)) and self.pooled > 0.0:
            k = (r[pos] - 1) / 2.0
            y = np.log(s2[pos]) - digamma(k) + np.log(k)
            self.active = select_active(X[pos], y, 3, least=0)
            if self.active:
                B = basis(X[pos], self.active, quadratic=False)
                self.beta, *_ = np.linalg.lstsq(B, y, rcond=None)

    def predict(self, X):
        if not self.active:
            return np.full(len(X), self.pooled)
        return np.exp(basis(X, self.active, quadratic=False) @ self.beta)
