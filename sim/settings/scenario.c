/* scenario.c - the public entries of the settings layer for scenarios: load a file or
 * text (read by config_read.c, --set by scenario_set.c, checked by the engine of
 * settings.c against scenario_table.c) and the unit of a path */
#include "protsim/scenario.h"

#include <string.h>

#include "scenario_set.h"
#include "settings.h"

/* The --set overrides of one load. */
typedef struct set_list {
    const char *const *sets;
    size_t n_sets;
} set_list;

/* Apply the --set overrides to the merged tree; the scenario starts zeroed. */
static ps_status apply_sets(ps_tree *tree, const char *file, void *ctx, ps_error *err)
{
    const set_list *sl = ctx;
    for (size_t i = 0; i < sl->n_sets; i++) {
        ps_status st = ps_scenario_set(tree, file, sl->sets[i], err);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* The last check: the file it came from. */
static ps_status keep_source(const ps_loader *ld, const ps_node *root, void *out,
                             void *ctx)
{
    ps_scenario *sc = out;
    (void)root;
    (void)ctx;
    snprintf(sc->source, sizeof sc->source, "%s", ld->file);
    return PS_OK;
}

static ps_format_check *const SCENARIO_CHECKS[] = {
    ps_scenario_check_memory, ps_scenario_check_schedule, keep_source};

/* A scenario file: the table of scenario_table.c, --set first, the source last. */
static const ps_format SCENARIO_FORMAT = {.scope = &PS_SCENARIO_SCOPE,
                                          .prepare = apply_sets,
                                          .checks = SCENARIO_CHECKS,
                                          .n_checks = 3,
                                          .scenario = true};

ps_status ps_scenario_from_config(const ps_tree *cfg, const char *file, ps_scenario *sc,
                                  ps_error *err)
{
    memset(sc, 0, sizeof *sc); /* padding too: loaded scenarios compare with memcmp */
    return ps_format_load_tree(&SCENARIO_FORMAT, cfg, file, NULL, sc, NULL, err);
}

ps_status ps_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                           ps_scenario *sc, ps_error *err)
{
    return ps_scenario_load_interruptible(path, sets, n_sets, NULL, sc, err);
}

ps_status ps_scenario_load_interruptible(const char *path, const char *const *sets,
                                         size_t n_sets, const volatile sig_atomic_t *stop,
                                         ps_scenario *sc, ps_error *err)
{
    set_list sl = {sets, n_sets};
    memset(sc, 0, sizeof *sc);
    return ps_format_load_file(&SCENARIO_FORMAT, path, stop, sc, &sl, err);
}

ps_status ps_scenario_load_string(const char *text, const char *name,
                                  const char *include_dir, const char *const *sets,
                                  size_t n_sets, ps_scenario *sc, ps_error *err)
{
    set_list sl = {sets, n_sets};
    memset(sc, 0, sizeof *sc);
    return ps_format_load_string(&SCENARIO_FORMAT, text, name, include_dir, NULL, sc, &sl,
                                 err);
}

const char *ps_scenario_unit(const char *path)
{
    const ps_setting *row = ps_scenario_path_row(path);
    return row != NULL ? row->unit : NULL;
}
