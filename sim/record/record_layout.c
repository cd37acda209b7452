/* record_layout.c - create one layout of a result file: its groups, attributes, series,
 * names, NGO homes, membership, events and seeds, every one a row of record_schema.c */
#include "record_layout.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/version.h"
#include "record_common.h"

/* Steps buffered per write: about BUFFER_BYTES, at least one step, at most the run. */
static size_t block_steps(size_t row, size_t n_steps)
{
    size_t block = row == 0 ? n_steps : BUFFER_BYTES / (row * sizeof(double));
    block = block < 1 ? 1 : block;
    return block < n_steps ? block : n_steps;
}

/* Whether series s has the leading replicate axis in lay. */
bool ps_layout_replicated(const ps_layout *lay, const ps_series_spec *s)
{
    return lay->n_runs > 0 && s->from != PS_FROM_TIME;
}

/* Fill dims with the file shape of series s; returns the rank. */
int ps_layout_series_dims(const ps_series_spec *s, const ps_layout *lay,
                          hsize_t dims[MAX_RANK])
{
    int rank = 0;
    if (ps_layout_replicated(lay, s)) {
        dims[rank++] = lay->n_runs;
    }
    dims[rank++] = lay->n_steps;
    if (s->from == PS_FROM_STATES) {
        dims[rank++] = lay->n_states;
    }
    if (s->from == PS_FROM_NGOS) {
        dims[rank++] = lay->n_ngos;
    }
    if (s->inner > 1) {
        dims[rank++] = s->inner;
    }
    return rank;
}

/* A layout's dataset or group: "/a" + "/states/poi"; the layout's own group for "". */
const char *ps_layout_path(const ps_layout *lay, const char *path, char buf[PATH_SIZE])
{
    snprintf(buf, PATH_SIZE, "%s%s", lay->group, path);
    return buf[0] != '\0' ? buf : "/";
}

/* units, dimensions and description; "replicate," leads the dimensions when the
 * dataset has a replicate axis. */
herr_t ps_layout_describe(hid_t obj, const ps_dataset_doc *doc, bool with_replicate)
{
    char dims[256];
    snprintf(dims, sizeof dims, "%s%s", with_replicate ? "replicate," : "", doc->dims);
    return ps_record_describe(obj, doc->units, dims, doc->description);
}

/* "out.h5: /a/states/poi: cannot write"; path "" names the layout's group. */
ps_status ps_layout_fail(const ps_layout *lay, const char *path, const char *what,
                         ps_error *err)
{
    char at[PATH_SIZE];
    return ps_fail(err, PS_EHDF5, "%s: %s: %s", lay->path, ps_layout_path(lay, path, at),
                   what);
}

/* Where each field of PS_EVENT_FIELDS lives in event_record. */
static const size_t EVENT_OFFSETS[PS_N_EVENT_FIELDS] = {
    offsetof(event_record, date),     offsetof(event_record, time),
    offsetof(event_record, type),     offsetof(event_record, state),
    offsetof(event_record, ngo),      offsetof(event_record, value),
    offsetof(event_record, replicate)};

static double *alloc_doubles(size_t n)
{
    return calloc(n > 0 ? n : 1, sizeof(double));
}

/* Allocate every buffer of lay; it can be destroyed whatever this returns. */
ps_status ps_layout_alloc(ps_layout *lay, const ps_scenario *sc)
{
    bool ok = true;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        series_buffer *b = &lay->series[k];
        b->row = ps_schema_series_row(&PS_SERIES[k], lay->n_states, lay->n_ngos);
        b->block = block_steps(b->row, lay->n_steps);
        if (lay->keep == PS_KEEP_SUMMARY) {
            b->row = 0; /* no series */
        }
        b->buf = alloc_doubles(b->row * b->block);
        ok = ok && b->buf != NULL;
    }
    lay->state_names = calloc(lay->n_states + 1, PS_MAX_NAME);
    lay->ngo_member = alloc_doubles(lay->n_ngos);
    lay->ev = calloc(EVENT_BLOCK, sizeof *lay->ev);
    lay->ev_date = calloc(EVENT_BLOCK, sizeof *lay->ev_date);
    if (!ok || lay->state_names == NULL || lay->ngo_member == NULL || lay->ev == NULL ||
        lay->ev_date == NULL) {
        return PS_ENOMEM;
    }
    for (size_t i = 0; i < lay->n_states; i++) {
        snprintf(lay->state_names + i * PS_MAX_NAME, PS_MAX_NAME, "%s",
                 sc->states[i].name);
    }
    return PS_OK;
}

