/* record_h5.c - the writer of run, replicate and compare files: open, append steps,
 * close. What is written is the schema's (record_schema.c); each layout is created by
 * record_layout.c.
 *
 * A file holds one layout of these datasets at its root (protsim run), or several, each
 * in a group of its own (protsim compare: /a and /b). A layout holds one run, or R runs
 * on a leading replicate axis, written one run after the other (--replicates, compare).
 */
#define _POSIX_C_SOURCE 200809L /* getpid, stat, strdup */

#include "record_common.h"
#include "record_layout.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "protsim/version.h"

struct ps_recorder {
    char *path;         /* owned: the name asked for, used in messages */
    ps_record_temp tmp; /* owned: where the file is written until close */
    hid_t file;
    hid_t xfer; /* transfer properties: a small conversion buffer (see file_create) */
    bool with_scratch;          /* a layout keeps quantiles */
    ps_record_temp scratch_tmp; /* owned: every run's series of such layouts */
    hid_t scratch;              /* H5I_INVALID_HID without such a layout */
    size_t n_layouts;
    ps_layout *layouts; /* owned: [n_layouts]; in groups when layouts[0].group is set */
};

/* ---- shapes ---------------------------------------------------------------------- */

/* The time is the same in every run: it is written from the first only. */
static bool skipped(const ps_layout *lay, const ps_series_spec *s)
{
    return s->from == PS_FROM_TIME && lay->run > 0;
}

/* ---- small HDF5 helpers: each returns a negative value on failure ----------------- */

/* ---- open ------------------------------------------------------------------------ */

static ps_status rec_create(const char *path, const ps_record_part *parts, size_t n_parts,
                            ps_recorder **out, ps_error *err)
{
    ps_recorder *rec = calloc(1, sizeof *rec);
    if (rec == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    *out = rec;
    rec->file = rec->xfer = rec->scratch = H5I_INVALID_HID;
    rec->tmp.fd = rec->scratch_tmp.fd = -1;
    rec->path = strdup(path);
    rec->layouts = calloc(n_parts, sizeof *rec->layouts);
    if (rec->path == NULL || rec->layouts == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    for (size_t p = 0; p < n_parts; p++) {
        rec->with_scratch |=
            parts[p].keep == PS_KEEP_QUANTILES && parts[p].shape.n_runs > 0;
    }
    rec->n_layouts = n_parts;
    for (size_t p = 0; p < n_parts; p++) {
        ps_layout_init(&rec->layouts[p], rec->path, &parts[p]);
    }
    for (size_t p = 0; p < n_parts; p++) {
        if (ps_layout_alloc(&rec->layouts[p], parts[p].sc) != PS_OK) {
            return ps_fail(err, PS_ENOMEM,
                           "%s: cannot allocate buffers for %zu states, %zu NGOs", path,
                           parts[p].shape.n_states, parts[p].shape.n_ngos);
        }
    }
    return PS_OK;
}
/* Create the temporary file; stdio first, so that the reason is errno's. */
static ps_status file_create(ps_recorder *rec, bool force, ps_error *err)
{
    ps_status st = ps_record_temp_create(rec->path, force, &rec->tmp, err);
    if (st != PS_OK) {
        return st;
    }
    hid_t fapl = ps_record_fapl(), fcpl = ps_record_fcpl();
    rec->file = H5Fcreate(rec->tmp.path, H5F_ACC_TRUNC, fcpl, fapl);
    H5Pclose(fcpl);
    /* HDF5 zeroes a 1 MB conversion buffer for every write of strings or compound
     * records by default: most of a small run's page faults. 64 kB is plenty. */
    rec->xfer = H5Pcreate(H5P_DATASET_XFER);
    if (rec->xfer >= 0 && H5Pset_buffer(rec->xfer, 64 * 1024, NULL, NULL) < 0) {
        H5Pclose(rec->xfer);
        rec->xfer = H5I_INVALID_HID;
    }
    if (rec->file < 0 || rec->xfer < 0) {
        H5Pclose(fapl);
        return ps_fail(err, PS_EHDF5, "%s: cannot create: HDF5 cannot create %s",
                       rec->path, rec->tmp.path);
    }
    st = ps_record_temp_verify(&rec->tmp, rec->file, rec->path, err);
    if (st == PS_OK && rec->with_scratch) {
        st = ps_record_temp_beside(&rec->tmp, ".series", &rec->scratch_tmp, err);
        rec->scratch = st == PS_OK ? H5Fcreate(rec->scratch_tmp.path, H5F_ACC_TRUNC,
                                               H5P_DEFAULT, fapl)
                                   : H5I_INVALID_HID;
        if (st == PS_OK && rec->scratch < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: cannot create %s", rec->path,
                         rec->scratch_tmp.path);
        }
        st = st == PS_OK
                 ? ps_record_temp_verify(&rec->scratch_tmp, rec->scratch, rec->path, err)
                 : st;
    }
    H5Pclose(fapl);
    return st;
}

/* The layouts borrow the file and its transfer properties. */
static void share_file(ps_recorder *rec)
{
    for (size_t p = 0; p < rec->n_layouts; p++) {
        rec->layouts[p].file = rec->file;
        rec->layouts[p].xfer = rec->xfer;
        rec->layouts[p].scratch = rec->scratch;
    }
}

/* The root of a file of several layouts: what made it, and where the layouts are. */
static ps_status write_file_attributes(ps_recorder *rec, const ps_record_part *parts,
                                       size_t n_parts, const ps_run_meta *meta,
                                       ps_error *err)
{
    char list[PATH_SIZE] = "";
    size_t used = 0;
    for (size_t p = 0; p < n_parts && used < sizeof list; p++) {
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                 p > 0 ? "," : "", parts[p].group);
    }
    int64_t zero = 0;
    hid_t f = rec->file;
    bool bad = ps_record_put_text(f, "protsim_version", PROTSIM_VERSION) < 0;
    bad |= ps_record_put_number(f, "seed", H5T_NATIVE_UINT64, &meta->seed) < 0;
    bad |= ps_record_put_text(f, "command_line", meta->command_line) < 0;
    bad |= ps_record_put_text(f, "parts", list) < 0;
    bad |= ps_record_put_provenance(f) < 0;
    bad |= ps_record_put_number(f, "complete", H5T_NATIVE_INT64, &zero) < 0;
    return bad ? ps_fail(err, PS_EHDF5, "%s: /: cannot write the root attributes",
                         rec->path)
               : PS_OK;
}

