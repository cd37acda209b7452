/* scenario_names.c - list elements by name in setting paths: states.Aland.democracy
 * for states.list.[0].democracy, origins.Myanmar.recognition for origins.[0]...; the
 * names are looked up in the merged tree, before --set puts its value there */
#include <string.h>

#include "scenario_set.h"

#define HINT_DISTANCE 3 /* farthest name offered by "did you mean" */

/* The node at a canonical path ("states.list.[1].shocks"), or NULL. */
static const ps_node *tree_at(const ps_node *root, const char *path)
{
    const ps_node *node = root;
    char part[PS_PATH_TEXT];
    size_t index;
    while (node != NULL && *path != '\0') {
        size_t len = strcspn(path, ".");
        snprintf(part, sizeof part, "%.*s", (int)len, path);
        path += len + (path[len] == '.');
        if (ps_path_is_index(part, &index)) {
            node = ps_node_is_list(node) && index < (size_t)ps_node_length(node)
                       ? ps_node_elem(node, (int)index)
                       : NULL;
        } else {
            node = ps_node_is_group(node) ? ps_node_member(node, part) : NULL;
        }
    }
    return node;
}

/* The position of the element named name in the list at canonical path list, or a
 * message naming the nearest name given. */
static ps_status find_name(const ps_node *root, const char *path, const char *list,
                           const ps_setting *row, const char *name, size_t *index,
                           ps_error *err)
{
    const ps_setting *key = ps_scope_key(row->elem);
    const ps_node *node = tree_at(root, list);
    int n = node != NULL && ps_node_is_list(node) ? ps_node_length(node) : 0;
    const char *hint = NULL;
    size_t best = HINT_DISTANCE + 1;
    for (int i = 0; i < n; i++) {
        const char *s = ps_node_string(ps_node_member(ps_node_elem(node, i), key->path));
        if (s != NULL && strcmp(s, name) == 0) {
            *index = (size_t)i;
            return PS_OK;
        }
        size_t d = s != NULL ? ps_edit_distance(s, name) : SIZE_MAX;
        if (d < best) {
            best = d;
            hint = s;
        }
    }
    if (hint != NULL) {
        return ps_fail(err, PS_EINVAL,
                       "--set: %s: no %s named %s in %s (did you mean %s?)", path,
                       row->elem->name, name, list, hint);
    }
    return ps_fail(err, PS_EINVAL, "--set: %s: no %s named %s in %s", path,
                   row->elem->name, name, list);
}

/* Append ".[index]" (or "[index]" to an empty path) to canon. */
static void append_index(char *canon, size_t size, size_t index)
{
    size_t len = strlen(canon);
    snprintf(canon + len, size - len, "%s[%zu]", len > 0 ? "." : "", index);
}

/* Step into element part of the list at canonical path canon (by index or by name). */
static ps_status step_into(const ps_node *root, const char *path, const ps_setting *list,
                           const char *part, char *canon, size_t size, ps_error *err)
{
    size_t index = 0;
    ps_status st = PS_OK;
    if (!ps_path_is_index(part, &index)) {
        st = find_name(root, path, canon, list, part, &index, err);
    }
    append_index(canon, size, index);
    return st;
}

/* Append part (a member name) to canon. */
static void append_part(char *canon, size_t size, const char *part)
{
    char joined[PS_PATH_TEXT];
    ps_path_join(joined, sizeof joined, canon, part);
    snprintf(canon, size, "%s", joined);
}

ps_status ps_scenario_canonical(const ps_node *root, const char *path, char *canon,
                                size_t size, ps_error *err)
{
    const ps_scope *scope = ps_scenario_scope();
    const ps_setting *list = NULL; /* the list just reached: an element comes next */
    char rel[PS_PATH_TEXT] = "", part[PS_PATH_TEXT], next[PS_PATH_TEXT];
    const char *p = path;
    bool done = false;
    canon[0] = '\0';
    while (*p != '\0' && !done) {
        size_t len = strcspn(p, ".");
        snprintf(part, sizeof part, "%.*s", (int)len, p);
        ps_path_join(next, sizeof next, rel, part);
        const ps_setting *row = list == NULL ? ps_scope_find(scope, next) : NULL;
        const ps_setting *named = list == NULL ? ps_scope_named_list(scope, rel) : NULL;
        size_t index;
        ps_status st = PS_OK;
        if (list != NULL &&
            (ps_path_is_index(part, &index) ||
             (ps_path_is_name(part) && ps_scope_key(list->elem) != NULL))) {
            st = step_into(root, path, list, part, canon, size, err);
            scope = list->elem;
            list = NULL;
            rel[0] = '\0';
        } else if (list == NULL && (row != NULL || ps_scope_is_group(scope, next))) {
            append_part(canon, size, part);
            list = row != NULL && row->kind == PS_KIND_LIST ? row : NULL;
            snprintf(rel, sizeof rel, "%s", list != NULL ? "" : next);
            done = row != NULL && list == NULL; /* a setting: resolve_set refuses more */
        } else if (named != NULL && ps_path_is_name(part) &&
                   ps_scope_key(named->elem) != NULL) {
            append_part(canon, size, "list");
            st = step_into(root, path, named, part, canon, size, err);
            scope = named->elem;
            rel[0] = '\0';
        } else {
            break; /* unknown, or below a list without names: resolve_set says so */
        }
        if (st != PS_OK) {
            return st;
        }
        p += len + (p[len] == '.');
    }
    if (*p != '\0') { /* what was not walked, as given */
        append_part(canon, size, p);
    }
    return PS_OK;
}
