#!/usr/bin/env bash
# standalone.sh SRC - the repository stands alone: no tracked file points outside it,
# to the steering folder beside it or to the old specification file (the data live in
# data/, the specification in docs/model.md Appendix A). The patterns are spelt with
# brackets so that this file does not match them itself.
set -u
SRC=$1
cd "$SRC" || exit 1
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files)
else
  files=$(find . -path ./.git -prune -o -path './build*' -prune -o -type f -print)
fi
hits=$(grep -nE '\.\./s[h]ared|M[O]DEL\.md' -- $files)
if [ -n "$hits" ]; then
  echo "FAIL: files that refer outside the repository:"; echo "$hits"
  exit 1
fi
echo "$(wc -w <<<"$files") files, none refers outside the repository"