static ps_status open_parts(const char *path, bool force, const ps_record_part *parts,
                            size_t n_parts, const ps_run_meta *root_meta,
                            ps_recorder **out, ps_error *err)
{
    *out = NULL;
    for (size_t p = 0; p < n_parts; p++) {
        assert(parts[p].shape.n_states == parts[p].sc->n_states);
        assert(parts[p].shape.n_steps > 0);
    }
    ps_record_init(); /* failures become statuses, not stderr or a crash at exit */
    ps_recorder *rec = NULL;
    ps_status status = ps_record_check_target(path, force, err);
    if (status == PS_OK) {
        status = rec_create(path, parts, n_parts, &rec, err);
    }
    if (status == PS_OK) {
        status = file_create(rec, force, err);
        share_file(rec);
    }
    if (status == PS_OK && root_meta != NULL) {
        status = write_file_attributes(rec, parts, n_parts, root_meta, err);
    }
    for (size_t p = 0; p < n_parts && status == PS_OK; p++) {
        status = ps_layout_create(&rec->layouts[p], &parts[p], err);
    }
    if (status != PS_OK) {
        ps_recorder_abandon(rec);
        return status;
    }
    *out = rec;
    return PS_OK;
}

ps_status ps_record_check_output(const char *path, bool force, ps_error *err)
{
    return ps_record_check_target(path, force, err);
}

ps_status ps_recorder_open(const char *path, bool force, const ps_scenario *sc,
                           const ps_record_shape *shape, const ps_run_meta *meta,
                           ps_recorder **out, ps_error *err)
{
    ps_record_part part = {.group = "", .description = "", .sc = sc, .shape = *shape};
    if (meta != NULL) {
        part.meta = *meta;
    }
    return open_parts(path, force, &part, 1, NULL, out, err);
}

