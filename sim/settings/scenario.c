/* scenario.c - read scenario files (@include, --set), check every setting against the
 * tables of scenario_table.c, and write scenarios back out (dump, defaults.cfg) */
#define _XOPEN_SOURCE 700 /* realpath, strdup (POSIX.1-2008 with XSI) */

#include "protsim/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario_impl.h"

#define PATH_TEXT 256   /* longest setting path, "states.list.[63].shocks.[15].persons" */
#define FILE_TEXT 1024  /* longest file path */
#define VALUE_TEXT 4096 /* longest --set value */
#define SET_SOURCE "--set" /* the "file" of settings made by --set */
#define MAX_DEPTH 16       /* nesting of @include */
#define MAX_FILES 64       /* files read for one scenario */
#define MAX_INCLUDES 16    /* @include directives in one file */
#define SUM_TOLERANCE 1e-6 /* of vectors that sum to 1 */
#define HINT_DISTANCE 3    /* farthest name offered by "did you mean" */
#define NAME_CAP 64        /* longer names are never offered as hints */
#define NO_INDEX SIZE_MAX  /* a name reference to nothing (no patron) */

/* The value of a row inside the struct at base. */
#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))

/* ---- months ---------------------------------------------------------------------- */

bool ps_month_parse(const char *text, ps_month *out)
{
    if (text == NULL || strlen(text) != 7 || text[4] != '-') {
        return false;
    }
    for (size_t i = 0; i < 7; i++) {
        if (i != 4 && (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    int year = atoi(text);
    int month = atoi(text + 5);
    if (month < 1 || month > 12) {
        return false;
    }
    *out = year * 12 + month - 1;
    return true;
}

void ps_month_format(ps_month m, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d", m / 12, m % 12 + 1);
}

size_t ps_scenario_steps(const ps_scenario *sc)
{
    return sc->end >= sc->start ? (size_t)(sc->end - sc->start) + 1 : 0;
}

/* ---- small text helpers ---------------------------------------------------------- */

/* Append s to the string in buf, cutting it to fit: paths only ever get too long for
 * messages with absurd input, and a cut message is better than none. */
static void append(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf), add = strlen(s);
    if (len + add >= size) {
        add = size - len - 1;
    }
    memcpy(buf + len, s, add);
    buf[len + add] = '\0';
}

/* "a.b" from a and b, or b alone when a is empty. */
static void join_path(char *buf, size_t size, const char *a, const char *b)
{
    buf[0] = '\0';
    append(buf, size, a);
    append(buf, size, a[0] != '\0' ? "." : "");
    append(buf, size, b);
}

/* "list.[i]", or "list.[i].rel" when rel is not empty. */
static void elem_path(char *buf, size_t size, const char *list, size_t i, const char *rel)
{
    char index[32];
    snprintf(index, sizeof index, ".[%zu]", i);
    buf[0] = '\0';
    append(buf, size, list);
    append(buf, size, index);
    append(buf, size, rel[0] != '\0' ? "." : "");
    append(buf, size, rel);
}

/* The last part of a dotted path: "refugees" of "stock.refugees". */
static const char *leaf_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot != NULL ? dot + 1 : path;
}

size_t ps_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t prev[PS_HINT_NAME_CAP], cur[PS_HINT_NAME_CAP];
    if (la >= PS_HINT_NAME_CAP || lb >= PS_HINT_NAME_CAP) {
        return SIZE_MAX;
    }
    for (size_t j = 0; j <= lb; j++) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t keep = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t drop = (prev[j] < cur[j - 1] ? prev[j] : cur[j - 1]) + 1;
            cur[j] = keep < drop ? keep : drop;
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* Text that reads back as the same double: "10.0" for whole numbers, else the shortest
 * %g form. Always with a '.' or an exponent: libconfig reads digits alone as an int,
 * which wraps beyond 2^31. */
static void format_real(double v, char *buf, size_t size)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, size, "%.1f", v);
        return;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, v);
        if (strtod(buf, NULL) == v) {
            break;
        }
    }
    if (strspn(buf, "-0123456789") == strlen(buf)) {
        strncat(buf, ".0", size - strlen(buf) - 1);
    }
}

/* A libconfig string literal. */
static void write_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fprintf(out, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\x%02X", (unsigned)c);
        } else {
            fputc(c, out);
        }
    }
    fputc('"', out);
}

/* ---- where a node came from, and failing there ------------------------------------ */

typedef struct loader {
    const char *file; /* stands for nodes that carry no file, and for the root */
    ps_scenario *sc;  /* being filled */
    ps_error *err;
} loader;

/* "FILE:LINE", "--set", or "FILE" alone for the root (no line to name). */
static void locate(const loader *ld, const config_setting_t *node, char *buf, size_t size)
{
    if (node == NULL || config_setting_is_root(node)) {
        snprintf(buf, size, "%s", ld->file);
        return;
    }
    const char *file = config_setting_source_file(node);
    if (file != NULL && strcmp(file, SET_SOURCE) == 0) {
        snprintf(buf, size, "%s", SET_SOURCE);
        return;
    }
    snprintf(buf, size, "%s:%u", file != NULL ? file : ld->file,
             (unsigned)config_setting_source_line(node));
}

static ps_status fail_at(const loader *ld, const config_setting_t *node, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* Fail with PS_EINVAL and "LOCATION: message". */
static ps_status fail_at(const loader *ld, const config_setting_t *node, const char *fmt,
                         ...)
{
    char at[FILE_TEXT + 32];
    char msg[sizeof ld->err->msg];
    va_list ap;
    locate(ld, node, at, sizeof at);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ps_fail(ld->err, PS_EINVAL, "%s: %s", at, msg);
}

/* ---- the tree --------------------------------------------------------------------- */

/* The node at a dotted path below group, or NULL; *deepest is the last node found on
 * the way (group itself when even the first part is missing). */
static const config_setting_t *lookup(const config_setting_t *group, const char *path,
                                      const config_setting_t **deepest)
{
    char part[PATH_TEXT];
    const config_setting_t *node = group;
    *deepest = group;
    while (*path != '\0') {
        size_t len = strcspn(path, ".");
        if (len >= sizeof part || !config_setting_is_group(node)) {
            return NULL;
        }
        memcpy(part, path, len);
        part[len] = '\0';
        node = config_setting_get_member(node, part);
        if (node == NULL) {
            return NULL;
        }
        *deepest = node;
        path += len + (path[len] == '.');
    }
    return node;
}

static bool is_sequence(const config_setting_t *node)
{
    return config_setting_is_array(node) || config_setting_is_list(node);
}

static bool number_of(const config_setting_t *node, double *out)
{
    switch (config_setting_type(node)) {
    case CONFIG_TYPE_INT:
        *out = config_setting_get_int(node);
        return true;
    case CONFIG_TYPE_INT64:
        *out = (double)config_setting_get_int64(node);
        return true;
    case CONFIG_TYPE_FLOAT:
        *out = config_setting_get_float(node);
        return true;
    default:
        return false;
    }
}

static bool integer_of(const config_setting_t *node, long long *out)
{
    if (config_setting_type(node) == CONFIG_TYPE_INT) {
        *out = config_setting_get_int(node);
        return true;
    }
    if (config_setting_type(node) == CONFIG_TYPE_INT64) {
        *out = config_setting_get_int64(node);
        return true;
    }
    return false;
}

/* The text of a string node, or NULL for any other node. */
static const char *string_of(const config_setting_t *node)
{
    return config_setting_type(node) == CONFIG_TYPE_STRING
               ? config_setting_get_string(node)
               : NULL;
}

/* Whether node is a list or array of n elements (any n when n is SIZE_MAX), all of
 * libconfig type `type` (numbers: any of int, int64, float). */
static bool is_sequence_of(const config_setting_t *node, int type, size_t n)
{
    if (!is_sequence(node)) {
        return false;
    }
    size_t len = (size_t)config_setting_length(node);
    if (n != SIZE_MAX && len != n) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        bool number = config_setting_is_number(e);
        if (type == CONFIG_TYPE_FLOAT ? !number : config_setting_type(e) != type) {
            return false;
        }
    }
    return true;
}

