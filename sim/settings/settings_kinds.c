/* settings_kinds.c - the kinds of setting, one row each of the operations table at the
 * bottom: how a value is loaded (type and range checked), defaulted, written and
 * documented. Adding a kind is an enum value in settings.h and one row here. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

#define SUM_TOLERANCE 1e-6 /* of vectors that sum to 1 */
#define NO_INDEX SIZE_MAX  /* a name reference to nothing (no patron) */
#define NAMES_TEXT 256     /* "a, b, c" of an enum */

/* The value of a row inside the struct at base. */
#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))

typedef char text[PS_MAX_TEXT]; /* one string of a TEXTLIST */

/* ---- checks shared by kinds ------------------------------------------------------- */

static ps_status check_range(const ps_loader *ld, const ps_setting *row,
                             const ps_node *node, const char *path, double v)
{
    if (v >= row->min && v <= row->max) { /* false for NaN too */
        return PS_OK;
    }
    if (row->unit[0] == '\0') {
        return ps_settings_fail(ld, node, "%s = %g is outside [%g, %g]", path, v,
                                row->min, row->max);
    }
    return ps_settings_fail(ld, node, "%s = %g is outside [%g, %g] (%s)", path, v,
                            row->min, row->max, row->unit);
}

/* Copy s into the char[row->n] at dst. */
static ps_status copy_text(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, const char *s,
                           char *dst)
{
    size_t len = strlen(s);
    if (len >= row->n) {
        return ps_settings_fail(ld, node, "%s = \"%s\" is longer than %zu characters",
                                path, s, row->n - 1);
    }
    memcpy(dst, s, len + 1);
    return PS_OK;
}

/* Length of a REALVEC: fixed, or one value per origin. */
static size_t vector_length(const ps_scenario *sc, const ps_setting *row)
{
    return (row->flags & PS_PER_ORIGIN) ? sc->n_origins : row->n;
}

static size_t find_origin(const ps_scenario *sc, const char *name)
{
    for (size_t i = 0; sc != NULL && i < sc->n_origins; i++) {
        if (strcmp(sc->origins[i].name, name) == 0) {
            return i;
        }
    }
    return NO_INDEX;
}

/* ---- loading ---------------------------------------------------------------------- */

static ps_status load_real(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, char *base)
{
    double v;
    if (!ps_node_number(node, &v)) {
        return ps_settings_fail(ld, node, "%s: expected a number", path);
    }
    ps_status st = check_range(ld, row, node, path, v);
    if (st == PS_OK) {
        *AT(base, row->offset, double) = v;
    }
    return st;
}

/* INT and COUNT: an integer literal, never a real. */
static ps_status load_int(const ps_loader *ld, const ps_setting *row, const ps_node *node,
                          const char *path, char *base)
{
    long long v;
    if (!ps_node_integer(node, &v)) {
        return ps_settings_fail(ld, node, "%s: expected an integer", path);
    }
    ps_status st = check_range(ld, row, node, path, (double)v);
    if (st == PS_OK && row->kind == PS_KIND_COUNT) {
        *AT(base, row->offset, size_t) = (size_t)v;
    } else if (st == PS_OK) {
        *AT(base, row->offset, int) = (int)v;
    }
    return st;
}

/* The seed: the range is that of int64. */
static ps_status load_int64(const ps_loader *ld, const ps_setting *row,
                            const ps_node *node, const char *path, char *base)
{
    long long v;
    if (!ps_node_integer(node, &v)) {
        return ps_settings_fail(ld, node, "%s: expected an integer", path);
    }
    if (v < 0 && row->unit[0] == '\0') {
        return ps_settings_fail(ld, node, "%s = %lld is outside [0, %lld]", path, v,
                                (long long)INT64_MAX);
    }
    if (v < 0) {
        return ps_settings_fail(ld, node, "%s = %lld is outside [0, %lld] (%s)", path, v,
                                (long long)INT64_MAX, row->unit);
    }
    *AT(base, row->offset, uint64_t) = (uint64_t)v;
    return PS_OK;
}

static ps_status load_bool(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, char *base)
{
    if (!ps_node_bool(node, AT(base, row->offset, bool))) {
        return ps_settings_fail(ld, node, "%s: expected true or false", path);
    }
    return PS_OK;
}

