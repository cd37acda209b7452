/* targets_impl.h - what the targets file and the observer share: the series a measure
 * may select (the rows of PS_SERIES_LIST with the offsets of their ps_indicators
 * fields) and the labels of their last axes */
#ifndef PROTSIM_TARGETS_IMPL_H
#define PROTSIM_TARGETS_IMPL_H

#include <stddef.h>

#include "protsim/targets.h"

/* The shape of a series per step (series.h's kinds). */
typedef enum {
    PS_SEL_TIME,
    PS_SEL_SCALAR,
    PS_SEL_ARRAY,
    PS_SEL_STATES,
    PS_SEL_NGOS
} ps_sel_shape;

/* One row of PS_SERIES_LIST, as a measure reads it. */
typedef struct ps_sel_series {
    const char *path; /* "refugees/count": the dataset without its leading "/" */
    ps_sel_shape shape;
    size_t n;         /* length of the last axis; 1 when there is none */
    const char *axis; /* its name, "" when n is 1 */
    size_t offset;    /* of the field in ps_indicators */
} ps_sel_series;

extern const ps_sel_series PS_SEL_SERIES[];
extern const size_t PS_N_SEL_SERIES;

/* The name of label i of an axis ("status", "flow", ...), or NULL past its end. */
const char *ps_sel_label(const char *axis, size_t i);

#endif
