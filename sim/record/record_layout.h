/* record_layout.h - one layout of a result file: the datasets of one scenario's run or
 * runs, at the root (protsim run) or in a group (/a and /b of protsim compare); created
 * by record_layout.c from the schema, written by record_h5.c */
#ifndef PROTSIM_RECORD_LAYOUT_H
#define PROTSIM_RECORD_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include <hdf5.h>

#include "record_impl.h"
#include "record_schema.h"

/* About this much memory per dataset: a regional run then writes each dataset once
 * every few dozen steps, and memory stays bounded when NGOs number in thousands. */
#define BUFFER_BYTES ((size_t)1 << 20)
#define EVENT_BLOCK 256 /* events buffered per write; the chunk length of /events */
#define DATE_SIZE 16    /* "YYYY-MM", with room for years of five digits and a sign */
#define GROUP_SIZE 64   /* a layout's group, e.g. "/a" */
#define PATH_SIZE 160   /* a group and a dataset path */
#define MAX_RANK 4      /* replicate, time, state or ngo, category */

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
    const char *path; /* borrowed from the recorder: the name asked for */
    hid_t file, xfer; /* borrowed from the recorder */
    hid_t scratch;    /* borrowed: where the series of PS_KEEP_QUANTILES go */
    ps_record_keep keep;
    int compress;           /* deflate level of the series and events (ps_run_meta) */
    char group[GROUP_SIZE]; /* "" for the root, else e.g. "/a" */
    hid_t event_type, events;
    size_t n_states, n_ngos, n_steps;
    size_t n_runs; /* 0: one run and no replicate axis; else the length of that axis */
    size_t run;    /* the run being written */
    size_t t;      /* its steps accepted so far */
    series_buffer series[PS_N_SERIES];
    char *state_names;          /* owned: [n_states * PS_MAX_NAME], for events */
    double *ngo_member;         /* owned: [n_ngos] of the last step, written per run */
    event_record *ev;           /* owned: [EVENT_BLOCK] buffered events */
    char (*ev_date)[DATE_SIZE]; /* owned: [EVENT_BLOCK] their dates */
    size_t n_ev;                /* events buffered */
    size_t n_events;            /* events in the file */
} ps_layout;

/* A layout with no HDF5 handle open yet and the sizes of part. */
void ps_layout_init(ps_layout *lay, const char *path, const ps_record_part *part);

/* Allocate every buffer of lay; it can be freed whatever this returns. Returns PS_OK or
 * PS_ENOMEM. */
ps_status ps_layout_alloc(ps_layout *lay, const ps_scenario *sc);

/* Every group and dataset of a layout in lay->file, in the order of docs/output.md.
 * Returns PS_OK, PS_ENOMEM or PS_EHDF5. */
ps_status ps_layout_create(ps_layout *lay, const ps_record_part *part, ps_error *err);

/* /event, the scale of /events, once every event is written. Returns PS_OK, PS_ENOMEM
 * or PS_EHDF5. */
ps_status ps_layout_create_event_scale(ps_layout *lay, ps_error *err);

/* Whether series s has the leading replicate axis in lay. */
bool ps_layout_replicated(const ps_layout *lay, const ps_series_spec *s);

/* Fill dims with the file shape of series s; returns the rank. */
int ps_layout_series_dims(const ps_series_spec *s, const ps_layout *lay,
                          hsize_t dims[MAX_RANK]);

/* A layout's dataset or group: "/a" + "/states/poi"; the layout's own group for "". */
const char *ps_layout_path(const ps_layout *lay, const char *path, char buf[PATH_SIZE]);

/* units, dimensions and description; "replicate," leads the dimensions when the
 * dataset has a replicate axis. Negative on failure. */
herr_t ps_layout_describe(hid_t obj, const ps_dataset_doc *doc, bool with_replicate);

/* The codes of /states/rsd_authority in words, its attribute codes. Returns PS_OK or
 * PS_EHDF5. */
ps_status ps_layout_add_codes(ps_layout *lay, ps_error *err);

/* The series of a PS_KEEP_QUANTILES layout, every run in lay->scratch, reduced into
 * lay->file: per month and cell, the quantiles PS_QUANTILES over the runs' finite
 * values (NaN where none is), on a leading quantile axis, and the scale /quantile.
 * Returns PS_OK, PS_ENOMEM or PS_EHDF5. */
ps_status ps_layout_reduce(ps_layout *lay, ps_error *err);

/* "out.h5: /a/states/poi: cannot write"; path "" names the layout's group. Returns
 * PS_EHDF5. */
ps_status ps_layout_fail(const ps_layout *lay, const char *path, const char *what,
                         ps_error *err);

/* The recorder's HDF5 file (its temporary file until close) and the name asked for,
 * for the writers of record_checkpoint.c; both borrowed from rec. */
hid_t ps_recorder_hdf5(const ps_recorder *rec);
const char *ps_recorder_name(const ps_recorder *rec);

/* The compound type of event_record in memory (the replicate field only when asked);
 * the caller closes it. Negative on failure. */
hid_t ps_layout_event_type(bool with_replicate);

#endif
