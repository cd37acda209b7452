/* sweep_load.h - what the readers of sweep files and calibration files share: the rows
 * of a parameter, the loader of one file, and the checks of the model, the base
 * scenario with its fixed overrides, the parameters and the targets */
#ifndef PROTSIM_SWEEP_LOAD_H
#define PROTSIM_SWEEP_LOAD_H

#include "protsim/sweep.h"
#include "settings.h"

/* Rows of a struct T (clang-format keeps away from the tables that use them). */
#define PS_SW_TEXT(T, p, f, fl, d)                                                       \
    {                                                                                    \
        .path = (p), .kind = PS_KIND_STRING, .flags = (fl), .unit = "", .doc = (d),      \
        .offset = offsetof(T, f), .n = sizeof(((T *)0)->f)                               \
    }
#define PS_SW_CHOICE(p, o, fl, dv, nm, nn, d)                                            \
    {                                                                                    \
        .path = (p), .kind = PS_KIND_ENUM, .flags = (fl), .unit = "", .doc = (d),        \
        .offset = (o), .def = (dv), .names = (nm), .n = (nn)                             \
    }
#define PS_SW_COUNT(p, o, dv, lo, hi, u, d)                                              \
    {                                                                                    \
        .path = (p), .kind = PS_KIND_COUNT, .unit = (u), .doc = (d), .offset = (o),      \
        .def = (dv), .min = (lo), .max = (hi)                                            \
    }
#define PS_SW_OTHER(p, d)                                                                \
    {                                                                                    \
        .path = (p), .kind = PS_KIND_CUSTOM, .unit = "", .doc = (d)                      \
    }

/* Names of the models, for their ENUM rows. */
extern const char *const PS_SWEEP_MODEL_NAMES[PS_N_MODELS];

/* Keeps the nearest of the candidates offered to it, for "did you mean". */
typedef struct ps_sweep_hint {
    const char *name; /* looked for */
    size_t best;      /* SIZE_MAX at first */
    char text[128];   /* the nearest so far; "" for none */
} ps_sweep_hint;

/* Offer the first len characters of candidate (kept when within 3 edits and nearer). */
void ps_sweep_hint_offer(ps_sweep_hint *h, const char *candidate, size_t len);

/* The caller's side of loading one sweep or calibration file. */
typedef struct ps_sweep_loader {
    const ps_loader *pl; /* the engine's: file and messages */
    const char *dir;     /* folder of the file: base and targets are relative to it */
    ps_sweep *sw;        /* being filled: model, base, set, parameters, targets */
    ps_scenario *sc;     /* owned: the base scenario (model scenario), for list sizes */
    const ps_node *root; /* of the file */
    ps_error *err;
    bool calibration; /* a calibration file: every parameter needs a reason */
} ps_sweep_loader;

/* The loader of a format check, with the engine's side filled in. */
ps_sweep_loader *ps_sweep_loader_of(const ps_loader *pl, const ps_node *root, void *ctx);

/* Settings that belong to another model are refused. */
ps_status ps_sweep_check_model(const ps_sweep_loader *ld);

/* model scenario: set and the base scenario, loaded with them (ld->sc, the base text,
 * start and steps). */
ps_status ps_sweep_load_base(ps_sweep_loader *ld);

/* parameters: paths checked against the model's settings, ranges or values. */
ps_status ps_sweep_load_params(const ps_sweep_loader *ld);

/* The targets file named by node (relative to ld->dir), loaded against the base
 * scenario or the test model's outputs, into ld->sw->targets; where names the setting
 * in messages. */
ps_status ps_sweep_load_targets(const ps_sweep_loader *ld, const ps_node *node,
                                const char *where);

#endif
