#!/usr/bin/env bash
# install.sh BUILD SRC [CFLAGS] - cmake --install BUILD into a temporary prefix gives
# protsim, the library (shared with its SOVERSION, and static), its headers, protsim.pc,
# the CMake package, man pages for protsim and each command, bash completion, the
# helpers and the shipped scenarios; a C program (tests/install/demo.c) builds against
# it with pkg-config and with find_package (shared and static) and steps a world of a
# shipped scenario; the installed protsim runs a shipped scenario and its helpers, finds
# shipped scenarios by name (run, check, compare, sweep) after the working folder's; the
# classroom's worksheets and answers are installed and the classroom page finds them.
# CFLAGS: what the build's own objects need at link time (the sanitizers).
. "$(dirname "$0")/cli/lib.sh"
BUILD=$(cd "$BIN" && pwd)
SRC=$(cd "$SRC" && pwd)
CFLAGS=${3:-}
P=$WORK/prefix
version=$(sed -n 's/^project(protsim VERSION \([0-9.]*\) .*/\1/p' "$SRC/CMakeLists.txt")
major=${version%%.*}
minor=${version#*.}; minor=${minor%%.*}
soversion=$major; [ "$major" = 0 ] && soversion=0.$minor
export ASAN_OPTIONS=detect_leaks=0

expect_exit 0 cmake --install "$BUILD" --prefix "$P"
libdir=$(cd "$P" && ls -d lib*/ | head -1); libdir=${libdir%/}
[ -f "$P/$libdir/pkgconfig/protsim.pc" ] || libdir=$(dirname "$(cd "$P" && find . -name protsim.pc | head -1)"); libdir=${libdir#./}; libdir=${libdir%/pkgconfig}

# the files
for f in bin/protsim "$libdir/libprotsim.a" "$libdir/libprotsim.so.$version" \
         "$libdir/pkgconfig/protsim.pc" "$libdir/cmake/protsim/protsimConfig.cmake" \
         "$libdir/cmake/protsim/protsimConfigVersion.cmake" \
         include/protsim/protsim.h include/protsim/version.h \
         share/man/man1/protsim.1 share/bash-completion/completions/protsim \
         share/protsim/scenarios/small_world.cfg share/protsim/scenarios/asia_pacific.cfg \
         share/doc/protsim/LICENSE share/doc/protsim/CITATION.cff; do
  if [ -e "$P/$f" ]; then pass; else fail "not installed: $f"; fi
done
for h in "$SRC"/include/protsim/*.h; do
  if cmp -s "$h" "$P/include/protsim/$(basename "$h")"; then pass; else fail "header $(basename "$h") not installed"; fi
done
if [ "$(readlink "$P/$libdir/libprotsim.so")" = "libprotsim.so.$soversion" ] &&
   objdump -p "$P/$libdir/libprotsim.so.$version" | grep -qE "SONAME +libprotsim\.so\.$soversion$"; then
  pass
else
  fail "libprotsim.so: SONAME is not libprotsim.so.$soversion"
fi

# a man page for protsim and for each command of protsim --help
commands=$("$P/bin/protsim" --list-commands 2>/dev/null | cut -f1)
[ -n "$commands" ] || commands=$("$P/bin/protsim" --help | sed -n '/^[Cc]ommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
n=0
for c in $commands; do
  n=$((n + 1))
  page="$P/share/man/man1/protsim-$c.1"
  if [ -f "$page" ] && grep -q "^\.TH PROTSIM-${c^^} \"1\"" "$page" &&
     man -l "$page" 2>/dev/null | tr -s ' ' | grep -q "protsim $c"; then
    pass
  else
    fail "no man page protsim-$c.1 that shows 'protsim $c'"
  fi
done
[ "$n" -ge 5 ] && pass || fail "only $n commands found in protsim --help"

# bash completion: commands, options of a command, scenario files
comp="$P/share/bash-completion/completions/protsim"
complete_words() {  # the completions bash offers for the words given
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _protsim; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
expect_exit 0 bash -n "$comp"
(cd "$P/share/protsim/scenarios" && complete_words protsim r) >"$WORK/c1"
expect_line "$WORK/c1" run
(cd "$P/share/protsim/scenarios" && complete_words protsim run --se) >"$WORK/c2"
expect_line "$WORK/c2" --seed
expect_line "$WORK/c2" --set
(cd "$P/share/protsim/scenarios" && complete_words protsim run small) >"$WORK/c3"
expect_line "$WORK/c3" small_world.cfg

# a C program against the installed library: pkg-config (shared), find_package (both)
export PKG_CONFIG_PATH=$P/$libdir/pkgconfig
expect_exit 0 pkg-config --exact-version="$version" protsim
cc -std=c11 $CFLAGS $(pkg-config --cflags protsim) "$SRC/tests/install/demo.c" -o "$WORK/demo_pc" \
  $(pkg-config --libs protsim) -Wl,-rpath,"$(pkg-config --variable=libdir protsim)" 2>"$WORK/cc.err"
if [ -x "$WORK/demo_pc" ]; then pass; else fail "pkg-config build: $(head -c 600 "$WORK/cc.err")"; fi
expect_exit 0 cmake -S "$SRC/tests/install" -B "$WORK/demo" -DCMAKE_PREFIX_PATH="$P" \
  -DPROTSIM_VERSION="$version" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$CFLAGS"
expect_exit 0 cmake --build "$WORK/demo"
scenario=$P/share/protsim/scenarios/small_world.cfg
for demo in "$WORK/demo_pc" "$WORK/demo/demo_shared" "$WORK/demo/demo_static"; do
  expect_exit 0 "$demo" "$scenario"
  expect_match "$WORK/out" "^protsim $version: 6 states, 12 steps, [0-9]+ agents, regional POI 0\.[0-9]{4}$"
done
ldd "$WORK/demo/demo_shared" >"$WORK/ldd"
expect_match "$WORK/ldd" "libprotsim\.so\.$soversion => $P/$libdir/libprotsim\.so\.$soversion"
if ldd "$WORK/demo/demo_static" | grep -q libprotsim; then fail "demo_static links libprotsim.so"; else pass; fi

# the installed protsim: runs a shipped scenario; its helpers are beside it
cd "$WORK" || exit 1
expect_exit 0 "$P/bin/protsim" run "$scenario" --set time.end=2009-12 -o run.h5 --quiet
expect_exit 0 "$P/bin/protsim" info run.h5
for helper in "$SRC"/analysis/bin/protsim-*; do
  [ -e "$helper" ] || continue
  name=$(basename "$helper")
  if [ -x "$P/libexec/protsim/$name" ]; then pass; else fail "helper $name not installed"; fi
  if [ "$(readlink -f "$BUILD/libexec/protsim/$name")" = "$(readlink -f "$helper")" ]; then
    pass
  else
    fail "$BUILD/libexec/protsim/$name does not link to analysis/bin/$name"
  fi
done
# shipped scenarios by name, from a folder that holds none (protsim --help: the order)
mkdir -p "$WORK/names" && cd "$WORK/names" || exit 1
shipped=$P/share/protsim/scenarios
expect_exit 0 "$P/bin/protsim" run small_world --set time.end=2009-12 -o byname.h5 --quiet
expect_exit 0 "$P/bin/protsim" info byname.h5
expect_line "$WORK/out" "scenario: small world (from $shipped/small_world.cfg)"
expect_exit 0 "$P/bin/protsim" check classroom/01-gap
expect_line "$WORK/out" 'name = "lesson 1: the gap";'
expect_exit 0 "$P/bin/protsim" check classroom/01-gap.lesson
expect_exit 0 "$P/bin/protsim" compare small_world classroom/01-gap.cfg -n 2 --set time.end=2009-12 --quiet
expect_exit 0 "$P/bin/protsim" sweep sweeps/small -o sweep.h5 --quiet
expect_exit 2 "$P/bin/protsim" check ./small_world.cfg      # ./ names the working folder only
expect_line "$WORK/err" "protsim: ./small_world.cfg: cannot open: No such file or directory"
expect_exit 2 "$P/bin/protsim" check no_such_world
expect_line "$WORK/err" "protsim: no_such_world: cannot open: No such file or directory"
sed 's/^name = .*/name = "a local world";/' "$shipped/small_world.cfg" >small_world
expect_exit 0 "$P/bin/protsim" check small_world             # the working folder first
expect_line "$WORK/out" 'name = "a local world";'
mkdir -p data/scenarios && cp small_world data/scenarios/mine.cfg
expect_exit 0 env PROTSIM_DATA_DIR="$WORK/names/data" "$P/bin/protsim" check mine
expect_line "$WORK/out" 'name = "a local world";'
expect_exit 0 "$P/bin/protsim" --help
expect_match "$WORK/out" "^A SCENARIO or SWEEP file is looked up in this order: the file of that name from"
expect_exit 0 "$BUILD/protsim" check classroom/02-paper-practice      # the build tree's share/
expect_match "$WORK/out" '^name = "lesson 2'
cd "$WORK" || exit 1

# the classroom's worksheets, screenshots and (in teacher/) answers; the installed
# classroom page finds each lesson's worksheet there
docs=$P/share/doc/protsim/classroom
n=0
for f in $(cd "$SRC/docs/classroom" && find . -type f | sort); do
  n=$((n + 1))
  if cmp -s "$SRC/docs/classroom/$f" "$docs/$f"; then pass; else fail "not installed: classroom/$f"; fi
done
[ "$n" -ge 14 ] && [ -f "$docs/teacher/01-gap.md" ] && pass || fail "only $n classroom files, or no teacher/"
expect_exit 0 env PYTHONPATH="$P/share/protsim/python" "$PY" -c '
import sys
from protsim_analysis.classroom import lessons, worksheet
found, errors = lessons.load_all(sys.argv[1], sys.argv[2])
assert not errors and len(found) >= 6, errors
for l in found:
    print(worksheet.path_of(l))
' "$shipped/classroom" "$P/bin/protsim"
expect_line "$WORK/out" "$docs/01-gap.md"
expect_line "$WORK/out" "$docs/06-learning.md"

# the build tree is laid out like the prefix
if [ "$(readlink -f "$BUILD/share/protsim/scenarios")" = "$(readlink -f "$SRC/scenarios")" ]; then
  pass
else
  fail "$BUILD/share/protsim/scenarios does not link to scenarios/"
fi
finish
