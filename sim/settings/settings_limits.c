/* settings_limits.c - what a loaded file asks of the machine, checked before anything
 * is allocated: the memory of a scenario's refugee agents or of a sweep's design,
 * against PROTSIM_MEMORY_LIMIT (default: half the machine's physical memory, leaving
 * the rest to the runs' other arrays, the system and other jobs) */
#define _XOPEN_SOURCE 700 /* sysconf's _SC_PHYS_PAGES */

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"

#define AGENT_BYTES 4.0 /* a refugee agent: uint16 group and uint16 state (world.c) */

/* "4.4 TB" and the like (powers of 1000). */
static void format_bytes(double bytes, char *buf, size_t size)
{
    static const char *const UNITS[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    size_t u = 0;
    while (bytes >= 1000.0 && u + 1 < sizeof UNITS / sizeof UNITS[0]) {
        bytes /= 1000.0;
        u++;
    }
    snprintf(buf, size, u == 0 ? "%.0f %s" : "%.1f %s", bytes, UNITS[u]);
}

/* Bytes from "8589934592", "512M", "16G", "1T" (powers of 1024); false otherwise. */
static bool parse_bytes(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    static const char SUFFIX[] = "KMGT";
    const char *s = *end != '\0' ? strchr(SUFFIX, *end) : NULL;
    if (end == text || !(v > 0) || !isfinite(v) || (*end != '\0' && s == NULL) ||
        (s != NULL && end[1] != '\0')) {
        return false;
    }
    *out = s != NULL ? v * pow(1024.0, (double)(s - SUFFIX + 1)) : v;
    return true;
}

ps_status ps_memory_limit(double *bytes, ps_error *err)
{
    const char *text = getenv(PS_MEMORY_LIMIT_ENV);
    if (text != NULL && text[0] != '\0') {
        return parse_bytes(text, bytes)
                   ? PS_OK
                   : ps_fail(err, PS_EINVAL,
                             "%s = \"%s\": expected a number of bytes with an optional "
                             "K, M, G or T",
                             PS_MEMORY_LIMIT_ENV, text);
    }
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    *bytes = pages > 0 && page > 0 ? (double)pages * (double)page / 2.0 : INFINITY;
    return PS_OK;
}

ps_status ps_memory_check(const char *where, const char *what, double bytes,
                          ps_error *err)
{
    double limit;
    ps_status st = ps_memory_limit(&limit, err);
    if (st != PS_OK || bytes <= limit) {
        return st;
    }
    char need[32], have[32];
    format_bytes(bytes, need, sizeof need);
    format_bytes(limit, have, sizeof have);
    return ps_fail(err, PS_EINVAL,
                   "%s: %s needs about %s, more than the memory limit of %s (%s)", where,
                   what, need, have, PS_MEMORY_LIMIT_ENV);
}

double ps_scenario_agents(const ps_scenario *sc)
{
    double persons = 0.0;
    double years = (double)ps_scenario_steps(sc) / 12.0;
    for (size_t i = 0; i < sc->n_states; i++) {
        const ps_state_spec *s = &sc->states[i];
        persons += s->stock_unregistered + s->stock_asylum_seekers + s->stock_refugees;
        persons += s->arrivals_per_year * years;
        for (size_t k = 0; k < s->n_shocks; k++) {
            persons += s->shocks[k].persons;
        }
    }
    return persons * sc->agents_per_person;
}

ps_status ps_scenario_check_memory(const ps_loader *ld, const ps_node *root, void *out,
                                   void *ctx)
{
    char what[96];
    double agents = ps_scenario_agents(out);
    (void)root;
    (void)ctx;
    snprintf(what, sizeof what, "the run of %.3g refugee agents", agents);
    return ps_memory_check(ld->file, what, agents * AGENT_BYTES, ld->err);
}
