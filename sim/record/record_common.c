/* record_common.c - HDF5 helpers shared by the run and sweep recorders */
#define _GNU_SOURCE /* mkostemp; also stat, gethostname, gmtime_r, flock */
#include "record_common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_version.h>
#include <hdf5_hl.h>

#include "protsim/version.h"
#include "sha256.h"

void ps_record_init(void)
{
    /* HDF5 closes what is open at exit; a file whose close failed (a full disk) is then
     * closed again and crashes HDF5 (1.10.8). Every file here is closed or abandoned
     * explicitly, so that handler has nothing to do. Only the first call counts. */
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

hid_t ps_record_text_type(void)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    if (H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0) {
        H5Tclose(type);
        return H5I_INVALID_HID;
    }
    return type;
}

herr_t ps_record_put_text(hid_t obj, const char *name, const char *value)
{
    const char *text = value != NULL ? value : "";
    if (H5Aexists(obj, name) > 0 && H5Adelete(obj, name) < 0) {
        return -1;
    }
    hid_t type = ps_record_text_type();
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, &text);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
    return attr < 0 ? -1 : status;
}

void ps_record_get_text(hid_t obj, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    if (H5Aexists(obj, name) <= 0) {
        return;
    }
    hid_t type = ps_record_text_type();
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    char *text = NULL;
    if (H5Aread(attr, type, &text) >= 0 && text != NULL) {
        snprintf(buf, size, "%s", text);
        H5free_memory(text);
    }
    H5Aclose(attr);
    H5Tclose(type);
}

herr_t ps_record_describe(hid_t obj, const char *units, const char *dims,
                          const char *description)
{
    herr_t a = ps_record_put_text(obj, "units", units);
    herr_t b = ps_record_put_text(obj, "dimensions", dims);
    herr_t c = ps_record_put_text(obj, "description", description);
    return a < 0 || b < 0 || c < 0 ? -1 : 0;
}

size_t ps_record_extent(hid_t file, const char *path, int dim)
{
    hsize_t dims[H5S_MAX_RANK] = {0};
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return 0;
    }
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = H5Dget_space(dset);
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    H5Dclose(dset);
    return rank > dim ? (size_t)dims[dim] : 0;
}

bool ps_record_shape_is(hid_t file, const char *path, int rank, size_t d0, size_t d1)
{
    hsize_t dims[H5S_MAX_RANK] = {0};
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) {
        return false;
    }
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = dset >= 0 ? H5Dget_space(dset) : H5I_INVALID_HID;
    int got = space >= 0 ? H5Sget_simple_extent_dims(space, dims, NULL) : -1;
    H5Sclose(space);
    H5Dclose(dset);
    return got == rank && (rank < 1 || dims[0] == d0) && (rank < 2 || dims[1] == d1);
}

ps_status ps_record_check_target(const char *path, bool force, ps_error *err)
{
    struct stat st;
    if (path[0] == '\0') {
        return ps_fail(err, PS_EINVAL, "-o '': the output needs a name");
    }
    if (lstat(path, &st) != 0) {
        return PS_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        return ps_fail(err, PS_EEXIST, "%s: cannot create: %s", path, strerror(EISDIR));
    }
    if (!S_ISREG(st.st_mode)) {
        return ps_fail(err, PS_EEXIST,
                       "%s: exists and is not a regular file (a device, link or pipe): "
                       "protsim replaces only regular files",
                       path);
    }
    if (!force) {
        return ps_fail(err, PS_EEXIST, "%s: exists (use --force to replace it)", path);
    }
    return PS_OK;
}

/* ---- temporary files ------------------------------------------------------------- */

/* Lock fd for writing (F_WRLCK) or test it (F_RDLCK: fails while a writer holds it).
 * Open-file-description locks: HDF5's own flock on the file does not conflict with them,
 * and closing another descriptor of the file (HDF5's) does not release them. */
static bool lock_fd(int fd, short type)
{
    struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    return fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

#define TMP_PREFIX 200 /* bytes of the output's name kept in its temporary name */
#define TMP_TAG ".tmp-"

/* The folder of path ("." for none) and the prefix of its temporary files. */
static void split_target(const char *path, char *dir, size_t dsize, char *prefix,
                         size_t psize)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(dir, dsize, ".");
    } else {
        snprintf(dir, dsize, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    }
    snprintf(prefix, psize, "%.*s" TMP_TAG, TMP_PREFIX, slash != NULL ? slash + 1 : path);
}

