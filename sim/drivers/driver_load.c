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
