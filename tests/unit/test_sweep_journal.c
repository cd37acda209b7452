/* test_sweep_journal.c - the journal of finished runs: what is appended reads back,
 * a torn last record is ignored and cut off, a damaged one skipped, other sweeps and
 * shards are refused, a resume waits for the process holding the journal; and
 * the SHA-256 behind the sweep digest */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, truncate */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"
#include "sweep_journal.h"

#define RUNS 6
#define VALUES 2
#define SERIES 3
#define HEADER 256
#define RECORD (16 + 8 * (VALUES + SERIES) + 8)

static char dir[64], path[128];
static ps_journal_key key;
static ps_sweep_results *res;
static ps_error err;

static void setup(void)
{
    strcpy(dir, "/tmp/test_journal.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/sweep.h5.journal", dir);
    key = (ps_journal_key){.n_runs = RUNS,
                           .n_values = VALUES,
                           .n_series = SERIES,
                           .shard = 1,
                           .n_shards = 1};
    memset(key.digest, 'a', 64);
    key.digest[64] = '\0';
    snprintf(key.build, sizeof key.build, "c0ffee");
    cr_assert_eq(ps_sweep_results_create(RUNS, VALUES, SERIES, &res, &err), PS_OK);
    err = (ps_error){0};
}

static void teardown(void)
{
    ps_sweep_results_destroy(res);
    remove(path);
    rmdir(dir);
}
TestSuite(journal, .init = setup, .fini = teardown);

/* Values of run r: 0.37 r + k, series 2.385 r + k. */
static void append_run(ps_journal *jr, size_t r, int status)
{
    double values[VALUES], series[SERIES];
    for (size_t k = 0; k < VALUES; k++) {
        values[k] = 0.37 * (double)r + (double)k;
    }
    for (size_t k = 0; k < SERIES; k++) {
        series[k] = 2.385 * (double)r + (double)k;
    }
    cr_assert_eq(ps_journal_append(jr, r, status, values, series, &err), PS_OK, "%s",
                 err.msg);
}

/* A journal holding runs 4, 1 and 3 (3 failed), closed. */
static void write_three(void)
{
    ps_journal *jr = NULL;
    cr_assert_eq(ps_journal_open(path, &key, false, res, &jr, &err), PS_OK, "%s",
                 err.msg);
    append_run(jr, 4, PS_RUN_DONE);
    append_run(jr, 1, PS_RUN_DONE);
    append_run(jr, 3, PS_RUN_FAILED);
    cr_assert_eq(ps_journal_close(jr, &err), PS_OK);
}

static off_t size_of(const char *p)
{
    struct stat st;
    cr_assert_eq(stat(p, &st), 0);
    return st.st_size;
}

Test(journal, appended_runs_read_back)
{
    write_three();
    size_t n = 0;
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(n, 3);
    const int want[RUNS] = {PS_RUN_MISSING, PS_RUN_DONE, PS_RUN_MISSING,
                            PS_RUN_FAILED,  PS_RUN_DONE, PS_RUN_MISSING};
    cr_assert_arr_eq(res->status, want, sizeof want);
    cr_assert_eq(res->values[4 * VALUES + 1], 0.37 * 4 + 1);
    cr_assert_eq(res->series[1 * SERIES + 2], 2.385 + 2);
    cr_assert(isnan(res->values[0]), "a missing run is NaN");
    cr_assert_eq(size_of(path), HEADER + 3 * RECORD);
}

