#!/usr/bin/env bash
# run_all.sh - set everything up and run every test: installs missing Debian packages,
# builds protsim twice (optimised, and with AddressSanitizer + UBSan) with -Werror, and
# runs the whole ctest suite on both builds. Exit status 0 only if everything passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
jobs=$(nproc)

build_and_test() {
  local dir=$1; shift
  echo "== $dir: configure and build ($*)"
  cmake -S . -B "$dir" -DPROTSIM_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
  # exported symbols must carry the library prefix (STYLE.md §7)
  if nm -g --defined-only "$dir/libprotsim_core.a" | awk '$2=="T"{print $3}' | grep -v '^ps_'; then
    echo "exported symbols without the ps_ prefix (above)"; return 1
  fi
  echo "== $dir: tests"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

build_and_test build -DCMAKE_BUILD_TYPE=RelWithDebInfo
ASAN_OPTIONS=detect_leaks=1 build_and_test build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPROTSIM_SANITIZE=ON
echo "all tests passed (optimised and sanitized builds)"
