/* scenario_write.c - scenarios written back out: the dump of a loaded scenario (it
 * loads to the same scenario) and defaults.cfg (every setting documented) */
#define _XOPEN_SOURCE 700 /* open_memstream */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

#define AT(base, offset, type) ((type *)(void *)((base) + (offset)))

/* ---- writing: dump and defaults.cfg ----------------------------------------------- */

typedef struct writer {
    FILE *out;
    const ps_scenario *sc; /* its origins name the origin indices */
    bool defaults;         /* defaults.cfg: docs, defaults, example elements */
    int comment_depth;     /* inside an example element: "# " after this indent; or -1 */
    bool out_of_memory;
} writer;

/* The last part of a dotted path: "refugees" of "stock.refugees". */
static const char *leaf_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot != NULL ? dot + 1 : path;
}

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

/* Whether defaults.cfg can give the row's default as a value. */
static bool has_literal_default(const ps_setting *row)
{
    unsigned special =
        PS_REQUIRED | PS_OPTIONAL | PS_DEF_START | PS_DEF_FIELD | PS_PER_ORIGIN;
    return !(row->flags & special) && ps_kind_ops_of(row->kind)->write != NULL;
}

/* Defaults of a scope into the zeroed struct at base (what defaults.cfg shows; rows
 * without a literal default get the value they would take, e.g. [1.0] per origin). */
static void apply_defaults(const ps_scope *scope, char *base, const ps_scenario *sc)
{
    for (size_t i = 0; i < scope->n_rows; i++) {
        ps_kind_ops_of(scope->rows[i].kind)->def(sc, &scope->rows[i], base);
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
    ps_kind_ops_of(row->kind)->doc(w->out, scope, row);
    write_default_note(w, scope, row);
    fputs((row->flags & PS_SCHEDULABLE) ? " May be scheduled.\n" : "\n", w->out);
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
    bool example = w->defaults && !has_literal_default(row);
    bool shown = w->defaults || !(row->flags & PS_OPTIONAL) ||
                 *AT(base, row->has_offset, const bool);
    const ps_kind_ops *ops = ps_kind_ops_of(row->kind);
    if (shown) {
        begin_line(w, depth);
        /* A row without a default is shown commented out, with an example value (in an
         * example element, which is commented out as a whole, as it is). */
        fprintf(w->out, "%s%s = ", example && w->comment_depth < 0 ? "# " : "",
                leaf_name(row->path));
        if (example && ops->example != NULL && !(row->flags & PS_DEF_FIELD)) {
            fputs(ops->example, w->out);
        } else {
            ops->write(w->out, w->sc, row, base);
        }
        fputs(";\n", w->out);
    }
}

/* Whether row i is the first of scope inside the group rel.<part[0..n)>. */
static bool opens_group(const ps_scope *scope, size_t i, const char *rel,
                        const char *part, size_t n)
{
    for (size_t j = 0; j < i; j++) {
        const char *rest = ps_path_below(scope->rows[j].path, rel);
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
        const char *rest = ps_path_below(scope->rows[i].path, rel);
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
        char group[PS_PATH_TEXT], name[PS_PATH_TEXT];
        snprintf(name, sizeof name, "%.*s", (int)n, rest);
        ps_path_join(group, sizeof group, rel, name);
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
    "# such as states.list.[0].democracy, or by name states.Aland.democracy and\n"
    "# origins.Myanmar.recognition. Settings left out take the defaults below; those\n"
    "# without a default are shown commented out with an example value, and the\n"
    "# elements of lists as one commented example. Settings marked \"May be scheduled\"\n"
    "# may change during a run (schedule, at the end; docs/model.md section 6).\n"
    "# First steps: docs/first-scenario.md.\n"
    "\n";

ps_status ps_scenario_write_defaults(FILE *out, ps_error *err)
{
    ps_scenario *def = calloc(1, sizeof *def);
    if (def == NULL) {
        return ps_fail(err, PS_ENOMEM, "defaults: out of memory");
    }
    writer w = {out, def, true, -1, false};
    apply_defaults(ps_scenario_scope(), (char *)def, def);
    def->n_origins = 1; /* vectors per origin show their one-origin default */
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
