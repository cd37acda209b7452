#!/usr/bin/env bash
# checkpoint.sh - run --checkpoint-at and run --from: a run from a checkpoint gives
# every dataset identical (byte for byte) to the run from the start, for small_world,
# for a what-if with schedule entries after the fork (1 and 2 threads), and the
# checkpoint's own file is the usual run; the refusals, exactly: B differing before
# the fork, another scenario, another build (sealed: the seal; unsealed: the build),
# another seed, a truncated file, datasets of the wrong shape or type, months outside
# the run; a refused or failed run leaves no file
. "$(dirname "$0")/lib.sh"
cd "$WORK"
S="$SRC/scenarios"
no_file() { # NAME: neither the file nor a temporary file of it
  if [ -e "$1" ] || ls "$1".tmp-* >/dev/null 2>&1; then fail "$1 left behind"; else pass; fi
}
# edit FILE.h5 PYTHON: run PYTHON with f open for writing, then drop the seal (zero
# the first 512 bytes), as docs/output.md says an edited file must be
edit() {
  $PY - "$1" "$2" <<'PY' || fail "cannot edit $1"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    exec(sys.argv[2])
PY
  [ "${3:-}" = sealed ] || dd if=/dev/zero of="$1" bs=512 count=1 conv=notrunc status=none
}

# small_world: a checkpoint at the end of 2012-06, the run from it
expect_exit 0 "$BIN" run "$S/small_world.cfg" --quiet -o straight.h5
expect_exit 0 "$BIN" run "$S/small_world.cfg" --quiet -o hist.h5 --checkpoint-at 2012-06
expect_exit 0 "$BIN" run "$S/small_world.cfg" --quiet -o from.h5 --from hist.h5
same straight.h5 from.h5
# the checkpoint's file is the usual run besides /checkpoint
cp hist.h5 bare.h5 && edit bare.h5 'del f["checkpoint"]'
same straight.h5 bare.h5
$PY - <<'PY' >cp.txt && pass || fail "/checkpoint: $(cat cp.txt)"
import h5py
c = h5py.File("hist.h5", "r")["checkpoint"]
a = c.attrs
assert a["month"] == "2012-06" and a["steps_done"] == 54 and a["seed"] == 20081101, dict(a)
assert len(a["build"]) == 64 and a["build_about"].startswith("protsim "), dict(a)
assert c["world/t"][0] == 54 and c["world/state_P"].shape == (36,), "world"
assert c["driver/n_notable"][0] <= 256 and c["driver/first_poi"].shape == (1,), "driver"
root = h5py.File("hist.h5", "r").attrs["scenario"]
assert c["scenario"][()].decode() == root, "scenario"
print("ok")
PY

# a B with a schedule entry after the fork; and the same entry before it
cat > b.cfg <<CFG
@include "$S/small_world.cfg"
schedule = ( { at = "2012-07"; set = [ "ngo.strategy=legislation", "unhcr.resettlement_per_year=300" ]; } );
CFG
expect_exit 0 "$BIN" run b.cfg --quiet -o b_straight.h5 --seed 20081101
expect_exit 0 "$BIN" run b.cfg --quiet -o b_from.h5 --from hist.h5 --seed 20081101
same b_straight.h5 b_from.h5
sed 's/2012-07/2012-06/' b.cfg > early.cfg
expect_exit 2 "$BIN" run early.cfg --quiet -o early.h5 --from hist.h5
expect_line err 'protsim: early.cfg differs from hist.h5 before the fork at 2012-07: schedule.[0] is (none) in hist.h5 and { at = "2012-06"; set = ["ngo.strategy=legislation", "unhcr.resettlement_per_year=300"]; } in early.cfg (only schedule entries from 2012-07 on may differ)'
no_file early.h5

