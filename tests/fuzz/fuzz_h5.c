/* fuzz_h5.c - the readers of result files on well-formed but crafted files (issue 11
 * item 2): the sweep-file reader of `protsim merge` and `sweep --resume`
 * (ps_record_sweep_load) and `protsim info` (every kind of file). The input picks one of
 * the result files seeds.sh made (byte 0) and edits a copy through HDF5 (the rest: up
 * to MAX_EDITS edits of two bytes, operation and object, each followed by the bytes it
 * consumes): a dataset reshaped, retyped, deleted or rewritten, an attribute deleted or
 * rewritten. Raw bytes are not fuzzed here: a corrupted file is libhdf5's to detect
 * (tests/fuzz/README.md). A failure is one line; a sweep part that loads holds its
 * results, each run DONE, FAILED or MISSING; no HDF5 object stays open afterwards
 * (issue 11 item 6: a file left open crashed HDF5 at exit). */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hdf5.h>

#include "fuzz_common.h"
#include "protsim/record.h"
#include "record_common.h"
#include "record_sweep.h"

#define MAX_SEEDS 32
#define MAX_OBJECTS 256
#define MAX_EDITS 8
#define MAX_POINTS 4096
#define PATH_TEXT 4096

static FILE *devnull;
typedef struct seed {
    uint8_t *data;
    size_t size;
} seed;
static seed seeds[MAX_SEEDS];
static size_t n_seeds;

/* The input being consumed: bytes past its end read as 0. */
typedef struct input {
    const uint8_t *data;
    size_t size, at;
} input;

static unsigned next(input *in)
{
    return in->at < in->size ? in->data[in->at++] : 0;
}

/* The result files of seeds.sh (PS_FUZZ_SEEDS/h5), read in name order. */
static void setup(void)
{
    struct dirent **names = NULL;
    int n = scandir(PS_FUZZ_SEEDS "/h5", &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char path[PATH_TEXT];
        snprintf(path, sizeof path, "%s/h5/%s", PS_FUZZ_SEEDS, names[i]->d_name);
        FILE *f =
            names[i]->d_name[0] != '.' && n_seeds < MAX_SEEDS ? fopen(path, "rb") : NULL;
        if (f != NULL && fseek(f, 0, SEEK_END) == 0 && ftell(f) > 0) {
            seed *sd = &seeds[n_seeds++];
            sd->size = (size_t)ftell(f);
            sd->data = malloc(sd->size);
            rewind(f);
            if (sd->data == NULL || fread(sd->data, 1, sd->size, f) != sd->size) {
                ps_fuzz_fail("cannot read %s", path);
            }
        }
        if (f != NULL) {
            fclose(f);
        }
        free(names[i]);
    }
    free(names);
    devnull = fopen("/dev/null", "w");
    if (n_seeds == 0 || devnull == NULL) {
        ps_fuzz_fail("no result files in %s/h5 (run seeds.sh first)", PS_FUZZ_SEEDS);
    }
}

/* The datasets of a file, by path, in the order H5Ovisit gives (by name). */
typedef struct objects {
    char *path[MAX_OBJECTS];
    size_t n;
} objects;

static herr_t collect(hid_t o, const char *name, const H5O_info_t *info, void *data)
{
    (void)o;
    objects *obj = data;
    if (info->type == H5O_TYPE_DATASET && obj->n < MAX_OBJECTS) {
        obj->path[obj->n++] = strdup(name);
    }
    return 0;
}

/* The types a dataset is rewritten with; NULL marks variable-length text. */
static hid_t type_of(unsigned k)
{
    const hid_t types[] = {H5T_NATIVE_DOUBLE, H5T_NATIVE_INT64, H5T_NATIVE_INT32,
                           H5T_NATIVE_UINT8,  H5T_NATIVE_FLOAT, H5T_NATIVE_UINT64};
    return types[k % (sizeof types / sizeof types[0])];
}

/* Write dataset path of type (a numeric type, or text when text) and the shape given,
 * its values taken from the input; the old one (if any) deleted first. */
