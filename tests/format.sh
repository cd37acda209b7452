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
bad=()
for f in $files; do
  "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "FAIL: not formatted (fix: clang-format -i ${bad[*]}):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "$(wc -w <<<"$files") C files formatted as clang-format 14 writes them"
