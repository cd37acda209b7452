"""lessons - read and check the lesson files of scenarios/classroom/ (NN-name.lesson).

A lesson file is libconfig (docs/classroom/README.md, "The lesson format"): a title, the
scenario it runs, its worksheet, the question, the sliders (each bound to a setting path
as `--set` writes it, with a label and a range inside the settings table's, or a list of
values for a choice), the charts (series keys, series.py) and the outcomes of the table
under the charts. check() finds every defect with FILE:LINE; the setting paths and their
ranges are checked by protsim itself (`protsim check --set`), and the series keys against
a one-month run of the lesson's world.
"""

import os
import subprocess
import tempfile

from ..report import cfgtext, h5read
from . import series

LESSON_KEYS = {"title": str, "scenario": str, "worksheet": str, "question": str,
               "sliders": list, "charts": list, "outcomes": list}
SLIDER_KEYS = {"path": str, "label": str, "min": (int, float), "max": (int, float),
               "step": (int, float), "values": list}
CHART_KEYS = {"title": str, "unit": str, "series": list}
SERIES_KEYS = {"key": str, "label": str, "month": str}
CHECK_TIMEOUT = 20


class LessonError(Exception):
    """FILE:LINE: what is wrong with a lesson file."""


class Lesson:
    """A checked lesson: its id (the file name without .lesson) and settings."""

    def __init__(self, path, spec, defaults, states):
        self.path = path
        self.id = os.path.basename(path)[: -len(".lesson")]
        self.dir = os.path.dirname(os.path.abspath(path))
        self.title = spec["title"]
        self.question = spec.get("question", "")
        self.scenario = os.path.join(self.dir, spec["scenario"])
        self.worksheet_name = spec.get("worksheet", "")
        self.sliders = []
        for s, default in zip(spec["sliders"], defaults):
            one = {k: s[k] for k in s if k != cfgtext.LINES}
            one["default"] = default
            self.sliders.append(one)
        self.charts = cfgtext.plain(spec["charts"])
        self.outcomes = cfgtext.plain(spec["outcomes"])
        self.states = states

    def slider_paths(self):
        return [s["path"] for s in self.sliders]

    def public(self):
        """What the page needs to draw the lesson's controls (JSON-ready)."""
        return {"id": self.id, "title": self.title, "question": self.question,
                "sliders": self.sliders, "charts": self.charts, "outcomes": self.outcomes}


def _where(path, group, key):
    return "%s:%d" % (path, cfgtext.line_of(group, key, 1))


def _check_keys(path, group, allowed, what):
    for key in group:
        if key == cfgtext.LINES:
            continue
        if key not in allowed:
            raise LessonError("%s: %s%s: unknown setting (one of %s)" % (
                _where(path, group, key), what, key, ", ".join(sorted(allowed))))
        if not isinstance(group[key], allowed[key]) or isinstance(group[key], bool):
            raise LessonError("%s: %s%s: wrong type" % (_where(path, group, key), what, key))


def _require(path, group, keys, what, line_group=None, line_key=None):
    for key in keys:
        if key not in group:
            where = (_where(path, line_group, line_key) if line_group is not None
                     else "%s:1" % path)
            raise LessonError("%s: %s%s: required" % (where, what, key))


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


def lookup(scenario, path):
    """The value at a --set path in a parsed scenario: a.b.[2].c, or states.NAME.c."""
    node = scenario
    for part in path.split("."):
        if isinstance(node, list):
            if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
                i = int(part[1:-1])
                if i >= len(node):
                    raise KeyError(path)
                node = node[i]
                continue
            named = [x for x in node if isinstance(x, dict) and x.get("name") == part]
            if not named:
                raise KeyError(path)
            node = named[0]
        elif isinstance(node, dict):
            if part not in node and isinstance(node.get("list"), list):
                node = node["list"]            # states.Aland.x: the state named Aland
                named = [x for x in node if isinstance(x, dict) and x.get("name") == part]
                if not named:
                    raise KeyError(path)
                node = named[0]
                continue
            if part not in node:
                raise KeyError(path)
            node = node[part]
        else:
            raise KeyError(path)
    return node


