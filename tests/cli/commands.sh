#!/usr/bin/env bash
# commands.sh - the argv layer (sim/face): help made from the option tables in the shape
# help2man reads, the completion lists, options refused by commands that do not take
# them, "did you mean", helper programs protsim-NAME from the libexec folder (found from
# the executable's own path or PROTSIM_LIBEXEC_DIR) and the shipped-data folder
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"

# Every command's help: usage line, the options of its table, the universal ones, exit
# status; every option row appears in --help and in --list-options.
for cmd in $("$BIN" --list-commands | cut -f1); do
  expect_exit 0 "$BIN" "$cmd" --help
  expect_match "$WORK/out" "^Usage: protsim $cmd( |$)"
  expect_line "$WORK/out" "Options:"
  expect_match "$WORK/out" '^  -h, --help  +show this help and exit$'
  expect_line "$WORK/out" "Exit status:"
  awk 'length > 79 { bad = 1 } END { exit bad }' "$WORK/out" && pass || fail "$cmd --help: a line over 79 columns"
  cp "$WORK/out" help.txt
  expect_exit 0 "$BIN" "$cmd" --list-options
  cp "$WORK/out" options.txt
  expect_line options.txt "--help	"
  expect_line options.txt "--version	"
  while IFS="$(printf '\t')" read -r name meta; do
    case $name in --*) grep -qE -- "^  (-., )?    $name( $meta)?( |$)|^  -., $name( $meta)?( |$)" help.txt && pass || fail "$cmd: $name not in --help";; esac
  done <options.txt
done
expect_exit 0 "$BIN" help run
expect_match "$WORK/out" '^Usage: protsim run SCENARIO \[OPTION\]\.\.\.$'
expect_exit 0 "$BIN" merge --help
expect_match "$WORK/out" '^Usage: protsim merge PART\.h5\.\.\. -o FILE\.h5 \[OPTION\]\.\.\.$'
expect_exit 0 "$BIN" compare --list-options
expect_line "$WORK/out" "-n	R"
expect_line "$WORK/out" "--set	path=value"
expect_line "$WORK/out" "--quiet	"
expect_exit 0 "$BIN" run --version
expect_line "$WORK/out" "protsim $("$BIN" --version | cut -d' ' -f2)"
expect_exit 0 "$BIN" --list-commands
expect_line "$WORK/out" "compare	paired replicates of two scenarios: a table of differences"

# help2man makes a page with a synopsis and the options, when it is installed.
if command -v help2man >/dev/null; then
  printf '#!/bin/sh\nexec "%s" run "$@"\n' "$BIN" >protsim-run && chmod +x protsim-run
  expect_exit 0 help2man -N -n "run one simulation" ./protsim-run -o run.1
  expect_match run.1 '^\.SH SYNOPSIS$'
  expect_match run.1 '^\.SH OPTIONS$'
  expect_match run.1 '^\\fB\\-\\-replicates\\fR R$'
else
  pass
fi

# Options a command does not take, "did you mean", values and "--".
expect_exit 2 "$BIN" check "$SW" --seed 4
expect_line "$WORK/err" "protsim: --seed: unknown option (did you mean --set?) (see protsim check --help)"
expect_exit 2 "$BIN" run "$SW" --seeed 4
expect_line "$WORK/err" "protsim: --seeed: unknown option (did you mean --seed?) (see protsim run --help)"
expect_exit 2 "$BIN" run "$SW" --quiet=yes
expect_line "$WORK/err" "protsim: --quiet=yes: --quiet takes no value (see protsim run --help)"
expect_exit 2 "$BIN" run "$SW" "$SW"
expect_line "$WORK/err" "protsim: $SW: unexpected argument (see protsim run --help)"
expect_exit 2 "$BIN" defaults extra
expect_line "$WORK/err" "protsim: extra: unexpected argument (see protsim defaults --help)"
expect_exit 2 "$BIN" merge a.h5 b.h5
expect_line "$WORK/err" "protsim: merge needs PART files and -o FILE.h5 (see protsim merge --help)"
expect_exit 2 "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" --shard=x/2
expect_line "$WORK/err" "protsim: --shard x/2: K must be a whole number from 1 to 2 (see protsim sweep --help)"
expect_exit 2 "$BIN" run "$SW" --replicates=0
expect_line "$WORK/err" "protsim: --replicates 0: expected a number from 1 to 100000 (see protsim run --help)"
expect_exit 0 "$BIN" run --set=time.end=2008-03 --seed=7 --quiet -o=short.h5 -- "$SW"
expect_exit 0 $PY -c "import h5py; f = h5py.File('short.h5'); assert f.attrs['seed'] == 7, f.attrs['seed']; assert len(f['time']) == 3"
expect_exit 2 "$BIN" --bogus
expect_line "$WORK/err" "protsim: --bogus: unknown option (see protsim --help)"
expect_exit 2 "$BIN" comapre
expect_line "$WORK/err" "protsim: comapre: unknown command (did you mean compare? see protsim --help)"

