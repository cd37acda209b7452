/* record_checkpoint.c - /checkpoint of a run file: written by walking the world's field
 * list, read back into a blank world after each dataset is checked against the field
 * it must fill; and the history's rows (series and events) read back for protsim run
 * --from (docs/output.md, "Checkpoints") */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "record_checkpoint.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "record_common.h"
#include "record_layout.h"
#include "record_schema.h"
#include "sha256.h"

#define OPAQUE_TAG "protsim: bytes of this build's struct"
#define WHERE_SIZE 4200 /* "PATH: /checkpoint/world" */

struct ps_checkpoint {
    char *path; /* owned */
    hid_t file;
    ps_month month; /* the last month simulated */
    uint64_t seed;
    size_t steps; /* steps done at the checkpoint */
    char build[65], build_about[1024];
    char *scenario; /* owned */
    /* the history's rows (ps_checkpoint_rows_open) */
    const ps_scenario *sc; /* borrowed: the history's scenario */
    size_t n_ngos;
    double *rows[PS_N_SERIES]; /* owned: [steps * row[k]] */
    size_t row[PS_N_SERIES];
    hid_t events, event_type;
    size_t n_event_rows, next_row; /* rows of /events; the next one to use */
    event_record *block;           /* owned: [EVENT_BLOCK] rows read */
    size_t n_block, at_block;      /* rows in block; the next one to use */
    ps_event *ev;                  /* owned: [cap_ev] the events of the step asked */
    size_t n_ev, cap_ev;
};

/* ---- element types --------------------------------------------------------------- */

static hid_t integer_type(const ps_world_field *f)
{
    bool sign = f->type == PS_WORLD_INT;
    switch (f->size) {
    case 1:
        return H5Tcopy(sign ? H5T_STD_I8LE : H5T_STD_U8LE);
    case 2:
        return H5Tcopy(sign ? H5T_STD_I16LE : H5T_STD_U16LE);
    case 4:
        return H5Tcopy(sign ? H5T_STD_I32LE : H5T_STD_U32LE);
    case 8:
        return H5Tcopy(sign ? H5T_STD_I64LE : H5T_STD_U64LE);
    default:
        return H5I_INVALID_HID;
    }
}

/* The file type of a field's elements; the caller closes it. Negative on failure. */
static hid_t file_type(const ps_world_field *f)
{
    hid_t t = H5I_INVALID_HID;
    switch (f->type) {
    case PS_WORLD_REAL:
        return f->size == 8 ? H5Tcopy(H5T_IEEE_F64LE) : H5I_INVALID_HID;
    case PS_WORLD_BOOL:
        return f->size == 1 ? H5Tcopy(H5T_STD_U8LE) : H5I_INVALID_HID;
    case PS_WORLD_INT:
    case PS_WORLD_UINT:
        return integer_type(f);
    case PS_WORLD_BYTES:
        t = H5Tcreate(H5T_OPAQUE, f->size);
        if (t >= 0 && H5Tset_tag(t, OPAQUE_TAG) < 0) {
            H5Tclose(t);
            t = H5I_INVALID_HID;
        }
        return t;
    }
    return H5I_INVALID_HID;
}

/* The memory type of the file type ft: the same in this machine's byte order. */
static hid_t memory_type(hid_t ft)
{
    hid_t t = ft >= 0 ? H5Tcopy(ft) : H5I_INVALID_HID;
    if (t >= 0 && H5Tget_class(t) != H5T_OPAQUE && H5Tget_size(t) > 1 &&
        H5Tset_order(t, H5Tget_order(H5T_NATIVE_INT)) < 0) {
        H5Tclose(t);
        t = H5I_INVALID_HID;
    }
    return t;
}

/* "float64", "int32", "uint64", "bool", "bytes" */
static void type_word(const ps_world_field *f, char *buf, size_t size)
{
    static const char *const WORDS[] = {"float", "int", "uint", "bool", "bytes"};
    bool bits =
        f->type == PS_WORLD_REAL || f->type == PS_WORLD_INT || f->type == PS_WORLD_UINT;
    if (bits) {
        snprintf(buf, size, "%s%zu", WORDS[f->type], 8 * f->size);
    } else {
        snprintf(buf, size, "%s", WORDS[f->type]);
    }
}

