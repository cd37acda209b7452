/* config_read.c - read libconfig files into one merged tree: @include relative to the
 * including file, nesting and cycles, the includer overriding what it includes */
#define _XOPEN_SOURCE 700 /* realpath, strdup (POSIX.1-2008 with XSI) */

#include "config_read.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_TEXT 1024  /* longest file path */
#define MAX_DEPTH 16    /* nesting of @include */
#define MAX_FILES 64    /* files read for one scenario */
#define MAX_INCLUDES 16 /* @include directives in one file */

/* ---- reading files: @include and merging -------------------------------------------
 *
 * libconfig 1.5 resolves @include against one include_dir and rejects a setting given
 * twice, so includes are handled here: each file is parsed on its own (its @include
 * lines blanked, keeping line numbers), and the trees are merged into one in reading
 * order: first what a file includes, in order, then the file's own settings. A later
 * value replaces an earlier one; groups merge member by member; lists and arrays are
 * replaced whole. So a file overrides everything it includes. Include paths are
 * relative to the including file. Every merged node keeps its file and line. */

struct ps_config_reader {
    config_t acc;           /* the merged tree; its nodes' file names point into files */
    char *files[MAX_FILES]; /* owned: names of the files read */
    size_t n_files;
    char *stack[MAX_DEPTH]; /* owned: real paths of the files read, outermost first */
    size_t depth;
    const volatile sig_atomic_t *stop; /* borrowed, may be NULL */
    ps_error *err;
};
typedef struct ps_config_reader expander;

/* The @include directives of one file. */
typedef struct include_list {
    size_t n;
    unsigned line[MAX_INCLUDES];
    char name[MAX_INCLUDES][FILE_TEXT];
} include_list;

/* Where an included file was named, for messages. */
typedef struct include_at {
    const char *from; /* the including file */
    unsigned line;
    const char *name; /* as written */
} include_at;

static ps_status expand_text(expander *ex, char *text, const char *name, const char *dir);

/* Why a file cannot be read: an errno value, or one of these. */
enum { NOT_REGULAR = -1, TOO_LARGE = -2 };

/* The rest of an open file descriptor, at most PS_MAX_FILE_BYTES; a reason or 0. */
static int read_fd(int fd, char **out)
{
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    for (ssize_t n = 1; text != NULL && n > 0;) {
        if (len + 1 == cap) {
            char *grown = cap > PS_MAX_FILE_BYTES ? NULL : realloc(text, cap * 2);
            if (grown == NULL) {
                free(text);
                return cap > PS_MAX_FILE_BYTES ? TOO_LARGE : ENOMEM;
            }
            text = grown;
            cap *= 2;
        }
        n = read(fd, text + len, cap - len - 1);
        if (n < 0 && errno != EINTR) {
            int error = errno;
            free(text);
            return error;
        }
        len += n > 0 ? (size_t)n : 0;
        n = n < 0 ? 1 : n;
    }
    if (text == NULL) {
        return ENOMEM;
    }
    text[len] = '\0';
    *out = text;
    return len > PS_MAX_FILE_BYTES ? (free(text), TOO_LARGE) : 0;
}

/* The whole regular file at path, NUL-terminated, in *out; a reason or 0. A FIFO or a
 * device is refused before it is read (O_NONBLOCK: opening a FIFO does not wait). */
static int read_text(const char *path, char **out)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    int error = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : 0;
    if (error == 0 && S_ISDIR(st.st_mode)) {
        error = EISDIR;
    } else if (error == 0 && !S_ISREG(st.st_mode)) {
        error = NOT_REGULAR;
    } else if (error == 0 && (uintmax_t)st.st_size > PS_MAX_FILE_BYTES) {
        error = TOO_LARGE;
    }
    if (error == 0) {
        error = read_fd(fd, out);
    }
    if (fd >= 0) {
        close(fd);
    }
    return error;
}

/* "WHERE: cannot open: REASON" for a read_text failure. */
static ps_status fail_read(ps_error *err, const char *where, int reason)
{
    if (reason == NOT_REGULAR) {
        return ps_fail(err, PS_EIO, "%s: cannot open: not a regular file", where);
    }
    if (reason == TOO_LARGE) {
        return ps_fail(err, PS_EIO, "%s: cannot open: larger than %u bytes (%u MiB)",
                       where, PS_MAX_FILE_BYTES, PS_MAX_FILE_BYTES >> 20);
    }
    return ps_fail(err, PS_EIO, "%s: cannot open: %s", where, strerror(reason));
}

