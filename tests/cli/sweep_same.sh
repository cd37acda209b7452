#!/usr/bin/env bash
# sweep_same.sh - one sweep, identical datasets however it is run: one thread, two
# threads, shards 1/2 + 2/2 merged (K from SLURM for one of them), and mpirun -n 2
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SWEEP="$SRC/scenarios/sweeps/small.cfg"
SAME="$SRC/tests/cli/same_datasets.py"

expect_exit 0 "$BIN" sweep "$SWEEP" -o serial.h5 --threads 1 --quiet
expect_exit 0 "$BIN" sweep "$SWEEP" -o threads.h5 --threads 2
expect_match "$WORK/out" 'small\.cfg: 16 runs \(16 new, 0 failed\) in [0-9.]+ s, [0-9.]+ runs/s with 2 workers; wrote threads\.h5$'
expect_exit 0 "$BIN" sweep "$SWEEP" -o part-1.h5 --shard 1/2 --quiet
SLURM_ARRAY_TASK_ID=4 SLURM_ARRAY_TASK_MIN=3 \
  expect_exit 0 "$BIN" sweep "$SWEEP" -o part-2.h5 --shard auto/2
expect_match "$WORK/out" 'small\.cfg \(shard 2/2\): 8 runs \(8 new, 0 failed\)'
expect_exit 0 $PY -c "import h5py, sys; s = list(h5py.File('part-1.h5')['sweep/status'][:]);
sys.exit(0 if s == [0, 2] * 8 else 1)"
expect_exit 0 "$BIN" merge part-1.h5 part-2.h5 -o merged.h5
expect_line "$WORK/out" "merged 2 parts: 16 runs (0 failed); wrote merged.h5"

expect_exit 0 "$BIN" info part-1.h5
expect_line "$WORK/out" "runs: 8 done, 0 failed, 8 missing (/sweep/status)"
expect_match "$WORK/out" '^design: lhs, 8 points x 2 replicates = 16 runs; seed 2024$'

expect_exit 0 $PY "$SAME" serial.h5 threads.h5
expect_exit 0 $PY "$SAME" serial.h5 merged.h5
expect_match "$WORK/out" '^identical: [0-9]+ datasets and attributes$'

# MPI: two ranks share the runs; rank 0 writes
if ! command -v mpirun >/dev/null; then
  echo "SKIP: mpirun is missing: no MPI comparison"
elif ! "$BIN" sweep --help | grep -q "built with MPI"; then
  echo "SKIP: protsim was built without MPI: no MPI comparison"
else
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  ASAN_OPTIONS=detect_leaks=0 expect_exit 0 mpirun -n 2 "$BIN" sweep "$SWEEP" -o mpi.h5
  expect_match "$WORK/out" 'with 2 workers; wrote mpi\.h5$'
  expect_exit 0 $PY "$SAME" serial.h5 mpi.h5
fi
finish
