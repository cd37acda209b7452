/* fuzz_scenario.c - the scenario loader through the entry `protsim run` and `check` use
 * (ps_scenario_load_interruptible on a file): the input is a scenario file in the
 * sandbox's tests/data/, whose @include reach copies of scenarios/ and tests/data/ only.
 * A failure is one line; a scenario that loads dumps to text that loads again to the
 * same text. */
#include "fuzz_common.h"

static int one(const uint8_t *data, size_t size)
{
    static ps_scenario sc; /* 180 kB: not on the stack */
    if (!ps_fuzz_includes_confined(data, size, 2)) {
        return PS_FUZZ_SKIP;
    }
    const char *path = ps_fuzz_write("tests/data/fuzz-input.cfg", data, size);
    ps_error err = {0};
    ps_status st = ps_scenario_load_interruptible(path, NULL, 0, NULL, &sc, &err);
    if (st != PS_OK) {
        ps_fuzz_check_failure(st, &err);
        return 0;
    }
    ps_fuzz_check_round_trip(&sc);
    return 0;
}

const ps_fuzz_target PS_FUZZ_TARGET = {"tests/data", "1G", NULL, one};
