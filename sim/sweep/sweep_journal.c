/* sweep_journal.c - the append-only journal of finished runs (sweep_journal.h has the
 * layout and the guarantees) */
#define _DEFAULT_SOURCE /* flock, fdatasync */
#include "sweep_journal.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "PSJRNL01"
#define HEADER_SIZE 256
#define SUM_AT (HEADER_SIZE - 8) /* the header's checksum covers the bytes before it */
#define SYNC_SECONDS 1.0         /* longest time between fsyncs while appending */

struct ps_journal {
    char *path; /* owned */
    int fd;
    size_t record_size; /* bytes of one record */
    size_t n_values, n_series;
    unsigned char *buf; /* owned: [record_size] */
    double synced;      /* monotonic seconds of the last fsync */
};

/* FNV-1a, 64 bits: enough to tell a torn or damaged record from a whole one. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t k = 0; k < n; k++) {
        h = (h ^ p[k]) * 0x100000001b3ull;
    }
    return h;
}

static size_t record_size(const ps_journal_key *key)
{
    return 2 * sizeof(uint64_t) + (key->n_values + key->n_series) * sizeof(double) +
           sizeof(uint64_t);
}

static void put_u64(unsigned char *p, size_t at, uint64_t v)
{
    memcpy(p + at, &v, sizeof v);
}

static uint64_t get_u64(const unsigned char *p, size_t at)
{
    uint64_t v;
    memcpy(&v, p + at, sizeof v);
    return v;
}

/* The header of key: magic, n_runs, n_values, n_series, shard, n_shards, record size,
 * digest, build, zeros, checksum. */
static void make_header(const ps_journal_key *key, unsigned char h[HEADER_SIZE])
{
    const uint64_t fields[6] = {key->n_runs, key->n_values, key->n_series,
                                key->shard,  key->n_shards, record_size(key)};
    memset(h, 0, HEADER_SIZE);
    /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): 8 bytes, no NUL */
    memcpy(h, MAGIC, 8);
    for (size_t k = 0; k < 6; k++) {
        put_u64(h, 8 + 8 * k, fields[k]);
    }
    memcpy(h + 56, key->digest, 64);
    memcpy(h + 120, key->build, strlen(key->build) < 64 ? strlen(key->build) : 64);
    put_u64(h, SUM_AT, checksum(h, SUM_AT));
}

/* Whether header h, read from path, is that of key; fails with the reason otherwise. */
static ps_status check_header(const char *path, const unsigned char *h,
                              const ps_journal_key *key, ps_error *err)
{
    unsigned char want[HEADER_SIZE];
    make_header(key, want);
    if (memcmp(h, MAGIC, 8) != 0) {
        return ps_fail(err, PS_EINVAL, "%s: not a protsim sweep journal", path);
    }
    if (get_u64(h, SUM_AT) != checksum(h, SUM_AT)) {
        return ps_fail(err, PS_EINVAL, "%s: damaged journal header", path);
    }
    if (memcmp(h + 56, want + 56, 64) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: a journal of another sweep (digest %.12s..., "
                       "this sweep %.12s...)",
                       path, (const char *)h + 56, key->digest);
    }
    if (get_u64(h, 32) != key->shard || get_u64(h, 40) != key->n_shards) {
        return ps_fail(err, PS_EINVAL, "%s: a journal of shard %llu/%llu, not %zu/%zu",
                       path, (unsigned long long)get_u64(h, 32),
                       (unsigned long long)get_u64(h, 40), key->shard, key->n_shards);
    }
    if (memcmp(h + 120, want + 120, 64) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: a journal of another protsim build (%.12s..., "
                       "this build %.12s...): its runs could differ",
                       path, (const char *)h + 120, key->build);
    }
    if (memcmp(h, want, HEADER_SIZE) != 0) {
        return ps_fail(err, PS_EINVAL,
                       "%s: a journal of another layout of this sweep "
                       "(another protsim version?)",
                       path);
    }
    return PS_OK;
}

