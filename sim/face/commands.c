/* commands.c - the commands of protsim, one row each (args.h): what --help says, the
 * options and their fields, and the function that calls the driver. A new command is
 * a row of COMMANDS plus its function; a new option is a row of its command. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "driver_sweep.h"
#include "paths.h"
#include "stats.h"

/* The lookup of ps_paths_scenario, in each command's --help. */
#define SHIPPED_NAMES                                                                    \
    "\n\nA file not in the working folder is looked up among the shipped scenarios "     \
    "(protsim --help): protsim run small_world, protsim check classroom/01-gap."

/* The default result file of an input file: "scenarios/small_world.cfg" ->
 * "small_world.h5" (in the current folder). */
static void default_output(const char *input, char *buf, size_t size)
{
    const char *base = strrchr(input, '/');
    base = base != NULL ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    int len = dot != NULL ? (int)(dot - base) : (int)strlen(base);
    snprintf(buf, size, "%.*s.h5", len, base);
}

/* ---- run ------------------------------------------------------------------------- */

/* --checkpoint-at YYYY-MM: the month. */
static ps_status parse_checkpoint_at(const char *text, void *opts, ps_error *err)
{
    if (!ps_month_parse(text, &((ps_run_options *)opts)->checkpoint_at)) {
        return ps_fail(err, PS_EINVAL,
                       "--checkpoint-at %s: expected a month YYYY-MM, e.g. 2024-12",
                       text);
    }
    return PS_OK;
}

#define RUN ps_run_options
static const ps_option RUN_OPTIONS[] = {
    PS_ARG(RUN, scenario, "SCENARIO"),
    PS_TEXT(RUN, output, "--output", "-o", "FILE.h5",
            "result file (default: the scenario's file name with .h5, in the current "
            "folder); written to a temporary name, renamed when done"),
    PS_COUNT(RUN, seed, "--seed", NULL, "N", 0, INT64_MAX, "a whole number >= 0",
             "run seed (default: the scenario's `seed`)"),
    PS_LIST(RUN, sets, n_sets, "--set", NULL, "path=value",
            "override a setting, e.g. --set time.end=2019-12 (repeatable)"),
    PS_COUNT(RUN, replicates, "--replicates", NULL, "R", 1, 100000, NULL,
             "R runs with seeds derived from N, on a replicate axis of one file; they "
             "run in parallel, one thread each (docs/output.md)"),
    PS_COUNT(RUN, threads, "--threads", NULL, "N", 1, 1024, NULL,
             "threads for the refugee kernel, or for the replicates; results do not "
             "depend on it"),
    PS_COUNT(RUN, compress, "--compress", NULL, "LEVEL", 0, 9, NULL,
             "deflate level of the series in FILE.h5: 1 (the default) fastest, 9 "
             "smallest, 0 none (faster still, about three times the size)"),
    PS_TEXT(RUN, parameters, "--parameters", NULL, "HM.h5",
            "run at the points of the plausible set of HM.h5 (protsim calibrate; "
            "docs/calibration.md), --replicates R at each (default 1): bands hold "
            "parameter and sampling uncertainty, and each target of the set is checked "
            "for coverage by the ensemble's 5-95% band"),
    PS_COUNT(RUN, points, "--points", "-n", "K", 1, 1000000, NULL,
             "with --parameters: the first K points of the set (default all)"),
    PS_CUSTOM("--checkpoint-at", NULL, "YYYY-MM", parse_checkpoint_at,
              "also keep the whole world at the end of that month in FILE.h5 "
              "(/checkpoint), for runs that go on from it with --from; the run itself "
              "is the usual one, every month of it"),
    PS_TEXT(RUN, from, "--from", NULL, "HIST.h5",
            "go on from the checkpoint in HIST.h5 (made with --checkpoint-at by this "
            "build): SCENARIO must agree with the history's scenario before the month "
            "after the checkpoint (only schedule entries from then on may differ); "
            "FILE.h5 holds the history's rows and then SCENARIO's, the same datasets as "
            "a run of SCENARIO from the start with the checkpoint's seed"),
    PS_FLAG(RUN, force, "--force", NULL, "replace FILE.h5 if it exists"),
    PS_FLAG(RUN, quiet, "--quiet", "-q", "no progress and no summary"),
};
static const RUN RUN_DEFAULTS = {.seed = PS_DRIVER_NO_SEED,
                                 .compress = PS_RECORD_COMPRESS};

