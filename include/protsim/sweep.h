/* sweep.h - parameter sweeps: designs over the unit cube, and sweep files that map a
 * design onto scenario settings and name what each run keeps (docs/sweeps.md)
 *
 * A sweep has R = rows x replicates runs. Run r is design row r / replicates, replicate
 * r % replicates, with the seed ps_rng_derive_seed(sweep seed, r): a run's numbers
 * depend only on the sweep and r, never on threads, ranks or shards.
 */
#ifndef PROTSIM_SWEEP_H
#define PROTSIM_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protsim/error.h"
#include "protsim/scenario.h"
#include "protsim/summary.h"
#include "protsim/targets.h"

#define PS_SWEEP_MAX_PARAMS 64 /* parameters varied by one sweep */
#define PS_SWEEP_MAX_VALUES 64 /* values of a list parameter */
#define PS_SWEEP_MAX_YEARS 64  /* metric years */
#define PS_SWEEP_MAX_SETS 64   /* fixed overrides of the base scenario */
#define PS_SWEEP_TEXT 256      /* paths, names and --set strings */
#define PS_SOBOL_MAX_PARAMS 20 /* GSL's Sobol sequence has 40 dimensions: 2P <= 40 */

/* ---- designs ---------------------------------------------------------------------- */

#define PS_DESIGN_LIST(X)                                                                \
    X(PS_DESIGN_GRID, "grid")     /* full factorial */                                   \
    X(PS_DESIGN_LHS, "lhs")       /* Latin hypercube */                                  \
    X(PS_DESIGN_SOBOL, "sobol")   /* Saltelli sampling from a Sobol sequence */          \
    X(PS_DESIGN_MORRIS, "morris") /* Morris elementary-effect trajectories */            \
    X(PS_DESIGN_POINTS, "points") /* an explicit table of points */

#define PS_AS_DESIGN_ENUM(id, name) id,
typedef enum { PS_DESIGN_LIST(PS_AS_DESIGN_ENUM) PS_N_DESIGNS } ps_design_kind;
#undef PS_AS_DESIGN_ENUM

/* "grid", "lhs", "sobol", "morris"; "?" for anything else. */
const char *ps_design_name(ps_design_kind kind);

/* What a design needs to fill the unit cube [0, 1]^n_params. */
typedef struct ps_design_spec {
    ps_design_kind kind;
    size_t n_params;
    size_t n_points;      /* lhs: points; sobol: base points N; morris: trajectories r */
    const size_t *levels; /* grid: [n_params] levels of each axis (borrowed) */
    size_t morris_levels; /* morris: p, even and >= 2 */
    uint64_t seed;        /* lhs, morris: the random stream comes from it */
    const double *table;  /* points: [n_points * n_params] in [0, 1] (borrowed) */
} ps_design_spec;

/* Rows of the design: grid the product of the levels; lhs and points n_points; sobol
 * n_points (P + 2); morris n_points (P + 1). 0 when that overflows size_t. */
size_t ps_design_rows(const ps_design_spec *spec);

/* Fill unit[rows * n_params] (row-major) with the design:
 * - grid: level k of an axis of n levels is k / (n - 1) (0.5 when n = 1); the last
 *   parameter varies fastest.
 * - lhs: in each column one point in each of the n strata [k/n, (k+1)/n), placed
 *   uniformly within it, strata in random order.
 * - sobol: base point j takes 2P coordinates of GSL's Sobol sequence (from its first
 *   point, (0.5, ..)): A = the first P, B = the last P. Rows j (P + 2) .. are A, then
 *   A_B^(1) .. A_B^(P) (A with column i from B), then B.
 * - morris: trajectory t is rows t (P + 1) .. t (P + 1) + P on the grid
 *   {0, 1/(p-1), .., 1}; each row moves one parameter (in random order) by
 *   +-delta = p / (2 (p - 1)) from the row before (Morris 1991; Campolongo 2007).
 * - points: the rows of table, as they are.
 * Returns PS_OK, PS_EINVAL (a spec outside these rules) or PS_ENOMEM. */
ps_status ps_design_fill(const ps_design_spec *spec, double *unit, ps_error *err);

/* ---- sweep files ------------------------------------------------------------------ */

/* How a unit value becomes a parameter value. */
typedef enum {
    PS_SCALE_LINEAR, /* lo + u (hi - lo) */
    PS_SCALE_LOG,    /* lo (hi / lo)^u, lo > 0 */
    PS_SCALE_LIST,   /* values[min(floor(u n), n - 1)] */
    PS_N_SCALES
} ps_scale;

/* What the runs compute: the base scenario with the parameters set, or a test
 * function with known sensitivity indices. */
typedef enum {
    PS_MODEL_SCENARIO,
    PS_MODEL_ISHIGAMI, /* y = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1, x in [-pi, pi]^3 */
    PS_MODEL_ANALYTIC, /* five known functions y1..y5 of x in [0, 1]^4 (docs/sweeps.md) */
    PS_N_MODELS
} ps_sweep_model;

