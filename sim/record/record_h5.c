/* record_h5.c - the HDF5 result file: open, append steps, close; `protsim info`
 *
 * Every [time, ...] dataset is one row of SERIES, every list of names one row of NAMES;
 * open, write, close and info all walk these tables. docs/output.md follows them.
 *
 * A file holds one layout of these datasets at its root (protsim run), or several, each
 * in a group of its own (protsim compare: /a and /b). A layout holds one run, or R runs
 * on a leading replicate axis, written one run after the other (--replicates, compare).
 */
#define _POSIX_C_SOURCE 200809L /* getpid, stat, strdup */

#include "record_common.h"
#include "record_impl.h"
#include "record_sweep.h" /* protsim info of a sweep file */

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

/* About this much memory per dataset: a regional run then writes each dataset once
 * every few dozen steps, and memory stays bounded when NGOs number in thousands. */
#define BUFFER_BYTES ((size_t)1 << 20)
#define EVENT_BLOCK 256 /* events buffered per write; the chunk length of /events */
#define DEFLATE_LEVEL                                                                    \
    1                /* zlib at its fastest: most of the size gain, a third of the time */
#define DATE_SIZE 16 /* "YYYY-MM", with room for years of five digits and a sign */
#define GROUP_SIZE 64 /* a layout's group, e.g. "/a" */
#define PATH_SIZE 160 /* a group and a dataset path */
#define MAX_RANK 4    /* replicate, time, state or ngo, category */

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
    FROM_TIME,   /* the time field: the same in every run, so it has no replicate axis */
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
     IND(time), FROM_TIME, 1},
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
enum { OTHER_HOME, OTHER_MEMBER, OTHER_EVENTS, OTHER_SEEDS, N_OTHERS };
/* clang-format off */
static const dataset_doc OTHERS[N_OTHERS] = {
    {"/ngos/home_state", "index", "ngo",
     "home state of each NGO, an index into /states/name"},
    {"/ngos/member", "0/1", "ngo",
     "1 when the NGO is a network member at the last step written"},
    {"/events", "date: YYYY-MM; time: decimal year; value: by type", "event",
     "one row per event: month, time, type, state (or \"\"), NGO (or -1) and a value "
     "whose meaning depends on the type"},
    {"/seeds", "1", "replicate",
     "run seed of each replicate, derived from the seed attribute and the replicate's "
     "index (only in a layout with a replicate axis)"},
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
    int64_t replicate; /* only with a replicate axis; last, so that the file type of a
                        * single run packs to the six fields before it */
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
    {"replicate", offsetof(event_record, replicate), FIELD_INT}, /* keep it last */
};
#define N_EVENT_FIELDS (sizeof EVENT_FIELDS / sizeof EVENT_FIELDS[0])

/* One time series between open and close. */
typedef struct {
    hid_t dset;
    double *buf;  /* owned: [block * row], steps done .. t-1 of the run being written */
    size_t row;   /* values per step */
    size_t block; /* steps per write, and the chunk length along time */
    size_t done;  /* steps of that run already in the file */
} series_buffer;

/* One layout: the datasets of one scenario's run or runs, at the root or in a group. */
typedef struct {
    const char *path;       /* borrowed from the recorder: the name asked for */
    hid_t file, xfer;       /* borrowed from the recorder */
    char group[GROUP_SIZE]; /* "" for the root, else e.g. "/a" */
    hid_t event_type, events;
    size_t n_states, n_ngos, n_steps;
    size_t n_runs; /* 0: one run and no replicate axis; else the length of that axis */
    size_t run;    /* the run being written */
    size_t t;      /* its steps accepted so far */
    series_buffer series[N_SERIES];
    char *state_names;          /* owned: [n_states * PS_MAX_NAME], for events */
    double *ngo_member;         /* owned: [n_ngos] of the last step, written per run */
    event_record *ev;           /* owned: [EVENT_BLOCK] buffered events */
    char (*ev_date)[DATE_SIZE]; /* owned: [EVENT_BLOCK] their dates */
    size_t n_ev;                /* events buffered */
    size_t n_events;            /* events in the file */
} layout;

struct ps_recorder {
    char *path;     /* owned: the name asked for, used in messages */
    char *tmp_path; /* owned: where the file is written until close */
    hid_t file;
    hid_t xfer; /* transfer properties: a small conversion buffer (see file_create) */
    size_t n_layouts;
    layout *layouts; /* owned: [n_layouts]; in groups when layouts[0].group is set */
};

/* ---- shapes ---------------------------------------------------------------------- */

/* Whether series s has the leading replicate axis in lay. */
static bool replicated(const layout *lay, const series_spec *s)
{
    return lay->n_runs > 0 && s->from != FROM_TIME;
}

/* The time is the same in every run: it is written from the first only. */
static bool skipped(const layout *lay, const series_spec *s)
{
    return s->from == FROM_TIME && lay->run > 0;
}

