/* record_ensemble.c - the plausible ensemble of run and compare files with
 * --parameters: one dataset per row of PS_ENSEMBLE (record_schema.c), from the arrays
 * of a ps_record_ensemble; a group whose arrays are missing is left out */
#include "record_impl.h"

#include <stdlib.h>
#include <string.h>

#include "protsim/summary.h"
#include "record_schema.h"

/* The double array at offset in e. */
static const double *real_at(const ps_record_ensemble *e, size_t offset)
{
    const double *const *field = (const void *)((const char *)e + offset);
    return *field;
}

static bool group_present(const ps_record_ensemble *e, int group)
{
    return group == 0 || (group == 1 && e->n_targets > 0) ||
           (group == 2 && e->better_is != NULL);
}

/* The length of the axis an index coordinate counts. */
static size_t index_length(const ps_record_ensemble *e, size_t axis)
{
    return axis == PS_ENS_AXIS_POINT ? e->n_points
           : axis == PS_ENS_AXIS_RUN ? e->n_runs
                                     : e->n_steps;
}

/* The array of row spec (its shape and data from e; index holds 0, 1, ... for the
 * longest axis). */
static ps_record_array array_of(const ps_ensemble_spec *spec, const ps_record_ensemble *e,
                                const char **metrics, const int64_t *index)
{
    ps_record_array a = {.path = spec->doc.path,
                         .units = spec->doc.units,
                         .dims = spec->doc.dims,
                         .description = spec->doc.description,
                         .rank = 1};
    size_t P = e->n_params, T = e->n_targets, M = PS_N_METRICS;
    switch (spec->from) {
    case PS_ENS_INDEX:
        a.shape[0] = index_length(e, spec->offset);
        a.integer = index;
        break;
    case PS_ENS_SOURCE:
        a.rank = 0;
        a.text = &e->source;
        break;
    case PS_ENS_PATHS:
    case PS_ENS_NAMES:
        a.shape[0] = P;
        a.text = spec->from == PS_ENS_PATHS ? e->paths : e->names;
        break;
    case PS_ENS_VALUES:
        a = (ps_record_array){a.path,           a.units,   a.dims, a.description, 2,
                              {e->n_points, P}, e->values, NULL,   NULL};
        break;
    case PS_ENS_POINT:
        a.shape[0] = e->n_runs;
        a.integer = e->point;
        break;
    case PS_ENS_T_NAMES:
    case PS_ENS_T_UNITS:
        a.shape[0] = T;
        a.text = spec->from == PS_ENS_T_NAMES ? e->target_names : e->target_units;
        break;
    case PS_ENS_T_REAL:
        a.shape[0] = T;
        a.real = real_at(e, spec->offset);
        break;
    case PS_ENS_T_VALUES:
        a = (ps_record_array){a.path,         a.units,          a.dims, a.description, 2,
                              {e->n_runs, T}, e->target_values, NULL,   NULL};
        break;
    case PS_ENS_T_COVERED:
        a.shape[0] = T;
        a.integer = e->covered;
        break;
    case PS_ENS_R_METRICS:
    case PS_ENS_R_BETTER:
        a.shape[0] = M;
        a.text = spec->from == PS_ENS_R_METRICS ? metrics : e->better_is;
        break;
    case PS_ENS_R_POINTS:
        a = (ps_record_array){a.path,
                              a.units,
                              a.dims,
                              a.description,
                              2,
                              {e->n_points, M},
                              real_at(e, spec->offset),
                              NULL,
                              NULL};
        break;
    case PS_ENS_R_METRIC:
        a.shape[0] = M;
        a.real = real_at(e, spec->offset);
        break;
    case PS_ENS_R_DISCOVERY:
        a.rank = 0;
        a.text = &e->discovery;
        break;
    case PS_ENS_R_STEPS:
        a.shape[0] = e->n_steps;
        a.real = real_at(e, spec->offset);
        break;
    case PS_ENS_R_BOX:
        a.shape[0] = P;
        a.real = real_at(e, spec->offset);
        break;
    case PS_ENS_R_RESTRICTED:
        a.shape[0] = P;
        a.integer = e->restricted;
        break;
    }
    return a;
}

ps_status ps_recorder_write_ensemble(ps_recorder *rec, const ps_record_ensemble *e,
                                     ps_error *err)
{
    const char *metrics[PS_N_METRICS];
    for (int m = 0; m < PS_N_METRICS; m++) {
        metrics[m] = ps_metric_name((ps_metric)m);
    }
    size_t longest = e->n_runs > e->n_points ? e->n_runs : e->n_points;
    longest = e->n_steps > longest ? e->n_steps : longest;
    int64_t *index = malloc((longest + 1) * sizeof *index);
    if (index == NULL) {
        return ps_fail(err, PS_ENOMEM, "cannot allocate %zu indices", longest);
    }
    for (size_t i = 0; i < longest; i++) {
        index[i] = (int64_t)i;
    }
    ps_status st = PS_OK;
    for (int g = 0; g < 3 && st == PS_OK; g++) {
        if (group_present(e, g)) {
            st = ps_recorder_add_group(rec, PS_ENSEMBLE_GROUPS[g].path,
                                       PS_ENSEMBLE_GROUPS[g].description, err);
        }
    }
    for (size_t k = 0; k < PS_N_ENSEMBLE && st == PS_OK; k++) {
        if (group_present(e, PS_ENSEMBLE[k].group)) {
            ps_record_array a = array_of(&PS_ENSEMBLE[k], e, metrics, index);
            st = ps_recorder_write_array(rec, &a, err);
        }
    }
    free(index);
    return st;
}
