#!/usr/bin/env bash
# version.sh SRC BIN - the version lives in CMakeLists.txt's project() alone: protsim
# --version prints it, CITATION.cff repeats it (the one copy CFF needs; checked here),
# and no other tracked file spells it out.
set -u
SRC=$1 BIN=$2
cd "$SRC" || exit 1
fails=0
version=$(sed -n 's/^project(protsim VERSION \([0-9.]*\) .*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "FAIL: no version in CMakeLists.txt's project()"; exit 1; }
got=$("$BIN" --version)
[ "$got" = "protsim $version" ] || { echo "FAIL: protsim --version says '$got', want 'protsim $version'"; fails=1; }
cff=$(sed -n 's/^version: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' CITATION.cff)
[ "$cff" = "$version" ] || { echo "FAIL: CITATION.cff says version '$cff', CMakeLists.txt '$version'"; fails=1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  others=$(git ls-files | grep -vxF -e CMakeLists.txt -e CITATION.cff |
           xargs grep -nF -- "$version" | grep -E "(^|[^0-9.])${version//./\\.}([^0-9]|$)")
  if [ -n "$others" ]; then
    echo "FAIL: files that hard-code the version $version (take it from project()):"
    echo "$others"; fails=1
  fi
fi
[ $fails -eq 0 ] && echo "version $version: protsim --version and CITATION.cff agree, no other copy"
exit $fails
