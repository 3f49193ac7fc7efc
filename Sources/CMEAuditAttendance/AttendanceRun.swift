import CMEAuditAnalysis
import CMEAuditImport
import CMEAuditModel
import CMEAuditSupport
import Foundation

/// Everything `cmeaudit attendance` reads, imported and audited.
public struct AttendanceInput: Sendable {
  public var schedule: SourceSpec
  public var rosters: [SourceSpec] = []
  public var transcripts: [SourceSpec] = []
  /// Log files, or folders of them (one file per learner).
  public var logs: [SourceSpec] = []
  /// One learner to report on (NPI, email, institution id or name, as `reconcile --learner` takes it): a
  /// resident asking the office which of their sessions were not credited. Nil: every learner.
  public var learner: String?

  public init(schedule: SourceSpec) { self.schedule = schedule }

  /// Many files' rows in one array, in order (one file's are taken as they are: a large transcript is not
  /// copied), moved rather than copied: a copy counts another reference to each of a row's texts, and each
  /// file's array then lets go of them again, on one core. The second half of the array's pages is faulted
  /// in on the other core meanwhile (`MemoryWarming`), while this one faults in the first as it moves rows
  /// there (fresh pages are most of the cost on a VM). The files' arrays are left holding `placeholder`.
  static func gathered<Row>(_ parts: inout [[Row]], placeholder: Row) -> [Row] {
    if parts.count == 1 { return parts.removeFirst() }
    let total = parts.reduce(0) { $0 + $1.count }
    return Array(unsafeUninitializedCapacity: total) { buffer, initialized in
      let half = total / 2
      let warming = MemoryWarming(UnsafeMutableBufferPointer(rebasing: buffer[half...]), count: total - half)
      var next = buffer.baseAddress
      for index in parts.indices {
        parts[index].withUnsafeMutableBufferPointer { part in
          guard let from = part.baseAddress, let to = next, !part.isEmpty else { return }
          to.moveInitialize(from: from, count: part.count)
          from.initialize(repeating: placeholder, count: part.count)
          next = to + part.count
        }
      }
      initialized = total
      warming.wait()
    }
  }

  /// A record holding no memory of its own (empty texts and lists), left where a record was moved from.
  static let placeholder = ActivityRecord(
    id: "", kind: .log, source: Provenance(path: "", line: nil), date: nil, title: "")

  /// A sign-in holding no memory of its own, left where one was moved from.
  static let placeholderEntry = AttendanceEntry(
    learner: Learner(), date: CalendarDay(dayNumber: 0), source: Provenance(path: "", line: nil),
    isRegistration: false)

  /// Reads every source and runs the check; rows that cannot be read become `unreadable-row` findings.
  /// The files are read at once on all cores (largest first); the report does not depend on the order.
  public func run(period: Period?, today: CalendarDay) throws(CMEAuditError) -> AttendanceReport {
    var clock = StageClock()
    // Logs alone have nothing to be checked against: every claim would be "not recorded", every session
    // without attendance.
    guard !rosters.isEmpty || !transcripts.isEmpty else {
      throw .usage(
        "attendance checks logs against sign-ins and posted credit: give --roster or --transcript too (one "
          + "learner's log alone: cmeaudit reconcile).")
    }
    let (sessions, scheduleIssues) = try ScheduleReader.read(schedule)
    let rows = try importRows(sessionDays: Set(sessions.map(\.date)))
    clock.lap("import")
    var auditor = AttendanceAuditor(period: period, today: today)
    auditor.creditsGiven = !transcripts.isEmpty
    auditor.signInsGiven = !rosters.isEmpty
    var report: AttendanceReport
    if let learner {
      report = try auditor.audit(
        sessions: sessions, entries: rows.entries, credits: rows.credits, logs: rows.logs, for: learner)
    } else {
      report = auditor.audit(
        sessions: sessions, entries: rows.entries, credits: rows.credits, logs: rows.logs)
    }
    report.sources = rows.tallies.filter { $0.files > 0 }
    clock.lap("check")
    report.findings += (scheduleIssues + rows.issues).map { issue in
      Finding(
        code: .unreadableRow, severity: .error, message: "Could not import: \(issue.reason).",
        action: issue.location.line == nil
          ? "Fix the file (or ask the learner for it again) and run the check again; until then none of it counts."
          : "Fix this row in the file (or re-export it) and run the check again; until then it counts nowhere.",
        records: [], locations: [issue.location])
    }
    report.findings.sort(by: FindingRules.order)
    clock.lap("sort")
    ExitReclaim.keep((rows.entries, rows.credits, rows.logs))
    report.timings = clock.timings
    return report
  }

