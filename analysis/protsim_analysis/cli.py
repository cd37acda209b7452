"""What every analysis script does on the command line: one-line errors, exit 2."""
import sys

from .reader import FileError, open_file


def fail(prog, message):
    """Print `prog: message` on stderr and exit with status 2 (bad usage or file)."""
    print(f"{prog}: {message}", file=sys.stderr)
    sys.exit(2)


def open_kind(prog, path, kinds, hint=""):
    """Open path and check it is of one of kinds; else one line and exit 2."""
    try:
        rf = open_file(path)
    except FileError as e:
        fail(prog, e)
    try:
        rf.require(kinds, prog, hint)
    except FileError as e:
        rf.close()
        fail(prog, e)
    return rf


def guarded(prog, main):
    """Run main(); a FileError from it becomes one line and exit 2."""
    try:
        return main()
    except FileError as e:
        fail(prog, e)