const char *ps_scale_name(ps_scale scale);
const char *ps_sweep_model_name(ps_sweep_model model);

/* One varied parameter: parameters.[j] of a sweep file. */
typedef struct ps_sweep_param {
    char name[PS_SWEEP_TEXT]; /* name: short label; default the path */
    char path[PS_SWEEP_TEXT]; /* path: the setting, e.g. "unhcr.ratification_emphasis" */
    const char *unit;         /* the setting's unit (static text) */
    ps_scale scale;           /* scale: linear or log for a range; list for values */
    double lo, hi;            /* range = [lo, hi]; a list: its least and greatest value */
    bool integer;             /* an integer setting: values are whole numbers */
    size_t n_values;          /* values: how many (list only) */
    double values[PS_SWEEP_MAX_VALUES]; /* numbers; names are stored as 0, 1, 2, .. */
    const char *labels[PS_SWEEP_MAX_VALUES]; /* names of a choice setting (static text);
                                                NULL for numbers */
    size_t levels;                           /* grid: levels of this axis */
    char reason[PS_TARGET_TEXT];             /* reason: why this range (calibration) */
} ps_sweep_param;

/* A loaded sweep file: plain data, read-only after ps_sweep_load. */
typedef struct ps_sweep {
    char source[PS_SWEEP_TEXT];           /* the sweep file */
    char *text;                           /* owned: the sweep file's text */
    ps_sweep_model model;                 /* model */
    char targets_path[4 * PS_SWEEP_TEXT]; /* outputs.targets, as resolved; "" for none */
    ps_targets *targets; /* owned: the targets each run measures instead of metrics */
    char base[4 * PS_SWEEP_TEXT]; /* base: the scenario file, as resolved */
    char *base_text;              /* owned: the base scenario resolved with set (dump);
                                     "" for ishigami */
    size_t n_sets;                /* set: fixed "path=value" overrides of the base */
    char sets[PS_SWEEP_MAX_SETS][PS_SWEEP_TEXT];
    ps_design_kind design; /* design */
    size_t points;         /* points: lhs points, sobol N, morris r; table rows; 0 grid */
    size_t levels;         /* levels: morris p; default levels of grid axes */
    size_t replicates;     /* replicates per design point */
    uint64_t seed;         /* seed: the sweep seed */
    double noise;          /* noise: test models only, sd added to each output per run */
    double *table;         /* owned: design points, [points * n_params] in [0, 1] */
    size_t n_params;
    ps_sweep_param params[PS_SWEEP_MAX_PARAMS];
    size_t n_years; /* outputs.years: metrics at the end of these years */
    int years[PS_SWEEP_MAX_YEARS];
    size_t n_metrics; /* outputs.metrics: which metrics (default all) */
    ps_metric metrics[PS_N_METRICS];
    bool series; /* outputs.series: keep monthly series of the metrics */

    /* derived at load */
    char digest[65]; /* SHA-256 (hex) of the sweep text and the base text */
    size_t n_rows;   /* design points */
    size_t n_runs;   /* n_rows * replicates */
    double *unit;    /* owned: [n_rows * n_params] the design in [0, 1] */
    size_t n_values; /* values per run: n_years * n_metrics, or the targets, or the
                        test model's outputs */
    ps_month start;  /* first month of every run */
    size_t n_steps;  /* months of every run: the length of a series */
    size_t n_series; /* series values per run: n_metrics * n_steps, or 0 */
} ps_sweep;

/* Load and check a sweep file: every setting, every parameter path against the
 * scenario's settings table (kind, range within the setting's range, list elements
 * that exist in the base scenario), the base scenario itself, and the design; then
 * fill the design. *out is NULL on failure; ps_sweep_destroy frees it. Messages are
 * one line "FILE:LINE: path = value is outside [min, max] (unit)" and the like.
 * Returns PS_OK, PS_EIO (unreadable sweep or base file), PS_EINVAL or PS_ENOMEM. */
ps_status ps_sweep_load(const char *path, ps_sweep **out, ps_error *err);

/* Same as ps_sweep_load; when *stop (borrowed, may be NULL: a signal handler's flag)
 * becomes nonzero, loading stops soon with PS_EINTR ("FILE: interrupted"). */
ps_status ps_sweep_load_interruptible(const char *path, const volatile sig_atomic_t *stop,
                                      ps_sweep **out, ps_error *err);

/* ps_sweep_load for text in memory: name stands for the file in messages and dir
 * resolves the base scenario (NULL: the working directory). */
ps_status ps_sweep_load_string(const char *text, const char *name, const char *dir,
                               ps_sweep **out, ps_error *err);

/* Free a sweep; NULL does nothing. */
void ps_sweep_destroy(ps_sweep *sw);

/* The design row, replicate and seed of run r (r < n_runs). */
size_t ps_sweep_row(const ps_sweep *sw, size_t run);
size_t ps_sweep_replicate(const ps_sweep *sw, size_t run);
uint64_t ps_sweep_seed(const ps_sweep *sw, size_t run);

