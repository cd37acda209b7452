/* test_record.c - the HDF5 recorder: a tiny file written from hand-made indicators and
 * read back with the HDF5 C API; temp-then-rename; refusals; `protsim info` */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, getpid */

#include <criterion/criterion.h>
#include <dirent.h>
#include <hdf5.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protsim/protsim.h"
#include "record_impl.h"   /* white-box: files of several runs and layouts */
#include "record_schema.h" /* the series, to fake indicators */

#define S 2
#define N 3
#define T 5
#define M2008_01 (2008 * 12)

/* Indicators whose arrays are slices of one pool, so that every value can be made
 * from its place in the pool and checked from it. */
typedef struct {
    ps_indicators ind;
    double *pool;
    size_t used, size;
} fake;

static char dir[64];
static char path[128];
static ps_scenario *sc;
static const size_t ngo_home[N] = {0, 1, 1};
static const ps_run_meta meta = {.seed = 20080101u,
                                 .compress = PS_RECORD_COMPRESS,
                                 .command_line = "protsim run tiny.cfg -o run.h5",
                                 .scenario_text = "name = \"tiny\";\n"};

static void setup(void)
{
    strcpy(dir, "/tmp/test_record.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/run.h5", dir);
    sc = calloc(1, sizeof *sc);
    cr_assert_not_null(sc);
    snprintf(sc->name, sizeof sc->name, "tiny");
    snprintf(sc->source, sizeof sc->source, "tests/tiny.cfg");
    sc->start = M2008_01;
    sc->end = M2008_01 + T - 1;
    sc->agents_per_person = 0.25;
    sc->n_states = S;
    snprintf(sc->states[0].name, PS_MAX_NAME, "Japan");
    snprintf(sc->states[0].iso3, 8, "JPN");
    snprintf(sc->states[0].subregion, PS_MAX_NAME, "East Asia");
    snprintf(sc->states[1].name, PS_MAX_NAME, "Korea");
    snprintf(sc->states[1].iso3, 8, "KOR");
    snprintf(sc->states[1].subregion, PS_MAX_NAME, "East Asia");
}

/* Remove whatever a test left in dir, then dir. */
static void teardown(void)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        char name[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
                remove(name);
            }
        }
        closedir(d);
    }
    rmdir(dir);
    free(sc);
}

TestSuite(record, .init = setup, .fini = teardown);

/* ---- hand-made indicators ---------------------------------------------------------- */

static double *take(fake *f, size_t n)
{
    double *p = f->pool + f->used;
    f->used += n;
    cr_assert_leq(f->used, f->size);
    return p;
}

/* Every STATES and NGOS series of the schema gets its slice, then ngo_member. */
static void fake_create(fake *f, size_t n_states, size_t n_ngos)
{
    memset(f, 0, sizeof *f);
    f->size = n_ngos;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        bool by_pointer =
            PS_SERIES[k].from == PS_FROM_STATES || PS_SERIES[k].from == PS_FROM_NGOS;
        f->size += by_pointer ? ps_schema_series_row(&PS_SERIES[k], n_states, n_ngos) : 0;
    }
    f->pool = calloc(f->size, sizeof *f->pool);
    cr_assert_not_null(f->pool);
    ps_indicators *ind = &f->ind;
    ind->n_states = n_states;
    ind->n_ngos = n_ngos;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        const ps_series_spec *s = &PS_SERIES[k];
        if (s->from == PS_FROM_STATES || s->from == PS_FROM_NGOS) {
            double **field = (double **)(void *)((char *)ind + s->offset);
            *field = take(f, ps_schema_series_row(s, n_states, n_ngos));
        }
    }
    ind->ngo_member = take(f, n_ngos);
}

/* The value at place k of the pool in step t. */
static double value(size_t t, size_t k)
{
    return 0.37 + 2.385 * (double)t + 0.001 * (double)k;
}

/* Step t: every array value from its place; scalars from t; NGO j a member from step
 * j on, so the last step has all three. */
