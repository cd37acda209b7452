#!/usr/bin/env bash
# run.sh - a real run of small_world: the file, the summary, --set, -o, --force, info
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SW="$SRC/scenarios/small_world.cfg"

expect_exit 0 "$BIN" run "$SW" -o out.h5
[ -f out.h5 ] && pass || fail "out.h5 not written"
ls | grep -q 'tmp' && fail "a temporary file was left: $(ls)" || pass
expect_match "$WORK/out" '^small world: seed 20081101, 2008-01 to 2020-12 \(156 months\), 6 states, 60 NGOs$'
expect_match "$WORK/out" '^Aland +[0-9]+'
expect_match "$WORK/out" '^Region: [0-9]+ refugees'
expect_match "$WORK/out" '^Policy: [0-9]+ ratification'

# An existing file is not replaced without --force, and stays as it was.
before=$(md5sum out.h5)
expect_exit 2 "$BIN" run "$SW" -o out.h5 --quiet
expect_line "$WORK/err" "protsim: out.h5: exists (use --force to replace it)"
[ "$before" = "$(md5sum out.h5)" ] && pass || fail "out.h5 changed without --force"
expect_exit 0 "$BIN" run "$SW" -o out.h5 --quiet --force
[ -s "$WORK/out" ] && fail "--quiet printed: $(head -c 200 "$WORK/out")" || pass

# --set changes the period; info reports it in words.
expect_exit 0 "$BIN" run "$SW" -o short.h5 --quiet --set time.end=2009-12 --seed 7
expect_exit 0 "$BIN" info short.h5
expect_match "$WORK/out" 'small world'
expect_match "$WORK/out" '2008-01'
expect_match "$WORK/out" '2009-12'
expect_match "$WORK/out" '/refugees/count'
expect_match "$WORK/out" 'seed[: ]+7'

# A bad --set is a bad scenario: exit 2, one line, nothing written.
expect_exit 2 "$BIN" run "$SW" -o bad.h5 --set states.list.[0].democracy=1.7
expect_line "$WORK/err" "protsim: --set: states.list.[0].democracy = 1.7 is outside [0, 1] (1)"
[ -e bad.h5 ] && fail "bad.h5 written for a bad scenario" || pass

# An output folder that does not exist: the run fails before it starts.
expect_exit 1 "$BIN" run "$SW" -o nowhere/out.h5 --quiet
expect_match "$WORK/err" '^protsim: nowhere/out.h5: cannot create: No such file or directory$'

# h5py reads the file without protsim code; every dataset has units and a description.
cat > check.py <<'PY'
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
missing = []
def visit(name, obj):
    if isinstance(obj, h5py.Dataset):
        for a in ("units", "description"):
            if a not in obj.attrs:
                missing.append(f"{name}:{a}")
f.visititems(visit)
assert not missing, missing
T = f["time"].shape[0]
S = f["states/name"].shape[0]
assert (T, S) == (156, 6), (T, S)
for name in ["ratified", "law_level", "bill_pending", "rsd_authority", "securitisation",
             "institutionalisation", "gap", "poi", "legal_status_share",
             "detention_incidence", "recognition_rate", "solutions_rate", "backlog"]:
    assert f["states/" + name].shape == (T, S), name
assert f["states/implementation"].shape == (T, S, 6)
assert f["states/pressure"].shape == (T, S, 5)
K = f["refugees/status_names"].shape[0]
assert K == 11 and f["refugees/count"].shape == (T, S, K)
assert f["refugees/flows"].shape[:2] == (T, S)
assert f["refugees/flows"].shape[2] == f["refugees/flow_names"].shape[0]
N = f["ngos/home_state"].shape[0]
assert N == 60 and f["ngos/member"].shape == (N,)
assert f["ngos/budget"].shape == (T, N) and f["ngos/strategy"].shape == (T, N, 5)
for name in ["members", "pool", "consultation_participants"]:
    assert f["network/" + name].shape == (T,), name
assert f["network/action_plans"].shape == (T, 3)
assert f["network/mean_strategy"].shape == (T, 5)
for name in ["ratification_emphasis", "resettlement_used"]:
    assert f["unhcr/" + name].shape == (T,), name
for name in ["refugees", "poi", "legal_status_share", "detention_incidence"]:
    assert f["region/" + name].shape == (T,), name
ev = f["events"][:]
assert set(ev.dtype.names) >= {"date", "type", "state", "ngo", "value"}, ev.dtype.names
for a in ["protsim_version", "seed", "scenario_name", "command_line", "scenario"]:
    assert a in f.attrs, a
names = [s.decode() if isinstance(s, bytes) else s for s in f["states/name"][:]]
assert names[0] == "Aland", names
plans = f["network/action_plans"][:]
assert plans.sum() > 0 and (plans.sum(axis=1) > 0).sum() < T / 4, "plans only at consultations"
counts = f["refugees/count"][:]
assert np.all(counts >= 0)
assert 40000 < counts[0, :, :7].sum() < 60000, counts[0, :, :7].sum()
print("h5py ok")
PY
expect_exit 0 $PY check.py out.h5
expect_line "$WORK/out" "h5py ok"
finish