/* Fill dims with the file shape of series s; returns the rank. */
static int series_dims(const series_spec *s, const layout *lay, hsize_t dims[MAX_RANK])
{
    int rank = 0;
    if (replicated(lay, s)) {
        dims[rank++] = lay->n_runs;
    }
    dims[rank++] = lay->n_steps;
    if (s->from == FROM_STATES) {
        dims[rank++] = lay->n_states;
    }
    if (s->from == FROM_NGOS) {
        dims[rank++] = lay->n_ngos;
    }
    if (s->inner > 1) {
        dims[rank++] = s->inner;
    }
    return rank;
}

/* Values of series s per step. */
static size_t series_row(const series_spec *s, const layout *lay)
{
    size_t agents = s->from == FROM_STATES ? lay->n_states
                    : s->from == FROM_NGOS ? lay->n_ngos
                                           : 1;
    return agents * s->inner;
}

/* Steps buffered per write: about BUFFER_BYTES, at least one step, at most the run. */
static size_t block_steps(size_t row, size_t n_steps)
{
    size_t block = row == 0 ? n_steps : BUFFER_BYTES / (row * sizeof(double));
    block = block < 1 ? 1 : block;
    return block < n_steps ? block : n_steps;
}

/* A layout's dataset or group: "/a" + "/states/poi"; the layout's own group for "". */
static const char *full_path(const layout *lay, const char *path, char buf[PATH_SIZE])
{
    snprintf(buf, PATH_SIZE, "%s%s", lay->group, path);
    return buf[0] != '\0' ? buf : "/";
}
/* ---- small HDF5 helpers: each returns a negative value on failure ----------------- */

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

/* units, dimensions and description; "replicate," leads the dimensions when the
 * dataset has a replicate axis. */
static herr_t describe(hid_t obj, const dataset_doc *doc, bool with_replicate)
{
    char dims[256];
    snprintf(dims, sizeof dims, "%s%s", with_replicate ? "replicate," : "", doc->dims);
    return ps_record_describe(obj, doc->units, dims, doc->description);
}

/* "out.h5: /a/states/poi: cannot write"; path "" names the layout's group. */
static ps_status h5_fail(const layout *lay, const char *path, const char *what,
                         ps_error *err)
{
    char at[PATH_SIZE];
    return ps_fail(err, PS_EHDF5, "%s: %s: %s", lay->path, full_path(lay, path, at),
                   what);
}

/* ---- open ------------------------------------------------------------------------ */

static double *alloc_doubles(size_t n)
{
    return calloc(n > 0 ? n : 1, sizeof(double));
}