static ps_status load_string(const ps_loader *ld, const ps_setting *row,
                             const ps_node *node, const char *path, char *base)
{
    const char *s = ps_node_string(node);
    if (s == NULL) {
        return ps_settings_fail(ld, node, "%s: expected a string", path);
    }
    return copy_text(ld, row, node, path, s, base + row->offset);
}

static ps_status load_date(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, char *base)
{
    const char *s = ps_node_string(node);
    if (s == NULL) {
        return ps_settings_fail(ld, node, "%s: expected a date \"YYYY-MM\"", path);
    }
    if (!ps_month_parse(s, AT(base, row->offset, ps_month))) {
        return ps_settings_fail(ld, node, "%s = \"%s\" is not a date (YYYY-MM)", path, s);
    }
    return PS_OK;
}

static ps_status load_enum(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, char *base)
{
    const char *s = ps_node_string(node);
    char names[NAMES_TEXT];
    ps_settings_names(row, names, sizeof names);
    if (s == NULL) {
        return ps_settings_fail(ld, node, "%s: expected one of %s", path, names);
    }
    for (size_t i = 0; i < row->n; i++) {
        if (strcmp(s, row->names[i]) == 0) {
            *AT(base, row->offset, int) = (int)i;
            return PS_OK;
        }
    }
    return ps_settings_fail(ld, node, "%s = \"%s\" is not one of %s", path, s, names);
}

static ps_status load_realvec(const ps_loader *ld, const ps_setting *row,
                              const ps_node *node, const char *path, char *base)
{
    size_t n = vector_length(ld->sc, row);
    double *dst = AT(base, row->offset, double);
    double sum = 0;
    if (!ps_node_is_sequence_of(node, false, n)) {
        return ps_settings_fail(ld, node, "%s: expected a list of %zu numbers", path, n);
    }
    for (size_t i = 0; i < n; i++) {
        const ps_node *e = ps_node_elem(node, (int)i);
        char epath[PS_PATH_TEXT];
        ps_path_elem(epath, sizeof epath, path, i, "");
        ps_node_number(e, &dst[i]);
        ps_status st = check_range(ld, row, e, epath, dst[i]);
        if (st != PS_OK) {
            return st;
        }
        sum += dst[i];
    }
    if ((row->flags & PS_SUMS_TO_1) && fabs(sum - 1) > SUM_TOLERANCE) {
        return ps_settings_fail(ld, node, "%s sums to %g, not 1", path, sum);
    }
    return PS_OK;
}

/* Element i of a date list: a date after the one before it. */
static ps_status load_date_elem(const ps_loader *ld, const ps_node *node,
                                const char *path, int i, ps_month *dates)
{
    const ps_node *e = ps_node_elem(node, i);
    const char *s = ps_node_string(e);
    if (!ps_month_parse(s, &dates[i])) {
        return ps_settings_fail(ld, e, "%s.[%d] = \"%s\" is not a date (YYYY-MM)", path,
                                i, s);
    }
    if (i > 0 && dates[i] <= dates[i - 1]) {
        char before[16];
        ps_month_format(dates[i - 1], before, sizeof before);
        return ps_settings_fail(ld, e, "%s.[%d] = \"%s\" is not after %s.[%d] (%s)", path,
                                i, s, path, i - 1, before);
    }
    return PS_OK;
}

