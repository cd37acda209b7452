/* test_compare.c - paired replicates (driver_replicate.c) and the layouts with a
 * replicate axis of the recorder: pairing on common random numbers, agreement with
 * single runs, independence of the threads, the file's shapes, and refusals */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver_replicate.h"
#include "protsim/summary.h"
#include "record_impl.h"
#include "rng.h"

#define R 3 /* replicates */
#define SEED 20081101u
#define LAST (2009 * 12 + 11) /* 2009-12, the last month of the short world */

static ps_scenario *sc;
static char dir[64], path[128];

static void setup(void)
{
    gsl_set_error_handler_off();
    strcpy(dir, "/tmp/test_compare.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/cmp.h5", dir);
    sc = calloc(1, sizeof *sc);
    cr_assert_not_null(sc);
    const char *sets[] = {"time.end=2009-12"};
    ps_error err = {0};
    cr_assert_eq(ps_scenario_load(PS_SCENARIOS "/small_world.cfg", sets, 1, sc, &err),
                 PS_OK, "%s", err.msg);
}

static void teardown(void)
{
    remove(path);
    rmdir(dir);
    free(sc);
}

TestSuite(compare, .init = setup, .fini = teardown);

/* A job of scenario sc twice (A = B) or once, metrics at the end of 2009. */
static ps_replicate_job job_of(size_t n_scenarios, int threads, ps_recorder *rec)
{
    ps_replicate_job job = {.sc = {sc, sc},
                            .n_scenarios = n_scenarios,
                            .n_replicates = R,
                            .seed = SEED,
                            .horizon = {LAST, LAST},
                            .threads = threads,
                            .rec = rec};
    return job;
}

static double *run_job(const ps_replicate_job *job)
{
    double *m = calloc(job->n_scenarios * R * PS_N_METRICS, sizeof *m);
    cr_assert_not_null(m);
    ps_error err = {0};
    cr_assert_eq(ps_driver_replicates(job, m, &err), PS_OK, "%s", err.msg);
    return m;
}

Test(compare, replicate_r_of_a_and_of_b_share_its_seed)
{
    ps_replicate_job job = job_of(2, 2, NULL);
    double *m = run_job(&job);
    size_t half = R * PS_N_METRICS;
    cr_assert_eq(memcmp(m, m + half, half * sizeof *m), 0, "A = B: every metric equal");
    cr_assert_neq(m[PS_M_POI], m[PS_N_METRICS + PS_M_POI], "replicates differ");
    free(m);
}

Test(compare, each_replicate_is_the_single_run_of_its_derived_seed)
{
    ps_replicate_job job = job_of(1, 2, NULL);
    double *m = run_job(&job);
    const int years[] = {2009};
    for (size_t r = 0; r < R; r++) {
        double v[PS_N_METRICS];
        ps_error err = {0};
        cr_assert_eq(ps_summary_run(sc, ps_rng_derive_seed(SEED, r), years, 1, v, &err),
                     PS_OK);
        cr_assert_eq(memcmp(v, m + r * PS_N_METRICS, sizeof v), 0, "replicate %zu", r);
    }
    free(m);
}

Test(compare, one_or_two_threads_give_identical_metrics)
{
    ps_replicate_job one = job_of(2, 1, NULL), two = job_of(2, 2, NULL);
    double *a = run_job(&one), *b = run_job(&two);
    cr_assert_eq(memcmp(a, b, 2 * R * PS_N_METRICS * sizeof *a), 0);
    free(a);
    free(b);
}

Test(compare, a_horizon_outside_the_run_leaves_nan)
{
    ps_replicate_job job = job_of(1, 1, NULL);
    job.horizon[0] = 2030 * 12 + 11;
    double *m = run_job(&job);
    for (size_t k = 0; k < R * PS_N_METRICS; k++) {
        cr_assert(isnan(m[k]));
    }
    free(m);
}

Test(compare, an_interruption_stops_the_replicates)
{
    volatile sig_atomic_t stop = 1;
    ps_replicate_job job = job_of(2, 2, NULL);
    job.interrupted = &stop;
    double m[2 * R * PS_N_METRICS];
    ps_error err = {0};
    cr_assert_eq(ps_driver_replicates(&job, m, &err), PS_EINTR);
    cr_assert_str_eq(err.msg, "interrupted");
}

