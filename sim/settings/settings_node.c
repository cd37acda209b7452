/* settings_node.c - the bottom of the settings interpreter: nodes of a parsed file,
 * failing at a node with FILE:LINE, path text and the edit distance of hints */
#include <libconfig.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

#define SET_SOURCE "--set" /* the "file" of settings made by --set */
#define FILE_TEXT 1024     /* longest file path in messages */

/* ---- failing at a node ------------------------------------------------------------ */

/* "FILE:LINE", "--set", or "FILE" alone for the root (no line to name). */
static void locate(const ps_loader *ld, const ps_node *node, char *buf, size_t size)
{
    if (node == NULL || config_setting_is_root(node)) {
        snprintf(buf, size, "%s", ld->file);
        return;
    }
    const char *file = config_setting_source_file(node);
    if (file != NULL && strcmp(file, SET_SOURCE) == 0) {
        snprintf(buf, size, "%s", SET_SOURCE);
        return;
    }
    snprintf(buf, size, "%s:%u", file != NULL ? file : ld->file,
             (unsigned)config_setting_source_line(node));
}

ps_status ps_settings_fail(const ps_loader *ld, const ps_node *node, const char *fmt, ...)
{
    char at[FILE_TEXT + 32];
    char msg[sizeof ld->err->msg];
    va_list ap;
    locate(ld, node, at, sizeof at);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ps_fail(ld->err, PS_EINVAL, "%s: %s", at, msg);
}

ps_status ps_settings_stopped(const ps_loader *ld)
{
    if (ld->stop != NULL && *ld->stop) {
        return ps_fail(ld->err, PS_EINTR, "%s: interrupted", ld->file);
    }
    return PS_OK;
}

/* ---- nodes ------------------------------------------------------------------------ */

const ps_node *ps_node_lookup(const ps_node *group, const char *path,
                              const ps_node **deepest)
{
    char part[PS_PATH_TEXT];
    const ps_node *node = group;
    *deepest = group;
    while (*path != '\0') {
        size_t len = strcspn(path, ".");
        if (len >= sizeof part || !config_setting_is_group(node)) {
            return NULL;
        }
        memcpy(part, path, len);
        part[len] = '\0';
        node = config_setting_get_member(node, part);
        if (node == NULL) {
            return NULL;
        }
        *deepest = node;
        path += len + (path[len] == '.');
    }
    return node;
}

const ps_node *ps_node_member(const ps_node *group, const char *path)
{
    const ps_node *deepest;
    return group != NULL ? ps_node_lookup(group, path, &deepest) : NULL;
}

int ps_node_length(const ps_node *node)
{
    return config_setting_length(node);
}

const ps_node *ps_node_elem(const ps_node *node, int i)
{
    return i >= 0 ? config_setting_get_elem(node, (unsigned)i) : NULL;
}

const char *ps_node_name(const ps_node *node)
{
    return config_setting_name(node);
}

bool ps_node_is_group(const ps_node *node)
{
    return config_setting_is_group(node);
}

bool ps_node_is_list(const ps_node *node)
{
    return config_setting_is_list(node);
}

bool ps_node_is_array(const ps_node *node)
{
    return config_setting_is_array(node);
}

bool ps_node_is_sequence(const ps_node *node)
{
    return config_setting_is_array(node) || config_setting_is_list(node);
}

bool ps_node_number(const ps_node *node, double *out)
{
    switch (config_setting_type(node)) {
    case CONFIG_TYPE_INT:
        *out = config_setting_get_int(node);
        return true;
    case CONFIG_TYPE_INT64:
        *out = (double)config_setting_get_int64(node);
        return true;
    case CONFIG_TYPE_FLOAT:
        *out = config_setting_get_float(node);
        return true;
    default:
        return false;
    }
}

bool ps_node_integer(const ps_node *node, long long *out)
{
    if (config_setting_type(node) == CONFIG_TYPE_INT) {
        *out = config_setting_get_int(node);
        return true;
    }
    if (config_setting_type(node) == CONFIG_TYPE_INT64) {
        *out = config_setting_get_int64(node);
        return true;
    }
    return false;
}

bool ps_node_bool(const ps_node *node, bool *out)
{
    if (config_setting_type(node) != CONFIG_TYPE_BOOL) {
        return false;
    }
    *out = config_setting_get_bool(node) != 0;
    return true;
}

const char *ps_node_string(const ps_node *node)
{
    return config_setting_type(node) == CONFIG_TYPE_STRING
               ? config_setting_get_string(node)
               : NULL;
}

bool ps_node_is_sequence_of(const ps_node *node, bool text, size_t n)
{
    if (!ps_node_is_sequence(node)) {
        return false;
    }
    size_t len = (size_t)config_setting_length(node);
    if (n != SIZE_MAX && len != n) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        const ps_node *e = config_setting_get_elem(node, (unsigned)i);
        bool ok = text ? config_setting_type(e) == CONFIG_TYPE_STRING
                       : config_setting_is_number(e);
        if (!ok) {
            return false;
        }
    }
    return true;
}

void ps_settings_names(const ps_setting *row, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < row->n; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "", row->names[i]);
    }
}

/* ---- path text -------------------------------------------------------------------- */

/* Append s to the string in buf, cutting it to fit: paths only ever get too long for
 * messages with absurd input, and a cut message is better than none. */
static void append(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf), add = strlen(s);
    if (len + add >= size) {
        add = size - len - 1;
    }
    memcpy(buf + len, s, add);
    buf[len + add] = '\0';
}

void ps_path_join(char *buf, size_t size, const char *a, const char *b)
{
    buf[0] = '\0';
    append(buf, size, a);
    append(buf, size, a[0] != '\0' ? "." : "");
    append(buf, size, b);
}

void ps_path_elem(char *buf, size_t size, const char *list, size_t i, const char *rel)
{
    char index[32];
    snprintf(index, sizeof index, ".[%zu]", i);
    buf[0] = '\0';
    append(buf, size, list);
    append(buf, size, index);
    append(buf, size, rel[0] != '\0' ? "." : "");
    append(buf, size, rel);
}

bool ps_path_is_index(const char *part, size_t *index)
{
    size_t digits = strspn(part + 1, "0123456789");
    if (part[0] != '[' || digits == 0 || strcmp(part + 1 + digits, "]") != 0) {
        return false;
    }
    *index = (size_t)strtoull(part + 1, NULL, 10);
    return true;
}

bool ps_path_is_name(const char *part)
{
    return part[0] != '\0' && part[0] != '[';
}

const char *ps_path_below(const char *path, const char *rel)
{
    size_t len = strlen(rel);
    if (len == 0) {
        return path;
    }
    return strncmp(path, rel, len) == 0 && path[len] == '.' ? path + len + 1 : NULL;
}

size_t ps_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t prev[PS_HINT_NAME_CAP], cur[PS_HINT_NAME_CAP];
    if (la >= PS_HINT_NAME_CAP || lb >= PS_HINT_NAME_CAP) {
        return SIZE_MAX;
    }
    for (size_t j = 0; j <= lb; j++) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t keep = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t drop = (prev[j] < cur[j - 1] ? prev[j] : cur[j - 1]) + 1;
            cur[j] = keep < drop ? keep : drop;
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}