/* A layout with no HDF5 handle open yet and the sizes of part. */
void ps_layout_init(ps_layout *lay, const char *path, const ps_record_part *part)
{
    lay->path = path;
    lay->file = lay->xfer = lay->event_type = lay->events = H5I_INVALID_HID;
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        lay->series[k].dset = H5I_INVALID_HID;
    }
    snprintf(lay->group, sizeof lay->group, "%s", part->group != NULL ? part->group : "");
    lay->n_states = part->shape.n_states;
    lay->n_ngos = part->shape.n_ngos;
    lay->n_steps = part->shape.n_steps;
    lay->n_runs = part->shape.n_runs;
    lay->keep = part->shape.n_runs > 0 ? part->keep : PS_KEEP_ALL;
    lay->compress = part->meta.compress;
    lay->scratch = H5I_INVALID_HID;
}

/* The attributes of a layout on obj, its group (the root for a single layout);
 * steps_written, complete and replicates_written are rewritten at close. */
static ps_status write_attributes(const ps_layout *lay, hid_t obj, const ps_scenario *sc,
                                  const ps_run_meta *meta, ps_error *err)
{
    char start[DATE_SIZE], end[DATE_SIZE];
    ps_month_format(sc->start, start, sizeof start);
    ps_month_format(sc->end, end, sizeof end);
    int64_t steps = (int64_t)lay->n_steps, runs = (int64_t)lay->n_runs, zero = 0;
    hid_t f = obj;
    bool bad = ps_record_put_text(f, "protsim_version", PROTSIM_VERSION) < 0;
    bad |= ps_record_put_number(f, "seed", H5T_NATIVE_UINT64, &meta->seed) < 0;
    bad |= ps_record_put_text(f, "scenario_name", sc->name) < 0;
    bad |= ps_record_put_text(f, "scenario_source", sc->source) < 0;
    if (lay->group[0] == '\0') { /* a file of several layouts has it at the root */
        bad |= ps_record_put_text(f, "command_line", meta->command_line) < 0;
        bad |= ps_record_put_provenance(f) < 0;
    }
    bad |= ps_record_put_text(f, "scenario", meta->scenario_text) < 0;
    bad |= ps_record_put_text(f, "start", start) < 0;
    bad |= ps_record_put_text(f, "end", end) < 0;
    bad |= ps_record_put_number(f, "steps", H5T_NATIVE_INT64, &steps) < 0;
    bad |= ps_record_put_number(f, "steps_written", H5T_NATIVE_INT64, &zero) < 0;
    bad |= ps_record_put_number(f, "agents_per_person", H5T_NATIVE_DOUBLE,
                                &sc->agents_per_person) < 0;
    bad |= ps_record_put_number(f, "complete", H5T_NATIVE_INT64, &zero) < 0;
    if (lay->n_runs > 0) {
        static const char *const KEEP[] = {"all", "quantiles", "summary"};
        bad |= ps_record_put_text(f, "keep", KEEP[lay->keep]) < 0;
        bad |= ps_record_put_number(f, "replicates", H5T_NATIVE_INT64, &runs) < 0;
        bad |= ps_record_put_number(f, "replicates_written", H5T_NATIVE_INT64, &zero) < 0;
    }
    const char *what = lay->group[0] == '\0' ? "cannot write the root attributes"
                                             : "cannot write the attributes";
    return bad ? ps_layout_fail(lay, "", what, err) : PS_OK;
}

static ps_status layout_attributes(const ps_layout *lay, const ps_record_part *part,
                                   ps_error *err)
{
    char at[PATH_SIZE];
    hid_t obj = H5Oopen(lay->file, ps_layout_path(lay, "", at), H5P_DEFAULT);
    if (obj < 0) {
        return ps_layout_fail(lay, "", "cannot open", err);
    }
    ps_status status = write_attributes(lay, obj, part->sc, &part->meta, err);
    H5Oclose(obj);
    return status;
}

/* The layout's own group (unless it is the root), then the groups of PS_RUN_GROUPS in it.
 */
