/* test_record_sweep.c - the sweep result file: written from hand-made results, read
 * back as a part, rewritten with other results; refusals */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record_sweep.h"

/* 3 lhs points x 2 replicates of small_world cut to 2009-2010 (24 months), two
 * metrics at two years, with series. */
static const char *const TEXT =
    "base = \"small_world.cfg\";\nset = [\"time.end=2010-12\"];\ndesign = \"lhs\";\n"
    "points = 3;\nreplicates = 2;\nseed = 5;\n"
    "parameters = ( { path = \"ngo.overhead\"; range = [0.1, 0.4]; } );\n"
    "outputs = { years = [2009, 2010]; metrics = [\"poi\", \"accessions\"]; "
    "series = true; };\n";

static const ps_sweep_meta META = {"protsim sweep t.cfg", ""};
static char dir[64], path[128], copy[128];
static ps_sweep *sw;
static ps_sweep_results *res;
static ps_error err;

static void setup(void)
{
    gsl_set_error_handler_off();
    strcpy(dir, "/tmp/test_record_sweep.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/sweep.h5", dir);
    snprintf(copy, sizeof copy, "%s/merged.h5", dir);
    err = (ps_error){0};
    cr_assert_eq(ps_sweep_load_string(TEXT, "t.cfg", PS_SCENARIOS, &sw, &err), PS_OK,
                 "%s", err.msg);
    cr_assert_eq(sw->n_series, 2 * 36);
    cr_assert_eq(
        ps_sweep_results_create(sw->n_runs, sw->n_values, sw->n_series, &res, &err),
        PS_OK);
    for (size_t r = 0; r < sw->n_runs; r++) { /* run 4 is missing, run 1 failed */
        double values[4] = {0.37 * (double)r, 1, 2, 3}, series[2 * 36];
        for (size_t k = 0; k < 2 * 36; k++) {
            series[k] = 2.385 * (double)r + (double)k;
        }
        if (r != 4) {
            ps_sweep_results_set(res, r, r == 1 ? PS_RUN_FAILED : PS_RUN_DONE, values,
                                 series);
        }
    }
}

static void teardown(void)
{
    ps_sweep_results_destroy(res);
    ps_sweep_destroy(sw);
    remove(path);
    remove(copy);
    rmdir(dir);
}
TestSuite(record_sweep, .init = setup, .fini = teardown);

static void expect_same(const ps_sweep_results *a, const ps_sweep_results *b)
{
    cr_assert_eq(a->n_runs, b->n_runs);
    cr_assert_eq(a->n_values, b->n_values);
    cr_assert_eq(a->n_series, b->n_series);
    cr_assert_arr_eq(a->status, b->status, a->n_runs * sizeof *a->status);
    for (size_t k = 0; k < a->n_runs * a->n_values; k++) {
        cr_assert(a->values[k] == b->values[k] ||
                      (isnan(a->values[k]) && isnan(b->values[k])),
                  "value %zu", k);
    }
    for (size_t k = 0; k < a->n_runs * a->n_series; k++) {
        cr_assert(a->series[k] == b->series[k] ||
                      (isnan(a->series[k]) && isnan(b->series[k])),
                  "series value %zu", k);
    }
}

Test(record_sweep, results_read_back_as_written)
{
    ps_sweep_part *part = NULL;
    ps_sweep_meta meta = {"protsim sweep t.cfg", "0123"};
    cr_assert_eq(ps_record_sweep_write(path, false, sw, res, &meta, &err), PS_OK, "%s",
                 err.msg);
    cr_assert_eq(ps_record_sweep_load(path, &part, &err), PS_OK, "%s", err.msg);
    cr_assert_str_eq(part->digest, sw->digest);
    cr_assert_str_eq(part->build, "0123");
    expect_same(part->res, res);
    cr_assert_eq(part->res->status[4], PS_RUN_MISSING);
    ps_record_sweep_destroy(part);
}

static void read_all(hid_t f, const char *name, hid_t type, void *buf)
{
    hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    cr_assert_geq(H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), 0, "%s", name);
    H5Dclose(d);
}

Test(record_sweep, the_design_is_written_run_by_run)
{
    cr_assert_eq(ps_record_sweep_write(path, false, sw, res, &META, &err), PS_OK);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    double design[6], unit[6];
    uint64_t seed[6], point[6];
    read_all(f, "/sweep/design", H5T_NATIVE_DOUBLE, design);
    read_all(f, "/sweep/unit_design", H5T_NATIVE_DOUBLE, unit);
    read_all(f, "/sweep/seed", H5T_NATIVE_UINT64, seed);
    read_all(f, "/sweep/point", H5T_NATIVE_UINT64, point);
    H5Fclose(f);
    for (size_t r = 0; r < 6; r++) {
        cr_assert_eq(point[r], r / 2);
        cr_assert_eq(unit[r], sw->unit[r / 2]);
        cr_assert_eq(design[r], ps_sweep_value(sw, r / 2, 0));
        cr_assert_eq(seed[r], ps_sweep_seed(sw, r));
    }
}

Test(record_sweep, rewrite_replaces_the_results_only)
{
    ps_sweep_part *part = NULL;
    cr_assert_eq(ps_record_sweep_write(path, false, sw, res, &META, &err), PS_OK);
    double values[4] = {9, 8, 7, 6}, series[2 * 36] = {0};
    ps_sweep_results_set(res, 4, PS_RUN_DONE, values, series);
    cr_assert_eq(ps_record_sweep_rewrite(path, copy, false, res, "merged", &err), PS_OK,
                 "%s", err.msg);
    cr_assert_eq(ps_record_sweep_load(copy, &part, &err), PS_OK, "%s", err.msg);
    expect_same(part->res, res);
    ps_record_sweep_destroy(part);
}

Test(record_sweep, an_existing_file_is_kept_without_force)
{
    cr_assert_eq(ps_record_sweep_write(path, false, sw, res, &META, &err), PS_OK);
    cr_assert_eq(ps_record_sweep_write(path, false, sw, res, &META, &err), PS_EEXIST);
    char want[256];
    snprintf(want, sizeof want, "%s: exists (use --force to replace it)", path);
    cr_assert_str_eq(err.msg, want);
    cr_assert_eq(ps_record_sweep_write(path, true, sw, res, &META, &err), PS_OK);
}

Test(record_sweep, a_file_that_is_no_sweep_is_refused)
{
    ps_sweep_part *part = NULL;
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Fclose(f);
    cr_assert_eq(ps_record_sweep_load(path, &part, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want, "%s: not a protsim sweep file", path);
    cr_assert_str_eq(err.msg, want);
    FILE *text = fopen(path, "w");
    fputs("hello\n", text);
    fclose(text);
    cr_assert_eq(ps_record_sweep_load(path, &part, &err), PS_EINVAL);
    snprintf(want, sizeof want, "%s: not an HDF5 file", path);
    cr_assert_str_eq(err.msg, want);
    cr_assert_eq(ps_record_sweep_load("/nonexistent/x.h5", &part, &err), PS_EIO);
    cr_assert_str_eq(err.msg,
                     "/nonexistent/x.h5: cannot open: No such file or directory");
    cr_assert_null(part);
}