static void fake_fill(fake *f, size_t t)
{
    ps_indicators *ind = &f->ind;
    for (size_t k = 0; k < f->size; k++) {
        f->pool[k] = value(t, k);
    }
    for (size_t j = 0; j < ind->n_ngos; j++) {
        ind->ngo_member[j] = j <= t ? 1.0 : 0.0;
    }
    ind->time = (double)(M2008_01 + t + 1) / 12.0;
    ind->members = 70.0 + (double)t;
    ind->pool = 12.5 * (double)t;
    ind->action_plans[1] = 3.0 * (double)t;
    ind->mean_strategy_all[4] = 0.2 + 0.01 * (double)t;
    ind->unhcr_capacity = 1500.0;
    ind->region_poi = 0.41 + 0.001 * (double)t;
}

static const ps_event EVENTS[] = {
    {M2008_01 + 1, PS_EV_RATIFICATION, 1, -1, 1.0},
    {M2008_01 + 2, PS_EV_NGO_EXIT, 0, 2, -3.5},
    {M2008_01 + 3, PS_EV_SHOCK, 0, -1, 2500.0},
    {M2008_01 + 3, PS_EV_CONSULTATION, -1, -1, 42.0},
};
#define N_EVENTS (sizeof EVENTS / sizeof EVENTS[0])

static ps_status open_tiny(const char *p, bool force, ps_recorder **rec, ps_error *err)
{
    ps_record_shape shape = {
        .n_states = S, .n_ngos = N, .n_steps = T, .ngo_home = ngo_home};
    return ps_recorder_open(p, force, sc, &shape, &meta, rec, err);
}

/* Write steps 0..n_steps-1 of the tiny run; step t gets the events dated in month t. */
static void write_steps(ps_recorder *rec, fake *f, size_t n_steps)
{
    ps_error err = {0};
    for (size_t t = 0; t < n_steps; t++) {
        fake_fill(f, t);
        size_t first = 0, n = 0;
        while (first < N_EVENTS && EVENTS[first].date < M2008_01 + (int)t) {
            first++;
        }
        while (first + n < N_EVENTS && EVENTS[first + n].date == M2008_01 + (int)t) {
            n++;
        }
        cr_assert_eq(ps_recorder_write(rec, &f->ind, EVENTS + first, n, &err), PS_OK,
                     "%s", err.msg);
    }
}

/* The whole tiny run, written and closed at path. */
static void write_tiny(void)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, T);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    free(f.pool);
}

/* ---- reading back ------------------------------------------------------------------ */

/* Read a whole double dataset into buf (at most cap values); returns its rank. */
static int read_doubles(hid_t file, const char *name, double *buf, size_t cap,
                        hsize_t *dims)
{
    hid_t dset = H5Dopen2(file, name, H5P_DEFAULT);
    cr_assert_geq(dset, 0, "%s: missing", name);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    cr_assert_leq((size_t)H5Sget_simple_extent_npoints(space), cap, "%s: too large",
                  name);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf),
                  0);
    H5Sclose(space);
    H5Dclose(dset);
    return rank;
}

static hid_t vlen_text(void)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
}

/* A scalar text attribute of obj, copied into buf. */
static void attr_text(hid_t obj, const char *name, char *buf, size_t size)
{
    cr_assert_gt(H5Aexists(obj, name), 0, "attribute %s missing", name);
    hid_t type = vlen_text();
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    char *text = NULL;
    cr_assert_geq(H5Aread(attr, type, &text), 0, "attribute %s: not text", name);
    snprintf(buf, size, "%s", text);
    H5free_memory(text);
    H5Aclose(attr);
    H5Tclose(type);
}

static int64_t attr_int(hid_t obj, const char *name)
{
    int64_t v = -99;
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    cr_assert_geq(H5Aread(attr, H5T_NATIVE_INT64, &v), 0, "attribute %s", name);
    H5Aclose(attr);
    return v;
}