# a what-if of the Asia-Pacific baseline from 2025-01 (1% of full scale, to 2026-03)
SMALL="--set refugees.agents_per_person=0.01 --set time.end=2026-03 --quiet --seed 5"
LEG="$S/what_if/legislation_2025.cfg"
expect_exit 0 "$BIN" run "$S/asia_pacific.cfg" $SMALL -o ap.h5 --checkpoint-at 2024-12
expect_exit 0 "$BIN" run "$LEG" $SMALL -o leg.h5
expect_exit 0 "$BIN" run "$LEG" $SMALL -o leg1.h5 --from ap.h5 --threads 1
expect_exit 0 "$BIN" run "$LEG" $SMALL -o leg2.h5 --from ap.h5 --threads 2
same leg.h5 leg1.h5
same leg.h5 leg2.h5
# a checkpoint from another scenario; the same one without the --set of the history
expect_exit 2 "$BIN" run "$LEG" --quiet -o other.h5 --from hist.h5
expect_match err '^protsim: [^ ]*legislation_2025.cfg differs from hist.h5 before the fork at 2012-07: [^ ]+ is .* in hist.h5 and .* in [^ ]*legislation_2025.cfg \(only schedule entries from 2012-07 on may differ\)$'
expect_exit 2 "$BIN" run "$LEG" --quiet --set time.end=2026-03 -o other.h5 --from ap.h5
expect_line err "protsim: $LEG differs from ap.h5 before the fork at 2025-01: refugees.agents_per_person is 0.01 in ap.h5 and 1.0 in $LEG (only schedule entries from 2025-01 on may differ)"
no_file other.h5

# another build: a sealed file edited is refused by its seal, an unsealed one by its build
cp hist.h5 sealed.h5 && edit sealed.h5 'f["checkpoint"].attrs["build"] = "0" * 64' sealed
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from sealed.h5
expect_line err 'protsim: sealed.h5: damaged: its bytes are not those protsim wrote (the SHA-256 in its first 512 bytes does not match)'
cp hist.h5 other_build.h5
edit other_build.h5 'a = f["checkpoint"].attrs; a["build"] = "0" * 64; a["build_about"] = "protsim 0.0.9, source v0.0.9, Release build (-O3), GNU 11.0, GSL 2.6"'
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from other_build.h5
expect_match err '^protsim: other_build.h5: the checkpoint was made by another build of protsim \(protsim 0\.0\.9, source v0\.0\.9, Release build \(-O3\), GNU 11\.0, GSL 2\.6; executable 000000000000\), not by this one \(protsim [^;]+; executable [0-9a-f]{12}\): a run from it could differ, so go on from it with that build$'
no_file x.h5
# another seed; the same seed given
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from hist.h5 --seed 3
expect_line err 'protsim: --seed 3: the checkpoint in hist.h5 was made with seed 20081101, and a run from it goes on with that seed (leave --seed out)'
no_file x.h5
# no checkpoint; no file
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from straight.h5
expect_line err 'protsim: straight.h5: holds no checkpoint (protsim run --checkpoint-at YYYY-MM writes one)'
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from missing.h5
expect_line err 'protsim: missing.h5: cannot open: No such file or directory'
no_file x.h5