/* ---- unknown settings ------------------------------------------------------------- */

/* The part of path below the group rel ("refugees" of "stock.refugees" below "stock"),
 * or NULL when path is not below rel. Every path is below "". */
static const char *below(const char *path, const char *rel)
{
    size_t len = strlen(rel);
    if (len == 0) {
        return path;
    }
    return strncmp(path, rel, len) == 0 && path[len] == '.' ? path + len + 1 : NULL;
}

/* Whether some row of scope lies inside the group rel ("hazard.ratify", "stock"). */
static bool is_group_path(const ps_scope *scope, const char *rel)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (rel[0] != '\0' && below(scope->rows[i].path, rel) != NULL) {
            return true;
        }
    }
    return false;
}

/* Of the names valid inside group rel of scope, the one nearest to name, copied to buf;
 * NULL when none is within HINT_DISTANCE. Ties go to the first in the table. */
static const char *nearest(const ps_scope *scope, const char *rel, const char *name,
                           char *buf, size_t size)
{
    size_t best = HINT_DISTANCE + 1;
    for (size_t i = 0; i < scope->n_rows; i++) {
        const char *rest = below(scope->rows[i].path, rel);
        char candidate[NAME_CAP];
        size_t len = rest != NULL ? strcspn(rest, ".") : NAME_CAP;
        if (len >= NAME_CAP) {
            continue;
        }
        memcpy(candidate, rest, len);
        candidate[len] = '\0';
        size_t d = ps_edit_distance(candidate, name);
        if (d < best) {
            best = d;
            snprintf(buf, size, "%s", candidate);
        }
    }
    return best <= HINT_DISTANCE ? buf : NULL;
}

static ps_status fail_unknown(const loader *ld, const config_setting_t *node,
                              const char *path, const ps_scope *scope, const char *rel)
{
    char hint[NAME_CAP];
    if (nearest(scope, rel, config_setting_name(node), hint, sizeof hint) != NULL) {
        return fail_at(ld, node, "%s: unknown setting (did you mean %s?)", path, hint);
    }
    return fail_at(ld, node, "%s: unknown setting", path);
}

static ps_status check_group(const loader *ld, const config_setting_t *group,
                             const ps_scope *scope, const char *rel, const char *full);

/* A list of groups, each checked against the element scope. */
static ps_status check_list(const loader *ld, const config_setting_t *node,
                            const ps_setting *row, const char *full)
{
    if (!config_setting_is_list(node) &&
        !(config_setting_is_array(node) && config_setting_length(node) == 0)) {
        return fail_at(ld, node, "%s: expected a list ( { ... }, ... )", full);
    }
    for (int i = 0; i < config_setting_length(node); i++) {
        const config_setting_t *elem = config_setting_get_elem(node, (unsigned)i);
        char path[PATH_TEXT];
        elem_path(path, sizeof path, full, (size_t)i, "");
        if (!config_setting_is_group(elem)) {
            return fail_at(ld, elem, "%s: expected a group { ... }", path);
        }
        ps_status st = check_group(ld, elem, row->elem, "", path);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* Every member of group (at rel inside scope; full is its whole path) must be a setting
 * or a group of the scope: the first unknown one is reported with a hint. */
static ps_status check_group(const loader *ld, const config_setting_t *group,
                             const ps_scope *scope, const char *rel, const char *full)
{
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
        char mrel[PATH_TEXT], mfull[PATH_TEXT];
        join_path(mrel, sizeof mrel, rel, config_setting_name(m));
        join_path(mfull, sizeof mfull, full, config_setting_name(m));
        const ps_setting *row = ps_scope_find(scope, mrel);
        ps_status st = PS_OK;
        if (row != NULL && row->kind == PS_KIND_LIST) {
            st = check_list(ld, m, row, mfull);
        } else if (row == NULL && is_group_path(scope, mrel)) {
            st = config_setting_is_group(m)
                     ? check_group(ld, m, scope, mrel, mfull)
                     : fail_at(ld, m, "%s: expected a group { ... }", mfull);
        } else if (row == NULL) {
            st = fail_unknown(ld, m, mfull, scope, rel);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- values ----------------------------------------------------------------------- */

/* Loads the value of a row from its node into the struct at base; path is its full
 * path for messages. */
typedef ps_status load_fn(const loader *ld, const ps_setting *row,
                          const config_setting_t *node, const char *path, char *base);

static ps_status check_range(const loader *ld, const ps_setting *row,
                             const config_setting_t *node, const char *path, double v)
{
    if (v >= row->min && v <= row->max) { /* false for NaN too */
        return PS_OK;
    }
    return fail_at(ld, node, "%s = %g is outside [%g, %g] (%s)", path, v, row->min,
                   row->max, row->unit);
}

static ps_status load_real(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, char *base)
{
    double v;
    if (!number_of(node, &v)) {
        return fail_at(ld, node, "%s: expected a number", path);
    }
    ps_status st = check_range(ld, row, node, path, v);
    if (st == PS_OK) {
        *AT(base, row->offset, double) = v;
    }
    return st;
}

/* INT and COUNT: an integer literal, never a real. */
static ps_status load_int(const loader *ld, const ps_setting *row,
                          const config_setting_t *node, const char *path, char *base)
{
    long long v;
    if (!integer_of(node, &v)) {
        return fail_at(ld, node, "%s: expected an integer", path);
    }
    ps_status st = check_range(ld, row, node, path, (double)v);
    if (st == PS_OK && row->kind == PS_KIND_COUNT) {
        *AT(base, row->offset, size_t) = (size_t)v;
    } else if (st == PS_OK) {
        *AT(base, row->offset, int) = (int)v;
    }
    return st;
}

/* The seed: libconfig wraps big literals without L, so only int64 nodes and
 * non-negative ints are trusted; the range is that of int64. */
static ps_status load_int64(const loader *ld, const ps_setting *row,
                            const config_setting_t *node, const char *path, char *base)
{
    long long v;
    if (!integer_of(node, &v)) {
        return fail_at(ld, node, "%s: expected an integer", path);
    }
    if (v < 0) {
        return fail_at(ld, node, "%s = %lld is outside [0, %lld] (%s)", path, v,
                       (long long)INT64_MAX, row->unit);
    }
    *AT(base, row->offset, uint64_t) = (uint64_t)v;
    return PS_OK;
}

static ps_status load_bool(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, char *base)
{
    if (config_setting_type(node) != CONFIG_TYPE_BOOL) {
        return fail_at(ld, node, "%s: expected true or false", path);
    }
    *AT(base, row->offset, bool) = config_setting_get_bool(node) != 0;
    return PS_OK;
}

/* Copy s into the char[row->n] at dst. */
static ps_status copy_text(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, const char *s,
                           char *dst)
{
    size_t len = strlen(s);
    if (len >= row->n) {
        return fail_at(ld, node, "%s = \"%s\" is longer than %zu characters", path, s,
                       row->n - 1);
    }
    memcpy(dst, s, len + 1);
    return PS_OK;
}

static ps_status load_string(const loader *ld, const ps_setting *row,
                             const config_setting_t *node, const char *path, char *base)
{
    const char *s = string_of(node);
    if (s == NULL) {
        return fail_at(ld, node, "%s: expected a string", path);
    }
    return copy_text(ld, row, node, path, s, base + row->offset);
}

static ps_status load_date(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, char *base)
{
    const char *s = string_of(node);
    if (s == NULL) {
        return fail_at(ld, node, "%s: expected a date \"YYYY-MM\"", path);
    }
    if (!ps_month_parse(s, AT(base, row->offset, ps_month))) {
        return fail_at(ld, node, "%s = \"%s\" is not a date (YYYY-MM)", path, s);
    }
    return PS_OK;
}

/* "a, b, c" from the names of an enum row. */
static void enum_names(const ps_setting *row, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < row->n; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "", row->names[i]);
    }
}

static ps_status load_enum(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, char *base)
{
    const char *s = string_of(node);
    char names[PATH_TEXT];
    enum_names(row, names, sizeof names);
    if (s == NULL) {
        return fail_at(ld, node, "%s: expected one of %s", path, names);
    }
    for (size_t i = 0; i < row->n; i++) {
        if (strcmp(s, row->names[i]) == 0) {
            *AT(base, row->offset, int) = (int)i;
            return PS_OK;
        }
    }
    return fail_at(ld, node, "%s = \"%s\" is not one of %s", path, s, names);
}

/* Length of a REALVEC: fixed, or one value per origin. */
static size_t vector_length(const ps_scenario *sc, const ps_setting *row)
{
    return (row->flags & PS_PER_ORIGIN) ? sc->n_origins : row->n;
}

static ps_status load_realvec(const loader *ld, const ps_setting *row,
                              const config_setting_t *node, const char *path, char *base)
{
    size_t n = vector_length(ld->sc, row);
    double *dst = AT(base, row->offset, double);
    double sum = 0;
    if (!is_sequence_of(node, CONFIG_TYPE_FLOAT, n)) {
        return fail_at(ld, node, "%s: expected a list of %zu numbers", path, n);
    }
    for (size_t i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        char epath[PATH_TEXT];
        elem_path(epath, sizeof epath, path, i, "");
        number_of(e, &dst[i]);
        ps_status st = check_range(ld, row, e, epath, dst[i]);
        if (st != PS_OK) {
            return st;
        }
        sum += dst[i];
    }
    if ((row->flags & PS_SUMS_TO_1) && fabs(sum - 1) > SUM_TOLERANCE) {
        return fail_at(ld, node, "%s sums to %g, not 1", path, sum);
    }
    return PS_OK;
}

/* Element i of a date list: a date after the one before it. */
static ps_status load_date_elem(const loader *ld, const config_setting_t *node,
                                const char *path, int i, ps_month *dates)
{
    const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
    const char *s = config_setting_get_string(e);
    if (!ps_month_parse(s, &dates[i])) {
        return fail_at(ld, e, "%s.[%d] = \"%s\" is not a date (YYYY-MM)", path, i, s);
    }
    if (i > 0 && dates[i] <= dates[i - 1]) {
        char before[16];
        ps_month_format(dates[i - 1], before, sizeof before);
        return fail_at(ld, e, "%s.[%d] = \"%s\" is not after %s.[%d] (%s)", path, i, s,
                       path, i - 1, before);
    }
    return PS_OK;
}

static ps_status load_datelist(const loader *ld, const ps_setting *row,
                               const config_setting_t *node, const char *path, char *base)
{
    if (!is_sequence_of(node, CONFIG_TYPE_STRING, SIZE_MAX)) {
        return fail_at(ld, node, "%s: expected a list of dates \"YYYY-MM\"", path);
    }
    int n = config_setting_length(node);
    if ((size_t)n > row->n) {
        return fail_at(ld, node, "%s has %d dates, at most %zu", path, n, row->n);
    }
    for (int i = 0; i < n; i++) {
        ps_status st = load_date_elem(ld, node, path, i, AT(base, row->offset, ps_month));
        if (st != PS_OK) {
            return st;
        }
    }
    *AT(base, row->aux_offset, size_t) = (size_t)n;
    return PS_OK;
}

static size_t find_origin(const ps_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_origins; i++) {
        if (strcmp(sc->origins[i].name, name) == 0) {
            return i;
        }
    }
    return NO_INDEX;
}

/* An origin is resolved at once (origins load first); a sibling's name is kept and
 * resolved when its whole list is loaded (resolve_siblings). */
static ps_status load_nameref(const loader *ld, const ps_setting *row,
                              const config_setting_t *node, const char *path, char *base)
{
    const char *s = string_of(node);
    if (s == NULL) {
        return fail_at(ld, node, "%s: expected a string", path);
    }
    size_t *index = AT(base, row->offset, size_t);
    if (row->flags & PS_REF_SIBLING) {
        *index = NO_INDEX;
        return copy_text(ld, row, node, path, s, base + row->aux_offset);
    }
    *index = find_origin(ld->sc, s);
    if (*index == NO_INDEX) {
        return fail_at(ld, node, "%s = \"%s\": unknown origin", path, s);
    }
    return PS_OK;
}

static ps_status load_namelist(const loader *ld, const ps_setting *row,
                               const config_setting_t *node, const char *path, char *base)
{
    if (!is_sequence_of(node, CONFIG_TYPE_STRING, SIZE_MAX)) {
        return fail_at(ld, node, "%s: expected a list of origin names", path);
    }
    bool *chosen = AT(base, row->offset, bool);
    for (int i = 0; i < config_setting_length(node); i++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)i);
        size_t k = find_origin(ld->sc, config_setting_get_string(e));
        if (k == NO_INDEX) {
            return fail_at(ld, e, "%s.[%d] = \"%s\": unknown origin", path, i,
                           config_setting_get_string(e));
        }
        chosen[k] = true;
    }
    return PS_OK;
}

