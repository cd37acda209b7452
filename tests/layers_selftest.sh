#!/usr/bin/env bash
# layers_selftest.sh SRC - the layer check must fail on a deliberate violation: a copy of
# sim/ and include/ where the world includes the recorder, and one with a stray file.
set -u
SRC=$1
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
fails=0
cp -r "$SRC/sim" "$SRC/include" "$W/"
/usr/bin/python3 "$SRC/tests/layers.py" "$W" >"$W/clean.txt" || { echo "FAIL: clean copy rejected"; cat "$W/clean.txt"; fails=1; }
sed -i '0,/^#include "world_impl.h"/s//#include "world_impl.h"\n#include "record_impl.h"/' "$W/sim/world/world.c"
if /usr/bin/python3 "$SRC/tests/layers.py" "$W" >"$W/up.txt"; then
  echo "FAIL: an include from world up to record passed"; fails=1
elif ! grep -q '^sim/world/world.c:[0-9]*: #include "record_impl.h" goes up from world to record$' "$W/up.txt"; then
  echo "FAIL: unexpected message:"; cat "$W/up.txt"; fails=1
fi
touch "$W/sim/stray.c"
if /usr/bin/python3 "$SRC/tests/layers.py" "$W" >"$W/stray.txt" || ! grep -q '^sim/stray.c: outside every layer folder$' "$W/stray.txt"; then
  echo "FAIL: a file outside the layer folders was not reported"; fails=1
fi
[ $fails -eq 0 ] && echo "layer check: clean tree passes, both violations caught"
exit $fails