static ps_status create_groups(ps_layout *lay, hid_t file, const char *description,
                               bool subgroups, ps_error *err)
{
    char at[PATH_SIZE];
    if (lay->group[0] != '\0' &&
        ps_record_create_group(file, lay->group, description) < 0) {
        return ps_layout_fail(lay, "", "cannot create", err);
    }
    for (size_t k = 0; subgroups && k < PS_N_RUN_GROUPS; k++) {
        hid_t group = H5Gcreate2(file, ps_layout_path(lay, PS_RUN_GROUPS[k].path, at),
                                 H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        herr_t status =
            ps_record_put_text(group, "description", PS_RUN_GROUPS[k].description);
        H5Gclose(group);
        if (group < 0 || status < 0) {
            return ps_layout_fail(lay, PS_RUN_GROUPS[k].path, "cannot create", err);
        }
    }
    return PS_OK;
}

/* A described dataset of shape dims[rank] in lay; contiguous unless dcpl says otherwise.
 * The caller closes it. */
static hid_t create_dataset_in(hid_t file, const ps_layout *lay,
                               const ps_dataset_doc *doc, bool with_replicate, hid_t type,
                               int rank, const hsize_t *dims, hid_t dcpl)
{
    char at[PATH_SIZE];
    hid_t whole = dcpl == H5P_DEFAULT ? ps_record_whole_dcpl(type, rank, dims) : dcpl;
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dset = H5Dcreate2(file, ps_layout_path(lay, doc->path, at), type, space,
                            H5P_DEFAULT, whole, H5P_DEFAULT);
    H5Sclose(space);
    if (whole != dcpl) {
        H5Pclose(whole);
    }
    if (dset >= 0 && ps_layout_describe(dset, doc, with_replicate) < 0) {
        H5Dclose(dset);
        return H5I_INVALID_HID;
    }
    return dset;
}

static hid_t create_dataset(const ps_layout *lay, const ps_dataset_doc *doc,
                            bool with_replicate, hid_t type, int rank,
                            const hsize_t *dims, hid_t dcpl)
{
    return create_dataset_in(lay->file, lay, doc, with_replicate, type, rank, dims, dcpl);
}

/* A series at full size [(runs,) n_steps, ...], chunked by one run's block; unwritten
 * steps are NaN. */
static ps_status create_series(ps_layout *lay, size_t k, ps_error *err)
{
    const ps_series_spec *s = &PS_SERIES[k];
    series_buffer *b = &lay->series[k];
    hsize_t dims[MAX_RANK], chunk[MAX_RANK];
    int rank = ps_layout_series_dims(s, lay, dims),
        lead = ps_layout_replicated(lay, s) ? 1 : 0;
    memcpy(chunk, dims, sizeof dims);
    chunk[0] = 1; /* one run, when there is a replicate axis */
    chunk[lead] = b->block;
    double fill = NAN;
    hid_t dcpl = ps_record_chunked_dcpl(rank, chunk, lay->compress);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    if (status >= 0 && lay->n_steps > 0 && b->row > 0) {
        status = H5Pset_fletcher32(dcpl); /* checksummed: damage is an error */
    }
    char axes[128];
    ps_schema_series_dims(s, axes, sizeof axes);
    ps_dataset_doc doc = {s->path, s->units, axes, s->description};
    hid_t file = lay->keep == PS_KEEP_QUANTILES && lead == 1 ? lay->scratch : lay->file;
    b->dset =
        create_dataset_in(file, lay, &doc, lead == 1, H5T_IEEE_F64LE, rank, dims, dcpl);
    H5Pclose(dcpl);
    if (status < 0 || b->dset < 0) {
        return ps_layout_fail(lay, s->path, "cannot create", err);
    }
    return PS_OK;
}

/* A dataset doc [n] of variable-length text from names[n]. */
static ps_status write_texts(ps_layout *lay, const ps_dataset_doc *doc,
                             const char *const *names, size_t n, ps_error *err)
{
    hid_t type = ps_record_text_type();
    hsize_t dims[1] = {n};
    hid_t dset = create_dataset(lay, doc, false, type, 1, dims, H5P_DEFAULT);
    herr_t status = n == 0 ? 0 : H5Dwrite(dset, type, H5S_ALL, H5S_ALL, lay->xfer, names);
    herr_t closed = dset >= 0 ? H5Dclose(dset) : -1;
    H5Tclose(type);
    return status < 0 || closed < 0 ? ps_layout_fail(lay, doc->path, "cannot write", err)
                                    : PS_OK;
}

/* The names of spec, as doc (spec's own doc, or a scale's). */
static ps_status create_names(ps_layout *lay, const ps_scenario *sc,
                              const ps_names_spec *spec, const ps_dataset_doc *doc,
                              ps_error *err)
{
    size_t n = spec->count == PS_NAMES_PER_STATE ? lay->n_states : spec->count;
    const char **names = malloc((n > 0 ? n : 1) * sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", lay->path, doc->path);
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = spec->name(sc, i);
        names[i] = name != NULL ? name : "";
    }
    ps_status status = write_texts(lay, doc, names, n, err);
    free(names);
    return status;
}

/* /month [n_steps]: "YYYY-MM" of each step from the scenario's start. */
static ps_status create_month(ps_layout *lay, const ps_scenario *sc, ps_error *err)
{
    char(*text)[DATE_SIZE] = calloc(lay->n_steps + 1, sizeof *text);
    const char **months = calloc(lay->n_steps + 1, sizeof *months);
    ps_status status = PS_ENOMEM;
    if (text != NULL && months != NULL) {
        for (size_t t = 0; t < lay->n_steps; t++) {
            ps_month_format(sc->start + (ps_month)t, text[t], sizeof text[t]);
            months[t] = text[t];
        }
        status = write_texts(lay, &PS_OTHERS[PS_OTHER_MONTH], months, lay->n_steps, err);
    } else {
        ps_fail(err, status, "%s: /month: cannot allocate", lay->path);
    }
    free(months);
    free(text);
    return status;
}

/* A dataset doc [n] of 64-bit integers 0 .. n-1. */
static ps_status create_index(ps_layout *lay, const ps_dataset_doc *doc, size_t n,
                              ps_error *err)
{
    int64_t *index = malloc((n > 0 ? n : 1) * sizeof *index);
    if (index == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", lay->path, doc->path);
    }
    for (size_t i = 0; i < n; i++) {
        index[i] = (int64_t)i;
    }
    hsize_t dims[1] = {n};
    hid_t dset = create_dataset(lay, doc, false, H5T_STD_I64LE, 1, dims, H5P_DEFAULT);
    herr_t status = n == 0 || dset < 0 ? 0
                                       : H5Dwrite(dset, H5T_NATIVE_INT64, H5S_ALL,
                                                  H5S_ALL, lay->xfer, index);
    herr_t closed = dset >= 0 ? H5Dclose(dset) : -1;
    free(index);
    return status < 0 || closed < 0 ? ps_layout_fail(lay, doc->path, "cannot write", err)
                                    : PS_OK;
}

/* The list of PS_NAMES whose one axis is named dims. */
static const ps_names_spec *names_of(const char *dims)
{
    for (size_t k = 0; k < PS_N_NAMES; k++) {
        if (strcmp(PS_NAMES[k].doc.dims, dims) == 0) {
            return &PS_NAMES[k];
        }
    }
    return NULL;
}

/* The scales of PS_RUN_SCALES but /event (at close); /replicate with replicates only. */
static ps_status create_scales(ps_layout *lay, const ps_scenario *sc, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t k = 0; k < PS_N_RUN_SCALES && status == PS_OK; k++) {
        const ps_scale_spec *s = &PS_RUN_SCALES[k];
        bool replicate = strcmp(s->doc.dims, "replicate") == 0;
        if (strcmp(s->doc.path, PS_RUN_EVENT_SCALE) == 0 ||
            (replicate && lay->n_runs == 0)) {
            continue;
        }
        if (s->from == PS_SCALE_NAMES) {
            const ps_names_spec *names = names_of(s->doc.dims);
            assert(names != NULL);
            status = create_names(lay, sc, names, &s->doc, err);
        } else {
            size_t n = replicate ? lay->n_runs : lay->n_ngos;
            status = create_index(lay, &s->doc, n, err);
        }
    }
    return status;
}

