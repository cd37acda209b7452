/* protsim.h - umbrella header of the protsim library */
#ifndef PROTSIM_PROTSIM_H
#define PROTSIM_PROTSIM_H

#define PROTSIM_VERSION "0.1.0"

#include "protsim/error.h"
#include "protsim/indicators.h"
#include "protsim/record.h"
#include "protsim/scenario.h"
#include "protsim/world.h"

/* The library's version string, e.g. "0.1.0". */
const char *ps_version(void);

#endif
