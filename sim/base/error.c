/* error.c - status texts and the one function that writes error messages */
#include "protsim/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* Copy src to dst (of size), control characters as \n, \t or \xHH: a message stays one
 * line whatever a value echoed in it holds, and carries no terminal escape codes. */
static void escape(char *dst, size_t size, const char *src)
{
    size_t j = 0;
    for (const unsigned char *p = (const unsigned char *)src; *p != '\0'; p++) {
        char enc[8] = {(char)*p, '\0'};
        if (*p == '\n' || *p == '\t') {
            snprintf(enc, sizeof enc, "\\%c", *p == '\n' ? 'n' : 't');
        } else if (*p < 0x20 || *p == 0x7f) {
            snprintf(enc, sizeof enc, "\\x%02X", (unsigned)*p);
        }
        size_t len = strlen(enc);
        if (j + len >= size) {
            break;
        }
        memcpy(dst + j, enc, len);
        j += len;
    }
    dst[j] = '\0';
}

ps_status(ps_fail)(ps_error *err, ps_status status, const char *fmt, ...)
{
    if (err != NULL) {
        char raw[sizeof err->msg];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(raw, sizeof raw, fmt, ap);
        va_end(ap);
        escape(err->msg, sizeof err->msg, raw);
        err->status = status;
    }
    return status;
}
