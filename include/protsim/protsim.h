/* protsim.h - umbrella header of the protsim library */
#ifndef PROTSIM_PROTSIM_H
#define PROTSIM_PROTSIM_H

#include "protsim/error.h"
#include "protsim/indicators.h"
#include "protsim/record.h"
#include "protsim/scenario.h"
#include "protsim/summary.h"
#include "protsim/sweep.h"
#include "protsim/version.h"
#include "protsim/world.h"

#endif