ps_status ps_recorder_open_parts(const char *path, bool force,
                                 const ps_record_part *parts, size_t n_parts,
                                 const ps_run_meta *meta, ps_recorder **out,
                                 ps_error *err)
{
    assert(n_parts > 0 && meta != NULL);
    for (size_t p = 0; p < n_parts; p++) {
        assert(parts[p].group != NULL && parts[p].group[0] == '/' &&
               strlen(parts[p].group) < GROUP_SIZE);
    }
    return open_parts(path, force, parts, n_parts, meta, out, err);
}

hid_t ps_recorder_hdf5(const ps_recorder *rec)
{
    return rec->file;
}

const char *ps_recorder_name(const ps_recorder *rec)
{
    return rec->path;
}

/* ---- described arrays (results that are not time series) ------------------------- */

ps_status ps_recorder_add_group(ps_recorder *rec, const char *path,
                                const char *description, ps_error *err)
{
    if (ps_record_create_group(rec->file, path, description) < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot create", rec->path, path);
    }
    return PS_OK;
}

ps_status ps_recorder_write_array(ps_recorder *rec, const ps_record_array *a,
                                  ps_error *err)
{
    assert(a->rank >= 0 && a->rank <= 2);
    assert((a->real != NULL) + (a->integer != NULL) + (a->text != NULL) == 1);
    hsize_t dims[2] = {a->shape[0], a->shape[1]};
    size_t n = a->rank == 0 ? 1 : a->rank == 1 ? a->shape[0] : a->shape[0] * a->shape[1];
    hid_t text = ps_record_text_type();
    hid_t file_type = a->text != NULL   ? text
                      : a->real != NULL ? H5T_IEEE_F64LE
                                        : H5T_STD_I64LE;
    hid_t mem_type = a->text != NULL   ? text
                     : a->real != NULL ? H5T_NATIVE_DOUBLE
                                       : H5T_NATIVE_INT64;
    const void *data = a->text != NULL   ? (const void *)a->text
                       : a->real != NULL ? (const void *)a->real
                                         : (const void *)a->integer;
    hid_t space =
        a->rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(a->rank, dims, NULL);
    hid_t dcpl = ps_record_whole_dcpl(file_type, a->rank, dims);
    hid_t dset =
        H5Dcreate2(rec->file, a->path, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    ps_dataset_doc doc = {a->path, a->units, a->dims, a->description};
    herr_t status = dset < 0 ? -1 : ps_layout_describe(dset, &doc, false);
    if (status >= 0 && n > 0) {
        status = H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, rec->xfer, data);
    }
    H5Dclose(dset);
    H5Sclose(space);
    H5Tclose(text);
    return status < 0 ? ps_fail(err, PS_EHDF5, "%s: %s: cannot write", rec->path, a->path)
                      : PS_OK;
}

/* ---- write ----------------------------------------------------------------------- */

/* Write the buffered steps of series k of the run being written as one hyperslab. */
static ps_status flush_series(ps_layout *lay, size_t k, ps_error *err)
{
    const ps_series_spec *s = &PS_SERIES[k];
    series_buffer *b = &lay->series[k];
    if (lay->t == b->done || b->row == 0 || skipped(lay, s)) {
        b->done = lay->t;
        return PS_OK;
    }
    hsize_t start[MAX_RANK] = {0}, count[MAX_RANK];
    int rank = ps_layout_series_dims(s, lay, count),
        lead = ps_layout_replicated(lay, s) ? 1 : 0;
    start[0] = lay->run; /* the replicate axis, or overwritten next when there is none */
    count[0] = 1;
    start[lead] = b->done;
    count[lead] = lay->t - b->done;
    hid_t file_space = H5Dget_space(b->dset);
    hid_t mem_space = H5Screate_simple(rank, count, NULL);
    herr_t status =
        H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    if (status >= 0) {
        status = H5Dwrite(b->dset, H5T_NATIVE_DOUBLE, mem_space, file_space, lay->xfer,
                          b->buf);
    }
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (status < 0) {
        char at[PATH_SIZE];
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot write steps %zu-%zu", lay->path,
                       ps_layout_path(lay, s->path, at), b->done, lay->t - 1);
    }
    b->done = lay->t;
    return PS_OK;
}
/* Copy one step of series s from ind into row pos of its buffer. */
static void buffer_step(series_buffer *b, const ps_series_spec *s,
                        const ps_indicators *ind, size_t pos)
{
    if (b->row == 0) {
        return;
    }
    const char *field = (const char *)ind + s->offset;
    bool by_pointer = s->from == PS_FROM_STATES || s->from == PS_FROM_NGOS;
    const double *src = by_pointer ? *(double *const *)field : (const double *)field;
    assert(src != NULL && pos < b->block); /* a full buffer means a failed write */
    memcpy(b->buf + pos * b->row, src, b->row * sizeof *b->buf);
}

