/* world_fields.c - the world's field list (world_fields.h) walked: allocate, free, copy
 * and describe for checkpoints; adopting a scenario; checking a world read back */
#include "world_fields.h"

#include <stdlib.h>
#include <string.h>

/* calloc that treats a zero count as one element, so NULL always means failure. */
static void *zalloc(size_t n, size_t size)
{
    return calloc(n > 0 ? n : 1, size);
}

#define NO_ROW(...)

bool ps_world_alloc_fields(ps_world *w)
{
    bool ok = true;
#define ALLOC_ARRAY(field, n) ok = ((w->field) = zalloc((n), sizeof *(w->field))) && ok;
#define ALLOC_STREAM(field) ok = ((w->field) = gsl_rng_alloc(ps_rng_xoshiro)) && ok;
    PS_WORLD_FIELDS(NO_ROW, ALLOC_ARRAY, ALLOC_ARRAY, NO_ROW, ALLOC_STREAM)
#undef ALLOC_ARRAY
#undef ALLOC_STREAM
    return ok;
}

void ps_world_free_fields(ps_world *w)
{
#define FREE_ARRAY(field, n) free(w->field);
#define FREE_AGENTS(field) free(w->field);
#define FREE_STREAM(field) gsl_rng_free(w->field);
    PS_WORLD_FIELDS(NO_ROW, FREE_ARRAY, FREE_ARRAY, FREE_AGENTS, FREE_STREAM)
#undef FREE_ARRAY
#undef FREE_AGENTS
#undef FREE_STREAM
}

ps_status ps_world_copy_fields(ps_world *dst, const ps_world *src, ps_error *err)
{
    ps_status st = ps_world_grow_refugees(dst, src->ref.n > 0 ? src->ref.n : 1, err);
    if (st != PS_OK) {
        return st;
    }
    const ps_world *w = src; /* the counts of the list are src's */
#define COPY_VALUE(field, n) memcpy(&dst->field, &src->field, sizeof src->field);
#define COPY_ARRAY(field, n) memcpy(dst->field, src->field, (n) * sizeof *src->field);
#define COPY_AGENTS(field)                                                               \
    memcpy(dst->field, src->field, src->ref.n * sizeof *src->field);
#define COPY_STREAM(field) gsl_rng_memcpy(dst->field, src->field);
    PS_WORLD_FIELDS(COPY_VALUE, COPY_ARRAY, NO_ROW, COPY_AGENTS, COPY_STREAM)
#undef COPY_VALUE
#undef COPY_ARRAY
#undef COPY_AGENTS
#undef COPY_STREAM
    dst->sc = dst->own;
    return PS_OK;
}

/* ---- descriptions for checkpoints ------------------------------------------------ */

#define COUNT_ROW(...) +1
enum { N_FIELDS = 0 PS_WORLD_FIELDS(COUNT_ROW, COUNT_ROW, NO_ROW, COUNT_ROW, COUNT_ROW) };
#undef COUNT_ROW

size_t ps_world_n_fields(void)
{
    return N_FIELDS;
}

static ps_world_field field_of(const char *name, ps_world_type type, size_t size,
                               size_t count, void *data)
{
    return (ps_world_field){name, type, size, count, data};
}

/* Field k of the list (kept rows only); true for an agent array, whose data holds ref.n
 * elements only once the arrays have grown to it. */
