#!/usr/bin/env bash
# provenance.sh - the provenance attributes of result files, and a command line that
# pastes back: quoted for a POSIX shell, run again elsewhere, it makes the same datasets
. "$(dirname "$0")/lib.sh"
cd "$WORK"
# A scenario folder whose name needs quoting (a space and a single quote).
DIR="$WORK/it's a test"
mkdir -p "$DIR" first again
cp -r "$SRC/scenarios/." "$DIR/"
cd first
expect_exit 0 "$BIN" run "$DIR/small_world.cfg" -o "out put.h5" --quiet \
  --set time.end=2009-06 --seed 11
cd "$WORK"
cat > attrs.py <<'PY'
import sys, h5py, re
f = h5py.File(sys.argv[1], "r")
a = f.attrs
print(a["command_line"])
bad = []
if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", a["start_time"]):
    bad.append("start_time " + a["start_time"])
for k in ("source_revision", "build_type", "compiler", "gsl_version", "hdf5_version",
          "libconfig_version", "host_name"):
    if not a.get(k):
        bad.append("no " + k)
if not re.match(r"^[0-9]+\.[0-9]+", a["hdf5_version"]):
    bad.append("hdf5_version " + a["hdf5_version"])
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
expect_exit 0 $PY attrs.py "first/out put.h5"
cmd=$(cat "$WORK/out")
# The quoting a shell needs, and no more.
case "$cmd" in
  *"'$WORK/it'\\''s a test/small_world.cfg'"*" -o 'out put.h5' --quiet --set time.end=2009-06 --seed 11") pass ;;
  *) fail "command_line not quoted as expected: $cmd" ;;
esac
# Pasted back into a shell in another folder, it writes the same datasets.
(cd again && eval "$cmd") >"$WORK/out" 2>"$WORK/err" && pass || fail "pasted back: $(cat "$WORK/err")"
expect_exit 0 $PY "$SRC/tests/cli/same_datasets.py" "first/out put.h5" "again/out put.h5"
# Inside git, the revision is git describe's name of a commit of this repository (the
# one built, which may be older than HEAD); outside git it is "unknown".
rev=$($PY -c 'import sys,h5py; print(h5py.File(sys.argv[1])["/"].attrs["source_revision"])' "first/out put.h5")
if git -C "$SRC" rev-parse HEAD >/dev/null 2>&1; then
  hash=$(echo "$rev" | sed -E 's/-dirty$//; s/.*-g([0-9a-f]+)$/\1/')
  git -C "$SRC" rev-parse --verify -q "$hash^{commit}" >/dev/null && pass ||
    fail "source_revision $rev names no commit of $SRC"
else
  [ "$rev" = unknown ] && pass || fail "source_revision $rev outside git"
fi
# Every kind of file has them: replicates, compare, sweep.
T="$SRC/tests/data"
expect_exit 0 "$BIN" run "$DIR/small_world.cfg" -o reps.h5 --quiet --replicates 2 --set time.end=2008-06
expect_exit 0 $PY attrs.py reps.h5
expect_exit 0 "$BIN" compare "$T/good_small_ratification.cfg" "$T/good_small_legislation.cfg" \
  -n 2 -o cmp.h5 --quiet --set time.end=2008-12 --horizon 2008
expect_exit 0 $PY attrs.py cmp.h5
expect_exit 0 "$BIN" sweep "$SRC/scenarios/sweeps/small.cfg" -o sweep.h5 --quiet
expect_exit 0 $PY attrs.py sweep.h5
finish