static ps_status load_datelist(const ps_loader *ld, const ps_setting *row,
                               const ps_node *node, const char *path, char *base)
{
    if (!ps_node_is_sequence_of(node, true, SIZE_MAX)) {
        return ps_settings_fail(ld, node, "%s: expected a list of dates \"YYYY-MM\"",
                                path);
    }
    int n = ps_node_length(node);
    if ((size_t)n > row->n) {
        return ps_settings_fail(ld, node, "%s has %d dates, at most %zu", path, n,
                                row->n);
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

/* An origin is resolved at once (origins load first); a sibling's name is kept and
 * resolved by the engine when its whole list is loaded. */
static ps_status load_nameref(const ps_loader *ld, const ps_setting *row,
                              const ps_node *node, const char *path, char *base)
{
    const char *s = ps_node_string(node);
    if (s == NULL) {
        return ps_settings_fail(ld, node, "%s: expected a string", path);
    }
    size_t *index = AT(base, row->offset, size_t);
    if (row->flags & PS_REF_SIBLING) {
        *index = NO_INDEX;
        return copy_text(ld, row, node, path, s, base + row->aux_offset);
    }
    *index = find_origin(ld->sc, s);
    if (*index == NO_INDEX) {
        return ps_settings_fail(ld, node, "%s = \"%s\": unknown origin", path, s);
    }
    return PS_OK;
}

static ps_status load_namelist(const ps_loader *ld, const ps_setting *row,
                               const ps_node *node, const char *path, char *base)
{
    if (!ps_node_is_sequence_of(node, true, SIZE_MAX)) {
        return ps_settings_fail(ld, node, "%s: expected a list of origin names", path);
    }
    bool *chosen = AT(base, row->offset, bool);
    for (int i = 0; i < ps_node_length(node); i++) {
        const ps_node *e = ps_node_elem(node, i);
        size_t k = find_origin(ld->sc, ps_node_string(e));
        if (k == NO_INDEX) {
            return ps_settings_fail(ld, e, "%s.[%d] = \"%s\": unknown origin", path, i,
                                    ps_node_string(e));
        }
        chosen[k] = true;
    }
    return PS_OK;
}

static ps_status load_textlist(const ps_loader *ld, const ps_setting *row,
                               const ps_node *node, const char *path, char *base)
{
    if (!ps_node_is_sequence_of(node, true, SIZE_MAX)) {
        return ps_settings_fail(ld, node, "%s: expected a list of strings [\"...\", ...]",
                                path);
    }
    int n = ps_node_length(node);
    if ((size_t)n > row->n) {
        return ps_settings_fail(ld, node, "%s has %d strings, at most %zu", path, n,
                                row->n);
    }
    text *texts = AT(base, row->offset, text);
    for (int i = 0; i < n; i++) {
        const char *s = ps_node_string(ps_node_elem(node, i));
        if (strlen(s) >= PS_MAX_TEXT) {
            return ps_settings_fail(ld, ps_node_elem(node, i),
                                    "%s.[%d] = \"%s\" is longer than %d characters", path,
                                    i, s, PS_MAX_TEXT - 1);
        }
        snprintf(texts[i], PS_MAX_TEXT, "%s", s);
    }
    *AT(base, row->aux_offset, size_t) = (size_t)n;
    return PS_OK;
}

/* ---- defaults --------------------------------------------------------------------- */

static void def_real(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, double) =
        (row->flags & PS_DEF_FIELD) ? *AT(base, row->aux_offset, double) : row->def;
}

static void def_int(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, int) = (int)row->def;
}

static void def_count(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, size_t) = (size_t)row->def;
}

static void def_int64(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, uint64_t) = (uint64_t)row->def;
}

static void def_bool(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, bool) = row->def != 0;
}

static void def_string(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    snprintf(base + row->offset, row->n, "%s", row->sdef != NULL ? row->sdef : "");
}

static void def_date(const ps_scenario *sc, const ps_setting *row, char *base)
{
    *AT(base, row->offset, ps_month) =
        (row->flags & PS_DEF_START) ? sc->start : (ps_month)row->def;
}

static void def_realvec(const ps_scenario *sc, const ps_setting *row, char *base)
{
    double *dst = AT(base, row->offset, double);
    (void)sc;
    for (size_t i = 0; i < row->n; i++) {
        dst[i] = row->vdef != NULL ? row->vdef[i] : 0.0;
    }
    if (row->flags & PS_PER_ORIGIN) {
        dst[0] = 1.0; /* all on the only origin */
    }
}

static void def_nameref(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->offset, size_t) = NO_INDEX;
}

/* DATELIST and LIST: no elements. */
static void def_empty(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    *AT(base, row->aux_offset, size_t) = 0;
}

/* NAMELIST (none chosen) and CUSTOM: the struct starts zeroed. */
static void def_none(const ps_scenario *sc, const ps_setting *row, char *base)
{
    (void)sc;
    (void)row;
    (void)base;
}

/* ---- writing values --------------------------------------------------------------- */

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

static void write_number(FILE *out, double v)
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

static void write_real(FILE *out, const ps_scenario *sc, const ps_setting *row,
                       const char *base)
{
    (void)sc;
    write_number(out, *AT(base, row->offset, const double));
}

static void write_int(FILE *out, const ps_scenario *sc, const ps_setting *row,
                      const char *base)
{
    (void)sc;
    fprintf(out, "%d", *AT(base, row->offset, const int));
}