Test(journal, torn_last_record_is_ignored_and_cut_on_resume)
{
    write_three();
    cr_assert_eq(truncate(path, HEADER + 2 * RECORD + 17), 0); /* killed mid-write */
    size_t n = 0;
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    cr_assert_eq(res->status[3], PS_RUN_MISSING);
    ps_journal *jr = NULL;
    ps_sweep_results_destroy(res);
    cr_assert_eq(ps_sweep_results_create(RUNS, VALUES, SERIES, &res, &err), PS_OK);
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(res->status[4], PS_RUN_DONE);
    cr_assert_eq(size_of(path), HEADER + 2 * RECORD, "the torn record is cut off");
    append_run(jr, 3, PS_RUN_DONE);
    cr_assert_eq(ps_journal_close(jr, &err), PS_OK);
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK);
    cr_assert_eq(n, 3);
    cr_assert_eq(res->status[3], PS_RUN_DONE);
}

/* Issue 11 item 15: one damaged record used to end the journal, and every run after it
 * was computed again. */
Test(journal, a_damaged_record_is_skipped_and_the_rest_kept)
{
    write_three();
    FILE *f = fopen(path, "r+b");
    cr_assert_not_null(f);
    fseek(f, HEADER + RECORD + 20,
          SEEK_SET); /* inside the values of the second (run 1) */
    fputc(0x5a, f);
    fclose(f);
    size_t n = 0;
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(n, 2);
    const int want[RUNS] = {PS_RUN_MISSING, PS_RUN_MISSING, PS_RUN_MISSING,
                            PS_RUN_FAILED,  PS_RUN_DONE,    PS_RUN_MISSING};
    cr_assert_arr_eq(res->status, want, sizeof want);
    cr_assert_eq(res->values[4 * VALUES + 1], 0.37 * 4 + 1);
    /* resuming keeps the records after the damaged one; run 1 again reads back */
    ps_journal *jr = NULL;
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(size_of(path), HEADER + 3 * RECORD);
    append_run(jr, 1, PS_RUN_DONE);
    cr_assert_eq(ps_journal_close(jr, &err), PS_OK);
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK);
    cr_assert_eq(n, 3);
    cr_assert_eq(res->status[1], PS_RUN_DONE);
    cr_assert_eq(res->series[1 * SERIES + 2], 2.385 + 2);
}

Test(journal, resume_without_a_header_starts_afresh)
{
    FILE *f = fopen(path, "wb");
    fputs("PSJR", f); /* killed while writing the header */
    fclose(f);
    ps_journal *jr = NULL;
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_eq(ps_journal_close(jr, &err), PS_OK);
    cr_assert_eq(size_of(path), HEADER);
}

Test(journal, a_journal_of_another_sweep_is_refused)
{
    write_three();
    ps_journal_key other = key;
    memset(other.digest, 'b', 64);
    size_t n;
    ps_journal *jr = NULL;
    cr_assert_eq(ps_journal_open(path, &other, true, res, &jr, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want,
             "%s: a journal of another sweep (digest aaaaaaaaaaaa..., "
             "this sweep bbbbbbbbbbbb...)",
             path);
    cr_assert_str_eq(err.msg, want);
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_OK, "left as it was");
    cr_assert_eq(n, 3);
}

