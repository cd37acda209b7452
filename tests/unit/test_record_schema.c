/* test_record_schema.c - docs/output.md against the schema (sim/record/record_schema.c):
 * every dataset of run, replicate, compare and sweep files is documented with its shape
 * and units, every vocabulary with its names and meanings, and nothing documented is
 * missing from the schema */
#define _POSIX_C_SOURCE 200809L

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protsim/protsim.h"
#include "record_schema.h"

#define DOC PS_TEST_DATA "/../../docs/output.md"
#define MAX_PATHS 256

static char *doc;

static void setup(void)
{
    FILE *f = fopen(DOC, "rb");
    cr_assert_not_null(f, "%s: cannot open", DOC);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    rewind(f);
    doc = calloc((size_t)size + 1, 1);
    cr_assert_eq(fread(doc, 1, (size_t)size, f), (size_t)size);
    fclose(f);
}

static void teardown(void)
{
    free(doc);
}

TestSuite(record_schema, .init = setup, .fini = teardown);

/* The symbol docs/output.md gives the length of an axis: T for time, S for state... */
static const char *symbol(const char *axis, size_t len)
{
    static const char *const SYMBOLS[][2] = {
        {"time", "T"},      {"state", "S"},    {"ngo", "N"},       {"event", "E"},
        {"replicate", "R"}, {"run", "R"},      {"parameter", "P"}, {"value", "V"},
        {"metric", "M"},    {"quantile", "Q"}, {"point", "K"},     {"target", "G"},
        {"step", "J"}};
    for (size_t k = 0; k < sizeof SYMBOLS / sizeof SYMBOLS[0]; k++) {
        if (strlen(SYMBOLS[k][0]) == len && strncmp(axis, SYMBOLS[k][0], len) == 0) {
            return SYMBOLS[k][1];
        }
    }
    return NULL;
}

/* The length of a fixed axis: that of the list of names along it. */
static size_t fixed_length(const char *axis, size_t len)
{
    for (size_t k = 0; k < PS_N_NAMES; k++) {
        const char *dims = PS_NAMES[k].doc.dims;
        if (strlen(dims) == len && strncmp(dims, axis, len) == 0) {
            return PS_NAMES[k].count;
        }
    }
    return 0;
}

/* "[T, S, 6] (time, state, component)" from the dimensions: a symbol for an axis whose
 * length varies, the length of a fixed one; "scalar" for none. */
static void shape_text(const char *dims, char *buf, size_t size)
{
    char lens[128] = "", names[128] = "";
    size_t k = 0;
    for (const char *p = dims; *p != '\0'; k++) {
        size_t len = strcspn(p, ",");
        const char *sym = symbol(p, len);
        char n[32];
        snprintf(n, sizeof n, "%zu", fixed_length(p, len));
        size_t used = strlen(lens), nused = strlen(names);
        snprintf(lens + used, sizeof lens - used, "%s%s", k > 0 ? ", " : "",
                 sym != NULL ? sym : n);
        snprintf(names + nused, sizeof names - nused, "%s%.*s", k > 0 ? ", " : "",
                 (int)len, p);
        p += p[len] == ',' ? len + 1 : len;
    }
    if (k == 0) {
        snprintf(buf, size, "scalar");
    } else {
        snprintf(buf, size, "[%s] (%s)", lens, names);
    }
}

/* The table row of docs/output.md that documents path, shape and units. */
static void expect_row(const char *path, const char *shape, const char *units)
{
    char row[512];
    snprintf(row, sizeof row, "\n| `%s` | %s | %s |", path, shape, units);
    cr_expect_not_null(strstr(doc, row), "docs/output.md lacks the row %s", row + 1);
}

static void expect_dataset(const ps_dataset_doc *d)
{
    char shape[256];
    shape_text(d->dims, shape, sizeof shape);
    expect_row(d->path, shape, d->units);
}