/* The directory part of path with its final '/', or "" (the working directory). */
static void dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t len = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    snprintf(dir, size, "%.*s", (int)len, path);
}

/* Skip a string literal starting at the quote q; returns its closing quote (or end). */
static const char *skip_string(const char *q, const char *end)
{
    for (q++; q < end && *q != '"'; q++) {
        q += (*q == '\\' && q + 1 < end);
    }
    return q < end ? q : end - 1;
}

/* Follow comments through the line [p, end): whether a block comment is open after it. */
static bool in_comment_after(const char *p, const char *end, bool in_comment)
{
    for (const char *q = p; q < end; q++) {
        if (in_comment) {
            in_comment = !(q[0] == '*' && q + 1 < end && q[1] == '/');
            q += !in_comment;
        } else if (*q == '"') {
            q = skip_string(q, end);
        } else if (*q == '#' || (q[0] == '/' && q + 1 < end && q[1] == '/')) {
            break;
        } else if (q[0] == '/' && q + 1 < end && q[1] == '*') {
            in_comment = true;
            q++;
        }
    }
    return in_comment;
}

/* If the line [p, end) is an @include directive, record it and blank it out. */
static ps_status take_include(char *p, const char *end, const char *file, unsigned line,
                              include_list *inc, ps_error *err)
{
    char *q = p + strspn(p, " \t");
    if (end - q < 8 || strncmp(q, "@include", 8) != 0) {
        return PS_OK;
    }
    char *open = q + 8 + strspn(q + 8, " \t");
    char *close = open < end && *open == '"'
                      ? memchr(open + 1, '"', (size_t)(end - open - 1))
                      : NULL;
    if (close == NULL) {
        return ps_fail(err, PS_EINVAL, "%s:%u: parse error: expected @include \"FILE\"",
                       file, line);
    }
    size_t len = (size_t)(close - open - 1);
    if (len >= FILE_TEXT) {
        return ps_fail(err, PS_EINVAL, "%s:%u: @include: file name too long", file, line);
    }
    if (inc->n == MAX_INCLUDES) {
        return ps_fail(err, PS_EINVAL, "%s:%u: @include: more than %d in one file", file,
                       line, MAX_INCLUDES);
    }
    memcpy(inc->name[inc->n], open + 1, len);
    inc->name[inc->n][len] = '\0';
    inc->line[inc->n++] = line;
    /* Blank the directive; the rest of the line (a comment, say) stays for libconfig. */
    memset(p, ' ', (size_t)(close - p + 1));
    return PS_OK;
}

/* Record and blank every @include at the start of a line outside block comments, as
 * libconfig's scanner would see them. */
static ps_status scan_includes(char *text, const char *file, include_list *inc,
                               ps_error *err)
{
    bool in_comment = false;
    unsigned line = 1;
    for (char *p = text; *p != '\0'; line++) {
        char *end = p + strcspn(p, "\n");
        if (!in_comment) {
            ps_status st = take_include(p, end, file, line, inc, err);
            if (st != PS_OK) {
                return st;
            }
        }
        in_comment = in_comment_after(p, end, in_comment);
        p = *end != '\0' ? end + 1 : end;
    }
    return PS_OK;
}

/* A deep copy of src as a new member (or element) of parent, marked with file. */
static config_setting_t *copy_setting(config_setting_t *parent,
                                      const config_setting_t *src, const char *file)
{
    int type = config_setting_type(src);
    config_setting_t *dst = config_setting_add(parent, config_setting_name(src), type);
    if (dst == NULL) {
        return NULL;
    }
    dst->file = file;
    dst->line = src->line;
    switch (type) {
    case CONFIG_TYPE_INT:
        return config_setting_set_int(dst, config_setting_get_int(src)) ? dst : NULL;
    case CONFIG_TYPE_INT64:
        return config_setting_set_int64(dst, config_setting_get_int64(src)) ? dst : NULL;
    case CONFIG_TYPE_FLOAT:
        return config_setting_set_float(dst, config_setting_get_float(src)) ? dst : NULL;
    case CONFIG_TYPE_BOOL:
        return config_setting_set_bool(dst, config_setting_get_bool(src)) ? dst : NULL;
    case CONFIG_TYPE_STRING:
        return config_setting_set_string(dst, config_setting_get_string(src)) ? dst
                                                                              : NULL;
    default:
        break;
    }
    for (int i = 0; i < config_setting_length(src); i++) {
        if (copy_setting(dst, config_setting_get_elem(src, (unsigned)i), file) == NULL) {
            return NULL;
        }
    }
    return dst;
}

