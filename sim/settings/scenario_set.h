/* scenario_set.h - `--set path=value` into a merged scenario tree */
#ifndef PROTSIM_SCENARIO_SET_H
#define PROTSIM_SCENARIO_SET_H

#include "settings.h"

/* Put one "path=value" into the tree (replacing what was there); it is checked with
 * every other setting when the tree loads. file names the top file, for nodes of the
 * tree met on the way. Returns PS_OK, PS_EINVAL ("--set: ..." for a bad path or text)
 * or PS_ENOMEM. */
ps_status ps_scenario_set(ps_tree *cfg, const char *file, const char *text,
                          ps_error *err);

/* The path with every list element given by name made an index, in canon (of size):
 * "states.Aland.democracy" -> "states.list.[0].democracy", "origins.Myanmar.recognition"
 * -> "origins.[0].recognition", the names looked up in the merged tree at root. Parts
 * it does not know are copied as they stand (for resolve_set to refuse). PS_EINVAL
 * "--set: PATH: no state named X in states.list (did you mean Y?)" for a missing name. */
ps_status ps_scenario_canonical(const ps_node *root, const char *path, char *canon,
                                size_t size, ps_error *err);

/* The row a full scenario path names ("states.list.[3].capacity"; a LIST row for
 * "origins"), or NULL. */
const ps_setting *ps_scenario_path_row(const char *path);

#endif