/* ---- writing --------------------------------------------------------------------- */

static ps_status write_field(hid_t group, const char *where, const ps_world_field *f,
                             ps_error *err)
{
    char word[32], description[256];
    type_word(f, word, sizeof word);
    snprintf(description, sizeof description, "field %s: %zu elements of %zu bytes, %s",
             f->name, f->count, f->size, word);
    hsize_t dims[1] = {f->count};
    hid_t ft = file_type(f), mt = memory_type(ft);
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t dcpl = ft >= 0 ? ps_record_whole_dcpl(ft, 1, dims) : H5I_INVALID_HID;
    hid_t dset = dcpl >= 0 && mt >= 0 ? H5Dcreate2(group, f->name, ft, space, H5P_DEFAULT,
                                                   dcpl, H5P_DEFAULT)
                                      : H5I_INVALID_HID;
    herr_t status = dset < 0 ? -1 : ps_record_describe(dset, word, "", description);
    if (status >= 0 && f->count > 0) {
        status = H5Dwrite(dset, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, f->data);
    }
    H5Dclose(dset);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Tclose(mt);
    H5Tclose(ft);
    return status < 0 ? ps_fail(err, PS_EHDF5, "%s/%s: cannot write", where, f->name)
                      : PS_OK;
}

static ps_status write_attributes(hid_t file, const char *name,
                                  const ps_checkpoint_meta *m, size_t steps,
                                  ps_error *err)
{
    char month[16], sha[65];
    ps_month_format(m->month, month, sizeof month);
    ps_sha256 s;
    ps_sha256_init(&s);
    ps_sha256_update(&s, m->scenario, strlen(m->scenario));
    ps_sha256_hex(&s, sha);
    int64_t done = (int64_t)steps;
    hid_t g = H5Gopen2(file, PS_CHECKPOINT_GROUPS[PS_CKPT_GROUP].path, H5P_DEFAULT);
    bool bad = g < 0 || ps_record_put_text(g, "month", month) < 0;
    bad = bad || ps_record_put_number(g, "steps_done", H5T_NATIVE_INT64, &done) < 0;
    bad = bad || ps_record_put_number(g, "seed", H5T_NATIVE_UINT64, &m->seed) < 0;
    bad = bad || ps_record_put_text(g, "build", m->build) < 0;
    bad = bad || ps_record_put_text(g, "build_about", m->build_about) < 0;
    bad = bad || ps_record_put_text(g, "scenario_sha256", sha) < 0;
    H5Gclose(g);
    return bad ? ps_fail(err, PS_EHDF5, "%s: /checkpoint: cannot write its attributes",
                         name)
               : PS_OK;
}

static ps_status write_texts(ps_recorder *rec, const ps_checkpoint_meta *m, ps_error *err)
{
    const char *const text[PS_N_CKPT_DATASETS] = {m->scenario, m->scenario_now};
    ps_status st = PS_OK;
    for (int k = 0; k < PS_N_CKPT_DATASETS && st == PS_OK; k++) {
        const ps_dataset_doc *d = &PS_CHECKPOINT[k];
        ps_record_array a = {.path = d->path,
                             .units = d->units,
                             .dims = d->dims,
                             .description = d->description,
                             .rank = 0,
                             .text = &text[k]};
        st = ps_recorder_write_array(rec, &a, err);
    }
    return st;
}

/* The world's kept fields into /checkpoint/world, the carried ones into its driver. */
static ps_status write_fields(ps_recorder *rec, ps_world *w, const ps_checkpoint_meta *m,
                              ps_error *err)
{
    char where[WHERE_SIZE];
    ps_status st = PS_OK;
    for (int g = PS_CKPT_WORLD; g <= PS_CKPT_DRIVER && st == PS_OK; g++) {
        const char *path = PS_CHECKPOINT_GROUPS[g].path;
        snprintf(where, sizeof where, "%s: %s", ps_recorder_name(rec), path);
        hid_t group = H5Gopen2(ps_recorder_hdf5(rec), path, H5P_DEFAULT);
        if (group < 0) {
            return ps_fail(err, PS_EHDF5, "%s: cannot open", where);
        }
        size_t n = g == PS_CKPT_WORLD ? ps_world_n_fields() : m->n_carried;
        for (size_t k = 0; k < n && st == PS_OK; k++) {
            ps_world_field f = g == PS_CKPT_DRIVER ? m->carried[k] : (ps_world_field){0};
            st = g == PS_CKPT_WORLD ? ps_world_field_at(w, k, &f, err) : PS_OK;
            st = st == PS_OK ? write_field(group, where, &f, err) : st;
        }
        H5Gclose(group);
    }
    return st;
}

