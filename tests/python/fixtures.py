"""Result files of every kind, made once per test process with the real protsim binary.

PROTSIM_BINARY (set by ctest; default build/protsim) and PROTSIM_SOURCE (the source
tree; default two folders up) say where things are. Small worlds and a few months, so
that every file takes well under a second:

    run        small_world, 2008-01 .. 2008-12 (run_2018: to 2018-12)
    replicates the same, 3 replicates
    compare    the ratification and legislation pair of tests/data, 3 replicates
    sweep      small_world to 2008-12, an LHS of 4 points x 2 replicates
    sobol      model ishigami, 64 base points (sensitivity)
    ap_run     the Asia-Pacific baseline to 2018-12 at 1 agent per 100 persons,
    ap_reps    and 2 replicates of it (for calibration.py)
"""
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("PROTSIM_SOURCE") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("PROTSIM_BINARY") or os.path.join(SOURCE, "build", "protsim")
ANALYSIS = os.path.join(SOURCE, "analysis")
PY = "/usr/bin/python3"
sys.path.insert(0, ANALYSIS)

SMALL = os.path.join(SOURCE, "scenarios", "small_world.cfg")
AP = os.path.join(SOURCE, "scenarios", "asia_pacific.cfg")
SHORT = ["--set", "time.end=2008-12"]
AP_SHORT = ["--set", "time.end=2018-12", "--set", "refugees.agents_per_person=0.01"]
AP_SEED = 5

SWEEP_CFG = """base = "{base}";
set = ["time.end=2008-12"];
design = "lhs";
points = 4;
replicates = 2;
seed = 7;
parameters = (
  {{ name = "emphasis"; path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; }},
  {{ name = "surge"; path = "securitisation.surge"; range = [0.01, 0.3]; scale = "log"; }}
);
outputs = {{ years = [2008]; metrics = ["poi", "refugees"]; }};
"""

SOBOL_CFG = """model = "ishigami";
design = "sobol";
points = {points};
replicates = 1;
seed = {seed};
parameters = (
  {{ path = "x1"; range = [-3.141592653589793, 3.141592653589793]; }},
  {{ path = "x2"; range = [-3.141592653589793, 3.141592653589793]; }},
  {{ path = "x3"; range = [-3.141592653589793, 3.141592653589793]; }}
);
"""

_DIR = None
_MADE = {}


def workdir():
    """A folder for this test process, removed at exit."""
    global _DIR
    if _DIR is None:
        _DIR = tempfile.mkdtemp(prefix="protsim-pytest-")
        import atexit
        atexit.register(shutil.rmtree, _DIR, True)
    return _DIR


def protsim(*args):
    """Run the protsim binary; raise with its stderr if it fails."""
    p = subprocess.run([BINARY, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"protsim {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p


def _make(kind):
    out = os.path.join(workdir(), f"{kind}.h5")
    common = ["-o", out, "--quiet", "--force"]
    if kind == "run":
        protsim("run", SMALL, *SHORT, *common)
    elif kind == "run_2018":
        protsim("run", SMALL, "--set", "time.end=2018-12", *common)
    elif kind == "replicates":
        protsim("run", SMALL, *SHORT, "--replicates", "3", *common)
    elif kind == "compare":
        data = os.path.join(SOURCE, "tests", "data")
        protsim("compare", os.path.join(data, "good_small_ratification.cfg"),
                os.path.join(data, "good_small_legislation.cfg"), "-n", "3", *SHORT,
                "--keep", "all", *common)
    elif kind == "sweep":
        cfg = os.path.join(workdir(), "sweep.cfg")
        with open(cfg, "w") as fh:
            fh.write(SWEEP_CFG.format(base=SMALL))
        protsim("sweep", cfg, *common)
    elif kind.startswith("sobol"):
        points, seed = (int(x) for x in kind.split("_")[1:])
        cfg = os.path.join(workdir(), f"{kind}.cfg")
        with open(cfg, "w") as fh:
            fh.write(SOBOL_CFG.format(points=points, seed=seed))
        protsim("sweep", cfg, *common)
    elif kind == "ap_run":
        protsim("run", AP, *AP_SHORT, "--seed", str(AP_SEED), "--threads", "1", *common)
    elif kind == "ap_reps":
        protsim("run", AP, *AP_SHORT, "--seed", str(AP_SEED), "--replicates", "2",
                *common)
    else:
        raise ValueError(kind)
    return out


def path(kind):
    """The file of that kind (made on first use)."""
    if kind not in _MADE:
        _MADE[kind] = _make(kind)
    return _MADE[kind]


def sobol(points, seed=1):
    """A protsim sweep of the Ishigami model with that many base points."""
    return path(f"sobol_{points}_{seed}")


FILE_KINDS = ("run", "replicates", "compare", "sweep")


def copy(kind, name):
    """A fresh copy of the file of that kind, to change."""
    dst = os.path.join(workdir(), name)
    shutil.copyfile(path(kind), dst)
    return dst


def script(name, *args):
    """Run analysis/NAME (or analysis/bin/NAME) with args: CompletedProcess (text)."""
    where = os.path.join(ANALYSIS, name)
    if not os.path.exists(where):
        where = os.path.join(ANALYSIS, "bin", name)
    return subprocess.run([PY, where, *args], capture_output=True, text=True,
                          cwd=workdir())
