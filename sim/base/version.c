/* version.c - the library's version and how it was built */
#include "protsim/version.h"

#include "protsim/build_info.h" /* generated at build time: cmake/build_info.cmake */

const char *ps_version(void)
{
    return PROTSIM_VERSION;
}

const ps_build_info *ps_build(void)
{
    static const ps_build_info info = {
        .revision = PS_BUILD_REVISION,
        .build_type = PS_BUILD_TYPE,
        .flags = PS_BUILD_FLAGS,
        .compiler = PS_BUILD_COMPILER,
        .gsl = PS_BUILD_GSL,
        .hdf5 = PS_BUILD_HDF5,
        .libconfig = PS_BUILD_LIBCONFIG,
    };
    return &info;
}
