/* main.c - the protsim command: switch libraries to return codes, run the CLI, exit */
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL aborts by default; we check its returns */
    return ps_cli_main(argc, argv);
}
