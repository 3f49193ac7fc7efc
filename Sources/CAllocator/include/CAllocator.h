#ifndef CALLOCATOR_H
#define CALLOCATOR_H

/// Tells glibc's malloc to keep memory a batch run frees: the trim threshold is raised to 1 GiB, the heap grows
/// 64 MiB at a time, and only blocks over 32 MiB get a mapping of their own (mallopt(3): M_TRIM_THRESHOLD,
/// M_TOP_PAD, M_MMAP_THRESHOLD). <malloc.h> is not part of Swift's Glibc module, hence this C target. Elsewhere
/// than glibc it does nothing.
void cmeaudit_keep_freed_memory(void);

#endif
