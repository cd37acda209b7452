/* record_compare.c - the comparison table of a compare file: one dataset per row of
 * PS_COMPARE (record_schema.c), filled from the paired results */
#include "record_impl.h"

#include <stdlib.h>
#include <string.h>

#include "protsim/summary.h"
#include "record_schema.h"

/* What one dataset of /comparison holds, gathered into buffers of the caller. */
typedef struct table_buffers {
    const char *text[PS_N_METRICS];
    int64_t integer[PS_N_METRICS];
    double real[PS_N_METRICS];
} table_buffers;

/* The text labels of the rows of spec. */
static void gather_text(const ps_compare_spec *spec, const ps_record_comparison *c,
                        table_buffers *t)
{
    for (int m = 0; m < PS_N_METRICS; m++) {
        t->text[m] = spec->from == PS_CMP_METRIC_NAME   ? ps_metric_name((ps_metric)m)
                     : spec->from == PS_CMP_METRIC_UNIT ? ps_metric_unit((ps_metric)m)
                                                        : ps_test_name(c->res[m].r.test);
    }
}

/* One value per metric: the pair counts, or a double of ps_paired_result. */
static void gather_rows(const ps_compare_spec *spec, const ps_record_comparison *c,
                        table_buffers *t)
{
    for (int m = 0; m < PS_N_METRICS; m++) {
        const ps_paired_result *r = &c->res[m];
        if (spec->from == PS_CMP_RESULT) {
            t->real[m] = *(const double *)(const void *)((const char *)r + spec->offset);
        } else {
            t->integer[m] = (int64_t)(spec->from == PS_CMP_PAIRS ? r->n : r->n_differ);
        }
    }
}

/* The array of spec, its data in t or in c. */
static ps_record_array table_array(const ps_compare_spec *spec,
                                   const ps_record_comparison *c, table_buffers *t)
{
    ps_record_array a = {spec->doc.path,
                         spec->doc.units,
                         spec->doc.dims,
                         spec->doc.description,
                         1,
                         {PS_N_METRICS, 0},
                         NULL,
                         NULL,
                         NULL};
    switch (spec->from) {
    case PS_CMP_METRIC_NAME:
    case PS_CMP_METRIC_UNIT:
    case PS_CMP_TEST:
        gather_text(spec, c, t);
        a.text = t->text;
        break;
    case PS_CMP_PAIRS:
    case PS_CMP_DIFFER:
        gather_rows(spec, c, t);
        a.integer = t->integer;
        break;
    case PS_CMP_RESULT:
        gather_rows(spec, c, t);
        a.real = t->real;
        break;
    case PS_CMP_REPLICATE:
        break; /* the caller's index */
    case PS_CMP_A_VALUES:
    case PS_CMP_B_VALUES:
        a.rank = 2;
        a.shape[0] = c->n_replicates;
        a.shape[1] = PS_N_METRICS;
        a.real = spec->from == PS_CMP_A_VALUES ? c->a_values : c->b_values;
        break;
    case PS_CMP_HORIZON:
        a.rank = 0;
        a.integer = &c->horizon;
        break;
    case PS_CMP_LEVEL:
        a.rank = 0;
        a.real = &c->level;
        break;
    }
    return a;
}

ps_status ps_recorder_write_comparison(ps_recorder *rec, const ps_record_comparison *c,
                                       ps_error *err)
{
    int64_t *index = malloc((c->n_replicates + 1) * sizeof *index);
    if (index == NULL) {
        return ps_fail(err, PS_ENOMEM, "compare: cannot allocate %zu replicates",
                       c->n_replicates);
    }
    for (size_t r = 0; r < c->n_replicates; r++) {
        index[r] = (int64_t)r;
    }
    ps_status st = ps_recorder_add_group(rec, PS_COMPARE_GROUP.path,
                                         PS_COMPARE_GROUP.description, err);
    for (size_t k = 0; k < PS_N_COMPARE && st == PS_OK; k++) {
        table_buffers t;
        memset(&t, 0, sizeof t);
        ps_record_array a = table_array(&PS_COMPARE[k], c, &t);
        if (PS_COMPARE[k].from == PS_CMP_REPLICATE) {
            a.shape[0] = c->n_replicates;
            a.integer = index;
        }
        st = ps_recorder_write_array(rec, &a, err);
    }
    free(index);
    return st;
}
