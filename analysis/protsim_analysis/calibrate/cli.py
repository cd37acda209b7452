"""protsim calibrate: the command line of the history match (analysis/bin/protsim-calibrate)."""
import json
import os
import shlex
import shutil
import sys

from ..cli import HelperParser, fail
from ..reader import FileError
from . import config, hmfile, sweeps
from .waves import Matcher

PROG = "protsim calibrate"

DESCRIPTION = """history matching of a protsim model (docs/calibration.md): waves of runs
through protsim sweep, one Gaussian-process emulator per target, an implausibility cut on
the rank-th largest over the targets, the next wave inside what remains; then the final
sample, confirmed by the model's own runs, is the plausible set that protsim run and
protsim compare read with --parameters. The waves' sweep files and results go to
OUTPUT.d/ (waveN.cfg, waveN.h5, final.cfg, final.h5). --prepare stops at the first wave
whose results are missing, after writing its sweep file: run it elsewhere (a SLURM array
of protsim sweep waveN.cfg --shard auto/N, then protsim merge) and continue with
--resume. --more-waves K extends a finished match past its stopping rule: K more waves
(of --points each), then a final sample of their own (--final-points x
--final-replicates), whose plausible points join the plausible set; the extension is
kept in OUTPUT.d/extensions.json, so that --resume replays it."""

STATUSES = {0: "done, or stopped by --prepare", 1: "a run or a sweep failed",
            2: "bad usage or bad input: the message names the file and line"}


def parse(argv):
    p = HelperParser(PROG, " ".join(DESCRIPTION.split()), STATUSES)
    p.add_argument("calibration", nargs="?", metavar="CAL.cfg",
                   help="the calibration file")
    p.add_argument("-o", "--output", metavar="FILE.h5",
                   help="the history-match file (default: the calibration file's name "
                        "with .h5, in the current folder)")
    p.add_argument("--sweep-command", metavar="CMD",
                   help="how to run a wave's sweep, e.g. 'mpirun -n 64 protsim sweep' "
                        "(default: this protsim's sweep, every core)")
    p.add_argument("--threads", type=int, metavar="N",
                   help="threads of the default sweep command")
    p.add_argument("--prepare", action="store_true",
                   help="write the next wave's sweep file and stop instead of running it")
    p.add_argument("--resume", action="store_true",
                   help="continue from the sweeps in OUTPUT.d (finished or not)")
    p.add_argument("--more-waves", type=int, metavar="K",
                   help="extend the finished match in OUTPUT.d: K more waves past its "
                        "stopping rule, then a final sample of their own")
    p.add_argument("--points", type=int, metavar="N",
                   help="with --more-waves: points of each added wave (default "
                        "waves.points)")
    p.add_argument("--final-points", type=int, metavar="N",
                   help="with --more-waves: points of the added final sample (default "
                        "final.points)")
    p.add_argument("--final-replicates", type=int, metavar="R",
                   help="with --more-waves: its replicates (default final.replicates)")
    p.add_argument("--force", action="store_true",
                   help="start over: remove OUTPUT and OUTPUT.d")
    p.add_argument("--figures", metavar="DIR",
                   help="also draw the figures (optical depth, emulator validation, "
                        "targets against the plausible ensemble) into DIR")
    p.add_argument("--from", dest="from_file", metavar="HM.h5",
                   help="draw the figures of an existing history-match file instead")
    p.add_argument("--write-point", metavar="FILE.cfg",
                   help="with --from: write the plausible point of least implausibility "
                        "as settings (e.g. for scenarios/calibration.cfg)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress")
    return p, p.parse_args(argv)


def command_of(args, binary):
    if args.sweep_command:
        return shlex.split(args.sweep_command)
    return [binary, "sweep"] + (["--threads", str(args.threads)] if args.threads else [])


def prepare_folder(args, out):
    folder = out + ".d"
    if args.force:
        shutil.rmtree(folder, ignore_errors=True)
        if os.path.exists(out):
            os.remove(out)
    elif not args.resume and (os.path.exists(folder) or os.path.exists(out)):
        fail(PROG, f"{out if os.path.exists(out) else folder}: exists (use --resume to "
                   f"continue it, or --force to start over)")


EXTENSIONS = "extensions.json"


def extensions(args, parser, cal, out):
    """The extensions of the match in out.d (extensions.json), with the one asked for
    by --more-waves appended (and written) when there is one."""
    path = os.path.join(out + ".d", EXTENSIONS)
    done = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            done = json.load(fh)
    extras = (args.points, args.final_points, args.final_replicates)
    if args.more_waves is None:
        if any(x is not None for x in extras):
            parser.error("--points, --final-points and --final-replicates go with "
                         "--more-waves")
        return done
    if args.more_waves < 1 or any(x is not None and x < 1 for x in extras):
        parser.error("--more-waves, --points, --final-points and --final-replicates "
                     "take a count of at least 1")
    points = args.points or cal.points
    if points < cal.n_params + 2:
        parser.error(f"--points {points}: the emulators' linear mean in {cal.n_params} "
                     f"parameters needs at least {cal.n_params + 2}")
    if not os.path.exists(out) or args.force:
        fail(PROG, f"{out}: --more-waves extends a finished match; there is none "
                   f"(run it first, without --more-waves)")
    ext = {"waves": args.more_waves, "points": points,
           "final_points": args.final_points or cal.final_points,
           "final_replicates": args.final_replicates or cal.final_replicates}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(done + [ext], fh, indent=1)
    return done + [ext]


def calibrate(args, parser):
    if not args.calibration:
        parser.error("give a calibration file (or --from HM.h5)")
    binary = config.protsim_binary()
    cal = config.load(args.calibration, binary)
    out = args.output or os.path.splitext(os.path.basename(args.calibration))[0] + ".h5"
    if args.more_waves is not None:
        args.resume = True
    exts = extensions(args, parser, cal, out)
    prepare_folder(args, out)
    m = Matcher(cal, out, command_of(args, binary), quiet=args.quiet,
                prepare=args.prepare, extensions=exts)
    m.log(f"{PROG}: {cal.n_params} parameters, {cal.n_targets} targets; up to "
          f"{cal.waves} waves of {cal.points} points x {cal.replicates} replicates")
    try:
        m.run(lambda matcher: hmfile.write(out, matcher))
    except sweeps.SweepStopped as stop:
        cfg, h5 = stop.args
        hmfile.write(out, m) if m.waves else None
        print(f"{PROG}: wrote {cfg}; run it, e.g.\n  protsim sweep {cfg} -o {h5}\n"
              f"then continue with\n  {PROG} {args.calibration} -o {out} --resume",
              file=sys.stderr)
        return 0
    n = sum(int(f.plausible.sum()) for f in m.finals)
    print(f"wrote {out}: {len(m.waves)} waves, space remaining "
          f"{m.remaining[-1]:.4%}, {n} plausible points ({m.stopped})")
    if args.figures:
        from . import plots
        plots.draw_all(out, args.figures)
    return 0


def main(argv=None):
    parser, args = parse(sys.argv[1:] if argv is None else argv)
    try:
        if args.from_file:
            from . import plots
            if args.write_point:
                plots.write_point(args.from_file, args.write_point)
            if args.figures:
                plots.draw_all(args.from_file, args.figures)
            if not (args.write_point or args.figures):
                parser.error("--from needs --figures DIR or --write-point FILE")
            return 0
        return calibrate(args, parser)
    except FileError as e:
        fail(PROG, e)