/* Whether rec is intact; if so, its run goes into res. */
static bool take_record(const unsigned char *rec, size_t size, ps_sweep_results *res)
{
    uint64_t run = get_u64(rec, 0), status = get_u64(rec, 8);
    if (get_u64(rec, size - 8) != checksum(rec, size - 8) || run >= res->n_runs ||
        (status != PS_RUN_DONE && status != PS_RUN_FAILED)) {
        return false;
    }
    const double *values = (const double *)(const void *)(rec + 16);
    ps_sweep_results_set(res, (size_t)run, (int)status, values, values + res->n_values);
    return true;
}

/* Read the whole records from f (after the header); a damaged one is skipped, so that
 * one bad record costs its run only. */
static ps_status read_records(FILE *f, const char *path, size_t size,
                              ps_sweep_results *res, size_t *n_read, ps_error *err)
{
    unsigned char *rec = malloc(size);
    if (rec == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate a record", path);
    }
    while (fread(rec, 1, size, f) == size) {
        *n_read += take_record(rec, size, res);
    }
    bool bad = ferror(f) != 0;
    free(rec);
    return bad ? ps_fail(err, PS_EIO, "%s: cannot read: %s", path, strerror(errno))
               : PS_OK;
}

ps_status ps_journal_read(const char *path, const ps_journal_key *key,
                          ps_sweep_results *res, size_t *n_read, ps_error *err)
{
    *n_read = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    unsigned char h[HEADER_SIZE];
    ps_status st = PS_OK;
    if (fread(h, 1, HEADER_SIZE, f) == HEADER_SIZE) { /* shorter: nothing was committed */
        st = check_header(path, h, key, err);
        st = st == PS_OK ? read_records(f, path, record_size(key), res, n_read, err) : st;
    }
    fclose(f);
    return st;
}

/* ---- appending -------------------------------------------------------------------- */

static ps_status write_all(ps_journal *jr, const unsigned char *p, size_t n,
                           ps_error *err)
{
    while (n > 0) {
        ssize_t done = write(jr->fd, p, n);
        if (done < 0 && errno == EINTR) {
            continue;
        }
        if (done <= 0) {
            return ps_fail(err, PS_EIO, "%s: cannot write: %s", jr->path,
                           strerror(errno));
        }
        p += done;
        n -= (size_t)done;
    }
    return PS_OK;
}

static ps_status sync_now(ps_journal *jr, ps_error *err)
{
    jr->synced = ps_clock_seconds();
    if (fdatasync(jr->fd) != 0) {
        return ps_fail(err, PS_EIO, "%s: cannot sync: %s", jr->path, strerror(errno));
    }
    return PS_OK;
}

/* Open and lock (the lock before any change: another process may be using it). To
 * resume, the journal must exist, and a process holding it is waited for; *gone is set
 * when the journal is missing, or was removed by the process waited for (which removes
 * it only once the sweep's file is in place). */
static ps_status open_locked(ps_journal *jr, bool resume, bool *gone, ps_error *err)
{
    int create = resume ? 0 : O_CREAT;
    jr->fd = open(jr->path, O_RDWR | create | O_APPEND | O_CLOEXEC, 0644);
    *gone = jr->fd < 0 && resume && errno == ENOENT;
    if (jr->fd < 0) {
        return *gone ? PS_OK
                     : ps_fail(err, PS_EIO, "%s: cannot open: %s", jr->path,
                               strerror(errno));
    }
    if (flock(jr->fd, LOCK_EX | LOCK_NB) == 0) {
        return PS_OK;
    }
    if (errno != EWOULDBLOCK || !resume) {
        return ps_fail(err, errno == EWOULDBLOCK ? PS_EINVAL : PS_EIO,
                       "%s: in use by another protsim process", jr->path);
    }
    struct stat st;
    while (flock(jr->fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            return ps_fail(err, PS_EIO, "%s: cannot lock: %s", jr->path, strerror(errno));
        }
    }
    *gone = fstat(jr->fd, &st) == 0 && st.st_nlink == 0;
    return PS_OK;
}

/* Keep the header and the whole records (a torn last one is cut off); start afresh
 * when there is no header. */