static ps_status cmd_run(void *opts, ps_cli_env *env, ps_error *err)
{
    ps_run_options *opt = opts;
    char output[4096], shipped[PS_PATH_MAX];
    opt->scenario = ps_paths_scenario(opt->scenario, shipped, sizeof shipped);
    default_output(opt->scenario, output, sizeof output);
    opt->output = opt->output != NULL ? opt->output : output;
    opt->command_line = env->command_line;
    opt->interrupted = env->interrupted;
    return ps_driver_run(opt, err);
}

/* ---- compare --------------------------------------------------------------------- */

/* --fork YYYY-MM: the month. */
static ps_status parse_fork(const char *text, void *opts, ps_error *err)
{
    if (!ps_month_parse(text, &((ps_compare_options *)opts)->fork)) {
        return ps_fail(err, PS_EINVAL,
                       "--fork %s: expected a month YYYY-MM, e.g. 2025-01", text);
    }
    return PS_OK;
}

#define CMP ps_compare_options
static const ps_option COMPARE_OPTIONS[] = {
    PS_ARG(CMP, scenario[0], "A.cfg"),
    PS_ARG(CMP, scenario[1], "B.cfg"),
    PS_COUNT(CMP, replicates, "--replicates", "-n", "R", 2, PS_STATS_MAX_N, NULL,
             "paired replicates (default 20)"),
    PS_COUNT(CMP, seed, "--seed", NULL, "S", 0, INT64_MAX, "a whole number >= 0",
             "replicate r runs with a seed derived from S and r (default: A's `seed`)"),
    PS_LIST(CMP, sets, n_sets, "--set", NULL, "path=value",
            "override a setting of both A and B (repeatable)"),
    PS_TEXT(CMP, output, "--output", "-o", "FILE.h5",
            "also write the table and the series kept (--keep) to FILE.h5 (default: no "
            "file); written to a temporary name, renamed when done"),
    PS_TEXT(CMP, keep, "--keep", NULL, "WHAT",
            "what FILE.h5 keeps besides the table: summary (each replicate's metrics "
            "only), quantiles (also the 5/50/95% bands of every series of A and B, "
            "month by month; the default) or all (every replicate's every series)"),
    PS_COUNT(CMP, horizon, "--horizon", NULL, "YEAR", 1, 9999, "a year",
             "compare at the end of December of YEAR (default: the last full calendar "
             "year both scenarios simulate)"),
    PS_COUNT(CMP, compress, "--compress", NULL, "LEVEL", 0, 9, NULL,
             "deflate level of the series in FILE.h5: 1 (the default) fastest, 9 "
             "smallest, 0 none"),
    PS_COUNT(CMP, threads, "--threads", NULL, "N", 1, 1024, NULL,
             "replicates run in parallel, one thread each (default: all cores); the "
             "numbers do not depend on it"),
    PS_CUSTOM("--fork", NULL, "YYYY-MM", parse_fork,
              "the first month in which A and B may differ: each replicate's history "
              "up to it runs once and both arms go on from a copy of its world; the "
              "numbers are those of two runs from the start. A and B must agree before "
              "it (only schedule entries from it on may differ)"),
    PS_TEXT(CMP, parameters, "--parameters", NULL, "HM.h5",
            "compare at each point of the plausible set of HM.h5 (protsim calibrate): "
            "the effect over the points (median, 5-95%), the shares of points where B is "
            "better, worse or not distinguishable, and where B loses (PRIM); "
            "docs/calibration.md"),
    PS_COUNT(CMP, points, "--points", NULL, "K", 1, 1000000, NULL,
             "with --parameters: the first K points of the set (default all)"),
    PS_TEXT(CMP, discover, "--discover", NULL, "METRIC",
            "with --parameters: the metric whose losses scenario discovery explains "
            "(default poi)"),
    PS_FLAG(CMP, by_state, "--by-state", NULL,
            "also a table for each state: its own metrics, with the same statistics "
            "(A and B must have the same states)"),
    PS_FLAG(CMP, force, "--force", NULL, "replace FILE.h5 if it exists"),
    PS_FLAG(CMP, quiet, "--quiet", "-q", "no progress and no table"),
};
static const CMP COMPARE_DEFAULTS = {
    .replicates = 20, .seed = PS_DRIVER_NO_SEED, .compress = PS_RECORD_COMPRESS};

