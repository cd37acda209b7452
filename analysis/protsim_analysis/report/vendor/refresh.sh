#!/usr/bin/env bash
# refresh.sh [VERSION] - replace the vendored uPlot with VERSION (default: the one in
# VERSION) from the npm registry, checking the tarball against the registry's integrity.
# Nothing else downloads uPlot: the build and the tests use the files beside this script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(sed -n 's/^version: //p' "$here/VERSION")}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
integrity=$(npm view "uplot@$version" dist.integrity)
npm pack --silent "uplot@$version" >/dev/null
tgz=uplot-$version.tgz
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[ "$got" = "$integrity" ] || { echo "refresh.sh: $tgz: integrity $got, registry says $integrity" >&2; exit 1; }
tar xzf "$tgz"
cp package/dist/uPlot.iife.min.js package/dist/uPlot.min.css package/LICENSE "$here/"
sed -i -e "s/^version: .*/version: $version/" -e "s/uplot-[0-9.]*\.tgz/$tgz/" \
       -e "s|^integrity: .*|integrity: $integrity|" "$here/VERSION"
sed -i '/^sha256 /d' "$here/VERSION"
(cd "$here" && sha256sum uPlot.iife.min.js uPlot.min.css LICENSE | sed 's/^/sha256 /') >> "$here/VERSION"
echo "refresh.sh: uPlot $version vendored ($integrity)"