ps_status ps_recorder_write_checkpoint(ps_recorder *rec, ps_world *w,
                                       const ps_checkpoint_meta *meta, ps_error *err)
{
    ps_status st = PS_OK;
    for (int g = 0; g < PS_N_CKPT_GROUPS && st == PS_OK; g++) {
        st = ps_recorder_add_group(rec, PS_CHECKPOINT_GROUPS[g].path,
                                   PS_CHECKPOINT_GROUPS[g].description, err);
    }
    if (st == PS_OK) {
        st = write_attributes(ps_recorder_hdf5(rec), ps_recorder_name(rec), meta,
                              ps_world_steps_done(w), err);
    }
    st = st == PS_OK ? write_texts(rec, meta, err) : st;
    return st == PS_OK ? write_fields(rec, w, meta, err) : st;
}

/* ---- opening --------------------------------------------------------------------- */

/* A scalar integer attribute of obj into *out (as mem, a native integer type). */
static bool get_number(hid_t obj, const char *name, hid_t mem, void *out)
{
    if (H5Aexists(obj, name) <= 0) {
        return false;
    }
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    hid_t t = a >= 0 ? H5Aget_type(a) : H5I_INVALID_HID;
    hid_t s = a >= 0 ? H5Aget_space(a) : H5I_INVALID_HID;
    bool ok = t >= 0 && H5Tget_class(t) == H5T_INTEGER && s >= 0 &&
              H5Sget_simple_extent_ndims(s) == 0 && H5Aread(a, mem, out) >= 0;
    H5Sclose(s);
    H5Tclose(t);
    H5Aclose(a);
    return ok;
}

/* The scalar text dataset at path, copied into *out (the caller frees it). */
static ps_status read_text(ps_checkpoint *cp, const char *path, char **out, ps_error *err)
{
    *out = NULL;
    hid_t dset = H5Lexists(cp->file, path, H5P_DEFAULT) > 0
                     ? H5Dopen2(cp->file, path, H5P_DEFAULT)
                     : H5I_INVALID_HID;
    hid_t type = dset >= 0 ? H5Dget_type(dset) : H5I_INVALID_HID;
    hid_t space = dset >= 0 ? H5Dget_space(dset) : H5I_INVALID_HID;
    hid_t mem = ps_record_text_type();
    char *value = NULL;
    bool ok = type >= 0 && H5Tget_class(type) == H5T_STRING &&
              H5Tis_variable_str(type) > 0 && space >= 0 &&
              H5Sget_simple_extent_ndims(space) == 0 &&
              H5Dread(dset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) >= 0;
    if (ok && value != NULL) {
        *out = strdup(value);
        H5Dvlen_reclaim(mem, space, H5P_DEFAULT, &value);
    }
    H5Tclose(mem);
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(dset);
    if (!ok || value == NULL) {
        return ps_fail(err, PS_EINVAL, "%s: %s: missing, or not a text", cp->path, path);
    }
    return *out != NULL ? PS_OK
                        : ps_fail(err, PS_ENOMEM, "%s: cannot allocate", cp->path);
}

