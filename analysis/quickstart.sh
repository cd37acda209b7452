#!/usr/bin/env bash
# quickstart.sh - set everything up and run the main job: installs missing Debian
# packages, builds protsim in build/, runs the Asia-Pacific baseline (or the scenario
# given as the first argument) into results/ (summary on the terminal) and draws its
# figures next to the result file.
# build/ is the developers' optimised folder: every option is given here, tests stay on
# (only protsim itself is built now), and tests/run_all.sh builds in folders of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
mkdir -p build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROTSIM_SANITIZE=OFF \
  -DPROTSIM_WERROR=ON -DPROTSIM_TESTS=ON -DPROTSIM_WITH_MPI=AUTO >build/configure.log 2>&1 ||
  { cat build/configure.log; exit 1; }
cmake --build build -j "$(nproc)" --target protsim >build/build.log 2>&1 ||
  { tail -50 build/build.log; exit 1; }
mkdir -p results
scenario=${1:-scenarios/asia_pacific.cfg}   # the baseline: full scale, ~2 s
name=$(basename "$scenario" .cfg)
./build/protsim run "$scenario" -o "results/$name.h5" --force
/usr/bin/python3 analysis/plot_run.py "results/$name.h5" --out "results/$name"
