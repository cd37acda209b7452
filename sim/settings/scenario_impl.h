/* scenario_impl.h - the settings tables behind scenario.h (one row per setting), shared
 * by sim/settings/scenario.c, sim/settings/scenario_table.c and the white-box tests */
#ifndef PROTSIM_SCENARIO_IMPL_H
#define PROTSIM_SCENARIO_IMPL_H

#include <libconfig.h>
#include <stddef.h>

#include "protsim/scenario.h"

/* How a setting is written in a file and stored in its struct. */
typedef enum {
    PS_KIND_REAL,     /* double; integers are read as reals */
    PS_KIND_INT,      /* int */
    PS_KIND_COUNT,    /* size_t */
    PS_KIND_INT64,    /* uint64_t in [0, INT64_MAX]: the seed */
    PS_KIND_BOOL,     /* bool */
    PS_KIND_STRING,   /* char[n], NUL-terminated */
    PS_KIND_DATE,     /* ps_month, written "YYYY-MM" */
    PS_KIND_ENUM,     /* an enum stored as int; its n names are in names[] */
    PS_KIND_REALVEC,  /* double[n], each in [min, max] */
    PS_KIND_DATELIST, /* ps_month[n], ascending; the size_t count is at aux_offset */
    PS_KIND_NAMEREF,  /* a name resolved to a size_t index at offset (PS_REF_*) */
    PS_KIND_NAMELIST, /* origin names -> bool[PS_MAX_ORIGINS] at offset */
    PS_KIND_LIST,     /* list of groups ( {..}, .. ), elements of scope elem */
    PS_N_KINDS
} ps_kind;

/* Row flags. */
enum {
    PS_REQUIRED = 1u << 0,    /* no default: the setting must be given */
    PS_SUMS_TO_1 = 1u << 1,   /* REALVEC: the values sum to 1 (within 1e-6) */
    PS_UNIQUE = 1u << 2,      /* STRING: the element's name, unique in its list */
    PS_OPTIONAL = 1u << 3,    /* the bool at has_offset tells whether it was given */
    PS_DEF_START = 1u << 4,   /* DATE: defaults to time.start */
    PS_DEF_FIELD = 1u << 5,   /* defaults to the double at aux_offset (same element) */
    PS_REF_ORIGIN = 1u << 6,  /* NAMEREF, NAMELIST: names an origin */
    PS_REF_SIBLING = 1u << 7, /* NAMEREF: names another element of the same list ("" is
                                 none: index SIZE_MAX); the name is kept at aux_offset */
    PS_PER_ORIGIN = 1u << 8   /* REALVEC: one value per origin; required with two or
                                 more origins, [1] with one */
};

typedef struct ps_scope ps_scope;

/* One setting. Paths are relative to the scope: "democracy", "stock.refugees". */
typedef struct ps_setting {
    const char *path;
    ps_kind kind;
    unsigned flags;
    const char *unit;   /* "1/year"; "" for text, names and lists */
    const char *doc;    /* one line of meaning, no final period */
    size_t offset;      /* of the value in the scope's struct */
    double def;         /* numbers; DATE as ps_month; ENUM as the index */
    double min, max;    /* numbers and vector elements; LIST: min is the least count */
    size_t n;           /* STRING: buffer size; REALVEC, DATELIST, LIST: capacity;
                           ENUM: number of names */
    const double *vdef; /* REALVEC default, n values */
    const char *const *names; /* ENUM names */
    const char *sdef;         /* STRING default; NULL is "" */
    const char *not_before;   /* DATE: path of a DATE row of the same scope, earlier
                                 in the table, that this one must not precede */
    size_t has_offset;        /* PS_OPTIONAL: the bool set when given */
    size_t aux_offset;        /* DATELIST, LIST: the size_t count; PS_REF_SIBLING: the
                                 char[n] name; PS_DEF_FIELD: the default's field */
    const ps_scope *elem;     /* LIST: the scope of one element */
} ps_setting;

/* A table: the settings of the whole scenario or of one list element. */
struct ps_scope {
    const char *name;       /* "scenario", "origin", "state", ...: used in messages */
    const ps_setting *rows; /* in load and output order; a group's rows are adjacent */
    size_t n_rows;
    size_t size; /* of the struct the offsets point into */
};

/* The scope of ps_scenario; the list rows lead to the element scopes. */
const ps_scope *ps_scenario_scope(void);

/* The row of scope whose path is exactly path, or NULL. */
const ps_setting *ps_scope_find(const ps_scope *scope, const char *path);

/* Fill *sc from a parsed tree (white-box entry of ps_scenario_load): unknown settings,
 * types, ranges, required settings and name references are checked in table order.
 * file names nodes that carry no file of their own (text read by config_read_string);
 * nodes whose file is "--set" are reported as "--set". Returns PS_OK or PS_EINVAL. */
ps_status ps_scenario_from_config(const config_t *cfg, const char *file, ps_scenario *sc,
                                  ps_error *err);

/* Levenshtein distance between two names, for "did you mean" hints of the scenario and
 * sweep loaders; SIZE_MAX when either has PS_HINT_NAME_CAP characters or more. */
#define PS_HINT_NAME_CAP 128
size_t ps_edit_distance(const char *a, const char *b);

#endif
