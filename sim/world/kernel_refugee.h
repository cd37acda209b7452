/* kernel_refugee.h - the hot loop of refugee transitions (docs/model.md §7.5) */
#ifndef PROTSIM_KERNEL_REFUGEE_H
#define PROTSIM_KERNEL_REFUGEE_H

#include "world_impl.h"

/* Status an agent moves to with each move; PS_GONE for exits. STAY and RELEASE are
 * resolved by the kernel (same status; the remembered previous status). */
extern const uint8_t ps_move_target[PS_N_MOVES];

/* Move every agent in [begin, end) once, drawing from the lanes of key (rng.h:
 * ps_lanes; begin is the first agent of a block), and write the block's changes of
 * the counts, moves, waiting months and saturation into tally (which the caller
 * zeroed). Every path gives the same bytes. */
void ps_kernel_block(ps_kernel_path path, const ps_table *tab, ps_refugees *ref,
                     size_t begin, size_t end, uint64_t key, ps_tally *tally);

/* The path's name: "scalar" or "avx2". */
const char *ps_kernel_name(ps_kernel_path path);

/* Whether this CPU can run the path (the scalar one runs everywhere). */
bool ps_kernel_supported(ps_kernel_path path);

/* The path called name ("scalar", "avx2"), or for NULL, "" or "auto" the fastest this
 * CPU supports. PS_EINVAL for an unknown name or a path this CPU cannot run, with a
 * message naming what (where the name came from). */
ps_status ps_kernel_choose(const char *what, const char *name, ps_kernel_path *out,
                           ps_error *err);

#endif
