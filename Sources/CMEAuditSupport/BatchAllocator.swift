internal import CAllocator

/// How a batch run (one run, then exit) asks the allocator to behave. glibc's malloc hands freed memory back to
/// the kernel as soon as a little is free at the top of a heap, and serves every block over 128 KiB (a chunk
/// being read, a table) with a fresh mapping: a run that builds and frees hundreds of MB then faults the same
/// memory in again, page by page, and on a VM each fresh page is slow. A batch run keeps what it freed (up to
/// 1 GiB) and grows its heaps 64 MiB at a time; blocks over 32 MiB (the records of a large file) are still
/// mapped on their own. `Benchmarks/run` measures the runs this is for; docs/performance.md has the figures.
public enum BatchAllocator {
  /// Keeps freed memory for reuse until the process exits. Only a process that runs once and exits calls it.
  public static func keepFreedMemory() { cmeaudit_keep_freed_memory() }
}
