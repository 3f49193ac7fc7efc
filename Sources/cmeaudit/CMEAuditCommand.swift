import ArgumentParser
import CMEAudit
import CMEAuditSupport

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
    BatchAllocator.keepFreedMemory()
    ExitReclaim.enable()  // one run, then exit: the rows are not freed one by one
    main(nil)
  }
}