  /// Every sign-in, credit record and log line the files hold, each kind in one array; the rows that could
  /// not be read; and what each kind of file contributed.
  private struct ImportedRows {
    var entries: [AttendanceEntry]
    var credits: [ActivityRecord]
    var logs: [ActivityRecord]
    var issues: [ImportIssue]
    var tallies: [AttendanceReport.SourceTally]
  }

  /// Reads the rosters, transcripts and logs at once on all cores.
  private func importRows(sessionDays: Set<CalendarDay>) throws(CMEAuditError) -> ImportedRows {
    let jobs =
      rosters.map { ImportJob.roster($0, sessionDays: sessionDays) }
      + transcripts.map { ImportJob.transcript($0) }
      + (try logFiles()).map { ImportJob.log($0.spec, listed: $0.listed) }
    // Largest first, so that one big file does not start last and keep a core waiting. The files of a
    // folder of logs are taken as small, in the folder's order (asking each one's size would look up every
    // path, on one core, before any was read).
    let sizes = jobs.map(\.size)
    let largestFirst = jobs.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
    var imported = [ImportJob.Outcome](repeating: .init(), count: jobs.count)
    var outcomes = try Parallel.map(largestFirst.map { jobs[$0] }) {
      (job: ImportJob) throws(CMEAuditError) -> ImportJob.Outcome in try job.run()
    }
    for (index, outcome) in zip(largestFirst, outcomes) { imported[index] = outcome }
    outcomes = []  // the rows live on in `imported` only, then in the gathered arrays
    var issues: [ImportIssue] = []
    var entryParts: [[AttendanceEntry]] = []
    var creditParts: [[ActivityRecord]] = []
    var logParts: [[ActivityRecord]] = []
    var tallies = ["roster", "transcript", "log"].map(AttendanceReport.SourceTally.init)
    for (index, job) in jobs.enumerated() {
      let outcome = imported[index]
      imported[index] = .init()  // the file's rows now live only in the gathered arrays
      issues += outcome.issues
      if let kind = tallies.firstIndex(where: { $0.kind == job.kind }) { tallies[kind].add(outcome) }
      switch job {
      case .roster: entryParts.append(outcome.entries)
      case .transcript: creditParts.append(outcome.records)
      case .log: logParts.append(outcome.records)
      }
    }
    imported = []
    return ImportedRows(
      entries: Self.gathered(&entryParts, placeholder: Self.placeholderEntry),
      credits: Self.gathered(&creditParts, placeholder: Self.placeholder),
      logs: Self.gathered(&logParts, placeholder: Self.placeholder), issues: issues, tallies: tallies)
  }

