/* calibration_file.c - read and check calibration files (docs/calibration.md): the
 * model, base scenario and parameters as in sweep files (each range with its reason),
 * the targets file, the model discrepancy of each target, the implausibility cut and
 * the waves; and the whole as JSON for the calibration helper */
#define _XOPEN_SOURCE 700 /* strdup */
#include "protsim/sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config_read.h"
#include "settings.h"
#include "sweep_load.h"

#define member ps_node_member

static const char *const REPVAR_NAMES[PS_N_REPVAR] = {"run", "mean"};
_Static_assert(sizeof(ps_replicate_variance) == sizeof(int), "stored as int");

/* clang-format off */
#define CA(f) offsetof(ps_calibration, f)
#define SWF(f) offsetof(ps_calibration, sweep.f)
#define DI(f) offsetof(ps_discrepancy, f)
#define REAL(p, o, dv, lo, hi, u, d)                                                     \
    {.path = (p), .kind = PS_KIND_REAL, .unit = (u), .doc = (d), .offset = (o),         \
     .def = (dv), .min = (lo), .max = (hi)}

/* discrepancy.targets.[i] */
static const ps_setting DISCREPANCY_ROWS[] = {
    PS_SW_TEXT(ps_discrepancy, "target", target, PS_REQUIRED, "the target's name"),
    {.path = "share", .kind = PS_KIND_REAL, .flags = PS_OPTIONAL, .unit = "1",
     .doc = "sd as a share of |observed|", .offset = DI(share),
     .has_offset = DI(has_share), .min = 0, .max = 10},
    {.path = "sd", .kind = PS_KIND_REAL, .flags = PS_OPTIONAL, .unit = "",
     .doc = "the sd, in the target's units", .offset = DI(sd), .has_offset = DI(has_sd),
     .min = 0, .max = 1e15},
    PS_SW_TEXT(ps_discrepancy, "reason", reason, PS_REQUIRED, "why"),
};
static const ps_scope DISCREPANCY_SCOPE = {"discrepancy", DISCREPANCY_ROWS,
                                           sizeof DISCREPANCY_ROWS / sizeof *DISCREPANCY_ROWS,
                                           sizeof(ps_discrepancy)};

/* The settings of a calibration file (docs/calibration.md); custom rows are read by
 * the checks below, in their order. */
static const ps_setting CALIBRATION_ROWS[] = {
    PS_SW_CHOICE("model", SWF(model), 0, PS_MODEL_SCENARIO, PS_SWEEP_MODEL_NAMES,
                 PS_N_MODELS, "what runs compute: scenario or analytic"),
    {.path = "base", .kind = PS_KIND_STRING, .unit = "",
     .doc = "the base scenario, relative to this file", .offset = SWF(base),
     .n = sizeof(((ps_sweep *)0)->base)},
    PS_SW_OTHER("set", "fixed \"path=value\" overrides of the base"),
    REAL("noise", SWF(noise), 0, 0, 1e6, "1", "model analytic: sd of each output's noise"),
    PS_SW_OTHER("targets_file", "the targets file, relative to this file"),
    PS_SW_OTHER("parameters", "the free parameters: path, range, scale, reason"),
    PS_SW_COUNT("replicates", SWF(replicates), 4, 1, 1000, "runs",
                "runs per design point"),
    {.path = "seed", .kind = PS_KIND_INT64, .unit = "", .doc = "the calibration seed",
     .offset = SWF(seed), .def = 1},
    REAL("discrepancy.share", CA(discrepancy), 0.1, 0, 10, "1",
         "model discrepancy sd as a share of |observed|, for every target not listed"),
    PS_SW_TEXT(ps_calibration, "discrepancy.reason", discrepancy_reason, PS_REQUIRED,
               "why that share"),
    {.path = "discrepancy.targets", .kind = PS_KIND_LIST, .unit = "",
     .doc = "targets with their own discrepancy", .offset = CA(discrepancies),
     .n = PS_MAX_TARGETS, .aux_offset = CA(n_discrepancies), .elem = &DISCREPANCY_SCOPE},
    REAL("implausibility.cut", CA(cut), 3, 0.5, 100, "sd", "the cut on implausibility"),
    PS_SW_COUNT("implausibility.rank", CA(rank), 2, 1, 10, "",
                "which largest implausibility is cut: 1 the largest, 2 the second"),
    PS_SW_CHOICE("implausibility.replicate_variance", CA(repvar), 0, PS_REPVAR_RUN,
                 REPVAR_NAMES, PS_N_REPVAR,
                 "run: V_rep (history is one realisation); mean: V_rep / replicates"),
    PS_SW_COUNT("waves.count", CA(waves), 5, 1, 20, "waves", "most waves"),
    {.path = "waves.points", .kind = PS_KIND_COUNT, .flags = PS_REQUIRED,
     .unit = "points", .doc = "points per wave", .offset = CA(points), .min = 4,
     .max = 100000},
    PS_SW_COUNT("waves.candidates", CA(candidates), 20000, 100, 10000000, "points",
                "Latin hypercube points drawn to fill a wave's design"),
    PS_SW_COUNT("waves.test_points", CA(test_points), 20000, 100, 10000000, "points",
                "the fixed sample of the box that measures the space remaining"),
    REAL("waves.holdout", CA(holdout), 0.2, 0, 0.5, "1",
         "share of a wave's points held out to validate its emulators"),
    REAL("stop.shrink", CA(stop_shrink), 0.1, 0, 1, "1",
         "stop when a wave rules out less than this share of what remained"),
    REAL("stop.emulator", CA(stop_emulator), 0.1, 0, 10, "1",
         "or when V_em < this x (V_obs + V_md + V_rep) for every target"),
    PS_SW_COUNT("final.points", CA(final_points), 200, 1, 100000, "points",
                "points drawn from the last region and run to confirm it"),
    PS_SW_COUNT("final.replicates", CA(final_replicates), 4, 1, 1000, "runs",
                "runs per final point"),
    PS_SW_COUNT("emulator.active", CA(max_active), 8, 1, PS_SWEEP_MAX_PARAMS, "",
                "most parameters an emulator uses"),
};
/* clang-format on */

