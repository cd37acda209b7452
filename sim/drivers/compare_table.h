/* compare_table.h - the table of `protsim compare`: paired statistics of every metric of
 * B against A (and of every state's own metrics, for --by-state), Holm's adjustment over
 * each table, and the table as text */
#ifndef PROTSIM_COMPARE_TABLE_H
#define PROTSIM_COMPARE_TABLE_H

#include <stdio.h>

#include "protsim/scenario.h"
#include "protsim/summary.h"
#include "stats.h"

/* The results, and the workspace behind them; one owner. */
typedef struct ps_compare_stats {
    size_t n_replicates;
    size_t n_states; /* 0: no table by state */
    ps_paired_result region[PS_N_METRICS];
    ps_paired_result *by_state; /* owned: [n_states * PS_N_METRICS], state by state */
    ps_stats_work *ws;          /* owned */
    double *a, *b;              /* owned: [n_replicates] one metric's values */
    double *p, *adjusted;       /* owned: [n_states * PS_N_METRICS + PS_N_METRICS] */
} ps_compare_stats;

/* Room for n_replicates pairs (2 to PS_STATS_MAX_N) and n_states states (0: none).
 * Returns PS_OK or PS_ENOMEM; *out is NULL on failure. */
ps_status ps_compare_stats_create(size_t n_replicates, size_t n_states,
                                  ps_compare_stats **out, ps_error *err);

/* Free; NULL does nothing. */
void ps_compare_stats_destroy(ps_compare_stats *cs);

/* Test B against A: metrics is [2 * n_replicates * PS_N_METRICS] (A's replicates, then
 * B's), state_metrics [2 * n_replicates * n_states * PS_N_METRICS] in the same order
 * with each replicate's states in turn (NULL when n_states is 0). Counts use Wilcoxon's
 * test (ps_stats_compare). p_holm is adjusted over the metrics of the region, and over
 * all the tests of the table by state. */
void ps_compare_stats_compute(ps_compare_stats *cs, const double *metrics,
                              const double *state_metrics, double level);

/* The table of the region: what B - A estimates, a row per metric (shares in percent),
 * what the columns mean and a note on multiplicity. */
void ps_compare_print_region(const ps_compare_stats *cs, FILE *out);

/* The table by state: the same columns for each state of sc (whose states A and B
 * share), the states' metrics at the end of December of horizon. */
void ps_compare_print_states(const ps_compare_stats *cs, const ps_scenario *sc,
                             int horizon, FILE *out);

#endif