/* Allocate every buffer of lay; it can be destroyed whatever this returns. */
static ps_status alloc_buffers(layout *lay, const ps_scenario *sc)
{
    bool ok = true;
    for (size_t k = 0; k < N_SERIES; k++) {
        series_buffer *b = &lay->series[k];
        b->row = series_row(&SERIES[k], lay);
        b->block = block_steps(b->row, lay->n_steps);
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
static void layout_init(layout *lay, const char *path, const ps_record_part *part)
{
    lay->path = path;
    lay->file = lay->xfer = lay->event_type = lay->events = H5I_INVALID_HID;
    for (size_t k = 0; k < N_SERIES; k++) {
        lay->series[k].dset = H5I_INVALID_HID;
    }
    snprintf(lay->group, sizeof lay->group, "%s", part->group != NULL ? part->group : "");
    lay->n_states = part->shape.n_states;
    lay->n_ngos = part->shape.n_ngos;
    lay->n_steps = part->shape.n_steps;
    lay->n_runs = part->shape.n_runs;
}

static ps_status rec_create(const char *path, const ps_record_part *parts, size_t n_parts,
                            ps_recorder **out, ps_error *err)
{
    ps_recorder *rec = calloc(1, sizeof *rec);
    if (rec == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    *out = rec;
    rec->file = rec->xfer = H5I_INVALID_HID;
    size_t tmp_size = strlen(path) + 32;
    rec->path = strdup(path);
    rec->tmp_path = malloc(tmp_size);
    rec->layouts = calloc(n_parts, sizeof *rec->layouts);
    if (rec->path == NULL || rec->tmp_path == NULL || rec->layouts == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the recorder", path);
    }
    snprintf(rec->tmp_path, tmp_size, "%s.tmp-%ld", path, (long)getpid());
    rec->n_layouts = n_parts;
    for (size_t p = 0; p < n_parts; p++) {
        layout_init(&rec->layouts[p], rec->path, &parts[p]);
    }
    for (size_t p = 0; p < n_parts; p++) {
        if (alloc_buffers(&rec->layouts[p], parts[p].sc) != PS_OK) {
            return ps_fail(err, PS_ENOMEM,
                           "%s: cannot allocate buffers for %zu states, %zu NGOs", path,
                           parts[p].shape.n_states, parts[p].shape.n_ngos);
        }
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

/* The layouts borrow the file and its transfer properties. */
static void share_file(ps_recorder *rec)
{
    for (size_t p = 0; p < rec->n_layouts; p++) {
        rec->layouts[p].file = rec->file;
        rec->layouts[p].xfer = rec->xfer;
    }
}

/* The attributes of a layout on obj, its group (the root for a single layout);
 * steps_written, complete and replicates_written are rewritten at close. */
static ps_status write_attributes(const layout *lay, hid_t obj, const ps_scenario *sc,
                                  const ps_run_meta *meta, ps_error *err)
{
    char start[DATE_SIZE], end[DATE_SIZE];
    ps_month_format(sc->start, start, sizeof start);
    ps_month_format(sc->end, end, sizeof end);
    int64_t steps = (int64_t)lay->n_steps, runs = (int64_t)lay->n_runs, zero = 0;
    hid_t f = obj;
    bool bad = ps_record_put_text(f, "protsim_version", PROTSIM_VERSION) < 0;
    bad |= put_number(f, "seed", H5T_NATIVE_UINT64, &meta->seed) < 0;
    bad |= ps_record_put_text(f, "scenario_name", sc->name) < 0;
    bad |= ps_record_put_text(f, "scenario_source", sc->source) < 0;
    if (lay->group[0] == '\0') { /* a file of several layouts has it at the root */
        bad |= ps_record_put_text(f, "command_line", meta->command_line) < 0;
    }
    bad |= ps_record_put_text(f, "scenario", meta->scenario_text) < 0;
    bad |= ps_record_put_text(f, "start", start) < 0;
    bad |= ps_record_put_text(f, "end", end) < 0;
    bad |= put_number(f, "steps", H5T_NATIVE_INT64, &steps) < 0;
    bad |= put_number(f, "steps_written", H5T_NATIVE_INT64, &zero) < 0;
    bad |=
        put_number(f, "agents_per_person", H5T_NATIVE_DOUBLE, &sc->agents_per_person) < 0;
    bad |= put_number(f, "complete", H5T_NATIVE_INT64, &zero) < 0;
    if (lay->n_runs > 0) {
        bad |= put_number(f, "replicates", H5T_NATIVE_INT64, &runs) < 0;
        bad |= put_number(f, "replicates_written", H5T_NATIVE_INT64, &zero) < 0;
    }
    const char *what = lay->group[0] == '\0' ? "cannot write the root attributes"
                                             : "cannot write the attributes";
    return bad ? h5_fail(lay, "", what, err) : PS_OK;
}

static ps_status layout_attributes(const layout *lay, const ps_record_part *part,
                                   ps_error *err)
{
    char at[PATH_SIZE];
    hid_t obj = H5Oopen(lay->file, full_path(lay, "", at), H5P_DEFAULT);
    if (obj < 0) {
        return h5_fail(lay, "", "cannot open", err);
    }
    ps_status status = write_attributes(lay, obj, part->sc, &part->meta, err);
    H5Oclose(obj);
    return status;
}

/* A group with a description attribute; its links keep their creation order, so that
 * `protsim info` lists them as written. */
static herr_t create_group(hid_t file, const char *path, const char *description)
{
    hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    herr_t status = H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED);
    hid_t group = H5Gcreate2(file, path, H5P_DEFAULT, gcpl, H5P_DEFAULT);
    if (status >= 0 && group >= 0) {
        status = ps_record_put_text(group, "description", description);
    }
    H5Gclose(group);
    H5Pclose(gcpl);
    return group < 0 ? -1 : status;
}

/* The layout's own group (unless it is the root), then the groups of GROUPS in it. */
static ps_status create_groups(layout *lay, const char *description, ps_error *err)
{
    char at[PATH_SIZE];
    if (lay->group[0] != '\0' && create_group(lay->file, lay->group, description) < 0) {
        return h5_fail(lay, "", "cannot create", err);
    }
    for (size_t k = 0; k < sizeof GROUPS / sizeof GROUPS[0]; k++) {
        hid_t group = H5Gcreate2(lay->file, full_path(lay, GROUPS[k].path, at),
                                 H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        herr_t status = ps_record_put_text(group, "description", GROUPS[k].description);
        H5Gclose(group);
        if (group < 0 || status < 0) {
            return h5_fail(lay, GROUPS[k].path, "cannot create", err);
        }
    }
    return PS_OK;
}

/* A described dataset of shape dims[rank] in lay; contiguous unless dcpl says otherwise.
 * The caller closes it. */
static hid_t create_dataset(const layout *lay, const dataset_doc *doc,
                            bool with_replicate, hid_t type, int rank,
                            const hsize_t *dims, hid_t dcpl)
{
    char at[PATH_SIZE];
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dset = H5Dcreate2(lay->file, full_path(lay, doc->path, at), type, space,
                            H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Sclose(space);
    if (dset >= 0 && describe(dset, doc, with_replicate) < 0) {
        H5Dclose(dset);
        return H5I_INVALID_HID;
    }
    return dset;
}

/* A series at full size [(runs,) n_steps, ...], chunked by one run's block; unwritten
 * steps are NaN. */
static ps_status create_series(layout *lay, size_t k, ps_error *err)
{
    const series_spec *s = &SERIES[k];
    series_buffer *b = &lay->series[k];
    hsize_t dims[MAX_RANK], chunk[MAX_RANK];
    int rank = series_dims(s, lay, dims), lead = replicated(lay, s) ? 1 : 0;
    memcpy(chunk, dims, sizeof dims);
    chunk[0] = 1; /* one run, when there is a replicate axis */
    chunk[lead] = b->block;
    double fill = NAN;
    hid_t dcpl = chunked_dcpl(rank, chunk);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    b->dset = create_dataset(lay, &s->doc, lead == 1, H5T_IEEE_F64LE, rank, dims, dcpl);
    H5Pclose(dcpl);
    if (status < 0 || b->dset < 0) {
        return h5_fail(lay, s->doc.path, "cannot create", err);
    }
    return PS_OK;
}

static ps_status create_names(layout *lay, const ps_scenario *sc, const names_spec *spec,
                              ps_error *err)
{
    size_t n = spec->count == PER_STATE ? lay->n_states : spec->count;
    const char **names = malloc((n > 0 ? n : 1) * sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", lay->path,
                       spec->doc.path);
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = spec->name(sc, i);
        names[i] = name != NULL ? name : "";
    }
    hid_t type = ps_record_text_type();
    hsize_t dims[1] = {n};
    hid_t dset = create_dataset(lay, &spec->doc, false, type, 1, dims, H5P_DEFAULT);
    herr_t status = n == 0 ? 0 : H5Dwrite(dset, type, H5S_ALL, H5S_ALL, lay->xfer, names);
    H5Dclose(dset);
    H5Tclose(type);
    free(names);
    if (dset < 0 || status < 0) {
        return h5_fail(lay, spec->doc.path, "cannot write", err);
    }
    return PS_OK;
}

static ps_status create_home(layout *lay, const size_t *ngo_home, ps_error *err)
{
    const char *path = OTHERS[OTHER_HOME].path;
    int64_t *home = malloc((lay->n_ngos > 0 ? lay->n_ngos : 1) * sizeof *home);
    if (home == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", lay->path, path);
    }
    for (size_t j = 0; j < lay->n_ngos; j++) {
        assert(ngo_home[j] < lay->n_states);
        home[j] = (int64_t)ngo_home[j];
    }
    hsize_t dims[1] = {lay->n_ngos};
    hid_t dset = create_dataset(lay, &OTHERS[OTHER_HOME], false, H5T_STD_I64LE, 1, dims,
                                H5P_DEFAULT);
    herr_t status = lay->n_ngos == 0 ? 0
                                     : H5Dwrite(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL,
                                                lay->xfer, home);
    H5Dclose(dset);
    free(home);
    return dset < 0 || status < 0 ? h5_fail(lay, path, "cannot write", err) : PS_OK;
}

/* /ngos/member [(runs,) n_ngos] is filled at the end of each run; NaN until then. */
static ps_status create_member(layout *lay, ps_error *err)
{
    double fill = NAN;
    bool runs = lay->n_runs > 0;
    hsize_t dims[2] = {runs ? lay->n_runs : lay->n_ngos, lay->n_ngos};
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    herr_t status = H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &fill);
    hid_t dset = create_dataset(lay, &OTHERS[OTHER_MEMBER], runs, H5T_IEEE_F64LE,
                                runs ? 2 : 1, dims, dcpl);
    H5Dclose(dset);
    H5Pclose(dcpl);
    if (status < 0 || dset < 0) {
        return h5_fail(lay, OTHERS[OTHER_MEMBER].path, "cannot create", err);
    }
    return PS_OK;
}

/* The compound type of event_record in memory; the field replicate only when asked. */
static hid_t event_type_create(bool with_replicate)
{
    hid_t text = ps_record_text_type();
    hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(event_record));
    size_t n_fields = with_replicate ? N_EVENT_FIELDS : N_EVENT_FIELDS - 1;
    bool bad = text < 0 || type < 0;
    for (size_t k = 0; k < n_fields && !bad; k++) {
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

/* /events starts empty and grows by one hyperslab per EVENT_BLOCK events. The file
 * type is the memory type packed: without a replicate axis, the six fields of a run. */
static ps_status create_events(layout *lay, ps_error *err)
{
    const dataset_doc *doc = &OTHERS[OTHER_EVENTS];
    char at[PATH_SIZE], description[512];
    hsize_t dims[1] = {0}, max[1] = {H5S_UNLIMITED}, chunk[1] = {EVENT_BLOCK};
    lay->event_type = event_type_create(lay->n_runs > 0);
    hid_t file_type = H5Tcopy(lay->event_type);
    herr_t status = H5Tpack(file_type);
    hid_t space = H5Screate_simple(1, dims, max);
    hid_t dcpl = chunked_dcpl(1, chunk);
    lay->events = H5Dcreate2(lay->file, full_path(lay, doc->path, at), file_type, space,
                             H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Tclose(file_type);
    snprintf(description, sizeof description, "%s%s", doc->description,
             lay->n_runs > 0 ? "; and the replicate it happened in" : "");
    dataset_doc with = {doc->path, doc->units, doc->dims, description};
    if (status < 0 || lay->events < 0 || describe(lay->events, &with, false) < 0) {
        return h5_fail(lay, doc->path, "cannot create", err);
    }
    return PS_OK;
}

/* The codes of /states/rsd_authority in words: "0 unhcr, 1 joint, 2 state, 3 none". */
static ps_status add_rsd_codes(layout *lay, ps_error *err)
{
    char codes[256] = "", at[PATH_SIZE];
    size_t used = 0;
    for (int r = 0; r < PS_N_RSD && used < sizeof codes; r++) {
        used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%d %s",
                                 r > 0 ? ", " : "", r, ps_rsd_name((ps_rsd)r));
    }
    const char *path = "/states/rsd_authority";
    hid_t dset = H5Dopen2(lay->file, full_path(lay, path, at), H5P_DEFAULT);
    herr_t status = ps_record_put_text(dset, "codes", codes);
    H5Dclose(dset);
    return dset < 0 || status < 0 ? h5_fail(lay, path, "cannot write codes", err) : PS_OK;
}

/* /seeds [runs]: the seed of each run, in a layout with a replicate axis. */
static ps_status create_seeds(layout *lay, const uint64_t *seeds, ps_error *err)
{
    if (lay->n_runs == 0) {
        return PS_OK;
    }
    assert(seeds != NULL);
    hsize_t dims[1] = {lay->n_runs};
    hid_t dset = create_dataset(lay, &OTHERS[OTHER_SEEDS], false, H5T_STD_U64LE, 1, dims,
                                H5P_DEFAULT);
    herr_t status = H5Dwrite(dset, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, lay->xfer, seeds);
    H5Dclose(dset);
    return dset < 0 || status < 0
               ? h5_fail(lay, OTHERS[OTHER_SEEDS].path, "cannot write", err)
               : PS_OK;
}

/* Every group and dataset of a layout, in the order of docs/output.md. */
static ps_status create_layout(layout *lay, const ps_record_part *part, ps_error *err)
{
    ps_status status = create_groups(lay, part->description, err);
    if (status == PS_OK) {
        status = layout_attributes(lay, part, err);
    }
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        status = create_series(lay, k, err);
    }
    for (size_t k = 0; k < N_NAMES && status == PS_OK; k++) {
        status = create_names(lay, part->sc, &NAMES[k], err);
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
    if (status == PS_OK) {
        status = add_rsd_codes(lay, err);
    }
    if (status == PS_OK) {
        status = create_seeds(lay, part->shape.run_seeds, err);
    }
    return status;
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
    bad |= put_number(f, "seed", H5T_NATIVE_UINT64, &meta->seed) < 0;
    bad |= ps_record_put_text(f, "command_line", meta->command_line) < 0;
    bad |= ps_record_put_text(f, "parts", list) < 0;
    bad |= put_number(f, "complete", H5T_NATIVE_INT64, &zero) < 0;
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
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* failures become statuses, not stderr */
    ps_recorder *rec = NULL;
    ps_status status = ps_record_check_target(path, force, err);
    if (status == PS_OK) {
        status = rec_create(path, parts, n_parts, &rec, err);
    }
    if (status == PS_OK) {
        status = file_create(rec, err);
        share_file(rec);
    }
    if (status == PS_OK && root_meta != NULL) {
        status = write_file_attributes(rec, parts, n_parts, root_meta, err);
    }
    for (size_t p = 0; p < n_parts && status == PS_OK; p++) {
        status = create_layout(&rec->layouts[p], &parts[p], err);
    }
    if (status != PS_OK) {
        ps_recorder_abandon(rec);
        return status;
    }
    *out = rec;
    return PS_OK;
}

ps_status ps_recorder_open_shape(const char *path, bool force, const ps_scenario *sc,
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

/* ---- described arrays (results that are not time series) ------------------------- */

ps_status ps_recorder_add_group(ps_recorder *rec, const char *path,
                                const char *description, ps_error *err)
{
    if (create_group(rec->file, path, description) < 0) {
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
    hid_t dset = H5Dcreate2(rec->file, a->path, file_type, space, H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT);
    dataset_doc doc = {a->path, a->units, a->dims, a->description};
    herr_t status = dset < 0 ? -1 : describe(dset, &doc, false);
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
static ps_status flush_series(layout *lay, size_t k, ps_error *err)
{
    const series_spec *s = &SERIES[k];
    series_buffer *b = &lay->series[k];
    if (lay->t == b->done || b->row == 0 || skipped(lay, s)) {
        b->done = lay->t;
        return PS_OK;
    }
    hsize_t start[MAX_RANK] = {0}, count[MAX_RANK];
    int rank = series_dims(s, lay, count), lead = replicated(lay, s) ? 1 : 0;
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
                       full_path(lay, s->doc.path, at), b->done, lay->t - 1);
    }
    b->done = lay->t;
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

static ps_status flush_events(layout *lay, ps_error *err)
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
                       full_path(lay, OTHERS[OTHER_EVENTS].path, at), lay->n_events,
                       lay->n_events + lay->n_ev - 1);
    }
    lay->n_events += lay->n_ev;
    lay->n_ev = 0;
    return PS_OK;
}

static ps_status add_event(layout *lay, const ps_event *ev, ps_error *err)
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
static ps_status write_member(layout *lay, ps_error *err)
{
    if (lay->t == 0 || lay->n_ngos == 0) {
        return PS_OK;
    }
    char at[PATH_SIZE];
    const char *path = OTHERS[OTHER_MEMBER].path;
    hid_t dset = H5Dopen2(lay->file, full_path(lay, path, at), H5P_DEFAULT);
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
    return status < 0 ? h5_fail(lay, path, "cannot write", err) : PS_OK;
}

/* Everything of the run being written that is still in memory goes to the file. */
static ps_status end_run(layout *lay, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        status = flush_series(lay, k, err);
    }
    return status == PS_OK ? write_member(lay, err) : status;
}

/* Move on to run; runs are written in increasing order, each from its first step. */
static ps_status start_run(layout *lay, size_t run, ps_error *err)
{
    if (run == lay->run) {
        return PS_OK;
    }
    char at[PATH_SIZE];
    size_t runs = lay->n_runs > 0 ? lay->n_runs : 1;
    if (run >= runs) {
        return ps_fail(err, PS_EINVAL, "%s: %s: cannot write replicate %zu of 0-%zu",
                       lay->path, full_path(lay, "", at), run, runs - 1);
    }
    if (run < lay->run) {
        return ps_fail(err, PS_EINVAL,
                       "%s: %s: cannot write replicate %zu after replicate %zu",
                       lay->path, full_path(lay, "", at), run, lay->run);
    }
    ps_status status = end_run(lay, err);
    lay->run = run;
    lay->t = 0;
    for (size_t k = 0; k < N_SERIES; k++) {
        lay->series[k].done = 0;
    }
    return status;
}

ps_status ps_recorder_write_run_step(ps_recorder *rec, size_t part, size_t run,
                                     const ps_indicators *ind, const ps_event *events,
                                     size_t n_events, ps_error *err)
{
    assert(part < rec->n_layouts);
    layout *lay = &rec->layouts[part];
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
    for (size_t k = 0; k < N_SERIES; k++) {
        series_buffer *b = &lay->series[k];
        if (!skipped(lay, &SERIES[k])) {
            buffer_step(b, &SERIES[k], ind, lay->t - b->done);
        }
    }
    if (lay->n_ngos > 0) {
        memcpy(lay->ngo_member, ind->ngo_member, lay->n_ngos * sizeof *lay->ngo_member);
    }
    lay->t++;
    for (size_t k = 0; k < N_SERIES && status == PS_OK; k++) {
        if (lay->t - lay->series[k].done == lay->series[k].block) {
            status = flush_series(lay, k, err);
        }
    }
    for (size_t i = 0; i < n_events && status == PS_OK; i++) {
        status = add_event(lay, &events[i], err);
    }
    return status;
}

ps_status ps_recorder_write_step(ps_recorder *rec, const ps_indicators *ind,
                                 const ps_event *events, size_t n_events, ps_error *err)
{
    return ps_recorder_write_run_step(rec, 0, 0, ind, events, n_events, err);
}

ps_status ps_recorder_write(ps_recorder *rec, const ps_indicators *ind, const ps_world *w,
                            ps_error *err)
{
    size_t n_events = 0;
    const ps_event *events = ps_world_events(w, &n_events);
    return ps_recorder_write_step(rec, ind, events, n_events, err);
}

/* ---- close ----------------------------------------------------------------------- */

/* steps_written and complete (and replicates_written) on the layout's group. */
static ps_status closing_attributes(layout *lay, ps_error *err)
{
    char at[PATH_SIZE];
    int64_t written = (int64_t)lay->t, complete = 1;
    int64_t runs = (int64_t)(lay->t > 0 ? lay->run + 1 : lay->run);
    hid_t obj = H5Oopen(lay->file, full_path(lay, "", at), H5P_DEFAULT);
    bool bad = obj < 0;
    bad = bad || put_number(obj, "steps_written", H5T_NATIVE_INT64, &written) < 0;
    bad = bad || put_number(obj, "complete", H5T_NATIVE_INT64, &complete) < 0;
    if (!bad && lay->n_runs > 0) {
        bad = put_number(obj, "replicates_written", H5T_NATIVE_INT64, &runs) < 0;
    }
    if (obj >= 0) {
        H5Oclose(obj);
    }
    return bad ? h5_fail(lay, "", "cannot write the closing attributes", err) : PS_OK;
}

/* Everything still in memory goes to the file, then the closing attributes. */
static ps_status finish(ps_recorder *rec, ps_error *err)
{
    ps_status status = PS_OK;
    for (size_t p = 0; p < rec->n_layouts && status == PS_OK; p++) {
        layout *lay = &rec->layouts[p];
        status = end_run(lay, err);
        if (status == PS_OK) {
            status = flush_events(lay, err);
        }
        if (status == PS_OK) {
            status = closing_attributes(lay, err);
        }
    }
    int64_t complete = 1;
    bool grouped = rec->n_layouts > 0 && rec->layouts[0].group[0] != '\0';
    if (status == PS_OK && grouped &&
        put_number(rec->file, "complete", H5T_NATIVE_INT64, &complete) < 0) {
        status = ps_fail(err, PS_EHDF5, "%s: /: cannot write the closing attributes",
                         rec->path);
    }
    return status;
}

/* Close every HDF5 handle of a layout that is open; false when one fails. */
static bool close_layout(layout *lay)
{
    bool bad = false;
    for (size_t k = 0; k < N_SERIES; k++) {
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
    rec->file = rec->xfer = H5I_INVALID_HID;
    return bad ? -1 : 0;
}

static void destroy(ps_recorder *rec)
{
    for (size_t p = 0; p < rec->n_layouts; p++) {
        layout *lay = &rec->layouts[p];
        for (size_t k = 0; k < N_SERIES; k++) {
            free(lay->series[k].buf);
        }
        free(lay->state_names);
        free(lay->ngo_member);
        free(lay->ev);
        free(lay->ev_date);
    }
    free(rec->layouts);
    free(rec->tmp_path);
    free(rec->path);
    free(rec);
}

ps_status ps_recorder_close(ps_recorder *rec, ps_error *err)
{
    ps_status status = finish(rec, err);
    if (close_handles(rec) < 0 && status == PS_OK) {
        status = ps_fail(err, PS_EHDF5, "%s: %s: cannot close", rec->path, rec->tmp_path);
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

/* The attributes of a layout's group (obj) in words; the root's for a single layout. */
static void info_header(hid_t obj, FILE *out)
{
    char name[PS_MAX_TEXT], source[PS_MAX_TEXT], version[64], start[DATE_SIZE],
        end[DATE_SIZE], command[1024];
    ps_record_get_text(obj, "scenario_name", name, sizeof name);
    ps_record_get_text(obj, "scenario_source", source, sizeof source);
    ps_record_get_text(obj, "protsim_version", version, sizeof version);
    ps_record_get_text(obj, "start", start, sizeof start);
    ps_record_get_text(obj, "end", end, sizeof end);
    ps_record_get_text(obj, "command_line", command, sizeof command);
    uint64_t seed = 0;
    hid_t attr = H5Aopen(obj, "seed", H5P_DEFAULT);
    H5Aread(attr, H5T_NATIVE_UINT64, &seed);
    H5Aclose(attr);
    fprintf(out, "scenario: %s (from %s)\n", name, source);
    fprintf(out, "protsim version: %s\n", version);
    fprintf(out, "seed: %llu\n", (unsigned long long)seed);
    if (H5Aexists(obj, "command_line") > 0) {
        fprintf(out, "command line: %s\n", command);
    }
    fprintf(out, "period: %s to %s, %lld of %lld steps written%s\n", start, end,
            (long long)get_int(obj, "steps_written"), (long long)get_int(obj, "steps"),
            get_int(obj, "complete") == 1 ? "" : " (the file was not closed)");
    if (get_int(obj, "replicates") >= 0) {
        fprintf(out, "replicates: %lld, %lld written; each with its own seed (seeds)\n",
                (long long)get_int(obj, "replicates"),
                (long long)get_int(obj, "replicates_written"));
    }
}

/* "states: 2 (Japan, Korea)" */
static ps_status info_states(hid_t file, const char *group, const char *path, FILE *out,
                             ps_error *err)
{
    char dpath[PATH_SIZE];
    snprintf(dpath, sizeof dpath, "%s%s", group, NAMES[0].doc.path); /* /states/name */
    size_t n = ps_record_extent(file, dpath, 0);
    char **names = calloc(n > 0 ? n : 1, sizeof *names);
    if (names == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: %s: cannot allocate", path, dpath);
    }
    hid_t type = ps_record_text_type();
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
    snprintf(buf, size, "%s", rank == 0 ? "scalar" : "");
    for (int i = 0; i < rank && used < size; i++) {
        int len = (int)strcspn(name, ",");
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%.*s%s%llu", i > 0 ? ", " : "",
                             len, name, len > 0 ? " " : "", (unsigned long long)dims[i]);
        name += name[len] == ',' ? len + 1 : len;
    }
}

/* "  /states/poi [time 5, state 2], units 1: Protection Outcome Index ..."; the group
 * of a layout goes before path. */
static void info_dataset(hid_t file, const char *group, const char *path, FILE *out)
{
    char at[PATH_SIZE];
    snprintf(at, sizeof at, "%s%s", group, path);
    if (H5Lexists(file, at, H5P_DEFAULT) <= 0) {
        return;
    }
    char units[128], dims[128], description[512], shape[256];
    hid_t dset = H5Dopen2(file, at, H5P_DEFAULT);
    ps_record_get_text(dset, "units", units, sizeof units);
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    ps_record_get_text(dset, "description", description, sizeof description);
    format_shape(dset, dims, shape, sizeof shape);
    H5Dclose(dset);
    fprintf(out, "  %s [%s], units %s: %s\n", at, shape, units, description);
}

/* One layout: its attributes, states, sizes and every dataset. */
static ps_status info_layout(hid_t file, const char *group, const char *path, FILE *out,
                             ps_error *err)
{
    char at[PATH_SIZE];
    hid_t obj = H5Oopen(file, group[0] != '\0' ? group : "/", H5P_DEFAULT);
    if (obj < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot open", path, group);
    }
    info_header(obj, out);
    H5Oclose(obj);
    ps_status status = info_states(file, group, path, out, err);
    if (status != PS_OK) {
        return status;
    }
    snprintf(at, sizeof at, "%s%s", group, OTHERS[OTHER_HOME].path);
    fprintf(out, "NGOs: %zu\n", ps_record_extent(file, at, 0));
    snprintf(at, sizeof at, "%s%s", group, OTHERS[OTHER_EVENTS].path);
    fprintf(out, "events: %zu\n", ps_record_extent(file, at, 0));
    fprintf(out, "time series:\n");
    for (size_t k = 0; k < N_SERIES; k++) {
        info_dataset(file, group, SERIES[k].doc.path, out);
    }
    fprintf(out, "names:\n");
    for (size_t k = 0; k < N_NAMES; k++) {
        info_dataset(file, group, NAMES[k].doc.path, out);
    }
    fprintf(out, "other datasets:\n");
    for (size_t k = 0; k < N_OTHERS; k++) {
        info_dataset(file, group, OTHERS[k].path, out);
    }
    return PS_OK;
}

/* What H5Literate hands to list_dataset. */
typedef struct {
    hid_t file;
    const char *group;
    FILE *out;
} listing;

static herr_t list_dataset(hid_t group, const char *name, const H5L_info_t *info,
                           void *data)
{
    (void)info;
    const listing *l = data;
    char at[PATH_SIZE];
    snprintf(at, sizeof at, "/%s", name);
    hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
    bool is_dataset = obj >= 0 && H5Iget_type(obj) == H5I_DATASET;
    if (obj >= 0) {
        H5Oclose(obj);
    }
    if (is_dataset) {
        info_dataset(l->file, l->group, at, l->out);
    }
    return 0;
}

/* Every dataset of a group that is not a layout, e.g. /comparison, in the order
 * written. */
static void info_group(hid_t file, const char *group, FILE *out)
{
    char description[512];
    hid_t obj = H5Gopen2(file, group, H5P_DEFAULT);
    if (obj < 0) {
        return;
    }
    ps_record_get_text(obj, "description", description, sizeof description);
    fprintf(out, "\n%s: %s\n", group, description);
    listing l = {file, group, out};
    hsize_t idx = 0;
    if (H5Literate(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, list_dataset, &l) < 0) {
        idx = 0;
        H5Literate(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, list_dataset, &l);
    }
    H5Gclose(obj);
}

/* Whether group is one of the layouts in parts, e.g. "/a,/b". */
static bool is_part(const char *parts, const char *group)
{
    size_t len = strlen(group);
    const char *p = parts;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        if (n == len && strncmp(p, group, len) == 0) {
            return true;
        }
        p += p[n] == ',' ? n + 1 : n;
    }
    return false;
}

static herr_t list_group(hid_t root, const char *name, const H5L_info_t *info, void *data)
{
    (void)info;
    (void)root;
    const listing *l = data;
    char group[PATH_SIZE];
    snprintf(group, sizeof group, "/%s", name);
    hid_t obj = H5Oopen(l->file, group, H5P_DEFAULT);
    bool is_group = obj >= 0 && H5Iget_type(obj) == H5I_GROUP;
    if (obj >= 0) {
        H5Oclose(obj);
    }
    if (is_group && !is_part(l->group, group)) {
        info_group(l->file, group, l->out);
    }
    return 0;
}

/* A file of several layouts: what made it, each layout, then the other groups. */
static ps_status info_parts(hid_t file, const char *parts, const char *path, FILE *out,
                            ps_error *err)
{
    char command[1024], version[64];
    ps_record_get_text(file, "protsim_version", version, sizeof version);
    ps_record_get_text(file, "command_line", command, sizeof command);
    fprintf(out, "protsim version: %s\n", version);
    fprintf(out, "command line: %s\n", command);
    fprintf(out, "layouts: %s%s\n", parts,
            get_int(file, "complete") == 1 ? "" : " (the file was not closed)");
    ps_status status = PS_OK;
    for (const char *p = parts; *p != '\0' && status == PS_OK;) {
        char group[GROUP_SIZE];
        int len = (int)strcspn(p, ",");
        snprintf(group, sizeof group, "%.*s", len, p);
        fprintf(out, "\n%s:\n", group);
        status = info_layout(file, group, path, out, err);
        p += p[len] == ',' ? len + 1 : len;
    }
    listing l = {file, parts, out};
    hsize_t idx = 0;
    if (status == PS_OK) {
        H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, &idx, list_group, &l);
    }
    return status;
}

static ps_status info_file(hid_t file, const char *path, FILE *out, ps_error *err)
{
    char parts[PATH_SIZE];
    ps_record_get_text(file, "parts", parts, sizeof parts);
    fprintf(out, "file: %s\n", path);
    ps_status status = parts[0] != '\0' ? info_parts(file, parts, path, out, err)
                                        : info_layout(file, "", path, out, err);
    if (status == PS_OK && ferror(out)) {
        return ps_fail(err, PS_EIO, "%s: cannot write the description", path);
    }
    return status;
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
    char kind[16];
    ps_record_get_text(file, "kind", kind, sizeof kind);
    if (strcmp(kind, "sweep") == 0) { /* written by protsim sweep: record_sweep.c */
        H5Fclose(file);
        return ps_record_sweep_info(path, out, err);
    }
    ps_status status = info_file(file, path, out, err);
    H5Fclose(file);
    return status;
}
