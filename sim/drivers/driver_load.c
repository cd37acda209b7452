/* driver_load.c - what the drivers share about their inputs: loading a scenario, and
 * the horizon year of a comparison */
#include "driver.h"
#include "driver_replicate.h"

#include <stdio.h>
#include <string.h>

ps_status ps_driver_load_scenario(const char *path, const char *const *sets,
                                  size_t n_sets, volatile sig_atomic_t *interrupted,
                                  ps_scenario *sc, ps_error *err)
{
    ps_status st =
        ps_scenario_load_interruptible(path, sets, n_sets, interrupted, sc, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL;
    }
    return st;
}

ps_status ps_driver_check_fork(const ps_scenario *a, const char *a_name,
                               const ps_scenario *b, const char *b_name, ps_month fork,
                               ps_error *err)
{
    char at[16], start[16], end[16];
    ps_month_format(fork, at, sizeof at);
    ps_month_format(a->start, start, sizeof start);
    ps_month_format(a->end, end, sizeof end);
    if (fork <= a->start || fork > a->end) {
        return ps_fail(err, PS_EINVAL,
                       "fork at %s: %s runs from %s to %s; the fork month must be after "
                       "its first month and not after its last",
                       at, a_name, start, end);
    }
    ps_scenario_difference d;
    if (ps_scenario_differs(a, b, fork, &d)) {
        return ps_fail(err, PS_EINVAL,
                       "%s differs from %s before the fork at %s: %s is %s in %s and %s "
                       "in %s (only schedule entries from %s on may differ)",
                       b_name, a_name, at, d.path, d.a, a_name, d.b, b_name, at);
    }
    return PS_OK;
}

/* "2008-01 to 2030-12" */
static void period(const ps_scenario *sc, char *buf, size_t size)
{
    char start[16], end[16];
    ps_month_format(sc->start, start, sizeof start);
    ps_month_format(sc->end, end, sizeof end);
    snprintf(buf, size, "%s to %s", start, end);
}

ps_status ps_driver_compare_horizon(const ps_scenario *const sc[2], uint64_t asked,
                                    int *year, ps_error *err)
{
    char text[2][64];
    period(sc[0], text[0], sizeof text[0]);
    period(sc[1], text[1], sizeof text[1]);
    if (asked != 0) {
        ps_month december = (ps_month)asked * 12 + 11;
        for (int s = 0; s < 2; s++) {
            if (december < sc[s]->start || december > sc[s]->end) {
                return ps_fail(err, PS_EINVAL,
                               "--horizon %d: %s (%s) does not simulate December %d "
                               "(see protsim compare --help)",
                               (int)asked, s == 0 ? "A" : "B", text[s], (int)asked);
            }
        }
        *year = (int)asked;
        return PS_OK;
    }
    ps_month first = sc[0]->start > sc[1]->start ? sc[0]->start : sc[1]->start;
    ps_month last = sc[0]->end < sc[1]->end ? sc[0]->end : sc[1]->end;
    int y = last % 12 == 11 ? last / 12 : last / 12 - 1;
    if ((ps_month)y * 12 < first) {
        return ps_fail(
            err, PS_EINVAL,
            "A (%s) and B (%s) share no whole calendar year; give --horizon YEAR",
            text[0], text[1]);
    }
    *year = y;
    return PS_OK;
}

ps_status ps_driver_pick_keep(const char *keep, ps_record_keep *out, ps_error *err)
{
    static const char *const NAMES[] = {"all", "quantiles", "summary"};
    for (int k = 0; k < 3; k++) {
        if (strcmp(keep != NULL ? keep : "quantiles", NAMES[k]) == 0) {
            *out = (ps_record_keep)k;
            return PS_OK;
        }
    }
    return ps_fail(err, PS_EINVAL,
                   "--keep %s: expected summary, quantiles or all (see protsim compare "
                   "--help)",
                   keep);
}