/* Merge the group src into dst: src wins (see the rule above). False when out of
 * memory or stopped (*stopped tells which). */
static bool merge_group(config_setting_t *dst, const config_setting_t *src,
                        const char *file, const expander *ex, bool *stopped)
{
    if (ex->stop != NULL && *ex->stop) {
        *stopped = true;
        return false;
    }
    for (int i = 0; i < config_setting_length(src); i++) {
        const config_setting_t *s = config_setting_get_elem(src, (unsigned)i);
        const char *name = config_setting_name(s);
        config_setting_t *d = config_setting_get_member(dst, name);
        if (d != NULL && config_setting_is_group(d) && config_setting_is_group(s)) {
            if (!merge_group(d, s, file, ex, stopped)) {
                return false;
            }
            continue;
        }
        if (d != NULL) {
            config_setting_remove(dst, name);
        }
        if (copy_setting(dst, s, file) == NULL) {
            return false;
        }
    }
    return true;
}

/* "FROM:LINE: @include \"NAME\"" for an included file, or the path of the top one. */
static void describe(const include_at *at, const char *path, char *buf, size_t size)
{
    if (at == NULL) {
        snprintf(buf, size, "%s", path);
    } else {
        snprintf(buf, size, "%s:%u: @include \"%s\"", at->from, at->line, at->name);
    }
}

/* Keep a copy of a file name in *kept for as long as the merged tree lives. */
static ps_status keep_name(expander *ex, const char *name, const char *where,
                           const char **kept)
{
    if (ex->n_files == MAX_FILES) {
        return ps_fail(ex->err, PS_EINVAL, "%s: more than %d files", where, MAX_FILES);
    }
    char *copy = strdup(name);
    if (copy == NULL) {
        return ps_fail(ex->err, PS_ENOMEM, "%s: out of memory", where);
    }
    ex->files[ex->n_files++] = copy;
    *kept = copy;
    return PS_OK;
}

/* Enter a file: refuse cycles and deep nesting. Takes ownership of real. */
static ps_status push_file(expander *ex, char *real, const char *where)
{
    for (size_t i = 0; i < ex->depth; i++) {
        if (strcmp(ex->stack[i], real) == 0) {
            free(real);
            return ps_fail(ex->err, PS_EINVAL, "%s: include cycle", where);
        }
    }
    if (ex->depth == MAX_DEPTH) {
        free(real);
        return ps_fail(ex->err, PS_EINVAL, "%s: includes nested deeper than %d", where,
                       MAX_DEPTH);
    }
    ex->stack[ex->depth++] = real;
    return PS_OK;
}

static void pop_file(expander *ex)
{
    free(ex->stack[--ex->depth]);
}

/* Read, expand and merge the file at path; at is NULL for the top file. */
static ps_status expand_file(expander *ex, const char *path, const include_at *at)
{
    char where[2 * FILE_TEXT];
    describe(at, path, where, sizeof where);
    char *real = realpath(path, NULL);
    char *text = NULL;
    int reason = real != NULL ? read_text(path, &text) : errno;
    if (reason != 0) {
        free(real);
        return fail_read(ex->err, where, reason);
    }
    const char *name = NULL;
    ps_status st = keep_name(ex, path, where, &name);
    if (st == PS_OK) {
        st = push_file(ex, real, where); /* owns real from here */
    } else {
        free(real);
    }
    if (st == PS_OK) {
        char dir[FILE_TEXT];
        dir_of(name, dir, sizeof dir);
        st = expand_text(ex, text, name, dir);
        pop_file(ex);
    }
    free(text);
    return st;
}

static ps_status expand_include(expander *ex, const char *dir, const char *from,
                                unsigned line, const char *inc)
{
    include_at at = {from, line, inc};
    char path[FILE_TEXT];
    int len = snprintf(path, sizeof path, "%s%s", inc[0] == '/' ? "" : dir, inc);
    if (len < 0 || (size_t)len >= sizeof path) {
        return ps_fail(ex->err, PS_EINVAL, "%s:%u: @include \"%s\": path too long", from,
                       line, inc);
    }
    return expand_file(ex, path, &at);
}

/* Parse text (scanned first: see ps_config_scan) into cfg. */
static ps_status parse_text(const expander *ex, config_t *cfg, const char *text,
                            const char *name)
{
    char *scanned = NULL;
    ps_status st = ps_config_scan(text, name, ex->stop, &scanned, ex->err);
    if (st == PS_OK && !config_read_string(cfg, scanned)) {
        st = ps_fail(ex->err, PS_EINVAL, "%s:%d: parse error: %s", name,
                     config_error_line(cfg), config_error_text(cfg));
    }
    free(scanned);
    return st;
}

