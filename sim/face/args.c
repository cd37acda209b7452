/* args.c - the interpreter of the option tables (args.h): argv into a command's
 * options struct, with one-line messages that end "(see protsim CMD --help)" */
#include "args.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h" /* ps_edit_distance */

#define HINT_DISTANCE 2 /* farthest name offered by "did you mean" */

static ps_status usage(const ps_command *cmd, ps_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "MESSAGE (see protsim CMD --help)", bad usage. */
static ps_status usage(const ps_command *cmd, ps_error *err, const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ps_fail(err, PS_EINVAL, "%s (see protsim %s --help)", text, cmd->name);
}

bool ps_args_count(const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') {
        return false; /* strtoull would take "-4" and " 4" */
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

const char *ps_args_nearest(const char *name, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = HINT_DISTANCE + 1;
    for (size_t k = 0; k < n; k++) {
        size_t d = ps_edit_distance(name, names[k]);
        if (d < best_d && d < strlen(name)) {
            best = names[k];
            best_d = d;
        }
    }
    return best;
}

/* Whether arg is name, or name=value for an option that takes one. */
static bool matches(const char *arg, const char *name, bool takes_value)
{
    size_t len = name != NULL ? strlen(name) : 0;
    return len > 0 && strncmp(arg, name, len) == 0 &&
           (arg[len] == '\0' || (takes_value && arg[len] == '='));
}

static const ps_option *find_option(const ps_command *cmd, const char *arg)
{
    for (size_t k = 0; k < cmd->n_options; k++) {
        const ps_option *o = &cmd->options[k];
        bool valued = o->kind != PS_ARG_FLAG;
        if (o->name != NULL &&
            (matches(arg, o->name, valued) || matches(arg, o->alias, valued))) {
            return o;
        }
    }
    return NULL;
}

/* "--colour: unknown option", with the nearest option's name when one is near. */
static ps_status unknown_option(const ps_command *cmd, const char *arg, ps_error *err)
{
    const char *names[2 * 64 + 3] = {"--help", "--version", "--list-options"};
    size_t n = 3;
    for (size_t k = 0; k < cmd->n_options && n + 2 <= sizeof names / sizeof *names; k++) {
        if (cmd->options[k].name != NULL) {
            names[n++] = cmd->options[k].name;
        }
    }
    char typed[64];
    snprintf(typed, sizeof typed, "%.*s", (int)strcspn(arg, "="), arg);
    const char *near = ps_args_nearest(typed, names, n);
    if (near != NULL) {
        return usage(cmd, err, "%s: unknown option (did you mean %s?)", arg, near);
    }
    return usage(cmd, err, "%s: unknown option", arg);
}

/* The slots of LIST row o: argc of them for each LIST row, in table order. */
static const char **list_slots(const ps_command *cmd, const ps_option *o, ps_parsed *p,
                               int argc)
{
    size_t index = 0;
    for (const ps_option *q = cmd->options; q < o; q++) {
        index += q->kind == PS_ARG_LIST;
    }
    return p->values + index * (size_t)argc;
}

static void store_list(const ps_command *cmd, const ps_option *o, const char *value,
                       ps_parsed *p, int argc)
{
    char *base = p->opts;
    const char **slots = list_slots(cmd, o, p, argc);
    size_t *n = (size_t *)(void *)(base + o->count_at);
    slots[(*n)++] = value;
    memcpy(base + o->at, &slots, sizeof slots);
}

static void store_count(const ps_option *o, uint64_t v, void *field)
{
    if (o->size == sizeof(int)) {
        int small = (int)v; /* max fits: the row's range is that of an int */
        memcpy(field, &small, sizeof small);
    } else {
        assert(o->size == sizeof(uint64_t));
        memcpy(field, &v, sizeof v);
    }
}

/* Store the value of o, typed as arg, into the options. */
static ps_status store(const ps_command *cmd, const ps_option *o, const char *arg,
                       const char *value, ps_parsed *p, int argc, ps_error *err)
{
    char *field = (char *)p->opts + o->at;
    int typed = (int)strcspn(arg, "=");
    uint64_t v;
    switch (o->kind) {
    case PS_ARG_FLAG:
        *(bool *)(void *)field = true;
        return PS_OK;
    case PS_ARG_TEXT:
        memcpy(field, &value, sizeof value);
        return PS_OK;
    case PS_ARG_LIST:
        store_list(cmd, o, value, p, argc);
        return PS_OK;
    case PS_ARG_CUSTOM:
        if (o->parse(value, p->opts, err) != PS_OK) {
            return usage(cmd, err, "%s", err->msg);
        }
        return PS_OK;
    case PS_ARG_COUNT:
        break;
    }
    if (!ps_args_count(value, o->min, o->max, &v)) {
        if (o->expect != NULL) {
            return usage(cmd, err, "%.*s %s: expected %s", typed, arg, value, o->expect);
        }
        return usage(cmd, err, "%.*s %s: expected a number from %llu to %llu", typed, arg,
                     value, (unsigned long long)o->min, (unsigned long long)o->max);
    }
    store_count(o, v, field);
    return PS_OK;
}

/* A positional argument into the next positional row; one too many is refused. */
static ps_status positional(const ps_command *cmd, const char *arg, size_t *n_pos,
                            ps_parsed *p, int argc, ps_error *err)
{
    size_t k = 0;
    for (size_t seen = 0; k < cmd->n_options; k++) {
        const ps_option *o = &cmd->options[k];
        if (o->name == NULL && (seen++ == *n_pos || o->kind == PS_ARG_LIST)) {
            break;
        }
    }
    if (k == cmd->n_options) {
        return usage(cmd, err, "%s: unexpected argument", arg);
    }
    const ps_option *o = &cmd->options[k];
    if (o->kind == PS_ARG_LIST) {
        store_list(cmd, o, arg, p, argc);
    } else {
        memcpy((char *)p->opts + o->at, &arg, sizeof arg);
        ++*n_pos;
    }
    return PS_OK;
}

/* Whether every positional argument and every required option was given. */
static bool complete(const ps_command *cmd, const ps_parsed *p)
{
    for (size_t k = 0; k < cmd->n_options; k++) {
        const ps_option *o = &cmd->options[k];
        const char *base = p->opts;
        const char *text;
        size_t n;
        if (o->name != NULL && !o->required) {
            continue;
        }
        if (o->kind == PS_ARG_LIST) {
            memcpy(&n, base + o->count_at, sizeof n);
            if (n == 0) {
                return false;
            }
        } else {
            assert(o->kind == PS_ARG_TEXT);
            memcpy(&text, base + o->at, sizeof text);
            if (text == NULL) {
                return false;
            }
        }
    }
    return true;
}

/* The options every command has, handled here: true when arg is one. */
static bool universal(const char *arg, ps_parsed *p)
{
    bool *flag = strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 ? &p->help
                 : strcmp(arg, "--version") == 0                      ? &p->version
                 : strcmp(arg, "--list-options") == 0                 ? &p->list_options
                                                                      : NULL;
    if (flag != NULL) {
        *flag = true;
    }
    return flag != NULL;
}

static ps_status allocate(const ps_command *cmd, int argc, ps_parsed *out, ps_error *err)
{
    size_t n_lists = 0;
    for (size_t k = 0; k < cmd->n_options; k++) {
        n_lists += cmd->options[k].kind == PS_ARG_LIST;
    }
    out->opts = calloc(1, cmd->opts_size + 1);
    out->values = calloc(n_lists * (size_t)argc + 1, sizeof *out->values);
    if (out->opts == NULL || out->values == NULL) {
        return ps_fail(err, PS_ENOMEM, "out of memory");
    }
    if (cmd->defaults != NULL) {
        memcpy(out->opts, cmd->defaults, cmd->opts_size);
    }
    return PS_OK;
}

/* One argument at argv[*k] (and its value, which may be the next one). */
static ps_status one(const ps_command *cmd, int argc, char **argv, int *k, size_t *n_pos,
                     ps_parsed *p, ps_error *err)
{
    const char *arg = argv[*k];
    if (arg[0] != '-' || arg[1] == '\0') {
        return positional(cmd, arg, n_pos, p, argc, err);
    }
    if (universal(arg, p)) {
        return PS_OK;
    }
    const ps_option *o = find_option(cmd, arg);
    const char *eq = strchr(arg, '=');
    if (o == NULL && eq != NULL) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
        if (find_option(cmd, name) != NULL) {
            return usage(cmd, err, "%s: %s takes no value", arg, name);
        }
    }
    if (o == NULL) {
        return unknown_option(cmd, arg, err);
    }
    const char *value = o->kind == PS_ARG_FLAG ? NULL
                        : eq != NULL           ? eq + 1
                        : *k + 1 < argc        ? argv[++*k]
                                               : NULL;
    if (o->kind != PS_ARG_FLAG && value == NULL) {
        return usage(cmd, err, "%s needs a value", arg);
    }
    return store(cmd, o, arg, value, p, argc, err);
}

ps_status ps_args_parse(const ps_command *cmd, int argc, char **argv, ps_parsed *out,
                        ps_error *err)
{
    *out = (ps_parsed){0};
    ps_status st = allocate(cmd, argc, out, err);
    size_t n_pos = 0;
    bool options = true;
    for (int k = 2; st == PS_OK && k < argc; k++) {
        if (options && strcmp(argv[k], "--") == 0) {
            options = false;
        } else if (options) {
            st = one(cmd, argc, argv, &k, &n_pos, out, err);
        } else {
            st = positional(cmd, argv[k], &n_pos, out, argc, err);
        }
    }
    bool asked = out->help || out->version || out->list_options;
    if (st == PS_OK && !asked && !complete(cmd, out)) {
        st = usage(cmd, err, "%s", cmd->missing);
    }
    return st;
}

void ps_args_free(ps_parsed *p)
{
    free(p->opts);
    free(p->values);
    *p = (ps_parsed){0};
}
