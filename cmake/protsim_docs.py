#!/usr/bin/python3
"""protsim_docs.py PROTSIM OUTDIR - man pages and bash completion from protsim's own help.

Writes OUTDIR/man/man1/protsim.1 and protsim-COMMAND.1 for each command (help2man, from
`protsim --help` and `protsim COMMAND --help`), and
OUTDIR/bash-completion/completions/protsim. The commands come from `protsim
--list-commands` (one "NAME<TAB>summary" a line: the built-ins, then the helper programs
protsim finds), else from the "Commands:" section of `protsim --help`; a command's
options from `protsim COMMAND --list-options` ("NAME<TAB>METAVAR"), else from its
--help. So the man pages and the completion say what the option tables in sim/face say,
and nothing else.
"""
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile

OPTION = re.compile(r"(?<![\w-])(-[A-Za-z]|--[a-z][a-z0-9-]*)(?:[ =]([A-Z][A-Za-z0-9./_=-]*|path=value))?")
# What a positional argument or an option's value names, and the files that fit it.
FILE_KINDS = ((r"\.cfg\b|^SCENARIO|^SWEEP", "cfg"), (r"\.h5\b|^PART", "h5"), (r"^DIR", "dir"))


def run(argv):
    """stdout of argv, which must succeed."""
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def commands(protsim):
    """[(name, summary)] of protsim's commands, in its order."""
    listed = subprocess.run([protsim, "--list-commands"], capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        rows = [line.split("\t", 1) for line in listed.stdout.splitlines() if line.strip()]
        return [(r[0].strip(), r[1].strip() if len(r) > 1 else "") for r in rows]
    found, inside = [], False
    for line in run([protsim, "--help"]).splitlines():
        if re.match(r"^[Cc]ommands:", line):
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            m = re.match(r"^\s+([a-z][a-z0-9-]*)\b.*?\s{2,}(\S.*)$", line)
            if m:
                found.append((m.group(1), m.group(2)))
    if not found:
        sys.exit(f"{protsim}: no commands in --list-commands or --help")
    return found


def usage_and_options(help_text):
    """(the usage synopsis as one line, {option: value name or None}) of a --help text."""
    lines = help_text.splitlines()
    usage = []
    for i, line in enumerate(lines):
        if re.match(r"^[Uu]sage:", line):
            usage = [line.split(":", 1)[1].strip()]
            for follow in lines[i + 1:]:
                if not follow.strip() or not follow.startswith(" " * 6):
                    break
                usage.append(follow.strip())
            break
    options = {}
    for line in lines:
        if re.match(r"^\s+-", line) or re.match(r"^[Uu]sage:", line) or line.startswith("      ["):
            for m in OPTION.finditer(line):
                if m.group(1) not in options or m.group(2):
                    options[m.group(1)] = m.group(2)
    options.setdefault("--help", None)
    return " ".join(usage), options


def help2man_ready(help_text):
    """help_text as help2man reads it: 'Usage:' capitalised and on one line."""
    usage, _ = usage_and_options(help_text)
    out, skipping = [], False
    for line in help_text.splitlines():
        if re.match(r"^[Uu]sage:", line):
            out.append("Usage: " + usage)
            skipping = True
        elif skipping and line.startswith(" " * 6) and line.strip():
            continue
        else:
            skipping = False
            out.append(line)
    return "\n".join(out) + "\n"


def write_wrapper(folder, name, protsim, command):
    """An executable NAME in folder that answers --help and --version as help2man wants."""
    help_argv = [protsim] + ([command] if command else []) + ["--help"]
    text = help2man_ready(run(help_argv))
    # "protsim X.Y.Z" as "protsim-run (protsim) X.Y.Z": help2man takes the page's name
    # from the first word and its footer from the rest.
    version = run([protsim, "--version"]).split()[-1]
    version = f"{name} (protsim) {version}\n" if command else f"protsim {version}\n"
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n")
        f.write(f'if [ "$1" = --version ]; then printf %s {shlex.quote(version)}; '
                f"else printf %s {shlex.quote(text)}; fi\n")
    os.chmod(path, stat.S_IRWXU)
    return path


def see_also(folder, names, own):
    """A help2man include file with the SEE ALSO section and the environment."""
    path = os.path.join(folder, own + ".h2m")
    pages = [f".BR {n} (1)" for n in names if n != own]
    with open(path, "w", encoding="utf-8") as f:
        f.write("[ENVIRONMENT]\n")
        f.write(".TP\n.B PROTSIM_LIBEXEC_DIR\nwhere protsim looks for helper programs "
                "protsim-NAME (default: ../libexec/protsim beside the executable)\n")
        f.write(".TP\n.B PROTSIM_DATA_DIR\nwhere protsim looks for its shipped scenarios "
                "(default: ../share/protsim beside the executable)\n")
        f.write("[SEE ALSO]\n" + ",\n".join(pages) + "\n")
    return path


def summary_of(protsim, command, summary):
    """A man page's one-line NAME: protsim's summary, or for a helper program (listed as
    "helper program PATH") the first sentence of its --help."""
    if not summary.startswith("helper program"):
        return summary
    lines = run([protsim, command, "--help"]).splitlines()
    text = next((l.strip() for l in lines[1:] if l.strip()), command)
    return (text[:1].lower() + text[1:]).split(". ")[0].rstrip(".")


def man_pages(protsim, cmds, mandir):
    os.makedirs(mandir, exist_ok=True)
    names = ["protsim"] + [f"protsim-{c}" for c, _ in cmds]
    with tempfile.TemporaryDirectory() as tmp:
        pages = [("protsim", None, "simulate refugee-protection outcomes in Asia")]
        pages += [(f"protsim-{c}", c, summary_of(protsim, c, summary)) for c, summary in cmds]
        for name, command, summary in pages:
            wrapper = write_wrapper(tmp, name, protsim, command)
            subprocess.run(["help2man", "--no-info", "--section=1", f"--name={summary}",
                            f"--include={see_also(tmp, names, name)}",
                            f"--output={os.path.join(mandir, name + '.1')}", wrapper],
                           check=True)
    return names


def file_kind(word):
    for pattern, kind in FILE_KINDS:
        if word and re.search(pattern, word):
            return kind
    return None


def positional(usage):
    """The positional arguments of a usage synopsis: words outside [...] after COMMAND,
    and not the value of an option."""
    words = re.sub(r"\[[^]]*\]", " ", usage).split()[2:]
    return [w for i, w in enumerate(words)
            if not w.startswith("-") and not (i and words[i - 1].startswith("-"))]


def completion(protsim, cmds, path):
    """A bash completion script for protsim's commands, their options and their files."""
    top = ["--help", "--version"] + [c for c, _ in cmds]
    cases, values = [], []
    for c, _ in cmds:
        usage, options = usage_and_options(run([protsim, c, "--help"]))
        listed = subprocess.run([protsim, c, "--list-options"], capture_output=True, text=True)
        if listed.returncode == 0 and listed.stdout.strip():  # the option table itself
            rows = [line.split("\t") for line in listed.stdout.splitlines() if line]
            options = {r[0]: (r[1] if len(r) > 1 and r[1] else None) for r in rows}
        kind = next((file_kind(w) for w in positional(usage) if file_kind(w)), None)
        cases.append(f"    {c}) opts={shlex.quote(' '.join(sorted(options)))}; "
                     f"files={kind or ''} ;;")
        for opt, value in sorted(options.items()):
            if value:
                values.append((c, opt, file_kind(value) or "word"))
    value_cases = []
    for c, opt, kind in values:
        action = {"h5": "_protsim_files h5", "cfg": "_protsim_files cfg",
                  "dir": "_protsim_dirs"}.get(kind, "COMPREPLY=()")
        value_cases.append(f"    {c}:{opt}) {action}; return ;;")
    text = f"""# bash completion for protsim: commands, their options and the files they take.
# Generated from protsim's --help by cmake/protsim_docs.py; do not edit.
_protsim_files() {{
  local IFS=$'\\n'
  COMPREPLY=($(compgen -f -X "!*.$1" -- "$cur") $(compgen -d -- "$cur"))
}}
_protsim_dirs() {{
  local IFS=$'\\n'
  COMPREPLY=($(compgen -d -- "$cur"))
}}
_protsim() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
  local cmd=${{COMP_WORDS[1]}} opts="" files=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W {shlex.quote(' '.join(top))} -- "$cur"))
    return
  fi
  case "$cmd:$prev" in
{chr(10).join(value_cases)}
  esac
  case "$cmd" in
{chr(10).join(cases)}
    *) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$files" ]; then
    _protsim_files "$files"
  fi
}}
complete -o filenames -F _protsim protsim
"""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    protsim, outdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    cmds = commands(protsim)
    names = man_pages(protsim, cmds, os.path.join(outdir, "man", "man1"))
    completion(protsim, cmds, os.path.join(outdir, "bash-completion", "completions", "protsim"))
    print(f"protsim_docs: {len(names)} man pages, completion for {len(cmds)} commands")


if __name__ == "__main__":
    main()
