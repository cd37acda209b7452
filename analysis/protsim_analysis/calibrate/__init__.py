"""History matching of protsim with emulators (docs/calibration.md).

    protsim calibrate CAL.cfg -o hm.h5        # waves of runs, emulators, the plausible set

The files (targets, calibration) are read and checked by protsim itself (`protsim check
CAL.cfg` prints them as JSON); the runs of every wave go through `protsim sweep` (so
threads, MPI, shards, SLURM arrays and --resume all work); the statistics are here:

    config      the calibration as protsim check gives it
    design      space-filling designs inside the non-implausible region
    emulator    one Gaussian-process emulator per target (mean and replicate variance)
    implausibility
                I = |z - E| / sqrt(V_obs + V_md + V_em + V_rep), cut on the k-th largest
    waves       the loop: design, sweep, emulators, diagnostics, cut, stopping rule
    hmfile      the file hm.h5 (every wave, the final sample, the plausible set)
    plots       optical depth, emulator validation, targets against the ensemble
"""
