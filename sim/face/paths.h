/* paths.h - where protsim finds its helper programs and its shipped data: a folder
 * named by the environment, else one found from the executable's own path */
#ifndef PROTSIM_PATHS_H
#define PROTSIM_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PS_PATH_MAX 4096
#define PS_PATH_CANDIDATES 2 /* places tried for a folder */

typedef enum {
    PS_PATH_LIBEXEC, /* helper programs protsim-NAME */
    PS_PATH_DATA,    /* shipped data: scenarios/ */
} ps_path_kind;

/* The running executable's path (readlink /proc/self/exe) into buf; false when it
 * cannot be read (then no folder is found from it). */
bool ps_paths_exe(char *buf, size_t size);

/* The places tried for kind, in order, into cand (PS_PATH_CANDIDATES of them):
 * $PROTSIM_LIBEXEC_DIR (or $PROTSIM_DATA_DIR) alone when set and not empty; else
 * EXE/../libexec/protsim and EXE/libexec/protsim (share/protsim for data), EXE being
 * the executable's folder. Returns how many. */
size_t ps_paths_candidates(ps_path_kind kind, char cand[][PS_PATH_MAX]);

/* The first candidate of kind that is a folder, into buf; false when none is. */
bool ps_paths_find(ps_path_kind kind, char *buf, size_t size);

/* The file a SCENARIO or SWEEP argument names: arg itself when a file of that name
 * exists (from the working folder); else, when arg does not start with /, ./ or ../,
 * the first of DATA/scenarios/ARG and DATA/scenarios/ARG.cfg that exists (DATA: the
 * shipped data of ps_paths_find), written into buf; else arg, which the loader then
 * reports missing. */
const char *ps_paths_scenario(const char *arg, char *buf, size_t size);

/* Where protsim looks and what it finds, for protsim --paths. */
void ps_paths_print(FILE *out);

#endif
