/* commands.h - the table of protsim's commands (commands.c) */
#ifndef PROTSIM_COMMANDS_H
#define PROTSIM_COMMANDS_H

#include "args.h"

/* The built-in commands, in the order protsim --help lists them; *n gets how many. */
const ps_command *ps_commands(size_t *n);

#endif
