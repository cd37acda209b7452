/* record_h5.c - the HDF5 result file: open, append steps, close; `protsim info`
 *
 * Every [time, ...] dataset is one row of SERIES, every list of names one row of NAMES;
 * open, write, close and info all walk these tables. docs/output.md follows them.
 */
#define _POSIX_C_SOURCE 200809L /* getpid, stat, strdup */

#include "record_impl.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hdf5.h>

#include "protsim/protsim.h"

/* About this much memory per dataset: a regional run then writes each dataset once
 * every few dozen steps, and memory stays bounded when NGOs number in thousands. */
#define BUFFER_BYTES ((size_t)1 << 20)
#define EVENT_BLOCK 256 /* events buffered per write; the chunk length of /events */
#define DEFLATE_LEVEL 1 /* zlib at its fastest: most of the size gain, a third of the time */
#define DATE_SIZE 16    /* "YYYY-MM", with room for years of five digits and a sign */

/* What a reader is told about a dataset: its attributes units, dimensions (the names
 * of its axes, comma-separated) and description (one sentence). */
typedef struct {
    const char *path, *units, *dims, *description;
} dataset_doc;

typedef struct {
    const char *path, *description;
} group_doc;

/* clang-format off */
static const group_doc GROUPS[] = {
    {"/states", "per host state: policy, implementation, pressure and outcomes"},
    {"/refugees", "persons by host state and status, and monthly flows between statuses"},
    {"/ngos", "per NGO: home state, budget, strategy, activity and network membership"},
    {"/network", "the regional NGO network: members, pool, consultations, plans"},
    {"/unhcr", "UNHCR: ratification emphasis, resettlement and decision capacity"},
    {"/region", "the whole region: totals and population-weighted means over states"},
};
/* clang-format on */

/* Where a series takes one step's values from in ps_indicators. */
typedef enum {
    FROM_SCALAR, /* a double field: one value */
    FROM_ARRAY,  /* a double[inner] field */
    FROM_STATES, /* a double * field: [n_states * inner] */
    FROM_NGOS    /* a double * field: [n_ngos * inner] */
} source_kind;

typedef struct {
    dataset_doc doc;
    size_t offset; /* of the field in ps_indicators */
    source_kind from;
    size_t inner; /* size of the last axis; 1 when there is none */
} series_spec;

#define IND(field) offsetof(ps_indicators, field)

