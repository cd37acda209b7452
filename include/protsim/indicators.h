/* indicators.h - what is observed of the world after each step (docs/model.md §8)
 *
 * ps_indicators holds one step's observations as plain arrays, in persons (not agents).
 * ps_indicators_compute reads the world and never changes it; the recorder writes these
 * arrays. Arrays are [n_states] unless a trailing comment says otherwise.
 */
#ifndef PROTSIM_INDICATORS_H
#define PROTSIM_INDICATORS_H

#include <stddef.h>

#include "protsim/error.h"
#include "protsim/series.h"

typedef struct ps_world ps_world; /* world.h */

/* The shape of a field of each kind of PS_SERIES_LIST. */
#define PS_INDICATOR_FIELD_TIME(field, n) double field;
#define PS_INDICATOR_FIELD_SCALAR(field, n) double field;
#define PS_INDICATOR_FIELD_ARRAY(field, n) double field[n];
#define PS_INDICATOR_FIELD_STATES(field, n) double *field; /* [n_states * n] */
#define PS_INDICATOR_FIELD_NGOS(field, n) double *field;   /* [n_ngos * n] */
#define PS_AS_INDICATOR_FIELD(field, kind, n, ...) PS_INDICATOR_FIELD_##kind(field, n)

/* One field per row of PS_SERIES_LIST (series.h says its units and meaning), and the
 * NGOs' network membership, which files keep for the last step only. */
typedef struct ps_indicators {
    size_t n_states, n_ngos;
    PS_SERIES_LIST(PS_AS_INDICATOR_FIELD)
    double *ngo_member; /* [n_ngos] 0/1 */
} ps_indicators;

/* Allocate indicator arrays sized for w. Returns PS_OK or PS_ENOMEM; *out is NULL on
 * failure. */
ps_status ps_indicators_create(const ps_world *w, ps_indicators **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_indicators_destroy(ps_indicators *ind);

/* Copy every value of src into dst, made for a world of the same sizes. */
void ps_indicators_copy(ps_indicators *dst, const ps_indicators *src);

/* Fill ind from the world after a step. Cannot fail. */
void ps_indicators_compute(const ps_world *w, ps_indicators *ind);

#endif