ps_status ps_layout_create_event_scale(ps_layout *lay, ps_error *err)
{
    for (size_t k = 0; k < PS_N_RUN_SCALES; k++) {
        if (strcmp(PS_RUN_SCALES[k].doc.path, PS_RUN_EVENT_SCALE) == 0) {
            return create_index(lay, &PS_RUN_SCALES[k].doc, lay->n_events, err);
        }
    }
    return PS_OK;
}

static ps_status create_home(ps_layout *lay, const size_t *ngo_home, ps_error *err)
{
    const char *path = PS_OTHERS[PS_OTHER_HOME].path;
    int64_t *home = malloc((lay->n_ngos > 0 ? lay->n_ngos : 1) * sizeof *home);
    if (home == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", lay->path, path);
    }
    for (size_t j = 0; j < lay->n_ngos; j++) {
        assert(ngo_home[j] < lay->n_states);
        home[j] = (int64_t)ngo_home[j];
    }
    hsize_t dims[1] = {lay->n_ngos};
    hid_t dset = create_dataset(lay, &PS_OTHERS[PS_OTHER_HOME], false, H5T_STD_I64LE, 1,
                                dims, H5P_DEFAULT);
    herr_t status = lay->n_ngos == 0 ? 0
                                     : H5Dwrite(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL,
                                                lay->xfer, home);
    H5Dclose(dset);
    free(home);
    return dset < 0 || status < 0 ? ps_layout_fail(lay, path, "cannot write", err)
                                  : PS_OK;
}

