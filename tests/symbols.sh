#!/usr/bin/env bash
# symbols.sh LIB... - every function a protsim library exports carries the ps_ prefix
# (STYLE.md section 7), so that protsim never clashes with a program that links it.
set -u
fails=0
for lib in "$@"; do
  bad=$(nm -g --defined-only "$lib" | awk '$2=="T"{print $3}' | grep -v '^ps_')
  if [ -n "$bad" ]; then
    echo "FAIL: $lib exports functions without the ps_ prefix:"; echo "$bad"; fails=1
  fi
done
[ $fails -eq 0 ] && echo "every exported function of $* starts with ps_"
exit $fails