static hid_t open_result(const char *p)
{
    hid_t file = H5Fopen(p, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(file, 0, "%s: cannot open", p);
    return file;
}

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static size_t files_in_dir(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

/* ---- values and shapes ------------------------------------------------------------- */

Test(record, state_series_hold_each_step_in_time_state_order)
{
    write_tiny();
    fake f;
    fake_create(&f, S, N);
    size_t poi_at = (size_t)(f.ind.poi - f.pool);
    double buf[T * S];
    hsize_t dims[3];
    hid_t file = open_result(path);
    cr_assert_eq(read_doubles(file, "/states/poi", buf, T * S, dims), 2);
    cr_assert_eq(dims[0], T);
    cr_assert_eq(dims[1], S);
    for (size_t t = 0; t < T; t++) {
        for (size_t i = 0; i < S; i++) {
            cr_assert_float_eq(buf[t * S + i], value(t, poi_at + i), 1e-12);
        }
    }
    H5Fclose(file);
    free(f.pool);
}

Test(record, status_counts_have_a_status_axis_of_eleven)
{
    write_tiny();
    fake f;
    fake_create(&f, S, N);
    size_t at = (size_t)(f.ind.count - f.pool);
    double buf[T * S * PS_N_RSTATUS];
    hsize_t dims[3];
    hid_t file = open_result(path);
    cr_assert_eq(read_doubles(file, "/refugees/count", buf, T * S * PS_N_RSTATUS, dims),
                 3);
    cr_assert_eq(dims[0], T);
    cr_assert_eq(dims[1], S);
    cr_assert_eq(dims[2], PS_N_RSTATUS);
    size_t cell = 1 * PS_N_RSTATUS + PS_RS_PROTECTED; /* Korea, protected */
    cr_assert_float_eq(buf[3 * S * PS_N_RSTATUS + cell], value(3, at + cell), 1e-12);
    H5Fclose(file);
    free(f.pool);
}

Test(record, ngo_strategy_is_time_ngo_channel)
{
    write_tiny();
    fake f;
    fake_create(&f, S, N);
    size_t at = (size_t)(f.ind.ngo_strategy - f.pool);
    double buf[T * N * PS_N_CHANNELS];
    hsize_t dims[3];
    hid_t file = open_result(path);
    cr_assert_eq(read_doubles(file, "/ngos/strategy", buf, T * N * PS_N_CHANNELS, dims),
                 3);
    cr_assert_eq(dims[1], N);
    cr_assert_eq(dims[2], PS_N_CHANNELS);
    size_t cell = 2 * PS_N_CHANNELS + PS_CH_IMP;
    cr_assert_float_eq(buf[4 * N * PS_N_CHANNELS + cell], value(4, at + cell), 1e-12);
    H5Fclose(file);
    free(f.pool);
}

Test(record, scalar_and_small_array_series_follow_their_fields)
{
    write_tiny();
    double buf[T * PS_N_CHANNELS];
    hsize_t dims[3];
    hid_t file = open_result(path);
    cr_assert_eq(read_doubles(file, "/time", buf, T, dims), 1);
    cr_assert_float_eq(buf[0], 2008.0 + 1.0 / 12.0, 1e-9);
    cr_assert_eq(read_doubles(file, "/network/members", buf, T, dims), 1);
    cr_assert_float_eq(buf[4], 74.0, 1e-12);
    cr_assert_eq(read_doubles(file, "/network/action_plans", buf, T * 3, dims), 2);
    cr_assert_eq(dims[1], PS_N_PLAN_KINDS);
    cr_assert_float_eq(buf[2 * PS_N_PLAN_KINDS + 1], 6.0, 1e-12);
    cr_assert_eq(read_doubles(file, "/network/mean_strategy_all", buf, T * 5, dims), 2);
    cr_assert_float_eq(buf[3 * PS_N_CHANNELS + 4], 0.23, 1e-12);
    cr_assert_eq(read_doubles(file, "/unhcr/capacity", buf, T, dims), 1);
    cr_assert_float_eq(buf[1], 1500.0, 1e-12);
    cr_assert_eq(read_doubles(file, "/region/poi", buf, T, dims), 1);
    cr_assert_float_eq(buf[2], 0.412, 1e-12);
    H5Fclose(file);
}

Test(record, ngo_home_and_last_membership_are_written)
{
    write_tiny();
    hid_t file = open_result(path);
    int64_t home[N];
    hid_t dset = H5Dopen2(file, "/ngos/home_state", H5P_DEFAULT);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, home),
                  0);
    H5Dclose(dset);
    cr_assert_eq(home[0], 0);
    cr_assert_eq(home[2], 1);
    double member[N];
    hsize_t dims[1];
    cr_assert_eq(read_doubles(file, "/ngos/member", member, N, dims), 1);
    cr_assert_float_eq(member[0] + member[1] + member[2], 3.0, 1e-12);
    H5Fclose(file);
}