/* /ngos/member [(runs,) n_ngos] is filled at the end of each run; NaN until then. */
static ps_status create_member(ps_layout *lay, ps_error *err)
{
    double fill = NAN;
    bool runs = lay->n_runs > 0;
    hsize_t dims[2] = {runs ? lay->n_runs : lay->n_ngos, lay->n_ngos};
    hid_t dcpl = ps_record_whole_dcpl(H5T_IEEE_F64LE, runs ? 2 : 1, dims);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    hid_t dset = create_dataset(lay, &PS_OTHERS[PS_OTHER_MEMBER], runs, H5T_IEEE_F64LE,
                                runs ? 2 : 1, dims, dcpl);
    H5Dclose(dset);
    H5Pclose(dcpl);
    if (status < 0 || dset < 0) {
        return ps_layout_fail(lay, PS_OTHERS[PS_OTHER_MEMBER].path, "cannot create", err);
    }
    return PS_OK;
}

/* The compound type of event_record in memory; the field replicate only when asked. */
hid_t ps_layout_event_type(bool with_replicate)
{
    hid_t text = ps_record_text_type();
    hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(event_record));
    size_t n_fields = with_replicate ? PS_N_EVENT_FIELDS : PS_N_EVENT_FIELDS - 1;
    bool bad = text < 0 || type < 0;
    for (size_t k = 0; k < n_fields && !bad; k++) {
        hid_t field = PS_EVENT_FIELDS[k].kind == PS_FIELD_TEXT   ? text
                      : PS_EVENT_FIELDS[k].kind == PS_FIELD_REAL ? H5T_NATIVE_DOUBLE
                                                                 : H5T_NATIVE_INT64;
        bad = H5Tinsert(type, PS_EVENT_FIELDS[k].name, EVENT_OFFSETS[k], field) < 0;
    }
    H5Tclose(text);
    if (bad) {
        H5Tclose(type);
        return H5I_INVALID_HID;
    }
    return type;
}

/* /events starts empty and grows by one hyperslab per EVENT_BLOCK events. The file
 * type is the memory type packed: without a replicate axis, the six fields of a run. */
static ps_status create_events(ps_layout *lay, ps_error *err)
{
    const ps_dataset_doc *doc = &PS_OTHERS[PS_OTHER_EVENTS];
    char at[PATH_SIZE], description[512];
    hsize_t dims[1] = {0}, max[1] = {H5S_UNLIMITED}, chunk[1] = {EVENT_BLOCK};
    lay->event_type = ps_layout_event_type(lay->n_runs > 0);
    hid_t file_type = H5Tcopy(lay->event_type);
    herr_t status = H5Tpack(file_type);
    hid_t space = H5Screate_simple(1, dims, max);
    hid_t dcpl = ps_record_chunked_dcpl(1, chunk, lay->compress);
    lay->events = H5Dcreate2(lay->file, ps_layout_path(lay, doc->path, at), file_type,
                             space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Tclose(file_type);
    snprintf(description, sizeof description, "%s%s", doc->description,
             lay->n_runs > 0 ? PS_EVENTS_REPLICATE_NOTE : "");
    ps_dataset_doc with = {doc->path, doc->units, doc->dims, description};
    if (status < 0 || lay->events < 0 ||
        ps_layout_describe(lay->events, &with, false) < 0) {
        return ps_layout_fail(lay, doc->path, "cannot create", err);
    }
    return PS_OK;
}

/* The codes of /states/rsd_authority in words: "0 unhcr, 1 joint, 2 state, 3 none". */
ps_status ps_layout_add_codes(ps_layout *lay, ps_error *err)
{
    char codes[256] = "", at[PATH_SIZE];
    size_t used = 0;
    for (int r = 0; r < PS_N_RSD && used < sizeof codes; r++) {
        used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%d %s",
                                 r > 0 ? ", " : "", r, ps_rsd_name((ps_rsd)r));
    }
    const char *path = "/states/rsd_authority";
    hid_t dset = H5Dopen2(lay->file, ps_layout_path(lay, path, at), H5P_DEFAULT);
    herr_t status = ps_record_put_text(dset, "codes", codes);
    H5Dclose(dset);
    return dset < 0 || status < 0 ? ps_layout_fail(lay, path, "cannot write codes", err)
                                  : PS_OK;
}

