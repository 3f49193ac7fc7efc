import ArgumentParser
import CMEAudit
import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditReport
import CMEAuditSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension DateOrder: ExpressibleByArgument {}

/// When to exit 1: a finding at or above a severity, or (for `audit`) a requirement not met.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
  case info, warning, error, unmet

  var severity: Severity? { Severity(rawValue: rawValue) }
}

struct Reconcile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Cross-check transcripts, logs and certificates and report gaps, duplicates, unverifiable entries and discrepancies.",
    discussion: """
      A folder argument reads the layout of samples/: DIR/transcripts/ (CSV, .xlsx or MedBiquitous XML), \
      DIR/logs/ (CSV, .xlsx, .txt, .md) and DIR/certificates/ (a certificates folder); paths in the report \
      are then relative to DIR.

      Exit codes: 0 the audit ran; 1 a finding at or above --fail-on; 2 an input could not be read at all \
      or the report could not be written; 64 the command line is wrong.
      """)

  @OptionGroup var options: RunOptions

  func validate() throws {
    try options.requireSources()
    if options.failOn == .unmet {
      throw ValidationError("--fail-on unmet needs rules: use cmeaudit audit --rules FILE.")
    }
  }

  func run() throws { try options.execute(rules: []) }
}

/// The sources, period and output options that `reconcile` and `audit` share, and the run itself.
struct RunOptions: ParsableArguments {
  @Argument(help: "A folder laid out as transcripts/, logs/ and certificates/.", completion: .directory)
  var folder: String?

  @Option(
    name: .customLong("transcript"), help: "A transcript export (CSV, .xlsx or MedBiquitous XML). Repeatable."
  )
  var transcripts: [String] = []

  @Option(
    name: .customLong("log"), help: "A personal log (CSV, .xlsx, or a notes list in .txt or .md). Repeatable."
  )
  var logs: [String] = []

  @Option(name: .customLong("certificates"), help: "A certificates folder. Repeatable.")
  var certificates: [String] = []

  @Option(
    name: .customLong("activities"),
    help:
      "A CSV or .xlsx naming activities known only by id (ACCME Activity ID, title, provider). Repeatable.")
  var activityCatalogs: [String] = []

  @Option(
    help: """
      A mapping profile (YAML) for the --transcript, --log, --roster, --activities or --schedule given just \
      before it; before any input, it applies to every transcript and log without one. Repeatable.
      """)
  var profile: [String] = []

  @Option(help: "The sheet to read in .xlsx workbooks (default: the first with a recognisable header).")
  var sheet: String?

  @Option(
    help: ArgumentHelp(
      """
      A folder to keep certificates' text in between runs, by each file's SHA-256, so that a rerun does not \
      read them (OCR) again. Nothing is written anywhere unless it is given; never inside an input folder.
      """, valueName: "folder"))
  var cache: String?

  @Option(
    help: """
      Day/month order of numeric dates such as 3/4/2026 (mdy or dmy), for files whose own dates do not \
      settle it; without it such dates are reported, not guessed.
      """)
  var dateOrder: DateOrder?

  @Option(
    help: "The academic (PGY) year starting 1 July of this year, e.g. 2025 for 2025-07-01 to 2026-06-30.")
  var academicYear: Int?

  @Option(help: "First day of the period (YYYY-MM-DD).")
  var from: String?

  @Option(help: "Last day of the period (YYYY-MM-DD).")
  var to: String?