/* Every time series: shape [time] + [state or ngo] + [inner when > 1]. */
/* clang-format off */
static const series_spec SERIES[] = {
    {{"/time", "decimal year", "time", "decimal year at the end of each step"},
     IND(time), FROM_SCALAR, 1},
    {{"/states/ratified", "0/1", "time,state",
      "1 when the state is party to the 1951 Convention or its 1967 Protocol"},
     IND(ratified), FROM_STATES, 1},
    {{"/states/law_level", "level", "time,state",
      "national framework level: 0 none, 1 administrative practice, 2 regulation, "
      "3 statute"},
     IND(law_level), FROM_STATES, 1},
    {{"/states/bill_pending", "0/1", "time,state", "1 while a refugee bill is pending"},
     IND(bill_pending), FROM_STATES, 1},
    {{"/states/rsd_authority", "code", "time,state",
      "who decides asylum claims, as in the attribute codes"},
     IND(rsd_authority), FROM_STATES, 1},
    {{"/states/securitisation", "1", "time,state", "securitisation S, 0 to 1"},
     IND(securitisation), FROM_STATES, 1},
    {{"/states/institutionalisation", "1", "time,state",
      "institutionalisation I = w_ratify R + w_law L/3, 0 to 1"},
     IND(institutionalisation), FROM_STATES, 1},
    {{"/states/gap", "1", "time,state",
      "institutionalisation-implementation gap: I minus the mean of the six "
      "implementation components"},
     IND(gap), FROM_STATES, 1},
    {{"/states/implementation", "1", "time,state,component",
      "implementation P of each component in component_names, 0 to 1"},
     IND(implementation), FROM_STATES, PS_N_COMPONENTS},
    {{"/states/pressure", "1", "time,state,channel",
      "advocacy pressure A on the state through each channel in channel_names"},
     IND(pressure), FROM_STATES, PS_N_CHANNELS},
    {{"/states/emulation", "1", "time,state,action",
      "emulation E of each action in action_names, from the state's peers"},
     IND(emulation), FROM_STATES, PS_N_ACTIONS},
    {{"/states/hazard", "1/year", "time,state,action",
      "yearly hazard that the state takes each action in action_names"},
     IND(hazard), FROM_STATES, PS_N_ACTIONS},
    {{"/states/poi", "1", "time,state",
      "Protection Outcome Index: weighted geometric mean of the access, fair, status, "
      "liberty, nonref and solutions outcomes, 0 to 1"},
     IND(poi), FROM_STATES, 1},
    {{"/states/legal_status_share", "1", "time,state",
      "share of present refugees with lawful stay: PROTECTED / present"},
     IND(legal_status_share), FROM_STATES, 1},
    {{"/states/mandate_gap", "1", "time,state",
      "share recognised by UNHCR only among the recognised: MANDATE / (MANDATE + "
      "PROTECTED)"},
     IND(mandate_gap), FROM_STATES, 1},
    {{"/states/detention_incidence", "1", "time,state",
      "share of present refugees in detention: DETAINED / present"},
     IND(detention_incidence), FROM_STATES, 1},
    {{"/states/recognition_rate", "1", "time,state",
      "recognitions (by the state and by UNHCR) / decisions over the last 12 months"},
     IND(recognition_rate), FROM_STATES, 1},
    {{"/states/decisions", "persons", "time,state",
      "asylum decisions over the last 12 months"},
     IND(decisions), FROM_STATES, 1},
    {{"/states/solutions_rate", "1/year", "time,state",
      "exits to resettlement, return and integration over the last 12 months / present"},
     IND(solutions_rate), FROM_STATES, 1},
    {{"/states/backlog", "persons", "time,state",
      "claims waiting for a decision (PENDING)"},
     IND(backlog), FROM_STATES, 1},
    {{"/states/mean_wait", "months", "time,state",
      "mean months the persons now PENDING have waited"},
     IND(mean_wait), FROM_STATES, 1},
    {{"/states/refouled", "persons", "time,state", "persons refouled since the start"},
     IND(refouled), FROM_STATES, 1},
    {{"/refugees/count", "persons", "time,state,status",
      "persons by status in status_names at the end of the step; the four exit "
      "statuses count everyone who left since the start"},
     IND(count), FROM_STATES, PS_N_RSTATUS},
    {{"/refugees/flows", "persons/month", "time,state,flow",
      "persons moving during the step by each flow in flow_names"},
     IND(flows), FROM_STATES, PS_N_FLOWS},
    {{"/ngos/budget", "kUSD", "time,ngo", "budget of each NGO at the end of the step"},
     IND(ngo_budget), FROM_NGOS, 1},
    {{"/ngos/strategy", "1", "time,ngo,channel",
      "strategy p of each NGO: share of effort on each channel in "
      "/states/channel_names"},
     IND(ngo_strategy), FROM_NGOS, PS_N_CHANNELS},
    {{"/ngos/active", "0/1", "time,ngo", "1 while the NGO is active (has not exited)"},
     IND(ngo_active), FROM_NGOS, 1},
    {{"/network/members", "NGOs", "time", "member NGOs of the network"},
     IND(members), FROM_SCALAR, 1},
    {{"/network/pool", "kUSD", "time", "pooled budget of the network"},
     IND(pool), FROM_SCALAR, 1},
    {{"/network/grants", "kUSD/month", "time",
      "grants paid into the pool during the step"},
     IND(grants), FROM_SCALAR, 1},
    {{"/network/consultation_participants", "NGOs", "time",
      "members the network sends to UNHCR's NGO consultation, 0 in other months"},
     IND(consultation_participants), FROM_SCALAR, 1},
    {{"/network/exits", "NGOs", "time", "NGOs that have exited since the start"},
     IND(exits), FROM_SCALAR, 1},
    {{"/network/action_plans", "plans", "time,plan_kind",
      "action plans adopted at a consultation by kind in plan_kinds, 0 in other months"},
     IND(action_plans), FROM_ARRAY, PS_N_PLAN_KINDS},
    {{"/network/mean_strategy", "1", "time,channel",
      "mean strategy p of member NGOs on each channel in /states/channel_names"},
     IND(mean_strategy), FROM_ARRAY, PS_N_CHANNELS},
    {{"/network/mean_strategy_all", "1", "time,channel",
      "mean strategy p of all active NGOs on each channel in /states/channel_names"},
     IND(mean_strategy_all), FROM_ARRAY, PS_N_CHANNELS},
    {{"/unhcr/ratification_emphasis", "1", "time",
      "UNHCR's ratification emphasis u_R, 0 to 1"},
     IND(ratification_emphasis), FROM_SCALAR, 1},
    {{"/unhcr/resettlement_used", "persons/month", "time",
      "resettlement places used during the step, over all states"},
     IND(resettlement_used), FROM_SCALAR, 1},
    {{"/unhcr/capacity", "persons/month", "time",
      "claims UNHCR can decide in a month where it runs refugee status determination"},
     IND(unhcr_capacity), FROM_SCALAR, 1},
    {{"/region/refugees", "persons", "time", "refugees present in the region"},
     IND(region_refugees), FROM_SCALAR, 1},
    {{"/region/poi", "1", "time",
      "Protection Outcome Index, mean over states weighted by refugees present"},
     IND(region_poi), FROM_SCALAR, 1},
    {{"/region/legal_status_share", "1", "time",
      "legal-status share, mean over states weighted by refugees present"},
     IND(region_legal_status_share), FROM_SCALAR, 1},
    {{"/region/detention_incidence", "1", "time",
      "detention incidence, mean over states weighted by refugees present"},
     IND(region_detention_incidence), FROM_SCALAR, 1},
    {{"/region/solutions_rate", "1/year", "time",
      "solutions rate, mean over states weighted by refugees present"},
     IND(region_solutions_rate), FROM_SCALAR, 1},
    {{"/region/recognition_rate", "1", "time",
      "recognition rate, mean over states weighted by refugees present"},
     IND(region_recognition_rate), FROM_SCALAR, 1},
};
/* clang-format on */
#define N_SERIES (sizeof SERIES / sizeof SERIES[0])

static const char *const PLAN_KINDS[PS_N_PLAN_KINDS] = {"institutionalisation",
                                                        "implementation", "other"};

/* Names of the labels of an axis; the scenario is needed only for the states. */
static const char *state_name(const ps_scenario *sc, size_t i)
{
    return sc->states[i].name;
}

static const char *state_iso3(const ps_scenario *sc, size_t i)
{
    return sc->states[i].iso3;
}

static const char *state_subregion(const ps_scenario *sc, size_t i)
{
    return sc->states[i].subregion;
}

static const char *component_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_component_name((ps_component)i);
}

static const char *channel_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_channel_name((ps_channel)i);
}

static const char *action_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_action_name((ps_action)i);
}

static const char *status_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_rstatus_name((ps_rstatus)i);
}

static const char *flow_name(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return ps_flow_name((ps_flow)i);
}

static const char *plan_kind(const ps_scenario *sc, size_t i)
{
    (void)sc;
    return PLAN_KINDS[i];
}

#define PER_STATE 0 /* names_spec.count: one name per state */

typedef struct {
    dataset_doc doc;
    size_t count; /* or PER_STATE */
    const char *(*name)(const ps_scenario *sc, size_t i);
} names_spec;