/* /seeds [runs]: the seed of each run, in a layout with a replicate axis. */
static ps_status create_seeds(ps_layout *lay, const uint64_t *seeds, ps_error *err)
{
    if (lay->n_runs == 0) {
        return PS_OK;
    }
    assert(seeds != NULL);
    hsize_t dims[1] = {lay->n_runs};
    hid_t dset = create_dataset(lay, &PS_OTHERS[PS_OTHER_SEEDS], false, H5T_STD_U64LE, 1,
                                dims, H5P_DEFAULT);
    herr_t status = H5Dwrite(dset, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, lay->xfer, seeds);
    H5Dclose(dset);
    return dset < 0 || status < 0
               ? ps_layout_fail(lay, PS_OTHERS[PS_OTHER_SEEDS].path, "cannot write", err)
               : PS_OK;
}

/* Every group and dataset of a layout, in the order of docs/output.md. */
/* A PS_KEEP_SUMMARY layout: its group, attributes, seeds and their scale. */
static ps_status create_summary(ps_layout *lay, const ps_record_part *part, ps_error *err)
{
    ps_status status = create_groups(lay, lay->file, part->description, false, err);
    if (status == PS_OK) {
        status = layout_attributes(lay, part, err);
    }
    if (status == PS_OK) {
        status = create_seeds(lay, part->shape.run_seeds, err);
    }
    for (size_t k = 0; k < PS_N_RUN_SCALES && status == PS_OK; k++) {
        if (strcmp(PS_RUN_SCALES[k].doc.dims, "replicate") == 0) {
            status = create_index(lay, &PS_RUN_SCALES[k].doc, lay->n_runs, err);
        }
    }
    return status;
}

ps_status ps_layout_create(ps_layout *lay, const ps_record_part *part, ps_error *err)
{
    if (lay->keep == PS_KEEP_SUMMARY) {
        return create_summary(lay, part, err);
    }
    ps_status status = create_groups(lay, lay->file, part->description, true, err);
    if (status == PS_OK && lay->keep == PS_KEEP_QUANTILES) {
        status = create_groups(lay, lay->scratch, part->description, true, err);
    }
    if (status == PS_OK) {
        status = layout_attributes(lay, part, err);
    }
    for (size_t k = 0; k < PS_N_SERIES && status == PS_OK; k++) {
        status = create_series(lay, k, err);
    }
    for (size_t k = 0; k < PS_N_NAMES && status == PS_OK; k++) {
        status = create_names(lay, part->sc, &PS_NAMES[k], &PS_NAMES[k].doc, err);
    }
    if (status == PS_OK) {
        status = create_month(lay, part->sc, err);
    }
    if (status == PS_OK) {
        status = create_scales(lay, part->sc, err);
    }
    if (status == PS_OK) {
        status = create_home(lay, part->shape.ngo_home, err);
    }
    if (status == PS_OK) {
        status = create_member(lay, err);
    }
    if (status == PS_OK) {
        status = create_events(lay, err);
    }
    if (status == PS_OK && lay->keep != PS_KEEP_QUANTILES) { /* else once reduced */
        status = ps_layout_add_codes(lay, err);
    }
    if (status == PS_OK) {
        status = create_seeds(lay, part->shape.run_seeds, err);
    }
    return status;
}
