/* config_read.h - reading libconfig files into one merged tree: @include relative to
 * the including file, nesting, cycles, and the includer overriding what it includes */
#ifndef PROTSIM_CONFIG_READ_H
#define PROTSIM_CONFIG_READ_H

#include "settings.h"

/* Limits of what is read (docs/first-scenario.md, "Limits"): a file's size, and the
 * settings of one group (no table has a tenth as many; libconfig's parser takes time
 * quadratic in a group's size, so the bound keeps reading linear in the file). */
#define PS_MAX_FILE_BYTES (4u << 20)
#define PS_MAX_GROUP_SETTINGS 256

typedef struct ps_config_reader ps_config_reader;

/* A reader with an empty tree; NULL (with err set) when out of memory. stop is
 * borrowed and may be NULL. */
ps_config_reader *ps_config_reader_create(const volatile sig_atomic_t *stop,
                                          ps_error *err);
void ps_config_reader_destroy(ps_config_reader *rd);

/* Read, expand and merge the file at path into the tree. Errors name the file (and the
 * @include line that led to it): PS_EIO when a file cannot be read, PS_EINVAL for bad
 * content, PS_ENOMEM. */
ps_status ps_config_read_file(ps_config_reader *rd, const char *path);

/* Same for text in memory: name stands for its file and include_dir (NULL or "" for
 * the working directory) for its folder; *kept is name as the tree's nodes keep it. */
ps_status ps_config_read_string(ps_config_reader *rd, const char *text, const char *name,
                                const char *include_dir, const char **kept);

/* The merged tree, owned by the reader. */
ps_tree *ps_config_reader_tree(ps_config_reader *rd);
ps_node *ps_config_reader_root(ps_config_reader *rd);

/* A copy of the tree at root without its top-level member skip (NULL: none), in *out;
 * free it with ps_config_tree_destroy. PS_ENOMEM. */
ps_status ps_config_tree_copy(const ps_node *root, const char *skip, ps_tree **out,
                              ps_error *err);
void ps_config_tree_destroy(ps_tree *tree);

/* The whole file at path, NUL-terminated, in *text (the caller frees it); PS_EIO with
 * "PATH: cannot open: REASON" when it cannot be read. */
ps_status ps_config_read_text(const char *path, char **text, ps_error *err);

/* The text of file as libconfig should parse it, in *out (the caller frees it): integer
 * literals that libconfig would wrap are given an L (read as 64 bits), and refused with
 * FILE:LINE beyond 64 bits, as are groups of more than PS_MAX_GROUP_SETTINGS settings.
 * PS_EINTR when *stop (may be NULL) is set; PS_ENOMEM. */
ps_status ps_config_scan(const char *text, const char *file,
                         const volatile sig_atomic_t *stop, char **out, ps_error *err);

#endif
