/* sweep_journal.h - the append-only journal of a sweep's finished runs: each run is
 * committed here before the sweep moves on, so a killed sweep resumes where it was
 *
 * Layout (native byte order: a journal is resumed on the machine that wrote it): a
 * 256-byte header (magic, sizes, shard, digest, build, checksum), then one fixed-size
 * record per finished run: run index, status, values, series, and an FNV-1a checksum of
 * the record. Records are appended with one write() each and fsync'd at least once a
 * second, so a kill -9 loses nothing written and at most a torn last record, which
 * reading ignores (and opening for resume cuts off). A record whose checksum fails
 * (damaged on disk) is skipped; the records after it are kept. The journal stays locked
 * (flock) by the process that writes it until the sweep's file is in place and the
 * journal removed.
 */
#ifndef PROTSIM_SWEEP_JOURNAL_H
#define PROTSIM_SWEEP_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sweep_impl.h"

/* What a journal belongs to: a journal with another key is refused. */
typedef struct ps_journal_key {
    char digest[65];           /* the sweep's digest */
    char build[65];            /* the protsim build that computes the runs (SHA-256 of
                                  the executable; "" when unknown) */
    size_t n_runs;             /* of the whole sweep */
    size_t n_values, n_series; /* per run */
    size_t shard, n_shards;    /* this part: 1/1 for a whole sweep */
} ps_journal_key;

typedef struct ps_journal ps_journal;

/* Read the journal at path into res (runs it holds get their status and values, from
 * their last intact record when there are several; the others are left as they are)
 * and set *n_read to the intact records; damaged records are skipped. A header too
 * short to hold anything reads as empty.
 * Returns PS_OK, PS_EIO, or PS_EINVAL for a file that is no journal, is damaged, or
 * belongs to another sweep, shard or build (the message names the file and says which).
 */
ps_status ps_journal_read(const char *path, const ps_journal_key *key,
                          ps_sweep_results *res, size_t *n_read, ps_error *err);

/* Open path for appending runs, locked against other processes. Without resume, the
 * file is started afresh with a header, and one locked by another process is refused
 * (PS_EINVAL). With resume, a process holding the journal is waited for; then the
 * journal is read into res (as ps_journal_read) and cut after its last whole record
 * (one without a header is started afresh). With resume, *out is NULL and the status
 * PS_OK when there is no journal at path, or the process waited for removed it (it
 * finished the sweep): the caller looks at the output again. Returns PS_OK, PS_EIO,
 * PS_EINVAL (as ps_journal_read; or locked) or PS_ENOMEM. */
ps_status ps_journal_open(const char *path, const ps_journal_key *key, bool resume,
                          ps_sweep_results *res, ps_journal **out, ps_error *err);

/* Whether another process holds the journal at path (a resume would wait for it). */
bool ps_journal_busy(const char *path);

/* fsync what was appended, keeping the lock. Returns PS_OK or PS_EIO. */
ps_status ps_journal_sync(ps_journal *jr, ps_error *err);

/* Append one finished run (values: key n_values; series: n_series, NULL when 0) with
 * one write(); fsync when the last was a second ago or more. Returns PS_OK or PS_EIO. */
ps_status ps_journal_append(ps_journal *jr, size_t run, int status, const double *values,
                            const double *series, ps_error *err);

/* fsync, unlock and close; frees jr even on failure; NULL does nothing. Returns PS_OK
 * or PS_EIO. */
ps_status ps_journal_close(ps_journal *jr, ps_error *err);

#endif
