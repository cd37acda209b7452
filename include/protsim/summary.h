/* summary.h - scalar outcome metrics of a run at chosen years, for comparisons and
 * sweeps (a run's whole series go to HDF5 through the recorder instead) */
#ifndef PROTSIM_SUMMARY_H
#define PROTSIM_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "protsim/error.h"
#include "protsim/indicators.h"
#include "protsim/scenario.h"

/* The metrics, in the order of every metrics array. */
#define PS_METRIC_LIST(X)                                                                \
    X(PS_M_POI, "poi", "1", "regional Protection Outcome Index")                         \
    X(PS_M_LEGAL, "legal_status_share", "1",                                             \
      "regional share of refugees with legal status")                                    \
    X(PS_M_DETENTION, "detention_incidence", "1", "regional share of refugees detained") \
    X(PS_M_REFOULED, "refouled", "persons", "persons refouled since the start")          \
    X(PS_M_SOLUTIONS, "solutions_rate", "1/year",                                        \
      "regional share of refugees reaching a durable solution in the last 12 months")    \
    X(PS_M_FRAMEWORK, "framework_steps", "steps",                                        \
      "national framework steps (administrative, regulation, statute) since the start")  \
    X(PS_M_ACCESSIONS, "accessions", "states", "ratifications since the start")          \
    X(PS_M_GAP, "mean_gap", "1",                                                         \
      "mean over states of institutionalisation minus mean P")                           \
    X(PS_M_REFUGEES, "refugees", "persons", "refugees present in the region")

#define PS_AS_METRIC_ENUM(id, name, unit, doc) id,
typedef enum { PS_METRIC_LIST(PS_AS_METRIC_ENUM) PS_N_METRICS } ps_metric;
#undef PS_AS_METRIC_ENUM

const char *ps_metric_name(ps_metric m);
const char *ps_metric_unit(ps_metric m);
const char *ps_metric_doc(ps_metric m);

/* Running totals a summary needs besides the indicators (events since the start). */
typedef struct ps_summary_state {
    double framework_steps, accessions;
} ps_summary_state;

/* Add this step's events of w to the running totals. */
void ps_summary_observe(const ps_world *w, ps_summary_state *acc);

/* Fill values[PS_N_METRICS] from the indicators of a step and the running totals. */
void ps_summary_metrics(const ps_indicators *ind, const ps_summary_state *acc,
                        double *values);

/* Add this step's events of w to per-state totals since the start: framework[i] steps
 * and accessions[i] ratifications of state i (arrays of the world's n_states). */
void ps_summary_observe_states(const ps_world *w, double *framework, double *accessions);

/* Fill values[PS_N_METRICS] with state i's own metrics, the same list as the region's:
 * its POI, legal-status share, detention incidence, persons refouled and solutions
 * rate; its framework steps and accessions since the start (from the totals above); its
 * gap (mean_gap) and its refugees present (refugees). */
void ps_summary_state_metrics(const ps_indicators *ind, const double *framework,
                              const double *accessions, size_t i, double *values);

/* Run sc with seed from start to end, single-threaded, and fill
 * values[n_years * PS_N_METRICS] with the metrics at the end of each year in years
 * (December of that year; a year outside the run gives NaN). No file is written.
 * Returns PS_OK or PS_ENOMEM. */
ps_status ps_summary_run(const ps_scenario *sc, uint64_t seed, const int *years,
                         size_t n_years, double *values, ps_error *err);

#endif