/* ---- the file -------------------------------------------------------------------- */

static uint64_t seeds[R];

/* A compare file of sc as A and B, with the runs of a job written into it. */
static double *write_compare_file(void)
{
    ps_world *w = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_world_create(sc, SEED, &w, &err), PS_OK);
    for (size_t r = 0; r < R; r++) {
        seeds[r] = ps_rng_derive_seed(SEED, r);
    }
    ps_record_shape shape = {ps_world_n_states(w),
                             ps_world_n_ngos(w),
                             ps_world_steps_total(w),
                             ps_world_ngo_home(w),
                             R,
                             seeds};
    ps_record_part parts[2] = {
        {"/a", "scenario A", sc, shape, {.seed = SEED, .compress = 1}, PS_KEEP_ALL},
        {"/b", "scenario B", sc, shape, {.seed = SEED, .compress = 1}, PS_KEEP_ALL}};
    ps_run_meta meta = {.seed = SEED, .command_line = "protsim compare a b"};
    ps_recorder *rec = NULL;
    cr_assert_eq(ps_recorder_open_parts(path, false, parts, 2, &meta, &rec, &err), PS_OK,
                 "%s", err.msg);
    ps_world_destroy(w);
    ps_replicate_job job = job_of(2, 2, rec);
    double *m = run_job(&job);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    return m;
}

/* The dimensions of a dataset; returns its rank. */
static int dims_of(hid_t file, const char *name, hsize_t *dims)
{
    hid_t dset = H5Dopen2(file, name, H5P_DEFAULT);
    cr_assert_geq(dset, 0, "%s", name);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    H5Dclose(dset);
    return rank;
}

static void read_doubles(hid_t file, const char *name, double *out)
{
    hid_t dset = H5Dopen2(file, name, H5P_DEFAULT);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out),
                  0);
    H5Dclose(dset);
}

Test(compare, series_have_a_leading_replicate_axis_but_time_has_none)
{
    free(write_compare_file());
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hsize_t d[4];
    cr_assert_eq(dims_of(file, "/a/region/poi", d), 2);
    cr_assert(d[0] == R && d[1] == 24);
    cr_assert_eq(dims_of(file, "/b/refugees/count", d), 4);
    cr_assert(d[0] == R && d[1] == 24 && d[2] == 6 && d[3] == PS_N_RSTATUS);
    cr_assert_eq(dims_of(file, "/a/time", d), 1);
    cr_assert_eq(d[0], 24);
    cr_assert_eq(dims_of(file, "/a/ngos/member", d), 2);
    cr_assert(d[0] == R && d[1] == 60);
    H5Fclose(file);
}

Test(compare, the_file_holds_the_seeds_and_the_metrics_match_the_series)
{
    double *m = write_compare_file();
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    uint64_t got[R];
    hid_t dset = H5Dopen2(file, "/b/seeds", H5P_DEFAULT);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, got),
                  0);
    H5Dclose(dset);
    cr_assert_eq(memcmp(got, seeds, sizeof got), 0);
    double poi[R * 24], time[24];
    read_doubles(file, "/a/region/poi", poi);
    read_doubles(file, "/a/time", time);
    for (size_t r = 0; r < R; r++) {
        cr_assert_eq(poi[r * 24 + 23], m[r * PS_N_METRICS + PS_M_POI], "replicate %zu",
                     r);
    }
    cr_assert_float_eq(time[23], 2010.0, 1e-9); /* the end of 2009-12 */
    H5Fclose(file);
    free(m);
}

Test(compare, the_layouts_record_replicates_written_and_the_root_its_parts)
{
    free(write_compare_file());
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t group = H5Gopen2(file, "/a", H5P_DEFAULT);
    int64_t runs = 0, written = 0;
    hid_t attr = H5Aopen(group, "replicates", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_INT64, &runs);
    H5Aclose(attr);
    attr = H5Aopen(group, "replicates_written", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_INT64, &written);
    H5Aclose(attr);
    cr_assert(runs == R && written == R);
    cr_assert_gt(H5Aexists(file, "parts"), 0);
    cr_assert_eq(H5Aexists(group, "command_line"), 0, "the root has it");
    H5Gclose(group);
    H5Fclose(file);
}

