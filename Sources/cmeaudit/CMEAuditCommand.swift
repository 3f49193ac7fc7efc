import ArgumentParser
import CMEAudit

#if canImport(Glibc)
  import Glibc
#endif

@main
struct CMEAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cmeaudit",
    abstract: "Reconcile and audit physicians' CME records: transcripts, personal logs and certificates.",
    discussion: """
      Exit codes: 0 the audit ran (findings below --fail-on do not fail it); 1 a finding at or above \
      --fail-on; 2 an input file could not be read at all, or the output could not be written; \
      64 the command line is wrong.
      """,
    version: "0.1.0",
    subcommands: [
      Reconcile.self, Audit.self, Attendance.self, Pack.self, Inspect.self, ReadBenchmarkCommand.self,
      JSONBenchmarkCommand.self, DigestBenchmarkCommand.self,
    ],
    defaultSubcommand: Reconcile.self
  )

  static func main() {
    tuneAllocator()
    ExitReclaim.enable()  // one run, then exit: the rows are not freed one by one
    main(nil)
  }

  /// glibc's malloc hands freed memory back to the kernel as soon as a little is free at the top of a heap, and
  /// serves every block over 128 KiB (a chunk being read, a table) with a fresh mapping: a run that builds and
  /// frees hundreds of MB then faults the same memory in again, page by page, and on a VM each fresh page costs
  /// microseconds. A batch run keeps what it freed (up to 1 GiB) and grows its heaps 64 MiB at a time; blocks
  /// over 32 MiB (the records of a large file) are still mapped on their own. Measured on a 400k-row transcript:
  /// ~12,000 fewer page faults (of ~90,000), import and check each ~5–10% faster. (`Benchmarks/run`)
  static func tuneAllocator() {
    #if canImport(Glibc)
      // <malloc.h> is not in the Glibc module: mallopt is looked up, with its parameters' numbers from there.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)
      _ = mallopt(trimThreshold, 1 << 30)
      _ = mallopt(topPad, 64 << 20)
      _ = mallopt(mmapThreshold, 32 << 20)
    #endif
  }
}
