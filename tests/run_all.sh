#!/usr/bin/env bash
# run_all.sh - set everything up and run every test: installs missing Debian packages,
# builds protsim twice in folders of its own (build-test/: optimised; build-test-san/:
# AddressSanitizer + UBSan), every option given explicitly so that whatever configured
# those folders before does not matter, and runs the whole ctest suite on both.
# A build that runs no test, or fewer than the tree defines, fails. Then a clang build
# (build-test-fuzz/) runs each fuzz target for a while (tests/fuzz/README.md).
# Exit status 0 only if everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# stage NAME CMD... : run CMD and print how long it took
stage() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}

# The tests the tree defines, one name a line: a unit test per tests/unit/test_*.c, a
# command-line test per tests/cli/*.sh (lib.sh aside), a Python test per
# tests/python/test_*.py and every add_test(NAME literal) of the CMakeLists.txt under
# tests/.
expected_tests() {
  local f
  for f in tests/unit/test_*.c; do basename "$f" .c; done
  for f in tests/cli/*.sh; do
    [ "$(basename "$f")" = lib.sh ] || echo "cli_$(basename "$f" .sh)"
  done
  for f in tests/python/test_*.py; do
    [ -e "$f" ] && echo "py_$(basename "$f" .py)"
  done
  find tests -name CMakeLists.txt -exec grep -hoE 'add_test\(NAME [A-Za-z0-9_.-]+( |$)' {} + |
    sed 's/^add_test(NAME //; s/ $//'
}

# check_defined DIR : every test of the tree is defined in DIR, and DIR defines some
check_defined() {
  local dir=$1 listed missing
  listed=$(cd "$dir" && ctest -N | sed -n 's/^ *Test *#[0-9]*: //p')
  missing=$(expected_tests | sort -u | comm -23 - <(sort -u <<<"$listed"))
  if [ -n "$missing" ]; then
    echo "$dir: the tree defines tests that ctest does not know:"; echo "$missing"
    return 1
  fi
  echo "$dir: $(wc -l <<<"$listed") tests defined ($(expected_tests | sort -u | wc -l) from the tree's files)"
}

# run_tests DIR : ctest in DIR; fails unless it ran every test it defines
run_tests() {
  local dir=$1 defined ran
  defined=$(cd "$dir" && ctest -N | sed -n 's/^Total Tests: //p')
  (cd "$dir" && ctest --output-on-failure --no-tests=error -j "$jobs") | tee "$dir/ctest.log"
  ran=$(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\)$/\1/p' "$dir/ctest.log")
  if [ -z "$ran" ] || [ "$ran" -eq 0 ] || [ "$ran" -ne "$defined" ]; then
    echo "$dir: ran ${ran:-no} tests of $defined defined"
    return 1
  fi
}

# build_and_test DIR CMAKE-OPTIONS... : configure, build, check the count, test
build_and_test() {
  local dir=$1
  shift
  stage "$dir: configure and build ($*)" build "$dir" "$@"
  check_defined "$dir"
  stage "$dir: tests" run_tests "$dir"
}

build() {
  local dir=$1
  shift
  mkdir -p "$dir"
  cmake -S . -B "$dir" "$@" >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log"; return 1; }
  cmake --build "$dir" -j "$jobs" >"$dir/build.log" 2>&1 || { tail -50 "$dir/build.log"; return 1; }
}

total=$SECONDS
stage "install-deps" bash .ci/install-deps
build_and_test build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROTSIM_SANITIZE=OFF \
  -DPROTSIM_WERROR=ON -DPROTSIM_TESTS=ON -DPROTSIM_WITH_MPI=AUTO
build_and_test build-test-san -DCMAKE_BUILD_TYPE=Debug -DPROTSIM_SANITIZE=ON \
  -DPROTSIM_WERROR=ON -DPROTSIM_TESTS=ON -DPROTSIM_WITH_MPI=AUTO
# The fuzz targets (tests/fuzz/README.md): a clang build of its own, each target for
# PROTSIM_FUZZ_SECONDS (default 30); any finding fails.
stage "build-test-fuzz: configure and build (clang, -DPROTSIM_FUZZ=ON)" \
  build build-test-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DPROTSIM_FUZZ=ON \
  -DPROTSIM_SANITIZE=OFF -DPROTSIM_WERROR=ON -DPROTSIM_TESTS=OFF -DPROTSIM_WITH_MPI=OFF
stage "build-test-fuzz: each target for ${PROTSIM_FUZZ_SECONDS:-30} s" \
  bash tests/fuzz/run.sh -t "${PROTSIM_FUZZ_SECONDS:-30}" build-test-fuzz . build-test-fuzz/fuzz
echo "== all tests passed in both builds: build-test $(sed -n 's/^Total Tests: //p' \
  <(cd build-test && ctest -N)), build-test-san $(sed -n 's/^Total Tests: //p' \
  <(cd build-test-san && ctest -N)) tests; $((SECONDS - total)) s in all"
