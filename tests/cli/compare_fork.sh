#!/usr/bin/env bash
# compare_fork.sh - compare --fork: every dataset identical (byte for byte) to the same
# compare without --fork, for small_world and for scenarios with schedules before and
# after the fork, on 1 and 2 threads and in every --keep mode; the refusals, exactly
. "$(dirname "$0")/lib.sh"
cd "$WORK"
S="$SRC/scenarios"
# A: small_world with a shared change before the fork and one after it; B: the same
# history, then the NGOs on the legislation preset and less resettlement from 2012-01
cat > a.cfg <<CFG
@include "$S/small_world.cfg"
time = { start = "2008-01"; end = "2014-12"; };
schedule = (
  { at = "2010-06"; set = [ "unhcr.resettlement_per_year=900" ]; },
  { at = "2013-01"; set = [ "states.Aland.arrivals_per_year=2000" ]; } );
CFG
cat > b.cfg <<CFG
@include "$S/small_world.cfg"
time = { start = "2008-01"; end = "2014-12"; };
schedule = (
  { at = "2010-06"; set = [ "unhcr.resettlement_per_year=900" ]; },
  { at = "2012-01"; set = [ "ngo.strategy=legislation", "unhcr.resettlement_per_year=300" ]; } );
CFG
RUN="-n 3 --quiet --seed 7"
for keep in all quantiles summary; do
  expect_exit 0 "$BIN" compare a.cfg b.cfg $RUN --keep $keep -o straight_$keep.h5
  expect_exit 0 "$BIN" compare a.cfg b.cfg $RUN --keep $keep -o fork_$keep.h5 --fork 2012-01 --threads 2
  same straight_$keep.h5 fork_$keep.h5
done
expect_exit 0 "$BIN" compare a.cfg b.cfg $RUN --keep all -o fork1.h5 --fork 2012-01 --threads 1
same straight_all.h5 fork1.h5
# the fork at the last month and at the second; B the same as A
expect_exit 0 "$BIN" compare a.cfg a.cfg $RUN --keep all -o aa.h5
expect_exit 0 "$BIN" compare a.cfg a.cfg $RUN --keep all -o aa_late.h5 --fork 2014-12
same aa.h5 aa_late.h5
expect_exit 0 "$BIN" compare a.cfg a.cfg $RUN --keep all -o aa_early.h5 --fork 2008-02
same aa.h5 aa_early.h5
# small_world itself, its NGOs on the ratification preset from 2015-01, by state
cat > ratification.cfg <<CFG
@include "$S/small_world.cfg"
schedule = ( { at = "2015-01"; set = [ "ngo.strategy=ratification" ]; } );
CFG
expect_exit 0 "$BIN" compare "$S/small_world.cfg" ratification.cfg -n 2 --quiet --by-state --keep all -o sw.h5
expect_exit 0 "$BIN" compare "$S/small_world.cfg" ratification.cfg -n 2 --quiet --by-state --keep all -o sw_fork.h5 --fork 2015-01
same sw.h5 sw_fork.h5

# refusals: one line, exit 2, no file
cat > c.cfg <<CFG
@include "b.cfg"
schedule = (
  { at = "2010-06"; set = [ "unhcr.resettlement_per_year=800" ]; },
  { at = "2012-01"; set = [ "ngo.strategy=legislation" ]; } );
CFG
expect_exit 2 "$BIN" compare a.cfg c.cfg $RUN -o early.h5 --fork 2012-01
expect_line "$WORK/err" 'protsim: B differs from A before the fork at 2012-01: schedule.[0] is { at = "2010-06"; set = ["unhcr.resettlement_per_year=900"]; } in A and { at = "2010-06"; set = ["unhcr.resettlement_per_year=800"]; } in B (only schedule entries from 2012-01 on may differ)'
[ -e early.h5 ] && fail "early.h5 written for a refused fork" || pass
expect_exit 2 "$BIN" compare "$S/small_world.cfg" b.cfg $RUN -o end.h5 --fork 2012-01
expect_line "$WORK/err" 'protsim: B differs from A before the fork at 2012-01: time.end is "2020-12" in A and "2014-12" in B (only schedule entries from 2012-01 on may differ)'
expect_exit 2 "$BIN" compare a.cfg b.cfg $RUN -o first.h5 --fork 2008-01
expect_line "$WORK/err" 'protsim: fork at 2008-01: A runs from 2008-01 to 2014-12; the fork month must be after its first month and not after its last'
expect_exit 2 "$BIN" compare a.cfg b.cfg $RUN -o late.h5 --fork 2015-01
expect_line "$WORK/err" 'protsim: fork at 2015-01: A runs from 2008-01 to 2014-12; the fork month must be after its first month and not after its last'
expect_exit 2 "$BIN" compare a.cfg b.cfg $RUN -o bad.h5 --fork 2012-13
expect_line "$WORK/err" 'protsim: --fork 2012-13: expected a month YYYY-MM, e.g. 2025-01 (see protsim compare --help)'
finish