/* Every list of names: the labels of the states and of the last axes of SERIES. */
/* clang-format off */
static const names_spec NAMES[] = {
    {{"/states/name", "text", "state",
      "name of each state, in the order of every state axis"},
     PER_STATE, state_name},
    {{"/states/iso3", "text", "state", "ISO 3166-1 alpha-3 code of each state"},
     PER_STATE, state_iso3},
    {{"/states/subregion", "text", "state", "subregion of each state, for emulation"},
     PER_STATE, state_subregion},
    {{"/states/component_names", "text", "component",
      "implementation components, the last axis of /states/implementation"},
     PS_N_COMPONENTS, component_name},
    {{"/states/channel_names", "text", "channel",
      "NGO channels, the last axis of /states/pressure, /ngos/strategy, "
      "/network/mean_strategy and /network/mean_strategy_all"},
     PS_N_CHANNELS, channel_name},
    {{"/states/action_names", "text", "action",
      "adoption actions, the last axis of /states/emulation and /states/hazard"},
     PS_N_ACTIONS, action_name},
    {{"/refugees/status_names", "text", "status",
      "refugee statuses, the last axis of /refugees/count"},
     PS_N_RSTATUS, status_name},
    {{"/refugees/flow_names", "text", "flow", "flows, the last axis of /refugees/flows"},
     PS_N_FLOWS, flow_name},
    {{"/network/plan_kinds", "text", "plan_kind",
      "kinds of action plans, the last axis of /network/action_plans"},
     PS_N_PLAN_KINDS, plan_kind},
};
/* clang-format on */
#define N_NAMES (sizeof NAMES / sizeof NAMES[0])

/* The datasets that are neither series nor names, each written by its own function. */
enum { OTHER_HOME, OTHER_MEMBER, OTHER_EVENTS, N_OTHERS };
/* clang-format off */
static const dataset_doc OTHERS[N_OTHERS] = {
    {"/ngos/home_state", "index", "ngo",
     "home state of each NGO, an index into /states/name"},
    {"/ngos/member", "0/1", "ngo",
     "1 when the NGO is a network member at the last step written"},
    {"/events", "date: YYYY-MM; time: decimal year; value: by type", "event",
     "one row per event: month, time, type, state (or \"\"), NGO (or -1) and a value "
     "whose meaning depends on the type"},
};
/* clang-format on */

/* One row of /events in memory; the strings are borrowed from the recorder. */
typedef struct {
    const char *date; /* "YYYY-MM" */
    double time;      /* decimal year at the end of the month */
    const char *type;
    const char *state; /* state name, "" for none */
    int64_t ngo;       /* NGO index, -1 for none */
    double value;
} event_record;

typedef enum { FIELD_TEXT, FIELD_REAL, FIELD_INT } field_kind;

static const struct {
    const char *name;
    size_t offset;
    field_kind kind;
} EVENT_FIELDS[] = {
    {"date", offsetof(event_record, date), FIELD_TEXT},
    {"time", offsetof(event_record, time), FIELD_REAL},
    {"type", offsetof(event_record, type), FIELD_TEXT},
    {"state", offsetof(event_record, state), FIELD_TEXT},
    {"ngo", offsetof(event_record, ngo), FIELD_INT},
    {"value", offsetof(event_record, value), FIELD_REAL},
};

/* One time series between open and close. */
typedef struct {
    hid_t dset;
    double *buf;  /* owned: [block * row], steps done .. t-1 */
    size_t row;   /* values per step */
    size_t block; /* steps per write, and the chunk length along time */
    size_t done;  /* steps already in the file */
} series_buffer;

struct ps_recorder {
    char *path;     /* owned: the name asked for, used in messages */
    char *tmp_path; /* owned: where the file is written until close */
    hid_t file, event_type, events;
    hid_t xfer; /* transfer properties: a small conversion buffer (see file_create) */
    size_t n_states, n_ngos, n_steps;
    size_t t; /* steps accepted so far */
    series_buffer series[N_SERIES];
    char *state_names;          /* owned: [n_states * PS_MAX_NAME], for events */
    double *ngo_member;         /* owned: [n_ngos] of the last step, written at close */
    event_record *ev;           /* owned: [EVENT_BLOCK] buffered events */
    char (*ev_date)[DATE_SIZE]; /* owned: [EVENT_BLOCK] their dates */
    size_t n_ev;                /* events buffered */
    size_t n_events;            /* events in the file */
};

/* ---- shapes ---------------------------------------------------------------------- */

/* Fill dims with the file shape of series s; returns the rank. */
static int series_dims(const series_spec *s, const ps_recorder *rec, hsize_t dims[3])
{
    int rank = 0;
    dims[rank++] = rec->n_steps;
    if (s->from == FROM_STATES) {
        dims[rank++] = rec->n_states;
    }
    if (s->from == FROM_NGOS) {
        dims[rank++] = rec->n_ngos;
    }
    if (s->inner > 1) {
        dims[rank++] = s->inner;
    }
    return rank;
}

/* Values of series s per step. */
static size_t series_row(const series_spec *s, const ps_recorder *rec)
{
    hsize_t dims[3];
    int rank = series_dims(s, rec, dims);
    size_t row = 1;
    for (int i = 1; i < rank; i++) {
        row *= (size_t)dims[i];
    }
    return row;
}

/* Steps buffered per write: about BUFFER_BYTES, at least one step, at most the run. */
static size_t block_steps(size_t row, size_t n_steps)
{
    size_t block = row == 0 ? n_steps : BUFFER_BYTES / (row * sizeof(double));
    block = block < 1 ? 1 : block;
    return block < n_steps ? block : n_steps;
}

/* ---- small HDF5 helpers: each returns a negative value on failure ----------------- */

/* Variable-length UTF-8 strings; the caller closes the type. */
static hid_t text_type(void)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    if (H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0) {
        H5Tclose(type);
        return H5I_INVALID_HID;
    }
    return type;
}

/* Creation properties chunked by chunk[rank], shuffled and deflated; contiguous when a
 * chunk length is 0 (an empty axis cannot be chunked). */
static hid_t chunked_dcpl(int rank, const hsize_t *chunk)
{
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    for (int i = 0; i < rank; i++) {
        if (chunk[i] == 0) {
            return dcpl;
        }
    }
    if (H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
        H5Pset_deflate(dcpl, DEFLATE_LEVEL) < 0) {
        H5Pclose(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

/* A scalar text attribute; NULL is written as "". */
static herr_t put_text(hid_t obj, const char *name, const char *value)
{
    const char *text = value != NULL ? value : "";
    hid_t type = text_type();
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, &text);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    return status;
}

/* A scalar numeric attribute of memory type type, created or overwritten. */
static herr_t put_number(hid_t obj, const char *name, hid_t type, const void *value)
{
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0) {
        return -1;
    }
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = exists > 0
                     ? H5Aopen(obj, name, H5P_DEFAULT)
                     : H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, value);
    H5Aclose(attr);
    H5Sclose(space);
    return status;
}