def value_text(v):
    """A value as --set takes it (strings quoted, as protsim's dump writes them)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"%s"' % v
    return repr(v)


def _check_slider(path, i, s, protsim, scenario_file, resolved):
    what = "sliders.[%d]." % i
    _check_keys(path, s, SLIDER_KEYS, what)
    _require(path, s, ("path", "label"), what, s, "path")
    where = _where(path, s, "path")
    try:
        default = lookup(resolved, s["path"])
    except KeyError:
        ok, msg = protsim_check(protsim, scenario_file, [s["path"] + "=0"])
        raise LessonError("%s: %spath = \"%s\": %s" % (
            where, what, s["path"], msg if not ok else "not a setting of the lesson's world"))
    if "values" in s:
        for v in s["values"]:
            ok, msg = protsim_check(protsim, scenario_file, ["%s=%s" % (s["path"], value_text(v))])
            if not ok:
                raise LessonError("%s: %svalues: %s" % (_where(path, s, "values"), what, msg))
        return default
    _require(path, s, ("min", "max", "step"), what, s, "path")
    if not s["min"] < s["max"] or s["step"] <= 0:
        raise LessonError("%s: %smin, max, step = %g, %g, %g: need min < max and step > 0" % (
            _where(path, s, "min"), what, s["min"], s["max"], s["step"]))
    for end in ("min", "max"):
        ok, msg = protsim_check(protsim, scenario_file, ["%s=%r" % (s["path"], s[end])])
        if not ok:
            raise LessonError("%s: %s%s: %s" % (_where(path, s, end), what, end, msg))
    if not isinstance(default, (int, float)) or not s["min"] <= default <= s["max"]:
        raise LessonError("%s: %s%s = %s in the scenario is outside the slider's [%g, %g]" % (
            _where(path, s, "min"), what, s["path"], default, s["min"], s["max"]))
    return default


def _check_series(path, group_list, what, part):
    for j, s in enumerate(group_list):
        w = "%s[%d]." % (what, j)
        if not isinstance(s, dict):
            raise LessonError("%s:1: %s: expected a group { key = ...; label = ...; }" % (path, w))
        _check_keys(path, s, SERIES_KEYS, w)
        _require(path, s, ("key", "label"), w)
        try:
            series.extract(part, s["key"])
        except series.SeriesError as exc:
            raise LessonError("%s: %skey: %s" % (_where(path, s, "key"), w, exc))
        if "month" in s and s["month"] not in part.months:
            raise LessonError("%s: %smonth = \"%s\": not a month of the run" % (
                _where(path, s, "month"), w, s["month"]))


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
    try:
        with open(path, encoding="utf-8") as fh:
            spec = cfgtext.parse(fh.read(), path)
    except OSError as exc:
        raise LessonError("%s: cannot open: %s" % (path, exc.strerror))
    except cfgtext.ConfigError as exc:
        raise LessonError(str(exc))
    _check_keys(path, spec, LESSON_KEYS, "")
    _require(path, spec, ("title", "scenario", "sliders", "charts", "outcomes"), "")
    scenario_file = os.path.join(os.path.dirname(os.path.abspath(path)), spec["scenario"])
    ok, text = protsim_check(protsim, scenario_file, [])
    if not ok:
        raise LessonError("%s: scenario = \"%s\": %s" % (_where(path, spec, "scenario"),
                                                         spec["scenario"], text))
    resolved = cfgtext.parse(text, scenario_file)
    defaults = []
    for i, s in enumerate(spec["sliders"]):
        if not isinstance(s, dict):
            raise LessonError("%s: sliders.[%d]: expected a group" % (_where(path, spec, "sliders"), i))
        defaults.append(_check_slider(path, i, s, protsim, scenario_file, resolved))
    rf, out = _short_run(protsim, scenario_file, resolved["time"]["start"])
    try:
        part = rf.parts[0]
        for i, c in enumerate(spec["charts"]):
            _check_keys(path, c, CHART_KEYS, "charts.[%d]." % i)
            _require(path, c, ("title", "series"), "charts.[%d]." % i)
            _check_series(path, c["series"], "charts.[%d].series." % i, part)
        _check_series(path, spec["outcomes"], "outcomes.", _FullMonths(part, resolved))
        states = part.states
    finally:
        rf.close()
        os.unlink(out)
    return Lesson(path, spec, defaults, states)


class _FullMonths:
    """A one-month Part that answers for the months of the whole run (outcome months)."""

    def __init__(self, part, resolved):
        self._part = part
        t = resolved["time"]
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
