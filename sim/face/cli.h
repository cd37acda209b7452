/* cli.h - argument parsing, messages and exit codes of the protsim command */
#ifndef PROTSIM_CLI_H
#define PROTSIM_CLI_H

/* Run the command line; returns the exit status: 0 success, 1 the run failed, 2 bad
 * usage or bad scenario. */
int ps_cli_main(int argc, char **argv);

#endif
