/* driver_merge.c - `protsim merge`: join the shard files of one sweep into the file an
 * unsharded sweep writes, refusing parts of other sweeps, runs given twice and runs
 * that no part holds */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "record_sweep.h"

/* What is being merged: the parts read so far, folded into one set of results. */
typedef struct merge {
    const char *const *parts; /* borrowed from argv */
    size_t n_parts;
    ps_sweep_results *res; /* owned: the merged results */
    size_t *owner;         /* owned: [n_runs] part holding each run, or n_parts */
    char digest[65];       /* of the first part */
    char build[65];        /* of the first part */
} merge;

/* A part of another sweep, or of another shape, is refused. */
static ps_status check_part(const merge *m, size_t p, const ps_sweep_part *part,
                            ps_error *err)
{
    const ps_sweep_results *a = m->res, *b = part->res;
    if (strcmp(part->digest, m->digest) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: a part of another sweep (digest %.12s..., "
                       "%s has %.12s...)",
                       m->parts[p], part->digest, m->parts[0], m->digest);
    }
    if (strcmp(part->build, m->build) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: computed by another protsim build (%.12s..., "
                       "%s by %.12s...), whose runs could differ",
                       m->parts[p], part->build, m->parts[0], m->build);
    }
    if (a->n_runs != b->n_runs || a->n_values != b->n_values ||
        a->n_series != b->n_series) {
        return ps_fail(err, PS_EINVAL, "%s: runs or values differ in number from %s",
                       m->parts[p], m->parts[0]);
    }
    return PS_OK;
}

/* Take the runs part p holds; a run another part holds already is refused. */
static ps_status take_runs(merge *m, size_t p, const ps_sweep_part *part, ps_error *err)
{
    const ps_sweep_results *b = part->res;
    for (size_t r = 0; r < b->n_runs; r++) {
        if (b->status[r] == PS_RUN_MISSING) {
            continue;
        }
        if (m->owner[r] != m->n_parts) {
            return ps_fail(err, PS_EINVAL,
                           "%s: run %zu is also in %s (a shard given "
                           "twice?)",
                           m->parts[p], r, m->parts[m->owner[r]]);
        }
        m->owner[r] = p;
        ps_sweep_results_set(m->res, r, b->status[r], b->values + r * b->n_values,
                             b->series != NULL ? b->series + r * b->n_series : NULL);
    }
    return PS_OK;
}

/* Results and owners sized by the first part. */
static ps_status start(merge *m, const ps_sweep_part *first, ps_error *err)
{
    const ps_sweep_results *b = first->res;
    memcpy(m->digest, first->digest, sizeof m->digest);
    memcpy(m->build, first->build, sizeof m->build);
    ps_status st =
        ps_sweep_results_create(b->n_runs, b->n_values, b->n_series, &m->res, err);
    m->owner = st == PS_OK ? malloc((b->n_runs + 1) * sizeof *m->owner) : NULL;
    if (st == PS_OK && m->owner == NULL) {
        st = ps_fail(err, PS_ENOMEM, "cannot allocate the owners of %zu runs", b->n_runs);
    }
    for (size_t r = 0; st == PS_OK && r < b->n_runs; r++) {
        m->owner[r] = m->n_parts;
    }
    return st;
}

static ps_status take_part(merge *m, size_t p, ps_error *err)
{
    ps_sweep_part *part = NULL;
    ps_status st = ps_record_sweep_load(m->parts[p], &part, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL; /* a part that cannot be read is bad input */
    }
    if (st == PS_OK && p == 0) {
        st = start(m, part, err);
    }
    st = st == PS_OK ? check_part(m, p, part, err) : st;
    st = st == PS_OK ? take_runs(m, p, part, err) : st;
    ps_record_sweep_destroy(part);
    return st;
}

/* Every run must come from some part. */
static ps_status check_missing(const merge *m, ps_error *err)
{
    size_t n_missing = 0, first = 0;
    for (size_t r = m->res->n_runs; r-- > 0;) {
        if (m->owner[r] == m->n_parts) {
            n_missing++;
            first = r;
        }
    }
    if (n_missing > 0) {
        return ps_fail(err, PS_EINVAL,
                       "%zu of %zu runs are in no part, the first run %zu "
                       "(a shard missing, or not finished?)",
                       n_missing, m->res->n_runs, first);
    }
    return PS_OK;
}

static ps_status run_merge(merge *m, const ps_merge_options *a, ps_error *err)
{
    ps_status st = PS_OK;
    for (size_t p = 0; st == PS_OK && p < m->n_parts; p++) {
        st = a->interrupted != NULL && *a->interrupted
                 ? ps_fail(err, PS_EINTR, "interrupted; nothing written to %s", a->output)
                 : take_part(m, p, err);
    }
    st = st == PS_OK ? check_missing(m, err) : st;
    st = st == PS_OK ? ps_record_sweep_rewrite(m->parts[0], a->output, a->force, m->res,
                                               a->command_line, err)
                     : st;
    if (st == PS_OK && !a->quiet) {
        size_t n_failed = 0;
        for (size_t r = 0; r < m->res->n_runs; r++) {
            n_failed += m->res->status[r] == PS_RUN_FAILED;
        }
        printf("merged %zu parts: %zu runs (%zu failed); wrote %s\n", m->n_parts,
               m->res->n_runs, n_failed, a->output);
    }
    return st;
}

ps_status ps_driver_merge(const ps_merge_options *opt, ps_error *err)
{
    merge m = {.parts = opt->parts, .n_parts = opt->n_parts};
    ps_status st = run_merge(&m, opt, err);
    ps_sweep_results_destroy(m.res);
    free(m.owner);
    return st;
}
