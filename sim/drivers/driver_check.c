/* driver_check.c - `protsim check FILE`: tell which format the file is by its top-level
 * settings (a targets file, a calibration file, a sweep file, else a scenario), check
 * it with that format's reader and print its resolved form */
#include "driver.h"

#include <stdlib.h>

#include "protsim/targets.h"
#include "settings.h"

typedef enum { IS_TARGETS, IS_CALIBRATION, IS_SWEEP, IS_SCENARIO } file_kind;

/* The setting that only each format has at its top (in file_kind's order). */
static const char *const MARKS[] = {"targets", "targets_file", "design"};

static ps_status check_scenario(const char *path, const char *const *sets, size_t n_sets,
                                volatile sig_atomic_t *interrupted, FILE *out,
                                ps_error *err)
{
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    ps_status st = ps_driver_load_scenario(path, sets, n_sets, interrupted, sc, err);
    if (st == PS_OK) {
        st = ps_scenario_dump(sc, out, err);
    }
    free(sc);
    return st;
}

static ps_status check_targets(const char *path, FILE *out, ps_error *err)
{
    ps_targets *t = NULL;
    ps_status st = ps_targets_load(path, NULL, &t, err);
    if (st == PS_OK) {
        fputs("{\"kind\": \"targets\", \"targets\": ", out);
        st = ps_targets_write_json(t, out, err);
        fputs("}\n", out);
    }
    ps_targets_destroy(t);
    return st;
}

static ps_status check_calibration(const char *path, FILE *out, ps_error *err)
{
    ps_calibration *cal = NULL;
    ps_status st = ps_calibration_load(path, &cal, err);
    if (st == PS_OK) {
        st = ps_calibration_write_json(cal, out, err);
    }
    ps_calibration_destroy(cal);
    return st;
}

static ps_status check_sweep(const char *path, FILE *out, ps_error *err)
{
    ps_sweep *sw = NULL;
    ps_status st = ps_sweep_load(path, &sw, err);
    if (st == PS_OK) {
        fprintf(out,
                "%s: a sweep of %zu runs (%zu points x %zu replicates) over %zu "
                "parameters, design %s, model %s\n",
                path, sw->n_runs, sw->n_rows, sw->replicates, sw->n_params,
                ps_design_name(sw->design), ps_sweep_model_name(sw->model));
    }
    ps_sweep_destroy(sw);
    return st;
}

ps_status ps_driver_check(const char *path, const char *const *sets, size_t n_sets,
                          volatile sig_atomic_t *interrupted, FILE *out, ps_error *err)
{
    bool found[sizeof MARKS / sizeof *MARKS];
    ps_status st = ps_format_peek(path, MARKS, sizeof MARKS / sizeof *MARKS, interrupted,
                                  found, err);
    if (st == PS_EIO) {
        err->status = PS_EINVAL; /* an input that cannot be read: bad input */
        return PS_EINVAL;
    }
    if (st != PS_OK) {
        return st;
    }
    file_kind kind = IS_SCENARIO;
    for (size_t k = sizeof MARKS / sizeof *MARKS; k-- > 0;) {
        kind = found[k] ? (file_kind)k : kind;
    }
    if (kind != IS_SCENARIO && n_sets > 0) {
        return ps_fail(err, PS_EINVAL, "--set: only for scenarios (%s is a %s file)",
                       path,
                       kind == IS_TARGETS ? "targets"
                       : kind == IS_SWEEP ? "sweep"
                                          : "calibration");
    }
    switch (kind) {
    case IS_TARGETS:
        st = check_targets(path, out, err);
        break;
    case IS_CALIBRATION:
        st = check_calibration(path, out, err);
        break;
    case IS_SWEEP:
        st = check_sweep(path, out, err);
        break;
    default:
        return check_scenario(path, sets, n_sets, interrupted, out, err);
    }
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL;
    }
    return st;
}
