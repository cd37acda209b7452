/* settings.c - the engine of the settings interpreter: unknown names with hints, rows
 * loaded in table order through the operations of their kind, lists of groups, and
 * whole file formats (settings.h shows how one is declared) */
#include <libconfig.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "settings.h"

#define HINT_DISTANCE 3 /* farthest name offered by "did you mean" */
#define NAME_CAP 64     /* longer names are never offered as hints */
#define NO_INDEX SIZE_MAX

#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))

/* ---- the table -------------------------------------------------------------------- */

const ps_setting *ps_scope_find(const ps_scope *scope, const char *path)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (strcmp(scope->rows[i].path, path) == 0) {
            return &scope->rows[i];
        }
    }
    return NULL;
}

bool ps_scope_is_group(const ps_scope *scope, const char *rel)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (rel[0] != '\0' && ps_path_below(scope->rows[i].path, rel) != NULL) {
            return true;
        }
    }
    return false;
}

const char *ps_scope_nearest(const ps_scope *scope, const char *rel, const char *name,
                             bool whole, char *buf, size_t size)
{
    size_t best = HINT_DISTANCE + 1;
    for (size_t i = 0; i < scope->n_rows; i++) {
        const char *rest = ps_path_below(scope->rows[i].path, rel);
        char candidate[PS_HINT_NAME_CAP];
        if (rest == NULL) {
            continue;
        }
        size_t len = whole ? strlen(rest) : strcspn(rest, ".");
        if (len >= (whole ? PS_HINT_NAME_CAP : NAME_CAP)) {
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

/* ---- unknown names ---------------------------------------------------------------- */

static ps_status fail_unknown(const ps_loader *ld, const ps_node *node, const char *path,
                              const ps_scope *scope, const char *rel)
{
    char hint[NAME_CAP];
    if (ps_scope_nearest(scope, rel, ps_node_name(node), false, hint, sizeof hint)) {
        return ps_settings_fail(ld, node, "%s: unknown setting (did you mean %s?)", path,
                                hint);
    }
    return ps_settings_fail(ld, node, "%s: unknown setting", path);
}

/* A list of groups, each checked against the element scope. */
static ps_status check_list(const ps_loader *ld, const ps_node *node,
                            const ps_setting *row, const char *full)
{
    if (!ps_node_is_list(node) &&
        !(ps_node_is_sequence(node) && ps_node_length(node) == 0)) {
        return ps_settings_fail(ld, node, "%s: expected a list ( { ... }, ... )", full);
    }
    for (int i = 0; i < ps_node_length(node); i++) {
        const ps_node *elem = ps_node_elem(node, i);
        char path[PS_PATH_TEXT];
        ps_path_elem(path, sizeof path, full, (size_t)i, "");
        if (!ps_node_is_group(elem)) {
            return ps_settings_fail(ld, elem, "%s: expected a group { ... }", path);
        }
        ps_status st = ps_settings_check_names(ld, elem, row->elem, "", path);
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

ps_status ps_settings_check_names(const ps_loader *ld, const ps_node *group,
                                  const ps_scope *scope, const char *rel,
                                  const char *full)
{
    for (int i = 0; i < ps_node_length(group); i++) {
        const ps_node *m = ps_node_elem(group, i);
        char mrel[PS_PATH_TEXT], mfull[PS_PATH_TEXT];
        if (ps_settings_stopped(ld) != PS_OK) {
            return PS_EINTR;
        }
        ps_path_join(mrel, sizeof mrel, rel, ps_node_name(m));
        ps_path_join(mfull, sizeof mfull, full, ps_node_name(m));
        const ps_setting *row = ps_scope_find(scope, mrel);
        ps_status st = PS_OK;
        if (row != NULL && row->kind == PS_KIND_LIST) {
            st = check_list(ld, m, row, mfull);
        } else if (row == NULL && ps_scope_is_group(scope, mrel)) {
            st = ps_node_is_group(m)
                     ? ps_settings_check_names(ld, m, scope, mrel, mfull)
                     : ps_settings_fail(ld, m, "%s: expected a group { ... }", mfull);
        } else if (row == NULL) {
            st = fail_unknown(ld, m, mfull, scope, rel);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- lists of groups -------------------------------------------------------------- */

/* A list being loaded. */
typedef struct list_ctx {
    const ps_setting *row; /* the LIST row */
    const ps_node *node;   /* the list in the tree */
    const char *path;      /* its full path, "states.list" */
    char *elems;           /* its first element in the struct */
} list_ctx;

static char *elem_at(const list_ctx *lc, size_t i)
{
    return lc->elems + i * lc->row->elem->size;
}

const ps_setting *ps_scope_named_list(const ps_scope *scope, const char *rel)
{
    char path[PS_PATH_TEXT];
    if (rel[0] == '\0') {
        return NULL;
    }
    ps_path_join(path, sizeof path, rel, "list");
    const ps_setting *row = ps_scope_find(scope, path);
    return row != NULL && row->kind == PS_KIND_LIST ? row : NULL;
}

const ps_setting *ps_scope_key(const ps_scope *scope)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        if (scope->rows[i].flags & PS_UNIQUE) {
            return &scope->rows[i];
        }
    }
    return NULL;
}

/* The node of a row of element i, for messages. */
static const ps_node *elem_node(const list_ctx *lc, size_t i, const char *rel)
{
    const ps_node *parent;
    const ps_node *node = ps_node_lookup(ps_node_elem(lc->node, (int)i), rel, &parent);
    return node != NULL ? node : parent;
}

static ps_status check_unique(const ps_loader *ld, const list_ctx *lc, size_t i)
{
    const ps_setting *key = ps_scope_key(lc->row->elem);
    if (key == NULL) {
        return PS_OK;
    }
    const char *name = elem_at(lc, i) + key->offset;
    for (size_t j = 0; j < i; j++) {
        if (strcmp(elem_at(lc, j) + key->offset, name) == 0) {
            return ps_settings_fail(ld, elem_node(lc, i, key->path),
                                    "%s.[%zu].%s = \"%s\" repeats %s.[%zu].%s", lc->path,
                                    i, key->path, name, lc->path, j, key->path);
        }
    }
    return PS_OK;
}

/* Resolve a PS_REF_SIBLING row of element i against the names of the list. */
static ps_status resolve_sibling(const ps_loader *ld, const list_ctx *lc,
                                 const ps_setting *ref, size_t n, size_t i)
{
    const ps_scope *scope = lc->row->elem;
    const ps_setting *key = ps_scope_key(scope);
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
    char path[PS_PATH_TEXT];
    ps_path_elem(path, sizeof path, lc->path, i, ref->path);
    const ps_node *at = elem_node(lc, i, ref->path);
    if (j == n) {
        return ps_settings_fail(ld, at, "%s = \"%s\": unknown %s", path, name,
                                scope->name);
    }
    return ps_settings_fail(ld, at, "%s = \"%s\" names this %s itself", path, name,
                            scope->name);
}

static ps_status resolve_siblings(const ps_loader *ld, const list_ctx *lc, size_t n)
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

/* Each element is loaded in full (so later elements see earlier ones), then names are
 * checked for repeats and sibling references resolved. */
static ps_status load_list(const ps_loader *ld, const ps_setting *row,
                           const ps_node *node, const char *path, char *base)
{
    size_t n = (size_t)ps_node_length(node);
    list_ctx lc = {row, node, path, base + row->offset};
    if (n < (size_t)row->min) {
        return ps_settings_fail(ld, node, "%s has %zu elements, at least %zu", path, n,
                                (size_t)row->min);
    }
    if (n > row->n) {
        return ps_settings_fail(ld, node, "%s has %zu elements, at most %zu", path, n,
                                row->n);
    }
    for (size_t i = 0; i < n; i++) {
        char prefix[PS_PATH_TEXT];
        ps_path_elem(prefix, sizeof prefix, path, i, "");
        ps_status st = ps_settings_load(ld, row->elem, ps_node_elem(node, (int)i), prefix,
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

/* ---- rows ------------------------------------------------------------------------- */

/* A row absent from the tree: its default, or a message naming the enclosing node. */
static ps_status load_absent(const ps_loader *ld, const ps_setting *row,
                             const ps_node *parent, const char *path, char *base)
{
    bool required = (row->flags & PS_REQUIRED) ||
                    ((row->flags & PS_PER_ORIGIN) && ld->sc->n_origins > 1);
    if (required) {
        return ps_settings_fail(ld, parent, "%s: missing required setting", path);
    }
    ps_kind_ops_of(row->kind)->def(ld->sc, row, base);
    return PS_OK;
}

static ps_status check_not_before(const ps_loader *ld, const ps_scope *scope,
                                  const ps_setting *row, const ps_node *node,
                                  const char *prefix, const char *path, char *base)
{
    const ps_setting *first = ps_scope_find(scope, row->not_before);
    ps_month m = *AT(base, row->offset, ps_month);
    ps_month m0 = *AT(base, first->offset, ps_month);
    if (m >= m0) {
        return PS_OK;
    }
    char text[16], text0[16], path0[PS_PATH_TEXT];
    ps_month_format(m, text, sizeof text);
    ps_month_format(m0, text0, sizeof text0);
    ps_path_join(path0, sizeof path0, prefix, first->path);
    return ps_settings_fail(ld, node, "%s = \"%s\" is before %s (%s)", path, text, path0,
                            text0);
}

static ps_status load_row(const ps_loader *ld, const ps_scope *scope,
                          const ps_setting *row, const ps_node *group, const char *prefix,
                          char *base)
{
    char path[PS_PATH_TEXT];
    const ps_node *parent;
    const ps_kind_ops *ops = ps_kind_ops_of(row->kind);
    if (row->kind == PS_KIND_CUSTOM) {
        return PS_OK; /* the format's checks read it */
    }
    ps_path_join(path, sizeof path, prefix, row->path);
    const ps_node *node = ps_node_lookup(group, row->path, &parent);
    if (node == NULL) {
        return load_absent(ld, row, parent, path, base);
    }
    ps_status st = row->kind == PS_KIND_LIST ? load_list(ld, row, node, path, base)
                                             : ops->load(ld, row, node, path, base);
    if (st == PS_OK && (row->flags & PS_OPTIONAL)) {
        *AT(base, row->has_offset, bool) = true;
    }
    if (st == PS_OK && row->not_before != NULL) {
        st = check_not_before(ld, scope, row, node, prefix, path, base);
    }
    return st;
}

ps_status ps_settings_load(const ps_loader *ld, const ps_scope *scope,
                           const ps_node *group, const char *prefix, char *base)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        ps_status st = ps_settings_stopped(ld);
        st = st == PS_OK ? load_row(ld, scope, &scope->rows[i], group, prefix, base) : st;
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}

/* ---- formats ---------------------------------------------------------------------- */

ps_status ps_format_load_tree(const ps_format *fmt, const ps_tree *tree, const char *file,
                              const volatile sig_atomic_t *stop, void *out, void *ctx,
                              ps_error *err)
{
    const ps_node *root = config_root_setting(tree);
    ps_loader ld = {file, fmt->scenario ? out : NULL, err, stop};
    ps_status st = ps_settings_check_names(&ld, root, fmt->scope, "", "");
    if (st == PS_OK) {
        st = ps_settings_load(&ld, fmt->scope, root, "", out);
    }
    for (size_t i = 0; st == PS_OK && i < fmt->n_checks; i++) {
        st = fmt->checks[i](&ld, root, out, ctx);
    }
    return st;
}

/* Prepare and load the tree read into rd (when reading gave PS_OK); destroys rd. */
static ps_status finish(const ps_format *fmt, ps_config_reader *rd, ps_status st,
                        const char *file, const volatile sig_atomic_t *stop, void *out,
                        void *ctx, ps_error *err)
{
    ps_tree *tree = ps_config_reader_tree(rd);
    if (st == PS_OK && fmt->prepare != NULL) {
        st = fmt->prepare(tree, file, ctx, err);
    }
    if (st == PS_OK) {
        st = ps_format_load_tree(fmt, tree, file, stop, out, ctx, err);
    }
    ps_config_reader_destroy(rd);
    return st;
}

ps_status ps_format_load_file(const ps_format *fmt, const char *path,
                              const volatile sig_atomic_t *stop, void *out, void *ctx,
                              ps_error *err)
{
    ps_config_reader *rd = ps_config_reader_create(stop, err);
    if (rd == NULL) {
        return PS_ENOMEM;
    }
    return finish(fmt, rd, ps_config_read_file(rd, path), path, stop, out, ctx, err);
}

ps_status ps_format_load_string(const ps_format *fmt, const char *text, const char *name,
                                const char *include_dir,
                                const volatile sig_atomic_t *stop, void *out, void *ctx,
                                ps_error *err)
{
    ps_config_reader *rd = ps_config_reader_create(stop, err);
    if (rd == NULL) {
        return PS_ENOMEM;
    }
    const char *kept = name;
    ps_status st = ps_config_read_string(rd, text, name, include_dir, &kept);
    return finish(fmt, rd, st, kept, stop, out, ctx, err);
}

ps_status ps_format_peek(const char *path, const char *const *names, size_t n,
                         const volatile sig_atomic_t *stop, bool *found, ps_error *err)
{
    ps_config_reader *rd = ps_config_reader_create(stop, err);
    if (rd == NULL) {
        return PS_ENOMEM;
    }
    ps_status st = ps_config_read_file(rd, path);
    const ps_node *root = st == PS_OK ? ps_config_reader_root(rd) : NULL;
    for (size_t k = 0; k < n; k++) {
        found[k] = root != NULL && ps_node_member(root, names[k]) != NULL;
    }
    ps_config_reader_destroy(rd);
    return st;
}
