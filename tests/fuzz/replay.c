/* replay.c - main() of a fuzz target outside libFuzzer (ordinary builds, ctest): run
 * the target once on each file named, and on each file below each folder named, in
 * name order; options (-runs=0 and the like, as libFuzzer takes them) are ignored. Exit
 * 0 after at least one input; a finding aborts, as under libFuzzer. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static size_t n_inputs;

static void run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ps_fuzz_fail("cannot open %s", path);
    }
    size_t cap = 1 << 16, len = 0, n;
    uint8_t *data = malloc(cap);
    while (data != NULL && (n = fread(data + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *grown = realloc(data, cap *= 2);
            if (grown == NULL) {
                free(data);
            }
            data = grown;
        }
    }
    fclose(f);
    if (data == NULL) {
        ps_fuzz_fail("cannot read %s", path);
    }
    fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    n_inputs++;
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        ps_fuzz_fail("no such file or folder: %s", path);
    }
    if (!S_ISDIR(st.st_mode)) {
        run_file(path);
        return;
    }
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char sub[4096];
        if (names[i]->d_name[0] != '.' && snprintf(sub, sizeof sub, "%s/%s", path,
                                                   names[i]->d_name) < (int)sizeof sub) {
            run_path(sub);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-') {
            run_path(argv[i]);
        }
    }
    printf("%zu inputs, no finding\n", n_inputs);
    return n_inputs > 0 ? 0 : 1;
}
