"""protsim report FILE.h5 [-o PAGE.html]: the report page of a result file."""

import os
import sys

from . import build, h5read
from ..cli import HelperParser

ABOUT = ("Write one self-contained HTML page (scripts, styles and data inline; no "
         "network) of a run, replicate, compare or sweep file: interactive charts (pick "
         "states, hover values, drag to zoom a period), refugees by status, institutions "
         "against implementation, the network and NGO strategies, the events with the rule "
         "that fired each, for compare files both arms with bands and the paired "
         "differences, and the scenario and provenance.")


def main(argv, prog="protsim report"):
    ap = HelperParser(prog, ABOUT, {0: "success", 1: "the file could not be read",
                                    2: "bad usage, or not a protsim result file"})
    ap.add_argument("file", nargs="?", metavar="FILE.h5")
    ap.add_argument("-o", "--output", metavar="PAGE.html",
                    help="the page (default: FILE with .html, in the current folder)")
    ap.add_argument("--force", action="store_true", help="replace PAGE.html if it exists")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return exc.code
    if not args.file:
        sys.stderr.write("%s: give a result file (protsim report --help)\n" % prog)
        return 2
    out = args.output or os.path.splitext(os.path.basename(args.file))[0] + ".html"
    if os.path.exists(out) and not args.force:
        sys.stderr.write("%s: %s exists (use --force to replace it)\n" % (prog, out))
        return 2
    try:
        text = build.page(args.file)
    except h5read.ReadError as exc:            # its message names the file
        sys.stderr.write("%s: %s\n" % (prog, exc))
        return 2
    except (KeyError, OSError) as exc:
        sys.stderr.write("%s: %s: cannot read: %s\n" % (prog, args.file, exc))
        return 1
    size = len(text.encode("utf-8"))
    tmp = out + ".tmp-%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, out)
    sys.stderr.write("%s: wrote %s (%.0f kB)%s\n" % (
        prog, out, size / 1000, "" if size < build.MAX_BYTES else ", over 5 MB"))
    return 0
