/* driver_sweep.c - `protsim sweep`: the choice between a sweep alone on this machine
 * (sweep_job.c) and one shared by MPI ranks (driver_mpi.c) */
#define _POSIX_C_SOURCE 200809L
#include "driver_sweep.h"

#include <stdlib.h>

/* Whether mpirun or srun started this process: variables their launchers set. */
static bool mpi_launched(void)
{
    static const char *const VARS[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK",
                                       "PMI_SIZE", "MPI_LOCALNRANKS"};
    for (size_t k = 0; k < sizeof VARS / sizeof VARS[0]; k++) {
        if (getenv(VARS[k]) != NULL) {
            return true;
        }
    }
    return false;
}

/* The sweep alone, or shared by MPI ranks when mpirun or srun started it. A build
 * without MPI refuses to run under mpirun: every rank would run the whole sweep. */
ps_status ps_driver_sweep(const ps_sweep_options *opt, bool *speak, ps_error *err)
{
    *speak = true;
    if (!mpi_launched()) {
        return ps_driver_sweep_alone(opt, err);
    }
#ifdef PROTSIM_WITH_MPI
    return ps_driver_mpi_sweep(opt, speak, err);
#else
    return ps_fail(err, PS_EINVAL,
                   "started by mpirun or srun, but this protsim was built "
                   "without MPI (every rank would run the whole sweep): rebuild with "
                   "MPI, or use --shard K/N");
#endif
}
