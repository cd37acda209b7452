/* kernel_refugee.h - the hot loop of refugee transitions (docs/model.md §7.5) */
#ifndef PROTSIM_KERNEL_REFUGEE_H
#define PROTSIM_KERNEL_REFUGEE_H

#include "world_impl.h"

/* Status an agent moves to with each move; PS_GONE for exits. STAY and RELEASE are
 * resolved by the kernel (same status; the remembered previous status). */
extern const uint8_t ps_move_target[PS_N_MOVES];

/* Move every agent in [begin, end) once, drawing from the stream key, and write the
 * block's changes of the counts, moves, waiting months and saturation into tally
 * (which the caller zeroed). */
void ps_kernel_block(const ps_table *tab, ps_refugees *ref, size_t begin, size_t end,
                     uint64_t key, ps_tally *tally);

#endif