static ps_status cmd_compare(void *opts, ps_cli_env *env, ps_error *err)
{
    ps_compare_options *opt = opts;
    char shipped[2][PS_PATH_MAX];
    for (size_t k = 0; k < 2; k++) {
        opt->scenario[k] = ps_paths_scenario(opt->scenario[k], shipped[k], PS_PATH_MAX);
    }
    opt->command_line = env->command_line;
    opt->interrupted = env->interrupted;
    return ps_driver_compare(opt, err);
}

/* ---- sweep and merge ------------------------------------------------------------- */

/* K of "auto/N": the place of this task in its SLURM job array, from 1. */
static ps_status shard_from_slurm(const char *text, ps_sweep_options *opt, ps_error *err)
{
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *min = getenv("SLURM_ARRAY_TASK_MIN");
    uint64_t vid, vmin;
    if (id == NULL || min == NULL || !ps_args_count(id, 0, SIZE_MAX / 2, &vid) ||
        !ps_args_count(min, 0, vid, &vmin)) {
        return ps_fail(err, PS_EINVAL,
                       "--shard %s: auto needs SLURM_ARRAY_TASK_ID and "
                       "SLURM_ARRAY_TASK_MIN (a SLURM job array)",
                       text);
    }
    opt->shard = (size_t)(vid - vmin + 1);
    if (opt->shard > opt->n_shards) {
        return ps_fail(err, PS_EINVAL,
                       "--shard %s: task %zu of an array starting at %zu is part %zu, "
                       "not one of 1 to %zu",
                       text, (size_t)vid, (size_t)vmin, opt->shard, opt->n_shards);
    }
    return PS_OK;
}

/* "K/N" or "auto/N" into the shard of the sweep options. */
static ps_status parse_shard(const char *text, void *opts, ps_error *err)
{
    ps_sweep_options *opt = opts;
    char k[32];
    uint64_t v;
    const char *slash = strchr(text, '/');
    if (slash == NULL || slash - text >= (long)sizeof k) {
        return ps_fail(err, PS_EINVAL, "--shard %s: expected K/N, e.g. 2/8, or auto/N",
                       text);
    }
    snprintf(k, sizeof k, "%.*s", (int)(slash - text), text);
    if (!ps_args_count(slash + 1, 1, 1000000, &v)) {
        return ps_fail(err, PS_EINVAL,
                       "--shard %s: N must be a whole number from 1 to 1000000", text);
    }
    opt->n_shards = (size_t)v;
    if (strcmp(k, "auto") == 0) {
        return shard_from_slurm(text, opt, err);
    }
    if (!ps_args_count(k, 1, opt->n_shards, &v)) {
        return ps_fail(err, PS_EINVAL,
                       "--shard %s: K must be a whole number from 1 to %zu", text,
                       opt->n_shards);
    }
    opt->shard = (size_t)v;
    return PS_OK;
}

#define SWP ps_sweep_options
static const ps_option SWEEP_OPTIONS[] = {
    PS_ARG(SWP, sweep, "SWEEP.cfg"),
    PS_TEXT(SWP, output, "--output", "-o", "FILE.h5",
            "result file (default: the sweep file's name with .h5, in the current "
            "folder); written to a temporary name, renamed when done"),
    PS_FLAG(SWP, resume, "--resume", NULL,
            "finish the runs missing from FILE.h5.journal (after a kill, a preemption or "
            "Ctrl-C); without a journal, start afresh; with FILE.h5 complete already, "
            "do nothing"),
    PS_CUSTOM("--shard", NULL, "K/N", parse_shard,
              "run only part K of N (runs r with r % N = K - 1); merge the parts with "
              "protsim merge. auto/N takes K from SLURM's SLURM_ARRAY_TASK_ID - "
              "SLURM_ARRAY_TASK_MIN + 1"),
    PS_COUNT(SWP, threads, "--threads", NULL, "N", 1, 1024, NULL,
             "runs computed at once (default: every core; 1 per MPI rank)"),
    PS_FLAG(SWP, force, "--force", NULL,
            "replace FILE.h5, or start over from an old journal"),
    PS_FLAG(SWP, quiet, "--quiet", "-q", "no progress and no summary"),
};
static const SWP SWEEP_DEFAULTS = {.shard = 1, .n_shards = 1};