  /// One file to read.
  fileprivate enum ImportJob: Sendable {
    /// A sign-in export, and the schedule's days (for a file whose dates do not settle their order).
    case roster(SourceSpec, sessionDays: Set<CalendarDay>)
    case transcript(SourceSpec)
    /// A log file; `listed`: found in a folder given, not given itself.
    case log(SourceSpec, listed: Bool)

    struct Outcome: Sendable {
      var entries: [AttendanceEntry] = []
      var records: [ActivityRecord] = []
      var issues: [ImportIssue] = []
      var totalRows = 0
      var skipped = 0
      var headerRows = 0
    }

    /// The kind, as the report's `sources` name it.
    var kind: String {
      switch self {
      case .roster: "roster"
      case .transcript: "transcript"
      case .log: "log"
      }
    }

    var size: Int {
      switch self {
      case .log(_, listed: true): return 0
      case .roster(let spec, _), .transcript(let spec), .log(let spec, _):
        return FileReading.status(spec.url)?.size ?? 0
      }
    }

    func run() throws(CMEAuditError) -> Outcome {
      switch self {
      case .roster(let spec, let sessionDays):
        let (entries, problems, totalRows, headerRows) = try RosterReader.read(
          spec.heldIfPipe(), sessionDays: sessionDays)
        return Outcome(entries: entries, issues: problems, totalRows: totalRows, headerRows: headerRows)
      case .transcript(let given):
        let spec = try given.heldIfPipe()
        let result = try ImporterRegistry.importer(for: spec).importSource(spec)
        return Outcome(
          records: result.records, issues: result.issues, totalRows: result.summary.totalRows,
          skipped: result.summary.skipped)
      case .log(let spec, let listed):
        var result: ImportResult
        do {
          let held = try spec.heldIfPipe()
          result = try ImporterRegistry.importer(for: held).importSource(held)
        } catch {
          // One learner's file in a folder of thousands that cannot be read (empty, not a table, a folder)
          // is reported and the rest are checked; a file named on the command line still stops the run.
          guard listed, case .unreadable(_, let reason) = error else { throw error }
          return Outcome(issues: [
            ImportIssue(location: Provenance(path: spec.displayPath, line: nil), reason: reason)
          ])
        }
        // A log without a learner column is the learner's own: named by the file ("jane-doe.csv").
        let owner = Learner(name: AttendanceInput.name(fileName: spec.fileName))
        for index in result.records.indices where result.records[index].learner == nil {
          result.records[index].learner = owner
        }
        return Outcome(
          records: result.records, issues: result.issues, totalRows: result.summary.totalRows,
          skipped: result.summary.skipped)
      }
    }
  }

  /// The log files: each file given, and the files of each folder given.
  private func logFiles() throws(CMEAuditError) -> [(spec: SourceSpec, listed: Bool)] {
    var files: [(spec: SourceSpec, listed: Bool)] = []
    for log in logs {
      guard let status = FileReading.status(log.url) else {
        throw .unreadable(path: log.displayPath, reason: "no such file or folder")
      }
      guard status.isDirectory else {
        files.append((log, false))
        continue
      }
      // Each file is read as the folder was to be read (day/month order, sheet, profile), unless a
      // `NAME.profile.yaml` beside it says otherwise.
      for var file in try FolderLayout.files(in: log.url, shownAs: log.displayPath, kind: .log) {
        file.sheet = log.sheet
        file.dateOrder = log.dateOrder
        file.profile = file.profile ?? log.profile
        files.append((file, true))
      }
    }
    return files
  }

  /// "jane-doe.csv", "Doe, Jane.xlsx" → a name (the extension cut from the name, not through the URL's
  /// `deletingPathExtension`, which is slow on Linux and asked of every log).
  static func name(fileName file: String) -> String {
    let name = String(SourceSpec.split(file).stem.map { $0 == "_" || $0 == "-" ? " " : $0 })
    // "di-fox.csv" is Di Fox; a name already capitalised ("McKay, Jo.csv") is left as written.
    return name == name.lowercased() ? name.capitalized : name
  }
}

extension AttendanceReport.SourceTally {
  /// Counts one file of this kind.
  fileprivate mutating func add(_ outcome: AttendanceInput.ImportJob.Outcome) {
    files += 1
    records += outcome.entries.count + outcome.records.count
    rejected += outcome.issues.count
    totalRows += outcome.totalRows
    skipped += outcome.skipped
    headerRows += outcome.headerRows
  }
}
