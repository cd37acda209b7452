"""lessons - the lesson files of scenarios/classroom/ (NN-name.lesson), for the page.

A lesson file is one of protsim's settings formats (sim/settings/lesson_file.c;
docs/classroom/README.md, "The lesson format"): `protsim check NN-name.lesson` checks it
with FILE:LINE messages (each slider's path and range through --set) and prints it
resolved, with each slider's value in the lesson's scenario; this module reads that
output. What protsim cannot know, the series keys of the charts and outcomes, is checked
here against a one-month run of the lesson's world.
"""

import os
import subprocess
import tempfile

from ..report import cfgtext, h5read
from . import series

CHECK_TIMEOUT = 20


class LessonError(Exception):
    """FILE:LINE: what is wrong with a lesson file."""


class Lesson:
    """A checked lesson: its id (the file name without .lesson) and settings."""

    def __init__(self, path, spec, states):
        self.path = path
        self.id = os.path.basename(path)[: -len(".lesson")]
        self.dir = os.path.dirname(os.path.abspath(path))
        self.title = spec["title"]
        self.question = spec.get("question", "")
        self.scenario = os.path.join(self.dir, spec["scenario"])
        self.worksheet_name = spec.get("worksheet", "")
        self.sliders = cfgtext.plain(spec["sliders"])
        self.charts = cfgtext.plain(spec["charts"])
        self.outcomes = cfgtext.plain(spec["outcomes"])
        self.states = states

    def slider_paths(self):
        return [s["path"] for s in self.sliders]

    def public(self):
        """What the page needs to draw the lesson's controls (JSON-ready)."""
        return {"id": self.id, "title": self.title, "question": self.question,
                "sliders": self.sliders, "charts": self.charts, "outcomes": self.outcomes}


def protsim_check(protsim, scenario, sets):
    """(ok, text): `protsim check SCENARIO --set ...`; text is the resolved scenario, or
    protsim's one-line message (without the `protsim: ` prefix) when it refuses."""
    cmd = [protsim, "check", scenario]
    for s in sets:
        cmd += ["--set", s]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "protsim check took longer than %d s" % CHECK_TIMEOUT
    if p.returncode != 0:
        lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
        msg = lines[-1] if lines else "protsim check failed (exit %d)" % p.returncode
        return False, msg[len("protsim: "):] if msg.startswith("protsim: ") else msg
    return True, p.stdout


def _line_of(text, key):
    """The line of the lesson file where the series key is written (1 if not found)."""
    at = text.find('"%s"' % key)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _check_series(path, text, series_list, what, part):
    for j, s in enumerate(series_list):
        try:
            series.extract(part, s["key"])
        except series.SeriesError as exc:
            raise LessonError("%s:%d: %s[%d].key: %s" % (path, _line_of(text, s["key"]),
                                                         what, j, exc)) from None
        if "month" in s and s["month"] not in part.months:
            raise LessonError("%s:%d: %s[%d].month = \"%s\": not a month of the run" % (
                path, _line_of(text, s["key"]), what, j, s["month"]))


def _short_run(protsim, scenario_file, start):
    fd, out = tempfile.mkstemp(suffix=".h5", prefix="protsim-lesson-")
    os.close(fd)
    try:
        p = subprocess.run([protsim, "run", scenario_file, "-o", out, "--force", "--quiet",
                            "--threads", "1", "--set", "time.end=" + start],
                           capture_output=True, text=True, timeout=CHECK_TIMEOUT)
        if p.returncode != 0:
            raise LessonError("%s: a one-month run fails: %s" % (scenario_file, p.stderr.strip()))
        rf = h5read.ResultFile(out)
        return rf, out
    except BaseException:
        os.unlink(out)
        raise


def load(path, protsim):
    """The checked Lesson of a .lesson file; LessonError (FILE:LINE: ...) on any defect."""
    ok, resolved = protsim_check(protsim, path, [])
    if not ok:
        raise LessonError(resolved)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    spec = cfgtext.parse(resolved, path)
    for s, d in zip(spec["sliders"], spec["defaults"]):
        s.update(d)
        s["default"] = s.pop("value")
    scenario_file = os.path.join(os.path.dirname(os.path.abspath(path)), spec["scenario"])
    ok, scenario_text = protsim_check(protsim, scenario_file, [])
    start = cfgtext.parse(scenario_text, scenario_file)["time"]
    rf, out = _short_run(protsim, scenario_file, start["start"])
    try:
        part = rf.parts[0]
        for i, c in enumerate(spec["charts"]):
            _check_series(path, text, c["series"], "charts.[%d].series." % i, part)
        _check_series(path, text, spec["outcomes"], "outcomes.", _FullMonths(part, start))
        states = part.states
    finally:
        rf.close()
        os.unlink(out)
    return Lesson(path, spec, states)


class _FullMonths:
    """A one-month Part that answers for the months of the whole run (outcome months)."""

    def __init__(self, part, t):
        self._part = part
        y0, m0 = map(int, t["start"].split("-"))
        y1, m1 = map(int, t["end"].split("-"))
        self.months = ["%04d-%02d" % (k // 12, k % 12 + 1)
                       for k in range(12 * y0 + m0 - 1, 12 * y1 + m1)]

    def __getattr__(self, name):
        return getattr(self._part, name)


def load_all(folder, protsim):
    """Every lesson of a folder, in file-name order: (lessons, errors)."""
    lessons, errors = [], []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".lesson"):
            try:
                lessons.append(load(os.path.join(folder, name), protsim))
            except LessonError as exc:
                errors.append(str(exc))
    return lessons, errors