static ps_status cmd_sweep(void *opts, ps_cli_env *env, ps_error *err)
{
    ps_sweep_options *opt = opts;
    char output[4096], shipped[PS_PATH_MAX];
    opt->sweep = ps_paths_scenario(opt->sweep, shipped, sizeof shipped);
    default_output(opt->sweep, output, sizeof output);
    opt->output = opt->output != NULL ? opt->output : output;
    opt->command_line = env->command_line;
    opt->interrupted = env->interrupted;
    bool speak = true;
    ps_status st = ps_driver_sweep(opt, &speak, err);
    env->silent = !speak;
    return st;
}

#define MRG ps_merge_options
static const ps_option MERGE_OPTIONS[] = {
    PS_ARGS(MRG, parts, n_parts, "PART.h5"),
    {.name = "--output",
     .alias = "-o",
     .kind = PS_ARG_TEXT,
     .metavar = "FILE.h5",
     .help = "result file; written to a temporary name, renamed when done",
     PS_FIELD(MRG, output),
     .required = true},
    PS_FLAG(MRG, force, "--force", NULL, "replace FILE.h5 if it exists"),
    PS_FLAG(MRG, quiet, "--quiet", "-q", "no summary"),
};

static ps_status cmd_merge(void *opts, ps_cli_env *env, ps_error *err)
{
    ps_merge_options *opt = opts;
    opt->command_line = env->command_line;
    opt->interrupted = env->interrupted;
    return ps_driver_merge(opt, err);
}

/* ---- check, info, defaults ------------------------------------------------------- */

typedef struct check_options {
    const char *scenario;
    const char *const *sets;
    size_t n_sets;
} check_options;

static const ps_option CHECK_OPTIONS[] = {
    PS_ARG(check_options, scenario, "FILE"),
    PS_LIST(check_options, sets, n_sets, "--set", NULL, "path=value",
            "override a setting, e.g. --set time.end=2019-12 (repeatable)"),
};

/* A lesson file (NAME.lesson) is checked as a lesson, anything else as a scenario. */
static bool is_lesson(const char *path)
{
    size_t n = strlen(path), k = strlen(".lesson");
    return n > k && strcmp(path + n - k, ".lesson") == 0;
}

static ps_status cmd_check(void *opts, ps_cli_env *env, ps_error *err)
{
    check_options *opt = opts;
    char shipped[PS_PATH_MAX];
    opt->scenario = ps_paths_scenario(opt->scenario, shipped, sizeof shipped);
    if (is_lesson(opt->scenario)) {
        return opt->n_sets > 0
                   ? ps_fail(err, PS_EINVAL, "--set: a lesson file takes no --set")
                   : ps_lesson_check(opt->scenario, stdout, err);
    }
    return ps_driver_check(opt->scenario, opt->sets, opt->n_sets, env->interrupted,
                           stdout, err);
}

typedef struct info_options {
    const char *file;
} info_options;

static const ps_option INFO_OPTIONS[] = {PS_ARG(info_options, file, "FILE.h5")};

/* A file that cannot be described is bad input, whatever the reason. */
static ps_status cmd_info(void *opts, ps_cli_env *env, ps_error *err)
{
    (void)env;
    const info_options *opt = opts;
    ps_status st = ps_record_info(opt->file, stdout, err);
    if (st != PS_OK) {
        err->status = st = PS_EINVAL;
    }
    return st;
}

static ps_status cmd_defaults(void *opts, ps_cli_env *env, ps_error *err)
{
    (void)opts;
    (void)env;
    return ps_scenario_write_defaults(stdout, err);
}

/* ---- the table ------------------------------------------------------------------- */

