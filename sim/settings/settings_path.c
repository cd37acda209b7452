/* settings_path.c - full setting paths ("states.list.[2].access") walked through a
 * table and a loaded struct, for the formats that name settings (sweep parameters) */
#include <stdint.h>
#include <string.h>

#include "settings.h"

#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))
#define HINT_DISTANCE 3 /* farthest name offered by "did you mean" */

/* UNKNOWN at `at`, with the nearest whole path of the group reached as the hint. */
static void unknown(const char *path, size_t at, const char *rel, ps_path_walk *w)
{
    char near[PS_HINT_NAME_CAP];
    w->end = PS_PATH_UNKNOWN;
    w->at = at;
    w->hint[0] = '\0';
    if (ps_scope_nearest(w->scope, rel, path + at, true, near, sizeof near) != NULL) {
        snprintf(w->hint, sizeof w->hint, "%.*s%s", (int)at, path, near);
    }
}

/* The element of list (in the struct at base) named name, or n with the nearest name
 * (if any is near) in hint. */
static size_t find_name(const ps_setting *list, const char *base, const char *name,
                        char *hint, size_t size)
{
    const ps_setting *key = ps_scope_key(list->elem);
    size_t n = *AT(base, list->aux_offset, const size_t), best = HINT_DISTANCE + 1;
    hint[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *s = base + list->offset + i * list->elem->size + key->offset;
        size_t d = ps_edit_distance(s, name);
        if (d == 0) {
            return i;
        }
        if (d < best) {
            best = d;
            snprintf(hint, size, "%s", s);
        }
    }
    return n;
}

/* Step from the list row reached into its element part ("[N]" or a name), which must
 * exist. */
static bool step_into(const char *part, size_t at, ps_path_walk *w)
{
    size_t index;
    bool named = w->row->kind == PS_KIND_LIST && !ps_path_is_index(part, &index) &&
                 ps_path_is_name(part) && ps_scope_key(w->row->elem) != NULL;
    if (w->row->kind != PS_KIND_LIST || (!named && !ps_path_is_index(part, &index))) {
        w->end = PS_PATH_NOT_GROUP;
        w->at = at;
        return false;
    }
    size_t n = *AT(w->base, w->row->aux_offset, const size_t);
    if (named &&
        (index = find_name(w->row, w->base, part, w->hint, sizeof w->hint)) == n) {
        w->end = PS_PATH_NO_NAME;
        w->at = at;
        return false;
    }
    if (index >= n) {
        w->end = PS_PATH_NO_ELEMENT;
        w->at = at;
        w->n = n;
        return false;
    }
    w->base += w->row->offset + index * w->row->elem->size;
    w->scope = w->row->elem;
    w->row = NULL;
    return true;
}

void ps_path_walk_of(const ps_scope *scope, const char *base, const char *path,
                     ps_path_walk *w)
{
    char rel[PS_PATH_TEXT] = "";
    *w = (ps_path_walk){.scope = scope, .base = base};
    for (size_t at = 0; path[at] != '\0';) {
        size_t len = strcspn(path + at, ".");
        char part[PS_PATH_TEXT], next[PS_PATH_TEXT];
        snprintf(part, sizeof part, "%.*s", (int)len, path + at);
        if (w->row != NULL) {
            if (!step_into(part, at, w)) {
                return;
            }
            rel[0] = '\0';
        } else if (snprintf(next, sizeof next, "%s%s%s", rel, rel[0] != '\0' ? "." : "",
                            part) >= (int)sizeof next) {
            w->end = PS_PATH_UNKNOWN;
            w->at = at;
            w->hint[0] = '\0';
            return;
        } else {
            w->row = len > 0 ? ps_scope_find(w->scope, next) : NULL;
            const ps_setting *named = ps_scope_named_list(w->scope, rel);
            bool group = len > 0 && ps_scope_is_group(w->scope, next);
            if (w->row == NULL && !group && named != NULL && ps_path_is_name(part) &&
                ps_scope_key(named->elem) != NULL) {
                w->row = named; /* states.Aland: the element of states.list */
                if (!step_into(part, at, w)) {
                    return;
                }
                rel[0] = '\0';
            } else if (w->row == NULL && !group) {
                unknown(path, at, rel, w);
                return;
            } else {
                snprintf(rel, sizeof rel, "%s", next);
            }
        }
        at += len + (path[at + len] == '.');
    }
    w->end = w->row == NULL                 ? PS_PATH_GROUP
             : w->row->kind == PS_KIND_LIST ? PS_PATH_LIST
                                            : PS_PATH_SETTING;
}