/* A one-layout file of R runs of 24 steps, and indicators to write into it. */
static ps_recorder *open_runs(ps_world **w, ps_indicators **ind)
{
    ps_error err = {0};
    cr_assert_eq(ps_world_create(sc, SEED, w, &err), PS_OK);
    cr_assert_eq(ps_indicators_create(*w, ind, &err), PS_OK);
    ps_record_shape shape = {
        ps_world_n_states(*w), ps_world_n_ngos(*w), 24, ps_world_ngo_home(*w), R, seeds};
    ps_recorder *rec = NULL;
    cr_assert_eq(ps_recorder_open(path, false, sc, &shape, NULL, &rec, &err), PS_OK);
    ps_indicators_compute(*w, *ind);
    return rec;
}

Test(compare, runs_are_written_in_order)
{
    ps_world *w;
    ps_indicators *ind;
    ps_recorder *rec = open_runs(&w, &ind);
    ps_error err = {0};
    cr_assert_eq(ps_recorder_write_run_step(rec, 0, 1, ind, NULL, 0, &err), PS_OK);
    cr_assert_eq(ps_recorder_write_run_step(rec, 0, 0, ind, NULL, 0, &err), PS_EINVAL);
    char expected[256];
    snprintf(expected, sizeof expected,
             "%s: /: cannot write replicate 0 after replicate 1", path);
    cr_assert_str_eq(err.msg, expected);
    ps_recorder_abandon(rec);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}

Test(compare, a_replicate_beyond_the_last_is_refused)
{
    ps_world *w;
    ps_indicators *ind;
    ps_recorder *rec = open_runs(&w, &ind);
    ps_error err = {0};
    cr_assert_eq(ps_recorder_write_run_step(rec, 0, R, ind, NULL, 0, &err), PS_EINVAL);
    char expected[256];
    snprintf(expected, sizeof expected, "%s: /: cannot write replicate 3 of 0-2", path);
    cr_assert_str_eq(err.msg, expected);
    ps_recorder_abandon(rec);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    cr_assert_neq(access(path, F_OK), 0, "abandoned: no file");
}

Test(compare, arrays_carry_units_dimensions_and_description)
{
    ps_world *w;
    ps_indicators *ind;
    ps_recorder *rec = open_runs(&w, &ind);
    ps_error err = {0};
    const double v[3] = {0.37, 2.385, -1.5};
    ps_record_array arr = {"/extra/v", "persons", "metric", "three numbers", 1, {3, 0},
                           v,          NULL,      NULL};
    cr_assert_eq(ps_recorder_write_array(rec, &arr, &err), PS_EHDF5, "no group yet");
    char expected[256];
    snprintf(expected, sizeof expected, "%s: /extra/v: cannot write", path);
    cr_assert_str_eq(err.msg, expected);
    cr_assert_eq(ps_recorder_add_group(rec, "/extra", "more", &err), PS_OK);
    cr_assert_eq(ps_recorder_write_array(rec, &arr, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_EHDF5, "the axis has no scale");
    snprintf(expected, sizeof expected,
             "%s: /extra/v: no dimension scale for axis metric", path);
    cr_assert_str_eq(err.msg, expected);
    cr_assert_neq(access(path, F_OK), 0, "no file when the close fails");
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    rec = open_runs(&w, &ind);
    const char *const labels[3] = {"a", "b", "c"};
    ps_record_array scale = {"/extra/metric", "text", "metric", "the metrics", 1,
                             {3, 0},          NULL,   NULL,     labels};
    cr_assert_eq(ps_recorder_add_group(rec, "/extra", "more", &err), PS_OK);
    cr_assert_eq(ps_recorder_write_array(rec, &scale, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_recorder_write_array(rec, &arr, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    double got[3];
    read_doubles(file, "/extra/v", got);
    cr_assert_eq(memcmp(got, v, sizeof v), 0);
    H5Fclose(file);
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
}