static const ps_command COMMANDS[] = {
    {.name = "run",
     .synopsis = "SCENARIO",
     .summary = "run one simulation and write an HDF5 file",
     .description =
         "Run SCENARIO from its start to its end month and write every series to "
         "FILE.h5. On a terminal, progress goes to stderr; at the end, a summary in "
         "words: refugees by status in each state, exits, policy events and the "
         "regional protection index." SHIPPED_NAMES,
     .missing = "run needs exactly one SCENARIO",
     .options = PS_ROWS(RUN_OPTIONS),
     .opts_size = sizeof(RUN),
     .defaults = &RUN_DEFAULTS,
     .fn = cmd_run},
    {.name = "compare",
     .synopsis = "A B",
     .summary = "paired replicates of two scenarios: a table of differences",
     .description =
         "Run R paired replicates of scenarios A and B: replicate r of both runs with "
         "the same seed, so that their exogenous draws match (common random numbers). "
         "Print, for each outcome at the end of the horizon year, A's mean, B's mean, "
         "the paired difference B - A with a 95% confidence interval, a two-sided "
         "p-value and the test used: Wilcoxon's signed-rank test (Hodges-Lehmann "
         "estimate and interval) for counts (framework_steps, accessions) and for "
         "differences that are constant or skewed (|skewness| > 1); the paired t-test "
         "(mean difference, t interval) otherwise." SHIPPED_NAMES,
     .missing = "compare needs two scenarios, A and B",
     .options = PS_ROWS(COMPARE_OPTIONS),
     .opts_size = sizeof(CMP),
     .defaults = &COMPARE_DEFAULTS,
     .fn = cmd_compare},
    {.name = "sweep",
     .synopsis = "SWEEP",
     .summary = "run a parameter sweep (serially, threaded, MPI or shards)",
     .description =
         "Run every run of a sweep (design points x replicates; docs/sweeps.md) and "
         "write one HDF5 file. Each finished run is committed to FILE.h5.journal first; "
         "the file is written from the journal at the end and the journal removed. "
         "Under mpirun or srun the ranks share the runs (docs/cluster.md). The numbers "
         "do not depend on threads, ranks or shards." SHIPPED_NAMES
#ifdef PROTSIM_WITH_MPI
         "\n\nThis protsim was built with MPI.",
#else
         "\n\nThis protsim was built without MPI: use --threads or --shard.",
#endif
     .missing = "sweep needs a SWEEP file",
     .options = PS_ROWS(SWEEP_OPTIONS),
     .opts_size = sizeof(SWP),
     .defaults = &SWEEP_DEFAULTS,
     .fn = cmd_sweep},
    {.name = "merge",
     .synopsis = "PART...",
     .summary = "join the shard files of a sweep into one (-o FILE.h5)",
     .description =
         "Join the parts of one sweep, written by protsim sweep --shard K/N, into "
         "FILE.h5: the same file the sweep writes without --shard. Refuses parts of "
         "different sweeps (their digests differ), a run held by two parts, and runs "
         "no part holds.",
     .missing = "merge needs PART files and -o FILE.h5",
     .options = PS_ROWS(MERGE_OPTIONS),
     .opts_size = sizeof(MRG),
     .fn = cmd_merge},
    {.name = "check",
     .synopsis = "FILE",
     .summary = "validate a scenario, lesson, sweep, targets or calibration file",
     .description =
         "Validate FILE and print it resolved. A scenario is printed fully resolved "
         "(every setting, defaults included) in libconfig syntax that loads again to the "
         "same scenario. A classroom lesson (NAME.lesson) is checked as a lesson and "
         "printed with each slider's value in its scenario. A targets file (top-level "
         "`targets`) or a calibration file (`targets_file`) is printed as JSON, the form "
         "protsim calibrate reads (docs/calibration.md); a sweep file (`design`) as one "
         "line. Errors name the file and line." SHIPPED_NAMES,
     .missing = "check needs exactly one FILE",
     .options = PS_ROWS(CHECK_OPTIONS),
     .opts_size = sizeof(check_options),
     .fn = cmd_check},
    {.name = "info",
     .synopsis = "FILE.h5",
     .summary = "describe a result file in words",
     .description = "Describe a result file: scenario, seed, period, states, datasets "
                    "with shapes and units.",
     .missing = "info needs exactly one FILE.h5",
     .options = PS_ROWS(INFO_OPTIONS),
     .opts_size = sizeof(info_options),
     .fn = cmd_info},
    {.name = "defaults",
     .synopsis = "",
     .summary = "print every setting with unit, range and default",
     .description = "Print scenarios/defaults.cfg: every setting with its unit, range, "
                    "default and meaning.",
     .fn = cmd_defaults},
};

const ps_command *ps_commands(size_t *n)
{
    *n = sizeof COMMANDS / sizeof *COMMANDS;
    return COMMANDS;
}