static ps_status read_attributes(ps_checkpoint *cp, hid_t g, ps_error *err)
{
    char month[32], sha[80];
    int64_t steps = -1;
    ps_record_get_text(g, "month", month, sizeof month);
    ps_record_get_text(g, "build", cp->build, sizeof cp->build);
    ps_record_get_text(g, "build_about", cp->build_about, sizeof cp->build_about);
    ps_record_get_text(g, "scenario_sha256", sha, sizeof sha);
    const char *missing =
        !ps_month_parse(month, &cp->month) ? "month"
        : !get_number(g, "steps_done", H5T_NATIVE_INT64, &steps) || steps < 1
            ? "steps_done"
        : !get_number(g, "seed", H5T_NATIVE_UINT64, &cp->seed) ? "seed"
        : strlen(cp->build) != 64                              ? "build"
        : strlen(sha) != 64                                    ? "scenario_sha256"
                                                               : NULL;
    if (missing != NULL) {
        return ps_fail(err, PS_EINVAL,
                       "%s: /checkpoint: the attribute %s is missing or "
                       "malformed",
                       cp->path, missing);
    }
    cp->steps = (size_t)steps;
    ps_status st =
        read_text(cp, PS_CHECKPOINT[PS_CKPT_SCENARIO].path, &cp->scenario, err);
    if (st != PS_OK) {
        return st;
    }
    char hex[65];
    ps_sha256 s;
    ps_sha256_init(&s);
    ps_sha256_update(&s, cp->scenario, strlen(cp->scenario));
    ps_sha256_hex(&s, hex);
    if (strcmp(hex, sha) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: %s: its SHA-256 is not the attribute scenario_sha256 of "
                       "/checkpoint (the scenario was changed after the checkpoint)",
                       cp->path, PS_CHECKPOINT[PS_CKPT_SCENARIO].path);
    }
    return PS_OK;
}

static ps_status open_file(ps_checkpoint *cp, ps_error *err)
{
    FILE *probe = fopen(cp->path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EINVAL, "%s: cannot open: %s", cp->path, strerror(errno));
    }
    fclose(probe);
    ps_status st = ps_record_check_seal(cp->path, err);
    if (st != PS_OK) {
        return st;
    }
    cp->file = H5Fis_hdf5(cp->path) > 0 ? H5Fopen(cp->path, H5F_ACC_RDONLY, H5P_DEFAULT)
                                        : H5I_INVALID_HID;
    if (cp->file < 0) {
        return ps_fail(err, PS_EINVAL, "%s: not an HDF5 file", cp->path);
    }
    const char *group = PS_CHECKPOINT_GROUPS[PS_CKPT_GROUP].path;
    hid_t g = H5Lexists(cp->file, group, H5P_DEFAULT) > 0
                  ? H5Gopen2(cp->file, group, H5P_DEFAULT)
                  : H5I_INVALID_HID;
    if (g < 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: holds no checkpoint (protsim run --checkpoint-at YYYY-MM "
                       "writes one)",
                       cp->path);
    }
    st = read_attributes(cp, g, err);
    H5Gclose(g);
    return st;
}

ps_status ps_checkpoint_open(const char *path, ps_checkpoint **out, ps_error *err)
{
    *out = NULL;
    ps_record_init();
    ps_checkpoint *cp = calloc(1, sizeof *cp);
    if (cp == NULL || (cp->path = strdup(path)) == NULL) {
        free(cp);
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate", path);
    }
    cp->file = cp->events = cp->event_type = H5I_INVALID_HID;
    ps_status st = open_file(cp, err);
    if (st != PS_OK) {
        ps_checkpoint_close(cp);
        return st;
    }
    *out = cp;
    return PS_OK;
}

ps_month ps_checkpoint_month(const ps_checkpoint *cp)
{
    return cp->month;
}

uint64_t ps_checkpoint_seed(const ps_checkpoint *cp)
{
    return cp->seed;
}

const char *ps_checkpoint_build(const ps_checkpoint *cp)
{
    return cp->build;
}

const char *ps_checkpoint_build_about(const ps_checkpoint *cp)
{
    return cp->build_about;
}

const char *ps_checkpoint_scenario(const ps_checkpoint *cp)
{
    return cp->scenario;
}

/* ---- fields ---------------------------------------------------------------------- */

/* "[12]", "[3, 4]" or "scalar" */
static void shape_text(int rank, const hsize_t *dims, char *buf, size_t size)
{
    if (rank <= 0) {
        snprintf(buf, size, rank == 0 ? "scalar" : "unreadable");
        return;
    }
    size_t used = 0;
    for (int k = 0; k < rank && used < size; k++) {
        used += (size_t)snprintf(buf + used, size - used, "%s%llu", k == 0 ? "[" : ", ",
                                 (unsigned long long)dims[k]);
    }
    if (used < size) {
        snprintf(buf + used, size - used, "]");
    }
}

