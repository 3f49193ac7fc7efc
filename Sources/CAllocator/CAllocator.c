#include "CAllocator.h"

#if defined(__GLIBC__)
#include <malloc.h>

void cmeaudit_keep_freed_memory(void) {
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}
#else
void cmeaudit_keep_freed_memory(void) {}
#endif
