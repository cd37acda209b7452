/* record_schema.h - every group and dataset of run, replicate, compare and sweep files as
 * data (docs/output.md follows it; tests/unit/test_record_schema.c checks that it does).
 * The writers (record_h5.c, record_sweep.c) and `protsim info` (record_info.c) walk
 * these tables; none of them names a dataset of its own. */
#ifndef PROTSIM_RECORD_SCHEMA_H
#define PROTSIM_RECORD_SCHEMA_H

#include <stddef.h>

#include "protsim/indicators.h"
#include "protsim/scenario.h"

/* What a reader is told about a dataset: its attributes units, dimensions (the names
 * of its axes, comma-separated) and description (one sentence). */
typedef struct ps_dataset_doc {
    const char *path, *units, *dims, *description;
} ps_dataset_doc;

typedef struct ps_group_doc {
    const char *path, *description;
} ps_group_doc;

/* ---- run and replicate files, and each scenario of a compare file ----------------- */

/* The groups of a layout. */
extern const ps_group_doc PS_RUN_GROUPS[];
extern const size_t PS_N_RUN_GROUPS;

/* Where a series takes one step's values from in ps_indicators (series.h's kinds). */
typedef enum {
    PS_FROM_TIME,   /* the time field: the same in every run, so no replicate axis */
    PS_FROM_SCALAR, /* a double field: one value */
    PS_FROM_ARRAY,  /* a double[inner] field */
    PS_FROM_STATES, /* a double * field: [n_states * inner] */
    PS_FROM_NGOS    /* a double * field: [n_ngos * inner] */
} ps_series_from;

/* One row of PS_SERIES_LIST: shape [time] + [state or ngo] + [inner when > 1]. */
typedef struct ps_series_spec {
    const char *path, *units, *axis, *description; /* axis: of inner, "" when 1 */
    size_t offset;                                 /* of the field in ps_indicators */
    ps_series_from from;
    size_t inner; /* size of the last axis; 1 when there is none */
} ps_series_spec;

#define PS_AS_ONE_SERIES(...) +1
enum { PS_N_SERIES = 0 PS_SERIES_LIST(PS_AS_ONE_SERIES) };
#undef PS_AS_ONE_SERIES

extern const ps_series_spec PS_SERIES[PS_N_SERIES];

/* The dimensions of series s, e.g. "time,state,component", into buf. */
void ps_schema_series_dims(const ps_series_spec *s, char *buf, size_t size);

/* The values of series s per step in a layout of n_states states and n_ngos NGOs. */
size_t ps_schema_series_row(const ps_series_spec *s, size_t n_states, size_t n_ngos);

#define PS_NAMES_PER_STATE 0 /* ps_names_spec.count: one name per state */

/* A list of names: the labels of the states and of the last axes of PS_SERIES. */
typedef struct ps_names_spec {
    ps_dataset_doc doc;
    size_t count; /* or PS_NAMES_PER_STATE */
    const char *(*name)(const ps_scenario *sc, size_t i);
    const char *(*meaning)(size_t i); /* NULL for the states' lists */
} ps_names_spec;

extern const ps_names_spec PS_NAMES[];
extern const size_t PS_N_NAMES;

/* The datasets that are neither series nor names, each written by its own function. */
enum {
    PS_OTHER_HOME,
    PS_OTHER_MEMBER,
    PS_OTHER_EVENTS,
    PS_OTHER_SEEDS,
    PS_OTHER_MONTH,
    PS_N_OTHERS
};
extern const ps_dataset_doc PS_OTHERS[PS_N_OTHERS];

/* The description of /events in a layout with a replicate axis adds this. */
#define PS_EVENTS_REPLICATE_NOTE "; and the replicate it happened in"

/* The fields of a row of /events; the last only with a replicate axis. */
typedef enum { PS_FIELD_TEXT, PS_FIELD_REAL, PS_FIELD_INT } ps_field_kind;
typedef struct ps_event_field {
    const char *name;
    ps_field_kind kind;
    const char *meaning;
} ps_event_field;
enum { PS_N_EVENT_FIELDS = 7 };
extern const ps_event_field PS_EVENT_FIELDS[PS_N_EVENT_FIELDS];