static herr_t describe(hid_t obj, const dataset_doc *doc)
{
    herr_t a = put_text(obj, "units", doc->units);
    herr_t b = put_text(obj, "dimensions", doc->dims);
    herr_t c = put_text(obj, "description", doc->description);
    return a < 0 || b < 0 || c < 0 ? -1 : 0;
}

static ps_status h5_fail(const ps_recorder *rec, const char *object, const char *what,
                         ps_error *err)
{
    return ps_fail(err, PS_EHDF5, "%s: %s: %s", rec->path, object, what);
}

/* ---- open ------------------------------------------------------------------------ */

static ps_status check_target(const char *path, bool force, ps_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        return PS_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        return ps_fail(err, PS_EIO, "%s: cannot create: %s", path, strerror(EISDIR));
    }
    if (!force) {
        return ps_fail(err, PS_EEXIST, "%s: exists (use --force to replace it)", path);
    }
    return PS_OK;
}

static double *alloc_doubles(size_t n)
{
    return calloc(n > 0 ? n : 1, sizeof(double));
}

/* Allocate every buffer; rec is complete enough for ps_recorder_abandon after this. */
static ps_status alloc_buffers(ps_recorder *rec, const ps_scenario *sc)
{
    bool ok = true;
    for (size_t k = 0; k < N_SERIES; k++) {
        series_buffer *b = &rec->series[k];
        b->row = series_row(&SERIES[k], rec);
        b->block = block_steps(b->row, rec->n_steps);
        b->buf = alloc_doubles(b->row * b->block);
        ok = ok && b->buf != NULL;
    }
    rec->state_names = calloc(rec->n_states + 1, PS_MAX_NAME);
    rec->ngo_member = alloc_doubles(rec->n_ngos);
    rec->ev = calloc(EVENT_BLOCK, sizeof *rec->ev);
    rec->ev_date = calloc(EVENT_BLOCK, sizeof *rec->ev_date);
    if (!ok || rec->state_names == NULL || rec->ngo_member == NULL || rec->ev == NULL ||
        rec->ev_date == NULL) {
        return PS_ENOMEM;
    }
    for (size_t i = 0; i < rec->n_states; i++) {
        snprintf(rec->state_names + i * PS_MAX_NAME, PS_MAX_NAME, "%s",
                 sc->states[i].name);
    }
    return PS_OK;
}