/* ---- checks ------------------------------------------------------------------------ */

typedef struct cal_loader {
    ps_sweep_loader sl; /* first: the sweep checks take it as theirs */
    ps_calibration *cal;
} cal_loader;

static cal_loader *cal_of(const ps_loader *pl, const ps_node *root, void *ctx)
{
    ps_sweep_loader_of(pl, root, ctx);
    return ctx;
}

static ps_status check_model(const ps_loader *pl, const ps_node *root, void *out,
                             void *ctx)
{
    cal_loader *cl = cal_of(pl, root, ctx);
    (void)out;
    if (cl->cal->sweep.model == PS_MODEL_ISHIGAMI) {
        return ps_settings_fail(pl, member(root, "model"),
                                "model = \"ishigami\": a calibration needs targets "
                                "(model scenario or analytic)");
    }
    ps_status st = ps_sweep_check_model(&cl->sl);
    return st == PS_OK ? ps_sweep_load_base(&cl->sl) : st;
}

static ps_status check_params(const ps_loader *pl, const ps_node *root, void *out,
                              void *ctx)
{
    cal_loader *cl = cal_of(pl, root, ctx);
    (void)out;
    ps_status st = ps_sweep_load_params(&cl->sl);
    size_t p = cl->cal->sweep.n_params;
    if (st == PS_OK && cl->cal->points < p + 2) {
        return ps_settings_fail(pl, member(root, "waves.points"),
                                "waves.points = %zu: the emulators' linear mean in %zu "
                                "parameters needs at least %zu",
                                cl->cal->points, p, p + 2);
    }
    return st;
}

static ps_status check_targets(const ps_loader *pl, const ps_node *root, void *out,
                               void *ctx)
{
    cal_loader *cl = cal_of(pl, root, ctx);
    const ps_node *node = member(root, "targets_file");
    (void)out;
    if (node == NULL) {
        return ps_settings_fail(pl, root, "targets_file: missing required setting");
    }
    ps_status st = ps_sweep_load_targets(&cl->sl, node, "targets_file");
    if (st == PS_OK && cl->cal->rank > cl->cal->sweep.targets->n) {
        return ps_settings_fail(pl, member(root, "implausibility.rank"),
                                "implausibility.rank = %zu: there are only %zu targets",
                                cl->cal->rank, cl->cal->sweep.targets->n);
    }
    return st;
}

