/* fuzz_journal.c - the sweep journal's readers, what `sweep --resume` does first: the
 * input is a journal file followed by one control byte (bit 0: give the header its
 * right checksum; bit 1: give every whole record its right checksum, so that mutations
 * reach past the checks). The sweep it belongs to is the one its header names, within
 * bounds. ps_journal_read and ps_journal_open (resume) either fail with one line or read
 * no more runs than the file holds records, each run DONE, FAILED or still MISSING. */
#include <string.h>

#include "fuzz_common.h"
#include "sweep_journal.h"

#define HEADER 256
#define MAX_RUNS 256
#define MAX_VALUES 16
#define MAX_SERIES 64

/* FNV-1a, 64 bits, as sweep_journal.c sums its header and records. */
static uint64_t fnv(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t k = 0; k < n; k++) {
        h = (h ^ p[k]) * 0x100000001b3ull;
    }
    return h;
}

static uint64_t field(const uint8_t *h, size_t k)
{
    uint64_t v;
    memcpy(&v, h + 8 + 8 * k, sizeof v);
    return v;
}

/* The key of the sweep the header h names, each size within bounds. */
static ps_journal_key key_of(const uint8_t *h)
{
    ps_journal_key key = {.n_runs = field(h, 0) % (MAX_RUNS + 1),
                          .n_values = field(h, 1) % (MAX_VALUES + 1),
                          .n_series = field(h, 2) % (MAX_SERIES + 1),
                          .shard = (size_t)field(h, 3),
                          .n_shards = (size_t)field(h, 4)};
    memcpy(key.digest, h + 56, 64);
    memcpy(key.build, h + 120, 64);
    return key;
}

static void check_results(const ps_sweep_results *res, size_t n_read, size_t records)
{
    if (n_read > records) {
        ps_fuzz_fail("%zu runs read from %zu records", n_read, records);
    }
    for (size_t r = 0; r < res->n_runs; r++) {
        if (res->status[r] != PS_RUN_DONE && res->status[r] != PS_RUN_FAILED &&
            res->status[r] != PS_RUN_MISSING) {
            ps_fuzz_fail("run %zu has status %d", r, res->status[r]);
        }
    }
}

/* Read the journal at path, then open it to resume (which cuts a torn tail). */
static void read_both(const char *path, const ps_journal_key *key, size_t records)
{
    for (int resume = 0; resume < 2; resume++) {
        ps_sweep_results *res = NULL;
        ps_journal *jr = NULL;
        ps_error err = {0};
        size_t n_read = 0;
        if (ps_sweep_results_create(key->n_runs, key->n_values, key->n_series, &res,
                                    &err) != PS_OK) {
            return;
        }
        ps_status st = resume ? ps_journal_open(path, key, true, res, &jr, &err)
                              : ps_journal_read(path, key, res, &n_read, &err);
        if (st != PS_OK) {
            ps_fuzz_check_failure(st, &err);
        } else {
            check_results(res, resume ? 0 : n_read, records);
        }
        err = (ps_error){0};
        if (ps_journal_close(jr, &err) != PS_OK) {
            ps_fuzz_check_failure(err.status, &err);
        }
        ps_sweep_results_destroy(res);
    }
}

static int one(const uint8_t *data, size_t size)
{
    static uint8_t buf[1 << 20];
    if (size < 1 || size - 1 > sizeof buf) {
        return 0;
    }
    uint8_t control = data[size - 1];
    size_t n = size - 1;
    memcpy(buf, data, n);
    ps_journal_key key = {.n_shards = 1, .shard = 1};
    size_t records = 0;
    if (n >= HEADER) {
        key = key_of(buf);
        size_t record = 24 + (key.n_values + key.n_series) * sizeof(double);
        records = (n - HEADER) / record;
        for (size_t r = 0; (control & 2) != 0 && r < records; r++) {
            uint8_t *rec = buf + HEADER + r * record;
            uint64_t sum = fnv(rec, record - 8);
            memcpy(rec + record - 8, &sum, sizeof sum);
        }
        if ((control & 1) != 0) {
            uint64_t sum = fnv(buf, HEADER - 8);
            memcpy(buf + HEADER - 8, &sum, sizeof sum);
        }
    }
    const char *path = ps_fuzz_write("tests/data/fuzz-input.journal", buf, n);
    read_both(path, &key, records);
    return 0;
}

const ps_fuzz_target PS_FUZZ_TARGET = {"tests/data", "1G", NULL, one};
