/* cli.c - the protsim command line: parse arguments, call a driver, print errors as
 * one line "protsim: message", and map statuses to exit codes (0, 1, 2) */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

#define PS_MAX_SETS 256

enum { EXIT_RUN_FAILED = 1, EXIT_USAGE = 2 };

static volatile sig_atomic_t interrupted; /* the one global: a signal handler's flag */

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static const char *const MAIN_HELP =
    "usage: protsim COMMAND [options]\n"
    "\n"
    "protsim simulates refugee-protection outcomes in Asia: states, NGOs, a regional\n"
    "NGO network, UNHCR and individual refugees, month by month (docs/model.md).\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      run one simulation and write an HDF5 file\n"
    "  compare A B       paired replicates of two scenarios: a table of differences\n"
    "  sweep SWEEP       run a parameter sweep (serially, threaded, MPI or shards)\n"
    "  merge PART...     join the shard files of a sweep into one (-o FILE.h5)\n"
    "  check SCENARIO    validate and print the fully resolved scenario\n"
    "  info FILE.h5      describe a result file in words\n"
    "  defaults          print every setting with unit, range and default\n"
    "\n"
    "protsim COMMAND --help shows a command's options; protsim --version its version.\n"
    "Exit status: 0 success, 1 the run failed, 2 bad usage or bad scenario.\n";

static const char *const RUN_HELP =
    "usage: protsim run SCENARIO [-o FILE.h5] [--seed N] [--set path=value]...\n"
    "                   [--replicates R] [--threads N] [--force] [--quiet]\n"
    "\n"
    "Run SCENARIO from its start to its end month and write every series to FILE.h5\n"
    "(default: the scenario's file name with .h5, in the current folder).\n"
    "\n"
    "  -o FILE.h5          result file; written to a temporary name, renamed when done\n"
    "  --seed N            run seed (default: the scenario's `seed`)\n"
    "  --set path=value    override a setting, e.g. --set time.end=2019-12 (repeatable)\n"
    "  --replicates R      R runs with seeds derived from N, on a replicate axis of one\n"
    "                      file; they run in parallel, one thread each (docs/output.md)\n"
    "  --threads N         threads for the refugee kernel, or for the replicates; "
    "results\n"
    "                      do not depend on it\n"
    "  --force             replace FILE.h5 if it exists\n"
    "  --quiet             no progress and no summary\n";

static const char *const CHECK_HELP =
    "usage: protsim check SCENARIO [--set path=value]...\n"
    "\n"
    "Validate SCENARIO and print it fully resolved (every setting, defaults included)\n"
    "in libconfig syntax that loads again to the same scenario.\n";

static const char *const INFO_HELP =
    "usage: protsim info FILE.h5\n"
    "\n"
    "Describe a result file: scenario, seed, period, states, datasets with shapes and\n"
    "units.\n";

static const char *const DEFAULTS_HELP =
    "usage: protsim defaults\n"
    "\n"
    "Print scenarios/defaults.cfg: every setting with its unit, range, default and\n"
    "meaning.\n";

/* Parsed arguments common to the commands. */
typedef struct args {
    const char *positional[2];
    size_t n_positional;
    const char *sets[PS_MAX_SETS];
    size_t n_sets;
    const char *output, *seed, *threads, *replicates;
    bool quiet, force, help;
} args;

/* The value of an option, from "--opt=value" or the next argument. */
static const char *option_value(int argc, char **argv, int *k, const char *name)
{
    size_t len = strlen(name);
    if (strncmp(argv[*k], name, len) == 0 && argv[*k][len] == '=') {
        return argv[*k] + len + 1;
    }
    if (*k + 1 < argc) {
        return argv[++*k];
    }
    return NULL;
}

