#!/usr/bin/env bash
# run.sh [-t SECONDS | -n RUNS] [-j PARALLEL] BUILD SRC OUT [TARGET...] - fuzz each
# target of BUILD (a PROTSIM_FUZZ build) for SECONDS each (default 60) or RUNS inputs
# each, PARALLEL targets at a time (default 1), starting from the seed corpora and the
# inputs of past findings (tests/fuzz/README.md). OUT keeps each target's grown corpus
# (OUT/corpus/T, reused by the next run), its log (OUT/T.log) and any finding
# (OUT/findings/T-crash-..., -leak-, -timeout-, -oom-). Prints one line per target,
# "T: N inputs in S s (R/s)", and exits 1 when any target found anything.
set -uo pipefail
limit=(-max_total_time=60) parallel=1
while getopts "t:n:j:" opt; do
  case $opt in
    t) limit=(-max_total_time="$OPTARG") ;;
    n) limit=(-runs="$OPTARG") ;;
    j) parallel=$OPTARG ;;
    *) echo "usage: run.sh [-t SECONDS | -n RUNS] [-j PARALLEL] BUILD SRC OUT [TARGET...]" >&2
       exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 3 ] || { echo "usage: run.sh [-t S | -n N] [-j P] BUILD SRC OUT [TARGET...]" >&2; exit 2; }
BUILD=$(readlink -f "$1") SRC=$(readlink -f "$2") OUT=$3
shift 3
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario set sweep h5 journal)
FUZZ=$BUILD/tests/fuzz
mkdir -p "$OUT/findings"
OUT=$(readlink -f "$OUT")
# Fuzzing without leak checks (which need the slow unwinder through the libraries, for
# lsan.supp to match their frames: 5-10 times slower); every input kept is replayed with
# them afterwards.
fast=detect_leaks=0:allocator_may_return_null=1
slow=detect_leaks=1:allocator_may_return_null=1:fast_unwind_on_malloc=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$SRC/tests/fuzz/lsan.supp:print_suppressions=0
bash "$SRC/tests/fuzz/seeds.sh" "$BUILD/protsim" "$SRC" "$FUZZ/seeds" >/dev/null || exit 1
/usr/bin/python3 "$SRC/tests/fuzz/make_dict.py" "$BUILD/protsim" "$SRC" "$FUZZ/protsim.dict" ||
  exit 1

# The read-only corpora of target $1 (as tests/fuzz/CMakeLists.txt gives them to ctest).
corpora() {
  case $1 in
    scenario) echo "$SRC/scenarios" "$SRC/tests/data" ;;
    set) echo "$SRC/tests/fuzz/corpus/set" ;;
    sweep) echo "$SRC/scenarios/sweeps" ;;
    h5) echo "$SRC/tests/fuzz/corpus/h5" ;;
    journal) echo "$FUZZ/seeds/journal" ;;
  esac
  [ -d "$SRC/tests/fuzz/regressions/$1" ] && echo "$SRC/tests/fuzz/regressions/$1"
}

# Fuzz target $1; its new inputs go to OUT/corpus/$1 (the first corpus folder).
fuzz_one() {
  local t=$1
  mkdir -p "$OUT/corpus/$t"
  # shellcheck disable=SC2046 # the corpora are folders without spaces
  (cd "$OUT" && ASAN_OPTIONS=$fast "$FUZZ/fuzz_$t" "${limit[@]}" -dict="$FUZZ/protsim.dict" -timeout=20 \
     -rss_limit_mb=2560 -max_len=400000 -print_final_stats=1 \
     -artifact_prefix="$OUT/findings/$t-" "$OUT/corpus/$t" $(corpora "$t")) \
    >"$OUT/$t.log" 2>&1 || return
  (cd "$OUT" && ASAN_OPTIONS=$slow "$FUZZ/fuzz_$t" -runs=0 -detect_leaks=1 \
     -artifact_prefix="$OUT/findings/$t-" "$OUT/corpus/$t" $(corpora "$t")) \
    >"$OUT/$t.leaks.log" 2>&1 || { cat "$OUT/$t.leaks.log" >>"$OUT/$t.log"; return 1; }
}

pids=()
for t in "${targets[@]}"; do
  fuzz_one "$t" &
  pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
    wait -n
  done
done
status=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  wait "${pids[$i]}"
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$OUT/$t.log" | tail -1)
  runs=${runs:-0} secs=${secs:-0}
  echo "$t: $runs inputs in $secs s ($((runs / (secs > 0 ? secs : 1)))/s)"
  if [ "$rc" -ne 0 ] || ls "$OUT/findings/$t-"* >/dev/null 2>&1; then
    echo "$t: FINDING (exit $rc), see $OUT/$t.log and $OUT/findings/" >&2
    grep -m3 -E "ERROR|fuzz: |runtime error" "$OUT/$t.log" >&2
    status=1
  fi
done
exit $status