static ps_status flush_events(ps_layout *lay, ps_error *err)
{
    if (lay->n_ev == 0) {
        return PS_OK;
    }
    hsize_t start[1] = {lay->n_events}, count[1] = {lay->n_ev};
    hsize_t total[1] = {lay->n_events + lay->n_ev};
    herr_t status = H5Dset_extent(lay->events, total);
    hid_t file_space = H5Dget_space(lay->events);
    hid_t mem_space = H5Screate_simple(1, count, NULL);
    if (status >= 0) {
        status =
            H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    }
    if (status >= 0) {
        status = H5Dwrite(lay->events, lay->event_type, mem_space, file_space, lay->xfer,
                          lay->ev);
    }
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (status < 0) {
        char at[PATH_SIZE];
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot write events %zu-%zu", lay->path,
                       ps_layout_path(lay, PS_OTHERS[PS_OTHER_EVENTS].path, at),
                       lay->n_events, lay->n_events + lay->n_ev - 1);
    }
    lay->n_events += lay->n_ev;
    lay->n_ev = 0;
    return PS_OK;
}

static ps_status add_event(ps_layout *lay, const ps_event *ev, ps_error *err)
{
    assert(ev->state < (long)lay->n_states && ev->state >= -1);
    if (lay->n_ev == EVENT_BLOCK) {
        ps_status status = flush_events(lay, err);
        if (status != PS_OK) {
            return status;
        }
    }
    size_t i = lay->n_ev++;
    event_record *r = &lay->ev[i];
    const char *type = ps_event_type_name(ev->type);
    memset(r, 0, sizeof *r); /* HDF5 copies the padding too */
    ps_month_format(ev->date, lay->ev_date[i], sizeof lay->ev_date[i]);
    r->date = lay->ev_date[i];
    r->time = (ev->date + 1) / 12.0; /* the end of the month, as /time */
    r->type = type != NULL ? type : "";
    r->state = ev->state < 0 ? "" : lay->state_names + (size_t)ev->state * PS_MAX_NAME;
    r->ngo = ev->ngo < 0 ? -1 : (int64_t)ev->ngo;
    r->value = ev->value;
    r->replicate = (int64_t)lay->run;
    return PS_OK;
}

/* The NGOs' membership at the last step written of the run being written: the whole of
 * /ngos/member, or its row of the run. */
static ps_status write_member(ps_layout *lay, ps_error *err)
{
    if (lay->t == 0 || lay->n_ngos == 0) {
        return PS_OK;
    }
    char at[PATH_SIZE];
    const char *path = PS_OTHERS[PS_OTHER_MEMBER].path;
    hid_t dset = H5Dopen2(lay->file, ps_layout_path(lay, path, at), H5P_DEFAULT);
    hid_t file_space = H5S_ALL, mem_space = H5S_ALL;
    herr_t status = dset < 0 ? -1 : 0;
    if (status >= 0 && lay->n_runs > 0) {
        hsize_t start[2] = {lay->run, 0}, count[2] = {1, lay->n_ngos};
        file_space = H5Dget_space(dset);
        mem_space = H5Screate_simple(2, count, NULL);
        status =
            H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    }
    if (status >= 0) {
        status = H5Dwrite(dset, H5T_NATIVE_DOUBLE, mem_space, file_space, lay->xfer,
                          lay->ngo_member);
    }
    if (lay->n_runs > 0) {
        H5Sclose(mem_space);
        H5Sclose(file_space);
    }
    H5Dclose(dset);
    return status < 0 ? ps_layout_fail(lay, path, "cannot write", err) : PS_OK;
}

