/* paths.c - where protsim finds its helper programs and shipped data (paths.h): the
 * layout of the build tree and of an installation, relative to the executable */
#define _DEFAULT_SOURCE /* readlink */
#include "paths.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Per kind: the environment variable that overrides, and the folder below a prefix. */
static const struct {
    const char *env, *below, *what;
} WHERE[] = {
    [PS_PATH_LIBEXEC] = {"PROTSIM_LIBEXEC_DIR", "libexec/protsim", "helper programs"},
    [PS_PATH_DATA] = {"PROTSIM_DATA_DIR", "share/protsim", "shipped data"},
};

bool ps_paths_exe(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1) {
        buf[0] = '\0';
        return false;
    }
    buf[n] = '\0';
    return true;
}

size_t ps_paths_candidates(ps_path_kind kind, char cand[][PS_PATH_MAX])
{
    const char *env = getenv(WHERE[kind].env);
    if (env != NULL && env[0] != '\0') {
        snprintf(cand[0], PS_PATH_MAX, "%s", env);
        return 1;
    }
    char exe[PS_PATH_MAX - 64]; /* room for the folder below it */
    if (!ps_paths_exe(exe, sizeof exe)) {
        return 0;
    }
    char *slash = strrchr(exe, '/');
    *slash = '\0'; /* readlink of /proc/self/exe gives an absolute path */
    char *up = strrchr(exe, '/');
    int prefix = up != NULL ? (int)(up - exe) : 0; /* EXE/.. */
    snprintf(cand[0], PS_PATH_MAX, "%.*s/%s", prefix, exe, WHERE[kind].below);
    snprintf(cand[1], PS_PATH_MAX, "%s/%s", exe, WHERE[kind].below);
    return 2;
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ps_paths_find(ps_path_kind kind, char *buf, size_t size)
{
    char cand[PS_PATH_CANDIDATES][PS_PATH_MAX];
    size_t n = ps_paths_candidates(kind, cand);
    for (size_t k = 0; k < n; k++) {
        if (is_folder(cand[k])) {
            snprintf(buf, size, "%s", cand[k]);
            return true;
        }
    }
    return false;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

const char *ps_paths_scenario(const char *arg, char *buf, size_t size)
{
    char data[PS_PATH_MAX];
    if (exists(arg) || arg[0] == '/' || strncmp(arg, "./", 2) == 0 ||
        strncmp(arg, "../", 3) == 0 || !ps_paths_find(PS_PATH_DATA, data, sizeof data)) {
        return arg;
    }
    static const char *const SUFFIX[] = {"", ".cfg"};
    for (size_t k = 0; k < sizeof SUFFIX / sizeof *SUFFIX; k++) {
        int n = snprintf(buf, size, "%s/scenarios/%s%s", data, arg, SUFFIX[k]);
        if (n > 0 && (size_t)n < size && exists(buf)) {
            return buf;
        }
    }
    return arg;
}

void ps_paths_print(FILE *out)
{
    char exe[PS_PATH_MAX];
    fprintf(out, "executable: %s\n", ps_paths_exe(exe, sizeof exe) ? exe : "unknown");
    for (size_t kind = 0; kind < sizeof WHERE / sizeof *WHERE; kind++) {
        char cand[PS_PATH_CANDIDATES][PS_PATH_MAX], found[PS_PATH_MAX];
        size_t n = ps_paths_candidates((ps_path_kind)kind, cand);
        bool ok = ps_paths_find((ps_path_kind)kind, found, sizeof found);
        const char *env = getenv(WHERE[kind].env);
        fprintf(out, "%s: %s\n", WHERE[kind].what, ok ? found : "none found");
        fprintf(out, "  %s: %s\n", WHERE[kind].env,
                env != NULL && env[0] != '\0' ? env : "not set");
        for (size_t k = 0; k < n; k++) {
            fprintf(out, "  tried %s: %s\n", cand[k],
                    is_folder(cand[k]) ? "a folder" : "no folder");
        }
    }
}