static void write_count(FILE *out, const ps_scenario *sc, const ps_setting *row,
                        const char *base)
{
    (void)sc;
    fprintf(out, "%zu", *AT(base, row->offset, const size_t));
}

static void write_int64(FILE *out, const ps_scenario *sc, const ps_setting *row,
                        const char *base)
{
    (void)sc;
    fprintf(out, "%" PRIu64 "L", *AT(base, row->offset, const uint64_t));
}

static void write_bool(FILE *out, const ps_scenario *sc, const ps_setting *row,
                       const char *base)
{
    (void)sc;
    fputs(*AT(base, row->offset, const bool) ? "true" : "false", out);
}

static void write_string(FILE *out, const ps_scenario *sc, const ps_setting *row,
                         const char *base)
{
    (void)sc;
    write_quoted(out, base + row->offset);
}

static void write_date(FILE *out, const ps_scenario *sc, const ps_setting *row,
                       const char *base)
{
    (void)sc;
    write_month(out, *AT(base, row->offset, const ps_month));
}

static void write_enum(FILE *out, const ps_scenario *sc, const ps_setting *row,
                       const char *base)
{
    int i = *AT(base, row->offset, const int);
    (void)sc;
    write_quoted(out, i >= 0 && (size_t)i < row->n ? row->names[i] : "?");
}

static void write_realvec(FILE *out, const ps_scenario *sc, const ps_setting *row,
                          const char *base)
{
    const double *v = AT(base, row->offset, const double);
    size_t n = vector_length(sc, row);
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", out);
        write_number(out, v[i]);
    }
    fputc(']', out);
}

static void write_datelist(FILE *out, const ps_scenario *sc, const ps_setting *row,
                           const char *base)
{
    const ps_month *dates = AT(base, row->offset, const ps_month);
    size_t n = *AT(base, row->aux_offset, const size_t);
    (void)sc;
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", out);
        write_month(out, dates[i]);
    }
    fputc(']', out);
}

static void write_nameref(FILE *out, const ps_scenario *sc, const ps_setting *row,
                          const char *base)
{
    size_t i = *AT(base, row->offset, const size_t);
    if (row->flags & PS_REF_SIBLING) {
        write_quoted(out, base + row->aux_offset);
    } else {
        write_quoted(out, i < sc->n_origins ? sc->origins[i].name : "");
    }
}

static void write_namelist(FILE *out, const ps_scenario *sc, const ps_setting *row,
                           const char *base)
{
    const bool *chosen = AT(base, row->offset, const bool);
    const char *sep = "";
    fputc('[', out);
    for (size_t i = 0; i < sc->n_origins; i++) {
        if (chosen[i]) {
            fputs(sep, out);
            write_quoted(out, sc->origins[i].name);
            sep = ", ";
        }
    }
    fputc(']', out);
}

static void write_textlist(FILE *out, const ps_scenario *sc, const ps_setting *row,
                           const char *base)
{
    const text *texts = AT(base, row->offset, const text);
    size_t n = *AT(base, row->aux_offset, const size_t);
    (void)sc;
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", out);
        write_quoted(out, texts[i]);
    }
    fputc(']', out);
}

/* ---- documenting ranges (defaults.cfg) -------------------------------------------- */

static void doc_number(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    fprintf(out, " Range: [%g, %g].", row->min, row->max);
}

static void doc_int64(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    (void)row;
    fprintf(out, " Range: [0, %" PRId64 "].", INT64_MAX);
}

static void doc_bool(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    (void)row;
    fputs(" Values: true, false.", out);
}

static void doc_string(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    fprintf(out, " Text of at most %zu characters.", row->n - 1);
}

static void doc_date(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    (void)row;
    fputs(" Format: \"YYYY-MM\".", out);
}

static void doc_enum(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    char names[NAMES_TEXT];
    (void)scope;
    ps_settings_names(row, names, sizeof names);
    fprintf(out, " Values: %s.", names);
}

static void doc_realvec(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    if (row->flags & PS_PER_ORIGIN) {
        fprintf(out, " Range: [%g, %g] each, one value per origin", row->min, row->max);
    } else {
        fprintf(out, " Range: [%g, %g] each, %zu values", row->min, row->max, row->n);
    }
    fputs((row->flags & PS_SUMS_TO_1) ? ", summing to 1." : ".", out);
}

