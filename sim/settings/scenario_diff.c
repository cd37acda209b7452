/* scenario_diff.c - the first setting in which two resolved scenarios differ, for runs
 * forked from a shared history (docs/model.md §6, "Forks"): everything before the fork
 * month must be the same, so only the schedule's entries from that month on may
 * differ (and the name and description, which no rule reads) */
#define _XOPEN_SOURCE 700 /* open_memstream */

#include <stdlib.h>
#include <string.h>

#include "settings.h"

#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))

/* One side: a scenario and the struct of the scope being compared in it. */
typedef struct side {
    const ps_scenario *sc;
    const char *base;
} side;

static bool diff_scope(const ps_scope *scope, side a, side b, const char *prefix,
                       ps_month from, ps_scenario_difference *d);

/* The values of rows[n] of a scope in s as a scenario file writes them, "; " between,
 * each after "PATH = " when named; cut to fit text. */
static void rows_text(const ps_setting *rows, size_t n, bool named, side s, char *text,
                      size_t size)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL) {
        snprintf(text, size, "?");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const ps_setting *row = &rows[i];
        fprintf(f, "%s%s%s", i > 0 ? "; " : "", named ? row->path : "",
                named ? " = " : "");
        if ((row->flags & PS_OPTIONAL) && !*AT(s.base, row->has_offset, const bool)) {
            fputs("(not given)", f);
        } else {
            ps_kind_ops_of(row->kind)->write(f, s.sc, row, s.base);
        }
    }
    fclose(f);
    snprintf(text, size, "%s", buf != NULL ? buf : "?");
    free(buf);
}

static void value_text(const ps_setting *row, side s, char *text, size_t size)
{
    rows_text(row, 1, false, s, text, size);
}

static bool found(ps_scenario_difference *d, const char *path, const char *va,
                  const char *vb)
{
    snprintf(d->path, sizeof d->path, "%s", path);
    snprintf(d->a, sizeof d->a, "%s", va);
    snprintf(d->b, sizeof d->b, "%s", vb);
    return true;
}

static bool diff_value(const ps_setting *row, side a, side b, const char *path,
                       ps_scenario_difference *d)
{
    char va[sizeof d->a], vb[sizeof d->b];
    value_text(row, a, va, sizeof va);
    value_text(row, b, vb, sizeof vb);
    return strcmp(va, vb) != 0 && found(d, path, va, vb);
}

/* The path of element i of a list row: "states.Aland" when it is named (the list
 * states.list), else "shocks.[2]". */
static void elem_path(const ps_setting *row, side s, size_t i, const char *path,
                      char *buf, size_t size)
{
    const ps_setting *key = ps_scope_key(row->elem);
    size_t len = strlen(path);
    bool named = key != NULL && len > 5 && strcmp(path + len - 5, ".list") == 0;
    if (named) {
        const char *name = s.base + row->offset + i * row->elem->size + key->offset;
        snprintf(buf, size, "%.*s.%s", (int)(len - 5), path, name);
    } else {
        ps_path_elem(buf, size, path, i, "");
    }
}

static bool diff_list(const ps_setting *row, side a, side b, const char *path,
                      ps_month from, ps_scenario_difference *d)
{
    size_t na = *AT(a.base, row->aux_offset, const size_t);
    size_t nb = *AT(b.base, row->aux_offset, const size_t);
    if (na != nb) {
        char va[32], vb[32];
        snprintf(va, sizeof va, "%zu elements", na);
        snprintf(vb, sizeof vb, "%zu elements", nb);
        return found(d, path, va, vb);
    }
    for (size_t i = 0; i < na; i++) {
        char at[PS_PATH_TEXT];
        elem_path(row, a, i, path, at, sizeof at);
        side ea = {a.sc, a.base + row->offset + i * row->elem->size};
        side eb = {b.sc, b.base + row->offset + i * row->elem->size};
        if (diff_scope(row->elem, ea, eb, at, from, d)) {
            return true;
        }
    }
    return false;
}

/* An entry of the schedule as a scenario file writes it:
 * "{ at = "2025-01"; set = ["ngo.strategy=..."]; }", or "(none)". */
static void entry_text(const ps_scope *scope, side s, char *buf, size_t size)
{
    char rows[2 * PS_MAX_TEXT - 8]; /* room for the braces in d->a */
    if (s.base == NULL) {
        snprintf(buf, size, "(none)");
        return;
    }
    rows_text(scope->rows, scope->n_rows, true, s, rows, sizeof rows);
    snprintf(buf, size, "{ %s; }", rows);
}

/* Schedule entries: every entry up to the last one dated before `from` (in either
 * scenario) must be the same in both, so that the changes applied before the fork and
 * their numbers (the values of scheduled_change events) are the same. */
static bool diff_schedule(const ps_setting *row, side a, side b, const char *path,
                          ps_month from, ps_scenario_difference *d)
{
    const ps_schedule_entry *sa = AT(a.base, row->offset, const ps_schedule_entry);
    const ps_schedule_entry *sb = AT(b.base, row->offset, const ps_schedule_entry);
    size_t na = *AT(a.base, row->aux_offset, const size_t);
    size_t nb = *AT(b.base, row->aux_offset, const size_t);
    size_t last = 0; /* entries [0, last) must agree */
    for (size_t i = 0; i < na || i < nb; i++) {
        if ((i < na && sa[i].at < from) || (i < nb && sb[i].at < from)) {
            last = i + 1;
        }
    }
    for (size_t i = 0; i < last; i++) {
        side ea = {a.sc, i < na ? (const char *)&sa[i] : NULL};
        side eb = {b.sc, i < nb ? (const char *)&sb[i] : NULL};
        char va[sizeof d->a], vb[sizeof d->b], at[PS_PATH_TEXT];
        entry_text(row->elem, ea, va, sizeof va);
        entry_text(row->elem, eb, vb, sizeof vb);
        ps_path_elem(at, sizeof at, path, i, "");
        if (strcmp(va, vb) != 0) {
            return found(d, at, va, vb);
        }
    }
    return false;
}

static bool diff_scope(const ps_scope *scope, side a, side b, const char *prefix,
                       ps_month from, ps_scenario_difference *d)
{
    bool top = prefix[0] == '\0';
    for (size_t i = 0; i < scope->n_rows; i++) {
        const ps_setting *row = &scope->rows[i];
        char path[PS_PATH_TEXT];
        ps_path_join(path, sizeof path, prefix, row->path);
        bool label = top && (strcmp(row->path, "name") == 0 ||
                             strcmp(row->path, "description") == 0);
        bool differs = false;
        if (label) {
            continue;
        } else if (top && strcmp(row->path, "schedule") == 0) {
            differs = diff_schedule(row, a, b, path, from, d);
        } else if (row->kind == PS_KIND_LIST) {
            differs = diff_list(row, a, b, path, from, d);
        } else if (ps_kind_ops_of(row->kind)->write != NULL) {
            differs = diff_value(row, a, b, path, d);
        }
        if (differs) {
            return true;
        }
    }
    return false;
}

bool ps_scenario_differs(const ps_scenario *a, const ps_scenario *b, ps_month from,
                         ps_scenario_difference *d)
{
    memset(d, 0, sizeof *d);
    side sa = {a, (const char *)a}, sb = {b, (const char *)b};
    return diff_scope(ps_scenario_scope(), sa, sb, "", from, d);
}
