/* settings.h - the one settings interpreter: tables of rows (one per setting), the
 * operations of each kind of setting, and the engine that checks and loads any file
 * format described by such a table, with FILE:LINE errors */
#ifndef PROTSIM_SETTINGS_H
#define PROTSIM_SETTINGS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "protsim/scenario.h"

/* ---- declaring a file format ---------------------------------------------------------
 *
 * A format is a scope (a table of rows) plus optional checks run after the rows load.
 * The engine reads the file (@include, size and file-type limits), refuses unknown
 * names with a "did you mean" hint, loads every row in table order (type, range,
 * default, required) and runs the checks; every message is "FILE:LINE: ...". E.g.
 *
 *     typedef struct { char name[64]; double weight; size_t n; } target;
 *     static const ps_setting TARGET_ROWS[] = {
 *         {.path = "name", .kind = PS_KIND_STRING, .flags = PS_REQUIRED, .unit = "",
 *          .doc = "what is matched", .offset = offsetof(target, name),
 *          .n = sizeof(((target *)0)->name)},
 *         {.path = "weight", .kind = PS_KIND_REAL, .unit = "1", .doc = "its weight",
 *          .offset = offsetof(target, weight), .def = 1, .min = 0, .max = 100},
 *         {.path = "series", .kind = PS_KIND_CUSTOM, .unit = "", .doc = "read below"},
 *     };
 *     static const ps_scope TARGET_SCOPE = {"target", TARGET_ROWS, 3, sizeof(target)};
 *     static ps_status check_series(const ps_loader *ld, const ps_node *root,
 *                                   void *out, void *ctx)
 *     {   // a PS_KIND_CUSTOM row is checked for its name only; read it here
 *         const ps_node *s = ps_node_member(root, "series");
 *         return s == NULL ? ps_settings_fail(ld, root, "series: missing") : PS_OK;
 *     }
 *     static ps_format_check *const TARGET_CHECKS[] = {check_series};
 *     static const ps_format TARGET_FORMAT = {.scope = &TARGET_SCOPE,
 *                                             .checks = TARGET_CHECKS, .n_checks = 1};
 *     ...
 *     ps_status st = ps_format_load_file(&TARGET_FORMAT, path, NULL, &t, NULL, &err);
 *
 * Lists of groups are rows of kind PS_KIND_LIST whose .elem is the element's scope.
 * ------------------------------------------------------------------------------------ */

/* A node of a parsed file (libconfig's setting; only settings/ knows its insides). */
typedef struct config_setting_t ps_node;

/* How a setting is written in a file and stored in its struct: one row each of the
 * operations table (settings_kinds.c). */
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
    PS_KIND_TEXTLIST, /* strings [..] -> char[n][PS_MAX_TEXT]; the count at aux_offset */
    PS_KIND_LIST,     /* list of groups ( {..}, .. ), elements of scope elem */
    PS_KIND_CUSTOM,   /* known and documented; the format's checks read it */
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
    PS_PER_ORIGIN = 1u << 8,  /* REALVEC: one value per origin; required with two or
                                 more origins, [1] with one */
    PS_SCHEDULABLE = 1u << 9, /* may change in a run (schedule): the world reads it live
                                 every month (docs/model.md §6, Schedules) */
    PS_RESETS_STRATEGIES = 1u << 10 /* a scheduled change puts every NGO on the fixed
                                       strategy it selects */
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

/* A table: the settings of a whole file or of one list element. */
struct ps_scope {
    const char *name;       /* "scenario", "origin", "state", ...: used in messages */
    const ps_setting *rows; /* in load and output order; a group's rows are adjacent */
    size_t n_rows;
    size_t size; /* of the struct the offsets point into */
};

/* Loading one file: where messages point and what rows may refer to. */
typedef struct ps_loader {
    const char *file;      /* stands for nodes that carry no file of their own */
    const ps_scenario *sc; /* being filled (origins for PER_ORIGIN and NAMEREF); may
                              be NULL for formats that have no such rows */
    ps_error *err;
    const volatile sig_atomic_t *stop; /* borrowed, may be NULL: set by a signal */
} ps_loader;