/* ---- lists of groups -------------------------------------------------------------- */

/* A list being loaded. */
typedef struct list_ctx {
    const ps_setting *row;        /* the LIST row */
    const config_setting_t *node; /* the list in the tree */
    const char *path;             /* its full path, "states.list" */
    char *elems;                  /* its first element in the struct */
} list_ctx;

static char *elem_at(const list_ctx *lc, size_t i)
{
    return lc->elems + i * lc->row->elem->size;
}

/* The row that names an element (PS_UNIQUE), or NULL. */
static const ps_setting *key_row(const ps_scope *scope)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (scope->rows[i].flags & PS_UNIQUE) {
            return &scope->rows[i];
        }
    }
    return NULL;
}

/* The node of a row of element i, for messages. */
static const config_setting_t *elem_node(const list_ctx *lc, size_t i, const char *rel)
{
    const config_setting_t *parent;
    const config_setting_t *elem = config_setting_get_elem(lc->node, (unsigned)i);
    const config_setting_t *node = lookup(elem, rel, &parent);
    return node != NULL ? node : parent;
}

static ps_status check_unique(const loader *ld, const list_ctx *lc, size_t i)
{
    const ps_setting *key = key_row(lc->row->elem);
    if (key == NULL) {
        return PS_OK;
    }
    const char *name = elem_at(lc, i) + key->offset;
    for (size_t j = 0; j < i; j++) {
        if (strcmp(elem_at(lc, j) + key->offset, name) == 0) {
            return fail_at(ld, elem_node(lc, i, key->path),
                           "%s.[%zu].%s = \"%s\" repeats %s.[%zu].%s", lc->path, i,
                           key->path, name, lc->path, j, key->path);
        }
    }
    return PS_OK;
}

/* Resolve a PS_REF_SIBLING row of element i against the names of the list. */
static ps_status resolve_sibling(const loader *ld, const list_ctx *lc,
                                 const ps_setting *ref, size_t n, size_t i)
{
    const ps_scope *scope = lc->row->elem;
    const ps_setting *key = key_row(scope);
    const char *name = elem_at(lc, i) + ref->aux_offset;
    size_t j = 0;
    if (name[0] == '\0') {
        return PS_OK; /* none: the index stays NO_INDEX */
    }
    while (j < n && strcmp(elem_at(lc, j) + key->offset, name) != 0) {
        j++;
    }
    if (j < n && j != i) {
        *AT(elem_at(lc, i), ref->offset, size_t) = j;
        return PS_OK;
    }
    char path[PATH_TEXT];
    elem_path(path, sizeof path, lc->path, i, ref->path);
    if (j == n) {
        return fail_at(ld, elem_node(lc, i, ref->path), "%s = \"%s\": unknown %s", path,
                       name, scope->name);
    }
    return fail_at(ld, elem_node(lc, i, ref->path), "%s = \"%s\" names this %s itself",
                   path, name, scope->name);
}

static ps_status resolve_siblings(const loader *ld, const list_ctx *lc, size_t n)
{
    const ps_scope *scope = lc->row->elem;
    for (size_t r = 0; r < scope->n_rows; r++) {
        for (size_t i = 0; i < n && (scope->rows[r].flags & PS_REF_SIBLING); i++) {
            ps_status st = resolve_sibling(ld, lc, &scope->rows[r], n, i);
            if (st != PS_OK) {
                return st;
            }
        }
    }
    return PS_OK;
}