/* Expand the text of the file name (kept by keep_name; dir ends in '/' or is ""). */
static ps_status expand_text(expander *ex, char *text, const char *name, const char *dir)
{
    include_list *inc = calloc(1, sizeof *inc);
    if (inc == NULL) {
        return ps_fail(ex->err, PS_ENOMEM, "%s: out of memory", name);
    }
    config_t own;
    config_init(&own);
    config_set_auto_convert(&own, CONFIG_TRUE);
    ps_status st = scan_includes(text, name, inc, ex->err);
    if (st == PS_OK) {
        st = parse_text(ex, &own, text, name);
    }
    for (size_t i = 0; st == PS_OK && i < inc->n; i++) {
        st = expand_include(ex, dir, name, inc->line[i], inc->name[i]);
    }
    bool stopped = false;
    if (st == PS_OK && !merge_group(config_root_setting(&ex->acc),
                                    config_root_setting(&own), name, ex, &stopped)) {
        st = stopped ? ps_fail(ex->err, PS_EINTR, "%s: interrupted", name)
                     : ps_fail(ex->err, PS_ENOMEM, "%s: out of memory", name);
    }
    config_destroy(&own);
    free(inc);
    return st;
}

void ps_config_reader_destroy(ps_config_reader *rd)
{
    if (rd != NULL) {
        config_destroy(&rd->acc);
        for (size_t i = 0; i < rd->n_files; i++) {
            free(rd->files[i]);
        }
        while (rd->depth > 0) {
            pop_file(rd);
        }
        free(rd);
    }
}

ps_config_reader *ps_config_reader_create(const volatile sig_atomic_t *stop,
                                          ps_error *err)
{
    expander *ex = calloc(1, sizeof *ex);
    if (ex == NULL) {
        ps_fail(err, PS_ENOMEM, "scenario: out of memory");
        return NULL;
    }
    config_init(&ex->acc);
    config_set_auto_convert(&ex->acc, CONFIG_TRUE);
    ex->err = err;
    ex->stop = stop;
    return ex;
}

ps_status ps_config_read_file(ps_config_reader *rd, const char *path)
{
    return expand_file(rd, path, NULL);
}

ps_status ps_config_read_string(ps_config_reader *rd, const char *text, const char *name,
                                const char *include_dir, const char **kept)
{
    char *copy = strdup(text);
    ps_status st = copy != NULL ? keep_name(rd, name, name, kept)
                                : ps_fail(rd->err, PS_ENOMEM, "%s: out of memory", name);
    if (st == PS_OK) {
        char dir[FILE_TEXT];
        bool slash = include_dir == NULL || include_dir[0] == '\0' ||
                     include_dir[strlen(include_dir) - 1] == '/';
        snprintf(dir, sizeof dir, "%s%s", include_dir != NULL ? include_dir : "",
                 slash ? "" : "/");
        st = expand_text(rd, copy, *kept, dir);
    }
    free(copy);
    return st;
}

ps_tree *ps_config_reader_tree(ps_config_reader *rd)
{
    return &rd->acc;
}

ps_node *ps_config_reader_root(ps_config_reader *rd)
{
    return config_root_setting(&rd->acc);
}

ps_status ps_config_tree_copy(const ps_node *root, const char *skip, ps_tree **out,
                              ps_error *err)
{
    config_t *tree = calloc(1, sizeof *tree);
    bool ok = tree != NULL;
    if (ok) {
        config_init(tree);
        config_set_auto_convert(tree, CONFIG_TRUE);
    }
    for (int i = 0; ok && i < config_setting_length(root); i++) {
        const config_setting_t *m = config_setting_get_elem(root, (unsigned)i);
        bool skipped = skip != NULL && strcmp(config_setting_name(m), skip) == 0;
        ok = skipped || copy_setting(config_root_setting(tree), m, m->file) != NULL;
    }
    if (!ok) {
        ps_config_tree_destroy(tree);
        *out = NULL;
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    *out = tree;
    return PS_OK;
}

void ps_config_tree_destroy(ps_tree *tree)
{
    if (tree != NULL) {
        config_destroy(tree);
        free(tree);
    }
}

ps_status ps_config_read_text(const char *path, char **text, ps_error *err)
{
    *text = NULL;
    int reason = read_text(path, text);
    return reason == 0 ? PS_OK : fail_read(err, path, reason);
}
