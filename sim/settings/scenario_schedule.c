/* scenario_schedule.c - the check of a scenario's schedule: each "path=value" is put
 * into the scenario as --set puts it and checked with the whole scenario (one parser,
 * one checker); the settings it changes must be schedulable, its month inside the run,
 * and no setting may change twice in one month. The result is the list of changes the
 * world applies (ps_change). */
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "scenario_set.h"
#include "settings.h"

/* The scenario without its schedule: the table alone, for trying one change. */
static const ps_format PLAIN = {.scope = &PS_SCENARIO_SCOPE, .scenario = true};

/* Where one string of the schedule is: its node and "schedule.[i].set.[j]". */
typedef struct spot {
    const ps_node *node;
    char path[64];
    const char *text;
} spot;

/* The scenario with text applied as --set, into *out (allocated); the message of a bad
 * text is the loader's, "--set: " made "FILE:LINE: schedule.[i].set.[j]: ". */
static ps_status apply(const ps_loader *ld, const ps_node *root, const spot *at,
                       ps_scenario **out)
{
    ps_tree *tree = NULL;
    ps_error inner = {0};
    *out = calloc(1, sizeof **out);
    ps_status st = *out != NULL ? ps_config_tree_copy(root, "schedule", &tree, ld->err)
                                : ps_fail(ld->err, PS_ENOMEM, "out of memory");
    if (st == PS_OK) {
        st = ps_scenario_set(tree, ld->file, at->text, &inner);
    }
    if (st == PS_OK) {
        st = ps_format_load_tree(&PLAIN, tree, ld->file, ld->stop, *out, NULL, &inner);
    }
    ps_config_tree_destroy(tree);
    if (st == PS_EINVAL) {
        const char *msg = inner.msg;
        msg += strncmp(msg, "--set: ", 7) == 0 ? 7 : 0;
        return ps_settings_fail(ld, at->node, "%s: %s", at->path, msg);
    }
    return st == PS_OK || inner.msg[0] == '\0' ? st
                                               : ps_fail(ld->err, st, "%s", inner.msg);
}

/* The change text makes to sc (its setting reached through sc's lists by index or by
 * name); refused when that setting is not schedulable. */
static ps_status change_of(const ps_loader *ld, const ps_scenario *sc, const spot *at,
                           ps_change *c)
{
    char path[PS_PATH_TEXT];
    const char *p = at->text + strspn(at->text, " \t");
    size_t len = strcspn(p, "=");
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) {
        len--;
    }
    snprintf(path, sizeof path, "%.*s", (int)len, p);
    ps_path_walk w;
    ps_path_walk_of(ps_scenario_scope(), (const char *)sc, path, &w);
    if (w.end != PS_PATH_SETTING) {
        return PS_OK; /* not a setting: apply() says why */
    }
    size_t size = ps_kind_ops_of(w.row->kind)->size;
    if (!(w.row->flags & PS_SCHEDULABLE) || size == 0 || size > PS_CHANGE_BYTES) {
        return ps_settings_fail(ld, at->node,
                                "%s = \"%s\": %s cannot be scheduled (docs/model.md §6, "
                                "Schedules, lists those that can)",
                                at->path, at->text, path);
    }
    const char *states = (const char *)sc->states;
    bool in_state =
        w.base >= states && w.base < (const char *)(sc->states + PS_MAX_STATES);
    c->offset = (size_t)(w.base - (const char *)sc) + w.row->offset;
    c->size = size;
    c->state = in_state ? (long)((size_t)(w.base - states) / sizeof *sc->states) : -1;
    c->resets_strategies = (w.row->flags & PS_RESETS_STRATEGIES) != 0;
    return PS_OK;
}

/* No setting changes twice in one month. */
static ps_status check_twice(const ps_loader *ld, const ps_scenario *sc, const spot *at)
{
    const ps_change *c = &sc->changes[sc->n_changes];
    for (size_t k = 0; k < sc->n_changes; k++) {
        const ps_change *b = &sc->changes[k];
        if (b->at == c->at && b->offset == c->offset) {
            char month[16];
            ps_month_format(c->at, month, sizeof month);
            return ps_settings_fail(ld, at->node,
                                    "%s = \"%s\": changes a setting that "
                                    "schedule.[%zu].set.[%zu] changes in %s too",
                                    at->path, at->text, b->entry, b->set, month);
        }
    }
    return PS_OK;
}

/* One string of entry i: checked, and its change added to sc. */
static ps_status check_set(const ps_loader *ld, const ps_node *root, ps_scenario *sc,
                           size_t i, size_t j)
{
    const ps_node *entry = ps_node_elem(ps_node_member(root, "schedule"), (int)i);
    spot at = {ps_node_elem(ps_node_member(entry, "set"), (int)j), "",
               sc->schedule[i].sets[j]};
    snprintf(at.path, sizeof at.path, "schedule.[%zu].set.[%zu]", i, j);
    if (sc->n_changes == PS_MAX_CHANGES) {
        return ps_settings_fail(ld, at.node, "%s: more than %d changes in the schedule",
                                at.path, PS_MAX_CHANGES);
    }
    ps_change *c = &sc->changes[sc->n_changes];
    *c = (ps_change){.at = sc->schedule[i].at, .entry = i, .set = j};
    ps_scenario *changed = NULL;
    ps_status st = change_of(ld, sc, &at, c);
    st = st == PS_OK ? apply(ld, root, &at, &changed) : st;
    st = st == PS_OK && c->size == 0 ? ps_settings_fail(ld, at.node,
                                                        "%s = \"%s\": not a "
                                                        "setting",
                                                        at.path, at.text)
                                     : st;
    st = st == PS_OK ? check_twice(ld, sc, &at) : st;
    if (st == PS_OK) {
        memcpy(c->value, (const char *)changed + c->offset, c->size);
        sc->n_changes++;
    }
    free(changed);
    return st;
}

/* The month of entry i lies inside the run. */
static ps_status check_at(const ps_loader *ld, const ps_node *root, const ps_scenario *sc,
                          size_t i)
{
    ps_month at = sc->schedule[i].at;
    if (at >= sc->start && at <= sc->end) {
        return PS_OK;
    }
    char m[16], a[16], b[16];
    ps_month_format(at, m, sizeof m);
    ps_month_format(sc->start, a, sizeof a);
    ps_month_format(sc->end, b, sizeof b);
    const ps_node *entry = ps_node_elem(ps_node_member(root, "schedule"), (int)i);
    return ps_settings_fail(ld, ps_node_member(entry, "at"),
                            "schedule.[%zu].at = \"%s\" is outside the run (%s to %s)", i,
                            m, a, b);
}

ps_status ps_scenario_check_schedule(const ps_loader *ld, const ps_node *root, void *out,
                                     void *ctx)
{
    ps_scenario *sc = out;
    (void)ctx;
    sc->n_changes = 0;
    for (size_t i = 0; i < sc->n_schedule; i++) {
        ps_status st = check_at(ld, root, sc, i);
        for (size_t j = 0; st == PS_OK && j < sc->schedule[i].n_sets; j++) {
            st = check_set(ld, root, sc, i, j);
        }
        if (st != PS_OK) {
            return st;
        }
    }
    return PS_OK;
}
