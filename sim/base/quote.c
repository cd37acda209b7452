/* quote.c - POSIX shell quoting of a command line */
#include "quote.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Whether word can stand unquoted in a shell: only characters no shell treats
 * specially, and not empty. */
static bool is_plain(const char *word)
{
    static const char SAFE[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789%+,-./:=@_";
    return word[0] != '\0' && word[strspn(word, SAFE)] == '\0';
}

/* Append word to out (room for it already checked), quoted when it must be. */
static char *append_quoted(char *out, const char *word)
{
    if (is_plain(word)) {
        size_t n = strlen(word);
        /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): ps_shell_join ends it */
        memcpy(out, word, n);
        return out + n;
    }
    *out++ = '\'';
    for (const char *c = word; *c != '\0'; c++) {
        if (*c == '\'') {
            /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): as above */
            memcpy(out, "'\\''", 4);
            out += 4;
        } else {
            *out++ = *c;
        }
    }
    *out++ = '\'';
    return out;
}

char *ps_shell_join(int argc, char *const *argv)
{
    size_t size = 1;
    for (int k = 0; k < argc; k++) {
        size += 4 * strlen(argv[k]) + 3; /* every ' becomes four, two quotes, a space */
    }
    char *line = malloc(size);
    if (line == NULL) {
        return NULL;
    }
    char *end = line;
    for (int k = 0; k < argc; k++) {
        end = append_quoted(end, argv[k]);
        *end++ = k + 1 < argc ? ' ' : '\0';
    }
    *end = '\0';
    return line;
}