# damaged and malformed checkpoints: one line, exit 1 or 2, no file
broken() { # FILE: run --from FILE ends with exit 1 or 2 and one line on stderr
  "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from "$1" 2>err
  local rc=$?
  { [ $rc -eq 1 ] || [ $rc -eq 2 ]; } && [ "$(wc -l <err)" -eq 1 ] && pass ||
    fail "$1: exit $rc, $(cat err)"
}
head -c $(($(stat -c %s hist.h5) / 2)) hist.h5 > truncated.h5
broken truncated.h5
expect_line err 'protsim: truncated.h5: damaged: its bytes are not those protsim wrote (the SHA-256 in its first 512 bytes does not match)'
dd if=/dev/zero of=truncated.h5 bs=512 count=1 conv=notrunc status=none # unsealed too
broken truncated.h5
no_file x.h5
refused() { # NAME.h5 EDIT: hist.h5 edited as NAME.h5 is refused, exit 2 ($WORK/err)
  cp hist.h5 "$1" && edit "$1" "$2"
  expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from "$1"
}
refused shape.h5 'w = f["checkpoint/world"]; del w["state_P"]; w["state_P"] = np.zeros(5)'
expect_line err 'protsim: shape.h5: /checkpoint/world/state_P: its shape is [5], not [36] as this build'"'"'s world holds it'
refused rank.h5 'w = f["checkpoint/world"]; del w["ref.group"]; w["ref.group"] = np.zeros((2, 3), "u2")'
expect_match err '^protsim: rank.h5: /checkpoint/world/ref.group: its shape is \[2, 3\], not \[[0-9]+\] as this build.s world holds it$'
refused type.h5 'w = f["checkpoint/world"]; d = w["state_law"][()]; del w["state_law"]; w["state_law"] = d.astype("f8")'
expect_line err 'protsim: type.h5: /checkpoint/world/state_law: its elements are not int32 of 4 bytes, as this build'"'"'s world holds them'
refused agents.h5 'f["checkpoint/world/ref.n"][0] = 10**15' # more agents than the file holds
expect_match err '^protsim: agents.h5: /checkpoint/world/ref.group: its shape is \[[0-9]+\], not \[1000000000000000\] as this build.s world holds it$'
refused bool.h5 'f["checkpoint/world/state_ratified"][2] = 7'
expect_line err 'protsim: bool.h5: /checkpoint/world/state_ratified: element 2 is 7, not 0 or 1'
refused step.h5 'f["checkpoint/world/t"][0] = 900'
expect_line err 'protsim: step.h5: /checkpoint/world: t = 900 is not within the run'"'"'s 156 steps'
refused notable.h5 'f["checkpoint/driver/n_notable"][0] = 300'
expect_line err 'protsim: notable.h5: /checkpoint/driver: n_notable and notable are not events of this world'
# a series of the history, found once the output is open
refused series.h5 'del f["region/poi"]; f["region/poi"] = np.zeros(3)'
expect_line err 'protsim: series.h5: /region/poi: its shape is [3], not [156] as a run of its scenario'
refused scenario.h5 'c = f["checkpoint"]; t = c["scenario"][()]; del c["scenario"]; c["scenario"] = t.replace(b"small world", b"smaller world")'
expect_line err 'protsim: scenario.h5: /checkpoint/scenario: its SHA-256 is not the attribute scenario_sha256 of /checkpoint (the scenario was changed after the checkpoint)'
no_file x.h5

# --checkpoint-at outside the run's months, or with what it does not go with
for at in 2007-12 2020-12 2021-01; do
  expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --checkpoint-at $at
  expect_line err "protsim: --checkpoint-at $at: the run simulates 2008-01 to 2020-12; the checkpoint must be at the end of one of those months before the last"
done
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from hist.h5 --checkpoint-at 2012-06
expect_line err "protsim: --checkpoint-at 2012-06: the run simulates 2012-07 to 2020-12; the checkpoint must be at the end of one of those months before the last"
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --checkpoint-at 2012-13
expect_line err 'protsim: --checkpoint-at 2012-13: expected a month YYYY-MM, e.g. 2024-12 (see protsim run --help)'
expect_exit 2 "$BIN" run "$S/small_world.cfg" --quiet -o x.h5 --from hist.h5 --replicates 2
expect_line err 'protsim: --from: not with --replicates (see protsim run --help)'
no_file x.h5
# a checkpoint of a run from a checkpoint
expect_exit 0 "$BIN" run b.cfg --quiet -o b_hist.h5 --from hist.h5 --checkpoint-at 2015-03
expect_exit 0 "$BIN" run b.cfg --quiet -o b_again.h5 --from b_hist.h5
same b_straight.h5 b_again.h5
finish