/* Everything of the run being written that is still in memory goes to the file. */
static ps_status end_run(ps_layout *lay, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t k = 0; k < PS_N_SERIES && status == PS_OK; k++) {
        status = flush_series(lay, k, err);
    }
    return status == PS_OK ? write_member(lay, err) : status;
}

/* Move on to run; runs are written in increasing order, each from its first step. */
static ps_status start_run(ps_layout *lay, size_t run, ps_error *err)
{
    if (run == lay->run) {
        return PS_OK;
    }
    char at[PATH_SIZE];
    size_t runs = lay->n_runs > 0 ? lay->n_runs : 1;
    if (run >= runs) {
        return ps_fail(err, PS_EINVAL, "%s: %s: cannot write replicate %zu of 0-%zu",
                       lay->path, ps_layout_path(lay, "", at), run, runs - 1);
    }
    if (run < lay->run) {
        return ps_fail(err, PS_EINVAL,
                       "%s: %s: cannot write replicate %zu after replicate %zu",
                       lay->path, ps_layout_path(lay, "", at), run, lay->run);
    }
    ps_status status = end_run(lay, err);
    lay->run = run;
    lay->t = 0;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        lay->series[k].done = 0;
    }
    return status;
}

ps_status ps_recorder_write_run_step(ps_recorder *rec, size_t part, size_t run,
                                     const ps_indicators *ind, const ps_event *events,
                                     size_t n_events, ps_error *err)
{
    assert(part < rec->n_layouts);
    ps_layout *lay = &rec->layouts[part];
    if (lay->keep == PS_KEEP_SUMMARY) {
        return ps_fail(err, PS_EINVAL, "%s: %s: keeps no series (--keep summary)",
                       lay->path, lay->group);
    }
    ps_status status = start_run(lay, run, err);
    if (status != PS_OK) {
        return status;
    }
    if (lay->t >= lay->n_steps) {
        return ps_fail(err, PS_EINVAL,
                       "%s: cannot write step %zu: the file holds %zu steps", lay->path,
                       lay->t, lay->n_steps);
    }
    assert(ind->n_states == lay->n_states && ind->n_ngos == lay->n_ngos);
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        series_buffer *b = &lay->series[k];
        if (!skipped(lay, &PS_SERIES[k])) {
            buffer_step(b, &PS_SERIES[k], ind, lay->t - b->done);
        }
    }
    if (lay->n_ngos > 0) {
        memcpy(lay->ngo_member, ind->ngo_member, lay->n_ngos * sizeof *lay->ngo_member);
    }
    lay->t++;
    for (size_t k = 0; k < PS_N_SERIES && status == PS_OK; k++) {
        if (lay->t - lay->series[k].done == lay->series[k].block) {
            status = flush_series(lay, k, err);
        }
    }
    for (size_t i = 0; i < n_events && status == PS_OK; i++) {
        status = add_event(lay, &events[i], err);
    }
    return status;
}

ps_status ps_recorder_write(ps_recorder *rec, const ps_indicators *ind,
                            const ps_event *events, size_t n_events, ps_error *err)
{
    return ps_recorder_write_run_step(rec, 0, 0, ind, events, n_events, err);
}

/* ---- close ----------------------------------------------------------------------- */

/* steps_written and complete (and replicates_written) on the layout's group. */
static ps_status closing_attributes(ps_layout *lay, ps_error *err)
{
    char at[PATH_SIZE];
    int64_t written = (int64_t)lay->t, complete = 1;
    int64_t runs = (int64_t)(lay->t > 0 ? lay->run + 1 : lay->run);
    hid_t obj = H5Oopen(lay->file, ps_layout_path(lay, "", at), H5P_DEFAULT);
    bool bad = obj < 0;
    bad =
        bad || ps_record_put_number(obj, "steps_written", H5T_NATIVE_INT64, &written) < 0;
    bad = bad || ps_record_put_number(obj, "complete", H5T_NATIVE_INT64, &complete) < 0;
    if (!bad && lay->n_runs > 0) {
        bad =
            ps_record_put_number(obj, "replicates_written", H5T_NATIVE_INT64, &runs) < 0;
    }
    if (obj >= 0) {
        H5Oclose(obj);
    }
    return bad ? ps_layout_fail(lay, "", "cannot write the closing attributes", err)
               : PS_OK;
}