/* ---- the operations of a kind (settings_kinds.c) ----------------------------------- */

/* Check the node's type and range and store its value into the struct at base; path is
 * the full path for messages. */
typedef ps_status ps_load_fn(const ps_loader *ld, const ps_setting *row,
                             const ps_node *node, const char *path, char *base);
/* Write the row's default into the struct at base (sc gives time.start). */
typedef void ps_default_fn(const ps_scenario *sc, const ps_setting *row, char *base);
/* Write the value in libconfig syntax (sc names origins). */
typedef void ps_write_fn(FILE *out, const ps_scenario *sc, const ps_setting *row,
                         const char *base);
/* Write " Range: [0, 1]." and the like, for defaults.cfg. */
typedef void ps_doc_fn(FILE *out, const ps_scope *scope, const ps_setting *row);

/* How `--set path=TEXT` types its text for the row's load. */
typedef enum { PS_SET_TEXT, PS_SET_NUMBER, PS_SET_BOOL, PS_SET_ARRAY } ps_set_form;

/* What a sweep may do with a setting. */
typedef enum { PS_VARY_NO, PS_VARY_REAL, PS_VARY_INTEGER, PS_VARY_CHOICE } ps_vary;

typedef struct ps_kind_ops {
    const char *name; /* "real", "date": for tests and messages */
    ps_load_fn *load; /* NULL: the engine or the format's checks read the node */
    ps_default_fn *def;
    ps_write_fn *write; /* NULL: not written as a value (lists, custom rows) */
    ps_doc_fn *doc;
    ps_set_form set;
    ps_vary vary;
    const char *example; /* defaults.cfg's value for a row without a default ("YYYY-MM");
                            NULL: the row's zero value as write gives it */
    size_t size;         /* bytes of a scalar value (what a schedule may change); 0 */
} ps_kind_ops;

/* The operations of kind (one row of the table in settings_kinds.c). */
const ps_kind_ops *ps_kind_ops_of(ps_kind kind);

/* ---- nodes and messages (settings_node.c) ------------------------------------------ */

/* Fail with PS_EINVAL and "FILE:LINE: message" ("FILE: message" for the root or NULL,
 * "--set: message" for nodes made by --set). */
