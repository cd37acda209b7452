/* fuzz_common.c - the sandbox, input files and shared checks of the fuzz targets */
#define _XOPEN_SOURCE 700
#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#define PATH_TEXT 4096

/* The sandbox of this process ("" until set up), the folder the target runs in, and
 * the caller's working directory. Static: libFuzzer gives targets no context. */
static char root[PATH_TEXT];
static char work[PATH_TEXT];
static int caller_dir = -1;

void ps_fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* buf (of PATH_TEXT bytes) = a + "/" + b; aborts when that does not fit. */
static void join(char *buf, const char *a, const char *b)
{
    if (snprintf(buf, PATH_TEXT, "%s/%s", a, b) >= PATH_TEXT) {
        ps_fuzz_fail("path too long: %s/%s", a, b);
    }
}

/* Copy the regular file from into to. */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[1 << 15];
    size_t n;
    while (in != NULL && out != NULL && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) {
            ps_fuzz_fail("cannot write %s: %s", to, strerror(errno));
        }
    }
    if (in == NULL || out == NULL || ferror(in) || fclose(out) != 0) {
        ps_fuzz_fail("cannot copy %s to %s: %s", from, to, strerror(errno));
    }
    fclose(in);
}

/* Copy the folder from into to (made here): folders and regular files, no links. */
static void copy_tree(const char *from, const char *to)
{
    DIR *dir = opendir(from);
    if (dir == NULL || (mkdir(to, 0700) != 0 && errno != EEXIST)) {
        ps_fuzz_fail("cannot copy %s to %s: %s", from, to, strerror(errno));
    }
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        char a[PATH_TEXT], b[PATH_TEXT];
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        join(a, from, e->d_name);
        join(b, to, e->d_name);
        if (lstat(a, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            copy_tree(a, b);
        } else if (S_ISREG(st.st_mode)) {
            copy_file(a, b);
        }
    }
    closedir(dir);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    remove(path); /* go on: remove what can be removed */
    return 0;
}

