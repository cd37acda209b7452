"""protsim classroom [--port N] [--host ADDR] ...: serve the lessons in the browser."""

import os
import shutil
import signal
import sys
import tempfile

from . import lessons, runner, server
from ..cli import HelperParser

ABOUT = ("Serve the lessons of scenarios/classroom/ on a web page: a student picks a "
         "lesson, moves its sliders, presses Run and sees the new run (B) beside the "
         "previous one (A). Every value is checked by protsim's own --set, and every run "
         "is the real protsim.")


def find_protsim(explicit=None):
    """protsim: --protsim, $PROTSIM_EXE, beside this helper's libexec folder, or PATH."""
    here = os.path.dirname(os.path.abspath(sys.argv[0]))
    for cand in (explicit, os.environ.get("PROTSIM_EXE"),
                 os.path.join(here, "..", "..", "protsim"),          # build/libexec/protsim
                 os.path.join(here, "..", "..", "bin", "protsim"),   # PREFIX/libexec/protsim
                 os.path.join(os.path.dirname(os.path.realpath(sys.argv[0])), "..", "..",
                              "build", "protsim"),                   # analysis/bin in a checkout
                 shutil.which("protsim")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return os.path.abspath(cand)
    return None


def find_lessons(explicit=None):
    here = os.path.dirname(os.path.abspath(sys.argv[0]))
    data = os.environ.get("PROTSIM_DATA_DIR")
    for cand in (explicit,
                 data and os.path.join(data, "scenarios", "classroom"),
                 os.path.join(here, "..", "..", "share", "protsim", "scenarios", "classroom"),
                 os.path.join(os.path.dirname(os.path.realpath(sys.argv[0])), "..", "..",
                              "scenarios", "classroom")):
        if cand and os.path.isdir(cand):
            return os.path.abspath(cand)
    return None


def parse(argv, prog):
    ap = HelperParser(prog, ABOUT, {0: "success (the server stopped, or --check passed)",
                                    2: "bad usage, or a lesson with a defect"})
    ap.add_argument("--port", type=int, default=8470, metavar="N",
                    help="port to listen on (default 8470; 0: any free port)")
    ap.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                    help="address to listen on (default 127.0.0.1, this machine only); "
                    "0.0.0.0 serves a classroom network, with a warning")
    ap.add_argument("--lessons", metavar="DIR",
                    help="the lessons (default: protsim's shipped scenarios/classroom)")
    ap.add_argument("--dir", metavar="DIR", help="the run folder, kept afterwards "
                    "(default: a temporary folder, removed when the server stops)")
    ap.add_argument("--protsim", metavar="PROGRAM",
                    help="the protsim program (default: $PROTSIM_EXE or beside this one)")
    ap.add_argument("--jobs", type=int, default=2, metavar="N",
                    help="runs at once (default 2)")
    ap.add_argument("--queue", type=int, default=16, metavar="N",
                    help='runs that may wait (default 16); a full queue answers "busy"')
    ap.add_argument("--time-limit", type=float, default=60.0, metavar="S",
                    help="seconds a run may take before it is stopped (default 60)")
    ap.add_argument("--max-connections", type=int, default=64, metavar="N",
                    help="connections served at once (default 64)")
    ap.add_argument("--check", action="store_true",
                    help="check every lesson file (FILE:LINE on a defect) and exit")
    ap.add_argument("--verbose", action="store_true", help="log every request")
    return ap.parse_args(argv)


def main(argv, prog="protsim classroom"):
    try:
        args = parse(argv, prog)
    except SystemExit as exc:
        return exc.code
    bounds = (("--jobs", args.jobs, 1, 64), ("--queue", args.queue, 1, 10000),
              ("--time-limit", args.time_limit, 1, 86400), ("--port", args.port, 0, 65535),
              ("--max-connections", args.max_connections, 4, 10000))
    for name, v, lo, hi in bounds:
        if not lo <= v <= hi:
            sys.stderr.write("%s: %s %g is outside [%g, %g]\n" % (prog, name, v, lo, hi))
            return 2
    protsim = find_protsim(args.protsim)
    folder = find_lessons(args.lessons)
    if protsim is None:
        sys.stderr.write("%s: cannot find the protsim program (set PROTSIM_EXE)\n" % prog)
        return 2
    if folder is None:
        sys.stderr.write("%s: cannot find the lessons (use --lessons DIR)\n" % prog)
        return 2
    found, errors = lessons.load_all(folder, protsim)
    for e in errors:
        sys.stderr.write("%s: %s\n" % (prog, e))
    if errors:
        return 2
    if not found:
        sys.stderr.write("%s: %s: no .lesson files\n" % (prog, folder))
        return 2
    if args.check:
        sys.stdout.write("%d lessons checked in %s\n" % (len(found), folder))
        return 0
    return serve(args, prog, protsim, found)


def _stop(signum, frame):
    raise KeyboardInterrupt


def serve(args, prog, protsim, found):
    own = args.dir is None
    rundir = tempfile.mkdtemp(prefix="protsim-classroom-") if own else os.path.abspath(args.dir)
    os.makedirs(rundir, exist_ok=True)
    work = runner.Runner(protsim, rundir, workers=args.jobs, queue_len=args.queue,
                         time_limit=args.time_limit)
    try:
        room = server.Classroom(found, work, protsim)
        httpd = server.Server((args.host, args.port), room, args.max_connections, args.verbose)
    except OSError as exc:
        sys.stderr.write("%s: cannot listen on %s:%d: %s\n" % (prog, args.host, args.port,
                                                               exc.strerror))
        return 1
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write("%s: warning: listening on %s: anyone who can reach this machine "
                         "can use the classroom (no passwords, no encryption); use it only "
                         "on a classroom network you trust\n" % (prog, args.host))
    host, port = httpd.server_address[:2]
    sys.stderr.write("%s: %d lessons at http://%s:%d/ (runs in %s; Ctrl-C stops)\n" % (
        prog, len(found), host, port, rundir))
    sys.stderr.flush()
    signal.signal(signal.SIGTERM, _stop)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        work.stop()
        if own:
            shutil.rmtree(rundir, ignore_errors=True)
    return 0
