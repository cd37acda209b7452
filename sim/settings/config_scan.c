/* config_scan.c - a pass over a file's tokens before libconfig parses it: integer
 * literals that libconfig would wrap are widened to 64 bits (or refused beyond them),
 * groups are bounded in size (libconfig adds a member in time linear in the group), and
 * a signal stops the pass */
#include "config_read.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 256  /* of { ( [ */
#define STOP_EVERY 65536 /* characters between two looks at the stop flag */
#define NUMBER_TEXT 64   /* longest number shown in a message */

typedef struct scanner {
    const char *file;
    const char *p; /* next character */
    unsigned line;
    char *out; /* owned: the text with widened literals */
    size_t len, cap;
    size_t depth;
    size_t members[MAX_NESTING + 1]; /* settings so far in each open group */
    bool group[MAX_NESTING + 1];     /* whether each open level is a group */
    const volatile sig_atomic_t *stop;
    ps_error *err;
} scanner;

static bool put(scanner *s, const char *text, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = 2 * s->cap + n + 1;
        char *grown = realloc(s->out, cap);
        if (grown == NULL) {
            return false;
        }
        s->out = grown;
        s->cap = cap;
    }
    memcpy(s->out + s->len, text, n);
    s->len += n;
    s->out[s->len] = '\0';
    return true;
}

/* "FILE:LINE: N is too large for an integer ..." for the literal [text, text + n). */
static ps_status fail_large(const scanner *s, const char *text, size_t n)
{
    return ps_fail(s->err, PS_EINVAL,
                   "%s:%u: %.*s%s is too large for an integer (at most %lld)", s->file,
                   s->line, (int)(n < NUMBER_TEXT ? n : NUMBER_TEXT), text,
                   n > NUMBER_TEXT ? "..." : "", (long long)INT64_MAX);
}

static bool is_ident_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static bool is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of the comment or string starting at p (0 if none); lines are counted. */
static size_t skip_text(scanner *s, const char *p)
{
    const char *q = p;
    if (*q == '#' || (q[0] == '/' && q[1] == '/')) {
        q += strcspn(q, "\n");
    } else if (q[0] == '/' && q[1] == '*') {
        const char *end = strstr(q + 2, "*/");
        q = end != NULL ? end + 2 : q + strlen(q);
    } else if (*q == '"') {
        for (q++; *q != '\0' && *q != '"'; q++) {
            q += (*q == '\\' && q[1] != '\0');
        }
        q += (*q == '"');
    }
    for (const char *r = p; r < q; r++) {
        s->line += (*r == '\n');
    }
    return (size_t)(q - p);
}

/* An integer literal [p, p + n) without suffix: as libconfig reads it, or widened with
 * an L when libconfig would wrap it; refused beyond 64 bits. */
static ps_status integer(scanner *s, const char *p, size_t n, bool hex, bool suffix)
{
    char text[NUMBER_TEXT * 2];
    if (n >= sizeof text) {
        return fail_large(s, p, n);
    }
    memcpy(text, p, n);
    text[n] = '\0';
    errno = 0;
    long long v = hex ? (long long)strtoull(text, NULL, 16) : strtoll(text, NULL, 10);
    bool too_big = errno == ERANGE || (hex && v < 0);
    if (too_big) {
        return fail_large(s, p, n);
    }
    bool fits = hex ? (unsigned long long)v <= UINT_MAX : v >= INT_MIN && v <= INT_MAX;
    if (!put(s, p, n) || (!suffix && !fits && !put(s, "L", 1))) {
        return ps_fail(s->err, PS_ENOMEM, "%s: out of memory", s->file);
    }
    return PS_OK;
}

/* A number token at p: floats are copied, integers checked; returns its length. */
static ps_status number(scanner *s, const char *p, size_t *len)
{
    const char *q = p + (*p == '-' || *p == '+');
    bool hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
    q += hex ? 2 : 0;
    q += strspn(q, hex ? "0123456789abcdefABCDEF" : "0123456789");
    bool real = !hex && (*q == '.' || *q == 'e' || *q == 'E');
    if (real) {
        q += strspn(q, "0123456789.eE+-");
        *len = (size_t)(q - p);
        return put(s, p, *len) ? PS_OK : ps_fail(s->err, PS_ENOMEM, "out of memory");
    }
    size_t digits = (size_t)(q - p);
    bool suffix = *q == 'L';
    size_t tail = suffix ? 1 + (q[1] == 'L') : 0;
    *len = digits + tail;
    ps_status st = integer(s, p, digits, hex, suffix);
    if (st == PS_OK && tail > 0 && !put(s, q, tail)) {
        st = ps_fail(s->err, PS_ENOMEM, "%s: out of memory", s->file);
    }
    return st;
}

/* Brackets and assignments: count the settings of each open group. */
static ps_status structure(scanner *s, char c)
{
    if ((c == '{' || c == '(' || c == '[') && s->depth < MAX_NESTING) {
        s->depth++;
        s->group[s->depth] = c == '{';
        s->members[s->depth] = 0;
    } else if ((c == '}' || c == ')' || c == ']') && s->depth > 0) {
        s->depth--;
    } else if ((c == '=' || c == ':') && s->group[s->depth] &&
               ++s->members[s->depth] > PS_MAX_GROUP_SETTINGS) {
        return ps_fail(s->err, PS_EINVAL, "%s:%u: more than %d settings in one group",
                       s->file, s->line, PS_MAX_GROUP_SETTINGS);
    }
    return PS_OK;
}

/* One step of the scan at s->p. */
static ps_status step(scanner *s)
{
    const char *p = s->p;
    size_t n = skip_text(s, p);
    ps_status st = PS_OK;
    if (n == 0 && is_ident_start(*p)) {
        for (n = 1; is_ident(p[n]); n++) {
        }
    } else if (n == 0 && (is_digit(*p) || ((*p == '-' || *p == '+') && is_digit(p[1])))) {
        st = number(s, p, &n);
        s->p = p + n;
        return st;
    } else if (n == 0) {
        n = 1;
        s->line += *p == '\n';
        st = structure(s, *p);
    }
    s->p = p + n;
    if (st == PS_OK && !put(s, p, n)) {
        st = ps_fail(s->err, PS_ENOMEM, "%s: out of memory", s->file);
    }
    return st;
}

ps_status ps_config_scan(const char *text, const char *file,
                         const volatile sig_atomic_t *stop, char **out, ps_error *err)
{
    scanner s = {.file = file, .p = text, .line = 1, .stop = stop, .err = err};
    s.group[0] = true; /* the file itself is a group */
    ps_status st = put(&s, "", 0) ? PS_OK : ps_fail(err, PS_ENOMEM, "out of memory");
    for (size_t next = 0; st == PS_OK && *s.p != '\0';) {
        st = step(&s);
        if ((size_t)(s.p - text) >= next) {
            next += STOP_EVERY;
            st = st == PS_OK && stop != NULL && *stop
                     ? ps_fail(err, PS_EINTR, "%s: interrupted", file)
                     : st;
        }
    }
    if (st != PS_OK) {
        free(s.out);
        s.out = NULL;
    }
    *out = s.out;
    return st;
}
