/* help.c - --help and the completion lists, generated from the option tables (args.h).
 * The layout is the one help2man reads: "Usage:" line, description paragraphs,
 * "Options:" with two-space-separated tags, "Environment:", "Exit status:" */
#include "args.h"

#include <string.h>

#define WIDTH 80      /* lines have at most WIDTH - 1 characters */
#define TAG_COLUMN 24 /* where an option's help starts */
#define CMD_COLUMN 20 /* where a command's summary starts in protsim --help */

/* The options every command has (args.c handles them). */
static const ps_option UNIVERSAL[] = {
    {.name = "--help", .alias = "-h", .help = "show this help and exit"},
    {.name = "--version", .help = "show the version of protsim and exit"},
};

static const char *const EXIT_STATUS =
    "Exit status:\n"
    "  0  success\n"
    "  1  the run failed (or was interrupted)\n"
    "  2  bad usage or bad input: the message names the file and line\n";

/* Print text from column col onwards, words wrapped before WIDTH; continuation lines
 * start at column indent. "\n" breaks the line, "\n\n" starts a paragraph, and a line
 * that starts with a space is printed as it is (examples). */
static void wrap(FILE *out, const char *text, size_t col, size_t indent)
{
    bool fresh = true; /* nothing printed on this line yet */
    for (const char *p = text; *p != '\0';) {
        if (*p == '\n') {
            bool paragraph = p[1] == '\n';
            fprintf(out, "%s%*s", paragraph ? "\n\n" : "\n", (int)indent, "");
            p += paragraph ? 2 : 1;
            col = indent;
            fresh = true;
            if (*p == ' ') {
                size_t len = strcspn(p, "\n");
                fwrite(p, 1, len, out);
                p += len;
                fresh = false;
            }
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t len = strcspn(p, " \n");
        if (!fresh && col + 1 + len >= WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = indent;
            fresh = true;
        }
        if (!fresh) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, len, out);
        col += len;
        p += len;
        fresh = false;
    }
    fputc('\n', out);
}

/* tag (of len characters) padded to column, or on a line of its own when too long. */
static void print_tag(FILE *out, const char *tag, int len, int column)
{
    if (len + 2 <= column) {
        fprintf(out, "%-*s", column, tag);
    } else {
        fprintf(out, "%s\n%*s", tag, column, "");
    }
}

/* "  -o, --output FILE.h5" or "      --seed N", padded to TAG_COLUMN, then the help. */
static void print_option(FILE *out, const ps_option *o)
{
    char tag[128];
    int len =
        snprintf(tag, sizeof tag, "  %s%s%s%s%s", o->alias != NULL ? o->alias : "  ",
                 o->alias != NULL ? ", " : "  ", o->name, o->metavar != NULL ? " " : "",
                 o->metavar != NULL ? o->metavar : "");
    print_tag(out, tag, len, TAG_COLUMN);
    wrap(out, o->help, TAG_COLUMN, TAG_COLUMN);
}

/* "Usage: protsim compare A.cfg B.cfg [OPTION]...", and required options. */
static void print_usage(FILE *out, const ps_command *cmd)
{
    fprintf(out, "Usage: protsim %s", cmd->name);
    for (size_t k = 0; k < cmd->n_options; k++) {
        const ps_option *o = &cmd->options[k];
        if (o->name == NULL) {
            fprintf(out, " %s%s", o->metavar, o->kind == PS_ARG_LIST ? "..." : "");
        }
    }
    for (size_t k = 0; k < cmd->n_options; k++) {
        const ps_option *o = &cmd->options[k];
        if (o->name != NULL && o->required) {
            fprintf(out, " %s %s", o->alias != NULL ? o->alias : o->name, o->metavar);
        }
    }
    fputs(" [OPTION]...\n", out);
}

void ps_args_help(const ps_command *cmd, FILE *out)
{
    print_usage(out, cmd);
    fputc('\n', out);
    wrap(out, cmd->description, 0, 0);
    fputs("\nOptions:\n", out);
    for (size_t k = 0; k < cmd->n_options; k++) {
        if (cmd->options[k].name != NULL && cmd->options[k].help != NULL) {
            print_option(out, &cmd->options[k]);
        }
    }
    for (size_t k = 0; k < sizeof UNIVERSAL / sizeof *UNIVERSAL; k++) {
        print_option(out, &UNIVERSAL[k]);
    }
    fputc('\n', out);
    fputs(EXIT_STATUS, out);
}