static ps_status rec_create(const char *path, const ps_scenario *sc,
                            const ps_record_shape *shape, ps_recorder **out,
                            ps_error *err)
{
    ps_recorder *rec = calloc(1, sizeof *rec);
    if (rec == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    *out = rec;
    rec->file = rec->event_type = rec->events = rec->xfer = H5I_INVALID_HID;
    for (size_t k = 0; k < N_SERIES; k++) {
        rec->series[k].dset = H5I_INVALID_HID;
    }
    rec->n_states = shape->n_states;
    rec->n_ngos = shape->n_ngos;
    rec->n_steps = shape->n_steps;
    size_t tmp_size = strlen(path) + 32;
    rec->path = strdup(path);
    rec->tmp_path = malloc(tmp_size);
    if (rec->path == NULL || rec->tmp_path == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    snprintf(rec->tmp_path, tmp_size, "%s.tmp-%ld", path, (long)getpid());
    if (alloc_buffers(rec, sc) != PS_OK) {
        return ps_fail(err, PS_ENOMEM,
                       "%s: cannot allocate buffers for %zu states, %zu NGOs", path,
                       shape->n_states, shape->n_ngos);
    }
    return PS_OK;
}

/* Create the temporary file; stdio first, so that the reason is errno's. */
static ps_status file_create(ps_recorder *rec, ps_error *err)
{
    FILE *probe = fopen(rec->tmp_path, "wb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot create: %s", rec->path, strerror(errno));
    }
    fclose(probe);
    rec->file = H5Fcreate(rec->tmp_path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    /* HDF5 zeroes a 1 MB conversion buffer for every write of strings or compound
     * records by default: most of a small run's page faults. 64 kB is plenty. */
    rec->xfer = H5Pcreate(H5P_DATASET_XFER);
    if (rec->xfer >= 0 && H5Pset_buffer(rec->xfer, 64 * 1024, NULL, NULL) < 0) {
        H5Pclose(rec->xfer);
        rec->xfer = H5I_INVALID_HID;
    }
    if (rec->file < 0 || rec->xfer < 0) {
        return ps_fail(err, PS_EHDF5, "%s: cannot create: HDF5 cannot create %s",
                       rec->path, rec->tmp_path);
    }
    return PS_OK;
}

/* Root attributes; steps_written and complete are rewritten at close. */
static ps_status write_root(ps_recorder *rec, const ps_scenario *sc,
                            const ps_run_meta *meta, ps_error *err)
{
    char start[DATE_SIZE], end[DATE_SIZE];
    ps_month_format(sc->start, start, sizeof start);
    ps_month_format(sc->end, end, sizeof end);
    int64_t steps = (int64_t)rec->n_steps, zero = 0;
    hid_t f = rec->file;
    bool bad = put_text(f, "protsim_version", PROTSIM_VERSION) < 0;
    bad |= put_number(f, "seed", H5T_NATIVE_UINT64, &meta->seed) < 0;
    bad |= put_text(f, "scenario_name", sc->name) < 0;
    bad |= put_text(f, "scenario_source", sc->source) < 0;
    bad |= put_text(f, "command_line", meta->command_line) < 0;
    bad |= put_text(f, "scenario", meta->scenario_text) < 0;
    bad |= put_text(f, "start", start) < 0;
    bad |= put_text(f, "end", end) < 0;
    bad |= put_number(f, "steps", H5T_NATIVE_INT64, &steps) < 0;
    bad |= put_number(f, "steps_written", H5T_NATIVE_INT64, &zero) < 0;
    bad |=
        put_number(f, "agents_per_person", H5T_NATIVE_DOUBLE, &sc->agents_per_person) < 0;
    bad |= put_number(f, "complete", H5T_NATIVE_INT64, &zero) < 0;
    return bad ? h5_fail(rec, "/", "cannot write the root attributes", err) : PS_OK;
}

static ps_status create_groups(ps_recorder *rec, ps_error *err)
{
    for (size_t k = 0; k < sizeof GROUPS / sizeof GROUPS[0]; k++) {
        hid_t group =
            H5Gcreate2(rec->file, GROUPS[k].path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        herr_t status = put_text(group, "description", GROUPS[k].description);
        H5Gclose(group);
        if (group < 0 || status < 0) {
            return h5_fail(rec, GROUPS[k].path, "cannot create", err);
        }
    }
    return PS_OK;
}

/* A series at full size [n_steps, ...], chunked by its block; unwritten steps are NaN. */
static ps_status create_series(ps_recorder *rec, size_t k, ps_error *err)
{
    const series_spec *s = &SERIES[k];
    series_buffer *b = &rec->series[k];
    hsize_t dims[3], chunk[3];
    int rank = series_dims(s, rec, dims);
    memcpy(chunk, dims, sizeof dims);
    chunk[0] = b->block;
    double fill = NAN;
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dcpl = chunked_dcpl(rank, chunk);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    b->dset = H5Dcreate2(rec->file, s->doc.path, H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl,
                         H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    if (status < 0 || b->dset < 0 || describe(b->dset, &s->doc) < 0) {
        return h5_fail(rec, s->doc.path, "cannot create", err);
    }
    return PS_OK;
}

/* A described 1-D dataset of n elements of type, contiguous; the caller closes it. */
static hid_t create_1d(hid_t file, const dataset_doc *doc, hid_t type, size_t n,
                       hid_t dcpl)
{
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t dset = H5Dcreate2(file, doc->path, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Sclose(space);
    if (dset >= 0 && describe(dset, doc) < 0) {
        H5Dclose(dset);
        return H5I_INVALID_HID;
    }
    return dset;
}

static ps_status create_names(ps_recorder *rec, const ps_scenario *sc,
                              const names_spec *spec, ps_error *err)
{
    size_t n = spec->count == PER_STATE ? rec->n_states : spec->count;
    const char **names = malloc((n > 0 ? n : 1) * sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", rec->path,
                       spec->doc.path);
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = spec->name(sc, i);
        names[i] = name != NULL ? name : "";
    }
    hid_t type = text_type();
    hid_t dset = create_1d(rec->file, &spec->doc, type, n, H5P_DEFAULT);
    herr_t status =
        n == 0 ? 0 : H5Dwrite(dset, type, H5S_ALL, H5S_ALL, rec->xfer, names);
    H5Dclose(dset);
    H5Tclose(type);
    free(names);
    if (dset < 0 || status < 0) {
        return h5_fail(rec, spec->doc.path, "cannot write", err);
    }
    return PS_OK;
}

static ps_status create_home(ps_recorder *rec, const size_t *ngo_home, ps_error *err)
{
    const char *path = OTHERS[OTHER_HOME].path;
    int64_t *home = malloc((rec->n_ngos > 0 ? rec->n_ngos : 1) * sizeof *home);
    if (home == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", rec->path, path);
    }
    for (size_t j = 0; j < rec->n_ngos; j++) {
        assert(ngo_home[j] < rec->n_states);
        home[j] = (int64_t)ngo_home[j];
    }
    hid_t dset = create_1d(rec->file, &OTHERS[OTHER_HOME], H5T_STD_I64LE, rec->n_ngos,
                           H5P_DEFAULT);
    herr_t status = rec->n_ngos == 0 ? 0
                                     : H5Dwrite(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL,
                                                rec->xfer, home);
    H5Dclose(dset);
    free(home);
    return dset < 0 || status < 0 ? h5_fail(rec, path, "cannot write", err) : PS_OK;
}

/* /ngos/member is filled at close; NaN until then. */
static ps_status create_member(ps_recorder *rec, ps_error *err)
{
    double fill = NAN;
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    hid_t dset =
        create_1d(rec->file, &OTHERS[OTHER_MEMBER], H5T_IEEE_F64LE, rec->n_ngos, dcpl);
    H5Dclose(dset);
    H5Pclose(dcpl);
    if (status < 0 || dset < 0) {
        return h5_fail(rec, OTHERS[OTHER_MEMBER].path, "cannot create", err);
    }
    return PS_OK;
}

/* The compound type of event_record, used in memory and in the file. */
static hid_t event_type_create(void)
{
    hid_t text = text_type();
    hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(event_record));
    bool bad = text < 0 || type < 0;
    for (size_t k = 0; k < sizeof EVENT_FIELDS / sizeof EVENT_FIELDS[0] && !bad; k++) {
        hid_t field = EVENT_FIELDS[k].kind == FIELD_TEXT   ? text
                      : EVENT_FIELDS[k].kind == FIELD_REAL ? H5T_NATIVE_DOUBLE
                                                           : H5T_NATIVE_INT64;
        bad = H5Tinsert(type, EVENT_FIELDS[k].name, EVENT_FIELDS[k].offset, field) < 0;
    }
    H5Tclose(text);
    if (bad) {
        H5Tclose(type);
        return H5I_INVALID_HID;
    }
    return type;
}

/* /events starts empty and grows by one hyperslab per EVENT_BLOCK events. */
static ps_status create_events(ps_recorder *rec, ps_error *err)
{
    const dataset_doc *doc = &OTHERS[OTHER_EVENTS];
    hsize_t dims[1] = {0}, max[1] = {H5S_UNLIMITED}, chunk[1] = {EVENT_BLOCK};
    rec->event_type = event_type_create();
    hid_t space = H5Screate_simple(1, dims, max);
    hid_t dcpl = chunked_dcpl(1, chunk);
    rec->events = H5Dcreate2(rec->file, doc->path, rec->event_type, space, H5P_DEFAULT,
                             dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    if (rec->events < 0 || describe(rec->events, doc) < 0) {
        return h5_fail(rec, doc->path, "cannot create", err);
    }
    return PS_OK;
}

/* The codes of /states/rsd_authority in words: "0 unhcr, 1 joint, 2 state, 3 none". */
static ps_status add_rsd_codes(ps_recorder *rec, ps_error *err)
{
    char codes[256] = "";
    size_t used = 0;
    for (int r = 0; r < PS_N_RSD && used < sizeof codes; r++) {
        used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%d %s",
                                 r > 0 ? ", " : "", r, ps_rsd_name((ps_rsd)r));
    }
    const char *path = "/states/rsd_authority";
    hid_t dset = H5Dopen2(rec->file, path, H5P_DEFAULT);
    herr_t status = put_text(dset, "codes", codes);
    H5Dclose(dset);
    return dset < 0 || status < 0 ? h5_fail(rec, path, "cannot write codes", err) : PS_OK;
}

/* Every group and dataset, in the order of docs/output.md. */
static ps_status create_layout(ps_recorder *rec, const ps_scenario *sc,
                               const ps_record_shape *shape, ps_error *err)
{
    ps_status status = create_groups(rec, err);
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        status = create_series(rec, k, err);
    }
    for (size_t k = 0; k < N_NAMES && status == PS_OK; k++) {
        status = create_names(rec, sc, &NAMES[k], err);
    }
    if (status == PS_OK) {
        status = create_home(rec, shape->ngo_home, err);
    }
    if (status == PS_OK) {
        status = create_member(rec, err);
    }
    if (status == PS_OK) {
        status = create_events(rec, err);
    }
    if (status == PS_OK) {
        status = add_rsd_codes(rec, err);
    }
    return status;
}

ps_status ps_recorder_open_shape(const char *path, bool force, const ps_scenario *sc,
                                 const ps_record_shape *shape, const ps_run_meta *meta,
                                 ps_recorder **out, ps_error *err)
{
    static const ps_run_meta no_meta = {0};
    *out = NULL;
    assert(shape->n_states == sc->n_states && shape->n_steps > 0);
    meta = meta != NULL ? meta : &no_meta;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* failures become statuses, not stderr */
    ps_recorder *rec = NULL;
    ps_status status = check_target(path, force, err);
    if (status == PS_OK) {
        status = rec_create(path, sc, shape, &rec, err);
    }
    if (status == PS_OK) {
        status = file_create(rec, err);
    }
    if (status == PS_OK) {
        status = write_root(rec, sc, meta, err);
    }
    if (status == PS_OK) {
        status = create_layout(rec, sc, shape, err);
    }
    if (status != PS_OK) {
        ps_recorder_abandon(rec);
        return status;
    }
    *out = rec;
    return PS_OK;
}

ps_status ps_recorder_open(const char *path, bool force, const ps_scenario *sc,
                           const ps_world *w, const ps_run_meta *meta, ps_recorder **out,
                           ps_error *err)
{
    ps_record_shape shape = {
        .n_states = ps_world_n_states(w),
        .n_ngos = ps_world_n_ngos(w),
        .n_steps = ps_world_steps_total(w),
        .ngo_home = ps_world_ngo_home(w),
    };
    return ps_recorder_open_shape(path, force, sc, &shape, meta, out, err);
}

/* ---- write ----------------------------------------------------------------------- */

/* Write the buffered steps of series k as one hyperslab. */
static ps_status flush_series(ps_recorder *rec, size_t k, ps_error *err)
{
    series_buffer *b = &rec->series[k];
    if (rec->t == b->done || b->row == 0) {
        b->done = rec->t;
        return PS_OK;
    }
    hsize_t start[3] = {b->done, 0, 0}, count[3];
    int rank = series_dims(&SERIES[k], rec, count);
    count[0] = rec->t - b->done;
    hid_t file_space = H5Dget_space(b->dset);
    hid_t mem_space = H5Screate_simple(rank, count, NULL);
    herr_t status =
        H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    if (status >= 0) {
        status = H5Dwrite(b->dset, H5T_NATIVE_DOUBLE, mem_space, file_space, rec->xfer,
                          b->buf);
    }
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (status < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot write steps %zu-%zu", rec->path,
                       SERIES[k].doc.path, b->done, rec->t - 1);
    }
    b->done = rec->t;
    return PS_OK;
}

/* Copy one step of series s from ind into row pos of its buffer. */
static void buffer_step(series_buffer *b, const series_spec *s, const ps_indicators *ind,
                        size_t pos)
{
    if (b->row == 0) {
        return;
    }
    const char *field = (const char *)ind + s->offset;
    bool by_pointer = s->from == FROM_STATES || s->from == FROM_NGOS;
    const double *src = by_pointer ? *(double *const *)field : (const double *)field;
    assert(src != NULL && pos < b->block); /* a full buffer means a failed write */
    memcpy(b->buf + pos * b->row, src, b->row * sizeof *b->buf);
}

static ps_status flush_events(ps_recorder *rec, ps_error *err)
{
    if (rec->n_ev == 0) {
        return PS_OK;
    }
    hsize_t start[1] = {rec->n_events}, count[1] = {rec->n_ev};
    hsize_t total[1] = {rec->n_events + rec->n_ev};
    herr_t status = H5Dset_extent(rec->events, total);
    hid_t file_space = H5Dget_space(rec->events);
    hid_t mem_space = H5Screate_simple(1, count, NULL);
    if (status >= 0) {
        status =
            H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
    }
    if (status >= 0) {
        status = H5Dwrite(rec->events, rec->event_type, mem_space, file_space,
                          rec->xfer, rec->ev);
    }
    H5Sclose(mem_space);
    H5Sclose(file_space);
    if (status < 0) {
        return ps_fail(err, PS_EHDF5, "%s: /events: cannot write events %zu-%zu",
                       rec->path, rec->n_events, rec->n_events + rec->n_ev - 1);
    }
    rec->n_events += rec->n_ev;
    rec->n_ev = 0;
    return PS_OK;
}

static ps_status add_event(ps_recorder *rec, const ps_event *ev, ps_error *err)
{
    assert(ev->state < (long)rec->n_states && ev->state >= -1);
    if (rec->n_ev == EVENT_BLOCK) {
        ps_status status = flush_events(rec, err);
        if (status != PS_OK) {
            return status;
        }
    }
    size_t i = rec->n_ev++;
    event_record *r = &rec->ev[i];
    const char *type = ps_event_type_name(ev->type);
    memset(r, 0, sizeof *r); /* HDF5 copies the padding too */
    ps_month_format(ev->date, rec->ev_date[i], sizeof rec->ev_date[i]);
    r->date = rec->ev_date[i];
    r->time = (ev->date + 1) / 12.0; /* the end of the month, as /time */
    r->type = type != NULL ? type : "";
    r->state = ev->state < 0 ? "" : rec->state_names + (size_t)ev->state * PS_MAX_NAME;
    r->ngo = ev->ngo < 0 ? -1 : (int64_t)ev->ngo;
    r->value = ev->value;
    return PS_OK;
}

ps_status ps_recorder_write_step(ps_recorder *rec, const ps_indicators *ind,
                                 const ps_event *events, size_t n_events, ps_error *err)
{
    if (rec->t >= rec->n_steps) {
        return ps_fail(err, PS_EINVAL,
                       "%s: cannot write step %zu: the file holds %zu steps", rec->path,
                       rec->t, rec->n_steps);
    }
    assert(ind->n_states == rec->n_states && ind->n_ngos == rec->n_ngos);
    for (size_t k = 0; k < N_SERIES; k++) {
        series_buffer *b = &rec->series[k];
        buffer_step(b, &SERIES[k], ind, rec->t - b->done);
    }
    if (rec->n_ngos > 0) {
        memcpy(rec->ngo_member, ind->ngo_member, rec->n_ngos * sizeof *rec->ngo_member);
    }
    rec->t++;
    ps_status status = PS_OK;
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        if (rec->t - rec->series[k].done == rec->series[k].block) {
            status = flush_series(rec, k, err);
        }
    }
    for (size_t i = 0; i < n_events && status == PS_OK; i++) {
        status = add_event(rec, &events[i], err);
    }
    return status;
}