/* A name list dataset equals names(i) for every i. */
static void check_names(hid_t file, const char *name, size_t n,
                        const char *(*names)(size_t))
{
    char *got[16] = {0};
    hid_t type = vlen_text();
    hid_t dset = H5Dopen2(file, name, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    cr_assert_eq((size_t)H5Sget_simple_extent_npoints(space), n, "%s", name);
    cr_assert_geq(H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, got), 0);
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(got[i], names(i), "%s[%zu]", name, i);
    }
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, got);
    H5Sclose(space);
    H5Dclose(dset);
    H5Tclose(type);
}

static const char *status_of(size_t i)
{
    return ps_rstatus_name((ps_rstatus)i);
}

static const char *flow_of(size_t i)
{
    return ps_flow_name((ps_flow)i);
}

static const char *state_of(size_t i)
{
    return sc->states[i].name;
}

static const char *plan_of(size_t i)
{
    static const char *const kinds[] = {"institutionalisation", "implementation",
                                        "other"};
    return kinds[i];
}

Test(record, axes_are_labelled_by_name_datasets)
{
    write_tiny();
    hid_t file = open_result(path);
    check_names(file, "/states/name", S, state_of);
    check_names(file, "/refugees/status_names", PS_N_RSTATUS, status_of);
    check_names(file, "/refugees/flow_names", PS_N_FLOWS, flow_of);
    check_names(file, "/network/plan_kinds", PS_N_PLAN_KINDS, plan_of);
    H5Fclose(file);
}

/* ---- attributes -------------------------------------------------------------------- */

/* Visitor: a dataset has units, description and one dimension name per axis. */
static herr_t check_described(hid_t root, const char *name, const H5O_info_t *info,
                              void *n_datasets)
{
    if (info->type != H5O_TYPE_DATASET) {
        return 0;
    }
    char units[128], dims[128], description[512];
    hid_t dset = H5Dopen2(root, name, H5P_DEFAULT);
    attr_text(dset, "units", units, sizeof units);
    attr_text(dset, "description", description, sizeof description);
    attr_text(dset, "dimensions", dims, sizeof dims);
    cr_assert_gt(strlen(units), 0, "%s: empty units", name);
    cr_assert_gt(strlen(description), 20, "%s: no description", name);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_ndims(space);
    int n_names = 1;
    for (const char *c = dims; *c != '\0'; c++) {
        n_names += *c == ',';
    }
    cr_assert_eq(n_names, rank, "%s: dimensions \"%s\" for rank %d", name, dims, rank);
    H5Sclose(space);
    H5Dclose(dset);
    ++*(size_t *)n_datasets;
    return 0;
}

Test(record, every_dataset_has_units_description_and_dimension_names)
{
    write_tiny();
    hid_t file = open_result(path);
    size_t n_datasets = 0;
    cr_assert_geq(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, check_described,
                            &n_datasets, H5O_INFO_BASIC),
                  0);
    /* + home, member, events, month; the scales but /replicate (no replicate axis) */
    cr_assert_eq(n_datasets, PS_N_SERIES + PS_N_NAMES + 4 + PS_N_RUN_SCALES - 1,
                 "%zu datasets: every series, "
                 "name list, home, member and events",
                 n_datasets);
    H5Fclose(file);
}