/* Whether a temporary file of ours, by name in dir, belongs to no live writer: its
 * writer holds a lock on it until it is done (a file of an older protsim, named
 * .tmp-<pid>, belongs to that process). */
static bool is_stale(const char *dir, const char *name, const char *suffix)
{
    char at[PATH_MAX + NAME_MAX + 2];
    snprintf(at, sizeof at, "%s/%s", dir, name);
    char *end = NULL;
    long pid = strtol(suffix, &end, 10);
    if (end != suffix && *end == '\0' && pid > 0) { /* .tmp-<pid> */
        return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
    }
    int fd = open(at, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    bool stale =
        fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && lock_fd(fd, F_RDLCK);
    if (fd >= 0) {
        close(fd); /* and its lock */
    }
    return stale;
}

/* Remove the temporary files of target that no live process writes (issue 11: left by
 * a killed run). Failures are ignored: they only leave a file behind. */
static void remove_stale(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t len = strlen(prefix);
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, len) == 0 &&
            is_stale(dir, e->d_name, e->d_name + len)) {
            char at[PATH_MAX + NAME_MAX + 2];
            snprintf(at, sizeof at, "%s/%s", dir, e->d_name);
            unlink(at);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
}

ps_status ps_record_temp_create(const char *target, bool force, ps_record_temp *t,
                                ps_error *err)
{
    t->path = NULL;
    t->fd = -1;
    ps_status st = ps_record_check_target(target, force, err);
    if (st != PS_OK) {
        return st;
    }
    char dir[PATH_MAX], prefix[TMP_PREFIX + 8];
    split_target(target, dir, sizeof dir, prefix, sizeof prefix);
    remove_stale(dir, prefix);
    size_t size = strlen(dir) + strlen(prefix) + 16;
    t->path = malloc(size);
    if (t->path == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate", target);
    }
    if (strchr(target, '/') != NULL) {
        snprintf(t->path, size, "%s/%sXXXXXX", dir, prefix);
    } else {
        snprintf(t->path, size, "%sXXXXXX", prefix); /* beside it, as it was named */
    }
    t->fd = mkostemp(t->path, O_NOFOLLOW | O_CLOEXEC); /* O_EXCL: never an old file */
    if (t->fd < 0) {
        int saved = errno;
        free(t->path);
        t->path = NULL;
        return ps_fail(err, PS_EIO, "%s: cannot create: %s", target, strerror(saved));
    }
    mode_t mask = umask(0); /* mkostemp makes 0600; a result file is as any other */
    umask(mask);
    if (fchmod(t->fd, 0666 & ~mask) != 0 || !lock_fd(t->fd, F_WRLCK)) {
        return ps_fail(err, PS_EIO, "%s: cannot create %s: %s", target, t->path,
                       strerror(errno));
    }
    return PS_OK;
}