ps_status ps_recorder_write(ps_recorder *rec, const ps_indicators *ind, const ps_world *w,
                            ps_error *err)
{
    size_t n_events = 0;
    const ps_event *events = ps_world_events(w, &n_events);
    return ps_recorder_write_step(rec, ind, events, n_events, err);
}

/* ---- close ----------------------------------------------------------------------- */

static ps_status write_member(ps_recorder *rec, ps_error *err)
{
    if (rec->t == 0 || rec->n_ngos == 0) {
        return PS_OK;
    }
    const char *path = OTHERS[OTHER_MEMBER].path;
    hid_t dset = H5Dopen2(rec->file, path, H5P_DEFAULT);
    herr_t status =
        H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, rec->xfer, rec->ngo_member);
    H5Dclose(dset);
    return dset < 0 || status < 0 ? h5_fail(rec, path, "cannot write", err) : PS_OK;
}

/* Everything still in memory goes to the file, then the closing attributes. */
static ps_status finish(ps_recorder *rec, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        status = flush_series(rec, k, err);
    }
    if (status == PS_OK) {
        status = flush_events(rec, err);
    }
    if (status == PS_OK) {
        status = write_member(rec, err);
    }
    int64_t written = (int64_t)rec->t, complete = 1;
    if (status == PS_OK &&
        (put_number(rec->file, "steps_written", H5T_NATIVE_INT64, &written) < 0 ||
         put_number(rec->file, "complete", H5T_NATIVE_INT64, &complete) < 0)) {
        status = h5_fail(rec, "/", "cannot write the closing attributes", err);
    }
    return status;
}

