#!/usr/bin/env bash
# slurm.sh - the shipped SLURM scripts on a real cluster: Debian's slurmctld, slurmd and
# munged, started here as a one-node cluster with two CPUs (configuration, state, logs
# and sockets in the test's temporary folder; stopped at the end, pass or fail).
# scenarios/sweeps/slurm_array.sh with its merge job and slurm_mpi.sh, submitted with
# sbatch as docs/cluster.md shows, give the serial sweep's file; a finished job
# submitted again does no harm; a job cancelled with scancel mid-way and submitted
# again resumes to the same file. Exits 77 (ctest: skipped) where slurm-wlm or munge
# is not installed or its daemons cannot start.
. "$(dirname "$0")/lib.sh"
SKIP=77
SAME="$SRC/tests/cli/same_datasets.py"
C="$WORK/cluster"

skip() {
  echo "SKIP: $*"
  exit $SKIP
}

missing=""
for cmd in munged munge slurmctld slurmd sbatch squeue scancel scontrol sinfo srun; do
  command -v "$cmd" >/dev/null || missing="$missing $cmd"
done
[ -z "$missing" ] || skip "slurm-wlm or munge is not installed (no$missing); .ci/install-deps installs slurmctld, slurmd, slurm-client and munge"

# ---- the cluster ---------------------------------------------------------------------

# A test started inside a SLURM job must not talk to that job's cluster.
for var in $(env | grep -o '^SLURM_[A-Z_]*'); do
  unset "$var"
done