static ps_status cut(ps_journal *jr, const ps_journal_key *key, bool fresh, ps_error *err)
{
    if (fresh) {
        unsigned char h[HEADER_SIZE];
        make_header(key, h);
        if (ftruncate(jr->fd, 0) != 0) {
            return ps_fail(err, PS_EIO, "%s: cannot truncate: %s", jr->path,
                           strerror(errno));
        }
        ps_status st = write_all(jr, h, HEADER_SIZE, err);
        return st == PS_OK ? sync_now(jr, err) : st;
    }
    struct stat st;
    if (fstat(jr->fd, &st) != 0) {
        return ps_fail(err, PS_EIO, "%s: cannot stat: %s", jr->path, strerror(errno));
    }
    size_t whole = ((size_t)st.st_size - HEADER_SIZE) / jr->record_size;
    off_t keep = (off_t)(HEADER_SIZE + whole * jr->record_size);
    if (ftruncate(jr->fd, keep) != 0) {
        return ps_fail(err, PS_EIO, "%s: cannot truncate: %s", jr->path, strerror(errno));
    }
    return sync_now(jr, err);
}

/* Whether path holds a whole header (a shorter file holds nothing committed). */
static bool has_header(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.st_size >= HEADER_SIZE;
}

ps_status ps_journal_open(const char *path, const ps_journal_key *key, bool resume,
                          ps_sweep_results *res, ps_journal **out, ps_error *err)
{
    *out = NULL;
    ps_journal *jr = calloc(1, sizeof *jr);
    if (jr == NULL || (jr->path = strdup(path)) == NULL ||
        (jr->buf = malloc(record_size(key))) == NULL) {
        ps_journal_close(jr, NULL);
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate the journal", path);
    }
    jr->fd = -1;
    jr->record_size = record_size(key);
    jr->n_values = key->n_values;
    jr->n_series = key->n_series;
    bool gone = false;
    ps_status st = open_locked(jr, resume, &gone, err);
    bool fresh = !resume || !has_header(path);
    size_t n = 0;
    if (st == PS_OK && !gone && !fresh) {
        st = ps_journal_read(path, key, res, &n, err);
    }
    st = st == PS_OK && !gone ? cut(jr, key, fresh, err) : st;
    if (st != PS_OK || gone) {
        ps_journal_close(jr, NULL);
        return st;
    }
    *out = jr;
    return PS_OK;
}

bool ps_journal_busy(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool busy = fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (fd >= 0) {
        close(fd); /* releases the probe's lock, if it took one */
    }
    return busy;
}

ps_status ps_journal_sync(ps_journal *jr, ps_error *err)
{
    return sync_now(jr, err);
}

ps_status ps_journal_append(ps_journal *jr, size_t run, int status, const double *values,
                            const double *series, ps_error *err)
{
    unsigned char *rec = jr->buf;
    size_t size = jr->record_size;
    put_u64(rec, 0, run);
    put_u64(rec, 8, (uint64_t)status);
    memcpy(rec + 16, values, jr->n_values * sizeof(double));
    if (jr->n_series > 0) {
        memcpy(rec + 16 + jr->n_values * sizeof(double), series,
               jr->n_series * sizeof(double));
    }
    put_u64(rec, size - 8, checksum(rec, size - 8));
    ps_status st = write_all(jr, rec, size, err);
    if (st == PS_OK && ps_clock_seconds() - jr->synced >= SYNC_SECONDS) {
        st = sync_now(jr, err);
    }
    return st;
}

ps_status ps_journal_close(ps_journal *jr, ps_error *err)
{
    if (jr == NULL) {
        return PS_OK;
    }
    ps_status st = PS_OK;
    if (jr->fd >= 0) {
        st = fdatasync(jr->fd) == 0
                 ? PS_OK
                 : ps_fail(err, PS_EIO, "%s: cannot sync: %s", jr->path, strerror(errno));
        close(jr->fd); /* releases the lock */
    }
    free(jr->buf);
    free(jr->path);
    free(jr);
    return st;
}