/* Dataset k of the schema's tables other than the series; NULL past the last. */
static const ps_dataset_doc *table_doc(size_t k)
{
    if (k < PS_N_NAMES) {
        return &PS_NAMES[k].doc;
    }
    k -= PS_N_NAMES;
    if (k < PS_N_OTHERS) {
        return &PS_OTHERS[k];
    }
    k -= PS_N_OTHERS;
    if (k < PS_N_RUN_SCALES) {
        return &PS_RUN_SCALES[k].doc;
    }
    k -= PS_N_RUN_SCALES;
    if (k == 0) {
        return &PS_QUANTILE_SCALE;
    }
    k -= 1;
    if (k < PS_N_COMPARE) {
        return &PS_COMPARE[k].doc;
    }
    k -= PS_N_COMPARE;
    if (k < PS_N_ENSEMBLE) {
        return &PS_ENSEMBLE[k].doc;
    }
    k -= PS_N_ENSEMBLE;
    if (k < PS_N_SWEEP_DATASETS) {
        return &PS_SWEEP[k].doc;
    }
    k -= PS_N_SWEEP_DATASETS;
    if (k < PS_N_CKPT_DATASETS) {
        return &PS_CHECKPOINT[k];
    }
    return k == PS_N_CKPT_DATASETS ? &PS_SWEEP_SERIES : NULL;
}

Test(record_schema, every_series_is_documented_with_shape_and_units)
{
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        char dims[128];
        ps_schema_series_dims(&PS_SERIES[k], dims, sizeof dims);
        ps_dataset_doc d = {PS_SERIES[k].path, PS_SERIES[k].units, dims, ""};
        expect_dataset(&d);
    }
}

Test(record_schema, every_list_of_names_and_other_dataset_is_documented)
{
    for (size_t k = 0; table_doc(k) != NULL; k++) {
        expect_dataset(table_doc(k));
    }
}

Test(record_schema, every_name_of_every_vocabulary_is_documented_with_its_meaning)
{
    for (size_t k = 0; k < PS_N_NAMES; k++) {
        const ps_names_spec *n = &PS_NAMES[k];
        for (size_t i = 0; n->meaning != NULL && i < n->count; i++) {
            char row[512];
            snprintf(row, sizeof row, "\n| `%s` | %s |", n->name(NULL, i), n->meaning(i));
            cr_expect_not_null(strstr(doc, row), "docs/output.md lacks the row %s",
                               row + 1);
        }
    }
    for (int e = 0; e < PS_N_EVENT_TYPES; e++) {
        static const char *const ROWS[] = {
#define EVENT_ROW(id, name, state, ngo, value)                                           \
    "\n| `" name "` | " state " | " ngo " | " value " |",
            PS_EVENT_TYPE_LIST(EVENT_ROW)
#undef EVENT_ROW
        };
        cr_expect_not_null(strstr(doc, ROWS[e]), "docs/output.md lacks the row %s",
                           ROWS[e] + 1);
    }
}

/* Whether path names a dataset of the schema. */
static bool in_schema(const char *path)
{
    for (size_t k = 0; k < PS_N_SERIES; k++) {
        if (strcmp(PS_SERIES[k].path, path) == 0) {
            return true;
        }
    }
    for (size_t k = 0; table_doc(k) != NULL; k++) {
        if (strcmp(table_doc(k)->path, path) == 0) {
            return true;
        }
    }
    return false;
}

Test(record_schema, every_dataset_documented_is_in_the_schema)
{
    size_t rows = 0;
    for (const char *p = strstr(doc, "\n| `/"); p != NULL; p = strstr(p + 1, "\n| `/")) {
        char path[256];
        const char *start = p + 4;
        size_t len = strcspn(start, "`");
        snprintf(path, sizeof path, "%.*s", (int)len, start);
        cr_expect(in_schema(path), "docs/output.md documents %s, which no file has",
                  path);
        rows++;
    }
    cr_assert_gt(rows, PS_N_SERIES, "docs/output.md: only %zu dataset rows found", rows);
}