Test(record, rsd_authority_explains_its_codes)
{
    write_tiny();
    hid_t file = open_result(path);
    hid_t dset = H5Dopen2(file, "/states/rsd_authority", H5P_DEFAULT);
    char codes[128];
    attr_text(dset, "codes", codes, sizeof codes);
    char expected[128];
    snprintf(expected, sizeof expected, "0 %s, 1 %s, 2 %s, 3 %s",
             ps_rsd_name(PS_RSD_UNHCR), ps_rsd_name(PS_RSD_JOINT),
             ps_rsd_name(PS_RSD_STATE), ps_rsd_name(PS_RSD_NONE));
    cr_assert_str_eq(codes, expected);
    H5Dclose(dset);
    H5Fclose(file);
}

Test(record, root_attributes_name_the_run)
{
    write_tiny();
    hid_t file = open_result(path);
    char text[256];
    attr_text(file, "protsim_version", text, sizeof text);
    cr_assert_str_eq(text, PROTSIM_VERSION);
    attr_text(file, "scenario_name", text, sizeof text);
    cr_assert_str_eq(text, "tiny");
    attr_text(file, "scenario_source", text, sizeof text);
    cr_assert_str_eq(text, "tests/tiny.cfg");
    attr_text(file, "command_line", text, sizeof text);
    cr_assert_str_eq(text, "protsim run tiny.cfg -o run.h5");
    attr_text(file, "scenario", text, sizeof text);
    cr_assert_str_eq(text, "name = \"tiny\";\n");
    attr_text(file, "start", text, sizeof text);
    cr_assert_str_eq(text, "2008-01");
    attr_text(file, "end", text, sizeof text);
    cr_assert_str_eq(text, "2008-05");
    uint64_t seed = 0;
    hid_t attr = H5Aopen(file, "seed", H5P_DEFAULT);
    cr_assert_geq(H5Aread(attr, H5T_NATIVE_UINT64, &seed), 0);
    H5Aclose(attr);
    cr_assert_eq(seed, 20080101u);
    cr_assert_eq(attr_int(file, "steps"), T);
    cr_assert_eq(attr_int(file, "steps_written"), T);
    cr_assert_eq(attr_int(file, "complete"), 1);
    double per = 0.0;
    attr = H5Aopen(file, "agents_per_person", H5P_DEFAULT);
    cr_assert_geq(H5Aread(attr, H5T_NATIVE_DOUBLE, &per), 0);
    H5Aclose(attr);
    cr_assert_float_eq(per, 0.25, 1e-15);
    H5Fclose(file);
}

Test(record, a_long_scenario_text_fits_in_the_root_attribute)
{
    size_t n = 200000; /* far above the 64 KiB of a compact attribute */
    char *text = malloc(n + 1);
    cr_assert_not_null(text);
    memset(text, '#', n);
    text[n] = '\0';
    ps_run_meta long_meta = {
        .seed = 1, .compress = PS_RECORD_COMPRESS, .scenario_text = text};
    ps_record_shape shape = {
        .n_states = S, .n_ngos = N, .n_steps = T, .ngo_home = ngo_home};
    ps_recorder *rec = NULL;
    ps_error err = {0};
    cr_assert_eq(ps_recorder_open(path, false, sc, &shape, &long_meta, &rec, &err), PS_OK,
                 "%s", err.msg);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    hid_t file = open_result(path);
    char *back = malloc(n + 1);
    attr_text(file, "scenario", back, n + 1);
    cr_assert_eq(strlen(back), n);
    H5Fclose(file);
    free(back);
    free(text);
}

/* ---- events ------------------------------------------------------------------------ */

typedef struct {
    char *date;
    double time;
    char *type;
    char *state;
    int64_t ngo;
    double value;
} event_row;