static bool describe(ps_world *w, size_t k, ps_world_field *f)
{
    size_t i = 0;
#define DESCRIBE_VALUE(field, n)                                                         \
    if (i++ == k) {                                                                      \
        *f = field_of(#field, PS_WORLD_TYPE(w->field), sizeof w->field / (n), (n),       \
                      (void *)&w->field);                                                \
        return false;                                                                    \
    }
#define DESCRIBE_ARRAY(field, n)                                                         \
    if (i++ == k) {                                                                      \
        *f = field_of(#field, PS_WORLD_TYPE(w->field), sizeof *w->field, (n),            \
                      (void *)w->field);                                                 \
        return false;                                                                    \
    }
#define DESCRIBE_AGENTS(field)                                                           \
    if (i++ == k) {                                                                      \
        *f = field_of(#field, PS_WORLD_TYPE(w->field), sizeof *w->field, w->ref.n,       \
                      (void *)w->field);                                                 \
        return true;                                                                     \
    }
#define DESCRIBE_STREAM(field)                                                           \
    if (i++ == k) {                                                                      \
        *f = field_of(#field, PS_WORLD_BYTES, gsl_rng_size(w->field), 1,                 \
                      gsl_rng_state(w->field));                                          \
        return false;                                                                    \
    }
    PS_WORLD_FIELDS(DESCRIBE_VALUE, DESCRIBE_ARRAY, NO_ROW, DESCRIBE_AGENTS,
                    DESCRIBE_STREAM)
#undef DESCRIBE_VALUE
#undef DESCRIBE_ARRAY
#undef DESCRIBE_AGENTS
#undef DESCRIBE_STREAM
    return false;
}

bool ps_world_field_peek(const ps_world *w, size_t k, ps_world_field *f)
{
    ps_world *described = (ps_world *)w; /* only read: describe writes f alone */
    bool agents = describe(described, k, f);
    if (agents && f->count > w->ref.cap) {
        f->data = NULL;
    }
    return agents;
}

ps_status ps_world_field_at(ps_world *w, size_t k, ps_world_field *f, ps_error *err)
{
    if (describe(w, k, f)) { /* an agent array: room for ref.n first */
        ps_status st = ps_world_grow_refugees(w, w->ref.n > 0 ? w->ref.n : 1, err);
        if (st != PS_OK) {
            return st;
        }
        describe(w, k, f);
    }
    return PS_OK;
}

/* ---- adopting a scenario, checking a restored world ------------------------------ */

void ps_world_adopt(ps_world *w, const ps_scenario *sc)
{
    memcpy(w->own, sc, sizeof *sc);
    w->sc = w->own;
    for (ps_month m = sc->start; m < w->month; m++) { /* in month order, as in a run */
        for (size_t k = 0; k < sc->n_changes; k++) {
            const ps_change *c = &sc->changes[k];
            if (c->at == m) {
                memcpy((char *)w->own + c->offset, c->value, c->size);
            }
        }
    }
}

const ps_scenario *ps_world_scenario(const ps_world *w)
{
    return w->sc;
}

ps_month ps_world_month(const ps_world *w)
{
    return w->month;
}

static ps_status check_agents(const ps_world *w, ps_error *err)
{
    size_t groups = w->n_states * w->n_origins;
    for (size_t r = 0; r < w->ref.n; r++) {
        if (w->ref.group[r] >= groups || ps_agent_code(w->ref.state[r]) > PS_GONE) {
            return ps_fail(err, PS_EINVAL, "agent %zu: group %d or state %d is invalid",
                           r, (int)w->ref.group[r], (int)w->ref.state[r]);
        }
    }
    for (size_t j = 0; j < w->n_ngos; j++) {
        if (w->ngo_home[j] >= w->n_states) {
            return ps_fail(err, PS_EINVAL, "NGO %zu: home state %zu of %zu states", j,
                           w->ngo_home[j], w->n_states);
        }
    }
    for (size_t i = 0; i < w->n_states; i++) {
        if ((unsigned)w->state_rsd[i] >= PS_N_RSD) {
            return ps_fail(err, PS_EINVAL, "state %zu: rsd code %u", i,
                           (unsigned)w->state_rsd[i]);
        }
    }
    return PS_OK;
}

ps_status ps_world_check_fields(const ps_world *w, ps_error *err)
{
    if (w->t == 0 || w->t >= w->n_steps) {
        return ps_fail(err, PS_EINVAL, "t = %zu is not within the run's %zu steps", w->t,
                       w->n_steps);
    }
    if (w->month != w->sc->start + (ps_month)w->t) {
        return ps_fail(err, PS_EINVAL, "month %d is not %zu months after the start %d",
                       (int)w->month, w->t, (int)w->sc->start);
    }
    return check_agents(w, err);
}
