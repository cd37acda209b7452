/* version.c - the library's version */
#include "protsim/version.h"

const char *ps_version(void)
{
    return PROTSIM_VERSION;
}