Test(journal, a_journal_of_another_shard_is_refused)
{
    write_three();
    ps_journal_key other = key;
    other.shard = 2;
    other.n_shards = 3;
    size_t n;
    cr_assert_eq(ps_journal_read(path, &other, res, &n, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want, "%s: a journal of shard 1/1, not 2/3", path);
    cr_assert_str_eq(err.msg, want);
}

Test(journal, a_journal_of_another_build_is_refused)
{
    write_three();
    ps_journal_key other = key;
    snprintf(other.build, sizeof other.build, "decade");
    size_t n;
    cr_assert_eq(ps_journal_read(path, &other, res, &n, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want,
             "%s: a journal of another protsim build (c0ffee..., this "
             "build decade...): its runs could differ",
             path);
    cr_assert_str_eq(err.msg, want);
}

Test(journal, a_file_that_is_no_journal_is_refused)
{
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 300; i++) {
        fputc('x', f);
    }
    fclose(f);
    size_t n;
    cr_assert_eq(ps_journal_read(path, &key, res, &n, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want, "%s: not a protsim sweep journal", path);
    cr_assert_str_eq(err.msg, want);
}

Test(journal, a_journal_in_use_is_refused_without_resume)
{
    ps_journal *a = NULL, *b = NULL;
    cr_assert_eq(ps_journal_open(path, &key, false, res, &a, &err), PS_OK);
    cr_assert(ps_journal_busy(path));
    cr_assert_eq(ps_journal_open(path, &key, false, res, &b, &err), PS_EINVAL);
    char want[256];
    snprintf(want, sizeof want, "%s: in use by another protsim process", path);
    cr_assert_str_eq(err.msg, want);
    cr_assert_eq(ps_journal_close(a, &err), PS_OK);
    cr_assert(!ps_journal_busy(path));
}

/* A child holds the journal (runs 4, 1, 3), appends run 0 after a pause, and either
 * removes the journal before it unlocks (a sweep that finished) or leaves it (one that
 * was interrupted). */
static pid_t hold_then(bool remove_it)
{
    write_three();
    int ready[2];
    cr_assert_eq(pipe(ready), 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        ps_journal *jr = NULL;
        ps_sweep_results *mine = NULL;
        ps_sweep_results_create(RUNS, VALUES, SERIES, &mine, &err);
        int ok = ps_journal_open(path, &key, true, mine, &jr, &err) == PS_OK;
        ok = write(ready[1], "x", 1) == 1 && ok;
        nanosleep(&(struct timespec){.tv_nsec = 300 * 1000 * 1000}, NULL);
        append_run(jr, 0, PS_RUN_DONE);
        if (remove_it) {
            ok = remove(path) == 0 && ok;
        }
        ps_journal_close(jr, NULL);
        _exit(ok ? 0 : 1);
    }
    char c;
    cr_assert_eq(read(ready[0], &c, 1), 1);
    close(ready[0]);
    close(ready[1]);
    return pid;
}

static void expect_child_ok(pid_t pid)
{
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Issue 11 item 11: a resume waits for the process holding the journal; when that
 * process finished the sweep (and removed the journal), there is nothing to open. */
Test(journal, a_resume_waits_and_finds_the_journal_removed)
{
    pid_t pid = hold_then(true);
    cr_assert(ps_journal_busy(path));
    ps_journal *jr = (ps_journal *)&jr; /* not NULL, to see it set */
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_null(jr);
    expect_child_ok(pid);
    cr_assert_eq(access(path, F_OK), -1, "no journal made again");
}

Test(journal, a_resume_waits_and_reads_what_the_holder_left)
{
    pid_t pid = hold_then(false);
    ps_journal *jr = NULL;
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_not_null(jr);
    cr_assert_eq(res->status[0], PS_RUN_DONE, "run 0, appended while this one waited");
    cr_assert_eq(res->status[4], PS_RUN_DONE);
    cr_assert_eq(ps_journal_close(jr, &err), PS_OK);
    expect_child_ok(pid);
}

Test(journal, a_resume_without_a_journal_opens_nothing)
{
    ps_journal *jr = (ps_journal *)&jr;
    cr_assert_eq(ps_journal_open(path, &key, true, res, &jr, &err), PS_OK, "%s", err.msg);
    cr_assert_null(jr);
    cr_assert_eq(access(path, F_OK), -1);
}

/* ---- SHA-256: FIPS 180-4 examples ------------------------------------------------ */

static void expect_sha(const char *text, size_t repeat, const char *want)
{
    ps_sha256 s;
    char hex[65];
    ps_sha256_init(&s);
    for (size_t i = 0; i < repeat; i++) {
        ps_sha256_update(&s, text, strlen(text));
    }
    ps_sha256_hex(&s, hex);
    cr_assert_str_eq(hex, want);
}

Test(journal, sha256_known_answers)
{
    expect_sha("", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect_sha("abc", 1,
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    expect_sha("a", 1000000,
               "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