/* Everything still in memory goes to the file, then the closing attributes. */
static ps_status finish(ps_recorder *rec, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t p = 0; p < rec->n_layouts && status == PS_OK; p++) {
        ps_layout *lay = &rec->layouts[p];
        status = lay->keep == PS_KEEP_SUMMARY ? PS_OK : end_run(lay, err);
        if (status == PS_OK && lay->keep == PS_KEEP_QUANTILES) {
            status = ps_layout_reduce(lay, err);
        }
        bool summary = lay->keep == PS_KEEP_SUMMARY; /* no events */
        if (status == PS_OK && !summary) {
            status = flush_events(lay, err);
        }
        if (status == PS_OK && !summary) {
            status = ps_layout_create_event_scale(lay, err);
        }
        if (status == PS_OK) {
            status = closing_attributes(lay, err);
        }
    }
    if (status == PS_OK) {
        status = ps_record_attach_scales(rec->file, rec->path, err);
    }
    int64_t complete = 1;
    bool grouped = rec->n_layouts > 0 && rec->layouts[0].group[0] != '\0';
    if (status == PS_OK && grouped &&
        ps_record_put_number(rec->file, "complete", H5T_NATIVE_INT64, &complete) < 0) {
        status = ps_fail(err, PS_EHDF5, "%s: /: cannot write the closing attributes",
                         rec->path);
    }
    return status;
}

/* Close every HDF5 handle of a layout that is open; false when one fails. */
static bool close_layout(ps_layout *lay)
{
    bool bad = false;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        if (lay->series[k].dset >= 0) {
            bad |= H5Dclose(lay->series[k].dset) < 0;
            lay->series[k].dset = H5I_INVALID_HID;
        }
    }
    if (lay->events >= 0) {
        bad |= H5Dclose(lay->events) < 0;
    }
    if (lay->event_type >= 0) {
        bad |= H5Tclose(lay->event_type) < 0;
    }
    lay->events = lay->event_type = lay->file = lay->xfer = H5I_INVALID_HID;
    return !bad;
}

/* Close every HDF5 handle that is open; negative when one fails. */
static herr_t close_handles(ps_recorder *rec)
{
    bool bad = false;
    for (size_t p = 0; p < rec->n_layouts; p++) {
        bad |= !close_layout(&rec->layouts[p]);
    }
    if (rec->xfer >= 0) {
        bad |= H5Pclose(rec->xfer) < 0;
    }
    if (rec->file >= 0) {
        bad |= H5Fclose(rec->file) < 0;
    }
    if (rec->scratch >= 0) {
        bad |= H5Fclose(rec->scratch) < 0;
    }
    ps_record_temp_finish(&rec->scratch_tmp, rec->path, PS_EINTR, NULL); /* removed */
    rec->file = rec->xfer = rec->scratch = H5I_INVALID_HID;
    return bad ? -1 : 0;
}

static void destroy(ps_recorder *rec)
{
    for (size_t p = 0; p < rec->n_layouts; p++) {
        ps_layout *lay = &rec->layouts[p];
        for (size_t k = 0; k < PS_N_SERIES; k++) {
            free(lay->series[k].buf);
        }
        free(lay->state_names);
        free(lay->ngo_member);
        free(lay->ev);
        free(lay->ev_date);
    }
    free(rec->layouts);
    ps_record_temp_finish(&rec->tmp, rec->path, PS_EINTR, NULL); /* removed if left */
    free(rec->path);
    free(rec);
}

ps_status ps_recorder_close(ps_recorder *rec, ps_error *err)
{
    ps_status status = finish(rec, err);
    if (close_handles(rec) < 0 && status == PS_OK) {
        status = ps_fail(err, PS_EHDF5, "%s: %s: cannot close", rec->path, rec->tmp.path);
    }
    status = ps_record_temp_finish(&rec->tmp, rec->path, status, err);
    destroy(rec);
    return status;
}

void ps_recorder_abandon(ps_recorder *rec)
{
    if (rec == NULL) {
        return;
    }
    close_handles(rec);
    destroy(rec); /* and the temporary file */
}
