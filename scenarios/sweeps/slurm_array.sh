#!/bin/bash
# slurm_array.sh - a sweep split over a SLURM job array, one part per task, then merged
# (docs/cluster.md). No MPI needed: each task runs its part on the cores it has.
#   jid=$(sbatch --parsable scenarios/sweeps/slurm_array.sh SWEEP.cfg OUTDIR)
#   sbatch --dependency=afterok:$jid --wrap "build/protsim merge OUTDIR/part-*.h5 -o OUTDIR/sweep.h5"
# Task K of the array runs part K of N = SLURM_ARRAY_TASK_COUNT (runs r with
# r % N = K - 1) into OUTDIR/part-K.h5: --shard auto/N takes K from SLURM_ARRAY_TASK_ID
# and SLURM_ARRAY_TASK_MIN, so --array=0-15 and --array=1-16 both work. A task that is
# preempted and requeued resumes from its own journal, OUTDIR/part-K.h5.journal.
#SBATCH --job-name=protsim-part
#SBATCH --array=1-16
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=8           # runs computed at once in each task (OpenMP)
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --signal=B:TERM@120         # TERM to this script two minutes before the limit
#SBATCH --output=protsim-part-%A_%a.log
set -euo pipefail

SWEEP=${1:-scenarios/sweeps/sobol.cfg}
OUTDIR=${2:-results/$(basename "$SWEEP" .cfg)}
PROTSIM=${PROTSIM:-build/protsim}
N=${SLURM_ARRAY_TASK_COUNT:?run this script with sbatch --array}
K=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1))

mkdir -p "$OUTDIR"
"$PROTSIM" sweep "$SWEEP" --shard "auto/$N" -o "$OUTDIR/part-$K.h5" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" --resume --quiet &
pid=$!
# TERM (time limit, preemption) goes to this script: pass it on, and let protsim stop
# cleanly (the runs in progress finish into the journal) before the script ends.
trap 'kill -TERM "$pid" 2>/dev/null' TERM
status=0
wait "$pid" || status=$?
if [ "$status" -gt 128 ]; then # the wait was cut short by TERM: wait for protsim itself
  status=0
  wait "$pid" || status=$?
fi
if [ "$status" -ne 0 ]; then
  echo "part $K/$N stopped (exit $status); requeue or resubmit the task to resume" >&2
  exit "$status"
fi

# The last task to finish merges (the dependency job above does the same; either way,
# merge refuses until every part is complete, so an early try does no harm).
if ls "$OUTDIR"/part-*.h5 2>/dev/null | wc -l | grep -qx "$N"; then
  "$PROTSIM" merge "$OUTDIR"/part-*.h5 -o "$OUTDIR/sweep.h5" --force --quiet || true
fi
