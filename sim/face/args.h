/* args.h - the argv layer: every command of protsim is a row (name, summary, usage,
 * options, the function to call) and every option a row of its command; parsing,
 * --help, the man pages made from it and shell completion all read the same rows */
#ifndef PROTSIM_ARGS_H
#define PROTSIM_ARGS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "protsim/error.h"

typedef enum {
    PS_ARG_FLAG,   /* bool: true when given */
    PS_ARG_TEXT,   /* const char *, borrowed from argv */
    PS_ARG_COUNT,  /* a whole number in [min, max] into an int or a 64-bit field */
    PS_ARG_LIST,   /* repeatable: a const char *const * and its size_t count */
    PS_ARG_CUSTOM, /* parse(value, opts, err) checks the value and stores it */
} ps_arg_kind;

/* A CUSTOM option's interpreter: store value into the command's options or fail with
 * PS_EINVAL and a one-line message (the parser adds "(see protsim CMD --help)"). */
typedef ps_status ps_arg_parse_fn(const char *value, void *opts, ps_error *err);

/* One option, or one positional argument (name NULL, in the order they come). */
typedef struct ps_option {
    const char *name;       /* "--seed"; NULL: a positional argument */
    const char *alias;      /* "-n", or NULL */
    ps_arg_kind kind;       /* positional: TEXT (one) or LIST (the rest, one or more) */
    const char *metavar;    /* "N", "FILE.h5"; NULL for a flag */
    const char *help;       /* one paragraph for --help (wrapped there); NULL: hidden */
    size_t at, size;        /* the field in the command's options struct */
    size_t count_at;        /* LIST: the size_t field counting the values */
    uint64_t min, max;      /* COUNT */
    const char *expect;     /* COUNT: "a year"; NULL: "a number from MIN to MAX" */
    ps_arg_parse_fn *parse; /* CUSTOM */
    bool required;          /* an option the command cannot do without */
} ps_option;

/* Rows of a command's options struct T, e.g. PS_FLAG(ps_run_options, quiet, "--quiet",
 * "-q", "no progress and no summary"). */
#define PS_FIELD(T, f) .at = offsetof(T, f), .size = sizeof(((T *)0)->f)
#define PS_FLAG(T, f, name_, alias_, help_)                                              \
    {                                                                                    \
        .name = name_, .alias = alias_, .kind = PS_ARG_FLAG, .help = help_,              \
        PS_FIELD(T, f)                                                                   \
    }
#define PS_TEXT(T, f, name_, alias_, meta, help_)                                        \
    {                                                                                    \
        .name = name_, .alias = alias_, .kind = PS_ARG_TEXT, .metavar = meta,            \
        .help = help_, PS_FIELD(T, f)                                                    \
    }
#define PS_COUNT(T, f, name_, alias_, meta, lo, hi, expect_, help_)                      \
    {                                                                                    \
        .name = name_, .alias = alias_, .kind = PS_ARG_COUNT, .metavar = meta,           \
        .help = help_, PS_FIELD(T, f), .min = lo, .max = hi, .expect = expect_           \
    }
#define PS_LIST(T, f, n, name_, alias_, meta, help_)                                     \
    {                                                                                    \
        .name = name_, .alias = alias_, .kind = PS_ARG_LIST, .metavar = meta,            \
        .help = help_, PS_FIELD(T, f), .count_at = offsetof(T, n)                        \
    }
#define PS_CUSTOM(name_, alias_, meta, fn, help_)                                        \
    {                                                                                    \
        .name = name_, .alias = alias_, .kind = PS_ARG_CUSTOM, .metavar = meta,          \
        .help = help_, .parse = fn                                                       \
    }
/* Positional arguments: one (required), or all the rest (one or more). */
#define PS_ARG(T, f, meta)                                                               \
    {                                                                                    \
        .kind = PS_ARG_TEXT, .metavar = meta, PS_FIELD(T, f)                             \
    }
#define PS_ARGS(T, f, n, meta)                                                           \
    {                                                                                    \
        .kind = PS_ARG_LIST, .metavar = meta, PS_FIELD(T, f), .count_at = offsetof(T, n) \
    }

/* What a command's function gets besides its options. */
typedef struct ps_cli_env {
    int argc;
    char **argv;                        /* borrowed: the whole command line */
    const char *command_line;           /* argv joined by spaces, for result files */
    volatile sig_atomic_t *interrupted; /* set by SIGINT and SIGTERM */
    bool silent; /* set by the function: this process must not print (MPI rank > 0) */
} ps_cli_env;

/* A command's function: do the work with the parsed options (the function may fill in
 * fields the parser left, e.g. a default output). Returns a status with its message in
 * err; the face prints it and maps it to the exit status. */
typedef ps_status ps_command_fn(void *opts, ps_cli_env *env, ps_error *err);

/* One command. */
typedef struct ps_command {
    const char *name;        /* "compare" */
    const char *synopsis;    /* "A B": its arguments in the list of protsim --help */
    const char *summary;     /* one line: protsim --help, the NAME of its man page */
    const char *description; /* paragraphs ("\n\n" between) for protsim CMD --help */
    const char *missing;     /* the message when an argument or -o is missing */
    const ps_option *options;
    size_t n_options;
    size_t opts_size;     /* sizeof the options struct the rows point into */
    const void *defaults; /* its values before parsing; NULL: zeros */
    ps_command_fn *fn;
} ps_command;

#define PS_ROWS(rows) rows, sizeof rows / sizeof rows[0]

/* A command's arguments once parsed. */
typedef struct ps_parsed {
    void *opts;                       /* owned: the command's options struct */
    const char **values;              /* owned: the slots LIST values point into */
    bool help, version, list_options; /* --help, --version, --list-options */
} ps_parsed;

/* Parse argv[2..] (argv[1] is cmd's name) into out, which the caller frees with
 * ps_args_free. "--name value", "--name=value", "-n value", "--" ending the options.
 * Returns PS_OK; PS_EINVAL with "MESSAGE (see protsim CMD --help)" for an unknown
 * option, a missing or bad value, an argument too many or one missing; PS_ENOMEM. */
ps_status ps_args_parse(const ps_command *cmd, int argc, char **argv, ps_parsed *out,
                        ps_error *err);

/* Free what ps_args_parse allocated; a zeroed ps_parsed does nothing. */
void ps_args_free(ps_parsed *p);

/* A whole decimal number in [min, max] from all of text (no sign, no spaces); false on
 * anything else. */
bool ps_args_count(const char *text, uint64_t min, uint64_t max, uint64_t *out);

/* Of names[n], the one nearest to name (Levenshtein distance at most 2, and below the
 * length of name), for "did you mean"; NULL when none is near. */
const char *ps_args_nearest(const char *name, const char *const *names, size_t n);

/* --help of cmd on out: usage, description, options, exit status (help2man reads it). */
void ps_args_help(const ps_command *cmd, FILE *out);

/* One line per option of cmd, "NAME<TAB>METAVAR" (METAVAR empty for a flag), aliases
 * too, for shell completion. */
void ps_args_list_options(const ps_command *cmd, FILE *out);

/* The help of protsim itself: usage, the commands[n] with their summaries, the options
 * of protsim alone, environment and exit status. */
void ps_args_main_help(const ps_command *commands, size_t n, FILE *out);

#endif