/* The dataset of field f in group: its type and shape are those of the field. */
static ps_status check_field(hid_t group, const char *where, const ps_world_field *f,
                             ps_error *err)
{
    if (H5Lexists(group, f->name, H5P_DEFAULT) <= 0) {
        return ps_fail(err, PS_EINVAL, "%s/%s: missing (this build's world has it)",
                       where, f->name);
    }
    hsize_t dims[H5S_MAX_RANK] = {0};
    hid_t dset = H5Dopen2(group, f->name, H5P_DEFAULT);
    hid_t type = dset >= 0 ? H5Dget_type(dset) : H5I_INVALID_HID;
    hid_t space = dset >= 0 ? H5Dget_space(dset) : H5I_INVALID_HID;
    int rank = space >= 0 ? H5Sget_simple_extent_dims(space, dims, NULL) : -1;
    hid_t want = file_type(f);
    bool same_type = type >= 0 && want >= 0 && H5Tequal(type, want) > 0;
    H5Tclose(want);
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(dset);
    char word[32], shape[96];
    type_word(f, word, sizeof word);
    if (rank != 1 || dims[0] != f->count) {
        shape_text(rank, dims, shape, sizeof shape);
        return ps_fail(err, PS_EINVAL,
                       "%s/%s: its shape is %s, not [%zu] as this build's world holds it",
                       where, f->name, shape, f->count);
    }
    if (!same_type) {
        return ps_fail(err, PS_EINVAL,
                       "%s/%s: its elements are not %s of %zu bytes, as this build's "
                       "world holds them",
                       where, f->name, word, f->size);
    }
    return PS_OK;
}

/* Read field f (checked) into f->data; a bool must be 0 or 1. */
static ps_status read_field(hid_t group, const char *where, const ps_world_field *f,
                            ps_error *err)
{
    hid_t dset = H5Dopen2(group, f->name, H5P_DEFAULT);
    hid_t ft = file_type(f), mt = memory_type(ft);
    herr_t status = dset >= 0 && mt >= 0 ? 0 : -1;
    if (status >= 0 && f->count > 0) {
        status = H5Dread(dset, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, f->data);
    }
    H5Tclose(mt);
    H5Tclose(ft);
    H5Dclose(dset);
    if (status < 0) {
        return ps_fail(err, PS_EHDF5, "%s/%s: cannot read", where, f->name);
    }
    const unsigned char *b = f->data;
    for (size_t i = 0; f->type == PS_WORLD_BOOL && i < f->count; i++) {
        if (b[i] > 1) {
            return ps_fail(err, PS_EINVAL, "%s/%s: element %zu is %u, not 0 or 1", where,
                           f->name, i, (unsigned)b[i]);
        }
    }
    return PS_OK;
}

static hid_t open_group(ps_checkpoint *cp, int g, char *where, ps_error *err)
{
    const char *path = PS_CHECKPOINT_GROUPS[g].path;
    snprintf(where, WHERE_SIZE, "%s: %s", cp->path, path);
    hid_t group = H5Lexists(cp->file, path, H5P_DEFAULT) > 0
                      ? H5Gopen2(cp->file, path, H5P_DEFAULT)
                      : H5I_INVALID_HID;
    if (group < 0) {
        ps_fail(err, PS_EINVAL, "%s: missing", where);
    }
    return group;
}

/* Field k of w, checked, then sized and read; a field not sized by the agents must
 * keep the count it had in the blank world (sized[k]). */
static ps_status restore_field(hid_t group, const char *where, ps_world *w, size_t k,
                               const size_t *sized, ps_error *err)
{
    ps_world_field f;
    bool agents = ps_world_field_peek(w, k, &f);
    if (!agents && f.count != sized[k]) {
        return ps_fail(err, PS_EINVAL,
                       "%s: the world's sizes are not those of its scenario (%s: %zu "
                       "elements, not %zu)",
                       where, f.name, f.count, sized[k]);
    }
    ps_status st = check_field(group, where, &f, err);
    st = st == PS_OK ? ps_world_field_at(w, k, &f, err) : st;
    return st == PS_OK ? read_field(group, where, &f, err) : st;
}

