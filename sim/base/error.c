/* error.c - status texts and the one function that writes error messages */
#include "protsim/error.h"

#include <stdarg.h>
#include <stdio.h>

const char *ps_status_str(ps_status status)
{
    switch (status) {
#define PS_AS_CASE(name, text)                                                           \
    case name:                                                                           \
        return text;
        PS_STATUS_LIST(PS_AS_CASE)
#undef PS_AS_CASE
    }
    return "unknown status";
}

ps_status ps_fail(ps_error *err, ps_status status, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}