  @Option(help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ReportFormat = .text

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(
    help:
      "Exit 1 when a finding at or above this severity exists (error or warning), or, for audit, a requirement is unmet (unmet)."
  )
  var failOn: FailOn?

  @Option(help: "The day the audit is run as (YYYY-MM-DD), for the age of pending claims; default today.")
  var asOf: String?

  @Option(
    help: "A decisions file (YAML) from an earlier review: links confirmed or rejected, findings accepted.")
  var decisions: String?

  @Option(
    help:
      "A physician file (YAML: licensedOn, deaRegistered, specialties, boards, inTraining, states, ...): which requirements apply (audit).",
    completion: .file())
  var physician: String?

  @Option(
    help: ArgumentHelp(
      "Check only this learner (NPI, email, institution id or name), when the files name several: reconcile, audit and pack keep their records and those naming no learner; attendance reports on them alone.",
      valueName: "npi|email|name"))
  var learner: String?

  @Flag(help: "List every link and the evidence for it in the text report (the JSON report always has them).")
  var explain = false

  @Flag(help: .hidden)
  var timings = false

  func validate() throws {
    if academicYear != nil, from != nil || to != nil {
      throw ValidationError("Give either --academic-year or --from/--to, not both.")
    }
    if let year = academicYear, !(1900...2999).contains(year) {
      throw ValidationError("--academic-year must be a year such as 2025.")
    }
    for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf)] {
      if let value, CalendarDay(iso: value) == nil {
        throw ValidationError("\(name) must be a date written YYYY-MM-DD, got '\(value)'.")
      }
    }
  }

  /// Whether a folder or a file to read was given (each command checks, as it counts its own options too).
  var hasSources: Bool { folder != nil || !transcripts.isEmpty || !logs.isEmpty || !certificates.isEmpty }

  /// Refuses a command line with nothing to read.
  func requireSources() throws {
    guard hasSources else {
      throw ValidationError("Give at least one source: a folder, --transcript, --log or --certificates.")
    }
  }

  /// Reconciles (and audits against `rules`), writes the report, and exits as --fail-on says.
  /// `pack` writes the evidence pack (a zip) instead of a report.
  func execute(rules: [String], pack: Bool = false) throws {
    let report: Report
    do {
      report = try run(rules: rules, pack: pack)
    } catch {
      reportError(error)
      // A wrong command line (--from after --to, a --learner the files do not name) is 64, as
      // ArgumentParser's own errors are; an input that cannot be read, or an output not written, 2.
      if case .usage = error { throw ExitCode(64) }
      throw ExitCode(2)
    }
    if let severity = failOn?.severity, let worst = report.worstSeverity, worst >= severity {
      throw ExitCode(1)
    }
    if failOn == .unmet, report.audit?.contains(where: { !$0.met }) == true {
      throw ExitCode(1)
    }
  }

  /// Reads the sources and rule files, reconciles, audits and writes the report; returns it for the exit code.
  private func run(rules paths: [String], pack: Bool) throws(CMEAuditError) -> Report {
    let input = try sources()
    var rules: [RuleSet] = []
    for path in paths { rules.append(try RuleSet.load(URL(fileURLWithPath: path), displayPath: path)) }
    let today = asOf.flatMap(CalendarDay.init(iso:)) ?? Self.today()
    var reconciler = Reconciler(period: try period(), today: today)
    // Progress on a terminal only, on standard error, never in the report.
    let showProgress = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    if showProgress {
      reconciler.progress = { message in
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)…".utf8))
      }
    }
    let clearProgress = { if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
    defer { clearProgress() }  // also when the run stops with an error
    let report = try reconciler.run(input, rules: rules)
    clearProgress()  // before the report reaches the same terminal
    let useColour =
      output == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    let renderStart = ContinuousClock.now
    if pack {
      try write(try EvidencePack.build(report: report), inputs: input, also: rules.map(\.path))
      return report
    }
    try write(
      format.renderer(colour: useColour, explain: explain).data(report), inputs: input,
      also: rules.map(\.path))
    if timings {
      let render = StageTiming(stage: "render", duration: ContinuousClock.now - renderStart)
      let stages = (report.timings + [render]).map { "\($0.stage)=\($0.milliseconds)ms" }
      FileHandle.standardError.write(Data(("timings: " + stages.joined(separator: " ") + "\n").utf8))
    }
    return report
  }

  func period() throws(CMEAuditError) -> Period? {
    if let year = academicYear { return Period.academicYear(year) }
    guard from != nil || to != nil else { return nil }
    let start = from.flatMap(CalendarDay.init(iso:)) ?? CalendarDay(year: 1900, month: 1, day: 1)!
    let end = to.flatMap(CalendarDay.init(iso:)) ?? CalendarDay(year: 2999, month: 12, day: 31)!
    guard start <= end else { throw .usage("--from \(start) is after --to \(end).") }
    return Period(from: start, to: end)
  }

  func sources() throws(CMEAuditError) -> ReconcileInput {
    let profiles = try loadProfiles()
    var input = ReconcileInput(
      transcripts: transcripts.map { spec($0, .transcript, profiles) },
      logs: logs.map { spec($0, .log, profiles) },
      certificateFolders: certificates.map { spec($0, .certificate, [:]) })
    let own = try ownProfiles(for: activityCatalogs)
    input.activityCatalogs = activityCatalogs.map { spec($0, .transcript, own) }
    input.learner = learner
    if let decisions {
      input.decisions = try Decisions.load(URL(fileURLWithPath: decisions), displayPath: decisions)
    }
    if let physician {
      input.physician = try Physician.load(URL(fileURLWithPath: physician), displayPath: physician)
    }
    if let folder {
      let layout = try FolderLayout.read(folder)
      // The command's options apply to the folder's files as to those named one by one.
      let withOptions = { (spec: SourceSpec) -> SourceSpec in
        var spec = spec
        spec.sheet = sheet
        spec.dateOrder = dateOrder
        return spec
      }
      input.transcripts += layout.transcripts.map(withOptions)
      input.logs += layout.logs.map(withOptions)
      input.certificateFolders += layout.certificateFolders.map(withOptions)
      input.activityCatalogs += layout.activityCatalogs
    }
    if let cache {
      try OutputFile(path: cache).refuse(over: [], inside: inputFolders(input), what: "the cache")
      let target = URL(fileURLWithPath: cache).standardizedFileURL.resolvingSymlinksInPath()
      for index in input.certificateFolders.indices { input.certificateFolders[index].textCache = target }
    }
    return input
  }

  private func spec(_ path: String, _ kind: RecordKind, _ profiles: [String: ImportProfile]) -> SourceSpec {
    var spec = SourceSpec(
      url: URL(fileURLWithPath: path), displayPath: path, kind: kind, sheet: sheet, dateOrder: dateOrder)
    spec.profile = profiles[path]
    return spec
  }

  /// Each --transcript and --log's mapping profile, loaded, by the input's path (`ProfileAssignment` reads
  /// which belongs to which from the raw arguments, in order).
  private func loadProfiles() throws(CMEAuditError) -> [String: ImportProfile] {
    guard !profile.isEmpty else { return [:] }
    let assignment = try ProfileAssignment(arguments: CommandLine.arguments.dropFirst())
    var loaded: [String: ImportProfile] = [:]
    for path in profile where loaded[path] == nil {  // in the order written
      loaded[path] = try ImportProfile.load(URL(fileURLWithPath: path), displayPath: path)
    }
    var byInput: [String: ImportProfile] = [:]
    for input in transcripts + logs {
      if let path = assignment.profile(for: input) { byInput[input] = loaded[path] }
    }
    return byInput
  }

  /// The profiles written right after these `--activities`, `--roster` or `--schedule` files, loaded, by path.
  func ownProfiles(for paths: [String]) throws(CMEAuditError) -> [String: ImportProfile] {
    guard !profile.isEmpty, !paths.isEmpty else { return [:] }
    let assignment = try ProfileAssignment(arguments: CommandLine.arguments.dropFirst())
    var byInput: [String: ImportProfile] = [:]
    for input in paths {
      if let path = assignment.ownProfile(for: input) {
        byInput[input] = try ImportProfile.load(URL(fileURLWithPath: path), displayPath: path)
      }
    }
    return byInput
  }

  /// Writes the report to --output (as `OutputFile` says: never over an input or into an input folder,
  /// whole or not at all) or to standard output. `also`: the run's other files (rule files; a schedule and
  /// rosters), which a report must not replace either.
  func write(_ bytes: Data, inputs: ReconcileInput, also: [String] = []) throws(CMEAuditError) {
    guard let output else {
      FileHandle.standardOutput.write(bytes)
      return
    }
    // Every file the run reads: transcripts and logs, and the decisions, physician, profile and catalog files.
    let named = also + activityCatalogs + profile + [decisions, physician].compactMap { $0 }
    let file = OutputFile(path: output)
    try file.refuse(
      over: (inputs.transcripts + inputs.logs).map(\.url.path) + named, inside: inputFolders(inputs),
      what: "the report")
    try file.write(bytes, what: "the report")
  }

  /// The folders given as input (certificates, a folder of logs), which are read whole: a file written into
  /// one would be read back as an input next time, or overwrite one.
  func inputFolders(_ inputs: ReconcileInput) -> [(path: String, shown: String)] {
    var folders = (inputs.certificateFolders + (inputs.transcripts + inputs.logs)).filter {
      FileManager.default.isFolder($0.url.path)
    }.map { ($0.url.path, $0.displayPath) }
    if let folder {  // the folder convention reads its subfolders whole
      for name in [FolderLayout.transcriptsFolder, FolderLayout.logsFolder, FolderLayout.certificatesFolder] {
        folders.append((folder + "/" + name, folder + "/" + name))
      }
    }
    return folders
  }

  static func today() -> CalendarDay {
    let now = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
    return CalendarDay(year: now.year ?? 2000, month: now.month ?? 1, day: now.day ?? 1)
      ?? CalendarDay(dayNumber: 0)
  }
}
