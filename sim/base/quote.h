/* quote.h - POSIX shell quoting: a command line that pastes back into a shell */
#ifndef PROTSIM_QUOTE_H
#define PROTSIM_QUOTE_H

/* argv[0 .. argc-1] joined by spaces, each word quoted for a POSIX shell when it needs
 * it: left as it is when it holds only letters, digits and %+,-./:=@_ (and is not
 * empty), else in single quotes with each ' written as '\''. The caller frees the
 * result; NULL when out of memory. */
char *ps_shell_join(int argc, char *const *argv);

#endif