ps_status ps_checkpoint_read_world(ps_checkpoint *cp, ps_world *w, ps_error *err)
{
    char where[WHERE_SIZE];
    size_t n = ps_world_n_fields();
    size_t *sized = calloc(n, sizeof *sized);
    if (sized == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate", cp->path);
    }
    for (size_t k = 0; k < n; k++) {
        ps_world_field f;
        ps_world_field_peek(w, k, &f);
        sized[k] = f.count;
    }
    hid_t group = open_group(cp, PS_CKPT_WORLD, where, err);
    ps_status st = group >= 0 ? PS_OK : PS_EINVAL;
    for (size_t k = 0; k < n && st == PS_OK; k++) {
        st = restore_field(group, where, w, k, sized, err);
    }
    H5Gclose(group);
    free(sized);
    ps_error why = {0};
    if (st == PS_OK && ps_world_check_fields(w, &why) != PS_OK) {
        return ps_fail(err, why.status, "%s: %s", where, why.msg);
    }
    return st;
}

ps_status ps_checkpoint_read_carried(ps_checkpoint *cp, const ps_world_field *fields,
                                     size_t n, ps_error *err)
{
    char where[WHERE_SIZE];
    hid_t group = open_group(cp, PS_CKPT_DRIVER, where, err);
    ps_status st = group >= 0 ? PS_OK : PS_EINVAL;
    for (size_t k = 0; k < n && st == PS_OK; k++) {
        st = check_field(group, where, &fields[k], err);
        st = st == PS_OK ? read_field(group, where, &fields[k], err) : st;
    }
    H5Gclose(group);
    return st;
}

/* ---- the history's rows ---------------------------------------------------------- */

/* Series k of the root layout: shape checked, its first cp->steps rows read. */
static ps_status read_series(ps_checkpoint *cp, const ps_layout *lay, size_t k,
                             ps_error *err)
{
    const ps_series_spec *s = &PS_SERIES[k];
    hsize_t want[MAX_RANK], dims[H5S_MAX_RANK] = {0}, start[MAX_RANK] = {0};
    int rank = ps_layout_series_dims(s, lay, want);
    hid_t dset = H5Lexists(cp->file, s->path, H5P_DEFAULT) > 0
                     ? H5Dopen2(cp->file, s->path, H5P_DEFAULT)
                     : H5I_INVALID_HID;
    hid_t type = dset >= 0 ? H5Dget_type(dset) : H5I_INVALID_HID;
    hid_t space = dset >= 0 ? H5Dget_space(dset) : H5I_INVALID_HID;
    int got = space >= 0 ? H5Sget_simple_extent_dims(space, dims, NULL) : -1;
    bool same = got == rank && type >= 0 && H5Tget_class(type) == H5T_FLOAT;
    for (int d = 0; d < rank && same; d++) {
        same = dims[d] == want[d];
    }
    herr_t status = same ? 0 : -1;
    cp->row[k] = ps_schema_series_row(s, lay->n_states, lay->n_ngos);
    if (same && cp->row[k] > 0) {
        cp->rows[k] = malloc(cp->steps * cp->row[k] * sizeof *cp->rows[k]);
        want[0] = cp->steps; /* the count: the checkpoint's steps of every axis */
        hid_t mem = H5Screate_simple(rank, want, NULL);
        status = cp->rows[k] == NULL ? -1
                                     : H5Sselect_hyperslab(space, H5S_SELECT_SET, start,
                                                           NULL, want, NULL);
        status = status >= 0 ? H5Dread(dset, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT,
                                       cp->rows[k])
                             : status;
        H5Sclose(mem);
    }
    H5Sclose(space);
    H5Tclose(type);
    H5Dclose(dset);
    if (!same) {
        char shape[96], expected[96];
        shape_text(got, dims, shape, sizeof shape);
        shape_text(rank, want, expected, sizeof expected);
        return ps_fail(err, PS_EINVAL,
                       "%s: %s: its shape is %s, not %s as a run of its "
                       "scenario",
                       cp->path, s->path, shape, expected);
    }
    return status < 0 ? ps_fail(err, PS_EHDF5, "%s: %s: cannot read", cp->path, s->path)
                      : PS_OK;
}

