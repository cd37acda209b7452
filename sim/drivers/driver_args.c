/* driver_args.c - small pieces every command's argument handling shares */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

bool ps_driver_parse_count(const char *text, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') {
        return false; /* strtoull would take "-4" and " 4" */
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

void ps_driver_default_output(const char *input, char *buf, size_t size)
{
    const char *base = strrchr(input, '/');
    base = base != NULL ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    int len = dot != NULL ? (int)(dot - base) : (int)strlen(base);
    snprintf(buf, size, "%.*s.h5", len, base);
}

char *ps_driver_command_line(int argc, char **argv)
{
    size_t size = 1;
    for (int k = 0; k < argc; k++) {
        size += strlen(argv[k]) + 1;
    }
    char *line = calloc(size, 1);
    for (int k = 0; line != NULL && k < argc; k++) {
        strcat(line, argv[k]);
        strcat(line, k + 1 < argc ? " " : "");
    }
    return line;
}

int ps_driver_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "protsim: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see protsim %s --help)\n", cmd);
    va_end(ap);
    return 2;
}

ps_status ps_driver_load_scenario(const char *path, const char *const *sets,
                                  size_t n_sets, ps_scenario *sc, ps_error *err)
{
    ps_status st = ps_scenario_load(path, sets, n_sets, sc, err);
    if (st == PS_EIO) {
        err->status = st = PS_EINVAL;
    }
    return st;
}
