#!/usr/bin/env bash
# seeds.sh BIN SRC OUT - the seed corpora that are made, not kept in the tree: small
# result files of every kind protsim writes, made by BIN (OUT/h5/), and sweep journals
# laid out as sweep_journal.h describes, each with its control byte (OUT/journal/;
# fuzz_journal.c). Made afresh each time, so they follow the file formats.
set -euo pipefail
BIN=$(readlink -f "$1") SRC=$(readlink -f "$2") OUT=$3
rm -rf "$OUT"
mkdir -p "$OUT/h5" "$OUT/journal"
OUT=$(readlink -f "$OUT")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ASAN_OPTIONS=detect_leaks=0
SW="$SRC/scenarios/small_world.cfg"
SHORT=(--set time.end=2008-12 --set refugees.agents_per_person=0.002 --quiet)
"$BIN" run "$SW" "${SHORT[@]}" -o "$OUT/h5/run.h5"
"$BIN" run "$SW" "${SHORT[@]}" --replicates 2 -o "$OUT/h5/replicates.h5"
for keep in summary quantiles all; do
  "$BIN" compare "$SRC/tests/data/good_small_ratification.cfg" \
    "$SRC/tests/data/good_small_legislation.cfg" "${SHORT[@]}" -n 2 --keep $keep \
    -o "$OUT/h5/compare_$keep.h5" >/dev/null
done
cat >series.cfg <<CFG
base = "$SW";
set = ["time.end=2009-12", "refugees.agents_per_person=0.01"];
design = "grid";
levels = 2;
parameters = ( { path = "unhcr.ratification_emphasis"; range = [0.2, 0.9]; } );
outputs = { years = [2009]; metrics = ["poi", "accessions"]; series = true; };
CFG
"$BIN" sweep series.cfg -o "$OUT/h5/sweep_series.h5" --quiet
"$BIN" sweep series.cfg --shard 1/2 -o "$OUT/h5/sweep_part.h5" --quiet
sed 's/series = true; //' series.cfg >summary.cfg
"$BIN" sweep summary.cfg -o "$OUT/h5/sweep.h5" --quiet

# Journals: a header (magic, n_runs, n_values, n_series, shard, n_shards, record size,
# digest, build, zeros, FNV-1a checksum) and records (run, status, values, series,
# checksum); the last byte of each seed is fuzz_journal.c's control byte.
/usr/bin/python3 - "$OUT/journal" <<'PY'
import struct, sys
def fnv(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
def journal(n_runs, n_values, n_series, records, torn=b""):
    size = 24 + 8 * (n_values + n_series)
    h = b"PSJRNL01" + struct.pack("<6Q", n_runs, n_values, n_series, 1, 1, size)
    h += b"0123456789abcdef" * 4 + b"feedbeef" * 8
    h = h.ljust(248, b"\0")
    out = h + struct.pack("<Q", fnv(h))
    for run, status in records:
        r = struct.pack("<2Q", run, status)
        r += struct.pack("<%dd" % (n_values + n_series), *[run + 0.25 * k for k in range(n_values + n_series)])
        out += r + struct.pack("<Q", fnv(r))
    return out + torn
seeds = {
    "whole": (journal(8, 2, 0, [(0, 0), (3, 0), (5, 1), (7, 0)]), 0),
    "torn": (journal(8, 2, 0, [(1, 0), (2, 0)], b"torn record"), 0),
    "series": (journal(4, 1, 6, [(0, 0), (1, 0), (3, 1)]), 0),
    "fixed_sums": (journal(16, 3, 0, [(15, 0), (2, 1)]), 3),
    "header_only": (journal(2, 2, 0, []), 1),
    "short": (b"PSJRNL01", 0),
}
for name, (data, control) in seeds.items():
    with open("%s/%s" % (sys.argv[1], name), "wb") as f:
        f.write(data + bytes([control]))
PY
echo "seeds: $(ls "$OUT/h5" | wc -l) result files, $(ls "$OUT/journal" | wc -l) journals in $OUT"
