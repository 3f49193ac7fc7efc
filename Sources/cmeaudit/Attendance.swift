import ArgumentParser
import CMEAudit
import CMEAuditAttendance
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

struct Attendance: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "The CME office's check: sessions without attendance, sign-ins not credited, credit without sign-in.",
    discussion: """
      Reads a schedule (CSV or .xlsx of sessions, or a YAML series rule), attendance rosters (sign-in \
      exports; a file whose name says "registration" is a registration list and never counts as \
      attendance), the office's multi-learner transcript export (--transcript) and residents' logs (--log, a \
      file or a folder with one file per learner). Learners are matched by NPI, then email or id, then name. \
      --learner reports on one learner: each session as it stands for them, and their findings.

      Exit codes: 0 the check ran; 1 a finding at or above --fail-on; 2 an input could not be read at all; \
      64 the command line is wrong.
      """)

  @Option(help: "The schedule: a CSV or .xlsx of sessions, or a YAML series rule.")
  var schedule: String

  @Option(name: .customLong("roster"), help: "A sign-in export (CSV or .xlsx). Repeatable.")
  var rosters: [String] = []

  @OptionGroup var options: RunOptions

  /// The options `reconcile` has and this check would ignore are refused, not silently dropped.
  func validate() throws {
    // Sign-ins alone are a check of their own: which sessions no one signed in to.
    guard options.hasSources || !rosters.isEmpty else {
      throw ValidationError("Give at least one source: --roster, --transcript, --log or a folder.")
    }
    let ignored = [
      ("--certificates", !options.certificates.isEmpty),
      ("--decisions", options.decisions != nil), ("--activities", !options.activityCatalogs.isEmpty),
      ("--explain", options.explain), ("--fail-on unmet", options.failOn == .unmet),
    ].filter(\.1).map(\.0)
    guard ignored.isEmpty else {
      throw ValidationError(
        "attendance checks every learner's sign-ins, transcript and logs; it does not take "
          + ignored.joined(separator: ", ") + " (those are for reconcile, audit and pack).")
    }
  }

  func run() throws {
    let report: AttendanceReport
    do {
      let own = try options.ownProfiles(for: rosters + [schedule])
      var input = AttendanceInput(
        schedule: SourceSpec(
          url: URL(fileURLWithPath: schedule), displayPath: schedule, kind: .transcript,
          dateOrder: options.dateOrder))
      input.schedule.profile = own[schedule]
      let sources = try options.sources()
      input.rosters = rosters.map {
        var spec = SourceSpec(
          url: URL(fileURLWithPath: $0), displayPath: $0, kind: .transcript, dateOrder: options.dateOrder)
        spec.profile = own[$0]
        return spec
      }
      input.transcripts = sources.transcripts
      input.logs = sources.logs
      input.learner = options.learner
      let today = options.asOf.flatMap(CalendarDay.init(iso:)) ?? RunOptions.today()
      report = try input.run(period: try options.period(), today: today)
      var written = sources
      written.transcripts += input.rosters + [input.schedule]
      let renderStart = ContinuousClock.now
      try options.write(
        AttendanceRenderer.data(report, format: options.format), inputs: written, also: rosters + [schedule])
      if options.timings {
        let render = StageTiming(stage: "render", duration: ContinuousClock.now - renderStart)
        let stages = (report.timings + [render]).map { "\($0.stage)=\($0.milliseconds)ms" }
        FileHandle.standardError.write(Data(("timings: " + stages.joined(separator: " ") + "\n").utf8))
      }
    } catch {
      reportError(error)
      if case .usage = error { throw ExitCode(64) }
      throw ExitCode(2)
    }
    if let severity = options.failOn?.severity, let worst = report.findings.map(\.severity).max(),
      worst >= severity
    {
      throw ExitCode(1)
    }
  }
}