/* Read /events with a compound type built here, as any reader would. */
static size_t read_events(hid_t file, event_row *rows, size_t cap, hid_t *type,
                          hid_t *space)
{
    hid_t text = vlen_text();
    *type = H5Tcreate(H5T_COMPOUND, sizeof(event_row));
    H5Tinsert(*type, "date", HOFFSET(event_row, date), text);
    H5Tinsert(*type, "time", HOFFSET(event_row, time), H5T_NATIVE_DOUBLE);
    H5Tinsert(*type, "type", HOFFSET(event_row, type), text);
    H5Tinsert(*type, "state", HOFFSET(event_row, state), text);
    H5Tinsert(*type, "ngo", HOFFSET(event_row, ngo), H5T_NATIVE_INT64);
    H5Tinsert(*type, "value", HOFFSET(event_row, value), H5T_NATIVE_DOUBLE);
    H5Tclose(text);
    hid_t dset = H5Dopen2(file, "/events", H5P_DEFAULT);
    *space = H5Dget_space(dset);
    size_t n = (size_t)H5Sget_simple_extent_npoints(*space);
    cr_assert_leq(n, cap);
    cr_assert_geq(H5Dread(dset, *type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows), 0);
    H5Dclose(dset);
    return n;
}

Test(record, events_table_holds_date_type_state_ngo_and_value)
{
    write_tiny();
    hid_t file = open_result(path), type, space;
    event_row rows[8];
    cr_assert_eq(read_events(file, rows, 8, &type, &space), N_EVENTS);
    cr_assert_str_eq(rows[0].date, "2008-02");
    cr_assert_float_eq(rows[0].time, 2008.0 + 2.0 / 12.0, 1e-9);
    cr_assert_str_eq(rows[0].type, ps_event_type_name(PS_EV_RATIFICATION));
    cr_assert_str_eq(rows[0].state, "Korea");
    cr_assert_eq(rows[0].ngo, -1);
    cr_assert_str_eq(rows[1].state, "Japan");
    cr_assert_eq(rows[1].ngo, 2);
    cr_assert_float_eq(rows[1].value, -3.5, 1e-15);
    cr_assert_str_eq(rows[2].type, ps_event_type_name(PS_EV_SHOCK));
    cr_assert_float_eq(rows[2].value, 2500.0, 1e-12);
    cr_assert_str_eq(rows[3].date, "2008-04");
    cr_assert_str_eq(rows[3].state, "");
    cr_assert_str_eq(rows[3].type, ps_event_type_name(PS_EV_CONSULTATION));
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, rows);
    H5Sclose(space);
    H5Tclose(type);
    H5Fclose(file);
}

