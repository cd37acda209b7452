/* scenario_set.c - `--set path=value`: the path checked against the settings table,
 * the value typed by the setting's kind and put into the merged tree, where it is
 * checked with every other setting */
#include "scenario_set.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define PATH_TEXT PS_PATH_TEXT
#define VALUE_TEXT 4096    /* longest --set value */
#define SET_SOURCE "--set" /* the "file" of settings made by --set */
#define NAME_CAP 64        /* longer names are never offered as hints */

/* ---- --set path=value ------------------------------------------------------------- */

/* Where a full path ("states.list.[3].shocks.[0].persons") leads. */
typedef struct path_miss {
    const ps_scope *scope; /* scope in which a part was not found */
    char rel[PATH_TEXT];   /* the group it was looked for in, relative to scope */
    char part[PATH_TEXT];  /* the part not found; "" when no hint applies */
} path_miss;

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
        bool element = row != NULL && row->kind == PS_KIND_LIST &&
                       (ps_path_is_index(part, &index) ||
                        (ps_path_is_name(part) && ps_scope_key(row->elem) != NULL));
        if (row != NULL && !element) {
            return NULL; /* below a setting, or a list without [N] or names */
        }
        if (row != NULL) {
            scope = row->elem;
            rel[0] = '\0';
            row = NULL;
            continue;
        }
        ps_path_join(next, sizeof next, rel, part);
        row = ps_scope_find(scope, next);
        const ps_setting *named = ps_scope_named_list(scope, rel);
        if (row == NULL && !ps_scope_is_group(scope, next) && named != NULL &&
            ps_path_is_name(part) && ps_scope_key(named->elem) != NULL) {
            scope = named->elem; /* states.Aland */
            rel[0] = '\0';
            continue;
        }
        if (row == NULL && !ps_scope_is_group(scope, next)) {
            miss->scope = scope;
            snprintf(miss->rel, sizeof miss->rel, "%s", rel);
            snprintf(miss->part, sizeof miss->part, "%s", part);
            return NULL;
        }
        snprintf(rel, sizeof rel, "%s", next);
    }
    return row;
}

const ps_setting *ps_scenario_path_row(const char *path)
{
    path_miss miss;
    return resolve_path(path, &miss);
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
        ps_scope_nearest(miss.scope, miss.rel, miss.part, false, hint, sizeof hint)) {
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
        if (p == NULL) {
            return false;
        }
        p++;
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
    switch (ps_kind_ops_of(row->kind)->set) {
    case PS_SET_NUMBER:
        return add_number(parent, name, row->kind, text);
    case PS_SET_BOOL:
        return add_bool(parent, name, text);
    case PS_SET_ARRAY:
        return add_array(parent, name, row->kind, text);
    case PS_SET_TEXT:
        break;
    }
    return add_string(parent, name, text);
}

/* Step from node into the member part of path (made when missing), or into list element
 * [N] when the next part is an index (the element must exist). end is where part ends
 * in path. */
static ps_status set_step(const ps_loader *ld, config_setting_t **node, const char *path,
                          size_t end, const char *part)
{
    config_setting_t *child = config_setting_get_member(*node, part);
    size_t index;
    char next[PATH_TEXT];
    snprintf(next, sizeof next, "%.*s", (int)strcspn(path + end + 1, "."),
             path + end + 1);
    if (ps_path_is_index(next, &index)) {
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
        return ps_settings_fail(ld, child, "%.*s: expected a group { ... }", (int)end,
                                path);
    }
    *node = child;
    return child != NULL ? PS_OK : ps_fail(ld->err, PS_ENOMEM, "--set: out of memory");
}

/* Walk to the group that holds the setting at path; its last part goes to leaf. */
static ps_status set_parent(const ps_loader *ld, config_setting_t *root, const char *path,
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
        if (!ps_path_is_index(part,
                              &index)) { /* an index was taken with the list before it */
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

ps_status ps_scenario_set(ps_tree *cfg, const char *file, const char *text, ps_error *err)
{
    ps_loader loader = {file, NULL, err, NULL};
    const ps_loader *ld = &loader;
    char given[PATH_TEXT], path[PATH_TEXT], value[VALUE_TEXT], leaf[PATH_TEXT];
    const ps_setting *row = NULL;
    config_setting_t *parent = NULL;
    ps_status st = split_set(text, given, value, ld->err);
    if (st == PS_OK) {
        st = ps_scenario_canonical(config_root_setting(cfg), given, path, sizeof path,
                                   err);
    }
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
