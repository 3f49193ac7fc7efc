#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Tells glibc's malloc to keep memory a batch run frees (mallopt(3): M_TRIM_THRESHOLD, M_TOP_PAD,
/// M_MMAP_THRESHOLD; the values and why are in CAllocator.c and BatchAllocator). <malloc.h> is not part of
/// Swift's Glibc module, hence this C target. Elsewhere than glibc it does nothing.
void cmeaudit_keep_freed_memory(void);

#endif
