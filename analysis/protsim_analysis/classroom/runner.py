"""runner - the classroom's bounded queue of protsim runs.

At most `workers` runs at once, at most `queue_len` waiting; a full queue refuses a new
run (Busy) and keeps those it holds. Each run is the real protsim binary in its own
process group, killed when it passes `time_limit` seconds. Every file a run writes is
in the runner's folder, named by the run's id; the oldest finished runs beyond `keep`
are forgotten and their files removed.
"""

import collections
import itertools
import os
import queue
import secrets
import signal
import subprocess
import threading
import time

from ..report import h5read
from . import series


class Busy(Exception):
    """The queue is full: try again later."""


class Run:
    def __init__(self, lesson, values, replicates):
        self.id = secrets.token_hex(8)
        self.lesson = lesson
        self.values = values            # [(path, text)] in slider order
        self.replicates = replicates
        self.state = "queued"
        self.message = ""
        self.result = None
        self.seq = 0
        self.submitted = time.monotonic()
        self.seconds = None

    def sets(self):
        return ["%s=%s" % (p, v) for p, v in self.values]


class Runner:
    def __init__(self, protsim, folder, workers=2, queue_len=8, time_limit=60.0, keep=200):
        self.protsim = protsim
        self.folder = folder
        self.time_limit = time_limit
        self.keep = keep
        self.queue = queue.Queue(maxsize=queue_len)
        self.runs = collections.OrderedDict()
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.started = 0
        self.stopping = False
        self.threads = [threading.Thread(target=self._work, daemon=True, name="run-%d" % i)
                        for i in range(workers)]
        for t in self.threads:
            t.start()

    def submit(self, lesson, values, replicates):
        """Queue a run of `lesson` with slider values; Busy when the queue is full."""
        run = Run(lesson, values, replicates)
        with self.lock:
            run.seq = next(self.counter)
            try:
                self.queue.put_nowait(run)
            except queue.Full:
                raise Busy("busy, try again: %d runs are waiting" % self.queue.qsize()) from None
            self.runs[run.id] = run
            self._forget_old()
        return run

    def get(self, run_id):
        with self.lock:
            return self.runs.get(run_id)

    def position(self, run):
        """How many runs wait before this one (0 when it is next or running)."""
        with self.lock:
            return sum(1 for r in self.runs.values() if r.state == "queued" and r.seq < run.seq)

    def h5_path(self, run):
        return os.path.join(self.folder, run.id + ".h5")

    def stop(self):
        self.stopping = True
        for _ in self.threads:
            try:
                self.queue.put_nowait(None)
            except queue.Full:
                pass

    def _forget_old(self):
        done = [r for r in self.runs.values() if r.state in ("done", "failed")]
        for r in done[: max(0, len(done) - self.keep)]:
            self.runs.pop(r.id, None)
            try:
                os.unlink(self.h5_path(r))
            except OSError:
                pass

    def _work(self):
        while not self.stopping:
            run = self.queue.get()
            if run is None:
                return
            run.state = "running"
            t0 = time.monotonic()
            try:
                self._execute(run)
            except Exception as exc:   # a worker must outlive any one run
                run.state, run.message = "failed", "the run failed: %s" % exc
            run.seconds = round(time.monotonic() - t0, 2)

    def _command(self, run):
        cmd = [self.protsim, "run", run.lesson.scenario, "-o", self.h5_path(run), "--force",
               "--quiet", "--threads", "1"]
        for s in run.sets():
            cmd += ["--set", s]
        if run.replicates > 1:
            cmd += ["--replicates", str(run.replicates)]
        return cmd

    def _execute(self, run):
        p = subprocess.Popen(self._command(run), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             cwd=self.folder)
        try:
            _, err = p.communicate(timeout=self.time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            run.state = "failed"
            run.message = "stopped: the run took longer than the limit of %g s" % self.time_limit
            return
        if p.returncode != 0:
            lines = [ln for ln in err.splitlines() if ln.strip()]
            run.state = "failed"
            run.message = lines[-1] if lines else "protsim exited with status %d" % p.returncode
            return
        run.result = result_of(run.lesson, self.h5_path(run))
        run.state = "done"


def _stat(a):
    mid, lo, hi = series.summary(a)
    out = {"mid": _clean(mid)}
    if lo is not None:
        out["lo"], out["hi"] = _clean(lo), _clean(hi)
    return out


def _clean(a):
    return [None if v != v or v in (float("inf"), float("-inf")) else round(float(v), 6)
            for v in a]


def result_of(lesson, path):
    """The charts and outcomes of a finished run, as the page draws them (JSON-ready)."""
    with h5read.ResultFile(path) as rf:
        part = rf.parts[0]
        charts = []
        for c in lesson.charts:
            charts.append({"title": c["title"], "unit": c.get("unit", ""),
                           "series": [dict(_stat(series.extract(part, s["key"])),
                                           label=s["label"]) for s in c["series"]]})
        outcomes = []
        for o in lesson.outcomes:
            a = series.extract(part, o["key"])
            month = o.get("month", part.months[-1])
            st = _stat(a[:, part.months.index(month): part.months.index(month) + 1])
            outcomes.append({"label": o["label"], "month": month, "value": st["mid"][0],
                             "lo": st.get("lo", [None])[0], "hi": st.get("hi", [None])[0]})
        return {"months": part.months, "replicates": part.n_replicates,
                "charts": charts, "outcomes": outcomes}