/* Close every HDF5 handle that is open; negative when one fails. */
static herr_t close_handles(ps_recorder *rec)
{
    bool bad = false;
    for (size_t k = 0; k < N_SERIES; k++) {
        if (rec->series[k].dset >= 0) {
            bad |= H5Dclose(rec->series[k].dset) < 0;
            rec->series[k].dset = H5I_INVALID_HID;
        }
    }
    if (rec->events >= 0) {
        bad |= H5Dclose(rec->events) < 0;
    }
    if (rec->event_type >= 0) {
        bad |= H5Tclose(rec->event_type) < 0;
    }
    if (rec->xfer >= 0) {
        bad |= H5Pclose(rec->xfer) < 0;
    }
    if (rec->file >= 0) {
        bad |= H5Fclose(rec->file) < 0;
    }
    rec->events = rec->event_type = rec->file = rec->xfer = H5I_INVALID_HID;
    return bad ? -1 : 0;
}

static void destroy(ps_recorder *rec)
{
    for (size_t k = 0; k < N_SERIES; k++) {
        free(rec->series[k].buf);
    }
    free(rec->state_names);
    free(rec->ngo_member);
    free(rec->ev);
    free(rec->ev_date);
    free(rec->tmp_path);
    free(rec->path);
    free(rec);
}

ps_status ps_recorder_close(ps_recorder *rec, ps_error *err)
{
    ps_status status = finish(rec, err);
    if (close_handles(rec) < 0 && status == PS_OK) {
        status = h5_fail(rec, rec->tmp_path, "cannot close", err);
    }
    if (status == PS_OK && rename(rec->tmp_path, rec->path) != 0) {
        status = ps_fail(err, PS_EIO, "%s: cannot rename %s to it: %s", rec->path,
                         rec->tmp_path, strerror(errno));
    }
    if (status != PS_OK) {
        remove(rec->tmp_path);
    }
    destroy(rec);
    return status;
}

void ps_recorder_abandon(ps_recorder *rec)
{
    if (rec == NULL) {
        return;
    }
    close_handles(rec);
    if (rec->tmp_path != NULL) {
        remove(rec->tmp_path);
    }
    destroy(rec);
}

/* ---- info ------------------------------------------------------------------------ */