static ps_status load_scope(const loader *ld, const ps_scope *scope,
                            const config_setting_t *group, const char *prefix,
                            char *base);

/* Each element is loaded in full (so later elements see earlier ones), then names are
 * checked for repeats and sibling references resolved. */
static ps_status load_list(const loader *ld, const ps_setting *row,
                           const config_setting_t *node, const char *path, char *base)
{
    size_t n = (size_t)config_setting_length(node);
    list_ctx lc = {row, node, path, base + row->offset};
    if (n < (size_t)row->min) {
        return fail_at(ld, node, "%s has %zu elements, at least %zu", path, n,
                       (size_t)row->min);
    }
    if (n > row->n) {
        return fail_at(ld, node, "%s has %zu elements, at most %zu", path, n, row->n);
    }
    for (size_t i = 0; i < n; i++) {
        char prefix[PATH_TEXT];
        elem_path(prefix, sizeof prefix, path, i, "");
        ps_status st =
            load_scope(ld, row->elem, config_setting_get_elem(node, (unsigned)i), prefix,
                       elem_at(&lc, i));
        if (st == PS_OK) {
            st = check_unique(ld, &lc, i);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    *AT(base, row->aux_offset, size_t) = n;
    return resolve_siblings(ld, &lc, n);
}

static load_fn *const LOADERS[PS_N_KINDS] = {
    [PS_KIND_REAL] = load_real,       [PS_KIND_INT] = load_int,
    [PS_KIND_COUNT] = load_int,       [PS_KIND_INT64] = load_int64,
    [PS_KIND_BOOL] = load_bool,       [PS_KIND_STRING] = load_string,
    [PS_KIND_DATE] = load_date,       [PS_KIND_ENUM] = load_enum,
    [PS_KIND_REALVEC] = load_realvec, [PS_KIND_DATELIST] = load_datelist,
    [PS_KIND_NAMEREF] = load_nameref, [PS_KIND_NAMELIST] = load_namelist,
    [PS_KIND_LIST] = load_list,
};

/* ---- defaults --------------------------------------------------------------------- */

static void set_default_vector(const ps_setting *row, double *dst)
{
    for (size_t i = 0; i < row->n; i++) {
        dst[i] = row->vdef != NULL ? row->vdef[i] : 0.0;
    }
    if (row->flags & PS_PER_ORIGIN) {
        dst[0] = 1.0; /* all on the only origin */
    }
}

/* Write the default of row into the struct at base; sc gives time.start. One flat case
 * per kind, so a little over 40 lines. */
static void set_default(const ps_scenario *sc, const ps_setting *row, char *base)
{
    char *dst = base + row->offset;
    switch (row->kind) {
    case PS_KIND_REAL:
        *AT(dst, 0, double) =
            (row->flags & PS_DEF_FIELD) ? *AT(base, row->aux_offset, double) : row->def;
        break;
    case PS_KIND_INT:
    case PS_KIND_ENUM:
        *AT(dst, 0, int) = (int)row->def;
        break;
    case PS_KIND_COUNT:
        *AT(dst, 0, size_t) = (size_t)row->def;
        break;
    case PS_KIND_INT64:
        *AT(dst, 0, uint64_t) = (uint64_t)row->def;
        break;
    case PS_KIND_BOOL:
        *AT(dst, 0, bool) = row->def != 0;
        break;
    case PS_KIND_STRING:
        snprintf(dst, row->n, "%s", row->sdef != NULL ? row->sdef : "");
        break;
    case PS_KIND_DATE:
        *AT(dst, 0, ps_month) =
            (row->flags & PS_DEF_START) ? sc->start : (ps_month)row->def;
        break;
    case PS_KIND_REALVEC:
        set_default_vector(row, AT(dst, 0, double));
        break;
    case PS_KIND_NAMEREF:
        *AT(dst, 0, size_t) = NO_INDEX;
        break;
    case PS_KIND_DATELIST:
    case PS_KIND_LIST:
        *AT(base, row->aux_offset, size_t) = 0;
        break;
    case PS_KIND_NAMELIST: /* none chosen: the struct starts zeroed */
    case PS_N_KINDS:
        break;
    }
}

/* A row absent from the tree: its default, or a message naming the enclosing node. */
static ps_status load_absent(const loader *ld, const ps_setting *row,
                             const config_setting_t *parent, const char *path, char *base)
{
    bool required = (row->flags & PS_REQUIRED) ||
                    ((row->flags & PS_PER_ORIGIN) && ld->sc->n_origins > 1);
    if (required) {
        return fail_at(ld, parent, "%s: missing required setting", path);
    }
    set_default(ld->sc, row, base);
    return PS_OK;
}

/* ---- loading a scope -------------------------------------------------------------- */

static ps_status check_not_before(const loader *ld, const ps_scope *scope,
                                  const ps_setting *row, const config_setting_t *node,
                                  const char *prefix, const char *path, char *base)
{
    const ps_setting *first = ps_scope_find(scope, row->not_before);
    ps_month m = *AT(base, row->offset, ps_month);
    ps_month m0 = *AT(base, first->offset, ps_month);
    if (m >= m0) {
        return PS_OK;
    }
    char text[16], text0[16], path0[PATH_TEXT];
    ps_month_format(m, text, sizeof text);
    ps_month_format(m0, text0, sizeof text0);
    join_path(path0, sizeof path0, prefix, first->path);
    return fail_at(ld, node, "%s = \"%s\" is before %s (%s)", path, text, path0, text0);
}

static ps_status load_row(const loader *ld, const ps_scope *scope, const ps_setting *row,
                          const config_setting_t *group, const char *prefix, char *base)
{
    char path[PATH_TEXT];
    const config_setting_t *parent;
    join_path(path, sizeof path, prefix, row->path);
    const config_setting_t *node = lookup(group, row->path, &parent);
    if (node == NULL) {
        return load_absent(ld, row, parent, path, base);
    }
    ps_status st = LOADERS[row->kind](ld, row, node, path, base);
    if (st == PS_OK && (row->flags & PS_OPTIONAL)) {
        *AT(base, row->has_offset, bool) = true;
    }
    if (st == PS_OK && row->not_before != NULL) {
        st = check_not_before(ld, scope, row, node, prefix, path, base);
    }
    return st;
}

/* Rows load in table order, so a row may depend on those before it. */
static ps_status load_scope(const loader *ld, const ps_scope *scope,
                            const config_setting_t *group, const char *prefix, char *base)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        ps_status st = load_row(ld, scope, &scope->rows[i], group, prefix, base);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

ps_status ps_scenario_from_config(const config_t *cfg, const char *file, ps_scenario *sc,
                                  ps_error *err)
{
    const ps_scope *scope = ps_scenario_scope();
    const config_setting_t *root = config_root_setting(cfg);
    loader ld = {file, sc, err};
    memset(sc, 0, sizeof *sc); /* padding too: loaded scenarios compare with memcmp */
    ps_status st = check_group(&ld, root, scope, "", "");
    if (st == PS_OK) {
        st = load_scope(&ld, scope, root, "", (char *)sc);
    }
    if (st == PS_OK) {
        snprintf(sc->source, sizeof sc->source, "%s", file);
    }
    return st;
}

/* ---- reading files: @include and merging -------------------------------------------
 *
 * libconfig 1.5 resolves @include against one include_dir and rejects a setting given
 * twice, so includes are handled here: each file is parsed on its own (its @include
 * lines blanked, keeping line numbers), and the trees are merged into one in reading
 * order: first what a file includes, in order, then the file's own settings. A later
 * value replaces an earlier one; groups merge member by member; lists and arrays are
 * replaced whole. So a file overrides everything it includes. Include paths are
 * relative to the including file. Every merged node keeps its file and line. */

typedef struct expander {
    config_t acc;           /* the merged tree; its nodes' file names point into files */
    char *files[MAX_FILES]; /* owned: names of the files read */
    size_t n_files;
    char *
        stack[MAX_DEPTH]; /* owned: real paths of the files being read, outermost first */
    size_t depth;
    ps_error *err;
} expander;

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

/* The whole file, NUL-terminated, or NULL with errno set. */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, len = 0;
    char *text = f != NULL ? malloc(cap) : NULL;
    while (text != NULL) {
        len += fread(text + len, 1, cap - len - 1, f);
        if (len < cap - 1) {
            break;
        }
        char *grown = realloc(text, cap * 2);
        if (grown == NULL) {
            free(text);
        }
        text = grown;
        cap *= 2;
    }
    int error = f == NULL ? errno : text == NULL ? ENOMEM : 0;
    if (error == 0 && ferror(f)) {
        error = errno != 0 ? errno : EIO; /* EISDIR for a directory */
    }
    if (f != NULL) {
        fclose(f);
    }
    if (error != 0) {
        free(text);
        errno = error;
        return NULL;
    }
    text[len] = '\0';
    return text;
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
 * memory. */
static bool merge_group(config_setting_t *dst, const config_setting_t *src,
                        const char *file)
{
    for (int i = 0; i < config_setting_length(src); i++) {
        const config_setting_t *s = config_setting_get_elem(src, (unsigned)i);
        const char *name = config_setting_name(s);
        config_setting_t *d = config_setting_get_member(dst, name);
        if (d != NULL && config_setting_is_group(d) && config_setting_is_group(s)) {
            if (!merge_group(d, s, file)) {
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
    char *text = real != NULL ? read_text(path) : NULL;
    if (text == NULL) {
        ps_status st =
            ps_fail(ex->err, PS_EIO, "%s: cannot open: %s", where, strerror(errno));
        free(real);
        return st;
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

static ps_status parse_text(config_t *cfg, const char *text, const char *name,
                            ps_error *err)
{
    if (config_read_string(cfg, text)) {
        return PS_OK;
    }
    return ps_fail(err, PS_EINVAL, "%s:%d: parse error: %s", name, config_error_line(cfg),
                   config_error_text(cfg));
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
        st = parse_text(&own, text, name, ex->err);
    }
    for (size_t i = 0; st == PS_OK && i < inc->n; i++) {
        st = expand_include(ex, dir, name, inc->line[i], inc->name[i]);
    }
    if (st == PS_OK &&
        !merge_group(config_root_setting(&ex->acc), config_root_setting(&own), name)) {
        st = ps_fail(ex->err, PS_ENOMEM, "%s: out of memory", name);
    }
    config_destroy(&own);
    free(inc);
    return st;
}

/* ---- --set path=value ------------------------------------------------------------- */

/* Where a full path ("states.list.[3].shocks.[0].persons") leads. */
typedef struct path_miss {
    const ps_scope *scope; /* scope in which a part was not found */
    char rel[PATH_TEXT];   /* the group it was looked for in, relative to scope */
    char part[PATH_TEXT];  /* the part not found; "" when no hint applies */
} path_miss;

static bool is_index(const char *part, size_t *index)
{
    size_t digits = strspn(part + 1, "0123456789");
    if (part[0] != '[' || digits == 0 || strcmp(part + 1 + digits, "]") != 0) {
        return false;
    }
    *index = (size_t)strtoull(part + 1, NULL, 10);
    return true;
}

/* The row a full path names (a LIST row for "origins"), or NULL with miss filled. */
static const ps_setting *resolve_path(const char *path, path_miss *miss)
{
    const ps_scope *scope = ps_scenario_scope();
    const ps_setting *row = NULL;
    char rel[PATH_TEXT] = "", part[PATH_TEXT], next[PATH_TEXT];
    size_t index;
    miss->part[0] = '\0';
    while (*path != '\0') {
        size_t len = strcspn(path, ".");
        if (len == 0 || len >= sizeof part) {
            return NULL;
        }
        snprintf(part, sizeof part, "%.*s", (int)len, path);
        path += len + (path[len] == '.');
        if (row != NULL && (row->kind != PS_KIND_LIST || !is_index(part, &index))) {
            return NULL; /* below a setting, or a list without [N] */
        }
        if (row != NULL) {
            scope = row->elem;
            rel[0] = '\0';
            row = NULL;
            continue;
        }
        join_path(next, sizeof next, rel, part);
        row = ps_scope_find(scope, next);
        if (row == NULL && !is_group_path(scope, next)) {
            miss->scope = scope;
            snprintf(miss->rel, sizeof miss->rel, "%s", rel);
            snprintf(miss->part, sizeof miss->part, "%s", part);
            return NULL;
        }
        snprintf(rel, sizeof rel, "%s", next);
    }
    return row;
}

const char *ps_scenario_unit(const char *path)
{
    path_miss miss;
    const ps_setting *row = resolve_path(path, &miss);
    return row != NULL ? row->unit : NULL;
}

static ps_status resolve_set(const char *path, const ps_setting **row, ps_error *err)
{
    path_miss miss;
    char hint[NAME_CAP];
    *row = resolve_path(path, &miss);
    if (*row != NULL && (*row)->kind == PS_KIND_LIST) {
        return ps_fail(err, PS_EINVAL,
                       "--set: %s: a list cannot be set, only the "
                       "settings of its elements (%s.[0]...)",
                       path, path);
    }
    if (*row != NULL) {
        return PS_OK;
    }
    if (miss.part[0] != '\0' &&
        nearest(miss.scope, miss.rel, miss.part, hint, sizeof hint)) {
        return ps_fail(err, PS_EINVAL, "--set: %s: unknown setting (did you mean %s?)",
                       path, hint);
    }
    return ps_fail(err, PS_EINVAL, "--set: %s: unknown setting", path);
}

/* Copy [start, start + len) without surrounding blanks into buf; false if too long. */
static bool trim_copy(char *buf, size_t size, const char *start, size_t len)
{
    while (len > 0 && (*start == ' ' || *start == '\t')) {
        start++;
        len--;
    }
    while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t')) {
        len--;
    }
    if (len >= size) {
        return false;
    }
    memcpy(buf, start, len);
    buf[len] = '\0';
    return true;
}

/* Drop one pair of surrounding double quotes, so name="My run" works as name=My run. */
static void unquote(char *s)
{
    size_t len = strlen(s);
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        memmove(s, s + 1, len - 2);
        s[len - 2] = '\0';
    }
}

static bool parse_integer(const char *text, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(text, &end, 10);
    return text[0] != '\0' && *end == '\0' && errno == 0;
}

static bool parse_real(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    return text[0] != '\0' && *end == '\0';
}

static config_setting_t *add_marked(config_setting_t *parent, const char *name, int type)
{
    config_setting_t *node = config_setting_add(parent, name, type);
    if (node != NULL) {
        node->file = SET_SOURCE;
        node->line = 0;
    }
    return node;
}

static config_setting_t *add_string(config_setting_t *parent, const char *name,
                                    const char *text)
{
    char value[VALUE_TEXT];
    snprintf(value, sizeof value, "%s", text);
    unquote(value);
    config_setting_t *node = add_marked(parent, name, CONFIG_TYPE_STRING);
    return node != NULL && config_setting_set_string(node, value) ? node : NULL;
}

/* An int, int64 or float node as the text reads; a string node when it is no number,
 * so that the check reports the type the setting expects. */
static config_setting_t *add_number(config_setting_t *parent, const char *name,
                                    ps_kind kind, const char *text)
{
    long long i;
    double v;
    config_setting_t *node;
    if (kind != PS_KIND_REAL && parse_integer(text, &i)) {
        bool small = kind != PS_KIND_INT64 && i >= INT_MIN && i <= INT_MAX;
        node = add_marked(parent, name, small ? CONFIG_TYPE_INT : CONFIG_TYPE_INT64);
        bool ok = node != NULL && (small ? config_setting_set_int(node, (int)i)
                                         : config_setting_set_int64(node, i));
        return ok ? node : NULL;
    }
    if (parse_real(text, &v)) {
        node = add_marked(parent, name, CONFIG_TYPE_FLOAT);
        return node != NULL && config_setting_set_float(node, v) ? node : NULL;
    }
    return add_string(parent, name, text);
}

static config_setting_t *add_bool(config_setting_t *parent, const char *name,
                                  const char *text)
{
    bool yes = strcmp(text, "true") == 0, no = strcmp(text, "false") == 0;
    if (!yes && !no) {
        return add_string(parent, name, text);
    }
    config_setting_t *node = add_marked(parent, name, CONFIG_TYPE_BOOL);
    return node != NULL && config_setting_set_bool(node, yes) ? node : NULL;
}

/* Element i (from 0) of "[a, b, c]" into buf, unquoted; false past the last. */
static bool array_elem(const char *text, size_t i, char *buf, size_t size)
{
    const char *p = text + 1;
    size_t len = strlen(text);
    if (len < 2 || text[0] != '[' || text[len - 1] != ']' ||
        strspn(p, " \t") == len - 2) {
        return false; /* not an array, or "[]" */
    }
    for (; i > 0; i--) {
        p = strchr(p, ',');
        if (p++ == NULL) {
            return false;
        }
    }
    size_t n = strcspn(p, ",]");
    if (!trim_copy(buf, size, p, n)) {
        return false;
    }
    unquote(buf);
    return true;
}

/* "[...]" as an array of floats (REALVEC) or strings; anything else as a string. */
static config_setting_t *add_array(config_setting_t *parent, const char *name,
                                   ps_kind kind, const char *text)
{
    char elem[VALUE_TEXT];
    double v;
    size_t len = strlen(text), n = 0;
    if (len < 2 || text[0] != '[' || text[len - 1] != ']') {
        return add_string(parent, name, text);
    }
    for (; array_elem(text, n, elem, sizeof elem); n++) {
        if (kind == PS_KIND_REALVEC && !parse_real(elem, &v)) {
            return add_string(parent, name, text);
        }
    }
    int type = kind == PS_KIND_REALVEC ? CONFIG_TYPE_FLOAT : CONFIG_TYPE_STRING;
    config_setting_t *node = add_marked(parent, name, CONFIG_TYPE_ARRAY);
    for (size_t i = 0; node != NULL && i < n; i++) {
        array_elem(text, i, elem, sizeof elem);
        config_setting_t *e = add_marked(node, NULL, type);
        bool ok = e != NULL && (type == CONFIG_TYPE_FLOAT
                                    ? config_setting_set_float(e, strtod(elem, NULL))
                                    : config_setting_set_string(e, elem));
        node = ok ? node : NULL;
    }
    return node;
}

/* The node of a --set value, typed by the setting's kind (see add_number). */
static config_setting_t *add_value(config_setting_t *parent, const char *name,
                                   const ps_setting *row, const char *text)
{
    switch (row->kind) {
    case PS_KIND_REAL:
    case PS_KIND_INT:
    case PS_KIND_COUNT:
    case PS_KIND_INT64:
        return add_number(parent, name, row->kind, text);
    case PS_KIND_BOOL:
        return add_bool(parent, name, text);
    case PS_KIND_REALVEC:
    case PS_KIND_DATELIST:
    case PS_KIND_NAMELIST:
        return add_array(parent, name, row->kind, text);
    default:
        return add_string(parent, name, text);
    }
}

/* Step from node into the member part of path (made when missing), or into list element
 * [N] when the next part is an index (the element must exist). end is where part ends
 * in path. */
static ps_status set_step(const loader *ld, config_setting_t **node, const char *path,
                          size_t end, const char *part)
{
    config_setting_t *child = config_setting_get_member(*node, part);
    size_t index;
    char next[PATH_TEXT];
    snprintf(next, sizeof next, "%.*s", (int)strcspn(path + end + 1, "."),
             path + end + 1);
    if (is_index(next, &index)) {
        int n = child != NULL && config_setting_is_list(child)
                    ? config_setting_length(child)
                    : 0;
        if (index >= (size_t)n) {
            return ps_fail(ld->err, PS_EINVAL,
                           "--set: %.*s.%s: no such element (%.*s has "
                           "%d)",
                           (int)end, path, next, (int)end, path, n);
        }
        *node = config_setting_get_elem(child, (unsigned)index);
        return PS_OK;
    }
    if (child == NULL) {
        child = add_marked(*node, part, CONFIG_TYPE_GROUP);
    } else if (!config_setting_is_group(child)) {
        return fail_at(ld, child, "%.*s: expected a group { ... }", (int)end, path);
    }
    *node = child;
    return child != NULL ? PS_OK : ps_fail(ld->err, PS_ENOMEM, "--set: out of memory");
}

/* Walk to the group that holds the setting at path; its last part goes to leaf. */
static ps_status set_parent(const loader *ld, config_setting_t *root, const char *path,
                            config_setting_t **parent, char *leaf, size_t size)
{
    size_t at = 0, index;
    *parent = root;
    for (;;) {
        size_t len = strcspn(path + at, ".");
        char part[PATH_TEXT];
        snprintf(part, sizeof part, "%.*s", (int)len, path + at);
        if (path[at + len] == '\0') {
            snprintf(leaf, size, "%s", part);
            return PS_OK;
        }
        if (!is_index(part, &index)) { /* an index was taken with the list before it */
            ps_status st = set_step(ld, parent, path, at + len, part);
            if (st != PS_OK) {
                return st;
            }
        }
        at += len + 1;
    }
}

/* Split "path=value" at the first '='. */
static ps_status split_set(const char *text, char *path, char *value, ps_error *err)
{
    const char *eq = strchr(text, '=');
    if (eq == NULL || !trim_copy(path, PATH_TEXT, text, (size_t)(eq - text)) ||
        path[0] == '\0') {
        return ps_fail(err, PS_EINVAL, "--set: %s: expected path=value", text);
    }
    if (!trim_copy(value, VALUE_TEXT, eq + 1, strlen(eq + 1))) {
        return ps_fail(err, PS_EINVAL, "--set: %s: value too long", path);
    }
    return PS_OK;
}

/* Put one "path=value" into the merged tree; it is checked with the rest later. */
static ps_status apply_set(const loader *ld, config_t *cfg, const char *text)
{
    char path[PATH_TEXT], value[VALUE_TEXT], leaf[PATH_TEXT];
    const ps_setting *row = NULL;
    config_setting_t *parent = NULL;
    ps_status st = split_set(text, path, value, ld->err);
    if (st == PS_OK) {
        st = resolve_set(path, &row, ld->err);
    }
    if (st == PS_OK) {
        st = set_parent(ld, config_root_setting(cfg), path, &parent, leaf, sizeof leaf);
    }
    if (st != PS_OK) {
        return st;
    }
    if (config_setting_get_member(parent, leaf) != NULL) {
        config_setting_remove(parent, leaf);
    }
    if (add_value(parent, leaf, row, value) == NULL) {
        return ps_fail(ld->err, PS_ENOMEM, "--set: %s: out of memory", path);
    }
    return PS_OK;
}

/* ---- loading: the public entries --------------------------------------------------- */

static void expander_destroy(expander *ex)
{
    if (ex != NULL) {
        config_destroy(&ex->acc);
        for (size_t i = 0; i < ex->n_files; i++) {
            free(ex->files[i]);
        }
        while (ex->depth > 0) {
            pop_file(ex);
        }
        free(ex);
    }
}

static expander *expander_create(ps_error *err)
{
    expander *ex = calloc(1, sizeof *ex);
    if (ex == NULL) {
        ps_fail(err, PS_ENOMEM, "scenario: out of memory");
        return NULL;
    }
    config_init(&ex->acc);
    config_set_auto_convert(&ex->acc, CONFIG_TRUE);
    ex->err = err;
    return ex;
}

/* Apply the --set overrides to the merged tree and check it all into sc. */
static ps_status finish(expander *ex, const char *top, const char *const *sets,
                        size_t n_sets, ps_scenario *sc)
{
    loader ld = {top, sc, ex->err};
    for (size_t i = 0; i < n_sets; i++) {
        ps_status st = apply_set(&ld, &ex->acc, sets[i]);
        if (st != PS_OK) {
            return st;
        }
    }
    return ps_scenario_from_config(&ex->acc, top, sc, ex->err);
}

ps_status ps_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                           ps_scenario *sc, ps_error *err)
{
    expander *ex = expander_create(err);
    if (ex == NULL) {
        return PS_ENOMEM;
    }
    ps_status st = expand_file(ex, path, NULL);
    if (st == PS_OK) {
        st = finish(ex, path, sets, n_sets, sc);
    }
    expander_destroy(ex);
    return st;
}

ps_status ps_scenario_load_string(const char *text, const char *name,
                                  const char *include_dir, const char *const *sets,
                                  size_t n_sets, ps_scenario *sc, ps_error *err)
{
    expander *ex = expander_create(err);
    if (ex == NULL) {
        return PS_ENOMEM;
    }
    const char *kept = NULL;
    char *copy = strdup(text);
    ps_status st = copy != NULL ? keep_name(ex, name, name, &kept)
                                : ps_fail(err, PS_ENOMEM, "%s: out of memory", name);
    if (st == PS_OK) {
        char dir[FILE_TEXT];
        bool slash = include_dir == NULL || include_dir[0] == '\0' ||
                     include_dir[strlen(include_dir) - 1] == '/';
        snprintf(dir, sizeof dir, "%s%s", include_dir != NULL ? include_dir : "",
                 slash ? "" : "/");
        st = expand_text(ex, copy, kept, dir);
    }
    if (st == PS_OK) {
        st = finish(ex, kept, sets, n_sets, sc);
    }
    free(copy);
    expander_destroy(ex);
    return st;
}

/* ---- writing: dump and defaults.cfg ----------------------------------------------- */

typedef struct writer {
    FILE *out;
    const ps_scenario *sc; /* its origins name the origin indices */
    bool defaults;         /* defaults.cfg: docs, defaults, example elements */
    int comment_depth;     /* inside an example element: "# " after this indent; or -1 */
    bool out_of_memory;
} writer;

static void write_level(writer *w, const ps_scope *scope, const char *base,
                        const char *rel, int depth);

static void begin_line(const writer *w, int depth)
{
    if (w->comment_depth >= 0) {
        fprintf(w->out, "%*s# ", 4 * w->comment_depth, "");
        depth -= w->comment_depth;
    }
    fprintf(w->out, "%*s", 4 * depth, "");
}

static void write_real(FILE *out, double v)
{
    char buf[40];
    format_real(v, buf, sizeof buf);
    fputs(buf, out);
}

static void write_month(FILE *out, ps_month m)
{
    char buf[16];
    ps_month_format(m, buf, sizeof buf);
    fprintf(out, "\"%s\"", buf);
}

static void write_vector(const writer *w, const ps_setting *row, const double *v)
{
    size_t n = vector_length(w->sc, row);
    fputc('[', w->out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", w->out);
        write_real(w->out, v[i]);
    }
    fputc(']', w->out);
}

static void write_dates(FILE *out, const ps_month *dates, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", out);
        write_month(out, dates[i]);
    }
    fputc(']', out);
}

static void write_origins(const writer *w, const bool *chosen)
{
    const char *sep = "";
    fputc('[', w->out);
    for (size_t i = 0; i < w->sc->n_origins; i++) {
        if (chosen[i]) {
            fputs(sep, w->out);
            write_quoted(w->out, w->sc->origins[i].name);
            sep = ", ";
        }
    }
    fputc(']', w->out);
}

static void write_nameref(const writer *w, const ps_setting *row, const char *base)
{
    size_t i = *AT(base, row->offset, const size_t);
    if (row->flags & PS_REF_SIBLING) {
        write_quoted(w->out, base + row->aux_offset);
    } else {
        write_quoted(w->out, i < w->sc->n_origins ? w->sc->origins[i].name : "");
    }
}

/* The value of row in libconfig syntax: one flat case per kind. */
static void write_value(const writer *w, const ps_setting *row, const char *base)
{
    const char *v = base + row->offset;
    switch (row->kind) {
    case PS_KIND_REAL:
        write_real(w->out, *AT(v, 0, const double));
        break;
    case PS_KIND_INT:
        fprintf(w->out, "%d", *AT(v, 0, const int));
        break;
    case PS_KIND_COUNT:
        fprintf(w->out, "%zu", *AT(v, 0, const size_t));
        break;
    case PS_KIND_INT64:
        fprintf(w->out, "%" PRIu64 "L", *AT(v, 0, const uint64_t));
        break;
    case PS_KIND_BOOL:
        fputs(*AT(v, 0, const bool) ? "true" : "false", w->out);
        break;
    case PS_KIND_STRING:
        write_quoted(w->out, v);
        break;
    case PS_KIND_DATE:
        write_month(w->out, *AT(v, 0, const ps_month));
        break;
    case PS_KIND_ENUM: {
        int i = *AT(v, 0, const int);
        write_quoted(w->out, i >= 0 && (size_t)i < row->n ? row->names[i] : "?");
        break;
    }
    case PS_KIND_REALVEC:
        write_vector(w, row, AT(v, 0, const double));
        break;
    case PS_KIND_DATELIST:
        write_dates(w->out, AT(v, 0, const ps_month),
                    *AT(base, row->aux_offset, const size_t));
        break;
    case PS_KIND_NAMEREF:
        write_nameref(w, row, base);
        break;
    case PS_KIND_NAMELIST:
        write_origins(w, AT(v, 0, const bool));
        break;
    case PS_KIND_LIST:
    case PS_N_KINDS:
        break;
    }
}

/* Whether defaults.cfg can give the row's default as a value. */
static bool has_literal_default(const ps_setting *row)
{
    unsigned special =
        PS_REQUIRED | PS_OPTIONAL | PS_DEF_START | PS_DEF_FIELD | PS_PER_ORIGIN;
    return !(row->flags & special) && row->kind != PS_KIND_LIST;
}

/* Defaults of a scope into the zeroed struct at base (the rows defaults.cfg shows). */
static void apply_defaults(const ps_scope *scope, char *base, const ps_scenario *sc)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (has_literal_default(&scope->rows[i])) {
            set_default(sc, &scope->rows[i], base);
        }
    }
}

