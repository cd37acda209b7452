"""The waves of a history match (docs/calibration.md):

1. design: n points space-filling inside the region still non-implausible (wave 1: a
   maximin Latin hypercube of the box);
2. runs: r replicates of each point through protsim sweep;
3. emulators: one per target, trained on the points not held out;
4. diagnostics on the held-out points: standardised errors (m - E) / sqrt(V_em +
   V_rep / r), of which at most 5% (and at least one point) may lie outside [-3, 3];
   and held-out points that their own runs place clearly inside for the target
   (I <= cut - 1: the runs' mean is noisy too, so points near the cut fall on either
   side by chance) but the emulator places above the cut, of which there may be none.
   The sd of V_em is inflated (x1.5, 2, 3, 5) until both hold, else the emulator is
   not used this wave;
5. the cut: a fixed sample of the box (test points) is kept where the rank-th largest
   implausibility of every wave so far is at most the cut: the space remaining;
6. the stopping rule: stop when the region is empty, when a wave rules out less than
   stop.shrink of what remained, when V_em < stop.emulator x (V_obs + V_md + c V_rep)
   for every target at the wave's non-implausible points (more waves would not narrow
   it: the uncertainty left is not the emulators'), or after waves.count waves.
Then the final sample: points drawn from the last region, run with final.replicates;
those whose own runs (V_em = 0) pass the cut are the plausible set.

A finished match may be extended (protsim calibrate --more-waves): K more waves of their
own size past the stopping rule, then a final sample of their own, whose plausible
points join the earlier final samples' in the plausible set. Extensions are kept in
OUTPUT.d/extensions.json, so that --resume replays them and writes the same file."""
import os
import sys
import time

import numpy as np

from . import design, implausibility, sweeps, transform
from .emulator import Emulator

INFLATIONS = (1.0, 1.5, 2.0, 3.0, 5.0)
OUTSIDE = 0.05  # share of held-out standardised errors that may lie outside [-3, 3]
CLEARLY = 1.0   # a held-out point is clearly inside when its runs' I <= cut - CLEARLY


class Wave:
    """What one wave made and decided (all arrays over its points and the targets)."""

    def __init__(self, number, unit):
        self.number, self.unit = number, unit
        self.emulators, self.notes = [], []
        self.emulator_ratio = np.nan


def seed_of(cal, wave):
    """The sweep seed of a wave (0: the final sample): from the calibration seed."""
    return (int(cal.seed) * 1000003 + 7919 * wave + 1) % (2 ** 62)