static void rewrite(hid_t file, const char *path, hid_t type, bool text, int rank,
                    const hsize_t *dims, input *in)
{
    static uint8_t values[MAX_POINTS * 8];
    static char words[MAX_POINTS][8];
    static const char *word[MAX_POINTS];
    hsize_t points = 1;
    for (int d = 0; d < rank; d++) {
        points *= dims[d];
    }
    if (points > MAX_POINTS) {
        return;
    }
    hid_t mem = text ? H5Tcopy(H5T_C_S1) : H5Tcopy(type);
    if (text) {
        H5Tset_size(mem, H5T_VARIABLE);
        H5Tset_cset(mem, H5T_CSET_UTF8);
    }
    for (hsize_t p = 0; p < points; p++) {
        size_t len = next(in) % 8;
        for (size_t c = 0; c < len; c++) {
            words[p][c] = (char)(next(in) % 95 + 32);
        }
        words[p][len] = '\0';
        word[p] = words[p];
    }
    for (size_t b = 0; !text && b < points * H5Tget_size(mem); b++) {
        values[b] = (uint8_t)next(in);
    }
    H5Ldelete(file, path, H5P_DEFAULT);
    hid_t space = rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, dims, NULL);
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t dset = H5Dcreate2(file, path, mem, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    if (dset >= 0) {
        H5Dwrite(dset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, text ? (void *)word : values);
    }
    H5Dclose(dset);
    H5Pclose(lcpl);
    H5Sclose(space);
    H5Tclose(mem);
}

/* The shape and type of an existing dataset (rank -1 when it cannot be opened); *type
 * is a copy of a native type of the same class and size, the caller's to close. */
static int shape_of(hid_t file, const char *path, hsize_t *dims, hid_t *type, bool *text)
{
    hid_t dset = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t space = dset >= 0 ? H5Dget_space(dset) : H5I_INVALID_HID;
    int rank = space >= 0 ? H5Sget_simple_extent_dims(space, dims, NULL) : -1;
    hid_t t = dset >= 0 ? H5Dget_type(dset) : H5I_INVALID_HID;
    *text = t >= 0 && H5Tget_class(t) == H5T_STRING;
    *type = H5Tcopy(*text || t < 0 ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT64);
    if (!*text && t >= 0 && H5Tget_class(t) == H5T_FLOAT) {
        H5Tclose(*type);
        *type = H5Tcopy(H5Tget_size(t) == 4 ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE);
    } else if (!*text && t >= 0 && H5Tget_size(t) < 8) {
        H5Tset_size(*type, H5Tget_size(t));
    }
    H5Tclose(t);
    H5Sclose(space);
    H5Dclose(dset);
    return rank;
}

/* An attribute of the object at path: deleted, or rewritten as a number or text. */
static void edit_attribute(hid_t file, const char *path, input *in)
{
    hid_t obj = H5Oopen(file, path, H5P_DEFAULT);
    H5O_info_t info;
    unsigned op = next(in) % 3, k = next(in);
    char name[256] = "";
    if (obj >= 0 && H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS) >= 0 &&
        info.num_attrs > 0) {
        H5Aget_name_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, k % info.num_attrs, name,
                           sizeof name, H5P_DEFAULT);
    }
    if (name[0] != '\0' && H5Adelete(obj, name) >= 0 && op > 0) {
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t type = op == 1 ? H5Tcopy(H5T_NATIVE_INT64) : H5Tcopy(H5T_C_S1);
        int64_t number = (int64_t)next(in) - 128;
        char text[8] = "";
        if (op == 2) {
            H5Tset_size(type, 1 + next(in) % 7);
            for (size_t c = 0; c + 1 < H5Tget_size(type); c++) {
                text[c] = (char)next(in);
            }
        }
        hid_t attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(attr, type, op == 1 ? (void *)&number : (void *)text);
        H5Aclose(attr);
        H5Tclose(type);
        H5Sclose(space);
    }
    H5Oclose(obj);
}