# Helper programs: protsim NAME runs protsim-NAME with the arguments and its exit status.
mkdir -p lx prefix/bin prefix/libexec/protsim prefix/share/protsim/scenarios
cat >lx/protsim-hello <<'EOF'
#!/bin/sh
printf 'hello from %s:' "$(basename "$0")"; for a in "$@"; do printf ' [%s]' "$a"; done; echo
echo "exe $PROTSIM_EXE"
exit 3
EOF
chmod +x lx/protsim-hello
PROTSIM_LIBEXEC_DIR="$WORK/lx" expect_exit 3 "$BIN" hello "a b" --flag -x
expect_line "$WORK/out" "hello from protsim-hello: [a b] [--flag] [-x]"
expect_line "$WORK/out" "exe $(readlink -f "$BIN")"
PROTSIM_LIBEXEC_DIR="$WORK/lx" expect_exit 2 "$BIN" helo
expect_line "$WORK/err" "protsim: helo: unknown command (did you mean hello? see protsim --help)"
PROTSIM_LIBEXEC_DIR="$WORK/lx" expect_exit 0 "$BIN" --list-commands
expect_line "$WORK/out" "hello	helper program $WORK/lx/protsim-hello"
PROTSIM_LIBEXEC_DIR="$WORK/lx" expect_exit 2 "$BIN" ../lx/protsim-hello
expect_line "$WORK/err" "protsim: ../lx/protsim-hello: unknown command (see protsim --help)"
cp lx/protsim-hello lx/protsim-noexec && chmod -x lx/protsim-noexec
PROTSIM_LIBEXEC_DIR="$WORK/lx" expect_exit 1 "$BIN" noexec
expect_line "$WORK/err" "protsim: $WORK/lx/protsim-noexec: cannot run: Permission denied"

# Found from the executable's own folder: EXE/../libexec/protsim, then EXE/libexec/protsim.
cp "$BIN" prefix/bin/protsim
cp lx/protsim-hello prefix/libexec/protsim/
expect_exit 3 env -u PROTSIM_LIBEXEC_DIR prefix/bin/protsim hello 1
expect_line "$WORK/out" "hello from protsim-hello: [1]"
expect_exit 0 env -u PROTSIM_LIBEXEC_DIR -u PROTSIM_DATA_DIR prefix/bin/protsim --paths
expect_line "$WORK/out" "helper programs: $WORK/prefix/libexec/protsim"
expect_line "$WORK/out" "shipped data: $WORK/prefix/share/protsim"
expect_line "$WORK/out" "  tried $WORK/prefix/bin/libexec/protsim: no folder"
mv prefix/libexec prefix/bin/libexec
expect_exit 3 env -u PROTSIM_LIBEXEC_DIR prefix/bin/protsim hello 2
expect_line "$WORK/out" "hello from protsim-hello: [2]"
PROTSIM_DATA_DIR="$WORK/lx" expect_exit 0 prefix/bin/protsim --paths
expect_line "$WORK/out" "shipped data: $WORK/lx"
expect_line "$WORK/out" "  PROTSIM_DATA_DIR: $WORK/lx"
PROTSIM_LIBEXEC_DIR="$WORK/nothere" expect_exit 2 prefix/bin/protsim hello
expect_line "$WORK/err" "protsim: hello: unknown command (see protsim --help)"
finish