/* " Range: [0, 1]." and the like, for defaults.cfg: one flat case per kind. */
static void write_range(const writer *w, const ps_scope *scope, const ps_setting *row)
{
    char names[PATH_TEXT];
    FILE *out = w->out;
    switch (row->kind) {
    case PS_KIND_REAL:
    case PS_KIND_INT:
    case PS_KIND_COUNT:
        fprintf(out, " Range: [%g, %g].", row->min, row->max);
        break;
    case PS_KIND_INT64:
        fprintf(out, " Range: [0, %" PRId64 "].", INT64_MAX);
        break;
    case PS_KIND_BOOL:
        fputs(" Values: true, false.", out);
        break;
    case PS_KIND_STRING:
        fprintf(out, " Text of at most %zu characters.", row->n - 1);
        break;
    case PS_KIND_DATE:
        fputs(" Format: \"YYYY-MM\".", out);
        break;
    case PS_KIND_ENUM:
        enum_names(row, names, sizeof names);
        fprintf(out, " Values: %s.", names);
        break;
    case PS_KIND_REALVEC:
        if (row->flags & PS_PER_ORIGIN) {
            fprintf(out, " Range: [%g, %g] each, one value per origin", row->min,
                    row->max);
        } else {
            fprintf(out, " Range: [%g, %g] each, %zu values", row->min, row->max, row->n);
        }
        fputs((row->flags & PS_SUMS_TO_1) ? ", summing to 1." : ".", out);
        break;
    case PS_KIND_DATELIST:
        fprintf(out, " Months \"YYYY-MM\", ascending, at most %zu.", row->n);
        break;
    case PS_KIND_NAMEREF:
        if (row->flags & PS_REF_SIBLING) {
            fprintf(out, " The name of another %s, \"\" for none.", scope->name);
        } else {
            fputs(" The name of an origin.", out);
        }
        break;
    case PS_KIND_NAMELIST:
        fputs(" Names of origins.", out);
        break;
    case PS_KIND_LIST:
        fprintf(out,
                " A list ( { ... }, ... ) of %zu to %zu groups, each with the "
                "settings below.",
                (size_t)row->min, row->n);
        break;
    case PS_N_KINDS:
        break;
    }
}

