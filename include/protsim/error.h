/* error.h - status codes and error messages shared by every protsim module */
#ifndef PROTSIM_ERROR_H
#define PROTSIM_ERROR_H

/* One list gives the enum and the texts, so they cannot drift apart. */
#define PS_STATUS_LIST(X)                                                                \
    X(PS_OK, "success")                                                                  \
    X(PS_ENOMEM, "out of memory")                                                        \
    X(PS_EIO, "cannot read or write a file")                                             \
    X(PS_EINVAL, "invalid setting or argument")                                          \
    X(PS_EHDF5, "HDF5 call failed")                                                      \
    X(PS_EINTR, "interrupted")                                                           \
    X(PS_EEXIST, "file exists")

#define PS_AS_ENUM(name, text) name,
typedef enum { PS_STATUS_LIST(PS_AS_ENUM) } ps_status;
#undef PS_AS_ENUM

/* A failure's status and its one-line message (no trailing period). */
typedef struct ps_error {
    ps_status status;
    char msg[512];
} ps_error;

/* The fixed text of a status, e.g. "out of memory". */
const char *ps_status_str(ps_status status);

/* Write the formatted message into err (which may be NULL) and return status. */
ps_status ps_fail(ps_error *err, ps_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#ifdef __clang_analyzer__
/* The static analyser (clang-tidy) sees one file at a time: tell it that ps_fail returns
 * its status, so that it follows no path where a failure returns PS_OK. */
#define ps_fail(err, status, ...) (ps_fail((err), (status), __VA_ARGS__), (status))
#endif

#endif