class Matcher:
    """A history match in progress: the calibration, where its files go, the test
    sample, the waves so far."""

    def __init__(self, cal, out, command, quiet=False, prepare=False, log=None,
                 extensions=()):
        self.cal, self.out, self.command = cal, out, command
        self.extensions = [dict(e) for e in extensions]
        self.quiet, self.prepare = quiet, prepare
        self.log = log or (lambda msg: None if quiet else print(msg, file=sys.stderr))
        self.folder = out + ".d"
        self.obs = transform.observation(cal)
        rng = np.random.default_rng([int(cal.seed), 0])
        self.test = design.lhs(rng, cal.test_points, cal.n_params)
        self.alive = np.ones(cal.test_points, dtype=bool)
        self.test_I = []  # per wave: ranked I of the test points (NaN where dead before)
        self.waves, self.remaining = [], []
        self.stopped, self.final = "", None
        self.finals = []  # every final sample run, in order; self.final is the last

    # ---- the region ----------------------------------------------------------------

    def keep(self, X, upto=None):
        """Whether each point of X is non-implausible under every wave so far."""
        ok = np.ones(len(X), dtype=bool)
        for w in self.waves[:upto]:
            if not ok.any():
                break
            I = implausibility.emulated(self.cal, self.obs, w.emulators, X[ok],
                                        self.cal.replicates)
            ok[ok] = implausibility.ranked(I, self.cal.rank) <= self.cal.cut
        return ok

    def next_design(self, number, points):
        cal = self.cal
        rng = np.random.default_rng([int(cal.seed), number])
        if not self.waves:
            return design.maximin_lhs(rng, points, cal.n_params), "maximin LHS"
        before = [w.unit[w.inside] for w in self.waves[-1:]]
        unit, kept, tried = design.fill(rng, points, cal.n_params, self.keep,
                                        cal.candidates, before[0] if before else None)
        return unit, f"{len(unit)} of {kept} non-implausible candidates ({tried} tried)"

    # ---- runs ----------------------------------------------------------------------

    def runs(self, name, unit, replicates, seed):
        """Write the sweep file of a wave, run it (or stop, with --prepare) and read
        it: (runs, point, design values, failed runs)."""
        os.makedirs(self.folder, exist_ok=True)
        cfg = os.path.join(self.folder, f"{name}.cfg")
        h5 = os.path.join(self.folder, f"{name}.h5")
        text = sweeps.sweep_text(self.cal, unit, replicates, seed, name)
        if os.path.exists(cfg) and open(cfg).read() != text:
            raise sweeps.FileError(f"{cfg}: differs from the {name} this calibration "
                                   f"makes now (the calibration file, its targets or "
                                   f"protsim changed): remove {self.folder} or use --force")
        with open(cfg, "w") as fh:
            fh.write(text)
        if not os.path.exists(h5) or os.path.exists(h5 + ".journal"):
            if self.prepare:
                raise sweeps.SweepStopped(cfg, h5)
            self.log(f"{name}: protsim sweep {cfg} ({len(unit)} points x {replicates} "
                     f"replicates)")
            sweeps.run(cfg, h5, self.command, self.quiet)
        return sweeps.results(self.cal, h5, len(unit), replicates)

    # ---- one wave ------------------------------------------------------------------

    def wave(self, number, points=None):
        cal = self.cal
        started = time.monotonic()
        unit, how = self.next_design(number, points or cal.points)
        w = Wave(number, unit)
        self.log(f"wave {number}: design of {len(unit)} points ({how})")
        w.runs, w.point, w.values, w.failed = self.runs(f"wave{number}", unit,
                                                        cal.replicates, seed_of(cal, number))
        w.mean, w.var, w.count = transform.point_stats(cal, w.runs, w.point, len(unit))
        self.emulate(w)
        w.I_run = implausibility.from_runs(cal, self.obs, w.mean, w.var, w.count)
        w.I_em, w.E, w.v_em, w.v_rep = implausibility.emulated(
            cal, self.obs, w.emulators, unit, cal.replicates, full=True)
        self.waves.append(w)
        w.inside = self.keep(unit)
        self.cut_test(w)
        w.seconds = time.monotonic() - started
        self.report(w)
        return w

    def emulate(self, w):
        """Fit, validate and keep (or drop) the emulator of every target."""
        cal = self.cal
        n = len(w.unit)
        rng = np.random.default_rng([int(cal.seed), w.number, 1])
        n_hold = int(round(cal.holdout * n)) if n * cal.holdout >= 3 else 0
        w.heldout = np.zeros(n, dtype=bool)
        w.heldout[rng.permutation(n)[:n_hold]] = True
        T = cal.n_targets
        w.std_error = np.full((n, T), np.nan)
        w.within3 = np.full(T, np.nan)
        w.misclassified = np.zeros(T, dtype=int)
        w.inflation = np.ones(T)
        w.used = np.zeros(T, dtype=bool)
        w.active = np.zeros((T, cal.n_params), dtype=bool)
        w.kind = []
        for k in range(T):
            if not self.quiet and sys.stderr.isatty():
                print(f"\r  emulators {k + 1}/{T}", end="", file=sys.stderr, flush=True)
            w.emulators.append(self.emulate_one(w, k, int(rng.integers(2 ** 31))))
        if not self.quiet and sys.stderr.isatty():
            print(file=sys.stderr)

    def emulate_one(self, w, k, seed):
        cal, train = self.cal, ~w.heldout
        em = Emulator(w.unit[train], w.mean[train, k], w.var[train, k],
                      w.count[train, k], cal.max_active, seed)
        w.kind.append(em.kind)
        w.active[k, em.active] = True
        if not w.heldout.any():
            w.used[k] = True
            return em
        hold = w.heldout & np.isfinite(w.mean[:, k])
        e, v_em, v_rep = em.predict(w.unit[hold])
        r = np.maximum(w.count[hold, k], 1)
        obs = [a[k:k + 1] for a in self.obs]
        z, v_obs, v_md = (a[0] for a in obs)
        c = cal.replicate_factor(cal.replicates)
        I_run = implausibility.from_runs(cal, obs, w.mean[hold, k:k + 1],
                                         w.var[hold, k:k + 1], w.count[hold, k:k + 1])[:, 0]
        allowed = max(1, int(OUTSIDE * len(e)))
        for f in INFLATIONS:
            with np.errstate(invalid="ignore", divide="ignore"):  # 0 / 0: exact
                se = np.nan_to_num((w.mean[hold, k] - e) / np.sqrt(v_em * f * f + v_rep / r),
                                   nan=0.0)
            I_em = np.abs(z - e) / np.sqrt(v_obs + v_md + v_em * f * f + c * v_rep)
            bad = int(((I_run <= cal.cut - CLEARLY) & (I_em > cal.cut)).sum())
            outside = int((np.abs(se) > 3.0).sum())
            if bad == 0 and outside <= allowed:
                break
        w.std_error[hold, k] = se
        within = 1.0 - outside / len(se) if len(se) else 1.0
        w.within3[k], w.misclassified[k] = within, bad
        if bad == 0 and outside <= allowed:
            em.inflation = f
            w.inflation[k], w.used[k] = f, True
            return em
        w.notes.append(f"{cal.names[k]}: not used (held out: {within:.0%} within 3, "
                       f"{bad} wrongly ruled out even at V_em x {f * f:g})")
        return None

    def cut_test(self, w):
        """Apply the wave's emulators to the test points still alive."""
        idx = np.flatnonzero(self.alive)
        ranked = np.full(len(self.alive), np.nan)
        if len(idx):
            I = implausibility.emulated(self.cal, self.obs, w.emulators, self.test[idx],
                                        self.cal.replicates)
            ranked[idx] = implausibility.ranked(I, self.cal.rank)
            self.alive[idx] = ranked[idx] <= self.cal.cut
        self.test_I.append(ranked)
        self.remaining.append(float(self.alive.mean()))
        w.remaining = self.remaining[-1]

    def report(self, w):
        before = self.remaining[-2] if len(self.remaining) > 1 else 1.0
        used = int(w.used.sum())
        inflated = int(((w.inflation > 1) & w.used).sum())
        self.log(f"wave {w.number}: {len(w.unit)} points, {len(w.runs)} runs "
                 f"({w.failed} failed); {used} of {self.cal.n_targets} emulators used "
                 f"({inflated} inflated); {w.inside.sum()} design points non-implausible; "
                 f"space remaining {w.remaining:.4%} (this wave ruled out "
                 f"{before - w.remaining:.4%} of the box) in {w.seconds:.0f} s")
        for note in w.notes:
            self.log(f"  {note}")

    # ---- stopping and the final sample ---------------------------------------------

    def should_stop(self, w, count=None):
        """Why the match stops after wave w ("" to go on); count: the last wave
        number allowed (default waves.count)."""
        cal = self.cal
        if w.remaining == 0.0:
            return "empty: no test point of the box is non-implausible"
        if len(self.remaining) > 1 and w.remaining > (1 - cal.stop_shrink) * self.remaining[-2]:
            return (f"the space stopped shrinking (this wave kept {w.remaining / self.remaining[-2]:.0%}"
                    f" of what remained; stop.shrink = {cal.stop_shrink:g})")
        inside = w.inside & np.isfinite(w.I_em).any(axis=1)
        if inside.any() and w.used.any():
            z, v_obs, v_md = self.obs
            c = cal.replicate_factor(cal.replicates)
            ratio = w.v_em[inside] / (v_obs + v_md + c * w.v_rep[inside])
            worst = float(np.nanmax(np.nanmedian(ratio[:, w.used], axis=0)))
            w.emulator_ratio = worst
            if worst < cal.stop_emulator:
                return (f"emulator variance small: median V_em / (V_obs + V_md + V_rep) "
                        f"is at most {worst:.3g} < stop.emulator = {cal.stop_emulator:g}")
        if count is None and w.number >= cal.waves:
            return f"waves.count = {cal.waves} waves done"
        if count is not None and w.number >= count:
            return f"--more-waves: wave {count} done"
        return ""

    def final_sample(self, points=None, replicates=None, extended=False):
        """The final sample of the region after the last wave: "final" after the
        calibration's own waves, "finalW" after an extension's last wave W."""
        cal = self.cal
        points, replicates = points or cal.final_points, replicates or cal.final_replicates
        last = self.waves[-1]
        name = f"final{last.number}" if extended else "final"
        key = [int(cal.seed), 999] + ([last.number] if extended else [])
        rng = np.random.default_rng(key)
        unit, kept, tried = design.fill(rng, points, cal.n_params, self.keep,
                                        cal.candidates, last.unit[last.inside])
        f = Wave(name, unit)
        f.replicates = replicates
        self.log(f"{name}: {len(unit)} points of {kept} non-implausible candidates, "
                 f"{replicates} replicates each")
        seed = seed_of(cal, 1000 + last.number if extended else 0)
        f.runs, f.point, f.values, f.failed = self.runs(name, unit, replicates, seed)
        f.mean, f.var, f.count = transform.point_stats(cal, f.runs, f.point, len(unit))
        f.I_run = implausibility.from_runs(cal, self.obs, f.mean, f.var, f.count)
        f.ranked = implausibility.ranked(f.I_run, cal.rank)
        f.plausible = f.ranked <= cal.cut
        self.log(f"{name}: {f.plausible.sum()} of {len(unit)} points plausible by their "
                 f"own runs (rank-{cal.rank} implausibility <= {cal.cut:g})")
        self.final = f
        self.finals.append(f)
        return f

    def run(self, save):
        """Every wave until the stopping rule, then the final sample; save(self) after
        each step (hm.h5 always holds what is done)."""
        for number in range(1, self.cal.waves + 1):
            w = self.wave(number)
            self.stopped = self.should_stop(w)
            save(self)
            if self.stopped:
                break
        self.log(f"stopped: {self.stopped}")
        if self.remaining[-1] > 0.0:
            self.final_sample()
        save(self)
        for ext in self.extensions:
            if self.remaining[-1] == 0.0:
                break
            self.extend(ext)
            save(self)

    def extend(self, ext):
        """An extension: ext["waves"] more waves of ext["points"] past the stopping
        rule (they stop early only when the region empties or, after the first, by the
        rule), then a final sample of ext["final_points"] x ext["final_replicates"]."""
        first = len(self.waves) + 1
        last = first + int(ext["waves"]) - 1
        before = self.stopped
        for number in range(first, last + 1):
            w = self.wave(number, int(ext["points"]))
            rule = self.should_stop(w, count=last)
            if number == first and rule.startswith("the space stopped"):
                # the extension was asked for past that rule: it applies from the
                # extension's second wave on
                self.log(f"wave {number}: {rule}; going on (--more-waves)")
                rule = "" if number < last else f"--more-waves: wave {last} done"
            if rule:
                break
        self.stopped = f"{rule} (extended past: {before})"
        self.log(f"stopped: {self.stopped}")
        if self.remaining[-1] > 0.0:
            self.final_sample(int(ext["final_points"]), int(ext["final_replicates"]),
                              extended=True)