/* " Required." and the like, for rows without a literal default. */
static void write_default_note(const writer *w, const ps_scope *scope,
                               const ps_setting *row)
{
    if (row->flags & PS_REQUIRED) {
        fputs(" Required.", w->out);
    } else if (row->flags & PS_PER_ORIGIN) {
        fputs(" Required with two or more origins; with one it is [1.0].", w->out);
    } else if (row->flags & PS_DEF_START) {
        fputs(" Default: time.start.", w->out);
    } else if (row->flags & PS_DEF_FIELD) {
        for (size_t i = 0; i < scope->n_rows; i++) {
            if (scope->rows[i].offset == row->aux_offset) {
                fprintf(w->out, " Default: %s.", scope->rows[i].path);
            }
        }
    } else if (row->flags & PS_OPTIONAL) {
        fputs(" Optional.", w->out);
    } else if (row->kind == PS_KIND_LIST) {
        fputs(" Default: empty.", w->out);
    }
}

/* "# <doc>. Unit: <unit>. Range: [min, max]." */
static void write_doc(const writer *w, const ps_scope *scope, const ps_setting *row,
                      int depth)
{
    begin_line(w, depth);
    fprintf(w->out, "# %s.", row->doc);
    if (row->unit[0] != '\0') {
        fprintf(w->out, " Unit: %s.", row->unit);
    }
    write_range(w, scope, row);
    write_default_note(w, scope, row);
    fputc('\n', w->out);
}