/* Dimension scales: a dataset whose name is that of its one axis is the coordinate of
 * that axis (HDF5 dimension scales, read by netCDF tools and xarray as named
 * dimensions); every axis of every dataset is attached to the scale of its name in the
 * dataset's group or the nearest group above (ps_record_attach_scales). */
typedef enum {
    PS_SCALE_NAMES, /* the names of the list of PS_NAMES with the same dimension */
    PS_SCALE_INDEX  /* 0 .. n-1 */
} ps_scale_from;

typedef struct ps_scale_spec {
    ps_dataset_doc doc;
    ps_scale_from from;
} ps_scale_spec;

/* The scales of a layout besides /time (a series): created with the layout, but
 * /replicate only with a replicate axis and /event (PS_RUN_EVENT_SCALE) at close. */
extern const ps_scale_spec PS_RUN_SCALES[];
extern const size_t PS_N_RUN_SCALES;
#define PS_RUN_EVENT_SCALE "/event"

/* The quantiles a PS_KEEP_QUANTILES layout keeps, and their scale. */
#define PS_N_QUANTILES 3
extern const double PS_QUANTILES[PS_N_QUANTILES];
extern const ps_dataset_doc PS_QUANTILE_SCALE;
#define PS_QUANTILE_NOTE "5%, 50% and 95% quantiles over the replicates, month by month: "

/* ---- the comparison table of a compare file -------------------------------------- */

extern const ps_group_doc PS_COMPARE_GROUP;

/* Where a dataset of /comparison comes from. */
typedef enum {
    PS_CMP_METRIC_NAME, /* ps_metric_name of each row */
    PS_CMP_METRIC_UNIT, /* ps_metric_unit of each row */
    PS_CMP_TEST,        /* the test used for each row */
    PS_CMP_PAIRS,       /* pairs used */
    PS_CMP_DIFFER,      /* pairs that differ */
    PS_CMP_RESULT,      /* a double of ps_paired_result, at offset */
    PS_CMP_REPLICATE,   /* [replicate] 0 .. n-1 */
    PS_CMP_A_VALUES,    /* [replicate, metric] */
    PS_CMP_B_VALUES,    /* [replicate, metric] */
    PS_CMP_HORIZON,     /* scalar year */
    PS_CMP_LEVEL        /* scalar confidence level */
} ps_compare_from;

typedef struct ps_compare_spec {
    ps_dataset_doc doc;
    ps_compare_from from;
    size_t offset; /* PS_CMP_RESULT: of the double in ps_paired_result */
} ps_compare_spec;

extern const ps_compare_spec PS_COMPARE[];
extern const size_t PS_N_COMPARE;

/* ---- the plausible ensemble: run and compare files with --parameters ------------- */

/* The groups: /parameters always, /targets in run files when the plausible set has
 * targets, /robust in compare files. */
extern const ps_group_doc PS_ENSEMBLE_GROUPS[3];

/* Where a dataset of these groups comes from (ps_record_ensemble, record_impl.h). */
typedef enum {
    PS_ENS_INDEX,     /* [n] int 0 .. n - 1: the coordinate of an axis (offset: which) */
    PS_ENS_PATHS,     /* [parameter] text */
    PS_ENS_NAMES,     /* [parameter] text */
    PS_ENS_VALUES,    /* [point, parameter] */
    PS_ENS_POINT,     /* [run] int: the point of each run */
    PS_ENS_SOURCE,    /* scalar text: the plausible file */
    PS_ENS_T_NAMES,   /* [target] text */
    PS_ENS_T_UNITS,   /* [target] text */
    PS_ENS_T_REAL,    /* [target] a double array of the targets at offset */
    PS_ENS_T_VALUES,  /* [run, target] */
    PS_ENS_T_COVERED, /* [target] int */
    PS_ENS_R_METRICS, /* [metric] text */
    PS_ENS_R_BETTER,  /* [metric] text */
    PS_ENS_R_POINTS,  /* [point, metric] a double array at offset */
    PS_ENS_R_METRIC,  /* [metric] a double array at offset */
    PS_ENS_R_DISCOVERY, /* scalar text */
    PS_ENS_R_STEPS,     /* [step] a double array at offset */
    PS_ENS_R_BOX,       /* [parameter] a double array at offset */
    PS_ENS_R_RESTRICTED /* [parameter] int */
} ps_ensemble_from;

