#!/usr/bin/env bash
# real_scenarios.sh - the Asia-Pacific baseline and its variants load, resolve to a
# scenario that loads again unchanged, hold the data they cite, and differ from the
# baseline only where intended. No full-scale run: one quarter at 1 agent per 1,000.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
SCN="$SRC/scenarios"

# The block of one state in a resolved scenario, from its name to the next state.
state_block() {
  awk -v want="            name = \"$2\";" '
    $0 == want { on = 1; print; next }
    on && /^            name = "/ { exit }
    on { print }' "$1"
}

# Lines that differ between two resolved scenarios, without name and description.
changes() {
  diff "$1" "$2" | grep '^[<>]' | grep -v -e ' name = ' -e ' description = ' \
    | sed 's/^\([<>]\) */\1 /'
}

for f in asia_pacific strategy_ratification strategy_legislation no_network; do
  expect_exit 0 "$BIN" check "$SCN/$f.cfg"
  cp out "$f.cfg"
  expect_exit 0 "$BIN" check "$f.cfg"   # the resolved scenario loads again...
  cmp -s out "$f.cfg" && pass || fail "$f: resolved scenario does not reload unchanged"
done

base=asia_pacific.cfg
expect_line $base 'name = "asia_pacific";'
expect_line $base '    start = "2008-01";'
expect_line $base '    end = "2030-12";'
expect_line $base '    agents_per_person = 1.0;'
n_states=$(grep -c '^            iso3 = ' $base)
[ "$n_states" -eq 39 ] && pass || fail "asia_pacific has $n_states states, want 39"
n_origins=$(grep -c '^        mandate_recognition = ' $base)
[ "$n_origins" -eq 10 ] && pass || fail "asia_pacific has $n_origins origins, want 10"
expect_line $base '    founded = "2008-11";'
expect_line $base '    founders = 70;'
expect_line $base '    consultation_month = 6;'

# Spot values from data/ (states_2008_2018.csv, population_by_asylum_*.csv).
state_block $base Bangladesh > bgd
expect_line bgd '                refugees = 28384.0;'
expect_line bgd '                unregistered = 200203.0;'
expect_line bgd '                    start = "2017-08";'
state_block $base Nepal > npl
expect_line npl '                refugees = 124826.0;'
expect_line npl '                asylum_seekers = 975.0;'
state_block $base Malaysia > mys
expect_line mys '                refugees = 36668.0;'
expect_line mys '                asylum_seekers = 9322.0;'
expect_line mys '            ratified = false;'
state_block $base Japan > jpn
expect_line jpn '            ratified = true;'
expect_line jpn '            ratified_year = 1981;'
expect_line jpn '            law_level = 2;'
expect_line jpn '            rsd = "state";'
state_block $base "Republic of Korea" > kor
expect_line kor '            law_level = 1;'
expect_line kor '            bill_pending = true;'
expect_line kor '                    date = "2018-05";'
state_block $base Nauru > nru
expect_line nru '                name = "Australia";'
expect_line nru '            ratified = false;'
state_block $base Pakistan > pak
expect_line pak '                refugees = 1780935.0;'
expect_line pak '                    year = 2016;'

# The variants change one setting each (besides name and description).
changes $base strategy_ratification.cfg > d
printf '%s\n' '< strategy = "adaptive";' '> strategy = "ratification";' > want
cmp -s d want && pass || fail "strategy_ratification changes: $(cat d)"
changes $base strategy_legislation.cfg > d
printf '%s\n' '< strategy = "adaptive";' '> strategy = "legislation";' > want
cmp -s d want && pass || fail "strategy_legislation changes: $(cat d)"
changes $base no_network.cfg > d
printf '%s\n' '< founded = "2008-11";' '> founded = "2031-01";' > want
cmp -s d want && pass || fail "no_network changes: $(cat d)"

# The baseline runs: one quarter at 1 agent per 1,000 persons.
expect_exit 0 "$BIN" run "$SCN/asia_pacific.cfg" -o q.h5 --set time.end=2008-03 \
  --set refugees.agents_per_person=0.001
expect_match out '^asia_pacific: seed 20081101, 2008-01 to 2008-03 \(3 months\), 39 states, 522 NGOs$'
finish