/* Elements of a list: the real ones (dump), or one commented example of defaults. */
static void write_elements(writer *w, const ps_setting *row, const char *base, int depth)
{
    size_t n = *AT(base, row->aux_offset, const size_t);
    const char *elems = base + row->offset;
    char *example = NULL;
    if (w->defaults) {
        example = calloc(1, row->elem->size);
        w->out_of_memory |= example == NULL;
        if (example != NULL) {
            apply_defaults(row->elem, example, w->sc);
        }
        elems = example;
        n = example != NULL ? 1 : 0;
    }
    for (size_t i = 0; i < n; i++) {
        begin_line(w, depth + 1);
        fputs("{\n", w->out);
        write_level(w, row->elem, elems + i * row->elem->size, "", depth + 2);
        begin_line(w, depth + 1);
        fputs(i + 1 < n ? "},\n" : "}\n", w->out);
    }
    free(example);
}

static void write_list(writer *w, const ps_setting *row, const char *base, int depth)
{
    int was_commented = w->comment_depth;
    if (w->defaults && w->comment_depth < 0) {
        w->comment_depth = depth;
    }
    begin_line(w, depth);
    if (!w->defaults && *AT(base, row->aux_offset, const size_t) == 0) {
        fprintf(w->out, "%s = ();\n", leaf_name(row->path));
    } else {
        fprintf(w->out, "%s = (\n", leaf_name(row->path));
        write_elements(w, row, base, depth);
        begin_line(w, depth);
        fputs(");\n", w->out);
    }
    w->comment_depth = was_commented;
}