/* One edit of the dataset path (its operation op). */
static void edit(hid_t file, const char *path, unsigned op, input *in)
{
    hsize_t dims[H5S_MAX_RANK] = {0};
    hid_t type;
    bool text;
    int rank = shape_of(file, path, dims, &type, &text);
    if (rank < 0 || rank > 3) {
        H5Tclose(type);
        return;
    }
    switch (op % 5) {
    case 0: /* reshape: rank 0-3, each extent 0-32 */
        rank = (int)(next(in) % 4);
        for (int d = 0; d < rank; d++) {
            dims[d] = next(in) % 33;
        }
        rewrite(file, path, type, text, rank, dims, in);
        break;
    case 1: /* retype: a numeric type or text, same shape */
        text = next(in) % 7 == 6;
        rewrite(file, path, type_of(next(in)), text, rank, dims, in);
        break;
    case 2:
        H5Ldelete(file, path, H5P_DEFAULT);
        break;
    case 3: /* new values, same shape and type */
        rewrite(file, path, type, text, rank, dims, in);
        break;
    default:
        edit_attribute(file, next(in) % 2 == 0 ? "/" : path, in);
    }
    H5Tclose(type);
}

/* Zero the seal of the file at path (docs/output.md): edited, it is no longer what
 * protsim wrote, and the readers' checks of its layout are what this target tests. */
static void unseal(const char *path)
{
    static const char zeros[PS_RECORD_SEAL_SIZE];
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || pwrite(fd, zeros, sizeof zeros, 0) != (ssize_t)sizeof zeros ||
        close(fd) != 0) {
        ps_fuzz_fail("cannot unseal %s", path);
    }
}

/* Write the seed the input names to rel and apply the input's edits to it. */
static void make_file(const char *rel, input *in)
{
    const seed *sd = &seeds[next(in) % n_seeds];
    char path[PATH_TEXT];
    snprintf(path, sizeof path, "%s", ps_fuzz_write(rel, sd->data, sd->size));
    hid_t file = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (file < 0) {
        ps_fuzz_fail("cannot open the copy of a seed");
    }
    objects obj = {.n = 0};
    H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, collect, &obj, H5O_INFO_BASIC);
    for (int e = 0; e < MAX_EDITS && in->at + 2 <= in->size && obj.n > 0; e++) {
        unsigned op = next(in);
        edit(file, obj.path[next(in) % obj.n], op, in);
    }
    for (size_t i = 0; i < obj.n; i++) {
        free(obj.path[i]);
    }
    H5Fclose(file);
    if (H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) != 0) {
        ps_fuzz_fail("the target left HDF5 objects open"); /* its own bug */
    }
    unseal(path);
}

/* Nothing of HDF5's may stay open once a reader has returned. */
static void check_all_closed(const char *reader)
{
    ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
    if (open != 0) {
        ps_fuzz_fail("%zd HDF5 objects left open by %s", open, reader);
    }
}

static int one(const uint8_t *data, size_t size)
{
    input in = {data, size, 0};
    make_file("tests/data/fuzz-input.h5", &in);
    char h5[PATH_TEXT];
    snprintf(h5, sizeof h5, "%s/tests/data/fuzz-input.h5", ps_fuzz_root());
    ps_sweep_part *part = NULL;
    ps_error err = {0};
    ps_status st = ps_record_sweep_load(h5, &part, &err);
    if (st != PS_OK) {
        ps_fuzz_check_failure(st, &err);
    } else if (part->res == NULL || part->res->status == NULL ||
               part->res->values == NULL ||
               (part->res->n_series > 0) != (part->res->series != NULL)) {
        ps_fuzz_fail("a sweep part loaded without its results");
    }
    for (size_t r = 0; part != NULL && r < part->res->n_runs; r++) {
        int s = part->res->status[r]; /* merge copies them into its file */
        if (s != PS_RUN_DONE && s != PS_RUN_FAILED && s != PS_RUN_MISSING) {
            ps_fuzz_fail("a sweep part loaded with run %zu of status %d", r, s);
        }
    }
    ps_record_sweep_destroy(part);
    check_all_closed("ps_record_sweep_load");
    err = (ps_error){0};
    st = ps_record_info(h5, devnull, &err);
    if (st != PS_OK) {
        ps_fuzz_check_failure(st, &err);
    }
    check_all_closed("ps_record_info");
    return 0;
}

const ps_fuzz_target PS_FUZZ_TARGET = {"tests/data", "1G", setup, one};
