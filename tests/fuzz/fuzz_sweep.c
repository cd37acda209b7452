/* fuzz_sweep.c - the sweep-file loader through the entry `protsim sweep` uses
 * (ps_sweep_load_interruptible on a file): the input is a sweep file in the sandbox's
 * scenarios/sweeps/, whose @include and base reach copies of scenarios/ and tests/data/
 * only. A failure is one line; a sweep that loads has a design inside the unit cube,
 * values inside each parameter's range, and a loadable scenario at its first and last
 * design rows (the loader checked every parameter against the settings table). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "fuzz_common.h"
#include "protsim/sweep.h"

/* Whether the base the sweep text names (read as the loader reads it: through the same
 * reader, @include merged) stays in the sandbox. */
static bool base_confined(const char *text, const char *path)
{
    ps_error err = {0};
    ps_config_reader *rd = ps_config_reader_create(NULL, &err);
    const char *kept = path, *base = NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/scenarios/sweeps/", ps_fuzz_root());
    if (rd != NULL && ps_config_read_string(rd, text, path, dir, &kept) == PS_OK) {
        const ps_node *node = ps_node_member(ps_config_reader_root(rd), "base");
        base = node != NULL ? ps_node_string(node) : NULL;
    }
    bool confined = base == NULL || ps_fuzz_path_confined(base, strlen(base), 2);
    ps_config_reader_destroy(rd);
    return confined;
}

/* The promises of a loaded sweep (see the file's comment). */
static void check_sweep(const ps_sweep *sw)
{
    static ps_scenario sc; /* 180 kB: not on the stack */
    if (sw->n_runs != sw->n_rows * sw->replicates || sw->n_rows == 0) {
        ps_fuzz_fail("%zu runs of %zu rows x %zu replicates", sw->n_runs, sw->n_rows,
                     sw->replicates);
    }
    for (size_t i = 0; i < sw->n_rows; i++) {
        for (size_t j = 0; j < sw->n_params; j++) {
            double u = sw->unit[i * sw->n_params + j], v = ps_sweep_value(sw, i, j);
            const ps_sweep_param *p = &sw->params[j];
            bool in_range = p->labels[0] != NULL ? v >= 0 && v < (double)p->n_values
                                                 : v >= p->lo && v <= p->hi;
            if (!(u >= 0 && u <= 1) || !in_range) {
                ps_fuzz_fail(
                    "row %zu, %s: unit %.17g, value %.17g outside [%.17g, %.17g]", i,
                    p->path, u, v, p->lo, p->hi);
            }
        }
    }
    for (size_t k = 0; sw->model == PS_MODEL_SCENARIO && k < 2; k++) {
        size_t row = k == 0 ? 0 : sw->n_rows - 1;
        ps_error err = {0};
        if (ps_sweep_scenario(sw, row, &sc, &err) != PS_OK) {
            ps_fuzz_fail("design row %zu of a loaded sweep does not load: %s", row,
                         err.msg);
        }
    }
}

static int one(const uint8_t *data, size_t size)
{
    if (!ps_fuzz_includes_confined(data, size, 2)) {
        return PS_FUZZ_SKIP;
    }
    char *text = malloc(size + 1);
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    const char *path = ps_fuzz_write("scenarios/sweeps/fuzz-input.cfg", data, size);
    bool confined = base_confined(text, path);
    free(text);
    if (!confined) {
        return PS_FUZZ_SKIP;
    }
    ps_sweep *sw = NULL;
    ps_error err = {0};
    ps_status st = ps_sweep_load_interruptible(path, NULL, &sw, &err);
    if (st != PS_OK) {
        ps_fuzz_check_failure(st, &err);
        return 0;
    }
    check_sweep(sw);
    ps_sweep_destroy(sw);
    return 0;
}

const ps_fuzz_target PS_FUZZ_TARGET = {"scenarios/sweeps", "64M", NULL, one};