static void write_row(writer *w, const ps_scope *scope, const ps_setting *row,
                      const char *base, int depth)
{
    if (w->defaults) {
        write_doc(w, scope, row, depth);
    }
    if (row->kind == PS_KIND_LIST) {
        write_list(w, row, base, depth);
        return;
    }
    bool shown = w->defaults ? has_literal_default(row)
                             : !(row->flags & PS_OPTIONAL) ||
                                   *AT(base, row->has_offset, const bool);
    if (shown) {
        begin_line(w, depth);
        fprintf(w->out, "%s = ", leaf_name(row->path));
        write_value(w, row, base);
        fputs(";\n", w->out);
    }
}

/* Whether row i is the first of scope inside the group rel.<part[0..n)>. */
static bool opens_group(const ps_scope *scope, size_t i, const char *rel,
                        const char *part, size_t n)
{
    for (size_t j = 0; j < i; j++) {
        const char *rest = below(scope->rows[j].path, rel);
        if (rest != NULL && strncmp(rest, part, n) == 0 && rest[n] == '.') {
            return false;
        }
    }
    return true;
}

/* Write the rows inside group rel of scope, groups as nested "name = { ... };". */
static void write_level(writer *w, const ps_scope *scope, const char *base,
                        const char *rel, int depth)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        const char *rest = below(scope->rows[i].path, rel);
        size_t n = rest != NULL ? strcspn(rest, ".") : 0;
        if (rest == NULL || (rest[n] == '.' && !opens_group(scope, i, rel, rest, n))) {
            continue;
        }
        bool leaf = rest[n] == '\0';
        if (depth == 0 && (!leaf || scope->rows[i].kind == PS_KIND_LIST)) {
            fputc('\n', w->out); /* top-level groups and lists stand apart */
        }
        if (leaf) {
            write_row(w, scope, &scope->rows[i], base, depth);
            continue;
        }
        char group[PATH_TEXT], name[PATH_TEXT];
        snprintf(name, sizeof name, "%.*s", (int)n, rest);
        join_path(group, sizeof group, rel, name);
        begin_line(w, depth);
        fprintf(w->out, "%s = {\n", name);
        write_level(w, scope, base, group, depth + 1);
        begin_line(w, depth);
        fputs("};\n", w->out);
    }
}

char *ps_scenario_text(const ps_scenario *sc)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (f == NULL) {
        return NULL;
    }
    ps_status st = ps_scenario_dump(sc, f, NULL);
    if (fclose(f) != 0 || st != PS_OK) {
        free(text);
        return NULL;
    }
    return text;
}

ps_status ps_scenario_dump(const ps_scenario *sc, FILE *out, ps_error *err)
{
    writer w = {out, sc, false, -1, false};
    fputs("# protsim scenario, every setting resolved; it loads to the same scenario\n",
          out);
    write_level(&w, ps_scenario_scope(), (const char *)sc, "", 0);
    if (ferror(out)) {
        return ps_fail(err, PS_EIO, "scenario dump: cannot write: %s", strerror(errno));
    }
    return PS_OK;
}

static const char DEFAULTS_HEADER[] =
    "# defaults.cfg - every protsim scenario setting: meaning, unit, range and default.\n"
    "# GENERATED by `protsim defaults > scenarios/defaults.cfg` from "
    "sim/settings/scenario_table.c;\n"
    "# edit the table, not this file (tests/unit/test_scenario.c checks they agree).\n"
    "#\n"
    "# A scenario may @include \"other.cfg\" on a line of its own; the path is relative "
    "to\n"
    "# the file holding the @include, and included files may include others. Files "
    "merge\n"
    "# in reading order: first what a file includes (in order), then its own settings. "
    "A\n"
    "# later value replaces an earlier one, groups merge setting by setting, and lists\n"
    "# and arrays are replaced whole; so a file overrides everything it includes, and\n"
    "# `--set path=value` overrides every file. Settings of list elements have paths\n"
    "# such as states.list.[0].democracy. Settings left out take the defaults below.\n"
    "\n";

ps_status ps_scenario_write_defaults(FILE *out, ps_error *err)
{
    ps_scenario *def = calloc(1, sizeof *def);
    if (def == NULL) {
        return ps_fail(err, PS_ENOMEM, "defaults: out of memory");
    }
    writer w = {out, def, true, -1, false};
    apply_defaults(ps_scenario_scope(), (char *)def, def);
    fputs(DEFAULTS_HEADER, out);
    write_level(&w, ps_scenario_scope(), (const char *)def, "", 0);
    free(def);
    if (w.out_of_memory) {
        return ps_fail(err, PS_ENOMEM, "defaults: out of memory");
    }
    if (ferror(out)) {
        return ps_fail(err, PS_EIO, "defaults: cannot write: %s", strerror(errno));
    }
    return PS_OK;
}
