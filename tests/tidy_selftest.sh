#!/usr/bin/env bash
# tidy_selftest.sh SRC - tests/tidy.sh must fail on a planted finding: a copy of
# .clang-tidy beside sim/planted.c (a body without braces and a malloc sized by a pointer
# where its target was meant), compiled by a compile_commands.json of its own; and pass
# once the file is fixed.
set -u
SRC=$1
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
fails=0
mkdir -p "$W/sim" "$W/bench" "$W/build"
cp "$SRC/.clang-tidy" "$W/"
cat >"$W/sim/planted.c" <<'C'
#include <stdlib.h>
double *planted(size_t n);
double *planted(size_t n)
{
    double *x = malloc(n * sizeof(double *));
    if (x == NULL)
        return NULL;
    return x;
}
C
printf '[{"directory": "%s", "command": "cc -std=c11 -c sim/planted.c", "file": "%s"}]\n' \
  "$W" "$W/sim/planted.c" >"$W/build/compile_commands.json"
if bash "$SRC/tests/tidy.sh" "$W/build" "$W" >"$W/planted.txt" 2>&1; then
  echo "FAIL: tidy.sh passed a file with two planted findings"; cat "$W/planted.txt"; fails=1
else
  for check in readability-braces-around-statements clang-analyzer-unix.MallocSizeof; do
    grep -q "sim/planted.c:[0-9]*:[0-9]*: error: .*\[$check" "$W/planted.txt" ||
      { echo "FAIL: $check not reported:"; cat "$W/planted.txt"; fails=1; }
  done
fi
sed -i 's/sizeof(double \*)/sizeof(double)/; s/if (x == NULL)$/if (x == NULL) {/; s/return NULL;$/return NULL;\n    }/' \
  "$W/sim/planted.c"
bash "$SRC/tests/tidy.sh" "$W/build" "$W" >"$W/fixed.txt" 2>&1 ||
  { echo "FAIL: tidy.sh rejected the fixed file:"; cat "$W/fixed.txt" "$W/sim/planted.c"; fails=1; }
[ $fails -eq 0 ] && echo "tidy check: both planted findings caught, the fixed file passes"
exit $fails
