#!/bin/bash
# slurm_mpi.sh - one SLURM job whose MPI ranks share the runs of a sweep (docs/cluster.md)
#   sbatch scenarios/sweeps/slurm_mpi.sh [SWEEP.cfg] [OUT.h5]
# Rank 0 hands out runs as ranks ask for them and writes OUT.h5; every finished run
# goes to OUT.h5.journal first, so a job killed by its time limit or preempted and
# requeued (--requeue) goes on where it was: the script always passes --resume.
#SBATCH --job-name=protsim-sweep
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=32        # one rank per core: each run is single-threaded
#SBATCH --cpus-per-task=1
#SBATCH --time=04:00:00
#SBATCH --requeue                   # after preemption, start again (and resume)
#SBATCH --signal=TERM@120           # TERM to the ranks two minutes before the time limit
#SBATCH --output=protsim-sweep-%j.log
set -euo pipefail

SWEEP=${1:-scenarios/sweeps/sobol.cfg}
OUT=${2:-results/$(basename "$SWEEP" .cfg).h5}
PROTSIM=${PROTSIM:-build/protsim}   # built with MPI: `protsim sweep --help` says so

# module load openmpi hdf5 gsl libconfig    # site-specific
mkdir -p "$(dirname "$OUT")"
export OMP_NUM_THREADS=1

# srun starts the ranks (with PMIx: srun --mpi=pmix); mpirun works as well:
#   mpirun -n "$SLURM_NTASKS" "$PROTSIM" sweep "$SWEEP" -o "$OUT" --resume --quiet
# SIGTERM (time limit, scancel, preemption) makes rank 0 stop handing out runs; the
# runs in progress finish into the journal, and the next start resumes from there.
status=0
srun --kill-on-bad-exit=1 "$PROTSIM" sweep "$SWEEP" -o "$OUT" --resume --quiet || status=$?
if [ "$status" -ne 0 ]; then
  echo "sweep stopped (exit $status); the journal keeps its runs: resubmit to resume" >&2
  exit "$status"
fi

"$PROTSIM" info "$OUT"