/* Read a scalar text attribute into buf; "" when it is missing or not text. */
static void get_text(hid_t obj, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    if (H5Aexists(obj, name) <= 0) {
        return;
    }
    hid_t type = text_type();
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    char *text = NULL;
    if (H5Aread(attr, type, &text) >= 0 && text != NULL) {
        snprintf(buf, size, "%s", text);
        H5free_memory(text);
    }
    H5Aclose(attr);
    H5Tclose(type);
}

/* Read a scalar numeric attribute as int64; -1 when missing. */
static int64_t get_int(hid_t obj, const char *name)
{
    int64_t value = -1;
    if (H5Aexists(obj, name) > 0) {
        hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
        if (H5Aread(attr, H5T_NATIVE_INT64, &value) < 0) {
            value = -1;
        }
        H5Aclose(attr);
    }
    return value;
}

/* Length of the first axis of a dataset; 0 when it is missing. */
static size_t first_length(hid_t file, const char *path)
{
    hsize_t dims[H5S_MAX_RANK] = {0};
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return 0;
    }
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    H5Dclose(dset);
    return rank > 0 ? (size_t)dims[0] : 0;
}

static void info_header(hid_t file, const char *path, FILE *out)
{
    char name[PS_MAX_TEXT], source[PS_MAX_TEXT], version[64], start[DATE_SIZE],
        end[DATE_SIZE], command[1024];
    get_text(file, "scenario_name", name, sizeof name);
    get_text(file, "scenario_source", source, sizeof source);
    get_text(file, "protsim_version", version, sizeof version);
    get_text(file, "start", start, sizeof start);
    get_text(file, "end", end, sizeof end);
    get_text(file, "command_line", command, sizeof command);
    uint64_t seed = 0;
    hid_t attr = H5Aopen(file, "seed", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_UINT64, &seed);
    H5Aclose(attr);
    fprintf(out, "file: %s\n", path);
    fprintf(out, "scenario: %s (from %s)\n", name, source);
    fprintf(out, "protsim version: %s\n", version);
    fprintf(out, "seed: %llu\n", (unsigned long long)seed);
    fprintf(out, "command line: %s\n", command);
    fprintf(out, "period: %s to %s, %lld of %lld steps written%s\n", start, end,
            (long long)get_int(file, "steps_written"), (long long)get_int(file, "steps"),
            get_int(file, "complete") == 1 ? "" : " (the file was not closed)");
}

/* "states: 2 (Japan, Korea)" */
static ps_status info_states(hid_t file, const char *path, FILE *out, ps_error *err)
{
    const char *dpath = NAMES[0].doc.path; /* /states/name */
    size_t n = first_length(file, dpath);
    char **names = calloc(n > 0 ? n : 1, sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", path, dpath);
    }
    hid_t type = text_type();
    hid_t dset = H5Dopen2(file, dpath, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    herr_t status =
        n == 0 ? 0 : H5Dread(dset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, names);
    if (status >= 0) {
        fprintf(out, "states: %zu (", n);
        for (size_t i = 0; i < n; i++) {
            fprintf(out, "%s%s", i > 0 ? ", " : "", names[i] != NULL ? names[i] : "");
        }
        fprintf(out, ")\n");
        H5Dvlen_reclaim(type, space, H5P_DEFAULT, names);
    }
    H5Sclose(space);
    H5Dclose(dset);
    H5Tclose(type);
    free(names);
    return status < 0 ? ps_fail(err, PS_EHDF5, "%s: %s: cannot read", path, dpath)
                      : PS_OK;
}

/* "time 5, state 2": each axis named from the dimensions attribute. */
static void format_shape(hid_t dset, const char *dims_text, char *buf, size_t size)
{
    hsize_t dims[H5S_MAX_RANK];
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    const char *name = dims_text;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < rank && used < size; i++) {
        int len = (int)strcspn(name, ",");
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%.*s%s%llu", i > 0 ? ", " : "",
                             len, name, len > 0 ? " " : "", (unsigned long long)dims[i]);
        name += name[len] == ',' ? len + 1 : len;
    }
}

/* "  /states/poi [time 5, state 2], units 1: Protection Outcome Index ..." */
static void info_dataset(hid_t file, const char *path, FILE *out)
{
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return;
    }
    char units[128], dims[128], description[512], shape[256];
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    get_text(dset, "units", units, sizeof units);
    get_text(dset, "dimensions", dims, sizeof dims);
    get_text(dset, "description", description, sizeof description);
    format_shape(dset, dims, shape, sizeof shape);
    H5Dclose(dset);
    fprintf(out, "  %s [%s], units %s: %s\n", path, shape, units, description);
}

static ps_status info_file(hid_t file, const char *path, FILE *out, ps_error *err)
{
    info_header(file, path, out);
    ps_status status = info_states(file, path, out, err);
    if (status != PS_OK) {
        return status;
    }
    fprintf(out, "NGOs: %zu\n", first_length(file, OTHERS[OTHER_HOME].path));
    fprintf(out, "events: %zu\n", first_length(file, OTHERS[OTHER_EVENTS].path));
    fprintf(out, "time series:\n");
    for (size_t k = 0; k < N_SERIES; k++) {
        info_dataset(file, SERIES[k].doc.path, out);
    }
    fprintf(out, "names:\n");
    for (size_t k = 0; k < N_NAMES; k++) {
        info_dataset(file, NAMES[k].doc.path, out);
    }
    fprintf(out, "other datasets:\n");
    for (size_t k = 0; k < N_OTHERS; k++) {
        info_dataset(file, OTHERS[k].path, out);
    }
    if (ferror(out)) {
        return ps_fail(err, PS_EIO, "%s: cannot write the description", path);
    }
    return PS_OK;
}

ps_status ps_record_info(const char *path, FILE *out, ps_error *err)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* failures become statuses, not stderr */
    FILE *probe = fopen(path, "rb");
    if (probe == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    fclose(probe);
    hid_t file = H5Fis_hdf5(path) > 0 ? H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)
                                      : H5I_INVALID_HID;
    if (file < 0 || H5Aexists(file, "protsim_version") <= 0) {
        if (file >= 0) {
            H5Fclose(file);
        }
        return ps_fail(err, PS_EIO, "%s: not a protsim result file", path);
    }
    ps_status status = info_file(file, path, out, err);
    H5Fclose(file);
    return status;
}