/* The node of discrepancy.targets.[i] (for messages). */
static const ps_node *override_node(const ps_node *root, size_t i)
{
    return ps_node_elem(member(root, "discrepancy.targets"), (int)i);
}

/* One override: a target that exists, not listed before, with share or sd. */
static ps_status check_override(const ps_loader *pl, const ps_node *root,
                                const ps_calibration *cal, size_t i, long *target)
{
    const ps_discrepancy *d = &cal->discrepancies[i];
    const ps_node *node = override_node(root, i);
    *target = ps_targets_find(cal->sweep.targets, d->target);
    if (*target < 0) {
        return ps_settings_fail(pl, member(node, "target"),
                                "discrepancy.targets.[%zu].target = \"%s\": not a target "
                                "of %s",
                                i, d->target, cal->sweep.targets_path);
    }
    for (size_t k = 0; k < i; k++) {
        if (strcmp(cal->discrepancies[k].target, d->target) == 0) {
            return ps_settings_fail(pl, member(node, "target"),
                                    "discrepancy.targets.[%zu].target = \"%s\" repeats "
                                    "discrepancy.targets.[%zu]",
                                    i, d->target, k);
        }
    }
    if (d->has_share == d->has_sd) {
        return ps_settings_fail(pl, node, "discrepancy.targets.[%zu]: give share or sd",
                                i);
    }
    return PS_OK;
}

/* Each target's discrepancy sd: its override, or the default share of |observed|. */
static ps_status check_discrepancy(const ps_loader *pl, const ps_node *root, void *out,
                                   void *ctx)
{
    ps_calibration *cal = out;
    const ps_targets *t = cal->sweep.targets;
    (void)ctx;
    for (size_t k = 0; k < t->n; k++) {
        cal->md_sd[k] = cal->discrepancy * fabs(t->list[k].observed);
        cal->md_reason[k] = cal->discrepancy_reason;
    }
    for (size_t i = 0; i < cal->n_discrepancies; i++) {
        long k;
        ps_status st = check_override(pl, root, cal, i, &k);
        if (st != PS_OK) {
            return st;
        }
        const ps_discrepancy *d = &cal->discrepancies[i];
        cal->md_sd[k] = d->has_sd ? d->sd : d->share * fabs(t->list[k].observed);
        cal->md_reason[k] = d->reason;
    }
    return PS_OK;
}

static ps_format_check *const CALIBRATION_CHECKS[] = {check_model, check_params,
                                                      check_targets, check_discrepancy};
static const ps_scope CALIBRATION_SCOPE = {
    "calibration", CALIBRATION_ROWS, sizeof CALIBRATION_ROWS / sizeof *CALIBRATION_ROWS,
    sizeof(ps_calibration)};
static const ps_format CALIBRATION_FORMAT = {.scope = &CALIBRATION_SCOPE,
                                             .checks = CALIBRATION_CHECKS,
                                             .n_checks = sizeof CALIBRATION_CHECKS /
                                                         sizeof *CALIBRATION_CHECKS};

/* ---- loading ----------------------------------------------------------------------- */

void ps_calibration_destroy(ps_calibration *cal)
{
    if (cal != NULL) {
        ps_sweep_free_members(&cal->sweep);
        free(cal->text);
        free(cal);
    }
}

ps_status ps_calibration_load(const char *path, ps_calibration **out, ps_error *err)
{
    *out = NULL;
    ps_calibration *cal = calloc(1, sizeof *cal);
    if (cal == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: out of memory", path);
    }
    ps_status st = ps_config_read_text(path, &cal->text, err);
    char dir[4 * PS_SWEEP_TEXT];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash != NULL ? (int)(slash - path) : 0, path);
    snprintf(cal->source, sizeof cal->source, "%s", path);
    cal_loader cl = {.sl = {.dir = slash == path ? "/" : dir,
                            .sw = &cal->sweep,
                            .err = err,
                            .calibration = true},
                     .cal = cal};
    if (st == PS_OK) {
        st = ps_format_load_string(&CALIBRATION_FORMAT, cal->text, path, cl.sl.dir, NULL,
                                   cal, &cl, err);
    }
    free(cl.sl.sc);
    if (st != PS_OK) {
        ps_calibration_destroy(cal);
        return st;
    }
    *out = cal;
    return PS_OK;
}

/* ---- JSON -------------------------------------------------------------------------- */

