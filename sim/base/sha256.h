/* sha256.h - SHA-256 (FIPS 180-4), for the digest that ties sweep files, journals and
 * parts to one sweep */
#ifndef PROTSIM_SHA256_H
#define PROTSIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A running hash: start with ps_sha256_init, feed bytes, read the digest once. */
typedef struct ps_sha256 {
    uint32_t h[8];
    uint64_t n_bytes; /* fed so far */
    unsigned char block[64];
    size_t n_block; /* bytes waiting in block */
} ps_sha256;

void ps_sha256_init(ps_sha256 *s);
void ps_sha256_update(ps_sha256 *s, const void *data, size_t n);

/* Finish and write the 32-byte digest as 64 lowercase hex digits and a NUL into
 * hex[65]. s must be initialised again before reuse. */
void ps_sha256_hex(ps_sha256 *s, char hex[65]);

#endif
