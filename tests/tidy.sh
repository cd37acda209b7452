#!/usr/bin/env bash
# tidy.sh BUILD SRC - clang-tidy 14 with the checks of .clang-tidy (each one's reason is
# there) on every C file of sim/ and bench/, compiled as BUILD compiles them
# (BUILD/compile_commands.json). Any finding fails; the findings are printed.
set -u
BUILD=$1 SRC=$2
cd "$SRC" || exit 1
tidy=$(command -v clang-tidy-14 || command -v clang-tidy) || { echo "FAIL: no clang-tidy"; exit 1; }
case $("$tidy" --version) in
  *"version 14."*) ;;
  *) echo "FAIL: $tidy is not clang-tidy 14"; exit 1 ;;
esac
[ -f "$BUILD/compile_commands.json" ] || { echo "FAIL: no $BUILD/compile_commands.json"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files 'sim/*.c' 'bench/*.c')
else
  files=$(find sim bench -name '*.c')
fi
# bench.c is not in the default build; without its compile command it is skipped.
checked=()
for f in $files; do
  grep -q "\"file\": \"[^\"]*/$f\"" "$BUILD/compile_commands.json" && checked+=("$f")
done
report=$(printf '%s\n' "${checked[@]}" |
         xargs -P "$(nproc)" -n 4 "$tidy" -p "$BUILD" --quiet 2>/dev/null)
status=$?
findings=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' <<<"$report")
if [ $status -ne 0 ] || [ "$findings" -ne 0 ]; then
  echo "FAIL: clang-tidy: $findings findings in ${#checked[@]} files"
  echo "$report"
  exit 1
fi
echo "clang-tidy: ${#checked[@]} files, no finding ($(sed -n 's/^Checks: *//p' .clang-tidy | head -1)$(grep -c '^  [-a-z]' .clang-tidy) check patterns)"