static void key(FILE *out, const char *name)
{
    fprintf(out, ",\n \"%s\": ", name);
}

static void json_parameters(FILE *out, const ps_sweep *sw)
{
    fputs("[", out);
    for (size_t j = 0; j < sw->n_params; j++) {
        const ps_sweep_param *p = &sw->params[j];
        fputs(j > 0 ? ",\n  {\"name\": " : "\n  {\"name\": ", out);
        ps_json_string(out, p->name);
        fputs(", \"path\": ", out);
        ps_json_string(out, p->path);
        fputs(", \"unit\": ", out);
        ps_json_string(out, p->unit);
        fprintf(out, ", \"scale\": \"%s\", \"lo\": ", ps_scale_name(p->scale));
        ps_json_number(out, p->lo);
        fputs(", \"hi\": ", out);
        ps_json_number(out, p->hi);
        fprintf(out, ", \"integer\": %s, \"reason\": ", p->integer ? "true" : "false");
        ps_json_string(out, p->reason);
        fputs("}", out);
    }
    fputs("]", out);
}

/* Each target's model discrepancy, in the targets' order. */
static void json_discrepancies(FILE *out, const ps_calibration *cal)
{
    fputs("[", out);
    for (size_t k = 0; k < cal->sweep.targets->n; k++) {
        fputs(k > 0 ? ",\n  {\"target\": " : "\n  {\"target\": ", out);
        ps_json_string(out, cal->sweep.targets->list[k].name);
        fputs(", \"sd\": ", out);
        ps_json_number(out, cal->md_sd[k]);
        fputs(", \"reason\": ", out);
        ps_json_string(out, cal->md_reason[k]);
        fputs("}", out);
    }
    fputs("]", out);
}

static void json_number_key(FILE *out, const char *name, double x)
{
    key(out, name);
    ps_json_number(out, x);
}

static void json_settings(FILE *out, const ps_calibration *cal)
{
    json_number_key(out, "replicates", (double)cal->sweep.replicates);
    key(out, "seed");
    fprintf(out, "%llu",
            (unsigned long long)cal->sweep.seed); /* exact, unlike a double */
    json_number_key(out, "noise", cal->sweep.noise);
    json_number_key(out, "discrepancy_share", cal->discrepancy);
    json_number_key(out, "cut", cal->cut);
    json_number_key(out, "rank", (double)cal->rank);
    key(out, "replicate_variance");
    ps_json_string(out, REPVAR_NAMES[cal->repvar]);
    json_number_key(out, "waves", (double)cal->waves);
    json_number_key(out, "points", (double)cal->points);
    json_number_key(out, "candidates", (double)cal->candidates);
    json_number_key(out, "test_points", (double)cal->test_points);
    json_number_key(out, "holdout", cal->holdout);
    json_number_key(out, "stop_shrink", cal->stop_shrink);
    json_number_key(out, "stop_emulator", cal->stop_emulator);
    json_number_key(out, "final_points", (double)cal->final_points);
    json_number_key(out, "final_replicates", (double)cal->final_replicates);
    json_number_key(out, "max_active", (double)cal->max_active);
}

ps_status ps_calibration_write_json(const ps_calibration *cal, FILE *out, ps_error *err)
{
    const ps_sweep *sw = &cal->sweep;
    fputs("{\"kind\": \"calibration\"", out);
    key(out, "file");
    ps_json_string(out, cal->source);
    key(out, "model");
    ps_json_string(out, ps_sweep_model_name(sw->model));
    key(out, "base");
    ps_json_string(out, sw->model == PS_MODEL_SCENARIO ? sw->base : "");
    key(out, "set");
    fputs("[", out);
    for (size_t k = 0; k < sw->n_sets; k++) {
        fputs(k > 0 ? ", " : "", out);
        ps_json_string(out, sw->sets[k]);
    }
    fputs("]", out);
    key(out, "targets_file");
    ps_json_string(out, sw->targets_path);
    json_settings(out, cal);
    key(out, "parameters");
    json_parameters(out, sw);
    key(out, "discrepancies");
    json_discrepancies(out, cal);
    key(out, "targets");
    ps_status st = ps_targets_write_json(sw->targets, out, err);
    fputs("\n}\n", out);
    return st == PS_OK && ferror(out) ? ps_fail(err, PS_EIO, "cannot write the JSON")
                                      : st;
}
