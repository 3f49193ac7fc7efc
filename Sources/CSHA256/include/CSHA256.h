#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The SHA-256 of the `length` bytes at `data`, written to the 32 bytes at `digest`: one call, no
/// allocation. swift-crypto's `SHA256` allocates (and zeroes twice) a context object for every digest; a
/// large transcript's import takes a digest of every row for its record ids, and that overhead was a
/// twelfth of the import (Benchmarks/run measures it; see README, Performance).
void cmeaudit_sha256(const uint8_t *data, size_t length, uint8_t digest[32]);

#endif