ps_status ps_settings_fail(const ps_loader *ld, const ps_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* PS_EINTR ("FILE: interrupted") once *ld->stop is set, else PS_OK. */
ps_status ps_settings_stopped(const ps_loader *ld);

/* The node at a dotted path below group, or NULL. */
const ps_node *ps_node_member(const ps_node *group, const char *path);
/* Same, and *deepest is the last node found on the way (group when even the first part
 * is missing). */
const ps_node *ps_node_lookup(const ps_node *group, const char *path,
                              const ps_node **deepest);
int ps_node_length(const ps_node *node);
const ps_node *ps_node_elem(const ps_node *node, int i);
const char *ps_node_name(const ps_node *node);
bool ps_node_is_group(const ps_node *node);
bool ps_node_is_list(const ps_node *node);     /* ( ... ) */
bool ps_node_is_array(const ps_node *node);    /* [ ... ] */
bool ps_node_is_sequence(const ps_node *node); /* [ ... ] or ( ... ) */
/* A number (int, int64 or float) as a double. */
bool ps_node_number(const ps_node *node, double *out);
/* An integer literal (never a real). */
bool ps_node_integer(const ps_node *node, long long *out);
/* true or false. */
bool ps_node_bool(const ps_node *node, bool *out);
/* The text of a string node, or NULL for any other node. */
const char *ps_node_string(const ps_node *node);

/* Whether node is a list or array of n elements (any n when n is SIZE_MAX), all strings
 * (text) or all numbers (!text). */
bool ps_node_is_sequence_of(const ps_node *node, bool text, size_t n);

/* "a, b, c" from the names of an ENUM row. */
void ps_settings_names(const ps_setting *row, char *buf, size_t size);

/* Path text: "a.b" from a and b (b alone when a is empty); "list.[i]" or
 * "list.[i].rel"; cut to fit the buffer. */
void ps_path_join(char *buf, size_t size, const char *a, const char *b);
void ps_path_elem(char *buf, size_t size, const char *list, size_t i, const char *rel);
/* Whether part is an index "[N]"; *index is N. */
bool ps_path_is_index(const char *part, size_t *index);
/* Whether part may name a list element: not empty and not bracketed ("[x]"). */
bool ps_path_is_name(const char *part);
/* The part of path below the group rel ("refugees" of "stock.refugees" below "stock"),
 * or NULL; every path is below "". */
const char *ps_path_below(const char *path, const char *rel);

/* Levenshtein distance between two names, for "did you mean" hints; SIZE_MAX when
 * either has PS_HINT_NAME_CAP characters or more. */
#define PS_HINT_NAME_CAP 128
size_t ps_edit_distance(const char *a, const char *b);

/* ---- the engine (settings.c) ------------------------------------------------------- */

#define PS_PATH_TEXT 256 /* longest setting path in messages */

/* The row of scope whose path is exactly path, or NULL. */
const ps_setting *ps_scope_find(const ps_scope *scope, const char *path);
/* Whether some row of scope lies inside the group rel ("hazard.ratify", "stock"). */
bool ps_scope_is_group(const ps_scope *scope, const char *rel);
/* Of the names valid inside group rel of scope, the one nearest to name, copied to buf;
 * NULL when none is near enough. whole: compare with whole remaining paths, not only
 * their next part. Ties go to the first in the table. */
const char *ps_scope_nearest(const ps_scope *scope, const char *rel, const char *name,
                             bool whole, char *buf, size_t size);

/* The row that names the elements of scope (PS_UNIQUE, "name"), or NULL. */
const ps_setting *ps_scope_key(const ps_scope *scope);
/* The LIST row at rel + ".list" (not rel = ""), or NULL: states.Aland stands for the
 * element of states.list named Aland. */
const ps_setting *ps_scope_named_list(const ps_scope *scope, const char *rel);

/* Every member of group (at rel inside scope; full is its whole path) must be a setting
 * or a group of the scope, list elements likewise: the first unknown one is reported
 * with a hint. */
ps_status ps_settings_check_names(const ps_loader *ld, const ps_node *group,
                                  const ps_scope *scope, const char *rel,
                                  const char *full);

/* Load every row of scope from group into the struct at base, in table order (a row
 * may depend on those before it); prefix is the group's path for messages. */
ps_status ps_settings_load(const ps_loader *ld, const ps_scope *scope,
                           const ps_node *group, const char *prefix, char *base);

/* ---- paths into a loaded struct (settings_path.c) ---------------------------------- */

/* How a walk along a full path ("states.list.[2].access") ended. */
typedef enum {
    PS_PATH_SETTING,    /* at a setting: row */
    PS_PATH_GROUP,      /* at a group of settings ("hazard.ratify") */
    PS_PATH_LIST,       /* at a list itself ("states.list"): row */
    PS_PATH_UNKNOWN,    /* the part at `at` names nothing; hint is the nearest path */
    PS_PATH_NOT_GROUP,  /* the part before `at` is a setting: nothing lies below it */
    PS_PATH_NO_ELEMENT, /* the list before `at` has n elements, fewer than asked */
    PS_PATH_NO_NAME     /* no element of the list is named by the part at `at`; hint is
                           the nearest name, or "" */
} ps_path_end;

typedef struct ps_path_walk {
    ps_path_end end;
    const ps_setting *row;           /* SETTING, LIST: the row reached */
    const ps_scope *scope;           /* the scope the walk ended in */
    const char *base;                /* the struct the scope describes, in base */
    size_t at;                       /* UNKNOWN, NOT_GROUP, NO_ELEMENT: where the part
                                        starts in the path */
    size_t n;                        /* NO_ELEMENT: elements of the list */
    char hint[PS_HINT_NAME_CAP * 2]; /* UNKNOWN: the path with the nearest name, or "" */
} ps_path_walk;

/* Walk path through scope and the loaded struct at base (its lists' lengths). */
void ps_path_walk_of(const ps_scope *scope, const char *base, const char *path,
                     ps_path_walk *w);

/* ---- limits (settings_limits.c) ---------------------------------------------------- */

/* The environment variable that bounds the memory a loaded file may ask for: bytes,
 * with an optional K, M, G or T (powers of 1024); unset: half the physical memory. */
#define PS_MEMORY_LIMIT_ENV "PROTSIM_MEMORY_LIMIT"

/* The limit in *bytes; PS_EINVAL for a malformed variable. */
ps_status ps_memory_limit(double *bytes, ps_error *err);
/* PS_EINVAL "WHERE: WHAT needs about 4.4 TB, more than the memory limit of 16.0 GB
 * (PROTSIM_MEMORY_LIMIT)" when bytes exceed the limit, else PS_OK. */
ps_status ps_memory_check(const char *where, const char *what, double bytes,
                          ps_error *err);
/* The check of the scenario format: the agents' memory within the limit. */
ps_status ps_scenario_check_memory(const ps_loader *ld, const ps_node *root, void *out,
                                   void *ctx);

/* The check of the scenario format that turns schedule into changes (its errors:
 * FILE:LINE, one line; scenario_schedule.c). */
ps_status ps_scenario_check_schedule(const ps_loader *ld, const ps_node *root, void *out,
                                     void *ctx);

/* ---- formats (settings.c, reading through config_read.c) --------------------------- */

/* A check of a format, run after its rows load: out is the struct being filled, ctx
 * the caller's. */
typedef ps_status ps_format_check(const ps_loader *ld, const ps_node *root, void *out,
                                  void *ctx);

/* Run on the merged tree before it is checked (--set edits it there). */
typedef struct config_t ps_tree;
typedef ps_status ps_format_prepare(ps_tree *tree, const char *file, void *ctx,
                                    ps_error *err);

typedef struct ps_format {
    const ps_scope *scope;
    ps_format_prepare *prepare;     /* NULL: none */
    ps_format_check *const *checks; /* in order; the first failure is the message */
    size_t n_checks;
    bool scenario; /* out is a ps_scenario: its rows refer to its own origins */
} ps_format;

/* Read the file at path (regular files only, @include relative to the including file)
 * and load it into out (a zeroed struct of the scope's size). Returns PS_OK, PS_EIO
 * when a file cannot be read, PS_EINVAL for bad content, PS_EINTR when *stop was set. */
ps_status ps_format_load_file(const ps_format *fmt, const char *path,
                              const volatile sig_atomic_t *stop, void *out, void *ctx,
                              ps_error *err);
/* Same for text in memory; name stands for its file, include_dir for its folder. */
ps_status ps_format_load_string(const ps_format *fmt, const char *text, const char *name,
                                const char *include_dir,
                                const volatile sig_atomic_t *stop, void *out, void *ctx,
                                ps_error *err);
/* Same for a tree already read (no prepare); file stands for nodes without a file. */
ps_status ps_format_load_tree(const ps_format *fmt, const ps_tree *tree, const char *file,
                              const volatile sig_atomic_t *stop, void *out, void *ctx,
                              ps_error *err);

/* Which of names[n] are settings at the top of the file at path (after its @include
 * lines), into found[n]: how a command tells a scenario from the other formats. stop
 * (borrowed, may be NULL) ends a long read. Returns PS_OK, PS_EIO (an unreadable file),
 * PS_EINVAL (a file libconfig cannot parse), PS_EINTR (stopped) or PS_ENOMEM. */
ps_status ps_format_peek(const char *path, const char *const *names, size_t n,
                         const volatile sig_atomic_t *stop, bool *found, ps_error *err);

/* ---- the scenario (scenario_table.c, scenario.c, scenario_set.c) ------------------- */

/* The scope of ps_scenario; the list rows lead to the element scopes. */
extern const ps_scope PS_SCENARIO_SCOPE;
const ps_scope *ps_scenario_scope(void);

/* Fill *sc from a parsed tree (white-box entry of ps_scenario_load): unknown settings,
 * types, ranges, required settings and name references are checked in table order.
 * file names nodes that carry no file of their own; nodes made by --set are reported
 * as "--set". Returns PS_OK or PS_EINVAL. */
ps_status ps_scenario_from_config(const ps_tree *cfg, const char *file, ps_scenario *sc,
                                  ps_error *err);

#endif
