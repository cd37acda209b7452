"""What every analysis script does on the command line: one-line errors, exit 2; the
help of helper programs in protsim's own shape."""
import argparse
import os
import subprocess
import sys
import textwrap

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


class HelperParser(argparse.ArgumentParser):
    """An argparse parser whose --help has the shape of protsim's own commands (sim/face:
    "Usage: protsim NAME ...", "Options:" with long-only options indented past the short
    ones, "Exit status:"), so help2man and tests/cli/commands.sh read a helper program as
    they read a built-in command; --list-options prints "NAME<TAB>METAVAR" a line (the
    bash completion's lists) and --version protsim's version."""

    def __init__(self, prog, description, statuses=None, **kw):
        super().__init__(prog=prog, description=description, add_help=False, **kw)
        self.statuses = statuses or {0: "success", 2: "bad usage or a file it cannot read"}
        self.add_argument("-h", "--help", action="store_true",
                          help="show this help and exit")
        self.add_argument("--version", action="store_true",
                          help="show the version of protsim and exit")
        self.add_argument("--list-options", action="store_true", help=argparse.SUPPRESS)

    def _options(self):
        return [a for a in self._actions if a.option_strings and a.help != argparse.SUPPRESS]

    def format_usage(self):
        words = [a.metavar or a.dest.upper() for a in self._actions if not a.option_strings]
        words += [f"{a.option_strings[-1]} {a.metavar}" for a in self._options() if a.required]
        return f"Usage: {self.prog} {' '.join(words + ['[OPTION]...'])}\n"

    def format_help(self):
        rows = []
        for a in self._options():
            short = [s for s in a.option_strings if not s.startswith("--")]
            long_ = [s for s in a.option_strings if s.startswith("--")][-1]
            meta = f" {a.metavar}" if a.nargs != 0 and a.metavar else ""
            rows.append(((f"{short[0]}, " if short else "    ") + long_ + meta, a.help))
        width = max(len(r[0]) for r in rows) + 4
        about = self.description[:1].upper() + self.description[1:]
        lines = [self.format_usage(), textwrap.fill(about, 79), "", "Options:"]
        for left, text in rows:
            wrapped = textwrap.wrap(text, 79 - width)
            lines.append(f"  {left:{width - 2}}{wrapped[0]}")
            lines += [" " * width + w for w in wrapped[1:]]
        lines += ["", "Exit status:"] + [f"  {k}  {v}" for k, v in self.statuses.items()]
        return "\n".join(lines) + "\n"

    def parse_args(self, args=None, namespace=None):
        argv = sys.argv[1:] if args is None else args
        if "-h" in argv or "--help" in argv:
            print(self.format_help(), end="")
            sys.exit(0)
        if "--list-options" in argv:
            for a in self._options():
                for s in sorted(a.option_strings, key=lambda s: not s.startswith("--")):
                    print(f"{s}\t{a.metavar if a.nargs != 0 and a.metavar else ''}")
            sys.exit(0)
        if "--version" in argv:
            version = subprocess.run([os.environ.get("PROTSIM_EXE", "protsim"), "--version"],
                                     capture_output=True, text=True, check=False).stdout
            print(version.strip() or "protsim (version unknown)")
            sys.exit(0)
        return super().parse_args(args, namespace)

    def error(self, message):
        fail(self.prog, f"{message} (see {self.prog} --help)")