static ps_status open_events(ps_checkpoint *cp, ps_error *err)
{
    const char *path = PS_OTHERS[PS_OTHER_EVENTS].path;
    hsize_t dims[H5S_MAX_RANK] = {0};
    cp->events = H5Lexists(cp->file, path, H5P_DEFAULT) > 0
                     ? H5Dopen2(cp->file, path, H5P_DEFAULT)
                     : H5I_INVALID_HID;
    hid_t type = cp->events >= 0 ? H5Dget_type(cp->events) : H5I_INVALID_HID;
    hid_t space = cp->events >= 0 ? H5Dget_space(cp->events) : H5I_INVALID_HID;
    int rank = space >= 0 ? H5Sget_simple_extent_dims(space, dims, NULL) : -1;
    bool ok = rank == 1 && type >= 0 && H5Tget_class(type) == H5T_COMPOUND;
    H5Sclose(space);
    H5Tclose(type);
    if (!ok) {
        return ps_fail(err, PS_EINVAL, "%s: %s: missing, or not a table of events",
                       cp->path, path);
    }
    cp->n_event_rows = (size_t)dims[0];
    cp->event_type = ps_layout_event_type(false);
    cp->block = calloc(EVENT_BLOCK, sizeof *cp->block);
    if (cp->event_type < 0 || cp->block == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", cp->path, path);
    }
    return PS_OK;
}

ps_status ps_checkpoint_rows_open(ps_checkpoint *cp, const ps_scenario *sc, size_t n_ngos,
                                  ps_error *err)
{
    ps_record_part part = {.group = "",
                           .sc = sc,
                           .shape = {.n_states = sc->n_states,
                                     .n_ngos = n_ngos,
                                     .n_steps = ps_scenario_steps(sc)}};
    ps_layout lay = {0};
    ps_layout_init(&lay, cp->path, &part);
    cp->sc = sc;
    cp->n_ngos = n_ngos;
    if (cp->steps >= lay.n_steps) {
        return ps_fail(err, PS_EINVAL,
                       "%s: /checkpoint: steps_done = %zu, but its scenario runs %zu "
                       "steps",
                       cp->path, cp->steps, lay.n_steps);
    }
    ps_status st = PS_OK;
    for (size_t k = 0; k < PS_N_SERIES && st == PS_OK; k++) {
        st = read_series(cp, &lay, k, err);
    }
    return st == PS_OK ? open_events(cp, err) : st;
}

/* The rows of the block go back to HDF5 (their strings). */
static void reclaim_block(ps_checkpoint *cp)
{
    if (cp->n_block > 0) {
        hsize_t n[1] = {cp->n_block};
        hid_t space = H5Screate_simple(1, n, NULL);
        H5Dvlen_reclaim(cp->event_type, space, H5P_DEFAULT, cp->block);
        H5Sclose(space);
        memset(cp->block, 0, cp->n_block * sizeof *cp->block);
    }
    cp->n_block = cp->at_block = 0;
}

/* The next rows of /events into the block. */
static ps_status read_block(ps_checkpoint *cp, ps_error *err)
{
    reclaim_block(cp);
    size_t left = cp->n_event_rows - cp->next_row;
    hsize_t start[1] = {cp->next_row},
            count[1] = {left < EVENT_BLOCK ? left : EVENT_BLOCK};
    hid_t file_space = H5Dget_space(cp->events);
    hid_t mem_space = H5Screate_simple(1, count, NULL);
    herr_t status =
        H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    status = status >= 0 ? H5Dread(cp->events, cp->event_type, mem_space, file_space,
                                   H5P_DEFAULT, cp->block)
                         : status;
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (status < 0) {
        return ps_fail(err, PS_EHDF5, "%s: /events: cannot read rows %zu-%zu", cp->path,
                       cp->next_row, cp->next_row + (size_t)count[0] - 1);
    }
    cp->n_block = (size_t)count[0];
    return PS_OK;
}