/* "NAME<TAB>METAVAR" of o and of its alias. */
static void list_option(FILE *out, const ps_option *o)
{
    const char *meta = o->metavar != NULL ? o->metavar : "";
    fprintf(out, "%s\t%s\n", o->name, meta);
    if (o->alias != NULL) {
        fprintf(out, "%s\t%s\n", o->alias, meta);
    }
}

void ps_args_list_options(const ps_command *cmd, FILE *out)
{
    for (size_t k = 0; k < cmd->n_options; k++) {
        if (cmd->options[k].name != NULL && cmd->options[k].help != NULL) {
            list_option(out, &cmd->options[k]);
        }
    }
    for (size_t k = 0; k < sizeof UNIVERSAL / sizeof *UNIVERSAL; k++) {
        list_option(out, &UNIVERSAL[k]);
    }
}

static const char *const MAIN_INTRO =
    "protsim simulates refugee-protection outcomes in Asia: states, NGOs, a regional "
    "NGO network, UNHCR and individual refugees, month by month (docs/model.md).";

static const char *const MAIN_OUTRO =
    "protsim COMMAND --help shows a command's options. Any other NAME runs the helper "
    "program protsim-NAME from protsim's libexec folder with the arguments that follow "
    "(protsim --paths shows where protsim looks).\n\n"
    "A SCENARIO or SWEEP file is looked up in this order: the file of that name from the "
    "working folder; then, unless the name starts with /, ./ or ../, the shipped "
    "scenarios: DATA/scenarios/NAME and DATA/scenarios/NAME.cfg, DATA being "
    "$PROTSIM_DATA_DIR, EXE/../share/protsim or EXE/share/protsim (the first that is a "
    "folder). So protsim run small_world, protsim check classroom/01-gap.lesson and "
    "protsim sweep sweeps/small run what protsim ships, from any folder.";

static const ps_option MAIN_OPTIONS[] = {
    {.name = "--help", .alias = "-h", .help = "show this help and exit"},
    {.name = "--version", .help = "show the version of protsim and exit"},
    {.name = "--paths",
     .help = "show where protsim looks for its helper programs and shipped data, and "
             "what it found"},
};

static const ps_option ENVIRONMENT[] = {
    {.name = "PROTSIM_LIBEXEC_DIR",
     .help = "the folder of helper programs, instead of EXE/../libexec/protsim and then "
             "EXE/libexec/protsim (EXE: the folder of the protsim executable)"},
    {.name = "PROTSIM_DATA_DIR",
     .help = "the folder of shipped data (scenarios), instead of EXE/../share/protsim "
             "and then EXE/share/protsim"},
};

void ps_args_main_help(const ps_command *commands, size_t n, FILE *out)
{
    fputs("Usage: protsim COMMAND [OPTION]...\n\n", out);
    wrap(out, MAIN_INTRO, 0, 0);
    fputs("\nCommands:\n", out);
    for (size_t k = 0; k < n; k++) {
        char tag[64];
        int len =
            snprintf(tag, sizeof tag, "  %s%s%s", commands[k].name,
                     commands[k].synopsis[0] != '\0' ? " " : "", commands[k].synopsis);
        print_tag(out, tag, len, CMD_COLUMN);
        wrap(out, commands[k].summary, CMD_COLUMN, CMD_COLUMN);
    }
    fputc('\n', out);
    wrap(out, MAIN_OUTRO, 0, 0);
    fputs("\nOptions:\n", out);
    for (size_t k = 0; k < sizeof MAIN_OPTIONS / sizeof *MAIN_OPTIONS; k++) {
        print_option(out, &MAIN_OPTIONS[k]);
    }
    fputs("\nEnvironment:\n", out);
    for (size_t k = 0; k < sizeof ENVIRONMENT / sizeof *ENVIRONMENT; k++) {
        fprintf(out, "  %-*s", TAG_COLUMN - 2, ENVIRONMENT[k].name);
        wrap(out, ENVIRONMENT[k].help, TAG_COLUMN, TAG_COLUMN);
    }
    fputc('\n', out);
    fputs(EXIT_STATUS, out);
}
