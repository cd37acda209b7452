/* fuzz_common.h - what the fuzz targets share (tests/fuzz/README.md): a sandbox folder
 * holding copies of the shipped scenarios, the only files a fuzzed input may reach;
 * inputs written to files there; and the checks every target makes of what it got */
#ifndef PROTSIM_FUZZ_COMMON_H
#define PROTSIM_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protsim/error.h"
#include "protsim/scenario.h"

/* The two entry points libFuzzer calls (replay.c calls them outside libFuzzer), both
 * defined in fuzz_common.c: the first sets up the sandbox, the second runs the target's
 * one() with the sandbox's folder sub as the working directory (libconfig resolves the
 * @include it handles itself against it), and the caller's back afterwards. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What each target defines. */
typedef struct ps_fuzz_target {
    const char *sub;          /* the working directory below the sandbox during one() */
    const char *memory_limit; /* PROTSIM_MEMORY_LIMIT: no input may ask for more */
    void (*setup)(void);      /* once, after the sandbox is made; may be NULL */
    int (*one)(const uint8_t *data, size_t size); /* one input: 0 or PS_FUZZ_SKIP */
} ps_fuzz_target;
extern const ps_fuzz_target PS_FUZZ_TARGET;

/* What one() returns for an input it refuses to try (an @include that leaves the
 * sandbox): libFuzzer keeps it out of the corpus. */
#define PS_FUZZ_SKIP (-1)

/* The sandbox's path (no final '/'). */
const char *ps_fuzz_root(void);

/* Write data into the file rel (relative to the sandbox) and return its full path (a
 * static buffer, overwritten by the next call). Aborts when it cannot write. */
const char *ps_fuzz_write(const char *rel, const uint8_t *data, size_t size);

/* Whether the path [path, path + len), relative to a folder depth levels below the
 * sandbox, stays inside it: not absolute, and no ".." climbs above the sandbox. */
bool ps_fuzz_path_confined(const char *path, size_t len, int depth);

/* Whether every @include in data (wherever it stands: protsim's reader takes those at
 * the start of a line, libconfig's own scanner others) names a file inside the sandbox,
 * data being a file depth levels below it. */
bool ps_fuzz_includes_confined(const uint8_t *data, size_t size, int depth);

/* A failure's promises: a status other than PS_OK and a message of one non-empty line
 * without control characters (issue 11 item 13). Aborts otherwise, printing why. */
void ps_fuzz_check_failure(ps_status st, const ps_error *err);

/* ps_scenario_dump's promise: the resolved text of sc loads again, to the same text.
 * Aborts otherwise, printing both texts' first difference. */
void ps_fuzz_check_round_trip(const ps_scenario *sc);

/* Print "fuzz: MESSAGE" on stderr and abort (a finding). */
void ps_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