static void remove_sandbox(void)
{
    if (root[0] != '\0') {
        nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
}

/* GSL's abort handler off; the sandbox: copies of SRC/scenarios and SRC/tests/data
 * (folders and regular files), removed at exit. */
static void setup(const ps_fuzz_target *t)
{
    gsl_set_error_handler_off();
    setenv("PROTSIM_MEMORY_LIMIT", t->memory_limit, 1);
    const char *tmp = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
    snprintf(root, sizeof root, "%s/protsim-fuzz-XXXXXX", tmp);
    if (mkdtemp(root) == NULL) {
        ps_fuzz_fail("cannot make the sandbox %s: %s", root, strerror(errno));
    }
    atexit(remove_sandbox);
    char from[PATH_TEXT], to[PATH_TEXT];
    join(from, PS_FUZZ_SOURCE, "scenarios");
    join(to, root, "scenarios");
    copy_tree(from, to);
    join(to, root, "tests");
    mkdir(to, 0700);
    join(from, PS_FUZZ_SOURCE, "tests/data");
    join(to, root, "tests/data");
    copy_tree(from, to);
    join(work, root, t->sub);
    if (mkdir(work, 0700) != 0 && errno != EEXIST) {
        ps_fuzz_fail("cannot make %s: %s", work, strerror(errno));
    }
    caller_dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (caller_dir < 0) {
        ps_fuzz_fail("cannot open the working directory: %s", strerror(errno));
    }
    fprintf(stderr, "fuzz: sandbox %s\n", root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (root[0] == '\0') {
        setup(&PS_FUZZ_TARGET);
        if (PS_FUZZ_TARGET.setup != NULL) {
            PS_FUZZ_TARGET.setup();
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (chdir(work) != 0) {
        ps_fuzz_fail("cannot enter %s: %s", work, strerror(errno));
    }
    int r = PS_FUZZ_TARGET.one(data, size);
    if (fchdir(caller_dir) != 0) {
        ps_fuzz_fail("cannot return to the working directory: %s", strerror(errno));
    }
    return r;
}

const char *ps_fuzz_root(void)
{
    return root;
}

const char *ps_fuzz_write(const char *rel, const uint8_t *data, size_t size)
{
    static char path[PATH_TEXT];
    join(path, root, rel);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    for (size_t done = 0; fd >= 0 && done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            ps_fuzz_fail("cannot write %s: %s", path, strerror(errno));
        }
        done += (size_t)n;
    }
    if (fd < 0 || close(fd) != 0) {
        ps_fuzz_fail("cannot write %s: %s", path, strerror(errno));
    }
    return path;
}

bool ps_fuzz_path_confined(const char *path, size_t len, int depth)
{
    if (len > 0 && path[0] == '/') {
        return false;
    }
    for (size_t at = 0; at < len;) {
        size_t n = 0;
        while (at + n < len && path[at + n] != '/') {
            n++;
        }
        if (n == 2 && path[at] == '.' && path[at + 1] == '.') {
            depth--;
        } else if (n > 0 && !(n == 1 && path[at] == '.')) {
            depth++;
        }
        if (depth < 0) {
            return false;
        }
        at += n + 1;
    }
    return true;
}

bool ps_fuzz_includes_confined(const uint8_t *data, size_t size, int depth)
{
    static const char WORD[] = "@include";
    const size_t w = sizeof WORD - 1;
    for (size_t i = 0; i + w <= size; i++) {
        if (memcmp(data + i, WORD, w) != 0) {
            continue;
        }
        size_t q = i + w;
        while (q < size && (data[q] == ' ' || data[q] == '\t')) {
            q++;
        }
        if (q == size || data[q] != '"') {
            continue; /* no file named: a parse error, nothing read */
        }
        const uint8_t *close = memchr(data + q + 1, '"', size - q - 1);
        size_t len = (close != NULL ? (size_t)(close - data) : size) - q - 1;
        if (!ps_fuzz_path_confined((const char *)data + q + 1, len, depth)) {
            return false;
        }
    }
    return true;
}

void ps_fuzz_check_failure(ps_status st, const ps_error *err)
{
    if (st == PS_OK) {
        ps_fuzz_fail("check_failure called on success");
    }
    if (err->status != st) {
        ps_fuzz_fail("returned status %d, the message says %d: %s", (int)st,
                     (int)err->status, err->msg);
    }
    if (err->msg[0] == '\0') {
        ps_fuzz_fail("a failure (status %d) without a message", (int)st);
    }
    for (const unsigned char *p = (const unsigned char *)err->msg; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            ps_fuzz_fail("a control character (0x%02x) in the message: %s", *p, err->msg);
        }
    }
}

/* The first line where a and b differ, for the report. */
static void print_difference(const char *a, const char *b)
{
    size_t line = 1, start = 0;
    for (size_t i = 0; a[i] != '\0' && a[i] == b[i]; i++) {
        if (a[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    fprintf(stderr, "fuzz: first difference at line %zu:\n< %.*s\n> %.*s\n", line,
            (int)strcspn(a + start, "\n"), a + start, (int)strcspn(b + start, "\n"),
            b + start);
}

void ps_fuzz_check_round_trip(const ps_scenario *sc)
{
    static ps_scenario again; /* 180 kB: not on the stack */
    char *text = ps_scenario_text(sc);
    if (text == NULL) {
        ps_fuzz_fail("ps_scenario_text failed on a loaded scenario");
    }
    if (!ps_fuzz_includes_confined((const uint8_t *)text, strlen(text), 0)) {
        free(text); /* an @include in a value: not tried outside the sandbox */
        return;
    }
    ps_error err = {0};
    ps_status st = ps_scenario_load_string(text, "dump", root, NULL, 0, &again, &err);
    if (st != PS_OK) {
        fprintf(stderr, "%s\n", text);
        ps_fuzz_fail("the dump of a loaded scenario does not load: %s", err.msg);
    }
    char *text2 = ps_scenario_text(&again);
    if (text2 == NULL || strcmp(text, text2) != 0) {
        if (text2 != NULL) {
            print_difference(text, text2);
        }
        ps_fuzz_fail("the dump of a loaded scenario loads to another scenario");
    }
    free(text);
    free(text2);
}