# The daemons' logs, for a start that fails and for a job that fails.
show_logs() {
  for f in "$C"/log/*.log; do
    echo "--- $(basename "$f") (last lines)"
    tail -n 15 "$f"
  done
}

pid_of() { cat "$C/run/$1.pid" 2>/dev/null; }

# Stop what this test started, by the ids in its pid files: jobs first (their steps
# would outlive slurmd), then slurmctld and slurmd, then munged.
stop_cluster() {
  [ -n "${SLURM_CONF:-}" ] || return 0
  scancel --quiet --user="$(id -un)" 2>/dev/null
  for _ in $(seq 40); do
    [ -z "$(squeue -h 2>/dev/null)" ] && break
    sleep 0.5
  done
  scontrol shutdown >/dev/null 2>&1
  for daemon in slurmctld slurmd munged; do
    local pid
    pid=$(pid_of $daemon)
    [ -n "$pid" ] || continue
    [ $daemon = munged ] && kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null
  done
}
trap 'stop_cluster; rm -rf "$WORK"' EXIT
trap 'exit 1' INT TERM

# Two free TCP ports on the loopback, so that clusters of tests run at the same time
# do not meet.
free_ports() {
  $PY -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))'
}

# Isolation from the other clusters of tests that run at the same time (other
# worktrees, ctest -j): job ids of their own (FirstJobId from the controller's port,
# which no other running cluster holds), since the PMIx plugin and OpenMPI name their
# folders by job and step (spmix_appdir_UID_JOB.STEP in TmpFS: two clusters' job 6.0
# met there and srun failed with "task 0 launch failed"), and TmpFS in this cluster's
# folder. Timeouts for a loaded machine: the daemons answer late when the two cores
# are shared by many (MessageTimeout 10 s, TCPTimeout 2 s, BatchStartTimeout 10 s and
# UnkillableStepTimeout 60 s by default, past which the node would be drained).
write_config() {
  local host=$1 ctld_port=$2 d_port=$3
  cat >"$C/etc/slurm.conf" <<CONF
ClusterName=protsimtest
FirstJobId=$((ctld_port * 100))
TmpFS=$C/tmp
MessageTimeout=60
TCPTimeout=15
BatchStartTimeout=120
SlurmdTimeout=600
UnkillableStepTimeout=180
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/munge
AuthInfo=socket=$C/run/munge.sock
CredType=cred/munge
StateSaveLocation=$C/state
SlurmdSpoolDir=$C/spool
SlurmctldPidFile=$C/run/slurmctld.pid
SlurmdPidFile=$C/run/slurmd.pid
SlurmctldLogFile=$C/log/slurmctld.log
SlurmdLogFile=$C/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=pmix
ReturnToService=2
MinJobAge=3600
KillWait=20
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

start_cluster() {
  chmod 755 "$WORK" # munged wants its socket's folder reachable by everyone
  mkdir -p "$C/etc" "$C/state" "$C/spool" "$C/log" "$C/run" "$C/munge" "$C/tmp"
  chmod 755 "$C/run"
  chmod 700 "$C/munge"
  dd if=/dev/urandom of="$C/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$C/munge/munge.key"
  munged --socket="$C/run/munge.sock" --key-file="$C/munge/munge.key" \
    --log-file="$C/log/munged.log" --pid-file="$C/run/munged.pid" \
    --seed-file="$C/munge/munged.seed" 2>"$C/log/start.log" ||
    { show_logs; skip "munged does not start here: $(cat "$C/log/start.log")"; }
  munge -n -S "$C/run/munge.sock" | unmunge -S "$C/run/munge.sock" >/dev/null ||
    { show_logs; skip "munged does not answer"; }
  local host
  host=$(hostname -s)
  write_config "$host" $(free_ports)
  export SLURM_CONF="$C/etc/slurm.conf"
  slurmctld -f "$SLURM_CONF" 2>>"$C/log/start.log" &&
    slurmd -f "$SLURM_CONF" 2>>"$C/log/start.log" ||
    { show_logs; skip "slurmctld or slurmd does not start here: $(cat "$C/log/start.log")"; }
  for _ in $(seq 120); do
    [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && return 0
    sleep 0.5
  done
  show_logs
  skip "the node did not become idle within a minute (sinfo: $(sinfo -h 2>&1))"
}

# ---- jobs ----------------------------------------------------------------------------

# Wait until the node is idle (the last job's steps and clean-up done) before a job
# that expects the whole node; a node drained or down is reported with its reason.
wait_idle() {
  local state
  for _ in $(seq 480); do
    state=$(sinfo -h -o %T 2>/dev/null)
    [ "$state" = idle ] && return 0
    case $state in
    drain* | down* | fail*) break ;;
    esac
    sleep 0.25
  done
  fail "the node is not idle before a submission: $(sinfo -h -R -o '%T: %E' 2>&1) ($state)"
  show_logs
  return 1
}

# Wait until job $1 (every task of an array) has left the queue, at most $2 seconds.
wait_job() {
  local jid=$1 limit=$2
  for _ in $(seq $((limit * 4))); do
    [ -z "$(squeue -h -j "$jid" 2>/dev/null)" ] && return 0
    sleep 0.25
  done
  fail "job $jid still queued or running after $limit s: $(squeue -h -j "$jid")"
  show_logs
  return 1
}

# The distinct final states of job $1's tasks, e.g. "COMPLETED".
job_states() {
  scontrol show job "$1" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort -u | tr '\n' ' ' |
    sed 's/ $//'
}

expect_state() {
  local got
  got=$(job_states "$1")
  if [ "$got" = "$2" ]; then
    pass
  else
    fail "job $1 ($3): $got, want $2; its logs: $(tail -n 5 protsim-*"$1"*.log 2>/dev/null)"
    show_logs
  fi
}

# Journal records of a sweep with one metric at one year (tests/cli/sweep_resume.sh).
HEADER=256
RECORD=$((16 + 8 + 8))
journal_records() {
  local size
  size=$(stat -c %s "$1" 2>/dev/null || echo 0)
  echo $(((size > HEADER ? size - HEADER : 0) / RECORD))
}

# Wait until journal $1 holds $2 records (at most a minute).
wait_records() {
  for _ in $(seq 600); do
    [ "$(journal_records "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# ---- the test ------------------------------------------------------------------------

start_cluster
cd "$WORK"
export TMPDIR="$C/tmp" # the jobs' (OpenMPI's session folders), not /tmp shared by all
echo "cluster: $(sinfo -h -o '%P %D node(s), %c CPUs, %T')"

cat >short.cfg <<CFG
base = "$SRC/scenarios/small_world.cfg";
set = ["time.end=2011-12"];
design = "lhs";
points = 12;
seed = 9;
parameters = ( { path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; } );
outputs = { years = [2010, 2011]; };
CFG
cat >long.cfg <<CFG
base = "$SRC/scenarios/small_world.cfg";
set = ["time.end=2012-12"];
design = "lhs";
points = 240;
seed = 10;
parameters = ( { path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; } );
outputs = { metrics = ["poi"]; years = [2012]; };
CFG
expect_exit 0 "$BIN" sweep short.cfg -o short-serial.h5 --quiet
expect_exit 0 "$BIN" sweep long.cfg -o long-serial.h5 --quiet --threads 2

# The scripts find protsim in PROTSIM (sbatch passes the environment on); this one
# notes each start's SLURM step and task, so that the MPI job shows its two ranks.
cat >protsim <<SH
#!/bin/bash
echo "\${SLURM_JOB_ID:-} \${SLURM_STEP_ID:-} \${SLURM_PROCID:-} \${PMIX_RANK:-}" >>"$WORK/starts.log"
exec "$BIN" "\$@"
SH
chmod +x protsim
export PROTSIM="$WORK/protsim"
ARRAY="$SRC/scenarios/sweeps/slurm_array.sh"
MPI="$SRC/scenarios/sweeps/slurm_mpi.sh"
SMALL_ARRAY=(--array=1-2 --cpus-per-task=1) # 2 tasks of 1 CPU instead of 16 of 8
SMALL_MPI=(--nodes=1 --ntasks-per-node=2)    # 2 ranks on 1 node instead of 4 x 32
# Under AddressSanitizer, OpenMPI's own leaks at exit would fail the ranks (as in
# sweep_same.sh); the jobs take this from sbatch's environment.
MPI_ENV=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# A job array and the merge job after it, as docs/cluster.md shows them.
wait_idle
jid=$(sbatch --parsable "${SMALL_ARRAY[@]}" "$ARRAY" short.cfg arr)
mid=$(sbatch --parsable --dependency=afterok:"$jid" --output=merge-%j.log \
  --wrap "$PROTSIM merge arr/part-*.h5 -o arr/sweep.h5 --force")
wait_job "$jid" 300 && wait_job "$mid" 120
expect_state "$jid" COMPLETED "slurm_array.sh"
expect_state "$mid" COMPLETED "merge"
expect_exit 0 $PY "$SAME" short-serial.h5 arr/sweep.h5
echo "slurm_array.sh + merge: $(tail -n 1 "$WORK/out")"

# The same job again, finished already: each task says so, and the file stays.
wait_idle
again=$(sbatch --parsable "${SMALL_ARRAY[@]}" "$ARRAY" short.cfg arr)
wait_job "$again" 120
expect_state "$again" COMPLETED "slurm_array.sh on a finished sweep"
expect_exit 0 $PY "$SAME" short-serial.h5 arr/sweep.h5

if "$BIN" sweep --help | grep -q "built with MPI"; then
  wait_idle
  jid=$("${MPI_ENV[@]}" sbatch --parsable "${SMALL_MPI[@]}" "$MPI" short.cfg mpi/sweep.h5)
  wait_job "$jid" 300
  expect_state "$jid" COMPLETED "slurm_mpi.sh"
  expect_exit 0 $PY "$SAME" short-serial.h5 mpi/sweep.h5
  echo "slurm_mpi.sh: $(tail -n 1 "$WORK/out")"
  ranks=$(awk -v j="$jid" '$1 == j && $2 == "0" && $4 != "" { print $4 }' starts.log |
    sort -u | tr '\n' ' ')
  [ "$ranks" = "0 1 " ] && pass || fail "slurm_mpi.sh: srun started the ranks '$ranks', want '0 1 '"
  expect_match "protsim-sweep-$jid.log" '^runs: 12 done, 0 failed, 0 missing'
else
  echo "note: $BIN was built without MPI; slurm_mpi.sh not submitted"
fi

# Cancelled mid-way (scancel: SIGTERM to the scripts and protsim, which lets the runs
# in progress finish into the journal), then submitted again: it resumes.
cancel_and_resume() { # SCRIPT OUTPUT JOURNAL RESULT SBATCH-OPTIONS...
  local script=$1 output=$2 journal=$3 result=$4 jid
  shift 4
  wait_idle
  jid=$("${MPI_ENV[@]}" sbatch --parsable "$@" "$script" long.cfg "$output")
  wait_records "$journal" 5 || fail "$(basename "$script"): no runs in $journal after a minute"
  scancel "$jid"
  wait_job "$jid" 120
  expect_state "$jid" CANCELLED "$(basename "$script") cancelled"
  local kept
  kept=$(journal_records "$journal")
  [ "$kept" -ge 5 ] && [ "$kept" -lt 240 ] && pass ||
    fail "$(basename "$script"): $kept runs in $journal after scancel, want 5 to 239"
  [ -e "$result" ] && fail "$result written by a cancelled job" || pass
  wait_idle
  jid=$("${MPI_ENV[@]}" sbatch --parsable "$@" "$script" long.cfg "$output")
  wait_job "$jid" 600
  expect_state "$jid" COMPLETED "$(basename "$script") submitted again"
  echo "$(basename "$script"): cancelled with $kept runs in $(basename "$journal"), resumed"
}
cancel_and_resume "$ARRAY" can can/part-1.h5.journal can/sweep.h5 "${SMALL_ARRAY[@]}"
[ -e can/part-1.h5 ] && [ -e can/part-2.h5 ] && pass || fail "parts missing after the resumed array job"
expect_exit 0 $PY "$SAME" long-serial.h5 can/sweep.h5
if "$BIN" sweep --help | grep -q "built with MPI"; then
  cancel_and_resume "$MPI" mpican/sweep.h5 mpican/sweep.h5.journal mpican/sweep.h5 \
    "${SMALL_MPI[@]}"
  expect_exit 0 $PY "$SAME" long-serial.h5 mpican/sweep.h5
fi
finish
