#!/usr/bin/env bash
# quickstart.sh - set everything up and run the main job: installs missing Debian
# packages, builds protsim, runs the Asia-Pacific baseline (or the scenario given as
# the first argument) into results/ (summary on the terminal) and draws its figures
# next to the result file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROTSIM_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
mkdir -p results
scenario=${1:-scenarios/asia_pacific.cfg}   # the baseline: full scale, ~2 s
name=$(basename "$scenario" .cfg)
./build/protsim run "$scenario" -o "results/$name.h5" --force
/usr/bin/python3 analysis/plot_run.py "results/$name.h5" --out "results/$name"
