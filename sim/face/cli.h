/* cli.h - the protsim command line: commands, helper programs, messages, exit codes */
#ifndef PROTSIM_CLI_H
#define PROTSIM_CLI_H

/* Run the command line; returns the exit status: 0 success, 1 the run failed, 2 bad
 * usage or bad input. A NAME that is no built-in command runs the helper program
 * protsim-NAME of the libexec folder in place of this process. */
int ps_cli_main(int argc, char **argv);

#endif
