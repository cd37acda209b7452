#!/usr/bin/env bash
# format.sh SRC - every tracked C file is as clang-format 14 writes it under
# .clang-format (Debian 12's version: another version formats differently). Prints the
# files that differ and how to fix them.
set -u
cd "$1" || exit 1
fmt=$(command -v clang-format-14 || command -v clang-format) || { echo "FAIL: no clang-format"; exit 1; }
case $("$fmt" --version) in
  *" version 14."*) ;;
  *) echo "FAIL: $fmt is not clang-format 14: $("$fmt" --version)"; exit 1 ;;
esac
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files '*.c' '*.h')
else
  files=$(find include sim tests bench -name '*.[ch]')
fi
# One clang-format for all files; each difference is reported as FILE:LINE:COL: error.
report=$("$fmt" --dry-run --Werror $files 2>&1)
status=$?
bad=$(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' <<<"$report" | sort -u)
if [ $status -ne 0 ] || [ -n "$bad" ]; then
  echo "FAIL: not formatted (fix: clang-format -i $(tr '\n' ' ' <<<"$bad")):"
  if [ -n "$bad" ]; then sed 's/^/  /' <<<"$bad"; else head -20 <<<"$report"; fi
  exit 1
fi
echo "$(wc -w <<<"$files") C files formatted as clang-format 14 writes them"
