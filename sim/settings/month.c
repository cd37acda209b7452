/* month.c - months as "YYYY-MM" text and as the count year * 12 + month - 1 */
#include <stdlib.h>
#include <string.h>

#include "protsim/scenario.h"

bool ps_month_parse(const char *text, ps_month *out)
{
    if (text == NULL || strlen(text) != 7 || text[4] != '-') {
        return false;
    }
    for (size_t i = 0; i < 7; i++) {
        if (i != 4 && (text[i] < '0' || text[i] > '9')) {
            return false;
        }
    }
    int year = atoi(text);
    int month = atoi(text + 5);
    if (month < 1 || month > 12) {
        return false;
    }
    *out = year * 12 + month - 1;
    return true;
}

void ps_month_format(ps_month m, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d", m / 12, m % 12 + 1);
}

size_t ps_scenario_steps(const ps_scenario *sc)
{
    return sc->end >= sc->start ? (size_t)(sc->end - sc->start) + 1 : 0;
}