/* The axes an index coordinate counts (ps_ensemble_spec.offset of PS_ENS_INDEX). */
enum { PS_ENS_AXIS_POINT, PS_ENS_AXIS_RUN, PS_ENS_AXIS_STEP };

typedef struct ps_ensemble_spec {
    ps_dataset_doc doc;
    ps_ensemble_from from;
    size_t offset; /* of the array pointer in ps_record_ensemble, for *_REAL and the
                      like */
    int group;     /* index into PS_ENSEMBLE_GROUPS */
} ps_ensemble_spec;

extern const ps_ensemble_spec PS_ENSEMBLE[];
extern const size_t PS_N_ENSEMBLE;

/* ---- checkpoints: /checkpoint of a run file (record_checkpoint.c) ---------------- */

/* The groups: /checkpoint, the world's fields, the driver's carried values. Each field
 * is a dataset of its group named as the field, [count] elements of its type, without
 * named axes (docs/output.md, "Checkpoints"). */
enum { PS_CKPT_GROUP, PS_CKPT_WORLD, PS_CKPT_DRIVER, PS_N_CKPT_GROUPS };
extern const ps_group_doc PS_CHECKPOINT_GROUPS[PS_N_CKPT_GROUPS];

/* The datasets of /checkpoint besides the fields. */
enum { PS_CKPT_SCENARIO, PS_CKPT_SCENARIO_NOW, PS_N_CKPT_DATASETS };
extern const ps_dataset_doc PS_CHECKPOINT[PS_N_CKPT_DATASETS];

/* ---- sweep files (docs/sweeps.md) ------------------------------------------------- */

typedef enum { PS_T_F64, PS_T_U64, PS_T_I32, PS_T_TEXT } ps_sweep_dtype;

/* Axes: runs, parameters, summary values, series metrics, months. */
typedef enum {
    PS_AX_NONE,
    PS_AX_R,
    PS_AX_P,
    PS_AX_M,
    PS_AX_K,
    PS_AX_T,
    PS_N_AXES
} ps_axis;

typedef struct ps_sweep_spec {
    ps_dataset_doc doc;
    ps_sweep_dtype type;
    ps_axis a0, a1; /* a1 is PS_AX_NONE for a 1-D dataset */
} ps_sweep_spec;

enum {
    PS_D_DESIGN,
    PS_D_UNIT,
    PS_D_NAMES,
    PS_D_PATHS,
    PS_D_UNITS,
    PS_D_SCALE,
    PS_D_LO,
    PS_D_HI,
    PS_D_LEVELS,
    PS_D_LISTS,
    PS_D_SEED,
    PS_D_POINT,
    PS_D_REPLICATE,
    PS_D_STATUS,
    PS_D_VALUES,
    PS_D_VALUE_NAMES,
    PS_D_VALUE_UNITS,
    PS_D_VALUE_DOCS,
    PS_D_TIME,
    PS_D_SERIES_NAMES,
    PS_D_RUN, /* the scales: run, parameter, value, metric (series only) */
    PS_D_PARAMETER,
    PS_D_VALUE,
    PS_D_METRIC,
    PS_D_MONTH, /* series only, as PS_D_TIME */
    PS_N_SWEEP_DATASETS
};
extern const ps_sweep_spec PS_SWEEP[PS_N_SWEEP_DATASETS];

#define PS_SWEEP_STATUS_CODES "0 done, 1 failed, 2 missing"

/* The groups of a sweep file; /series only when it keeps series. */
extern const ps_group_doc PS_SWEEP_GROUPS[];
extern const size_t PS_N_SWEEP_GROUPS;

/* One dataset /series/<metric> [run, time] of a sweep file that keeps series. */
extern const ps_dataset_doc PS_SWEEP_SERIES;

/* What the rows of a sweep's design are, in words (root attribute row_order). */
const char *ps_schema_row_order(int design);

#endif