static long state_index(const ps_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_states; i++) {
        if (strcmp(sc->states[i].name, name) == 0) {
            return (long)i;
        }
    }
    return name[0] == '\0' ? -1 : -2;
}

/* Row r of /events as an event of the history; false when it names what is not. */
static bool to_event(const ps_checkpoint *cp, const event_record *r, ps_event *ev)
{
    if (r->date == NULL || r->type == NULL || r->state == NULL ||
        !ps_month_parse(r->date, &ev->date)) {
        return false;
    }
    ev->type = PS_N_EVENT_TYPES;
    for (int e = 0; e < PS_N_EVENT_TYPES; e++) {
        if (strcmp(ps_event_type_name((ps_event_type)e), r->type) == 0) {
            ev->type = (ps_event_type)e;
        }
    }
    ev->state = state_index(cp->sc, r->state);
    ev->ngo = (long)r->ngo;
    ev->value = r->value;
    return ev->type != PS_N_EVENT_TYPES && ev->state >= -1 && r->ngo >= -1 &&
           r->ngo < (int64_t)cp->n_ngos;
}

static ps_status keep_event(ps_checkpoint *cp, const ps_event *ev, ps_error *err)
{
    if (cp->n_ev == cp->cap_ev) {
        size_t cap = 2 * cp->cap_ev + 64;
        ps_event *grown = realloc(cp->ev, cap * sizeof *grown);
        if (grown == NULL) {
            return ps_fail(err, PS_ENOMEM, "%s: cannot keep %zu events", cp->path, cap);
        }
        cp->ev = grown;
        cp->cap_ev = cap;
    }
    cp->ev[cp->n_ev++] = *ev;
    return PS_OK;
}

/* The events of month, the rows from next_row on while they are of that month. */
static ps_status month_events(ps_checkpoint *cp, ps_month month, ps_error *err)
{
    cp->n_ev = 0;
    ps_status st = PS_OK;
    while (st == PS_OK && cp->next_row < cp->n_event_rows) {
        st = cp->at_block == cp->n_block ? read_block(cp, err) : PS_OK;
        ps_event ev = {0};
        if (st != PS_OK) {
            break;
        }
        if (!to_event(cp, &cp->block[cp->at_block], &ev) || ev.date < month) {
            char at[16];
            ps_month_format(month, at, sizeof at);
            return ps_fail(err, PS_EINVAL,
                           "%s: /events: row %zu is not an event of this history at or "
                           "after %s",
                           cp->path, cp->next_row, at);
        }
        if (ev.date > month) {
            break;
        }
        st = keep_event(cp, &ev, err);
        cp->at_block++;
        cp->next_row++;
    }
    return st;
}

ps_status ps_checkpoint_row(ps_checkpoint *cp, size_t t, ps_indicators *ind,
                            const ps_event **events, size_t *n_events, ps_error *err)
{
    assert(t < cp->steps && ind->n_states == cp->sc->n_states);
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        const ps_series_spec *s = &PS_SERIES[k];
        if (cp->row[k] == 0) {
            continue;
        }
        char *field = (char *)ind + s->offset;
        bool by_pointer = s->from == PS_FROM_STATES || s->from == PS_FROM_NGOS;
        double *dst = by_pointer ? *(double **)field : (double *)field;
        memcpy(dst, cp->rows[k] + t * cp->row[k], cp->row[k] * sizeof *dst);
    }
    if (ind->n_ngos > 0) {
        memset(ind->ngo_member, 0, ind->n_ngos * sizeof *ind->ngo_member);
    }
    ps_status st = month_events(cp, cp->sc->start + (ps_month)t, err);
    *events = cp->ev;
    *n_events = st == PS_OK ? cp->n_ev : 0;
    return st;
}

void ps_checkpoint_close(ps_checkpoint *cp)
{
    if (cp == NULL) {
        return;
    }
    if (cp->block != NULL) {
        reclaim_block(cp);
    }
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        free(cp->rows[k]);
    }
    free(cp->block);
    free(cp->ev);
    free(cp->scenario);
    free(cp->path);
    H5Tclose(cp->event_type);
    H5Dclose(cp->events);
    H5Fclose(cp->file);
    free(cp);
}