/* The value of parameter j at design row i, after scale and rounding; for names, the
 * index into labels. */
double ps_sweep_value(const ps_sweep *sw, size_t row, size_t j);

/* Name ("poi@2020", "y", a target's name), unit and meaning of summary value k <
 * n_values. */
void ps_sweep_value_name(const ps_sweep *sw, size_t k, char *buf, size_t size);
const char *ps_sweep_value_unit(const ps_sweep *sw, size_t k);
const char *ps_sweep_value_doc(const ps_sweep *sw, size_t k);

/* The outputs of the analytic test model at x[4] (docs/sweeps.md), into y[5]; their
 * names "y1".."y5". */
#define PS_ANALYTIC_INPUTS 4
#define PS_ANALYTIC_OUTPUTS 5
void ps_sweep_analytic(const double *x, double *y);
const char *ps_sweep_analytic_output(size_t k);

/* Fill *sc with the scenario of design row i: the base scenario with the fixed
 * overrides and each parameter set as "path=value" (%.17g, so values are exact).
 * Model "scenario" only. Returns PS_OK, PS_EINVAL or PS_ENOMEM. */
ps_status ps_sweep_scenario(const ps_sweep *sw, size_t row, ps_scenario *sc,
                            ps_error *err);

/* Compute run r: fill values[n_values] and, when sw->series, series[n_series] (metric
 * by metric, month by month). NaN marks a year outside the run. Runs one world,
 * single-threaded; safe to call from several threads at once. Returns PS_OK, or
 * PS_EINVAL / PS_ENOMEM when the run cannot be built or fails. */
ps_status ps_sweep_run(const ps_sweep *sw, size_t run, double *values, double *series,
                       ps_error *err);

/* ---- calibration files (docs/calibration.md) ------------------------------------ */

/* The model discrepancy of one target, given instead of the default share. */
typedef struct ps_discrepancy {
    char target[PS_TARGET_NAME]; /* target: its name in the targets file */
    double share;                /* share: sd as a share of |observed| */
    double sd;                   /* sd: the sd itself, in the target's units */
    bool has_share, has_sd;      /* exactly one is given */
    char reason[PS_TARGET_TEXT]; /* reason: why */
} ps_discrepancy;

/* Which replicate variance the implausibility adds (docs/calibration.md). */
typedef enum {
    PS_REPVAR_RUN,  /* "run": V_rep, history being one realisation of the model */
    PS_REPVAR_MEAN, /* "mean": V_rep / r, the noise of an r-replicate mean only */
    PS_N_REPVAR
} ps_replicate_variance;

/* A loaded calibration file: plain data, read-only after loading. */
typedef struct ps_calibration {
    char source[PS_SWEEP_TEXT]; /* the file */
    char *text;                 /* owned: its text */
    ps_sweep sweep;     /* model, base, set, noise, parameters (each with its reason),
                           replicates, seed, and the targets (sweep.targets, owned) */
    double discrepancy; /* discrepancy.share: the default sd share */
    char discrepancy_reason[PS_TARGET_TEXT]; /* discrepancy.reason */
    size_t n_discrepancies;                  /* discrepancy.targets */
    ps_discrepancy discrepancies[PS_MAX_TARGETS];
    double md_sd[PS_MAX_TARGETS];          /* derived: each target's discrepancy sd */
    const char *md_reason[PS_MAX_TARGETS]; /* derived: its reason (into the above) */
    double cut;                            /* implausibility.cut */
    size_t rank;                  /* implausibility.rank: 1 largest, 2 second, ... */
    ps_replicate_variance repvar; /* implausibility.replicate_variance */
    size_t waves, points;         /* waves.count, waves.points per wave */
    size_t candidates;            /* waves.candidates: LHS drawn to fill a wave */
    size_t test_points;           /* waves.test_points: the fixed sample of the box */
    double holdout;               /* waves.holdout: share of a wave's points held out */
    double stop_shrink;           /* stop.shrink */
    double stop_emulator;         /* stop.emulator */
    size_t final_points, final_replicates; /* final.points, final.replicates */
    size_t max_active;                     /* emulator.active: parameters per emulator */
} ps_calibration;

/* Load and check a calibration file: its own settings, the model, base scenario and
 * parameters as in a sweep file (each parameter with a reason), and the targets file it
 * names, against the base scenario. Returns PS_OK, PS_EIO (an unreadable calibration
 * file), PS_EINVAL ("FILE:LINE: ...") or PS_ENOMEM; *out is NULL on failure. */
ps_status ps_calibration_load(const char *path, ps_calibration **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_calibration_destroy(ps_calibration *cal);

/* Everything the calibration helper needs, as one JSON object. PS_OK or PS_EIO. */
ps_status ps_calibration_write_json(const ps_calibration *cal, FILE *out, ps_error *err);

/* Free what a sweep owns, not the struct (a sweep inside another struct). */
void ps_sweep_free_members(ps_sweep *sw);

#endif