static bool is_option(const char *arg, const char *name)
{
    size_t len = strlen(name);
    return strncmp(arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

/* Parse argv[2..] into a; returns 0 or an exit status after printing the problem. */
static int parse(int argc, char **argv, const char *cmd, args *a)
{
    for (int k = 2; k < argc; k++) {
        const char *arg = argv[k];
        const char **slot = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->help = true;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            a->quiet = true;
        } else if (strcmp(arg, "--force") == 0) {
            a->force = true;
        } else if (is_option(arg, "-o") || is_option(arg, "--output")) {
            slot = &a->output;
        } else if (is_option(arg, "--seed")) {
            slot = &a->seed;
        } else if (is_option(arg, "--threads")) {
            slot = &a->threads;
        } else if (is_option(arg, "--replicates")) {
            slot = &a->replicates;
        } else if (is_option(arg, "--set")) {
            if (a->n_sets == PS_MAX_SETS) {
                return ps_driver_usage_error(cmd, "%s: too many --set options", arg);
            }
            slot = &a->sets[a->n_sets++];
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return ps_driver_usage_error(cmd, "%s: unknown option", arg);
        } else if (a->n_positional < 2) {
            a->positional[a->n_positional++] = arg;
        } else {
            return ps_driver_usage_error(cmd, "%s: unexpected argument", arg);
        }
        if (slot != NULL &&
            (*slot = option_value(argc, argv, &k, arg[1] == 'o' ? "-o" : arg)) == NULL) {
            return ps_driver_usage_error(cmd, "%s needs a value", arg);
        }
    }
    return 0;
}

static int exit_code(ps_status st)
{
    switch (st) {
    case PS_OK:
        return 0;
    case PS_EINVAL:
    case PS_EEXIST:
        return EXIT_USAGE;
    default:
        return EXIT_RUN_FAILED;
    }
}

static int report(ps_status st, const ps_error *err)
{
    if (st != PS_OK) {
        fprintf(stderr, "protsim: %s\n", err->msg);
    }
    return exit_code(st);
}

static int cmd_run(int argc, char **argv, const args *a)
{
    if (a->n_positional != 1) {
        return ps_driver_usage_error("run", "%s", "run needs exactly one SCENARIO");
    }
    char output[4096];
    ps_driver_default_output(a->positional[0], output, sizeof output);
    ps_run_options opt = {.scenario = a->positional[0],
                          .output = a->output != NULL ? a->output : output,
                          .sets = a->sets,
                          .n_sets = a->n_sets,
                          .quiet = a->quiet,
                          .force = a->force,
                          .interrupted = &interrupted};
    uint64_t v;
    if (a->seed != NULL) {
        if (!ps_driver_parse_count(a->seed, 0, 9223372036854775807ull, &v)) {
            return ps_driver_usage_error("run", "--seed %s: expected a whole number >= 0",
                                         a->seed);
        }
        opt.has_seed = true;
        opt.seed = v;
    }
    if (a->threads != NULL) {
        if (!ps_driver_parse_count(a->threads, 1, 1024, &v)) {
            return ps_driver_usage_error(
                "run", "--threads %s: expected a number from 1 to 1024", a->threads);
        }
        opt.threads = (int)v;
    }
    if (a->replicates != NULL) {
        if (!ps_driver_parse_count(a->replicates, 1, 100000, &v)) {
            return ps_driver_usage_error(
                "run", "--replicates %s: expected a number from 1 to 100000",
                a->replicates);
        }
        opt.replicates = (size_t)v;
    }
    char *line = ps_driver_command_line(argc, argv);
    opt.command_line = line;
    ps_error err = {0};
    ps_status st = ps_driver_run(&opt, &err);
    free(line);
    return report(st, &err);
}

static int cmd_check(int argc, char **argv, const args *a)
{
    (void)argc;
    (void)argv;
    if (a->n_positional != 1) {
        return ps_driver_usage_error("check", "%s", "check needs exactly one SCENARIO");
    }
    ps_scenario *sc = calloc(1, sizeof *sc);
    if (sc == NULL) {
        fprintf(stderr, "protsim: out of memory\n");
        return EXIT_RUN_FAILED;
    }
    ps_error err = {0};
    ps_status st =
        ps_driver_load_scenario(a->positional[0], a->sets, a->n_sets, sc, &err);
    if (st == PS_OK) {
        st = ps_scenario_dump(sc, stdout, &err);
    }
    free(sc);
    return report(st, &err);
}

static int cmd_info(int argc, char **argv, const args *a)
{
    (void)argc;
    (void)argv;
    if (a->n_positional != 1) {
        return ps_driver_usage_error("info", "%s", "info needs exactly one FILE.h5");
    }
    ps_error err = {0};
    ps_status st = ps_record_info(a->positional[0], stdout, &err);
    return st == PS_OK ? 0 : (fprintf(stderr, "protsim: %s\n", err.msg), EXIT_USAGE);
}

static int cmd_defaults(int argc, char **argv, const args *a)
{
    (void)argc;
    (void)argv;
    if (a->n_positional != 0) {
        return ps_driver_usage_error("defaults", "%s", "defaults takes no arguments");
    }
    ps_error err = {0};
    return report(ps_scenario_write_defaults(stdout, &err), &err);
}

/* compare parses its own arguments (driver_compare.c). */
static int cmd_compare(int argc, char **argv, const args *a)
{
    (void)a;
    ps_error err = {0};
    char *line = ps_driver_command_line(argc, argv);
    ps_status st = ps_cli_compare(argc, argv, line, &interrupted, &err);
    free(line);
    return report(st, &err);
}

/* sweep and merge parse their own arguments and print their own messages (under MPI
 * only rank 0 speaks): driver_sweep.c, driver_merge.c. */
static int cmd_sweep(int argc, char **argv, const args *a)
{
    (void)a;
    return ps_driver_sweep_main(argc, argv, &interrupted);
}

static int cmd_merge(int argc, char **argv, const args *a)
{
    (void)a;
    return ps_driver_merge_main(argc, argv, &interrupted);
}

/* The commands: name, help text and the function that runs it; a command without help
 * text parses its own arguments, --help included. */
typedef struct command {
    const char *name, *help;
    int (*fn)(int argc, char **argv, const args *a);
} command;

static const command COMMANDS[] = {
    {"run", RUN_HELP, cmd_run},
    {"compare", NULL, cmd_compare},
    {"sweep", NULL, cmd_sweep},
    {"merge", NULL, cmd_merge},
    {"check", CHECK_HELP, cmd_check},
    {"info", INFO_HELP, cmd_info},
    {"defaults", DEFAULTS_HELP, cmd_defaults},
};

static const command *find_command(const char *name)
{
    for (size_t k = 0; k < sizeof COMMANDS / sizeof *COMMANDS; k++) {
        if (strcmp(COMMANDS[k].name, name) == 0) {
            return &COMMANDS[k];
        }
    }
    return NULL;
}

int ps_cli_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(MAIN_HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("protsim %s\n", ps_version());
        return 0;
    }
    const command *cmd = find_command(argv[1]);
    if (cmd == NULL) {
        fprintf(stderr, "protsim: %s: unknown command (see protsim --help)\n", argv[1]);
        return EXIT_USAGE;
    }
    signal(SIGINT, on_signal); /* long work stops cleanly at the next step or run */
    signal(SIGTERM, on_signal);
    if (cmd->help == NULL) {
        return cmd->fn(argc, argv, NULL);
    }
    args a = {0};
    int rc = parse(argc, argv, cmd->name, &a);
    if (rc == 0 && a.help) {
        fputs(cmd->help, stdout);
        return 0;
    }
    return rc != 0 ? rc : cmd->fn(argc, argv, &a);
}