Test(record, more_events_than_a_buffer_are_all_kept_in_order)
{
    enum { MANY = 700 };
    static ps_event many[MANY];
    for (size_t k = 0; k < MANY; k++) {
        many[k] =
            (ps_event){M2008_01, PS_EV_NGO_JOIN, (long)(k % S), (long)(k % N), (double)k};
    }
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    fake_fill(&f, 0);
    cr_assert_eq(ps_recorder_write(rec, &f.ind, many, MANY, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    hid_t file = open_result(path), type, space;
    static event_row rows[MANY];
    cr_assert_eq(read_events(file, rows, MANY, &type, &space), MANY);
    for (size_t k = 0; k < MANY; k++) {
        cr_assert_float_eq(rows[k].value, (double)k, 1e-12);
    }
    cr_assert_str_eq(rows[MANY - 1].state, "Korea"); /* state 699 % 2 */
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, rows);
    H5Sclose(space);
    H5Tclose(type);
    H5Fclose(file);
    free(f.pool);
}

/* ---- buffering --------------------------------------------------------------------- */

Test(record, ngo_series_larger_than_a_buffer_are_written_in_several_blocks)
{
    enum { MANY_NGOS = 2000, STEPS = 40 }; /* /ngos/strategy: 80 kB a step, 13 a block */
    static size_t home[MANY_NGOS];
    sc->end = M2008_01 + STEPS - 1;
    ps_record_shape shape = {
        .n_states = S, .n_ngos = MANY_NGOS, .n_steps = STEPS, .ngo_home = home};
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, MANY_NGOS);
    cr_assert_eq(ps_recorder_open(path, false, sc, &shape, &meta, &rec, &err), PS_OK,
                 "%s", err.msg);
    for (size_t t = 0; t < STEPS; t++) {
        fake_fill(&f, t);
        cr_assert_eq(ps_recorder_write(rec, &f.ind, NULL, 0, &err), PS_OK, "%s", err.msg);
    }
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    size_t at = (size_t)(f.ind.ngo_strategy - f.pool), row = MANY_NGOS * PS_N_CHANNELS;
    double *buf = malloc(STEPS * row * sizeof *buf);
    hsize_t dims[3];
    hid_t file = open_result(path);
    cr_assert_eq(read_doubles(file, "/ngos/strategy", buf, STEPS * row, dims), 3);
    for (size_t t = 0; t < STEPS; t++) {
        size_t k = (t * 37) % row;
        cr_assert_float_eq(buf[t * row + k], value(t, at + k), 1e-9, "step %zu", t);
    }
    H5Fclose(file);
    free(buf);
    free(f.pool);
}

Test(record, a_run_closed_early_says_how_many_steps_and_leaves_nan_after)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, 3);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    hid_t file = open_result(path);
    cr_assert_eq(attr_int(file, "steps_written"), 3);
    cr_assert_eq(attr_int(file, "steps"), T);
    double buf[T * S];
    hsize_t dims[3];
    read_doubles(file, "/states/backlog", buf, T * S, dims);
    cr_assert(!isnan(buf[2 * S + 1]));
    cr_assert(isnan(buf[3 * S]));
    cr_assert(isnan(buf[4 * S + 1]));
    H5Fclose(file);
    free(f.pool);
}

Test(record, refuses_a_step_beyond_the_last)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, T);
    cr_assert_eq(ps_recorder_write(rec, &f.ind, NULL, 0, &err), PS_EINVAL);
    char expected[256];
    snprintf(expected, sizeof expected, "%s: cannot write step 5: the file holds 5 steps",
             path);
    cr_assert_str_eq(err.msg, expected);
    ps_recorder_abandon(rec);
    free(f.pool);
}

/* ---- the file's name --------------------------------------------------------------- */

Test(record, writes_to_a_temporary_name_and_renames_at_close)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, 2);
    cr_assert(!exists(path));
    cr_assert_eq(files_in_dir(), 1, "the temporary file, run.h5.tmp-XXXXXX");
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    cr_assert(exists(path));
    cr_assert_eq(files_in_dir(), 1, "the file only");
    free(f.pool);
}

Test(record, abandon_leaves_no_file)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, 2);
    ps_recorder_abandon(rec);
    cr_assert_eq(files_in_dir(), 0);
    ps_recorder_abandon(NULL);
    free(f.pool);
}

Test(record, refuses_to_replace_a_file_without_force)
{
    write_tiny();
    ps_recorder *rec = NULL;
    ps_error err = {0};
    cr_assert_eq(open_tiny(path, false, &rec, &err), PS_EEXIST);
    cr_assert_null(rec);
    char expected[256];
    snprintf(expected, sizeof expected, "%s: exists (use --force to replace it)", path);
    cr_assert_str_eq(err.msg, expected);
    cr_assert_eq(files_in_dir(), 1);
}

Test(record, force_replaces_the_file_at_close)
{
    write_tiny();
    ps_recorder *rec = NULL;
    ps_error err = {0};
    fake f;
    fake_create(&f, S, N);
    cr_assert_eq(open_tiny(path, true, &rec, &err), PS_OK, "%s", err.msg);
    write_steps(rec, &f, 1);
    cr_assert_eq(ps_recorder_close(rec, &err), PS_OK, "%s", err.msg);
    hid_t file = open_result(path);
    cr_assert_eq(attr_int(file, "steps_written"), 1);
    H5Fclose(file);
    cr_assert_eq(files_in_dir(), 1);
    free(f.pool);
}