ps_status ps_record_temp_beside(const ps_record_temp *main, const char *suffix,
                                ps_record_temp *t, ps_error *err)
{
    size_t size = strlen(main->path) + strlen(suffix) + 1;
    t->fd = -1;
    t->path = malloc(size);
    if (t->path == NULL) {
        return ps_fail(err, PS_ENOMEM, "%s: cannot allocate", main->path);
    }
    snprintf(t->path, size, "%s%s", main->path, suffix);
    t->fd = open(t->path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (t->fd < 0 || !lock_fd(t->fd, F_WRLCK)) {
        int saved = errno;
        ps_status st =
            ps_fail(err, PS_EIO, "%s: cannot create: %s", t->path, strerror(saved));
        return ps_record_temp_finish(t, "", st, err);
    }
    return PS_OK;
}

ps_status ps_record_temp_verify(const ps_record_temp *t, hid_t file, const char *target,
                                ps_error *err)
{
    void *handle = NULL;
    struct stat mine, theirs;
    bool same = H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0 && handle != NULL &&
                fstat(t->fd, &mine) == 0 && fstat(*(int *)handle, &theirs) == 0 &&
                mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino;
    return same ? PS_OK
                : ps_fail(err, PS_EIO, "%s: %s was replaced while it was being created",
                          target, t->path);
}

hid_t ps_record_fcpl(void)
{
    hid_t fcpl = H5Pcreate(H5P_FILE_CREATE);
    if (fcpl >= 0 && H5Pset_userblock(fcpl, PS_RECORD_SEAL_SIZE) < 0) {
        H5Pclose(fcpl);
        return H5I_INVALID_HID;
    }
    return fcpl;
}

/* The SHA-256 of the bytes of fd from offset PS_RECORD_SEAL_SIZE to its end into hex;
 * false when they cannot be read. */
static bool sealed_digest(int fd, char hex[65])
{
    static const unsigned char SIGNATURE[8] = {0x89, 'H',  'D',  'F',
                                               '\r', '\n', 0x1a, '\n'};
    unsigned char buf[1 << 16];
    ps_sha256 s;
    ps_sha256_init(&s);
    off_t at = PS_RECORD_SEAL_SIZE;
    ssize_t n = pread(fd, buf, sizeof buf, at);
    if (n < (ssize_t)sizeof SIGNATURE || memcmp(buf, SIGNATURE, sizeof SIGNATURE) != 0) {
        return false; /* no HDF5 superblock after the block: nothing protsim sealed */
    }
    for (; n > 0; n = pread(fd, buf, sizeof buf, at)) {
        ps_sha256_update(&s, buf, (size_t)n);
        at += n;
    }
    ps_sha256_hex(&s, hex);
    return n == 0;
}

/* Write the seal into the user block of t's file (closed by HDF5 by now). */
static ps_status seal(const ps_record_temp *t, const char *target, ps_error *err)
{
    char block[PS_RECORD_SEAL_SIZE] = {0}, hex[65];
    if (pread(t->fd, block, sizeof block, 0) != (ssize_t)sizeof block) {
        return ps_fail(err, PS_EIO, "%s: cannot read %s: %s", target, t->path,
                       strerror(errno));
    }
    bool ours = memcmp(block, PS_RECORD_SEAL, strlen(PS_RECORD_SEAL)) == 0; /* a copy */
    for (size_t i = 0; !ours && i < sizeof block; i++) {
        if (block[i] != 0) {
            return PS_OK; /* no user block of ours: HDF5 wrote its superblock here */
        }
    }
    if (!sealed_digest(t->fd, hex)) {
        return PS_OK;
    }
    memset(block, 0, sizeof block);
    int len = snprintf(block, sizeof block, "%s%s\n", PS_RECORD_SEAL, hex);
    if (pwrite(t->fd, block, (size_t)len, 0) != len) {
        return ps_fail(err, PS_EIO, "%s: cannot write %s: %s", target, t->path,
                       strerror(errno));
    }
    return PS_OK;
}

ps_status ps_record_check_seal(const char *path, ps_error *err)
{
    char block[PS_RECORD_SEAL_SIZE + 1] = {0}, hex[65];
    const size_t prefix = strlen(PS_RECORD_SEAL);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return ps_fail(err, PS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    ssize_t n = pread(fd, block, PS_RECORD_SEAL_SIZE, 0);
    ps_status st = PS_OK;
    if (n == PS_RECORD_SEAL_SIZE && memcmp(block, PS_RECORD_SEAL, prefix) == 0) {
        bool read = sealed_digest(fd, hex);
        if (!read || memcmp(block + prefix, hex, 64) != 0 || block[prefix + 64] != '\n') {
            st =
                ps_fail(err, PS_EINVAL,
                        "%s: damaged: its bytes are not those protsim wrote (the SHA-256 "
                        "in its first 512 bytes does not match)",
                        path);
        }
    }
    close(fd);
    return st;
}

ps_status ps_record_temp_finish(ps_record_temp *t, const char *target, ps_status st,
                                ps_error *err)
{
    if (t->path == NULL) {
        return st;
    }
    if (st == PS_OK && target[0] != '\0' && t->fd >= 0) {
        st = seal(t, target, err);
    }
    if (st == PS_OK && rename(t->path, target) != 0) {
        st = ps_fail(err, PS_EIO, "%s: cannot rename %s to it: %s", target, t->path,
                     strerror(errno));
    }
    struct statvfs fs;
    if (st == PS_EHDF5 && t->fd >= 0 && fstatvfs(t->fd, &fs) == 0 &&
        (double)fs.f_bavail * (double)fs.f_frsize < 65536.0) {
        st = ps_fail(err, PS_EIO, "%s: no space left on device (writing %s)", target,
                     t->path); /* HDF5 says only that a write or a close failed */
    }
    if (st != PS_OK) {
        unlink(t->path);
    }
    if (t->fd >= 0) {
        close(t->fd); /* releases the lock: a stale file from now on, were it left */
    }
    free(t->path);
    t->path = NULL;
    t->fd = -1;
    return st;
}

hid_t ps_record_chunked_dcpl(int rank, const hsize_t *chunk, int level)
{
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    for (int i = 0; i < rank; i++) {
        if (chunk[i] == 0) {
            return dcpl;
        }
    }
    bool deflated = level > 0;
    if (H5Pset_chunk(dcpl, rank, chunk) < 0 ||
        (deflated &&
         (H5Pset_shuffle(dcpl) < 0 || H5Pset_deflate(dcpl, (unsigned)level) < 0))) {
        H5Pclose(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

hid_t ps_record_whole_dcpl(hid_t type, int rank, const hsize_t *dims)
{
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (H5Tdetect_class(type, H5T_STRING) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0) {
        return dcpl; /* HDF5 filters no variable-length data */
    }
    for (int i = 0; i < rank; i++) {
        if (dims[i] == 0) {
            return dcpl;
        }
    }
    if (rank > 0 && (H5Pset_chunk(dcpl, rank, dims) < 0 || H5Pset_fletcher32(dcpl) < 0)) {
        H5Pclose(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

hid_t ps_record_fapl(void)
{
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (fapl >= 0 && H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110) < 0) {
        H5Pclose(fapl);
        return H5I_INVALID_HID;
    }
    return fapl;
}

/* A scalar numeric attribute of memory type type, created or overwritten. */
herr_t ps_record_put_number(hid_t obj, const char *name, hid_t type, const void *value)
{
    htri_t exists = H5Aexists(obj, name);
    if (exists < 0) {
        return -1;
    }
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attr = exists > 0
                     ? H5Aopen(obj, name, H5P_DEFAULT)
                     : H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    herr_t status = H5Awrite(attr, type, value);
    H5Aclose(attr);
    H5Sclose(space);
    return status;
}

/* A group with a description attribute; its links keep their creation order, so that
 * `protsim info` lists them as written. */
herr_t ps_record_create_group(hid_t file, const char *path, const char *description)
{
    hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    herr_t status = H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED);
    hid_t group = H5Gcreate2(file, path, H5P_DEFAULT, gcpl, H5P_DEFAULT);
    if (status >= 0 && group >= 0) {
        status = ps_record_put_text(group, "description", description);
    }
    H5Gclose(group);
    H5Pclose(gcpl);
    return group < 0 ? -1 : status;
}

herr_t ps_record_put_provenance(hid_t obj)
{
    const ps_build_info *b = ps_build();
    unsigned major = 0, minor = 0, release = 0;
    char hdf5[96], started[32] = "", host[256] = "";
    H5get_libversion(&major, &minor, &release);
    snprintf(hdf5, sizeof hdf5, "%u.%u.%u (built with %s)", major, minor, release,
             b->hdf5);
    time_t now = time(NULL);
    struct tm utc;
    if (gmtime_r(&now, &utc) != NULL) {
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &utc);
    }
    if (gethostname(host, sizeof host - 1) != 0) {
        host[0] = '\0';
    }
    const char *const attrs[][2] = {{"source_revision", b->revision},
                                    {"build_type", b->build_type},
                                    {"build_flags", b->flags},
                                    {"compiler", b->compiler},
                                    {"gsl_version", gsl_version},
                                    {"hdf5_version", hdf5},
                                    {"libconfig_version", b->libconfig},
                                    {"start_time", started},
                                    {"host_name", host}};
    herr_t status = 0;
    for (size_t k = 0; k < sizeof attrs / sizeof attrs[0] && status >= 0; k++) {
        status = ps_record_put_text(obj, attrs[k][0], attrs[k][1]);
    }
    return status;
}

/* ---- dimension scales ------------------------------------------------------------ */

/* The datasets of a file, by path, as H5Ovisit finds them. */
typedef struct dataset_list {
    char **paths; /* owned: [n] */
    size_t n, cap;
    bool failed;
} dataset_list;

static herr_t collect(hid_t obj, const char *name, const H5O_info_t *info, void *data)
{
    (void)obj;
    dataset_list *l = data;
    if (info->type != H5O_TYPE_DATASET) {
        return 0;
    }
    if (l->n == l->cap) {
        size_t cap = 2 * l->cap + 64;
        char **grown = realloc(l->paths, cap * sizeof *grown);
        if (grown == NULL) {
            l->failed = true;
            return -1;
        }
        l->paths = grown;
        l->cap = cap;
    }
    size_t len = strlen(name) + 2;
    l->paths[l->n] = malloc(len);
    if (l->paths[l->n] == NULL) {
        l->failed = true;
        return -1;
    }
    snprintf(l->paths[l->n++], len, "/%s", name);
    return 0;
}

static void list_free(dataset_list *l)
{
    for (size_t k = 0; k < l->n; k++) {
        free(l->paths[k]);
    }
    free(l->paths);
}

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Make path a scale when its one dimension bears its name; 1 when it is one. */
static int mark_scale(hid_t file, const char *path)
{
    char dims[256];
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    if (dset < 0) {
        return -1;
    }
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    const char *name = basename_of(path);
    int is_scale = strcmp(dims, name) == 0;
    herr_t status = is_scale ? H5DSset_scale(dset, name) : 0;
    herr_t closed = H5Dclose(dset);
    return status < 0 || closed < 0 ? -1 : is_scale;
}

/* The scale named axis in the group of path or the nearest group above, opened; a
 * negative id when there is none. */
static hid_t find_scale(hid_t file, const char *path, const char *axis, int len)
{
    char at[512];
    size_t group = (size_t)(basename_of(path) - path); /* keeps the trailing / */
    while (group > 0) {
        snprintf(at, sizeof at, "%.*s%.*s", (int)group, path, len, axis);
        if (H5Lexists(file, at, H5P_DEFAULT) > 0) {
            hid_t scale = H5Dopen2(file, at, H5P_DEFAULT);
            if (scale >= 0 && H5DSis_scale(scale) > 0) {
                return scale;
            }
            H5Dclose(scale);
        }
        while (--group > 0 && path[group - 1] != '/') {
        }
    }
    return H5I_INVALID_HID;
}

/* Attach each axis of the dataset at path to its scale. */
static ps_status attach_dataset(hid_t file, const char *fname, const char *path,
                                ps_error *err)
{
    char dims[256];
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    if (dset < 0) {
        return ps_fail(err, PS_EHDF5, "%s: %s: cannot open", fname, path);
    }
    ps_record_get_text(dset, "dimensions", dims, sizeof dims);
    ps_status st = PS_OK;
    unsigned axis = 0;
    for (const char *p = dims; *p != '\0' && st == PS_OK; axis++) {
        int len = (int)strcspn(p, ",");
        hid_t scale = find_scale(file, path, p, len);
        if (scale < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: no dimension scale for axis %.*s", fname,
                         path, len, p);
        } else if (H5DSattach_scale(dset, scale, axis) < 0 || H5Dclose(scale) < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: cannot attach the scale %.*s", fname,
                         path, len, p);
        }
        p += p[len] == ',' ? len + 1 : len;
    }
    if (H5Dclose(dset) < 0 && st == PS_OK) {
        st = ps_fail(err, PS_EHDF5, "%s: %s: cannot close", fname, path);
    }
    return st;
}

ps_status ps_record_attach_scales(hid_t file, const char *fname, ps_error *err)
{
    dataset_list l = {0};
    herr_t visited =
        H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, collect, &l, H5O_INFO_BASIC);
    ps_status st = visited < 0 || l.failed
                       ? ps_fail(err, PS_EHDF5, "%s: cannot list the datasets", fname)
                       : PS_OK;
    int *is_scale = calloc(l.n + 1, sizeof *is_scale);
    if (st == PS_OK && is_scale == NULL) {
        st = ps_fail(err, PS_ENOMEM, "%s: cannot list the datasets", fname);
    }
    for (size_t k = 0; k < l.n && st == PS_OK; k++) {
        is_scale[k] = mark_scale(file, l.paths[k]);
        if (is_scale[k] < 0) {
            st = ps_fail(err, PS_EHDF5, "%s: %s: cannot make it a scale", fname,
                         l.paths[k]);
        }
    }
    for (size_t k = 0; k < l.n && st == PS_OK; k++) {
        st = is_scale[k] ? PS_OK : attach_dataset(file, fname, l.paths[k], err);
    }
    free(is_scale);
    list_free(&l);
    return st;
}