static void doc_datelist(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    fprintf(out, " Months \"YYYY-MM\", ascending, at most %zu.", row->n);
}

static void doc_nameref(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    if (row->flags & PS_REF_SIBLING) {
        fprintf(out, " The name of another %s, \"\" for none.", scope->name);
    } else {
        fputs(" The name of an origin.", out);
    }
}

static void doc_namelist(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    (void)row;
    fputs(" Names of origins.", out);
}

static void doc_textlist(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    fprintf(out, " Strings, at most %zu, each of at most %d characters.", row->n,
            PS_MAX_TEXT - 1);
}

static void doc_list(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)scope;
    fprintf(out,
            " A list ( { ... }, ... ) of %zu to %zu groups, each with the "
            "settings below.",
            (size_t)row->min, row->n);
}

static void doc_none(FILE *out, const ps_scope *scope, const ps_setting *row)
{
    (void)out;
    (void)scope;
    (void)row;
}

/* ---- the table -------------------------------------------------------------------- */

/* One row per kind: name, load, default, write, doc, how --set types its text, what a
 * sweep may do with it, defaults.cfg's example value, the bytes of a scalar. A NULL load:
 * the engine (lists) or the format's checks (custom rows) read the node; a NULL write:
 * not written as a value.
 */
#define SET(f) PS_SET_##f
#define VARY(v) PS_VARY_##v
/* clang-format off */
static const ps_kind_ops KINDS[PS_N_KINDS] = {
    [PS_KIND_REAL] = {"real", load_real, def_real, write_real,
                      doc_number, SET(NUMBER), VARY(REAL), NULL, sizeof(double)},
    [PS_KIND_INT] = {"int", load_int, def_int, write_int,
                     doc_number, SET(NUMBER), VARY(INTEGER), NULL, sizeof(int)},
    [PS_KIND_COUNT] = {"count", load_int, def_count, write_count,
                       doc_number, SET(NUMBER), VARY(INTEGER), NULL, sizeof(size_t)},
    [PS_KIND_INT64] = {"int64", load_int64, def_int64, write_int64,
                       doc_int64, SET(NUMBER), VARY(NO), NULL, sizeof(uint64_t)},
    [PS_KIND_BOOL] = {"bool", load_bool, def_bool, write_bool,
                      doc_bool, SET(BOOL), VARY(NO), NULL, sizeof(bool)},
    [PS_KIND_STRING] = {"string", load_string, def_string, write_string,
                        doc_string, SET(TEXT), VARY(NO), "\"...\"", 0},
    [PS_KIND_DATE] = {"date", load_date, def_date, write_date,
                      doc_date, SET(TEXT), VARY(NO), "\"YYYY-MM\"", 0},
    [PS_KIND_ENUM] = {"enum", load_enum, def_int, write_enum,
                      doc_enum, SET(TEXT), VARY(CHOICE), NULL, sizeof(int)},
    [PS_KIND_REALVEC] = {"realvec", load_realvec, def_realvec, write_realvec,
                         doc_realvec, SET(ARRAY), VARY(NO), NULL, 0},
    [PS_KIND_DATELIST] = {"datelist", load_datelist, def_empty, write_datelist,
                          doc_datelist, SET(ARRAY), VARY(NO), NULL, 0},
    [PS_KIND_NAMEREF] = {"nameref", load_nameref, def_nameref, write_nameref,
                         doc_nameref, SET(TEXT), VARY(NO), "\"...\"", 0},
    [PS_KIND_NAMELIST] = {"namelist", load_namelist, def_none, write_namelist,
                          doc_namelist, SET(ARRAY), VARY(NO), NULL, 0},
    [PS_KIND_TEXTLIST] = {"textlist", load_textlist, def_empty, write_textlist,
                          doc_textlist, SET(ARRAY), VARY(NO), "[\"...\"]", 0},
    [PS_KIND_LIST] = {"list", NULL, def_empty, NULL,
                      doc_list, SET(TEXT), VARY(NO), NULL, 0},
    [PS_KIND_CUSTOM] = {"custom", NULL, def_none, NULL,
                        doc_none, SET(TEXT), VARY(NO), NULL, 0},
};
/* clang-format on */

const ps_kind_ops *ps_kind_ops_of(ps_kind kind)
{
    return &KINDS[kind];
}