Test(record, says_why_a_file_cannot_be_created)
{
    char p[256];
    snprintf(p, sizeof p, "%s/missing/run.h5", dir);
    ps_recorder *rec = NULL;
    ps_error err = {0};
    cr_assert_eq(open_tiny(p, false, &rec, &err), PS_EIO);
    cr_assert_null(rec);
    char expected[300];
    snprintf(expected, sizeof expected, "%s: cannot create: No such file or directory",
             p);
    cr_assert_str_eq(err.msg, expected);
}

Test(record, will_not_write_over_a_directory)
{
    ps_recorder *rec = NULL;
    ps_error err = {0};
    cr_assert_eq(open_tiny(dir, true, &rec, &err), PS_EEXIST);
    char expected[300];
    snprintf(expected, sizeof expected, "%s: cannot create: Is a directory", dir);
    cr_assert_str_eq(err.msg, expected);
    cr_assert_eq(files_in_dir(), 0);
}

/* ---- info -------------------------------------------------------------------------- */

/* Run ps_record_info on p; its output in out (a static buffer). */
static ps_status info(const char *p, char *out, size_t size, ps_error *err)
{
    FILE *stream = tmpfile();
    cr_assert_not_null(stream);
    ps_status status = ps_record_info(p, stream, err);
    rewind(stream);
    size_t n = fread(out, 1, size - 1, stream);
    out[n] = '\0';
    fclose(stream);
    return status;
}

Test(record, info_describes_the_run_and_every_dataset)
{
    write_tiny();
    static char out[65536];
    ps_error err = {0};
    cr_assert_eq(info(path, out, sizeof out, &err), PS_OK, "%s", err.msg);
    const char *lines[] = {
        "scenario: tiny (from tests/tiny.cfg)\n",
        "protsim version: " PROTSIM_VERSION "\n",
        "seed: 20080101\n",
        "period: 2008-01 to 2008-05, 5 of 5 steps written\n",
        "states: 2 (Japan, Korea)\n",
        "NGOs: 3\n",
        "events: 4\n",
        "  /time [time 5], units decimal year: decimal year at the end of each step\n",
        "  /refugees/count [time 5, state 2, status 11], units persons: ",
        "  /network/action_plans [time 5, plan_kind 3], units plans: ",
        "  /states/name [state 2], units text: ",
        "  /events [event 4], units ",
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        cr_assert_not_null(strstr(out, lines[k]), "missing \"%s\" in:\n%s", lines[k],
                           out);
    }
}

Test(record, info_names_a_missing_file)
{
    ps_error err = {0};
    char out[64];
    cr_assert_eq(info("/nonexistent/run.h5", out, sizeof out, &err), PS_EIO);
    cr_assert_str_eq(err.msg,
                     "/nonexistent/run.h5: cannot open: No such file or directory");
}

Test(record, info_refuses_other_hdf5_files)
{
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    cr_assert_geq(file, 0);
    H5Fclose(file);
    ps_error err = {0};
    char out[64], expected[256];
    cr_assert_eq(info(path, out, sizeof out, &err), PS_EIO);
    snprintf(expected, sizeof expected, "%s: not a protsim result file", path);
    cr_assert_str_eq(err.msg, expected);
}

Test(record, info_refuses_a_text_file)
{
    FILE *text = fopen(path, "w");
    cr_assert_not_null(text);
    fputs("not hdf5\n", text);
    fclose(text);
    ps_error err = {0};
    char out[64], expected[256];
    cr_assert_eq(info(path, out, sizeof out, &err), PS_EIO);
    snprintf(expected, sizeof expected, "%s: not a protsim result file", path);
    cr_assert_str_eq(err.msg, expected);
}
