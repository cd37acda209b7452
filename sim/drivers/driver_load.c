/* driver_load.c - what the drivers share about their inputs: loading a scenario */
#include "driver.h"

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
