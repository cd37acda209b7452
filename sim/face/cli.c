/* cli.c - the protsim command line: find the command (a row of commands.c, or a helper
 * program protsim-NAME in the libexec folder), parse its arguments (args.c), run it,
 * print its error as one line "protsim: message" and map statuses to exit codes */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "paths.h"
#include "protsim/version.h"
#include "quote.h"

enum { EXIT_OK = 0, EXIT_RUN_FAILED = 1, EXIT_USAGE = 2 };

#define HELPER_PREFIX "protsim-"
#define MAX_NAMES 256 /* commands and helpers offered by "did you mean" */

static volatile sig_atomic_t interrupted; /* the one global: a signal handler's flag */

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* 0 ok; 2 bad usage or input (PS_EINVAL, PS_EEXIST); 1 anything else. */
static int exit_code(ps_status st)
{
    switch (st) {
    case PS_OK:
        return EXIT_OK;
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

static const ps_command *find_command(const char *name)
{
    size_t n;
    const ps_command *cmds = ps_commands(&n);
    for (size_t k = 0; k < n; k++) {
        if (strcmp(cmds[k].name, name) == 0) {
            return &cmds[k];
        }
    }
    return NULL;
}

/* ---- helper programs ------------------------------------------------------------- */

/* A helper's name: letters, digits, '-', '_' and '.', not starting with '-' or '.'. */
static bool is_helper_name(const char *name)
{
    if (name[0] == '\0' || name[0] == '-' || name[0] == '.') {
        return false;
    }
    return strspn(name,
                  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
           strlen(name);
}

/* The names NAME of the programs protsim-NAME in dir, into names (up to max; they point
 * into entries, which the caller frees); returns how many. */
static size_t list_helpers(const char *dir, char **entries, size_t max)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    for (struct dirent *e; d != NULL && n < max && (e = readdir(d)) != NULL;) {
        if (strncmp(e->d_name, HELPER_PREFIX, strlen(HELPER_PREFIX)) != 0) {
            continue;
        }
        const char *name = e->d_name + strlen(HELPER_PREFIX);
        char path[PS_PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (is_helper_name(name) && access(path, X_OK) == 0 &&
            (entries[n] = strdup(name)) != NULL) {
            n++;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

/* Run DIR/protsim-NAME with argv[2..], in place of this process: its exit status is
 * protsim's. Returns only when there is no such program (-1) or it cannot run. */
static int run_helper(const char *name, int argc, char **argv)
{
    char dir[PS_PATH_MAX], path[PS_PATH_MAX], exe[PS_PATH_MAX];
    if (!is_helper_name(name) || !ps_paths_find(PS_PATH_LIBEXEC, dir, sizeof dir)) {
        return -1;
    }
    int len = snprintf(path, sizeof path, "%s/%s%s", dir, HELPER_PREFIX, name);
    if (len < 0 || (size_t)len >= sizeof path || access(path, F_OK) != 0) {
        return -1;
    }
    char **args = calloc((size_t)argc, sizeof *args);
    if (args == NULL) {
        fprintf(stderr, "protsim: out of memory\n");
        return EXIT_RUN_FAILED;
    }
    args[0] = path;
    memcpy(args + 1, argv + 2, (size_t)(argc - 2) * sizeof *args);
    if (ps_paths_exe(exe, sizeof exe)) {
        setenv("PROTSIM_EXE", exe, 1); /* so that a helper can run this protsim */
    }
    execv(path, args);
    fprintf(stderr, "protsim: %s: cannot run: %s\n", path, strerror(errno));
    free(args);
    return EXIT_RUN_FAILED;
}

/* protsim --list-commands: "NAME<TAB>SUMMARY", the built-ins, then the helpers. */
static int list_commands(void)
{
    size_t n;
    const ps_command *cmds = ps_commands(&n);
    for (size_t k = 0; k < n; k++) {
        printf("%s\t%s\n", cmds[k].name, cmds[k].summary);
    }
    char dir[PS_PATH_MAX], *helpers[MAX_NAMES];
    size_t n_helpers = ps_paths_find(PS_PATH_LIBEXEC, dir, sizeof dir)
                           ? list_helpers(dir, helpers, MAX_NAMES)
                           : 0;
    for (size_t k = 0; k < n_helpers; k++) {
        if (find_command(helpers[k]) == NULL) {
            printf("%s\thelper program %s/%s%s\n", helpers[k], dir, HELPER_PREFIX,
                   helpers[k]);
        }
        free(helpers[k]);
    }
    return EXIT_OK;
}

/* "frobnicate: unknown command", with the nearest command or helper when one is near. */
static int unknown_command(const char *name)
{
    size_t n;
    const ps_command *cmds = ps_commands(&n);
    const char *names[MAX_NAMES];
    char dir[PS_PATH_MAX], *helpers[MAX_NAMES];
    size_t n_names = 0, n_helpers = 0;
    for (size_t k = 0; k < n && n_names < MAX_NAMES; k++) {
        names[n_names++] = cmds[k].name;
    }
    if (ps_paths_find(PS_PATH_LIBEXEC, dir, sizeof dir)) {
        n_helpers = list_helpers(dir, helpers, MAX_NAMES - n_names);
    }
    for (size_t k = 0; k < n_helpers; k++) {
        names[n_names++] = helpers[k];
    }
    const char *near = ps_args_nearest(name, names, n_names);
    if (near != NULL) {
        fprintf(stderr,
                "protsim: %s: unknown command (did you mean %s? see protsim --help)\n",
                name, near);
    } else {
        fprintf(stderr, "protsim: %s: unknown command (see protsim --help)\n", name);
    }
    for (size_t k = 0; k < n_helpers; k++) {
        free(helpers[k]);
    }
    return EXIT_USAGE;
}

/* ---- built-in commands ----------------------------------------------------------- */

static int run_command(const ps_command *cmd, int argc, char **argv)
{
    ps_parsed p;
    ps_error err = {0};
    ps_cli_env env = {.argc = argc, .argv = argv, .interrupted = &interrupted};
    ps_status st = ps_args_parse(cmd, argc, argv, &p, &err);
    if (st == PS_OK && p.help) {
        ps_args_help(cmd, stdout);
    } else if (st == PS_OK && p.version) {
        printf("protsim %s\n", ps_version());
    } else if (st == PS_OK && p.list_options) {
        ps_args_list_options(cmd, stdout);
    } else if (st == PS_OK) {
        char *line = ps_shell_join(argc, argv); /* quoted: pastes back */
        env.command_line = line;
        signal(SIGINT, on_signal); /* long work stops cleanly at the next step or run */
        signal(SIGTERM, on_signal);
        st = line != NULL ? cmd->fn(p.opts, &env, &err)
                          : ps_fail(&err, PS_ENOMEM, "out of memory");
        free(line);
    }
    ps_args_free(&p);
    return env.silent ? EXIT_OK : report(st, &err);
}

static bool is(const char *arg, const char *a, const char *b)
{
    return strcmp(arg, a) == 0 || (b != NULL && strcmp(arg, b) == 0);
}

int ps_cli_main(int argc, char **argv)
{
    size_t n;
    const ps_command *cmds = ps_commands(&n);
    if (argc < 2) {
        ps_args_main_help(cmds, n, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    const ps_command *cmd = find_command(name);
    if (cmd != NULL) {
        return run_command(cmd, argc, argv);
    }
    if (is(name, "help", NULL) && argc > 2 && find_command(argv[2]) != NULL) {
        ps_args_help(find_command(argv[2]), stdout); /* protsim help CMD */
        return EXIT_OK;
    }
    if (is(name, "--help", "-h") || is(name, "help", NULL)) {
        ps_args_main_help(cmds, n, stdout);
        return EXIT_OK;
    }
    if (is(name, "--version", NULL)) {
        printf("protsim %s\n", ps_version());
        return EXIT_OK;
    }
    if (is(name, "--paths", NULL)) {
        ps_paths_print(stdout);
        return EXIT_OK;
    }
    if (is(name, "--list-commands", NULL)) {
        return list_commands();
    }
    if (name[0] == '-') {
        fprintf(stderr, "protsim: %s: unknown option (see protsim --help)\n", name);
        return EXIT_USAGE;
    }
    int rc = run_helper(name, argc, argv);
    return rc >= 0 ? rc : unknown_command(name);
}
