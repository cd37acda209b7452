/* fuzz_set.c - `--set path=value` against a fixed scenario (scenarios/small_world.cfg):
 * each line of the input is one --set string, applied in order, up to MAX_SETS. A
 * failure is one line; a scenario that loads dumps to text that loads again to the same
 * text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#define MAX_SETS 16

static int one(const uint8_t *data, size_t size)
{
    static ps_scenario sc; /* 180 kB: not on the stack */
    char *text = malloc(size + 1);
    const char *sets[MAX_SETS];
    size_t n_sets = 0;
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    for (char *p = text; n_sets < MAX_SETS && p < text + size;) {
        char *end = memchr(p, '\n', (size_t)(text + size - p));
        sets[n_sets++] = p;
        if (end == NULL) {
            break;
        }
        *end = '\0';
        p = end + 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/scenarios/small_world.cfg", ps_fuzz_root());
    ps_error err = {0};
    ps_status st = ps_scenario_load_interruptible(path, sets, n_sets, NULL, &sc, &err);
    free(text);
    if (st != PS_OK) {
        ps_fuzz_check_failure(st, &err);
        return 0;
    }
    ps_fuzz_check_round_trip(&sc);
    return 0;
}

const ps_fuzz_target PS_FUZZ_TARGET = {"scenarios", "1G", NULL, one};
